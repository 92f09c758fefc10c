//! Log-domain Sinkhorn against independent references: a plain scalar f64 implementation,
//! brute force over permutations, closed forms of unbalanced problems, POT fixtures.

use faer::Mat;
use otcore::sinkhorn::{self, Cost, Params, Scaling};

pub(crate) fn lcg(seed: u64) -> impl FnMut() -> f64 {
    let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    move || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    }
}

pub(crate) fn points(n: usize, d: usize, seed: u64) -> Mat<f64> {
    let mut r = lcg(seed);
    Mat::from_fn(n, d, |_, _| r())
}

pub(crate) fn weights(n: usize, seed: u64) -> Vec<f64> {
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

fn lse(xs: impl Iterator<Item = f64> + Clone) -> f64 {
    let m = xs.clone().fold(f64::NEG_INFINITY, f64::max);
    m + xs.map(|x| (x - m).exp()).sum::<f64>().ln()
}

/// Plain scalar log-domain Sinkhorn (alternating), `iters` iterations from zero potentials.
fn reference(
    c: &Mat<f64>,
    a: &[f64],
    b: &[f64],
    eps: f64,
    rho: (f64, f64),
    iters: usize,
) -> (Vec<f64>, Vec<f64>) {
    let (n, m) = (c.nrows(), c.ncols());
    let k = |r: f64| if r.is_infinite() { 1.0 } else { r / (r + eps) };
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    for _ in 0..iters {
        for i in 0..n {
            f[i] = -k(rho.0) * eps * lse((0..m).map(|j| (g[j] - c[(i, j)]) / eps + b[j].ln()));
        }
        for j in 0..m {
            g[j] = -k(rho.1) * eps * lse((0..n).map(|i| (f[i] - c[(i, j)]) / eps + a[i].ln()));
        }
    }
    (f, g)
}

fn plan(c: &Mat<f64>, a: &[f64], b: &[f64], f: &[f64], g: &[f64], eps: f64) -> Mat<f64> {
    Mat::from_fn(c.nrows(), c.ncols(), |i, j| {
        a[i] * b[j] * ((f[i] + g[j] - c[(i, j)]) / eps).exp()
    })
}

fn fixed_iters(eps: f64, iters: usize) -> Params {
    Params {
        epsilon: eps,
        max_iter: iters,
        tolerance: 0.0,
        num_threads: 1,
        ..Params::default()
    }
}

fn max_diff(x: &[f64], y: &[f64]) -> f64 {
    x.iter()
        .zip(y)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max)
}

#[test]
fn matches_the_scalar_reference_dense_both_layouts_and_points() {
    let (n, m) = (37, 29);
    let (x, y) = (points(n, 2, 1), points(m, 2, 2));
    let (a, b) = (weights(n, 3), weights(m, 4));
    let c = sqdist(&x, &y);
    let eps = 0.02;
    let (rf, rg) = reference(&c, &a, &b, eps, (f64::INFINITY, f64::INFINITY), 25);
    let ct = c.transpose().to_owned(); // column-major storage of C via its transpose
    let costs = [
        Cost::Dense(c.as_ref()),
        Cost::Dense(ct.as_ref().transpose()),
        Cost::SqEuclidean {
            x: x.as_ref(),
            y: y.as_ref(),
        },
    ];
    for cost in costs {
        let s = sinkhorn::sinkhorn(cost, &a, &b, None, &fixed_iters(eps, 25)).unwrap();
        assert_eq!(s.info.iterations, 25);
        assert!(!s.info.converged);
        assert!(
            max_diff(&s.f, &rf) < 1e-11,
            "f off by {}",
            max_diff(&s.f, &rf)
        );
        assert!(
            max_diff(&s.g, &rg) < 1e-11,
            "g off by {}",
            max_diff(&s.g, &rg)
        );
    }
}

#[test]
fn converged_potentials_give_the_marginals_and_the_reported_values() {
    let (n, m) = (40, 50);
    let (x, y) = (points(n, 3, 5), points(m, 3, 6));
    let (a, b) = (weights(n, 7), weights(m, 8));
    let c = sqdist(&x, &y);
    let eps = 0.05;
    let p = Params {
        epsilon: eps,
        tolerance: 1e-12,
        check_every: 5,
        num_threads: 1,
        ..Params::default()
    };
    let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
    assert!(s.info.converged && s.info.marginal_error <= 1e-12);
    assert_eq!(s.info.iterations % 5, 0);
    let pl = plan(&c, &a, &b, &s.f, &s.g, eps);
    let rows: Vec<f64> = (0..n).map(|i| (0..m).map(|j| pl[(i, j)]).sum()).collect();
    let cols: Vec<f64> = (0..m).map(|j| (0..n).map(|i| pl[(i, j)]).sum()).collect();
    assert!(max_diff(&rows, &a) < 1e-12);
    assert!(max_diff(&cols, &b) < 1e-14);
    // Reported mass and dual objective, recomputed from the plan.
    let mass: f64 = rows.iter().sum();
    assert!((s.info.mass - mass).abs() < 1e-13);
    let dual = a.iter().zip(&s.f).map(|(a, f)| a * f).sum::<f64>()
        + b.iter().zip(&s.g).map(|(b, g)| b * g).sum::<f64>()
        - eps * (mass - 1.0);
    assert!((s.info.dual - dual).abs() < 1e-12);
    // Transport cost ⟨P, C⟩ and the dense plan output.
    let want: f64 = (0..n)
        .flat_map(|i| (0..m).map(move |j| (i, j)))
        .map(|(i, j)| pl[(i, j)] * c[(i, j)])
        .sum();
    let got = sinkhorn::transport_cost(Cost::Dense(c.as_ref()), &a, &b, &s.f, &s.g, eps).unwrap();
    assert!((got - want).abs() < 1e-13 * want, "{got} vs {want}");
    let mut out = Mat::<f64>::zeros(n, m);
    let req = sinkhorn::line_sums_scratch::<f64>(n, m, 0);
    otcore::workspace::with_stack(req, |st| {
        sinkhorn::plan_in_place(
            Cost::Dense(c.as_ref()),
            &a,
            &b,
            &s.f,
            &s.g,
            eps,
            out.as_mut(),
            st,
        )
    })
    .unwrap()
    .unwrap();
    assert!((&out - &pl).norm_max() < 1e-15);
    // Barycentric map from points, against P y / r.
    let cost = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let map = sinkhorn::barycentric_map(cost, &a, &b, &s.f, &s.g, eps).unwrap();
    for i in 0..n {
        for t in 0..3 {
            let want = (0..m).map(|j| pl[(i, j)] * y[(j, t)]).sum::<f64>() / rows[i];
            assert!((map[(i, t)] - want).abs() < 1e-12);
        }
    }
}

/// Exact OT between uniform clouds of 5 points: the best of the 5! permutations.
fn brute_force(c: &Mat<f64>) -> f64 {
    fn go(c: &Mat<f64>, i: usize, used: &mut [bool], acc: f64, best: &mut f64) {
        let n = c.nrows();
        if i == n {
            *best = best.min(acc);
            return;
        }
        for j in 0..n {
            if !used[j] {
                used[j] = true;
                go(c, i + 1, used, acc + c[(i, j)], best);
                used[j] = false;
            }
        }
    }
    let mut best = f64::INFINITY;
    go(c, 0, &mut vec![false; c.nrows()], 0.0, &mut best);
    best / c.nrows() as f64
}

#[test]
fn the_transport_cost_tends_to_the_exact_cost_as_epsilon_falls() {
    let n = 5;
    let (x, y) = (points(n, 2, 11), points(n, 2, 12));
    let c = sqdist(&x, &y);
    let a = vec![1.0 / n as f64; n];
    let exact = brute_force(&c);
    let mut gaps = vec![];
    for eps in [1e-1, 1e-2, 1e-3] {
        let p = Params {
            epsilon: eps,
            tolerance: 1e-12,
            max_iter: 100_000,
            scaling: Scaling {
                steps: 8,
                ..Scaling::default()
            },
            num_threads: 1,
            ..Params::default()
        };
        let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &a, None, &p).unwrap();
        assert!(s.info.converged);
        let cost =
            sinkhorn::transport_cost(Cost::Dense(c.as_ref()), &a, &a, &s.f, &s.g, eps).unwrap();
        assert!(
            cost >= exact - 1e-9,
            "entropic plan beats the exact optimum"
        );
        gaps.push(cost - exact);
    }
    assert!(gaps[0] > gaps[1] && gaps[1] > gaps[2], "{gaps:?}");
    assert!(gaps[2] < 1e-3, "{gaps:?}");
}

#[test]
fn unbalanced_masses_follow_the_closed_form() {
    // Constant cost c: P = λ a⊗b with log λ = −(c + ρa log mB + ρb log mA)/(ε + ρa + ρb).
    for (n, m, ma, mb) in [(1, 1, 0.7, 2.5), (6, 4, 1.5, 0.4)] {
        let a: Vec<f64> = weights(n, 21).iter().map(|w| w * ma).collect();
        let b: Vec<f64> = weights(m, 22).iter().map(|w| w * mb).collect();
        let cval = 0.3;
        let c = Mat::from_fn(n, m, |_, _| cval);
        for (ra, rb) in [(0.5, 2.0), (1.0, f64::INFINITY)] {
            let eps = 0.1;
            let p = Params {
                epsilon: eps,
                rho_a: ra,
                rho_b: rb,
                tolerance: 1e-13,
                max_iter: 10_000,
                num_threads: 1,
                ..Params::default()
            };
            let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
            assert!(s.info.converged, "{:?}", s.info);
            let want_mass = if rb.is_infinite() {
                mb // the balanced side fixes the mass
            } else {
                let l = -(cval + ra * mb.ln() + rb * ma.ln()) / (eps + ra + rb);
                l.exp() * ma * mb
            };
            assert!(
                (s.info.mass - want_mass).abs() < 1e-10 * want_mass,
                "{} vs {want_mass}",
                s.info.mass
            );
            let pl = plan(&c, &a, &b, &s.f, &s.g, eps);
            for i in 0..n {
                for j in 0..m {
                    let want = want_mass * a[i] * b[j] / (ma * mb);
                    assert!((pl[(i, j)] - want).abs() < 1e-10 * want);
                }
            }
            // And the scalar reference agrees on the iterates.
            let q = Params {
                tolerance: 0.0,
                max_iter: 12,
                ..p
            };
            let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &q).unwrap();
            let (rf, rg) = reference(&c, &a, &b, eps, (ra, rb), 12);
            assert!(max_diff(&s.f, &rf) < 1e-12 && max_diff(&s.g, &rg) < 1e-12);
        }
    }
}

#[test]
fn divergence_is_zero_for_identical_inputs_and_positive_otherwise() {
    let (x, y) = (points(30, 2, 31), points(25, 2, 32));
    let (a, b) = (weights(30, 33), weights(25, 34));
    let p = Params {
        epsilon: 0.05,
        tolerance: 1e-12,
        num_threads: 1,
        ..Params::default()
    };
    let same = sinkhorn::divergence(x.as_ref(), x.as_ref(), &a, &a, &p).unwrap();
    assert!(same.value.abs() < 1e-12, "{}", same.value);
    let diff = sinkhorn::divergence(x.as_ref(), y.as_ref(), &a, &b, &p).unwrap();
    assert!(diff.value > 1e-3, "{}", diff.value);
    let y2 = Mat::from_fn(25, 2, |i, t| y[(i, t)] + 0.5);
    let far = sinkhorn::divergence(x.as_ref(), y2.as_ref(), &a, &b, &p).unwrap();
    assert!(far.value > diff.value);
}

/// The self terms OT_ε(a, a), OT_ε(b, b) run symmetric updates f ← ½(f + T(f)): they reach
/// 1e-10 in L1 within a few tens of iterations, at ε = 1e-2 and at ε = 1e-3 (where alternating
/// updates still sit above 1e-8 after 20 000 iterations), and the divergence agrees with the
/// one whose self terms run alternating updates to 1e-12 (the stored-kernel path keeps them).
#[test]
fn divergence_self_terms_converge_with_symmetric_updates() {
    let (x, y) = (points(40, 2, 35), points(30, 2, 36));
    let (a, b) = (weights(40, 37), weights(30, 38));
    for (eps, rho) in [(1e-2, f64::INFINITY), (1e-2, 1.0), (1e-3, f64::INFINITY)] {
        let p = Params {
            epsilon: eps,
            rho_a: rho,
            rho_b: rho,
            tolerance: 1e-10,
            max_iter: 20_000,
            num_threads: 1,
            ..Params::default()
        };
        let d = sinkhorn::divergence(x.as_ref(), y.as_ref(), &a, &b, &p).unwrap();
        for info in &d.infos[1..] {
            assert!(info.converged && info.marginal_error <= 1e-10, "{info:?}");
            assert!(info.iterations <= 100, "{info:?}");
        }
        // The alternating self terms on the stored kernel, each run on its own to 1e-12.
        let alt = Params {
            tolerance: 1e-12,
            max_iter: 200_000,
            path: sinkhorn::Path::Kernel,
            ..p
        };
        let dual = |c: &Mat<f64>, w: &[f64]| {
            let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), w, w, None, &alt).unwrap();
            (s.info.dual, s.info.converged)
        };
        let (daa, ca) = dual(&sqdist(&x, &x), &a);
        let (dbb, cb) = dual(&sqdist(&y, &y), &b);
        if eps == 1e-3 {
            // The alternating iteration does not get there: only check it is still far.
            let slow = Params {
                max_iter: 20_000,
                path: sinkhorn::Path::LogDomain,
                ..alt
            };
            let s = sinkhorn::sinkhorn(Cost::Dense(sqdist(&x, &x).as_ref()), &a, &a, None, &slow)
                .unwrap();
            assert!(
                !s.info.converged && s.info.marginal_error > 1e-9,
                "{:?}",
                s.info
            );
            assert!(
                (d.infos[1].dual - daa).abs() < 1e-6 * daa.abs(),
                "{daa} {:?}",
                d.infos[1]
            );
            continue;
        }
        assert!(ca && cb);
        assert!(
            (d.infos[1].dual - daa).abs() < 1e-12,
            "{daa} {:?}",
            d.infos[1]
        );
        assert!(
            (d.infos[2].dual - dbb).abs() < 1e-12,
            "{dbb} {:?}",
            d.infos[2]
        );
        let value = d.infos[0].dual - 0.5 * (daa + dbb);
        assert!((d.value - value).abs() < 1e-12, "{} {value}", d.value);
    }
}

/// Primal entropic unbalanced OT between two Diracs of masses ma, mb at cost c (KL penalty ρ
/// on both marginals): the plan is the scalar π minimising
/// πc + ε KL(π | ma·mb) + ρ KL(π | ma) + ρ KL(π | mb), KL(p | q) = p log(p/q) − p + q.
fn dirac_ot(ma: f64, mb: f64, c: f64, eps: f64, rho: f64) -> f64 {
    let kl = |p: f64, q: f64| p * (p / q).ln() - p + q;
    let log_pi = (eps * (ma * mb).ln() + rho * ma.ln() + rho * mb.ln() - c) / (eps + 2.0 * rho);
    let pi = log_pi.exp();
    pi * c + eps * kl(pi, ma * mb) + rho * kl(pi, ma) + rho * kl(pi, mb)
}

#[test]
fn unbalanced_divergence_has_the_mass_term_and_matches_the_closed_form() {
    // Two Diracs: S = OT(a, b) − ½OT(a, a) − ½OT(b, b) + (ε/2)(ma − mb)², each OT in closed
    // form from the primal problem (strong duality: the solver reports the dual).
    let (eps, rho) = (0.1, 0.5);
    let p = Params {
        epsilon: eps,
        rho_a: rho,
        rho_b: rho,
        tolerance: 1e-14,
        max_iter: 100_000,
        num_threads: 1,
        ..Params::default()
    };
    for (ma, mb, dist) in [
        (1.0, 1.0, 0.4),
        (0.7, 2.5, 0.3),
        (1.5, 0.4, 0.0),
        (2.0, 1.0, 1.2),
    ] {
        let x = Mat::from_fn(1, 2, |_, t| if t == 0 { 0.25 } else { -0.5 });
        let y = Mat::from_fn(1, 2, |_, t| x[(0, t)] + if t == 0 { dist } else { 0.0 });
        let c = dist * dist;
        let want = dirac_ot(ma, mb, c, eps, rho)
            - 0.5 * dirac_ot(ma, ma, 0.0, eps, rho)
            - 0.5 * dirac_ot(mb, mb, 0.0, eps, rho)
            + 0.5 * eps * (ma - mb) * (ma - mb);
        let got = sinkhorn::divergence(x.as_ref(), y.as_ref(), &[ma], &[mb], &p).unwrap();
        assert!(
            (got.value - want).abs() <= 1e-10 * want.abs().max(1e-3),
            "masses {ma}, {mb}, cost {c}: {} vs closed form {want}",
            got.value
        );
        // Each solve's dual is the primal closed form too.
        assert!((got.infos[0].dual - dirac_ot(ma, mb, c, eps, rho)).abs() < 1e-10);
        assert!(got.value >= 0.0, "{}", got.value);
        if ma != mb || dist != 0.0 {
            assert!(got.value > 1e-6, "{}", got.value);
        }
    }
    // Clouds of different masses: GeomLoss's dual form of the same divergence,
    // (ρ + ε/2)(⟨a, e^{−f_aa/ρ} − e^{−f_ab/ρ}⟩ + ⟨b, e^{−g_bb/ρ} − e^{−g_ab/ρ}⟩) from the potentials
    // of the three solves, where the mass term cancels the ε·m(a)·m(b) terms of the duals.
    let (x, y) = (points(12, 2, 55), points(9, 2, 56));
    let a: Vec<f64> = weights(12, 57).iter().map(|w| 1.6 * w).collect();
    let b: Vec<f64> = weights(9, 58).iter().map(|w| 0.7 * w).collect();
    let got = sinkhorn::divergence(x.as_ref(), y.as_ref(), &a, &b, &p).unwrap();
    let solve = |x: &Mat<f64>, y: &Mat<f64>, a: &[f64], b: &[f64]| {
        let cost = Cost::SqEuclidean {
            x: x.as_ref(),
            y: y.as_ref(),
        };
        sinkhorn::sinkhorn(cost, a, b, None, &p).unwrap()
    };
    let (ab, aa, bb) = (
        solve(&x, &y, &a, &b),
        solve(&x, &x, &a, &a),
        solve(&y, &y, &b, &b),
    );
    let damp = |w: &[f64], f_self: &[f64], f_cross: &[f64]| -> f64 {
        w.iter()
            .zip(f_self.iter().zip(f_cross))
            .map(|(w, (s, c))| w * ((-s / rho).exp() - (-c / rho).exp()))
            .sum()
    };
    // OT(a, a) is symmetric: its f and g agree; average them as the solve alternates.
    let f_aa: Vec<f64> = aa.f.iter().zip(&aa.g).map(|(f, g)| 0.5 * (f + g)).collect();
    let g_bb: Vec<f64> = bb.f.iter().zip(&bb.g).map(|(f, g)| 0.5 * (f + g)).collect();
    let geomloss = (rho + 0.5 * eps) * (damp(&a, &f_aa, &ab.f) + damp(&b, &g_bb, &ab.g));
    assert!(
        (got.value - geomloss).abs() <= 1e-9 * geomloss.abs(),
        "{} vs GeomLoss's form {geomloss}",
        got.value
    );
    assert!(got.value > 0.0);

    // Clouds: 0 for identical inputs, positive for different masses or supports.
    let (x, y) = (points(30, 2, 51), points(25, 2, 52));
    let (a, b) = (weights(30, 53), weights(25, 54));
    let b2: Vec<f64> = b.iter().map(|w| 1.7 * w).collect();
    let a2: Vec<f64> = a.iter().map(|w| 0.6 * w).collect();
    let p = Params {
        epsilon: 0.05,
        tolerance: 1e-12,
        ..p
    };
    let same = sinkhorn::divergence(x.as_ref(), x.as_ref(), &a, &a, &p).unwrap();
    assert!(same.value.abs() < 1e-12, "{}", same.value);
    let mass_only = sinkhorn::divergence(x.as_ref(), x.as_ref(), &a, &a2, &p).unwrap();
    assert!(mass_only.value > 1e-4, "{}", mass_only.value);
    let both = sinkhorn::divergence(x.as_ref(), y.as_ref(), &a, &b2, &p).unwrap();
    assert!(both.value > 1e-4, "{}", both.value);
}

#[test]
fn f32_agrees_with_f64_and_points_agree_with_dense() {
    let (n, m) = (300, 260);
    let (x, y) = (points(n, 2, 41), points(m, 2, 42));
    let (a, b) = (weights(n, 43), weights(m, 44));
    let c = sqdist(&x, &y);
    let p = fixed_iters(0.01, 50);
    let s64 = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
    let pts = sinkhorn::sinkhorn(
        Cost::SqEuclidean {
            x: x.as_ref(),
            y: y.as_ref(),
        },
        &a,
        &b,
        None,
        &p,
    )
    .unwrap();
    assert!(max_diff(&s64.f, &pts.f) < 1e-11 && max_diff(&s64.g, &pts.g) < 1e-11);
    let c32 = Mat::from_fn(n, m, |i, j| c[(i, j)] as f32);
    let a32: Vec<f32> = a.iter().map(|&v| v as f32).collect();
    let b32: Vec<f32> = b.iter().map(|&v| v as f32).collect();
    let s32 = sinkhorn::sinkhorn(Cost::Dense(c32.as_ref()), &a32, &b32, None, &p).unwrap();
    // Exponents carry f32 rounding of |g/ε| ~ 1e2: potentials agree to ~ε·1e2·6e-8·(growth).
    let (df, dg) = (max_diff(&s64.f, &s32.f), max_diff(&s64.g, &s32.g));
    assert!(df < 1e-4 && dg < 1e-4, "{df} {dg}");
}

#[test]
fn results_are_bitwise_identical_for_1_2_3_threads() {
    let (n, m) = (700, 600); // several parallel chunks in both passes
    let (x, y) = (points(n, 2, 51), points(m, 2, 52));
    let (a, b) = (weights(n, 53), weights(m, 54));
    let c = sqdist(&x, &y);
    let cost_p = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    for cost in [Cost::Dense(c.as_ref()), cost_p] {
        let run = |k| {
            let p = Params {
                num_threads: k,
                ..fixed_iters(0.01, 10)
            };
            sinkhorn::sinkhorn(cost, &a, &b, None, &p).unwrap()
        };
        let one = run(1);
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
        }
    }
}

#[test]
fn zero_weights_and_tiny_epsilon_stay_finite() {
    let (n, m) = (40, 30);
    let (x, y) = (points(n, 2, 61), points(m, 2, 62));
    let mut a = weights(n, 63);
    let mut b = weights(m, 64);
    for i in [0, 7, 39] {
        a[i] = 0.0;
    }
    for j in [3, 29] {
        b[j] = 0.0;
    }
    let (sa, sb): (f64, f64) = (a.iter().sum(), b.iter().sum());
    a.iter_mut().for_each(|v| *v /= sa);
    b.iter_mut().for_each(|v| *v /= sb);
    let c = sqdist(&x, &y);
    let scale = c.norm_max();
    for symmetric in [false, true] {
        let p = Params {
            epsilon: 1e-4 * scale,
            max_iter: 200,
            symmetric,
            num_threads: 1,
            ..Params::default()
        };
        let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
        assert!(s.f.iter().chain(&s.g).all(|v| v.is_finite()));
        assert!(s.info.dual.is_finite() && s.info.marginal_error.is_finite());
        let a32: Vec<f32> = a.iter().map(|&v| v as f32).collect();
        let b32: Vec<f32> = b.iter().map(|&v| v as f32).collect();
        let c32 = Mat::from_fn(n, m, |i, j| c[(i, j)] as f32);
        let s = sinkhorn::sinkhorn(Cost::Dense(c32.as_ref()), &a32, &b32, None, &p).unwrap();
        assert!(s.f.iter().chain(&s.g).all(|v| v.is_finite()));
    }
}

#[test]
fn cap_warm_start_symmetric_and_scaling_reach_the_same_solution() {
    let (n, m) = (50, 45);
    let (x, y) = (points(n, 2, 71), points(m, 2, 72));
    let (a, b) = (weights(n, 73), weights(m, 74));
    let c = sqdist(&x, &y);
    let cost = Cost::Dense(c.as_ref());
    let base = Params {
        epsilon: 0.01,
        tolerance: 1e-11,
        max_iter: 20_000,
        num_threads: 1,
        ..Params::default()
    };
    let s = sinkhorn::sinkhorn(cost, &a, &b, None, &base).unwrap();
    assert!(s.info.converged);
    // The cap: not converged, error above tolerance, finite outputs.
    let capped = sinkhorn::sinkhorn(
        cost,
        &a,
        &b,
        None,
        &Params {
            max_iter: 3,
            ..base
        },
    )
    .unwrap();
    assert!(!capped.info.converged && capped.info.iterations == 3);
    assert!(capped.info.marginal_error > 1e-11 && capped.info.marginal_error.is_finite());
    // Warm start from the solution: converged at the first check.
    let w = Params {
        check_every: 1,
        ..base
    };
    let warm = sinkhorn::sinkhorn(cost, &a, &b, Some((&s.f, &s.g)), &w).unwrap();
    assert!(warm.info.converged && warm.info.iterations == 1);
    // Symmetric updates and ε-scaling: same potentials up to the additive constant.
    for p in [
        Params {
            symmetric: true,
            ..base
        },
        Params {
            scaling: Scaling {
                steps: 5,
                start: 1.0,
                iters_per_step: 5,
            },
            ..base
        },
    ] {
        let t = sinkhorn::sinkhorn(cost, &a, &b, None, &p).unwrap();
        assert!(t.info.converged, "{:?}", t.info);
        let shift = t.f[0] - s.f[0];
        let f: Vec<f64> = t.f.iter().map(|v| v - shift).collect();
        let g: Vec<f64> = t.g.iter().map(|v| v + shift).collect();
        assert!(max_diff(&f, &s.f) < 1e-8 && max_diff(&g, &s.g) < 1e-8);
        assert!((t.info.dual - s.info.dual).abs() < 1e-9);
        if p.scaling.steps > 0 {
            assert_eq!((t.info.eps_steps, t.info.eps_start), (5, 1.0));
            assert_eq!(t.info.scaling_iterations, 25);
        }
    }
}

#[test]
fn bad_inputs_are_refused() {
    let c = Mat::from_fn(3, 2, |i, j| (i + j) as f64);
    let a = [0.5, 0.25, 0.25];
    let b = [0.5, 0.5];
    let p = Params::default();
    let err = |r: otcore::Result<sinkhorn::Solution>| r.unwrap_err().kind;
    use otcore::ErrorKind::*;
    assert_eq!(
        err(sinkhorn::sinkhorn(
            Cost::Dense(c.as_ref()),
            &a,
            &[0.5, 0.6],
            None,
            &p
        )),
        MassMismatch
    );
    assert_eq!(
        err(sinkhorn::sinkhorn(
            Cost::Dense(c.as_ref()),
            &a[..2],
            &b,
            None,
            &p
        )),
        InvalidDimension
    );
    let q = Params { epsilon: 0.0, ..p };
    assert_eq!(
        err(sinkhorn::sinkhorn(
            Cost::Dense(c.as_ref()),
            &a,
            &b,
            None,
            &q
        )),
        InvalidArgument
    );
    let mut cn = c.clone();
    cn[(1, 1)] = f64::NAN;
    assert_eq!(
        err(sinkhorn::sinkhorn(
            Cost::Dense(cn.as_ref()),
            &a,
            &b,
            None,
            &p
        )),
        NonFinite
    );
    assert_eq!(
        err(sinkhorn::sinkhorn(
            Cost::Dense(c.as_ref()),
            &[0.5, -0.25, 0.75],
            &b,
            None,
            &p
        )),
        InvalidArgument
    );
}

/// The numbers of `"key": <number or nested arrays of numbers>` in a fixture, flattened.
fn json_numbers(text: &str, key: &str) -> Vec<f64> {
    let at = text.find(&format!("\"{key}\":")).expect(key) + key.len() + 3;
    let rest = text[at..].trim_start();
    let end = if rest.starts_with('[') {
        let mut depth = 0;
        rest.char_indices()
            .find(|&(_, ch)| {
                depth += (ch == '[') as i32 - (ch == ']') as i32;
                depth == 0
            })
            .unwrap()
            .0
            + 1
    } else {
        rest.find([',', '}']).unwrap()
    };
    rest[..end]
        .split([',', '[', ']'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect()
}

#[test]
fn plans_match_pot_sinkhorn_log_and_sinkhorn_unbalanced() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sinkhorn");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (a, b) = (json_numbers(&text, "a"), json_numbers(&text, "b"));
        let (n, m) = (a.len(), b.len());
        let xs = json_numbers(&text, "x");
        let ys = json_numbers(&text, "y");
        let x = Mat::from_fn(n, 2, |i, t| xs[2 * i + t]);
        let y = Mat::from_fn(m, 2, |j, t| ys[2 * j + t]);
        let eps = json_numbers(&text, "epsilon")[0];
        let rho = if text.contains("\"rho\"") {
            json_numbers(&text, "rho")[0]
        } else {
            f64::INFINITY
        };
        let want = json_numbers(&text, "plan");
        let p = Params {
            epsilon: eps,
            rho_a: rho,
            rho_b: rho,
            tolerance: 1e-14,
            max_iter: 200_000,
            num_threads: 1,
            ..Params::default()
        };
        let cost = Cost::SqEuclidean {
            x: x.as_ref(),
            y: y.as_ref(),
        };
        let s = sinkhorn::sinkhorn(cost, &a, &b, None, &p).unwrap();
        assert!(s.info.converged, "{}: {:?}", path.display(), s.info);
        let pl = plan(&sqdist(&x, &y), &a, &b, &s.f, &s.g, eps);
        let top = want.iter().cloned().fold(0.0, f64::max);
        for i in 0..n {
            for j in 0..m {
                let d = (pl[(i, j)] - want[i * m + j]).abs();
                assert!(d < 1e-9 * top, "{}: P[{i},{j}] off by {d}", path.display());
            }
        }
        seen += 1;
    }
    assert_eq!(seen, 4, "fixtures missing: run make_fixtures.py");
}

#[test]
fn a_row_partitioned_solve_reproduces_the_full_solve() {
    use otcore::Par;
    use sinkhorn::blocks::{self, LsePair};
    let (n, m, iters) = (41, 33, 25);
    let (x, y) = (points(n, 2, 61), points(m, 2, 62));
    let (a, b) = (weights(n, 63), weights(m, 64));
    let c = sqdist(&x, &y);
    for (rho_a, rho_b) in [(f64::INFINITY, f64::INFINITY), (0.7, 1.3)] {
        let p = Params {
            epsilon: 0.02,
            rho_a,
            rho_b,
            ..fixed_iters(0.02, iters)
        };
        let full = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
        for dense in [true, false] {
            // Two blocks of rows, as two ranks would hold them.
            let cuts = [0, 17, n];
            let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
            for _ in 0..iters {
                let mut acc = vec![LsePair::default(); m];
                let mut part = vec![LsePair::default(); m];
                for k in 0..2 {
                    let (r0, r1) = (cuts[k], cuts[k + 1]);
                    let cost = if dense {
                        Cost::Dense(c.as_ref().subrows(r0, r1 - r0))
                    } else {
                        Cost::SqEuclidean {
                            x: x.as_ref().subrows(r0, r1 - r0),
                            y: y.as_ref(),
                        }
                    };
                    let (ab, fb) = (&a[r0..r1], &mut f[r0..r1]);
                    blocks::row_update_block(cost, ab, &b, &g, fb, &p, Par::Seq).unwrap();
                    blocks::column_partials_block(cost, ab, &b, fb, &mut part, &p, Par::Seq)
                        .unwrap();
                    blocks::combine_pairs(&mut acc, &part);
                }
                blocks::column_update(&acc, &p, &mut g);
            }
            let scale = full
                .f
                .iter()
                .chain(&full.g)
                .fold(0.0f64, |s, v| s.max(v.abs()));
            let (df, dg) = (max_diff(&f, &full.f), max_diff(&g, &full.g));
            assert!(
                df <= 1e-12 * scale.max(1.0) && dg <= 1e-12 * scale.max(1.0),
                "rho ({rho_a}, {rho_b}), dense {dense}: f off by {df:e}, g by {dg:e}"
            );
        }
    }
    // Pairs merge as log-sum-exps, in either order, with empty sides.
    let (p1, p2) = (
        LsePair { max: 2.0, sum: 1.5 },
        LsePair {
            max: -1.0,
            sum: 3.0,
        },
    );
    let want = (1.5f64 * 2.0f64.exp() + 3.0 * (-1.0f64).exp()).ln();
    assert!((p1.merge(p2).value() - want).abs() < 1e-15);
    assert!((p2.merge(p1).value() - want).abs() < 1e-15);
    assert_eq!(LsePair::default().merge(p1), p1);
    assert_eq!(p2.merge(LsePair::default()), p2);
    assert_eq!(LsePair::default().value(), f64::NEG_INFINITY);
}

/// Issue 18.3: balanced masses that differ by rounding. b scaled by 1 + 4e-7 (inside the default
/// mass tolerance 1e-6) is rescaled to a's mass, so a tolerance far below the gap is reached and
/// the plan is POT's for the unscaled b (fixture sinkhorn_log_eps0.1.json, make_fixtures.py).
#[test]
fn masses_equal_up_to_rounding_converge_below_the_gap_to_pots_plan() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sinkhorn");
    let text = std::fs::read_to_string(dir.join("sinkhorn_log_eps0.1.json")).unwrap();
    let (a, b) = (json_numbers(&text, "a"), json_numbers(&text, "b"));
    let (n, m) = (a.len(), b.len());
    let (xs, ys) = (json_numbers(&text, "x"), json_numbers(&text, "y"));
    let x = Mat::from_fn(n, 2, |i, t| xs[2 * i + t]);
    let y = Mat::from_fn(m, 2, |j, t| ys[2 * j + t]);
    let want = json_numbers(&text, "plan");
    let top = want.iter().cloned().fold(0.0, f64::max);
    let c = sqdist(&x, &y);
    let heavy: Vec<f64> = b.iter().map(|v| v * (1.0 + 4e-7)).collect();
    for symmetric in [false, true] {
        let p = Params {
            epsilon: 0.1,
            tolerance: 1e-13,
            check_every: 1,
            max_iter: 20_000,
            symmetric,
            num_threads: 1,
            ..Params::default()
        };
        let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &heavy, None, &p).unwrap();
        assert!(
            s.info.converged && s.info.marginal_error <= 1e-13,
            "{:?}",
            s.info
        );
        let pl = plan(&c, &a, &heavy, &s.f, &s.g, 0.1);
        for i in 0..n {
            for j in 0..m {
                let d = (pl[(i, j)] - want[i * m + j]).abs();
                assert!(d < 1e-9 * top, "P[{i},{j}] off by {d}");
            }
        }
        // The same dual value as the solve on the unscaled b.
        let exact = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
        assert!(
            (s.info.dual - exact.info.dual).abs() <= 1e-12 * exact.info.dual.abs(),
            "{} vs {}",
            s.info.dual,
            exact.info.dual
        );
    }
    // A gap of 2e-6 is refused by default (naming the heavier side), accepted when allowed.
    let heavier: Vec<f64> = b.iter().map(|v| v * (1.0 + 2e-6)).collect();
    let p = Params {
        epsilon: 0.1,
        num_threads: 1,
        ..Params::default()
    };
    let e = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &heavier, None, &p).unwrap_err();
    assert_eq!(e.kind, otcore::ErrorKind::MassMismatch);
    assert!(e.message.contains("b is heavier"), "{}", e.message);
    let loose = Params {
        mass_tolerance: 1e-5,
        tolerance: 1e-12,
        ..p
    };
    let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &heavier, None, &loose).unwrap();
    assert!(s.info.converged, "{:?}", s.info);
    for bad in [-1e-6, f64::NAN, f64::INFINITY] {
        let q = Params {
            mass_tolerance: bad,
            ..p
        };
        let e = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &q).unwrap_err();
        assert_eq!(e.kind, otcore::ErrorKind::InvalidArgument);
        assert!(e.message.contains("mass_tolerance"), "{}", e.message);
    }
}

/// Issue 18.6: `max_iter` caps the whole solve, ε-scaling iterations included: a schedule of
/// 6 × 10 scaling iterations under a cap of 35 stops inside the schedule (the 4th value gets 5)
/// with no iteration at the target ε; a cap of 75 leaves 15 for the target ε.
#[test]
fn max_iter_caps_scaling_and_target_iterations_together() {
    let (n, m) = (30, 25);
    let c = sqdist(&points(n, 2, 71), &points(m, 2, 72));
    let (a, b) = (weights(n, 73), weights(m, 74));
    for (cap, scaling, steps, target) in [(35, 35, 4, 0), (75, 60, 6, 15), (0, 0, 0, 0)] {
        let p = Params {
            epsilon: 1e-3,
            tolerance: 0.0,
            max_iter: cap,
            scaling: Scaling {
                steps: 6,
                start: 1.0,
                iters_per_step: 10,
            },
            num_threads: 1,
            ..Params::default()
        };
        let s = sinkhorn::sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &p).unwrap();
        assert_eq!(
            (
                s.info.scaling_iterations,
                s.info.eps_steps,
                s.info.iterations
            ),
            (scaling, steps, target),
            "cap {cap}: {:?}",
            s.info
        );
        assert!(!s.info.converged);
        assert!(s.info.marginal_error.is_finite() && s.info.marginal_error > 0.0);
    }
}
