//! Averaged stochastic gradient ascent on the semi-dual (Genevay, Cuturi, Peyré, Bach 2016)
//! from streamed samples of the continuous source, for the squared Euclidean cost.
//!
//! Each iteration draws a batch of B samples `x_1..x_B`, assigns them to their Laguerre cells
//! at the current g (the SIMD kernel), and steps `g ← g + γ_k (b − h)` where `h_j` is the
//! fraction of the batch in cell j (an unbiased supergradient of the hard semi-dual), with
//! `γ_k = γ_0 / √k`. The returned weights are the running average `ḡ_k` of the iterates, which
//! is what converges at rate `O(1/√k)`.

use super::assign::{laguerre_assign_in_place, laguerre_assign_scratch};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatRef, MemStack, Par, Result, StackReq};

/// Parameters of [`semidiscrete_sgd`].
#[derive(Clone, Copy, Debug)]
pub struct SgdParams {
    /// Number of iterations (batches).
    pub iterations: usize,
    /// Samples per batch.
    pub batch: usize,
    /// Initial step γ₀ (squared distance per unit mass); 0 = from the first batch, as
    /// [`SemiDiscreteParams::step`](super::SemiDiscreteParams::step).
    pub step: f64,
}

impl Default for SgdParams {
    fn default() -> Self {
        SgdParams {
            iterations: 10_000,
            batch: 64,
            step: 0.0,
        }
    }
}

/// What [`semidiscrete_sgd_in_place`] reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SgdInfo {
    /// Iterations made.
    pub iterations: usize,
    /// The initial step γ₀ used.
    pub step: f64,
}

/// Workspace of [`semidiscrete_sgd_in_place`]: the batch (`batch · dim` f64), its cells, the
/// current iterate and the Laguerre kernel's workspace.
pub fn semidiscrete_sgd_scratch(n_sites: usize, dim: usize, batch: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(batch.saturating_mul(dim)),
        vec_req::<u32>(batch),
        vec_req::<f64>(n_sites.saturating_mul(2)),
        laguerre_assign_scratch::<f64>(n_sites, dim),
    ])
}

/// Level 2: averaged SGD. `sample(out)` fills `out` (batch × d, row-major) with independent
/// samples of the source (an error it returns stops the solver). `sites` (n×d), `b` (n, sums
/// to 1); `g` (n) receives the averaged dual weights, shifted to zero mean. Per iteration
/// `O(B n d)`; allocation-free on [`semidiscrete_sgd_scratch`].
#[allow(clippy::neg_cmp_op_on_partial_ord)] // `!(x >= 0.0)` also rejects NaN
pub fn semidiscrete_sgd_in_place(
    sample: &mut (dyn FnMut(&mut [f64]) -> Result<()> + Send),
    sites: MatRef<'_, f64>,
    b: &[f64],
    g: &mut [f64],
    params: &SgdParams,
    par: Par,
    stack: &mut MemStack,
) -> Result<SgdInfo> {
    let (n, d) = (sites.nrows(), sites.ncols());
    if n == 0 || d == 0 || b.len() != n || g.len() != n {
        bail!(
            InvalidDimension,
            "sites {n}x{d}, b {}, g {}: need n, d >= 1 and b, g of length n",
            b.len(),
            g.len()
        );
    }
    if params.batch == 0 || params.iterations == 0 || !(params.step >= 0.0) {
        bail!(
            InvalidArgument,
            "batch = {}, iterations = {}, step = {:e}: need batch, iterations >= 1 and step >= 0",
            params.batch,
            params.iterations,
            params.step
        );
    }
    crate::error::check_weights("b", b)?;
    crate::error::check_mass_balance(&[1.0], b, 1e-6)?;
    let batch = params.batch;
    check_stack(stack, semidiscrete_sgd_scratch(n, d, batch))?;
    let (mut xs, stack) = take(stack, batch * d, 0.0f64);
    let (mut cells, stack) = take(stack, batch, 0u32);
    let (mut buf, stack) = take(stack, 2 * n, 0.0f64);
    let (cur, avg) = buf.split_at_mut(n);
    let mut step = params.step;
    for k in 1..=params.iterations {
        sample(&mut xs)?;
        let x = MatRef::from_row_major_slice(&xs, batch, d);
        if k == 1 && step == 0.0 {
            let (vol, _) = super::solve::sample_scales(x, None);
            let h2 = (vol / n as f64).powf(2.0 / d as f64);
            step = n as f64 * h2 / (2.0 * d as f64);
        }
        laguerre_assign_in_place(x, None, sites, cur, &mut cells, None, par, stack)?;
        let gamma = step / (k as f64).sqrt();
        for (j, c) in cur.iter_mut().enumerate() {
            *c += gamma * b[j];
        }
        let unit = gamma / batch as f64;
        for &c in cells.iter() {
            cur[c as usize] -= unit;
        }
        let w = 1.0 / k as f64;
        for (a, &c) in avg.iter_mut().zip(cur.iter()) {
            *a += w * (c - *a);
        }
    }
    let mean = avg.iter().sum::<f64>() / n as f64;
    for (o, &a) in g.iter_mut().zip(avg.iter()) {
        *o = a - mean;
    }
    Ok(SgdInfo {
        iterations: params.iterations,
        step,
    })
}

/// Level 3 of [`semidiscrete_sgd_in_place`] with `num_threads` threads.
pub fn semidiscrete_sgd(
    sample: &mut (dyn FnMut(&mut [f64]) -> Result<()> + Send),
    sites: MatRef<'_, f64>,
    b: &[f64],
    params: &SgdParams,
    num_threads: usize,
) -> Result<(Vec<f64>, SgdInfo)> {
    let mut g = vec![0.0; sites.nrows()];
    let req = semidiscrete_sgd_scratch(sites.nrows(), sites.ncols(), params.batch);
    let info = with_stack(req, |stack| {
        crate::par::with_threads(num_threads, |par| {
            semidiscrete_sgd_in_place(sample, sites, b, &mut g, params, par, stack)
        })
    })???;
    Ok((g, info))
}

/// Level 3 from a weighted sample array: each batch draws rows of `points` (N×d) with
/// probabilities `point_weights` (or uniformly), from a SplitMix64 stream seeded by `seed`.
pub fn semidiscrete_sgd_from_samples(
    points: MatRef<'_, f64>,
    point_weights: Option<&[f64]>,
    sites: MatRef<'_, f64>,
    b: &[f64],
    params: &SgdParams,
    seed: u64,
    num_threads: usize,
) -> Result<(Vec<f64>, SgdInfo)> {
    let (big_n, d) = (points.nrows(), points.ncols());
    if big_n == 0 || d != sites.ncols() {
        bail!(
            InvalidDimension,
            "points {big_n}x{d}, sites with {} coordinates",
            sites.ncols()
        );
    }
    let cumulative: Option<Vec<f64>> = match point_weights {
        Some(w) => {
            super::assign::check_point_weights(Some(w), big_n)?;
            let mut acc = 0.0;
            Some(
                w.iter()
                    .map(|v| {
                        acc += v;
                        acc
                    })
                    .collect(),
            )
        }
        None => None,
    };
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut sample = |out: &mut [f64]| -> Result<()> {
        for row in out.chunks_exact_mut(d) {
            let u = next();
            let i = match &cumulative {
                Some(c) => {
                    let total = c[big_n - 1];
                    c.partition_point(|&v| v <= u * total).min(big_n - 1)
                }
                None => ((u * big_n as f64) as usize).min(big_n - 1),
            };
            for (k, o) in row.iter_mut().enumerate() {
                *o = *points.get(i, k);
            }
        }
        Ok(())
    };
    semidiscrete_sgd(&mut sample, sites, b, params, num_threads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semidiscrete::test_data::{uniform_points, Rng};
    use crate::semidiscrete::{laguerre_assign, semidiscrete, SemiDiscreteParams};
    use faer::Mat;

    #[test]
    fn sgd_is_close_to_the_full_batch_solution() {
        let side = 100;
        let grid = Mat::from_fn(side * side, 2, |i, k| {
            ((if k == 0 { i % side } else { i / side }) as f64 + 0.5) / side as f64
        });
        let mut rng = Rng::new(5);
        let y = uniform_points::<f64>(&mut rng, 10, 2);
        let mut b: Vec<f64> = (0..10).map(|_| 0.5 + rng.uniform()).collect();
        let s: f64 = b.iter().sum();
        b.iter_mut().for_each(|v| *v /= s);
        let full = semidiscrete(
            grid.as_ref(),
            None,
            y.as_ref(),
            &b,
            &SemiDiscreteParams::default(),
            1,
        )
        .unwrap();
        assert!(full.info.converged);
        // The continuous uniform source, streamed.
        let mut sample = |out: &mut [f64]| -> Result<()> {
            out.iter_mut().for_each(|v| *v = rng.uniform());
            Ok(())
        };
        let params = SgdParams {
            iterations: 20_000,
            batch: 32,
            step: 0.0,
        };
        let (g, _) = semidiscrete_sgd(&mut sample, y.as_ref(), &b, &params, 1).unwrap();
        let range = full.g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let gap = g
            .iter()
            .zip(&full.g)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        let (_, masses) = laguerre_assign(grid.as_ref(), None, y.as_ref(), &g, 1).unwrap();
        let mass_gap = masses
            .iter()
            .zip(&b)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs() / b));
        assert!(gap < 0.02 * range, "g gap {gap:e} of range {range:e}");
        assert!(mass_gap < 0.03, "relative mass gap {mass_gap:e}");
        // The same from the grid as a sample array.
        let (g2, _) =
            semidiscrete_sgd_from_samples(grid.as_ref(), None, y.as_ref(), &b, &params, 9, 2)
                .unwrap();
        let gap2 = g2
            .iter()
            .zip(&full.g)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        assert!(gap2 < 0.02 * range, "g gap {gap2:e} of range {range:e}");
    }
}
