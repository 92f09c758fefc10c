"""
    OTCore

Julia interface to otcore, computational optimal transport kernels behind a stable C ABI.
Arrays cross as strided views without copies (Julia's column-major layout included).

The shared library is `ENV["OTCORE_LIB"]` when set, else the first of
`<repo>/target/release/libotcore.so`, `<repo>/target/debug/libotcore.so` that exists, else
`libotcore.so.1` from the system's library path (e.g. after `scripts/install.sh /usr/local`).
"""
module OTCore

include("LibOTCore.jl")
using .LibOTCore

export OTCoreError, cost_matrix, cost_matrix!, cost_matrix_workspace_size, library_version
export emd, emd_batch, wasserstein_1d, sliced_wasserstein
export quantile_1d, barycenter_1d, mccann_geodesic_1d
export sinkhorn, sinkhorn_points, sinkhorn_divergence, sinkhorn_divergence_points
export lse_pairs, sinkhorn_block_step!, sinkhorn_block_step_points!, lse_pair_merge!,
       sinkhorn_block_column_update!, sinkhorn_block_workspace_sizes
export bures, gaussian_w2, gaussian_entropic_w2, gaussian_w2_pairwise, gaussian_map,
       gaussian_map_apply, gaussian_geodesic, gaussian_barycenter, gaussian_moments, psd_sqrt
export laguerre_assign, semidiscrete, semidiscrete_sgd, semidiscrete_sgd_samples, lloyd!
export barycenter, convolutional_barycenter, free_support_barycenter
export assignment, emd_grid, emd_points, emd_partial, emd_unbalanced_tv, sinkhorn_partial
export plan_position_gradient, displacement_interpolation
export wasserstein_flow_step, mmd_flow_step, jko_step

"""
    OTCoreError(status, func, message)

An otcore failure: `status` is the `OTC_ERR_*` code, `func` the C function, `message` the
library's explanation.
"""
struct OTCoreError <: Exception
    status::Int32
    func::String
    message::String
end

Base.showerror(io::IO, e::OTCoreError) = print(io, "OTCoreError (status ", e.status, "): ", e.message)

"""
    check(status, func) -> status

Throws [`OTCoreError`](@ref) with the library's message, e.g. "otc_cost_matrix_f64: x[(1, 0)]
is NaN, not a finite number (input holds NaN or infinity)", for an error status (>= 100);
returns warnings (1-99) and `OTC_OK`. `OTC_WARN_CANCELLED` rethrows the `InterruptException`
when `interrupted` (a solve stopped by [`interrupt_callback`](@ref) after Ctrl-C, the default);
a wrapper whose user callback stopped the solve passes `interrupted = false` and returns it.
"""
function check(status::Integer, func::AbstractString; interrupted::Bool=true)
    interrupted && status == LibOTCore.OTC_WARN_CANCELLED && throw(InterruptException())
    if status >= 100
        # The detail first (this thread's last call); it names the C function.
        detail = unsafe_string(LibOTCore.otc_last_error_message())
        text = unsafe_string(LibOTCore.otc_status_message(Int32(status)))
        message = isempty(detail) ? func * ": " * text : detail * " (" * text * ")"
        throw(OTCoreError(Int32(status), func, message))
    end
    return status
end

const REPO_TARGET = normpath(joinpath(@__DIR__, "..", "..", "..", "..", "target"))

"""The path of the otcore shared library this session loads (see the module doc)."""
function library_path()
    haskey(ENV, "OTCORE_LIB") && return ENV["OTCORE_LIB"]
    for profile in ("release", "debug")
        p = joinpath(REPO_TARGET, profile, "libotcore.so")
        isfile(p) && return p
    end
    return "libotcore.so." * string(LibOTCore.OTC_VERSION_MAJOR)
end

"""The loaded library's version as a `VersionNumber`."""
library_version() = VersionNumber(unsafe_string(LibOTCore.otc_version_string()))

"""
    interrupt_callback(data, iteration, error) -> Int32

The C progress callback every iterative wrapper passes (as `INTERRUPT_CALLBACK[]`, with
`callback_data = C_NULL`): reaches a GC safepoint, where Julia delivers a pending Ctrl-C as
an `InterruptException`, catches it (no exception crosses otcore's frames) and returns 1 to
stop the solve; [`check`](@ref) then throws the `InterruptException` again. otcore calls it
on the calling (Julia) thread.
"""
function interrupt_callback(::Ptr{Cvoid}, ::UInt64, ::Float64)::Int32
    try
        GC.safepoint()
        return Int32(0)
    catch e
        e isa InterruptException || @error "otcore callback" exception = e
        return Int32(1)
    end
end

"""The C function pointer of [`interrupt_callback`](@ref), set when the module loads."""
const INTERRUPT_CALLBACK = Ref{Ptr{Cvoid}}(C_NULL)

function __init__()
    INTERRUPT_CALLBACK[] = @cfunction(interrupt_callback, Int32, (Ptr{Cvoid}, UInt64, Float64))
    LibOTCore.load!(library_path())
    lib = Int(LibOTCore.otc_version_number())
    if lib ÷ 10000 != LibOTCore.OTC_VERSION_MAJOR || lib < LibOTCore.OTC_VERSION_NUMBER
        error("otcore library ", library_path(), " is version ", library_version(),
              " but OTCore.jl was generated for ", LibOTCore.OTC_VERSION_MAJOR, ".",
              LibOTCore.OTC_VERSION_MINOR, ".", LibOTCore.OTC_VERSION_PATCH)
    end
end

"""
    options(O, default!, name; fields...) -> O

The options struct `O` from the library's defaults (`default!`, the C
`otc_<family>_options_default`), then the given fields (named as in the C struct, e.g.
`num_threads`, `max_iter`) overridden, converted to the field's type. Fields added to the
struct later keep their default values; an unknown name is an `ArgumentError`.
"""
function options(::Type{O}, default!, name::AbstractString; fields...) where {O}
    for k in keys(fields)
        k in fieldnames(O) && k !== :struct_size ||
            throw(ArgumentError("unknown option $k (one of $(join(fieldnames(O)[2:end], ", ")))"))
    end
    r = Ref{O}()
    check(default!(r), name)
    o = r[]
    values = map(fieldnames(O)) do f
        haskey(fields, f) ? convert(fieldtype(O, f), fields[f]) : getfield(o, f)
    end
    return O(values...)
end

"""An output report struct `T` whose first field `struct_size` is set and the rest zero."""
report(::Type{T}) where {T} = T(sizeof(T), (zero(t) for t in fieldtypes(T)[2:end])...)

"""An all-zero isbits struct `T` (reports without a `struct_size`)."""
zeroed(::Type{T}) where {T} = T((zero(t) for t in fieldtypes(T))...)

# Dense vectors of the element type the C function reads (a copy only when the input is not one).
dense(::Type{T}, v::AbstractVector) where {T} = v isa Vector{T} ? v : Vector{T}(v)
dense(::Type{T}, ::Nothing) where {T} = nothing
# A Float64 matrix: strided Float64 matrices as they are (no copy), others converted.
fmat(A::StridedMatrix{Float64}) = A
fmat(A::AbstractMatrix{<:Real}) = Matrix{Float64}(A)
# A C pointer argument that is NULL for `nothing`.
ptr(::Nothing) = C_NULL
ptr(v::Array) = pointer(v)

function checklen(v, n, what)
    v === nothing || length(v) == n ||
        throw(DimensionMismatch("$what has length $(length(v)), expected $n"))
end

"""A value of the C type `T` with every field zero (NULL pointers, zero views and reports)."""
zero_field(::Type{T}) where {T<:Number} = zero(T)
zero_field(::Type{T}) where {T<:Ptr} = T(C_NULL)
zero_field(::Type{T}) where {T} = T((zero_field(t) for t in fieldtypes(T))...)

"""
    abi(T; fields...) -> T

A problem or outputs struct `T` of the ABI 1 shape: `struct_size = sizeof(T)`, the given
fields (converted to their C types), every other field zero or NULL (an output not wanted).
"""
function abi(::Type{T}; fields...) where {T}
    values = map(fieldnames(T), fieldtypes(T)) do f, t
        f === :struct_size ? Csize_t(sizeof(T)) :
        haskey(fields, f) ? convert(t, fields[f]) : zero_field(t)
    end
    return T(values...)
end

"""The workspace argument `{NULL, 0}`: otcore allocates what a call needs."""
const NO_WORK = LibOTCore.otc_workspace(C_NULL, 0)

# Capabilities, one file each.
include("cost.jl")
include("exact.jl")
include("sinkhorn.jl")
include("sinkhorn_blocks.jl")
include("gaussian.jl")
include("semidiscrete.jl")
include("barycenter.jl")
include("exact_sparse.jl")
include("flow.jl")

end # module OTCore
