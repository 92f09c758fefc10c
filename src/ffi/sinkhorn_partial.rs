//! C entry points of entropic partial OT ([`crate::sinkhorn::partial`]) in the ABI 1 shape:
//! `otc_sinkhorn_partial_*`, the entropic counterpart of `otc_emd_partial_*` (same problem
//! fields, same dual conventions). f64, dense costs read in place.

use super::args;
use super::boundary::{ffi_boundary, Report};
use super::emd_partial::{sizes, write_dense_workspace};
use super::shape::{self, otc_callback, otc_workspace, AbiStruct, Callback};
use super::sinkhorn::check_overflow;
use super::status::{otc_status, OTC_OK, OTC_WARN_CANCELLED, OTC_WARN_MAX_ITER};
use super::view::{otc_matrix_f64, otc_matrix_mut_f64};
use crate::sinkhorn::{self, Cost, EntropicPartialParams};
use crate::workspace::{take, vec_req};
use crate::{bail, MemStack, Par, StackReq};
use std::ffi::c_void;
use std::mem::size_of;

/// Options of `otc_sinkhorn_partial_f64`; fill with `otc_sinkhorn_partial_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_partial_options {
    /// `sizeof(otc_sinkhorn_partial_options)`.
    pub struct_size: usize,
    /// Worker threads: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only,
    /// k = k workers (at most 256). Results are identical for every value.
    pub num_threads: u32,
    /// Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01.
    pub epsilon: f64,
    /// Stop when the L1 error of the optimality conditions is at most this (0 = run to
    /// `max_iter`). Default 1e-9.
    pub tolerance: f64,
    /// Iteration cap (>= 1; an iteration is a row, a column and a mass update); default
    /// 10000. Reaching it gives `OTC_WARN_MAX_ITER`.
    pub max_iter: u64,
    /// Check the error every this many iterations (>= 1, default 10).
    pub check_every: u64,
    /// A target mass above min(Σa, Σb) by at most this relative amount is taken as
    /// min(Σa, Σb) (default 1e-9).
    pub mass_tolerance: f64,
    /// Call `callback` at most once every this many iterations, at the error checks (0 =
    /// never, the default).
    pub callback_every: u64,
    /// Progress callback `(callback_data, iterations so far, error)`, on the calling thread;
    /// nonzero stops the solve (`OTC_WARN_CANCELLED`, outputs valid). NULL = none.
    pub callback: otc_callback,
    /// Passed to `callback` as its first argument.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers, floats, a raw pointer and
// an optional function pointer (NULL is None) only.
unsafe impl AbiStruct for otc_sinkhorn_partial_options {
    const NAME: &'static str = "otc_sinkhorn_partial_options";
    const MIN_SIZE: usize = size_of::<otc_sinkhorn_partial_options>();
    fn base() -> Self {
        let p = EntropicPartialParams::default();
        otc_sinkhorn_partial_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            epsilon: p.epsilon,
            tolerance: p.tolerance,
            max_iter: p.max_iter as u64,
            check_every: p.check_every as u64,
            mass_tolerance: p.mass_tolerance,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// Entropic partial OT: move `mass` (0 < mass ≤ min(Σa, Σb)) from `a` to `b`,
/// `min ⟨C, P⟩ + ε·KL(P | a⊗b)` over P ≥ 0 with P·1 ≤ a, Pᵀ·1 ≤ b, Σ P = mass.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_partial_problem_f64 {
    /// `sizeof(otc_sinkhorn_partial_problem_f64)`.
    pub struct_size: usize,
    /// Source weights (n; finite, ≥ 0).
    pub a: *const f64,
    /// Number of sources n ≥ 1.
    pub n: usize,
    /// Target weights (m; finite, ≥ 0).
    pub b: *const f64,
    /// Number of targets m ≥ 1.
    pub m: usize,
    /// The n × m cost (finite; any strides, read in place).
    pub cost: otc_matrix_f64,
    /// Mass to transport (finite, > 0, ≤ min(Σa, Σb) up to `mass_tolerance`).
    pub mass: f64,
}
crate::abi_struct!(problem otc_sinkhorn_partial_problem_f64);

/// Results of `otc_sinkhorn_partial_f64`. `report.iterations`: iterations; `report.error`:
/// the L1 error of the optimality conditions (the marginals where a dual is < 0, their
/// excess over the weights where it is 0, and the mass); `report.path`: 0. Optional outputs:
/// NULL (a view's `data` NULL) when not wanted.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_partial_outputs_f64 {
    /// `sizeof(otc_sinkhorn_partial_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), iterations, error, seconds.
    pub report: shape::otc_report,
    /// ⟨C, P⟩ + ε·KL(P | a⊗b), computed as the dual objective a·f + b·g + mass·λ −
    /// ε(ΣP − Σa·Σb).
    pub entropic_ot: f64,
    /// ⟨C, P⟩ = Σ_ij C_ij P_ij, without the entropy term.
    pub transport_cost: f64,
    /// Transported mass Σ P_ij (the problem's `mass`, clamped to min(Σa, Σb)).
    pub transported_mass: f64,
    /// λ, the price of the mass constraint (the derivative of `entropic_ot` in the mass).
    pub mass_price: f64,
    /// Row duals f ≤ 0 (n), or NULL: `P_ij = a_i b_j exp((f_i + g_j + λ − C_ij)/ε)`.
    pub f: *mut f64,
    /// Column duals g ≤ 0 (m), or NULL.
    pub g: *mut f64,
    /// Dense plan, an n × m view (any strides, distinct elements); `data` NULL: not wanted.
    pub plan: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_sinkhorn_partial_outputs_f64);

/// Workspace of a call: the duals (n + m values) and f + λ (n), then the solve's or the
/// outputs' scratch.
fn partial_req(n: usize, m: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(n),
        vec_req::<f64>(m),
        vec_req::<f64>(n),
        StackReq::any_of(&[
            sinkhorn::sinkhorn_partial_scratch::<f64>(n, m, 0),
            sinkhorn::line_sums_scratch::<f64>(n, m, 0),
        ]),
    ])
}

/// Writes the default options (`num_threads = 0`, `epsilon = 0.01`, `tolerance = 1e-9`,
/// `max_iter = 10000`, `check_every = 10`, `mass_tolerance = 1e-9`, no callback) into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_sinkhorn_partial_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_partial_options_default(
    opts: *mut otc_sinkhorn_partial_options,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_partial_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Bytes of workspace `otc_sinkhorn_partial_f64` needs for `problem` (its n and m) with
/// `opts` (NULL: defaults): O(n + m); the cost is never copied. O(1) time.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (n or m = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_partial_workspace_size_f64(
    problem: *const otc_sinkhorn_partial_problem_f64,
    opts: *const otc_sinkhorn_partial_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_partial_workspace_size_f64", || {
        // SAFETY (whole block): forwarded contract, checked by the helpers.
        let (p, _) = unsafe { shape::problem(problem) }?;
        let o = unsafe { shape::options(opts) }?;
        unsafe { write_dense_workspace(p.n, p.m, o.num_threads, partial_req, bytes) }
    })
}

/// Entropic partial OT between `problem->a` (n) and `problem->b` (m) for the n × m cost:
/// moves `problem->mass` at least entropic cost, by block-coordinate ascent on the dual
/// (Sinkhorn row and column updates clamped at 0, and a closed-form update of the mass price
/// λ), from a cold start. Writes `out->entropic_ot`, `out->transport_cost`,
/// `out->transported_mass`, `out->mass_price`, the report and the optional outputs asked for
/// (f, g, plan). As ε → 0 the plan tends to an `otc_emd_partial_f64` plan. Time O(n·m) per
/// iteration (2·n·m exponentials); workspace from `otc_sinkhorn_partial_workspace_size_f64`
/// (or `{NULL, 0}`: allocated). Results are identical for every thread count.
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (the cap was reached; outputs valid);
/// `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid, from the duals
/// reached); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
/// `OTC_ERR_INVALID_ARGUMENT` (ε, tolerances, `max_iter` or `check_every` 0, a negative
/// weight, a mass ≤ 0 or above min(Σa, Σb)), `OTC_ERR_NON_FINITE`, `OTC_ERR_NUMERICAL` (the
/// duals or values overflowed: rescale the costs or raise ε), `OTC_ERR_INVALID_STRIDE`,
/// `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
/// `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
/// bytes); every non-NULL pointer in them is valid for its stated size; `work.data` is NULL or
/// valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_partial_f64(
    problem: *const otc_sinkhorn_partial_problem_f64,
    out: *mut otc_sinkhorn_partial_outputs_f64,
    opts: *const otc_sinkhorn_partial_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_partial_f64", || {
        // SAFETY (whole block): every pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated sizes is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o = unsafe { shape::options(opts) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        sizes(p.n, p.m)?;
        let (n, m) = (p.n, p.m);
        let (c, rc) = unsafe { args::matrix("problem->cost", &p.cost) }?;
        if c.nrows() != n || c.ncols() != m {
            bail!(
                InvalidDimension,
                "problem->cost is {}x{} but n = {n} and m = {m}",
                c.nrows(),
                c.ncols()
            );
        }
        let (a, ra) = unsafe { args::slice("problem->a", p.a, n) }?;
        let (b, rb) = unsafe { args::slice("problem->b", p.b, m) }?;
        let ov = &o_out.value;
        let f = unsafe { args::opt_slice_mut("out->f", ov.f, n) }?;
        let g = unsafe { args::opt_slice_mut("out->g", ov.g, m) }?;
        let plan = match ov.plan.data.is_null() {
            true => None,
            false => Some(unsafe { args::matrix_mut("out->plan", &ov.plan) }?),
        };
        if let Some((v, _)) = &plan {
            if v.nrows() != n || v.ncols() != m {
                bail!(
                    InvalidDimension,
                    "out->plan is {}x{} but n = {n} and m = {m}",
                    v.nrows(),
                    v.ncols()
                );
            }
        }
        args::disjoint(
            &[
                ("out", Some(o_out.region())),
                ("out->f", f.as_ref().map(|x| x.1)),
                ("out->g", g.as_ref().map(|x| x.1)),
                ("out->plan", plan.as_ref().map(|x| x.1)),
            ],
            &[&[
                ("problem", Some(rp)),
                ("problem->a", Some(ra)),
                ("problem->b", Some(rb)),
                ("problem->cost", Some(rc)),
            ]],
        )?;
        let params = EntropicPartialParams {
            epsilon: o.epsilon,
            tolerance: o.tolerance,
            max_iter: args::count(o.max_iter),
            check_every: args::count(o.check_every),
            mass_tolerance: o.mass_tolerance,
            num_threads: args::threads(o.num_threads),
        };
        let cost = Cost::Dense(c);
        let (f, g, plan) = (f.map(|x| x.0), g.map(|x| x.0), plan.map(|x| x.0));
        let solve = |par: Par, stack: &mut MemStack| {
            let (mut fw, stack) = take(stack, n, 0.0f64);
            let (mut gw, stack) = take(stack, m, 0.0f64);
            let (mut shifted, stack) = take(stack, n, 0.0f64);
            let info = sinkhorn::sinkhorn_partial_in_place(
                cost, a, b, p.mass, &mut fw, &mut gw, &params, par, stack,
            )?;
            let eps = params.epsilon;
            check_overflow(&fw, &gw, &[info.dual, info.mass_price], eps)?;
            // The plan's formula takes f + λ as its row potential.
            for (o, &x) in shifted.iter_mut().zip(fw.iter()) {
                *o = x + info.mass_price;
            }
            let tc = sinkhorn::transport_cost_in_place(cost, a, b, &shifted, &gw, eps, par, stack)?;
            check_overflow(&[], &[], &[tc], eps)?;
            if let Some(plan) = plan {
                sinkhorn::plan_in_place(cost, a, b, &shifted, &gw, eps, plan, stack)?;
            }
            if let Some(f) = f {
                f.copy_from_slice(&fw);
            }
            if let Some(g) = g {
                g.copy_from_slice(&gw);
            }
            Ok((info, tc))
        };
        let callback = Callback::new(o.callback_every, o.callback, o.callback_data);
        let ((info, tc), _) =
            unsafe { shape::run(o.num_threads, work, partial_req(n, m), callback, solve) }?;
        let v = &mut o_out.value;
        v.entropic_ot = info.dual;
        v.transport_cost = tc;
        v.transported_mass = info.mass;
        v.mass_price = info.mass_price;
        v.report.iterations = info.iterations as u64;
        v.report.error = info.marginal_error;
        let (status, why) = match (info.converged, info.cancelled) {
            (true, _) => (OTC_OK, ""),
            (false, true) => (OTC_WARN_CANCELLED, "the callback stopped the solve"),
            (false, false) => (OTC_WARN_MAX_ITER, "max_iter reached"),
        };
        o_out.commit(status);
        Ok(match status {
            OTC_OK => Report::ok(),
            _ => Report::warn(
                status,
                format_args!(
                    "{why} after {} iterations: error {:e}",
                    info.iterations, info.marginal_error
                ),
            ),
        })
    })
}
