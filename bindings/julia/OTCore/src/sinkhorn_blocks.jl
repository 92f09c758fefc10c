# The pieces of a row-partitioned Sinkhorn, for callers that split the rows of one problem over
# processes (MPI ranks): a block step per block, the blocks' pairs merged in a fixed order, and
# the column update on every process.
# requires: otc_sinkhorn_block_step_f64, otc_sinkhorn_block_step_f32, otc_sinkhorn_block_step_points_f64, otc_sinkhorn_block_step_points_f32, otc_sinkhorn_block_column_update, otc_lse_pair_merge

"""
    lse_pairs(m) -> Vector{LibOTCore.otc_lse_pair}

`m` empty log-sum-exp pairs `(max = -Inf, sum = 0)`, to receive a block's column pairs.
"""
lse_pairs(m::Integer) = fill(LibOTCore.otc_lse_pair(-Inf, 0.0), m)

"""
    sinkhorn_block_step!(f_block, pairs, C_block, a_block, b, g; eps, threads=0, options...)
        -> block_error

One block's share of an alternating Sinkhorn iteration on the dense block `C_block` (rows×m
rows of the cost, `Float64` or `Float32`, strided): updates `f_block` (rows; on entry the
current potentials) from `g` (m), writes the block's column log-sum-exps into `pairs` (m, see
[`lse_pairs`](@ref); `nothing` for the row update only) and returns the block's part of the L1
marginal error of the potentials on entry. Options are fields of `otc_sinkhorn_options`
(`rho_a` for an unbalanced row side).
"""
function sinkhorn_block_step!(f_block::Vector{Float64}, pairs, C::StridedMatrix{T},
                              a_block::AbstractVector{<:Real}, b::AbstractVector{<:Real},
                              g::AbstractVector{<:Real}; eps::Real, threads::Integer=0,
                              kwargs...) where {T<:Union{Float32,Float64}}
    rows, m = size(C)
    checklen(f_block, rows, "f_block"); checklen(a_block, rows, "a_block")
    checklen(b, m, "b"); checklen(g, m, "g"); checklen(pairs, m, "pairs")
    a_block = dense(T, a_block); b = dense(T, b); g = dense(Float64, g)
    opts = sinkhorn_options(eps, threads, kwargs)
    err = Ref(0.0)
    GC.@preserve C a_block b g f_block pairs opts err begin
        if T === Float64
            check(LibOTCore.otc_sinkhorn_block_step_f64(view_of(C), a_block, b, g, opts, f_block,
                                                        ptr(pairs), err, C_NULL, 0),
                  "otc_sinkhorn_block_step_f64")
        else
            check(LibOTCore.otc_sinkhorn_block_step_f32(view_of(C), a_block, b, g, opts, f_block,
                                                        ptr(pairs), err, C_NULL, 0),
                  "otc_sinkhorn_block_step_f32")
        end
    end
    return err[]
end

"""
    sinkhorn_block_step_points!(f_block, pairs, x_block, y, a_block, b, g; eps, threads=0,
                                options...) -> block_error

[`sinkhorn_block_step!`](@ref) for the block's source points `x_block` (rows×d) against all
target points `y` (m×d), squared Euclidean cost computed on the fly.
"""
function sinkhorn_block_step_points!(f_block::Vector{Float64}, pairs, x::StridedMatrix{T},
                                     y::StridedMatrix{T}, a_block::AbstractVector{<:Real},
                                     b::AbstractVector{<:Real}, g::AbstractVector{<:Real};
                                     eps::Real, threads::Integer=0,
                                     kwargs...) where {T<:Union{Float32,Float64}}
    rows, m = size(x, 1), size(y, 1)
    checklen(f_block, rows, "f_block"); checklen(a_block, rows, "a_block")
    checklen(b, m, "b"); checklen(g, m, "g"); checklen(pairs, m, "pairs")
    a_block = dense(T, a_block); b = dense(T, b); g = dense(Float64, g)
    opts = sinkhorn_options(eps, threads, kwargs)
    err = Ref(0.0)
    GC.@preserve x y a_block b g f_block pairs opts err begin
        if T === Float64
            check(LibOTCore.otc_sinkhorn_block_step_points_f64(view_of(x), view_of(y), a_block, b,
                                                               g, opts, f_block, ptr(pairs), err,
                                                               C_NULL, 0),
                  "otc_sinkhorn_block_step_points_f64")
        else
            check(LibOTCore.otc_sinkhorn_block_step_points_f32(view_of(x), view_of(y), a_block, b,
                                                               g, opts, f_block, ptr(pairs), err,
                                                               C_NULL, 0),
                  "otc_sinkhorn_block_step_points_f32")
        end
    end
    return err[]
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
pair non-empty); `rho_b` among the options for an unbalanced column side.
"""
function sinkhorn_block_column_update!(g::Vector{Float64}, pairs::Vector{LibOTCore.otc_lse_pair};
                                       eps::Real, kwargs...)
    checklen(pairs, length(g), "pairs")
    opts = sinkhorn_options(eps, 0, kwargs)
    GC.@preserve g pairs opts begin
        check(LibOTCore.otc_sinkhorn_block_column_update(pairs, length(g), opts, g),
              "otc_sinkhorn_block_column_update")
    end
    return g
end
