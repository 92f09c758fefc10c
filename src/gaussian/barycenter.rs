//! W₂ barycenter of k Gaussians by the fixed-point iteration of Álvarez-Esteban, del Barrio,
//! Cuesta-Albertos and Matrán (2016).

use super::sqrtm::{eigh_psd, eigh_raw, eigh_req, gram, mat_req, rank_floor, rank_of, scale_cols};
use super::{GaussianInfo, PsdTolerances};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatMut, MatRef, MemStack, Par, Result, StackReq};
use faer::linalg::temp_mat_zeroed;
use faer::mat::AsMatMut;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, Mat};

/// Parameters of the barycenter iteration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BarycenterParams {
    /// Covariance input checks and rank floor.
    pub psd: PsdTolerances,
    /// Stop when the estimated relative error of Σ is at most `tol` (default 1e-13). The
    /// iteration converges linearly: with steps sₖ = ‖Σₖ − Σₖ₋₁‖_F / ‖Σₖ‖_F and rate
    /// q = sₖ/sₖ₋₁ < 1, the error left is about sₖ·q/(1 − q) (sₖ itself after the first
    /// iteration, or when the steps no longer shrink). The iteration also stops, unconverged,
    /// at the third step that does not shrink (rounding level above `tol`).
    pub tol: f64,
    /// Iteration cap (default 1000); reaching it is reported, the last iterate returned.
    pub max_iter: usize,
}

impl Default for BarycenterParams {
    fn default() -> Self {
        BarycenterParams {
            psd: PsdTolerances::default(),
            tol: 1e-13,
            max_iter: 1000,
        }
    }
}

/// Workspace of [`barycenter_in_place`] for k Gaussians in dimension d.
pub fn barycenter_scratch(d: usize, par: Par) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(d).array(2),
        mat_req(d).array(6),
        eigh_req(d, true, par),
    ])
}

/// The W₂ barycenter N(m, Σ) of N(mₖ, Σₖ) with weights wₖ ≥ 0 (normalised to sum 1):
/// m = Σₖ wₖ mₖ and Σ the fixed point of the Álvarez-Esteban et al. (2016) iteration
///
///   Σ ← Σ^−½ (Σₖ wₖ (Σ^½ Σₖ Σ^½)^½)² Σ^−½,
///
/// started at Σₖ wₖ Σₖ (this form, unlike Σ ← Σₖ wₖ (Σ^½ Σₖ Σ^½)^½, is proven to converge).
/// It is evaluated in the eigenbasis of Σ = U Λ Uᵀ (D = Λ^½): with M'ₖ = D Uᵀ Σₖ U D and
/// S = Σₖ wₖ M'ₖ^½, the update is Y·Yᵀ with Y = U D⁺ S P (P the projector on range Σ), so every
/// iterate is symmetric PSD. Means are rows of `means` (k×d), covariances any strides.
/// Stops when the estimated relative error ‖Σ − Σ*‖_F/‖Σ‖_F (see [`BarycenterParams::tol`],
/// reported as `info.error_estimate`) is at most `tol`, or unconverged at `max_iter` or when
/// the steps stall at rounding level. Each unconverged iteration is a [`crate::progress`]
/// check (iterations so far, error estimate): an observer that stops it gets the current
/// iterate with `info.cancelled` set.
/// O(iterations·k·d³); allocation-free.
#[allow(clippy::too_many_arguments)]
pub fn barycenter_in_place(
    means: MatRef<'_, f64>,
    covs: &[MatRef<'_, f64>],
    weights: &[f64],
    mean_out: &mut [f64],
    mut cov_out: MatMut<'_, f64>,
    params: &BarycenterParams,
    par: Par,
    stack: &mut MemStack,
) -> Result<GaussianInfo> {
    let (k, d) = (covs.len(), means.ncols());
    if k == 0 || d == 0 {
        bail!(
            InvalidDimension,
            "{k} Gaussians in dimension {d}: both must be >= 1"
        );
    }
    if means.nrows() != k || weights.len() != k {
        bail!(
            InvalidDimension,
            "means is {}x{} and weights has length {}, expected {k}x{d} and {k}",
            means.nrows(),
            means.ncols(),
            weights.len()
        );
    }
    if mean_out.len() != d || cov_out.nrows() != d || cov_out.ncols() != d {
        bail!(
            InvalidDimension,
            "outputs must be a mean of length {d} and a {d}x{d} covariance"
        );
    }
    if params.tol.is_nan() || params.tol < 0.0 || params.max_iter == 0 {
        bail!(
            InvalidArgument,
            "tol = {:?} and max_iter = {}: need tol >= 0 and max_iter >= 1",
            params.tol,
            params.max_iter
        );
    }
    crate::error::check_weights("weights", weights)?;
    crate::error::check_finite(
        "means",
        (0..k).flat_map(|i| (0..d).map(move |j| means[(i, j)])),
    )?;
    let wsum: f64 = weights.iter().sum();
    if wsum.is_nan() || wsum <= 0.0 || !wsum.is_finite() {
        bail!(
            InvalidArgument,
            "weights sum to {wsum:e}: need a positive finite sum"
        );
    }
    check_stack(stack, barycenter_scratch(d, par))?;
    // faer's products and decompositions exceed 16³ multiply-adds from d = 17 on.
    crate::product_buffer::ensure_if(d > 16, par)?;
    let tol = &params.psd;
    let (mut lam, stack) = take(stack, d, 0.0f64);
    let (mut mu, stack) = take(stack, d, 0.0f64);
    let (mut sig, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut sig = sig.as_mat_mut();
    let (mut u, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut u = u.as_mat_mut();
    let (mut v, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut v = v.as_mat_mut();
    let (mut t, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut t = t.as_mat_mut();
    let (mut q, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut q = q.as_mat_mut();
    let (mut s, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut s = s.as_mat_mut();

    // Check the inputs and start at the weighted mean of the covariances.
    for (i, c) in covs.iter().enumerate() {
        eigh_psd(
            &format_args!("covs[{i}]"),
            *c,
            &mut mu,
            None,
            tol,
            par,
            stack,
        )?;
        let w = weights[i] / wsum;
        for jj in 0..d {
            for ii in 0..d {
                sig[(ii, jj)] += w * c[(ii, jj)];
            }
        }
    }
    let mut info = GaussianInfo::default();
    let mut prev_step = f64::INFINITY;
    let mut stalls = 0;
    for it in 1..=params.max_iter {
        eigh_raw(sig.rb(), &mut lam, Some(u.rb_mut()), par, stack)?;
        for x in lam.iter_mut() {
            *x = x.max(0.0);
        }
        let floor = rank_floor(&lam, tol);
        let rank = rank_of(&lam, tol);
        v.copy_from(u.rb());
        scale_cols(v.rb_mut(), &lam, f64::sqrt);
        // S = Σₖ wₖ (Vᵀ Σₖ V)^½.
        s.fill(0.0);
        for (i, c) in covs.iter().enumerate() {
            let w = weights[i] / wsum;
            if w == 0.0 {
                continue;
            }
            faer::linalg::matmul::matmul(t.rb_mut(), Accum::Replace, *c, v.rb(), 1.0, Par::Seq);
            faer::linalg::matmul::matmul(
                q.rb_mut(),
                Accum::Replace,
                v.rb().transpose(),
                t.rb(),
                1.0,
                par,
            );
            eigh_raw(q.rb(), &mut mu, Some(t.rb_mut()), par, stack)?;
            scale_cols(t.rb_mut(), &mu, |x| x.max(0.0).sqrt().sqrt());
            faer::linalg::matmul::matmul(
                s.rb_mut(),
                Accum::Add,
                t.rb(),
                t.rb().transpose(),
                w,
                par,
            );
        }
        // Y = (U D⁺) S P, Σ_new = Y Yᵀ.
        for (j, &x) in lam.iter().enumerate() {
            let keep = x > floor && x > 0.0;
            let dinv = if keep { 1.0 / x.sqrt() } else { 0.0 };
            for r in 0..d {
                u[(r, j)] *= dinv;
                if !keep {
                    s[(r, j)] = 0.0;
                }
            }
        }
        faer::linalg::matmul::matmul(q.rb_mut(), Accum::Replace, u.rb(), s.rb(), 1.0, Par::Seq);
        gram(t.rb_mut(), q.rb(), par);
        let mut diff = 0.0f64;
        let mut norm = 0.0f64;
        for jj in 0..d {
            for ii in 0..d {
                let (a, b) = (t[(ii, jj)], sig[(ii, jj)]);
                diff += (a - b) * (a - b);
                norm += a * a;
            }
        }
        sig.copy_from(t.rb());
        let step = if diff == 0.0 {
            0.0
        } else {
            (diff / norm).sqrt()
        };
        let q = step / prev_step;
        let shrinking = q < 1.0;
        let error_estimate = if it == 1 || !shrinking {
            step
        } else {
            step * q / (1.0 - q)
        };
        stalls += usize::from(it > 1 && !shrinking);
        prev_step = step;
        let converged = error_estimate <= params.tol;
        let cancelled = !converged
            && crate::progress::check(it as u64, error_estimate) == crate::progress::Flow::Stop;
        info = GaussianInfo {
            singular: rank < d,
            rank,
            iterations: it,
            converged,
            error_estimate,
            cancelled,
        };
        if converged || cancelled || stalls == 3 {
            break;
        }
    }
    if sig.as_ref().has_nan() {
        bail!(Numerical, "the barycenter iteration produced NaN");
    }
    cov_out.copy_from(sig.rb());
    for (j, o) in mean_out.iter_mut().enumerate() {
        *o = (0..k).map(|i| weights[i] / wsum * means[(i, j)]).sum();
    }
    Ok(info)
}

/// Convenience form of [`barycenter_in_place`].
#[derive(Clone, Debug)]
pub struct Barycenter {
    /// Barycenter mean (d).
    pub mean: Vec<f64>,
    /// Barycenter covariance (d×d, symmetric PSD).
    pub cov: Mat<f64>,
    /// Iterations, convergence, rank of the last iterate.
    pub info: GaussianInfo,
}

/// Convenience form of [`barycenter_in_place`] with `Par::Seq`.
pub fn barycenter(
    means: MatRef<'_, f64>,
    covs: &[MatRef<'_, f64>],
    weights: &[f64],
    params: &BarycenterParams,
) -> Result<Barycenter> {
    let d = means.ncols();
    let mut mean = vec![0.0; d];
    let mut cov = Mat::zeros(d, d);
    let info = with_stack(barycenter_scratch(d, Par::Seq), |st| {
        barycenter_in_place(
            means,
            covs,
            weights,
            &mut mean,
            cov.as_mut(),
            params,
            Par::Seq,
            st,
        )
    })??;
    Ok(Barycenter { mean, cov, info })
}
