//! Square roots of symmetric PSD matrices by symmetric eigendecomposition, eigenvalues clamped
//! at 0; the inverse square root is the pseudo-inverse one below the rank floor.

use super::{GaussianInfo, PsdTolerances};
use crate::workspace::{check_stack, take, vec_req};
use crate::{bail, Error, ErrorKind, MatMut, MatRef, MemStack, Par, Result, StackReq};
use faer::linalg::evd::{self, ComputeEigenvectors};
use faer::linalg::{temp_mat_scratch, temp_mat_zeroed};
use faer::mat::AsMatMut;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, ColMut, Mat};

/// The largest dimension whose workspace is computed: faer's scratch formulas are unchecked
/// arithmetic in d, and a d×d matrix beyond 2^26 (2^55 bytes) cannot exist anyway. Larger d
/// give an overflowing requirement.
pub(crate) const MAX_DIM: usize = 1 << 26;

/// Workspace of a rows×cols temporary matrix (faer pads its columns); an overflowing
/// requirement when it cannot fit the address space.
pub(crate) fn temp_req(rows: usize, cols: usize) -> StackReq {
    let fits = rows
        .checked_add(64)
        .and_then(|r| r.checked_mul(cols))
        .is_some_and(|e| e <= isize::MAX as usize / 8);
    if fits {
        temp_mat_scratch::<f64>(rows, cols)
    } else {
        StackReq::OVERFLOW
    }
}

/// Workspace of a d×d temporary matrix.
pub(crate) fn mat_req(d: usize) -> StackReq {
    temp_req(d, d)
}

/// Workspace of [`eigh_psd`]: eigenvalues (d) and, when `vectors`, faer's EVD scratch.
///
/// Every faer factorisation and product of this module runs with `Par::Seq`: faer's parallel
/// algorithms do not give bitwise-identical results for every thread count (they differ from
/// d ≈ 400 on), and the C contract promises that they do. Parallelism is across problems
/// (all pairs, point clouds) in fixed chunks instead; `par` arguments are kept for that.
pub(crate) fn eigh_req(d: usize, vectors: bool, par: Par) -> StackReq {
    let v = if vectors {
        ComputeEigenvectors::Yes
    } else {
        ComputeEigenvectors::No
    };
    let _ = par;
    if d > MAX_DIM {
        return StackReq::OVERFLOW;
    }
    evd::self_adjoint_evd_scratch::<f64>(d, v, Par::Seq, Default::default())
}

/// Checks that `a` is a finite square d×d matrix, symmetric within `tol.symmetry`.
pub(crate) fn check_symmetric(
    what: &dyn std::fmt::Display,
    a: MatRef<'_, f64>,
    d: usize,
    tol: &PsdTolerances,
) -> Result<()> {
    if a.nrows() != d || a.ncols() != d {
        bail!(
            InvalidDimension,
            "{what} is {}x{}, expected {d}x{d}",
            a.nrows(),
            a.ncols()
        );
    }
    let mut scale = 0.0f64;
    for j in 0..d {
        for i in 0..d {
            let x = a[(i, j)];
            if !x.is_finite() {
                bail!(NonFinite, "{what}[{i}, {j}] is {x:?}, not a finite number");
            }
            scale = scale.max(x.abs());
        }
    }
    for j in 0..d {
        for i in j + 1..d {
            let gap = (a[(i, j)] - a[(j, i)]).abs();
            if gap > tol.symmetry * scale {
                bail!(
                    NotPositiveSemidefinite,
                    "{what} is not symmetric: |{what}[{i}, {j}] - {what}[{j}, {i}]| = {gap:.3e} > {:.1e} (relative symmetry tolerance) * {scale:.3e} (largest |entry|)",
                    tol.symmetry
                );
            }
        }
    }
    Ok(())
}

/// Symmetric eigendecomposition of a PSD matrix: `w` receives the eigenvalues in ascending
/// order, clamped at 0, and `u` (when given) the orthonormal eigenvectors. Reads the lower
/// triangle of `a` after checking symmetry; an eigenvalue below −`tol.negative`·max|λ| is an
/// error. O(d³).
pub(crate) fn eigh_psd(
    what: &dyn std::fmt::Display,
    a: MatRef<'_, f64>,
    w: &mut [f64],
    u: Option<MatMut<'_, f64>>,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<()> {
    let d = w.len();
    check_symmetric(what, a, d, tol)?;
    eigh_raw(a, w, u, par, stack)?;
    let scale = w[0].abs().max(w[d - 1].abs());
    if w[0] < -tol.negative * scale {
        bail!(
            NotPositiveSemidefinite,
            "{what} has eigenvalue {:.6e} < -{:.1e} (relative PSD tolerance) * {scale:.6e} (largest |eigenvalue|)",
            w[0],
            tol.negative
        );
    }
    for x in w.iter_mut() {
        *x = x.max(0.0);
    }
    Ok(())
}

/// Eigendecomposition without checks (inputs built by the kernels themselves).
pub(crate) fn eigh_raw(
    a: MatRef<'_, f64>,
    w: &mut [f64],
    u: Option<MatMut<'_, f64>>,
    par: Par,
    stack: &mut MemStack,
) -> Result<()> {
    let _ = par;
    evd::self_adjoint_evd(
        a,
        ColMut::from_slice_mut(w).as_diagonal_mut(),
        u,
        Par::Seq,
        stack,
        Default::default(),
    )
    .map_err(|e| {
        Error::new(
            ErrorKind::Numerical,
            format!("symmetric eigensolver failed: {e:?}"),
        )
    })
}

/// Workspace of [`singular_values`] for a d×d matrix (with right singular vectors when `right`).
pub(crate) fn svd_req(d: usize, right: bool, par: Par) -> StackReq {
    use faer::linalg::svd::ComputeSvdVectors as C;
    let v = if right { C::Full } else { C::No };
    let _ = par;
    if d > MAX_DIM {
        return StackReq::OVERFLOW;
    }
    faer::linalg::svd::svd_scratch::<f64>(d, d, C::No, v, Par::Seq, Default::default())
}

/// Singular values of a square `c` into `s` (nonincreasing) and, when given, its right
/// singular vectors into `r`.
pub(crate) fn singular_values(
    c: MatRef<'_, f64>,
    s: &mut [f64],
    r: Option<MatMut<'_, f64>>,
    par: Par,
    stack: &mut MemStack,
) -> Result<()> {
    let _ = par;
    faer::linalg::svd::svd(
        c,
        ColMut::from_slice_mut(s).as_diagonal_mut(),
        None,
        r,
        Par::Seq,
        stack,
        Default::default(),
    )
    .map_err(|e| Error::new(ErrorKind::Numerical, format!("SVD failed: {e:?}")))
}

/// The eigenvalue below or at which an eigenvalue counts as zero when inverting.
pub(crate) fn rank_floor(w: &[f64], tol: &PsdTolerances) -> f64 {
    let d = w.len();
    let r = if tol.rank > 0.0 {
        tol.rank
    } else {
        d as f64 * f64::EPSILON
    };
    r * w[d - 1].max(0.0)
}

/// Numerical rank of clamped eigenvalues `w`.
pub(crate) fn rank_of(w: &[f64], tol: &PsdTolerances) -> usize {
    let floor = rank_floor(w, tol);
    w.iter().filter(|&&x| x > floor && x > 0.0).count()
}

/// Scales column k of `u` by `f(w[k])`, in place.
pub(crate) fn scale_cols(mut u: MatMut<'_, f64>, w: &[f64], f: impl Fn(f64) -> f64) {
    for (k, &x) in w.iter().enumerate() {
        let s = f(x);
        for v in u.rb_mut().col_mut(k).iter_mut() {
            *v *= s;
        }
    }
}

/// `out = v·vᵀ`, made exactly symmetric (lower triangle mirrored). O(d³).
pub(crate) fn gram(mut out: MatMut<'_, f64>, v: MatRef<'_, f64>, par: Par) {
    let _ = par;
    faer::linalg::matmul::matmul(
        out.rb_mut(),
        Accum::Replace,
        v,
        v.transpose(),
        1.0,
        Par::Seq,
    );
    symmetrize(out);
}

/// Mirrors the lower triangle of a square matrix into its upper triangle.
pub(crate) fn symmetrize(mut a: MatMut<'_, f64>) {
    let d = a.nrows();
    for j in 0..d {
        for i in j + 1..d {
            let x = a[(i, j)];
            a[(j, i)] = x;
        }
    }
}

/// λ^{p} for λ > floor, else 0 (negative `p` gives the pseudo-inverse power).
pub(crate) fn pinv_pow(x: f64, floor: f64, p: f64) -> f64 {
    if x > floor && x > 0.0 {
        x.powf(p)
    } else {
        0.0
    }
}

/// Workspace of [`psd_sqrt_in_place`] for d×d matrices.
pub fn psd_sqrt_scratch(d: usize, par: Par) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(d),
        mat_req(d).array(2),
        eigh_req(d, true, par),
    ])
}

/// Σ^½ and/or the pseudo-inverse Σ^−½ of a symmetric PSD d×d matrix `a` (any strides), into
/// the optional outputs (d×d, any strides, not overlapping `a`). Eigenvalues are clamped at 0;
/// for Σ^−½, eigenvalues at or below the rank floor (see [`PsdTolerances::rank`]) are treated
/// as 0. `singular` in the info says whether that happened. O(d³), allocation-free.
pub fn psd_sqrt_in_place(
    a: MatRef<'_, f64>,
    sqrt: Option<MatMut<'_, f64>>,
    inv_sqrt: Option<MatMut<'_, f64>>,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<GaussianInfo> {
    let d = a.nrows();
    if d == 0 {
        bail!(InvalidDimension, "the matrix is 0x0");
    }
    for (name, m) in [("sqrt", sqrt.as_ref()), ("inv_sqrt", inv_sqrt.as_ref())] {
        if let Some(m) = m {
            if m.nrows() != d || m.ncols() != d {
                bail!(
                    InvalidDimension,
                    "output {name} is {}x{}, expected {d}x{d}",
                    m.nrows(),
                    m.ncols()
                );
            }
        }
    }
    check_stack(stack, psd_sqrt_scratch(d, par))?;
    // faer's products and decompositions exceed 16³ multiply-adds from d = 17 on.
    crate::product_buffer::ensure_if(d > 16, par)?;
    let (mut w, stack) = take(stack, d, 0.0f64);
    let (mut u, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut u = u.as_mat_mut();
    let (mut v, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut v = v.as_mat_mut();
    eigh_psd(&"the matrix", a, &mut w, Some(u.rb_mut()), tol, par, stack)?;
    let floor = rank_floor(&w, tol);
    let rank = rank_of(&w, tol);
    if let Some(out) = sqrt {
        v.copy_from(u.rb());
        scale_cols(v.rb_mut(), &w, |x| x.sqrt().sqrt());
        gram(out, v.rb(), par);
    }
    if let Some(out) = inv_sqrt {
        v.copy_from(u.rb());
        scale_cols(v.rb_mut(), &w, |x| pinv_pow(x, floor, -0.25));
        gram(out, v.rb(), par);
    }
    Ok(GaussianInfo {
        singular: rank < d,
        rank,
        iterations: 0,
        converged: true,
        error_estimate: 0.0,
        cancelled: false,
    })
}

/// Σ^½ and the pseudo-inverse Σ^−½ of a symmetric PSD matrix, with its numerical rank.
#[derive(Clone, Debug)]
pub struct PsdSqrt {
    /// Σ^½ (d×d, symmetric PSD).
    pub sqrt: Mat<f64>,
    /// (Σ⁺)^½, the pseudo-inverse square root (d×d, symmetric PSD).
    pub inv_sqrt: Mat<f64>,
    /// Rank, singularity flag.
    pub info: GaussianInfo,
}

/// Convenience form of [`psd_sqrt_in_place`]: allocates the outputs and the workspace.
pub fn psd_sqrt(a: MatRef<'_, f64>, tol: &PsdTolerances) -> Result<PsdSqrt> {
    let d = a.nrows();
    let mut sqrt = Mat::zeros(d, d);
    let mut inv_sqrt = Mat::zeros(d, d);
    let info = crate::workspace::with_stack(psd_sqrt_scratch(d, Par::Seq), |stack| {
        psd_sqrt_in_place(
            a,
            Some(sqrt.as_mut()),
            Some(inv_sqrt.as_mut()),
            tol,
            Par::Seq,
            stack,
        )
    })??;
    Ok(PsdSqrt {
        sqrt,
        inv_sqrt,
        info,
    })
}
