# R functions over otcore's exact OT, Sinkhorn, Gaussian, semi-discrete and barycenter entry
# points. Arguments are checked and coerced here (R errors naming the argument); otcore's own
# checks (finite values, non-negative weights, equal masses, PSD covariances, ...) come back
# as R errors carrying its message. Warnings (iteration caps, singular inputs) are R warnings.

as_weights <- function(v, n, what) {
  if (!is.numeric(v) || !is.null(dim(v)) && length(dim(v)) > 1L) {
    stop(sprintf("%s must be a numeric vector", what), call. = FALSE)
  }
  if (length(v) != n) stop(sprintf("%s must have length %d, not %d", what, n, length(v)), call. = FALSE)
  as.double(v)
}

opt_weights <- function(v, n, what) if (is.null(v)) NULL else as_weights(v, n, what)

as_count <- function(v, what) {
  v <- as.integer(v)
  if (length(v) != 1L || is.na(v) || v < 0L) stop(sprintf("%s must be a non-negative integer", what), call. = FALSE)
  v
}

opt_count <- function(v, what) if (is.null(v)) NULL else as_count(v, what)

as_number <- function(v, what) {
  if (!is.numeric(v) || length(v) != 1L || is.na(v)) stop(sprintf("%s must be a number", what), call. = FALSE)
  as.double(v)
}

opt_number <- function(v, what) if (is.null(v)) NULL else as_number(v, what)

square_matrix <- function(s, what) {
  s <- as_double_matrix(s, what)
  if (nrow(s) != ncol(s)) stop(sprintf("%s must be a square matrix", what), call. = FALSE)
  s
}

# Status codes of otcore's warnings (otcore.h).
warn_on <- function(status, fn) {
  if (status == 1L) warning(fn, ": iteration cap reached before the tolerance (last iterate returned)", call. = FALSE)
  if (status == 2L) warning(fn, ": singular input, pseudo-inverse used", call. = FALSE)
}

emd <- function(a, b, C, warm_f = NULL, warm_g = NULL, options = list()) {
  C <- as_double_matrix(C, "C")
  a <- as_weights(a, nrow(C), "a")
  b <- as_weights(b, ncol(C), "b")
  if (is.null(warm_f) != is.null(warm_g)) stop("warm_f and warm_g go together", call. = FALSE)
  r <- .Call(C_otc_r_emd, a, b, C, opt_weights(warm_f, nrow(C), "warm_f"),
             opt_weights(warm_g, ncol(C), "warm_g"), with_options(list(), options))
  warn_on(r$status, "emd")
  r
}


sinkhorn <- function(a, b, C, eps, options = list(), init_f = NULL, init_g = NULL, plan = TRUE) {
  C <- as_double_matrix(C, "C")
  a <- as_weights(a, nrow(C), "a")
  b <- as_weights(b, ncol(C), "b")
  r <- .Call(C_otc_r_sinkhorn, a, b, C, NULL, NULL, eps_options(eps, options),
             opt_weights(init_f, nrow(C), "init_f"), opt_weights(init_g, ncol(C), "init_g"),
             c(isTRUE(plan), FALSE, FALSE))
  warn_on(r$status, "sinkhorn")
  drop_null(r)
}

sinkhorn_points <- function(x, y, a, b, eps, options = list(), init_f = NULL, init_g = NULL,
                            plan = FALSE, map = TRUE, gradients = FALSE) {
  x <- as_double_matrix(x, "x")
  y <- as_double_matrix(y, "y")
  a <- as_weights(a, nrow(x), "a")
  b <- as_weights(b, nrow(y), "b")
  r <- .Call(C_otc_r_sinkhorn, a, b, NULL, x, y, eps_options(eps, options),
             opt_weights(init_f, nrow(x), "init_f"), opt_weights(init_g, nrow(y), "init_g"),
             c(isTRUE(plan), isTRUE(map), isTRUE(gradients)))
  warn_on(r$status, "sinkhorn_points")
  drop_null(r)
}

sinkhorn_divergence <- function(a, b, Cxy, Cxx, Cyy, eps, options = list()) {
  Cxy <- as_double_matrix(Cxy, "Cxy")
  a <- as_weights(a, nrow(Cxy), "a")
  b <- as_weights(b, ncol(Cxy), "b")
  r <- .Call(C_otc_r_sinkhorn_divergence, a, b, Cxy, as_double_matrix(Cxx, "Cxx"),
             as_double_matrix(Cyy, "Cyy"), NULL, NULL, eps_options(eps, options),
             FALSE)
  warn_on(r$status, "sinkhorn_divergence")
  drop_null(r)
}

sinkhorn_divergence_points <- function(x, y, a, b, eps, options = list(), gradients = FALSE) {
  x <- as_double_matrix(x, "x")
  y <- as_double_matrix(y, "y")
  r <- .Call(C_otc_r_sinkhorn_divergence, as_weights(a, nrow(x), "a"), as_weights(b, nrow(y), "b"),
             NULL, NULL, NULL, x, y, eps_options(eps, options), isTRUE(gradients))
  warn_on(r$status, "sinkhorn_divergence_points")
  drop_null(r)
}

# The list without its NULL elements (outputs not asked for).
drop_null <- function(r) r[!vapply(r, is.null, TRUE)]


# Row-partitioned Sinkhorn pieces: pairs are 2 x m matrices (rows "max", "sum").
lse_pairs <- function(m) {
  m <- as_count(m, "m")
  matrix(c(-Inf, 0), 2L, m, dimnames = list(c("max", "sum"), NULL))
}

as_pairs <- function(p, what) {
  if (!is.matrix(p) || !is.numeric(p) || nrow(p) != 2L) {
    stop(sprintf("%s must be a 2 x m numeric matrix of pairs (see lse_pairs)", what), call. = FALSE)
  }
  if (!is.double(p)) storage.mode(p) <- "double"
  p
}

name_pairs <- function(p) {
  if (!is.null(p)) dimnames(p) <- list(c("max", "sum"), NULL)
  p
}

# The options of the Sinkhorn ops: `eps` as the C field epsilon, then the fields of `options`
# (an `epsilon` there overrides `eps`).
eps_options <- function(eps, options) with_options(list(epsilon = as_number(eps, "eps")), options)

sinkhorn_block_step <- function(f_block, C_block, a_block, b, g, eps, pairs = TRUE,
                                options = list()) {
  C_block <- as_double_matrix(C_block, "C_block")
  r <- .Call(C_otc_r_sinkhorn_block_step, as_weights(f_block, nrow(C_block), "f_block"), C_block,
             NULL, NULL, as_weights(a_block, nrow(C_block), "a_block"),
             as_weights(b, ncol(C_block), "b"), as_weights(g, ncol(C_block), "g"), isTRUE(pairs),
             eps_options(eps, options))
  r$pairs <- name_pairs(r$pairs)
  r
}

sinkhorn_block_step_points <- function(f_block, x_block, y, a_block, b, g, eps, pairs = TRUE,
                                       options = list()) {
  x_block <- as_double_matrix(x_block, "x_block")
  y <- as_double_matrix(y, "y")
  r <- .Call(C_otc_r_sinkhorn_block_step, as_weights(f_block, nrow(x_block), "f_block"), NULL,
             x_block, y, as_weights(a_block, nrow(x_block), "a_block"),
             as_weights(b, nrow(y), "b"), as_weights(g, nrow(y), "g"), isTRUE(pairs),
             eps_options(eps, options))
  r$pairs <- name_pairs(r$pairs)
  r
}

sinkhorn_block_workspace_sizes <- function(rows, m, d = 0L) {
  r <- .Call(C_otc_r_sinkhorn_block_workspace_sizes, as_count(rows, "rows"), as_count(m, "m"),
             as_count(d, "d"))
  list(step = r[1], column_update = r[2])
}

lse_pair_merge <- function(acc, other) {
  acc <- as_pairs(acc, "acc")
  other <- as_pairs(other, "other")
  if (ncol(other) != ncol(acc)) stop("acc and other must have the same number of pairs", call. = FALSE)
  name_pairs(.Call(C_otc_r_lse_pair_merge, acc, other))
}

sinkhorn_block_column_update <- function(pairs, eps, options = list()) {
  .Call(C_otc_r_sinkhorn_block_column_update, as_pairs(pairs, "pairs"), eps_options(eps, options))
}

bures <- function(S1, S2, options = list()) {
  .Call(C_otc_r_bures, square_matrix(S1, "S1"), square_matrix(S2, "S2"), with_options(list(), options))
}

gaussian_w2 <- function(m1, S1, m2, S2, eps = NULL, options = list()) {
  S1 <- square_matrix(S1, "S1")
  .Call(C_otc_r_gaussian_w2, as_weights(m1, nrow(S1), "m1"), S1, as_weights(m2, nrow(S1), "m2"),
        square_matrix(S2, "S2"), opt_number(eps, "eps"), with_options(list(), options))
}

gaussian_w2_pairwise <- function(means1, covs1, means2, covs2, options = list()) {
  means1 <- as_double_matrix(means1, "means1")
  means2 <- as_double_matrix(means2, "means2")
  if (!is.list(covs1) || !is.list(covs2)) stop("covs1 and covs2 must be lists of matrices", call. = FALSE)
  .Call(C_otc_r_gaussian_w2_pairwise, means1, lapply(covs1, square_matrix, "covs1"), means2,
        lapply(covs2, square_matrix, "covs2"), with_options(list(), options))
}

gaussian_map <- function(m1, S1, m2, S2, options = list()) {
  S1 <- square_matrix(S1, "S1")
  r <- .Call(C_otc_r_gaussian_map, as_weights(m1, nrow(S1), "m1"), S1,
             as_weights(m2, nrow(S1), "m2"), square_matrix(S2, "S2"), with_options(list(), options))
  warn_on(r$status, "gaussian_map")
  r
}

gaussian_map_apply <- function(A, b, x, options = list()) {
  A <- as_double_matrix(A, "A")
  .Call(C_otc_r_gaussian_map_apply, A, opt_weights(b, nrow(A), "b"), as_double_matrix(x, "x"),
        with_options(list(), options))
}

gaussian_geodesic <- function(m1, S1, m2, S2, t, options = list()) {
  S1 <- square_matrix(S1, "S1")
  r <- .Call(C_otc_r_gaussian_geodesic, as_weights(m1, nrow(S1), "m1"), S1,
             as_weights(m2, nrow(S1), "m2"), square_matrix(S2, "S2"), as_number(t, "t"),
             with_options(list(), options))
  warn_on(r$status, "gaussian_geodesic")
  r
}

gaussian_barycenter <- function(means, covs, weights = NULL, options = list()) {
  means <- as_double_matrix(means, "means")
  if (!is.list(covs)) stop("covs must be a list of matrices", call. = FALSE)
  r <- .Call(C_otc_r_gaussian_barycenter, means, lapply(covs, square_matrix, "covs"),
             opt_weights(weights, nrow(means), "weights"), with_options(list(), options))
  warn_on(r$status, "gaussian_barycenter")
  r
}

gaussian_moments <- function(x, weights = NULL, options = list()) {
  x <- as_double_matrix(x, "x")
  .Call(C_otc_r_gaussian_moments, x, opt_weights(weights, nrow(x), "weights"), with_options(list(), options))
}

psd_sqrt <- function(S, options = list()) {
  r <- .Call(C_otc_r_psd_sqrt, square_matrix(S, "S"), with_options(list(), options))
  warn_on(r$status, "psd_sqrt")
  r
}


laguerre_assign <- function(points, sites, g, weights = NULL, threads = 0L, options = list()) {
  points <- as_double_matrix(points, "points")
  sites <- as_double_matrix(sites, "sites")
  opts <- with_options(list(num_threads = as_count(threads, "threads")), options)
  .Call(C_otc_r_laguerre_assign, points, sites, as_weights(g, nrow(sites), "g"),
        opt_weights(weights, nrow(points), "weights"), opts)
}

semidiscrete <- function(points, sites, b, weights = NULL, g0 = NULL, method = c("newton", "gradient"),
                         max_iter = NULL, tol = NULL, threads = 0L, options = list()) {
  method <- match.arg(method)
  points <- as_double_matrix(points, "points")
  sites <- as_double_matrix(sites, "sites")
  opts <- with_options(list(num_threads = as_count(threads, "threads"),
                            method = if (method == "gradient") 1L else 0L,
                            max_iter = opt_count(max_iter, "max_iter"), tol = opt_number(tol, "tol")),
                       options)
  r <- .Call(C_otc_r_semidiscrete, points, sites, as_weights(b, nrow(sites), "b"),
             opt_weights(weights, nrow(points), "weights"), opt_weights(g0, nrow(sites), "g0"), opts)
  warn_on(r$status, "semidiscrete")
  r
}

semidiscrete_sgd <- function(sampler, sites, b, iterations = NULL, batch = NULL, step = NULL,
                             options = list()) {
  if (!is.function(sampler)) stop("sampler must be a function(count) returning a count x d matrix", call. = FALSE)
  sites <- as_double_matrix(sites, "sites")
  wrapped <- function(count) {
    x <- sampler(count)
    if (is.matrix(x) && is.numeric(x)) storage.mode(x) <- "double"
    x
  }
  opts <- with_options(list(iterations = opt_count(iterations, "iterations"), batch = opt_count(batch, "batch"),
                            step = opt_number(step, "step")), options)
  .Call(C_otc_r_semidiscrete_sgd, wrapped, environment(), NULL, sites, as_weights(b, nrow(sites), "b"),
        NULL, opts)
}

semidiscrete_sgd_samples <- function(points, sites, b, seed = 0, weights = NULL, iterations = NULL,
                                     batch = NULL, step = NULL, threads = 0L, options = list()) {
  points <- as_double_matrix(points, "points")
  sites <- as_double_matrix(sites, "sites")
  if (!is.numeric(seed) || length(seed) != 1L || is.na(seed) || seed < 0 || seed != floor(seed) ||
      seed >= 2^53)
    stop("seed must be one whole number in [0, 2^53)", call. = FALSE)
  opts <- with_options(list(num_threads = as_count(threads, "threads"), seed = as.double(seed),
                            iterations = opt_count(iterations, "iterations"), batch = opt_count(batch, "batch"),
                            step = opt_number(step, "step")), options)
  .Call(C_otc_r_semidiscrete_sgd, NULL, NULL, points, sites, as_weights(b, nrow(sites), "b"),
        opt_weights(weights, nrow(points), "weights"), opts)
}

lloyd <- function(points, sites, weights = NULL, max_iter = 100L, tol = 1e-10, threads = 0L,
                  options = list()) {
  points <- as_double_matrix(points, "points")
  sites <- as_double_matrix(sites, "sites")
  opts <- with_options(list(num_threads = as_count(threads, "threads"), max_iter = as_count(max_iter, "max_iter"),
                            tol = as_number(tol, "tol")), options)
  r <- .Call(C_otc_r_lloyd, points, sites, opt_weights(weights, nrow(points), "weights"), opts)
  warn_on(r$status, "lloyd")
  r
}


# The options list of both barycenters: the C fields num_threads, epsilon, max_iter, tol from
# the arguments, overridden by `options` (by C field name).
barycenter_options <- function(eps, max_iter, tol, threads, options) {
  with_options(list(num_threads = as_count(threads, "threads"), epsilon = as_number(eps, "eps"),
                    max_iter = opt_count(max_iter, "max_iter"), tol = opt_number(tol, "tol")),
               options)
}

barycenter <- function(hists, C, eps, weights = NULL, max_iter = NULL, threads = 0L, tol = NULL,
                       options = list()) {
  hists <- as_double_matrix(hists, "hists")
  r <- .Call(C_otc_r_barycenter, hists, as_double_matrix(C, "C"), NULL, NULL,
             opt_weights(weights, ncol(hists), "weights"),
             barycenter_options(eps, max_iter, tol, threads, options))
  warn_on(r$status, "barycenter")
  r
}

convolutional_barycenter <- function(images, eps, weights = NULL, max_iter = NULL, threads = 0L,
                                     tol = NULL, options = list()) {
  if (!is.list(images) || length(images) == 0L) stop("images must be a non-empty list of matrices", call. = FALSE)
  images <- lapply(images, as_double_matrix, "images")
  h <- nrow(images[[1]])
  w <- ncol(images[[1]])
  if (!all(vapply(images, function(i) all(dim(i) == c(h, w)), TRUE))) {
    stop("images must all have the same dimensions", call. = FALSE)
  }
  # otcore reads pixel (r, c) at row r*w + c: the row-major order of each image.
  stack <- vapply(images, function(i) as.vector(t(i)), numeric(h * w))
  dim(stack) <- c(h * w, length(images))
  r <- .Call(C_otc_r_barycenter, stack, NULL, as.integer(h), as.integer(w),
             opt_weights(weights, length(images), "weights"),
             barycenter_options(eps, max_iter, tol, threads, options))
  warn_on(r$status, "convolutional_barycenter")
  r$barycenter <- matrix(r$barycenter, h, w, byrow = TRUE)
  r
}


free_support_barycenter <- function(measures, x0, lambda = NULL, a = NULL, eps = NULL,
                                    options = list()) {
  if (!is.list(measures) || length(measures) == 0L) {
    stop("measures must be a non-empty list of point clouds (matrices or list(x = , a = ))",
         call. = FALSE)
  }
  x0 <- as_double_matrix(x0, "x0")
  ms <- lapply(seq_along(measures), function(i) {
    m <- measures[[i]]
    if (!is.list(m)) m <- list(x = m)
    what <- sprintf("measures[[%d]]", i)
    x <- as_double_matrix(m$x, paste0(what, "$x"))
    w <- if (is.null(m$a)) rep(1 / nrow(x), nrow(x)) else as_weights(m$a, nrow(x), paste0(what, "$a"))
    list(x = x, a = w)
  })
  k <- length(ms)
  lambda <- if (is.null(lambda)) rep(1 / k, k) else as_weights(lambda, k, "lambda")
  a <- if (is.null(a)) rep(1 / nrow(x0), nrow(x0)) else as_weights(a, nrow(x0), "a")
  y <- do.call(rbind, lapply(ms, `[[`, "x"))
  sizes <- as.double(vapply(ms, function(m) nrow(m$x), 0L))
  r <- .Call(C_otc_r_free_support_barycenter, y, unlist(lapply(ms, `[[`, "a")), sizes, lambda,
             x0, a, with_options(if (is.null(eps)) list() else
                                   list(inner = 1L, epsilon = as_number(eps, "eps")), options))
  warn_on(r$status, "free_support_barycenter")
  r
}

wasserstein_flow_step <- function(x, y, a = NULL, b = NULL, init_potentials = NULL,
                                  options = list()) {
  x <- as_double_matrix(x, "x")
  y <- as_double_matrix(y, "y")
  a <- if (is.null(a)) rep(1 / nrow(x), nrow(x)) else as_weights(a, nrow(x), "a")
  b <- if (is.null(b)) rep(1 / nrow(y), nrow(y)) else as_weights(b, nrow(y), "b")
  if (!is.null(init_potentials)) {
    init_potentials <- as_weights(init_potentials, 3 * (nrow(x) + nrow(y)), "init_potentials")
  }
  r <- .Call(C_otc_r_wasserstein_flow_step, x, a, y, b, init_potentials,
             with_options(list(), options))
  warn_on(r$status, "wasserstein_flow_step")
  r
}

mmd_flow_step <- function(x, y, a = NULL, b = NULL, target_term = NULL, options = list()) {
  x <- as_double_matrix(x, "x")
  y <- as_double_matrix(y, "y")
  a <- if (is.null(a)) rep(1 / nrow(x), nrow(x)) else as_weights(a, nrow(x), "a")
  b <- if (is.null(b)) rep(1 / nrow(y), nrow(y)) else as_weights(b, nrow(y), "b")
  if (!is.null(target_term)) target_term <- as_weights(target_term, 1L, "target_term")
  .Call(C_otc_r_mmd_flow_step, x, a, y, b, target_term, with_options(list(), options))
}

jko_step <- function(rho, potential = NULL, init_dual = NULL, options = list()) {
  rho <- as_double_matrix(rho, "rho")
  h <- nrow(rho)
  w <- ncol(rho)
  as_grid <- function(v, what) {
    if (is.null(v)) return(NULL)
    v <- as_double_matrix(v, what)
    if (!identical(dim(v), dim(rho))) stop(what, " must have the dimensions of rho", call. = FALSE)
    as.vector(t(v))
  }
  r <- .Call(C_otc_r_jko_step, as.vector(t(rho)), as.integer(h), as.integer(w),
             as_grid(potential, "potential"), as_grid(init_dual, "init_dual"),
             with_options(list(), options))
  warn_on(r$status, "jko_step")
  r$rho <- matrix(r$rho, h, w, byrow = TRUE)
  r$dual <- matrix(r$dual, h, w, byrow = TRUE)
  r
}

wasserstein_1d <- function(x, y, a = NULL, b = NULL, p = 1, options = list()) {
  x <- as_weights(x, length(x), "x")
  y <- as_weights(y, length(y), "y")
  a <- if (is.null(a)) rep(1 / length(x), length(x)) else as_weights(a, length(x), "a")
  b <- if (is.null(b)) rep(1 / length(y), length(y)) else as_weights(b, length(y), "b")
  .Call(C_otc_r_wasserstein_1d, x, a, y, b, as_number(p, "p"), with_options(list(), options))
}

quantile_1d <- function(x, levels, a = NULL, options = list()) {
  x <- as_weights(x, length(x), "x")
  a <- if (is.null(a)) rep(1 / length(x), length(x)) else as_weights(a, length(x), "a")
  .Call(C_otc_r_quantile_1d, x, a, as_weights(levels, length(levels), "levels"),
        with_options(list(), options))
}

barycenter_1d <- function(measures, lambda = NULL, p = 2, options = list()) {
  if (!is.list(measures) || length(measures) == 0L) {
    stop("measures must be a non-empty list of measures (list(x = , a = ) or sample vectors)",
         call. = FALSE)
  }
  ms <- lapply(seq_along(measures), function(i) {
    m <- measures[[i]]
    if (!is.list(m)) m <- list(x = m)
    what <- sprintf("measures[[%d]]", i)
    x <- as_weights(m$x, length(m$x), paste0(what, "$x"))
    a <- if (is.null(m$a)) rep(1 / length(x), length(x)) else as_weights(m$a, length(x), paste0(what, "$a"))
    list(x = x, a = a)
  })
  k <- length(ms)
  lambda <- if (is.null(lambda)) rep(1 / k, k) else as_weights(lambda, k, "lambda")
  sizes <- as.double(vapply(ms, function(m) length(m$x), 0L))
  .Call(C_otc_r_barycenter_1d, unlist(lapply(ms, `[[`, "x")), unlist(lapply(ms, `[[`, "a")),
        sizes, lambda, as_number(p, "p"), with_options(list(), options))
}

mccann_geodesic_1d <- function(mu, nu, t, options = list()) {
  t <- as_number(t, "t")
  if (t < 0 || t > 1) stop("t must be in [0, 1]", call. = FALSE)
  barycenter_1d(list(mu, nu), c(1 - t, t), p = 2, options = options)
}

sliced_wasserstein <- function(x, y, a = NULL, b = NULL, p = 2, directions = NULL,
                               options = list()) {
  x <- as_double_matrix(x, "x")
  y <- as_double_matrix(y, "y")
  a <- if (is.null(a)) rep(1 / nrow(x), nrow(x)) else as_weights(a, nrow(x), "a")
  b <- if (is.null(b)) rep(1 / nrow(y), nrow(y)) else as_weights(b, nrow(y), "b")
  if (!is.null(directions)) directions <- as_double_matrix(directions, "directions")
  .Call(C_otc_r_sliced_wasserstein, x, a, y, b, as_number(p, "p"), directions,
        with_options(list(), options))
}

emd_batch <- function(a, b, costs, options = list()) {
  a <- as_double_matrix(a, "a")
  b <- as_double_matrix(b, "b")
  if (!is.list(costs) || length(costs) != ncol(a)) {
    stop("costs must be a list with one matrix per column of a", call. = FALSE)
  }
  r <- .Call(C_otc_r_emd_batch, a, b, lapply(costs, as_double_matrix, "costs"), with_options(list(), options))
  warn_on(r$status, "emd_batch")
  r
}

plan_position_gradient <- function(x, y, plan, metric = c("sqeuclidean", "euclidean", "minkowski", "cosine"),
                                   p = 2, options = list()) {
  metric <- match.arg(metric)
  code <- match(metric, c("sqeuclidean", "euclidean", "minkowski", "cosine")) - 1L
  .Call(C_otc_r_plan_position_gradient, as_double_matrix(x, "x"), as_double_matrix(y, "y"),
        as_double_matrix(plan, "plan"),
        with_options(list(metric = code, p = as_number(p, "p")), options))
}

displacement_interpolation <- function(x, y, plan, t, options = list()) {
  r <- .Call(C_otc_r_displacement_interpolation, as_double_matrix(x, "x"),
             as_double_matrix(y, "y"), as_double_matrix(plan, "plan"), as_number(t, "t"),
             with_options(list(), options))
  keep <- r$weights > 0
  list(points = r$points[keep, , drop = FALSE], weights = r$weights[keep])
}
