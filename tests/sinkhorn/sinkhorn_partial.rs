//! Entropic partial OT (`sinkhorn::sinkhorn_partial`): the optimality conditions and strong
//! duality against the primal objective computed by brute force from the plan, the ε → 0
//! sandwich around the exact partial solver (network simplex), the balanced limit against
//! the balanced Sinkhorn, points against the dense cost, f32 against f64, threads, errors.

use super::sinkhorn::lcg;
use faer::Mat;
use otcore::exact::{emd_partial, PartialParams};
use otcore::sinkhorn::{self, Cost, EntropicPartialParams, Params};
use otcore::ErrorKind;

/// Two clouds in the unit square (the second shifted right), weights of different totals,
/// one zero weight on each side; the points and the dense squared Euclidean cost.
#[allow(clippy::type_complexity)]
fn problem(n: usize, m: usize, seed: u64) -> (Vec<f64>, Vec<f64>, Mat<f64>, Mat<f64>, Mat<f64>) {
    let mut r = lcg(seed);
    let x = Mat::from_fn(n, 2, |_, _| r());
    let y = Mat::from_fn(m, 2, |_, t| r() + if t == 0 { 0.4 } else { 0.0 });
    let mut a: Vec<f64> = (0..n).map(|_| (0.2 + r()) / n as f64).collect();
    let mut b: Vec<f64> = (0..m).map(|_| (0.2 + 1.5 * r()) / m as f64).collect();
    a[n / 2] = 0.0;
    b[m / 3] = 0.0;
    let c = Mat::from_fn(n, m, |i, j| {
        (x[(i, 0)] - y[(j, 0)]).powi(2) + (x[(i, 1)] - y[(j, 1)]).powi(2)
    });
    (a, b, c, x, y)
}

fn params(eps: f64) -> EntropicPartialParams {
    EntropicPartialParams {
        epsilon: eps,
        tolerance: 1e-13,
        max_iter: 500_000,
        check_every: 1,
        num_threads: 1,
        ..EntropicPartialParams::default()
    }
}

/// P_ij = a_i b_j e^{(f_i + g_j + λ − C_ij)/ε}.
fn plan(
    a: &[f64],
    b: &[f64],
    c: &Mat<f64>,
    s: &sinkhorn::EntropicPartialSolution,
    eps: f64,
) -> Mat<f64> {
    let lambda = s.info.mass_price;
    Mat::from_fn(a.len(), b.len(), |i, j| {
        a[i] * b[j] * ((s.f[i] + s.g[j] + lambda - c[(i, j)]) / eps).exp()
    })
}

/// ⟨C, P⟩ and KL(P | a⊗b) = Σ P log(P/(a b)) − P + a b, brute force.
fn cost_and_kl(a: &[f64], b: &[f64], c: &Mat<f64>, p: &Mat<f64>) -> (f64, f64) {
    let (mut cost, mut kl) = (0.0, 0.0);
    for i in 0..a.len() {
        for j in 0..b.len() {
            let (x, k) = (p[(i, j)], a[i] * b[j]);
            cost += c[(i, j)] * x;
            kl += if x > 0.0 { x * (x / k).ln() } else { 0.0 } - x + k;
        }
    }
    (cost, kl)
}

fn sum(x: &[f64]) -> f64 {
    x.iter().sum()
}

#[test]
fn optimality_conditions_and_strong_duality_hold() {
    for (seed, n, m, eps, frac) in [
        (1, 9, 7, 0.05, 0.3),
        (2, 12, 15, 0.01, 0.7),
        (3, 6, 10, 0.2, 1.0),
        (4, 20, 13, 0.02, 0.5),
    ] {
        let (a, b, c, _, _) = problem(n, m, seed);
        let mass = frac * sum(&a).min(sum(&b));
        let s = sinkhorn::sinkhorn_partial(Cost::Dense(c.as_ref()), &a, &b, mass, &params(eps))
            .unwrap();
        assert!(s.info.converged, "{:?}", s.info);
        let p = plan(&a, &b, &c, &s, eps);
        let total: f64 = (0..n)
            .flat_map(|i| (0..m).map(move |j| (i, j)))
            .map(|(i, j)| p[(i, j)])
            .sum();
        assert!((total - mass).abs() <= 1e-12, "mass {total} vs {mass}");
        // Capacities, signs and complementary slackness, entry by entry.
        let tol = 1e-11;
        for i in 0..n {
            let r: f64 = (0..m).map(|j| p[(i, j)]).sum();
            assert!(
                s.f[i] <= 0.0 && r <= a[i] + tol,
                "row {i}: f {} r {r} a {}",
                s.f[i],
                a[i]
            );
            if a[i] > 0.0 && s.f[i] < -1e-6 {
                assert!(
                    (r - a[i]).abs() <= tol,
                    "row {i} has f < 0 but r {r} < a {}",
                    a[i]
                );
            }
        }
        for j in 0..m {
            let r: f64 = (0..n).map(|i| p[(i, j)]).sum();
            assert!(
                s.g[j] <= 0.0 && r <= b[j] + tol,
                "col {j}: g {} r {r} b {}",
                s.g[j],
                b[j]
            );
            if b[j] > 0.0 && s.g[j] < -1e-6 {
                assert!(
                    (r - b[j]).abs() <= tol,
                    "col {j} has g < 0 but r {r} < b {}",
                    b[j]
                );
            }
        }
        // The mass is partial (frac < 1): some capacity is left on both sides, so some
        // duals are at their bound 0.
        if frac < 1.0 {
            assert!(s.f.iter().zip(&a).any(|(&f, &w)| f == 0.0 && w > 0.0));
            assert!(s.g.iter().zip(&b).any(|(&g, &w)| g == 0.0 && w > 0.0));
        }
        let (tc, kl) = cost_and_kl(&a, &b, &c, &p);
        let primal = tc + eps * kl;
        assert!(
            (primal - s.info.dual).abs() <= 1e-10 * primal.abs().max(1e-3),
            "primal {primal} vs dual {}",
            s.info.dual
        );
    }
}

#[test]
fn the_entropic_cost_is_sandwiched_by_the_exact_partial_solution() {
    // P_ε is feasible for the exact problem, and optimal for the entropic one, so
    // OT_0 ≤ ⟨C, P_ε⟩ ≤ ⟨C, P_ε⟩ + ε KL(P_ε | ab) ≤ OT_0 + ε KL(P_0 | ab).
    for (seed, eps, frac) in [(5, 1e-2, 0.4), (6, 3e-3, 0.8), (7, 1e-3, 0.6)] {
        let (a, b, c, _, _) = problem(14, 11, seed);
        let mass = frac * sum(&a).min(sum(&b));
        let exact = emd_partial(&a, &b, c.as_ref(), mass, &PartialParams::default()).unwrap();
        let kl0: f64 = exact
            .plan
            .iter()
            .filter(|&&(_, _, x)| x > 0.0)
            .map(|&(i, j, x)| x * (x / (a[i] * b[j])).ln() - x)
            .sum::<f64>()
            + sum(&a) * sum(&b);
        let s = sinkhorn::sinkhorn_partial(Cost::Dense(c.as_ref()), &a, &b, mass, &params(eps))
            .unwrap();
        assert!(s.info.converged);
        let (tc, _) = cost_and_kl(&a, &b, &c, &plan(&a, &b, &c, &s, eps));
        let ot0 = exact.info.cost;
        assert!(
            tc >= ot0 - 1e-12,
            "entropic cost {tc} below the exact {ot0}"
        );
        assert!(s.info.dual >= tc - 1e-12);
        assert!(
            s.info.dual <= ot0 + eps * kl0 + 1e-12,
            "entropic value {} above the bound {}",
            s.info.dual,
            ot0 + eps * kl0
        );
    }
}

#[test]
fn the_full_mass_of_balanced_weights_gives_the_balanced_plan() {
    let (a, mut b, c, _, _) = problem(10, 8, 9);
    let scale = sum(&a) / sum(&b);
    b.iter_mut().for_each(|x| *x *= scale);
    let eps = 0.05;
    let s =
        sinkhorn::sinkhorn_partial(Cost::Dense(c.as_ref()), &a, &b, sum(&a), &params(eps)).unwrap();
    let bal = Params {
        epsilon: eps,
        tolerance: 1e-14,
        max_iter: 100_000,
        check_every: 1,
        num_threads: 1,
        ..Params::default()
    };
    let r = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &bal).unwrap();
    let p = plan(&a, &b, &c, &s, eps);
    for i in 0..10 {
        for j in 0..8 {
            let q = a[i] * b[j] * ((r.f[i] + r.g[j] - c[(i, j)]) / eps).exp();
            assert!(
                (p[(i, j)] - q).abs() <= 1e-10,
                "({i}, {j}): {} vs {q}",
                p[(i, j)]
            );
        }
    }
    assert!((s.info.dual - r.info.dual).abs() <= 1e-10);
}

#[test]
fn points_f32_and_threads_agree_with_the_dense_f64_solve() {
    let (a, b, c, x, y) = problem(40, 33, 11);
    let mass = 0.6 * sum(&a).min(sum(&b));
    let p = EntropicPartialParams {
        tolerance: 1e-11,
        ..params(0.02)
    };
    let dense = sinkhorn::sinkhorn_partial(Cost::Dense(c.as_ref()), &a, &b, mass, &p).unwrap();
    let cloud = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let pts = sinkhorn::sinkhorn_partial(cloud, &a, &b, mass, &p).unwrap();
    assert!((pts.info.dual - dense.info.dual).abs() <= 1e-12);
    assert!((pts.info.mass_price - dense.info.mass_price).abs() <= 1e-9);
    let two = EntropicPartialParams {
        num_threads: 2,
        ..p
    };
    let threaded = sinkhorn::sinkhorn_partial(Cost::Dense(c.as_ref()), &a, &b, mass, &two).unwrap();
    assert_eq!(threaded.f, dense.f);
    assert_eq!(threaded.g, dense.g);
    assert_eq!(threaded.info, dense.info);
    let (a32, b32): (Vec<f32>, Vec<f32>) = (
        a.iter().map(|&v| v as f32).collect(),
        b.iter().map(|&v| v as f32).collect(),
    );
    let c32 = Mat::from_fn(40, 33, |i, j| c[(i, j)] as f32);
    let p32 = EntropicPartialParams {
        tolerance: 1e-5,
        ..p
    };
    let single =
        sinkhorn::sinkhorn_partial(Cost::Dense(c32.as_ref()), &a32, &b32, mass, &p32).unwrap();
    assert!(single.info.converged);
    assert!(
        (single.info.dual - dense.info.dual).abs() <= 1e-4 * dense.info.dual.abs(),
        "f32 {} vs f64 {}",
        single.info.dual,
        dense.info.dual
    );
}

#[test]
fn bad_inputs_are_refused_before_the_duals_are_touched() {
    let (a, b, c, _, _) = problem(5, 4, 13);
    let most = sum(&a).min(sum(&b));
    let mut neg = a.clone();
    neg[1] = -0.1;
    let cases: [(&[f64], f64, EntropicPartialParams, ErrorKind, &str); 6] = [
        (
            &a,
            1.01 * most,
            params(0.1),
            ErrorKind::InvalidArgument,
            "exceeds min(sum a, sum b)",
        ),
        (
            &a,
            0.0,
            params(0.1),
            ErrorKind::InvalidArgument,
            "must be finite and > 0",
        ),
        (
            &a,
            f64::NAN,
            params(0.1),
            ErrorKind::InvalidArgument,
            "must be finite and > 0",
        ),
        (
            &a,
            0.5 * most,
            params(0.0),
            ErrorKind::InvalidArgument,
            "epsilon",
        ),
        (
            &neg,
            0.1 * most,
            params(0.1),
            ErrorKind::InvalidArgument,
            "a[1]",
        ),
        (
            &a,
            0.5 * most,
            EntropicPartialParams {
                max_iter: 0,
                ..params(0.1)
            },
            ErrorKind::InvalidArgument,
            "max_iter = 0",
        ),
    ];
    for (a, mass, p, kind, text) in cases {
        let (mut f, mut g) = (vec![7.0; 5], vec![7.0; 4]);
        let req = sinkhorn::sinkhorn_partial_scratch::<f64>(5, 4, 0);
        let e = otcore::workspace::with_stack(req, |st| {
            sinkhorn::sinkhorn_partial_in_place(
                Cost::Dense(c.as_ref()),
                a,
                &b,
                mass,
                &mut f,
                &mut g,
                &p,
                otcore::Par::Seq,
                st,
            )
        })
        .unwrap()
        .unwrap_err();
        assert_eq!(e.kind, kind, "{e}");
        assert!(e.to_string().contains(text), "{e}");
        assert!(f.iter().chain(&g).all(|&v| v == 7.0));
    }
    // A mass just above min(Σa, Σb), within the tolerance, is taken as min(Σa, Σb).
    let s = sinkhorn::sinkhorn_partial(
        Cost::Dense(c.as_ref()),
        &a,
        &b,
        most * (1.0 + 1e-12),
        &params(0.1),
    )
    .unwrap();
    assert_eq!(s.info.mass, most);
}
