# Entropic optimal transport by Sinkhorn's iteration, and the Sinkhorn divergence.

# Options `O` from the library's defaults, then epsilon, the threads, Ctrl-C polling (the
# interrupt callback every 10 iterations) and the given fields (named as in the C struct).
function solver_options(::Type{O}, default!, name, eps, threads, kwargs) where {O}
    return Ref(options(O, default!, name; epsilon=eps, num_threads=threads, callback_every=10,
                       callback=INTERRUPT_CALLBACK[], callback_data=C_NULL, kwargs...))
end
sinkhorn_options(eps, threads, kwargs) =
    solver_options(LibOTCore.otc_sinkhorn_options, LibOTCore.otc_sinkhorn_options_default,
                   "otc_sinkhorn_options_default", eps, threads, kwargs)
divergence_options(eps, threads, kwargs) =
    solver_options(LibOTCore.otc_sinkhorn_divergence_options,
                   LibOTCore.otc_sinkhorn_divergence_options_default,
                   "otc_sinkhorn_divergence_options_default", eps, threads, kwargs)

# The "not given" views (data NULL) and the C structs of each element type.
no_view(::Type{Float64}) = LibOTCore.otc_matrix_f64(C_NULL, 0, 0, 0, 0)
no_view(::Type{Float32}) = LibOTCore.otc_matrix_f32(C_NULL, 0, 0, 0, 0)
no_mut_view(::Type{Float64}) = LibOTCore.otc_matrix_mut_f64(C_NULL, 0, 0, 0, 0)
no_mut_view(::Type{Float32}) = LibOTCore.otc_matrix_mut_f32(C_NULL, 0, 0, 0, 0)
out_view(::Type{T}, M) where {T} = M === nothing ? no_mut_view(T) : mut_view_of(M)
sinkhorn_problem_type(::Type{Float64}) = LibOTCore.otc_sinkhorn_problem_f64
sinkhorn_problem_type(::Type{Float32}) = LibOTCore.otc_sinkhorn_problem_f32
sinkhorn_outputs_type(::Type{Float64}) = LibOTCore.otc_sinkhorn_outputs_f64
sinkhorn_outputs_type(::Type{Float32}) = LibOTCore.otc_sinkhorn_outputs_f32
divergence_problem_type(::Type{Float64}) = LibOTCore.otc_sinkhorn_divergence_problem_f64
divergence_problem_type(::Type{Float32}) = LibOTCore.otc_sinkhorn_divergence_problem_f32
divergence_outputs_type(::Type{Float64}) = LibOTCore.otc_sinkhorn_divergence_outputs_f64
divergence_outputs_type(::Type{Float32}) = LibOTCore.otc_sinkhorn_divergence_outputs_f32

# The report's fields as a named tuple.
report_tuple(r::LibOTCore.otc_report) =
    (status=Int32(r.status), path=Int(r.path), iterations=Int(r.iterations), error=r.error,
     seconds=r.seconds)

# Runs otc_sinkhorn_{f64,f32} on the views (cost, x, y: `no_view` where not given).
function run_sinkhorn(::Type{T}, a, b, cost, x, y, f0, g0, f, g, P, M, gx, gy, ga, gb,
                      opts) where {T}
    n, m = length(a), length(b)
    r = GC.@preserve a b f0 g0 f g P M gx gy ga gb opts begin
        problem = Ref(sinkhorn_problem_type(T)(sizeof(sinkhorn_problem_type(T)), pointer(a), n,
                                               pointer(b), m, cost, x, y,
                                               LibOTCore.OTC_METRIC_SQEUCLIDEAN, ptr(f0), ptr(g0)))
        out = Ref(sinkhorn_outputs_type(T)(sizeof(sinkhorn_outputs_type(T)),
                                           zeroed(LibOTCore.otc_report), 0.0, 0.0, 0.0,
                                           pointer(f), pointer(g), out_view(T, P), out_view(T, M),
                                           out_view(T, gx), out_view(T, gy), ptr(ga), ptr(gb)))
        name = T === Float64 ? "otc_sinkhorn_f64" : "otc_sinkhorn_f32"
        call = T === Float64 ? LibOTCore.otc_sinkhorn_f64 : LibOTCore.otc_sinkhorn_f32
        GC.@preserve problem out check(call(problem, out, opts, NO_WORK), name)
        out[]
    end
    return merge(report_tuple(r.report),
                 (entropic_ot=r.entropic_ot, transport_cost=r.transport_cost, mass=r.mass))
end

"""
    sinkhorn(a, b, C; eps, plan=true, init_f=nothing, init_g=nothing, threads=0, options...)
        -> (; entropic_ot, transport_cost, mass, plan, f, g, status, path, iterations, error, seconds)

Entropic optimal transport by Sinkhorn's iteration on the dense n×m cost `C` (a strided
`Float64` or `Float32` matrix, passed without copy) between the non-negative weights `a` (n)
and `b` (m). `eps` is the regularisation in cost units; every other option is a keyword named
as the field of `otc_sinkhorn_options`: `tolerance`, `max_iter`, `check_every`, `rho_a`,
`rho_b` (marginal penalties, `Inf` = balanced), `penalty` (`OTC_SINKHORN_PENALTY_KL` / `_TV`),
`path` (`OTC_SINKHORN_PATH_AUTO` / `_LOG_DOMAIN` / `_KERNEL` / `_TRUNCATED`), `kernel_memory_cap`,
`over_relaxation` (1 off, 0 adaptive, ω), `symmetric`, `mass_tolerance`, `eps_scaling_steps`,
`eps_scaling_iters`, `eps_scaling_start`, `callback_every` (Ctrl-C polling). `f`, `g` are the
potentials (Float64, cost units, `P = a b' .* exp.((f .+ g' .- C) ./ eps)`, not centred),
`init_f`, `init_g` a warm start; `entropic_ot` is OTε = ⟨C, P⟩ + ε KL(P | a⊗b) (with the
entropy term), `transport_cost` ⟨C, P⟩; `path` the path that ran; `error` the final L1
marginal error. `status` is `OTC_WARN_MAX_ITER` when the iteration cap was reached (outputs
valid); Ctrl-C stops the solve with an `InterruptException`.
"""
function sinkhorn(a::AbstractVector{<:Real}, b::AbstractVector{<:Real}, C::StridedMatrix{T};
                  eps::Real, plan::Bool=true, init_f=nothing, init_g=nothing,
                  threads::Integer=0, kwargs...) where {T<:Union{Float32,Float64}}
    n, m = size(C)
    checklen(a, n, "a"); checklen(b, m, "b"); checklen(init_f, n, "init_f"); checklen(init_g, m, "init_g")
    a = dense(T, a); b = dense(T, b)
    f0 = dense(Float64, init_f); g0 = dense(Float64, init_g)
    opts = sinkhorn_options(eps, threads, kwargs)
    f = Vector{Float64}(undef, n)
    g = Vector{Float64}(undef, m)
    P = plan ? Matrix{T}(undef, n, m) : nothing
    r = GC.@preserve C run_sinkhorn(T, a, b, view_of(C), no_view(T), no_view(T), f0, g0, f, g,
                                    P, nothing, nothing, nothing, nothing, nothing, opts)
    return merge(r, (plan=P, f=f, g=g))
end

"""
    sinkhorn_points(x, y, a, b; eps, plan=false, map=false, gradients=false, init_f=nothing,
                    init_g=nothing, threads=0, options...)
        -> (; entropic_ot, transport_cost, mass, plan, map, grad_x, grad_y, grad_a, grad_b, f, g, ...)

Sinkhorn between the point clouds `x` (n×d) and `y` (m×d) with the squared Euclidean cost
computed on the fly (memory O((n+m)d); the n×m plan only when `plan=true`). `map` (n×d) is the
barycentric projection Σⱼ Pᵢⱼ yⱼ / Σⱼ Pᵢⱼ of every xᵢ; `gradients=true` adds the gradients of
OTε in `x` (n×d), `y` (m×d), `a` (n) and `b` (m). Otherwise as [`sinkhorn`](@ref).
"""
function sinkhorn_points(x::StridedMatrix{T}, y::StridedMatrix{T}, a::AbstractVector{<:Real},
                         b::AbstractVector{<:Real}; eps::Real, plan::Bool=false,
                         map::Bool=false, gradients::Bool=false, init_f=nothing,
                         init_g=nothing, threads::Integer=0,
                         kwargs...) where {T<:Union{Float32,Float64}}
    n, m, d = size(x, 1), size(y, 1), size(x, 2)
    checklen(a, n, "a"); checklen(b, m, "b"); checklen(init_f, n, "init_f"); checklen(init_g, m, "init_g")
    a = dense(T, a); b = dense(T, b)
    f0 = dense(Float64, init_f); g0 = dense(Float64, init_g)
    opts = sinkhorn_options(eps, threads, kwargs)
    f = Vector{Float64}(undef, n)
    g = Vector{Float64}(undef, m)
    P = plan ? Matrix{T}(undef, n, m) : nothing
    M = map ? Matrix{T}(undef, n, d) : nothing
    gx = gradients ? Matrix{T}(undef, n, d) : nothing
    gy = gradients ? Matrix{T}(undef, m, d) : nothing
    ga = gradients ? Vector{Float64}(undef, n) : nothing
    gb = gradients ? Vector{Float64}(undef, m) : nothing
    r = GC.@preserve x y run_sinkhorn(T, a, b, no_view(T), view_of(x), view_of(y), f0, g0, f, g,
                                      P, M, gx, gy, ga, gb, opts)
    return merge(r, (plan=P, map=M, grad_x=gx, grad_y=gy, grad_a=ga, grad_b=gb, f=f, g=g))
end

# Runs otc_sinkhorn_divergence_{f64,f32} on the views (`no_view` where not given).
function run_divergence(::Type{T}, a, b, costs, x, y, gx, gy, ga, gb, opts) where {T}
    n, m = length(a), length(b)
    r = GC.@preserve a b gx gy ga gb opts begin
        problem = Ref(divergence_problem_type(T)(sizeof(divergence_problem_type(T)), pointer(a),
                                                 n, pointer(b), m, costs..., x, y,
                                                 LibOTCore.OTC_METRIC_SQEUCLIDEAN))
        out = Ref(divergence_outputs_type(T)(sizeof(divergence_outputs_type(T)),
                                             zeroed(LibOTCore.otc_report), 0.0, 0.0, 0.0, 0.0,
                                             out_view(T, gx), out_view(T, gy), ptr(ga), ptr(gb)))
        name = T === Float64 ? "otc_sinkhorn_divergence_f64" : "otc_sinkhorn_divergence_f32"
        call = T === Float64 ? LibOTCore.otc_sinkhorn_divergence_f64 :
               LibOTCore.otc_sinkhorn_divergence_f32
        GC.@preserve problem out check(call(problem, out, opts, NO_WORK), name)
        out[]
    end
    return merge(report_tuple(r.report),
                 (divergence=r.divergence, entropic_ot_xy=r.entropic_ot_xy,
                  entropic_ot_xx=r.entropic_ot_xx, entropic_ot_yy=r.entropic_ot_yy))
end

"""
    sinkhorn_divergence(a, b, Cxy, Cxx, Cyy; eps, threads=0, options...)
        -> (; divergence, entropic_ot_xy, entropic_ot_xx, entropic_ot_yy, status, path, iterations, error, seconds)

The Sinkhorn divergence S = OTε(a,b) − ½OTε(a,a) − ½OTε(b,b) + ε(Σa − Σb)²/2 (each OTε with
its entropy term) from the three dense costs C(x,y) (n×m), C(x,x) (n×n), C(y,y) (m×m)
(`Float64` or `Float32`). Options as [`sinkhorn`](@ref) (fields of
`otc_sinkhorn_divergence_options`); `iterations` counts the three solves, `error` is the
largest of their marginal errors.
"""
function sinkhorn_divergence(a::AbstractVector{<:Real}, b::AbstractVector{<:Real},
                             Cxy::StridedMatrix{T}, Cxx::StridedMatrix{T}, Cyy::StridedMatrix{T};
                             eps::Real, threads::Integer=0, kwargs...) where {T<:Union{Float32,Float64}}
    checklen(a, size(Cxy, 1), "a"); checklen(b, size(Cxy, 2), "b")
    a = dense(T, a); b = dense(T, b)
    opts = divergence_options(eps, threads, kwargs)
    return GC.@preserve Cxy Cxx Cyy run_divergence(T, a, b, (view_of(Cxy), view_of(Cxx), view_of(Cyy)),
                                                   no_view(T), no_view(T), nothing, nothing,
                                                   nothing, nothing, opts)
end

"""
    sinkhorn_divergence_points(x, y, a, b; eps, gradients=false, threads=0, options...)
        -> (; divergence, ..., grad_x, grad_y, grad_a, grad_b)

The Sinkhorn divergence between the point clouds `x` (n×d) and `y` (m×d) with the squared
Euclidean cost computed on the fly; `gradients=true` adds the gradients of S in `x`, `y`, `a`,
`b`. Otherwise as [`sinkhorn_divergence`](@ref).
"""
function sinkhorn_divergence_points(x::StridedMatrix{T}, y::StridedMatrix{T},
                                    a::AbstractVector{<:Real}, b::AbstractVector{<:Real};
                                    eps::Real, gradients::Bool=false, threads::Integer=0,
                                    kwargs...) where {T<:Union{Float32,Float64}}
    n, m, d = size(x, 1), size(y, 1), size(x, 2)
    checklen(a, n, "a"); checklen(b, m, "b")
    a = dense(T, a); b = dense(T, b)
    opts = divergence_options(eps, threads, kwargs)
    gx = gradients ? Matrix{T}(undef, n, d) : nothing
    gy = gradients ? Matrix{T}(undef, m, d) : nothing
    ga = gradients ? Vector{Float64}(undef, n) : nothing
    gb = gradients ? Vector{Float64}(undef, m) : nothing
    r = GC.@preserve x y run_divergence(T, a, b, (no_view(T), no_view(T), no_view(T)),
                                        view_of(x), view_of(y), gx, gy, ga, gb, opts)
    return merge(r, (grad_x=gx, grad_y=gy, grad_a=ga, grad_b=gb))
end
