! otcore from Fortran: assignment, exact OT on a grid, partial and TV-unbalanced OT (the ABI 1
! shape), each checked against an independent answer (brute force, the dense network simplex
! on the grid's cost, optima known by hand).
!   gfortran -std=f2008 otcore.f90 example_exact_sparse.f90 -lotcore -o example_exact_sparse
program example_exact_sparse
    use, intrinsic :: iso_c_binding
    use otcore
    implicit none
    integer, parameter :: n = 4, h = 3, w = 4, px = h * w
    real(c_double) :: c(n, n), cost, best, s, u(n), v(n)
    real(c_double) :: a(px), b(px), cg(px, px), f(px), g(px), gap, dense
    real(c_double) :: cp(2, 2), ap(2), bp(2), fp(2), gp(2), plan(2, 2), objective, lambda
    integer(c_size_t) :: perm(n), shape(2)
    integer(c_int32_t) :: status
    integer :: p(n), i, j, k, l, bad

    bad = 0
    do j = 1, n
        do i = 1, n
            c(i, j) = modulo(7 * i + 3 * j * j, 11) / 10.0d0
        end do
    end do
    ! Assignment: brute force over the 24 permutations.
    best = huge(1.0d0)
    do i = 1, n
        do j = 1, n
            do k = 1, n
                do l = 1, n
                    p = [i, j, k, l]
                    if (any(p(1) == p(2:)) .or. any(p(2) == p(3:)) .or. p(3) == p(4)) cycle
                    s = c(1, p(1)) + c(2, p(2)) + c(3, p(3)) + c(4, p(4))
                    best = min(best, s)
                end do
            end do
        end do
    end do
    call otcore_assignment(c, perm, cost, status, u, v)
    call expect(status == OTC_OK .and. abs(cost - best) < 1d-14, "assignment = brute force")
    s = 0
    do i = 1, n
        s = s + c(i, perm(i))
    end do
    call expect(abs(s - best) < 1d-14, "assignment: perm is 1-based and optimal")
    call expect(all(spread(u, 2, n) + spread(v, 1, n) <= c + 1d-12), "assignment: duals feasible")

    ! Grid 3 x 4 (C order: the last axis runs fastest) against the dense simplex.
    do i = 1, px
        a(i) = modulo(5 * i, 3)
        b(i) = 1 + modulo(7 * i, 4)
    end do
    a = a / sum(a)
    b = b / sum(b)
    do j = 1, px
        do i = 1, px
            cg(i, j) = real(((i - 1) / w - (j - 1) / w)**2 + (modulo(i - 1, w) - modulo(j - 1, w))**2, &
                            c_double)
        end do
    end do
    shape = [int(h, c_size_t), int(w, c_size_t)]
    call otcore_emd_grid(shape, a, b, cost, status, f=f, g=g, gap=gap)
    call otcore_emd(a, b, cg, dense, status)
    call expect(abs(cost - dense) < 1d-12, "emd_grid = emd on the grid's cost")
    call expect(gap <= 0 .and. gap > -1d-12, "emd_grid: certificate")
    call expect(abs(dot_product(a, f) - dot_product(b, g)) < 1d-12, "emd_grid: centred duals")

    ! Partial (mass 3/4) and TV (rho 0.9): C = [0 3; 1 2], a = (1/2, 1/2), b = (1/4, 3/4).
    cp = reshape([0d0, 1d0, 3d0, 2d0], [2, 2])
    ap = 0.5d0
    bp = [0.25d0, 0.75d0]
    call otcore_emd_partial(ap, bp, cp, 0.75d0, cost, status, fp, gp, plan)
    call expect(status == OTC_OK .and. abs(cost - 1) < 1d-14, "emd_partial: cost 1")
    call expect(abs(plan(2, 2) - 0.5d0) < 1d-15, "emd_partial: 1/2 on (2, 2)")
    call otcore_emd_unbalanced_tv(ap, bp, cp, 0.9d0, objective, status, fp, gp, plan)
    call expect(abs(objective - 0.9d0 * 1.5d0) < 1d-14, "emd_unbalanced_tv: objective")
    call expect(abs(dot_product(ap, fp) + dot_product(bp, gp) - objective) < 1d-12, &
                "emd_unbalanced_tv: a.f + b.g = objective")
    call otcore_emd_partial(ap, bp, cp, 2d0, cost, status)
    call expect(status == OTC_ERR_INVALID_ARGUMENT, "emd_partial refuses a mass above min")
    ! Entropic partial at eps = 0.01: within eps KL of the exact cost 1, mass and capacities held.
    call otcore_sinkhorn_partial(ap, bp, cp, 0.75d0, 0.01d0, cost, status, fp, gp, plan, &
                                 lambda, 1d-12)
    call expect(status == OTC_OK .and. cost >= 1 - 1d-12 .and. cost < 1.02d0, &
                "sinkhorn_partial: cost near the exact 1")
    call expect(abs(sum(plan) - 0.75d0) < 1d-12 .and. all(sum(plan, 2) <= ap + 1d-12) .and. &
                all(fp <= 0) .and. all(gp <= 0), "sinkhorn_partial: mass, capacities, signs")
    call expect(abs(plan(1, 2) - ap(1) * bp(2) * exp((fp(1) + gp(2) + lambda - cp(1, 2)) / 0.01d0)) &
                < 1d-14, "sinkhorn_partial: plan from the duals")
    call otcore_sinkhorn_partial(ap, bp, cp, 0d0, 0.01d0, cost, status)
    call expect(status == OTC_ERR_INVALID_ARGUMENT, "sinkhorn_partial refuses a zero mass")

    if (bad > 0) stop 1
    print '(a)', "example_exact_sparse example ok"

contains

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

end program example_exact_sparse
