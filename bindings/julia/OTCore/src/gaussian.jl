# Gaussian optimal transport: Bures distance, closed-form W₂, maps, geodesics, barycenters.
# requires: otc_gaussian_options_default, otc_bures_distance, otc_gaussian_w2, otc_gaussian_entropic_w2, otc_gaussian_w2_pairwise, otc_gaussian_map, otc_gaussian_map_apply, otc_gaussian_geodesic, otc_gaussian_barycenter, otc_gaussian_moments, otc_psd_sqrt

# Options keywords are the fields of `otc_gaussian_options` (`symmetry_tol`, `psd_tol`,
# `rank_tol`, `tol`, `max_iter`), plus `threads`.
gaussian_options(threads, kwargs) =
    Ref(options(LibOTCore.otc_gaussian_options, LibOTCore.otc_gaussian_options_default,
                "otc_gaussian_options_default"; num_threads=threads, kwargs...))

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
    opts = gaussian_options(threads, kwargs)
    out = Ref(0.0)
    GC.@preserve S1 S2 opts out begin
        check(LibOTCore.otc_bures_distance(view_of(S1), view_of(S2), opts, C_NULL, 0, out),
              "otc_bures_distance")
    end
    return out[]
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
    opts = gaussian_options(threads, kwargs)
    out = Ref(0.0)
    GC.@preserve m1 m2 S1 S2 opts out begin
        check(LibOTCore.otc_gaussian_w2(d, m1, view_of(S1), m2, view_of(S2), opts, C_NULL, 0, out),
              "otc_gaussian_w2")
    end
    return out[]
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
    opts = gaussian_options(threads, kwargs)
    out = Ref(0.0)
    GC.@preserve m1 m2 S1 S2 opts out begin
        check(LibOTCore.otc_gaussian_entropic_w2(d, m1, view_of(S1), m2, view_of(S2), Float64(eps),
                                                 opts, C_NULL, 0, out), "otc_gaussian_entropic_w2")
    end
    return out[]
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
    opts = gaussian_options(threads, kwargs)
    W = Matrix{Float64}(undef, size(means1, 1), size(means2, 1))
    GC.@preserve means1 means2 c1 c2 opts W begin
        v1 = [view_of(S) for S in c1]; v2 = [view_of(S) for S in c2]
        check(LibOTCore.otc_gaussian_w2_pairwise(view_of(means1), v1, view_of(means2), v2, opts,
                                                 C_NULL, 0, mut_view_of(W)), "otc_gaussian_w2_pairwise")
    end
    return W
end

"""
    gaussian_map(m1, Σ1, m2, Σ2; threads=0, options...) -> (; A, b, status)

The optimal map T(x) = A x + b from N(m1, Σ₁) to N(m2, Σ₂), A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½.
`status` is `OTC_WARN_SINGULAR` when Σ₁ is rank-deficient (pseudo-inverse map).
"""
function gaussian_map(m1::AbstractVector{<:Real}, S1::AbstractMatrix{<:Real},
                      m2::AbstractVector{<:Real}, S2::AbstractMatrix{<:Real}; threads::Integer=0, kwargs...)
    d = square(S1, "Σ1")
    checklen(m1, d, "m1"); checklen(m2, d, "m2")
    m1 = dense(Float64, m1); m2 = dense(Float64, m2); S1 = fmat(S1); S2 = fmat(S2)
    opts = gaussian_options(threads, kwargs)
    A = Matrix{Float64}(undef, d, d)
    b = Vector{Float64}(undef, d)
    st = GC.@preserve m1 m2 S1 S2 opts A b begin
        check(LibOTCore.otc_gaussian_map(m1, view_of(S1), m2, view_of(S2), opts, C_NULL, 0,
                                         mut_view_of(A), b), "otc_gaussian_map")
    end
    return (A=A, b=b, status=Int32(st))
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
    opts = gaussian_options(threads, kwargs)
    Y = Matrix{Float64}(undef, size(x, 1), size(A, 1))
    GC.@preserve A b x opts Y begin
        check(LibOTCore.otc_gaussian_map_apply(view_of(A), ptr(b), view_of(x), opts, mut_view_of(Y)),
              "otc_gaussian_map_apply")
    end
    return Y
end

"""
    gaussian_geodesic(m1, Σ1, m2, Σ2, t; threads=0, options...) -> (; mean, cov, status)

The W₂ geodesic (McCann interpolant) at time t ∈ [0, 1] from N(m1, Σ₁) to N(m2, Σ₂).
"""
function gaussian_geodesic(m1::AbstractVector{<:Real}, S1::AbstractMatrix{<:Real},
                           m2::AbstractVector{<:Real}, S2::AbstractMatrix{<:Real}, t::Real;
                           threads::Integer=0, kwargs...)
    d = square(S1, "Σ1")
    checklen(m1, d, "m1"); checklen(m2, d, "m2")
    m1 = dense(Float64, m1); m2 = dense(Float64, m2); S1 = fmat(S1); S2 = fmat(S2)
    opts = gaussian_options(threads, kwargs)
    mean = Vector{Float64}(undef, d)
    cov = Matrix{Float64}(undef, d, d)
    st = GC.@preserve m1 m2 S1 S2 opts mean cov begin
        check(LibOTCore.otc_gaussian_geodesic(m1, view_of(S1), m2, view_of(S2), Float64(t), opts,
                                              C_NULL, 0, mean, mut_view_of(cov)), "otc_gaussian_geodesic")
    end
    return (mean=mean, cov=cov, status=Int32(st))
end

"""
    gaussian_barycenter(means, covs; weights=nothing, threads=0, options...)
        -> (; mean, cov, iterations, status)

The W₂ barycenter of k Gaussians (means = rows of `means`, k×d; `covs` k covariances) with
`weights` (k non-negative values, normalised; `nothing` = uniform), by the fixed point of
Álvarez-Esteban et al. (2016). `status` is `OTC_WARN_MAX_ITER` when `tol` was not met.
"""
function gaussian_barycenter(means::AbstractMatrix{<:Real}, covs::AbstractVector{<:AbstractMatrix};
                             weights=nothing, threads::Integer=0, kwargs...)
    k, d = size(means)
    checklen(covs, k, "covs"); checklen(weights, k, "weights")
    means = fmat(means); cs = [fmat(S) for S in covs]; w = dense(Float64, weights)
    opts = gaussian_options(threads, kwargs)
    mean = Vector{Float64}(undef, d)
    cov = Matrix{Float64}(undef, d, d)
    iters = Ref(UInt32(0))
    st = GC.@preserve means cs w opts mean cov iters begin
        vs = [view_of(S) for S in cs]
        check(LibOTCore.otc_gaussian_barycenter(view_of(means), vs, ptr(w), opts, C_NULL, 0, mean,
                                                mut_view_of(cov), iters), "otc_gaussian_barycenter")
    end
    return (mean=mean, cov=cov, iterations=Int(iters[]), status=Int32(st))
end

"""
    gaussian_moments(x; weights=nothing, threads=0) -> (; mean, cov)

Weighted mean and (maximum-likelihood, normalised by Σw) covariance of the rows of `x` (n×d).
"""
function gaussian_moments(x::AbstractMatrix{<:Real}; weights=nothing, threads::Integer=0, kwargs...)
    n, d = size(x)
    checklen(weights, n, "weights")
    x = fmat(x); w = dense(Float64, weights)
    opts = gaussian_options(threads, kwargs)
    mean = Vector{Float64}(undef, d)
    cov = Matrix{Float64}(undef, d, d)
    GC.@preserve x w opts mean cov begin
        check(LibOTCore.otc_gaussian_moments(view_of(x), ptr(w), opts, C_NULL, 0, mean,
                                             mut_view_of(cov)), "otc_gaussian_moments")
    end
    return (mean=mean, cov=cov)
end

"""
    psd_sqrt(Σ; threads=0, options...) -> (; sqrt, inv_sqrt, status)

Σ^½ and the pseudo-inverse square root (Σ⁺)^½ of a symmetric PSD matrix; `status` is
`OTC_WARN_SINGULAR` when eigenvalues ≤ rank_tol·λmax were treated as 0.
"""
function psd_sqrt(S::AbstractMatrix{<:Real}; threads::Integer=0, kwargs...)
    d = square(S, "Σ")
    S = fmat(S)
    opts = gaussian_options(threads, kwargs)
    R = Matrix{Float64}(undef, d, d)
    Ri = Matrix{Float64}(undef, d, d)
    st = GC.@preserve S opts R Ri begin
        check(LibOTCore.otc_psd_sqrt(view_of(S), opts, C_NULL, 0, mut_view_of(R), mut_view_of(Ri)),
              "otc_psd_sqrt")
    end
    return (sqrt=R, inv_sqrt=Ri, status=Int32(st))
end
