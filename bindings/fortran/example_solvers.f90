! otcore from Fortran: exact OT, Sinkhorn, Gaussian (Bures) and semi-discrete OT on column-major
! arrays, each checked against an independent answer (brute force, marginals, closed form).
!   gfortran -std=f2008 otcore.f90 example_solvers.f90 -lotcore -o example_solvers
program example_solvers
    use, intrinsic :: iso_c_binding
    use otcore
    implicit none
    integer, parameter :: n = 4
    real(c_double) :: a(n), b(n), c(n, n), f(n), g(n), plan(n, n), cost, best, s
    real(c_double) :: cb(n, n, 2), ab(n, 2), bb(n, 2), costs(2)
    real(c_double) :: x(6, 2), y(6, 2), w6(6), sw, w1, value
    real(c_double) :: s1(2, 2), s2(2, 2), m1(2), m2(2), amat(2, 2), bvec(2), sq(2, 2), b2, w2
    real(c_double) :: pts(200, 2), sites(3, 2), gd(3), gs(3), gs2(3), masses(3), bs(3), distortion, sd_err
    real(c_double) :: hists(5, 2), cost5(5, 5), bary(5), imgs(16, 2), cbary(16)
    real(c_double) :: mean(2), cov(2, 2), ent, pts4(4, 2), gmeans(2, 2), gcovs(2, 2, 2)
    real(c_double) :: f2(n), g2(n), tc, c6(6, 6), f6(6), g6(6), f6p(6), g6p(6), ga6(6), wp(6)
    real(c_double) :: vp, vm, pmeans(3, 2), pcovs(2, 2, 3), w2p(2, 3), w2exp, amap(2, 2)
    real(c_double) :: ymap(4, 2), ylin(4, 2), yexp
    real(c_double) :: xq(5, 2), yq(4, 2), cq(5, 4), aq(5), bq(4), fq(5), gq(4), cq_cost, gapq
    real(c_double) :: qv(3), xy(12), w12(12), bpts(11), bwts(11), lam(2)
    integer(c_size_t) :: sizes2(2), nnz
    real(c_double) :: yfs(12, 2), y1fs(6, 2), xfs(6, 2), x0fs(6, 2), w6fs(6), obj
    real(c_double) :: xg(6, 2), gx(6, 2), gxs(6, 2), plan6(6, 6), c66(6, 6), cp, cm, ipts(36, 2), iw(36)
    real(c_double) :: smass(11), spts(11, 2), sw11(11)
    integer(c_size_t) :: srows(11), scols(11)
    type(otc_free_support_barycenter_options) :: fsopts
    real(c_double) :: xfl(6, 2), xfl2(6, 2), pfl(36), pfl2(36), dfl, dfl2, mfl, mfl2, tfl
    real(c_double) :: rho64(64), rho64n(64), rho64w(64), dual64(64), dual64w(64)
    type(otc_report) :: rep, rep2
    type(otc_sinkhorn_options) :: sopts
    type(otc_sinkhorn_divergence_options) :: dopts
    integer(c_int64_t) :: iterations
    integer(c_int32_t) :: status, cells(200)
    integer :: p(n), i, j, k, l, bad
    type(otc_report) :: report

    bad = 0
    a = 0.25d0
    b = 0.25d0
    do j = 1, n
        do i = 1, n
            c(i, j) = modulo(7 * i + 3 * j * j, 11) / 10.0d0
        end do
    end do

    ! Exact OT: with uniform weights an optimal plan is a permutation: brute force over all 24.
    best = huge(1.0d0)
    do i = 1, n
        do j = 1, n
            do k = 1, n
                do l = 1, n
                    p = [i, j, k, l]
                    if (i == j .or. i == k .or. i == l .or. j == k .or. j == l .or. k == l) cycle
                    s = (c(1, p(1)) + c(2, p(2)) + c(3, p(3)) + c(4, p(4))) / n
                    best = min(best, s)
                end do
            end do
        end do
    end do
    plan = 0
    call otcore_emd(a, b, c, cost, status, f=f, g=g, plan=plan, num_threads=1_c_int32_t)
    call expect(status == OTC_OK .and. abs(cost - best) <= 1d-12, "emd cost = brute force")
    call expect(abs(sum(a * f) + sum(b * g) - best) <= 1d-12, "emd strong duality")
    call expect(maxval(abs(sum(plan, 2) - a)) <= 1d-14, "emd row marginals")
    ! Batch of the problem and its transpose: both have the same optimal cost.
    cb(:, :, 1) = c
    cb(:, :, 2) = transpose(c)
    ab = 0.25d0
    bb = 0.25d0
    call otcore_emd_batch(ab, bb, cb, costs, status)
    call expect(status == OTC_OK .and. maxval(abs(costs - best)) <= 1d-12, "emd batch")
    ! An unbalanced problem is an error; the message names the heavier side.
    call otcore_emd(a, 2 * b, c, cost, status)
    call expect(status == OTC_ERR_MASS_MISMATCH, "mass mismatch reported")

    ! Point clouds with costs on the fly: the dense emd's optimum on the same Euclidean costs.
    do i = 1, 5
        xq(i, :) = [modulo(3 * i, 7) / 7.0d0, modulo(5 * i, 11) / 11.0d0]
    end do
    do j = 1, 4
        yq(j, :) = [modulo(2 * j, 5) / 5.0d0, modulo(7 * j, 9) / 9.0d0]
    end do
    aq = 0.2d0
    bq = [0.1d0, 0.4d0, 0.3d0, 0.2d0]
    call otcore_cost_matrix(xq, yq, cq, status, metric=OTC_METRIC_EUCLIDEAN)
    call otcore_emd(aq, bq, cq, cq_cost, status)
    call otcore_emd_points(aq, bq, xq, yq, cost, status, metric=OTC_METRIC_EUCLIDEAN, f=fq, &
                           g=gq, gap=gapq)
    call expect(status == OTC_OK .and. abs(cost - cq_cost) <= 1d-12, "emd_points = emd")
    call expect(gapq <= 0 .and. gapq > -1d-12, "emd_points certificate")
    call expect(abs(sum(aq * fq) + sum(bq * gq) - cost) <= 1d-12, "emd_points strong duality")
    call otcore_emd_points(aq, 2 * bq, xq, yq, cost, status)
    call expect(status == OTC_ERR_MASS_MISMATCH, "emd_points mass mismatch reported")

    ! 1-D and sliced: along the only direction of 1-D points, sliced = 1-D = sorted matching.
    do i = 1, 6
        x(i, 1) = i * 0.1d0
        y(i, 1) = 1.0d0 - i * 0.05d0
    end do
    x(:, 2) = 0
    y(:, 2) = 0
    w6 = 1.0d0 / 6
    call otcore_wasserstein_1d(x(:, 1), w6, y(:, 1), w6, 2.0d0, w1, status)
    s = 0
    do i = 1, 6
        s = s + (x(i, 1) - (0.65d0 + i * 0.05d0))**2 / 6  ! i-th smallest y is 0.65 + 0.05 i
    end do
    call expect(status == OTC_OK .and. abs(w1 - s) <= 1d-13, "wasserstein_1d = sorted matching")

    ! Quantiles of the uniform samples y: Q(u) is the ceil(6u)-th smallest, 0.65 + 0.05 ceil(6u).
    call otcore_quantile_1d(y(:, 1), w6, [0.1d0, 0.5d0, 1.0d0], qv, status)
    call expect(status == OTC_OK .and. maxval(abs(qv - [0.7d0, 0.8d0, 0.95d0])) <= 1d-15, &
                "quantile_1d of uniform samples")
    ! McCann's geodesic at t = 0.25 (the W2 barycenter with lambda = (0.75, 0.25)): the k-th
    ! point is 0.75 x_(k) + 0.25 y_(k), and W2^2 to x is t^2 W2^2(x, y).
    xy(1:6) = x(:, 1)
    xy(7:12) = y(:, 1)
    w12 = 1.0d0 / 6
    sizes2 = 6
    lam = [0.75d0, 0.25d0]
    call otcore_barycenter_1d(xy, w12, sizes2, lam, 2.0d0, bpts, bwts, nnz, status)
    call expect(status == OTC_OK .and. nnz == 6, "barycenter_1d of two uniform samples")
    do i = 1, 6
        call expect(abs(bpts(i) - (0.75d0 * i * 0.1d0 + 0.25d0 * (0.65d0 + i * 0.05d0))) <= 1d-15 &
                    .and. abs(bwts(i) - 1.0d0 / 6) <= 1d-16, "geodesic point")
    end do
    call otcore_wasserstein_1d(bpts(1:6), bwts(1:6), x(:, 1), w6, 2.0d0, value, status)
    call expect(status == OTC_OK .and. abs(value - w1 / 16) <= 1d-14, "W2(nu_t, mu) = t W2(mu, nu)")
    w12(12) = 0.5d0
    call otcore_barycenter_1d(xy, w12, sizes2, lam, 2.0d0, bpts, bwts, nnz, status)
    call expect(status == OTC_ERR_MASS_MISMATCH .and. nnz == 0, "barycenter_1d mass mismatch")

    ! Free-support barycenter: the support's mean is the lambda-average of the clouds' means;
    ! with one cloud (k = 1, as many support points) the support lands on the cloud.
    do i = 1, 12
        yfs(i, 1) = sin(0.7d0 * i)
        yfs(i, 2) = cos(1.3d0 * i) + merge(3.0d0, 0.0d0, i > 6)
    end do
    do i = 1, 6
        x0fs(i, :) = [0.1d0 * i, -0.2d0 * i]
    end do
    w6fs = 1.0d0 / 6
    w12 = 1.0d0 / 6
    call otcore_free_support_barycenter(yfs, w12, sizes2, lam, x0fs, w6fs, xfs, status, &
                                        report=rep, objective=obj)
    call expect(status == OTC_OK .and. rep%iterations >= 1 .and. obj > 0, "free-support barycenter")
    do j = 1, 2
        call expect(abs(sum(xfs(:, j)) / 6 - (0.75d0 * sum(yfs(1:6, j)) + 0.25d0 * sum(yfs(7:12, j))) / 6) &
                    <= 1d-13, "free-support barycenter mean")
    end do
    y1fs = yfs(1:6, :)
    call otcore_free_support_barycenter(y1fs, w6fs, [6_c_size_t], [1.0d0], x0fs, w6fs, xfs, status)
    call expect(status == OTC_OK .and. abs(sum(xfs) - sum(y1fs)) <= 1d-13, &
                "free-support barycenter of one cloud")

    ! Entropic inner solves (epsilon), and the same through a whole options struct.
    call otcore_free_support_barycenter(yfs, w12, sizes2, lam, x0fs, w6fs, xfs, status, &
                                        tol=1d-6, epsilon=0.2d0)
    call expect(status == OTC_OK .and. abs(sum(xfs(:, 1)) / 6 - (0.75d0 * sum(yfs(1:6, 1)) + &
                0.25d0 * sum(yfs(7:12, 1))) / 6) <= 1d-7, "entropic free-support barycenter mean")
    status = otc_free_support_barycenter_options_default(fsopts)
    fsopts%inner = OTC_FREE_SUPPORT_INNER_SINKHORN
    fsopts%epsilon = -1.0d0
    call otcore_free_support_barycenter(yfs, w12, sizes2, lam, x0fs, w6fs, xfs, status, &
                                        options=fsopts)
    call expect(status == OTC_ERR_INVALID_ARGUMENT, "free-support options pass through")

    ! The exact plan's position gradient against a finite difference of the optimal cost,
    ! from the dense plan and from its sparse entries; the interpolation at t = 0 puts x's
    ! masses on x's points.
    do i = 1, 6
        xg(i, :) = [sin(1.1d0 * i), cos(0.7d0 * i)]
    end do
    call otcore_cost_matrix(xg, y, c66, status)
    call otcore_emd(w6, w6, c66, cost, status, plan=plan6)
    call otcore_plan_position_gradient(xg, y, status, gx=gx, plan=plan6)
    call expect(status == OTC_OK, "plan position gradient")
    l = 0
    do j = 1, 6
        do i = 1, 6
            if (plan6(i, j) > 0) then
                l = l + 1
                srows(l) = int(i - 1, c_size_t)
                scols(l) = int(j - 1, c_size_t)
                smass(l) = plan6(i, j)
            end if
        end do
    end do
    call otcore_plan_position_gradient(xg, y, status, gx=gxs, plan_rows=srows(1:l), &
                                       plan_cols=scols(1:l), plan_mass=smass(1:l))
    call expect(status == OTC_OK .and. maxval(abs(gxs - gx)) <= 1d-14, "sparse = dense gradient")
    xg(2, 1) = xg(2, 1) + 1d-6
    call otcore_cost_matrix(xg, y, c66, status)
    call otcore_emd(w6, w6, c66, cp, status)
    xg(2, 1) = xg(2, 1) - 2d-6
    call otcore_cost_matrix(xg, y, c66, status)
    call otcore_emd(w6, w6, c66, cm, status)
    xg(2, 1) = xg(2, 1) + 1d-6
    call expect(abs((cp - cm) / 2d-6 - gx(2, 1)) <= 1d-6, "gradient = finite difference")
    call otcore_displacement_interpolation(xg, y, 0.0d0, ipts, iw, status, plan=plan6)
    call expect(status == OTC_OK .and. abs(sum(iw(1:6)) - w6(1)) <= 1d-15 .and. &
                maxval(abs(ipts(1:6, 1) - xg(1, 1))) <= 0, "interpolation at t = 0")
    call otcore_displacement_interpolation(xg, y, 1.0d0, spts(1:l, :), sw11(1:l), status, &
                                           plan_rows=srows(1:l), plan_cols=scols(1:l), &
                                           plan_mass=smass(1:l))
    call expect(status == OTC_OK .and. abs(spts(1, 1) - y(scols(1) + 1, 1)) <= 0, "interpolation at t = 1")
    call otcore_displacement_interpolation(xg, y, 1.5d0, ipts, iw, status, plan=plan6)
    call expect(status == OTC_ERR_INVALID_ARGUMENT, "interpolation t outside [0, 1]")
    ! Flow steps: two Wasserstein steps (the second warm-started) and two MMD steps toward a
    ! shifted copy of the free-support clouds decrease their values; a JKO step keeps the mass.
    call otcore_wasserstein_flow_step(x0fs, w6fs, y1fs, w6fs, 0.2d0, xfl, dfl, status, &
                                      potentials=pfl, epsilon=0.5d0)
    call expect(status == OTC_OK .and. dfl > 0, "wasserstein flow step")
    call otcore_wasserstein_flow_step(xfl, w6fs, y1fs, w6fs, 0.2d0, xfl2, dfl2, status, &
                                      init_potentials=pfl, potentials=pfl2, epsilon=0.5d0)
    call expect(status == OTC_OK .and. dfl2 < dfl, "wasserstein flow decreases")
    call otcore_mmd_flow_step(x0fs, w6fs, y1fs, w6fs, 0.1d0, xfl, mfl, status, target_term_out=tfl)
    call expect(status == OTC_OK .and. mfl > 0, "mmd flow step")
    call otcore_mmd_flow_step(xfl, w6fs, y1fs, w6fs, 0.1d0, xfl2, mfl2, status, target_term=tfl)
    call expect(status == OTC_OK .and. mfl2 < mfl, "mmd flow decreases")
    do i = 1, 64
        rho64(i) = exp(-((mod(i - 1, 8) - 3.5d0)**2 + ((i - 1) / 8 - 3.5d0)**2) / 4)
    end do
    call otcore_jko_step(rho64, 8_c_size_t, 8_c_size_t, 1d-2, 1d-2, rho64n, status, report=rep, &
                         dual=dual64)
    call expect(status == OTC_OK .and. abs(sum(rho64n) - sum(rho64)) <= 1d-12 * sum(rho64), &
                "jko step keeps the mass")
    ! The same step from its own dual: at the fixed point at once, the same density.
    call otcore_jko_step(rho64, 8_c_size_t, 8_c_size_t, 1d-2, 1d-2, rho64w, status, report=rep2, &
                         init_dual=dual64, dual=dual64w)
    call expect(status == OTC_OK .and. rep2%iterations <= 2 .and. rep%iterations > 10 .and. &
                sum(abs(rho64w - rho64n)) <= 2d-9, "jko step warm-started from its dual")

    call otcore_sliced_wasserstein(x, w6, y, w6, 2.0d0, 64_c_size_t, 7_c_int64_t, sw, status)
    call expect(status == OTC_OK .and. sw > 0 .and. sw <= w1 + 1d-13, "sliced <= 1-D on a line")

    ! Sinkhorn: marginals at convergence.
    call otcore_sinkhorn(a, b, c, 0.05d0, f, g, status, plan=plan, report=rep, &
                         transport_cost=tc, tolerance=1d-12, max_iter=100000_c_int64_t)
    call expect(status == OTC_OK .and. rep%error <= 1d-12, "sinkhorn converged")
    call expect(maxval(abs(sum(plan, 2) - a)) <= 1d-10 .and. maxval(abs(sum(plan, 1) - b)) <= 1d-10, &
                "sinkhorn marginals")
    call expect(abs(tc - sum(plan * c)) <= 1d-13, "sinkhorn transport cost = <C, P>")
    ! Every option through the options struct: the log-domain path runs when asked.
    status = otc_sinkhorn_options_default(sopts)
    sopts%path = OTC_SINKHORN_PATH_LOG_DOMAIN
    call otcore_sinkhorn(a, b, c, 0.05d0, f2, g2, status, report=rep, tolerance=1d-12, &
                         max_iter=100000_c_int64_t, opts=sopts)
    call expect(status == OTC_OK .and. rep%path == OTC_SINKHORN_PATH_LOG_DOMAIN .and. &
                maxval(abs(f2 - f)) <= 1d-9, "sinkhorn log-domain path")
    ! Points: the squared Euclidean cost on the fly equals the dense one.
    do j = 1, 6
        do i = 1, 6
            c6(i, j) = (x(i, 1) - y(j, 1))**2
        end do
    end do
    call otcore_sinkhorn(w6, w6, c6, 0.1d0, f6, g6, status, tolerance=1d-12)
    call otcore_sinkhorn_points(x, y, w6, w6, 0.1d0, f6p, g6p, status, tolerance=1d-12)
    call expect(status == OTC_OK .and. maxval(abs(f6p - f6)) <= 1d-9, "sinkhorn points = dense")
    call otcore_sinkhorn_divergence(x, x, w6, w6, 0.1d0, value, status)
    call expect(status == OTC_OK .and. abs(value) <= 1d-10, "divergence of a cloud with itself")
    ! The gradient in the weights of S(a, b) against a central difference along a
    ! mass-preserving direction (+h on a_1, -h on a_2).
    status = otc_sinkhorn_divergence_options_default(dopts)
    dopts%tolerance = 1d-12
    dopts%max_iter = 100000_c_int64_t
    call otcore_sinkhorn_divergence(x, y, w6, w6, 0.1d0, value, status, grad_a=ga6, opts=dopts)
    wp = w6
    wp(1) = wp(1) + 1d-6
    wp(2) = wp(2) - 1d-6
    call otcore_sinkhorn_divergence(x, y, wp, w6, 0.1d0, vp, status, opts=dopts)
    wp(1) = wp(1) - 2d-6
    wp(2) = wp(2) + 2d-6
    call otcore_sinkhorn_divergence(x, y, wp, w6, 0.1d0, vm, status, opts=dopts)
    call expect(abs((vp - vm) / 2d-6 - (ga6(1) - ga6(2))) <= 1d-5, "divergence gradient in a")

    ! Gaussian: diagonal covariances, closed form sum (sqrt(s1) - sqrt(s2))^2.
    s1 = reshape([4.0d0, 0.0d0, 0.0d0, 1.0d0], [2, 2])
    s2 = reshape([1.0d0, 0.0d0, 0.0d0, 9.0d0], [2, 2])
    m1 = [0.0d0, 1.0d0]
    m2 = [3.0d0, 1.0d0]
    call otcore_bures(s1, s2, b2, status)
    call expect(status == OTC_OK .and. abs(b2 - ((2 - 1)**2 + (1 - 3)**2)) <= 1d-12, "bures")
    call otcore_gaussian_w2(m1, s1, m2, s2, w2, status)
    call expect(abs(w2 - (9 + 5)) <= 1d-12, "gaussian w2")
    call otcore_gaussian_map(m1, s1, m2, s2, amat, bvec, status)
    call expect(abs(amat(1, 1) - 0.5d0) <= 1d-12 .and. abs(amat(2, 2) - 3) <= 1d-12 .and. &
                abs(bvec(2) - (1 - 3)) <= 1d-12, "gaussian map")
    call otcore_psd_sqrt(s2, sq, status)
    call expect(abs(sq(1, 1) - 1) <= 1d-12 .and. abs(sq(2, 2) - 3) <= 1d-12, "psd sqrt")

    call otcore_gaussian_entropic_w2(m1, s1, m2, s2, 1d-7, ent, status)
    call expect(status == OTC_OK .and. abs(ent - w2) <= 1d-4 * w2, "entropic cost -> W2 as eps -> 0")
    call otcore_gaussian_geodesic(m1, s1, m2, s2, 0.25d0, mean, cov, status)
    call expect(abs(cov(1, 1) - (0.75d0 * 2 + 0.25d0 * 1)**2) <= 1d-12 .and. &
                abs(cov(2, 2) - (0.75d0 * 1 + 0.25d0 * 3)**2) <= 1d-12 .and. &
                abs(mean(1) - 0.75d0) <= 1d-12, "gaussian geodesic")
    pts4 = reshape([0.0d0, 1.0d0, 0.0d0, 1.0d0, 0.0d0, 0.0d0, 2.0d0, 2.0d0], [4, 2])
    call otcore_gaussian_moments(pts4, mean, cov, status)
    call expect(abs(mean(1) - 0.5d0) <= 1d-14 .and. abs(mean(2) - 1) <= 1d-14 .and. &
                abs(cov(1, 1) - 0.25d0) <= 1d-14 .and. abs(cov(2, 2) - 1) <= 1d-14 .and. &
                abs(cov(1, 2)) <= 1d-14, "gaussian moments")
    ! Barycenter of two commuting Gaussians: ((sqrt(s1) + sqrt(s2)) / 2)^2, the mean of the means.
    gmeans = reshape([m1(1), m2(1), m1(2), m2(2)], [2, 2])
    gcovs(:, :, 1) = s1
    gcovs(:, :, 2) = s2
    call otcore_gaussian_barycenter(gmeans, gcovs, mean, cov, iterations, status)
    call expect(status == OTC_OK .and. abs(cov(1, 1) - 1.5d0**2) <= 1d-12 .and. &
                abs(cov(2, 2) - 2.0d0**2) <= 1d-12 .and. abs(mean(1) - 1.5d0) <= 1d-14 .and. &
                iterations >= 1, "gaussian barycenter")
    ! Pairwise W2 between the two Gaussians above and three diagonal ones, against the closed
    ! form |m_i - m_j|^2 + sum_k (sqrt(s_i,kk) - sqrt(s_j,kk))^2 of diagonal covariances.
    pcovs = 0
    do j = 1, 3
        pmeans(j, :) = [0.5d0 * j, 1.0d0 - j]
        pcovs(1, 1, j) = j**2
        pcovs(2, 2, j) = (j + 1)**2
    end do
    call otcore_gaussian_w2_pairwise(gmeans, gcovs, pmeans, pcovs, w2p, status, num_threads=2)
    call expect(status == OTC_OK, "gaussian w2 pairwise status")
    do j = 1, 3
        do i = 1, 2
            w2exp = sum((gmeans(i, :) - pmeans(j, :))**2)
            do k = 1, 2
                w2exp = w2exp + (sqrt(gcovs(k, k, i)) - sqrt(pcovs(k, k, j)))**2
            end do
            call expect(abs(w2p(i, j) - w2exp) <= 1d-12 * max(1d0, w2exp), "gaussian w2 pairwise")
        end do
    end do
    ! A non-symmetric map applied to the rows of pts4, against y(i, k) = sum_l A(k, l) x(i, l) + b(k).
    amap = reshape([1.0d0, 3.0d0, -2.0d0, 0.5d0], [2, 2])
    bvec = [0.5d0, -1.0d0]
    call otcore_gaussian_map_apply(amap, pts4, ymap, status, bvec=bvec, num_threads=1)
    call otcore_gaussian_map_apply(amap, pts4, ylin, status)
    do i = 1, 4
        do k = 1, 2
            yexp = amap(k, 1) * pts4(i, 1) + amap(k, 2) * pts4(i, 2)
            call expect(status == OTC_OK .and. abs(ymap(i, k) - (yexp + bvec(k))) <= 1d-14 .and. &
                        abs(ylin(i, k) - yexp) <= 1d-14, "gaussian map apply")
        end do
    end do

    ! Semi-discrete: Laguerre cells against brute force; the solver reaches the target masses.
    do i = 1, 200
        pts(i, 1) = modulo(i * 0.618034d0, 1.0d0)
        pts(i, 2) = modulo(i * 0.414214d0, 1.0d0)
    end do
    sites = reshape([0.2d0, 0.5d0, 0.8d0, 0.3d0, 0.7d0, 0.4d0], [3, 2])
    gd = [0.0d0, 0.05d0, -0.02d0]
    call otcore_laguerre_assign(pts, sites, gd, cells, masses, status)
    k = 0
    do i = 1, 200
        if (cells(i) + 1 /= minloc((pts(i, 1) - sites(:, 1))**2 + (pts(i, 2) - sites(:, 2))**2 - gd, 1)) &
            k = k + 1
    end do
    call expect(status == OTC_OK .and. k == 0 .and. abs(sum(masses) - 1) <= 1d-12, "laguerre cells")
    bs = 1.0d0 / 3
    gd = 0
    call otcore_semidiscrete(pts, sites, bs, gd, masses, status, sd_err)
    call expect(status == OTC_OK .and. maxval(abs(masses - bs)) <= 1d-2 .and. sd_err <= 1d-6, &
                "semidiscrete masses")
    ! SGD from the same sample array reaches the full-batch weights (within the width of the
    ! optimal set of 200 samples), and the same seed gives the same weights again.
    gs = 0
    call otcore_semidiscrete_sgd_samples(pts, sites, bs, 3_c_int64_t, 20000_c_int64_t, 64_c_size_t, &
                                         gs, status)
    call expect(status == OTC_OK .and. maxval(abs(gs - gd)) <= 2d-2 .and. abs(sum(gs)) <= 1d-12, &
                "semidiscrete sgd from samples")
    gs2 = 0
    call otcore_semidiscrete_sgd_samples(pts, sites, bs, 3_c_int64_t, 20000_c_int64_t, 64_c_size_t, &
                                         gs2, status)
    call expect(maxval(abs(gs2 - gs)) <= 0.0d0, "sgd from samples: same seed, same weights")
    call otcore_lloyd(pts, sites, 50_c_int64_t, 1d-10, distortion, status)
    call expect(status /= OTC_ERR_INVALID_ARGUMENT .and. status < 100 .and. distortion > 0, "lloyd")

    ! Fixed-support barycenter of two histograms: a histogram (sums to 1).
    hists = 0
    hists(1, 1) = 1
    hists(5, 2) = 1
    do j = 1, 5
        do i = 1, 5
            cost5(i, j) = ((i - j) / 4.0d0)**2
        end do
    end do
    call otcore_barycenter(hists, cost5, 0.05d0, bary, status, report=report)
    call expect(status < 100 .and. abs(sum(bary) - 1) <= 1d-6 .and. abs(bary(1) - bary(5)) <= 1d-9, &
                "barycenter symmetric")
    call expect(report%status == status .and. report%iterations > 0 .and. report%error <= 1d-9, &
                "barycenter report")
    ! One iteration with tol 0: the cap is a warning, the report says 1 (one-hot histograms
    ! reach the fixed point exactly at the second).
    call otcore_barycenter(hists, cost5, 0.05d0, bary, status, report=report, &
                           max_iter=1_c_int64_t, tol=0.0d0, num_threads=1_c_int32_t)
    call expect(status == OTC_WARN_MAX_ITER .and. report%iterations == 1 .and. report%error > 0, &
                "barycenter cap")

    ! Convolutional barycenter of a 4 x 4 image and its left-right mirror: mirror symmetric.
    imgs = 0
    imgs(1 * 4 + 1, 1) = 0.5d0
    imgs(2 * 4 + 1, 1) = 0.5d0
    imgs(1 * 4 + 4, 2) = 0.5d0
    imgs(2 * 4 + 4, 2) = 0.5d0
    call otcore_convolutional_barycenter(imgs, 4_c_size_t, 4_c_size_t, 0.05d0, cbary, status, &
                                         report=report, num_threads=2_c_int32_t)
    k = 0
    do i = 0, 3
        do j = 0, 3
            if (abs(cbary(i * 4 + j + 1) - cbary(i * 4 + (3 - j) + 1)) > 1d-9) k = k + 1
        end do
    end do
    call expect(status < 100 .and. k == 0 .and. abs(sum(cbary) - 1) <= 1d-6 .and. &
                report%iterations > 0, "convolutional barycenter symmetric")

    if (bad /= 0) stop 1
    print '(a)', "example_solvers example ok"

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

end program example_solvers
