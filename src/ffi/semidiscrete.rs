//! C entry points of [`crate::semidiscrete`]: Laguerre cells, semi-discrete OT solvers, Lloyd.

use super::args::{
    check_disjoint, matrix, opt_slice, opt_slice_mut, options, slice, slice_mut, threads,
    with_workspace, write_defaults, write_workspace_size, AbiOptions,
};
use super::boundary::{ffi_boundary, Report};
use super::status::otc_status;
use super::view::{otc_matrix_f32, otc_matrix_f64, MatrixView};
use crate::semidiscrete::{laguerre_assign_in_place, laguerre_assign_scratch, LaguerreReal};
use crate::Result;
use std::ffi::c_void;

/// Options of `otc_laguerre_assign_*`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_laguerre_options {
    /// `sizeof(otc_laguerre_options)`, set by `otc_laguerre_options_default`.
    pub struct_size: usize,
    /// Threads: 0 = library default, 1 = the calling thread only, k = exactly k workers.
    pub num_threads: u32,
}

impl AbiOptions for otc_laguerre_options {
    const NAME: &'static str = "otc_laguerre_options";
    fn defaults() -> Self {
        otc_laguerre_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
        }
    }
}

/// Fills `*opts` with the defaults (all threads).
///
/// # Safety
/// `opts` must be valid for writes of one `otc_laguerre_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_laguerre_options_default(
    opts: *mut otc_laguerre_options,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_laguerre_options_default", || {
        unsafe { write_defaults(opts) }.map(|_| Report::ok())
    })
}

/// Bytes of workspace `otc_laguerre_assign_f64` / `_f32` need for `n_sites` sites in
/// dimension `dim` (enough for both precisions), written to `*out_bytes`.
///
/// # Safety
/// `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_laguerre_workspace_size(
    n_sites: usize,
    dim: usize,
    opts: *const otc_laguerre_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_laguerre_workspace_size", || {
        // SAFETY: forwarded contract.
        unsafe { options(opts) }?;
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(laguerre_assign_scratch::<f64>(n_sites, dim), out_bytes) }?;
        Ok(Report::ok())
    })
}

/// The shared body of `otc_laguerre_assign_f64` / `_f32`.
///
/// # Safety
/// The contract of those functions.
#[allow(clippy::too_many_arguments)]
unsafe fn assign<M: MatrixView>(
    points: M,
    point_weights: *const M::T,
    sites: M,
    g: *const M::T,
    opts: *const otc_laguerre_options,
    cells: *mut u32,
    masses: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report>
where
    M::T: LaguerreReal,
{
    // SAFETY (whole block): every pointer is checked by the `args` helpers before use; validity
    // of what the checked pointers address is the caller's contract.
    unsafe {
        let o = options(opts)?;
        let (x, rx) = matrix("points", &points)?;
        let (y, ry) = matrix("sites", &sites)?;
        let (gs, rg) = slice("g", g, y.nrows())?;
        let w = opt_slice("point_weights", point_weights, x.nrows())?;
        let (c, rc) = slice_mut("cells", cells, x.nrows())?;
        let m = opt_slice_mut("masses", masses, y.nrows())?;
        let mut outs = vec![("cells", rc)];
        if let Some((_, r)) = &m {
            outs.push(("masses", *r));
        }
        let mut ins = vec![("points", rx), ("sites", ry), ("g", rg)];
        if let Some((_, r)) = &w {
            ins.push(("point_weights", *r));
        }
        check_disjoint(&outs, &ins)?;
        crate::semidiscrete::assign::check_problem(x, y, gs)?;
        if let Some((ws, _)) = &w {
            crate::error::check_weights("point_weights", ws)?;
        }
        let req = laguerre_assign_scratch::<M::T>(y.nrows(), y.ncols());
        with_workspace(work, work_bytes, req, |stack| {
            crate::par::with_threads(threads(o.num_threads), |par| {
                laguerre_assign_in_place(
                    x,
                    w.map(|(s, _)| s),
                    y,
                    gs,
                    c,
                    m.map(|(s, _)| s),
                    par,
                    stack,
                )
            })?
        })?;
    }
    Ok(Report::ok())
}

/// Laguerre (power) cell of every point, double precision.
///
/// `points` is N×d, `sites` n×d (any strides), `g` has n weights; `cells` (N values)
/// receives `argmin_j |x_i − y_j|² − g_j` (ties: smallest j). `point_weights` (N) and
/// `masses` (n, the summed weight of each cell's points, or N⁻¹ per point when
/// `point_weights` is NULL) are optional. Bitwise identical for every thread count.
/// `O(N n d)`. `work` is NULL or `work_bytes` from `otc_laguerre_workspace_size`.
///
/// # Safety
/// Views and arrays must be valid for the sizes they state; outputs must not overlap
/// inputs or each other.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_laguerre_assign_f64(
    points: otc_matrix_f64,
    point_weights: *const f64,
    sites: otc_matrix_f64,
    g: *const f64,
    opts: *const otc_laguerre_options,
    cells: *mut u32,
    masses: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_laguerre_assign_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            assign(
                points,
                point_weights,
                sites,
                g,
                opts,
                cells,
                masses,
                work,
                work_bytes,
            )
        }
    })
}

/// Laguerre (power) cell of every point, single precision (masses in double).
///
/// `points` is N×d, `sites` n×d (any strides), `g` has n weights; `cells` (N values)
/// receives `argmin_j |x_i − y_j|² − g_j` (ties: smallest j). `point_weights` (N) and
/// `masses` (n, the summed weight of each cell's points, or N⁻¹ per point when
/// `point_weights` is NULL) are optional. Bitwise identical for every thread count.
/// `O(N n d)`. `work` is NULL or `work_bytes` from `otc_laguerre_workspace_size`.
///
/// # Safety
/// Views and arrays must be valid for the sizes they state; outputs must not overlap
/// inputs or each other.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_laguerre_assign_f32(
    points: otc_matrix_f32,
    point_weights: *const f32,
    sites: otc_matrix_f32,
    g: *const f32,
    opts: *const otc_laguerre_options,
    cells: *mut u32,
    masses: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_laguerre_assign_f32", || {
        // SAFETY: forwarded contract.
        unsafe {
            assign(
                points,
                point_weights,
                sites,
                g,
                opts,
                cells,
                masses,
                work,
                work_bytes,
            )
        }
    })
}
