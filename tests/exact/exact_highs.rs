//! Cross-check of the network simplex against HiGHS (through good_lp) on 220 random transport
//! problems of many shapes: n ≠ m, 1×m, n×1, zero weights, integer costs with many ties,
//! duplicated points, costs near 1e6 and near 1e-6, weights over 4 orders of magnitude,
//! uniform square problems (whose optimal vertex is a permutation).
#![cfg(feature = "highs")]

use crate::exact_support;
use exact_support::*;
use faer::Mat;
use otcore::exact::{emd, EmdParams};

fn sq_dist(p: &[[f64; 2]], q: &[[f64; 2]]) -> Mat<f64> {
    Mat::from_fn(p.len(), q.len(), |i, j| {
        (p[i][0] - q[j][0]).powi(2) + (p[i][1] - q[j][1]).powi(2)
    })
}

/// One random problem of the given kind: (label, a, b, cost, uniform square).
fn problem(rng: &mut Rng, kind: usize) -> (&'static str, Vec<f64>, Vec<f64>, Mat<f64>, bool) {
    let (n, m) = (rng.int(2, 25), rng.int(2, 25));
    let pos = |rng: &mut Rng, k: usize| normalised((0..k).map(|_| rng.uniform() + 0.05).collect());
    match kind {
        0 => {
            let (a, b) = (pos(rng, n), pos(rng, m));
            (
                "random",
                a,
                b,
                Mat::from_fn(n, m, |_, _| rng.uniform()),
                false,
            )
        }
        1 => {
            let b = pos(rng, m);
            (
                "1xm",
                vec![1.0],
                b,
                Mat::from_fn(1, m, |_, _| rng.uniform()),
                false,
            )
        }
        2 => {
            let a = pos(rng, n);
            (
                "nx1",
                a,
                vec![1.0],
                Mat::from_fn(n, 1, |_, _| rng.uniform()),
                false,
            )
        }
        3 => {
            let mut a: Vec<f64> = (0..n).map(|_| rng.uniform()).collect();
            let mut b: Vec<f64> = (0..m).map(|_| rng.uniform()).collect();
            a.iter_mut().for_each(|x| {
                if *x < 0.3 {
                    *x = 0.0
                }
            });
            b.iter_mut().for_each(|x| {
                if *x < 0.3 {
                    *x = 0.0
                }
            });
            a[0] = a[0].max(0.5);
            b[m - 1] = b[m - 1].max(0.5);
            let c = Mat::from_fn(n, m, |_, _| rng.uniform());
            ("zero weights", normalised(a), normalised(b), c, false)
        }
        4 => {
            let (a, b) = (pos(rng, n), pos(rng, m));
            let c = Mat::from_fn(n, m, |_, _| rng.int(0, 3) as f64);
            ("integer ties", a, b, c, false)
        }
        5 => {
            let base: Vec<[f64; 2]> = (0..4).map(|_| [rng.uniform(), rng.uniform()]).collect();
            let p: Vec<[f64; 2]> = (0..n).map(|_| base[rng.int(0, 3)]).collect();
            let q: Vec<[f64; 2]> = (0..m).map(|_| base[rng.int(0, 3)]).collect();
            (
                "duplicated points",
                pos(rng, n),
                pos(rng, m),
                sq_dist(&p, &q),
                false,
            )
        }
        6 => {
            let (a, b) = (pos(rng, n), pos(rng, m));
            let c = Mat::from_fn(n, m, |_, _| 1e6 * (1.0 + rng.uniform()));
            ("costs near 1e6", a, b, c, false)
        }
        7 => {
            let (a, b) = (pos(rng, n), pos(rng, m));
            let c = Mat::from_fn(n, m, |_, _| 1e-6 * (1.0 + rng.uniform()));
            ("costs near 1e-6", a, b, c, false)
        }
        8 => {
            let spread = |rng: &mut Rng, k: usize| {
                normalised((0..k).map(|_| 10f64.powf(4.0 * rng.uniform())).collect())
            };
            let (a, b) = (spread(rng, n), spread(rng, m));
            (
                "masses over 4 decades",
                a,
                b,
                Mat::from_fn(n, m, |_, _| rng.uniform()),
                false,
            )
        }
        9 => {
            let p: Vec<[f64; 2]> = (0..n).map(|_| [rng.uniform(), rng.uniform()]).collect();
            let q: Vec<[f64; 2]> = (0..n).map(|_| [rng.uniform(), rng.uniform()]).collect();
            let u = vec![1.0 / n as f64; n];
            ("uniform square", u.clone(), u, sq_dist(&p, &q), true)
        }
        _ => {
            let p: Vec<[f64; 2]> = (0..n).map(|_| [rng.uniform(), rng.uniform()]).collect();
            let q: Vec<[f64; 2]> = (0..m).map(|_| [rng.uniform(), rng.uniform()]).collect();
            (
                "point clouds n != m",
                pos(rng, n),
                pos(rng, m),
                sq_dist(&p, &q),
                false,
            )
        }
    }
}

#[test]
fn network_simplex_agrees_with_highs_on_220_problems() {
    let mut rng = Rng(2024);
    for k in 0..220 {
        let (label, a, b, c, square) = problem(&mut rng, k % 11);
        let (n, m) = (a.len(), b.len());
        let s = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
        let what = format!("problem {k} ({label}, {n}x{m})");
        assert!(s.converged, "{what}");
        let h = highs_cost(&a, &b, &c);
        assert!(
            (s.cost - h).abs() <= 1e-9 * h.abs().max(1e-300),
            "{what}: cost {} vs HiGHS {h}",
            s.cost
        );
        assert!(s.plan.len() < n + m, "{what}: {} nonzeros", s.plan.len());
        let mut p = Mat::<f64>::zeros(n, m);
        for &(i, j, x) in &s.plan {
            assert!(x > 0.0);
            p[(i, j)] += x;
        }
        for i in 0..n {
            let r: f64 = (0..m).map(|j| p[(i, j)]).sum();
            assert!((r - a[i]).abs() <= 1e-12, "{what}: row {i} {r} vs {}", a[i]);
        }
        for j in 0..m {
            let r: f64 = (0..n).map(|i| p[(i, j)]).sum();
            assert!((r - b[j]).abs() <= 1e-12, "{what}: col {j} {r} vs {}", b[j]);
        }
        let cmax = (0..n)
            .flat_map(|i| (0..m).map(move |j| (i, j)))
            .map(|(i, j)| c[(i, j)])
            .fold(0.0, f64::max);
        let tol = 1e-10 * cmax;
        for i in 0..n {
            for j in 0..m {
                let rc = c[(i, j)] - s.f[i] - s.g[j];
                assert!(rc >= -tol, "{what}: dual infeasible at ({i},{j}): {rc:e}");
                if p[(i, j)] > 0.0 {
                    assert!(rc.abs() <= tol, "{what}: slackness at ({i},{j}): {rc:e}");
                }
            }
        }
        if square {
            for &(_, _, x) in &s.plan {
                assert!(
                    (x * n as f64 - 1.0).abs() < 1e-12,
                    "{what}: not a permutation"
                );
            }
            assert_eq!(s.plan.len(), n, "{what}");
        }
    }
}
