# Exact optimal transport: the network simplex (one problem or a batch), 1-D and sliced
# Wasserstein, through the ABI 1 calls otc_<op>_f64(problem, out, opts, work).

"""A sparse plan `(rows, cols, mass)` (1-based) from the first `nnz` entries written."""
sparse_plan(rows, cols, mass, nnz) =
    (rows=Int.(rows[1:nnz]) .+ 1, cols=Int.(cols[1:nnz]) .+ 1, mass=mass[1:nnz])

"""
    emd(a, b, C; sparse=false, warm_f=nothing, warm_g=nothing, threads=0, max_iter=…,
        mass_tolerance=…)
        -> (; cost, plan, f, g, gap, iterations, nnz, status)

Exact optimal transport between the histograms `a` (n) and `b` (m) for the n×m cost `C`
(any strided `Float64` matrix: views and transposes pass without copies), by the network
simplex. `plan` is the dense n×m optimal plan, or with `sparse=true` the tuple
`(rows, cols, mass)` of its at most n + m − 1 non-zero entries (1-based indices). `f`, `g` are
the dual potentials, centred so that a·f = b·g; `cost` = Σ C .* plan = a·f + b·g (up to `gap`,
the most negative reduced cost of the duals). `warm_f`, `warm_g` (both or neither) are dual
potentials of a related problem (e.g. the previous step of a sequence) to start the simplex
from. Keyword options are the fields of the C `otc_emd_options` (`max_iter`: pivot cap;
`mass_tolerance`: relative; `callback_every`, `callback`, `callback_data`: by default Ctrl-C
interrupts the solve every 1000 pivots). Weights and costs must be finite and ≥ 0 with equal masses.
`status` is `OTC_OK`, or `OTC_WARN_MAX_ITER` when `max_iter` pivots stopped the solve (the
plan is then feasible, not optimal). Bad input throws [`OTCoreError`](@ref).
"""
function emd(a::AbstractVector{<:Real}, b::AbstractVector{<:Real}, C::StridedMatrix{Float64};
             sparse::Bool=false, warm_f=nothing, warm_g=nothing, threads::Integer=0, kwargs...)
    n, m = size(C)
    checklen(a, n, "a"); checklen(b, m, "b"); checklen(warm_f, n, "warm_f"); checklen(warm_g, m, "warm_g")
    (warm_f === nothing) == (warm_g === nothing) ||
        throw(ArgumentError("warm_f and warm_g go together"))
    a = dense(Float64, a); b = dense(Float64, b)
    wf = dense(Float64, warm_f); wg = dense(Float64, warm_g)
    # Ctrl-C stops the solve (an InterruptException) unless the caller sets its own callback.
    fields = merge((num_threads=threads, callback_every=1000, callback=INTERRUPT_CALLBACK[]),
                   values(kwargs))
    opts = Ref(options(LibOTCore.otc_emd_options, LibOTCore.otc_emd_options_default,
                       "otc_emd_options_default"; fields...))
    f = Vector{Float64}(undef, n)
    g = Vector{Float64}(undef, m)
    k = n + m - 1
    rows = sparse ? Vector{Csize_t}(undef, k) : nothing
    cols = sparse ? Vector{Csize_t}(undef, k) : nothing
    mass = sparse ? Vector{Float64}(undef, k) : nothing
    P = sparse ? nothing : zeros(n, m)
    out = Ref{LibOTCore.otc_emd_outputs_f64}()
    st = GC.@preserve a b C wf wg f g rows cols mass P opts begin
        problem = Ref(abi(LibOTCore.otc_emd_problem_f64; a=pointer(a), n=n, b=pointer(b), m=m,
                          cost=view_of(C), warm_f=ptr(wf), warm_g=ptr(wg)))
        out[] = abi(LibOTCore.otc_emd_outputs_f64; f=pointer(f), g=pointer(g),
                    plan_rows=ptr(rows), plan_cols=ptr(cols), plan_mass=ptr(mass),
                    plan=P === nothing ? zero_field(LibOTCore.otc_matrix_mut_f64) : mut_view_of(P))
        LibOTCore.otc_emd_f64(problem, out, opts, NO_WORK)
    end
    check(st, "otc_emd_f64")
    r = out[]
    plan = sparse ? sparse_plan(rows, cols, mass, Int(r.nnz)) : P
    return (cost=r.cost, plan=plan, f=f, g=g, gap=r.gap, iterations=Int(r.report.iterations),
            nnz=Int(r.nnz), status=Int32(st))
end

emd(a::AbstractVector{<:Real}, b::AbstractVector{<:Real}, C::AbstractMatrix{<:Real}; kwargs...) =
    emd(a, b, Matrix{Float64}(C); kwargs...)

"""
    emd_batch(as, bs, Cs; threads=0, options...) -> (; costs, f, g, gaps, iterations, cost, status)

Solves k independent exact OT problems of one shape n×m: weights `as[l]` (n), `bs[l]` (m) and
cost `Cs[l]` (a strided `Float64` n×m matrix, no copy). Each problem runs on one thread;
`threads` workers share them (results identical for every thread count). `costs` has the k
optimal costs (`cost` their sum), `gaps` and `iterations` each problem's most negative reduced
cost and pivots, `f` (n×k) and `g` (m×k) the duals (column l = problem l). Keyword options
are the fields of the C `otc_emd_batch_options` (`max_iter`, `mass_tolerance`). Every problem
is validated before anything is solved.
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
    opts = Ref(options(LibOTCore.otc_emd_batch_options, LibOTCore.otc_emd_batch_options_default,
                       "otc_emd_batch_options_default";
                       merge((num_threads=threads, callback=INTERRUPT_CALLBACK[], callback_every=1),
                             values(kwargs))...))
    costs = Vector{Float64}(undef, k)
    gaps = Vector{Float64}(undef, k)
    iterations = Vector{UInt64}(undef, k)
    f = Matrix{Float64}(undef, n, k)
    g = Matrix{Float64}(undef, m, k)
    out = Ref{LibOTCore.otc_emd_batch_outputs_f64}()
    st = GC.@preserve Cs a b opts costs gaps iterations f g begin
        views = [view_of(C) for C in Cs]
        GC.@preserve views begin
            problem = Ref(abi(LibOTCore.otc_emd_batch_problem_f64; count=k, n=n, m=m,
                              a=pointer(a), b=pointer(b), costs=pointer(views)))
            out[] = abi(LibOTCore.otc_emd_batch_outputs_f64; problem_costs=pointer(costs),
                        problem_gaps=pointer(gaps), problem_iterations=pointer(iterations),
                        f=pointer(f), g=pointer(g))
            check(LibOTCore.otc_emd_batch_f64(problem, out, opts, NO_WORK),
                  "otc_emd_batch_f64")
        end
    end
    return (costs=costs, f=f, g=g, gaps=gaps, iterations=Int.(iterations), cost=out[].cost,
            status=Int32(st))
end

"""
    wasserstein_1d(x, y; a=nothing, b=nothing, p=1, plan=false, options...) -> (; wp_p, plan)

Exact OT on the line between the samples `x` (n, weights `a`, `nothing` = 1/n each) and `y`
(m, weights `b`) for the cost |x − y|^p, p ≥ 1: `wp_p` = Σ P_ij |x_i − y_j|^p, W_p^p for unit
masses. With `plan=true`, the monotone plan as `(rows, cols, mass)` (1-based). Keyword options
are the fields of the C `otc_wasserstein_1d_options` (`mass_tolerance`). Samples in any
order; O((n+m) log(n+m)).
"""
function wasserstein_1d(x::AbstractVector{<:Real}, y::AbstractVector{<:Real}; a=nothing,
                        b=nothing, p::Real=1, plan::Bool=false, kwargs...)
    n, m = length(x), length(y)
    checklen(a, n, "a"); checklen(b, m, "b")
    x = dense(Float64, x); y = dense(Float64, y)
    a = a === nothing ? fill(1 / n, n) : dense(Float64, a)
    b = b === nothing ? fill(1 / m, m) : dense(Float64, b)
    opts = Ref(options(LibOTCore.otc_wasserstein_1d_options,
                       LibOTCore.otc_wasserstein_1d_options_default,
                       "otc_wasserstein_1d_options_default"; kwargs...))
    kmax = n + m - 1
    rows = plan ? Vector{Csize_t}(undef, kmax) : nothing
    cols = plan ? Vector{Csize_t}(undef, kmax) : nothing
    mass = plan ? Vector{Float64}(undef, kmax) : nothing
    out = Ref{LibOTCore.otc_wasserstein_1d_outputs_f64}()
    GC.@preserve x y a b opts rows cols mass begin
        problem = Ref(abi(LibOTCore.otc_wasserstein_1d_problem_f64; x=pointer(x), a=pointer(a),
                          n=n, y=pointer(y), b=pointer(b), m=m, p=Float64(p)))
        out[] = abi(LibOTCore.otc_wasserstein_1d_outputs_f64; plan_rows=ptr(rows),
                    plan_cols=ptr(cols), plan_mass=ptr(mass))
        check(LibOTCore.otc_wasserstein_1d_f64(problem, out, opts, NO_WORK),
              "otc_wasserstein_1d_f64")
    end
    r = out[]
    return (wp_p=r.wp_p, plan=plan ? sparse_plan(rows, cols, mass, Int(r.nnz)) : nothing)
end

"""
    quantile_1d(x, levels; a=nothing, options...) -> Vector{Float64}

The quantile function Q(u) = min{x_j : a_j > 0, F(x_j) ≥ u} of the samples `x` with weights
`a` (`nothing` = uniform; normalised to mass 1) at each level u ∈ [0, 1] of `levels`. Keyword
options are the fields of the C `otc_quantile_1d_options`. O((n + L) log n).
"""
function quantile_1d(x::AbstractVector{<:Real}, levels::AbstractVector{<:Real}; a=nothing,
                     kwargs...)
    n = length(x)
    checklen(a, n, "a")
    x = dense(Float64, x)
    a = a === nothing ? fill(1 / n, n) : dense(Float64, a)
    levels = dense(Float64, levels)
    opts = Ref(options(LibOTCore.otc_quantile_1d_options,
                       LibOTCore.otc_quantile_1d_options_default,
                       "otc_quantile_1d_options_default"; kwargs...))
    q = Vector{Float64}(undef, length(levels))
    GC.@preserve x a levels q begin
        problem = Ref(abi(LibOTCore.otc_quantile_1d_problem_f64; x=pointer(x), a=pointer(a),
                          n=n, levels=pointer(levels), num_levels=length(levels)))
        out = Ref(abi(LibOTCore.otc_quantile_1d_outputs_f64; quantiles=pointer(q)))
        check(LibOTCore.otc_quantile_1d_f64(problem, out, opts, NO_WORK), "otc_quantile_1d_f64")
    end
    return q
end

"""
    barycenter_1d(measures, lambda=nothing; p=2, options...) -> (; points, weights)

The W_p barycenter argmin_ν Σ_i λ_i W_p^p(ν, μ_i) of k measures on the line, in closed form
from their quantile functions (p = 2: quantile averaging): at most n − k + 1 weighted points,
ascending. Each measure is a vector of samples (uniform weights) or a pair `(x, a)`; all
carry the same mass (within `mass_tolerance`). `lambda`: k non-negative weights (`nothing` =
uniform). Keyword options are the fields of the C `otc_barycenter_1d_options`.
"""
function barycenter_1d(measures::AbstractVector, lambda=nothing; p::Real=2, kwargs...)
    k = length(measures)
    k >= 1 || throw(ArgumentError("measures must hold at least one measure"))
    ms = [m isa Tuple ? m : (m, nothing) for m in measures]
    xs = [dense(Float64, m[1]) for m in ms]
    ws = [m[2] === nothing ? fill(1 / length(x), length(x)) : dense(Float64, m[2])
          for (m, x) in zip(ms, xs)]
    for (i, (x, w)) in enumerate(zip(xs, ws))
        checklen(w, length(x), "a of measure $i")
    end
    lambda = lambda === nothing ? fill(1 / k, k) : dense(Float64, lambda)
    checklen(lambda, k, "lambda")
    x = reduce(vcat, xs)
    a = reduce(vcat, ws)
    sizes = Csize_t[length(v) for v in xs]
    n = length(x)
    room = max(n - k + 1, 1)
    points = Vector{Float64}(undef, room)
    weights = Vector{Float64}(undef, room)
    opts = Ref(options(LibOTCore.otc_barycenter_1d_options,
                       LibOTCore.otc_barycenter_1d_options_default,
                       "otc_barycenter_1d_options_default"; kwargs...))
    out = Ref{LibOTCore.otc_barycenter_1d_outputs_f64}()
    GC.@preserve x a sizes lambda points weights begin
        problem = Ref(abi(LibOTCore.otc_barycenter_1d_problem_f64; x=pointer(x), a=pointer(a),
                          n=n, sizes=pointer(sizes), k=k, lambda=pointer(lambda),
                          p=Float64(p)))
        out[] = abi(LibOTCore.otc_barycenter_1d_outputs_f64; points=pointer(points),
                    weights=pointer(weights))
        check(LibOTCore.otc_barycenter_1d_f64(problem, out, opts, NO_WORK),
              "otc_barycenter_1d_f64")
    end
    nnz = Int(out[].nnz)
    return (points=points[1:nnz], weights=weights[1:nnz])
end

"""
    mccann_geodesic_1d(mu, nu, t; options...) -> (; points, weights)

McCann's displacement interpolation between the measures `mu` and `nu` on the line at time
t ∈ [0, 1]: the W2 barycenter with λ = (1 − t, t) (see [`barycenter_1d`]).
"""
function mccann_geodesic_1d(mu, nu, t::Real; kwargs...)
    0 <= t <= 1 || throw(ArgumentError("t is $t: it must be in [0, 1]"))
    return barycenter_1d([mu, nu], [1 - t, t]; p=2, kwargs...)
end

"""
    sliced_wasserstein(x, y; a=nothing, b=nothing, p=2, directions=nothing, threads=0,
                       num_directions=50, seed=0, options...) -> Float64

Sliced Wasserstein SW_p^p between the point clouds `x` (n×d) and `y` (m×d): the mean over
directions of the exact 1-D transport cost of the projections. `directions` (k×d) are used as
given; `nothing` draws `num_directions` random unit directions from `seed`. Keyword options are
the fields of the C `otc_sliced_wasserstein_options`. Identical for every thread count.
"""
function sliced_wasserstein(x::AbstractMatrix{<:Real}, y::AbstractMatrix{<:Real}; a=nothing,
                            b=nothing, p::Real=2, directions=nothing, threads::Integer=0,
                            kwargs...)
    n, m = size(x, 1), size(y, 1)
    checklen(a, n, "a"); checklen(b, m, "b")
    x = fmat(x); y = fmat(y)
    a = a === nothing ? fill(1 / n, n) : dense(Float64, a)
    b = b === nothing ? fill(1 / m, m) : dense(Float64, b)
    D = directions === nothing ? nothing : fmat(directions)
    opts = Ref(options(LibOTCore.otc_sliced_wasserstein_options,
                       LibOTCore.otc_sliced_wasserstein_options_default,
                       "otc_sliced_wasserstein_options_default"; num_threads=threads, kwargs...))
    out = Ref(abi(LibOTCore.otc_sliced_wasserstein_outputs_f64))
    GC.@preserve x y a b D opts begin
        dv = D === nothing ? zero_field(LibOTCore.otc_matrix_f64) : view_of(D)
        problem = Ref(abi(LibOTCore.otc_sliced_wasserstein_problem_f64; x=view_of(x),
                          a=pointer(a), y=view_of(y), b=pointer(b), p=Float64(p), directions=dv))
        check(LibOTCore.otc_sliced_wasserstein_f64(problem, out, opts, NO_WORK),
              "otc_sliced_wasserstein_f64")
    end
    return out[].swp_p
end

# The plan fields of a plan-op problem: a sparse plan `(; rows, cols, mass)` (1-based, as
# `emd(...; sparse=true)` returns it) or a dense n×m matrix.
plan_parts(plan::AbstractMatrix{<:Real}) = (nothing, nothing, nothing, Matrix{Float64}(plan))
plan_parts(plan::NamedTuple) =
    (Csize_t.(plan.rows .- 1), Csize_t.(plan.cols .- 1), Vector{Float64}(plan.mass), nothing)

"""
    plan_position_gradient(x, y, plan; threads=0, metric=OTC_METRIC_SQEUCLIDEAN, p=2)
        -> (; gx, gy)

The gradient of the plan's cost Σ P_ij c(x_i, y_j) in the points `x` (n×d, one point per
row) and `y` (m×d): for the optimal plan of `emd` on `cost_matrix(x, y)` of the same metric,
the gradient of the exact OT value in the positions (the duals `f`, `g` are its gradient in
the weights); for an entropic plan, of its transport cost at fixed plan. `plan` is sparse
(`emd(...; sparse=true).plan`) or a dense n×m matrix. Keywords set fields of
`otc_plan_position_gradient_options`.
"""
function plan_position_gradient(x::AbstractMatrix{<:Real}, y::AbstractMatrix{<:Real}, plan;
                                threads::Integer=0, kwargs...)
    x = Matrix{Float64}(x); y = Matrix{Float64}(y)
    rows, cols, mass, P = plan_parts(plan)
    gx = Matrix{Float64}(undef, size(x)); gy = Matrix{Float64}(undef, size(y))
    opts = Ref(options(LibOTCore.otc_plan_position_gradient_options,
                       LibOTCore.otc_plan_position_gradient_options_default,
                       "otc_plan_position_gradient_options_default"; num_threads=threads,
                       kwargs...))
    GC.@preserve x y rows cols mass P gx gy begin
        problem = Ref(abi(LibOTCore.otc_plan_position_gradient_problem_f64; x=view_of(x),
                          y=view_of(y), plan_nnz=mass === nothing ? 0 : length(mass),
                          plan_rows=ptr(rows), plan_cols=ptr(cols), plan_mass=ptr(mass),
                          plan=P === nothing ? no_view(Float64) : view_of(P)))
        res = Ref(abi(LibOTCore.otc_plan_position_gradient_outputs_f64; gx=mut_view_of(gx),
                      gy=mut_view_of(gy)))
        check(LibOTCore.otc_plan_position_gradient_f64(problem, res, opts, NO_WORK),
              "otc_plan_position_gradient_f64")
    end
    return (gx=gx, gy=gy)
end

"""
    displacement_interpolation(x, y, plan, t; threads=0) -> (; points, weights)

McCann's displacement interpolation at time `t` ∈ [0, 1] of `plan` (sparse or dense, as in
`plan_position_gradient`) between the points `x` (n×d) and `y` (m×d): one point
(1 − t) x_i + t y_j of weight P_ij per plan entry (a dense plan gives n·m points, entry (i, j)
at row (i − 1)·m + j). For the optimal plan of `emd` on the squared Euclidean cost it is the W2
geodesic from x to y.
"""
function displacement_interpolation(x::AbstractMatrix{<:Real}, y::AbstractMatrix{<:Real}, plan,
                                    t::Real; threads::Integer=0, kwargs...)
    x = Matrix{Float64}(x); y = Matrix{Float64}(y)
    rows, cols, mass, P = plan_parts(plan)
    k = mass === nothing ? length(P) : length(mass)
    points = Matrix{Float64}(undef, k, size(x, 2)); weights = Vector{Float64}(undef, k)
    opts = Ref(options(LibOTCore.otc_displacement_interpolation_options,
                       LibOTCore.otc_displacement_interpolation_options_default,
                       "otc_displacement_interpolation_options_default"; num_threads=threads,
                       kwargs...))
    GC.@preserve x y rows cols mass P points weights begin
        problem = Ref(abi(LibOTCore.otc_displacement_interpolation_problem_f64; x=view_of(x),
                          y=view_of(y), plan_nnz=mass === nothing ? 0 : length(mass),
                          plan_rows=ptr(rows), plan_cols=ptr(cols), plan_mass=ptr(mass),
                          plan=P === nothing ? no_view(Float64) : view_of(P), t=Float64(t)))
        res = Ref(abi(LibOTCore.otc_displacement_interpolation_outputs_f64;
                      points=mut_view_of(points), weights=pointer(weights)))
        check(LibOTCore.otc_displacement_interpolation_f64(problem, res, opts, NO_WORK),
              "otc_displacement_interpolation_f64")
    end
    return (points=points, weights=weights)
end
