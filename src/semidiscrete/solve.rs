//! Full-batch solvers of semi-discrete OT for the squared Euclidean cost, on a weighted
//! sample set `(x_i, a_i)` (for instance a density sampled on a regular grid) against sites
//! `y_j` with weights `b_j`, `Σa = Σb`.
//!
//! Both methods maximise a concave dual in the weights `g` of the Laguerre cells:
//! * [`SemiDiscreteMethod::Gradient`]: gradient ascent on the exact (hard-assignment)
//!   semi-dual `F(g) = Σ_i a_i min_j (|x_i − y_j|² − g_j) + Σ_j b_j g_j`, whose supergradient
//!   is `b − m(g)` with `m_j` the mass of cell j. Each step costs one [`laguerre_assign`]
//!   (SIMD, threaded). The step is fixed (or chosen from the data, see
//!   [`SemiDiscreteParams::step`]).
//! * [`SemiDiscreteMethod::Newton`]: a damped Newton method in the style of
//!   Kitagawa–Mérigot–Thibert. On a finite sample set the hard masses `m(g)` are piecewise
//!   constant, so their Jacobian (the KMT Hessian, an integral over the cell facets) does not
//!   exist. We therefore smooth with entropy: soft assignments
//!   `p_ij = exp((g_j − |x_i − y_j|²)/ε) / Σ_k exp((g_k − |x_i − y_k|²)/ε)` give the smooth
//!   concave `F_ε(g) = Σ_j b_j g_j − ε Σ_i a_i log Σ_j exp((g_j − |x_i − y_j|²)/ε)` with exact
//!   gradient `b − m_ε` and exact Hessian `−(1/ε) Σ_i a_i (diag p_i − p_i p_iᵀ)` (a weighted
//!   graph Laplacian, the smoothed counterpart of the KMT facet integrals). Newton steps with
//!   Armijo backtracking, with ε decreased geometrically from a large value to the target
//!   (continuation), solve `m_ε = b`; as ε → 0 the soft cells tend to the Laguerre cells.
//!   Entries `p_ij < 1e-15` are dropped from the Hessian (its cost is then
//!   `O(N k²)` for k significant cells per sample instead of `O(N n²)`).
//!
//! [`laguerre_assign`]: super::laguerre_assign

#![allow(clippy::neg_cmp_op_on_partial_ord)] // `!(x > 0.0)` also rejects NaN
#![allow(clippy::needless_range_loop)] // loops index several arrays by j

use super::assign::{
    cell_masses, check_problem, laguerre_assign_in_place, laguerre_assign_scratch,
};
use super::LaguerreReal;
use crate::progress::{self, Flow};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatRef, MemStack, Par, Real, Result, StackReq};

/// Which full-batch method solves for the dual weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SemiDiscreteMethod {
    /// Gradient ascent on the hard semi-dual.
    Gradient,
    /// Damped Newton on the entropic semi-dual with ε continuation.
    Newton,
}

/// Parameters of [`semidiscrete`].
#[derive(Clone, Copy, Debug)]
pub struct SemiDiscreteParams {
    /// The method.
    pub method: SemiDiscreteMethod,
    /// Iteration cap (gradient steps, or Newton steps over all ε stages).
    pub max_iter: usize,
    /// Stop when `max_j |m_j − b_j| ≤ tol` (hard masses for the gradient method, smoothed
    /// masses at the target ε for Newton), in units of mass.
    pub tol: f64,
    /// Gradient step (units of squared distance per unit mass); 0 = from the data:
    /// `n h² / (2d)` with `h = (V/n)^{1/d}` and V the volume of the box with the samples'
    /// weighted standard deviations (×√12) as sides: the inverse of the largest eigenvalue of
    /// the Hessian of a uniform density on that box.
    pub step: f64,
    /// Entropic smoothing ε of the Newton method (units of squared distance); 0 = from the
    /// data: `1e-4 · (diagonal of the samples' bounding box)²`, small enough for the soft
    /// cells to split only the samples next to a facet.
    pub epsilon: f64,
}

impl Default for SemiDiscreteParams {
    fn default() -> Self {
        SemiDiscreteParams {
            method: SemiDiscreteMethod::Newton,
            max_iter: 1000,
            tol: 1e-6,
            step: 0.0,
            epsilon: 0.0,
        }
    }
}

/// What [`semidiscrete_in_place`] reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SemiDiscreteInfo {
    /// Iterations made.
    pub iterations: usize,
    /// `max_j |m_j − b_j|` for the hard (Laguerre) cell masses at the returned g.
    pub mass_error: f64,
    /// `max_j |m_ε,j − b_j|` for the smoothed masses (Newton; equals `mass_error` for the
    /// gradient method).
    pub smoothed_mass_error: f64,
    /// The ε used (Newton) or 0.
    pub epsilon: f64,
    /// The step used (gradient) or 0.
    pub step: f64,
    /// Whether the tolerance was met before the iteration cap.
    pub converged: bool,
    /// Whether a [`crate::progress`] observer stopped the solve (g is then the last iterate).
    pub cancelled: bool,
}

/// Workspace of [`semidiscrete_in_place`] for N samples, n sites in dimension d: the Laguerre
/// kernel's, N cell indices, n site indices (the coincidence check), `6n` f64 and, for Newton, the `n×n` Hessian and the partial sums
/// of the K = `soft_chunks(N, n)` point chunks (`K(n² + 2n + 1)` f64, `Kn` u32).
pub fn semidiscrete_scratch<T: Real>(
    n_points: usize,
    n_sites: usize,
    dim: usize,
    params: &SemiDiscreteParams,
) -> StackReq {
    let (hess, parts, sig) = match params.method {
        SemiDiscreteMethod::Newton => {
            let k = soft_chunks(n_points, n_sites);
            (
                n_sites.saturating_mul(n_sites),
                soft_part_len(n_sites, true).saturating_mul(k),
                n_sites.saturating_mul(k),
            )
        }
        SemiDiscreteMethod::Gradient => (0, 0, 0),
    };
    StackReq::all_of(&[
        laguerre_assign_scratch::<T>(n_sites, dim),
        vec_req::<u32>(n_points),
        vec_req::<u32>(n_sites),
        vec_req::<T>(n_sites),
        vec_req::<f64>(n_sites.saturating_mul(6)),
        vec_req::<u32>(sig),
        vec_req::<f64>(hess),
        vec_req::<f64>(parts),
    ])
}

/// Weighted mean and standard deviation of each coordinate, and the bounding-box diagonal².
pub(crate) fn sample_scales<T: Real>(x: MatRef<'_, T>, a: Option<&[T]>) -> (f64, f64) {
    let (big_n, d) = (x.nrows(), x.ncols());
    let wsum: f64 = a.map_or(big_n as f64, |a| a.iter().map(|v| v.to_f64()).sum());
    let (mut vol, mut diag2) = (1.0, 0.0);
    for k in 0..d {
        let (mut mean, mut lo, mut hi) = (0.0, f64::INFINITY, f64::NEG_INFINITY);
        for i in 0..big_n {
            let w = a.map_or(1.0, |a| a[i].to_f64());
            let v = x.get(i, k).to_f64();
            mean += w * v;
            lo = lo.min(v);
            hi = hi.max(v);
        }
        mean /= wsum;
        let mut var = 0.0;
        for i in 0..big_n {
            let w = a.map_or(1.0, |a| a[i].to_f64());
            let t = x.get(i, k).to_f64() - mean;
            var += w * t * t;
        }
        vol *= (12.0 * var / wsum).sqrt().max(1e-300);
        diag2 += (hi - lo) * (hi - lo);
    }
    (vol, diag2)
}

/// Refuses two sites at the same position that both carry mass: the Laguerre cells of
/// coincident sites are one cell that goes whole to the site with the larger weight g (ties to
/// the smaller index), so their masses cannot both be met, while the smoothed masses of the
/// Newton method split that cell and look solved. Sorts the site indices `order` (n)
/// lexicographically by coordinates: O(n log n · d), no allocation.
fn check_distinct_sites<T: Real>(sites: MatRef<'_, T>, b: &[T], order: &mut [u32]) -> Result<()> {
    let d = sites.ncols();
    let row_cmp = |j: u32, k: u32| {
        (0..d)
            .map(|t| {
                let (u, v) = (sites.get(j as usize, t), sites.get(k as usize, t));
                u.partial_cmp(v).unwrap_or(std::cmp::Ordering::Equal)
            })
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    };
    for (j, o) in order.iter_mut().enumerate() {
        *o = j as u32;
    }
    order.sort_unstable_by(|&j, &k| row_cmp(j, k).then(j.cmp(&k)));
    // Within a group of equal positions the indices increase: the first site with positive
    // weight is the lowest such index.
    let heavy = |j: u32| b[j as usize].to_f64() > 0.0;
    let mut first_heavy = None;
    for i in 0..order.len() {
        let j = order[i];
        if i > 0 && row_cmp(order[i - 1], j).is_ne() {
            first_heavy = None;
        }
        if !heavy(j) {
            continue;
        }
        match first_heavy {
            None => first_heavy = Some(j),
            Some(lo) => bail!(
                InvalidArgument,
                "sites {lo} and {j} coincide and both have positive weight (b[{lo}] = {:e}, b[{j}] = {:e}): the Laguerre cell of a point goes whole to one site, so coincident sites cannot share its mass; merge them into one site with the sum of their weights",
                b[lo as usize].to_f64(),
                b[j as usize].to_f64()
            ),
        }
    }
    Ok(())
}

/// `max_j |m_j − b_j|`.
fn max_error(m: &[f64], b: &[f64]) -> f64 {
    m.iter()
        .zip(b)
        .map(|(m, b)| (m - b).abs())
        .fold(0.0, f64::max)
}

/// Squared distance between sample i and site j, in f64.
#[inline]
fn sq_dist<T: Real>(x: MatRef<'_, T>, i: usize, y: MatRef<'_, T>, j: usize) -> f64 {
    let mut s = 0.0;
    for k in 0..x.ncols() {
        let t = x.get(i, k).to_f64() - y.get(j, k).to_f64();
        s += t * t;
    }
    s
}

/// Fewest points per chunk of the threaded soft pass.
const SOFT_MIN_CHUNK: usize = 1024;
/// Most chunks of the soft pass.
const SOFT_MAX_CHUNKS: usize = 16;
/// Most partial-Hessian values (over all chunks) the soft pass keeps: bounds the chunk count
/// for many sites (n = 1000: 2 chunks).
const SOFT_HESS_BUDGET: usize = 1 << 21;

/// Number of point chunks of the soft pass for N samples and n sites: a function of N and n
/// only (never of the thread count), so the chunked sums are the same for every `par`.
pub(crate) fn soft_chunks(big_n: usize, n: usize) -> usize {
    let by_memory = (SOFT_HESS_BUDGET / n.saturating_mul(n).max(1)).max(1);
    big_n
        .div_ceil(SOFT_MIN_CHUNK)
        .min(by_memory)
        .clamp(1, SOFT_MAX_CHUNKS)
}

/// f64 values of one chunk's partial results: masses (n), the probability row (n), the
/// log-sum-exp sum (1) and, with the Hessian, its n×n partial sum.
fn soft_part_len(n: usize, with_hess: bool) -> usize {
    let h = if with_hess { n.saturating_mul(n) } else { 0 };
    n.saturating_mul(2).saturating_add(1).saturating_add(h)
}

/// The points `rows` of the soft pass: writes into `part` (see [`soft_part_len`]) their
/// masses `Σ a_i p_i`, the sum `Σ a_i LSE_i` and, when `with_hess`, their Hessian
/// contributions. `sig` (n) is a temporary.
#[allow(clippy::too_many_arguments)]
fn soft_chunk<T: Real>(
    x: MatRef<'_, T>,
    a: Option<&[T]>,
    y: MatRef<'_, T>,
    g: &[f64],
    eps: f64,
    rows: std::ops::Range<usize>,
    part: &mut [f64],
    sig: &mut [u32],
    with_hess: bool,
) {
    let n = y.nrows();
    part.fill(0.0);
    let (m, rest) = part.split_at_mut(n);
    let (s, rest) = rest.split_at_mut(n);
    let (lse, h) = rest.split_at_mut(1);
    let uniform = 1.0 / x.nrows() as f64;
    let mut lse_sum = 0.0;
    for i in rows {
        let ai = a.map_or(uniform, |a| a[i].to_f64());
        let mut mx = f64::NEG_INFINITY;
        for j in 0..n {
            s[j] = (g[j] - sq_dist(x, i, y, j)) / eps;
            mx = mx.max(s[j]);
        }
        let mut z = 0.0;
        for v in s.iter_mut() {
            *v = (*v - mx).exp();
            z += *v;
        }
        lse_sum += ai * (mx + z.ln());
        if ai == 0.0 {
            continue;
        }
        let mut k = 0;
        for j in 0..n {
            let p = s[j] / z;
            s[j] = p;
            m[j] += ai * p;
            if p > 1e-15 {
                sig[k] = j as u32;
                k += 1;
            }
        }
        if with_hess {
            let c = ai / eps;
            for u in 0..k {
                let ju = sig[u] as usize;
                let pu = s[ju];
                h[ju * n + ju] += c * pu;
                for &jv in &sig[..k] {
                    let jv = jv as usize;
                    h[ju * n + jv] -= c * pu * s[jv];
                }
            }
        }
    }
    lse[0] = lse_sum;
}

/// One pass of the entropic semi-dual at `g`: returns `F_ε(g)`, writes the smoothed masses
/// into `m` and, when `hess` is given, the Hessian `(1/ε) Σ a_i (diag p_i − p_i p_iᵀ)`
/// (row-major n×n, the negative of F_ε's). The points are split into
/// [`soft_chunks`]`(N, n)` fixed chunks, run in parallel under `par`, each into its own slice
/// of `parts` (chunk count × [`soft_part_len`]) with `sig` (chunk count × n) as temporaries;
/// the partial sums are then added in chunk order, so the result is bitwise the same for
/// every thread count.
#[allow(clippy::too_many_arguments)]
fn soft_pass<T: Real>(
    x: MatRef<'_, T>,
    a: Option<&[T]>,
    y: MatRef<'_, T>,
    b: &[f64],
    g: &[f64],
    eps: f64,
    m: &mut [f64],
    mut hess: Option<&mut [f64]>,
    parts: &mut [f64],
    sig: &mut [u32],
    par: Par,
) -> f64 {
    let (big_n, n) = (x.nrows(), y.nrows());
    let chunks = soft_chunks(big_n, n);
    let with_hess = hess.is_some();
    let len = soft_part_len(n, with_hess);
    let parts = &mut parts[..chunks * len];
    let sig = &mut sig[..chunks * n];
    let rows = |c: usize| c * big_n / chunks..(c + 1) * big_n / chunks;
    let work = |(c, (part, sig)): (usize, (&mut [f64], &mut [u32]))| {
        soft_chunk(x, a, y, g, eps, rows(c), part, sig, with_hess)
    };
    match par {
        Par::Seq => parts
            .chunks_mut(len)
            .zip(sig.chunks_mut(n))
            .enumerate()
            .for_each(work),
        Par::Rayon(_) => {
            use rayon::prelude::*;
            parts
                .par_chunks_mut(len)
                .zip(sig.par_chunks_mut(n))
                .enumerate()
                .for_each(work)
        }
    }
    m.fill(0.0);
    if let Some(h) = hess.as_deref_mut() {
        h.fill(0.0);
    }
    let mut lse_sum = 0.0;
    for part in parts.chunks(len) {
        for (mj, pj) in m.iter_mut().zip(&part[..n]) {
            *mj += pj;
        }
        lse_sum += part[2 * n];
        if let Some(h) = hess.as_deref_mut() {
            for (hv, pv) in h.iter_mut().zip(&part[2 * n + 1..]) {
                *hv += pv;
            }
        }
    }
    let bg: f64 = b.iter().zip(g).map(|(b, g)| b * g).sum();
    bg - eps * lse_sum
}

/// Solves `(H + μ 11ᵀ) Δ = r` in place (`r` becomes Δ) for the PSD Laplacian-like H (row-major
/// n×n, overwritten by its Cholesky factor), with μ the mean diagonal / n, which fixes the
/// constant null direction without changing the solution for `r ⊥ 1`, and a relative ridge of
/// 1e-12 for cells of (nearly) zero mass. Returns false if the factorisation breaks down.
fn newton_solve(h: &mut [f64], r: &mut [f64]) -> bool {
    let n = r.len();
    let mean_diag = (0..n).map(|j| h[j * n + j]).sum::<f64>() / n as f64;
    if !(mean_diag > 0.0) {
        return false;
    }
    let mu = mean_diag / n as f64;
    for v in h.iter_mut() {
        *v += mu;
    }
    for j in 0..n {
        h[j * n + j] += 1e-12 * mean_diag;
    }
    // Cholesky, lower triangle, row-major.
    for j in 0..n {
        let mut d = h[j * n + j];
        for k in 0..j {
            d -= h[j * n + k] * h[j * n + k];
        }
        if !(d > 0.0) {
            return false;
        }
        let d = d.sqrt();
        h[j * n + j] = d;
        for i in j + 1..n {
            let mut v = h[i * n + j];
            for k in 0..j {
                v -= h[i * n + k] * h[j * n + k];
            }
            h[i * n + j] = v / d;
        }
    }
    for i in 0..n {
        let mut v = r[i];
        for k in 0..i {
            v -= h[i * n + k] * r[k];
        }
        r[i] = v / h[i * n + i];
    }
    for i in (0..n).rev() {
        let mut v = r[i];
        for k in i + 1..n {
            v -= h[k * n + i] * r[k];
        }
        r[i] = v / h[i * n + i];
    }
    true
}

/// Level 2: solves semi-discrete OT from the samples `points` (N×d) with weights
/// `point_weights` (N, or `1/N` each when `None`) to the sites `sites` (n×d) with weights
/// `b` (n, same total mass within 1e-6). `g` (n) holds the initial dual weights on entry and
/// the solution on return; `masses` (n) receives the hard Laguerre cell masses at that g.
/// Coincident sites that both have positive weight are refused (`InvalidArgument`).
/// Allocation-free on [`semidiscrete_scratch`]. Per iteration: gradient `O(N n d)`
/// (threaded); Newton `O(N n d)` (threaded over fixed point chunks) plus `O(n³)` for the
/// Newton system. Bitwise identical results for every `par`. Reports the stopping measure
/// (the mass error, smoothed for Newton) at each convergence check to
/// [`crate::progress::check`]; a stop returns the current iterate with `cancelled` set.
#[allow(clippy::too_many_arguments)]
pub fn semidiscrete_in_place<T: LaguerreReal>(
    points: MatRef<'_, T>,
    point_weights: Option<&[T]>,
    sites: MatRef<'_, T>,
    b: &[T],
    g: &mut [T],
    masses: &mut [f64],
    params: &SemiDiscreteParams,
    par: Par,
    stack: &mut MemStack,
) -> Result<SemiDiscreteInfo> {
    check_problem(points, sites, g)?;
    let (big_n, n, d) = (points.nrows(), sites.nrows(), sites.ncols());
    if b.len() != n || masses.len() != n {
        bail!(
            InvalidDimension,
            "b has length {}, masses {}, sites {n} rows",
            b.len(),
            masses.len()
        );
    }
    crate::error::check_weights("b", b)?;
    match point_weights {
        Some(w) => {
            if w.len() != big_n {
                bail!(
                    InvalidDimension,
                    "point_weights has length {}, points {big_n}",
                    w.len()
                );
            }
            crate::error::check_mass_balance(w, b, 1e-6)?;
        }
        None => {
            crate::error::check_mass_balance(&[T::ONE], b, 1e-6)?;
        }
    }
    if !(params.tol > 0.0)
        || !(params.step >= 0.0)
        || !(params.epsilon >= 0.0)
        || params.max_iter == 0
    {
        bail!(
            InvalidArgument,
            "tol = {:e}, step = {:e}, epsilon = {:e}, max_iter = {}: need tol > 0, step >= 0, epsilon >= 0, max_iter >= 1",
            params.tol,
            params.step,
            params.epsilon,
            params.max_iter
        );
    }
    check_stack(stack, semidiscrete_scratch::<T>(big_n, n, d, params))?;
    let (mut cells, stack) = take(stack, big_n, 0u32);
    let (mut order, stack) = take(stack, n, 0u32);
    check_distinct_sites(sites, b, &mut order)?;
    let (mut gt, stack) = take(stack, n, T::ZERO);
    let (mut buf, stack) = take(stack, 6 * n, 0.0f64);
    let newton = params.method == SemiDiscreteMethod::Newton;
    let chunks = if newton { soft_chunks(big_n, n) } else { 0 };
    let (mut sig, stack) = take(stack, chunks * n, 0u32);
    let (mut hess, stack) = take(stack, if newton { n * n } else { 0 }, 0.0f64);
    let (mut parts, stack) = take(stack, chunks * soft_part_len(n, true), 0.0f64);
    let (gw, rest) = buf.split_at_mut(n);
    let (bw, rest) = rest.split_at_mut(n);
    let (m, rest) = rest.split_at_mut(n);
    let (r, rest) = rest.split_at_mut(n);
    let (gtrial, mtrial) = rest.split_at_mut(n);
    for j in 0..n {
        gw[j] = g[j].to_f64();
        bw[j] = b[j].to_f64();
    }
    let (vol, diag2) = sample_scales(points, point_weights);
    let mut hard = |gw: &[f64], m: &mut [f64], gt: &mut [T], cells: &mut [u32]| -> Result<f64> {
        for (t, &v) in gt.iter_mut().zip(gw) {
            *t = T::from_f64(v);
        }
        laguerre_assign_in_place(points, point_weights, sites, gt, cells, None, par, stack)?;
        cell_masses(cells, point_weights, m);
        Ok(max_error(m, bw))
    };
    let mut info = SemiDiscreteInfo {
        iterations: 0,
        mass_error: f64::INFINITY,
        smoothed_mass_error: f64::INFINITY,
        epsilon: 0.0,
        step: 0.0,
        converged: false,
        cancelled: false,
    };
    match params.method {
        SemiDiscreteMethod::Gradient => {
            let step = if params.step > 0.0 {
                params.step
            } else {
                let h2 = (vol / n as f64).powf(2.0 / d as f64);
                n as f64 * h2 / (2.0 * d as f64)
            };
            info.step = step;
            // The semi-dual of a sample set is piecewise linear: a fixed step ends up cycling
            // between cells. The step shrinks by 0.7 whenever the mass error grows and
            // recovers by 1.05 (up to its initial value) while it falls.
            let (mut cur, mut prev_err) = (step, f64::INFINITY);
            loop {
                let err = hard(gw, m, &mut gt, &mut cells)?;
                info.mass_error = err;
                info.smoothed_mass_error = err;
                if err <= params.tol {
                    info.converged = true;
                    break;
                }
                if let Flow::Stop = progress::check(info.iterations as u64, err) {
                    info.cancelled = true;
                    break;
                }
                if info.iterations == params.max_iter {
                    break;
                }
                cur = if err > prev_err {
                    0.7 * cur
                } else {
                    (1.05 * cur).min(step)
                };
                prev_err = err;
                for j in 0..n {
                    gw[j] += cur * (bw[j] - m[j]);
                }
                info.iterations += 1;
            }
        }
        SemiDiscreteMethod::Newton => {
            let target = if params.epsilon > 0.0 {
                params.epsilon
            } else {
                1e-4 * diag2
            };
            info.epsilon = target;
            let mut eps = target.max(0.1 * diag2);
            'stages: loop {
                let last = eps <= target;
                let mut f = soft_pass(
                    points,
                    point_weights,
                    sites,
                    bw,
                    gw,
                    eps,
                    m,
                    Some(&mut hess),
                    &mut parts,
                    &mut sig,
                    par,
                );
                loop {
                    let err = max_error(m, bw);
                    info.smoothed_mass_error = err;
                    // Intermediate stages only need a rough solution.
                    let stage_tol = if last {
                        params.tol
                    } else {
                        params.tol.max(1e-3 / n as f64)
                    };
                    if err <= stage_tol {
                        if last {
                            info.converged = true;
                            break 'stages;
                        }
                        break;
                    }
                    if let Flow::Stop = progress::check(info.iterations as u64, err) {
                        info.cancelled = true;
                        break 'stages;
                    }
                    if info.iterations == params.max_iter {
                        break 'stages;
                    }
                    info.iterations += 1;
                    for j in 0..n {
                        r[j] = bw[j] - m[j];
                    }
                    if !newton_solve(&mut hess, r) {
                        // Fall back to a gradient direction.
                        for j in 0..n {
                            r[j] = bw[j] - m[j];
                        }
                    }
                    let slope: f64 = r
                        .iter()
                        .zip(m.iter().zip(bw.iter()))
                        .map(|(d, (m, b))| d * (b - m))
                        .sum();
                    let mut tau = 1.0;
                    loop {
                        for j in 0..n {
                            gtrial[j] = gw[j] + tau * r[j];
                        }
                        let ft = soft_pass(
                            points,
                            point_weights,
                            sites,
                            bw,
                            gtrial,
                            eps,
                            mtrial,
                            None,
                            &mut parts,
                            &mut sig,
                            par,
                        );
                        if ft >= f + 1e-4 * tau * slope || tau < 1e-10 {
                            break;
                        }
                        tau *= 0.5;
                    }
                    gw.copy_from_slice(gtrial);
                    f = soft_pass(
                        points,
                        point_weights,
                        sites,
                        bw,
                        gw,
                        eps,
                        m,
                        Some(&mut hess),
                        &mut parts,
                        &mut sig,
                        par,
                    );
                }
                eps = (eps * 0.1).max(target);
            }
            info.mass_error = hard(gw, m, &mut gt, &mut cells)?;
        }
    }
    // Shift g to zero mean (the dual is invariant under constant shifts).
    let mean = gw.iter().sum::<f64>() / n as f64;
    for j in 0..n {
        g[j] = T::from_f64(gw[j] - mean);
    }
    masses.copy_from_slice(m);
    Ok(info)
}

/// What [`semidiscrete`] returns.
#[derive(Clone, Debug)]
pub struct SemiDiscreteSolution<T> {
    /// Dual weights g (n), zero mean.
    pub g: Vec<T>,
    /// Hard Laguerre cell masses at g (n).
    pub masses: Vec<f64>,
    /// Iterations, errors, convergence.
    pub info: SemiDiscreteInfo,
}

/// Level 3 of [`semidiscrete_in_place`], starting from g = 0, with `num_threads` threads.
pub fn semidiscrete<T: LaguerreReal>(
    points: MatRef<'_, T>,
    point_weights: Option<&[T]>,
    sites: MatRef<'_, T>,
    b: &[T],
    params: &SemiDiscreteParams,
    num_threads: usize,
) -> Result<SemiDiscreteSolution<T>> {
    let n = sites.nrows();
    let mut g = vec![T::ZERO; n];
    let mut masses = vec![0.0; n];
    let req = semidiscrete_scratch::<T>(points.nrows(), n, sites.ncols(), params);
    let info = with_stack(req, |stack| {
        crate::par::with_threads(num_threads, |par| {
            semidiscrete_in_place(
                points,
                point_weights,
                sites,
                b,
                &mut g,
                &mut masses,
                params,
                par,
                stack,
            )
        })
    })???;
    Ok(SemiDiscreteSolution { g, masses, info })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semidiscrete::test_data::{two_gaussian_grid, uniform_points, Rng};
    use faer::Mat;

    /// Uniform density on [0, 1] (midpoints of a fine grid), sites in 1-D: the cells are
    /// intervals with boundaries at the cumulative weights, and `g_j − g_{j+1} =
    /// (t − y_j)² − (t − y_{j+1})²` at each boundary t.
    fn one_d_closed_form(method: SemiDiscreteMethod, tol_g: f64) {
        let big_n = 4000;
        let x = Mat::from_fn(big_n, 1, |i, _| (i as f64 + 0.5) / big_n as f64);
        let y = faer::mat![[0.1], [0.25], [0.5], [0.6], [0.9]];
        let b = [0.1, 0.3, 0.15, 0.25, 0.2];
        let params = SemiDiscreteParams {
            method,
            max_iter: 20_000,
            tol: if method == SemiDiscreteMethod::Newton {
                1e-9
            } else {
                1.0 / big_n as f64
            },
            ..Default::default()
        };
        let sol = semidiscrete(x.as_ref(), None, y.as_ref(), &b, &params, 1).unwrap();
        assert!(sol.info.converged, "{:?}", sol.info);
        let mut expect = vec![0.0; 5];
        let mut t = 0.0;
        for j in 0..4 {
            t += b[j];
            let (y0, y1) = (y[(j, 0)], y[(j + 1, 0)]);
            expect[j + 1] = expect[j] - ((t - y0).powi(2) - (t - y1).powi(2));
        }
        let mean = expect.iter().sum::<f64>() / 5.0;
        for j in 0..5 {
            let e = expect[j] - mean;
            assert!(
                (sol.g[j] - e).abs() < tol_g,
                "{method:?}: g = {:?}, expected {expect:?} - {mean}",
                sol.g
            );
            assert!(
                (sol.masses[j] - b[j]).abs() <= 2.0 / big_n as f64,
                "{:?}",
                sol.masses
            );
        }
    }

    #[test]
    fn one_d_newton_matches_the_closed_form() {
        one_d_closed_form(SemiDiscreteMethod::Newton, 2e-3);
    }

    #[test]
    fn one_d_gradient_matches_the_closed_form() {
        one_d_closed_form(SemiDiscreteMethod::Gradient, 2e-3);
    }

    #[test]
    fn two_cells_split_the_square_at_the_right_line() {
        // Uniform square, sites (0.25, 0.5) and (0.75, 0.5) with weights 0.3, 0.7: the boundary
        // is the vertical line u = 0.3, so g0 − g1 = (0.3 − 0.25)² − (0.3 − 0.75)² = −0.2.
        let side = 200;
        let x = Mat::from_fn(side * side, 2, |i, k| {
            ((if k == 0 { i % side } else { i / side }) as f64 + 0.5) / side as f64
        });
        let y = faer::mat![[0.25, 0.5], [0.75, 0.5]];
        for method in [SemiDiscreteMethod::Newton, SemiDiscreteMethod::Gradient] {
            let params = SemiDiscreteParams {
                method,
                tol: 1e-3,
                max_iter: 5000,
                ..Default::default()
            };
            let sol = semidiscrete(x.as_ref(), None, y.as_ref(), &[0.3, 0.7], &params, 2).unwrap();
            assert!(sol.info.converged, "{method:?} {:?}", sol.info);
            assert!(
                (sol.g[0] - sol.g[1] + 0.2).abs() < 5e-3,
                "{method:?} {:?}",
                sol.g
            );
        }
    }

    fn grid_problem() -> (Mat<f64>, Vec<f64>, Mat<f64>, Vec<f64>) {
        let (x, a) = two_gaussian_grid(100);
        let mut rng = Rng::new(11);
        let y = uniform_points::<f64>(&mut rng, 30, 2);
        let mut b: Vec<f64> = (0..30).map(|_| 0.5 + rng.uniform()).collect();
        let s: f64 = b.iter().sum();
        b.iter_mut().for_each(|v| *v /= s);
        (x, a, y, b)
    }

    #[test]
    fn newton_cell_masses_converge_on_a_grid_density() {
        let (x, a, y, b) = grid_problem();
        let params = SemiDiscreteParams {
            tol: 1e-9,
            ..Default::default()
        };
        let sol = semidiscrete(x.as_ref(), Some(&a), y.as_ref(), &b, &params, 2).unwrap();
        assert!(sol.info.converged, "{:?}", sol.info);
        assert!(sol.info.smoothed_mass_error <= 1e-9);
        // The hard cells differ from the soft ones only by the grid points near the facets.
        assert!(sol.info.mass_error < 0.05 / 30.0, "{:?}", sol.info);
        let total: f64 = sol.masses.iter().sum();
        assert!((total - 1.0).abs() < 1e-12);
    }

    #[test]
    fn newton_is_bitwise_identical_for_every_thread_count() {
        let (x, a, y, b) = grid_problem();
        assert!(soft_chunks(x.nrows(), y.nrows()) > 2, "several chunks");
        let params = SemiDiscreteParams {
            tol: 1e-9,
            ..Default::default()
        };
        let runs: Vec<_> = [1, 2, 3]
            .iter()
            .map(|&t| semidiscrete(x.as_ref(), Some(&a), y.as_ref(), &b, &params, t).unwrap())
            .collect();
        assert!(runs[0].info.converged, "{:?}", runs[0].info);
        for r in &runs[1..] {
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&r.g), bits(&runs[0].g));
            assert_eq!(bits(&r.masses), bits(&runs[0].masses));
            assert_eq!(r.info, runs[0].info);
        }
    }

    #[test]
    fn soft_chunks_depend_on_the_sizes_only() {
        assert_eq!(soft_chunks(1, 5), 1);
        assert_eq!(soft_chunks(10_000, 30), 10);
        assert_eq!(soft_chunks(1_000_000, 30), SOFT_MAX_CHUNKS);
        assert_eq!(soft_chunks(1_000_000, 1000), 2);
        assert_eq!(soft_chunks(1_000_000, 5000), 1);
    }

    #[test]
    fn gradient_cell_masses_converge_on_a_grid_density() {
        let (x, a, y, b) = grid_problem();
        let params = SemiDiscreteParams {
            method: SemiDiscreteMethod::Gradient,
            tol: 0.1 / 30.0,
            max_iter: 2000,
            ..Default::default()
        };
        let sol = semidiscrete(x.as_ref(), Some(&a), y.as_ref(), &b, &params, 2).unwrap();
        assert!(sol.info.converged, "{:?}", sol.info);
        assert!(sol.info.mass_error <= 0.1 / 30.0);
    }

    /// Issue 18.4: coincident sites. Four sites at one point with weight 1/4 each (the smoothed
    /// masses split the cell evenly while the hard cell goes whole to one site) are refused,
    /// naming the sites, with g and the masses untouched. A coincident site of weight 0 is
    /// fine: the square splits at u = 0.3 as for two sites (closed form g0 − g1 = −0.2).
    #[test]
    fn coincident_sites_with_mass_are_refused_and_zero_weight_twins_are_solved() {
        let side = 100;
        let x = Mat::from_fn(side * side, 2, |i, k| {
            ((if k == 0 { i % side } else { i / side }) as f64 + 0.5) / side as f64
        });
        let same = faer::mat![[0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5]];
        let twins = faer::mat![[0.75, 0.5], [0.25, 0.5], [0.75, 0.5]];
        for method in [SemiDiscreteMethod::Newton, SemiDiscreteMethod::Gradient] {
            let params = SemiDiscreteParams {
                method,
                tol: 1e-3,
                max_iter: 5000,
                ..Default::default()
            };
            let mut g = [7.0; 4];
            let mut masses = [9.0; 4];
            let req = semidiscrete_scratch::<f64>(x.nrows(), 4, 2, &params);
            let e = with_stack(req, |st| {
                semidiscrete_in_place(
                    x.as_ref(),
                    None,
                    same.as_ref(),
                    &[0.25; 4],
                    &mut g,
                    &mut masses,
                    &params,
                    Par::Seq,
                    st,
                )
            })
            .unwrap()
            .unwrap_err();
            assert_eq!(e.kind, crate::ErrorKind::InvalidArgument);
            assert!(
                e.message.contains("sites 0 and 1 coincide"),
                "{}",
                e.message
            );
            assert_eq!((g, masses), ([7.0; 4], [9.0; 4]));
            let solve = |b: &[f64]| semidiscrete(x.as_ref(), None, twins.as_ref(), b, &params, 1);
            let e = solve(&[0.35, 0.3, 0.35]).unwrap_err();
            assert!(
                e.message.contains("sites 0 and 2 coincide"),
                "{}",
                e.message
            );
            let sol = solve(&[0.7, 0.3, 0.0]).unwrap();
            assert!(
                sol.info.converged && sol.info.mass_error <= 1e-3,
                "{:?}",
                sol.info
            );
            assert!(
                (sol.g[1] - sol.g[0] + 0.2).abs() < 1e-2,
                "{method:?} {:?}",
                sol.g
            );
            assert!(sol.masses[2] == 0.0 && (sol.masses[0] - 0.7).abs() <= 1e-3);
        }
    }
}
