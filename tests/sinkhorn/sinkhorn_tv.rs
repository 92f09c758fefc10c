//! Entropic TV-unbalanced OT (Sinkhorn with the clamped update): strong duality against the
//! primal objective computed by brute force from the plan, the optimality conditions entry by
//! entry, the limit ε → 0 against the exact TV solver, and the balanced limit ρ → ∞.

use super::sinkhorn::lcg;
use faer::Mat;
use otcore::exact::{emd_tv, PartialParams};
use otcore::sinkhorn::{self, Cost, Params, Penalty, Scaling};

/// Two clouds in the unit square (the second shifted right), weights of different totals.
fn problem(n: usize, m: usize, seed: u64) -> (Vec<f64>, Vec<f64>, Mat<f64>) {
    let mut r = lcg(seed);
    let x: Vec<[f64; 2]> = (0..n).map(|_| [r(), r()]).collect();
    let y: Vec<[f64; 2]> = (0..m).map(|_| [r() + 0.4, r()]).collect();
    let a: Vec<f64> = (0..n).map(|_| (0.2 + r()) / n as f64).collect();
    let b: Vec<f64> = (0..m).map(|_| (0.2 + 1.5 * r()) / m as f64).collect();
    let c = Mat::from_fn(n, m, |i, j| {
        (x[i][0] - y[j][0]).powi(2) + (x[i][1] - y[j][1]).powi(2)
    });
    (a, b, c)
}

fn params(eps: f64, rho: f64) -> Params {
    Params {
        epsilon: eps,
        rho_a: rho,
        rho_b: rho,
        max_iter: 200_000,
        tolerance: 1e-13,
        check_every: 1,
        scaling: Scaling::default(),
        num_threads: 1,
        penalty: Penalty::Tv,
        ..Params::default()
    }
}

/// The plan P_ij = a_i b_j e^{(f_i + g_j − C_ij)/ε}.
fn plan(a: &[f64], b: &[f64], c: &Mat<f64>, f: &[f64], g: &[f64], eps: f64) -> Mat<f64> {
    Mat::from_fn(a.len(), b.len(), |i, j| {
        a[i] * b[j] * ((f[i] + g[j] - c[(i, j)]) / eps).exp()
    })
}

/// The primal objective ⟨C, P⟩ + ε KL(P | a⊗b) + ρ‖P·1 − a‖₁ + ρ‖Pᵀ·1 − b‖₁, brute force.
fn primal(a: &[f64], b: &[f64], c: &Mat<f64>, p: &Mat<f64>, eps: f64, rho: f64) -> f64 {
    let (n, m) = (a.len(), b.len());
    let mut v = 0.0;
    for i in 0..n {
        for j in 0..m {
            let (x, k) = (p[(i, j)], a[i] * b[j]);
            v += c[(i, j)] * x + eps * (if x > 0.0 { x * (x / k).ln() } else { 0.0 } - x + k);
        }
    }
    for i in 0..n {
        v += rho * ((0..m).map(|j| p[(i, j)]).sum::<f64>() - a[i]).abs();
    }
    for j in 0..m {
        v += rho * ((0..n).map(|i| p[(i, j)]).sum::<f64>() - b[j]).abs();
    }
    v
}

#[test]
fn strong_duality_and_the_clamped_optimality_conditions_hold() {
    for (seed, rho, sym) in [
        (1, 0.05, false),
        (2, 0.2, false),
        (3, 0.1, true),
        (4, 1.0, false),
    ] {
        let (a, b, c) = problem(12, 9, seed);
        let eps = 0.02;
        let mut p = params(eps, rho);
        p.symmetric = sym;
        let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
        assert!(s.info.converged, "{:?}", s.info);
        let pl = plan(&a, &b, &c, &s.f, &s.g, eps);
        let v = primal(&a, &b, &c, &pl, eps, rho);
        assert!(
            (v - s.info.dual).abs() <= 1e-9,
            "rho {rho}: primal {v} dual {}",
            s.info.dual
        );
        // |f| ≤ ρ; the row sums match a where |f| < ρ, stay below where f = ρ, above where
        // f = −ρ (and the same for the columns).
        let mut clamped = 0;
        for (pot, w, sums) in [
            (
                &s.f,
                &a,
                (0..a.len())
                    .map(|i| (0..b.len()).map(|j| pl[(i, j)]).sum())
                    .collect::<Vec<f64>>(),
            ),
            (
                &s.g,
                &b,
                (0..b.len())
                    .map(|j| (0..a.len()).map(|i| pl[(i, j)]).sum())
                    .collect(),
            ),
        ] {
            for k in 0..w.len() {
                let (x, r, t) = (pot[k], sums[k], w[k]);
                assert!(x.abs() <= rho);
                if x == rho {
                    assert!(r <= t + 1e-12);
                    clamped += 1;
                } else if x == -rho {
                    assert!(r >= t - 1e-12);
                    clamped += 1;
                } else {
                    assert!((r - t).abs() <= 1e-11, "{r} vs {t}");
                }
            }
        }
        if rho < 0.5 {
            assert!(clamped > 0, "rho {rho}: the test should exercise the clamp");
        }
    }
}

#[test]
fn small_epsilon_approaches_the_exact_tv_value() {
    let (a, b, c) = problem(20, 16, 7);
    for rho in [0.02, 0.1, 0.4] {
        let exact = emd_tv(&a, &b, c.as_ref(), rho, &PartialParams::default())
            .unwrap()
            .info
            .objective;
        let mut prev = f64::INFINITY;
        for eps in [0.05, 0.01, 0.002, 5e-4] {
            let mut p = params(eps, rho);
            p.scaling = Scaling {
                steps: 6,
                ..Scaling::default()
            };
            let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
            assert!(s.info.converged, "eps {eps}: {:?}", s.info);
            // The entropic value of the TV problem: ⟨C, P⟩ + TV terms + ε KL(P | a⊗b) ≥ 0.
            let gap = (s.info.dual - exact).abs();
            assert!(gap < prev, "rho {rho} eps {eps}: {gap} after {prev}");
            prev = gap;
        }
        // O(ε log(n·m)) with total mass below 2.
        assert!(
            prev <= 5e-4 * 2.0 * (20.0f64 * 16.0).ln(),
            "rho {rho}: {prev}"
        );
    }
}

#[test]
fn a_large_rho_gives_balanced_sinkhorn_and_rho_zero_moves_nothing() {
    let (a, b, c) = problem(10, 10, 9);
    let sb: f64 = b.iter().sum();
    let sa: f64 = a.iter().sum();
    let b: Vec<f64> = b.iter().map(|x| x * sa / sb).collect();
    let eps = 0.05;
    let tv = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &params(eps, 1e6)).unwrap();
    let mut bal = params(eps, f64::INFINITY);
    bal.penalty = Penalty::Kl;
    let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &bal).unwrap();
    assert!((tv.info.dual - s.info.dual).abs() <= 1e-10);
    // A tiny ρ: the potentials are clamped to ±ρ, so P ≈ a⊗b·e^{−C/ε} moves little mass.
    let rho = 1e-6;
    let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &params(eps, rho)).unwrap();
    let k: f64 = (0..10)
        .flat_map(|i| (0..10).map(move |j| (i, j)))
        .map(|(i, j)| a[i] * b[j] * (-c[(i, j)] / eps).exp())
        .sum();
    assert!(s.f.iter().chain(&s.g).all(|x| x.abs() <= rho));
    assert!((s.info.mass - k).abs() <= 1e-4 * k);
}

#[test]
fn block_pieces_refuse_the_tv_penalty() {
    let (a, b, c) = problem(4, 3, 1);
    let p = params(0.1, 0.5);
    let mut f = vec![7.0; 4];
    let e = sinkhorn::blocks::row_update_block(
        Cost::Dense(c.as_ref()),
        &a,
        &b,
        &[0.0; 3],
        &mut f,
        &p,
        otcore::Par::Seq,
    );
    let e = e.unwrap_err();
    assert!(f.iter().all(|&x| x == 7.0));
    assert_eq!(e.kind, otcore::ErrorKind::InvalidArgument);
    assert!(e.message.contains("TV"));
}
