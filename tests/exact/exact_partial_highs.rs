//! Exact partial OT and TV-unbalanced OT against HiGHS on their LP formulations, written
//! directly (the TV one with its absolute values as slack pairs, so it does not rely on the
//! reduction to sub-couplings the solver uses).
#![cfg(feature = "highs")]

use crate::exact_support;
use exact_support::*;
use faer::Mat;
use good_lp::{constraint, variable, variables, Expression, Solution, SolverModel};
use otcore::exact::{emd_partial, emd_tv, PartialParams};

/// `min ⟨C, P⟩  s.t.  P ≥ 0, P·1 ≤ a, Pᵀ·1 ≤ b, Σ P = mt` by HiGHS.
fn highs_partial(a: &[f64], b: &[f64], c: &Mat<f64>, mt: f64) -> f64 {
    let (n, m) = (a.len(), b.len());
    let mut vars = variables!();
    let x: Vec<_> = (0..n * m).map(|_| vars.add(variable().min(0.0))).collect();
    let obj: Expression = (0..n * m).map(|k| c[(k / m, k % m)] * x[k]).sum();
    let mut model = vars
        .minimise(obj)
        .using(good_lp::highs)
        .set_option("primal_feasibility_tolerance", 1e-10)
        .set_option("dual_feasibility_tolerance", 1e-10);
    for i in 0..n {
        let row: Expression = (0..m).map(|j| x[i * m + j]).sum();
        model = model.with(constraint!(row <= a[i]));
    }
    for j in 0..m {
        let col: Expression = (0..n).map(|i| x[i * m + j]).sum();
        model = model.with(constraint!(col <= b[j]));
    }
    let total: Expression = x.iter().sum();
    model = model.with(constraint!(total == mt));
    let sol = model.solve().expect("HiGHS solves the partial LP");
    (0..n * m)
        .map(|k| c[(k / m, k % m)] * sol.value(x[k]))
        .sum()
}

/// `min ⟨C, P⟩ + ρ Σ_i |p_i − a_i| + ρ Σ_j |q_j − b_j|` over P ≥ 0, with
/// `p_i − a_i = s⁺_i − s⁻_i` (s± ≥ 0), by HiGHS.
fn highs_tv(a: &[f64], b: &[f64], c: &Mat<f64>, rho: f64) -> f64 {
    let (n, m) = (a.len(), b.len());
    let mut vars = variables!();
    let x: Vec<_> = (0..n * m).map(|_| vars.add(variable().min(0.0))).collect();
    let sp: Vec<_> = (0..n + m).map(|_| vars.add(variable().min(0.0))).collect();
    let sm: Vec<_> = (0..n + m).map(|_| vars.add(variable().min(0.0))).collect();
    let mut obj: Expression = (0..n * m).map(|k| c[(k / m, k % m)] * x[k]).sum();
    for k in 0..n + m {
        obj += rho * sp[k] + rho * sm[k];
    }
    let mut model = vars
        .minimise(obj)
        .using(good_lp::highs)
        .set_option("primal_feasibility_tolerance", 1e-10)
        .set_option("dual_feasibility_tolerance", 1e-10);
    for i in 0..n {
        let row: Expression = (0..m).map(|j| x[i * m + j]).sum();
        model = model.with(constraint!(row - sp[i] + sm[i] == a[i]));
    }
    for j in 0..m {
        let col: Expression = (0..n).map(|i| x[i * m + j]).sum();
        model = model.with(constraint!(col - sp[n + j] + sm[n + j] == b[j]));
    }
    let sol = model.solve().expect("HiGHS solves the TV LP");
    let mut v: f64 = (0..n * m)
        .map(|k| c[(k / m, k % m)] * sol.value(x[k]))
        .sum();
    for k in 0..n + m {
        v += rho * (sol.value(sp[k]) + sol.value(sm[k]));
    }
    v
}

/// Random problems of several kinds: (a, b, cost).
fn problem(rng: &mut Rng, kind: usize) -> (Vec<f64>, Vec<f64>, Mat<f64>) {
    let (n, m) = (rng.int(1, 14), rng.int(1, 14));
    let mut a: Vec<f64> = (0..n).map(|_| rng.uniform() + 0.02).collect();
    let mut b: Vec<f64> = (0..m).map(|_| 1.5 * rng.uniform() + 0.02).collect();
    let c = match kind {
        0 => Mat::from_fn(n, m, |_, _| rng.uniform()),
        1 => Mat::from_fn(n, m, |_, _| rng.int(0, 3) as f64),
        2 => {
            a.iter_mut().for_each(|x| {
                if *x < 0.4 {
                    *x = 0.0
                }
            });
            b.iter_mut().for_each(|x| {
                if *x < 0.4 {
                    *x = 0.0
                }
            });
            Mat::from_fn(n, m, |_, _| rng.uniform())
        }
        _ => Mat::from_fn(n, m, |_, _| 1e3 * rng.uniform()),
    };
    (a, b, c)
}

#[test]
fn partial_and_tv_agree_with_highs_on_160_problems() {
    let mut rng = Rng(0xC0FFEE);
    let params = PartialParams::default();
    for t in 0..160 {
        let (a, b, c) = problem(&mut rng, t % 4);
        let (sa, sb) = (a.iter().sum::<f64>(), b.iter().sum::<f64>());
        let cmax = (0..a.len() * b.len())
            .map(|k| c[(k / b.len(), k % b.len())])
            .fold(0.0, f64::max);
        let mt = rng.uniform() * sa.min(sb);
        let ours = emd_partial(&a, &b, c.as_ref(), mt, &params).unwrap();
        let want = highs_partial(&a, &b, &c, mt);
        let tol = 1e-7 * (1.0 + cmax) * (1.0 + sa + sb);
        assert!(
            (ours.info.cost - want).abs() <= tol,
            "partial {t}: {} vs HiGHS {want}",
            ours.info.cost
        );
        let rho = cmax * rng.uniform();
        let ours = emd_tv(&a, &b, c.as_ref(), rho, &params).unwrap();
        let want = highs_tv(&a, &b, &c, rho);
        assert!(
            (ours.info.objective - want).abs() <= tol,
            "TV {t} (rho {rho}): {} vs HiGHS {want}",
            ours.info.objective
        );
    }
}
