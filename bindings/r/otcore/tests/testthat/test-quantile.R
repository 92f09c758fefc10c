test_that("quantile_1d_barycenter_1d_and_the_geodesic_match_their_closed_forms", {
  # Uniform weights on 4 points: Q(u) = x_(ceiling(4u)).
  x <- c(3, -1, 2, 0.5)
  expect_equal(quantile_1d(x, c(0.1, 0.25, 0.3, 0.6, 1)), c(-1, -1, 0.5, 2, 3))
  # Uniform measures on [0, 1] and [4, 10] (cell midpoints, shuffled): the barycenter with
  # lambda = (0.25, 0.75) is uniform on [3, 7.75].
  n <- 8
  mu <- ((c(3, 0, 5, 2, 7, 4, 1, 6)) + 0.5) / n
  nu <- 4 + 6 * (c(1, 6, 3, 0, 5, 2, 7, 4) + 0.5) / n
  b <- barycenter_1d(list(mu, nu), c(0.25, 0.75))
  expect_equal(b$points, 3 + 4.75 * (seq_len(n) - 0.5) / n, tolerance = 1e-14)
  expect_equal(b$weights, rep(1 / n, n), tolerance = 1e-15)
  # p = 1 between two Diracs: the weighted median.
  expect_equal(barycenter_1d(list(-1, 3), c(0.25, 0.75), p = 1)$points, 3)
  # The geodesic: W2^2(nu_t, mu) = t^2 W2^2(mu, nu), weighted measures of different sizes.
  rho <- list(x = c(0.3, -2, 1.7, 0.9, 4), a = c(0.1, 0.3, 0.2, 0.25, 0.15))
  d <- wasserstein_1d(rho$x, nu, a = rho$a, p = 2)
  for (t in c(0, 0.3, 0.8)) {
    g <- mccann_geodesic_1d(rho, nu, t)
    expect_equal(wasserstein_1d(g$points, rho$x, a = g$weights, b = rho$a, p = 2), t^2 * d,
                 tolerance = 1e-12)
    expect_equal(wasserstein_1d(g$points, nu, a = g$weights, p = 2), (1 - t)^2 * d,
                 tolerance = 1e-12)
  }
  # Errors carry otcore's message.
  expect_error(quantile_1d(x, 1.5), "levels\\[0\\]")
  expect_error(barycenter_1d(list(mu, list(x = nu, a = rep(0.2, n)))), "measure 1 sums to")
  expect_error(barycenter_1d(list(mu, nu), p = 0.5), "otc_barycenter_1d_f64")
  expect_error(mccann_geodesic_1d(mu, nu, 2), "t must be in")
  expect_error(barycenter_1d(list(mu, nu), options = list(mass_tol = 1)), "mass_tolerance")
})
