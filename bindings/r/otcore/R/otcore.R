# R interface to otcore. Matrices are column-major doubles and cross to the library as strided
# views, without copies; otcore's failures become R errors carrying its message.

as_double_matrix <- function(a, what) {
  if (!is.matrix(a) || !is.numeric(a)) {
    stop(sprintf("%s must be a numeric matrix (one point per row)", what), call. = FALSE)
  }
  if (!is.double(a)) storage.mode(a) <- "double"
  a
}


otcore_version <- function() .Call(C_otc_r_version)


cost_matrix <- function(x, y, metric = c("sqeuclidean", "euclidean", "minkowski", "cosine"),
                        p = 2, threads = 0L, options = list()) {
  metric <- match.arg(metric)
  x <- as_double_matrix(x, "x")
  y <- as_double_matrix(y, "y")
  if (!is.numeric(p) || length(p) != 1L) stop("p must be a number", call. = FALSE)
  threads <- as.integer(threads)
  if (length(threads) != 1L || is.na(threads) || threads < 0L) {
    stop("threads must be a non-negative integer", call. = FALSE)
  }
  # The fields of otc_cost_matrix_options; `options` (by C field name) overrides the arguments.
  code <- match(metric, c("sqeuclidean", "euclidean", "minkowski", "cosine")) - 1L
  opts <- with_options(list(num_threads = threads, metric = code, p = as.double(p)), options)
  .Call(C_otc_r_cost_matrix, x, y, opts)
}

# The list of C options fields an otcore call gets: the convenience arguments in `given` that
# are not NULL, then the fields named in `options` (the C field names of the operation's
# otc_<op>_options struct, include/otcore.h), which override them. The C glue (the generated
# otcr_set_<op>_options) checks every name and value.
with_options <- function(given, options) {
  if (!is.list(options) || length(options) > 0L && (is.null(names(options)) || any(names(options) == ""))) {
    stop("options must be a named list of the C options struct's fields", call. = FALSE)
  }
  given <- given[!vapply(given, is.null, NA)]
  given[names(options)] <- options
  given
}
