//! B²(Σ₁, Σ₂) without cancellation for nearby covariances.
//!
//! tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½ subtracts quantities of size tr Σ to get B², so it
//! loses a factor (tr Σ₁ + tr Σ₂)/B² of relative accuracy. B² is also the transport cost of
//! the optimal map, B² = ‖Σ₁^½(A − I)‖²_F, a sum of squares. In the eigenbasis of
//! Σ₁ = QΛQᵀ, H = Qᵀ(A − I)Q is the symmetric solution near 0 of A Σ₁ A = Σ₂, i.e.
//!
//!   ΛH + HΛ + HΛH = Δ',   Δ' = Qᵀ(Σ₂ − Σ₁)Q,
//!
//! found by the fixed-point iteration Hᵢⱼ ← (Δ' − HΛH)ᵢⱼ/(λᵢ + λⱼ) (a contraction when
//! ‖H‖·λmax/λmin is small, i.e. when the covariances are close), and B² = Σᵢⱼ λᵢ Hᵢⱼ². Every
//! rounding error is then relative to Δ = Σ₂ − Σ₁ (formed from the inputs directly) or is a
//! perturbation of Σ₁ alone with Δ fixed, to which B²(Σ₁, Σ₁ + Δ) is insensitive at first
//! order. Cost: one eigendecomposition with vectors, two matmuls, and one matmul per
//! iteration.

use super::sqrtm::{eigh_raw, eigh_req, mat_req};
use crate::workspace::{take, vec_req};
use crate::{MatRef, MemStack, Par, Result, StackReq};
use faer::linalg::matmul::matmul;
use faer::linalg::temp_mat_zeroed;
use faer::mat::AsMatMut;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::Accum;

/// Most fixed-point iterations.
const MAX_ITER: usize = 100;

/// Workspace of [`bures_near`].
pub(crate) fn bures_near_req(d: usize, par: Par) -> StackReq {
    StackReq::all_of(&[
        mat_req(d).array(4),
        vec_req::<f64>(d),
        eigh_req(d, true, par),
    ])
}

/// B²(Σ₁, Σ₂) as Σᵢⱼ λᵢ Hᵢⱼ² (see the module docs) for checked symmetric PSD `s1`, `s2`
/// (lower triangles read); `None` when Σ₁ is singular or the iteration does not contract to
/// rounding level (the covariances are not close enough). O(d³) per iteration.
pub(crate) fn bures_near(
    s1: MatRef<'_, f64>,
    s2: MatRef<'_, f64>,
    par: Par,
    stack: &mut MemStack,
) -> Result<Option<f64>> {
    let d = s1.nrows();
    let (mut q, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut q = q.as_mat_mut();
    let (mut delta, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut delta = delta.as_mat_mut();
    let (mut h, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut h = h.as_mat_mut();
    let (mut t, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut t = t.as_mat_mut();
    let (mut lam, stack) = take(stack, d, 0.0f64);
    eigh_raw(s1, &mut lam, Some(q.rb_mut()), par, stack)?;
    let definite = lam[0] > 0.0;
    if !definite {
        return Ok(None);
    }
    for j in 0..d {
        for i in j..d {
            let x = s2[(i, j)] - s1[(i, j)];
            delta[(i, j)] = x;
            delta[(j, i)] = x;
        }
    }
    // Δ' = Qᵀ Δ Q, kept in `delta`.
    matmul(
        t.rb_mut(),
        Accum::Replace,
        delta.rb(),
        q.rb(),
        1.0,
        Par::Seq,
    );
    matmul(
        delta.rb_mut(),
        Accum::Replace,
        q.rb().transpose(),
        t.rb(),
        1.0,
        Par::Seq,
    );
    let mut prev = f64::INFINITY;
    let mut converged = false;
    for it in 0..MAX_ITER {
        // t = Λ H (rows scaled), then q = H Λ H (q is free after Δ').
        if it > 0 {
            for j in 0..d {
                for i in 0..d {
                    t[(i, j)] = lam[i] * h[(i, j)];
                }
            }
            matmul(q.rb_mut(), Accum::Replace, h.rb(), t.rb(), 1.0, Par::Seq);
        }
        let (mut change, mut norm) = (0.0f64, 0.0f64);
        for j in 0..d {
            for i in 0..d {
                let hhh = if it > 0 {
                    0.5 * (q[(i, j)] + q[(j, i)])
                } else {
                    0.0
                };
                let delta_ij = 0.5 * (delta[(i, j)] + delta[(j, i)]);
                let new = (delta_ij - hhh) / (lam[i] + lam[j]);
                change += (new - h[(i, j)]) * (new - h[(i, j)]);
                norm += new * new;
                h[(i, j)] = new;
            }
        }
        let change = change.sqrt();
        let norm = norm.sqrt();
        if !change.is_finite() {
            return Ok(None);
        }
        if change <= 4.0 * f64::EPSILON * norm {
            converged = true;
            break;
        }
        if it >= 2 && change > 0.5 * prev {
            // No longer contracting: rounding level if the step is tiny, divergence otherwise.
            converged = change <= 64.0 * d as f64 * f64::EPSILON * norm;
            break;
        }
        prev = change;
    }
    if !converged {
        return Ok(None);
    }
    let mut b2 = 0.0;
    for j in 0..d {
        for i in 0..d {
            b2 += lam[i] * h[(i, j)] * h[(i, j)];
        }
    }
    Ok(Some(b2))
}
