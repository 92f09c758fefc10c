test_that("version_macros_match_cargo", {
  v <- otcore_version()
  expect_match(v, "^[0-9]+\\.[0-9]+\\.[0-9]+$")
})

test_that("status_errors_carry_the_message", {
  expect_error(.Call(otcore:::C_otc_r_check_status, 103L), "non-finite|NaN|finite", ignore.case = TRUE)
  expect_null(.Call(otcore:::C_otc_r_check_status, 0L))
  expect_null(.Call(otcore:::C_otc_r_check_status, 1L))
})
