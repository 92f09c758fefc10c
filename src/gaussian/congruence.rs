//! M = V₁ᵀ Σ₂ V₁ from square factors Σ₁ = V₁V₁ᵀ, Σ₂ = V₂V₂ᵀ: M = CᵀC with C = V₂ᵀV₁ is similar
//! to Σ₁^½ Σ₂ Σ₁^½, so its eigenvalues give the Bures cross term tr (Σ₁^½ Σ₂ Σ₁^½)^½ = Σ √λᵢ(M)
//! without any eigenvector, and its eigenvectors R give the map
//! A = V₁⁻ᵀ M^½ V₁⁻¹ = W Wᵀ with W = V₁⁻ᵀ R diag(λ^¼) (one eigendecomposition).
//!
//! With Cholesky factors C is a product of two triangles (d³/3 flops) and only the lower half
//! of M is formed (d³ flops); a symmetric eigendecomposition without vectors adds 4d³/3.
//! Forming CᵀC squares the singular values of C: an eigenvalue error ~ε·λmax becomes an error
//! ~ε·λmax/(2√λᵢ) in √λᵢ, so the kernels use M only when every eigenvalue is at least
//! [`MIN_EIG_RATIO`]·λmax (error ≤ ~ε·√(1/MIN_EIG_RATIO)/2 of the cross term) and otherwise
//! take the singular values of C (error ~ε·σmax).

use super::sqrtm::{eigh_raw, eigh_req, mat_req};
use crate::workspace::{take, vec_req};
use crate::{MatMut, MatRef, MemStack, Par, Result, StackReq};
use faer::linalg::matmul::triangular::{matmul, BlockStructure};
use faer::linalg::temp_mat_zeroed;
use faer::mat::AsMatMut;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::Accum;

/// Smallest accepted λmin(M)/λmax(M) for the eigenvalue route (see the module docs): the
/// cross term then carries at most ~500 ε of relative error from the squaring.
pub(crate) const MIN_EIG_RATIO: f64 = 1e-6;

/// Products of at most this many multiply-adds (d ≤ 16) run in faer's small-product kernel,
/// which allocates nothing; larger ones, and faer's triangular products of any size, take
/// faer's per-thread packing buffer (allocated on a thread's first such product, see
/// `docs/abi.md`).
const SMALL_PRODUCT: usize = 16 * 16 * 16;

/// C = V₂ᵀV₁ into `c` (d×d), one full product. O(d³).
pub(crate) fn cross_factor(v1: MatRef<'_, f64>, v2: MatRef<'_, f64>, c: MatMut<'_, f64>) {
    faer::linalg::matmul::matmul(c, Accum::Replace, v2.transpose(), v1, 1.0, Par::Seq);
}

/// Workspace of [`congruence`].
pub(crate) fn congruence_req(d: usize) -> StackReq {
    mat_req(d)
}

/// The lower triangle of M = (V₂ᵀV₁)ᵀ(V₂ᵀV₁) into `m` (d×d; its upper triangle is written
/// for d ≤ 16 only). `lower1`/`lower2` say that V₁/V₂ are lower triangular (Cholesky factors), which
/// the products then exploit. O(d³).
pub(crate) fn congruence(
    v1: MatRef<'_, f64>,
    lower1: bool,
    v2: MatRef<'_, f64>,
    lower2: bool,
    m: MatMut<'_, f64>,
    stack: &mut MemStack,
) {
    let d = v1.nrows();
    let (mut c, _) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut c = c.as_mat_mut();
    if d.saturating_mul(d).saturating_mul(d) <= SMALL_PRODUCT {
        // Full products (and the whole of M): faer's small-product kernel, no packing buffer.
        cross_factor(v1, v2, c.rb_mut());
        faer::linalg::matmul::matmul(m, Accum::Replace, c.rb().transpose(), c.rb(), 1.0, Par::Seq);
        return;
    }
    let shape = |lower: bool, upper: BlockStructure| {
        if lower {
            upper
        } else {
            BlockStructure::Rectangular
        }
    };
    matmul(
        c.rb_mut(),
        BlockStructure::Rectangular,
        Accum::Replace,
        v2.transpose(),
        shape(lower2, BlockStructure::TriangularUpper),
        v1,
        shape(lower1, BlockStructure::TriangularLower),
        1.0,
        Par::Seq,
    );
    matmul(
        m,
        BlockStructure::TriangularLower,
        Accum::Replace,
        c.rb().transpose(),
        BlockStructure::Rectangular,
        c.rb(),
        BlockStructure::Rectangular,
        1.0,
        Par::Seq,
    );
}

/// Workspace of [`cross_from_eigenvalues`].
pub(crate) fn cross_eig_req(d: usize, par: Par) -> StackReq {
    StackReq::all_of(&[
        mat_req(d),
        vec_req::<f64>(d),
        StackReq::any_of(&[congruence_req(d), eigh_req(d, false, par)]),
    ])
}

/// tr (Σ₁^½ Σ₂ Σ₁^½)^½ = Σ √λᵢ(M) from the eigenvalues of M (no eigenvectors), summed from the
/// smallest; `None` when λmin(M) < [`MIN_EIG_RATIO`]·λmax(M) (then the singular values of
/// V₂ᵀV₁ are the accurate route). Factors as for [`congruence`]. O(d³).
pub(crate) fn cross_from_eigenvalues(
    v1: MatRef<'_, f64>,
    lower1: bool,
    v2: MatRef<'_, f64>,
    lower2: bool,
    par: Par,
    stack: &mut MemStack,
) -> Result<Option<f64>> {
    let d = v1.nrows();
    let (mut m, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut m = m.as_mat_mut();
    let (mut w, stack) = take(stack, d, 0.0f64);
    congruence(v1, lower1, v2, lower2, m.rb_mut(), stack);
    eigh_raw(m.rb(), &mut w, None, par, stack)?;
    let accurate = w[0] >= MIN_EIG_RATIO * w[d - 1] && w[d - 1] > 0.0;
    if !accurate {
        return Ok(None);
    }
    Ok(Some(w.iter().map(|&x| x.sqrt()).sum()))
}
