//! The truncated (sparse) stabilised kernel with ε-scaling and clustering
//! ([`Path::Truncated`]) against the log-domain path and against brute force: potentials up to
//! the additive constant, the dual value, the marginal error of the full (untruncated) plan
//! below the reported bound and the tolerance, in dimensions 1–3 and down to
//! ε = 1e-3·diameter²; zero weights, duplicate points, n ≠ m, KL penalties, f32, warm starts,
//! thread invariance, the arc counts, and the refusals.

use faer::Mat;
use otcore::sinkhorn::{self, truncated, Cost, Params, Path, Scaling};
use otcore::ErrorKind;

fn lcg(seed: u64) -> impl FnMut() -> f64 {
    let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    move || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn points(n: usize, d: usize, seed: u64) -> Mat<f64> {
    let mut r = lcg(seed);
    Mat::from_fn(n, d, |_, _| r())
}

fn weights(n: usize, seed: u64) -> Vec<f64> {
    let mut r = lcg(seed);
    let w: Vec<f64> = (0..n).map(|_| 0.2 + r()).collect();
    let s: f64 = w.iter().sum();
    w.iter().map(|x| x / s).collect()
}

/// The full plan's L1 marginal error Σ|P·1 − a| + Σ|Pᵀ·1 − b| from the potentials, by brute
/// force over all n·m pairs (balanced sides).
fn full_error(
    x: &Mat<f64>,
    y: &Mat<f64>,
    a: &[f64],
    b: &[f64],
    f: &[f64],
    g: &[f64],
    eps: f64,
) -> f64 {
    let (n, m) = (a.len(), b.len());
    let mut rows = vec![0.0; n];
    let mut cols = vec![0.0; m];
    for i in 0..n {
        for j in 0..m {
            let c: f64 = (0..x.ncols())
                .map(|t| (x[(i, t)] - y[(j, t)]).powi(2))
                .sum();
            let p = a[i] * b[j] * ((f[i] + g[j] - c) / eps).exp();
            rows[i] += p;
            cols[j] += p;
        }
    }
    let er: f64 = rows.iter().zip(a).map(|(r, w)| (r - w).abs()).sum();
    let ec: f64 = cols.iter().zip(b).map(|(r, w)| (r - w).abs()).sum();
    er + ec
}

/// max_i |(f_i − f̄) − (h_i − h̄)| with the a-weighted means f̄, h̄ (the constant removed).
fn centred_diff(f: &[f64], h: &[f64], a: &[f64]) -> f64 {
    let fm: f64 = f.iter().zip(a).map(|(x, w)| x * w).sum::<f64>() / a.iter().sum::<f64>();
    let hm: f64 = h.iter().zip(a).map(|(x, w)| x * w).sum::<f64>() / a.iter().sum::<f64>();
    f.iter()
        .zip(h)
        .map(|(x, y)| ((x - fm) - (y - hm)).abs())
        .fold(0.0, f64::max)
}

/// The log-domain reference to 1e-11 (with ε-scaling).
fn reference(cost: Cost<'_, f64>, a: &[f64], b: &[f64], eps: f64, rho: f64) -> sinkhorn::Solution {
    let p = Params {
        epsilon: eps,
        rho_a: rho,
        rho_b: rho,
        tolerance: 1e-11,
        max_iter: 200_000,
        scaling: Scaling {
            steps: 8,
            start: 0.0,
            iters_per_step: 20,
        },
        path: Path::LogDomain,
        num_threads: 1,
        ..Params::default()
    };
    let s = sinkhorn::sinkhorn(cost, a, b, None, &p).unwrap();
    assert!(s.info.converged, "reference: {:?}", s.info);
    s
}

fn truncated_params(eps: f64, tol: f64) -> Params {
    Params {
        epsilon: eps,
        tolerance: tol,
        max_iter: 100_000,
        check_every: 5,
        path: Path::Truncated,
        num_threads: 1,
        ..Params::default()
    }
}

#[test]
fn agrees_with_the_log_domain_path_in_dimensions_1_to_3() {
    for (d, n, m) in [(1, 400, 300), (2, 600, 500), (3, 500, 600)] {
        let (x, y) = (points(n, d, 10 + d as u64), points(m, d, 20 + d as u64));
        let (a, b) = (weights(n, 3), weights(m, 4));
        let cost = Cost::SqEuclidean {
            x: x.as_ref(),
            y: y.as_ref(),
        };
        let diam2 = d as f64;
        for rel in [1e-2, 1e-3] {
            let eps = rel * diam2;
            let tol = 1e-6;
            let r = reference(cost, &a, &b, eps, f64::INFINITY);
            let (t, stages) =
                truncated::sinkhorn_truncated(cost, &a, &b, None, &truncated_params(eps, tol))
                    .unwrap();
            assert_eq!(t.info.path, Path::Truncated);
            assert!(t.info.converged, "d = {d}, eps = {eps}: {:?}", t.info);
            let full = full_error(&x, &y, &a, &b, &t.f, &t.g, eps);
            assert!(
                full <= t.info.marginal_error * (1.0 + 1e-9) && full <= tol,
                "d = {d}, eps = {eps}: full error {full:e}, reported {:e}",
                t.info.marginal_error
            );
            let df = centred_diff(&t.f, &r.f, &a);
            let dg = centred_diff(&t.g, &r.g, &b);
            assert!(
                df <= 1e-3 * eps && dg <= 1e-3 * eps,
                "d = {d}, eps = {eps}: {df:e} {dg:e}"
            );
            let dv = (t.info.dual - r.info.dual).abs();
            assert!(
                dv <= 1e-6 * eps,
                "d = {d}, eps = {eps}: dual {} vs {}",
                t.info.dual,
                r.info.dual
            );
            let last = stages.last().unwrap();
            assert!(last.fine && last.rows == n && last.cols == m);
            eprintln!("d = {d} eps = {eps:e}: {:?}\n  {stages:?}", t.info);
        }
    }
}
