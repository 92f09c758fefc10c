//! C entry points of [`crate::barycenter`]: fixed-support and convolutional barycenters in
//! double (`_f64`) and float (`_f32`), one generic body each.

use super::args::{
    disjoint, matrix, opt_out, opt_slice, options, run_threaded, slice_mut, with_workspace,
    write_defaults, write_workspace_size, AbiOptions,
};
use super::boundary::{ffi_boundary, Report};
use super::status::{otc_status, OTC_WARN_MAX_ITER};
use super::view::{otc_matrix_f32, otc_matrix_f64, MatrixView};
use crate::barycenter::{
    barycenter_in_place, barycenter_scratch, convolutional_barycenter_in_place,
    convolutional_barycenter_scratch, BarycenterInfo, BarycenterParams,
};
use crate::workspace::{take, vec_req};
use crate::{Real, Result, StackReq};
use std::ffi::c_void;

/// Options of `otc_barycenter_f64/_f32` and `otc_convolutional_barycenter_f64/_f32`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_barycenter_options {
    /// `sizeof(otc_barycenter_options)`, set by `otc_barycenter_options_default`.
    pub struct_size: usize,
    /// Threads (convolutional only): 0 = library default, 1 = the calling thread, k = k workers.
    pub num_threads: u32,
    /// Iteration cap (default 1000).
    pub max_iter: i32,
    /// Entropic regularisation ε in units of the cost (default 1e-2).
    pub epsilon: f64,
    /// Stop when `max_k Σ_i |u_k ⊙ K v_k − p| ≤ tol` (default 1e-9).
    pub tol: f64,
}

impl AbiOptions for otc_barycenter_options {
    const NAME: &'static str = "otc_barycenter_options";
    fn defaults() -> Self {
        let p = BarycenterParams::default();
        otc_barycenter_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            max_iter: p.max_iter as i32,
            epsilon: p.epsilon,
            tol: p.tol,
        }
    }
}

fn params_of(o: &otc_barycenter_options) -> Result<BarycenterParams> {
    if o.max_iter < 1 {
        crate::bail!(InvalidArgument, "max_iter = {}: need >= 1", o.max_iter);
    }
    Ok(BarycenterParams {
        epsilon: o.epsilon,
        max_iter: o.max_iter as usize,
        tol: o.tol,
    })
}

/// Writes the iteration count (when wanted) and turns `info` into the entry point's report.
fn report(info: &BarycenterInfo, tol: f64, iterations: Option<&mut u64>) -> Report {
    if let Some(it) = iterations {
        *it = info.iterations as u64;
    }
    if info.converged {
        Report::ok()
    } else {
        Report::warn(
            OTC_WARN_MAX_ITER,
            format!(
                "{} iterations: marginal error {:e} > tol {tol:e}",
                info.iterations, info.error
            ),
        )
    }
}

/// Fills `*opts` with the defaults.
///
/// # Safety
/// `opts` must be valid for writes of one `otc_barycenter_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_barycenter_options_default(
    opts: *mut otc_barycenter_options,
) -> otc_status {
    ffi_boundary("otc_barycenter_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { write_defaults(opts) }.map(|_| Report::ok())
    })
}

/// Bytes of workspace `otc_barycenter_f64` (and, with room to spare, `otc_barycenter_f32`)
/// needs for k histograms of n bins.
///
/// # Safety
/// `opts` is NULL or valid; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_barycenter_workspace_size(
    n: usize,
    k: usize,
    opts: *const otc_barycenter_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_barycenter_workspace_size", || {
        // SAFETY: forwarded contract.
        unsafe { options(opts) }?;
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(fixed_req::<f64>(n, k), out_bytes) }?;
        Ok(Report::ok())
    })
}

/// `n` values of `T` for the result, staged in the workspace so that `out` is written only on
/// success, followed by `kernel`'s workspace.
fn staged_req<T: Real>(n: usize, kernel: StackReq) -> StackReq {
    StackReq::all_of(&[vec_req::<T>(n), kernel])
}

/// Workspace of `otc_barycenter_f64/_f32` in precision `T`.
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

/// Body of `otc_barycenter_f64/_f32`.
///
/// # Safety
/// As `otc_barycenter_f64`.
#[allow(clippy::too_many_arguments)]
unsafe fn fixed_c<V: MatrixView>(
    hists: V,
    cost: V,
    weights: *const V::T,
    opts: *const otc_barycenter_options,
    out: *mut V::T,
    iterations: *mut u64,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report> {
    // SAFETY (whole block): pointers are checked by the `args` helpers before use.
    unsafe {
        let o = options(opts)?;
        let p = params_of(&o)?;
        let (a, ra) = matrix("hists", &hists)?;
        let (c, rc) = matrix("cost", &cost)?;
        if c.nrows() != a.nrows() || c.ncols() != a.nrows() {
            crate::bail!(
                InvalidDimension,
                "cost is {}x{}, expected {n}x{n} for hists of {n} rows",
                c.nrows(),
                c.ncols(),
                n = a.nrows()
            );
        }
        let w = opt_slice("weights", weights, a.ncols())?;
        let (os, ro) = slice_mut("out", out, a.nrows())?;
        let it = opt_out("iterations", iterations)?;
        disjoint(
            &[("out", Some(ro)), ("iterations", it.as_ref().map(|x| x.1))],
            &[&[
                ("hists", Some(ra)),
                ("cost", Some(rc)),
                ("weights", w.map(|x| x.1)),
            ]],
        )?;
        let req = fixed_req::<V::T>(a.nrows(), a.ncols());
        let info = with_workspace(work, work_bytes, req, |stack| {
            let (mut res, stack) = take(stack, os.len(), V::T::ZERO);
            let info = barycenter_in_place(a, c, w.map(|(s, _)| s), &mut res, &p, stack)?;
            os.copy_from_slice(&res);
            Ok(info)
        })?;
        Ok(report(&info, p.tol, it.map(|x| x.0)))
    }
}

/// Fixed-support entropic Wasserstein barycenter (iterative Bregman projections, log domain):
/// `hists` is n×k (column c = histogram c, each summing to 1), `cost` n×n (any strides),
/// `weights` k (NULL = uniform; normalised inside). `out` (n) receives the barycenter,
/// `iterations` (optional) the count. `OTC_WARN_MAX_ITER` when `tol` was not met.
/// `O(k n²)` per iteration.
///
/// # Safety
/// Views and arrays must be valid for the sizes they state; `out` must not overlap inputs.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_barycenter_f64(
    hists: otc_matrix_f64,
    cost: otc_matrix_f64,
    weights: *const f64,
    opts: *const otc_barycenter_options,
    out: *mut f64,
    iterations: *mut u64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_barycenter_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            fixed_c(
                hists, cost, weights, opts, out, iterations, work, work_bytes,
            )
        }
    })
}

/// `otc_barycenter_f64` in float: histograms, cost, weights and output are floats; the
/// log-sum-exps run in float, the weight sums and the marginal error in double.
///
/// # Safety
/// As `otc_barycenter_f64`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_barycenter_f32(
    hists: otc_matrix_f32,
    cost: otc_matrix_f32,
    weights: *const f32,
    opts: *const otc_barycenter_options,
    out: *mut f32,
    iterations: *mut u64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_barycenter_f32", || {
        // SAFETY: forwarded contract.
        unsafe {
            fixed_c(
                hists, cost, weights, opts, out, iterations, work, work_bytes,
            )
        }
    })
}

/// Bytes of workspace `otc_convolutional_barycenter_f64` (and, with room to spare,
/// `otc_convolutional_barycenter_f32`) needs for k images of h×w pixels.
///
/// # Safety
/// `opts` is NULL or valid; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_convolutional_barycenter_workspace_size(
    h: usize,
    w: usize,
    k: usize,
    opts: *const otc_barycenter_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_convolutional_barycenter_workspace_size", || {
        // SAFETY: forwarded contract.
        unsafe { options(opts) }?;
        let req = conv_req::<f64>(h, w, k);
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(req, out_bytes) }?;
        Ok(Report::ok())
    })
}

/// Body of `otc_convolutional_barycenter_f64/_f32`.
///
/// # Safety
/// As `otc_convolutional_barycenter_f64`.
#[allow(clippy::too_many_arguments)]
unsafe fn conv_c<V: MatrixView>(
    images: V,
    h: usize,
    w: usize,
    weights: *const V::T,
    opts: *const otc_barycenter_options,
    out: *mut V::T,
    iterations: *mut u64,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report> {
    // SAFETY (whole block): pointers are checked by the `args` helpers before use.
    unsafe {
        let o = options(opts)?;
        let p = params_of(&o)?;
        let (a, ra) = matrix("images", &images)?;
        if h.checked_mul(w) != Some(a.nrows()) {
            crate::bail!(
                InvalidDimension,
                "images has {} rows, expected h*w = {h}*{w}",
                a.nrows()
            );
        }
        let wt = opt_slice("weights", weights, a.ncols())?;
        let (os, ro) = slice_mut("out", out, a.nrows())?;
        let it = opt_out("iterations", iterations)?;
        disjoint(
            &[("out", Some(ro)), ("iterations", it.as_ref().map(|x| x.1))],
            &[&[("images", Some(ra)), ("weights", wt.map(|x| x.1))]],
        )?;
        let req = conv_req::<V::T>(h, w, a.ncols());
        let info = run_threaded(o.num_threads, work, work_bytes, req, |par, stack| {
            let (mut res, stack) = take(stack, os.len(), V::T::ZERO);
            let info = convolutional_barycenter_in_place(
                a,
                h,
                w,
                wt.map(|(s, _)| s),
                &mut res,
                &p,
                par,
                stack,
            )?;
            os.copy_from_slice(&res);
            Ok(info)
        })?;
        Ok(report(&info, p.tol, it.map(|x| x.0)))
    }
}

/// Convolutional entropic barycenter on an h×w grid of the unit square (Solomon et al. 2015,
/// separable Gaussian kernel `exp(−d²/ε)` applied in the log domain, as POT's
/// `convolutional_barycenter2d`): `images` is (h·w)×k, column c = image c with pixel (r, col)
/// at row `r·w + col`, each summing to 1; `weights` k (NULL = uniform). `out` (h·w) receives
/// the barycenter. Per iteration `2k` stabilised log-convolutions, each two matmuls
/// (`O(hw(h + w))`) and `O(hw)` exps; `O(k hw + h² + w²)` memory. Same result, bit for bit,
/// for every `num_threads`.
///
/// # Safety
/// Views and arrays must be valid for the sizes they state; `out` must not overlap inputs.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_convolutional_barycenter_f64(
    images: otc_matrix_f64,
    h: usize,
    w: usize,
    weights: *const f64,
    opts: *const otc_barycenter_options,
    out: *mut f64,
    iterations: *mut u64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_convolutional_barycenter_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            conv_c(
                images, h, w, weights, opts, out, iterations, work, work_bytes,
            )
        }
    })
}

/// `otc_convolutional_barycenter_f64` in float: images, weights and output are floats; the
/// log-convolutions run in float, the weight sums and the marginal error in double.
///
/// # Safety
/// As `otc_convolutional_barycenter_f64`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_convolutional_barycenter_f32(
    images: otc_matrix_f32,
    h: usize,
    w: usize,
    weights: *const f32,
    opts: *const otc_barycenter_options,
    out: *mut f32,
    iterations: *mut u64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_convolutional_barycenter_f32", || {
        // SAFETY: forwarded contract.
        unsafe {
            conv_c(
                images, h, w, weights, opts, out, iterations, work, work_bytes,
            )
        }
    })
}
