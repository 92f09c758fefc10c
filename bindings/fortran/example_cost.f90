! otcore from Fortran: cost matrices of column-major point clouds, checked against a naive loop.
!   gfortran -std=f2008 otcore.f90 example_cost.f90 -lotcore -o example_cost
program example_cost
    use, intrinsic :: iso_c_binding
    use, intrinsic :: ieee_arithmetic, only: ieee_value, ieee_quiet_nan
    use otcore
    implicit none
    integer, parameter :: n = 5, m = 4, d = 3
    real(c_double) :: x(n, d), y(m, d), c(n, m), want
    real(c_float) :: cf(n, m)
    integer(c_int32_t) :: status
    integer :: i, j, k, bad

    bad = 0
    if (otc_version_number() /= OTC_HEADER_VERSION_NUMBER) then
        print *, "header/library mismatch: library ", otcore_version()
        stop 1
    end if
    print '(a, a)', "otcore ", otcore_version()

    do k = 1, d
        do i = 1, n
            x(i, k) = sin(1.0d0 + 0.7d0 * (i + n * k))
        end do
        do j = 1, m
            y(j, k) = cos(0.3d0 + 1.1d0 * (j + m * k))
        end do
    end do

    call otcore_cost_matrix(x, y, c, status, metric=OTC_METRIC_EUCLIDEAN, num_threads=1)
    if (status /= OTC_OK) then
        print *, otcore_status_text(status), ": ", otcore_last_error()
        stop 1
    end if
    do j = 1, m
        do i = 1, n
            want = sqrt(sum((x(i, :) - y(j, :))**2))
            if (abs(c(i, j) - want) > 1d-12 * (1 + want)) bad = bad + 1
        end do
    end do
    print '(a, 3f10.5)', "euclidean C(1, 1:3) =", c(1, 1:3)

    call otcore_cost_matrix(real(x, c_float), real(y, c_float), cf, status)
    if (status /= OTC_OK) bad = bad + 1
    if (abs(cf(2, 3) - sum((x(2, :) - y(3, :))**2)) > 1d-5) bad = bad + 1

    ! A NaN: an error status, a message, and c untouched.
    want = c(1, 1)
    x(2, 2) = ieee_value(x(2, 2), ieee_quiet_nan)
    call otcore_cost_matrix(x, y, c, status)
    print '(a, a, a, a)', "with a NaN: ", otcore_status_text(status), ": ", otcore_last_error()
    if (status /= OTC_ERR_NON_FINITE .or. abs(c(1, 1) - want) > 0) bad = bad + 1

    if (bad /= 0) then
        print '(a, i0, a)', "example_cost example FAILED (", bad, " wrong values)"
        stop 1
    end if
    print '(a)', "example_cost example ok"
end program
