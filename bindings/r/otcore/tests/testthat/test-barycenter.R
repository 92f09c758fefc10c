test_that("identical_histograms_give_their_own_blurred_barycenter", {
  x <- seq(0, 1, length.out = 8)
  C <- outer(x, x, function(u, v) (u - v)^2)
  h <- exp(-(x - 0.4)^2 / 0.02)
  h <- h / sum(h)
  r <- barycenter(cbind(h, h), C, eps = 1e-3)
  expect_equal(sum(r$barycenter), 1, tolerance = 1e-6)
  expect_equal(r$barycenter, h, tolerance = 0.05)
  img <- outer(h, h)
  cb <- convolutional_barycenter(list(img, img), eps = 1e-2)
  expect_equal(dim(cb$barycenter), c(8L, 8L))
  expect_equal(sum(cb$barycenter), 1, tolerance = 1e-6)
})

test_that("convolutional_equals_fixed_support_on_the_same_grid", {
  # The convolutional kernel is exp(-d^2/eps) on the h x w grid of the unit square: the same
  # barycenter as fixed support with the squared distances between grid points.
  h <- 4L
  w <- 5L
  grid <- expand.grid(c = (0:(w - 1)) / (w - 1), r = (0:(h - 1)) / (h - 1))  # row-major pixels
  C <- as.matrix(dist(grid[, c("r", "c")]))^2
  set.seed(7)
  a <- matrix(runif(h * w, 0.1, 1), h, w); a <- a / sum(a)
  b <- matrix(runif(h * w, 0.1, 1), h, w); b <- b / sum(b)
  conv <- convolutional_barycenter(list(a, b), eps = 0.05, max_iter = 2000L)
  fixed <- barycenter(cbind(as.vector(t(a)), as.vector(t(b))), C, eps = 0.05, max_iter = 2000L)
  expect_equal(as.vector(t(conv$barycenter)), fixed$barycenter, tolerance = 1e-6)
})

test_that("bad_inputs_are_rejected", {
  expect_error(barycenter(matrix(c(0.5, 0.5), 2), diag(3), eps = 0.1), "otc_barycenter_f64")
  expect_error(convolutional_barycenter(list(diag(2) / 2, matrix(0.25, 2, 3)), eps = 0.1), "same dimensions")
})

test_that("every_c_option_is_reachable_and_the_report_comes_back", {
  x <- seq(0, 1, length.out = 8)
  C <- outer(x, x, function(u, v) (u - v)^2)
  h1 <- exp(-(x - 0.2)^2 / 0.02); h1 <- h1 / sum(h1)
  h2 <- exp(-(x - 0.8)^2 / 0.02); h2 <- h2 / sum(h2)
  r <- barycenter(cbind(h1, h2), C, eps = 0.05, tol = 1e-10)
  expect_true(r$iterations > 3 && r$error <= 1e-10)
  # The cap from the options list (the C field max_iter), tol 0: a warning, 3 iterations.
  expect_warning(capped <- barycenter(cbind(h1, h2), C, eps = 0.05,
                                      options = list(max_iter = 3, tol = 0, num_threads = 1)),
                 "iteration cap")
  expect_equal(capped$iterations, 3)
  expect_true(capped$error > 0)
  expect_equal(barycenter(cbind(h1, h2), C, eps = 1, options = list(epsilon = 0.05, tol = 1e-10))$barycenter,
               r$barycenter)
  expect_error(barycenter(cbind(h1, h2), C, eps = 0.05, options = list(tolerance = 1)),
               'otc_barycenter_f64: options has no field "tolerance"')
  img <- outer(h1, h2)
  expect_error(convolutional_barycenter(list(img, img), eps = 0.05, options = list(num_threads = 257)),
               "257")
  # Two different images (identical ones reach the fixed point at the first iteration).
  expect_warning(cb <- convolutional_barycenter(list(img, t(img)), eps = 0.05, max_iter = 2L, tol = 0),
                 "iteration cap")
  expect_equal(cb$iterations, 2)
})
