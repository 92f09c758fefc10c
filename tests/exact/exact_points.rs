//! The network simplex between point clouds with costs on the fly (`emd_points`): equal to
//! the dense `emd` on the cost matrix of the same clouds for every metric, optimal by its own
//! certificate and by a dense check of the duals, against HiGHS on small problems, with zero
//! masses, tied integer points, 1×m and n×1, and refusing bad inputs. The multiscale path
//! (squared Euclidean, d ≤ 3) on clouds of several levels against both dense solvers.

use crate::exact_support;
use exact_support::*;
use faer::Mat;
use otcore::cost::{cost_matrix, Metric};
use otcore::exact::{emd, emd_points, Clouds, EmdParams, EmdSolution};
use otcore::ErrorKind;

const METRICS: [Metric; 5] = [
    Metric::SqEuclidean,
    Metric::Euclidean,
    Metric::Minkowski(1.0),
    Metric::Minkowski(3.0),
    Metric::Minkowski(1.5),
];

/// The cost `metric(p, q)` by its textbook formula (independent of the library's kernels).
fn textbook(metric: Metric, p: &[f64], q: &[f64]) -> f64 {
    let diffs = p.iter().zip(q).map(|(u, v)| (u - v).abs());
    match metric {
        Metric::SqEuclidean => diffs.map(|t| t * t).sum(),
        Metric::Euclidean => diffs.map(|t| t * t).sum::<f64>().sqrt(),
        Metric::Minkowski(e) => diffs.map(|t| t.powf(e)).sum::<f64>().powf(1.0 / e),
        Metric::Cosine => unreachable!(),
    }
}

fn cloud(rng: &mut Rng, n: usize, d: usize, integer: bool) -> Mat<f64> {
    Mat::from_fn(n, d, |_, _| {
        if integer {
            rng.int(0, 3) as f64
        } else {
            rng.uniform()
        }
    })
}

fn weights(rng: &mut Rng, n: usize, zeros: bool) -> Vec<f64> {
    let mut w: Vec<f64> = (0..n).map(|_| rng.uniform() + 0.05).collect();
    if zeros {
        for (k, v) in w.iter_mut().enumerate() {
            if k % 3 == 1 {
                *v = 0.0;
            }
        }
    }
    normalised(w)
}

/// Checks a solution against the textbook costs: marginals, cost of the plan, reduced costs
/// of all arcs ≥ −tol, complementary slackness on the plan, and a·f + b·g = cost.
fn check_optimal(
    x: &Mat<f64>,
    y: &Mat<f64>,
    metric: Metric,
    a: &[f64],
    b: &[f64],
    s: &EmdSolution,
) {
    let (n, m) = (a.len(), b.len());
    let c = Mat::from_fn(n, m, |i, j| {
        let (p, q): (Vec<f64>, Vec<f64>) = (0..x.ncols()).map(|k| (x[(i, k)], y[(j, k)])).unzip();
        textbook(metric, &p, &q)
    });
    let scale = 1.0
        + (0..n)
            .flat_map(|i| (0..m).map(move |j| (i, j)))
            .map(|(i, j)| c[(i, j)])
            .fold(0.0, f64::max);
    let tol = 1e-9 * scale;
    let (mut rows, mut cols, mut cost) = (vec![0.0; n], vec![0.0; m], 0.0);
    for &(i, j, v) in &s.plan {
        assert!(v > 0.0);
        rows[i] += v;
        cols[j] += v;
        cost += v * c[(i, j)];
        assert!(
            (c[(i, j)] - s.f[i] - s.g[j]).abs() <= tol,
            "slackness at ({i}, {j})"
        );
    }
    rows.iter()
        .zip(a)
        .for_each(|(r, w)| assert!((r - w).abs() < 1e-12));
    cols.iter()
        .zip(b)
        .for_each(|(r, w)| assert!((r - w).abs() < 1e-12));
    assert!((cost - s.cost).abs() <= tol, "{cost} vs {}", s.cost);
    let mut worst = f64::INFINITY;
    for i in 0..n {
        for j in 0..m {
            worst = worst.min(c[(i, j)] - s.f[i] - s.g[j]);
        }
    }
    assert!(worst >= -tol, "reduced cost {worst:e}");
    assert!(s.gap >= -tol && s.gap <= 0.0, "certificate {:e}", s.gap);
    let dual: f64 = a.iter().zip(&s.f).map(|(w, f)| w * f).sum::<f64>()
        + b.iter().zip(&s.g).map(|(w, g)| w * g).sum::<f64>();
    assert!(
        (dual - s.cost).abs() <= tol,
        "dual {dual} vs primal {}",
        s.cost
    );
}

#[test]
fn points_equal_the_dense_solver_on_the_same_costs_for_every_metric() {
    let mut rng = Rng(0x9E3779B97F4A7C15);
    for (n, m, d) in [
        (40, 40, 2),
        (57, 33, 3),
        (300, 280, 2),
        (25, 60, 1),
        (30, 35, 20),
    ] {
        let (x, y) = (cloud(&mut rng, n, d, false), cloud(&mut rng, m, d, false));
        let (a, b) = (weights(&mut rng, n, false), weights(&mut rng, m, false));
        for metric in METRICS {
            let c = cost_matrix(x.as_ref(), y.as_ref(), metric, 1).unwrap();
            let dense = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
            let clouds = Clouds {
                x: x.as_ref(),
                y: y.as_ref(),
                metric,
            };
            let s = emd_points(&a, &b, clouds, &EmdParams::default()).unwrap();
            let what = format!("{n}x{m} d = {d} {metric:?}");
            assert!(s.converged, "{what}");
            // The costs have the same bits below the matmul dimension, but not the big M of
            // the artificial arcs (the clouds' is a bound from their bounding box), so the
            // pivots and the summation order may differ; the optimal cost may not.
            let diff = (s.cost - dense.cost).abs();
            assert!(
                diff <= 1e-12 * dense.cost,
                "{what}: {} vs {}",
                s.cost,
                dense.cost
            );
            check_optimal(&x, &y, metric, &a, &b, &s);
        }
    }
}

/// The multiscale path (squared Euclidean, d ≤ 3) on clouds large enough for several levels
/// of its hierarchies: the cost of the dense `emd` on the cost matrix and of the dense points
/// path (a pivot cap below the default selects it), and optimal by a dense check of its duals
/// and plan; with zero masses, duplicated points, a cloud with a far cluster, n ≠ m, 1×m, n×1.
#[test]
fn multiscale_clouds_equal_the_dense_solvers() {
    let mut rng = Rng(0x6A09E667F3BCC909);
    let dense_path = EmdParams {
        max_iter: EmdParams::default().max_iter - 1,
        ..EmdParams::default()
    };
    for (n, m, d, zeros, integer) in [
        (700, 500, 1, false, false),
        (900, 1100, 2, true, false),
        (600, 650, 3, false, false),
        (800, 700, 2, false, true),
        (500, 500, 3, true, true),
        (1, 400, 2, false, false),
        (400, 1, 3, false, false),
    ] {
        let (mut x, y) = (
            cloud(&mut rng, n, d, integer),
            cloud(&mut rng, m, d, integer),
        );
        if !integer && n > 1 {
            // A far cluster: the hierarchy's boxes are then very unequal.
            for i in 0..n / 10 {
                for k in 0..d {
                    x[(i, k)] = 40.0 + 0.01 * x[(i, k)];
                }
            }
        }
        let (a, b) = (weights(&mut rng, n, zeros), weights(&mut rng, m, zeros));
        let clouds = Clouds {
            x: x.as_ref(),
            y: y.as_ref(),
            metric: Metric::SqEuclidean,
        };
        let what = format!("{n}x{m} d = {d} zeros {zeros} integer {integer}");
        let s = emd_points(&a, &b, clouds, &EmdParams::default()).unwrap();
        let by_points = emd_points(&a, &b, clouds, &dense_path).unwrap();
        let c = cost_matrix(x.as_ref(), y.as_ref(), Metric::SqEuclidean, 1).unwrap();
        let by_matrix = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
        assert!(s.converged && !s.cancelled, "{what}");
        for dense in [&by_points, &by_matrix] {
            assert!(
                (s.cost - dense.cost).abs() <= 1e-11 * dense.cost.max(1e-300),
                "{what}: {} vs {}",
                s.cost,
                dense.cost
            );
        }
        assert!(s.plan.len() < n + m, "{what}: {} entries", s.plan.len());
        check_optimal(&x, &y, Metric::SqEuclidean, &a, &b, &s);
        if zeros {
            assert!(s.plan.iter().all(|&(i, j, _)| a[i] > 0.0 && b[j] > 0.0));
        }
    }
}

#[test]
fn zero_masses_ties_and_thin_problems_are_solved_exactly() {
    let mut rng = Rng(0xD1B54A32D192ED03);
    for (n, m, d, zeros, integer) in [
        (30, 40, 2, true, false),
        (30, 40, 3, true, true),
        (50, 50, 2, false, true),
        (1, 20, 2, false, false),
        (20, 1, 3, false, true),
        (1, 1, 2, false, false),
    ] {
        let (x, y) = (
            cloud(&mut rng, n, d, integer),
            cloud(&mut rng, m, d, integer),
        );
        let (a, b) = (weights(&mut rng, n, zeros), weights(&mut rng, m, zeros));
        for metric in METRICS {
            let clouds = Clouds {
                x: x.as_ref(),
                y: y.as_ref(),
                metric,
            };
            let s = emd_points(&a, &b, clouds, &EmdParams::default()).unwrap();
            assert!(s.converged);
            check_optimal(&x, &y, metric, &a, &b, &s);
            if zeros {
                assert!(s.plan.iter().all(|&(i, j, _)| a[i] > 0.0 && b[j] > 0.0));
            }
        }
    }
}

#[cfg(feature = "highs")]
#[test]
fn points_agree_with_highs_on_small_problems() {
    let mut rng = Rng(0x2545F4914F6CDD1D);
    for trial in 0..24 {
        let (n, m, d) = (rng.int(1, 12), rng.int(1, 12), rng.int(1, 3));
        let integer = trial % 3 == 0;
        let (x, y) = (
            cloud(&mut rng, n, d, integer),
            cloud(&mut rng, m, d, integer),
        );
        let (a, b) = (
            weights(&mut rng, n, trial % 4 == 1),
            weights(&mut rng, m, false),
        );
        if a.iter().all(|&w| w == 0.0) {
            continue;
        }
        let metric = METRICS[trial % METRICS.len()];
        let c = Mat::from_fn(n, m, |i, j| {
            let (p, q): (Vec<f64>, Vec<f64>) = (0..d).map(|k| (x[(i, k)], y[(j, k)])).unzip();
            textbook(metric, &p, &q)
        });
        let want = highs_cost(&a, &b, &c);
        let clouds = Clouds {
            x: x.as_ref(),
            y: y.as_ref(),
            metric,
        };
        let s = emd_points(&a, &b, clouds, &EmdParams::default()).unwrap();
        assert!(
            (s.cost - want).abs() <= 1e-8 * (1.0 + want),
            "trial {trial}: {} vs HiGHS {want}",
            s.cost
        );
    }
}

#[test]
fn bad_clouds_are_refused_with_their_reason() {
    let x = Mat::from_fn(3, 2, |i, k| (i + k) as f64);
    let y = Mat::from_fn(2, 2, |j, k| (j * k) as f64);
    let y3 = Mat::from_fn(2, 3, |_, _| 0.0);
    let mut bad = x.clone();
    bad[(1, 1)] = f64::NAN;
    let huge = Mat::from_fn(2, 2, |_, _| 1e200);
    let (a, b) = ([1.0 / 3.0; 3], [0.5; 2]);
    let p = EmdParams::default();
    let run = |x: &Mat<f64>, y: &Mat<f64>, metric, a: &[f64], b: &[f64]| {
        emd_points(
            a,
            b,
            Clouds {
                x: x.as_ref(),
                y: y.as_ref(),
                metric,
            },
            &p,
        )
        .unwrap_err()
    };
    let sq = Metric::SqEuclidean;
    for (e, kind, says) in [
        (
            run(&x, &y, Metric::Cosine, &a, &b),
            ErrorKind::InvalidArgument,
            "cosine",
        ),
        (
            run(&x, &y, Metric::Minkowski(0.5), &a, &b),
            ErrorKind::InvalidArgument,
            "Minkowski",
        ),
        (
            run(&x, &y3, sq, &a, &b),
            ErrorKind::InvalidDimension,
            "x is 3x2",
        ),
        (
            run(&x, &y, sq, &a[..2], &b),
            ErrorKind::InvalidDimension,
            "x has 3 points",
        ),
        (run(&bad, &y, sq, &a, &b), ErrorKind::NonFinite, "x[(1, 1)]"),
        (
            run(&x, &huge, sq, &a, &b),
            ErrorKind::InvalidArgument,
            "overflow",
        ),
        (
            run(&x, &y, sq, &a, &[0.5, 0.6]),
            ErrorKind::MassMismatch,
            "b",
        ),
    ] {
        assert_eq!(e.kind, kind, "{}", e.message);
        assert!(e.message.contains(says), "{}", e.message);
    }
}
