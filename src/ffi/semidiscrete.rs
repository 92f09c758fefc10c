//! C entry points of [`crate::semidiscrete`]: Laguerre cells, semi-discrete OT solvers, Lloyd.

use super::args::{
    disjoint, matrix, matrix_mut, opt_out, opt_slice, opt_slice_mut, options, run_threaded, slice,
    slice_mut, write_defaults, write_workspace_size, AbiOptions, Arg,
};
use super::boundary::{ffi_boundary, Report};
use super::status::{otc_status, OTC_WARN_MAX_ITER};
use super::view::{
    otc_matrix_f32, otc_matrix_f64, otc_matrix_mut_f32, otc_matrix_mut_f64, MatrixView,
};
use crate::semidiscrete::{
    laguerre_assign_in_place, laguerre_assign_scratch, lloyd_in_place, lloyd_scratch,
    semidiscrete_in_place, semidiscrete_scratch, semidiscrete_sgd_from_samples_in_place,
    semidiscrete_sgd_from_samples_scratch, semidiscrete_sgd_in_place, semidiscrete_sgd_scratch,
    LaguerreReal, SemiDiscreteInfo, SemiDiscreteMethod, SemiDiscreteParams, SgdParams,
};
use crate::workspace::{take, vec_req};
use crate::{MatMut, MatRef, Real, Result, StackReq};
use std::ffi::c_void;

/// The sample set of a semi-discrete entry point: points (N×d) and their optional weights (N),
/// checked, with the regions they cover.
struct Samples<'a, T> {
    x: MatRef<'a, T>,
    w: Option<&'a [T]>,
    regions: [Arg; 2],
}

/// Reads `points` and `point_weights` (NULL = uniform; finite, >= 0 when given).
///
/// # Safety
/// As [`matrix`] and [`opt_slice`].
unsafe fn samples<'a, M: MatrixView>(
    points: &M,
    point_weights: *const M::T,
) -> Result<Samples<'a, M::T>> {
    // SAFETY: forwarded contract.
    let (x, rx) = unsafe { matrix("points", points) }?;
    // SAFETY: forwarded contract.
    let w = unsafe { opt_slice("point_weights", point_weights, x.nrows()) }?;
    if let Some((ws, _)) = &w {
        crate::error::check_weights("point_weights", ws)?;
    }
    Ok(Samples {
        x,
        regions: [
            ("points", Some(rx)),
            ("point_weights", w.as_ref().map(|(_, r)| *r)),
        ],
        w: w.map(|(s, _)| s),
    })
}

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
        let p = samples(&points, point_weights)?;
        let (y, ry) = matrix("sites", &sites)?;
        let (gs, rg) = slice("g", g, y.nrows())?;
        let (c, rc) = slice_mut("cells", cells, p.x.nrows())?;
        let m = opt_slice_mut("masses", masses, y.nrows())?;
        disjoint(
            &[("cells", Some(rc)), ("masses", m.as_ref().map(|(_, r)| *r))],
            &[&p.regions, &[("sites", Some(ry)), ("g", Some(rg))]],
        )?;
        crate::semidiscrete::assign::check_problem(p.x, y, gs)?;
        let req = laguerre_assign_scratch::<M::T>(y.nrows(), y.ncols());
        run_threaded(o.num_threads, work, work_bytes, req, |par, stack| {
            laguerre_assign_in_place(p.x, p.w, y, gs, c, m.map(|(s, _)| s), par, stack)
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

/// `method` of `otc_semidiscrete_options`: damped Newton on the entropic semi-dual (default).
pub const OTC_SEMIDISCRETE_NEWTON: i32 = 0;
/// `method` of `otc_semidiscrete_options`: gradient ascent on the hard semi-dual.
pub const OTC_SEMIDISCRETE_GRADIENT: i32 = 1;

/// Options of `otc_semidiscrete_f64`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_options {
    /// `sizeof(otc_semidiscrete_options)`, set by `otc_semidiscrete_options_default`.
    pub struct_size: usize,
    /// Threads: 0 = library default, 1 = the calling thread only, k = exactly k workers.
    pub num_threads: u32,
    /// `OTC_SEMIDISCRETE_NEWTON` (default) or `OTC_SEMIDISCRETE_GRADIENT`.
    pub method: i32,
    /// Iteration cap (default 1000).
    pub max_iter: i32,
    /// Stop when the largest cell-mass error is at most `tol` (default 1e-6; smoothed masses
    /// for Newton, hard masses for the gradient method).
    pub tol: f64,
    /// Gradient step; 0 (default) = chosen from the data.
    pub step: f64,
    /// Newton's entropic smoothing ε (squared distance); 0 (default) = 1e-4 · bbox diagonal².
    pub epsilon: f64,
}

impl AbiOptions for otc_semidiscrete_options {
    const NAME: &'static str = "otc_semidiscrete_options";
    fn defaults() -> Self {
        let p = SemiDiscreteParams::default();
        otc_semidiscrete_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            method: OTC_SEMIDISCRETE_NEWTON,
            max_iter: p.max_iter as i32,
            tol: p.tol,
            step: p.step,
            epsilon: p.epsilon,
        }
    }
}

/// What `otc_semidiscrete_f64` reports.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_semidiscrete_info {
    /// Iterations made.
    pub iterations: u64,
    /// Largest |hard cell mass − b_j| at the returned g.
    pub mass_error: f64,
    /// Largest |smoothed cell mass − b_j| (Newton; the hard error for the gradient method).
    pub smoothed_mass_error: f64,
    /// ε used (Newton) or 0.
    pub epsilon: f64,
    /// Step used (gradient) or 0.
    pub step: f64,
    /// 1 if the tolerance was met, else 0.
    pub converged: u32,
}

fn params_of(o: &otc_semidiscrete_options) -> Result<SemiDiscreteParams> {
    let method = match o.method {
        OTC_SEMIDISCRETE_NEWTON => SemiDiscreteMethod::Newton,
        OTC_SEMIDISCRETE_GRADIENT => SemiDiscreteMethod::Gradient,
        m => crate::bail!(
            InvalidArgument,
            "method = {m} is unknown: expected OTC_SEMIDISCRETE_NEWTON (0) or OTC_SEMIDISCRETE_GRADIENT (1)"
        ),
    };
    if o.max_iter < 1 {
        crate::bail!(InvalidArgument, "max_iter = {}: need >= 1", o.max_iter);
    }
    Ok(SemiDiscreteParams {
        method,
        max_iter: o.max_iter as usize,
        tol: o.tol,
        step: o.step,
        epsilon: o.epsilon,
    })
}

/// Fills `*opts` with the defaults.
///
/// # Safety
/// `opts` must be valid for writes of one `otc_semidiscrete_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_options_default(
    opts: *mut otc_semidiscrete_options,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_semidiscrete_options_default", || {
        unsafe { write_defaults(opts) }.map(|_| Report::ok())
    })
}

/// Bytes of workspace `otc_semidiscrete_f64` needs for N samples, n sites in dimension d.
///
/// # Safety
/// `opts` is NULL or valid; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_workspace_size(
    n_points: usize,
    n_sites: usize,
    dim: usize,
    opts: *const otc_semidiscrete_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_semidiscrete_workspace_size", || {
        // SAFETY: forwarded contract.
        let p = params_of(&unsafe { options(opts) }?)?;
        let req = solve_req::<f64>(n_points, n_sites, dim, &p);
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(req, out_bytes) }?;
        Ok(Report::ok())
    })
}

/// Workspace of `otc_semidiscrete_f64` / `_f32` in precision `T`: g (n values of `T`) and the
/// masses (n f64) staged, then the solver's own workspace.
fn solve_req<T: Real>(
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

/// The shared body of `otc_semidiscrete_f64` / `_f32`: the solver iterates on copies of `g`
/// and `masses` in the workspace, written to the outputs only when it returns (converged, or
/// with `OTC_WARN_MAX_ITER`).
///
/// # Safety
/// The contract of those functions.
#[allow(clippy::too_many_arguments)]
unsafe fn solve<M: MatrixView>(
    points: M,
    point_weights: *const M::T,
    sites: M,
    b: *const M::T,
    opts: *const otc_semidiscrete_options,
    g: *mut M::T,
    masses: *mut f64,
    info: *mut otc_semidiscrete_info,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report>
where
    M::T: LaguerreReal,
{
    // SAFETY (whole block): pointers are checked by the `args` helpers before use.
    unsafe {
        let o = options(opts)?;
        let params = params_of(&o)?;
        let p = samples(&points, point_weights)?;
        let (y, ry) = matrix("sites", &sites)?;
        let (bs, rb) = slice("b", b, y.nrows())?;
        let (gs, rg) = slice_mut("g", g, y.nrows())?;
        let m = opt_slice_mut("masses", masses, y.nrows())?;
        let info_out = opt_out("info", info)?;
        disjoint(
            &[
                ("g", Some(rg)),
                ("masses", m.as_ref().map(|(_, r)| *r)),
                ("info", info_out.as_ref().map(|(_, r)| *r)),
            ],
            &[&p.regions, &[("sites", Some(ry)), ("b", Some(rb))]],
        )?;
        let req = solve_req::<M::T>(p.x.nrows(), y.nrows(), y.ncols(), &params);
        let res = run_threaded(o.num_threads, work, work_bytes, req, |par, stack| {
            let (mut g_work, stack) = take(stack, gs.len(), M::T::ZERO);
            g_work.copy_from_slice(gs);
            let (mut m_work, stack) = take(stack, gs.len(), 0.0f64);
            let res = semidiscrete_in_place(
                p.x,
                p.w,
                y,
                bs,
                &mut g_work,
                &mut m_work,
                &params,
                par,
                stack,
            )?;
            gs.copy_from_slice(&g_work);
            if let Some((ms, _)) = m {
                ms.copy_from_slice(&m_work);
            }
            Ok(res)
        })?;
        if let Some((i, _)) = info_out {
            *i = info_of(&res);
        }
        Ok(if res.converged {
            Report::ok()
        } else {
            Report::warn(
                OTC_WARN_MAX_ITER,
                format!(
                    "{} iterations: mass error {:e} (smoothed {:e}) > tol {:e}",
                    res.iterations, res.mass_error, res.smoothed_mass_error, params.tol
                ),
            )
        })
    }
}

fn info_of(res: &SemiDiscreteInfo) -> otc_semidiscrete_info {
    otc_semidiscrete_info {
        iterations: res.iterations as u64,
        mass_error: res.mass_error,
        smoothed_mass_error: res.smoothed_mass_error,
        epsilon: res.epsilon,
        step: res.step,
        converged: u32::from(res.converged),
    }
}

/// Semi-discrete OT, squared Euclidean cost, double precision: samples `points` (N×d) with
/// weights `point_weights` (N, NULL = 1/N each) to sites `sites` (n×d) with weights `b` (n,
/// same total mass). `g` (n) holds the initial dual weights on entry (zeros are fine) and the
/// solution (zero mean) on return; `masses` (n, optional) receives the Laguerre cell masses;
/// `info` (optional) the report. Returns `OTC_WARN_MAX_ITER` when the tolerance was not met
/// (the outputs then hold the last iterate). Two sites at the same position that both have
/// positive weight are `OTC_ERR_INVALID_ARGUMENT` (a Laguerre cell cannot be shared: merge
/// them). See the Rust docs of `semidiscrete` for the methods. Bitwise identical for every
/// thread count.
///
/// # Safety
/// Views and arrays must be valid for the sizes they state; outputs must not overlap.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_semidiscrete_f64(
    points: otc_matrix_f64,
    point_weights: *const f64,
    sites: otc_matrix_f64,
    b: *const f64,
    opts: *const otc_semidiscrete_options,
    g: *mut f64,
    masses: *mut f64,
    info: *mut otc_semidiscrete_info,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_semidiscrete_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            solve(
                points,
                point_weights,
                sites,
                b,
                opts,
                g,
                masses,
                info,
                work,
                work_bytes,
            )
        }
    })
}

/// Semi-discrete OT, squared Euclidean cost, single precision (cell masses, the report and
/// all sums in double): as `otc_semidiscrete_f64`. The workspace size of
/// `otc_semidiscrete_workspace_size` covers both precisions.
///
/// # Safety
/// Views and arrays must be valid for the sizes they state; outputs must not overlap.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_semidiscrete_f32(
    points: otc_matrix_f32,
    point_weights: *const f32,
    sites: otc_matrix_f32,
    b: *const f32,
    opts: *const otc_semidiscrete_options,
    g: *mut f32,
    masses: *mut f64,
    info: *mut otc_semidiscrete_info,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_semidiscrete_f32", || {
        // SAFETY: forwarded contract.
        unsafe {
            solve(
                points,
                point_weights,
                sites,
                b,
                opts,
                g,
                masses,
                info,
                work,
                work_bytes,
            )
        }
    })
}

/// A sampler of the continuous source: writes `count` independent samples (row-major,
/// `count × dim` doubles) into `out_points`; returns 0 on success, anything else stops the
/// solver (`OTC_ERR_INVALID_ARGUMENT`). With `num_threads != 1` it may run on an otcore
/// worker thread, never concurrently with itself.
pub type otc_sample_fn =
    Option<unsafe extern "C" fn(user: *mut c_void, count: usize, out_points: *mut f64) -> i32>;

/// The single-precision sampler of `otc_semidiscrete_sgd_f32`: as `otc_sample_fn`, writing
/// `count × dim` floats.
pub type otc_sample_f32_fn =
    Option<unsafe extern "C" fn(user: *mut c_void, count: usize, out_points: *mut f32) -> i32>;

/// Options of the averaged SGD entry points (`otc_semidiscrete_sgd_*`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sgd_options {
    /// `sizeof(otc_sgd_options)`, set by `otc_sgd_options_default`.
    pub struct_size: usize,
    /// Threads: 0 = library default, 1 = the calling thread only, k = exactly k workers.
    pub num_threads: u32,
    /// Number of batches (default 10000).
    pub iterations: i32,
    /// Samples per batch (default 64).
    pub batch: i32,
    /// Initial step γ₀; 0 (default) = chosen from the first batch.
    pub step: f64,
}

impl AbiOptions for otc_sgd_options {
    const NAME: &'static str = "otc_sgd_options";
    fn defaults() -> Self {
        let p = SgdParams::default();
        otc_sgd_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            iterations: p.iterations as i32,
            batch: p.batch as i32,
            step: p.step,
        }
    }
}

fn sgd_params_of(o: &otc_sgd_options) -> Result<SgdParams> {
    if o.iterations < 1 || o.batch < 1 {
        crate::bail!(
            InvalidArgument,
            "iterations = {}, batch = {}: both must be >= 1",
            o.iterations,
            o.batch
        );
    }
    Ok(SgdParams {
        iterations: o.iterations as usize,
        batch: o.batch as usize,
        step: o.step,
    })
}

/// Fills `*opts` with the defaults.
///
/// # Safety
/// `opts` must be valid for writes of one `otc_sgd_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_sgd_options_default(opts: *mut otc_sgd_options) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary("otc_sgd_options_default", || {
        unsafe { write_defaults(opts) }.map(|_| Report::ok())
    })
}

/// Bytes of workspace `otc_semidiscrete_sgd_f64` / `_f32` need for n sites in dimension `dim`
/// (enough for both precisions).
///
/// # Safety
/// `opts` is NULL or valid; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_sgd_workspace_size(
    n_sites: usize,
    dim: usize,
    opts: *const otc_sgd_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_semidiscrete_sgd_workspace_size", || {
        // SAFETY: forwarded contract.
        let p = sgd_params_of(&unsafe { options(opts) }?)?;
        let req = semidiscrete_sgd_scratch::<f64>(n_sites, dim, p.batch);
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(req, out_bytes) }?;
        Ok(Report::ok())
    })
}

/// The C sampler and its user pointer, movable to an otcore worker (called from one thread at
/// a time).
struct CSampler<T> {
    f: unsafe extern "C" fn(*mut c_void, usize, *mut T) -> i32,
    user: *mut c_void,
}
// SAFETY: the header tells the caller that the sampler may run on an otcore worker thread;
// it is never called concurrently.
unsafe impl<T> Send for CSampler<T> {}

/// Reads the sites, weights and g of an SGD entry point, checks that g overlaps neither, and
/// runs `solve` (given the sites and b) on g directly: the SGD solvers iterate in their
/// workspace and write g only on success.
///
/// # Safety
/// The contract of the `otc_semidiscrete_sgd_*` functions.
unsafe fn sgd_common<M: MatrixView>(
    sites: M,
    b: *const M::T,
    g: *mut M::T,
    inputs: &[Arg],
    solve: impl FnOnce(MatRef<'_, M::T>, &[M::T], &mut [M::T]) -> Result<()>,
) -> Result<Report>
where
    M::T: LaguerreReal,
{
    // SAFETY (whole block): pointers are checked by the `args` helpers before use.
    unsafe {
        let (y, ry) = matrix("sites", &sites)?;
        let (bs, rb) = slice("b", b, y.nrows())?;
        let (gs, rg) = slice_mut("g", g, y.nrows())?;
        disjoint(
            &[("g", Some(rg))],
            &[inputs, &[("sites", Some(ry)), ("b", Some(rb))]],
        )?;
        solve(y, bs, gs)?;
    }
    Ok(Report::ok())
}

/// The shared body of `otc_semidiscrete_sgd_f64` / `_f32`.
///
/// # Safety
/// The contract of those functions.
#[allow(clippy::too_many_arguments)]
unsafe fn sgd_callback<M: MatrixView>(
    sample: Option<unsafe extern "C" fn(*mut c_void, usize, *mut M::T) -> i32>,
    user: *mut c_void,
    sites: M,
    b: *const M::T,
    opts: *const otc_sgd_options,
    g: *mut M::T,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report>
where
    M::T: LaguerreReal,
{
    let Some(f) = sample else {
        crate::bail!(NullPointer, "sample is NULL");
    };
    // SAFETY: forwarded contract.
    let o = unsafe { options(opts) }?;
    let params = sgd_params_of(&o)?;
    // SAFETY: forwarded contract.
    unsafe {
        sgd_common(sites, b, g, &[], |y, bs, gw| {
            let mut sampler = CSampler { f, user };
            let dim = y.ncols();
            let mut call = move |out: &mut [M::T]| -> Result<()> {
                let s = &mut sampler;
                // SAFETY: `out` holds count × dim values, as the callback's contract says.
                let code = (s.f)(s.user, out.len() / dim, out.as_mut_ptr());
                if code != 0 {
                    crate::bail!(InvalidArgument, "the sampler returned {code}");
                }
                Ok(())
            };
            let req = semidiscrete_sgd_scratch::<M::T>(y.nrows(), dim, params.batch);
            run_threaded(o.num_threads, work, work_bytes, req, |par, stack| {
                semidiscrete_sgd_in_place(&mut call, y, bs, gw, &params, par, stack)
            })
            .map(|_| ())
        })
    }
}

/// Averaged stochastic gradient ascent (Genevay et al. 2016) for semi-discrete OT from the
/// samples that `sample(user, batch, out)` streams (dimension `dim` = `sites.cols`), to
/// `sites` (n×dim) with weights `b` (n, sum 1). `g` (n) receives the averaged dual weights
/// (zero mean). `O(iterations · batch · n · dim)`.
///
/// # Safety
/// `sample` must be a valid function; views and arrays valid for the sizes they state.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_semidiscrete_sgd_f64(
    sample: otc_sample_fn,
    user: *mut c_void,
    sites: otc_matrix_f64,
    b: *const f64,
    opts: *const otc_sgd_options,
    g: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_semidiscrete_sgd_f64", || {
        // SAFETY: forwarded contract.
        unsafe { sgd_callback(sample, user, sites, b, opts, g, work, work_bytes) }
    })
}

/// Averaged SGD in single precision (the iterates are averaged in double): as
/// `otc_semidiscrete_sgd_f64`, with a sampler writing floats.
///
/// # Safety
/// `sample` must be a valid function; views and arrays valid for the sizes they state.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_semidiscrete_sgd_f32(
    sample: otc_sample_f32_fn,
    user: *mut c_void,
    sites: otc_matrix_f32,
    b: *const f32,
    opts: *const otc_sgd_options,
    g: *mut f32,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_semidiscrete_sgd_f32", || {
        // SAFETY: forwarded contract.
        unsafe { sgd_callback(sample, user, sites, b, opts, g, work, work_bytes) }
    })
}

/// Bytes of workspace `otc_semidiscrete_sgd_samples_f64` / `_f32` need for N samples and n
/// sites in dimension `dim` (enough for both precisions).
///
/// # Safety
/// `opts` is NULL or valid; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_semidiscrete_sgd_samples_workspace_size(
    n_points: usize,
    n_sites: usize,
    dim: usize,
    opts: *const otc_sgd_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_semidiscrete_sgd_samples_workspace_size", || {
        // SAFETY: forwarded contract.
        let p = sgd_params_of(&unsafe { options(opts) }?)?;
        let req = semidiscrete_sgd_from_samples_scratch::<f64>(n_points, n_sites, dim, p.batch);
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(req, out_bytes) }?;
        Ok(Report::ok())
    })
}

/// The shared body of `otc_semidiscrete_sgd_samples_f64` / `_f32`.
///
/// # Safety
/// The contract of those functions.
#[allow(clippy::too_many_arguments)]
unsafe fn sgd_samples<M: MatrixView>(
    points: M,
    point_weights: *const M::T,
    sites: M,
    b: *const M::T,
    seed: u64,
    opts: *const otc_sgd_options,
    g: *mut M::T,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report>
where
    M::T: LaguerreReal,
{
    // SAFETY (whole block): pointers are checked by the `args` helpers before use.
    unsafe {
        let o = options(opts)?;
        let params = sgd_params_of(&o)?;
        let p = samples(&points, point_weights)?;
        sgd_common(sites, b, g, &p.regions, |y, bs, gw| {
            let req = semidiscrete_sgd_from_samples_scratch::<M::T>(
                p.x.nrows(),
                y.nrows(),
                y.ncols(),
                params.batch,
            );
            run_threaded(o.num_threads, work, work_bytes, req, |par, stack| {
                semidiscrete_sgd_from_samples_in_place(
                    p.x, p.w, y, bs, gw, &params, seed, par, stack,
                )
            })
            .map(|_| ())
        })
    }
}

/// Averaged SGD (Genevay et al. 2016) for semi-discrete OT from a sample array, double
/// precision: each batch draws rows of `points` (N×d, any strides) with probabilities
/// `point_weights` (N, NULL = uniform; >= 0 with a positive sum) from a SplitMix64 stream
/// seeded by `seed`, to `sites` (n×d) with weights `b` (n, sum 1). `g` (n) receives the averaged
/// dual weights (zero mean). The same seed gives the same g for every thread count.
/// `O(iterations · batch · (n · d + log N))`; `work` is NULL or `work_bytes` from
/// `otc_semidiscrete_sgd_samples_workspace_size`.
///
/// # Safety
/// Views and arrays must be valid for the sizes they state; `g` must not overlap inputs.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_semidiscrete_sgd_samples_f64(
    points: otc_matrix_f64,
    point_weights: *const f64,
    sites: otc_matrix_f64,
    b: *const f64,
    seed: u64,
    opts: *const otc_sgd_options,
    g: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_semidiscrete_sgd_samples_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            sgd_samples(
                points,
                point_weights,
                sites,
                b,
                seed,
                opts,
                g,
                work,
                work_bytes,
            )
        }
    })
}

/// Averaged SGD from a sample array, single precision (iterates averaged in double): as
/// `otc_semidiscrete_sgd_samples_f64`.
///
/// # Safety
/// Views and arrays must be valid for the sizes they state; `g` must not overlap inputs.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_semidiscrete_sgd_samples_f32(
    points: otc_matrix_f32,
    point_weights: *const f32,
    sites: otc_matrix_f32,
    b: *const f32,
    seed: u64,
    opts: *const otc_sgd_options,
    g: *mut f32,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_semidiscrete_sgd_samples_f32", || {
        // SAFETY: forwarded contract.
        unsafe {
            sgd_samples(
                points,
                point_weights,
                sites,
                b,
                seed,
                opts,
                g,
                work,
                work_bytes,
            )
        }
    })
}

/// Bytes of workspace `otc_lloyd_f64` / `_f32` need for N samples and n sites in dimension
/// `dim` (enough for both precisions).
///
/// # Safety
/// `opts` is NULL or valid; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_lloyd_workspace_size(
    n_points: usize,
    n_sites: usize,
    dim: usize,
    opts: *const otc_laguerre_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_lloyd_workspace_size", || {
        // SAFETY: forwarded contract.
        unsafe { options(opts) }?;
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(lloyd_req::<f64>(n_points, n_sites, dim), out_bytes) }?;
        Ok(Report::ok())
    })
}

/// Workspace of `otc_lloyd_f64` / `_f32` in precision `T`: the sites staged (n·d values of
/// `T`), then Lloyd's own workspace.
fn lloyd_req<T: LaguerreReal>(n_points: usize, n_sites: usize, dim: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<T>(n_sites.saturating_mul(dim)),
        lloyd_scratch::<T>(n_points, n_sites, dim),
    ])
}

/// The shared body of `otc_lloyd_f64` / `_f32`: the sites are moved in a copy in the
/// workspace, written back when the iterations end.
///
/// # Safety
/// The contract of those functions.
#[allow(clippy::too_many_arguments)]
unsafe fn lloyd<M: MatrixView, W: MatrixView<T = M::T>>(
    points: M,
    point_weights: *const M::T,
    sites: W,
    max_iter: i32,
    tol: f64,
    opts: *const otc_laguerre_options,
    distortion: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report>
where
    M::T: LaguerreReal,
{
    // SAFETY (whole block): pointers are checked by the `args` helpers before use.
    unsafe {
        let o = options(opts)?;
        if max_iter < 0 || tol.is_nan() || tol < 0.0 {
            crate::bail!(
                InvalidArgument,
                "max_iter = {max_iter}, tol = {tol:e}: need >= 0"
            );
        }
        let p = samples(&points, point_weights)?;
        let (mut y, ry) = matrix_mut("sites", &sites)?;
        let dist = opt_out("distortion", distortion)?;
        disjoint(
            &[
                ("sites", Some(ry)),
                ("distortion", dist.as_ref().map(|(_, r)| *r)),
            ],
            &[&p.regions],
        )?;
        let (n, d) = (y.nrows(), y.ncols());
        let req = lloyd_req::<M::T>(p.x.nrows(), n, d);
        let info = run_threaded(o.num_threads, work, work_bytes, req, |par, stack| {
            let (mut buf, stack) = take(stack, n * d, M::T::ZERO);
            let mut ws = MatMut::from_column_major_slice_mut(&mut buf, n, d);
            for k in 0..d {
                for i in 0..n {
                    *ws.as_mut().get_mut(i, k) = *y.as_ref().get(i, k);
                }
            }
            let info = lloyd_in_place(p.x, p.w, ws.as_mut(), max_iter as usize, tol, par, stack)?;
            for k in 0..d {
                for i in 0..n {
                    *y.as_mut().get_mut(i, k) = *ws.as_ref().get(i, k);
                }
            }
            Ok(info)
        })?;
        if let Some((d, _)) = dist {
            *d = info.distortion;
        }
        Ok(if info.last_move <= tol {
            Report::ok()
        } else {
            Report::warn(
                OTC_WARN_MAX_ITER,
                format!(
                    "{} iterations: sites still move by {:e} > tol {tol:e}",
                    info.iterations, info.last_move
                ),
            )
        })
    }
}

/// Lloyd iterations (optimal quantisation), double precision: at most `max_iter` times, move
/// every site of `sites` (n×d, updated in place) to the barycenter of its Voronoi cell among
/// the samples `points` (N×d) weighted by `point_weights` (NULL = uniform); stop when no site
/// moves more than `tol`. `distortion` (optional) receives `Σ a_i min_j |x_i − y_j|²` (weights
/// normalised). `OTC_WARN_MAX_ITER` when sites still moved more than `tol`.
///
/// # Safety
/// Views and arrays must be valid for the sizes they state; `sites` must not overlap inputs.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_lloyd_f64(
    points: otc_matrix_f64,
    point_weights: *const f64,
    sites: otc_matrix_mut_f64,
    max_iter: i32,
    tol: f64,
    opts: *const otc_laguerre_options,
    distortion: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_lloyd_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            lloyd(
                points,
                point_weights,
                sites,
                max_iter,
                tol,
                opts,
                distortion,
                work,
                work_bytes,
            )
        }
    })
}

/// Lloyd iterations in single precision (sums and the distortion in double): as
/// `otc_lloyd_f64`.
///
/// # Safety
/// Views and arrays must be valid for the sizes they state; `sites` must not overlap inputs.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_lloyd_f32(
    points: otc_matrix_f32,
    point_weights: *const f32,
    sites: otc_matrix_mut_f32,
    max_iter: i32,
    tol: f64,
    opts: *const otc_laguerre_options,
    distortion: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_lloyd_f32", || {
        // SAFETY: forwarded contract.
        unsafe {
            lloyd(
                points,
                point_weights,
                sites,
                max_iter,
                tol,
                opts,
                distortion,
                work,
                work_bytes,
            )
        }
    })
}
