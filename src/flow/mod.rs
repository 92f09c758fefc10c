//! Gradient flows, one step per call (the loops of notebooks 3 and 7 of G. Peyré's ot4ml
//! course): a caller (Rust, or C, Julia, R through the C ABI) runs its own time loop and
//! calls a step per time, reusing its workspace and, for the Sinkhorn flow, the previous
//! step's potentials.
//!
//! * [`wasserstein`]: the Lagrangian Wasserstein flow of particles along
//!   `−∇_x S_ε(α_x, β)` (Sinkhorn divergence to a fixed target cloud), warm-started.
//! * [`mmd`]: the MMD particle flow along `−∇_x MMD²_k(α_x, β)` for the energy-distance
//!   kernel `−|x − y|` or a Gaussian kernel: O((n + m)·n·d) a step, no n×m memory.
//! * [`jko`]: the entropic JKO step of a density on a 2-D grid (Peyré 2015) for the heat
//!   and Fokker–Planck energies, with the convolutional barycenter's separable kernel.

pub mod jko;
pub mod mmd;
pub mod wasserstein;

pub use jko::{
    jko_step, jko_step_in_place, jko_step_scratch, jko_step_warm, jko_step_warm_in_place,
    jko_step_warm_scratch, JkoInfo, JkoParams,
};
pub use mmd::{
    mmd_flow, mmd_flow_step_in_place, mmd_flow_step_scratch, mmd_target_term, MmdKernel, MmdParams,
    MmdStep,
};
pub use wasserstein::{
    wasserstein_flow, wasserstein_flow_step_in_place, wasserstein_flow_step_scratch,
    WassersteinFlowParams,
};

use crate::workspace::with_stack;
use crate::{bail, MatMut, MatRef, MemStack, Par, Real, Result, StackReq};
use faer::Mat;

/// Checks a flow's time step τ (finite, > 0).
fn check_step(step: f64) -> Result<()> {
    if !(step.is_finite() && step > 0.0) {
        bail!(InvalidArgument, "step = {step:e}: must be finite and > 0");
    }
    Ok(())
}

/// Checks that every particle weight is finite and > 0 (the step divides by it).
fn check_particle_weights<T: Real>(a: &[T]) -> Result<()> {
    crate::error::check_finite("a", a.iter().copied())?;
    if let Some(i) = a.iter().position(|&w| w <= T::ZERO) {
        bail!(
            InvalidArgument,
            "a[{i}] = {:e}: particle weights must be > 0 (the step divides by them)",
            a[i].to_f64()
        );
    }
    Ok(())
}

/// The convenience level of a flow: `steps` explicit steps from `x0` with one workspace of
/// `req` on `num_threads` threads; `step(x_k, x_{k+1}, par, stack)` moves the particles and
/// returns the value at x_k, handed to `visit(k, x_k, value)`. Returns the last particles.
fn run_steps<T: Real>(
    x0: MatRef<'_, T>,
    steps: usize,
    num_threads: usize,
    req: StackReq,
    mut step: impl FnMut(MatRef<'_, T>, MatMut<'_, T>, Par, &mut MemStack) -> Result<f64> + Send,
    mut visit: impl FnMut(usize, MatRef<'_, T>, f64) + Send,
) -> Result<Mat<T>> {
    let mut x = Mat::from_fn(x0.nrows(), x0.ncols(), |i, t| x0[(i, t)]);
    let mut next = x.clone();
    crate::par::with_threads(num_threads, |par| {
        with_stack(req, |stack| {
            for k in 0..steps {
                let value = step(x.as_ref(), next.as_mut(), par, stack)?;
                visit(k, x.as_ref(), value);
                std::mem::swap(&mut x, &mut next);
            }
            Ok(())
        })
    })???;
    Ok(x)
}
