perms <- function(n) {
  if (n == 1L) return(list(1L))
  out <- list()
  for (p in perms(n - 1L)) for (k in 1:n) out[[length(out) + 1L]] <- append(p, n, after = k - 1L)
  out
}

test_that("uniform_square_problems_match_brute_force_and_give_permutations", {
  n <- 5L
  C <- outer(1:n, 1:n, function(i, j) abs(sin(1.3 * i + 0.7 * j)) + 0.1 * (i - j)^2)
  best <- min(vapply(perms(n), function(p) sum(C[cbind(1:n, p)]), 0)) / n
  u <- rep(1 / n, n)
  r <- emd(u, u, C)
  expect_equal(r$cost, best, tolerance = 1e-12)
  expect_equal(sum(C * r$plan), best, tolerance = 1e-12)
  expect_true(all(r$plan == 0 | abs(r$plan - 1 / n) < 1e-15))   # a permutation / n
  expect_equal(rowSums(r$plan), u, tolerance = 1e-12)
  expect_equal(colSums(r$plan), u, tolerance = 1e-12)
  expect_equal(sum(u * r$f) + sum(u * r$g), best, tolerance = 1e-10)
  expect_true(all(C - outer(r$f, r$g, "+") >= -1e-12))            # dual feasibility
  expect_equal(r$status, 0L)
  capped <- suppressWarnings(emd(u, u, C, options = list(max_iter = 1)))
  expect_equal(capped$status, 1L)
  expect_equal(capped$iterations, 1)
  expect_warning(emd(u, u, C, options = list(max_iter = 1)), "iteration cap")
})

test_that("dense_problems_of_other_shapes_are_optimal", {
  a <- c(0.2, 0.3, 0.5)
  b <- c(0.6, 0.4)
  C <- matrix(c(1, 0.5, 2, 2, 3, 0.1), 3, 2)
  r <- emd(a, b, C)
  # By hand: row 3 sends 0.4 to column 2 (cost 0.1), the rest goes to column 1.
  want <- matrix(c(0.2, 0.3, 0.1, 0, 0, 0.4), 3, 2)
  expect_equal(r$plan, want, tolerance = 1e-14)
  expect_equal(r$cost, sum(C * want), tolerance = 1e-14)
})

test_that("errors_name_the_problem_and_leave_outputs_untouched", {
  expect_error(emd(c(0.5, 0.5), c(0.3, 0.3), diag(2)), "otc_emd_f64.*(heavier|mass)")
  expect_error(emd(c(0.5, 0.5), c(0.5, 0.5), diag(2), options = list(max_iters = 3)), "no field \"max_iters\"")
  expect_error(emd(c(0.5, 0.5), c(0.5, 0.5), diag(2), options = list(num_threads = 257)), "above the cap")
  expect_error(emd(c(1), c(0.5, 0.5), diag(2)), "a must have length 2")
  expect_error(emd(c(0.5, 0.5), c(0.5, 0.5), matrix(c(1, NaN, 1, 1), 2)), "otc_emd")
  expect_error(emd(c(-0.5, 1.5), c(0.5, 0.5), diag(2)), "otc_emd")
})

test_that("one_d_closed_forms", {
  x <- c(0.3, -1, 2, 0.5)
  y <- c(1, 0, 4, -2)
  for (p in 1:3) {
    expect_equal(wasserstein_1d(x, y, p = p), mean(abs(sort(x) - sort(y))^p), tolerance = 1e-12)
  }
  C <- outer(x, y, function(u, v) (u - v)^2)
  expect_equal(wasserstein_1d(x, y, p = 2), emd(rep(0.25, 4), rep(0.25, 4), C)$cost, tolerance = 1e-12)
  expect_error(wasserstein_1d(x, y, p = 0.5), "otc_wasserstein_1d_f64")
  expect_error(wasserstein_1d(x, y, b = rep(0.26, 4)), "b is heavier")
  # Within options$mass_tolerance, b is rescaled to a's mass.
  expect_equal(wasserstein_1d(x, y, b = rep(0.26, 4), options = list(mass_tolerance = 0.1)),
               wasserstein_1d(x, y), tolerance = 1e-12)
})

test_that("sliced_with_given_directions_matches_one_d_and_closed_forms", {
  x <- matrix(sin(0.7 * (1:20)), 10, 2)
  y <- matrix(cos(0.3 * (1:16)), 8, 2)
  want <- (wasserstein_1d(x[, 1], y[, 1], p = 2) + wasserstein_1d(x[, 2], y[, 2], p = 2)) / 2
  expect_equal(sliced_wasserstein(x, y, directions = diag(2)), want, tolerance = 1e-12)
  expect_identical(sliced_wasserstein(x, y, options = list(num_directions = 50, seed = 3, num_threads = 1)),
                   sliced_wasserstein(x, y, options = list(num_directions = 50, seed = 3, num_threads = 2)))
  expect_false(identical(sliced_wasserstein(x, y, options = list(seed = 3)),
                         sliced_wasserstein(x, y, options = list(seed = 4))))
})

test_that("batch_matches_single_problems", {
  costs <- lapply(1:5, function(l) outer(1:4, 1:3, function(i, j) abs(sin(l + 1.3 * i + 0.7 * j))))
  a <- matrix(0.25, 4, 5)
  b <- matrix(1 / 3, 3, 5)
  r <- emd_batch(a, b, costs, options = list(num_threads = 2))
  expect_equal(r$costs, vapply(costs, function(C) emd(rep(0.25, 4), rep(1 / 3, 3), C)$cost, 0),
               tolerance = 1e-12)
  expect_identical(r$costs, emd_batch(a, b, costs, options = list(num_threads = 1))$costs)
  expect_equal(r$cost, sum(r$costs), tolerance = 1e-15)
  expect_true(all(r$iterations > 0 & r$gaps <= 0 & r$gaps > -1e-12))
})

test_that("warm_start_from_duals_gives_the_same_optimum", {
  n <- 6L
  C <- outer(1:n, 1:n, function(i, j) abs(sin(1.3 * i + 0.7 * j)) + 0.1 * (i - j)^2)
  u <- rep(1 / n, n)
  cold <- emd(u, u, C)
  C2 <- C + 0.01 * outer(1:n, 1:n, function(i, j) cos(i * j))
  warm <- emd(u, u, C2, warm_f = cold$f, warm_g = cold$g)
  expect_equal(warm$cost, emd(u, u, C2)$cost, tolerance = 1e-12)
  expect_error(emd(u, u, C2, warm_f = cold$f), "together")
})
