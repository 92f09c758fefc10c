//! C entry points of [`crate::barycenter`], in the ABI 1 shape: the fixed-support barycenter
//! (`otc_barycenter_options_default`, `otc_barycenter_workspace_size_f64/_f32`,
//! `otc_barycenter_f64/_f32`) and the convolutional one
//! (`otc_convolutional_barycenter_options_default`,
//! `otc_convolutional_barycenter_workspace_size_f64/_f32`,
//! `otc_convolutional_barycenter_f64/_f32`), one generic body each.

use super::args::{self, disjoint, matrix, opt_slice, slice_mut, write_workspace_size, Region};
use super::boundary::{ffi_boundary, Report};
use super::shape::{
    self, otc_callback, otc_report, otc_workspace, AbiOutputs, AbiStruct, Callback, Outputs,
};
use super::status::{otc_status, OTC_OK, OTC_WARN_CANCELLED, OTC_WARN_MAX_ITER};
use super::view::{otc_matrix_f32, otc_matrix_f64, otc_matrix_mut_f64, MatrixView};
use crate::barycenter::{
    barycenter_in_place, barycenter_scratch, convolutional_barycenter_in_place,
    convolutional_barycenter_scratch, free_support_barycenter_in_place,
    free_support_barycenter_scratch, BarycenterInfo, BarycenterParams, FreeSupportParams, Inner,
};
use crate::workspace::{take, vec_req};
use crate::{bail, Real, Result, StackReq};
use std::ffi::c_void;
use std::mem::size_of;

/// Options of `otc_barycenter_f64/_f32`; fill with `otc_barycenter_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_barycenter_options {
    /// `sizeof(otc_barycenter_options)`.
    pub struct_size: usize,
    /// Worker threads sharing the rows of each log-sum-exp pass: 0 = `OTCORE_NUM_THREADS`
    /// or all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are
    /// identical for every value. Default 0.
    pub num_threads: u32,
    /// Iteration cap (≥ 1; default 1000).
    pub max_iter: u64,
    /// Entropic regularisation ε > 0, in units of the cost (default 1e-2).
    pub epsilon: f64,
    /// Stop when the marginal error `max_k Σ_i |u_k ⊙ K v_k − p|` (units of mass) is at
    /// most `tol` ≥ 0 (default 1e-9).
    pub tol: f64,
    /// Call `callback` at most once every `callback_every` iterations (0, the default: never).
    pub callback_every: u64,
    /// Progress callback `(callback_data, iterations, marginal error) -> 0 to go on, nonzero
    /// to stop` (`OTC_WARN_CANCELLED`, the current iterate as the result); called on the
    /// calling thread whatever `num_threads`. NULL (the default): none.
    pub callback: otc_callback,
    /// Passed to `callback` as is (default NULL).
    pub callback_data: *mut c_void,
}

/// Options of `otc_convolutional_barycenter_f64/_f32`; fill with
/// `otc_convolutional_barycenter_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_convolutional_barycenter_options {
    /// `sizeof(otc_convolutional_barycenter_options)`.
    pub struct_size: usize,
    /// Worker threads sharing the rows of each log-convolution: 0 = `OTCORE_NUM_THREADS` or
    /// all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are identical
    /// for every value. Default 0.
    pub num_threads: u32,
    /// Iteration cap (≥ 1; default 1000).
    pub max_iter: u64,
    /// Entropic regularisation ε > 0, in units of the squared distance on the unit square
    /// (default 1e-2).
    pub epsilon: f64,
    /// Stop when the marginal error `max_k Σ_i |u_k ⊙ K v_k − p|` (units of mass) is at
    /// most `tol` ≥ 0 (default 1e-9).
    pub tol: f64,
    /// Call `callback` at most once every `callback_every` iterations (0, the default: never).
    pub callback_every: u64,
    /// Progress callback `(callback_data, iterations, marginal error) -> 0 to go on, nonzero
    /// to stop` (`OTC_WARN_CANCELLED`, the current iterate as the result); called on the
    /// calling thread whatever `num_threads`. NULL (the default): none.
    pub callback: otc_callback,
    /// Passed to `callback` as is (default NULL).
    pub callback_data: *mut c_void,
}

/// The fields both barycenter options structs share: the thread count, the core's
/// parameters (max_iter, epsilon, tol) and the callback.
trait IbpOptions: AbiStruct {
    fn fields(&self) -> (u32, u64, f64, f64, Callback);
}

macro_rules! ibp_options {
    ($t:ident) => {
        // SAFETY: #[repr(C)], starts with `struct_size: usize`, integers, floats, a raw
        // pointer and an optional function pointer only.
        unsafe impl AbiStruct for $t {
            const NAME: &'static str = stringify!($t);
            const MIN_SIZE: usize = size_of::<$t>();
            fn base() -> Self {
                let p = BarycenterParams::default();
                $t {
                    struct_size: size_of::<Self>(),
                    num_threads: 0,
                    max_iter: p.max_iter as u64,
                    epsilon: p.epsilon,
                    tol: p.tol,
                    callback_every: 0,
                    callback: None,
                    callback_data: std::ptr::null_mut(),
                }
            }
        }
        impl IbpOptions for $t {
            fn fields(&self) -> (u32, u64, f64, f64, Callback) {
                let callback =
                    Callback::new(self.callback_every, self.callback, self.callback_data);
                (
                    self.num_threads,
                    self.max_iter,
                    self.epsilon,
                    self.tol,
                    callback,
                )
            }
        }
    };
}
ibp_options!(otc_barycenter_options);
ibp_options!(otc_convolutional_barycenter_options);

/// The caller's options (NULL: defaults), checked: the thread count, the core's parameters
/// and the callback.
///
/// # Safety
/// `opts` is NULL or a valid struct of at least its `struct_size` bytes.
unsafe fn read_options<O: IbpOptions>(opts: *const O) -> Result<(u32, BarycenterParams, Callback)> {
    // SAFETY: forwarded contract.
    let o = unsafe { shape::options(opts) }?;
    let (threads, max_iter, epsilon, tol, callback) = o.fields();
    if max_iter < 1 {
        bail!(InvalidArgument, "opts->max_iter is 0: need >= 1");
    }
    Ok((
        threads,
        BarycenterParams {
            epsilon,
            max_iter: usize::try_from(max_iter).unwrap_or(usize::MAX),
            tol,
        },
        callback,
    ))
}

/// A fixed-support barycenter problem in f64: k histograms on a common support of n points.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_barycenter_problem_f64 {
    /// `sizeof(otc_barycenter_problem_f64)`.
    pub struct_size: usize,
    /// n × k, column c = histogram c (non-negative, summing to 1 within 1e-6); any strides.
    pub hists: otc_matrix_f64,
    /// n × n cost between the support points (finite); any strides.
    pub cost: otc_matrix_f64,
    /// k non-negative weights, normalised inside; NULL = uniform.
    pub weights: *const f64,
}
crate::abi_struct!(problem otc_barycenter_problem_f64);

/// A fixed-support barycenter problem in f32, as `otc_barycenter_problem_f64`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_barycenter_problem_f32 {
    /// `sizeof(otc_barycenter_problem_f32)`.
    pub struct_size: usize,
    /// n × k, column c = histogram c (non-negative, summing to 1 within 1e-6); any strides.
    pub hists: otc_matrix_f32,
    /// n × n cost between the support points (finite); any strides.
    pub cost: otc_matrix_f32,
    /// k non-negative weights, normalised inside; NULL = uniform.
    pub weights: *const f32,
}
crate::abi_struct!(problem otc_barycenter_problem_f32);

/// Results of `otc_barycenter_f64`. `report.iterations`: Bregman-projection rounds;
/// `report.error`: the final marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_barycenter_outputs_f64 {
    /// `sizeof(otc_barycenter_outputs_f64)`.
    pub struct_size: usize,
    /// Status, iterations, error (the marginal error), seconds; path 0.
    pub report: otc_report,
    /// Required, n values: the barycenter p.
    pub barycenter: *mut f64,
}
crate::abi_struct!(outputs otc_barycenter_outputs_f64);

/// Results of `otc_barycenter_f32`, as `otc_barycenter_outputs_f64`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_barycenter_outputs_f32 {
    /// `sizeof(otc_barycenter_outputs_f32)`.
    pub struct_size: usize,
    /// Status, iterations, error (the marginal error), seconds; path 0.
    pub report: otc_report,
    /// Required, n values: the barycenter p.
    pub barycenter: *mut f32,
}
crate::abi_struct!(outputs otc_barycenter_outputs_f32);

/// A convolutional barycenter problem in f64: k images on an h × w grid of the unit square.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_convolutional_barycenter_problem_f64 {
    /// `sizeof(otc_convolutional_barycenter_problem_f64)`.
    pub struct_size: usize,
    /// (h·w) × k, column c = image c with pixel (r, col) at row `r·w + col` (non-negative,
    /// summing to 1 within 1e-6); any strides.
    pub images: otc_matrix_f64,
    /// Grid rows h ≥ 1.
    pub height: usize,
    /// Grid columns w ≥ 1 (h·w = the rows of `images`).
    pub width: usize,
    /// k non-negative weights, normalised inside; NULL = uniform.
    pub weights: *const f64,
}
crate::abi_struct!(problem otc_convolutional_barycenter_problem_f64);

/// A convolutional barycenter problem in f32, as `otc_convolutional_barycenter_problem_f64`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_convolutional_barycenter_problem_f32 {
    /// `sizeof(otc_convolutional_barycenter_problem_f32)`.
    pub struct_size: usize,
    /// (h·w) × k, column c = image c with pixel (r, col) at row `r·w + col` (non-negative,
    /// summing to 1 within 1e-6); any strides.
    pub images: otc_matrix_f32,
    /// Grid rows h ≥ 1.
    pub height: usize,
    /// Grid columns w ≥ 1 (h·w = the rows of `images`).
    pub width: usize,
    /// k non-negative weights, normalised inside; NULL = uniform.
    pub weights: *const f32,
}
crate::abi_struct!(problem otc_convolutional_barycenter_problem_f32);

/// Results of `otc_convolutional_barycenter_f64`. `report.iterations`: Bregman-projection
/// rounds; `report.error`: the final marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_convolutional_barycenter_outputs_f64 {
    /// `sizeof(otc_convolutional_barycenter_outputs_f64)`.
    pub struct_size: usize,
    /// Status, iterations, error (the marginal error), seconds; path 0.
    pub report: otc_report,
    /// Required, h·w values: the barycenter image, pixel (r, col) at `r·w + col`.
    pub barycenter: *mut f64,
}
crate::abi_struct!(outputs otc_convolutional_barycenter_outputs_f64);

/// Results of `otc_convolutional_barycenter_f32`, as
/// `otc_convolutional_barycenter_outputs_f64`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_convolutional_barycenter_outputs_f32 {
    /// `sizeof(otc_convolutional_barycenter_outputs_f32)`.
    pub struct_size: usize,
    /// Status, iterations, error (the marginal error), seconds; path 0.
    pub report: otc_report,
    /// Required, h·w values: the barycenter image, pixel (r, col) at `r·w + col`.
    pub barycenter: *mut f32,
}
crate::abi_struct!(outputs otc_convolutional_barycenter_outputs_f32);

/// Writes the default options (0 threads, max_iter 1000, ε = 1e-2, tol = 1e-9) into `*opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` is NULL or valid for writes of one `otc_barycenter_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_barycenter_options_default(
    opts: *mut otc_barycenter_options,
) -> otc_status {
    ffi_boundary("otc_barycenter_options_default", || {
        // SAFETY: forwarded contract; NULL is checked.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Writes the default options (0 threads, max_iter 1000, ε = 1e-2, tol = 1e-9) into `*opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` is NULL or valid for writes of one `otc_convolutional_barycenter_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_convolutional_barycenter_options_default(
    opts: *mut otc_convolutional_barycenter_options,
) -> otc_status {
    ffi_boundary("otc_convolutional_barycenter_options_default", || {
        // SAFETY: forwarded contract; NULL is checked.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// `n` values of `T` for the result, staged in the workspace so that the caller's array is
/// written only on success, followed by `kernel`'s workspace.
fn staged_req<T: Real>(n: usize, kernel: StackReq) -> StackReq {
    StackReq::all_of(&[vec_req::<T>(n), kernel])
}

/// Workspace of `otc_barycenter_f64/_f32` in precision `T` for k histograms of n bins.
fn fixed_req<T: Real>(n: usize, k: usize) -> StackReq {
    staged_req::<T>(n, barycenter_scratch::<T>(n, k))
}

/// Workspace of `otc_convolutional_barycenter_f64/_f32` in precision `T`.
fn conv_req<T: Real>(h: usize, w: usize, k: usize) -> StackReq {
    staged_req::<T>(
        h.saturating_mul(w),
        convolutional_barycenter_scratch::<T>(h, w, k),
    )
}

/// Fills the report from the solver's info, writes the outputs struct back and says which
/// status the call returns: `OTC_OK`, `OTC_WARN_CANCELLED` (the callback stopped the solve),
/// `OTC_WARN_MAX_ITER` (tol not met within max_iter).
fn finish<O: AbiOutputs>(mut o_out: Outputs<O>, info: &BarycenterInfo, tol: f64) -> Report {
    let report = o_out.value.report_mut();
    report.iterations = info.iterations as u64;
    report.error = info.error;
    let r = if info.converged {
        Report::ok()
    } else if info.cancelled {
        Report::warn(
            OTC_WARN_CANCELLED,
            format_args!(
                "stopped by the callback after {} iterations: marginal error {:e}",
                info.iterations, info.error
            ),
        )
    } else {
        Report::warn(
            OTC_WARN_MAX_ITER,
            format_args!(
                "{} iterations: marginal error {:e} > tol {tol:e}",
                info.iterations, info.error
            ),
        )
    };
    o_out.commit(r.status);
    r
}

/// The body of both fixed-support workspace queries.
///
/// # Safety
/// As `otc_barycenter_workspace_size_f64`.
unsafe fn fixed_workspace<V: MatrixView, P: AbiStruct>(
    problem: *const P,
    hists: impl Fn(&P) -> V,
    opts: *const otc_barycenter_options,
    bytes: *mut usize,
) -> Result<Report> {
    // SAFETY (whole block): forwarded contract, checked by the helpers.
    let (p, _) = unsafe { shape::problem(problem) }?;
    unsafe { read_options(opts) }?;
    let (_, n, k, _, _) = hists(&p).parts();
    unsafe { write_workspace_size(fixed_req::<V::T>(n, k), bytes) }?;
    Ok(Report::ok())
}

/// Bytes of workspace `otc_barycenter_f64` needs for `problem` (n and k, the sizes of
/// `hists`; no data is read) and `opts`: `(3k + 3)·n` doubles plus alignment.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_ARGUMENT` (max_iter 0), `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_barycenter_workspace_size_f64(
    problem: *const otc_barycenter_problem_f64,
    opts: *const otc_barycenter_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_barycenter_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe { fixed_workspace(problem, |p| p.hists, opts, bytes) }
    })
}

/// Bytes of workspace `otc_barycenter_f32` needs: `(3k + 3)·n` floats plus alignment.
///
/// Statuses: as `otc_barycenter_workspace_size_f64`.
///
/// # Safety
/// As `otc_barycenter_workspace_size_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_barycenter_workspace_size_f32(
    problem: *const otc_barycenter_problem_f32,
    opts: *const otc_barycenter_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_barycenter_workspace_size_f32", || {
        // SAFETY: forwarded contract.
        unsafe { fixed_workspace(problem, |p| p.hists, opts, bytes) }
    })
}

/// Body of `otc_barycenter_f64/_f32`: the problem's fields and region, the caller's outputs
/// struct and its barycenter pointer.
///
/// # Safety
/// As `otc_barycenter_f64`.
unsafe fn fixed_body<V: MatrixView, O: AbiOutputs>(
    (hists, cost, weights, rp): (V, V, *const V::T, Region),
    o_out: Outputs<O>,
    bary: *mut V::T,
    opts: *const otc_barycenter_options,
    work: otc_workspace,
) -> Result<Report> {
    // SAFETY (whole block): pointers are checked by the `args` and `shape` helpers before use.
    unsafe {
        let (threads, p, callback) = read_options(opts)?;
        let (a, ra) = matrix("problem->hists", &hists)?;
        let (c, rc) = matrix("problem->cost", &cost)?;
        let n = a.nrows();
        if c.nrows() != n || c.ncols() != n {
            bail!(
                InvalidDimension,
                "problem->cost is {}x{}, expected {n}x{n} for problem->hists of {n} rows",
                c.nrows(),
                c.ncols(),
            );
        }
        let w = opt_slice("problem->weights", weights, a.ncols())?;
        let (os, ro) = slice_mut("out->barycenter", bary, n)?;
        disjoint(
            &[("out", Some(o_out.region())), ("out->barycenter", Some(ro))],
            &[&[
                ("problem", Some(rp)),
                ("problem->hists", Some(ra)),
                ("problem->cost", Some(rc)),
                ("problem->weights", w.as_ref().map(|x| x.1)),
            ]],
        )?;
        let req = fixed_req::<V::T>(n, a.ncols());
        let (info, _) = shape::run(threads, work, req, callback, |par, stack| {
            let (mut res, stack) = take(stack, n, V::T::ZERO);
            let info = barycenter_in_place(a, c, w.map(|x| x.0), &mut res, &p, par, stack)?;
            os.copy_from_slice(&res);
            Ok(info)
        })?;
        Ok(finish(o_out, &info, p.tol))
    }
}

/// Fixed-support entropic Wasserstein barycenter by iterative Bregman projections in the log
/// domain (Benamou et al. 2015): the histogram p minimising `Σ_c λ_c OT_ε(p, a_c)` for the
/// k histograms `problem->hists` (n × k), weights λ (`problem->weights` normalised, NULL =
/// uniform) and cost `problem->cost` (n × n), entropic regularisation `opts->epsilon`
/// (kernel `exp(−C/ε)`). Writes `out->barycenter` (n) and the report (iterations; error = the
/// marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`, units of mass). Time O(k n²) per iteration,
/// its log-sum-exp rows shared by `opts->num_threads` threads (the same bits for every
/// count); workspace `(3k + 3)·n` values (`otc_barycenter_workspace_size_f64`, or
/// `{NULL, 0}`: allocated).
///
/// Progress: `opts->callback` (when set) receives `(iterations, marginal error)` every
/// `opts->callback_every` iterations, on the calling thread.
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tol not met within max_iter; outputs valid);
/// `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid: the current iterate);
/// `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (zero sizes,
/// cost not n × n), `OTC_ERR_INVALID_ARGUMENT` (ε, tol, max_iter, negative masses or
/// weights), `OTC_ERR_MASS_MISMATCH` (a histogram not summing to 1), `OTC_ERR_NON_FINITE`,
/// `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_OVERFLOW`, `OTC_ERR_ALIASING` (an output overlaps an
/// input or the other output), `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
/// `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
/// bytes); every non-NULL pointer and view in them is valid for its stated size;
/// `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_barycenter_f64(
    problem: *const otc_barycenter_problem_f64,
    out: *mut otc_barycenter_outputs_f64,
    opts: *const otc_barycenter_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_barycenter_f64", || {
        // SAFETY (whole block): forwarded contract, checked by the helpers.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let bary = o_out.value.barycenter;
        let inputs = (p.hists, p.cost, p.weights, rp);
        unsafe { fixed_body(inputs, o_out, bary, opts, work) }
    })
}

/// `otc_barycenter_f64` in float: histograms, cost, weights and output are floats; the
/// log-sum-exps run in float, the weight sums and the marginal error in double.
///
/// Statuses: as `otc_barycenter_f64`.
///
/// # Safety
/// As `otc_barycenter_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_barycenter_f32(
    problem: *const otc_barycenter_problem_f32,
    out: *mut otc_barycenter_outputs_f32,
    opts: *const otc_barycenter_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_barycenter_f32", || {
        // SAFETY (whole block): forwarded contract, checked by the helpers.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let bary = o_out.value.barycenter;
        let inputs = (p.hists, p.cost, p.weights, rp);
        unsafe { fixed_body(inputs, o_out, bary, opts, work) }
    })
}

/// The body of both convolutional workspace queries.
///
/// # Safety
/// As `otc_convolutional_barycenter_workspace_size_f64`.
unsafe fn conv_workspace<V: MatrixView, P: AbiStruct>(
    problem: *const P,
    grid: impl Fn(&P) -> (V, usize, usize),
    opts: *const otc_convolutional_barycenter_options,
    bytes: *mut usize,
) -> Result<Report> {
    // SAFETY (whole block): forwarded contract, checked by the helpers.
    let (p, _) = unsafe { shape::problem(problem) }?;
    unsafe { read_options(opts) }?;
    let (images, h, w) = grid(&p);
    let (_, _, k, _, _) = images.parts();
    unsafe { write_workspace_size(conv_req::<V::T>(h, w, k), bytes) }?;
    Ok(Report::ok())
}

/// Bytes of workspace `otc_convolutional_barycenter_f64` needs for `problem` (h, w and k,
/// the columns of `images`; no data is read) and `opts`: `(3k + 5)·hw + h + 2w + 2(h² + w²)`
/// doubles plus alignment.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_ARGUMENT` (max_iter 0), `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_convolutional_barycenter_workspace_size_f64(
    problem: *const otc_convolutional_barycenter_problem_f64,
    opts: *const otc_convolutional_barycenter_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_convolutional_barycenter_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe { conv_workspace(problem, |p| (p.images, p.height, p.width), opts, bytes) }
    })
}

/// Bytes of workspace `otc_convolutional_barycenter_f32` needs: as the f64 query, in floats.
///
/// Statuses: as `otc_convolutional_barycenter_workspace_size_f64`.
///
/// # Safety
/// As `otc_convolutional_barycenter_workspace_size_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_convolutional_barycenter_workspace_size_f32(
    problem: *const otc_convolutional_barycenter_problem_f32,
    opts: *const otc_convolutional_barycenter_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_convolutional_barycenter_workspace_size_f32", || {
        // SAFETY: forwarded contract.
        unsafe { conv_workspace(problem, |p| (p.images, p.height, p.width), opts, bytes) }
    })
}

/// Body of `otc_convolutional_barycenter_f64/_f32`: the problem's fields and region, the
/// caller's outputs struct and its barycenter pointer.
///
/// # Safety
/// As `otc_convolutional_barycenter_f64`.
unsafe fn conv_body<V: MatrixView, O: AbiOutputs>(
    (images, h, w, weights, rp): (V, usize, usize, *const V::T, Region),
    o_out: Outputs<O>,
    bary: *mut V::T,
    opts: *const otc_convolutional_barycenter_options,
    work: otc_workspace,
) -> Result<Report> {
    // SAFETY (whole block): pointers are checked by the `args` and `shape` helpers before use.
    unsafe {
        let (threads, p, callback) = read_options(opts)?;
        let (a, ra) = matrix("problem->images", &images)?;
        // The grid must match the images before anything is sized from it: the kernels take
        // h² + w² values and an iteration O(hw(h + w)) work.
        if h.checked_mul(w) != Some(a.nrows()) {
            bail!(
                InvalidDimension,
                "problem->images has {} rows, expected height*width = {h}*{w}",
                a.nrows()
            );
        }
        let wt = opt_slice("problem->weights", weights, a.ncols())?;
        let (os, ro) = slice_mut("out->barycenter", bary, a.nrows())?;
        disjoint(
            &[("out", Some(o_out.region())), ("out->barycenter", Some(ro))],
            &[&[
                ("problem", Some(rp)),
                ("problem->images", Some(ra)),
                ("problem->weights", wt.as_ref().map(|x| x.1)),
            ]],
        )?;
        let req = conv_req::<V::T>(h, w, a.ncols());
        let (info, _) = shape::run(threads, work, req, callback, |par, stack| {
            let (mut res, stack) = take(stack, os.len(), V::T::ZERO);
            let weights = wt.map(|x| x.0);
            let info =
                convolutional_barycenter_in_place(a, h, w, weights, &mut res, &p, par, stack)?;
            os.copy_from_slice(&res);
            Ok(info)
        })?;
        Ok(finish(o_out, &info, p.tol))
    }
}

/// Convolutional entropic barycenter on an h × w grid of the unit square (Solomon et al.
/// 2015; separable Gaussian kernel `exp(−d²/ε)` applied in the log domain, as POT's
/// `convolutional_barycenter2d`): the image p minimising `Σ_c λ_c OT_ε(p, a_c)` for the k
/// images `problem->images` ((h·w) × k, pixel (r, col) at row `r·w + col`) and weights λ
/// (`problem->weights` normalised, NULL = uniform). Writes `out->barycenter` (h·w, the same
/// layout) and the report (iterations; error = the marginal error
/// `max_k Σ_i |u_k ⊙ K v_k − p|`, units of mass). Per iteration `2k` stabilised
/// log-convolutions, each two matmuls (`O(hw(h + w))`) and `O(hw)` exps; workspace
/// `O(k·hw + h² + w²)` (`otc_convolutional_barycenter_workspace_size_f64`, or `{NULL, 0}`:
/// allocated). The same bits for every `num_threads`.
///
/// Progress: `opts->callback` (when set) receives `(iterations, marginal error)` every
/// `opts->callback_every` iterations, on the calling thread.
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (tol not met within max_iter; outputs valid);
/// `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid: the current iterate);
/// `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (zero sizes,
/// height·width not the rows of images: checked before anything is sized from them),
/// `OTC_ERR_INVALID_ARGUMENT` (ε, tol, max_iter, negative masses or weights),
/// `OTC_ERR_MASS_MISMATCH`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`,
/// `OTC_ERR_OVERFLOW`, `OTC_ERR_ALIASING`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
/// `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (the separable convolutions once h·w·max(h, w) > 4096): see docs/abi.md,
/// Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
/// bytes); every non-NULL pointer and view in them is valid for its stated size;
/// `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_convolutional_barycenter_f64(
    problem: *const otc_convolutional_barycenter_problem_f64,
    out: *mut otc_convolutional_barycenter_outputs_f64,
    opts: *const otc_convolutional_barycenter_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_convolutional_barycenter_f64", || {
        // SAFETY (whole block): forwarded contract, checked by the helpers.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let bary = o_out.value.barycenter;
        let inputs = (p.images, p.height, p.width, p.weights, rp);
        unsafe { conv_body(inputs, o_out, bary, opts, work) }
    })
}

/// `otc_convolutional_barycenter_f64` in float: images, weights and output are floats; the
/// log-convolutions run in float, the weight sums and the marginal error in double.
///
/// Statuses: as `otc_convolutional_barycenter_f64`.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (the separable convolutions once h·w·max(h, w) > 4096): see docs/abi.md,
/// Memory.
///
/// # Safety
/// As `otc_convolutional_barycenter_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_convolutional_barycenter_f32(
    problem: *const otc_convolutional_barycenter_problem_f32,
    out: *mut otc_convolutional_barycenter_outputs_f32,
    opts: *const otc_convolutional_barycenter_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_convolutional_barycenter_f32", || {
        // SAFETY (whole block): forwarded contract, checked by the helpers.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let bary = o_out.value.barycenter;
        let inputs = (p.images, p.height, p.width, p.weights, rp);
        unsafe { conv_body(inputs, o_out, bary, opts, work) }
    })
}

// ---------------------------------------------------------------------------------------------
// free_support_barycenter: the exact free-support barycenter of point clouds.

/// Options of `otc_free_support_barycenter_f64`; fill with
/// `otc_free_support_barycenter_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_free_support_barycenter_options {
    /// `sizeof(otc_free_support_barycenter_options)`.
    pub struct_size: usize,
    /// Workers sharing the k OT problems of an iteration (0: default; results identical for
    /// every count).
    pub num_threads: u32,
    /// Cap on outer iterations (default 100): `OTC_WARN_MAX_ITER` when reached unconverged.
    pub max_iter: u64,
    /// Stop when no support point moves more than this (Euclidean norm; default 1e-9).
    pub tol: f64,
    /// The inner OT solver: `OTC_FREE_SUPPORT_INNER_EXACT` (the network simplex, default) or
    /// `OTC_FREE_SUPPORT_INNER_SINKHORN` (log-domain Sinkhorn at `epsilon`, warm-started from
    /// the previous iteration, the projections streamed from the potentials).
    pub inner: i32,
    /// ε of the Sinkhorn inner solves, absolute, in squared-distance units (finite, > 0;
    /// default 1e-2). Ignored by the exact solver.
    pub epsilon: f64,
    /// Iteration cap of each Sinkhorn inner solve (≥ 1; default 1000); a solve that reaches
    /// it is used as it stands.
    pub inner_max_iter: u64,
    /// L1 marginal error at which a Sinkhorn inner solve stops (≥ 0; default 1e-9).
    pub inner_tolerance: f64,
    /// Outer iterations between callback calls (0: never).
    pub callback_every: u64,
    /// Progress callback: (data, iterations, largest move of the iteration); nonzero stops.
    pub callback: otc_callback,
    /// Passed to `callback`.
    pub callback_data: *mut c_void,
}

/// Inner solver of `otc_free_support_barycenter_f64`: exact OT (network simplex), the default.
pub const OTC_FREE_SUPPORT_INNER_EXACT: i32 = 0;
/// Inner solver of `otc_free_support_barycenter_f64`: entropic OT (Sinkhorn at
/// `opts->epsilon`).
pub const OTC_FREE_SUPPORT_INNER_SINKHORN: i32 = 1;

/// Default ε of the Sinkhorn inner solves.
const INNER_EPSILON: f64 = 1e-2;
/// Default iteration cap of a Sinkhorn inner solve.
const INNER_MAX_ITER: u64 = 1000;
/// Default marginal tolerance of a Sinkhorn inner solve.
const INNER_TOLERANCE: f64 = 1e-9;

/// The inner solver the options ask for.
fn inner_of(o: &otc_free_support_barycenter_options) -> Result<Inner> {
    match o.inner {
        OTC_FREE_SUPPORT_INNER_EXACT => Ok(Inner::Exact),
        OTC_FREE_SUPPORT_INNER_SINKHORN => Ok(Inner::Sinkhorn {
            epsilon: o.epsilon,
            max_iter: o.inner_max_iter,
            tolerance: o.inner_tolerance,
        }),
        v => bail!(
            InvalidArgument,
            "opts->inner = {v} is unknown: expected OTC_FREE_SUPPORT_INNER_EXACT (0) or \
             OTC_FREE_SUPPORT_INNER_SINKHORN (1)"
        ),
    }
}

/// The parameters the options ask for.
fn free_support_params(o: &otc_free_support_barycenter_options) -> Result<FreeSupportParams> {
    Ok(FreeSupportParams {
        max_iter: o.max_iter,
        tol: o.tol,
        inner: inner_of(o)?,
    })
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`; integers, floats, a nullable function
// pointer and a raw pointer (every bit pattern valid).
unsafe impl AbiStruct for otc_free_support_barycenter_options {
    const NAME: &'static str = "otc_free_support_barycenter_options";
    const MIN_SIZE: usize = size_of::<otc_free_support_barycenter_options>();
    fn base() -> Self {
        let d = FreeSupportParams::default();
        otc_free_support_barycenter_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            max_iter: d.max_iter,
            tol: d.tol,
            inner: OTC_FREE_SUPPORT_INNER_EXACT,
            epsilon: INNER_EPSILON,
            inner_max_iter: INNER_MAX_ITER,
            inner_tolerance: INNER_TOLERANCE,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// The free-support Wasserstein barycenter `argmin_X Σ_i λ_i W2²((X, a), μ_i)` of k point
/// clouds stored one after the other: measure i is the `sizes[i]` rows of `y` from row
/// `sizes[0] + … + sizes[i − 1]` on, with their weights in `b`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_free_support_barycenter_problem_f64 {
    /// `sizeof(otc_free_support_barycenter_problem_f64)`.
    pub struct_size: usize,
    /// The samples of all measures, one per row (N × d, N = Σ sizes), finite.
    pub y: otc_matrix_f64,
    /// Their weights (N values, ≥ 0; each measure's sum equal to Σa within 1e-9, relative).
    pub b: *const f64,
    /// Samples per measure (k values, each ≥ 1).
    pub sizes: *const usize,
    /// Number of measures k ≥ 1.
    pub k: usize,
    /// Barycentric weights λ (k values, ≥ 0, positive sum).
    pub lambda: *const f64,
    /// The initial support, one point per row (m × d), finite.
    pub x0: otc_matrix_f64,
    /// The support's weights (m values, ≥ 0, positive sum), kept fixed.
    pub a: *const f64,
}
crate::abi_struct!(problem otc_free_support_barycenter_problem_f64);

/// Results of `otc_free_support_barycenter_f64`. `report.iterations`: outer iterations;
/// `report.error`: the largest move of a support point in the last iteration.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_free_support_barycenter_outputs_f64 {
    /// `sizeof(otc_free_support_barycenter_outputs_f64)`.
    pub struct_size: usize,
    /// Status, iterations, largest last move, seconds.
    pub report: otc_report,
    /// `Σ_i λ_i W2²((X, a), μ_i) / Σλ` for the support before the last move (never increases
    /// along the iterations); with Sinkhorn inner solves, the same mean of the entropic plans'
    /// transport costs ⟨P_i, C_i⟩.
    pub objective: f64,
    /// Required: the barycenter's support (m × d, any strides; must not overlap `x0`).
    pub x: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_free_support_barycenter_outputs_f64);

/// Writes the default options of `otc_free_support_barycenter_f64` into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_free_support_barycenter_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_free_support_barycenter_options_default(
    opts: *mut otc_free_support_barycenter_options,
) -> otc_status {
    ffi_boundary("otc_free_support_barycenter_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The measure sizes of a free-support problem (k ≥ 1 values read from `problem->sizes`) and
/// the support's shape (m, d), checked against each other.
///
/// # Safety
/// `p.sizes` is NULL or valid for `p.k` values.
unsafe fn free_support_sizes<'a>(
    p: &otc_free_support_barycenter_problem_f64,
) -> Result<(&'a [usize], Region)> {
    if p.k == 0 {
        bail!(
            InvalidDimension,
            "problem->k is 0: at least one measure is needed"
        );
    }
    // SAFETY: forwarded contract.
    let (sizes, region) = unsafe { args::slice("problem->sizes", p.sizes, p.k) }?;
    if p.x0.rows == 0 || p.x0.cols == 0 || p.y.cols != p.x0.cols {
        bail!(
            InvalidDimension,
            "problem->x0 is {}x{} and problem->y has {} columns: m, d >= 1 and y must have d \
             columns",
            p.x0.rows,
            p.x0.cols,
            p.y.cols
        );
    }
    let total = sizes.iter().try_fold(0usize, |s, &n| s.checked_add(n));
    if total != Some(p.y.rows) {
        bail!(
            InvalidDimension,
            "problem->sizes sums to {total:?}: it must equal the rows of problem->y ({})",
            p.y.rows
        );
    }
    Ok((sizes, region))
}

/// Bytes of workspace `otc_free_support_barycenter_f64` needs for `problem` (its shapes and
/// `sizes`) with `opts` (NULL: defaults): per worker, an m × max(sizes) cost and the network
/// simplex's O(m + n) arrays (exact inner solves) or Sinkhorn's O((m + n)·d) (entropic);
/// k·m·d projections; the k problems' potentials (entropic).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_ARGUMENT` (an unknown `inner`),
/// `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes),
/// `problem->sizes` valid for k values; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_free_support_barycenter_workspace_size_f64(
    problem: *const otc_free_support_barycenter_problem_f64,
    opts: *const otc_free_support_barycenter_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_free_support_barycenter_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, o| {
                let (sizes, _) = free_support_sizes(p)?;
                free_support_barycenter_scratch(
                    p.x0.rows,
                    p.x0.cols,
                    sizes,
                    &free_support_params(o)?,
                    args::par_of(o.num_threads)?,
                )
            })
        }
    })
}

/// The free-support Wasserstein barycenter of k point clouds (Cuturi & Doucet 2014): with the
/// support weights `a` fixed, each iteration solves the k exact OT problems between the
/// support and the measures for the squared Euclidean cost (network simplex; or entropic OT by
/// Sinkhorn at `opts->epsilon` with `opts->inner = OTC_FREE_SUPPORT_INNER_SINKHORN`, the
/// projections `Σ_l P^i_jl y_il / Σ_l P^i_jl` streamed from the potentials) and moves every
/// support point to `Σ_i λ_i T_i(x_j) / Σλ`, `T_i(x_j) = Σ_l P^i_jl y_il / a_j` (its barycentric
/// projection); the objective never increases. Stops when no point moves more than
/// `opts->tol`, after `opts->max_iter` iterations (`OTC_WARN_MAX_ITER`) or when the callback
/// (called once per iteration) stops it (`OTC_WARN_CANCELLED`); `out->x` then holds the support
/// reached. Time O(iterations · Σ_i (m·n_i·d + emd(m, n_i))), the k problems shared by
/// `opts->num_threads` workers (results identical for every count); workspace from
/// `otc_free_support_barycenter_workspace_size_f64` (or `{NULL, 0}`: allocated).
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER`; `OTC_WARN_CANCELLED`; `OTC_ERR_NULL_POINTER`,
/// `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`,
/// `OTC_ERR_INVALID_ARGUMENT` (negative weights or λ, Σλ = 0, a bad `tol`, an unknown
/// `inner`, a bad `epsilon`, `inner_max_iter` or `inner_tolerance`), `OTC_ERR_NUMERICAL`
/// (an inner Sinkhorn solve overflowed), `OTC_ERR_MASS_MISMATCH` (naming the measure), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
/// `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
/// `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_free_support_barycenter_f64(
    problem: *const otc_free_support_barycenter_problem_f64,
    out: *mut otc_free_support_barycenter_outputs_f64,
    opts: *const otc_free_support_barycenter_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_free_support_barycenter_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let par = args::par_of(o.num_threads)?;
        let (sizes, rs) = unsafe { free_support_sizes(&p) }?;
        let (m, k, n) = (p.x0.rows, p.k, p.y.rows);
        let (y, ry) = unsafe { args::matrix("problem->y", &p.y) }?;
        let (x0, rx0) = unsafe { args::matrix("problem->x0", &p.x0) }?;
        let (b, rb) = unsafe { args::slice("problem->b", p.b, n) }?;
        let (lambda, rl) = unsafe { args::slice("problem->lambda", p.lambda, k) }?;
        let (a, ra) = unsafe { args::slice("problem->a", p.a, m) }?;
        let xv = o_out.value.x;
        if xv.rows != m || xv.cols != p.x0.cols {
            bail!(
                InvalidDimension,
                "out->x is {}x{}: expected {m}x{} (the shape of problem->x0)",
                xv.rows,
                xv.cols,
                p.x0.cols
            );
        }
        let (x, rx) = unsafe { args::matrix_mut("out->x", &xv) }?;
        args::disjoint(
            &[("out", Some(o_out.region())), ("out->x", Some(rx))],
            &[&[
                ("problem", Some(rp)),
                ("problem->y", Some(ry)),
                ("problem->b", Some(rb)),
                ("problem->sizes", Some(rs)),
                ("problem->lambda", Some(rl)),
                ("problem->x0", Some(rx0)),
                ("problem->a", Some(ra)),
            ]],
        )?;
        let params = free_support_params(&o)?;
        let req = free_support_barycenter_scratch(m, p.x0.cols, sizes, &params, par)?;
        let callback = Callback::new(o.callback_every, o.callback, o.callback_data);
        let (info, _) = unsafe {
            shape::run(o.num_threads, work, req, callback, |par, stack| {
                free_support_barycenter_in_place(x0, a, y, b, sizes, lambda, &params, x, par, stack)
            })
        }?;
        let status = if info.cancelled {
            OTC_WARN_CANCELLED
        } else if info.converged {
            OTC_OK
        } else {
            OTC_WARN_MAX_ITER
        };
        let report = match status {
            OTC_OK => Report::ok(),
            OTC_WARN_CANCELLED => Report::warn(
                status,
                format_args!(
                    "the callback stopped the iterations after {}: out->x holds the support reached",
                    info.iterations
                ),
            ),
            _ => Report::warn(
                status,
                format_args!(
                    "max_iter = {} iterations reached; the last move was {:e} > tol = {:e}",
                    o.max_iter, info.displacement, o.tol
                ),
            ),
        };
        let v = &mut o_out.value;
        v.objective = info.objective;
        v.report.iterations = info.iterations;
        v.report.error = info.displacement;
        o_out.commit(status);
        Ok(report)
    })
}
