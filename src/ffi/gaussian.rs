//! C entry points of [`crate::gaussian`]: Bures and W₂ distances (one pair, all pairs), the
//! OT map and its application, McCann geodesics, barycenters, moments and PSD square roots.
//!
//! Covariances cross as strided `otc_matrix_f64` views (row- or column-major without a copy);
//! batches of covariances as arrays of views. Means are contiguous `double` arrays of length
//! d, or the rows of an `otc_matrix_f64` for batches.

use super::args::{
    check_disjoint, matrix, matrix_mut, opt_out, opt_slice, opt_slice_mut, options, out,
    run_threaded, slice, threads, write_defaults, write_workspace_size, AbiOptions, Indexed,
    Region,
};
use super::boundary::{ffi_boundary, Report};
use super::status::{otc_status, OTC_WARN_MAX_ITER, OTC_WARN_SINGULAR};
use super::view::{otc_matrix_f64, otc_matrix_mut_f64};
use crate::gaussian::{self as g, BarycenterParams, GaussianInfo, PsdTolerances};
use crate::workspace::try_vec_with_capacity;
use crate::{bail, MatRef, Par, Result, StackReq};
use std::ffi::c_void;
use std::num::NonZeroUsize;

/// Options of the Gaussian functions. Fill with `otc_gaussian_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_options {
    /// `sizeof(otc_gaussian_options)`.
    pub struct_size: usize,
    /// 0 = library default, 1 = calling thread only, k = k workers (default 0).
    pub num_threads: u32,
    /// Iteration cap of the barycenter (default 1000).
    pub max_iter: u32,
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    pub symmetry_tol: f64,
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    pub psd_tol: f64,
    /// Eigenvalues ≤ rank_tol·λmax count as 0 when inverting (pseudo-inverse); 0 = d·ε (default).
    pub rank_tol: f64,
    /// Barycenter: stop when the estimated relative error of the covariance is at most this
    /// (default 1e-13); the estimate is sₖ·q/(1 − q) from the last relative step sₖ and the
    /// rate q = sₖ/sₖ₋₁ of the linearly converging iteration.
    pub tol: f64,
}

impl AbiOptions for otc_gaussian_options {
    const NAME: &'static str = "otc_gaussian_options";
    fn defaults() -> Self {
        let t = PsdTolerances::default();
        let b = BarycenterParams::default();
        otc_gaussian_options {
            struct_size: std::mem::size_of::<Self>(),
            num_threads: 0,
            max_iter: b.max_iter as u32,
            symmetry_tol: t.symmetry,
            psd_tol: t.negative,
            rank_tol: t.rank,
            tol: b.tol,
        }
    }
}

impl otc_gaussian_options {
    fn psd(&self) -> Result<PsdTolerances> {
        for (name, v) in [
            ("symmetry_tol", self.symmetry_tol),
            ("psd_tol", self.psd_tol),
            ("rank_tol", self.rank_tol),
            ("tol", self.tol),
        ] {
            if v.is_nan() || v < 0.0 || v.is_infinite() {
                bail!(
                    InvalidArgument,
                    "options.{name} = {v:?}: must be finite and >= 0"
                );
            }
        }
        Ok(PsdTolerances {
            symmetry: self.symmetry_tol,
            negative: self.psd_tol,
            rank: self.rank_tol,
        })
    }
    fn par(&self) -> Result<Par> {
        Ok(
            match crate::par::resolve_threads(threads(self.num_threads))? {
                1 => Par::Seq,
                k => Par::Rayon(NonZeroUsize::new(k).expect("k >= 2")),
            },
        )
    }
}

/// Workspace query selector: `otc_bures_distance` and `otc_gaussian_w2`.
pub const OTC_GAUSSIAN_OP_DISTANCE: i32 = 0;
/// Workspace query selector: `otc_gaussian_w2_pairwise` (n = k₁, m = k₂).
pub const OTC_GAUSSIAN_OP_PAIRWISE: i32 = 1;
/// Workspace query selector: `otc_gaussian_map`.
pub const OTC_GAUSSIAN_OP_MAP: i32 = 2;
/// Workspace query selector: `otc_gaussian_geodesic`.
pub const OTC_GAUSSIAN_OP_GEODESIC: i32 = 3;
/// Workspace query selector: `otc_gaussian_barycenter`.
pub const OTC_GAUSSIAN_OP_BARYCENTER: i32 = 4;
/// Workspace query selector: `otc_gaussian_moments` (n = number of points).
pub const OTC_GAUSSIAN_OP_MOMENTS: i32 = 5;
/// Workspace query selector: `otc_psd_sqrt`.
pub const OTC_GAUSSIAN_OP_PSD_SQRT: i32 = 6;

/// The operations a workspace can be asked for.
enum Op {
    Distance,
    Pairwise,
    Map,
    Geodesic,
    Barycenter,
    Moments,
    PsdSqrt,
}

impl TryFrom<i32> for Op {
    type Error = ();
    fn try_from(v: i32) -> std::result::Result<Self, ()> {
        Ok(match v {
            OTC_GAUSSIAN_OP_DISTANCE => Op::Distance,
            OTC_GAUSSIAN_OP_PAIRWISE => Op::Pairwise,
            OTC_GAUSSIAN_OP_MAP => Op::Map,
            OTC_GAUSSIAN_OP_GEODESIC => Op::Geodesic,
            OTC_GAUSSIAN_OP_BARYCENTER => Op::Barycenter,
            OTC_GAUSSIAN_OP_MOMENTS => Op::Moments,
            OTC_GAUSSIAN_OP_PSD_SQRT => Op::PsdSqrt,
            _ => return Err(()),
        })
    }
}

fn op_req(op: Op, d: usize, n: usize, m: usize, par: Par) -> StackReq {
    match op {
        Op::Distance => g::bures_distance_scratch(d, par),
        Op::Pairwise => g::w2_pairwise_scratch(n, m, d, par),
        Op::Map => g::map_scratch(d, par),
        Op::Geodesic => g::geodesic_scratch(d, par),
        Op::Barycenter => g::barycenter_scratch(d, par),
        Op::Moments => g::moments_scratch(n, d),
        Op::PsdSqrt => g::psd_sqrt_scratch(d, par),
    }
}

/// Writes the default Gaussian options into `*out`.
///
/// # Safety
/// `out` must be valid for writes of one `otc_gaussian_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_options_default(
    out: *mut otc_gaussian_options,
) -> otc_status {
    ffi_boundary("otc_gaussian_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { write_defaults(out) }?;
        Ok(Report::ok())
    })
}

/// Bytes of workspace the Gaussian operation `op` (an `OTC_GAUSSIAN_OP_*`) needs in dimension
/// `d`; `n`, `m` are the batch sizes k₁, k₂ for `OTC_GAUSSIAN_OP_PAIRWISE`, the number of points
/// for `OTC_GAUSSIAN_OP_MOMENTS`, and ignored otherwise. Depends on `opts->num_threads`.
///
/// # Safety
/// `opts` NULL or a valid options struct; `out_bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_workspace_size(
    op: i32,
    d: usize,
    n: usize,
    m: usize,
    opts: *const otc_gaussian_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_gaussian_workspace_size", || {
        // SAFETY: forwarded contract.
        let o = unsafe { options(opts) }?;
        let op: Op = super::args::enum_arg("op", op, "an OTC_GAUSSIAN_OP_* value (0..=6)")?;
        if d == 0 {
            bail!(InvalidDimension, "d = 0");
        }
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(op_req(op, d, n, m, o.par()?), out_bytes) }?;
        Ok(Report::ok())
    })
}

/// A required d×d covariance view.
///
/// # Safety
/// As [`matrix`].
unsafe fn cov<'a>(
    what: impl std::fmt::Display + Copy,
    m: &otc_matrix_f64,
) -> Result<(MatRef<'a, f64>, Region)> {
    // SAFETY: forwarded contract.
    let (v, r) = unsafe { matrix(what, m) }?;
    if v.nrows() != v.ncols() {
        bail!(
            InvalidDimension,
            "{what} is {}x{}: a covariance is square",
            v.nrows(),
            v.ncols()
        );
    }
    Ok((v, r))
}

/// Views of a batch of covariances, and the regions (array and matrices) they cover.
type CovBatch<'a> = (Vec<MatRef<'a, f64>>, Vec<(&'static str, Region)>);

/// An array of `k` covariance views (d×d each) and the regions they cover.
///
/// # Safety
/// `ptr` points to `k` views, each valid as for [`matrix`].
unsafe fn covs<'a>(
    what: &'static str,
    ptr: *const otc_matrix_f64,
    k: usize,
    d: usize,
) -> Result<CovBatch<'a>> {
    // SAFETY: forwarded contract.
    let (views, r) = unsafe { slice(what, ptr, k) }?;
    let mut mats = try_vec_with_capacity(what, k)?;
    let mut regions = try_vec_with_capacity(what, k.saturating_add(1))?;
    regions.push((what, r));
    for (i, v) in views.iter().enumerate() {
        // SAFETY: forwarded contract.
        let (m, r) = unsafe { cov(Indexed(what, i), v) }?;
        if m.nrows() != d {
            bail!(
                InvalidDimension,
                "{what}[{i}] is {}x{}, expected {d}x{d}",
                m.nrows(),
                m.ncols()
            );
        }
        mats.push(m);
        regions.push((what, r));
    }
    Ok((mats, regions))
}

fn singular_report(info: GaussianInfo, what: &str) -> Report {
    if info.singular {
        Report::warn(
            OTC_WARN_SINGULAR,
            format!(
                "{what} has numerical rank {}: its pseudo-inverse square root was used",
                info.rank
            ),
        )
    } else {
        Report::ok()
    }
}

/// Squared Bures distance B²(Σ₁, Σ₂) = tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½ between two
/// symmetric PSD d×d matrices, into `*out_bures_sq`. Singular inputs are fine; non-symmetric
/// or indefinite ones (beyond the options' tolerances) are `OTC_ERR_NOT_PSD`.
/// Workspace: `OTC_GAUSSIAN_OP_DISTANCE`.
///
/// # Safety
/// Views valid as described; `work` NULL or `work_bytes` writable bytes; `out_bures_sq` writable.
#[no_mangle]
pub unsafe extern "C" fn otc_bures_distance(
    sigma1: otc_matrix_f64,
    sigma2: otc_matrix_f64,
    opts: *const otc_gaussian_options,
    work: *mut c_void,
    work_bytes: usize,
    out_bures_sq: *mut f64,
) -> otc_status {
    ffi_boundary("otc_bures_distance", || {
        // SAFETY: the caller's contract, checked by the helpers.
        unsafe {
            let o = options(opts)?;
            let tol = o.psd()?;
            let (s1, r1) = cov("sigma1", &sigma1)?;
            let (s2, r2) = cov("sigma2", &sigma2)?;
            let (dst, rd) = out("out_bures_sq", out_bures_sq)?;
            check_disjoint(&[("out_bures_sq", rd)], &[("sigma1", r1), ("sigma2", r2)])?;
            let req = g::bures_distance_scratch(s1.nrows(), o.par()?);
            *dst = run_threaded(o.num_threads, work, work_bytes, req, |par, st| {
                g::bures_distance_in_place(s1, s2, &tol, par, st)
            })?;
        }
        Ok(Report::ok())
    })
}

/// Squared 2-Wasserstein distance between N(m1, Σ₁) and N(m2, Σ₂) in dimension d:
/// ‖m1 − m2‖² + B²(Σ₁, Σ₂), into `*out_w2_sq`. Workspace: `OTC_GAUSSIAN_OP_DISTANCE`.
///
/// # Safety
/// `m1`, `m2` point to d doubles; views valid; `out_w2_sq` writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_gaussian_w2(
    d: usize,
    m1: *const f64,
    sigma1: otc_matrix_f64,
    m2: *const f64,
    sigma2: otc_matrix_f64,
    opts: *const otc_gaussian_options,
    work: *mut c_void,
    work_bytes: usize,
    out_w2_sq: *mut f64,
) -> otc_status {
    ffi_boundary("otc_gaussian_w2", || {
        // SAFETY: the caller's contract, checked by the helpers.
        unsafe {
            let o = options(opts)?;
            let tol = o.psd()?;
            let (m1, rm1) = slice("m1", m1, d)?;
            let (m2, rm2) = slice("m2", m2, d)?;
            let (s1, r1) = cov("sigma1", &sigma1)?;
            let (s2, r2) = cov("sigma2", &sigma2)?;
            let (dst, rd) = out("out_w2_sq", out_w2_sq)?;
            check_disjoint(
                &[("out_w2_sq", rd)],
                &[("m1", rm1), ("m2", rm2), ("sigma1", r1), ("sigma2", r2)],
            )?;
            let req = g::bures_distance_scratch(d, o.par()?);
            *dst = run_threaded(o.num_threads, work, work_bytes, req, |par, st| {
                g::gaussian_w2_in_place(m1, s1, m2, s2, &tol, par, st)
            })?;
        }
        Ok(Report::ok())
    })
}

/// Entropic OT cost between N(m1, Σ₁) and N(m2, Σ₂) with regularisation `eps` = 2σ² > 0,
/// min_π E‖x − y‖² + eps·KL(π‖α⊗β), in closed form (Janati et al. 2020), into `*out_cost`.
/// Workspace: `OTC_GAUSSIAN_OP_DISTANCE`.
///
/// # Safety
/// `m1`, `m2` point to d doubles; views valid; `out_cost` writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_gaussian_entropic_w2(
    d: usize,
    m1: *const f64,
    sigma1: otc_matrix_f64,
    m2: *const f64,
    sigma2: otc_matrix_f64,
    eps: f64,
    opts: *const otc_gaussian_options,
    work: *mut c_void,
    work_bytes: usize,
    out_cost: *mut f64,
) -> otc_status {
    ffi_boundary("otc_gaussian_entropic_w2", || {
        // SAFETY: the caller's contract, checked by the helpers.
        unsafe {
            let o = options(opts)?;
            let tol = o.psd()?;
            let (m1, rm1) = slice("m1", m1, d)?;
            let (m2, rm2) = slice("m2", m2, d)?;
            let (s1, r1) = cov("sigma1", &sigma1)?;
            let (s2, r2) = cov("sigma2", &sigma2)?;
            let (dst, rd) = out("out_cost", out_cost)?;
            check_disjoint(
                &[("out_cost", rd)],
                &[("m1", rm1), ("m2", rm2), ("sigma1", r1), ("sigma2", r2)],
            )?;
            let req = g::entropic_w2_scratch(d, o.par()?);
            *dst = run_threaded(o.num_threads, work, work_bytes, req, |par, st| {
                g::entropic_w2_in_place(m1, s1, m2, s2, eps, &tol, par, st)
            })?;
        }
        Ok(Report::ok())
    })
}

/// All squared W₂ distances between k₁ Gaussians (means = rows of `means1`, k₁×d;
/// covariances `covs1[0..k₁]`) and k₂ Gaussians (`means2`, `covs2`): `out` (k₁×k₂) gets
/// W₂²(i, j). Parallel over fixed runs of pairs: identical results for every thread count.
/// Workspace: `OTC_GAUSSIAN_OP_PAIRWISE` with n = k₁, m = k₂.
///
/// # Safety
/// `covs1`/`covs2` point to k₁/k₂ valid views; other views valid; `out` writable, disjoint.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_gaussian_w2_pairwise(
    means1: otc_matrix_f64,
    covs1: *const otc_matrix_f64,
    means2: otc_matrix_f64,
    covs2: *const otc_matrix_f64,
    opts: *const otc_gaussian_options,
    work: *mut c_void,
    work_bytes: usize,
    out_w2_sq: otc_matrix_mut_f64,
) -> otc_status {
    ffi_boundary("otc_gaussian_w2_pairwise", || {
        // SAFETY: the caller's contract, checked by the helpers.
        unsafe {
            let o = options(opts)?;
            let tol = o.psd()?;
            let (m1, r1) = matrix("means1", &means1)?;
            let (m2, r2) = matrix("means2", &means2)?;
            let d = m1.ncols();
            let (c1, mut regions) = covs("covs1", covs1, m1.nrows(), d)?;
            let (c2, regions2) = covs("covs2", covs2, m2.nrows(), d)?;
            regions.extend(regions2);
            regions.push(("means1", r1));
            regions.push(("means2", r2));
            let (dst, rd) = matrix_mut("out_w2_sq", &out_w2_sq)?;
            check_disjoint(&[("out_w2_sq", rd)], &regions)?;
            let req = g::w2_pairwise_scratch(c1.len(), c2.len(), d, o.par()?);
            run_threaded(o.num_threads, work, work_bytes, req, |par, st| {
                g::w2_pairwise_in_place(m1, &c1, m2, &c2, dst, &tol, par, st)
            })?;
        }
        Ok(Report::ok())
    })
}

/// The optimal map T(x) = A x + b from N(m1, Σ₁) to N(m2, Σ₂): A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½
/// (d×d, symmetric PSD) into `a_out`, and b = m2 − A m1 into `b_out` (optional, NULL = not
/// wanted; `m1`/`m2` NULL mean zero vectors). A rank-deficient Σ₁ gives the pseudo-inverse map
/// (ker Σ₁ is sent to 0) and `OTC_WARN_SINGULAR`. Workspace: `OTC_GAUSSIAN_OP_MAP`.
///
/// # Safety
/// `m1`, `m2` NULL or d doubles; views valid; `b_out` NULL or d writable doubles.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_gaussian_map(
    m1: *const f64,
    sigma1: otc_matrix_f64,
    m2: *const f64,
    sigma2: otc_matrix_f64,
    opts: *const otc_gaussian_options,
    work: *mut c_void,
    work_bytes: usize,
    a_out: otc_matrix_mut_f64,
    b_out: *mut f64,
) -> otc_status {
    ffi_boundary("otc_gaussian_map", || {
        // SAFETY: the caller's contract, checked by the helpers.
        unsafe {
            let o = options(opts)?;
            let tol = o.psd()?;
            let (s1, rs1) = cov("sigma1", &sigma1)?;
            let (s2, rs2) = cov("sigma2", &sigma2)?;
            let d = s1.nrows();
            let m1 = opt_slice("m1", m1, d)?;
            let m2 = opt_slice("m2", m2, d)?;
            let (a, ra) = matrix_mut("a_out", &a_out)?;
            let b = opt_slice_mut("b_out", b_out, d)?;
            let mut ins = vec![("sigma1", rs1), ("sigma2", rs2)];
            ins.extend(m1.iter().map(|x| ("m1", x.1)));
            ins.extend(m2.iter().map(|x| ("m2", x.1)));
            let mut outs = vec![("a_out", ra)];
            outs.extend(b.iter().map(|x| ("b_out", x.1)));
            check_disjoint(&outs, &ins)?;
            for (name, m) in [("m1", &m1), ("m2", &m2)] {
                if let Some((m, _)) = m {
                    crate::error::check_finite(name, m.iter().copied())?;
                }
            }
            let req = g::map_scratch(d, o.par()?);
            let mut a = a;
            let info = run_threaded(o.num_threads, work, work_bytes, req, |par, st| {
                g::map_in_place(s1, s2, a.as_mut(), &tol, par, st)
            })?;
            if let Some((b, _)) = b {
                for (i, bi) in b.iter_mut().enumerate() {
                    let am1: f64 = match &m1 {
                        Some((m1, _)) => m1.iter().enumerate().map(|(j, &x)| a[(i, j)] * x).sum(),
                        None => 0.0,
                    };
                    *bi = m2.as_ref().map_or(0.0, |(m2, _)| m2[i]) - am1;
                }
            }
            Ok(singular_report(info, "sigma1"))
        }
    })
}

/// Applies x ↦ A x + b to the n points in the rows of `x` (n×d), writing the rows of `y`
/// (n×d, disjoint from the inputs); `b` NULL means 0. One matrix product; no workspace.
///
/// # Safety
/// Views valid; `b` NULL or d doubles.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_map_apply(
    a: otc_matrix_f64,
    b: *const f64,
    x: otc_matrix_f64,
    opts: *const otc_gaussian_options,
    y: otc_matrix_mut_f64,
) -> otc_status {
    ffi_boundary("otc_gaussian_map_apply", || {
        // SAFETY: the caller's contract, checked by the helpers.
        unsafe {
            let o = options(opts)?;
            let (a, ra) = cov("a", &a)?;
            let d = a.nrows();
            let (x, rx) = matrix("x", &x)?;
            let b = opt_slice("b", b, d)?;
            let (y, ry) = matrix_mut("y", &y)?;
            let mut ins = vec![("a", ra), ("x", rx)];
            ins.extend(b.iter().map(|v| ("b", v.1)));
            check_disjoint(&[("y", ry)], &ins)?;
            crate::error::check_finite("a", (0..d).flat_map(|j| (0..d).map(move |i| a[(i, j)])))?;
            crate::error::check_finite(
                "x",
                (0..x.ncols()).flat_map(|j| (0..x.nrows()).map(move |i| x[(i, j)])),
            )?;
            let zeros;
            let b: &[f64] = match b {
                Some((b, _)) => {
                    crate::error::check_finite("b", b.iter().copied())?;
                    b
                }
                None => {
                    zeros = vec![0.0; d];
                    &zeros
                }
            };
            crate::par::with_threads(threads(o.num_threads), |par| {
                g::map_apply_in_place(a, b, x, y, par)
            })??;
        }
        Ok(Report::ok())
    })
}

/// The W₂ geodesic (McCann interpolant) at time t ∈ [0, 1] from N(m1, Σ₁) to N(m2, Σ₂):
/// mean (1−t) m1 + t m2 into `mean_out` (optional) and covariance K Σ₁ K, K = (1−t) I + t A,
/// into `cov_out`. `OTC_WARN_SINGULAR` when Σ₁ is rank-deficient (pseudo-inverse map).
/// Workspace: `OTC_GAUSSIAN_OP_GEODESIC`.
///
/// # Safety
/// `m1`, `m2` d doubles; views valid; `mean_out` NULL or d writable doubles.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_gaussian_geodesic(
    m1: *const f64,
    sigma1: otc_matrix_f64,
    m2: *const f64,
    sigma2: otc_matrix_f64,
    t: f64,
    opts: *const otc_gaussian_options,
    work: *mut c_void,
    work_bytes: usize,
    mean_out: *mut f64,
    cov_out: otc_matrix_mut_f64,
) -> otc_status {
    ffi_boundary("otc_gaussian_geodesic", || {
        // SAFETY: the caller's contract, checked by the helpers.
        unsafe {
            let o = options(opts)?;
            let tol = o.psd()?;
            let (s1, rs1) = cov("sigma1", &sigma1)?;
            let (s2, rs2) = cov("sigma2", &sigma2)?;
            let d = s1.nrows();
            let (m1, rm1) = slice("m1", m1, d)?;
            let (m2, rm2) = slice("m2", m2, d)?;
            let (c, rc) = matrix_mut("cov_out", &cov_out)?;
            let mo = opt_slice_mut("mean_out", mean_out, d)?;
            let mut outs = vec![("cov_out", rc)];
            outs.extend(mo.iter().map(|x| ("mean_out", x.1)));
            check_disjoint(
                &outs,
                &[("sigma1", rs1), ("sigma2", rs2), ("m1", rm1), ("m2", rm2)],
            )?;
            let req = g::geodesic_scratch(d, o.par()?);
            // Without mean_out the (cheap) mean goes to a temporary.
            let tmp_len = if mo.is_some() { 0 } else { d };
            let mut tmp = try_vec_with_capacity("the mean", tmp_len)?;
            tmp.resize(tmp_len, 0.0);
            let mean: &mut [f64] = match mo {
                Some((mo, _)) => mo,
                None => &mut tmp,
            };
            let info = run_threaded(o.num_threads, work, work_bytes, req, |par, st| {
                g::geodesic_in_place(m1, s1, m2, s2, t, mean, c, &tol, par, st)
            })?;
            Ok(singular_report(info, "sigma1"))
        }
    })
}

/// The W₂ barycenter of k Gaussians (means = rows of `means`, k×d; covariances `covs[0..k]`)
/// with `weights` (k non-negative values, normalised; NULL = uniform): the weighted mean into
/// `mean_out` (optional) and the fixed point of Álvarez-Esteban et al. (2016),
/// Σ ← Σ^−½ (Σₖ wₖ (Σ^½ Σₖ Σ^½)^½)² Σ^−½, into `cov_out`. Stops at `opts->tol` or after
/// `opts->max_iter` iterations (`OTC_WARN_MAX_ITER`, last iterate returned); iterations made
/// into `*iterations_out` (optional). Workspace: `OTC_GAUSSIAN_OP_BARYCENTER`.
///
/// # Safety
/// `covs` points to k valid views; `weights` NULL or k doubles; outputs writable, disjoint.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn otc_gaussian_barycenter(
    means: otc_matrix_f64,
    covs: *const otc_matrix_f64,
    weights: *const f64,
    opts: *const otc_gaussian_options,
    work: *mut c_void,
    work_bytes: usize,
    mean_out: *mut f64,
    cov_out: otc_matrix_mut_f64,
    iterations_out: *mut u32,
) -> otc_status {
    ffi_boundary("otc_gaussian_barycenter", || {
        // SAFETY: the caller's contract, checked by the helpers.
        unsafe {
            let o = options(opts)?;
            let psd = o.psd()?;
            let (m, rm) = matrix("means", &means)?;
            let (k, d) = (m.nrows(), m.ncols());
            let (cs, mut ins) = self::covs("covs", covs, k, d)?;
            ins.push(("means", rm));
            let w = opt_slice("weights", weights, k)?;
            ins.extend(w.iter().map(|x| ("weights", x.1)));
            let (c, rc) = matrix_mut("cov_out", &cov_out)?;
            let mo = opt_slice_mut("mean_out", mean_out, d)?;
            let it = opt_out("iterations_out", iterations_out)?;
            let mut outs = vec![("cov_out", rc)];
            outs.extend(mo.iter().map(|x| ("mean_out", x.1)));
            outs.extend(it.iter().map(|x| ("iterations_out", x.1)));
            check_disjoint(&outs, &ins)?;
            let uniform: Vec<f64>;
            let w: &[f64] = match w {
                Some((w, _)) => w,
                None => {
                    let mut ones = try_vec_with_capacity("uniform weights", k)?;
                    ones.resize(k, 1.0);
                    uniform = ones;
                    &uniform
                }
            };
            let params = BarycenterParams {
                psd,
                tol: o.tol,
                max_iter: o.max_iter as usize,
            };
            let req = g::barycenter_scratch(d, o.par()?);
            let tmp_len = if mo.is_some() { 0 } else { d };
            let mut tmp = try_vec_with_capacity("the mean", tmp_len)?;
            tmp.resize(tmp_len, 0.0);
            let mean: &mut [f64] = match mo {
                Some((mo, _)) => mo,
                None => &mut tmp,
            };
            let info = run_threaded(o.num_threads, work, work_bytes, req, |par, st| {
                g::barycenter_in_place(m, &cs, w, mean, c, &params, par, st)
            })?;
            if let Some((it, _)) = it {
                *it = info.iterations as u32;
            }
            if !info.converged {
                return Ok(Report::warn(
                    OTC_WARN_MAX_ITER,
                    format!(
                        "the barycenter iteration did not reach tol = {:e} in {} iterations (estimated relative error {:.1e})",
                        o.tol, info.iterations, info.error_estimate
                    ),
                ));
            }
            Ok(singular_report(info, "the barycenter covariance"))
        }
    })
}

/// Weighted mean (into `mean_out`, d) and covariance (into `cov_out`, d×d; normalised by
/// Σw, the maximum-likelihood estimate) of the n points in the rows of `x` (n×d); `weights`
/// NULL means uniform. Workspace: `OTC_GAUSSIAN_OP_MOMENTS` with n = number of points.
///
/// # Safety
/// Views valid; `weights` NULL or n doubles; `mean_out` d writable doubles.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_moments(
    x: otc_matrix_f64,
    weights: *const f64,
    opts: *const otc_gaussian_options,
    work: *mut c_void,
    work_bytes: usize,
    mean_out: *mut f64,
    cov_out: otc_matrix_mut_f64,
) -> otc_status {
    ffi_boundary("otc_gaussian_moments", || {
        // SAFETY: the caller's contract, checked by the helpers.
        unsafe {
            let o = options(opts)?;
            let (x, rx) = matrix("x", &x)?;
            let (n, d) = (x.nrows(), x.ncols());
            let w = opt_slice("weights", weights, n)?;
            let (mo, rmo) = super::args::slice_mut("mean_out", mean_out, d)?;
            let (c, rc) = matrix_mut("cov_out", &cov_out)?;
            let mut ins = vec![("x", rx)];
            ins.extend(w.iter().map(|v| ("weights", v.1)));
            check_disjoint(&[("mean_out", rmo), ("cov_out", rc)], &ins)?;
            let w = w.map(|v| v.0);
            run_threaded(
                o.num_threads,
                work,
                work_bytes,
                g::moments_scratch(n, d),
                |par, st| g::moments_in_place(x, w, mo, c, par, st),
            )?;
        }
        Ok(Report::ok())
    })
}

/// Σ^½ (into `sqrt_out`) and the pseudo-inverse square root (Σ⁺)^½ (into `inv_sqrt_out`) of a
/// symmetric PSD d×d matrix; an output whose `data` is NULL is not computed. Eigenvalues are
/// clamped at 0; for the inverse, eigenvalues ≤ rank_tol·λmax (0 = d·ε) count as 0 and
/// `OTC_WARN_SINGULAR` is returned. Workspace: `OTC_GAUSSIAN_OP_PSD_SQRT`.
///
/// # Safety
/// `a` valid; each output view with non-NULL data valid for writes and disjoint.
#[no_mangle]
pub unsafe extern "C" fn otc_psd_sqrt(
    a: otc_matrix_f64,
    opts: *const otc_gaussian_options,
    work: *mut c_void,
    work_bytes: usize,
    sqrt_out: otc_matrix_mut_f64,
    inv_sqrt_out: otc_matrix_mut_f64,
) -> otc_status {
    ffi_boundary("otc_psd_sqrt", || {
        // SAFETY: the caller's contract, checked by the helpers.
        unsafe {
            let o = options(opts)?;
            let tol = o.psd()?;
            let (a, ra) = cov("a", &a)?;
            let d = a.nrows();
            let s = if sqrt_out.data.is_null() {
                None
            } else {
                Some(matrix_mut("sqrt_out", &sqrt_out)?)
            };
            let i = if inv_sqrt_out.data.is_null() {
                None
            } else {
                Some(matrix_mut("inv_sqrt_out", &inv_sqrt_out)?)
            };
            if s.is_none() && i.is_none() {
                bail!(
                    NullPointer,
                    "sqrt_out.data and inv_sqrt_out.data are both NULL: nothing to compute"
                );
            }
            let mut outs = Vec::new();
            outs.extend(s.iter().map(|x| ("sqrt_out", x.1)));
            outs.extend(i.iter().map(|x| ("inv_sqrt_out", x.1)));
            check_disjoint(&outs, &[("a", ra)])?;
            let req = g::psd_sqrt_scratch(d, o.par()?);
            let want_inverse = i.is_some();
            let info = run_threaded(o.num_threads, work, work_bytes, req, |par, st| {
                g::psd_sqrt_in_place(a, s.map(|x| x.0), i.map(|x| x.0), &tol, par, st)
            })?;
            if want_inverse {
                Ok(singular_report(info, "the matrix"))
            } else {
                Ok(Report::ok())
            }
        }
    })
}
