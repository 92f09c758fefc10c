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

# Options of `otc_cost_matrix_f64` / `_f32`. Fill with `otc_cost_options_default`.
struct otc_cost_options
    struct_size::Csize_t
    num_threads::UInt32
    metric::Int32
    p::Cdouble
end

# Read-only strided view of a matrix of `double`.
struct otc_matrix_f64
    data::Ptr{Cdouble}
    rows::Csize_t
    cols::Csize_t
    row_stride::Cptrdiff_t
    col_stride::Cptrdiff_t
end

# Writable strided view of a matrix of `double` (an output: its elements must not overlap).
struct otc_matrix_mut_f64
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

# Writable strided view of a matrix of `float` (an output: its elements must not overlap).
struct otc_matrix_mut_f32
    data::Ptr{Cfloat}
    rows::Csize_t
    cols::Csize_t
    row_stride::Cptrdiff_t
    col_stride::Cptrdiff_t
end

# Success.
const OTC_OK = 0

# An iterative method stopped at its iteration cap before meeting its tolerance; the
# outputs hold the last iterate and are valid.
const OTC_WARN_MAX_ITER = 1

# A matrix was singular or rank-deficient; a documented fallback (pseudo-inverse) was used.
const OTC_WARN_SINGULAR = 2

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

# A panic inside otcore (a bug: please report it with the message).
const OTC_ERR_PANIC = 199

# The detail of the last failure (or warning) on the calling thread, as a NUL-terminated
# string; "" when the last otcore call on this thread succeeded without warning.
#
# Never NULL. The string belongs to otcore and stays valid until the next otcore call on the
# same thread; copy it to keep it.
const _otc_last_error_message = Ref{Ptr{Cvoid}}(C_NULL)
otc_last_error_message() =
    ccall(_otc_last_error_message[], Cstring, ())

# Writes the default cost options (0 threads, squared Euclidean, p = 2) into `*opts`.
#
# @param opts  options to fill; not NULL.
# @return OTC_OK, or OTC_ERR_NULL_POINTER.
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
# @return OTC_OK; OTC_ERR_NULL_POINTER, OTC_ERR_INVALID_DIMENSION (zero sizes, d or out
# shape mismatch), OTC_ERR_NON_FINITE, OTC_ERR_INVALID_ARGUMENT (metric, p),
# OTC_ERR_INVALID_STRIDE, OTC_ERR_OVERFLOW, OTC_ERR_ALIASING, OTC_ERR_ABI_MISMATCH,
# OTC_ERR_WORKSPACE_TOO_SMALL.
const _otc_cost_matrix_f64 = Ref{Ptr{Cvoid}}(C_NULL)
otc_cost_matrix_f64(x, y, out, opts, work, work_bytes) =
    ccall(_otc_cost_matrix_f64[], otc_status, (otc_matrix_f64, otc_matrix_f64, otc_matrix_mut_f64, Ptr{otc_cost_options}, Ptr{Cvoid}, Csize_t), x, y, out, opts, work, work_bytes)

# Cost matrix of f32 points: as `otc_cost_matrix_f64`, in single precision.
#
# @return as `otc_cost_matrix_f64`.
const _otc_cost_matrix_f32 = Ref{Ptr{Cvoid}}(C_NULL)
otc_cost_matrix_f32(x, y, out, opts, work, work_bytes) =
    ccall(_otc_cost_matrix_f32[], otc_status, (otc_matrix_f32, otc_matrix_f32, otc_matrix_mut_f32, Ptr{otc_cost_options}, Ptr{Cvoid}, Csize_t), x, y, out, opts, work, work_bytes)

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
    :otc_last_error_message => _otc_last_error_message,
    :otc_cost_options_default => _otc_cost_options_default,
    :otc_cost_matrix_workspace_size => _otc_cost_matrix_workspace_size,
    :otc_cost_matrix_f64 => _otc_cost_matrix_f64,
    :otc_cost_matrix_f32 => _otc_cost_matrix_f32,
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
