//! C entry points of [`crate::exact::quantile`] in the ABI 1 shape: the quantile function of a
//! weighted measure on the line (`otc_quantile_1d_f64`) and the W_p barycenter of k measures on
//! the line, McCann's geodesic being the barycenter of two (`otc_barycenter_1d_f64`). Double
//! precision only.

use super::args;
use super::boundary::{ffi_boundary, Report};
use super::shape::{self, otc_report, otc_workspace, AbiStruct, Callback};
use super::status::{otc_status, OTC_OK};
use crate::exact::{
    barycenter_1d_in_place, barycenter_1d_room, barycenter_1d_scratch, quantile_1d_in_place,
    quantile_1d_scratch, EmdParams,
};
use crate::{bail, par, Result};
use std::mem::size_of;

// ---------------------------------------------------------------------------------------------
// quantile_1d: the quantile function of a measure on the line.

/// Options of `otc_quantile_1d_f64`; fill with `otc_quantile_1d_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_quantile_1d_options {
    /// `sizeof(otc_quantile_1d_options)`.
    pub struct_size: usize,
    /// Checked (0, or 1 to 256) but unused: the search runs on the calling thread.
    pub num_threads: u32,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers only.
unsafe impl AbiStruct for otc_quantile_1d_options {
    const NAME: &'static str = "otc_quantile_1d_options";
    const MIN_SIZE: usize = size_of::<otc_quantile_1d_options>();
    fn base() -> Self {
        otc_quantile_1d_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
        }
    }
}

/// The quantile function `Q(u) = min{x_j : a_j > 0, F(x_j) ≥ u}` of the measure
/// `Σ_j a_j δ_{x_j}` normalised to mass 1 (`F` its cumulative distribution), at the given
/// levels.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_quantile_1d_problem_f64 {
    /// `sizeof(otc_quantile_1d_problem_f64)`.
    pub struct_size: usize,
    /// Samples (n finite values, any order; never reordered).
    pub x: *const f64,
    /// Their weights (n values, finite, ≥ 0, positive sum).
    pub a: *const f64,
    /// Number of samples n ≥ 1.
    pub n: usize,
    /// Levels u (num_levels values in [0, 1], any order).
    pub levels: *const f64,
    /// Number of levels ≥ 1.
    pub num_levels: usize,
}
crate::abi_struct!(problem otc_quantile_1d_problem_f64);

/// Results of `otc_quantile_1d_f64`. `report.iterations` and `report.error`: 0 (a direct
/// method).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_quantile_1d_outputs_f64 {
    /// `sizeof(otc_quantile_1d_outputs_f64)`.
    pub struct_size: usize,
    /// Status, seconds.
    pub report: otc_report,
    /// Required: `quantiles[l] = Q(levels[l])` (num_levels values), a sample of positive
    /// weight; `Q(0)` is the smallest such sample, `Q(1)` the largest.
    pub quantiles: *mut f64,
}
crate::abi_struct!(outputs otc_quantile_1d_outputs_f64);

/// Writes the default options of `otc_quantile_1d_f64` into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_quantile_1d_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_quantile_1d_options_default(
    opts: *mut otc_quantile_1d_options,
) -> otc_status {
    ffi_boundary("otc_quantile_1d_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// n ≥ 1 and at least one level.
fn check_quantile_sizes(n: usize, num_levels: usize) -> Result<()> {
    if n == 0 || num_levels == 0 {
        bail!(
            InvalidDimension,
            "problem->n is {n} and problem->num_levels {num_levels}: both must be >= 1"
        );
    }
    Ok(())
}

/// Bytes of workspace `otc_quantile_1d_f64` needs for `problem` (its n and num_levels) with
/// `opts` (NULL: defaults): an index array and the cumulative masses, O(n).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (n or num_levels is 0), `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_quantile_1d_workspace_size_f64(
    problem: *const otc_quantile_1d_problem_f64,
    opts: *const otc_quantile_1d_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_quantile_1d_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, _| {
                check_quantile_sizes(p.n, p.num_levels)?;
                Ok(quantile_1d_scratch(p.n))
            })
        }
    })
}

/// The quantile function of the measure `Σ_j a_j δ_{x_j}` (normalised to mass 1) at each
/// level: `out->quantiles[l] = Q(levels[l])`, `Q(u) = min{x_j : a_j > 0, F(x_j) ≥ u}` (the
/// left-continuous inverse of the cumulative distribution F). On the line,
/// `W_p^p(μ, ν) = ∫_0^1 |Q_μ − Q_ν|^p du` for unit masses. Time O((n + L) log n) for L
/// levels, on the calling thread; workspace from `otc_quantile_1d_workspace_size_f64` (or
/// `{NULL, 0}`: allocated).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative
/// weights, a zero mass, a level outside [0, 1]), `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_quantile_1d_f64(
    problem: *const otc_quantile_1d_problem_f64,
    out: *mut otc_quantile_1d_outputs_f64,
    opts: *const otc_quantile_1d_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_quantile_1d_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        par::resolve_threads(args::threads(o.num_threads))?;
        check_quantile_sizes(p.n, p.num_levels)?;
        let (x, rx) = unsafe { args::slice("problem->x", p.x, p.n) }?;
        let (a, ra) = unsafe { args::slice("problem->a", p.a, p.n) }?;
        let (levels, rl) = unsafe { args::slice("problem->levels", p.levels, p.num_levels) }?;
        let (q, rq) =
            unsafe { args::slice_mut("out->quantiles", o_out.value.quantiles, p.num_levels) }?;
        args::disjoint(
            &[("out", Some(o_out.region())), ("out->quantiles", Some(rq))],
            &[&[
                ("problem", Some(rp)),
                ("problem->x", Some(rx)),
                ("problem->a", Some(ra)),
                ("problem->levels", Some(rl)),
            ]],
        )?;
        unsafe {
            shape::run(
                1,
                work,
                quantile_1d_scratch(p.n),
                Callback::NONE,
                |_, stack| quantile_1d_in_place(x, a, levels, q, stack),
            )
        }?;
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}

// ---------------------------------------------------------------------------------------------
// barycenter_1d: the W_p barycenter of k measures on the line (McCann's geodesic for k = 2).

/// Options of `otc_barycenter_1d_f64`; fill with `otc_barycenter_1d_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_barycenter_1d_options {
    /// `sizeof(otc_barycenter_1d_options)`.
    pub struct_size: usize,
    /// Checked (0, or 1 to 256) but unused: the merge runs on the calling thread.
    pub num_threads: u32,
    /// Largest accepted relative mass gap |M_i − M_0| / max(M_i, M_0) between measure i and
    /// measure 0 (default 1e-9); within it, every measure is rescaled to measure 0's mass.
    pub mass_tolerance: f64,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers and floats only.
unsafe impl AbiStruct for otc_barycenter_1d_options {
    const NAME: &'static str = "otc_barycenter_1d_options";
    const MIN_SIZE: usize = size_of::<otc_barycenter_1d_options>();
    fn base() -> Self {
        otc_barycenter_1d_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            mass_tolerance: EmdParams::default().mass_tolerance,
        }
    }
}

/// The W_p barycenter `argmin_ν Σ_i λ_i W_p^p(ν, μ_i)` of k measures on the line, stored one
/// after the other: measure i has the `sizes[i]` samples `x[s_i ..]` with weights `a[s_i ..]`,
/// `s_i = sizes[0] + … + sizes[i − 1]`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_barycenter_1d_problem_f64 {
    /// `sizeof(otc_barycenter_1d_problem_f64)`.
    pub struct_size: usize,
    /// Samples of all measures (n finite values; any order within a measure; never
    /// reordered).
    pub x: *const f64,
    /// Their weights (n values, finite, ≥ 0; each measure's sum positive and equal to measure
    /// 0's within `mass_tolerance`).
    pub a: *const f64,
    /// Total number of samples n = `sizes[0] + … + sizes[k − 1]`.
    pub n: usize,
    /// Samples per measure (k values, each ≥ 1).
    pub sizes: *const usize,
    /// Number of measures k ≥ 1.
    pub k: usize,
    /// Barycentric weights λ (k values, finite, ≥ 0, positive sum; need not sum to 1). McCann's
    /// geodesic at time t between two measures: k = 2, λ = (1 − t, t), p = 2.
    pub lambda: *const f64,
    /// Exponent p ≥ 1 (finite) of W_p.
    pub p: f64,
}
crate::abi_struct!(problem otc_barycenter_1d_problem_f64);

/// Results of `otc_barycenter_1d_f64`: the barycenter as `nnz` weighted points.
/// `report.iterations` and `report.error`: 0 (a direct method).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_barycenter_1d_outputs_f64 {
    /// `sizeof(otc_barycenter_1d_outputs_f64)`.
    pub struct_size: usize,
    /// Status, seconds.
    pub report: otc_report,
    /// Points written (≤ n − k + 1).
    pub nnz: usize,
    /// Required: the barycenter's points, ascending (room for n − k + 1).
    pub points: *mut f64,
    /// Required: their weights, > 0, summing to measure 0's mass (room for n − k + 1).
    pub weights: *mut f64,
}
crate::abi_struct!(outputs otc_barycenter_1d_outputs_f64);

/// Writes the default options of `otc_barycenter_1d_f64` into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_barycenter_1d_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_barycenter_1d_options_default(
    opts: *mut otc_barycenter_1d_options,
) -> otc_status {
    ffi_boundary("otc_barycenter_1d_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The output room n − k + 1, or `OTC_ERR_INVALID_DIMENSION` unless 1 ≤ k ≤ n.
fn barycenter_room(n: usize, k: usize) -> Result<usize> {
    match barycenter_1d_room(n, k) {
        Some(room) => Ok(room),
        None => bail!(
            InvalidDimension,
            "problem->k is {k} and problem->n {n}: 1 <= k <= n is needed (each measure has a \
             sample)"
        ),
    }
}

/// Bytes of workspace `otc_barycenter_1d_f64` needs for `problem` (its n and k) with `opts`
/// (NULL: defaults): an index array (n) and O(k) per-measure state.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (k = 0 or k > n), `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_barycenter_1d_workspace_size_f64(
    problem: *const otc_barycenter_1d_problem_f64,
    opts: *const otc_barycenter_1d_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_barycenter_1d_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            shape::workspace_query(problem, opts, bytes, |p, _| {
                barycenter_room(p.n, p.k)?;
                Ok(barycenter_1d_scratch(p.n, p.k))
            })
        }
    })
}

/// The W_p barycenter of k weighted measures on the line with weights λ, in closed form: its
/// quantile function is `Q(u) = argmin_y Σ_i λ_i |y − Q_i(u)|^p`, constant between the union of
/// the breakpoints of the measures' quantile functions, so the barycenter is at most
/// n − k + 1 weighted points, found by one merge of the sorted measures. p = 2: quantile
/// averaging, `Σ λ_i Q_i(u) / Σ λ`; p = 1: the lower weighted median of the `Q_i(u)`; other p:
/// the root of `Σ λ_i sign(y − Q_i)|y − Q_i|^(p−1)` by bisection to the last bit. McCann's
/// displacement interpolation between two measures at time t is this call with k = 2,
/// λ = (1 − t, t) and p = 2. Time O(n log n + n·c) with c = k for p = 2, k² for p = 1, up to
/// 2100·k otherwise, on the calling thread; workspace from
/// `otc_barycenter_1d_workspace_size_f64` (or `{NULL, 0}`: allocated).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (k = 0, k > n, sizes not summing to n, a measure without
/// samples), `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (p < 1, negative weights or λ,
/// a zero mass or Σλ = 0), `OTC_ERR_MASS_MISMATCH` (naming the measure), `OTC_ERR_ALIASING`,
/// `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
/// `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_barycenter_1d_f64(
    problem: *const otc_barycenter_1d_problem_f64,
    out: *mut otc_barycenter_1d_outputs_f64,
    opts: *const otc_barycenter_1d_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_barycenter_1d_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        par::resolve_threads(args::threads(o.num_threads))?;
        let (n, k) = (p.n, p.k);
        let room = barycenter_room(n, k)?;
        let (x, rx) = unsafe { args::slice("problem->x", p.x, n) }?;
        let (a, ra) = unsafe { args::slice("problem->a", p.a, n) }?;
        let (sizes, rs) = unsafe { args::slice("problem->sizes", p.sizes, k) }?;
        let (lambda, rl) = unsafe { args::slice("problem->lambda", p.lambda, k) }?;
        let (points, rpt) = unsafe { args::slice_mut("out->points", o_out.value.points, room) }?;
        let (weights, rw) = unsafe { args::slice_mut("out->weights", o_out.value.weights, room) }?;
        args::disjoint(
            &[
                ("out", Some(o_out.region())),
                ("out->points", Some(rpt)),
                ("out->weights", Some(rw)),
            ],
            &[&[
                ("problem", Some(rp)),
                ("problem->x", Some(rx)),
                ("problem->a", Some(ra)),
                ("problem->sizes", Some(rs)),
                ("problem->lambda", Some(rl)),
            ]],
        )?;
        let total = sizes.iter().try_fold(0usize, |s, &m| s.checked_add(m));
        if total != Some(n) {
            bail!(
                InvalidDimension,
                "problem->sizes sums to {total:?}: it must sum to problem->n = {n}"
            );
        }
        let (exponent, tolerance) = (p.p, o.mass_tolerance);
        let (nnz, _) = unsafe {
            shape::run(
                1,
                work,
                barycenter_1d_scratch(n, k),
                Callback::NONE,
                |_, stack| {
                    barycenter_1d_in_place(
                        x, a, sizes, lambda, exponent, tolerance, points, weights, stack,
                    )
                },
            )
        }?;
        o_out.value.nnz = nnz;
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}
