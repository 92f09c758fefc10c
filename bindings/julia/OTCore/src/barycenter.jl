# Entropic Wasserstein barycenters (fixed support and convolutional).

"""
    barycenter(hists, C; eps, weights=nothing, threads=0, max_iter=…, tol=…)
        -> (; barycenter, iterations, error, status)

Fixed-support entropic Wasserstein barycenter (log-domain iterative Bregman projections) of
the k histograms in the columns of `hists` (n×k, each summing to 1) for the n×n cost `C`,
with `weights` (k, normalised; `nothing` = uniform). `Float32` histograms and cost run in
single precision (`otc_barycenter_f32`), anything else in double. Further keywords set fields
of `otc_barycenter_options` by name (`max_iter`, `tol`, ...). `error` is the final marginal
error `max_k Σ_i |u_k ⊙ K v_k − p|`; `status` `OTC_OK` or `OTC_WARN_MAX_ITER`. Ctrl-C stops
the solve with an `InterruptException`.
"""
function barycenter(hists::AbstractMatrix{<:Real}, C::AbstractMatrix{<:Real}; eps::Real,
                    weights=nothing, threads::Integer=0, kwargs...)
    checklen(weights, size(hists, 2), "weights")
    single = eltype(hists) == Float32 && eltype(C) == Float32
    T = single ? Float32 : Float64
    hists = Matrix{T}(hists); C = Matrix{T}(C); w = dense(T, weights)
    # Ctrl-C stops the solve (InterruptException) a few times a second (~2e7 operations).
    every = max(1, 20_000_000 ÷ max(1, 2 * size(hists, 2) * size(hists, 1)^2))
    opts = Ref(options(LibOTCore.otc_barycenter_options, LibOTCore.otc_barycenter_options_default,
                       "otc_barycenter_options_default"; epsilon=eps, num_threads=threads,
                       callback=INTERRUPT_CALLBACK[], callback_every=every, kwargs...))
    out = Vector{T}(undef, size(hists, 1))
    P, O, f, name = single ?
        (LibOTCore.otc_barycenter_problem_f32, LibOTCore.otc_barycenter_outputs_f32,
         LibOTCore.otc_barycenter_f32, "otc_barycenter_f32") :
        (LibOTCore.otc_barycenter_problem_f64, LibOTCore.otc_barycenter_outputs_f64,
         LibOTCore.otc_barycenter_f64, "otc_barycenter_f64")
    st, r = GC.@preserve hists C w out begin
        problem = Ref(P(sizeof(P), view_of(hists), view_of(C), ptr(w)))
        res = Ref(O(sizeof(O), zeroed(LibOTCore.otc_report), pointer(out)))
        (check(f(problem, res, opts, LibOTCore.otc_workspace(C_NULL, 0)), name), res[].report)
    end
    return (barycenter=out, iterations=Int(r.iterations), error=r.error, status=Int32(st))
end

"""
    convolutional_barycenter(images; eps, weights=nothing, threads=0, max_iter=…, tol=…)
        -> (; barycenter, iterations, error, status)

Convolutional entropic barycenter (Solomon et al. 2015) of k images on an h×w grid of the unit
square, given as a vector of h×w matrices (each summing to 1); the barycenter is an h×w matrix.
`Float32` images run in single precision (`otc_convolutional_barycenter_f32`). Further
keywords set fields of `otc_convolutional_barycenter_options` by name.
"""
function convolutional_barycenter(images::AbstractVector{<:AbstractMatrix}; eps::Real,
                                  weights=nothing, threads::Integer=0, kwargs...)
    k = length(images)
    k > 0 || throw(ArgumentError("no images"))
    h, w = size(first(images))
    all(size(I) == (h, w) for I in images) || throw(DimensionMismatch("images differ in size"))
    checklen(weights, k, "weights")
    # otcore reads pixel (r, c) of image j at row r·w + c of an (h·w)×k matrix (row-major
    # pixels): the column of image j is vec(permutedims(image)).
    single = all(eltype(I) == Float32 for I in images)
    T = single ? Float32 : Float64
    stack = Matrix{T}(undef, h * w, k)
    for (j, I) in enumerate(images)
        stack[:, j] = vec(permutedims(I))
    end
    wt = dense(T, weights)
    every = max(1, 200_000_000 ÷ max(1, k * h * w * (h + w)))
    opts = Ref(options(LibOTCore.otc_convolutional_barycenter_options,
                       LibOTCore.otc_convolutional_barycenter_options_default,
                       "otc_convolutional_barycenter_options_default";
                       epsilon=eps, num_threads=threads, callback=INTERRUPT_CALLBACK[],
                       callback_every=every, kwargs...))
    out = Vector{T}(undef, h * w)
    P, O, f, name = single ?
        (LibOTCore.otc_convolutional_barycenter_problem_f32,
         LibOTCore.otc_convolutional_barycenter_outputs_f32,
         LibOTCore.otc_convolutional_barycenter_f32, "otc_convolutional_barycenter_f32") :
        (LibOTCore.otc_convolutional_barycenter_problem_f64,
         LibOTCore.otc_convolutional_barycenter_outputs_f64,
         LibOTCore.otc_convolutional_barycenter_f64, "otc_convolutional_barycenter_f64")
    st, r = GC.@preserve stack wt out begin
        problem = Ref(P(sizeof(P), view_of(stack), h, w, ptr(wt)))
        res = Ref(O(sizeof(O), zeroed(LibOTCore.otc_report), pointer(out)))
        (check(f(problem, res, opts, LibOTCore.otc_workspace(C_NULL, 0)), name), res[].report)
    end
    return (barycenter=permutedims(reshape(out, w, h)), iterations=Int(r.iterations),
            error=r.error, status=Int32(st))
end

"""
    free_support_barycenter(measures, x0; lambda=nothing, a=nothing, threads=0, options...)
        -> (; x, objective, iterations, error, status)

The exact free-support Wasserstein barycenter argmin_X Σ_i λ_i W2²((X, a), μ_i) of k point
clouds (Cuturi & Doucet 2014): each measure is a matrix of points (one per row, uniform
weights) or a pair `(points, weights)`; `x0` (m×d) is the initial support, `a` its fixed
weights (`nothing` = uniform; every cloud's mass must equal Σa). Each iteration solves the k
OT problems (exact by the network simplex, or entropic by Sinkhorn with
`inner=OTC_FREE_SUPPORT_INNER_SINKHORN, epsilon=ε`; shared by `threads` workers, identical
results for every count) and moves every support point to the λ-average of its barycentric
projections; the objective never increases. Further keywords set fields of
`otc_free_support_barycenter_options` (`max_iter`, `tol`, `inner`, `epsilon`,
`inner_max_iter`, `inner_tolerance`). `error` is the last move,
`status` `OTC_OK` or `OTC_WARN_MAX_ITER`. Ctrl-C stops it with an `InterruptException`.
"""
function free_support_barycenter(measures::AbstractVector, x0::AbstractMatrix{<:Real};
                                 lambda=nothing, a=nothing, threads::Integer=0, kwargs...)
    k = length(measures)
    k >= 1 || throw(ArgumentError("measures must hold at least one point cloud"))
    ms = [m isa Tuple ? m : (m, nothing) for m in measures]
    ys = [Matrix{Float64}(m[1]) for m in ms]
    ws = [m[2] === nothing ? fill(1 / size(y, 1), size(y, 1)) : dense(Float64, m[2])
          for (m, y) in zip(ms, ys)]
    for (i, (y, w)) in enumerate(zip(ys, ws))
        checklen(w, size(y, 1), "weights of measure $i")
    end
    m = size(x0, 1)
    checklen(a, m, "a")
    checklen(lambda, k, "lambda")
    x0 = Matrix{Float64}(x0)
    a = a === nothing ? fill(1 / m, m) : dense(Float64, a)
    lambda = lambda === nothing ? fill(1 / k, k) : dense(Float64, lambda)
    y = reduce(vcat, ys)
    b = reduce(vcat, ws)
    sizes = Csize_t[size(v, 1) for v in ys]
    x = Matrix{Float64}(undef, m, size(x0, 2))
    opts = Ref(options(LibOTCore.otc_free_support_barycenter_options,
                       LibOTCore.otc_free_support_barycenter_options_default,
                       "otc_free_support_barycenter_options_default"; num_threads=threads,
                       callback=INTERRUPT_CALLBACK[], callback_every=1, kwargs...))
    st, r = GC.@preserve y b sizes lambda x0 a x begin
        problem = Ref(abi(LibOTCore.otc_free_support_barycenter_problem_f64; y=view_of(y),
                          b=pointer(b), sizes=pointer(sizes), k=k, lambda=pointer(lambda),
                          x0=view_of(x0), a=pointer(a)))
        res = Ref(abi(LibOTCore.otc_free_support_barycenter_outputs_f64; x=mut_view_of(x)))
        (check(LibOTCore.otc_free_support_barycenter_f64(problem, res, opts, NO_WORK),
               "otc_free_support_barycenter_f64"), res[])
    end
    return (x=x, objective=r.objective, iterations=Int(r.report.iterations),
            error=r.report.error, status=Int32(st))
end
