//! Gradients of the exact OT cost from the sparse plan (positions) and the centred duals
//! (weights) against central finite differences of re-solved problems; McCann's displacement
//! interpolation against the geodesic identity W2(μ_s, μ_t) = |t − s|·W2(μ_0, μ_1) and the 1-D
//! closed form; bad inputs.

use crate::exact_support;
use exact_support::*;
use faer::Mat;
use otcore::cost::{cost_matrix, Metric};
use otcore::exact::{
    displacement_interpolation, emd, plan_position_gradient, wasserstein_1d, EmdParams,
    EmdSolution, SparsePlanRef,
};
use otcore::ErrorKind;

fn cloud(rng: &mut Rng, n: usize, d: usize, shift: f64) -> Mat<f64> {
    Mat::from_fn(n, d, |_, t| {
        rng.uniform() + if t == 0 { shift } else { 0.0 }
    })
}

fn solve(x: &Mat<f64>, y: &Mat<f64>, a: &[f64], b: &[f64], metric: Metric) -> EmdSolution {
    let c = cost_matrix(x.as_ref(), y.as_ref(), metric, 1).unwrap();
    let s = emd(a, b, c.as_ref(), &EmdParams::default()).unwrap();
    assert!(s.converged);
    s
}

fn parts(s: &EmdSolution) -> (Vec<usize>, Vec<usize>, Vec<f64>) {
    (
        s.plan.iter().map(|e| e.0).collect(),
        s.plan.iter().map(|e| e.1).collect(),
        s.plan.iter().map(|e| e.2).collect(),
    )
}

#[test]
fn position_gradients_match_finite_differences_for_every_metric() {
    let mut rng = Rng(42);
    let (n, m, d) = (9, 7, 3);
    for metric in [
        Metric::SqEuclidean,
        Metric::Euclidean,
        Metric::Minkowski(3.0),
        Metric::Cosine,
    ] {
        let x = cloud(&mut rng, n, d, 0.0);
        let y = cloud(&mut rng, m, d, 0.5);
        let a = normalised((0..n).map(|_| rng.uniform() + 0.1).collect());
        let b = normalised((0..m).map(|_| rng.uniform() + 0.1).collect());
        let s = solve(&x, &y, &a, &b, metric);
        let (r, c, w) = parts(&s);
        let plan = SparsePlanRef {
            rows: &r,
            cols: &c,
            mass: &w,
        };
        let (mut gx, mut gy) = (Mat::<f64>::zeros(n, d), Mat::<f64>::zeros(m, d));
        plan_position_gradient(
            x.as_ref(),
            y.as_ref(),
            plan,
            metric,
            Some(gx.as_mut()),
            Some(gy.as_mut()),
        )
        .unwrap();
        let h = 1e-6;
        for (first, g) in [(true, &gx), (false, &gy)] {
            let pts = if first { &x } else { &y };
            for i in 0..pts.nrows() {
                for t in 0..d {
                    let cost_at = |dx: f64| {
                        let mut p = pts.clone();
                        p[(i, t)] += dx;
                        if first {
                            solve(&p, &y, &a, &b, metric).cost
                        } else {
                            solve(&x, &p, &a, &b, metric).cost
                        }
                    };
                    let fd = (cost_at(h) - cost_at(-h)) / (2.0 * h);
                    assert!(
                        (fd - g[(i, t)]).abs() <= 1e-6,
                        "{metric:?} {} {i} {t}: {fd} vs {}",
                        if first { "x" } else { "y" },
                        g[(i, t)]
                    );
                }
            }
        }
    }
}

#[test]
fn the_centred_duals_are_the_weight_gradient() {
    // Along mass-preserving changes a + h(e_i − e_0), the cost changes by h(f_i − f_0).
    let mut rng = Rng(8);
    let (n, m) = (8, 6);
    let x = cloud(&mut rng, n, 2, 0.0);
    let y = cloud(&mut rng, m, 2, 0.3);
    let a = normalised((0..n).map(|_| rng.uniform() + 0.1).collect());
    let b = normalised((0..m).map(|_| rng.uniform() + 0.1).collect());
    let s = solve(&x, &y, &a, &b, Metric::SqEuclidean);
    let h = 1e-7;
    for i in 1..n {
        let at = |dx: f64| {
            let mut v = a.clone();
            v[i] += dx;
            v[0] -= dx;
            solve(&x, &y, &v, &b, Metric::SqEuclidean).cost
        };
        let fd = (at(h) - at(-h)) / (2.0 * h);
        assert!((fd - (s.f[i] - s.f[0])).abs() <= 1e-7, "{i}: {fd}");
    }
}

#[test]
fn displacement_interpolation_is_a_constant_speed_geodesic() {
    let mut rng = Rng(77);
    let (n, m, d) = (10, 8, 2);
    let x = cloud(&mut rng, n, d, 0.0);
    let y = cloud(&mut rng, m, d, 1.0);
    let a = normalised((0..n).map(|_| rng.uniform() + 0.1).collect());
    let b = normalised((0..m).map(|_| rng.uniform() + 0.1).collect());
    let s = solve(&x, &y, &a, &b, Metric::SqEuclidean);
    let (r, c, w) = parts(&s);
    let plan = SparsePlanRef {
        rows: &r,
        cols: &c,
        mass: &w,
    };
    let k = w.len();
    let at = |t: f64| {
        let mut p = Mat::<f64>::zeros(k, d);
        let mut wt = vec![0.0; k];
        displacement_interpolation(x.as_ref(), y.as_ref(), plan, t, p.as_mut(), &mut wt).unwrap();
        (p, wt)
    };
    let (p0, w0) = at(0.0);
    let (p1, _) = at(1.0);
    // The ends are the two measures: W2(μ_0, a) = 0 and W2(μ_1, b) = 0.
    assert!(solve(&p0, &x, &w0, &a, Metric::SqEuclidean).cost <= 1e-15);
    assert!(solve(&p1, &y, &w0, &b, Metric::SqEuclidean).cost <= 1e-15);
    for (s_, t_) in [(0.0, 0.3), (0.25, 0.75), (0.5, 1.0)] {
        let (ps, ws) = at(s_);
        let (pt, wt) = at(t_);
        let w2 = solve(&ps, &pt, &ws, &wt, Metric::SqEuclidean).cost;
        let want = (t_ - s_) * (t_ - s_) * s.cost;
        assert!((w2 - want).abs() <= 1e-12, "{s_} {t_}: {w2} vs {want}");
    }
}

#[test]
fn one_d_interpolation_matches_the_quantile_closed_form() {
    // Two uniform samples of n sorted points: the geodesic at t moves the k-th point of x to
    // the k-th point of y, (1 − t) x_(k) + t y_(k).
    let n = 12;
    let x: Vec<f64> = (0..n).map(|k| (k as f64 + 0.5) / n as f64).collect();
    let y: Vec<f64> = (0..n).map(|k| 3.0 + 2.0 * (k as f64) / n as f64).collect();
    let w = vec![1.0 / n as f64; n];
    let (_, plan) = wasserstein_1d(&x, &w, &y, &w, 2.0).unwrap();
    let r: Vec<usize> = plan.iter().map(|e| e.0).collect();
    let c: Vec<usize> = plan.iter().map(|e| e.1).collect();
    let m: Vec<f64> = plan.iter().map(|e| e.2).collect();
    let xs = Mat::from_fn(n, 1, |i, _| x[i]);
    let ys = Mat::from_fn(n, 1, |i, _| y[i]);
    let t = 0.4;
    let mut p = Mat::<f64>::zeros(m.len(), 1);
    let mut wt = vec![0.0; m.len()];
    let sp = SparsePlanRef {
        rows: &r,
        cols: &c,
        mass: &m,
    };
    displacement_interpolation(xs.as_ref(), ys.as_ref(), sp, t, p.as_mut(), &mut wt).unwrap();
    let mut got: Vec<(f64, f64)> = (0..m.len()).map(|k| (p[(k, 0)], wt[k])).collect();
    got.sort_by(|u, v| u.0.total_cmp(&v.0));
    assert_eq!(got.len(), n);
    for (k, &(z, wk)) in got.iter().enumerate() {
        assert!((z - ((1.0 - t) * x[k] + t * y[k])).abs() <= 1e-15);
        assert_eq!(wk, 1.0 / n as f64);
    }
}

#[test]
fn bad_inputs_are_rejected_and_outputs_untouched() {
    let x = Mat::from_fn(3, 2, |i, t| (i + t) as f64);
    let y = Mat::from_fn(2, 2, |i, t| (i * t) as f64);
    let (r, c, w) = (vec![0usize, 2], vec![1usize, 0], vec![0.5, 0.5]);
    let plan = SparsePlanRef {
        rows: &r,
        cols: &c,
        mass: &w,
    };
    let mut g = Mat::from_fn(3, 2, |_, _| 7.0);
    let untouched = |g: &Mat<f64>| g.col_iter().all(|c| c.iter().all(|&v| v == 7.0));
    let bad_rows = vec![0usize, 3];
    let e = plan_position_gradient(
        x.as_ref(),
        y.as_ref(),
        SparsePlanRef {
            rows: &bad_rows,
            ..plan
        },
        Metric::SqEuclidean,
        Some(g.as_mut()),
        None,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    assert!(
        e.message.contains("outside the 3x2 problem"),
        "{}",
        e.message
    );
    assert!(untouched(&g));
    let neg = vec![0.5, -0.1];
    let e = plan_position_gradient(
        x.as_ref(),
        y.as_ref(),
        SparsePlanRef { mass: &neg, ..plan },
        Metric::SqEuclidean,
        Some(g.as_mut()),
        None,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    assert!(untouched(&g));
    let e = plan_position_gradient(
        x.as_ref(),
        y.as_ref(),
        plan,
        Metric::Minkowski(0.5),
        Some(g.as_mut()),
        None,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    assert!(untouched(&g));
    let mut small = Mat::from_fn(2, 2, |_, _| 7.0);
    let e = plan_position_gradient(
        x.as_ref(),
        y.as_ref(),
        plan,
        Metric::SqEuclidean,
        Some(small.as_mut()),
        None,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    assert!(untouched(&small));
    let mut xn = x.clone();
    xn[(1, 1)] = f64::NAN;
    let e = plan_position_gradient(
        xn.as_ref(),
        y.as_ref(),
        plan,
        Metric::SqEuclidean,
        Some(g.as_mut()),
        None,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::NonFinite);
    assert!(untouched(&g));
    let mut p = Mat::from_fn(2, 2, |_, _| 7.0);
    let mut wt = vec![7.0; 2];
    for t in [-0.1, 1.5, f64::NAN] {
        let e = displacement_interpolation(x.as_ref(), y.as_ref(), plan, t, p.as_mut(), &mut wt)
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
    }
    let e = displacement_interpolation(x.as_ref(), y.as_ref(), plan, 0.5, p.as_mut(), &mut wt[..1])
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    assert!(untouched(&p) && wt == [7.0, 7.0]);
}
