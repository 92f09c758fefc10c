//! Fixed-support entropic Wasserstein barycenter of k histograms on a common support of n
//! points, with a cost matrix given as a strided view (Benamou et al. 2015, log domain).

use super::ibp::{check_inputs, ibp, BarycenterInfo, BarycenterParams};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatRef, MemStack, Result, StackReq};

/// Workspace of [`barycenter_in_place`]: `3kn + 2n` f64. Cost per iteration `O(k n²)`.
pub fn barycenter_scratch(n: usize, k: usize) -> StackReq {
    vec_req::<f64>(n.saturating_mul(k.saturating_mul(3).saturating_add(2)))
}

/// `dst_i = log Σ_j exp(−C_ij/ε + src_j)` (or with `C_ji` when `transpose`), stabilised by
/// the maximum of each sum.
fn log_apply(cost: MatRef<'_, f64>, eps: f64, transpose: bool, src: &[f64], dst: &mut [f64]) {
    let c = |i: usize, j: usize| {
        if transpose {
            *cost.get(j, i)
        } else {
            *cost.get(i, j)
        }
    };
    for (i, d) in dst.iter_mut().enumerate() {
        let mut m = f64::NEG_INFINITY;
        for (j, &s) in src.iter().enumerate() {
            m = m.max(s - c(i, j) / eps);
        }
        if m == f64::NEG_INFINITY {
            *d = m;
            continue;
        }
        let mut z = 0.0;
        for (j, &s) in src.iter().enumerate() {
            z += (s - c(i, j) / eps - m).exp();
        }
        *d = m + z.ln();
    }
}

/// Level 2: the entropic barycenter `p` (n) of the columns of `hists` (n×k, each summing to 1)
/// with weights `weights` (k, normalised inside; `None` = uniform) for the cost `cost` (n×n,
/// any strides) and regularisation `params.epsilon`. Allocation-free on
/// [`barycenter_scratch`].
pub fn barycenter_in_place(
    hists: MatRef<'_, f64>,
    cost: MatRef<'_, f64>,
    weights: Option<&[f64]>,
    out: &mut [f64],
    params: &BarycenterParams,
    stack: &mut MemStack,
) -> Result<BarycenterInfo> {
    let wsum = check_inputs(hists, weights, params)?;
    let (n, k) = (hists.nrows(), hists.ncols());
    if cost.nrows() != n || cost.ncols() != n || out.len() != n {
        bail!(
            InvalidDimension,
            "cost is {}x{}, out has {}, histograms {n} bins: need n x n and n",
            cost.nrows(),
            cost.ncols(),
            out.len()
        );
    }
    for j in 0..n {
        crate::error::check_finite("cost", cost.col(j).iter().copied())?;
    }
    check_stack(stack, barycenter_scratch(n, k))?;
    let (mut buf, _) = take(stack, n * (3 * k + 2), 0.0f64);
    let (log_a, rest) = buf.split_at_mut(k * n);
    let (log_u, rest) = rest.split_at_mut(k * n);
    let (log_kv, rest) = rest.split_at_mut(k * n);
    let (log_p, tmp) = rest.split_at_mut(n);
    for c in 0..k {
        for i in 0..n {
            log_a[c * n + i] = hists.get(i, c).ln();
        }
    }
    let eps = params.epsilon;
    let lambda = |c: usize| weights.map_or(1.0, |w| w[c]) / wsum;
    let info = ibp(
        n,
        k,
        &lambda,
        &mut |s, d| log_apply(cost, eps, false, s, d),
        &mut |s, d| log_apply(cost, eps, true, s, d),
        log_a,
        log_u,
        log_kv,
        log_p,
        tmp,
        params,
    );
    for (o, &l) in out.iter_mut().zip(log_p.iter()) {
        *o = l.exp();
    }
    Ok(info)
}

/// Level 3 of [`barycenter_in_place`].
pub fn barycenter(
    hists: MatRef<'_, f64>,
    cost: MatRef<'_, f64>,
    weights: Option<&[f64]>,
    params: &BarycenterParams,
) -> Result<(Vec<f64>, BarycenterInfo)> {
    let mut out = vec![0.0; hists.nrows()];
    let info = with_stack(barycenter_scratch(hists.nrows(), hists.ncols()), |stack| {
        barycenter_in_place(hists, cost, weights, &mut out, params, stack)
    })??;
    Ok((out, info))
}
