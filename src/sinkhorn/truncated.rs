//! Sinkhorn on a truncated (sparse) stabilised kernel with ε-scaling and coarse-to-fine
//! clustering, for the squared Euclidean cost between point clouds of dimension 1–3
//! ([`Path::Truncated`]; Schmitzer, "Stabilized sparse scaling algorithms for entropy
//! regularized transport problems", SISC 2019; GeomLoss's multiscale mode).
//!
//! **Kernel.** With the potentials split as `f = α + ε·log u`, `g = β + ε·log v`, only the
//! arcs of the stabilised kernel `K̃_ij = exp((α_i + β_j − C_ij)/ε)` with
//! `α_i + β_j − C_ij ≥ −θ·ε` are stored, in CSR (rows) and CSC (columns) copies, values in
//! `T`, sums in f64. They are found without touching all n·m pairs: the points of each side
//! are binned in a uniform cell grid (cell side about √(θε)/2), and row i visits only the
//! cells whose distance to x_i satisfies `dist² ≤ α_i + θε + max β over the cell`. Both copies
//! apply the same test to the same f64 numbers, so they hold the same arcs. An iteration is a
//! row pass `u = a/(K̃ v)` over the CSR and a column pass `v = b/(K̃ᵀu)` over the CSC (KL
//! penalties damp them as on the other paths). When a scaling leaves `[e^{−τ}, e^τ]` (τ = 2)
//! it is absorbed into α, β and the truncation rebuilt.
//!
//! **Truncation error.** Every dropped entry of K̃ is below `e^{−θ}`, so the mass the
//! truncation drops from the plan `P_ij = a_i u_i K_ij v_j b_j` is at most
//! `D = e^{−θ}·(Σ a_i u_i)(Σ b_j v_j)`, computed exactly at each check; it changes each
//! marginal by at most D in L1. The reported marginal error is the truncated plan's L1 error
//! plus 2D: an upper bound on the full (untruncated) plan's error. The default
//! θ = ln(4·Σa·Σb/tolerance) + 2τ makes 2D ≤ tolerance/2 (tolerance 0: as for 1e-12).
//!
//! **Stages.** ε falls geometrically from the cost's scale to the target (halving, with
//! `Scaling::iters_per_step` iterations each; or the caller's [`Scaling`] schedule; a warm
//! start skips the automatic one). A stage
//! whose ε is large runs on clusters: the points binned by a grid of side √ε, each cluster
//! carrying its mass at its mass-weighted mean, so that every stage keeps O(θ^{d/2})
//! neighbours per cluster; once the clusters are nearly as many as the points the stages run
//! on the points. Moving to a finer level, each new point's potential is the soft-min
//! (c-transform at the coarse ε) of the other side's coarse potentials over the neighbours of
//! its parent cluster (GeomLoss's extrapolation). A warm start runs every stage on the points.
//!
//! Memory: O((n + m)·d) plus the arcs (2·(4 + size_of T) bytes each), allocated fallibly
//! for every build and bounded by `Params::kernel_memory_cap`. Every loop over rows or columns
//! runs in fixed chunks with sums in a fixed order: results are bitwise identical for every
//! thread count.
//!
//! [`Path::Truncated`]: super::Path::Truncated
//! [`Scaling`]: super::Scaling

use super::checks::{check_cost, check_marginals, check_params};
use super::kernel::Side;
use super::marginal::entropic_dual;
use super::{schedule, Cost, Info, Params, Path, Solution};
use crate::cost::clouds::bounding_box;
use crate::error::check_finite;
use crate::par::par_chunks;
use crate::progress::{self, Flow};
use crate::workspace::try_vec_with_capacity;
use crate::{bail, Par, Real, Result};

/// Absorption threshold on |log u| and |log v|.
const TAU: f64 = 2.0;
/// Rows (or columns) per parallel chunk.
const CHUNK: usize = 512;
/// Cluster grid side, in units of √ε.
const CLUSTER_SIDE: f64 = 1.0;
/// Smallest tolerance the default θ is derived from.
const MIN_TOLERANCE: f64 = 1e-12;

/// The truncation threshold θ of a solve: `params.truncation` when positive, else
/// ln(4·Σa·Σb/tolerance) + 2τ (see the module documentation).
pub fn truncation(params: &Params, mass_a: f64, mass_b: f64) -> f64 {
    if params.truncation > 0.0 {
        params.truncation
    } else {
        (4.0 * mass_a * mass_b / params.tolerance.max(MIN_TOLERANCE))
            .ln()
            .max(0.0)
            + 2.0 * TAU
    }
}

/// One ε stage of a truncated solve, as [`sinkhorn_truncated`] reports it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stage {
    /// ε of the stage.
    pub epsilon: f64,
    /// Points (or clusters) on the row side.
    pub rows: usize,
    /// Points (or clusters) on the column side.
    pub cols: usize,
    /// Whether the stage ran on the points (not on clusters).
    pub fine: bool,
    /// Largest number of stored arcs (row copy) over the stage's builds.
    pub arcs: usize,
    /// Kernel builds in the stage (the first, then one per absorption).
    pub builds: usize,
    /// Iterations run in the stage.
    pub iterations: usize,
}

/// A vector of `n` copies of `x`, allocated fallibly.
fn filled<X: Clone>(what: &str, n: usize, x: X) -> Result<Vec<X>> {
    let mut v = try_vec_with_capacity(what, n)?;
    v.resize(n, x);
    Ok(v)
}

/// One side of a level: points (or clusters) with their weights.
struct Cloud<T> {
    /// Coordinates, row-major k×d, f64.
    pts: Vec<f64>,
    /// Weights (cluster masses).
    w: Vec<T>,
    /// For every input point, its index in this cloud.
    of_fine: Vec<u32>,
    /// For every point of this cloud, one input point it holds.
    rep: Vec<u32>,
}

impl<T: Real> Cloud<T> {
    fn len(&self) -> usize {
        self.w.len()
    }
}

/// The input points of one side in f64, row-major.
fn input_points<T: Real>(p: crate::MatRef<'_, T>) -> Result<Vec<f64>> {
    let (k, d) = (p.nrows(), p.ncols());
    let mut out = try_vec_with_capacity("the truncated path's points", k * d)?;
    for i in 0..k {
        for t in 0..d {
            out.push(p[(i, t)].to_f64());
        }
    }
    Ok(out)
}

/// The points themselves as a cloud.
fn fine_cloud<T: Real>(pts: &[f64], w: &[T]) -> Result<Cloud<T>> {
    let k = w.len();
    let mut ids = try_vec_with_capacity("the truncated path's point indices", k)?;
    ids.extend(0..k as u32);
    let mut w2 = try_vec_with_capacity("the truncated path's weights", k)?;
    w2.extend_from_slice(w);
    let mut p2 = try_vec_with_capacity("the truncated path's points", pts.len())?;
    p2.extend_from_slice(pts);
    Ok(Cloud {
        pts: p2,
        w: w2,
        of_fine: ids.clone(),
        rep: ids,
    })
}

/// Cell coordinates of point `p` on a grid of side `s` from `lo` with `dims` cells per axis.
#[inline]
fn cell_of(p: &[f64], lo: &[f64; 3], s: f64, dims: &[usize; 3]) -> [usize; 3] {
    let mut c = [0usize; 3];
    for t in 0..p.len() {
        let k = ((p[t] - lo[t]) / s).floor();
        c[t] = if k > 0.0 {
            (k as usize).min(dims[t] - 1)
        } else {
            0
        };
    }
    c
}

/// Cells per axis of a grid of side `s` over extents `ext` (at least 1 each).
fn grid_dims(ext: &[f64; 3], s: f64, d: usize) -> [usize; 3] {
    let mut dims = [1usize; 3];
    for t in 0..d {
        dims[t] = ((ext[t] / s).floor() as usize).saturating_add(1);
    }
    dims
}

/// Clusters the input points `pts` (weights `w`) by the cells of side `h`: masses,
/// mass-weighted means (plain means for massless cells), in cell order.
fn cluster<T: Real>(
    pts: &[f64],
    w: &[T],
    d: usize,
    lo: &[f64; 3],
    h: f64,
    dims: &[usize; 3],
) -> Result<Cloud<T>> {
    let k = w.len();
    let mut keyed: Vec<(u64, u32)> = try_vec_with_capacity("the cluster keys", k)?;
    for (i, p) in pts.chunks(d).enumerate() {
        let c = cell_of(p, lo, h, dims);
        let key = (c[0] as u64 * dims[1] as u64 + c[1] as u64) * dims[2] as u64 + c[2] as u64;
        keyed.push((key, i as u32));
    }
    keyed.sort_unstable();
    let mut of_fine = filled("the cluster map", k, 0u32)?;
    let mut cw = try_vec_with_capacity("the cluster weights", k)?;
    let mut cp = try_vec_with_capacity("the cluster points", k * d)?;
    let mut rep = try_vec_with_capacity("the cluster representatives", k)?;
    let mut start = 0;
    while start < k {
        let key = keyed[start].0;
        let mut end = start;
        let (mut mass, mut sum, mut plain) = (0.0f64, [0.0f64; 3], [0.0f64; 3]);
        while end < k && keyed[end].0 == key {
            let i = keyed[end].1 as usize;
            let wi = w[i].to_f64();
            mass += wi;
            for t in 0..d {
                sum[t] += wi * pts[i * d + t];
                plain[t] += pts[i * d + t];
            }
            of_fine[i] = cw.len() as u32;
            end += 1;
        }
        for t in 0..d {
            cp.push(if mass > 0.0 {
                sum[t] / mass
            } else {
                plain[t] / (end - start) as f64
            });
        }
        cw.push(T::from_f64(mass));
        rep.push(keyed[start].1);
        start = end;
    }
    Ok(Cloud {
        pts: cp,
        w: cw,
        of_fine,
        rep,
    })
}

/// A cell grid over one side's points for the neighbour searches.
struct Grid {
    lo: [f64; 3],
    s: f64,
    dims: [usize; 3],
    /// Cell c holds `order[start[c]..start[c + 1]]`.
    start: Vec<u32>,
    order: Vec<u32>,
    /// Largest potential over each cell's points (−∞ for an empty cell).
    maxpot: Vec<f64>,
    /// Largest potential overall.
    max_all: f64,
}

impl Grid {
    /// Bins the points `pts` (d each) with potentials `pot` on cells of side about `side`
    /// (enlarged so that there are at most about 2k + 16 cells).
    fn new(
        pts: &[f64],
        pot: &[f64],
        d: usize,
        lo: [f64; 3],
        ext: [f64; 3],
        side: f64,
    ) -> Result<Self> {
        let k = pot.len();
        let cap = (2 * k + 16) as f64;
        let emax = ext[..d].iter().copied().fold(0.0f64, f64::max);
        let mut s = side.max(emax / cap.powf(1.0 / d as f64));
        if !(s > 0.0 && s.is_finite()) {
            s = 1.0;
        }
        let mut dims = grid_dims(&ext, s, d);
        while dims.iter().map(|&x| x as f64).product::<f64>() > cap {
            s *= 1.5;
            dims = grid_dims(&ext, s, d);
        }
        let cells = dims[0] * dims[1] * dims[2];
        let mut start = filled("the grid cells", cells + 1, 0u32)?;
        let mut maxpot = filled("the grid cells", cells, f64::NEG_INFINITY)?;
        let mut of = filled("the grid bins", k, 0u32)?;
        for (i, p) in pts.chunks(d).enumerate() {
            let c = cell_of(p, &lo, s, &dims);
            let id = (c[0] * dims[1] + c[1]) * dims[2] + c[2];
            of[i] = id as u32;
            start[id + 1] += 1;
            maxpot[id] = maxpot[id].max(pot[i]);
        }
        for c in 0..cells {
            start[c + 1] += start[c];
        }
        let mut order = filled("the grid order", k, 0u32)?;
        let mut fill = filled("the grid cursors", cells, 0u32)?;
        fill.copy_from_slice(&start[..cells]);
        for (i, &c) in of.iter().enumerate() {
            order[fill[c as usize] as usize] = i as u32;
            fill[c as usize] += 1;
        }
        let max_all = pot.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Ok(Grid {
            lo,
            s,
            dims,
            start,
            order,
            maxpot,
            max_all,
        })
    }

    /// Calls `visit(j)` for every point j of the grid with `pot_j − |p − y_j|² ≥ −bound`
    /// candidates: the cells whose distance to `p` and largest potential allow it.
    #[inline]
    fn candidates(&self, p: &[f64], bound: f64, mut visit: impl FnMut(usize)) {
        let d = p.len();
        let reach = bound + self.max_all;
        if reach.is_nan() || reach < 0.0 {
            return;
        }
        let r = reach.sqrt() * (1.0 + 1e-9) + 1e-12 * self.s;
        let mut lo_c = [0usize; 3];
        let mut hi_c = [0usize; 3];
        for t in 0..d {
            let a = ((p[t] - r - self.lo[t]) / self.s).floor();
            let b = ((p[t] + r - self.lo[t]) / self.s).floor();
            if b < 0.0 || a > (self.dims[t] - 1) as f64 {
                return;
            }
            lo_c[t] = if a > 0.0 { a as usize } else { 0 };
            hi_c[t] = (b as usize).min(self.dims[t] - 1);
        }
        for c0 in lo_c[0]..=hi_c[0] {
            for c1 in lo_c[1]..=hi_c[1] {
                for c2 in lo_c[2]..=hi_c[2] {
                    let id = (c0 * self.dims[1] + c1) * self.dims[2] + c2;
                    let (b0, b1) = (self.start[id] as usize, self.start[id + 1] as usize);
                    if b0 == b1 {
                        continue;
                    }
                    let cc = [c0, c1, c2];
                    let mut dmin = 0.0;
                    for t in 0..d {
                        let cl = self.lo[t] + cc[t] as f64 * self.s;
                        let gap = (cl - p[t]).max(p[t] - (cl + self.s)).max(0.0);
                        dmin += gap * gap;
                    }
                    let allow = bound + self.maxpot[id];
                    if dmin > allow + 1e-9 * (allow.abs() + dmin) {
                        continue;
                    }
                    for &j in &self.order[b0..b1] {
                        visit(j as usize);
                    }
                }
            }
        }
    }
}

/// Squared distance between two points.
#[inline(always)]
fn sqdist(p: &[f64], q: &[f64]) -> f64 {
    p.iter().zip(q).map(|(a, b)| (a - b) * (a - b)).sum()
}

/// The truncation test and the kernel value, written once so that the row and column copies
/// see the same numbers: `(α_i + β_j − C_ij)/ε` when it is ≥ −θ.
#[inline(always)]
fn arc_exponent(alpha_i: f64, beta_j: f64, c_ij: f64, eps: f64, theta: f64) -> Option<f64> {
    let z = (alpha_i + beta_j - c_ij) / eps;
    (z >= -theta).then_some(z)
}

/// One orientation of the truncated kernel: line l holds `idx[ptr[l]..ptr[l + 1]]` with
/// values `val[..]`.
struct Sparse<T> {
    ptr: Vec<usize>,
    idx: Vec<u32>,
    val: Vec<T>,
}

/// What one orientation's build sees: this side's points and potentials, the other side's
/// grid, points and potentials and weights.
struct Lines<'a, T> {
    pts: &'a [f64],
    pot: &'a [f64],
    other_pts: &'a [f64],
    other_pot: &'a [f64],
    other_w: &'a [T],
    grid: &'a Grid,
    d: usize,
    eps: f64,
    theta: f64,
    /// Whether this side is the row side (α first in the test).
    rows: bool,
}

impl<T: Real> Lines<'_, T> {
    /// Calls `visit(j, exponent)` for every kept arc of line l; returns whether one of them
    /// goes to a point of positive weight.
    #[inline]
    fn arcs(&self, l: usize, mut visit: impl FnMut(usize, f64)) -> bool {
        let d = self.d;
        let p = &self.pts[l * d..(l + 1) * d];
        let pl = self.pot[l];
        let mut live = false;
        self.grid.candidates(p, pl + self.theta * self.eps, |j| {
            let c = sqdist(p, &self.other_pts[j * d..(j + 1) * d]);
            let (a, b) = if self.rows {
                (pl, self.other_pot[j])
            } else {
                (self.other_pot[j], pl)
            };
            if let Some(z) = arc_exponent(a, b, c, self.eps, self.theta) {
                live |= self.other_w[j].to_f64() > 0.0;
                visit(j, z);
            }
        });
        live
    }

    /// The potential that gives line l its largest kernel entry 1 over the positive-weight
    /// points of the other side: min_j (C_lj − pot_j) (brute force, O(k)).
    fn c_transform(&self, l: usize) -> f64 {
        let d = self.d;
        let p = &self.pts[l * d..(l + 1) * d];
        let mut best = f64::INFINITY;
        for (j, q) in self.other_pts.chunks(d).enumerate() {
            if self.other_w[j].to_f64() > 0.0 {
                best = best.min(sqdist(p, q) - self.other_pot[j]);
            }
        }
        best
    }

    /// Arcs per line (in `count`); lines with no arc to a positive-weight point get their
    /// potential from [`Lines::c_transform`] (in `fixed`, NaN when unchanged).
    fn count(&self, count: &mut [usize], fixed: &mut [f64], par: Par) {
        par_chunks(par, count, CHUNK, |c, out| {
            for (q, o) in out.iter_mut().enumerate() {
                let mut k = 0;
                *o = if self.arcs(c * CHUNK + q, |_, _| k += 1) {
                    k
                } else {
                    usize::MAX
                };
            }
        });
        par_chunks(par, fixed, CHUNK, |c, out| {
            for (q, o) in out.iter_mut().enumerate() {
                let l = c * CHUNK + q;
                *o = if count[l] == usize::MAX {
                    self.c_transform(l)
                } else {
                    f64::NAN
                };
            }
        });
    }

    /// Fills the arcs of every line, given their counts.
    fn fill(&self, count: &[usize], budget: usize, par: Par) -> Result<Sparse<T>> {
        let k = count.len();
        let mut ptr = filled("the truncated kernel's line starts", k + 1, 0usize)?;
        for l in 0..k {
            ptr[l + 1] = ptr[l] + count[l];
        }
        let nnz = ptr[k];
        check_budget::<T>(count, budget, self.eps)?;
        let mut idx = filled("the truncated kernel's indices", nnz, 0u32)?;
        let mut val = filled("the truncated kernel's values", nnz, T::ZERO)?;
        let mut pieces = try_vec_with_capacity("the truncated kernel's chunks", k.div_ceil(CHUNK))?;
        let (mut ri, mut rv) = (&mut idx[..], &mut val[..]);
        for c in 0..k.div_ceil(CHUNK) {
            let (l0, l1) = (c * CHUNK, ((c + 1) * CHUNK).min(k));
            let len = ptr[l1] - ptr[l0];
            let (a, b) = std::mem::take(&mut ri).split_at_mut(len);
            let (va, vb) = std::mem::take(&mut rv).split_at_mut(len);
            pieces.push((a, va));
            ri = b;
            rv = vb;
        }
        par_chunks(par, &mut pieces, 1, |c, piece| {
            let (ix, vx) = &mut piece[0];
            let mut at = 0;
            for l in c * CHUNK..((c + 1) * CHUNK).min(k) {
                self.arcs(l, |j, z| {
                    ix[at] = j as u32;
                    vx[at] = T::from_f64(z.exp());
                    at += 1;
                });
            }
        });
        drop(pieces);
        Ok(Sparse { ptr, idx, val })
    }
}

/// Refuses counts of arcs (`usize::MAX`: none, counted as 0) above `budget`.
fn check_budget<T>(count: &[usize], budget: usize, eps: f64) -> Result<()> {
    let nnz = count.iter().fold(0usize, |t, &c| {
        t.saturating_add(if c == usize::MAX { 0 } else { c })
    });
    if nnz > budget {
        bail!(
            OutOfMemory,
            "the truncated kernel needs {nnz} arcs at epsilon = {eps:e} ({} bytes for both copies), over kernel_memory_cap: raise it, or lower the truncation",
            nnz.saturating_mul(2 * (4 + std::mem::size_of::<T>()))
        );
    }
    Ok(())
}

/// Sets `pot_l = fixed_l` where that is not NaN; whether any was.
fn apply_fixes(pot: &mut [f64], fixed: &[f64]) -> bool {
    let mut any = false;
    for (p, &v) in pot.iter_mut().zip(fixed) {
        if !v.is_nan() {
            *p = v;
            any = true;
        }
    }
    any
}

/// The truncated kernel of a level: the row (CSR) and column (CSC) copies.
struct Kernel<T> {
    rows: Sparse<T>,
    cols: Sparse<T>,
}

/// A level's state: the two clouds, the stabilisation potentials α, β, the log-scalings, and
/// the kernel built from them.
struct Level<T> {
    x: Cloud<T>,
    y: Cloud<T>,
    alpha: Vec<f64>,
    beta: Vec<f64>,
    lu: Vec<f64>,
    lv: Vec<f64>,
    kernel: Option<Kernel<T>>,
    /// ε of the kernel (and of the scalings).
    eps: f64,
    /// L1 column error of the current state (∞ when unknown).
    col_err: f64,
}

/// Shared settings of a solve.
struct Setup<'a> {
    d: usize,
    lo: [f64; 3],
    ext: [f64; 3],
    theta: f64,
    /// Largest arc count of one copy (from `kernel_memory_cap`).
    budget: usize,
    params: &'a Params,
    par: Par,
}

impl<T: Real> Level<T> {
    /// Folds the scalings into α, β.
    fn absorb(&mut self) {
        for (a, l) in self.alpha.iter_mut().zip(self.lu.iter_mut()) {
            *a += self.eps * *l;
            *l = 0.0;
        }
        for (b, l) in self.beta.iter_mut().zip(self.lv.iter_mut()) {
            *b += self.eps * *l;
            *l = 0.0;
        }
    }

    /// Absorbs the scalings and builds the truncated kernel at ε = `eps`: lines without an
    /// arc to a positive weight first get their c-transform potential. Returns the arc count.
    fn build(&mut self, eps: f64, s: &Setup<'_>) -> Result<usize> {
        self.absorb();
        self.eps = eps;
        self.kernel = None;
        let d = s.d;
        let side = (s.theta * eps).sqrt() / 2.0;
        let (nx, ny) = (self.x.len(), self.y.len());
        let mut count_r = filled("the truncated kernel's row counts", nx, 0usize)?;
        let mut fixed_r = filled("the truncated kernel's row fixes", nx, 0.0f64)?;
        let mut count_c = filled("the truncated kernel's column counts", ny, 0usize)?;
        let mut fixed_c = filled("the truncated kernel's column fixes", ny, 0.0f64)?;
        // Rows (lines without an arc to a positive weight take their c-transform in α),
        // then columns with that α (the same for β); after any such fix every line is
        // counted again (the fixed lines' neighbours gain arcs). The budget is checked after
        // each count, before any further search.
        let grid_y = Grid::new(&self.y.pts, &self.beta, d, s.lo, s.ext, side)?;
        self.lines(&grid_y, true, eps, s)
            .count(&mut count_r, &mut fixed_r, s.par);
        check_budget::<T>(&count_r, s.budget, eps)?;
        let fixed_rows = apply_fixes(&mut self.alpha, &fixed_r);
        let grid_x = Grid::new(&self.x.pts, &self.alpha, d, s.lo, s.ext, side)?;
        self.lines(&grid_x, false, eps, s)
            .count(&mut count_c, &mut fixed_c, s.par);
        check_budget::<T>(&count_c, s.budget, eps)?;
        let fixed_cols = apply_fixes(&mut self.beta, &fixed_c);
        let grid_y = match fixed_cols {
            true => Grid::new(&self.y.pts, &self.beta, d, s.lo, s.ext, side)?,
            false => grid_y,
        };
        let rows = self.lines(&grid_y, true, eps, s);
        let cols = self.lines(&grid_x, false, eps, s);
        if fixed_rows || fixed_cols {
            rows.count(&mut count_r, &mut fixed_r, s.par);
            cols.count(&mut count_c, &mut fixed_c, s.par);
        }
        for c in count_r.iter_mut().chain(count_c.iter_mut()) {
            if *c == usize::MAX {
                bail!(
                    NonFinite,
                    "the truncated kernel lost a line after its c-transform (epsilon = {eps:e}): the potentials are not finite"
                );
            }
        }
        let rows = rows.fill(&count_r, s.budget, s.par)?;
        let cols = cols.fill(&count_c, s.budget, s.par)?;
        let arcs = rows.idx.len();
        self.kernel = Some(Kernel { rows, cols });
        Ok(arcs)
    }

    /// The build view of one side.
    fn lines<'a>(&'a self, grid: &'a Grid, rows: bool, eps: f64, s: &Setup<'_>) -> Lines<'a, T> {
        let (this, other, pot, other_pot) = if rows {
            (&self.x, &self.y, &self.alpha, &self.beta)
        } else {
            (&self.y, &self.x, &self.beta, &self.alpha)
        };
        Lines {
            pts: &this.pts,
            pot,
            other_pts: &other.pts,
            other_pot,
            other_w: &other.w,
            grid,
            d: s.d,
            eps,
            theta: s.theta,
            rows,
        }
    }
}

/// `sums[l] = Σ val·w[idx]` over the arcs of line l (products in `T`, sums in f64, in arc
/// order), lines in parallel chunks.
fn line_sums<T: Real>(k: &Sparse<T>, w: &[T], sums: &mut [f64], par: Par) {
    par_chunks(par, sums, CHUNK, |c, out| {
        for (q, o) in out.iter_mut().enumerate() {
            let l = c * CHUNK + q;
            let (b0, b1) = (k.ptr[l], k.ptr[l + 1]);
            let mut s = 0.0f64;
            for (&j, &v) in k.idx[b0..b1].iter().zip(&k.val[b0..b1]) {
                s += (v * w[j as usize]).to_f64();
            }
            *o = s;
        }
    });
}

/// `out_l = w_l·e^{lscal_l}` in `T`.
fn scaled_weights<T: Real>(w: &[T], lscal: &[f64], out: &mut [T]) {
    for ((o, &wl), &l) in out.iter_mut().zip(w).zip(lscal) {
        *o = T::from_f64(wl.to_f64() * l.exp());
    }
}

/// Per-line buffers of the iterations, sized for the input points (the largest level).
struct Bufs<T> {
    wx: Vec<T>,
    wy: Vec<T>,
    sx: Vec<f64>,
    sy: Vec<f64>,
}

impl<T: Real> Level<T> {
    /// A level on clouds `x`, `y` with potentials `f`, `g` (scalings 1, no kernel yet).
    fn new(x: Cloud<T>, y: Cloud<T>, f: Vec<f64>, g: Vec<f64>) -> Result<Self> {
        let (lu, lv) = (
            filled("the log-scalings", f.len(), 0.0)?,
            filled("the log-scalings", g.len(), 0.0)?,
        );
        Ok(Level {
            x,
            y,
            alpha: f,
            beta: g,
            lu,
            lv,
            kernel: None,
            eps: 1.0,
            col_err: f64::INFINITY,
        })
    }

    /// The update rule of the row (`rows`) or column side.
    fn side<'a>(&'a self, rows: bool, p: &Params) -> Side<'a, T> {
        let (w, pot, rho) = if rows {
            (&self.x.w, &self.alpha, p.rho_a)
        } else {
            (&self.y.w, &self.beta, p.rho_b)
        };
        Side {
            w,
            pot,
            eps: self.eps,
            rho,
            omega: 1.0,
        }
    }

    /// The row update at the current scalings, left in `bufs.sx` (not yet current):
    /// returns (error, mass, finite) of the current state, its error being the rows' L1
    /// error, the columns' (from the last column update) and twice the truncation bound.
    fn row_update(&self, bufs: &mut Bufs<T>, s: &Setup<'_>) -> (f64, f64, bool) {
        let Some(k) = &self.kernel else {
            return (f64::INFINITY, 0.0, false);
        };
        let (nx, ny) = (self.x.len(), self.y.len());
        scaled_weights(&self.y.w, &self.lv, &mut bufs.wy[..ny]);
        line_sums(&k.rows, &bufs.wy[..ny], &mut bufs.sx[..nx], s.par);
        let side = self.side(true, s.params);
        let (mut err, mut mass, mut ok) = (0.0, 0.0, true);
        for (l, sum) in bufs.sx[..nx].iter_mut().enumerate() {
            let (r, t, new) = side.update(l, self.lu[l], *sum);
            ok &= *sum > 0.0 && sum.is_finite() && new.is_finite();
            err += (r - t).abs();
            mass += r;
            *sum = new;
        }
        (err + self.col_err + 2.0 * self.dropped(s.theta), mass, ok)
    }

    /// Makes the row update in `bufs.sx` current, then runs the column update; returns
    /// whether it stayed finite (the column error of the new state is kept for the next
    /// check).
    fn col_update(&mut self, bufs: &mut Bufs<T>, s: &Setup<'_>) -> bool {
        let (nx, ny) = (self.x.len(), self.y.len());
        self.lu.copy_from_slice(&bufs.sx[..nx]);
        let ok = self.col_sums(bufs, s);
        let side = self.side(false, s.params);
        let mut err = 0.0;
        let mut ok = ok;
        for (j, sum) in bufs.sy[..ny].iter_mut().enumerate() {
            let (_, _, new) = side.update(j, self.lv[j], *sum);
            let (r, t, _) = side.update(j, new, *sum);
            ok &= *sum > 0.0 && sum.is_finite() && new.is_finite();
            err += (r - t).abs();
            *sum = new;
        }
        self.lv.copy_from_slice(&bufs.sy[..ny]);
        self.col_err = err;
        ok
    }

    /// Column sums at the current u in `bufs.sy`; false without a kernel.
    fn col_sums(&self, bufs: &mut Bufs<T>, s: &Setup<'_>) -> bool {
        let Some(k) = &self.kernel else {
            return false;
        };
        let (nx, ny) = (self.x.len(), self.y.len());
        scaled_weights(&self.x.w, &self.lu, &mut bufs.wx[..nx]);
        line_sums(&k.cols, &bufs.wx[..nx], &mut bufs.sy[..ny], s.par);
        true
    }

    /// The column error of the current state (after a build).
    fn measure_cols(&mut self, bufs: &mut Bufs<T>, s: &Setup<'_>) {
        let ny = self.y.len();
        self.col_err = if self.col_sums(bufs, s) {
            let side = self.side(false, s.params);
            let mut err = 0.0;
            for (j, &sum) in bufs.sy[..ny].iter().enumerate() {
                let (r, t, _) = side.update(j, self.lv[j], sum);
                err += (r - t).abs();
            }
            err
        } else {
            f64::INFINITY
        };
    }

    /// max over |log u|, |log v|.
    fn max_log(&self) -> f64 {
        self.lu
            .iter()
            .chain(&self.lv)
            .fold(0.0f64, |m, l| m.max(l.abs()))
    }

    /// The bound D = e^{−θ}·(Σ a u)(Σ b v) on the mass the truncation drops.
    fn dropped(&self, theta: f64) -> f64 {
        let su: f64 = self
            .x
            .w
            .iter()
            .zip(&self.lu)
            .map(|(a, l)| a.to_f64() * l.exp())
            .sum();
        let sv: f64 = self
            .y
            .w
            .iter()
            .zip(&self.lv)
            .map(|(b, l)| b.to_f64() * l.exp())
            .sum();
        (-theta).exp() * su * sv
    }

    /// The potentials f = α + ε log u (x side) and g (y side).
    fn potentials(&self) -> Result<(Vec<f64>, Vec<f64>)> {
        let mut f = filled("the potentials", self.x.len(), 0.0)?;
        let mut g = filled("the potentials", self.y.len(), 0.0)?;
        for ((o, a), l) in f.iter_mut().zip(&self.alpha).zip(&self.lu) {
            *o = a + self.eps * l;
        }
        for ((o, b), l) in g.iter_mut().zip(&self.beta).zip(&self.lv) {
            *o = b + self.eps * l;
        }
        Ok((f, g))
    }
}

/// −ε·log Σ_j w_j exp((pot_j − |p − q_j|²)/ε) over the points j of `other` listed in
/// `idx` with positive weight; `None` if there is none.
fn soft_min<T: Real>(
    p: &[f64],
    idx: &[u32],
    other: &Cloud<T>,
    pot: &[f64],
    eps: f64,
) -> Option<f64> {
    let d = p.len();
    let term = |j: usize| {
        let w = other.w[j].to_f64();
        (w > 0.0).then(|| w.ln() + (pot[j] - sqdist(p, &other.pts[j * d..(j + 1) * d])) / eps)
    };
    let best = idx
        .iter()
        .filter_map(|&j| term(j as usize))
        .fold(f64::NEG_INFINITY, f64::max);
    if best == f64::NEG_INFINITY {
        return None;
    }
    let sum: f64 = idx
        .iter()
        .filter_map(|&j| term(j as usize))
        .map(|z| (z - best).exp())
        .sum();
    Some(-eps * (best + sum.ln()))
}

/// The potentials of the finer clouds `fx`, `fy` from a coarser level: each new point's
/// potential is the soft-min, at the coarse ε, of the other side's coarse potentials over
/// the arcs of its parent cluster (GeomLoss's extrapolation); the parent's own potential
/// where no arc has positive weight.
fn extrapolate<T: Real>(
    coarse: &Level<T>,
    fx: &Cloud<T>,
    fy: &Cloud<T>,
    d: usize,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let (cf, cg) = coarse.potentials()?;
    let mut f = filled("the potentials", fx.len(), 0.0)?;
    let mut g = filled("the potentials", fy.len(), 0.0)?;
    for (q, o) in f.iter_mut().enumerate() {
        let parent = coarse.x.of_fine[fx.rep[q] as usize] as usize;
        *o = coarse
            .kernel
            .as_ref()
            .and_then(|k| {
                let arcs = &k.rows.idx[k.rows.ptr[parent]..k.rows.ptr[parent + 1]];
                soft_min(
                    &fx.pts[q * d..(q + 1) * d],
                    arcs,
                    &coarse.y,
                    &cg,
                    coarse.eps,
                )
            })
            .unwrap_or(cf[parent]);
    }
    for (q, o) in g.iter_mut().enumerate() {
        let parent = coarse.y.of_fine[fy.rep[q] as usize] as usize;
        *o = coarse
            .kernel
            .as_ref()
            .and_then(|k| {
                let arcs = &k.cols.idx[k.cols.ptr[parent]..k.cols.ptr[parent + 1]];
                soft_min(
                    &fy.pts[q * d..(q + 1) * d],
                    arcs,
                    &coarse.x,
                    &cf,
                    coarse.eps,
                )
            })
            .unwrap_or(cg[parent]);
    }
    Ok((f, g))
}

/// The clouds a stage at ε = `e` runs on: clusters of side √ε, or `None` for the points
/// themselves (when the clusters would be at least half as many as the points).
fn clusters_for<T: Real>(
    e: f64,
    xp: &[f64],
    yp: &[f64],
    a: &[T],
    b: &[T],
    s: &Setup<'_>,
) -> Result<Option<(Cloud<T>, Cloud<T>)>> {
    let (n, m) = (a.len(), b.len());
    let h = CLUSTER_SIDE * e.sqrt();
    let dims = grid_dims(&s.ext, h, s.d);
    if dims.iter().map(|&x| x as f64).product::<f64>() >= (n + m) as f64 * 4.0 {
        return Ok(None);
    }
    let cx = cluster(xp, a, s.d, &s.lo, h, &dims)?;
    let cy = cluster(yp, b, s.d, &s.lo, h, &dims)?;
    Ok((2 * (cx.len() + cy.len()) < n + m).then_some((cx, cy)))
}

/// Solves on the truncated kernel (see the module documentation): `f`, `g` hold the starting
/// potentials (`warm`: a warm start, every stage on the points; else a cold start on
/// clusters) and get the result; `scale` is the cost's
/// scale (the first ε of the automatic schedule). Records every stage in `trace` when given.
/// The caller has checked the inputs (point clouds with d ≤ 3) and writes `Info::dual`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn solve<T: Real>(
    x: crate::MatRef<'_, T>,
    y: crate::MatRef<'_, T>,
    a: &[T],
    b: &[T],
    f: &mut [f64],
    g: &mut [f64],
    warm: bool,
    params: &Params,
    scale: f64,
    par: Par,
    mut trace: Option<&mut Vec<Stage>>,
) -> Result<Info> {
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    let xp = input_points(x)?;
    let yp = input_points(y)?;
    let (lo, hi) = bounding_box(x, y);
    let ext: [f64; 3] = std::array::from_fn(|t| hi[t] - lo[t]);
    let ma: f64 = a.iter().map(|v| v.to_f64()).sum();
    let mb: f64 = b.iter().map(|v| v.to_f64()).sum();
    let theta = truncation(params, ma, mb);
    let s = Setup {
        d,
        lo,
        ext,
        theta,
        budget: params.kernel_memory_cap / (2 * (4 + std::mem::size_of::<T>())),
        params,
        par,
    };
    let eps = params.epsilon;
    let start = if params.scaling.start > 0.0 {
        params.scaling.start
    } else {
        scale
    };
    let steps = if params.scaling.steps > 0 {
        params.scaling.steps
    } else if start > eps && !warm {
        (start / eps).log2().ceil() as usize
    } else {
        0
    };
    let mut bufs = Bufs {
        wx: filled("the iteration buffers", n, T::ZERO)?,
        wy: filled("the iteration buffers", m, T::ZERO)?,
        sx: filled("the iteration buffers", n, 0.0)?,
        sy: filled("the iteration buffers", m, 0.0)?,
    };
    let mut info = Info {
        eps_start: eps,
        path: Path::Truncated,
        omega: 1.0,
        ..Info::default()
    };
    let mut level: Option<Level<T>> = None;
    let mut fine = false;
    // Once the cap is reached or the observer stopped the solve, the remaining intermediate
    // stages are skipped without being visited (a caller may ask for 2^64 of them).
    let schedule_over = std::cell::Cell::new(false);
    let stages = schedule::intermediate(start, eps, steps)
        .take_while(|_| !schedule_over.get())
        .map(|e| (e, false))
        .chain(std::iter::once((eps, true)));
    for (k, (e, target)) in stages.enumerate() {
        let done = info.scaling_iterations;
        if !target {
            if done >= params.max_iter || info.cancelled {
                schedule_over.set(true);
                continue;
            }
            if k == 0 {
                info.eps_start = e;
            }
            info.eps_steps += 1;
        }
        // The clouds of this stage, and the potentials carried to them.
        if !fine {
            let coarse = match warm || target {
                true => None,
                false => clusters_for(e, &xp, &yp, a, b, &s)?,
            };
            let (cx, cy) = match coarse {
                Some(c) => c,
                None => {
                    fine = true;
                    (fine_cloud(&xp, a)?, fine_cloud(&yp, b)?)
                }
            };
            let (f0, g0) = match &level {
                Some(prev) => extrapolate(prev, &cx, &cy, d)?,
                None if fine => {
                    let mut f0 = filled("the potentials", n, 0.0)?;
                    let mut g0 = filled("the potentials", m, 0.0)?;
                    f0.copy_from_slice(f);
                    g0.copy_from_slice(g);
                    (f0, g0)
                }
                None => (
                    filled("the potentials", cx.len(), 0.0)?,
                    filled("the potentials", cy.len(), 0.0)?,
                ),
            };
            level = Some(Level::new(cx, cy, f0, g0)?);
        }
        let Some(lvl) = level.as_mut() else {
            bail!(InvalidArgument, "no level to solve on");
        };
        let mut stage = Stage {
            epsilon: e,
            rows: lvl.x.len(),
            cols: lvl.y.len(),
            fine,
            ..Stage::default()
        };
        let cap = match (target, info.cancelled) {
            (true, true) => 0,
            (true, false) => params.max_iter - done,
            (false, _) => params.scaling.iters_per_step.min(params.max_iter - done),
        };
        let mut rebuild = true;
        let mut failures = 0;
        let mut it = 0;
        loop {
            if rebuild {
                stage.arcs = stage.arcs.max(lvl.build(e, &s)?);
                stage.builds += 1;
                lvl.measure_cols(&mut bufs, &s);
            }
            if !target && it == cap {
                break;
            }
            let (err, mass, ok) = lvl.row_update(&mut bufs, &s);
            if !ok {
                failures += 1;
                if failures > 2 {
                    bail!(
                        NonFinite,
                        "the truncated kernel gave a zero or non-finite line sum at epsilon = {e:e} after a rebuild"
                    );
                }
                rebuild = true;
                continue;
            }
            let check_now = (it >= 1 && it % params.check_every == 0) || (target && it == cap);
            if check_now {
                if target {
                    info.marginal_error = err;
                    info.mass = mass;
                    if err <= params.tolerance {
                        info.converged = true;
                        break;
                    }
                }
                if !(target && info.cancelled)
                    && progress::check((done + it) as u64, err) == Flow::Stop
                {
                    info.cancelled = true;
                    break;
                }
                if target && info.cancelled {
                    break;
                }
            }
            if target && it == cap {
                break;
            }
            if !lvl.col_update(&mut bufs, &s) {
                failures += 1;
                rebuild = true;
                continue;
            }
            failures = 0;
            it += 1;
            rebuild = lvl.max_log() > TAU;
        }
        stage.iterations = it;
        info.kernel_builds += stage.builds;
        if target {
            info.iterations = it;
        } else {
            info.scaling_iterations += it;
        }
        if let Some(t) = trace.as_deref_mut() {
            t.try_reserve(1)
                .map_err(|_| crate::workspace::out_of_memory("the stage trace", 64))?;
            t.push(stage);
        }
    }
    let Some(lvl) = level else {
        bail!(InvalidArgument, "no level was solved");
    };
    let (ff, gg) = lvl.potentials()?;
    for (i, o) in f.iter_mut().enumerate() {
        *o = ff[lvl.x.of_fine[i] as usize];
    }
    for (j, o) in g.iter_mut().enumerate() {
        *o = gg[lvl.y.of_fine[j] as usize];
    }
    Ok(info)
}

/// [`Path::Truncated`] from [`sinkhorn_in_place`](super::sinkhorn_in_place) (inputs
/// checked): point clouds of dimension 1–3 only; rescales b to a's mass as the other paths do
/// and fills `Info::dual`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn truncated_in_place<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    f: &mut [f64],
    g: &mut [f64],
    params: &Params,
    scale: f64,
    log_b_scale: f64,
    par: Par,
    trace: Option<&mut Vec<Stage>>,
) -> Result<Info> {
    let Cost::SqEuclidean { x, y } = cost else {
        bail!(
            InvalidArgument,
            "the truncated path needs point clouds (squared Euclidean cost on the fly), not a dense cost"
        );
    };
    if x.ncols() > 3 {
        bail!(
            InvalidArgument,
            "the truncated path bins points in a grid of dimension 1-3: these have dimension {}",
            x.ncols()
        );
    }
    let warm = f.iter().chain(g.iter()).any(|&v| v != 0.0);
    let s = log_b_scale.exp();
    let mut b_scaled = try_vec_with_capacity("the rescaled weights", b.len())?;
    b_scaled.extend(b.iter().map(|&x| T::from_f64(x.to_f64() * s)));
    let b: &[T] = if log_b_scale != 0.0 { &b_scaled } else { b };
    let g_shift = params.epsilon * log_b_scale;
    let mut g_work = try_vec_with_capacity("the potentials", g.len())?;
    g_work.extend(g.iter().map(|&x| x - g_shift));
    let mut f_work = try_vec_with_capacity("the potentials", f.len())?;
    f_work.extend_from_slice(f);
    let mut info = solve(
        x,
        y,
        a,
        b,
        &mut f_work,
        &mut g_work,
        warm,
        params,
        scale,
        par,
        trace,
    )?;
    info.dual = entropic_dual(a, b, &f_work, &g_work, params, info.mass);
    f.copy_from_slice(&f_work);
    for (o, &x) in g.iter_mut().zip(&g_work) {
        *o = x + g_shift;
    }
    Ok(info)
}

/// Solves entropic OT on the truncated kernel ([`Path::Truncated`], whatever `params.path`
/// says) from a cold start (or from `init = (f, g)`, every stage then on the points), with
/// `params.num_threads` threads; returns the solution and, for each ε stage, its clouds'
/// sizes, arcs, builds and iterations.
pub fn sinkhorn_truncated<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    init: Option<(&[f64], &[f64])>,
    params: &Params,
) -> Result<(Solution, Vec<Stage>)> {
    let params = Params {
        path: Path::Truncated,
        ..*params
    };
    check_params(&params)?;
    let scale = check_cost(&cost)?;
    let (n, m) = cost.dims();
    let log_b_scale = check_marginals(a, b, n, m, &params)?;
    let (mut f, mut g) = match init {
        Some((f, g)) if f.len() == n && g.len() == m => (f.to_vec(), g.to_vec()),
        Some((f, g)) => bail!(
            InvalidDimension,
            "init has {} and {} potentials for a {n}x{m} cost",
            f.len(),
            g.len()
        ),
        None => (
            filled("the potentials", n, 0.0)?,
            filled("the potentials", m, 0.0)?,
        ),
    };
    check_finite("f (warm start)", f.iter().copied())?;
    check_finite("g (warm start)", g.iter().copied())?;
    let mut trace = Vec::new();
    let info = crate::par::with_threads(params.num_threads, |par| {
        truncated_in_place(
            cost,
            a,
            b,
            &mut f,
            &mut g,
            &params,
            scale,
            log_b_scale,
            par,
            Some(&mut trace),
        )
    })??;
    Ok((Solution { f, g, info }, trace))
}
