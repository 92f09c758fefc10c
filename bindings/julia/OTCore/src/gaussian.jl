# Gaussian optimal transport: Bures distance, closed-form W₂, maps, geodesics, barycenters
# (ABI 1: one problem / outputs / options struct per operation).

# Keyword options of every function are the fields of its C options struct
# (`otc_<op>_options`: `symmetry_tol`, `psd_tol`, `rank_tol`, `tol`, `max_iter`,
# `callback_every`, as the operation has them), plus `threads` (its `num_threads`).
gaussian_options(O, default!, threads, kwargs) =
    Ref(options(O, default!, string(nameof(O), "_default"); num_threads=threads, kwargs...))

# Runs `call(problem, outputs, options, workspace)` (library-allocated workspace): the status
# (OTC_OK or a warning; errors throw) and the outputs struct as the library wrote it.
function gaussian_call(call, name, problem, outputs, opts; interrupted=Ref(true))
    p = Ref(problem); r = Ref(outputs)
    st = GC.@preserve p r opts begin
        check(call(p, r, opts, NO_WORK), name; interrupted=interrupted[])
    end
    return Int32(st), r[]
end

function square(S, what)
    size(S, 1) == size(S, 2) || throw(DimensionMismatch("$what is $(size(S)), not square"))
    return size(S, 1)
end

"""
    bures(Σ1, Σ2; threads=0, options...) -> Float64

The squared Bures distance B²(Σ₁, Σ₂) = tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½ between two
symmetric PSD d×d matrices (singular ones are fine; indefinite ones throw `OTC_ERR_NOT_PSD`).
"""
function bures(S1::AbstractMatrix{<:Real}, S2::AbstractMatrix{<:Real}; threads::Integer=0, kwargs...)
    S1 = fmat(S1); S2 = fmat(S2)
    opts = gaussian_options(LibOTCore.otc_bures_options, LibOTCore.otc_bures_options_default,
                            threads, kwargs)
    GC.@preserve S1 S2 begin
        p = abi(LibOTCore.otc_bures_problem_f64; sigma1=view_of(S1), sigma2=view_of(S2))
        _, r = gaussian_call(LibOTCore.otc_bures_f64, "otc_bures_f64", p,
                             abi(LibOTCore.otc_bures_outputs_f64), opts)
    end
    return r.bures_squared
end

"""
    gaussian_w2(m1, Σ1, m2, Σ2; threads=0, options...) -> Float64

The squared 2-Wasserstein distance between N(m1, Σ₁) and N(m2, Σ₂): ‖m1 − m2‖² + B²(Σ₁, Σ₂).
"""
function gaussian_w2(m1::AbstractVector{<:Real}, S1::AbstractMatrix{<:Real},
                     m2::AbstractVector{<:Real}, S2::AbstractMatrix{<:Real}; threads::Integer=0, kwargs...)
    d = square(S1, "Σ1")
    checklen(m1, d, "m1"); checklen(m2, d, "m2")
    m1 = dense(Float64, m1); m2 = dense(Float64, m2); S1 = fmat(S1); S2 = fmat(S2)
    opts = gaussian_options(LibOTCore.otc_gaussian_w2_options,
                            LibOTCore.otc_gaussian_w2_options_default, threads, kwargs)
    GC.@preserve m1 m2 S1 S2 begin
        p = abi(LibOTCore.otc_gaussian_w2_problem_f64; m1=pointer(m1), sigma1=view_of(S1),
                       m2=pointer(m2), sigma2=view_of(S2))
        _, r = gaussian_call(LibOTCore.otc_gaussian_w2_f64, "otc_gaussian_w2_f64", p,
                             abi(LibOTCore.otc_gaussian_w2_outputs_f64), opts)
    end
    return r.w2_squared
end

"""
    gaussian_entropic_w2(m1, Σ1, m2, Σ2; eps, threads=0, options...) -> Float64

The entropic OT cost min_π E‖x − y‖² + eps·KL(π‖α⊗β) between N(m1, Σ₁) and N(m2, Σ₂), in
closed form (Janati et al. 2020); `eps > 0`.
"""
function gaussian_entropic_w2(m1::AbstractVector{<:Real}, S1::AbstractMatrix{<:Real},
                              m2::AbstractVector{<:Real}, S2::AbstractMatrix{<:Real};
                              eps::Real, threads::Integer=0, kwargs...)
    d = square(S1, "Σ1")
    checklen(m1, d, "m1"); checklen(m2, d, "m2")
    m1 = dense(Float64, m1); m2 = dense(Float64, m2); S1 = fmat(S1); S2 = fmat(S2)
    opts = gaussian_options(LibOTCore.otc_gaussian_entropic_w2_options,
                            LibOTCore.otc_gaussian_entropic_w2_options_default, threads, kwargs)
    GC.@preserve m1 m2 S1 S2 begin
        p = abi(LibOTCore.otc_gaussian_entropic_w2_problem_f64; m1=pointer(m1),
                       sigma1=view_of(S1), m2=pointer(m2), sigma2=view_of(S2), epsilon=eps)
        _, r = gaussian_call(LibOTCore.otc_gaussian_entropic_w2_f64, "otc_gaussian_entropic_w2_f64",
                             p, abi(LibOTCore.otc_gaussian_entropic_w2_outputs_f64), opts)
    end
    return r.cost
end

"""
    gaussian_w2_pairwise(means1, covs1, means2, covs2; threads=0, options...) -> Matrix

All squared W₂ distances between k₁ Gaussians (means = rows of `means1`, k₁×d; `covs1` a
vector of k₁ d×d covariances) and k₂ Gaussians: a k₁×k₂ matrix, identical for every thread count.
"""
function gaussian_w2_pairwise(means1::AbstractMatrix{<:Real}, covs1::AbstractVector{<:AbstractMatrix},
                              means2::AbstractMatrix{<:Real}, covs2::AbstractVector{<:AbstractMatrix};
                              threads::Integer=0, kwargs...)
    checklen(covs1, size(means1, 1), "covs1"); checklen(covs2, size(means2, 1), "covs2")
    means1 = fmat(means1); means2 = fmat(means2)
    c1 = [fmat(S) for S in covs1]; c2 = [fmat(S) for S in covs2]
    opts = gaussian_options(LibOTCore.otc_gaussian_w2_pairwise_options,
                            LibOTCore.otc_gaussian_w2_pairwise_options_default, threads, kwargs)
    W = Matrix{Float64}(undef, size(means1, 1), size(means2, 1))
    GC.@preserve means1 means2 c1 c2 W begin
        v1 = [view_of(S) for S in c1]; v2 = [view_of(S) for S in c2]
        GC.@preserve v1 v2 begin
            p = abi(LibOTCore.otc_gaussian_w2_pairwise_problem_f64; means1=view_of(means1),
                           covs1=pointer(v1), means2=view_of(means2), covs2=pointer(v2))
            out = abi(LibOTCore.otc_gaussian_w2_pairwise_outputs_f64; w2_squared=mut_view_of(W))
            gaussian_call(LibOTCore.otc_gaussian_w2_pairwise_f64, "otc_gaussian_w2_pairwise_f64", p,
                          out, opts)
        end
    end
    return W
end

"""
    gaussian_map(m1, Σ1, m2, Σ2; threads=0, options...) -> (; A, b, rank, status)

The optimal map T(x) = A x + b from N(m1, Σ₁) to N(m2, Σ₂), A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½.
`status` is `OTC_WARN_SINGULAR` when Σ₁ is rank-deficient (pseudo-inverse map; `rank` < d).
"""
function gaussian_map(m1::AbstractVector{<:Real}, S1::AbstractMatrix{<:Real},
                      m2::AbstractVector{<:Real}, S2::AbstractMatrix{<:Real}; threads::Integer=0, kwargs...)
    d = square(S1, "Σ1")
    checklen(m1, d, "m1"); checklen(m2, d, "m2")
    m1 = dense(Float64, m1); m2 = dense(Float64, m2); S1 = fmat(S1); S2 = fmat(S2)
    opts = gaussian_options(LibOTCore.otc_gaussian_map_options,
                            LibOTCore.otc_gaussian_map_options_default, threads, kwargs)
    A = Matrix{Float64}(undef, d, d)
    b = Vector{Float64}(undef, d)
    st, r = GC.@preserve m1 m2 S1 S2 A b begin
        p = abi(LibOTCore.otc_gaussian_map_problem_f64; m1=pointer(m1), sigma1=view_of(S1),
                       m2=pointer(m2), sigma2=view_of(S2))
        out = abi(LibOTCore.otc_gaussian_map_outputs_f64; a=mut_view_of(A), b=pointer(b))
        gaussian_call(LibOTCore.otc_gaussian_map_f64, "otc_gaussian_map_f64", p, out, opts)
    end
    return (A=A, b=b, rank=Int(r.rank), status=st)
end

"""
    gaussian_map_apply(A, b, x; threads=0) -> Matrix

The points x ↦ A x + b for every row of `x` (n×d); `b = nothing` means 0.
"""
function gaussian_map_apply(A::AbstractMatrix{<:Real}, b, x::AbstractMatrix{<:Real};
                            threads::Integer=0, kwargs...)
    A = fmat(A); x = fmat(x)
    checklen(b, size(A, 1), "b")
    b = dense(Float64, b)
    opts = gaussian_options(LibOTCore.otc_gaussian_map_apply_options,
                            LibOTCore.otc_gaussian_map_apply_options_default, threads, kwargs)
    Y = Matrix{Float64}(undef, size(x, 1), size(A, 1))
    GC.@preserve A b x Y begin
        p = abi(LibOTCore.otc_gaussian_map_apply_problem_f64; a=view_of(A), b=ptr(b),
                       x=view_of(x))
        out = abi(LibOTCore.otc_gaussian_map_apply_outputs_f64; y=mut_view_of(Y))
        gaussian_call(LibOTCore.otc_gaussian_map_apply_f64, "otc_gaussian_map_apply_f64", p, out,
                      opts)
    end
    return Y
end

"""
    gaussian_geodesic(m1, Σ1, m2, Σ2, t; threads=0, options...) -> (; mean, cov, rank, status)

The W₂ geodesic (McCann interpolant) at time t ∈ [0, 1] from N(m1, Σ₁) to N(m2, Σ₂).
"""
function gaussian_geodesic(m1::AbstractVector{<:Real}, S1::AbstractMatrix{<:Real},
                           m2::AbstractVector{<:Real}, S2::AbstractMatrix{<:Real}, t::Real;
                           threads::Integer=0, kwargs...)
    d = square(S1, "Σ1")
    checklen(m1, d, "m1"); checklen(m2, d, "m2")
    m1 = dense(Float64, m1); m2 = dense(Float64, m2); S1 = fmat(S1); S2 = fmat(S2)
    opts = gaussian_options(LibOTCore.otc_gaussian_geodesic_options,
                            LibOTCore.otc_gaussian_geodesic_options_default, threads, kwargs)
    mean = Vector{Float64}(undef, d)
    cov = Matrix{Float64}(undef, d, d)
    st, r = GC.@preserve m1 m2 S1 S2 mean cov begin
        p = abi(LibOTCore.otc_gaussian_geodesic_problem_f64; m1=pointer(m1),
                       sigma1=view_of(S1), m2=pointer(m2), sigma2=view_of(S2), t=t)
        out = abi(LibOTCore.otc_gaussian_geodesic_outputs_f64; mean=pointer(mean),
                         cov=mut_view_of(cov))
        gaussian_call(LibOTCore.otc_gaussian_geodesic_f64, "otc_gaussian_geodesic_f64", p, out, opts)
    end
    return (mean=mean, cov=cov, rank=Int(r.rank), status=st)
end

# The barycenter's progress callback: `data` points to a Ref holding the Julia function
# `(iteration, error) -> stop::Bool` and a Ref{Bool} set when an exception (Ctrl-C) inside it
# stopped the iteration, so that the call rethrows it as an InterruptException.
function barycenter_progress(data::Ptr{Cvoid}, iteration::UInt64, error::Cdouble)::Int32
    f, interrupted = unsafe_pointer_to_objref(data)[]
    try
        return f(Int(iteration), error) === true ? Int32(1) : Int32(0)
    catch
        interrupted[] = true
        return Int32(1)
    end
end

"""
    gaussian_barycenter(means, covs; weights=nothing, callback=nothing, threads=0, options...)
        -> (; mean, cov, iterations, error, rank, status)

The W₂ barycenter of k Gaussians (means = rows of `means`, k×d; `covs` k covariances) with
`weights` (k non-negative values, normalised; `nothing` = uniform), by the fixed point of
Álvarez-Esteban et al. (2016). `status` is `OTC_WARN_MAX_ITER` when `tol` was not met;
`error` is the estimated relative error of the covariance. `callback(iteration, error)`,
called every `callback_every` (default 1) iterations on this thread, returns `true` to stop
(`status` is then `OTC_WARN_CANCELLED`, the outputs the iterate reached); an exception in it
(Ctrl-C) stops the solve and is rethrown as an `InterruptException`.
"""
function gaussian_barycenter(means::AbstractMatrix{<:Real}, covs::AbstractVector{<:AbstractMatrix};
                             weights=nothing, callback=nothing, threads::Integer=0, kwargs...)
    k, d = size(means)
    checklen(covs, k, "covs"); checklen(weights, k, "weights")
    means = fmat(means); cs = [fmat(S) for S in covs]; w = dense(Float64, weights)
    interrupted = Ref(false)
    user = Ref{Any}((callback === nothing ? ((_, _) -> GC.safepoint()) : callback, interrupted))
    cb = @cfunction(barycenter_progress, Int32, (Ptr{Cvoid}, UInt64, Cdouble))
    every = get(kwargs, :callback_every, 1)
    rest = Base.structdiff(values(kwargs), NamedTuple{(:callback_every,)})
    mean = Vector{Float64}(undef, d)
    cov = Matrix{Float64}(undef, d, d)
    st, r = GC.@preserve means cs w user mean cov begin
        opts = gaussian_options(LibOTCore.otc_gaussian_barycenter_options,
                                LibOTCore.otc_gaussian_barycenter_options_default, threads,
                                (; rest..., callback_every=every, callback=cb,
                                 callback_data=pointer_from_objref(user)))
        vs = [view_of(S) for S in cs]
        GC.@preserve vs begin
            p = abi(LibOTCore.otc_gaussian_barycenter_problem_f64; means=view_of(means),
                           covs=pointer(vs), weights=ptr(w))
            out = abi(LibOTCore.otc_gaussian_barycenter_outputs_f64; mean=pointer(mean),
                             cov=mut_view_of(cov))
            gaussian_call(LibOTCore.otc_gaussian_barycenter_f64, "otc_gaussian_barycenter_f64", p,
                          out, opts; interrupted=interrupted)
        end
    end
    return (mean=mean, cov=cov, iterations=Int(r.report.iterations), error=r.report.error,
            rank=Int(r.rank), status=st)
end

"""
    gaussian_moments(x; weights=nothing, threads=0) -> (; mean, cov)

Weighted mean and (maximum-likelihood, normalised by Σw) covariance of the rows of `x` (n×d).
"""
function gaussian_moments(x::AbstractMatrix{<:Real}; weights=nothing, threads::Integer=0, kwargs...)
    n, d = size(x)
    checklen(weights, n, "weights")
    x = fmat(x); w = dense(Float64, weights)
    opts = gaussian_options(LibOTCore.otc_gaussian_moments_options,
                            LibOTCore.otc_gaussian_moments_options_default, threads, kwargs)
    mean = Vector{Float64}(undef, d)
    cov = Matrix{Float64}(undef, d, d)
    GC.@preserve x w mean cov begin
        p = abi(LibOTCore.otc_gaussian_moments_problem_f64; x=view_of(x), weights=ptr(w))
        out = abi(LibOTCore.otc_gaussian_moments_outputs_f64; mean=pointer(mean),
                         cov=mut_view_of(cov))
        gaussian_call(LibOTCore.otc_gaussian_moments_f64, "otc_gaussian_moments_f64", p, out, opts)
    end
    return (mean=mean, cov=cov)
end

"""
    psd_sqrt(Σ; threads=0, options...) -> (; sqrt, inv_sqrt, rank, status)

Σ^½ and the pseudo-inverse square root (Σ⁺)^½ of a symmetric PSD matrix; `status` is
`OTC_WARN_SINGULAR` when eigenvalues ≤ rank_tol·λmax were treated as 0.
"""
function psd_sqrt(S::AbstractMatrix{<:Real}; threads::Integer=0, kwargs...)
    d = square(S, "Σ")
    S = fmat(S)
    opts = gaussian_options(LibOTCore.otc_psd_sqrt_options, LibOTCore.otc_psd_sqrt_options_default,
                            threads, kwargs)
    R = Matrix{Float64}(undef, d, d)
    Ri = Matrix{Float64}(undef, d, d)
    st, r = GC.@preserve S R Ri begin
        p = abi(LibOTCore.otc_psd_sqrt_problem_f64; a=view_of(S))
        out = abi(LibOTCore.otc_psd_sqrt_outputs_f64; sqrt=mut_view_of(R),
                         inv_sqrt=mut_view_of(Ri))
        gaussian_call(LibOTCore.otc_psd_sqrt_f64, "otc_psd_sqrt_f64", p, out, opts)
    end
    return (sqrt=R, inv_sqrt=Ri, rank=Int(r.rank), status=st)
end
