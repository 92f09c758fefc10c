//! Iterative Bregman projections (Benamou, Carlier, Cuturi, Nenna, Peyré 2015) in the log
//! domain, for any symmetric-or-not Gibbs operator given as "log-apply" closures.
//!
//! With `K = exp(−C/ε)` and histograms `a_1..a_k` (weights `λ`, normalised to sum 1), one
//! iteration is, for every k: `log v_k = log a_k − log(Kᵀ u_k)`, `log Kv_k = log(K v_k)`; then
//! `log p = Σ λ_k (log u_k + log Kv_k)`, and `log u_k = log p − log Kv_k`. The error is
//! `max_k Σ_i |u_k ⊙ K v_k − p|` (the spread of the first marginals around p).

use crate::par::par_chunks;
use crate::{bail, Par, Real, Result};
use pulp::Simd;

/// Parameters of the barycenter solvers.
#[derive(Clone, Copy, Debug)]
pub struct BarycenterParams {
    /// Entropic regularisation ε (units of the cost); > 0.
    pub epsilon: f64,
    /// Iteration cap.
    pub max_iter: usize,
    /// Stop when the marginal error is at most `tol` (units of mass).
    pub tol: f64,
}

impl Default for BarycenterParams {
    fn default() -> Self {
        BarycenterParams {
            epsilon: 1e-2,
            max_iter: 1000,
            tol: 1e-9,
        }
    }
}

/// What the barycenter solvers report.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BarycenterInfo {
    /// Iterations made.
    pub iterations: usize,
    /// Final marginal error `max_k Σ_i |u_k ⊙ K v_k − p|`.
    pub error: f64,
    /// Whether `error ≤ tol` was reached before the cap.
    pub converged: bool,
    /// Whether an observer ([`crate::progress::observe`]) stopped the solve; the result is
    /// then the current iterate.
    pub cancelled: bool,
}

/// Checks histograms (n×k, columns), weights and parameters; returns the normalised weights'
/// sum (the caller divides by it). Sums in f64 for every `T`.
pub(crate) fn check_inputs<T: Real>(
    hists: faer::MatRef<'_, T>,
    weights: Option<&[T]>,
    params: &BarycenterParams,
) -> Result<f64> {
    let (n, k) = (hists.nrows(), hists.ncols());
    if n == 0 || k == 0 {
        bail!(InvalidDimension, "histograms are {n}x{k}: need n, k >= 1");
    }
    let valid = params.epsilon > 0.0 && params.epsilon.is_finite() && params.tol >= 0.0;
    if !valid {
        bail!(
            InvalidArgument,
            "epsilon = {:e}, tol = {:e}: need epsilon > 0 finite and tol >= 0",
            params.epsilon,
            params.tol
        );
    }
    for c in 0..k {
        let mut s = 0.0;
        for i in 0..n {
            let v = hists.get(i, c).to_f64();
            if !v.is_finite() {
                bail!(NonFinite, "histogram {c} entry {i} is {v}");
            }
            if v < 0.0 {
                bail!(InvalidArgument, "histogram {c} entry {i} is {v:e} < 0");
            }
            s += v;
        }
        if (s - 1.0).abs() > 1e-6 {
            bail!(
                MassMismatch,
                "histogram {c} sums to {s:.17e}, not 1 (tolerance 1e-6)"
            );
        }
    }
    match weights {
        Some(w) => {
            if w.len() != k {
                bail!(
                    InvalidDimension,
                    "weights has length {}, histograms {k}",
                    w.len()
                );
            }
            crate::error::check_weights("weights", w)?;
            let s: f64 = w.iter().map(|v| v.to_f64()).sum();
            if s.is_nan() || s <= 0.0 {
                bail!(InvalidArgument, "weights sum to {s:e}: need > 0");
            }
            Ok(s)
        }
        None => Ok(k as f64),
    }
}

/// Runs IBP. `k_log(src, dst)` writes `log(K exp(src))`, `kt_log` the same for `Kᵀ`;
/// `log_a` holds `log a_k` (k blocks of n); `log_u`, `log_kv` (k·n) and `log_p` (n) are the
/// iterates, `tmp` (n) a temporary. `lambda(c)` is the normalised weight of histogram c.
/// The weighted sum of `log p` and the error are accumulated in f64 for every `T`. The
/// pixel-wise updates run on `par` over fixed chunks (the same results for every thread
/// count); the error sum is sequential. Each iteration reports `(iterations, error)` to
/// [`crate::progress::check`] (unless converged) and stops when an observer asks.
#[allow(clippy::too_many_arguments)]
pub(crate) fn ibp<T: Real>(
    n: usize,
    k: usize,
    lambda: &(dyn Fn(usize) -> f64 + Sync),
    k_log: &mut dyn FnMut(&[T], &mut [T]),
    kt_log: &mut dyn FnMut(&[T], &mut [T]),
    log_a: &[T],
    log_u: &mut [T],
    log_kv: &mut [T],
    log_p: &mut [T],
    tmp: &mut [T],
    params: &BarycenterParams,
    par: Par,
) -> BarycenterInfo {
    log_u.fill(T::ZERO);
    let mut info = BarycenterInfo {
        iterations: 0,
        error: f64::INFINITY,
        converged: false,
        cancelled: false,
    };
    while info.iterations < params.max_iter {
        for c in 0..k {
            let r = c * n..(c + 1) * n;
            kt_log(&log_u[r.clone()], tmp);
            let log_a = &log_a[r.clone()];
            par_chunks(par, tmp, PAR_CHUNK, |i, t| {
                let la = &log_a[i * PAR_CHUNK..i * PAR_CHUNK + t.len()];
                for (t, &la) in t.iter_mut().zip(la) {
                    // log v = log a − log Kᵀu (an empty bin stays empty).
                    *t = if la == T::NEG_INFINITY { la } else { la - *t };
                }
            });
            k_log(tmp, &mut log_kv[r]);
        }
        // log p = Σ_c λ_c (log u_c + log Kv_c), summed in f64 in the order of c, over blocks
        // of pixels (the weights read once per block, the inner loop vectorisable).
        let (log_u_r, log_kv_r) = (&*log_u, &*log_kv);
        par_chunks(par, log_p, PAR_CHUNK, |i, lp| {
            for (b, lp) in lp.chunks_mut(LOGP_BLOCK).enumerate() {
                let i0 = i * PAR_CHUNK + b * LOGP_BLOCK;
                let mut acc = [0.0f64; LOGP_BLOCK];
                let acc = &mut acc[..lp.len()];
                for c in 0..k {
                    let l = lambda(c);
                    if l != 0.0 {
                        let r = c * n + i0..c * n + i0 + lp.len();
                        let terms = log_u_r[r.clone()].iter().zip(&log_kv_r[r]);
                        for (a, (&u, &kv)) in acc.iter_mut().zip(terms) {
                            *a += l * (u + kv).to_f64();
                        }
                    }
                }
                for (o, &a) in lp.iter_mut().zip(acc.iter()) {
                    *o = T::from_f64(a);
                }
            }
        });
        // p = exp(log p) once (SIMD) into tmp, then per histogram the error and the update.
        let log_p_r = &*log_p;
        par_chunks(par, tmp, PAR_CHUNK, |i, t| {
            pulp::Arch::new().dispatch(MapInto {
                src: &log_p_r[i * PAR_CHUNK..i * PAR_CHUNK + t.len()],
                dst: t,
                f: Elementwise::Exp,
            })
        });
        let mut err: f64 = 0.0;
        for c in 0..k {
            let r = c * n..(c + 1) * n;
            let e = pulp::Arch::new().dispatch(ErrUpdate {
                log_u: &mut log_u[r.clone()],
                log_kv: &log_kv[r],
                log_p,
                p: tmp,
            });
            err = err.max(e);
        }
        info.iterations += 1;
        info.error = err;
        if err <= params.tol {
            info.converged = true;
            break;
        }
        if crate::progress::check(info.iterations as u64, err) == crate::progress::Flow::Stop {
            info.cancelled = true;
            break;
        }
    }
    info
}

/// The function [`MapInto`] applies.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Elementwise {
    Exp,
    Ln,
}

/// `dst = f(src)` elementwise (SIMD; the tail scalar).
pub(crate) struct MapInto<'a, T> {
    pub src: &'a [T],
    pub dst: &'a mut [T],
    pub f: Elementwise,
}

impl<T: Real> pulp::WithSimd for MapInto<'_, T> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) {
        let (sv, st) = T::as_simd::<S>(self.src);
        let (dv, dt) = T::as_mut_simd::<S>(self.dst);
        let ln = self.f == Elementwise::Ln;
        for (d, &v) in dv.iter_mut().zip(sv) {
            *d = if ln { T::ln_s(s, v) } else { T::exp_s(s, v) };
        }
        for (d, &v) in dt.iter_mut().zip(st) {
            *d = if ln { v.ln() } else { v.exp() };
        }
    }
}

/// Pixels per parallel chunk of [`ibp`]'s pixel-wise updates (a multiple of [`LOGP_BLOCK`]).
const PAR_CHUNK: usize = 16 * LOGP_BLOCK;

/// Pixels per block of the weighted log-mean of [`ibp`].
const LOGP_BLOCK: usize = 256;

/// Values per block of the error sum: summed in `T` lanes, the blocks in f64.
const ERR_BLOCK: usize = 256;

/// `Σ_i |exp(log_u_i + log_kv_i) − p_i|` (returned, f64) and `log_u = log_p − log_kv`.
struct ErrUpdate<'a, T> {
    log_u: &'a mut [T],
    log_kv: &'a [T],
    log_p: &'a [T],
    p: &'a [T],
}

impl<T: Real> pulp::WithSimd for ErrUpdate<'_, T> {
    type Output = f64;
    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) -> f64 {
        let mut total = 0.0f64;
        let blocks = self
            .log_u
            .chunks_mut(ERR_BLOCK)
            .zip(self.log_kv.chunks(ERR_BLOCK))
            .zip(self.log_p.chunks(ERR_BLOCK).zip(self.p.chunks(ERR_BLOCK)));
        for ((lu, lkv), (lp, p)) in blocks {
            let (luv, lut) = T::as_mut_simd::<S>(lu);
            let (kv, kt) = T::as_simd::<S>(lkv);
            let (pv, pt) = T::as_simd::<S>(lp);
            let (ev, et) = T::as_simd::<S>(p);
            let mut acc = T::splat_s(s, T::ZERO);
            for (((u, &k), &l), &e) in luv.iter_mut().zip(kv).zip(pv).zip(ev) {
                let m = T::exp_s(s, T::add_s(s, *u, k));
                acc = T::add_s(s, acc, T::abs_s(s, T::sub_s(s, m, e)));
                *u = T::sub_s(s, l, k);
            }
            let mut e = T::reduce_sum_s(s, acc).to_f64();
            for (((u, &k), &l), &pe) in lut.iter_mut().zip(kt).zip(pt).zip(et) {
                e += ((*u + k).exp().to_f64() - pe.to_f64()).abs();
                *u = l - k;
            }
            total += e;
        }
        total
    }
}
