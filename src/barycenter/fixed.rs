//! Fixed-support entropic Wasserstein barycenter of k histograms on a common support of n
//! points, with a cost matrix given as a strided view (Benamou et al. 2015, log domain).

use super::ibp::{check_inputs, ibp, BarycenterInfo, BarycenterParams};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatRef, MemStack, Par, Real, Result, StackReq};

/// Workspace of [`barycenter_in_place`] with scalar `T`: `3kn + 2n` values of `T`. Cost per
/// iteration `O(k n²)`.
pub fn barycenter_scratch<T: Real>(n: usize, k: usize) -> StackReq {
    vec_req::<T>(n.saturating_mul(k.saturating_mul(3).saturating_add(2)))
}

/// Rows of `dst` per parallel chunk of [`log_apply`] (fixed: the same results for every
/// thread count).
const ROW_CHUNK: usize = 64;

/// `dst_i = log Σ_j exp(−C_ij/ε + src_j)` (or with `C_ji` when `transpose`), stabilised by
/// the maximum of each sum; the rows are shared by the threads of `par`.
fn log_apply<T: Real>(
    cost: MatRef<'_, T>,
    eps: T,
    transpose: bool,
    src: &[T],
    dst: &mut [T],
    par: Par,
) {
    crate::par::par_chunks(par, dst, ROW_CHUNK, |chunk, dst| {
        log_apply_rows(cost, eps, transpose, src, dst, chunk * ROW_CHUNK)
    })
}

/// [`log_apply`] for the rows `first..first + dst.len()`.
fn log_apply_rows<T: Real>(
    cost: MatRef<'_, T>,
    eps: T,
    transpose: bool,
    src: &[T],
    dst: &mut [T],
    first: usize,
) {
    let c = |i: usize, j: usize| {
        if transpose {
            *cost.get(j, i)
        } else {
            *cost.get(i, j)
        }
    };
    for (i, d) in dst.iter_mut().enumerate().map(|(r, d)| (first + r, d)) {
        let mut m = T::NEG_INFINITY;
        for (j, &s) in src.iter().enumerate() {
            m = m.max(s - c(i, j) / eps);
        }
        if m == T::NEG_INFINITY {
            *d = m;
            continue;
        }
        let mut z = T::ZERO;
        for (j, &s) in src.iter().enumerate() {
            z += (s - c(i, j) / eps - m).exp();
        }
        *d = m + z.ln();
    }
}

/// Level 2: the entropic barycenter `p` (n) of the columns of `hists` (n×k, each summing to 1)
/// with weights `weights` (k, normalised inside; `None` = uniform) for the cost `cost` (n×n,
/// any strides) and regularisation `params.epsilon`, in `T` = f32 or f64 (log-sum-exps in
/// `T`, weight sums and the error in f64). The rows of each log-sum-exp pass are shared by the
/// threads of `par` (the same results for every thread count). Allocation-free on
/// [`barycenter_scratch`] with `Par::Seq`.
pub fn barycenter_in_place<T: Real>(
    hists: MatRef<'_, T>,
    cost: MatRef<'_, T>,
    weights: Option<&[T]>,
    out: &mut [T],
    params: &BarycenterParams,
    par: Par,
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
    check_stack(stack, barycenter_scratch::<T>(n, k))?;
    let (mut buf, _) = take(stack, n * (3 * k + 2), T::ZERO);
    let (log_a, rest) = buf.split_at_mut(k * n);
    let (log_u, rest) = rest.split_at_mut(k * n);
    let (log_kv, rest) = rest.split_at_mut(k * n);
    let (log_p, tmp) = rest.split_at_mut(n);
    for c in 0..k {
        for i in 0..n {
            log_a[c * n + i] = hists.get(i, c).ln();
        }
    }
    let eps = T::from_f64(params.epsilon);
    let lambda = |c: usize| weights.map_or(1.0, |w| w[c].to_f64()) / wsum;
    let info = ibp(
        n,
        k,
        &lambda,
        &mut |s, d| log_apply(cost, eps, false, s, d, par),
        &mut |s, d| log_apply(cost, eps, true, s, d, par),
        log_a,
        log_u,
        log_kv,
        log_p,
        tmp,
        params,
        par,
    );
    for (o, &l) in out.iter_mut().zip(log_p.iter()) {
        *o = l.exp();
    }
    Ok(info)
}

/// Level 3 of [`barycenter_in_place`].
pub fn barycenter<T: Real>(
    hists: MatRef<'_, T>,
    cost: MatRef<'_, T>,
    weights: Option<&[T]>,
    params: &BarycenterParams,
) -> Result<(Vec<T>, BarycenterInfo)> {
    let mut out = vec![T::ZERO; hists.nrows()];
    let req = barycenter_scratch::<T>(hists.nrows(), hists.ncols());
    let info = with_stack(req, |stack| {
        barycenter_in_place(hists, cost, weights, &mut out, params, Par::Seq, stack)
    })??;
    Ok((out, info))
}
