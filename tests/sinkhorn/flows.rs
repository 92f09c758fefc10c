//! Gradient flows (otcore::flow): the Sinkhorn-divergence (Lagrangian Wasserstein) and MMD
//! particle steps against central finite differences of brute-force values; monotone decrease
//! along 50-step flows toward a target cloud and the final value below a bound (the course's
//! flow figures as tests); the entropic JKO step on a grid against the closed-form
//! recursion of a Gaussian's mean and variance under the entropic heat and Fokker–Planck
//! steps, mass conservation and the stationary density; the warm start from the previous
//! step's dual (the cold densities in fewer iterations); thread invariance; bad inputs.

use super::sinkhorn::lcg;
use faer::Mat;
use otcore::flow::{
    jko_step, jko_step_in_place, jko_step_scratch, jko_step_warm, jko_step_warm_in_place,
    jko_step_warm_scratch, mmd_flow, mmd_flow_step_in_place, mmd_flow_step_scratch,
    mmd_target_term, wasserstein_flow, wasserstein_flow_step_in_place,
    wasserstein_flow_step_scratch, JkoParams, MmdKernel, MmdParams, WassersteinFlowParams,
};
use otcore::sinkhorn::{divergence, DivergencePotentials, Params, Scaling};
use otcore::workspace::with_stack;
use otcore::{ErrorKind, Par};

/// n points uniform in [shift, shift + 1] × [0, 1] (scaled by `size`), uniform weights.
fn cloud(n: usize, shift: f64, size: f64, seed: u64) -> (Mat<f64>, Vec<f64>) {
    let mut r = lcg(seed);
    let x = Mat::from_fn(n, 2, |_, t| size * r() + if t == 0 { shift } else { 0.0 });
    (x, vec![1.0 / n as f64; n])
}

fn sk(eps: f64) -> Params {
    Params {
        epsilon: eps,
        max_iter: 100_000,
        tolerance: 1e-13,
        check_every: 1,
        scaling: Scaling::default(),
        num_threads: 1,
        ..Params::default()
    }
}

/// Buffers of the six potentials of a divergence between n and m points.
struct Pots(Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>);

impl Pots {
    fn new(n: usize, m: usize) -> Self {
        Pots(
            vec![0.0; n],
            vec![0.0; m],
            vec![0.0; n],
            vec![0.0; n],
            vec![0.0; m],
            vec![0.0; m],
        )
    }
    fn view(&mut self) -> DivergencePotentials<'_> {
        DivergencePotentials {
            xy: (&mut self.0, &mut self.1),
            xx: (&mut self.2, &mut self.3),
            yy: (&mut self.4, &mut self.5),
        }
    }
}

/// One Wasserstein flow step with a fresh workspace on `par`.
fn w_step(
    x: &Mat<f64>,
    y: &Mat<f64>,
    a: &[f64],
    b: &[f64],
    p: &WassersteinFlowParams,
    pots: &mut Pots,
    par: Par,
) -> (Mat<f64>, otcore::sinkhorn::Divergence) {
    let mut next = Mat::<f64>::zeros(x.nrows(), x.ncols());
    let req = wasserstein_flow_step_scratch::<f64>(x.nrows(), y.nrows(), 2, p);
    let div = with_stack(req, |st| {
        wasserstein_flow_step_in_place(
            x.as_ref(),
            y.as_ref(),
            a,
            b,
            p,
            &mut pots.view(),
            next.as_mut(),
            par,
            st,
        )
    })
    .unwrap()
    .unwrap();
    (next, div)
}

/// The velocity the step used: (x − x_new)·a_i/τ = ∇_{x_i} S.
fn velocity(x: &Mat<f64>, next: &Mat<f64>, a: &[f64], tau: f64) -> Mat<f64> {
    Mat::from_fn(x.nrows(), x.ncols(), |i, t| {
        (x[(i, t)] - next[(i, t)]) * a[i] / tau
    })
}

/// Central differences (step 1e-5) of `value` in every coordinate of x, against `grad`.
fn check_fd(value: &dyn Fn(&Mat<f64>) -> f64, x: &Mat<f64>, grad: &Mat<f64>, tol: f64) {
    let h = 1e-5;
    for i in 0..x.nrows() {
        for t in 0..x.ncols() {
            let (mut xp, mut xm) = (x.clone(), x.clone());
            xp[(i, t)] += h;
            xm[(i, t)] -= h;
            let fd = (value(&xp) - value(&xm)) / (2.0 * h);
            assert!(
                (fd - grad[(i, t)]).abs() <= tol * (1.0 + fd.abs()),
                "x[{i}, {t}]: step direction {} vs finite difference {fd}",
                grad[(i, t)]
            );
        }
    }
}

#[test]
fn wasserstein_step_follows_the_divergence_gradient_and_warm_starts() {
    let (x, mut a) = cloud(5, 0.0, 1.0, 1);
    let (y, b) = cloud(4, 0.7, 1.0, 2);
    // Non-uniform particle weights: the step divides the gradient by them.
    a = a
        .iter()
        .enumerate()
        .map(|(i, _)| (1.0 + i as f64) / 15.0)
        .collect();
    let p = WassersteinFlowParams {
        step: 0.05,
        sinkhorn: sk(0.1),
    };
    let mut pots = Pots::new(5, 4);
    let (next, div) = w_step(&x, &y, &a, &b, &p, &mut pots, Par::Seq);
    let reference = divergence(x.as_ref(), y.as_ref(), &a, &b, &p.sinkhorn).unwrap();
    assert!(
        (div.value - reference.value).abs() <= 1e-12,
        "{} vs {}",
        div.value,
        reference.value
    );
    let grad = velocity(&x, &next, &a, p.step);
    let value = |z: &Mat<f64>| {
        divergence(z.as_ref(), y.as_ref(), &a, &b, &p.sinkhorn)
            .unwrap()
            .value
    };
    check_fd(&value, &x, &grad, 1e-6);
    // A second call from the potentials just left: the same step in fewer iterations.
    let cold: usize = div.infos.iter().map(|i| i.iterations).sum();
    let (again, warm) = w_step(&x, &y, &a, &b, &p, &mut pots, Par::Seq);
    let warm_its: usize = warm.infos.iter().map(|i| i.iterations).sum();
    assert!(
        warm_its * 4 <= cold,
        "warm start: {warm_its} iterations, cold {cold}"
    );
    assert!((warm.value - div.value).abs() <= 1e-12);
    for i in 0..5 {
        for t in 0..2 {
            assert!((again[(i, t)] - next[(i, t)]).abs() <= 1e-10);
        }
    }
}

#[test]
fn wasserstein_flow_decreases_the_divergence_to_the_target() {
    // Notebook 3's figure: 50 particles flowing to a cloud of 60 shifted by 2.
    let (x0, a) = cloud(50, 0.0, 1.0, 3);
    let (y, b) = cloud(60, 2.0, 1.0, 4);
    let p = WassersteinFlowParams {
        step: 0.1,
        sinkhorn: Params {
            tolerance: 1e-10,
            ..sk(0.01)
        },
    };
    let mut values = Vec::new();
    let x = wasserstein_flow(x0.as_ref(), y.as_ref(), &a, &b, &p, 50, |_, _, v| {
        values.push(v)
    })
    .unwrap();
    let last = divergence(x.as_ref(), y.as_ref(), &a, &b, &p.sinkhorn)
        .unwrap()
        .value;
    values.push(last);
    for w in values.windows(2) {
        assert!(
            w[1] < w[0],
            "the divergence rose along the flow: {values:?}"
        );
    }
    // S starts near the squared shift (4) and ends below 1e-3 of it.
    assert!(values[0] > 3.0, "{}", values[0]);
    assert!(last < 4e-3, "S after 50 steps = {last:e}: {values:?}");
}

#[test]
fn wasserstein_steps_are_identical_for_every_thread_count() {
    let (x, a) = cloud(70, 0.0, 1.0, 5);
    let (y, b) = cloud(90, 0.5, 1.0, 6);
    let p = WassersteinFlowParams {
        step: 0.2,
        sinkhorn: Params {
            tolerance: 1e-9,
            ..sk(0.05)
        },
    };
    let one = w_step(&x, &y, &a, &b, &p, &mut Pots::new(70, 90), Par::Seq);
    for k in [2, 3] {
        let many = otcore::par::with_threads(k, |par| {
            w_step(&x, &y, &a, &b, &p, &mut Pots::new(70, 90), par)
        })
        .unwrap();
        assert_eq!(one.0, many.0, "{k} threads");
        assert_eq!(one.1.value.to_bits(), many.1.value.to_bits());
    }
}

#[test]
fn wasserstein_step_refuses_bad_inputs_and_leaves_its_output() {
    let (x, a) = cloud(4, 0.0, 1.0, 7);
    let (y, b) = cloud(3, 0.5, 1.0, 8);
    let good = WassersteinFlowParams {
        step: 0.1,
        sinkhorn: sk(0.1),
    };
    let run = |p: &WassersteinFlowParams, a: &[f64], pots: &mut Pots, rows: usize| {
        let mut next = Mat::from_fn(rows, 2, |_, _| 7.0);
        let req = wasserstein_flow_step_scratch::<f64>(4, 3, 2, p);
        let e = with_stack(req, |st| {
            wasserstein_flow_step_in_place(
                x.as_ref(),
                y.as_ref(),
                a,
                &b,
                p,
                &mut pots.view(),
                next.as_mut(),
                Par::Seq,
                st,
            )
        })
        .unwrap()
        .unwrap_err();
        assert!(
            next.col_iter().all(|c| c.iter().all(|&v| v == 7.0)),
            "output written on error"
        );
        (e.kind, e.message)
    };
    for step in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let p = WassersteinFlowParams { step, ..good };
        let (k, msg) = run(&p, &a, &mut Pots::new(4, 3), 4);
        assert_eq!(k, ErrorKind::InvalidArgument);
        assert!(msg.contains("step"), "{msg}");
    }
    let zero = [0.5, 0.5, 0.0, 0.0];
    let (k, msg) = run(&good, &zero, &mut Pots::new(4, 3), 4);
    assert_eq!(k, ErrorKind::InvalidArgument);
    assert!(msg.contains("a[2]"), "{msg}");
    let (k, msg) = run(&good, &a, &mut Pots::new(4, 3), 3);
    assert_eq!(k, ErrorKind::InvalidDimension);
    assert!(msg.contains("x_new"), "{msg}");
    let (k, msg) = run(&good, &a, &mut Pots::new(4, 4), 4);
    assert_eq!(k, ErrorKind::InvalidDimension);
    assert!(msg.contains("potentials"), "{msg}");
}

/// MMD²_k by the definition's three double sums (energy or Gaussian kernel).
fn mmd2(x: &Mat<f64>, y: &Mat<f64>, a: &[f64], b: &[f64], kernel: MmdKernel) -> f64 {
    let k = |p: &Mat<f64>, i: usize, q: &Mat<f64>, j: usize| {
        let r2: f64 = (0..p.ncols())
            .map(|t| (p[(i, t)] - q[(j, t)]).powi(2))
            .sum();
        match kernel {
            MmdKernel::Energy => -r2.sqrt(),
            MmdKernel::Gaussian { sigma } => (-r2 / (2.0 * sigma * sigma)).exp(),
        }
    };
    let mut v = 0.0;
    for (i, &ai) in a.iter().enumerate() {
        for (j, &aj) in a.iter().enumerate() {
            v += ai * aj * k(x, i, x, j);
        }
        for (j, &bj) in b.iter().enumerate() {
            v -= 2.0 * ai * bj * k(x, i, y, j);
        }
    }
    for (i, &bi) in b.iter().enumerate() {
        for (j, &bj) in b.iter().enumerate() {
            v += bi * bj * k(y, i, y, j);
        }
    }
    v
}

fn m_step(
    x: &Mat<f64>,
    y: &Mat<f64>,
    a: &[f64],
    b: &[f64],
    p: &MmdParams,
    target: Option<f64>,
    par: Par,
) -> (Mat<f64>, otcore::flow::MmdStep) {
    let mut next = Mat::<f64>::zeros(x.nrows(), x.ncols());
    let req = mmd_flow_step_scratch(x.nrows(), y.nrows(), x.ncols());
    let s = with_stack(req, |st| {
        mmd_flow_step_in_place(
            x.as_ref(),
            y.as_ref(),
            a,
            b,
            p,
            target,
            next.as_mut(),
            par,
            st,
        )
    })
    .unwrap()
    .unwrap();
    (next, s)
}

#[test]
fn mmd_step_follows_the_mmd_gradient_for_both_kernels() {
    let (x, _) = cloud(6, 0.0, 1.0, 9);
    let (y, b) = cloud(5, 0.6, 1.0, 10);
    let a: Vec<f64> = (0..6).map(|i| (2.0 + i as f64) / 27.0).collect();
    for kernel in [MmdKernel::Energy, MmdKernel::Gaussian { sigma: 0.4 }] {
        let p = MmdParams {
            step: 0.01,
            kernel,
            num_threads: 1,
        };
        let (next, s) = m_step(&x, &y, &a, &b, &p, None, Par::Seq);
        let reference = mmd2(&x, &y, &a, &b, kernel);
        assert!(
            (s.mmd_squared - reference).abs() <= 1e-13,
            "{kernel:?}: {} vs {reference}",
            s.mmd_squared
        );
        let yy = mmd_target_term(y.as_ref(), &b, kernel, 1).unwrap();
        assert_eq!(yy.to_bits(), s.target_term.to_bits());
        let (again, s2) = m_step(&x, &y, &a, &b, &p, Some(yy), Par::Seq);
        assert_eq!(again, next);
        assert_eq!(s2.mmd_squared.to_bits(), s.mmd_squared.to_bits());
        let grad = velocity(&x, &next, &a, p.step);
        check_fd(&|z: &Mat<f64>| mmd2(z, &y, &a, &b, kernel), &x, &grad, 1e-7);
    }
}

#[test]
fn mmd_flows_decrease_to_the_target() {
    // Notebook 7's figure: 40 particles flowing to a cloud of 50 shifted by 1.5. The steps
    // are the largest of a doubling sequence with a monotone flow (explicit Euler overshoots
    // beyond: 1.0 for the energy kernel rises at step 3).
    let (x0, a) = cloud(40, 0.0, 1.0, 11);
    let (y, b) = cloud(50, 1.5, 1.0, 12);
    for (kernel, step, bound) in [
        (MmdKernel::Gaussian { sigma: 1.0 }, 1.0, 1e-3),
        (MmdKernel::Energy, 0.2, 1e-3),
        (MmdKernel::Gaussian { sigma: 1.0 }, 1.0, 1e-3),
    ] {
        let p = MmdParams {
            step,
            kernel,
            num_threads: 1,
        };
        let mut values = Vec::new();
        let x = mmd_flow(x0.as_ref(), y.as_ref(), &a, &b, &p, 50, |_, _, v| {
            values.push(v)
        })
        .unwrap();
        values.push(mmd2(&x, &y, &a, &b, kernel));
        for w in values.windows(2) {
            assert!(
                w[1] < w[0],
                "{kernel:?}: MMD² rose along the flow: {values:?}"
            );
        }
        let (first, last) = (values[0], *values.last().unwrap());
        assert!(
            last < bound * first,
            "{kernel:?}: MMD² {first:e} -> {last:e}"
        );
    }
}

#[test]
fn mmd_steps_are_identical_for_every_thread_count() {
    let (x, a) = cloud(150, 0.0, 1.0, 13);
    let (y, b) = cloud(120, 0.5, 1.0, 14);
    for kernel in [MmdKernel::Energy, MmdKernel::Gaussian { sigma: 0.3 }] {
        let p = MmdParams {
            step: 0.1,
            kernel,
            num_threads: 1,
        };
        let one = m_step(&x, &y, &a, &b, &p, None, Par::Seq);
        for k in [2, 3] {
            let many =
                otcore::par::with_threads(k, |par| m_step(&x, &y, &a, &b, &p, None, par)).unwrap();
            assert_eq!(one.0, many.0);
            assert_eq!(one.1.mmd_squared.to_bits(), many.1.mmd_squared.to_bits());
            assert_eq!(one.1.target_term.to_bits(), many.1.target_term.to_bits());
        }
    }
}

#[test]
fn mmd_step_refuses_bad_inputs_and_leaves_its_output() {
    let (x, a) = cloud(4, 0.0, 1.0, 15);
    let (y, b) = cloud(3, 0.5, 1.0, 16);
    let good = MmdParams::default();
    let run = |p: &MmdParams, a: &[f64], target: Option<f64>, rows: usize| {
        let mut next = Mat::from_fn(rows, 2, |_, _| 7.0);
        let e = with_stack(mmd_flow_step_scratch(4, 3, 2), |st| {
            mmd_flow_step_in_place(
                x.as_ref(),
                y.as_ref(),
                a,
                &b,
                p,
                target,
                next.as_mut(),
                Par::Seq,
                st,
            )
        })
        .unwrap()
        .unwrap_err();
        assert!(
            next.col_iter().all(|c| c.iter().all(|&v| v == 7.0)),
            "output written on error"
        );
        (e.kind, e.message)
    };
    type Case = (
        MmdParams,
        Vec<f64>,
        Option<f64>,
        usize,
        ErrorKind,
        &'static str,
    );
    let cases: [Case; 6] = [
        (
            MmdParams { step: -1.0, ..good },
            a.clone(),
            None,
            4,
            ErrorKind::InvalidArgument,
            "step",
        ),
        (
            MmdParams {
                kernel: MmdKernel::Gaussian { sigma: 0.0 },
                ..good
            },
            a.clone(),
            None,
            4,
            ErrorKind::InvalidArgument,
            "sigma",
        ),
        (
            good,
            vec![0.5, 0.5, 0.0, 0.0],
            None,
            4,
            ErrorKind::InvalidArgument,
            "a[2]",
        ),
        (
            good,
            vec![0.5, 0.5, f64::NAN, 0.0],
            None,
            4,
            ErrorKind::NonFinite,
            "a[2]",
        ),
        (
            good,
            a.clone(),
            Some(f64::INFINITY),
            4,
            ErrorKind::NonFinite,
            "target_term",
        ),
        (
            good,
            a.clone(),
            None,
            5,
            ErrorKind::InvalidDimension,
            "x_new",
        ),
    ];
    for (p, a, target, rows, kind, word) in cases {
        let (k, msg) = run(&p, &a, target, rows);
        assert_eq!(k, kind, "{msg}");
        assert!(msg.contains(word), "{msg}");
    }
}

/// The unit-square grid's coordinates of pixel (r, c) of an h×h grid.
fn coords(r: usize, c: usize, h: usize) -> (f64, f64) {
    (r as f64 / (h - 1) as f64, c as f64 / (h - 1) as f64)
}

/// A sampled Gaussian blob of variance s per axis centred at (cr, cc), unit mass.
fn blob(h: usize, (cr, cc): (f64, f64), s: f64) -> Vec<f64> {
    let mut rho: Vec<f64> = (0..h * h)
        .map(|k| {
            let (x, y) = coords(k / h, k % h, h);
            (-((x - cr).powi(2) + (y - cc).powi(2)) / (2.0 * s)).exp()
        })
        .collect();
    let total: f64 = rho.iter().sum();
    rho.iter_mut().for_each(|v| *v /= total);
    rho
}

/// (mass, mean row, mean column, variance per axis averaged over the two axes).
fn moments(rho: &[f64], h: usize) -> (f64, f64, f64, f64) {
    let mass: f64 = rho.iter().sum();
    let (mut mr, mut mc) = (0.0, 0.0);
    for (k, &p) in rho.iter().enumerate() {
        let (x, y) = coords(k / h, k % h, h);
        mr += p * x / mass;
        mc += p * y / mass;
    }
    let mut var = 0.0;
    for (k, &p) in rho.iter().enumerate() {
        let (x, y) = coords(k / h, k % h, h);
        var += p * ((x - mr).powi(2) + (y - mc).powi(2)) / (2.0 * mass);
    }
    (mass, mr, mc, var)
}

/// The entropic JKO step of a Gaussian N(m, s) (per axis, continuous space) for
/// F = ∫ρ log ρ + (k/2)∫|x − c|²ρ and cost ½|x − y|²: the new law is Gaussian with
/// variance t solving t = s/β² + ε/β, β = 1 + τk − τ/t, and mean c + (m − c)/(1 + τk)
/// (the stationarity of the problem in the plan's Gaussian parameters: the new law is the
/// push-forward of the old by y = μ' + (x − μ)/β + noise of variance ε/β). Bisection.
fn gaussian_jko(s: f64, eps: f64, tau: f64, k: f64) -> (f64, f64) {
    let beta = |t: f64| 1.0 + tau * k - tau / t;
    let g = |t: f64| s / beta(t).powi(2) + eps / beta(t) - t;
    let (mut lo, mut hi) = (tau / (1.0 + tau * k) * (1.0 + 1e-12), 10.0);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if g(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let t = 0.5 * (lo + hi);
    (t, 1.0 / (1.0 + tau * k))
}

#[test]
fn jko_heat_steps_grow_the_variance_as_the_closed_form_and_keep_the_mass() {
    let h = 64;
    let (eps, tau) = (4e-4, 1e-3);
    let p = JkoParams {
        epsilon: eps,
        step: tau,
        max_iter: 2000,
        tolerance: 1e-12,
        num_threads: 1,
    };
    let mut rho = blob(h, (0.5, 0.5), 0.004);
    for step in 0..5 {
        let (_, _, _, s) = moments(&rho, h);
        let (next, info) = jko_step(&rho, None, h, h, &p).unwrap();
        assert!(info.converged, "{info:?}");
        let (mass, mr, mc, t) = moments(&next, h);
        assert!((mass - 1.0).abs() <= 1e-12, "mass {mass}");
        assert!(
            (mr - 0.5).abs() < 1e-9 && (mc - 0.5).abs() < 1e-9,
            "mean ({mr}, {mc})"
        );
        let (want, _) = gaussian_jko(s, eps, tau, 0.0);
        // The closed form's growth: ≈ 2τ (+ ≈ ε of entropic blur).
        assert!((want - s - 2.0 * tau).abs() < 1.1 * eps, "{want} from {s}");
        assert!(
            ((t - s) - (want - s)).abs() <= 0.01 * (want - s),
            "step {step}: variance {s} -> {t}, the closed form says {want}"
        );
        rho = next;
    }
}

#[test]
fn jko_fokker_planck_approaches_its_gaussian_stationary_density() {
    // V = |x − c|²/(2σ²): |x'|²/2 in units x' = (x − c)/σ; stationary density ∝ e^{−V}
    // (variance σ²) as ε → 0, and for ε > 0 the closed form's fixed point.
    let h = 64;
    let (eps, tau, sigma2) = (2e-4, 1e-3, 0.01);
    let k = 1.0 / sigma2;
    let c = (0.5, 0.5);
    let v: Vec<f64> = (0..h * h)
        .map(|i| {
            let (x, y) = coords(i / h, i % h, h);
            ((x - c.0).powi(2) + (y - c.1).powi(2)) / (2.0 * sigma2)
        })
        .collect();
    let p = JkoParams {
        epsilon: eps,
        step: tau,
        max_iter: 5000,
        tolerance: 1e-12,
        num_threads: 1,
    };
    let mut rho = blob(h, (0.4, 0.55), 0.003);
    for step in 0..60 {
        let (_, mr, mc, s) = moments(&rho, h);
        let (next, info) = jko_step(&rho, Some(&v), h, h, &p).unwrap();
        assert!(info.converged, "{info:?}");
        let (mass, nr, nc, t) = moments(&next, h);
        assert!((mass - 1.0).abs() <= 1e-12);
        let (want, shrink) = gaussian_jko(s, eps, tau, k);
        assert!(
            (t - want).abs() <= 0.01 * (want - s).abs() + 1e-5 * want,
            "step {step}: variance {s} -> {t}, closed form {want}"
        );
        for (m, n, cm) in [(mr, nr, c.0), (mc, nc, c.1)] {
            let want_mean = cm + (m - cm) * shrink;
            assert!(
                (n - want_mean).abs() <= 1e-3 * (m - cm).abs() + 1e-9,
                "step {step}: mean {m} -> {n}, closed form {want_mean}"
            );
        }
        rho = next;
    }
    // The fixed point of the closed form, and the density against the sampled Gaussian of
    // that variance (and of σ², the ε → 0 limit, more loosely).
    let mut fixed = sigma2;
    for _ in 0..1000 {
        fixed = gaussian_jko(fixed, eps, tau, k).0;
    }
    let (_, mr, mc, var) = moments(&rho, h);
    assert!(
        (mr - c.0).abs() < 1e-3 && (mc - c.1).abs() < 1e-3,
        "mean ({mr}, {mc})"
    );
    assert!(
        (var - fixed).abs() < 0.01 * fixed,
        "variance {var} vs stationary {fixed}"
    );
    let l1 = |g: &[f64]| rho.iter().zip(g).map(|(p, q)| (p - q).abs()).sum::<f64>();
    assert!(
        l1(&blob(h, c, fixed)) < 0.02,
        "L1 to the stationary Gaussian {}",
        l1(&blob(h, c, fixed))
    );
    assert!(
        l1(&blob(h, c, sigma2)) < 0.1,
        "L1 to e^(-V) {}",
        l1(&blob(h, c, sigma2))
    );
}

/// L1 distance of two densities.
fn l1_between(p: &[f64], q: &[f64]) -> f64 {
    p.iter().zip(q).map(|(a, b)| (a - b).abs()).sum()
}

/// Along a heat flow of a Gaussian on 64 × 64 (and a Fokker–Planck one), each step
/// warm-started from the previous step's dual gives the cold step's density to the
/// tolerance (both stop within `tol·κ/(1 − κ)` of the fixed point, κ = τ/(τ + ε), the
/// contraction factor; the bound below allows twice that, for both, plus rounding) in fewer
/// iterations; the first step, from zeros, is the cold one, bit for bit.
#[test]
fn jko_warm_steps_give_the_cold_densities_in_fewer_iterations() {
    let h = 64;
    let tol = 1e-10;
    let v: Vec<f64> = (0..h * h)
        .map(|i| {
            let (x, y) = coords(i / h, i % h, h);
            ((x - 0.5).powi(2) + (y - 0.5).powi(2)) / 0.02
        })
        .collect();
    for (eps, tau, potential) in [
        (1e-3, 1e-3, None),
        (1e-3, 1e-2, None),
        (1e-3, 1e-3, Some(&v[..])),
    ] {
        let p = JkoParams {
            epsilon: eps,
            step: tau,
            max_iter: 5000,
            tolerance: tol,
            num_threads: 1,
        };
        let kappa = tau / (tau + eps);
        let bound = 4.0 * tol * kappa / (1.0 - kappa) + 1e-13;
        let mut rho = blob(h, (0.45, 0.55), 0.004);
        let mut dual = vec![0.0; h * h];
        let (mut cold_total, mut warm_total) = (0, 0);
        for step in 0..6 {
            let (cold, cold_info) = jko_step(&rho, potential, h, h, &p).unwrap();
            let (warm, warm_info) = jko_step_warm(&rho, potential, h, h, &p, &mut dual).unwrap();
            assert!(cold_info.converged && warm_info.converged);
            let gap = l1_between(&cold, &warm);
            assert!(
                gap <= bound,
                "τ {tau}, step {step}: warm and cold densities differ by {gap:e} > {bound:e}"
            );
            if step == 0 {
                assert_eq!((cold, cold_info), (warm.clone(), warm_info));
            } else {
                assert!(
                    warm_info.iterations < cold_info.iterations,
                    "τ {tau}, step {step}: warm {} vs cold {} iterations",
                    warm_info.iterations,
                    cold_info.iterations
                );
            }
            if step > 0 {
                cold_total += cold_info.iterations;
                warm_total += warm_info.iterations;
            }
            rho = warm;
        }
        // Over the steps after the first the warm start saves a fifth or more.
        assert!(
            5 * warm_total <= 4 * cold_total,
            "τ {tau}: {warm_total} warm vs {cold_total} cold iterations"
        );
    }
}

/// The dual a cold step returns, fed back into the same step, is at the fixed point to the
/// tolerance: the step converges in at most 2 iterations, to the same density.
#[test]
fn jko_step_from_its_own_dual_converges_at_once() {
    let h = 40;
    let rho = blob(h, (0.4, 0.5), 0.006);
    let v: Vec<f64> = (0..h * h).map(|i| (i % h) as f64 * 0.05).collect();
    let p = JkoParams {
        epsilon: 1e-3,
        step: 2e-3,
        max_iter: 5000,
        tolerance: 1e-11,
        num_threads: 1,
    };
    let run = |dual: &mut [f64]| {
        let mut out = vec![0.0; h * h];
        let info = with_stack(jko_step_warm_scratch::<f64>(h, h), |st| {
            jko_step_warm_in_place(&rho, Some(&v), h, h, &p, dual, &mut out, Par::Seq, st)
        })
        .unwrap()
        .unwrap();
        (out, info)
    };
    let mut dual = vec![0.0; h * h];
    let (cold, cold_info) = run(&mut dual);
    assert!(
        cold_info.converged && cold_info.iterations > 20,
        "{cold_info:?}"
    );
    assert!(dual.iter().all(|u| u.is_finite() && *u != 0.0));
    let (again, info) = run(&mut dual);
    assert!(info.converged && info.iterations <= 2, "{info:?}");
    assert!(
        l1_between(&cold, &again) <= 2.0 * p.tolerance,
        "{:e}",
        l1_between(&cold, &again)
    );
}

#[test]
fn jko_steps_are_identical_for_every_thread_count() {
    let h = 80;
    let rho = blob(h, (0.45, 0.5), 0.005);
    let v: Vec<f64> = (0..h * h).map(|i| (i % 7) as f64 * 0.1).collect();
    let p = JkoParams {
        epsilon: 5e-4,
        step: 1e-3,
        max_iter: 30,
        tolerance: 0.0,
        num_threads: 1,
    };
    let run = |par: Par| {
        let mut out = vec![0.0; h * h];
        let info = with_stack(jko_step_scratch::<f64>(h, h), |st| {
            jko_step_in_place(&rho, Some(&v), h, h, &p, &mut out, par, st)
        })
        .unwrap()
        .unwrap();
        (out, info)
    };
    let one = run(Par::Seq);
    assert_eq!(one.1.iterations, 30);
    for k in [2, 3] {
        let many = otcore::par::with_threads(k, run).unwrap();
        assert!(
            one.0
                .iter()
                .zip(&many.0)
                .all(|(x, y)| x.to_bits() == y.to_bits()),
            "{k} threads"
        );
        assert_eq!(one.1, many.1);
    }
}

#[test]
fn jko_step_refuses_bad_inputs_and_leaves_its_output() {
    let h = 6;
    let rho = blob(h, (0.5, 0.5), 0.05);
    let good = JkoParams::default();
    let run = |rho: &[f64], v: Option<&[f64]>, p: &JkoParams, out_len: usize| {
        let mut out = vec![7.0; out_len];
        let e = with_stack(jko_step_scratch::<f64>(h, h), |st| {
            jko_step_in_place(rho, v, h, h, p, &mut out, Par::Seq, st)
        })
        .unwrap()
        .unwrap_err();
        assert!(out.iter().all(|&x| x == 7.0), "output written on error");
        (e.kind, e.message)
    };
    let mut neg = rho.clone();
    neg[3] = -1e-3;
    let zeros = vec![0.0; h * h];
    let mut bad_v = vec![0.0; h * h];
    bad_v[5] = f64::NAN;
    let short_v = vec![0.0; 5];
    let n = h * h;
    type Case<'c> = (
        &'c [f64],
        Option<&'c [f64]>,
        JkoParams,
        usize,
        ErrorKind,
        &'static str,
    );
    let cases: [Case<'_>; 8] = [
        (
            &rho,
            None,
            JkoParams {
                epsilon: 0.0,
                ..good
            },
            n,
            ErrorKind::InvalidArgument,
            "epsilon",
        ),
        (
            &rho,
            None,
            JkoParams {
                step: f64::NAN,
                ..good
            },
            n,
            ErrorKind::InvalidArgument,
            "step",
        ),
        (
            &rho,
            None,
            JkoParams {
                max_iter: 0,
                ..good
            },
            n,
            ErrorKind::InvalidArgument,
            "max_iter",
        ),
        (&neg, None, good, n, ErrorKind::InvalidArgument, "rho"),
        (&zeros, None, good, n, ErrorKind::InvalidArgument, "rho"),
        (
            &rho,
            Some(&bad_v),
            good,
            n,
            ErrorKind::NonFinite,
            "potential[5]",
        ),
        (
            &rho,
            Some(&short_v),
            good,
            n,
            ErrorKind::InvalidDimension,
            "potential",
        ),
        (&rho, None, good, n - 1, ErrorKind::InvalidDimension, "out"),
    ];
    for (rho, v, p, len, kind, word) in cases {
        let (k, msg) = run(rho, v, &p, len);
        assert_eq!(k, kind, "{msg}");
        assert!(msg.contains(word), "{msg}");
    }
    // The warm start's dual: non-finite or of the wrong length; it and out stay as given.
    let mut nan_dual = vec![0.5; n];
    nan_dual[9] = f64::INFINITY;
    for (mut dual, kind, word) in [
        (nan_dual, ErrorKind::NonFinite, "dual (warm start)[9]"),
        (vec![0.5; n + 1], ErrorKind::InvalidDimension, "the dual 37"),
    ] {
        let before = dual.clone();
        let mut out = vec![7.0; n];
        let e = with_stack(jko_step_warm_scratch::<f64>(h, h), |st| {
            jko_step_warm_in_place(&rho, None, h, h, &good, &mut dual, &mut out, Par::Seq, st)
        })
        .unwrap()
        .unwrap_err();
        assert_eq!(e.kind, kind, "{}", e.message);
        assert!(e.message.contains(word), "{}", e.message);
        assert!(out.iter().all(|&x| x == 7.0) && dual == before);
    }
}
