perms_of <- function(n) {
  if (n == 1L) return(list(1L))
  out <- list()
  for (p in perms_of(n - 1L)) for (k in 1:n) out[[length(out) + 1L]] <- append(p, n, after = k - 1L)
  out
}

test_that("assignment_matches_brute_force_and_its_duals_certify_it", {
  n <- 6L
  C <- outer(1:n, 1:n, function(i, j) abs(sin(1.7 * i + 0.3 * j * j)) + 0.05 * (i - j)^2)
  best <- min(vapply(perms_of(n), function(p) sum(C[cbind(1:n, p)]), 0))
  r <- assignment(C)
  expect_equal(r$cost, best, tolerance = 1e-13)
  expect_equal(sort(r$perm), 1:n)
  expect_equal(sum(C[cbind(1:n, r$perm)]), best, tolerance = 1e-13)
  expect_true(all(C - outer(r$u, r$v, "+") >= -1e-12))
  expect_true(r$gap <= 0 && r$gap > -1e-12)
  # A batch of two on two threads: the same problem and its transpose.
  b <- assignment(list(C, t(C)), options = list(num_threads = 2))
  expect_equal(b$problem_costs, c(best, best), tolerance = 1e-13)
  expect_equal(dim(b$perm), c(n, 2L))
  expect_equal(b$perm[b$perm[, 1], 2], 1:n)
  expect_error(assignment(C, options = list(num_thread = 2)), 'otc_assignment_f64: options has no field "num_thread"')
  expect_error(assignment(matrix(c(1, NaN, 1, 1), 2)), "otc_assignment_f64")
})

test_that("emd_grid_equals_emd_on_the_dense_cost_of_a_small_grid", {
  h <- 5L; w <- 4L
  a <- matrix(c(3, 0, 1, 2, 5, 0, 0, 1, 4, 2, 1, 1, 0, 3, 2, 1, 0, 2, 1, 1), h, w)
  b <- matrix(c(1, 2, 2, 1, 0, 3, 1, 1, 2, 2, 0, 0, 4, 1, 1, 2, 1, 1, 1, 4), h, w)
  a <- a / sum(a); b <- b / sum(b)
  coords <- cbind(rep(0:(h - 1), w), rep(0:(w - 1), each = h))   # R's linear order
  C <- as.matrix(dist(coords))^2
  dense <- emd(as.vector(a), as.vector(b), C)
  g <- emd_grid(a, b)
  expect_equal(g$cost, dense$cost, tolerance = 1e-12)
  expect_true(g$gap <= 0 && g$gap > -1e-12)
  P <- matrix(0, h * w, h * w)
  P[cbind(g$plan$rows, g$plan$cols)] <- g$plan$mass
  expect_equal(rowSums(P), as.vector(a), tolerance = 1e-14)
  expect_equal(sum(C * P), dense$cost, tolerance = 1e-12)
  expect_equal(sum(a * g$f), sum(b * g$g), tolerance = 1e-12)
  # Spacing 2 along R's second axis: the columns' distances double.
  C2 <- as.matrix(dist(cbind(coords[, 1], 2 * coords[, 2])))^2
  expect_equal(emd_grid(a, b, spacing = c(1, 2))$cost, emd(as.vector(a), as.vector(b), C2)$cost,
               tolerance = 1e-12)
  expect_error(emd_grid(a, 2 * b), "otc_emd_grid_f64.*heavier")
})

test_that("emd_points_equals_emd_on_the_cost_matrix_of_the_clouds", {
  x <- matrix(c(0.1, 0.7, 0.4, 0.0, 0.8, 0.2, 0.3, 0.9, 0.5, 0.8), 5)
  y <- matrix(c(0.2, 0.9, 0.5, 0.3, 0.1, 0.6, 0.5, 0.7), 4)
  a <- rep(1 / 5, 5); b <- c(0.1, 0.4, 0.3, 0.2)
  for (case in list(list("sqeuclidean", 2), list("euclidean", 2), list("minkowski", 3))) {
    C <- cost_matrix(x, y, metric = case[[1]], p = case[[2]])
    dense <- emd(a, b, C)
    r <- emd_points(a, b, x, y, metric = case[[1]], p = case[[2]])
    expect_equal(r$cost, dense$cost, tolerance = 1e-12)
    expect_true(r$gap <= 0 && r$gap > -1e-12)
    expect_equal(sum(r$plan$mass * C[cbind(r$plan$rows, r$plan$cols)]), r$cost, tolerance = 1e-12)
    expect_equal(sum(a * r$f), sum(b * r$g), tolerance = 1e-12)
  }
  expect_error(emd_points(a, 2 * b, x, y), "otc_emd_points_f64.*heavier")
  expect_error(emd_points(a, b, x, y[, 1, drop = FALSE]), "otc_emd_points_f64")
})

test_that("partial_and_tv_unbalanced_match_their_definitions", {
  a <- c(0.5, 0.5); b <- c(0.25, 0.75)
  C <- matrix(c(0, 1, 3, 2), 2)        # C[1,1] = 0, C[2,1] = 1, C[1,2] = 3, C[2,2] = 2
  # Mass 0.25: the free arc (1,1) carries it all.
  p <- emd_partial(a, b, C, 0.25)
  expect_equal(p$cost, 0, tolerance = 1e-15)
  expect_equal(p$transported_mass, 0.25, tolerance = 1e-15)
  expect_equal(p$plan[1, 1], 0.25, tolerance = 1e-15)
  # Mass 0.75: 0.25 on (1,1) at 0, then 0.5 on (2,2) at 2 (cheaper than (1,2) at 3).
  p <- emd_partial(a, b, C, 0.75)
  expect_equal(p$cost, 1, tolerance = 1e-14)
  expect_equal(sum(p$plan), 0.75, tolerance = 1e-14)
  expect_error(emd_partial(a, b, C, 2), "otc_emd_partial_f64")
  # Entropic partial at eps = 0.01: within eps KL(P_0 | ab) of the exact cost 1, mass and
  # capacities held, the plan given by the duals.
  s <- sinkhorn_partial(a, b, C, 0.75, epsilon = 0.01, options = list(tolerance = 1e-12))
  expect_equal(s$status, 0L)
  expect_true(s$transport_cost >= 1 - 1e-12 && s$transport_cost < 1.02)
  expect_equal(sum(s$plan), 0.75, tolerance = 1e-12)
  expect_true(all(rowSums(s$plan) <= a + 1e-12) && all(s$f <= 0) && all(s$g <= 0))
  expect_equal(s$plan, outer(a, b) * exp((outer(s$f, s$g, "+") + s$mass_price - C) / 0.01),
               tolerance = 1e-12)
  expect_error(sinkhorn_partial(a, b, C, 0), "otc_sinkhorn_partial_f64")
  # TV with rho = 0.9: arcs with C < 1.8 move mass: (1,1) and (2,1).
  t <- emd_unbalanced_tv(a, b, C, 0.9)
  expect_equal(t$transported_mass, 0.25, tolerance = 1e-14)
  expect_equal(t$objective, t$cost + 0.9 * (1 + 1 - 2 * 0.25), tolerance = 1e-14)
  expect_equal(sum(a * t$f) + sum(b * t$g), t$objective, tolerance = 1e-12)
  # rho = 1.5 > max C / 2: the balanced plan.
  t <- emd_unbalanced_tv(a, b, C, 1.6)
  expect_equal(t$cost, emd(a, b, C)$cost, tolerance = 1e-14)
  expect_error(emd_unbalanced_tv(a, b, C, -1), "otc_emd_unbalanced_tv_f64")
})
