//! C entry points of the assignment solver ([`crate::exact::assignment`](mod@crate::exact::assignment)), in the ABI 1
//! shape: `otc_assignment_options_default`, `otc_assignment_workspace_size_f64`,
//! `otc_assignment_f64` (one problem or a batch of k of one size, solved over the threads).
//! The solver is f64 only; its callback sees each shortest augmenting path.

use super::args::{self, Region};
use super::boundary::{ffi_boundary, Report};
use super::shape::{self, otc_callback, otc_workspace, AbiStruct, Callback};
use super::status::{otc_status, OTC_OK, OTC_WARN_CANCELLED};
use super::view::{otc_matrix_f64, MatrixView};
use crate::exact::assignment::{
    assignment_batch_in_place, assignment_batch_scratch, AssignmentBatchOutputs,
};
use crate::exact::AssignmentInfo;
use crate::{bail, Error, ErrorKind, MatRef, MemStack, Par, Result, StackReq};
use std::ffi::c_void;
use std::mem::size_of;

/// Options of `otc_assignment_f64`; fill with `otc_assignment_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_assignment_options {
    /// `sizeof(otc_assignment_options)`.
    pub struct_size: usize,
    /// Worker threads sharing the problems of a batch (one problem runs on one thread):
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (k ≤ 256). Results are identical for every value.
    pub num_threads: u32,
    /// Call `callback` at most once per this many augmenting paths (default 0: never).
    pub callback_every: u64,
    /// Progress callback (default NULL), called on the calling thread after a shortest
    /// augmenting path (with `num_threads` > 1: a path of a problem one of the workers
    /// solves; the others' are counted, not reported), with the paths run so far over all
    /// problems and workers and the rows its problem still has free. Nonzero stops the solve: `OTC_WARN_CANCELLED`; the
    /// problems running give their rows still free the free columns in increasing order (a
    /// permutation, maybe not optimal: `gap` < 0 says how far), the problems not started are
    /// skipped: their `problem_costs` NaN, u and v NaN, their `perm` not written; `out->cost`
    /// is then NaN (`out->gap` covers the problems solved).
    pub callback: otc_callback,
    /// Passed to `callback` as is.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers, a raw pointer and an
// optional function pointer (NULL is None) only.
unsafe impl AbiStruct for otc_assignment_options {
    const NAME: &'static str = "otc_assignment_options";
    const MIN_SIZE: usize = size_of::<otc_assignment_options>();
    fn base() -> Self {
        otc_assignment_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// A batch of `count` assignment problems of one size n: problem l is the n × n cost
/// `costs[l]` (element (i, j): the cost of giving column j to row i; any finite values, any
/// strides; row-major and column-major views are both read contiguously, never copied).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_assignment_problem_f64 {
    /// `sizeof(otc_assignment_problem_f64)`.
    pub struct_size: usize,
    /// Number of problems k (≥ 1; 1 for a single problem).
    pub count: usize,
    /// Array of k cost views, each n × n with the same n ≥ 1.
    pub costs: *const otc_matrix_f64,
}
crate::abi_struct!(problem otc_assignment_problem_f64);

/// Results of `otc_assignment_f64`. `report.iterations`: shortest augmenting paths run (over
/// all problems); `report.error`: `gap`; `report.path`: 0. The optional outputs (NULL: not
/// wanted) hold problem after problem.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_assignment_outputs_f64 {
    /// `sizeof(otc_assignment_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), iterations (augmenting paths), error (= `gap`), seconds.
    pub report: shape::otc_report,
    /// Total cost `Σ_l Σ_i C_l[i, perm_l[i]]` over the k problems (summed in problem order).
    pub cost: f64,
    /// Most negative reduced cost `C_ij − u_i − v_j` over all arcs of all problems: the
    /// optimality certificate (0, or a few ulps below, when optimal).
    pub gap: f64,
    /// k·n: row i of problem l goes to column `perm[l*n + i]` (a permutation of 0..n−1).
    pub perm: *mut usize,
    /// k·n row duals u.
    pub u: *mut f64,
    /// k·n column duals v (`u_i + v_j ≤ C_ij`, with equality on the assignment).
    pub v: *mut f64,
    /// k: each problem's cost.
    pub problem_costs: *mut f64,
}
crate::abi_struct!(outputs otc_assignment_outputs_f64);

/// Writes the default options (`num_threads = 0`) into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_assignment_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_assignment_options_default(
    opts: *mut otc_assignment_options,
) -> otc_status {
    ffi_boundary("otc_assignment_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The problem's array of cost views (k ≥ 1 of them) with its region, and n (the rows of
/// `costs[0]`, checked against every view by the solver).
///
/// # Safety
/// `p.costs` must be NULL or valid for reads of `p.count` views.
unsafe fn views(p: &otc_assignment_problem_f64) -> Result<(&[otc_matrix_f64], usize, Region)> {
    if p.count == 0 {
        bail!(
            InvalidDimension,
            "problem->count is 0: at least one problem is needed"
        );
    }
    // SAFETY: forwarded contract.
    let (views, region) = unsafe { args::slice("problem->costs", p.costs, p.count) }?;
    if views[0].rows == 0 {
        bail!(
            InvalidDimension,
            "problem->costs[0] has 0 rows: the problems need n >= 1"
        );
    }
    Ok((views, views[0].rows, region))
}

/// Workspace of one call: the k faer views and infos, and the batch's solver slots.
fn scratch(n: usize, k: usize, par: Par) -> Result<StackReq> {
    Ok(StackReq::all_of(&[
        StackReq::new::<MatRef<'static, f64>>(k),
        StackReq::new::<AssignmentInfo>(k),
        assignment_batch_scratch(n, k, par)?,
    ]))
}

/// Bytes of workspace `otc_assignment_f64` needs for `problem` with `opts` (NULL: defaults):
/// about 81·n bytes per worker up to n = 899, about 0.7 KB per row from n = 900 to 1024 (an
/// auction's candidate arcs), about 1.8 KB per row from n = 1025 on (the candidate-arc
/// method), for `min(threads, count)` workers, plus 80 bytes per problem.
/// Depends on the count, n (the rows of `costs[0]`) and the thread count only; starts no
/// thread. O(1) time.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (count 0, n = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes),
/// `problem->costs` valid for `count` views; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_assignment_workspace_size_f64(
    problem: *const otc_assignment_problem_f64,
    opts: *const otc_assignment_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_assignment_workspace_size_f64", || {
        // SAFETY: forwarded contract (the views are read for their sizes only).
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, o| {
                let (_, n, _) = views(p)?;
                scratch(n, p.count, args::par_of(o.num_threads)?)
            })
        }
    })
}

/// Solves the linear assignment problem `min_σ Σ_i C[i, σ(i)]` over permutations σ for each
/// of the k n × n costs of `problem`, exactly, by Jonker–Volgenant (LAPJV) in double
/// precision, with dual potentials (u, v) certifying optimality. One problem runs on one
/// thread; the problems of a batch are shared by `opts->num_threads` workers (results
/// identical for every thread count). Time O(n²) for the reductions plus O(n) per row scanned
/// by the shortest-path searches (O(n³) worst case) per problem; workspace from
/// `otc_assignment_workspace_size_f64` (or `{NULL, 0}`: allocated). Every problem is checked
/// before any output is written.
///
/// Statuses: `OTC_OK`; `OTC_WARN_CANCELLED` (the callback stopped the solve: see
/// `otc_assignment_options.callback` for the outputs); `OTC_ERR_NULL_POINTER`,
/// `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (count 0, a cost not square or of another size than
/// `costs[0]`), `OTC_ERR_NON_FINITE` (a NaN or infinite cost; the message names problem and
/// entry), `OTC_ERR_INVALID_ARGUMENT` (costs so large that the duals could overflow),
/// `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING` (an output overlaps an input or another
/// output), `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
/// `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_assignment_f64(
    problem: *const otc_assignment_problem_f64,
    out: *mut otc_assignment_outputs_f64,
    opts: *const otc_assignment_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_assignment_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let (views, n, rv) = unsafe { views(&p) }?;
        let k = p.count;
        let kn = k
            .checked_mul(n)
            .ok_or_else(|| Error::new(ErrorKind::Overflow, "count * n overflows"))?;
        let ov = o_out.value;
        let perm = unsafe { args::opt_slice_mut("out->perm", ov.perm, kn) }?;
        let u = unsafe { args::opt_slice_mut("out->u", ov.u, kn) }?;
        let v = unsafe { args::opt_slice_mut("out->v", ov.v, kn) }?;
        let pc = unsafe { args::opt_slice_mut("out->problem_costs", ov.problem_costs, k) }?;
        let outs = [
            ("out", Some(o_out.region())),
            ("out->perm", perm.as_ref().map(|x| x.1)),
            ("out->u", u.as_ref().map(|x| x.1)),
            ("out->v", v.as_ref().map(|x| x.1)),
            ("out->problem_costs", pc.as_ref().map(|x| x.1)),
        ];
        args::disjoint(
            &outs,
            &[&[("problem", Some(rp)), ("problem->costs", Some(rv))]],
        )?;
        for (l, view) in views.iter().enumerate() {
            let what = args::Indexed("problem->costs", l);
            let (_, rc) = unsafe { args::matrix(what, view) }?;
            args::disjoint(&outs, &[&[("a cost matrix of problem->costs", Some(rc))]])?;
        }
        let req = scratch(n, k, args::par_of(o.num_threads)?)?;
        let (perm, u, v, pc) = (
            perm.map(|x| x.0),
            u.map(|x| x.0),
            v.map(|x| x.0),
            pc.map(|x| x.0),
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
            let (mut info, stack) = stack.make_with(k, |_| AssignmentInfo::default());
            let out = AssignmentBatchOutputs {
                info: &mut info,
                perm,
                u,
                v,
            };
            assignment_batch_in_place(&mats, out, par, stack)?;
            if let Some(pc) = pc {
                for (c, i) in pc.iter_mut().zip(info.iter()) {
                    *c = i.cost;
                }
            }
            Ok(info.iter().fold(
                (0.0, f64::INFINITY, 0u64, 0usize),
                |(c, g, a, skipped), i| {
                    let skip = usize::from(i.cost.is_nan());
                    (
                        c + i.cost,
                        g.min(i.gap),
                        a + i.augmentations,
                        skipped + skip,
                    )
                },
            ))
        };
        let callback = Callback::new(o.callback_every, o.callback, o.callback_data);
        let ((total, gap, paths, skipped), stopped) =
            unsafe { shape::run(o.num_threads, work, req, callback, solve) }?;
        o_out.value.cost = total;
        o_out.value.gap = gap;
        o_out.value.report.iterations = paths;
        o_out.value.report.error = gap;
        if !stopped {
            o_out.commit(OTC_OK);
            return Ok(Report::ok());
        }
        o_out.commit(OTC_WARN_CANCELLED);
        Ok(Report::warn(
            OTC_WARN_CANCELLED,
            format_args!(
                "the callback stopped the solve after {paths} augmenting paths: {skipped} of {k} problems skipped (their costs NaN), the others' permutations maybe not optimal (see out->gap)"
            ),
        ))
    })
}
