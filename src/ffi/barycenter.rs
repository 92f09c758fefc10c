//! C entry points of [`crate::barycenter`].

use super::args::{
    check_disjoint, matrix, opt_out, opt_slice, options, slice_mut, threads, with_workspace,
    write_defaults, write_workspace_size, AbiOptions,
};
use super::boundary::{ffi_boundary, Report};
use super::status::{otc_status, OTC_WARN_MAX_ITER};
use super::view::otc_matrix_f64;
use crate::barycenter::{
    barycenter_in_place, barycenter_scratch, convolutional_barycenter_in_place,
    convolutional_barycenter_scratch, BarycenterInfo, BarycenterParams,
};
use crate::Result;
use std::ffi::c_void;

/// Options of `otc_barycenter_f64` and `otc_convolutional_barycenter_f64`.
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

fn report(info: &BarycenterInfo, tol: f64, iterations: *mut u64) -> Result<Report> {
    // SAFETY: forwarded contract of the entry points (checked by `opt_out`).
    if let Some(it) = unsafe { opt_out("iterations", iterations) }? {
        *it = info.iterations as u64;
    }
    Ok(if info.converged {
        Report::ok()
    } else {
        Report::warn(
            OTC_WARN_MAX_ITER,
            format!(
                "{} iterations: marginal error {:e} > tol {tol:e}",
                info.iterations, info.error
            ),
        )
    })
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

/// Bytes of workspace `otc_barycenter_f64` needs for k histograms of n bins.
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
        unsafe { write_workspace_size(barycenter_scratch(n, k), out_bytes) }?;
        Ok(Report::ok())
    })
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
        // SAFETY (whole block): pointers are checked by the `args` helpers before use.
        unsafe {
            let o = options(opts)?;
            let p = params_of(&o)?;
            let (a, ra) = matrix("hists", &hists)?;
            let (c, rc) = matrix("cost", &cost)?;
            let w = opt_slice("weights", weights, a.ncols())?;
            let (os, ro) = slice_mut("out", out, a.nrows())?;
            let mut ins = vec![("hists", ra), ("cost", rc)];
            if let Some((_, r)) = &w {
                ins.push(("weights", *r));
            }
            check_disjoint(&[("out", ro)], &ins)?;
            let mut res = vec![0.0; a.nrows()];
            let req = barycenter_scratch(a.nrows(), a.ncols());
            let info = with_workspace(work, work_bytes, req, |stack| {
                barycenter_in_place(a, c, w.map(|(s, _)| s), &mut res, &p, stack)
            })?;
            let rep = report(&info, p.tol, iterations)?;
            os.copy_from_slice(&res);
            Ok(rep)
        }
    })
}

/// Bytes of workspace `otc_convolutional_barycenter_f64` needs for k images of h×w pixels.
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
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(convolutional_barycenter_scratch(h, w, k), out_bytes) }?;
        Ok(Report::ok())
    })
}

/// Convolutional entropic barycenter on an h×w grid of the unit square (Solomon et al. 2015,
/// separable Gaussian kernel `exp(−d²/ε)` applied in the log domain, as POT's
/// `convolutional_barycenter2d`): `images` is (h·w)×k, column c = image c with pixel (r, col)
/// at row `r·w + col`, each summing to 1; `weights` k (NULL = uniform). `out` (h·w) receives
/// the barycenter. `O(k hw(h + w))` per iteration, `O(k hw + h² + w²)` memory.
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
        // SAFETY (whole block): pointers are checked by the `args` helpers before use.
        unsafe {
            let o = options(opts)?;
            let p = params_of(&o)?;
            let (a, ra) = matrix("images", &images)?;
            let wt = opt_slice("weights", weights, a.ncols())?;
            let (os, ro) = slice_mut("out", out, a.nrows())?;
            let mut ins = vec![("images", ra)];
            if let Some((_, r)) = &wt {
                ins.push(("weights", *r));
            }
            check_disjoint(&[("out", ro)], &ins)?;
            let mut res = vec![0.0; a.nrows()];
            let req = convolutional_barycenter_scratch(h, w, a.ncols());
            let info = with_workspace(work, work_bytes, req, |stack| {
                crate::par::with_threads(threads(o.num_threads), |par| {
                    convolutional_barycenter_in_place(
                        a,
                        h,
                        w,
                        wt.map(|(s, _)| s),
                        &mut res,
                        &p,
                        par,
                        stack,
                    )
                })?
            })?;
            let rep = report(&info, p.tol, iterations)?;
            os.copy_from_slice(&res);
            Ok(rep)
        }
    })
}
