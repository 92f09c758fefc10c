//! Exact 1-D OT and sliced Wasserstein: closed forms, brute force through the network simplex
//! on the same data, plans, thread-count independence, errors.

use crate::exact_support;
use exact_support::*;
use faer::Mat;
use otcore::exact::{emd, sliced_wasserstein, wasserstein_1d, Directions, EmdParams};
use otcore::ErrorKind;

#[test]
fn one_d_matches_the_network_simplex_for_several_p() {
    let mut rng = Rng(17);
    for &(n, m) in &[(1, 1), (1, 9), (9, 1), (12, 7), (30, 45)] {
        for &p in &[1.0, 1.5, 2.0, 3.0] {
            let x: Vec<f64> = (0..n).map(|_| 10.0 * rng.uniform() - 5.0).collect();
            let y: Vec<f64> = (0..m).map(|_| 10.0 * rng.uniform() - 3.0).collect();
            let mut a = normalised((0..n).map(|_| rng.uniform() + 0.01).collect());
            let b = normalised((0..m).map(|_| rng.uniform() + 0.01).collect());
            if n > 3 {
                a[2] = 0.0;
                a = normalised(a);
            }
            let (cost, plan) = wasserstein_1d(&x, &a, &y, &b, p).unwrap();
            let c = Mat::from_fn(n, m, |i, j| (x[i] - y[j]).abs().powf(p));
            let s = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
            assert!(
                (cost - s.cost).abs() <= 1e-12 * s.cost.max(1.0),
                "{n}x{m} p={p}: {cost} vs {}",
                s.cost
            );
            assert!(plan.len() < n + m);
            // The plan is feasible, monotone, and costs what is returned.
            let (mut r, mut q, mut tot) = (vec![0.0; n], vec![0.0; m], 0.0);
            for &(i, j, w) in &plan {
                r[i] += w;
                q[j] += w;
                tot += w * c[(i, j)];
            }
            for i in 0..n {
                assert!((r[i] - a[i]).abs() < 1e-14);
            }
            for j in 0..m {
                assert!((q[j] - b[j]).abs() < 1e-14);
            }
            assert!((tot - cost).abs() <= 1e-13 * cost.max(1.0));
            for &(i1, j1, _) in &plan {
                for &(i2, j2, _) in &plan {
                    assert!(!(x[i1] < x[i2] && y[j1] > y[j2]), "plan not monotone");
                }
            }
        }
    }
}

#[test]
fn one_d_closed_forms() {
    // Uniform weights: W_p^p is the mean of |x_(k) − y_(k)|^p over sorted samples.
    let x = [3.0, -1.0, 2.0, 0.5];
    let y = [1.0, 4.0, -2.0, 0.0];
    let u = [0.25; 4];
    let (c, _) = wasserstein_1d(&x, &u, &y, &u, 2.0).unwrap();
    let (xs, ys) = ([-1.0, 0.5, 2.0, 3.0], [-2.0, 0.0, 1.0, 4.0]);
    let expect: f64 = xs
        .iter()
        .zip(&ys)
        .map(|(a, b): (&f64, &f64)| (a - b).powi(2))
        .sum::<f64>()
        / 4.0;
    assert!((c - expect).abs() < 1e-15);
    // A translation by t costs |t|^p.
    let y2: Vec<f64> = x.iter().map(|v| v + 0.75).collect();
    let (c, plan) = wasserstein_1d(&x, &u, &y2, &u, 3.0).unwrap();
    assert!((c - 0.75f64.powi(3)).abs() < 1e-15);
    assert_eq!(plan.len(), 4);
    // Two Diracs against a point: W_1 = mean distance.
    let (c, _) = wasserstein_1d(&[0.0, 2.0], &[0.5, 0.5], &[1.5], &[1.0], 1.0).unwrap();
    assert!((c - 1.0).abs() < 1e-15);
}

#[test]
fn one_d_errors() {
    let e = wasserstein_1d(&[0.0], &[1.0], &[1.0], &[1.0], 0.5).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    let e = wasserstein_1d(&[f64::NAN], &[1.0], &[1.0], &[1.0], 1.0).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NonFinite);
    let e = wasserstein_1d(&[0.0], &[1.0], &[1.0], &[2.0], 1.0).unwrap_err();
    assert_eq!(e.kind, ErrorKind::MassMismatch);
}

#[test]
fn sliced_with_given_directions_matches_one_d_and_closed_forms() {
    let mut rng = Rng(5);
    let (n, m, d) = (20, 15, 3);
    let x = Mat::from_fn(n, d, |_, _| rng.uniform());
    let y = Mat::from_fn(m, d, |_, _| rng.uniform() + 0.3);
    let a = normalised((0..n).map(|_| rng.uniform() + 0.1).collect());
    let b = normalised((0..m).map(|_| rng.uniform() + 0.1).collect());
    let dirs = Mat::from_fn(2, d, |l, c| if c == l { 1.0 } else { 0.0 });
    let sw = sliced_wasserstein(
        x.as_ref(),
        &a,
        y.as_ref(),
        &b,
        Directions::Given(dirs.as_ref()),
        2.0,
        1,
    )
    .unwrap();
    let mut expect = 0.0;
    for l in 0..2 {
        let px: Vec<f64> = (0..n).map(|i| x[(i, l)]).collect();
        let py: Vec<f64> = (0..m).map(|j| y[(j, l)]).collect();
        expect += wasserstein_1d(&px, &a, &py, &b, 2.0).unwrap().0 / 2.0;
    }
    assert!((sw - expect).abs() < 1e-15, "{sw} vs {expect}");
    // A translation by t: every direction θ costs ⟨t, θ⟩², whose mean over the sphere is |t|²/d.
    let t = [0.3, -0.2, 0.5];
    let y2 = Mat::from_fn(n, d, |i, c| x[(i, c)] + t[c]);
    let sw = sliced_wasserstein(
        x.as_ref(),
        &a,
        y2.as_ref(),
        &a,
        Directions::Random { k: 4000, seed: 1 },
        2.0,
        1,
    )
    .unwrap();
    let t2: f64 = t.iter().map(|v| v * v).sum::<f64>() / d as f64;
    assert!((sw - t2).abs() < 0.05 * t2, "{sw} vs {t2}");
}

#[test]
fn sliced_is_identical_for_every_thread_count() {
    let mut rng = Rng(8);
    let x = Mat::from_fn(50, 4, |_, _| rng.uniform());
    let y = Mat::from_fn(40, 4, |_, _| rng.uniform());
    let (a, b) = (vec![1.0 / 50.0; 50], vec![1.0 / 40.0; 40]);
    let dirs = Directions::Random { k: 37, seed: 99 };
    let one = sliced_wasserstein(x.as_ref(), &a, y.as_ref(), &b, dirs, 1.5, 1).unwrap();
    for threads in [2, 3] {
        let k = sliced_wasserstein(x.as_ref(), &a, y.as_ref(), &b, dirs, 1.5, threads).unwrap();
        assert_eq!(one.to_bits(), k.to_bits());
    }
    assert!(one > 0.0);
}
