# Semi-discrete optimal transport: Laguerre cells, dual solvers, SGD, Lloyd quantisation.
# requires: otc_laguerre_options_default, otc_laguerre_assign_f64, otc_laguerre_assign_f32, otc_semidiscrete_options_default, otc_semidiscrete_f64, otc_sgd_options_default, otc_semidiscrete_sgd_f64, otc_lloyd_f64, otc_semidiscrete_f32, otc_semidiscrete_sgd_f32, otc_semidiscrete_sgd_samples_f64, otc_semidiscrete_sgd_samples_f32, otc_lloyd_f32, OTC_SEMIDISCRETE_NEWTON, OTC_SEMIDISCRETE_GRADIENT

laguerre_options(threads) =
    Ref(options(LibOTCore.otc_laguerre_options, LibOTCore.otc_laguerre_options_default,
                "otc_laguerre_options_default"; num_threads=threads))

"""
    laguerre_assign(points, sites, g; weights=nothing, threads=0) -> (; cells, masses)

The Laguerre (power) cell of every point: `cells[i] = argmin_j |xᵢ − yⱼ|² − gⱼ` (1-based; ties
to the smallest j) for the rows of `points` (N×d) and `sites` (n×d), both `Float64` or both
`Float32`, passed without copies. `masses` (n, Float64) sums the point weights in each cell
(`weights = nothing`: 1/N per point). Identical for every thread count.
"""
function laguerre_assign(points::StridedMatrix{T}, sites::StridedMatrix{T}, g::AbstractVector{<:Real};
                         weights=nothing, threads::Integer=0) where {T<:Union{Float32,Float64}}
    N, n = size(points, 1), size(sites, 1)
    checklen(g, n, "g"); checklen(weights, N, "weights")
    g = dense(T, g); w = dense(T, weights)
    opts = laguerre_options(threads)
    cells = Vector{UInt32}(undef, N)
    masses = Vector{Float64}(undef, n)
    GC.@preserve points sites g w opts cells masses begin
        if T === Float64
            check(LibOTCore.otc_laguerre_assign_f64(view_of(points), ptr(w), view_of(sites), g, opts,
                                                    cells, masses, C_NULL, 0), "otc_laguerre_assign_f64")
        else
            check(LibOTCore.otc_laguerre_assign_f32(view_of(points), ptr(w), view_of(sites), g, opts,
                                                    cells, masses, C_NULL, 0), "otc_laguerre_assign_f32")
        end
    end
    return (cells=Int.(cells) .+ 1, masses=masses)
end

const SEMIDISCRETE_METHODS = Dict(:newton => :OTC_SEMIDISCRETE_NEWTON,
                                  :gradient => :OTC_SEMIDISCRETE_GRADIENT)

"""
    semidiscrete(points, sites, b; weights=nothing, g0=nothing, method=:newton, threads=0, options...)
        -> (; g, masses, iterations, mass_error, converged, status)

Semi-discrete OT for the squared Euclidean cost from the samples `points` (N×d, weights
`weights`, `nothing` = 1/N each) to the sites `sites` (n×d) with weights `b` (same total
mass): the dual weights `g` (zero mean; `g0` a warm start) and the Laguerre cell masses.
`method` is `:newton` (damped Newton on the entropic semi-dual) or `:gradient`; options are
the fields of `otc_semidiscrete_options` (`max_iter`, `tol`, `step`, `epsilon`). Strided
`Float32` points and sites run in single precision (`g` is then `Float32`); anything else in
double.
"""
function semidiscrete(points::AbstractMatrix{<:Real}, sites::AbstractMatrix{<:Real},
                      b::AbstractVector{<:Real}; weights=nothing, g0=nothing,
                      method::Symbol=:newton, threads::Integer=0, kwargs...)
    haskey(SEMIDISCRETE_METHODS, method) ||
        throw(ArgumentError("unknown method :$method (:newton or :gradient)"))
    N, n = size(points, 1), size(sites, 1)
    checklen(b, n, "b"); checklen(weights, N, "weights"); checklen(g0, n, "g0")
    T = single(points, sites) ? Float32 : Float64
    if T === Float64
        points = fmat(points); sites = fmat(sites)
    end
    b = dense(T, b); w = dense(T, weights)
    g = g0 === nothing ? zeros(T, n) : Vector{T}(g0)
    opts = Ref(options(LibOTCore.otc_semidiscrete_options, LibOTCore.otc_semidiscrete_options_default,
                       "otc_semidiscrete_options_default"; num_threads=threads,
                       method=getfield(LibOTCore, SEMIDISCRETE_METHODS[method]), kwargs...))
    masses = Vector{Float64}(undef, n)
    info = Ref(zeroed(LibOTCore.otc_semidiscrete_info))
    st = GC.@preserve points sites b w g opts masses info begin
        if T === Float64
            check(LibOTCore.otc_semidiscrete_f64(view_of(points), ptr(w), view_of(sites), b, opts, g,
                                                 masses, info, C_NULL, 0), "otc_semidiscrete_f64")
        else
            check(LibOTCore.otc_semidiscrete_f32(view_of(points), ptr(w), view_of(sites), b, opts, g,
                                                 masses, info, C_NULL, 0), "otc_semidiscrete_f32")
        end
    end
    i = info[]
    return (g=g, masses=masses, iterations=Int(i.iterations), mass_error=i.mass_error,
            converged=i.converged != 0, status=Int32(st))
end

# Whether both matrices are strided Float32 (the single-precision entry points read them as
# they are).
single(x, y) = x isa StridedMatrix{Float32} && y isa StridedMatrix{Float32}

# C callback of semidiscrete_sgd: `user` is a Ref to (sampler, dim); the sampler fills a
# dim×count matrix (column = sample: the row-major count×dim layout otcore reads).
function sample_trampoline(user::Ptr{Cvoid}, count::Csize_t, out::Ptr{T})::Int32 where {T}
    try
        sampler, dim = unsafe_pointer_to_objref(user)[]
        sampler(unsafe_wrap(Array, out, (dim, Int(count))))
        return Int32(0)
    catch
        return Int32(1)
    end
end

"""
    semidiscrete_sgd(sampler, sites, b; precision=Float64, iterations=…, batch=…, step=…) -> g

Averaged stochastic gradient ascent (Genevay et al. 2016) for semi-discrete OT from a
continuous source: `sampler(X)` fills the d×count matrix `X` (element type `precision`,
`Float64` or `Float32`) with independent samples (one per column) and is called from the
calling thread (`num_threads = 1`). Returns the dual weights `g` (n, zero mean, `precision`)
for `sites` (n×d) with weights `b` (sum 1).
"""
function semidiscrete_sgd(sampler, sites::AbstractMatrix{<:Real}, b::AbstractVector{<:Real};
                          precision::Type{T}=Float64, kwargs...) where {T<:Union{Float32,Float64}}
    n, d = size(sites)
    checklen(b, n, "b")
    sites = Matrix{T}(sites); b = dense(T, b)
    # One thread: Julia code must run on a Julia thread.
    opts = Ref(options(LibOTCore.otc_sgd_options, LibOTCore.otc_sgd_options_default,
                       "otc_sgd_options_default"; num_threads=1, kwargs...))
    g = zeros(T, n)
    user = Ref{Any}((sampler, d))
    GC.@preserve sites b opts g user begin
        if T === Float64
            fn = @cfunction(sample_trampoline, Int32, (Ptr{Cvoid}, Csize_t, Ptr{Cdouble}))
            check(LibOTCore.otc_semidiscrete_sgd_f64(fn, pointer_from_objref(user), view_of(sites), b,
                                                     opts, g, C_NULL, 0), "otc_semidiscrete_sgd_f64")
        else
            fn = @cfunction(sample_trampoline, Int32, (Ptr{Cvoid}, Csize_t, Ptr{Cfloat}))
            check(LibOTCore.otc_semidiscrete_sgd_f32(fn, pointer_from_objref(user), view_of(sites), b,
                                                     opts, g, C_NULL, 0), "otc_semidiscrete_sgd_f32")
        end
    end
    return g
end

"""
    semidiscrete_sgd_samples(points, sites, b; seed=0, weights=nothing, threads=0,
                             iterations=…, batch=…, step=…) -> g

Averaged SGD for semi-discrete OT whose batches are rows of `points` (N×d) drawn with
probabilities `weights` (`nothing` = uniform) from a stream seeded by `seed`: the dual
weights `g` (n, zero mean) for `sites` (n×d) with weights `b` (sum 1). The same seed gives
the same `g` for every thread count. Strided `Float32` points and sites run in single
precision.
"""
function semidiscrete_sgd_samples(points::AbstractMatrix{<:Real}, sites::AbstractMatrix{<:Real},
                                  b::AbstractVector{<:Real}; seed::Integer=0, weights=nothing,
                                  threads::Integer=0, kwargs...)
    N, n = size(points, 1), size(sites, 1)
    checklen(b, n, "b"); checklen(weights, N, "weights")
    T = single(points, sites) ? Float32 : Float64
    if T === Float64
        points = fmat(points); sites = fmat(sites)
    end
    b = dense(T, b); w = dense(T, weights)
    opts = Ref(options(LibOTCore.otc_sgd_options, LibOTCore.otc_sgd_options_default,
                       "otc_sgd_options_default"; num_threads=threads, kwargs...))
    g = zeros(T, n)
    GC.@preserve points sites b w opts g begin
        if T === Float64
            check(LibOTCore.otc_semidiscrete_sgd_samples_f64(view_of(points), ptr(w), view_of(sites), b,
                                                             UInt64(seed), opts, g, C_NULL, 0),
                  "otc_semidiscrete_sgd_samples_f64")
        else
            check(LibOTCore.otc_semidiscrete_sgd_samples_f32(view_of(points), ptr(w), view_of(sites), b,
                                                             UInt64(seed), opts, g, C_NULL, 0),
                  "otc_semidiscrete_sgd_samples_f32")
        end
    end
    return g
end

"""
    lloyd!(sites, points; weights=nothing, max_iter=100, tol=1e-10, threads=0) -> (; distortion, status)

Lloyd iterations (optimal quantisation): moves every row of `sites` (n×d, a strided `Float64`
or `Float32` matrix updated in place; the points are read in the same precision) to the
barycenter of its Voronoi cell among the rows of `points` (N×d); `distortion` =
Σᵢ aᵢ minⱼ |xᵢ − yⱼ|². `status` is `OTC_WARN_MAX_ITER` when sites still moved more than `tol`.
"""
function lloyd!(sites::StridedMatrix{T}, points::AbstractMatrix{<:Real}; weights=nothing,
                max_iter::Integer=100, tol::Real=1e-10,
                threads::Integer=0) where {T<:Union{Float32,Float64}}
    checklen(weights, size(points, 1), "weights")
    points = T === Float64 ? fmat(points) : (points isa StridedMatrix{Float32} ? points : Matrix{Float32}(points))
    w = dense(T, weights)
    opts = laguerre_options(threads)
    distortion = Ref(0.0)
    st = GC.@preserve sites points w opts distortion begin
        if T === Float64
            check(LibOTCore.otc_lloyd_f64(view_of(points), ptr(w), mut_view_of(sites), Int32(max_iter),
                                          Float64(tol), opts, distortion, C_NULL, 0), "otc_lloyd_f64")
        else
            check(LibOTCore.otc_lloyd_f32(view_of(points), ptr(w), mut_view_of(sites), Int32(max_iter),
                                          Float64(tol), opts, distortion, C_NULL, 0), "otc_lloyd_f32")
        end
    end
    return (distortion=distortion[], status=Int32(st))
end
