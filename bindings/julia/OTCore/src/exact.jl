# Exact optimal transport (network simplex).
# requires: otc_emd_options_default, otc_emd

"""
    emd(a, b, C; sparse=false, warm_f=nothing, warm_g=nothing, threads=0, max_iter=…,
        mass_tolerance=…)
        -> (; cost, plan, f, g, gap, iterations, nnz, status)

Exact optimal transport between the histograms `a` (n) and `b` (m) for the n×m cost `C`
(any strided `Float64` matrix: views and transposes pass without copies), by the network
simplex. `plan` is the dense n×m optimal plan, or with `sparse=true` the tuple
`(rows, cols, mass)` of its at most n + m − 1 non-zero entries (1-based indices). `f`, `g` are
the dual potentials, centred so that a·f = b·g; `cost` = Σ C .* plan = a·f + b·g (up to `gap`).
`warm_f`, `warm_g` (both or neither) are dual potentials of a related problem (e.g. the
previous step of a sequence) to start the simplex from. Weights and costs must be finite
and ≥ 0 with equal masses (within `mass_tolerance`,
relative). `status` is `OTC_OK`, or `OTC_WARN_MAX_ITER` when `max_iter` pivots stopped the
solve (the plan is then feasible, not optimal). Bad input throws [`OTCoreError`](@ref).
"""
function emd(a::AbstractVector{<:Real}, b::AbstractVector{<:Real}, C::StridedMatrix{Float64};
             sparse::Bool=false, warm_f=nothing, warm_g=nothing, threads::Integer=0, kwargs...)
    n, m = size(C)
    checklen(a, n, "a"); checklen(b, m, "b"); checklen(warm_f, n, "warm_f"); checklen(warm_g, m, "warm_g")
    (warm_f === nothing) == (warm_g === nothing) ||
        throw(ArgumentError("warm_f and warm_g go together"))
    a = dense(Float64, a); b = dense(Float64, b)
    wf = dense(Float64, warm_f); wg = dense(Float64, warm_g)
    opts = Ref(options(LibOTCore.otc_emd_options, LibOTCore.otc_emd_options_default,
                       "otc_emd_options_default"; num_threads=threads, kwargs...))
    res = Ref(zeroed(LibOTCore.otc_emd_result))
    f = Vector{Float64}(undef, n)
    g = Vector{Float64}(undef, m)
    k = n + m - 1
    rows = sparse ? Vector{Csize_t}(undef, k) : nothing
    cols = sparse ? Vector{Csize_t}(undef, k) : nothing
    mass = sparse ? Vector{Float64}(undef, k) : nothing
    P = sparse ? nothing : zeros(n, m)
    st = GC.@preserve a b C wf wg f g rows cols mass P opts res begin
        pv = P === nothing ? LibOTCore.otc_matrix_mut_f64(C_NULL, n, m, 1, n) : mut_view_of(P)
        LibOTCore.otc_emd(a, n, b, m, view_of(C), ptr(wf), ptr(wg), res, f, g, ptr(rows),
                          ptr(cols), ptr(mass), pv, opts, C_NULL, 0)
    end
    check(st, "otc_emd")
    r = res[]
    plan = if sparse
        nnz = Int(r.nnz)
        (rows=Int.(rows[1:nnz]) .+ 1, cols=Int.(cols[1:nnz]) .+ 1, mass=mass[1:nnz])
    else
        P
    end
    return (cost=r.cost, plan=plan, f=f, g=g, gap=r.gap, iterations=Int(r.iterations),
            nnz=Int(r.nnz), status=Int32(st))
end

emd(a::AbstractVector{<:Real}, b::AbstractVector{<:Real}, C::AbstractMatrix{<:Real}; kwargs...) =
    emd(a, b, Matrix{Float64}(C); kwargs...)

# requires: otc_emd_batch, otc_wasserstein_1d, otc_sliced_wasserstein

"""
    emd_batch(as, bs, Cs; threads=0, options...) -> (; costs, f, g, gaps, status)

Solves k independent exact OT problems of one shape n×m: weights `as[l]` (n), `bs[l]` (m) and
cost `Cs[l]` (a strided `Float64` n×m matrix, no copy). Each problem runs on one thread;
`threads` workers share them (results identical for every thread count). `costs` has the k
optimal costs, `f` (n×k) and `g` (m×k) the duals (column l = problem l). Every problem is
validated before anything is solved.
"""
function emd_batch(as::AbstractVector{<:AbstractVector}, bs::AbstractVector{<:AbstractVector},
                   Cs::AbstractVector{<:StridedMatrix{Float64}}; threads::Integer=0, kwargs...)
    k = length(Cs)
    k > 0 || throw(ArgumentError("no problems"))
    n, m = size(first(Cs))
    checklen(as, k, "as"); checklen(bs, k, "bs")
    all(size(C) == (n, m) for C in Cs) || throw(DimensionMismatch("costs differ in shape"))
    a = Vector{Float64}(undef, n * k)
    b = Vector{Float64}(undef, m * k)
    for l in 1:k
        checklen(as[l], n, "as[$l]"); checklen(bs[l], m, "bs[$l]")
        a[(l-1)*n+1:l*n] = as[l]
        b[(l-1)*m+1:l*m] = bs[l]
    end
    opts = Ref(options(LibOTCore.otc_emd_options, LibOTCore.otc_emd_options_default,
                       "otc_emd_options_default"; num_threads=threads, kwargs...))
    results = [zeroed(LibOTCore.otc_emd_result) for _ in 1:k]
    f = Matrix{Float64}(undef, n, k)
    g = Matrix{Float64}(undef, m, k)
    st = GC.@preserve Cs a b opts results f g begin
        views = [view_of(C) for C in Cs]
        check(LibOTCore.otc_emd_batch(n, m, k, a, b, views, results, f, g, C_NULL, C_NULL, C_NULL,
                                      opts, C_NULL, 0), "otc_emd_batch")
    end
    return (costs=[r.cost for r in results], f=f, g=g, gaps=[r.gap for r in results],
            status=Int32(st))
end

"""
    wasserstein_1d(x, y; a=nothing, b=nothing, p=1, plan=false) -> (; cost, plan)

Exact OT on the line between the samples `x` (n, weights `a`, `nothing` = 1/n each) and `y`
(m, weights `b`) for the cost |x − y|^p, p ≥ 1: `cost` is W_p^p. With `plan=true`, the
monotone plan as `(rows, cols, mass)` (1-based). Samples in any order; O((n+m) log(n+m)).
"""
function wasserstein_1d(x::AbstractVector{<:Real}, y::AbstractVector{<:Real}; a=nothing,
                        b=nothing, p::Real=1, plan::Bool=false, kwargs...)
    n, m = length(x), length(y)
    checklen(a, n, "a"); checklen(b, m, "b")
    x = dense(Float64, x); y = dense(Float64, y)
    a = a === nothing ? fill(1 / n, n) : dense(Float64, a)
    b = b === nothing ? fill(1 / m, m) : dense(Float64, b)
    opts = Ref(options(LibOTCore.otc_emd_options, LibOTCore.otc_emd_options_default,
                       "otc_emd_options_default"; kwargs...))
    cost = Ref(0.0)
    nnz = Ref(Csize_t(0))
    kmax = n + m - 1
    rows = plan ? Vector{Csize_t}(undef, kmax) : nothing
    cols = plan ? Vector{Csize_t}(undef, kmax) : nothing
    mass = plan ? Vector{Float64}(undef, kmax) : nothing
    GC.@preserve x y a b opts cost nnz rows cols mass begin
        check(LibOTCore.otc_wasserstein_1d(x, a, n, y, b, m, Float64(p), cost, ptr(rows), ptr(cols),
                                           ptr(mass), nnz, opts, C_NULL, 0), "otc_wasserstein_1d")
    end
    P = if plan
        t = Int(nnz[])
        (rows=Int.(rows[1:t]) .+ 1, cols=Int.(cols[1:t]) .+ 1, mass=mass[1:t])
    else
        nothing
    end
    return (cost=cost[], plan=P)
end

"""
    sliced_wasserstein(x, y; a=nothing, b=nothing, p=2, directions=nothing, k=64, seed=0,
                       threads=0) -> Float64

Sliced Wasserstein SW_p^p between the point clouds `x` (n×d) and `y` (m×d): the mean over
directions of the exact 1-D W_p^p of the projections. `directions` (k×d) are used as given;
`nothing` draws `k` random unit directions from `seed`. Identical for every thread count.
"""
function sliced_wasserstein(x::AbstractMatrix{<:Real}, y::AbstractMatrix{<:Real}; a=nothing,
                            b=nothing, p::Real=2, directions=nothing, k::Integer=64,
                            seed::Integer=0, threads::Integer=0, kwargs...)
    n, m = size(x, 1), size(y, 1)
    checklen(a, n, "a"); checklen(b, m, "b")
    x = fmat(x); y = fmat(y)
    a = a === nothing ? fill(1 / n, n) : dense(Float64, a)
    b = b === nothing ? fill(1 / m, m) : dense(Float64, b)
    D = directions === nothing ? nothing : fmat(directions)
    nk = D === nothing ? k : size(D, 1)
    opts = Ref(options(LibOTCore.otc_emd_options, LibOTCore.otc_emd_options_default,
                       "otc_emd_options_default"; num_threads=threads, kwargs...))
    out = Ref(0.0)
    GC.@preserve x y a b D opts out begin
        dv = D === nothing ? LibOTCore.otc_matrix_f64(C_NULL, nk, size(x, 2), size(x, 2), 1) : view_of(D)
        check(LibOTCore.otc_sliced_wasserstein(view_of(x), a, view_of(y), b, Float64(p), nk,
                                               UInt64(seed), dv, out, opts, C_NULL, 0),
              "otc_sliced_wasserstein")
    end
    return out[]
end
