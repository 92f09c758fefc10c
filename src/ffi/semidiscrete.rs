//! C entry points of [`crate::semidiscrete`] in the ABI 1 shape, each in f64 and f32:
//! `laguerre_assign` (Laguerre cells), `semidiscrete` (Newton or gradient solver on a weighted
//! sample set), `semidiscrete_sgd` (averaged SGD from a sampler callback or from a sample
//! array: one op, the source given in exactly one of the two forms) and `lloyd` (optimal
//! quantisation).
//!
//! The bodies are generic over the precision: each problem and outputs struct hands its fields
//! to them as a generic Rust mirror (`Fields`).

use super::args::{self, disjoint, Arg};
use super::boundary::{ffi_boundary, Report};
use super::shape::{
    self, otc_callback, otc_report, otc_workspace, AbiOutputs, AbiStruct, Callback,
};
use super::status::{otc_status, OTC_OK, OTC_WARN_CANCELLED, OTC_WARN_MAX_ITER};
use super::view::{
    otc_matrix_f32, otc_matrix_f64, otc_matrix_mut_f32, otc_matrix_mut_f64, MatrixView,
};
use crate::semidiscrete::{
    laguerre_assign_in_place, laguerre_assign_scratch, lloyd_in_place, lloyd_scratch,
    semidiscrete_in_place, semidiscrete_scratch, semidiscrete_sgd_from_samples_in_place,
    semidiscrete_sgd_from_samples_scratch, semidiscrete_sgd_in_place, semidiscrete_sgd_scratch,
    LaguerreReal, LloydParams, SemiDiscreteMethod, SemiDiscreteParams, SgdInfo, SgdParams,
};
use crate::workspace::{take, vec_req};
use crate::{bail, MatMut, MatRef, Real, Result, StackReq};
use std::ffi::c_void;
use std::mem::size_of;

/// A problem or outputs struct of either precision, read by the generic bodies through a
/// generic Rust mirror of its fields.
trait Fields: AbiStruct {
    /// The mirror.
    type Of;
    /// A copy of the fields.
    fn fields(&self) -> Self::Of;
}

/// Implements [`Fields`] for a C struct: the listed fields copied into the mirror.
macro_rules! fields {
    ($c:ty => $mirror:ident $(<$m:ty>)? { $($f:ident),* }) => {
        impl Fields for $c {
            type Of = $mirror $(<$m>)?;
            fn fields(&self) -> Self::Of {
                $mirror { $($f: self.$f),* }
            }
        }
    };
}

/// The sample set of a problem: points (N×d) and optional weights (N; NULL = uniform),
/// checked (weights finite and >= 0), with their regions.
struct Samples<'a, T> {
    x: MatRef<'a, T>,
    w: Option<&'a [T]>,
    regions: [Arg; 2],
}

/// Reads `problem->points` and `problem->point_weights`.
///
/// # Safety
/// As [`args::matrix`] and [`args::opt_slice`].
unsafe fn samples<'a, M: MatrixView>(
    points: &M,
    point_weights: *const M::T,
) -> Result<Samples<'a, M::T>> {
    // SAFETY: forwarded contract.
    let (x, rx) = unsafe { args::matrix("problem->points", points) }?;
    // SAFETY: forwarded contract.
    let w = unsafe { args::opt_slice("problem->point_weights", point_weights, x.nrows()) }?;
    if let Some((ws, _)) = &w {
        crate::error::check_weights("problem->point_weights", ws)?;
    }
    Ok(Samples {
        x,
        regions: [
            ("problem->points", Some(rx)),
            ("problem->point_weights", w.as_ref().map(|(_, r)| *r)),
        ],
        w: w.map(|(s, _)| s),
    })
}

/// The sites (n×d), their weights (`b` or `g`, n values) and the regions of both.
type SitesAnd<'a, T> = (MatRef<'a, T>, &'a [T], [Arg; 2]);

/// The sites and their weights (`b` or `g`, n values) of a problem, with their regions.
///
/// # Safety
/// As [`args::matrix`] and [`args::slice`].
unsafe fn sites_and<'a, M: MatrixView>(
    sites: &M,
    weights_name: &'static str,
    weights: *const M::T,
) -> Result<SitesAnd<'a, M::T>> {
    // SAFETY: forwarded contract.
    let (y, ry) = unsafe { args::matrix("problem->sites", sites) }?;
    // SAFETY: forwarded contract.
    let (w, rw) = unsafe { args::slice(weights_name, weights, y.nrows()) }?;
    Ok((
        y,
        w,
        [("problem->sites", Some(ry)), (weights_name, Some(rw))],
    ))
}

/// The status of an iterative solve that stopped converged, cancelled or at its cap.
fn iterative_status(converged: bool, cancelled: bool, what: std::fmt::Arguments<'_>) -> Report {
    if converged {
        Report::ok()
    } else if cancelled {
        Report::warn(
            OTC_WARN_CANCELLED,
            format_args!("the callback stopped the solve: {what}"),
        )
    } else {
        Report::warn(OTC_WARN_MAX_ITER, what)
    }
}

// ---- laguerre_assign --------------------------------------------------------------------

/// Options of `otc_laguerre_assign_f64` / `_f32`; fill with
/// `otc_laguerre_assign_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_laguerre_assign_options {
    /// `sizeof(otc_laguerre_assign_options)`.
    pub struct_size: usize,
    /// Threads over the points: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
    /// only, k = k workers (at most 256). Results are identical for every value.
    pub num_threads: u32,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers only.
unsafe impl AbiStruct for otc_laguerre_assign_options {
    const NAME: &'static str = "otc_laguerre_assign_options";
    const MIN_SIZE: usize = size_of::<otc_laguerre_assign_options>();
    fn base() -> Self {
        otc_laguerre_assign_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
        }
    }
}

/// The Laguerre cells of points `x_i` (N×d) for sites `y_j` (n×d) with weights `g_j`, double
/// precision.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_laguerre_assign_problem_f64 {
    /// `sizeof(otc_laguerre_assign_problem_f64)`.
    pub struct_size: usize,
    /// N×d points (any strides), finite.
    pub points: otc_matrix_f64,
    /// N point weights (finite, >= 0), or NULL: 1/N each. Used by the cell masses only.
    pub point_weights: *const f64,
    /// n×d sites (any strides), finite.
    pub sites: otc_matrix_f64,
    /// n site weights g (squared-distance units), finite.
    pub g: *const f64,
}
crate::abi_struct!(problem otc_laguerre_assign_problem_f64);

/// As `otc_laguerre_assign_problem_f64`, single precision.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_laguerre_assign_problem_f32 {
    /// `sizeof(otc_laguerre_assign_problem_f32)`.
    pub struct_size: usize,
    /// N×d points (any strides), finite.
    pub points: otc_matrix_f32,
    /// N point weights (finite, >= 0), or NULL: 1/N each. Used by the cell masses only.
    pub point_weights: *const f32,
    /// n×d sites (any strides), finite.
    pub sites: otc_matrix_f32,
    /// n site weights g (squared-distance units), finite.
    pub g: *const f32,
}
crate::abi_struct!(problem otc_laguerre_assign_problem_f32);

/// Results of `otc_laguerre_assign_f64`; `report.iterations`, `report.error` and
/// `report.path` are 0 (one pass, no error measure).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_laguerre_assign_outputs_f64 {
    /// `sizeof(otc_laguerre_assign_outputs_f64)`.
    pub struct_size: usize,
    /// Status, seconds.
    pub report: otc_report,
    /// Number of cells that received no point.
    pub empty_cells: usize,
    /// Required, N values: `cells[i] = argmin_j |x_i − y_j|² − g_j` (ties: smallest j).
    pub cells: *mut u32,
    /// n cell masses (each cell's summed point weight), or NULL: not wanted.
    pub masses: *mut f64,
}
crate::abi_struct!(outputs otc_laguerre_assign_outputs_f64);

/// Results of `otc_laguerre_assign_f32`: as `otc_laguerre_assign_outputs_f64` (masses in
/// double).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_laguerre_assign_outputs_f32 {
    /// `sizeof(otc_laguerre_assign_outputs_f32)`.
    pub struct_size: usize,
    /// Status, seconds.
    pub report: otc_report,
    /// Number of cells that received no point.
    pub empty_cells: usize,
    /// Required, N values: `cells[i] = argmin_j |x_i − y_j|² − g_j` (ties: smallest j).
    pub cells: *mut u32,
    /// n cell masses (each cell's summed point weight), or NULL: not wanted.
    pub masses: *mut f64,
}
crate::abi_struct!(outputs otc_laguerre_assign_outputs_f32);

/// The fields of a Laguerre problem, either precision.
struct LaguerreProblem<M: MatrixView> {
    points: M,
    point_weights: *const M::T,
    sites: M,
    g: *const M::T,
}
/// The output arrays of a Laguerre call (the same in both precisions).
struct LaguerreOut {
    cells: *mut u32,
    masses: *mut f64,
}
fields!(otc_laguerre_assign_problem_f64 => LaguerreProblem<otc_matrix_f64> { points, point_weights, sites, g });
fields!(otc_laguerre_assign_problem_f32 => LaguerreProblem<otc_matrix_f32> { points, point_weights, sites, g });
fields!(otc_laguerre_assign_outputs_f64 => LaguerreOut { cells, masses });
fields!(otc_laguerre_assign_outputs_f32 => LaguerreOut { cells, masses });

/// An outputs struct of `laguerre_assign`, either precision.
trait LaguerreOutputs: AbiOutputs + Fields<Of = LaguerreOut> {
    fn set_empty_cells(&mut self, empty_cells: usize);
}
impl LaguerreOutputs for otc_laguerre_assign_outputs_f64 {
    fn set_empty_cells(&mut self, empty_cells: usize) {
        self.empty_cells = empty_cells;
    }
}
impl LaguerreOutputs for otc_laguerre_assign_outputs_f32 {
    fn set_empty_cells(&mut self, empty_cells: usize) {
        self.empty_cells = empty_cells;
    }
}

/// Writes the default options (`num_threads = 0`) into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_laguerre_assign_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_laguerre_assign_options_default(
    opts: *mut otc_laguerre_assign_options,
) -> otc_status {
    ffi_boundary("otc_laguerre_assign_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The body of the Laguerre workspace queries.
///
/// # Safety
/// The contract of `otc_laguerre_assign_workspace_size_f64`.
unsafe fn laguerre_size<M: MatrixView, P: Fields<Of = LaguerreProblem<M>>>(
    problem: *const P,
    opts: *const otc_laguerre_assign_options,
    bytes: *mut usize,
) -> Result<Report>
where
    M::T: LaguerreReal,
{
    // SAFETY: forwarded contract; the views' geometry is checked by `args::matrix`.
    unsafe {
        shape::workspace_query(problem, opts, bytes, |p, _| {
            let (y, _) = args::matrix("problem->sites", &p.fields().sites)?;
            Ok(laguerre_assign_scratch::<M::T>(y.nrows(), y.ncols()))
        })
    }
}

/// Bytes of workspace `otc_laguerre_assign_f64` needs for `problem` (its sites' n×d):
/// about `(n + 8)·(d + 1)` doubles. Depends on the sites' size only.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_laguerre_assign_workspace_size_f64(
    problem: *const otc_laguerre_assign_problem_f64,
    opts: *const otc_laguerre_assign_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_laguerre_assign_workspace_size_f64", || unsafe {
        laguerre_size(problem, opts, bytes)
    })
}

/// As `otc_laguerre_assign_workspace_size_f64`, for `otc_laguerre_assign_f32`.
///
/// # Safety
/// As `otc_laguerre_assign_workspace_size_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_laguerre_assign_workspace_size_f32(
    problem: *const otc_laguerre_assign_problem_f32,
    opts: *const otc_laguerre_assign_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_laguerre_assign_workspace_size_f32", || unsafe {
        laguerre_size(problem, opts, bytes)
    })
}

/// The body of `otc_laguerre_assign_f64` / `_f32`.
///
/// # Safety
/// The contract of those functions.
unsafe fn laguerre<M: MatrixView, P: Fields<Of = LaguerreProblem<M>>, O: LaguerreOutputs>(
    problem: *const P,
    out: *mut O,
    opts: *const otc_laguerre_assign_options,
    work: otc_workspace,
) -> Result<Report>
where
    M::T: LaguerreReal,
{
    // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers before
    // use; validity for the stated lengths is the caller's contract.
    unsafe {
        let (p, rp) = shape::problem(problem)?;
        let mut o_out = shape::outputs(out)?;
        let o = shape::options(opts)?;
        let p = p.fields();
        let s = samples(&p.points, p.point_weights)?;
        let (y, g, rs) = sites_and(&p.sites, "problem->g", p.g)?;
        let ov = o_out.value.fields();
        let (cells, rc) = args::slice_mut("out->cells", ov.cells, s.x.nrows())?;
        let masses = args::opt_slice_mut("out->masses", ov.masses, y.nrows())?;
        disjoint(
            &[
                ("out", Some(o_out.region())),
                ("out->cells", Some(rc)),
                ("out->masses", masses.as_ref().map(|m| m.1)),
            ],
            &[&s.regions, &rs, &[("problem", Some(rp))]],
        )?;
        let req = laguerre_assign_scratch::<M::T>(y.nrows(), y.ncols());
        let (info, _) = shape::run(o.num_threads, work, req, Callback::NONE, |par, stack| {
            laguerre_assign_in_place(s.x, s.w, y, g, cells, masses.map(|m| m.0), par, stack)
        })?;
        o_out.value.set_empty_cells(info.empty_cells);
        o_out.commit(OTC_OK);
    }
    Ok(Report::ok())
}

/// The Laguerre (power) cell of every point, double precision: `out->cells[i] = argmin_j
/// |x_i − y_j|² − g_j` (ties: the smallest j) and, when wanted, the cell masses `out->masses`
/// (the summed point weights, or 1/N per point without weights). SIMD over the sites,
/// threaded over the points, bitwise identical for every thread count. Time `O(N n d)`;
/// workspace from `otc_laguerre_assign_workspace_size_f64` (or `{NULL, 0}`: allocated).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (a size 0, points and sites of different dimensions),
/// `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (a negative point weight),
/// `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING` (an output overlaps an input or another
/// output), `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
/// `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_laguerre_assign_f64(
    problem: *const otc_laguerre_assign_problem_f64,
    out: *mut otc_laguerre_assign_outputs_f64,
    opts: *const otc_laguerre_assign_options,
    work: otc_workspace,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_laguerre_assign_f64", || unsafe {
        laguerre(problem, out, opts, work)
    })
}

/// The Laguerre cell of every point, single precision (masses summed in double): as
/// `otc_laguerre_assign_f64`.
///
/// # Safety
/// As `otc_laguerre_assign_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_laguerre_assign_f32(
    problem: *const otc_laguerre_assign_problem_f32,
    out: *mut otc_laguerre_assign_outputs_f32,
    opts: *const otc_laguerre_assign_options,
    work: otc_workspace,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_laguerre_assign_f32", || unsafe {
        laguerre(problem, out, opts, work)
    })
}

// ---- semidiscrete -----------------------------------------------------------------------

/// `method` of `otc_semidiscrete_options` and `report.path` of its outputs: damped Newton on
/// the entropic semi-dual with ε continuation (default).
pub const OTC_SEMIDISCRETE_NEWTON: i32 = 0;
/// `method` of `otc_semidiscrete_options` and `report.path` of its outputs: gradient ascent
/// on the hard semi-dual.
pub const OTC_SEMIDISCRETE_GRADIENT: i32 = 1;

impl TryFrom<i32> for SemiDiscreteMethod {
    type Error = ();
    fn try_from(v: i32) -> std::result::Result<Self, ()> {
        match v {
            OTC_SEMIDISCRETE_NEWTON => Ok(SemiDiscreteMethod::Newton),
            OTC_SEMIDISCRETE_GRADIENT => Ok(SemiDiscreteMethod::Gradient),
            _ => Err(()),
        }
    }
}

/// Options of `otc_semidiscrete_f64` / `_f32`; fill with `otc_semidiscrete_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_options {
    /// `sizeof(otc_semidiscrete_options)`.
    pub struct_size: usize,
    /// Threads over the points: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
    /// only, k = k workers (at most 256). Results are identical for every value.
    pub num_threads: u32,
    /// `OTC_SEMIDISCRETE_NEWTON` (default) or `OTC_SEMIDISCRETE_GRADIENT`.
    pub method: i32,
    /// Iteration cap (gradient steps, or Newton steps over all ε stages; default 1000, >= 1).
    pub max_iter: u64,
    /// Stop when the largest cell-mass error `max_j |m_j − b_j|` is at most `tol` (units of
    /// mass; smoothed masses at the target ε for Newton, hard masses for the gradient
    /// method; default 1e-6, > 0).
    pub tol: f64,
    /// Gradient step (squared distance per unit mass); 0 (default) = from the data.
    pub step: f64,
    /// Newton's entropic smoothing ε (squared distance); 0 (default) = 1e-4 × the squared
    /// diagonal of the points' bounding box.
    pub epsilon: f64,
    /// Call `callback` every `callback_every` iterations (0, the default: never).
    pub callback_every: u64,
    /// Progress callback, on the calling thread, with the iteration and the current mass
    /// error (the `tol` measure); nonzero stops the solve (`OTC_WARN_CANCELLED`, the outputs
    /// hold the current iterate). NULL: none.
    pub callback: otc_callback,
    /// Passed to `callback` as its first argument.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`; integers, floats, a raw pointer and
// an optional function pointer (every bit pattern of those is valid; NULL = None).
unsafe impl AbiStruct for otc_semidiscrete_options {
    const NAME: &'static str = "otc_semidiscrete_options";
    const MIN_SIZE: usize = size_of::<otc_semidiscrete_options>();
    fn base() -> Self {
        let p = SemiDiscreteParams::default();
        otc_semidiscrete_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            method: OTC_SEMIDISCRETE_NEWTON,
            max_iter: p.max_iter as u64,
            tol: p.tol,
            step: p.step,
            epsilon: p.epsilon,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// Semi-discrete optimal transport, squared Euclidean cost, double precision: the weighted
/// samples `x_i` (a discretised continuous source, e.g. a density on a grid) to the sites
/// `y_j` with weights `b_j` (the same total mass as the samples, within 1e-6 relative).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_problem_f64 {
    /// `sizeof(otc_semidiscrete_problem_f64)`.
    pub struct_size: usize,
    /// N×d samples (any strides), finite.
    pub points: otc_matrix_f64,
    /// N sample weights (finite, >= 0), or NULL: 1/N each (total mass 1).
    pub point_weights: *const f64,
    /// n×d sites (any strides), finite; two sites at one position may not both have mass.
    pub sites: otc_matrix_f64,
    /// n site masses (finite, >= 0).
    pub b: *const f64,
    /// n initial dual weights (squared-distance units), or NULL: zeros.
    pub initial_g: *const f64,
}
crate::abi_struct!(problem otc_semidiscrete_problem_f64);

/// As `otc_semidiscrete_problem_f64`, single precision.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_problem_f32 {
    /// `sizeof(otc_semidiscrete_problem_f32)`.
    pub struct_size: usize,
    /// N×d samples (any strides), finite.
    pub points: otc_matrix_f32,
    /// N sample weights (finite, >= 0), or NULL: 1/N each (total mass 1).
    pub point_weights: *const f32,
    /// n×d sites (any strides), finite; two sites at one position may not both have mass.
    pub sites: otc_matrix_f32,
    /// n site masses (finite, >= 0).
    pub b: *const f32,
    /// n initial dual weights (squared-distance units), or NULL: zeros.
    pub initial_g: *const f32,
}
crate::abi_struct!(problem otc_semidiscrete_problem_f32);

/// Results of `otc_semidiscrete_f64`. `report.path`: the method that ran
/// (`OTC_SEMIDISCRETE_*`); `report.iterations`: Newton or gradient steps; `report.error`: the
/// stopping measure `max_j |m_j − b_j|` (smoothed masses at ε for Newton, hard masses for the
/// gradient method).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_outputs_f64 {
    /// `sizeof(otc_semidiscrete_outputs_f64)`.
    pub struct_size: usize,
    /// Status, method, iterations, error (the stopping measure), seconds.
    pub report: otc_report,
    /// `max_j |m_j − b_j|` for the hard Laguerre cell masses at the returned g.
    pub mass_error: f64,
    /// The ε Newton used (squared distance), or 0.
    pub epsilon: f64,
    /// The gradient step used, or 0.
    pub step: f64,
    /// Required, n values: the dual weights g, shifted to zero mean.
    pub g: *mut f64,
    /// n Laguerre cell masses at g, or NULL: not wanted.
    pub masses: *mut f64,
}
crate::abi_struct!(outputs otc_semidiscrete_outputs_f64);

/// Results of `otc_semidiscrete_f32`: as `otc_semidiscrete_outputs_f64` (g in single
/// precision, the masses and errors in double).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_outputs_f32 {
    /// `sizeof(otc_semidiscrete_outputs_f32)`.
    pub struct_size: usize,
    /// Status, method, iterations, error (the stopping measure), seconds.
    pub report: otc_report,
    /// `max_j |m_j − b_j|` for the hard Laguerre cell masses at the returned g.
    pub mass_error: f64,
    /// The ε Newton used (squared distance), or 0.
    pub epsilon: f64,
    /// The gradient step used, or 0.
    pub step: f64,
    /// Required, n values: the dual weights g, shifted to zero mean.
    pub g: *mut f32,
    /// n Laguerre cell masses at g, or NULL: not wanted.
    pub masses: *mut f64,
}
crate::abi_struct!(outputs otc_semidiscrete_outputs_f32);

/// The fields of a semi-discrete problem, either precision.
struct SemiDiscreteProblem<M: MatrixView> {
    points: M,
    point_weights: *const M::T,
    sites: M,
    b: *const M::T,
    initial_g: *const M::T,
}
/// The output arrays of a semi-discrete call.
struct SemiDiscreteOut<T> {
    g: *mut T,
    masses: *mut f64,
}
fields!(otc_semidiscrete_problem_f64 => SemiDiscreteProblem<otc_matrix_f64> { points, point_weights, sites, b, initial_g });
fields!(otc_semidiscrete_problem_f32 => SemiDiscreteProblem<otc_matrix_f32> { points, point_weights, sites, b, initial_g });
fields!(otc_semidiscrete_outputs_f64 => SemiDiscreteOut<f64> { g, masses });
fields!(otc_semidiscrete_outputs_f32 => SemiDiscreteOut<f32> { g, masses });

/// An outputs struct of `semidiscrete`, either precision.
trait SemiDiscreteOutputs<T>: AbiOutputs + Fields<Of = SemiDiscreteOut<T>> {
    /// Sets `mass_error`, `epsilon`, `step`.
    fn set(&mut self, mass_error: f64, epsilon: f64, step: f64);
}
macro_rules! semidiscrete_outputs {
    ($c:ty, $t:ty) => {
        impl SemiDiscreteOutputs<$t> for $c {
            fn set(&mut self, mass_error: f64, epsilon: f64, step: f64) {
                (self.mass_error, self.epsilon, self.step) = (mass_error, epsilon, step);
            }
        }
    };
}
semidiscrete_outputs!(otc_semidiscrete_outputs_f64, f64);
semidiscrete_outputs!(otc_semidiscrete_outputs_f32, f32);

/// The solver's parameters from the C options, checked.
fn semidiscrete_params(o: &otc_semidiscrete_options) -> Result<SemiDiscreteParams> {
    Ok(SemiDiscreteParams {
        method: args::enum_arg(
            "opts->method",
            o.method,
            "OTC_SEMIDISCRETE_NEWTON (0) or OTC_SEMIDISCRETE_GRADIENT (1)",
        )?,
        max_iter: args::count(o.max_iter),
        tol: o.tol,
        step: o.step,
        epsilon: o.epsilon,
    })
}

/// Workspace of `otc_semidiscrete_*` in precision `T`: g (n values of `T`) and the masses
/// (n f64) staged, then the solver's own workspace.
fn semidiscrete_req<T: Real>(
    n_points: usize,
    n_sites: usize,
    dim: usize,
    params: &SemiDiscreteParams,
) -> StackReq {
    StackReq::all_of(&[
        vec_req::<T>(n_sites),
        vec_req::<f64>(n_sites),
        semidiscrete_scratch::<T>(n_points, n_sites, dim, params),
    ])
}

/// Writes the default options into `opts`: Newton, `max_iter` 1000, `tol` 1e-6, step and ε
/// from the data, no callback, all threads.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_semidiscrete_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_options_default(
    opts: *mut otc_semidiscrete_options,
) -> otc_status {
    ffi_boundary("otc_semidiscrete_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The body of the semi-discrete workspace queries.
///
/// # Safety
/// The contract of `otc_semidiscrete_workspace_size_f64`.
unsafe fn semidiscrete_size<M: MatrixView, P: Fields<Of = SemiDiscreteProblem<M>>>(
    problem: *const P,
    opts: *const otc_semidiscrete_options,
    bytes: *mut usize,
) -> Result<Report> {
    // SAFETY: forwarded contract; the views' geometry is checked by `args::matrix`.
    unsafe {
        shape::workspace_query(problem, opts, bytes, |p, o| {
            let (p, params) = (p.fields(), semidiscrete_params(o)?);
            let (x, _) = args::matrix("problem->points", &p.points)?;
            let (y, _) = args::matrix("problem->sites", &p.sites)?;
            Ok(semidiscrete_req::<M::T>(
                x.nrows(),
                y.nrows(),
                y.ncols(),
                &params,
            ))
        })
    }
}

/// Bytes of workspace `otc_semidiscrete_f64` needs for `problem` (N points, n sites in
/// dimension d) with `opts` (NULL: defaults): `O(N + n d)` for the gradient method, plus
/// `O(n² + K n²)` doubles for Newton's Hessian and its K point chunks' partial sums.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_INVALID_ARGUMENT` (an
/// unknown method), `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_workspace_size_f64(
    problem: *const otc_semidiscrete_problem_f64,
    opts: *const otc_semidiscrete_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_semidiscrete_workspace_size_f64", || unsafe {
        semidiscrete_size(problem, opts, bytes)
    })
}

/// As `otc_semidiscrete_workspace_size_f64`, for `otc_semidiscrete_f32`.
///
/// # Safety
/// As `otc_semidiscrete_workspace_size_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_workspace_size_f32(
    problem: *const otc_semidiscrete_problem_f32,
    opts: *const otc_semidiscrete_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_semidiscrete_workspace_size_f32", || unsafe {
        semidiscrete_size(problem, opts, bytes)
    })
}

/// The body of `otc_semidiscrete_f64` / `_f32`: the solver iterates on copies of g and the
/// masses in the workspace, written to the outputs when it returns.
///
/// # Safety
/// The contract of those functions.
unsafe fn semidiscrete<M, P, O>(
    problem: *const P,
    out: *mut O,
    opts: *const otc_semidiscrete_options,
    work: otc_workspace,
) -> Result<Report>
where
    M: MatrixView,
    M::T: LaguerreReal,
    P: Fields<Of = SemiDiscreteProblem<M>>,
    O: SemiDiscreteOutputs<M::T>,
{
    // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers before
    // use; validity for the stated lengths is the caller's contract.
    unsafe {
        let (p, rp) = shape::problem(problem)?;
        let mut o_out = shape::outputs(out)?;
        let o = shape::options(opts)?;
        let params = semidiscrete_params(&o)?;
        let p = p.fields();
        let s = samples(&p.points, p.point_weights)?;
        let (y, b, rs) = sites_and(&p.sites, "problem->b", p.b)?;
        let g0 = args::opt_slice("problem->initial_g", p.initial_g, y.nrows())?;
        let ov = o_out.value.fields();
        let (g, rg) = args::slice_mut("out->g", ov.g, y.nrows())?;
        let masses = args::opt_slice_mut("out->masses", ov.masses, y.nrows())?;
        disjoint(
            &[
                ("out", Some(o_out.region())),
                ("out->g", Some(rg)),
                ("out->masses", masses.as_ref().map(|m| m.1)),
            ],
            &[
                &s.regions,
                &rs,
                &[
                    ("problem", Some(rp)),
                    ("problem->initial_g", g0.as_ref().map(|x| x.1)),
                ],
            ],
        )?;
        let n = y.nrows();
        let req = semidiscrete_req::<M::T>(s.x.nrows(), n, y.ncols(), &params);
        let callback = Callback::new(o.callback_every, o.callback, o.callback_data);
        let (info, _) = shape::run(o.num_threads, work, req, callback, |par, stack| {
            let (mut g_work, stack) = take(stack, n, M::T::ZERO);
            if let Some((g0, _)) = g0 {
                g_work.copy_from_slice(g0);
            }
            let (mut m_work, stack) = take(stack, n, 0.0f64);
            let info = semidiscrete_in_place(
                s.x,
                s.w,
                y,
                b,
                &mut g_work,
                &mut m_work,
                &params,
                par,
                stack,
            )?;
            g.copy_from_slice(&g_work);
            if let Some((ms, _)) = masses {
                ms.copy_from_slice(&m_work);
            }
            Ok(info)
        })?;
        let report = iterative_status(
            info.converged,
            info.cancelled,
            format_args!(
                "{} iterations: mass error {:e} (smoothed {:e}), tol {:e}",
                info.iterations, info.mass_error, info.smoothed_mass_error, params.tol
            ),
        );
        let r = o_out.value.report_mut();
        r.path = o.method;
        r.iterations = info.iterations as u64;
        r.error = info.smoothed_mass_error;
        o_out.value.set(info.mass_error, info.epsilon, info.step);
        o_out.commit(report.status);
        Ok(report)
    }
}

/// Semi-discrete optimal transport for the squared Euclidean cost, double precision: finds
/// the dual weights g of the Laguerre cells `{x : |x − y_j|² − g_j ≤ |x − y_k|² − g_k ∀k}`
/// such that each cell holds the mass `b_j` of its site, by damped Newton on the entropic
/// semi-dual with ε continuation (default) or gradient ascent on the hard semi-dual
/// (`opts->method`). Per iteration `O(N n d)` (SIMD, threaded over fixed point chunks) plus
/// `O(n³)` for Newton's system; bitwise identical for every thread count. Workspace from
/// `otc_semidiscrete_workspace_size_f64` (or `{NULL, 0}`: allocated). The callback
/// (`opts->callback`) sees the stopping measure at each convergence check.
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tolerance not met) and `OTC_WARN_CANCELLED` (the
/// callback stopped the solve), both with the last iterate in the outputs;
/// `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
/// `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative weights, coincident sites that
/// both have mass, an unknown method, tol <= 0, step or ε < 0, max_iter 0),
/// `OTC_ERR_MASS_MISMATCH` (b and the point weights differ in total mass),
/// `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_f64(
    problem: *const otc_semidiscrete_problem_f64,
    out: *mut otc_semidiscrete_outputs_f64,
    opts: *const otc_semidiscrete_options,
    work: otc_workspace,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_semidiscrete_f64", || unsafe {
        semidiscrete(problem, out, opts, work)
    })
}

/// Semi-discrete OT in single precision (masses, errors and all sums in double): as
/// `otc_semidiscrete_f64`.
///
/// # Safety
/// As `otc_semidiscrete_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_f32(
    problem: *const otc_semidiscrete_problem_f32,
    out: *mut otc_semidiscrete_outputs_f32,
    opts: *const otc_semidiscrete_options,
    work: otc_workspace,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_semidiscrete_f32", || unsafe {
        semidiscrete(problem, out, opts, work)
    })
}

// ---- semidiscrete_sgd -------------------------------------------------------------------

/// A sampler of the continuous source for `otc_semidiscrete_sgd_f64`: writes `count`
/// independent samples (row-major, `count × dim` doubles, dim = `sites.cols`) into
/// `out_points` and returns 0; any other value stops the solver with
/// `OTC_ERR_INVALID_ARGUMENT` ("the sampler returned `<value>`"). With `num_threads != 1` it may
/// run on an otcore worker thread, never concurrently with itself.
pub type otc_sample_fn =
    Option<unsafe extern "C" fn(user: *mut c_void, count: usize, out_points: *mut f64) -> i32>;

/// The single-precision sampler of `otc_semidiscrete_sgd_f32`: as `otc_sample_fn`, writing
/// `count × dim` floats.
pub type otc_sample_f32_fn =
    Option<unsafe extern "C" fn(user: *mut c_void, count: usize, out_points: *mut f32) -> i32>;

/// Options of `otc_semidiscrete_sgd_f64` / `_f32`; fill with
/// `otc_semidiscrete_sgd_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_sgd_options {
    /// `sizeof(otc_semidiscrete_sgd_options)`.
    pub struct_size: usize,
    /// Threads over each batch: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
    /// only, k = k workers (at most 256). Results are identical for every value.
    pub num_threads: u32,
    /// Number of iterations (batches; default 10000, >= 1).
    pub iterations: u64,
    /// Samples per batch (default 64, >= 1).
    pub batch: usize,
    /// Initial step γ₀ (squared distance per unit mass; the k-th step is γ₀/√k); 0 (default)
    /// = from the first batch.
    pub step: f64,
    /// Seed of the SplitMix64 stream that draws from a sample array (default 0; unused with a
    /// sampler). The same seed gives the same g for every thread count.
    pub seed: u64,
    /// Call `callback` every `callback_every` iterations (0, the default: never).
    pub callback_every: u64,
    /// Progress callback, on the calling thread, with the iteration and the last batch's mass
    /// error (`report.error`); nonzero stops the solve (`OTC_WARN_CANCELLED`, g is the average
    /// of the iterates so far). NULL: none.
    pub callback: otc_callback,
    /// Passed to `callback` as its first argument.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`; integers, floats, a raw pointer and
// an optional function pointer (every bit pattern of those is valid; NULL = None).
unsafe impl AbiStruct for otc_semidiscrete_sgd_options {
    const NAME: &'static str = "otc_semidiscrete_sgd_options";
    const MIN_SIZE: usize = size_of::<otc_semidiscrete_sgd_options>();
    fn base() -> Self {
        let p = SgdParams::default();
        otc_semidiscrete_sgd_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            iterations: p.iterations as u64,
            batch: p.batch,
            step: p.step,
            seed: 0,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// Semi-discrete OT by averaged SGD, double precision: a continuous source to the sites `y_j`
/// (n×d) with masses `b_j` (sum 1). The source is given in exactly one of two forms (the other
/// NULL): a sampler `sample` streaming independent samples, or a sample array `points` (N×d)
/// drawn from with probabilities `point_weights`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_sgd_problem_f64 {
    /// `sizeof(otc_semidiscrete_sgd_problem_f64)`.
    pub struct_size: usize,
    /// n×d sites (any strides), finite.
    pub sites: otc_matrix_f64,
    /// n site masses (finite, >= 0, sum 1 within 1e-6).
    pub b: *const f64,
    /// The sampler, or NULL when `points` is given.
    pub sample: otc_sample_fn,
    /// Passed to `sample` as its first argument.
    pub sample_data: *mut c_void,
    /// N×d sample array (any strides, finite), or `data` NULL when `sample` is given.
    pub points: otc_matrix_f64,
    /// N sampling weights (finite, >= 0, positive sum), or NULL: uniform. Only with `points`.
    pub point_weights: *const f64,
}
crate::abi_struct!(problem otc_semidiscrete_sgd_problem_f64);

/// As `otc_semidiscrete_sgd_problem_f64`, single precision.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_sgd_problem_f32 {
    /// `sizeof(otc_semidiscrete_sgd_problem_f32)`.
    pub struct_size: usize,
    /// n×d sites (any strides), finite.
    pub sites: otc_matrix_f32,
    /// n site masses (finite, >= 0, sum 1 within 1e-6).
    pub b: *const f32,
    /// The sampler, or NULL when `points` is given.
    pub sample: otc_sample_f32_fn,
    /// Passed to `sample` as its first argument.
    pub sample_data: *mut c_void,
    /// N×d sample array (any strides, finite), or `data` NULL when `sample` is given.
    pub points: otc_matrix_f32,
    /// N sampling weights (finite, >= 0, positive sum), or NULL: uniform. Only with `points`.
    pub point_weights: *const f32,
}
crate::abi_struct!(problem otc_semidiscrete_sgd_problem_f32);

/// Results of `otc_semidiscrete_sgd_f64`. `report.iterations`: batches drawn;
/// `report.error`: the last batch's mass error `max_j |h_j − b_j|` (h: the batch's cell
/// fractions; a noisy estimate, of order `1/√batch` at the solution); `report.path` 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_sgd_outputs_f64 {
    /// `sizeof(otc_semidiscrete_sgd_outputs_f64)`.
    pub struct_size: usize,
    /// Status, iterations, error (the last batch's mass error), seconds.
    pub report: otc_report,
    /// The initial step γ₀ used.
    pub step: f64,
    /// Required, n values: the averaged dual weights g, zero mean.
    pub g: *mut f64,
}
crate::abi_struct!(outputs otc_semidiscrete_sgd_outputs_f64);

/// Results of `otc_semidiscrete_sgd_f32`: as `otc_semidiscrete_sgd_outputs_f64` (g in single
/// precision).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_sgd_outputs_f32 {
    /// `sizeof(otc_semidiscrete_sgd_outputs_f32)`.
    pub struct_size: usize,
    /// Status, iterations, error (the last batch's mass error), seconds.
    pub report: otc_report,
    /// The initial step γ₀ used.
    pub step: f64,
    /// Required, n values: the averaged dual weights g, zero mean.
    pub g: *mut f32,
}
crate::abi_struct!(outputs otc_semidiscrete_sgd_outputs_f32);

/// A C sampler of precision `T`.
type SampleFn<T> = unsafe extern "C" fn(*mut c_void, usize, *mut T) -> i32;

/// The fields of an SGD problem, either precision.
struct SgdProblem<M: MatrixView> {
    sites: M,
    b: *const M::T,
    sample: Option<SampleFn<M::T>>,
    sample_data: *mut c_void,
    points: M,
    point_weights: *const M::T,
}
/// The output array of an SGD call.
struct SgdOut<T> {
    g: *mut T,
}
fields!(otc_semidiscrete_sgd_problem_f64 => SgdProblem<otc_matrix_f64> { sites, b, sample, sample_data, points, point_weights });
fields!(otc_semidiscrete_sgd_problem_f32 => SgdProblem<otc_matrix_f32> { sites, b, sample, sample_data, points, point_weights });
fields!(otc_semidiscrete_sgd_outputs_f64 => SgdOut<f64> { g });
fields!(otc_semidiscrete_sgd_outputs_f32 => SgdOut<f32> { g });

/// An outputs struct of `semidiscrete_sgd`, either precision.
trait SgdOutputs<T>: AbiOutputs + Fields<Of = SgdOut<T>> {
    /// Sets `step`.
    fn set_step(&mut self, step: f64);
}
impl SgdOutputs<f64> for otc_semidiscrete_sgd_outputs_f64 {
    fn set_step(&mut self, step: f64) {
        self.step = step;
    }
}
impl SgdOutputs<f32> for otc_semidiscrete_sgd_outputs_f32 {
    fn set_step(&mut self, step: f64) {
        self.step = step;
    }
}

/// The C sampler and its user pointer, movable to an otcore worker (called from one thread at
/// a time).
struct CSampler<T> {
    f: SampleFn<T>,
    user: *mut c_void,
}
// SAFETY: the header tells the caller that the sampler may run on an otcore worker thread;
// it is never called concurrently.
unsafe impl<T> Send for CSampler<T> {}

/// Where the SGD samples come from.
enum Source<'a, T> {
    Sampler(CSampler<T>),
    Array(Samples<'a, T>),
}

/// The source of an SGD problem: exactly one of `sample` and `points.data` must be given.
///
/// # Safety
/// As [`samples`].
unsafe fn source<'a, M: MatrixView>(p: &SgdProblem<M>) -> Result<Source<'a, M::T>> {
    let has_points = !p.points.parts().0.is_null();
    match (p.sample, has_points) {
        (Some(f), false) => {
            if !p.point_weights.is_null() {
                bail!(
                    InvalidArgument,
                    "problem->point_weights is given with a sampler: it weighs problem->points only"
                );
            }
            Ok(Source::Sampler(CSampler {
                f,
                user: p.sample_data,
            }))
        }
        // SAFETY: forwarded contract.
        (None, true) => Ok(Source::Array(unsafe {
            samples(&p.points, p.point_weights)
        }?)),
        (Some(_), true) => bail!(
            InvalidArgument,
            "problem->sample and problem->points are both given: give exactly one source"
        ),
        (None, false) => bail!(
            NullPointer,
            "problem->sample and problem->points.data are both NULL: give exactly one source"
        ),
    }
}

/// The solver's parameters from the C options, checked.
fn sgd_params(o: &otc_semidiscrete_sgd_options) -> Result<SgdParams> {
    if o.iterations == 0 || o.batch == 0 {
        bail!(
            InvalidArgument,
            "opts->iterations = {}, opts->batch = {}: both must be >= 1",
            o.iterations,
            o.batch
        );
    }
    Ok(SgdParams {
        iterations: args::count(o.iterations),
        batch: o.batch,
        step: o.step,
    })
}

/// Workspace of `otc_semidiscrete_sgd_*` in precision `T` for a source.
fn sgd_req<T: Real>(source: &Source<'_, T>, sites: MatRef<'_, T>, batch: usize) -> StackReq {
    let (n, d) = (sites.nrows(), sites.ncols());
    match source {
        Source::Sampler(_) => semidiscrete_sgd_scratch::<T>(n, d, batch),
        Source::Array(s) => semidiscrete_sgd_from_samples_scratch::<T>(s.x.nrows(), n, d, batch),
    }
}

/// Writes the default options into `opts`: 10000 iterations of batches of 64, step from the
/// first batch, seed 0, no callback, all threads.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_semidiscrete_sgd_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_sgd_options_default(
    opts: *mut otc_semidiscrete_sgd_options,
) -> otc_status {
    ffi_boundary("otc_semidiscrete_sgd_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The body of the SGD workspace queries.
///
/// # Safety
/// The contract of `otc_semidiscrete_sgd_workspace_size_f64`.
unsafe fn sgd_size<M: MatrixView, P: Fields<Of = SgdProblem<M>>>(
    problem: *const P,
    opts: *const otc_semidiscrete_sgd_options,
    bytes: *mut usize,
) -> Result<Report> {
    // SAFETY: forwarded contract; the views' geometry is checked by `args::matrix`.
    unsafe {
        shape::workspace_query(problem, opts, bytes, |p, o| {
            let (p, params) = (p.fields(), sgd_params(o)?);
            let src = source(&p)?;
            let (y, _) = args::matrix("problem->sites", &p.sites)?;
            Ok(sgd_req(&src, y, params.batch))
        })
    }
}

/// Bytes of workspace `otc_semidiscrete_sgd_f64` needs for `problem` (n sites in dimension d;
/// N samples when given as an array) with `opts` (NULL: defaults): `batch·d` values, `3n`
/// doubles and the Laguerre kernel's `O(n d)`, plus N doubles for a sample array.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (also: neither source given),
/// `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`,
/// `OTC_ERR_INVALID_ARGUMENT` (both sources given, iterations or batch 0),
/// `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_sgd_workspace_size_f64(
    problem: *const otc_semidiscrete_sgd_problem_f64,
    opts: *const otc_semidiscrete_sgd_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_semidiscrete_sgd_workspace_size_f64", || unsafe {
        sgd_size(problem, opts, bytes)
    })
}

/// As `otc_semidiscrete_sgd_workspace_size_f64`, for `otc_semidiscrete_sgd_f32`.
///
/// # Safety
/// As `otc_semidiscrete_sgd_workspace_size_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_sgd_workspace_size_f32(
    problem: *const otc_semidiscrete_sgd_problem_f32,
    opts: *const otc_semidiscrete_sgd_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_semidiscrete_sgd_workspace_size_f32", || unsafe {
        sgd_size(problem, opts, bytes)
    })
}

/// The body of `otc_semidiscrete_sgd_f64` / `_f32`; the solvers write g only on success.
///
/// # Safety
/// The contract of those functions.
unsafe fn sgd<M, P, O>(
    problem: *const P,
    out: *mut O,
    opts: *const otc_semidiscrete_sgd_options,
    work: otc_workspace,
) -> Result<Report>
where
    M: MatrixView,
    M::T: LaguerreReal,
    P: Fields<Of = SgdProblem<M>>,
    O: SgdOutputs<M::T>,
{
    // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers before
    // use; validity for the stated lengths is the caller's contract.
    unsafe {
        let (p, rp) = shape::problem(problem)?;
        let mut o_out = shape::outputs(out)?;
        let o = shape::options(opts)?;
        let params = sgd_params(&o)?;
        let p = p.fields();
        let src = source(&p)?;
        let (y, b, rs) = sites_and(&p.sites, "problem->b", p.b)?;
        let (g, rg) = args::slice_mut("out->g", o_out.value.fields().g, y.nrows())?;
        let no_samples = [("problem->points", None); 2];
        let sample_regions = match &src {
            Source::Array(s) => &s.regions,
            Source::Sampler(_) => &no_samples,
        };
        disjoint(
            &[("out", Some(o_out.region())), ("out->g", Some(rg))],
            &[sample_regions, &rs, &[("problem", Some(rp))]],
        )?;
        let req = sgd_req(&src, y, params.batch);
        let callback = Callback::new(o.callback_every, o.callback, o.callback_data);
        let seed = o.seed;
        let (info, _): (SgdInfo, _) =
            shape::run(o.num_threads, work, req, callback, |par, stack| {
                match src {
                    Source::Sampler(mut sampler) => {
                        let dim = y.ncols();
                        let mut call = move |out: &mut [M::T]| -> Result<()> {
                            let s = &mut sampler;
                            // SAFETY: `out` holds count × dim values, as the sampler's contract
                            // says.
                            let code = (s.f)(s.user, out.len() / dim, out.as_mut_ptr());
                            if code != 0 {
                                bail!(InvalidArgument, "the sampler returned {code}");
                            }
                            Ok(())
                        };
                        semidiscrete_sgd_in_place(&mut call, y, b, g, &params, par, stack)
                    }
                    Source::Array(s) => semidiscrete_sgd_from_samples_in_place(
                        s.x, s.w, y, b, g, &params, seed, par, stack,
                    ),
                }
            })?;
        let report = iterative_status(
            !info.cancelled,
            info.cancelled,
            format_args!(
                "after {} of {} iterations; last batch's mass error {:e}",
                info.iterations, params.iterations, info.batch_mass_error
            ),
        );
        let r = o_out.value.report_mut();
        r.iterations = info.iterations as u64;
        r.error = info.batch_mass_error;
        o_out.value.set_step(info.step);
        o_out.commit(report.status);
        Ok(report)
    }
}

/// Averaged stochastic gradient ascent on the semi-dual (Genevay et al. 2016), double
/// precision: each iteration draws a batch (from the sampler, or rows of the sample array by
/// `point_weights` from a SplitMix64 stream seeded by `opts->seed`), assigns it to its
/// Laguerre cells (SIMD, threaded) and steps `g ← g + γ₀/√k (b − h)`; `out->g` receives the
/// average of the iterates, zero mean. Per iteration `O(batch · n · d)` (plus `O(batch ·
/// log N)` to draw from an array). Deterministic for an array source: the same seed gives the
/// same g for every thread count. Workspace from `otc_semidiscrete_sgd_workspace_size_f64`
/// (or `{NULL, 0}`: allocated). The callback sees each batch's mass error.
///
/// Statuses: `OTC_OK`; `OTC_WARN_CANCELLED` (the callback stopped it; g averages the
/// iterates so far); `OTC_ERR_NULL_POINTER` (also: neither source given),
/// `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE` (also a
/// non-finite sample from the sampler), `OTC_ERR_INVALID_ARGUMENT` (both sources given, a
/// sampler's nonzero return: "the sampler returned `<value>`", negative weights, iterations or
/// batch 0, step < 0), `OTC_ERR_MASS_MISMATCH` (b does not sum to 1), `OTC_ERR_NUMERICAL`
/// (an unusable automatic step, g overflowing), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
/// `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
/// `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; a sampler is a valid
/// function writing `count × d` values; `work.data` is NULL or valid for `work.bytes` bytes and
/// overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_sgd_f64(
    problem: *const otc_semidiscrete_sgd_problem_f64,
    out: *mut otc_semidiscrete_sgd_outputs_f64,
    opts: *const otc_semidiscrete_sgd_options,
    work: otc_workspace,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_semidiscrete_sgd_f64", || unsafe {
        sgd(problem, out, opts, work)
    })
}

/// Averaged SGD in single precision (the iterates averaged in double), with a sampler writing
/// floats: as `otc_semidiscrete_sgd_f64`.
///
/// # Safety
/// As `otc_semidiscrete_sgd_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_sgd_f32(
    problem: *const otc_semidiscrete_sgd_problem_f32,
    out: *mut otc_semidiscrete_sgd_outputs_f32,
    opts: *const otc_semidiscrete_sgd_options,
    work: otc_workspace,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_semidiscrete_sgd_f32", || unsafe {
        sgd(problem, out, opts, work)
    })
}

// ---- lloyd --------------------------------------------------------------------------------

/// Options of `otc_lloyd_f64` / `_f32`; fill with `otc_lloyd_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_lloyd_options {
    /// `sizeof(otc_lloyd_options)`.
    pub struct_size: usize,
    /// Threads over the points: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread
    /// only, k = k workers (at most 256). Results are identical for every value.
    pub num_threads: u32,
    /// Iteration cap (default 1000; 0: only the distortion of the given sites).
    pub max_iter: u64,
    /// Stop when no site moves more than `tol` (distance units, >= 0). The default 0 stops at
    /// the fixed point, which a finite sample set reaches in finitely many iterations.
    pub tol: f64,
    /// Call `callback` every `callback_every` iterations (0, the default: never).
    pub callback_every: u64,
    /// Progress callback, on the calling thread, with the iteration and its largest site
    /// displacement (`report.error`); nonzero stops (`OTC_WARN_CANCELLED`, the outputs hold
    /// the current sites). NULL: none.
    pub callback: otc_callback,
    /// Passed to `callback` as its first argument.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`; integers, floats, a raw pointer and
// an optional function pointer (every bit pattern of those is valid; NULL = None).
unsafe impl AbiStruct for otc_lloyd_options {
    const NAME: &'static str = "otc_lloyd_options";
    const MIN_SIZE: usize = size_of::<otc_lloyd_options>();
    fn base() -> Self {
        let p = LloydParams::default();
        otc_lloyd_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            max_iter: p.max_iter as u64,
            tol: p.tol,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// Optimal quantisation of a weighted sample set by n sites, double precision.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_lloyd_problem_f64 {
    /// `sizeof(otc_lloyd_problem_f64)`.
    pub struct_size: usize,
    /// N×d samples (any strides), finite.
    pub points: otc_matrix_f64,
    /// N sample weights (finite, >= 0, positive sum), or NULL: uniform.
    pub point_weights: *const f64,
    /// n×d initial sites (any strides), finite.
    pub sites: otc_matrix_f64,
}
crate::abi_struct!(problem otc_lloyd_problem_f64);

/// As `otc_lloyd_problem_f64`, single precision.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_lloyd_problem_f32 {
    /// `sizeof(otc_lloyd_problem_f32)`.
    pub struct_size: usize,
    /// N×d samples (any strides), finite.
    pub points: otc_matrix_f32,
    /// N sample weights (finite, >= 0, positive sum), or NULL: uniform.
    pub point_weights: *const f32,
    /// n×d initial sites (any strides), finite.
    pub sites: otc_matrix_f32,
}
crate::abi_struct!(problem otc_lloyd_problem_f32);

/// Results of `otc_lloyd_f64`. `report.iterations`: Lloyd steps; `report.error`: the largest
/// site displacement of the last step (distance units; 0 when no step ran); `report.path` 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_lloyd_outputs_f64 {
    /// `sizeof(otc_lloyd_outputs_f64)`.
    pub struct_size: usize,
    /// Status, iterations, error (the last displacement), seconds.
    pub report: otc_report,
    /// The distortion `Σ_i a_i min_j |x_i − y_j|²` at the returned sites (weights normalised
    /// to sum 1; squared-distance units).
    pub distortion: f64,
    /// Required, n×d (any distinct strides): the moved sites.
    pub sites: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_lloyd_outputs_f64);

/// Results of `otc_lloyd_f32`: as `otc_lloyd_outputs_f64` (the distortion in double).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_lloyd_outputs_f32 {
    /// `sizeof(otc_lloyd_outputs_f32)`.
    pub struct_size: usize,
    /// Status, iterations, error (the last displacement), seconds.
    pub report: otc_report,
    /// The distortion `Σ_i a_i min_j |x_i − y_j|²` at the returned sites (weights normalised
    /// to sum 1; squared-distance units).
    pub distortion: f64,
    /// Required, n×d (any distinct strides): the moved sites.
    pub sites: otc_matrix_mut_f32,
}
crate::abi_struct!(outputs otc_lloyd_outputs_f32);

/// The fields of a Lloyd problem, either precision.
struct LloydProblem<M: MatrixView> {
    points: M,
    point_weights: *const M::T,
    sites: M,
}
/// The output view of a Lloyd call.
struct LloydOut<W> {
    sites: W,
}
fields!(otc_lloyd_problem_f64 => LloydProblem<otc_matrix_f64> { points, point_weights, sites });
fields!(otc_lloyd_problem_f32 => LloydProblem<otc_matrix_f32> { points, point_weights, sites });
fields!(otc_lloyd_outputs_f64 => LloydOut<otc_matrix_mut_f64> { sites });
fields!(otc_lloyd_outputs_f32 => LloydOut<otc_matrix_mut_f32> { sites });

/// An outputs struct of `lloyd`, either precision.
trait LloydOutputs<W>: AbiOutputs + Fields<Of = LloydOut<W>> {
    /// Sets `distortion`.
    fn set_distortion(&mut self, distortion: f64);
}
impl LloydOutputs<otc_matrix_mut_f64> for otc_lloyd_outputs_f64 {
    fn set_distortion(&mut self, distortion: f64) {
        self.distortion = distortion;
    }
}
impl LloydOutputs<otc_matrix_mut_f32> for otc_lloyd_outputs_f32 {
    fn set_distortion(&mut self, distortion: f64) {
        self.distortion = distortion;
    }
}

/// Workspace of `otc_lloyd_*` in precision `T`: the sites staged (n·d values of `T`), then
/// Lloyd's own workspace.
fn lloyd_req<T: LaguerreReal>(n_points: usize, n_sites: usize, dim: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<T>(n_sites.saturating_mul(dim)),
        lloyd_scratch::<T>(n_points, n_sites, dim),
    ])
}

/// Writes the default options into `opts`: `max_iter` 1000, `tol` 0 (to the fixed point), no
/// callback, all threads.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_lloyd_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_lloyd_options_default(opts: *mut otc_lloyd_options) -> otc_status {
    ffi_boundary("otc_lloyd_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The body of the Lloyd workspace queries.
///
/// # Safety
/// The contract of `otc_lloyd_workspace_size_f64`.
unsafe fn lloyd_size<M: MatrixView, P: Fields<Of = LloydProblem<M>>>(
    problem: *const P,
    opts: *const otc_lloyd_options,
    bytes: *mut usize,
) -> Result<Report>
where
    M::T: LaguerreReal,
{
    // SAFETY: forwarded contract; the views' geometry is checked by `args::matrix`.
    unsafe {
        shape::workspace_query(problem, opts, bytes, |p, _| {
            let p = p.fields();
            let (x, _) = args::matrix("problem->points", &p.points)?;
            let (y, _) = args::matrix("problem->sites", &p.sites)?;
            Ok(lloyd_req::<M::T>(x.nrows(), y.nrows(), y.ncols()))
        })
    }
}

/// Bytes of workspace `otc_lloyd_f64` needs for `problem` (N points, n sites in dimension d):
/// N cell indices, `O(n d)` values and the Laguerre kernel's workspace.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_lloyd_workspace_size_f64(
    problem: *const otc_lloyd_problem_f64,
    opts: *const otc_lloyd_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_lloyd_workspace_size_f64", || unsafe {
        lloyd_size(problem, opts, bytes)
    })
}

/// As `otc_lloyd_workspace_size_f64`, for `otc_lloyd_f32`.
///
/// # Safety
/// As `otc_lloyd_workspace_size_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_lloyd_workspace_size_f32(
    problem: *const otc_lloyd_problem_f32,
    opts: *const otc_lloyd_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_lloyd_workspace_size_f32", || unsafe {
        lloyd_size(problem, opts, bytes)
    })
}

/// The body of `otc_lloyd_f64` / `_f32`: the sites move in a copy in the workspace, written
/// to `out->sites` when the iterations end.
///
/// # Safety
/// The contract of those functions.
unsafe fn lloyd<M, W, P, O>(
    problem: *const P,
    out: *mut O,
    opts: *const otc_lloyd_options,
    work: otc_workspace,
) -> Result<Report>
where
    M: MatrixView,
    M::T: LaguerreReal,
    W: MatrixView<T = M::T>,
    P: Fields<Of = LloydProblem<M>>,
    O: LloydOutputs<W>,
{
    // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers before
    // use; validity for the stated lengths is the caller's contract.
    unsafe {
        let (p, rp) = shape::problem(problem)?;
        let mut o_out = shape::outputs(out)?;
        let o = shape::options(opts)?;
        let params = LloydParams {
            max_iter: args::count(o.max_iter),
            tol: o.tol,
        };
        let p = p.fields();
        let s = samples(&p.points, p.point_weights)?;
        let (y0, ry0) = args::matrix("problem->sites", &p.sites)?;
        let (mut y, ry) = args::matrix_mut("out->sites", &o_out.value.fields().sites)?;
        let (n, d) = (y0.nrows(), y0.ncols());
        if (y.nrows(), y.ncols()) != (n, d) {
            bail!(
                InvalidDimension,
                "out->sites is {}x{}, problem->sites {n}x{d}: they must agree",
                y.nrows(),
                y.ncols()
            );
        }
        disjoint(
            &[("out", Some(o_out.region())), ("out->sites", Some(ry))],
            &[
                &s.regions,
                &[("problem->sites", Some(ry0)), ("problem", Some(rp))],
            ],
        )?;
        let req = lloyd_req::<M::T>(s.x.nrows(), n, d);
        let callback = Callback::new(o.callback_every, o.callback, o.callback_data);
        let (info, _) = shape::run(o.num_threads, work, req, callback, |par, stack| {
            let (mut buf, stack) = take(stack, n * d, M::T::ZERO);
            let mut ws = MatMut::from_column_major_slice_mut(&mut buf, n, d);
            for k in 0..d {
                for i in 0..n {
                    *ws.as_mut().get_mut(i, k) = *y0.get(i, k);
                }
            }
            let info = lloyd_in_place(s.x, s.w, ws.as_mut(), &params, par, stack)?;
            for k in 0..d {
                for i in 0..n {
                    *y.as_mut().get_mut(i, k) = *ws.as_ref().get(i, k);
                }
            }
            Ok(info)
        })?;
        let report = iterative_status(
            info.last_move <= params.tol,
            info.cancelled,
            format_args!(
                "{} iterations: sites still move by {:e}, tol {:e}",
                info.iterations, info.last_move, params.tol
            ),
        );
        let r = o_out.value.report_mut();
        r.iterations = info.iterations as u64;
        r.error = if info.iterations > 0 {
            info.last_move
        } else {
            0.0
        };
        o_out.value.set_distortion(info.distortion);
        o_out.commit(report.status);
        Ok(report)
    }
}

/// Lloyd iterations (optimal quantisation), double precision: starting from `problem->sites`,
/// at most `opts->max_iter` times, move every site to the barycenter of its Voronoi cell among
/// the weighted samples (sites of empty cells stay put); stop when no site moves more than
/// `opts->tol`. `out->sites` receives the sites, `out->distortion` the distortion
/// `Σ_i a_i min_j |x_i − y_j|²` (weights normalised), which no iteration increases. Per
/// iteration `O(N n d)` (SIMD, threaded); bitwise identical for every thread count. Workspace
/// from `otc_lloyd_workspace_size_f64` (or `{NULL, 0}`: allocated).
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (sites still moved more than tol) and
/// `OTC_WARN_CANCELLED` (the callback stopped it), both with the current sites in the outputs;
/// `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (also
/// `out->sites` not of the size of `problem->sites`), `OTC_ERR_NON_FINITE`,
/// `OTC_ERR_INVALID_ARGUMENT` (negative weights or a zero total, tol < 0 or NaN),
/// `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_lloyd_f64(
    problem: *const otc_lloyd_problem_f64,
    out: *mut otc_lloyd_outputs_f64,
    opts: *const otc_lloyd_options,
    work: otc_workspace,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_lloyd_f64", || unsafe {
        lloyd(problem, out, opts, work)
    })
}

/// Lloyd iterations in single precision (sums and the distortion in double): as
/// `otc_lloyd_f64`.
///
/// # Safety
/// As `otc_lloyd_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_lloyd_f32(
    problem: *const otc_lloyd_problem_f32,
    out: *mut otc_lloyd_outputs_f32,
    opts: *const otc_lloyd_options,
    work: otc_workspace,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_lloyd_f32", || unsafe {
        lloyd(problem, out, opts, work)
    })
}
