# R functions over otcore's exact solvers of the ABI 1 shape: assignment (LAPJV), exact OT on
# grids (sparse multiscale simplex) and between point clouds (costs on the fly), exact partial
# and TV-unbalanced OT. `options` is a named list whose names are the fields of the operation's C options struct (otc_<op>_options); the
# C glue sets them by name and rejects unknown ones.

assignment <- function(C, options = list()) {
  costs <- if (is.list(C)) C else list(C)
  if (length(costs) == 0L) stop("C must be a matrix or a non-empty list of matrices", call. = FALSE)
  costs <- lapply(costs, square_matrix, "C")
  r <- .Call(C_otc_r_assignment, costs, with_options(list(), options))
  if (!is.list(C)) {
    r$perm <- as.integer(r$perm[, 1])
    r$u <- r$u[, 1]
    r$v <- r$v[, 1]
  }
  r
}

emd_grid <- function(a, b, shape = dim(a), spacing = NULL, options = list()) {
  if (is.null(shape)) shape <- length(a)
  shape <- as.double(shape)
  # R arrays are column-major (first index fastest); otcore's grids are row-major (last axis
  # fastest): the axes are passed reversed, so pixel indices are R's linear indices.
  a <- as_weights(as.vector(a), prod(shape), "a")
  b <- as_weights(as.vector(b), prod(shape), "b")
  sp <- if (is.null(spacing)) NULL else rev(as_weights(spacing, length(shape), "spacing"))
  .Call(C_otc_r_emd_grid, rev(shape), a, b, sp, with_options(list(), options))
}

emd_points <- function(a, b, x, y, metric = c("sqeuclidean", "euclidean", "minkowski"), p = 2,
                       options = list()) {
  metric <- match.arg(metric)
  x <- as_double_matrix(x, "x")
  y <- as_double_matrix(y, "y")
  # The fields of otc_emd_points_options; `options` (by C field name) overrides the arguments.
  code <- match(metric, c("sqeuclidean", "euclidean", "minkowski")) - 1L
  opts <- with_options(list(metric = code, p = as.double(p)), options)
  r <- .Call(C_otc_r_emd_points, as_weights(a, nrow(x), "a"), as_weights(b, nrow(y), "b"), x, y,
             opts)
  warn_on(r$status, "emd_points")
  r
}

emd_partial <- function(a, b, C, mass, options = list()) {
  C <- as_double_matrix(C, "C")
  r <- .Call(C_otc_r_emd_partial, as_weights(a, nrow(C), "a"), as_weights(b, ncol(C), "b"), C,
             as_number(mass, "mass"), with_options(list(), options))
  warn_on(r$status, "emd_partial")
  r
}

sinkhorn_partial <- function(a, b, C, mass, epsilon = 0.01, options = list()) {
  C <- as_double_matrix(C, "C")
  # The fields of otc_sinkhorn_partial_options; `options` (by C field name) overrides epsilon.
  opts <- with_options(list(epsilon = as_number(epsilon, "epsilon")), options)
  r <- .Call(C_otc_r_sinkhorn_partial, as_weights(a, nrow(C), "a"), as_weights(b, ncol(C), "b"),
             C, as_number(mass, "mass"), opts)
  warn_on(r$status, "sinkhorn_partial")
  r
}

emd_unbalanced_tv <- function(a, b, C, rho, options = list()) {
  C <- as_double_matrix(C, "C")
  r <- .Call(C_otc_r_emd_unbalanced_tv, as_weights(a, nrow(C), "a"), as_weights(b, ncol(C), "b"),
             C, as_number(rho, "rho"), with_options(list(), options))
  warn_on(r$status, "emd_unbalanced_tv")
  r
}
