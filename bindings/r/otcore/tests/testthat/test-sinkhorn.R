pts <- function() {
  list(x = matrix(sin(0.9 * (1:12)), 6, 2), y = matrix(cos(0.4 * (1:10)), 5, 2))
}

test_that("converged_potentials_give_the_marginals_and_the_reported_values", {
  p <- pts()
  C <- cost_matrix(p$x, p$y)
  a <- rep(1 / 6, 6)
  b <- rep(1 / 5, 5)
  r <- sinkhorn(a, b, C, eps = 0.05, tol = 1e-12, max_iter = 100000L)
  expect_true(r$converged)
  expect_equal(rowSums(r$plan), a, tolerance = 1e-8)
  expect_equal(colSums(r$plan), b, tolerance = 1e-8)
  expect_equal(r$cost, sum(C * r$plan), tolerance = 1e-10)
  # P_ij = a_i b_j exp((f_i + g_j - C_ij) / eps)
  expect_equal(r$plan, outer(a, b) * exp((outer(r$f, r$g, "+") - C) / 0.05), tolerance = 1e-8)
})

test_that("the_transport_cost_tends_to_the_exact_cost_as_epsilon_falls", {
  p <- pts()
  C <- cost_matrix(p$x, p$y)
  a <- rep(1 / 6, 6)
  b <- rep(1 / 5, 5)
  exact <- emd(a, b, C)$cost
  gaps <- vapply(c(0.1, 0.01, 0.003),
                 function(e) sinkhorn(a, b, C, eps = e, max_iter = 100000L)$cost - exact, 0)
  expect_true(all(gaps > -1e-9))
  expect_true(all(diff(gaps) < 0))
  expect_lt(gaps[3], 1e-3)
})

test_that("f32_agrees_with_f64_and_points_agree_with_dense", {
  p <- pts()
  a <- rep(1 / 6, 6)
  b <- rep(1 / 5, 5)
  d <- sinkhorn(a, b, cost_matrix(p$x, p$y), eps = 0.1)
  s <- sinkhorn_points(p$x, p$y, a, b, eps = 0.1)
  expect_equal(s$cost, d$cost, tolerance = 1e-9)
  expect_equal(s$map, (d$plan %*% p$y) / rowSums(d$plan), tolerance = 1e-9)
})

test_that("divergence_is_zero_for_identical_inputs_and_positive_otherwise", {
  p <- pts()
  x <- p$x
  y <- x + 0.5
  a <- rep(1 / 6, 6)
  Cxx <- cost_matrix(x, x)
  expect_lt(abs(sinkhorn_divergence(a, a, Cxx, Cxx, Cxx, eps = 0.1)), 1e-10)
  v <- sinkhorn_divergence_points(x, y, a, a, eps = 0.1)
  expect_gt(v, 0)
  expect_equal(v, sinkhorn_divergence(a, a, cost_matrix(x, y), Cxx, cost_matrix(y, y), eps = 0.1),
               tolerance = 1e-8)
})

test_that("bad_inputs_are_refused", {
  expect_error(sinkhorn(c(0.5, 0.5), c(0.5, 0.5), diag(2), eps = -1), "otc_sinkhorn_f64")
  expect_error(sinkhorn(c(0.5, 0.5), c(0.5, 0.5), diag(2)), "eps")
  expect_error(sinkhorn(1, c(0.5, 0.5), diag(2), eps = 0.1), "a must have length 2")
  expect_warning(r <- sinkhorn(c(0.3, 0.7), c(0.6, 0.4), matrix(c(0, 1, 3, 0.5), 2), eps = 1e-2,
                               tol = 1e-15, max_iter = 1L), "iteration cap")
  expect_equal(r$status, 1L)
  expect_equal(r$iterations, 1L)
})
