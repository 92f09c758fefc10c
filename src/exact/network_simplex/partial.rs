//! Exact partial OT and exact TV-unbalanced OT, both solved by the network simplex on the
//! problem augmented with one dummy row and one dummy column (the construction of POT's
//! `partial_wasserstein`). The dummies' costs are constants held by the pricing's cost
//! wrapper: the caller's n × m matrix is read in place, never copied, and the workspace stays
//! O(n + m).
//!
//! **Partial OT** of mass `m_t ≤ min(Σa, Σb)`:
//! `min ⟨C, P⟩  s.t.  P ≥ 0, P·1 ≤ a, Pᵀ·1 ≤ b, Σ P = m_t`.
//! The dummy row carries `Σb − m_t` (the mass of b left untransported), the dummy column
//! `Σa − m_t`; real–dummy arcs cost 0 and the dummy–dummy arc `2·max C` (1 if C = 0). Any
//! positive corner cost is exact: flow d on it would transport `m_t + d` between real nodes,
//! which costs at least as much as `m_t` (C ≥ 0), plus `d·corner > 0`.
//!
//! **TV-unbalanced OT** with penalty ρ ≥ 0:
//! `min_{P ≥ 0} ⟨C, P⟩ + ρ (‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁)`.
//! An optimal P has `P·1 ≤ a` and `Pᵀ·1 ≤ b` (removing mass from an over-full row lowers
//! the row penalty by ρ per unit, the transport cost by C ≥ 0, and raises the column penalty by
//! at most ρ), so the objective is `⟨C − 2ρ, P⟩ + ρ(Σa + Σb)` over sub-couplings: mass
//! moves from i to j only where `C_ij < 2ρ`. This is balanced OT with a dummy row of mass Σb
//! (creating b's untransported mass, ρ a unit), a dummy column of mass Σa (destroying a's,
//! ρ a unit) and a free dummy–dummy arc carrying the transported mass. ρ → 0 moves nothing;
//! ρ > max C / 2 moves min(Σa, Σb), and with Σa = Σb gives the balanced plan.
//!
//! **Duals.** With F, G the augmented duals and F_d, G_d the dummies', the returned duals are
//! `f_i = F_i + G_d`, `g_j = G_j + F_d` and `λ = −(F_d + G_d)`. Partial OT: `f ≤ 0`, `g ≤ 0`,
//! `f_i + g_j + λ ≤ C_ij`, and the cost equals `a·f + b·g + m_t·λ` (λ is the derivative of the
//! cost with respect to m_t). TV: `f ≤ ρ`, `g ≤ ρ`, `f_i + g_j ≤ C_ij`, and the objective
//! equals `a·f + b·g` (f and g are subgradients of the objective in a and b).
//!
//! Levels: [`emd_partial_scratch`], [`emd_partial_in_place`], [`emd_partial`] and
//! [`emd_tv_scratch`], [`emd_tv_in_place`], [`emd_tv`].

use super::{
    check_shapes, emd_scratch, scan_costs, solve_oriented, Dummies, DummyNodes, EmdOutputs,
    EmdParams, Ground, Masses, SparsePlanMut,
};
use crate::workspace::{check_stack, with_stack};
use crate::{bail, MatRef, MemStack, Par, Result, StackReq};

/// Parameters of the partial and TV-unbalanced solvers.
#[derive(Clone, Copy, Debug)]
pub struct PartialParams {
    /// Pivot cap (initial pivots included); when reached, the plan found so far is returned
    /// with `converged = false`. Default 2⁴⁰.
    pub max_iter: u64,
    /// Partial OT only: a target mass above `min(Σa, Σb)` by at most this relative amount is
    /// taken as `min(Σa, Σb)`. Default 1e-9.
    pub mass_tolerance: f64,
}

impl Default for PartialParams {
    fn default() -> Self {
        PartialParams {
            max_iter: 1 << 40,
            mass_tolerance: 1e-9,
        }
    }
}

/// What [`emd_partial_in_place`] and [`emd_tv_in_place`] report.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PartialInfo {
    /// Transport cost `Σ C_ij P_ij` of the returned plan.
    pub cost: f64,
    /// The minimised objective: `cost` for partial OT, `cost + ρ(Σa + Σb − 2·mass)` for TV.
    pub objective: f64,
    /// Transported mass `Σ P_ij`.
    pub mass: f64,
    /// λ = −(F_d + G_d) (see the module notes): for partial OT, the derivative of the cost with
    /// respect to the target mass; for TV, 0 whenever some mass moves.
    pub mass_price: f64,
    /// Number of plan entries (≤ n + m − 1).
    pub nnz: usize,
    /// Pivots made.
    pub iterations: u64,
    /// Most negative reduced cost of the augmented problem's duals (0 when optimal up to
    /// rounding).
    pub gap: f64,
    /// False when `max_iter` stopped the solve: the plan then satisfies `P·1 ≤ a`,
    /// `Pᵀ·1 ≤ b` but may not be optimal (and, for partial OT, may move more than `m_t`).
    pub converged: bool,
    /// True when a [`progress`](crate::progress) observer stopped the solve (then
    /// `converged` is false, the plan as after `max_iter`).
    pub cancelled: bool,
}

/// The allocated result of [`emd_partial`] and [`emd_tv`].
#[derive(Clone, Debug)]
pub struct PartialSolution {
    /// Statistics and values (see [`PartialInfo`]).
    pub info: PartialInfo,
    /// Plan entries `(i, j, mass)`, at most n + m − 1, in no particular order.
    pub plan: Vec<(usize, usize, f64)>,
    /// Row duals (length n), see the module notes.
    pub f: Vec<f64>,
    /// Column duals (length m).
    pub g: Vec<f64>,
}

/// Workspace of [`emd_partial_in_place`]: O(n + m) (the balanced solver's with one more row
/// and column).
pub fn emd_partial_scratch(n: usize, m: usize) -> StackReq {
    emd_scratch(n.saturating_add(1), m.saturating_add(1))
}

/// Workspace of [`emd_tv_in_place`]: the same as [`emd_partial_scratch`].
pub fn emd_tv_scratch(n: usize, m: usize) -> StackReq {
    emd_partial_scratch(n, m)
}

/// Exact partial OT: moves `mass` (≤ min(Σa, Σb)) from `a` (n) to `b` (m) at least cost
/// for the n × m `cost` (any strides, read in place), writing the wanted `out`puts (the
/// sparse plan needs room for n + m − 1 entries). Allocation-free. Weights and costs must be
/// finite and ≥ 0; Σa = 0 or Σb = 0 is allowed (then `mass` must be 0). Time as the balanced
/// solver on (n + 1) × (m + 1).
#[allow(clippy::too_many_arguments)]
pub fn emd_partial_in_place(
    a: &[f64],
    b: &[f64],
    cost: MatRef<'_, f64>,
    mass: f64,
    out: EmdOutputs<'_>,
    params: &PartialParams,
    _par: Par,
    stack: &mut MemStack,
) -> Result<PartialInfo> {
    let tol = params.mass_tolerance;
    if !(tol.is_finite() && tol >= 0.0) {
        bail!(
            InvalidArgument,
            "mass_tolerance is {tol:e}: it must be finite and >= 0"
        );
    }
    if !(mass.is_finite() && mass >= 0.0) {
        bail!(
            InvalidArgument,
            "the target mass is {mass:e}: it must be finite and >= 0"
        );
    }
    solve_augmented(a, b, cost, out, params, stack, |sa, sb, max_cost| {
        let most = sa.min(sb);
        if mass > most * (1.0 + tol) {
            bail!(
                InvalidArgument,
                "the target mass {mass:e} exceeds min(sum a, sum b) = {most:e}"
            );
        }
        let mt = mass.min(most);
        let corner = if max_cost > 0.0 { 2.0 * max_cost } else { 1.0 };
        Ok((
            DummyNodes {
                row_mass: sb - mt,
                col_mass: sa - mt,
                costs: Dummies {
                    to_col: 0.0,
                    from_row: 0.0,
                    corner,
                },
            },
            0.0,
        ))
    })
}

/// Exact TV-unbalanced OT: minimises `⟨C, P⟩ + ρ(‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁)` over P ≥ 0 for
/// the n × m `cost` (any strides, read in place), writing the wanted `out`puts (the sparse
/// plan needs room for n + m − 1 entries). Allocation-free. `rho` ≥ 0 and finite, with
/// `rho·(n + m + 3)` finite. Time as the balanced solver on (n + 1) × (m + 1).
#[allow(clippy::too_many_arguments)]
pub fn emd_tv_in_place(
    a: &[f64],
    b: &[f64],
    cost: MatRef<'_, f64>,
    rho: f64,
    out: EmdOutputs<'_>,
    params: &PartialParams,
    _par: Par,
    stack: &mut MemStack,
) -> Result<PartialInfo> {
    let nodes = a.len() as f64 + b.len() as f64 + 3.0;
    if !(rho.is_finite() && rho >= 0.0 && (rho * nodes).is_finite()) {
        bail!(
            InvalidArgument,
            "rho is {rho:e}: it must be >= 0 with rho*(n+m+3) finite"
        );
    }
    solve_augmented(a, b, cost, out, params, stack, |sa, sb, _| {
        Ok((
            DummyNodes {
                row_mass: sb,
                col_mass: sa,
                costs: Dummies {
                    to_col: rho,
                    from_row: rho,
                    corner: 0.0,
                },
            },
            rho,
        ))
    })
}

/// Checks the shared inputs, builds the dummies with `dummies(Σa, Σb, max C)` (which also
/// returns the penalty ρ of the objective, 0 for partial OT) and solves.
fn solve_augmented(
    a: &[f64],
    b: &[f64],
    cost: MatRef<'_, f64>,
    out: EmdOutputs<'_>,
    params: &PartialParams,
    stack: &mut MemStack,
    dummies: impl FnOnce(f64, f64, f64) -> Result<(DummyNodes, f64)>,
) -> Result<PartialInfo> {
    let (n, m) = (a.len(), b.len());
    check_shapes(n, m, Ground::Matrix(cost), &out)?;
    check_stack(stack, emd_partial_scratch(n, m))?;
    crate::error::check_weights("a", a)?;
    crate::error::check_weights("b", b)?;
    let sa: f64 = a.iter().sum();
    let sb: f64 = b.iter().sum();
    if !(sa.is_finite() && sb.is_finite()) {
        bail!(
            NonFinite,
            "a sums to {sa:e} and b to {sb:e}: the totals must be finite"
        );
    }
    let max_cost = scan_costs(cost)?;
    let (dummy, rho) = dummies(sa, sb, max_cost)?;
    let masses = Masses {
        sum_a: sa,
        sum_b: sb,
        scale_a: 1.0,
        scale_b: 1.0,
        max_cost,
        dummy: Some(dummy),
    };
    let emd_params = EmdParams {
        max_iter: params.max_iter,
        mass_tolerance: params.mass_tolerance,
        warm_start: None,
    };
    let (info, extra) =
        solve_oriented(a, b, Ground::Matrix(cost), out, &masses, &emd_params, stack)?;
    Ok(PartialInfo {
        cost: info.cost,
        objective: info.cost + rho * ((sa - extra.mass) + (sb - extra.mass)),
        mass: extra.mass,
        mass_price: extra.mass_price,
        nnz: info.nnz,
        iterations: info.iterations,
        gap: info.gap,
        converged: info.converged,
        cancelled: info.cancelled,
    })
}

/// Allocates the workspace and outputs once and calls `solve` with them.
fn allocated(
    n: usize,
    m: usize,
    solve: impl FnOnce(EmdOutputs<'_>, &mut MemStack) -> Result<PartialInfo>,
) -> Result<PartialSolution> {
    let cap = (n + m).saturating_sub(1);
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    let (mut ri, mut ci, mut mass) = (vec![0usize; cap], vec![0usize; cap], vec![0.0; cap]);
    let info = with_stack(emd_partial_scratch(n, m), |stack| {
        let out = EmdOutputs {
            f: Some(&mut f),
            g: Some(&mut g),
            sparse: Some(SparsePlanMut {
                rows: &mut ri,
                cols: &mut ci,
                mass: &mut mass,
            }),
            dense: None,
        };
        solve(out, stack)
    })??;
    let plan = (0..info.nnz).map(|k| (ri[k], ci[k], mass[k])).collect();
    Ok(PartialSolution { info, plan, f, g })
}

/// Exact partial OT (see [`emd_partial_in_place`]); returns the sparse plan and the duals.
pub fn emd_partial(
    a: &[f64],
    b: &[f64],
    cost: MatRef<'_, f64>,
    mass: f64,
    params: &PartialParams,
) -> Result<PartialSolution> {
    allocated(a.len(), b.len(), |out, stack| {
        emd_partial_in_place(a, b, cost, mass, out, params, Par::Seq, stack)
    })
}

/// Exact TV-unbalanced OT (see [`emd_tv_in_place`]); returns the sparse plan and the duals.
pub fn emd_tv(
    a: &[f64],
    b: &[f64],
    cost: MatRef<'_, f64>,
    rho: f64,
    params: &PartialParams,
) -> Result<PartialSolution> {
    allocated(a.len(), b.len(), |out, stack| {
        emd_tv_in_place(a, b, cost, rho, out, params, Par::Seq, stack)
    })
}
