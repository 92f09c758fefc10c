//! C entry points of [`crate::gaussian`] in the ABI 1 shape, one operation each, in double
//! precision (the Gaussian core is f64 only):
//!
//! | op | computes |
//! | --- | --- |
//! | `bures` | the squared Bures distance B²(Σ₁, Σ₂) |
//! | `gaussian_w2` | W₂² between two Gaussians |
//! | `gaussian_entropic_w2` | the entropic OT cost between two Gaussians (closed form) |
//! | `gaussian_w2_pairwise` | W₂² between every pair of two batches of Gaussians |
//! | `gaussian_map` | the optimal affine map T(x) = A x + b |
//! | `gaussian_map_apply` | y = A x + b for a point cloud |
//! | `gaussian_geodesic` | the McCann interpolant at time t |
//! | `gaussian_barycenter` | the W₂ barycenter (fixed point, with a callback) |
//! | `gaussian_moments` | weighted mean and covariance of a point cloud |
//! | `psd_sqrt` | Σ^½ and the pseudo-inverse Σ^−½ |
//!
//! Each has `otc_<op>_options_default`, `otc_<op>_workspace_size_f64` and `otc_<op>_f64`.
//! Covariances cross as strided `otc_matrix_f64` views (row- or column-major, no copy);
//! batches as arrays of views; means as contiguous arrays of d doubles, or as the rows of a
//! view. Every covariance is checked: finite, symmetric within `symmetry_tol` (relative to its
//! largest entry), no eigenvalue below −`psd_tol`·max|λ| (`OTC_ERR_NOT_PSD` otherwise).
//! d is at most 2^26 (a larger d×d matrix cannot be stored); beyond, or when the workspace
//! size overflows, the call is refused before anything is allocated.

use super::args::{self, disjoint, Arg, Region};
use super::boundary::{ffi_boundary, Report};
use super::shape::{self, otc_workspace, AbiStruct};
use super::status::{otc_status, OTC_OK, OTC_WARN_CANCELLED, OTC_WARN_MAX_ITER, OTC_WARN_SINGULAR};
use super::view::{otc_matrix_f64, otc_matrix_mut_f64};
use crate::gaussian::{self as g, BarycenterParams, GaussianInfo, PsdTolerances};
use crate::workspace::{take, vec_req};
use crate::{bail, MatMut, MatRef, MemStack, Par, Result, StackReq};
use std::ffi::c_void;
use std::mem::size_of;

/// Implements [`AbiStruct`] for an options struct whose defaults are `$base`.
macro_rules! abi_options {
    ($t:ident, $base:expr) => {
        // SAFETY: #[repr(C)], starts with `struct_size: usize`, and holds only integers,
        // floats, raw pointers and an optional function pointer (every bit pattern valid).
        unsafe impl AbiStruct for $t {
            const NAME: &'static str = stringify!($t);
            const MIN_SIZE: usize = size_of::<$t>();
            fn base() -> Self {
                $base
            }
        }
    };
}

/// Writes the defaults of an options struct (the body of every `otc_<op>_options_default`).
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `O`.
unsafe fn options_default<O: AbiStruct>(function: &'static str, opts: *mut O) -> otc_status {
    ffi_boundary(function, || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// The body of every `otc_<op>_workspace_size_f64`: reads the problem and options structs,
/// and writes the bytes of `req(problem, options)` through `bytes`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs of at least their `struct_size` bytes;
/// `bytes` is NULL or valid for writes.
unsafe fn workspace_size<P: AbiStruct, O: AbiStruct>(
    function: &'static str,
    problem: *const P,
    opts: *const O,
    bytes: *mut usize,
    req: impl FnOnce(&P, &O) -> Result<StackReq>,
) -> otc_status {
    // SAFETY: forwarded contract.
    ffi_boundary(function, || unsafe {
        shape::workspace_query(problem, opts, bytes, req)
    })
}

/// The checked tolerances of an options struct (rank_tol 0 where an op inverts nothing).
fn tolerances(symmetry_tol: f64, psd_tol: f64, rank_tol: f64) -> Result<PsdTolerances> {
    for (name, v) in [
        ("symmetry_tol", symmetry_tol),
        ("psd_tol", psd_tol),
        ("rank_tol", rank_tol),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            bail!(
                InvalidArgument,
                "opts->{name} = {v:?}: must be finite and >= 0"
            );
        }
    }
    Ok(PsdTolerances {
        symmetry: symmetry_tol,
        negative: psd_tol,
        rank: rank_tol,
    })
}

/// The dimension of a covariance view from its sizes alone (the workspace queries read no
/// data): square, 1 ≤ d ≤ 2^26.
fn cov_dim(what: &str, v: &otc_matrix_f64) -> Result<usize> {
    if v.rows != v.cols || v.rows == 0 {
        bail!(
            InvalidDimension,
            "{what} is {}x{}: a covariance is square, d >= 1",
            v.rows,
            v.cols
        );
    }
    if v.rows > g::MAX_DIM {
        bail!(
            Overflow,
            "{what} is {}x{}: d above 2^26 cannot be stored",
            v.rows,
            v.cols
        );
    }
    Ok(v.rows)
}

/// A checked d×d covariance view (geometry only; the kernels check the values).
///
/// # Safety
/// If the checks pass, the view's elements must be readable during `'a`.
unsafe fn covariance<'a>(
    what: &'static str,
    v: &otc_matrix_f64,
    d: usize,
) -> Result<(MatRef<'a, f64>, Region)> {
    if cov_dim(what, v)? != d {
        bail!(
            InvalidDimension,
            "{what} is {}x{}, expected {d}x{d}",
            v.rows,
            v.cols
        );
    }
    // SAFETY: forwarded contract.
    unsafe { args::matrix(what, v) }
}

/// A required d×d output view.
///
/// # Safety
/// If the checks pass, the view's elements must be writable during `'a` and not otherwise
/// accessed.
unsafe fn out_square<'a>(
    what: &'static str,
    v: &otc_matrix_mut_f64,
    d: usize,
) -> Result<(MatMut<'a, f64>, Region)> {
    if v.rows != d || v.cols != d {
        bail!(
            InvalidDimension,
            "{what} is {}x{}, expected {d}x{d}",
            v.rows,
            v.cols
        );
    }
    // SAFETY: forwarded contract.
    unsafe { args::matrix_mut(what, v) }
}

/// An optional d×d output view: `None` when its data is NULL.
///
/// # Safety
/// As [`out_square`] when the data is not NULL.
unsafe fn opt_out_square<'a>(
    what: &'static str,
    v: &otc_matrix_mut_f64,
    d: usize,
) -> Result<Option<(MatMut<'a, f64>, Region)>> {
    if v.data.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded contract.
    unsafe { out_square(what, v, d) }.map(Some)
}

/// Splits an optional checked argument into its value and its named region for [`disjoint`].
fn split<T>(what: &'static str, x: Option<(T, Region)>) -> (Option<T>, Arg) {
    match x {
        Some((v, r)) => (Some(v), (what, Some(r))),
        None => (None, (what, None)),
    }
}

/// The status of a call whose kernel inverted a matrix: `OTC_WARN_SINGULAR` when it was
/// rank-deficient (pseudo-inverse used), else `OTC_OK`.
fn singular_report(info: &GaussianInfo, what: &str) -> Report {
    if info.singular {
        Report::warn(
            OTC_WARN_SINGULAR,
            format_args!(
                "{what} has numerical rank {}: its pseudo-inverse square root was used",
                info.rank
            ),
        )
    } else {
        Report::ok()
    }
}

/// Runs a kernel on one thread count and workspace, without a callback.
///
/// # Safety
/// As [`shape::run`].
unsafe fn run<R: Send>(
    num_threads: u32,
    work: otc_workspace,
    req: StackReq,
    f: impl FnOnce(Par, &mut MemStack) -> Result<R> + Send,
) -> Result<R> {
    // SAFETY: forwarded contract.
    unsafe { shape::run(num_threads, work, req, shape::Callback::NONE, f) }.map(|(r, _)| r)
}

// ---------------------------------------------------------------------------------------
// bures

/// Options of `otc_bures_f64`; fill with `otc_bures_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_bures_options {
    /// `sizeof(otc_bures_options)`.
    pub struct_size: usize,
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256). One pair runs on one thread: the result is the same for every value.
    pub num_threads: u32,
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    pub symmetry_tol: f64,
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue|
    /// (default 1e-9); eigenvalues in [−psd_tol·max|λ|, 0) are rounding, clamped to 0.
    pub psd_tol: f64,
}
abi_options!(otc_bures_options, {
    let t = PsdTolerances::default();
    otc_bures_options {
        struct_size: size_of::<otc_bures_options>(),
        num_threads: 0,
        symmetry_tol: t.symmetry,
        psd_tol: t.negative,
    }
});

/// Two covariances Σ₁, Σ₂ (d×d, symmetric PSD, any strides; singular ones are fine).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_bures_problem_f64 {
    /// `sizeof(otc_bures_problem_f64)`.
    pub struct_size: usize,
    /// Σ₁, d×d.
    pub sigma1: otc_matrix_f64,
    /// Σ₂, d×d.
    pub sigma2: otc_matrix_f64,
}
crate::abi_struct!(problem otc_bures_problem_f64);

/// Results of `otc_bures_f64`. `report.iterations` and `report.error` are 0 (a direct method).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_bures_outputs_f64 {
    /// `sizeof(otc_bures_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), seconds.
    pub report: shape::otc_report,
    /// B²(Σ₁, Σ₂) = tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½ (squared units of the data).
    pub bures_squared: f64,
}
crate::abi_struct!(outputs otc_bures_outputs_f64);

/// Writes the default options into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_bures_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_bures_options_default(opts: *mut otc_bures_options) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe { options_default("otc_bures_options_default", opts) }
}

/// Workspace of one Bures distance in dimension d.
fn bures_req(d: usize) -> StackReq {
    g::bures_distance_scratch(d, Par::Seq)
}

/// Bytes of workspace `otc_bures_f64` needs: about 5·d² doubles plus faer's eigensolver
/// scratch. Reads the sizes of `problem->sigma1` only.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (sigma1 not square or empty), `OTC_ERR_OVERFLOW` (d > 2^26).
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs of at least their `struct_size` bytes;
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_bures_workspace_size_f64(
    problem: *const otc_bures_problem_f64,
    opts: *const otc_bures_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe {
        workspace_size(
            "otc_bures_workspace_size_f64",
            problem,
            opts,
            bytes,
            |p, _| {
                let d = cov_dim("problem->sigma1", &p.sigma1)?;
                Ok(bures_req(d))
            },
        )
    }
}

/// Squared Bures distance B²(Σ₁, Σ₂) = tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½ between two
/// symmetric PSD d×d matrices, into `out->bures_squared`. Cholesky factors (clamped
/// eigendecompositions for singular inputs) and the eigenvalues of a congruence; close
/// covariances are recomputed as a sum of squares, without cancellation. O(d³).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (not square, different sizes), `OTC_ERR_NON_FINITE`,
/// `OTC_ERR_NOT_PSD` (not symmetric or indefinite beyond the tolerances),
/// `OTC_ERR_INVALID_ARGUMENT` (a negative or non-finite tolerance), `OTC_ERR_INVALID_STRIDE`,
/// `OTC_ERR_ALIASING` (`out` overlaps an input), `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`,
/// `OTC_ERR_NUMERICAL`. On an error nothing is written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
/// decompositions at larger d): see docs/abi.md, Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs of at least their `struct_size` bytes;
/// every view in them addresses readable memory; `work.data` is NULL or valid for
/// `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_bures_f64(
    problem: *const otc_bures_problem_f64,
    out: *mut otc_bures_outputs_f64,
    opts: *const otc_bures_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_bures_f64", || {
        // SAFETY (whole block): every pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated sizes is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let tol = tolerances(o.symmetry_tol, o.psd_tol, 0.0)?;
        let d = cov_dim("problem->sigma1", &p.sigma1)?;
        let (s1, r1) = unsafe { covariance("problem->sigma1", &p.sigma1, d) }?;
        let (s2, r2) = unsafe { covariance("problem->sigma2", &p.sigma2, d) }?;
        disjoint(
            &[("out", Some(o_out.region()))],
            &[&[
                ("problem", Some(rp)),
                ("problem->sigma1", Some(r1)),
                ("problem->sigma2", Some(r2)),
            ]],
        )?;
        o_out.value.bures_squared = unsafe {
            run(o.num_threads, work, bures_req(d), |par, st| {
                g::bures_distance_in_place(s1, s2, &tol, par, st)
            })
        }?;
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}

// ---------------------------------------------------------------------------------------
// gaussian_w2 and gaussian_entropic_w2: two Gaussians N(m1, Σ₁), N(m2, Σ₂)

/// The checked means (d each, required) and covariances of two Gaussians, with the regions
/// of everything the problem struct points to.
struct TwoGaussians<'a> {
    m1: &'a [f64],
    s1: MatRef<'a, f64>,
    m2: &'a [f64],
    s2: MatRef<'a, f64>,
    regions: [Arg; 4],
}

/// Reads two Gaussians from a problem's fields (means required).
///
/// # Safety
/// The means point to d readable doubles, the views address readable memory.
unsafe fn two_gaussians<'a>(
    m1: *const f64,
    sigma1: &otc_matrix_f64,
    m2: *const f64,
    sigma2: &otc_matrix_f64,
) -> Result<(usize, TwoGaussians<'a>)> {
    let d = cov_dim("problem->sigma1", sigma1)?;
    // SAFETY (whole block): forwarded contract, checked by the helpers.
    let (s1, r1) = unsafe { covariance("problem->sigma1", sigma1, d) }?;
    let (s2, r2) = unsafe { covariance("problem->sigma2", sigma2, d) }?;
    let (m1, rm1) = unsafe { args::slice("problem->m1", m1, d) }?;
    let (m2, rm2) = unsafe { args::slice("problem->m2", m2, d) }?;
    Ok((
        d,
        TwoGaussians {
            m1,
            s1,
            m2,
            s2,
            regions: [
                ("problem->sigma1", Some(r1)),
                ("problem->sigma2", Some(r2)),
                ("problem->m1", Some(rm1)),
                ("problem->m2", Some(rm2)),
            ],
        },
    ))
}

/// Options of `otc_gaussian_w2_f64`; fill with `otc_gaussian_w2_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_w2_options {
    /// `sizeof(otc_gaussian_w2_options)`.
    pub struct_size: usize,
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    pub num_threads: u32,
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    pub symmetry_tol: f64,
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    pub psd_tol: f64,
}
abi_options!(otc_gaussian_w2_options, {
    let t = PsdTolerances::default();
    otc_gaussian_w2_options {
        struct_size: size_of::<otc_gaussian_w2_options>(),
        num_threads: 0,
        symmetry_tol: t.symmetry,
        psd_tol: t.negative,
    }
});

/// Two Gaussians N(m1, Σ₁), N(m2, Σ₂) on ℝᵈ.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_w2_problem_f64 {
    /// `sizeof(otc_gaussian_w2_problem_f64)`.
    pub struct_size: usize,
    /// m1, d doubles.
    pub m1: *const f64,
    /// Σ₁, d×d symmetric PSD.
    pub sigma1: otc_matrix_f64,
    /// m2, d doubles.
    pub m2: *const f64,
    /// Σ₂, d×d symmetric PSD.
    pub sigma2: otc_matrix_f64,
}
crate::abi_struct!(problem otc_gaussian_w2_problem_f64);

/// Results of `otc_gaussian_w2_f64`. `report.iterations` and `report.error` are 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_w2_outputs_f64 {
    /// `sizeof(otc_gaussian_w2_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), seconds.
    pub report: shape::otc_report,
    /// W₂² = ‖m1 − m2‖² + B²(Σ₁, Σ₂) (squared units of the data).
    pub w2_squared: f64,
}
crate::abi_struct!(outputs otc_gaussian_w2_outputs_f64);

/// Writes the default options into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_gaussian_w2_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_w2_options_default(
    opts: *mut otc_gaussian_w2_options,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe { options_default("otc_gaussian_w2_options_default", opts) }
}

/// Bytes of workspace `otc_gaussian_w2_f64` needs (that of `otc_bures_f64`). Reads the sizes
/// of `problem->sigma1` only.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_w2_workspace_size_f64(
    problem: *const otc_gaussian_w2_problem_f64,
    opts: *const otc_gaussian_w2_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe {
        workspace_size(
            "otc_gaussian_w2_workspace_size_f64",
            problem,
            opts,
            bytes,
            |p, _| {
                let d = cov_dim("problem->sigma1", &p.sigma1)?;
                Ok(bures_req(d))
            },
        )
    }
}

/// Squared 2-Wasserstein distance between N(m1, Σ₁) and N(m2, Σ₂) in dimension d (from the
/// size of Σ₁): W₂² = ‖m1 − m2‖² + B²(Σ₁, Σ₂), into `out->w2_squared`. O(d³).
///
/// Statuses: as `otc_bures_f64`, and `OTC_ERR_NON_FINITE` for a non-finite mean entry.
/// On an error nothing is written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
/// decompositions at larger d): see docs/abi.md, Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs; `problem->m1`, `m2` point to d
/// doubles; views address readable memory; `work.data` is NULL or valid for `work.bytes`
/// bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_w2_f64(
    problem: *const otc_gaussian_w2_problem_f64,
    out: *mut otc_gaussian_w2_outputs_f64,
    opts: *const otc_gaussian_w2_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_gaussian_w2_f64", || {
        // SAFETY (whole block): checked by the helpers; validity is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let tol = tolerances(o.symmetry_tol, o.psd_tol, 0.0)?;
        let (d, x) = unsafe { two_gaussians(p.m1, &p.sigma1, p.m2, &p.sigma2) }?;
        disjoint(
            &[("out", Some(o_out.region()))],
            &[&[("problem", Some(rp))], &x.regions],
        )?;
        o_out.value.w2_squared = unsafe {
            run(o.num_threads, work, bures_req(d), |par, st| {
                g::gaussian_w2_in_place(x.m1, x.s1, x.m2, x.s2, &tol, par, st)
            })
        }?;
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}

/// Options of `otc_gaussian_entropic_w2_f64`; fill with
/// `otc_gaussian_entropic_w2_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_entropic_w2_options {
    /// `sizeof(otc_gaussian_entropic_w2_options)`.
    pub struct_size: usize,
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    pub num_threads: u32,
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    pub symmetry_tol: f64,
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    pub psd_tol: f64,
}
abi_options!(otc_gaussian_entropic_w2_options, {
    let t = PsdTolerances::default();
    otc_gaussian_entropic_w2_options {
        struct_size: size_of::<otc_gaussian_entropic_w2_options>(),
        num_threads: 0,
        symmetry_tol: t.symmetry,
        psd_tol: t.negative,
    }
});

/// Two Gaussians N(m1, Σ₁), N(m2, Σ₂) on ℝᵈ and the regularisation ε.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_entropic_w2_problem_f64 {
    /// `sizeof(otc_gaussian_entropic_w2_problem_f64)`.
    pub struct_size: usize,
    /// m1, d doubles.
    pub m1: *const f64,
    /// Σ₁, d×d symmetric PSD.
    pub sigma1: otc_matrix_f64,
    /// m2, d doubles.
    pub m2: *const f64,
    /// Σ₂, d×d symmetric PSD.
    pub sigma2: otc_matrix_f64,
    /// ε = 2σ² > 0, in squared units of the data (the weight of KL(π‖α⊗β)).
    pub epsilon: f64,
}
crate::abi_struct!(problem otc_gaussian_entropic_w2_problem_f64);

/// Results of `otc_gaussian_entropic_w2_f64`. `report.iterations` and `report.error` are 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_entropic_w2_outputs_f64 {
    /// `sizeof(otc_gaussian_entropic_w2_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), seconds.
    pub report: shape::otc_report,
    /// OT_ε = min_π E‖x − y‖² + ε·KL(π‖α⊗β) (tends to W₂² as ε → 0; may be negative).
    pub cost: f64,
}
crate::abi_struct!(outputs otc_gaussian_entropic_w2_outputs_f64);

/// Writes the default options into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_gaussian_entropic_w2_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_entropic_w2_options_default(
    opts: *mut otc_gaussian_entropic_w2_options,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe { options_default("otc_gaussian_entropic_w2_options_default", opts) }
}

/// Bytes of workspace `otc_gaussian_entropic_w2_f64` needs (that of `otc_bures_f64`). Reads
/// the sizes of `problem->sigma1` only.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_entropic_w2_workspace_size_f64(
    problem: *const otc_gaussian_entropic_w2_problem_f64,
    opts: *const otc_gaussian_entropic_w2_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe {
        workspace_size(
            "otc_gaussian_entropic_w2_workspace_size_f64",
            problem,
            opts,
            bytes,
            |p, _| {
                let d = cov_dim("problem->sigma1", &p.sigma1)?;
                Ok(g::entropic_w2_scratch(d, Par::Seq))
            },
        )
    }
}

/// Entropic OT cost between N(m1, Σ₁) and N(m2, Σ₂) with regularisation ε = 2σ² > 0,
/// OT_ε = min_π E‖x − y‖² + ε·KL(π‖α⊗β), in closed form (Janati et al. 2020), into
/// `out->cost`. O(d³).
///
/// Statuses: as `otc_gaussian_w2_f64`, and `OTC_ERR_INVALID_ARGUMENT` when ε is not finite
/// and > 0. On an error nothing is written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
/// decompositions at larger d): see docs/abi.md, Memory.
///
/// # Safety
/// As `otc_gaussian_w2_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_entropic_w2_f64(
    problem: *const otc_gaussian_entropic_w2_problem_f64,
    out: *mut otc_gaussian_entropic_w2_outputs_f64,
    opts: *const otc_gaussian_entropic_w2_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_gaussian_entropic_w2_f64", || {
        // SAFETY (whole block): checked by the helpers; validity is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let tol = tolerances(o.symmetry_tol, o.psd_tol, 0.0)?;
        let (d, x) = unsafe { two_gaussians(p.m1, &p.sigma1, p.m2, &p.sigma2) }?;
        disjoint(
            &[("out", Some(o_out.region()))],
            &[&[("problem", Some(rp))], &x.regions],
        )?;
        let req = g::entropic_w2_scratch(d, Par::Seq);
        o_out.value.cost = unsafe {
            run(o.num_threads, work, req, |par, st| {
                g::entropic_w2_in_place(x.m1, x.s1, x.m2, x.s2, p.epsilon, &tol, par, st)
            })
        }?;
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}

// ---------------------------------------------------------------------------------------
// gaussian_w2_pairwise

/// A batch of Gaussians: k means (the rows of a k×d view) and an array of k d×d views.
///
/// # Safety
/// `covs` is NULL or points to `means.rows` views.
unsafe fn batch<'a>(
    means_name: &'static str,
    means: &otc_matrix_f64,
    covs_name: &'static str,
    covs: *const otc_matrix_f64,
) -> Result<(MatRef<'a, f64>, Region, &'a [otc_matrix_f64], Region)> {
    if means.cols > g::MAX_DIM {
        bail!(
            Overflow,
            "{means_name} has {} columns: d above 2^26 cannot be stored",
            means.cols
        );
    }
    // SAFETY (whole block): forwarded contract, checked by the helpers.
    let (m, rm) = unsafe { args::matrix(means_name, means) }?;
    let (views, rv) = unsafe { args::slice(covs_name, covs, m.nrows()) }?;
    Ok((m, rm, views, rv))
}

/// Checks every view of a batch (d×d) and that none overlaps an output.
///
/// # Safety
/// Every view addresses readable memory.
unsafe fn check_batch(
    what: &'static str,
    views: &[otc_matrix_f64],
    d: usize,
    outs: &[Arg],
) -> Result<()> {
    for (i, v) in views.iter().enumerate() {
        let name = args::Indexed(what, i);
        if v.rows != d || v.cols != d {
            bail!(
                InvalidDimension,
                "{name} is {}x{}, expected {d}x{d}",
                v.rows,
                v.cols
            );
        }
        // SAFETY: forwarded contract.
        let (_, r) = unsafe { args::matrix(name, v) }?;
        disjoint(outs, &[&[(what, Some(r))]])?;
    }
    Ok(())
}

/// faer views of a checked batch of k views, taken from `stack`.
///
/// # Safety
/// `views_addr` is the address of the caller's array of k views, each checked by
/// [`check_batch`] and addressing readable memory for the lifetime of the returned views.
unsafe fn batch_views<'s>(
    views_addr: usize,
    k: usize,
    stack: &'s mut MemStack,
) -> (
    faer::dyn_stack::DynArray<'s, MatRef<'static, f64>>,
    &'s mut MemStack,
) {
    // SAFETY: the caller's array of k views (the function's contract).
    let views = unsafe { std::slice::from_raw_parts(views_addr as *const otc_matrix_f64, k) };
    stack.make_with(k, |l| {
        let v = &views[l];
        // SAFETY: the geometry of every view was checked by `check_batch`; its elements'
        // validity for the call is the caller's contract.
        unsafe { MatRef::from_raw_parts(v.data, v.rows, v.cols, v.row_stride, v.col_stride) }
    })
}

/// Workspace of k faer views.
fn views_req(k: usize) -> StackReq {
    StackReq::new::<MatRef<'static, f64>>(k)
}

/// Options of `otc_gaussian_w2_pairwise_f64`; fill with
/// `otc_gaussian_w2_pairwise_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_w2_pairwise_options {
    /// `sizeof(otc_gaussian_w2_pairwise_options)`.
    pub struct_size: usize,
    /// Workers sharing the factorisations and pairs, in fixed runs: 0 = `OTCORE_NUM_THREADS`
    /// or all cores, 1 = the calling thread only, k = k workers (≤ 256). Results are
    /// identical for every value; the workspace grows with it.
    pub num_threads: u32,
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    pub symmetry_tol: f64,
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    pub psd_tol: f64,
}
abi_options!(otc_gaussian_w2_pairwise_options, {
    let t = PsdTolerances::default();
    otc_gaussian_w2_pairwise_options {
        struct_size: size_of::<otc_gaussian_w2_pairwise_options>(),
        num_threads: 0,
        symmetry_tol: t.symmetry,
        psd_tol: t.negative,
    }
});

/// Two batches of Gaussians: k₁ with means the rows of `means1` (k₁×d) and covariances
/// `covs1[0..k₁]` (d×d each), and k₂ likewise.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_w2_pairwise_problem_f64 {
    /// `sizeof(otc_gaussian_w2_pairwise_problem_f64)`.
    pub struct_size: usize,
    /// k₁×d, one mean per row.
    pub means1: otc_matrix_f64,
    /// k₁ views, d×d each.
    pub covs1: *const otc_matrix_f64,
    /// k₂×d, one mean per row.
    pub means2: otc_matrix_f64,
    /// k₂ views, d×d each.
    pub covs2: *const otc_matrix_f64,
}
crate::abi_struct!(problem otc_gaussian_w2_pairwise_problem_f64);

/// Results of `otc_gaussian_w2_pairwise_f64`. `report.iterations` and `report.error` are 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_w2_pairwise_outputs_f64 {
    /// `sizeof(otc_gaussian_w2_pairwise_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), seconds.
    pub report: shape::otc_report,
    /// Required, k₁×k₂, any strides: element (i, j) = W₂²(N(means1ᵢ, covs1ᵢ), N(means2ⱼ, covs2ⱼ)).
    pub w2_squared: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_gaussian_w2_pairwise_outputs_f64);

/// Writes the default options into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_gaussian_w2_pairwise_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_w2_pairwise_options_default(
    opts: *mut otc_gaussian_w2_pairwise_options,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe { options_default("otc_gaussian_w2_pairwise_options_default", opts) }
}

/// Workspace of the pairwise call: the k₁ + k₂ views and the kernel's.
fn pairwise_req(k1: usize, k2: usize, d: usize, par: Par) -> StackReq {
    StackReq::all_of(&[
        views_req(k1),
        views_req(k2),
        g::w2_pairwise_scratch(k1, k2, d, par),
    ])
}

/// The batch sizes and dimension of a pairwise problem, from the sizes of its means views.
fn pairwise_dims(p: &otc_gaussian_w2_pairwise_problem_f64) -> Result<(usize, usize, usize)> {
    let (k1, k2, d) = (p.means1.rows, p.means2.rows, p.means1.cols);
    if k1 == 0 || k2 == 0 || d == 0 || p.means2.cols != d {
        bail!(
            InvalidDimension,
            "problem->means1 is {k1}x{d} and problem->means2 {k2}x{}: need k1, k2, d >= 1 and the same d",
            p.means2.cols
        );
    }
    if d > g::MAX_DIM {
        bail!(
            Overflow,
            "d = {d}: above 2^26 a covariance cannot be stored"
        );
    }
    Ok((k1, k2, d))
}

/// Bytes of workspace `otc_gaussian_w2_pairwise_f64` needs: the k₁ + k₂ factors
/// ((k₁ + k₂)·(d² + 1) doubles), k₁·k₂ results, and one eigensolver scratch per slot
/// (min(pairs, 4·threads) slots). Depends on the sizes of the means views and the thread
/// count (resolved, no pool is started).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_w2_pairwise_workspace_size_f64(
    problem: *const otc_gaussian_w2_pairwise_problem_f64,
    opts: *const otc_gaussian_w2_pairwise_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe {
        workspace_size(
            "otc_gaussian_w2_pairwise_workspace_size_f64",
            problem,
            opts,
            bytes,
            |p, o| {
                let (k1, k2, d) = pairwise_dims(p)?;
                let req = pairwise_req(k1, k2, d, args::par_of(o.num_threads)?);
                Ok(req)
            },
        )
    }
}

/// All squared W₂ distances between a batch of k₁ Gaussians and a batch of k₂, into
/// `out->w2_squared` (k₁×k₂). Each covariance is factored once; the pairs run in fixed runs
/// over the threads (identical results for every thread count). O((k₁ + k₂ + k₁k₂)·d³).
///
/// Statuses: as `otc_gaussian_w2_f64` (messages name `problem->covs1[i]` etc.).
/// On an error nothing is written, except that `out->w2_squared` may hold partial results
/// when a covariance is found not PSD after the first runs.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
/// decompositions at larger d): see docs/abi.md, Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs; `covs1`/`covs2` point to k₁/k₂ views;
/// every view addresses readable memory (the output writable); `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_w2_pairwise_f64(
    problem: *const otc_gaussian_w2_pairwise_problem_f64,
    out: *mut otc_gaussian_w2_pairwise_outputs_f64,
    opts: *const otc_gaussian_w2_pairwise_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_gaussian_w2_pairwise_f64", || {
        // SAFETY (whole block): checked by the helpers; validity is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let tol = tolerances(o.symmetry_tol, o.psd_tol, 0.0)?;
        let (k1, k2, d) = pairwise_dims(&p)?;
        let (m1, rm1, c1, rc1) =
            unsafe { batch("problem->means1", &p.means1, "problem->covs1", p.covs1) }?;
        let (m2, rm2, c2, rc2) =
            unsafe { batch("problem->means2", &p.means2, "problem->covs2", p.covs2) }?;
        let w = o_out.value.w2_squared;
        if w.rows != k1 || w.cols != k2 {
            bail!(
                InvalidDimension,
                "out->w2_squared is {}x{}, expected {k1}x{k2}",
                w.rows,
                w.cols
            );
        }
        let (dst, rw) = unsafe { args::matrix_mut("out->w2_squared", &w) }?;
        let outs = [("out", Some(o_out.region())), ("out->w2_squared", Some(rw))];
        disjoint(
            &outs,
            &[&[
                ("problem", Some(rp)),
                ("problem->means1", Some(rm1)),
                ("problem->covs1", Some(rc1)),
                ("problem->means2", Some(rm2)),
                ("problem->covs2", Some(rc2)),
            ]],
        )?;
        unsafe { check_batch("problem->covs1", c1, d, &outs) }?;
        unsafe { check_batch("problem->covs2", c2, d, &outs) }?;
        let req = pairwise_req(k1, k2, d, args::par_of(o.num_threads)?);
        let (a1, a2) = (c1.as_ptr() as usize, c2.as_ptr() as usize);
        unsafe {
            run(o.num_threads, work, req, |par, st| {
                // (Inside the unsafe block of the call.) SAFETY: the arrays of views checked
                // by `check_batch` above, alive for the call.
                let (v1, st) = batch_views(a1, k1, st);
                // SAFETY: as above.
                let (v2, st) = batch_views(a2, k2, st);
                g::w2_pairwise_in_place(m1, &v1, m2, &v2, dst, &tol, par, st)
            })
        }?;
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}

// ---------------------------------------------------------------------------------------
// gaussian_map

/// Options of `otc_gaussian_map_f64`; fill with `otc_gaussian_map_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_map_options {
    /// `sizeof(otc_gaussian_map_options)`.
    pub struct_size: usize,
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    pub num_threads: u32,
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    pub symmetry_tol: f64,
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    pub psd_tol: f64,
    /// Eigenvalues of Σ₁ ≤ rank_tol·λmax count as 0 when inverting (pseudo-inverse);
    /// 0 = d·ε (default).
    pub rank_tol: f64,
}
abi_options!(otc_gaussian_map_options, {
    let t = PsdTolerances::default();
    otc_gaussian_map_options {
        struct_size: size_of::<otc_gaussian_map_options>(),
        num_threads: 0,
        symmetry_tol: t.symmetry,
        psd_tol: t.negative,
        rank_tol: t.rank,
    }
});

/// Two Gaussians N(m1, Σ₁), N(m2, Σ₂); the means are optional (NULL = the zero vector).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_map_problem_f64 {
    /// `sizeof(otc_gaussian_map_problem_f64)`.
    pub struct_size: usize,
    /// m1, d doubles, or NULL (0).
    pub m1: *const f64,
    /// Σ₁, d×d symmetric PSD.
    pub sigma1: otc_matrix_f64,
    /// m2, d doubles, or NULL (0).
    pub m2: *const f64,
    /// Σ₂, d×d symmetric PSD.
    pub sigma2: otc_matrix_f64,
}
crate::abi_struct!(problem otc_gaussian_map_problem_f64);

/// Results of `otc_gaussian_map_f64`: T(x) = a·x + b. `report.iterations`, `report.error` 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_map_outputs_f64 {
    /// `sizeof(otc_gaussian_map_outputs_f64)`.
    pub struct_size: usize,
    /// Status (`OTC_WARN_SINGULAR` when Σ₁ is rank-deficient), path (0), seconds.
    pub report: shape::otc_report,
    /// Numerical rank of Σ₁ at `rank_tol` (d when not singular).
    pub rank: usize,
    /// Required, d×d, any strides: A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½, symmetric PSD.
    pub a: otc_matrix_mut_f64,
    /// Optional (NULL: not wanted), d doubles: b = m2 − A m1.
    pub b: *mut f64,
}
crate::abi_struct!(outputs otc_gaussian_map_outputs_f64);

/// Writes the default options into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_gaussian_map_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_map_options_default(
    opts: *mut otc_gaussian_map_options,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe { options_default("otc_gaussian_map_options_default", opts) }
}

/// Bytes of workspace `otc_gaussian_map_f64` needs: about 7·d² doubles plus faer's
/// eigensolver and SVD scratch. Reads the sizes of `problem->sigma1` only.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_map_workspace_size_f64(
    problem: *const otc_gaussian_map_problem_f64,
    opts: *const otc_gaussian_map_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe {
        workspace_size(
            "otc_gaussian_map_workspace_size_f64",
            problem,
            opts,
            bytes,
            |p, _| {
                let d = cov_dim("problem->sigma1", &p.sigma1)?;
                Ok(g::map_scratch(d, Par::Seq))
            },
        )
    }
}

/// The optimal (Monge) map T(x) = A x + b from N(m1, Σ₁) to N(m2, Σ₂):
/// A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½ (d×d, symmetric PSD, A Σ₁ A = Σ₂) into `out->a`, and
/// b = m2 − A m1 into `out->b` (optional). A rank-deficient Σ₁ gives the pseudo-inverse map
/// (ker Σ₁ is sent to 0) and `OTC_WARN_SINGULAR`. O(d³).
///
/// Statuses: `OTC_OK`, `OTC_WARN_SINGULAR`; the errors of `otc_gaussian_w2_f64`.
/// On an error nothing is written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
/// decompositions at larger d): see docs/abi.md, Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs; the means NULL or d readable doubles,
/// `out->b` NULL or d writable doubles; views address valid memory; `work.data` is NULL or
/// valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_map_f64(
    problem: *const otc_gaussian_map_problem_f64,
    out: *mut otc_gaussian_map_outputs_f64,
    opts: *const otc_gaussian_map_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_gaussian_map_f64", || {
        // SAFETY (whole block): checked by the helpers; validity is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let tol = tolerances(o.symmetry_tol, o.psd_tol, o.rank_tol)?;
        let d = cov_dim("problem->sigma1", &p.sigma1)?;
        let (s1, r1) = unsafe { covariance("problem->sigma1", &p.sigma1, d) }?;
        let (s2, r2) = unsafe { covariance("problem->sigma2", &p.sigma2, d) }?;
        let (m1, rm1) = split("problem->m1", unsafe {
            args::opt_slice("problem->m1", p.m1, d)
        }?);
        let (m2, rm2) = split("problem->m2", unsafe {
            args::opt_slice("problem->m2", p.m2, d)
        }?);
        let ov = o_out.value;
        let (a, ra) = unsafe { out_square("out->a", &ov.a, d) }?;
        let (b, rb) = split("out->b", unsafe { args::opt_slice_mut("out->b", ov.b, d) }?);
        disjoint(
            &[("out", Some(o_out.region())), ("out->a", Some(ra)), rb],
            &[&[
                ("problem", Some(rp)),
                ("problem->sigma1", Some(r1)),
                ("problem->sigma2", Some(r2)),
                rm1,
                rm2,
            ]],
        )?;
        for (name, m) in [("problem->m1", m1), ("problem->m2", m2)] {
            if let Some(m) = m {
                crate::error::check_finite(name, m.iter().copied())?;
            }
        }
        let info = unsafe {
            run(
                o.num_threads,
                work,
                g::map_scratch(d, Par::Seq),
                |par, st| {
                    let mut a = a;
                    let info = g::map_in_place(s1, s2, a.as_mut(), &tol, par, st)?;
                    if let Some(b) = b {
                        // b = m2 − A m1, each row summed in order.
                        for (i, bi) in b.iter_mut().enumerate() {
                            let am1: f64 = m1.map_or(0.0, |m1| {
                                m1.iter().enumerate().map(|(j, &x)| a[(i, j)] * x).sum()
                            });
                            *bi = m2.map_or(0.0, |m2| m2[i]) - am1;
                        }
                    }
                    Ok(info)
                },
            )
        }?;
        o_out.value.rank = info.rank;
        let report = singular_report(&info, "problem->sigma1");
        o_out.commit(report.status);
        Ok(report)
    })
}

// ---------------------------------------------------------------------------------------
// gaussian_map_apply

/// Options of `otc_gaussian_map_apply_f64`; fill with `otc_gaussian_map_apply_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_map_apply_options {
    /// `sizeof(otc_gaussian_map_apply_options)`.
    pub struct_size: usize,
    /// Threads of the matrix product: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the
    /// calling thread only, k = k workers (≤ 256).
    pub num_threads: u32,
}
abi_options!(otc_gaussian_map_apply_options, {
    otc_gaussian_map_apply_options {
        struct_size: size_of::<otc_gaussian_map_apply_options>(),
        num_threads: 0,
    }
});

/// An affine map x ↦ A x + b and n points.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_map_apply_problem_f64 {
    /// `sizeof(otc_gaussian_map_apply_problem_f64)`.
    pub struct_size: usize,
    /// A, d×d (any matrix).
    pub a: otc_matrix_f64,
    /// b, d doubles, or NULL (0).
    pub b: *const f64,
    /// n×d, one point per row.
    pub x: otc_matrix_f64,
}
crate::abi_struct!(problem otc_gaussian_map_apply_problem_f64);

/// Results of `otc_gaussian_map_apply_f64`. `report.iterations` and `report.error` are 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_map_apply_outputs_f64 {
    /// `sizeof(otc_gaussian_map_apply_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), seconds.
    pub report: shape::otc_report,
    /// Required, n×d, any strides: row i = A xᵢ + b.
    pub y: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_gaussian_map_apply_outputs_f64);

/// Writes the default options into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_gaussian_map_apply_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_map_apply_options_default(
    opts: *mut otc_gaussian_map_apply_options,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe { options_default("otc_gaussian_map_apply_options_default", opts) }
}

/// The entries of `m`, column after column.
fn by_columns(m: MatRef<'_, f64>) -> impl Iterator<Item = f64> + '_ {
    (0..m.ncols()).flat_map(move |j| (0..m.nrows()).map(move |i| m[(i, j)]))
}

/// Workspace of the map application: b (zeros when NULL), d doubles.
fn map_apply_req(d: usize) -> StackReq {
    StackReq::all_of(&[vec_req::<f64>(d), g::map_apply_scratch()])
}

/// Bytes of workspace `otc_gaussian_map_apply_f64` needs: d doubles. Reads the sizes of
/// `problem->a` only.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_map_apply_workspace_size_f64(
    problem: *const otc_gaussian_map_apply_problem_f64,
    opts: *const otc_gaussian_map_apply_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe {
        workspace_size(
            "otc_gaussian_map_apply_workspace_size_f64",
            problem,
            opts,
            bytes,
            |p, _| {
                let d = cov_dim("problem->a", &p.a)?;
                Ok(map_apply_req(d))
            },
        )
    }
}

/// Applies x ↦ A x + b to the n points in the rows of `problem->x` (n×d), writing the rows of
/// `out->y` (n×d). One matrix product, O(n·d²).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE` (in a, b or x), `OTC_ERR_INVALID_STRIDE`,
/// `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
/// `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
/// decompositions at larger d): see docs/abi.md, Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs; `problem->b` NULL or d readable
/// doubles; views address valid memory; `work.data` is NULL or valid for `work.bytes` bytes
/// and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_map_apply_f64(
    problem: *const otc_gaussian_map_apply_problem_f64,
    out: *mut otc_gaussian_map_apply_outputs_f64,
    opts: *const otc_gaussian_map_apply_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_gaussian_map_apply_f64", || {
        // SAFETY (whole block): checked by the helpers; validity is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let d = cov_dim("problem->a", &p.a)?;
        let (a, ra) = unsafe { covariance("problem->a", &p.a, d) }?;
        let (x, rx) = unsafe { args::matrix("problem->x", &p.x) }?;
        if x.ncols() != d {
            bail!(
                InvalidDimension,
                "problem->x is {}x{}: points of dimension {d} expected",
                x.nrows(),
                x.ncols()
            );
        }
        let (b, rb) = split("problem->b", unsafe {
            args::opt_slice("problem->b", p.b, d)
        }?);
        let yv = o_out.value.y;
        if yv.rows != x.nrows() || yv.cols != d {
            bail!(
                InvalidDimension,
                "out->y is {}x{}, expected {}x{d}",
                yv.rows,
                yv.cols,
                x.nrows()
            );
        }
        let (y, ry) = unsafe { args::matrix_mut("out->y", &yv) }?;
        disjoint(
            &[("out", Some(o_out.region())), ("out->y", Some(ry))],
            &[&[
                ("problem", Some(rp)),
                ("problem->a", Some(ra)),
                ("problem->x", Some(rx)),
                rb,
            ]],
        )?;
        crate::error::check_finite("problem->a", by_columns(a))?;
        crate::error::check_finite("problem->x", by_columns(x))?;
        if let Some(b) = b {
            crate::error::check_finite("problem->b", b.iter().copied())?;
        }
        unsafe {
            run(o.num_threads, work, map_apply_req(d), |par, st| {
                let (zeros, _) = take(st, d, 0.0f64);
                let b: &[f64] = b.unwrap_or(&zeros);
                g::map_apply_in_place(a, b, x, y, par)
            })
        }?;
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}

// ---------------------------------------------------------------------------------------
// gaussian_geodesic

/// Options of `otc_gaussian_geodesic_f64`; fill with `otc_gaussian_geodesic_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_geodesic_options {
    /// `sizeof(otc_gaussian_geodesic_options)`.
    pub struct_size: usize,
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    pub num_threads: u32,
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    pub symmetry_tol: f64,
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    pub psd_tol: f64,
    /// Eigenvalues of Σ₁ ≤ rank_tol·λmax count as 0 when inverting; 0 = d·ε (default).
    pub rank_tol: f64,
}
abi_options!(otc_gaussian_geodesic_options, {
    let t = PsdTolerances::default();
    otc_gaussian_geodesic_options {
        struct_size: size_of::<otc_gaussian_geodesic_options>(),
        num_threads: 0,
        symmetry_tol: t.symmetry,
        psd_tol: t.negative,
        rank_tol: t.rank,
    }
});

/// Two Gaussians N(m1, Σ₁), N(m2, Σ₂) and the time t of the geodesic.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_geodesic_problem_f64 {
    /// `sizeof(otc_gaussian_geodesic_problem_f64)`.
    pub struct_size: usize,
    /// m1, d doubles.
    pub m1: *const f64,
    /// Σ₁, d×d symmetric PSD.
    pub sigma1: otc_matrix_f64,
    /// m2, d doubles.
    pub m2: *const f64,
    /// Σ₂, d×d symmetric PSD.
    pub sigma2: otc_matrix_f64,
    /// t ∈ [0, 1] (0: the first Gaussian).
    pub t: f64,
}
crate::abi_struct!(problem otc_gaussian_geodesic_problem_f64);

/// Results of `otc_gaussian_geodesic_f64`. `report.iterations` and `report.error` are 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_geodesic_outputs_f64 {
    /// `sizeof(otc_gaussian_geodesic_outputs_f64)`.
    pub struct_size: usize,
    /// Status (`OTC_WARN_SINGULAR` when Σ₁ is rank-deficient), path (0), seconds.
    pub report: shape::otc_report,
    /// Numerical rank of Σ₁ at `rank_tol` (d when not singular).
    pub rank: usize,
    /// Optional (NULL: not wanted), d doubles: m_t = (1−t) m1 + t m2.
    pub mean: *mut f64,
    /// Required, d×d, any strides: Σ_t = K Σ₁ K, K = (1−t) I + t A.
    pub cov: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_gaussian_geodesic_outputs_f64);

/// Writes the default options into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_gaussian_geodesic_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_geodesic_options_default(
    opts: *mut otc_gaussian_geodesic_options,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe { options_default("otc_gaussian_geodesic_options_default", opts) }
}

/// Workspace of the geodesic call: the mean when not wanted, and the kernel's.
fn geodesic_req(d: usize) -> StackReq {
    StackReq::all_of(&[vec_req::<f64>(d), g::geodesic_scratch(d, Par::Seq)])
}

/// Bytes of workspace `otc_gaussian_geodesic_f64` needs: about 9·d² doubles plus faer's
/// eigensolver and SVD scratch. Reads the sizes of `problem->sigma1` only.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_geodesic_workspace_size_f64(
    problem: *const otc_gaussian_geodesic_problem_f64,
    opts: *const otc_gaussian_geodesic_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe {
        workspace_size(
            "otc_gaussian_geodesic_workspace_size_f64",
            problem,
            opts,
            bytes,
            |p, _| {
                let d = cov_dim("problem->sigma1", &p.sigma1)?;
                Ok(geodesic_req(d))
            },
        )
    }
}

/// The point at time t of the W₂ geodesic (McCann interpolant) from N(m1, Σ₁) to N(m2, Σ₂):
/// mean (1−t) m1 + t m2 into `out->mean` (optional) and covariance K Σ₁ K, K = (1−t) I + t A
/// (A the optimal map), into `out->cov`. A rank-deficient Σ₁ uses the pseudo-inverse map
/// (`OTC_WARN_SINGULAR`). O(d³).
///
/// Statuses: `OTC_OK`, `OTC_WARN_SINGULAR`; the errors of `otc_gaussian_w2_f64`, and
/// `OTC_ERR_INVALID_ARGUMENT` when t is not in [0, 1]. On an error nothing is written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
/// decompositions at larger d): see docs/abi.md, Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs; the means d readable doubles,
/// `out->mean` NULL or d writable doubles; views address valid memory; `work.data` is NULL
/// or valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_geodesic_f64(
    problem: *const otc_gaussian_geodesic_problem_f64,
    out: *mut otc_gaussian_geodesic_outputs_f64,
    opts: *const otc_gaussian_geodesic_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_gaussian_geodesic_f64", || {
        // SAFETY (whole block): checked by the helpers; validity is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let tol = tolerances(o.symmetry_tol, o.psd_tol, o.rank_tol)?;
        let (d, x) = unsafe { two_gaussians(p.m1, &p.sigma1, p.m2, &p.sigma2) }?;
        let ov = o_out.value;
        let (c, rc) = unsafe { out_square("out->cov", &ov.cov, d) }?;
        let (mean, rm) = split("out->mean", unsafe {
            args::opt_slice_mut("out->mean", ov.mean, d)
        }?);
        disjoint(
            &[("out", Some(o_out.region())), ("out->cov", Some(rc)), rm],
            &[&[("problem", Some(rp))], &x.regions],
        )?;
        let info = unsafe {
            run(o.num_threads, work, geodesic_req(d), |par, st| {
                let (mut tmp, st) = take(st, d, 0.0f64);
                let mean = mean.unwrap_or(&mut *tmp);
                g::geodesic_in_place(x.m1, x.s1, x.m2, x.s2, p.t, mean, c, &tol, par, st)
            })
        }?;
        o_out.value.rank = info.rank;
        let report = singular_report(&info, "problem->sigma1");
        o_out.commit(report.status);
        Ok(report)
    })
}

// ---------------------------------------------------------------------------------------
// gaussian_barycenter

/// Options of `otc_gaussian_barycenter_f64`; fill with
/// `otc_gaussian_barycenter_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_barycenter_options {
    /// `sizeof(otc_gaussian_barycenter_options)`.
    pub struct_size: usize,
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    pub num_threads: u32,
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    pub symmetry_tol: f64,
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    pub psd_tol: f64,
    /// Eigenvalues of the iterate ≤ rank_tol·λmax count as 0 when inverting; 0 = d·ε
    /// (default).
    pub rank_tol: f64,
    /// Stop when the estimated relative error ‖Σ − Σ*‖_F/‖Σ‖_F of the covariance is at most
    /// this (default 1e-13): sₖ·q/(1 − q) from the last relative step sₖ and the rate
    /// q = sₖ/sₖ₋₁ of the linearly converging iteration.
    pub tol: f64,
    /// Iteration cap (default 1000, ≥ 1); reaching it is `OTC_WARN_MAX_ITER`.
    pub max_iter: u64,
    /// Call `callback` at most once per this many iterations (0 = never, the default).
    pub callback_every: u64,
    /// Progress callback, or NULL: `callback(callback_data, iterations, error)` with the
    /// estimated relative error of the covariance; nonzero stops the iteration
    /// (`OTC_WARN_CANCELLED`, the current iterate returned). Runs on the calling thread.
    pub callback: shape::otc_callback,
    /// Passed to `callback` unchanged.
    pub callback_data: *mut c_void,
}
abi_options!(otc_gaussian_barycenter_options, {
    let b = BarycenterParams::default();
    otc_gaussian_barycenter_options {
        struct_size: size_of::<otc_gaussian_barycenter_options>(),
        num_threads: 0,
        symmetry_tol: b.psd.symmetry,
        psd_tol: b.psd.negative,
        rank_tol: b.psd.rank,
        tol: b.tol,
        max_iter: b.max_iter as u64,
        callback_every: 0,
        callback: None,
        callback_data: std::ptr::null_mut(),
    }
});

/// k Gaussians and their weights.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_barycenter_problem_f64 {
    /// `sizeof(otc_gaussian_barycenter_problem_f64)`.
    pub struct_size: usize,
    /// k×d, one mean per row.
    pub means: otc_matrix_f64,
    /// k views, d×d symmetric PSD each.
    pub covs: *const otc_matrix_f64,
    /// k non-negative weights (normalised by their sum), or NULL (uniform).
    pub weights: *const f64,
}
crate::abi_struct!(problem otc_gaussian_barycenter_problem_f64);

/// Results of `otc_gaussian_barycenter_f64`. `report.iterations`: fixed-point iterations;
/// `report.error`: the estimated relative error of the covariance (see `opts->tol`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_barycenter_outputs_f64 {
    /// `sizeof(otc_gaussian_barycenter_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), iterations, error estimate, seconds.
    pub report: shape::otc_report,
    /// Numerical rank of the returned covariance at `rank_tol`.
    pub rank: usize,
    /// Optional (NULL: not wanted), d doubles: the weighted mean Σₖ wₖ mₖ / Σw.
    pub mean: *mut f64,
    /// Required, d×d, any strides: the barycenter covariance.
    pub cov: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_gaussian_barycenter_outputs_f64);

/// Writes the default options into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_gaussian_barycenter_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_barycenter_options_default(
    opts: *mut otc_gaussian_barycenter_options,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe { options_default("otc_gaussian_barycenter_options_default", opts) }
}

/// Workspace of the barycenter call: k views, k weights, the mean, and the kernel's.
fn barycenter_req(k: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        views_req(k),
        vec_req::<f64>(k),
        vec_req::<f64>(d),
        g::barycenter_scratch(d, Par::Seq),
    ])
}

/// The number of Gaussians and the dimension, from the sizes of `problem->means`.
fn barycenter_dims(p: &otc_gaussian_barycenter_problem_f64) -> Result<(usize, usize)> {
    let (k, d) = (p.means.rows, p.means.cols);
    if k == 0 || d == 0 {
        bail!(
            InvalidDimension,
            "problem->means is {k}x{d}: need k, d >= 1"
        );
    }
    if d > g::MAX_DIM {
        bail!(
            Overflow,
            "d = {d}: above 2^26 a covariance cannot be stored"
        );
    }
    Ok((k, d))
}

/// Bytes of workspace `otc_gaussian_barycenter_f64` needs: about 6·d² doubles, faer's
/// eigensolver scratch, and 6·k + 2·d words. Reads the sizes of `problem->means` only.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_barycenter_workspace_size_f64(
    problem: *const otc_gaussian_barycenter_problem_f64,
    opts: *const otc_gaussian_barycenter_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe {
        workspace_size(
            "otc_gaussian_barycenter_workspace_size_f64",
            problem,
            opts,
            bytes,
            |p, _| {
                let (k, d) = barycenter_dims(p)?;
                Ok(barycenter_req(k, d))
            },
        )
    }
}

/// The W₂ barycenter N(m, Σ) of k Gaussians with weights w: m = Σₖ wₖ mₖ / Σw into
/// `out->mean` (optional) and Σ, the fixed point of Álvarez-Esteban et al. (2016),
/// Σ ← Σ^−½ (Σₖ wₖ (Σ^½ Σₖ Σ^½)^½)² Σ^−½ started at Σₖ wₖ Σₖ, into `out->cov`. Stops when
/// the estimated relative error is at most `opts->tol`, unconverged at `opts->max_iter`
/// (`OTC_WARN_MAX_ITER`, the last iterate returned) or when the steps stall at rounding
/// level, or when `opts->callback` asks to stop (`OTC_WARN_CANCELLED`, the current iterate
/// returned). O(iterations·k·d³).
///
/// Statuses: `OTC_OK`, `OTC_WARN_MAX_ITER`, `OTC_WARN_CANCELLED`, `OTC_WARN_SINGULAR` (the
/// barycenter is rank-deficient); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_NOT_PSD`,
/// `OTC_ERR_INVALID_ARGUMENT` (negative weights, weights summing to 0, bad tolerances,
/// max_iter 0), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`,
/// `OTC_ERR_NUMERICAL`. On an error nothing is written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
/// decompositions at larger d): see docs/abi.md, Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs; `problem->covs` points to k views,
/// `problem->weights` NULL or k doubles, `out->mean` NULL or d writable doubles; views
/// address valid memory; `work.data` is NULL or valid for `work.bytes` bytes and overlaps no
/// argument.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_barycenter_f64(
    problem: *const otc_gaussian_barycenter_problem_f64,
    out: *mut otc_gaussian_barycenter_outputs_f64,
    opts: *const otc_gaussian_barycenter_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_gaussian_barycenter_f64", || {
        // SAFETY (whole block): checked by the helpers; validity is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let params = BarycenterParams {
            psd: tolerances(o.symmetry_tol, o.psd_tol, o.rank_tol)?,
            tol: o.tol,
            max_iter: usize::try_from(o.max_iter).unwrap_or(usize::MAX),
        };
        let (k, d) = barycenter_dims(&p)?;
        let (means, rm, covs, rc) =
            unsafe { batch("problem->means", &p.means, "problem->covs", p.covs) }?;
        let (w, rw) = split("problem->weights", unsafe {
            args::opt_slice("problem->weights", p.weights, k)
        }?);
        let ov = o_out.value;
        let (c, rcov) = unsafe { out_square("out->cov", &ov.cov, d) }?;
        let (mean, rmean) = split("out->mean", unsafe {
            args::opt_slice_mut("out->mean", ov.mean, d)
        }?);
        let outs = [
            ("out", Some(o_out.region())),
            ("out->cov", Some(rcov)),
            rmean,
        ];
        disjoint(
            &outs,
            &[&[
                ("problem", Some(rp)),
                ("problem->means", Some(rm)),
                ("problem->covs", Some(rc)),
                rw,
            ]],
        )?;
        unsafe { check_batch("problem->covs", covs, d, &outs) }?;
        let addr = covs.as_ptr() as usize;
        let callback = shape::Callback::new(o.callback_every, o.callback, o.callback_data);
        let (info, cancelled) = unsafe {
            shape::run(
                o.num_threads,
                work,
                barycenter_req(k, d),
                callback,
                |par, st| {
                    // (Inside the unsafe block of the call.) SAFETY: the array of views checked by
                    // `check_batch` above, alive for the call.
                    let (views, st) = batch_views(addr, k, st);
                    let (uniform, st) = take(st, k, 1.0f64);
                    let (mut tmp, st) = take(st, d, 0.0f64);
                    let w: &[f64] = w.unwrap_or(&uniform);
                    let mean = mean.unwrap_or(&mut *tmp);
                    g::barycenter_in_place(means, &views, w, mean, c, &params, par, st)
                },
            )
        }?;
        o_out.value.rank = info.rank;
        o_out.value.report.iterations = info.iterations as u64;
        o_out.value.report.error = info.error_estimate;
        let report = if cancelled {
            Report::warn(
                OTC_WARN_CANCELLED,
                format_args!(
                    "the callback stopped the barycenter iteration after {} iterations (estimated relative error {:.1e})",
                    info.iterations, info.error_estimate
                ),
            )
        } else if !info.converged {
            Report::warn(
                OTC_WARN_MAX_ITER,
                format_args!(
                    "the barycenter iteration did not reach tol = {:e} in {} iterations (estimated relative error {:.1e})",
                    o.tol, info.iterations, info.error_estimate
                ),
            )
        } else {
            singular_report(&info, "the barycenter covariance")
        };
        o_out.commit(report.status);
        Ok(report)
    })
}

// ---------------------------------------------------------------------------------------
// gaussian_moments

/// Options of `otc_gaussian_moments_f64`; fill with `otc_gaussian_moments_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_moments_options {
    /// `sizeof(otc_gaussian_moments_options)`.
    pub struct_size: usize,
    /// Threads of the matrix product: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the
    /// calling thread only, k = k workers (≤ 256).
    pub num_threads: u32,
}
abi_options!(otc_gaussian_moments_options, {
    otc_gaussian_moments_options {
        struct_size: size_of::<otc_gaussian_moments_options>(),
        num_threads: 0,
    }
});

/// n weighted points in ℝᵈ.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_moments_problem_f64 {
    /// `sizeof(otc_gaussian_moments_problem_f64)`.
    pub struct_size: usize,
    /// n×d, one point per row.
    pub x: otc_matrix_f64,
    /// n non-negative weights (normalised by their sum), or NULL (uniform).
    pub weights: *const f64,
}
crate::abi_struct!(problem otc_gaussian_moments_problem_f64);

/// Results of `otc_gaussian_moments_f64`. `report.iterations` and `report.error` are 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_gaussian_moments_outputs_f64 {
    /// `sizeof(otc_gaussian_moments_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), seconds.
    pub report: shape::otc_report,
    /// Optional (NULL: not wanted), d doubles: m = Σᵢ wᵢ xᵢ / Σw.
    pub mean: *mut f64,
    /// Required, d×d, any strides: Σ = Σᵢ wᵢ (xᵢ − m)(xᵢ − m)ᵀ / Σw (maximum likelihood).
    pub cov: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_gaussian_moments_outputs_f64);

/// Writes the default options into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_gaussian_moments_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_moments_options_default(
    opts: *mut otc_gaussian_moments_options,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe { options_default("otc_gaussian_moments_options_default", opts) }
}

/// Workspace of the moments call: the mean when not wanted, and the kernel's.
fn moments_req(n: usize, d: usize) -> StackReq {
    StackReq::all_of(&[vec_req::<f64>(d), g::moments_scratch(n, d)])
}

/// Bytes of workspace `otc_gaussian_moments_f64` needs: one n×d temporary (the centred
/// points) and d doubles. Reads the sizes of `problem->x` only.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_moments_workspace_size_f64(
    problem: *const otc_gaussian_moments_problem_f64,
    opts: *const otc_gaussian_moments_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe {
        workspace_size(
            "otc_gaussian_moments_workspace_size_f64",
            problem,
            opts,
            bytes,
            |p, _| {
                let (n, d) = moments_dims(p)?;
                Ok(moments_req(n, d))
            },
        )
    }
}

/// The number of points and the dimension, from the sizes of `problem->x`.
fn moments_dims(p: &otc_gaussian_moments_problem_f64) -> Result<(usize, usize)> {
    let (n, d) = (p.x.rows, p.x.cols);
    if n == 0 || d == 0 {
        bail!(InvalidDimension, "problem->x is {n}x{d}: need n, d >= 1");
    }
    if d > g::MAX_DIM {
        bail!(
            Overflow,
            "problem->x has {d} columns: above 2^26 a covariance cannot be stored"
        );
    }
    Ok((n, d))
}

/// Weighted mean (into `out->mean`, optional) and covariance (into `out->cov`, normalised by
/// Σw: the maximum-likelihood estimate) of the n points in the rows of `problem->x`.
/// One matrix product, O(n·d²).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_ARGUMENT` (negative
/// weights, weights summing to 0), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
/// `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
/// `OTC_ERR_THREADS`. On an error nothing is written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
/// decompositions at larger d): see docs/abi.md, Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs; `problem->weights` NULL or n doubles,
/// `out->mean` NULL or d writable doubles; views address valid memory; `work.data` is NULL
/// or valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_gaussian_moments_f64(
    problem: *const otc_gaussian_moments_problem_f64,
    out: *mut otc_gaussian_moments_outputs_f64,
    opts: *const otc_gaussian_moments_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_gaussian_moments_f64", || {
        // SAFETY (whole block): checked by the helpers; validity is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let (n, d) = moments_dims(&p)?;
        let (x, rx) = unsafe { args::matrix("problem->x", &p.x) }?;
        let (w, rw) = split("problem->weights", unsafe {
            args::opt_slice("problem->weights", p.weights, n)
        }?);
        let ov = o_out.value;
        let (c, rc) = unsafe { out_square("out->cov", &ov.cov, d) }?;
        let (mean, rmean) = split("out->mean", unsafe {
            args::opt_slice_mut("out->mean", ov.mean, d)
        }?);
        disjoint(
            &[("out", Some(o_out.region())), ("out->cov", Some(rc)), rmean],
            &[&[("problem", Some(rp)), ("problem->x", Some(rx)), rw]],
        )?;
        unsafe {
            run(o.num_threads, work, moments_req(n, d), |par, st| {
                let (mut tmp, st) = take(st, d, 0.0f64);
                let mean = mean.unwrap_or(&mut *tmp);
                g::moments_in_place(x, w, mean, c, par, st)
            })
        }?;
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}

// ---------------------------------------------------------------------------------------
// psd_sqrt

/// Options of `otc_psd_sqrt_f64`; fill with `otc_psd_sqrt_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_psd_sqrt_options {
    /// `sizeof(otc_psd_sqrt_options)`.
    pub struct_size: usize,
    /// 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only, k = k workers
    /// (≤ 256); the result is the same for every value.
    pub num_threads: u32,
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    pub symmetry_tol: f64,
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    pub psd_tol: f64,
    /// Eigenvalues ≤ rank_tol·λmax count as 0 in the inverse square root; 0 = d·ε (default).
    pub rank_tol: f64,
}
abi_options!(otc_psd_sqrt_options, {
    let t = PsdTolerances::default();
    otc_psd_sqrt_options {
        struct_size: size_of::<otc_psd_sqrt_options>(),
        num_threads: 0,
        symmetry_tol: t.symmetry,
        psd_tol: t.negative,
        rank_tol: t.rank,
    }
});

/// A symmetric PSD matrix.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_psd_sqrt_problem_f64 {
    /// `sizeof(otc_psd_sqrt_problem_f64)`.
    pub struct_size: usize,
    /// Σ, d×d symmetric PSD.
    pub a: otc_matrix_f64,
}
crate::abi_struct!(problem otc_psd_sqrt_problem_f64);

/// Results of `otc_psd_sqrt_f64`; at least one of `sqrt`, `inv_sqrt` must be wanted.
/// `report.iterations` and `report.error` are 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_psd_sqrt_outputs_f64 {
    /// `sizeof(otc_psd_sqrt_outputs_f64)`.
    pub struct_size: usize,
    /// Status (`OTC_WARN_SINGULAR` when `inv_sqrt` is wanted and Σ is rank-deficient), path
    /// (0), seconds.
    pub report: shape::otc_report,
    /// Numerical rank of Σ at `rank_tol`.
    pub rank: usize,
    /// Optional (data NULL: not wanted), d×d, any strides: Σ^½.
    pub sqrt: otc_matrix_mut_f64,
    /// Optional (data NULL: not wanted), d×d, any strides: (Σ⁺)^½, the pseudo-inverse square
    /// root.
    pub inv_sqrt: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_psd_sqrt_outputs_f64);

/// Writes the default options into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_psd_sqrt_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_psd_sqrt_options_default(
    opts: *mut otc_psd_sqrt_options,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe { options_default("otc_psd_sqrt_options_default", opts) }
}

/// Bytes of workspace `otc_psd_sqrt_f64` needs: 2·d² doubles plus faer's eigensolver
/// scratch. Reads the sizes of `problem->a` only.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_OVERFLOW` (d > 2^26).
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_psd_sqrt_workspace_size_f64(
    problem: *const otc_psd_sqrt_problem_f64,
    opts: *const otc_psd_sqrt_options,
    bytes: *mut usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe {
        workspace_size(
            "otc_psd_sqrt_workspace_size_f64",
            problem,
            opts,
            bytes,
            |p, _| {
                let d = cov_dim("problem->a", &p.a)?;
                Ok(g::psd_sqrt_scratch(d, Par::Seq))
            },
        )
    }
}

/// Σ^½ (into `out->sqrt`) and the pseudo-inverse square root (Σ⁺)^½ (into `out->inv_sqrt`) of
/// a symmetric PSD d×d matrix by its eigendecomposition, eigenvalues clamped at 0; for the
/// inverse, eigenvalues ≤ rank_tol·λmax count as 0 (`OTC_WARN_SINGULAR`). O(d³).
///
/// Statuses: `OTC_OK`, `OTC_WARN_SINGULAR`; `OTC_ERR_NULL_POINTER` (also when neither output
/// is wanted), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_NON_FINITE`,
/// `OTC_ERR_NOT_PSD`, `OTC_ERR_INVALID_ARGUMENT`, `OTC_ERR_INVALID_STRIDE`,
/// `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
/// `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`, `OTC_ERR_NUMERICAL`. On an error nothing is
/// written.
///
/// Allocation with a caller workspace: none, except faer's per-thread matrix-product
/// buffer (2 × L3 bytes, 64 MiB with a 32 MiB L3) on the calling thread's first product
/// above 16³ multiply-adds (d ≥ 17, or n·d² > 4096 for `gaussian_map_apply`, and faer's
/// decompositions at larger d): see docs/abi.md, Memory.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs; views address valid memory;
/// `work.data` is NULL or valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_psd_sqrt_f64(
    problem: *const otc_psd_sqrt_problem_f64,
    out: *mut otc_psd_sqrt_outputs_f64,
    opts: *const otc_psd_sqrt_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_psd_sqrt_f64", || {
        // SAFETY (whole block): checked by the helpers; validity is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        let tol = tolerances(o.symmetry_tol, o.psd_tol, o.rank_tol)?;
        let d = cov_dim("problem->a", &p.a)?;
        let (a, ra) = unsafe { covariance("problem->a", &p.a, d) }?;
        let ov = o_out.value;
        let (s, rs) = split("out->sqrt", unsafe {
            opt_out_square("out->sqrt", &ov.sqrt, d)
        }?);
        let (i, ri) = split("out->inv_sqrt", unsafe {
            opt_out_square("out->inv_sqrt", &ov.inv_sqrt, d)
        }?);
        if s.is_none() && i.is_none() {
            bail!(
                NullPointer,
                "out->sqrt.data and out->inv_sqrt.data are both NULL: nothing to compute"
            );
        }
        disjoint(
            &[("out", Some(o_out.region())), rs, ri],
            &[&[("problem", Some(rp)), ("problem->a", Some(ra))]],
        )?;
        let want_inverse = i.is_some();
        let info = unsafe {
            run(
                o.num_threads,
                work,
                g::psd_sqrt_scratch(d, Par::Seq),
                |par, st| g::psd_sqrt_in_place(a, s, i, &tol, par, st),
            )
        }?;
        o_out.value.rank = info.rank;
        let report = if want_inverse {
            singular_report(&info, "problem->a")
        } else {
            Report::ok()
        };
        o_out.commit(report.status);
        Ok(report)
    })
}
