//! The truncated (sparse) stabilised kernel with ε-scaling and clustering
//! ([`Path::Truncated`]) against the log-domain path and against brute force: potentials up to
//! the additive constant, the dual value, the marginal error of the full (untruncated) plan
//! below the reported bound and the tolerance, in dimensions 1–3 and down to
//! ε = 1e-3·diameter²; zero weights, duplicate points, n ≠ m, KL penalties, f32, warm starts,
//! thread invariance, the arc counts, and the refusals.

use super::sinkhorn::{points, weights};
use faer::Mat;
use otcore::sinkhorn::{self, truncated, Cost, Params, Path, Scaling};
use otcore::ErrorKind;

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

/// max_i |(f_i − f̄) − (h_i − h̄)| over the points of positive weight a_i, with the
/// a-weighted means f̄, h̄ (the constant removed).
fn centred_diff(f: &[f64], h: &[f64], a: &[f64]) -> f64 {
    let fm: f64 = f.iter().zip(a).map(|(x, w)| x * w).sum::<f64>() / a.iter().sum::<f64>();
    let hm: f64 = h.iter().zip(a).map(|(x, w)| x * w).sum::<f64>() / a.iter().sum::<f64>();
    f.iter()
        .zip(h)
        .zip(a)
        .filter(|(_, &w)| w > 0.0)
        .map(|((x, y), _)| ((x - fm) - (y - hm)).abs())
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

/// The truncated solve of `cost` and its log-domain reference agree (potentials up to the
/// constant within `1e-3·ε`, dual within `1e-6·ε`), and the full plan's error is below the
/// reported bound and the tolerance.
#[track_caller]
fn check_against_reference(x: &Mat<f64>, y: &Mat<f64>, a: &[f64], b: &[f64], eps: f64) {
    let cost = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let r = reference(cost, a, b, eps, f64::INFINITY);
    let (t, _) =
        truncated::sinkhorn_truncated(cost, a, b, None, &truncated_params(eps, 1e-7)).unwrap();
    assert!(t.info.converged, "{:?}", t.info);
    let full = full_error(x, y, a, b, &t.f, &t.g, eps);
    assert!(
        full <= t.info.marginal_error * (1.0 + 1e-9) && full <= 1e-7,
        "{full:e}"
    );
    let df = centred_diff(&t.f, &r.f, a);
    let dg = centred_diff(&t.g, &r.g, b);
    assert!(df <= 1e-3 * eps && dg <= 1e-3 * eps, "{df:e} {dg:e}");
    assert!((t.info.dual - r.info.dual).abs() <= 1e-6 * eps);
}

#[test]
fn zero_weights_duplicate_points_and_unequal_sizes() {
    let (n, m) = (300, 170);
    let mut x = points(n, 2, 5);
    let y = points(m, 2, 6);
    // Every fifth point repeats the previous one; every seventh weight is zero.
    for i in (5..n).step_by(5) {
        for t in 0..2 {
            x[(i, t)] = x[(i - 1, t)];
        }
    }
    let mut a = weights(n, 7);
    for i in (0..n).step_by(7) {
        a[i] = 0.0;
    }
    let s: f64 = a.iter().sum();
    a.iter_mut().for_each(|v| *v /= s);
    let mut b = weights(m, 8);
    b[3] = 0.0;
    b[100] = 0.0;
    let s: f64 = b.iter().sum();
    b.iter_mut().for_each(|v| *v /= s);
    check_against_reference(&x, &y, &a, &b, 0.01);
    // The transposed problem.
    check_against_reference(&y, &x, &b, &a, 0.01);
}

#[test]
fn kl_penalties_agree_with_the_log_domain_path() {
    let (n, m) = (250, 300);
    let (x, y) = (points(n, 2, 31), points(m, 2, 32));
    let (a, b) = (weights(n, 33), weights(m, 34));
    let cost = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let eps = 0.01;
    let r = reference(cost, &a, &b, eps, 0.5);
    let p = Params {
        rho_a: 0.5,
        rho_b: 0.5,
        ..truncated_params(eps, 1e-8)
    };
    let (t, _) = truncated::sinkhorn_truncated(cost, &a, &b, None, &p).unwrap();
    assert!(t.info.converged, "{:?}", t.info);
    // Unbalanced: the potentials are unique (no additive constant).
    let df =
        t.f.iter()
            .zip(&r.f)
            .map(|(u, v)| (u - v).abs())
            .fold(0.0, f64::max);
    let dg =
        t.g.iter()
            .zip(&r.g)
            .map(|(u, v)| (u - v).abs())
            .fold(0.0, f64::max);
    assert!(df <= 1e-4 * eps && dg <= 1e-4 * eps, "{df:e} {dg:e}");
    assert!((t.info.dual - r.info.dual).abs() <= 1e-7 * eps);
}

#[test]
fn results_do_not_depend_on_the_thread_count_and_f32_agrees() {
    let (n, m) = (1500, 1300);
    let (x, y) = (points(n, 2, 41), points(m, 2, 42));
    let (a, b) = (weights(n, 43), weights(m, 44));
    let cost = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let eps = 2e-3;
    let p = truncated_params(eps, 1e-4);
    let (one, stages) = truncated::sinkhorn_truncated(cost, &a, &b, None, &p).unwrap();
    assert!(one.info.converged);
    for threads in [2, 3] {
        let q = Params {
            num_threads: threads,
            ..p
        };
        let (k, st) = truncated::sinkhorn_truncated(cost, &a, &b, None, &q).unwrap();
        assert_eq!(k.f, one.f, "{threads} threads");
        assert_eq!(k.g, one.g, "{threads} threads");
        assert_eq!(k.info, one.info, "{threads} threads");
        assert_eq!(st, stages);
    }
    // The sinkhorn entry point with Path::Truncated is the same solve.
    let s = sinkhorn::sinkhorn(cost, &a, &b, None, &p).unwrap();
    assert_eq!((s.f, s.info), (one.f.clone(), one.info));
    // f32: the same problem to the same tolerance; potentials within the f32 rounding.
    let to32 = |v: &[f64]| v.iter().map(|&x| x as f32).collect::<Vec<f32>>();
    let (x32, y32) = (
        Mat::from_fn(n, 2, |i, t| x[(i, t)] as f32),
        Mat::from_fn(m, 2, |j, t| y[(j, t)] as f32),
    );
    let c32 = Cost::SqEuclidean {
        x: x32.as_ref(),
        y: y32.as_ref(),
    };
    let (s32, _) = truncated::sinkhorn_truncated(c32, &to32(&a), &to32(&b), None, &p).unwrap();
    assert!(s32.info.converged, "{:?}", s32.info);
    let df = centred_diff(&s32.f, &one.f, &a);
    assert!(df <= 0.05 * eps, "{df:e}");
    // The arcs: the first stages run on clusters, and no stage stores more than a fifth of
    // the n·m pairs (the last, at the target ε, keeps about π·θ·ε·m per row).
    assert!(!stages[0].fine && stages[0].rows < n / 10, "{stages:?}");
    assert!(stages.iter().all(|s| s.arcs * 5 <= n * m), "{stages:?}");
    let full = full_error(&x, &y, &a, &b, &one.f, &one.g, eps);
    assert!(
        full <= one.info.marginal_error * (1.0 + 1e-9) && full <= 1e-4,
        "{full:e}"
    );
}

#[test]
fn the_reported_error_bounds_the_full_plan_even_with_a_coarse_truncation() {
    let (n, m) = (400, 400);
    let (x, y) = (points(n, 2, 51), points(m, 2, 52));
    let (a, b) = (weights(n, 53), weights(m, 54));
    let cost = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let eps = 0.01;
    for theta in [3.0, 6.0] {
        let p = Params {
            truncation: theta,
            max_iter: 300,
            ..truncated_params(eps, 1e-12)
        };
        let (t, _) = truncated::sinkhorn_truncated(cost, &a, &b, None, &p).unwrap();
        let full = full_error(&x, &y, &a, &b, &t.f, &t.g, eps);
        // The truncation leaves a visible error, below the reported bound.
        assert!(
            full > 1e-6 && full <= t.info.marginal_error * (1.0 + 1e-9),
            "θ = {theta}: {full:e} {:e}",
            t.info.marginal_error
        );
        assert!(!t.info.converged);
    }
}

#[test]
fn a_warm_start_from_the_solution_stops_at_once() {
    let (n, m) = (300, 280);
    let (x, y) = (points(n, 3, 61), points(m, 3, 62));
    let (a, b) = (weights(n, 63), weights(m, 64));
    let cost = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let p = truncated_params(0.01, 1e-8);
    let (s, _) = truncated::sinkhorn_truncated(cost, &a, &b, None, &p).unwrap();
    let q = Params {
        check_every: 1,
        ..p
    };
    let (w, stages) = truncated::sinkhorn_truncated(cost, &a, &b, Some((&s.f, &s.g)), &q).unwrap();
    assert!(w.info.converged && w.info.iterations <= 2, "{:?}", w.info);
    assert!(stages.iter().all(|s| s.fine));
    assert!(centred_diff(&w.f, &s.f, &a) <= 1e-6 * 0.01);
}

#[test]
fn refusals_name_the_reason_and_leave_the_potentials() {
    let (x, y) = (points(20, 2, 71), points(20, 2, 72));
    let x4 = points(20, 4, 73);
    let (a, b) = (weights(20, 74), weights(20, 75));
    let c = Mat::from_fn(20, 20, |i, j| (i as f64 - j as f64).powi(2));
    let pts = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let p = truncated_params(0.01, 1e-6);
    let cases: [(Cost<'_, f64>, Params, ErrorKind, &str); 6] = [
        (
            Cost::Dense(c.as_ref()),
            p,
            ErrorKind::InvalidArgument,
            "point clouds",
        ),
        (
            Cost::SqEuclidean {
                x: x4.as_ref(),
                y: x4.as_ref(),
            },
            p,
            ErrorKind::InvalidArgument,
            "dimension 4",
        ),
        (
            pts,
            Params {
                symmetric: true,
                ..p
            },
            ErrorKind::InvalidArgument,
            "symmetric",
        ),
        (
            pts,
            Params {
                over_relaxation: 1.5,
                ..p
            },
            ErrorKind::InvalidArgument,
            "over_relaxation",
        ),
        (
            pts,
            Params {
                truncation: -1.0,
                ..p
            },
            ErrorKind::InvalidArgument,
            "truncation",
        ),
        (
            pts,
            Params {
                kernel_memory_cap: 1000,
                ..p
            },
            ErrorKind::OutOfMemory,
            "kernel_memory_cap",
        ),
    ];
    for (cost, p, kind, words) in cases {
        let (mut f, mut g) = (vec![-7.0; 20], vec![-7.0; 20]);
        let stack_req = sinkhorn::sinkhorn_scratch::<f64>(20, 20, 2, &p);
        let e = otcore::workspace::with_stack(stack_req, |stack| {
            sinkhorn::sinkhorn_in_place(cost, &a, &b, &mut f, &mut g, &p, otcore::Par::Seq, stack)
        })
        .unwrap()
        .unwrap_err();
        assert_eq!(e.kind, kind, "{e}");
        assert!(e.to_string().contains(words), "{e}");
        assert!(f.iter().chain(&g).all(|&v| v == -7.0), "{e}");
    }
}

/// A schedule of 2^64 − 1 intermediate ε stops at the iteration cap (and at a refusal of
/// stages without iterations) on every path: each solve runs in a thread that must answer
/// within a minute (before the fix the truncated path visited every remaining stage).
#[test]
fn a_schedule_longer_than_the_cap_ends_at_the_cap_on_every_path() {
    let (n, m) = (40, 30);
    let (x, y) = (points(n, 2, 81), points(m, 2, 82));
    let (a, b) = (weights(n, 83), weights(m, 84));
    let c = Mat::from_fn(n, m, |i, j| {
        (0..2).map(|t| (x[(i, t)] - y[(j, t)]).powi(2)).sum::<f64>()
    });
    for path in [Path::Truncated, Path::LogDomain, Path::Kernel] {
        let (x, y, a, b, c) = (x.clone(), y.clone(), a.clone(), b.clone(), c.clone());
        let (send, recv) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let cost = match path {
                Path::Truncated => Cost::SqEuclidean {
                    x: x.as_ref(),
                    y: y.as_ref(),
                },
                _ => Cost::Dense(c.as_ref()),
            };
            let long = Scaling {
                steps: usize::MAX,
                iters_per_step: 1,
                start: 1.0,
            };
            let p = Params {
                max_iter: 4,
                scaling: long,
                path,
                ..truncated_params(0.01, 1e-9)
            };
            let capped = sinkhorn::sinkhorn(cost, &a, &b, None, &p).map(|s| s.info);
            let empty = Params {
                scaling: Scaling {
                    iters_per_step: 0,
                    ..long
                },
                ..p
            };
            let refused = sinkhorn::sinkhorn(cost, &a, &b, None, &empty).map(|s| s.info);
            send.send((capped, refused)).unwrap();
        });
        let (capped, refused) = recv
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("{path:?}: the solve did not end at its cap"));
        let info = capped.unwrap();
        assert_eq!(
            (info.eps_steps, info.scaling_iterations, info.iterations),
            (4, 4, 0),
            "{path:?}: {info:?}"
        );
        assert!(!info.converged);
        let err = refused.unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidArgument, "{path:?}");
        assert!(err.message.contains("eps_scaling iters"), "{}", err.message);
    }
}
