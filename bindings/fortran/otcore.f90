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
    integer(c_int32_t), parameter, public :: OTC_ERR_PANIC = 199

    ! Ground metrics of cost matrices.
    integer(c_int32_t), parameter, public :: OTC_METRIC_SQEUCLIDEAN = 0
    integer(c_int32_t), parameter, public :: OTC_METRIC_EUCLIDEAN = 1
    integer(c_int32_t), parameter, public :: OTC_METRIC_MINKOWSKI = 2
    integer(c_int32_t), parameter, public :: OTC_METRIC_COSINE = 3

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

    public :: otc_last_error_message, otc_status_message, otc_version_string, otc_version_number
    public :: otc_cost_options_default, otc_cost_matrix_workspace_size
    public :: otc_cost_matrix_f64, otc_cost_matrix_f32
    public :: otcore_version, otcore_last_error, otcore_status_text, otcore_cost_matrix

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

end module otcore
