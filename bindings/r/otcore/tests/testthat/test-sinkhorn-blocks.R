# A plain alternating log-domain Sinkhorn: `iters` iterations from zeros; `err` is the L1 error
# of the row marginal of the final (f, g).
reference_sinkhorn <- function(a, b, C, eps, iters) {
  lse <- function(w, v) { top <- max(v); top + log(sum(w * exp(v - top))) }
  f <- rep(0, length(a))
  g <- rep(0, length(b))
  for (it in seq_len(iters)) {
    f <- vapply(seq_along(a), function(i) -eps * lse(b, (g - C[i, ]) / eps), 0)
    g <- vapply(seq_along(b), function(j) -eps * lse(a, (f - C[, j]) / eps), 0)
  }
  err <- sum(vapply(seq_along(a), function(i) {
    abs(a[i] * exp(f[i] / eps + lse(b, (g - C[i, ]) / eps)) - a[i])
  }, 0))
  list(f = f, g = g, err = err)
}

test_that("a_row_partitioned_solve_reproduces_the_full_solve", {
  x <- matrix(sin(0.9 * (1:18)), 9, 2)
  y <- matrix(cos(0.4 * (1:12)), 6, 2)
  a <- (1 + (1:9) %% 3) / sum(1 + (1:9) %% 3)
  b <- rep(1 / 6, 6)
  C <- cost_matrix(x, y)
  iters <- 20L
  whole <- reference_sinkhorn(a, b, C, 0.05, iters)
  blocks <- list(1:4, 5:9)
  for (points in c(FALSE, TRUE)) {
    f <- rep(0, 9)
    g <- rep(0, 6)
    for (it in seq_len(iters)) {
      acc <- NULL
      f_next <- f
      for (r in blocks) {
        s <- if (points) {
          sinkhorn_block_step_points(f[r], x[r, , drop = FALSE], y, a[r], b, g, eps = 0.05,
                                     options = list(num_threads = 1L))
        } else {
          sinkhorn_block_step(f[r], C[r, , drop = FALSE], a[r], b, g, eps = 0.05,
                              options = list(num_threads = 1L))
        }
        f_next[r] <- s$f
        acc <- if (is.null(acc)) s$pairs else lse_pair_merge(acc, s$pairs)
      }
      f <- f_next
      g <- sinkhorn_block_column_update(acc, eps = 0.05)
    }
    expect_lt(max(abs(f - whole$f)), 1e-12)
    expect_lt(max(abs(g - whole$g)), 1e-12)
  }
  # The blocks' errors add up to the reference's marginal error.
  errs <- vapply(blocks, function(r) {
    sinkhorn_block_step(whole$f[r], C[r, , drop = FALSE], a[r], b, whole$g, eps = 0.05,
                        pairs = FALSE)$marginal_error
  }, 0)
  expect_gt(whole$err, 1e-8)
  expect_equal(sum(errs), whole$err, tolerance = 1e-10)
  # Unbalanced: rho_a scales the row update by kappa = rho / (rho + eps).
  s1 <- sinkhorn_block_step(rep(0, 9), C, a, b, rep(0, 6), eps = 0.05, pairs = FALSE)
  s2 <- sinkhorn_block_step(rep(0, 9), C, a, b, rep(0, 6), eps = 0.05, pairs = FALSE,
                            options = list(rho_a = 0.45, rho_b = 0.45))
  expect_equal(s2$f, 0.9 * s1$f, tolerance = 1e-14)
  sizes <- sinkhorn_block_workspace_sizes(4, 6, 2)
  expect_gt(sizes$step, 0)
  expect_equal(sizes$column_update, 0)
})

test_that("pairs_merge_as_log_sum_exps_and_bad_pairs_are_refused", {
  p <- matrix(c(2, 1.5, -Inf, 0), 2, 2)
  q <- matrix(c(-1, 3, 0.5, 2), 2, 2)
  m <- lse_pair_merge(p, q)
  expect_equal(unname(m["max", 1] + log(m["sum", 1])), log(1.5 * exp(2) + 3 * exp(-1)), tolerance = 1e-15)
  expect_equal(unname(m[, 2]), c(0.5, 2))
  expect_identical(lse_pair_merge(q, p), m)
  expect_error(sinkhorn_block_column_update(lse_pairs(3), eps = 0.1), "empty")
  expect_error(lse_pair_merge(p, matrix(c(0, -1, 0, 1), 2, 2)), "not a log-sum-exp pair")
  expect_error(sinkhorn_block_column_update(q, eps = 0.1, options = list(rho = 1)), 'otc_sinkhorn_block_column_update_f64: options has no field "rho"')
  expect_error(sinkhorn_block_column_update(q, eps = 0.1, options = list(num_threads = 257L)), "cap")
})
