//! McCann interpolation between two Gaussians: the W₂ geodesic at time t.

use super::map::{map_core, map_core_req};
use super::sqrtm::{gram, mat_req};
use super::{GaussianInfo, PsdTolerances};
use crate::workspace::{check_stack, with_stack};
use crate::{bail, MatMut, MatRef, MemStack, Par, Result, StackReq};
use faer::linalg::temp_mat_zeroed;
use faer::mat::AsMatMut;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, Mat};

/// Workspace of [`geodesic_in_place`].
pub fn geodesic_scratch(d: usize, par: Par) -> StackReq {
    StackReq::all_of(&[mat_req(d).array(3), map_core_req(d, par)])
}

/// The point at time t ∈ [0, 1] of the W₂ geodesic from N(m₁, Σ₁) to N(m₂, Σ₂):
/// m_t = (1−t) m₁ + t m₂ and Σ_t = K Σ₁ K with K = (1−t) I + t A (A the map of
/// [`super::map_in_place`]); Σ_t is formed as (K V)(K V)ᵀ with Σ₁ = V Vᵀ, so it is symmetric
/// PSD by construction. With a singular Σ₁ the pseudo-inverse map is used (`info.singular`),
/// and Σ₁ is reached at t = 0 but Σ₂ at t = 1 only when A Σ₁ A = Σ₂. O(d³), allocation-free.
#[allow(clippy::too_many_arguments)]
pub fn geodesic_in_place(
    m1: &[f64],
    s1: MatRef<'_, f64>,
    m2: &[f64],
    s2: MatRef<'_, f64>,
    t: f64,
    mean_t: &mut [f64],
    cov_t: MatMut<'_, f64>,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<GaussianInfo> {
    let d = s1.nrows();
    if d == 0 {
        bail!(InvalidDimension, "sigma1 is 0x0");
    }
    if !(0.0..=1.0).contains(&t) {
        bail!(
            InvalidArgument,
            "t = {t:?}: the geodesic time must be in [0, 1]"
        );
    }
    if m1.len() != d || m2.len() != d || mean_t.len() != d {
        bail!(
            InvalidDimension,
            "means have lengths {}, {} and {}, expected {d}",
            m1.len(),
            m2.len(),
            mean_t.len()
        );
    }
    if cov_t.nrows() != d || cov_t.ncols() != d {
        bail!(
            InvalidDimension,
            "output covariance is {}x{}, expected {d}x{d}",
            cov_t.nrows(),
            cov_t.ncols()
        );
    }
    crate::error::check_finite("m1", m1.iter().copied())?;
    crate::error::check_finite("m2", m2.iter().copied())?;
    check_stack(stack, geodesic_scratch(d, par))?;
    // faer's products and decompositions exceed 16³ multiply-adds from d = 17 on.
    crate::product_buffer::ensure_if(d > 16, par)?;
    let (mut k, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut k = k.as_mat_mut();
    let (mut v, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut v = v.as_mat_mut();
    let (mut g, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut g = g.as_mat_mut();
    let info = map_core(s1, s2, k.rb_mut(), v.rb_mut(), tol, par, stack)?;
    for j in 0..d {
        for i in 0..d {
            k[(i, j)] *= t;
        }
        k[(j, j)] += 1.0 - t;
    }
    faer::linalg::matmul::matmul(g.rb_mut(), Accum::Replace, k.rb(), v.rb(), 1.0, Par::Seq);
    gram(cov_t, g.rb(), par);
    for ((o, &a), &b) in mean_t.iter_mut().zip(m1).zip(m2) {
        *o = (1.0 - t) * a + t * b;
    }
    Ok(info)
}

/// Convenience form of [`geodesic_in_place`]: (m_t, Σ_t, info).
pub fn geodesic(
    m1: &[f64],
    s1: MatRef<'_, f64>,
    m2: &[f64],
    s2: MatRef<'_, f64>,
    t: f64,
    tol: &PsdTolerances,
) -> Result<(Vec<f64>, Mat<f64>, GaussianInfo)> {
    let d = s1.nrows();
    let mut mean = vec![0.0; d];
    let mut cov = Mat::zeros(d, d);
    let info = with_stack(geodesic_scratch(d, Par::Seq), |st| {
        geodesic_in_place(
            m1,
            s1,
            m2,
            s2,
            t,
            &mut mean,
            cov.as_mut(),
            tol,
            Par::Seq,
            st,
        )
    })??;
    Ok((mean, cov, info))
}
