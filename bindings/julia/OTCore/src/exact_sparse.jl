# Exact solvers of the ABI 1 shape: assignment (LAPJV), exact OT on grids (sparse multiscale
# network simplex), exact partial and TV-unbalanced OT.

"""
    assignment(C; num_threads=0) -> (; cost, gap, perm, u, v, iterations, status)
    assignment(Cs::Vector; num_threads=0) -> (; cost, gap, perm, u, v, problem_costs, ...)

The linear assignment problem `min_σ Σ_i C[i, σ(i)]` of the square `Float64` matrix `C` (any
strided layout, no copy), solved exactly by Jonker–Volgenant (LAPJV): row `i` goes to column
`perm[i]` (1-based); the duals satisfy `u[i] + v[j] ≤ C[i, j]` with equality on the
assignment, and `gap` (the most negative reduced cost) is 0 up to rounding. For a vector of k
n×n matrices the problems are shared by `num_threads` workers (identical results for every
count); `perm`, `u`, `v` are then n×k (column l = problem l).
"""
function assignment(Cs::AbstractVector{<:StridedMatrix{Float64}}; kwargs...)
    k = length(Cs)
    k > 0 || throw(ArgumentError("no problems"))
    n = size(first(Cs), 1)
    opts = Ref(options(LibOTCore.otc_assignment_options, LibOTCore.otc_assignment_options_default,
                       "otc_assignment_options_default";
                       merge((callback=INTERRUPT_CALLBACK[], callback_every=16), kwargs)...))
    perm = Matrix{Csize_t}(undef, n, k)
    u = Matrix{Float64}(undef, n, k)
    v = Matrix{Float64}(undef, n, k)
    pc = Vector{Float64}(undef, k)
    views = [view_of(C) for C in Cs]
    # The structs hold raw pointers: the arrays they point to are preserved through the call.
    p = Ref(abi(LibOTCore.otc_assignment_problem_f64; count=k, costs=pointer(views)))
    out = Ref(abi(LibOTCore.otc_assignment_outputs_f64; perm=pointer(perm), u=pointer(u),
                  v=pointer(v), problem_costs=pointer(pc)))
    st = GC.@preserve Cs views perm u v pc begin
        check(LibOTCore.otc_assignment_f64(p, out, opts, NO_WORK), "otc_assignment_f64")
    end
    r = out[]
    return (cost=r.cost, gap=r.gap, perm=Int.(perm) .+ 1, u=u, v=v, problem_costs=pc,
            iterations=Int(r.report.iterations), status=Int32(st))
end

function assignment(C::StridedMatrix{Float64}; kwargs...)
    r = assignment([C]; kwargs...)
    return (cost=r.cost, gap=r.gap, perm=r.perm[:, 1], u=r.u[:, 1], v=r.v[:, 1],
            iterations=r.iterations, status=r.status)
end

assignment(C::AbstractMatrix{<:Real}; kwargs...) = assignment(Matrix{Float64}(C); kwargs...)

"""
    emd_grid(a, b; spacing=nothing, num_threads=0, mass_tolerance=…, arcs_per_node=…,
             callback_every=1, callback=…, callback_data=C_NULL)
        -> (; cost, gap, plan, f, g, iterations, rounds, levels, status)

Exact optimal transport between the histograms `a` and `b`, arrays of one size with 1 to 3
dimensions (pixels of a regular grid; `spacing`: the distance between neighbours along each
dimension, default 1), for the squared Euclidean cost, by the sparse multiscale network simplex
(the n² cost is never formed). `plan` is `(rows, cols, mass)` with 1-based linear pixel
indices (Julia's column-major order); `f`, `g` are the duals (arrays of the grid's size,
centred so that a·f = b·g); `gap`, the most negative reduced cost over all n² arcs, certifies
optimality (0 up to rounding). Bad input throws [`OTCoreError`](@ref); Ctrl-C stops the
solve at its next check of all arcs ([`interrupt_callback`](@ref), the default `callback`) and
rethrows the `InterruptException`.
"""
function emd_grid(a::AbstractArray{<:Real}, b::AbstractArray{<:Real}; spacing=nothing, kwargs...)
    size(a) == size(b) || throw(DimensionMismatch("a is $(size(a)) and b $(size(b))"))
    1 <= ndims(a) <= 3 || throw(ArgumentError("grids have 1 to 3 dimensions"))
    spacing === nothing || length(spacing) == ndims(a) ||
        throw(DimensionMismatch("spacing has $(length(spacing)) entries for $(ndims(a)) dimensions"))
    n = length(a)
    # Julia is column-major (first index fastest), otcore's grids row-major (last axis
    # fastest): the axes go reversed, so pixel indices are Julia's linear indices.
    shape = Csize_t[reverse(size(a))...]
    sp = spacing === nothing ? nothing : Float64[reverse(Tuple(spacing))...]
    av = Vector{Float64}(vec(a)); bv = Vector{Float64}(vec(b))
    # Ctrl-C stops the solve at the next check of all arcs (a few per level).
    opts = Ref(options(LibOTCore.otc_emd_grid_options, LibOTCore.otc_emd_grid_options_default,
                       "otc_emd_grid_options_default";
                       merge((callback=INTERRUPT_CALLBACK[], callback_every=1), kwargs)...))
    f = Vector{Float64}(undef, n); g = Vector{Float64}(undef, n)
    cap = 2n - 1
    rows = Vector{Csize_t}(undef, cap); cols = Vector{Csize_t}(undef, cap)
    mass = Vector{Float64}(undef, cap)
    p = Ref(abi(LibOTCore.otc_emd_grid_problem_f64; ndim=length(shape), shape=pointer(shape),
                spacing=ptr(sp), a=pointer(av), b=pointer(bv)))
    out = Ref(abi(LibOTCore.otc_emd_grid_outputs_f64; f=pointer(f), g=pointer(g),
                  plan_rows=pointer(rows), plan_cols=pointer(cols), plan_mass=pointer(mass)))
    st = GC.@preserve shape sp av bv f g rows cols mass begin
        check(LibOTCore.otc_emd_grid_f64(p, out, opts, NO_WORK), "otc_emd_grid_f64")
    end
    r = out[]
    k = Int(r.plan_nnz)
    return (cost=r.cost, gap=r.gap,
            plan=(rows=Int.(rows[1:k]) .+ 1, cols=Int.(cols[1:k]) .+ 1, mass=mass[1:k]),
            f=reshape(f, size(a)), g=reshape(g, size(a)), iterations=Int(r.report.iterations),
            rounds=Int(r.rounds), levels=Int(r.levels), status=Int32(st))
end

"""
    emd_points(a, b, x, y; metric=:sqeuclidean, p=2, num_threads=0, max_iter=…,
               mass_tolerance=…, callback_every=…, callback=…, callback_data=C_NULL)
        -> (; cost, gap, plan, f, g, iterations, status)

Exact optimal transport between the weights `a` on the rows of `x` (n×d) and `b` on the rows
of `y` (m×d) for the cost `metric(x_i, y_j)` (`:sqeuclidean`, `:euclidean` or `:minkowski`
with exponent `p`), by the network simplex with costs computed on the fly: the n×m cost is
never stored (memory O((n + m)·d)); `x` and `y` may be any strided matrices. `plan` is
`(rows, cols, mass)` with 1-based indices; `gap`, the most negative reduced cost over all n·m
arcs, certifies optimality (0 up to rounding). Bad input throws [`OTCoreError`](@ref); Ctrl-C
stops the solve ([`interrupt_callback`](@ref), the default `callback`) and rethrows the
`InterruptException`.
"""
function emd_points(a::AbstractVector{<:Real}, b::AbstractVector{<:Real},
                    x::StridedMatrix{Float64}, y::StridedMatrix{Float64};
                    metric::Symbol=:sqeuclidean, p::Real=2, kwargs...)
    n, m = size(x, 1), size(y, 1)
    checklen(a, n, "a"); checklen(b, m, "b")
    haskey(METRICS, metric) || throw(ArgumentError("unknown metric :$metric"))
    av = dense(Float64, a); bv = dense(Float64, b)
    opts = Ref(options(LibOTCore.otc_emd_points_options, LibOTCore.otc_emd_points_options_default,
                       "otc_emd_points_options_default";
                       merge((callback=INTERRUPT_CALLBACK[], callback_every=1000,
                              metric=getfield(LibOTCore, METRICS[metric]), p=p), kwargs)...))
    f = Vector{Float64}(undef, n); g = Vector{Float64}(undef, m)
    cap = n + m - 1
    rows = Vector{Csize_t}(undef, cap); cols = Vector{Csize_t}(undef, cap)
    mass = Vector{Float64}(undef, cap)
    pr = Ref(abi(LibOTCore.otc_emd_points_problem_f64; a=pointer(av), b=pointer(bv),
                 x=view_of(x), y=view_of(y)))
    out = Ref(abi(LibOTCore.otc_emd_points_outputs_f64; f=pointer(f), g=pointer(g),
                  plan_rows=pointer(rows), plan_cols=pointer(cols), plan_mass=pointer(mass)))
    st = GC.@preserve av bv x y f g rows cols mass begin
        check(LibOTCore.otc_emd_points_f64(pr, out, opts, NO_WORK), "otc_emd_points_f64")
    end
    r = out[]
    k = Int(r.nnz)
    return (cost=r.cost, gap=r.gap,
            plan=(rows=Int.(rows[1:k]) .+ 1, cols=Int.(cols[1:k]) .+ 1, mass=mass[1:k]),
            f=f, g=g, iterations=Int(r.report.iterations), status=Int32(st))
end

# The shared body of emd_partial, sinkhorn_partial and emd_unbalanced_tv: problem type P with its extra field
# (`(mass=…,)` or `(rho=…,)`), outputs type O, the C function `call` named `name`.
function dummy_solve(P, O, call, name, a, b, C::StridedMatrix{Float64}, extra::NamedTuple, opts)
    n, m = size(C)
    checklen(a, n, "a"); checklen(b, m, "b")
    a = dense(Float64, a); b = dense(Float64, b)
    f = Vector{Float64}(undef, n); g = Vector{Float64}(undef, m)
    plan = zeros(n, m)
    p = Ref(abi(P; a=pointer(a), n=n, b=pointer(b), m=m, cost=view_of(C), extra...))
    out = Ref(abi(O; f=pointer(f), g=pointer(g), plan=mut_view_of(plan)))
    st = GC.@preserve a b C f g plan begin
        check(call(p, out, opts, NO_WORK), name)
    end
    return out[], plan, f, g, Int32(st)
end

"""
    emd_partial(a, b, C, mass; num_threads=0, max_iter=…, mass_tolerance=…)
        -> (; cost, plan, f, g, transported_mass, mass_price, gap, iterations, status)

Exact partial optimal transport: moves `mass` (≤ min(Σa, Σb)) from `a` (n) to `b` (m) at
least cost for the n×m cost `C` (finite, ≥ 0), `min ⟨C, P⟩` over P ≥ 0 with P·1 ≤ a,
Pᵀ·1 ≤ b, ΣP = mass, by the network simplex with a dummy row and column. `plan` is dense;
`mass_price` is the derivative of the cost in the mass; the duals satisfy f ≤ 0, g ≤ 0,
f_i + g_j + mass_price ≤ C_ij. `status` is `OTC_WARN_MAX_ITER` when `max_iter` stopped the
solve.
"""
function emd_partial(a::AbstractVector{<:Real}, b::AbstractVector{<:Real},
                     C::StridedMatrix{Float64}, mass::Real; kwargs...)
    opts = Ref(options(LibOTCore.otc_emd_partial_options, LibOTCore.otc_emd_partial_options_default,
                       "otc_emd_partial_options_default";
                       merge((callback=INTERRUPT_CALLBACK[], callback_every=1000), kwargs)...))
    r, plan, f, g, st = dummy_solve(LibOTCore.otc_emd_partial_problem_f64,
                                    LibOTCore.otc_emd_partial_outputs_f64,
                                    LibOTCore.otc_emd_partial_f64, "otc_emd_partial_f64", a, b, C,
                                    (mass=Float64(mass),), opts)
    return (cost=r.cost, plan=plan, f=f, g=g, transported_mass=r.transported_mass,
            mass_price=r.mass_price, gap=r.gap, iterations=Int(r.report.iterations), status=st)
end

emd_partial(a, b, C::AbstractMatrix{<:Real}, mass::Real; kwargs...) =
    emd_partial(a, b, Matrix{Float64}(C), mass; kwargs...)

"""
    sinkhorn_partial(a, b, C, mass; epsilon=0.01, num_threads=0, tolerance=…, max_iter=…,
                     check_every=…, mass_tolerance=…)
        -> (; transport_cost, entropic_ot, plan, f, g, transported_mass, mass_price, error,
              iterations, status)

Entropic partial optimal transport, the counterpart of [`emd_partial`](@ref): moves `mass`
(0 < mass ≤ min(Σa, Σb)) minimising `⟨C, P⟩ + ε·KL(P | a⊗b)` over P ≥ 0 with P·1 ≤ a,
Pᵀ·1 ≤ b, by Sinkhorn updates clamped at 0 and a closed-form update of the mass price λ.
The dense `plan` is `a_i b_j exp((f_i + g_j + λ − C_ij)/ε)` with f ≤ 0, g ≤ 0,
λ = `mass_price`; `error` measures the optimality conditions. `status` is
`OTC_WARN_MAX_ITER` when `max_iter` stopped the solve.
"""
function sinkhorn_partial(a::AbstractVector{<:Real}, b::AbstractVector{<:Real},
                          C::StridedMatrix{Float64}, mass::Real; kwargs...)
    opts = Ref(options(LibOTCore.otc_sinkhorn_partial_options,
                       LibOTCore.otc_sinkhorn_partial_options_default,
                       "otc_sinkhorn_partial_options_default";
                       merge((callback=INTERRUPT_CALLBACK[], callback_every=10), kwargs)...))
    r, plan, f, g, st = dummy_solve(LibOTCore.otc_sinkhorn_partial_problem_f64,
                                    LibOTCore.otc_sinkhorn_partial_outputs_f64,
                                    LibOTCore.otc_sinkhorn_partial_f64, "otc_sinkhorn_partial_f64",
                                    a, b, C, (mass=Float64(mass),), opts)
    return (transport_cost=r.transport_cost, entropic_ot=r.entropic_ot, plan=plan, f=f, g=g,
            transported_mass=r.transported_mass, mass_price=r.mass_price, error=r.report.error,
            iterations=Int(r.report.iterations), status=st)
end

sinkhorn_partial(a, b, C::AbstractMatrix{<:Real}, mass::Real; kwargs...) =
    sinkhorn_partial(a, b, Matrix{Float64}(C), mass; kwargs...)

"""
    emd_unbalanced_tv(a, b, C, rho; num_threads=0, max_iter=…)
        -> (; objective, cost, plan, f, g, transported_mass, gap, iterations, status)

Exact unbalanced optimal transport with a total-variation penalty:
`min_{P ≥ 0} ⟨C, P⟩ + ρ(‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁)` for the n×m cost `C` (finite, ≥ 0): mass
moves from i to j only where C_ij < 2ρ. `objective` = a·f + b·g; f ≤ ρ, g ≤ ρ. `plan` is
dense.
"""
function emd_unbalanced_tv(a::AbstractVector{<:Real}, b::AbstractVector{<:Real},
                           C::StridedMatrix{Float64}, rho::Real; kwargs...)
    opts = Ref(options(LibOTCore.otc_emd_unbalanced_tv_options,
                       LibOTCore.otc_emd_unbalanced_tv_options_default,
                       "otc_emd_unbalanced_tv_options_default";
                       merge((callback=INTERRUPT_CALLBACK[], callback_every=1000), kwargs)...))
    r, plan, f, g, st = dummy_solve(LibOTCore.otc_emd_unbalanced_tv_problem_f64,
                                    LibOTCore.otc_emd_unbalanced_tv_outputs_f64,
                                    LibOTCore.otc_emd_unbalanced_tv_f64,
                                    "otc_emd_unbalanced_tv_f64", a, b, C, (rho=Float64(rho),), opts)
    return (objective=r.objective, cost=r.cost, plan=plan, f=f, g=g,
            transported_mass=r.transported_mass, gap=r.gap, iterations=Int(r.report.iterations),
            status=st)
end

emd_unbalanced_tv(a, b, C::AbstractMatrix{<:Real}, rho::Real; kwargs...) =
    emd_unbalanced_tv(a, b, Matrix{Float64}(C), rho; kwargs...)
