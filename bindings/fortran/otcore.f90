! otcore: Fortran 2008 interface to the otcore C ABI (include/otcore.h), through iso_c_binding.
!
!   use otcore
!   real(c_double) :: x(n, d), y(m, d), c(n, m)     ! points are rows; column-major as usual
!   call otcore_cost_matrix(x, y, c, status, metric=OTC_METRIC_EUCLIDEAN)
!   if (status >= 100) print *, otcore_last_error()
!
! Column-major arrays cross as strided views (row_stride 1, col_stride = leading dimension):
! no copy. Build: gfortran -std=f2008 -c otcore.f90, then link with -lotcore.
! The constants, types and interfaces mirror include/otcore.h; tests/fortran_binding.rs checks
! them against it.
module otcore
    use, intrinsic :: iso_c_binding
    implicit none
    private

    ! Version of the header this module mirrors (Fortran names are case-insensitive, so the
    ! header's OTC_VERSION_NUMBER is OTC_HEADER_VERSION_NUMBER here: otc_version_number is the
    ! function).
    integer(c_int32_t), parameter, public :: OTC_VERSION_MAJOR = 0
    integer(c_int32_t), parameter, public :: OTC_VERSION_MINOR = 1
    integer(c_int32_t), parameter, public :: OTC_VERSION_PATCH = 0
    integer(c_int32_t), parameter, public :: OTC_HEADER_VERSION_NUMBER = 100

    ! Status codes: 0 success, 1-99 warnings (outputs valid), >= 100 errors (outputs untouched).
    integer(c_int32_t), parameter, public :: OTC_OK = 0
    integer(c_int32_t), parameter, public :: OTC_WARN_MAX_ITER = 1
    integer(c_int32_t), parameter, public :: OTC_WARN_SINGULAR = 2
    integer(c_int32_t), parameter, public :: OTC_WARN_CANCELLED = 3
    integer(c_int32_t), parameter, public :: OTC_ERR_NULL_POINTER = 100
    integer(c_int32_t), parameter, public :: OTC_ERR_INVALID_DIMENSION = 101
    integer(c_int32_t), parameter, public :: OTC_ERR_INVALID_ARGUMENT = 102
    integer(c_int32_t), parameter, public :: OTC_ERR_NON_FINITE = 103
    integer(c_int32_t), parameter, public :: OTC_ERR_MASS_MISMATCH = 104
    integer(c_int32_t), parameter, public :: OTC_ERR_INFEASIBLE = 105
    integer(c_int32_t), parameter, public :: OTC_ERR_WORKSPACE_TOO_SMALL = 106
    integer(c_int32_t), parameter, public :: OTC_ERR_ABI_MISMATCH = 107
    integer(c_int32_t), parameter, public :: OTC_ERR_NUMERICAL = 108
    integer(c_int32_t), parameter, public :: OTC_ERR_INVALID_STRIDE = 109
    integer(c_int32_t), parameter, public :: OTC_ERR_ALIASING = 110
    integer(c_int32_t), parameter, public :: OTC_ERR_NOT_PSD = 111
    integer(c_int32_t), parameter, public :: OTC_ERR_OVERFLOW = 112
    integer(c_int32_t), parameter, public :: OTC_ERR_THREADS = 113
    integer(c_int32_t), parameter, public :: OTC_ERR_OUT_OF_MEMORY = 114
    integer(c_int32_t), parameter, public :: OTC_ERR_PANIC = 199

    ! Ground metrics of cost matrices.
    integer(c_int32_t), parameter, public :: OTC_METRIC_SQEUCLIDEAN = 0
    integer(c_int32_t), parameter, public :: OTC_METRIC_EUCLIDEAN = 1
    integer(c_int32_t), parameter, public :: OTC_METRIC_MINKOWSKI = 2
    integer(c_int32_t), parameter, public :: OTC_METRIC_COSINE = 3

    ! Gaussian operations (workspace queries) and semi-discrete methods.
    integer(c_int32_t), parameter, public :: OTC_SEMIDISCRETE_NEWTON = 0
    integer(c_int32_t), parameter, public :: OTC_SEMIDISCRETE_GRADIENT = 1

    ! Strided matrix views: element (i, j) (0-based) at data[i*row_stride + j*col_stride].
    type, bind(c), public :: otc_matrix_f64
        type(c_ptr) :: data
        integer(c_size_t) :: rows, cols
        integer(c_intptr_t) :: row_stride, col_stride
    end type
    type, bind(c), public :: otc_matrix_mut_f64
        type(c_ptr) :: data
        integer(c_size_t) :: rows, cols
        integer(c_intptr_t) :: row_stride, col_stride
    end type
    type, bind(c), public :: otc_matrix_f32
        type(c_ptr) :: data
        integer(c_size_t) :: rows, cols
        integer(c_intptr_t) :: row_stride, col_stride
    end type
    type, bind(c), public :: otc_matrix_mut_f32
        type(c_ptr) :: data
        integer(c_size_t) :: rows, cols
        integer(c_intptr_t) :: row_stride, col_stride
    end type

    ! Options of the cost-matrix calls (num_threads is a C uint32_t: same bits).
    type, bind(c), public :: otc_cost_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        integer(c_int32_t) :: metric
        real(c_double) :: p
    end type

    ! Options and reports of the solver families (uint32_t/uint64_t fields as c_int32_t/
    ! c_int64_t: same bits).
    type, bind(c), public :: otc_barycenter_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        integer(c_int32_t) :: max_iter
        real(c_double) :: epsilon
        real(c_double) :: tol
    end type
    type, bind(c), public :: otc_emd_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        integer(c_int64_t) :: max_iter
        real(c_double) :: mass_tolerance
    end type
    type, bind(c), public :: otc_emd_result
        real(c_double) :: cost
        real(c_double) :: gap
        integer(c_int64_t) :: iterations
        integer(c_size_t) :: nnz
    end type
    type, bind(c), public :: otc_laguerre_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
    end type
    type, bind(c), public :: otc_semidiscrete_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        integer(c_int32_t) :: method
        integer(c_int32_t) :: max_iter
        real(c_double) :: tol
        real(c_double) :: step
        real(c_double) :: epsilon
    end type
    ! ABI 1 shape (Gaussian family): a caller workspace passed by value ({c_null_ptr, 0}: the
    ! library allocates) and the report every outputs struct starts with.
    type, bind(c), public :: otc_workspace
        type(c_ptr) :: data
        integer(c_size_t) :: bytes
    end type
    type, bind(c), public :: otc_report
        integer(c_int32_t) :: status
        integer(c_int32_t) :: path
        integer(c_int64_t) :: iterations
        real(c_double) :: error
        real(c_double) :: seconds
    end type
    ! Options, problem and outputs of each Gaussian operation (fields as in otcore.h; set
    ! struct_size to c_sizeof of the variable for problems and outputs, options come filled by
    ! otc_<op>_options_default; uint32_t/uint64_t fields as c_int32_t/c_int64_t: same bits).
    type, bind(c), public :: otc_bures_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        real(c_double) :: symmetry_tol
        real(c_double) :: psd_tol
    end type
    type, bind(c), public :: otc_bures_problem_f64
        integer(c_size_t) :: struct_size
        type(otc_matrix_f64) :: sigma1
        type(otc_matrix_f64) :: sigma2
    end type
    type, bind(c), public :: otc_bures_outputs_f64
        integer(c_size_t) :: struct_size
        type(otc_report) :: report
        real(c_double) :: bures_squared
    end type
    type, bind(c), public :: otc_gaussian_w2_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        real(c_double) :: symmetry_tol
        real(c_double) :: psd_tol
    end type
    type, bind(c), public :: otc_gaussian_w2_problem_f64
        integer(c_size_t) :: struct_size
        type(c_ptr) :: m1
        type(otc_matrix_f64) :: sigma1
        type(c_ptr) :: m2
        type(otc_matrix_f64) :: sigma2
    end type
    type, bind(c), public :: otc_gaussian_w2_outputs_f64
        integer(c_size_t) :: struct_size
        type(otc_report) :: report
        real(c_double) :: w2_squared
    end type
    type, bind(c), public :: otc_gaussian_entropic_w2_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        real(c_double) :: symmetry_tol
        real(c_double) :: psd_tol
    end type
    type, bind(c), public :: otc_gaussian_entropic_w2_problem_f64
        integer(c_size_t) :: struct_size
        type(c_ptr) :: m1
        type(otc_matrix_f64) :: sigma1
        type(c_ptr) :: m2
        type(otc_matrix_f64) :: sigma2
        real(c_double) :: epsilon
    end type
    type, bind(c), public :: otc_gaussian_entropic_w2_outputs_f64
        integer(c_size_t) :: struct_size
        type(otc_report) :: report
        real(c_double) :: cost
    end type
    type, bind(c), public :: otc_gaussian_w2_pairwise_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        real(c_double) :: symmetry_tol
        real(c_double) :: psd_tol
    end type
    type, bind(c), public :: otc_gaussian_w2_pairwise_problem_f64
        integer(c_size_t) :: struct_size
        type(otc_matrix_f64) :: means1
        type(c_ptr) :: covs1
        type(otc_matrix_f64) :: means2
        type(c_ptr) :: covs2
    end type
    type, bind(c), public :: otc_gaussian_w2_pairwise_outputs_f64
        integer(c_size_t) :: struct_size
        type(otc_report) :: report
        type(otc_matrix_mut_f64) :: w2_squared
    end type
    type, bind(c), public :: otc_gaussian_map_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        real(c_double) :: symmetry_tol
        real(c_double) :: psd_tol
        real(c_double) :: rank_tol
    end type
    type, bind(c), public :: otc_gaussian_map_problem_f64
        integer(c_size_t) :: struct_size
        type(c_ptr) :: m1
        type(otc_matrix_f64) :: sigma1
        type(c_ptr) :: m2
        type(otc_matrix_f64) :: sigma2
    end type
    type, bind(c), public :: otc_gaussian_map_outputs_f64
        integer(c_size_t) :: struct_size
        type(otc_report) :: report
        integer(c_size_t) :: rank
        type(otc_matrix_mut_f64) :: a
        type(c_ptr) :: b
    end type
    type, bind(c), public :: otc_gaussian_map_apply_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
    end type
    type, bind(c), public :: otc_gaussian_map_apply_problem_f64
        integer(c_size_t) :: struct_size
        type(otc_matrix_f64) :: a
        type(c_ptr) :: b
        type(otc_matrix_f64) :: x
    end type
    type, bind(c), public :: otc_gaussian_map_apply_outputs_f64
        integer(c_size_t) :: struct_size
        type(otc_report) :: report
        type(otc_matrix_mut_f64) :: y
    end type
    type, bind(c), public :: otc_gaussian_geodesic_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        real(c_double) :: symmetry_tol
        real(c_double) :: psd_tol
        real(c_double) :: rank_tol
    end type
    type, bind(c), public :: otc_gaussian_geodesic_problem_f64
        integer(c_size_t) :: struct_size
        type(c_ptr) :: m1
        type(otc_matrix_f64) :: sigma1
        type(c_ptr) :: m2
        type(otc_matrix_f64) :: sigma2
        real(c_double) :: t
    end type
    type, bind(c), public :: otc_gaussian_geodesic_outputs_f64
        integer(c_size_t) :: struct_size
        type(otc_report) :: report
        integer(c_size_t) :: rank
        type(c_ptr) :: mean
        type(otc_matrix_mut_f64) :: cov
    end type
    type, bind(c), public :: otc_gaussian_barycenter_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        real(c_double) :: symmetry_tol
        real(c_double) :: psd_tol
        real(c_double) :: rank_tol
        real(c_double) :: tol
        integer(c_int64_t) :: max_iter
        integer(c_int64_t) :: callback_every
        type(c_funptr) :: callback
        type(c_ptr) :: callback_data
    end type
    type, bind(c), public :: otc_gaussian_barycenter_problem_f64
        integer(c_size_t) :: struct_size
        type(otc_matrix_f64) :: means
        type(c_ptr) :: covs
        type(c_ptr) :: weights
    end type
    type, bind(c), public :: otc_gaussian_barycenter_outputs_f64
        integer(c_size_t) :: struct_size
        type(otc_report) :: report
        integer(c_size_t) :: rank
        type(c_ptr) :: mean
        type(otc_matrix_mut_f64) :: cov
    end type
    type, bind(c), public :: otc_gaussian_moments_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
    end type
    type, bind(c), public :: otc_gaussian_moments_problem_f64
        integer(c_size_t) :: struct_size
        type(otc_matrix_f64) :: x
        type(c_ptr) :: weights
    end type
    type, bind(c), public :: otc_gaussian_moments_outputs_f64
        integer(c_size_t) :: struct_size
        type(otc_report) :: report
        type(c_ptr) :: mean
        type(otc_matrix_mut_f64) :: cov
    end type
    type, bind(c), public :: otc_psd_sqrt_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        real(c_double) :: symmetry_tol
        real(c_double) :: psd_tol
        real(c_double) :: rank_tol
    end type
    type, bind(c), public :: otc_psd_sqrt_problem_f64
        integer(c_size_t) :: struct_size
        type(otc_matrix_f64) :: a
    end type
    type, bind(c), public :: otc_psd_sqrt_outputs_f64
        integer(c_size_t) :: struct_size
        type(otc_report) :: report
        integer(c_size_t) :: rank
        type(otc_matrix_mut_f64) :: sqrt
        type(otc_matrix_mut_f64) :: inv_sqrt
    end type
    type, bind(c), public :: otc_semidiscrete_info
        integer(c_int64_t) :: iterations
        real(c_double) :: mass_error
        real(c_double) :: smoothed_mass_error
        real(c_double) :: epsilon
        real(c_double) :: step
        integer(c_int32_t) :: converged
    end type
    type, bind(c), public :: otc_sgd_options
        integer(c_size_t) :: struct_size
        integer(c_int32_t) :: num_threads
        integer(c_int32_t) :: iterations
        integer(c_int32_t) :: batch
        real(c_double) :: step
    end type
    type, bind(c), public :: otc_sinkhorn_options
        integer(c_size_t) :: struct_size
        real(c_double) :: epsilon
        real(c_double) :: rho_a
        real(c_double) :: rho_b
        real(c_double) :: tolerance
        real(c_double) :: eps_scaling_start
        integer(c_int32_t) :: num_threads
        integer(c_int32_t) :: max_iter
        integer(c_int32_t) :: check_every
        integer(c_int32_t) :: eps_scaling_steps
        integer(c_int32_t) :: eps_scaling_iters
        integer(c_int32_t) :: symmetric
        integer(c_int32_t) :: compute_transport_cost
        real(c_double) :: mass_tolerance
    end type
    type, bind(c), public :: otc_lse_pair
        real(c_double) :: max
        real(c_double) :: sum
    end type
    type, bind(c), public :: otc_sinkhorn_info
        integer(c_size_t) :: struct_size
        real(c_double) :: transport_cost
        real(c_double) :: dual
        real(c_double) :: marginal_error
        real(c_double) :: mass
        real(c_double) :: eps_start
        integer(c_int32_t) :: iterations
        integer(c_int32_t) :: scaling_iterations
        integer(c_int32_t) :: eps_steps
        integer(c_int32_t) :: converged
    end type

    public :: otc_last_error_message, otc_status_message, otc_version_string, otc_version_number
    public :: otc_cost_options_default, otc_cost_matrix_workspace_size
    public :: otc_cost_matrix_f64, otc_cost_matrix_f32
    public :: otc_barycenter_options_default, otc_barycenter_workspace_size, otc_barycenter_f64
    public :: otc_convolutional_barycenter_workspace_size, otc_convolutional_barycenter_f64
    public :: otc_barycenter_f32, otc_convolutional_barycenter_f32
    public :: otc_emd_options_default, otc_emd_workspace_size, otc_emd
    public :: otc_wasserstein_1d_workspace_size, otc_wasserstein_1d
    public :: otc_sliced_wasserstein_workspace_size, otc_sliced_wasserstein
    public :: otc_emd_batch_workspace_size, otc_emd_batch
    public :: otc_bures_options_default, otc_bures_workspace_size_f64, otc_bures_f64
    public :: otc_gaussian_w2_options_default, otc_gaussian_w2_workspace_size_f64
    public :: otc_gaussian_w2_f64, otc_gaussian_entropic_w2_options_default
    public :: otc_gaussian_entropic_w2_workspace_size_f64, otc_gaussian_entropic_w2_f64
    public :: otc_gaussian_w2_pairwise_options_default
    public :: otc_gaussian_w2_pairwise_workspace_size_f64, otc_gaussian_w2_pairwise_f64
    public :: otc_gaussian_map_options_default, otc_gaussian_map_workspace_size_f64
    public :: otc_gaussian_map_f64, otc_gaussian_map_apply_options_default
    public :: otc_gaussian_map_apply_workspace_size_f64, otc_gaussian_map_apply_f64
    public :: otc_gaussian_geodesic_options_default, otc_gaussian_geodesic_workspace_size_f64
    public :: otc_gaussian_geodesic_f64, otc_gaussian_barycenter_options_default
    public :: otc_gaussian_barycenter_workspace_size_f64, otc_gaussian_barycenter_f64
    public :: otc_gaussian_moments_options_default, otc_gaussian_moments_workspace_size_f64
    public :: otc_gaussian_moments_f64, otc_psd_sqrt_options_default
    public :: otc_psd_sqrt_workspace_size_f64, otc_psd_sqrt_f64
    public :: otc_laguerre_options_default
    public :: otc_laguerre_workspace_size, otc_laguerre_assign_f64, otc_laguerre_assign_f32
    public :: otc_semidiscrete_options_default, otc_semidiscrete_workspace_size
    public :: otc_semidiscrete_f64, otc_sgd_options_default, otc_semidiscrete_sgd_workspace_size
    public :: otc_semidiscrete_sgd_f64, otc_lloyd_workspace_size, otc_lloyd_f64
    public :: otc_semidiscrete_f32, otc_semidiscrete_sgd_f32, otc_lloyd_f32
    public :: otc_semidiscrete_sgd_samples_workspace_size, otc_semidiscrete_sgd_samples_f64
    public :: otc_semidiscrete_sgd_samples_f32
    public :: otc_sinkhorn_options_default, otc_sinkhorn_workspace_size, otc_sinkhorn_f64
    public :: otc_sinkhorn_f32, otc_sinkhorn_points_f64, otc_sinkhorn_points_f32
    public :: otc_sinkhorn_divergence_workspace_size, otc_sinkhorn_divergence_f64
    public :: otc_sinkhorn_divergence_f32, otc_sinkhorn_divergence_points_f64
    public :: otc_sinkhorn_divergence_points_f32
    public :: otc_sinkhorn_block_workspace_size, otc_sinkhorn_block_step_f64
    public :: otc_sinkhorn_block_step_f32, otc_sinkhorn_block_step_points_f64
    public :: otc_sinkhorn_block_step_points_f32, otc_sinkhorn_block_column_update
    public :: otc_lse_pair_merge
    public :: otcore_version, otcore_last_error, otcore_status_text, otcore_cost_matrix
    public :: otcore_emd, otcore_emd_batch, otcore_wasserstein_1d, otcore_sliced_wasserstein
    public :: otcore_sinkhorn, otcore_sinkhorn_divergence, otcore_bures
    public :: otcore_gaussian_w2, otcore_gaussian_map, otcore_psd_sqrt, otcore_laguerre_assign
    public :: otcore_semidiscrete, otcore_lloyd, otcore_barycenter, otcore_semidiscrete_sgd_samples
    public :: otcore_gaussian_entropic_w2, otcore_gaussian_geodesic, otcore_gaussian_moments
    public :: otcore_gaussian_barycenter
    public :: otcore_convolutional_barycenter
    public :: otcore_sinkhorn_block_step, otcore_lse_pair_merge, otcore_sinkhorn_block_column_update

    interface
        function otc_last_error_message() bind(c, name="otc_last_error_message") result(s)
            import :: c_ptr
            type(c_ptr) :: s
        end function
        function otc_status_message(status) bind(c, name="otc_status_message") result(s)
            import :: c_ptr, c_int32_t
            integer(c_int32_t), value :: status
            type(c_ptr) :: s
        end function
        function otc_version_string() bind(c, name="otc_version_string") result(s)
            import :: c_ptr
            type(c_ptr) :: s
        end function
        function otc_version_number() bind(c, name="otc_version_number") result(v)
            import :: c_int32_t
            integer(c_int32_t) :: v
        end function

        function otc_cost_options_default(opts) bind(c, name="otc_cost_options_default") result(st)
            import :: c_int32_t, otc_cost_options
            type(otc_cost_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_cost_matrix_workspace_size(n, m, d, opts, out_bytes) &
                bind(c, name="otc_cost_matrix_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_cost_options
            integer(c_size_t), value :: n, m, d
            type(otc_cost_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_cost_matrix_f64(x, y, out, opts, work, work_bytes) &
                bind(c, name="otc_cost_matrix_f64") result(st)
            import :: c_int32_t, c_size_t, c_ptr, otc_matrix_f64, otc_matrix_mut_f64, &
                otc_cost_options
            type(otc_matrix_f64), value :: x, y
            type(otc_matrix_mut_f64), value :: out
            type(otc_cost_options), intent(in) :: opts
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_cost_matrix_f32(x, y, out, opts, work, work_bytes) &
                bind(c, name="otc_cost_matrix_f32") result(st)
            import :: c_int32_t, c_size_t, c_ptr, otc_matrix_f32, otc_matrix_mut_f32, &
                otc_cost_options
            type(otc_matrix_f32), value :: x, y
            type(otc_matrix_mut_f32), value :: out
            type(otc_cost_options), intent(in) :: opts
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function

        ! Solver families (generated from include/otcore.h's prototypes: pointers that may be
        ! NULL or point to arrays cross as type(c_ptr); pass c_loc(x) or c_null_ptr).
        function otc_barycenter_options_default(opts) &
                bind(c, name="otc_barycenter_options_default") result(st)
            import :: c_int32_t, otc_barycenter_options
            type(otc_barycenter_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_barycenter_workspace_size(n, k, opts, out_bytes) &
                bind(c, name="otc_barycenter_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_barycenter_options
            integer(c_size_t), value :: n
            integer(c_size_t), value :: k
            type(otc_barycenter_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_barycenter_f64(hists, cost, weights, opts, out, iterations, work, work_bytes) &
                bind(c, name="otc_barycenter_f64") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_barycenter_options, otc_matrix_f64
            type(otc_matrix_f64), value :: hists
            type(otc_matrix_f64), value :: cost
            type(c_ptr), value :: weights
            type(otc_barycenter_options), intent(in) :: opts
            type(c_ptr), value :: out
            type(c_ptr), value :: iterations
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_convolutional_barycenter_workspace_size(h, w, k, opts, out_bytes) &
                bind(c, name="otc_convolutional_barycenter_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_barycenter_options
            integer(c_size_t), value :: h
            integer(c_size_t), value :: w
            integer(c_size_t), value :: k
            type(otc_barycenter_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_convolutional_barycenter_f64(images, h, w, weights, opts, out, &
                iterations, work, work_bytes) &
                bind(c, name="otc_convolutional_barycenter_f64") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_barycenter_options, otc_matrix_f64
            type(otc_matrix_f64), value :: images
            integer(c_size_t), value :: h
            integer(c_size_t), value :: w
            type(c_ptr), value :: weights
            type(otc_barycenter_options), intent(in) :: opts
            type(c_ptr), value :: out
            type(c_ptr), value :: iterations
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_barycenter_f32(hists, cost, weights, opts, out, iterations, work, work_bytes) &
                bind(c, name="otc_barycenter_f32") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_barycenter_options, otc_matrix_f32
            type(otc_matrix_f32), value :: hists
            type(otc_matrix_f32), value :: cost
            type(c_ptr), value :: weights
            type(otc_barycenter_options), intent(in) :: opts
            type(c_ptr), value :: out
            type(c_ptr), value :: iterations
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_convolutional_barycenter_f32(images, h, w, weights, opts, out, &
                iterations, work, work_bytes) &
                bind(c, name="otc_convolutional_barycenter_f32") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_barycenter_options, otc_matrix_f32
            type(otc_matrix_f32), value :: images
            integer(c_size_t), value :: h
            integer(c_size_t), value :: w
            type(c_ptr), value :: weights
            type(otc_barycenter_options), intent(in) :: opts
            type(c_ptr), value :: out
            type(c_ptr), value :: iterations
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_emd_options_default(opts) &
                bind(c, name="otc_emd_options_default") result(st)
            import :: c_int32_t, otc_emd_options
            type(otc_emd_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_emd_workspace_size(n, m, opts, out_bytes) &
                bind(c, name="otc_emd_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_emd_options
            integer(c_size_t), value :: n
            integer(c_size_t), value :: m
            type(otc_emd_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_emd(a, n, b, m, cost, warm_f, warm_g, result, f, g, plan_rows, plan_cols, &
                plan_mass, plan, opts, work, work_bytes) &
                bind(c, name="otc_emd") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_emd_options, otc_matrix_f64, otc_matrix_mut_f64
            type(c_ptr), value :: a
            integer(c_size_t), value :: n
            type(c_ptr), value :: b
            integer(c_size_t), value :: m
            type(otc_matrix_f64), value :: cost
            type(c_ptr), value :: warm_f
            type(c_ptr), value :: warm_g
            type(c_ptr), value :: result
            type(c_ptr), value :: f
            type(c_ptr), value :: g
            type(c_ptr), value :: plan_rows
            type(c_ptr), value :: plan_cols
            type(c_ptr), value :: plan_mass
            type(otc_matrix_mut_f64), value :: plan
            type(otc_emd_options), intent(in) :: opts
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_wasserstein_1d_workspace_size(n, m, out_bytes) &
                bind(c, name="otc_wasserstein_1d_workspace_size") result(st)
            import :: c_int32_t, c_size_t
            integer(c_size_t), value :: n
            integer(c_size_t), value :: m
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_wasserstein_1d(x, a, n, y, b, m, p, cost, plan_rows, plan_cols, &
                plan_mass, nnz, opts, work, work_bytes) &
                bind(c, name="otc_wasserstein_1d") result(st)
            import :: c_double, c_int32_t, c_ptr, c_size_t, otc_emd_options
            type(c_ptr), value :: x
            type(c_ptr), value :: a
            integer(c_size_t), value :: n
            type(c_ptr), value :: y
            type(c_ptr), value :: b
            integer(c_size_t), value :: m
            real(c_double), value :: p
            type(c_ptr), value :: cost
            type(c_ptr), value :: plan_rows
            type(c_ptr), value :: plan_cols
            type(c_ptr), value :: plan_mass
            type(c_ptr), value :: nnz
            type(otc_emd_options), intent(in) :: opts
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sliced_wasserstein_workspace_size(n, m, d, k, opts, out_bytes) &
                bind(c, name="otc_sliced_wasserstein_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_emd_options
            integer(c_size_t), value :: n
            integer(c_size_t), value :: m
            integer(c_size_t), value :: d
            integer(c_size_t), value :: k
            type(otc_emd_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sliced_wasserstein(x, a, y, b, p, k, seed, directions, out, opts, work, &
                work_bytes) &
                bind(c, name="otc_sliced_wasserstein") result(st)
            import :: c_double, c_int32_t, c_int64_t, c_ptr, c_size_t, otc_emd_options, &
                otc_matrix_f64
            type(otc_matrix_f64), value :: x
            type(c_ptr), value :: a
            type(otc_matrix_f64), value :: y
            type(c_ptr), value :: b
            real(c_double), value :: p
            integer(c_size_t), value :: k
            integer(c_int64_t), value :: seed
            type(otc_matrix_f64), value :: directions
            type(c_ptr), value :: out
            type(otc_emd_options), intent(in) :: opts
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_emd_batch_workspace_size(n, m, k, opts, out_bytes) &
                bind(c, name="otc_emd_batch_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_emd_options
            integer(c_size_t), value :: n
            integer(c_size_t), value :: m
            integer(c_size_t), value :: k
            type(otc_emd_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_emd_batch(n, m, k, a, b, costs, results, f, g, plan_rows, plan_cols, &
                plan_mass, opts, work, work_bytes) &
                bind(c, name="otc_emd_batch") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_emd_options
            integer(c_size_t), value :: n
            integer(c_size_t), value :: m
            integer(c_size_t), value :: k
            type(c_ptr), value :: a
            type(c_ptr), value :: b
            type(c_ptr), value :: costs
            type(c_ptr), value :: results
            type(c_ptr), value :: f
            type(c_ptr), value :: g
            type(c_ptr), value :: plan_rows
            type(c_ptr), value :: plan_cols
            type(c_ptr), value :: plan_mass
            type(otc_emd_options), intent(in) :: opts
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_bures_options_default(opts) bind(c, name="otc_bures_options_default") result(st)
            import :: c_int32_t, otc_bures_options
            type(otc_bures_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_bures_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_bures_workspace_size_f64") result(st)
            import :: c_int32_t, c_size_t, otc_bures_problem_f64, &
                      otc_bures_options
            type(otc_bures_problem_f64), intent(in) :: problem
            type(otc_bures_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: st
        end function
        function otc_bures_f64(problem, out, opts, work) bind(c, name="otc_bures_f64") result(st)
            import :: c_int32_t, otc_bures_problem_f64, otc_bures_outputs_f64, &
                      otc_bures_options, otc_workspace
            type(otc_bures_problem_f64), intent(in) :: problem
            type(otc_bures_outputs_f64), intent(inout) :: out
            type(otc_bures_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_w2_options_default(opts) bind(c, name="otc_gaussian_w2_options_default") result(st)
            import :: c_int32_t, otc_gaussian_w2_options
            type(otc_gaussian_w2_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_w2_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_w2_workspace_size_f64") result(st)
            import :: c_int32_t, c_size_t, otc_gaussian_w2_problem_f64, &
                      otc_gaussian_w2_options
            type(otc_gaussian_w2_problem_f64), intent(in) :: problem
            type(otc_gaussian_w2_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_w2_f64(problem, out, opts, work) bind(c, name="otc_gaussian_w2_f64") result(st)
            import :: c_int32_t, otc_gaussian_w2_problem_f64, otc_gaussian_w2_outputs_f64, &
                      otc_gaussian_w2_options, otc_workspace
            type(otc_gaussian_w2_problem_f64), intent(in) :: problem
            type(otc_gaussian_w2_outputs_f64), intent(inout) :: out
            type(otc_gaussian_w2_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_entropic_w2_options_default(opts) bind(c, name="otc_gaussian_entropic_w2_options_default") result(st)
            import :: c_int32_t, otc_gaussian_entropic_w2_options
            type(otc_gaussian_entropic_w2_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_entropic_w2_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_entropic_w2_workspace_size_f64") result(st)
            import :: c_int32_t, c_size_t, otc_gaussian_entropic_w2_problem_f64, &
                      otc_gaussian_entropic_w2_options
            type(otc_gaussian_entropic_w2_problem_f64), intent(in) :: problem
            type(otc_gaussian_entropic_w2_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_entropic_w2_f64(problem, out, opts, work) bind(c, name="otc_gaussian_entropic_w2_f64") result(st)
            import :: c_int32_t, otc_gaussian_entropic_w2_problem_f64, otc_gaussian_entropic_w2_outputs_f64, &
                      otc_gaussian_entropic_w2_options, otc_workspace
            type(otc_gaussian_entropic_w2_problem_f64), intent(in) :: problem
            type(otc_gaussian_entropic_w2_outputs_f64), intent(inout) :: out
            type(otc_gaussian_entropic_w2_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_w2_pairwise_options_default(opts) bind(c, name="otc_gaussian_w2_pairwise_options_default") result(st)
            import :: c_int32_t, otc_gaussian_w2_pairwise_options
            type(otc_gaussian_w2_pairwise_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_w2_pairwise_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_w2_pairwise_workspace_size_f64") result(st)
            import :: c_int32_t, c_size_t, otc_gaussian_w2_pairwise_problem_f64, &
                      otc_gaussian_w2_pairwise_options
            type(otc_gaussian_w2_pairwise_problem_f64), intent(in) :: problem
            type(otc_gaussian_w2_pairwise_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_w2_pairwise_f64(problem, out, opts, work) bind(c, name="otc_gaussian_w2_pairwise_f64") result(st)
            import :: c_int32_t, otc_gaussian_w2_pairwise_problem_f64, otc_gaussian_w2_pairwise_outputs_f64, &
                      otc_gaussian_w2_pairwise_options, otc_workspace
            type(otc_gaussian_w2_pairwise_problem_f64), intent(in) :: problem
            type(otc_gaussian_w2_pairwise_outputs_f64), intent(inout) :: out
            type(otc_gaussian_w2_pairwise_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_map_options_default(opts) bind(c, name="otc_gaussian_map_options_default") result(st)
            import :: c_int32_t, otc_gaussian_map_options
            type(otc_gaussian_map_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_map_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_map_workspace_size_f64") result(st)
            import :: c_int32_t, c_size_t, otc_gaussian_map_problem_f64, &
                      otc_gaussian_map_options
            type(otc_gaussian_map_problem_f64), intent(in) :: problem
            type(otc_gaussian_map_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_map_f64(problem, out, opts, work) bind(c, name="otc_gaussian_map_f64") result(st)
            import :: c_int32_t, otc_gaussian_map_problem_f64, otc_gaussian_map_outputs_f64, &
                      otc_gaussian_map_options, otc_workspace
            type(otc_gaussian_map_problem_f64), intent(in) :: problem
            type(otc_gaussian_map_outputs_f64), intent(inout) :: out
            type(otc_gaussian_map_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_map_apply_options_default(opts) bind(c, name="otc_gaussian_map_apply_options_default") result(st)
            import :: c_int32_t, otc_gaussian_map_apply_options
            type(otc_gaussian_map_apply_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_map_apply_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_map_apply_workspace_size_f64") result(st)
            import :: c_int32_t, c_size_t, otc_gaussian_map_apply_problem_f64, &
                      otc_gaussian_map_apply_options
            type(otc_gaussian_map_apply_problem_f64), intent(in) :: problem
            type(otc_gaussian_map_apply_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_map_apply_f64(problem, out, opts, work) bind(c, name="otc_gaussian_map_apply_f64") result(st)
            import :: c_int32_t, otc_gaussian_map_apply_problem_f64, otc_gaussian_map_apply_outputs_f64, &
                      otc_gaussian_map_apply_options, otc_workspace
            type(otc_gaussian_map_apply_problem_f64), intent(in) :: problem
            type(otc_gaussian_map_apply_outputs_f64), intent(inout) :: out
            type(otc_gaussian_map_apply_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_geodesic_options_default(opts) bind(c, name="otc_gaussian_geodesic_options_default") result(st)
            import :: c_int32_t, otc_gaussian_geodesic_options
            type(otc_gaussian_geodesic_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_geodesic_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_geodesic_workspace_size_f64") result(st)
            import :: c_int32_t, c_size_t, otc_gaussian_geodesic_problem_f64, &
                      otc_gaussian_geodesic_options
            type(otc_gaussian_geodesic_problem_f64), intent(in) :: problem
            type(otc_gaussian_geodesic_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_geodesic_f64(problem, out, opts, work) bind(c, name="otc_gaussian_geodesic_f64") result(st)
            import :: c_int32_t, otc_gaussian_geodesic_problem_f64, otc_gaussian_geodesic_outputs_f64, &
                      otc_gaussian_geodesic_options, otc_workspace
            type(otc_gaussian_geodesic_problem_f64), intent(in) :: problem
            type(otc_gaussian_geodesic_outputs_f64), intent(inout) :: out
            type(otc_gaussian_geodesic_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_barycenter_options_default(opts) bind(c, name="otc_gaussian_barycenter_options_default") result(st)
            import :: c_int32_t, otc_gaussian_barycenter_options
            type(otc_gaussian_barycenter_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_barycenter_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_barycenter_workspace_size_f64") result(st)
            import :: c_int32_t, c_size_t, otc_gaussian_barycenter_problem_f64, &
                      otc_gaussian_barycenter_options
            type(otc_gaussian_barycenter_problem_f64), intent(in) :: problem
            type(otc_gaussian_barycenter_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_barycenter_f64(problem, out, opts, work) bind(c, name="otc_gaussian_barycenter_f64") result(st)
            import :: c_int32_t, otc_gaussian_barycenter_problem_f64, otc_gaussian_barycenter_outputs_f64, &
                      otc_gaussian_barycenter_options, otc_workspace
            type(otc_gaussian_barycenter_problem_f64), intent(in) :: problem
            type(otc_gaussian_barycenter_outputs_f64), intent(inout) :: out
            type(otc_gaussian_barycenter_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_moments_options_default(opts) bind(c, name="otc_gaussian_moments_options_default") result(st)
            import :: c_int32_t, otc_gaussian_moments_options
            type(otc_gaussian_moments_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_moments_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_moments_workspace_size_f64") result(st)
            import :: c_int32_t, c_size_t, otc_gaussian_moments_problem_f64, &
                      otc_gaussian_moments_options
            type(otc_gaussian_moments_problem_f64), intent(in) :: problem
            type(otc_gaussian_moments_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: st
        end function
        function otc_gaussian_moments_f64(problem, out, opts, work) bind(c, name="otc_gaussian_moments_f64") result(st)
            import :: c_int32_t, otc_gaussian_moments_problem_f64, otc_gaussian_moments_outputs_f64, &
                      otc_gaussian_moments_options, otc_workspace
            type(otc_gaussian_moments_problem_f64), intent(in) :: problem
            type(otc_gaussian_moments_outputs_f64), intent(inout) :: out
            type(otc_gaussian_moments_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: st
        end function
        function otc_psd_sqrt_options_default(opts) bind(c, name="otc_psd_sqrt_options_default") result(st)
            import :: c_int32_t, otc_psd_sqrt_options
            type(otc_psd_sqrt_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_psd_sqrt_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_psd_sqrt_workspace_size_f64") result(st)
            import :: c_int32_t, c_size_t, otc_psd_sqrt_problem_f64, &
                      otc_psd_sqrt_options
            type(otc_psd_sqrt_problem_f64), intent(in) :: problem
            type(otc_psd_sqrt_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: st
        end function
        function otc_psd_sqrt_f64(problem, out, opts, work) bind(c, name="otc_psd_sqrt_f64") result(st)
            import :: c_int32_t, otc_psd_sqrt_problem_f64, otc_psd_sqrt_outputs_f64, &
                      otc_psd_sqrt_options, otc_workspace
            type(otc_psd_sqrt_problem_f64), intent(in) :: problem
            type(otc_psd_sqrt_outputs_f64), intent(inout) :: out
            type(otc_psd_sqrt_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: st
        end function
        function otc_laguerre_options_default(opts) &
                bind(c, name="otc_laguerre_options_default") result(st)
            import :: c_int32_t, otc_laguerre_options
            type(otc_laguerre_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_laguerre_workspace_size(n_sites, dim, opts, out_bytes) &
                bind(c, name="otc_laguerre_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_laguerre_options
            integer(c_size_t), value :: n_sites
            integer(c_size_t), value :: dim
            type(otc_laguerre_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_laguerre_assign_f64(points, point_weights, sites, g, opts, cells, masses, &
                work, work_bytes) &
                bind(c, name="otc_laguerre_assign_f64") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_laguerre_options, otc_matrix_f64
            type(otc_matrix_f64), value :: points
            type(c_ptr), value :: point_weights
            type(otc_matrix_f64), value :: sites
            type(c_ptr), value :: g
            type(otc_laguerre_options), intent(in) :: opts
            type(c_ptr), value :: cells
            type(c_ptr), value :: masses
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_laguerre_assign_f32(points, point_weights, sites, g, opts, cells, masses, &
                work, work_bytes) &
                bind(c, name="otc_laguerre_assign_f32") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_laguerre_options, otc_matrix_f32
            type(otc_matrix_f32), value :: points
            type(c_ptr), value :: point_weights
            type(otc_matrix_f32), value :: sites
            type(c_ptr), value :: g
            type(otc_laguerre_options), intent(in) :: opts
            type(c_ptr), value :: cells
            type(c_ptr), value :: masses
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_semidiscrete_options_default(opts) &
                bind(c, name="otc_semidiscrete_options_default") result(st)
            import :: c_int32_t, otc_semidiscrete_options
            type(otc_semidiscrete_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_semidiscrete_workspace_size(n_points, n_sites, dim, opts, out_bytes) &
                bind(c, name="otc_semidiscrete_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_semidiscrete_options
            integer(c_size_t), value :: n_points
            integer(c_size_t), value :: n_sites
            integer(c_size_t), value :: dim
            type(otc_semidiscrete_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_semidiscrete_f64(points, point_weights, sites, b, opts, g, masses, info, &
                work, work_bytes) &
                bind(c, name="otc_semidiscrete_f64") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f64, otc_semidiscrete_options
            type(otc_matrix_f64), value :: points
            type(c_ptr), value :: point_weights
            type(otc_matrix_f64), value :: sites
            type(c_ptr), value :: b
            type(otc_semidiscrete_options), intent(in) :: opts
            type(c_ptr), value :: g
            type(c_ptr), value :: masses
            type(c_ptr), value :: info
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_semidiscrete_f32(points, point_weights, sites, b, opts, g, masses, info, &
                work, work_bytes) &
                bind(c, name="otc_semidiscrete_f32") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f32, otc_semidiscrete_options
            type(otc_matrix_f32), value :: points
            type(c_ptr), value :: point_weights
            type(otc_matrix_f32), value :: sites
            type(c_ptr), value :: b
            type(otc_semidiscrete_options), intent(in) :: opts
            type(c_ptr), value :: g
            type(c_ptr), value :: masses
            type(c_ptr), value :: info
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sgd_options_default(opts) &
                bind(c, name="otc_sgd_options_default") result(st)
            import :: c_int32_t, otc_sgd_options
            type(otc_sgd_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_semidiscrete_sgd_workspace_size(n_sites, dim, opts, out_bytes) &
                bind(c, name="otc_semidiscrete_sgd_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_sgd_options
            integer(c_size_t), value :: n_sites
            integer(c_size_t), value :: dim
            type(otc_sgd_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_semidiscrete_sgd_f64(sample, user, sites, b, opts, g, work, work_bytes) &
                bind(c, name="otc_semidiscrete_sgd_f64") result(st)
            import :: c_funptr, c_int32_t, c_ptr, c_size_t, otc_matrix_f64, otc_sgd_options
            type(c_funptr), value :: sample
            type(c_ptr), value :: user
            type(otc_matrix_f64), value :: sites
            type(c_ptr), value :: b
            type(otc_sgd_options), intent(in) :: opts
            type(c_ptr), value :: g
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_semidiscrete_sgd_f32(sample, user, sites, b, opts, g, work, work_bytes) &
                bind(c, name="otc_semidiscrete_sgd_f32") result(st)
            import :: c_funptr, c_int32_t, c_ptr, c_size_t, otc_matrix_f32, otc_sgd_options
            type(c_funptr), value :: sample
            type(c_ptr), value :: user
            type(otc_matrix_f32), value :: sites
            type(c_ptr), value :: b
            type(otc_sgd_options), intent(in) :: opts
            type(c_ptr), value :: g
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_semidiscrete_sgd_samples_workspace_size(n_points, n_sites, dim, opts, &
                out_bytes) &
                bind(c, name="otc_semidiscrete_sgd_samples_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_sgd_options
            integer(c_size_t), value :: n_points
            integer(c_size_t), value :: n_sites
            integer(c_size_t), value :: dim
            type(otc_sgd_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_semidiscrete_sgd_samples_f64(points, point_weights, sites, b, seed, opts, g, &
                work, work_bytes) &
                bind(c, name="otc_semidiscrete_sgd_samples_f64") result(st)
            import :: c_int32_t, c_int64_t, c_ptr, c_size_t, otc_matrix_f64, otc_sgd_options
            type(otc_matrix_f64), value :: points
            type(c_ptr), value :: point_weights
            type(otc_matrix_f64), value :: sites
            type(c_ptr), value :: b
            integer(c_int64_t), value :: seed
            type(otc_sgd_options), intent(in) :: opts
            type(c_ptr), value :: g
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_semidiscrete_sgd_samples_f32(points, point_weights, sites, b, seed, opts, g, &
                work, work_bytes) &
                bind(c, name="otc_semidiscrete_sgd_samples_f32") result(st)
            import :: c_int32_t, c_int64_t, c_ptr, c_size_t, otc_matrix_f32, otc_sgd_options
            type(otc_matrix_f32), value :: points
            type(c_ptr), value :: point_weights
            type(otc_matrix_f32), value :: sites
            type(c_ptr), value :: b
            integer(c_int64_t), value :: seed
            type(otc_sgd_options), intent(in) :: opts
            type(c_ptr), value :: g
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_lloyd_workspace_size(n_points, n_sites, dim, opts, out_bytes) &
                bind(c, name="otc_lloyd_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_laguerre_options
            integer(c_size_t), value :: n_points
            integer(c_size_t), value :: n_sites
            integer(c_size_t), value :: dim
            type(otc_laguerre_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_lloyd_f64(points, point_weights, sites, max_iter, tol, opts, distortion, &
                work, work_bytes) &
                bind(c, name="otc_lloyd_f64") result(st)
            import :: c_double, c_int32_t, c_ptr, c_size_t, otc_laguerre_options, &
                otc_matrix_f64, otc_matrix_mut_f64
            type(otc_matrix_f64), value :: points
            type(c_ptr), value :: point_weights
            type(otc_matrix_mut_f64), value :: sites
            integer(c_int32_t), value :: max_iter
            real(c_double), value :: tol
            type(otc_laguerre_options), intent(in) :: opts
            type(c_ptr), value :: distortion
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_lloyd_f32(points, point_weights, sites, max_iter, tol, opts, distortion, &
                work, work_bytes) &
                bind(c, name="otc_lloyd_f32") result(st)
            import :: c_double, c_int32_t, c_ptr, c_size_t, otc_laguerre_options, &
                otc_matrix_f32, otc_matrix_mut_f32
            type(otc_matrix_f32), value :: points
            type(c_ptr), value :: point_weights
            type(otc_matrix_mut_f32), value :: sites
            integer(c_int32_t), value :: max_iter
            real(c_double), value :: tol
            type(otc_laguerre_options), intent(in) :: opts
            type(c_ptr), value :: distortion
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_options_default(opts) &
                bind(c, name="otc_sinkhorn_options_default") result(st)
            import :: c_int32_t, otc_sinkhorn_options
            type(otc_sinkhorn_options), intent(out) :: opts
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_workspace_size(n, m, d, opts, out_bytes) &
                bind(c, name="otc_sinkhorn_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_sinkhorn_options
            integer(c_size_t), value :: n
            integer(c_size_t), value :: m
            integer(c_size_t), value :: d
            type(otc_sinkhorn_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_f64(cost, a, b, opts, init_f, init_g, f, g, plan, info, work, &
                work_bytes) &
                bind(c, name="otc_sinkhorn_f64") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f64, otc_sinkhorn_options
            type(otc_matrix_f64), value :: cost
            type(c_ptr), value :: a
            type(c_ptr), value :: b
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: init_f
            type(c_ptr), value :: init_g
            type(c_ptr), value :: f
            type(c_ptr), value :: g
            type(c_ptr), value :: plan
            type(c_ptr), value :: info
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_f32(cost, a, b, opts, init_f, init_g, f, g, plan, info, work, &
                work_bytes) &
                bind(c, name="otc_sinkhorn_f32") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f32, otc_sinkhorn_options
            type(otc_matrix_f32), value :: cost
            type(c_ptr), value :: a
            type(c_ptr), value :: b
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: init_f
            type(c_ptr), value :: init_g
            type(c_ptr), value :: f
            type(c_ptr), value :: g
            type(c_ptr), value :: plan
            type(c_ptr), value :: info
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_points_f64(x, y, a, b, opts, init_f, init_g, f, g, plan, map, &
                info, work, work_bytes) &
                bind(c, name="otc_sinkhorn_points_f64") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f64, otc_sinkhorn_options
            type(otc_matrix_f64), value :: x
            type(otc_matrix_f64), value :: y
            type(c_ptr), value :: a
            type(c_ptr), value :: b
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: init_f
            type(c_ptr), value :: init_g
            type(c_ptr), value :: f
            type(c_ptr), value :: g
            type(c_ptr), value :: plan
            type(c_ptr), value :: map
            type(c_ptr), value :: info
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_points_f32(x, y, a, b, opts, init_f, init_g, f, g, plan, map, &
                info, work, work_bytes) &
                bind(c, name="otc_sinkhorn_points_f32") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f32, otc_sinkhorn_options
            type(otc_matrix_f32), value :: x
            type(otc_matrix_f32), value :: y
            type(c_ptr), value :: a
            type(c_ptr), value :: b
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: init_f
            type(c_ptr), value :: init_g
            type(c_ptr), value :: f
            type(c_ptr), value :: g
            type(c_ptr), value :: plan
            type(c_ptr), value :: map
            type(c_ptr), value :: info
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_divergence_workspace_size(n, m, d, opts, out_bytes) &
                bind(c, name="otc_sinkhorn_divergence_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_sinkhorn_options
            integer(c_size_t), value :: n
            integer(c_size_t), value :: m
            integer(c_size_t), value :: d
            type(otc_sinkhorn_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_divergence_f64(cost_xy, cost_xx, cost_yy, a, b, opts, value, &
                infos, work, work_bytes) &
                bind(c, name="otc_sinkhorn_divergence_f64") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f64, otc_sinkhorn_options
            type(otc_matrix_f64), value :: cost_xy
            type(otc_matrix_f64), value :: cost_xx
            type(otc_matrix_f64), value :: cost_yy
            type(c_ptr), value :: a
            type(c_ptr), value :: b
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: value
            type(c_ptr), value :: infos
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_divergence_f32(cost_xy, cost_xx, cost_yy, a, b, opts, value, &
                infos, work, work_bytes) &
                bind(c, name="otc_sinkhorn_divergence_f32") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f32, otc_sinkhorn_options
            type(otc_matrix_f32), value :: cost_xy
            type(otc_matrix_f32), value :: cost_xx
            type(otc_matrix_f32), value :: cost_yy
            type(c_ptr), value :: a
            type(c_ptr), value :: b
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: value
            type(c_ptr), value :: infos
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_divergence_points_f64(x, y, a, b, opts, value, infos, work, &
                work_bytes) &
                bind(c, name="otc_sinkhorn_divergence_points_f64") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f64, otc_sinkhorn_options
            type(otc_matrix_f64), value :: x
            type(otc_matrix_f64), value :: y
            type(c_ptr), value :: a
            type(c_ptr), value :: b
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: value
            type(c_ptr), value :: infos
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_divergence_points_f32(x, y, a, b, opts, value, infos, work, &
                work_bytes) &
                bind(c, name="otc_sinkhorn_divergence_points_f32") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f32, otc_sinkhorn_options
            type(otc_matrix_f32), value :: x
            type(otc_matrix_f32), value :: y
            type(c_ptr), value :: a
            type(c_ptr), value :: b
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: value
            type(c_ptr), value :: infos
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_block_workspace_size(rows, m, d, opts, out_bytes) &
                bind(c, name="otc_sinkhorn_block_workspace_size") result(st)
            import :: c_int32_t, c_size_t, otc_sinkhorn_options
            integer(c_size_t), value :: rows
            integer(c_size_t), value :: m
            integer(c_size_t), value :: d
            type(otc_sinkhorn_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: out_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_block_step_f64(cost_block, a_block, b, g, opts, f_block, pairs, block_error, &
                work, work_bytes) &
                bind(c, name="otc_sinkhorn_block_step_f64") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f64, otc_sinkhorn_options
            type(otc_matrix_f64), value :: cost_block
            type(c_ptr), value :: a_block
            type(c_ptr), value :: b
            type(c_ptr), value :: g
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: f_block
            type(c_ptr), value :: pairs
            type(c_ptr), value :: block_error
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_block_step_f32(cost_block, a_block, b, g, opts, f_block, pairs, block_error, &
                work, work_bytes) &
                bind(c, name="otc_sinkhorn_block_step_f32") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f32, otc_sinkhorn_options
            type(otc_matrix_f32), value :: cost_block
            type(c_ptr), value :: a_block
            type(c_ptr), value :: b
            type(c_ptr), value :: g
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: f_block
            type(c_ptr), value :: pairs
            type(c_ptr), value :: block_error
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_block_step_points_f64(x_block, y, a_block, b, g, opts, f_block, pairs, block_error, work, &
                work_bytes) &
                bind(c, name="otc_sinkhorn_block_step_points_f64") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f64, otc_sinkhorn_options
            type(otc_matrix_f64), value :: x_block
            type(otc_matrix_f64), value :: y
            type(c_ptr), value :: a_block
            type(c_ptr), value :: b
            type(c_ptr), value :: g
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: f_block
            type(c_ptr), value :: pairs
            type(c_ptr), value :: block_error
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_block_step_points_f32(x_block, y, a_block, b, g, opts, f_block, pairs, block_error, work, &
                work_bytes) &
                bind(c, name="otc_sinkhorn_block_step_points_f32") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_matrix_f32, otc_sinkhorn_options
            type(otc_matrix_f32), value :: x_block
            type(otc_matrix_f32), value :: y
            type(c_ptr), value :: a_block
            type(c_ptr), value :: b
            type(c_ptr), value :: g
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: f_block
            type(c_ptr), value :: pairs
            type(c_ptr), value :: block_error
            type(c_ptr), value :: work
            integer(c_size_t), value :: work_bytes
            integer(c_int32_t) :: st
        end function
        function otc_sinkhorn_block_column_update(pairs, m, opts, g) &
                bind(c, name="otc_sinkhorn_block_column_update") result(st)
            import :: c_int32_t, c_ptr, c_size_t, otc_sinkhorn_options
            type(c_ptr), value :: pairs
            integer(c_size_t), value :: m
            type(otc_sinkhorn_options), intent(in) :: opts
            type(c_ptr), value :: g
            integer(c_int32_t) :: st
        end function
        function otc_lse_pair_merge(acc, other, len) bind(c, name="otc_lse_pair_merge") result(st)
            import :: c_int32_t, c_ptr, c_size_t
            type(c_ptr), value :: acc
            type(c_ptr), value :: other
            integer(c_size_t), value :: len
            integer(c_int32_t) :: st
        end function
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
        type(otc_cost_options), intent(out) :: opts
        integer(c_int32_t), intent(in), optional :: metric, num_threads
        real(c_double), intent(in), optional :: p
        integer(c_int32_t) :: st
        st = otc_cost_options_default(opts)
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
        type(otc_cost_options) :: opts
        call cost_options(opts, metric, p, num_threads)
        status = otc_cost_matrix_f64( &
            otc_matrix_f64(c_loc(x), size(x, 1, c_size_t), size(x, 2, c_size_t), 1_c_intptr_t, &
                           int(size(x, 1), c_intptr_t)), &
            otc_matrix_f64(c_loc(y), size(y, 1, c_size_t), size(y, 2, c_size_t), 1_c_intptr_t, &
                           int(size(y, 1), c_intptr_t)), &
            otc_matrix_mut_f64(c_loc(c), size(c, 1, c_size_t), size(c, 2, c_size_t), &
                               1_c_intptr_t, int(size(c, 1), c_intptr_t)), &
            opts, c_null_ptr, 0_c_size_t)
    end subroutine

    subroutine cost_matrix_f32(x, y, c, status, metric, p, num_threads)
        real(c_float), intent(in), target, contiguous :: x(:, :), y(:, :)
        real(c_float), intent(inout), target, contiguous :: c(:, :)
        integer(c_int32_t), intent(out) :: status
        integer(c_int32_t), intent(in), optional :: metric, num_threads
        real(c_double), intent(in), optional :: p
        type(otc_cost_options) :: opts
        call cost_options(opts, metric, p, num_threads)
        status = otc_cost_matrix_f32( &
            otc_matrix_f32(c_loc(x), size(x, 1, c_size_t), size(x, 2, c_size_t), 1_c_intptr_t, &
                           int(size(x, 1), c_intptr_t)), &
            otc_matrix_f32(c_loc(y), size(y, 1, c_size_t), size(y, 2, c_size_t), 1_c_intptr_t, &
                           int(size(y, 1), c_intptr_t)), &
            otc_matrix_mut_f32(c_loc(c), size(c, 1, c_size_t), size(c, 2, c_size_t), &
                               1_c_intptr_t, int(size(c, 1), c_intptr_t)), &
            opts, c_null_ptr, 0_c_size_t)
    end subroutine

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

    ! ---- Exact OT ----

    ! Exact OT between histograms a (n) and b (m) for cost(n, m) by the network simplex: the
    ! optimal cost into `cost_out`; optional duals f (n), g (m) and dense plan (n, m).
    ! status: OTC_OK, OTC_WARN_MAX_ITER, or an OTC_ERR_* code (outputs untouched).
    subroutine otcore_emd(a, b, cost, cost_out, status, f, g, plan, num_threads)
        real(c_double), intent(in), target, contiguous :: a(:), b(:), cost(:, :)
        real(c_double), intent(out) :: cost_out
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(inout), target, optional, contiguous :: f(:), g(:), plan(:, :)
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_emd_options) :: opts
        type(otc_emd_result), target :: res
        type(c_ptr) :: pf, pg
        type(otc_matrix_mut_f64) :: pv
        status = otc_emd_options_default(opts)
        if (present(num_threads)) opts%num_threads = num_threads
        pf = c_null_ptr
        pg = c_null_ptr
        pv = otc_matrix_mut_f64(c_null_ptr, 0_c_size_t, 0_c_size_t, 0_c_intptr_t, 0_c_intptr_t)
        if (present(f)) pf = c_loc(f)
        if (present(g)) pg = c_loc(g)
        if (present(plan)) pv = mut_view_f64(plan)
        status = otc_emd(c_loc(a), size(a, kind=c_size_t), c_loc(b), size(b, kind=c_size_t), &
                         view_f64(cost), c_null_ptr, c_null_ptr, c_loc(res), pf, pg, &
                         c_null_ptr, c_null_ptr, c_null_ptr, pv, opts, c_null_ptr, 0_c_size_t)
        if (status < 100) cost_out = res%cost
    end subroutine

    ! k exact problems of one shape: a(n, k), b(m, k), cost(n, m, k); costs(k) receives each
    ! optimal cost. Problems are shared by num_threads workers (same results for any count).
    subroutine otcore_emd_batch(a, b, cost, costs, status, num_threads)
        real(c_double), intent(in), target, contiguous :: a(:, :), b(:, :), cost(:, :, :)
        real(c_double), intent(out) :: costs(:)
        integer(c_int32_t), intent(out) :: status
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_emd_options) :: opts
        type(otc_matrix_f64), target :: views(size(cost, 3))
        type(otc_emd_result), target :: res(size(cost, 3))
        integer :: l
        status = otc_emd_options_default(opts)
        if (present(num_threads)) opts%num_threads = num_threads
        do l = 1, size(cost, 3)
            views(l) = view_f64(cost(:, :, l))
        end do
        status = otc_emd_batch(size(cost, 1, c_size_t), size(cost, 2, c_size_t), &
                               size(cost, 3, c_size_t), c_loc(a), c_loc(b), c_loc(views), &
                               c_loc(res), c_null_ptr, c_null_ptr, c_null_ptr, c_null_ptr, &
                               c_null_ptr, opts, c_null_ptr, 0_c_size_t)
        if (status < 100) costs = res%cost
    end subroutine

    ! Exact 1-D OT between samples x (weights a) and y (weights b) for |x - y|^p: W_p^p.
    subroutine otcore_wasserstein_1d(x, a, y, b, p, cost_out, status)
        real(c_double), intent(in), target, contiguous :: x(:), a(:), y(:), b(:)
        real(c_double), intent(in) :: p
        real(c_double), intent(out), target :: cost_out
        integer(c_int32_t), intent(out) :: status
        type(otc_emd_options) :: opts
        status = otc_emd_options_default(opts)
        status = otc_wasserstein_1d(c_loc(x), c_loc(a), size(x, kind=c_size_t), c_loc(y), &
                                    c_loc(b), size(y, kind=c_size_t), p, c_loc(cost_out), &
                                    c_null_ptr, c_null_ptr, c_null_ptr, c_null_ptr, opts, &
                                    c_null_ptr, 0_c_size_t)
    end subroutine

    ! Sliced Wasserstein SW_p^p between clouds x(n, d) and y(m, d) (points are rows) over k
    ! random directions drawn from seed.
    subroutine otcore_sliced_wasserstein(x, a, y, b, p, k, seed, sw, status, num_threads)
        real(c_double), intent(in), target, contiguous :: x(:, :), a(:), y(:, :), b(:)
        real(c_double), intent(in) :: p
        integer(c_size_t), intent(in) :: k
        integer(c_int64_t), intent(in) :: seed
        real(c_double), intent(out), target :: sw
        integer(c_int32_t), intent(out) :: status
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_emd_options) :: opts
        status = otc_emd_options_default(opts)
        if (present(num_threads)) opts%num_threads = num_threads
        status = otc_sliced_wasserstein(view_f64(x), c_loc(a), view_f64(y), c_loc(b), p, k, seed, &
            otc_matrix_f64(c_null_ptr, 0_c_size_t, 0_c_size_t, 0_c_intptr_t, 0_c_intptr_t), &
            c_loc(sw), opts, c_null_ptr, 0_c_size_t)
    end subroutine

    ! ---- Entropic OT ----

    ! Log-domain Sinkhorn on cost(n, m) with regularisation epsilon: potentials f (n), g (m);
    ! optional plan (n, m) and report. status OTC_OK, OTC_WARN_MAX_ITER or an error.
    subroutine otcore_sinkhorn(a, b, cost, epsilon, f, g, status, plan, info, tolerance, &
                               max_iter, num_threads)
        real(c_double), intent(in), target, contiguous :: a(:), b(:), cost(:, :)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: f(:), g(:)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(inout), target, optional, contiguous :: plan(:, :)
        type(otc_sinkhorn_info), intent(out), target, optional :: info
        real(c_double), intent(in), optional :: tolerance
        integer(c_int32_t), intent(in), optional :: max_iter, num_threads
        type(otc_sinkhorn_options) :: opts
        type(otc_matrix_mut_f64), target :: pv
        type(otc_sinkhorn_info), target :: rep
        type(c_ptr) :: pp
        status = otc_sinkhorn_options_default(opts)
        opts%epsilon = epsilon
        if (present(tolerance)) opts%tolerance = tolerance
        if (present(max_iter)) opts%max_iter = max_iter
        if (present(num_threads)) opts%num_threads = num_threads
        pp = c_null_ptr
        if (present(plan)) then
            pv = mut_view_f64(plan)
            pp = c_loc(pv)
        end if
        rep%struct_size = c_sizeof(rep)
        status = otc_sinkhorn_f64(view_f64(cost), c_loc(a), c_loc(b), opts, c_null_ptr, &
                                  c_null_ptr, c_loc(f), c_loc(g), pp, c_loc(rep), c_null_ptr, &
                                  0_c_size_t)
        if (present(info)) info = rep
    end subroutine

    ! Sinkhorn divergence between clouds x(n, d) and y(m, d) (squared Euclidean cost).
    subroutine otcore_sinkhorn_divergence(x, y, a, b, epsilon, value, status)
        real(c_double), intent(in), target, contiguous :: x(:, :), y(:, :), a(:), b(:)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(out), target :: value
        integer(c_int32_t), intent(out) :: status
        type(otc_sinkhorn_options) :: opts
        status = otc_sinkhorn_options_default(opts)
        opts%epsilon = epsilon
        status = otc_sinkhorn_divergence_points_f64(view_f64(x), view_f64(y), c_loc(a), c_loc(b), &
                                                    opts, c_loc(value), c_null_ptr, c_null_ptr, &
                                                    0_c_size_t)
    end subroutine

    ! ---- Row-partitioned Sinkhorn (one block of rows per process, e.g. per MPI rank) ----

    ! One block's share of an alternating iteration for its source points x_block(rows, d)
    ! against all targets y(m, d): updates f_block (rows; on entry the current potentials)
    ! from g (m), writes the block's column pairs (m) to merge over the blocks, and the block's
    ! part of the marginal error of the potentials on entry into block_error (optional).
    subroutine otcore_sinkhorn_block_step(x_block, y, a_block, b, g, epsilon, f_block, pairs, &
                                          status, block_error, rho_a, num_threads)
        real(c_double), intent(in), target, contiguous :: x_block(:, :), y(:, :), a_block(:)
        real(c_double), intent(in), target, contiguous :: b(:), g(:)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: f_block(:)
        type(otc_lse_pair), intent(inout), target, contiguous :: pairs(:)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(out), target, optional :: block_error
        real(c_double), intent(in), optional :: rho_a
        integer(c_int32_t), intent(in), optional :: num_threads
        type(otc_sinkhorn_options) :: opts
        real(c_double), target :: err
        status = otc_sinkhorn_options_default(opts)
        opts%epsilon = epsilon
        if (present(rho_a)) opts%rho_a = rho_a
        if (present(num_threads)) opts%num_threads = num_threads
        if (size(pairs) /= size(y, 1)) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        err = 0
        status = otc_sinkhorn_block_step_points_f64(view_f64(x_block), view_f64(y), &
                                                    c_loc(a_block), c_loc(b), c_loc(g), opts, &
                                                    c_loc(f_block), c_loc(pairs), c_loc(err), &
                                                    c_null_ptr, 0_c_size_t)
        if (present(block_error) .and. status < 100) block_error = err
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
        status = otc_lse_pair_merge(c_loc(acc), c_loc(other), size(acc, kind=c_size_t))
    end subroutine

    ! g (m) from the pairs (m) of all blocks combined: g_j = -kappa_b epsilon log(pair_j).
    subroutine otcore_sinkhorn_block_column_update(pairs, epsilon, g, status, rho_b)
        type(otc_lse_pair), intent(in), target, contiguous :: pairs(:)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: g(:)
        integer(c_int32_t), intent(out) :: status
        real(c_double), intent(in), optional :: rho_b
        type(otc_sinkhorn_options) :: opts
        status = otc_sinkhorn_options_default(opts)
        opts%epsilon = epsilon
        if (present(rho_b)) opts%rho_b = rho_b
        if (size(pairs) /= size(g)) then
            status = OTC_ERR_INVALID_DIMENSION
            return
        end if
        status = otc_sinkhorn_block_column_update(c_loc(pairs), size(g, kind=c_size_t), opts, &
                                                  c_loc(g))
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
        integer :: i
        do i = 1, size(covs, 3)
            views(i) = view_f64(covs(:, :, i))
        end do
        status = otc_gaussian_barycenter_options_default(opts)
        p = otc_gaussian_barycenter_problem_f64(c_sizeof(p), view_f64(means), c_loc(views), &
                                                c_null_ptr)
        r%struct_size = c_sizeof(r)
        r%mean = c_loc(mean)
        r%cov = mut_view_f64(cov)
        status = otc_gaussian_barycenter_f64(p, r, opts, otc_workspace(c_null_ptr, 0_c_size_t))
        iterations = r%report%iterations
    end subroutine

    ! ---- Semi-discrete OT ----

    ! Laguerre cell of every point: cells(i) = argmin_j |x_i - y_j|^2 - g_j (0-based site
    ! index); masses(j) = (uniform) mass of cell j. points(N, d), sites(n, d).
    subroutine otcore_laguerre_assign(points, sites, g, cells, masses, status)
        real(c_double), intent(in), target, contiguous :: points(:, :), sites(:, :), g(:)
        integer(c_int32_t), intent(inout), target, contiguous :: cells(:)
        real(c_double), intent(inout), target, contiguous :: masses(:)
        integer(c_int32_t), intent(out) :: status
        type(otc_laguerre_options) :: opts
        status = otc_laguerre_options_default(opts)
        status = otc_laguerre_assign_f64(view_f64(points), c_null_ptr, view_f64(sites), c_loc(g), &
                                         opts, c_loc(cells), c_loc(masses), c_null_ptr, 0_c_size_t)
    end subroutine

    ! Semi-discrete OT from uniform samples points(N, d) to sites(n, d) with weights b: dual
    ! weights g (initial guess in, solution out) and cell masses.
    subroutine otcore_semidiscrete(points, sites, b, g, masses, status)
        real(c_double), intent(in), target, contiguous :: points(:, :), sites(:, :), b(:)
        real(c_double), intent(inout), target, contiguous :: g(:), masses(:)
        integer(c_int32_t), intent(out) :: status
        type(otc_semidiscrete_options) :: opts
        status = otc_semidiscrete_options_default(opts)
        status = otc_semidiscrete_f64(view_f64(points), c_null_ptr, view_f64(sites), c_loc(b), &
                                      opts, c_loc(g), c_loc(masses), c_null_ptr, c_null_ptr, &
                                      0_c_size_t)
    end subroutine

    ! Lloyd iterations moving sites(n, d) in place toward their Voronoi cells' barycenters.
    subroutine otcore_lloyd(points, sites, max_iter, tol, distortion, status)
        real(c_double), intent(in), target, contiguous :: points(:, :)
        real(c_double), intent(inout), target, contiguous :: sites(:, :)
        integer(c_int32_t), intent(in) :: max_iter
        real(c_double), intent(in) :: tol
        real(c_double), intent(out), target :: distortion
        integer(c_int32_t), intent(out) :: status
        type(otc_laguerre_options) :: opts
        status = otc_laguerre_options_default(opts)
        status = otc_lloyd_f64(view_f64(points), c_null_ptr, mut_view_f64(sites), max_iter, tol, &
                               opts, c_loc(distortion), c_null_ptr, 0_c_size_t)
    end subroutine

    ! Averaged SGD drawing batches of `batch` rows of points(N, d) uniformly (seeded stream),
    ! `iterations` batches, to sites(n, d) with weights b (sum 1): dual weights g (zero mean).
    subroutine otcore_semidiscrete_sgd_samples(points, sites, b, seed, iterations, batch, g, status)
        real(c_double), intent(in), target, contiguous :: points(:, :), sites(:, :), b(:)
        integer(c_int64_t), intent(in) :: seed
        integer(c_int32_t), intent(in) :: iterations, batch
        real(c_double), intent(inout), target, contiguous :: g(:)
        integer(c_int32_t), intent(out) :: status
        type(otc_sgd_options) :: opts
        status = otc_sgd_options_default(opts)
        opts%iterations = iterations
        opts%batch = batch
        status = otc_semidiscrete_sgd_samples_f64(view_f64(points), c_null_ptr, view_f64(sites), &
                                                  c_loc(b), seed, opts, c_loc(g), c_null_ptr, &
                                                  0_c_size_t)
    end subroutine

    ! Fixed-support entropic barycenter (uniform weights) of the columns of hists(n, k) for
    ! cost(n, n), into bary(n).
    subroutine otcore_barycenter(hists, cost, epsilon, bary, status)
        real(c_double), intent(in), target, contiguous :: hists(:, :), cost(:, :)
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: bary(:)
        integer(c_int32_t), intent(out) :: status
        type(otc_barycenter_options) :: opts
        status = otc_barycenter_options_default(opts)
        opts%epsilon = epsilon
        status = otc_barycenter_f64(view_f64(hists), view_f64(cost), c_null_ptr, opts, &
                                    c_loc(bary), c_null_ptr, c_null_ptr, 0_c_size_t)
    end subroutine

    ! Convolutional entropic barycenter (uniform weights) of the k images in images(h*w, k)
    ! (pixel (r, c), 0-based, at row r*w + c + 1) into bary(h*w).
    subroutine otcore_convolutional_barycenter(images, h, w, epsilon, bary, status)
        real(c_double), intent(in), target, contiguous :: images(:, :)
        integer(c_size_t), intent(in) :: h, w
        real(c_double), intent(in) :: epsilon
        real(c_double), intent(inout), target, contiguous :: bary(:)
        integer(c_int32_t), intent(out) :: status
        type(otc_barycenter_options) :: opts
        status = otc_barycenter_options_default(opts)
        opts%epsilon = epsilon
        status = otc_convolutional_barycenter_f64(view_f64(images), h, w, c_null_ptr, opts, &
                                                  c_loc(bary), c_null_ptr, c_null_ptr, 0_c_size_t)
    end subroutine

end module otcore
