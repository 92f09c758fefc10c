//! C entry points of [`crate::cost`], in the ABI 1 shape: `otc_cost_matrix_options_default`,
//! `otc_cost_matrix_workspace_size_f64/_f32`, `otc_cost_matrix_f64/_f32` (one generic body
//! for both element types).

use super::args::{check_disjoint, enum_arg, matrix, matrix_mut, Region};
use super::boundary::{ffi_boundary, Report};
use super::shape::{self, otc_report, otc_workspace, AbiOutputs, AbiStruct, Callback, Outputs};
use super::status::{otc_status, OTC_OK};
use super::view::{
    otc_matrix_f32, otc_matrix_f64, otc_matrix_mut_f32, otc_matrix_mut_f64, MatrixView,
};
use crate::cost::{cost_matrix_in_place, cost_matrix_scratch, Metric};
use crate::{bail, Result};
use std::mem::size_of;

/// Metric `|x − y|²` (squared Euclidean), the default.
pub const OTC_METRIC_SQEUCLIDEAN: i32 = 0;
/// Metric `|x − y|` (Euclidean).
pub const OTC_METRIC_EUCLIDEAN: i32 = 1;
/// Metric `(Σ_k |x_k − y_k|^p)^(1/p)` (Minkowski), with `p` from the options (finite, ≥ 1).
pub const OTC_METRIC_MINKOWSKI: i32 = 2;
/// Metric `1 − <x, y>/(|x||y|)` (cosine distance, in [0, 2]); 0 when both vectors are zero,
/// 1 when exactly one is.
pub const OTC_METRIC_COSINE: i32 = 3;

/// Options of `otc_cost_matrix_f64` / `_f32`; fill with `otc_cost_matrix_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_cost_matrix_options {
    /// `sizeof(otc_cost_matrix_options)`.
    pub struct_size: usize,
    /// Worker threads sharing the rows of the matrix: 0 = `OTCORE_NUM_THREADS` or all cores,
    /// 1 = the calling thread only, k = k workers (≤ 256). Results are identical for every
    /// value. Default 0.
    pub num_threads: u32,
    /// One of the `OTC_METRIC_*` values. Default `OTC_METRIC_SQEUCLIDEAN`.
    pub metric: i32,
    /// Exponent of `OTC_METRIC_MINKOWSKI` (finite, ≥ 1); ignored by the other metrics.
    /// Default 2.
    pub p: f64,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers and a float only.
unsafe impl AbiStruct for otc_cost_matrix_options {
    const NAME: &'static str = "otc_cost_matrix_options";
    const MIN_SIZE: usize = size_of::<otc_cost_matrix_options>();
    fn base() -> Self {
        otc_cost_matrix_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            metric: OTC_METRIC_SQEUCLIDEAN,
            p: 2.0,
        }
    }
}

/// The two point clouds of `otc_cost_matrix_f64`: one point a row, any strides (row-major C
/// passes `(d, 1)`, column-major Fortran/Julia/R `(1, n)`), finite coordinates.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_cost_matrix_problem_f64 {
    /// `sizeof(otc_cost_matrix_problem_f64)`.
    pub struct_size: usize,
    /// The n points x_i, n × d.
    pub x: otc_matrix_f64,
    /// The m points y_j, m × d (the same d).
    pub y: otc_matrix_f64,
}
crate::abi_struct!(problem otc_cost_matrix_problem_f64);

/// The two point clouds of `otc_cost_matrix_f32`, as `otc_cost_matrix_problem_f64`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_cost_matrix_problem_f32 {
    /// `sizeof(otc_cost_matrix_problem_f32)`.
    pub struct_size: usize,
    /// The n points x_i, n × d.
    pub x: otc_matrix_f32,
    /// The m points y_j, m × d (the same d).
    pub y: otc_matrix_f32,
}
crate::abi_struct!(problem otc_cost_matrix_problem_f32);

/// Results of `otc_cost_matrix_f64`. `report.iterations` and `report.error` are 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_cost_matrix_outputs_f64 {
    /// `sizeof(otc_cost_matrix_outputs_f64)`.
    pub struct_size: usize,
    /// Status and seconds (iterations and error 0, path 0).
    pub report: otc_report,
    /// Required: the n × m matrix `cost[i, j] = metric(x_i, y_j)`, any strides addressing
    /// each element once.
    pub cost: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_cost_matrix_outputs_f64);

/// Results of `otc_cost_matrix_f32`, as `otc_cost_matrix_outputs_f64`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_cost_matrix_outputs_f32 {
    /// `sizeof(otc_cost_matrix_outputs_f32)`.
    pub struct_size: usize,
    /// Status and seconds (iterations and error 0, path 0).
    pub report: otc_report,
    /// Required: the n × m matrix `cost[i, j] = metric(x_i, y_j)`, any strides addressing
    /// each element once.
    pub cost: otc_matrix_mut_f32,
}
crate::abi_struct!(outputs otc_cost_matrix_outputs_f32);

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
fn metric_of(o: &otc_cost_matrix_options) -> Result<Metric> {
    metric_from(o.metric, o.p)
}

/// The checked metric of an options struct's `metric` code (`OTC_METRIC_*`; `opts->metric` in
/// messages) and Minkowski exponent `p`.
pub(super) fn metric_from(code: i32, p: f64) -> Result<Metric> {
    let code: MetricCode = enum_arg(
        "opts->metric",
        code,
        "OTC_METRIC_SQEUCLIDEAN (0), OTC_METRIC_EUCLIDEAN (1), OTC_METRIC_MINKOWSKI (2) or OTC_METRIC_COSINE (3)",
    )?;
    let metric = match code.0 {
        OTC_METRIC_SQEUCLIDEAN => Metric::SqEuclidean,
        OTC_METRIC_EUCLIDEAN => Metric::Euclidean,
        OTC_METRIC_MINKOWSKI => Metric::Minkowski(p),
        _ => Metric::Cosine,
    };
    metric.validate()?;
    Ok(metric)
}

/// Writes the default options (0 threads, squared Euclidean, p = 2) into `*opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` is NULL or valid for writes of one `otc_cost_matrix_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_cost_matrix_options_default(
    opts: *mut otc_cost_matrix_options,
) -> otc_status {
    ffi_boundary("otc_cost_matrix_options_default", || {
        // SAFETY: forwarded contract; NULL is checked.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The body of both workspace queries: O((n + m)·d) bytes, from the sizes of the views only
/// (their data is not read).
///
/// # Safety
/// As `otc_cost_matrix_workspace_size_f64`.
unsafe fn workspace_body<X: MatrixView, P: AbiStruct>(
    problem: *const P,
    points: impl Fn(&P) -> (X, X),
    opts: *const otc_cost_matrix_options,
    bytes: *mut usize,
) -> Result<Report> {
    // SAFETY: forwarded contract.
    unsafe {
        shape::workspace_query(problem, opts, bytes, |p, o| {
            let (x, y) = points(p);
            let ((_, n, d, _, _), (_, m, _, _, _)) = (x.parts(), y.parts());
            Ok(cost_matrix_scratch::<X::T>(n, m, d, metric_of(o)?))
        })
    }
}

/// Bytes of workspace `otc_cost_matrix_f64` needs for `problem` (the sizes n, m, d of its
/// views; their data is not read) and `opts` (NULL: defaults): O((n + m)·d).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_ARGUMENT` (unknown metric, bad p), `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_cost_matrix_workspace_size_f64(
    problem: *const otc_cost_matrix_problem_f64,
    opts: *const otc_cost_matrix_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_cost_matrix_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe { workspace_body(problem, |p| (p.x, p.y), opts, bytes) }
    })
}

/// Bytes of workspace `otc_cost_matrix_f32` needs: as `otc_cost_matrix_workspace_size_f64`.
///
/// Statuses: as `otc_cost_matrix_workspace_size_f64`.
///
/// # Safety
/// As `otc_cost_matrix_workspace_size_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_cost_matrix_workspace_size_f32(
    problem: *const otc_cost_matrix_problem_f32,
    opts: *const otc_cost_matrix_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_cost_matrix_workspace_size_f32", || {
        // SAFETY: forwarded contract.
        unsafe { workspace_body(problem, |p| (p.x, p.y), opts, bytes) }
    })
}

/// The one body of both compute entry points: `x`, `y` from the problem (its region `rp`),
/// the caller's outputs struct `o_out` holding the view `cost`.
///
/// # Safety
/// As `otc_cost_matrix_f64`.
unsafe fn cost_body<X, M, O>(
    (x, y, rp): (X, X, Region),
    o_out: Outputs<O>,
    cost: M,
    opts: *const otc_cost_matrix_options,
    work: otc_workspace,
) -> Result<Report>
where
    X: MatrixView,
    M: MatrixView<T = X::T>,
    O: AbiOutputs,
{
    // SAFETY: NULL means defaults; otherwise a readable struct (header contract).
    let o = unsafe { shape::options(opts) }?;
    let metric = metric_of(&o)?;
    // SAFETY: views checked by `matrix`; validity is the caller's contract.
    let (xr, xreg) = unsafe { matrix("problem->x", &x) }?;
    // SAFETY: as above.
    let (yr, yreg) = unsafe { matrix("problem->y", &y) }?;
    if xr.ncols() != yr.ncols() {
        bail!(
            InvalidDimension,
            "problem->x is {}x{} and problem->y is {}x{}: they must have the same number of columns d",
            xr.nrows(),
            xr.ncols(),
            yr.nrows(),
            yr.ncols()
        );
    }
    let (_, rows, cols, _, _) = cost.parts();
    if rows != xr.nrows() || cols != yr.nrows() {
        bail!(
            InvalidDimension,
            "out->cost is {rows}x{cols}, expected {}x{} (rows of x by rows of y)",
            xr.nrows(),
            yr.nrows()
        );
    }
    // SAFETY: view checked by `matrix_mut` (distinct elements); exclusivity checked next.
    let (cm, creg) = unsafe { matrix_mut("out->cost", &cost) }?;
    check_disjoint(
        &[("out", o_out.region()), ("out->cost", creg)],
        &[("problem", rp), ("problem->x", xreg), ("problem->y", yreg)],
    )?;
    let (n, m, d) = (xr.nrows(), yr.nrows(), xr.ncols());
    let req = cost_matrix_scratch::<X::T>(n, m, d, metric);
    // SAFETY: `work` is NULL or valid for its bytes (header contract).
    unsafe {
        shape::run(o.num_threads, work, req, Callback::NONE, |par, stack| {
            cost_matrix_in_place(xr, yr, cm, metric, par, stack)
        })
    }?;
    o_out.commit(OTC_OK);
    Ok(Report::ok())
}

/// Cost matrix of f64 points: `out->cost[i, j] = metric(x_i, y_j)` for the rows of
/// `problem->x` (n × d) and `problem->y` (m × d), the metric and its exponent from `opts`
/// (NULL: squared Euclidean). O(n·m·d) time, O((n + m)·d) workspace
/// (`otc_cost_matrix_workspace_size_f64`, or `{NULL, 0}`: allocated); the same bits for every
/// thread count. Squared Euclidean, Euclidean and cosine at d ≥ 16 use a matrix product;
/// duplicated points still get exactly 0.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (a zero size, d or the shape of `out->cost` mismatched),
/// `OTC_ERR_NON_FINITE` (a NaN or infinite coordinate; the message names it),
/// `OTC_ERR_INVALID_ARGUMENT` (metric, p), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_ALIASING` (an output overlaps an input or the other output),
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (squared Euclidean, Euclidean and cosine costs with d ≥ 16): see
/// docs/abi.md, Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
/// bytes); every element their views address is readable (x, y) or writable (cost) memory
/// of the caller; `work.data` is NULL or valid for `work.bytes` bytes and overlaps no
/// argument.
#[no_mangle]
pub unsafe extern "C" fn otc_cost_matrix_f64(
    problem: *const otc_cost_matrix_problem_f64,
    out: *mut otc_cost_matrix_outputs_f64,
    opts: *const otc_cost_matrix_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_cost_matrix_f64", || {
        // SAFETY (whole block): forwarded contract, checked by the helpers.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let cost = o_out.value.cost;
        unsafe { cost_body((p.x, p.y, rp), o_out, cost, opts, work) }
    })
}

/// Cost matrix of f32 points: as `otc_cost_matrix_f64`, in single precision.
///
/// Statuses: as `otc_cost_matrix_f64`.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (squared Euclidean, Euclidean and cosine costs with d ≥ 16): see
/// docs/abi.md, Memory.
///
/// # Safety
/// As `otc_cost_matrix_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_cost_matrix_f32(
    problem: *const otc_cost_matrix_problem_f32,
    out: *mut otc_cost_matrix_outputs_f32,
    opts: *const otc_cost_matrix_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_cost_matrix_f32", || {
        // SAFETY (whole block): forwarded contract, checked by the helpers.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let cost = o_out.value.cost;
        unsafe { cost_body((p.x, p.y, rp), o_out, cost, opts, work) }
    })
}
