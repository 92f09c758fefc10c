//! C entry points of [`crate::flow`], in the ABI 1 shape, f64: one step of the Wasserstein
//! (Sinkhorn-divergence) particle flow (`otc_wasserstein_flow_step_*`), of the MMD particle
//! flow (`otc_mmd_flow_step_*`) and of the entropic JKO scheme on a grid (`otc_jko_step_*`).
//! A caller's time loop calls one step per time, passing the previous step's outputs
//! (positions, potentials, the MMD target term, the JKO dual) back in as inputs.

use super::args::{self, disjoint, opt_slice, opt_slice_mut, slice, slice_mut};
use super::boundary::{ffi_boundary, Report};
use super::shape::{self, otc_callback, otc_report, otc_workspace, AbiStruct, Callback};
use super::status::{otc_status, OTC_OK, OTC_WARN_CANCELLED, OTC_WARN_MAX_ITER};
use super::view::{otc_matrix_f64, otc_matrix_mut_f64};
use crate::flow::{
    jko_step_warm_in_place, jko_step_warm_scratch, mmd_flow_step_in_place, mmd_flow_step_scratch,
    wasserstein_flow_step_in_place, wasserstein_flow_step_scratch, JkoParams, MmdKernel, MmdParams,
    WassersteinFlowParams,
};
use crate::sinkhorn::{DivergencePotentials, Params};
use crate::workspace::{take, vec_req};
use crate::{bail, MatMut, Result, StackReq};
use std::ffi::c_void;
use std::mem::size_of;

/// Refuses a step whose new positions or value overflowed from finite inputs.
fn check_overflow(x: &[f64], value: f64) -> Result<()> {
    if !(value.is_finite() && x.iter().all(|v| v.is_finite())) {
        bail!(
            Numerical,
            "the step overflowed (value {value:e}): lower the step or rescale the points"
        );
    }
    Ok(())
}

/// The (n, m, d) of two point clouds given as views, checked before anything is sized from
/// them.
fn cloud_dims(x: &otc_matrix_f64, y: &otc_matrix_f64) -> Result<(usize, usize, usize)> {
    let (n, m, d) = (x.rows, y.rows, x.cols);
    if n == 0 || m == 0 || d == 0 || y.cols != d {
        bail!(
            InvalidDimension,
            "problem->x is {n}x{d} and problem->y {m}x{}: both need >= 1 point of the same \
             dimension >= 1",
            y.cols
        );
    }
    Ok((n, m, d))
}

// ---------------------------------------------------------------------------------------------
// wasserstein_flow_step

/// Options of `otc_wasserstein_flow_step_f64`; fill with
/// `otc_wasserstein_flow_step_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_wasserstein_flow_step_options {
    /// `sizeof(otc_wasserstein_flow_step_options)`.
    pub struct_size: usize,
    /// Worker threads of the Sinkhorn passes: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the
    /// calling thread only, k = k workers (≤ 256). Results are identical for every value.
    pub num_threads: u32,
    /// Time step τ > 0: a particle moves by −τ·∇_{x_i}S_ε/a_i (default 0.1).
    pub step: f64,
    /// Entropic regularisation ε > 0 of the divergence, in units of the squared distance
    /// (default 0.01).
    pub epsilon: f64,
    /// Stop each of the three Sinkhorn solves when its L1 marginal error is at most this
    /// (default 1e-9).
    pub tolerance: f64,
    /// Iteration cap of each solve (default 1000).
    pub max_iter: u64,
    /// Check the marginal error every this many iterations (≥ 1, default 10).
    pub check_every: u64,
    /// Call `callback` at most once every this many iterations of a solve (0, the default:
    /// never).
    pub callback_every: u64,
    /// Progress callback `(callback_data, iterations of the current solve, its L1 marginal
    /// error)` on the calling thread; nonzero stops the solve (`OTC_WARN_CANCELLED`, outputs
    /// from the potentials reached). NULL = none.
    pub callback: otc_callback,
    /// Passed to `callback` as its first argument.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`; integers, floats, a nullable function
// pointer and a raw pointer (every bit pattern valid).
unsafe impl AbiStruct for otc_wasserstein_flow_step_options {
    const NAME: &'static str = "otc_wasserstein_flow_step_options";
    const MIN_SIZE: usize = size_of::<otc_wasserstein_flow_step_options>();
    fn base() -> Self {
        let d = WassersteinFlowParams::default();
        otc_wasserstein_flow_step_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            step: d.step,
            epsilon: d.sinkhorn.epsilon,
            tolerance: d.sinkhorn.tolerance,
            max_iter: d.sinkhorn.max_iter as u64,
            check_every: d.sinkhorn.check_every as u64,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

impl otc_wasserstein_flow_step_options {
    fn params(&self) -> WassersteinFlowParams {
        WassersteinFlowParams {
            step: self.step,
            sinkhorn: Params {
                epsilon: self.epsilon,
                tolerance: self.tolerance,
                max_iter: args::count(self.max_iter),
                check_every: args::count(self.check_every),
                num_threads: args::threads(self.num_threads),
                ..Params::default()
            },
        }
    }
}

/// One step of the Wasserstein flow of the particles (x, a) toward the target (y, b).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_wasserstein_flow_step_problem_f64 {
    /// `sizeof(otc_wasserstein_flow_step_problem_f64)`.
    pub struct_size: usize,
    /// The particles, one per row (n × d), finite.
    pub x: otc_matrix_f64,
    /// Their weights (n values, each > 0).
    pub a: *const f64,
    /// The target cloud, one point per row (m × d), finite.
    pub y: otc_matrix_f64,
    /// Its weights (m values, ≥ 0, Σb = Σa within 1e-6 relative).
    pub b: *const f64,
    /// Warm start: the `potentials` output of the previous step (3(n + m) values, layout in
    /// `otc_wasserstein_flow_step_outputs_f64`), or NULL for a cold start.
    pub init_potentials: *const f64,
}
crate::abi_struct!(problem otc_wasserstein_flow_step_problem_f64);

/// Results of `otc_wasserstein_flow_step_f64`. `report.iterations`: the iterations of the
/// three solves together; `report.error`: the largest of their final L1 marginal errors.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_wasserstein_flow_step_outputs_f64 {
    /// `sizeof(otc_wasserstein_flow_step_outputs_f64)`.
    pub struct_size: usize,
    /// Status, iterations, error, seconds; path 0.
    pub report: otc_report,
    /// S_ε(α_x, β) at the particles before the step.
    pub divergence: f64,
    /// Required: the particles after the step (n × d, any strides; must not overlap an
    /// input).
    pub x: otc_matrix_mut_f64,
    /// The solves' potentials (3(n + m) values: f, g of OT_ε(α, β) (n, m), of OT_ε(α, α)
    /// (n, n), of OT_ε(β, β) (m, m)), to pass as the next step's `init_potentials`; NULL =
    /// not wanted.
    pub potentials: *mut f64,
}
crate::abi_struct!(outputs otc_wasserstein_flow_step_outputs_f64);

/// Writes the default options of `otc_wasserstein_flow_step_f64` into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_wasserstein_flow_step_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_wasserstein_flow_step_options_default(
    opts: *mut otc_wasserstein_flow_step_options,
) -> otc_status {
    ffi_boundary("otc_wasserstein_flow_step_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The C op's workspace: the potentials (3(n + m)), the new positions (n·d) and the step's.
fn wasserstein_req(n: usize, m: usize, d: usize, p: &WassersteinFlowParams) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(n.saturating_add(m).saturating_mul(3)),
        vec_req::<f64>(n.saturating_mul(d)),
        wasserstein_flow_step_scratch::<f64>(n, m, d, p),
    ])
}

/// Bytes of workspace `otc_wasserstein_flow_step_f64` needs for `problem` (its shapes) with
/// `opts` (NULL: defaults): O((n + m)·d).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_wasserstein_flow_step_workspace_size_f64(
    problem: *const otc_wasserstein_flow_step_problem_f64,
    opts: *const otc_wasserstein_flow_step_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_wasserstein_flow_step_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, o| {
                let (n, m, d) = cloud_dims(&p.x, &p.y)?;
                Ok(wasserstein_req(n, m, d, &o.params()))
            })
        }
    })
}

/// One explicit Euler step of the Lagrangian Wasserstein gradient flow of the particles
/// α = Σ a_i δ_{x_i} toward the target β = Σ b_j δ_{y_j} (notebooks 3 and 7 of G. Peyré's
/// ot4ml course): `x_i ← x_i − τ ∇_{x_i} S_ε(α, β) / a_i`, S_ε the Sinkhorn divergence for the
/// squared Euclidean cost (as `otc_sinkhorn_divergence_f64`; ∇_{x_i}S_ε/a_i =
/// 2(T_xx(x_i) − T_xy(x_i)), the barycentric maps of OT_ε(α, α) and OT_ε(α, β)). Writes the
/// new particles to `out->x`, S_ε before the step to `out->divergence` and, when wanted, the
/// three solves' potentials to `out->potentials`: passed back as `problem->init_potentials`,
/// they warm-start the next step (a loop keeps two buffers for x and two for the potentials
/// and swaps them). Time O(iterations · (n + m)² · d), memory O((n + m)·d): no n × m matrix.
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (a solve reached max_iter; outputs valid);
/// `OTC_WARN_CANCELLED` (the callback stopped a solve; outputs from the potentials reached);
/// `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
/// `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (a weight of a ≤ 0, negative b, step,
/// ε, tolerance), `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_NUMERICAL` (the step overflowed),
/// `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
/// bytes); every non-NULL pointer and view in them is valid for its stated size;
/// `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_wasserstein_flow_step_f64(
    problem: *const otc_wasserstein_flow_step_problem_f64,
    out: *mut otc_wasserstein_flow_step_outputs_f64,
    opts: *const otc_wasserstein_flow_step_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_wasserstein_flow_step_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let params = o.params();
        let (n, m, d) = cloud_dims(&p.x, &p.y)?;
        let np = 3 * (n + m);
        let (x, rx) = unsafe { args::matrix("problem->x", &p.x) }?;
        let (y, ry) = unsafe { args::matrix("problem->y", &p.y) }?;
        let (a, ra) = unsafe { slice("problem->a", p.a, n) }?;
        let (b, rb) = unsafe { slice("problem->b", p.b, m) }?;
        let init = unsafe { opt_slice("problem->init_potentials", p.init_potentials, np) }?;
        let xv = o_out.value.x;
        if (xv.rows, xv.cols) != (n, d) {
            bail!(
                InvalidDimension,
                "out->x is {}x{}: expected {n}x{d} (the shape of problem->x)",
                xv.rows,
                xv.cols
            );
        }
        let (mut xo, rxo) = unsafe { args::matrix_mut("out->x", &xv) }?;
        let pots_out = unsafe { opt_slice_mut("out->potentials", o_out.value.potentials, np) }?;
        disjoint(
            &[
                ("out", Some(o_out.region())),
                ("out->x", Some(rxo)),
                ("out->potentials", pots_out.as_ref().map(|v| v.1)),
            ],
            &[&[
                ("problem", Some(rp)),
                ("problem->x", Some(rx)),
                ("problem->a", Some(ra)),
                ("problem->y", Some(ry)),
                ("problem->b", Some(rb)),
                ("problem->init_potentials", init.as_ref().map(|v| v.1)),
            ]],
        )?;
        let req = wasserstein_req(n, m, d, &params);
        let callback = Callback::new(o.callback_every, o.callback, o.callback_data);
        let (div, stopped) = unsafe {
            shape::run(o.num_threads, work, req, callback, |par, stack| {
                let (mut pots, stack) = take(stack, np, 0.0f64);
                let (mut next, stack) = take(stack, n * d, 0.0f64);
                if let Some((v, _)) = &init {
                    pots.copy_from_slice(v);
                }
                let (fxy, rest) = pots.split_at_mut(n);
                let (gxy, rest) = rest.split_at_mut(m);
                let (fxx, rest) = rest.split_at_mut(n);
                let (gxx, rest) = rest.split_at_mut(n);
                let (fyy, gyy) = rest.split_at_mut(m);
                let mut view = DivergencePotentials {
                    xy: (fxy, gxy),
                    xx: (fxx, gxx),
                    yy: (fyy, gyy),
                };
                let next_view = MatMut::from_row_major_slice_mut(&mut next, n, d);
                let div = wasserstein_flow_step_in_place(
                    x, y, a, b, &params, &mut view, next_view, par, stack,
                )?;
                check_overflow(&next, div.value)?;
                check_overflow(&pots, div.value)?;
                for i in 0..n {
                    for t in 0..d {
                        xo[(i, t)] = next[i * d + t];
                    }
                }
                if let Some((dst, _)) = pots_out {
                    dst.copy_from_slice(&pots);
                }
                Ok(div)
            })
        }?;
        let converged = div.infos.iter().all(|i| i.converged);
        let v = &mut o_out.value;
        v.divergence = div.value;
        v.report.iterations = div
            .infos
            .iter()
            .map(|i| (i.iterations + i.scaling_iterations) as u64)
            .sum();
        v.report.error = div
            .infos
            .iter()
            .map(|i| i.marginal_error)
            .fold(0.0, f64::max);
        let report = if stopped || div.infos.iter().any(|i| i.cancelled) {
            Report::warn(
                OTC_WARN_CANCELLED,
                "the callback stopped a solve: the step used the potentials reached",
            )
        } else if converged {
            Report::ok()
        } else {
            Report::warn(
                OTC_WARN_MAX_ITER,
                format_args!(
                    "a solve reached max_iter = {}: L1 marginal error {:e} > tolerance {:e}",
                    o.max_iter, v.report.error, o.tolerance
                ),
            )
        };
        o_out.commit(report.status);
        Ok(report)
    })
}

// ---------------------------------------------------------------------------------------------
// mmd_flow_step

/// `opts->kernel` of `otc_mmd_flow_step_f64`: the energy distance, k(x, y) = −|x − y|.
pub const OTC_MMD_KERNEL_ENERGY: i32 = 0;
/// `opts->kernel`: the Gaussian kernel k(x, y) = exp(−|x − y|²/(2σ²)), σ = `opts->sigma`.
pub const OTC_MMD_KERNEL_GAUSSIAN: i32 = 1;

/// Options of `otc_mmd_flow_step_f64`; fill with `otc_mmd_flow_step_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_mmd_flow_step_options {
    /// `sizeof(otc_mmd_flow_step_options)`.
    pub struct_size: usize,
    /// Worker threads sharing the particles (blocks of rows): 0 = `OTCORE_NUM_THREADS` or
    /// all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are identical
    /// for every value.
    pub num_threads: u32,
    /// `OTC_MMD_KERNEL_ENERGY` (default) or `OTC_MMD_KERNEL_GAUSSIAN`.
    pub kernel: i32,
    /// Time step τ > 0 (default 0.1).
    pub step: f64,
    /// Bandwidth σ > 0 of the Gaussian kernel, length units (default 1; unused by the
    /// energy kernel).
    pub sigma: f64,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`; integers and floats only.
unsafe impl AbiStruct for otc_mmd_flow_step_options {
    const NAME: &'static str = "otc_mmd_flow_step_options";
    const MIN_SIZE: usize = size_of::<otc_mmd_flow_step_options>();
    fn base() -> Self {
        otc_mmd_flow_step_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            kernel: OTC_MMD_KERNEL_ENERGY,
            step: MmdParams::default().step,
            sigma: 1.0,
        }
    }
}

/// One step of the MMD flow of the particles (x, a) toward the target (y, b).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_mmd_flow_step_problem_f64 {
    /// `sizeof(otc_mmd_flow_step_problem_f64)`.
    pub struct_size: usize,
    /// The particles, one per row (n × d), finite.
    pub x: otc_matrix_f64,
    /// Their weights (n values, each > 0).
    pub a: *const f64,
    /// The target cloud, one point per row (m × d), finite.
    pub y: otc_matrix_f64,
    /// Its weights (m values, ≥ 0; any total mass).
    pub b: *const f64,
    /// The target's term Σ_jl b_j b_l k(y_j, y_l) when known (a previous step's
    /// `out->target_term`, 1 value), or NULL: computed (O(m²·d)).
    pub target_term: *const f64,
}
crate::abi_struct!(problem otc_mmd_flow_step_problem_f64);

/// Results of `otc_mmd_flow_step_f64` (report: iterations 0, error 0, path 0).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_mmd_flow_step_outputs_f64 {
    /// `sizeof(otc_mmd_flow_step_outputs_f64)`.
    pub struct_size: usize,
    /// Status, seconds.
    pub report: otc_report,
    /// MMD²_k(α_x, β) at the particles before the step.
    pub mmd_squared: f64,
    /// The target's term Σ_jl b_j b_l k(y_j, y_l) (given or computed): pass it as the next
    /// step's `problem->target_term`.
    pub target_term: f64,
    /// Required: the particles after the step (n × d, any strides; must not overlap an
    /// input).
    pub x: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_mmd_flow_step_outputs_f64);

impl otc_mmd_flow_step_options {
    fn params(&self) -> Result<MmdParams> {
        let kernel = match self.kernel {
            OTC_MMD_KERNEL_ENERGY => MmdKernel::Energy,
            OTC_MMD_KERNEL_GAUSSIAN => MmdKernel::Gaussian { sigma: self.sigma },
            k => bail!(
                InvalidArgument,
                "opts->kernel = {k}: expected OTC_MMD_KERNEL_ENERGY (0) or OTC_MMD_KERNEL_GAUSSIAN (1)"
            ),
        };
        Ok(MmdParams {
            step: self.step,
            kernel,
            num_threads: args::threads(self.num_threads),
        })
    }
}

/// Writes the default options of `otc_mmd_flow_step_f64` into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_mmd_flow_step_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_mmd_flow_step_options_default(
    opts: *mut otc_mmd_flow_step_options,
) -> otc_status {
    ffi_boundary("otc_mmd_flow_step_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The C op's workspace: the new positions (n·d) and the step's.
fn mmd_req(n: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(n.saturating_mul(d)),
        mmd_flow_step_scratch(n, m, d),
    ])
}

/// Bytes of workspace `otc_mmd_flow_step_f64` needs for `problem` (its shapes): O(n·d + m).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_mmd_flow_step_workspace_size_f64(
    problem: *const otc_mmd_flow_step_problem_f64,
    opts: *const otc_mmd_flow_step_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_mmd_flow_step_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, _| {
                let (n, m, d) = cloud_dims(&p.x, &p.y)?;
                Ok(mmd_req(n, m, d))
            })
        }
    })
}

/// One explicit Euler step of the MMD particle flow (notebook 7 of the ot4ml course):
/// `x_i ← x_i − τ ∇_{x_i} MMD²_k(α, β) / a_i = x_i − 2τ (Σ_j a_j ∇₁k(x_i, x_j) − Σ_j b_j
/// ∇₁k(x_i, y_j))` for the energy-distance kernel −|x − y| (its gradient taken as 0 at
/// x = y) or the Gaussian kernel of bandwidth σ. Writes the new particles to `out->x`,
/// MMD² before the step to `out->mmd_squared` and the target's constant term to
/// `out->target_term` (pass it back as `problem->target_term`: the step is then O((n + m)·n·d);
/// without it the term costs O(m²·d) more). No n × m memory; the particles' rows are split
/// in fixed blocks across threads (the same bits for every `num_threads`).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (a weight
/// of a ≤ 0, negative b, step, σ, an unknown kernel), `OTC_ERR_NUMERICAL` (the step
/// overflowed), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
/// bytes); every non-NULL pointer and view in them is valid for its stated size;
/// `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_mmd_flow_step_f64(
    problem: *const otc_mmd_flow_step_problem_f64,
    out: *mut otc_mmd_flow_step_outputs_f64,
    opts: *const otc_mmd_flow_step_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_mmd_flow_step_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let params = o.params()?;
        let (n, m, d) = cloud_dims(&p.x, &p.y)?;
        let (x, rx) = unsafe { args::matrix("problem->x", &p.x) }?;
        let (y, ry) = unsafe { args::matrix("problem->y", &p.y) }?;
        let (a, ra) = unsafe { slice("problem->a", p.a, n) }?;
        let (b, rb) = unsafe { slice("problem->b", p.b, m) }?;
        let target = unsafe { opt_slice("problem->target_term", p.target_term, 1) }?;
        let xv = o_out.value.x;
        if (xv.rows, xv.cols) != (n, d) {
            bail!(
                InvalidDimension,
                "out->x is {}x{}: expected {n}x{d} (the shape of problem->x)",
                xv.rows,
                xv.cols
            );
        }
        let (mut xo, rxo) = unsafe { args::matrix_mut("out->x", &xv) }?;
        disjoint(
            &[("out", Some(o_out.region())), ("out->x", Some(rxo))],
            &[&[
                ("problem", Some(rp)),
                ("problem->x", Some(rx)),
                ("problem->a", Some(ra)),
                ("problem->y", Some(ry)),
                ("problem->b", Some(rb)),
                ("problem->target_term", target.as_ref().map(|v| v.1)),
            ]],
        )?;
        let (s, _) = unsafe {
            shape::run(
                o.num_threads,
                work,
                mmd_req(n, m, d),
                Callback::NONE,
                |par, stack| {
                    let (mut next, stack) = take(stack, n * d, 0.0f64);
                    let next_view = MatMut::from_row_major_slice_mut(&mut next, n, d);
                    let s = mmd_flow_step_in_place(
                        x,
                        y,
                        a,
                        b,
                        &params,
                        target.map(|v| v.0[0]),
                        next_view,
                        par,
                        stack,
                    )?;
                    check_overflow(&next, s.mmd_squared)?;
                    for i in 0..n {
                        for t in 0..d {
                            xo[(i, t)] = next[i * d + t];
                        }
                    }
                    Ok(s)
                },
            )
        }?;
        o_out.value.mmd_squared = s.mmd_squared;
        o_out.value.target_term = s.target_term;
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}

// ---------------------------------------------------------------------------------------------
// jko_step

/// Options of `otc_jko_step_f64`; fill with `otc_jko_step_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_jko_step_options {
    /// `sizeof(otc_jko_step_options)`.
    pub struct_size: usize,
    /// Worker threads sharing the rows of each log-convolution: 0 = `OTCORE_NUM_THREADS` or
    /// all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are identical
    /// for every value.
    pub num_threads: u32,
    /// Iteration cap (≥ 1; default 1000).
    pub max_iter: u64,
    /// Entropic regularisation ε > 0, in units of the cost ½|x − y|² on the unit square
    /// (default 1e-3).
    pub epsilon: f64,
    /// Time step τ > 0 (default 1e-3).
    pub step: f64,
    /// Stop when the last update changed the density by at most `tol` in L1 (units of mass;
    /// default 1e-9).
    pub tol: f64,
    /// Call `callback` at most once every `callback_every` iterations (0, the default: never).
    pub callback_every: u64,
    /// Progress callback `(callback_data, iterations, error)` on the calling thread; nonzero
    /// stops the iterations (`OTC_WARN_CANCELLED`, the density reached, of the right mass).
    /// NULL (the default): none.
    pub callback: otc_callback,
    /// Passed to `callback` as is (default NULL).
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`; integers, floats, a nullable function
// pointer and a raw pointer (every bit pattern valid).
unsafe impl AbiStruct for otc_jko_step_options {
    const NAME: &'static str = "otc_jko_step_options";
    const MIN_SIZE: usize = size_of::<otc_jko_step_options>();
    fn base() -> Self {
        let d = JkoParams::default();
        otc_jko_step_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            max_iter: d.max_iter as u64,
            epsilon: d.epsilon,
            step: d.step,
            tol: d.tolerance,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// One entropic JKO step of a density on an h × w grid of the unit square.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_jko_step_problem_f64 {
    /// `sizeof(otc_jko_step_problem_f64)`.
    pub struct_size: usize,
    /// The density ρ_k (h·w masses, pixel (r, c) at `r·w + c`, ≥ 0, positive sum).
    pub rho: *const f64,
    /// Grid rows h ≥ 1 (pixel row r at r/(h − 1)).
    pub height: usize,
    /// Grid columns w ≥ 1.
    pub width: usize,
    /// The potential V (h·w finite values, the same layout), or NULL: V = 0 (the heat flow).
    pub potential: *const f64,
    /// Warm start: the `dual` output of the previous step (h·w finite values, the same
    /// layout), or NULL for a cold start (u = 0).
    pub init_dual: *const f64,
}
crate::abi_struct!(problem otc_jko_step_problem_f64 since init_dual);

/// Results of `otc_jko_step_f64`. `report.iterations`: scaling iterations;
/// `report.error`: the L1 change of the density at the last one.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_jko_step_outputs_f64 {
    /// `sizeof(otc_jko_step_outputs_f64)`.
    pub struct_size: usize,
    /// Status, iterations, error, seconds; path 0.
    pub report: otc_report,
    /// Required: ρ_{k+1} (h·w values, the layout of `problem->rho`; must not overlap an
    /// input).
    pub rho_next: *mut f64,
    /// The final dual u (h·w values, the layout of `problem->rho`: the log of the plan's row
    /// scaling, dimensionless; εu is the potential in cost units), to pass as the next step's
    /// `problem->init_dual`; NULL = not wanted. Must not overlap an input or `rho_next`.
    pub dual: *mut f64,
}
crate::abi_struct!(outputs otc_jko_step_outputs_f64 since dual);

/// Writes the default options of `otc_jko_step_f64` into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_jko_step_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_jko_step_options_default(
    opts: *mut otc_jko_step_options,
) -> otc_status {
    ffi_boundary("otc_jko_step_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The grid's pixel count, checked (h, w ≥ 1, h·w without overflow).
fn grid_len(h: usize, w: usize) -> Result<usize> {
    match h.checked_mul(w) {
        Some(n) if n > 0 => Ok(n),
        _ => bail!(
            InvalidDimension,
            "problem->height = {h}, problem->width = {w}: both must be >= 1 and h·w must fit"
        ),
    }
}

/// The C op's workspace: the result and the dual (h·w each) and the step's.
fn jko_req(h: usize, w: usize) -> StackReq {
    let n = h.saturating_mul(w);
    StackReq::all_of(&[
        vec_req::<f64>(n),
        vec_req::<f64>(n),
        jko_step_warm_scratch::<f64>(h, w),
    ])
}

/// Bytes of workspace `otc_jko_step_f64` needs for `problem` (its grid): `7hw + h + 2w +
/// 2(h² + w²)` doubles.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_jko_step_workspace_size_f64(
    problem: *const otc_jko_step_problem_f64,
    opts: *const otc_jko_step_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_jko_step_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, _| {
                grid_len(p.height, p.width)?;
                Ok(jko_req(p.height, p.width))
            })
        }
    })
}

/// One step of the entropic JKO scheme (G. Peyré, "Entropic approximation of Wasserstein
/// gradient flows", SIAM J. Imaging Sci. 2015) on the h × w grid of the unit square
/// (pixel (r, c) at (r/(h − 1), c/(w − 1))): `ρ_{k+1} = argmin_ρ W_ε(ρ, ρ_k) + τ F(ρ)` with
/// `F(ρ) = Σ ρ log ρ + Σ V ρ` (the heat flow for V = 0, Fokker–Planck `∂ρ = Δρ + ∇·(ρ∇V)`
/// otherwise) and W_ε the entropic transport cost for `½|x − y|²` (so a Gaussian's
/// variance grows by ≈ 2τ per step and axis under the heat flow, plus ≈ ε of entropic
/// blur). The paper's scaling iterations `v ← log ρ_k − log K e^u`,
/// `u ← −τ/(τ + ε)·(log K e^v + 1 + V)`, a contraction of factor τ/(τ + ε), each `log K e^·`
/// the separable log-convolution of `otc_convolutional_barycenter_f64` (two matmuls, `O(hw(h + w))`).
/// `out->rho_next` has the mass of ρ_k (up to rounding). The same bits for every
/// `num_threads`.
///
/// Warm start: the iterations start from `problem->init_dual` (NULL: u = 0) and, when
/// `out->dual` is set, leave the final u there; a time loop passing each step's dual back
/// as the next step's `init_dual` (two buffers, swapped) saves about
/// `log(‖u₀ − u*‖/‖u_prev − u*‖)/log((τ + ε)/τ)` iterations per step. `out->rho_next` does
/// not depend on the start, up to `tol`.
///
/// Progress: `opts->callback` (when set) receives `(iterations, error)` every
/// `opts->callback_every` iterations, on the calling thread.
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tol not met; outputs valid);
/// `OTC_WARN_CANCELLED` (outputs valid: the iterate reached); `OTC_ERR_NULL_POINTER`,
/// `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`,
/// `OTC_ERR_INVALID_ARGUMENT` (ε, step, tol, max_iter, negative or zero-sum ρ),
/// `OTC_ERR_NUMERICAL` (the density or the dual overflowed), `OTC_ERR_ALIASING`,
/// `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer on the calling thread's first product above 16³ multiply-adds (once
/// h·w·max(h, w) > 4096), as `otc_convolutional_barycenter_f64`: see docs/abi.md, Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
/// bytes); every non-NULL pointer in them is valid for its stated length; `work.data` is
/// NULL or valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_jko_step_f64(
    problem: *const otc_jko_step_problem_f64,
    out: *mut otc_jko_step_outputs_f64,
    opts: *const otc_jko_step_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_jko_step_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let (h, w) = (p.height, p.width);
        let n = grid_len(h, w)?;
        let (rho, rr) = unsafe { slice("problem->rho", p.rho, n) }?;
        let v = unsafe { opt_slice("problem->potential", p.potential, n) }?;
        let init = unsafe { opt_slice("problem->init_dual", p.init_dual, n) }?;
        let (dst, rd) = unsafe { slice_mut("out->rho_next", o_out.value.rho_next, n) }?;
        let dual_out = unsafe { opt_slice_mut("out->dual", o_out.value.dual, n) }?;
        disjoint(
            &[
                ("out", Some(o_out.region())),
                ("out->rho_next", Some(rd)),
                ("out->dual", dual_out.as_ref().map(|x| x.1)),
            ],
            &[&[
                ("problem", Some(rp)),
                ("problem->rho", Some(rr)),
                ("problem->potential", v.as_ref().map(|x| x.1)),
                ("problem->init_dual", init.as_ref().map(|x| x.1)),
            ]],
        )?;
        if let Some((u0, _)) = init {
            crate::error::check_finite("problem->init_dual", u0.iter().copied())?;
        }
        let params = JkoParams {
            epsilon: o.epsilon,
            step: o.step,
            max_iter: args::count(o.max_iter),
            tolerance: o.tol,
            num_threads: args::threads(o.num_threads),
        };
        let callback = Callback::new(o.callback_every, o.callback, o.callback_data);
        let (info, _) = unsafe {
            shape::run(
                o.num_threads,
                work,
                jko_req(h, w),
                callback,
                |par, stack| {
                    let (mut res, stack) = take(stack, n, 0.0f64);
                    let (mut dual, stack) = take(stack, n, 0.0f64);
                    if let Some((u0, _)) = init {
                        dual.copy_from_slice(u0);
                    }
                    let info = jko_step_warm_in_place(
                        rho,
                        v.map(|x| x.0),
                        h,
                        w,
                        &params,
                        &mut dual,
                        &mut res,
                        par,
                        stack,
                    )?;
                    check_overflow(&res, info.error)?;
                    check_overflow(&dual, info.error)?;
                    dst.copy_from_slice(&res);
                    if let Some((d, _)) = dual_out {
                        d.copy_from_slice(&dual);
                    }
                    Ok(info)
                },
            )
        }?;
        let report = &mut o_out.value.report;
        report.iterations = info.iterations as u64;
        report.error = info.error;
        let r = if info.converged {
            Report::ok()
        } else if info.cancelled {
            Report::warn(
                OTC_WARN_CANCELLED,
                format_args!(
                    "stopped by the callback after {} iterations: error {:e}",
                    info.iterations, info.error
                ),
            )
        } else {
            Report::warn(
                OTC_WARN_MAX_ITER,
                format_args!(
                    "{} iterations: error {:e} > tol {:e}",
                    info.iterations, info.error, o.tol
                ),
            )
        };
        o_out.commit(r.status);
        Ok(r)
    })
}
