# Every wrapper's `options` is a named list of the C fields of its otc_<op>_options struct, set
# by the generated otcr_set_<op>_options after the wrapper's own defaults: it reaches every
# field, overrides the convenience arguments, and refuses unknown names and bad values.

test_that("options_reach_fields_no_argument_sets", {
  a <- c(0.3, 0.7)
  b <- c(0.6, 0.4)
  C <- matrix(c(0, 1, 3, 0.5), 2)
  # Sinkhorn's iteration cap, checking the error every iteration: 3 iterations, status
  # OTC_WARN_MAX_ITER (1).
  expect_warning(r <- sinkhorn(a, b, C, eps = 1e-2,
                               options = list(max_iter = 3, tolerance = 1e-15, check_every = 1)),
                 "iteration cap")
  expect_equal(r$status, 1L)
  expect_equal(r$iterations, 3)
  # options$epsilon overrides the argument eps.
  expect_identical(sinkhorn(a, b, C, eps = 5, options = list(epsilon = 0.5))$f,
                   sinkhorn(a, b, C, eps = 0.5)$f)
  # The network simplex's pivot cap on a 6 x 6 problem that needs more pivots: the cap's status.
  x <- matrix(sin(1:12), 6, 2)
  y <- matrix(cos(1:12), 6, 2)
  u <- rep(1 / 6, 6)
  expect_warning(e <- emd(u, u, cost_matrix(x, y), options = list(max_iter = 2)), "iteration cap")
  expect_equal(e$status, 1L)
  expect_lte(e$iterations, 2)
  expect_equal(emd(u, u, cost_matrix(x, y))$status, 0L)
  # Bures' psd_tol: diag(4, -1e-3) is refused under the default (1e-9 of the largest
  # eigenvalue) and clamped to diag(4, 0) under 1e-3, where the squared Bures distance to the
  # identity is (2 - 1)^2 + (0 - 1)^2 = 2.
  S <- diag(c(4, -1e-3))
  expect_error(bures(S, diag(2)), "otc_bures_f64")
  expect_equal(bures(S, diag(2), options = list(psd_tol = 1e-3)), 2, tolerance = 1e-12)
  # Lloyd's max_iter in options overrides the argument max_iter.
  pts <- matrix(c(0.1, 0.2, 0.4, 0.7, 0.8, 0.95), 6, 1)
  sites <- matrix(c(0.3, 0.6), 2, 1)
  expect_warning(l <- lloyd(pts, sites, max_iter = 100, options = list(max_iter = 1, tol = 0)),
                 "iteration cap")
  expect_equal(l$iterations, 1)
})

test_that("an_unknown_option_is_an_error_naming_it_in_every_wrapper", {
  x <- matrix(c(0, 1, 2, 0, 1, 3), 3, 2)
  y <- matrix(c(1, 2, 0, 2, 1, 0), 3, 2)
  u <- rep(1 / 3, 3)
  C <- cost_matrix(x, y)
  S <- diag(2)
  pairs <- sinkhorn_block_step(u, C, u, u, rep(0, 3), eps = 0.1)$pairs
  img <- matrix(0.25, 2, 2)
  bad <- list(no_such_field = 1)
  calls <- list(
    otc_cost_matrix_f64 = function(o) cost_matrix(x, y, options = o),
    otc_emd_f64 = function(o) emd(u, u, C, options = o),
    otc_emd_batch_f64 = function(o) emd_batch(cbind(u), cbind(u), list(C), options = o),
    otc_wasserstein_1d_f64 = function(o) wasserstein_1d(1:3, 2:4, options = o),
    otc_quantile_1d_f64 = function(o) quantile_1d(1:3, 0.5, options = o),
    otc_barycenter_1d_f64 = function(o) barycenter_1d(list(1:3, 2:4), options = o),
    otc_sliced_wasserstein_f64 = function(o) sliced_wasserstein(x, y, options = o),
    otc_sinkhorn_f64 = function(o) sinkhorn(u, u, C, eps = 0.1, options = o),
    otc_sinkhorn_f64 = function(o) sinkhorn_points(x, y, u, u, eps = 0.1, options = o),
    otc_sinkhorn_divergence_f64 = function(o) sinkhorn_divergence(u, u, C, C, C, eps = 0.1, options = o),
    otc_sinkhorn_divergence_f64 = function(o) sinkhorn_divergence_points(x, y, u, u, eps = 0.1, options = o),
    otc_sinkhorn_block_step_f64 = function(o) sinkhorn_block_step(u, C, u, u, rep(0, 3), eps = 0.1, options = o),
    otc_sinkhorn_block_step_f64 = function(o) sinkhorn_block_step_points(u, x, y, u, u, rep(0, 3), eps = 0.1, options = o),
    otc_sinkhorn_block_column_update_f64 = function(o) sinkhorn_block_column_update(pairs, eps = 0.1, options = o),
    otc_bures_f64 = function(o) bures(S, S, options = o),
    otc_gaussian_w2_f64 = function(o) gaussian_w2(c(0, 0), S, c(1, 1), S, options = o),
    otc_gaussian_entropic_w2_f64 = function(o) gaussian_w2(c(0, 0), S, c(1, 1), S, eps = 0.1, options = o),
    otc_gaussian_w2_pairwise_f64 = function(o) gaussian_w2_pairwise(x[1:2, ], list(S, S), y[1:2, ], list(S, S), options = o),
    otc_gaussian_map_f64 = function(o) gaussian_map(c(0, 0), S, c(1, 1), S, options = o),
    otc_gaussian_map_apply_f64 = function(o) gaussian_map_apply(S, c(1, 1), x, options = o),
    otc_gaussian_geodesic_f64 = function(o) gaussian_geodesic(c(0, 0), S, c(1, 1), S, 0.5, options = o),
    otc_gaussian_barycenter_f64 = function(o) gaussian_barycenter(x[1:2, ], list(S, S), options = o),
    otc_gaussian_moments_f64 = function(o) gaussian_moments(x, options = o),
    otc_psd_sqrt_f64 = function(o) psd_sqrt(S, options = o),
    otc_laguerre_assign_f64 = function(o) laguerre_assign(x, y, rep(0, 3), options = o),
    otc_semidiscrete_f64 = function(o) semidiscrete(x, y, u, options = o),
    otc_semidiscrete_sgd_f64 = function(o) semidiscrete_sgd(function(n) matrix(sin(seq_len(2 * n)), n, 2), y, u, options = o),
    otc_semidiscrete_sgd_f64 = function(o) semidiscrete_sgd_samples(x, y, u, options = o),
    otc_lloyd_f64 = function(o) lloyd(x, y, options = o),
    otc_barycenter_f64 = function(o) barycenter(cbind(u, u), cost_matrix(x, x), eps = 0.1, options = o),
    otc_convolutional_barycenter_f64 = function(o) convolutional_barycenter(list(img, img), eps = 0.1, options = o),
    otc_free_support_barycenter_f64 = function(o) free_support_barycenter(list(x, y), x, options = o),
    otc_wasserstein_flow_step_f64 = function(o) wasserstein_flow_step(x, y, options = o),
    otc_mmd_flow_step_f64 = function(o) mmd_flow_step(x, y, options = o),
    otc_jko_step_f64 = function(o) jko_step(img, options = o),
    otc_assignment_f64 = function(o) assignment(C, options = o),
    otc_emd_grid_f64 = function(o) emd_grid(u, u, options = o),
    otc_emd_partial_f64 = function(o) emd_partial(u, u, C, 0.5, options = o),
    otc_emd_unbalanced_tv_f64 = function(o) emd_unbalanced_tv(u, u, C, 1, options = o),
    otc_plan_position_gradient_f64 = function(o) plan_position_gradient(x, y, diag(3) / 3, options = o),
    otc_displacement_interpolation_f64 = function(o) displacement_interpolation(x, y, diag(3) / 3, 0.5, options = o))
  # The error lists the struct's fields.
  expect_error(cost_matrix(x, y, options = bad),
               'otc_cost_matrix_f64: options has no field "no_such_field" (its fields: num_threads, metric, p)',
               fixed = TRUE)
  for (k in seq_along(calls)) {
    fn <- names(calls)[k]
    expect_error(calls[[k]](bad),
                 sprintf('^%s: options has no field "no_such_field" \\(its fields: num_threads[a-z_, ]*\\)$', fn))
    # The same call with a known field runs (the inputs above are valid).
    expect_no_error(suppressWarnings(calls[[k]](list(num_threads = 1))))
  }
})

test_that("option_values_must_fit_the_c_type_of_their_field", {
  u <- c(0.5, 0.5)
  C <- diag(2)
  whole <- "must be a whole number in"
  # A fraction for an integer field (uint64_t max_iter, int32_t path).
  expect_error(sinkhorn(u, u, C, eps = 0.1, options = list(max_iter = 2.5)),
               "otc_sinkhorn_f64: options\\$max_iter = 2.5 must be a whole number in \\[0, 9007199254740992\\] \\(uint64_t\\)")
  expect_error(sinkhorn(u, u, C, eps = 0.1, options = list(path = 0.5)),
               "options\\$path = 0.5 must be a whole number in \\[-2147483648, 2147483647\\] \\(int32_t\\)")
  # A negative number for an unsigned field (uint32_t num_threads, size_t num_directions).
  expect_error(emd(u, u, C, options = list(num_threads = -1)),
               "otc_emd_f64: options\\$num_threads = -1 must be a whole number in \\[0, 4294967295\\] \\(uint32_t\\)")
  expect_error(sliced_wasserstein(matrix(1:4, 2), matrix(2:5, 2), options = list(num_directions = -3)),
               "otc_sliced_wasserstein_f64: options\\$num_directions = -3 .*\\(size_t\\)")
  # Beyond the type's range, infinite, NA, not one number.
  expect_error(emd(u, u, C, options = list(num_threads = 2^32)), whole)
  expect_error(emd(u, u, C, options = list(max_iter = Inf)), whole)
  expect_error(emd(u, u, C, options = list(max_iter = NA_real_)), "options\\$max_iter is NA")
  expect_error(emd(u, u, C, options = list(max_iter = c(1, 2))), "options\\$max_iter must be one number")
  expect_error(emd(u, u, C, options = list(max_iter = "3")), "options\\$max_iter must be one number")
  expect_error(emd(u, u, C, options = list(3)), "named list")
  # A double field takes any number, infinities included (rho_a = Inf: the balanced problem).
  expect_identical(sinkhorn(u, u, C, eps = 0.1, options = list(rho_a = Inf))$f,
                   sinkhorn(u, u, C, eps = 0.1)$f)
})
