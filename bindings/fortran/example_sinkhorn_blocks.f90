! otcore from Fortran: a row-partitioned Sinkhorn, as MPI ranks would run it, here with the
! rows of one problem split into two blocks in one process. Each block updates its f and
! produces its column pairs (the first block from its points, the second from its rows of the
! cost); the pairs are merged in block order and g is updated from them. After a fixed number
! of iterations f and g equal those of a plain alternating log-domain Sinkhorn on the whole
! problem (written below), and the blocks' errors add up to its marginal error.
!   gfortran -std=f2008 otcore.f90 example_sinkhorn_blocks.f90 -lotcore -o example_sinkhorn_blocks
program example_sinkhorn_blocks
    use, intrinsic :: iso_c_binding
    use otcore
    implicit none
    integer, parameter :: n = 9, m = 6, d = 2, cut = 4, iters = 25
    real(c_double), parameter :: eps = 0.05d0
    real(c_double) :: x(n, d), y(m, d), a(n), b(m), c(n, m), f(n), g(m), fw(n), gw(m)
    real(c_double) :: x1(cut, d), c2(n - cut, m), f_prev(n), e1, e2, err_ref
    type(otc_lse_pair) :: acc(m), part(m)
    integer(c_int32_t) :: status
    integer :: i, j, it, bad

    bad = 0
    do i = 1, n
        x(i, 1) = sin(0.7d0 * i)
        x(i, 2) = cos(1.3d0 * i)
        a(i) = 1.0d0 + modulo(i, 3)
    end do
    do j = 1, m
        y(j, 1) = 0.5d0 * cos(0.9d0 * j)
        y(j, 2) = 0.5d0 * sin(0.4d0 * j) + 0.2d0
        b(j) = 1.0d0 + modulo(j, 2)
    end do
    a = a / sum(a)
    b = b / sum(b)
    do j = 1, m
        do i = 1, n
            c(i, j) = (x(i, 1) - y(j, 1))**2 + (x(i, 2) - y(j, 2))**2
        end do
    end do
    x1 = x(1:cut, :)
    c2 = c(cut + 1:n, :)

    call reference(iters, fw, gw, err_ref)

    f = 0
    g = 0
    do it = 0, iters
        f_prev = f
        call otcore_sinkhorn_block_step(x1, y, a(1:cut), b, g, eps, f(1:cut), acc, status, &
                                        marginal_error=e1, num_threads=1_c_int32_t)
        if (status /= OTC_OK) exit
        call otcore_sinkhorn_block_step(c2, a(cut + 1:n), b, g, eps, f(cut + 1:n), part, &
                                        status, marginal_error=e2, num_threads=1_c_int32_t)
        if (status /= OTC_OK) exit
        call otcore_lse_pair_merge(acc, part, status)
        if (status /= OTC_OK) exit
        if (it == iters) then
            f = f_prev ! the potentials the last error was measured on
            exit
        end if
        call otcore_sinkhorn_block_column_update(acc, eps, g, status)
        if (status /= OTC_OK) exit
    end do
    call expect(status == OTC_OK, "block steps, merges and column updates succeed")
    call expect(maxval(abs(f - fw)) < 1d-12, "blocks reproduce f of the whole solve")
    call expect(maxval(abs(g - gw)) < 1d-12, "blocks reproduce g of the whole solve")
    call expect(abs(e1 + e2 - err_ref) <= 1d-10 * err_ref .and. err_ref > 1d-8, &
                "block errors add up to the marginal error")

    ! An empty pair (a block not merged) is refused and g is left as it was.
    acc(3) = otc_lse_pair(-huge(1d0), 0d0)
    gw = g
    call otcore_sinkhorn_block_column_update(acc, eps, g, status)
    call expect(status == OTC_ERR_INVALID_ARGUMENT .and. maxval(abs(g - gw)) <= 0d0, "empty pair refused")

    if (bad == 0) then
        print '(a)', "example_sinkhorn_blocks example ok"
    else
        stop 1
    end if

contains

    ! `k` alternating iterations (f from g, then g from f) from zeros on the whole cost c;
    ! err: the L1 error of the row marginal of the final (f, g).
    subroutine reference(k, f, g, err)
        integer, intent(in) :: k
        real(c_double), intent(out) :: f(n), g(m), err
        integer :: t, i, j
        f = 0
        g = 0
        do t = 1, k
            do i = 1, n
                f(i) = -eps * lse(b, (g - c(i, :)) / eps)
            end do
            do j = 1, m
                g(j) = -eps * lse(a, (f - c(:, j)) / eps)
            end do
        end do
        err = 0
        do i = 1, n
            err = err + abs(a(i) * exp(f(i) / eps + lse(b, (g - c(i, :)) / eps)) - a(i))
        end do
    end subroutine

    ! log sum_k w_k exp(v_k), stably.
    function lse(w, v) result(r)
        real(c_double), intent(in) :: w(:), v(:)
        real(c_double) :: r
        r = maxval(v)
        r = r + log(sum(w * exp(v - r)))
    end function

    subroutine expect(ok, what)
        logical, intent(in) :: ok
        character(len=*), intent(in) :: what
        if (ok) then
            print '(a, a)', "ok   ", what
        else
            print '(a, a, a, a)', "FAIL ", what, ": ", otcore_last_error()
            bad = bad + 1
        end if
    end subroutine

end program example_sinkhorn_blocks
