# The n x m matrix of f(x[i, ], y[j, ]): a naive reference for the cost-matrix tests.
naive <- function(x, y, f) {
  outer(seq_len(nrow(x)), seq_len(nrow(y)), Vectorize(function(i, j) f(x[i, ], y[j, ])))
}
