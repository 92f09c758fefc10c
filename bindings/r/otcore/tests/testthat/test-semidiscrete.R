test_that("laguerre_assign_matches_brute_force", {
  pts <- matrix(sin(1.7 * (1:40)), 20, 2)
  sites <- matrix(cos(0.9 * (1:8)), 4, 2)
  g <- c(0.1, -0.2, 0, 0.3)
  r <- laguerre_assign(pts, sites, g)
  want <- apply(pts, 1, function(p) which.min(colSums((t(sites) - p)^2) - g))
  expect_identical(r$cells, as.integer(want))
  expect_equal(r$masses, tabulate(want, 4) / 20)
  expect_identical(laguerre_assign(pts, sites, g, threads = 1L), laguerre_assign(pts, sites, g, threads = 2L))
  w <- (1:20) / sum(1:20)
  expect_equal(laguerre_assign(pts, sites, g, weights = w)$masses,
               vapply(1:4, function(j) sum(w[want == j]), 0))
})

test_that("semidiscrete_masses_reach_the_targets", {
  pts <- matrix((0.618034 * (1:400)) %% 1, 400, 1)
  sites <- matrix(c(0.2, 0.5, 0.9), 3, 1)
  b <- c(0.5, 0.3, 0.2)
  r <- semidiscrete(pts, sites, b, method = "gradient", max_iter = 10000L)
  expect_equal(r$masses, b, tolerance = 0.02)
  expect_lt(abs(sum(r$g)), 1e-9)
  expect_equal(laguerre_assign(pts, sites, r$g)$masses, r$masses, tolerance = 1e-12)
})

test_that("lloyd_and_sgd_on_the_unit_interval", {
  pts <- matrix(seq(0, 1, length.out = 1001), 1001, 1)
  r <- lloyd(pts, matrix(c(0.1, 0.2), 2, 1), max_iter = 500L)
  expect_equal(sort(as.vector(r$sites)), c(0.25, 0.75), tolerance = 1e-3)  # optimal 2-point quantiser
  expect_equal(r$distortion, 1 / 48, tolerance = 1e-2)
  k <- 0
  sampler <- function(count) {
    v <- (0.618034 * (k + seq_len(count))) %% 1
    k <<- k + count
    matrix(v, count, 1)
  }
  r <- semidiscrete_sgd(sampler, matrix(c(0.25, 0.75), 2, 1), c(0.5, 0.5), iterations = 2000L, batch = 16L)
  g <- r$g
  expect_lt(abs(g[1] - g[2]), 0.05)  # symmetric sites and source: equal weights
  expect_equal(r$iterations, 2000)
  expect_true(r$error >= 0 && r$error <= 1 && r$step > 0)  # 0: a batch split exactly as b
  expect_error(semidiscrete_sgd(function(count) stop("no"), matrix(c(0.25, 0.75), 2, 1), c(0.5, 0.5)),
               "otc_semidiscrete_sgd_f64")
})

test_that("from_samples_f32_agrees_with_f64_and_threads_do_not_matter", {
  # (R has no single precision: the thread-count and seed parts of the Rust test.)
  pts <- matrix((0.618034 * (1:1000)) %% 1, 1000, 1)
  sites <- matrix(c(0.25, 0.75), 2, 1)
  g1 <- semidiscrete_sgd_samples(pts, sites, c(0.3, 0.7), seed = 4, threads = 1L, iterations = 5000L)$g
  expect_identical(g1, semidiscrete_sgd_samples(pts, sites, c(0.3, 0.7), seed = 4, threads = 2L, iterations = 5000L)$g)
  # The seed is the C option `seed`: given by name, it overrides the argument.
  expect_identical(g1, semidiscrete_sgd_samples(pts, sites, c(0.3, 0.7), seed = 9, iterations = 5000L,
                                                options = list(seed = 4))$g)
  # The boundary between the two cells sits at the 0.3 quantile: g1 - g2 = (0.3-0.25)^2 - (0.3-0.75)^2.
  expect_equal(g1[1] - g1[2], 0.05^2 - 0.45^2, tolerance = 0.05)
  expect_error(semidiscrete_sgd_samples(pts, sites, c(0.3, 0.7), seed = -1), "seed")
  bad <- pts
  bad[3] <- NaN
  expect_error(semidiscrete_sgd_samples(bad, sites, c(0.3, 0.7)), "otc_semidiscrete_sgd_f64")
})

test_that("options_reach_every_field_of_the_c_structs", {
  pts <- matrix((0.618034 * (1:400)) %% 1, 400, 1)
  sites <- matrix(c(0.2, 0.5, 0.9), 3, 1)
  b <- c(0.5, 0.3, 0.2)
  # method = 1 (gradient) and max_iter = 2 by name: the cap is reached, with a warning.
  expect_warning(r <- semidiscrete(pts, sites, b, options = list(method = 1, max_iter = 2, tol = 1e-12)),
                 "iteration cap")
  expect_equal(r$iterations, 2)
  expect_gt(r$step, 0)
  expect_equal(r$epsilon, 0)
  r <- semidiscrete(pts, sites, b)
  expect_lte(r$error, 1e-6)
  expect_gt(r$epsilon, 0)
  expect_error(semidiscrete(pts, sites, b, options = list(tolerance = 1)), 'otc_semidiscrete_f64: options has no field "tolerance"')
  expect_error(semidiscrete(pts, sites, b, options = list(method = 7)), "opts->method = 7")
  expect_error(lloyd(pts, sites, options = list(tol = -1)), "tol")
  expect_warning(l <- lloyd(pts, sites, options = list(max_iter = 1, tol = 0)), "iteration cap")
  expect_equal(l$iterations, 1)
  expect_gt(l$error, 0)
  expect_equal(laguerre_assign(pts, sites, c(0, 0, 0), options = list(num_threads = 1))$empty_cells, 0)
})
