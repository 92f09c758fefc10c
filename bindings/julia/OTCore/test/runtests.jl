# Tests of OTCore.jl (names mirror the Rust tests). Run with the library built:
#   OTCORE_LIB=$PWD/target/release/libotcore.so julia --project=bindings/julia/OTCore -e 'using Pkg; Pkg.test()'
using OTCore
using Test
using LinearAlgebra: norm, dot

naive(x, y, f) = [f(x[i, :], y[j, :]) for i in axes(x, 1), j in axes(y, 1)]

@testset "OTCore" begin
    @testset "version_matches_the_header" begin
        @test OTCore.library_version() ==
              VersionNumber(OTCore.LibOTCore.OTC_VERSION_MAJOR, OTCore.LibOTCore.OTC_VERSION_MINOR,
                            OTCore.LibOTCore.OTC_VERSION_PATCH)
    end

    @testset "status_errors_carry_the_message" begin
        err = try
            OTCore.check(OTCore.LibOTCore.OTC_ERR_NON_FINITE, "otc_test")
        catch e
            e
        end
        @test err isa OTCoreError
        @test err.status == OTCore.LibOTCore.OTC_ERR_NON_FINITE
        @test OTCore.check(OTCore.LibOTCore.OTC_WARN_MAX_ITER, "w") == OTCore.LibOTCore.OTC_WARN_MAX_ITER
    end

    @testset "cost_matrix_matches_naive_for_every_metric" begin
        x = [sin(1.0 + 0.7k) for k in 0:14] |> v -> reshape(v, 5, 3)
        y = [cos(0.3 + 1.1k) for k in 0:11] |> v -> reshape(v, 4, 3)
        @test cost_matrix(x, y) ≈ naive(x, y, (a, b) -> sum(abs2, a - b)) rtol = 1e-12
        @test cost_matrix(x, y; metric=:euclidean) ≈ naive(x, y, (a, b) -> norm(a - b)) rtol = 1e-12
        @test cost_matrix(x, y; metric=:minkowski, p=3) ≈
              naive(x, y, (a, b) -> sum(abs.(a - b) .^ 3)^(1 / 3)) rtol = 1e-12
        @test cost_matrix(x, y; metric=:cosine) ≈
              naive(x, y, (a, b) -> 1 - dot(a, b) / (norm(a) * norm(b))) rtol = 1e-12 atol = 1e-14
        # Strided views and transposes pass without copies; threads do not change the result.
        xbig = zeros(10, 3)
        xbig[1:2:end, :] = x
        @test cost_matrix(view(xbig, 1:2:10, :), y) ≈ cost_matrix(x, y) rtol = 1e-14
        @test cost_matrix(x, y; threads=1) == cost_matrix(x, y; threads=2)
        C = zeros(6, 4)
        cost_matrix!(view(C, 1:5, :), x, y)
        @test C[1:5, :] ≈ naive(x, y, (a, b) -> sum(abs2, a - b))
        @test cost_matrix(Float32.(x), Float32.(y)) ≈ naive(x, y, (a, b) -> sum(abs2, a - b)) rtol = 1e-5
    end

    @testset "cost_matrix_rejects_bad_input" begin
        x = ones(3, 2); y = ones(2, 2)
        x[2, 1] = NaN
        @test_throws OTCoreError cost_matrix(x, y)
        err = try
            cost_matrix(x, y)
        catch e
            e
        end
        @test err.status == OTCore.LibOTCore.OTC_ERR_NON_FINITE
        @test occursin("otc_cost_matrix_f64", sprint(showerror, err))
        @test_throws OTCoreError cost_matrix(ones(3, 2), ones(2, 3))
        @test_throws ArgumentError cost_matrix(ones(3, 2), ones(2, 2); metric=:manhattan)
    end
end
