# Tests of OTCore.jl (names mirror the Rust tests). Run with the library built:
#   OTCORE_LIB=$PWD/target/release/libotcore.so julia --project=bindings/julia/OTCore -e 'using Pkg; Pkg.test()'
using OTCore
using Test
using LinearAlgebra: norm, dot

naive(x, y, f) = [f(x[i, :], y[j, :]) for i in axes(x, 1), j in axes(y, 1)]

# Every permutation of 1:n (brute force for small assignment problems).
permutations_of(n) = n == 1 ? [[1]] : [insert!(copy(p), k, n) for p in permutations_of(n - 1) for k in 1:n]

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

    # Exact OT (names of tests/exact.rs).
    perms(n) = n == 1 ? [[1]] : [vcat(p[1:k-1], n, p[k:end]) for p in perms(n - 1) for k in 1:n]

    @testset "uniform_square_problems_match_brute_force_and_give_permutations" begin
        n = 5
        C = [abs(sin(1.3i + 0.7j)) + 0.1 * (i - j)^2 for i in 1:n, j in 1:n]
        best = minimum(sum(C[i, p[i]] for i in 1:n) for p in perms(n)) / n
        u = fill(1 / n, n)
        r = emd(u, u, C)
        @test r.cost ≈ best rtol = 1e-12
        @test sum(C .* r.plan) ≈ best rtol = 1e-12
        @test all(x -> x == 0 || x ≈ 1 / n, r.plan)
        @test vec(sum(r.plan; dims=2)) ≈ u rtol = 1e-12
        @test dot(u, r.f) + dot(u, r.g) ≈ best rtol = 1e-10
        # Reduced costs of the duals are >= 0 (optimality certificate).
        @test all(C .- r.f .- r.g' .>= -1e-12)
        # The transpose passes as a strided view: the problem with the sides swapped.
        @test emd(u, u, transpose(C)).cost ≈ best rtol = 1e-12
    end

    @testset "warm_start_from_duals_gives_the_same_optimum" begin
        n = 6
        C = [abs(sin(1.3i + 0.7j)) + 0.1 * (i - j)^2 for i in 1:n, j in 1:n]
        u = fill(1 / n, n)
        cold = emd(u, u, C)
        C2 = C .+ 0.01 .* [cos(i * j) for i in 1:n, j in 1:n]
        warm = emd(u, u, C2; warm_f=cold.f, warm_g=cold.g)
        @test warm.cost ≈ emd(u, u, C2).cost rtol = 1e-12
        @test_throws ArgumentError emd(u, u, C2; warm_f=cold.f)
    end

    @testset "dense_and_sparse_outputs_agree" begin
        a = [0.2, 0.3, 0.5]; b = [0.6, 0.4]
        C = [1.0 2.0; 0.5 3.0; 2.0 0.1]
        d = emd(a, b, C)
        s = emd(a, b, C; sparse=true)
        P = zeros(3, 2)
        for (i, j, x) in zip(s.plan.rows, s.plan.cols, s.plan.mass)
            P[i, j] += x
        end
        @test P ≈ d.plan
        @test s.nnz <= 3 + 2 - 1
        @test d.cost ≈ sum(C .* d.plan)
    end

    @testset "errors_name_the_problem_and_leave_outputs_untouched" begin
        @test_throws OTCoreError emd([0.5, 0.5], [0.3, 0.3], ones(2, 2))
        err = try
            emd([0.5, 0.5], [0.3, 0.3], ones(2, 2))
        catch e
            e
        end
        @test err.status == OTCore.LibOTCore.OTC_ERR_MASS_MISMATCH
        @test_throws DimensionMismatch emd([1.0], [0.5, 0.5], ones(2, 2))
        @test_throws ArgumentError emd([1.0], [1.0], ones(1, 1); no_such_option=1)
    end

    @testset "one_d_closed_forms" begin
        # Uniform samples: the monotone plan pairs the sorted samples.
        x = [0.3, -1.0, 2.0, 0.5]; y = [1.0, 0.0, 4.0, -2.0]
        for p in (1, 2, 3)
            @test wasserstein_1d(x, y; p=p).wp_p ≈ sum(abs.(sort(x) .- sort(y)) .^ p) / 4 rtol = 1e-12
        end
        r = wasserstein_1d(x, y; p=2, plan=true)
        @test sum(r.plan.mass) ≈ 1
        C = [abs(xi - yj)^2 for xi in x, yj in y]
        @test r.wp_p ≈ emd(fill(0.25, 4), fill(0.25, 4), C).cost rtol = 1e-12
    end

    @testset "free_support_barycenter_closed_forms" begin
        y1 = hcat(sin.(0.7 .* (1:12)), cos.(1.3 .* (1:12)))
        y2 = hcat(3 .+ cos.(0.4 .* (1:9)), sin.(0.9 .* (1:9)))
        x0 = hcat(0.1 .* (1:12), -0.2 .* (1:12))
        # One cloud and as many support points: the support lands on the cloud.
        r1 = free_support_barycenter([y1], x0)
        @test r1.status == 0
        @test sortslices(r1.x; dims=1) ≈ sortslices(y1; dims=1) atol = 1e-14
        # Two clouds: the mean is the λ-average of the means; threads do not change the result.
        r2 = free_support_barycenter([y1, (y2, fill(1 / 9, 9))], x0; lambda=[0.25, 0.75], threads=1)
        @test vec(sum(r2.x; dims=1)) ./ 12 ≈ 0.25 .* vec(sum(y1; dims=1)) ./ 12 .+ 0.75 .* vec(sum(y2; dims=1)) ./ 9 atol = 1e-13
        @test r2.objective > 0
        r3 = free_support_barycenter([y1, y2], x0; lambda=[0.25, 0.75], threads=2)
        @test r3.x == r2.x
        err = try free_support_barycenter([y1, (y2, fill(0.2, 9))], x0) catch e e end
        @test err.status == OTCore.LibOTCore.OTC_ERR_MASS_MISMATCH
    end

    @testset "plan_position_gradient_and_displacement_interpolation" begin
        x = hcat(sin.(1.7 .* (1:5) .+ 0.3), cos.(0.9 .* (1:5)))
        y = hcat(1.5 .+ cos.(2.3 .* (1:4)), sin.(1.1 .* (1:4)))
        a = [0.1, 0.3, 0.2, 0.15, 0.25]
        b = [0.4, 0.1, 0.3, 0.2]
        value(x, y) = emd(a, b, cost_matrix(x, y)).cost
        r = emd(a, b, cost_matrix(x, y); sparse=true)
        g = plan_position_gradient(x, y, r.plan)
        h = 1e-6
        for k in eachindex(x)
            xp = copy(x); xm = copy(x)
            xp[k] += h; xm[k] -= h
            @test g.gx[k] ≈ (value(xp, y) - value(xm, y)) / (2h) atol = 1e-6
        end
        P = emd(a, b, cost_matrix(x, y)).plan
        @test plan_position_gradient(x, y, P).gy ≈ g.gy atol = 1e-14
        mu0 = displacement_interpolation(x, y, r.plan, 0.0)
        @test mu0.points == x[r.plan.rows, :]
        @test [sum(mu0.weights[r.plan.rows .== i]) for i in 1:5] ≈ a atol = 1e-15
        half = displacement_interpolation(x, y, P, 0.5)
        @test size(half.points) == (20, 2) && half.weights == vec(permutedims(P))
        err = try displacement_interpolation(x, y, P, 1.5) catch e e end
        @test err.status == OTCore.LibOTCore.OTC_ERR_INVALID_ARGUMENT
        # The free-support barycenter with Sinkhorn inner solves keeps the mean.
        bary = free_support_barycenter([x, (y, b)], x; lambda=[0.5, 0.5], a=a, tol=1e-6,
                                       max_iter=2000, epsilon=0.2,
                                       inner=OTCore.LibOTCore.OTC_FREE_SUPPORT_INNER_SINKHORN)
        @test bary.status == 0
        @test vec(a' * bary.x) ≈ 0.5 .* vec(sum(x; dims=1)) ./ 5 .+ 0.5 .* vec(b' * y) atol = 1e-7
    @testset "flow_steps_decrease_their_values_and_keep_the_mass" begin
        x = hcat(0.5 .+ 0.4 .* sin.(1.7 .* (1:20)), 0.5 .+ 0.4 .* cos.(1.1 .* (1:20)))
        y = hcat(2.5 .+ 0.4 .* cos.(0.9 .* (1:25)), 0.5 .+ 0.4 .* sin.(0.8 .* (1:25)))
        # Wasserstein flow, warm-started from each step's potentials.
        cur, pots, values = x, nothing, Float64[]
        for k in 1:10
            s = wasserstein_flow_step(cur, y; init_potentials=pots, step=0.2, epsilon=0.05, threads=1)
            @test s.status == 0
            push!(values, s.divergence)
            cur, pots = s.x, s.potentials
        end
        @test all(diff(values) .< 0)
        @test values[end] < 0.05 * values[1]
        # MMD flow, the target term handed back.
        cur, term, values = x, nothing, Float64[]
        for k in 1:10
            s = mmd_flow_step(cur, y; target_term=term, step=0.2)
            push!(values, s.mmd_squared)
            cur, term = s.x, s.target_term
        end
        @test all(diff(values) .< 0)
        # JKO heat step: mass kept, variance grows.
        t = range(0, 1; length=33)
        g = [exp(-((u - 0.5)^2 + (v - 0.5)^2) / 0.01) for u in t, v in t]
        g ./= sum(g)
        r = jko_step(g; epsilon=1e-3, step=1e-3)
        @test r.status == 0
        @test sum(r.rho) ≈ 1 atol = 1e-12
        @test sum(vec(sum(r.rho; dims=2)) .* (t .- 0.5) .^ 2) > sum(vec(sum(g; dims=2)) .* (t .- 0.5) .^ 2) + 1e-3
        # The same step from its own dual converges at once to the same density; the next
        # step from it takes fewer iterations than cold.
        again = jko_step(g; init_dual=r.dual, epsilon=1e-3, step=1e-3)
        @test again.iterations <= 2 && r.iterations > 10
        @test sum(abs.(again.rho .- r.rho)) <= 2e-9
        cold = jko_step(r.rho; epsilon=1e-3, step=1e-3)
        warm = jko_step(r.rho; init_dual=r.dual, epsilon=1e-3, step=1e-3)
        @test warm.iterations < cold.iterations
        @test_throws DimensionMismatch jko_step(g; init_dual=g[1:3, :])
        err = try wasserstein_flow_step(x, y; step=-1.0) catch e e end
        @test err.status == OTCore.LibOTCore.OTC_ERR_INVALID_ARGUMENT
    end

    @testset "quantiles_barycenters_and_geodesics_on_the_line" begin
        # Uniform weights on 4 points: Q(u) = x_(⌈4u⌉).
        @test quantile_1d([3.0, -1.0, 2.0, 0.5], [0.1, 0.25, 0.3, 0.6, 1.0]) == [-1.0, -1.0, 0.5, 2.0, 3.0]
        # Uniform measures on [0, 1] and [4, 10] (cell midpoints, shuffled): the barycenter with
        # λ = (0.25, 0.75) is uniform on [3, 7.75].
        n = 8
        mu = ([3, 0, 5, 2, 7, 4, 1, 6] .+ 0.5) ./ n
        nu = 4 .+ 6 .* ([1, 6, 3, 0, 5, 2, 7, 4] .+ 0.5) ./ n
        b = barycenter_1d([mu, nu], [0.25, 0.75])
        @test b.points ≈ 3 .+ 4.75 .* ((1:n) .- 0.5) ./ n atol = 1e-14
        @test b.weights ≈ fill(1 / n, n) atol = 1e-15
        # p = 1 between two Diracs: the weighted median.
        @test barycenter_1d([[-1.0], [3.0]], [0.25, 0.75]; p=1).points == [3.0]
        # The geodesic: W2²(ν_t, μ) = t² W2²(μ, ν).
        rho = ([0.3, -2.0, 1.7, 0.9, 4.0], [0.1, 0.3, 0.2, 0.25, 0.15])
        d = wasserstein_1d(rho[1], nu; a=rho[2], p=2).wp_p
        for t in (0.0, 0.3, 0.8)
            g = mccann_geodesic_1d(rho, nu, t)
            @test wasserstein_1d(g.points, rho[1]; a=g.weights, b=rho[2], p=2).wp_p ≈ t^2 * d rtol = 1e-12
            @test wasserstein_1d(g.points, nu; a=g.weights, p=2).wp_p ≈ (1 - t)^2 * d rtol = 1e-12
        end
        err = try quantile_1d(mu, [1.5]) catch e e end
        @test err.status == OTCore.LibOTCore.OTC_ERR_INVALID_ARGUMENT
        err = try barycenter_1d([mu, (nu, fill(0.2, n))]) catch e e end
        @test err.status == OTCore.LibOTCore.OTC_ERR_MASS_MISMATCH
        @test_throws ArgumentError mccann_geodesic_1d(mu, nu, 2)
    end

    @testset "sliced_with_given_directions_matches_one_d_and_closed_forms" begin
        x = reshape([sin(0.7k) for k in 1:20], 10, 2)
        y = reshape([cos(0.3k) for k in 1:16], 8, 2)
        D = [1.0 0.0; 0.0 1.0]
        want = (wasserstein_1d(x[:, 1], y[:, 1]; p=2).wp_p + wasserstein_1d(x[:, 2], y[:, 2]; p=2).wp_p) / 2
        @test sliced_wasserstein(x, y; directions=D, p=2) ≈ want rtol = 1e-12
        @test sliced_wasserstein(x, y; num_directions=50, seed=3, threads=1) ==
              sliced_wasserstein(x, y; num_directions=50, seed=3, threads=2)
    end

    @testset "batch_matches_single_problems" begin
        Cs = [[abs(sin(l + 1.3i + 0.7j)) for i in 1:4, j in 1:3] for l in 1:5]
        as = [fill(0.25, 4) for _ in 1:5]; bs = [fill(1 / 3, 3) for _ in 1:5]
        r = emd_batch(as, bs, Cs; threads=2)
        @test r.costs ≈ [emd(as[l], bs[l], Cs[l]).cost for l in 1:5] rtol = 1e-12
        @test r.costs == emd_batch(as, bs, Cs; threads=1).costs
        @test r.cost ≈ sum(r.costs) rtol = 1e-15
        @test all(r.iterations .> 0) && all(-1e-12 .< r.gaps .<= 0)
    end

    # Sinkhorn (names of tests/sinkhorn.rs).
    @testset "converged_potentials_give_the_marginals_and_the_reported_values" begin
        x = reshape([sin(0.9k) for k in 1:12], 6, 2)
        y = reshape([cos(0.4k) for k in 1:10], 5, 2)
        C = cost_matrix(x, y)
        a = fill(1 / 6, 6); b = fill(1 / 5, 5)
        r = sinkhorn(a, b, C; eps=0.05, tolerance=1e-12, max_iter=100000)
        @test r.status == LibOTCore.OTC_OK && r.error <= 1e-12
        @test vec(sum(r.plan; dims=2)) ≈ a rtol = 1e-8
        @test vec(sum(r.plan; dims=1)) ≈ b rtol = 1e-8
        @test r.transport_cost ≈ sum(C .* r.plan) rtol = 1e-10
        # OTε = <C, P> + ε KL(P | a b').
        Q = a .* b'
        @test r.entropic_ot ≈ sum(C .* r.plan) + 0.05 * sum(r.plan .* log.(r.plan ./ Q) .- r.plan .+ Q) rtol = 1e-8
        # The plan is exp((f_i + g_j - C_ij)/eps) a_i b_j.
        @test r.plan ≈ exp.((r.f .+ r.g' .- C) ./ 0.05) .* a .* b' rtol = 1e-8
        # Every option by its C name: the paths, over-relaxation, a one-sided penalty.
        k = sinkhorn(a, b, C; eps=0.05, tolerance=1e-12, path=LibOTCore.OTC_SINKHORN_PATH_KERNEL)
        l = sinkhorn(a, b, C; eps=0.05, tolerance=1e-12, path=LibOTCore.OTC_SINKHORN_PATH_LOG_DOMAIN,
                     over_relaxation=0.0, max_iter=100000)
        @test k.path == LibOTCore.OTC_SINKHORN_PATH_KERNEL && l.path == LibOTCore.OTC_SINKHORN_PATH_LOG_DOMAIN
        @test l.f .- sum(l.f) / 6 ≈ k.f .- sum(k.f) / 6 rtol = 1e-8
        u = sinkhorn(a, 2 .* b, C; eps=0.05, tolerance=1e-12, rho_a=0.5)
        @test vec(sum(u.plan; dims=1)) ≈ 2 .* b rtol = 1e-8
        @test_throws ArgumentError sinkhorn(a, b, C; eps=0.05, rho=1.0)
    end

    @testset "f32_agrees_with_f64_and_points_agree_with_dense" begin
        x = reshape([sin(0.9k) for k in 1:12], 6, 2)
        y = reshape([cos(0.4k) for k in 1:10], 5, 2)
        a = fill(1 / 6, 6); b = fill(1 / 5, 5)
        d = sinkhorn(a, b, cost_matrix(x, y); eps=0.1)
        p = sinkhorn_points(x, y, a, b; eps=0.1, plan=true, map=true, gradients=true)
        @test p.plan ≈ d.plan rtol = 1e-9
        @test p.map ≈ (d.plan * y) ./ sum(d.plan; dims=2) rtol = 1e-9
        @test size(p.grad_x) == (6, 2) && length(p.grad_b) == 5
        s = sinkhorn(Float32.(a), Float32.(b), Float32.(cost_matrix(x, y)); eps=0.1)
        @test s.plan ≈ d.plan rtol = 1e-4
        s = sinkhorn_points(Float32.(x), Float32.(y), a, b; eps=0.1)
        @test s.transport_cost ≈ d.transport_cost rtol = 1e-4
    end

    @testset "divergence_is_zero_for_identical_inputs_and_positive_otherwise" begin
        x = reshape([sin(0.9k) for k in 1:12], 6, 2)
        y = x .+ 0.5
        a = fill(1 / 6, 6)
        same = sinkhorn_divergence(a, a, cost_matrix(x, x), cost_matrix(x, x), cost_matrix(x, x); eps=0.1)
        @test abs(same.divergence) < 1e-10
        moved = sinkhorn_divergence_points(x, y, a, a; eps=0.1, tolerance=1e-12, gradients=true)
        @test moved.divergence > 0
        dense_value = sinkhorn_divergence(a, a, cost_matrix(x, y), cost_matrix(x, x), cost_matrix(y, y);
                                          eps=0.1, tolerance=1e-12).divergence
        @test moved.divergence ≈ dense_value rtol = 1e-8
        h = 1e-6
        xp = copy(x); xp[1, 1] += h
        xm = copy(x); xm[1, 1] -= h
        fd = (sinkhorn_divergence_points(xp, y, a, a; eps=0.1, tolerance=1e-12).divergence -
              sinkhorn_divergence_points(xm, y, a, a; eps=0.1, tolerance=1e-12).divergence) / 2h
        @test moved.grad_x[1, 1] ≈ fd atol = 1e-5
        @test sinkhorn_divergence_points(Float32.(x), Float32.(y), a, a; eps=0.1).divergence ≈ moved.divergence rtol = 1e-3
        @test sinkhorn_divergence(a, a, Float32.(cost_matrix(x, y)), Float32.(cost_matrix(x, x)),
                                  Float32.(cost_matrix(y, y)); eps=0.1).divergence ≈ moved.divergence rtol = 1e-3
    end

    @testset "a_row_partitioned_solve_reproduces_the_full_solve" begin
        x = reshape([sin(0.9k) for k in 1:18], 9, 2)
        y = reshape([cos(0.4k) for k in 1:12], 6, 2)
        a = fill(1 / 9, 9); b = fill(1 / 6, 6)
        C = cost_matrix(x, y)
        iters = 20
        # The reference: a plain alternating log-domain Sinkhorn from zeros.
        lse(w, v) = (top = maximum(v); top + log(sum(w .* exp.(v .- top))))
        fr = zeros(9); gr = zeros(6)
        for it in 1:iters
            fr = [-0.05 * lse(b, (gr .- C[i, :]) ./ 0.05) for i in 1:9]
            gr = [-0.05 * lse(a, (fr .- C[:, j]) ./ 0.05) for j in 1:6]
        end
        err_ref = sum(abs(a[i] * exp(fr[i] / 0.05 + lse(b, (gr .- C[i, :]) ./ 0.05)) - a[i])
                      for i in 1:9)
        for points in (false, true)
            f = zeros(9); g = zeros(6)
            acc = lse_pairs(6); part = lse_pairs(6)
            for it in 1:iters
                for (k, r) in enumerate((1:4, 5:9))
                    fb = f[r]
                    out = k == 1 ? acc : part
                    if points
                        sinkhorn_block_step_points!(fb, out, x[r, :], y, a[r], b, g; eps=0.05,
                                                    num_threads=1)
                    else
                        sinkhorn_block_step!(fb, out, C[r, :], a[r], b, g; eps=0.05)
                    end
                    f[r] = fb
                end
                lse_pair_merge!(acc, part)
                sinkhorn_block_column_update!(g, acc; eps=0.05)
            end
            @test maximum(abs.(f .- fr)) < 1e-12
            @test maximum(abs.(g .- gr)) < 1e-12
        end
        errs = [sinkhorn_block_step!(fr[r], nothing, C[r, :], a[r], b, gr; eps=0.05)
                for r in (1:4, 5:9)]
        @test isapprox(sum(errs), err_ref; rtol=1e-10)
        @test_throws OTCoreError sinkhorn_block_column_update!(zeros(6), lse_pairs(6); eps=0.05)
        sizes = sinkhorn_block_workspace_sizes(4, 6, 2; T=Float32)
        @test sizes.step > 0 && sizes.column_update == 0
        @test_throws ArgumentError sinkhorn_block_step!(zeros(4), nothing, C[1:4, :], a[1:4], b,
                                                        zeros(6); eps=0.05, rho=1.0)
    end

    @testset "bad_inputs_are_refused" begin
        @test_throws OTCoreError sinkhorn([0.5, 0.5], [0.5, 0.5], ones(2, 2); eps=-1.0)
        @test_throws DimensionMismatch sinkhorn([1.0], [0.5, 0.5], ones(2, 2); eps=0.1)
    end

    # Gaussians (names of tests/gaussian.rs).
    diagm_(v) = [i == j ? v[i] : 0.0 for i in eachindex(v), j in eachindex(v)]

    @testset "commuting_covariances_match_the_closed_form" begin
        s1 = [1.0, 4.0, 0.25]; s2 = [9.0, 1.0, 0.0]
        want = sum((sqrt.(s1) .- sqrt.(s2)) .^ 2)
        @test bures(diagm_(s1), diagm_(s2)) ≈ want rtol = 1e-12 atol = 1e-14
        m1 = [1.0, 2.0, 3.0]; m2 = [0.0, 2.0, 5.0]
        @test gaussian_w2(m1, diagm_(s1), m2, diagm_(s2)) ≈ sum(abs2, m1 - m2) + want rtol = 1e-12
        W = gaussian_w2_pairwise(permutedims(hcat(m1, m2)), [diagm_(s1), diagm_(s2)],
                                 permutedims(hcat(m2)), [diagm_(s2)])
        @test W[1, 1] ≈ sum(abs2, m1 - m2) + want rtol = 1e-12
        @test abs(W[2, 1]) < 1e-12
    end

    @testset "the_map_pushes_sigma1_to_sigma2_and_is_symmetric_psd" begin
        S1 = [2.0 0.5; 0.5 1.0]; S2 = [1.0 -0.3; -0.3 3.0]
        m1 = [1.0, -1.0]; m2 = [0.5, 2.0]
        T = gaussian_map(m1, S1, m2, S2)
        @test T.A * S1 * T.A ≈ S2 rtol = 1e-10
        @test T.A ≈ T.A' rtol = 1e-12
        @test T.A * m1 + T.b ≈ m2 rtol = 1e-12
        x = [1.0 2.0; 3.0 4.0; -1.0 0.0]
        @test gaussian_map_apply(T.A, T.b, x) ≈ x * T.A' .+ T.b' rtol = 1e-12
        g = gaussian_geodesic(m1, S1, m2, S2, 1.0)
        @test g.mean ≈ m2 && g.cov ≈ S2
        @test gaussian_geodesic(m1, S1, m2, S2, 0.5).mean ≈ (m1 + m2) / 2
    end

    @testset "psd_sqrt_squares_back_and_pseudo_inverts_singular_matrices" begin
        S = [4.0 1.0; 1.0 3.0]
        r = psd_sqrt(S)
        @test r.sqrt * r.sqrt ≈ S rtol = 1e-12
        @test r.inv_sqrt * S * r.inv_sqrt ≈ [1.0 0.0; 0.0 1.0] atol = 1e-12
        @test psd_sqrt(diagm_([4.0, 0.0])).status == OTCore.LibOTCore.OTC_WARN_SINGULAR
        @test psd_sqrt(diagm_([4.0, 0.0])).rank == 1
        @test psd_sqrt(diagm_([4.0, 1e-9]); rank_tol=1e-6).rank == 1
    end

    @testset "barycenter_of_commuting_covariances_is_the_closed_form" begin
        s = [[1.0, 4.0], [9.0, 1.0]]
        w = [0.25, 0.75]
        r = gaussian_barycenter([0.0 0.0; 4.0 8.0], diagm_.(s); weights=w)
        @test r.mean ≈ [3.0, 6.0]
        @test r.cov ≈ diagm_((w[1] .* sqrt.(s[1]) .+ w[2] .* sqrt.(s[2])) .^ 2) rtol = 1e-9
        @test r.iterations >= 1 && r.error <= 1e-13 && r.rank == 2
        # A callback stopping at its first call: cancelled, the iterate reached.
        calls = Ref(0)
        c = gaussian_barycenter([0.0 0.0; 4.0 8.0], [diagm_(s[1]), [2.0 1.0; 1.0 2.0]];
                                callback=(it, err) -> (calls[] += 1; true), threads=2)
        @test c.status == OTCore.LibOTCore.OTC_WARN_CANCELLED && c.iterations == 1 && calls[] == 1
        @test gaussian_barycenter([0.0 0.0; 4.0 8.0], [diagm_(s[1]), [2.0 1.0; 1.0 2.0]];
                                  max_iter=1).status == OTCore.LibOTCore.OTC_WARN_MAX_ITER
    end

    @testset "moments_match_a_direct_computation" begin
        x = [1.0 2.0; 3.0 5.0; -1.0 0.5; 0.0 0.0]
        w = [0.1, 0.2, 0.3, 0.4]
        r = gaussian_moments(x; weights=w)
        mu = vec(sum(w .* x; dims=1))
        @test r.mean ≈ mu
        @test r.cov ≈ (x .- mu')' * (w .* (x .- mu')) rtol = 1e-12
    end

    @testset "entropic_closed_form_is_the_value_of_an_optimal_gaussian_plan" begin
        # One dimension, equal variances s: the closed form tends to W2 as eps -> 0.
        v = gaussian_entropic_w2([0.0], ones(1, 1), [1.0], ones(1, 1); eps=1e-8)
        @test v ≈ 1.0 rtol = 1e-5
    end

    @testset "non_symmetric_or_indefinite_input_is_an_error_with_a_message" begin
        err = try
            bures([1.0 0.0; 0.0 -1.0], [1.0 0.0; 0.0 1.0])
        catch e
            e
        end
        @test err isa OTCoreError && err.status == OTCore.LibOTCore.OTC_ERR_NOT_PSD
    end

    # Semi-discrete (names of the semidiscrete module's tests).
    @testset "laguerre_assign_matches_brute_force" begin
        pts = reshape([sin(1.7k) for k in 1:40], 20, 2)
        sites = reshape([cos(0.9k) for k in 1:8], 4, 2)
        g = [0.1, -0.2, 0.0, 0.3]
        r = laguerre_assign(pts, sites, g)
        want = [argmin([sum(abs2, pts[i, :] - sites[j, :]) - g[j] for j in 1:4]) for i in 1:20]
        @test r.cells == want
        @test r.masses ≈ [count(==(j), want) / 20 for j in 1:4]
        @test laguerre_assign(Float32.(pts), Float32.(sites), g).cells == want
        r1, r2 = laguerre_assign(pts, sites, g; threads=1), laguerre_assign(pts, sites, g; num_threads=2)
        @test (r1.cells, r1.masses) == (r2.cells, r2.masses)
        @test r.empty_cells == count(iszero, r.masses) && r.report.status == 0
    end

    @testset "semidiscrete_masses_reach_the_targets" begin
        pts = reshape([mod(0.618034k, 1.0) for k in 1:400], 400, 1)
        sites = reshape([0.2, 0.5, 0.9], 3, 1)
        b = [0.5, 0.3, 0.2]
        r = semidiscrete(pts, sites, b; method=:gradient, max_iter=10000)
        @test r.masses ≈ b atol = 0.01
        @test abs(sum(r.g)) < 1e-9
        @test laguerre_assign(pts, sites, r.g).masses ≈ r.masses atol = 1e-12
        @test r.error ≈ maximum(abs.(r.masses - b)) && r.step > 0
        # Options by their C names: two gradient steps, the cap reached (a warning).
        c = semidiscrete(pts, sites, b; method=:gradient, max_iter=2, tol=1e-12)
        @test c.iterations == 2 && c.status == OTCore.LibOTCore.OTC_WARN_MAX_ITER
        @test_throws ArgumentError semidiscrete(pts, sites, b; tolerance=1.0)
        n = semidiscrete(pts, sites, b)
        @test n.epsilon > 0 && n.error <= 1e-6 && n.report.path == OTCore.LibOTCore.OTC_SEMIDISCRETE_NEWTON
    end

    @testset "lloyd_and_sgd_on_the_unit_interval" begin
        pts = reshape(collect(range(0, 1; length=1001)), 1001, 1)
        sites = reshape([0.1, 0.2], 2, 1)
        r = lloyd!(sites, pts; max_iter=500)
        @test sort(vec(sites)) ≈ [0.25, 0.75] atol = 1e-3   # the optimal 2-point quantiser
        @test r.distortion ≈ 1 / 48 rtol = 1e-2
        @test r.iterations > 1 && r.error <= 1e-10
        k = Ref(0)
        g = semidiscrete_sgd(X -> (for i in eachindex(X); X[i] = mod(0.618034 * (k[] += 1), 1.0); end),
                             reshape([0.25, 0.75], 2, 1), [0.5, 0.5]; iterations=2000, batch=16)
        @test abs(g.g[1] - g.g[2]) < 0.05                      # symmetric sites: equal weights
        @test g.iterations == 2000 && g.step > 0 && 0 <= g.error <= 1
    end

    @testset "from_samples_f32_agrees_with_f64_and_threads_do_not_matter" begin
        pts = reshape([mod(0.618034k, 1.0) for k in 1:1000], 1000, 1)
        sites = reshape([0.25, 0.75], 2, 1)
        g1 = semidiscrete_sgd_samples(pts, sites, [0.3, 0.7]; seed=4, threads=1, iterations=5000).g
        @test g1 == semidiscrete_sgd_samples(pts, sites, [0.3, 0.7]; seed=4, threads=2, iterations=5000).g
        gf = semidiscrete_sgd_samples(Float32.(pts), Float32.(sites), Float32[0.3, 0.7]; seed=4, iterations=5000).g
        @test eltype(gf) == Float32 && gf ≈ g1 atol = 1e-3
        rf = semidiscrete(Float32.(pts), Float32.(sites), Float32[0.3, 0.7])
        @test rf.g ≈ semidiscrete(pts, sites, [0.3, 0.7]).g atol = 1e-4
        s32 = Float32[0.1 0.2]'
        @test lloyd!(Matrix(s32), Float32.(pts); max_iter=500).distortion ≈ 1 / 48 rtol = 1e-2
    end

    # Barycenters (names of tests/barycenter.rs).
    @testset "identical_histograms_give_their_own_blurred_barycenter" begin
        x = collect(range(0, 1; length=8))
        C = (x .- x') .^ 2
        h = exp.(-(x .- 0.4) .^ 2 ./ 0.02); h ./= sum(h)
        r = barycenter(hcat(h, h), C; eps=1e-3)
        @test sum(r.barycenter) ≈ 1 rtol = 1e-6
        @test r.barycenter ≈ h atol = 0.05
        img = reshape(h * h', 8, 8)
        c = convolutional_barycenter([img, img]; eps=1e-2)
        @test size(c.barycenter) == (8, 8)
        @test sum(c.barycenter) ≈ 1 rtol = 1e-6
    end
    @testset "every_option_is_a_keyword_and_the_report_comes_back" begin
        x = collect(range(0, 1; length=8))
        C = (x .- x') .^ 2
        h1 = exp.(-(x .- 0.2) .^ 2 ./ 0.02); h1 ./= sum(h1)
        h2 = exp.(-(x .- 0.8) .^ 2 ./ 0.02); h2 ./= sum(h2)
        r = barycenter(hcat(h1, h2), C; eps=0.05, tol=1e-10)
        @test r.iterations > 3 && r.error <= 1e-10 && r.status == 0
        capped = barycenter(hcat(h1, h2), C; eps=0.05, max_iter=3, tol=0.0)
        @test capped.status == LibOTCore.OTC_WARN_MAX_ITER && capped.iterations == 3
        @test_throws ArgumentError barycenter(hcat(h1, h2), C; eps=0.05, tolerance=1.0)
        err = try
            convolutional_barycenter([h1 * h2', h1 * h2']; eps=0.05, threads=257)
        catch e
            e
        end
        @test err isa OTCoreError && occursin("257", sprint(showerror, err))
        @test cost_matrix(reshape(x, 8, 1), reshape(x, 8, 1); metric=:euclidean, threads=1) ≈ abs.(x .- x')
        @test cost_matrix_workspace_size(reshape(x, 8, 1), reshape(x, 8, 1)) > 0
    end

    @testset "assignment_matches_brute_force_and_its_duals_certify_it" begin
        n = 5
        C = [abs(sin(1.7i + 0.3j^2)) + 0.05(i - j)^2 for i in 1:n, j in 1:n]
        best = minimum(sum(C[i, p[i]] for i in 1:n) for p in permutations_of(n))
        r = assignment(C)
        @test r.cost ≈ best atol = 1e-13
        @test sort(r.perm) == 1:n
        @test all(C .- (r.u .+ r.v') .>= -1e-12)
        @test -1e-12 < r.gap <= 0
        b = assignment([C, permutedims(C)]; num_threads=2)   # a transpose view, no copy
        @test b.problem_costs ≈ [best, best] atol = 1e-13
        @test b.perm[b.perm[:, 1], 2] == 1:n
        @test_throws OTCoreError assignment([1.0 NaN; 1.0 1.0])
    end

    @testset "emd_grid_equals_emd_on_the_dense_cost_of_a_small_grid" begin
        a = [3.0 0 1 2; 5 0 0 1; 4 2 1 1; 0 3 2 1; 0 2 1 1]
        b = [1.0 2 2 1; 0 3 1 1; 2 2 0 0; 4 1 1 2; 1 1 1 4]
        a ./= sum(a); b ./= sum(b)
        idx = CartesianIndices(a)
        C = [Float64(sum(abs2, Tuple(p - q))) for p in vec(idx), q in vec(idx)]
        dense = emd(vec(a), vec(b), C)
        g = emd_grid(a, b)
        @test g.cost ≈ dense.cost atol = 1e-12
        @test -1e-12 < g.gap <= 0
        @test sum(g.plan.mass .* C[CartesianIndex.(g.plan.rows, g.plan.cols)]) ≈ dense.cost atol = 1e-12
        @test sum(a .* g.f) ≈ sum(b .* g.g) atol = 1e-12
        @test_throws OTCoreError emd_grid(a, 2 .* b)
    end

    @testset "emd_points_equals_emd_on_the_cost_matrix_of_the_clouds" begin
        x = [0.1 0.2; 0.7 0.3; 0.4 0.9; 0.0 0.5; 0.8 0.8]
        y = [0.2 0.1; 0.9 0.6; 0.5 0.5; 0.3 0.7]
        a = fill(1 / 5, 5); b = [0.1, 0.4, 0.3, 0.2]
        for (metric, p) in ((:sqeuclidean, 2), (:euclidean, 2), (:minkowski, 3))
            C = cost_matrix(x, y; metric=metric, p=p)
            dense = emd(a, b, C)
            r = emd_points(a, b, x, y; metric=metric, p=p)
            @test r.cost ≈ dense.cost atol = 1e-12
            @test -1e-12 < r.gap <= 0
            @test sum(r.plan.mass .* C[CartesianIndex.(r.plan.rows, r.plan.cols)]) ≈ r.cost atol = 1e-12
        end
        @test emd_points(a, b, permutedims(permutedims(x)), y).cost ≈ emd_points(a, b, x, y).cost
        @test_throws OTCoreError emd_points(a, b, x, y; metric=:cosine)
    end

    @testset "partial_and_tv_unbalanced_match_their_definitions" begin
        a = [0.5, 0.5]; b = [0.25, 0.75]
        C = [0.0 3.0; 1.0 2.0]
        p = emd_partial(a, b, C, 0.75)
        @test p.cost ≈ 1.0 atol = 1e-14
        @test sum(p.plan) ≈ 0.75 atol = 1e-14
        t = emd_unbalanced_tv(a, b, C, 0.9)
        @test t.transported_mass ≈ 0.25 atol = 1e-14
        @test t.objective ≈ sum(a .* t.f) + sum(b .* t.g) atol = 1e-12
        @test emd_unbalanced_tv(a, b, C, 1.6).cost ≈ emd(a, b, C).cost atol = 1e-14
        @test_throws OTCoreError emd_partial(a, b, C, 2.0)
        s = sinkhorn_partial(a, b, C, 0.75; epsilon=0.01, tolerance=1e-12)
        @test s.status == 0
        @test 1.0 - 1e-12 <= s.transport_cost < 1.02
        @test sum(s.plan) ≈ 0.75 atol = 1e-12
        @test all(s.f .<= 0) && all(s.g .<= 0) && all(vec(sum(s.plan; dims=2)) .<= a .+ 1e-12)
        @test s.plan ≈ (a * b') .* exp.((s.f .+ s.g' .+ s.mass_price .- C) ./ 0.01) atol = 1e-12
        @test_throws OTCoreError sinkhorn_partial(a, b, C, 0.0)
    end
end
