# Semi-discrete optimal transport: Laguerre cells, dual solvers, SGD, Lloyd quantisation (ABI 1
# shape: problem, outputs and options structs; options by the C field names as keywords).

# The options of an iterative solver: `fields` (the C names) over the library's defaults, the
# Ctrl-C callback checked every `every` iterations unless the caller sets `callback_every`.
iterative_options(::Type{O}, default!, name, every; fields...) where {O} =
    Ref(options(O, default!, name;
                merge((callback=INTERRUPT_CALLBACK[], callback_every=UInt64(every)), values(fields))...))

"""
    laguerre_assign(points, sites, g; weights=nothing, threads=0, options...)
        -> (; cells, masses, empty_cells, report)

The Laguerre (power) cell of every point: `cells[i] = argmin_j |xᵢ − yⱼ|² − gⱼ` (1-based; ties
to the smallest j) for the rows of `points` (N×d) and `sites` (n×d), both `Float64` or both
`Float32`, passed without copies. `masses` (n, Float64) sums the point weights in each cell
(`weights = nothing`: 1/N per point). Identical for every thread count. `options` are the
fields of `otc_laguerre_assign_options`.
"""
function laguerre_assign(points::StridedMatrix{T}, sites::StridedMatrix{T}, g::AbstractVector{<:Real};
                         weights=nothing, threads::Integer=0, kwargs...) where {T<:Union{Float32,Float64}}
    N, n = size(points, 1), size(sites, 1)
    checklen(g, n, "g"); checklen(weights, N, "weights")
    g = dense(T, g); w = dense(T, weights)
    opts = Ref(options(LibOTCore.otc_laguerre_assign_options, LibOTCore.otc_laguerre_assign_options_default,
                       "otc_laguerre_assign_options_default"; num_threads=threads, kwargs...))
    cells = Vector{UInt32}(undef, N)
    masses = Vector{Float64}(undef, n)
    GC.@preserve points sites g w opts cells masses begin
        if T === Float64
            p = Ref(LibOTCore.otc_laguerre_assign_problem_f64(sizeof(LibOTCore.otc_laguerre_assign_problem_f64),
                                                              view_of(points), ptr(w), view_of(sites), pointer(g)))
            out = Ref(LibOTCore.otc_laguerre_assign_outputs_f64(sizeof(LibOTCore.otc_laguerre_assign_outputs_f64),
                                                                zeroed(LibOTCore.otc_report), 0,
                                                                pointer(cells), pointer(masses)))
            check(LibOTCore.otc_laguerre_assign_f64(p, out, opts, NO_WORK), "otc_laguerre_assign_f64")
        else
            p = Ref(LibOTCore.otc_laguerre_assign_problem_f32(sizeof(LibOTCore.otc_laguerre_assign_problem_f32),
                                                              view_of(points), ptr(w), view_of(sites), pointer(g)))
            out = Ref(LibOTCore.otc_laguerre_assign_outputs_f32(sizeof(LibOTCore.otc_laguerre_assign_outputs_f32),
                                                                zeroed(LibOTCore.otc_report), 0,
                                                                pointer(cells), pointer(masses)))
            check(LibOTCore.otc_laguerre_assign_f32(p, out, opts, NO_WORK), "otc_laguerre_assign_f32")
        end
        return (cells=Int.(cells) .+ 1, masses=masses, empty_cells=Int(out[].empty_cells),
                report=out[].report)
    end
end

const SEMIDISCRETE_METHODS = Dict(:newton => :OTC_SEMIDISCRETE_NEWTON,
                                  :gradient => :OTC_SEMIDISCRETE_GRADIENT)

"""
    semidiscrete(points, sites, b; weights=nothing, g0=nothing, method=:newton, threads=0, options...)
        -> (; g, masses, mass_error, epsilon, step, iterations, error, status, report)

Semi-discrete OT for the squared Euclidean cost from the samples `points` (N×d, weights
`weights`, `nothing` = 1/N each) to the sites `sites` (n×d) with weights `b` (same total
mass): the dual weights `g` (zero mean; `g0` a warm start) and the Laguerre cell masses.
`method` is `:newton` (damped Newton on the entropic semi-dual) or `:gradient`; options are
the fields of `otc_semidiscrete_options` (`max_iter`, `tol`, `step`, `epsilon`,
`callback_every`, ...). `error` is the stopping measure (the smoothed mass error for Newton),
`mass_error` the hard cells'. Ctrl-C stops the solve (an `InterruptException`). Strided
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
    b = dense(T, b); w = dense(T, weights); start = dense(T, g0)
    opts = iterative_options(LibOTCore.otc_semidiscrete_options, LibOTCore.otc_semidiscrete_options_default,
                             "otc_semidiscrete_options_default", 1; num_threads=threads,
                             method=getfield(LibOTCore, SEMIDISCRETE_METHODS[method]), kwargs...)
    g = zeros(T, n)
    masses = Vector{Float64}(undef, n)
    GC.@preserve points sites b w start opts g masses begin
        if T === Float64
            p = Ref(LibOTCore.otc_semidiscrete_problem_f64(sizeof(LibOTCore.otc_semidiscrete_problem_f64),
                                                           view_of(points), ptr(w), view_of(sites),
                                                           pointer(b), ptr(start)))
            out = Ref(LibOTCore.otc_semidiscrete_outputs_f64(sizeof(LibOTCore.otc_semidiscrete_outputs_f64),
                                                             zeroed(LibOTCore.otc_report), 0.0, 0.0, 0.0,
                                                             pointer(g), pointer(masses)))
            st = check(LibOTCore.otc_semidiscrete_f64(p, out, opts, NO_WORK), "otc_semidiscrete_f64")
        else
            p = Ref(LibOTCore.otc_semidiscrete_problem_f32(sizeof(LibOTCore.otc_semidiscrete_problem_f32),
                                                           view_of(points), ptr(w), view_of(sites),
                                                           pointer(b), ptr(start)))
            out = Ref(LibOTCore.otc_semidiscrete_outputs_f32(sizeof(LibOTCore.otc_semidiscrete_outputs_f32),
                                                             zeroed(LibOTCore.otc_report), 0.0, 0.0, 0.0,
                                                             pointer(g), pointer(masses)))
            st = check(LibOTCore.otc_semidiscrete_f32(p, out, opts, NO_WORK), "otc_semidiscrete_f32")
        end
        o = out[]
        return (g=g, masses=masses, mass_error=o.mass_error, epsilon=o.epsilon, step=o.step,
                iterations=Int(o.report.iterations), error=o.report.error, status=Int32(st),
                report=o.report)
    end
end

# Whether both matrices are strided Float32 (the single-precision entry points read them as
# they are).
single(x, y) = x isa StridedMatrix{Float32} && y isa StridedMatrix{Float32}

# C sampler of semidiscrete_sgd: `user` is a Ref to (sampler, dim); the sampler fills a
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

# Runs otc_semidiscrete_sgd_* on a problem whose source is `sample` (a C function pointer,
# with `user`) or the rows of `points` (weights `w`); returns the result tuple.
function sgd_call(::Type{T}, sites, b, sample, user, points, w, opts) where {T}
    n = size(sites, 1)
    g = zeros(T, n)
    GC.@preserve sites b user points w opts g begin
        if T === Float64
            pv = points === nothing ? LibOTCore.otc_matrix_f64(C_NULL, 0, 0, 0, 0) : view_of(points)
            p = Ref(LibOTCore.otc_semidiscrete_sgd_problem_f64(sizeof(LibOTCore.otc_semidiscrete_sgd_problem_f64),
                                                               view_of(sites), pointer(b), sample,
                                                               user === nothing ? C_NULL : pointer_from_objref(user),
                                                               pv, ptr(w)))
            out = Ref(LibOTCore.otc_semidiscrete_sgd_outputs_f64(sizeof(LibOTCore.otc_semidiscrete_sgd_outputs_f64),
                                                                 zeroed(LibOTCore.otc_report), 0.0, pointer(g)))
            st = check(LibOTCore.otc_semidiscrete_sgd_f64(p, out, opts, NO_WORK), "otc_semidiscrete_sgd_f64")
        else
            pv = points === nothing ? LibOTCore.otc_matrix_f32(C_NULL, 0, 0, 0, 0) : view_of(points)
            p = Ref(LibOTCore.otc_semidiscrete_sgd_problem_f32(sizeof(LibOTCore.otc_semidiscrete_sgd_problem_f32),
                                                               view_of(sites), pointer(b), sample,
                                                               user === nothing ? C_NULL : pointer_from_objref(user),
                                                               pv, ptr(w)))
            out = Ref(LibOTCore.otc_semidiscrete_sgd_outputs_f32(sizeof(LibOTCore.otc_semidiscrete_sgd_outputs_f32),
                                                                 zeroed(LibOTCore.otc_report), 0.0, pointer(g)))
            st = check(LibOTCore.otc_semidiscrete_sgd_f32(p, out, opts, NO_WORK), "otc_semidiscrete_sgd_f32")
        end
        o = out[]
        return (g=g, step=o.step, iterations=Int(o.report.iterations), error=o.report.error,
                status=Int32(st), report=o.report)
    end
end

sgd_options(; fields...) =
    iterative_options(LibOTCore.otc_semidiscrete_sgd_options, LibOTCore.otc_semidiscrete_sgd_options_default,
                      "otc_semidiscrete_sgd_options_default", 100; fields...)

"""
    semidiscrete_sgd(sampler, sites, b; precision=Float64, options...)
        -> (; g, step, iterations, error, status, report)

Averaged stochastic gradient ascent (Genevay et al. 2016) for semi-discrete OT from a
continuous source: `sampler(X)` fills the d×count matrix `X` (element type `precision`,
`Float64` or `Float32`) with independent samples (one per column) and is called from the
calling thread (`num_threads = 1`). Returns the dual weights `g` (n, zero mean, `precision`)
for `sites` (n×d) with weights `b` (sum 1); `error` is the last batch's mass error. Options
are the fields of `otc_semidiscrete_sgd_options` (`iterations`, `batch`, `step`, ...).
"""
function semidiscrete_sgd(sampler, sites::AbstractMatrix{<:Real}, b::AbstractVector{<:Real};
                          precision::Type{T}=Float64, kwargs...) where {T<:Union{Float32,Float64}}
    n, d = size(sites)
    checklen(b, n, "b")
    sites = Matrix{T}(sites); b = dense(T, b)
    # One thread: Julia code must run on a Julia thread.
    opts = sgd_options(; merge(values(kwargs), (num_threads=1,))...)
    user = Ref{Any}((sampler, d))
    fn = T === Float64 ? @cfunction(sample_trampoline, Int32, (Ptr{Cvoid}, Csize_t, Ptr{Cdouble})) :
                         @cfunction(sample_trampoline, Int32, (Ptr{Cvoid}, Csize_t, Ptr{Cfloat}))
    return sgd_call(T, sites, b, fn, user, nothing, nothing, opts)
end

"""
    semidiscrete_sgd_samples(points, sites, b; seed=0, weights=nothing, threads=0, options...)
        -> (; g, step, iterations, error, status, report)

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
    opts = sgd_options(; num_threads=threads, seed=UInt64(seed), kwargs...)
    return sgd_call(T, sites, b, C_NULL, nothing, points, w, opts)
end

"""
    lloyd!(sites, points; weights=nothing, max_iter=100, tol=1e-10, threads=0, options...)
        -> (; distortion, iterations, error, status, report)

Lloyd iterations (optimal quantisation): moves every row of `sites` (n×d, a strided `Float64`
or `Float32` matrix updated in place; the points are read in the same precision) to the
barycenter of its Voronoi cell among the rows of `points` (N×d); `distortion` =
Σᵢ aᵢ minⱼ |xᵢ − yⱼ|², `error` the last step's largest site displacement. `status` is
`OTC_WARN_MAX_ITER` when sites still moved more than `tol`. Options are the fields of
`otc_lloyd_options`.
"""
function lloyd!(sites::StridedMatrix{T}, points::AbstractMatrix{<:Real}; weights=nothing,
                max_iter::Integer=100, tol::Real=1e-10, threads::Integer=0,
                kwargs...) where {T<:Union{Float32,Float64}}
    checklen(weights, size(points, 1), "weights")
    points = T === Float64 ? fmat(points) : (points isa StridedMatrix{Float32} ? points : Matrix{Float32}(points))
    w = dense(T, weights)
    initial = Matrix{T}(sites)  # the problem's sites: the outputs may not overlap them
    opts = iterative_options(LibOTCore.otc_lloyd_options, LibOTCore.otc_lloyd_options_default,
                             "otc_lloyd_options_default", 1; num_threads=threads, max_iter=max_iter,
                             tol=Float64(tol), kwargs...)
    GC.@preserve sites points w initial opts begin
        if T === Float64
            p = Ref(LibOTCore.otc_lloyd_problem_f64(sizeof(LibOTCore.otc_lloyd_problem_f64), view_of(points),
                                                    ptr(w), view_of(initial)))
            out = Ref(LibOTCore.otc_lloyd_outputs_f64(sizeof(LibOTCore.otc_lloyd_outputs_f64),
                                                      zeroed(LibOTCore.otc_report), 0.0, mut_view_of(sites)))
            st = check(LibOTCore.otc_lloyd_f64(p, out, opts, NO_WORK), "otc_lloyd_f64")
        else
            p = Ref(LibOTCore.otc_lloyd_problem_f32(sizeof(LibOTCore.otc_lloyd_problem_f32), view_of(points),
                                                    ptr(w), view_of(initial)))
            out = Ref(LibOTCore.otc_lloyd_outputs_f32(sizeof(LibOTCore.otc_lloyd_outputs_f32),
                                                      zeroed(LibOTCore.otc_report), 0.0, mut_view_of(sites)))
            st = check(LibOTCore.otc_lloyd_f32(p, out, opts, NO_WORK), "otc_lloyd_f32")
        end
        o = out[]
        return (distortion=o.distortion, iterations=Int(o.report.iterations), error=o.report.error,
                status=Int32(st), report=o.report)
    end
end
