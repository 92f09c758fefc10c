# Cost matrices.
# requires: otc_cost_options_default, otc_cost_matrix_f64, otc_cost_matrix_f32

const METRICS = Dict(
    :sqeuclidean => :OTC_METRIC_SQEUCLIDEAN,
    :euclidean => :OTC_METRIC_EUCLIDEAN,
    :minkowski => :OTC_METRIC_MINKOWSKI,
    :cosine => :OTC_METRIC_COSINE,
)

# The strided C views of a Julia array (no copy): element (i, j) at i*stride(A,1) + j*stride(A,2).
view_of(A::StridedMatrix{Float64}) =
    LibOTCore.otc_matrix_f64(pointer(A), size(A, 1), size(A, 2), stride(A, 1), stride(A, 2))
view_of(A::StridedMatrix{Float32}) =
    LibOTCore.otc_matrix_f32(pointer(A), size(A, 1), size(A, 2), stride(A, 1), stride(A, 2))
mut_view_of(A::StridedMatrix{Float64}) =
    LibOTCore.otc_matrix_mut_f64(pointer(A), size(A, 1), size(A, 2), stride(A, 1), stride(A, 2))
mut_view_of(A::StridedMatrix{Float32}) =
    LibOTCore.otc_matrix_mut_f32(pointer(A), size(A, 1), size(A, 2), stride(A, 1), stride(A, 2))

function cost_options(metric::Symbol, p::Real, threads::Integer)
    haskey(METRICS, metric) || throw(ArgumentError(
        "unknown metric :$metric (one of $(join(sort(collect(keys(METRICS))), ", ")))"))
    r = Ref{LibOTCore.otc_cost_options}()
    check(LibOTCore.otc_cost_options_default(r), "otc_cost_options_default")
    o = r[]
    # Field by field from the defaults, so fields added later keep their default values.
    values = map(fieldnames(LibOTCore.otc_cost_options)) do f
        f === :metric ? Int32(getfield(LibOTCore, METRICS[metric])) :
        f === :p ? Float64(p) :
        f === :num_threads ? UInt32(threads) : getfield(o, f)
    end
    return LibOTCore.otc_cost_options(values...)
end

"""
    cost_matrix!(C, x, y; metric=:sqeuclidean, p=2, threads=0) -> C

Writes into `C` (n×m) the cost between the rows of `x` (n×d) and `y` (m×d). All three may
be any strided matrices of one element type (`Float64` or `Float32`): views, transposes of
dense arrays, column-major arrays, without copies. `metric` is `:sqeuclidean`, `:euclidean`,
`:minkowski` (exponent `p`) or `:cosine`; `threads = 0` uses the library default, 1 the
calling thread only.
"""
function cost_matrix!(C::StridedMatrix{T}, x::StridedMatrix{T}, y::StridedMatrix{T};
                      metric::Symbol=:sqeuclidean, p::Real=2, threads::Integer=0) where {T<:Union{Float32,Float64}}
    opts = Ref(cost_options(metric, p, threads))
    GC.@preserve C x y opts begin
        if T === Float64
            st = LibOTCore.otc_cost_matrix_f64(view_of(x), view_of(y), mut_view_of(C), opts,
                                               C_NULL, 0)
            check(st, "otc_cost_matrix_f64")
        else
            st = LibOTCore.otc_cost_matrix_f32(view_of(x), view_of(y), mut_view_of(C), opts,
                                               C_NULL, 0)
            check(st, "otc_cost_matrix_f32")
        end
    end
    return C
end

"""
    cost_matrix(x, y; metric=:sqeuclidean, p=2, threads=0) -> Matrix

The n×m cost matrix between the rows of `x` (n×d) and `y` (m×d); see [`cost_matrix!`](@ref).
"""
function cost_matrix(x::StridedMatrix{T}, y::StridedMatrix{T}; kwargs...) where {T<:Union{Float32,Float64}}
    C = Matrix{T}(undef, size(x, 1), size(y, 1))
    return cost_matrix!(C, x, y; kwargs...)
end
