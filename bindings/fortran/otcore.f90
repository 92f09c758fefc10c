! otcore: Fortran 2008 interface to the otcore C ABI (include/otcore.h), through iso_c_binding.
!
!   use otcore
!   real(c_double) :: x(n, d), y(m, d), c(n, m)     ! points are rows; column-major as usual
!   call otcore_cost_matrix(x, y, c, status, metric=OTC_METRIC_EUCLIDEAN)
!   if (status >= 100) print *, otcore_last_error()
!
! Column-major arrays cross as strided views (row_stride 1, col_stride = leading dimension):
! no copy. Build: gfortran -std=f2008 -c otcore_c.f90 otcore.f90, then link with -lotcore.
! The constants, bind(c) types and interfaces are module otcore_c (otcore_c.f90, generated
! from include/otcore.h by abi-gen); this module re-exports them and adds the convenience
! routines otcore_*.
module otcore
    use, intrinsic :: iso_c_binding
    use otcore_c
    implicit none
    private :: c_string, cost_options, cost_matrix_f64, cost_matrix_f32, no_report, view_f64
    private :: mut_view_f64, no_view_f64, no_mut_view_f64, empty_report, no_workspace
    private :: sinkhorn_setup, block_step_points_f64, block_step_dense_f64, block_step_f64
    private :: dense_outputs, cov_views, set_sparse

    ! One block's share of a row-partitioned Sinkhorn iteration: points or dense cost rows.
    interface otcore_sinkhorn_block_step
        module procedure block_step_points_f64, block_step_dense_f64
    end interface

    ! Cost matrix of column-major clouds (points are rows), double or single precision.
    interface otcore_cost_matrix
        module procedure cost_matrix_f64, cost_matrix_f32
    end interface

contains

    ! A Fortran copy of a NUL-terminated C string owned by otcore.
    function c_string(p) result(s)
        type(c_ptr), intent(in) :: p
        character(len=:), allocatable :: s
        character(kind=c_char), pointer :: chars(:)
        integer :: n, i
        interface
            function strlen(str) bind(c, name="strlen") result(len)
                import :: c_ptr, c_size_t
                type(c_ptr), value :: str
                integer(c_size_t) :: len
            end function
        end interface
        n = int(strlen(p))
        call c_f_pointer(p, chars, [n])
        allocate (character(len=n) :: s)
        do i = 1, n
            s(i:i) = chars(i)
        end do
    end function

    ! The library's version, "MAJOR.MINOR.PATCH".
    function otcore_version() result(s)
        character(len=:), allocatable :: s
        s = c_string(otc_version_string())
    end function

    ! The detail of this thread's last otcore failure ("" after a success).
    function otcore_last_error() result(s)
        character(len=:), allocatable :: s
        s = c_string(otc_last_error_message())
    end function

    ! The description of a status code.
    function otcore_status_text(status) result(s)
        integer(c_int32_t), intent(in) :: status
        character(len=:), allocatable :: s
        s = c_string(otc_status_message(status))
    end function

    subroutine cost_options(opts, metric, p, num_threads)
        type(otc_cost_matrix_options), intent(out) :: opts
        integer(c_int32_t), intent(in), optional :: metric, num_threads
        real(c_double), intent(in), optional :: p
        integer(c_int32_t) :: st
        st = otc_cost_matrix_options_default(opts)
        if (present(metric)) opts%metric = metric
        if (present(p)) opts%p = p
        if (present(num_threads)) opts%num_threads = num_threads
    end subroutine

    ! c(i, j) = cost between x(i, :) and y(j, :); status is OTC_OK or an OTC_ERR_* code (then c
    ! is untouched and otcore_last_error() explains).
    subroutine cost_matrix_f64(x, y, c, status, metric, p, num_threads)
        real(c_double), intent(in), target, contiguous :: x(:, :), y(:, :)
        real(c_double), intent(inout), target, contiguous :: c(:, :)
        integer(c_int32_t), intent(out) :: status
        integer(c_int32_t), intent(in), optional :: metric, num_threads
        real(c_double), intent(in), optional :: p
        type(otc_cost_matrix_options) :: opts
        type(otc_cost_matrix_problem_f64) :: problem
        type(otc_cost_matrix_outputs_f64) :: out
        call cost_options(opts, metric, p, num_threads)
        problem = otc_cost_matrix_problem_f64(c_sizeof(problem), view_f64(x), view_f64(y))
        out = otc_cost_matrix_outputs_f64(c_sizeof(out), no_report(), mut_view_f64(c))
        status = otc_cost_matrix_f64(problem, out, opts, otc_workspace(c_null_ptr, 0_c_size_t))
    end subroutine

    subroutine cost_matrix_f32(x, y, c, status, metric, p, num_threads)
        real(c_float), intent(in), target, contiguous :: x(:, :), y(:, :)
        real(c_float), intent(inout), target, contiguous :: c(:, :)
        integer(c_int32_t), intent(out) :: status
        integer(c_int32_t), intent(in), optional :: metric, num_threads
        real(c_double), intent(in), optional :: p
        type(otc_cost_matrix_options) :: opts
        type(otc_cost_matrix_problem_f32) :: problem
        type(otc_cost_matrix_outputs_f32) :: out
        call cost_options(opts, metric, p, num_threads)
        problem = otc_cost_matrix_problem_f32(c_sizeof(problem), &
            otc_matrix_f32(c_loc(x), size(x, 1, c_size_t), size(x, 2, c_size_t), 1_c_intptr_t, &
                           int(size(x, 1), c_intptr_t)), &
            otc_matrix_f32(c_loc(y), size(y, 1, c_size_t), size(y, 2, c_size_t), 1_c_intptr_t, &
                           int(size(y, 1), c_intptr_t)))
        out = otc_cost_matrix_outputs_f32(c_sizeof(out), no_report(), &
            otc_matrix_mut_f32(c_loc(c), size(c, 1, c_size_t), size(c, 2, c_size_t), &
                               1_c_intptr_t, int(size(c, 1), c_intptr_t)))
        status = otc_cost_matrix_f32(problem, out, opts, otc_workspace(c_null_ptr, 0_c_size_t))
    end subroutine

    ! An all-zero report (the initial value of an outputs struct's report).
    function no_report() result(r)
        type(otc_report) :: r
        r = otc_report(0_c_int32_t, 0_c_int32_t, 0_c_int64_t, 0.0_c_double, 0.0_c_double)
    end function

    ! ---- Views of contiguous column-major arrays (no copy) ----

    function view_f64(x) result(v)
        real(c_double), intent(in), target, contiguous :: x(:, :)
        type(otc_matrix_f64) :: v
        v = otc_matrix_f64(c_loc(x), size(x, 1, c_size_t), size(x, 2, c_size_t), 1_c_intptr_t, &
                           int(size(x, 1), c_intptr_t))
    end function

    function mut_view_f64(x) result(v)
        real(c_double), intent(inout), target, contiguous :: x(:, :)
        type(otc_matrix_mut_f64) :: v
        v = otc_matrix_mut_f64(c_loc(x), size(x, 1, c_size_t), size(x, 2, c_size_t), &
                               1_c_intptr_t, int(size(x, 1), c_intptr_t))
    end function

    ! An absent view (data NULL): an optional input or output not given.
    function no_view_f64() result(v)
        type(otc_matrix_f64) :: v
        v = otc_matrix_f64(c_null_ptr, 0_c_size_t, 0_c_size_t, 0_c_intptr_t, 0_c_intptr_t)
    end function

    function no_mut_view_f64() result(v)
        type(otc_matrix_mut_f64) :: v
        v = otc_matrix_mut_f64(c_null_ptr, 0_c_size_t, 0_c_size_t, 0_c_intptr_t, 0_c_intptr_t)
    end function

    ! The address of an optional array of n values (c_null_ptr when absent); `ok` becomes
    ! .false. when it has another length.
    function optional_array_f64(x, n, ok) result(p)
        real(c_double), intent(in), target, contiguous, optional :: x(:)
        integer(c_size_t), intent(in) :: n
        logical, intent(inout) :: ok
        type(c_ptr) :: p
        p = c_null_ptr
        if (.not. present(x)) return
        if (size(x, 1, c_size_t) /= n) then
            ok = .false.
        else
            p = c_loc(x)
        end if
    end function

    ! ---- Exact OT ----

    ! Exact OT between histograms a (n) and b (m) for cost(n, m) by the network simplex: the
    ! optimal cost into `cost_out`; optional duals f (n), g (m), dense plan (n, m), pivots
    ! `iterations` and `gap` (most negative reduced cost of the duals), and the options
    ! num_threads, max_iter, mass_tolerance.
    ! status: OTC_OK, OTC_WARN_MAX_ITER, or an OTC_ERR_* code (outputs untouched).
    subroutine otcore_emd(a, b, cost, cost_out, status, f, g, plan, num_threads, max_iter, &
                          mass_tolerance, iterations, gap)
        real(c_double), intent(in), target, contiguous :: a(:), b(:), cost(:, :)
        real(c_double), intent(out) :: cost_out
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(inout), target, optional, contiguous :: f(:), g(:), plan(:, :)
        integer(c_int32_t), intent(in), optional :: num_threads
        integer(c_int64_t), intent(in), optional :: max_iter
        real(c_double), intent(in), optional :: mass_tolerance
        integer(c_int64_t), intent(out), optional :: iterations
        real(c_double), intent(out), optional :: gap
        type(otc_emd_options) :: opts
        type(otc_emd_problem_f64) :: problem
        type(otc_emd_outputs_f64), target :: out
        status = otc_emd_options_default(opts)
        if (present(num_threads)) opts%num_threads = num_threads
        if (present(max_iter)) opts%max_iter = max_iter
        if (present(mass_tolerance)) opts%mass_tolerance = mass_tolerance
        problem = otc_emd_problem_f64(c_sizeof(problem), c_loc(a), size(a, kind=c_size_t), &
                                      c_loc(b), size(b, kind=c_size_t), view_f64(cost), &
                                      c_null_ptr, c_null_ptr)
        out = otc_emd_outputs_f64(c_sizeof(out), empty_report(), 0.0_c_double, 0.0_c_double, &
                                  0_c_size_t, c_null_ptr, c_null_ptr, c_null_ptr, c_null_ptr, &
                                  c_null_ptr, otc_matrix_mut_f64(c_null_ptr, 0_c_size_t, &
                                  0_c_size_t, 0_c_intptr_t, 0_c_intptr_t))
        if (present(f)) out%f = c_loc(f)
        if (present(g)) out%g = c_loc(g)
        if (present(plan)) out%plan = mut_view_f64(plan)
        status = otc_emd_f64(problem, out, opts, no_workspace())
        if (status >= 100) return
        cost_out = out%cost
        if (present(iterations)) iterations = out%report%iterations
        if (present(gap)) gap = out%gap
    end subroutine

    ! k exact problems of one shape: a(n, k), b(m, k), cost(n, m, k); costs(k) receives each
    ! optimal cost. Problems are shared by num_threads workers (same results for any count).
    subroutine otcore_emd_batch(a, b, cost, costs, status, num_threads, max_iter, mass_tolerance)
        real(c_double), intent(in), target, contiguous :: a(:, :), b(:, :), cost(:, :, :)
        real(c_double), intent(out), target :: costs(:)
        integer(c_int32_t), intent(out) :: status
        integer(c_int32_t), intent(in), optional :: num_threads
        integer(c_int64_t), intent(in), optional :: max_iter
        real(c_double), intent(in), optional :: mass_tolerance
        type(otc_emd_batch_options) :: opts
        type(otc_emd_batch_problem_f64) :: problem
        type(otc_emd_batch_outputs_f64) :: out
        type(otc_matrix_f64), target :: views(size(cost, 3))
        real(c_double), target :: found(size(cost, 3))
        integer :: l
        status = otc_emd_batch_options_default(opts)
        if (present(num_threads)) opts%num_threads = num_threads
        if (present(max_iter)) opts%max_iter = max_iter
        if (present(mass_tolerance)) opts%mass_tolerance = mass_tolerance
        do l = 1, size(cost, 3)
            views(l) = view_f64(cost(:, :, l))
        end do
        problem = otc_emd_batch_problem_f64(c_sizeof(problem), size(cost, 3, c_size_t), &
                                            size(cost, 1, c_size_t), size(cost, 2, c_size_t), &
                                            c_loc(a), c_loc(b), c_loc(views))
        out = otc_emd_batch_outputs_f64(c_sizeof(out), empty_report(), 0.0_c_double, &
                                        0.0_c_double, 0_c_size_t, c_loc(found), c_null_ptr, &
                                        c_null_ptr, c_null_ptr, c_null_ptr, c_null_ptr, &
                                        c_null_ptr, c_null_ptr, c_null_ptr)
        status = otc_emd_batch_f64(problem, out, opts, no_workspace())
        if (status < 100) costs = found
    end subroutine

    ! Exact 1-D OT between samples x (weights a) and y (weights b) for |x - y|^p: wp_p =
    ! sum P_ij |x_i - y_j|^p (W_p^p for unit masses).
    subroutine otcore_wasserstein_1d(x, a, y, b, p, wp_p, status, mass_tolerance)
        real(c_double), intent(in), target, contiguous :: x(:), a(:), y(:), b(:)
        real(c_double), intent(in) :: p
        real(c_double), intent(out) :: wp_p
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(in), optional :: mass_tolerance
        type(otc_wasserstein_1d_options) :: opts
        type(otc_wasserstein_1d_problem_f64) :: problem
        type(otc_wasserstein_1d_outputs_f64) :: out
        status = otc_wasserstein_1d_options_default(opts)
        if (present(mass_tolerance)) opts%mass_tolerance = mass_tolerance
        problem = otc_wasserstein_1d_problem_f64(c_sizeof(problem), c_loc(x), c_loc(a), &
                                                 size(x, kind=c_size_t), c_loc(y), c_loc(b), &
                                                 size(y, kind=c_size_t), p)
        out = otc_wasserstein_1d_outputs_f64(c_sizeof(out), empty_report(), 0.0_c_double, &
                                             0_c_size_t, c_null_ptr, c_null_ptr, c_null_ptr)
        status = otc_wasserstein_1d_f64(problem, out, opts, no_workspace())
        if (status < 100) wp_p = out%wp_p
    end subroutine

    ! The quantile function Q(u) = min{x_j : a_j > 0, F(x_j) >= u} of the measure
    ! sum_j a_j delta_{x_j} (normalised to mass 1) at each level u in [0, 1]: q(l) = Q(levels(l)).
    subroutine otcore_quantile_1d(x, a, levels, q, status)
        real(c_double), intent(in), target, contiguous :: x(:), a(:), levels(:)
        real(c_double), intent(inout), target, contiguous :: q(:)
        integer(c_int32_t), intent(out) :: status
        type(otc_quantile_1d_options) :: opts
        type(otc_quantile_1d_problem_f64) :: problem
        type(otc_quantile_1d_outputs_f64) :: out
        status = otc_quantile_1d_options_default(opts)
        if (size(q) /= size(levels) .or. size(a) /= size(x)) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        problem = otc_quantile_1d_problem_f64(c_sizeof(problem), c_loc(x), c_loc(a), &
                                              size(x, kind=c_size_t), c_loc(levels), &
                                              size(levels, kind=c_size_t))
        out = otc_quantile_1d_outputs_f64(c_sizeof(out), empty_report(), c_loc(q))
        status = otc_quantile_1d_f64(problem, out, opts, no_workspace())
    end subroutine

    ! The W_p barycenter of k measures on the line with weights lambda(k): measure i holds the
    ! sizes(i) samples of x (weights a) that follow those of measures 1 .. i-1. Writes nnz
    ! points (ascending) and weights (both need room for size(x) - k + 1). McCann's geodesic at
    ! time t between two measures: lambda = (1 - t, t), p = 2.
    subroutine otcore_barycenter_1d(x, a, sizes, lambda, p, points, weights, nnz, status, &
                                    mass_tolerance)
        real(c_double), intent(in), target, contiguous :: x(:), a(:), lambda(:)
        integer(c_size_t), intent(in), target, contiguous :: sizes(:)
        real(c_double), intent(in) :: p
        real(c_double), intent(inout), target, contiguous :: points(:), weights(:)
        integer(c_size_t), intent(out) :: nnz
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(in), optional :: mass_tolerance
        type(otc_barycenter_1d_options) :: opts
        type(otc_barycenter_1d_problem_f64) :: problem
        type(otc_barycenter_1d_outputs_f64) :: out
        status = otc_barycenter_1d_options_default(opts)
        if (present(mass_tolerance)) opts%mass_tolerance = mass_tolerance
        nnz = 0
        if (size(a) /= size(x) .or. size(lambda) /= size(sizes) .or. &
            min(size(points), size(weights)) < size(x) - size(sizes) + 1) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        problem = otc_barycenter_1d_problem_f64(c_sizeof(problem), c_loc(x), c_loc(a), &
                                                size(x, kind=c_size_t), c_loc(sizes), &
                                                size(sizes, kind=c_size_t), c_loc(lambda), p)
        out = otc_barycenter_1d_outputs_f64(c_sizeof(out), empty_report(), 0_c_size_t, &
                                            c_loc(points), c_loc(weights))
        status = otc_barycenter_1d_f64(problem, out, opts, no_workspace())
        if (status < 100) nnz = out%nnz
    end subroutine

    ! Sliced Wasserstein SW_p^p between clouds x(n, d) and y(m, d) (points are rows) over k
    ! random directions drawn from seed, or over the rows of directions(k, d) when given.
    subroutine otcore_sliced_wasserstein(x, a, y, b, p, k, seed, sw, status, num_threads, &
                                         mass_tolerance, directions)
        real(c_double), intent(in), target, contiguous :: x(:, :), a(:), y(:, :), b(:)
        real(c_double), intent(in) :: p
        integer(c_size_t), intent(in) :: k
        integer(c_int64_t), intent(in) :: seed
        real(c_double), intent(out) :: sw
        integer(c_int32_t), intent(out) :: status
        integer(c_int32_t), intent(in), optional :: num_threads
        real(c_double), intent(in), optional :: mass_tolerance
        real(c_double), intent(in), target, optional, contiguous :: directions(:, :)
        type(otc_sliced_wasserstein_options) :: opts
        type(otc_sliced_wasserstein_problem_f64) :: problem
        type(otc_sliced_wasserstein_outputs_f64) :: out
        status = otc_sliced_wasserstein_options_default(opts)
        if (present(num_threads)) opts%num_threads = num_threads
        if (present(mass_tolerance)) opts%mass_tolerance = mass_tolerance
        opts%num_directions = k
        opts%seed = seed
        problem = otc_sliced_wasserstein_problem_f64(c_sizeof(problem), view_f64(x), c_loc(a), &
            view_f64(y), c_loc(b), p, &
            otc_matrix_f64(c_null_ptr, 0_c_size_t, 0_c_size_t, 0_c_intptr_t, 0_c_intptr_t))
        if (present(directions)) problem%directions = view_f64(directions)
        out = otc_sliced_wasserstein_outputs_f64(c_sizeof(out), empty_report(), 0.0_c_double)
        status = otc_sliced_wasserstein_f64(problem, out, opts, no_workspace())
        if (status < 100) sw = out%swp_p
    end subroutine

    ! A zero report (the value of an outputs struct before a call).
    pure function empty_report() result(r)
        type(otc_report) :: r
        r = otc_report(0_c_int32_t, 0_c_int32_t, 0_c_int64_t, 0.0_c_double, 0.0_c_double)
    end function

    ! No caller workspace: otcore allocates what a call needs.
    pure function no_workspace() result(w)
        type(otc_workspace) :: w
        w = otc_workspace(c_null_ptr, 0_c_size_t)
    end function

    ! ---- Entropic OT ----

    ! Entropic OT on cost(n, m) with regularisation epsilon (cost units): potentials f (n),
    ! g (m), P_ij = a_i b_j exp((f_i + g_j - C_ij) / epsilon) (not centred: (f + c, g - c)
    ! gives the same plan when balanced); optional plan (n, m), report (path, iterations,
    ! final L1 marginal error), entropic_ot (OT_eps = <C,P> + eps KL(P | a b), with the
    ! entropy term) and transport_cost (<C,P>, without it). opts (from
    ! otc_sinkhorn_options_default) reaches every option; epsilon and the other optional
    ! arguments override it. status OTC_OK, OTC_WARN_MAX_ITER or an error (outputs untouched).
    subroutine otcore_sinkhorn(a, b, cost, epsilon, f, g, status, plan, report, entropic_ot, &
                               transport_cost, tolerance, max_iter, num_threads, opts)
        real(c_double), intent(in), target, contiguous :: a(:), b(:), cost(:, :)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: f(:), g(:)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(inout), target, optional, contiguous :: plan(:, :)
        type(otc_report), intent(out), optional :: report
        real(c_double), intent(out), optional :: entropic_ot, transport_cost
        real(c_double), intent(in), optional :: tolerance
        integer(c_int64_t), intent(in), optional :: max_iter
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_sinkhorn_options), intent(in), optional :: opts
        type(otc_sinkhorn_options) :: o
        type(otc_sinkhorn_problem_f64) :: p
        type(otc_sinkhorn_outputs_f64) :: out
        call sinkhorn_setup(a, b, epsilon, f, g, o, p, out, tolerance, max_iter, num_threads, &
                            opts)
        p%cost = view_f64(cost)
        if (present(plan)) out%plan = mut_view_f64(plan)
        status = otc_sinkhorn_f64(p, out, o, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status >= 100) return
        if (present(report)) report = out%report
        if (present(entropic_ot)) entropic_ot = out%entropic_ot
        if (present(transport_cost)) transport_cost = out%transport_cost
    end subroutine

    ! otcore_sinkhorn between the clouds x(n, d) and y(m, d), one point per row, with the
    ! squared Euclidean cost computed on the fly (O((n + m) d) memory); optional barycentric
    ! map(n, d) (sum_j P_ij y_j / sum_j P_ij) and gradients of OT_eps grad_x(n, d), grad_y(m, d),
    ! grad_a(n), grad_b(m).
    subroutine otcore_sinkhorn_points(x, y, a, b, epsilon, f, g, status, plan, map, grad_x, &
                                      grad_y, grad_a, grad_b, report, entropic_ot, &
                                      transport_cost, tolerance, max_iter, num_threads, opts)
        real(c_double), intent(in), target, contiguous :: x(:, :), y(:, :), a(:), b(:)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: f(:), g(:)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(inout), target, optional, contiguous :: plan(:, :), map(:, :)
        real(c_double), intent(inout), target, optional, contiguous :: grad_x(:, :), grad_y(:, :)
        real(c_double), intent(inout), target, optional, contiguous :: grad_a(:), grad_b(:)
        type(otc_report), intent(out), optional :: report
        real(c_double), intent(out), optional :: entropic_ot, transport_cost
        real(c_double), intent(in), optional :: tolerance
        integer(c_int64_t), intent(in), optional :: max_iter
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_sinkhorn_options), intent(in), optional :: opts
        type(otc_sinkhorn_options) :: o
        type(otc_sinkhorn_problem_f64) :: p
        type(otc_sinkhorn_outputs_f64) :: out
        call sinkhorn_setup(a, b, epsilon, f, g, o, p, out, tolerance, max_iter, num_threads, &
                            opts)
        p%x = view_f64(x)
        p%y = view_f64(y)
        if (present(plan)) out%plan = mut_view_f64(plan)
        if (present(map)) out%map = mut_view_f64(map)
        if (present(grad_x)) out%grad_x = mut_view_f64(grad_x)
        if (present(grad_y)) out%grad_y = mut_view_f64(grad_y)
        if (present(grad_a)) out%grad_a = c_loc(grad_a)
        if (present(grad_b)) out%grad_b = c_loc(grad_b)
        status = otc_sinkhorn_f64(p, out, o, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status >= 100) return
        if (present(report)) report = out%report
        if (present(entropic_ot)) entropic_ot = out%entropic_ot
        if (present(transport_cost)) transport_cost = out%transport_cost
    end subroutine

    ! The options, problem (weights only) and outputs (potentials only) of a Sinkhorn call.
    subroutine sinkhorn_setup(a, b, epsilon, f, g, o, p, out, tolerance, max_iter, &
                              num_threads, opts)
        real(c_double), intent(in), target, contiguous :: a(:), b(:)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: f(:), g(:)
        type(otc_sinkhorn_options), intent(out) :: o
        type(otc_sinkhorn_problem_f64), intent(out) :: p
        type(otc_sinkhorn_outputs_f64), intent(out) :: out
        real(c_double), intent(in), optional :: tolerance
        integer(c_int64_t), intent(in), optional :: max_iter
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_sinkhorn_options), intent(in), optional :: opts
        integer(c_int32_t) :: st
        if (present(opts)) then
            o = opts
        else
            st = otc_sinkhorn_options_default(o)
        end if
        o%epsilon = epsilon
        if (present(tolerance)) o%tolerance = tolerance
        if (present(max_iter)) o%max_iter = max_iter
        if (present(num_threads)) o%num_threads = num_threads
        p = otc_sinkhorn_problem_f64(c_sizeof(p), c_loc(a), size(a, kind=c_size_t), c_loc(b), &
                                     size(b, kind=c_size_t), no_view_f64(), no_view_f64(), &
                                     no_view_f64(), OTC_METRIC_SQEUCLIDEAN, c_null_ptr, c_null_ptr)
        out = otc_sinkhorn_outputs_f64(c_sizeof(out), otc_report(0, 0, 0_c_int64_t, 0d0, 0d0), &
                                       0d0, 0d0, 0d0, c_loc(f), c_loc(g), no_mut_view_f64(), &
                                       no_mut_view_f64(), no_mut_view_f64(), no_mut_view_f64(), &
                                       c_null_ptr, c_null_ptr)
    end subroutine

    ! Sinkhorn divergence S = OT_eps(a, b) - OT_eps(a, a)/2 - OT_eps(b, b)/2
    ! + eps (sum a - sum b)^2 / 2 between clouds x(n, d) and y(m, d) (squared Euclidean cost
    ! on the fly); optional gradients of S grad_x(n, d), grad_y(m, d), grad_a(n), grad_b(m),
    ! report, and opts (from otc_sinkhorn_divergence_options_default; epsilon overrides it).
    subroutine otcore_sinkhorn_divergence(x, y, a, b, epsilon, value, status, grad_x, grad_y, &
                                          grad_a, grad_b, report, opts)
        real(c_double), intent(in), target, contiguous :: x(:, :), y(:, :), a(:), b(:)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(out) :: value
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(inout), target, optional, contiguous :: grad_x(:, :), grad_y(:, :)
        real(c_double), intent(inout), target, optional, contiguous :: grad_a(:), grad_b(:)
        type(otc_report), intent(out), optional :: report
        type(otc_sinkhorn_divergence_options), intent(in), optional :: opts
        type(otc_sinkhorn_divergence_options) :: o
        type(otc_sinkhorn_divergence_problem_f64) :: p
        type(otc_sinkhorn_divergence_outputs_f64) :: out
        if (present(opts)) then
            o = opts
        else
            status = otc_sinkhorn_divergence_options_default(o)
        end if
        o%epsilon = epsilon
        p = otc_sinkhorn_divergence_problem_f64(c_sizeof(p), c_loc(a), size(a, kind=c_size_t), &
                                                c_loc(b), size(b, kind=c_size_t), no_view_f64(), &
                                                no_view_f64(), no_view_f64(), view_f64(x), &
                                                view_f64(y), OTC_METRIC_SQEUCLIDEAN)
        out = otc_sinkhorn_divergence_outputs_f64(c_sizeof(out), &
                                                  otc_report(0, 0, 0_c_int64_t, 0d0, 0d0), 0d0, &
                                                  0d0, 0d0, 0d0, no_mut_view_f64(), &
                                                  no_mut_view_f64(), c_null_ptr, c_null_ptr)
        if (present(grad_x)) out%grad_x = mut_view_f64(grad_x)
        if (present(grad_y)) out%grad_y = mut_view_f64(grad_y)
        if (present(grad_a)) out%grad_a = c_loc(grad_a)
        if (present(grad_b)) out%grad_b = c_loc(grad_b)
        status = otc_sinkhorn_divergence_f64(p, out, o, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status >= 100) return
        value = out%divergence
        if (present(report)) report = out%report
    end subroutine

    ! ---- Row-partitioned Sinkhorn (one block of rows per process, e.g. per MPI rank) ----

    ! One block's share of an alternating iteration, on the block's source points
    ! x_block(rows, d) against all targets y(m, d) (squared Euclidean cost) or, with the
    ! generic's other form, on the block's rows of the cost cost_block(rows, m): updates
    ! f_block (rows; on entry the current potentials) from g (m), writes the block's column
    ! pairs (m) to merge over the blocks, and the block's part of the marginal error of the
    ! potentials on entry into marginal_error (optional). Options: epsilon, and optionally
    ! rho_a, rho_b (KL penalties; default balanced) and num_threads (0 default, 1 this thread).
    subroutine block_step_points_f64(x_block, y, a_block, b, g, epsilon, f_block, pairs, status, &
                                     marginal_error, rho_a, rho_b, num_threads)
        real(c_double), intent(in), target, contiguous :: x_block(:, :), y(:, :), a_block(:)
        real(c_double), intent(in), target, contiguous :: b(:), g(:)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: f_block(:)
        type(otc_lse_pair), intent(inout), target, contiguous :: pairs(:)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(out), optional :: marginal_error
        real(c_double), intent(in), optional :: rho_a, rho_b
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_sinkhorn_block_step_problem_f64) :: problem
        problem = otc_sinkhorn_block_step_problem_f64(0, otc_matrix_f64(c_null_ptr, 0, 0, 0, 0), &
                                                      view_f64(x_block), view_f64(y), &
                                                      c_null_ptr, c_null_ptr, c_null_ptr, c_null_ptr)
        call block_step_f64(problem, a_block, b, g, epsilon, f_block, pairs, status, &
                            marginal_error, rho_a, rho_b, num_threads)
    end subroutine

    subroutine block_step_dense_f64(cost_block, a_block, b, g, epsilon, f_block, pairs, status, &
                                    marginal_error, rho_a, rho_b, num_threads)
        real(c_double), intent(in), target, contiguous :: cost_block(:, :), a_block(:)
        real(c_double), intent(in), target, contiguous :: b(:), g(:)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: f_block(:)
        type(otc_lse_pair), intent(inout), target, contiguous :: pairs(:)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(out), optional :: marginal_error
        real(c_double), intent(in), optional :: rho_a, rho_b
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_sinkhorn_block_step_problem_f64) :: problem
        problem = otc_sinkhorn_block_step_problem_f64(0, view_f64(cost_block), &
                                                      otc_matrix_f64(c_null_ptr, 0, 0, 0, 0), &
                                                      otc_matrix_f64(c_null_ptr, 0, 0, 0, 0), &
                                                      c_null_ptr, c_null_ptr, c_null_ptr, c_null_ptr)
        call block_step_f64(problem, a_block, b, g, epsilon, f_block, pairs, status, &
                            marginal_error, rho_a, rho_b, num_threads)
    end subroutine

    ! The shared tail of the two forms: the problem's arrays, options and outputs; f_block is
    ! updated in place (the step reads a copy of it: the C call needs distinct arrays).
    subroutine block_step_f64(problem, a_block, b, g, epsilon, f_block, pairs, status, &
                              marginal_error, rho_a, rho_b, num_threads)
        type(otc_sinkhorn_block_step_problem_f64), intent(inout) :: problem
        real(c_double), intent(in), target, contiguous :: a_block(:), b(:), g(:)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: f_block(:)
        type(otc_lse_pair), intent(inout), target, contiguous :: pairs(:)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(out), optional :: marginal_error
        real(c_double), intent(in), optional :: rho_a, rho_b
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_sinkhorn_block_step_options) :: opts
        type(otc_sinkhorn_block_step_outputs_f64) :: out
        real(c_double), target :: f_in(size(f_block))
        status = otc_sinkhorn_block_step_options_default(opts)
        opts%epsilon = epsilon
        if (present(rho_a)) opts%rho_a = rho_a
        if (present(rho_b)) opts%rho_b = rho_b
        if (present(num_threads)) opts%num_threads = num_threads
        if (size(pairs) /= size(b) .or. size(g) /= size(b) .or. size(a_block) /= size(f_block)) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        f_in = f_block
        problem%struct_size = c_sizeof(problem)
        problem%a_block = c_loc(a_block)
        problem%b = c_loc(b)
        problem%g = c_loc(g)
        problem%f_block = c_loc(f_in)
        out = otc_sinkhorn_block_step_outputs_f64(c_sizeof(out), otc_report(0, 0, 0, 0d0, 0d0), &
                                                  0d0, c_loc(f_block), c_loc(pairs))
        status = otc_sinkhorn_block_step_f64(problem, out, opts, otc_workspace(c_null_ptr, 0))
        if (present(marginal_error) .and. status < 100) marginal_error = out%marginal_error
    end subroutine

    ! acc(j) = acc(j) merged with other(j): combine the blocks' pairs in a fixed order.
    subroutine otcore_lse_pair_merge(acc, other, status)
        type(otc_lse_pair), intent(inout), target, contiguous :: acc(:)
        type(otc_lse_pair), intent(in), target, contiguous :: other(:)
        integer(c_int32_t), intent(out) :: status
        if (size(acc) /= size(other)) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        status = otc_lse_pair_merge(acc, other, size(acc, kind=c_size_t))
    end subroutine

    ! g (m) from the pairs (m) of all blocks combined: g_j = -kappa_b epsilon log(pair_j).
    subroutine otcore_sinkhorn_block_column_update(pairs, epsilon, g, status, rho_b)
        type(otc_lse_pair), intent(in), target, contiguous :: pairs(:)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: g(:)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(in), optional :: rho_b
        type(otc_sinkhorn_block_column_update_options) :: opts
        type(otc_sinkhorn_block_column_update_problem_f64) :: problem
        type(otc_sinkhorn_block_column_update_outputs_f64) :: out
        status = otc_sinkhorn_block_column_update_options_default(opts)
        opts%epsilon = epsilon
        if (present(rho_b)) opts%rho_b = rho_b
        if (size(pairs) /= size(g)) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        problem = otc_sinkhorn_block_column_update_problem_f64(c_sizeof(problem), c_loc(pairs), &
                                                               size(g, kind=c_size_t))
        out = otc_sinkhorn_block_column_update_outputs_f64(c_sizeof(out), &
                                                           otc_report(0, 0, 0, 0d0, 0d0), c_loc(g))
        status = otc_sinkhorn_block_column_update_f64(problem, out, opts, otc_workspace(c_null_ptr, 0))
    end subroutine

    ! ---- Gaussian OT (default options; every option through the otc_* types above) ----

    ! Squared Bures distance between PSD matrices s1(d, d) and s2(d, d).
    subroutine otcore_bures(s1, s2, bures_squared, status)
        real(c_double), intent(in), target, contiguous :: s1(:, :), s2(:, :)
        real(c_double), intent(out) :: bures_squared
        integer(c_int32_t), intent(out) :: status
        type(otc_bures_options) :: opts
        type(otc_bures_problem_f64) :: p
        type(otc_bures_outputs_f64) :: r
        status = otc_bures_options_default(opts)
        p = otc_bures_problem_f64(c_sizeof(p), view_f64(s1), view_f64(s2))
        r%struct_size = c_sizeof(r)
        status = otc_bures_f64(p, r, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status < 100) bures_squared = r%bures_squared
    end subroutine

    ! Squared W2 distance between N(m1, s1) and N(m2, s2).
    subroutine otcore_gaussian_w2(m1, s1, m2, s2, w2_squared, status)
        real(c_double), intent(in), target, contiguous :: m1(:), s1(:, :), m2(:), s2(:, :)
        real(c_double), intent(out) :: w2_squared
        integer(c_int32_t), intent(out) :: status
        type(otc_gaussian_w2_options) :: opts
        type(otc_gaussian_w2_problem_f64) :: p
        type(otc_gaussian_w2_outputs_f64) :: r
        status = otc_gaussian_w2_options_default(opts)
        p = otc_gaussian_w2_problem_f64(c_sizeof(p), c_loc(m1), view_f64(s1), c_loc(m2), &
                                        view_f64(s2))
        r%struct_size = c_sizeof(r)
        status = otc_gaussian_w2_f64(p, r, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status < 100) w2_squared = r%w2_squared
    end subroutine

    ! The optimal map x -> A x + bvec from N(m1, s1) to N(m2, s2) (A symmetric, d x d).
    subroutine otcore_gaussian_map(m1, s1, m2, s2, amat, bvec, status)
        real(c_double), intent(in), target, contiguous :: m1(:), s1(:, :), m2(:), s2(:, :)
        real(c_double), intent(inout), target, contiguous :: amat(:, :), bvec(:)
        integer(c_int32_t), intent(out) :: status
        type(otc_gaussian_map_options) :: opts
        type(otc_gaussian_map_problem_f64) :: p
        type(otc_gaussian_map_outputs_f64) :: r
        status = otc_gaussian_map_options_default(opts)
        p = otc_gaussian_map_problem_f64(c_sizeof(p), c_loc(m1), view_f64(s1), c_loc(m2), &
                                         view_f64(s2))
        r%struct_size = c_sizeof(r)
        r%a = mut_view_f64(amat)
        r%b = c_loc(bvec)
        status = otc_gaussian_map_f64(p, r, opts, otc_workspace(c_null_ptr, 0_c_size_t))
    end subroutine

    ! The square root of a symmetric PSD matrix a(d, d) into sq(d, d).
    subroutine otcore_psd_sqrt(a, sq, status)
        real(c_double), intent(in), target, contiguous :: a(:, :)
        real(c_double), intent(inout), target, contiguous :: sq(:, :)
        integer(c_int32_t), intent(out) :: status
        type(otc_psd_sqrt_options) :: opts
        type(otc_psd_sqrt_problem_f64) :: p
        type(otc_psd_sqrt_outputs_f64) :: r
        status = otc_psd_sqrt_options_default(opts)
        p = otc_psd_sqrt_problem_f64(c_sizeof(p), view_f64(a))
        r%struct_size = c_sizeof(r)
        r%sqrt = mut_view_f64(sq)
        r%inv_sqrt = otc_matrix_mut_f64(c_null_ptr, 0_c_size_t, 0_c_size_t, 0_c_intptr_t, &
                                        0_c_intptr_t)
        status = otc_psd_sqrt_f64(p, r, opts, otc_workspace(c_null_ptr, 0_c_size_t))
    end subroutine

    ! Entropic OT cost (regularisation epsilon > 0) between N(m1, s1) and N(m2, s2), closed form.
    subroutine otcore_gaussian_entropic_w2(m1, s1, m2, s2, epsilon, cost_out, status)
        real(c_double), intent(in), target, contiguous :: m1(:), s1(:, :), m2(:), s2(:, :)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(out) :: cost_out
        integer(c_int32_t), intent(out) :: status
        type(otc_gaussian_entropic_w2_options) :: opts
        type(otc_gaussian_entropic_w2_problem_f64) :: p
        type(otc_gaussian_entropic_w2_outputs_f64) :: r
        status = otc_gaussian_entropic_w2_options_default(opts)
        p = otc_gaussian_entropic_w2_problem_f64(c_sizeof(p), c_loc(m1), view_f64(s1), c_loc(m2), &
                                                 view_f64(s2), epsilon)
        r%struct_size = c_sizeof(r)
        status = otc_gaussian_entropic_w2_f64(p, r, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status < 100) cost_out = r%cost
    end subroutine

    ! The W2 geodesic from N(m1, s1) to N(m2, s2) at time t: mean(d) and cov(d, d).
    subroutine otcore_gaussian_geodesic(m1, s1, m2, s2, t, mean, cov, status)
        real(c_double), intent(in), target, contiguous :: m1(:), s1(:, :), m2(:), s2(:, :)
        real(c_double), intent(in) :: t
        real(c_double), intent(inout), target, contiguous :: mean(:), cov(:, :)
        integer(c_int32_t), intent(out) :: status
        type(otc_gaussian_geodesic_options) :: opts
        type(otc_gaussian_geodesic_problem_f64) :: p
        type(otc_gaussian_geodesic_outputs_f64) :: r
        status = otc_gaussian_geodesic_options_default(opts)
        p = otc_gaussian_geodesic_problem_f64(c_sizeof(p), c_loc(m1), view_f64(s1), c_loc(m2), &
                                              view_f64(s2), t)
        r%struct_size = c_sizeof(r)
        r%mean = c_loc(mean)
        r%cov = mut_view_f64(cov)
        status = otc_gaussian_geodesic_f64(p, r, opts, otc_workspace(c_null_ptr, 0_c_size_t))
    end subroutine

    ! Mean(d) and maximum-likelihood covariance cov(d, d) of the rows of x(n, d), uniform weights.
    subroutine otcore_gaussian_moments(x, mean, cov, status)
        real(c_double), intent(in), target, contiguous :: x(:, :)
        real(c_double), intent(inout), target, contiguous :: mean(:), cov(:, :)
        integer(c_int32_t), intent(out) :: status
        type(otc_gaussian_moments_options) :: opts
        type(otc_gaussian_moments_problem_f64) :: p
        type(otc_gaussian_moments_outputs_f64) :: r
        status = otc_gaussian_moments_options_default(opts)
        p = otc_gaussian_moments_problem_f64(c_sizeof(p), view_f64(x), c_null_ptr)
        r%struct_size = c_sizeof(r)
        r%mean = c_loc(mean)
        r%cov = mut_view_f64(cov)
        status = otc_gaussian_moments_f64(p, r, opts, otc_workspace(c_null_ptr, 0_c_size_t))
    end subroutine

    ! W2 barycenter (uniform weights) of the k Gaussians with means the rows of means(k, d)
    ! and covariances covs(d, d, k): mean(d), cov(d, d), fixed-point iterations done.
    subroutine otcore_gaussian_barycenter(means, covs, mean, cov, iterations, status)
        real(c_double), intent(in), target, contiguous :: means(:, :), covs(:, :, :)
        real(c_double), intent(inout), target, contiguous :: mean(:), cov(:, :)
        integer(c_int64_t), intent(out) :: iterations
        integer(c_int32_t), intent(out) :: status
        type(otc_gaussian_barycenter_options) :: opts
        type(otc_gaussian_barycenter_problem_f64) :: p
        type(otc_gaussian_barycenter_outputs_f64) :: r
        type(otc_matrix_f64), target :: views(size(covs, 3))
        call cov_views(covs, views)
        status = otc_gaussian_barycenter_options_default(opts)
        p = otc_gaussian_barycenter_problem_f64(c_sizeof(p), view_f64(means), c_loc(views), &
                                                c_null_ptr)
        r%struct_size = c_sizeof(r)
        r%mean = c_loc(mean)
        r%cov = mut_view_f64(cov)
        status = otc_gaussian_barycenter_f64(p, r, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        iterations = r%report%iterations
    end subroutine

    ! Squared W2 distances w2_squared(i, j) between N(means1(i, :), covs1(:, :, i)) and
    ! N(means2(j, :), covs2(:, :, j)): means1(k1, d), covs1(d, d, k1), means2(k2, d),
    ! covs2(d, d, k2), w2_squared(k1, k2). The pairs are shared by num_threads workers (0 or
    ! absent: the library default; the same result for any count).
    subroutine otcore_gaussian_w2_pairwise(means1, covs1, means2, covs2, w2_squared, status, &
                                           num_threads)
        real(c_double), intent(in), target, contiguous :: means1(:, :), covs1(:, :, :)
        real(c_double), intent(in), target, contiguous :: means2(:, :), covs2(:, :, :)
        real(c_double), intent(inout), target, contiguous :: w2_squared(:, :)
        integer(c_int32_t), intent(out) :: status
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_gaussian_w2_pairwise_options) :: opts
        type(otc_gaussian_w2_pairwise_problem_f64) :: p
        type(otc_gaussian_w2_pairwise_outputs_f64) :: r
        type(otc_matrix_f64), target :: views1(size(covs1, 3)), views2(size(covs2, 3))
        call cov_views(covs1, views1)
        call cov_views(covs2, views2)
        status = otc_gaussian_w2_pairwise_options_default(opts)
        if (present(num_threads)) opts%num_threads = num_threads
        p = otc_gaussian_w2_pairwise_problem_f64(c_sizeof(p), view_f64(means1), c_loc(views1), &
                                                 view_f64(means2), c_loc(views2))
        r%struct_size = c_sizeof(r)
        r%w2_squared = mut_view_f64(w2_squared)
        status = otc_gaussian_w2_pairwise_f64(p, r, opts, otc_workspace(c_null_ptr, 0_c_size_t))
    end subroutine

    ! The affine map x -> amat x + bvec applied to the rows of x(n, d): y(n, d) = x amat^T + bvec
    ! (amat(d, d) any matrix, e.g. from otcore_gaussian_map; bvec(d) absent: 0). The rows are
    ! shared by num_threads workers (0 or absent: the library default).
    subroutine otcore_gaussian_map_apply(amat, x, y, status, bvec, num_threads)
        real(c_double), intent(in), target, contiguous :: amat(:, :), x(:, :)
        real(c_double), intent(inout), target, contiguous :: y(:, :)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(in), target, contiguous, optional :: bvec(:)
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_gaussian_map_apply_options) :: opts
        type(otc_gaussian_map_apply_problem_f64) :: p
        type(otc_gaussian_map_apply_outputs_f64) :: r
        status = otc_gaussian_map_apply_options_default(opts)
        if (present(num_threads)) opts%num_threads = num_threads
        p = otc_gaussian_map_apply_problem_f64(c_sizeof(p), view_f64(amat), c_null_ptr, view_f64(x))
        if (present(bvec)) p%b = c_loc(bvec)
        r%struct_size = c_sizeof(r)
        r%y = mut_view_f64(y)
        status = otc_gaussian_map_apply_f64(p, r, opts, otc_workspace(c_null_ptr, 0_c_size_t))
    end subroutine

    ! Views of the d x d matrices covs(:, :, i), i = 1..size(covs, 3), into views (they point
    ! into covs, which must outlive them).
    subroutine cov_views(covs, views)
        real(c_double), intent(in), target, contiguous :: covs(:, :, :)
        type(otc_matrix_f64), intent(out) :: views(:)
        integer :: i
        do i = 1, size(covs, 3)
            views(i) = view_f64(covs(:, :, i))
        end do
    end subroutine

    ! ---- Semi-discrete OT ----

    ! Laguerre cell of every point: cells(i) = argmin_j |x_i - y_j|^2 - g_j (0-based site
    ! index); masses(j) = (uniform) mass of cell j. points(N, d), sites(n, d).
    subroutine otcore_laguerre_assign(points, sites, g, cells, masses, status)
        real(c_double), intent(in), target, contiguous :: points(:, :), sites(:, :), g(:)
        integer(c_int32_t), intent(inout), target, contiguous :: cells(:)
        real(c_double), intent(inout), target, contiguous :: masses(:)
        integer(c_int32_t), intent(out) :: status
        type(otc_laguerre_assign_options) :: opts
        type(otc_laguerre_assign_problem_f64), target :: p
        type(otc_laguerre_assign_outputs_f64), target :: out
        status = otc_laguerre_assign_options_default(opts)
        p = otc_laguerre_assign_problem_f64(c_sizeof(p), view_f64(points), c_null_ptr, &
                                            view_f64(sites), c_loc(g))
        out = otc_laguerre_assign_outputs_f64(c_sizeof(out), otc_report(0, 0, 0, 0d0, 0d0), 0, &
                                          c_loc(cells), c_loc(masses))
        status = otc_laguerre_assign_f64(p, out, opts, otc_workspace(c_null_ptr, 0))
    end subroutine

    ! Semi-discrete OT from uniform samples points(N, d) to sites(n, d) with weights b: dual
    ! weights g (initial guess in, solution out) and cell masses; the report's error (the
    ! stopping mass error) in `err` when present.
    subroutine otcore_semidiscrete(points, sites, b, g, masses, status, err)
        real(c_double), intent(in), target, contiguous :: points(:, :), sites(:, :), b(:)
        real(c_double), intent(inout), target, contiguous :: g(:), masses(:)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(out), optional :: err
        real(c_double), target :: g0(size(g))
        type(otc_semidiscrete_options) :: opts
        type(otc_semidiscrete_problem_f64), target :: p
        type(otc_semidiscrete_outputs_f64), target :: out
        g0 = g
        status = otc_semidiscrete_options_default(opts)
        p = otc_semidiscrete_problem_f64(c_sizeof(p), view_f64(points), c_null_ptr, &
                                         view_f64(sites), c_loc(b), c_loc(g0))
        out = otc_semidiscrete_outputs_f64(c_sizeof(out), otc_report(0, 0, 0, 0d0, 0d0), 0d0, 0d0, &
                                       0d0, c_loc(g), c_loc(masses))
        status = otc_semidiscrete_f64(p, out, opts, otc_workspace(c_null_ptr, 0))
        if (present(err)) err = out%report%error
    end subroutine

    ! Lloyd iterations moving sites(n, d) toward their Voronoi cells' barycenters (in place:
    ! the initial sites are copied into the problem).
    subroutine otcore_lloyd(points, sites, max_iter, tol, distortion, status)
        real(c_double), intent(in), target, contiguous :: points(:, :)
        real(c_double), intent(inout), target, contiguous :: sites(:, :)
        integer(c_int64_t), intent(in) :: max_iter
        real(c_double), intent(in) :: tol
        real(c_double), intent(out) :: distortion
        integer(c_int32_t), intent(out) :: status
        real(c_double), target :: initial(size(sites, 1), size(sites, 2))
        type(otc_lloyd_options) :: opts
        type(otc_lloyd_problem_f64), target :: p
        type(otc_lloyd_outputs_f64), target :: out
        initial = sites
        status = otc_lloyd_options_default(opts)
        opts%max_iter = max_iter
        opts%tol = tol
        p = otc_lloyd_problem_f64(c_sizeof(p), view_f64(points), c_null_ptr, view_f64(initial))
        out = otc_lloyd_outputs_f64(c_sizeof(out), otc_report(0, 0, 0, 0d0, 0d0), 0d0, &
                                    mut_view_f64(sites))
        status = otc_lloyd_f64(p, out, opts, otc_workspace(c_null_ptr, 0))
        distortion = out%distortion
    end subroutine

    ! Averaged SGD drawing batches of `batch` rows of points(N, d) uniformly (seeded stream),
    ! `iterations` batches, to sites(n, d) with weights b (sum 1): dual weights g (zero mean).
    subroutine otcore_semidiscrete_sgd_samples(points, sites, b, seed, iterations, batch, g, status)
        real(c_double), intent(in), target, contiguous :: points(:, :), sites(:, :), b(:)
        integer(c_int64_t), intent(in) :: seed, iterations
        integer(c_size_t), intent(in) :: batch
        real(c_double), intent(inout), target, contiguous :: g(:)
        integer(c_int32_t), intent(out) :: status
        type(otc_semidiscrete_sgd_options) :: opts
        type(otc_semidiscrete_sgd_problem_f64), target :: p
        type(otc_semidiscrete_sgd_outputs_f64), target :: out
        status = otc_semidiscrete_sgd_options_default(opts)
        opts%iterations = iterations
        opts%batch = batch
        opts%seed = seed
        p = otc_semidiscrete_sgd_problem_f64(c_sizeof(p), view_f64(sites), c_loc(b), &
                                             c_null_funptr, c_null_ptr, view_f64(points), &
                                             c_null_ptr)
        out = otc_semidiscrete_sgd_outputs_f64(c_sizeof(out), otc_report(0, 0, 0, 0d0, 0d0), 0d0, &
                                           c_loc(g))
        status = otc_semidiscrete_sgd_f64(p, out, opts, otc_workspace(c_null_ptr, 0))
    end subroutine

    ! Fixed-support entropic barycenter (uniform weights) of the columns of hists(n, k) for
    ! cost(n, n), into bary(n); optionally the report (iterations, error = the marginal error)
    ! and max_iter, tol, num_threads (the defaults otherwise).
    subroutine otcore_barycenter(hists, cost, epsilon, bary, status, report, max_iter, tol, &
                                 num_threads)
        real(c_double), intent(in), target, contiguous :: hists(:, :), cost(:, :)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: bary(:)
        integer(c_int32_t), intent(out) :: status
        type(otc_report), intent(out), optional :: report
        integer(c_int64_t), intent(in), optional :: max_iter
        real(c_double), intent(in), optional :: tol
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_barycenter_options) :: opts
        type(otc_barycenter_problem_f64) :: problem
        type(otc_barycenter_outputs_f64) :: out
        status = otc_barycenter_options_default(opts)
        opts%epsilon = epsilon
        if (present(max_iter)) opts%max_iter = max_iter
        if (present(tol)) opts%tol = tol
        if (present(num_threads)) opts%num_threads = num_threads
        problem = otc_barycenter_problem_f64(c_sizeof(problem), view_f64(hists), view_f64(cost), &
                                             c_null_ptr)
        out = otc_barycenter_outputs_f64(c_sizeof(out), no_report(), c_loc(bary))
        status = otc_barycenter_f64(problem, out, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        if (present(report)) report = out%report
    end subroutine

    ! Free-support Wasserstein barycenter (Cuturi & Doucet; exact or entropic inner solves) of k point
    ! clouds stored one after the other in y(N, d) (points are rows; measure i is the sizes(i)
    ! rows after those of measures 1 .. i-1) with weights b(N), barycentric weights lambda(k),
    ! from the support x0(m, d) with fixed weights a(m), into x(m, d). Optionally the report
    ! (iterations, error = the last move), the objective, max_iter, tol, num_threads.
    ! Inner solves: exact by default; `epsilon` (or options%inner) for Sinkhorn ones at that ε.
    ! `options`: a whole options struct (from otc_free_support_barycenter_options_default);
    ! the other optional arguments override its fields.
    subroutine otcore_free_support_barycenter(y, b, sizes, lambda, x0, a, x, status, report, &
                                              objective, max_iter, tol, num_threads, epsilon, &
                                              options)
        real(c_double), intent(in), target, contiguous :: y(:, :), b(:), lambda(:), x0(:, :), a(:)
        integer(c_size_t), intent(in), target, contiguous :: sizes(:)
        real(c_double), intent(inout), target, contiguous :: x(:, :)
        integer(c_int32_t), intent(out) :: status
        type(otc_report), intent(out), optional :: report
        real(c_double), intent(out), optional :: objective
        integer(c_int64_t), intent(in), optional :: max_iter
        real(c_double), intent(in), optional :: tol
        integer(c_int32_t), intent(in), optional :: num_threads
        real(c_double), intent(in), optional :: epsilon
        type(otc_free_support_barycenter_options), intent(in), optional :: options
        type(otc_free_support_barycenter_options) :: opts
        type(otc_free_support_barycenter_problem_f64) :: problem
        type(otc_free_support_barycenter_outputs_f64) :: out
        if (present(options)) then
            opts = options
        else
            status = otc_free_support_barycenter_options_default(opts)
        end if
        if (present(epsilon)) then
            opts%inner = OTC_FREE_SUPPORT_INNER_SINKHORN
            opts%epsilon = epsilon
        end if
        if (present(max_iter)) opts%max_iter = max_iter
        if (present(tol)) opts%tol = tol
        if (present(num_threads)) opts%num_threads = num_threads
        if (size(b) /= size(y, 1) .or. size(lambda) /= size(sizes) .or. size(a) /= size(x0, 1)) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        problem = otc_free_support_barycenter_problem_f64(c_sizeof(problem), view_f64(y), c_loc(b), &
                                                          c_loc(sizes), size(sizes, kind=c_size_t), &
                                                          c_loc(lambda), view_f64(x0), c_loc(a))
        out = otc_free_support_barycenter_outputs_f64(c_sizeof(out), no_report(), 0.0_c_double, &
                                                      mut_view_f64(x))
        status = otc_free_support_barycenter_f64(problem, out, opts, &
                                                 otc_workspace(c_null_ptr, 0_c_size_t))
        if (present(report)) report = out%report
        if (present(objective)) objective = out%objective
    end subroutine

    ! The gradient of the plan's cost sum_k mass_k c(x_i, y_j) in the points x(n, d) and y(m, d)
    ! (rows are points): gx(n, d) and gy(m, d), each optional. The plan is sparse, plan_rows,
    ! plan_cols (0-based, as the C ABI writes them) and plan_mass, or
    ! dense, plan(n, m). For an optimal plan of otcore_emd on the cost of `metric` (default
    ! OTC_METRIC_SQEUCLIDEAN; exponent p for OTC_METRIC_MINKOWSKI), the gradient of the exact
    ! OT value in the positions (the duals f, g are its gradient in the weights).
    subroutine otcore_plan_position_gradient(x, y, status, gx, gy, plan_rows, plan_cols, &
                                             plan_mass, plan, metric, p)
        real(c_double), intent(in), target, contiguous :: x(:, :), y(:, :)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(inout), target, optional, contiguous :: gx(:, :), gy(:, :)
        integer(c_size_t), intent(in), target, optional, contiguous :: plan_rows(:), plan_cols(:)
        real(c_double), intent(in), target, optional, contiguous :: plan_mass(:), plan(:, :)
        integer(c_int32_t), intent(in), optional :: metric
        real(c_double), intent(in), optional :: p
        type(otc_plan_position_gradient_options) :: opts
        type(otc_plan_position_gradient_problem_f64) :: problem
        type(otc_plan_position_gradient_outputs_f64) :: out
        status = otc_plan_position_gradient_options_default(opts)
        if (present(metric)) opts%metric = metric
        if (present(p)) opts%p = p
        problem = otc_plan_position_gradient_problem_f64(c_sizeof(problem), view_f64(x), &
                                                         view_f64(y), 0_c_size_t, c_null_ptr, &
                                                         c_null_ptr, c_null_ptr, no_view_f64())
        call set_sparse(problem%plan_nnz, problem%plan_rows, problem%plan_cols, &
                        problem%plan_mass, plan_rows, plan_cols, plan_mass)
        if (present(plan)) problem%plan = view_f64(plan)
        out = otc_plan_position_gradient_outputs_f64(c_sizeof(out), no_report(), &
                                                     no_mut_view_f64(), no_mut_view_f64())
        if (present(gx)) out%gx = mut_view_f64(gx)
        if (present(gy)) out%gy = mut_view_f64(gy)
        status = otc_plan_position_gradient_f64(problem, out, opts, no_workspace())
    end subroutine

    ! McCann's displacement interpolation at time t in [0, 1] of a plan between x(n, d) and
    ! y(m, d) (sparse: plan_rows, plan_cols (0-based), plan_mass; or dense: plan(n, m)):
    ! points(k, :) = (1 - t) x_i + t y_j with weights(k) the mass of entry k, one point per
    ! entry (K = size(plan_mass), or n*m for a dense plan, entry (i, j) at k = i*m + j + 1).
    subroutine otcore_displacement_interpolation(x, y, t, points, weights, status, plan_rows, &
                                                 plan_cols, plan_mass, plan)
        real(c_double), intent(in), target, contiguous :: x(:, :), y(:, :)
        real(c_double), intent(in) :: t
        real(c_double), intent(inout), target, contiguous :: points(:, :), weights(:)
        integer(c_int32_t), intent(out) :: status
        integer(c_size_t), intent(in), target, optional, contiguous :: plan_rows(:), plan_cols(:)
        real(c_double), intent(in), target, optional, contiguous :: plan_mass(:), plan(:, :)
        type(otc_displacement_interpolation_options) :: opts
        type(otc_displacement_interpolation_problem_f64) :: problem
        type(otc_displacement_interpolation_outputs_f64) :: out
        status = otc_displacement_interpolation_options_default(opts)
        if (size(weights) /= size(points, 1)) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        problem = otc_displacement_interpolation_problem_f64(c_sizeof(problem), view_f64(x), &
                                                             view_f64(y), 0_c_size_t, c_null_ptr, &
                                                             c_null_ptr, c_null_ptr, &
                                                             no_view_f64(), t)
        call set_sparse(problem%plan_nnz, problem%plan_rows, problem%plan_cols, &
                        problem%plan_mass, plan_rows, plan_cols, plan_mass)
        if (present(plan)) problem%plan = view_f64(plan)
        out = otc_displacement_interpolation_outputs_f64(c_sizeof(out), no_report(), &
                                                         mut_view_f64(points), c_loc(weights))
        status = otc_displacement_interpolation_f64(problem, out, opts, no_workspace())
    end subroutine

    ! The sparse plan fields of a plan-op problem from the optional arrays given (a missing
    ! one stays NULL: the library then names it).
    subroutine set_sparse(nnz, rows_ptr, cols_ptr, mass_ptr, plan_rows, plan_cols, plan_mass)
        integer(c_size_t), intent(inout) :: nnz
        type(c_ptr), intent(inout) :: rows_ptr, cols_ptr, mass_ptr
        integer(c_size_t), intent(in), target, optional, contiguous :: plan_rows(:), plan_cols(:)
        real(c_double), intent(in), target, optional, contiguous :: plan_mass(:)
        if (present(plan_mass)) then
            nnz = size(plan_mass, kind=c_size_t)
            mass_ptr = c_loc(plan_mass)
        end if
        if (present(plan_rows)) rows_ptr = c_loc(plan_rows)
        if (present(plan_cols)) cols_ptr = c_loc(plan_cols)
    end subroutine

    ! Convolutional entropic barycenter (uniform weights) of the k images in images(h*w, k)
    ! (pixel (r, c), 0-based, at row r*w + c + 1) into bary(h*w).
    ! Optionally the report, max_iter, tol, num_threads, as otcore_barycenter.
    subroutine otcore_convolutional_barycenter(images, h, w, epsilon, bary, status, report, &
                                               max_iter, tol, num_threads)
        real(c_double), intent(in), target, contiguous :: images(:, :)
        integer(c_size_t), intent(in) :: h, w
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: bary(:)
        integer(c_int32_t), intent(out) :: status
        type(otc_report), intent(out), optional :: report
        integer(c_int64_t), intent(in), optional :: max_iter
        real(c_double), intent(in), optional :: tol
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_convolutional_barycenter_options) :: opts
        type(otc_convolutional_barycenter_problem_f64) :: problem
        type(otc_convolutional_barycenter_outputs_f64) :: out
        status = otc_convolutional_barycenter_options_default(opts)
        opts%epsilon = epsilon
        if (present(max_iter)) opts%max_iter = max_iter
        if (present(tol)) opts%tol = tol
        if (present(num_threads)) opts%num_threads = num_threads
        problem = otc_convolutional_barycenter_problem_f64(c_sizeof(problem), view_f64(images), &
                                                           h, w, c_null_ptr)
        out = otc_convolutional_barycenter_outputs_f64(c_sizeof(out), no_report(), c_loc(bary))
        status = otc_convolutional_barycenter_f64(problem, out, opts, &
                                                  otc_workspace(c_null_ptr, 0_c_size_t))
        if (present(report)) report = out%report
    end subroutine

    ! ---- Gradient flows, one step per call (ABI 1 shape) ----

    ! One Wasserstein flow step of the particles x(n, d) (weights a(n) > 0) toward the target
    ! y(m, d), b(m): x_new = x - step * grad_x S_eps / a (Sinkhorn divergence, squared
    ! Euclidean cost), into x_new(n, d); the divergence before the step into divergence.
    ! Optional: init_potentials(3(n+m)) (a previous step's potentials: warm start),
    ! potentials(3(n+m)) (this step's, for the next), the report, epsilon, tolerance,
    ! max_iter, num_threads.
    subroutine otcore_wasserstein_flow_step(x, a, y, b, step, x_new, divergence, status, &
                                            init_potentials, potentials, report, epsilon, &
                                            tolerance, max_iter, num_threads)
        real(c_double), intent(in), target, contiguous :: x(:, :), a(:), y(:, :), b(:)
        real(c_double), intent(in) :: step
        real(c_double), intent(inout), target, contiguous :: x_new(:, :)
        real(c_double), intent(out) :: divergence
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(in), target, contiguous, optional :: init_potentials(:)
        real(c_double), intent(inout), target, contiguous, optional :: potentials(:)
        type(otc_report), intent(out), optional :: report
        real(c_double), intent(in), optional :: epsilon, tolerance
        integer(c_int64_t), intent(in), optional :: max_iter
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_wasserstein_flow_step_options) :: opts
        type(otc_wasserstein_flow_step_problem_f64) :: problem
        type(otc_wasserstein_flow_step_outputs_f64) :: out
        type(c_ptr) :: init_ptr, pots_ptr
        integer :: np
        status = otc_wasserstein_flow_step_options_default(opts)
        opts%step = step
        if (present(epsilon)) opts%epsilon = epsilon
        if (present(tolerance)) opts%tolerance = tolerance
        if (present(max_iter)) opts%max_iter = max_iter
        if (present(num_threads)) opts%num_threads = num_threads
        np = 3 * (size(x, 1) + size(y, 1))
        init_ptr = c_null_ptr
        pots_ptr = c_null_ptr
        if (size(a) /= size(x, 1) .or. size(b) /= size(y, 1)) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        if (present(init_potentials)) then
            if (size(init_potentials) /= np) then
                status = OTC_ERR_INVALID_DIMENSION
                return
            end if
            init_ptr = c_loc(init_potentials)
        end if
        if (present(potentials)) then
            if (size(potentials) /= np) then
                status = OTC_ERR_INVALID_DIMENSION
                return
            end if
            pots_ptr = c_loc(potentials)
        end if
        problem = otc_wasserstein_flow_step_problem_f64(c_sizeof(problem), view_f64(x), c_loc(a), &
                                                        view_f64(y), c_loc(b), init_ptr)
        out = otc_wasserstein_flow_step_outputs_f64(c_sizeof(out), no_report(), 0.0_c_double, &
                                                    mut_view_f64(x_new), pots_ptr)
        status = otc_wasserstein_flow_step_f64(problem, out, opts, &
                                               otc_workspace(c_null_ptr, 0_c_size_t))
        divergence = out%divergence
        if (present(report)) report = out%report
    end subroutine

    ! One MMD flow step of the particles x(n, d) (weights a(n) > 0) toward y(m, d), b(m):
    ! x_new = x - step * grad_x MMD^2 / a for the energy-distance kernel, or the Gaussian
    ! kernel of bandwidth sigma when sigma is present; MMD^2 before the step into mmd_squared.
    ! Optional target_term: in, a previous step's (saves O(m^2 d)); target_term_out: this
    ! step's; num_threads.
    subroutine otcore_mmd_flow_step(x, a, y, b, step, x_new, mmd_squared, status, sigma, &
                                    target_term, target_term_out, num_threads)
        real(c_double), intent(in), target, contiguous :: x(:, :), a(:), y(:, :), b(:)
        real(c_double), intent(in) :: step
        real(c_double), intent(inout), target, contiguous :: x_new(:, :)
        real(c_double), intent(out) :: mmd_squared
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(in), optional :: sigma
        real(c_double), intent(in), target, optional :: target_term
        real(c_double), intent(out), optional :: target_term_out
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_mmd_flow_step_options) :: opts
        type(otc_mmd_flow_step_problem_f64) :: problem
        type(otc_mmd_flow_step_outputs_f64) :: out
        type(c_ptr) :: term_ptr
        status = otc_mmd_flow_step_options_default(opts)
        opts%step = step
        if (present(sigma)) then
            opts%kernel = OTC_MMD_KERNEL_GAUSSIAN
            opts%sigma = sigma
        end if
        if (present(num_threads)) opts%num_threads = num_threads
        if (size(a) /= size(x, 1) .or. size(b) /= size(y, 1)) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        term_ptr = c_null_ptr
        if (present(target_term)) term_ptr = c_loc(target_term)
        problem = otc_mmd_flow_step_problem_f64(c_sizeof(problem), view_f64(x), c_loc(a), &
                                                view_f64(y), c_loc(b), term_ptr)
        out = otc_mmd_flow_step_outputs_f64(c_sizeof(out), no_report(), 0.0_c_double, &
                                            0.0_c_double, mut_view_f64(x_new))
        status = otc_mmd_flow_step_f64(problem, out, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        mmd_squared = out%mmd_squared
        if (present(target_term_out)) target_term_out = out%target_term
    end subroutine

    ! One entropic JKO step (Peyre 2015) of the density rho(h*w) (pixel (r, c), 0-based, at
    ! r*w + c + 1) on the unit square for F = sum rho log rho + sum V rho, into rho_next(h*w).
    ! Optional: potential(h*w) (V; absent: the heat flow), the report, max_iter, tol,
    ! num_threads, init_dual(h*w) (warm start: a previous step's dual; absent: cold) and
    ! dual(h*w) (the final dual, for the next step's init_dual; must not be init_dual).
    subroutine otcore_jko_step(rho, h, w, epsilon, step, rho_next, status, potential, report, &
                               max_iter, tol, num_threads, init_dual, dual)
        real(c_double), intent(in), target, contiguous :: rho(:)
        integer(c_size_t), intent(in) :: h, w
        real(c_double), intent(in) :: epsilon, step
        real(c_double), intent(inout), target, contiguous :: rho_next(:)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(in), target, contiguous, optional :: potential(:)
        type(otc_report), intent(out), optional :: report
        integer(c_int64_t), intent(in), optional :: max_iter
        real(c_double), intent(in), optional :: tol
        integer(c_int32_t), intent(in), optional :: num_threads
        real(c_double), intent(in), target, contiguous, optional :: init_dual(:)
        real(c_double), intent(inout), target, contiguous, optional :: dual(:)
        type(otc_jko_step_options) :: opts
        type(otc_jko_step_problem_f64) :: problem
        type(otc_jko_step_outputs_f64) :: out
        type(c_ptr) :: v_ptr, init_ptr, dual_ptr
        logical :: ok
        status = otc_jko_step_options_default(opts)
        opts%epsilon = epsilon
        opts%step = step
        if (present(max_iter)) opts%max_iter = max_iter
        if (present(tol)) opts%tol = tol
        if (present(num_threads)) opts%num_threads = num_threads
        ok = size(rho) == h * w .and. size(rho_next) == h * w
        v_ptr = optional_array_f64(potential, h * w, ok)
        init_ptr = optional_array_f64(init_dual, h * w, ok)
        dual_ptr = optional_array_f64(dual, h * w, ok)
        if (.not. ok) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        problem = otc_jko_step_problem_f64(c_sizeof(problem), c_loc(rho), h, w, v_ptr, init_ptr)
        out = otc_jko_step_outputs_f64(c_sizeof(out), no_report(), c_loc(rho_next), dual_ptr)
        status = otc_jko_step_f64(problem, out, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        if (present(report)) report = out%report
    end subroutine

    ! ---- Exact OT: assignment, grids, partial, TV-unbalanced (ABI 1 shape) ----

    ! Linear assignment (LAPJV, exact) of the square cost(n, n): row i goes to column perm(i)
    ! (1-based); the optimal cost into cost_out; optional duals u (n), v (n) with
    ! u(i) + v(j) <= cost(i, j). status: OTC_OK or an OTC_ERR_* code (outputs untouched).
    subroutine otcore_assignment(cost, perm, cost_out, status, u, v)
        real(c_double), intent(in), target, contiguous :: cost(:, :)
        integer(c_size_t), intent(inout), target, contiguous :: perm(:)
        real(c_double), intent(out) :: cost_out
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(inout), target, optional, contiguous :: u(:), v(:)
        type(otc_assignment_options) :: opts
        type(otc_matrix_f64), target :: view
        type(otc_assignment_problem_f64) :: p
        type(otc_assignment_outputs_f64) :: out
        status = otc_assignment_options_default(opts)
        view = view_f64(cost)
        p = otc_assignment_problem_f64(c_sizeof(p), 1_c_size_t, c_loc(view))
        out%struct_size = c_sizeof(out)
        out%perm = c_loc(perm)
        out%u = c_null_ptr
        out%v = c_null_ptr
        out%problem_costs = c_null_ptr
        if (present(u)) out%u = c_loc(u)
        if (present(v)) out%v = c_loc(v)
        status = otc_assignment_f64(p, out, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status < 100) then
            cost_out = out%cost
            perm = perm + 1
        end if
    end subroutine

    ! Exact OT between the histograms a and b on the grid of shape(1:ndim) (ndim = 1 to 3;
    ! pixels in C order: the last axis runs fastest) for the squared Euclidean cost, by the
    ! sparse multiscale network simplex. The optimal cost into cost_out; optional spacing
    ! (ndim; default 1), duals f, g (n) and certificate gap (most negative reduced cost over
    ! all arcs). status: OTC_OK or an OTC_ERR_* code (outputs untouched).
    subroutine otcore_emd_grid(shape, a, b, cost_out, status, spacing, f, g, gap)
        integer(c_size_t), intent(in), target, contiguous :: shape(:)
        real(c_double), intent(in), target, contiguous :: a(:), b(:)
        real(c_double), intent(out) :: cost_out
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(in), target, optional, contiguous :: spacing(:)
        real(c_double), intent(inout), target, optional, contiguous :: f(:), g(:)
        real(c_double), intent(out), optional :: gap
        type(otc_emd_grid_options) :: opts
        type(otc_emd_grid_problem_f64) :: p
        type(otc_emd_grid_outputs_f64) :: out
        status = otc_emd_grid_options_default(opts)
        p = otc_emd_grid_problem_f64(c_sizeof(p), size(shape, kind=c_size_t), c_loc(shape), &
                                     c_null_ptr, c_loc(a), c_loc(b))
        if (present(spacing)) p%spacing = c_loc(spacing)
        out%struct_size = c_sizeof(out)
        out%f = c_null_ptr
        out%g = c_null_ptr
        out%plan_rows = c_null_ptr
        out%plan_cols = c_null_ptr
        out%plan_mass = c_null_ptr
        if (present(f)) out%f = c_loc(f)
        if (present(g)) out%g = c_loc(g)
        status = otc_emd_grid_f64(p, out, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status < 100) then
            cost_out = out%cost
            if (present(gap)) gap = out%gap
        end if
    end subroutine

    ! Exact OT between the weights a (n) on the points x(n, d) (one a row) and b (m) on
    ! y(m, d) for the cost metric(x_i, y_j) (optional metric: OTC_METRIC_SQEUCLIDEAN default,
    ! OTC_METRIC_EUCLIDEAN, OTC_METRIC_MINKOWSKI with exponent p), by the network simplex with
    ! the costs computed on the fly: the n x m cost is never stored. The optimal cost into
    ! cost_out; optional duals f (n), g (m) and certificate gap (most negative reduced cost
    ! over all n*m arcs). status: OTC_OK or an OTC_ERR_* code (outputs untouched).
    subroutine otcore_emd_points(a, b, x, y, cost_out, status, metric, p, f, g, gap)
        real(c_double), intent(in), target, contiguous :: a(:), b(:), x(:, :), y(:, :)
        real(c_double), intent(out) :: cost_out
        integer(c_int32_t), intent(out) :: status
        integer(c_int32_t), intent(in), optional :: metric
        real(c_double), intent(in), optional :: p
        real(c_double), intent(inout), target, optional, contiguous :: f(:), g(:)
        real(c_double), intent(out), optional :: gap
        type(otc_emd_points_options) :: opts
        type(otc_emd_points_problem_f64) :: prob
        type(otc_emd_points_outputs_f64) :: out
        status = otc_emd_points_options_default(opts)
        if (present(metric)) opts%metric = metric
        if (present(p)) opts%p = p
        prob = otc_emd_points_problem_f64(c_sizeof(prob), c_loc(a), c_loc(b), view_f64(x), &
                                          view_f64(y))
        out%struct_size = c_sizeof(out)
        out%f = c_null_ptr
        out%g = c_null_ptr
        out%plan_rows = c_null_ptr
        out%plan_cols = c_null_ptr
        out%plan_mass = c_null_ptr
        if (present(f)) out%f = c_loc(f)
        if (present(g)) out%g = c_loc(g)
        status = otc_emd_points_f64(prob, out, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status < 100) then
            cost_out = out%cost
            if (present(gap)) gap = out%gap
        end if
    end subroutine

    ! Exact partial OT: moves `mass` (<= min(sum(a), sum(b))) from a (n) to b (m) at least
    ! cost for cost(n, m). The cost into cost_out; optional duals f (n), g (m), dense plan
    ! (n, m). status: OTC_OK, OTC_WARN_MAX_ITER, or an OTC_ERR_* code (outputs untouched).
    subroutine otcore_emd_partial(a, b, cost, mass, cost_out, status, f, g, plan)
        real(c_double), intent(in), target, contiguous :: a(:), b(:), cost(:, :)
        real(c_double), intent(in) :: mass
        real(c_double), intent(out) :: cost_out
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(inout), target, optional, contiguous :: f(:), g(:), plan(:, :)
        type(otc_emd_partial_options) :: opts
        type(otc_emd_partial_problem_f64) :: p
        type(otc_emd_partial_outputs_f64) :: out
        status = otc_emd_partial_options_default(opts)
        p = otc_emd_partial_problem_f64(c_sizeof(p), c_loc(a), size(a, kind=c_size_t), c_loc(b), &
                                        size(b, kind=c_size_t), view_f64(cost), mass)
        out%struct_size = c_sizeof(out)
        call dense_outputs(f, g, plan, out%f, out%g, out%plan_rows, out%plan_cols, &
                           out%plan_mass, out%plan)
        status = otc_emd_partial_f64(p, out, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status < 100) cost_out = out%cost
    end subroutine

    ! Exact TV-unbalanced OT: min <C, P> + rho (|P 1 - a|_1 + |P^T 1 - b|_1) over P >= 0 for
    ! cost(n, m). The minimised objective into objective; optional duals f (n), g (m), dense
    ! plan (n, m). status: OTC_OK, OTC_WARN_MAX_ITER, or an OTC_ERR_* code.
    subroutine otcore_emd_unbalanced_tv(a, b, cost, rho, objective, status, f, g, plan)
        real(c_double), intent(in), target, contiguous :: a(:), b(:), cost(:, :)
        real(c_double), intent(in) :: rho
        real(c_double), intent(out) :: objective
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(inout), target, optional, contiguous :: f(:), g(:), plan(:, :)
        type(otc_emd_unbalanced_tv_options) :: opts
        type(otc_emd_unbalanced_tv_problem_f64) :: p
        type(otc_emd_unbalanced_tv_outputs_f64) :: out
        status = otc_emd_unbalanced_tv_options_default(opts)
        p = otc_emd_unbalanced_tv_problem_f64(c_sizeof(p), c_loc(a), size(a, kind=c_size_t), &
                                              c_loc(b), size(b, kind=c_size_t), view_f64(cost), rho)
        out%struct_size = c_sizeof(out)
        call dense_outputs(f, g, plan, out%f, out%g, out%plan_rows, out%plan_cols, &
                           out%plan_mass, out%plan)
        status = otc_emd_unbalanced_tv_f64(p, out, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status < 100) objective = out%objective
    end subroutine

    ! Entropic partial OT: moves `mass` (0 < mass <= min(sum(a), sum(b))) from a (n) to b (m)
    ! at least cost <C, P> + epsilon KL(P | a b) for cost(n, m); the plan is
    ! a_i b_j exp((f_i + g_j + mass_price - C_ij) / epsilon). The transport cost <C, P> into
    ! cost_out; optional duals f (n), g (m) (both <= 0), dense plan (n, m), mass price.
    ! status: OTC_OK, OTC_WARN_MAX_ITER, or an OTC_ERR_* code (outputs untouched).
    subroutine otcore_sinkhorn_partial(a, b, cost, mass, epsilon, cost_out, status, f, g, plan, &
                                       mass_price, tolerance)
        real(c_double), intent(in), target, contiguous :: a(:), b(:), cost(:, :)
        real(c_double), intent(in) :: mass, epsilon
        real(c_double), intent(out) :: cost_out
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(inout), target, optional, contiguous :: f(:), g(:), plan(:, :)
        real(c_double), intent(out), optional :: mass_price
        real(c_double), intent(in), optional :: tolerance
        type(otc_sinkhorn_partial_options) :: opts
        type(otc_sinkhorn_partial_problem_f64) :: p
        type(otc_sinkhorn_partial_outputs_f64) :: out
        type(c_ptr) :: rows, cols, masses
        status = otc_sinkhorn_partial_options_default(opts)
        opts%epsilon = epsilon
        if (present(tolerance)) opts%tolerance = tolerance
        p = otc_sinkhorn_partial_problem_f64(c_sizeof(p), c_loc(a), size(a, kind=c_size_t), &
                                             c_loc(b), size(b, kind=c_size_t), view_f64(cost), mass)
        out%struct_size = c_sizeof(out)
        call dense_outputs(f, g, plan, out%f, out%g, rows, cols, masses, out%plan)
        status = otc_sinkhorn_partial_f64(p, out, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        if (status < 100) then
            cost_out = out%transport_cost
            if (present(mass_price)) mass_price = out%mass_price
        end if
    end subroutine

    ! The optional outputs of the partial and TV-unbalanced routines: duals and dense plan
    ! where present, no sparse plan.
    subroutine dense_outputs(f, g, plan, pf, pg, rows, cols, mass, pv)
        real(c_double), intent(inout), target, optional, contiguous :: f(:), g(:), plan(:, :)
        type(c_ptr), intent(out) :: pf, pg, rows, cols, mass
        type(otc_matrix_mut_f64), intent(out) :: pv
        pf = c_null_ptr
        pg = c_null_ptr
        rows = c_null_ptr
        cols = c_null_ptr
        mass = c_null_ptr
        pv = otc_matrix_mut_f64(c_null_ptr, 0_c_size_t, 0_c_size_t, 0_c_intptr_t, 0_c_intptr_t)
        if (present(f)) pf = c_loc(f)
        if (present(g)) pg = c_loc(g)
        if (present(plan)) pv = mut_view_f64(plan)
    end subroutine

end module otcore
