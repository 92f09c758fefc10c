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
