//! The assignment solver for large n: LAPJV whose rows are read through a few candidate arcs
//! and a lower bound on all the others, so that a scanned row costs O(candidates · log n)
//! instead of a pass over its n costs, and the result is still exact on all n² arcs.
//!
//! The duals `v` only decrease after the column reduction (the reductions and the dual update
//! of the shortest paths both lower them), so `C_ij − v_j` only increases: a lower bound on it
//! over a row's other columns, computed once, stays valid. Each row keeps:
//! - candidates: its [`ROW_ARCS`] smallest `C_ij − v_j` after the column reduction (one pass
//!   over the rows), stored with their costs in a slot of [`ROW_CAPACITY`] arcs;
//! - `bound[i]` ≤ `C_ij − v_j` for every column j not among its candidates.
//!
//! Dijkstra runs on the complete graph: a scanned row relaxes its candidates and puts a
//! *virtual* entry `base_i + bound[i]` (a lower bound on every label its other arcs can give)
//! in the heap beside the columns. When a virtual entry is the smallest, the row is expanded
//! (a pass over its dense row: its [`ADD_ARCS`] smallest other `C_ij − v_j` become candidates,
//! the next one the new bound), its new arcs relaxed, and its entry pushed again. A column
//! popped before every virtual entry has its exact shortest-path label, so the searches, the
//! dual updates and the reductions (whose two smallest reduced costs are checked against the
//! bound the same way) are those of the dense LAPJV: the duals stay feasible on all arcs. A row
//! whose slot is full is read densely from then on (bound −∞).
//!
//! The start: LAPJV's reductions, then the searches. After the first eighth of them (at least
//! [`AuctionRule::min_paths`]), when their scans predict long ones (more than
//! [`AuctionRule::min_scans`] columns per row in all; on 2-D clouds a search scans hundreds of
//! rows), the assignment so far is dropped and an ε-scaling auction (see `auction`) run from the
//! current duals; its tight pairs are kept and the searches go on from its prices, where they
//! are short (a few columns each). Its ε ends at the rows' mean largest candidate reduced cost
//! (the spread) divided by 16384. Its first phases overshoot: their large ε lowers prices far
//! past the rows' cheap columns, and on all arcs (candidates and bounds) each row would then
//! expand its candidates a few times (a full read of its row each). So those phases (ε from
//! [`CANDIDATE_EPS_START`] down to [`CANDIDATE_EPS_END`] times the spread) read each row's
//! [`AUCTION_ARCS`] smallest `C_ij − v_j` alone, which hold an assignment near the optimum,
//! reaching beyond them only past a slack ([`AuctionRule::candidate_slack`]); then the
//! candidates and bounds are selected anew from the prices reached (one pass) and the last
//! phases read all arcs. Should the first phases spend the bid budget (a price war among
//! candidates that hold no assignment), their prices are dropped and the auction runs on all
//! arcs from the spread. Exactness does not depend on the auction: any dual-feasible start
//! with tight assigned arcs gives the same optimum.
//!
//! Progress: each augmenting path is reported as in the dense solver (paths so far, rows still
//! free); a stop gives the free rows the free columns.

use super::auction::{auction, keep_tight, THETA};
use super::lapjv::{certify, complete, reduce, ReducedRows, Rows, Solved, Stats, Work, NONE};
use super::scan::{two_smallest, two_smallest_of};
use crate::progress::{self, Flow};
use crate::workspace::{take, vec_req};
use crate::{MemStack, StackReq};

/// Smallest n solved by the sparse method; up to n = 1024 (a cost of 8 MiB, which a server's
/// last-level cache holds) the dense LAPJV, whose contiguous scans of rows in cache beat the
/// heap: measured side by side on the 2-core CI machine (32 MiB of L3), one thread, uniform
/// points, the dense method is 1.3–2× faster at n = 700–1100 (d = 2 to 512) and 2–2.5×
/// slower from n = 1200–1500 on, where its rows come from memory.
pub(super) const SPARSE_MIN_N: usize = 1025;
/// Each row's first candidates (its smallest reduced costs after the column reduction).
const ROW_ARCS: usize = 8;
/// Candidates added by one expansion of a row.
const ADD_ARCS: usize = 16;
/// Arcs a row can hold: its first candidates and eight expansions.
const ROW_CAPACITY: usize = ROW_ARCS + 8 * ADD_ARCS;
/// The rule between LAPJV's start and the auction's is applied after this fraction of the
/// searches (and at least [`AuctionRule::min_paths`] of them).
const PROBE_FRACTION: usize = 8;
/// Candidates per row in the auction's first phases, which read them alone: enough that
/// they hold an assignment near the optimum (on uniform 2-D points, n = 4000, every row's
/// optimal column is among its 39 smallest `C_ij − v_j` after the column reduction, 99 % among
/// its 25 smallest), so that the price wars of those phases stay within them.
const AUCTION_ARCS: usize = 32;
/// The ε of the auction's first phase on the candidates alone, relative to the rows' spread
/// (the auction's first ε on all arcs): the candidates bound its overshoot, so it may start
/// coarser (1.1–1.25× faster than from the spread itself at n = 4000, d = 2; 2 and 8 are
/// within 10 %, 16 and 64 slower).
const CANDIDATE_EPS_START: f64 = 4.0;
/// The ε of the auction's last phase on the candidates alone, relative to the rows' spread (a
/// power of [`THETA`]); the phases after it read all arcs (1/64: 4–7 % faster than 1/16 and
/// 1/256 at n = 2000 to 4000, d = 2 and 512).
const CANDIDATE_EPS_END: f64 = 1.0 / 64.0;
/// The auction's last ε, relative to its first (a power of [`auction`]'s ε ratio 4).
const AUCTION_EPS_END: f64 = 1.0 / 16384.0;
/// Bids per row after which each of the auction's two runs (its first phases on the
/// candidates, its last on all arcs) stops (the hand-off is the same).
const AUCTION_MAX_BIDS: usize = 100;
/// Marks a heap entry already popped by the current search.
const POPPED: usize = usize::MAX - 1;

/// Workspace of [`solve`] besides the dense solver's: the arc slots (12 bytes per arc,
/// [`ROW_CAPACITY`] per row), 8 arrays of n and 4 of 2n (about 1.76 KB per row).
pub(super) fn scratch(n: usize) -> StackReq {
    let slots = n.saturating_mul(ROW_CAPACITY);
    let n2 = n.saturating_mul(2);
    StackReq::all_of(&[
        vec_req::<u32>(slots), // arc columns
        vec_req::<f64>(slots), // arc costs
        vec_req::<usize>(n),   // arcs per row
        vec_req::<f64>(n),     // bounds
        vec_req::<f64>(n),     // candidate mask
        vec_req::<f64>(n),     // cost of each row's assigned arc
        vec_req::<usize>(n),   // predecessor row
        vec_req::<f64>(n),     // cost of the arc from it
        vec_req::<f64>(n),     // base label of each scanned row
        vec_req::<usize>(n),   // scanned columns
        vec_req::<f64>(n2),    // heap keys: columns, then rows
        vec_req::<usize>(n2),  // heap
        vec_req::<usize>(n2),  // heap positions
        vec_req::<usize>(n2),  // entries reached
    ])
}

/// Room for the values the second pass of [`smallest_reduced`] keeps (about `TAKE1` to
/// `2·TAKE1` on a row without ties); when it may not hold one more block, the `TAKE1`
/// smallest are kept.
const KEPT: usize = 128;

/// Most segments of the first pass of [`smallest_reduced`] (at most 256: the second pass
/// lists them as bytes).
const SEGMENTS: usize = 128;
const _: () = assert!(SEGMENTS <= 256);

/// The values `(r_j − v_j) + mask_j` kept by [`smallest_reduced`], with their columns.
struct Kept {
    pairs: [(f64, u32); KEPT],
    len: usize,
}

/// The `TAKE1` smallest `(r_j − v_j) + mask_j` (see [`smallest_reduced`]).
struct SmallestReduced<'a, const TAKE1: usize> {
    r: &'a [f64],
    v: &'a [f64],
    mask: Option<&'a [f64]>,
}

impl<const TAKE1: usize> pulp::WithSimd for SmallestReduced<'_, TAKE1> {
    type Output = Kept;

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, simd: S) -> Self::Output {
        let SmallestReduced { r, v, mask } = self;
        let n = r.len();
        let lanes = size_of::<S::f64s>() / size_of::<f64>();
        let (r2, _) = pulp::as_arrays::<2, _>(S::as_simd_f64s(r).0);
        let (v2, _) = pulp::as_arrays::<2, _>(S::as_simd_f64s(&v[..n]).0);
        let m2 = mask.map(|m| pulp::as_arrays::<2, _>(S::as_simd_f64s(&m[..n]).0).0);
        // The values of block q (two vectors).
        let block = |q: usize| {
            let (mut h0, mut h1) = (
                simd.sub_f64s(r2[q][0], v2[q][0]),
                simd.sub_f64s(r2[q][1], v2[q][1]),
            );
            if let Some(m2) = m2 {
                h0 = simd.add_f64s(h0, m2[q][0]);
                h1 = simd.add_f64s(h1, m2[q][1]);
            }
            (h0, h1)
        };
        // First pass: the minima of up to 4·TAKE1 segments of whole blocks; TAKE1 segments
        // hold a value at most their TAKE1-th smallest minimum, the cap.
        let blocks = r2.len();
        // Segments of `per` whole blocks each (the last may be shorter), at most
        // min(4·TAKE1, SEGMENTS) of them.
        let per = blocks.div_ceil((4 * TAKE1).min(SEGMENTS)).max(1);
        let segments = blocks.div_ceil(per);
        let span = |s: usize| s * per..((s + 1) * per).min(blocks);
        let mut seg_min = [f64::INFINITY; SEGMENTS];
        for (s, m) in seg_min[..segments].iter_mut().enumerate() {
            let mut acc = simd.splat_f64s(f64::INFINITY);
            for q in span(s) {
                let (h0, h1) = block(q);
                acc = simd.min_f64s(acc, simd.min_f64s(h0, h1));
            }
            *m = simd.reduce_min_f64s(acc);
        }
        let cap = if segments >= TAKE1 {
            let mut order = seg_min;
            *order[..segments]
                .select_nth_unstable_by(TAKE1 - 1, |a, b| a.total_cmp(b))
                .1
        } else {
            f64::INFINITY
        };
        // Second pass, over the segments whose minimum is within the cap (listed first, so
        // the loops below branch predictably): every value is written to the room and kept
        // when it is within the cap and below `below` (without a branch); when the room may
        // not hold one more block, its TAKE1 smallest are kept, and then only values below
        // the largest of them.
        let mut kept = Kept {
            pairs: [(0.0, 0); KEPT],
            len: 0,
        };
        let mut within = [0u8; SEGMENTS];
        let mut count = 0;
        for (s, &m) in seg_min[..segments].iter().enumerate() {
            within[count] = s as u8;
            count += usize::from(m <= cap);
        }
        let mut below = f64::INFINITY;
        let keep = |kept: &mut Kept, below: &mut f64, x: f64, j: usize| {
            kept.pairs[kept.len] = (x, j as u32);
            kept.len += usize::from(x <= cap && x < *below);
        };
        let compact = |kept: &mut Kept, below: &mut f64| {
            if kept.len + 2 * lanes > KEPT {
                *below = nth_smallest(&mut kept.pairs[..kept.len], TAKE1 - 1);
                kept.len = TAKE1;
            }
        };
        // A block's values in memory (at most 8 lanes a vector).
        let mut h = [0.0f64; 16];
        for &s in &within[..count] {
            for q in span(usize::from(s)) {
                let (h0, h1) = block(q);
                h[..2 * lanes].copy_from_slice(pulp::bytemuck::cast_slice(&[h0, h1]));
                for (k, &x) in h[..2 * lanes].iter().enumerate() {
                    keep(&mut kept, &mut below, x, 2 * lanes * q + k);
                }
                compact(&mut kept, &mut below);
            }
        }
        for j in 2 * lanes * blocks..n {
            let x = (r[j] - v[j]) + mask.map_or(0.0, |m| m[j]);
            keep(&mut kept, &mut below, x, j);
            compact(&mut kept, &mut below);
        }
        kept
    }
}

/// The `take + 1` smallest `(r_j − v_j) + mask_j` (`mask_j` 0, or +∞ to leave column j out;
/// no mask: 0 everywhere), in two passes in vector lanes: the minima of up to 4·(take + 1)
/// segments of the row, whose (take + 1)-th smallest is a cap at least take + 1 values are
/// within; then the segments within the cap (a few per row), whose values within it are kept
/// without branches, and one selection among those kept. Returns the
/// columns of the `take` smallest (`len` of them) and the next smallest value (+∞ when there
/// is none). O(n) in vector lanes.
#[inline]
fn smallest_reduced<const TAKE1: usize>(
    r: &[f64],
    v: &[f64],
    mask: Option<&[f64]>,
) -> ([u32; TAKE1], usize, f64) {
    const { assert!(TAKE1 >= 1 && 2 * TAKE1 <= KEPT) };
    let Kept { mut pairs, len } =
        pulp::Arch::new().dispatch(SmallestReduced::<TAKE1> { r, v, mask });
    let mut id = [0u32; TAKE1];
    if len < TAKE1 {
        for (k, p) in pairs[..len].iter().enumerate() {
            id[k] = p.1;
        }
        return (id, len, f64::INFINITY);
    }
    let next = nth_smallest(&mut pairs[..len], TAKE1 - 1);
    for (k, p) in pairs[..TAKE1 - 1].iter().enumerate() {
        id[k] = p.1;
    }
    (id, TAKE1 - 1, next)
}

/// Reorders `pairs` so that its `k` smallest values come first and returns the next one (the
/// value at place k). O(len).
fn nth_smallest(pairs: &mut [(f64, u32)], k: usize) -> f64 {
    pairs
        .select_nth_unstable_by(k, |a, b| a.0.total_cmp(&b.0))
        .1
         .0
}

/// The candidate arcs and bounds: row i's arcs are `col[i·ROW_CAPACITY..][..len[i]]` with
/// their costs; `bound[i]` ≤ `C_ij − v_j` for its other columns (−∞: read densely).
struct Candidates<'c, 'a, 'w> {
    c: &'c Rows<'a>,
    buf: &'w mut [f64],
    col: &'w mut [u32],
    cost: &'w mut [f64],
    len: &'w mut [usize],
    bound: &'w mut [f64],
    /// 0 but on the candidates of the row being expanded (+∞ there, during the expansion).
    mask: &'w mut [f64],
}

impl Candidates<'_, '_, '_> {
    /// Row i's columns and costs.
    #[inline]
    fn row(&self, i: usize) -> (&[u32], &[f64]) {
        let lo = i * ROW_CAPACITY;
        let hi = lo + self.len[i];
        (&self.col[lo..hi], &self.cost[lo..hi])
    }

    /// The mean over the rows of their candidates' largest `C_ij − v_j` (the spread of a row's
    /// cheap arcs). O(candidates).
    fn mean_largest(&self, v: &[f64]) -> f64 {
        let n = v.len();
        let largest = |i: usize| {
            let (cols, costs) = self.row(i);
            cols.iter()
                .zip(costs)
                .fold(0.0f64, |m, (&j, &c)| m.max(c - v[j as usize]))
        };
        (0..n).map(largest).sum::<f64>() / n as f64
    }

    /// Whether every row's bound is at most `C_ij − v_j` over its other columns (the invariant
    /// the searches rely on). O(n²); for debug assertions.
    fn bounds_hold(&mut self, v: &[f64]) -> bool {
        (0..v.len()).all(|i| {
            let lo = i * ROW_CAPACITY;
            for &j in &self.col[lo..lo + self.len[i]] {
                self.mask[j as usize] = f64::INFINITY;
            }
            let r = self.c.row(i, self.buf);
            let holds = (0..v.len()).all(|j| (r[j] - v[j]) + self.mask[j] >= self.bound[i]);
            for &j in &self.col[lo..lo + self.len[i]] {
                self.mask[j as usize] = 0.0;
            }
            holds
        })
    }

    /// The two smallest `C_ij − v_j` over row i's candidates (at least 2), as
    /// [`two_smallest_of`]. O(candidates).
    #[inline]
    fn candidates_two_smallest(&self, i: usize, v: &[f64]) -> (f64, usize, f64, usize) {
        let (cols, costs) = self.row(i);
        two_smallest_of(
            cols.iter()
                .zip(costs)
                .map(|(&j, &c)| (j as usize, c - v[j as usize])),
        )
    }

    /// Every row's `TAKE1 − 1` smallest `C_ij − v_j` as its candidates and the next one as
    /// its bound (replacing those it had; valid while `v` only decreases). O(n²).
    fn select<const TAKE1: usize>(&mut self, v: &[f64]) {
        for i in 0..v.len() {
            let r = self.c.row(i, self.buf);
            let (id, len, next) = smallest_reduced::<TAKE1>(r, v, None);
            let lo = i * ROW_CAPACITY;
            for (k, &j) in id[..len].iter().enumerate() {
                self.col[lo + k] = j;
                self.cost[lo + k] = r[j as usize];
            }
            self.len[i] = len;
            self.bound[i] = next;
        }
    }

    /// Adds row i's [`ADD_ARCS`] smallest `C_ij − v_j` over its other columns to its
    /// candidates and raises its bound to the next one; a full row gets bound −∞ instead.
    /// Returns where the new arcs start in the row's slot. O(n).
    fn expand(&mut self, i: usize, v: &[f64]) -> usize {
        let lo = i * ROW_CAPACITY;
        let old = self.len[i];
        if old + ADD_ARCS > ROW_CAPACITY {
            self.bound[i] = f64::NEG_INFINITY;
            return old;
        }
        for &j in &self.col[lo..lo + old] {
            self.mask[j as usize] = f64::INFINITY;
        }
        let r = self.c.row(i, self.buf);
        let (id, len, next) = smallest_reduced::<{ ADD_ARCS + 1 }>(r, v, Some(self.mask));
        for &j in &self.col[lo..lo + old] {
            self.mask[j as usize] = 0.0;
        }
        for (k, &j) in id[..len].iter().enumerate() {
            self.col[lo + old + k] = j;
            self.cost[lo + old + k] = r[j as usize];
        }
        self.len[i] = old + len;
        self.bound[i] = next;
        old
    }
}

impl ReducedRows for Candidates<'_, '_, '_> {
    /// Exact over the whole row: the candidates' two smallest when the second is within the
    /// bound, else after expanding the row (or over the dense row once it is full).
    fn two_smallest(&mut self, i: usize, v: &[f64]) -> (f64, usize, f64, usize) {
        loop {
            if self.bound[i] == f64::NEG_INFINITY {
                return two_smallest(self.c.row(i, self.buf), v);
            }
            let best = self.candidates_two_smallest(i, v);
            if best.2 <= self.bound[i] {
                return best;
            }
            self.expand(i, v);
        }
    }

    /// The candidates' smallest when it is within the bound (else after expanding the row),
    /// with the smaller of their second smallest and the bound.
    fn bid(&mut self, i: usize, v: &[f64]) -> (f64, usize, f64) {
        loop {
            let bound = self.bound[i];
            if bound == f64::NEG_INFINITY {
                let (u1, j1, u2, _) = two_smallest(self.c.row(i, self.buf), v);
                return (u1, j1, u2);
            }
            let (u1, j1, u2, _) = self.candidates_two_smallest(i, v);
            if u1 <= bound {
                return (u1, j1, u2.min(bound));
            }
            self.expand(i, v);
        }
    }
}

/// The candidate arcs alone: the graph of the auction's first phases (see [`solve`]). A row
/// is read whole (as [`Candidates`] reads it, bounds and expansions included) only when its
/// smallest candidate `C_ij − v_j` exceeds its bound by more than `slack` (its candidates
/// then priced far out of reach, as in a price war among rows whose candidates hold no
/// assignment), when it is read densely (bound −∞), or has fewer than two candidates.
struct CandidateArcs<'g, 'c, 'a, 'w> {
    g: &'g mut Candidates<'c, 'a, 'w>,
    slack: f64,
}

impl ReducedRows for CandidateArcs<'_, '_, '_, '_> {
    fn two_smallest(&mut self, i: usize, v: &[f64]) -> (f64, usize, f64, usize) {
        let g = &mut *self.g;
        if g.bound[i] == f64::NEG_INFINITY || g.len[i] < 2 {
            return g.two_smallest(i, v);
        }
        let best = g.candidates_two_smallest(i, v);
        if best.0 > g.bound[i] + self.slack {
            g.two_smallest(i, v)
        } else {
            best
        }
    }
}

/// An indexed binary min-heap of entries keyed by `key[e]`; `pos[e]` is the entry's place,
/// `NONE` before it is reached, `POPPED` once popped.
struct Heap<'w> {
    items: &'w mut [usize],
    pos: &'w mut [usize],
    len: usize,
}

impl Heap<'_> {
    /// Inserts entry e, or moves it up after its key was lowered. O(log n).
    fn push_or_decrease(&mut self, e: usize, key: &[f64]) {
        let mut k = if self.pos[e] == NONE || self.pos[e] == POPPED {
            self.len += 1;
            self.len - 1
        } else {
            self.pos[e]
        };
        let ke = key[e];
        while k > 0 {
            let p = (k - 1) / 2;
            let q = self.items[p];
            if key[q] <= ke {
                break;
            }
            self.items[k] = q;
            self.pos[q] = k;
            k = p;
        }
        self.items[k] = e;
        self.pos[e] = k;
    }

    /// Removes the entry of smallest key (marked `POPPED`). O(log n).
    fn pop(&mut self, key: &[f64]) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        let top = self.items[0];
        self.pos[top] = POPPED;
        self.len -= 1;
        if self.len > 0 {
            let last = self.items[self.len];
            let kl = key[last];
            let mut k = 0;
            loop {
                let a = 2 * k + 1;
                if a >= self.len {
                    break;
                }
                let b = a + 1;
                let c = if b < self.len && key[self.items[b]] < key[self.items[a]] {
                    b
                } else {
                    a
                };
                let q = self.items[c];
                if key[q] >= kl {
                    break;
                }
                self.items[k] = q;
                self.pos[q] = k;
                k = c;
            }
            self.items[k] = last;
            self.pos[last] = k;
        }
        Some(top)
    }
}

/// The state of the searches besides the assignment and the duals. Heap entries: column j
/// is entry j (key: its label), row i's virtual entry is `n + i` (key: a lower bound on the
/// labels its non-candidate arcs give).
struct Search<'w> {
    /// Cost of each row's assigned arc (`u_i = xc_i − v_{x_i}`).
    xc: &'w mut [f64],
    pred: &'w mut [usize],
    pred_cost: &'w mut [f64],
    /// `label(j) = base_i + C_ij − v_j` for the arcs of a scanned row i.
    base: &'w mut [f64],
    key: &'w mut [f64],
    heap: Heap<'w>,
    scanned: &'w mut [usize],
    reached: &'w mut [usize],
}

impl Search<'_> {
    /// Offers column j the label `h` through row i's arc of cost `c`.
    #[inline]
    fn offer(&mut self, j: usize, h: f64, i: usize, c: f64, nreached: &mut usize) {
        if h < self.key[j] {
            if self.key[j] == f64::INFINITY {
                self.reached[*nreached] = j;
                *nreached += 1;
            }
            self.key[j] = h;
            self.pred[j] = i;
            self.pred_cost[j] = c;
            self.heap.push_or_decrease(j, self.key);
        }
    }

    /// Relaxes row i's candidate arcs from index `from` of its slot (`n + i` in the heap
    /// with key `base_i + bound_i` after), or its whole dense row when it has bound −∞.
    fn relax(
        &mut self,
        g: &mut Candidates<'_, '_, '_>,
        v: &[f64],
        i: usize,
        from: usize,
        nreached: &mut usize,
    ) {
        let n = v.len();
        let base = self.base[i];
        if g.bound[i] == f64::NEG_INFINITY {
            let r = g.c.row(i, g.buf);
            for (j, (&c, &vj)) in r.iter().zip(v).enumerate() {
                if self.heap.pos[j] != POPPED {
                    self.offer(j, base + (c - vj), i, c, nreached);
                }
            }
            return;
        }
        let (cols, costs) = g.row(i);
        for (&j, &c) in cols[from..].iter().zip(&costs[from..]) {
            let j = j as usize;
            if self.heap.pos[j] != POPPED {
                self.offer(j, base + (c - v[j]), i, c, nreached);
            }
        }
        let e = n + i;
        if g.bound[i] == f64::INFINITY {
            return;
        }
        if self.key[e] == f64::INFINITY {
            self.reached[*nreached] = e;
            *nreached += 1;
        }
        self.key[e] = base + g.bound[i];
        self.heap.push_or_decrease(e, self.key);
    }

    /// One shortest augmenting path from the free row f on the complete graph (see the
    /// module), then the dual update of the scanned columns and the augmentation. Keys are +∞
    /// on entry and exit. Returns the columns scanned.
    fn augment(
        &mut self,
        g: &mut Candidates<'_, '_, '_>,
        x: &mut [usize],
        y: &mut [usize],
        v: &mut [f64],
        f: usize,
    ) -> usize {
        let n = v.len();
        let (mut nreached, mut nscanned) = (0, 0);
        self.base[f] = 0.0;
        self.relax(g, v, f, 0, &mut nreached);
        let (jf, mu) = loop {
            // The complete graph always reaches a free column before the heap runs out.
            let Some(e) = self.heap.pop(self.key) else {
                unreachable!("a search ran out of columns");
            };
            if e >= n {
                let i = e - n;
                let from = g.expand(i, v);
                self.relax(g, v, i, from, &mut nreached);
                continue;
            }
            self.scanned[nscanned] = e;
            nscanned += 1;
            let mu = self.key[e];
            let i = y[e];
            if i == NONE {
                break (e, mu);
            }
            self.base[i] = mu - (self.xc[i] - v[e]);
            self.relax(g, v, i, 0, &mut nreached);
        };
        for &j in &self.scanned[..nscanned] {
            v[j] += self.key[j] - mu;
        }
        let mut j = jf;
        loop {
            let i = self.pred[j];
            y[j] = i;
            let prev = x[i];
            x[i] = j;
            self.xc[i] = self.pred_cost[j];
            if i == f {
                break;
            }
            j = prev;
        }
        for &e in &self.reached[..nreached] {
            self.key[e] = f64::INFINITY;
            self.heap.pos[e] = NONE;
        }
        self.heap.len = 0;
        nscanned
    }
}

/// When [`solve`] abandons LAPJV's start for the auction's (see the module).
#[derive(Clone, Copy, Debug)]
pub(super) struct AuctionRule {
    /// Searches run, at least, before the rule is applied.
    pub min_paths: usize,
    /// Columns scanned per row by all the searches, predicted from the first ones, from which
    /// the auction is run.
    pub min_scans: f64,
    /// How far a row's smallest candidate reduced cost may exceed its bound before the first
    /// phases read the row whole (see [`CandidateArcs`]), in units of the rows' mean largest
    /// reduced cost among their [`AUCTION_ARCS`] candidates.
    pub candidate_slack: f64,
}

impl AuctionRule {
    /// The rule of [`crate::exact::assignment_in_place`]: the auction from 11 columns per
    /// row predicted, with a slack of 8. Measured side by side, one thread, uniform points
    /// (predictions per row in parentheses): the auction's start wins on 2-D clouds (about 19
    /// at n = 4000; 12.6–15.3 at n = 1100) and from n = 1100 to 2000 at d = 64 to 512
    /// (11.3–14.8: 1.2–1.5× faster); ties at n = 4000, d = 512 (12.4–12.7); loses on uniform
    /// i.i.d. costs (n = 2000 to 4000, 5.5–10.3, most 6–7: 1.1–1.6× slower), where LAPJV's
    /// searches stay short. The prediction is noisy (8.9–12.4 over two seeds at n = 2500,
    /// d = 64). The slack, side by side with 16 and 32 at n = 2000 to 4000: those are within
    /// 6 % of it on 2-D clouds and at d = 64 (where all are 1.4–2.1× faster than the auction
    /// on all arcs), up to 12 % and 29 % slower at d = 512 (where candidates shared by many
    /// rows start long price wars unless rows may leave them early; with 8, 1.05–1.15× faster
    /// than the auction on all arcs); without a slack, one seed in ten at n = 4000, d = 2
    /// starts a war whose bids reach the budget.
    pub(super) const DEFAULT: AuctionRule = AuctionRule {
        min_paths: 16,
        min_scans: 11.0,
        candidate_slack: 8.0,
    };
}

/// The auction's start (see the module) from the duals `v`, `spread` the rows' mean largest
/// reduced cost among their first candidates: its first phases on [`AUCTION_ARCS`]
/// candidates alone, then candidates and bounds selected anew and its last phases on all
/// arcs; `start_v` holds the duals before it (for a price war). Afterwards `x`, `y` hold the
/// auction's assignment and `v` its prices. Returns the bids and whether the first phases
/// spent their budget. O(n²) for the selections plus O(candidates) per bid.
fn auction_start(
    g: &mut Candidates<'_, '_, '_>,
    (x, y, v, free): (&mut [usize], &mut [usize], &mut [f64], &mut [usize]),
    start_v: &mut [f64],
    spread: f64,
    rule: AuctionRule,
) -> (u64, bool) {
    let budget = (AUCTION_MAX_BIDS * v.len()) as u64;
    let eps_switch = spread * CANDIDATE_EPS_END;
    g.select::<{ AUCTION_ARCS + 1 }>(v);
    start_v.copy_from_slice(v);
    let slack = rule.candidate_slack * g.mean_largest(v);
    let mut arcs = CandidateArcs { g, slack };
    let eps = (spread * CANDIDATE_EPS_START, eps_switch);
    let mut bids = auction(&mut arcs, x, y, v, free, eps, budget);
    let price_war = bids >= budget;
    let eps_first = if price_war {
        // A price war on candidates that hold no assignment: back to the prices before it,
        // from the first ε.
        v.copy_from_slice(start_v);
        spread
    } else {
        eps_switch / THETA
    };
    // Candidates and bounds from the prices the last phases start from: after a war the
    // duals rose back, and the bounds of rows expanded during it, taken at lower duals, may
    // no longer hold.
    g.select::<{ ROW_ARCS + 1 }>(v);
    debug_assert!(g.bounds_hold(v));
    let eps = (eps_first, spread * AUCTION_EPS_END);
    bids += auction(g, x, y, v, free, eps, budget);
    (bids, price_war)
}

/// Solves the assignment problem for the n × n cost `c` (n ≥ 2) by LAPJV on candidate arcs
/// and bounds (see the module), from its column minima in `v` and their rows in `ready` (see
/// [`column_minima`](super::lapjv::column_minima)). Afterwards `x`, `y` are inverse permutations, `v` the column
/// duals and `d` the row duals; returns the cost and the certificate over all arcs. O(n²) for
/// the column reduction, the selection and the certificate, plus O(candidates · log n) per
/// scanned row and O(n) per expansion; workspace [`scratch`] besides the dense solver's `w`.
pub(super) fn solve(c: &Rows<'_>, w: Work<'_>, rule: AuctionRule, stack: &mut MemStack) -> Solved {
    let n = w.x.len();
    let slots = n * ROW_CAPACITY;
    let (mut col, stack) = take(stack, slots, 0u32);
    let (mut cost, stack) = take(stack, slots, 0.0f64);
    let (mut len, stack) = take(stack, n, 0usize);
    let (mut bound, stack) = take(stack, n, 0.0f64);
    let (mut mask, stack) = take(stack, n, 0.0f64);
    let (mut xc, stack) = take(stack, n, 0.0f64);
    let (mut pred, stack) = take(stack, n, 0usize);
    let (mut pred_cost, stack) = take(stack, n, 0.0f64);
    let (mut base, stack) = take(stack, n, 0.0f64);
    let (mut scanned, stack) = take(stack, n, 0usize);
    let (mut key, stack) = take(stack, 2 * n, f64::INFINITY);
    let (mut items, stack) = take(stack, 2 * n, 0usize);
    let (mut pos, stack) = take(stack, 2 * n, NONE);
    let (mut reached, _) = take(stack, 2 * n, 0usize);

    let Work {
        x,
        y,
        v,
        d,
        several,
        ready,
        ready_v: start_v,
        free,
        buf,
        ..
    } = w;
    let mut g = Candidates {
        c,
        buf,
        col: &mut col,
        cost: &mut cost,
        len: &mut len,
        bound: &mut bound,
        mask: &mut mask,
    };
    g.select::<{ ROW_ARCS + 1 }>(v);
    // The auction's first ε: the mean over the rows of their candidates' largest reduced cost
    // (the spread of a row's cheap arcs), rounded down to a power of 2 (as is every ε after
    // it: on integer costs the duals stay exact binary fractions).
    let mean_largest = g.mean_largest(v);
    let spread = if mean_largest > 0.0 {
        2.0f64.powi(mean_largest.log2().floor() as i32)
    } else {
        0.0
    };
    let mut nfree = reduce(&mut g, ready, x, y, v, several, free);
    let assigned_costs = |x: &[usize], xc: &mut [f64]| {
        for (i, &j) in x.iter().enumerate() {
            if j != NONE {
                xc[i] = c.at(i, j);
            }
        }
    };
    assigned_costs(x, &mut xc);
    let mut search = Search {
        xc: &mut xc,
        pred: &mut pred,
        pred_cost: &mut pred_cost,
        base: &mut base,
        key: &mut key,
        heap: Heap {
            items: &mut items,
            pos: &mut pos,
            len: 0,
        },
        scanned: &mut scanned,
        reached: &mut reached,
    };
    let mut stats = Stats::default();
    // An auction needs ε > 0: not run on costs whose rows' cheap arcs are all tied.
    let (mut k, mut probing, mut probe_scans) = (0, spread > 0.0, 0u64);
    while k < nfree {
        if stats.cancelled {
            complete(x, y, &free[k..nfree]);
            break;
        }
        // The rule: after the first searches, the scans of all of them are predicted (search
        // lengths growing linearly as the assignment fills up); above `rule.min_scans` per row
        // the auction's start is taken from the current duals.
        if probing && k == (nfree / PROBE_FRACTION).max(rule.min_paths) {
            probing = false;
            let predicted = if k == 0 {
                0.0
            } else {
                let grow = nfree as f64 / k as f64;
                probe_scans as f64 * grow * grow
            };
            if predicted >= rule.min_scans * n as f64 {
                (stats.bids, stats.price_war) =
                    auction_start(&mut g, (x, y, v, free), start_v, spread, rule);
                nfree = keep_tight(&mut g, x, y, v, free);
                assigned_costs(x, search.xc);
                k = 0;
                continue;
            }
        }
        let f = free[k];
        let columns = search.augment(&mut g, x, y, v, f);
        probe_scans += columns as u64;
        stats.augmentations += 1;
        stats.scanned_rows += columns as u64;
        // Reported with the rows still free; a stop takes effect before the next search.
        let left = (nfree - k - 1) as f64;
        stats.cancelled = progress::check(stats.augmentations, left) == Flow::Stop;
        k += 1;
    }
    let (cost, gap) = certify(c, x, v, d, g.buf);
    Solved { stats, cost, gap }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exact::assignment::lapjv::{column_minima, solve_dense};
    use faer::Mat;

    /// Solves `c` by the candidate-arc method (any n ≥ 2, also below [`SPARSE_MIN_N`]) with
    /// `rule` and by the dense LAPJV; returns both `(cost, gap, perm)` and the first's counts.
    fn both_with(c: &Mat<f64>, rule: AuctionRule) -> ([(f64, f64, Vec<usize>); 2], Stats) {
        let n = c.nrows();
        let rows = Rows::new(c.as_ref());
        let run = |sparse: bool| {
            let req = crate::exact::assignment_scratch(n).and(scratch(n));
            crate::workspace::with_stack(req, |stack| {
                let mut a: Vec<Vec<usize>> = vec![vec![0; n]; 5];
                let mut f: Vec<Vec<f64>> = vec![vec![0.0; n]; 6];
                let mut several = vec![0u8; n];
                let [x, y, ready, free, _] = &mut a[..] else {
                    unreachable!()
                };
                let [v, d, ready_d, ready_v, ready_u, buf] = &mut f[..] else {
                    unreachable!()
                };
                column_minima(&rows, v, ready, buf).unwrap();
                let w = Work {
                    x,
                    y,
                    v,
                    d,
                    several: &mut several,
                    ready,
                    ready_d,
                    ready_v,
                    ready_u,
                    free,
                    buf,
                };
                let s = if sparse {
                    solve(&rows, w, rule, stack)
                } else {
                    solve_dense(&rows, w, Stats::default())
                };
                ((s.cost, s.gap, a[0].clone()), s.stats)
            })
            .unwrap()
        };
        let (sparse, stats) = run(true);
        ([sparse, run(false).0], stats)
    }

    /// [`both_with`] with the default rule.
    fn both(c: &Mat<f64>) -> [(f64, f64, Vec<usize>); 2] {
        both_with(c, AuctionRule::DEFAULT).0
    }

    /// The rule that runs the auction after the first eighth of the searches, whatever they
    /// predict.
    const ALWAYS: AuctionRule = AuctionRule {
        min_paths: 0,
        min_scans: 0.0,
        ..AuctionRule::DEFAULT
    };

    /// Uniform numbers in [0, 1) from a xorshift generator seeded with `seed`.
    fn uniform(mut s: u64) -> impl FnMut() -> f64 {
        move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// Squared Euclidean cost between n points uniform in [0, 1]² and n others.
    fn cloud_cost(n: usize, r: &mut impl FnMut() -> f64) -> Mat<f64> {
        let pts: Vec<[f64; 4]> = (0..n).map(|_| [r(), r(), r(), r()]).collect();
        Mat::from_fn(n, n, |i, j| {
            let (p, q) = (pts[i], pts[j]);
            (p[0] - q[2]).powi(2) + (p[1] - q[3]).powi(2)
        })
    }

    #[test]
    fn candidate_arcs_give_the_dense_optimum() {
        let mut r = uniform(0x9E37_79B9_7F4A_7C15);
        for n in [2usize, 5, 9, 10, 40, 150, 600] {
            // Uniform, integer with many ties, 2-D points, and a block structure whose cheap
            // arcs all go to the first 16 columns (long searches, many expansions).
            let cases = [
                Mat::from_fn(n, n, |_, _| r()),
                Mat::from_fn(n, n, |_, _| (r() * 3.0).floor()),
                cloud_cost(n, &mut r),
                Mat::from_fn(n, n, |i, j| {
                    let b = |k: usize| if k < 16 { 0.0 } else { 100.0 };
                    b(i) + b(j) + r()
                }),
            ];
            for (k, c) in cases.iter().enumerate() {
                let [(cs, gs, ps), (cd, gd, _)] = both(c);
                let mut sorted = ps.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "n {n} case {k}");
                let recomputed: f64 = (0..n).map(|i| c[(i, ps[i])]).sum();
                assert_eq!(recomputed, cs, "n {n} case {k}");
                if k == 1 {
                    assert_eq!((cs, gs), (cd, 0.0), "n {n} integer costs");
                } else {
                    assert!(
                        (cs - cd).abs() <= 1e-12 * cd.abs().max(1.0),
                        "n {n} case {k}: {cs} vs {cd}"
                    );
                    assert!(
                        gs >= -1e-12 && gd >= -1e-12,
                        "n {n} case {k}: gaps {gs} {gd}"
                    );
                }
            }
        }
    }

    /// The auction's start, forced: the dense LAPJV's optimum (itself checked against brute
    /// force and HiGHS in tests/exact), a permutation, the certificate; on integer costs with ties, uniform
    /// costs, 2-D points, a block structure that defeats the candidates, and costs 10¹⁵ + U(0,1)
    /// whose ε is below the costs' ulp (the auction makes no progress and stops at its budget).
    #[test]
    fn auction_start_gives_the_optimum() {
        let mut r = uniform(0x51_7CC1_B727_220A);
        let mut ran = 0;
        for n in [2usize, 3, 5, 7, 40, 200, 600] {
            let cases = [
                Mat::from_fn(n, n, |_, _| (r() * n as f64).floor()),
                Mat::from_fn(n, n, |_, _| r()),
                cloud_cost(n, &mut r),
                Mat::from_fn(n, n, |i, j| {
                    let b = |k: usize| if k < 16 { 0.0 } else { 100.0 };
                    b(i) + b(j) + r()
                }),
                Mat::from_fn(n, n, |_, _| 1e15 + (r() * 4.0 * n as f64).floor()),
            ];
            for (k, c) in cases.iter().enumerate() {
                let ([(cs, gs, ps), (cd, _, pd)], stats) = both_with(c, ALWAYS);
                ran += usize::from(stats.bids > 0);
                let mut sorted = ps.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "n {n} case {k}");
                let recomputed: f64 = (0..n).map(|i| c[(i, ps[i])]).sum();
                assert_eq!(recomputed, cs, "n {n} case {k}");
                if k == 4 {
                    // 10¹⁵ + integers: the sums round; their integer parts are exact.
                    let excess = |p: &[usize]| (0..n).map(|i| c[(i, p[i])] - 1e15).sum::<f64>();
                    assert_eq!((excess(&ps), gs), (excess(&pd), 0.0), "n {n} case {k}");
                } else if k == 0 {
                    // Integers: exact, with a zero certificate.
                    assert_eq!((cs, gs), (cd, 0.0), "n {n} case {k}");
                } else {
                    assert!(
                        (cs - cd).abs() <= 1e-12 * cd.abs().max(1.0),
                        "n {n} case {k}: {cs} vs {cd}"
                    );
                    assert!(gs >= -1e-12, "n {n} case {k}: gap {gs}");
                }
            }
        }
        // The auction ran on about half of these (not where the reductions left no free row,
        // as on most of the small ones).
        assert!(ran >= 15, "the auction ran {ran} times of 35");
    }

    /// The auction's first phases on candidates that hold no assignment: on this cloud
    /// (n = 1000), without a slack they start a price war, spend their bid budget, and the
    /// auction starts again on all arcs; with the default slack the rows caught in it reach
    /// beyond their candidates. With a slack of 64 some rows reach beyond them and the war
    /// still comes: the duals rise back below those rows' bounds, which must be selected again
    /// (the debug assertion in `solve` checks every bound). All give the dense optimum.
    #[test]
    fn auction_survives_a_price_war_on_the_candidates() {
        let n = 1000;
        let c = cloud_cost(n, &mut uniform(0x3C6E_F372_FE94_F82B));
        let slack = |candidate_slack| AuctionRule {
            candidate_slack,
            ..ALWAYS
        };
        let cases = [
            (ALWAYS, false),
            (slack(f64::INFINITY), true),
            (slack(64.0), true),
        ];
        for (rule, war_wanted) in cases {
            let ([(cs, gs, ps), (cd, _, _)], stats) = both_with(&c, rule);
            assert_eq!(stats.price_war, war_wanted, "bids {}", stats.bids);
            let mut sorted = ps.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>());
            assert!((cs - cd).abs() <= 1e-12 * cd, "{cs} vs {cd}");
            assert!(gs >= -1e-12, "gap {gs}");
        }
    }

    /// The default rule keeps LAPJV's start where the first searches are short (uniform
    /// costs) and takes the auction's on 2-D points (long searches), with the same optimum.
    #[test]
    fn default_rule_takes_the_auction_on_long_searches() {
        let mut r = uniform(0x2545_F491_4F6C_DD1D);
        let n = 600;
        let points = cloud_cost(n, &mut r);
        let uniform = Mat::from_fn(n, n, |_, _| r());
        for (c, auction_wanted) in [(&points, true), (&uniform, false)] {
            let ([(cs, gs, _), (cd, _, _)], stats) = both_with(c, AuctionRule::DEFAULT);
            assert_eq!(stats.bids > 0, auction_wanted, "bids {}", stats.bids);
            assert!((cs - cd).abs() <= 1e-12 * cd, "{cs} vs {cd}");
            assert!(gs >= -1e-12, "gap {gs}");
        }
    }

    #[test]
    fn smallest_reduced_keeps_the_smallest_and_the_next() {
        let r = [5.0, 1.0, 4.0, 1.0, 9.0, 2.0, 6.0, 0.5, 3.0, 7.0];
        let v = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        // Reduced: 5 1 3 1 9 2 6 0.5 3 7; the 3 smallest are columns 7, 1, 3, the next is 2.
        let (id, len, next) = smallest_reduced::<4>(&r, &v, None);
        let mut got: Vec<u32> = id[..len].to_vec();
        got.sort_unstable();
        assert_eq!((got, next), (vec![1, 3, 7], 2.0));
        // Columns 1 and 7 excluded: 3, 5, then 2 or 8 (3.0).
        let mut mask = [0.0; 10];
        (mask[1], mask[7]) = (f64::INFINITY, f64::INFINITY);
        let (id, len, next) = smallest_reduced::<3>(&r, &v, Some(&mask));
        let mut got: Vec<u32> = id[..len].to_vec();
        got.sort_unstable();
        assert_eq!((got, next), (vec![3, 5], 3.0));
        // More values within the cap than the room holds (ties: it is compacted again and
        // again): 16 of the 300 zeros, then 0; all equal: 16 columns, then that value.
        let ties: Vec<f64> = (0..1000)
            .map(|j| if j % 3 == 1 { 0.0 } else { 1.0 })
            .collect();
        for (r, want) in [(&ties, 0.0), (&vec![2.5; 1000], 2.5)] {
            let (id, len, next) = smallest_reduced::<17>(r, &[0.0; 1000], None);
            let mut got = id[..len].to_vec();
            got.sort_unstable();
            got.dedup();
            assert_eq!((got.len(), next), (16, want));
            assert!(got.iter().all(|&j| r[j as usize] == want));
        }
        // Fewer columns than asked: all of them, next +∞.
        let (_, len, next) = smallest_reduced::<12>(&r, &v, None);
        assert_eq!((len, next), (10, f64::INFINITY));
        // Long rows (the first pass's cap at work), with ties and masked columns: the values
        // kept are the smallest, the next one the following value in sorted order.
        let mut rng = uniform(0x0123_4567_89AB_CDEF);
        for n in [40usize, 333, 1000, 4100] {
            let r: Vec<f64> = (0..n).map(|_| (rng() * 50.0).floor()).collect();
            let v: Vec<f64> = (0..n).map(|_| (rng() * 8.0).floor()).collect();
            let mask: Vec<f64> = (0..n)
                .map(|_| if rng() < 0.2 { f64::INFINITY } else { 0.0 })
                .collect();
            check_smallest::<17>(&r, &v, Some(&mask));
            check_smallest::<33>(&r, &v, Some(&mask));
            check_smallest::<17>(&r, &v, None);
            // Distinct values without a mask.
            let r: Vec<f64> = (0..n).map(|_| rng()).collect();
            check_smallest::<9>(&r, &v, None);
            check_smallest::<33>(&r, &v, None);
        }
    }

    /// [`smallest_reduced`] with `mask` (none: every column) against a sort: distinct
    /// unmasked columns holding the `TAKE1 − 1` smallest `r − v`, and the next value (all
    /// columns and +∞ when there are fewer).
    fn check_smallest<const TAKE1: usize>(r: &[f64], v: &[f64], mask: Option<&[f64]>) {
        let n = r.len();
        let open = |j: usize| mask.is_none_or(|m| m[j] == 0.0);
        let mut want: Vec<f64> = (0..n).filter(|&j| open(j)).map(|j| r[j] - v[j]).collect();
        want.sort_by(f64::total_cmp);
        let (id, len, next) = smallest_reduced::<TAKE1>(r, v, mask);
        let mut got: Vec<f64> = id[..len]
            .iter()
            .map(|&j| r[j as usize] - v[j as usize])
            .collect();
        got.sort_by(f64::total_cmp);
        let mut cols = id[..len].to_vec();
        cols.sort_unstable();
        cols.dedup();
        assert_eq!(cols.len(), len, "n {n}, take {TAKE1}");
        assert!(id[..len].iter().all(|&j| open(j as usize)), "n {n}");
        // Fewer columns than asked: all of them, next +∞.
        let take = (TAKE1 - 1).min(want.len());
        let want_next = want.get(TAKE1 - 1).map_or(f64::INFINITY, |&x| x);
        assert_eq!((got.as_slice(), next), (&want[..take], want_next), "n {n}");
    }
}
