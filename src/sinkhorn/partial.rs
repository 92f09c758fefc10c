//! Entropic partial OT: move a given mass `m ≤ min(Σa, Σb)` at least entropic cost,
//!
//! ```text
//! min ⟨C, P⟩ + ε·KL(P | a⊗b)   over P ≥ 0 with P·1 ≤ a, Pᵀ·1 ≤ b, Σ P = m,
//! ```
//!
//! the entropic counterpart of [`crate::exact::emd_partial`]. The optimal plan is
//! `P_ij = a_i b_j exp((f_i + g_j + λ − C_ij)/ε)` with duals f ≤ 0, g ≤ 0 (the prices of the
//! capacity constraints) and λ the price of the mass constraint; they maximise the concave
//! dual `⟨a, f⟩ + ⟨b, g⟩ + λ·m − ε(ΣP − Σa·Σb)`.
//!
//! The solver is exact block-coordinate ascent on that dual, one block at a time in closed
//! form: the row block is the balanced Sinkhorn update clamped at 0,
//! `f_i ← min(−ε log Σ_j b_j exp((g_j − C_ij)/ε) − λ, 0)`, the column block likewise, and
//! the mass block `λ ← λ + ε log(m / ΣP)` (O(m): the column sums come out of the column
//! update). Each iteration costs the two log-domain passes of [`super::solver`] (2·n·m
//! exponentials, SIMD, threads) plus O(n + m), in O((n + m)(1 + d)) memory. Every step
//! increases the dual and its fixed points are exactly the KKT points, so it converges to the
//! unique optimum; the reported error measures those conditions. (POT's
//! `entropic_partial_wasserstein` runs Dykstra's projections on the plan itself: three n×m
//! correction matrices and several n×m passes an iteration; for uniform weights it solves the
//! same problem, since ε·KL(P | a⊗b) and ε·KL(P | 1) then differ by a constant on ΣP = m.)

use super::checks::check_cost;
use super::cost_source::{source_scratch, with_source, Cost};
use crate::error::check_weights;
use crate::progress::{self, Flow};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MemStack, Par, Real, Result, StackReq};

/// Parameters of [`sinkhorn_partial_in_place`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EntropicPartialParams {
    /// Entropic regularisation ε > 0, in cost units.
    pub epsilon: f64,
    /// Stop when the L1 error of the optimality conditions ([`EntropicPartialInfo::marginal_error`])
    /// is at most this (0 = run to `max_iter`).
    pub tolerance: f64,
    /// Iteration cap (an iteration is one row, one column and one mass update).
    pub max_iter: usize,
    /// Check the error every this many iterations (≥ 1; a check costs O(n + m)).
    pub check_every: usize,
    /// A target mass above min(Σa, Σb) by at most this relative amount is taken as
    /// min(Σa, Σb).
    pub mass_tolerance: f64,
    /// Threads for the convenience level [`sinkhorn_partial`] (0 = default, 1 = calling
    /// thread, k = k workers).
    pub num_threads: usize,
}

impl Default for EntropicPartialParams {
    fn default() -> Self {
        EntropicPartialParams {
            epsilon: 1e-2,
            tolerance: 1e-9,
            max_iter: 10_000,
            check_every: 10,
            mass_tolerance: 1e-9,
            num_threads: 0,
        }
    }
}

/// What a partial solve reports.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EntropicPartialInfo {
    /// Iterations run.
    pub iterations: usize,
    /// L1 error of the optimality conditions at the returned duals: Σ_i |r_i − a_i| over
    /// the rows with f_i < 0 plus Σ_i (r_i − a_i)⁺ over those with f_i = 0, the same for the
    /// columns, and |ΣP − m| (r, c the plan's row and column sums).
    pub marginal_error: f64,
    /// Whether `marginal_error ≤ tolerance` was reached before the cap.
    pub converged: bool,
    /// Whether the [`progress`] observer stopped the solve.
    pub cancelled: bool,
    /// The transported mass m (the target, clamped to min(Σa, Σb)).
    pub mass: f64,
    /// λ, the price of the mass constraint (the derivative of the optimal value in m).
    pub mass_price: f64,
    /// The dual objective `⟨a, f⟩ + ⟨b, g⟩ + λ·m − ε(ΣP − Σa·Σb)`: the entropic value
    /// `⟨C, P⟩ + ε·KL(P | a⊗b)` at convergence.
    pub dual: f64,
}

/// Duals and report of [`sinkhorn_partial`].
#[derive(Clone, Debug)]
pub struct EntropicPartialSolution {
    /// Row duals f ≤ 0 (n), in cost units.
    pub f: Vec<f64>,
    /// Column duals g ≤ 0 (m), in cost units.
    pub g: Vec<f64>,
    /// The report (λ in `info.mass_price`).
    pub info: EntropicPartialInfo,
}

/// Workspace of [`sinkhorn_partial_in_place`] for an n×m problem (d = 0 for a dense cost, the
/// points' dimension otherwise): O((n + m)(1 + d)) values, as the log-domain Sinkhorn.
pub fn sinkhorn_partial_scratch<T: Real>(n: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        source_scratch::<T>(n, m, d),
        vec_req::<f64>(n),
        vec_req::<f64>(m),
    ])
}

/// Checks the parameters and the target mass; returns the mass to move (clamped to
/// min(Σa, Σb) within the tolerance), Σa and Σb.
fn check_problem<T: Real>(
    a: &[T],
    b: &[T],
    mass: f64,
    p: &EntropicPartialParams,
) -> Result<(f64, f64, f64)> {
    if !(p.epsilon.is_finite() && p.epsilon > 0.0) {
        bail!(
            InvalidArgument,
            "epsilon = {:e}: must be finite and > 0",
            p.epsilon
        );
    }
    if p.tolerance.is_nan() || p.tolerance < 0.0 {
        bail!(
            InvalidArgument,
            "tolerance = {:e}: must be >= 0",
            p.tolerance
        );
    }
    if p.check_every == 0 || p.max_iter == 0 {
        bail!(
            InvalidArgument,
            "check_every = {} and max_iter = {}: both must be >= 1",
            p.check_every,
            p.max_iter
        );
    }
    let tol = p.mass_tolerance;
    if !(tol.is_finite() && tol >= 0.0) {
        bail!(
            InvalidArgument,
            "mass_tolerance = {tol:e}: must be finite and >= 0"
        );
    }
    check_weights("a", a)?;
    check_weights("b", b)?;
    if !(mass.is_finite() && mass > 0.0) {
        bail!(
            InvalidArgument,
            "the target mass is {mass:e}: it must be finite and > 0 (an entropic plan is positive wherever a and b are)"
        );
    }
    let sa: f64 = a.iter().map(|x| x.to_f64()).sum();
    let sb: f64 = b.iter().map(|x| x.to_f64()).sum();
    if !(sa.is_finite() && sb.is_finite()) {
        bail!(
            InvalidArgument,
            "a sums to {sa:e} and b to {sb:e}: the weights overflow when summed; rescale them"
        );
    }
    let most = sa.min(sb);
    if mass > most * (1.0 + tol) {
        bail!(
            InvalidArgument,
            "the target mass {mass:e} exceeds min(sum a, sum b) = {most:e}"
        );
    }
    Ok((mass.min(most), sa, sb))
}

/// Error of one side's optimality conditions: Σ |r − w| where the dual is < 0 (the
/// capacity is used up), Σ (r − w)⁺ where it is 0; `r_k = w_k e^{s_k}` with `s_k` the log
/// of the ratio r_k / w_k.
fn side_error<T: Real>(w: &[T], dual: &[f64], log_ratio: impl Fn(usize) -> f64) -> f64 {
    let mut err = 0.0;
    for (k, (&wk, &p)) in w.iter().zip(dual).enumerate() {
        let wk = wk.to_f64();
        if wk == 0.0 {
            continue;
        }
        let r = wk * log_ratio(k).exp();
        err += if p < 0.0 {
            (r - wk).abs()
        } else {
            (r - wk).max(0.0)
        };
    }
    err
}

/// Solves entropic partial OT in place: moves `mass` from `a` (n) to `b` (m) for the cost
/// (dense, or point clouds with the squared Euclidean cost on the fly), from a cold start.
/// On success `f` (n) and `g` (m) hold the duals (≤ 0) and the report λ; the plan is
/// `P_ij = a_i b_j exp((f_i + g_j + λ − C_ij)/ε)`. Time O(n·m) per iteration, no
/// allocation; workspace [`sinkhorn_partial_scratch`]. Inputs are all checked before `f`
/// and `g` are touched; reaching `max_iter` is not an error (`converged` is false).
/// Errors: `InvalidArgument` (ε, tolerances, a negative weight, a mass ≤ 0 or above
/// min(Σa, Σb)), `InvalidDimension`, `NonFinite`, `WorkspaceTooSmall`.
#[allow(clippy::too_many_arguments)]
pub fn sinkhorn_partial_in_place<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    mass: f64,
    f: &mut [f64],
    g: &mut [f64],
    params: &EntropicPartialParams,
    par: Par,
    stack: &mut MemStack,
) -> Result<EntropicPartialInfo> {
    check_cost(&cost)?;
    let (n, m) = cost.dims();
    if a.len() != n || b.len() != m || f.len() != n || g.len() != m {
        bail!(
            InvalidDimension,
            "a has {}, b {}, f {} and g {} values for a {n}x{m} cost",
            a.len(),
            b.len(),
            f.len(),
            g.len()
        );
    }
    let (mass, sa, sb) = check_problem(a, b, mass, params)?;
    check_stack(stack, sinkhorn_partial_scratch::<T>(n, m, cost.point_dim()))?;
    let eps = params.epsilon;
    let nie = T::from_f64(-1.0 / eps);
    f.fill(0.0);
    g.fill(0.0);
    let mut info = EntropicPartialInfo {
        mass,
        ..EntropicPartialInfo::default()
    };
    let mut lambda = 0.0f64;
    let total = with_source(cost, a, b, stack, |p, stack| {
        let (mut lr, stack) = take(stack, n, 0.0f64);
        let (mut lc, _) = take(stack, m, 0.0f64);
        // Error of the column conditions and of the mass after the last column and mass
        // updates (NaN before the first).
        let mut col_error = f64::NAN;
        loop {
            // Row pass: lr_i = log Σ_j b_j exp((g_j − C_ij)/ε).
            for ((o, &gj), &l) in p.u.iter_mut().zip(g.iter()).zip(p.lb) {
                *o = T::from_f64(gj / eps + l);
            }
            p.src.rows_lse(p.u, nie, &mut lr, par);
            let it = info.iterations;
            let last = it == params.max_iter;
            if it > 0 && (it.is_multiple_of(params.check_every) || last) {
                let row_error = side_error(a, f, |i| (f[i] + lambda) / eps + lr[i]);
                info.marginal_error = row_error + col_error;
                if info.marginal_error <= params.tolerance {
                    info.converged = true;
                    break;
                }
                if progress::check(it as u64, info.marginal_error) == Flow::Stop {
                    info.cancelled = true;
                    break;
                }
            }
            if last {
                break;
            }
            for (fi, &l) in f.iter_mut().zip(lr.iter()) {
                *fi = (-eps * l - lambda).min(0.0);
            }
            // Column pass: lc_j = log Σ_i a_i exp((f_i + λ − C_ij)/ε).
            for ((o, &fi), &l) in p.v.iter_mut().zip(f.iter()).zip(p.la) {
                *o = T::from_f64((fi + lambda) / eps + l);
            }
            p.src.cols_lse(p.v, nie, &mut lc, par);
            for (gj, &l) in g.iter_mut().zip(lc.iter()) {
                *gj = (-eps * l).min(0.0);
            }
            // Mass: the plan's total after the column update, then λ rescales it to m.
            let sum: f64 = b
                .iter()
                .zip(g.iter())
                .zip(lc.iter())
                .filter(|((&w, _), _)| w.to_f64() != 0.0)
                .map(|((&w, &gj), &l)| w.to_f64() * (gj / eps + l).exp())
                .sum();
            if !(sum.is_finite() && sum > 0.0) {
                bail!(
                    Numerical,
                    "the plan's mass is {sum:e} after {it} iterations (epsilon = {eps:e}): rescale the costs or raise epsilon"
                );
            }
            let shift = eps * (mass / sum).ln();
            lambda += shift;
            col_error = side_error(b, g, |j| g[j] / eps + lc[j] + shift / eps);
            info.iterations += 1;
        }
        // Σ P at the returned duals, from the last row pass.
        Ok(a.iter()
            .zip(f.iter())
            .zip(lr.iter())
            .filter(|((&w, _), _)| w.to_f64() != 0.0)
            .map(|((&w, &fi), &l)| w.to_f64() * ((fi + lambda) / eps + l).exp())
            .sum::<f64>())
    })?;
    info.marginal_error += (total - mass).abs();
    let dot = |w: &[T], p: &[f64]| -> f64 { w.iter().zip(p).map(|(&w, &p)| w.to_f64() * p).sum() };
    info.mass_price = lambda;
    info.dual = dot(a, f) + dot(b, g) + lambda * mass - eps * (total - sa * sb);
    Ok(info)
}

/// Entropic partial OT with `params.num_threads` threads: allocates the duals and one
/// workspace, then calls [`sinkhorn_partial_in_place`].
pub fn sinkhorn_partial<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    mass: f64,
    params: &EntropicPartialParams,
) -> Result<EntropicPartialSolution> {
    let (n, m) = cost.dims();
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    let req = sinkhorn_partial_scratch::<T>(n, m, cost.point_dim());
    let info = crate::par::with_threads(params.num_threads, |par| {
        with_stack(req, |stack| {
            sinkhorn_partial_in_place(cost, a, b, mass, &mut f, &mut g, params, par, stack)
        })
    })???;
    Ok(EntropicPartialSolution { f, g, info })
}
