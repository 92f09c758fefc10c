# GENERATED from include/otcore.h by abi-gen (cargo run -p otcore-abi-gen). Do not edit.
#
# Low-level layer of OTCore: the header's constants, struct mirrors and one `ccall`
# wrapper per C function (same name, same arguments). Function pointers are resolved by
# `load!(path)`, which OTCore calls at initialisation.
module LibOTCore

using Libdl

# Inner solver of `otc_free_support_barycenter_f64`: exact OT (network simplex), the default.
const OTC_FREE_SUPPORT_INNER_EXACT = 0

# Inner solver of `otc_free_support_barycenter_f64`: entropic OT (Sinkhorn at
# `opts->epsilon`).
const OTC_FREE_SUPPORT_INNER_SINKHORN = 1

# Metric `|x − y|²` (squared Euclidean), the default.
const OTC_METRIC_SQEUCLIDEAN = 0

# Metric `|x − y|` (Euclidean).
const OTC_METRIC_EUCLIDEAN = 1

# Metric `(Σ_k |x_k − y_k|^p)^(1/p)` (Minkowski), with `p` from the options (finite, ≥ 1).
const OTC_METRIC_MINKOWSKI = 2

# Metric `1 − <x, y>/(|x||y|)` (cosine distance, in [0, 2]); 0 when both vectors are zero,
# 1 when exactly one is.
const OTC_METRIC_COSINE = 3

# `opts->kernel` of `otc_mmd_flow_step_f64`: the energy distance, k(x, y) = −|x − y|.
const OTC_MMD_KERNEL_ENERGY = 0

# `opts->kernel`: the Gaussian kernel k(x, y) = exp(−|x − y|²/(2σ²)), σ = `opts->sigma`.
const OTC_MMD_KERNEL_GAUSSIAN = 1

# `method` of `otc_semidiscrete_options` and `report.path` of its outputs: damped Newton on
# the entropic semi-dual with ε continuation (default).
const OTC_SEMIDISCRETE_NEWTON = 0

# `method` of `otc_semidiscrete_options` and `report.path` of its outputs: gradient ascent
# on the hard semi-dual.
const OTC_SEMIDISCRETE_GRADIENT = 1

# `report.path` / `opts->path`: the stored kernel when it fits `kernel_memory_cap` (dense
# cost, alternating updates, KL or no penalty), the log-domain passes otherwise (an option
# value only; a report names the path that ran).
const OTC_SINKHORN_PATH_AUTO = 0

# Log-domain passes: 2·n·m exponentials an iteration, O((n + m)·d) memory.
const OTC_SINKHORN_PATH_LOG_DOMAIN = 1

# The stabilised kernel `exp((α_i + β_j − C_ij)/ε)` stored once (n·m values): one read of it
# an iteration, no exponentials (log-domain iterations where it would underflow).
const OTC_SINKHORN_PATH_KERNEL = 2

# Point clouds of dimension 1-3 only (an option value, never chosen by `_AUTO`): the
# stabilised kernel truncated to its entries above `e^{-theta}`, stored sparse (rows and
# columns) and rebuilt at every ε of an automatic ε-scaling that starts on clusters of the
# points; theta = ln(4·Σa·Σb/tolerance) + 4, which keeps the dropped mass below
# tolerance/4 (the reported error adds twice its bound). Memory O((n + m)·d) plus the arcs,
# allocated by the call (not from `work`) and capped by `kernel_memory_cap`; alternating
# updates, KL or no penalty, `over_relaxation` 1.
const OTC_SINKHORN_PATH_TRUNCATED = 3

# `opts->penalty`: a finite ρ penalises a marginal's deviation by ρ·KL(P·1 | a).
const OTC_SINKHORN_PENALTY_KL = 0

# `opts->penalty`: a finite ρ penalises a marginal's deviation by ρ·‖P·1 − a‖₁ (total
# variation; log-domain path only).
const OTC_SINKHORN_PENALTY_TV = 1

# Major version: changes only with an incompatible ABI change.
const OTC_VERSION_MAJOR = 1

# Minor version: grows when the ABI grows.
const OTC_VERSION_MINOR = 0

# Patch version.
const OTC_VERSION_PATCH = 0

# MAJOR·10000 + MINOR·100 + PATCH, for `#if` comparisons.
const OTC_VERSION_NUMBER = 10000

# Result of every otcore call: `OTC_OK`, a warning (1–99) or an error (≥ 100).
const otc_status = Int32

# A progress callback of an iterative solver: called with `data`, the iterations done and
# the solver's error measure (as its outputs' `report.error` documents); returns 0 to go on,
# any other value to stop the solve (`OTC_WARN_CANCELLED`, valid outputs). It runs on the
# thread that called the solver, whatever `num_threads`, and may call otcore itself.
const otc_callback = Ptr{Cvoid}

# Options of `otc_assignment_f64`; fill with `otc_assignment_options_default`.
struct otc_assignment_options
    struct_size::Csize_t
    num_threads::UInt32
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
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

# Options of `otc_free_support_barycenter_f64`; fill with
# `otc_free_support_barycenter_options_default`.
struct otc_free_support_barycenter_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::UInt64
    tol::Cdouble
    inner::Int32
    epsilon::Cdouble
    inner_max_iter::UInt64
    inner_tolerance::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# The free-support Wasserstein barycenter `argmin_X Σ_i λ_i W2²((X, a), μ_i)` of k point
# clouds stored one after the other: measure i is the `sizes[i]` rows of `y` from row
# `sizes[0] + … + sizes[i − 1]` on, with their weights in `b`.
struct otc_free_support_barycenter_problem_f64
    struct_size::Csize_t
    y::otc_matrix_f64
    b::Ptr{Cdouble}
    sizes::Ptr{Csize_t}
    k::Csize_t
    lambda::Ptr{Cdouble}
    x0::otc_matrix_f64
    a::Ptr{Cdouble}
end

# Writable strided view of a matrix of `double` (an output: its elements must not overlap).
struct otc_matrix_mut_f64
    data::Ptr{Cdouble}
    rows::Csize_t
    cols::Csize_t
    row_stride::Cptrdiff_t
    col_stride::Cptrdiff_t
end

# Results of `otc_free_support_barycenter_f64`. `report.iterations`: outer iterations;
# `report.error`: the largest move of a support point in the last iteration.
struct otc_free_support_barycenter_outputs_f64
    struct_size::Csize_t
    report::otc_report
    objective::Cdouble
    x::otc_matrix_mut_f64
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
# n = `shape[0]·…·shape[ndim−1]` pixels, stored row-major (last axis fastest: pixel
# (x0, x1, x2) of a 3-D grid is entry `(x0·shape[1] + x1)·shape[2] + x2`). The cost between
# pixels x and y is `Σ_k (spacing[k]·(x_k − y_k))²`.
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
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
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
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
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

# Options of `otc_emd_points_f64`; fill with `otc_emd_points_options_default`.
struct otc_emd_points_options
    struct_size::Csize_t
    num_threads::UInt32
    metric::Int32
    p::Cdouble
    max_iter::UInt64
    mass_tolerance::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# Two weighted point clouds: `a` (n weights) on the rows of `x` (n × d) and `b` (m weights)
# on the rows of `y` (m × d). The cost `C_ij = metric(x_i, y_j)` is computed on the fly,
# never stored.
struct otc_emd_points_problem_f64
    struct_size::Csize_t
    a::Ptr{Cdouble}
    b::Ptr{Cdouble}
    x::otc_matrix_f64
    y::otc_matrix_f64
end

# Results of `otc_emd_points_f64`. `report.iterations`: pivots made; `report.error`: `−gap`.
# Optional outputs: not wanted when their pointer is NULL.
struct otc_emd_points_outputs_f64
    struct_size::Csize_t
    report::otc_report
    cost::Cdouble
    gap::Cdouble
    nnz::Csize_t
    f::Ptr{Cdouble}
    g::Ptr{Cdouble}
    plan_rows::Ptr{Csize_t}
    plan_cols::Ptr{Csize_t}
    plan_mass::Ptr{Cdouble}
end

# Options of `otc_emd_f64`; fill with `otc_emd_options_default`.
struct otc_emd_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::UInt64
    mass_tolerance::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# The transport problem `min Σ C_ij P_ij` s.t. `P·1 = a`, `Pᵀ·1 = b`, `P ≥ 0` of
# `otc_emd_f64`.
struct otc_emd_problem_f64
    struct_size::Csize_t
    a::Ptr{Cdouble}
    n::Csize_t
    b::Ptr{Cdouble}
    m::Csize_t
    cost::otc_matrix_f64
    warm_f::Ptr{Cdouble}
    warm_g::Ptr{Cdouble}
end

# Results of `otc_emd_f64`. `report.iterations`: pivots made; `report.error`: `−gap` (the
# magnitude of the most negative reduced cost; 0 when optimal). Optional outputs: not wanted
# when their pointer (or `plan.data`) is NULL.
struct otc_emd_outputs_f64
    struct_size::Csize_t
    report::otc_report
    cost::Cdouble
    gap::Cdouble
    nnz::Csize_t
    f::Ptr{Cdouble}
    g::Ptr{Cdouble}
    plan_rows::Ptr{Csize_t}
    plan_cols::Ptr{Csize_t}
    plan_mass::Ptr{Cdouble}
    plan::otc_matrix_mut_f64
end

# Options of `otc_emd_batch_f64`; fill with `otc_emd_batch_options_default`.
struct otc_emd_batch_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::UInt64
    mass_tolerance::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# `count` independent transport problems of one shape n × m: problem l has weights
# `a[l*n .. (l+1)*n]`, `b[l*m .. (l+1)*m]` and cost `costs[l]`.
struct otc_emd_batch_problem_f64
    struct_size::Csize_t
    count::Csize_t
    n::Csize_t
    m::Csize_t
    a::Ptr{Cdouble}
    b::Ptr{Cdouble}
    costs::Ptr{otc_matrix_f64}
end

# Results of `otc_emd_batch_f64`. `report.iterations`: pivots over all problems;
# `report.error`: `−gap`. Optional outputs (NULL: not wanted) hold problem after problem.
struct otc_emd_batch_outputs_f64
    struct_size::Csize_t
    report::otc_report
    cost::Cdouble
    gap::Cdouble
    capped::Csize_t
    problem_costs::Ptr{Cdouble}
    problem_gaps::Ptr{Cdouble}
    problem_iterations::Ptr{UInt64}
    plan_nnz::Ptr{Csize_t}
    f::Ptr{Cdouble}
    g::Ptr{Cdouble}
    plan_rows::Ptr{Csize_t}
    plan_cols::Ptr{Csize_t}
    plan_mass::Ptr{Cdouble}
end

# Options of `otc_wasserstein_1d_f64`; fill with `otc_wasserstein_1d_options_default`.
struct otc_wasserstein_1d_options
    struct_size::Csize_t
    num_threads::UInt32
    mass_tolerance::Cdouble
end

# Exact OT on the line between samples `x` (weights `a`) and `y` (weights `b`) for the cost
# |x − y|^p.
struct otc_wasserstein_1d_problem_f64
    struct_size::Csize_t
    x::Ptr{Cdouble}
    a::Ptr{Cdouble}
    n::Csize_t
    y::Ptr{Cdouble}
    b::Ptr{Cdouble}
    m::Csize_t
    p::Cdouble
end

# Results of `otc_wasserstein_1d_f64`. `report.iterations` and `report.error`: 0 (a direct
# method). The plan arrays are optional (all three NULL: not wanted).
struct otc_wasserstein_1d_outputs_f64
    struct_size::Csize_t
    report::otc_report
    wp_p::Cdouble
    nnz::Csize_t
    plan_rows::Ptr{Csize_t}
    plan_cols::Ptr{Csize_t}
    plan_mass::Ptr{Cdouble}
end

# Options of `otc_sliced_wasserstein_f64`; fill with
# `otc_sliced_wasserstein_options_default`.
struct otc_sliced_wasserstein_options
    struct_size::Csize_t
    num_threads::UInt32
    mass_tolerance::Cdouble
    num_directions::Csize_t
    seed::UInt64
end

# Sliced Wasserstein between the weighted point clouds `x` (weights `a`) and `y` (weights
# `b`) in R^d for the cost |x − y|^p along each direction.
struct otc_sliced_wasserstein_problem_f64
    struct_size::Csize_t
    x::otc_matrix_f64
    a::Ptr{Cdouble}
    y::otc_matrix_f64
    b::Ptr{Cdouble}
    p::Cdouble
    directions::otc_matrix_f64
end

# Results of `otc_sliced_wasserstein_f64`. `report.iterations`: directions projected;
# `report.error`: 0.
struct otc_sliced_wasserstein_outputs_f64
    struct_size::Csize_t
    report::otc_report
    swp_p::Cdouble
end

# Options of `otc_wasserstein_flow_step_f64`; fill with
# `otc_wasserstein_flow_step_options_default`.
struct otc_wasserstein_flow_step_options
    struct_size::Csize_t
    num_threads::UInt32
    step::Cdouble
    epsilon::Cdouble
    tolerance::Cdouble
    max_iter::UInt64
    check_every::UInt64
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# One step of the Wasserstein flow of the particles (x, a) toward the target (y, b).
struct otc_wasserstein_flow_step_problem_f64
    struct_size::Csize_t
    x::otc_matrix_f64
    a::Ptr{Cdouble}
    y::otc_matrix_f64
    b::Ptr{Cdouble}
    init_potentials::Ptr{Cdouble}
end

# Results of `otc_wasserstein_flow_step_f64`. `report.iterations`: the iterations of the
# three solves together; `report.error`: the largest of their final L1 marginal errors.
struct otc_wasserstein_flow_step_outputs_f64
    struct_size::Csize_t
    report::otc_report
    divergence::Cdouble
    x::otc_matrix_mut_f64
    potentials::Ptr{Cdouble}
end

# Options of `otc_mmd_flow_step_f64`; fill with `otc_mmd_flow_step_options_default`.
struct otc_mmd_flow_step_options
    struct_size::Csize_t
    num_threads::UInt32
    kernel::Int32
    step::Cdouble
    sigma::Cdouble
end

# One step of the MMD flow of the particles (x, a) toward the target (y, b).
struct otc_mmd_flow_step_problem_f64
    struct_size::Csize_t
    x::otc_matrix_f64
    a::Ptr{Cdouble}
    y::otc_matrix_f64
    b::Ptr{Cdouble}
    target_term::Ptr{Cdouble}
end

# Results of `otc_mmd_flow_step_f64` (report: iterations 0, error 0, path 0).
struct otc_mmd_flow_step_outputs_f64
    struct_size::Csize_t
    report::otc_report
    mmd_squared::Cdouble
    target_term::Cdouble
    x::otc_matrix_mut_f64
end

# Options of `otc_jko_step_f64`; fill with `otc_jko_step_options_default`.
struct otc_jko_step_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::UInt64
    epsilon::Cdouble
    step::Cdouble
    tol::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# One entropic JKO step of a density on an h × w grid of the unit square.
struct otc_jko_step_problem_f64
    struct_size::Csize_t
    rho::Ptr{Cdouble}
    height::Csize_t
    width::Csize_t
    potential::Ptr{Cdouble}
    init_dual::Ptr{Cdouble}
end

# Results of `otc_jko_step_f64`. `report.iterations`: scaling iterations;
# `report.error`: the L1 change of the density at the last one.
struct otc_jko_step_outputs_f64
    struct_size::Csize_t
    report::otc_report
    rho_next::Ptr{Cdouble}
    dual::Ptr{Cdouble}
end

# Options of `otc_bures_f64`; fill with `otc_bures_options_default`.
struct otc_bures_options
    struct_size::Csize_t
    num_threads::UInt32
    symmetry_tol::Cdouble
    psd_tol::Cdouble
end

# Two covariances Σ₁, Σ₂ (d×d, symmetric PSD, any strides; singular ones are fine).
struct otc_bures_problem_f64
    struct_size::Csize_t
    sigma1::otc_matrix_f64
    sigma2::otc_matrix_f64
end

# Results of `otc_bures_f64`. `report.iterations` and `report.error` are 0 (a direct method).
struct otc_bures_outputs_f64
    struct_size::Csize_t
    report::otc_report
    bures_squared::Cdouble
end

# Options of `otc_gaussian_w2_f64`; fill with `otc_gaussian_w2_options_default`.
struct otc_gaussian_w2_options
    struct_size::Csize_t
    num_threads::UInt32
    symmetry_tol::Cdouble
    psd_tol::Cdouble
end

# Two Gaussians N(m1, Σ₁), N(m2, Σ₂) on ℝᵈ.
struct otc_gaussian_w2_problem_f64
    struct_size::Csize_t
    m1::Ptr{Cdouble}
    sigma1::otc_matrix_f64
    m2::Ptr{Cdouble}
    sigma2::otc_matrix_f64
end

# Results of `otc_gaussian_w2_f64`. `report.iterations` and `report.error` are 0.
struct otc_gaussian_w2_outputs_f64
    struct_size::Csize_t
    report::otc_report
    w2_squared::Cdouble
end

# Options of `otc_gaussian_entropic_w2_f64`; fill with
# `otc_gaussian_entropic_w2_options_default`.
struct otc_gaussian_entropic_w2_options
    struct_size::Csize_t
    num_threads::UInt32
    symmetry_tol::Cdouble
    psd_tol::Cdouble
end

# Two Gaussians N(m1, Σ₁), N(m2, Σ₂) on ℝᵈ and the regularisation ε.
struct otc_gaussian_entropic_w2_problem_f64
    struct_size::Csize_t
    m1::Ptr{Cdouble}
    sigma1::otc_matrix_f64
    m2::Ptr{Cdouble}
    sigma2::otc_matrix_f64
    epsilon::Cdouble
end

# Results of `otc_gaussian_entropic_w2_f64`. `report.iterations` and `report.error` are 0.
struct otc_gaussian_entropic_w2_outputs_f64
    struct_size::Csize_t
    report::otc_report
    cost::Cdouble
end

# Options of `otc_gaussian_w2_pairwise_f64`; fill with
# `otc_gaussian_w2_pairwise_options_default`.
struct otc_gaussian_w2_pairwise_options
    struct_size::Csize_t
    num_threads::UInt32
    symmetry_tol::Cdouble
    psd_tol::Cdouble
end

# Two batches of Gaussians: k₁ with means the rows of `means1` (k₁×d) and covariances
# `covs1[0..k₁]` (d×d each), and k₂ likewise.
struct otc_gaussian_w2_pairwise_problem_f64
    struct_size::Csize_t
    means1::otc_matrix_f64
    covs1::Ptr{otc_matrix_f64}
    means2::otc_matrix_f64
    covs2::Ptr{otc_matrix_f64}
end

# Results of `otc_gaussian_w2_pairwise_f64`. `report.iterations` and `report.error` are 0.
struct otc_gaussian_w2_pairwise_outputs_f64
    struct_size::Csize_t
    report::otc_report
    w2_squared::otc_matrix_mut_f64
end

# Options of `otc_gaussian_map_f64`; fill with `otc_gaussian_map_options_default`.
struct otc_gaussian_map_options
    struct_size::Csize_t
    num_threads::UInt32
    symmetry_tol::Cdouble
    psd_tol::Cdouble
    rank_tol::Cdouble
end

# Two Gaussians N(m1, Σ₁), N(m2, Σ₂); the means are optional (NULL = the zero vector).
struct otc_gaussian_map_problem_f64
    struct_size::Csize_t
    m1::Ptr{Cdouble}
    sigma1::otc_matrix_f64
    m2::Ptr{Cdouble}
    sigma2::otc_matrix_f64
end

# Results of `otc_gaussian_map_f64`: T(x) = a·x + b. `report.iterations`, `report.error` 0.
struct otc_gaussian_map_outputs_f64
    struct_size::Csize_t
    report::otc_report
    rank::Csize_t
    a::otc_matrix_mut_f64
    b::Ptr{Cdouble}
end

# Options of `otc_gaussian_map_apply_f64`; fill with `otc_gaussian_map_apply_options_default`.
struct otc_gaussian_map_apply_options
    struct_size::Csize_t
    num_threads::UInt32
end

# An affine map x ↦ A x + b and n points.
struct otc_gaussian_map_apply_problem_f64
    struct_size::Csize_t
    a::otc_matrix_f64
    b::Ptr{Cdouble}
    x::otc_matrix_f64
end

# Results of `otc_gaussian_map_apply_f64`. `report.iterations` and `report.error` are 0.
struct otc_gaussian_map_apply_outputs_f64
    struct_size::Csize_t
    report::otc_report
    y::otc_matrix_mut_f64
end

# Options of `otc_gaussian_geodesic_f64`; fill with `otc_gaussian_geodesic_options_default`.
struct otc_gaussian_geodesic_options
    struct_size::Csize_t
    num_threads::UInt32
    symmetry_tol::Cdouble
    psd_tol::Cdouble
    rank_tol::Cdouble
end

# Two Gaussians N(m1, Σ₁), N(m2, Σ₂) and the time t of the geodesic.
struct otc_gaussian_geodesic_problem_f64
    struct_size::Csize_t
    m1::Ptr{Cdouble}
    sigma1::otc_matrix_f64
    m2::Ptr{Cdouble}
    sigma2::otc_matrix_f64
    t::Cdouble
end

# Results of `otc_gaussian_geodesic_f64`. `report.iterations` and `report.error` are 0.
struct otc_gaussian_geodesic_outputs_f64
    struct_size::Csize_t
    report::otc_report
    rank::Csize_t
    mean::Ptr{Cdouble}
    cov::otc_matrix_mut_f64
end

# Options of `otc_gaussian_barycenter_f64`; fill with
# `otc_gaussian_barycenter_options_default`.
struct otc_gaussian_barycenter_options
    struct_size::Csize_t
    num_threads::UInt32
    symmetry_tol::Cdouble
    psd_tol::Cdouble
    rank_tol::Cdouble
    tol::Cdouble
    max_iter::UInt64
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# k Gaussians and their weights.
struct otc_gaussian_barycenter_problem_f64
    struct_size::Csize_t
    means::otc_matrix_f64
    covs::Ptr{otc_matrix_f64}
    weights::Ptr{Cdouble}
end

# Results of `otc_gaussian_barycenter_f64`. `report.iterations`: fixed-point iterations;
# `report.error`: the estimated relative error of the covariance (see `opts->tol`).
struct otc_gaussian_barycenter_outputs_f64
    struct_size::Csize_t
    report::otc_report
    rank::Csize_t
    mean::Ptr{Cdouble}
    cov::otc_matrix_mut_f64
end

# Options of `otc_gaussian_moments_f64`; fill with `otc_gaussian_moments_options_default`.
struct otc_gaussian_moments_options
    struct_size::Csize_t
    num_threads::UInt32
end

# n weighted points in ℝᵈ.
struct otc_gaussian_moments_problem_f64
    struct_size::Csize_t
    x::otc_matrix_f64
    weights::Ptr{Cdouble}
end

# Results of `otc_gaussian_moments_f64`. `report.iterations` and `report.error` are 0.
struct otc_gaussian_moments_outputs_f64
    struct_size::Csize_t
    report::otc_report
    mean::Ptr{Cdouble}
    cov::otc_matrix_mut_f64
end

# Options of `otc_psd_sqrt_f64`; fill with `otc_psd_sqrt_options_default`.
struct otc_psd_sqrt_options
    struct_size::Csize_t
    num_threads::UInt32
    symmetry_tol::Cdouble
    psd_tol::Cdouble
    rank_tol::Cdouble
end

# A symmetric PSD matrix.
struct otc_psd_sqrt_problem_f64
    struct_size::Csize_t
    a::otc_matrix_f64
end

# Results of `otc_psd_sqrt_f64`; at least one of `sqrt`, `inv_sqrt` must be wanted.
# `report.iterations` and `report.error` are 0.
struct otc_psd_sqrt_outputs_f64
    struct_size::Csize_t
    report::otc_report
    rank::Csize_t
    sqrt::otc_matrix_mut_f64
    inv_sqrt::otc_matrix_mut_f64
end

# Options of `otc_plan_position_gradient_f64`; fill with
# `otc_plan_position_gradient_options_default`.
struct otc_plan_position_gradient_options
    struct_size::Csize_t
    num_threads::UInt32
    metric::Int32
    p::Cdouble
end

# A plan P between the points x (n × d) and y (m × d): either sparse, the `plan_nnz` entries
# `plan_mass[k]` at `(plan_rows[k], plan_cols[k])` as `otc_emd_f64` / `otc_emd_grid_f64`
# write them (`plan.data` NULL), or the dense n × m matrix `plan` (an entropic plan from
# `otc_sinkhorn_*`; the three sparse pointers NULL). Masses finite and ≥ 0.
struct otc_plan_position_gradient_problem_f64
    struct_size::Csize_t
    x::otc_matrix_f64
    y::otc_matrix_f64
    plan_nnz::Csize_t
    plan_rows::Ptr{Csize_t}
    plan_cols::Ptr{Csize_t}
    plan_mass::Ptr{Cdouble}
    plan::otc_matrix_f64
end

# Results of `otc_plan_position_gradient_f64`. `report.iterations`, `report.error`: 0.
struct otc_plan_position_gradient_outputs_f64
    struct_size::Csize_t
    report::otc_report
    gx::otc_matrix_mut_f64
    gy::otc_matrix_mut_f64
end

# Options of `otc_displacement_interpolation_f64`; fill with
# `otc_displacement_interpolation_options_default`.
struct otc_displacement_interpolation_options
    struct_size::Csize_t
    num_threads::UInt32
end

# A plan P between the points x (n × d) and y (m × d), as in
# `otc_plan_position_gradient_problem_f64` (sparse triplets, or a dense n × m view), and the
# time t of the interpolation.
struct otc_displacement_interpolation_problem_f64
    struct_size::Csize_t
    x::otc_matrix_f64
    y::otc_matrix_f64
    plan_nnz::Csize_t
    plan_rows::Ptr{Csize_t}
    plan_cols::Ptr{Csize_t}
    plan_mass::Ptr{Cdouble}
    plan::otc_matrix_f64
    t::Cdouble
end

# Results of `otc_displacement_interpolation_f64`: one weighted point per plan entry (K =
# `plan_nnz` for a sparse plan, n·m for a dense one, entry (i, j) at k = i·m + j).
# `report.iterations`, `report.error`: 0.
struct otc_displacement_interpolation_outputs_f64
    struct_size::Csize_t
    report::otc_report
    points::otc_matrix_mut_f64
    weights::Ptr{Cdouble}
end

# Options of `otc_quantile_1d_f64`; fill with `otc_quantile_1d_options_default`.
struct otc_quantile_1d_options
    struct_size::Csize_t
    num_threads::UInt32
end

# The quantile function `Q(u) = min{x_j : a_j > 0, F(x_j) ≥ u}` of the measure
# `Σ_j a_j δ_{x_j}` normalised to mass 1 (`F` its cumulative distribution), at the given
# levels.
struct otc_quantile_1d_problem_f64
    struct_size::Csize_t
    x::Ptr{Cdouble}
    a::Ptr{Cdouble}
    n::Csize_t
    levels::Ptr{Cdouble}
    num_levels::Csize_t
end

# Results of `otc_quantile_1d_f64`. `report.iterations` and `report.error`: 0 (a direct
# method).
struct otc_quantile_1d_outputs_f64
    struct_size::Csize_t
    report::otc_report
    quantiles::Ptr{Cdouble}
end

# Options of `otc_barycenter_1d_f64`; fill with `otc_barycenter_1d_options_default`.
struct otc_barycenter_1d_options
    struct_size::Csize_t
    num_threads::UInt32
    mass_tolerance::Cdouble
end

# The W_p barycenter `argmin_ν Σ_i λ_i W_p^p(ν, μ_i)` of k measures on the line, stored one
# after the other: measure i has the `sizes[i]` samples `x[s_i ..]` with weights `a[s_i ..]`,
# `s_i = sizes[0] + … + sizes[i − 1]`.
struct otc_barycenter_1d_problem_f64
    struct_size::Csize_t
    x::Ptr{Cdouble}
    a::Ptr{Cdouble}
    n::Csize_t
    sizes::Ptr{Csize_t}
    k::Csize_t
    lambda::Ptr{Cdouble}
    p::Cdouble
end

# Results of `otc_barycenter_1d_f64`: the barycenter as `nnz` weighted points.
# `report.iterations` and `report.error`: 0 (a direct method).
struct otc_barycenter_1d_outputs_f64
    struct_size::Csize_t
    report::otc_report
    nnz::Csize_t
    points::Ptr{Cdouble}
    weights::Ptr{Cdouble}
end

# Options of `otc_laguerre_assign_f64` / `_f32`; fill with
# `otc_laguerre_assign_options_default`.
struct otc_laguerre_assign_options
    struct_size::Csize_t
    num_threads::UInt32
end

# The Laguerre cells of points `x_i` (N×d) for sites `y_j` (n×d) with weights `g_j`, double
# precision.
struct otc_laguerre_assign_problem_f64
    struct_size::Csize_t
    points::otc_matrix_f64
    point_weights::Ptr{Cdouble}
    sites::otc_matrix_f64
    g::Ptr{Cdouble}
end

# As `otc_laguerre_assign_problem_f64`, single precision.
struct otc_laguerre_assign_problem_f32
    struct_size::Csize_t
    points::otc_matrix_f32
    point_weights::Ptr{Cfloat}
    sites::otc_matrix_f32
    g::Ptr{Cfloat}
end

# Results of `otc_laguerre_assign_f64`; `report.iterations`, `report.error` and
# `report.path` are 0 (one pass, no error measure).
struct otc_laguerre_assign_outputs_f64
    struct_size::Csize_t
    report::otc_report
    empty_cells::Csize_t
    cells::Ptr{UInt32}
    masses::Ptr{Cdouble}
end

# Results of `otc_laguerre_assign_f32`: as `otc_laguerre_assign_outputs_f64` (masses in
# double).
struct otc_laguerre_assign_outputs_f32
    struct_size::Csize_t
    report::otc_report
    empty_cells::Csize_t
    cells::Ptr{UInt32}
    masses::Ptr{Cdouble}
end

# Options of `otc_semidiscrete_f64` / `_f32`; fill with `otc_semidiscrete_options_default`.
struct otc_semidiscrete_options
    struct_size::Csize_t
    num_threads::UInt32
    method::Int32
    max_iter::UInt64
    tol::Cdouble
    step::Cdouble
    epsilon::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# Semi-discrete optimal transport, squared Euclidean cost, double precision: the weighted
# samples `x_i` (a discretised continuous source, e.g. a density on a grid) to the sites
# `y_j` with weights `b_j` (the same total mass as the samples, within 1e-6 relative).
struct otc_semidiscrete_problem_f64
    struct_size::Csize_t
    points::otc_matrix_f64
    point_weights::Ptr{Cdouble}
    sites::otc_matrix_f64
    b::Ptr{Cdouble}
    initial_g::Ptr{Cdouble}
end

# As `otc_semidiscrete_problem_f64`, single precision.
struct otc_semidiscrete_problem_f32
    struct_size::Csize_t
    points::otc_matrix_f32
    point_weights::Ptr{Cfloat}
    sites::otc_matrix_f32
    b::Ptr{Cfloat}
    initial_g::Ptr{Cfloat}
end

# Results of `otc_semidiscrete_f64`. `report.path`: the method that ran
# (`OTC_SEMIDISCRETE_*`); `report.iterations`: Newton or gradient steps; `report.error`: the
# stopping measure `max_j |m_j − b_j|` (smoothed masses at ε for Newton, hard masses for the
# gradient method).
struct otc_semidiscrete_outputs_f64
    struct_size::Csize_t
    report::otc_report
    mass_error::Cdouble
    epsilon::Cdouble
    step::Cdouble
    g::Ptr{Cdouble}
    masses::Ptr{Cdouble}
end

# Results of `otc_semidiscrete_f32`: as `otc_semidiscrete_outputs_f64` (g in single
# precision, the masses and errors in double).
struct otc_semidiscrete_outputs_f32
    struct_size::Csize_t
    report::otc_report
    mass_error::Cdouble
    epsilon::Cdouble
    step::Cdouble
    g::Ptr{Cfloat}
    masses::Ptr{Cdouble}
end

# Options of `otc_semidiscrete_sgd_f64` / `_f32`; fill with
# `otc_semidiscrete_sgd_options_default`.
struct otc_semidiscrete_sgd_options
    struct_size::Csize_t
    num_threads::UInt32
    iterations::UInt64
    batch::Csize_t
    step::Cdouble
    seed::UInt64
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# A sampler of the continuous source for `otc_semidiscrete_sgd_f64`: writes `count`
# independent samples (row-major, `count × dim` doubles, dim = `sites.cols`) into
# `out_points` and returns 0; any other value stops the solver with
# `OTC_ERR_INVALID_ARGUMENT` ("the sampler returned `<value>`"). With `num_threads != 1` it may
# run on an otcore worker thread, never concurrently with itself.
const otc_sample_fn = Ptr{Cvoid}

# Semi-discrete OT by averaged SGD, double precision: a continuous source to the sites `y_j`
# (n×d) with masses `b_j` (sum 1). The source is given in exactly one of two forms (the other
# NULL): a sampler `sample` streaming independent samples, or a sample array `points` (N×d)
# drawn from with probabilities `point_weights`.
struct otc_semidiscrete_sgd_problem_f64
    struct_size::Csize_t
    sites::otc_matrix_f64
    b::Ptr{Cdouble}
    sample::otc_sample_fn
    sample_data::Ptr{Cvoid}
    points::otc_matrix_f64
    point_weights::Ptr{Cdouble}
end

# The single-precision sampler of `otc_semidiscrete_sgd_f32`: as `otc_sample_fn`, writing
# `count × dim` floats.
const otc_sample_f32_fn = Ptr{Cvoid}

# As `otc_semidiscrete_sgd_problem_f64`, single precision.
struct otc_semidiscrete_sgd_problem_f32
    struct_size::Csize_t
    sites::otc_matrix_f32
    b::Ptr{Cfloat}
    sample::otc_sample_f32_fn
    sample_data::Ptr{Cvoid}
    points::otc_matrix_f32
    point_weights::Ptr{Cfloat}
end

# Results of `otc_semidiscrete_sgd_f64`. `report.iterations`: batches drawn;
# `report.error`: the last batch's mass error `max_j |h_j − b_j|` (h: the batch's cell
# fractions; a noisy estimate, of order `1/√batch` at the solution); `report.path` 0.
struct otc_semidiscrete_sgd_outputs_f64
    struct_size::Csize_t
    report::otc_report
    step::Cdouble
    g::Ptr{Cdouble}
end

# Results of `otc_semidiscrete_sgd_f32`: as `otc_semidiscrete_sgd_outputs_f64` (g in single
# precision).
struct otc_semidiscrete_sgd_outputs_f32
    struct_size::Csize_t
    report::otc_report
    step::Cdouble
    g::Ptr{Cfloat}
end

# Options of `otc_lloyd_f64` / `_f32`; fill with `otc_lloyd_options_default`.
struct otc_lloyd_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::UInt64
    tol::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# Optimal quantisation of a weighted sample set by n sites, double precision.
struct otc_lloyd_problem_f64
    struct_size::Csize_t
    points::otc_matrix_f64
    point_weights::Ptr{Cdouble}
    sites::otc_matrix_f64
end

# As `otc_lloyd_problem_f64`, single precision.
struct otc_lloyd_problem_f32
    struct_size::Csize_t
    points::otc_matrix_f32
    point_weights::Ptr{Cfloat}
    sites::otc_matrix_f32
end

# Results of `otc_lloyd_f64`. `report.iterations`: Lloyd steps; `report.error`: the largest
# site displacement of the last step (distance units; 0 when no step ran); `report.path` 0.
struct otc_lloyd_outputs_f64
    struct_size::Csize_t
    report::otc_report
    distortion::Cdouble
    sites::otc_matrix_mut_f64
end

# Results of `otc_lloyd_f32`: as `otc_lloyd_outputs_f64` (the distortion in double).
struct otc_lloyd_outputs_f32
    struct_size::Csize_t
    report::otc_report
    distortion::Cdouble
    sites::otc_matrix_mut_f32
end

# Options of `otc_sinkhorn_f64` / `_f32`; fill with `otc_sinkhorn_options_default`, then
# change fields. ε, ρ and the tolerances are in cost units.
struct otc_sinkhorn_options
    struct_size::Csize_t
    num_threads::UInt32
    symmetric::UInt32
    epsilon::Cdouble
    tolerance::Cdouble
    max_iter::UInt64
    check_every::UInt64
    path::Int32
    penalty::Int32
    rho_a::Cdouble
    rho_b::Cdouble
    mass_tolerance::Cdouble
    over_relaxation::Cdouble
    kernel_memory_cap::Csize_t
    eps_scaling_steps::UInt64
    eps_scaling_iters::UInt64
    eps_scaling_start::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# An entropic OT problem of doubles: weights `a` (n) and `b` (m), and the cost as EXACTLY ONE
# of: `cost`, a dense n×m matrix (any strides; `x.data` and `y.data` NULL), or the point
# clouds `x` (n×d) and `y` (m×d) with `metric`, the cost computed on the fly in O((n + m)·d)
# memory (`cost.data` NULL). Optional warm start: `init_f` (n) and `init_g` (m), NULL = cold
# start (zeros).
struct otc_sinkhorn_problem_f64
    struct_size::Csize_t
    a::Ptr{Cdouble}
    n::Csize_t
    b::Ptr{Cdouble}
    m::Csize_t
    cost::otc_matrix_f64
    x::otc_matrix_f64
    y::otc_matrix_f64
    metric::Int32
    init_f::Ptr{Cdouble}
    init_g::Ptr{Cdouble}
end

# `otc_sinkhorn_problem_f64` with weights, cost and points of floats (the warm-start
# potentials stay double).
struct otc_sinkhorn_problem_f32
    struct_size::Csize_t
    a::Ptr{Cfloat}
    n::Csize_t
    b::Ptr{Cfloat}
    m::Csize_t
    cost::otc_matrix_f32
    x::otc_matrix_f32
    y::otc_matrix_f32
    metric::Int32
    init_f::Ptr{Cdouble}
    init_g::Ptr{Cdouble}
end

# Results of `otc_sinkhorn_f64`. `report.path`: `OTC_SINKHORN_PATH_KERNEL`,
# `OTC_SINKHORN_PATH_TRUNCATED` or `OTC_SINKHORN_PATH_LOG_DOMAIN`, the path that ran;
# `report.iterations`: all iterations, ε-scaling included; `report.error`: the final L1
# marginal error Σ_i |r_i − a_i e^{−f_i/ρ_a}| (= Σ_i |r_i − a_i| when balanced) plus the
# column term with symmetric updates, r = P·1 (the truncated path: the truncated plan's
# error of both sides plus twice the bound on the dropped mass, a bound on the full plan's).
#
# Potentials: `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`, in cost units. When both sides are
# balanced (f + c, g − c) gives the same plan for every constant c: the potentials are not
# centred, they are returned as the last (row then column) update leaves them, so compare
# them up to that constant (e.g. after subtracting Σ a_i f_i / Σ a from f and adding it to
# g). Optional outputs: not wanted when the pointer (or a view's `data`) is NULL.
struct otc_sinkhorn_outputs_f64
    struct_size::Csize_t
    report::otc_report
    entropic_ot::Cdouble
    transport_cost::Cdouble
    mass::Cdouble
    f::Ptr{Cdouble}
    g::Ptr{Cdouble}
    plan::otc_matrix_mut_f64
    map::otc_matrix_mut_f64
    grad_x::otc_matrix_mut_f64
    grad_y::otc_matrix_mut_f64
    grad_a::Ptr{Cdouble}
    grad_b::Ptr{Cdouble}
end

# Results of `otc_sinkhorn_f32`: as `otc_sinkhorn_outputs_f64`, with the plan, map and
# position gradients in floats (potentials, values and weight gradients stay double).
struct otc_sinkhorn_outputs_f32
    struct_size::Csize_t
    report::otc_report
    entropic_ot::Cdouble
    transport_cost::Cdouble
    mass::Cdouble
    f::Ptr{Cdouble}
    g::Ptr{Cdouble}
    plan::otc_matrix_mut_f32
    map::otc_matrix_mut_f32
    grad_x::otc_matrix_mut_f32
    grad_y::otc_matrix_mut_f32
    grad_a::Ptr{Cdouble}
    grad_b::Ptr{Cdouble}
end

# Options of `otc_sinkhorn_divergence_f64` / `_f32` (the three solves all use them); fill
# with `otc_sinkhorn_divergence_options_default`. Fields as in `otc_sinkhorn_options`.
struct otc_sinkhorn_divergence_options
    struct_size::Csize_t
    num_threads::UInt32
    symmetric::UInt32
    epsilon::Cdouble
    tolerance::Cdouble
    max_iter::UInt64
    check_every::UInt64
    path::Int32
    penalty::Int32
    rho_a::Cdouble
    rho_b::Cdouble
    mass_tolerance::Cdouble
    over_relaxation::Cdouble
    kernel_memory_cap::Csize_t
    eps_scaling_steps::UInt64
    eps_scaling_iters::UInt64
    eps_scaling_start::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# A Sinkhorn divergence problem of doubles: weights `a` (n), `b` (m) and the costs as
# EXACTLY ONE of: three dense matrices `cost_xy` (n×m), `cost_xx` (n×n), `cost_yy` (m×m)
# (the points' `data` NULL), or the point clouds `x` (n×d), `y` (m×d) with `metric`, costs
# computed on the fly (the costs' `data` NULL).
struct otc_sinkhorn_divergence_problem_f64
    struct_size::Csize_t
    a::Ptr{Cdouble}
    n::Csize_t
    b::Ptr{Cdouble}
    m::Csize_t
    cost_xy::otc_matrix_f64
    cost_xx::otc_matrix_f64
    cost_yy::otc_matrix_f64
    x::otc_matrix_f64
    y::otc_matrix_f64
    metric::Int32
end

# `otc_sinkhorn_divergence_problem_f64` with weights, costs and points of floats.
struct otc_sinkhorn_divergence_problem_f32
    struct_size::Csize_t
    a::Ptr{Cfloat}
    n::Csize_t
    b::Ptr{Cfloat}
    m::Csize_t
    cost_xy::otc_matrix_f32
    cost_xx::otc_matrix_f32
    cost_yy::otc_matrix_f32
    x::otc_matrix_f32
    y::otc_matrix_f32
    metric::Int32
end

# Results of `otc_sinkhorn_divergence_f64`. `report.path`: the path the solve of
# OT_ε(a, b) ran; `report.iterations`: the iterations of the three solves together;
# `report.error`: the largest of their final L1 marginal errors. Optional outputs (the
# gradients, points only): not wanted when the pointer (or a view's `data`) is NULL.
struct otc_sinkhorn_divergence_outputs_f64
    struct_size::Csize_t
    report::otc_report
    divergence::Cdouble
    entropic_ot_xy::Cdouble
    entropic_ot_xx::Cdouble
    entropic_ot_yy::Cdouble
    grad_x::otc_matrix_mut_f64
    grad_y::otc_matrix_mut_f64
    grad_a::Ptr{Cdouble}
    grad_b::Ptr{Cdouble}
end

# Results of `otc_sinkhorn_divergence_f32`: as the f64 struct, position gradients in floats.
struct otc_sinkhorn_divergence_outputs_f32
    struct_size::Csize_t
    report::otc_report
    divergence::Cdouble
    entropic_ot_xy::Cdouble
    entropic_ot_xx::Cdouble
    entropic_ot_yy::Cdouble
    grad_x::otc_matrix_mut_f32
    grad_y::otc_matrix_mut_f32
    grad_a::Ptr{Cdouble}
    grad_b::Ptr{Cdouble}
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
#   squared Euclidean cost `|x_i − y_j|²` computed on the fly (memory O((rows + m)·d)).
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

# Options of `otc_sinkhorn_partial_f64`; fill with `otc_sinkhorn_partial_options_default`.
struct otc_sinkhorn_partial_options
    struct_size::Csize_t
    num_threads::UInt32
    epsilon::Cdouble
    tolerance::Cdouble
    max_iter::UInt64
    check_every::UInt64
    mass_tolerance::Cdouble
    callback_every::UInt64
    callback::otc_callback
    callback_data::Ptr{Cvoid}
end

# Entropic partial OT: move `mass` (0 < mass ≤ min(Σa, Σb)) from `a` to `b`,
# `min ⟨C, P⟩ + ε·KL(P | a⊗b)` over P ≥ 0 with P·1 ≤ a, Pᵀ·1 ≤ b, Σ P = mass.
struct otc_sinkhorn_partial_problem_f64
    struct_size::Csize_t
    a::Ptr{Cdouble}
    n::Csize_t
    b::Ptr{Cdouble}
    m::Csize_t
    cost::otc_matrix_f64
    mass::Cdouble
end

# Results of `otc_sinkhorn_partial_f64`. `report.iterations`: iterations; `report.error`:
# the L1 error of the optimality conditions (the marginals where a dual is < 0, their
# excess over the weights where it is 0, and the mass); `report.path`: 0. Optional outputs:
# NULL (a view's `data` NULL) when not wanted.
struct otc_sinkhorn_partial_outputs_f64
    struct_size::Csize_t
    report::otc_report
    entropic_ot::Cdouble
    transport_cost::Cdouble
    transported_mass::Cdouble
    mass_price::Cdouble
    f::Ptr{Cdouble}
    g::Ptr{Cdouble}
    plan::otc_matrix_mut_f64
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
# about 81·n bytes per worker up to n = 899, about 0.7 KB per row from n = 900 to 1024 (an
# auction's candidate arcs), about 1.8 KB per row from n = 1025 on (the candidate-arc
# method), for `min(threads, count)` workers, plus 80 bytes per problem.
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
# Statuses: `OTC_OK`; `OTC_WARN_CANCELLED` (the callback stopped the solve: see
# `otc_assignment_options.callback` for the outputs); `OTC_ERR_NULL_POINTER`,
# `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (count 0, a cost not square or of another size than
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
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (the separable convolutions once h·w·max(h, w) > 4096): see docs/abi.md,
# Memory.
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
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (the separable convolutions once h·w·max(h, w) > 4096): see docs/abi.md,
# Memory.
#
# # Safety
# As `otc_convolutional_barycenter_f64`.
const _otc_convolutional_barycenter_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_convolutional_barycenter_f32(problem, out, opts, work) =
    ccall(_otc_convolutional_barycenter_f32[], otc_status, (Ptr{otc_convolutional_barycenter_problem_f32}, Ptr{otc_convolutional_barycenter_outputs_f32}, Ptr{otc_convolutional_barycenter_options}, otc_workspace), problem, out, opts, work)

# Writes the default options of `otc_free_support_barycenter_f64` into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_free_support_barycenter_options`.
const _otc_free_support_barycenter_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_free_support_barycenter_options_default(opts) =
    ccall(_otc_free_support_barycenter_options_default[], otc_status, (Ptr{otc_free_support_barycenter_options},), opts)

# Bytes of workspace `otc_free_support_barycenter_f64` needs for `problem` (its shapes and
# `sizes`) with `opts` (NULL: defaults): per worker, an m × max(sizes) cost and the network
# simplex's O(m + n) arrays (exact inner solves) or Sinkhorn's O((m + n)·d) (entropic);
# k·m·d projections; the k problems' potentials (entropic).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_ARGUMENT` (an unknown `inner`),
# `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes),
# `problem->sizes` valid for k values; `bytes` valid for writes.
const _otc_free_support_barycenter_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_free_support_barycenter_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_free_support_barycenter_workspace_size_f64[], otc_status, (Ptr{otc_free_support_barycenter_problem_f64}, Ptr{otc_free_support_barycenter_options}, Ptr{Csize_t}), problem, opts, bytes)

# The free-support Wasserstein barycenter of k point clouds (Cuturi & Doucet 2014): with the
# support weights `a` fixed, each iteration solves the k exact OT problems between the
# support and the measures for the squared Euclidean cost (network simplex; or entropic OT by
# Sinkhorn at `opts->epsilon` with `opts->inner = OTC_FREE_SUPPORT_INNER_SINKHORN`, the
# projections `Σ_l P^i_jl y_il / Σ_l P^i_jl` streamed from the potentials) and moves every
# support point to `Σ_i λ_i T_i(x_j) / Σλ`, `T_i(x_j) = Σ_l P^i_jl y_il / a_j` (its barycentric
# projection); the objective never increases. Stops when no point moves more than
# `opts->tol`, after `opts->max_iter` iterations (`OTC_WARN_MAX_ITER`) or when the callback
# (called once per iteration) stops it (`OTC_WARN_CANCELLED`); `out->x` then holds the support
# reached. Time O(iterations · Σ_i (m·n_i·d + emd(m, n_i))), the k problems shared by
# `opts->num_threads` workers (results identical for every count); workspace from
# `otc_free_support_barycenter_workspace_size_f64` (or `{NULL, 0}`: allocated).
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER`; `OTC_WARN_CANCELLED`; `OTC_ERR_NULL_POINTER`,
# `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`,
# `OTC_ERR_INVALID_ARGUMENT` (negative weights or λ, Σλ = 0, a bad `tol`, an unknown
# `inner`, a bad `epsilon`, `inner_max_iter` or `inner_tolerance`), `OTC_ERR_NUMERICAL`
# (an inner Sinkhorn solve overflowed), `OTC_ERR_MASS_MISMATCH` (naming the measure), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
# `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
# `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_free_support_barycenter_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_free_support_barycenter_f64(problem, out, opts, work) =
    ccall(_otc_free_support_barycenter_f64[], otc_status, (Ptr{otc_free_support_barycenter_problem_f64}, Ptr{otc_free_support_barycenter_outputs_f64}, Ptr{otc_free_support_barycenter_options}, otc_workspace), problem, out, opts, work)

# The detail of the last failure (or warning) on the calling thread, as a NUL-terminated
# string; "" when the last otcore call on this thread succeeded without warning.
#
# Never NULL. The string belongs to otcore and stays valid until the next otcore call on the
# same thread; copy it to keep it. It holds at most 511 bytes: a longer detail is cut (at a
# character boundary) and ends with "...". Recording it never allocates. During thread or process teardown (from `atexit`
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
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (squared Euclidean, Euclidean and cosine costs with d ≥ 16): see
# docs/abi.md, Memory.
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
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (squared Euclidean, Euclidean and cosine costs with d ≥ 16): see
# docs/abi.md, Memory.
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
# optimal); `OTC_WARN_CANCELLED` (the callback stopped the solve: the same feasible outputs
# as after `max_iter`); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
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
# `OTC_WARN_CANCELLED` (the callback stopped the solve: the same feasible outputs as after
# `max_iter`); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
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

# Writes the default options (`num_threads = 0`, squared Euclidean, `p = 2`,
# `max_iter = 2^40`, `mass_tolerance = 1e-9`, no callback) into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_emd_points_options`.
const _otc_emd_points_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_points_options_default(opts) =
    ccall(_otc_emd_points_options_default[], otc_status, (Ptr{otc_emd_points_options},), opts)

# Bytes of workspace `otc_emd_points_f64` needs for `problem` (the sizes n, m, d of its
# views; no data is read) with `opts` (NULL: defaults): O((n + m)·d), about
# 100·(n + m) + 8·(n + m + 16)·d bytes, and for d ≤ 3 at least the multiscale solver's,
# about 700·(n + m) bytes. No n × m array.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (d of x and y differ), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_emd_points_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_points_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_emd_points_workspace_size_f64[], otc_status, (Ptr{otc_emd_points_problem_f64}, Ptr{otc_emd_points_options}, Ptr{Csize_t}), problem, opts, bytes)

# Exact optimal transport between the weighted clouds of `problem` for the cost
# `C_ij = metric(x_i, y_j)` (`opts->metric`, `opts->p`), by the network simplex of
# `otc_emd_f64` with the costs computed on the fly from the coordinates (in SIMD lanes, a
# pricing block at a time): the n × m cost is never stored. Optimality is certified by the
# duals: `out->gap` is the most negative reduced cost over all n·m arcs, computed the same
# way. Time O(pivots · (√(n·m)·d + tree path)), on the calling thread; workspace
# O((n + m)·d) from `otc_emd_points_workspace_size_f64` (or `{NULL, 0}`: allocated).
# Zero-weight points are allowed (removed, then given the largest feasible duals).
# For the squared Euclidean cost in d ≤ 3 (with the default `max_iter`), the multiscale
# solver runs instead: a coarse-to-fine hierarchy of each cloud (Z order), a network simplex
# on a sparse arc set grown by shielding neighbourhoods, and checks of all n·m arcs (a
# branch-and-bound search of each point's best arc) until none has a negative reduced cost;
# same outputs and certificate, `report.iterations` the pivots of all levels, and
# `callback` called once per check of all arcs (pivots so far, rows and columns with a
# violated arc).
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER`, `OTC_WARN_CANCELLED` (a feasible plan, `gap`
# says how far from optimal); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (a zero size, d of x and y differ), `OTC_ERR_NON_FINITE` (a
# coordinate or weight; the message names it), `OTC_ERR_INVALID_ARGUMENT` (metric, p,
# cosine, negative weights, coordinates so large that a cost could overflow, a bad
# `mass_tolerance`), `OTC_ERR_MASS_MISMATCH` (naming the heavier side),
# `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_emd_points_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_points_f64(problem, out, opts, work) =
    ccall(_otc_emd_points_f64[], otc_status, (Ptr{otc_emd_points_problem_f64}, Ptr{otc_emd_points_outputs_f64}, Ptr{otc_emd_points_options}, otc_workspace), problem, out, opts, work)

# Writes the default options of `otc_emd_f64` into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_emd_options`.
const _otc_emd_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_options_default(opts) =
    ccall(_otc_emd_options_default[], otc_status, (Ptr{otc_emd_options},), opts)

# Bytes of workspace `otc_emd_f64` needs for `problem` (only its n and m are read) with
# `opts` (NULL: defaults): O(n + m), about 100·(n + m) bytes; the cost is never copied.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (n or m is 0), `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_emd_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_emd_workspace_size_f64[], otc_status, (Ptr{otc_emd_problem_f64}, Ptr{otc_emd_options}, Ptr{Csize_t}), problem, opts, bytes)

# Exact optimal transport between histograms `a` (n) and `b` (m) for the n × m cost, by the
# network simplex (LEMON's Block Search pricing, strongly feasible trees), in double
# precision, on the calling thread. Optimality is certified by the duals: `out->gap` is the
# most negative reduced cost over all n·m arcs. Time O(pivots · (√(n·m) + tree path));
# workspace O(n + m) from `otc_emd_workspace_size_f64` (or `{NULL, 0}`: allocated).
#
# Zero-weight rows and columns are allowed (removed, then given the largest feasible duals).
# Masses must agree within `opts->mass_tolerance`; b is then rescaled to a's mass.
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (the plan is feasible, `out->gap` says how far
# from optimal); `OTC_WARN_CANCELLED` (the callback stopped the solve: the same feasible
# outputs as after `max_iter`); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
# `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative weights or costs, costs so large
# that the potentials would overflow, a bad `mass_tolerance`), `OTC_ERR_MASS_MISMATCH`
# (naming the heavier side), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_emd_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_f64(problem, out, opts, work) =
    ccall(_otc_emd_f64[], otc_status, (Ptr{otc_emd_problem_f64}, Ptr{otc_emd_outputs_f64}, Ptr{otc_emd_options}, otc_workspace), problem, out, opts, work)

# Writes the default options of `otc_emd_batch_f64` into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_emd_batch_options`.
const _otc_emd_batch_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_batch_options_default(opts) =
    ccall(_otc_emd_batch_options_default[], otc_status, (Ptr{otc_emd_batch_options},), opts)

# Bytes of workspace `otc_emd_batch_f64` needs for `problem` (its count, n and m) with
# `opts` (NULL: defaults): about 100·(n + m) bytes per worker (`min(threads, count)`
# workers) plus 80 bytes per problem.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (count, n or m is 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_emd_batch_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_batch_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_emd_batch_workspace_size_f64[], otc_status, (Ptr{otc_emd_batch_problem_f64}, Ptr{otc_emd_batch_options}, Ptr{Csize_t}), problem, opts, bytes)

# Solves the k transport problems of `problem` exactly, each by the network simplex of
# `otc_emd_f64` on one thread; `opts->num_threads` workers share the problems (results
# identical for every thread count). Every problem is validated before anything is solved.
# Time: k times that of `otc_emd_f64`, over the workers; workspace from
# `otc_emd_batch_workspace_size_f64` (or `{NULL, 0}`: allocated).
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (`out->capped` problems reached `max_iter`; their
# plans are feasible); `OTC_WARN_CANCELLED` (the callback stopped the batch: see
# `otc_emd_batch_options.callback` for what the skipped problems' outputs hold); the errors of `otc_emd_f64`, the message naming the problem; nothing
# is written on an error.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_emd_batch_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_emd_batch_f64(problem, out, opts, work) =
    ccall(_otc_emd_batch_f64[], otc_status, (Ptr{otc_emd_batch_problem_f64}, Ptr{otc_emd_batch_outputs_f64}, Ptr{otc_emd_batch_options}, otc_workspace), problem, out, opts, work)

# Writes the default options of `otc_wasserstein_1d_f64` into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_wasserstein_1d_options`.
const _otc_wasserstein_1d_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_wasserstein_1d_options_default(opts) =
    ccall(_otc_wasserstein_1d_options_default[], otc_status, (Ptr{otc_wasserstein_1d_options},), opts)

# Bytes of workspace `otc_wasserstein_1d_f64` needs for `problem` (its n and m) with `opts`
# (NULL: defaults): two index arrays, O(n + m).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (n or m is 0), `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_wasserstein_1d_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_wasserstein_1d_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_wasserstein_1d_workspace_size_f64[], otc_status, (Ptr{otc_wasserstein_1d_problem_f64}, Ptr{otc_wasserstein_1d_options}, Ptr{Csize_t}), problem, opts, bytes)

# Exact optimal transport on the line for the cost |x − y|^p, p ≥ 1: the monotone
# (north-west corner on sorted samples) plan is optimal. Writes `out->wp_p` and, when wanted,
# the plan. Samples are sorted through index arrays in the workspace (the inputs are never
# reordered). Time O((n + m) log(n + m)), O(n + m) for sorted samples; workspace from
# `otc_wasserstein_1d_workspace_size_f64` (or `{NULL, 0}`: allocated).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (p < 1,
# negative weights), `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_wasserstein_1d_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_wasserstein_1d_f64(problem, out, opts, work) =
    ccall(_otc_wasserstein_1d_f64[], otc_status, (Ptr{otc_wasserstein_1d_problem_f64}, Ptr{otc_wasserstein_1d_outputs_f64}, Ptr{otc_wasserstein_1d_options}, otc_workspace), problem, out, opts, work)

# Writes the default options of `otc_sliced_wasserstein_f64` into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_sliced_wasserstein_options`.
const _otc_sliced_wasserstein_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_sliced_wasserstein_options_default(opts) =
    ccall(_otc_sliced_wasserstein_options_default[], otc_status, (Ptr{otc_sliced_wasserstein_options},), opts)

# Bytes of workspace `otc_sliced_wasserstein_f64` needs for `problem` (the sizes of its
# views) with `opts` (NULL: defaults): per worker (`min(threads, k)` of them) the
# projections, sort indices and a direction, 16·(n + m) + 8·d bytes, plus 8 bytes per
# direction.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_sliced_wasserstein_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sliced_wasserstein_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_sliced_wasserstein_workspace_size_f64[], otc_status, (Ptr{otc_sliced_wasserstein_problem_f64}, Ptr{otc_sliced_wasserstein_options}, Ptr{Csize_t}), problem, opts, bytes)

# Sliced Wasserstein SW_p^p between two weighted point clouds: the mean over k directions of
# the exact 1-D transport cost of the projections (see `otc_wasserstein_1d_f64`). Threads
# (`opts->num_threads`) split the directions; the result is identical for every thread
# count. Time O(k (n + m)(d + log(n + m))); workspace from
# `otc_sliced_wasserstein_workspace_size_f64` (or `{NULL, 0}`: allocated).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (no direction, dimensions that disagree),
# `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (p < 1, negative weights),
# `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_sliced_wasserstein_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sliced_wasserstein_f64(problem, out, opts, work) =
    ccall(_otc_sliced_wasserstein_f64[], otc_status, (Ptr{otc_sliced_wasserstein_problem_f64}, Ptr{otc_sliced_wasserstein_outputs_f64}, Ptr{otc_sliced_wasserstein_options}, otc_workspace), problem, out, opts, work)

# Writes the default options of `otc_wasserstein_flow_step_f64` into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_wasserstein_flow_step_options`.
const _otc_wasserstein_flow_step_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_wasserstein_flow_step_options_default(opts) =
    ccall(_otc_wasserstein_flow_step_options_default[], otc_status, (Ptr{otc_wasserstein_flow_step_options},), opts)

# Bytes of workspace `otc_wasserstein_flow_step_f64` needs for `problem` (its shapes) with
# `opts` (NULL: defaults): O((n + m)·d).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_wasserstein_flow_step_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_wasserstein_flow_step_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_wasserstein_flow_step_workspace_size_f64[], otc_status, (Ptr{otc_wasserstein_flow_step_problem_f64}, Ptr{otc_wasserstein_flow_step_options}, Ptr{Csize_t}), problem, opts, bytes)

# One explicit Euler step of the Lagrangian Wasserstein gradient flow of the particles
# α = Σ a_i δ_{x_i} toward the target β = Σ b_j δ_{y_j} (notebooks 3 and 7 of G. Peyré's
# ot4ml course): `x_i ← x_i − τ ∇_{x_i} S_ε(α, β) / a_i`, S_ε the Sinkhorn divergence for the
# squared Euclidean cost (as `otc_sinkhorn_divergence_f64`; ∇_{x_i}S_ε/a_i =
# 2(T_xx(x_i) − T_xy(x_i)), the barycentric maps of OT_ε(α, α) and OT_ε(α, β)). Writes the
# new particles to `out->x`, S_ε before the step to `out->divergence` and, when wanted, the
# three solves' potentials to `out->potentials`: passed back as `problem->init_potentials`,
# they warm-start the next step (a loop keeps two buffers for x and two for the potentials
# and swaps them). Time O(iterations · (n + m)² · d), memory O((n + m)·d): no n × m matrix.
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (a solve reached max_iter; outputs valid);
# `OTC_WARN_CANCELLED` (the callback stopped a solve; outputs from the potentials reached);
# `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
# `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (a weight of a ≤ 0, negative b, step,
# ε, tolerance), `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_NUMERICAL` (the step overflowed),
# `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
# bytes); every non-NULL pointer and view in them is valid for its stated size;
# `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
const _otc_wasserstein_flow_step_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_wasserstein_flow_step_f64(problem, out, opts, work) =
    ccall(_otc_wasserstein_flow_step_f64[], otc_status, (Ptr{otc_wasserstein_flow_step_problem_f64}, Ptr{otc_wasserstein_flow_step_outputs_f64}, Ptr{otc_wasserstein_flow_step_options}, otc_workspace), problem, out, opts, work)

# Writes the default options of `otc_mmd_flow_step_f64` into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_mmd_flow_step_options`.
const _otc_mmd_flow_step_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_mmd_flow_step_options_default(opts) =
    ccall(_otc_mmd_flow_step_options_default[], otc_status, (Ptr{otc_mmd_flow_step_options},), opts)

# Bytes of workspace `otc_mmd_flow_step_f64` needs for `problem` (its shapes): O(n·d + m).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_mmd_flow_step_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_mmd_flow_step_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_mmd_flow_step_workspace_size_f64[], otc_status, (Ptr{otc_mmd_flow_step_problem_f64}, Ptr{otc_mmd_flow_step_options}, Ptr{Csize_t}), problem, opts, bytes)

# One explicit Euler step of the MMD particle flow (notebook 7 of the ot4ml course):
# `x_i ← x_i − τ ∇_{x_i} MMD²_k(α, β) / a_i = x_i − 2τ (Σ_j a_j ∇₁k(x_i, x_j) − Σ_j b_j
# ∇₁k(x_i, y_j))` for the energy-distance kernel −|x − y| (its gradient taken as 0 at
# x = y) or the Gaussian kernel of bandwidth σ. Writes the new particles to `out->x`,
# MMD² before the step to `out->mmd_squared` and the target's constant term to
# `out->target_term` (pass it back as `problem->target_term`: the step is then O((n + m)·n·d);
# without it the term costs O(m²·d) more). No n × m memory; the particles' rows are split
# in fixed blocks across threads (the same bits for every `num_threads`).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (a weight
# of a ≤ 0, negative b, step, σ, an unknown kernel), `OTC_ERR_NUMERICAL` (the step
# overflowed), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
# bytes); every non-NULL pointer and view in them is valid for its stated size;
# `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
const _otc_mmd_flow_step_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_mmd_flow_step_f64(problem, out, opts, work) =
    ccall(_otc_mmd_flow_step_f64[], otc_status, (Ptr{otc_mmd_flow_step_problem_f64}, Ptr{otc_mmd_flow_step_outputs_f64}, Ptr{otc_mmd_flow_step_options}, otc_workspace), problem, out, opts, work)

# Writes the default options of `otc_jko_step_f64` into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_jko_step_options`.
const _otc_jko_step_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_jko_step_options_default(opts) =
    ccall(_otc_jko_step_options_default[], otc_status, (Ptr{otc_jko_step_options},), opts)

# Bytes of workspace `otc_jko_step_f64` needs for `problem` (its grid): `7hw + h + 2w +
# 2(h² + w²)` doubles.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_jko_step_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_jko_step_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_jko_step_workspace_size_f64[], otc_status, (Ptr{otc_jko_step_problem_f64}, Ptr{otc_jko_step_options}, Ptr{Csize_t}), problem, opts, bytes)

# One step of the entropic JKO scheme (G. Peyré, "Entropic approximation of Wasserstein
# gradient flows", SIAM J. Imaging Sci. 2015) on the h × w grid of the unit square
# (pixel (r, c) at (r/(h − 1), c/(w − 1))): `ρ_{k+1} = argmin_ρ W_ε(ρ, ρ_k) + τ F(ρ)` with
# `F(ρ) = Σ ρ log ρ + Σ V ρ` (the heat flow for V = 0, Fokker–Planck `∂ρ = Δρ + ∇·(ρ∇V)`
# otherwise) and W_ε the entropic transport cost for `½|x − y|²` (so a Gaussian's
# variance grows by ≈ 2τ per step and axis under the heat flow, plus ≈ ε of entropic
# blur). The paper's scaling iterations `v ← log ρ_k − log K e^u`,
# `u ← −τ/(τ + ε)·(log K e^v + 1 + V)`, a contraction of factor τ/(τ + ε), each `log K e^·`
# the separable log-convolution of `otc_convolutional_barycenter_f64` (two matmuls, `O(hw(h + w))`).
# `out->rho_next` has the mass of ρ_k (up to rounding). The same bits for every
# `num_threads`.
#
# Warm start: the iterations start from `problem->init_dual` (NULL: u = 0) and, when
# `out->dual` is set, leave the final u there; a time loop passing each step's dual back
# as the next step's `init_dual` (two buffers, swapped) saves about
# `log(‖u₀ − u*‖/‖u_prev − u*‖)/log((τ + ε)/τ)` iterations per step. `out->rho_next` does
# not depend on the start, up to `tol`.
#
# Progress: `opts->callback` (when set) receives `(iterations, error)` every
# `opts->callback_every` iterations, on the calling thread.
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tol not met; outputs valid);
# `OTC_WARN_CANCELLED` (outputs valid: the iterate reached); `OTC_ERR_NULL_POINTER`,
# `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`,
# `OTC_ERR_INVALID_ARGUMENT` (ε, step, tol, max_iter, negative or zero-sum ρ),
# `OTC_ERR_NUMERICAL` (the density or the dual overflowed), `OTC_ERR_ALIASING`,
# `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer on the calling thread's first product above 16³ multiply-adds (once
# h·w·max(h, w) > 4096), as `otc_convolutional_barycenter_f64`: see docs/abi.md, Memory.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
# bytes); every non-NULL pointer in them is valid for its stated length; `work.data` is
# NULL or valid for `work.bytes` bytes and overlaps no argument.
const _otc_jko_step_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_jko_step_f64(problem, out, opts, work) =
    ccall(_otc_jko_step_f64[], otc_status, (Ptr{otc_jko_step_problem_f64}, Ptr{otc_jko_step_outputs_f64}, Ptr{otc_jko_step_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_bures_options`.
const _otc_bures_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_bures_options_default(opts) =
    ccall(_otc_bures_options_default[], otc_status, (Ptr{otc_bures_options},), opts)

# Bytes of workspace `otc_bures_f64` needs: about 5·d² doubles plus faer's eigensolver
# scratch. Reads the sizes of `problem->sigma1` only.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (sigma1 not square or empty), `OTC_ERR_OVERFLOW` (d > 2^26).
#
# # Safety
# `problem` and `opts` are NULL or valid structs of at least their `struct_size` bytes;
# `bytes` valid for writes.
const _otc_bures_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_bures_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_bures_workspace_size_f64[], otc_status, (Ptr{otc_bures_problem_f64}, Ptr{otc_bures_options}, Ptr{Csize_t}), problem, opts, bytes)

# Squared Bures distance B²(Σ₁, Σ₂) = tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½ between two
# symmetric PSD d×d matrices, into `out->bures_squared`. Cholesky factors (clamped
# eigendecompositions for singular inputs) and the eigenvalues of a congruence; close
# covariances are recomputed as a sum of squares, without cancellation. O(d³).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (not square, different sizes), `OTC_ERR_NON_FINITE`,
# `OTC_ERR_NOT_PSD` (not symmetric or indefinite beyond the tolerances),
# `OTC_ERR_INVALID_ARGUMENT` (a negative or non-finite tolerance), `OTC_ERR_INVALID_STRIDE`,
# `OTC_ERR_ALIASING` (`out` overlaps an input), `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`,
# `OTC_ERR_NUMERICAL`. On an error nothing is written.
#
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
# decompositions at larger d): see docs/abi.md, Memory.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs of at least their `struct_size` bytes;
# every view in them addresses readable memory; `work.data` is NULL or valid for
# `work.bytes` bytes and overlaps no argument.
const _otc_bures_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_bures_f64(problem, out, opts, work) =
    ccall(_otc_bures_f64[], otc_status, (Ptr{otc_bures_problem_f64}, Ptr{otc_bures_outputs_f64}, Ptr{otc_bures_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_gaussian_w2_options`.
const _otc_gaussian_w2_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_w2_options_default(opts) =
    ccall(_otc_gaussian_w2_options_default[], otc_status, (Ptr{otc_gaussian_w2_options},), opts)

# Bytes of workspace `otc_gaussian_w2_f64` needs (that of `otc_bures_f64`). Reads the sizes
# of `problem->sigma1` only.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
#
# # Safety
# `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
const _otc_gaussian_w2_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_w2_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_gaussian_w2_workspace_size_f64[], otc_status, (Ptr{otc_gaussian_w2_problem_f64}, Ptr{otc_gaussian_w2_options}, Ptr{Csize_t}), problem, opts, bytes)

# Squared 2-Wasserstein distance between N(m1, Σ₁) and N(m2, Σ₂) in dimension d (from the
# size of Σ₁): W₂² = ‖m1 − m2‖² + B²(Σ₁, Σ₂), into `out->w2_squared`. O(d³).
#
# Statuses: as `otc_bures_f64`, and `OTC_ERR_NON_FINITE` for a non-finite mean entry.
# On an error nothing is written.
#
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
# decompositions at larger d): see docs/abi.md, Memory.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs; `problem->m1`, `m2` point to d
# doubles; views address readable memory; `work.data` is NULL or valid for `work.bytes`
# bytes and overlaps no argument.
const _otc_gaussian_w2_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_w2_f64(problem, out, opts, work) =
    ccall(_otc_gaussian_w2_f64[], otc_status, (Ptr{otc_gaussian_w2_problem_f64}, Ptr{otc_gaussian_w2_outputs_f64}, Ptr{otc_gaussian_w2_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_gaussian_entropic_w2_options`.
const _otc_gaussian_entropic_w2_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_entropic_w2_options_default(opts) =
    ccall(_otc_gaussian_entropic_w2_options_default[], otc_status, (Ptr{otc_gaussian_entropic_w2_options},), opts)

# Bytes of workspace `otc_gaussian_entropic_w2_f64` needs (that of `otc_bures_f64`). Reads
# the sizes of `problem->sigma1` only.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
#
# # Safety
# `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
const _otc_gaussian_entropic_w2_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_entropic_w2_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_gaussian_entropic_w2_workspace_size_f64[], otc_status, (Ptr{otc_gaussian_entropic_w2_problem_f64}, Ptr{otc_gaussian_entropic_w2_options}, Ptr{Csize_t}), problem, opts, bytes)

# Entropic OT cost between N(m1, Σ₁) and N(m2, Σ₂) with regularisation ε = 2σ² > 0,
# OT_ε = min_π E‖x − y‖² + ε·KL(π‖α⊗β), in closed form (Janati et al. 2020), into
# `out->cost`. O(d³).
#
# Statuses: as `otc_gaussian_w2_f64`, and `OTC_ERR_INVALID_ARGUMENT` when ε is not finite
# and > 0. On an error nothing is written.
#
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
# decompositions at larger d): see docs/abi.md, Memory.
#
# # Safety
# As `otc_gaussian_w2_f64`.
const _otc_gaussian_entropic_w2_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_entropic_w2_f64(problem, out, opts, work) =
    ccall(_otc_gaussian_entropic_w2_f64[], otc_status, (Ptr{otc_gaussian_entropic_w2_problem_f64}, Ptr{otc_gaussian_entropic_w2_outputs_f64}, Ptr{otc_gaussian_entropic_w2_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_gaussian_w2_pairwise_options`.
const _otc_gaussian_w2_pairwise_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_w2_pairwise_options_default(opts) =
    ccall(_otc_gaussian_w2_pairwise_options_default[], otc_status, (Ptr{otc_gaussian_w2_pairwise_options},), opts)

# Bytes of workspace `otc_gaussian_w2_pairwise_f64` needs: the k₁ + k₂ factors
# ((k₁ + k₂)·(d² + 1) doubles), k₁·k₂ results, and one eigensolver scratch per slot
# (min(pairs, 4·threads) slots). Depends on the sizes of the means views and the thread
# count (resolved, no pool is started).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
const _otc_gaussian_w2_pairwise_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_w2_pairwise_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_gaussian_w2_pairwise_workspace_size_f64[], otc_status, (Ptr{otc_gaussian_w2_pairwise_problem_f64}, Ptr{otc_gaussian_w2_pairwise_options}, Ptr{Csize_t}), problem, opts, bytes)

# All squared W₂ distances between a batch of k₁ Gaussians and a batch of k₂, into
# `out->w2_squared` (k₁×k₂). Each covariance is factored once; the pairs run in fixed runs
# over the threads (identical results for every thread count). O((k₁ + k₂ + k₁k₂)·d³).
#
# Statuses: as `otc_gaussian_w2_f64` (messages name `problem->covs1[i]` etc.).
# On an error nothing is written, except that `out->w2_squared` may hold partial results
# when a covariance is found not PSD after the first runs.
#
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
# decompositions at larger d): see docs/abi.md, Memory.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs; `covs1`/`covs2` point to k₁/k₂ views;
# every view addresses readable memory (the output writable); `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_gaussian_w2_pairwise_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_w2_pairwise_f64(problem, out, opts, work) =
    ccall(_otc_gaussian_w2_pairwise_f64[], otc_status, (Ptr{otc_gaussian_w2_pairwise_problem_f64}, Ptr{otc_gaussian_w2_pairwise_outputs_f64}, Ptr{otc_gaussian_w2_pairwise_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_gaussian_map_options`.
const _otc_gaussian_map_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_map_options_default(opts) =
    ccall(_otc_gaussian_map_options_default[], otc_status, (Ptr{otc_gaussian_map_options},), opts)

# Bytes of workspace `otc_gaussian_map_f64` needs: about 7·d² doubles plus faer's
# eigensolver and SVD scratch. Reads the sizes of `problem->sigma1` only.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
#
# # Safety
# `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
const _otc_gaussian_map_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_map_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_gaussian_map_workspace_size_f64[], otc_status, (Ptr{otc_gaussian_map_problem_f64}, Ptr{otc_gaussian_map_options}, Ptr{Csize_t}), problem, opts, bytes)

# The optimal (Monge) map T(x) = A x + b from N(m1, Σ₁) to N(m2, Σ₂):
# A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½ (d×d, symmetric PSD, A Σ₁ A = Σ₂) into `out->a`, and
# b = m2 − A m1 into `out->b` (optional). A rank-deficient Σ₁ gives the pseudo-inverse map
# (ker Σ₁ is sent to 0) and `OTC_WARN_SINGULAR`. O(d³).
#
# Statuses: `OTC_OK`, `OTC_WARN_SINGULAR`; the errors of `otc_gaussian_w2_f64`.
# On an error nothing is written.
#
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
# decompositions at larger d): see docs/abi.md, Memory.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs; the means NULL or d readable doubles,
# `out->b` NULL or d writable doubles; views address valid memory; `work.data` is NULL or
# valid for `work.bytes` bytes and overlaps no argument.
const _otc_gaussian_map_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_map_f64(problem, out, opts, work) =
    ccall(_otc_gaussian_map_f64[], otc_status, (Ptr{otc_gaussian_map_problem_f64}, Ptr{otc_gaussian_map_outputs_f64}, Ptr{otc_gaussian_map_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_gaussian_map_apply_options`.
const _otc_gaussian_map_apply_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_map_apply_options_default(opts) =
    ccall(_otc_gaussian_map_apply_options_default[], otc_status, (Ptr{otc_gaussian_map_apply_options},), opts)

# Bytes of workspace `otc_gaussian_map_apply_f64` needs: d doubles. Reads the sizes of
# `problem->a` only.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
#
# # Safety
# `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
const _otc_gaussian_map_apply_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_map_apply_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_gaussian_map_apply_workspace_size_f64[], otc_status, (Ptr{otc_gaussian_map_apply_problem_f64}, Ptr{otc_gaussian_map_apply_options}, Ptr{Csize_t}), problem, opts, bytes)

# Applies x ↦ A x + b to the n points in the rows of `problem->x` (n×d), writing the rows of
# `out->y` (n×d). One matrix product, O(n·d²).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE` (in a, b or x), `OTC_ERR_INVALID_STRIDE`,
# `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
# `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
#
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
# decompositions at larger d): see docs/abi.md, Memory.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs; `problem->b` NULL or d readable
# doubles; views address valid memory; `work.data` is NULL or valid for `work.bytes` bytes
# and overlaps no argument.
const _otc_gaussian_map_apply_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_map_apply_f64(problem, out, opts, work) =
    ccall(_otc_gaussian_map_apply_f64[], otc_status, (Ptr{otc_gaussian_map_apply_problem_f64}, Ptr{otc_gaussian_map_apply_outputs_f64}, Ptr{otc_gaussian_map_apply_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_gaussian_geodesic_options`.
const _otc_gaussian_geodesic_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_geodesic_options_default(opts) =
    ccall(_otc_gaussian_geodesic_options_default[], otc_status, (Ptr{otc_gaussian_geodesic_options},), opts)

# Bytes of workspace `otc_gaussian_geodesic_f64` needs: about 9·d² doubles plus faer's
# eigensolver and SVD scratch. Reads the sizes of `problem->sigma1` only.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
#
# # Safety
# `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
const _otc_gaussian_geodesic_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_geodesic_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_gaussian_geodesic_workspace_size_f64[], otc_status, (Ptr{otc_gaussian_geodesic_problem_f64}, Ptr{otc_gaussian_geodesic_options}, Ptr{Csize_t}), problem, opts, bytes)

# The point at time t of the W₂ geodesic (McCann interpolant) from N(m1, Σ₁) to N(m2, Σ₂):
# mean (1−t) m1 + t m2 into `out->mean` (optional) and covariance K Σ₁ K, K = (1−t) I + t A
# (A the optimal map), into `out->cov`. A rank-deficient Σ₁ uses the pseudo-inverse map
# (`OTC_WARN_SINGULAR`). O(d³).
#
# Statuses: `OTC_OK`, `OTC_WARN_SINGULAR`; the errors of `otc_gaussian_w2_f64`, and
# `OTC_ERR_INVALID_ARGUMENT` when t is not in [0, 1]. On an error nothing is written.
#
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
# decompositions at larger d): see docs/abi.md, Memory.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs; the means d readable doubles,
# `out->mean` NULL or d writable doubles; views address valid memory; `work.data` is NULL
# or valid for `work.bytes` bytes and overlaps no argument.
const _otc_gaussian_geodesic_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_geodesic_f64(problem, out, opts, work) =
    ccall(_otc_gaussian_geodesic_f64[], otc_status, (Ptr{otc_gaussian_geodesic_problem_f64}, Ptr{otc_gaussian_geodesic_outputs_f64}, Ptr{otc_gaussian_geodesic_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_gaussian_barycenter_options`.
const _otc_gaussian_barycenter_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_barycenter_options_default(opts) =
    ccall(_otc_gaussian_barycenter_options_default[], otc_status, (Ptr{otc_gaussian_barycenter_options},), opts)

# Bytes of workspace `otc_gaussian_barycenter_f64` needs: about 6·d² doubles, faer's
# eigensolver scratch, and 6·k + 2·d words. Reads the sizes of `problem->means` only.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
const _otc_gaussian_barycenter_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_barycenter_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_gaussian_barycenter_workspace_size_f64[], otc_status, (Ptr{otc_gaussian_barycenter_problem_f64}, Ptr{otc_gaussian_barycenter_options}, Ptr{Csize_t}), problem, opts, bytes)

# The W₂ barycenter N(m, Σ) of k Gaussians with weights w: m = Σₖ wₖ mₖ / Σw into
# `out->mean` (optional) and Σ, the fixed point of Álvarez-Esteban et al. (2016),
# Σ ← Σ^−½ (Σₖ wₖ (Σ^½ Σₖ Σ^½)^½)² Σ^−½ started at Σₖ wₖ Σₖ, into `out->cov`. Stops when
# the estimated relative error is at most `opts->tol`, unconverged at `opts->max_iter`
# (`OTC_WARN_MAX_ITER`, the last iterate returned) or when the steps stall at rounding
# level, or when `opts->callback` asks to stop (`OTC_WARN_CANCELLED`, the current iterate
# returned). O(iterations·k·d³).
#
# Statuses: `OTC_OK`, `OTC_WARN_MAX_ITER`, `OTC_WARN_CANCELLED`, `OTC_WARN_SINGULAR` (the
# barycenter is rank-deficient); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_NOT_PSD`,
# `OTC_ERR_INVALID_ARGUMENT` (negative weights, weights summing to 0, bad tolerances,
# max_iter 0), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`,
# `OTC_ERR_NUMERICAL`. On an error nothing is written.
#
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
# decompositions at larger d): see docs/abi.md, Memory.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs; `problem->covs` points to k views,
# `problem->weights` NULL or k doubles, `out->mean` NULL or d writable doubles; views
# address valid memory; `work.data` is NULL or valid for `work.bytes` bytes and overlaps no
# argument.
const _otc_gaussian_barycenter_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_barycenter_f64(problem, out, opts, work) =
    ccall(_otc_gaussian_barycenter_f64[], otc_status, (Ptr{otc_gaussian_barycenter_problem_f64}, Ptr{otc_gaussian_barycenter_outputs_f64}, Ptr{otc_gaussian_barycenter_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_gaussian_moments_options`.
const _otc_gaussian_moments_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_moments_options_default(opts) =
    ccall(_otc_gaussian_moments_options_default[], otc_status, (Ptr{otc_gaussian_moments_options},), opts)

# Bytes of workspace `otc_gaussian_moments_f64` needs: one n×d temporary (the centred
# points) and d doubles. Reads the sizes of `problem->x` only.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
const _otc_gaussian_moments_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_moments_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_gaussian_moments_workspace_size_f64[], otc_status, (Ptr{otc_gaussian_moments_problem_f64}, Ptr{otc_gaussian_moments_options}, Ptr{Csize_t}), problem, opts, bytes)

# Weighted mean (into `out->mean`, optional) and covariance (into `out->cov`, normalised by
# Σw: the maximum-likelihood estimate) of the n points in the rows of `problem->x`.
# One matrix product, O(n·d²).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative
# weights, weights summing to 0), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
# `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
# `OTC_ERR_THREADS`. On an error nothing is written.
#
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
# decompositions at larger d): see docs/abi.md, Memory.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs; `problem->weights` NULL or n doubles,
# `out->mean` NULL or d writable doubles; views address valid memory; `work.data` is NULL
# or valid for `work.bytes` bytes and overlaps no argument.
const _otc_gaussian_moments_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_gaussian_moments_f64(problem, out, opts, work) =
    ccall(_otc_gaussian_moments_f64[], otc_status, (Ptr{otc_gaussian_moments_problem_f64}, Ptr{otc_gaussian_moments_outputs_f64}, Ptr{otc_gaussian_moments_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_psd_sqrt_options`.
const _otc_psd_sqrt_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_psd_sqrt_options_default(opts) =
    ccall(_otc_psd_sqrt_options_default[], otc_status, (Ptr{otc_psd_sqrt_options},), opts)

# Bytes of workspace `otc_psd_sqrt_f64` needs: 2·d² doubles plus faer's eigensolver
# scratch. Reads the sizes of `problem->a` only.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
#
# # Safety
# `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
const _otc_psd_sqrt_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_psd_sqrt_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_psd_sqrt_workspace_size_f64[], otc_status, (Ptr{otc_psd_sqrt_problem_f64}, Ptr{otc_psd_sqrt_options}, Ptr{Csize_t}), problem, opts, bytes)

# Σ^½ (into `out->sqrt`) and the pseudo-inverse square root (Σ⁺)^½ (into `out->inv_sqrt`) of
# a symmetric PSD d×d matrix by its eigendecomposition, eigenvalues clamped at 0; for the
# inverse, eigenvalues ≤ rank_tol·λmax count as 0 (`OTC_WARN_SINGULAR`). O(d³).
#
# Statuses: `OTC_OK`, `OTC_WARN_SINGULAR`; `OTC_ERR_NULL_POINTER` (also when neither output
# is wanted), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`,
# `OTC_ERR_NOT_PSD`, `OTC_ERR_INVALID_ARGUMENT`, `OTC_ERR_INVALID_STRIDE`,
# `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
# `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`, `OTC_ERR_NUMERICAL`. On an error nothing is
# written.
#
# Allocation with a caller workspace: none, except faer's per-thread matrix-product
# buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
# above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
# decompositions at larger d): see docs/abi.md, Memory.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs; views address valid memory;
# `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
const _otc_psd_sqrt_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_psd_sqrt_f64(problem, out, opts, work) =
    ccall(_otc_psd_sqrt_f64[], otc_status, (Ptr{otc_psd_sqrt_problem_f64}, Ptr{otc_psd_sqrt_outputs_f64}, Ptr{otc_psd_sqrt_options}, otc_workspace), problem, out, opts, work)

# Writes the default options (0 threads, squared Euclidean, p = 2) into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_plan_position_gradient_options`.
const _otc_plan_position_gradient_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_plan_position_gradient_options_default(opts) =
    ccall(_otc_plan_position_gradient_options_default[], otc_status, (Ptr{otc_plan_position_gradient_options},), opts)

# Bytes of workspace `otc_plan_position_gradient_f64` needs: always 0 (it uses none).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_plan_position_gradient_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_plan_position_gradient_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_plan_position_gradient_workspace_size_f64[], otc_status, (Ptr{otc_plan_position_gradient_problem_f64}, Ptr{otc_plan_position_gradient_options}, Ptr{Csize_t}), problem, opts, bytes)

# The gradient of the plan's cost `Σ_ij P_ij c(x_i, y_j)` with respect to the points, for the
# metric of `opts`: `out->gx` (n × d) and `out->gy` (m × d), each when wanted. For an optimal
# plan of exact OT (`otc_emd_f64` with the cost matrix of the same metric) this is the
# gradient of the exact OT value in the positions where the optimal plan is unique (Danskin;
# a supergradient elsewhere); the gradient in the weights is the centred duals `f`, `g` the
# solver writes. For an entropic plan it is the gradient of ⟨P, C⟩ at fixed P. At coincident
# points the Euclidean and Minkowski costs, and at a zero vector the cosine cost, are not
# differentiable: such pairs contribute 0. O(entries · d) (n·m entries for a dense plan), on
# the calling thread, no workspace.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (no plan, or both forms, or part of the
# sparse triplet), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
# `OTC_ERR_INVALID_ARGUMENT` (an entry outside n × m, a negative mass, the metric or p),
# `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_plan_position_gradient_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_plan_position_gradient_f64(problem, out, opts, work) =
    ccall(_otc_plan_position_gradient_f64[], otc_status, (Ptr{otc_plan_position_gradient_problem_f64}, Ptr{otc_plan_position_gradient_outputs_f64}, Ptr{otc_plan_position_gradient_options}, otc_workspace), problem, out, opts, work)

# Writes the default options (0 threads) into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_displacement_interpolation_options`.
const _otc_displacement_interpolation_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_displacement_interpolation_options_default(opts) =
    ccall(_otc_displacement_interpolation_options_default[], otc_status, (Ptr{otc_displacement_interpolation_options},), opts)

# Bytes of workspace `otc_displacement_interpolation_f64` needs: always 0 (it uses none).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_displacement_interpolation_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_displacement_interpolation_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_displacement_interpolation_workspace_size_f64[], otc_status, (Ptr{otc_displacement_interpolation_problem_f64}, Ptr{otc_displacement_interpolation_options}, Ptr{Csize_t}), problem, opts, bytes)

# McCann's displacement interpolation of a plan at time t: the measure
# `μ_t = Σ_k mass_k δ_{(1 − t) x_{i_k} + t y_{j_k}}`, one weighted point per plan entry. When
# the plan is optimal for the squared Euclidean cost (`otc_emd_f64` on the cost matrix of x
# and y), t ↦ μ_t is the W2 geodesic from (x, a) to (y, b); from an entropic plan it is its
# entropic counterpart. μ_0 carries x's masses and μ_1 y's (summed per point). O(K · d)
# (K = `plan_nnz`, or n·m for a dense plan), on the calling thread, no workspace.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (no plan, or both forms, or part of the sparse
# triplet), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (the outputs not K × d and
# K), `OTC_ERR_INVALID_ARGUMENT` (t outside [0, 1], an entry outside n × m, a negative mass),
# `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_displacement_interpolation_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_displacement_interpolation_f64(problem, out, opts, work) =
    ccall(_otc_displacement_interpolation_f64[], otc_status, (Ptr{otc_displacement_interpolation_problem_f64}, Ptr{otc_displacement_interpolation_outputs_f64}, Ptr{otc_displacement_interpolation_options}, otc_workspace), problem, out, opts, work)

# Writes the default options of `otc_quantile_1d_f64` into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_quantile_1d_options`.
const _otc_quantile_1d_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_quantile_1d_options_default(opts) =
    ccall(_otc_quantile_1d_options_default[], otc_status, (Ptr{otc_quantile_1d_options},), opts)

# Bytes of workspace `otc_quantile_1d_f64` needs for `problem` (its n and num_levels) with
# `opts` (NULL: defaults): an index array and the cumulative masses, O(n).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (n or num_levels is 0), `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_quantile_1d_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_quantile_1d_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_quantile_1d_workspace_size_f64[], otc_status, (Ptr{otc_quantile_1d_problem_f64}, Ptr{otc_quantile_1d_options}, Ptr{Csize_t}), problem, opts, bytes)

# The quantile function of the measure `Σ_j a_j δ_{x_j}` (normalised to mass 1) at each
# level: `out->quantiles[l] = Q(levels[l])`, `Q(u) = min{x_j : a_j > 0, F(x_j) ≥ u}` (the
# left-continuous inverse of the cumulative distribution F). On the line,
# `W_p^p(μ, ν) = ∫_0^1 |Q_μ − Q_ν|^p du` for unit masses. Time O((n + L) log n) for L
# levels, on the calling thread; workspace from `otc_quantile_1d_workspace_size_f64` (or
# `{NULL, 0}`: allocated).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative
# weights, a zero mass, a level outside [0, 1]), `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_quantile_1d_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_quantile_1d_f64(problem, out, opts, work) =
    ccall(_otc_quantile_1d_f64[], otc_status, (Ptr{otc_quantile_1d_problem_f64}, Ptr{otc_quantile_1d_outputs_f64}, Ptr{otc_quantile_1d_options}, otc_workspace), problem, out, opts, work)

# Writes the default options of `otc_barycenter_1d_f64` into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_barycenter_1d_options`.
const _otc_barycenter_1d_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_1d_options_default(opts) =
    ccall(_otc_barycenter_1d_options_default[], otc_status, (Ptr{otc_barycenter_1d_options},), opts)

# Bytes of workspace `otc_barycenter_1d_f64` needs for `problem` (its n and k) with `opts`
# (NULL: defaults): an index array (n) and O(k) per-measure state.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (k = 0 or k > n), `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_barycenter_1d_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_1d_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_barycenter_1d_workspace_size_f64[], otc_status, (Ptr{otc_barycenter_1d_problem_f64}, Ptr{otc_barycenter_1d_options}, Ptr{Csize_t}), problem, opts, bytes)

# The W_p barycenter of k weighted measures on the line with weights λ, in closed form: its
# quantile function is `Q(u) = argmin_y Σ_i λ_i |y − Q_i(u)|^p`, constant between the union of
# the breakpoints of the measures' quantile functions, so the barycenter is at most
# n − k + 1 weighted points, found by one merge of the sorted measures. p = 2: quantile
# averaging, `Σ λ_i Q_i(u) / Σ λ`; p = 1: the lower weighted median of the `Q_i(u)`; other p:
# the root of `Σ λ_i sign(y − Q_i)|y − Q_i|^(p−1)` by bisection to the last bit. McCann's
# displacement interpolation between two measures at time t is this call with k = 2,
# λ = (1 − t, t) and p = 2. Time O(n log n + n·c) with c = k for p = 2, k² for p = 1, up to
# 2100·k otherwise, on the calling thread; workspace from
# `otc_barycenter_1d_workspace_size_f64` (or `{NULL, 0}`: allocated).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (k = 0, k > n, sizes not summing to n, a measure without
# samples), `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (p < 1, negative weights or λ,
# a zero mass or Σλ = 0), `OTC_ERR_MASS_MISMATCH` (naming the measure), `OTC_ERR_ALIASING`,
# `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
# `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_barycenter_1d_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_1d_f64(problem, out, opts, work) =
    ccall(_otc_barycenter_1d_f64[], otc_status, (Ptr{otc_barycenter_1d_problem_f64}, Ptr{otc_barycenter_1d_outputs_f64}, Ptr{otc_barycenter_1d_options}, otc_workspace), problem, out, opts, work)

# Writes the default options (`num_threads = 0`) into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_laguerre_assign_options`.
const _otc_laguerre_assign_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_laguerre_assign_options_default(opts) =
    ccall(_otc_laguerre_assign_options_default[], otc_status, (Ptr{otc_laguerre_assign_options},), opts)

# Bytes of workspace `otc_laguerre_assign_f64` needs for `problem` (its sites' n×d):
# about `(n + 8)·(d + 1)` doubles. Depends on the sites' size only.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_laguerre_assign_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_laguerre_assign_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_laguerre_assign_workspace_size_f64[], otc_status, (Ptr{otc_laguerre_assign_problem_f64}, Ptr{otc_laguerre_assign_options}, Ptr{Csize_t}), problem, opts, bytes)

# As `otc_laguerre_assign_workspace_size_f64`, for `otc_laguerre_assign_f32`.
#
# # Safety
# As `otc_laguerre_assign_workspace_size_f64`.
const _otc_laguerre_assign_workspace_size_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_laguerre_assign_workspace_size_f32(problem, opts, bytes) =
    ccall(_otc_laguerre_assign_workspace_size_f32[], otc_status, (Ptr{otc_laguerre_assign_problem_f32}, Ptr{otc_laguerre_assign_options}, Ptr{Csize_t}), problem, opts, bytes)

# The Laguerre (power) cell of every point, double precision: `out->cells[i] = argmin_j
# |x_i − y_j|² − g_j` (ties: the smallest j) and, when wanted, the cell masses `out->masses`
# (the summed point weights, or 1/N per point without weights). SIMD over the sites,
# threaded over the points, bitwise identical for every thread count. Time `O(N n d)`;
# workspace from `otc_laguerre_assign_workspace_size_f64` (or `{NULL, 0}`: allocated).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (a size 0, points and sites of different dimensions),
# `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (a negative point weight),
# `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING` (an output overlaps an input or another
# output), `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
# `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_laguerre_assign_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_laguerre_assign_f64(problem, out, opts, work) =
    ccall(_otc_laguerre_assign_f64[], otc_status, (Ptr{otc_laguerre_assign_problem_f64}, Ptr{otc_laguerre_assign_outputs_f64}, Ptr{otc_laguerre_assign_options}, otc_workspace), problem, out, opts, work)

# The Laguerre cell of every point, single precision (masses summed in double): as
# `otc_laguerre_assign_f64`.
#
# # Safety
# As `otc_laguerre_assign_f64`.
const _otc_laguerre_assign_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_laguerre_assign_f32(problem, out, opts, work) =
    ccall(_otc_laguerre_assign_f32[], otc_status, (Ptr{otc_laguerre_assign_problem_f32}, Ptr{otc_laguerre_assign_outputs_f32}, Ptr{otc_laguerre_assign_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`: Newton, `max_iter` 1000, `tol` 1e-6, step and ε
# from the data, no callback, all threads.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_semidiscrete_options`.
const _otc_semidiscrete_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_options_default(opts) =
    ccall(_otc_semidiscrete_options_default[], otc_status, (Ptr{otc_semidiscrete_options},), opts)

# Bytes of workspace `otc_semidiscrete_f64` needs for `problem` (N points, n sites in
# dimension d) with `opts` (NULL: defaults): `O(N + n d)` for the gradient method, plus
# `O(n² + K n²)` doubles for Newton's Hessian and its K point chunks' partial sums.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_INVALID_ARGUMENT` (an
# unknown method), `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_semidiscrete_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_semidiscrete_workspace_size_f64[], otc_status, (Ptr{otc_semidiscrete_problem_f64}, Ptr{otc_semidiscrete_options}, Ptr{Csize_t}), problem, opts, bytes)

# As `otc_semidiscrete_workspace_size_f64`, for `otc_semidiscrete_f32`.
#
# # Safety
# As `otc_semidiscrete_workspace_size_f64`.
const _otc_semidiscrete_workspace_size_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_workspace_size_f32(problem, opts, bytes) =
    ccall(_otc_semidiscrete_workspace_size_f32[], otc_status, (Ptr{otc_semidiscrete_problem_f32}, Ptr{otc_semidiscrete_options}, Ptr{Csize_t}), problem, opts, bytes)

# Semi-discrete optimal transport for the squared Euclidean cost, double precision: finds
# the dual weights g of the Laguerre cells `{x : |x − y_j|² − g_j ≤ |x − y_k|² − g_k ∀k}`
# such that each cell holds the mass `b_j` of its site, by damped Newton on the entropic
# semi-dual with ε continuation (default) or gradient ascent on the hard semi-dual
# (`opts->method`). Per iteration `O(N n d)` (SIMD, threaded over fixed point chunks) plus
# `O(n³)` for Newton's system; bitwise identical for every thread count. Workspace from
# `otc_semidiscrete_workspace_size_f64` (or `{NULL, 0}`: allocated). The callback
# (`opts->callback`) sees the stopping measure at each convergence check.
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tolerance not met) and `OTC_WARN_CANCELLED` (the
# callback stopped the solve), both with the last iterate in the outputs;
# `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
# `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative weights, coincident sites that
# both have mass, an unknown method, tol <= 0, step or ε < 0, max_iter 0),
# `OTC_ERR_MASS_MISMATCH` (b and the point weights differ in total mass),
# `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_semidiscrete_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_f64(problem, out, opts, work) =
    ccall(_otc_semidiscrete_f64[], otc_status, (Ptr{otc_semidiscrete_problem_f64}, Ptr{otc_semidiscrete_outputs_f64}, Ptr{otc_semidiscrete_options}, otc_workspace), problem, out, opts, work)

# Semi-discrete OT in single precision (masses, errors and all sums in double): as
# `otc_semidiscrete_f64`.
#
# # Safety
# As `otc_semidiscrete_f64`.
const _otc_semidiscrete_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_f32(problem, out, opts, work) =
    ccall(_otc_semidiscrete_f32[], otc_status, (Ptr{otc_semidiscrete_problem_f32}, Ptr{otc_semidiscrete_outputs_f32}, Ptr{otc_semidiscrete_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`: 10000 iterations of batches of 64, step from the
# first batch, seed 0, no callback, all threads.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_semidiscrete_sgd_options`.
const _otc_semidiscrete_sgd_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_sgd_options_default(opts) =
    ccall(_otc_semidiscrete_sgd_options_default[], otc_status, (Ptr{otc_semidiscrete_sgd_options},), opts)

# Bytes of workspace `otc_semidiscrete_sgd_f64` needs for `problem` (n sites in dimension d;
# N samples when given as an array) with `opts` (NULL: defaults): `batch·d` values, `3n`
# doubles and the Laguerre kernel's `O(n d)`, plus N doubles for a sample array.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (also: neither source given),
# `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`,
# `OTC_ERR_INVALID_ARGUMENT` (both sources given, iterations or batch 0),
# `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_semidiscrete_sgd_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_sgd_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_semidiscrete_sgd_workspace_size_f64[], otc_status, (Ptr{otc_semidiscrete_sgd_problem_f64}, Ptr{otc_semidiscrete_sgd_options}, Ptr{Csize_t}), problem, opts, bytes)

# As `otc_semidiscrete_sgd_workspace_size_f64`, for `otc_semidiscrete_sgd_f32`.
#
# # Safety
# As `otc_semidiscrete_sgd_workspace_size_f64`.
const _otc_semidiscrete_sgd_workspace_size_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_sgd_workspace_size_f32(problem, opts, bytes) =
    ccall(_otc_semidiscrete_sgd_workspace_size_f32[], otc_status, (Ptr{otc_semidiscrete_sgd_problem_f32}, Ptr{otc_semidiscrete_sgd_options}, Ptr{Csize_t}), problem, opts, bytes)

# Averaged stochastic gradient ascent on the semi-dual (Genevay et al. 2016), double
# precision: each iteration draws a batch (from the sampler, or rows of the sample array by
# `point_weights` from a SplitMix64 stream seeded by `opts->seed`), assigns it to its
# Laguerre cells (SIMD, threaded) and steps `g ← g + γ₀/√k (b − h)`; `out->g` receives the
# average of the iterates, zero mean. Per iteration `O(batch · n · d)` (plus `O(batch ·
# log N)` to draw from an array). Deterministic for an array source: the same seed gives the
# same g for every thread count. Workspace from `otc_semidiscrete_sgd_workspace_size_f64`
# (or `{NULL, 0}`: allocated). The callback sees each batch's mass error.
#
# Statuses: `OTC_OK`; `OTC_WARN_CANCELLED` (the callback stopped it; g averages the
# iterates so far); `OTC_ERR_NULL_POINTER` (also: neither source given),
# `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE` (also a
# non-finite sample from the sampler), `OTC_ERR_INVALID_ARGUMENT` (both sources given, a
# sampler's nonzero return: "the sampler returned `<value>`", negative weights, iterations or
# batch 0, step < 0), `OTC_ERR_MASS_MISMATCH` (b does not sum to 1), `OTC_ERR_NUMERICAL`
# (an unusable automatic step, g overflowing), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
# `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
# `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; a sampler is a valid
# function writing `count × d` values; `work.data` is NULL or valid for `work.bytes` bytes and
# overlaps no argument.
const _otc_semidiscrete_sgd_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_sgd_f64(problem, out, opts, work) =
    ccall(_otc_semidiscrete_sgd_f64[], otc_status, (Ptr{otc_semidiscrete_sgd_problem_f64}, Ptr{otc_semidiscrete_sgd_outputs_f64}, Ptr{otc_semidiscrete_sgd_options}, otc_workspace), problem, out, opts, work)

# Averaged SGD in single precision (the iterates averaged in double), with a sampler writing
# floats: as `otc_semidiscrete_sgd_f64`.
#
# # Safety
# As `otc_semidiscrete_sgd_f64`.
const _otc_semidiscrete_sgd_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_semidiscrete_sgd_f32(problem, out, opts, work) =
    ccall(_otc_semidiscrete_sgd_f32[], otc_status, (Ptr{otc_semidiscrete_sgd_problem_f32}, Ptr{otc_semidiscrete_sgd_outputs_f32}, Ptr{otc_semidiscrete_sgd_options}, otc_workspace), problem, out, opts, work)

# Writes the default options into `opts`: `max_iter` 1000, `tol` 0 (to the fixed point), no
# callback, all threads.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_lloyd_options`.
const _otc_lloyd_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_lloyd_options_default(opts) =
    ccall(_otc_lloyd_options_default[], otc_status, (Ptr{otc_lloyd_options},), opts)

# Bytes of workspace `otc_lloyd_f64` needs for `problem` (N points, n sites in dimension d):
# N cell indices, `O(n d)` values and the Laguerre kernel's workspace.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_lloyd_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_lloyd_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_lloyd_workspace_size_f64[], otc_status, (Ptr{otc_lloyd_problem_f64}, Ptr{otc_lloyd_options}, Ptr{Csize_t}), problem, opts, bytes)

# As `otc_lloyd_workspace_size_f64`, for `otc_lloyd_f32`.
#
# # Safety
# As `otc_lloyd_workspace_size_f64`.
const _otc_lloyd_workspace_size_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_lloyd_workspace_size_f32(problem, opts, bytes) =
    ccall(_otc_lloyd_workspace_size_f32[], otc_status, (Ptr{otc_lloyd_problem_f32}, Ptr{otc_lloyd_options}, Ptr{Csize_t}), problem, opts, bytes)

# Lloyd iterations (optimal quantisation), double precision: starting from `problem->sites`,
# at most `opts->max_iter` times, move every site to the barycenter of its Voronoi cell among
# the weighted samples (sites of empty cells stay put); stop when no site moves more than
# `opts->tol`. `out->sites` receives the sites, `out->distortion` the distortion
# `Σ_i a_i min_j |x_i − y_j|²` (weights normalised), which no iteration increases. Per
# iteration `O(N n d)` (SIMD, threaded); bitwise identical for every thread count. Workspace
# from `otc_lloyd_workspace_size_f64` (or `{NULL, 0}`: allocated).
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (sites still moved more than tol) and
# `OTC_WARN_CANCELLED` (the callback stopped it), both with the current sites in the outputs;
# `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (also
# `out->sites` not of the size of `problem->sites`), `OTC_ERR_NON_FINITE`,
# `OTC_ERR_INVALID_ARGUMENT` (negative weights or a zero total, tol < 0 or NaN),
# `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
# `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
# nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
# for `work.bytes` bytes and overlaps no argument.
const _otc_lloyd_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_lloyd_f64(problem, out, opts, work) =
    ccall(_otc_lloyd_f64[], otc_status, (Ptr{otc_lloyd_problem_f64}, Ptr{otc_lloyd_outputs_f64}, Ptr{otc_lloyd_options}, otc_workspace), problem, out, opts, work)

# Lloyd iterations in single precision (sums and the distortion in double): as
# `otc_lloyd_f64`.
#
# # Safety
# As `otc_lloyd_f64`.
const _otc_lloyd_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_lloyd_f32(problem, out, opts, work) =
    ccall(_otc_lloyd_f32[], otc_status, (Ptr{otc_lloyd_problem_f32}, Ptr{otc_lloyd_outputs_f32}, Ptr{otc_lloyd_options}, otc_workspace), problem, out, opts, work)

# Fills `*opts` with the defaults: ε = 0.01, balanced (ρ = ∞, KL), tolerance 1e-9 checked
# every 10 iterations, at most 1000 iterations, no ε-scaling, alternating updates without
# over-relaxation, `OTC_SINKHORN_PATH_AUTO` with a 1 GiB kernel cap, mass tolerance 1e-6,
# all threads.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_sinkhorn_options`.
const _otc_sinkhorn_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_options_default(opts) =
    ccall(_otc_sinkhorn_options_default[], otc_status, (Ptr{otc_sinkhorn_options},), opts)

# Bytes of workspace `otc_sinkhorn_f64` needs for `problem` with `opts` (NULL: defaults):
# O((n + m)·(1 + d)) doubles, plus the stored kernel (n·m doubles and O(n·m/256)) when
# `opts->path` and `kernel_memory_cap` choose it for a dense cost. Depends on n, m, d and the
# options only.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_ARGUMENT` (not exactly one form, a metric
# other than squared Euclidean, a bad flag or enumeration), `OTC_ERR_OVERFLOW`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_sinkhorn_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_sinkhorn_workspace_size_f64[], otc_status, (Ptr{otc_sinkhorn_problem_f64}, Ptr{otc_sinkhorn_options}, Ptr{Csize_t}), problem, opts, bytes)

# `otc_sinkhorn_workspace_size_f64` for `otc_sinkhorn_f32` (a stored kernel of floats).
#
# # Safety
# As `otc_sinkhorn_workspace_size_f64`.
const _otc_sinkhorn_workspace_size_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_workspace_size_f32(problem, opts, bytes) =
    ccall(_otc_sinkhorn_workspace_size_f32[], otc_status, (Ptr{otc_sinkhorn_problem_f32}, Ptr{otc_sinkhorn_options}, Ptr{Csize_t}), problem, opts, bytes)

# Entropic OT by Sinkhorn's iteration on the dual potentials, in double precision:
# minimises ⟨C, P⟩ + ε·KL(P | a⊗b) (+ ρ_a·D(P·1 | a) + ρ_b·D(Pᵀ·1 | b) for finite
# penalties, D = KL or TV) over plans P ≥ 0, with `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`
# at the optimum. The cost is the dense `problem->cost` or the points `x`, `y` (squared
# Euclidean, computed on the fly), exactly one. Writes `out->entropic_ot` (OT_ε, with the
# entropy term), `out->transport_cost` (⟨C, P⟩, without it), `out->mass`, the report, and
# the optional outputs asked for (f, g, plan, and for points the barycentric map and the
# gradients of OT_ε). Time O(n·m) per iteration (log-domain passes: 2·n·m exponentials, or
# one read of a stored kernel), plus O(n·m·d) per gradient side; workspace from
# `otc_sinkhorn_workspace_size_f64` (or `{NULL, 0}`: allocated). Results are identical for
# every thread count.
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (the cap was reached; outputs valid);
# `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid, from the potentials
# reached);
# `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
# `OTC_ERR_INVALID_ARGUMENT` (ε, ρ, tolerances, flags, enumerations; not exactly one form;
# the map or a gradient asked of a dense cost), `OTC_ERR_NON_FINITE`,
# `OTC_ERR_MASS_MISMATCH` (balanced with masses further apart than `mass_tolerance`),
# `OTC_ERR_NUMERICAL` (the potentials or values overflowed), `OTC_ERR_INVALID_STRIDE`,
# `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
# `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
# bytes); every non-NULL pointer in them is valid for its stated size; `work.data` is NULL or
# valid for `work.bytes` bytes and overlaps no argument.
const _otc_sinkhorn_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_f64(problem, out, opts, work) =
    ccall(_otc_sinkhorn_f64[], otc_status, (Ptr{otc_sinkhorn_problem_f64}, Ptr{otc_sinkhorn_outputs_f64}, Ptr{otc_sinkhorn_options}, otc_workspace), problem, out, opts, work)

# `otc_sinkhorn_f64` on weights, cost, points, plan, map and position gradients of floats
# (potentials, values and weight gradients stay double; marginal sums are accumulated in
# double).
#
# # Safety
# As `otc_sinkhorn_f64`.
const _otc_sinkhorn_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_f32(problem, out, opts, work) =
    ccall(_otc_sinkhorn_f32[], otc_status, (Ptr{otc_sinkhorn_problem_f32}, Ptr{otc_sinkhorn_outputs_f32}, Ptr{otc_sinkhorn_options}, otc_workspace), problem, out, opts, work)

# Fills `*opts` with the defaults (those of `otc_sinkhorn_options_default`).
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_sinkhorn_divergence_options`.
const _otc_sinkhorn_divergence_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_divergence_options_default(opts) =
    ccall(_otc_sinkhorn_divergence_options_default[], otc_status, (Ptr{otc_sinkhorn_divergence_options},), opts)

# Bytes of workspace `otc_sinkhorn_divergence_f64` needs for `problem` with `opts` (NULL:
# defaults): that of one solve of size max(n, m) (see `otc_sinkhorn_workspace_size_f64`),
# plus O((n + m)·d) for the points' gradients. Depends on n, m, d and the options only.
#
# Statuses: as `otc_sinkhorn_workspace_size_f64`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
const _otc_sinkhorn_divergence_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_divergence_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_sinkhorn_divergence_workspace_size_f64[], otc_status, (Ptr{otc_sinkhorn_divergence_problem_f64}, Ptr{otc_sinkhorn_divergence_options}, Ptr{Csize_t}), problem, opts, bytes)

# `otc_sinkhorn_divergence_workspace_size_f64` for `otc_sinkhorn_divergence_f32`.
#
# # Safety
# As `otc_sinkhorn_divergence_workspace_size_f64`.
const _otc_sinkhorn_divergence_workspace_size_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_divergence_workspace_size_f32(problem, opts, bytes) =
    ccall(_otc_sinkhorn_divergence_workspace_size_f32[], otc_status, (Ptr{otc_sinkhorn_divergence_problem_f32}, Ptr{otc_sinkhorn_divergence_options}, Ptr{Csize_t}), problem, opts, bytes)

# The Sinkhorn divergence S(a, b) = OT_ε(a, b) − ½OT_ε(a, a) − ½OT_ε(b, b) +
# (ε/2)(Σa − Σb)² (each OT_ε the entropic cost with its entropy term, from a cold-start
# solve with `opts`), in double precision, from the three dense costs of `problem` or its
# point clouds (squared Euclidean, computed on the fly), exactly one form. Writes
# `out->divergence`, the three OT_ε values, the report and, for points, the gradients of S
# asked for. Time: three solves (O(n·m), O(n²), O(m²) per iteration), plus six streamed
# passes O((n + m)²·d) when gradients are wanted; workspace from
# `otc_sinkhorn_divergence_workspace_size_f64` (or `{NULL, 0}`: allocated). Results are
# identical for every thread count.
#
# Statuses: as `otc_sinkhorn_f64` (`OTC_WARN_MAX_ITER` when a solve reached the cap,
# `OTC_WARN_CANCELLED` when the callback stopped one: each of the three solves calls it,
# with its own iteration count). On an
# error nothing is written, but for `OTC_ERR_NUMERICAL` (a value overflowed), found after
# the gradients asked for were computed into their outputs.
#
# # Safety
# As `otc_sinkhorn_f64`.
const _otc_sinkhorn_divergence_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_divergence_f64(problem, out, opts, work) =
    ccall(_otc_sinkhorn_divergence_f64[], otc_status, (Ptr{otc_sinkhorn_divergence_problem_f64}, Ptr{otc_sinkhorn_divergence_outputs_f64}, Ptr{otc_sinkhorn_divergence_options}, otc_workspace), problem, out, opts, work)

# `otc_sinkhorn_divergence_f64` on weights, costs, points and position gradients of floats
# (values and weight gradients stay double).
#
# # Safety
# As `otc_sinkhorn_f64`.
const _otc_sinkhorn_divergence_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_divergence_f32(problem, out, opts, work) =
    ccall(_otc_sinkhorn_divergence_f32[], otc_status, (Ptr{otc_sinkhorn_divergence_problem_f32}, Ptr{otc_sinkhorn_divergence_outputs_f32}, Ptr{otc_sinkhorn_divergence_options}, otc_workspace), problem, out, opts, work)

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
#    `out->marginal_error` (the whole solve's stopping test: the parts of all blocks add up
#    to it; a caller that stops on it keeps the f of before the step);
# 2. updates the rows: `f_i = −κ_a ε log Σ_j b_j exp((g_j − C_ij)/ε)` into `out->f_block`;
# 3. computes the block's column log-sum-exps from the new f into `out->pairs`, to combine
#    over the blocks with `otc_lse_pair_merge` and pass to
#    `otc_sinkhorn_block_column_update_f64`.
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

# Writes the default options (`num_threads = 0`, `epsilon = 0.01`, `tolerance = 1e-9`,
# `max_iter = 10000`, `check_every = 10`, `mass_tolerance = 1e-9`, no callback) into `opts`.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
#
# # Safety
# `opts` must be NULL or valid for writes of one `otc_sinkhorn_partial_options`.
const _otc_sinkhorn_partial_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_partial_options_default(opts) =
    ccall(_otc_sinkhorn_partial_options_default[], otc_status, (Ptr{otc_sinkhorn_partial_options},), opts)

# Bytes of workspace `otc_sinkhorn_partial_f64` needs for `problem` (its n and m) with
# `opts` (NULL: defaults): O(n + m); the cost is never copied. O(1) time.
#
# Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
# `OTC_ERR_INVALID_DIMENSION` (n or m = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
#
# # Safety
# `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
# `bytes` valid for writes.
const _otc_sinkhorn_partial_workspace_size_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_partial_workspace_size_f64(problem, opts, bytes) =
    ccall(_otc_sinkhorn_partial_workspace_size_f64[], otc_status, (Ptr{otc_sinkhorn_partial_problem_f64}, Ptr{otc_sinkhorn_partial_options}, Ptr{Csize_t}), problem, opts, bytes)

# Entropic partial OT between `problem->a` (n) and `problem->b` (m) for the n × m cost:
# moves `problem->mass` at least entropic cost, by block-coordinate ascent on the dual
# (Sinkhorn row and column updates clamped at 0, and a closed-form update of the mass price
# λ), from a cold start. Writes `out->entropic_ot`, `out->transport_cost`,
# `out->transported_mass`, `out->mass_price`, the report and the optional outputs asked for
# (f, g, plan). As ε → 0 the plan tends to an `otc_emd_partial_f64` plan. Time O(n·m) per
# iteration (2·n·m exponentials); workspace from `otc_sinkhorn_partial_workspace_size_f64`
# (or `{NULL, 0}`: allocated). Results are identical for every thread count.
#
# Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (the cap was reached; outputs valid);
# `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid, from the duals
# reached); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
# `OTC_ERR_INVALID_ARGUMENT` (ε, tolerances, `max_iter` or `check_every` 0, a negative
# weight, a mass ≤ 0 or above min(Σa, Σb)), `OTC_ERR_NON_FINITE`, `OTC_ERR_NUMERICAL` (the
# duals or values overflowed: rescale the costs or raise ε), `OTC_ERR_INVALID_STRIDE`,
# `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
# `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
#
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
# bytes); every non-NULL pointer in them is valid for its stated size; `work.data` is NULL or
# valid for `work.bytes` bytes and overlaps no argument.
const _otc_sinkhorn_partial_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_partial_f64(problem, out, opts, work) =
    ccall(_otc_sinkhorn_partial_f64[], otc_status, (Ptr{otc_sinkhorn_partial_problem_f64}, Ptr{otc_sinkhorn_partial_outputs_f64}, Ptr{otc_sinkhorn_partial_options}, otc_workspace), problem, out, opts, work)

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
    :otc_free_support_barycenter_options_default => _otc_free_support_barycenter_options_default,
    :otc_free_support_barycenter_workspace_size_f64 => _otc_free_support_barycenter_workspace_size_f64,
    :otc_free_support_barycenter_f64 => _otc_free_support_barycenter_f64,
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
    :otc_emd_points_options_default => _otc_emd_points_options_default,
    :otc_emd_points_workspace_size_f64 => _otc_emd_points_workspace_size_f64,
    :otc_emd_points_f64 => _otc_emd_points_f64,
    :otc_emd_options_default => _otc_emd_options_default,
    :otc_emd_workspace_size_f64 => _otc_emd_workspace_size_f64,
    :otc_emd_f64 => _otc_emd_f64,
    :otc_emd_batch_options_default => _otc_emd_batch_options_default,
    :otc_emd_batch_workspace_size_f64 => _otc_emd_batch_workspace_size_f64,
    :otc_emd_batch_f64 => _otc_emd_batch_f64,
    :otc_wasserstein_1d_options_default => _otc_wasserstein_1d_options_default,
    :otc_wasserstein_1d_workspace_size_f64 => _otc_wasserstein_1d_workspace_size_f64,
    :otc_wasserstein_1d_f64 => _otc_wasserstein_1d_f64,
    :otc_sliced_wasserstein_options_default => _otc_sliced_wasserstein_options_default,
    :otc_sliced_wasserstein_workspace_size_f64 => _otc_sliced_wasserstein_workspace_size_f64,
    :otc_sliced_wasserstein_f64 => _otc_sliced_wasserstein_f64,
    :otc_wasserstein_flow_step_options_default => _otc_wasserstein_flow_step_options_default,
    :otc_wasserstein_flow_step_workspace_size_f64 => _otc_wasserstein_flow_step_workspace_size_f64,
    :otc_wasserstein_flow_step_f64 => _otc_wasserstein_flow_step_f64,
    :otc_mmd_flow_step_options_default => _otc_mmd_flow_step_options_default,
    :otc_mmd_flow_step_workspace_size_f64 => _otc_mmd_flow_step_workspace_size_f64,
    :otc_mmd_flow_step_f64 => _otc_mmd_flow_step_f64,
    :otc_jko_step_options_default => _otc_jko_step_options_default,
    :otc_jko_step_workspace_size_f64 => _otc_jko_step_workspace_size_f64,
    :otc_jko_step_f64 => _otc_jko_step_f64,
    :otc_bures_options_default => _otc_bures_options_default,
    :otc_bures_workspace_size_f64 => _otc_bures_workspace_size_f64,
    :otc_bures_f64 => _otc_bures_f64,
    :otc_gaussian_w2_options_default => _otc_gaussian_w2_options_default,
    :otc_gaussian_w2_workspace_size_f64 => _otc_gaussian_w2_workspace_size_f64,
    :otc_gaussian_w2_f64 => _otc_gaussian_w2_f64,
    :otc_gaussian_entropic_w2_options_default => _otc_gaussian_entropic_w2_options_default,
    :otc_gaussian_entropic_w2_workspace_size_f64 => _otc_gaussian_entropic_w2_workspace_size_f64,
    :otc_gaussian_entropic_w2_f64 => _otc_gaussian_entropic_w2_f64,
    :otc_gaussian_w2_pairwise_options_default => _otc_gaussian_w2_pairwise_options_default,
    :otc_gaussian_w2_pairwise_workspace_size_f64 => _otc_gaussian_w2_pairwise_workspace_size_f64,
    :otc_gaussian_w2_pairwise_f64 => _otc_gaussian_w2_pairwise_f64,
    :otc_gaussian_map_options_default => _otc_gaussian_map_options_default,
    :otc_gaussian_map_workspace_size_f64 => _otc_gaussian_map_workspace_size_f64,
    :otc_gaussian_map_f64 => _otc_gaussian_map_f64,
    :otc_gaussian_map_apply_options_default => _otc_gaussian_map_apply_options_default,
    :otc_gaussian_map_apply_workspace_size_f64 => _otc_gaussian_map_apply_workspace_size_f64,
    :otc_gaussian_map_apply_f64 => _otc_gaussian_map_apply_f64,
    :otc_gaussian_geodesic_options_default => _otc_gaussian_geodesic_options_default,
    :otc_gaussian_geodesic_workspace_size_f64 => _otc_gaussian_geodesic_workspace_size_f64,
    :otc_gaussian_geodesic_f64 => _otc_gaussian_geodesic_f64,
    :otc_gaussian_barycenter_options_default => _otc_gaussian_barycenter_options_default,
    :otc_gaussian_barycenter_workspace_size_f64 => _otc_gaussian_barycenter_workspace_size_f64,
    :otc_gaussian_barycenter_f64 => _otc_gaussian_barycenter_f64,
    :otc_gaussian_moments_options_default => _otc_gaussian_moments_options_default,
    :otc_gaussian_moments_workspace_size_f64 => _otc_gaussian_moments_workspace_size_f64,
    :otc_gaussian_moments_f64 => _otc_gaussian_moments_f64,
    :otc_psd_sqrt_options_default => _otc_psd_sqrt_options_default,
    :otc_psd_sqrt_workspace_size_f64 => _otc_psd_sqrt_workspace_size_f64,
    :otc_psd_sqrt_f64 => _otc_psd_sqrt_f64,
    :otc_plan_position_gradient_options_default => _otc_plan_position_gradient_options_default,
    :otc_plan_position_gradient_workspace_size_f64 => _otc_plan_position_gradient_workspace_size_f64,
    :otc_plan_position_gradient_f64 => _otc_plan_position_gradient_f64,
    :otc_displacement_interpolation_options_default => _otc_displacement_interpolation_options_default,
    :otc_displacement_interpolation_workspace_size_f64 => _otc_displacement_interpolation_workspace_size_f64,
    :otc_displacement_interpolation_f64 => _otc_displacement_interpolation_f64,
    :otc_quantile_1d_options_default => _otc_quantile_1d_options_default,
    :otc_quantile_1d_workspace_size_f64 => _otc_quantile_1d_workspace_size_f64,
    :otc_quantile_1d_f64 => _otc_quantile_1d_f64,
    :otc_barycenter_1d_options_default => _otc_barycenter_1d_options_default,
    :otc_barycenter_1d_workspace_size_f64 => _otc_barycenter_1d_workspace_size_f64,
    :otc_barycenter_1d_f64 => _otc_barycenter_1d_f64,
    :otc_laguerre_assign_options_default => _otc_laguerre_assign_options_default,
    :otc_laguerre_assign_workspace_size_f64 => _otc_laguerre_assign_workspace_size_f64,
    :otc_laguerre_assign_workspace_size_f32 => _otc_laguerre_assign_workspace_size_f32,
    :otc_laguerre_assign_f64 => _otc_laguerre_assign_f64,
    :otc_laguerre_assign_f32 => _otc_laguerre_assign_f32,
    :otc_semidiscrete_options_default => _otc_semidiscrete_options_default,
    :otc_semidiscrete_workspace_size_f64 => _otc_semidiscrete_workspace_size_f64,
    :otc_semidiscrete_workspace_size_f32 => _otc_semidiscrete_workspace_size_f32,
    :otc_semidiscrete_f64 => _otc_semidiscrete_f64,
    :otc_semidiscrete_f32 => _otc_semidiscrete_f32,
    :otc_semidiscrete_sgd_options_default => _otc_semidiscrete_sgd_options_default,
    :otc_semidiscrete_sgd_workspace_size_f64 => _otc_semidiscrete_sgd_workspace_size_f64,
    :otc_semidiscrete_sgd_workspace_size_f32 => _otc_semidiscrete_sgd_workspace_size_f32,
    :otc_semidiscrete_sgd_f64 => _otc_semidiscrete_sgd_f64,
    :otc_semidiscrete_sgd_f32 => _otc_semidiscrete_sgd_f32,
    :otc_lloyd_options_default => _otc_lloyd_options_default,
    :otc_lloyd_workspace_size_f64 => _otc_lloyd_workspace_size_f64,
    :otc_lloyd_workspace_size_f32 => _otc_lloyd_workspace_size_f32,
    :otc_lloyd_f64 => _otc_lloyd_f64,
    :otc_lloyd_f32 => _otc_lloyd_f32,
    :otc_sinkhorn_options_default => _otc_sinkhorn_options_default,
    :otc_sinkhorn_workspace_size_f64 => _otc_sinkhorn_workspace_size_f64,
    :otc_sinkhorn_workspace_size_f32 => _otc_sinkhorn_workspace_size_f32,
    :otc_sinkhorn_f64 => _otc_sinkhorn_f64,
    :otc_sinkhorn_f32 => _otc_sinkhorn_f32,
    :otc_sinkhorn_divergence_options_default => _otc_sinkhorn_divergence_options_default,
    :otc_sinkhorn_divergence_workspace_size_f64 => _otc_sinkhorn_divergence_workspace_size_f64,
    :otc_sinkhorn_divergence_workspace_size_f32 => _otc_sinkhorn_divergence_workspace_size_f32,
    :otc_sinkhorn_divergence_f64 => _otc_sinkhorn_divergence_f64,
    :otc_sinkhorn_divergence_f32 => _otc_sinkhorn_divergence_f32,
    :otc_sinkhorn_block_step_options_default => _otc_sinkhorn_block_step_options_default,
    :otc_sinkhorn_block_step_workspace_size_f64 => _otc_sinkhorn_block_step_workspace_size_f64,
    :otc_sinkhorn_block_step_workspace_size_f32 => _otc_sinkhorn_block_step_workspace_size_f32,
    :otc_sinkhorn_block_step_f64 => _otc_sinkhorn_block_step_f64,
    :otc_sinkhorn_block_step_f32 => _otc_sinkhorn_block_step_f32,
    :otc_sinkhorn_block_column_update_options_default => _otc_sinkhorn_block_column_update_options_default,
    :otc_sinkhorn_block_column_update_workspace_size_f64 => _otc_sinkhorn_block_column_update_workspace_size_f64,
    :otc_sinkhorn_block_column_update_f64 => _otc_sinkhorn_block_column_update_f64,
    :otc_lse_pair_merge => _otc_lse_pair_merge,
    :otc_sinkhorn_partial_options_default => _otc_sinkhorn_partial_options_default,
    :otc_sinkhorn_partial_workspace_size_f64 => _otc_sinkhorn_partial_workspace_size_f64,
    :otc_sinkhorn_partial_f64 => _otc_sinkhorn_partial_f64,
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
