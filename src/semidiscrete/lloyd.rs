//! Lloyd iterations for optimal quantisation: the sites move to the barycenters of their
//! Voronoi cells (Laguerre cells with g = 0) of a weighted sample set, which decreases the
//! distortion `Σ_i a_i min_j |x_i − y_j|²` at every step.

use super::assign::{
    check_point_weights, check_problem, laguerre_assign_in_place, laguerre_assign_scratch,
};
use super::LaguerreReal;
use crate::progress::{self, Flow};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatMut, MatRef, MemStack, Par, Result, StackReq};

/// What [`lloyd_in_place`] reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LloydInfo {
    /// Iterations made.
    pub iterations: usize,
    /// Distortion `Σ a_i min_j |x_i − y_j|²` at the returned sites (weights normalised to 1).
    pub distortion: f64,
    /// Largest site displacement of the last iteration (distance units; infinite before the
    /// first).
    pub last_move: f64,
    /// Whether a [`crate::progress`] observer stopped the iterations.
    pub cancelled: bool,
}

/// Parameters of [`lloyd`].
#[derive(Clone, Copy, Debug)]
pub struct LloydParams {
    /// Iteration cap (0: only the distortion of the given sites).
    pub max_iter: usize,
    /// Stop when no site moves more than `tol` (distance units). The default 0 stops at the
    /// fixed point, which a finite sample set reaches in finitely many iterations (the cells
    /// stop changing and the sites stop moving, exactly).
    pub tol: f64,
}

impl Default for LloydParams {
    fn default() -> Self {
        LloydParams {
            max_iter: 1000,
            tol: 0.0,
        }
    }
}

/// Workspace of [`lloyd_in_place`]: N cells, the zero weights, `n(d+1)` f64 sums and the
/// Laguerre kernel's workspace.
pub fn lloyd_scratch<T: LaguerreReal>(n_points: usize, n_sites: usize, dim: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<u32>(n_points),
        vec_req::<T>(n_sites),
        vec_req::<f64>(n_sites.saturating_mul(dim.saturating_add(1))),
        laguerre_assign_scratch::<T>(n_sites, dim),
    ])
}

/// Level 2: at most `params.max_iter` Lloyd iterations on `sites` (n×d, updated in place) for
/// the samples `points` (N×d) with weights `point_weights` (or uniform); stops when no site
/// moves more than `params.tol` (distance units). Sites of empty cells stay put. `O(N n d)` per iteration.
/// Reports each iteration's largest displacement to [`crate::progress::check`]; a stop
/// returns the current sites with `cancelled` set.
#[allow(clippy::too_many_arguments)]
#[allow(clippy::neg_cmp_op_on_partial_ord)] // `!(x >= 0.0)` also rejects NaN
pub fn lloyd_in_place<T: LaguerreReal>(
    points: MatRef<'_, T>,
    point_weights: Option<&[T]>,
    mut sites: MatMut<'_, T>,
    params: &LloydParams,
    par: Par,
    stack: &mut MemStack,
) -> Result<LloydInfo> {
    let LloydParams { max_iter, tol } = *params;
    if tol.is_nan() || tol < 0.0 {
        bail!(InvalidArgument, "tol = {tol:e}: need >= 0");
    }
    let (big_n, n, d) = (points.nrows(), sites.nrows(), sites.ncols());
    check_point_weights(point_weights, big_n)?;
    check_stack(stack, lloyd_scratch::<T>(big_n, n, d))?;
    let (mut cells, stack) = take(stack, big_n, 0u32);
    let (zeros, stack) = take(stack, n, T::ZERO);
    let (mut sums, stack) = take(stack, n * (d + 1), 0.0f64);
    check_problem(points, sites.as_ref(), &zeros)?;
    let weight = |i: usize| point_weights.map_or(1.0, |w| w[i].to_f64());
    let total: f64 = (0..big_n).map(weight).sum();
    if !(total > 0.0) {
        bail!(
            InvalidArgument,
            "point_weights sum to {total:e}: need a positive mass"
        );
    }
    let mut info = LloydInfo {
        iterations: 0,
        distortion: 0.0,
        last_move: f64::INFINITY,
        cancelled: false,
    };
    let distortion = |sites: MatRef<'_, T>, cells: &[u32]| -> f64 {
        let mut e = 0.0;
        for (i, &c) in cells.iter().enumerate() {
            let mut s = 0.0;
            for k in 0..d {
                let t = points.get(i, k).to_f64() - sites.get(c as usize, k).to_f64();
                s += t * t;
            }
            e += weight(i) * s;
        }
        e / total
    };
    loop {
        laguerre_assign_in_place(
            points,
            point_weights,
            sites.as_ref(),
            &zeros,
            &mut cells,
            None,
            par,
            stack,
        )?;
        info.distortion = distortion(sites.as_ref(), &cells);
        if info.iterations == max_iter || info.last_move <= tol {
            break;
        }
        // The error measure, the last displacement, exists from the first iteration on.
        if info.iterations > 0 {
            if let Flow::Stop = progress::check(info.iterations as u64, info.last_move) {
                info.cancelled = true;
                break;
            }
        }
        sums.fill(0.0);
        for (i, &c) in cells.iter().enumerate() {
            let (w, row) = (weight(i), c as usize * (d + 1));
            sums[row + d] += w;
            for k in 0..d {
                sums[row + k] += w * points.get(i, k).to_f64();
            }
        }
        let mut moved: f64 = 0.0;
        for j in 0..n {
            let row = j * (d + 1);
            let w = sums[row + d];
            if w <= 0.0 {
                continue;
            }
            let mut dist2 = 0.0;
            for k in 0..d {
                let new = T::from_f64(sums[row + k] / w);
                let t = new.to_f64() - sites.as_ref().get(j, k).to_f64();
                dist2 += t * t;
                *sites.as_mut().get_mut(j, k) = new;
            }
            moved = moved.max(dist2.sqrt());
        }
        info.last_move = moved;
        info.iterations += 1;
    }
    Ok(info)
}

/// Level 3 of [`lloyd_in_place`]: returns the moved sites (a copy of `sites`, n×d) and the report.
pub fn lloyd<T: LaguerreReal>(
    points: MatRef<'_, T>,
    point_weights: Option<&[T]>,
    sites: MatRef<'_, T>,
    params: &LloydParams,
    num_threads: usize,
) -> Result<(faer::Mat<T>, LloydInfo)> {
    let mut out = faer::Mat::from_fn(sites.nrows(), sites.ncols(), |i, k| *sites.get(i, k));
    let req = lloyd_scratch::<T>(points.nrows(), sites.nrows(), sites.ncols());
    let info = with_stack(req, |stack| {
        crate::par::with_threads(num_threads, |par| {
            lloyd_in_place(points, point_weights, out.as_mut(), params, par, stack)
        })
    })???;
    Ok((out, info))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_d_uniform_quantiser_is_the_regular_one() {
        // Optimal 4-point quantiser of U[0, 1]: sites (2j + 1)/8, distortion 1/(12·4²).
        let x = faer::Mat::from_fn(4000, 1, |i, _| (i as f64 + 0.5) / 4000.0);
        let y0 = faer::mat![[0.05], [0.1], [0.2], [0.3]];
        let (y, info) = lloyd(
            x.as_ref(),
            None,
            y0.as_ref(),
            &LloydParams {
                max_iter: 10_000,
                tol: 1e-12,
            },
            2,
        )
        .unwrap();
        for j in 0..4 {
            assert!(
                (y[(j, 0)] - (2 * j + 1) as f64 / 8.0).abs() < 1e-3,
                "{:?}",
                y
            );
        }
        assert!((info.distortion - 1.0 / 192.0).abs() < 1e-5, "{info:?}");
        assert!(info.last_move <= 1e-12);
    }

    #[test]
    fn distortion_decreases_in_two_dimensions() {
        use crate::semidiscrete::test_data::{two_gaussian_grid, uniform_points, Rng};
        let (x, a) = two_gaussian_grid(60);
        let y0 = uniform_points::<f64>(&mut Rng::new(4), 20, 2);
        let mut last = f64::INFINITY;
        let mut y = y0;
        for _ in 0..5 {
            let (y1, info) = lloyd(
                x.as_ref(),
                Some(&a),
                y.as_ref(),
                &LloydParams {
                    max_iter: 1,
                    tol: 0.0,
                },
                1,
            )
            .unwrap();
            assert!(
                info.distortion <= last + 1e-15,
                "{} > {last}",
                info.distortion
            );
            last = info.distortion;
            y = y1;
        }
    }
}
