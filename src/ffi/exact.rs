//! C entry points of [`crate::exact`] in the ABI 1 shape: the network simplex (`otc_emd_f64`),
//! a batch of network simplex problems (`otc_emd_batch_f64`), exact OT on the line
//! (`otc_wasserstein_1d_f64`) and sliced Wasserstein (`otc_sliced_wasserstein_f64`). The Rust
//! core of these solvers is double precision only, hence `_f64` alone.

use super::args::{self, Arg};
use super::boundary::{ffi_boundary, Message, Report};
use super::shape::{self, otc_callback, otc_report, otc_workspace, AbiStruct, Callback};
use super::status::{otc_status, OTC_OK, OTC_WARN_CANCELLED, OTC_WARN_MAX_ITER};
use super::view::{otc_matrix_f64, otc_matrix_mut_f64, MatrixView};
use crate::exact::{
    emd_batch_in_place, emd_batch_scratch, emd_in_place, emd_scratch, sliced_scratch,
    sliced_wasserstein_in_place, wasserstein_1d_in_place, wasserstein_1d_scratch, BatchOutputs,
    Directions, EmdInfo, EmdOutputs, EmdParams, SparsePlanMut, WarmStart,
};
use crate::{bail, par, Error, ErrorKind, MatRef, MemStack, Par, Result, StackReq};
use std::ffi::c_void;
use std::mem::size_of;

/// `n + m − 1` (the room of a sparse plan), `OTC_ERR_OVERFLOW` when it does not fit.
pub(super) fn plan_room(n: usize, m: usize) -> Result<usize> {
    n.checked_add(m)
        .map(|s| s.saturating_sub(1))
        .ok_or_else(|| Error::new(ErrorKind::Overflow, format!("n + m = {n} + {m} overflows")))
}

/// The optional sparse plan of an outputs struct (`out->plan_rows`, `out->plan_cols`,
/// `out->plan_mass`, all three or none, `room` entries each) and the regions of its arrays.
///
/// # Safety
/// Non-NULL pointers must be valid for `room` elements during `'a`.
pub(super) unsafe fn sparse_plan<'a>(
    rows: *mut usize,
    cols: *mut usize,
    mass: *mut f64,
    room: usize,
) -> Result<(Option<SparsePlanMut<'a>>, [Arg; 3])> {
    let given = [!rows.is_null(), !cols.is_null(), !mass.is_null()];
    if given.iter().any(|&g| g) && !given.iter().all(|&g| g) {
        bail!(
            NullPointer,
            "out->plan_rows, out->plan_cols and out->plan_mass go together: give all three or none"
        );
    }
    // SAFETY (whole block): forwarded contract.
    let r = unsafe { args::opt_slice_mut("out->plan_rows", rows, room) }?;
    let c = unsafe { args::opt_slice_mut("out->plan_cols", cols, room) }?;
    let x = unsafe { args::opt_slice_mut("out->plan_mass", mass, room) }?;
    let regions = [
        ("out->plan_rows", r.as_ref().map(|s| s.1)),
        ("out->plan_cols", c.as_ref().map(|s| s.1)),
        ("out->plan_mass", x.as_ref().map(|s| s.1)),
    ];
    let plan = match (r, c, x) {
        (Some(r), Some(c), Some(x)) => Some(SparsePlanMut {
            rows: r.0,
            cols: c.0,
            mass: x.0,
        }),
        _ => None,
    };
    Ok((plan, regions))
}

/// The status and detail of a solve of which `capped` problems (of `count`) stopped at
/// `max_iter` with a feasible plan.
/// The status and report of one solve: cancelled, capped by `max_iter`, or OK.
pub(super) fn single_report(info: &EmdInfo, max_iter: u64) -> (otc_status, Report) {
    if info.cancelled {
        let detail = Message::of(format_args!(
            "the callback stopped the solve after {} pivots: the plan is feasible, maybe not optimal (see out->gap)",
            info.iterations
        ));
        (OTC_WARN_CANCELLED, Report::warn(OTC_WARN_CANCELLED, detail))
    } else {
        max_iter_report(usize::from(!info.converged), 1, max_iter)
    }
}

fn max_iter_report(capped: usize, count: usize, max_iter: u64) -> (otc_status, Report) {
    if capped == 0 {
        (OTC_OK, Report::ok())
    } else {
        let detail = if count == 1 {
            Message::of(format_args!("max_iter = {max_iter} pivots reached: the plan is feasible, maybe not optimal (see out->gap)"))
        } else {
            Message::of(format_args!("{capped} of {count} problems reached max_iter = {max_iter} pivots: their plans are feasible, maybe not optimal"))
        };
        (OTC_WARN_MAX_ITER, Report::warn(OTC_WARN_MAX_ITER, detail))
    }
}

/// Writes `value` at `l` of an optional output array.
fn write_at<T>(dst: &mut Option<&mut [T]>, l: usize, value: T) {
    if let Some(d) = dst {
        d[l] = value;
    }
}

// ---------------------------------------------------------------------------------------------
// emd: one problem.

/// Options of `otc_emd_f64`; fill with `otc_emd_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_options {
    /// `sizeof(otc_emd_options)`.
    pub struct_size: usize,
    /// Checked (0, or 1 to 256) but unused: one problem is solved on the calling thread.
    pub num_threads: u32,
    /// Pivot cap, initial pivots included (default 2^40, never reached in practice). When
    /// reached, the feasible plan found so far is returned with `OTC_WARN_MAX_ITER`.
    pub max_iter: u64,
    /// Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
    /// b is rescaled to a's mass.
    pub mass_tolerance: f64,
    /// Call `callback` at most once per this many pivots (default 0: never).
    pub callback_every: u64,
    /// Progress callback (default NULL), called on the calling thread after a Block Search
    /// pivot with the pivots made and the magnitude of the entering arc's reduced cost (the
    /// most negative of its pricing block: it tends to 0 as the solve ends); nonzero stops the
    /// solve: `OTC_WARN_CANCELLED` with a feasible plan, its cost, and duals as after
    /// `max_iter`.
    pub callback: otc_callback,
    /// Passed to `callback` as is.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers, floats, a raw pointer and
// an optional function pointer (NULL is None) only.
unsafe impl AbiStruct for otc_emd_options {
    const NAME: &'static str = "otc_emd_options";
    const MIN_SIZE: usize = size_of::<otc_emd_options>();
    fn base() -> Self {
        let p = EmdParams::default();
        otc_emd_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            max_iter: p.max_iter,
            mass_tolerance: p.mass_tolerance,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// The transport problem `min Σ C_ij P_ij` s.t. `P·1 = a`, `Pᵀ·1 = b`, `P ≥ 0` of
/// `otc_emd_f64`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_problem_f64 {
    /// `sizeof(otc_emd_problem_f64)`.
    pub struct_size: usize,
    /// Row weights (n values, finite, ≥ 0).
    pub a: *const f64,
    /// Number of rows n ≥ 1.
    pub n: usize,
    /// Column weights (m values, finite, ≥ 0; Σb = Σa within `mass_tolerance`).
    pub b: *const f64,
    /// Number of columns m ≥ 1.
    pub m: usize,
    /// The n × m cost (finite, ≥ 0; any strides, row-major and column-major both read
    /// contiguously; never copied).
    pub cost: otc_matrix_f64,
    /// Optional warm start (NULL: cold start): row potentials (n) of a related problem, given
    /// together with `warm_g`.
    pub warm_f: *const f64,
    /// Optional warm start: column potentials (m), given together with `warm_f`.
    pub warm_g: *const f64,
}
crate::abi_struct!(problem otc_emd_problem_f64);

/// Results of `otc_emd_f64`. `report.iterations`: pivots made; `report.error`: `−gap` (the
/// magnitude of the most negative reduced cost; 0 when optimal). Optional outputs: not wanted
/// when their pointer (or `plan.data`) is NULL.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_outputs_f64 {
    /// `sizeof(otc_emd_outputs_f64)`.
    pub struct_size: usize,
    /// Status, pivots, error (= −gap), seconds.
    pub report: otc_report,
    /// Transport cost Σ C_ij P_ij of the returned plan.
    pub cost: f64,
    /// Most negative reduced cost `C_ij − f_i − g_j` of the returned duals over all arcs: 0
    /// (or a few ulps below) when optimal; negative after `OTC_WARN_MAX_ITER`.
    pub gap: f64,
    /// Entries of the sparse plan written (≤ n + m − 1).
    pub nnz: usize,
    /// Row duals (n), centred so that a·f = b·g: the gradient of the OT value (`cost`) with
    /// respect to the weights a, along changes that keep Σa = Σb (Σ δa_i f_i, with δb and g
    /// for b); `otc_plan_position_gradient_f64` gives the gradient in the positions.
    pub f: *mut f64,
    /// Column duals (m), centred with f: the gradient of the OT value with respect to b.
    pub g: *mut f64,
    /// Sparse plan row indices (room for n + m − 1; with `plan_cols` and `plan_mass`, all
    /// three or none): entry k is `plan_mass[k]` at `(plan_rows[k], plan_cols[k])`, `nnz`
    /// entries in no particular order.
    pub plan_rows: *mut usize,
    /// Sparse plan column indices (room for n + m − 1).
    pub plan_cols: *mut usize,
    /// Sparse plan masses (room for n + m − 1; each > 0).
    pub plan_mass: *mut f64,
    /// Dense plan, an n × m view (any strides with distinct elements).
    pub plan: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_emd_outputs_f64);

/// Writes the default options of `otc_emd_f64` into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_emd_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_options_default(opts: *mut otc_emd_options) -> otc_status {
    ffi_boundary("otc_emd_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// n ≥ 1 and m ≥ 1.
fn check_sizes(n: usize, m: usize) -> Result<()> {
    if n == 0 || m == 0 {
        bail!(
            InvalidDimension,
            "problem->n = {n} and problem->m = {m}: both must be >= 1"
        );
    }
    Ok(())
}

/// Bytes of workspace `otc_emd_f64` needs for `problem` (only its n and m are read) with
/// `opts` (NULL: defaults): O(n + m), about 100·(n + m) bytes; the cost is never copied.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (n or m is 0), `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_workspace_size_f64(
    problem: *const otc_emd_problem_f64,
    opts: *const otc_emd_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_emd_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, _| {
                check_sizes(p.n, p.m)?;
                Ok(emd_scratch(p.n, p.m))
            })
        }
    })
}

/// Exact optimal transport between histograms `a` (n) and `b` (m) for the n × m cost, by the
/// network simplex (LEMON's Block Search pricing, strongly feasible trees), in double
/// precision, on the calling thread. Optimality is certified by the duals: `out->gap` is the
/// most negative reduced cost over all n·m arcs. Time O(pivots · (√(n·m) + tree path));
/// workspace O(n + m) from `otc_emd_workspace_size_f64` (or `{NULL, 0}`: allocated).
///
/// Zero-weight rows and columns are allowed (removed, then given the largest feasible duals).
/// Masses must agree within `opts->mass_tolerance`; b is then rescaled to a's mass.
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (the plan is feasible, `out->gap` says how far
/// from optimal); `OTC_WARN_CANCELLED` (the callback stopped the solve: the same feasible
/// outputs as after `max_iter`); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
/// `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative weights or costs, costs so large
/// that the potentials would overflow, a bad `mass_tolerance`), `OTC_ERR_MASS_MISMATCH`
/// (naming the heavier side), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_f64(
    problem: *const otc_emd_problem_f64,
    out: *mut otc_emd_outputs_f64,
    opts: *const otc_emd_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_emd_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        par::resolve_threads(args::threads(o.num_threads))?;
        let (n, m) = (p.n, p.m);
        check_sizes(n, m)?;
        let (c, rc) = unsafe { args::matrix("problem->cost", &p.cost) }?;
        if c.nrows() != n || c.ncols() != m {
            bail!(
                InvalidDimension,
                "problem->cost is {}x{}, expected n x m = {n}x{m}",
                c.nrows(),
                c.ncols()
            );
        }
        let (a, ra) = unsafe { args::slice("problem->a", p.a, n) }?;
        let (b, rb) = unsafe { args::slice("problem->b", p.b, m) }?;
        if p.warm_f.is_null() != p.warm_g.is_null() {
            bail!(
                NullPointer,
                "problem->warm_f and problem->warm_g go together: give both or neither"
            );
        }
        let wf = unsafe { args::opt_slice("problem->warm_f", p.warm_f, n) }?;
        let wg = unsafe { args::opt_slice("problem->warm_g", p.warm_g, m) }?;
        let ov = o_out.value;
        let fo = unsafe { args::opt_slice_mut("out->f", ov.f, n) }?;
        let go = unsafe { args::opt_slice_mut("out->g", ov.g, m) }?;
        let dense = if ov.plan.data.is_null() {
            None
        } else {
            Some(unsafe { args::matrix_mut("out->plan", &ov.plan) }?)
        };
        let (sparse, [pr, pc, pm]) =
            unsafe { sparse_plan(ov.plan_rows, ov.plan_cols, ov.plan_mass, plan_room(n, m)?) }?;
        args::disjoint(
            &[
                ("out", Some(o_out.region())),
                ("out->f", fo.as_ref().map(|x| x.1)),
                ("out->g", go.as_ref().map(|x| x.1)),
                ("out->plan", dense.as_ref().map(|x| x.1)),
                pr,
                pc,
                pm,
            ],
            &[&[
                ("problem", Some(rp)),
                ("problem->a", Some(ra)),
                ("problem->b", Some(rb)),
                ("problem->cost", Some(rc)),
                ("problem->warm_f", wf.map(|x| x.1)),
                ("problem->warm_g", wg.map(|x| x.1)),
            ]],
        )?;
        let params = EmdParams {
            max_iter: o.max_iter,
            mass_tolerance: o.mass_tolerance,
            warm_start: wf.zip(wg).map(|(f, g)| WarmStart { f: f.0, g: g.0 }),
        };
        let outputs = EmdOutputs {
            f: fo.map(|x| x.0),
            g: go.map(|x| x.0),
            sparse,
            dense: dense.map(|x| x.0),
        };
        let callback = Callback::new(o.callback_every, o.callback, o.callback_data);
        let (info, _) = unsafe {
            shape::run(1, work, emd_scratch(n, m), callback, |par, stack| {
                emd_in_place(a, b, c, outputs, &params, par, stack)
            })
        }?;
        let (status, report) = single_report(&info, o.max_iter);
        let v = &mut o_out.value;
        v.cost = info.cost;
        v.gap = info.gap;
        v.nnz = info.nnz;
        v.report.iterations = info.iterations;
        v.report.error = -info.gap;
        o_out.commit(status);
        Ok(report)
    })
}

// ---------------------------------------------------------------------------------------------
// emd_batch: k problems of one shape over the threads.

/// Options of `otc_emd_batch_f64`; fill with `otc_emd_batch_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_batch_options {
    /// `sizeof(otc_emd_batch_options)`.
    pub struct_size: usize,
    /// Worker threads sharing the problems (one problem runs on one thread): 0 =
    /// `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers (≤ 256).
    /// Results are identical for every value.
    pub num_threads: u32,
    /// Pivot cap of each problem, initial pivots included (default 2^40).
    pub max_iter: u64,
    /// Largest accepted relative mass gap of each problem (default 1e-9).
    pub mass_tolerance: f64,
    /// Call `callback` at most once per this many finished problems (default 0: never).
    pub callback_every: u64,
    /// Progress callback (default NULL), called on the calling thread as problems finish,
    /// with the number of problems finished so far (over all workers) and the error NaN.
    /// Nonzero stops the batch: `OTC_WARN_CANCELLED`; the problems running end at their next
    /// pivot with a feasible plan (as after `max_iter`), the problems not started are
    /// skipped: their `problem_costs` and `problem_gaps` are NaN, `problem_iterations` and
    /// `plan_nnz` 0, their f and g NaN, their plan entries not written; `out->cost` is then
    /// NaN (`out->gap` covers the problems solved).
    pub callback: otc_callback,
    /// Passed to `callback` as is.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers, floats, a raw pointer and
// an optional function pointer (NULL is None) only.
unsafe impl AbiStruct for otc_emd_batch_options {
    const NAME: &'static str = "otc_emd_batch_options";
    const MIN_SIZE: usize = size_of::<otc_emd_batch_options>();
    fn base() -> Self {
        let p = EmdParams::default();
        otc_emd_batch_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            max_iter: p.max_iter,
            mass_tolerance: p.mass_tolerance,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// `count` independent transport problems of one shape n × m: problem l has weights
/// `a[l*n .. (l+1)*n]`, `b[l*m .. (l+1)*m]` and cost `costs[l]`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_batch_problem_f64 {
    /// `sizeof(otc_emd_batch_problem_f64)`.
    pub struct_size: usize,
    /// Number of problems k ≥ 1.
    pub count: usize,
    /// Rows n ≥ 1 of every problem.
    pub n: usize,
    /// Columns m ≥ 1 of every problem.
    pub m: usize,
    /// Row weights, problem after problem (k·n values).
    pub a: *const f64,
    /// Column weights, problem after problem (k·m values).
    pub b: *const f64,
    /// Array of k cost views, each n × m (any strides).
    pub costs: *const otc_matrix_f64,
}
crate::abi_struct!(problem otc_emd_batch_problem_f64);

/// Results of `otc_emd_batch_f64`. `report.iterations`: pivots over all problems;
/// `report.error`: `−gap`. Optional outputs (NULL: not wanted) hold problem after problem.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_batch_outputs_f64 {
    /// `sizeof(otc_emd_batch_outputs_f64)`.
    pub struct_size: usize,
    /// Status, pivots (all problems), error (= −gap), seconds.
    pub report: otc_report,
    /// Transport costs summed over the k problems (in problem order).
    pub cost: f64,
    /// Most negative reduced cost over all arcs of all problems (0 when all are optimal).
    pub gap: f64,
    /// Number of problems stopped by `max_iter` (their plans are feasible).
    pub capped: usize,
    /// k: each problem's transport cost.
    pub problem_costs: *mut f64,
    /// k: each problem's most negative reduced cost.
    pub problem_gaps: *mut f64,
    /// k: each problem's pivots.
    pub problem_iterations: *mut u64,
    /// k: each problem's number of sparse plan entries.
    pub plan_nnz: *mut usize,
    /// k·n row duals (each problem's centred so that a·f = b·g).
    pub f: *mut f64,
    /// k·m column duals.
    pub g: *mut f64,
    /// k·(n+m−1) sparse plan row indices (with `plan_cols`, `plan_mass`: all three or
    /// none): problem l's entries start at l·(n+m−1), `plan_nnz[l]` of them are written.
    pub plan_rows: *mut usize,
    /// k·(n+m−1) sparse plan column indices.
    pub plan_cols: *mut usize,
    /// k·(n+m−1) sparse plan masses.
    pub plan_mass: *mut f64,
}
crate::abi_struct!(outputs otc_emd_batch_outputs_f64);

/// Writes the default options of `otc_emd_batch_f64` into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_emd_batch_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_batch_options_default(
    opts: *mut otc_emd_batch_options,
) -> otc_status {
    ffi_boundary("otc_emd_batch_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Workspace of one batch call: the k faer views and infos, and one network simplex
/// workspace per worker.
fn batch_scratch(p: &otc_emd_batch_problem_f64, par: Par) -> Result<StackReq> {
    if p.count == 0 || p.n == 0 || p.m == 0 {
        bail!(
            InvalidDimension,
            "problem->count = {}, n = {}, m = {}: all must be >= 1",
            p.count,
            p.n,
            p.m
        );
    }
    Ok(StackReq::all_of(&[
        StackReq::new::<MatRef<'static, f64>>(p.count),
        StackReq::new::<EmdInfo>(p.count),
        emd_batch_scratch(p.n, p.m, p.count, par)?,
    ]))
}

/// Bytes of workspace `otc_emd_batch_f64` needs for `problem` (its count, n and m) with
/// `opts` (NULL: defaults): about 100·(n + m) bytes per worker (`min(threads, count)`
/// workers) plus 80 bytes per problem.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (count, n or m is 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_batch_workspace_size_f64(
    problem: *const otc_emd_batch_problem_f64,
    opts: *const otc_emd_batch_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_emd_batch_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, o| {
                batch_scratch(p, args::par_of(o.num_threads)?)
            })
        }
    })
}

/// Solves the k transport problems of `problem` exactly, each by the network simplex of
/// `otc_emd_f64` on one thread; `opts->num_threads` workers share the problems (results
/// identical for every thread count). Every problem is validated before anything is solved.
/// Time: k times that of `otc_emd_f64`, over the workers; workspace from
/// `otc_emd_batch_workspace_size_f64` (or `{NULL, 0}`: allocated).
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (`out->capped` problems reached `max_iter`; their
/// plans are feasible); `OTC_WARN_CANCELLED` (the callback stopped the batch: see
/// `otc_emd_batch_options.callback` for what the skipped problems' outputs hold); the errors of `otc_emd_f64`, the message naming the problem; nothing
/// is written on an error.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_batch_f64(
    problem: *const otc_emd_batch_problem_f64,
    out: *mut otc_emd_batch_outputs_f64,
    opts: *const otc_emd_batch_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_emd_batch_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let req = batch_scratch(&p, args::par_of(o.num_threads)?)?;
        let (k, n, m) = (p.count, p.n, p.m);
        let overflow = |what: &str| {
            Error::new(
                ErrorKind::Overflow,
                format!("problem->count * {what} overflows"),
            )
        };
        let kn = k.checked_mul(n).ok_or_else(|| overflow("n"))?;
        let km = k.checked_mul(m).ok_or_else(|| overflow("m"))?;
        let kc = k
            .checked_mul(plan_room(n, m)?)
            .ok_or_else(|| overflow("(n + m - 1)"))?;
        let (a, ra) = unsafe { args::slice("problem->a", p.a, kn) }?;
        let (b, rb) = unsafe { args::slice("problem->b", p.b, km) }?;
        let (views, rv) = unsafe { args::slice("problem->costs", p.costs, k) }?;
        let ov = o_out.value;
        let pcost = unsafe { args::opt_slice_mut("out->problem_costs", ov.problem_costs, k) }?;
        let pgap = unsafe { args::opt_slice_mut("out->problem_gaps", ov.problem_gaps, k) }?;
        let pit =
            unsafe { args::opt_slice_mut("out->problem_iterations", ov.problem_iterations, k) }?;
        let pnnz = unsafe { args::opt_slice_mut("out->plan_nnz", ov.plan_nnz, k) }?;
        let fo = unsafe { args::opt_slice_mut("out->f", ov.f, kn) }?;
        let go = unsafe { args::opt_slice_mut("out->g", ov.g, km) }?;
        let (sparse, [pr, pc, pm]) =
            unsafe { sparse_plan(ov.plan_rows, ov.plan_cols, ov.plan_mass, kc) }?;
        let outs = [
            ("out", Some(o_out.region())),
            ("out->problem_costs", pcost.as_ref().map(|x| x.1)),
            ("out->problem_gaps", pgap.as_ref().map(|x| x.1)),
            ("out->problem_iterations", pit.as_ref().map(|x| x.1)),
            ("out->plan_nnz", pnnz.as_ref().map(|x| x.1)),
            ("out->f", fo.as_ref().map(|x| x.1)),
            ("out->g", go.as_ref().map(|x| x.1)),
            pr,
            pc,
            pm,
        ];
        let inputs: [Arg; 4] = [
            ("problem", Some(rp)),
            ("problem->a", Some(ra)),
            ("problem->b", Some(rb)),
            ("problem->costs", Some(rv)),
        ];
        args::disjoint(&outs, &[&inputs])?;
        for (l, view) in views.iter().enumerate() {
            let (c, rc) = unsafe { args::matrix(args::Indexed("problem->costs", l), view) }?;
            if c.nrows() != n || c.ncols() != m {
                bail!(
                    InvalidDimension,
                    "problem->costs[{l}] is {}x{}, expected n x m = {n}x{m}",
                    c.nrows(),
                    c.ncols()
                );
            }
            args::disjoint(&outs, &[&[("a cost matrix", Some(rc))]])?;
        }
        let params = EmdParams {
            max_iter: o.max_iter,
            mass_tolerance: o.mass_tolerance,
            warm_start: None,
        };
        let (fs, gs) = (fo.map(|x| x.0), go.map(|x| x.0));
        let per_problem = (
            pcost.map(|x| x.0),
            pgap.map(|x| x.0),
            pit.map(|x| x.0),
            pnnz.map(|x| x.0),
        );
        // The views cross into the pool as an address (raw pointers are not Send).
        let views_addr = views.as_ptr() as usize;
        let solve = |par: Par, stack: &mut MemStack| {
            // SAFETY: the caller's array of k views, checked above, alive for the call.
            let views =
                unsafe { std::slice::from_raw_parts(views_addr as *const otc_matrix_f64, k) };
            let (mats, stack) = stack.make_with(k, |l| {
                let (ptr, rows, cols, rs, cs) = views[l].parts();
                // SAFETY: the geometry of every view was checked by `args::matrix` above;
                // its elements' validity is the caller's contract.
                unsafe { MatRef::from_raw_parts(ptr, rows, cols, rs, cs) }
            });
            let (mut info, stack) = stack.make_with(k, |_| EmdInfo::default());
            let out = BatchOutputs {
                info: &mut info,
                f: fs,
                g: gs,
                sparse,
            };
            emd_batch_in_place(n, m, a, b, &mats, out, &params, par, stack)?;
            let (mut pcost, mut pgap, mut pit, mut pnnz) = per_problem;
            for (l, i) in info.iter().enumerate() {
                write_at(&mut pcost, l, i.cost);
                write_at(&mut pgap, l, i.gap);
                write_at(&mut pit, l, i.iterations);
                write_at(&mut pnnz, l, i.nnz);
            }
            Ok(info.iter().fold(
                (0.0, 0.0f64, 0u64, 0usize, 0usize),
                |(c, g, it, capped, skipped), i| {
                    (
                        c + i.cost,
                        g.min(i.gap),
                        it + i.iterations,
                        capped + usize::from(!i.converged && !i.cancelled),
                        skipped + usize::from(i.cost.is_nan()),
                    )
                },
            ))
        };
        let callback = Callback::new(o.callback_every, o.callback, o.callback_data);
        let ((total, gap, pivots, capped, skipped), stopped) =
            unsafe { shape::run(o.num_threads, work, req, callback, solve) }?;
        let (status, report) = if stopped {
            let detail = Message::of(format_args!(
                "the callback stopped the batch: {skipped} of {k} problems skipped (their costs NaN), the others' plans are feasible"
            ));
            (OTC_WARN_CANCELLED, Report::warn(OTC_WARN_CANCELLED, detail))
        } else {
            max_iter_report(capped, k, o.max_iter)
        };
        let v = &mut o_out.value;
        v.cost = total;
        v.gap = gap;
        v.capped = capped;
        v.report.iterations = pivots;
        v.report.error = -gap;
        o_out.commit(status);
        Ok(report)
    })
}

// ---------------------------------------------------------------------------------------------
// wasserstein_1d: exact OT on the line.

/// Options of `otc_wasserstein_1d_f64`; fill with `otc_wasserstein_1d_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_wasserstein_1d_options {
    /// `sizeof(otc_wasserstein_1d_options)`.
    pub struct_size: usize,
    /// Checked (0, or 1 to 256) but unused: the merge runs on the calling thread.
    pub num_threads: u32,
    /// Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
    /// b is rescaled to a's mass.
    pub mass_tolerance: f64,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers and floats only.
unsafe impl AbiStruct for otc_wasserstein_1d_options {
    const NAME: &'static str = "otc_wasserstein_1d_options";
    const MIN_SIZE: usize = size_of::<otc_wasserstein_1d_options>();
    fn base() -> Self {
        otc_wasserstein_1d_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            mass_tolerance: EmdParams::default().mass_tolerance,
        }
    }
}

/// Exact OT on the line between samples `x` (weights `a`) and `y` (weights `b`) for the cost
/// |x − y|^p.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_wasserstein_1d_problem_f64 {
    /// `sizeof(otc_wasserstein_1d_problem_f64)`.
    pub struct_size: usize,
    /// Samples of the first measure (n finite values, any order; never reordered).
    pub x: *const f64,
    /// Their weights (n values, finite, ≥ 0).
    pub a: *const f64,
    /// Number of samples n ≥ 1.
    pub n: usize,
    /// Samples of the second measure (m finite values, any order).
    pub y: *const f64,
    /// Their weights (m values; Σb = Σa within `mass_tolerance`).
    pub b: *const f64,
    /// Number of samples m ≥ 1.
    pub m: usize,
    /// Exponent of the cost |x − y|^p, finite and ≥ 1.
    pub p: f64,
}
crate::abi_struct!(problem otc_wasserstein_1d_problem_f64);

/// Results of `otc_wasserstein_1d_f64`. `report.iterations` and `report.error`: 0 (a direct
/// method). The plan arrays are optional (all three NULL: not wanted).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_wasserstein_1d_outputs_f64 {
    /// `sizeof(otc_wasserstein_1d_outputs_f64)`.
    pub struct_size: usize,
    /// Status, seconds.
    pub report: otc_report,
    /// The optimal transport cost Σ P_ij |x_i − y_j|^p: W_p^p when the weights sum to 1 (the
    /// p-th power of the Wasserstein distance, not the distance).
    pub wp_p: f64,
    /// Entries of the monotone plan written (≤ n + m − 1).
    pub nnz: usize,
    /// Plan row indices (room for n + m − 1; with `plan_cols` and `plan_mass`, all three or
    /// none): entry k is `plan_mass[k]` at `(plan_rows[k], plan_cols[k])`, `nnz` entries
    /// along the monotone (sorted) order.
    pub plan_rows: *mut usize,
    /// Plan column indices (room for n + m − 1).
    pub plan_cols: *mut usize,
    /// Plan masses (room for n + m − 1; each > 0).
    pub plan_mass: *mut f64,
}
crate::abi_struct!(outputs otc_wasserstein_1d_outputs_f64);

/// Writes the default options of `otc_wasserstein_1d_f64` into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_wasserstein_1d_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_wasserstein_1d_options_default(
    opts: *mut otc_wasserstein_1d_options,
) -> otc_status {
    ffi_boundary("otc_wasserstein_1d_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Bytes of workspace `otc_wasserstein_1d_f64` needs for `problem` (its n and m) with `opts`
/// (NULL: defaults): two index arrays, O(n + m).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (n or m is 0), `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_wasserstein_1d_workspace_size_f64(
    problem: *const otc_wasserstein_1d_problem_f64,
    opts: *const otc_wasserstein_1d_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_wasserstein_1d_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, _| {
                check_sizes(p.n, p.m)?;
                Ok(wasserstein_1d_scratch(p.n, p.m))
            })
        }
    })
}

/// Exact optimal transport on the line for the cost |x − y|^p, p ≥ 1: the monotone
/// (north-west corner on sorted samples) plan is optimal. Writes `out->wp_p` and, when wanted,
/// the plan. Samples are sorted through index arrays in the workspace (the inputs are never
/// reordered). Time O((n + m) log(n + m)), O(n + m) for sorted samples; workspace from
/// `otc_wasserstein_1d_workspace_size_f64` (or `{NULL, 0}`: allocated).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (p < 1,
/// negative weights), `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_wasserstein_1d_f64(
    problem: *const otc_wasserstein_1d_problem_f64,
    out: *mut otc_wasserstein_1d_outputs_f64,
    opts: *const otc_wasserstein_1d_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_wasserstein_1d_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        par::resolve_threads(args::threads(o.num_threads))?;
        let (n, m) = (p.n, p.m);
        check_sizes(n, m)?;
        let (x, rx) = unsafe { args::slice("problem->x", p.x, n) }?;
        let (a, ra) = unsafe { args::slice("problem->a", p.a, n) }?;
        let (y, ry) = unsafe { args::slice("problem->y", p.y, m) }?;
        let (b, rb) = unsafe { args::slice("problem->b", p.b, m) }?;
        let ov = o_out.value;
        let (plan, [pr, pc, pm]) =
            unsafe { sparse_plan(ov.plan_rows, ov.plan_cols, ov.plan_mass, plan_room(n, m)?) }?;
        args::disjoint(
            &[("out", Some(o_out.region())), pr, pc, pm],
            &[&[
                ("problem", Some(rp)),
                ("problem->x", Some(rx)),
                ("problem->a", Some(ra)),
                ("problem->y", Some(ry)),
                ("problem->b", Some(rb)),
            ]],
        )?;
        let (exponent, tolerance) = (p.p, o.mass_tolerance);
        let (info, _) = unsafe {
            shape::run(
                1,
                work,
                wasserstein_1d_scratch(n, m),
                Callback::NONE,
                |_, stack| wasserstein_1d_in_place(x, a, y, b, exponent, tolerance, plan, stack),
            )
        }?;
        o_out.value.wp_p = info.cost;
        o_out.value.nnz = info.nnz;
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}

// ---------------------------------------------------------------------------------------------
// sliced_wasserstein: the mean of 1-D problems over directions.

/// Options of `otc_sliced_wasserstein_f64`; fill with
/// `otc_sliced_wasserstein_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sliced_wasserstein_options {
    /// `sizeof(otc_sliced_wasserstein_options)`.
    pub struct_size: usize,
    /// Worker threads splitting the directions: 0 = `OTCORE_NUM_THREADS` or all cores, 1 =
    /// the calling thread only, k = k workers (≤ 256). The result is identical for every
    /// value.
    pub num_threads: u32,
    /// Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9).
    pub mass_tolerance: f64,
    /// Number of random directions k ≥ 1 (default 50) when `problem->directions.data` is
    /// NULL; ignored when directions are given.
    pub num_directions: usize,
    /// Seed of the random directions (default 0): direction l depends on the seed and l only.
    pub seed: u64,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers and floats only.
unsafe impl AbiStruct for otc_sliced_wasserstein_options {
    const NAME: &'static str = "otc_sliced_wasserstein_options";
    const MIN_SIZE: usize = size_of::<otc_sliced_wasserstein_options>();
    fn base() -> Self {
        otc_sliced_wasserstein_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            mass_tolerance: EmdParams::default().mass_tolerance,
            num_directions: 50,
            seed: 0,
        }
    }
}

/// Sliced Wasserstein between the weighted point clouds `x` (weights `a`) and `y` (weights
/// `b`) in R^d for the cost |x − y|^p along each direction.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sliced_wasserstein_problem_f64 {
    /// `sizeof(otc_sliced_wasserstein_problem_f64)`.
    pub struct_size: usize,
    /// n × d points, one per row (finite; any strides).
    pub x: otc_matrix_f64,
    /// Their weights (n values, finite, ≥ 0).
    pub a: *const f64,
    /// m × d points, one per row (finite; any strides).
    pub y: otc_matrix_f64,
    /// Their weights (m values; Σb = Σa within `mass_tolerance`).
    pub b: *const f64,
    /// Exponent of the cost, finite and ≥ 1.
    pub p: f64,
    /// Optional k × d directions (one per row, finite, used as given: pass unit vectors for
    /// the usual definition); `data == NULL`: `opts->num_directions` random unit directions.
    pub directions: otc_matrix_f64,
}
crate::abi_struct!(problem otc_sliced_wasserstein_problem_f64);

/// Results of `otc_sliced_wasserstein_f64`. `report.iterations`: directions projected;
/// `report.error`: 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sliced_wasserstein_outputs_f64 {
    /// `sizeof(otc_sliced_wasserstein_outputs_f64)`.
    pub struct_size: usize,
    /// Status, directions, seconds.
    pub report: otc_report,
    /// SW_p^p: the mean over the directions θ of the exact 1-D transport cost between the
    /// projections ⟨x_i, θ⟩ and ⟨y_j, θ⟩ (the p-th power of the sliced distance when the
    /// weights sum to 1; with random directions, a Monte Carlo estimate of it).
    pub swp_p: f64,
}
crate::abi_struct!(outputs otc_sliced_wasserstein_outputs_f64);

/// Writes the default options of `otc_sliced_wasserstein_f64` into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_sliced_wasserstein_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_sliced_wasserstein_options_default(
    opts: *mut otc_sliced_wasserstein_options,
) -> otc_status {
    ffi_boundary("otc_sliced_wasserstein_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The number of directions of a sliced problem and its workspace under `par`, from the
/// views' sizes alone (their data is not read).
fn sliced_req(
    p: &otc_sliced_wasserstein_problem_f64,
    o: &otc_sliced_wasserstein_options,
    par: Par,
) -> Result<(usize, StackReq)> {
    let k = if p.directions.data.is_null() {
        o.num_directions
    } else {
        p.directions.rows
    };
    let (n, m, d) = (p.x.rows, p.y.rows, p.x.cols);
    if n == 0 || m == 0 || d == 0 || k == 0 {
        bail!(
            InvalidDimension,
            "x is {n}x{d}, y has {m} rows, {k} directions: all must be >= 1"
        );
    }
    Ok((k, sliced_scratch(n, m, d, k, par)))
}

/// Bytes of workspace `otc_sliced_wasserstein_f64` needs for `problem` (the sizes of its
/// views) with `opts` (NULL: defaults): per worker (`min(threads, k)` of them) the
/// projections, sort indices and a direction, 16·(n + m) + 8·d bytes, plus 8 bytes per
/// direction.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_sliced_wasserstein_workspace_size_f64(
    problem: *const otc_sliced_wasserstein_problem_f64,
    opts: *const otc_sliced_wasserstein_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sliced_wasserstein_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, o| {
                Ok(sliced_req(p, o, args::par_of(o.num_threads)?)?.1)
            })
        }
    })
}

/// Sliced Wasserstein SW_p^p between two weighted point clouds: the mean over k directions of
/// the exact 1-D transport cost of the projections (see `otc_wasserstein_1d_f64`). Threads
/// (`opts->num_threads`) split the directions; the result is identical for every thread
/// count. Time O(k (n + m)(d + log(n + m))); workspace from
/// `otc_sliced_wasserstein_workspace_size_f64` (or `{NULL, 0}`: allocated).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (no direction, dimensions that disagree),
/// `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (p < 1, negative weights),
/// `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_sliced_wasserstein_f64(
    problem: *const otc_sliced_wasserstein_problem_f64,
    out: *mut otc_sliced_wasserstein_outputs_f64,
    opts: *const otc_sliced_wasserstein_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_sliced_wasserstein_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let (k, req) = sliced_req(&p, &o, args::par_of(o.num_threads)?)?;
        let (xm, rx) = unsafe { args::matrix("problem->x", &p.x) }?;
        let (ym, ry) = unsafe { args::matrix("problem->y", &p.y) }?;
        let (a, ra) = unsafe { args::slice("problem->a", p.a, xm.nrows()) }?;
        let (b, rb) = unsafe { args::slice("problem->b", p.b, ym.nrows()) }?;
        let (dirs, rd) = if p.directions.data.is_null() {
            (Directions::Random { k, seed: o.seed }, None)
        } else {
            let (t, rt) = unsafe { args::matrix("problem->directions", &p.directions) }?;
            (Directions::Given(t), Some(rt))
        };
        args::disjoint(
            &[("out", Some(o_out.region()))],
            &[&[
                ("problem", Some(rp)),
                ("problem->x", Some(rx)),
                ("problem->y", Some(ry)),
                ("problem->a", Some(ra)),
                ("problem->b", Some(rb)),
                ("problem->directions", rd),
            ]],
        )?;
        let (exponent, tolerance) = (p.p, o.mass_tolerance);
        let (value, _) = unsafe {
            shape::run(o.num_threads, work, req, Callback::NONE, |par, stack| {
                sliced_wasserstein_in_place(xm, a, ym, b, dirs, exponent, tolerance, par, stack)
            })
        }?;
        o_out.value.swp_p = value;
        o_out.value.report.iterations = k as u64;
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}
