sq <- function(a, b) sum((a - b)^2)

test_that("cost_matrix_matches_naive_for_every_metric", {
  need("cost")
  x <- matrix(sin(1 + 0.7 * (0:14)), 5, 3)
  y <- matrix(cos(0.3 + 1.1 * (0:11)), 4, 3)
  expect_equal(cost_matrix(x, y), naive(x, y, sq), tolerance = 1e-12)
  expect_equal(cost_matrix(x, y, "euclidean"), naive(x, y, function(a, b) sqrt(sq(a, b))),
               tolerance = 1e-12)
  expect_equal(cost_matrix(x, y, "minkowski", p = 3),
               naive(x, y, function(a, b) sum(abs(a - b)^3)^(1 / 3)), tolerance = 1e-12)
  expect_equal(cost_matrix(x, y, "cosine"),
               naive(x, y, function(a, b) 1 - sum(a * b) / sqrt(sum(a^2) * sum(b^2))),
               tolerance = 1e-12)
})

test_that("cost_matrix_does_not_depend_on_threads", {
  need("cost")
  x <- matrix(sin(1:600), 200, 3)
  y <- matrix(cos(1:450), 150, 3)
  expect_identical(cost_matrix(x, y, threads = 1L), cost_matrix(x, y, threads = 2L))
  storage.mode(x) <- "integer"  # integers are converted
  expect_equal(dim(cost_matrix(x, y)), c(200L, 150L))
})

test_that("cost_matrix_rejects_bad_input", {
  need("cost")
  x <- matrix(1, 3, 2)
  x[2, 1] <- NaN
  expect_error(cost_matrix(x, matrix(1, 2, 2)), "^otc_cost_matrix_f64: x.*NaN.*\\(")
  expect_error(cost_matrix(matrix(1, 3, 2), matrix(1, 2, 3)), "otc_cost_matrix_f64")
  expect_error(cost_matrix(matrix(1, 3, 2), matrix(1, 2, 2), "manhattan"))
  expect_error(cost_matrix(1:3, matrix(1, 2, 2)), "numeric matrix")
})
