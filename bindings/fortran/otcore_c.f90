! GENERATED from include/otcore.h by abi-gen (cargo run -p otcore-abi-gen). Do not edit.
!
! Module otcore_c: the C ABI of include/otcore.h in Fortran 2008 (iso_c_binding).
! Constants, one bind(c) type per struct (same fields, same order) and one interface
! per C function. Unsigned C integers cross as the signed kind of the same width;
! ptrdiff_t strides as c_intptr_t (c_ptrdiff_t is Fortran 2018).
! Fortran names are case-insensitive: a constant named like a function is renamed
! OTC_HEADER_* (OTC_VERSION_NUMBER is OTC_HEADER_VERSION_NUMBER).
! Module otcore (otcore.f90) uses this one and adds the convenience routines.
module otcore_c
    use, intrinsic :: iso_c_binding
    implicit none
    public

    ! Inner solver of `otc_free_support_barycenter_f64`: exact OT (network simplex), the default.
    integer(c_int32_t), parameter :: OTC_FREE_SUPPORT_INNER_EXACT = 0

    ! Inner solver of `otc_free_support_barycenter_f64`: entropic OT (Sinkhorn at
    ! `opts->epsilon`).
    integer(c_int32_t), parameter :: OTC_FREE_SUPPORT_INNER_SINKHORN = 1

    ! Metric `|x − y|²` (squared Euclidean), the default.
    integer(c_int32_t), parameter :: OTC_METRIC_SQEUCLIDEAN = 0

    ! Metric `|x − y|` (Euclidean).
    integer(c_int32_t), parameter :: OTC_METRIC_EUCLIDEAN = 1

    ! Metric `(Σ_k |x_k − y_k|^p)^(1/p)` (Minkowski), with `p` from the options (finite, ≥ 1).
    integer(c_int32_t), parameter :: OTC_METRIC_MINKOWSKI = 2

    ! Metric `1 − <x, y>/(|x||y|)` (cosine distance, in [0, 2]); 0 when both vectors are zero,
    ! 1 when exactly one is.
    integer(c_int32_t), parameter :: OTC_METRIC_COSINE = 3

    ! `opts->kernel` of `otc_mmd_flow_step_f64`: the energy distance, k(x, y) = −|x − y|.
    integer(c_int32_t), parameter :: OTC_MMD_KERNEL_ENERGY = 0

    ! `opts->kernel`: the Gaussian kernel k(x, y) = exp(−|x − y|²/(2σ²)), σ = `opts->sigma`.
    integer(c_int32_t), parameter :: OTC_MMD_KERNEL_GAUSSIAN = 1

    ! `method` of `otc_semidiscrete_options` and `report.path` of its outputs: damped Newton on
    ! the entropic semi-dual with ε continuation (default).
    integer(c_int32_t), parameter :: OTC_SEMIDISCRETE_NEWTON = 0

    ! `method` of `otc_semidiscrete_options` and `report.path` of its outputs: gradient ascent
    ! on the hard semi-dual.
    integer(c_int32_t), parameter :: OTC_SEMIDISCRETE_GRADIENT = 1

    ! `report.path` / `opts->path`: the stored kernel when it fits `kernel_memory_cap` (dense
    ! cost, alternating updates, KL or no penalty), the log-domain passes otherwise (an option
    ! value only; a report names the path that ran).
    integer(c_int32_t), parameter :: OTC_SINKHORN_PATH_AUTO = 0

    ! Log-domain passes: 2·n·m exponentials an iteration, O((n + m)·d) memory.
    integer(c_int32_t), parameter :: OTC_SINKHORN_PATH_LOG_DOMAIN = 1

    ! The stabilised kernel `exp((α_i + β_j − C_ij)/ε)` stored once (n·m values): one read of it
    ! an iteration, no exponentials (log-domain iterations where it would underflow).
    integer(c_int32_t), parameter :: OTC_SINKHORN_PATH_KERNEL = 2

    ! Point clouds of dimension 1-3 only (an option value, never chosen by `_AUTO`): the
    ! stabilised kernel truncated to its entries above `e^{-theta}`, stored sparse (rows and
    ! columns) and rebuilt at every ε of an automatic ε-scaling that starts on clusters of the
    ! points; theta = ln(4·Σa·Σb/tolerance) + 4, which keeps the dropped mass below
    ! tolerance/4 (the reported error adds twice its bound). Memory O((n + m)·d) plus the arcs,
    ! allocated by the call (not from `work`) and capped by `kernel_memory_cap`; alternating
    ! updates, KL or no penalty, `over_relaxation` 1.
    integer(c_int32_t), parameter :: OTC_SINKHORN_PATH_TRUNCATED = 3

    ! `opts->penalty`: a finite ρ penalises a marginal's deviation by ρ·KL(P·1 | a).
    integer(c_int32_t), parameter :: OTC_SINKHORN_PENALTY_KL = 0

    ! `opts->penalty`: a finite ρ penalises a marginal's deviation by ρ·‖P·1 − a‖₁ (total
    ! variation; log-domain path only).
    integer(c_int32_t), parameter :: OTC_SINKHORN_PENALTY_TV = 1

    ! Major version: changes only with an incompatible ABI change.
    integer(c_int32_t), parameter :: OTC_VERSION_MAJOR = 1

    ! Minor version: grows when the ABI grows.
    integer(c_int32_t), parameter :: OTC_VERSION_MINOR = 0

    ! Patch version.
    integer(c_int32_t), parameter :: OTC_VERSION_PATCH = 0

    ! MAJOR·10000 + MINOR·100 + PATCH, for `#if` comparisons.
    integer(c_int32_t), parameter :: OTC_HEADER_VERSION_NUMBER = 10000

    ! Options of `otc_assignment_f64`; fill with `otc_assignment_options_default`.
    type, bind(c) :: otc_assignment_options
        ! `sizeof(otc_assignment_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads sharing the problems of a batch (one problem runs on one thread):
        ! 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
        ! (k ≤ 256). Results are identical for every value.
        integer(c_int32_t) :: num_threads
        ! Call `callback` at most once per this many augmenting paths (default 0: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback (default NULL), called on the calling thread after a shortest
        ! augmenting path (with `num_threads` > 1: a path of a problem one of the workers
        ! solves; the others' are counted, not reported), with the paths run so far over all
        ! problems and workers and the rows its problem still has free. Nonzero stops the solve: `OTC_WARN_CANCELLED`; the
        ! problems running give their rows still free the free columns in increasing order (a
        ! permutation, maybe not optimal: `gap` < 0 says how far), the problems not started are
        ! skipped: their `problem_costs` NaN, u and v NaN, their `perm` not written; `out->cost`
        ! is then NaN (`out->gap` covers the problems solved).
        type(c_funptr) :: callback
        ! Passed to `callback` as is.
        type(c_ptr) :: callback_data
    end type

    ! Read-only strided view of a matrix of `double`.
    type, bind(c) :: otc_matrix_f64
        ! Address of element (0, 0).
        type(c_ptr) :: data
        ! Number of rows.
        integer(c_size_t) :: rows
        ! Number of columns.
        integer(c_size_t) :: cols
        ! Distance in elements between (i, j) and (i+1, j).
        integer(c_intptr_t) :: row_stride
        ! Distance in elements between (i, j) and (i, j+1).
        integer(c_intptr_t) :: col_stride
    end type

    ! A batch of `count` assignment problems of one size n: problem l is the n × n cost
    ! `costs[l]` (element (i, j): the cost of giving column j to row i; any finite values, any
    ! strides; row-major and column-major views are both read contiguously, never copied).
    type, bind(c) :: otc_assignment_problem_f64
        ! `sizeof(otc_assignment_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Number of problems k (≥ 1; 1 for a single problem).
        integer(c_size_t) :: count
        ! Array of k cost views, each n × n with the same n ≥ 1.
        type(c_ptr) :: costs
    end type

    ! What every ABI 1 call reports, the first field after `struct_size` of every outputs struct.
    ! Written with the other outputs, when the call returns `OTC_OK` or a warning.
    type, bind(c) :: otc_report
        ! The status the call returned (`OTC_OK` or a warning).
        integer(c_int32_t) :: status
        ! Which method ran, where an operation has several (its `OTC_<OP>_PATH_*` values; 0
        ! where it has one).
        integer(c_int32_t) :: path
        ! Iterations (or pivots, or rounds: as the operation documents) performed.
        integer(c_int64_t) :: iterations
        ! The operation's final error measure, as it documents (marginal error, duality gap,
        ! most negative reduced cost, ...); 0 where it computes none.
        real(c_double) :: error
        ! Wall-clock time of the call in seconds, checks included.
        real(c_double) :: seconds
    end type

    ! Results of `otc_assignment_f64`. `report.iterations`: shortest augmenting paths run (over
    ! all problems); `report.error`: `gap`; `report.path`: 0. The optional outputs (NULL: not
    ! wanted) hold problem after problem.
    type, bind(c) :: otc_assignment_outputs_f64
        ! `sizeof(otc_assignment_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), iterations (augmenting paths), error (= `gap`), seconds.
        type(otc_report) :: report
        ! Total cost `Σ_l Σ_i C_l[i, perm_l[i]]` over the k problems (summed in problem order).
        real(c_double) :: cost
        ! Most negative reduced cost `C_ij − u_i − v_j` over all arcs of all problems: the
        ! optimality certificate (0, or a few ulps below, when optimal).
        real(c_double) :: gap
        ! k·n: row i of problem l goes to column `perm[l*n + i]` (a permutation of 0..n−1).
        type(c_ptr) :: perm
        ! k·n row duals u.
        type(c_ptr) :: u
        ! k·n column duals v (`u_i + v_j ≤ C_ij`, with equality on the assignment).
        type(c_ptr) :: v
        ! k: each problem's cost.
        type(c_ptr) :: problem_costs
    end type

    ! Caller-provided scratch memory of a call, any alignment. `{NULL, 0}`: the library
    ! allocates what the call needs (and reports `OTC_ERR_OUT_OF_MEMORY` if it cannot).
    ! Its size comes from the operation's `*_workspace_size_*` query; it must not overlap any
    ! argument, and its contents are undefined after the call.
    type, bind(c) :: otc_workspace
        ! First byte of the workspace, or NULL.
        type(c_ptr) :: data
        ! Size of the workspace in bytes (0 when `data` is NULL).
        integer(c_size_t) :: bytes
    end type

    ! Options of `otc_barycenter_f64/_f32`; fill with `otc_barycenter_options_default`.
    type, bind(c) :: otc_barycenter_options
        ! `sizeof(otc_barycenter_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads sharing the rows of each log-sum-exp pass: 0 = `OTCORE_NUM_THREADS`
        ! or all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are
        ! identical for every value. Default 0.
        integer(c_int32_t) :: num_threads
        ! Iteration cap (≥ 1; default 1000).
        integer(c_int64_t) :: max_iter
        ! Entropic regularisation ε > 0, in units of the cost (default 1e-2).
        real(c_double) :: epsilon
        ! Stop when the marginal error `max_k Σ_i |u_k ⊙ K v_k − p|` (units of mass) is at
        ! most `tol` ≥ 0 (default 1e-9).
        real(c_double) :: tol
        ! Call `callback` at most once every `callback_every` iterations (0, the default: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback `(callback_data, iterations, marginal error) -> 0 to go on, nonzero
        ! to stop` (`OTC_WARN_CANCELLED`, the current iterate as the result); called on the
        ! calling thread whatever `num_threads`. NULL (the default): none.
        type(c_funptr) :: callback
        ! Passed to `callback` as is (default NULL).
        type(c_ptr) :: callback_data
    end type

    ! Options of `otc_convolutional_barycenter_f64/_f32`; fill with
    ! `otc_convolutional_barycenter_options_default`.
    type, bind(c) :: otc_convolutional_barycenter_options
        ! `sizeof(otc_convolutional_barycenter_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads sharing the rows of each log-convolution: 0 = `OTCORE_NUM_THREADS` or
        ! all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are identical
        ! for every value. Default 0.
        integer(c_int32_t) :: num_threads
        ! Iteration cap (≥ 1; default 1000).
        integer(c_int64_t) :: max_iter
        ! Entropic regularisation ε > 0, in units of the squared distance on the unit square
        ! (default 1e-2).
        real(c_double) :: epsilon
        ! Stop when the marginal error `max_k Σ_i |u_k ⊙ K v_k − p|` (units of mass) is at
        ! most `tol` ≥ 0 (default 1e-9).
        real(c_double) :: tol
        ! Call `callback` at most once every `callback_every` iterations (0, the default: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback `(callback_data, iterations, marginal error) -> 0 to go on, nonzero
        ! to stop` (`OTC_WARN_CANCELLED`, the current iterate as the result); called on the
        ! calling thread whatever `num_threads`. NULL (the default): none.
        type(c_funptr) :: callback
        ! Passed to `callback` as is (default NULL).
        type(c_ptr) :: callback_data
    end type

    ! A fixed-support barycenter problem in f64: k histograms on a common support of n points.
    type, bind(c) :: otc_barycenter_problem_f64
        ! `sizeof(otc_barycenter_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! n × k, column c = histogram c (non-negative, summing to 1 within 1e-6); any strides.
        type(otc_matrix_f64) :: hists
        ! n × n cost between the support points (finite); any strides.
        type(otc_matrix_f64) :: cost
        ! k non-negative weights, normalised inside; NULL = uniform.
        type(c_ptr) :: weights
    end type

    ! Read-only strided view of a matrix of `float`.
    type, bind(c) :: otc_matrix_f32
        ! Address of element (0, 0).
        type(c_ptr) :: data
        ! Number of rows.
        integer(c_size_t) :: rows
        ! Number of columns.
        integer(c_size_t) :: cols
        ! Distance in elements between (i, j) and (i+1, j).
        integer(c_intptr_t) :: row_stride
        ! Distance in elements between (i, j) and (i, j+1).
        integer(c_intptr_t) :: col_stride
    end type

    ! A fixed-support barycenter problem in f32, as `otc_barycenter_problem_f64`.
    type, bind(c) :: otc_barycenter_problem_f32
        ! `sizeof(otc_barycenter_problem_f32)`.
        integer(c_size_t) :: struct_size
        ! n × k, column c = histogram c (non-negative, summing to 1 within 1e-6); any strides.
        type(otc_matrix_f32) :: hists
        ! n × n cost between the support points (finite); any strides.
        type(otc_matrix_f32) :: cost
        ! k non-negative weights, normalised inside; NULL = uniform.
        type(c_ptr) :: weights
    end type

    ! Results of `otc_barycenter_f64`. `report.iterations`: Bregman-projection rounds;
    ! `report.error`: the final marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`.
    type, bind(c) :: otc_barycenter_outputs_f64
        ! `sizeof(otc_barycenter_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations, error (the marginal error), seconds; path 0.
        type(otc_report) :: report
        ! Required, n values: the barycenter p.
        type(c_ptr) :: barycenter
    end type

    ! Results of `otc_barycenter_f32`, as `otc_barycenter_outputs_f64`.
    type, bind(c) :: otc_barycenter_outputs_f32
        ! `sizeof(otc_barycenter_outputs_f32)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations, error (the marginal error), seconds; path 0.
        type(otc_report) :: report
        ! Required, n values: the barycenter p.
        type(c_ptr) :: barycenter
    end type

    ! A convolutional barycenter problem in f64: k images on an h × w grid of the unit square.
    type, bind(c) :: otc_convolutional_barycenter_problem_f64
        ! `sizeof(otc_convolutional_barycenter_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! (h·w) × k, column c = image c with pixel (r, col) at row `r·w + col` (non-negative,
        ! summing to 1 within 1e-6); any strides.
        type(otc_matrix_f64) :: images
        ! Grid rows h ≥ 1.
        integer(c_size_t) :: height
        ! Grid columns w ≥ 1 (h·w = the rows of `images`).
        integer(c_size_t) :: width
        ! k non-negative weights, normalised inside; NULL = uniform.
        type(c_ptr) :: weights
    end type

    ! A convolutional barycenter problem in f32, as `otc_convolutional_barycenter_problem_f64`.
    type, bind(c) :: otc_convolutional_barycenter_problem_f32
        ! `sizeof(otc_convolutional_barycenter_problem_f32)`.
        integer(c_size_t) :: struct_size
        ! (h·w) × k, column c = image c with pixel (r, col) at row `r·w + col` (non-negative,
        ! summing to 1 within 1e-6); any strides.
        type(otc_matrix_f32) :: images
        ! Grid rows h ≥ 1.
        integer(c_size_t) :: height
        ! Grid columns w ≥ 1 (h·w = the rows of `images`).
        integer(c_size_t) :: width
        ! k non-negative weights, normalised inside; NULL = uniform.
        type(c_ptr) :: weights
    end type

    ! Results of `otc_convolutional_barycenter_f64`. `report.iterations`: Bregman-projection
    ! rounds; `report.error`: the final marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`.
    type, bind(c) :: otc_convolutional_barycenter_outputs_f64
        ! `sizeof(otc_convolutional_barycenter_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations, error (the marginal error), seconds; path 0.
        type(otc_report) :: report
        ! Required, h·w values: the barycenter image, pixel (r, col) at `r·w + col`.
        type(c_ptr) :: barycenter
    end type

    ! Results of `otc_convolutional_barycenter_f32`, as
    ! `otc_convolutional_barycenter_outputs_f64`.
    type, bind(c) :: otc_convolutional_barycenter_outputs_f32
        ! `sizeof(otc_convolutional_barycenter_outputs_f32)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations, error (the marginal error), seconds; path 0.
        type(otc_report) :: report
        ! Required, h·w values: the barycenter image, pixel (r, col) at `r·w + col`.
        type(c_ptr) :: barycenter
    end type

    ! Options of `otc_free_support_barycenter_f64`; fill with
    ! `otc_free_support_barycenter_options_default`.
    type, bind(c) :: otc_free_support_barycenter_options
        ! `sizeof(otc_free_support_barycenter_options)`.
        integer(c_size_t) :: struct_size
        ! Workers sharing the k OT problems of an iteration (0: default; results identical for
        ! every count).
        integer(c_int32_t) :: num_threads
        ! Cap on outer iterations (default 100): `OTC_WARN_MAX_ITER` when reached unconverged.
        integer(c_int64_t) :: max_iter
        ! Stop when no support point moves more than this (Euclidean norm; default 1e-9).
        real(c_double) :: tol
        ! The inner OT solver: `OTC_FREE_SUPPORT_INNER_EXACT` (the network simplex, default) or
        ! `OTC_FREE_SUPPORT_INNER_SINKHORN` (log-domain Sinkhorn at `epsilon`, warm-started from
        ! the previous iteration, the projections streamed from the potentials).
        integer(c_int32_t) :: inner
        ! ε of the Sinkhorn inner solves, absolute, in squared-distance units (finite, > 0;
        ! default 1e-2). Ignored by the exact solver.
        real(c_double) :: epsilon
        ! Iteration cap of each Sinkhorn inner solve (≥ 1; default 1000); a solve that reaches
        ! it is used as it stands.
        integer(c_int64_t) :: inner_max_iter
        ! L1 marginal error at which a Sinkhorn inner solve stops (≥ 0; default 1e-9).
        real(c_double) :: inner_tolerance
        ! Outer iterations between callback calls (0: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback: (data, iterations, largest move of the iteration); nonzero stops.
        type(c_funptr) :: callback
        ! Passed to `callback`.
        type(c_ptr) :: callback_data
    end type

    ! The free-support Wasserstein barycenter `argmin_X Σ_i λ_i W2²((X, a), μ_i)` of k point
    ! clouds stored one after the other: measure i is the `sizes[i]` rows of `y` from row
    ! `sizes[0] + … + sizes[i − 1]` on, with their weights in `b`.
    type, bind(c) :: otc_free_support_barycenter_problem_f64
        ! `sizeof(otc_free_support_barycenter_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! The samples of all measures, one per row (N × d, N = Σ sizes), finite.
        type(otc_matrix_f64) :: y
        ! Their weights (N values, ≥ 0; each measure's sum equal to Σa within 1e-9, relative).
        type(c_ptr) :: b
        ! Samples per measure (k values, each ≥ 1).
        type(c_ptr) :: sizes
        ! Number of measures k ≥ 1.
        integer(c_size_t) :: k
        ! Barycentric weights λ (k values, ≥ 0, positive sum).
        type(c_ptr) :: lambda
        ! The initial support, one point per row (m × d), finite.
        type(otc_matrix_f64) :: x0
        ! The support's weights (m values, ≥ 0, positive sum), kept fixed.
        type(c_ptr) :: a
    end type

    ! Writable strided view of a matrix of `double` (an output: its elements must not overlap).
    type, bind(c) :: otc_matrix_mut_f64
        ! Address of element (0, 0).
        type(c_ptr) :: data
        ! Number of rows.
        integer(c_size_t) :: rows
        ! Number of columns.
        integer(c_size_t) :: cols
        ! Distance in elements between (i, j) and (i+1, j).
        integer(c_intptr_t) :: row_stride
        ! Distance in elements between (i, j) and (i, j+1).
        integer(c_intptr_t) :: col_stride
    end type

    ! Results of `otc_free_support_barycenter_f64`. `report.iterations`: outer iterations;
    ! `report.error`: the largest move of a support point in the last iteration.
    type, bind(c) :: otc_free_support_barycenter_outputs_f64
        ! `sizeof(otc_free_support_barycenter_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations, largest last move, seconds.
        type(otc_report) :: report
        ! `Σ_i λ_i W2²((X, a), μ_i) / Σλ` for the support before the last move (never increases
        ! along the iterations); with Sinkhorn inner solves, the same mean of the entropic plans'
        ! transport costs ⟨P_i, C_i⟩.
        real(c_double) :: objective
        ! Required: the barycenter's support (m × d, any strides; must not overlap `x0`).
        type(otc_matrix_mut_f64) :: x
    end type

    ! Options of `otc_cost_matrix_f64` / `_f32`; fill with `otc_cost_matrix_options_default`.
    type, bind(c) :: otc_cost_matrix_options
        ! `sizeof(otc_cost_matrix_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads sharing the rows of the matrix: 0 = `OTCORE_NUM_THREADS` or all cores,
        ! 1 = the calling thread only, k = k workers (≤ 256). Results are identical for every
        ! value. Default 0.
        integer(c_int32_t) :: num_threads
        ! One of the `OTC_METRIC_*` values. Default `OTC_METRIC_SQEUCLIDEAN`.
        integer(c_int32_t) :: metric
        ! Exponent of `OTC_METRIC_MINKOWSKI` (finite, ≥ 1); ignored by the other metrics.
        ! Default 2.
        real(c_double) :: p
    end type

    ! The two point clouds of `otc_cost_matrix_f64`: one point a row, any strides (row-major C
    ! passes `(d, 1)`, column-major Fortran/Julia/R `(1, n)`), finite coordinates.
    type, bind(c) :: otc_cost_matrix_problem_f64
        ! `sizeof(otc_cost_matrix_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! The n points x_i, n × d.
        type(otc_matrix_f64) :: x
        ! The m points y_j, m × d (the same d).
        type(otc_matrix_f64) :: y
    end type

    ! The two point clouds of `otc_cost_matrix_f32`, as `otc_cost_matrix_problem_f64`.
    type, bind(c) :: otc_cost_matrix_problem_f32
        ! `sizeof(otc_cost_matrix_problem_f32)`.
        integer(c_size_t) :: struct_size
        ! The n points x_i, n × d.
        type(otc_matrix_f32) :: x
        ! The m points y_j, m × d (the same d).
        type(otc_matrix_f32) :: y
    end type

    ! Results of `otc_cost_matrix_f64`. `report.iterations` and `report.error` are 0.
    type, bind(c) :: otc_cost_matrix_outputs_f64
        ! `sizeof(otc_cost_matrix_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status and seconds (iterations and error 0, path 0).
        type(otc_report) :: report
        ! Required: the n × m matrix `cost[i, j] = metric(x_i, y_j)`, any strides addressing
        ! each element once.
        type(otc_matrix_mut_f64) :: cost
    end type

    ! Writable strided view of a matrix of `float` (an output: its elements must not overlap).
    type, bind(c) :: otc_matrix_mut_f32
        ! Address of element (0, 0).
        type(c_ptr) :: data
        ! Number of rows.
        integer(c_size_t) :: rows
        ! Number of columns.
        integer(c_size_t) :: cols
        ! Distance in elements between (i, j) and (i+1, j).
        integer(c_intptr_t) :: row_stride
        ! Distance in elements between (i, j) and (i, j+1).
        integer(c_intptr_t) :: col_stride
    end type

    ! Results of `otc_cost_matrix_f32`, as `otc_cost_matrix_outputs_f64`.
    type, bind(c) :: otc_cost_matrix_outputs_f32
        ! `sizeof(otc_cost_matrix_outputs_f32)`.
        integer(c_size_t) :: struct_size
        ! Status and seconds (iterations and error 0, path 0).
        type(otc_report) :: report
        ! Required: the n × m matrix `cost[i, j] = metric(x_i, y_j)`, any strides addressing
        ! each element once.
        type(otc_matrix_mut_f32) :: cost
    end type

    ! Options of `otc_emd_grid_f64`; fill with `otc_emd_grid_options_default`.
    type, bind(c) :: otc_emd_grid_options
        ! `sizeof(otc_emd_grid_options)`.
        integer(c_size_t) :: struct_size
        ! Checked (≤ 256) and accepted for uniformity: the solver runs on the calling thread.
        integer(c_int32_t) :: num_threads
        ! Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
        ! b is rescaled to a's mass.
        real(c_double) :: mass_tolerance
        ! Capacity of the sparse arc set per pixel (row or column; default 16, raised to at
        ! least 4·axes + 3): larger means fewer rebuilds and more memory (16 bytes an arc).
        integer(c_size_t) :: arcs_per_node
        ! Call `callback` at most once per this many pivots, at the checks of all arcs (one or
        ! more per level); 0 (the default) = never.
        integer(c_int64_t) :: callback_every
        ! `callback(callback_data, pivots, violations)`, on the calling thread, at a check of all
        ! arcs; `violations` is the number of rows and columns whose best arc has a negative
        ! reduced cost (0 at the end of each level). Nonzero stops the solve: every remaining
        ! level ends once its plan is feasible, and the call returns `OTC_WARN_CANCELLED` with a
        ! feasible plan, its cost, duals and true certificate `gap`. NULL: none.
        type(c_funptr) :: callback
        ! Passed to `callback` unchanged.
        type(c_ptr) :: callback_data
    end type

    ! Two histograms on one regular grid of `ndim` axes (1, 2 or 3) with `shape[k]` pixels and
    ! spacing `spacing[k]` along axis k. The grid has
    ! n = `shape[0]·…·shape[ndim−1]` pixels, stored row-major (last axis fastest: pixel
    ! (x0, x1, x2) of a 3-D grid is entry `(x0·shape[1] + x1)·shape[2] + x2`). The cost between
    ! pixels x and y is `Σ_k (spacing[k]·(x_k − y_k))²`.
    type, bind(c) :: otc_emd_grid_problem_f64
        ! `sizeof(otc_emd_grid_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Number of axes, 1 to 3.
        integer(c_size_t) :: ndim
        ! Pixels along each axis (`ndim` entries, each ≥ 1; n < 2³¹ in all).
        type(c_ptr) :: shape
        ! Distance between neighbouring pixels along each axis (`ndim` entries, finite, > 0),
        ! or NULL for 1 on every axis.
        type(c_ptr) :: spacing
        ! Source histogram (n; finite, ≥ 0, zeros allowed).
        type(c_ptr) :: a
        ! Target histogram (n; finite, ≥ 0, the same total mass within `mass_tolerance`).
        type(c_ptr) :: b
    end type

    ! Results of `otc_emd_grid_f64`. `report.iterations`: network-simplex pivots, all levels;
    ! `report.error`: `gap`; `report.path`: 0. Optional outputs: NULL when not wanted.
    type, bind(c) :: otc_emd_grid_outputs_f64
        ! `sizeof(otc_emd_grid_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), iterations (pivots), error (= `gap`), seconds.
        type(otc_report) :: report
        ! Transport cost Σ C_ij P_ij of the returned plan (squared distance units × mass).
        real(c_double) :: cost
        ! The certificate: the most negative reduced cost C_ij − f_i − g_j over all n² arcs,
        ! computed by distance transforms without storing arcs (0, or a few ulps below, when
        ! optimal).
        real(c_double) :: gap
        ! Number of plan entries, written to the sparse plan when wanted (≤ 2n − 1).
        integer(c_size_t) :: plan_nnz
        ! Checks of all n² reduced costs made, all levels together.
        integer(c_int64_t) :: rounds
        ! Levels of the multiscale hierarchy (1 when the grid has at most 64 pixels).
        integer(c_size_t) :: levels
        ! Source duals (n), centred so that a·f = b·g: the gradient of the OT value with respect
        ! to a along mass-preserving changes (g for b).
        type(c_ptr) :: f
        ! Target duals (n).
        type(c_ptr) :: g
        ! Sparse plan: source pixel of each entry. `plan_rows`, `plan_cols` and `plan_mass`
        ! go together (all or none), each with room for 2n − 1 entries (the most a solution
        ! has); the first `plan_nnz` are written, in no particular order.
        type(c_ptr) :: plan_rows
        ! Sparse plan: target pixel of each entry.
        type(c_ptr) :: plan_cols
        ! Sparse plan: mass of each entry.
        type(c_ptr) :: plan_mass
    end type

    ! Options of `otc_emd_partial_f64`; fill with `otc_emd_partial_options_default`.
    type, bind(c) :: otc_emd_partial_options
        ! `sizeof(otc_emd_partial_options)`.
        integer(c_size_t) :: struct_size
        ! Checked (≤ 256) and accepted for uniformity: one problem runs on the calling thread.
        integer(c_int32_t) :: num_threads
        ! Pivot cap (initial pivots included; default 2^40). When reached, the plan found so
        ! far is returned with `OTC_WARN_MAX_ITER`.
        integer(c_int64_t) :: max_iter
        ! A target mass above min(Σa, Σb) by at most this relative amount is taken as
        ! min(Σa, Σb) (default 1e-9).
        real(c_double) :: mass_tolerance
        ! Call `callback` at most once per this many pivots (default 0: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback (default NULL), called on the calling thread after a pivot with the
        ! pivots made and the magnitude of the entering arc's reduced cost (it tends to 0 as the
        ! solve ends); nonzero stops the solve: `OTC_WARN_CANCELLED` with a feasible plan
        ! (P·1 ≤ a, Pᵀ·1 ≤ b), its cost and duals, as after `max_iter`.
        type(c_funptr) :: callback
        ! Passed to `callback` as is.
        type(c_ptr) :: callback_data
    end type

    ! Exact partial OT: move `mass` (0 ≤ mass ≤ min(Σa, Σb)) from `a` to `b` at least cost,
    ! `min ⟨C, P⟩` over P ≥ 0 with P·1 ≤ a, Pᵀ·1 ≤ b, Σ P = mass.
    type, bind(c) :: otc_emd_partial_problem_f64
        ! `sizeof(otc_emd_partial_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Source weights (n; finite, ≥ 0).
        type(c_ptr) :: a
        ! Number of sources n ≥ 1.
        integer(c_size_t) :: n
        ! Target weights (m; finite, ≥ 0).
        type(c_ptr) :: b
        ! Number of targets m ≥ 1.
        integer(c_size_t) :: m
        ! The n × m cost (finite, ≥ 0; any strides, read in place).
        type(otc_matrix_f64) :: cost
        ! Mass to transport (finite, ≥ 0, ≤ min(Σa, Σb) up to `mass_tolerance`).
        real(c_double) :: mass
    end type

    ! Results of `otc_emd_partial_f64`. `report.iterations`: pivots; `report.error`: `gap`;
    ! `report.path`: 0. Optional outputs: NULL (a view's `data` NULL) when not wanted.
    type, bind(c) :: otc_emd_partial_outputs_f64
        ! `sizeof(otc_emd_partial_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), iterations (pivots), error (= `gap`), seconds.
        type(otc_report) :: report
        ! Transport cost Σ C_ij P_ij of the returned plan.
        real(c_double) :: cost
        ! Transported mass Σ P_ij (the problem's `mass`, clamped to min(Σa, Σb)).
        real(c_double) :: transported_mass
        ! λ, the derivative of `cost` with respect to the transported mass; the duals satisfy
        ! f ≤ 0, g ≤ 0, f_i + g_j + λ ≤ C_ij and cost = a·f + b·g + mass·λ.
        real(c_double) :: mass_price
        ! Most negative reduced cost of the augmented problem's duals (0, or a few ulps below,
        ! when optimal).
        real(c_double) :: gap
        ! Number of sparse plan entries (≤ n + m − 1).
        integer(c_size_t) :: plan_nnz
        ! Row duals (n).
        type(c_ptr) :: f
        ! Column duals (m).
        type(c_ptr) :: g
        ! Sparse plan: row of each entry. `plan_rows`, `plan_cols`, `plan_mass` go together
        ! (all or none), each with room for n + m − 1 entries; `plan_nnz` are written.
        type(c_ptr) :: plan_rows
        ! Sparse plan: column of each entry.
        type(c_ptr) :: plan_cols
        ! Sparse plan: mass of each entry.
        type(c_ptr) :: plan_mass
        ! Dense plan, an n × m view (any strides, distinct elements); `data` NULL: not wanted.
        type(otc_matrix_mut_f64) :: plan
    end type

    ! Options of `otc_emd_unbalanced_tv_f64`; fill with `otc_emd_unbalanced_tv_options_default`.
    type, bind(c) :: otc_emd_unbalanced_tv_options
        ! `sizeof(otc_emd_unbalanced_tv_options)`.
        integer(c_size_t) :: struct_size
        ! Checked (≤ 256) and accepted for uniformity: one problem runs on the calling thread.
        integer(c_int32_t) :: num_threads
        ! Pivot cap (initial pivots included; default 2^40). When reached, the plan found so
        ! far is returned with `OTC_WARN_MAX_ITER`.
        integer(c_int64_t) :: max_iter
        ! Call `callback` at most once per this many pivots (default 0: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback (default NULL), called on the calling thread after a pivot with the
        ! pivots made and the magnitude of the entering arc's reduced cost (it tends to 0 as the
        ! solve ends); nonzero stops the solve: `OTC_WARN_CANCELLED` with a feasible plan
        ! (P·1 ≤ a, Pᵀ·1 ≤ b), its cost and duals, as after `max_iter`.
        type(c_funptr) :: callback
        ! Passed to `callback` as is.
        type(c_ptr) :: callback_data
    end type

    ! Exact TV-unbalanced OT: `min_{P ≥ 0} ⟨C, P⟩ + ρ(‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁)`. Mass moves
    ! from i to j only where C_ij < 2ρ; ρ > max C / 2 with Σa = Σb gives the balanced plan.
    type, bind(c) :: otc_emd_unbalanced_tv_problem_f64
        ! `sizeof(otc_emd_unbalanced_tv_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Source weights (n; finite, ≥ 0).
        type(c_ptr) :: a
        ! Number of sources n ≥ 1.
        integer(c_size_t) :: n
        ! Target weights (m; finite, ≥ 0).
        type(c_ptr) :: b
        ! Number of targets m ≥ 1.
        integer(c_size_t) :: m
        ! The n × m cost (finite, ≥ 0; any strides, read in place).
        type(otc_matrix_f64) :: cost
        ! The penalty ρ per unit of marginal violation (finite, ≥ 0, ρ·(n + m + 3) finite).
        real(c_double) :: rho
    end type

    ! Results of `otc_emd_unbalanced_tv_f64`. `report.iterations`: pivots; `report.error`:
    ! `gap`; `report.path`: 0. Optional outputs: NULL (a view's `data` NULL) when not wanted.
    type, bind(c) :: otc_emd_unbalanced_tv_outputs_f64
        ! `sizeof(otc_emd_unbalanced_tv_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), iterations (pivots), error (= `gap`), seconds.
        type(otc_report) :: report
        ! Transport cost Σ C_ij P_ij of the returned plan.
        real(c_double) :: cost
        ! The minimised objective cost + ρ(Σa + Σb − 2·transported_mass) (= a·f + b·g).
        real(c_double) :: objective
        ! Transported mass Σ P_ij.
        real(c_double) :: transported_mass
        ! Most negative reduced cost of the augmented problem's duals (0, or a few ulps below,
        ! when optimal).
        real(c_double) :: gap
        ! Number of sparse plan entries (≤ n + m − 1).
        integer(c_size_t) :: plan_nnz
        ! Row duals (n): f ≤ ρ, f_i + g_j ≤ C_ij; subgradients of the objective in a.
        type(c_ptr) :: f
        ! Column duals (m): g ≤ ρ; subgradients of the objective in b.
        type(c_ptr) :: g
        ! Sparse plan: row of each entry. `plan_rows`, `plan_cols`, `plan_mass` go together
        ! (all or none), each with room for n + m − 1 entries; `plan_nnz` are written.
        type(c_ptr) :: plan_rows
        ! Sparse plan: column of each entry.
        type(c_ptr) :: plan_cols
        ! Sparse plan: mass of each entry.
        type(c_ptr) :: plan_mass
        ! Dense plan, an n × m view (any strides, distinct elements); `data` NULL: not wanted.
        type(otc_matrix_mut_f64) :: plan
    end type

    ! Options of `otc_emd_points_f64`; fill with `otc_emd_points_options_default`.
    type, bind(c) :: otc_emd_points_options
        ! `sizeof(otc_emd_points_options)`.
        integer(c_size_t) :: struct_size
        ! Checked (0, or 1 to 256) but unused: the solve runs on the calling thread.
        integer(c_int32_t) :: num_threads
        ! The ground cost: `OTC_METRIC_SQEUCLIDEAN` (default), `OTC_METRIC_EUCLIDEAN` or
        ! `OTC_METRIC_MINKOWSKI` (`OTC_METRIC_COSINE` is refused).
        integer(c_int32_t) :: metric
        ! Exponent of `OTC_METRIC_MINKOWSKI` (finite, ≥ 1); ignored by the other metrics.
        ! Default 2.
        real(c_double) :: p
        ! Pivot cap, initial pivots included (default 2^40). When reached, the feasible plan
        ! found so far is returned with `OTC_WARN_MAX_ITER`. A cap below the default selects the
        ! dense network simplex (whose pivots it counts) over the multiscale solver.
        integer(c_int64_t) :: max_iter
        ! Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
        ! b is rescaled to a's mass.
        real(c_double) :: mass_tolerance
        ! Call `callback` at most once per this many pivots (default 0: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback (default NULL), called on the calling thread after a Block Search
        ! pivot with the pivots made and the magnitude of the entering arc's reduced cost (the
        ! multiscale solver: at a check of all arcs, with the pivots made and the number of rows
        ! and columns whose best arc has a negative reduced cost); nonzero stops the solve:
        ! `OTC_WARN_CANCELLED` with a feasible plan, its cost, duals and true `gap`.
        type(c_funptr) :: callback
        ! Passed to `callback` as is.
        type(c_ptr) :: callback_data
    end type

    ! Two weighted point clouds: `a` (n weights) on the rows of `x` (n × d) and `b` (m weights)
    ! on the rows of `y` (m × d). The cost `C_ij = metric(x_i, y_j)` is computed on the fly,
    ! never stored.
    type, bind(c) :: otc_emd_points_problem_f64
        ! `sizeof(otc_emd_points_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Source weights (n = rows of `x`; finite, ≥ 0, zeros allowed).
        type(c_ptr) :: a
        ! Target weights (m = rows of `y`; finite, ≥ 0; Σb = Σa within `mass_tolerance`).
        type(c_ptr) :: b
        ! Source points, one a row, n × d, any strides (row-major C passes `(d, 1)`,
        ! column-major Fortran/Julia/R `(1, n)`), finite coordinates.
        type(otc_matrix_f64) :: x
        ! Target points, m × d (the same d), any strides.
        type(otc_matrix_f64) :: y
    end type

    ! Results of `otc_emd_points_f64`. `report.iterations`: pivots made; `report.error`: `−gap`.
    ! Optional outputs: not wanted when their pointer is NULL.
    type, bind(c) :: otc_emd_points_outputs_f64
        ! `sizeof(otc_emd_points_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, pivots, error (= −gap), seconds.
        type(otc_report) :: report
        ! Transport cost Σ C_ij P_ij of the returned plan.
        real(c_double) :: cost
        ! The certificate: the most negative reduced cost `C_ij − f_i − g_j` of the returned
        ! duals over all n·m arcs, computed from the coordinates without storing them (0, or a
        ! few ulps below, when optimal; negative after `OTC_WARN_MAX_ITER`).
        real(c_double) :: gap
        ! Entries of the sparse plan written (≤ n + m − 1).
        integer(c_size_t) :: nnz
        ! Source duals (n), centred so that a·f = b·g.
        type(c_ptr) :: f
        ! Target duals (m).
        type(c_ptr) :: g
        ! Sparse plan: source point of each entry. `plan_rows`, `plan_cols` and `plan_mass` go
        ! together (all or none), each with room for n + m − 1 entries; the first `nnz` are
        ! written, in no particular order.
        type(c_ptr) :: plan_rows
        ! Sparse plan: target point of each entry.
        type(c_ptr) :: plan_cols
        ! Sparse plan: mass of each entry (> 0).
        type(c_ptr) :: plan_mass
    end type

    ! Options of `otc_emd_f64`; fill with `otc_emd_options_default`.
    type, bind(c) :: otc_emd_options
        ! `sizeof(otc_emd_options)`.
        integer(c_size_t) :: struct_size
        ! Checked (0, or 1 to 256) but unused: one problem is solved on the calling thread.
        integer(c_int32_t) :: num_threads
        ! Pivot cap, initial pivots included (default 2^40, never reached in practice). When
        ! reached, the feasible plan found so far is returned with `OTC_WARN_MAX_ITER`.
        integer(c_int64_t) :: max_iter
        ! Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
        ! b is rescaled to a's mass.
        real(c_double) :: mass_tolerance
        ! Call `callback` at most once per this many pivots (default 0: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback (default NULL), called on the calling thread after a Block Search
        ! pivot with the pivots made and the magnitude of the entering arc's reduced cost (the
        ! most negative of its pricing block: it tends to 0 as the solve ends); nonzero stops the
        ! solve: `OTC_WARN_CANCELLED` with a feasible plan, its cost, and duals as after
        ! `max_iter`.
        type(c_funptr) :: callback
        ! Passed to `callback` as is.
        type(c_ptr) :: callback_data
    end type

    ! The transport problem `min Σ C_ij P_ij` s.t. `P·1 = a`, `Pᵀ·1 = b`, `P ≥ 0` of
    ! `otc_emd_f64`.
    type, bind(c) :: otc_emd_problem_f64
        ! `sizeof(otc_emd_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Row weights (n values, finite, ≥ 0).
        type(c_ptr) :: a
        ! Number of rows n ≥ 1.
        integer(c_size_t) :: n
        ! Column weights (m values, finite, ≥ 0; Σb = Σa within `mass_tolerance`).
        type(c_ptr) :: b
        ! Number of columns m ≥ 1.
        integer(c_size_t) :: m
        ! The n × m cost (finite, ≥ 0; any strides, row-major and column-major both read
        ! contiguously; never copied).
        type(otc_matrix_f64) :: cost
        ! Optional warm start (NULL: cold start): row potentials (n) of a related problem, given
        ! together with `warm_g`.
        type(c_ptr) :: warm_f
        ! Optional warm start: column potentials (m), given together with `warm_f`.
        type(c_ptr) :: warm_g
    end type

    ! Results of `otc_emd_f64`. `report.iterations`: pivots made; `report.error`: `−gap` (the
    ! magnitude of the most negative reduced cost; 0 when optimal). Optional outputs: not wanted
    ! when their pointer (or `plan.data`) is NULL.
    type, bind(c) :: otc_emd_outputs_f64
        ! `sizeof(otc_emd_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, pivots, error (= −gap), seconds.
        type(otc_report) :: report
        ! Transport cost Σ C_ij P_ij of the returned plan.
        real(c_double) :: cost
        ! Most negative reduced cost `C_ij − f_i − g_j` of the returned duals over all arcs: 0
        ! (or a few ulps below) when optimal; negative after `OTC_WARN_MAX_ITER`.
        real(c_double) :: gap
        ! Entries of the sparse plan written (≤ n + m − 1).
        integer(c_size_t) :: nnz
        ! Row duals (n), centred so that a·f = b·g: the gradient of the OT value (`cost`) with
        ! respect to the weights a, along changes that keep Σa = Σb (Σ δa_i f_i, with δb and g
        ! for b); `otc_plan_position_gradient_f64` gives the gradient in the positions.
        type(c_ptr) :: f
        ! Column duals (m), centred with f: the gradient of the OT value with respect to b.
        type(c_ptr) :: g
        ! Sparse plan row indices (room for n + m − 1; with `plan_cols` and `plan_mass`, all
        ! three or none): entry k is `plan_mass[k]` at `(plan_rows[k], plan_cols[k])`, `nnz`
        ! entries in no particular order.
        type(c_ptr) :: plan_rows
        ! Sparse plan column indices (room for n + m − 1).
        type(c_ptr) :: plan_cols
        ! Sparse plan masses (room for n + m − 1; each > 0).
        type(c_ptr) :: plan_mass
        ! Dense plan, an n × m view (any strides with distinct elements).
        type(otc_matrix_mut_f64) :: plan
    end type

    ! Options of `otc_emd_batch_f64`; fill with `otc_emd_batch_options_default`.
    type, bind(c) :: otc_emd_batch_options
        ! `sizeof(otc_emd_batch_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads sharing the problems (one problem runs on one thread): 0 =
        ! `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers (≤ 256).
        ! Results are identical for every value.
        integer(c_int32_t) :: num_threads
        ! Pivot cap of each problem, initial pivots included (default 2^40).
        integer(c_int64_t) :: max_iter
        ! Largest accepted relative mass gap of each problem (default 1e-9).
        real(c_double) :: mass_tolerance
        ! Call `callback` at most once per this many finished problems (default 0: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback (default NULL), called on the calling thread as problems finish,
        ! with the number of problems finished so far (over all workers) and the error NaN.
        ! Nonzero stops the batch: `OTC_WARN_CANCELLED`; the problems running end at their next
        ! pivot with a feasible plan (as after `max_iter`), the problems not started are
        ! skipped: their `problem_costs` and `problem_gaps` are NaN, `problem_iterations` and
        ! `plan_nnz` 0, their f and g NaN, their plan entries not written; `out->cost` is then
        ! NaN (`out->gap` covers the problems solved).
        type(c_funptr) :: callback
        ! Passed to `callback` as is.
        type(c_ptr) :: callback_data
    end type

    ! `count` independent transport problems of one shape n × m: problem l has weights
    ! `a[l*n .. (l+1)*n]`, `b[l*m .. (l+1)*m]` and cost `costs[l]`.
    type, bind(c) :: otc_emd_batch_problem_f64
        ! `sizeof(otc_emd_batch_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Number of problems k ≥ 1.
        integer(c_size_t) :: count
        ! Rows n ≥ 1 of every problem.
        integer(c_size_t) :: n
        ! Columns m ≥ 1 of every problem.
        integer(c_size_t) :: m
        ! Row weights, problem after problem (k·n values).
        type(c_ptr) :: a
        ! Column weights, problem after problem (k·m values).
        type(c_ptr) :: b
        ! Array of k cost views, each n × m (any strides).
        type(c_ptr) :: costs
    end type

    ! Results of `otc_emd_batch_f64`. `report.iterations`: pivots over all problems;
    ! `report.error`: `−gap`. Optional outputs (NULL: not wanted) hold problem after problem.
    type, bind(c) :: otc_emd_batch_outputs_f64
        ! `sizeof(otc_emd_batch_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, pivots (all problems), error (= −gap), seconds.
        type(otc_report) :: report
        ! Transport costs summed over the k problems (in problem order).
        real(c_double) :: cost
        ! Most negative reduced cost over all arcs of all problems (0 when all are optimal).
        real(c_double) :: gap
        ! Number of problems stopped by `max_iter` (their plans are feasible).
        integer(c_size_t) :: capped
        ! k: each problem's transport cost.
        type(c_ptr) :: problem_costs
        ! k: each problem's most negative reduced cost.
        type(c_ptr) :: problem_gaps
        ! k: each problem's pivots.
        type(c_ptr) :: problem_iterations
        ! k: each problem's number of sparse plan entries.
        type(c_ptr) :: plan_nnz
        ! k·n row duals (each problem's centred so that a·f = b·g).
        type(c_ptr) :: f
        ! k·m column duals.
        type(c_ptr) :: g
        ! k·(n+m−1) sparse plan row indices (with `plan_cols`, `plan_mass`: all three or
        ! none): problem l's entries start at l·(n+m−1), `plan_nnz[l]` of them are written.
        type(c_ptr) :: plan_rows
        ! k·(n+m−1) sparse plan column indices.
        type(c_ptr) :: plan_cols
        ! k·(n+m−1) sparse plan masses.
        type(c_ptr) :: plan_mass
    end type

    ! Options of `otc_wasserstein_1d_f64`; fill with `otc_wasserstein_1d_options_default`.
    type, bind(c) :: otc_wasserstein_1d_options
        ! `sizeof(otc_wasserstein_1d_options)`.
        integer(c_size_t) :: struct_size
        ! Checked (0, or 1 to 256) but unused: the merge runs on the calling thread.
        integer(c_int32_t) :: num_threads
        ! Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
        ! b is rescaled to a's mass.
        real(c_double) :: mass_tolerance
    end type

    ! Exact OT on the line between samples `x` (weights `a`) and `y` (weights `b`) for the cost
    ! |x − y|^p.
    type, bind(c) :: otc_wasserstein_1d_problem_f64
        ! `sizeof(otc_wasserstein_1d_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Samples of the first measure (n finite values, any order; never reordered).
        type(c_ptr) :: x
        ! Their weights (n values, finite, ≥ 0).
        type(c_ptr) :: a
        ! Number of samples n ≥ 1.
        integer(c_size_t) :: n
        ! Samples of the second measure (m finite values, any order).
        type(c_ptr) :: y
        ! Their weights (m values; Σb = Σa within `mass_tolerance`).
        type(c_ptr) :: b
        ! Number of samples m ≥ 1.
        integer(c_size_t) :: m
        ! Exponent of the cost |x − y|^p, finite and ≥ 1.
        real(c_double) :: p
    end type

    ! Results of `otc_wasserstein_1d_f64`. `report.iterations` and `report.error`: 0 (a direct
    ! method). The plan arrays are optional (all three NULL: not wanted).
    type, bind(c) :: otc_wasserstein_1d_outputs_f64
        ! `sizeof(otc_wasserstein_1d_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, seconds.
        type(otc_report) :: report
        ! The optimal transport cost Σ P_ij |x_i − y_j|^p: W_p^p when the weights sum to 1 (the
        ! p-th power of the Wasserstein distance, not the distance).
        real(c_double) :: wp_p
        ! Entries of the monotone plan written (≤ n + m − 1).
        integer(c_size_t) :: nnz
        ! Plan row indices (room for n + m − 1; with `plan_cols` and `plan_mass`, all three or
        ! none): entry k is `plan_mass[k]` at `(plan_rows[k], plan_cols[k])`, `nnz` entries
        ! along the monotone (sorted) order.
        type(c_ptr) :: plan_rows
        ! Plan column indices (room for n + m − 1).
        type(c_ptr) :: plan_cols
        ! Plan masses (room for n + m − 1; each > 0).
        type(c_ptr) :: plan_mass
    end type

    ! Options of `otc_sliced_wasserstein_f64`; fill with
    ! `otc_sliced_wasserstein_options_default`.
    type, bind(c) :: otc_sliced_wasserstein_options
        ! `sizeof(otc_sliced_wasserstein_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads splitting the directions: 0 = `OTCORE_NUM_THREADS` or all cores, 1 =
        ! the calling thread only, k = k workers (≤ 256). The result is identical for every
        ! value.
        integer(c_int32_t) :: num_threads
        ! Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9).
        real(c_double) :: mass_tolerance
        ! Number of random directions k ≥ 1 (default 50) when `problem->directions.data` is
        ! NULL; ignored when directions are given.
        integer(c_size_t) :: num_directions
        ! Seed of the random directions (default 0): direction l depends on the seed and l only.
        integer(c_int64_t) :: seed
    end type

    ! Sliced Wasserstein between the weighted point clouds `x` (weights `a`) and `y` (weights
    ! `b`) in R^d for the cost |x − y|^p along each direction.
    type, bind(c) :: otc_sliced_wasserstein_problem_f64
        ! `sizeof(otc_sliced_wasserstein_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! n × d points, one per row (finite; any strides).
        type(otc_matrix_f64) :: x
        ! Their weights (n values, finite, ≥ 0).
        type(c_ptr) :: a
        ! m × d points, one per row (finite; any strides).
        type(otc_matrix_f64) :: y
        ! Their weights (m values; Σb = Σa within `mass_tolerance`).
        type(c_ptr) :: b
        ! Exponent of the cost, finite and ≥ 1.
        real(c_double) :: p
        ! Optional k × d directions (one per row, finite, used as given: pass unit vectors for
        ! the usual definition); `data == NULL`: `opts->num_directions` random unit directions.
        type(otc_matrix_f64) :: directions
    end type

    ! Results of `otc_sliced_wasserstein_f64`. `report.iterations`: directions projected;
    ! `report.error`: 0.
    type, bind(c) :: otc_sliced_wasserstein_outputs_f64
        ! `sizeof(otc_sliced_wasserstein_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, directions, seconds.
        type(otc_report) :: report
        ! SW_p^p: the mean over the directions θ of the exact 1-D transport cost between the
        ! projections ⟨x_i, θ⟩ and ⟨y_j, θ⟩ (the p-th power of the sliced distance when the
        ! weights sum to 1; with random directions, a Monte Carlo estimate of it).
        real(c_double) :: swp_p
    end type

    ! Options of `otc_wasserstein_flow_step_f64`; fill with
    ! `otc_wasserstein_flow_step_options_default`.
    type, bind(c) :: otc_wasserstein_flow_step_options
        ! `sizeof(otc_wasserstein_flow_step_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads of the Sinkhorn passes: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the
        ! calling thread only, k = k workers (≤ 256). Results are identical for every value.
        integer(c_int32_t) :: num_threads
        ! Time step τ > 0: a particle moves by −τ·∇_{x_i}S_ε/a_i (default 0.1).
        real(c_double) :: step
        ! Entropic regularisation ε > 0 of the divergence, in units of the squared distance
        ! (default 0.01).
        real(c_double) :: epsilon
        ! Stop each of the three Sinkhorn solves when its L1 marginal error is at most this
        ! (default 1e-9).
        real(c_double) :: tolerance
        ! Iteration cap of each solve (default 1000).
        integer(c_int64_t) :: max_iter
        ! Check the marginal error every this many iterations (≥ 1, default 10).
        integer(c_int64_t) :: check_every
        ! Call `callback` at most once every this many iterations of a solve (0, the default:
        ! never).
        integer(c_int64_t) :: callback_every
        ! Progress callback `(callback_data, iterations of the current solve, its L1 marginal
        ! error)` on the calling thread; nonzero stops the solve (`OTC_WARN_CANCELLED`, outputs
        ! from the potentials reached). NULL = none.
        type(c_funptr) :: callback
        ! Passed to `callback` as its first argument.
        type(c_ptr) :: callback_data
    end type

    ! One step of the Wasserstein flow of the particles (x, a) toward the target (y, b).
    type, bind(c) :: otc_wasserstein_flow_step_problem_f64
        ! `sizeof(otc_wasserstein_flow_step_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! The particles, one per row (n × d), finite.
        type(otc_matrix_f64) :: x
        ! Their weights (n values, each > 0).
        type(c_ptr) :: a
        ! The target cloud, one point per row (m × d), finite.
        type(otc_matrix_f64) :: y
        ! Its weights (m values, ≥ 0, Σb = Σa within 1e-6 relative).
        type(c_ptr) :: b
        ! Warm start: the `potentials` output of the previous step (3(n + m) values, layout in
        ! `otc_wasserstein_flow_step_outputs_f64`), or NULL for a cold start.
        type(c_ptr) :: init_potentials
    end type

    ! Results of `otc_wasserstein_flow_step_f64`. `report.iterations`: the iterations of the
    ! three solves together; `report.error`: the largest of their final L1 marginal errors.
    type, bind(c) :: otc_wasserstein_flow_step_outputs_f64
        ! `sizeof(otc_wasserstein_flow_step_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations, error, seconds; path 0.
        type(otc_report) :: report
        ! S_ε(α_x, β) at the particles before the step.
        real(c_double) :: divergence
        ! Required: the particles after the step (n × d, any strides; must not overlap an
        ! input).
        type(otc_matrix_mut_f64) :: x
        ! The solves' potentials (3(n + m) values: f, g of OT_ε(α, β) (n, m), of OT_ε(α, α)
        ! (n, n), of OT_ε(β, β) (m, m)), to pass as the next step's `init_potentials`; NULL =
        ! not wanted.
        type(c_ptr) :: potentials
    end type

    ! Options of `otc_mmd_flow_step_f64`; fill with `otc_mmd_flow_step_options_default`.
    type, bind(c) :: otc_mmd_flow_step_options
        ! `sizeof(otc_mmd_flow_step_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads sharing the particles (blocks of rows): 0 = `OTCORE_NUM_THREADS` or
        ! all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are identical
        ! for every value.
        integer(c_int32_t) :: num_threads
        ! `OTC_MMD_KERNEL_ENERGY` (default) or `OTC_MMD_KERNEL_GAUSSIAN`.
        integer(c_int32_t) :: kernel
        ! Time step τ > 0 (default 0.1).
        real(c_double) :: step
        ! Bandwidth σ > 0 of the Gaussian kernel, length units (default 1; unused by the
        ! energy kernel).
        real(c_double) :: sigma
    end type

    ! One step of the MMD flow of the particles (x, a) toward the target (y, b).
    type, bind(c) :: otc_mmd_flow_step_problem_f64
        ! `sizeof(otc_mmd_flow_step_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! The particles, one per row (n × d), finite.
        type(otc_matrix_f64) :: x
        ! Their weights (n values, each > 0).
        type(c_ptr) :: a
        ! The target cloud, one point per row (m × d), finite.
        type(otc_matrix_f64) :: y
        ! Its weights (m values, ≥ 0; any total mass).
        type(c_ptr) :: b
        ! The target's term Σ_jl b_j b_l k(y_j, y_l) when known (a previous step's
        ! `out->target_term`, 1 value), or NULL: computed (O(m²·d)).
        type(c_ptr) :: target_term
    end type

    ! Results of `otc_mmd_flow_step_f64` (report: iterations 0, error 0, path 0).
    type, bind(c) :: otc_mmd_flow_step_outputs_f64
        ! `sizeof(otc_mmd_flow_step_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, seconds.
        type(otc_report) :: report
        ! MMD²_k(α_x, β) at the particles before the step.
        real(c_double) :: mmd_squared
        ! The target's term Σ_jl b_j b_l k(y_j, y_l) (given or computed): pass it as the next
        ! step's `problem->target_term`.
        real(c_double) :: target_term
        ! Required: the particles after the step (n × d, any strides; must not overlap an
        ! input).
        type(otc_matrix_mut_f64) :: x
    end type

    ! Options of `otc_jko_step_f64`; fill with `otc_jko_step_options_default`.
    type, bind(c) :: otc_jko_step_options
        ! `sizeof(otc_jko_step_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads sharing the rows of each log-convolution: 0 = `OTCORE_NUM_THREADS` or
        ! all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are identical
        ! for every value.
        integer(c_int32_t) :: num_threads
        ! Iteration cap (≥ 1; default 1000).
        integer(c_int64_t) :: max_iter
        ! Entropic regularisation ε > 0, in units of the cost ½|x − y|² on the unit square
        ! (default 1e-3).
        real(c_double) :: epsilon
        ! Time step τ > 0 (default 1e-3).
        real(c_double) :: step
        ! Stop when the last update changed the density by at most `tol` in L1 (units of mass;
        ! default 1e-9).
        real(c_double) :: tol
        ! Call `callback` at most once every `callback_every` iterations (0, the default: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback `(callback_data, iterations, error)` on the calling thread; nonzero
        ! stops the iterations (`OTC_WARN_CANCELLED`, the density reached, of the right mass).
        ! NULL (the default): none.
        type(c_funptr) :: callback
        ! Passed to `callback` as is (default NULL).
        type(c_ptr) :: callback_data
    end type

    ! One entropic JKO step of a density on an h × w grid of the unit square.
    type, bind(c) :: otc_jko_step_problem_f64
        ! `sizeof(otc_jko_step_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! The density ρ_k (h·w masses, pixel (r, c) at `r·w + c`, ≥ 0, positive sum).
        type(c_ptr) :: rho
        ! Grid rows h ≥ 1 (pixel row r at r/(h − 1)).
        integer(c_size_t) :: height
        ! Grid columns w ≥ 1.
        integer(c_size_t) :: width
        ! The potential V (h·w finite values, the same layout), or NULL: V = 0 (the heat flow).
        type(c_ptr) :: potential
        ! Warm start: the `dual` output of the previous step (h·w finite values, the same
        ! layout), or NULL for a cold start (u = 0).
        type(c_ptr) :: init_dual
    end type

    ! Results of `otc_jko_step_f64`. `report.iterations`: scaling iterations;
    ! `report.error`: the L1 change of the density at the last one.
    type, bind(c) :: otc_jko_step_outputs_f64
        ! `sizeof(otc_jko_step_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations, error, seconds; path 0.
        type(otc_report) :: report
        ! Required: ρ_{k+1} (h·w values, the layout of `problem->rho`; must not overlap an
        ! input).
        type(c_ptr) :: rho_next
        ! The final dual u (h·w values, the layout of `problem->rho`: the log of the plan's row
        ! scaling, dimensionless; εu is the potential in cost units), to pass as the next step's
        ! `problem->init_dual`; NULL = not wanted. Must not overlap an input or `rho_next`.
        type(c_ptr) :: dual
    end type

    ! Options of `otc_bures_f64`; fill with `otc_bures_options_default`.
    type, bind(c) :: otc_bures_options
        ! `sizeof(otc_bures_options)`.
        integer(c_size_t) :: struct_size
        ! 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
        ! (≤ 256). One pair runs on one thread: the result is the same for every value.
        integer(c_int32_t) :: num_threads
        ! Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
        real(c_double) :: symmetry_tol
        ! Largest accepted negative eigenvalue relative to the largest |eigenvalue|
        ! (default 1e-9); eigenvalues in [−psd_tol·max|λ|, 0) are rounding, clamped to 0.
        real(c_double) :: psd_tol
    end type

    ! Two covariances Σ₁, Σ₂ (d×d, symmetric PSD, any strides; singular ones are fine).
    type, bind(c) :: otc_bures_problem_f64
        ! `sizeof(otc_bures_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Σ₁, d×d.
        type(otc_matrix_f64) :: sigma1
        ! Σ₂, d×d.
        type(otc_matrix_f64) :: sigma2
    end type

    ! Results of `otc_bures_f64`. `report.iterations` and `report.error` are 0 (a direct method).
    type, bind(c) :: otc_bures_outputs_f64
        ! `sizeof(otc_bures_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), seconds.
        type(otc_report) :: report
        ! B²(Σ₁, Σ₂) = tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½ (squared units of the data).
        real(c_double) :: bures_squared
    end type

    ! Options of `otc_gaussian_w2_f64`; fill with `otc_gaussian_w2_options_default`.
    type, bind(c) :: otc_gaussian_w2_options
        ! `sizeof(otc_gaussian_w2_options)`.
        integer(c_size_t) :: struct_size
        ! 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
        ! (≤ 256); the result is the same for every value.
        integer(c_int32_t) :: num_threads
        ! Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
        real(c_double) :: symmetry_tol
        ! Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
        real(c_double) :: psd_tol
    end type

    ! Two Gaussians N(m1, Σ₁), N(m2, Σ₂) on ℝᵈ.
    type, bind(c) :: otc_gaussian_w2_problem_f64
        ! `sizeof(otc_gaussian_w2_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! m1, d doubles.
        type(c_ptr) :: m1
        ! Σ₁, d×d symmetric PSD.
        type(otc_matrix_f64) :: sigma1
        ! m2, d doubles.
        type(c_ptr) :: m2
        ! Σ₂, d×d symmetric PSD.
        type(otc_matrix_f64) :: sigma2
    end type

    ! Results of `otc_gaussian_w2_f64`. `report.iterations` and `report.error` are 0.
    type, bind(c) :: otc_gaussian_w2_outputs_f64
        ! `sizeof(otc_gaussian_w2_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), seconds.
        type(otc_report) :: report
        ! W₂² = ‖m1 − m2‖² + B²(Σ₁, Σ₂) (squared units of the data).
        real(c_double) :: w2_squared
    end type

    ! Options of `otc_gaussian_entropic_w2_f64`; fill with
    ! `otc_gaussian_entropic_w2_options_default`.
    type, bind(c) :: otc_gaussian_entropic_w2_options
        ! `sizeof(otc_gaussian_entropic_w2_options)`.
        integer(c_size_t) :: struct_size
        ! 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
        ! (≤ 256); the result is the same for every value.
        integer(c_int32_t) :: num_threads
        ! Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
        real(c_double) :: symmetry_tol
        ! Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
        real(c_double) :: psd_tol
    end type

    ! Two Gaussians N(m1, Σ₁), N(m2, Σ₂) on ℝᵈ and the regularisation ε.
    type, bind(c) :: otc_gaussian_entropic_w2_problem_f64
        ! `sizeof(otc_gaussian_entropic_w2_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! m1, d doubles.
        type(c_ptr) :: m1
        ! Σ₁, d×d symmetric PSD.
        type(otc_matrix_f64) :: sigma1
        ! m2, d doubles.
        type(c_ptr) :: m2
        ! Σ₂, d×d symmetric PSD.
        type(otc_matrix_f64) :: sigma2
        ! ε = 2σ² > 0, in squared units of the data (the weight of KL(π‖α⊗β)).
        real(c_double) :: epsilon
    end type

    ! Results of `otc_gaussian_entropic_w2_f64`. `report.iterations` and `report.error` are 0.
    type, bind(c) :: otc_gaussian_entropic_w2_outputs_f64
        ! `sizeof(otc_gaussian_entropic_w2_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), seconds.
        type(otc_report) :: report
        ! OT_ε = min_π E‖x − y‖² + ε·KL(π‖α⊗β) (tends to W₂² as ε → 0; may be negative).
        real(c_double) :: cost
    end type

    ! Options of `otc_gaussian_w2_pairwise_f64`; fill with
    ! `otc_gaussian_w2_pairwise_options_default`.
    type, bind(c) :: otc_gaussian_w2_pairwise_options
        ! `sizeof(otc_gaussian_w2_pairwise_options)`.
        integer(c_size_t) :: struct_size
        ! Workers sharing the factorisations and pairs, in fixed runs: 0 = `OTCORE_NUM_THREADS`
        ! or all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are
        ! identical for every value; the workspace grows with it.
        integer(c_int32_t) :: num_threads
        ! Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
        real(c_double) :: symmetry_tol
        ! Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
        real(c_double) :: psd_tol
    end type

    ! Two batches of Gaussians: k₁ with means the rows of `means1` (k₁×d) and covariances
    ! `covs1[0..k₁]` (d×d each), and k₂ likewise.
    type, bind(c) :: otc_gaussian_w2_pairwise_problem_f64
        ! `sizeof(otc_gaussian_w2_pairwise_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! k₁×d, one mean per row.
        type(otc_matrix_f64) :: means1
        ! k₁ views, d×d each.
        type(c_ptr) :: covs1
        ! k₂×d, one mean per row.
        type(otc_matrix_f64) :: means2
        ! k₂ views, d×d each.
        type(c_ptr) :: covs2
    end type

    ! Results of `otc_gaussian_w2_pairwise_f64`. `report.iterations` and `report.error` are 0.
    type, bind(c) :: otc_gaussian_w2_pairwise_outputs_f64
        ! `sizeof(otc_gaussian_w2_pairwise_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), seconds.
        type(otc_report) :: report
        ! Required, k₁×k₂, any strides: element (i, j) = W₂²(N(means1ᵢ, covs1ᵢ), N(means2ⱼ, covs2ⱼ)).
        type(otc_matrix_mut_f64) :: w2_squared
    end type

    ! Options of `otc_gaussian_map_f64`; fill with `otc_gaussian_map_options_default`.
    type, bind(c) :: otc_gaussian_map_options
        ! `sizeof(otc_gaussian_map_options)`.
        integer(c_size_t) :: struct_size
        ! 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
        ! (≤ 256); the result is the same for every value.
        integer(c_int32_t) :: num_threads
        ! Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
        real(c_double) :: symmetry_tol
        ! Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
        real(c_double) :: psd_tol
        ! Eigenvalues of Σ₁ ≤ rank_tol·λmax count as 0 when inverting (pseudo-inverse);
        ! 0 = d·ε (default).
        real(c_double) :: rank_tol
    end type

    ! Two Gaussians N(m1, Σ₁), N(m2, Σ₂); the means are optional (NULL = the zero vector).
    type, bind(c) :: otc_gaussian_map_problem_f64
        ! `sizeof(otc_gaussian_map_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! m1, d doubles, or NULL (0).
        type(c_ptr) :: m1
        ! Σ₁, d×d symmetric PSD.
        type(otc_matrix_f64) :: sigma1
        ! m2, d doubles, or NULL (0).
        type(c_ptr) :: m2
        ! Σ₂, d×d symmetric PSD.
        type(otc_matrix_f64) :: sigma2
    end type

    ! Results of `otc_gaussian_map_f64`: T(x) = a·x + b. `report.iterations`, `report.error` 0.
    type, bind(c) :: otc_gaussian_map_outputs_f64
        ! `sizeof(otc_gaussian_map_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status (`OTC_WARN_SINGULAR` when Σ₁ is rank-deficient), path (0), seconds.
        type(otc_report) :: report
        ! Numerical rank of Σ₁ at `rank_tol` (d when not singular).
        integer(c_size_t) :: rank
        ! Required, d×d, any strides: A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½, symmetric PSD.
        type(otc_matrix_mut_f64) :: a
        ! Optional (NULL: not wanted), d doubles: b = m2 − A m1.
        type(c_ptr) :: b
    end type

    ! Options of `otc_gaussian_map_apply_f64`; fill with `otc_gaussian_map_apply_options_default`.
    type, bind(c) :: otc_gaussian_map_apply_options
        ! `sizeof(otc_gaussian_map_apply_options)`.
        integer(c_size_t) :: struct_size
        ! Threads of the matrix product: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the
        ! calling thread only, k = k workers (≤ 256).
        integer(c_int32_t) :: num_threads
    end type

    ! An affine map x ↦ A x + b and n points.
    type, bind(c) :: otc_gaussian_map_apply_problem_f64
        ! `sizeof(otc_gaussian_map_apply_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! A, d×d (any matrix).
        type(otc_matrix_f64) :: a
        ! b, d doubles, or NULL (0).
        type(c_ptr) :: b
        ! n×d, one point per row.
        type(otc_matrix_f64) :: x
    end type

    ! Results of `otc_gaussian_map_apply_f64`. `report.iterations` and `report.error` are 0.
    type, bind(c) :: otc_gaussian_map_apply_outputs_f64
        ! `sizeof(otc_gaussian_map_apply_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), seconds.
        type(otc_report) :: report
        ! Required, n×d, any strides: row i = A xᵢ + b.
        type(otc_matrix_mut_f64) :: y
    end type

    ! Options of `otc_gaussian_geodesic_f64`; fill with `otc_gaussian_geodesic_options_default`.
    type, bind(c) :: otc_gaussian_geodesic_options
        ! `sizeof(otc_gaussian_geodesic_options)`.
        integer(c_size_t) :: struct_size
        ! 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
        ! (≤ 256); the result is the same for every value.
        integer(c_int32_t) :: num_threads
        ! Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
        real(c_double) :: symmetry_tol
        ! Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
        real(c_double) :: psd_tol
        ! Eigenvalues of Σ₁ ≤ rank_tol·λmax count as 0 when inverting; 0 = d·ε (default).
        real(c_double) :: rank_tol
    end type

    ! Two Gaussians N(m1, Σ₁), N(m2, Σ₂) and the time t of the geodesic.
    type, bind(c) :: otc_gaussian_geodesic_problem_f64
        ! `sizeof(otc_gaussian_geodesic_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! m1, d doubles.
        type(c_ptr) :: m1
        ! Σ₁, d×d symmetric PSD.
        type(otc_matrix_f64) :: sigma1
        ! m2, d doubles.
        type(c_ptr) :: m2
        ! Σ₂, d×d symmetric PSD.
        type(otc_matrix_f64) :: sigma2
        ! t ∈ [0, 1] (0: the first Gaussian).
        real(c_double) :: t
    end type

    ! Results of `otc_gaussian_geodesic_f64`. `report.iterations` and `report.error` are 0.
    type, bind(c) :: otc_gaussian_geodesic_outputs_f64
        ! `sizeof(otc_gaussian_geodesic_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status (`OTC_WARN_SINGULAR` when Σ₁ is rank-deficient), path (0), seconds.
        type(otc_report) :: report
        ! Numerical rank of Σ₁ at `rank_tol` (d when not singular).
        integer(c_size_t) :: rank
        ! Optional (NULL: not wanted), d doubles: m_t = (1−t) m1 + t m2.
        type(c_ptr) :: mean
        ! Required, d×d, any strides: Σ_t = K Σ₁ K, K = (1−t) I + t A.
        type(otc_matrix_mut_f64) :: cov
    end type

    ! Options of `otc_gaussian_barycenter_f64`; fill with
    ! `otc_gaussian_barycenter_options_default`.
    type, bind(c) :: otc_gaussian_barycenter_options
        ! `sizeof(otc_gaussian_barycenter_options)`.
        integer(c_size_t) :: struct_size
        ! 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
        ! (≤ 256); the result is the same for every value.
        integer(c_int32_t) :: num_threads
        ! Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
        real(c_double) :: symmetry_tol
        ! Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
        real(c_double) :: psd_tol
        ! Eigenvalues of the iterate ≤ rank_tol·λmax count as 0 when inverting; 0 = d·ε
        ! (default).
        real(c_double) :: rank_tol
        ! Stop when the estimated relative error ‖Σ − Σ*‖_F/‖Σ‖_F of the covariance is at most
        ! this (default 1e-13): sₖ·q/(1 − q) from the last relative step sₖ and the rate
        ! q = sₖ/sₖ₋₁ of the linearly converging iteration.
        real(c_double) :: tol
        ! Iteration cap (default 1000, ≥ 1); reaching it is `OTC_WARN_MAX_ITER`.
        integer(c_int64_t) :: max_iter
        ! Call `callback` at most once per this many iterations (0 = never, the default).
        integer(c_int64_t) :: callback_every
        ! Progress callback, or NULL: `callback(callback_data, iterations, error)` with the
        ! estimated relative error of the covariance; nonzero stops the iteration
        ! (`OTC_WARN_CANCELLED`, the current iterate returned). Runs on the calling thread.
        type(c_funptr) :: callback
        ! Passed to `callback` unchanged.
        type(c_ptr) :: callback_data
    end type

    ! k Gaussians and their weights.
    type, bind(c) :: otc_gaussian_barycenter_problem_f64
        ! `sizeof(otc_gaussian_barycenter_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! k×d, one mean per row.
        type(otc_matrix_f64) :: means
        ! k views, d×d symmetric PSD each.
        type(c_ptr) :: covs
        ! k non-negative weights (normalised by their sum), or NULL (uniform).
        type(c_ptr) :: weights
    end type

    ! Results of `otc_gaussian_barycenter_f64`. `report.iterations`: fixed-point iterations;
    ! `report.error`: the estimated relative error of the covariance (see `opts->tol`).
    type, bind(c) :: otc_gaussian_barycenter_outputs_f64
        ! `sizeof(otc_gaussian_barycenter_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), iterations, error estimate, seconds.
        type(otc_report) :: report
        ! Numerical rank of the returned covariance at `rank_tol`.
        integer(c_size_t) :: rank
        ! Optional (NULL: not wanted), d doubles: the weighted mean Σₖ wₖ mₖ / Σw.
        type(c_ptr) :: mean
        ! Required, d×d, any strides: the barycenter covariance.
        type(otc_matrix_mut_f64) :: cov
    end type

    ! Options of `otc_gaussian_moments_f64`; fill with `otc_gaussian_moments_options_default`.
    type, bind(c) :: otc_gaussian_moments_options
        ! `sizeof(otc_gaussian_moments_options)`.
        integer(c_size_t) :: struct_size
        ! Threads of the matrix product: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the
        ! calling thread only, k = k workers (≤ 256).
        integer(c_int32_t) :: num_threads
    end type

    ! n weighted points in ℝᵈ.
    type, bind(c) :: otc_gaussian_moments_problem_f64
        ! `sizeof(otc_gaussian_moments_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! n×d, one point per row.
        type(otc_matrix_f64) :: x
        ! n non-negative weights (normalised by their sum), or NULL (uniform).
        type(c_ptr) :: weights
    end type

    ! Results of `otc_gaussian_moments_f64`. `report.iterations` and `report.error` are 0.
    type, bind(c) :: otc_gaussian_moments_outputs_f64
        ! `sizeof(otc_gaussian_moments_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), seconds.
        type(otc_report) :: report
        ! Optional (NULL: not wanted), d doubles: m = Σᵢ wᵢ xᵢ / Σw.
        type(c_ptr) :: mean
        ! Required, d×d, any strides: Σ = Σᵢ wᵢ (xᵢ − m)(xᵢ − m)ᵀ / Σw (maximum likelihood).
        type(otc_matrix_mut_f64) :: cov
    end type

    ! Options of `otc_psd_sqrt_f64`; fill with `otc_psd_sqrt_options_default`.
    type, bind(c) :: otc_psd_sqrt_options
        ! `sizeof(otc_psd_sqrt_options)`.
        integer(c_size_t) :: struct_size
        ! 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
        ! (≤ 256); the result is the same for every value.
        integer(c_int32_t) :: num_threads
        ! Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
        real(c_double) :: symmetry_tol
        ! Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
        real(c_double) :: psd_tol
        ! Eigenvalues ≤ rank_tol·λmax count as 0 in the inverse square root; 0 = d·ε (default).
        real(c_double) :: rank_tol
    end type

    ! A symmetric PSD matrix.
    type, bind(c) :: otc_psd_sqrt_problem_f64
        ! `sizeof(otc_psd_sqrt_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Σ, d×d symmetric PSD.
        type(otc_matrix_f64) :: a
    end type

    ! Results of `otc_psd_sqrt_f64`; at least one of `sqrt`, `inv_sqrt` must be wanted.
    ! `report.iterations` and `report.error` are 0.
    type, bind(c) :: otc_psd_sqrt_outputs_f64
        ! `sizeof(otc_psd_sqrt_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status (`OTC_WARN_SINGULAR` when `inv_sqrt` is wanted and Σ is rank-deficient), path
        ! (0), seconds.
        type(otc_report) :: report
        ! Numerical rank of Σ at `rank_tol`.
        integer(c_size_t) :: rank
        ! Optional (data NULL: not wanted), d×d, any strides: Σ^½.
        type(otc_matrix_mut_f64) :: sqrt
        ! Optional (data NULL: not wanted), d×d, any strides: (Σ⁺)^½, the pseudo-inverse square
        ! root.
        type(otc_matrix_mut_f64) :: inv_sqrt
    end type

    ! Options of `otc_plan_position_gradient_f64`; fill with
    ! `otc_plan_position_gradient_options_default`.
    type, bind(c) :: otc_plan_position_gradient_options
        ! `sizeof(otc_plan_position_gradient_options)`.
        integer(c_size_t) :: struct_size
        ! Checked (0, or 1 to 256) but unused: the sum runs on the calling thread.
        integer(c_int32_t) :: num_threads
        ! The cost c of the plan, one of the `OTC_METRIC_*` values (the metric the plan was
        ! solved for). Default `OTC_METRIC_SQEUCLIDEAN`.
        integer(c_int32_t) :: metric
        ! Exponent of `OTC_METRIC_MINKOWSKI` (finite, ≥ 1); ignored by the other metrics.
        ! Default 2.
        real(c_double) :: p
    end type

    ! A plan P between the points x (n × d) and y (m × d): either sparse, the `plan_nnz` entries
    ! `plan_mass[k]` at `(plan_rows[k], plan_cols[k])` as `otc_emd_f64` / `otc_emd_grid_f64`
    ! write them (`plan.data` NULL), or the dense n × m matrix `plan` (an entropic plan from
    ! `otc_sinkhorn_*`; the three sparse pointers NULL). Masses finite and ≥ 0.
    type, bind(c) :: otc_plan_position_gradient_problem_f64
        ! `sizeof(otc_plan_position_gradient_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Source points, one per row (n × d, any strides), finite.
        type(otc_matrix_f64) :: x
        ! Target points, one per row (m × d, the same d), finite.
        type(otc_matrix_f64) :: y
        ! Number of sparse entries (≥ 1; ignored for a dense plan).
        integer(c_size_t) :: plan_nnz
        ! Sparse plan: row of each entry (< n).
        type(c_ptr) :: plan_rows
        ! Sparse plan: column of each entry (< m).
        type(c_ptr) :: plan_cols
        ! Sparse plan: mass of each entry.
        type(c_ptr) :: plan_mass
        ! Dense plan, an n × m view (any strides); `data` NULL for a sparse plan.
        type(otc_matrix_f64) :: plan
    end type

    ! Results of `otc_plan_position_gradient_f64`. `report.iterations`, `report.error`: 0.
    type, bind(c) :: otc_plan_position_gradient_outputs_f64
        ! `sizeof(otc_plan_position_gradient_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, seconds.
        type(otc_report) :: report
        ! `gx[i, :] = Σ_j P_ij ∇_x c(x_i, y_j)` (n × d, any strides with distinct elements);
        ! `data` NULL: not wanted.
        type(otc_matrix_mut_f64) :: gx
        ! `gy[j, :] = Σ_i P_ij ∇_y c(x_i, y_j)` (m × d); `data` NULL: not wanted.
        type(otc_matrix_mut_f64) :: gy
    end type

    ! Options of `otc_displacement_interpolation_f64`; fill with
    ! `otc_displacement_interpolation_options_default`.
    type, bind(c) :: otc_displacement_interpolation_options
        ! `sizeof(otc_displacement_interpolation_options)`.
        integer(c_size_t) :: struct_size
        ! Checked (0, or 1 to 256) but unused: the points are written on the calling thread.
        integer(c_int32_t) :: num_threads
    end type

    ! A plan P between the points x (n × d) and y (m × d), as in
    ! `otc_plan_position_gradient_problem_f64` (sparse triplets, or a dense n × m view), and the
    ! time t of the interpolation.
    type, bind(c) :: otc_displacement_interpolation_problem_f64
        ! `sizeof(otc_displacement_interpolation_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Source points, one per row (n × d, any strides), finite.
        type(otc_matrix_f64) :: x
        ! Target points, one per row (m × d, the same d), finite.
        type(otc_matrix_f64) :: y
        ! Number of sparse entries (≥ 1; ignored for a dense plan).
        integer(c_size_t) :: plan_nnz
        ! Sparse plan: row of each entry (< n).
        type(c_ptr) :: plan_rows
        ! Sparse plan: column of each entry (< m).
        type(c_ptr) :: plan_cols
        ! Sparse plan: mass of each entry.
        type(c_ptr) :: plan_mass
        ! Dense plan, an n × m view (any strides); `data` NULL for a sparse plan.
        type(otc_matrix_f64) :: plan
        ! Time t in [0, 1]: 0 gives x's points, 1 y's.
        real(c_double) :: t
    end type

    ! Results of `otc_displacement_interpolation_f64`: one weighted point per plan entry (K =
    ! `plan_nnz` for a sparse plan, n·m for a dense one, entry (i, j) at k = i·m + j).
    ! `report.iterations`, `report.error`: 0.
    type, bind(c) :: otc_displacement_interpolation_outputs_f64
        ! `sizeof(otc_displacement_interpolation_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, seconds.
        type(otc_report) :: report
        ! Required: `points[k, :] = (1 − t) x_{i_k} + t y_{j_k}` (K × d, any strides with
        ! distinct elements).
        type(otc_matrix_mut_f64) :: points
        ! Required: `weights[k]` = the mass of entry k (K values).
        type(c_ptr) :: weights
    end type

    ! Options of `otc_quantile_1d_f64`; fill with `otc_quantile_1d_options_default`.
    type, bind(c) :: otc_quantile_1d_options
        ! `sizeof(otc_quantile_1d_options)`.
        integer(c_size_t) :: struct_size
        ! Checked (0, or 1 to 256) but unused: the search runs on the calling thread.
        integer(c_int32_t) :: num_threads
    end type

    ! The quantile function `Q(u) = min{x_j : a_j > 0, F(x_j) ≥ u}` of the measure
    ! `Σ_j a_j δ_{x_j}` normalised to mass 1 (`F` its cumulative distribution), at the given
    ! levels.
    type, bind(c) :: otc_quantile_1d_problem_f64
        ! `sizeof(otc_quantile_1d_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Samples (n finite values, any order; never reordered).
        type(c_ptr) :: x
        ! Their weights (n values, finite, ≥ 0, positive sum).
        type(c_ptr) :: a
        ! Number of samples n ≥ 1.
        integer(c_size_t) :: n
        ! Levels u (num_levels values in [0, 1], any order).
        type(c_ptr) :: levels
        ! Number of levels ≥ 1.
        integer(c_size_t) :: num_levels
    end type

    ! Results of `otc_quantile_1d_f64`. `report.iterations` and `report.error`: 0 (a direct
    ! method).
    type, bind(c) :: otc_quantile_1d_outputs_f64
        ! `sizeof(otc_quantile_1d_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, seconds.
        type(otc_report) :: report
        ! Required: `quantiles[l] = Q(levels[l])` (num_levels values), a sample of positive
        ! weight; `Q(0)` is the smallest such sample, `Q(1)` the largest.
        type(c_ptr) :: quantiles
    end type

    ! Options of `otc_barycenter_1d_f64`; fill with `otc_barycenter_1d_options_default`.
    type, bind(c) :: otc_barycenter_1d_options
        ! `sizeof(otc_barycenter_1d_options)`.
        integer(c_size_t) :: struct_size
        ! Checked (0, or 1 to 256) but unused: the merge runs on the calling thread.
        integer(c_int32_t) :: num_threads
        ! Largest accepted relative mass gap |M_i − M_0| / max(M_i, M_0) between measure i and
        ! measure 0 (default 1e-9); within it, every measure is rescaled to measure 0's mass.
        real(c_double) :: mass_tolerance
    end type

    ! The W_p barycenter `argmin_ν Σ_i λ_i W_p^p(ν, μ_i)` of k measures on the line, stored one
    ! after the other: measure i has the `sizes[i]` samples `x[s_i ..]` with weights `a[s_i ..]`,
    ! `s_i = sizes[0] + … + sizes[i − 1]`.
    type, bind(c) :: otc_barycenter_1d_problem_f64
        ! `sizeof(otc_barycenter_1d_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Samples of all measures (n finite values; any order within a measure; never
        ! reordered).
        type(c_ptr) :: x
        ! Their weights (n values, finite, ≥ 0; each measure's sum positive and equal to measure
        ! 0's within `mass_tolerance`).
        type(c_ptr) :: a
        ! Total number of samples n = `sizes[0] + … + sizes[k − 1]`.
        integer(c_size_t) :: n
        ! Samples per measure (k values, each ≥ 1).
        type(c_ptr) :: sizes
        ! Number of measures k ≥ 1.
        integer(c_size_t) :: k
        ! Barycentric weights λ (k values, finite, ≥ 0, positive sum; need not sum to 1). McCann's
        ! geodesic at time t between two measures: k = 2, λ = (1 − t, t), p = 2.
        type(c_ptr) :: lambda
        ! Exponent p ≥ 1 (finite) of W_p.
        real(c_double) :: p
    end type

    ! Results of `otc_barycenter_1d_f64`: the barycenter as `nnz` weighted points.
    ! `report.iterations` and `report.error`: 0 (a direct method).
    type, bind(c) :: otc_barycenter_1d_outputs_f64
        ! `sizeof(otc_barycenter_1d_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, seconds.
        type(otc_report) :: report
        ! Points written (≤ n − k + 1).
        integer(c_size_t) :: nnz
        ! Required: the barycenter's points, ascending (room for n − k + 1).
        type(c_ptr) :: points
        ! Required: their weights, > 0, summing to measure 0's mass (room for n − k + 1).
        type(c_ptr) :: weights
    end type

    ! Options of `otc_laguerre_assign_f64` / `_f32`; fill with
    ! `otc_laguerre_assign_options_default`.
    type, bind(c) :: otc_laguerre_assign_options
        ! `sizeof(otc_laguerre_assign_options)`.
        integer(c_size_t) :: struct_size
        ! Threads over the points: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
        ! only, k = k workers (at most 256). Results are identical for every value.
        integer(c_int32_t) :: num_threads
    end type

    ! The Laguerre cells of points `x_i` (N×d) for sites `y_j` (n×d) with weights `g_j`, double
    ! precision.
    type, bind(c) :: otc_laguerre_assign_problem_f64
        ! `sizeof(otc_laguerre_assign_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! N×d points (any strides), finite.
        type(otc_matrix_f64) :: points
        ! N point weights (finite, >= 0), or NULL: 1/N each. Used by the cell masses only.
        type(c_ptr) :: point_weights
        ! n×d sites (any strides), finite.
        type(otc_matrix_f64) :: sites
        ! n site weights g (squared-distance units), finite.
        type(c_ptr) :: g
    end type

    ! As `otc_laguerre_assign_problem_f64`, single precision.
    type, bind(c) :: otc_laguerre_assign_problem_f32
        ! `sizeof(otc_laguerre_assign_problem_f32)`.
        integer(c_size_t) :: struct_size
        ! N×d points (any strides), finite.
        type(otc_matrix_f32) :: points
        ! N point weights (finite, >= 0), or NULL: 1/N each. Used by the cell masses only.
        type(c_ptr) :: point_weights
        ! n×d sites (any strides), finite.
        type(otc_matrix_f32) :: sites
        ! n site weights g (squared-distance units), finite.
        type(c_ptr) :: g
    end type

    ! Results of `otc_laguerre_assign_f64`; `report.iterations`, `report.error` and
    ! `report.path` are 0 (one pass, no error measure).
    type, bind(c) :: otc_laguerre_assign_outputs_f64
        ! `sizeof(otc_laguerre_assign_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, seconds.
        type(otc_report) :: report
        ! Number of cells that received no point.
        integer(c_size_t) :: empty_cells
        ! Required, N values: `cells[i] = argmin_j |x_i − y_j|² − g_j` (ties: smallest j).
        type(c_ptr) :: cells
        ! n cell masses (each cell's summed point weight), or NULL: not wanted.
        type(c_ptr) :: masses
    end type

    ! Results of `otc_laguerre_assign_f32`: as `otc_laguerre_assign_outputs_f64` (masses in
    ! double).
    type, bind(c) :: otc_laguerre_assign_outputs_f32
        ! `sizeof(otc_laguerre_assign_outputs_f32)`.
        integer(c_size_t) :: struct_size
        ! Status, seconds.
        type(otc_report) :: report
        ! Number of cells that received no point.
        integer(c_size_t) :: empty_cells
        ! Required, N values: `cells[i] = argmin_j |x_i − y_j|² − g_j` (ties: smallest j).
        type(c_ptr) :: cells
        ! n cell masses (each cell's summed point weight), or NULL: not wanted.
        type(c_ptr) :: masses
    end type

    ! Options of `otc_semidiscrete_f64` / `_f32`; fill with `otc_semidiscrete_options_default`.
    type, bind(c) :: otc_semidiscrete_options
        ! `sizeof(otc_semidiscrete_options)`.
        integer(c_size_t) :: struct_size
        ! Threads over the points: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
        ! only, k = k workers (at most 256). Results are identical for every value.
        integer(c_int32_t) :: num_threads
        ! `OTC_SEMIDISCRETE_NEWTON` (default) or `OTC_SEMIDISCRETE_GRADIENT`.
        integer(c_int32_t) :: method
        ! Iteration cap (gradient steps, or Newton steps over all ε stages; default 1000, >= 1).
        integer(c_int64_t) :: max_iter
        ! Stop when the largest cell-mass error `max_j |m_j − b_j|` is at most `tol` (units of
        ! mass; smoothed masses at the target ε for Newton, hard masses for the gradient
        ! method; default 1e-6, > 0).
        real(c_double) :: tol
        ! Gradient step (squared distance per unit mass); 0 (default) = from the data.
        real(c_double) :: step
        ! Newton's entropic smoothing ε (squared distance); 0 (default) = 1e-4 × the squared
        ! diagonal of the points' bounding box.
        real(c_double) :: epsilon
        ! Call `callback` every `callback_every` iterations (0, the default: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback, on the calling thread, with the iteration and the current mass
        ! error (the `tol` measure); nonzero stops the solve (`OTC_WARN_CANCELLED`, the outputs
        ! hold the current iterate). NULL: none.
        type(c_funptr) :: callback
        ! Passed to `callback` as its first argument.
        type(c_ptr) :: callback_data
    end type

    ! Semi-discrete optimal transport, squared Euclidean cost, double precision: the weighted
    ! samples `x_i` (a discretised continuous source, e.g. a density on a grid) to the sites
    ! `y_j` with weights `b_j` (the same total mass as the samples, within 1e-6 relative).
    type, bind(c) :: otc_semidiscrete_problem_f64
        ! `sizeof(otc_semidiscrete_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! N×d samples (any strides), finite.
        type(otc_matrix_f64) :: points
        ! N sample weights (finite, >= 0), or NULL: 1/N each (total mass 1).
        type(c_ptr) :: point_weights
        ! n×d sites (any strides), finite; two sites at one position may not both have mass.
        type(otc_matrix_f64) :: sites
        ! n site masses (finite, >= 0).
        type(c_ptr) :: b
        ! n initial dual weights (squared-distance units), or NULL: zeros.
        type(c_ptr) :: initial_g
    end type

    ! As `otc_semidiscrete_problem_f64`, single precision.
    type, bind(c) :: otc_semidiscrete_problem_f32
        ! `sizeof(otc_semidiscrete_problem_f32)`.
        integer(c_size_t) :: struct_size
        ! N×d samples (any strides), finite.
        type(otc_matrix_f32) :: points
        ! N sample weights (finite, >= 0), or NULL: 1/N each (total mass 1).
        type(c_ptr) :: point_weights
        ! n×d sites (any strides), finite; two sites at one position may not both have mass.
        type(otc_matrix_f32) :: sites
        ! n site masses (finite, >= 0).
        type(c_ptr) :: b
        ! n initial dual weights (squared-distance units), or NULL: zeros.
        type(c_ptr) :: initial_g
    end type

    ! Results of `otc_semidiscrete_f64`. `report.path`: the method that ran
    ! (`OTC_SEMIDISCRETE_*`); `report.iterations`: Newton or gradient steps; `report.error`: the
    ! stopping measure `max_j |m_j − b_j|` (smoothed masses at ε for Newton, hard masses for the
    ! gradient method).
    type, bind(c) :: otc_semidiscrete_outputs_f64
        ! `sizeof(otc_semidiscrete_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, method, iterations, error (the stopping measure), seconds.
        type(otc_report) :: report
        ! `max_j |m_j − b_j|` for the hard Laguerre cell masses at the returned g.
        real(c_double) :: mass_error
        ! The ε Newton used (squared distance), or 0.
        real(c_double) :: epsilon
        ! The gradient step used, or 0.
        real(c_double) :: step
        ! Required, n values: the dual weights g, shifted to zero mean.
        type(c_ptr) :: g
        ! n Laguerre cell masses at g, or NULL: not wanted.
        type(c_ptr) :: masses
    end type

    ! Results of `otc_semidiscrete_f32`: as `otc_semidiscrete_outputs_f64` (g in single
    ! precision, the masses and errors in double).
    type, bind(c) :: otc_semidiscrete_outputs_f32
        ! `sizeof(otc_semidiscrete_outputs_f32)`.
        integer(c_size_t) :: struct_size
        ! Status, method, iterations, error (the stopping measure), seconds.
        type(otc_report) :: report
        ! `max_j |m_j − b_j|` for the hard Laguerre cell masses at the returned g.
        real(c_double) :: mass_error
        ! The ε Newton used (squared distance), or 0.
        real(c_double) :: epsilon
        ! The gradient step used, or 0.
        real(c_double) :: step
        ! Required, n values: the dual weights g, shifted to zero mean.
        type(c_ptr) :: g
        ! n Laguerre cell masses at g, or NULL: not wanted.
        type(c_ptr) :: masses
    end type

    ! Options of `otc_semidiscrete_sgd_f64` / `_f32`; fill with
    ! `otc_semidiscrete_sgd_options_default`.
    type, bind(c) :: otc_semidiscrete_sgd_options
        ! `sizeof(otc_semidiscrete_sgd_options)`.
        integer(c_size_t) :: struct_size
        ! Threads over each batch: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
        ! only, k = k workers (at most 256). Results are identical for every value.
        integer(c_int32_t) :: num_threads
        ! Number of iterations (batches; default 10000, >= 1).
        integer(c_int64_t) :: iterations
        ! Samples per batch (default 64, >= 1).
        integer(c_size_t) :: batch
        ! Initial step γ₀ (squared distance per unit mass; the k-th step is γ₀/√k); 0 (default)
        ! = from the first batch.
        real(c_double) :: step
        ! Seed of the SplitMix64 stream that draws from a sample array (default 0; unused with a
        ! sampler). The same seed gives the same g for every thread count.
        integer(c_int64_t) :: seed
        ! Call `callback` every `callback_every` iterations (0, the default: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback, on the calling thread, with the iteration and the last batch's mass
        ! error (`report.error`); nonzero stops the solve (`OTC_WARN_CANCELLED`, g is the average
        ! of the iterates so far). NULL: none.
        type(c_funptr) :: callback
        ! Passed to `callback` as its first argument.
        type(c_ptr) :: callback_data
    end type

    ! Semi-discrete OT by averaged SGD, double precision: a continuous source to the sites `y_j`
    ! (n×d) with masses `b_j` (sum 1). The source is given in exactly one of two forms (the other
    ! NULL): a sampler `sample` streaming independent samples, or a sample array `points` (N×d)
    ! drawn from with probabilities `point_weights`.
    type, bind(c) :: otc_semidiscrete_sgd_problem_f64
        ! `sizeof(otc_semidiscrete_sgd_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! n×d sites (any strides), finite.
        type(otc_matrix_f64) :: sites
        ! n site masses (finite, >= 0, sum 1 within 1e-6).
        type(c_ptr) :: b
        ! The sampler, or NULL when `points` is given.
        type(c_funptr) :: sample
        ! Passed to `sample` as its first argument.
        type(c_ptr) :: sample_data
        ! N×d sample array (any strides, finite), or `data` NULL when `sample` is given.
        type(otc_matrix_f64) :: points
        ! N sampling weights (finite, >= 0, positive sum), or NULL: uniform. Only with `points`.
        type(c_ptr) :: point_weights
    end type

    ! As `otc_semidiscrete_sgd_problem_f64`, single precision.
    type, bind(c) :: otc_semidiscrete_sgd_problem_f32
        ! `sizeof(otc_semidiscrete_sgd_problem_f32)`.
        integer(c_size_t) :: struct_size
        ! n×d sites (any strides), finite.
        type(otc_matrix_f32) :: sites
        ! n site masses (finite, >= 0, sum 1 within 1e-6).
        type(c_ptr) :: b
        ! The sampler, or NULL when `points` is given.
        type(c_funptr) :: sample
        ! Passed to `sample` as its first argument.
        type(c_ptr) :: sample_data
        ! N×d sample array (any strides, finite), or `data` NULL when `sample` is given.
        type(otc_matrix_f32) :: points
        ! N sampling weights (finite, >= 0, positive sum), or NULL: uniform. Only with `points`.
        type(c_ptr) :: point_weights
    end type

    ! Results of `otc_semidiscrete_sgd_f64`. `report.iterations`: batches drawn;
    ! `report.error`: the last batch's mass error `max_j |h_j − b_j|` (h: the batch's cell
    ! fractions; a noisy estimate, of order `1/√batch` at the solution); `report.path` 0.
    type, bind(c) :: otc_semidiscrete_sgd_outputs_f64
        ! `sizeof(otc_semidiscrete_sgd_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations, error (the last batch's mass error), seconds.
        type(otc_report) :: report
        ! The initial step γ₀ used.
        real(c_double) :: step
        ! Required, n values: the averaged dual weights g, zero mean.
        type(c_ptr) :: g
    end type

    ! Results of `otc_semidiscrete_sgd_f32`: as `otc_semidiscrete_sgd_outputs_f64` (g in single
    ! precision).
    type, bind(c) :: otc_semidiscrete_sgd_outputs_f32
        ! `sizeof(otc_semidiscrete_sgd_outputs_f32)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations, error (the last batch's mass error), seconds.
        type(otc_report) :: report
        ! The initial step γ₀ used.
        real(c_double) :: step
        ! Required, n values: the averaged dual weights g, zero mean.
        type(c_ptr) :: g
    end type

    ! Options of `otc_lloyd_f64` / `_f32`; fill with `otc_lloyd_options_default`.
    type, bind(c) :: otc_lloyd_options
        ! `sizeof(otc_lloyd_options)`.
        integer(c_size_t) :: struct_size
        ! Threads over the points: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
        ! only, k = k workers (at most 256). Results are identical for every value.
        integer(c_int32_t) :: num_threads
        ! Iteration cap (default 1000; 0: only the distortion of the given sites).
        integer(c_int64_t) :: max_iter
        ! Stop when no site moves more than `tol` (distance units, >= 0). The default 0 stops at
        ! the fixed point, which a finite sample set reaches in finitely many iterations.
        real(c_double) :: tol
        ! Call `callback` every `callback_every` iterations (0, the default: never).
        integer(c_int64_t) :: callback_every
        ! Progress callback, on the calling thread, with the iteration and its largest site
        ! displacement (`report.error`); nonzero stops (`OTC_WARN_CANCELLED`, the outputs hold
        ! the current sites). NULL: none.
        type(c_funptr) :: callback
        ! Passed to `callback` as its first argument.
        type(c_ptr) :: callback_data
    end type

    ! Optimal quantisation of a weighted sample set by n sites, double precision.
    type, bind(c) :: otc_lloyd_problem_f64
        ! `sizeof(otc_lloyd_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! N×d samples (any strides), finite.
        type(otc_matrix_f64) :: points
        ! N sample weights (finite, >= 0, positive sum), or NULL: uniform.
        type(c_ptr) :: point_weights
        ! n×d initial sites (any strides), finite.
        type(otc_matrix_f64) :: sites
    end type

    ! As `otc_lloyd_problem_f64`, single precision.
    type, bind(c) :: otc_lloyd_problem_f32
        ! `sizeof(otc_lloyd_problem_f32)`.
        integer(c_size_t) :: struct_size
        ! N×d samples (any strides), finite.
        type(otc_matrix_f32) :: points
        ! N sample weights (finite, >= 0, positive sum), or NULL: uniform.
        type(c_ptr) :: point_weights
        ! n×d initial sites (any strides), finite.
        type(otc_matrix_f32) :: sites
    end type

    ! Results of `otc_lloyd_f64`. `report.iterations`: Lloyd steps; `report.error`: the largest
    ! site displacement of the last step (distance units; 0 when no step ran); `report.path` 0.
    type, bind(c) :: otc_lloyd_outputs_f64
        ! `sizeof(otc_lloyd_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations, error (the last displacement), seconds.
        type(otc_report) :: report
        ! The distortion `Σ_i a_i min_j |x_i − y_j|²` at the returned sites (weights normalised
        ! to sum 1; squared-distance units).
        real(c_double) :: distortion
        ! Required, n×d (any distinct strides): the moved sites.
        type(otc_matrix_mut_f64) :: sites
    end type

    ! Results of `otc_lloyd_f32`: as `otc_lloyd_outputs_f64` (the distortion in double).
    type, bind(c) :: otc_lloyd_outputs_f32
        ! `sizeof(otc_lloyd_outputs_f32)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations, error (the last displacement), seconds.
        type(otc_report) :: report
        ! The distortion `Σ_i a_i min_j |x_i − y_j|²` at the returned sites (weights normalised
        ! to sum 1; squared-distance units).
        real(c_double) :: distortion
        ! Required, n×d (any distinct strides): the moved sites.
        type(otc_matrix_mut_f32) :: sites
    end type

    ! Options of `otc_sinkhorn_f64` / `_f32`; fill with `otc_sinkhorn_options_default`, then
    ! change fields. ε, ρ and the tolerances are in cost units.
    type, bind(c) :: otc_sinkhorn_options
        ! `sizeof(otc_sinkhorn_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only,
        ! k = k workers (at most 256). Results are identical for every value.
        integer(c_int32_t) :: num_threads
        ! 1 = symmetric (averaged, simultaneous) updates, 0 = alternating (default).
        integer(c_int32_t) :: symmetric
        ! Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01.
        real(c_double) :: epsilon
        ! Stop when the L1 marginal error is at most this (0 = run to `max_iter`). Default 1e-9.
        real(c_double) :: tolerance
        ! Iteration cap of the whole solve, ε-scaling iterations included (they run first, the
        ! target ε gets what they leave); default 1000. Reaching it gives `OTC_WARN_MAX_ITER`.
        integer(c_int64_t) :: max_iter
        ! Check the marginal error every this many iterations (>= 1, default 10).
        integer(c_int64_t) :: check_every
        ! `OTC_SINKHORN_PATH_AUTO` (default), `_LOG_DOMAIN`, `_KERNEL` or `_TRUNCATED`.
        integer(c_int32_t) :: path
        ! How a finite `rho_a` / `rho_b` penalises the marginals: `OTC_SINKHORN_PENALTY_KL`
        ! (default) or `OTC_SINKHORN_PENALTY_TV`.
        integer(c_int32_t) :: penalty
        ! Penalty ρ_a > 0 on the row marginal; `INFINITY` (the default) = balanced.
        real(c_double) :: rho_a
        ! Penalty ρ_b > 0 on the column marginal; `INFINITY` (the default) = balanced.
        real(c_double) :: rho_b
        ! Balanced problems: largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb), finite
        ! and >= 0 (default 1e-6); beyond it `OTC_ERR_MASS_MISMATCH`, within it b is rescaled to
        ! a's mass (the plan's column sums are (Σa/Σb)·b).
        real(c_double) :: mass_tolerance
        ! Over-relaxation ω of the updates `f ← (1 − ω)·f + ω·f_Sinkhorn`: 1 = off (default), a
        ! value in (0, 2) a fixed ω, 0 = adaptive (from the observed contraction rate; plain with
        ! a TV penalty).
        real(c_double) :: over_relaxation
        ! Largest workspace in bytes `OTC_SINKHORN_PATH_AUTO` gives the stored kernel (default
        ! 2^30); beyond it the log-domain path runs.
        integer(c_size_t) :: kernel_memory_cap
        ! Intermediate ε values of the geometric ε-scaling schedule (0 = off, the default).
        integer(c_int64_t) :: eps_scaling_steps
        ! Iterations at each intermediate ε (default 10; >= 1 when `eps_scaling_steps` > 0).
        integer(c_int64_t) :: eps_scaling_iters
        ! First ε of the schedule; <= 0 (the default) = the cost's largest value.
        real(c_double) :: eps_scaling_start
        ! Call `callback` at most once every this many iterations, at the marginal-error checks
        ! (0 = never, the default).
        integer(c_int64_t) :: callback_every
        ! Progress callback `(callback_data, iterations so far, L1 marginal error)`, on the
        ! calling thread; nonzero stops the solve (`OTC_WARN_CANCELLED`, outputs valid). NULL =
        ! none. With ε-scaling it also sees every `check_every` iterations of each intermediate
        ! stage (iterations counted over all stages, the error at that stage's ε); a stop there
        ! skips the remaining stages, and the outputs are the iterate reached, measured at ε.
        type(c_funptr) :: callback
        ! Passed to `callback` as its first argument.
        type(c_ptr) :: callback_data
    end type

    ! An entropic OT problem of doubles: weights `a` (n) and `b` (m), and the cost as EXACTLY ONE
    ! of: `cost`, a dense n×m matrix (any strides; `x.data` and `y.data` NULL), or the point
    ! clouds `x` (n×d) and `y` (m×d) with `metric`, the cost computed on the fly in O((n + m)·d)
    ! memory (`cost.data` NULL). Optional warm start: `init_f` (n) and `init_g` (m), NULL = cold
    ! start (zeros).
    type, bind(c) :: otc_sinkhorn_problem_f64
        ! `sizeof(otc_sinkhorn_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Source weights (n), finite and >= 0, zeros allowed.
        type(c_ptr) :: a
        ! Number of sources n >= 1.
        integer(c_size_t) :: n
        ! Target weights (m), finite and >= 0, zeros allowed.
        type(c_ptr) :: b
        ! Number of targets m >= 1.
        integer(c_size_t) :: m
        ! Dense n×m cost (finite), or `data` NULL when the points are given.
        type(otc_matrix_f64) :: cost
        ! Source points, one per row (n×d, d >= 1), or `data` NULL when the cost is given.
        type(otc_matrix_f64) :: x
        ! Target points, one per row (m×d), or `data` NULL when the cost is given.
        type(otc_matrix_f64) :: y
        ! Cost of the points: `OTC_METRIC_SQEUCLIDEAN` (0, |x_i − y_j|²) is the one computed on
        ! the fly; for another metric build the cost with `otc_cost_matrix_f64` and pass `cost`.
        integer(c_int32_t) :: metric
        ! Warm-start row potentials (n, cost units), or NULL.
        type(c_ptr) :: init_f
        ! Warm-start column potentials (m, cost units), or NULL.
        type(c_ptr) :: init_g
    end type

    ! `otc_sinkhorn_problem_f64` with weights, cost and points of floats (the warm-start
    ! potentials stay double).
    type, bind(c) :: otc_sinkhorn_problem_f32
        ! `sizeof(otc_sinkhorn_problem_f32)`.
        integer(c_size_t) :: struct_size
        ! Source weights (n), finite and >= 0.
        type(c_ptr) :: a
        ! Number of sources n >= 1.
        integer(c_size_t) :: n
        ! Target weights (m), finite and >= 0.
        type(c_ptr) :: b
        ! Number of targets m >= 1.
        integer(c_size_t) :: m
        ! Dense n×m cost, or `data` NULL when the points are given.
        type(otc_matrix_f32) :: cost
        ! Source points (n×d), or `data` NULL when the cost is given.
        type(otc_matrix_f32) :: x
        ! Target points (m×d), or `data` NULL when the cost is given.
        type(otc_matrix_f32) :: y
        ! `OTC_METRIC_SQEUCLIDEAN` (0): see `otc_sinkhorn_problem_f64`.
        integer(c_int32_t) :: metric
        ! Warm-start row potentials (n, cost units), or NULL.
        type(c_ptr) :: init_f
        ! Warm-start column potentials (m, cost units), or NULL.
        type(c_ptr) :: init_g
    end type

    ! Results of `otc_sinkhorn_f64`. `report.path`: `OTC_SINKHORN_PATH_KERNEL`,
    ! `OTC_SINKHORN_PATH_TRUNCATED` or `OTC_SINKHORN_PATH_LOG_DOMAIN`, the path that ran;
    ! `report.iterations`: all iterations, ε-scaling included; `report.error`: the final L1
    ! marginal error Σ_i |r_i − a_i e^{−f_i/ρ_a}| (= Σ_i |r_i − a_i| when balanced) plus the
    ! column term with symmetric updates, r = P·1 (the truncated path: the truncated plan's
    ! error of both sides plus twice the bound on the dropped mass, a bound on the full plan's).
    !
    ! Potentials: `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`, in cost units. When both sides are
    ! balanced (f + c, g − c) gives the same plan for every constant c: the potentials are not
    ! centred, they are returned as the last (row then column) update leaves them, so compare
    ! them up to that constant (e.g. after subtracting Σ a_i f_i / Σ a from f and adding it to
    ! g). Optional outputs: not wanted when the pointer (or a view's `data`) is NULL.
    type, bind(c) :: otc_sinkhorn_outputs_f64
        ! `sizeof(otc_sinkhorn_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path, iterations, marginal error, seconds.
        type(otc_report) :: report
        ! OT_ε(a, b) = ⟨C, P⟩ + ε·KL(P | a⊗b) with KL(P|Q) = Σ P log(P/Q) − P + Q: the entropic
        ! cost WITH its entropy term, computed as the dual objective Σ a φ_a(f) + Σ b φ_b(g) −
        ! ε(ΣP − Σa·Σb) (φ(x) = x on a balanced side, ρ(1 − e^{−x/ρ}) for KL, x for TV).
        real(c_double) :: entropic_ot
        ! ⟨C, P⟩ = Σ_ij C_ij P_ij: the transport cost of the plan, WITHOUT the entropy term.
        real(c_double) :: transport_cost
        ! Total mass of the plan Σ_ij P_ij.
        real(c_double) :: mass
        ! Row potentials f (n), or NULL.
        type(c_ptr) :: f
        ! Column potentials g (m), or NULL.
        type(c_ptr) :: g
        ! The plan P (n×m, any strides with distinct elements), or `data` NULL.
        type(otc_matrix_mut_f64) :: plan
        ! Points only: the barycentric projection Σ_j P_ij y_j / Σ_j P_ij of every x_i (n×d), or
        ! `data` NULL.
        type(otc_matrix_mut_f64) :: map
        ! Points only: ∂OT_ε/∂x (n×d), or `data` NULL.
        type(otc_matrix_mut_f64) :: grad_x
        ! Points only: ∂OT_ε/∂y (m×d), or `data` NULL.
        type(otc_matrix_mut_f64) :: grad_y
        ! Points only: ∂OT_ε/∂a (n), or NULL.
        type(c_ptr) :: grad_a
        ! Points only: ∂OT_ε/∂b (m), or NULL.
        type(c_ptr) :: grad_b
    end type

    ! Results of `otc_sinkhorn_f32`: as `otc_sinkhorn_outputs_f64`, with the plan, map and
    ! position gradients in floats (potentials, values and weight gradients stay double).
    type, bind(c) :: otc_sinkhorn_outputs_f32
        ! `sizeof(otc_sinkhorn_outputs_f32)`.
        integer(c_size_t) :: struct_size
        ! Status, path, iterations, marginal error, seconds.
        type(otc_report) :: report
        ! OT_ε(a, b) with its entropy term (see `otc_sinkhorn_outputs_f64`).
        real(c_double) :: entropic_ot
        ! ⟨C, P⟩, without the entropy term.
        real(c_double) :: transport_cost
        ! Total mass of the plan.
        real(c_double) :: mass
        ! Row potentials f (n), or NULL.
        type(c_ptr) :: f
        ! Column potentials g (m), or NULL.
        type(c_ptr) :: g
        ! The plan (n×m), or `data` NULL.
        type(otc_matrix_mut_f32) :: plan
        ! Points only: the barycentric map (n×d), or `data` NULL.
        type(otc_matrix_mut_f32) :: map
        ! Points only: ∂OT_ε/∂x (n×d), or `data` NULL.
        type(otc_matrix_mut_f32) :: grad_x
        ! Points only: ∂OT_ε/∂y (m×d), or `data` NULL.
        type(otc_matrix_mut_f32) :: grad_y
        ! Points only: ∂OT_ε/∂a (n), or NULL.
        type(c_ptr) :: grad_a
        ! Points only: ∂OT_ε/∂b (m), or NULL.
        type(c_ptr) :: grad_b
    end type

    ! Options of `otc_sinkhorn_divergence_f64` / `_f32` (the three solves all use them); fill
    ! with `otc_sinkhorn_divergence_options_default`. Fields as in `otc_sinkhorn_options`.
    type, bind(c) :: otc_sinkhorn_divergence_options
        ! `sizeof(otc_sinkhorn_divergence_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only,
        ! k = k workers (at most 256). Results are identical for every value.
        integer(c_int32_t) :: num_threads
        ! 1 = symmetric (averaged, simultaneous) updates, 0 = alternating (default).
        integer(c_int32_t) :: symmetric
        ! Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01.
        real(c_double) :: epsilon
        ! Stop each solve when its L1 marginal error is at most this. Default 1e-9.
        real(c_double) :: tolerance
        ! Iteration cap of each solve, ε-scaling included; default 1000.
        integer(c_int64_t) :: max_iter
        ! Check the marginal error every this many iterations (>= 1, default 10).
        integer(c_int64_t) :: check_every
        ! `OTC_SINKHORN_PATH_AUTO` (default), `_LOG_DOMAIN`, `_KERNEL` or `_TRUNCATED`.
        integer(c_int32_t) :: path
        ! `OTC_SINKHORN_PENALTY_KL` (default) or `OTC_SINKHORN_PENALTY_TV`.
        integer(c_int32_t) :: penalty
        ! Penalty ρ_a > 0 on the first measure's marginals; `INFINITY` (default) = balanced.
        real(c_double) :: rho_a
        ! Penalty ρ_b > 0 on the second measure's marginals; `INFINITY` (default) = balanced.
        real(c_double) :: rho_b
        ! Balanced problems: largest accepted relative mass gap (default 1e-6).
        real(c_double) :: mass_tolerance
        ! Over-relaxation ω: 1 = off (default), (0, 2) fixed, 0 = adaptive (plain with TV).
        real(c_double) :: over_relaxation
        ! Largest workspace in bytes `OTC_SINKHORN_PATH_AUTO` gives the stored kernel (2^30).
        integer(c_size_t) :: kernel_memory_cap
        ! Intermediate ε values of the ε-scaling schedule (0 = off, the default).
        integer(c_int64_t) :: eps_scaling_steps
        ! Iterations at each intermediate ε (default 10; >= 1 when `eps_scaling_steps` > 0).
        integer(c_int64_t) :: eps_scaling_iters
        ! First ε of the schedule; <= 0 (the default) = the cost's largest value.
        real(c_double) :: eps_scaling_start
        ! Call `callback` at most once every this many iterations, at the marginal-error checks
        ! (0 = never, the default).
        integer(c_int64_t) :: callback_every
        ! Progress callback `(callback_data, iterations so far, L1 marginal error)`, on the
        ! calling thread; nonzero stops the solve (`OTC_WARN_CANCELLED`, outputs valid). NULL =
        ! none. With ε-scaling it also sees every `check_every` iterations of each intermediate
        ! stage (iterations counted over all stages, the error at that stage's ε); a stop there
        ! skips the remaining stages, and the outputs are the iterate reached, measured at ε.
        type(c_funptr) :: callback
        ! Passed to `callback` as its first argument.
        type(c_ptr) :: callback_data
    end type

    ! A Sinkhorn divergence problem of doubles: weights `a` (n), `b` (m) and the costs as
    ! EXACTLY ONE of: three dense matrices `cost_xy` (n×m), `cost_xx` (n×n), `cost_yy` (m×m)
    ! (the points' `data` NULL), or the point clouds `x` (n×d), `y` (m×d) with `metric`, costs
    ! computed on the fly (the costs' `data` NULL).
    type, bind(c) :: otc_sinkhorn_divergence_problem_f64
        ! `sizeof(otc_sinkhorn_divergence_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! First measure's weights (n), finite and >= 0.
        type(c_ptr) :: a
        ! n >= 1.
        integer(c_size_t) :: n
        ! Second measure's weights (m), finite and >= 0.
        type(c_ptr) :: b
        ! m >= 1.
        integer(c_size_t) :: m
        ! C(x, y), n×m, or `data` NULL when the points are given.
        type(otc_matrix_f64) :: cost_xy
        ! C(x, x), n×n, or `data` NULL.
        type(otc_matrix_f64) :: cost_xx
        ! C(y, y), m×m, or `data` NULL.
        type(otc_matrix_f64) :: cost_yy
        ! First measure's points (n×d), or `data` NULL when the costs are given.
        type(otc_matrix_f64) :: x
        ! Second measure's points (m×d), or `data` NULL.
        type(otc_matrix_f64) :: y
        ! `OTC_METRIC_SQEUCLIDEAN` (0): see `otc_sinkhorn_problem_f64`.
        integer(c_int32_t) :: metric
    end type

    ! `otc_sinkhorn_divergence_problem_f64` with weights, costs and points of floats.
    type, bind(c) :: otc_sinkhorn_divergence_problem_f32
        ! `sizeof(otc_sinkhorn_divergence_problem_f32)`.
        integer(c_size_t) :: struct_size
        ! First measure's weights (n).
        type(c_ptr) :: a
        ! n >= 1.
        integer(c_size_t) :: n
        ! Second measure's weights (m).
        type(c_ptr) :: b
        ! m >= 1.
        integer(c_size_t) :: m
        ! C(x, y), n×m, or `data` NULL.
        type(otc_matrix_f32) :: cost_xy
        ! C(x, x), n×n, or `data` NULL.
        type(otc_matrix_f32) :: cost_xx
        ! C(y, y), m×m, or `data` NULL.
        type(otc_matrix_f32) :: cost_yy
        ! First measure's points (n×d), or `data` NULL.
        type(otc_matrix_f32) :: x
        ! Second measure's points (m×d), or `data` NULL.
        type(otc_matrix_f32) :: y
        ! `OTC_METRIC_SQEUCLIDEAN` (0).
        integer(c_int32_t) :: metric
    end type

    ! Results of `otc_sinkhorn_divergence_f64`. `report.path`: the path the solve of
    ! OT_ε(a, b) ran; `report.iterations`: the iterations of the three solves together;
    ! `report.error`: the largest of their final L1 marginal errors. Optional outputs (the
    ! gradients, points only): not wanted when the pointer (or a view's `data`) is NULL.
    type, bind(c) :: otc_sinkhorn_divergence_outputs_f64
        ! `sizeof(otc_sinkhorn_divergence_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path, iterations, error, seconds.
        type(otc_report) :: report
        ! S(a, b) = OT_ε(a, b) − ½OT_ε(a, a) − ½OT_ε(b, b) + (ε/2)(Σa − Σb)²: the debiased
        ! entropic cost (0 when a = b), each OT_ε with its entropy term.
        real(c_double) :: divergence
        ! OT_ε(a, b) (as `otc_sinkhorn_outputs_f64.entropic_ot`).
        real(c_double) :: entropic_ot_xy
        ! OT_ε(a, a).
        real(c_double) :: entropic_ot_xx
        ! OT_ε(b, b).
        real(c_double) :: entropic_ot_yy
        ! Points only: ∂S/∂x (n×d), or `data` NULL.
        type(otc_matrix_mut_f64) :: grad_x
        ! Points only: ∂S/∂y (m×d), or `data` NULL.
        type(otc_matrix_mut_f64) :: grad_y
        ! Points only: ∂S/∂a (n), or NULL.
        type(c_ptr) :: grad_a
        ! Points only: ∂S/∂b (m), or NULL.
        type(c_ptr) :: grad_b
    end type

    ! Results of `otc_sinkhorn_divergence_f32`: as the f64 struct, position gradients in floats.
    type, bind(c) :: otc_sinkhorn_divergence_outputs_f32
        ! `sizeof(otc_sinkhorn_divergence_outputs_f32)`.
        integer(c_size_t) :: struct_size
        ! Status, path, iterations, error, seconds.
        type(otc_report) :: report
        ! S(a, b) (see `otc_sinkhorn_divergence_outputs_f64`).
        real(c_double) :: divergence
        ! OT_ε(a, b).
        real(c_double) :: entropic_ot_xy
        ! OT_ε(a, a).
        real(c_double) :: entropic_ot_xx
        ! OT_ε(b, b).
        real(c_double) :: entropic_ot_yy
        ! Points only: ∂S/∂x (n×d), or `data` NULL.
        type(otc_matrix_mut_f32) :: grad_x
        ! Points only: ∂S/∂y (m×d), or `data` NULL.
        type(otc_matrix_mut_f32) :: grad_y
        ! Points only: ∂S/∂a (n), or NULL.
        type(c_ptr) :: grad_a
        ! Points only: ∂S/∂b (m), or NULL.
        type(c_ptr) :: grad_b
    end type

    ! Options of `otc_sinkhorn_block_step_f64` / `_f32`; fill with
    ! `otc_sinkhorn_block_step_options_default`. Give every block (and the column update) the
    ! same epsilon and penalties.
    type, bind(c) :: otc_sinkhorn_block_step_options
        ! `sizeof(otc_sinkhorn_block_step_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads sharing the block's rows and columns: 0 = `OTCORE_NUM_THREADS` or all
        ! cores, 1 = the calling thread only (one rank per core), k = k workers (k <= 256).
        ! Results are identical for every value.
        integer(c_int32_t) :: num_threads
        ! Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01. The step runs
        ! at this ε (anneal by changing it between steps).
        real(c_double) :: epsilon
        ! KL penalty ρ_a > 0 on the row marginal; `INFINITY` (the default) = balanced. Used by
        ! the row update (κ_a = ρ_a / (ρ_a + ε)) and the marginal error.
        real(c_double) :: rho_a
        ! KL penalty ρ_b > 0 on the column marginal; `INFINITY` (the default) = balanced. The
        ! step reads it only to start its column sums near the last column update's values (the
        ! same ρ_b as the column update's, for speed; the results do not depend on it).
        real(c_double) :: rho_b
    end type

    ! One block of rows of an n×m entropic OT problem, doubles. The block holds `rows` of the n
    ! rows; the cost is given in exactly one of two forms, the other's `data` NULL:
    ! * `cost_block`: the block's rows of the dense cost, rows×m, any strides;
    ! * `x_block` (rows×d) and `y` (m×d): the block's source points and all target points,
    !   squared Euclidean cost `|x_i − y_j|²` computed on the fly (memory O((rows + m)·d)).
    type, bind(c) :: otc_sinkhorn_block_step_problem_f64
        ! `sizeof(otc_sinkhorn_block_step_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! rows×m costs of the block's rows (data NULL when the points are given).
        type(otc_matrix_f64) :: cost_block
        ! rows×d source points of the block (data NULL when `cost_block` is given).
        type(otc_matrix_f64) :: x_block
        ! m×d target points, all of them (data NULL when `cost_block` is given).
        type(otc_matrix_f64) :: y
        ! rows weights of the block's rows (finite, >= 0).
        type(c_ptr) :: a_block
        ! m weights of all columns (finite, >= 0, not all zero).
        type(c_ptr) :: b
        ! m column potentials g (finite; zeros at the first step), from the last column update.
        type(c_ptr) :: g
        ! rows potentials f of the block's rows on entry (finite; zeros at the first step). An
        ! input: it must not overlap `out->f_block` (keep two arrays and swap them).
        type(c_ptr) :: f_block
    end type

    ! `otc_sinkhorn_block_step_problem_f64` with costs, points and weights of floats (the
    ! potentials stay doubles).
    type, bind(c) :: otc_sinkhorn_block_step_problem_f32
        ! `sizeof(otc_sinkhorn_block_step_problem_f32)`.
        integer(c_size_t) :: struct_size
        ! rows×m costs of the block's rows (data NULL when the points are given).
        type(otc_matrix_f32) :: cost_block
        ! rows×d source points of the block (data NULL when `cost_block` is given).
        type(otc_matrix_f32) :: x_block
        ! m×d target points, all of them (data NULL when `cost_block` is given).
        type(otc_matrix_f32) :: y
        ! rows weights of the block's rows (finite, >= 0).
        type(c_ptr) :: a_block
        ! m weights of all columns (finite, >= 0, not all zero).
        type(c_ptr) :: b
        ! m column potentials g (finite; zeros at the first step), from the last column update.
        type(c_ptr) :: g
        ! rows potentials f of the block's rows on entry (finite; zeros at the first step). An
        ! input: it must not overlap `out->f_block` (keep two arrays and swap them).
        type(c_ptr) :: f_block
    end type

    ! A partial log-sum-exp over some rows of one column: the value is `max + log(sum)`;
    ! `{-INFINITY, 0}` is the empty pair. Produced by `otc_sinkhorn_block_step_*`, combined by
    ! `otc_lse_pair_merge`, consumed by `otc_sinkhorn_block_column_update_f64`. Two doubles: send
    ! them as 2 `MPI_DOUBLE`s (or a contiguous type of 2).
    type, bind(c) :: otc_lse_pair
        ! Largest exponent (a partial log-sum-exp); -INFINITY when empty.
        real(c_double) :: max
        ! Sum of exp(x - max) over the rows (>= 0; 0 when empty).
        real(c_double) :: sum
    end type

    ! Results of `otc_sinkhorn_block_step_f64`. `report.iterations` is 1 (one block's share of
    ! one iteration), `report.error` = `marginal_error`. Optional outputs (NULL: not wanted).
    type, bind(c) :: otc_sinkhorn_block_step_outputs_f64
        ! `sizeof(otc_sinkhorn_block_step_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations (1), error (= `marginal_error`), seconds.
        type(otc_report) :: report
        ! The block's part of the L1 marginal error of the potentials on entry (`f_block` and g
        ! of the problem): `Σ_{i in block} |a_i e^{f_i/ε} Σ_j b_j e^{(g_j − C_ij)/ε} −
        ! a_i e^{−f_i/ρ_a}|`, the stopping test of the whole Sinkhorn solve (the parts of all
        ! blocks add up to it).
        real(c_double) :: marginal_error
        ! rows: the block's new potentials `f_i = −κ_a ε log Σ_j b_j exp((g_j − C_ij)/ε)`.
        type(c_ptr) :: f_block
        ! m: the block's column log-sum-exps `log Σ_{i in block} a_i exp((f_i − C_ij)/ε)` from
        ! the new f, to merge over the blocks with `otc_lse_pair_merge`.
        type(c_ptr) :: pairs
    end type

    ! Results of `otc_sinkhorn_block_step_f32`: as `otc_sinkhorn_block_step_outputs_f64`
    ! (potentials, pairs and error are doubles on both paths).
    type, bind(c) :: otc_sinkhorn_block_step_outputs_f32
        ! `sizeof(otc_sinkhorn_block_step_outputs_f32)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations (1), error (= `marginal_error`), seconds.
        type(otc_report) :: report
        ! The block's part of the L1 marginal error of the potentials on entry.
        real(c_double) :: marginal_error
        ! rows: the block's new potentials (NULL: not wanted).
        type(c_ptr) :: f_block
        ! m: the block's column pairs from the new f (NULL: not wanted).
        type(c_ptr) :: pairs
    end type

    ! Options of `otc_sinkhorn_block_column_update_f64`; fill with
    ! `otc_sinkhorn_block_column_update_options_default`.
    type, bind(c) :: otc_sinkhorn_block_column_update_options
        ! `sizeof(otc_sinkhorn_block_column_update_options)`.
        integer(c_size_t) :: struct_size
        ! Checked like every thread count (<= 256, else `OTC_ERR_THREADS`); the O(m) update
        ! always runs on the calling thread.
        integer(c_int32_t) :: num_threads
        ! Entropic regularisation ε > 0, the block steps' (default 0.01).
        real(c_double) :: epsilon
        ! KL penalty ρ_b > 0 on the column marginal; `INFINITY` (the default) = balanced
        ! (κ_b = ρ_b / (ρ_b + ε)).
        real(c_double) :: rho_b
    end type

    ! The pairs of all blocks combined, for the column update (f64 only: pairs and potentials
    ! are doubles on both element types).
    type, bind(c) :: otc_sinkhorn_block_column_update_problem_f64
        ! `sizeof(otc_sinkhorn_block_column_update_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! m pairs, the merge of every block's pairs (each valid and non-empty).
        type(c_ptr) :: pairs
        ! Number of columns m (>= 1).
        integer(c_size_t) :: m
    end type

    ! Results of `otc_sinkhorn_block_column_update_f64`. `report.iterations` is 0 (the step
    ! counts the iteration), `report.error` 0 (none computed).
    type, bind(c) :: otc_sinkhorn_block_column_update_outputs_f64
        ! `sizeof(otc_sinkhorn_block_column_update_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, iterations (0), error (0), seconds.
        type(otc_report) :: report
        ! m: the new column potentials `g_j = −κ_b ε (max_j + log sum_j)` (required).
        type(c_ptr) :: g
    end type

    ! Options of `otc_sinkhorn_partial_f64`; fill with `otc_sinkhorn_partial_options_default`.
    type, bind(c) :: otc_sinkhorn_partial_options
        ! `sizeof(otc_sinkhorn_partial_options)`.
        integer(c_size_t) :: struct_size
        ! Worker threads: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only,
        ! k = k workers (at most 256). Results are identical for every value.
        integer(c_int32_t) :: num_threads
        ! Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01.
        real(c_double) :: epsilon
        ! Stop when the L1 error of the optimality conditions is at most this (0 = run to
        ! `max_iter`). Default 1e-9.
        real(c_double) :: tolerance
        ! Iteration cap (>= 1; an iteration is a row, a column and a mass update); default
        ! 10000. Reaching it gives `OTC_WARN_MAX_ITER`.
        integer(c_int64_t) :: max_iter
        ! Check the error every this many iterations (>= 1, default 10).
        integer(c_int64_t) :: check_every
        ! A target mass above min(Σa, Σb) by at most this relative amount is taken as
        ! min(Σa, Σb) (default 1e-9).
        real(c_double) :: mass_tolerance
        ! Call `callback` at most once every this many iterations, at the error checks (0 =
        ! never, the default).
        integer(c_int64_t) :: callback_every
        ! Progress callback `(callback_data, iterations so far, error)`, on the calling thread;
        ! nonzero stops the solve (`OTC_WARN_CANCELLED`, outputs valid). NULL = none.
        type(c_funptr) :: callback
        ! Passed to `callback` as its first argument.
        type(c_ptr) :: callback_data
    end type

    ! Entropic partial OT: move `mass` (0 < mass ≤ min(Σa, Σb)) from `a` to `b`,
    ! `min ⟨C, P⟩ + ε·KL(P | a⊗b)` over P ≥ 0 with P·1 ≤ a, Pᵀ·1 ≤ b, Σ P = mass.
    type, bind(c) :: otc_sinkhorn_partial_problem_f64
        ! `sizeof(otc_sinkhorn_partial_problem_f64)`.
        integer(c_size_t) :: struct_size
        ! Source weights (n; finite, ≥ 0).
        type(c_ptr) :: a
        ! Number of sources n ≥ 1.
        integer(c_size_t) :: n
        ! Target weights (m; finite, ≥ 0).
        type(c_ptr) :: b
        ! Number of targets m ≥ 1.
        integer(c_size_t) :: m
        ! The n × m cost (finite; any strides, read in place).
        type(otc_matrix_f64) :: cost
        ! Mass to transport (finite, > 0, ≤ min(Σa, Σb) up to `mass_tolerance`).
        real(c_double) :: mass
    end type

    ! Results of `otc_sinkhorn_partial_f64`. `report.iterations`: iterations; `report.error`:
    ! the L1 error of the optimality conditions (the marginals where a dual is < 0, their
    ! excess over the weights where it is 0, and the mass); `report.path`: 0. Optional outputs:
    ! NULL (a view's `data` NULL) when not wanted.
    type, bind(c) :: otc_sinkhorn_partial_outputs_f64
        ! `sizeof(otc_sinkhorn_partial_outputs_f64)`.
        integer(c_size_t) :: struct_size
        ! Status, path (0), iterations, error, seconds.
        type(otc_report) :: report
        ! ⟨C, P⟩ + ε·KL(P | a⊗b), computed as the dual objective a·f + b·g + mass·λ −
        ! ε(ΣP − Σa·Σb).
        real(c_double) :: entropic_ot
        ! ⟨C, P⟩ = Σ_ij C_ij P_ij, without the entropy term.
        real(c_double) :: transport_cost
        ! Transported mass Σ P_ij (the problem's `mass`, clamped to min(Σa, Σb)).
        real(c_double) :: transported_mass
        ! λ, the price of the mass constraint (the derivative of `entropic_ot` in the mass).
        real(c_double) :: mass_price
        ! Row duals f ≤ 0 (n), or NULL: `P_ij = a_i b_j exp((f_i + g_j + λ − C_ij)/ε)`.
        type(c_ptr) :: f
        ! Column duals g ≤ 0 (m), or NULL.
        type(c_ptr) :: g
        ! Dense plan, an n × m view (any strides, distinct elements); `data` NULL: not wanted.
        type(otc_matrix_mut_f64) :: plan
    end type

    ! Success.
    integer(c_int32_t), parameter :: OTC_OK = 0

    ! An iterative method stopped at its iteration cap before meeting its tolerance; the
    ! outputs hold the last iterate and are valid.
    integer(c_int32_t), parameter :: OTC_WARN_MAX_ITER = 1

    ! A matrix was singular or rank-deficient; a documented fallback (pseudo-inverse) was used.
    integer(c_int32_t), parameter :: OTC_WARN_SINGULAR = 2

    ! The options' callback asked the solver to stop; the outputs hold the iterate reached and
    ! are valid (as at the iteration cap).
    integer(c_int32_t), parameter :: OTC_WARN_CANCELLED = 3

    ! A required pointer is NULL.
    integer(c_int32_t), parameter :: OTC_ERR_NULL_POINTER = 100

    ! A dimension is zero, or dimensions that must agree do not.
    integer(c_int32_t), parameter :: OTC_ERR_INVALID_DIMENSION = 101

    ! A parameter is out of range, or an integer names no known enumerator.
    integer(c_int32_t), parameter :: OTC_ERR_INVALID_ARGUMENT = 102

    ! An input holds NaN or an infinity.
    integer(c_int32_t), parameter :: OTC_ERR_NON_FINITE = 103

    ! The two marginals do not carry the same mass within tolerance.
    integer(c_int32_t), parameter :: OTC_ERR_MASS_MISMATCH = 104

    ! The problem has no feasible solution.
    integer(c_int32_t), parameter :: OTC_ERR_INFEASIBLE = 105

    ! The workspace is smaller than the `*_workspace_size` query said.
    integer(c_int32_t), parameter :: OTC_ERR_WORKSPACE_TOO_SMALL = 106

    ! An options struct's `struct_size` does not match this library (header/library mismatch).
    integer(c_int32_t), parameter :: OTC_ERR_ABI_MISMATCH = 107

    ! A numerical failure the inputs did not announce.
    integer(c_int32_t), parameter :: OTC_ERR_NUMERICAL = 108

    ! A stride is invalid (zero where it must not be, misaligned data, or a view that does not
    ! fit in the address space).
    integer(c_int32_t), parameter :: OTC_ERR_INVALID_STRIDE = 109

    ! An output overlaps itself or an input.
    integer(c_int32_t), parameter :: OTC_ERR_ALIASING = 110

    ! A matrix that must be symmetric positive semi-definite is not, beyond rounding.
    integer(c_int32_t), parameter :: OTC_ERR_NOT_PSD = 111

    ! A size computation overflows.
    integer(c_int32_t), parameter :: OTC_ERR_OVERFLOW = 112

    ! The worker threads could not be started.
    integer(c_int32_t), parameter :: OTC_ERR_THREADS = 113

    ! An allocation failed; `otc_last_error_message` names the bytes asked. Nothing was written.
    integer(c_int32_t), parameter :: OTC_ERR_OUT_OF_MEMORY = 114

    ! A panic inside otcore (a bug: please report it with the message).
    integer(c_int32_t), parameter :: OTC_ERR_PANIC = 199

    interface
        ! Writes the default options (`num_threads = 0`) into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_assignment_options`.
        function otc_assignment_options_default(opts) &
                bind(c, name="otc_assignment_options_default") result(res)
            import
            type(otc_assignment_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_assignment_f64` needs for `problem` with `opts` (NULL: defaults):
        ! about 81·n bytes per worker up to n = 899, about 0.7 KB per row from n = 900 to 1024 (an
        ! auction's candidate arcs), about 1.8 KB per row from n = 1025 on (the candidate-arc
        ! method), for `min(threads, count)` workers, plus 80 bytes per problem.
        ! Depends on the count, n (the rows of `costs[0]`) and the thread count only; starts no
        ! thread. O(1) time.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (count 0, n = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes),
        ! `problem->costs` valid for `count` views; `bytes` valid for writes.
        function otc_assignment_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_assignment_workspace_size_f64") result(res)
            import
            type(otc_assignment_problem_f64), intent(in) :: problem
            type(otc_assignment_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Solves the linear assignment problem `min_σ Σ_i C[i, σ(i)]` over permutations σ for each
        ! of the k n × n costs of `problem`, exactly, by Jonker–Volgenant (LAPJV) in double
        ! precision, with dual potentials (u, v) certifying optimality. One problem runs on one
        ! thread; the problems of a batch are shared by `opts->num_threads` workers (results
        ! identical for every thread count). Time O(n²) for the reductions plus O(n) per row scanned
        ! by the shortest-path searches (O(n³) worst case) per problem; workspace from
        ! `otc_assignment_workspace_size_f64` (or `{NULL, 0}`: allocated). Every problem is checked
        ! before any output is written.
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_CANCELLED` (the callback stopped the solve: see
        ! `otc_assignment_options.callback` for the outputs); `OTC_ERR_NULL_POINTER`,
        ! `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (count 0, a cost not square or of another size than
        ! `costs[0]`), `OTC_ERR_NON_FINITE` (a NaN or infinite cost; the message names problem and
        ! entry), `OTC_ERR_INVALID_ARGUMENT` (costs so large that the duals could overflow),
        ! `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING` (an output overlaps an input or another
        ! output), `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
        ! `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_assignment_f64(problem, out, opts, work) &
                bind(c, name="otc_assignment_f64") result(res)
            import
            type(otc_assignment_problem_f64), intent(in) :: problem
            type(otc_assignment_outputs_f64), intent(inout) :: out
            type(otc_assignment_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (0 threads, max_iter 1000, ε = 1e-2, tol = 1e-9) into `*opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` is NULL or valid for writes of one `otc_barycenter_options`.
        function otc_barycenter_options_default(opts) &
                bind(c, name="otc_barycenter_options_default") result(res)
            import
            type(otc_barycenter_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (0 threads, max_iter 1000, ε = 1e-2, tol = 1e-9) into `*opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` is NULL or valid for writes of one `otc_convolutional_barycenter_options`.
        function otc_convolutional_barycenter_options_default(opts) &
                bind(c, name="otc_convolutional_barycenter_options_default") result(res)
            import
            type(otc_convolutional_barycenter_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_barycenter_f64` needs for `problem` (n and k, the sizes of
        ! `hists`; no data is read) and `opts`: `(3k + 3)·n` doubles plus alignment.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_ARGUMENT` (max_iter 0), `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` is NULL or valid for writes.
        function otc_barycenter_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_barycenter_workspace_size_f64") result(res)
            import
            type(otc_barycenter_problem_f64), intent(in) :: problem
            type(otc_barycenter_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_barycenter_f32` needs: `(3k + 3)·n` floats plus alignment.
        !
        ! Statuses: as `otc_barycenter_workspace_size_f64`.
        !
        ! # Safety
        ! As `otc_barycenter_workspace_size_f64`.
        function otc_barycenter_workspace_size_f32(problem, opts, bytes) &
                bind(c, name="otc_barycenter_workspace_size_f32") result(res)
            import
            type(otc_barycenter_problem_f32), intent(in) :: problem
            type(otc_barycenter_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Fixed-support entropic Wasserstein barycenter by iterative Bregman projections in the log
        ! domain (Benamou et al. 2015): the histogram p minimising `Σ_c λ_c OT_ε(p, a_c)` for the
        ! k histograms `problem->hists` (n × k), weights λ (`problem->weights` normalised, NULL =
        ! uniform) and cost `problem->cost` (n × n), entropic regularisation `opts->epsilon`
        ! (kernel `exp(−C/ε)`). Writes `out->barycenter` (n) and the report (iterations; error = the
        ! marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`, units of mass). Time O(k n²) per iteration,
        ! its log-sum-exp rows shared by `opts->num_threads` threads (the same bits for every
        ! count); workspace `(3k + 3)·n` values (`otc_barycenter_workspace_size_f64`, or
        ! `{NULL, 0}`: allocated).
        !
        ! Progress: `opts->callback` (when set) receives `(iterations, marginal error)` every
        ! `opts->callback_every` iterations, on the calling thread.
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tol not met within max_iter; outputs valid);
        ! `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid: the current iterate);
        ! `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (zero sizes,
        ! cost not n × n), `OTC_ERR_INVALID_ARGUMENT` (ε, tol, max_iter, negative masses or
        ! weights), `OTC_ERR_MASS_MISMATCH` (a histogram not summing to 1), `OTC_ERR_NON_FINITE`,
        ! `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`, `OTC_ERR_ALIASING` (an output overlaps an
        ! input or the other output), `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
        ! `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
        ! bytes); every non-NULL pointer and view in them is valid for its stated size;
        ! `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
        function otc_barycenter_f64(problem, out, opts, work) &
                bind(c, name="otc_barycenter_f64") result(res)
            import
            type(otc_barycenter_problem_f64), intent(in) :: problem
            type(otc_barycenter_outputs_f64), intent(inout) :: out
            type(otc_barycenter_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! `otc_barycenter_f64` in float: histograms, cost, weights and output are floats; the
        ! log-sum-exps run in float, the weight sums and the marginal error in double.
        !
        ! Statuses: as `otc_barycenter_f64`.
        !
        ! # Safety
        ! As `otc_barycenter_f64`.
        function otc_barycenter_f32(problem, out, opts, work) &
                bind(c, name="otc_barycenter_f32") result(res)
            import
            type(otc_barycenter_problem_f32), intent(in) :: problem
            type(otc_barycenter_outputs_f32), intent(inout) :: out
            type(otc_barycenter_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_convolutional_barycenter_f64` needs for `problem` (h, w and k,
        ! the columns of `images`; no data is read) and `opts`: `(3k + 5)·hw + h + 2w + 2(h² + w²)`
        ! doubles plus alignment.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_ARGUMENT` (max_iter 0), `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` is NULL or valid for writes.
        function otc_convolutional_barycenter_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_convolutional_barycenter_workspace_size_f64") result(res)
            import
            type(otc_convolutional_barycenter_problem_f64), intent(in) :: problem
            type(otc_convolutional_barycenter_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_convolutional_barycenter_f32` needs: as the f64 query, in floats.
        !
        ! Statuses: as `otc_convolutional_barycenter_workspace_size_f64`.
        !
        ! # Safety
        ! As `otc_convolutional_barycenter_workspace_size_f64`.
        function otc_convolutional_barycenter_workspace_size_f32(problem, opts, bytes) &
                bind(c, name="otc_convolutional_barycenter_workspace_size_f32") result(res)
            import
            type(otc_convolutional_barycenter_problem_f32), intent(in) :: problem
            type(otc_convolutional_barycenter_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Convolutional entropic barycenter on an h × w grid of the unit square (Solomon et al.
        ! 2015; separable Gaussian kernel `exp(−d²/ε)` applied in the log domain, as POT's
        ! `convolutional_barycenter2d`): the image p minimising `Σ_c λ_c OT_ε(p, a_c)` for the k
        ! images `problem->images` ((h·w) × k, pixel (r, col) at row `r·w + col`) and weights λ
        ! (`problem->weights` normalised, NULL = uniform). Writes `out->barycenter` (h·w, the same
        ! layout) and the report (iterations; error = the marginal error
        ! `max_k Σ_i |u_k ⊙ K v_k − p|`, units of mass). Per iteration `2k` stabilised
        ! log-convolutions, each two matmuls (`O(hw(h + w))`) and `O(hw)` exps; workspace
        ! `O(k·hw + h² + w²)` (`otc_convolutional_barycenter_workspace_size_f64`, or `{NULL, 0}`:
        ! allocated). The same bits for every `num_threads`.
        !
        ! Progress: `opts->callback` (when set) receives `(iterations, marginal error)` every
        ! `opts->callback_every` iterations, on the calling thread.
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tol not met within max_iter; outputs valid);
        ! `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid: the current iterate);
        ! `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (zero sizes,
        ! height·width not the rows of images: checked before anything is sized from them),
        ! `OTC_ERR_INVALID_ARGUMENT` (ε, tol, max_iter, negative masses or weights),
        ! `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`,
        ! `OTC_ERR_OVERFLOW`, `OTC_ERR_ALIASING`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
        ! `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (the separable convolutions once h·w·max(h, w) > 4096): see docs/abi.md,
        ! Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
        ! bytes); every non-NULL pointer and view in them is valid for its stated size;
        ! `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
        function otc_convolutional_barycenter_f64(problem, out, opts, work) &
                bind(c, name="otc_convolutional_barycenter_f64") result(res)
            import
            type(otc_convolutional_barycenter_problem_f64), intent(in) :: problem
            type(otc_convolutional_barycenter_outputs_f64), intent(inout) :: out
            type(otc_convolutional_barycenter_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! `otc_convolutional_barycenter_f64` in float: images, weights and output are floats; the
        ! log-convolutions run in float, the weight sums and the marginal error in double.
        !
        ! Statuses: as `otc_convolutional_barycenter_f64`.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (the separable convolutions once h·w·max(h, w) > 4096): see docs/abi.md,
        ! Memory.
        !
        ! # Safety
        ! As `otc_convolutional_barycenter_f64`.
        function otc_convolutional_barycenter_f32(problem, out, opts, work) &
                bind(c, name="otc_convolutional_barycenter_f32") result(res)
            import
            type(otc_convolutional_barycenter_problem_f32), intent(in) :: problem
            type(otc_convolutional_barycenter_outputs_f32), intent(inout) :: out
            type(otc_convolutional_barycenter_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options of `otc_free_support_barycenter_f64` into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_free_support_barycenter_options`.
        function otc_free_support_barycenter_options_default(opts) &
                bind(c, name="otc_free_support_barycenter_options_default") result(res)
            import
            type(otc_free_support_barycenter_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_free_support_barycenter_f64` needs for `problem` (its shapes and
        ! `sizes`) with `opts` (NULL: defaults): per worker, an m × max(sizes) cost and the network
        ! simplex's O(m + n) arrays (exact inner solves) or Sinkhorn's O((m + n)·d) (entropic);
        ! k·m·d projections; the k problems' potentials (entropic).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_ARGUMENT` (an unknown `inner`),
        ! `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes),
        ! `problem->sizes` valid for k values; `bytes` valid for writes.
        function otc_free_support_barycenter_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_free_support_barycenter_workspace_size_f64") result(res)
            import
            type(otc_free_support_barycenter_problem_f64), intent(in) :: problem
            type(otc_free_support_barycenter_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! The free-support Wasserstein barycenter of k point clouds (Cuturi & Doucet 2014): with the
        ! support weights `a` fixed, each iteration solves the k exact OT problems between the
        ! support and the measures for the squared Euclidean cost (network simplex; or entropic OT by
        ! Sinkhorn at `opts->epsilon` with `opts->inner = OTC_FREE_SUPPORT_INNER_SINKHORN`, the
        ! projections `Σ_l P^i_jl y_il / Σ_l P^i_jl` streamed from the potentials) and moves every
        ! support point to `Σ_i λ_i T_i(x_j) / Σλ`, `T_i(x_j) = Σ_l P^i_jl y_il / a_j` (its barycentric
        ! projection); the objective never increases. Stops when no point moves more than
        ! `opts->tol`, after `opts->max_iter` iterations (`OTC_WARN_MAX_ITER`) or when the callback
        ! (called once per iteration) stops it (`OTC_WARN_CANCELLED`); `out->x` then holds the support
        ! reached. Time O(iterations · Σ_i (m·n_i·d + emd(m, n_i))), the k problems shared by
        ! `opts->num_threads` workers (results identical for every count); workspace from
        ! `otc_free_support_barycenter_workspace_size_f64` (or `{NULL, 0}`: allocated).
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER`; `OTC_WARN_CANCELLED`; `OTC_ERR_NULL_POINTER`,
        ! `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`,
        ! `OTC_ERR_INVALID_ARGUMENT` (negative weights or λ, Σλ = 0, a bad `tol`, an unknown
        ! `inner`, a bad `epsilon`, `inner_max_iter` or `inner_tolerance`), `OTC_ERR_NUMERICAL`
        ! (an inner Sinkhorn solve overflowed), `OTC_ERR_MASS_MISMATCH` (naming the measure), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
        ! `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
        ! `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_free_support_barycenter_f64(problem, out, opts, work) &
                bind(c, name="otc_free_support_barycenter_f64") result(res)
            import
            type(otc_free_support_barycenter_problem_f64), intent(in) :: problem
            type(otc_free_support_barycenter_outputs_f64), intent(inout) :: out
            type(otc_free_support_barycenter_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! The detail of the last failure (or warning) on the calling thread, as a NUL-terminated
        ! string; "" when the last otcore call on this thread succeeded without warning.
        !
        ! Never NULL. The string belongs to otcore and stays valid until the next otcore call on the
        ! same thread; copy it to keep it. It holds at most 511 bytes: a longer detail is cut (at a
        ! character boundary) and ends with "...". Recording it never allocates. During thread or process teardown (from `atexit`
        ! handlers, C++ static destructors, thread-key destructors), when the thread's storage is
        ! gone, a fixed text saying so is returned instead: use `otc_status_message` there.
        function otc_last_error_message() &
                bind(c, name="otc_last_error_message") result(res)
            import
            type(c_ptr) :: res
        end function
        ! Writes the default options (0 threads, squared Euclidean, p = 2) into `*opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` is NULL or valid for writes of one `otc_cost_matrix_options`.
        function otc_cost_matrix_options_default(opts) &
                bind(c, name="otc_cost_matrix_options_default") result(res)
            import
            type(otc_cost_matrix_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_cost_matrix_f64` needs for `problem` (the sizes n, m, d of its
        ! views; their data is not read) and `opts` (NULL: defaults): O((n + m)·d).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_ARGUMENT` (unknown metric, bad p), `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` is NULL or valid for writes.
        function otc_cost_matrix_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_cost_matrix_workspace_size_f64") result(res)
            import
            type(otc_cost_matrix_problem_f64), intent(in) :: problem
            type(otc_cost_matrix_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_cost_matrix_f32` needs: as `otc_cost_matrix_workspace_size_f64`.
        !
        ! Statuses: as `otc_cost_matrix_workspace_size_f64`.
        !
        ! # Safety
        ! As `otc_cost_matrix_workspace_size_f64`.
        function otc_cost_matrix_workspace_size_f32(problem, opts, bytes) &
                bind(c, name="otc_cost_matrix_workspace_size_f32") result(res)
            import
            type(otc_cost_matrix_problem_f32), intent(in) :: problem
            type(otc_cost_matrix_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Cost matrix of f64 points: `out->cost[i, j] = metric(x_i, y_j)` for the rows of
        ! `problem->x` (n × d) and `problem->y` (m × d), the metric and its exponent from `opts`
        ! (NULL: squared Euclidean). O(n·m·d) time, O((n + m)·d) workspace
        ! (`otc_cost_matrix_workspace_size_f64`, or `{NULL, 0}`: allocated); the same bits for every
        ! thread count. Squared Euclidean, Euclidean and cosine at d ≥ 16 use a matrix product;
        ! duplicated points still get exactly 0.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (a zero size, d or the shape of `out->cost` mismatched),
        ! `OTC_ERR_NON_FINITE` (a NaN or infinite coordinate; the message names it),
        ! `OTC_ERR_INVALID_ARGUMENT` (metric, p), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_ALIASING` (an output overlaps an input or the other output),
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (squared Euclidean, Euclidean and cosine costs with d ≥ 16): see
        ! docs/abi.md, Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
        ! bytes); every element their views address is readable (x, y) or writable (cost) memory
        ! of the caller; `work.data` is NULL or valid for `work.bytes` bytes and overlaps no
        ! argument.
        function otc_cost_matrix_f64(problem, out, opts, work) &
                bind(c, name="otc_cost_matrix_f64") result(res)
            import
            type(otc_cost_matrix_problem_f64), intent(in) :: problem
            type(otc_cost_matrix_outputs_f64), intent(inout) :: out
            type(otc_cost_matrix_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Cost matrix of f32 points: as `otc_cost_matrix_f64`, in single precision.
        !
        ! Statuses: as `otc_cost_matrix_f64`.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (squared Euclidean, Euclidean and cosine costs with d ≥ 16): see
        ! docs/abi.md, Memory.
        !
        ! # Safety
        ! As `otc_cost_matrix_f64`.
        function otc_cost_matrix_f32(problem, out, opts, work) &
                bind(c, name="otc_cost_matrix_f32") result(res)
            import
            type(otc_cost_matrix_problem_f32), intent(in) :: problem
            type(otc_cost_matrix_outputs_f32), intent(inout) :: out
            type(otc_cost_matrix_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (`num_threads = 0`, `mass_tolerance = 1e-9`,
        ! `arcs_per_node = 16`, no callback) into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_emd_grid_options`.
        function otc_emd_grid_options_default(opts) &
                bind(c, name="otc_emd_grid_options_default") result(res)
            import
            type(otc_emd_grid_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_emd_grid_f64` needs for `problem` (its grid) with `opts` (NULL:
        ! defaults): O(n · arcs_per_node), 16 bytes an arc (about 35 MB at 256 × 256 with the
        ! defaults). Reads the grid only. O(levels) time.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (ndim, a zero size, too many pixels), `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes),
        ! `problem->shape` (and `spacing` unless NULL) valid for `ndim` elements; `bytes` valid for
        ! writes.
        function otc_emd_grid_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_emd_grid_workspace_size_f64") result(res)
            import
            type(otc_emd_grid_problem_f64), intent(in) :: problem
            type(otc_emd_grid_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Exact optimal transport between the histograms `problem->a` and `problem->b` on the
        ! grid of `problem` for the squared Euclidean cost, by a sparse multiscale network simplex
        ! (Schmitzer 2016): a coarse-to-fine hierarchy, pivots on a sparse arc set, and checks of
        ! all n² reduced costs by distance transforms that add violating arcs until none is left.
        ! The n × n cost is never formed. Time: typically O(n) arcs and a few O(n) checks per level
        ! plus the pivots; workspace from `otc_emd_grid_workspace_size_f64` (or `{NULL, 0}`:
        ! allocated). Zero-mass pixels get the largest duals keeping every reduced cost ≥ 0.
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_CANCELLED` (the callback stopped the solve: a feasible
        ! plan, maybe not optimal, `gap` < 0 says how far); `OTC_ERR_NULL_POINTER`,
        ! `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (ndim, a zero size, too many pixels),
        ! `OTC_ERR_INVALID_ARGUMENT` (a spacing ≤ 0, a negative weight or tolerance),
        ! `OTC_ERR_NON_FINITE`, `OTC_ERR_MASS_MISMATCH` (naming the heavier side),
        ! `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
        ! `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_emd_grid_f64(problem, out, opts, work) &
                bind(c, name="otc_emd_grid_f64") result(res)
            import
            type(otc_emd_grid_problem_f64), intent(in) :: problem
            type(otc_emd_grid_outputs_f64), intent(inout) :: out
            type(otc_emd_grid_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (`num_threads = 0`, `max_iter = 2^40`,
        ! `mass_tolerance = 1e-9`) into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_emd_partial_options`.
        function otc_emd_partial_options_default(opts) &
                bind(c, name="otc_emd_partial_options_default") result(res)
            import
            type(otc_emd_partial_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_emd_partial_f64` needs for `problem` (its n and m) with `opts`
        ! (NULL: defaults): O(n + m), the balanced simplex's on (n + 1) × (m + 1); the cost is never
        ! copied. O(1) time.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (n or m = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_emd_partial_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_emd_partial_workspace_size_f64") result(res)
            import
            type(otc_emd_partial_problem_f64), intent(in) :: problem
            type(otc_emd_partial_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Exact partial OT between `problem->a` (n) and `problem->b` (m) for the n × m cost: moves
        ! `problem->mass` at least cost, by the network simplex on the problem with one dummy row
        ! and column (as POT's `partial_wasserstein`). Time as the balanced network simplex on
        ! (n + 1) × (m + 1); workspace from `otc_emd_partial_workspace_size_f64` (or `{NULL, 0}`).
        ! Σa = 0 or Σb = 0 is allowed (then `mass` must be 0).
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (feasible plan, P·1 ≤ a, Pᵀ·1 ≤ b, maybe not
        ! optimal); `OTC_WARN_CANCELLED` (the callback stopped the solve: the same feasible outputs
        ! as after `max_iter`); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
        ! `OTC_ERR_INVALID_ARGUMENT` (a negative weight or cost, a mass above min(Σa, Σb), a
        ! negative tolerance), `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
        ! `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
        ! `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_emd_partial_f64(problem, out, opts, work) &
                bind(c, name="otc_emd_partial_f64") result(res)
            import
            type(otc_emd_partial_problem_f64), intent(in) :: problem
            type(otc_emd_partial_outputs_f64), intent(inout) :: out
            type(otc_emd_partial_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (`num_threads = 0`, `max_iter = 2^40`) into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_emd_unbalanced_tv_options`.
        function otc_emd_unbalanced_tv_options_default(opts) &
                bind(c, name="otc_emd_unbalanced_tv_options_default") result(res)
            import
            type(otc_emd_unbalanced_tv_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_emd_unbalanced_tv_f64` needs for `problem` (its n and m) with
        ! `opts` (NULL: defaults): O(n + m), as `otc_emd_partial_workspace_size_f64`. O(1) time.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (n or m = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_emd_unbalanced_tv_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_emd_unbalanced_tv_workspace_size_f64") result(res)
            import
            type(otc_emd_unbalanced_tv_problem_f64), intent(in) :: problem
            type(otc_emd_unbalanced_tv_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Exact TV-unbalanced OT between `problem->a` (n) and `problem->b` (m) for the n × m cost
        ! with penalty `problem->rho`: the network simplex on the problem with a dummy row of mass
        ! Σb and a dummy column of mass Σa (creating or destroying mass at ρ a unit). Time as the
        ! balanced network simplex on (n + 1) × (m + 1); workspace from
        ! `otc_emd_unbalanced_tv_workspace_size_f64` (or `{NULL, 0}`).
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (feasible plan, maybe not optimal);
        ! `OTC_WARN_CANCELLED` (the callback stopped the solve: the same feasible outputs as after
        ! `max_iter`); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
        ! `OTC_ERR_INVALID_ARGUMENT` (a negative weight, cost or ρ), `OTC_ERR_NON_FINITE`,
        ! `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_emd_unbalanced_tv_f64(problem, out, opts, work) &
                bind(c, name="otc_emd_unbalanced_tv_f64") result(res)
            import
            type(otc_emd_unbalanced_tv_problem_f64), intent(in) :: problem
            type(otc_emd_unbalanced_tv_outputs_f64), intent(inout) :: out
            type(otc_emd_unbalanced_tv_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (`num_threads = 0`, squared Euclidean, `p = 2`,
        ! `max_iter = 2^40`, `mass_tolerance = 1e-9`, no callback) into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_emd_points_options`.
        function otc_emd_points_options_default(opts) &
                bind(c, name="otc_emd_points_options_default") result(res)
            import
            type(otc_emd_points_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_emd_points_f64` needs for `problem` (the sizes n, m, d of its
        ! views; no data is read) with `opts` (NULL: defaults): O((n + m)·d), about
        ! 100·(n + m) + 8·(n + m + 16)·d bytes, and for d ≤ 3 at least the multiscale solver's,
        ! about 700·(n + m) bytes. No n × m array.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (d of x and y differ), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_emd_points_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_emd_points_workspace_size_f64") result(res)
            import
            type(otc_emd_points_problem_f64), intent(in) :: problem
            type(otc_emd_points_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Exact optimal transport between the weighted clouds of `problem` for the cost
        ! `C_ij = metric(x_i, y_j)` (`opts->metric`, `opts->p`), by the network simplex of
        ! `otc_emd_f64` with the costs computed on the fly from the coordinates (in SIMD lanes, a
        ! pricing block at a time): the n × m cost is never stored. Optimality is certified by the
        ! duals: `out->gap` is the most negative reduced cost over all n·m arcs, computed the same
        ! way. Time O(pivots · (√(n·m)·d + tree path)), on the calling thread; workspace
        ! O((n + m)·d) from `otc_emd_points_workspace_size_f64` (or `{NULL, 0}`: allocated).
        ! Zero-weight points are allowed (removed, then given the largest feasible duals).
        ! For the squared Euclidean cost in d ≤ 3 (with the default `max_iter`), the multiscale
        ! solver runs instead: a coarse-to-fine hierarchy of each cloud (Z order), a network simplex
        ! on a sparse arc set grown by shielding neighbourhoods, and checks of all n·m arcs (a
        ! branch-and-bound search of each point's best arc) until none has a negative reduced cost;
        ! same outputs and certificate, `report.iterations` the pivots of all levels, and
        ! `callback` called once per check of all arcs (pivots so far, rows and columns with a
        ! violated arc).
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER`, `OTC_WARN_CANCELLED` (a feasible plan, `gap`
        ! says how far from optimal); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (a zero size, d of x and y differ), `OTC_ERR_NON_FINITE` (a
        ! coordinate or weight; the message names it), `OTC_ERR_INVALID_ARGUMENT` (metric, p,
        ! cosine, negative weights, coordinates so large that a cost could overflow, a bad
        ! `mass_tolerance`), `OTC_ERR_MASS_MISMATCH` (naming the heavier side),
        ! `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_emd_points_f64(problem, out, opts, work) &
                bind(c, name="otc_emd_points_f64") result(res)
            import
            type(otc_emd_points_problem_f64), intent(in) :: problem
            type(otc_emd_points_outputs_f64), intent(inout) :: out
            type(otc_emd_points_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options of `otc_emd_f64` into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_emd_options`.
        function otc_emd_options_default(opts) &
                bind(c, name="otc_emd_options_default") result(res)
            import
            type(otc_emd_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_emd_f64` needs for `problem` (only its n and m are read) with
        ! `opts` (NULL: defaults): O(n + m), about 100·(n + m) bytes; the cost is never copied.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (n or m is 0), `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_emd_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_emd_workspace_size_f64") result(res)
            import
            type(otc_emd_problem_f64), intent(in) :: problem
            type(otc_emd_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Exact optimal transport between histograms `a` (n) and `b` (m) for the n × m cost, by the
        ! network simplex (LEMON's Block Search pricing, strongly feasible trees), in double
        ! precision, on the calling thread. Optimality is certified by the duals: `out->gap` is the
        ! most negative reduced cost over all n·m arcs. Time O(pivots · (√(n·m) + tree path));
        ! workspace O(n + m) from `otc_emd_workspace_size_f64` (or `{NULL, 0}`: allocated).
        !
        ! Zero-weight rows and columns are allowed (removed, then given the largest feasible duals).
        ! Masses must agree within `opts->mass_tolerance`; b is then rescaled to a's mass.
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (the plan is feasible, `out->gap` says how far
        ! from optimal); `OTC_WARN_CANCELLED` (the callback stopped the solve: the same feasible
        ! outputs as after `max_iter`); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
        ! `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative weights or costs, costs so large
        ! that the potentials would overflow, a bad `mass_tolerance`), `OTC_ERR_MASS_MISMATCH`
        ! (naming the heavier side), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_emd_f64(problem, out, opts, work) &
                bind(c, name="otc_emd_f64") result(res)
            import
            type(otc_emd_problem_f64), intent(in) :: problem
            type(otc_emd_outputs_f64), intent(inout) :: out
            type(otc_emd_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options of `otc_emd_batch_f64` into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_emd_batch_options`.
        function otc_emd_batch_options_default(opts) &
                bind(c, name="otc_emd_batch_options_default") result(res)
            import
            type(otc_emd_batch_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_emd_batch_f64` needs for `problem` (its count, n and m) with
        ! `opts` (NULL: defaults): about 100·(n + m) bytes per worker (`min(threads, count)`
        ! workers) plus 80 bytes per problem.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (count, n or m is 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_emd_batch_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_emd_batch_workspace_size_f64") result(res)
            import
            type(otc_emd_batch_problem_f64), intent(in) :: problem
            type(otc_emd_batch_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Solves the k transport problems of `problem` exactly, each by the network simplex of
        ! `otc_emd_f64` on one thread; `opts->num_threads` workers share the problems (results
        ! identical for every thread count). Every problem is validated before anything is solved.
        ! Time: k times that of `otc_emd_f64`, over the workers; workspace from
        ! `otc_emd_batch_workspace_size_f64` (or `{NULL, 0}`: allocated).
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (`out->capped` problems reached `max_iter`; their
        ! plans are feasible); `OTC_WARN_CANCELLED` (the callback stopped the batch: see
        ! `otc_emd_batch_options.callback` for what the skipped problems' outputs hold); the errors of `otc_emd_f64`, the message naming the problem; nothing
        ! is written on an error.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_emd_batch_f64(problem, out, opts, work) &
                bind(c, name="otc_emd_batch_f64") result(res)
            import
            type(otc_emd_batch_problem_f64), intent(in) :: problem
            type(otc_emd_batch_outputs_f64), intent(inout) :: out
            type(otc_emd_batch_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options of `otc_wasserstein_1d_f64` into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_wasserstein_1d_options`.
        function otc_wasserstein_1d_options_default(opts) &
                bind(c, name="otc_wasserstein_1d_options_default") result(res)
            import
            type(otc_wasserstein_1d_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_wasserstein_1d_f64` needs for `problem` (its n and m) with `opts`
        ! (NULL: defaults): two index arrays, O(n + m).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (n or m is 0), `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_wasserstein_1d_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_wasserstein_1d_workspace_size_f64") result(res)
            import
            type(otc_wasserstein_1d_problem_f64), intent(in) :: problem
            type(otc_wasserstein_1d_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Exact optimal transport on the line for the cost |x − y|^p, p ≥ 1: the monotone
        ! (north-west corner on sorted samples) plan is optimal. Writes `out->wp_p` and, when wanted,
        ! the plan. Samples are sorted through index arrays in the workspace (the inputs are never
        ! reordered). Time O((n + m) log(n + m)), O(n + m) for sorted samples; workspace from
        ! `otc_wasserstein_1d_workspace_size_f64` (or `{NULL, 0}`: allocated).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (p < 1,
        ! negative weights), `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_wasserstein_1d_f64(problem, out, opts, work) &
                bind(c, name="otc_wasserstein_1d_f64") result(res)
            import
            type(otc_wasserstein_1d_problem_f64), intent(in) :: problem
            type(otc_wasserstein_1d_outputs_f64), intent(inout) :: out
            type(otc_wasserstein_1d_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options of `otc_sliced_wasserstein_f64` into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_sliced_wasserstein_options`.
        function otc_sliced_wasserstein_options_default(opts) &
                bind(c, name="otc_sliced_wasserstein_options_default") result(res)
            import
            type(otc_sliced_wasserstein_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_sliced_wasserstein_f64` needs for `problem` (the sizes of its
        ! views) with `opts` (NULL: defaults): per worker (`min(threads, k)` of them) the
        ! projections, sort indices and a direction, 16·(n + m) + 8·d bytes, plus 8 bytes per
        ! direction.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_sliced_wasserstein_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_sliced_wasserstein_workspace_size_f64") result(res)
            import
            type(otc_sliced_wasserstein_problem_f64), intent(in) :: problem
            type(otc_sliced_wasserstein_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Sliced Wasserstein SW_p^p between two weighted point clouds: the mean over k directions of
        ! the exact 1-D transport cost of the projections (see `otc_wasserstein_1d_f64`). Threads
        ! (`opts->num_threads`) split the directions; the result is identical for every thread
        ! count. Time O(k (n + m)(d + log(n + m))); workspace from
        ! `otc_sliced_wasserstein_workspace_size_f64` (or `{NULL, 0}`: allocated).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (no direction, dimensions that disagree),
        ! `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (p < 1, negative weights),
        ! `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_sliced_wasserstein_f64(problem, out, opts, work) &
                bind(c, name="otc_sliced_wasserstein_f64") result(res)
            import
            type(otc_sliced_wasserstein_problem_f64), intent(in) :: problem
            type(otc_sliced_wasserstein_outputs_f64), intent(inout) :: out
            type(otc_sliced_wasserstein_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options of `otc_wasserstein_flow_step_f64` into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_wasserstein_flow_step_options`.
        function otc_wasserstein_flow_step_options_default(opts) &
                bind(c, name="otc_wasserstein_flow_step_options_default") result(res)
            import
            type(otc_wasserstein_flow_step_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_wasserstein_flow_step_f64` needs for `problem` (its shapes) with
        ! `opts` (NULL: defaults): O((n + m)·d).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_wasserstein_flow_step_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_wasserstein_flow_step_workspace_size_f64") result(res)
            import
            type(otc_wasserstein_flow_step_problem_f64), intent(in) :: problem
            type(otc_wasserstein_flow_step_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! One explicit Euler step of the Lagrangian Wasserstein gradient flow of the particles
        ! α = Σ a_i δ_{x_i} toward the target β = Σ b_j δ_{y_j} (notebooks 3 and 7 of G. Peyré's
        ! ot4ml course): `x_i ← x_i − τ ∇_{x_i} S_ε(α, β) / a_i`, S_ε the Sinkhorn divergence for the
        ! squared Euclidean cost (as `otc_sinkhorn_divergence_f64`; ∇_{x_i}S_ε/a_i =
        ! 2(T_xx(x_i) − T_xy(x_i)), the barycentric maps of OT_ε(α, α) and OT_ε(α, β)). Writes the
        ! new particles to `out->x`, S_ε before the step to `out->divergence` and, when wanted, the
        ! three solves' potentials to `out->potentials`: passed back as `problem->init_potentials`,
        ! they warm-start the next step (a loop keeps two buffers for x and two for the potentials
        ! and swaps them). Time O(iterations · (n + m)² · d), memory O((n + m)·d): no n × m matrix.
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (a solve reached max_iter; outputs valid);
        ! `OTC_WARN_CANCELLED` (the callback stopped a solve; outputs from the potentials reached);
        ! `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
        ! `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (a weight of a ≤ 0, negative b, step,
        ! ε, tolerance), `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_NUMERICAL` (the step overflowed),
        ! `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
        ! bytes); every non-NULL pointer and view in them is valid for its stated size;
        ! `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
        function otc_wasserstein_flow_step_f64(problem, out, opts, work) &
                bind(c, name="otc_wasserstein_flow_step_f64") result(res)
            import
            type(otc_wasserstein_flow_step_problem_f64), intent(in) :: problem
            type(otc_wasserstein_flow_step_outputs_f64), intent(inout) :: out
            type(otc_wasserstein_flow_step_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options of `otc_mmd_flow_step_f64` into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_mmd_flow_step_options`.
        function otc_mmd_flow_step_options_default(opts) &
                bind(c, name="otc_mmd_flow_step_options_default") result(res)
            import
            type(otc_mmd_flow_step_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_mmd_flow_step_f64` needs for `problem` (its shapes): O(n·d + m).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_mmd_flow_step_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_mmd_flow_step_workspace_size_f64") result(res)
            import
            type(otc_mmd_flow_step_problem_f64), intent(in) :: problem
            type(otc_mmd_flow_step_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! One explicit Euler step of the MMD particle flow (notebook 7 of the ot4ml course):
        ! `x_i ← x_i − τ ∇_{x_i} MMD²_k(α, β) / a_i = x_i − 2τ (Σ_j a_j ∇₁k(x_i, x_j) − Σ_j b_j
        ! ∇₁k(x_i, y_j))` for the energy-distance kernel −|x − y| (its gradient taken as 0 at
        ! x = y) or the Gaussian kernel of bandwidth σ. Writes the new particles to `out->x`,
        ! MMD² before the step to `out->mmd_squared` and the target's constant term to
        ! `out->target_term` (pass it back as `problem->target_term`: the step is then O((n + m)·n·d);
        ! without it the term costs O(m²·d) more). No n × m memory; the particles' rows are split
        ! in fixed blocks across threads (the same bits for every `num_threads`).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (a weight
        ! of a ≤ 0, negative b, step, σ, an unknown kernel), `OTC_ERR_NUMERICAL` (the step
        ! overflowed), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
        ! bytes); every non-NULL pointer and view in them is valid for its stated size;
        ! `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
        function otc_mmd_flow_step_f64(problem, out, opts, work) &
                bind(c, name="otc_mmd_flow_step_f64") result(res)
            import
            type(otc_mmd_flow_step_problem_f64), intent(in) :: problem
            type(otc_mmd_flow_step_outputs_f64), intent(inout) :: out
            type(otc_mmd_flow_step_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options of `otc_jko_step_f64` into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_jko_step_options`.
        function otc_jko_step_options_default(opts) &
                bind(c, name="otc_jko_step_options_default") result(res)
            import
            type(otc_jko_step_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_jko_step_f64` needs for `problem` (its grid): `7hw + h + 2w +
        ! 2(h² + w²)` doubles.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_jko_step_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_jko_step_workspace_size_f64") result(res)
            import
            type(otc_jko_step_problem_f64), intent(in) :: problem
            type(otc_jko_step_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! One step of the entropic JKO scheme (G. Peyré, "Entropic approximation of Wasserstein
        ! gradient flows", SIAM J. Imaging Sci. 2015) on the h × w grid of the unit square
        ! (pixel (r, c) at (r/(h − 1), c/(w − 1))): `ρ_{k+1} = argmin_ρ W_ε(ρ, ρ_k) + τ F(ρ)` with
        ! `F(ρ) = Σ ρ log ρ + Σ V ρ` (the heat flow for V = 0, Fokker–Planck `∂ρ = Δρ + ∇·(ρ∇V)`
        ! otherwise) and W_ε the entropic transport cost for `½|x − y|²` (so a Gaussian's
        ! variance grows by ≈ 2τ per step and axis under the heat flow, plus ≈ ε of entropic
        ! blur). The paper's scaling iterations `v ← log ρ_k − log K e^u`,
        ! `u ← −τ/(τ + ε)·(log K e^v + 1 + V)`, a contraction of factor τ/(τ + ε), each `log K e^·`
        ! the separable log-convolution of `otc_convolutional_barycenter_f64` (two matmuls, `O(hw(h + w))`).
        ! `out->rho_next` has the mass of ρ_k (up to rounding). The same bits for every
        ! `num_threads`.
        !
        ! Warm start: the iterations start from `problem->init_dual` (NULL: u = 0) and, when
        ! `out->dual` is set, leave the final u there; a time loop passing each step's dual back
        ! as the next step's `init_dual` (two buffers, swapped) saves about
        ! `log(‖u₀ − u*‖/‖u_prev − u*‖)/log((τ + ε)/τ)` iterations per step. `out->rho_next` does
        ! not depend on the start, up to `tol`.
        !
        ! Progress: `opts->callback` (when set) receives `(iterations, error)` every
        ! `opts->callback_every` iterations, on the calling thread.
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tol not met; outputs valid);
        ! `OTC_WARN_CANCELLED` (outputs valid: the iterate reached); `OTC_ERR_NULL_POINTER`,
        ! `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`,
        ! `OTC_ERR_INVALID_ARGUMENT` (ε, step, tol, max_iter, negative or zero-sum ρ),
        ! `OTC_ERR_NUMERICAL` (the density or the dual overflowed), `OTC_ERR_ALIASING`,
        ! `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer on the calling thread's first product above 16³ multiply-adds (once
        ! h·w·max(h, w) > 4096), as `otc_convolutional_barycenter_f64`: see docs/abi.md, Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
        ! bytes); every non-NULL pointer in them is valid for its stated length; `work.data` is
        ! NULL or valid for `work.bytes` bytes and overlaps no argument.
        function otc_jko_step_f64(problem, out, opts, work) &
                bind(c, name="otc_jko_step_f64") result(res)
            import
            type(otc_jko_step_problem_f64), intent(in) :: problem
            type(otc_jko_step_outputs_f64), intent(inout) :: out
            type(otc_jko_step_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_bures_options`.
        function otc_bures_options_default(opts) &
                bind(c, name="otc_bures_options_default") result(res)
            import
            type(otc_bures_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_bures_f64` needs: about 5·d² doubles plus faer's eigensolver
        ! scratch. Reads the sizes of `problem->sigma1` only.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (sigma1 not square or empty), `OTC_ERR_OVERFLOW` (d > 2^26).
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs of at least their `struct_size` bytes;
        ! `bytes` valid for writes.
        function otc_bures_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_bures_workspace_size_f64") result(res)
            import
            type(otc_bures_problem_f64), intent(in) :: problem
            type(otc_bures_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Squared Bures distance B²(Σ₁, Σ₂) = tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½ between two
        ! symmetric PSD d×d matrices, into `out->bures_squared`. Cholesky factors (clamped
        ! eigendecompositions for singular inputs) and the eigenvalues of a congruence; close
        ! covariances are recomputed as a sum of squares, without cancellation. O(d³).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (not square, different sizes), `OTC_ERR_NON_FINITE`,
        ! `OTC_ERR_NOT_PSD` (not symmetric or indefinite beyond the tolerances),
        ! `OTC_ERR_INVALID_ARGUMENT` (a negative or non-finite tolerance), `OTC_ERR_INVALID_STRIDE`,
        ! `OTC_ERR_ALIASING` (`out` overlaps an input), `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`,
        ! `OTC_ERR_NUMERICAL`. On an error nothing is written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
        ! decompositions at larger d): see docs/abi.md, Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs of at least their `struct_size` bytes;
        ! every view in them addresses readable memory; `work.data` is NULL or valid for
        ! `work.bytes` bytes and overlaps no argument.
        function otc_bures_f64(problem, out, opts, work) &
                bind(c, name="otc_bures_f64") result(res)
            import
            type(otc_bures_problem_f64), intent(in) :: problem
            type(otc_bures_outputs_f64), intent(inout) :: out
            type(otc_bures_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_gaussian_w2_options`.
        function otc_gaussian_w2_options_default(opts) &
                bind(c, name="otc_gaussian_w2_options_default") result(res)
            import
            type(otc_gaussian_w2_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_gaussian_w2_f64` needs (that of `otc_bures_f64`). Reads the sizes
        ! of `problem->sigma1` only.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
        function otc_gaussian_w2_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_w2_workspace_size_f64") result(res)
            import
            type(otc_gaussian_w2_problem_f64), intent(in) :: problem
            type(otc_gaussian_w2_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Squared 2-Wasserstein distance between N(m1, Σ₁) and N(m2, Σ₂) in dimension d (from the
        ! size of Σ₁): W₂² = ‖m1 − m2‖² + B²(Σ₁, Σ₂), into `out->w2_squared`. O(d³).
        !
        ! Statuses: as `otc_bures_f64`, and `OTC_ERR_NON_FINITE` for a non-finite mean entry.
        ! On an error nothing is written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
        ! decompositions at larger d): see docs/abi.md, Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs; `problem->m1`, `m2` point to d
        ! doubles; views address readable memory; `work.data` is NULL or valid for `work.bytes`
        ! bytes and overlaps no argument.
        function otc_gaussian_w2_f64(problem, out, opts, work) &
                bind(c, name="otc_gaussian_w2_f64") result(res)
            import
            type(otc_gaussian_w2_problem_f64), intent(in) :: problem
            type(otc_gaussian_w2_outputs_f64), intent(inout) :: out
            type(otc_gaussian_w2_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_gaussian_entropic_w2_options`.
        function otc_gaussian_entropic_w2_options_default(opts) &
                bind(c, name="otc_gaussian_entropic_w2_options_default") result(res)
            import
            type(otc_gaussian_entropic_w2_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_gaussian_entropic_w2_f64` needs (that of `otc_bures_f64`). Reads
        ! the sizes of `problem->sigma1` only.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
        function otc_gaussian_entropic_w2_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_entropic_w2_workspace_size_f64") result(res)
            import
            type(otc_gaussian_entropic_w2_problem_f64), intent(in) :: problem
            type(otc_gaussian_entropic_w2_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Entropic OT cost between N(m1, Σ₁) and N(m2, Σ₂) with regularisation ε = 2σ² > 0,
        ! OT_ε = min_π E‖x − y‖² + ε·KL(π‖α⊗β), in closed form (Janati et al. 2020), into
        ! `out->cost`. O(d³).
        !
        ! Statuses: as `otc_gaussian_w2_f64`, and `OTC_ERR_INVALID_ARGUMENT` when ε is not finite
        ! and > 0. On an error nothing is written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
        ! decompositions at larger d): see docs/abi.md, Memory.
        !
        ! # Safety
        ! As `otc_gaussian_w2_f64`.
        function otc_gaussian_entropic_w2_f64(problem, out, opts, work) &
                bind(c, name="otc_gaussian_entropic_w2_f64") result(res)
            import
            type(otc_gaussian_entropic_w2_problem_f64), intent(in) :: problem
            type(otc_gaussian_entropic_w2_outputs_f64), intent(inout) :: out
            type(otc_gaussian_entropic_w2_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_gaussian_w2_pairwise_options`.
        function otc_gaussian_w2_pairwise_options_default(opts) &
                bind(c, name="otc_gaussian_w2_pairwise_options_default") result(res)
            import
            type(otc_gaussian_w2_pairwise_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_gaussian_w2_pairwise_f64` needs: the k₁ + k₂ factors
        ! ((k₁ + k₂)·(d² + 1) doubles), k₁·k₂ results, and one eigensolver scratch per slot
        ! (min(pairs, 4·threads) slots). Depends on the sizes of the means views and the thread
        ! count (resolved, no pool is started).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
        function otc_gaussian_w2_pairwise_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_w2_pairwise_workspace_size_f64") result(res)
            import
            type(otc_gaussian_w2_pairwise_problem_f64), intent(in) :: problem
            type(otc_gaussian_w2_pairwise_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! All squared W₂ distances between a batch of k₁ Gaussians and a batch of k₂, into
        ! `out->w2_squared` (k₁×k₂). Each covariance is factored once; the pairs run in fixed runs
        ! over the threads (identical results for every thread count). O((k₁ + k₂ + k₁k₂)·d³).
        !
        ! Statuses: as `otc_gaussian_w2_f64` (messages name `problem->covs1[i]` etc.).
        ! On an error nothing is written, except that `out->w2_squared` may hold partial results
        ! when a covariance is found not PSD after the first runs.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
        ! decompositions at larger d): see docs/abi.md, Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs; `covs1`/`covs2` point to k₁/k₂ views;
        ! every view addresses readable memory (the output writable); `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_gaussian_w2_pairwise_f64(problem, out, opts, work) &
                bind(c, name="otc_gaussian_w2_pairwise_f64") result(res)
            import
            type(otc_gaussian_w2_pairwise_problem_f64), intent(in) :: problem
            type(otc_gaussian_w2_pairwise_outputs_f64), intent(inout) :: out
            type(otc_gaussian_w2_pairwise_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_gaussian_map_options`.
        function otc_gaussian_map_options_default(opts) &
                bind(c, name="otc_gaussian_map_options_default") result(res)
            import
            type(otc_gaussian_map_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_gaussian_map_f64` needs: about 7·d² doubles plus faer's
        ! eigensolver and SVD scratch. Reads the sizes of `problem->sigma1` only.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
        function otc_gaussian_map_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_map_workspace_size_f64") result(res)
            import
            type(otc_gaussian_map_problem_f64), intent(in) :: problem
            type(otc_gaussian_map_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! The optimal (Monge) map T(x) = A x + b from N(m1, Σ₁) to N(m2, Σ₂):
        ! A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½ (d×d, symmetric PSD, A Σ₁ A = Σ₂) into `out->a`, and
        ! b = m2 − A m1 into `out->b` (optional). A rank-deficient Σ₁ gives the pseudo-inverse map
        ! (ker Σ₁ is sent to 0) and `OTC_WARN_SINGULAR`. O(d³).
        !
        ! Statuses: `OTC_OK`, `OTC_WARN_SINGULAR`; the errors of `otc_gaussian_w2_f64`.
        ! On an error nothing is written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
        ! decompositions at larger d): see docs/abi.md, Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs; the means NULL or d readable doubles,
        ! `out->b` NULL or d writable doubles; views address valid memory; `work.data` is NULL or
        ! valid for `work.bytes` bytes and overlaps no argument.
        function otc_gaussian_map_f64(problem, out, opts, work) &
                bind(c, name="otc_gaussian_map_f64") result(res)
            import
            type(otc_gaussian_map_problem_f64), intent(in) :: problem
            type(otc_gaussian_map_outputs_f64), intent(inout) :: out
            type(otc_gaussian_map_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_gaussian_map_apply_options`.
        function otc_gaussian_map_apply_options_default(opts) &
                bind(c, name="otc_gaussian_map_apply_options_default") result(res)
            import
            type(otc_gaussian_map_apply_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_gaussian_map_apply_f64` needs: d doubles. Reads the sizes of
        ! `problem->a` only.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
        function otc_gaussian_map_apply_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_map_apply_workspace_size_f64") result(res)
            import
            type(otc_gaussian_map_apply_problem_f64), intent(in) :: problem
            type(otc_gaussian_map_apply_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Applies x ↦ A x + b to the n points in the rows of `problem->x` (n×d), writing the rows of
        ! `out->y` (n×d). One matrix product, O(n·d²).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE` (in a, b or x), `OTC_ERR_INVALID_STRIDE`,
        ! `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
        ! `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
        ! decompositions at larger d): see docs/abi.md, Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs; `problem->b` NULL or d readable
        ! doubles; views address valid memory; `work.data` is NULL or valid for `work.bytes` bytes
        ! and overlaps no argument.
        function otc_gaussian_map_apply_f64(problem, out, opts, work) &
                bind(c, name="otc_gaussian_map_apply_f64") result(res)
            import
            type(otc_gaussian_map_apply_problem_f64), intent(in) :: problem
            type(otc_gaussian_map_apply_outputs_f64), intent(inout) :: out
            type(otc_gaussian_map_apply_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_gaussian_geodesic_options`.
        function otc_gaussian_geodesic_options_default(opts) &
                bind(c, name="otc_gaussian_geodesic_options_default") result(res)
            import
            type(otc_gaussian_geodesic_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_gaussian_geodesic_f64` needs: about 9·d² doubles plus faer's
        ! eigensolver and SVD scratch. Reads the sizes of `problem->sigma1` only.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
        function otc_gaussian_geodesic_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_geodesic_workspace_size_f64") result(res)
            import
            type(otc_gaussian_geodesic_problem_f64), intent(in) :: problem
            type(otc_gaussian_geodesic_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! The point at time t of the W₂ geodesic (McCann interpolant) from N(m1, Σ₁) to N(m2, Σ₂):
        ! mean (1−t) m1 + t m2 into `out->mean` (optional) and covariance K Σ₁ K, K = (1−t) I + t A
        ! (A the optimal map), into `out->cov`. A rank-deficient Σ₁ uses the pseudo-inverse map
        ! (`OTC_WARN_SINGULAR`). O(d³).
        !
        ! Statuses: `OTC_OK`, `OTC_WARN_SINGULAR`; the errors of `otc_gaussian_w2_f64`, and
        ! `OTC_ERR_INVALID_ARGUMENT` when t is not in [0, 1]. On an error nothing is written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
        ! decompositions at larger d): see docs/abi.md, Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs; the means d readable doubles,
        ! `out->mean` NULL or d writable doubles; views address valid memory; `work.data` is NULL
        ! or valid for `work.bytes` bytes and overlaps no argument.
        function otc_gaussian_geodesic_f64(problem, out, opts, work) &
                bind(c, name="otc_gaussian_geodesic_f64") result(res)
            import
            type(otc_gaussian_geodesic_problem_f64), intent(in) :: problem
            type(otc_gaussian_geodesic_outputs_f64), intent(inout) :: out
            type(otc_gaussian_geodesic_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_gaussian_barycenter_options`.
        function otc_gaussian_barycenter_options_default(opts) &
                bind(c, name="otc_gaussian_barycenter_options_default") result(res)
            import
            type(otc_gaussian_barycenter_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_gaussian_barycenter_f64` needs: about 6·d² doubles, faer's
        ! eigensolver scratch, and 6·k + 2·d words. Reads the sizes of `problem->means` only.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
        function otc_gaussian_barycenter_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_barycenter_workspace_size_f64") result(res)
            import
            type(otc_gaussian_barycenter_problem_f64), intent(in) :: problem
            type(otc_gaussian_barycenter_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! The W₂ barycenter N(m, Σ) of k Gaussians with weights w: m = Σₖ wₖ mₖ / Σw into
        ! `out->mean` (optional) and Σ, the fixed point of Álvarez-Esteban et al. (2016),
        ! Σ ← Σ^−½ (Σₖ wₖ (Σ^½ Σₖ Σ^½)^½)² Σ^−½ started at Σₖ wₖ Σₖ, into `out->cov`. Stops when
        ! the estimated relative error is at most `opts->tol`, unconverged at `opts->max_iter`
        ! (`OTC_WARN_MAX_ITER`, the last iterate returned) or when the steps stall at rounding
        ! level, or when `opts->callback` asks to stop (`OTC_WARN_CANCELLED`, the current iterate
        ! returned). O(iterations·k·d³).
        !
        ! Statuses: `OTC_OK`, `OTC_WARN_MAX_ITER`, `OTC_WARN_CANCELLED`, `OTC_WARN_SINGULAR` (the
        ! barycenter is rank-deficient); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_NOT_PSD`,
        ! `OTC_ERR_INVALID_ARGUMENT` (negative weights, weights summing to 0, bad tolerances,
        ! max_iter 0), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`,
        ! `OTC_ERR_NUMERICAL`. On an error nothing is written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
        ! decompositions at larger d): see docs/abi.md, Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs; `problem->covs` points to k views,
        ! `problem->weights` NULL or k doubles, `out->mean` NULL or d writable doubles; views
        ! address valid memory; `work.data` is NULL or valid for `work.bytes` bytes and overlaps no
        ! argument.
        function otc_gaussian_barycenter_f64(problem, out, opts, work) &
                bind(c, name="otc_gaussian_barycenter_f64") result(res)
            import
            type(otc_gaussian_barycenter_problem_f64), intent(in) :: problem
            type(otc_gaussian_barycenter_outputs_f64), intent(inout) :: out
            type(otc_gaussian_barycenter_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_gaussian_moments_options`.
        function otc_gaussian_moments_options_default(opts) &
                bind(c, name="otc_gaussian_moments_options_default") result(res)
            import
            type(otc_gaussian_moments_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_gaussian_moments_f64` needs: one n×d temporary (the centred
        ! points) and d doubles. Reads the sizes of `problem->x` only.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
        function otc_gaussian_moments_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_gaussian_moments_workspace_size_f64") result(res)
            import
            type(otc_gaussian_moments_problem_f64), intent(in) :: problem
            type(otc_gaussian_moments_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Weighted mean (into `out->mean`, optional) and covariance (into `out->cov`, normalised by
        ! Σw: the maximum-likelihood estimate) of the n points in the rows of `problem->x`.
        ! One matrix product, O(n·d²).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative
        ! weights, weights summing to 0), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
        ! `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
        ! `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
        ! decompositions at larger d): see docs/abi.md, Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs; `problem->weights` NULL or n doubles,
        ! `out->mean` NULL or d writable doubles; views address valid memory; `work.data` is NULL
        ! or valid for `work.bytes` bytes and overlaps no argument.
        function otc_gaussian_moments_f64(problem, out, opts, work) &
                bind(c, name="otc_gaussian_moments_f64") result(res)
            import
            type(otc_gaussian_moments_problem_f64), intent(in) :: problem
            type(otc_gaussian_moments_outputs_f64), intent(inout) :: out
            type(otc_gaussian_moments_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_psd_sqrt_options`.
        function otc_psd_sqrt_options_default(opts) &
                bind(c, name="otc_psd_sqrt_options_default") result(res)
            import
            type(otc_psd_sqrt_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_psd_sqrt_f64` needs: 2·d² doubles plus faer's eigensolver
        ! scratch. Reads the sizes of `problem->a` only.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
        function otc_psd_sqrt_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_psd_sqrt_workspace_size_f64") result(res)
            import
            type(otc_psd_sqrt_problem_f64), intent(in) :: problem
            type(otc_psd_sqrt_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Σ^½ (into `out->sqrt`) and the pseudo-inverse square root (Σ⁺)^½ (into `out->inv_sqrt`) of
        ! a symmetric PSD d×d matrix by its eigendecomposition, eigenvalues clamped at 0; for the
        ! inverse, eigenvalues ≤ rank_tol·λmax count as 0 (`OTC_WARN_SINGULAR`). O(d³).
        !
        ! Statuses: `OTC_OK`, `OTC_WARN_SINGULAR`; `OTC_ERR_NULL_POINTER` (also when neither output
        ! is wanted), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`,
        ! `OTC_ERR_NOT_PSD`, `OTC_ERR_INVALID_ARGUMENT`, `OTC_ERR_INVALID_STRIDE`,
        ! `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
        ! `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`, `OTC_ERR_NUMERICAL`. On an error nothing is
        ! written.
        !
        ! Allocation with a caller workspace: none, except faer's per-thread matrix-product
        ! buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
        ! above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
        ! decompositions at larger d): see docs/abi.md, Memory.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs; views address valid memory;
        ! `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
        function otc_psd_sqrt_f64(problem, out, opts, work) &
                bind(c, name="otc_psd_sqrt_f64") result(res)
            import
            type(otc_psd_sqrt_problem_f64), intent(in) :: problem
            type(otc_psd_sqrt_outputs_f64), intent(inout) :: out
            type(otc_psd_sqrt_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (0 threads, squared Euclidean, p = 2) into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_plan_position_gradient_options`.
        function otc_plan_position_gradient_options_default(opts) &
                bind(c, name="otc_plan_position_gradient_options_default") result(res)
            import
            type(otc_plan_position_gradient_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_plan_position_gradient_f64` needs: always 0 (it uses none).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_plan_position_gradient_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_plan_position_gradient_workspace_size_f64") result(res)
            import
            type(otc_plan_position_gradient_problem_f64), intent(in) :: problem
            type(otc_plan_position_gradient_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! The gradient of the plan's cost `Σ_ij P_ij c(x_i, y_j)` with respect to the points, for the
        ! metric of `opts`: `out->gx` (n × d) and `out->gy` (m × d), each when wanted. For an optimal
        ! plan of exact OT (`otc_emd_f64` with the cost matrix of the same metric) this is the
        ! gradient of the exact OT value in the positions where the optimal plan is unique (Danskin;
        ! a supergradient elsewhere); the gradient in the weights is the centred duals `f`, `g` the
        ! solver writes. For an entropic plan it is the gradient of ⟨P, C⟩ at fixed P. At coincident
        ! points the Euclidean and Minkowski costs, and at a zero vector the cosine cost, are not
        ! differentiable: such pairs contribute 0. O(entries · d) (n·m entries for a dense plan), on
        ! the calling thread, no workspace.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (no plan, or both forms, or part of the
        ! sparse triplet), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
        ! `OTC_ERR_INVALID_ARGUMENT` (an entry outside n × m, a negative mass, the metric or p),
        ! `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_plan_position_gradient_f64(problem, out, opts, work) &
                bind(c, name="otc_plan_position_gradient_f64") result(res)
            import
            type(otc_plan_position_gradient_problem_f64), intent(in) :: problem
            type(otc_plan_position_gradient_outputs_f64), intent(inout) :: out
            type(otc_plan_position_gradient_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (0 threads) into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_displacement_interpolation_options`.
        function otc_displacement_interpolation_options_default(opts) &
                bind(c, name="otc_displacement_interpolation_options_default") result(res)
            import
            type(otc_displacement_interpolation_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_displacement_interpolation_f64` needs: always 0 (it uses none).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_displacement_interpolation_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_displacement_interpolation_workspace_size_f64") result(res)
            import
            type(otc_displacement_interpolation_problem_f64), intent(in) :: problem
            type(otc_displacement_interpolation_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! McCann's displacement interpolation of a plan at time t: the measure
        ! `μ_t = Σ_k mass_k δ_{(1 − t) x_{i_k} + t y_{j_k}}`, one weighted point per plan entry. When
        ! the plan is optimal for the squared Euclidean cost (`otc_emd_f64` on the cost matrix of x
        ! and y), t ↦ μ_t is the W2 geodesic from (x, a) to (y, b); from an entropic plan it is its
        ! entropic counterpart. μ_0 carries x's masses and μ_1 y's (summed per point). O(K · d)
        ! (K = `plan_nnz`, or n·m for a dense plan), on the calling thread, no workspace.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (no plan, or both forms, or part of the sparse
        ! triplet), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (the outputs not K × d and
        ! K), `OTC_ERR_INVALID_ARGUMENT` (t outside [0, 1], an entry outside n × m, a negative mass),
        ! `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_displacement_interpolation_f64(problem, out, opts, work) &
                bind(c, name="otc_displacement_interpolation_f64") result(res)
            import
            type(otc_displacement_interpolation_problem_f64), intent(in) :: problem
            type(otc_displacement_interpolation_outputs_f64), intent(inout) :: out
            type(otc_displacement_interpolation_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options of `otc_quantile_1d_f64` into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_quantile_1d_options`.
        function otc_quantile_1d_options_default(opts) &
                bind(c, name="otc_quantile_1d_options_default") result(res)
            import
            type(otc_quantile_1d_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_quantile_1d_f64` needs for `problem` (its n and num_levels) with
        ! `opts` (NULL: defaults): an index array and the cumulative masses, O(n).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (n or num_levels is 0), `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_quantile_1d_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_quantile_1d_workspace_size_f64") result(res)
            import
            type(otc_quantile_1d_problem_f64), intent(in) :: problem
            type(otc_quantile_1d_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! The quantile function of the measure `Σ_j a_j δ_{x_j}` (normalised to mass 1) at each
        ! level: `out->quantiles[l] = Q(levels[l])`, `Q(u) = min{x_j : a_j > 0, F(x_j) ≥ u}` (the
        ! left-continuous inverse of the cumulative distribution F). On the line,
        ! `W_p^p(μ, ν) = ∫_0^1 |Q_μ − Q_ν|^p du` for unit masses. Time O((n + L) log n) for L
        ! levels, on the calling thread; workspace from `otc_quantile_1d_workspace_size_f64` (or
        ! `{NULL, 0}`: allocated).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative
        ! weights, a zero mass, a level outside [0, 1]), `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_quantile_1d_f64(problem, out, opts, work) &
                bind(c, name="otc_quantile_1d_f64") result(res)
            import
            type(otc_quantile_1d_problem_f64), intent(in) :: problem
            type(otc_quantile_1d_outputs_f64), intent(inout) :: out
            type(otc_quantile_1d_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options of `otc_barycenter_1d_f64` into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_barycenter_1d_options`.
        function otc_barycenter_1d_options_default(opts) &
                bind(c, name="otc_barycenter_1d_options_default") result(res)
            import
            type(otc_barycenter_1d_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_barycenter_1d_f64` needs for `problem` (its n and k) with `opts`
        ! (NULL: defaults): an index array (n) and O(k) per-measure state.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (k = 0 or k > n), `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_barycenter_1d_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_barycenter_1d_workspace_size_f64") result(res)
            import
            type(otc_barycenter_1d_problem_f64), intent(in) :: problem
            type(otc_barycenter_1d_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! The W_p barycenter of k weighted measures on the line with weights λ, in closed form: its
        ! quantile function is `Q(u) = argmin_y Σ_i λ_i |y − Q_i(u)|^p`, constant between the union of
        ! the breakpoints of the measures' quantile functions, so the barycenter is at most
        ! n − k + 1 weighted points, found by one merge of the sorted measures. p = 2: quantile
        ! averaging, `Σ λ_i Q_i(u) / Σ λ`; p = 1: the lower weighted median of the `Q_i(u)`; other p:
        ! the root of `Σ λ_i sign(y − Q_i)|y − Q_i|^(p−1)` by bisection to the last bit. McCann's
        ! displacement interpolation between two measures at time t is this call with k = 2,
        ! λ = (1 − t, t) and p = 2. Time O(n log n + n·c) with c = k for p = 2, k² for p = 1, up to
        ! 2100·k otherwise, on the calling thread; workspace from
        ! `otc_barycenter_1d_workspace_size_f64` (or `{NULL, 0}`: allocated).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (k = 0, k > n, sizes not summing to n, a measure without
        ! samples), `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (p < 1, negative weights or λ,
        ! a zero mass or Σλ = 0), `OTC_ERR_MASS_MISMATCH` (naming the measure), `OTC_ERR_ALIASING`,
        ! `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
        ! `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_barycenter_1d_f64(problem, out, opts, work) &
                bind(c, name="otc_barycenter_1d_f64") result(res)
            import
            type(otc_barycenter_1d_problem_f64), intent(in) :: problem
            type(otc_barycenter_1d_outputs_f64), intent(inout) :: out
            type(otc_barycenter_1d_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (`num_threads = 0`) into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_laguerre_assign_options`.
        function otc_laguerre_assign_options_default(opts) &
                bind(c, name="otc_laguerre_assign_options_default") result(res)
            import
            type(otc_laguerre_assign_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_laguerre_assign_f64` needs for `problem` (its sites' n×d):
        ! about `(n + 8)·(d + 1)` doubles. Depends on the sites' size only.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_laguerre_assign_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_laguerre_assign_workspace_size_f64") result(res)
            import
            type(otc_laguerre_assign_problem_f64), intent(in) :: problem
            type(otc_laguerre_assign_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! As `otc_laguerre_assign_workspace_size_f64`, for `otc_laguerre_assign_f32`.
        !
        ! # Safety
        ! As `otc_laguerre_assign_workspace_size_f64`.
        function otc_laguerre_assign_workspace_size_f32(problem, opts, bytes) &
                bind(c, name="otc_laguerre_assign_workspace_size_f32") result(res)
            import
            type(otc_laguerre_assign_problem_f32), intent(in) :: problem
            type(otc_laguerre_assign_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! The Laguerre (power) cell of every point, double precision: `out->cells[i] = argmin_j
        ! |x_i − y_j|² − g_j` (ties: the smallest j) and, when wanted, the cell masses `out->masses`
        ! (the summed point weights, or 1/N per point without weights). SIMD over the sites,
        ! threaded over the points, bitwise identical for every thread count. Time `O(N n d)`;
        ! workspace from `otc_laguerre_assign_workspace_size_f64` (or `{NULL, 0}`: allocated).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (a size 0, points and sites of different dimensions),
        ! `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (a negative point weight),
        ! `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING` (an output overlaps an input or another
        ! output), `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
        ! `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_laguerre_assign_f64(problem, out, opts, work) &
                bind(c, name="otc_laguerre_assign_f64") result(res)
            import
            type(otc_laguerre_assign_problem_f64), intent(in) :: problem
            type(otc_laguerre_assign_outputs_f64), intent(inout) :: out
            type(otc_laguerre_assign_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! The Laguerre cell of every point, single precision (masses summed in double): as
        ! `otc_laguerre_assign_f64`.
        !
        ! # Safety
        ! As `otc_laguerre_assign_f64`.
        function otc_laguerre_assign_f32(problem, out, opts, work) &
                bind(c, name="otc_laguerre_assign_f32") result(res)
            import
            type(otc_laguerre_assign_problem_f32), intent(in) :: problem
            type(otc_laguerre_assign_outputs_f32), intent(inout) :: out
            type(otc_laguerre_assign_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`: Newton, `max_iter` 1000, `tol` 1e-6, step and ε
        ! from the data, no callback, all threads.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_semidiscrete_options`.
        function otc_semidiscrete_options_default(opts) &
                bind(c, name="otc_semidiscrete_options_default") result(res)
            import
            type(otc_semidiscrete_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_semidiscrete_f64` needs for `problem` (N points, n sites in
        ! dimension d) with `opts` (NULL: defaults): `O(N + n d)` for the gradient method, plus
        ! `O(n² + K n²)` doubles for Newton's Hessian and its K point chunks' partial sums.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_INVALID_ARGUMENT` (an
        ! unknown method), `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_semidiscrete_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_semidiscrete_workspace_size_f64") result(res)
            import
            type(otc_semidiscrete_problem_f64), intent(in) :: problem
            type(otc_semidiscrete_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! As `otc_semidiscrete_workspace_size_f64`, for `otc_semidiscrete_f32`.
        !
        ! # Safety
        ! As `otc_semidiscrete_workspace_size_f64`.
        function otc_semidiscrete_workspace_size_f32(problem, opts, bytes) &
                bind(c, name="otc_semidiscrete_workspace_size_f32") result(res)
            import
            type(otc_semidiscrete_problem_f32), intent(in) :: problem
            type(otc_semidiscrete_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Semi-discrete optimal transport for the squared Euclidean cost, double precision: finds
        ! the dual weights g of the Laguerre cells `{x : |x − y_j|² − g_j ≤ |x − y_k|² − g_k ∀k}`
        ! such that each cell holds the mass `b_j` of its site, by damped Newton on the entropic
        ! semi-dual with ε continuation (default) or gradient ascent on the hard semi-dual
        ! (`opts->method`). Per iteration `O(N n d)` (SIMD, threaded over fixed point chunks) plus
        ! `O(n³)` for Newton's system; bitwise identical for every thread count. Workspace from
        ! `otc_semidiscrete_workspace_size_f64` (or `{NULL, 0}`: allocated). The callback
        ! (`opts->callback`) sees the stopping measure at each convergence check.
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tolerance not met) and `OTC_WARN_CANCELLED` (the
        ! callback stopped the solve), both with the last iterate in the outputs;
        ! `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
        ! `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative weights, coincident sites that
        ! both have mass, an unknown method, tol <= 0, step or ε < 0, max_iter 0),
        ! `OTC_ERR_MASS_MISMATCH` (b and the point weights differ in total mass),
        ! `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_semidiscrete_f64(problem, out, opts, work) &
                bind(c, name="otc_semidiscrete_f64") result(res)
            import
            type(otc_semidiscrete_problem_f64), intent(in) :: problem
            type(otc_semidiscrete_outputs_f64), intent(inout) :: out
            type(otc_semidiscrete_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Semi-discrete OT in single precision (masses, errors and all sums in double): as
        ! `otc_semidiscrete_f64`.
        !
        ! # Safety
        ! As `otc_semidiscrete_f64`.
        function otc_semidiscrete_f32(problem, out, opts, work) &
                bind(c, name="otc_semidiscrete_f32") result(res)
            import
            type(otc_semidiscrete_problem_f32), intent(in) :: problem
            type(otc_semidiscrete_outputs_f32), intent(inout) :: out
            type(otc_semidiscrete_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`: 10000 iterations of batches of 64, step from the
        ! first batch, seed 0, no callback, all threads.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_semidiscrete_sgd_options`.
        function otc_semidiscrete_sgd_options_default(opts) &
                bind(c, name="otc_semidiscrete_sgd_options_default") result(res)
            import
            type(otc_semidiscrete_sgd_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_semidiscrete_sgd_f64` needs for `problem` (n sites in dimension d;
        ! N samples when given as an array) with `opts` (NULL: defaults): `batch·d` values, `3n`
        ! doubles and the Laguerre kernel's `O(n d)`, plus N doubles for a sample array.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (also: neither source given),
        ! `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`,
        ! `OTC_ERR_INVALID_ARGUMENT` (both sources given, iterations or batch 0),
        ! `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_semidiscrete_sgd_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_semidiscrete_sgd_workspace_size_f64") result(res)
            import
            type(otc_semidiscrete_sgd_problem_f64), intent(in) :: problem
            type(otc_semidiscrete_sgd_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! As `otc_semidiscrete_sgd_workspace_size_f64`, for `otc_semidiscrete_sgd_f32`.
        !
        ! # Safety
        ! As `otc_semidiscrete_sgd_workspace_size_f64`.
        function otc_semidiscrete_sgd_workspace_size_f32(problem, opts, bytes) &
                bind(c, name="otc_semidiscrete_sgd_workspace_size_f32") result(res)
            import
            type(otc_semidiscrete_sgd_problem_f32), intent(in) :: problem
            type(otc_semidiscrete_sgd_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Averaged stochastic gradient ascent on the semi-dual (Genevay et al. 2016), double
        ! precision: each iteration draws a batch (from the sampler, or rows of the sample array by
        ! `point_weights` from a SplitMix64 stream seeded by `opts->seed`), assigns it to its
        ! Laguerre cells (SIMD, threaded) and steps `g ← g + γ₀/√k (b − h)`; `out->g` receives the
        ! average of the iterates, zero mean. Per iteration `O(batch · n · d)` (plus `O(batch ·
        ! log N)` to draw from an array). Deterministic for an array source: the same seed gives the
        ! same g for every thread count. Workspace from `otc_semidiscrete_sgd_workspace_size_f64`
        ! (or `{NULL, 0}`: allocated). The callback sees each batch's mass error.
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_CANCELLED` (the callback stopped it; g averages the
        ! iterates so far); `OTC_ERR_NULL_POINTER` (also: neither source given),
        ! `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE` (also a
        ! non-finite sample from the sampler), `OTC_ERR_INVALID_ARGUMENT` (both sources given, a
        ! sampler's nonzero return: "the sampler returned `<value>`", negative weights, iterations or
        ! batch 0, step < 0), `OTC_ERR_MASS_MISMATCH` (b does not sum to 1), `OTC_ERR_NUMERICAL`
        ! (an unusable automatic step, g overflowing), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
        ! `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
        ! `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; a sampler is a valid
        ! function writing `count × d` values; `work.data` is NULL or valid for `work.bytes` bytes and
        ! overlaps no argument.
        function otc_semidiscrete_sgd_f64(problem, out, opts, work) &
                bind(c, name="otc_semidiscrete_sgd_f64") result(res)
            import
            type(otc_semidiscrete_sgd_problem_f64), intent(in) :: problem
            type(otc_semidiscrete_sgd_outputs_f64), intent(inout) :: out
            type(otc_semidiscrete_sgd_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Averaged SGD in single precision (the iterates averaged in double), with a sampler writing
        ! floats: as `otc_semidiscrete_sgd_f64`.
        !
        ! # Safety
        ! As `otc_semidiscrete_sgd_f64`.
        function otc_semidiscrete_sgd_f32(problem, out, opts, work) &
                bind(c, name="otc_semidiscrete_sgd_f32") result(res)
            import
            type(otc_semidiscrete_sgd_problem_f32), intent(in) :: problem
            type(otc_semidiscrete_sgd_outputs_f32), intent(inout) :: out
            type(otc_semidiscrete_sgd_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options into `opts`: `max_iter` 1000, `tol` 0 (to the fixed point), no
        ! callback, all threads.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_lloyd_options`.
        function otc_lloyd_options_default(opts) &
                bind(c, name="otc_lloyd_options_default") result(res)
            import
            type(otc_lloyd_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_lloyd_f64` needs for `problem` (N points, n sites in dimension d):
        ! N cell indices, `O(n d)` values and the Laguerre kernel's workspace.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_lloyd_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_lloyd_workspace_size_f64") result(res)
            import
            type(otc_lloyd_problem_f64), intent(in) :: problem
            type(otc_lloyd_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! As `otc_lloyd_workspace_size_f64`, for `otc_lloyd_f32`.
        !
        ! # Safety
        ! As `otc_lloyd_workspace_size_f64`.
        function otc_lloyd_workspace_size_f32(problem, opts, bytes) &
                bind(c, name="otc_lloyd_workspace_size_f32") result(res)
            import
            type(otc_lloyd_problem_f32), intent(in) :: problem
            type(otc_lloyd_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Lloyd iterations (optimal quantisation), double precision: starting from `problem->sites`,
        ! at most `opts->max_iter` times, move every site to the barycenter of its Voronoi cell among
        ! the weighted samples (sites of empty cells stay put); stop when no site moves more than
        ! `opts->tol`. `out->sites` receives the sites, `out->distortion` the distortion
        ! `Σ_i a_i min_j |x_i − y_j|²` (weights normalised), which no iteration increases. Per
        ! iteration `O(N n d)` (SIMD, threaded); bitwise identical for every thread count. Workspace
        ! from `otc_lloyd_workspace_size_f64` (or `{NULL, 0}`: allocated).
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (sites still moved more than tol) and
        ! `OTC_WARN_CANCELLED` (the callback stopped it), both with the current sites in the outputs;
        ! `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (also
        ! `out->sites` not of the size of `problem->sites`), `OTC_ERR_NON_FINITE`,
        ! `OTC_ERR_INVALID_ARGUMENT` (negative weights or a zero total, tol < 0 or NaN),
        ! `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
        ! `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
        ! nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
        ! for `work.bytes` bytes and overlaps no argument.
        function otc_lloyd_f64(problem, out, opts, work) &
                bind(c, name="otc_lloyd_f64") result(res)
            import
            type(otc_lloyd_problem_f64), intent(in) :: problem
            type(otc_lloyd_outputs_f64), intent(inout) :: out
            type(otc_lloyd_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Lloyd iterations in single precision (sums and the distortion in double): as
        ! `otc_lloyd_f64`.
        !
        ! # Safety
        ! As `otc_lloyd_f64`.
        function otc_lloyd_f32(problem, out, opts, work) &
                bind(c, name="otc_lloyd_f32") result(res)
            import
            type(otc_lloyd_problem_f32), intent(in) :: problem
            type(otc_lloyd_outputs_f32), intent(inout) :: out
            type(otc_lloyd_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Fills `*opts` with the defaults: ε = 0.01, balanced (ρ = ∞, KL), tolerance 1e-9 checked
        ! every 10 iterations, at most 1000 iterations, no ε-scaling, alternating updates without
        ! over-relaxation, `OTC_SINKHORN_PATH_AUTO` with a 1 GiB kernel cap, mass tolerance 1e-6,
        ! all threads.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_sinkhorn_options`.
        function otc_sinkhorn_options_default(opts) &
                bind(c, name="otc_sinkhorn_options_default") result(res)
            import
            type(otc_sinkhorn_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_sinkhorn_f64` needs for `problem` with `opts` (NULL: defaults):
        ! O((n + m)·(1 + d)) doubles, plus the stored kernel (n·m doubles and O(n·m/256)) when
        ! `opts->path` and `kernel_memory_cap` choose it for a dense cost. Depends on n, m, d and the
        ! options only.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_ARGUMENT` (not exactly one form, a metric
        ! other than squared Euclidean, a bad flag or enumeration), `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_sinkhorn_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_sinkhorn_workspace_size_f64") result(res)
            import
            type(otc_sinkhorn_problem_f64), intent(in) :: problem
            type(otc_sinkhorn_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! `otc_sinkhorn_workspace_size_f64` for `otc_sinkhorn_f32` (a stored kernel of floats).
        !
        ! # Safety
        ! As `otc_sinkhorn_workspace_size_f64`.
        function otc_sinkhorn_workspace_size_f32(problem, opts, bytes) &
                bind(c, name="otc_sinkhorn_workspace_size_f32") result(res)
            import
            type(otc_sinkhorn_problem_f32), intent(in) :: problem
            type(otc_sinkhorn_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Entropic OT by Sinkhorn's iteration on the dual potentials, in double precision:
        ! minimises ⟨C, P⟩ + ε·KL(P | a⊗b) (+ ρ_a·D(P·1 | a) + ρ_b·D(Pᵀ·1 | b) for finite
        ! penalties, D = KL or TV) over plans P ≥ 0, with `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`
        ! at the optimum. The cost is the dense `problem->cost` or the points `x`, `y` (squared
        ! Euclidean, computed on the fly), exactly one. Writes `out->entropic_ot` (OT_ε, with the
        ! entropy term), `out->transport_cost` (⟨C, P⟩, without it), `out->mass`, the report, and
        ! the optional outputs asked for (f, g, plan, and for points the barycentric map and the
        ! gradients of OT_ε). Time O(n·m) per iteration (log-domain passes: 2·n·m exponentials, or
        ! one read of a stored kernel), plus O(n·m·d) per gradient side; workspace from
        ! `otc_sinkhorn_workspace_size_f64` (or `{NULL, 0}`: allocated). Results are identical for
        ! every thread count.
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (the cap was reached; outputs valid);
        ! `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid, from the potentials
        ! reached);
        ! `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
        ! `OTC_ERR_INVALID_ARGUMENT` (ε, ρ, tolerances, flags, enumerations; not exactly one form;
        ! the map or a gradient asked of a dense cost), `OTC_ERR_NON_FINITE`,
        ! `OTC_ERR_MASS_MISMATCH` (balanced with masses further apart than `mass_tolerance`),
        ! `OTC_ERR_NUMERICAL` (the potentials or values overflowed), `OTC_ERR_INVALID_STRIDE`,
        ! `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
        ! `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
        ! bytes); every non-NULL pointer in them is valid for its stated size; `work.data` is NULL or
        ! valid for `work.bytes` bytes and overlaps no argument.
        function otc_sinkhorn_f64(problem, out, opts, work) &
                bind(c, name="otc_sinkhorn_f64") result(res)
            import
            type(otc_sinkhorn_problem_f64), intent(in) :: problem
            type(otc_sinkhorn_outputs_f64), intent(inout) :: out
            type(otc_sinkhorn_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! `otc_sinkhorn_f64` on weights, cost, points, plan, map and position gradients of floats
        ! (potentials, values and weight gradients stay double; marginal sums are accumulated in
        ! double).
        !
        ! # Safety
        ! As `otc_sinkhorn_f64`.
        function otc_sinkhorn_f32(problem, out, opts, work) &
                bind(c, name="otc_sinkhorn_f32") result(res)
            import
            type(otc_sinkhorn_problem_f32), intent(in) :: problem
            type(otc_sinkhorn_outputs_f32), intent(inout) :: out
            type(otc_sinkhorn_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Fills `*opts` with the defaults (those of `otc_sinkhorn_options_default`).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_sinkhorn_divergence_options`.
        function otc_sinkhorn_divergence_options_default(opts) &
                bind(c, name="otc_sinkhorn_divergence_options_default") result(res)
            import
            type(otc_sinkhorn_divergence_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_sinkhorn_divergence_f64` needs for `problem` with `opts` (NULL:
        ! defaults): that of one solve of size max(n, m) (see `otc_sinkhorn_workspace_size_f64`),
        ! plus O((n + m)·d) for the points' gradients. Depends on n, m, d and the options only.
        !
        ! Statuses: as `otc_sinkhorn_workspace_size_f64`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
        function otc_sinkhorn_divergence_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_sinkhorn_divergence_workspace_size_f64") result(res)
            import
            type(otc_sinkhorn_divergence_problem_f64), intent(in) :: problem
            type(otc_sinkhorn_divergence_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! `otc_sinkhorn_divergence_workspace_size_f64` for `otc_sinkhorn_divergence_f32`.
        !
        ! # Safety
        ! As `otc_sinkhorn_divergence_workspace_size_f64`.
        function otc_sinkhorn_divergence_workspace_size_f32(problem, opts, bytes) &
                bind(c, name="otc_sinkhorn_divergence_workspace_size_f32") result(res)
            import
            type(otc_sinkhorn_divergence_problem_f32), intent(in) :: problem
            type(otc_sinkhorn_divergence_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! The Sinkhorn divergence S(a, b) = OT_ε(a, b) − ½OT_ε(a, a) − ½OT_ε(b, b) +
        ! (ε/2)(Σa − Σb)² (each OT_ε the entropic cost with its entropy term, from a cold-start
        ! solve with `opts`), in double precision, from the three dense costs of `problem` or its
        ! point clouds (squared Euclidean, computed on the fly), exactly one form. Writes
        ! `out->divergence`, the three OT_ε values, the report and, for points, the gradients of S
        ! asked for. Time: three solves (O(n·m), O(n²), O(m²) per iteration), plus six streamed
        ! passes O((n + m)²·d) when gradients are wanted; workspace from
        ! `otc_sinkhorn_divergence_workspace_size_f64` (or `{NULL, 0}`: allocated). Results are
        ! identical for every thread count.
        !
        ! Statuses: as `otc_sinkhorn_f64` (`OTC_WARN_MAX_ITER` when a solve reached the cap,
        ! `OTC_WARN_CANCELLED` when the callback stopped one: each of the three solves calls it,
        ! with its own iteration count). On an
        ! error nothing is written, but for `OTC_ERR_NUMERICAL` (a value overflowed), found after
        ! the gradients asked for were computed into their outputs.
        !
        ! # Safety
        ! As `otc_sinkhorn_f64`.
        function otc_sinkhorn_divergence_f64(problem, out, opts, work) &
                bind(c, name="otc_sinkhorn_divergence_f64") result(res)
            import
            type(otc_sinkhorn_divergence_problem_f64), intent(in) :: problem
            type(otc_sinkhorn_divergence_outputs_f64), intent(inout) :: out
            type(otc_sinkhorn_divergence_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! `otc_sinkhorn_divergence_f64` on weights, costs, points and position gradients of floats
        ! (values and weight gradients stay double).
        !
        ! # Safety
        ! As `otc_sinkhorn_f64`.
        function otc_sinkhorn_divergence_f32(problem, out, opts, work) &
                bind(c, name="otc_sinkhorn_divergence_f32") result(res)
            import
            type(otc_sinkhorn_divergence_problem_f32), intent(in) :: problem
            type(otc_sinkhorn_divergence_outputs_f32), intent(inout) :: out
            type(otc_sinkhorn_divergence_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (`num_threads` 0, ε 0.01, ρ_a = ρ_b = `INFINITY`) into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_sinkhorn_block_step_options`.
        function otc_sinkhorn_block_step_options_default(opts) &
                bind(c, name="otc_sinkhorn_block_step_options_default") result(res)
            import
            type(otc_sinkhorn_block_step_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_sinkhorn_block_step_f64` needs for `problem` with `opts` (NULL:
        ! defaults): O((rows + m)(1 + d)) doubles, from the sizes of the problem's views alone
        ! (rows, m and d; d = 0 for a dense block); nothing else is read.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, bytes, or neither cost form given),
        ! `OTC_ERR_INVALID_ARGUMENT` (both forms given), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_OVERFLOW`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` is NULL or valid for writes.
        function otc_sinkhorn_block_step_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_sinkhorn_block_step_workspace_size_f64") result(res)
            import
            type(otc_sinkhorn_block_step_problem_f64), intent(in) :: problem
            type(otc_sinkhorn_block_step_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! `otc_sinkhorn_block_step_workspace_size_f64` for the float problem.
        !
        ! # Safety
        ! As `otc_sinkhorn_block_step_workspace_size_f64`.
        function otc_sinkhorn_block_step_workspace_size_f32(problem, opts, bytes) &
                bind(c, name="otc_sinkhorn_block_step_workspace_size_f32") result(res)
            import
            type(otc_sinkhorn_block_step_problem_f32), intent(in) :: problem
            type(otc_sinkhorn_block_step_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! One block's share of an alternating Sinkhorn iteration (not an iterative solver: one step,
        ! no callback). Potentials convention: the plan is `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`
        ! (f and g in cost units, not centred). From the block's potentials on entry
        ! (`problem->f_block`) and g, the step
        ! 1. measures the block's part of the L1 marginal error of (f_block, g) into
        !    `out->marginal_error` (the whole solve's stopping test: the parts of all blocks add up
        !    to it; a caller that stops on it keeps the f of before the step);
        ! 2. updates the rows: `f_i = −κ_a ε log Σ_j b_j exp((g_j − C_ij)/ε)` into `out->f_block`;
        ! 3. computes the block's column log-sum-exps from the new f into `out->pairs`, to combine
        !    over the blocks with `otc_lse_pair_merge` and pass to
        !    `otc_sinkhorn_block_column_update_f64`.
        !
        ! With the blocks combined in row order, iterating this reproduces the whole alternating
        ! Sinkhorn solve (no ε-scaling) to rounding. KL marginal penalties only. The cost is the
        ! problem's `cost_block` or its points (`x_block`, `y`), exactly one. Time O(rows·m) (·d
        ! for points), twice when `pairs` is wanted; workspace from
        ! `otc_sinkhorn_block_step_workspace_size_f64` (or `{NULL, 0}`: allocated). Results are
        ! identical for every thread count. `report.iterations` is 1.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, out, a required array, or neither cost
        ! form), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (a view with a zero size, points
        ! of different dimensions), `OTC_ERR_INVALID_ARGUMENT` (both cost forms, ε <= 0 or not
        ! finite, ρ <= 0 or NaN, a negative weight, b all zero), `OTC_ERR_NON_FINITE` (a NaN or
        ! infinite cost, point, weight or potential), `OTC_ERR_NUMERICAL` (finite inputs whose
        ! potentials overflow), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING` (an output overlaps an
        ! input or another output), `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
        ! `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
        ! bytes); every non-NULL pointer in them is valid for its stated length; `work.data` is NULL
        ! or valid for `work.bytes` bytes and overlaps no argument.
        function otc_sinkhorn_block_step_f64(problem, out, opts, work) &
                bind(c, name="otc_sinkhorn_block_step_f64") result(res)
            import
            type(otc_sinkhorn_block_step_problem_f64), intent(in) :: problem
            type(otc_sinkhorn_block_step_outputs_f64), intent(inout) :: out
            type(otc_sinkhorn_block_step_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! `otc_sinkhorn_block_step_f64` on costs, points and weights of floats (the cost lines are
        ! evaluated in float, the sums in double; potentials, pairs and error are doubles).
        !
        ! # Safety
        ! As `otc_sinkhorn_block_step_f64`.
        function otc_sinkhorn_block_step_f32(problem, out, opts, work) &
                bind(c, name="otc_sinkhorn_block_step_f32") result(res)
            import
            type(otc_sinkhorn_block_step_problem_f32), intent(in) :: problem
            type(otc_sinkhorn_block_step_outputs_f32), intent(inout) :: out
            type(otc_sinkhorn_block_step_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (`num_threads` 0, ε 0.01, ρ_b = `INFINITY`) into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_sinkhorn_block_column_update_options`.
        function otc_sinkhorn_block_column_update_options_default(opts) &
                bind(c, name="otc_sinkhorn_block_column_update_options_default") result(res)
            import
            type(otc_sinkhorn_block_column_update_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_sinkhorn_block_column_update_f64` needs: 0 (it needs none; the
        ! query exists for the shape).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, bytes), `OTC_ERR_ABI_MISMATCH`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` is NULL or valid for writes.
        function otc_sinkhorn_block_column_update_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_sinkhorn_block_column_update_workspace_size_f64") result(res)
            import
            type(otc_sinkhorn_block_column_update_problem_f64), intent(in) :: problem
            type(otc_sinkhorn_block_column_update_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! The column update of a row-partitioned Sinkhorn iteration: from the pairs of all blocks
        ! combined (`otc_lse_pair_merge`), `g_j = −κ_b ε (max_j + log sum_j)` for the m columns
        ! into `out->g` (κ_b = ρ_b / (ρ_b + ε), 1 when balanced; the potentials' convention as in
        ! `otc_sinkhorn_block_step_f64`). Every pair must be valid and non-empty (an empty pair
        ! means that some block's pairs were not combined). One step, no callback; O(m) on the
        ! calling thread; no workspace (`work` may be `{NULL, 0}`).
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, out, pairs, g),
        ! `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (m = 0), `OTC_ERR_INVALID_ARGUMENT`
        ! (ε <= 0 or not finite, ρ_b <= 0 or NaN, an empty pair), `OTC_ERR_NON_FINITE` (a pair that
        ! is not a log-sum-exp pair), `OTC_ERR_NUMERICAL` (a g that overflows), `OTC_ERR_ALIASING`,
        ! `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
        ! bytes); `problem->pairs` and `out->g` are valid for m elements; `work.data` is NULL or
        ! valid for `work.bytes` bytes.
        function otc_sinkhorn_block_column_update_f64(problem, out, opts, work) &
                bind(c, name="otc_sinkhorn_block_column_update_f64") result(res)
            import
            type(otc_sinkhorn_block_column_update_problem_f64), intent(in) :: problem
            type(otc_sinkhorn_block_column_update_outputs_f64), intent(inout) :: out
            type(otc_sinkhorn_block_column_update_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! `acc[j] = acc[j] merged with other[j]` for j < len: the pair of the union of the rows of
        ! both (what an MPI user operation or a rank-ordered fold applies). Commutative bit for bit,
        ! not associative: combine in a fixed order for results independent of timing. Every pair
        ! is checked before `acc` is written. O(len).
        !
        ! The one deliberate exception to the ABI 1 shape: an in-place reduction `(acc, other,
        ! len)`, the body of an `MPI_User_function` (whose signature MPI fixes), with no problem,
        ! outputs or options struct.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_INVALID_DIMENSION` (len = 0),
        ! `OTC_ERR_NON_FINITE` (a pair that is not a log-sum-exp pair), `OTC_ERR_ALIASING`,
        ! `OTC_ERR_OVERFLOW`. On an error nothing is written.
        !
        ! # Safety
        ! `acc` and `other` must be valid for `len` pairs and must not overlap.
        function otc_lse_pair_merge(acc, other, len) &
                bind(c, name="otc_lse_pair_merge") result(res)
            import
            type(otc_lse_pair), intent(inout), dimension(*) :: acc
            type(otc_lse_pair), intent(in), dimension(*) :: other
            integer(c_size_t), value :: len
            integer(c_int32_t) :: res
        end function
        ! Writes the default options (`num_threads = 0`, `epsilon = 0.01`, `tolerance = 1e-9`,
        ! `max_iter = 10000`, `check_every = 10`, `mass_tolerance = 1e-9`, no callback) into `opts`.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
        !
        ! # Safety
        ! `opts` must be NULL or valid for writes of one `otc_sinkhorn_partial_options`.
        function otc_sinkhorn_partial_options_default(opts) &
                bind(c, name="otc_sinkhorn_partial_options_default") result(res)
            import
            type(otc_sinkhorn_partial_options), intent(out) :: opts
            integer(c_int32_t) :: res
        end function
        ! Bytes of workspace `otc_sinkhorn_partial_f64` needs for `problem` (its n and m) with
        ! `opts` (NULL: defaults): O(n + m); the cost is never copied. O(1) time.
        !
        ! Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
        ! `OTC_ERR_INVALID_DIMENSION` (n or m = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
        !
        ! # Safety
        ! `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
        ! `bytes` valid for writes.
        function otc_sinkhorn_partial_workspace_size_f64(problem, opts, bytes) &
                bind(c, name="otc_sinkhorn_partial_workspace_size_f64") result(res)
            import
            type(otc_sinkhorn_partial_problem_f64), intent(in) :: problem
            type(otc_sinkhorn_partial_options), intent(in) :: opts
            integer(c_size_t), intent(out) :: bytes
            integer(c_int32_t) :: res
        end function
        ! Entropic partial OT between `problem->a` (n) and `problem->b` (m) for the n × m cost:
        ! moves `problem->mass` at least entropic cost, by block-coordinate ascent on the dual
        ! (Sinkhorn row and column updates clamped at 0, and a closed-form update of the mass price
        ! λ), from a cold start. Writes `out->entropic_ot`, `out->transport_cost`,
        ! `out->transported_mass`, `out->mass_price`, the report and the optional outputs asked for
        ! (f, g, plan). As ε → 0 the plan tends to an `otc_emd_partial_f64` plan. Time O(n·m) per
        ! iteration (2·n·m exponentials); workspace from `otc_sinkhorn_partial_workspace_size_f64`
        ! (or `{NULL, 0}`: allocated). Results are identical for every thread count.
        !
        ! Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (the cap was reached; outputs valid);
        ! `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid, from the duals
        ! reached); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
        ! `OTC_ERR_INVALID_ARGUMENT` (ε, tolerances, `max_iter` or `check_every` 0, a negative
        ! weight, a mass ≤ 0 or above min(Σa, Σb)), `OTC_ERR_NON_FINITE`, `OTC_ERR_NUMERICAL` (the
        ! duals or values overflowed: rescale the costs or raise ε), `OTC_ERR_INVALID_STRIDE`,
        ! `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
        ! `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
        !
        ! # Safety
        ! `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
        ! bytes); every non-NULL pointer in them is valid for its stated size; `work.data` is NULL or
        ! valid for `work.bytes` bytes and overlaps no argument.
        function otc_sinkhorn_partial_f64(problem, out, opts, work) &
                bind(c, name="otc_sinkhorn_partial_f64") result(res)
            import
            type(otc_sinkhorn_partial_problem_f64), intent(in) :: problem
            type(otc_sinkhorn_partial_outputs_f64), intent(inout) :: out
            type(otc_sinkhorn_partial_options), intent(in) :: opts
            type(otc_workspace), value :: work
            integer(c_int32_t) :: res
        end function
        ! A static, NUL-terminated description of `status` ("unknown status" for numbers otcore
        ! never returns). Never NULL; the caller must not free it.
        function otc_status_message(status) &
                bind(c, name="otc_status_message") result(res)
            import
            integer(c_int32_t), value :: status
            type(c_ptr) :: res
        end function
        ! The library's version as "MAJOR.MINOR.PATCH" (static, NUL-terminated, never NULL).
        function otc_version_string() &
                bind(c, name="otc_version_string") result(res)
            import
            type(c_ptr) :: res
        end function
        ! The library's version as MAJOR·10000 + MINOR·100 + PATCH: compare with
        ! `OTC_VERSION_NUMBER` at run time to detect a header/library mismatch.
        function otc_version_number() &
                bind(c, name="otc_version_number") result(res)
            import
            integer(c_int32_t) :: res
        end function
    end interface
end module otcore_c
