//! Closed forms of OT on the line: quantile functions, Wasserstein barycenters and McCann's
//! geodesics (the course's 1-D chapter).
//!
//! A weighted measure `μ = Σ_j a_j δ_{x_j}` of mass `M = Σ a` has the cumulative distribution
//! `F(x) = Σ_{x_j ≤ x} a_j / M` and the quantile function (left-continuous inverse)
//! `Q(u) = min{x_j : a_j > 0, F(x_j) ≥ u}` for `u ∈ [0, 1]` (`Q(0)` is the smallest point of
//! positive weight). On the line, `W_p^p(μ, ν) = M ∫_0^1 |Q_μ(u) − Q_ν(u)|^p du` for every
//! p ≥ 1, so the W_p barycenter of `μ_1, …, μ_k` with weights `λ` has the quantile function
//! `Q(u) = argmin_y Σ_i λ_i |y − Q_i(u)|^p`: constant between consecutive breakpoints of the
//! union of the `Q_i`, hence a weighted point set with at most `Σ n_i − k + 1` points, found by
//! one merge of the k sorted measures. For p = 2 the point is `Σ_i λ_i Q_i(u) / Σ λ` (quantile
//! averaging); for p = 1 the lower weighted median of the `Q_i(u)`; for other p the root of
//! `Σ λ_i sign(y − Q_i)|y − Q_i|^(p−1)`, by bisection to the last bit. McCann's geodesic
//! between μ and ν at time t is the p = 2 barycenter with `λ = (1 − t, t)`.
//!
//! Levels: [`quantile_1d_scratch`], [`quantile_1d_in_place`], [`quantile_1d`];
//! [`barycenter_1d_scratch`], [`barycenter_1d_in_place`], [`barycenter_1d`] (and
//! [`mccann_geodesic_1d`]).

use super::one_d::{check_p, sort_order};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MemStack, Result, StackReq};

/// Workspace of [`quantile_1d_in_place`] for n samples: an index array and the cumulative
/// masses (n each).
pub fn quantile_1d_scratch(n: usize) -> StackReq {
    StackReq::all_of(&[vec_req::<usize>(n), vec_req::<f64>(n)])
}

/// Checks samples `x` and weights `a`: equal lengths ≥ 1, finite samples, weights finite and
/// ≥ 0.
fn check_samples(x: &[f64], a: &[f64]) -> Result<()> {
    if x.is_empty() || a.len() != x.len() {
        bail!(
            InvalidDimension,
            "x has {} samples and a {} weights: lengths must agree and be >= 1",
            x.len(),
            a.len()
        );
    }
    crate::error::check_finite("x", x.iter().copied())?;
    crate::error::check_weights("a", a)
}

/// The mass of a measure, summed along `order`; an error unless positive and finite (`what`
/// names the weights, built only on error).
fn sorted_mass(what: impl FnOnce() -> String, a: &[f64], order: &[usize]) -> Result<f64> {
    let mass: f64 = order.iter().map(|&j| a[j]).sum();
    if !(mass.is_finite() && mass > 0.0) {
        bail!(
            InvalidArgument,
            "{} sums to {mass:e}: the mass must be positive and finite",
            what()
        );
    }
    Ok(mass)
}

/// The quantile function of the measure `Σ_j a_j δ_{x_j}` (normalised to mass 1) at each of
/// `levels` (each in [0, 1], any order): `quantiles[l] = Q(levels[l])` (see the module
/// notes). Allocation-free; O((n + L) log n) for L levels.
pub fn quantile_1d_in_place(
    x: &[f64],
    a: &[f64],
    levels: &[f64],
    quantiles: &mut [f64],
    stack: &mut MemStack,
) -> Result<()> {
    check_samples(x, a)?;
    for (l, &u) in levels.iter().enumerate() {
        if !(0.0..=1.0).contains(&u) {
            bail!(
                InvalidArgument,
                "levels[{l}] is {u:?}: levels must be in [0, 1]"
            );
        }
    }
    if quantiles.len() != levels.len() {
        bail!(
            InvalidDimension,
            "quantiles has {} values and levels {}: they must agree",
            quantiles.len(),
            levels.len()
        );
    }
    let n = x.len();
    check_stack(stack, quantile_1d_scratch(n))?;
    let (mut order, stack) = take(stack, n, 0usize);
    let (mut cum, _) = take(stack, n, 0.0f64);
    sort_order(|j| x[j], &mut order);
    let mass = sorted_mass(|| "a".into(), a, &order)?;
    // Keep the points of positive weight, with their cumulative masses.
    let mut kept = 0;
    let mut run = 0.0;
    for s in 0..n {
        let j = order[s];
        if a[j] > 0.0 {
            run += a[j];
            order[kept] = j;
            cum[kept] = run / mass;
            kept += 1;
        }
    }
    // cum[kept − 1] = mass / mass = 1 ≥ u: the search always lands on a kept point.
    for (q, &u) in quantiles.iter_mut().zip(levels) {
        let s = cum[..kept].partition_point(|&c| c < u);
        *q = x[order[s]];
    }
    Ok(())
}

/// The quantile function of `Σ_j a_j δ_{x_j}` at `levels` (allocates the result).
pub fn quantile_1d(x: &[f64], a: &[f64], levels: &[f64]) -> Result<Vec<f64>> {
    let mut q = vec![0.0; levels.len()];
    with_stack(quantile_1d_scratch(x.len()), |stack| {
        quantile_1d_in_place(x, a, levels, &mut q, stack)
    })??;
    Ok(q)
}

/// Workspace of [`barycenter_1d_in_place`] for k measures of `total` samples in all: an index
/// array (total) and four per-measure arrays (k each).
pub fn barycenter_1d_scratch(total: usize, k: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<usize>(total),
        vec_req::<usize>(k),
        vec_req::<usize>(k),
        vec_req::<f64>(k),
        vec_req::<f64>(k),
    ])
}

/// Room the outputs of [`barycenter_1d_in_place`] need: `total − k + 1` points for k measures
/// of `total` samples in all (`None` when k = 0 or k > total).
pub fn barycenter_1d_room(total: usize, k: usize) -> Option<usize> {
    (k >= 1 && k <= total).then(|| total - k + 1)
}

/// `argmin_y Σ_i λ_i |y − q_i|^p` for `q_i = q(i)`, i < k, with `λ_i ≥ 0` summing to
/// `lam_sum` (positive): the weighted mean (p = 2), the lower weighted median (p = 1), else the
/// root of the derivative by bisection (O(k) per step, at most 2100 steps: every double
/// between the extreme q_i).
fn lp_center(q: impl Fn(usize) -> f64, lambda: &[f64], lam_sum: f64, p: f64) -> f64 {
    let k = lambda.len();
    if p == 2.0 {
        return (0..k).map(|i| lambda[i] * q(i)).sum::<f64>() / lam_sum;
    }
    if p == 1.0 {
        // The smallest q_j with Σ_{q_i ≤ q_j} λ_i ≥ Σλ / 2.
        let mut best = f64::INFINITY;
        for j in 0..k {
            let below: f64 = (0..k).filter(|&i| q(i) <= q(j)).map(|i| lambda[i]).sum();
            if 2.0 * below >= lam_sum && q(j) < best {
                best = q(j);
            }
        }
        return best;
    }
    let slope = |y: f64| -> f64 {
        (0..k)
            .map(|i| {
                let d = y - q(i);
                lambda[i] * d.signum() * d.abs().powf(p - 1.0)
            })
            .sum()
    };
    let (mut lo, mut hi) = (0..k).fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), i| {
        (l.min(q(i)), h.max(q(i)))
    });
    loop {
        let mid = lo + 0.5 * (hi - lo);
        if mid <= lo || mid >= hi {
            return mid;
        }
        if slope(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
}

/// The W_p barycenter (p ≥ 1) of k measures on the line with weights `lambda` (k values,
/// finite, ≥ 0, positive sum; they need not sum to 1). Measure i has the `sizes[i]` samples
/// `x[s_i ..]` and weights `a[s_i ..]` (`s_i = Σ_{l<i} sizes[l]`, samples in any order, never
/// reordered); its mass must equal measure 0's within `mass_tolerance` (relative), and it is
/// rescaled to it. Writes the barycenter as `nnz` weighted points (returned) into `points` and
/// `weights` (room for `Σ sizes − k + 1` each; points ascending, weights > 0 and summing to
/// measure 0's mass). Allocation-free; O(N log N + N·c_p) for N = Σ sizes, where c_p is k for
/// p = 2, k² for p = 1 and up to 2100·k otherwise.
#[allow(clippy::too_many_arguments)]
pub fn barycenter_1d_in_place(
    x: &[f64],
    a: &[f64],
    sizes: &[usize],
    lambda: &[f64],
    p: f64,
    mass_tolerance: f64,
    points: &mut [f64],
    weights: &mut [f64],
    stack: &mut MemStack,
) -> Result<usize> {
    let k = sizes.len();
    let total = sizes.iter().try_fold(0usize, |s, &n| s.checked_add(n));
    if k == 0 || lambda.len() != k || total != Some(x.len()) || a.len() != x.len() {
        bail!(
            InvalidDimension,
            "{k} measures with {} weights in lambda, sizes summing to {total:?}, {} samples \
             and {} weights: k >= 1 and the lengths must agree",
            lambda.len(),
            x.len(),
            a.len()
        );
    }
    if let Some(i) = sizes.iter().position(|&n| n == 0) {
        bail!(InvalidDimension, "measure {i} has no samples");
    }
    check_p(p)?;
    if mass_tolerance.is_nan() || mass_tolerance < 0.0 {
        bail!(
            InvalidArgument,
            "mass_tolerance is {mass_tolerance:e}: it must be >= 0"
        );
    }
    crate::error::check_weights("lambda", lambda)?;
    let lam_sum: f64 = lambda.iter().sum();
    if !(lam_sum.is_finite() && lam_sum > 0.0) {
        bail!(
            InvalidArgument,
            "lambda sums to {lam_sum:e}: it must be positive and finite"
        );
    }
    let n_all = x.len();
    check_samples(x, a)?;
    let room = n_all - k + 1;
    if points.len() < room || weights.len() < room {
        bail!(
            InvalidDimension,
            "points has room for {} and weights for {}: {room} needed (sum of sizes - k + 1)",
            points.len(),
            weights.len()
        );
    }
    check_stack(stack, barycenter_1d_scratch(n_all, k))?;
    let (mut order, stack) = take(stack, n_all, 0usize);
    let (mut start, stack) = take(stack, k, 0usize);
    let (mut cursor, stack) = take(stack, k, 0usize);
    let (mut mass, stack) = take(stack, k, 0.0f64);
    let (mut run, _) = take(stack, k, 0.0f64);
    let mut s = 0;
    for i in 0..k {
        let (lo, hi) = (s, s + sizes[i]);
        start[i] = lo;
        sort_order(|j| x[lo + j], &mut order[lo..hi]);
        mass[i] = sorted_mass(|| format!("a of measure {i}"), &a[lo..hi], &order[lo..hi])?;
        s = hi;
    }
    for i in 1..k {
        let gap = (mass[i] - mass[0]).abs() / mass[i].max(mass[0]);
        if gap > mass_tolerance {
            bail!(
                MassMismatch,
                "measure {i} sums to {:.17e} and measure 0 to {:.17e}: relative gap {gap:.3e} > \
                 tolerance {mass_tolerance:.1e}",
                mass[i],
                mass[0]
            );
        }
    }
    // Sample at sorted position c of measure i, and its weight.
    let sample = |i: usize, c: usize| start[i] + order[start[i] + c];
    let skip_zeros = |i: usize, c: &mut usize| {
        while *c < sizes[i] && a[sample(i, *c)] == 0.0 {
            *c += 1;
        }
    };
    for i in 0..k {
        skip_zeros(i, &mut cursor[i]);
    }
    let (mut nnz, mut level) = (0, 0.0);
    loop {
        // Each cursor is on a positive weight (the mass is positive and each measure ends at
        // level mass/mass = 1 exactly, so all measures run out together).
        let next = (0..k)
            .map(|i| (run[i] + a[sample(i, cursor[i])]) / mass[i])
            .fold(f64::INFINITY, f64::min);
        let w = (next - level) * mass[0];
        if w > 0.0 {
            points[nnz] = lp_center(|i| x[sample(i, cursor[i])], lambda, lam_sum, p);
            weights[nnz] = w;
            nnz += 1;
            level = next;
        }
        let mut done = false;
        for i in 0..k {
            let j = sample(i, cursor[i]);
            if (run[i] + a[j]) / mass[i] <= next {
                run[i] += a[j];
                cursor[i] += 1;
                skip_zeros(i, &mut cursor[i]);
                done |= cursor[i] == sizes[i];
            }
        }
        // Before the last step each measure i advanced at most sizes[i] − 1 times, so there
        // were at most Σ sizes − k steps: nnz ≤ room.
        if done {
            return Ok(nnz);
        }
    }
}

/// A weighted point set on the line: `points[l]` carries `weights[l]`.
pub type WeightedPoints1d = (Vec<f64>, Vec<f64>);

/// The W_p barycenter of the measures `(x_i, a_i)` with weights `lambda` (see
/// [`barycenter_1d_in_place`]; masses must agree within 1e-9): its points (ascending) and
/// weights. Allocates.
pub fn barycenter_1d(
    measures: &[(&[f64], &[f64])],
    lambda: &[f64],
    p: f64,
) -> Result<WeightedPoints1d> {
    let sizes: Vec<usize> = measures.iter().map(|m| m.0.len()).collect();
    let x: Vec<f64> = measures.iter().flat_map(|m| m.0.iter().copied()).collect();
    let a: Vec<f64> = measures.iter().flat_map(|m| m.1.iter().copied()).collect();
    let room = barycenter_1d_room(x.len(), sizes.len()).unwrap_or(0);
    let (mut points, mut weights) = (vec![0.0; room], vec![0.0; room]);
    let nnz = with_stack(barycenter_1d_scratch(x.len(), sizes.len()), |stack| {
        barycenter_1d_in_place(
            &x,
            &a,
            &sizes,
            lambda,
            p,
            1e-9,
            &mut points,
            &mut weights,
            stack,
        )
    })??;
    points.truncate(nnz);
    weights.truncate(nnz);
    Ok((points, weights))
}

/// McCann's displacement interpolation between `(x, a)` and `(y, b)` at time `t ∈ [0, 1]`:
/// the W2 barycenter with weights `(1 − t, t)` (see [`barycenter_1d`]). Allocates.
pub fn mccann_geodesic_1d(
    x: &[f64],
    a: &[f64],
    y: &[f64],
    b: &[f64],
    t: f64,
) -> Result<WeightedPoints1d> {
    if !(0.0..=1.0).contains(&t) {
        bail!(InvalidArgument, "t is {t:?}: it must be in [0, 1]");
    }
    barycenter_1d(&[(x, a), (y, b)], &[1.0 - t, t], 2.0)
}
