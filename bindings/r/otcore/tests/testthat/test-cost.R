sq <- function(a, b) sum((a - b)^2)

test_that("cost_matrix_matches_naive_for_every_metric", {
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
  x <- matrix(sin(1:600), 200, 3)
  y <- matrix(cos(1:450), 150, 3)
  expect_identical(cost_matrix(x, y, threads = 1L), cost_matrix(x, y, threads = 2L))
  storage.mode(x) <- "integer"  # integers are converted
  expect_equal(dim(cost_matrix(x, y)), c(200L, 150L))
})

test_that("cost_matrix_rejects_bad_input", {
  x <- matrix(1, 3, 2)
  x[2, 1] <- NaN
  expect_error(cost_matrix(x, matrix(1, 2, 2)), "^otc_cost_matrix_f64: x.*NaN.*\\(")
  expect_error(cost_matrix(matrix(1, 3, 2), matrix(1, 2, 3)), "otc_cost_matrix_f64")
  expect_error(cost_matrix(matrix(1, 3, 2), matrix(1, 2, 2), "manhattan"))
  expect_error(cost_matrix(1:3, matrix(1, 2, 2)), "numeric matrix")
})

test_that("cost_matrix_reaches_every_c_option_by_name", {
  x <- matrix(sin(1 + 0.7 * (0:14)), 5, 3)
  y <- matrix(cos(0.3 + 1.1 * (0:11)), 4, 3)
  # metric 2 = OTC_METRIC_MINKOWSKI, p = 3, one thread: the C fields override the arguments.
  expect_identical(cost_matrix(x, y, options = list(metric = 2L, p = 3, num_threads = 1L)),
                   cost_matrix(x, y, "minkowski", p = 3))
  expect_error(cost_matrix(x, y, options = list(metrc = 1L)),
               'otc_cost_matrix_f64: options has no field "metrc"')
  expect_error(cost_matrix(x, y, options = list(metric = 9L)), "metric = 9 is unknown")
  expect_error(cost_matrix(x, y, options = list(num_threads = 257L)), "257")
  expect_error(cost_matrix(x, y, options = list(1L)), "named list")
})
