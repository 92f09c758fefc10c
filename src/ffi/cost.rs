//! C entry points of [`crate::cost`]: options, workspace query and the f64 / f32 cost
//! matrices, one generic body for both element types.

use super::args::{
    check_disjoint, enum_arg, matrix, matrix_mut, options, threads, with_workspace, write_defaults,
    write_workspace_size, AbiOptions,
};
use super::boundary::{ffi_boundary, Report};
use super::status::otc_status;
use super::view::{
    otc_matrix_f32, otc_matrix_f64, otc_matrix_mut_f32, otc_matrix_mut_f64, MatrixView,
};
use crate::cost::{cost_matrix_in_place, cost_matrix_scratch, Metric};
use crate::par::with_threads;
use crate::{bail, Result};
use std::ffi::c_void;

/// Metric `|x − y|²` (squared Euclidean), the default.
pub const OTC_METRIC_SQEUCLIDEAN: i32 = 0;
/// Metric `|x − y|` (Euclidean).
pub const OTC_METRIC_EUCLIDEAN: i32 = 1;
/// Metric `(Σ_k |x_k − y_k|^p)^(1/p)` (Minkowski), with `p` from the options (finite, ≥ 1).
pub const OTC_METRIC_MINKOWSKI: i32 = 2;
/// Metric `1 − <x, y>/(|x||y|)` (cosine distance, in [0, 2]); 0 when both vectors are zero,
/// 1 when exactly one is.
pub const OTC_METRIC_COSINE: i32 = 3;

/// Options of `otc_cost_matrix_f64` / `_f32`. Fill with `otc_cost_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_cost_options {
    /// `sizeof(otc_cost_options)`, set by `otc_cost_options_default`.
    pub struct_size: usize,
    /// 0 = library default, 1 = the calling thread only, k = k workers. Default 0.
    pub num_threads: u32,
    /// One of the `OTC_METRIC_*` values. Default `OTC_METRIC_SQEUCLIDEAN`.
    pub metric: i32,
    /// Exponent of `OTC_METRIC_MINKOWSKI` (finite, ≥ 1); ignored by the other metrics.
    /// Default 2.
    pub p: f64,
}

impl AbiOptions for otc_cost_options {
    const NAME: &'static str = "otc_cost_options";
    fn defaults() -> Self {
        otc_cost_options {
            struct_size: std::mem::size_of::<Self>(),
            num_threads: 0,
            metric: OTC_METRIC_SQEUCLIDEAN,
            p: 2.0,
        }
    }
}

/// The metric number of the C ABI.
struct MetricCode(i32);

impl TryFrom<i32> for MetricCode {
    type Error = ();
    fn try_from(v: i32) -> std::result::Result<Self, ()> {
        (OTC_METRIC_SQEUCLIDEAN..=OTC_METRIC_COSINE)
            .contains(&v)
            .then_some(MetricCode(v))
            .ok_or(())
    }
}

/// The checked metric of the options.
fn metric_of(o: &otc_cost_options) -> Result<Metric> {
    let code: MetricCode = enum_arg(
        "otc_cost_options.metric",
        o.metric,
        "OTC_METRIC_SQEUCLIDEAN (0), OTC_METRIC_EUCLIDEAN (1), OTC_METRIC_MINKOWSKI (2) or OTC_METRIC_COSINE (3)",
    )?;
    let metric = match code.0 {
        OTC_METRIC_SQEUCLIDEAN => Metric::SqEuclidean,
        OTC_METRIC_EUCLIDEAN => Metric::Euclidean,
        OTC_METRIC_MINKOWSKI => Metric::Minkowski(o.p),
        _ => Metric::Cosine,
    };
    metric.validate()?;
    Ok(metric)
}

/// Writes the default cost options (0 threads, squared Euclidean, p = 2) into `*opts`.
///
/// @param opts  options to fill; not NULL.
/// @return OTC_OK, or OTC_ERR_NULL_POINTER.
///
/// # Safety
/// `opts` is NULL or points to a writable `otc_cost_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_cost_options_default(opts: *mut otc_cost_options) -> otc_status {
    ffi_boundary("otc_cost_options_default", || {
        // SAFETY: the caller passes a writable struct (header contract); NULL is checked.
        unsafe { write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The workspace of both element types: the f64 requirement (whose block padding is 32
/// points) covers the f32 one (64 points of half the size).
fn workspace_bytes_req(n: usize, m: usize, d: usize, metric: Metric) -> faer::dyn_stack::StackReq {
    cost_matrix_scratch::<f64>(n, m, d, metric)
}

/// Workspace in bytes that `otc_cost_matrix_f64` and `otc_cost_matrix_f32` need for x n×d,
/// y m×d and the options (O((n + m)·d) bytes; 0 sizes are allowed here and give a small size).
///
/// @param n, m, d   points of x, points of y, coordinates per point.
/// @param opts      options, or NULL for the defaults.
/// @param out_bytes receives the size; not NULL.
/// @return OTC_OK, OTC_ERR_NULL_POINTER, OTC_ERR_ABI_MISMATCH, OTC_ERR_INVALID_ARGUMENT
///         (unknown metric, bad p) or OTC_ERR_OVERFLOW.
///
/// # Safety
/// `opts` is NULL or points to an `otc_cost_options`; `out_bytes` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn otc_cost_matrix_workspace_size(
    n: usize,
    m: usize,
    d: usize,
    opts: *const otc_cost_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_cost_matrix_workspace_size", || {
        // SAFETY: NULL means defaults; otherwise a readable struct (header contract).
        let o = unsafe { options(opts) }?;
        let metric = metric_of(&o)?;
        // SAFETY: the caller passes a writable size_t (header contract); NULL is checked.
        unsafe { write_workspace_size(workspace_bytes_req(n, m, d, metric), out_bytes) }?;
        Ok(Report::ok())
    })
}

/// The one body of both compute entry points.
///
/// # Safety
/// The views must describe memory valid as the header states; `work` NULL or valid for
/// `work_bytes` bytes.
unsafe fn cost_body<X, O>(
    x: X,
    y: X,
    out: O,
    opts: *const otc_cost_options,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report>
where
    X: MatrixView,
    O: MatrixView<T = X::T>,
{
    // SAFETY: NULL means defaults; otherwise a readable struct (header contract).
    let o = unsafe { options(opts) }?;
    let metric = metric_of(&o)?;
    // SAFETY: views checked by `matrix`; validity is the caller's contract.
    let (xr, xreg) = unsafe { matrix("x", &x) }?;
    // SAFETY: as above.
    let (yr, yreg) = unsafe { matrix("y", &y) }?;
    if xr.ncols() != yr.ncols() {
        bail!(
            InvalidDimension,
            "x is {}x{} and y is {}x{}: they must have the same number of columns d",
            xr.nrows(),
            xr.ncols(),
            yr.nrows(),
            yr.ncols()
        );
    }
    let (_, rows, cols, _, _) = out.parts();
    if rows != xr.nrows() || cols != yr.nrows() {
        bail!(
            InvalidDimension,
            "out is {rows}x{cols}, expected {}x{} (rows of x by rows of y)",
            xr.nrows(),
            yr.nrows()
        );
    }
    // SAFETY: view checked by `matrix_mut` (distinct elements); exclusivity checked next.
    let (outm, oreg) = unsafe { matrix_mut("out", &out) }?;
    check_disjoint(&[("out", oreg)], &[("x", xreg), ("y", yreg)])?;
    let (n, m, d) = (xr.nrows(), yr.nrows(), xr.ncols());
    let req = cost_matrix_scratch::<X::T>(n, m, d, metric);
    // SAFETY: `work` is NULL or valid for `work_bytes` (header contract).
    unsafe {
        with_workspace(work, work_bytes, req, |stack| {
            with_threads(threads(o.num_threads), |par| {
                cost_matrix_in_place(xr, yr, outm, metric, par, stack)
            })?
        })
    }?;
    Ok(Report::ok())
}

/// Cost matrix of f64 points: `out[i, j] = metric(x_i, y_j)` for the rows of x (n×d) and
/// y (m×d). Any strides; out (n×m) must not overlap x or y. O(n·m·d) time; bitwise the same
/// result for every thread count. Squared Euclidean, Euclidean and cosine at d ≥ 16 use a
/// matrix product; duplicated points still get exactly 0.
///
/// @param x, y  input points (rows), finite.
/// @param out   n×m output, written only on success.
/// @param opts  options, or NULL for the defaults.
/// @param work  workspace of at least `otc_cost_matrix_workspace_size` bytes (any alignment),
///              or NULL to let the library allocate.
/// @param work_bytes  size of `work` in bytes (ignored when `work` is NULL).
/// @return OTC_OK; OTC_ERR_NULL_POINTER, OTC_ERR_INVALID_DIMENSION (zero sizes, d or out
///         shape mismatch), OTC_ERR_NON_FINITE, OTC_ERR_INVALID_ARGUMENT (metric, p),
///         OTC_ERR_INVALID_STRIDE, OTC_ERR_OVERFLOW, OTC_ERR_ALIASING, OTC_ERR_ABI_MISMATCH,
///         OTC_ERR_WORKSPACE_TOO_SMALL.
///
/// # Safety
/// Every element the views address is readable (x, y) or writable (out) memory of the
/// caller; `opts` is NULL or an `otc_cost_options`; `work` is NULL or `work_bytes` writable
/// bytes not overlapping the other arguments.
#[no_mangle]
pub unsafe extern "C" fn otc_cost_matrix_f64(
    x: otc_matrix_f64,
    y: otc_matrix_f64,
    out: otc_matrix_mut_f64,
    opts: *const otc_cost_options,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    // SAFETY: forwarded header contract.
    ffi_boundary("otc_cost_matrix_f64", || unsafe {
        cost_body(x, y, out, opts, work, work_bytes)
    })
}

/// Cost matrix of f32 points: as `otc_cost_matrix_f64`, in single precision.
///
/// @return as `otc_cost_matrix_f64`.
///
/// # Safety
/// As `otc_cost_matrix_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_cost_matrix_f32(
    x: otc_matrix_f32,
    y: otc_matrix_f32,
    out: otc_matrix_mut_f32,
    opts: *const otc_cost_options,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    // SAFETY: forwarded header contract.
    ffi_boundary("otc_cost_matrix_f32", || unsafe {
        cost_body(x, y, out, opts, work, work_bytes)
    })
}
