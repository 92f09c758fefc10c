//! One step of the entropic JKO scheme for a density on a 2-D grid (G. Peyré, "Entropic
//! approximation of Wasserstein gradient flows", SIAM J. Imaging Sci. 8(4), 2015):
//!
//! `ρ_{k+1} = argmin_ρ W_ε(ρ, ρ_k) + τ F(ρ)`,  `F(ρ) = Σ_i ρ_i log ρ_i + Σ_i V_i ρ_i`,
//!
//! on the h×w grid of the unit square `x_{rc} = (r/(h−1), c/(w−1))` (as the convolutional
//! barycenter), where `W_ε(ρ, ρ_k) = min_π ⟨C, π⟩ + ε Σ π (log π − 1)` over plans π with
//! `πᵀ1 = ρ_k`, `π1 = ρ`, for the cost `C = ½|x − y|²`: with this cost the step is the JKO
//! step `argmin W₂²/(2τ) + F` multiplied by τ, so it moves the density along the heat flow
//! (F the entropy: a Gaussian's variance grows by ≈ 2τ per step and axis, plus the
//! blur the entropy adds, ≈ ε) or the Fokker–Planck flow `∂ρ = Δρ + ∇·(ρ∇V)` (stationary
//! density ∝ e^{−V}).
//!
//! The iterations are the paper's (a Sinkhorn-like scaling, Dykstra's algorithm without
//! correction terms as F is a function of one marginal), in the log domain: with
//! `π = diag(e^u) K diag(e^v)`, `K = e^{−C/ε}`,
//!
//! `v ← log ρ_k − log(K e^u)`,  `s = log(K e^v)`,  `u ← −κ (s + 1 + V)`,  `κ = τ/(τ + ε)`
//!
//! (the KL proximal step of τF/ε on the row marginal `e^{u+s}`); the map u ↦ u is a
//! contraction of factor κ < 1 in the sup norm. Each `log(K e^·)` is the separable
//! log-convolution of the convolutional barycenter (`GridKernel`, `O(hw(h + w))`). The
//! returned density is the row marginal `e^{u+s}` of the plan whose column marginal is
//! exactly ρ_k: its mass is ρ_k's, up to rounding. Error: `Σ_i |e^{u_new + s} − e^{u + s}|`,
//! the last update's change of the density (units of mass).
//!
//! Warm start: [`jko_step_warm_in_place`] starts the iterations from the caller's dual u
//! (zeros: the cold start of [`jko_step_in_place`]) and leaves the final u there. A time
//! loop passing each step's u to the next starts close to the new fixed point: as the
//! iteration contracts by κ, it saves about `log(‖u_cold − u*‖/‖u_prev − u*‖)/log(1/κ)`
//! iterations. The density returned does not depend on the start, up to the tolerance.

use crate::barycenter::convolutional::{grid_kernel_len, GridKernel};
use crate::error::{check_finite, check_weights};
use crate::progress::{self, Flow};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MemStack, Par, Real, Result, StackReq};

/// Parameters of a JKO step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct JkoParams {
    /// Entropic regularisation ε > 0, in units of the cost ½|x − y|² on the unit square.
    pub epsilon: f64,
    /// Time step τ > 0.
    pub step: f64,
    /// Iteration cap (≥ 1).
    pub max_iter: usize,
    /// Stop when the error (module docs, units of mass) is at most this (≥ 0).
    pub tolerance: f64,
    /// Threads for the convenience level (0 = default, 1 = calling thread, k = k workers).
    pub num_threads: usize,
}

impl Default for JkoParams {
    fn default() -> Self {
        JkoParams {
            epsilon: 1e-3,
            step: 1e-3,
            max_iter: 1000,
            tolerance: 1e-9,
            num_threads: 0,
        }
    }
}

/// What a JKO step reports.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct JkoInfo {
    /// Iterations made.
    pub iterations: usize,
    /// The final error (module docs).
    pub error: f64,
    /// Whether `error ≤ tolerance` was reached before the cap.
    pub converged: bool,
    /// Whether a [`progress`] observer stopped the iterations (the density is then the
    /// iterate reached, of the right mass).
    pub cancelled: bool,
}

/// Workspace of [`jko_step_in_place`] on an h×w grid in `T`: the cold dual's `hw` values
/// and [`jko_step_warm_scratch`].
pub fn jko_step_scratch<T: Real>(h: usize, w: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<T>(h.saturating_mul(w)),
        jko_step_warm_scratch::<T>(h, w),
    ])
}

/// Workspace of [`jko_step_warm_in_place`] on an h×w grid in `T`: `3hw` values and the grid
/// kernel's `2hw + h + 2w + 2(h² + w²)`.
pub fn jko_step_warm_scratch<T: Real>(h: usize, w: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<T>(h.saturating_mul(w).saturating_mul(3)),
        vec_req::<T>(grid_kernel_len(h, w)),
    ])
}

/// Checks a step's inputs.
fn check_inputs<T: Real>(
    rho: &[T],
    potential: Option<&[T]>,
    h: usize,
    w: usize,
    (out_len, dual): (usize, &[T]),
    p: &JkoParams,
) -> Result<()> {
    let n = h.checked_mul(w);
    if h == 0 || w == 0 || n != Some(rho.len()) || out_len != rho.len() || dual.len() != rho.len() {
        bail!(
            InvalidDimension,
            "rho has {}, out {out_len} and the dual {} values for a {h}x{w} grid: need h, \
             w >= 1 and h·w values each",
            rho.len(),
            dual.len()
        );
    }
    check_finite("dual (warm start)", dual.iter().copied())?;
    if let Some(v) = potential {
        if v.len() != rho.len() {
            bail!(
                InvalidDimension,
                "the potential has {} values for a {h}x{w} grid",
                v.len()
            );
        }
        check_finite("potential", v.iter().copied())?;
    }
    check_weights("rho", rho)?;
    if rho.iter().map(|x| x.to_f64()).sum::<f64>() <= 0.0 {
        bail!(InvalidArgument, "rho sums to 0: it must carry mass");
    }
    for (name, v) in [("epsilon", p.epsilon), ("step", p.step)] {
        if !(v.is_finite() && v > 0.0) {
            bail!(InvalidArgument, "{name} = {v:e}: must be finite and > 0");
        }
    }
    if p.max_iter == 0 {
        bail!(InvalidArgument, "max_iter = 0: must be >= 1");
    }
    if p.tolerance.is_nan() || p.tolerance < 0.0 {
        bail!(
            InvalidArgument,
            "tolerance = {:e}: must be >= 0",
            p.tolerance
        );
    }
    Ok(())
}

/// One entropic JKO step (module docs) of the density `rho` (h·w masses, row-major: pixel
/// `r·w + c`, ≥ 0, positive sum) with the potential V (`potential`, h·w finite values;
/// `None` = 0: the heat flow), written to `out` (h·w), from a cold start (the dual u = 0):
/// [`jko_step_warm_in_place`] with zeros. Per iteration two log-convolutions
/// (`O(hw(h + w))`) and `O(hw)` exps; the [`progress`] observer sees every iteration. No
/// allocation with `Par::Seq` (after faer's one-time per-thread matmul setup); workspace
/// [`jko_step_scratch`]. Inputs are all checked before `out` is written.
#[allow(clippy::too_many_arguments)]
pub fn jko_step_in_place<T: Real>(
    rho: &[T],
    potential: Option<&[T]>,
    h: usize,
    w: usize,
    params: &JkoParams,
    out: &mut [T],
    par: Par,
    stack: &mut MemStack,
) -> Result<JkoInfo> {
    check_stack(stack, jko_step_scratch::<T>(h, w))?;
    // h·w fits: the workspace check above succeeded.
    let (mut dual, stack) = take(stack, h * w, T::ZERO);
    jko_step_warm_in_place(rho, potential, h, w, params, &mut dual, out, par, stack)
}

/// [`jko_step_in_place`] started from the dual `dual` (h·w finite values, the layout of
/// `rho`: u, the log of the plan's row scaling `π = diag(e^u) K diag(e^v)`, dimensionless,
/// εu being the potential in cost units; zeros = the cold start), which holds the final u
/// on return (also after `max_iter` or a cancel): pass it
/// to the next step of a time loop to warm-start it. The density returned is the cold
/// start's up to the tolerance; the iterations drop by about `log(‖u₀ − u*‖/‖u − u*‖)/
/// log(1/κ)`, κ = τ/(τ + ε). Workspace [`jko_step_warm_scratch`]; `dual` and `out` are
/// written only once every input is checked.
#[allow(clippy::too_many_arguments)]
pub fn jko_step_warm_in_place<T: Real>(
    rho: &[T],
    potential: Option<&[T]>,
    h: usize,
    w: usize,
    params: &JkoParams,
    dual: &mut [T],
    out: &mut [T],
    par: Par,
    stack: &mut MemStack,
) -> Result<JkoInfo> {
    check_inputs(rho, potential, h, w, (out.len(), dual), params)?;
    check_stack(stack, jko_step_warm_scratch::<T>(h, w))?;
    let n = h * w;
    let u = dual;
    let (mut buf, stack) = take(stack, 3 * n, T::ZERO);
    let (log_p, rest) = buf.split_at_mut(n);
    let (v, s) = rest.split_at_mut(n);
    let (mut kbuf, _) = take(stack, grid_kernel_len(h, w), T::ZERO);
    // K = exp(−½|x − y|²/ε) is the grid kernel exp(−|x − y|²/ε') with ε' = 2ε.
    let mut kernel = GridKernel::new(h, w, 2.0 * params.epsilon, &mut kbuf, par)?;
    for (l, &p) in log_p.iter_mut().zip(rho) {
        *l = p.ln();
    }
    let kappa = params.step / (params.step + params.epsilon);
    let mut info = JkoInfo::default();
    while info.iterations < params.max_iter {
        kernel.apply(u, v, par);
        for (v, &lp) in v.iter_mut().zip(log_p.iter()) {
            // An empty pixel of ρ_k stays a column of zeros.
            *v = if lp == T::NEG_INFINITY { lp } else { lp - *v };
        }
        kernel.apply(v, s, par);
        let mut err = 0.0f64;
        for (i, ((u, &s), o)) in u.iter_mut().zip(s.iter()).zip(out.iter_mut()).enumerate() {
            let vi = potential.map_or(0.0, |p| p[i].to_f64());
            let q = (u.to_f64() + s.to_f64()).exp();
            let next = -kappa * (s.to_f64() + 1.0 + vi);
            err += ((next + s.to_f64()).exp() - q).abs();
            *o = T::from_f64(q);
            *u = T::from_f64(next);
        }
        info.iterations += 1;
        info.error = err;
        if err <= params.tolerance {
            info.converged = true;
            break;
        }
        if progress::check(info.iterations as u64, err) == Flow::Stop {
            info.cancelled = true;
            break;
        }
    }
    Ok(info)
}

/// [`jko_step_in_place`] with `params.num_threads` threads, allocating the result and the
/// workspace.
pub fn jko_step<T: Real>(
    rho: &[T],
    potential: Option<&[T]>,
    h: usize,
    w: usize,
    params: &JkoParams,
) -> Result<(Vec<T>, JkoInfo)> {
    jko_step_warm(rho, potential, h, w, params, &mut vec![T::ZERO; rho.len()])
}

/// [`jko_step_warm_in_place`] with `params.num_threads` threads, allocating the result and
/// the workspace: `dual` (h·w) holds the warm start on entry (zeros: cold) and the final
/// dual on return.
pub fn jko_step_warm<T: Real>(
    rho: &[T],
    potential: Option<&[T]>,
    h: usize,
    w: usize,
    params: &JkoParams,
    dual: &mut [T],
) -> Result<(Vec<T>, JkoInfo)> {
    let mut out = vec![T::ZERO; rho.len()];
    let req = jko_step_warm_scratch::<T>(h, w);
    let info = crate::par::with_threads(params.num_threads, |par| {
        with_stack(req, |stack| {
            jko_step_warm_in_place(rho, potential, h, w, params, dual, &mut out, par, stack)
        })
    })???;
    Ok((out, info))
}
