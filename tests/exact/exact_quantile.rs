//! Closed forms of OT on the line: quantile functions against their definition, W_p
//! barycenters and McCann geodesics against closed forms (Diracs, uniform measures on
//! intervals), the W2 identities checked with `wasserstein_1d`, optimality against perturbed
//! candidates, the geodesic against the displacement interpolation of the monotone plan, bad
//! inputs.

use crate::exact_support::*;
use faer::Mat;
use otcore::exact::{
    barycenter_1d, barycenter_1d_in_place, barycenter_1d_scratch, displacement_interpolation,
    mccann_geodesic_1d, quantile_1d, wasserstein_1d, SparsePlanRef,
};
use otcore::ErrorKind;

/// A random measure of n samples in [lo, lo + 10) (unsorted), weights summing to 1, one zero.
fn measure(rng: &mut Rng, n: usize, lo: f64) -> (Vec<f64>, Vec<f64>) {
    let x: Vec<f64> = (0..n).map(|_| lo + 10.0 * rng.uniform()).collect();
    let mut a: Vec<f64> = (0..n).map(|_| rng.uniform() + 0.05).collect();
    if n > 2 {
        a[1] = 0.0;
    }
    (x, normalised(a))
}

/// F(q) = mass of the samples ≤ q and F(q−) = mass of those < q, over the total mass.
fn cdf(x: &[f64], a: &[f64], q: f64) -> (f64, f64) {
    let m: f64 = a.iter().sum();
    let le: f64 = (0..x.len()).filter(|&j| x[j] <= q).map(|j| a[j]).sum();
    let lt: f64 = (0..x.len()).filter(|&j| x[j] < q).map(|j| a[j]).sum();
    (le / m, lt / m)
}

#[test]
fn quantiles_satisfy_their_definition() {
    let mut rng = Rng(5);
    for n in [1, 2, 7, 40] {
        let (x, a) = measure(&mut rng, n, -5.0);
        let mut levels: Vec<f64> = (0..50).map(|_| rng.uniform()).collect();
        levels.extend([0.0, 1.0]);
        let q = quantile_1d(&x, &a, &levels).unwrap();
        for (&u, &qu) in levels.iter().zip(&q) {
            // Q(u) is a sample of positive weight with F(Q(u)−) < u ≤ F(Q(u)) (u > 0).
            assert!((0..n).any(|j| x[j] == qu && a[j] > 0.0));
            let (le, lt) = cdf(&x, &a, qu);
            if u > 0.0 {
                assert!(
                    lt < u + 1e-15 && u <= le + 1e-15,
                    "n={n} u={u}: F={le}, F-={lt}"
                );
            } else {
                assert_eq!(lt, 0.0, "Q(0) is the smallest point of positive weight");
            }
        }
        let top = (0..n)
            .filter(|&j| a[j] > 0.0)
            .map(|j| x[j])
            .fold(f64::MIN, f64::max);
        assert_eq!(
            q[levels.len() - 1],
            top,
            "Q(1) is the largest point of positive weight"
        );
    }
    // Uniform weights on 4 points: Q(u) = x_(⌈4u⌉).
    let x = [3.0, -1.0, 2.0, 0.5];
    let q = quantile_1d(&x, &[2.0; 4], &[0.1, 0.25, 0.3, 0.5, 0.6, 0.99, 1.0]).unwrap();
    assert_eq!(q, vec![-1.0, -1.0, 0.5, 0.5, 2.0, 3.0, 3.0]);
}

#[test]
fn barycenter_of_diracs_is_the_lp_center() {
    let (x0, x1) = ([-1.0], [3.0]);
    let one = [1.0];
    let lam = [0.25, 0.75];
    let m = [(&x0[..], &one[..]), (&x1[..], &one[..])];
    assert_eq!(
        barycenter_1d(&m, &lam, 2.0).unwrap(),
        (vec![2.0], vec![1.0])
    );
    // p = 1: the weighted median, 3 (weight 0.75 ≥ 1/2).
    assert_eq!(
        barycenter_1d(&m, &lam, 1.0).unwrap(),
        (vec![3.0], vec![1.0])
    );
    // p = 3: 0.25 (y + 1)² = 0.75 (3 − y)², y = (3√3 − 1) / (1 + √3).
    let (p3, _) = barycenter_1d(&m, &lam, 3.0).unwrap();
    let want = (3.0 * 3f64.sqrt() - 1.0) / (1.0 + 3f64.sqrt());
    assert!((p3[0] - want).abs() <= 4e-16 * want, "{} vs {want}", p3[0]);
    // The geodesic between the Diracs moves the point along the segment.
    for t in [0.0, 0.3, 1.0] {
        let (z, w) = mccann_geodesic_1d(&x0, &one, &x1, &one, t).unwrap();
        assert_eq!((z, w), (vec![-(1.0 - t) + t * 3.0], vec![1.0]));
    }
}

/// n midpoints of the n equal cells of [lo, hi], shuffled, each of weight 1/n.
fn uniform_on(rng: &mut Rng, n: usize, lo: f64, hi: f64) -> (Vec<f64>, Vec<f64>) {
    let mut x: Vec<f64> = (0..n)
        .map(|j| lo + (j as f64 + 0.5) * (hi - lo) / n as f64)
        .collect();
    for j in (1..n).rev() {
        x.swap(j, rng.int(0, j));
    }
    (x, vec![1.0 / n as f64; n])
}

#[test]
fn barycenter_of_uniform_measures_on_intervals_is_uniform_on_the_mean_interval() {
    let mut rng = Rng(9);
    let n = 16;
    let ivs = [(0.0, 1.0), (4.0, 10.0), (-3.0, -2.5)];
    let lam = [0.5, 0.2, 0.3];
    let ms: Vec<_> = ivs
        .iter()
        .map(|&(l, h)| uniform_on(&mut rng, n, l, h))
        .collect();
    let refs: Vec<_> = ms.iter().map(|(x, a)| (&x[..], &a[..])).collect();
    let (z, w) = barycenter_1d(&refs, &lam, 2.0).unwrap();
    let (lo, hi) = ivs
        .iter()
        .zip(&lam)
        .fold((0.0, 0.0), |(l, h), (&(a, b), &t)| (l + t * a, h + t * b));
    assert_eq!(z.len(), n);
    for j in 0..n {
        let want = lo + (j as f64 + 0.5) * (hi - lo) / n as f64;
        assert!((z[j] - want).abs() <= 1e-14, "{j}: {} vs {want}", z[j]);
        assert!((w[j] - 1.0 / n as f64).abs() <= 1e-16);
    }
}

#[test]
fn barycenter_quantile_is_the_lambda_average_of_the_quantiles() {
    // Sizes differ, so the breakpoints interleave; at levels off the breakpoints
    // Q_bary(u) = Σ λ_i Q_i(u) / Σ λ.
    let mut rng = Rng(21);
    let ms = [
        measure(&mut rng, 5, 0.0),
        measure(&mut rng, 9, 3.0),
        measure(&mut rng, 13, -8.0),
    ];
    let lam = [2.0, 1.0, 1.0]; // need not sum to 1
    let refs: Vec<_> = ms.iter().map(|(x, a)| (&x[..], &a[..])).collect();
    let (z, w) = barycenter_1d(&refs, &lam, 2.0).unwrap();
    assert!(z.len() <= 5 + 9 + 13 - 3 + 1);
    assert!(z.windows(2).all(|p| p[0] <= p[1]), "points ascend");
    assert!(w.iter().all(|&v| v > 0.0));
    assert!((w.iter().sum::<f64>() - 1.0).abs() <= 1e-14);
    let levels: Vec<f64> = (0..200).map(|_| rng.uniform()).collect();
    let qb = quantile_1d(&z, &w, &levels).unwrap();
    let qs: Vec<Vec<f64>> = ms
        .iter()
        .map(|(x, a)| quantile_1d(x, a, &levels).unwrap())
        .collect();
    for l in 0..levels.len() {
        let want = (0..3).map(|i| lam[i] * qs[i][l]).sum::<f64>() / 4.0;
        assert!(
            (qb[l] - want).abs() <= 1e-13,
            "u={}: {} vs {want}",
            levels[l],
            qb[l]
        );
    }
}

fn w2sq(x: &[f64], a: &[f64], y: &[f64], b: &[f64]) -> f64 {
    wasserstein_1d(x, a, y, b, 2.0).unwrap().0
}

#[test]
fn w2_identities_of_geodesics_and_barycenters() {
    let mut rng = Rng(33);
    // Geodesic: W2(ν_t, μ0) = t W2(μ0, μ1), W2(ν_t, μ1) = (1 − t) W2(μ0, μ1).
    let (x, a) = measure(&mut rng, 11, 0.0);
    let (y, b) = measure(&mut rng, 7, 4.0);
    let d = w2sq(&x, &a, &y, &b);
    for t in [0.0, 0.2, 0.5, 0.9, 1.0] {
        let (z, w) = mccann_geodesic_1d(&x, &a, &y, &b, t).unwrap();
        assert!((w2sq(&z, &w, &x, &a) - t * t * d).abs() <= 1e-12 * d);
        assert!((w2sq(&z, &w, &y, &b) - (1.0 - t) * (1.0 - t) * d).abs() <= 1e-12 * d);
    }
    // k = 3: Σ_j λ_j W2²(ν, μ_j) = Σ_{i<j} λ_i λ_j W2²(μ_i, μ_j) (Σλ = 1).
    let ms = [
        measure(&mut rng, 6, 0.0),
        measure(&mut rng, 10, 2.0),
        measure(&mut rng, 4, -6.0),
    ];
    let lam = [0.2, 0.5, 0.3];
    let refs: Vec<_> = ms.iter().map(|(x, a)| (&x[..], &a[..])).collect();
    let (z, w) = barycenter_1d(&refs, &lam, 2.0).unwrap();
    let lhs: f64 = (0..3)
        .map(|j| lam[j] * w2sq(&z, &w, &ms[j].0, &ms[j].1))
        .sum();
    let mut rhs = 0.0;
    for i in 0..3 {
        for j in i + 1..3 {
            rhs += lam[i] * lam[j] * w2sq(&ms[i].0, &ms[i].1, &ms[j].0, &ms[j].1);
        }
    }
    assert!((lhs - rhs).abs() <= 1e-12 * rhs, "{lhs} vs {rhs}");
}

#[test]
fn barycenters_beat_perturbed_candidates_for_every_p() {
    let mut rng = Rng(44);
    let ms = [
        measure(&mut rng, 5, 0.0),
        measure(&mut rng, 8, 1.0),
        measure(&mut rng, 6, -4.0),
    ];
    let lam = [0.3, 0.45, 0.25];
    let refs: Vec<_> = ms.iter().map(|(x, a)| (&x[..], &a[..])).collect();
    for p in [1.0, 1.5, 2.0, 3.0] {
        let objective = |z: &[f64], w: &[f64]| -> f64 {
            (0..3)
                .map(|i| lam[i] * wasserstein_1d(z, w, &ms[i].0, &ms[i].1, p).unwrap().0)
                .sum()
        };
        let (z, w) = barycenter_1d(&refs, &lam, p).unwrap();
        let best = objective(&z, &w);
        for _ in 0..50 {
            let moved: Vec<f64> = z.iter().map(|&v| v + 0.2 * (rng.uniform() - 0.5)).collect();
            assert!(objective(&moved, &w) >= best * (1.0 - 1e-13), "p={p}");
            // Moving mass between consecutive points does not help either.
            let mut w2 = w.clone();
            let l = rng.int(0, w.len() - 2);
            let dm = 0.5 * w2[l].min(w2[l + 1]) * (2.0 * rng.uniform() - 1.0);
            w2[l] -= dm;
            w2[l + 1] += dm;
            assert!(objective(&z, &w2) >= best * (1.0 - 1e-13), "p={p}");
        }
    }
}

#[test]
fn geodesic_is_the_displacement_interpolation_of_the_monotone_plan() {
    let mut rng = Rng(55);
    let (x, a) = measure(&mut rng, 9, 0.0);
    let (y, b) = measure(&mut rng, 14, 2.0);
    let (_, plan) = wasserstein_1d(&x, &a, &y, &b, 2.0).unwrap();
    let (r, c, m): (Vec<usize>, Vec<usize>, Vec<f64>) = (
        plan.iter().map(|e| e.0).collect(),
        plan.iter().map(|e| e.1).collect(),
        plan.iter().map(|e| e.2).collect(),
    );
    let sp = SparsePlanRef {
        rows: &r,
        cols: &c,
        mass: &m,
    };
    let (xs, ys) = (
        Mat::from_fn(9, 1, |i, _| x[i]),
        Mat::from_fn(14, 1, |i, _| y[i]),
    );
    for t in [0.0, 0.35, 1.0] {
        let mut pts = Mat::<f64>::zeros(m.len(), 1);
        let mut wt = vec![0.0; m.len()];
        displacement_interpolation(xs.as_ref(), ys.as_ref(), sp, t, pts.as_mut(), &mut wt).unwrap();
        let mut want: Vec<(f64, f64)> = (0..m.len()).map(|k| (pts[(k, 0)], wt[k])).collect();
        want.sort_by(|u, v| u.0.total_cmp(&v.0));
        let (z, w) = mccann_geodesic_1d(&x, &a, &y, &b, t).unwrap();
        assert_eq!(z.len(), want.len());
        for k in 0..z.len() {
            assert!((z[k] - want[k].0).abs() <= 1e-14, "t={t} k={k}");
            assert!((w[k] - want[k].1).abs() <= 1e-15, "t={t} k={k}");
        }
    }
}

#[test]
fn one_measure_is_its_own_barycenter() {
    let x = [2.0, -1.0, 5.0, 0.0];
    let a = [0.25, 0.5, 0.0, 0.25];
    let (z, w) = barycenter_1d(&[(&x, &a)], &[3.0], 1.5).unwrap();
    assert_eq!((z, w), (vec![-1.0, 0.0, 2.0], vec![0.5, 0.25, 0.25]));
}

#[test]
fn bad_inputs_are_rejected_and_outputs_untouched() {
    let x = [0.0, 1.0, 2.0];
    let a = [0.5, 0.5, 1.0];
    let kind = |r: otcore::Result<_>| r.map(|_: (Vec<f64>, Vec<f64>)| ()).unwrap_err().kind;
    let msg = |r: otcore::Result<(Vec<f64>, Vec<f64>)>| r.unwrap_err().message;
    // In-place level: wrong sizes, lambda, p, masses; outputs stay as they were.
    let (mut pts, mut wts) = (vec![7.0; 2], vec![7.0; 2]);
    let bytes = otcore::workspace::bytes_for(barycenter_1d_scratch(3, 2)).unwrap();
    let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); bytes];
    let stack = otcore::MemStack::new(&mut buf);
    let mut call = |sizes: &[usize], lam: &[f64], p: f64, x: &[f64], a: &[f64], room: usize| {
        barycenter_1d_in_place(
            x,
            a,
            sizes,
            lam,
            p,
            1e-9,
            &mut pts[..room],
            &mut wts[..room],
            &mut *stack,
        )
        .unwrap_err()
    };
    let e = call(&[], &[], 2.0, &x, &a, 2);
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    let e = call(&[3, 0], &[1.0, 1.0], 2.0, &x, &a, 2);
    assert!(
        e.message.contains("measure 1 has no samples"),
        "{}",
        e.message
    );
    let e = call(&[2, 1], &[1.0, -1.0], 2.0, &x, &a, 2);
    assert!(e.message.starts_with("lambda[1]"), "{}", e.message);
    let e = call(&[2, 1], &[0.0, 0.0], 2.0, &x, &a, 2);
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    assert!(e.message.contains("lambda sums to 0"), "{}", e.message);
    let e = call(&[2, 1], &[1.0, 1.0], 0.5, &x, &a, 2);
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    let e = call(&[2, 1], &[1.0, 1.0], 2.0, &[0.0, f64::NAN, 2.0], &a, 2);
    assert_eq!(e.kind, ErrorKind::NonFinite);
    let e = call(&[2, 1], &[1.0, 1.0], 2.0, &x, &[0.5, 0.5, 1.5], 2);
    assert_eq!(e.kind, ErrorKind::MassMismatch);
    assert!(e.message.contains("measure 1 sums to"), "{}", e.message);
    let e = call(&[2, 1], &[1.0, 1.0], 2.0, &x, &a, 1);
    assert!(e.message.contains("2 needed"), "{}", e.message);
    let e = call(&[2, 1], &[1.0, 1.0], 2.0, &x, &[0.0, 0.0, 0.0], 2);
    assert!(
        e.message.contains("a of measure 0 sums to 0"),
        "{}",
        e.message
    );
    assert!(pts.iter().chain(&wts).all(|&v| v == 7.0));
    // Convenience level.
    assert_eq!(
        kind(mccann_geodesic_1d(&x, &a, &x, &a, 1.5)),
        ErrorKind::InvalidArgument
    );
    assert!(msg(mccann_geodesic_1d(&x, &a, &x, &a, -0.1)).starts_with("t is"));
    let e = quantile_1d(&x, &a, &[0.5, 1.5]).unwrap_err();
    assert!(e.message.starts_with("levels[1]"), "{}", e.message);
    let e = quantile_1d(&x, &a, &[f64::NAN]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    let e = quantile_1d(&x, &[1.0, -1.0, 1.0], &[0.5]).unwrap_err();
    assert!(e.message.starts_with("a[1]"), "{}", e.message);
    let e = quantile_1d(&[], &[], &[0.5]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
}
