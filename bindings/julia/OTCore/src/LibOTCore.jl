# GENERATED from include/otcore.h by tests/julia_gen (cargo test --test julia_binding).
# Do not edit: refresh with `OTCORE_BLESS=1 cargo test --test julia_binding`.
#
# Low-level layer of OTCore: the header's constants, struct mirrors and one `ccall`
# wrapper per C function (same name, same arguments). Function pointers are resolved by
# `load!(path)`, which OTCore calls at initialisation.
module LibOTCore

using Libdl

# Metric `|x − y|²` (squared Euclidean), the default.
const OTC_METRIC_SQEUCLIDEAN = 0

# Metric `|x − y|` (Euclidean).
const OTC_METRIC_EUCLIDEAN = 1

# Metric `(Σ_k |x_k − y_k|^p)^(1/p)` (Minkowski), with `p` from the options (finite, ≥ 1).
const OTC_METRIC_MINKOWSKI = 2

# Metric `1 − <x, y>/(|x||y|)` (cosine distance, in [0, 2]); 0 when both vectors are zero,
# 1 when exactly one is.
const OTC_METRIC_COSINE = 3

# Workspace query selector: `otc_bures_distance` and `otc_gaussian_w2`.
const OTC_GAUSSIAN_OP_DISTANCE = 0

# Workspace query selector: `otc_gaussian_w2_pairwise` (n = k₁, m = k₂).
const OTC_GAUSSIAN_OP_PAIRWISE = 1

# Workspace query selector: `otc_gaussian_map`.
const OTC_GAUSSIAN_OP_MAP = 2

# Workspace query selector: `otc_gaussian_geodesic`.
const OTC_GAUSSIAN_OP_GEODESIC = 3

# Workspace query selector: `otc_gaussian_barycenter`.
const OTC_GAUSSIAN_OP_BARYCENTER = 4

# Workspace query selector: `otc_gaussian_moments` (n = number of points).
const OTC_GAUSSIAN_OP_MOMENTS = 5

# Workspace query selector: `otc_psd_sqrt`.
const OTC_GAUSSIAN_OP_PSD_SQRT = 6

# `method` of `otc_semidiscrete_options`: damped Newton on the entropic semi-dual (default).
const OTC_SEMIDISCRETE_NEWTON = 0

# `method` of `otc_semidiscrete_options`: gradient ascent on the hard semi-dual.
const OTC_SEMIDISCRETE_GRADIENT = 1

# Major version: changes only with an incompatible ABI change.
const OTC_VERSION_MAJOR = 0

# Minor version: grows when the ABI grows.
const OTC_VERSION_MINOR = 1

# Patch version.
const OTC_VERSION_PATCH = 0

# MAJOR·10000 + MINOR·100 + PATCH, for `#if` comparisons.
const OTC_VERSION_NUMBER = 100

# Result of every otcore call: `OTC_OK`, a warning (1–99) or an error (≥ 100).
const otc_status = Int32

# Options of `otc_assignment_f64`; fill with `otc_assignment_options_default`.
struct otc_assignment_options
    struct_size::Csize_t
    num_threads::UInt32
end

# Read-only strided view of a matrix of `double`.
struct otc_matrix_f64
    data::Ptr{Cdouble}
    rows::Csize_t
    cols::Csize_t
    row_stride::Cptrdiff_t
    col_stride::Cptrdiff_t
end

# A batch of `count` assignment problems of one size n: problem l is the n × n cost
# `costs[l]` (element (i, j): the cost of giving column j to row i; any finite values, any
# strides; row-major and column-major views are both read contiguously, never copied).
struct otc_assignment_problem_f64
    struct_size::Csize_t
    count::Csize_t
    costs::Ptr{otc_matrix_f64}
end

# What every ABI 1 call reports, the first field after `struct_size` of every outputs struct.
# Written with the other outputs, when the call returns `OTC_OK` or a warning.
struct otc_report
    status::otc_status
    path::Int32
    iterations::UInt64
    error::Cdouble
    seconds::Cdouble
end

# Results of `otc_assignment_f64`. `report.iterations`: shortest augmenting paths run (over
# all problems); `report.error`: `gap`; `report.path`: 0. The optional outputs (NULL: not
# wanted) hold problem after problem.
struct otc_assignment_outputs_f64
    struct_size::Csize_t
    report::otc_report
    cost::Cdouble
    gap::Cdouble
    perm::Ptr{Csize_t}
    u::Ptr{Cdouble}
    v::Ptr{Cdouble}
    problem_costs::Ptr{Cdouble}
end

# Caller-provided scratch memory of a call, any alignment. `{NULL, 0}`: the library
# allocates what the call needs (and reports `OTC_ERR_OUT_OF_MEMORY` if it cannot).
# Its size comes from the operation's `*_workspace_size_*` query; it must not overlap any
# argument, and its contents are undefined after the call.
struct otc_workspace
    data::Ptr{Cvoid}
    bytes::Csize_t
end

# A progress callback of an iterative solver: called with `data`, the iterations done and
# the solver's error measure (as its outputs' `report.error` documents); returns 0 to go on,
# any other value to stop the solve (`OTC_WARN_CANCELLED`, valid outputs). It runs on the
# thread that called the solver, whatever `num_threads`, and may call otcore itself.
const otc_callback = Ptr{Cvoid}

# Options of `otc_barycenter_f64/_f32`; fill with `otc_barycenter_options_default`.
struct otc_barycenter_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::UInt64
    epsilon::Cdouble
    tol::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# Options of `otc_convolutional_barycenter_f64/_f32`; fill with
# `otc_convolutional_barycenter_options_default`.
struct otc_convolutional_barycenter_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::UInt64
    epsilon::Cdouble
    tol::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# A fixed-support barycenter problem in f64: k histograms on a common support of n points.
struct otc_barycenter_problem_f64
    struct_size::Csize_t
    hists::otc_matrix_f64
    cost::otc_matrix_f64
    weights::Ptr{Cdouble}
end

# Read-only strided view of a matrix of `float`.
struct otc_matrix_f32
    data::Ptr{Cfloat}
    rows::Csize_t
    cols::Csize_t
    row_stride::Cptrdiff_t
    col_stride::Cptrdiff_t
end

# A fixed-support barycenter problem in f32, as `otc_barycenter_problem_f64`.
struct otc_barycenter_problem_f32
    struct_size::Csize_t
    hists::otc_matrix_f32
    cost::otc_matrix_f32
    weights::Ptr{Cfloat}
end

# Results of `otc_barycenter_f64`. `report.iterations`: Bregman-projection rounds;
# `report.error`: the final marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`.
struct otc_barycenter_outputs_f64
    struct_size::Csize_t
    report::otc_report
    barycenter::Ptr{Cdouble}
end

# Results of `otc_barycenter_f32`, as `otc_barycenter_outputs_f64`.
struct otc_barycenter_outputs_f32
    struct_size::Csize_t
    report::otc_report
    barycenter::Ptr{Cfloat}
end

# A convolutional barycenter problem in f64: k images on an h × w grid of the unit square.
struct otc_convolutional_barycenter_problem_f64
    struct_size::Csize_t
    images::otc_matrix_f64
    height::Csize_t
    width::Csize_t
    weights::Ptr{Cdouble}
end

# A convolutional barycenter problem in f32, as `otc_convolutional_barycenter_problem_f64`.
struct otc_convolutional_barycenter_problem_f32
    struct_size::Csize_t
    images::otc_matrix_f32
    height::Csize_t
    width::Csize_t
    weights::Ptr{Cfloat}
end

# Results of `otc_convolutional_barycenter_f64`. `report.iterations`: Bregman-projection
# rounds; `report.error`: the final marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`.
struct otc_convolutional_barycenter_outputs_f64
    struct_size::Csize_t
    report::otc_report
    barycenter::Ptr{Cdouble}
end

# Results of `otc_convolutional_barycenter_f32`, as
# `otc_convolutional_barycenter_outputs_f64`.
struct otc_convolutional_barycenter_outputs_f32
    struct_size::Csize_t
    report::otc_report
    barycenter::Ptr{Cfloat}
end

# Options of `otc_cost_matrix_f64` / `_f32`; fill with `otc_cost_matrix_options_default`.
struct otc_cost_matrix_options
    struct_size::Csize_t
    num_threads::UInt32
    metric::Int32
    p::Cdouble
end

# The two point clouds of `otc_cost_matrix_f64`: one point a row, any strides (row-major C
# passes `(d, 1)`, column-major Fortran/Julia/R `(1, n)`), finite coordinates.
struct otc_cost_matrix_problem_f64
    struct_size::Csize_t
    x::otc_matrix_f64
    y::otc_matrix_f64
end

# The two point clouds of `otc_cost_matrix_f32`, as `otc_cost_matrix_problem_f64`.
struct otc_cost_matrix_problem_f32
    struct_size::Csize_t
    x::otc_matrix_f32
    y::otc_matrix_f32
end

# Writable strided view of a matrix of `double` (an output: its elements must not overlap).
struct otc_matrix_mut_f64
    data::Ptr{Cdouble}
    rows::Csize_t
    cols::Csize_t
    row_stride::Cptrdiff_t
    col_stride::Cptrdiff_t
end

# Results of `otc_cost_matrix_f64`. `report.iterations` and `report.error` are 0.
struct otc_cost_matrix_outputs_f64
    struct_size::Csize_t
    report::otc_report
    cost::otc_matrix_mut_f64
end

# Writable strided view of a matrix of `float` (an output: its elements must not overlap).
struct otc_matrix_mut_f32
    data::Ptr{Cfloat}
    rows::Csize_t
    cols::Csize_t
    row_stride::Cptrdiff_t
    col_stride::Cptrdiff_t
end

# Results of `otc_cost_matrix_f32`, as `otc_cost_matrix_outputs_f64`.
struct otc_cost_matrix_outputs_f32
    struct_size::Csize_t
    report::otc_report
    cost::otc_matrix_mut_f32
end

# Options of `otc_emd_grid_f64`; fill with `otc_emd_grid_options_default`.
struct otc_emd_grid_options
    struct_size::Csize_t
    num_threads::UInt32
    mass_tolerance::Cdouble
    arcs_per_node::Csize_t
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# Two histograms on one regular grid of `ndim` axes (1, 2 or 3) with `shape[k]` pixels and
# spacing `spacing[k]` along axis k. The grid has
# n = shape[0]·…·shape[ndim−1] pixels, stored row-major (last axis fastest: pixel
# (x0, x1, x2) of a 3-D grid is entry (x0·shape[1] + x1)·shape[2] + x2). The cost between
# pixels x and y is Σ_k (spacing[k]·(x_k − y_k))².
struct otc_emd_grid_problem_f64
    struct_size::Csize_t
    ndim::Csize_t
    shape::Ptr{Csize_t}
    spacing::Ptr{Cdouble}
    a::Ptr{Cdouble}
    b::Ptr{Cdouble}
end

# Results of `otc_emd_grid_f64`. `report.iterations`: network-simplex pivots, all levels;
# `report.error`: `gap`; `report.path`: 0. Optional outputs: NULL when not wanted.
struct otc_emd_grid_outputs_f64
    struct_size::Csize_t
    report::otc_report
    cost::Cdouble
    gap::Cdouble
    plan_nnz::Csize_t
    rounds::UInt64
    levels::Csize_t
    f::Ptr{Cdouble}
    g::Ptr{Cdouble}
    plan_rows::Ptr{Csize_t}
    plan_cols::Ptr{Csize_t}
    plan_mass::Ptr{Cdouble}
end

# Options of `otc_emd_partial_f64`; fill with `otc_emd_partial_options_default`.
struct otc_emd_partial_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::UInt64
    mass_tolerance::Cdouble
end

# Exact partial OT: move `mass` (0 ≤ mass ≤ min(Σa, Σb)) from `a` to `b` at least cost,
# `min ⟨C, P⟩` over P ≥ 0 with P·1 ≤ a, Pᵀ·1 ≤ b, Σ P = mass.
struct otc_emd_partial_problem_f64
    struct_size::Csize_t
    a::Ptr{Cdouble}
    n::Csize_t
    b::Ptr{Cdouble}
    m::Csize_t
    cost::otc_matrix_f64
    mass::Cdouble
end

# Results of `otc_emd_partial_f64`. `report.iterations`: pivots; `report.error`: `gap`;
# `report.path`: 0. Optional outputs: NULL (a view's `data` NULL) when not wanted.
struct otc_emd_partial_outputs_f64
    struct_size::Csize_t
    report::otc_report
    cost::Cdouble
    transported_mass::Cdouble
    mass_price::Cdouble
    gap::Cdouble
    plan_nnz::Csize_t
    f::Ptr{Cdouble}
    g::Ptr{Cdouble}
    plan_rows::Ptr{Csize_t}
    plan_cols::Ptr{Csize_t}
    plan_mass::Ptr{Cdouble}
    plan::otc_matrix_mut_f64
end

# Options of `otc_emd_unbalanced_tv_f64`; fill with `otc_emd_unbalanced_tv_options_default`.
struct otc_emd_unbalanced_tv_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::UInt64
end

# Exact TV-unbalanced OT: `min_{P ≥ 0} ⟨C, P⟩ + ρ(‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁)`. Mass moves
# from i to j only where C_ij < 2ρ; ρ > max C / 2 with Σa = Σb gives the balanced plan.
struct otc_emd_unbalanced_tv_problem_f64
    struct_size::Csize_t
    a::Ptr{Cdouble}
    n::Csize_t
    b::Ptr{Cdouble}
    m::Csize_t
    cost::otc_matrix_f64
    rho::Cdouble
end

# Results of `otc_emd_unbalanced_tv_f64`. `report.iterations`: pivots; `report.error`:
# `gap`; `report.path`: 0. Optional outputs: NULL (a view's `data` NULL) when not wanted.
struct otc_emd_unbalanced_tv_outputs_f64
    struct_size::Csize_t
    report::otc_report
    cost::Cdouble
    objective::Cdouble
    transported_mass::Cdouble
    gap::Cdouble
    plan_nnz::Csize_t
    f::Ptr{Cdouble}
    g::Ptr{Cdouble}
    plan_rows::Ptr{Csize_t}
    plan_cols::Ptr{Csize_t}
    plan_mass::Ptr{Cdouble}
    plan::otc_matrix_mut_f64
end

# Options of `otc_emd`; fill with `otc_emd_options_default`.
struct otc_emd_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::UInt64
    mass_tolerance::Cdouble
end

# Scalar results of `otc_emd`.
struct otc_emd_result
    cost::Cdouble
    gap::Cdouble
    iterations::UInt64
    nnz::Csize_t
end

# Options of the Gaussian functions. Fill with `otc_gaussian_options_default`.
struct otc_gaussian_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::UInt32
    symmetry_tol::Cdouble
    psd_tol::Cdouble
    rank_tol::Cdouble
    tol::Cdouble
end

# Options of `otc_laguerre_assign_*`.
struct otc_laguerre_options
    struct_size::Csize_t
    num_threads::UInt32
end

# Options of `otc_semidiscrete_f64`.
struct otc_semidiscrete_options
    struct_size::Csize_t
    num_threads::UInt32
    method::Int32
    max_iter::Int32
    tol::Cdouble
    step::Cdouble
    epsilon::Cdouble
end

# What `otc_semidiscrete_f64` reports.
struct otc_semidiscrete_info
    iterations::UInt64
    mass_error::Cdouble
    smoothed_mass_error::Cdouble
    epsilon::Cdouble
    step::Cdouble
    converged::UInt32
end

# Options of the averaged SGD entry points (`otc_semidiscrete_sgd_*`).
struct otc_sgd_options
    struct_size::Csize_t
    num_threads::UInt32
    iterations::Int32
    batch::Int32
    step::Cdouble
end

# A sampler of the continuous source: writes `count` independent samples (row-major,
# `count × dim` doubles) into `out_points`; returns 0 on success, anything else stops the
# solver (`OTC_ERR_INVALID_ARGUMENT`). With `num_threads != 1` it may run on an otcore
# worker thread, never concurrently with itself.
const otc_sample_fn = Ptr{Cvoid}

# The single-precision sampler of `otc_semidiscrete_sgd_f32`: as `otc_sample_fn`, writing
# `count × dim` floats.
const otc_sample_f32_fn = Ptr{Cvoid}

# Options of the Sinkhorn solvers. Fill with `otc_sinkhorn_options_default`, then change
# fields. ε and the penalties are in cost units.
struct otc_sinkhorn_options
    struct_size::Csize_t
    epsilon::Cdouble
    rho_a::Cdouble
    rho_b::Cdouble
    tolerance::Cdouble
    eps_scaling_start::Cdouble
    num_threads::UInt32
    max_iter::UInt32
    check_every::UInt32
    eps_scaling_steps::UInt32
    eps_scaling_iters::UInt32
    symmetric::UInt32
    compute_transport_cost::UInt32
    mass_tolerance::Cdouble
end

# What a Sinkhorn solve reports (an output: set `struct_size` before the call).
struct otc_sinkhorn_info
    struct_size::Csize_t
    transport_cost::Cdouble
    dual::Cdouble
    marginal_error::Cdouble
    mass::Cdouble
    eps_start::Cdouble
    iterations::UInt32
    scaling_iterations::UInt32
    eps_steps::UInt32
    converged::UInt32
end

# Options of `otc_sinkhorn_block_step_f64` / `_f32`; fill with
# `otc_sinkhorn_block_step_options_default`. Give every block (and the column update) the
# same epsilon and penalties.
struct otc_sinkhorn_block_step_options
    struct_size::Csize_t
    num_threads::UInt32
    epsilon::Cdouble
    rho_a::Cdouble
    rho_b::Cdouble
end

# One block of rows of an n×m entropic OT problem, doubles. The block holds `rows` of the n
# rows; the cost is given in exactly one of two forms, the other's `data` NULL:
# * `cost_block`: the block's rows of the dense cost, rows×m, any strides;
# * `x_block` (rows×d) and `y` (m×d): the block's source points and all target points,
# squared Euclidean cost `|x_i − y_j|²` computed on the fly (memory O((rows + m)·d)).
struct otc_sinkhorn_block_step_problem_f64
    struct_size::Csize_t
    cost_block::otc_matrix_f64
    x_block::otc_matrix_f64
    y::otc_matrix_f64
    a_block::Ptr{Cdouble}
    b::Ptr{Cdouble}
    g::Ptr{Cdouble}
    f_block::Ptr{Cdouble}
end

# `otc_sinkhorn_block_step_problem_f64` with costs, points and weights of floats (the
# potentials stay doubles).
struct otc_sinkhorn_block_step_problem_f32
    struct_size::Csize_t
    cost_block::otc_matrix_f32
    x_block::otc_matrix_f32
    y::otc_matrix_f32
    a_block::Ptr{Cfloat}
    b::Ptr{Cfloat}
    g::Ptr{Cdouble}
    f_block::Ptr{Cdouble}
end

# A partial log-sum-exp over some rows of one column: the value is `max + log(sum)`;
# `{-INFINITY, 0}` is the empty pair. Produced by `otc_sinkhorn_block_step_*`, combined by
# `otc_lse_pair_merge`, consumed by `otc_sinkhorn_block_column_update_f64`. Two doubles: send
# them as 2 `MPI_DOUBLE`s (or a contiguous type of 2).
struct otc_lse_pair
    max::Cdouble
    sum::Cdouble
end

# Results of `otc_sinkhorn_block_step_f64`. `report.iterations` is 1 (one block's share of
# one iteration), `report.error` = `marginal_error`. Optional outputs (NULL: not wanted).
struct otc_sinkhorn_block_step_outputs_f64
    struct_size::Csize_t
    report::otc_report
    marginal_error::Cdouble
    f_block::Ptr{Cdouble}
    pairs::Ptr{otc_lse_pair}
end

# Results of `otc_sinkhorn_block_step_f32`: as `otc_sinkhorn_block_step_outputs_f64`
# (potentials, pairs and error are doubles on both paths).
struct otc_sinkhorn_block_step_outputs_f32
    struct_size::Csize_t
    report::otc_report
    marginal_error::Cdouble
    f_block::Ptr{Cdouble}
    pairs::Ptr{otc_lse_pair}
end

# Options of `otc_sinkhorn_block_column_update_f64`; fill with
# `otc_sinkhorn_block_column_update_options_default`.
struct otc_sinkhorn_block_column_update_options
    struct_size::Csize_t
    num_threads::UInt32
    epsilon::Cdouble
    rho_b::Cdouble
end

# The pairs of all blocks combined, for the column update (f64 only: pairs and potentials
# are doubles on both element types).
struct otc_sinkhorn_block_column_update_problem_f64
    struct_size::Csize_t
    pairs::Ptr{otc_lse_pair}
    m::Csize_t
end

# Results of `otc_sinkhorn_block_column_update_f64`. `report.iterations` is 0 (the step
# counts the iteration), `report.error` 0 (none computed).
struct otc_sinkhorn_block_column_update_outputs_f64
    struct_size::Csize_t
    report::otc_report
    g::Ptr{Cdouble}
end

# Success.
const OTC_OK = 0

# An iterative method stopped at its iteration cap before meeting its tolerance; the
# outputs hold the last iterate and are valid.
const OTC_WARN_MAX_ITER = 1

# A matrix was singular or rank-deficient; a documented fallback (pseudo-inverse) was used.
const OTC_WARN_SINGULAR = 2

# The options' callback asked the solver to stop; the outputs hold the iterate reached and
# are valid (as at the iteration cap).
const OTC_WARN_CANCELLED = 3

# A required pointer is NULL.
const OTC_ERR_NULL_POINTER = 100

# A dimension is zero, or dimensions that must agree do not.
const OTC_ERR_INVALID_DIMENSION = 101

# A parameter is out of range, or an integer names no known enumerator.
const OTC_ERR_INVALID_ARGUMENT = 102

# An input holds NaN or an infinity.
const OTC_ERR_NON_FINITE = 103

# The two marginals do not carry the same mass within tolerance.
const OTC_ERR_MASS_MISMATCH = 104

# The problem has no feasible solution.
const OTC_ERR_INFEASIBLE = 105

# The workspace is smaller than the `*_workspace_size` query said.
const OTC_ERR_WORKSPACE_TOO_SMALL = 106

# An options struct's `struct_size` does not match this library (header/library mismatch).
const OTC_ERR_ABI_MISMATCH = 107

# A numerical failure the inputs did not announce.
const OTC_ERR_NUMERICAL = 108

# A stride is invalid (zero where it must not be, misaligned data, or a view that does not
# fit in the address space).
const OTC_ERR_INVALID_STRIDE = 109

# An output overlaps itself or an input.
const OTC_ERR_ALIASING = 110

# A matrix that must be symmetric positive semi-definite is not, beyond rounding.
const OTC_ERR_NOT_PSD = 111

# A size computation overflows.
const OTC_ERR_OVERFLOW = 112

# The worker threads could not be started.
const OTC_ERR_THREADS = 113

# An allocation failed; `otc_last_error_message` names the bytes asked. Nothing was written.
const OTC_ERR_OUT_OF_MEMORY = 114

# A panic inside otcore (a bug: please report it with the message).
const OTC_ERR_PANIC = 199

# Writes the default options (`num_threads = 0`) into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_assignment_options`.
const _otc_assignment_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_assignment_options_default(opts) =
    ccall(_otc_assignment_options_default[], otc_status, (Ptr{otc_assignment_options},), opts)

# Bytes of workspace `otc_assignment_f64` needs for `problem` with `opts` (NULL: defaults):
# about 81·n bytes per worker (`min(threads, count)` workers) plus 80 bytes per problem.
# Depends on the count, n (the rows of `costs[0]`) and the thread count only; starts no
# thread. O(1) time.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (count 0, n = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes),
# `problem->costs` valid for `count` views; `bytes` valid for writes.
const _otc_assignment_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_assignment_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_assignment_workspace_size_f64[], otc_status, (Ptr{otc_assignment_problem_f64}, Ptr{otc_assignment_options}, Ptr{Csize_t}), problem, opts, bytes)

# Solves the linear assignment problem `min_σ Σ_i C[i, σ(i)]` over permutations σ for each
# of the k n × n costs of `problem`, exactly, by Jonker–Volgenant (LAPJV) in double
# precision, with dual potentials (u, v) certifying optimality. One problem runs on one
# thread; the problems of a batch are shared by `opts->num_threads` workers (results
# identical for every thread count). Time O(n²) for the reductions plus O(n) per row scanned
# by the shortest-path searches (O(n³) worst case) per problem; workspace from
# `otc_assignment_workspace_size_f64` (or `{NULL, 0}`: allocated). Every problem is checked
# before any output is written.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (count 0, a cost not square or of another size than
# `costs[0]`), `OTC_ERR_NON_FINITE` (a NaN or infinite cost; the message names problem and
# entry), `OTC_ERR_INVALID_ARGUMENT` (costs so large that the duals could overflow),
# `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING` (an output overlaps an input or another
# output), `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
# `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_assignment_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_assignment_f64(problem, out, opts, work) =
    ccall(_otc_assignment_f64[], otc_status, (Ptr{otc_assignment_problem_f64}, Ptr{otc_assignment_outputs_f64}, Ptr{otc_assignment_options}, otc_workspace), problem, out, opts, work)

# Writes the default options (0 threads, max_iter 1000, ε = 1e-2, tol = 1e-9) into `*opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` is NULL or valid for writes of one `otc_barycenter_options`.
const _otc_barycenter_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_options_default(opts) =
    ccall(_otc_barycenter_options_default[], otc_status, (Ptr{otc_barycenter_options},), opts)

# Writes the default options (0 threads, max_iter 1000, ε = 1e-2, tol = 1e-9) into `*opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` is NULL or valid for writes of one `otc_convolutional_barycenter_options`.
const _otc_convolutional_barycenter_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_convolutional_barycenter_options_default(opts) =
    ccall(_otc_convolutional_barycenter_options_default[], otc_status, (Ptr{otc_convolutional_barycenter_options},), opts)

# Bytes of workspace `otc_barycenter_f64` needs for `problem` (n and k, the sizes of
# `hists`; no data is read) and `opts`: `(3k + 3)·n` doubles plus alignment.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_ARGUMENT` (max_iter 0), `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` is NULL or valid for writes.
const _otc_barycenter_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_barycenter_workspace_size_f64[], otc_status, (Ptr{otc_barycenter_problem_f64}, Ptr{otc_barycenter_options}, Ptr{Csize_t}), problem, opts, bytes)

# Bytes of workspace `otc_barycenter_f32` needs: `(3k + 3)·n` floats plus alignment.
#
# Statuses: as `otc_barycenter_workspace_size_f64`.
#
# # Safety
# As `otc_barycenter_workspace_size_f64`.
const _otc_barycenter_workspace_size_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_workspace_size_f32(problem, opts, bytes) =
    ccall(_otc_barycenter_workspace_size_f32[], otc_status, (Ptr{otc_barycenter_problem_f32}, Ptr{otc_barycenter_options}, Ptr{Csize_t}), problem, opts, bytes)

# Fixed-support entropic Wasserstein barycenter by iterative Bregman projections in the log
# domain (Benamou et al. 2015): the histogram p minimising `Σ_c λ_c OT_ε(p, a_c)` for the
# k histograms `problem->hists` (n × k), weights λ (`problem->weights` normalised, NULL =
# uniform) and cost `problem->cost` (n × n), entropic regularisation `opts->epsilon`
# (kernel `exp(−C/ε)`). Writes `out->barycenter` (n) and the report (iterations; error = the
# marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`, units of mass). Time O(k n²) per iteration,
# its log-sum-exp rows shared by `opts->num_threads` threads (the same bits for every
# count); workspace `(3k + 3)·n` values (`otc_barycenter_workspace_size_f64`, or
# `{NULL, 0}`: allocated).
#
# Progress: `opts->callback` (when set) receives `(iterations, marginal error)` every
# `opts->callback_every` iterations, on the calling thread.
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tol not met within max_iter; outputs valid);
# `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid: the current iterate);
# `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (zero sizes,
# cost not n × n), `OTC_ERR_INVALID_ARGUMENT` (ε, tol, max_iter, negative masses or
# weights), `OTC_ERR_MASS_MISMATCH` (a histogram not summing to 1), `OTC_ERR_NON_FINITE`,
# `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`, `OTC_ERR_ALIASING` (an output overlaps an
# input or the other output), `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
# `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
# bytes); every non-NULL pointer and view in them is valid for its stated size;
# `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
const _otc_barycenter_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_f64(problem, out, opts, work) =
    ccall(_otc_barycenter_f64[], otc_status, (Ptr{otc_barycenter_problem_f64}, Ptr{otc_barycenter_outputs_f64}, Ptr{otc_barycenter_options}, otc_workspace), problem, out, opts, work)

# `otc_barycenter_f64` in float: histograms, cost, weights and output are floats; the
# log-sum-exps run in float, the weight sums and the marginal error in double.
#
# Statuses: as `otc_barycenter_f64`.
#
# # Safety
# As `otc_barycenter_f64`.
const _otc_barycenter_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_f32(problem, out, opts, work) =
    ccall(_otc_barycenter_f32[], otc_status, (Ptr{otc_barycenter_problem_f32}, Ptr{otc_barycenter_outputs_f32}, Ptr{otc_barycenter_options}, otc_workspace), problem, out, opts, work)

# Bytes of workspace `otc_convolutional_barycenter_f64` needs for `problem` (h, w and k,
# the columns of `images`; no data is read) and `opts`: `(3k + 5)·hw + h + 2w + 2(h² + w²)`
# doubles plus alignment.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_ARGUMENT` (max_iter 0), `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` is NULL or valid for writes.
const _otc_convolutional_barycenter_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_convolutional_barycenter_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_convolutional_barycenter_workspace_size_f64[], otc_status, (Ptr{otc_convolutional_barycenter_problem_f64}, Ptr{otc_convolutional_barycenter_options}, Ptr{Csize_t}), problem, opts, bytes)

# Bytes of workspace `otc_convolutional_barycenter_f32` needs: as the f64 query, in floats.
#
# Statuses: as `otc_convolutional_barycenter_workspace_size_f64`.
#
# # Safety
# As `otc_convolutional_barycenter_workspace_size_f64`.
const _otc_convolutional_barycenter_workspace_size_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_convolutional_barycenter_workspace_size_f32(problem, opts, bytes) =
    ccall(_otc_convolutional_barycenter_workspace_size_f32[], otc_status, (Ptr{otc_convolutional_barycenter_problem_f32}, Ptr{otc_convolutional_barycenter_options}, Ptr{Csize_t}), problem, opts, bytes)

# Convolutional entropic barycenter on an h × w grid of the unit square (Solomon et al.
# 2015; separable Gaussian kernel `exp(−d²/ε)` applied in the log domain, as POT's
# `convolutional_barycenter2d`): the image p minimising `Σ_c λ_c OT_ε(p, a_c)` for the k
# images `problem->images` ((h·w) × k, pixel (r, col) at row `r·w + col`) and weights λ
# (`problem->weights` normalised, NULL = uniform). Writes `out->barycenter` (h·w, the same
# layout) and the report (iterations; error = the marginal error
# `max_k Σ_i |u_k ⊙ K v_k − p|`, units of mass). Per iteration `2k` stabilised
# log-convolutions, each two matmuls (`O(hw(h + w))`) and `O(hw)` exps; workspace
# `O(k·hw + h² + w²)` (`otc_convolutional_barycenter_workspace_size_f64`, or `{NULL, 0}`:
# allocated). The same bits for every `num_threads`.
#
# Progress: `opts->callback` (when set) receives `(iterations, marginal error)` every
# `opts->callback_every` iterations, on the calling thread.
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tol not met within max_iter; outputs valid);
# `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid: the current iterate);
# `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (zero sizes,
# height·width not the rows of images: checked before anything is sized from them),
# `OTC_ERR_INVALID_ARGUMENT` (ε, tol, max_iter, negative masses or weights),
# `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`,
# `OTC_ERR_OVERFLOW`, `OTC_ERR_ALIASING`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
# `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
# bytes); every non-NULL pointer and view in them is valid for its stated size;
# `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
const _otc_convolutional_barycenter_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_convolutional_barycenter_f64(problem, out, opts, work) =
    ccall(_otc_convolutional_barycenter_f64[], otc_status, (Ptr{otc_convolutional_barycenter_problem_f64}, Ptr{otc_convolutional_barycenter_outputs_f64}, Ptr{otc_convolutional_barycenter_options}, otc_workspace), problem, out, opts, work)

# `otc_convolutional_barycenter_f64` in float: images, weights and output are floats; the
# log-convolutions run in float, the weight sums and the marginal error in double.
#
# Statuses: as `otc_convolutional_barycenter_f64`.
#
# # Safety
# As `otc_convolutional_barycenter_f64`.
const _otc_convolutional_barycenter_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_convolutional_barycenter_f32(problem, out, opts, work) =
    ccall(_otc_convolutional_barycenter_f32[], otc_status, (Ptr{otc_convolutional_barycenter_problem_f32}, Ptr{otc_convolutional_barycenter_outputs_f32}, Ptr{otc_convolutional_barycenter_options}, otc_workspace), problem, out, opts, work)

# The detail of the last failure (or warning) on the calling thread, as a NUL-terminated
# string; "" when the last otcore call on this thread succeeded without warning.
#
# Never NULL. The string belongs to otcore and stays valid until the next otcore call on the
# same thread; copy it to keep it. During thread or process teardown (from `atexit`
# handlers, C++ static destructors, thread-key destructors), when the thread's storage is
# gone, a fixed text saying so is returned instead: use `otc_status_message` there.
const _otc_last_error_message = Ref{Ptr{Cvoid}}(C_NULL)
otc_last_error_message() =
    ccall(_otc_last_error_message[], Cstring, ())

# Writes the default options (0 threads, squared Euclidean, p = 2) into `*opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` is NULL or valid for writes of one `otc_cost_matrix_options`.
const _otc_cost_matrix_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_cost_matrix_options_default(opts) =
    ccall(_otc_cost_matrix_options_default[], otc_status, (Ptr{otc_cost_matrix_options},), opts)

# Bytes of workspace `otc_cost_matrix_f64` needs for `problem` (the sizes n, m, d of its
# views; their data is not read) and `opts` (NULL: defaults): O((n + m)·d).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_ARGUMENT` (unknown metric, bad p), `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` is NULL or valid for writes.
const _otc_cost_matrix_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_cost_matrix_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_cost_matrix_workspace_size_f64[], otc_status, (Ptr{otc_cost_matrix_problem_f64}, Ptr{otc_cost_matrix_options}, Ptr{Csize_t}), problem, opts, bytes)

# Bytes of workspace `otc_cost_matrix_f32` needs: as `otc_cost_matrix_workspace_size_f64`.
#
# Statuses: as `otc_cost_matrix_workspace_size_f64`.
#
# # Safety
# As `otc_cost_matrix_workspace_size_f64`.
const _otc_cost_matrix_workspace_size_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_cost_matrix_workspace_size_f32(problem, opts, bytes) =
    ccall(_otc_cost_matrix_workspace_size_f32[], otc_status, (Ptr{otc_cost_matrix_problem_f32}, Ptr{otc_cost_matrix_options}, Ptr{Csize_t}), problem, opts, bytes)

# Cost matrix of f64 points: `out->cost[i, j] = metric(x_i, y_j)` for the rows of
# `problem->x` (n × d) and `problem->y` (m × d), the metric and its exponent from `opts`
# (NULL: squared Euclidean). O(n·m·d) time, O((n + m)·d) workspace
# (`otc_cost_matrix_workspace_size_f64`, or `{NULL, 0}`: allocated); the same bits for every
# thread count. Squared Euclidean, Euclidean and cosine at d ≥ 16 use a matrix product;
# duplicated points still get exactly 0.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (a zero size, d or the shape of `out->cost` mismatched),
# `OTC_ERR_NON_FINITE` (a NaN or infinite coordinate; the message names it),
# `OTC_ERR_INVALID_ARGUMENT` (metric, p), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_ALIASING` (an output overlaps an input or the other output),
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
# bytes); every element their views address is readable (x, y) or writable (cost) memory
# of the caller; `work.data` is NULL or valid for `work.bytes` bytes and overlaps no
# argument.
const _otc_cost_matrix_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_cost_matrix_f64(problem, out, opts, work) =
    ccall(_otc_cost_matrix_f64[], otc_status, (Ptr{otc_cost_matrix_problem_f64}, Ptr{otc_cost_matrix_outputs_f64}, Ptr{otc_cost_matrix_options}, otc_workspace), problem, out, opts, work)

# Cost matrix of f32 points: as `otc_cost_matrix_f64`, in single precision.
#
# Statuses: as `otc_cost_matrix_f64`.
#
# # Safety
# As `otc_cost_matrix_f64`.
const _otc_cost_matrix_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_cost_matrix_f32(problem, out, opts, work) =
    ccall(_otc_cost_matrix_f32[], otc_status, (Ptr{otc_cost_matrix_problem_f32}, Ptr{otc_cost_matrix_outputs_f32}, Ptr{otc_cost_matrix_options}, otc_workspace), problem, out, opts, work)

# Writes the default options (`num_threads = 0`, `mass_tolerance = 1e-9`,
# `arcs_per_node = 16`, no callback) into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_emd_grid_options`.
const _otc_emd_grid_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_grid_options_default(opts) =
    ccall(_otc_emd_grid_options_default[], otc_status, (Ptr{otc_emd_grid_options},), opts)

# Bytes of workspace `otc_emd_grid_f64` needs for `problem` (its grid) with `opts` (NULL:
# defaults): O(n · arcs_per_node), 16 bytes an arc (about 35 MB at 256 × 256 with the
# defaults). Reads the grid only. O(levels) time.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (ndim, a zero size, too many pixels), `OTC_ERR_OVERFLOW`,
# `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes),
# `problem->shape` (and `spacing` unless NULL) valid for `ndim` elements; `bytes` valid for
# writes.
const _otc_emd_grid_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_grid_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_emd_grid_workspace_size_f64[], otc_status, (Ptr{otc_emd_grid_problem_f64}, Ptr{otc_emd_grid_options}, Ptr{Csize_t}), problem, opts, bytes)

# Exact optimal transport between the histograms `problem->a` and `problem->b` on the
# grid of `problem` for the squared Euclidean cost, by a sparse multiscale network simplex
# (Schmitzer 2016): a coarse-to-fine hierarchy, pivots on a sparse arc set, and checks of
# all n² reduced costs by distance transforms that add violating arcs until none is left.
# The n × n cost is never formed. Time: typically O(n) arcs and a few O(n) checks per level
# plus the pivots; workspace from `otc_emd_grid_workspace_size_f64` (or `{NULL, 0}`:
# allocated). Zero-mass pixels get the largest duals keeping every reduced cost ≥ 0.
#
# Statuses: `OTC_OK`; `OTC_WARN_CANCELLED` (the callback stopped the solve: a feasible
# plan, maybe not optimal, `gap` < 0 says how far); `OTC_ERR_NULL_POINTER`,
# `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (ndim, a zero size, too many pixels),
# `OTC_ERR_INVALID_ARGUMENT` (a spacing ≤ 0, a negative weight or tolerance),
# `OTC_ERR_NON_FINITE`, `OTC_ERR_MASS_MISMATCH` (naming the heavier side),
# `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
# `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_emd_grid_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_grid_f64(problem, out, opts, work) =
    ccall(_otc_emd_grid_f64[], otc_status, (Ptr{otc_emd_grid_problem_f64}, Ptr{otc_emd_grid_outputs_f64}, Ptr{otc_emd_grid_options}, otc_workspace), problem, out, opts, work)

# Writes the default options (`num_threads = 0`, `max_iter = 2^40`,
# `mass_tolerance = 1e-9`) into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_emd_partial_options`.
const _otc_emd_partial_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_partial_options_default(opts) =
    ccall(_otc_emd_partial_options_default[], otc_status, (Ptr{otc_emd_partial_options},), opts)

# Bytes of workspace `otc_emd_partial_f64` needs for `problem` (its n and m) with `opts`
# (NULL: defaults): O(n + m), the balanced simplex's on (n + 1) × (m + 1); the cost is never
# copied. O(1) time.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (n or m = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_emd_partial_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_partial_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_emd_partial_workspace_size_f64[], otc_status, (Ptr{otc_emd_partial_problem_f64}, Ptr{otc_emd_partial_options}, Ptr{Csize_t}), problem, opts, bytes)

# Exact partial OT between `problem->a` (n) and `problem->b` (m) for the n × m cost: moves
# `problem->mass` at least cost, by the network simplex on the problem with one dummy row
# and column (as POT's `partial_wasserstein`). Time as the balanced network simplex on
# (n + 1) × (m + 1); workspace from `otc_emd_partial_workspace_size_f64` (or `{NULL, 0}`).
# Σa = 0 or Σb = 0 is allowed (then `mass` must be 0).
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (feasible plan, P·1 ≤ a, Pᵀ·1 ≤ b, maybe not
# optimal); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
# `OTC_ERR_INVALID_ARGUMENT` (a negative weight or cost, a mass above min(Σa, Σb), a
# negative tolerance), `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
# `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
# `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_emd_partial_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_partial_f64(problem, out, opts, work) =
    ccall(_otc_emd_partial_f64[], otc_status, (Ptr{otc_emd_partial_problem_f64}, Ptr{otc_emd_partial_outputs_f64}, Ptr{otc_emd_partial_options}, otc_workspace), problem, out, opts, work)

# Writes the default options (`num_threads = 0`, `max_iter = 2^40`) into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_emd_unbalanced_tv_options`.
const _otc_emd_unbalanced_tv_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_unbalanced_tv_options_default(opts) =
    ccall(_otc_emd_unbalanced_tv_options_default[], otc_status, (Ptr{otc_emd_unbalanced_tv_options},), opts)

# Bytes of workspace `otc_emd_unbalanced_tv_f64` needs for `problem` (its n and m) with
# `opts` (NULL: defaults): O(n + m), as `otc_emd_partial_workspace_size_f64`. O(1) time.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (n or m = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_emd_unbalanced_tv_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_unbalanced_tv_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_emd_unbalanced_tv_workspace_size_f64[], otc_status, (Ptr{otc_emd_unbalanced_tv_problem_f64}, Ptr{otc_emd_unbalanced_tv_options}, Ptr{Csize_t}), problem, opts, bytes)

# Exact TV-unbalanced OT between `problem->a` (n) and `problem->b` (m) for the n × m cost
# with penalty `problem->rho`: the network simplex on the problem with a dummy row of mass
# Σb and a dummy column of mass Σa (creating or destroying mass at ρ a unit). Time as the
# balanced network simplex on (n + 1) × (m + 1); workspace from
# `otc_emd_unbalanced_tv_workspace_size_f64` (or `{NULL, 0}`).
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (feasible plan, maybe not optimal);
# `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
# `OTC_ERR_INVALID_ARGUMENT` (a negative weight, cost or ρ), `OTC_ERR_NON_FINITE`,
# `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_emd_unbalanced_tv_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_unbalanced_tv_f64(problem, out, opts, work) =
    ccall(_otc_emd_unbalanced_tv_f64[], otc_status, (Ptr{otc_emd_unbalanced_tv_problem_f64}, Ptr{otc_emd_unbalanced_tv_outputs_f64}, Ptr{otc_emd_unbalanced_tv_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `*opts`.
#
# # Safety
# `opts` must be valid for writes of one `otc_emd_options`.
const _otc_emd_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_options_default(opts) =
    ccall(_otc_emd_options_default[], otc_status, (Ptr{otc_emd_options},), opts)

# Bytes of workspace `otc_emd` needs for n rows and m columns (O(n + m); the cost matrix is
# never copied). `opts` may be NULL.
#
# # Safety
# `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
const _otc_emd_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_workspace_size(n, m, opts, out_bytes) =
    ccall(_otc_emd_workspace_size[], otc_status, (Csize_t, Csize_t, Ptr{otc_emd_options}, Ptr{Csize_t}), n, m, opts, out_bytes)

# Exact optimal transport between histograms `a` (n) and `b` (m) for the n × m `cost` (any
# strides), by the network simplex.
#
# `warm_f` (n) and `warm_g` (m), both or neither, are dual potentials of a related problem to
# start from (NULL, NULL: cold start).
#
# Outputs, each optional (NULL, or `plan.data == NULL`, when not wanted): `result` (cost,
# gap, iterations, nnz); duals `f` (n) and `g` (m) centred so that a·f = b·g; the sparse plan
# `plan_rows`, `plan_cols`, `plan_mass` (each with room for n + m − 1 entries; the three go
# together; `result->nnz` entries are written, in no particular order); the dense plan `plan`
# (n × m view). Weights and costs must be finite and ≥ 0; masses must agree within
# `mass_tolerance` (`OTC_ERR_MASS_MISMATCH` otherwise, naming the heavier side).
# Returns `OTC_WARN_MAX_ITER` with a feasible plan when `max_iter` stops the solve.
#
# # Safety
# Every non-NULL pointer must be valid for its stated length; `work` is NULL or valid for
# `work_bytes` bytes; outputs must not overlap each other or the inputs.
const _otc_emd = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd(a, n, b, m, cost, warm_f, warm_g, result, f, g, plan_rows, plan_cols, plan_mass, plan, opts, work, work_bytes) =
    ccall(_otc_emd[], otc_status, (Ptr{Cdouble}, Csize_t, Ptr{Cdouble}, Csize_t, otc_matrix_f64, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_emd_result}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Csize_t}, Ptr{Csize_t}, Ptr{Cdouble}, otc_matrix_mut_f64, Ptr{otc_emd_options}, Ptr{Cvoid}, Csize_t), a, n, b, m, cost, warm_f, warm_g, result, f, g, plan_rows, plan_cols, plan_mass, plan, opts, work, work_bytes)

# Bytes of workspace `otc_wasserstein_1d` needs for n and m samples (O(n + m)).
#
# # Safety
# `out_bytes` must be valid for writes.
const _otc_wasserstein_1d_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_wasserstein_1d_workspace_size(n, m, out_bytes) =
    ccall(_otc_wasserstein_1d_workspace_size[], otc_status, (Csize_t, Csize_t, Ptr{Csize_t}), n, m, out_bytes)

# Exact OT on the line between samples `x` (n, weights `a`) and `y` (m, weights `b`) for the
# cost |x − y|^p, p ≥ 1 (samples in any order: sorted internally, inputs untouched). Writes
# W_p^p to `*cost` and, when `plan_rows`, `plan_cols`, `plan_mass` are given (room for
# n + m − 1 entries each), the monotone plan, its length to `*nnz` (may be NULL). `opts` may
# be NULL; only `mass_tolerance` is used.
#
# # Safety
# Every non-NULL pointer must be valid for its stated length; outputs must not overlap inputs.
const _otc_wasserstein_1d = Ref{Ptr{Cvoid}}(C_NULL)
otc_wasserstein_1d(x, a, n, y, b, m, p, cost, plan_rows, plan_cols, plan_mass, nnz, opts, work, work_bytes) =
    ccall(_otc_wasserstein_1d[], otc_status, (Ptr{Cdouble}, Ptr{Cdouble}, Csize_t, Ptr{Cdouble}, Ptr{Cdouble}, Csize_t, Cdouble, Ptr{Cdouble}, Ptr{Csize_t}, Ptr{Csize_t}, Ptr{Cdouble}, Ptr{Csize_t}, Ptr{otc_emd_options}, Ptr{Cvoid}, Csize_t), x, a, n, y, b, m, p, cost, plan_rows, plan_cols, plan_mass, nnz, opts, work, work_bytes)

# Bytes of workspace `otc_sliced_wasserstein` needs: n, m points in dimension d, k
# directions, with the thread count of `opts` (NULL = defaults).
#
# # Safety
# `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
const _otc_sliced_wasserstein_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_sliced_wasserstein_workspace_size(n, m, d, k, opts, out_bytes) =
    ccall(_otc_sliced_wasserstein_workspace_size[], otc_status, (Csize_t, Csize_t, Csize_t, Csize_t, Ptr{otc_emd_options}, Ptr{Csize_t}), n, m, d, k, opts, out_bytes)

# Sliced Wasserstein SW_p^p between point clouds `x` (n × d, weights `a`) and `y` (m × d,
# weights `b`): the mean over directions of the exact 1-D W_p^p of the projections. With
# `directions.data == NULL`, `k` random unit directions from `seed`; otherwise the k rows of
# `directions` (k × d), used as given. Threads (`opts->num_threads`) split the directions; the
# result is identical for every thread count. Writes the value to `*out`.
#
# # Safety
# Every non-NULL pointer must be valid for its stated length; `out` must not overlap inputs.
const _otc_sliced_wasserstein = Ref{Ptr{Cvoid}}(C_NULL)
otc_sliced_wasserstein(x, a, y, b, p, k, seed, directions, out, opts, work, work_bytes) =
    ccall(_otc_sliced_wasserstein[], otc_status, (otc_matrix_f64, Ptr{Cdouble}, otc_matrix_f64, Ptr{Cdouble}, Cdouble, Csize_t, UInt64, otc_matrix_f64, Ptr{Cdouble}, Ptr{otc_emd_options}, Ptr{Cvoid}, Csize_t), x, a, y, b, p, k, seed, directions, out, opts, work, work_bytes)

# Bytes of workspace `otc_emd_batch` needs for k problems of n × m with the thread count of
# `opts` (one network-simplex workspace per worker).
#
# # Safety
# `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
const _otc_emd_batch_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_batch_workspace_size(n, m, k, opts, out_bytes) =
    ccall(_otc_emd_batch_workspace_size[], otc_status, (Csize_t, Csize_t, Csize_t, Ptr{otc_emd_options}, Ptr{Csize_t}), n, m, k, opts, out_bytes)

# Solves k independent problems of one shape: problem l has weights `a[l*n .. (l+1)*n]`,
# `b[l*m .. (l+1)*m]` and cost `costs[l]` (n × m, any strides). Each problem runs on one
# thread; `opts->num_threads` workers share the problems (results identical for every thread
# count). `results` (k) is required; `f` (k·n), `g` (k·m) and the sparse plans (k·(n+m−1)
# each, problem l from entry l·(n+m−1), `results[l].nnz` entries) are optional. Every problem
# is validated before anything is solved. `OTC_WARN_MAX_ITER` if any problem hit `max_iter`.
#
# # Safety
# Every non-NULL pointer must be valid for its stated length; outputs must not overlap inputs.
const _otc_emd_batch = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_batch(n, m, k, a, b, costs, results, f, g, plan_rows, plan_cols, plan_mass, opts, work, work_bytes) =
    ccall(_otc_emd_batch[], otc_status, (Csize_t, Csize_t, Csize_t, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_matrix_f64}, Ptr{otc_emd_result}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Csize_t}, Ptr{Csize_t}, Ptr{Cdouble}, Ptr{otc_emd_options}, Ptr{Cvoid}, Csize_t), n, m, k, a, b, costs, results, f, g, plan_rows, plan_cols, plan_mass, opts, work, work_bytes)

# Writes the default Gaussian options into `*out`.
#
# # Safety
# `out` must be valid for writes of one `otc_gaussian_options`.
const _otc_gaussian_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_options_default(out) =
    ccall(_otc_gaussian_options_default[], otc_status, (Ptr{otc_gaussian_options},), out)

# Bytes of workspace the Gaussian operation `op` (an `OTC_GAUSSIAN_OP_*`) needs in dimension
# `d`; `n`, `m` are the batch sizes k₁, k₂ for `OTC_GAUSSIAN_OP_PAIRWISE`, the number of points
# for `OTC_GAUSSIAN_OP_MOMENTS`, and ignored otherwise. Depends on `opts->num_threads`.
#
# # Safety
# `opts` NULL or a valid options struct; `out_bytes` valid for writes.
const _otc_gaussian_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_workspace_size(op, d, n, m, opts, out_bytes) =
    ccall(_otc_gaussian_workspace_size[], otc_status, (Int32, Csize_t, Csize_t, Csize_t, Ptr{otc_gaussian_options}, Ptr{Csize_t}), op, d, n, m, opts, out_bytes)

# Squared Bures distance B²(Σ₁, Σ₂) = tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½ between two
# symmetric PSD d×d matrices, into `*out_bures_sq`. Singular inputs are fine; non-symmetric
# or indefinite ones (beyond the options' tolerances) are `OTC_ERR_NOT_PSD`.
# Workspace: `OTC_GAUSSIAN_OP_DISTANCE`.
#
# # Safety
# Views valid as described; `work` NULL or `work_bytes` writable bytes; `out_bures_sq` writable.
const _otc_bures_distance = Ref{Ptr{Cvoid}}(C_NULL)
otc_bures_distance(sigma1, sigma2, opts, work, work_bytes, out_bures_sq) =
    ccall(_otc_bures_distance[], otc_status, (otc_matrix_f64, otc_matrix_f64, Ptr{otc_gaussian_options}, Ptr{Cvoid}, Csize_t, Ptr{Cdouble}), sigma1, sigma2, opts, work, work_bytes, out_bures_sq)

# Squared 2-Wasserstein distance between N(m1, Σ₁) and N(m2, Σ₂) in dimension d:
# ‖m1 − m2‖² + B²(Σ₁, Σ₂), into `*out_w2_sq`. Workspace: `OTC_GAUSSIAN_OP_DISTANCE`.
#
# # Safety
# `m1`, `m2` point to d doubles; views valid; `out_w2_sq` writable.
const _otc_gaussian_w2 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_w2(d, m1, sigma1, m2, sigma2, opts, work, work_bytes, out_w2_sq) =
    ccall(_otc_gaussian_w2[], otc_status, (Csize_t, Ptr{Cdouble}, otc_matrix_f64, Ptr{Cdouble}, otc_matrix_f64, Ptr{otc_gaussian_options}, Ptr{Cvoid}, Csize_t, Ptr{Cdouble}), d, m1, sigma1, m2, sigma2, opts, work, work_bytes, out_w2_sq)

# Entropic OT cost between N(m1, Σ₁) and N(m2, Σ₂) with regularisation `eps` = 2σ² > 0,
# min_π E‖x − y‖² + eps·KL(π‖α⊗β), in closed form (Janati et al. 2020), into `*out_cost`.
# Workspace: `OTC_GAUSSIAN_OP_DISTANCE`.
#
# # Safety
# `m1`, `m2` point to d doubles; views valid; `out_cost` writable.
const _otc_gaussian_entropic_w2 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_entropic_w2(d, m1, sigma1, m2, sigma2, eps, opts, work, work_bytes, out_cost) =
    ccall(_otc_gaussian_entropic_w2[], otc_status, (Csize_t, Ptr{Cdouble}, otc_matrix_f64, Ptr{Cdouble}, otc_matrix_f64, Cdouble, Ptr{otc_gaussian_options}, Ptr{Cvoid}, Csize_t, Ptr{Cdouble}), d, m1, sigma1, m2, sigma2, eps, opts, work, work_bytes, out_cost)

# All squared W₂ distances between k₁ Gaussians (means = rows of `means1`, k₁×d;
# covariances `covs1[0..k₁]`) and k₂ Gaussians (`means2`, `covs2`): `out` (k₁×k₂) gets
# W₂²(i, j). Parallel over fixed runs of pairs: identical results for every thread count.
# Workspace: `OTC_GAUSSIAN_OP_PAIRWISE` with n = k₁, m = k₂.
#
# # Safety
# `covs1`/`covs2` point to k₁/k₂ valid views; other views valid; `out` writable, disjoint.
const _otc_gaussian_w2_pairwise = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_w2_pairwise(means1, covs1, means2, covs2, opts, work, work_bytes, out_w2_sq) =
    ccall(_otc_gaussian_w2_pairwise[], otc_status, (otc_matrix_f64, Ptr{otc_matrix_f64}, otc_matrix_f64, Ptr{otc_matrix_f64}, Ptr{otc_gaussian_options}, Ptr{Cvoid}, Csize_t, otc_matrix_mut_f64), means1, covs1, means2, covs2, opts, work, work_bytes, out_w2_sq)

# The optimal map T(x) = A x + b from N(m1, Σ₁) to N(m2, Σ₂): A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½
# (d×d, symmetric PSD) into `a_out`, and b = m2 − A m1 into `b_out` (optional, NULL = not
# wanted; `m1`/`m2` NULL mean zero vectors). A rank-deficient Σ₁ gives the pseudo-inverse map
# (ker Σ₁ is sent to 0) and `OTC_WARN_SINGULAR`. Workspace: `OTC_GAUSSIAN_OP_MAP`.
#
# # Safety
# `m1`, `m2` NULL or d doubles; views valid; `b_out` NULL or d writable doubles.
const _otc_gaussian_map = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_map(m1, sigma1, m2, sigma2, opts, work, work_bytes, a_out, b_out) =
    ccall(_otc_gaussian_map[], otc_status, (Ptr{Cdouble}, otc_matrix_f64, Ptr{Cdouble}, otc_matrix_f64, Ptr{otc_gaussian_options}, Ptr{Cvoid}, Csize_t, otc_matrix_mut_f64, Ptr{Cdouble}), m1, sigma1, m2, sigma2, opts, work, work_bytes, a_out, b_out)

# Applies x ↦ A x + b to the n points in the rows of `x` (n×d), writing the rows of `y`
# (n×d, disjoint from the inputs); `b` NULL means 0. One matrix product; no workspace.
#
# # Safety
# Views valid; `b` NULL or d doubles.
const _otc_gaussian_map_apply = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_map_apply(a, b, x, opts, y) =
    ccall(_otc_gaussian_map_apply[], otc_status, (otc_matrix_f64, Ptr{Cdouble}, otc_matrix_f64, Ptr{otc_gaussian_options}, otc_matrix_mut_f64), a, b, x, opts, y)

# The W₂ geodesic (McCann interpolant) at time t ∈ [0, 1] from N(m1, Σ₁) to N(m2, Σ₂):
# mean (1−t) m1 + t m2 into `mean_out` (optional) and covariance K Σ₁ K, K = (1−t) I + t A,
# into `cov_out`. `OTC_WARN_SINGULAR` when Σ₁ is rank-deficient (pseudo-inverse map).
# Workspace: `OTC_GAUSSIAN_OP_GEODESIC`.
#
# # Safety
# `m1`, `m2` d doubles; views valid; `mean_out` NULL or d writable doubles.
const _otc_gaussian_geodesic = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_geodesic(m1, sigma1, m2, sigma2, t, opts, work, work_bytes, mean_out, cov_out) =
    ccall(_otc_gaussian_geodesic[], otc_status, (Ptr{Cdouble}, otc_matrix_f64, Ptr{Cdouble}, otc_matrix_f64, Cdouble, Ptr{otc_gaussian_options}, Ptr{Cvoid}, Csize_t, Ptr{Cdouble}, otc_matrix_mut_f64), m1, sigma1, m2, sigma2, t, opts, work, work_bytes, mean_out, cov_out)

# The W₂ barycenter of k Gaussians (means = rows of `means`, k×d; covariances `covs[0..k]`)
# with `weights` (k non-negative values, normalised; NULL = uniform): the weighted mean into
# `mean_out` (optional) and the fixed point of Álvarez-Esteban et al. (2016),
# Σ ← Σ^−½ (Σₖ wₖ (Σ^½ Σₖ Σ^½)^½)² Σ^−½, into `cov_out`. Stops at `opts->tol` or after
# `opts->max_iter` iterations (`OTC_WARN_MAX_ITER`, last iterate returned); iterations made
# into `*iterations_out` (optional). Workspace: `OTC_GAUSSIAN_OP_BARYCENTER`.
#
# # Safety
# `covs` points to k valid views; `weights` NULL or k doubles; outputs writable, disjoint.
const _otc_gaussian_barycenter = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_barycenter(means, covs, weights, opts, work, work_bytes, mean_out, cov_out, iterations_out) =
    ccall(_otc_gaussian_barycenter[], otc_status, (otc_matrix_f64, Ptr{otc_matrix_f64}, Ptr{Cdouble}, Ptr{otc_gaussian_options}, Ptr{Cvoid}, Csize_t, Ptr{Cdouble}, otc_matrix_mut_f64, Ptr{UInt32}), means, covs, weights, opts, work, work_bytes, mean_out, cov_out, iterations_out)

# Weighted mean (into `mean_out`, d) and covariance (into `cov_out`, d×d; normalised by
# Σw, the maximum-likelihood estimate) of the n points in the rows of `x` (n×d); `weights`
# NULL means uniform. Workspace: `OTC_GAUSSIAN_OP_MOMENTS` with n = number of points.
#
# # Safety
# Views valid; `weights` NULL or n doubles; `mean_out` d writable doubles.
const _otc_gaussian_moments = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_moments(x, weights, opts, work, work_bytes, mean_out, cov_out) =
    ccall(_otc_gaussian_moments[], otc_status, (otc_matrix_f64, Ptr{Cdouble}, Ptr{otc_gaussian_options}, Ptr{Cvoid}, Csize_t, Ptr{Cdouble}, otc_matrix_mut_f64), x, weights, opts, work, work_bytes, mean_out, cov_out)

# Σ^½ (into `sqrt_out`) and the pseudo-inverse square root (Σ⁺)^½ (into `inv_sqrt_out`) of a
# symmetric PSD d×d matrix; an output whose `data` is NULL is not computed. Eigenvalues are
# clamped at 0; for the inverse, eigenvalues ≤ rank_tol·λmax (0 = d·ε) count as 0 and
# `OTC_WARN_SINGULAR` is returned. Workspace: `OTC_GAUSSIAN_OP_PSD_SQRT`.
#
# # Safety
# `a` valid; each output view with non-NULL data valid for writes and disjoint.
const _otc_psd_sqrt = Ref{Ptr{Cvoid}}(C_NULL)
otc_psd_sqrt(a, opts, work, work_bytes, sqrt_out, inv_sqrt_out) =
    ccall(_otc_psd_sqrt[], otc_status, (otc_matrix_f64, Ptr{otc_gaussian_options}, Ptr{Cvoid}, Csize_t, otc_matrix_mut_f64, otc_matrix_mut_f64), a, opts, work, work_bytes, sqrt_out, inv_sqrt_out)

# Fills `*opts` with the defaults (all threads).
#
# # Safety
# `opts` must be valid for writes of one `otc_laguerre_options`.
const _otc_laguerre_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_laguerre_options_default(opts) =
    ccall(_otc_laguerre_options_default[], otc_status, (Ptr{otc_laguerre_options},), opts)

# Bytes of workspace `otc_laguerre_assign_f64` / `_f32` need for `n_sites` sites in
# dimension `dim` (enough for both precisions), written to `*out_bytes`.
#
# # Safety
# `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
const _otc_laguerre_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_laguerre_workspace_size(n_sites, dim, opts, out_bytes) =
    ccall(_otc_laguerre_workspace_size[], otc_status, (Csize_t, Csize_t, Ptr{otc_laguerre_options}, Ptr{Csize_t}), n_sites, dim, opts, out_bytes)

# Laguerre (power) cell of every point, double precision.
#
# `points` is N×d, `sites` n×d (any strides), `g` has n weights; `cells` (N values)
# receives `argmin_j |x_i − y_j|² − g_j` (ties: smallest j). `point_weights` (N) and
# `masses` (n, the summed weight of each cell's points, or N⁻¹ per point when
# `point_weights` is NULL) are optional. Bitwise identical for every thread count.
# `O(N n d)`. `work` is NULL or `work_bytes` from `otc_laguerre_workspace_size`.
#
# # Safety
# Views and arrays must be valid for the sizes they state; outputs must not overlap
# inputs or each other.
const _otc_laguerre_assign_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_laguerre_assign_f64(points, point_weights, sites, g, opts, cells, masses, work, work_bytes) =
    ccall(_otc_laguerre_assign_f64[], otc_status, (otc_matrix_f64, Ptr{Cdouble}, otc_matrix_f64, Ptr{Cdouble}, Ptr{otc_laguerre_options}, Ptr{UInt32}, Ptr{Cdouble}, Ptr{Cvoid}, Csize_t), points, point_weights, sites, g, opts, cells, masses, work, work_bytes)

# Laguerre (power) cell of every point, single precision (masses in double).
#
# `points` is N×d, `sites` n×d (any strides), `g` has n weights; `cells` (N values)
# receives `argmin_j |x_i − y_j|² − g_j` (ties: smallest j). `point_weights` (N) and
# `masses` (n, the summed weight of each cell's points, or N⁻¹ per point when
# `point_weights` is NULL) are optional. Bitwise identical for every thread count.
# `O(N n d)`. `work` is NULL or `work_bytes` from `otc_laguerre_workspace_size`.
#
# # Safety
# Views and arrays must be valid for the sizes they state; outputs must not overlap
# inputs or each other.
const _otc_laguerre_assign_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_laguerre_assign_f32(points, point_weights, sites, g, opts, cells, masses, work, work_bytes) =
    ccall(_otc_laguerre_assign_f32[], otc_status, (otc_matrix_f32, Ptr{Cfloat}, otc_matrix_f32, Ptr{Cfloat}, Ptr{otc_laguerre_options}, Ptr{UInt32}, Ptr{Cdouble}, Ptr{Cvoid}, Csize_t), points, point_weights, sites, g, opts, cells, masses, work, work_bytes)

# Fills `*opts` with the defaults.
#
# # Safety
# `opts` must be valid for writes of one `otc_semidiscrete_options`.
const _otc_semidiscrete_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_options_default(opts) =
    ccall(_otc_semidiscrete_options_default[], otc_status, (Ptr{otc_semidiscrete_options},), opts)

# Bytes of workspace `otc_semidiscrete_f64` needs for N samples, n sites in dimension d.
#
# # Safety
# `opts` is NULL or valid; `out_bytes` must be valid for writes.
const _otc_semidiscrete_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_workspace_size(n_points, n_sites, dim, opts, out_bytes) =
    ccall(_otc_semidiscrete_workspace_size[], otc_status, (Csize_t, Csize_t, Csize_t, Ptr{otc_semidiscrete_options}, Ptr{Csize_t}), n_points, n_sites, dim, opts, out_bytes)

# Semi-discrete OT, squared Euclidean cost, double precision: samples `points` (N×d) with
# weights `point_weights` (N, NULL = 1/N each) to sites `sites` (n×d) with weights `b` (n,
# same total mass). `g` (n) holds the initial dual weights on entry (zeros are fine) and the
# solution (zero mean) on return; `masses` (n, optional) receives the Laguerre cell masses;
# `info` (optional) the report. Returns `OTC_WARN_MAX_ITER` when the tolerance was not met
# (the outputs then hold the last iterate). Two sites at the same position that both have
# positive weight are `OTC_ERR_INVALID_ARGUMENT` (a Laguerre cell cannot be shared: merge
# them). See the Rust docs of `semidiscrete` for the methods. Bitwise identical for every
# thread count.
#
# # Safety
# Views and arrays must be valid for the sizes they state; outputs must not overlap.
const _otc_semidiscrete_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_f64(points, point_weights, sites, b, opts, g, masses, info, work, work_bytes) =
    ccall(_otc_semidiscrete_f64[], otc_status, (otc_matrix_f64, Ptr{Cdouble}, otc_matrix_f64, Ptr{Cdouble}, Ptr{otc_semidiscrete_options}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_semidiscrete_info}, Ptr{Cvoid}, Csize_t), points, point_weights, sites, b, opts, g, masses, info, work, work_bytes)

# Semi-discrete OT, squared Euclidean cost, single precision (cell masses, the report and
# all sums in double): as `otc_semidiscrete_f64`. The workspace size of
# `otc_semidiscrete_workspace_size` covers both precisions.
#
# # Safety
# Views and arrays must be valid for the sizes they state; outputs must not overlap.
const _otc_semidiscrete_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_f32(points, point_weights, sites, b, opts, g, masses, info, work, work_bytes) =
    ccall(_otc_semidiscrete_f32[], otc_status, (otc_matrix_f32, Ptr{Cfloat}, otc_matrix_f32, Ptr{Cfloat}, Ptr{otc_semidiscrete_options}, Ptr{Cfloat}, Ptr{Cdouble}, Ptr{otc_semidiscrete_info}, Ptr{Cvoid}, Csize_t), points, point_weights, sites, b, opts, g, masses, info, work, work_bytes)

# Fills `*opts` with the defaults.
#
# # Safety
# `opts` must be valid for writes of one `otc_sgd_options`.
const _otc_sgd_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_sgd_options_default(opts) =
    ccall(_otc_sgd_options_default[], otc_status, (Ptr{otc_sgd_options},), opts)

# Bytes of workspace `otc_semidiscrete_sgd_f64` / `_f32` need for n sites in dimension `dim`
# (enough for both precisions).
#
# # Safety
# `opts` is NULL or valid; `out_bytes` must be valid for writes.
const _otc_semidiscrete_sgd_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_sgd_workspace_size(n_sites, dim, opts, out_bytes) =
    ccall(_otc_semidiscrete_sgd_workspace_size[], otc_status, (Csize_t, Csize_t, Ptr{otc_sgd_options}, Ptr{Csize_t}), n_sites, dim, opts, out_bytes)

# Averaged stochastic gradient ascent (Genevay et al. 2016) for semi-discrete OT from the
# samples that `sample(user, batch, out)` streams (dimension `dim` = `sites.cols`), to
# `sites` (n×dim) with weights `b` (n, sum 1). `g` (n) receives the averaged dual weights
# (zero mean). `O(iterations · batch · n · dim)`.
#
# # Safety
# `sample` must be a valid function; views and arrays valid for the sizes they state.
const _otc_semidiscrete_sgd_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_sgd_f64(sample, user, sites, b, opts, g, work, work_bytes) =
    ccall(_otc_semidiscrete_sgd_f64[], otc_status, (otc_sample_fn, Ptr{Cvoid}, otc_matrix_f64, Ptr{Cdouble}, Ptr{otc_sgd_options}, Ptr{Cdouble}, Ptr{Cvoid}, Csize_t), sample, user, sites, b, opts, g, work, work_bytes)

# Averaged SGD in single precision (the iterates are averaged in double): as
# `otc_semidiscrete_sgd_f64`, with a sampler writing floats.
#
# # Safety
# `sample` must be a valid function; views and arrays valid for the sizes they state.
const _otc_semidiscrete_sgd_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_sgd_f32(sample, user, sites, b, opts, g, work, work_bytes) =
    ccall(_otc_semidiscrete_sgd_f32[], otc_status, (otc_sample_f32_fn, Ptr{Cvoid}, otc_matrix_f32, Ptr{Cfloat}, Ptr{otc_sgd_options}, Ptr{Cfloat}, Ptr{Cvoid}, Csize_t), sample, user, sites, b, opts, g, work, work_bytes)

# Bytes of workspace `otc_semidiscrete_sgd_samples_f64` / `_f32` need for N samples and n
# sites in dimension `dim` (enough for both precisions).
#
# # Safety
# `opts` is NULL or valid; `out_bytes` must be valid for writes.
const _otc_semidiscrete_sgd_samples_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_sgd_samples_workspace_size(n_points, n_sites, dim, opts, out_bytes) =
    ccall(_otc_semidiscrete_sgd_samples_workspace_size[], otc_status, (Csize_t, Csize_t, Csize_t, Ptr{otc_sgd_options}, Ptr{Csize_t}), n_points, n_sites, dim, opts, out_bytes)

# Averaged SGD (Genevay et al. 2016) for semi-discrete OT from a sample array, double
# precision: each batch draws rows of `points` (N×d, any strides) with probabilities
# `point_weights` (N, NULL = uniform; >= 0 with a positive sum) from a SplitMix64 stream
# seeded by `seed`, to `sites` (n×d) with weights `b` (n, sum 1). `g` (n) receives the averaged
# dual weights (zero mean). The same seed gives the same g for every thread count.
# `O(iterations · batch · (n · d + log N))`; `work` is NULL or `work_bytes` from
# `otc_semidiscrete_sgd_samples_workspace_size`.
#
# # Safety
# Views and arrays must be valid for the sizes they state; `g` must not overlap inputs.
const _otc_semidiscrete_sgd_samples_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_sgd_samples_f64(points, point_weights, sites, b, seed, opts, g, work, work_bytes) =
    ccall(_otc_semidiscrete_sgd_samples_f64[], otc_status, (otc_matrix_f64, Ptr{Cdouble}, otc_matrix_f64, Ptr{Cdouble}, UInt64, Ptr{otc_sgd_options}, Ptr{Cdouble}, Ptr{Cvoid}, Csize_t), points, point_weights, sites, b, seed, opts, g, work, work_bytes)

# Averaged SGD from a sample array, single precision (iterates averaged in double): as
# `otc_semidiscrete_sgd_samples_f64`.
#
# # Safety
# Views and arrays must be valid for the sizes they state; `g` must not overlap inputs.
const _otc_semidiscrete_sgd_samples_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_sgd_samples_f32(points, point_weights, sites, b, seed, opts, g, work, work_bytes) =
    ccall(_otc_semidiscrete_sgd_samples_f32[], otc_status, (otc_matrix_f32, Ptr{Cfloat}, otc_matrix_f32, Ptr{Cfloat}, UInt64, Ptr{otc_sgd_options}, Ptr{Cfloat}, Ptr{Cvoid}, Csize_t), points, point_weights, sites, b, seed, opts, g, work, work_bytes)

# Bytes of workspace `otc_lloyd_f64` / `_f32` need for N samples and n sites in dimension
# `dim` (enough for both precisions).
#
# # Safety
# `opts` is NULL or valid; `out_bytes` must be valid for writes.
const _otc_lloyd_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_lloyd_workspace_size(n_points, n_sites, dim, opts, out_bytes) =
    ccall(_otc_lloyd_workspace_size[], otc_status, (Csize_t, Csize_t, Csize_t, Ptr{otc_laguerre_options}, Ptr{Csize_t}), n_points, n_sites, dim, opts, out_bytes)

# Lloyd iterations (optimal quantisation), double precision: at most `max_iter` times, move
# every site of `sites` (n×d, updated in place) to the barycenter of its Voronoi cell among
# the samples `points` (N×d) weighted by `point_weights` (NULL = uniform); stop when no site
# moves more than `tol`. `distortion` (optional) receives `Σ a_i min_j |x_i − y_j|²` (weights
# normalised). `OTC_WARN_MAX_ITER` when sites still moved more than `tol`.
#
# # Safety
# Views and arrays must be valid for the sizes they state; `sites` must not overlap inputs.
const _otc_lloyd_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_lloyd_f64(points, point_weights, sites, max_iter, tol, opts, distortion, work, work_bytes) =
    ccall(_otc_lloyd_f64[], otc_status, (otc_matrix_f64, Ptr{Cdouble}, otc_matrix_mut_f64, Int32, Cdouble, Ptr{otc_laguerre_options}, Ptr{Cdouble}, Ptr{Cvoid}, Csize_t), points, point_weights, sites, max_iter, tol, opts, distortion, work, work_bytes)

# Lloyd iterations in single precision (sums and the distortion in double): as
# `otc_lloyd_f64`.
#
# # Safety
# Views and arrays must be valid for the sizes they state; `sites` must not overlap inputs.
const _otc_lloyd_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_lloyd_f32(points, point_weights, sites, max_iter, tol, opts, distortion, work, work_bytes) =
    ccall(_otc_lloyd_f32[], otc_status, (otc_matrix_f32, Ptr{Cfloat}, otc_matrix_mut_f32, Int32, Cdouble, Ptr{otc_laguerre_options}, Ptr{Cdouble}, Ptr{Cvoid}, Csize_t), points, point_weights, sites, max_iter, tol, opts, distortion, work, work_bytes)

# Fills `*opts` with the defaults (ε = 0.01, balanced, 1000 iterations, tolerance 1e-9
# checked every 10, no ε-scaling, alternating updates, all threads).
#
# # Safety
# `opts` must be valid for writes of one `otc_sinkhorn_options`.
const _otc_sinkhorn_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_options_default(opts) =
    ccall(_otc_sinkhorn_options_default[], otc_status, (Ptr{otc_sinkhorn_options},), opts)

# Bytes of workspace `otc_sinkhorn_*` (and `_points_*`) need for n sources, m targets and
# points of dimension d (0 for a dense cost), for either element type.
#
# # Safety
# `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
const _otc_sinkhorn_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_workspace_size(n, m, d, opts, out_bytes) =
    ccall(_otc_sinkhorn_workspace_size[], otc_status, (Csize_t, Csize_t, Csize_t, Ptr{otc_sinkhorn_options}, Ptr{Csize_t}), n, m, d, opts, out_bytes)

# Entropic OT by log-domain Sinkhorn on a dense n×m cost of doubles (any strides). `a` (n)
# and `b` (m) are non-negative weights (zeros allowed; when both sides are balanced, equal
# masses within `mass_tolerance`, b rescaled to a's mass). Optional, NULL when not wanted: `init_f` (n) / `init_g` (m) warm-start
# potentials; outputs `f` (n), `g` (m) potentials in cost units, `plan` (a view of an n×m
# output), `info`. Outputs are written only on success; OTC_WARN_MAX_ITER when the cap was
# reached (outputs valid).
#
# # Safety
# Every non-NULL pointer must be valid for its documented length; `work` is NULL or
# `work_bytes` writable bytes disjoint from the other arguments.
const _otc_sinkhorn_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_f64(cost, a, b, opts, init_f, init_g, f, g, plan, info, work, work_bytes) =
    ccall(_otc_sinkhorn_f64[], otc_status, (otc_matrix_f64, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_matrix_mut_f64}, Ptr{otc_sinkhorn_info}, Ptr{Cvoid}, Csize_t), cost, a, b, opts, init_f, init_g, f, g, plan, info, work, work_bytes)

# `otc_sinkhorn_f64` on a cost, weights and plan of floats (potentials stay double; the
# marginal sums are accumulated in double).
#
# # Safety
# As `otc_sinkhorn_f64`.
const _otc_sinkhorn_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_f32(cost, a, b, opts, init_f, init_g, f, g, plan, info, work, work_bytes) =
    ccall(_otc_sinkhorn_f32[], otc_status, (otc_matrix_f32, Ptr{Cfloat}, Ptr{Cfloat}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_matrix_mut_f32}, Ptr{otc_sinkhorn_info}, Ptr{Cvoid}, Csize_t), cost, a, b, opts, init_f, init_g, f, g, plan, info, work, work_bytes)

# Entropic OT by log-domain Sinkhorn between point clouds `x` (n×d) and `y` (m×d) with the
# squared Euclidean cost computed on the fly (memory O((n+m)·d), never n×m). Arguments as
# `otc_sinkhorn_f64`, plus the optional output `map` (a view of an n×d output): the
# barycentric projection Σ_j P_ij y_j / Σ_j P_ij of every x_i.
#
# # Safety
# As `otc_sinkhorn_f64`.
const _otc_sinkhorn_points_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_points_f64(x, y, a, b, opts, init_f, init_g, f, g, plan, map, info, work, work_bytes) =
    ccall(_otc_sinkhorn_points_f64[], otc_status, (otc_matrix_f64, otc_matrix_f64, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_matrix_mut_f64}, Ptr{otc_matrix_mut_f64}, Ptr{otc_sinkhorn_info}, Ptr{Cvoid}, Csize_t), x, y, a, b, opts, init_f, init_g, f, g, plan, map, info, work, work_bytes)

# `otc_sinkhorn_points_f64` on points, weights, plan and map of floats.
#
# # Safety
# As `otc_sinkhorn_f64`.
const _otc_sinkhorn_points_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_points_f32(x, y, a, b, opts, init_f, init_g, f, g, plan, map, info, work, work_bytes) =
    ccall(_otc_sinkhorn_points_f32[], otc_status, (otc_matrix_f32, otc_matrix_f32, Ptr{Cfloat}, Ptr{Cfloat}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_matrix_mut_f32}, Ptr{otc_matrix_mut_f32}, Ptr{otc_sinkhorn_info}, Ptr{Cvoid}, Csize_t), x, y, a, b, opts, init_f, init_g, f, g, plan, map, info, work, work_bytes)

# Bytes of workspace the divergence entry points need for n sources, m targets and
# dimension d (0 for dense costs), for either element type.
#
# # Safety
# `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
const _otc_sinkhorn_divergence_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_divergence_workspace_size(n, m, d, opts, out_bytes) =
    ccall(_otc_sinkhorn_divergence_workspace_size[], otc_status, (Csize_t, Csize_t, Csize_t, Ptr{otc_sinkhorn_options}, Ptr{Csize_t}), n, m, d, opts, out_bytes)

# Sinkhorn divergence S(a,b) = OT_ε(a,b) − ½OT_ε(a,a) − ½OT_ε(b,b) from the three dense
# costs C(x,y) (n×m), C(x,x) (n×n), C(y,y) (m×m) of doubles, each OT_ε the dual value of a
# solve with `opts` (see `otc_sinkhorn_info.dual`). Writes `*value`, and `infos[0..3]` (the
# three solves; set their struct_size) when not NULL. OTC_WARN_MAX_ITER when a solve reached
# the cap.
#
# # Safety
# Every non-NULL pointer must be valid for its documented length; `work` as in
# `otc_sinkhorn_f64`.
const _otc_sinkhorn_divergence_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_divergence_f64(cost_xy, cost_xx, cost_yy, a, b, opts, value, infos, work, work_bytes) =
    ccall(_otc_sinkhorn_divergence_f64[], otc_status, (otc_matrix_f64, otc_matrix_f64, otc_matrix_f64, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{otc_sinkhorn_info}, Ptr{Cvoid}, Csize_t), cost_xy, cost_xx, cost_yy, a, b, opts, value, infos, work, work_bytes)

# `otc_sinkhorn_divergence_f64` on costs and weights of floats.
#
# # Safety
# As `otc_sinkhorn_divergence_f64`.
const _otc_sinkhorn_divergence_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_divergence_f32(cost_xy, cost_xx, cost_yy, a, b, opts, value, infos, work, work_bytes) =
    ccall(_otc_sinkhorn_divergence_f32[], otc_status, (otc_matrix_f32, otc_matrix_f32, otc_matrix_f32, Ptr{Cfloat}, Ptr{Cfloat}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{otc_sinkhorn_info}, Ptr{Cvoid}, Csize_t), cost_xy, cost_xx, cost_yy, a, b, opts, value, infos, work, work_bytes)

# Sinkhorn divergence between point clouds `x` (n×d) and `y` (m×d) of doubles with the
# squared Euclidean cost computed on the fly; otherwise as `otc_sinkhorn_divergence_f64`.
#
# # Safety
# As `otc_sinkhorn_divergence_f64`.
const _otc_sinkhorn_divergence_points_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_divergence_points_f64(x, y, a, b, opts, value, infos, work, work_bytes) =
    ccall(_otc_sinkhorn_divergence_points_f64[], otc_status, (otc_matrix_f64, otc_matrix_f64, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{otc_sinkhorn_info}, Ptr{Cvoid}, Csize_t), x, y, a, b, opts, value, infos, work, work_bytes)

# `otc_sinkhorn_divergence_points_f64` on points and weights of floats.
#
# # Safety
# As `otc_sinkhorn_divergence_f64`.
const _otc_sinkhorn_divergence_points_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_divergence_points_f32(x, y, a, b, opts, value, infos, work, work_bytes) =
    ccall(_otc_sinkhorn_divergence_points_f32[], otc_status, (otc_matrix_f32, otc_matrix_f32, Ptr{Cfloat}, Ptr{Cfloat}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{otc_sinkhorn_info}, Ptr{Cvoid}, Csize_t), x, y, a, b, opts, value, infos, work, work_bytes)

# Writes the default options (`num_threads` 0, ε 0.01, ρ_a = ρ_b = `INFINITY`) into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_sinkhorn_block_step_options`.
const _otc_sinkhorn_block_step_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_step_options_default(opts) =
    ccall(_otc_sinkhorn_block_step_options_default[], otc_status, (Ptr{otc_sinkhorn_block_step_options},), opts)

# Bytes of workspace `otc_sinkhorn_block_step_f64` needs for `problem` with `opts` (NULL:
# defaults): O((rows + m)(1 + d)) doubles, from the sizes of the problem's views alone
# (rows, m and d; d = 0 for a dense block); nothing else is read.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, bytes, or neither cost form given),
# `OTC_ERR_INVALID_ARGUMENT` (both forms given), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` is NULL or valid for writes.
const _otc_sinkhorn_block_step_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_step_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_sinkhorn_block_step_workspace_size_f64[], otc_status, (Ptr{otc_sinkhorn_block_step_problem_f64}, Ptr{otc_sinkhorn_block_step_options}, Ptr{Csize_t}), problem, opts, bytes)

# `otc_sinkhorn_block_step_workspace_size_f64` for the float problem.
#
# # Safety
# As `otc_sinkhorn_block_step_workspace_size_f64`.
const _otc_sinkhorn_block_step_workspace_size_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_step_workspace_size_f32(problem, opts, bytes) =
    ccall(_otc_sinkhorn_block_step_workspace_size_f32[], otc_status, (Ptr{otc_sinkhorn_block_step_problem_f32}, Ptr{otc_sinkhorn_block_step_options}, Ptr{Csize_t}), problem, opts, bytes)

# One block's share of an alternating Sinkhorn iteration (not an iterative solver: one step,
# no callback). Potentials convention: the plan is `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`
# (f and g in cost units, not centred). From the block's potentials on entry
# (`problem->f_block`) and g, the step
# 1. measures the block's part of the L1 marginal error of (f_block, g) into
# `out->marginal_error` (the whole solve's stopping test: the parts of all blocks add up
# to it; a caller that stops on it keeps the f of before the step);
# 2. updates the rows: `f_i = −κ_a ε log Σ_j b_j exp((g_j − C_ij)/ε)` into `out->f_block`;
# 3. computes the block's column log-sum-exps from the new f into `out->pairs`, to combine
# over the blocks with `otc_lse_pair_merge` and pass to
# `otc_sinkhorn_block_column_update_f64`.
#
# With the blocks combined in row order, iterating this reproduces the whole alternating
# Sinkhorn solve (no ε-scaling) to rounding. KL marginal penalties only. The cost is the
# problem's `cost_block` or its points (`x_block`, `y`), exactly one. Time O(rows·m) (·d
# for points), twice when `pairs` is wanted; workspace from
# `otc_sinkhorn_block_step_workspace_size_f64` (or `{NULL, 0}`: allocated). Results are
# identical for every thread count. `report.iterations` is 1.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, out, a required array, or neither cost
# form), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (a view with a zero size, points
# of different dimensions), `OTC_ERR_INVALID_ARGUMENT` (both cost forms, ε <= 0 or not
# finite, ρ <= 0 or NaN, a negative weight, b all zero), `OTC_ERR_NON_FINITE` (a NaN or
# infinite cost, point, weight or potential), `OTC_ERR_NUMERICAL` (finite inputs whose
# potentials overflow), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING` (an output overlaps an
# input or another output), `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
# `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
# bytes); every non-NULL pointer in them is valid for its stated length; `work.data` is NULL
# or valid for `work.bytes` bytes and overlaps no argument.
const _otc_sinkhorn_block_step_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_step_f64(problem, out, opts, work) =
    ccall(_otc_sinkhorn_block_step_f64[], otc_status, (Ptr{otc_sinkhorn_block_step_problem_f64}, Ptr{otc_sinkhorn_block_step_outputs_f64}, Ptr{otc_sinkhorn_block_step_options}, otc_workspace), problem, out, opts, work)

# `otc_sinkhorn_block_step_f64` on costs, points and weights of floats (the cost lines are
# evaluated in float, the sums in double; potentials, pairs and error are doubles).
#
# # Safety
# As `otc_sinkhorn_block_step_f64`.
const _otc_sinkhorn_block_step_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_step_f32(problem, out, opts, work) =
    ccall(_otc_sinkhorn_block_step_f32[], otc_status, (Ptr{otc_sinkhorn_block_step_problem_f32}, Ptr{otc_sinkhorn_block_step_outputs_f32}, Ptr{otc_sinkhorn_block_step_options}, otc_workspace), problem, out, opts, work)

# Writes the default options (`num_threads` 0, ε 0.01, ρ_b = `INFINITY`) into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_sinkhorn_block_column_update_options`.
const _otc_sinkhorn_block_column_update_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_column_update_options_default(opts) =
    ccall(_otc_sinkhorn_block_column_update_options_default[], otc_status, (Ptr{otc_sinkhorn_block_column_update_options},), opts)

# Bytes of workspace `otc_sinkhorn_block_column_update_f64` needs: 0 (it needs none; the
# query exists for the shape).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, bytes), `OTC_ERR_ABI_MISMATCH`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` is NULL or valid for writes.
const _otc_sinkhorn_block_column_update_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_column_update_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_sinkhorn_block_column_update_workspace_size_f64[], otc_status, (Ptr{otc_sinkhorn_block_column_update_problem_f64}, Ptr{otc_sinkhorn_block_column_update_options}, Ptr{Csize_t}), problem, opts, bytes)

# The column update of a row-partitioned Sinkhorn iteration: from the pairs of all blocks
# combined (`otc_lse_pair_merge`), `g_j = −κ_b ε (max_j + log sum_j)` for the m columns
# into `out->g` (κ_b = ρ_b / (ρ_b + ε), 1 when balanced; the potentials' convention as in
# `otc_sinkhorn_block_step_f64`). Every pair must be valid and non-empty (an empty pair
# means that some block's pairs were not combined). One step, no callback; O(m) on the
# calling thread; no workspace (`work` may be `{NULL, 0}`).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, out, pairs, g),
# `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (m = 0), `OTC_ERR_INVALID_ARGUMENT`
# (ε <= 0 or not finite, ρ_b <= 0 or NaN, an empty pair), `OTC_ERR_NON_FINITE` (a pair that
# is not a log-sum-exp pair), `OTC_ERR_NUMERICAL` (a g that overflows), `OTC_ERR_ALIASING`,
# `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
# bytes); `problem->pairs` and `out->g` are valid for m elements; `work.data` is NULL or
# valid for `work.bytes` bytes.
const _otc_sinkhorn_block_column_update_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_column_update_f64(problem, out, opts, work) =
    ccall(_otc_sinkhorn_block_column_update_f64[], otc_status, (Ptr{otc_sinkhorn_block_column_update_problem_f64}, Ptr{otc_sinkhorn_block_column_update_outputs_f64}, Ptr{otc_sinkhorn_block_column_update_options}, otc_workspace), problem, out, opts, work)

# `acc[j] = acc[j] merged with other[j]` for j < len: the pair of the union of the rows of
# both (what an MPI user operation or a rank-ordered fold applies). Commutative bit for bit,
# not associative: combine in a fixed order for results independent of timing. Every pair
# is checked before `acc` is written. O(len).
#
# The one deliberate exception to the ABI 1 shape: an in-place reduction `(acc, other,
# len)`, the body of an `MPI_User_function` (whose signature MPI fixes), with no problem,
# outputs or options struct.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_INVALID_DIMENSION` (len = 0),
# `OTC_ERR_NON_FINITE` (a pair that is not a log-sum-exp pair), `OTC_ERR_ALIASING`,
# `OTC_ERR_OVERFLOW`. On an error nothing is written.
#
# # Safety
# `acc` and `other` must be valid for `len` pairs and must not overlap.
const _otc_lse_pair_merge = Ref{Ptr{Cvoid}}(C_NULL)
otc_lse_pair_merge(acc, other, len) =
    ccall(_otc_lse_pair_merge[], otc_status, (Ptr{otc_lse_pair}, Ptr{otc_lse_pair}, Csize_t), acc, other, len)

# A static, NUL-terminated description of `status` ("unknown status" for numbers otcore
# never returns). Never NULL; the caller must not free it.
const _otc_status_message = Ref{Ptr{Cvoid}}(C_NULL)
otc_status_message(status) =
    ccall(_otc_status_message[], Cstring, (otc_status,), status)

# The library's version as "MAJOR.MINOR.PATCH" (static, NUL-terminated, never NULL).
const _otc_version_string = Ref{Ptr{Cvoid}}(C_NULL)
otc_version_string() =
    ccall(_otc_version_string[], Cstring, ())

# The library's version as MAJOR·10000 + MINOR·100 + PATCH: compare with
# `OTC_VERSION_NUMBER` at run time to detect a header/library mismatch.
const _otc_version_number = Ref{Ptr{Cvoid}}(C_NULL)
otc_version_number() =
    ccall(_otc_version_number[], UInt32, ())

# Every C function of the header, with its function-pointer slot.
const FUNCTIONS = (
    :otc_assignment_options_default => _otc_assignment_options_default,
    :otc_assignment_workspace_size_f64 => _otc_assignment_workspace_size_f64,
    :otc_assignment_f64 => _otc_assignment_f64,
    :otc_barycenter_options_default => _otc_barycenter_options_default,
    :otc_convolutional_barycenter_options_default => _otc_convolutional_barycenter_options_default,
    :otc_barycenter_workspace_size_f64 => _otc_barycenter_workspace_size_f64,
    :otc_barycenter_workspace_size_f32 => _otc_barycenter_workspace_size_f32,
    :otc_barycenter_f64 => _otc_barycenter_f64,
    :otc_barycenter_f32 => _otc_barycenter_f32,
    :otc_convolutional_barycenter_workspace_size_f64 => _otc_convolutional_barycenter_workspace_size_f64,
    :otc_convolutional_barycenter_workspace_size_f32 => _otc_convolutional_barycenter_workspace_size_f32,
    :otc_convolutional_barycenter_f64 => _otc_convolutional_barycenter_f64,
    :otc_convolutional_barycenter_f32 => _otc_convolutional_barycenter_f32,
    :otc_last_error_message => _otc_last_error_message,
    :otc_cost_matrix_options_default => _otc_cost_matrix_options_default,
    :otc_cost_matrix_workspace_size_f64 => _otc_cost_matrix_workspace_size_f64,
    :otc_cost_matrix_workspace_size_f32 => _otc_cost_matrix_workspace_size_f32,
    :otc_cost_matrix_f64 => _otc_cost_matrix_f64,
    :otc_cost_matrix_f32 => _otc_cost_matrix_f32,
    :otc_emd_grid_options_default => _otc_emd_grid_options_default,
    :otc_emd_grid_workspace_size_f64 => _otc_emd_grid_workspace_size_f64,
    :otc_emd_grid_f64 => _otc_emd_grid_f64,
    :otc_emd_partial_options_default => _otc_emd_partial_options_default,
    :otc_emd_partial_workspace_size_f64 => _otc_emd_partial_workspace_size_f64,
    :otc_emd_partial_f64 => _otc_emd_partial_f64,
    :otc_emd_unbalanced_tv_options_default => _otc_emd_unbalanced_tv_options_default,
    :otc_emd_unbalanced_tv_workspace_size_f64 => _otc_emd_unbalanced_tv_workspace_size_f64,
    :otc_emd_unbalanced_tv_f64 => _otc_emd_unbalanced_tv_f64,
    :otc_emd_options_default => _otc_emd_options_default,
    :otc_emd_workspace_size => _otc_emd_workspace_size,
    :otc_emd => _otc_emd,
    :otc_wasserstein_1d_workspace_size => _otc_wasserstein_1d_workspace_size,
    :otc_wasserstein_1d => _otc_wasserstein_1d,
    :otc_sliced_wasserstein_workspace_size => _otc_sliced_wasserstein_workspace_size,
    :otc_sliced_wasserstein => _otc_sliced_wasserstein,
    :otc_emd_batch_workspace_size => _otc_emd_batch_workspace_size,
    :otc_emd_batch => _otc_emd_batch,
    :otc_gaussian_options_default => _otc_gaussian_options_default,
    :otc_gaussian_workspace_size => _otc_gaussian_workspace_size,
    :otc_bures_distance => _otc_bures_distance,
    :otc_gaussian_w2 => _otc_gaussian_w2,
    :otc_gaussian_entropic_w2 => _otc_gaussian_entropic_w2,
    :otc_gaussian_w2_pairwise => _otc_gaussian_w2_pairwise,
    :otc_gaussian_map => _otc_gaussian_map,
    :otc_gaussian_map_apply => _otc_gaussian_map_apply,
    :otc_gaussian_geodesic => _otc_gaussian_geodesic,
    :otc_gaussian_barycenter => _otc_gaussian_barycenter,
    :otc_gaussian_moments => _otc_gaussian_moments,
    :otc_psd_sqrt => _otc_psd_sqrt,
    :otc_laguerre_options_default => _otc_laguerre_options_default,
    :otc_laguerre_workspace_size => _otc_laguerre_workspace_size,
    :otc_laguerre_assign_f64 => _otc_laguerre_assign_f64,
    :otc_laguerre_assign_f32 => _otc_laguerre_assign_f32,
    :otc_semidiscrete_options_default => _otc_semidiscrete_options_default,
    :otc_semidiscrete_workspace_size => _otc_semidiscrete_workspace_size,
    :otc_semidiscrete_f64 => _otc_semidiscrete_f64,
    :otc_semidiscrete_f32 => _otc_semidiscrete_f32,
    :otc_sgd_options_default => _otc_sgd_options_default,
    :otc_semidiscrete_sgd_workspace_size => _otc_semidiscrete_sgd_workspace_size,
    :otc_semidiscrete_sgd_f64 => _otc_semidiscrete_sgd_f64,
    :otc_semidiscrete_sgd_f32 => _otc_semidiscrete_sgd_f32,
    :otc_semidiscrete_sgd_samples_workspace_size => _otc_semidiscrete_sgd_samples_workspace_size,
    :otc_semidiscrete_sgd_samples_f64 => _otc_semidiscrete_sgd_samples_f64,
    :otc_semidiscrete_sgd_samples_f32 => _otc_semidiscrete_sgd_samples_f32,
    :otc_lloyd_workspace_size => _otc_lloyd_workspace_size,
    :otc_lloyd_f64 => _otc_lloyd_f64,
    :otc_lloyd_f32 => _otc_lloyd_f32,
    :otc_sinkhorn_options_default => _otc_sinkhorn_options_default,
    :otc_sinkhorn_workspace_size => _otc_sinkhorn_workspace_size,
    :otc_sinkhorn_f64 => _otc_sinkhorn_f64,
    :otc_sinkhorn_f32 => _otc_sinkhorn_f32,
    :otc_sinkhorn_points_f64 => _otc_sinkhorn_points_f64,
    :otc_sinkhorn_points_f32 => _otc_sinkhorn_points_f32,
    :otc_sinkhorn_divergence_workspace_size => _otc_sinkhorn_divergence_workspace_size,
    :otc_sinkhorn_divergence_f64 => _otc_sinkhorn_divergence_f64,
    :otc_sinkhorn_divergence_f32 => _otc_sinkhorn_divergence_f32,
    :otc_sinkhorn_divergence_points_f64 => _otc_sinkhorn_divergence_points_f64,
    :otc_sinkhorn_divergence_points_f32 => _otc_sinkhorn_divergence_points_f32,
    :otc_sinkhorn_block_step_options_default => _otc_sinkhorn_block_step_options_default,
    :otc_sinkhorn_block_step_workspace_size_f64 => _otc_sinkhorn_block_step_workspace_size_f64,
    :otc_sinkhorn_block_step_workspace_size_f32 => _otc_sinkhorn_block_step_workspace_size_f32,
    :otc_sinkhorn_block_step_f64 => _otc_sinkhorn_block_step_f64,
    :otc_sinkhorn_block_step_f32 => _otc_sinkhorn_block_step_f32,
    :otc_sinkhorn_block_column_update_options_default => _otc_sinkhorn_block_column_update_options_default,
    :otc_sinkhorn_block_column_update_workspace_size_f64 => _otc_sinkhorn_block_column_update_workspace_size_f64,
    :otc_sinkhorn_block_column_update_f64 => _otc_sinkhorn_block_column_update_f64,
    :otc_lse_pair_merge => _otc_lse_pair_merge,
    :otc_status_message => _otc_status_message,
    :otc_version_string => _otc_version_string,
    :otc_version_number => _otc_version_number,
)

"""
    load!(path) -> handle

Opens the otcore shared library at `path` and resolves every function of the header
(an error names the first one the library lacks).
"""
function load!(path::AbstractString)
    handle = Libdl.dlopen(path)
    for (name, slot) in FUNCTIONS
        slot[] = Libdl.dlsym(handle, name)
    end
    return handle
end

end # module LibOTCore
