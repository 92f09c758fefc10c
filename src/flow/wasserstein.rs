//! The Lagrangian Wasserstein gradient flow of a particle cloud toward a fixed target cloud
//! (notebooks 3 and 7 of the ot4ml course): with α_x = Σ a_i δ_{x_i} and β = Σ b_j δ_{y_j},
//! one explicit Euler step of `ẋ_i = −∇_{x_i} S_ε(α_x, β) / a_i` is
//!
//! `x_i ← x_i − τ · ∇_{x_i} S_ε(α_x, β) / a_i`,
//!
//! S_ε the Sinkhorn divergence for the squared Euclidean cost
//! ([`divergence_gradient_warm_in_place`]): `∇_{x_i} S_ε / a_i = 2(x_i − T_xy(x_i)) −
//! 2(x_i − T_xx(x_i))` (the barycentric maps of OT_ε(α, β) and OT_ε(α, α) at the solves'
//! potentials; for the balanced problem, where each plan's row sums are a). Dividing by the
//! particle's weight makes the step the Wasserstein gradient of S_ε (the velocity field
//! evaluated at the particle), independent of n.
//!
//! The three Sinkhorn solves start from the potentials in the caller's
//! [`DivergencePotentials`] and leave theirs there: calling the step once per time with the
//! same potentials warm-starts each step from the previous one (the target's self term
//! OT_ε(β, β) then converges at its first check). No allocation; one workspace for the
//! whole flow.

use super::{check_particle_weights, check_step, run_steps};
use crate::sinkhorn::{
    divergence_gradient_warm_in_place, divergence_gradient_warm_scratch, Divergence,
    DivergencePotentials, Gradients, Params,
};
use crate::workspace::check_stack;
use crate::{bail, MatMut, MatRef, MemStack, Par, Real, Result, StackReq};
use faer::Mat;

/// Parameters of a Wasserstein flow step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WassersteinFlowParams {
    /// Time step τ > 0 (squared length units per divergence unit: a particle moves by
    /// τ × its velocity `∇_{x_i} S_ε / a_i`).
    pub step: f64,
    /// The Sinkhorn solves of the divergence (ε, tolerance, iteration cap, threads, ...).
    pub sinkhorn: Params,
}

impl Default for WassersteinFlowParams {
    fn default() -> Self {
        WassersteinFlowParams {
            step: 0.1,
            sinkhorn: Params::default(),
        }
    }
}

/// Workspace of [`wasserstein_flow_step_in_place`] for n particles, m targets in dimension
/// d: O((n + m)·d).
pub fn wasserstein_flow_step_scratch<T: Real>(
    n: usize,
    m: usize,
    d: usize,
    params: &WassersteinFlowParams,
) -> StackReq {
    divergence_gradient_warm_scratch::<T>(n, m, d, &params.sinkhorn)
}

/// One step of the flow (module docs): writes the moved particles into `x_new` (n×d) and
/// returns the divergence S_ε(α_x, β) at the particles *before* the step, with its three
/// solves' reports. `pots` (lengths n, m; n, n; m, m) holds the warm start on entry and the
/// solves' potentials on return (zeros on the first step). Time O(iterations·(n + m)²·d),
/// no allocation; workspace [`wasserstein_flow_step_scratch`]. Weights `a` must be > 0 and
/// Σa = Σb (balanced, within `params.sinkhorn.mass_tolerance`). `x_new` is written only on
/// success.
#[allow(clippy::too_many_arguments)]
pub fn wasserstein_flow_step_in_place<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    a: &[T],
    b: &[T],
    params: &WassersteinFlowParams,
    pots: &mut DivergencePotentials<'_>,
    mut x_new: MatMut<'_, T>,
    par: Par,
    stack: &mut MemStack,
) -> Result<Divergence> {
    check_step(params.step)?;
    let (n, d) = (x.nrows(), x.ncols());
    if a.len() != n {
        bail!(
            InvalidDimension,
            "a has {} weights for {n} particles",
            a.len()
        );
    }
    check_particle_weights(a)?;
    if (x_new.nrows(), x_new.ncols()) != (n, d) {
        bail!(
            InvalidDimension,
            "x_new is {}x{}: expected {n}x{d} (the shape of x)",
            x_new.nrows(),
            x_new.ncols()
        );
    }
    check_stack(
        stack,
        wasserstein_flow_step_scratch::<T>(n, y.nrows(), d, params),
    )?;
    // The gradient is written into x_new (only once every solve succeeded), then each
    // particle moves against it in place.
    let out = Gradients {
        x: Some(x_new.as_mut()),
        ..Default::default()
    };
    let div =
        divergence_gradient_warm_in_place(x, y, a, b, &params.sinkhorn, pots, out, par, stack)?;
    for i in 0..n {
        let speed = params.step / a[i].to_f64();
        for t in 0..d {
            let g = x_new[(i, t)].to_f64();
            x_new[(i, t)] = T::from_f64(x[(i, t)].to_f64() - speed * g);
        }
    }
    Ok(div)
}

/// Runs `steps` steps of the flow from `x0`, warm-starting each from the previous one, with
/// `params.sinkhorn.num_threads` threads and one workspace; calls `visit(k, x_k, S_ε(x_k))`
/// before step k (k = 0, …, steps − 1) and returns the particles after the last step.
pub fn wasserstein_flow<T: Real>(
    x0: MatRef<'_, T>,
    y: MatRef<'_, T>,
    a: &[T],
    b: &[T],
    params: &WassersteinFlowParams,
    steps: usize,
    visit: impl FnMut(usize, MatRef<'_, T>, f64) + Send,
) -> Result<Mat<T>> {
    let (n, m, d) = (x0.nrows(), y.nrows(), x0.ncols());
    let (mut fxy, mut gxy) = (vec![0.0; n], vec![0.0; m]);
    let (mut fxx, mut gxx) = (vec![0.0; n], vec![0.0; n]);
    let (mut fyy, mut gyy) = (vec![0.0; m], vec![0.0; m]);
    let req = wasserstein_flow_step_scratch::<T>(n, m, d, params);
    let step = |x: MatRef<'_, T>, next: MatMut<'_, T>, par: Par, stack: &mut MemStack| {
        let mut pots = DivergencePotentials {
            xy: (&mut fxy, &mut gxy),
            xx: (&mut fxx, &mut gxx),
            yy: (&mut fyy, &mut gyy),
        };
        wasserstein_flow_step_in_place(x, y, a, b, params, &mut pots, next, par, stack)
            .map(|div| div.value)
    };
    run_steps(x0, steps, params.sinkhorn.num_threads, req, step, visit)
}
