//! Averaged stochastic gradient ascent on the semi-dual (Genevay, Cuturi, Peyré, Bach 2016)
//! from streamed samples of the continuous source, for the squared Euclidean cost.
//!
//! Each iteration draws a batch of B samples `x_1..x_B`, assigns them to their Laguerre cells
//! at the current g (the SIMD kernel), and steps `g ← g + γ_k (b − h)` where `h_j` is the
//! fraction of the batch in cell j (an unbiased supergradient of the hard semi-dual), with
//! `γ_k = γ_0 / √k`. The returned weights are the running average `ḡ_k` of the iterates, which
//! is what converges at rate `O(1/√k)`.

use super::assign::{check_point_weights, laguerre_assign_in_place, laguerre_assign_scratch};
use super::LaguerreReal;
use crate::progress::{self, Flow};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatRef, MemStack, Par, Real, Result, StackReq};

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
    /// `max_j |h_j − b_j|` for the last batch's cell fractions h: the sup norm of the last
    /// stochastic supergradient (units of mass; noisy, of order `1/√batch` at the solution).
    pub batch_mass_error: f64,
    /// Whether a [`crate::progress`] observer stopped the iterations (g is then the average
    /// of the iterates so far).
    pub cancelled: bool,
}

/// Workspace of [`semidiscrete_sgd_in_place`] in precision `T`: the batch (`batch · dim`
/// values), its cells, the iterate, its average and the batch's cell fractions (`3n` f64),
/// g in `T` (n) and the Laguerre kernel's workspace.
pub fn semidiscrete_sgd_scratch<T: Real>(n_sites: usize, dim: usize, batch: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<T>(batch.saturating_mul(dim)),
        vec_req::<u32>(batch),
        vec_req::<f64>(n_sites.saturating_mul(3)),
        vec_req::<T>(n_sites),
        laguerre_assign_scratch::<T>(n_sites, dim),
    ])
}

/// A source of samples for [`semidiscrete_sgd_in_place`]: fills its argument (batch × d,
/// row-major) with independent samples; an error it returns stops the solver.
pub type Sampler<'s, T> = dyn FnMut(&mut [T]) -> Result<()> + Send + 's;

/// Level 2: averaged SGD in precision `T` (f32 or f64; the iterates are kept in f64).
/// `sample` streams batches of the source; `sites` (n×d), `b` (n, sums to 1); `g` (n) receives
/// the averaged dual weights, shifted to zero mean (written only on success). Per iteration
/// `O(B n d)`; allocation-free on [`semidiscrete_sgd_scratch`]. Reports each batch's mass
/// error ([`SgdInfo::batch_mass_error`]) to [`crate::progress::check`]; a stop returns the
/// average so far with `cancelled` set.
#[allow(clippy::neg_cmp_op_on_partial_ord)] // `!(x >= 0.0)` also rejects NaN
pub fn semidiscrete_sgd_in_place<T: LaguerreReal>(
    sample: &mut Sampler<'_, T>,
    sites: MatRef<'_, T>,
    b: &[T],
    g: &mut [T],
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
    for k in 0..d {
        crate::error::check_finite("sites", sites.col(k).iter().copied())?;
    }
    crate::error::check_weights("b", b)?;
    crate::error::check_mass_balance(&[T::ONE], b, 1e-6)?;
    let batch = params.batch;
    check_stack(stack, semidiscrete_sgd_scratch::<T>(n, d, batch))?;
    let (mut xs, stack) = take(stack, batch * d, T::ZERO);
    let (mut cells, stack) = take(stack, batch, 0u32);
    let (mut buf, stack) = take(stack, 3 * n, 0.0f64);
    let (mut gt, stack) = take(stack, n, T::ZERO);
    let (cur, rest) = buf.split_at_mut(n);
    let (avg, fraction) = rest.split_at_mut(n);
    let mut step = params.step;
    let (mut batch_mass_error, mut cancelled, mut done) = (f64::INFINITY, false, 0);
    for k in 1..=params.iterations {
        sample(&mut xs)?;
        crate::error::check_finite("sample", xs.iter().copied())?;
        let x = MatRef::from_row_major_slice(&xs, batch, d);
        if k == 1 && step == 0.0 {
            let (vol, _) = super::solve::sample_scales(x, None);
            let h2 = (vol / n as f64).powf(2.0 / d as f64);
            step = n as f64 * h2 / (2.0 * d as f64);
            if !(step.is_finite() && step > 0.0) {
                bail!(
                    Numerical,
                    "the first batch spans a volume of {vol:e}: the automatic step {step:e} is unusable; rescale the samples or set the step"
                );
            }
        }
        for (t, &c) in gt.iter_mut().zip(cur.iter()) {
            *t = T::from_f64(c);
        }
        laguerre_assign_in_place(x, None, sites, &gt, &mut cells, None, par, stack)?;
        let gamma = step / (k as f64).sqrt();
        for (c, bj) in cur.iter_mut().zip(b) {
            *c += gamma * bj.to_f64();
        }
        fraction.fill(0.0);
        let unit = 1.0 / batch as f64;
        for &c in cells.iter() {
            fraction[c as usize] += unit;
        }
        batch_mass_error = 0.0;
        for ((c, &h), bj) in cur.iter_mut().zip(fraction.iter()).zip(b) {
            *c -= gamma * h;
            batch_mass_error = f64::max(batch_mass_error, (h - bj.to_f64()).abs());
        }
        let w = 1.0 / k as f64;
        for (a, &c) in avg.iter_mut().zip(cur.iter()) {
            *a += w * (c - *a);
        }
        done = k;
        if let Flow::Stop = progress::check(k as u64, batch_mass_error) {
            cancelled = true;
            break;
        }
    }
    let mean = avg.iter().sum::<f64>() / n as f64;
    if let Some((j, &a)) = avg
        .iter()
        .enumerate()
        .find(|&(_, &a)| !T::from_f64(a - mean).is_finite())
    {
        bail!(
            Numerical,
            "the dual weight g[{j}] = {:e} overflowed (step {step:e}): rescale the samples or lower the step",
            a - mean
        );
    }
    for (o, &a) in g.iter_mut().zip(avg.iter()) {
        *o = T::from_f64(a - mean);
    }
    Ok(SgdInfo {
        iterations: done,
        step,
        batch_mass_error,
        cancelled,
    })
}

/// Level 3 of [`semidiscrete_sgd_in_place`] with `num_threads` threads.
pub fn semidiscrete_sgd<T: LaguerreReal>(
    sample: &mut Sampler<'_, T>,
    sites: MatRef<'_, T>,
    b: &[T],
    params: &SgdParams,
    num_threads: usize,
) -> Result<(Vec<T>, SgdInfo)> {
    let mut g = vec![T::ZERO; sites.nrows()];
    let req = semidiscrete_sgd_scratch::<T>(sites.nrows(), sites.ncols(), params.batch);
    let info = with_stack(req, |stack| {
        crate::par::with_threads(num_threads, |par| {
            semidiscrete_sgd_in_place(sample, sites, b, &mut g, params, par, stack)
        })
    })???;
    Ok((g, info))
}

/// Workspace of [`semidiscrete_sgd_from_samples_in_place`]: the cumulative point weights
/// (N f64) and [`semidiscrete_sgd_scratch`].
pub fn semidiscrete_sgd_from_samples_scratch<T: Real>(
    n_points: usize,
    n_sites: usize,
    dim: usize,
    batch: usize,
) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(n_points),
        semidiscrete_sgd_scratch::<T>(n_sites, dim, batch),
    ])
}

/// Level 2 from a weighted sample array: each batch draws rows of `points` (N×d, any strides)
/// with probabilities `point_weights` (N, finite, >= 0, positive sum; `None` = uniform), by
/// inverse transform on the cumulative weights (f64) from a SplitMix64 stream seeded by
/// `seed`; then as [`semidiscrete_sgd_in_place`]. The same seed gives the same g for every
/// `par`. Allocation-free on [`semidiscrete_sgd_from_samples_scratch`]; per iteration
/// `O(B (n d + log N))`.
#[allow(clippy::too_many_arguments)]
#[allow(clippy::neg_cmp_op_on_partial_ord)] // `!(total > 0.0)` also rejects NaN
pub fn semidiscrete_sgd_from_samples_in_place<T: LaguerreReal>(
    points: MatRef<'_, T>,
    point_weights: Option<&[T]>,
    sites: MatRef<'_, T>,
    b: &[T],
    g: &mut [T],
    params: &SgdParams,
    seed: u64,
    par: Par,
    stack: &mut MemStack,
) -> Result<SgdInfo> {
    let (big_n, d) = (points.nrows(), points.ncols());
    if big_n == 0 || d != sites.ncols() {
        bail!(
            InvalidDimension,
            "points {big_n}x{d}, sites with {} coordinates: need N >= 1 and the same dimension",
            sites.ncols()
        );
    }
    for k in 0..d {
        crate::error::check_finite("points", points.col(k).iter().copied())?;
    }
    check_point_weights(point_weights, big_n)?;
    check_stack(
        stack,
        semidiscrete_sgd_from_samples_scratch::<T>(big_n, sites.nrows(), d, params.batch),
    )?;
    let (mut cumulative, stack) = take(stack, big_n, 0.0f64);
    let mut acc = 0.0;
    for (c, i) in cumulative.iter_mut().zip(0..big_n) {
        acc += point_weights.map_or(1.0, |w| w[i].to_f64());
        *c = acc;
    }
    let total = acc;
    if !(total > 0.0) {
        bail!(
            InvalidArgument,
            "point_weights sum to {total:e}: need a positive mass"
        );
    }
    let cumulative = &*cumulative;
    let mut state = seed;
    let mut sample = |out: &mut [T]| -> Result<()> {
        for row in out.chunks_exact_mut(d) {
            let u = splitmix64(&mut state);
            let i = cumulative
                .partition_point(|&v| v <= u * total)
                .min(big_n - 1);
            for (k, o) in row.iter_mut().enumerate() {
                *o = *points.get(i, k);
            }
        }
        Ok(())
    };
    semidiscrete_sgd_in_place(&mut sample, sites, b, g, params, par, stack)
}

/// The next uniform in [0, 1) of a SplitMix64 stream.
fn splitmix64(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

/// Level 3 of [`semidiscrete_sgd_from_samples_in_place`] with `num_threads` threads.
pub fn semidiscrete_sgd_from_samples<T: LaguerreReal>(
    points: MatRef<'_, T>,
    point_weights: Option<&[T]>,
    sites: MatRef<'_, T>,
    b: &[T],
    params: &SgdParams,
    seed: u64,
    num_threads: usize,
) -> Result<(Vec<T>, SgdInfo)> {
    let mut g = vec![T::ZERO; sites.nrows()];
    let req = semidiscrete_sgd_from_samples_scratch::<T>(
        points.nrows(),
        sites.nrows(),
        sites.ncols(),
        params.batch,
    );
    let info = with_stack(req, |stack| {
        crate::par::with_threads(num_threads, |par| {
            semidiscrete_sgd_from_samples_in_place(
                points,
                point_weights,
                sites,
                b,
                &mut g,
                params,
                seed,
                par,
                stack,
            )
        })
    })???;
    Ok((g, info))
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

    #[test]
    fn from_samples_f32_agrees_with_f64_and_threads_do_not_matter() {
        let mut rng = Rng::new(8);
        let x = uniform_points::<f64>(&mut rng, 5000, 2);
        let w: Vec<f64> = (0..5000).map(|_| 0.5 + rng.uniform()).collect();
        let y = uniform_points::<f64>(&mut rng, 6, 2);
        let b = vec![1.0 / 6.0; 6];
        let params = SgdParams {
            iterations: 3000,
            batch: 16,
            step: 0.0,
        };
        let run = |t| {
            semidiscrete_sgd_from_samples(x.as_ref(), Some(&w), y.as_ref(), &b, &params, 3, t)
                .unwrap()
        };
        let (g1, i1) = run(1);
        let (g2, i2) = run(2);
        assert_eq!(g1, g2, "same seed, same g for 1 and 2 threads");
        assert_eq!(i1, i2);
        let xf = Mat::from_fn(5000, 2, |i, k| x[(i, k)] as f32);
        let yf = Mat::from_fn(6, 2, |i, k| y[(i, k)] as f32);
        let wf: Vec<f32> = w.iter().map(|&v| v as f32).collect();
        let bf = vec![1.0f32 / 6.0; 6];
        let (gf, _) =
            semidiscrete_sgd_from_samples(xf.as_ref(), Some(&wf), yf.as_ref(), &bf, &params, 3, 1)
                .unwrap();
        let range = g1.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        for (a, b) in gf.iter().zip(&g1) {
            assert!(
                (f64::from(*a) - b).abs() < 1e-3 * range.max(1e-3),
                "{gf:?} vs {g1:?}"
            );
        }
        // Zero total weight and a NaN point are refused.
        let zeros = vec![0.0; 5000];
        let err =
            semidiscrete_sgd_from_samples(x.as_ref(), Some(&zeros), y.as_ref(), &b, &params, 3, 1)
                .unwrap_err();
        assert_eq!(err.kind, crate::ErrorKind::InvalidArgument);
        let mut xn = x.clone();
        xn[(17, 1)] = f64::NAN;
        let err = semidiscrete_sgd_from_samples(xn.as_ref(), None, y.as_ref(), &b, &params, 3, 1)
            .unwrap_err();
        assert_eq!(err.kind, crate::ErrorKind::NonFinite);
    }
}
