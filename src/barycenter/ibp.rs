//! Iterative Bregman projections (Benamou, Carlier, Cuturi, Nenna, Peyré 2015) in the log
//! domain, for any symmetric-or-not Gibbs operator given as "log-apply" closures.
//!
//! With `K = exp(−C/ε)` and histograms `a_1..a_k` (weights `λ`, normalised to sum 1), one
//! iteration is, for every k: `log v_k = log a_k − log(Kᵀ u_k)`, `log Kv_k = log(K v_k)`; then
//! `log p = Σ λ_k (log u_k + log Kv_k)`, and `log u_k = log p − log Kv_k`. The error is
//! `max_k Σ_i |u_k ⊙ K v_k − p|` (the spread of the first marginals around p).

use crate::{bail, Result};

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
}

/// Checks histograms (n×k, columns), weights and parameters; returns the normalised weights'
/// sum (the caller divides by it).
pub(crate) fn check_inputs(
    hists: faer::MatRef<'_, f64>,
    weights: Option<&[f64]>,
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
            let v = *hists.get(i, c);
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
            let s: f64 = w.iter().sum();
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
#[allow(clippy::too_many_arguments)]
pub(crate) fn ibp(
    n: usize,
    k: usize,
    lambda: &dyn Fn(usize) -> f64,
    k_log: &mut dyn FnMut(&[f64], &mut [f64]),
    kt_log: &mut dyn FnMut(&[f64], &mut [f64]),
    log_a: &[f64],
    log_u: &mut [f64],
    log_kv: &mut [f64],
    log_p: &mut [f64],
    tmp: &mut [f64],
    params: &BarycenterParams,
) -> BarycenterInfo {
    log_u.fill(0.0);
    let mut info = BarycenterInfo {
        iterations: 0,
        error: f64::INFINITY,
        converged: false,
    };
    while info.iterations < params.max_iter {
        for c in 0..k {
            let r = c * n..(c + 1) * n;
            kt_log(&log_u[r.clone()], tmp);
            for (t, &la) in tmp.iter_mut().zip(&log_a[r.clone()]) {
                // log v = log a − log Kᵀu (an empty bin stays empty).
                *t = if la == f64::NEG_INFINITY { la } else { la - *t };
            }
            k_log(tmp, &mut log_kv[r]);
        }
        log_p.fill(0.0);
        for c in 0..k {
            let l = lambda(c);
            if l == 0.0 {
                continue;
            }
            for i in 0..n {
                log_p[i] += l * (log_u[c * n + i] + log_kv[c * n + i]);
            }
        }
        let mut err: f64 = 0.0;
        for c in 0..k {
            let mut e = 0.0;
            for i in 0..n {
                let m = (log_u[c * n + i] + log_kv[c * n + i]).exp();
                e += (m - log_p[i].exp()).abs();
                log_u[c * n + i] = log_p[i] - log_kv[c * n + i];
            }
            err = err.max(e);
        }
        info.iterations += 1;
        info.error = err;
        if err <= params.tol {
            info.converged = true;
            break;
        }
    }
    info
}
