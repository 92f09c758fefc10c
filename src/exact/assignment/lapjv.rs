//! Jonker–Volgenant (LAPJV) on a dense n × n cost read row by row: column reduction,
//! reduction transfer, two passes of augmenting row reduction, then one shortest augmenting
//! path (Dijkstra on reduced costs) per row still free.
//!
//! Duals: `v` is explicit, `u_i = C_{i,x_i} − v_{x_i}` is implicit (as in the paper). Each
//! phase keeps `C_ij − u_i − v_j ≥ 0` (up to rounding) for the assigned rows.
//!
//! The Dijkstra step differs from the paper's column lists: scanned columns get `v_j = −∞`
//! and `d_j = +∞` for the duration of the search (their true values are kept in the ready
//! list), so relaxing a row and finding the next nearest column is one contiguous pass over
//! all columns in vector lanes ([`relax`]), with no index gathers. Ties between the nearest
//! columns go to the first index; the paper prefers a free column among them, which ends the
//! search at once. On costs with many ties (small integers, equal costs) the first index
//! makes each search scan a row per assigned column of a plateau (n = 1000, all costs equal:
//! n²/2 rows in all). On those costs ([`Crowding::Tied`]) the searches, after [`TIE_RUN`]
//! equal distances in a row, look for a free column at that distance (a pass over the
//! columns): the same shortest distance, hence the same optimum. The searches of the other
//! costs are a separate instance without that check (inside their loop it cost them 4–10 %).
//!
//! Progress: each augmentation is reported to the thread's [`progress`] observer (iteration
//! = augmentations so far, error = rows still free); a stop gives the rows still free the
//! free columns in order, so the result stays a permutation.

use super::scan::{arch, lower_minima, range_of_rows, relax, two_smallest};
use crate::exact::network_simplex::row_min;
use crate::progress::{self, Flow};
use crate::MatRef;
use faer::ContiguousFwd;

/// Marks an unassigned row or column.
pub(super) const NONE: usize = usize::MAX;

/// Equal distances in a row after which a search on tied costs looks for a free column at
/// that distance (again after twice as many). At n = 1000: integers in {0, 1, 2} 96 → 4 ms,
/// all costs equal 88 → 4 ms (rows scanned 488 k → 8.7 k and 499 k → 9.0 k).
const TIE_RUN: usize = 8;

/// Row access to the cost: contiguous rows are borrowed, strided rows copied into a buffer.
pub(super) struct Rows<'a> {
    mat: MatRef<'a, f64>,
    fast: Option<MatRef<'a, f64, usize, usize, isize, ContiguousFwd>>,
}

impl<'a> Rows<'a> {
    /// Wraps an n × n view.
    pub fn new(mat: MatRef<'a, f64>) -> Self {
        Rows {
            mat,
            fast: mat.try_as_row_major(),
        }
    }

    /// Row i, borrowed when contiguous, else copied into `buf` (length n).
    #[inline]
    pub fn row<'b>(&'b self, i: usize, buf: &'b mut [f64]) -> &'b [f64] {
        match self.fast {
            Some(f) => f.row(i).as_slice(),
            None => {
                for (j, b) in buf.iter_mut().enumerate() {
                    *b = self.mat[(i, j)];
                }
                buf
            }
        }
    }

    /// Row i when it is contiguous in memory (a row-major view).
    #[inline]
    pub fn contiguous(&self, i: usize) -> Option<&'a [f64]> {
        self.fast.map(|f| f.row(i).as_slice())
    }

    /// The order n.
    pub fn n(&self) -> usize {
        self.mat.nrows()
    }

    /// Entry (i, j).
    #[inline]
    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.mat[(i, j)]
    }
}

/// The solver's arrays, each of length n (taken from the workspace).
pub(super) struct Work<'w> {
    /// Column of each row (`NONE` while free).
    pub x: &'w mut [usize],
    /// Row of each column (`NONE` while free).
    pub y: &'w mut [usize],
    /// Column duals.
    pub v: &'w mut [f64],
    /// Dijkstra distances.
    pub d: &'w mut [f64],
    /// "This row won several columns" flags of the column reduction.
    pub several: &'w mut [u8],
    /// Scanned columns of the current search, in order.
    pub ready: &'w mut [usize],
    /// Their distances when scanned.
    pub ready_d: &'w mut [f64],
    /// Their duals before the search.
    pub ready_v: &'w mut [f64],
    /// The dual `u` with which the row assigned to each was relaxed.
    pub ready_u: &'w mut [f64],
    /// Free rows.
    pub free: &'w mut [usize],
    /// A copy of a strided row.
    pub buf: &'w mut [f64],
}

impl Work<'_> {
    /// The same arrays, borrowed again.
    pub fn reborrow(&mut self) -> Work<'_> {
        Work {
            x: self.x,
            y: self.y,
            v: self.v,
            d: self.d,
            several: self.several,
            ready: self.ready,
            ready_d: self.ready_d,
            ready_v: self.ready_v,
            ready_u: self.ready_u,
            free: self.free,
            buf: self.buf,
        }
    }
}

/// Counts of the work done by [`solve`].
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Stats {
    /// Shortest augmenting paths (rows left free by the reductions).
    pub augmentations: u64,
    /// Rows scanned by those searches (each an O(n) pass).
    pub scanned_rows: u64,
    /// Bids of the auction's start (0 when not run).
    pub bids: u64,
    /// True when the auction's first phases, on candidate arcs alone, spent their bid budget
    /// (a price war) and the auction started again on all arcs.
    pub price_war: bool,
    /// True when a [`progress`] observer stopped the searches: the rows
    /// still free were then given the free columns in increasing order.
    pub cancelled: bool,
}

/// Solves the assignment problem for the n × n cost `c` (n ≥ 1) from its column minima in `v`
/// and their rows in `ready` (see [`column_minima`]): afterwards `x` and `y` are inverse
/// permutations (row i ↔ column x_i) and `v` the column duals. `ties`: the searches' rule
/// for costs with many ties (see [`search`]). O(n²) per phase besides the searches; each
/// search O(n · rows scanned).
pub(super) fn solve(c: &Rows<'_>, w: Work<'_>, ties: bool) -> Stats {
    let n = w.x.len();
    if n == 1 {
        (w.x[0], w.y[0]) = (0, 0);
        return Stats::default();
    }
    let mut dense = DenseRows { c, buf: w.buf };
    let nfree = reduce(&mut dense, w.ready, w.x, w.y, w.v, w.several, w.free);
    search(
        c,
        Work {
            buf: dense.buf,
            ..w
        },
        nfree,
        ties,
    )
}

/// One shortest augmenting path (Dijkstra on the reduced costs, a dense pass per scanned
/// row) for each free row `free[..nfree]`, from duals `v` under which every assigned row's
/// column is one of its smallest reduced cost; afterwards `x`, `y` are inverse permutations.
/// With `ties` (costs with many ties, see [`Crowding::Tied`]) a search on a plateau of equal
/// distances looks for a free column at that distance (see the module). O(n · rows scanned).
pub(super) fn search(c: &Rows<'_>, w: Work<'_>, nfree: usize, ties: bool) -> Stats {
    if ties {
        search_with::<true>(c, w, nfree)
    } else {
        search_with::<false>(c, w, nfree)
    }
}

/// [`search`], looking for a free column on plateaus of equal distances when `TIES` (see the
/// module).
#[inline(never)]
fn search_with<const TIES: bool>(c: &Rows<'_>, w: Work<'_>, nfree: usize) -> Stats {
    let Work {
        x,
        y,
        v,
        d,
        ready,
        ready_d,
        ready_v,
        ready_u,
        free,
        buf,
        ..
    } = w;
    let arch = arch();
    let mut stats = Stats::default();
    for (k, &f) in free[..nfree].iter().enumerate() {
        if stats.cancelled {
            complete(x, y, &free[k..nfree]);
            break;
        }
        d.fill(f64::INFINITY);
        let (mut mu, mut jmin) = relax(arch, c.row(f, buf), v, d, 0.0);
        let mut scanned = 0;
        let mut run = 0usize;
        while y[jmin] != NONE {
            let i = y[jmin];
            let vj = v[jmin];
            let r = c.row(i, buf);
            let u1 = (r[jmin] - vj) - mu;
            ready[scanned] = jmin;
            ready_d[scanned] = mu;
            ready_v[scanned] = vj;
            ready_u[scanned] = u1;
            scanned += 1;
            v[jmin] = f64::NEG_INFINITY;
            d[jmin] = f64::INFINITY;
            let before = mu;
            (mu, jmin) = relax(arch, r, v, d, u1);
            if TIES {
                // A free column at the plateau's distance ends the search (looked for after
                // TIE_RUN, 2·TIE_RUN, 4·TIE_RUN, ... equal distances in a row).
                run = if mu == before { run + 1 } else { 0 };
                if run >= TIE_RUN && run.is_power_of_two() {
                    jmin = free_at(d, y, mu).unwrap_or(jmin);
                }
            }
        }
        for k in 0..scanned {
            v[ready[k]] = ready_v[k] + (ready_d[k] - mu);
        }
        // Back along the path: the predecessor of a column is the first row, among f and the
        // rows scanned before the column, whose relaxation gave its final distance (the same
        // operations as in `relax`, so the same bits); later rows never lowered it.
        let (mut j, mut dist, mut vj, mut before) = (jmin, mu, v[jmin], scanned);
        loop {
            let mut from = None;
            if c.at(f, j) - vj - 0.0 != dist {
                from = (0..before).find(|&t| (c.at(y[ready[t]], j) - vj) - ready_u[t] == dist);
                debug_assert!(from.is_some(), "no predecessor for column {j}");
            }
            let i = from.map_or(f, |t| y[ready[t]]);
            y[j] = i;
            x[i] = j;
            let Some(t) = from else {
                break;
            };
            (j, dist, vj, before) = (ready[t], ready_d[t], ready_v[t], t);
        }
        stats.augmentations += 1;
        stats.scanned_rows += scanned as u64 + 1;
        // Reported with the rows still free; a stop takes effect before the next search.
        let left = (nfree - k - 1) as f64;
        stats.cancelled = progress::check(stats.augmentations, left) == Flow::Stop;
    }
    stats
}

/// The first free column (`y_j` = `NONE`) at distance `mu`, if any. O(n).
fn free_at(d: &[f64], y: &[usize], mu: f64) -> Option<usize> {
    (0..d.len()).find(|&j| d[j] == mu && y[j] == NONE)
}

/// The column minima `v_j = min_i C_ij`, at row `arg[j]` (the first on ties), in one pass
/// over the rows that also checks the values: `Ok((lo, hi))`, the smallest and largest
/// entry, or `Err(i)`, the first row holding a NaN or an infinity. O(n²) in vector lanes.
pub(super) fn column_minima(
    c: &Rows<'_>,
    v: &mut [f64],
    arg: &mut [usize],
    buf: &mut [f64],
) -> Result<(f64, f64), usize> {
    let arch = arch();
    let n = v.len();
    v.fill(f64::INFINITY);
    range_of_rows(n, |i| lower_minima(arch, c.row(i, buf), v, arg, i))
}

/// The fraction of rows holding no column minimum above which they are
/// [`Crowding::Crowded`]: above uniform i.i.d. costs (about 1/e, the chance that a row holds
/// none of n independent minima: 35–38 % measured at n = 600 to 1000, six seeds), at or below
/// uniform point clouds (2-D: 39–44 %, 4-D and 8-D: 38–43 %, 16-D: 41–45 %, 32-D: 45–49 %;
/// 64-D to 512-D, at n = 1000: 50–58 %).
const CROWDED_FRACTION: f64 = 0.40;

/// The fraction above which they are [`Crowding::Tied`]: costs with many ties, whose tied
/// minima go to the first rows (integers in {0, 1, 2}: 98 %, all costs equal: all rows but
/// one, n = 1000), far above any float cost measured (58 %).
const TIED_FRACTION: f64 = 0.80;

/// How the column minima fall on the rows (see [`crowding`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Crowding {
    /// Spread over the rows: LAPJV's reductions leave few rows free.
    Spread,
    /// Crowded on few rows: the reductions leave many rows free and the searches are long,
    /// so an auction's start pays (see `dense_auction` and `sparse`).
    Crowded,
    /// Nearly all on a few rows, as ties go to the first: costs with many ties, whose
    /// candidate arcs are all tied and whose auction has no ε to scale. The dense LAPJV with
    /// its rule for ties (see the module) solves them at every n.
    Tied,
}

/// How the column minima, whose rows are `arg` (see [`column_minima`]), fall on the rows:
/// by the fraction of rows holding none of them ([`CROWDED_FRACTION`], [`TIED_FRACTION`]).
/// `seen` (length n) is scratch. O(n).
pub(super) fn crowding(arg: &[usize], seen: &mut [u8]) -> Crowding {
    seen.fill(0);
    for &i in arg {
        seen[i] = 1;
    }
    let without = seen.iter().filter(|&&s| s == 0).count() as f64 / arg.len() as f64;
    if without > TIED_FRACTION {
        Crowding::Tied
    } else if without > CROWDED_FRACTION {
        Crowding::Crowded
    } else {
        Crowding::Spread
    }
}

/// Two smallest reduced costs `c_ij − v_j` of a row, over the arcs the solver knows.
pub(super) trait ReducedRows {
    /// `(u1, j1, u2, j2)` over row i's arcs (at least 2), as [`two_smallest`].
    fn two_smallest(&mut self, i: usize, v: &[f64]) -> (f64, usize, f64, usize);

    /// A bid of row i: `(u1, j1, w)` with `u1 = C_ij1 − v_j1` its smallest reduced cost
    /// (exact over all arcs) and `u1 ≤ w ≤` its second smallest (`w` may be below it when
    /// the second smallest is not known cheaply). The exact second smallest by default.
    fn bid(&mut self, i: usize, v: &[f64]) -> (f64, usize, f64) {
        let (u1, j1, u2, _) = self.two_smallest(i, v);
        (u1, j1, u2)
    }
}

/// Every arc of a dense cost (`buf`: room for a strided row).
pub(super) struct DenseRows<'c, 'a, 'w> {
    pub c: &'c Rows<'a>,
    pub buf: &'w mut [f64],
}

impl ReducedRows for DenseRows<'_, '_, '_> {
    fn two_smallest(&mut self, i: usize, v: &[f64]) -> (f64, usize, f64, usize) {
        two_smallest(self.c.row(i, self.buf), v)
    }
}

/// The reductions of LAPJV after the column minima `v_j = min_i C_ij` (at row `arg[j]`):
/// each column goes to its row when that row is free (last column first), a row holding one
/// column transfers its second smallest reduced cost to it, and two passes of augmenting row
/// reduction (at most n reductions in all) move the free rows. Writes the rows still free
/// into `free` and returns their count; `x`, `y` hold the partial assignment, `v` stays
/// feasible on the arcs of `rows`. O(n) calls of `rows.two_smallest`.
pub(super) fn reduce(
    rows: &mut impl ReducedRows,
    arg: &[usize],
    x: &mut [usize],
    y: &mut [usize],
    v: &mut [f64],
    several: &mut [u8],
    free: &mut [usize],
) -> usize {
    let n = x.len();
    x.fill(NONE);
    y.fill(NONE);
    several.fill(0);
    for j in (0..n).rev() {
        let i = arg[j];
        if x[i] == NONE {
            x[i] = j;
            y[j] = i;
        } else {
            several[i] = 1;
        }
    }

    // Reduction transfer: a row holding one column takes its second smallest reduced cost.
    let mut nfree = 0;
    for i in 0..n {
        if x[i] == NONE {
            free[nfree] = i;
            nfree += 1;
        } else if several[i] == 0 {
            let j1 = x[i];
            let (u1, k1, u2, _) = rows.two_smallest(i, v);
            v[j1] -= if k1 == j1 { u2 } else { u1 };
        }
    }

    // Augmenting row reduction, two passes over the free rows.
    // The paper's loop can go on for very long on near-ties (many rows bidding for a few
    // columns by tiny decrements, as on 2-D point clouds): after n reductions in all, the
    // rows still displaced are left to the searches.
    let mut steps = 0usize;
    for _ in 0..2 {
        let prev = nfree;
        nfree = 0;
        let mut k = 0;
        let mut count = 0usize;
        while k < prev {
            let i = free[k];
            k += 1;
            count += 1;
            let (u1, mut j1, u2, j2) = rows.two_smallest(i, v);
            let mut i0 = y[j1];
            let v1 = v[j1] - (u2 - u1);
            let lowers = v1 < v[j1];
            steps += 1;
            if count < k.saturating_mul(n) && steps <= n {
                if lowers {
                    v[j1] = v1;
                } else if i0 != NONE {
                    j1 = j2;
                    i0 = y[j2];
                }
                if i0 != NONE {
                    if lowers {
                        k -= 1;
                        free[k] = i0;
                    } else {
                        free[nfree] = i0;
                        nfree += 1;
                    }
                }
            } else if i0 != NONE {
                free[nfree] = i0;
                nfree += 1;
            }
            if i0 != NONE {
                x[i0] = NONE;
            }
            x[i] = j1;
            y[j1] = i;
        }
    }
    nfree
}

/// Gives the free `rows` the free columns (`y` = `NONE`), in increasing order: a
/// permutation, not optimal, after a stop. O(n).
pub(super) fn complete(x: &mut [usize], y: &mut [usize], rows: &[usize]) {
    let mut j = 0;
    for &i in rows {
        while y[j] != NONE {
            j += 1;
        }
        x[i] = j;
        y[j] = i;
    }
}

/// The row duals `u_i = C_{i,x_i} − v_{x_i}` (into `u`), the cost `Σ_i C_{i,x_i}` (in row
/// order) and the certificate `min_ij (C_ij − v_j) − u_i` over all n² arcs, in one SIMD pass
/// over the rows. Returns `(cost, gap)`. O(n²).
pub(super) fn certify(
    c: &Rows<'_>,
    x: &[usize],
    v: &[f64],
    u: &mut [f64],
    buf: &mut [f64],
) -> (f64, f64) {
    let arch = arch();
    let mut total = 0.0f64;
    let mut gap = f64::INFINITY;
    for (i, &j) in x.iter().enumerate() {
        let r = c.row(i, buf);
        let ci = r[j];
        total += ci;
        u[i] = ci - v[j];
        let least = row_min(arch, r, v, f64::INFINITY).map_or(f64::INFINITY, |(m, _)| m);
        gap = gap.min(least - u[i]);
    }
    (total, gap)
}

/// A solved problem: the work counts, the cost `Σ_i C_{i,x_i}` and the certificate over all
/// arcs (see [`certify`]).
pub(super) struct Solved {
    pub stats: Stats,
    pub cost: f64,
    pub gap: f64,
}

/// [`solve`] on the arrays of `w` (with the rule for ties when `ties`), then [`certify`] (row
/// duals into `w.d`). O(n²) besides the searches.
pub(super) fn solve_dense(c: &Rows<'_>, mut w: Work<'_>, ties: bool) -> Solved {
    let stats = solve(c, w.reborrow(), ties);
    let (cost, gap) = certify(c, w.x, w.v, w.d, w.buf);
    Solved { stats, cost, gap }
}
