# Skips a test whose capability this build lacks, unless OTCORE_R_REQUIRE (comma-separated)
# names it: then its absence is a failure (the Rust test sets it from the header).
need <- function(capability) {
  if (capability %in% otcore:::otcore_capabilities()) return(invisible(TRUE))
  required <- strsplit(Sys.getenv("OTCORE_R_REQUIRE"), ",", fixed = TRUE)[[1]]
  if (capability %in% required) stop("otcore was built without ", capability)
  testthat::skip(paste("otcore built without", capability))
}

naive <- function(x, y, f) {
  outer(seq_len(nrow(x)), seq_len(nrow(y)), Vectorize(function(i, j) f(x[i, ], y[j, ])))
}
