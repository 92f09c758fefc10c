//! Weighted empirical mean and covariance of a point cloud (to fit a Gaussian).

use super::sqrtm::symmetrize;
use crate::workspace::{check_stack, with_stack};
use crate::{bail, MatMut, MatRef, MemStack, Par, Result, StackReq};
use faer::linalg::temp_mat_zeroed;
use faer::mat::AsMatMut;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, Mat};

/// Workspace of [`moments_in_place`] for n points in dimension d (one n×d temporary).
pub fn moments_scratch(n: usize, d: usize) -> StackReq {
    super::sqrtm::temp_req(n, d)
}

/// Weighted mean m = Σᵢ wᵢ xᵢ / Σw and covariance Σ = Σᵢ wᵢ (xᵢ − m)(xᵢ − m)ᵀ / Σw (the
/// maximum-likelihood, 1/Σw normalisation) of the n points in the rows of `x` (n×d, any
/// strides); `weights` = None means uniform. Σ = Xcᵀ Xc with Xc the centred rows scaled by
/// √(wᵢ/Σw): one matmul, O(n·d²), exactly symmetric. Allocation-free.
pub fn moments_in_place(
    x: MatRef<'_, f64>,
    weights: Option<&[f64]>,
    mean: &mut [f64],
    mut cov: MatMut<'_, f64>,
    par: Par,
    stack: &mut MemStack,
) -> Result<()> {
    let (n, d) = (x.nrows(), x.ncols());
    if n == 0 || d == 0 {
        bail!(InvalidDimension, "x is {n}x{d}: both sizes must be >= 1");
    }
    if mean.len() != d || cov.nrows() != d || cov.ncols() != d {
        bail!(
            InvalidDimension,
            "outputs must be a mean of length {d} and a {d}x{d} covariance"
        );
    }
    let wsum = match weights {
        Some(w) => {
            if w.len() != n {
                bail!(
                    InvalidDimension,
                    "weights has length {}, expected {n}",
                    w.len()
                );
            }
            crate::error::check_weights("weights", w)?;
            let s: f64 = w.iter().sum();
            if s.is_nan() || s <= 0.0 || !s.is_finite() {
                bail!(
                    InvalidArgument,
                    "weights sum to {s:e}: need a positive finite sum"
                );
            }
            s
        }
        None => n as f64,
    };
    crate::error::check_finite("x", (0..d).flat_map(|j| (0..n).map(move |i| x[(i, j)])))?;
    check_stack(stack, moments_scratch(n, d))?;
    crate::product_buffer::ensure_if(crate::product_buffer::exceeds_small_product(d, d, n), par)?;
    let wt = |i: usize| weights.map_or(1.0, |w| w[i]) / wsum;
    let (mut xc, _) = temp_mat_zeroed::<f64, _, _>(n, d, stack);
    let mut xc = xc.as_mat_mut();
    for (j, m) in mean.iter_mut().enumerate() {
        let mj: f64 = (0..n).map(|i| wt(i) * x[(i, j)]).sum();
        *m = mj;
        for i in 0..n {
            xc[(i, j)] = (x[(i, j)] - mj) * wt(i).sqrt();
        }
    }
    faer::linalg::matmul::matmul(
        cov.rb_mut(),
        Accum::Replace,
        xc.rb().transpose(),
        xc.rb(),
        1.0,
        par,
    );
    symmetrize(cov);
    Ok(())
}

/// Convenience form of [`moments_in_place`]: (mean, covariance).
pub fn moments(x: MatRef<'_, f64>, weights: Option<&[f64]>) -> Result<(Vec<f64>, Mat<f64>)> {
    let d = x.ncols();
    let mut mean = vec![0.0; d];
    let mut cov = Mat::zeros(d, d);
    with_stack(moments_scratch(x.nrows(), d), |st| {
        moments_in_place(x, weights, &mut mean, cov.as_mut(), Par::Seq, st)
    })??;
    Ok((mean, cov))
}
