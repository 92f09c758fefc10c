//! Laguerre (power) cells: the cell of a point x is `argmin_j |x − y_j|² − g_j`.
//!
//! The kernel expands the score as `|y_j|² − g_j − 2 x·y_j` (the `|x|²` term does not change
//! the argmin) after translating points and sites by the sites' centroid, which keeps the
//! cancellation small. It is vectorised over sites (pulp, four independent accumulators per
//! block of sites, reduced to their minimum before they meet the running lane-wise (score,
//! block) pair; the winning block is rescored at the end) and threaded over fixed blocks of
//! points, so the cells are bitwise identical for every thread count. Ties go to the smallest
//! index. Cost: `O(N n d)` for N points and n sites in dimension d.

#![allow(clippy::needless_range_loop)] // the kernel indexes several arrays by the same k

use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatRef, MemStack, Par, Real, Result, StackReq};
use pulp::Simd;

/// Points per block of the threaded loop (fixed: independent of the thread count).
const POINT_BLOCK: usize = 2048;
/// Sites are padded to a multiple of this (4 accumulators × up to 16 lanes).
const SITE_PAD: usize = 64;
/// Dimensions whose point coordinates and site columns are hoisted out of the site loop.
const MAX_HOISTED: usize = 64;

/// The scalars the Laguerre kernel runs on (f32 and f64): [`Real`] and the largest site
/// count whose indices its lanes carry exactly.
pub trait LaguerreReal: Real {
    /// Largest n such that every integer in `0..n` is exact in this type (site indices are
    /// carried in lanes of this type).
    const EXACT_INTS: usize;
}

impl LaguerreReal for f64 {
    const EXACT_INTS: usize = 1 << 53;
}

impl LaguerreReal for f32 {
    const EXACT_INTS: usize = 1 << 24;
}

/// What [`laguerre_assign_in_place`] reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LaguerreInfo {
    /// Number of cells that received no point.
    pub empty_cells: usize,
}

fn padded(n: usize) -> usize {
    n.div_ceil(SITE_PAD).saturating_mul(SITE_PAD)
}

/// Workspace of [`laguerre_assign_in_place`] for `n_sites` sites in dimension `dim`:
/// the sites transposed and padded, `(dim + 1) · ⌈n_sites/64⌉·64 + dim` values of `T`.
pub fn laguerre_assign_scratch<T: Real>(n_sites: usize, dim: usize) -> StackReq {
    vec_req::<T>(
        padded(n_sites)
            .saturating_mul(dim.saturating_add(1))
            .saturating_add(dim),
    )
}

/// Checks the shapes and values shared by every Laguerre entry point.
pub(crate) fn check_problem<T: LaguerreReal>(
    points: MatRef<'_, T>,
    sites: MatRef<'_, T>,
    g: &[T],
) -> Result<()> {
    let (n, d) = (sites.nrows(), sites.ncols());
    if points.nrows() == 0 || n == 0 || d == 0 {
        bail!(
            InvalidDimension,
            "points is {}x{}, sites {n}x{d}: all sizes must be >= 1",
            points.nrows(),
            points.ncols()
        );
    }
    if points.ncols() != d {
        bail!(
            InvalidDimension,
            "points have {} coordinates, sites {d}",
            points.ncols()
        );
    }
    if g.len() != n {
        bail!(InvalidDimension, "g has length {}, sites {n} rows", g.len());
    }
    if padded(n) > T::EXACT_INTS {
        bail!(
            InvalidDimension,
            "{n} sites exceed the {} a {} kernel can index",
            T::EXACT_INTS,
            T::NAME
        );
    }
    crate::error::check_finite("g", g.iter().copied())?;
    for j in 0..d {
        crate::error::check_finite("sites", sites.col(j).iter().copied())?;
        crate::error::check_finite("points", points.col(j).iter().copied())?;
    }
    Ok(())
}

/// Checks optional per-point weights: length `big_n`, finite, non-negative.
pub(crate) fn check_point_weights<T: Real>(w: Option<&[T]>, big_n: usize) -> Result<()> {
    if let Some(w) = w {
        if w.len() != big_n {
            bail!(
                InvalidDimension,
                "point_weights has length {}, points {big_n} rows",
                w.len()
            );
        }
        crate::error::check_weights("point_weights", w)?;
    }
    Ok(())
}

/// Writes the translated, transposed, padded sites `yt[k·np + j] = y_jk − centre_k` and
/// `c[j] = |y_j − centre|² − g_j` (padding: y = 0, c = +∞), and returns the centre.
fn prepare_sites<T: Real>(sites: MatRef<'_, T>, g: &[T], yt: &mut [T], centre: &mut [T]) {
    let (n, d) = (sites.nrows(), sites.ncols());
    let np = padded(n);
    for (k, ck) in centre.iter_mut().enumerate() {
        let s: f64 = sites.col(k).iter().map(|v| v.to_f64()).sum();
        *ck = T::from_f64(s / n as f64);
    }
    let (coords, c) = yt.split_at_mut(d * np);
    c.fill(T::INFINITY);
    coords.fill(T::ZERO);
    for j in 0..n {
        let mut norm = T::ZERO;
        for k in 0..d {
            let v = *sites.get(j, k) - centre[k];
            coords[k * np + j] = v;
            norm += v * v;
        }
        c[j] = norm - g[j];
    }
}

/// The SIMD argmin over sites for the points `row0..row0 + cells.len()`.
struct AssignBlock<'a, T: Real> {
    points: MatRef<'a, T>,
    row0: usize,
    centre: &'a [T],
    yt: &'a [T],
    np: usize,
    cells: &'a mut [u32],
}

impl<T: LaguerreReal> pulp::WithSimd for AssignBlock<'_, T> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) -> Self::Output {
        match self.centre.len() {
            1 => self.run::<S, 1>(s),
            2 => self.run::<S, 2>(s),
            3 => self.run::<S, 3>(s),
            _ => self.run::<S, 0>(s),
        }
    }
}

impl<T: LaguerreReal> AssignBlock<'_, T> {
    /// The scores of the 4 vectors of sites of block `b` for point `i`, whose splatted
    /// coordinates `−2(x_ik − centre_k)` are `xs[k]` for k < 64 (recomputed beyond).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn block<S: Simd>(
        &self,
        s: S,
        d: usize,
        c_v: &[T::Vector<S>],
        ys: &[&[T::Vector<S>]; MAX_HOISTED],
        xs: &[T::Vector<S>; MAX_HOISTED],
        i: usize,
        b: usize,
    ) -> [T::Vector<S>; 4] {
        let mut acc = [c_v[4 * b], c_v[4 * b + 1], c_v[4 * b + 2], c_v[4 * b + 3]];
        for k in 0..d {
            let (xk, yk) = if k < MAX_HOISTED {
                (xs[k], ys[k])
            } else {
                let two = T::ONE + T::ONE;
                let np = self.np;
                (
                    T::splat_s(s, -two * (*self.points.get(i, k) - self.centre[k])),
                    T::as_simd::<S>(&self.yt[k * np..(k + 1) * np]).0,
                )
            };
            for u in 0..4 {
                acc[u] = T::mul_add_s(s, xk, yk[4 * b + u], acc[u]);
            }
        }
        acc
    }

    /// `D > 0`: the dimension known at compile time; `D = 0`: read it at run time.
    ///
    /// Per block of `4 · lanes` sites the four score vectors are reduced to their lane-wise
    /// minimum, and only that minimum meets the running best (one compare, one select, one min
    /// and one add per block instead of two compares, two selects and an add per vector); the
    /// best block of each lane is kept. At the end the winning block of every lane that holds
    /// the overall minimum is scored again by the same vector code (the same bits) to find the
    /// site: the smallest index among exact ties.
    #[inline(always)]
    fn run<S: Simd, const D: usize>(mut self, s: S) {
        let d = if D > 0 { D } else { self.centre.len() };
        let np = self.np;
        let lanes = T::lanes::<S>();
        let step = 4 * lanes;
        let n_blocks = np / step;
        let (c_v, _) = T::as_simd::<S>(&self.yt[d * np..(d + 1) * np]);
        let empty: &[T::Vector<S>] = &[];
        let mut ys = [empty; MAX_HOISTED];
        for (k, yk) in ys.iter_mut().enumerate().take(d) {
            *yk = T::as_simd::<S>(&self.yt[k * np..(k + 1) * np]).0;
        }
        let one = T::splat_s(s, T::ONE);
        let two = T::ONE + T::ONE;
        let mut best_buf = [T::ZERO; SITE_PAD];
        let mut blk_buf = [T::ZERO; SITE_PAD];
        let mut score_buf = [T::ZERO; SITE_PAD];
        let mut xs = [T::splat_s(s, T::ZERO); MAX_HOISTED];
        let cells = std::mem::take(&mut self.cells);
        for (r, cell) in cells.iter_mut().enumerate() {
            let i = self.row0 + r;
            for (k, xk) in xs.iter_mut().enumerate().take(d) {
                *xk = T::splat_s(s, -two * (*self.points.get(i, k) - self.centre[k]));
            }
            let mut best = T::splat_s(s, T::INFINITY);
            let mut best_blk = T::splat_s(s, T::ZERO);
            let mut blk = T::splat_s(s, T::ZERO);
            for b in 0..n_blocks {
                let acc = self.block(s, d, c_v, &ys, &xs, i, b);
                let m = T::min_s(s, T::min_s(s, acc[0], acc[1]), T::min_s(s, acc[2], acc[3]));
                best_blk = T::select_lt_s(s, m, best, blk, best_blk);
                best = T::min_s(s, m, best);
                blk = T::add_s(s, blk, one);
            }
            T::as_mut_simd::<S>(&mut best_buf[..lanes]).0[0] = best;
            T::as_mut_simd::<S>(&mut blk_buf[..lanes]).0[0] = best_blk;
            let bs = best_buf[..lanes]
                .iter()
                .fold(T::INFINITY, |m, &v| if v < m { v } else { m });
            // Scores that overflowed to +∞ everywhere: any cell is a minimiser; take 0.
            let mut winner = if bs < T::INFINITY { usize::MAX } else { 0 };
            for l in 0..lanes {
                if !(best_buf[l] == bs && bs < T::INFINITY) {
                    continue;
                }
                let b = blk_buf[l].to_f64() as usize;
                let acc = self.block(s, d, c_v, &ys, &xs, i, b);
                T::as_mut_simd::<S>(&mut score_buf[..step])
                    .0
                    .copy_from_slice(&acc);
                if let Some(u) = (0..4).find(|&u| score_buf[u * lanes + l] == bs) {
                    winner = winner.min(b * step + u * lanes + l);
                }
            }
            *cell = winner as u32;
        }
    }
}

/// Level 2: writes into `cells[i]` the Laguerre cell `argmin_j |x_i − y_j|² − g_j` of every
/// row `x_i` of `points` (N×d, any strides), for sites `sites` (n×d) and weights `g` (n);
/// ties go to the smallest j. When `masses` (length n) is given, it receives the mass of each
/// cell: the sum of `point_weights[i]` (or `1/N` each when `None`) over its points, summed in
/// f64 in point order. Threaded over fixed blocks of 2048 points: bitwise identical for every
/// `par`. Needs [`laguerre_assign_scratch`]; allocates nothing. `O(N n d)`.
#[allow(clippy::too_many_arguments)]
pub fn laguerre_assign_in_place<T: LaguerreReal>(
    points: MatRef<'_, T>,
    point_weights: Option<&[T]>,
    sites: MatRef<'_, T>,
    g: &[T],
    cells: &mut [u32],
    masses: Option<&mut [f64]>,
    par: Par,
    stack: &mut MemStack,
) -> Result<LaguerreInfo> {
    check_problem(points, sites, g)?;
    let (big_n, n, d) = (points.nrows(), sites.nrows(), sites.ncols());
    if cells.len() != big_n {
        bail!(
            InvalidDimension,
            "cells has length {}, points {big_n} rows",
            cells.len()
        );
    }
    check_point_weights(point_weights, big_n)?;
    if let Some(m) = &masses {
        if m.len() != n {
            bail!(InvalidDimension, "masses has length {}, sites {n}", m.len());
        }
    }
    check_stack(stack, laguerre_assign_scratch::<T>(n, d))?;
    let np = padded(n);
    let (mut buf, _) = take(stack, (d + 1) * np + d, T::ZERO);
    let (yt, centre) = buf.split_at_mut((d + 1) * np);
    prepare_sites(sites, g, yt, centre);
    let (yt, centre) = (&*yt, &*centre);
    let block = |row0: usize, cells: &mut [u32]| {
        pulp::Arch::new().dispatch(AssignBlock {
            points,
            row0,
            centre,
            yt,
            np,
            cells,
        })
    };
    match par {
        Par::Seq => {
            for (c, chunk) in cells.chunks_mut(POINT_BLOCK).enumerate() {
                block(c * POINT_BLOCK, chunk);
            }
        }
        Par::Rayon(_) => {
            use rayon::prelude::*;
            cells
                .par_chunks_mut(POINT_BLOCK)
                .enumerate()
                .for_each(|(c, chunk)| block(c * POINT_BLOCK, chunk));
        }
    }
    let empty_cells = match masses {
        Some(m) => cell_masses(cells, point_weights, m),
        None => 0,
    };
    Ok(LaguerreInfo { empty_cells })
}

/// Writes into `masses` the sum of `point_weights[i]` (or `1/N` each) over the points of each
/// cell, in f64 and in point order, and returns the number of cells with zero mass.
pub(crate) fn cell_masses<T: Real>(
    cells: &[u32],
    point_weights: Option<&[T]>,
    masses: &mut [f64],
) -> usize {
    masses.fill(0.0);
    match point_weights {
        Some(w) => {
            for (&c, &wi) in cells.iter().zip(w) {
                masses[c as usize] += wi.to_f64();
            }
        }
        None => {
            let u = 1.0 / cells.len() as f64;
            for &c in cells {
                masses[c as usize] += u;
            }
        }
    }
    masses.iter().filter(|&&v| v == 0.0).count()
}

/// Level 3: the cells of every point (and, optionally, the cell masses of the points weighted
/// by `point_weights`, or uniformly), with `num_threads` threads (0 = default).
pub fn laguerre_assign<T: LaguerreReal>(
    points: MatRef<'_, T>,
    point_weights: Option<&[T]>,
    sites: MatRef<'_, T>,
    g: &[T],
    num_threads: usize,
) -> Result<(Vec<u32>, Vec<f64>)> {
    let mut cells = vec![0u32; points.nrows()];
    let mut masses = vec![0.0; sites.nrows()];
    let req = laguerre_assign_scratch::<T>(sites.nrows(), sites.ncols());
    with_stack(req, |stack| {
        crate::par::with_threads(num_threads, |par| {
            laguerre_assign_in_place(
                points,
                point_weights,
                sites,
                g,
                &mut cells,
                Some(&mut masses),
                par,
                stack,
            )
        })
    })???;
    Ok((cells, masses))
}

/// Scalar reference: `argmin_j |x_i − y_j|² − g_j` computed directly (for tests).
pub fn laguerre_assign_reference<T: Real>(
    points: MatRef<'_, T>,
    sites: MatRef<'_, T>,
    g: &[T],
) -> Vec<u32> {
    (0..points.nrows())
        .map(|i| {
            let mut best = (f64::INFINITY, 0u32);
            for j in 0..sites.nrows() {
                let mut s = -g[j].to_f64();
                for k in 0..sites.ncols() {
                    let t = points.get(i, k).to_f64() - sites.get(j, k).to_f64();
                    s += t * t;
                }
                if s < best.0 {
                    best = (s, j as u32);
                }
            }
            best.1
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semidiscrete::test_data::{uniform_points, Rng};

    /// The direct score `|x − y_j|² − g_j` in f64.
    fn score<T: Real>(x: MatRef<'_, T>, i: usize, y: MatRef<'_, T>, g: &[T], j: usize) -> f64 {
        let mut s = -g[j].to_f64();
        for k in 0..y.ncols() {
            let t = x.get(i, k).to_f64() - y.get(j, k).to_f64();
            s += t * t;
        }
        s
    }

    /// Every cell is optimal up to the rounding of the expanded score, and almost every cell
    /// equals the brute-force argmin exactly.
    fn check_against_brute_force<T: LaguerreReal>(
        n_points: usize,
        n_sites: usize,
        d: usize,
        tol: f64,
    ) {
        let mut rng = Rng::new(7 + d as u64);
        let x = uniform_points::<T>(&mut rng, n_points, d);
        let y = uniform_points::<T>(&mut rng, n_sites, d);
        let g: Vec<T> = (0..n_sites)
            .map(|_| T::from_f64(0.1 * rng.uniform()))
            .collect();
        let (cells, masses) = laguerre_assign(x.as_ref(), None, y.as_ref(), &g, 1).unwrap();
        let reference = laguerre_assign_reference(x.as_ref(), y.as_ref(), &g);
        let mut same = 0;
        for i in 0..n_points {
            let (a, b) = (cells[i] as usize, reference[i] as usize);
            same += usize::from(a == b);
            let gap =
                score(x.as_ref(), i, y.as_ref(), &g, a) - score(x.as_ref(), i, y.as_ref(), &g, b);
            assert!(
                gap <= tol,
                "point {i}: cell {a} scores {gap:e} above the best {b}"
            );
        }
        assert!(
            same as f64 >= 0.999 * n_points as f64,
            "{same} of {n_points} agree"
        );
        let mut expect = vec![0.0; n_sites];
        for &c in &cells {
            expect[c as usize] += 1.0 / n_points as f64;
        }
        for (m, e) in masses.iter().zip(&expect) {
            assert!((m - e).abs() < 1e-12);
        }
    }

    #[test]
    fn cells_match_brute_force_in_several_dimensions() {
        for d in [1, 2, 3, 5] {
            check_against_brute_force::<f64>(3000, 37, d, 1e-12);
            check_against_brute_force::<f32>(3000, 37, d, 1e-5);
        }
        // More sites than one padded block, a dimension beyond the fast paths.
        check_against_brute_force::<f64>(500, 200, 7, 1e-12);
        // A dimension beyond the hoisted coordinates (k >= 64 read in the site loop).
        check_against_brute_force::<f64>(300, 70, 70, 1e-11);
        check_against_brute_force::<f32>(300, 70, 70, 1e-3);
    }

    #[test]
    fn identical_for_every_thread_count_and_layout() {
        let mut rng = Rng::new(3);
        let x = uniform_points::<f64>(&mut rng, 10_000, 2);
        let y = uniform_points::<f64>(&mut rng, 101, 2);
        let g: Vec<f64> = (0..101).map(|_| 0.05 * rng.uniform()).collect();
        let w: Vec<f64> = (0..10_000).map(|_| rng.uniform()).collect();
        let (c1, m1) = laguerre_assign(x.as_ref(), Some(&w), y.as_ref(), &g, 1).unwrap();
        let (c2, m2) = laguerre_assign(x.as_ref(), Some(&w), y.as_ref(), &g, 2).unwrap();
        let (c3, m3) = laguerre_assign(x.as_ref(), Some(&w), y.as_ref(), &g, 3).unwrap();
        assert_eq!(c1, c2);
        assert_eq!(c1, c3);
        assert_eq!(m1, m2);
        assert_eq!(m1, m3);
        // A row-major copy (col stride 1) gives the same cells as faer's column-major layout.
        let flat: Vec<f64> = (0..10_000).flat_map(|i| [x[(i, 0)], x[(i, 1)]]).collect();
        let xr = MatRef::from_row_major_slice(&flat, 10_000, 2);
        let (cr, _) = laguerre_assign(xr, Some(&w), y.as_ref(), &g, 2).unwrap();
        assert_eq!(c1, cr);
        let total: f64 = w.iter().sum();
        assert!((m1.iter().sum::<f64>() - total).abs() < 1e-9 * total);
    }

    #[test]
    fn weights_move_the_boundary_between_two_sites() {
        // Sites 0 and 1 on a line: the boundary is at x = 1/2 + (g0 − g1)/2.
        let y = faer::mat![[0.0], [1.0]];
        let x = faer::Mat::from_fn(1001, 1, |i, _| i as f64 / 1000.0);
        let (cells, masses) =
            laguerre_assign(x.as_ref(), None, y.as_ref(), &[0.2, 0.0], 1).unwrap();
        for (i, &c) in cells.iter().enumerate() {
            let xi = i as f64 / 1000.0;
            if (xi - 0.6).abs() > 1e-9 {
                assert_eq!(c, u32::from(xi > 0.6), "x = {xi}");
            }
        }
        assert!((masses[0] - 601.0 / 1001.0).abs() < 1e-12, "{masses:?}");
    }

    #[test]
    fn exact_ties_go_to_the_smallest_index() {
        // Site 40 duplicates site 3 (same g), site 77 duplicates site 70: the later copies get
        // no point, whichever lane or block they fall in, in f64 and f32.
        let mut rng = Rng::new(12);
        let mut y = uniform_points::<f64>(&mut rng, 80, 2);
        let mut g: Vec<f64> = (0..80).map(|_| 0.01 * rng.uniform()).collect();
        for (dup, orig) in [(40, 3), (77, 70)] {
            for k in 0..2 {
                y[(dup, k)] = y[(orig, k)];
            }
            g[dup] = g[orig];
        }
        // Points at the sites themselves: the exact minimum is attained at both copies.
        let x = faer::Mat::from_fn(160, 2, |i, k| {
            if i < 80 {
                y[(i, k)]
            } else {
                ((i * 37 + k * 11) % 97) as f64 / 97.0
            }
        });
        let (cells, masses) = laguerre_assign(x.as_ref(), None, y.as_ref(), &g, 1).unwrap();
        assert_eq!(masses[40], 0.0);
        assert_eq!(masses[77], 0.0);
        assert_eq!(
            cells[40],
            laguerre_assign_reference(x.as_ref(), y.as_ref(), &g)[40]
        );
        let xf = faer::Mat::from_fn(160, 2, |i, k| x[(i, k)] as f32);
        let yf = faer::Mat::from_fn(80, 2, |i, k| y[(i, k)] as f32);
        let gf: Vec<f32> = g.iter().map(|&v| v as f32).collect();
        let (_, mf) = laguerre_assign(xf.as_ref(), None, yf.as_ref(), &gf, 1).unwrap();
        assert_eq!((mf[40], mf[77]), (0.0, 0.0));
    }

    #[test]
    fn bad_inputs_are_rejected() {
        let y = faer::mat![[0.0, 1.0], [1.0, 0.0]];
        let x = faer::mat![[0.5, f64::NAN]];
        let err = laguerre_assign(x.as_ref(), None, y.as_ref(), &[0.0, 0.0], 1).unwrap_err();
        assert_eq!(err.kind, crate::ErrorKind::NonFinite);
        let x = faer::mat![[0.5, 0.5, 0.5]];
        let err = laguerre_assign(x.as_ref(), None, y.as_ref(), &[0.0, 0.0], 1).unwrap_err();
        assert_eq!(err.kind, crate::ErrorKind::InvalidDimension);
        let x = faer::mat![[0.5, 0.5]];
        let err = laguerre_assign(x.as_ref(), None, y.as_ref(), &[0.0], 1).unwrap_err();
        assert_eq!(err.kind, crate::ErrorKind::InvalidDimension);
    }
}
