//! The optimal (Monge) map between two Gaussians, T(x) = m₂ + A(x − m₁), and its application
//! to a point cloud.

use super::bures::{half_factor, half_factor_req};
use super::congruence::{congruence, congruence_req, MIN_EIG_RATIO};
use super::sqrtm::{
    eigh_psd, eigh_raw, eigh_req, gram, mat_req, pinv_pow, rank_floor, rank_of, scale_cols,
    singular_values, svd_req,
};
use super::{GaussianInfo, PsdTolerances};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatMut, MatRef, MemStack, Par, Result, StackReq};
use faer::linalg::temp_mat_zeroed;
use faer::mat::AsMatMut;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, Mat};

/// Workspace of [`map_core`] beyond its two d×d outputs.
pub(crate) fn map_core_req(d: usize, par: Par) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(d).array(2),
        mat_req(d).array(3),
        StackReq::any_of(&[
            eigh_req(d, true, par),
            half_factor_req(d, par),
            svd_req(d, true, par),
        ]),
    ])
}

/// A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½ into `a`, and V₁ = U·diag(√λ) of Σ₁ (Σ₁ = V₁V₁ᵀ) into `v`.
///
/// With Σ₁ = U Λ Uᵀ, V₁ = U Λ^½, Σ₂ = V₂V₂ᵀ (Cholesky, or the clamped EVD) and the SVD C = V₂ᵀ V₁ = P S Rᵀ, the
/// matrix V₁ᵀ Σ₂ V₁ = CᵀC = R S² Rᵀ is similar to Σ₁^½ Σ₂ Σ₁^½, and A = V₁⁻ᵀ (R S Rᵀ) V₁⁻¹
/// (the unique symmetric PSD A with A Σ₁ A = Σ₂ for any square factor V₁). It is formed as
/// A = W Wᵀ with W = U Λ⁺^½ R S^½: symmetric PSD by construction, Λ⁺ the pseudo-inverse below
/// the rank floor. One EVD, one Cholesky (an EVD if Σ₂ is not PD), one SVD, three matmuls.
pub(crate) fn map_core(
    s1: MatRef<'_, f64>,
    s2: MatRef<'_, f64>,
    a: MatMut<'_, f64>,
    mut v: MatMut<'_, f64>,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<GaussianInfo> {
    let d = s1.nrows();
    let (mut lam, stack) = take(stack, d, 0.0f64);
    let (mut mu, stack) = take(stack, d, 0.0f64);
    let (mut u, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut u = u.as_mat_mut();
    let (mut t, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut t = t.as_mat_mut();
    let (mut q, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut q = q.as_mat_mut();
    eigh_psd(&"sigma1", s1, &mut lam, Some(u.rb_mut()), tol, par, stack)?;
    half_factor(&"sigma2", s2, d, t.rb_mut(), tol, par, stack)?;
    let floor = rank_floor(&lam, tol);
    let rank = rank_of(&lam, tol);
    v.copy_from(u.rb());
    scale_cols(v.rb_mut(), &lam, f64::sqrt);
    // C = V₂ᵀ V₁ into q, its singular values into mu and right vectors R into t.
    faer::linalg::matmul::matmul(
        q.rb_mut(),
        Accum::Replace,
        t.rb().transpose(),
        v.rb(),
        1.0,
        par,
    );
    singular_values(q.rb(), &mut mu, Some(t.rb_mut()), par, stack)?;
    scale_cols(t.rb_mut(), &mu, |x| x.max(0.0).sqrt());
    // W = (U Λ⁺^½) (R S^½), A = W Wᵀ.
    scale_cols(u.rb_mut(), &lam, |x| pinv_pow(x, floor, -0.5));
    faer::linalg::matmul::matmul(q.rb_mut(), Accum::Replace, u.rb(), t.rb(), 1.0, Par::Seq);
    gram(a, q.rb(), par);
    Ok(GaussianInfo {
        singular: rank < d,
        rank,
        iterations: 0,
        converged: true,
        error_estimate: 0.0,
        cancelled: false,
    })
}

/// Workspace of [`map_cholesky`].
fn map_cholesky_req(d: usize, par: Par) -> StackReq {
    StackReq::all_of(&[
        mat_req(d).array(3),
        vec_req::<f64>(d),
        StackReq::any_of(&[
            half_factor_req(d, par),
            congruence_req(d),
            eigh_req(d, true, par),
        ]),
    ])
}

/// A from Cholesky factors Σ₁ = L₁L₁ᵀ, Σ₂ = L₂L₂ᵀ and ONE eigendecomposition:
/// M = L₁ᵀΣ₂L₁ = R diag(ν) Rᵀ (formed as CᵀC, C = L₂ᵀL₁), A = L₁⁻ᵀ M^½ L₁⁻¹ = W Wᵀ with
/// W = L₁⁻ᵀ R diag(ν^¼) (one triangular solve). `None` (nothing written) when a Cholesky
/// factorisation fails (singular or indefinite input: the eigenvalue route checks and
/// pseudo-inverts), when ν has eigenvalues below [`MIN_EIG_RATIO`]·νmax (squaring C would
/// cost accuracy there), or when Σ₁ could be rank-deficient at `tol.rank`: the bound
/// λmin(Σ₁)/λmax(Σ₁) ≥ νmin/(‖Σ₁‖_F‖Σ₂‖_F) must clear the rank floor. About 4d³/3 flops
/// of factorisations and products plus one EVD with vectors.
fn map_cholesky(
    s1: MatRef<'_, f64>,
    s2: MatRef<'_, f64>,
    a: MatMut<'_, f64>,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<Option<GaussianInfo>> {
    let d = s1.nrows();
    let (mut l1, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut l1 = l1.as_mat_mut();
    let (mut l2, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut l2 = l2.as_mat_mut();
    let (mut m, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut m = m.as_mat_mut();
    let (mut nu, stack) = take(stack, d, 0.0f64);
    let (_, chol1) = half_factor(&"sigma1", s1, d, l1.rb_mut(), tol, par, stack)?;
    let (_, chol2) = half_factor(&"sigma2", s2, d, l2.rb_mut(), tol, par, stack)?;
    if !(chol1 && chol2) {
        return Ok(None);
    }
    congruence(l1.rb(), true, l2.rb(), true, m.rb_mut(), stack);
    // R into l2 (free once M is formed).
    eigh_raw(m.rb(), &mut nu, Some(l2.rb_mut()), par, stack)?;
    let (numin, numax) = (nu[0], nu[d - 1]);
    let fro = |s: MatRef<'_, f64>| s.norm_l2();
    let rank_ratio = if tol.rank > 0.0 {
        tol.rank
    } else {
        d as f64 * f64::EPSILON
    };
    let usable = numin >= MIN_EIG_RATIO * numax && numin > rank_ratio * fro(s1) * fro(s2);
    if !usable {
        return Ok(None);
    }
    scale_cols(l2.rb_mut(), &nu, |x| x.sqrt().sqrt());
    faer::linalg::triangular_solve::solve_upper_triangular_in_place(
        l1.rb().transpose(),
        l2.rb_mut(),
        Par::Seq,
    );
    gram(a, l2.rb(), par);
    Ok(Some(GaussianInfo {
        singular: false,
        rank: d,
        iterations: 0,
        converged: true,
        error_estimate: 0.0,
        cancelled: false,
    }))
}

/// Workspace of [`map_in_place`].
pub fn map_scratch(d: usize, par: Par) -> StackReq {
    StackReq::any_of(&[
        map_cholesky_req(d, par),
        StackReq::all_of(&[mat_req(d), map_core_req(d, par)]),
    ])
}

/// The linear part A (d×d, symmetric PSD, any strides) of the optimal map from N(m₁, Σ₁) to
/// N(m₂, Σ₂): T(x) = m₂ + A(x − m₁), A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½, so that A Σ₁ A = Σ₂.
///
/// When Σ₁ is rank-deficient (see [`PsdTolerances::rank`]), Σ₁^−½ is the pseudo-inverse
/// square root: A then maps range(Σ₁) optimally onto what Σ₂ gives it and sends ker(Σ₁) to 0
/// (those directions carry no mass under N(m₁, Σ₁)); `info.singular` is set. A Σ₁ A = Σ₂
/// holds only when range(Σ₂) ⊆ what range(Σ₁) can reach. O(d³), allocation-free.
///
/// Route: Cholesky factors and one eigendecomposition (see `map_cholesky`) when both
/// covariances are positive definite and M = L₁ᵀΣ₂L₁ is not nearly singular; otherwise the
/// eigendecomposition of Σ₁ and the SVD of L₂ᵀ·Σ₁^½ (`map_core`), which pseudo-inverts.
pub fn map_in_place(
    s1: MatRef<'_, f64>,
    s2: MatRef<'_, f64>,
    a: MatMut<'_, f64>,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<GaussianInfo> {
    let d = s1.nrows();
    if d == 0 {
        bail!(InvalidDimension, "sigma1 is 0x0");
    }
    if a.nrows() != d || a.ncols() != d {
        bail!(
            InvalidDimension,
            "output A is {}x{}, expected {d}x{d}",
            a.nrows(),
            a.ncols()
        );
    }
    check_stack(stack, map_scratch(d, par))?;
    // faer's products and decompositions exceed 16³ multiply-adds from d = 17 on.
    crate::product_buffer::ensure_if(d > 16, par)?;
    let mut a = a;
    if let Some(info) = map_cholesky(s1, s2, a.rb_mut(), tol, par, stack)? {
        return Ok(info);
    }
    let (mut v, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    map_core(s1, s2, a, v.as_mat_mut(), tol, par, stack)
}

/// Convenience form of [`map_in_place`]: returns (A, b) with T(x) = A x + b, b = m₂ − A m₁.
pub fn map(
    m1: &[f64],
    s1: MatRef<'_, f64>,
    m2: &[f64],
    s2: MatRef<'_, f64>,
    tol: &PsdTolerances,
) -> Result<(Mat<f64>, Vec<f64>, GaussianInfo)> {
    let d = s1.nrows();
    if m1.len() != d || m2.len() != d {
        bail!(
            InvalidDimension,
            "means have lengths {} and {}, expected {d}",
            m1.len(),
            m2.len()
        );
    }
    let mut a = Mat::zeros(d, d);
    let info = with_stack(map_scratch(d, Par::Seq), |st| {
        map_in_place(s1, s2, a.as_mut(), tol, Par::Seq, st)
    })??;
    let b = affine_offset(a.as_ref(), m1, m2);
    Ok((a, b, info))
}

/// b = m₂ − A m₁.
pub(crate) fn affine_offset(a: MatRef<'_, f64>, m1: &[f64], m2: &[f64]) -> Vec<f64> {
    let mut b = m2.to_vec();
    write_offset(a, m1, &mut b);
    b
}

/// b ← b − A m₁ (b holding m₂ on entry), each row summed in order.
pub(crate) fn write_offset(a: MatRef<'_, f64>, m1: &[f64], b: &mut [f64]) {
    for (i, bi) in b.iter_mut().enumerate() {
        let s: f64 = m1.iter().enumerate().map(|(j, &x)| a[(i, j)] * x).sum();
        *bi -= s;
    }
}

/// Workspace of [`map_apply_in_place`] (none: the product goes straight into the output).
pub fn map_apply_scratch() -> StackReq {
    StackReq::EMPTY
}

/// Applies the affine map x ↦ A x + b to the n points in the rows of `x` (n×d, any strides),
/// writing the rows of `y` (n×d, any strides, not overlapping `x`). One matmul: O(n·d²).
pub fn map_apply_in_place(
    a: MatRef<'_, f64>,
    b: &[f64],
    x: MatRef<'_, f64>,
    mut y: MatMut<'_, f64>,
    par: Par,
) -> Result<()> {
    let (n, d) = (x.nrows(), x.ncols());
    if a.nrows() != d || a.ncols() != d || b.len() != d {
        bail!(
            InvalidDimension,
            "A is {}x{} and b has length {}, expected {d}x{d} and {d} for points of dimension {d}",
            a.nrows(),
            a.ncols(),
            b.len()
        );
    }
    if y.nrows() != n || y.ncols() != d {
        bail!(
            InvalidDimension,
            "y is {}x{}, expected {n}x{d}",
            y.nrows(),
            y.ncols()
        );
    }
    crate::product_buffer::ensure_if(crate::product_buffer::exceeds_small_product(n, d, d), par)?;
    faer::linalg::matmul::matmul(y.rb_mut(), Accum::Replace, x, a.transpose(), 1.0, par);
    for (j, &bj) in b.iter().enumerate() {
        for v in y.rb_mut().col_mut(j).iter_mut() {
            *v += bj;
        }
    }
    Ok(())
}

/// Convenience form of [`map_apply_in_place`].
pub fn map_apply(a: MatRef<'_, f64>, b: &[f64], x: MatRef<'_, f64>) -> Result<Mat<f64>> {
    let mut y = Mat::zeros(x.nrows(), x.ncols());
    map_apply_in_place(a, b, x, y.as_mut(), Par::Seq)?;
    Ok(y)
}
