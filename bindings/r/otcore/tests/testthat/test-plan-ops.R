test_that("plan_position_gradient_is_the_gradient_of_the_exact_value", {
  x <- cbind(sin(1.7 * (1:5) + 0.3), cos(0.9 * (1:5)))
  y <- cbind(1.5 + cos(2.3 * (1:4)), sin(1.1 * (1:4)))
  a <- c(0.1, 0.3, 0.2, 0.15, 0.25)
  b <- c(0.4, 0.1, 0.3, 0.2)
  value <- function(x, y) emd(a, b, cost_matrix(x, y))$cost
  r <- emd(a, b, cost_matrix(x, y))
  g <- plan_position_gradient(x, y, r$plan)
  h <- 1e-6
  for (k in seq_along(x)) {
    xp <- x; xm <- x
    xp[k] <- xp[k] + h
    xm[k] <- xm[k] - h
    expect_equal(g$gx[k], (value(xp, y) - value(xm, y)) / (2 * h), tolerance = 1e-6)
  }
  for (k in seq_along(y)) {
    yp <- y; ym <- y
    yp[k] <- yp[k] + h
    ym[k] <- ym[k] - h
    expect_equal(g$gy[k], (value(x, yp) - value(x, ym)) / (2 * h), tolerance = 1e-6)
  }
  expect_error(plan_position_gradient(x, y, -r$plan), "plan entry")
  expect_error(plan_position_gradient(x, y, r$plan, options = list(metric = 9)), "opts->metric")
})

test_that("displacement_interpolation_carries_the_masses_and_moves_linearly", {
  x <- cbind(sin(1.7 * (1:5) + 0.3), cos(0.9 * (1:5)))
  y <- cbind(1.5 + cos(2.3 * (1:4)), sin(1.1 * (1:4)))
  a <- c(0.1, 0.3, 0.2, 0.15, 0.25)
  b <- c(0.4, 0.1, 0.3, 0.2)
  P <- emd(a, b, cost_matrix(x, y))$plan
  mu0 <- displacement_interpolation(x, y, P, 0)
  idx <- which(t(P) > 0) - 1
  i <- idx %/% 4 + 1
  j <- idx %% 4 + 1
  expect_equal(mu0$points, x[i, , drop = FALSE], tolerance = 0)
  expect_equal(as.vector(tapply(mu0$weights, i, sum)), a, tolerance = 1e-15)
  half <- displacement_interpolation(x, y, P, 0.5)
  expect_equal(half$points, 0.5 * (x[i, , drop = FALSE] + y[j, , drop = FALSE]), tolerance = 1e-15)
  mu1 <- displacement_interpolation(x, y, P, 1)
  expect_equal(as.vector(tapply(mu1$weights, j, sum)), b, tolerance = 1e-15)
  expect_error(displacement_interpolation(x, y, P, 1.5), "t is")
})

test_that("free_support_barycenter_with_sinkhorn_inner_solves_keeps_the_mean", {
  y1 <- cbind(sin(0.7 * (1:12)), cos(1.3 * (1:12)))
  y2 <- cbind(3 + cos(0.4 * (1:9)), sin(0.9 * (1:9)))
  x0 <- cbind(0.1 * (1:12), -0.2 * (1:12))
  r <- free_support_barycenter(list(y1, y2), x0, c(0.25, 0.75), eps = 0.2,
                               options = list(tol = 1e-6, max_iter = 2000))
  expect_equal(r$status, 0L)
  expect_equal(colMeans(r$x), 0.25 * colMeans(y1) + 0.75 * colMeans(y2), tolerance = 1e-7)
  expect_error(free_support_barycenter(list(y1), x0, eps = 0), "epsilon is")
})
