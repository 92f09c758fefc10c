//! The checks of an entropic solve's inputs, before any output is touched: parameters,
//! cost (dimensions, finiteness, scale) and weights (masses).

use super::{Cost, Params, Path, Penalty};
use crate::error::{check_mass_balance, check_weights};
use crate::{bail, Real, Result};

/// Checks the parameters.
pub(crate) fn check_params(p: &Params) -> Result<()> {
    if !(p.epsilon.is_finite() && p.epsilon > 0.0) {
        bail!(
            InvalidArgument,
            "epsilon = {:e}: must be finite and > 0",
            p.epsilon
        );
    }
    for (name, rho) in [("rho_a", p.rho_a), ("rho_b", p.rho_b)] {
        if rho.is_nan() || rho <= 0.0 {
            bail!(
                InvalidArgument,
                "{name} = {rho:e}: must be > 0 (infinity = balanced)"
            );
        }
    }
    if p.tolerance.is_nan() || p.tolerance < 0.0 {
        bail!(
            InvalidArgument,
            "tolerance = {:e}: must be >= 0",
            p.tolerance
        );
    }
    if !(p.mass_tolerance >= 0.0 && p.mass_tolerance.is_finite()) {
        bail!(
            InvalidArgument,
            "mass_tolerance = {:e}: must be finite and >= 0",
            p.mass_tolerance
        );
    }
    if !(p.over_relaxation == 0.0 || (p.over_relaxation > 0.0 && p.over_relaxation < 2.0)) {
        bail!(
            InvalidArgument,
            "over_relaxation = {:e}: must be in (0, 2), or 0 for adaptive",
            p.over_relaxation
        );
    }
    if p.path == Path::Kernel && p.penalty == Penalty::Tv {
        bail!(
            InvalidArgument,
            "the stored-kernel path supports KL marginal penalties only: a TV penalty runs on the log-domain path"
        );
    }
    if p.path == Path::Kernel && p.symmetric {
        bail!(
            InvalidArgument,
            "the stored-kernel path runs alternating updates only: symmetric must be false"
        );
    }
    if p.path == Path::Truncated {
        if p.penalty == Penalty::Tv || p.symmetric || p.over_relaxation != 1.0 {
            bail!(
                InvalidArgument,
                "the truncated path runs plain alternating updates with KL or no penalties: symmetric must be false, over_relaxation 1, penalty KL"
            );
        }
        if !(p.truncation >= 0.0 && p.truncation.is_finite()) {
            bail!(
                InvalidArgument,
                "truncation = {:e}: must be finite and >= 0 (0 = from the tolerance)",
                p.truncation
            );
        }
    }
    if p.check_every == 0 {
        bail!(InvalidArgument, "check_every = 0: must be >= 1");
    }
    if p.scaling.steps > 0 && p.scaling.iters_per_step == 0 {
        // Stages of no iteration would not consume `max_iter`: 2^64 of them would never end.
        bail!(
            InvalidArgument,
            "eps_scaling iters = 0 with {} steps: each intermediate epsilon needs >= 1 iteration",
            p.scaling.steps
        );
    }
    if p.scaling.steps > 0 && (p.scaling.start.is_nan() || p.scaling.start.is_infinite()) {
        bail!(
            InvalidArgument,
            "eps_scaling start = {:e}: must be finite (<= 0 = the cost's scale)",
            p.scaling.start
        );
    }
    Ok(())
}

/// Checks the cost (dimensions, finiteness) and returns its scale (its largest absolute
/// value, or a bound on it for point clouds).
pub(crate) fn check_cost<T: Real>(cost: &Cost<'_, T>) -> Result<f64> {
    let (n, m) = cost.dims();
    if n == 0 || m == 0 {
        bail!(
            InvalidDimension,
            "the cost is {n}x{m}: both sizes must be >= 1"
        );
    }
    match cost {
        Cost::Dense(c) => {
            let mut scale = 0.0f64;
            for j in 0..m {
                for i in 0..n {
                    let v = c[(i, j)];
                    if !v.is_finite() {
                        bail!(NonFinite, "cost[{i}, {j}] is {v:?}, not a finite number");
                    }
                    scale = scale.max(v.abs().to_f64());
                }
            }
            Ok(scale)
        }
        Cost::SqEuclidean { x, y } => {
            let d = x.ncols();
            if d == 0 || y.ncols() != d {
                bail!(
                    InvalidDimension,
                    "x is {n}x{d} and y is {m}x{}: points need the same dimension >= 1",
                    y.ncols()
                );
            }
            let mut scale = 0.0f64;
            for t in 0..d {
                let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
                for (name, p) in [("x", x), ("y", y)] {
                    for i in 0..p.nrows() {
                        let v = p[(i, t)];
                        if !v.is_finite() {
                            bail!(NonFinite, "{name}[{i}, {t}] is {v:?}, not a finite number");
                        }
                        lo = lo.min(v.to_f64());
                        hi = hi.max(v.to_f64());
                    }
                }
                scale += (hi - lo) * (hi - lo);
            }
            Ok(scale)
        }
    }
}

/// Checks the weights and, when both sides are balanced, that their masses agree within
/// `p.mass_tolerance`; returns ln(Σa/Σb), the log of the factor that rescales b to a's mass
/// (0 when a side is unbalanced).
pub(crate) fn check_marginals<T: Real>(
    a: &[T],
    b: &[T],
    n: usize,
    m: usize,
    p: &Params,
) -> Result<f64> {
    if a.len() != n || b.len() != m {
        bail!(
            InvalidDimension,
            "a has {} and b {} weights for a {n}x{m} cost",
            a.len(),
            b.len()
        );
    }
    check_weights("a", a)?;
    check_weights("b", b)?;
    if p.rho_a.is_infinite() && p.rho_b.is_infinite() {
        let (sa, sb) = check_mass_balance(a, b, p.mass_tolerance)?;
        return Ok((sa / sb).ln());
    } else {
        let sa: f64 = a.iter().map(|x| x.to_f64()).sum();
        let sb: f64 = b.iter().map(|x| x.to_f64()).sum();
        if sa <= 0.0 || sb <= 0.0 {
            bail!(
                InvalidArgument,
                "a sums to {sa:e} and b to {sb:e}: both must carry positive mass"
            );
        }
    }
    Ok(0.0)
}
