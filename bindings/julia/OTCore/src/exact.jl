# Exact optimal transport (network simplex).
# requires: otc_emd_options_default, otc_emd

"""
    emd(a, b, C; sparse=false, threads=0, max_iter=…, mass_tolerance=…)
        -> (; cost, plan, f, g, gap, iterations, nnz, status)

Exact optimal transport between the histograms `a` (n) and `b` (m) for the n×m cost `C`
(any strided `Float64` matrix: views and transposes pass without copies), by the network
simplex. `plan` is the dense n×m optimal plan, or with `sparse=true` the tuple
`(rows, cols, mass)` of its at most n + m − 1 non-zero entries (1-based indices). `f`, `g` are
the dual potentials, centred so that a·f = b·g; `cost` = Σ C .* plan = a·f + b·g (up to `gap`).
Weights and costs must be finite and ≥ 0 with equal masses (within `mass_tolerance`,
relative). `status` is `OTC_OK`, or `OTC_WARN_MAX_ITER` when `max_iter` pivots stopped the
solve (the plan is then feasible, not optimal). Bad input throws [`OTCoreError`](@ref).
"""
function emd(a::AbstractVector{<:Real}, b::AbstractVector{<:Real}, C::StridedMatrix{Float64};
             sparse::Bool=false, threads::Integer=0, kwargs...)
    n, m = size(C)
    checklen(a, n, "a"); checklen(b, m, "b")
    a = dense(Float64, a); b = dense(Float64, b)
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
    st = GC.@preserve a b C f g rows cols mass P opts res begin
        pv = P === nothing ? LibOTCore.otc_matrix_mut_f64(C_NULL, n, m, 1, n) : mut_view_of(P)
        LibOTCore.otc_emd(a, n, b, m, view_of(C), res, f, g, ptr(rows), ptr(cols), ptr(mass),
                          pv, opts, C_NULL, 0)
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
