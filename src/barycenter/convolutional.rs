//! Convolutional entropic barycenter on a regular 2-D grid (Solomon et al. 2015), in the log
//! domain: the Gibbs kernel of the squared distance on the grid `t_r = r/(h−1)`,
//! `s_c = c/(w−1)` (the unit square, as POT's `convolutional_barycenter2d`) is separable,
//! `K = K_h ⊗ K_w` with `K_h[r, r'] = exp(−(t_r − t_r')²/ε)`, so `log(K exp(L))` is a log-sum-exp
//! along the rows of L followed by one along its columns: `O(hw(h + w))` per application and
//! `O(hw + h² + w²)` memory instead of the `(hw)²` of a dense kernel. Each 1-D log-sum-exp is
//! vectorised (pulp, max pass then `exp` pass) and the rows are split across threads in fixed
//! blocks (bitwise identical for every thread count).

use super::ibp::{check_inputs, ibp, BarycenterInfo, BarycenterParams};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatRef, MemStack, Par, Real, Result, StackReq};
use pulp::Simd;

/// Rows per parallel block.
const ROW_BLOCK: usize = 8;

/// `out[r·m + j] = log Σ_i exp(logk[j·m + i] + src[r·m + i])` for the rows of `src` (length m).
struct RowsLse<'a, T: Real> {
    logk: &'a [T],
    src: &'a [T],
    out: &'a mut [T],
    m: usize,
}

impl<T: Real> pulp::WithSimd for RowsLse<'_, T> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) {
        let m = self.m;
        for (srow, orow) in self.src.chunks_exact(m).zip(self.out.chunks_exact_mut(m)) {
            let (sv, st) = T::as_simd::<S>(srow);
            for (j, o) in orow.iter_mut().enumerate() {
                let krow = &self.logk[j * m..(j + 1) * m];
                let (kv, kt) = T::as_simd::<S>(krow);
                let mut m0 = T::splat_s(s, T::NEG_INFINITY);
                let mut m1 = m0;
                let pairs = kv.len() / 2;
                for p in 0..pairs {
                    m0 = T::max_s(s, m0, T::add_s(s, kv[2 * p], sv[2 * p]));
                    m1 = T::max_s(s, m1, T::add_s(s, kv[2 * p + 1], sv[2 * p + 1]));
                }
                if kv.len() % 2 == 1 {
                    let l = kv.len() - 1;
                    m0 = T::max_s(s, m0, T::add_s(s, kv[l], sv[l]));
                }
                let mut mx = T::reduce_max_s(s, T::max_s(s, m0, m1));
                for (&a, &b) in kt.iter().zip(st) {
                    mx = mx.max(a + b);
                }
                if mx == T::NEG_INFINITY {
                    *o = mx;
                    continue;
                }
                let shift = T::splat_s(s, -mx);
                let mut z0 = T::splat_s(s, T::ZERO);
                let mut z1 = z0;
                for p in 0..pairs {
                    let a = T::add_s(s, T::add_s(s, kv[2 * p], sv[2 * p]), shift);
                    let b = T::add_s(s, T::add_s(s, kv[2 * p + 1], sv[2 * p + 1]), shift);
                    z0 = T::add_s(s, z0, T::exp_s(s, a));
                    z1 = T::add_s(s, z1, T::exp_s(s, b));
                }
                if kv.len() % 2 == 1 {
                    let l = kv.len() - 1;
                    let a = T::add_s(s, T::add_s(s, kv[l], sv[l]), shift);
                    z0 = T::add_s(s, z0, T::exp_s(s, a));
                }
                let mut z = T::reduce_sum_s(s, T::add_s(s, z0, z1));
                for (&a, &b) in kt.iter().zip(st) {
                    z += (a + b - mx).exp();
                }
                *o = mx + z.ln();
            }
        }
    }
}

/// Row-wise log-sum-exp of `src` (rows of length m) against `logk` (m×m) into `out`, threaded
/// over fixed blocks of rows.
fn rows_lse<T: Real>(logk: &[T], src: &[T], out: &mut [T], m: usize, par: Par) {
    let block =
        |src: &[T], out: &mut [T]| pulp::Arch::new().dispatch(RowsLse { logk, src, out, m });
    match par {
        Par::Seq => block(src, out),
        Par::Rayon(_) => {
            use rayon::prelude::*;
            out.par_chunks_mut(ROW_BLOCK * m)
                .zip(src.par_chunks(ROW_BLOCK * m))
                .for_each(|(o, s)| block(s, o));
        }
    }
}

/// `dst (cols×rows) = srcᵀ` for `src` rows×cols, both row-major.
fn transpose<T: Copy>(src: &[T], dst: &mut [T], rows: usize, cols: usize) {
    for r in 0..rows {
        for c in 0..cols {
            dst[c * rows + r] = src[r * cols + c];
        }
    }
}

/// `logk[a·m + b] = −(t_a − t_b)²/ε` on `t = linspace(0, 1, m)`.
fn log_kernel<T: Real>(m: usize, eps: f64, logk: &mut [T]) {
    let t = |a: usize| {
        if m > 1 {
            a as f64 / (m - 1) as f64
        } else {
            0.0
        }
    };
    for a in 0..m {
        for b in 0..m {
            let d = t(a) - t(b);
            logk[a * m + b] = T::from_f64(-d * d / eps);
        }
    }
}

/// `dst = log(K exp(src))` for an h×w image (row-major), with `tmp` (h·w) as temporary.
#[allow(clippy::too_many_arguments)]
fn log_convolve<T: Real>(
    logk_h: &[T],
    logk_w: &[T],
    h: usize,
    w: usize,
    src: &[T],
    dst: &mut [T],
    tmp: &mut [T],
    par: Par,
) {
    rows_lse(logk_w, src, dst, w, par); // along each row
    transpose(dst, tmp, h, w); // w×h
    rows_lse(logk_h, tmp, dst, h, par); // along each column
    tmp.copy_from_slice(dst);
    transpose(tmp, dst, w, h);
}

/// Workspace of [`convolutional_barycenter_in_place`] for k images of h×w pixels:
/// `(3k + 4)·hw + h² + w²` f64.
pub fn convolutional_barycenter_scratch(h: usize, w: usize, k: usize) -> StackReq {
    let n = h.saturating_mul(w);
    vec_req::<f64>(
        n.saturating_mul(k.saturating_mul(3).saturating_add(4))
            .saturating_add(h.saturating_mul(h))
            .saturating_add(w.saturating_mul(w)),
    )
}

/// Level 2: the entropic barycenter (written to `out`, h·w values, row-major) of the k images
/// given as the columns of `images` (h·w × k, pixel `r·w + c` in row r, each summing to 1),
/// with weights `weights` (normalised; `None` = uniform), for the squared distance on the
/// unit-square grid and regularisation `params.epsilon`. Per iteration `4k` separable log
/// convolutions, `O(k hw(h + w))`; allocation-free with `Par::Seq`.
#[allow(clippy::too_many_arguments)]
pub fn convolutional_barycenter_in_place(
    images: MatRef<'_, f64>,
    h: usize,
    w: usize,
    weights: Option<&[f64]>,
    out: &mut [f64],
    params: &BarycenterParams,
    par: Par,
    stack: &mut MemStack,
) -> Result<BarycenterInfo> {
    let wsum = check_inputs(images, weights, params)?;
    let (n, k) = (images.nrows(), images.ncols());
    if h.checked_mul(w) != Some(n) || out.len() != n {
        bail!(
            InvalidDimension,
            "images have {n} pixels, out {}, grid {h}x{w}: need h·w pixels",
            out.len()
        );
    }
    check_stack(stack, convolutional_barycenter_scratch(h, w, k))?;
    let (mut buf, _) = take(stack, n * (3 * k + 4) + h * h + w * w, 0.0f64);
    let (log_a, rest) = buf.split_at_mut(k * n);
    let (log_u, rest) = rest.split_at_mut(k * n);
    let (log_kv, rest) = rest.split_at_mut(k * n);
    let (log_p, rest) = rest.split_at_mut(n);
    let (tmp, rest) = rest.split_at_mut(n);
    let (scratch, rest) = rest.split_at_mut(n);
    let (dst, rest) = rest.split_at_mut(n);
    let (logk_h, logk_w) = rest.split_at_mut(h * h);
    log_kernel(h, params.epsilon, logk_h);
    log_kernel(w, params.epsilon, logk_w);
    for c in 0..k {
        for i in 0..n {
            log_a[c * n + i] = images.get(i, c).ln();
        }
    }
    let lambda = |c: usize| weights.map_or(1.0, |wt| wt[c]) / wsum;
    let (logk_h, logk_w) = (&*logk_h, &*logk_w);
    let mut apply = |s: &[f64], d: &mut [f64]| {
        log_convolve(logk_h, logk_w, h, w, s, dst, scratch, par);
        d.copy_from_slice(dst);
    };
    // K is symmetric: the same operator serves for Kᵀ.
    let info = ibp_symmetric(
        n, k, &lambda, &mut apply, log_a, log_u, log_kv, log_p, tmp, params,
    );
    for (o, &l) in out.iter_mut().zip(log_p.iter()) {
        *o = l.exp();
    }
    Ok(info)
}

/// [`ibp`] with `Kᵀ = K`.
#[allow(clippy::too_many_arguments)]
fn ibp_symmetric(
    n: usize,
    k: usize,
    lambda: &dyn Fn(usize) -> f64,
    apply: &mut dyn FnMut(&[f64], &mut [f64]),
    log_a: &[f64],
    log_u: &mut [f64],
    log_kv: &mut [f64],
    log_p: &mut [f64],
    tmp: &mut [f64],
    params: &BarycenterParams,
) -> BarycenterInfo {
    let cell = std::cell::RefCell::new(apply);
    ibp(
        n,
        k,
        lambda,
        &mut |s, d| (cell.borrow_mut())(s, d),
        &mut |s, d| (cell.borrow_mut())(s, d),
        log_a,
        log_u,
        log_kv,
        log_p,
        tmp,
        params,
    )
}

/// Level 3 of [`convolutional_barycenter_in_place`] with `num_threads` threads.
pub fn convolutional_barycenter(
    images: MatRef<'_, f64>,
    h: usize,
    w: usize,
    weights: Option<&[f64]>,
    params: &BarycenterParams,
    num_threads: usize,
) -> Result<(Vec<f64>, BarycenterInfo)> {
    let mut out = vec![0.0; images.nrows()];
    let req = convolutional_barycenter_scratch(h, w, images.ncols());
    let info = with_stack(req, |stack| {
        crate::par::with_threads(num_threads, |par| {
            convolutional_barycenter_in_place(images, h, w, weights, &mut out, params, par, stack)
        })
    })???;
    Ok((out, info))
}
