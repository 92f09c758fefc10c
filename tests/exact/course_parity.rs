//! Course parity: each computation of the notebooks of G. Peyré's course *Optimal Transport
//! for Machine Learners* (1-linprog, 2-sinkhorn, 3-sinkhorn-advanced, 4-semidiscrete,
//! 5-unbalanced, 6-diffusion), redone with otcore on data made here with fixed seeds, and
//! checked against what the notebook shows, with independent references: HiGHS, LP duality
//! certificates, closed forms and brute force.

use crate::exact_support;
use exact_support::{normalised, Rng};

use faer::Mat;
use otcore::exact::{emd, EmdParams, EmdSolution};
use otcore::semidiscrete::{
    laguerre_assign_reference, semidiscrete, SemiDiscreteMethod, SemiDiscreteParams,
};
use otcore::sinkhorn::{sinkhorn, transport_cost, Cost, Params, Scaling};

/// A standard normal number (Box–Muller).
fn normal(rng: &mut Rng) -> f64 {
    let (u, v) = (1.0 - rng.uniform(), rng.uniform());
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// n points of an isotropic Gaussian in the plane, one per row.
fn gaussian_cloud(rng: &mut Rng, n: usize, centre: [f64; 2], sigma: f64) -> Mat<f64> {
    let v: Vec<f64> = (0..2 * n).map(|_| normal(rng)).collect();
    Mat::from_fn(n, 2, |i, k| centre[k] + sigma * v[2 * i + k])
}

/// n points uniform in the unit square.
fn square(rng: &mut Rng, n: usize) -> Mat<f64> {
    let v: Vec<f64> = (0..2 * n).map(|_| rng.uniform()).collect();
    Mat::from_fn(n, 2, |i, k| v[2 * i + k])
}

/// n points uniform in the annulus of radii 0.3..0.5 around (0.5, 0.5) (the 2-sinkhorn target).
fn annulus(rng: &mut Rng, n: usize) -> Mat<f64> {
    let pts: Vec<[f64; 2]> = (0..n)
        .map(|_| {
            let r = (0.09 + (0.25 - 0.09) * rng.uniform()).sqrt();
            let t = std::f64::consts::TAU * rng.uniform();
            [0.5 + r * t.cos(), 0.5 + r * t.sin()]
        })
        .collect();
    Mat::from_fn(n, 2, |i, k| pts[i][k])
}

/// The squared Euclidean cost between the rows of x and y, by plain loops.
fn sq_cost(x: &Mat<f64>, y: &Mat<f64>) -> Mat<f64> {
    Mat::from_fn(x.nrows(), y.nrows(), |i, j| {
        (0..x.ncols())
            .map(|k| (x[(i, k)] - y[(j, k)]).powi(2))
            .sum()
    })
}

fn uniform(n: usize) -> Vec<f64> {
    vec![1.0 / n as f64; n]
}

/// Checks that `sol` is an optimal plan of the transport LP with an independent certificate:
/// the plan is feasible (marginals within 1e-12, at most n+m−1 nonzeros) and the potentials
/// rebuilt from g alone, f_i = min_j (C_ij − g_j) (dual feasible by construction), give a dual
/// value equal to the plan's cost (weak duality then proves both optimal). Returns the cost.
fn certify_optimal(a: &[f64], b: &[f64], c: &Mat<f64>, sol: &EmdSolution) -> f64 {
    let (n, m) = (a.len(), b.len());
    assert!(sol.plan.len() < n + m, "{} nonzeros", sol.plan.len());
    let (mut rows, mut cols, mut cost) = (vec![0.0; n], vec![0.0; m], 0.0);
    for &(i, j, p) in &sol.plan {
        assert!(p >= 0.0);
        rows[i] += p;
        cols[j] += p;
        cost += p * c[(i, j)];
    }
    (0..n).for_each(|i| assert!((rows[i] - a[i]).abs() <= 1e-12, "row {i}"));
    (0..m).for_each(|j| assert!((cols[j] - b[j]).abs() <= 1e-12, "col {j}"));
    assert!((cost - sol.cost).abs() <= 1e-12 * cost.max(1.0));
    let f: Vec<f64> = (0..n)
        .map(|i| {
            (0..m)
                .map(|j| c[(i, j)] - sol.g[j])
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    let dual: f64 =
        (0..n).map(|i| a[i] * f[i]).sum::<f64>() + (0..m).map(|j| b[j] * sol.g[j]).sum::<f64>();
    assert!(
        (dual - cost).abs() <= 1e-11 * cost.max(1.0),
        "dual {dual} vs primal {cost}"
    );
    cost
}

#[cfg(feature = "highs")]
fn assert_equals_highs(a: &[f64], b: &[f64], c: &Mat<f64>, cost: f64) {
    let h = exact_support::highs_cost(a, b, c);
    assert!(
        (h - cost).abs() <= 1e-9 * h.abs(),
        "HiGHS {h} vs otcore {cost}"
    );
}
#[cfg(not(feature = "highs"))]
fn assert_equals_highs(_: &[f64], _: &[f64], _: &Mat<f64>, _: f64) {}

/// 1-linprog: 60 vs 80 points with random weights; the optimal plan is a vertex of the
/// transport polytope (at most n+m−1 nonzeros), certified optimal, and equal to HiGHS.
#[test]
fn linprog_plan_is_sparse_and_optimal() {
    let mut rng = Rng(0x5eed_0001);
    let x = gaussian_cloud(&mut rng, 60, [0.0, 0.0], 0.5);
    let y = gaussian_cloud(&mut rng, 80, [1.0, 0.5], 0.3);
    let a = normalised((0..60).map(|_| 0.1 + rng.uniform()).collect());
    let b = normalised((0..80).map(|_| 0.1 + rng.uniform()).collect());
    let c = sq_cost(&x, &y);
    let sol = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
    assert!(sol.converged);
    let cost = certify_optimal(&a, &b, &c, &sol);
    // Random weights are in general position: the vertex is non-degenerate.
    assert_eq!(sol.plan.len(), 60 + 80 - 1);
    assert_equals_highs(&a, &b, &c, cost);
}

/// 1-linprog: uniform weights and n = m = 40: the optimal plan is a permutation matrix / n
/// (Birkhoff), i.e. an optimal assignment.
#[test]
fn linprog_uniform_square_gives_a_permutation() {
    let n = 40;
    let mut rng = Rng(0x5eed_0002);
    let x = gaussian_cloud(&mut rng, n, [0.0, 0.0], 1.0);
    let y = gaussian_cloud(&mut rng, n, [2.0, 0.0], 0.5);
    let (a, c) = (uniform(n), sq_cost(&x, &y));
    let sol = emd(&a, &a, c.as_ref(), &EmdParams::default()).unwrap();
    let cost = certify_optimal(&a, &a, &c, &sol);
    let mut target = vec![usize::MAX; n];
    for &(i, j, p) in sol.plan.iter().filter(|t| t.2 > 1e-15) {
        assert!((p - 1.0 / n as f64).abs() <= 1e-15, "entry {p}");
        assert_eq!(target[i], usize::MAX, "row {i} split");
        target[i] = j;
    }
    let mut seen = vec![false; n];
    for &j in &target {
        assert!(j < n && !seen[j]);
        seen[j] = true;
    }
    assert_equals_highs(&a, &a, &c, cost);
}

/// Points x, y, weights a, b and cost C of a transport problem.
type Problem = (Mat<f64>, Mat<f64>, Vec<f64>, Vec<f64>, Mat<f64>);

/// The square-to-annulus problem of 2-sinkhorn (300 vs 200 points, uniform weights).
fn square_annulus() -> Problem {
    let mut rng = Rng(0x5eed_0003);
    let (x, y) = (square(&mut rng, 300), annulus(&mut rng, 200));
    let c = sq_cost(&x, &y);
    (x, y, uniform(300), uniform(200), c)
}

/// 2-sinkhorn: the L1 marginal error of the Sinkhorn iterates falls (checked along a doubling
/// sequence of iteration counts) to rounding level.
#[test]
fn sinkhorn_marginal_error_falls() {
    let (_, _, a, b, c) = square_annulus();
    let mut errors = Vec::new();
    for iters in [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] {
        let p = Params {
            epsilon: 0.01,
            max_iter: iters,
            tolerance: 0.0,
            num_threads: 1,
            ..Params::default()
        };
        let s = sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
        errors.push(s.info.marginal_error);
    }
    for w in errors.windows(2) {
        assert!(w[1] <= w[0], "marginal error rose: {errors:?}");
    }
    assert!(errors[0] > 1e-2, "{errors:?}");
    assert!(*errors.last().unwrap() < 1e-10, "{errors:?}");
}

/// 2-sinkhorn, ε sweep: the transport cost ⟨P_ε, C⟩ decreases with ε towards the exact cost
/// W, within the entropic bound 0 ≤ ⟨P_ε, C⟩ − W ≤ ε·log(min(n, m)) (KL(P|ab) is a mutual
/// information, at most the smaller marginal entropy), and the plan concentrates: fewer
/// entries carry mass as ε falls. The online (point cloud) cost gives the same potentials.
#[test]
fn sinkhorn_epsilon_sweep_approaches_exact_cost() {
    let (x, y, a, b, c) = square_annulus();
    let exact = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap().cost;
    let mut last = f64::INFINITY;
    let mut last_support = usize::MAX;
    for eps in [0.1, 0.03, 0.01, 0.003, 0.001] {
        let p = Params {
            epsilon: eps,
            max_iter: 20_000,
            tolerance: 1e-12,
            scaling: Scaling {
                steps: 8,
                start: 1.0,
                iters_per_step: 50,
            },
            ..Params::default()
        };
        let s = sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
        assert!(s.info.converged, "eps {eps}: {:?}", s.info);
        let w = transport_cost(Cost::Dense(c.as_ref()), &a, &b, &s.f, &s.g, eps).unwrap();
        assert!(w <= last + 1e-12, "eps {eps}: {w} > {last}");
        assert!(w >= exact - 1e-9, "eps {eps}: {w} < exact {exact}");
        assert!(
            w - exact <= eps * (200f64).ln(),
            "eps {eps}: gap {}",
            w - exact
        );
        let support = (0..300)
            .flat_map(|i| (0..200).map(move |j| (i, j)))
            .filter(|&(i, j)| (s.f[i] + s.g[j] - c[(i, j)]) / eps > (1e-6f64).ln())
            .count();
        assert!(support < last_support, "eps {eps}: support {support}");
        (last, last_support) = (w, support);

        let online = Cost::SqEuclidean {
            x: x.as_ref(),
            y: y.as_ref(),
        };
        let so = sinkhorn(online, &a, &b, None, &p).unwrap();
        let df =
            s.f.iter()
                .zip(&so.f)
                .map(|(u, v)| (u - v).abs())
                .fold(0.0, f64::max);
        assert!(
            df <= 1e-9,
            "eps {eps}: online vs dense potentials differ by {df}"
        );
    }
    // At ε = 0.001 the plan is close to the exact one.
    assert!(last - exact <= 2e-3, "{last} vs {exact}");
}

/// 3-sinkhorn-advanced: at ε = 0.001 most entries of the Gibbs kernel exp(−C/ε) underflow to
/// zero in f32 (over 70%; about 10% in f64), so the plain scaling iteration loses the plan's
/// support; the log-domain iteration stays finite, with zero weights present, in f64 and f32,
/// and converges; ε-scaling gets there in fewer iterations.
#[test]
fn log_domain_is_stable_where_the_kernel_underflows() {
    let (_, _, mut a, b, c) = square_annulus();
    let eps = 0.001;
    let zero_share = |under: f64| {
        let zeros = (0..300)
            .flat_map(|i| (0..200).map(move |j| (i, j)))
            .filter(|&(i, j)| c[(i, j)] / eps > under)
            .count();
        zeros as f64 / 60_000.0
    };
    // exp underflows to 0 (denormals included) past 745.1 in f64 and 103.9 in f32.
    assert!((-745.2f64).exp() == 0.0 && (-104.0f32).exp() == 0.0);
    let (share64, share32) = (zero_share(745.2), zero_share(104.0));
    assert!(share64 > 0.05 && share32 > 0.7, "{share64} {share32}");
    // Two zero weights, renormalised.
    a[0] = 0.0;
    a[7] = 0.0;
    let a = normalised(a);

    let cold = Params {
        epsilon: eps,
        max_iter: 50_000,
        tolerance: 1e-9,
        ..Params::default()
    };
    let scaled = Params {
        scaling: Scaling {
            steps: 10,
            start: 1.0,
            iters_per_step: 20,
        },
        ..cold
    };
    let s_cold = sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &cold).unwrap();
    let s_scaled = sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &scaled).unwrap();
    for s in [&s_cold, &s_scaled] {
        assert!(s.info.converged, "{:?}", s.info);
        assert!(s.f.iter().chain(&s.g).all(|v| v.is_finite()));
        assert!(s.info.dual.is_finite() && s.info.marginal_error <= 1e-9);
    }
    let total = |s: &otcore::sinkhorn::Solution| s.info.iterations + s.info.scaling_iterations;
    assert!(
        total(&s_scaled) < total(&s_cold),
        "scaling {} vs cold {}",
        total(&s_scaled),
        total(&s_cold)
    );
    let c32 = Mat::from_fn(300, 200, |i, j| c[(i, j)] as f32);
    let (a32, b32): (Vec<f32>, Vec<f32>) = (
        a.iter().map(|&v| v as f32).collect(),
        b.iter().map(|&v| v as f32).collect(),
    );
    let f32_params = Params {
        tolerance: 1e-5,
        ..scaled
    };
    let s32 = sinkhorn(Cost::Dense(c32.as_ref()), &a32, &b32, None, &f32_params).unwrap();
    assert!(s32.info.converged, "{:?}", s32.info);
    assert!(s32.f.iter().chain(&s32.g).all(|v| v.is_finite()));
    let w1 = transport_cost(Cost::Dense(c.as_ref()), &a, &b, &s_cold.f, &s_cold.g, eps).unwrap();
    let w2 = transport_cost(
        Cost::Dense(c.as_ref()),
        &a,
        &b,
        &s_scaled.f,
        &s_scaled.g,
        eps,
    )
    .unwrap();
    assert!((w1 - w2).abs() <= 1e-7 * w1, "{w1} vs {w2}");
    let w32 = transport_cost(Cost::Dense(c.as_ref()), &a, &b, &s32.f, &s32.g, eps).unwrap();
    assert!((w32 - w1).abs() <= 1e-3 * w1, "f32 {w32} vs f64 {w1}");
}

/// 4-semidiscrete: 30 sites against a mixture of two Gaussians sampled on a 300×300 grid.
/// The Laguerre cell masses converge to the site weights: damped Newton to a few pixels'
/// weight (its smoothed masses to 1e-6), gradient ascent more slowly with a falling error;
/// the masses are checked by a brute-force assignment of the 90 000 pixels.
#[test]
fn semidiscrete_cell_masses_converge_to_the_weights() {
    let side = 300;
    let pixels = Mat::from_fn(side * side, 2, |p, k| {
        ([p % side, p / side][k] as f64 + 0.5) / side as f64
    });
    let bump = |u: f64, v: f64, cx: f64, cy: f64, s: f64| {
        (-((u - cx).powi(2) + (v - cy).powi(2)) / (2.0 * s * s)).exp()
    };
    let density = normalised(
        (0..side * side)
            .map(|p| {
                let (u, v) = (pixels[(p, 0)], pixels[(p, 1)]);
                bump(u, v, 0.25, 0.3, 0.08) + 0.6 * bump(u, v, 0.7, 0.7, 0.12) + 1e-4
            })
            .collect(),
    );
    let mut rng = Rng(0x5eed_0004);
    let sites = square(&mut rng, 30);
    let b = normalised((0..30).map(|_| 0.5 + rng.uniform()).collect());

    let brute_force_masses = |g: &[f64]| {
        let cells = laguerre_assign_reference(pixels.as_ref(), sites.as_ref(), g);
        let mut m = [0.0; 30];
        cells
            .iter()
            .zip(&density)
            .for_each(|(&j, &w)| m[j as usize] += w);
        m
    };
    let solve = |params: &SemiDiscreteParams| {
        semidiscrete(
            pixels.as_ref(),
            Some(&density),
            sites.as_ref(),
            &b,
            params,
            1,
        )
        .unwrap()
    };
    let max_error = |m: &[f64; 30]| (0..30).map(|j| (m[j] - b[j]).abs()).fold(0.0, f64::max);
    let newton = SemiDiscreteParams {
        tol: 1e-6,
        max_iter: 60,
        ..SemiDiscreteParams::default()
    };
    let s = solve(&newton);
    assert!(s.info.converged, "{:?}", s.info);
    let m = brute_force_masses(&s.g);
    let err = max_error(&m);
    // Newton converges on the smoothed masses; the hard masses are sums of pixel weights, and
    // differ from the smoothed ones by the few pixels on the cell facets.
    assert!(s.info.smoothed_mass_error <= 1e-6, "{:?}", s.info);
    let pixel = density.iter().cloned().fold(0.0, f64::max);
    assert!(
        err <= 4.0 * pixel,
        "Newton: max |m_j - b_j| = {err} (a pixel weighs {pixel})"
    );
    (0..30).for_each(|j| assert!((m[j] - s.masses[j]).abs() <= 1e-12));

    let mut errors = Vec::new();
    for iters in [10, 30, 100] {
        let grad = SemiDiscreteParams {
            method: SemiDiscreteMethod::Gradient,
            max_iter: iters,
            tol: 1e-12,
            ..SemiDiscreteParams::default()
        };
        let s = solve(&grad);
        errors.push(max_error(&brute_force_masses(&s.g)));
    }
    assert!(errors[0] > errors[1] && errors[1] > errors[2], "{errors:?}");
    assert!(errors[2] <= 0.35 * errors[0], "{errors:?}");
}

/// 5-unbalanced: masses 0.95 and 1.05 with KL penalties ρ on both sides. As ρ grows the plan's
/// mass rises monotonically from the ρ → 0 closed form Σ a_i b_j e^{−C_ij/ε} (the potentials
/// vanish) towards √(m_a m_b), and its marginals move towards a and b. At every ρ the plan
/// satisfies the optimality condition for its total mass (the derivative of the objective
/// along P → tP vanishes at t = 1):
/// ⟨C, P⟩ + ε Σ P log(P/ab) + ρ Σ r log(r/a) + ρ Σ c log(c/b) = 0, with r, c its marginals.
#[test]
fn unbalanced_rho_sweep_moves_mass() {
    let (n, m) = (100, 120);
    let mut rng = Rng(0x5eed_0005);
    let x = gaussian_cloud(&mut rng, n, [0.3, 0.5], 0.1);
    let y = gaussian_cloud(&mut rng, m, [0.7, 0.5], 0.1);
    let c = sq_cost(&x, &y);
    let scale = |w: Vec<f64>, s: f64| normalised(w).iter().map(|v| v * s).collect::<Vec<_>>();
    let a = scale((0..n).map(|_| 0.5 + rng.uniform()).collect(), 0.95);
    let b = scale((0..m).map(|_| 0.5 + rng.uniform()).collect(), 1.05);
    let eps = 0.01;
    let limit = (0.95f64 * 1.05).sqrt();
    let xlogy = |p: f64, q: f64| if p > 0.0 { p * (p / q).ln() } else { 0.0 };

    let gibbs_mass: f64 = (0..n)
        .flat_map(|i| (0..m).map(move |j| (i, j)))
        .map(|(i, j)| a[i] * b[j] * (-c[(i, j)] / eps).exp())
        .sum();
    let (mut last_mass, mut last_row_error) = (0.0, f64::INFINITY);
    for rho in [1e-6, 1e-3, 1e-2, 1e-1, 1.0, 10.0] {
        let p = Params {
            epsilon: eps,
            rho_a: rho,
            rho_b: rho,
            max_iter: 200_000,
            tolerance: 1e-10,
            ..Params::default()
        };
        let s = sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
        assert!(s.info.converged, "rho {rho}: {:?}", s.info);
        let plan = Mat::from_fn(n, m, |i, j| {
            a[i] * b[j] * ((s.f[i] + s.g[j] - c[(i, j)]) / eps).exp()
        });
        let r: Vec<f64> = (0..n).map(|i| (0..m).map(|j| plan[(i, j)]).sum()).collect();
        let cm: Vec<f64> = (0..m).map(|j| (0..n).map(|i| plan[(i, j)]).sum()).collect();
        let mass: f64 = r.iter().sum();
        assert!((mass - s.info.mass).abs() <= 1e-12, "rho {rho}");
        let (mut transport, mut entropy) = (0.0, 0.0);
        for i in 0..n {
            for j in 0..m {
                transport += plan[(i, j)] * c[(i, j)];
                entropy += xlogy(plan[(i, j)], a[i] * b[j]);
            }
        }
        let kl_r: f64 = (0..n).map(|i| xlogy(r[i], a[i])).sum();
        let kl_c: f64 = (0..m).map(|j| xlogy(cm[j], b[j])).sum();
        let stationarity = transport + eps * entropy + rho * (kl_r + kl_c);
        assert!(stationarity.abs() <= 1e-8, "rho {rho}: {stationarity}");

        let row_error: f64 = (0..n).map(|i| (r[i] - a[i]).abs()).sum();
        assert!(mass > last_mass, "rho {rho}: mass {mass} after {last_mass}");
        assert!(
            row_error < last_row_error,
            "rho {rho}: row error {row_error}"
        );
        assert!(mass < limit, "rho {rho}: mass {mass} above {limit}");
        if rho == 1e-6 {
            assert!(
                (mass - gibbs_mass).abs() <= 1e-3 * gibbs_mass,
                "{mass} vs {gibbs_mass}"
            );
        }
        (last_mass, last_row_error) = (mass, row_error);
    }
    // ρ = 10: within the first-order deficit e^{−⟨C,P⟩/(2ρ)} of the limit (⟨C,P⟩ ≤ 0.5 here).
    assert!(
        last_mass > limit * (-0.5f64 / 20.0).exp(),
        "{last_mass} vs {limit}"
    );
}

/// 6-diffusion: exact OT between 200 Gaussian samples and 3 Diracs (the coupling of
/// minibatch flow matching): optimal (certificate, HiGHS), at most 202 nonzeros so at most two
/// samples are split, and every sample goes to its Laguerre cell of the duals g.
#[test]
fn diffusion_samples_to_three_diracs() {
    let mut rng = Rng(0x5eed_0006);
    let x = gaussian_cloud(&mut rng, 200, [0.0, 0.0], 1.0);
    let y = Mat::from_fn(3, 2, |j, k| [[-2.0, 0.0], [2.0, 1.0], [0.5, -2.5]][j][k]);
    let (a, b) = (uniform(200), uniform(3));
    let c = sq_cost(&x, &y);
    let sol = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
    let cost = certify_optimal(&a, &b, &c, &sol);
    assert_equals_highs(&a, &b, &c, cost);
    let mut targets = vec![Vec::new(); 200];
    sol.plan
        .iter()
        .filter(|t| t.2 > 0.0)
        .for_each(|&(i, j, _)| targets[i].push(j));
    assert!(targets.iter().filter(|t| t.len() > 1).count() <= 2);
    let cells = laguerre_assign_reference(x.as_ref(), y.as_ref(), &sol.g);
    for i in (0..200).filter(|&i| targets[i].len() == 1) {
        let j = targets[i][0];
        let (best, mine) = (cells[i] as usize, c[(i, j)] - sol.g[j]);
        assert!(mine <= c[(i, best)] - sol.g[best] + 1e-12, "sample {i}");
    }
}
