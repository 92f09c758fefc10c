//! C entry points of [`crate::exact`]: the network simplex (`otc_emd*`).

use super::args::{self, AbiOptions};
use super::boundary::{ffi_boundary, Report};
use super::status::{otc_status, OTC_WARN_MAX_ITER};
use super::view::{otc_matrix_f64, otc_matrix_mut_f64};
use crate::exact::{
    emd_batch_in_place, emd_batch_scratch, emd_in_place, emd_scratch, sliced_scratch,
    sliced_wasserstein_in_place, wasserstein_1d_in_place, wasserstein_1d_scratch, BatchOutputs,
    Directions, EmdInfo, EmdOutputs, EmdParams, SparsePlanMut, WarmStart,
};
use crate::workspace::try_vec_with_capacity;
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
/// `warm_f` (n) and `warm_g` (m), both or neither, are dual potentials of a related problem to
/// start from (NULL, NULL: cold start).
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
    warm_f: *const f64,
    warm_g: *const f64,
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
        let (c, rc) = unsafe { args::matrix("cost", &cost) }?;
        if c.nrows() != n || c.ncols() != m {
            bail!(
                InvalidDimension,
                "cost is {}x{}, expected n x m = {n}x{m}",
                c.nrows(),
                c.ncols()
            );
        }
        let (a, ra) = unsafe { args::slice("a", a, n) }?;
        let (b, rb) = unsafe { args::slice("b", b, m) }?;
        if warm_f.is_null() != warm_g.is_null() {
            bail!(
                NullPointer,
                "warm_f and warm_g go together: give both or neither"
            );
        }
        let wf = unsafe { args::opt_slice("warm_f", warm_f, n) }?;
        let wg = unsafe { args::opt_slice("warm_g", warm_g, m) }?;
        let result = unsafe { args::opt_slice_mut("result", result, 1) }?;
        let cap = n.checked_add(m).map(|k| k - 1).unwrap_or(usize::MAX);
        let fo = unsafe { args::opt_slice_mut("f", f, n) }?;
        let go = unsafe { args::opt_slice_mut("g", g, m) }?;
        let dense = if plan.data.is_null() {
            None
        } else {
            Some(unsafe { args::matrix_mut("plan", &plan) }?)
        };
        let mut outputs = Vec::new();
        let sparse =
            unsafe { sparse_plan_args(plan_rows, plan_cols, plan_mass, cap, &mut outputs) }?;
        if let Some(r) = &result {
            outputs.push(("result", r.1));
        }
        for (name, r) in [
            ("f", fo.as_ref().map(|x| x.1)),
            ("g", go.as_ref().map(|x| x.1)),
            ("plan", dense.as_ref().map(|x| x.1)),
        ] {
            if let Some(r) = r {
                outputs.push((name, r));
            }
        }
        let mut inputs = vec![("a", ra), ("b", rb), ("cost", rc)];
        let warm_start = match (wf, wg) {
            (Some((f, r1)), Some((g, r2))) => {
                inputs.extend([("warm_f", r1), ("warm_g", r2)]);
                Some(WarmStart { f, g })
            }
            _ => None,
        };
        args::check_disjoint(&outputs, &inputs)?;
        let params = EmdParams {
            max_iter: o.max_iter,
            mass_tolerance: o.mass_tolerance,
            warm_start,
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

/// Bytes of workspace `otc_wasserstein_1d` needs for n and m samples (O(n + m)).
///
/// # Safety
/// `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_wasserstein_1d_workspace_size(
    n: usize,
    m: usize,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_wasserstein_1d_workspace_size", || {
        if n == 0 || m == 0 {
            bail!(InvalidDimension, "n = {n} and m = {m}: both must be >= 1");
        }
        // SAFETY: forwarded contract.
        unsafe { args::write_workspace_size(wasserstein_1d_scratch(n, m), out_bytes) }?;
        Ok(Report::ok())
    })
}

/// Exact OT on the line between samples `x` (n, weights `a`) and `y` (m, weights `b`) for the
/// cost |x − y|^p, p ≥ 1 (samples in any order: sorted internally, inputs untouched). Writes
/// W_p^p to `*cost` and, when `plan_rows`, `plan_cols`, `plan_mass` are given (room for
/// n + m − 1 entries each), the monotone plan, its length to `*nnz` (may be NULL). `opts` may
/// be NULL; only `mass_tolerance` is used.
///
/// # Safety
/// Every non-NULL pointer must be valid for its stated length; outputs must not overlap inputs.
#[no_mangle]
pub unsafe extern "C" fn otc_wasserstein_1d(
    x: *const f64,
    a: *const f64,
    n: usize,
    y: *const f64,
    b: *const f64,
    m: usize,
    p: f64,
    cost: *mut f64,
    plan_rows: *mut usize,
    plan_cols: *mut usize,
    plan_mass: *mut f64,
    nnz: *mut usize,
    opts: *const otc_emd_options,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_wasserstein_1d", || {
        // SAFETY (whole block): each pointer is checked by the `args` helpers before use; their
        // validity for the stated lengths is the caller's contract.
        let o = unsafe { args::options(opts) }?;
        let (x, rx) = unsafe { args::slice("x", x, n) }?;
        let (a, ra) = unsafe { args::slice("a", a, n) }?;
        let (y, ry) = unsafe { args::slice("y", y, m) }?;
        let (b, rb) = unsafe { args::slice("b", b, m) }?;
        let (cost, rcost) = unsafe { args::slice_mut("cost", cost, 1) }?;
        let nnz = unsafe { args::opt_slice_mut("nnz", nnz, 1) }?;
        let cap = n.checked_add(m).map(|k| k - 1).unwrap_or(usize::MAX);
        let mut outputs = vec![("cost", rcost)];
        let plan = unsafe { sparse_plan_args(plan_rows, plan_cols, plan_mass, cap, &mut outputs) }?;
        for (name, r) in [("nnz", nnz.as_ref().map(|s| s.1))] {
            if let Some(r) = r {
                outputs.push((name, r));
            }
        }
        args::check_disjoint(&outputs, &[("x", rx), ("a", ra), ("y", ry), ("b", rb)])?;
        let info = unsafe {
            args::with_workspace(work, work_bytes, wasserstein_1d_scratch(n, m), |stack| {
                wasserstein_1d_in_place(x, a, y, b, p, o.mass_tolerance, plan, stack)
            })
        }?;
        cost[0] = info.cost;
        if let Some((k, _)) = nnz {
            k[0] = info.nnz;
        }
        Ok(Report::ok())
    })
}

/// Bytes of workspace `otc_sliced_wasserstein` needs: n, m points in dimension d, k
/// directions, with the thread count of `opts` (NULL = defaults).
///
/// # Safety
/// `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_sliced_wasserstein_workspace_size(
    n: usize,
    m: usize,
    d: usize,
    k: usize,
    opts: *const otc_emd_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sliced_wasserstein_workspace_size", || {
        // SAFETY: forwarded contract.
        let o = unsafe { args::options(opts) }?;
        if n == 0 || m == 0 || d == 0 || k == 0 {
            bail!(
                InvalidDimension,
                "n = {n}, m = {m}, d = {d}, k = {k}: all must be >= 1"
            );
        }
        let req = par::with_threads(args::threads(o.num_threads), |p| {
            sliced_scratch(n, m, d, k, p)
        })?;
        // SAFETY: forwarded contract.
        unsafe { args::write_workspace_size(req, out_bytes) }?;
        Ok(Report::ok())
    })
}

/// Sliced Wasserstein SW_p^p between point clouds `x` (n × d, weights `a`) and `y` (m × d,
/// weights `b`): the mean over directions of the exact 1-D W_p^p of the projections. With
/// `directions.data == NULL`, `k` random unit directions from `seed`; otherwise the k rows of
/// `directions` (k × d), used as given. Threads (`opts->num_threads`) split the directions; the
/// result is identical for every thread count. Writes the value to `*out`.
///
/// # Safety
/// Every non-NULL pointer must be valid for its stated length; `out` must not overlap inputs.
#[no_mangle]
pub unsafe extern "C" fn otc_sliced_wasserstein(
    x: otc_matrix_f64,
    a: *const f64,
    y: otc_matrix_f64,
    b: *const f64,
    p: f64,
    k: usize,
    seed: u64,
    directions: otc_matrix_f64,
    out: *mut f64,
    opts: *const otc_emd_options,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sliced_wasserstein", || {
        // SAFETY (whole block): each pointer is checked by the `args` helpers before use; their
        // validity for the stated lengths is the caller's contract.
        let o = unsafe { args::options(opts) }?;
        let (xm, rx) = unsafe { args::matrix("x", &x) }?;
        let (ym, ry) = unsafe { args::matrix("y", &y) }?;
        let (a, ra) = unsafe { args::slice("a", a, xm.nrows()) }?;
        let (b, rb) = unsafe { args::slice("b", b, ym.nrows()) }?;
        let (out, rout) = unsafe { args::slice_mut("out", out, 1) }?;
        let mut inputs = vec![("x", rx), ("y", ry), ("a", ra), ("b", rb)];
        let dirs = if directions.data.is_null() {
            Directions::Random { k, seed }
        } else {
            let (t, rt) = unsafe { args::matrix("directions", &directions) }?;
            if t.nrows() != k {
                bail!(
                    InvalidDimension,
                    "directions has {} rows but k = {k}",
                    t.nrows()
                );
            }
            inputs.push(("directions", rt));
            Directions::Given(t)
        };
        args::check_disjoint(&[("out", rout)], &inputs)?;
        let (n, m, d) = (xm.nrows(), ym.nrows(), xm.ncols());
        // The workspace address crosses into the pool as an integer (raw pointers are not Send).
        let work_addr = work as usize;
        let value = par::with_threads(args::threads(o.num_threads), |threads| {
            let req = sliced_scratch(n, m, d, k.max(1), threads);
            let work = work_addr as *mut c_void;
            unsafe {
                args::with_workspace(work, work_bytes, req, |stack| {
                    sliced_wasserstein_in_place(
                        xm,
                        a,
                        ym,
                        b,
                        dirs,
                        p,
                        o.mass_tolerance,
                        threads,
                        stack,
                    )
                })
            }
        })??;
        out[0] = value;
        Ok(Report::ok())
    })
}

/// Bytes of workspace `otc_emd_batch` needs for k problems of n × m with the thread count of
/// `opts` (one network-simplex workspace per worker).
///
/// # Safety
/// `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_batch_workspace_size(
    n: usize,
    m: usize,
    k: usize,
    opts: *const otc_emd_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_emd_batch_workspace_size", || {
        // SAFETY: forwarded contract.
        let o = unsafe { args::options(opts) }?;
        if n == 0 || m == 0 || k == 0 {
            bail!(
                InvalidDimension,
                "n = {n}, m = {m}, k = {k}: all must be >= 1"
            );
        }
        let req = par::with_threads(args::threads(o.num_threads), |p| {
            emd_batch_scratch(n, m, k, p)
        })??;
        // SAFETY: forwarded contract.
        unsafe { args::write_workspace_size(req, out_bytes) }?;
        Ok(Report::ok())
    })
}

/// Solves k independent problems of one shape: problem l has weights `a[l*n .. (l+1)*n]`,
/// `b[l*m .. (l+1)*m]` and cost `costs[l]` (n × m, any strides). Each problem runs on one
/// thread; `opts->num_threads` workers share the problems (results identical for every thread
/// count). `results` (k) is required; `f` (k·n), `g` (k·m) and the sparse plans (k·(n+m−1)
/// each, problem l from entry l·(n+m−1), `results[l].nnz` entries) are optional. Every problem
/// is validated before anything is solved. `OTC_WARN_MAX_ITER` if any problem hit `max_iter`.
///
/// # Safety
/// Every non-NULL pointer must be valid for its stated length; outputs must not overlap inputs.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_batch(
    n: usize,
    m: usize,
    k: usize,
    a: *const f64,
    b: *const f64,
    costs: *const otc_matrix_f64,
    results: *mut otc_emd_result,
    f: *mut f64,
    g: *mut f64,
    plan_rows: *mut usize,
    plan_cols: *mut usize,
    plan_mass: *mut f64,
    opts: *const otc_emd_options,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_emd_batch", || {
        // SAFETY (whole block): each pointer is checked by the `args` helpers before use; their
        // validity for the stated lengths is the caller's contract.
        let o = unsafe { args::options(opts) }?;
        let overflow = || crate::Error::new(crate::ErrorKind::Overflow, "k * n overflows");
        let kn = k.checked_mul(n).ok_or_else(overflow)?;
        let km = k.checked_mul(m).ok_or_else(overflow)?;
        let cap = n
            .checked_add(m)
            .map(|s| s.saturating_sub(1))
            .ok_or_else(overflow)?;
        let kc = k.checked_mul(cap).ok_or_else(overflow)?;
        let (a, ra) = unsafe { args::slice("a", a, kn) }?;
        let (b, rb) = unsafe { args::slice("b", b, km) }?;
        let (views, rv) = unsafe { args::slice("costs", costs, k) }?;
        let mut inputs = try_vec_with_capacity("the argument regions", k.saturating_add(3))?;
        inputs.extend([("a", ra), ("b", rb), ("costs", rv)]);
        let mut mats = try_vec_with_capacity("the cost views", k)?;
        for (l, v) in views.iter().enumerate() {
            let (c, rc) = unsafe { args::matrix(args::Indexed("costs", l), v) }?;
            if c.nrows() != n || c.ncols() != m {
                bail!(
                    InvalidDimension,
                    "costs[{l}] is {}x{}, expected {n}x{m}",
                    c.nrows(),
                    c.ncols()
                );
            }
            mats.push(c);
            inputs.push(("a cost matrix", rc));
        }
        let (res, rres) = unsafe { args::slice_mut("results", results, k) }?;
        let fo = unsafe { args::opt_slice_mut("f", f, kn) }?;
        let go = unsafe { args::opt_slice_mut("g", g, km) }?;
        let mut outputs = vec![("results", rres)];
        let sparse =
            unsafe { sparse_plan_args(plan_rows, plan_cols, plan_mass, kc, &mut outputs) }?;
        for (name, r) in [
            ("f", fo.as_ref().map(|x| x.1)),
            ("g", go.as_ref().map(|x| x.1)),
        ] {
            if let Some(r) = r {
                outputs.push((name, r));
            }
        }
        args::check_disjoint(&outputs, &inputs)?;
        let params = EmdParams {
            max_iter: o.max_iter,
            mass_tolerance: o.mass_tolerance,
            warm_start: None,
        };
        let mut info = try_vec_with_capacity("the problems' results", k)?;
        info.resize(k, EmdInfo::default());
        let (fs, gs) = (fo.map(|x| x.0), go.map(|x| x.0));
        let work_addr = work as usize;
        par::with_threads(args::threads(o.num_threads), |p| {
            let req = emd_batch_scratch(n, m, k, p)?;
            let work = work_addr as *mut c_void;
            unsafe {
                args::with_workspace(work, work_bytes, req, |stack| {
                    let out = BatchOutputs {
                        info: &mut info,
                        f: fs,
                        g: gs,
                        sparse,
                    };
                    emd_batch_in_place(n, m, a, b, &mats, out, &params, p, stack)
                })
            }
        })??;
        let mut capped = 0;
        for (r, i) in res.iter_mut().zip(&info) {
            *r = otc_emd_result {
                cost: i.cost,
                gap: i.gap,
                iterations: i.iterations,
                nnz: i.nnz,
            };
            capped += usize::from(!i.converged);
        }
        if capped == 0 {
            Ok(Report::ok())
        } else {
            Ok(Report::warn(
                OTC_WARN_MAX_ITER,
                format!(
                    "{capped} of {k} problems reached max_iter = {}: their plans are feasible",
                    params.max_iter
                ),
            ))
        }
    })
}

/// The optional sparse plan arguments (three arrays of `cap` entries, all or none): the plan
/// and the regions of its arrays, pushed onto `outputs` for the overlap check.
///
/// # Safety
/// Non-NULL pointers must be valid for `cap` elements during `'a`.
unsafe fn sparse_plan_args<'a>(
    rows: *mut usize,
    cols: *mut usize,
    mass: *mut f64,
    cap: usize,
    outputs: &mut Vec<(&'static str, args::Region)>,
) -> crate::Result<Option<SparsePlanMut<'a>>> {
    let given = [!rows.is_null(), !cols.is_null(), !mass.is_null()];
    if given.iter().any(|&g| g) && !given.iter().all(|&g| g) {
        bail!(
            NullPointer,
            "plan_rows, plan_cols and plan_mass go together: give all three or none"
        );
    }
    // SAFETY: forwarded contract.
    let r = unsafe { args::opt_slice_mut("plan_rows", rows, cap) }?;
    // SAFETY: forwarded contract.
    let c = unsafe { args::opt_slice_mut("plan_cols", cols, cap) }?;
    // SAFETY: forwarded contract.
    let x = unsafe { args::opt_slice_mut("plan_mass", mass, cap) }?;
    Ok(match (r, c, x) {
        (Some(r), Some(c), Some(x)) => {
            outputs.extend([("plan_rows", r.1), ("plan_cols", c.1), ("plan_mass", x.1)]);
            Some(SparsePlanMut {
                rows: r.0,
                cols: c.0,
                mass: x.0,
            })
        }
        _ => None,
    })
}
