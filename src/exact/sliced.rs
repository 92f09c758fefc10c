//! Sliced Wasserstein between weighted point clouds in R^d: the mean over directions θ of the
//! exact 1-D W_p^p between the projections ⟨x_i, θ⟩ and ⟨y_j, θ⟩ (see [`super::one_d`]).
//! Directions are k random unit vectors drawn from a seed (direction l depends only on the
//! seed and l) or supplied by the caller. Multithreaded over directions; each direction's
//! value is computed the same way whatever the thread count and the mean is summed in
//! direction order, so the result is bitwise identical for every thread count.
//!
//! Levels: [`sliced_scratch`], [`sliced_wasserstein_in_place`], [`sliced_wasserstein`].

use super::one_d::{check_p, monotone_merge, sort_order};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, par, MatRef, MemStack, Par, Result, StackReq};

/// Where the projection directions come from.
#[derive(Clone, Copy, Debug)]
pub enum Directions<'a> {
    /// `k` uniformly random unit vectors from `seed`.
    Random {
        /// Number of directions (≥ 1).
        k: usize,
        /// Seed of the generator.
        seed: u64,
    },
    /// The rows of a k × d matrix, used as given (pass unit vectors for the usual definition).
    Given(MatRef<'a, f64>),
}

impl Directions<'_> {
    fn count(&self) -> usize {
        match self {
            Directions::Random { k, .. } => *k,
            Directions::Given(m) => m.nrows(),
        }
    }
}

/// SplitMix64: a small, well-mixed generator for the random directions.
struct SplitMix(u64);
impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    /// Uniform in (0, 1].
    fn uniform(&mut self) -> f64 {
        ((self.next() >> 11) + 1) as f64 / (1u64 << 53) as f64
    }
}

/// Random direction `l` of `seed` (Gaussian by Box–Muller, normalised) into `dir`.
fn random_direction(seed: u64, l: usize, dir: &mut [f64]) {
    let mut rng = SplitMix(seed ^ (l as u64).wrapping_add(1).wrapping_mul(0xD1B54A32D192ED03));
    loop {
        let mut k = 0;
        while k < dir.len() {
            let (u, v) = (rng.uniform(), rng.uniform());
            let r = (-2.0 * u.ln()).sqrt();
            let t = std::f64::consts::TAU * v;
            dir[k] = r * t.cos();
            if k + 1 < dir.len() {
                dir[k + 1] = r * t.sin();
            }
            k += 2;
        }
        let norm = dir.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 1e-300 {
            dir.iter_mut().for_each(|x| *x /= norm);
            return;
        }
    }
}

/// Number of worker groups (each with its own scratch) for `k` directions under `par`.
fn groups(k: usize, par: Par) -> usize {
    par::degree(par).min(k).max(1)
}

/// Workspace of [`sliced_wasserstein_in_place`]: per worker group, projections and sort
/// indices (n + m each) and one direction (d); plus one value per direction.
pub fn sliced_scratch(n: usize, m: usize, d: usize, k: usize, par: Par) -> StackReq {
    let g = groups(k, par);
    let nm = n.saturating_add(m).saturating_mul(g);
    StackReq::all_of(&[
        vec_req::<f64>(nm),
        vec_req::<usize>(nm),
        vec_req::<f64>(d.saturating_mul(g)),
        vec_req::<f64>(k),
    ])
}

/// SW_p^p between `x` (n × d, weights `a`) and `y` (m × d, weights `b`): the mean over the
/// directions of the exact 1-D W_p^p of the projections. Allocation-free with `Par::Seq`;
/// O(k (n + m)(d + log(n + m))).
#[allow(clippy::too_many_arguments)]
pub fn sliced_wasserstein_in_place(
    x: MatRef<'_, f64>,
    a: &[f64],
    y: MatRef<'_, f64>,
    b: &[f64],
    dirs: Directions<'_>,
    p: f64,
    mass_tolerance: f64,
    par: Par,
    stack: &mut MemStack,
) -> Result<f64> {
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    if n == 0 || m == 0 || d == 0 || y.ncols() != d || a.len() != n || b.len() != m {
        bail!(
            InvalidDimension,
            "x is {n}x{d} with {} weights, y is {m}x{} with {} weights",
            a.len(),
            y.ncols(),
            b.len()
        );
    }
    let k = dirs.count();
    if k == 0 {
        bail!(InvalidDimension, "no direction given: k must be >= 1");
    }
    if let Directions::Given(t) = dirs {
        if t.ncols() != d {
            bail!(
                InvalidDimension,
                "directions have {} columns, points {d}",
                t.ncols()
            );
        }
        crate::error::check_finite(
            "directions",
            (0..k).flat_map(|l| (0..d).map(move |c| t[(l, c)])),
        )?;
    }
    check_p(p)?;
    crate::error::check_finite("x", (0..n).flat_map(|i| (0..d).map(move |c| x[(i, c)])))?;
    crate::error::check_finite("y", (0..m).flat_map(|j| (0..d).map(move |c| y[(j, c)])))?;
    crate::error::check_weights("a", a)?;
    crate::error::check_weights("b", b)?;
    let (sa, sb) = crate::error::check_mass_balance(a, b, mass_tolerance)?;
    check_stack(stack, sliced_scratch(n, m, d, k, par))?;
    let g = groups(k, par);
    let (mut proj, stack) = take(stack, (n + m) * g, 0.0f64);
    let (mut idx, stack) = take(stack, (n + m) * g, 0usize);
    let (mut dir, stack) = take(stack, d * g, 0.0f64);
    let (mut vals, _) = take(stack, k, 0.0f64);

    // Group `gi` handles directions [gi·k/g, (gi+1)·k/g).
    let run =
        |gi: usize, proj: &mut [f64], idx: &mut [usize], dir: &mut [f64], vals: &mut [f64]| {
            let (px, py) = proj.split_at_mut(n);
            let (ix, iy) = idx.split_at_mut(n);
            let l0 = gi * k / g;
            for (off, v) in vals.iter_mut().enumerate() {
                let l = l0 + off;
                match dirs {
                    Directions::Random { seed, .. } => random_direction(seed, l, dir),
                    Directions::Given(t) => {
                        dir.iter_mut().enumerate().for_each(|(c, v)| *v = t[(l, c)])
                    }
                }
                for (i, v) in px.iter_mut().enumerate() {
                    *v = (0..d).map(|c| x[(i, c)] * dir[c]).sum();
                }
                for (j, v) in py.iter_mut().enumerate() {
                    *v = (0..d).map(|c| y[(j, c)] * dir[c]).sum();
                }
                sort_order(|i| px[i], ix);
                sort_order(|j| py[j], iy);
                *v = monotone_merge(
                    |i| px[i],
                    |i| a[i],
                    ix,
                    |j| py[j],
                    |j| b[j],
                    iy,
                    sa / sb,
                    p,
                    |_, _, _| {},
                );
            }
        };
    // Split the per-direction values along the group boundaries.
    match par {
        Par::Seq => {
            for gi in 0..g {
                let (l0, l1) = (gi * k / g, (gi + 1) * k / g);
                run(
                    gi,
                    &mut proj[(n + m) * gi..(n + m) * (gi + 1)],
                    &mut idx[(n + m) * gi..(n + m) * (gi + 1)],
                    &mut dir[d * gi..d * (gi + 1)],
                    &mut vals[l0..l1],
                );
            }
        }
        Par::Rayon(_) => {
            use rayon::prelude::*;
            let mut val_parts: Vec<&mut [f64]> = Vec::with_capacity(g);
            let mut rest: &mut [f64] = &mut vals;
            for gi in 0..g {
                let len = (gi + 1) * k / g - gi * k / g;
                let (head, tail) = rest.split_at_mut(len);
                val_parts.push(head);
                rest = tail;
            }
            proj.par_chunks_mut(n + m)
                .zip(idx.par_chunks_mut(n + m))
                .zip(dir.par_chunks_mut(d))
                .zip(val_parts.into_par_iter())
                .enumerate()
                .for_each(|(gi, (((pr, ix), di), v))| run(gi, pr, ix, di, v));
        }
    }
    Ok(vals.iter().sum::<f64>() / k as f64)
}

/// SW_p^p between two weighted clouds on `num_threads` threads (0 = default); allocates.
#[allow(clippy::too_many_arguments)]
pub fn sliced_wasserstein(
    x: MatRef<'_, f64>,
    a: &[f64],
    y: MatRef<'_, f64>,
    b: &[f64],
    dirs: Directions<'_>,
    p: f64,
    num_threads: usize,
) -> Result<f64> {
    par::with_threads(num_threads, |par| {
        let req = sliced_scratch(x.nrows(), y.nrows(), x.ncols(), dirs.count(), par);
        with_stack(req, |stack| {
            sliced_wasserstein_in_place(x, a, y, b, dirs, p, 1e-9, par, stack)
        })?
    })?
}
