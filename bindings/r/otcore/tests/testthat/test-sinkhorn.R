pts <- function() {
  list(x = matrix(sin(0.9 * (1:12)), 6, 2), y = matrix(cos(0.4 * (1:10)), 5, 2))
}
tight <- list(tolerance = 1e-12, max_iter = 100000)
# The divergences' self terms converge more slowly: a looser tolerance, still far below the
# values compared.
div_opts <- list(tolerance = 1e-10, max_iter = 100000)

test_that("converged_potentials_give_the_marginals_and_the_reported_values", {
  p <- pts()
  C <- cost_matrix(p$x, p$y)
  a <- rep(1 / 6, 6)
  b <- rep(1 / 5, 5)
  r <- sinkhorn(a, b, C, eps = 0.05, options = tight)
  expect_equal(r$status, 0L)
  expect_lte(r$error, 1e-12)
  expect_equal(rowSums(r$plan), a, tolerance = 1e-8)
  expect_equal(colSums(r$plan), b, tolerance = 1e-8)
  expect_equal(r$transport_cost, sum(C * r$plan), tolerance = 1e-10)
  # OT_eps = <C, P> + eps KL(P | a b)
  q <- outer(a, b)
  expect_equal(r$entropic_ot, sum(C * r$plan) + 0.05 * sum(r$plan * log(r$plan / q) - r$plan + q),
               tolerance = 1e-8)
  # P_ij = a_i b_j exp((f_i + g_j - C_ij) / eps)
  expect_equal(r$plan, q * exp((outer(r$f, r$g, "+") - C) / 0.05), tolerance = 1e-8)
})

test_that("every_option_is_reachable_by_its_c_name", {
  p <- pts()
  C <- cost_matrix(p$x, p$y)
  a <- rep(1 / 6, 6)
  b <- rep(1 / 5, 5)
  k <- sinkhorn(a, b, C, eps = 0.05, options = c(tight, path = 2))
  l <- sinkhorn(a, b, C, eps = 0.05, options = c(tight, path = 1, over_relaxation = 0,
                                                 eps_scaling_steps = 3, num_threads = 1))
  expect_equal(k$path, 2L)
  expect_equal(l$path, 1L)
  expect_equal(l$f - mean(l$f), k$f - mean(k$f), tolerance = 1e-8)
  # Unbalanced on one side only: rho_a finite, b a hard constraint.
  u <- sinkhorn(a, 2 * b, C, eps = 0.05, options = c(tight, rho_a = 0.5))
  expect_equal(colSums(u$plan), 2 * b, tolerance = 1e-8)
  expect_error(sinkhorn(a, b, C, eps = 0.05, options = list(rho = 1)), 'otc_sinkhorn_f64: options has no field "rho"')
  expect_error(sinkhorn(a, b, C, eps = 0.05, options = list(path = 9)), "path")
})

test_that("the_transport_cost_tends_to_the_exact_cost_as_epsilon_falls", {
  p <- pts()
  C <- cost_matrix(p$x, p$y)
  a <- rep(1 / 6, 6)
  b <- rep(1 / 5, 5)
  exact <- emd(a, b, C)$cost
  gaps <- vapply(c(0.1, 0.01, 0.003),
                 function(e) sinkhorn(a, b, C, eps = e, options = list(max_iter = 100000))$transport_cost - exact, 0)
  expect_true(all(gaps > -1e-9))
  expect_true(all(diff(gaps) < 0))
  expect_lt(gaps[3], 1e-3)
})

test_that("points_agree_with_dense_and_warm_start_converges_at_once", {
  p <- pts()
  a <- rep(1 / 6, 6)
  b <- rep(1 / 5, 5)
  d <- sinkhorn(a, b, cost_matrix(p$x, p$y), eps = 0.1, options = tight)
  s <- sinkhorn_points(p$x, p$y, a, b, eps = 0.1, options = tight, gradients = TRUE)
  expect_equal(s$transport_cost, d$transport_cost, tolerance = 1e-9)
  expect_equal(s$map, (d$plan %*% p$y) / rowSums(d$plan), tolerance = 1e-9)
  expect_equal(dim(s$grad_x), c(6L, 2L))
  w <- sinkhorn(a, b, cost_matrix(p$x, p$y), eps = 0.1, options = c(tight, check_every = 1),
                init_f = d$f, init_g = d$g)
  expect_equal(w$iterations, 1)
})

test_that("divergence_is_zero_for_identical_inputs_and_positive_otherwise", {
  p <- pts()
  x <- p$x
  y <- x + 0.5
  a <- rep(1 / 6, 6)
  Cxx <- cost_matrix(x, x)
  expect_lt(abs(sinkhorn_divergence(a, a, Cxx, Cxx, Cxx, eps = 0.1, options = div_opts)$divergence), 1e-10)
  v <- sinkhorn_divergence_points(x, y, a, a, eps = 0.1, options = div_opts, gradients = TRUE)
  expect_gt(v$divergence, 0)
  expect_equal(v$divergence,
               sinkhorn_divergence(a, a, cost_matrix(x, y), Cxx, cost_matrix(y, y), eps = 0.1,
                                   options = div_opts)$divergence, tolerance = 1e-8)
  # dS/dx[1, 1] against a central difference.
  h <- 1e-6
  xp <- x
  xp[1, 1] <- xp[1, 1] + h
  xm <- x
  xm[1, 1] <- xm[1, 1] - h
  fd <- (sinkhorn_divergence_points(xp, y, a, a, eps = 0.1, options = div_opts)$divergence -
         sinkhorn_divergence_points(xm, y, a, a, eps = 0.1, options = div_opts)$divergence) / (2 * h)
  expect_equal(v$grad_x[1, 1], fd, tolerance = 1e-4)
})

test_that("bad_inputs_are_refused", {
  expect_error(sinkhorn(c(0.5, 0.5), c(0.5, 0.5), diag(2), eps = -1), "otc_sinkhorn_f64")
  expect_error(sinkhorn(c(0.5, 0.5), c(0.5, 0.5), diag(2)), "eps")
  expect_error(sinkhorn(1, c(0.5, 0.5), diag(2), eps = 0.1), "a must have length 2")
  expect_error(sinkhorn(c(0.5, 0.5), c(0.5, 0.5), diag(2), eps = 0.1, options = list(1)),
               "named list")
  expect_warning(r <- sinkhorn(c(0.3, 0.7), c(0.6, 0.4), matrix(c(0, 1, 3, 0.5), 2), eps = 1e-2,
                               options = list(tolerance = 1e-15, max_iter = 1)), "iteration cap")
  expect_equal(r$status, 1L)
  expect_equal(r$iterations, 1)
})
