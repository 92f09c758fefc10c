//! C entry points of the grid solver ([`crate::exact::grid`]), in the ABI 1 shape:
//! `otc_emd_grid_options_default`, `otc_emd_grid_workspace_size_f64`, `otc_emd_grid_f64`.
//! Exact OT between two histograms on one regular 1-, 2- or 3-D grid for the squared
//! Euclidean cost, by the sparse multiscale network simplex (f64 only, as the solver).

use super::args;
use super::boundary::{ffi_boundary, Report};
use super::shape::{self, otc_callback, otc_workspace, AbiStruct};
use super::status::{otc_status, OTC_OK, OTC_WARN_CANCELLED};
use crate::exact::{emd_grid_in_place, emd_grid_scratch, GridOutputs, GridParams};
use crate::{bail, Error, ErrorKind, Result};
use std::ffi::c_void;
use std::mem::size_of;

/// Options of `otc_emd_grid_f64`; fill with `otc_emd_grid_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_grid_options {
    /// `sizeof(otc_emd_grid_options)`.
    pub struct_size: usize,
    /// Checked (≤ 256) and accepted for uniformity: the solver runs on the calling thread.
    pub num_threads: u32,
    /// Largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb) (default 1e-9); within it,
    /// b is rescaled to a's mass.
    pub mass_tolerance: f64,
    /// Capacity of the sparse arc set per pixel (row or column; default 16, raised to at
    /// least 4·axes + 3): larger means fewer rebuilds and more memory (16 bytes an arc).
    pub arcs_per_node: usize,
    /// Call `callback` at most once per this many pivots, at the checks of all arcs (one or
    /// more per level); 0 (the default) = never.
    pub callback_every: u64,
    /// `callback(callback_data, pivots, violations)`, on the calling thread, at a check of all
    /// arcs; `violations` is the number of rows and columns whose best arc has a negative
    /// reduced cost (0 at the end of each level). Nonzero stops the solve: every remaining
    /// level ends once its plan is feasible, and the call returns `OTC_WARN_CANCELLED` with a
    /// feasible plan, its cost, duals and true certificate `gap`. NULL: none.
    pub callback: otc_callback,
    /// Passed to `callback` unchanged.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`; integers, floats, a raw pointer and
// an optional function pointer (all bit patterns valid, zero = NULL).
unsafe impl AbiStruct for otc_emd_grid_options {
    const NAME: &'static str = "otc_emd_grid_options";
    const MIN_SIZE: usize = size_of::<otc_emd_grid_options>();
    fn base() -> Self {
        let p = GridParams::default();
        otc_emd_grid_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            mass_tolerance: p.mass_tolerance,
            arcs_per_node: p.arcs_per_node,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// Two histograms on one regular grid of `ndim` axes (1, 2 or 3) with `shape[k]` pixels and
/// spacing `spacing[k]` along axis k. The grid has
/// n = `shape[0]·…·shape[ndim−1]` pixels, stored row-major (last axis fastest: pixel
/// (x0, x1, x2) of a 3-D grid is entry `(x0·shape[1] + x1)·shape[2] + x2`). The cost between
/// pixels x and y is `Σ_k (spacing[k]·(x_k − y_k))²`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_grid_problem_f64 {
    /// `sizeof(otc_emd_grid_problem_f64)`.
    pub struct_size: usize,
    /// Number of axes, 1 to 3.
    pub ndim: usize,
    /// Pixels along each axis (`ndim` entries, each ≥ 1; n < 2³¹ in all).
    pub shape: *const usize,
    /// Distance between neighbouring pixels along each axis (`ndim` entries, finite, > 0),
    /// or NULL for 1 on every axis.
    pub spacing: *const f64,
    /// Source histogram (n; finite, ≥ 0, zeros allowed).
    pub a: *const f64,
    /// Target histogram (n; finite, ≥ 0, the same total mass within `mass_tolerance`).
    pub b: *const f64,
}
crate::abi_struct!(problem otc_emd_grid_problem_f64);

/// Results of `otc_emd_grid_f64`. `report.iterations`: network-simplex pivots, all levels;
/// `report.error`: `gap`; `report.path`: 0. Optional outputs: NULL when not wanted.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_grid_outputs_f64 {
    /// `sizeof(otc_emd_grid_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), iterations (pivots), error (= `gap`), seconds.
    pub report: shape::otc_report,
    /// Transport cost Σ C_ij P_ij of the returned plan (squared distance units × mass).
    pub cost: f64,
    /// The certificate: the most negative reduced cost C_ij − f_i − g_j over all n² arcs,
    /// computed by distance transforms without storing arcs (0, or a few ulps below, when
    /// optimal).
    pub gap: f64,
    /// Number of plan entries, written to the sparse plan when wanted (≤ 2n − 1).
    pub plan_nnz: usize,
    /// Checks of all n² reduced costs made, all levels together.
    pub rounds: u64,
    /// Levels of the multiscale hierarchy (1 when the grid has at most 64 pixels).
    pub levels: usize,
    /// Source duals (n), centred so that a·f = b·g: the gradient of the OT value with respect
    /// to a along mass-preserving changes (g for b).
    pub f: *mut f64,
    /// Target duals (n).
    pub g: *mut f64,
    /// Sparse plan: source pixel of each entry. `plan_rows`, `plan_cols` and `plan_mass`
    /// go together (all or none), each with room for 2n − 1 entries (the most a solution
    /// has); the first `plan_nnz` are written, in no particular order.
    pub plan_rows: *mut usize,
    /// Sparse plan: target pixel of each entry.
    pub plan_cols: *mut usize,
    /// Sparse plan: mass of each entry.
    pub plan_mass: *mut f64,
}
crate::abi_struct!(outputs otc_emd_grid_outputs_f64);

/// Writes the default options (`num_threads = 0`, `mass_tolerance = 1e-9`,
/// `arcs_per_node = 16`, no callback) into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_emd_grid_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_grid_options_default(
    opts: *mut otc_emd_grid_options,
) -> otc_status {
    ffi_boundary("otc_emd_grid_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Unit spacing, for a problem whose `spacing` is NULL.
const UNIT_SPACING: [f64; 3] = [1.0; 3];

/// The grid of a problem: its shape and spacing (`ndim` entries each) with their regions
/// (`None` for a NULL spacing), and its pixel count. The solver checks the sizes and
/// spacings themselves.
///
/// # Safety
/// `p.shape` and `p.spacing` (when not NULL) must be valid for reads of `p.ndim` elements.
unsafe fn grid(p: &otc_emd_grid_problem_f64) -> Result<Grid<'_>> {
    if !(1..=3).contains(&p.ndim) {
        bail!(
            InvalidDimension,
            "problem->ndim is {}: 1, 2 or 3 axes are supported",
            p.ndim
        );
    }
    // SAFETY (both): forwarded contract.
    let (shape, rs) = unsafe { args::slice("problem->shape", p.shape, p.ndim) }?;
    let spacing = unsafe { args::opt_slice("problem->spacing", p.spacing, p.ndim) }?;
    let n = shape
        .iter()
        .try_fold(1usize, |n, &s| n.checked_mul(s))
        .ok_or_else(|| Error::new(ErrorKind::Overflow, "problem->shape: pixel count overflows"))?;
    Ok(Grid {
        shape,
        spacing: spacing.map_or(&UNIT_SPACING[..p.ndim], |s| s.0),
        regions: [Some(rs), spacing.map(|s| s.1)],
        n,
    })
}

/// A problem's grid, read by [`grid`].
struct Grid<'a> {
    shape: &'a [usize],
    spacing: &'a [f64],
    /// Regions of `problem->shape` and `problem->spacing` (None when NULL).
    regions: [Option<args::Region>; 2],
    /// Pixel count.
    n: usize,
}

/// The solver's parameters from the options.
fn params(o: &otc_emd_grid_options) -> GridParams {
    GridParams {
        mass_tolerance: o.mass_tolerance,
        arcs_per_node: o.arcs_per_node,
    }
}

/// Bytes of workspace `otc_emd_grid_f64` needs for `problem` (its grid) with `opts` (NULL:
/// defaults): O(n · arcs_per_node), 16 bytes an arc (about 35 MB at 256 × 256 with the
/// defaults). Reads the grid only. O(levels) time.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (ndim, a zero size, too many pixels), `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes),
/// `problem->shape` (and `spacing` unless NULL) valid for `ndim` elements; `bytes` valid for
/// writes.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_grid_workspace_size_f64(
    problem: *const otc_emd_grid_problem_f64,
    opts: *const otc_emd_grid_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_emd_grid_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, o| {
                args::par_of(o.num_threads)?;
                emd_grid_scratch(grid(p)?.shape, &params(o))
            })
        }
    })
}

/// Exact optimal transport between the histograms `problem->a` and `problem->b` on the
/// grid of `problem` for the squared Euclidean cost, by a sparse multiscale network simplex
/// (Schmitzer 2016): a coarse-to-fine hierarchy, pivots on a sparse arc set, and checks of
/// all n² reduced costs by distance transforms that add violating arcs until none is left.
/// The n × n cost is never formed. Time: typically O(n) arcs and a few O(n) checks per level
/// plus the pivots; workspace from `otc_emd_grid_workspace_size_f64` (or `{NULL, 0}`:
/// allocated). Zero-mass pixels get the largest duals keeping every reduced cost ≥ 0.
///
/// Statuses: `OTC_OK`; `OTC_WARN_CANCELLED` (the callback stopped the solve: a feasible
/// plan, maybe not optimal, `gap` < 0 says how far); `OTC_ERR_NULL_POINTER`,
/// `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (ndim, a zero size, too many pixels),
/// `OTC_ERR_INVALID_ARGUMENT` (a spacing ≤ 0, a negative weight or tolerance),
/// `OTC_ERR_NON_FINITE`, `OTC_ERR_MASS_MISMATCH` (naming the heavier side),
/// `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
/// `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_grid_f64(
    problem: *const otc_emd_grid_problem_f64,
    out: *mut otc_emd_grid_outputs_f64,
    opts: *const otc_emd_grid_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_emd_grid_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let Grid {
            shape: axes,
            spacing,
            regions,
            n,
        } = unsafe { grid(&p) }?;
        let params = params(&o);
        let req = emd_grid_scratch(axes, &params)?;
        let (a, ra) = unsafe { args::slice("problem->a", p.a, n) }?;
        let (b, rb) = unsafe { args::slice("problem->b", p.b, n) }?;
        let ov = o_out.value;
        let cap = 2 * n - 1;
        let f = unsafe { args::opt_slice_mut("out->f", ov.f, n) }?;
        let g = unsafe { args::opt_slice_mut("out->g", ov.g, n) }?;
        let sparse = unsafe {
            args::sparse_plan(
                ["out->plan_rows", "out->plan_cols", "out->plan_mass"],
                ov.plan_rows,
                ov.plan_cols,
                ov.plan_mass,
                cap,
            )
        }?;
        let plan_regions = sparse.as_ref().map(|s| s.1);
        args::disjoint(
            &[
                ("out", Some(o_out.region())),
                ("out->f", f.as_ref().map(|x| x.1)),
                ("out->g", g.as_ref().map(|x| x.1)),
                ("out->plan_rows", plan_regions.map(|r| r[0])),
                ("out->plan_cols", plan_regions.map(|r| r[1])),
                ("out->plan_mass", plan_regions.map(|r| r[2])),
            ],
            &[&[
                ("problem", Some(rp)),
                ("problem->shape", regions[0]),
                ("problem->spacing", regions[1]),
                ("problem->a", Some(ra)),
                ("problem->b", Some(rb)),
            ]],
        )?;
        let outputs = GridOutputs {
            f: f.map(|x| x.0),
            g: g.map(|x| x.0),
            sparse: sparse.map(|s| s.0),
        };
        let callback = shape::Callback::new(o.callback_every, o.callback, o.callback_data);
        let (info, _) = unsafe {
            shape::run(o.num_threads, work, req, callback, |par, stack| {
                emd_grid_in_place(axes, spacing, a, b, outputs, &params, par, stack)
            })
        }?;
        let v = &mut o_out.value;
        v.cost = info.cost;
        v.gap = info.certificate;
        v.plan_nnz = info.nnz;
        v.rounds = info.rounds;
        v.levels = info.levels;
        v.report.iterations = info.iterations;
        v.report.error = info.certificate;
        if info.cancelled {
            o_out.commit(OTC_WARN_CANCELLED);
            return Ok(Report::warn(
                OTC_WARN_CANCELLED,
                format_args!(
                    "stopped by the callback after {} pivots: feasible plan, gap {:e}",
                    info.iterations, info.certificate
                ),
            ));
        }
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}
