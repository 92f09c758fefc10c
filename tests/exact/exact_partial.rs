//! Exact partial OT and TV-unbalanced OT: LP duality certificates (primal feasible, dual
//! feasible, equal objectives), closed forms on tiny problems, the relation between the two
//! problems, notebook 5's behaviour as ρ varies, layouts, and every bad input.

use crate::exact_support;
use exact_support::*;
use faer::Mat;
use otcore::exact::{
    emd, emd_partial, emd_partial_in_place, emd_partial_scratch, emd_tv, EmdOutputs, EmdParams,
    PartialParams, PartialSolution, SparsePlanMut,
};
use otcore::{ErrorKind, MatRef, Par};

/// Unnormalised positive weights (the two sides carry different masses).
fn problem(rng: &mut Rng, n: usize, m: usize) -> (Vec<f64>, Vec<f64>, Mat<f64>) {
    let a: Vec<f64> = (0..n).map(|_| rng.uniform() + 0.01).collect();
    let b: Vec<f64> = (0..m).map(|_| 2.0 * rng.uniform() + 0.01).collect();
    let c = Mat::from_fn(n, m, |_, _| rng.uniform());
    (a, b, c)
}

/// The plan as a dense matrix, after checking `P ≥ 0`, `P·1 ≤ a`, `Pᵀ·1 ≤ b` and the
/// reported mass and cost.
fn feasible_plan(a: &[f64], b: &[f64], c: MatRef<'_, f64>, s: &PartialSolution) -> Mat<f64> {
    let (n, m) = (a.len(), b.len());
    assert!(s.info.converged);
    assert_eq!(s.plan.len(), s.info.nnz);
    assert!(s.plan.len() < n + m, "{} entries", s.plan.len());
    let mut p = Mat::<f64>::zeros(n, m);
    let (mut mass, mut cost) = (0.0, 0.0);
    for &(i, j, x) in &s.plan {
        assert!(x > 0.0);
        p[(i, j)] += x;
        mass += x;
        cost += x * c[(i, j)];
    }
    let tol = 1e-12 * (a.iter().sum::<f64>() + b.iter().sum::<f64>());
    for i in 0..n {
        let r: f64 = (0..m).map(|j| p[(i, j)]).sum();
        assert!(r <= a[i] + tol, "row {i}: {r} > {}", a[i]);
    }
    for j in 0..m {
        let r: f64 = (0..n).map(|i| p[(i, j)]).sum();
        assert!(r <= b[j] + tol, "column {j}: {r} > {}", b[j]);
    }
    assert!((mass - s.info.mass).abs() <= tol);
    assert!((cost - s.info.cost).abs() <= 1e-12 * (1.0 + cost));
    p
}

fn max_cost(c: MatRef<'_, f64>) -> f64 {
    (0..c.nrows())
        .flat_map(|i| (0..c.ncols()).map(move |j| (i, j)))
        .map(|(i, j)| c[(i, j)])
        .fold(0.0, f64::max)
}

/// Checks the partial-OT certificate: plan feasible with mass `mt`; duals f ≤ 0, g ≤ 0,
/// f_i + g_j + λ ≤ C_ij; cost = a·f + b·g + mt·λ.
fn certify_partial(a: &[f64], b: &[f64], c: MatRef<'_, f64>, mt: f64, s: &PartialSolution) {
    feasible_plan(a, b, c, s);
    let scale = 1e-11 * (1.0 + max_cost(c)) * (1.0 + mt);
    assert!(
        (s.info.mass - mt).abs() <= 1e-12 * (1.0 + mt),
        "{}",
        s.info.mass
    );
    assert_eq!(s.info.objective, s.info.cost);
    let lam = s.info.mass_price;
    assert!(s.f.iter().all(|&x| x <= scale), "{:?}", s.f);
    assert!(s.g.iter().all(|&x| x <= scale), "{:?}", s.g);
    for i in 0..a.len() {
        for j in 0..b.len() {
            assert!(s.f[i] + s.g[j] + lam <= c[(i, j)] + scale);
        }
    }
    let dual = dot(a, &s.f) + dot(b, &s.g) + mt * lam;
    assert!(
        (dual - s.info.cost).abs() <= scale,
        "dual {dual} vs cost {}",
        s.info.cost
    );
    assert!(s.info.gap >= -scale);
}

/// Checks the TV certificate: plan feasible; duals f ≤ ρ, g ≤ ρ, f_i + g_j ≤ C_ij; the
/// objective is cost + ρ(Σa + Σb − 2·mass) and equals a·f + b·g.
fn certify_tv(a: &[f64], b: &[f64], c: MatRef<'_, f64>, rho: f64, s: &PartialSolution) {
    feasible_plan(a, b, c, s);
    let (sa, sb) = (a.iter().sum::<f64>(), b.iter().sum::<f64>());
    let scale = 1e-11 * (1.0 + max_cost(c) + rho) * (1.0 + sa + sb);
    let primal = s.info.cost + rho * (sa + sb - 2.0 * s.info.mass);
    assert!((primal - s.info.objective).abs() <= scale);
    assert!(s.f.iter().all(|&x| x <= rho + scale), "{:?}", s.f);
    assert!(s.g.iter().all(|&x| x <= rho + scale), "{:?}", s.g);
    for i in 0..a.len() {
        for j in 0..b.len() {
            assert!(s.f[i] + s.g[j] <= c[(i, j)] + scale);
        }
    }
    let dual = dot(a, &s.f) + dot(b, &s.g);
    assert!(
        (dual - primal).abs() <= scale,
        "dual {dual} vs primal {primal}"
    );
}

fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(p, q)| p * q).sum()
}

#[test]
fn partial_ot_is_certified_optimal_on_random_problems() {
    let mut rng = Rng(17);
    let params = PartialParams::default();
    for _ in 0..60 {
        let (n, m) = (rng.int(1, 12), rng.int(1, 12));
        let (a, b, c) = problem(&mut rng, n, m);
        let most = a.iter().sum::<f64>().min(b.iter().sum());
        for frac in [0.0, 0.1, 0.5, 0.9, 1.0] {
            let mt = frac * most;
            let s = emd_partial(&a, &b, c.as_ref(), mt, &params).unwrap();
            certify_partial(&a, &b, c.as_ref(), mt, &s);
        }
    }
}

#[test]
fn tv_ot_is_certified_optimal_on_random_problems() {
    let mut rng = Rng(71);
    let params = PartialParams::default();
    for _ in 0..60 {
        let (n, m) = (rng.int(1, 12), rng.int(1, 12));
        let (a, b, c) = problem(&mut rng, n, m);
        for rho in [0.0, 0.05, 0.2, 0.4, 1.0, 10.0] {
            let s = emd_tv(&a, &b, c.as_ref(), rho, &params).unwrap();
            certify_tv(&a, &b, c.as_ref(), rho, &s);
        }
    }
}

#[test]
fn tiny_problems_match_their_closed_forms() {
    let params = PartialParams::default();
    // One point each side: partial OT moves mt at cost mt·C.
    let c = Mat::from_fn(1, 1, |_, _| 3.0);
    let s = emd_partial(&[2.0], &[5.0], c.as_ref(), 1.5, &params).unwrap();
    assert_eq!((s.info.cost, s.info.mass), (4.5, 1.5));
    // TV: move min(a, b) when C < 2ρ, nothing when C > 2ρ.
    let s = emd_tv(&[2.0], &[5.0], c.as_ref(), 2.0, &params).unwrap();
    assert_eq!(s.info.mass, 2.0);
    assert_eq!(s.info.objective, 2.0 * 3.0 + 2.0 * 3.0);
    let s = emd_tv(&[2.0], &[5.0], c.as_ref(), 1.0, &params).unwrap();
    assert_eq!(s.info.mass, 0.0);
    assert_eq!(s.info.objective, 7.0);
    assert!(s.plan.is_empty());
    // Two by two: the cheap diagonal moves first.
    let c = Mat::from_fn(2, 2, |i, j| if i == j { 1.0 } else { 4.0 });
    let s = emd_partial(&[1.0, 1.0], &[1.0, 1.0], c.as_ref(), 1.5, &params).unwrap();
    assert_eq!(s.info.cost, 1.5);
    let s = emd_tv(&[1.0, 1.0], &[1.0, 1.0], c.as_ref(), 1.0, &params).unwrap();
    assert_eq!((s.info.mass, s.info.objective), (2.0, 2.0));
    // ρ between 1/2 and 2: the diagonal only; ρ > 2 changes nothing (the diagonal is the
    // balanced optimum).
    let s = emd_tv(&[1.0, 2.0], &[2.0, 1.0], c.as_ref(), 1.5, &params).unwrap();
    assert_eq!(s.info.mass, 2.0);
    assert_eq!(s.info.objective, 2.0 + 1.5 * 2.0);
}

#[test]
fn tv_equals_partial_at_its_own_mass_and_bounds_every_other_mass() {
    // TV(ρ) = min over m of partial(m) + ρ(Σa + Σb − 2m).
    let mut rng = Rng(5);
    let params = PartialParams::default();
    for _ in 0..20 {
        let (n, m) = (rng.int(2, 10), rng.int(2, 10));
        let (a, b, c) = problem(&mut rng, n, m);
        let (sa, sb) = (a.iter().sum::<f64>(), b.iter().sum::<f64>());
        let rho = 0.1 + 0.4 * rng.uniform();
        let tv = emd_tv(&a, &b, c.as_ref(), rho, &params).unwrap();
        let at = emd_partial(&a, &b, c.as_ref(), tv.info.mass, &params).unwrap();
        let via = at.info.cost + rho * (sa + sb - 2.0 * tv.info.mass);
        assert!((via - tv.info.objective).abs() <= 1e-12 * (1.0 + via));
        for k in 0..=10 {
            let mt = k as f64 / 10.0 * sa.min(sb);
            let p = emd_partial(&a, &b, c.as_ref(), mt, &params).unwrap();
            let v = p.info.cost + rho * (sa + sb - 2.0 * mt);
            assert!(v >= tv.info.objective - 1e-12 * (1.0 + v));
        }
    }
}

#[test]
fn partial_cost_is_convex_in_the_mass_and_its_slope_is_the_mass_price() {
    let mut rng = Rng(9);
    let (a, b, c) = problem(&mut rng, 9, 7);
    let params = PartialParams::default();
    let most = a.iter().sum::<f64>().min(b.iter().sum());
    let h = most / 40.0;
    let cost = |mt: f64| emd_partial(&a, &b, c.as_ref(), mt, &params).unwrap();
    let mut prev_slope = 0.0;
    for k in 1..40 {
        let mt = k as f64 * h;
        let (lo, mid, hi) = (cost(mt - h), cost(mt), cost(mt + h));
        let (left, right) = (
            (mid.info.cost - lo.info.cost) / h,
            (hi.info.cost - mid.info.cost) / h,
        );
        assert!(left <= right + 1e-9, "not convex at {mt}");
        assert!(left >= prev_slope - 1e-9);
        prev_slope = left;
        // λ is a subgradient: between the one-sided slopes.
        let lam = mid.info.mass_price;
        assert!(
            left - 1e-9 <= lam && lam <= right + 1e-9,
            "{left} {lam} {right}"
        );
    }
}

#[test]
fn notebook_5_mass_grows_with_rho_up_to_balanced_ot() {
    // Notebook 5 ("penalised partial transport"): two clouds in the plane, equal masses.
    let mut rng = Rng(2024);
    let n = 30;
    let p: Vec<[f64; 2]> = (0..n).map(|_| [rng.uniform(), rng.uniform()]).collect();
    let q: Vec<[f64; 2]> = (0..n)
        .map(|_| [rng.uniform() + 0.5, rng.uniform()])
        .collect();
    let c = Mat::from_fn(n, n, |i, j| {
        (p[i][0] - q[j][0]).powi(2) + (p[i][1] - q[j][1]).powi(2)
    });
    let w = vec![1.0 / n as f64; n];
    let params = PartialParams::default();
    let balanced = emd(&w, &w, c.as_ref(), &EmdParams::default()).unwrap();
    let mut prev = 0.0;
    let rhos = [1e-4, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2.0, 10.0];
    for &rho in &rhos {
        let s = emd_tv(&w, &w, c.as_ref(), rho, &params).unwrap();
        certify_tv(&w, &w, c.as_ref(), rho, &s);
        assert!(s.info.mass >= prev - 1e-12, "mass fell at rho = {rho}");
        prev = s.info.mass;
        // Every moved pair is worth moving: C_ij ≤ 2ρ.
        assert!(s
            .plan
            .iter()
            .all(|&(i, j, _)| c[(i, j)] <= 2.0 * rho + 1e-12));
        if rho == 1e-4 {
            assert_eq!(s.info.mass, 0.0, "min C = {}", {
                (0..n * n).map(|k| c[(k / n, k % n)]).fold(9.0, f64::min)
            });
        }
        if 2.0 * rho > max_cost(c.as_ref()) {
            assert!((s.info.mass - 1.0).abs() < 1e-12);
            assert!((s.info.cost - balanced.cost).abs() <= 1e-12);
        }
    }
    assert!(2.0 * 10.0 > max_cost(c.as_ref()));
}

#[test]
fn full_mass_partial_ot_is_balanced_ot() {
    let mut rng = Rng(3);
    for _ in 0..10 {
        let (n, m) = (rng.int(2, 15), rng.int(2, 15));
        let (a, b, c) = problem(&mut rng, n, m);
        let b: Vec<f64> = normalised(b)
            .iter()
            .map(|x| x * a.iter().sum::<f64>())
            .collect();
        let mt = a.iter().sum();
        let s = emd_partial(&a, &b, c.as_ref(), mt, &PartialParams::default()).unwrap();
        let e = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
        assert!((s.info.cost - e.cost).abs() <= 1e-12 * (1.0 + e.cost));
    }
}

#[test]
fn layouts_zero_weights_and_zero_costs() {
    let mut rng = Rng(11);
    let params = PartialParams::default();
    let (mut a, mut b, c) = problem(&mut rng, 8, 6);
    a[2] = 0.0;
    b[0] = 0.0;
    b[5] = 0.0;
    let row_major = emd_partial(&a, &b, c.as_ref(), 0.6, &params).unwrap();
    certify_partial(&a, &b, c.as_ref(), 0.6, &row_major);
    // Column-major (solved transposed) and a strided view give the same cost.
    let mut t = Mat::<f64>::zeros(6, 8);
    for i in 0..8 {
        for j in 0..6 {
            t[(j, i)] = c[(i, j)];
        }
    }
    let cm = t.as_ref().transpose();
    let s = emd_partial(&a, &b, cm, 0.6, &params).unwrap();
    certify_partial(&a, &b, cm, 0.6, &s);
    assert!((s.info.cost - row_major.info.cost).abs() <= 1e-14);
    let tv = emd_tv(&a, &b, cm, 0.3, &params).unwrap();
    certify_tv(&a, &b, cm, 0.3, &tv);
    // A side without mass: nothing moves, TV destroys / creates everything.
    let z = vec![0.0; 8];
    let s = emd_partial(&z, &b, c.as_ref(), 0.0, &params).unwrap();
    certify_partial(&z, &b, c.as_ref(), 0.0, &s);
    let s = emd_tv(&z, &b, c.as_ref(), 0.5, &params).unwrap();
    certify_tv(&z, &b, c.as_ref(), 0.5, &s);
    assert_eq!(s.info.objective, 0.5 * b.iter().sum::<f64>());
    // All costs zero: partial moves exactly mt at cost 0.
    let c0 = Mat::<f64>::zeros(8, 6);
    let s = emd_partial(&a, &b, c0.as_ref(), 0.7, &params).unwrap();
    certify_partial(&a, &b, c0.as_ref(), 0.7, &s);
}

#[test]
fn bad_inputs_are_rejected_and_leave_outputs_untouched() {
    let mut rng = Rng(1);
    let (a, b, c) = problem(&mut rng, 3, 4);
    let params = PartialParams::default();
    let most = a.iter().sum::<f64>().min(b.iter().sum());
    let run = |a: &[f64], b: &[f64], c: MatRef<'_, f64>, mt: f64, p: &PartialParams| {
        let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); 1 << 16];
        let stack = otcore::MemStack::new(&mut buf);
        let mut f = vec![7.0; a.len()];
        let (mut ri, mut ci, mut ms) = ([9usize; 6], [9usize; 6], [7.0; 6]);
        let out = EmdOutputs {
            f: Some(&mut f),
            g: None,
            sparse: Some(SparsePlanMut {
                rows: &mut ri,
                cols: &mut ci,
                mass: &mut ms,
            }),
            dense: None,
        };
        let r = emd_partial_in_place(a, b, c, mt, out, p, Par::Seq, stack);
        assert!(f.iter().all(|&x| x == 7.0) && ms.iter().all(|&x| x == 7.0));
        assert!(ri.iter().chain(&ci).all(|&x| x == 9));
        r.unwrap_err()
    };
    let e = run(&a, &b, c.as_ref(), most * 1.01, &params);
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    assert!(
        e.message.contains("exceeds min(sum a, sum b)"),
        "{}",
        e.message
    );
    let e = run(&a, &b, c.as_ref(), -0.1, &params);
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    assert!(e.message.contains("target mass"));
    let e = run(&a, &b, c.as_ref(), f64::NAN, &params);
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    let mut bad = a.clone();
    bad[1] = -1.0;
    let e = run(&bad, &b, c.as_ref(), 0.1, &params);
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    assert!(e.message.contains("a[1]"), "{}", e.message);
    bad[1] = f64::INFINITY;
    assert_eq!(
        run(&bad, &b, c.as_ref(), 0.1, &params).kind,
        ErrorKind::NonFinite
    );
    let mut cbad = c.clone();
    cbad[(2, 1)] = f64::NAN;
    let e = run(&a, &b, cbad.as_ref(), 0.1, &params);
    assert_eq!(e.kind, ErrorKind::NonFinite);
    assert!(e.message.contains("cost[2, 1]"));
    cbad[(2, 1)] = -1.0;
    assert_eq!(
        run(&a, &b, cbad.as_ref(), 0.1, &params).kind,
        ErrorKind::InvalidArgument
    );
    let e = run(&a, &b[..3], c.as_ref(), 0.1, &params);
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    let e = run(&[], &b, c.as_ref().subrows(0, 0), 0.0, &params);
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    let p = PartialParams {
        mass_tolerance: -1.0,
        ..params
    };
    assert_eq!(
        run(&a, &b, c.as_ref(), 0.1, &p).kind,
        ErrorKind::InvalidArgument
    );
    // TV: ρ negative, NaN, or so large that the big-M arcs overflow.
    for rho in [-1.0, f64::NAN, f64::INFINITY, 1e308] {
        let e = emd_tv(&a, &b, c.as_ref(), rho, &params).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert!(e.message.contains("rho"));
    }
    // Too small a workspace.
    let mut small = vec![std::mem::MaybeUninit::<u8>::uninit(); 16];
    let stack = otcore::MemStack::new(&mut small);
    let out = EmdOutputs::default();
    let e = emd_partial_in_place(&a, &b, c.as_ref(), 0.1, out, &params, Par::Seq, stack);
    assert_eq!(e.unwrap_err().kind, ErrorKind::WorkspaceTooSmall);
    assert!(emd_partial_scratch(3, 4).size_bytes() > 16);
}
