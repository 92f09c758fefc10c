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

# What every ABI 1 call reports, the first field after `struct_size` of every outputs struct.
# Written with the other outputs, when the call returns `OTC_OK` or a warning.
struct otc_report
    status::otc_status
    path::Int32
    iterations::UInt64
    error::Cdouble
    seconds::Cdouble
end

# Results of `otc_bures_f64`. `report.iterations` and `report.error` are 0 (a direct method).
struct otc_bures_outputs_f64
    struct_size::Csize_t
    report::otc_report
    bures_squared::Cdouble
end

# Caller-provided scratch memory of a call, any alignment. `{NULL, 0}`: the library
# allocates what the call needs (and reports `OTC_ERR_OUT_OF_MEMORY` if it cannot).
# Its size comes from the operation's `*_workspace_size_*` query; it must not overlap any
# argument, and its contents are undefined after the call.
struct otc_workspace
    data::Ptr{Cvoid}
    bytes::Csize_t
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

# A progress callback of an iterative solver: called with `data`, the iterations done and
# the solver's error measure (as its outputs' `report.error` documents); returns 0 to go on,
# any other value to stop the solve (`OTC_WARN_CANCELLED`, valid outputs). It runs on the
# thread that called the solver, whatever `num_threads`, and may call otcore itself.
const otc_callback = Ptr{Cvoid}

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
# # Safety
# `problem`, `out`, `opts` are NULL or valid structs; views address valid memory;
# `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
const _otc_psd_sqrt_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_psd_sqrt_f64(problem, out, opts, work) =
    ccall(_otc_psd_sqrt_f64[], otc_status, (Ptr{otc_psd_sqrt_problem_f64}, Ptr{otc_psd_sqrt_outputs_f64}, Ptr{otc_psd_sqrt_options}, otc_workspace), problem, out, opts, work)

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
