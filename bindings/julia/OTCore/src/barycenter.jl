# Entropic Wasserstein barycenters (fixed support and convolutional).
# requires: otc_barycenter_options_default, otc_barycenter_f64, otc_barycenter_f32,
#           otc_convolutional_barycenter_f64, otc_convolutional_barycenter_f32

barycenter_options(eps, threads, kwargs) =
    Ref(options(LibOTCore.otc_barycenter_options, LibOTCore.otc_barycenter_options_default,
                "otc_barycenter_options_default"; epsilon=eps, num_threads=threads, kwargs...))

"""
    barycenter(hists, C; eps, weights=nothing, threads=0, max_iter=…, tol=…)
        -> (; barycenter, iterations, status)

Fixed-support entropic Wasserstein barycenter (log-domain iterative Bregman projections) of
the k histograms in the columns of `hists` (n×k, each summing to 1) for the n×n cost `C`,
with `weights` (k, normalised; `nothing` = uniform). `Float32` histograms and cost run in
single precision (`otc_barycenter_f32`), anything else in double.
"""
function barycenter(hists::AbstractMatrix{<:Real}, C::AbstractMatrix{<:Real}; eps::Real,
                    weights=nothing, threads::Integer=0, kwargs...)
    checklen(weights, size(hists, 2), "weights")
    single = eltype(hists) == Float32 && eltype(C) == Float32
    T = single ? Float32 : Float64
    hists = Matrix{T}(hists); C = Matrix{T}(C); w = dense(T, weights)
    opts = barycenter_options(eps, threads, kwargs)
    out = Vector{T}(undef, size(hists, 1))
    iters = Ref(UInt64(0))
    st = GC.@preserve hists C w opts out iters begin
        if single
            check(LibOTCore.otc_barycenter_f32(view_of(hists), view_of(C), ptr(w), opts, out,
                                               iters, C_NULL, 0), "otc_barycenter_f32")
        else
            check(LibOTCore.otc_barycenter_f64(view_of(hists), view_of(C), ptr(w), opts, out,
                                               iters, C_NULL, 0), "otc_barycenter_f64")
        end
    end
    return (barycenter=out, iterations=Int(iters[]), status=Int32(st))
end

"""
    convolutional_barycenter(images; eps, weights=nothing, threads=0, max_iter=…, tol=…)
        -> (; barycenter, iterations, status)

Convolutional entropic barycenter (Solomon et al. 2015) of k images on an h×w grid of the unit
square, given as a vector of h×w matrices (each summing to 1); the barycenter is an h×w matrix.
`Float32` images run in single precision (`otc_convolutional_barycenter_f32`).
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
    opts = barycenter_options(eps, threads, kwargs)
    out = Vector{T}(undef, h * w)
    iters = Ref(UInt64(0))
    st = GC.@preserve stack wt opts out iters begin
        if single
            check(LibOTCore.otc_convolutional_barycenter_f32(view_of(stack), h, w, ptr(wt), opts,
                                                             out, iters, C_NULL, 0),
                  "otc_convolutional_barycenter_f32")
        else
            check(LibOTCore.otc_convolutional_barycenter_f64(view_of(stack), h, w, ptr(wt), opts,
                                                             out, iters, C_NULL, 0),
                  "otc_convolutional_barycenter_f64")
        end
    end
    return (barycenter=permutedims(reshape(out, w, h)), iterations=Int(iters[]), status=Int32(st))
end
