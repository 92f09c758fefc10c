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

# Options of `otc_barycenter_f64/_f32` and `otc_convolutional_barycenter_f64/_f32`.
struct otc_barycenter_options
    struct_size::Csize_t
    num_threads::UInt32
    max_iter::Int32
    epsilon::Cdouble
    tol::Cdouble
end

# Read-only strided view of a matrix of `double`.
struct otc_matrix_f64
    data::Ptr{Cdouble}
    rows::Csize_t
    cols::Csize_t
    row_stride::Cptrdiff_t
    col_stride::Cptrdiff_t
end

# Read-only strided view of a matrix of `float`.
struct otc_matrix_f32
    data::Ptr{Cfloat}
    rows::Csize_t
    cols::Csize_t
    row_stride::Cptrdiff_t
    col_stride::Cptrdiff_t
end

# Options of `otc_cost_matrix_f64` / `_f32`. Fill with `otc_cost_options_default`.
struct otc_cost_options
    struct_size::Csize_t
    num_threads::UInt32
    metric::Int32
    p::Cdouble
end

# Writable strided view of a matrix of `double` (an output: its elements must not overlap).
struct otc_matrix_mut_f64
    data::Ptr{Cdouble}
    rows::Csize_t
    cols::Csize_t
    row_stride::Cptrdiff_t
    col_stride::Cptrdiff_t
end

# Writable strided view of a matrix of `float` (an output: its elements must not overlap).
struct otc_matrix_mut_f32
    data::Ptr{Cfloat}
    rows::Csize_t
    cols::Csize_t
    row_stride::Cptrdiff_t
    col_stride::Cptrdiff_t
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

# A partial log-sum-exp over some rows of one column: the value is `max + log(sum)`;
# `{-INFINITY, 0}` is the empty pair. Produced by `otc_sinkhorn_block_step_*`, combined by
# `otc_lse_pair_merge`, consumed by `otc_sinkhorn_block_column_update`. Two doubles: send
# them as 2 `MPI_DOUBLE`s (or a contiguous type of 2).
struct otc_lse_pair
    max::Cdouble
    sum::Cdouble
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

# Fills `*opts` with the defaults.
#
# # Safety
# `opts` must be valid for writes of one `otc_barycenter_options`.
const _otc_barycenter_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_options_default(opts) =
    ccall(_otc_barycenter_options_default[], otc_status, (Ptr{otc_barycenter_options},), opts)

# Bytes of workspace `otc_barycenter_f64` (and, with room to spare, `otc_barycenter_f32`)
# needs for k histograms of n bins.
#
# # Safety
# `opts` is NULL or valid; `out_bytes` must be valid for writes.
const _otc_barycenter_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_workspace_size(n, k, opts, out_bytes) =
    ccall(_otc_barycenter_workspace_size[], otc_status, (Csize_t, Csize_t, Ptr{otc_barycenter_options}, Ptr{Csize_t}), n, k, opts, out_bytes)

# Fixed-support entropic Wasserstein barycenter (iterative Bregman projections, log domain):
# `hists` is n×k (column c = histogram c, each summing to 1), `cost` n×n (any strides),
# `weights` k (NULL = uniform; normalised inside). `out` (n) receives the barycenter,
# `iterations` (optional) the count. `OTC_WARN_MAX_ITER` when `tol` was not met.
# `O(k n²)` per iteration.
#
# # Safety
# Views and arrays must be valid for the sizes they state; `out` must not overlap inputs.
const _otc_barycenter_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_f64(hists, cost, weights, opts, out, iterations, work, work_bytes) =
    ccall(_otc_barycenter_f64[], otc_status, (otc_matrix_f64, otc_matrix_f64, Ptr{Cdouble}, Ptr{otc_barycenter_options}, Ptr{Cdouble}, Ptr{UInt64}, Ptr{Cvoid}, Csize_t), hists, cost, weights, opts, out, iterations, work, work_bytes)

# `otc_barycenter_f64` in float: histograms, cost, weights and output are floats; the
# log-sum-exps run in float, the weight sums and the marginal error in double.
#
# # Safety
# As `otc_barycenter_f64`.
const _otc_barycenter_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_barycenter_f32(hists, cost, weights, opts, out, iterations, work, work_bytes) =
    ccall(_otc_barycenter_f32[], otc_status, (otc_matrix_f32, otc_matrix_f32, Ptr{Cfloat}, Ptr{otc_barycenter_options}, Ptr{Cfloat}, Ptr{UInt64}, Ptr{Cvoid}, Csize_t), hists, cost, weights, opts, out, iterations, work, work_bytes)

# Bytes of workspace `otc_convolutional_barycenter_f64` (and, with room to spare,
# `otc_convolutional_barycenter_f32`) needs for k images of h×w pixels.
#
# # Safety
# `opts` is NULL or valid; `out_bytes` must be valid for writes.
const _otc_convolutional_barycenter_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_convolutional_barycenter_workspace_size(h, w, k, opts, out_bytes) =
    ccall(_otc_convolutional_barycenter_workspace_size[], otc_status, (Csize_t, Csize_t, Csize_t, Ptr{otc_barycenter_options}, Ptr{Csize_t}), h, w, k, opts, out_bytes)

# Convolutional entropic barycenter on an h×w grid of the unit square (Solomon et al. 2015,
# separable Gaussian kernel `exp(−d²/ε)` applied in the log domain, as POT's
# `convolutional_barycenter2d`): `images` is (h·w)×k, column c = image c with pixel (r, col)
# at row `r·w + col`, each summing to 1; `weights` k (NULL = uniform). `out` (h·w) receives
# the barycenter. Per iteration `2k` stabilised log-convolutions, each two matmuls
# (`O(hw(h + w))`) and `O(hw)` exps; `O(k hw + h² + w²)` memory. Same result, bit for bit,
# for every `num_threads`.
#
# # Safety
# Views and arrays must be valid for the sizes they state; `out` must not overlap inputs.
const _otc_convolutional_barycenter_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_convolutional_barycenter_f64(images, h, w, weights, opts, out, iterations, work, work_bytes) =
    ccall(_otc_convolutional_barycenter_f64[], otc_status, (otc_matrix_f64, Csize_t, Csize_t, Ptr{Cdouble}, Ptr{otc_barycenter_options}, Ptr{Cdouble}, Ptr{UInt64}, Ptr{Cvoid}, Csize_t), images, h, w, weights, opts, out, iterations, work, work_bytes)

# `otc_convolutional_barycenter_f64` in float: images, weights and output are floats; the
# log-convolutions run in float, the weight sums and the marginal error in double.
#
# # Safety
# As `otc_convolutional_barycenter_f64`.
const _otc_convolutional_barycenter_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_convolutional_barycenter_f32(images, h, w, weights, opts, out, iterations, work, work_bytes) =
    ccall(_otc_convolutional_barycenter_f32[], otc_status, (otc_matrix_f32, Csize_t, Csize_t, Ptr{Cfloat}, Ptr{otc_barycenter_options}, Ptr{Cfloat}, Ptr{UInt64}, Ptr{Cvoid}, Csize_t), images, h, w, weights, opts, out, iterations, work, work_bytes)

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

# Writes the default cost options (0 threads, squared Euclidean, p = 2) into `*opts`.
#
# @param opts  options to fill; not NULL.
# @return OTC_OK, or OTC_ERR_NULL_POINTER.
#
# # Safety
# `opts` is NULL or points to a writable `otc_cost_options`.
const _otc_cost_options_default = Ref{Ptr{Cvoid}}(C_NULL)
otc_cost_options_default(opts) =
    ccall(_otc_cost_options_default[], otc_status, (Ptr{otc_cost_options},), opts)

# Workspace in bytes that `otc_cost_matrix_f64` and `otc_cost_matrix_f32` need for x n×d,
# y m×d and the options (O((n + m)·d) bytes; 0 sizes are allowed here and give a small size).
#
# @param n, m, d   points of x, points of y, coordinates per point.
# @param opts      options, or NULL for the defaults.
# @param out_bytes receives the size; not NULL.
# @return OTC_OK, OTC_ERR_NULL_POINTER, OTC_ERR_ABI_MISMATCH, OTC_ERR_INVALID_ARGUMENT
# (unknown metric, bad p) or OTC_ERR_OVERFLOW.
#
# # Safety
# `opts` is NULL or points to an `otc_cost_options`; `out_bytes` is NULL or writable.
const _otc_cost_matrix_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_cost_matrix_workspace_size(n, m, d, opts, out_bytes) =
    ccall(_otc_cost_matrix_workspace_size[], otc_status, (Csize_t, Csize_t, Csize_t, Ptr{otc_cost_options}, Ptr{Csize_t}), n, m, d, opts, out_bytes)

# Cost matrix of f64 points: `out[i, j] = metric(x_i, y_j)` for the rows of x (n×d) and
# y (m×d). Any strides; out (n×m) must not overlap x or y. O(n·m·d) time; bitwise the same
# result for every thread count. Squared Euclidean, Euclidean and cosine at d ≥ 16 use a
# matrix product; duplicated points still get exactly 0.
#
# @param x, y  input points (rows), finite.
# @param out   n×m output, written only on success.
# @param opts  options, or NULL for the defaults.
# @param work  workspace of at least `otc_cost_matrix_workspace_size` bytes (any alignment),
# or NULL to let the library allocate.
# @param work_bytes  size of `work` in bytes (ignored when `work` is NULL).
# @return OTC_OK; OTC_ERR_NULL_POINTER, OTC_ERR_INVALID_DIMENSION (zero sizes, d or out
# shape mismatch), OTC_ERR_NON_FINITE, OTC_ERR_INVALID_ARGUMENT (metric, p),
# OTC_ERR_INVALID_STRIDE, OTC_ERR_OVERFLOW, OTC_ERR_ALIASING, OTC_ERR_ABI_MISMATCH,
# OTC_ERR_WORKSPACE_TOO_SMALL.
#
# # Safety
# Every element the views address is readable (x, y) or writable (out) memory of the
# caller; `opts` is NULL or an `otc_cost_options`; `work` is NULL or `work_bytes` writable
# bytes not overlapping the other arguments.
const _otc_cost_matrix_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_cost_matrix_f64(x, y, out, opts, work, work_bytes) =
    ccall(_otc_cost_matrix_f64[], otc_status, (otc_matrix_f64, otc_matrix_f64, otc_matrix_mut_f64, Ptr{otc_cost_options}, Ptr{Cvoid}, Csize_t), x, y, out, opts, work, work_bytes)

# Cost matrix of f32 points: as `otc_cost_matrix_f64`, in single precision.
#
# @return as `otc_cost_matrix_f64`.
#
# # Safety
# As `otc_cost_matrix_f64`.
const _otc_cost_matrix_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_cost_matrix_f32(x, y, out, opts, work, work_bytes) =
    ccall(_otc_cost_matrix_f32[], otc_status, (otc_matrix_f32, otc_matrix_f32, otc_matrix_mut_f32, Ptr{otc_cost_options}, Ptr{Cvoid}, Csize_t), x, y, out, opts, work, work_bytes)

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

# Bytes of workspace `otc_sinkhorn_block_step_*` needs for a block of `rows` rows, m columns
# and points of dimension d (0 for a dense cost), for either element type.
#
# # Safety
# `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
const _otc_sinkhorn_block_workspace_size = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_workspace_size(rows, m, d, opts, out_bytes) =
    ccall(_otc_sinkhorn_block_workspace_size[], otc_status, (Csize_t, Csize_t, Csize_t, Ptr{otc_sinkhorn_options}, Ptr{Csize_t}), rows, m, d, opts, out_bytes)

# One block's share of an alternating Sinkhorn iteration, on a dense block of `rows` rows of
# the n×m cost (doubles, any strides): the row update
# `f_i = -kappa_a eps log sum_j b_j exp((g_j - C_ij)/eps)` of the block's potentials
# `f_block` (rows; in/out: on entry the current values, finite, e.g. zeros at the first
# step), then, when `pairs` (m) is not NULL, the block's column log-sum-exps
# `log sum_{i in block} a_i exp((f_i - C_ij)/eps)` from the new f as pairs to combine over
# the blocks with `otc_lse_pair_merge`. `a_block` (rows) are the block's weights, `b` and
# `g` (m) all the column weights and potentials. `block_error` (optional) receives the
# block's part of the L1 marginal error of the potentials on entry, the stopping test of
# `otc_sinkhorn_f64` (the parts of all blocks add up to it; a caller that stops on it keeps
# the f of before the step). Uses `opts` epsilon, rho_a (row update and error) and
# num_threads (1 for one thread per MPI rank); `symmetric` and `eps_scaling_steps` must be 0
# (alternating updates at epsilon: anneal by changing epsilon between steps), the other
# fields are checked and unused. Outputs are written only on success.
#
# # Safety
# Every non-NULL pointer must be valid for its documented length; `work` is NULL or
# `work_bytes` writable bytes disjoint from the other arguments.
const _otc_sinkhorn_block_step_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_step_f64(cost_block, a_block, b, g, opts, f_block, pairs, block_error, work, work_bytes) =
    ccall(_otc_sinkhorn_block_step_f64[], otc_status, (otc_matrix_f64, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{otc_lse_pair}, Ptr{Cdouble}, Ptr{Cvoid}, Csize_t), cost_block, a_block, b, g, opts, f_block, pairs, block_error, work, work_bytes)

# `otc_sinkhorn_block_step_f64` on a cost block and weights of floats (potentials, pairs and
# error stay double).
#
# # Safety
# As `otc_sinkhorn_block_step_f64`.
const _otc_sinkhorn_block_step_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_step_f32(cost_block, a_block, b, g, opts, f_block, pairs, block_error, work, work_bytes) =
    ccall(_otc_sinkhorn_block_step_f32[], otc_status, (otc_matrix_f32, Ptr{Cfloat}, Ptr{Cfloat}, Ptr{Cdouble}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{otc_lse_pair}, Ptr{Cdouble}, Ptr{Cvoid}, Csize_t), cost_block, a_block, b, g, opts, f_block, pairs, block_error, work, work_bytes)

# `otc_sinkhorn_block_step_f64` for point clouds: the block's source points `x_block`
# (rows×d) against all target points `y` (m×d), squared Euclidean cost computed on the fly
# (memory O((rows + m)·d)).
#
# # Safety
# As `otc_sinkhorn_block_step_f64`.
const _otc_sinkhorn_block_step_points_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_step_points_f64(x_block, y, a_block, b, g, opts, f_block, pairs, block_error, work, work_bytes) =
    ccall(_otc_sinkhorn_block_step_points_f64[], otc_status, (otc_matrix_f64, otc_matrix_f64, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{Cdouble}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{otc_lse_pair}, Ptr{Cdouble}, Ptr{Cvoid}, Csize_t), x_block, y, a_block, b, g, opts, f_block, pairs, block_error, work, work_bytes)

# `otc_sinkhorn_block_step_points_f64` on points and weights of floats.
#
# # Safety
# As `otc_sinkhorn_block_step_f64`.
const _otc_sinkhorn_block_step_points_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_step_points_f32(x_block, y, a_block, b, g, opts, f_block, pairs, block_error, work, work_bytes) =
    ccall(_otc_sinkhorn_block_step_points_f32[], otc_status, (otc_matrix_f32, otc_matrix_f32, Ptr{Cfloat}, Ptr{Cfloat}, Ptr{Cdouble}, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}, Ptr{otc_lse_pair}, Ptr{Cdouble}, Ptr{Cvoid}, Csize_t), x_block, y, a_block, b, g, opts, f_block, pairs, block_error, work, work_bytes)

# The column update from the pairs of all blocks combined: `g_j = -kappa_b eps (max_j +
# log sum_j)` for the m columns (uses `opts` epsilon and rho_b). Every pair must be valid
# and non-empty (an empty pair means that the pairs of some block were not combined).
# `g` (m) is written only on success. O(m).
#
# # Safety
# `pairs` and `g` must be valid for m elements; `opts` is NULL or a valid options struct.
const _otc_sinkhorn_block_column_update = Ref{Ptr{Cvoid}}(C_NULL)
otc_sinkhorn_block_column_update(pairs, m, opts, g) =
    ccall(_otc_sinkhorn_block_column_update[], otc_status, (Ptr{otc_lse_pair}, Csize_t, Ptr{otc_sinkhorn_options}, Ptr{Cdouble}), pairs, m, opts, g)

# `acc[j] = acc[j] merged with other[j]` for j < len: the pair of the union of the rows of
# both (what an MPI user operation or a rank-ordered fold applies). Commutative bit for bit,
# not associative: combine in a fixed order for results independent of timing. Every pair
# is checked before `acc` is written. O(len).
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
    :otc_barycenter_options_default => _otc_barycenter_options_default,
    :otc_barycenter_workspace_size => _otc_barycenter_workspace_size,
    :otc_barycenter_f64 => _otc_barycenter_f64,
    :otc_barycenter_f32 => _otc_barycenter_f32,
    :otc_convolutional_barycenter_workspace_size => _otc_convolutional_barycenter_workspace_size,
    :otc_convolutional_barycenter_f64 => _otc_convolutional_barycenter_f64,
    :otc_convolutional_barycenter_f32 => _otc_convolutional_barycenter_f32,
    :otc_last_error_message => _otc_last_error_message,
    :otc_cost_options_default => _otc_cost_options_default,
    :otc_cost_matrix_workspace_size => _otc_cost_matrix_workspace_size,
    :otc_cost_matrix_f64 => _otc_cost_matrix_f64,
    :otc_cost_matrix_f32 => _otc_cost_matrix_f32,
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
    :otc_sinkhorn_block_workspace_size => _otc_sinkhorn_block_workspace_size,
    :otc_sinkhorn_block_step_f64 => _otc_sinkhorn_block_step_f64,
    :otc_sinkhorn_block_step_f32 => _otc_sinkhorn_block_step_f32,
    :otc_sinkhorn_block_step_points_f64 => _otc_sinkhorn_block_step_points_f64,
    :otc_sinkhorn_block_step_points_f32 => _otc_sinkhorn_block_step_points_f32,
    :otc_sinkhorn_block_column_update => _otc_sinkhorn_block_column_update,
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
