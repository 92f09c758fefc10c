//! Entropic optimal transport between Gaussians in closed form (Janati, Muzellec, Peyré and
//! Cuturi 2020; Mallasto, Gerolin and Minh 2021).

use super::bures::{bures_distance_scratch, bures_terms, check_mean, mean_gap_sq};
use super::PsdTolerances;
use crate::workspace::with_stack;
use crate::{bail, MatRef, MemStack, Par, Result, StackReq};

/// Workspace of [`entropic_w2_in_place`] (that of the Bures distance).
pub fn entropic_w2_scratch(d: usize, par: Par) -> StackReq {
    bures_distance_scratch(d, par)
}

/// The entropic OT cost between N(m₁, Σ₁) and N(m₂, Σ₂) with regularisation `eps` = 2σ² > 0:
///
///   OT_ε = min_π ∫‖x − y‖² dπ + ε·KL(π ‖ N(m₁,Σ₁)⊗N(m₂,Σ₂))
///        = ‖m₁ − m₂‖² + tr Σ₁ + tr Σ₂ − tr D_σ + dσ²(1 − log 2σ²) + σ² log det(D_σ + σ² I),
///
/// with D_σ = (4 Σ₁^½ Σ₂ Σ₁^½ + σ⁴ I)^½ (Janati et al. 2020, Theorem 1). The eigenvalues of D_σ
/// are √(4sᵢ² + σ⁴) with sᵢ the singular values of V₂ᵀV₁ (Σᵢ = VᵢVᵢᵀ), so the cost needs the
/// same factorisations as the Bures distance; singular covariances are fine. As ε → 0 it tends
/// to W₂². O(d³), allocation-free.
#[allow(clippy::too_many_arguments)]
pub fn entropic_w2_in_place(
    m1: &[f64],
    s1: MatRef<'_, f64>,
    m2: &[f64],
    s2: MatRef<'_, f64>,
    eps: f64,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<f64> {
    let d = s1.nrows();
    if eps.is_nan() || eps <= 0.0 || eps.is_infinite() {
        bail!(
            InvalidArgument,
            "eps = {eps:?}: the regularisation must be finite and > 0"
        );
    }
    check_mean(&"m1", m1, d)?;
    check_mean(&"m2", m2, d)?;
    let sig2 = 0.5 * eps;
    let sig4 = sig2 * sig2;
    let term = |s: f64| {
        let ds = (4.0 * s * s + sig4).sqrt();
        sig2 * (ds + sig2).ln() - ds
    };
    let (tr1, tr2, sum) = bures_terms(s1, s2, term, tol, par, stack)?;
    let gap = mean_gap_sq(m1.iter().copied(), m2.iter().copied());
    Ok(gap + tr1 + tr2 + sum + d as f64 * sig2 * (1.0 - (2.0 * sig2).ln()))
}

/// Convenience form of [`entropic_w2_in_place`].
pub fn entropic_w2(
    m1: &[f64],
    s1: MatRef<'_, f64>,
    m2: &[f64],
    s2: MatRef<'_, f64>,
    eps: f64,
    tol: &PsdTolerances,
) -> Result<f64> {
    with_stack(entropic_w2_scratch(s1.nrows(), Par::Seq), |st| {
        entropic_w2_in_place(m1, s1, m2, s2, eps, tol, Par::Seq, st)
    })?
}
