# Cost matrices.

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

function cost_options(metric::Symbol, p::Real, threads::Integer; fields...)
    haskey(METRICS, metric) || throw(ArgumentError(
        "unknown metric :$metric (one of $(join(sort(collect(keys(METRICS))), ", ")))"))
    return options(LibOTCore.otc_cost_matrix_options, LibOTCore.otc_cost_matrix_options_default,
                   "otc_cost_matrix_options_default";
                   metric=getfield(LibOTCore, METRICS[metric]), p=p, num_threads=threads, fields...)
end

"""
    cost_matrix!(C, x, y; metric=:sqeuclidean, p=2, threads=0, fields...) -> C

Writes into `C` (n×m) the cost between the rows of `x` (n×d) and `y` (m×d). All three may
be any strided matrices of one element type (`Float64` or `Float32`): views, transposes of
dense arrays, column-major arrays, without copies. `metric` is `:sqeuclidean`, `:euclidean`,
`:minkowski` (exponent `p`) or `:cosine`; `threads = 0` uses the library default, 1 the
calling thread only. Further keywords set fields of `otc_cost_matrix_options` by name.
"""
function cost_matrix!(C::StridedMatrix{T}, x::StridedMatrix{T}, y::StridedMatrix{T};
                      metric::Symbol=:sqeuclidean, p::Real=2, threads::Integer=0,
                      fields...) where {T<:Union{Float32,Float64}}
    opts = Ref(cost_options(metric, p, threads; fields...))
    P, O, f, name = T === Float64 ?
        (LibOTCore.otc_cost_matrix_problem_f64, LibOTCore.otc_cost_matrix_outputs_f64,
         LibOTCore.otc_cost_matrix_f64, "otc_cost_matrix_f64") :
        (LibOTCore.otc_cost_matrix_problem_f32, LibOTCore.otc_cost_matrix_outputs_f32,
         LibOTCore.otc_cost_matrix_f32, "otc_cost_matrix_f32")
    GC.@preserve C x y begin
        problem = Ref(P(sizeof(P), view_of(x), view_of(y)))
        out = Ref(O(sizeof(O), zeroed(LibOTCore.otc_report), mut_view_of(C)))
        check(f(problem, out, opts, LibOTCore.otc_workspace(C_NULL, 0)), name)
    end
    return C
end

"""
    cost_matrix_workspace_size(x, y; metric=:sqeuclidean, p=2, threads=0) -> Int

Bytes of workspace `otc_cost_matrix_f64` needs for the clouds `x` (n×d) and `y` (m×d).
"""
function cost_matrix_workspace_size(x::StridedMatrix{Float64}, y::StridedMatrix{Float64};
                                    metric::Symbol=:sqeuclidean, p::Real=2, threads::Integer=0)
    opts = Ref(cost_options(metric, p, threads))
    bytes = Ref{Csize_t}(0)
    problem = Ref(LibOTCore.otc_cost_matrix_problem_f64(
        sizeof(LibOTCore.otc_cost_matrix_problem_f64), view_of(x), view_of(y)))
    GC.@preserve x y begin
        check(LibOTCore.otc_cost_matrix_workspace_size_f64(problem, opts, bytes),
              "otc_cost_matrix_workspace_size_f64")
    end
    return Int(bytes[])
end

"""
    cost_matrix(x, y; metric=:sqeuclidean, p=2, threads=0, fields...) -> Matrix

The n×m cost matrix between the rows of `x` (n×d) and `y` (m×d); see [`cost_matrix!`](@ref).
"""
function cost_matrix(x::StridedMatrix{T}, y::StridedMatrix{T}; kwargs...) where {T<:Union{Float32,Float64}}
    C = Matrix{T}(undef, size(x, 1), size(y, 1))
    return cost_matrix!(C, x, y; kwargs...)
end
