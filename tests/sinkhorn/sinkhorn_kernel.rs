//! The stored-kernel Sinkhorn path against the log-domain path (itself checked against a
//! scalar reference, brute force and POT in tests/sinkhorn/sinkhorn.rs): same potentials after the
//! same iterations, same converged solutions (balanced and unbalanced, f64 and f32, dense
//! layouts and point clouds, warm starts, ε-scaling, the divergence), the fall-back where the
//! kernel underflows, the memory cap, thread invariance, and over-relaxation.

use super::sinkhorn::lcg;
use faer::Mat;
use otcore::sinkhorn::{self, Cost, Params, Path, Scaling};
use otcore::ErrorKind;

fn points(n: usize, d: usize, seed: u64, offset: f64) -> Mat<f64> {
    let mut r = lcg(seed);
    Mat::from_fn(n, d, |_, _| offset + r())
}

fn weights(n: usize, seed: u64) -> Vec<f64> {
    let mut r = lcg(seed);
    let w: Vec<f64> = (0..n).map(|_| 0.2 + r()).collect();
    let s: f64 = w.iter().sum();
    w.iter().map(|x| x / s).collect()
}

fn sqdist(x: &Mat<f64>, y: &Mat<f64>) -> Mat<f64> {
    Mat::from_fn(x.nrows(), y.nrows(), |i, j| {
        (0..x.ncols())
            .map(|t| (x[(i, t)] - y[(j, t)]).powi(2))
            .sum()
    })
}

fn max_diff(x: &[f64], y: &[f64]) -> f64 {
    x.iter()
        .zip(y)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max)
}

fn with_path(p: &Params, path: Path) -> Params {
    Params { path, ..*p }
}

fn to32(x: &[f64]) -> Vec<f32> {
    x.iter().map(|&v| v as f32).collect()
}

/// Both paths, same fixed number of iterations: the same sequence of potentials, so the same
/// values to rounding (f64: 1e-12 of ε-units; f32: the exponent rounding of both paths).
#[test]
fn the_kernel_path_reproduces_the_log_domain_iterates() {
    let (n, m) = (300, 270); // two row chunks, several column tiles
    let (x, y) = (points(n, 2, 1, 0.0), points(m, 2, 2, 0.0));
    let (a, b) = (weights(n, 3), weights(m, 4));
    let c = sqdist(&x, &y);
    let ct = Mat::from_fn(m, n, |j, i| c[(i, j)]);
    let pts = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    for rho in [
        (f64::INFINITY, f64::INFINITY),
        (0.5, f64::INFINITY),
        (0.3, 0.7),
    ] {
        for cost in [Cost::Dense(c.as_ref()), Cost::Dense(ct.transpose()), pts] {
            let p = Params {
                epsilon: 0.02,
                rho_a: rho.0,
                rho_b: rho.1,
                max_iter: 40,
                tolerance: 0.0,
                num_threads: 1,
                ..Params::default()
            };
            let lg =
                sinkhorn::sinkhorn(cost, &a, &b, None, &with_path(&p, Path::LogDomain)).unwrap();
            let kr = sinkhorn::sinkhorn(cost, &a, &b, None, &with_path(&p, Path::Kernel)).unwrap();
            assert_eq!(lg.info.path, Path::LogDomain);
            assert_eq!(kr.info.path, Path::Kernel);
            assert!(kr.info.kernel_builds >= 1 && kr.info.log_iterations == 0);
            assert_eq!(kr.info.iterations, 40);
            let d = max_diff(&lg.f, &kr.f).max(max_diff(&lg.g, &kr.g));
            assert!(d < 1e-12, "rho {rho:?}: potentials differ by {d}");
            let rel =
                (lg.info.marginal_error - kr.info.marginal_error).abs() / lg.info.marginal_error;
            assert!(rel < 1e-6, "{:?} vs {:?}", lg.info, kr.info);
            assert!((lg.info.dual - kr.info.dual).abs() < 1e-12);
            // The automatic choice stores the kernel of a dense cost (it fits the default cap)
            // and keeps point clouds on the log-domain passes (their O((n + m)·d) memory).
            let auto = sinkhorn::sinkhorn(cost, &a, &b, None, &p).unwrap();
            let dense = matches!(cost, Cost::Dense(_));
            let expected = if dense { Path::Kernel } else { Path::LogDomain };
            assert_eq!(auto.info.path, expected);
            // f32: both paths carry the f32 rounding of exponents ~ |f/ε| ~ 1e2.
            let (a32, b32) = (to32(&a), to32(&b));
            let c32 = Mat::from_fn(n, m, |i, j| c[(i, j)] as f32);
            let c32 = Cost::Dense(c32.as_ref());
            let lg32 =
                sinkhorn::sinkhorn(c32, &a32, &b32, None, &with_path(&p, Path::LogDomain)).unwrap();
            let kr32 =
                sinkhorn::sinkhorn(c32, &a32, &b32, None, &with_path(&p, Path::Kernel)).unwrap();
            assert_eq!(kr32.info.path, Path::Kernel);
            let d = max_diff(&lg32.f, &kr32.f).max(max_diff(&lg32.g, &kr32.g));
            assert!(d < 2e-5, "f32 rho {rho:?}: potentials differ by {d}");
            let d = max_diff(&lg.f, &kr32.f).max(max_diff(&lg.g, &kr32.g));
            assert!(d < 2e-5, "f32 against f64: {d}");
        }
    }
}

/// Converged solves (tolerance 1e-10) agree: potentials to 1e-8 after removing the additive
/// constant (balanced), the dual to 1e-10, for cold and warm starts and with ε-scaling.
#[test]
fn converged_solutions_agree_cold_warm_and_with_scaling() {
    let (n, m) = (120, 90);
    let (x, y) = (points(n, 2, 11, 0.0), points(m, 2, 12, 0.0));
    let (a, b) = (weights(n, 13), weights(m, 14));
    let c = sqdist(&x, &y);
    let cost = Cost::Dense(c.as_ref());
    for rho in [f64::INFINITY, 0.4] {
        let base = Params {
            epsilon: 0.005,
            rho_a: rho,
            rho_b: rho,
            tolerance: 1e-10,
            max_iter: 50_000,
            num_threads: 1,
            ..Params::default()
        };
        let lg =
            sinkhorn::sinkhorn(cost, &a, &b, None, &with_path(&base, Path::LogDomain)).unwrap();
        assert!(lg.info.converged);
        let scaled = Params {
            scaling: Scaling {
                steps: 4,
                start: 1.0,
                iters_per_step: 10,
            },
            ..base
        };
        for p in [base, scaled] {
            let kr = sinkhorn::sinkhorn(cost, &a, &b, None, &with_path(&p, Path::Kernel)).unwrap();
            assert!(
                kr.info.converged && kr.info.marginal_error <= 1e-10,
                "{:?}",
                kr.info
            );
            assert_eq!(kr.info.path, Path::Kernel);
            if p.scaling.steps > 0 {
                assert_eq!(kr.info.scaling_iterations, 40);
                assert!(kr.info.kernel_builds >= 5, "one build per ε: {:?}", kr.info);
            }
            let shift = if rho.is_infinite() {
                kr.f[0] - lg.f[0]
            } else {
                0.0
            };
            let f: Vec<f64> = kr.f.iter().map(|v| v - shift).collect();
            let g: Vec<f64> = kr.g.iter().map(|v| v + shift).collect();
            let d = max_diff(&f, &lg.f).max(max_diff(&g, &lg.g));
            assert!(d < 1e-8, "rho {rho}: {d}");
            assert!((kr.info.dual - lg.info.dual).abs() < 1e-10);
            // Warm start from the solution: converged at the first check, no absorption.
            let w = Params {
                check_every: 1,
                scaling: Scaling::default(),
                ..p
            };
            let warm = sinkhorn::sinkhorn(cost, &a, &b, Some((&kr.f, &kr.g)), &w).unwrap();
            assert!(
                warm.info.converged && warm.info.iterations == 1,
                "{:?}",
                warm.info
            );
        }
    }
}

/// A cold start where every kernel entry underflows (costs ≥ 8, ε = 0.01: exponents below
/// −800): the kernel path runs log-domain iterations first, then stores the kernel, and
/// reaches the log-domain solution. f64 and f32.
#[test]
fn an_underflowing_kernel_falls_back_to_log_domain_iterations() {
    let (n, m) = (60, 50);
    let (x, y) = (points(n, 2, 21, 0.0), points(m, 2, 22, 3.0));
    let (a, b) = (weights(n, 23), weights(m, 24));
    let c = sqdist(&x, &y);
    assert!(c
        .col_iter()
        .flat_map(|col| col.iter().copied().collect::<Vec<_>>())
        .all(|v| v >= 8.0));
    let p = Params {
        epsilon: 0.01,
        tolerance: 1e-9,
        max_iter: 20_000,
        num_threads: 1,
        ..Params::default()
    };
    let cost = Cost::Dense(c.as_ref());
    let lg = sinkhorn::sinkhorn(cost, &a, &b, None, &with_path(&p, Path::LogDomain)).unwrap();
    let kr = sinkhorn::sinkhorn(cost, &a, &b, None, &p).unwrap();
    assert!(lg.info.converged && kr.info.converged, "{:?}", kr.info);
    assert_eq!(kr.info.path, Path::Kernel);
    assert!(kr.info.log_iterations >= 1, "{:?}", kr.info);
    assert!(kr.info.log_iterations < kr.info.iterations, "{:?}", kr.info);
    let shift = kr.f[0] - lg.f[0];
    let f: Vec<f64> = kr.f.iter().map(|v| v - shift).collect();
    let g: Vec<f64> = kr.g.iter().map(|v| v + shift).collect();
    assert!(max_diff(&f, &lg.f).max(max_diff(&g, &lg.g)) < 1e-7);
    let c32 = Mat::from_fn(n, m, |i, j| c[(i, j)] as f32);
    let (a32, b32) = (to32(&a), to32(&b));
    let p32 = Params {
        tolerance: 1e-5,
        ..p
    };
    let kr32 = sinkhorn::sinkhorn(Cost::Dense(c32.as_ref()), &a32, &b32, None, &p32).unwrap();
    assert!(
        kr32.info.converged && kr32.info.log_iterations >= 1,
        "{:?}",
        kr32.info
    );
    let shift = kr32.f[0] - lg.f[0];
    let f: Vec<f64> = kr32.f.iter().map(|v| v - shift).collect();
    assert!(max_diff(&f, &lg.f) < 1e-4);
}

/// The memory cap and the workspace choose the path; bad options are refused with the
/// outputs untouched.
#[test]
fn memory_cap_workspace_and_bad_options() {
    let (n, m) = (30, 20);
    let (x, y) = (points(n, 2, 31, 0.0), points(m, 2, 32, 0.0));
    let (a, b) = (weights(n, 33), weights(m, 34));
    let c = sqdist(&x, &y);
    let cost = Cost::Dense(c.as_ref());
    let p = Params {
        epsilon: 0.05,
        num_threads: 1,
        ..Params::default()
    };
    let capped = Params {
        kernel_memory_cap: n * m * 8 - 1,
        ..p
    };
    let s = sinkhorn::sinkhorn(cost, &a, &b, None, &capped).unwrap();
    assert_eq!(s.info.path, Path::LogDomain);
    let small = sinkhorn::sinkhorn_scratch::<f64>(n, m, 0, &capped);
    let full = sinkhorn::sinkhorn_scratch::<f64>(n, m, 0, &p);
    let bytes = |r| otcore::workspace::bytes_for(r).unwrap();
    assert!(bytes(full) >= bytes(small) + n * m * 8);
    // A workspace without room for the kernel: Auto runs log-domain, Kernel refuses.
    let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); bytes(small)];
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    let info = sinkhorn::sinkhorn_in_place(
        cost,
        &a,
        &b,
        &mut f,
        &mut g,
        &p,
        otcore::Par::Seq,
        otcore::MemStack::new(&mut buf),
    )
    .unwrap();
    assert_eq!(info.path, Path::LogDomain);
    let (mut f, mut g) = (vec![7.0; n], vec![7.0; m]);
    let e = sinkhorn::sinkhorn_in_place(
        cost,
        &a,
        &b,
        &mut f,
        &mut g,
        &with_path(&p, Path::Kernel),
        otcore::Par::Seq,
        otcore::MemStack::new(&mut buf),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::WorkspaceTooSmall);
    assert!(f.iter().chain(&g).all(|&v| v == 7.0));
    for (bad, what) in [
        (
            Params {
                over_relaxation: 2.0,
                ..p
            },
            "over_relaxation",
        ),
        (
            Params {
                over_relaxation: -0.5,
                ..p
            },
            "over_relaxation",
        ),
        (
            Params {
                over_relaxation: f64::NAN,
                ..p
            },
            "over_relaxation",
        ),
        (
            Params {
                symmetric: true,
                path: Path::Kernel,
                ..p
            },
            "symmetric",
        ),
    ] {
        let (mut f, mut g) = (vec![7.0; n], vec![7.0; m]);
        let req = sinkhorn::sinkhorn_scratch::<f64>(n, m, 0, &p);
        let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); bytes(req)];
        let e = sinkhorn::sinkhorn_in_place(
            cost,
            &a,
            &b,
            &mut f,
            &mut g,
            &bad,
            otcore::Par::Seq,
            otcore::MemStack::new(&mut buf),
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert!(e.to_string().contains(what), "{e}");
        assert!(f.iter().chain(&g).all(|&v| v == 7.0));
    }
}

/// Bitwise identical results for 1, 2, 3 threads on the kernel path (three row chunks, the
/// column sums reduced in chunk order), with and without adaptive over-relaxation.
#[test]
fn kernel_results_are_bitwise_identical_for_1_2_3_threads() {
    let (n, m) = (700, 1300);
    let (x, y) = (points(n, 2, 41, 0.0), points(m, 2, 42, 0.0));
    let (a, b) = (weights(n, 43), weights(m, 44));
    let c = sqdist(&x, &y);
    for omega in [1.0, 0.0] {
        let run = |k| {
            let p = Params {
                epsilon: 0.01,
                max_iter: 60,
                tolerance: 0.0,
                over_relaxation: omega,
                num_threads: k,
                ..Params::default()
            };
            sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap()
        };
        let one = run(1);
        assert_eq!(one.info.path, Path::Kernel);
        for k in [2, 3] {
            let s = run(k);
            assert!(s
                .f
                .iter()
                .zip(&one.f)
                .all(|(x, y)| x.to_bits() == y.to_bits()));
            assert!(s
                .g
                .iter()
                .zip(&one.g)
                .all(|(x, y)| x.to_bits() == y.to_bits()));
            assert_eq!(s.info.dual.to_bits(), one.info.dual.to_bits());
            assert_eq!(s.info.omega.to_bits(), one.info.omega.to_bits());
        }
    }
}

/// Over-relaxation keeps the fixed point and, on a slowly converging problem (small ε),
/// reaches the tolerance in fewer iterations: adaptive ω and a fixed ω = 1.5, both paths.
#[test]
fn over_relaxation_keeps_the_fixed_point_in_fewer_iterations() {
    let (n, m) = (150, 140);
    let (x, y) = (points(n, 2, 51, 0.0), points(m, 2, 52, 0.0));
    let (a, b) = (weights(n, 53), weights(m, 54));
    let c = sqdist(&x, &y);
    let cost = Cost::Dense(c.as_ref());
    let base = Params {
        epsilon: 0.002,
        tolerance: 1e-9,
        max_iter: 100_000,
        num_threads: 1,
        ..Params::default()
    };
    let plain = sinkhorn::sinkhorn(cost, &a, &b, None, &base).unwrap();
    assert!(plain.info.converged && plain.info.omega == 1.0);
    for path in [Path::Kernel, Path::LogDomain] {
        for omega in [0.0, 1.5] {
            let p = Params {
                over_relaxation: omega,
                path,
                ..base
            };
            let s = sinkhorn::sinkhorn(cost, &a, &b, None, &p).unwrap();
            assert!(s.info.converged, "{:?}", s.info);
            assert!(
                2 * s.info.iterations < plain.info.iterations,
                "omega {omega} {path:?}: {} iterations, plain {}",
                s.info.iterations,
                plain.info.iterations
            );
            assert!(s.info.omega > 1.0, "{:?}", s.info);
            let shift = s.f[0] - plain.f[0];
            let f: Vec<f64> = s.f.iter().map(|v| v - shift).collect();
            let g: Vec<f64> = s.g.iter().map(|v| v + shift).collect();
            let d = max_diff(&f, &plain.f).max(max_diff(&g, &plain.g));
            assert!(d < 1e-6, "omega {omega} {path:?}: {d}");
            assert!((s.info.dual - plain.info.dual).abs() < 1e-8);
        }
    }
}

/// The Sinkhorn divergence is the same on both paths.
#[test]
fn the_divergence_agrees_on_both_paths() {
    let (n, m) = (80, 70);
    let (x, y) = (points(n, 2, 61, 0.0), points(m, 2, 62, 0.2));
    let (a, b) = (weights(n, 63), weights(m, 64));
    for rho in [f64::INFINITY, 1.0] {
        let p = Params {
            epsilon: 0.01,
            rho_a: rho,
            rho_b: rho,
            tolerance: 1e-11,
            max_iter: 50_000,
            num_threads: 1,
            ..Params::default()
        };
        let lg = sinkhorn::divergence(
            x.as_ref(),
            y.as_ref(),
            &a,
            &b,
            &with_path(&p, Path::LogDomain),
        )
        .unwrap();
        let kr = sinkhorn::divergence(x.as_ref(), y.as_ref(), &a, &b, &with_path(&p, Path::Kernel))
            .unwrap();
        assert!(kr
            .infos
            .iter()
            .all(|i| i.path == Path::Kernel && i.converged));
        assert!(lg.infos.iter().all(|i| i.path == Path::LogDomain));
        assert!(lg.value > 1e-3);
        assert!(
            (lg.value - kr.value).abs() < 1e-9 * lg.value.max(1.0),
            "{} {}",
            lg.value,
            kr.value
        );
    }
}
