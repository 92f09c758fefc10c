# Entropic optimal transport by log-domain Sinkhorn.
# requires: otc_sinkhorn_options_default, otc_sinkhorn_f64, otc_sinkhorn_f32, otc_sinkhorn_points_f64, otc_sinkhorn_points_f32, otc_sinkhorn_divergence_f64, otc_sinkhorn_divergence_f32, otc_sinkhorn_divergence_points_f64, otc_sinkhorn_divergence_points_f32

sinkhorn_options(eps, threads, kwargs) =
    Ref(options(LibOTCore.otc_sinkhorn_options, LibOTCore.otc_sinkhorn_options_default,
                "otc_sinkhorn_options_default"; epsilon=eps, num_threads=threads, kwargs...))

# The named tuple of a Sinkhorn solve's report.
function sinkhorn_report(i::LibOTCore.otc_sinkhorn_info, st)
    return (cost=i.transport_cost, dual=i.dual, marginal_error=i.marginal_error, mass=i.mass,
            iterations=Int(i.iterations), converged=i.converged != 0, status=Int32(st))
end

"""
    sinkhorn(a, b, C; eps, plan=true, init_f=nothing, init_g=nothing, threads=0, options...)
        -> (; cost, plan, f, g, dual, marginal_error, mass, iterations, converged, status)

Entropic optimal transport by log-domain Sinkhorn on the dense n×m cost `C` (a strided
`Float64` or `Float32` matrix, passed without copy) between the non-negative weights `a` (n)
and `b` (m). `eps` is the regularisation in cost units; further options are the fields of
`otc_sinkhorn_options` (`rho_a`, `rho_b` for unbalanced KL marginals, `tolerance`, `max_iter`,
`eps_scaling_steps`, ...). `f`, `g` are the potentials (Float64, cost units), `plan` the n×m
plan (`nothing` with `plan=false`), `cost` = ⟨C, plan⟩. `status` is `OTC_WARN_MAX_ITER` when the
iteration cap was reached (outputs valid).
"""
function sinkhorn(a::AbstractVector{<:Real}, b::AbstractVector{<:Real}, C::StridedMatrix{T};
                  eps::Real, plan::Bool=true, init_f=nothing, init_g=nothing,
                  threads::Integer=0, kwargs...) where {T<:Union{Float32,Float64}}
    n, m = size(C)
    checklen(a, n, "a"); checklen(b, m, "b"); checklen(init_f, n, "init_f"); checklen(init_g, m, "init_g")
    a = dense(T, a); b = dense(T, b)
    f0 = dense(Float64, init_f); g0 = dense(Float64, init_g)
    opts = sinkhorn_options(eps, threads, kwargs)
    info = Ref(report(LibOTCore.otc_sinkhorn_info))
    f = Vector{Float64}(undef, n)
    g = Vector{Float64}(undef, m)
    P = plan ? Matrix{T}(undef, n, m) : nothing
    st = GC.@preserve a b C f0 g0 f g P opts info begin
        pv = P === nothing ? C_NULL : Ref(mut_view_of(P))
        GC.@preserve pv begin
            if T === Float64
                check(LibOTCore.otc_sinkhorn_f64(view_of(C), a, b, opts, ptr(f0), ptr(g0), f, g,
                                                 pv, info, C_NULL, 0), "otc_sinkhorn_f64")
            else
                check(LibOTCore.otc_sinkhorn_f32(view_of(C), a, b, opts, ptr(f0), ptr(g0), f, g,
                                                 pv, info, C_NULL, 0), "otc_sinkhorn_f32")
            end
        end
    end
    return merge(sinkhorn_report(info[], st), (plan=P, f=f, g=g))
end

"""
    sinkhorn_points(x, y, a, b; eps, plan=false, map=false, threads=0, options...)
        -> (; cost, plan, map, f, g, dual, ...)

Sinkhorn between the point clouds `x` (n×d) and `y` (m×d) with the squared Euclidean cost
computed on the fly (memory O((n+m)d); the n×m plan only when `plan=true`). `map` (n×d) is the
barycentric projection Σⱼ Pᵢⱼ yⱼ / Σⱼ Pᵢⱼ of every xᵢ. Otherwise as [`sinkhorn`](@ref).
"""
function sinkhorn_points(x::StridedMatrix{T}, y::StridedMatrix{T}, a::AbstractVector{<:Real},
                         b::AbstractVector{<:Real}; eps::Real, plan::Bool=false,
                         map::Bool=false, init_f=nothing, init_g=nothing, threads::Integer=0,
                         kwargs...) where {T<:Union{Float32,Float64}}
    n, m, d = size(x, 1), size(y, 1), size(x, 2)
    checklen(a, n, "a"); checklen(b, m, "b"); checklen(init_f, n, "init_f"); checklen(init_g, m, "init_g")
    a = dense(T, a); b = dense(T, b)
    f0 = dense(Float64, init_f); g0 = dense(Float64, init_g)
    opts = sinkhorn_options(eps, threads, kwargs)
    info = Ref(report(LibOTCore.otc_sinkhorn_info))
    f = Vector{Float64}(undef, n)
    g = Vector{Float64}(undef, m)
    P = plan ? Matrix{T}(undef, n, m) : nothing
    M = map ? Matrix{T}(undef, n, d) : nothing
    st = GC.@preserve x y a b f0 g0 f g P M opts info begin
        pv = P === nothing ? C_NULL : Ref(mut_view_of(P))
        mv = M === nothing ? C_NULL : Ref(mut_view_of(M))
        GC.@preserve pv mv begin
            if T === Float64
                check(LibOTCore.otc_sinkhorn_points_f64(view_of(x), view_of(y), a, b, opts,
                                                        ptr(f0), ptr(g0), f, g, pv, mv, info,
                                                        C_NULL, 0), "otc_sinkhorn_points_f64")
            else
                check(LibOTCore.otc_sinkhorn_points_f32(view_of(x), view_of(y), a, b, opts,
                                                        ptr(f0), ptr(g0), f, g, pv, mv, info,
                                                        C_NULL, 0), "otc_sinkhorn_points_f32")
            end
        end
    end
    return merge(sinkhorn_report(info[], st), (plan=P, map=M, f=f, g=g))
end

"""
    sinkhorn_divergence(a, b, Cxy, Cxx, Cyy; eps, threads=0, options...) -> (; value, status, solves)

The Sinkhorn divergence S = OTε(a,b) − ½OTε(a,a) − ½OTε(b,b) from the three dense costs
C(x,y) (n×m), C(x,x) (n×n), C(y,y) (m×m) (`Float64` or `Float32`); `solves` are the reports of
the three solves.
"""
function sinkhorn_divergence(a::AbstractVector{<:Real}, b::AbstractVector{<:Real},
                             Cxy::StridedMatrix{T}, Cxx::StridedMatrix{T}, Cyy::StridedMatrix{T};
                             eps::Real, threads::Integer=0, kwargs...) where {T<:Union{Float32,Float64}}
    checklen(a, size(Cxy, 1), "a"); checklen(b, size(Cxy, 2), "b")
    a = dense(T, a); b = dense(T, b)
    opts = sinkhorn_options(eps, threads, kwargs)
    infos = [report(LibOTCore.otc_sinkhorn_info) for _ in 1:3]
    value = Ref(0.0)
    st = GC.@preserve Cxy Cxx Cyy a b opts infos value begin
        if T === Float64
            check(LibOTCore.otc_sinkhorn_divergence_f64(view_of(Cxy), view_of(Cxx), view_of(Cyy),
                                                        a, b, opts, value, infos, C_NULL, 0),
                  "otc_sinkhorn_divergence_f64")
        else
            check(LibOTCore.otc_sinkhorn_divergence_f32(view_of(Cxy), view_of(Cxx), view_of(Cyy),
                                                        a, b, opts, value, infos, C_NULL, 0),
                  "otc_sinkhorn_divergence_f32")
        end
    end
    return (value=value[], status=Int32(st), solves=[sinkhorn_report(i, st) for i in infos])
end

"""
    sinkhorn_divergence_points(x, y, a, b; eps, threads=0, options...) -> (; value, status, solves)

The Sinkhorn divergence between the point clouds `x` (n×d) and `y` (m×d) with the squared
Euclidean cost computed on the fly; otherwise as [`sinkhorn_divergence`](@ref).
"""
function sinkhorn_divergence_points(x::StridedMatrix{T}, y::StridedMatrix{T},
                                    a::AbstractVector{<:Real}, b::AbstractVector{<:Real};
                                    eps::Real, threads::Integer=0,
                                    kwargs...) where {T<:Union{Float32,Float64}}
    checklen(a, size(x, 1), "a"); checklen(b, size(y, 1), "b")
    a = dense(T, a); b = dense(T, b)
    opts = sinkhorn_options(eps, threads, kwargs)
    infos = [report(LibOTCore.otc_sinkhorn_info) for _ in 1:3]
    value = Ref(0.0)
    st = GC.@preserve x y a b opts infos value begin
        if T === Float64
            check(LibOTCore.otc_sinkhorn_divergence_points_f64(view_of(x), view_of(y), a, b, opts,
                                                               value, infos, C_NULL, 0),
                  "otc_sinkhorn_divergence_points_f64")
        else
            check(LibOTCore.otc_sinkhorn_divergence_points_f32(view_of(x), view_of(y), a, b, opts,
                                                               value, infos, C_NULL, 0),
                  "otc_sinkhorn_divergence_points_f32")
        end
    end
    return (value=value[], status=Int32(st), solves=[sinkhorn_report(i, st) for i in infos])
end
