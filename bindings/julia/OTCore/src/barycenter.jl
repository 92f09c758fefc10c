# Entropic Wasserstein barycenters (fixed support and convolutional).
# requires: otc_barycenter_options_default, otc_barycenter_f64, otc_convolutional_barycenter_f64

barycenter_options(eps, threads, kwargs) =
    Ref(options(LibOTCore.otc_barycenter_options, LibOTCore.otc_barycenter_options_default,
                "otc_barycenter_options_default"; epsilon=eps, num_threads=threads, kwargs...))

"""
    barycenter(hists, C; eps, weights=nothing, threads=0, max_iter=…, tol=…)
        -> (; barycenter, iterations, status)

Fixed-support entropic Wasserstein barycenter (log-domain iterative Bregman projections) of
the k histograms in the columns of `hists` (n×k, each summing to 1) for the n×n cost `C`,
with `weights` (k, normalised; `nothing` = uniform).
"""
function barycenter(hists::AbstractMatrix{<:Real}, C::AbstractMatrix{<:Real}; eps::Real,
                    weights=nothing, threads::Integer=0, kwargs...)
    checklen(weights, size(hists, 2), "weights")
    hists = fmat(hists); C = fmat(C); w = dense(Float64, weights)
    opts = barycenter_options(eps, threads, kwargs)
    out = Vector{Float64}(undef, size(hists, 1))
    iters = Ref(UInt64(0))
    st = GC.@preserve hists C w opts out iters begin
        check(LibOTCore.otc_barycenter_f64(view_of(hists), view_of(C), ptr(w), opts, out, iters,
                                           C_NULL, 0), "otc_barycenter_f64")
    end
    return (barycenter=out, iterations=Int(iters[]), status=Int32(st))
end

"""
    convolutional_barycenter(images; eps, weights=nothing, threads=0, max_iter=…, tol=…)
        -> (; barycenter, iterations, status)

Convolutional entropic barycenter (Solomon et al. 2015) of k images on an h×w grid of the unit
square, given as a vector of h×w matrices (each summing to 1); the barycenter is an h×w matrix.
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
    stack = Matrix{Float64}(undef, h * w, k)
    for (j, I) in enumerate(images)
        stack[:, j] = vec(permutedims(I))
    end
    wt = dense(Float64, weights)
    opts = barycenter_options(eps, threads, kwargs)
    out = Vector{Float64}(undef, h * w)
    iters = Ref(UInt64(0))
    st = GC.@preserve stack wt opts out iters begin
        check(LibOTCore.otc_convolutional_barycenter_f64(view_of(stack), h, w, ptr(wt), opts, out,
                                                         iters, C_NULL, 0),
              "otc_convolutional_barycenter_f64")
    end
    return (barycenter=permutedims(reshape(out, w, h)), iterations=Int(iters[]), status=Int32(st))
end
