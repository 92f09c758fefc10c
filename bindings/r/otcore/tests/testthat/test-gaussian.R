test_that("commuting_covariances_match_the_closed_form", {
  s1 <- c(1, 4, 0.25)
  s2 <- c(9, 1, 0)
  want <- sum((sqrt(s1) - sqrt(s2))^2)
  expect_equal(bures(diag(s1), diag(s2)), want, tolerance = 1e-12)
  m1 <- c(1, 2, 3)
  m2 <- c(0, 2, 5)
  expect_equal(gaussian_w2(m1, diag(s1), m2, diag(s2)), sum((m1 - m2)^2) + want, tolerance = 1e-12)
  W <- gaussian_w2_pairwise(rbind(m1, m2), list(diag(s1), diag(s2)), rbind(m2), list(diag(s2)))
  expect_equal(W[1, 1], sum((m1 - m2)^2) + want, tolerance = 1e-12)
  expect_lt(abs(W[2, 1]), 1e-12)
})

test_that("the_map_pushes_sigma1_to_sigma2_and_is_symmetric_psd", {
  S1 <- matrix(c(2, 0.5, 0.5, 1), 2)
  S2 <- matrix(c(1, -0.3, -0.3, 3), 2)
  m1 <- c(1, -1)
  m2 <- c(0.5, 2)
  T <- gaussian_map(m1, S1, m2, S2)
  expect_equal(T$A %*% S1 %*% T$A, S2, tolerance = 1e-10)
  expect_equal(T$A, t(T$A), tolerance = 1e-12)
  expect_equal(as.vector(T$A %*% m1) + T$b, m2, tolerance = 1e-12)
  x <- matrix(c(1, 3, -1, 2, 4, 0), 3, 2)
  expect_equal(gaussian_map_apply(T$A, T$b, x), x %*% t(T$A) + matrix(T$b, 3, 2, byrow = TRUE),
               tolerance = 1e-12)
  g <- gaussian_geodesic(m1, S1, m2, S2, 1)
  expect_equal(g$mean, m2, tolerance = 1e-12)
  expect_equal(g$cov, S2, tolerance = 1e-10)
  expect_equal(gaussian_geodesic(m1, S1, m2, S2, 0.5)$mean, (m1 + m2) / 2)
})

test_that("psd_sqrt_squares_back_and_pseudo_inverts_singular_matrices", {
  S <- matrix(c(4, 1, 1, 3), 2)
  r <- psd_sqrt(S)
  expect_equal(r$sqrt %*% r$sqrt, S, tolerance = 1e-12)
  expect_equal(r$rank, 2)
  expect_equal(r$inv_sqrt %*% S %*% r$inv_sqrt, diag(2), tolerance = 1e-12)
  expect_warning(s <- psd_sqrt(diag(c(4, 0))), "singular")
  expect_equal(s$inv_sqrt, diag(c(0.5, 0)), tolerance = 1e-12)
})

test_that("barycenter_of_commuting_covariances_is_the_closed_form", {
  s <- list(c(1, 4), c(9, 1))
  w <- c(0.25, 0.75)
  r <- gaussian_barycenter(rbind(c(0, 0), c(4, 8)), lapply(s, diag), weights = w)
  expect_equal(r$mean, c(3, 6))
  expect_equal(r$cov, diag((w[1] * sqrt(s[[1]]) + w[2] * sqrt(s[[2]]))^2), tolerance = 1e-9)
  expect_gte(r$iterations, 1)
  expect_lte(r$error, 1e-13)
  # Non-commuting covariances with max_iter = 1: the cap's warning, the iterate reached.
  S3 <- matrix(c(2, 1, 1, 2), 2)
  expect_warning(capped <- gaussian_barycenter(rbind(c(0, 0), c(4, 8)), list(diag(2), S3),
                                               options = list(max_iter = 1, num_threads = 1)),
                 "iteration cap")
  expect_equal(capped$iterations, 1)
  expect_gt(capped$error, 0)
  expect_error(gaussian_barycenter(rbind(c(0, 0)), list(diag(2)), options = list(maxiter = 3)),
               'otc_gaussian_barycenter_f64: options has no field "maxiter"')
})

test_that("moments_match_a_direct_computation", {
  x <- matrix(c(1, 3, -1, 0, 2, 5, 0.5, 0), 4, 2)
  w <- c(0.1, 0.2, 0.3, 0.4)
  r <- gaussian_moments(x, weights = w)
  mu <- colSums(w * x)
  expect_equal(r$mean, mu)
  xc <- sweep(x, 2, mu)
  expect_equal(r$cov, t(xc) %*% (w * xc), tolerance = 1e-12)
})

test_that("entropic_closed_form_is_the_value_of_an_optimal_gaussian_plan", {
  # Equal unit variances, means 1 apart: W2^2 = 1 as eps -> 0, and the entropic cost is larger.
  expect_equal(gaussian_w2(0, matrix(1), 1, matrix(1), eps = 1e-8), 1, tolerance = 1e-5)
  expect_gt(gaussian_w2(0, matrix(1), 1, matrix(1), eps = 0.5), 1)
})

test_that("non_symmetric_or_indefinite_input_is_an_error_with_a_message", {
  expect_error(bures(diag(c(1, -1)), diag(2)), "otc_bures_f64.*(PSD|positive|semi)")
  expect_error(bures(diag(2), diag(2), options = list(psd_tol = -1)), "psd_tol")
  expect_error(bures(matrix(1, 2, 3), diag(2)), "square")
})
