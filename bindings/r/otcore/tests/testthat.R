library(testthat)
library(otcore)
test_check("otcore")
