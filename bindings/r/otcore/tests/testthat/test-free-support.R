test_that("free_support_barycenter_matches_its_closed_forms", {
  y1 <- cbind(sin(0.7 * (1:12)), cos(1.3 * (1:12)))
  y2 <- cbind(3 + cos(0.4 * (1:9)), sin(0.9 * (1:9)))
  x0 <- cbind(0.1 * (1:12), -0.2 * (1:12))
  # One cloud and as many support points: the support lands on the cloud.
  r1 <- free_support_barycenter(list(y1), x0)
  expect_equal(r1$status, 0L)
  expect_equal(r1$x[order(r1$x[, 1]), ], y1[order(y1[, 1]), ], tolerance = 1e-14)
  # Two clouds: the support's mean is the lambda-average of the clouds' means, the objective
  # is positive, two threads give the same support.
  r2 <- free_support_barycenter(list(y1, list(x = y2, a = rep(1 / 9, 9))), x0, c(0.25, 0.75),
                                options = list(num_threads = 1))
  expect_equal(colMeans(r2$x), 0.25 * colMeans(y1) + 0.75 * colMeans(y2), tolerance = 1e-13)
  expect_gt(r2$objective, 0)
  r3 <- free_support_barycenter(list(y1, y2), x0, c(0.25, 0.75), options = list(num_threads = 2))
  expect_identical(r3$x, r2$x)
  expect_warning(free_support_barycenter(list(y1, y2), x0, options = list(max_iter = 1, tol = 0)),
                 "iteration cap")
  expect_error(free_support_barycenter(list(y1, list(x = y2, a = rep(0.2, 9))), x0),
               "measure 1")
})
