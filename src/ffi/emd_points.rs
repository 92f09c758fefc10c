//! C entry points of the network simplex between point clouds with costs computed on the fly
//! ([`crate::exact::emd_points_in_place`]), in the ABI 1 shape: `otc_emd_points_options_default`,
//! `otc_emd_points_workspace_size_f64`, `otc_emd_points_f64` (f64 only, as the solver).

use super::args;
use super::boundary::{ffi_boundary, Report};
use super::cost::{metric_from, OTC_METRIC_SQEUCLIDEAN};
use super::exact::{plan_room, single_report, sparse_plan};
use super::shape::{self, otc_callback, otc_report, otc_workspace, AbiStruct, Callback};
use super::status::otc_status;
use super::view::{otc_matrix_f64, MatrixView};
use crate::exact::{emd_points_in_place, emd_points_scratch, Clouds, EmdOutputs, EmdParams};
use crate::{bail, par, Result};
use std::ffi::c_void;
use std::mem::size_of;

/// Options of `otc_emd_points_f64`; fill with `otc_emd_points_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_points_options {
    /// `sizeof(otc_emd_points_options)`.
    pub struct_size: usize,
    /// Checked (0, or 1 to 256) but unused: the solve runs on the calling thread.
    pub num_threads: u32,
    /// The ground cost: `OTC_METRIC_SQEUCLIDEAN` (default), `OTC_METRIC_EUCLIDEAN` or
    /// `OTC_METRIC_MINKOWSKI` (`OTC_METRIC_COSINE` is refused).
    pub metric: i32,
    /// Exponent of `OTC_METRIC_MINKOWSKI` (finite, ≥ 1); ignored by the other metrics.
    /// Default 2.
    pub p: f64,
    /// Pivot cap, initial pivots included (default 2^40). When reached, the feasible plan
    /// found so far is returned with `OTC_WARN_MAX_ITER`. A cap below the default selects the
    /// dense network simplex (whose pivots it counts) over the multiscale solver.
    pub max_iter: u64,
    /// Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
    /// b is rescaled to a's mass.
    pub mass_tolerance: f64,
    /// Call `callback` at most once per this many pivots (default 0: never).
    pub callback_every: u64,
    /// Progress callback (default NULL), called on the calling thread after a Block Search
    /// pivot with the pivots made and the magnitude of the entering arc's reduced cost (the
    /// multiscale solver: at a check of all arcs, with the pivots made and the number of rows
    /// and columns whose best arc has a negative reduced cost); nonzero stops the solve:
    /// `OTC_WARN_CANCELLED` with a feasible plan, its cost, duals and true `gap`.
    pub callback: otc_callback,
    /// Passed to `callback` as is.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`; integers, floats, a raw pointer and
// an optional function pointer (all bit patterns valid, zero = NULL).
unsafe impl AbiStruct for otc_emd_points_options {
    const NAME: &'static str = "otc_emd_points_options";
    const MIN_SIZE: usize = size_of::<otc_emd_points_options>();
    fn base() -> Self {
        let p = EmdParams::default();
        otc_emd_points_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            metric: OTC_METRIC_SQEUCLIDEAN,
            p: 2.0,
            max_iter: p.max_iter,
            mass_tolerance: p.mass_tolerance,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// Two weighted point clouds: `a` (n weights) on the rows of `x` (n × d) and `b` (m weights)
/// on the rows of `y` (m × d). The cost `C_ij = metric(x_i, y_j)` is computed on the fly,
/// never stored.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_points_problem_f64 {
    /// `sizeof(otc_emd_points_problem_f64)`.
    pub struct_size: usize,
    /// Source weights (n = rows of `x`; finite, ≥ 0, zeros allowed).
    pub a: *const f64,
    /// Target weights (m = rows of `y`; finite, ≥ 0; Σb = Σa within `mass_tolerance`).
    pub b: *const f64,
    /// Source points, one a row, n × d, any strides (row-major C passes `(d, 1)`,
    /// column-major Fortran/Julia/R `(1, n)`), finite coordinates.
    pub x: otc_matrix_f64,
    /// Target points, m × d (the same d), any strides.
    pub y: otc_matrix_f64,
}
crate::abi_struct!(problem otc_emd_points_problem_f64);

/// Results of `otc_emd_points_f64`. `report.iterations`: pivots made; `report.error`: `−gap`.
/// Optional outputs: not wanted when their pointer is NULL.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_points_outputs_f64 {
    /// `sizeof(otc_emd_points_outputs_f64)`.
    pub struct_size: usize,
    /// Status, pivots, error (= −gap), seconds.
    pub report: otc_report,
    /// Transport cost Σ C_ij P_ij of the returned plan.
    pub cost: f64,
    /// The certificate: the most negative reduced cost `C_ij − f_i − g_j` of the returned
    /// duals over all n·m arcs, computed from the coordinates without storing them (0, or a
    /// few ulps below, when optimal; negative after `OTC_WARN_MAX_ITER`).
    pub gap: f64,
    /// Entries of the sparse plan written (≤ n + m − 1).
    pub nnz: usize,
    /// Source duals (n), centred so that a·f = b·g.
    pub f: *mut f64,
    /// Target duals (m).
    pub g: *mut f64,
    /// Sparse plan: source point of each entry. `plan_rows`, `plan_cols` and `plan_mass` go
    /// together (all or none), each with room for n + m − 1 entries; the first `nnz` are
    /// written, in no particular order.
    pub plan_rows: *mut usize,
    /// Sparse plan: target point of each entry.
    pub plan_cols: *mut usize,
    /// Sparse plan: mass of each entry (> 0).
    pub plan_mass: *mut f64,
}
crate::abi_struct!(outputs otc_emd_points_outputs_f64);

/// Writes the default options (`num_threads = 0`, squared Euclidean, `p = 2`,
/// `max_iter = 2^40`, `mass_tolerance = 1e-9`, no callback) into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_emd_points_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_points_options_default(
    opts: *mut otc_emd_points_options,
) -> otc_status {
    ffi_boundary("otc_emd_points_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// n, m, d of a problem's views (their data is not read); d must agree.
fn sizes(p: &otc_emd_points_problem_f64) -> Result<(usize, usize, usize)> {
    let ((_, n, d, _, _), (_, m, dy, _, _)) = (p.x.parts(), p.y.parts());
    if d != dy {
        bail!(
            InvalidDimension,
            "problem->x is {n}x{d} and problem->y is {m}x{dy}: they must have the same number of columns d"
        );
    }
    Ok((n, m, d))
}

/// Bytes of workspace `otc_emd_points_f64` needs for `problem` (the sizes n, m, d of its
/// views; no data is read) with `opts` (NULL: defaults): O((n + m)·d), about
/// 100·(n + m) + 8·(n + m + 16)·d bytes, and for d ≤ 3 at least the multiscale solver's,
/// about 700·(n + m) bytes. No n × m array.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (d of x and y differ), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_points_workspace_size_f64(
    problem: *const otc_emd_points_problem_f64,
    opts: *const otc_emd_points_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_emd_points_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, o| {
                args::par_of(o.num_threads)?;
                let (n, m, d) = sizes(p)?;
                Ok(emd_points_scratch(n, m, d))
            })
        }
    })
}

/// Exact optimal transport between the weighted clouds of `problem` for the cost
/// `C_ij = metric(x_i, y_j)` (`opts->metric`, `opts->p`), by the network simplex of
/// `otc_emd_f64` with the costs computed on the fly from the coordinates (in SIMD lanes, a
/// pricing block at a time): the n × m cost is never stored. Optimality is certified by the
/// duals: `out->gap` is the most negative reduced cost over all n·m arcs, computed the same
/// way. Time O(pivots · (√(n·m)·d + tree path)), on the calling thread; workspace
/// O((n + m)·d) from `otc_emd_points_workspace_size_f64` (or `{NULL, 0}`: allocated).
/// Zero-weight points are allowed (removed, then given the largest feasible duals).
/// For the squared Euclidean cost in d ≤ 3 (with the default `max_iter`), the multiscale
/// solver runs instead: a coarse-to-fine hierarchy of each cloud (Z order), a network simplex
/// on a sparse arc set grown by shielding neighbourhoods, and checks of all n·m arcs (a
/// branch-and-bound search of each point's best arc) until none has a negative reduced cost;
/// same outputs and certificate, `report.iterations` the pivots of all levels, and
/// `callback` called once per check of all arcs (pivots so far, rows and columns with a
/// violated arc).
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER`, `OTC_WARN_CANCELLED` (a feasible plan, `gap`
/// says how far from optimal); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (a zero size, d of x and y differ), `OTC_ERR_NON_FINITE` (a
/// coordinate or weight; the message names it), `OTC_ERR_INVALID_ARGUMENT` (metric, p,
/// cosine, negative weights, coordinates so large that a cost could overflow, a bad
/// `mass_tolerance`), `OTC_ERR_MASS_MISMATCH` (naming the heavier side),
/// `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_points_f64(
    problem: *const otc_emd_points_problem_f64,
    out: *mut otc_emd_points_outputs_f64,
    opts: *const otc_emd_points_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_emd_points_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        par::resolve_threads(args::threads(o.num_threads))?;
        let metric = metric_from(o.metric, o.p)?;
        let (n, m, d) = sizes(&p)?;
        let (x, rx) = unsafe { args::matrix("problem->x", &p.x) }?;
        let (y, ry) = unsafe { args::matrix("problem->y", &p.y) }?;
        let (a, ra) = unsafe { args::slice("problem->a", p.a, n) }?;
        let (b, rb) = unsafe { args::slice("problem->b", p.b, m) }?;
        let ov = o_out.value;
        let fo = unsafe { args::opt_slice_mut("out->f", ov.f, n) }?;
        let go = unsafe { args::opt_slice_mut("out->g", ov.g, m) }?;
        let (sparse, [pr, pc, pm]) =
            unsafe { sparse_plan(ov.plan_rows, ov.plan_cols, ov.plan_mass, plan_room(n, m)?) }?;
        args::disjoint(
            &[
                ("out", Some(o_out.region())),
                ("out->f", fo.as_ref().map(|x| x.1)),
                ("out->g", go.as_ref().map(|x| x.1)),
                pr,
                pc,
                pm,
            ],
            &[&[
                ("problem", Some(rp)),
                ("problem->a", Some(ra)),
                ("problem->b", Some(rb)),
                ("problem->x", Some(rx)),
                ("problem->y", Some(ry)),
            ]],
        )?;
        let params = EmdParams {
            max_iter: o.max_iter,
            mass_tolerance: o.mass_tolerance,
            warm_start: None,
        };
        let outputs = EmdOutputs {
            f: fo.map(|x| x.0),
            g: go.map(|x| x.0),
            sparse,
            dense: None,
        };
        let clouds = Clouds { x, y, metric };
        let callback = Callback::new(o.callback_every, o.callback, o.callback_data);
        let (info, _) = unsafe {
            shape::run(
                1,
                work,
                emd_points_scratch(n, m, d),
                callback,
                |par, stack| emd_points_in_place(a, b, clouds, outputs, &params, par, stack),
            )
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
