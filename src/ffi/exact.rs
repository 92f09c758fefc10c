//! C entry points of [`crate::exact`]: the network simplex (`otc_emd*`).

use super::args::{self, AbiOptions};
use super::boundary::{ffi_boundary, Report};
use super::status::{otc_status, OTC_WARN_MAX_ITER};
use super::view::{otc_matrix_f64, otc_matrix_mut_f64};
use crate::exact::{emd_in_place, emd_scratch, EmdOutputs, EmdParams, SparsePlanMut};
use crate::{bail, par};
use std::ffi::c_void;

/// Options of `otc_emd`; fill with `otc_emd_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_options {
    /// `sizeof(otc_emd_options)`, set by `otc_emd_options_default`.
    pub struct_size: usize,
    /// 0 = library default, 1 = calling thread only, k = k workers (one problem is solved on
    /// one thread; threads serve the batched entry points).
    pub num_threads: u32,
    /// Pivot cap (initial pivots included); default 2^40. When reached, the feasible plan
    /// found so far is returned with `OTC_WARN_MAX_ITER`.
    pub max_iter: u64,
    /// Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
    /// b is rescaled to a's mass.
    pub mass_tolerance: f64,
}

impl AbiOptions for otc_emd_options {
    const NAME: &'static str = "otc_emd_options";
    fn defaults() -> Self {
        let p = EmdParams::default();
        otc_emd_options {
            struct_size: std::mem::size_of::<Self>(),
            num_threads: 0,
            max_iter: p.max_iter,
            mass_tolerance: p.mass_tolerance,
        }
    }
}

/// Scalar results of `otc_emd`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct otc_emd_result {
    /// Transport cost Σ C_ij P_ij of the returned plan.
    pub cost: f64,
    /// Most negative reduced cost C_ij − f_i − g_j of the returned duals (0 when optimal up
    /// to rounding; negative after `OTC_WARN_MAX_ITER`).
    pub gap: f64,
    /// Pivots made.
    pub iterations: u64,
    /// Number of entries written to the sparse plan (≤ n + m − 1).
    pub nnz: usize,
}

/// Writes the default options into `*opts`.
///
/// # Safety
/// `opts` must be valid for writes of one `otc_emd_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_options_default(opts: *mut otc_emd_options) -> otc_status {
    ffi_boundary("otc_emd_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { args::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Bytes of workspace `otc_emd` needs for n rows and m columns (O(n + m); the cost matrix is
/// never copied). `opts` may be NULL.
///
/// # Safety
/// `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_workspace_size(
    n: usize,
    m: usize,
    opts: *const otc_emd_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_emd_workspace_size", || {
        // SAFETY: forwarded contract.
        unsafe { args::options(opts) }?;
        if n == 0 || m == 0 {
            bail!(InvalidDimension, "n = {n} and m = {m}: both must be >= 1");
        }
        // SAFETY: forwarded contract.
        unsafe { args::write_workspace_size(emd_scratch(n, m), out_bytes) }?;
        Ok(Report::ok())
    })
}

/// Exact optimal transport between histograms `a` (n) and `b` (m) for the n × m `cost` (any
/// strides), by the network simplex.
///
/// Outputs, each optional (NULL, or `plan.data == NULL`, when not wanted): `result` (cost,
/// gap, iterations, nnz); duals `f` (n) and `g` (m) centred so that a·f = b·g; the sparse plan
/// `plan_rows`, `plan_cols`, `plan_mass` (each with room for n + m − 1 entries; the three go
/// together; `result->nnz` entries are written, in no particular order); the dense plan `plan`
/// (n × m view). Weights and costs must be finite and ≥ 0; masses must agree within
/// `mass_tolerance` (`OTC_ERR_MASS_MISMATCH` otherwise, naming the heavier side).
/// Returns `OTC_WARN_MAX_ITER` with a feasible plan when `max_iter` stops the solve.
///
/// # Safety
/// Every non-NULL pointer must be valid for its stated length; `work` is NULL or valid for
/// `work_bytes` bytes; outputs must not overlap each other or the inputs.
#[no_mangle]
pub unsafe extern "C" fn otc_emd(
    a: *const f64,
    n: usize,
    b: *const f64,
    m: usize,
    cost: otc_matrix_f64,
    result: *mut otc_emd_result,
    f: *mut f64,
    g: *mut f64,
    plan_rows: *mut usize,
    plan_cols: *mut usize,
    plan_mass: *mut f64,
    plan: otc_matrix_mut_f64,
    opts: *const otc_emd_options,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_emd", || {
        // SAFETY (whole block): each pointer is checked by the `args` helpers before use; their
        // validity for the stated lengths is the caller's contract.
        let o = unsafe { args::options(opts) }?;
        let (a, ra) = unsafe { args::slice("a", a, n) }?;
        let (b, rb) = unsafe { args::slice("b", b, m) }?;
        let (c, rc) = unsafe { args::matrix("cost", &cost) }?;
        let result = unsafe { args::opt_slice_mut("result", result, 1) }?;
        let cap = n.checked_add(m).map(|k| k - 1).unwrap_or(usize::MAX);
        let fo = unsafe { args::opt_slice_mut("f", f, n) }?;
        let go = unsafe { args::opt_slice_mut("g", g, m) }?;
        let sparse_given = [
            !plan_rows.is_null(),
            !plan_cols.is_null(),
            !plan_mass.is_null(),
        ];
        if sparse_given.iter().any(|&x| x) && !sparse_given.iter().all(|&x| x) {
            bail!(
                NullPointer,
                "plan_rows, plan_cols and plan_mass go together: give all three or none"
            );
        }
        let pr = unsafe { args::opt_slice_mut("plan_rows", plan_rows, cap) }?;
        let pc = unsafe { args::opt_slice_mut("plan_cols", plan_cols, cap) }?;
        let pm = unsafe { args::opt_slice_mut("plan_mass", plan_mass, cap) }?;
        let dense = if plan.data.is_null() {
            None
        } else {
            Some(unsafe { args::matrix_mut("plan", &plan) }?)
        };
        let mut outputs = Vec::new();
        if let Some(r) = &result {
            outputs.push(("result", r.1));
        }
        for (name, r) in [
            ("f", fo.as_ref().map(|x| x.1)),
            ("g", go.as_ref().map(|x| x.1)),
            ("plan_rows", pr.as_ref().map(|x| x.1)),
            ("plan_cols", pc.as_ref().map(|x| x.1)),
            ("plan_mass", pm.as_ref().map(|x| x.1)),
            ("plan", dense.as_ref().map(|x| x.1)),
        ] {
            if let Some(r) = r {
                outputs.push((name, r));
            }
        }
        args::check_disjoint(&outputs, &[("a", ra), ("b", rb), ("cost", rc)])?;
        let params = EmdParams {
            max_iter: o.max_iter,
            mass_tolerance: o.mass_tolerance,
        };
        let sparse = match (pr, pc, pm) {
            (Some(r), Some(c), Some(x)) => Some(SparsePlanMut {
                rows: r.0,
                cols: c.0,
                mass: x.0,
            }),
            _ => None,
        };
        let out = EmdOutputs {
            f: fo.map(|x| x.0),
            g: go.map(|x| x.0),
            sparse,
            dense: dense.map(|x| x.0),
        };
        let info = unsafe {
            args::with_workspace(work, work_bytes, emd_scratch(n, m), |stack| {
                par::with_threads(1, |p| emd_in_place(a, b, c, out, &params, p, stack))?
            })
        }?;
        if let Some((r, _)) = result {
            r[0] = otc_emd_result {
                cost: info.cost,
                gap: info.gap,
                iterations: info.iterations,
                nnz: info.nnz,
            };
        }
        if info.converged {
            Ok(Report::ok())
        } else {
            Ok(Report::warn(
                OTC_WARN_MAX_ITER,
                format!(
                    "max_iter = {} pivots reached: the plan is feasible, optimality gap {:e}",
                    params.max_iter, info.gap
                ),
            ))
        }
    })
}
