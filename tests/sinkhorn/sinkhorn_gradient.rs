//! Gradients of OT_ε and of the Sinkhorn divergence in the points and the weights against
//! central finite differences of the values (each re-solved to 1e-13), for balanced, KL and
//! TV marginals; the divergence's gradient vanishing at a = b; shapes and bad inputs.

use super::sinkhorn::lcg;
use faer::Mat;
use otcore::sinkhorn::{
    self, divergence, divergence_gradient, ot_gradient, ot_gradient_in_place, ot_gradient_scratch,
    Cost, Gradients, Params, Penalty, Scaling,
};
use otcore::{ErrorKind, Par};

fn cloud(n: usize, d: usize, shift: f64, seed: u64) -> (Mat<f64>, Vec<f64>) {
    let mut r = lcg(seed);
    let x = Mat::from_fn(n, d, |_, t| r() + if t == 0 { shift } else { 0.0 });
    let w: Vec<f64> = (0..n).map(|_| 0.5 + r()).collect();
    let s: f64 = w.iter().sum();
    (x, w.iter().map(|v| v / s).collect())
}

fn params(eps: f64, rho: f64, penalty: Penalty) -> Params {
    Params {
        epsilon: eps,
        rho_a: rho,
        rho_b: rho,
        max_iter: 1_000_000,
        tolerance: 1e-14,
        check_every: 1,
        scaling: Scaling::default(),
        num_threads: 1,
        penalty,
        ..Params::default()
    }
}

/// OT_ε(a, b) between the clouds: the dual value of a tight solve.
fn ot_value(x: &Mat<f64>, y: &Mat<f64>, a: &[f64], b: &[f64], p: &Params) -> f64 {
    let cost = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let s = sinkhorn::sinkhorn(cost, a, b, None, p).unwrap();
    assert!(s.info.converged && s.info.omega == 1.0, "{:?}", s.info);
    s.info.dual
}

fn div_value(x: &Mat<f64>, y: &Mat<f64>, a: &[f64], b: &[f64], p: &Params) -> f64 {
    let d = divergence(x.as_ref(), y.as_ref(), a, b, p).unwrap();
    assert!(d.infos.iter().all(|i| i.converged));
    d.value
}

type Value<'a> = &'a dyn Fn(&Mat<f64>, &Mat<f64>, &[f64], &[f64]) -> f64;

/// Compares the gradients with central differences (step h) of `value` in every coordinate
/// and, when `free_mass`, every weight (otherwise along the mass-preserving e_i − e_0).
#[allow(clippy::too_many_arguments)]
fn check_fd(
    value: Value<'_>,
    x: &Mat<f64>,
    y: &Mat<f64>,
    a: &[f64],
    b: &[f64],
    gx: &Mat<f64>,
    gy: &Mat<f64>,
    ga: &[f64],
    gb: &[f64],
    free_mass: bool,
    tol: f64,
) {
    let h = 1e-5;
    let close = |fd: f64, an: f64, what: &str| {
        assert!(
            (fd - an).abs() <= tol * (1.0 + an.abs()),
            "{what}: finite difference {fd} vs gradient {an}"
        );
    };
    for (pts, grad, first) in [(x, gx, true), (y, gy, false)] {
        for i in 0..pts.nrows() {
            for t in 0..pts.ncols() {
                let mut p = pts.clone();
                p[(i, t)] += h;
                let hi = if first {
                    value(&p, y, a, b)
                } else {
                    value(x, &p, a, b)
                };
                p[(i, t)] -= 2.0 * h;
                let lo = if first {
                    value(&p, y, a, b)
                } else {
                    value(x, &p, a, b)
                };
                let what = format!("{} point {i} coordinate {t}", if first { "x" } else { "y" });
                close((hi - lo) / (2.0 * h), grad[(i, t)], &what);
            }
        }
    }
    for (w, grad, first) in [(a, ga, true), (b, gb, false)] {
        for i in 0..w.len() {
            if !free_mass && i == 0 {
                continue;
            }
            let shifted = |s: f64| {
                let mut v = w.to_vec();
                v[i] += s;
                if !free_mass {
                    v[0] -= s;
                }
                if first {
                    value(x, y, &v, b)
                } else {
                    value(x, y, a, &v)
                }
            };
            let fd = (shifted(h) - shifted(-h)) / (2.0 * h);
            let an = if free_mass {
                grad[i]
            } else {
                grad[i] - grad[0]
            };
            close(
                fd,
                an,
                &format!("{} weight {i}", if first { "a" } else { "b" }),
            );
        }
    }
}

#[test]
fn ot_gradients_match_finite_differences() {
    let (x, a) = cloud(7, 2, 0.0, 1);
    let (y, b1) = cloud(6, 2, 0.3, 2);
    // With equal masses a TV value has a kink in the total mass (its potentials are then
    // defined up to (f + c, g − c)): the unbalanced cases get a heavier b.
    let b13: Vec<f64> = b1.iter().map(|w| 1.3 * w).collect();
    for (rho, penalty, free) in [
        (f64::INFINITY, Penalty::Kl, false),
        (0.5, Penalty::Kl, true),
        (0.2, Penalty::Tv, true),
    ] {
        let b = if free { &b13 } else { &b1 };
        let p = params(0.1, rho, penalty);
        let s = sinkhorn::sinkhorn(
            Cost::SqEuclidean {
                x: x.as_ref(),
                y: y.as_ref(),
            },
            &a,
            b,
            None,
            &p,
        )
        .unwrap();
        let g = ot_gradient(x.as_ref(), y.as_ref(), &a, b, &s.f, &s.g, &p).unwrap();
        let value = |x: &Mat<f64>, y: &Mat<f64>, a: &[f64], b: &[f64]| ot_value(x, y, a, b, &p);
        check_fd(&value, &x, &y, &a, b, &g.x, &g.y, &g.a, &g.b, free, 1e-6);
    }
}

/// Adaptive over-relaxation (over_relaxation = 0) stays plain with a TV penalty: on the
/// perturbed problems of the finite differences above, the contraction-rate rule picked
/// ω ≈ 1.34 and stalled (L1 error 0.29 after 2·10⁴ iterations, still after 10⁶) where plain
/// iterations converge.
#[test]
fn adaptive_over_relaxation_converges_with_a_tv_penalty() {
    let (x, a) = cloud(7, 2, 0.0, 1);
    let (y, b1) = cloud(6, 2, 0.3, 2);
    let b: Vec<f64> = b1.iter().map(|w| 1.3 * w).collect();
    let p = Params {
        over_relaxation: 0.0,
        max_iter: 20_000,
        ..params(0.1, 0.2, Penalty::Tv)
    };
    for i in 0..x.nrows() {
        for t in 0..2 {
            for h in [1e-5, -1e-5] {
                let mut xp = x.clone();
                xp[(i, t)] += h;
                let cost = Cost::SqEuclidean {
                    x: xp.as_ref(),
                    y: y.as_ref(),
                };
                let s = sinkhorn::sinkhorn(cost, &a, &b, None, &p).unwrap();
                assert!(s.info.converged && s.info.omega == 1.0, "{:?}", s.info);
            }
        }
    }
}

#[test]
fn divergence_gradients_match_finite_differences() {
    let (x, a) = cloud(6, 2, 0.0, 3);
    let (y, b) = cloud(5, 2, 0.4, 4);
    // TV: the self terms OT_ε(a, a) have equal masses, so only mass-preserving changes of the
    // weights have a derivative (see above).
    for (rho, penalty, free) in [
        (f64::INFINITY, Penalty::Kl, false),
        (0.7, Penalty::Kl, true),
        (0.3, Penalty::Tv, false),
    ] {
        let p = params(0.1, rho, penalty);
        let (div, g) = divergence_gradient(x.as_ref(), y.as_ref(), &a, &b, &p).unwrap();
        assert!((div.value - div_value(&x, &y, &a, &b, &p)).abs() <= 1e-14);
        let value = |x: &Mat<f64>, y: &Mat<f64>, a: &[f64], b: &[f64]| div_value(x, y, a, b, &p);
        check_fd(&value, &x, &y, &a, &b, &g.x, &g.y, &g.a, &g.b, free, 1e-6);
    }
}

#[test]
fn the_divergence_gradient_vanishes_at_its_minimum() {
    // S(a, b) ≥ 0 with equality at (y, b) = (x, a): the gradient is zero there.
    let (x, a) = cloud(8, 3, 0.0, 5);
    for rho in [f64::INFINITY, 1.0] {
        let p = params(0.05, rho, Penalty::Kl);
        let (div, g) = divergence_gradient(x.as_ref(), x.as_ref(), &a, &a, &p).unwrap();
        assert!(div.value.abs() <= 1e-12, "{}", div.value);
        let big =
            g.x.col_iter()
                .chain(g.y.col_iter())
                .flat_map(|c| c.iter().copied().collect::<Vec<_>>())
                .chain(g.a.iter().chain(&g.b).copied())
                .fold(0.0f64, |m, v| m.max(v.abs()));
        // Balanced: the weight gradient is a constant (only mass-preserving moves count).
        let spread = if rho.is_infinite() {
            let (lo, hi) =
                g.a.iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
                        (l.min(v), h.max(v))
                    });
            assert!(hi - lo <= 1e-10);
            g.x.col_iter()
                .chain(g.y.col_iter())
                .flat_map(|c| c.iter().copied().collect::<Vec<_>>())
                .fold(0.0f64, |m, v| m.max(v.abs()))
        } else {
            big
        };
        assert!(spread <= 1e-10, "rho {rho}: {spread}");
    }
}

#[test]
fn f32_gradients_follow_the_f64_ones() {
    let (x, a) = cloud(9, 2, 0.0, 6);
    let (y, b) = cloud(7, 2, 0.2, 7);
    let p = params(0.1, 0.5, Penalty::Kl);
    let mut p32 = p;
    p32.tolerance = 1e-6;
    let (_, g) = divergence_gradient(x.as_ref(), y.as_ref(), &a, &b, &p).unwrap();
    let x32 = Mat::from_fn(9, 2, |i, t| x[(i, t)] as f32);
    let y32 = Mat::from_fn(7, 2, |i, t| y[(i, t)] as f32);
    let a32: Vec<f32> = a.iter().map(|&v| v as f32).collect();
    let b32: Vec<f32> = b.iter().map(|&v| v as f32).collect();
    let (_, g32) = divergence_gradient(x32.as_ref(), y32.as_ref(), &a32, &b32, &p32).unwrap();
    for i in 0..9 {
        for t in 0..2 {
            assert!((g32.x[(i, t)] as f64 - g.x[(i, t)]).abs() <= 1e-4);
        }
        assert!((g32.a[i] - g.a[i]).abs() <= 1e-4);
    }
}

#[test]
fn bad_shapes_and_inputs_are_rejected_before_any_output_is_written() {
    let (x, a) = cloud(4, 2, 0.0, 8);
    let (y, b) = cloud(3, 2, 0.0, 9);
    let p = params(0.1, f64::INFINITY, Penalty::Kl);
    let (f, g) = (vec![0.0; 4], vec![0.0; 3]);
    let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); 1 << 16];
    let mut run = |gx: &mut Mat<f64>, ga: &mut [f64], f: &[f64], eps: f64| {
        let mut q = p;
        q.epsilon = eps;
        let out = Gradients {
            x: Some(gx.as_mut()),
            y: None,
            a: Some(ga),
            b: None,
        };
        let stack = otcore::MemStack::new(&mut buf);
        ot_gradient_in_place(
            x.as_ref(),
            y.as_ref(),
            &a,
            &b,
            f,
            &g,
            &q,
            out,
            Par::Seq,
            stack,
        )
        .unwrap_err()
    };
    let untouched = |gx: &Mat<f64>, ga: &[f64]| {
        gx.col_iter().all(|c| c.iter().all(|&v| v == 7.0)) && ga.iter().all(|&v| v == 7.0)
    };
    let mut gx = Mat::from_fn(4, 3, |_, _| 7.0);
    let mut ga = vec![7.0; 4];
    let e = run(&mut gx, &mut ga, &f, 0.1);
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    assert!(e.message.contains("gradient in x is 4x3"), "{}", e.message);
    assert!(untouched(&gx, &ga));
    let mut gx = Mat::from_fn(4, 2, |_, _| 7.0);
    let e = run(&mut gx, &mut ga[..3], &f, 0.1);
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    assert!(untouched(&gx, &ga));
    let e = run(&mut gx, &mut ga, &[0.0, f64::NAN, 0.0, 0.0], 0.1);
    assert_eq!(e.kind, ErrorKind::NonFinite);
    assert!(e.message.contains("f[1]"), "{}", e.message);
    assert!(untouched(&gx, &ga));
    let e = run(&mut gx, &mut ga, &f, -1.0);
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    assert!(untouched(&gx, &ga));
    // Too small a workspace.
    let mut small = vec![std::mem::MaybeUninit::<u8>::uninit(); 8];
    let stack = otcore::MemStack::new(&mut small);
    let out = Gradients {
        x: Some(gx.as_mut()),
        ..Gradients::default()
    };
    let e = ot_gradient_in_place(
        x.as_ref(),
        y.as_ref(),
        &a,
        &b,
        &f,
        &g,
        &p,
        out,
        Par::Seq,
        stack,
    );
    assert_eq!(e.unwrap_err().kind, ErrorKind::WorkspaceTooSmall);
    assert!(ot_gradient_scratch::<f64>(4, 3, 2).size_bytes() > 8);
    assert!(untouched(&gx, &ga));
}
