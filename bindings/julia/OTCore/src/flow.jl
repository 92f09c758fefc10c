# Gradient flows, one step per call: otc_wasserstein_flow_step_f64, otc_mmd_flow_step_f64,
# otc_jko_step_f64. A time loop passes each step's outputs back in.

"""
    wasserstein_flow_step(x, y; a=nothing, b=nothing, init_potentials=nothing, threads=0, options...)
        -> (; x, divergence, potentials, iterations, error, status)

One explicit Euler step of the Lagrangian Wasserstein flow of the particles `x` (n×d, one per
row, weights `a` > 0; `nothing` = uniform) toward the cloud `y` (m×d, weights `b`):
`x_i ← x_i − τ ∇_{x_i} S_ε(α, β) / a_i`, S_ε the Sinkhorn divergence for the squared
Euclidean cost. `divergence` is S_ε before the step; `potentials` (3(n + m) values), passed as
the next step's `init_potentials`, warm-start its solves. Keywords set fields of
`otc_wasserstein_flow_step_options` (`step`, `epsilon`, `tolerance`, `max_iter`, ...).
`status` is `OTC_OK` or `OTC_WARN_MAX_ITER`. Ctrl-C stops it with an `InterruptException`.
"""
function wasserstein_flow_step(x::AbstractMatrix{<:Real}, y::AbstractMatrix{<:Real};
                               a=nothing, b=nothing, init_potentials=nothing,
                               threads::Integer=0, kwargs...)
    n, m = size(x, 1), size(y, 1)
    checklen(a, n, "a")
    checklen(b, m, "b")
    checklen(init_potentials, 3 * (n + m), "init_potentials")
    x, y = Matrix{Float64}(x), Matrix{Float64}(y)
    a = a === nothing ? fill(1 / n, n) : dense(Float64, a)
    b = b === nothing ? fill(1 / m, m) : dense(Float64, b)
    init = dense(Float64, init_potentials)
    xn = Matrix{Float64}(undef, n, size(x, 2))
    pots = Vector{Float64}(undef, 3 * (n + m))
    every = max(1, 20_000_000 ÷ max(1, n * (n + m) * size(x, 2)))
    opts = Ref(options(LibOTCore.otc_wasserstein_flow_step_options,
                       LibOTCore.otc_wasserstein_flow_step_options_default,
                       "otc_wasserstein_flow_step_options_default"; num_threads=threads,
                       callback=INTERRUPT_CALLBACK[], callback_every=every, kwargs...))
    st, r = GC.@preserve x y a b init xn pots begin
        problem = Ref(abi(LibOTCore.otc_wasserstein_flow_step_problem_f64; x=view_of(x),
                          a=pointer(a), y=view_of(y), b=pointer(b), init_potentials=ptr(init)))
        res = Ref(abi(LibOTCore.otc_wasserstein_flow_step_outputs_f64; x=mut_view_of(xn),
                      potentials=pointer(pots)))
        (check(LibOTCore.otc_wasserstein_flow_step_f64(problem, res, opts, NO_WORK),
               "otc_wasserstein_flow_step_f64"), res[])
    end
    return (x=xn, divergence=r.divergence, potentials=pots, iterations=Int(r.report.iterations),
            error=r.report.error, status=Int32(st))
end

"""
    mmd_flow_step(x, y; a=nothing, b=nothing, target_term=nothing, threads=0, options...)
        -> (; x, mmd_squared, target_term)

One explicit Euler step of the MMD flow of the particles `x` toward `y`:
`x_i ← x_i − τ ∇_{x_i} MMD²_k(α, β) / a_i` for the energy-distance kernel −|x − y| (default) or
the Gaussian kernel (`kernel=LibOTCore.OTC_MMD_KERNEL_GAUSSIAN, sigma=σ`). `target_term`, a
previous step's, saves the O(m²·d) term: the step is then O((n + m)·n·d), no n×m memory, the
same result for every thread count. Keywords set fields of `otc_mmd_flow_step_options`
(`step`, `kernel`, `sigma`).
"""
function mmd_flow_step(x::AbstractMatrix{<:Real}, y::AbstractMatrix{<:Real};
                       a=nothing, b=nothing, target_term=nothing, threads::Integer=0, kwargs...)
    n, m = size(x, 1), size(y, 1)
    checklen(a, n, "a")
    checklen(b, m, "b")
    x, y = Matrix{Float64}(x), Matrix{Float64}(y)
    a = a === nothing ? fill(1 / n, n) : dense(Float64, a)
    b = b === nothing ? fill(1 / m, m) : dense(Float64, b)
    term = target_term === nothing ? nothing : Float64[target_term]
    xn = Matrix{Float64}(undef, n, size(x, 2))
    opts = Ref(options(LibOTCore.otc_mmd_flow_step_options,
                       LibOTCore.otc_mmd_flow_step_options_default,
                       "otc_mmd_flow_step_options_default"; num_threads=threads, kwargs...))
    r = GC.@preserve x y a b term xn begin
        problem = Ref(abi(LibOTCore.otc_mmd_flow_step_problem_f64; x=view_of(x), a=pointer(a),
                          y=view_of(y), b=pointer(b), target_term=ptr(term)))
        res = Ref(abi(LibOTCore.otc_mmd_flow_step_outputs_f64; x=mut_view_of(xn)))
        check(LibOTCore.otc_mmd_flow_step_f64(problem, res, opts, NO_WORK), "otc_mmd_flow_step_f64")
        res[]
    end
    return (x=xn, mmd_squared=r.mmd_squared, target_term=r.target_term)
end

"""
    jko_step(rho; potential=nothing, init_dual=nothing, threads=0, options...)
        -> (; rho, dual, iterations, error, status)

One entropic JKO step (Peyré 2015) of the density `rho` (h×w masses on the grid of the unit
square, row r at r/(h − 1)): `argmin_ρ W_ε(ρ, ρ_k) + τ (Σ ρ log ρ + Σ V ρ)` for the cost
½|x − y|², V = `potential` (h×w; `nothing` = 0: the heat flow, a Gaussian's variance growing
by ≈ 2τ per step and axis). The mass is kept. `dual` (h×w) is the final dual of the scaling
iterations: passed as the next step's `init_dual` (`nothing`: cold start), it warm-starts
them (the same density up to `tol`, fewer iterations). Keywords set fields of
`otc_jko_step_options` (`epsilon`, `step`, `max_iter`, `tol`). Ctrl-C stops it with an
`InterruptException`.
"""
function jko_step(rho::AbstractMatrix{<:Real}; potential=nothing, init_dual=nothing,
                  threads::Integer=0, kwargs...)
    h, w = size(rho)
    # otcore reads pixel (r, c) at r·w + c (row-major): vec(permutedims(.)).
    grid(m, what) = m === nothing ? nothing :
        size(m) == (h, w) ? vec(permutedims(Matrix{Float64}(m))) :
        throw(DimensionMismatch("$what is $(size(m)), rho $((h, w))"))
    r0 = grid(rho, "rho")
    v = grid(potential, "potential")
    init = grid(init_dual, "init_dual")
    out = Vector{Float64}(undef, h * w)
    dual = Vector{Float64}(undef, h * w)
    every = max(1, 200_000_000 ÷ max(1, h * w * (h + w)))
    opts = Ref(options(LibOTCore.otc_jko_step_options, LibOTCore.otc_jko_step_options_default,
                       "otc_jko_step_options_default"; num_threads=threads,
                       callback=INTERRUPT_CALLBACK[], callback_every=every, kwargs...))
    st, r = GC.@preserve r0 v init out dual begin
        problem = Ref(abi(LibOTCore.otc_jko_step_problem_f64; rho=pointer(r0), height=h,
                          width=w, potential=ptr(v), init_dual=ptr(init)))
        res = Ref(abi(LibOTCore.otc_jko_step_outputs_f64; rho_next=pointer(out),
                      dual=pointer(dual)))
        (check(LibOTCore.otc_jko_step_f64(problem, res, opts, NO_WORK), "otc_jko_step_f64"),
         res[].report)
    end
    return (rho=permutedims(reshape(out, w, h)), dual=permutedims(reshape(dual, w, h)),
            iterations=Int(r.iterations), error=r.error, status=Int32(st))
end
