# The pieces of a row-partitioned Sinkhorn, for callers that split the rows of one problem over
# processes (MPI ranks): a block step per block (op sinkhorn_block_step), the blocks' pairs
# merged in a fixed order, and the column update on every process (op
# sinkhorn_block_column_update).

"""
    lse_pairs(m) -> Vector{LibOTCore.otc_lse_pair}

`m` empty log-sum-exp pairs `(max = -Inf, sum = 0)`, to receive a block's column pairs.
"""
lse_pairs(m::Integer) = fill(LibOTCore.otc_lse_pair(-Inf, 0.0), m)

# The step on the cost form given (`cost`, or `x` and `y`; the others `no_view`): f_block is
# updated in place (the C call reads a copy of it: its input and output must not overlap).
function block_step!(f_block::Vector{Float64}, pairs, ::Type{T}, cost, x, y, a_block, b, g,
                     eps, kwargs) where {T}
    opts = Ref(options(LibOTCore.otc_sinkhorn_block_step_options,
                       LibOTCore.otc_sinkhorn_block_step_options_default,
                       "otc_sinkhorn_block_step_options_default"; epsilon=eps, kwargs...))
    a_block = dense(T, a_block); b = dense(T, b); g = dense(Float64, g)
    f_in = copy(f_block)
    P, O, name = T === Float64 ?
        (LibOTCore.otc_sinkhorn_block_step_problem_f64, LibOTCore.otc_sinkhorn_block_step_outputs_f64,
         "otc_sinkhorn_block_step_f64") :
        (LibOTCore.otc_sinkhorn_block_step_problem_f32, LibOTCore.otc_sinkhorn_block_step_outputs_f32,
         "otc_sinkhorn_block_step_f32")
    return GC.@preserve a_block b g f_in f_block pairs begin
        problem = Ref(P(sizeof(P), cost, x, y, pointer(a_block), pointer(b), pointer(g),
                        pointer(f_in)))
        out = Ref(O(sizeof(O), zeroed(LibOTCore.otc_report), 0.0, pointer(f_block), ptr(pairs)))
        status = T === Float64 ?
            LibOTCore.otc_sinkhorn_block_step_f64(problem, out, opts, NO_WORK) :
            LibOTCore.otc_sinkhorn_block_step_f32(problem, out, opts, NO_WORK)
        check(status, name)
        out[].marginal_error
    end
end

"""
    sinkhorn_block_step!(f_block, pairs, C_block, a_block, b, g; eps, options...)
        -> marginal_error

One block's share of an alternating Sinkhorn iteration on the dense block `C_block` (rows×m
rows of the cost, `Float64` or `Float32`, strided): updates `f_block` (rows; on entry the
current potentials) from `g` (m), writes the block's column log-sum-exps into `pairs` (m, see
[`lse_pairs`](@ref); `nothing` for the row update only) and returns the block's part of the L1
marginal error of the potentials on entry. Potentials: `P_ij = a_i b_j exp((f_i + g_j −
C_ij)/ε)`. Options are keyword arguments named as the fields of
`otc_sinkhorn_block_step_options`: `num_threads` (0 default, 1 the calling thread), `rho_a`,
`rho_b` (KL penalties; `Inf` = balanced); `eps` sets `epsilon`.
"""
function sinkhorn_block_step!(f_block::Vector{Float64}, pairs, C::StridedMatrix{T},
                              a_block::AbstractVector{<:Real}, b::AbstractVector{<:Real},
                              g::AbstractVector{<:Real}; eps::Real,
                              kwargs...) where {T<:Union{Float32,Float64}}
    rows, m = size(C)
    checklen(f_block, rows, "f_block"); checklen(a_block, rows, "a_block")
    checklen(b, m, "b"); checklen(g, m, "g"); checklen(pairs, m, "pairs")
    GC.@preserve C begin
        return block_step!(f_block, pairs, T, view_of(C), no_view(T), no_view(T), a_block, b, g,
                           eps, kwargs)
    end
end

"""
    sinkhorn_block_step_points!(f_block, pairs, x_block, y, a_block, b, g; eps, options...)
        -> marginal_error

[`sinkhorn_block_step!`](@ref) for the block's source points `x_block` (rows×d) against all
target points `y` (m×d), squared Euclidean cost computed on the fly.
"""
function sinkhorn_block_step_points!(f_block::Vector{Float64}, pairs, x::StridedMatrix{T},
                                     y::StridedMatrix{T}, a_block::AbstractVector{<:Real},
                                     b::AbstractVector{<:Real}, g::AbstractVector{<:Real};
                                     eps::Real, kwargs...) where {T<:Union{Float32,Float64}}
    rows, m = size(x, 1), size(y, 1)
    checklen(f_block, rows, "f_block"); checklen(a_block, rows, "a_block")
    checklen(b, m, "b"); checklen(g, m, "g"); checklen(pairs, m, "pairs")
    GC.@preserve x y begin
        return block_step!(f_block, pairs, T, no_view(T), view_of(x), view_of(y), a_block, b, g,
                           eps, kwargs)
    end
end

"""
    lse_pair_merge!(acc, other) -> acc

`acc[j]` merged with `other[j]` (the pair of the union of both sets of rows); commutative bit
for bit, not associative: merge the blocks in a fixed order.
"""
function lse_pair_merge!(acc::Vector{LibOTCore.otc_lse_pair},
                         other::Vector{LibOTCore.otc_lse_pair})
    checklen(other, length(acc), "other")
    GC.@preserve acc other begin
        check(LibOTCore.otc_lse_pair_merge(acc, other, length(acc)), "otc_lse_pair_merge")
    end
    return acc
end

"""
    sinkhorn_block_column_update!(g, pairs; eps, options...) -> g

The column update `g[j] = -κ_b eps log(pairs[j])` from the pairs of all blocks merged (every
pair non-empty). Options are keyword arguments named as the fields of
`otc_sinkhorn_block_column_update_options`: `rho_b` (unbalanced column side), `num_threads`;
`eps` sets `epsilon`.
"""
function sinkhorn_block_column_update!(g::Vector{Float64}, pairs::Vector{LibOTCore.otc_lse_pair};
                                       eps::Real, kwargs...)
    checklen(pairs, length(g), "pairs")
    opts = Ref(options(LibOTCore.otc_sinkhorn_block_column_update_options,
                       LibOTCore.otc_sinkhorn_block_column_update_options_default,
                       "otc_sinkhorn_block_column_update_options_default"; epsilon=eps, kwargs...))
    P = LibOTCore.otc_sinkhorn_block_column_update_problem_f64
    O = LibOTCore.otc_sinkhorn_block_column_update_outputs_f64
    GC.@preserve g pairs begin
        problem = Ref(P(sizeof(P), pointer(pairs), length(g)))
        out = Ref(O(sizeof(O), zeroed(LibOTCore.otc_report), pointer(g)))
        check(LibOTCore.otc_sinkhorn_block_column_update_f64(problem, out, opts, NO_WORK),
              "otc_sinkhorn_block_column_update_f64")
    end
    return g
end

"""
    sinkhorn_block_workspace_sizes(rows, m, d=0; T=Float64) -> (step = bytes, column_update = bytes)

The bytes of workspace a block step of `rows` rows and `m` columns needs (points of dimension
`d`, or a dense block when `d == 0`; element type `T`) and the column update needs (0). The
functions above let otcore allocate them; this reports their size.
"""
function sinkhorn_block_workspace_sizes(rows::Integer, m::Integer, d::Integer=0;
                                        T::Type{<:Union{Float32,Float64}}=Float64)
    # The query reads which cost form is given (a non-NULL data pointer, never dereferenced)
    # and the views' sizes only.
    marker = Ptr{T}(UInt(64))
    V = T === Float64 ? LibOTCore.otc_matrix_f64 : LibOTCore.otc_matrix_f32
    cost, x, y = d == 0 ?
        (V(marker, rows, m, 0, 0), no_view(T), no_view(T)) :
        (no_view(T), V(marker, rows, d, 0, 0), V(C_NULL, m, d, 0, 0))
    P = T === Float64 ? LibOTCore.otc_sinkhorn_block_step_problem_f64 :
        LibOTCore.otc_sinkhorn_block_step_problem_f32
    problem = Ref(P(sizeof(P), cost, x, y, C_NULL, C_NULL, C_NULL, C_NULL))
    step = Ref{Csize_t}(0)
    if T === Float64
        check(LibOTCore.otc_sinkhorn_block_step_workspace_size_f64(problem, C_NULL, step),
              "otc_sinkhorn_block_step_workspace_size_f64")
    else
        check(LibOTCore.otc_sinkhorn_block_step_workspace_size_f32(problem, C_NULL, step),
              "otc_sinkhorn_block_step_workspace_size_f32")
    end
    PC = LibOTCore.otc_sinkhorn_block_column_update_problem_f64
    column = Ref{Csize_t}(0)
    check(LibOTCore.otc_sinkhorn_block_column_update_workspace_size_f64(
              Ref(PC(sizeof(PC), C_NULL, m)), C_NULL, column),
          "otc_sinkhorn_block_column_update_workspace_size_f64")
    return (step = Int(step[]), column_update = Int(column[]))
end
