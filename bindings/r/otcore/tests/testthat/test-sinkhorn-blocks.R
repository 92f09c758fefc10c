test_that("a_row_partitioned_solve_reproduces_the_full_solve", {
  need("sinkhorn")
  x <- matrix(sin(0.9 * (1:18)), 9, 2)
  y <- matrix(cos(0.4 * (1:12)), 6, 2)
  a <- (1 + (1:9) %% 3) / sum(1 + (1:9) %% 3)
  b <- rep(1 / 6, 6)
  C <- cost_matrix(x, y)
  iters <- 20L
  whole <- suppressWarnings(sinkhorn(a, b, C, eps = 0.05, options = list(tolerance = 0, max_iter = iters)))
  blocks <- list(1:4, 5:9)
  for (points in c(FALSE, TRUE)) {
    f <- rep(0, 9)
    g <- rep(0, 6)
    for (it in seq_len(iters)) {
      acc <- NULL
      for (r in blocks) {
        s <- if (points) {
          sinkhorn_block_step_points(f[r], x[r, , drop = FALSE], y, a[r], b, g, eps = 0.05, threads = 1L)
        } else {
          sinkhorn_block_step(f[r], C[r, , drop = FALSE], a[r], b, g, eps = 0.05, threads = 1L)
        }
        f[r] <- s$f
        acc <- if (is.null(acc)) s$pairs else lse_pair_merge(acc, s$pairs)
      }
      g <- sinkhorn_block_column_update(acc, eps = 0.05)
    }
    expect_lt(max(abs(f - whole$f)), 1e-12)
    expect_lt(max(abs(g - whole$g)), 1e-12)
  }
  # The blocks' errors add up to the whole solve's marginal error.
  errs <- vapply(blocks, function(r) {
    sinkhorn_block_step(whole$f[r], C[r, , drop = FALSE], a[r], b, whole$g, eps = 0.05,
                        pairs = FALSE)$block_error
  }, 0)
  expect_equal(sum(errs), whole$error, tolerance = 1e-10)
})

test_that("pairs_merge_as_log_sum_exps_and_bad_pairs_are_refused", {
  need("sinkhorn")
  p <- matrix(c(2, 1.5, -Inf, 0), 2, 2)
  q <- matrix(c(-1, 3, 0.5, 2), 2, 2)
  m <- lse_pair_merge(p, q)
  expect_equal(unname(m["max", 1] + log(m["sum", 1])), log(1.5 * exp(2) + 3 * exp(-1)), tolerance = 1e-15)
  expect_equal(unname(m[, 2]), c(0.5, 2))
  expect_identical(lse_pair_merge(q, p), m)
  expect_error(sinkhorn_block_column_update(lse_pairs(3), eps = 0.1), "empty")
  expect_error(lse_pair_merge(p, matrix(c(0, -1, 0, 1), 2, 2)), "not a log-sum-exp pair")
})
