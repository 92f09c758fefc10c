test_that("flow_steps_decrease_their_values_and_keep_the_mass", {
  x <- cbind(0.5 + 0.4 * sin(1.7 * (1:20)), 0.5 + 0.4 * cos(1.1 * (1:20)))
  y <- cbind(2.5 + 0.4 * cos(0.9 * (1:25)), 0.5 + 0.4 * sin(0.8 * (1:25)))
  # Wasserstein flow, warm-started from each step's potentials.
  cur <- x
  pots <- NULL
  values <- numeric(0)
  for (k in 1:10) {
    s <- wasserstein_flow_step(cur, y, init_potentials = pots,
                               options = list(step = 0.2, epsilon = 0.05, num_threads = 1))
    expect_equal(s$status, 0L)
    values <- c(values, s$divergence)
    cur <- s$x
    pots <- s$potentials
  }
  expect_true(all(diff(values) < 0))
  expect_lt(values[10], 0.05 * values[1])
  # MMD flow, the target term handed back.
  cur <- x
  term <- NULL
  values <- numeric(0)
  for (k in 1:10) {
    s <- mmd_flow_step(cur, y, target_term = term, options = list(step = 0.2))
    values <- c(values, s$mmd_squared)
    cur <- s$x
    term <- s$target_term
  }
  expect_true(all(diff(values) < 0))
  # JKO heat step: mass and mean kept, variance grows.
  g <- outer(seq(0, 1, length.out = 33), seq(0, 1, length.out = 33),
             function(u, v) exp(-((u - 0.5)^2 + (v - 0.5)^2) / 0.01))
  g <- g / sum(g)
  r <- jko_step(g, options = list(epsilon = 1e-3, step = 1e-3))
  expect_equal(r$status, 0L)
  expect_equal(sum(r$rho), 1, tolerance = 1e-12)
  u <- seq(0, 1, length.out = 33) - 0.5
  expect_gt(sum(rowSums(r$rho) * u^2), sum(rowSums(g) * u^2) + 1e-3)
  # The same step from its own dual converges at once to the same density; the next step
  # from it takes fewer iterations than cold.
  again <- jko_step(g, init_dual = r$dual, options = list(epsilon = 1e-3, step = 1e-3))
  expect_true(again$iterations <= 2 && r$iterations > 10)
  expect_lte(sum(abs(again$rho - r$rho)), 2e-9)
  cold <- jko_step(r$rho, options = list(epsilon = 1e-3, step = 1e-3))
  warm <- jko_step(r$rho, init_dual = r$dual, options = list(epsilon = 1e-3, step = 1e-3))
  expect_lt(warm$iterations, cold$iterations)
  expect_error(jko_step(g, init_dual = g[1:3, ]), "dimensions")
  expect_error(wasserstein_flow_step(x, y, options = list(step = -1)), "step")
  expect_error(mmd_flow_step(x, y, a = rep(0, 20)), "a\\[0\\]")
  expect_error(jko_step(g, potential = g[1:3, ]), "dimensions")
})
