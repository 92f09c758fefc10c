//! The MMD particle flow (notebook 7 of the ot4ml course): with α_x = Σ a_i δ_{x_i},
//! β = Σ b_j δ_{y_j} and a kernel k,
//! `MMD²_k(α, β) = Σ_ij a_i a_j k(x_i, x_j) − 2 Σ_ij a_i b_j k(x_i, y_j) + Σ_jl b_j b_l k(y_j, y_l)`,
//! and one explicit Euler step of `ẋ_i = −∇_{x_i} MMD²_k / a_i` is
//!
//! `x_i ← x_i − 2τ (Σ_j a_j ∇₁k(x_i, x_j) − Σ_j b_j ∇₁k(x_i, y_j))`.
//!
//! Kernels: the energy distance `k(x, y) = −|x − y|` (`∇₁k = −(x − y)/|x − y|`, 0 at
//! x = y: the minimal-norm subgradient), and the Gaussian `k = exp(−|x − y|²/(2σ²))`.
//! A step costs O((n + m)·n·d) and O(n·d) memory, no n×m matrix: each particle's velocity
//! and its share of the value are one pass over the points, rows in fixed blocks across
//! threads (bitwise identical results for every thread count). The target's own term
//! `Σ b b k(y, y)` (O(m²·d), the same at every step) is computed once, by the first step or
//! by [`mmd_target_term`], and handed back in.

use super::{check_particle_weights, check_step, run_steps};
use crate::error::{check_finite, check_weights};
use crate::workspace::{check_stack, take, vec_req};
use crate::{bail, MatMut, MatRef, MemStack, Par, Real, Result, StackReq};
use faer::Mat;

/// Rows per parallel block (fixed: results do not depend on the thread count).
const ROW_BLOCK: usize = 32;

/// The kernel of an MMD flow.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MmdKernel {
    /// `k(x, y) = −|x − y|`: MMD² is the energy distance.
    Energy,
    /// `k(x, y) = exp(−|x − y|²/(2σ²))`, bandwidth σ > 0 (length units).
    Gaussian {
        /// The bandwidth σ.
        sigma: f64,
    },
}

impl MmdKernel {
    /// `(k(x, z), ∂k/∂x / (x − z))` for the squared distance `r2 = |x − z|²`: the gradient
    /// in x is the second value times `x − z`.
    #[inline]
    fn eval(self, r2: f64) -> (f64, f64) {
        match self {
            MmdKernel::Energy => {
                let r = r2.sqrt();
                if r > 0.0 {
                    (-r, -1.0 / r)
                } else {
                    (0.0, 0.0)
                }
            }
            MmdKernel::Gaussian { sigma } => {
                let s2 = sigma * sigma;
                let k = (-0.5 * r2 / s2).exp();
                (k, -k / s2)
            }
        }
    }

    fn check(self) -> Result<()> {
        if let MmdKernel::Gaussian { sigma } = self {
            if !(sigma.is_finite() && sigma > 0.0) {
                bail!(InvalidArgument, "sigma = {sigma:e}: must be finite and > 0");
            }
        }
        Ok(())
    }
}

/// Parameters of an MMD flow step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MmdParams {
    /// Time step τ > 0.
    pub step: f64,
    /// The kernel.
    pub kernel: MmdKernel,
    /// Threads for the convenience level (0 = default, 1 = calling thread, k = k workers).
    pub num_threads: usize,
}

impl Default for MmdParams {
    fn default() -> Self {
        MmdParams {
            step: 0.1,
            kernel: MmdKernel::Energy,
            num_threads: 0,
        }
    }
}

/// What a step reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MmdStep {
    /// MMD²_k(α_x, β) at the particles before the step.
    pub mmd_squared: f64,
    /// The target's term Σ_jl b_j b_l k(y_j, y_l) (given or computed): pass it to the next
    /// step.
    pub target_term: f64,
}

/// Workspace of [`mmd_flow_step_in_place`] for n particles in dimension d and m targets:
/// n·(d + 1) and max(n, m) f64.
pub fn mmd_flow_step_scratch(n: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(n.saturating_mul(d.saturating_add(1))),
        vec_req::<f64>(n.max(m)),
    ])
}

/// For each row i of `x` (in blocks of `ROW_BLOCK` rows): `rows[i·(d + 1) + t]` = Σ over
/// the two clouds of `w_j · ∂k(x_i, z_j)/∂x_i[t]` (the first cloud with sign +1, the second
/// with −1) and `rows[i·(d + 1) + d]` = Σ_j w_j k(x_i, z_j) with the same signs (the second
/// doubled).
fn row_sums<T: Real>(
    x: MatRef<'_, T>,
    (z1, w1): (MatRef<'_, T>, &[T]),
    (z2, w2): (MatRef<'_, T>, &[T]),
    kernel: MmdKernel,
    rows: &mut [f64],
    par: Par,
) {
    let d = x.ncols();
    let w = d + 1;
    crate::par::par_chunks(par, rows, ROW_BLOCK * w, |blk, out| {
        for (r, o) in out.chunks_exact_mut(w).enumerate() {
            let i = blk * ROW_BLOCK + r;
            o.fill(0.0);
            for (z, wt, sign) in [(z1, w1, 1.0), (z2, w2, -1.0)] {
                for j in 0..z.nrows() {
                    let mut r2 = 0.0;
                    for t in 0..d {
                        let diff = x[(i, t)].to_f64() - z[(j, t)].to_f64();
                        r2 += diff * diff;
                    }
                    let (k, dk) = kernel.eval(r2);
                    let c = sign * wt[j].to_f64();
                    for t in 0..d {
                        o[t] += c * dk * (x[(i, t)].to_f64() - z[(j, t)].to_f64());
                    }
                    o[d] += c * k * if sign < 0.0 { 2.0 } else { 1.0 };
                }
            }
        }
    });
}

/// The target's term `Σ_jl b_j b_l k(y_j, y_l)` of MMD² (O(m²·d)), rows of `y` in parallel
/// blocks; `scratch` holds m values.
fn target_term_with<T: Real>(
    y: MatRef<'_, T>,
    b: &[T],
    kernel: MmdKernel,
    scratch: &mut [f64],
    par: Par,
) -> f64 {
    let m = y.nrows();
    let d = y.ncols();
    crate::par::par_chunks(par, &mut scratch[..m], ROW_BLOCK, |blk, out| {
        for (r, o) in out.iter_mut().enumerate() {
            let j = blk * ROW_BLOCK + r;
            *o = (0..m)
                .map(|l| {
                    let r2: f64 = (0..d)
                        .map(|t| {
                            let diff = y[(j, t)].to_f64() - y[(l, t)].to_f64();
                            diff * diff
                        })
                        .sum();
                    b[l].to_f64() * kernel.eval(r2).0
                })
                .sum();
        }
    });
    scratch[..m]
        .iter()
        .zip(b)
        .map(|(s, w)| s * w.to_f64())
        .sum()
}

/// Checks the clouds and weights of a step.
fn check_inputs<T: Real>(x: MatRef<'_, T>, y: MatRef<'_, T>, a: &[T], b: &[T]) -> Result<()> {
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    if n == 0 || m == 0 || d == 0 || y.ncols() != d {
        bail!(
            InvalidDimension,
            "x is {n}x{d} and y is {m}x{}: both clouds need >= 1 point of the same dimension >= 1",
            y.ncols()
        );
    }
    if a.len() != n || b.len() != m {
        bail!(
            InvalidDimension,
            "a has {} and b {} weights for {n} particles and {m} targets",
            a.len(),
            b.len()
        );
    }
    check_particle_weights(a)?;
    check_weights("b", b)?;
    for (name, p) in [("x", x), ("y", y)] {
        for t in 0..d {
            check_finite(name, (0..p.nrows()).map(|i| p[(i, t)]))?;
        }
    }
    Ok(())
}

/// The target's term `Σ_jl b_j b_l k(y_j, y_l)` of MMD²_k (O(m²·d)), with `num_threads`
/// threads: compute it once and pass it to every [`mmd_flow_step_in_place`].
pub fn mmd_target_term<T: Real>(
    y: MatRef<'_, T>,
    b: &[T],
    kernel: MmdKernel,
    num_threads: usize,
) -> Result<f64> {
    kernel.check()?;
    check_inputs(y, y, b, b)?;
    let mut scratch = vec![0.0; y.nrows()];
    crate::par::with_threads(num_threads, |par| {
        target_term_with(y, b, kernel, &mut scratch, par)
    })
}

/// One step of the MMD flow (module docs): writes the moved particles into `x_new` (n×d)
/// and returns MMD²_k(α_x, β) before the step. `target_term` is the target's term when
/// known (from an earlier step or [`mmd_target_term`]), else `None`: it is computed
/// (O(m²·d)). Particle weights `a` > 0, target weights `b` ≥ 0 (any masses). Time
/// O((n + m)·n·d), no allocation; workspace [`mmd_flow_step_scratch`]; `x_new` written only
/// on success.
#[allow(clippy::too_many_arguments)]
pub fn mmd_flow_step_in_place<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    a: &[T],
    b: &[T],
    params: &MmdParams,
    target_term: Option<f64>,
    mut x_new: MatMut<'_, T>,
    par: Par,
    stack: &mut MemStack,
) -> Result<MmdStep> {
    check_step(params.step)?;
    params.kernel.check()?;
    check_inputs(x, y, a, b)?;
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    if (x_new.nrows(), x_new.ncols()) != (n, d) {
        bail!(
            InvalidDimension,
            "x_new is {}x{}: expected {n}x{d} (the shape of x)",
            x_new.nrows(),
            x_new.ncols()
        );
    }
    if let Some(t) = target_term {
        if !t.is_finite() {
            bail!(NonFinite, "target_term = {t:?}: must be finite");
        }
    }
    check_stack(stack, mmd_flow_step_scratch(n, m, d))?;
    let (mut rows, stack) = take(stack, n * (d + 1), 0.0f64);
    let (mut scratch, _) = take(stack, n.max(m), 0.0f64);
    let target_term =
        target_term.unwrap_or_else(|| target_term_with(y, b, params.kernel, &mut scratch, par));
    row_sums(x, (x, a), (y, b), params.kernel, &mut rows, par);
    let mut value = target_term;
    for (i, r) in rows.chunks_exact(d + 1).enumerate() {
        value += a[i].to_f64() * r[d];
        for t in 0..d {
            x_new[(i, t)] = T::from_f64(x[(i, t)].to_f64() - 2.0 * params.step * r[t]);
        }
    }
    Ok(MmdStep {
        mmd_squared: value,
        target_term,
    })
}

/// Runs `steps` steps of the MMD flow from `x0` with `params.num_threads` threads and one
/// workspace; calls `visit(k, x_k, MMD²(x_k))` before step k and returns the particles after
/// the last step.
pub fn mmd_flow<T: Real>(
    x0: MatRef<'_, T>,
    y: MatRef<'_, T>,
    a: &[T],
    b: &[T],
    params: &MmdParams,
    steps: usize,
    visit: impl FnMut(usize, MatRef<'_, T>, f64) + Send,
) -> Result<Mat<T>> {
    let req = mmd_flow_step_scratch(x0.nrows(), y.nrows(), x0.ncols());
    let mut target = None;
    let step = |x: MatRef<'_, T>, next: MatMut<'_, T>, par: Par, stack: &mut MemStack| {
        let s = mmd_flow_step_in_place(x, y, a, b, params, target, next, par, stack)?;
        target = Some(s.target_term);
        Ok(s.mmd_squared)
    };
    run_steps(x0, steps, params.num_threads, req, step, visit)
}
