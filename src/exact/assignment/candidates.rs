//! Candidate arcs: each row's few smallest reduced costs `C_ij − v_j` and a lower bound on
//! all its others, selected in two passes in vector lanes ([`smallest_reduced`]) and read
//! either exactly ([`Candidates`]: a row's two smallest over all its arcs from its candidates,
//! expanded from its dense costs when the bound is reached) or alone ([`CandidateArcs`]: the
//! graph of an auction's first phases). The duals `v` only decrease in the solvers that use
//! them, so `C_ij − v_j` only increases and a bound, once taken, stays valid.

use super::lapjv::{ReducedRows, Rows};
use super::scan::{arch, two_smallest, two_smallest_of};

/// Each row's first candidates in the candidate-arc solver, and the rank whose mean gives
/// an auction's scale ([`Candidates::spread`]).
pub(super) const ROW_ARCS: usize = 8;
/// Candidates added by one expansion of a row.
pub(super) const ADD_ARCS: usize = 16;

/// Candidates per row in the auction's first phases, which read them alone: enough that
/// they hold an assignment near the optimum (on uniform 2-D points, n = 4000, every row's
/// optimal column is among its 39 smallest `C_ij − v_j` after the column reduction, 99 % among
/// its 25 smallest), so that the price wars of those phases stay within them.
pub(super) const AUCTION_ARCS: usize = 32;

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
    let Kept { mut pairs, len } = arch().dispatch(SmallestReduced::<TAKE1> { r, v, mask });
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

/// The candidate arcs and bounds: row i's arcs are `col[i·stride..][..len[i]]` with their
/// costs; `bound[i]` ≤ `C_ij − v_j` for its other columns (−∞: read densely).
pub(super) struct Candidates<'c, 'a, 'w> {
    pub c: &'c Rows<'a>,
    /// Room for a strided row, and scratch (length n).
    pub buf: &'w mut [f64],
    /// Arcs a row's slot holds (`col` and `cost` have n·stride).
    pub stride: usize,
    pub col: &'w mut [u32],
    pub cost: &'w mut [f64],
    pub len: &'w mut [usize],
    pub bound: &'w mut [f64],
    /// 0 but on the candidates of the row being expanded (+∞ there, during the expansion).
    pub mask: &'w mut [f64],
}

impl Candidates<'_, '_, '_> {
    /// Row i's columns and costs.
    #[inline]
    pub fn row(&self, i: usize) -> (&[u32], &[f64]) {
        let lo = i * self.stride;
        let hi = lo + self.len[i];
        (&self.col[lo..hi], &self.cost[lo..hi])
    }

    /// The mean over the rows of their candidates' `k`-th smallest `C_ij − v_j` (their largest
    /// when they have fewer). O(candidates).
    pub fn mean_kth(&mut self, v: &[f64], k: usize) -> f64 {
        let n = v.len();
        let mut sum = 0.0;
        for i in 0..n {
            let lo = i * self.stride;
            let len = self.len[i];
            let h = &mut self.buf[..len];
            for (x, (&j, &c)) in h
                .iter_mut()
                .zip(self.col[lo..].iter().zip(&self.cost[lo..]))
            {
                *x = c - v[j as usize];
            }
            if let Some(rank) = k.min(len).checked_sub(1) {
                sum += *h.select_nth_unstable_by(rank, f64::total_cmp).1;
            }
        }
        sum / n as f64
    }

    /// The rows' spread, the scale of an auction's ε: the mean of their [`ROW_ARCS`]-th
    /// smallest candidate `C_ij − v_j` (see [`Candidates::mean_kth`]), rounded down to a power
    /// of 2 (so that on integer costs the duals stay exact binary fractions); 0 when it is 0.
    /// O(candidates).
    pub fn spread(&mut self, v: &[f64]) -> f64 {
        let mean = self.mean_kth(v, ROW_ARCS);
        if mean > 0.0 {
            2.0f64.powi(mean.log2().floor() as i32)
        } else {
            0.0
        }
    }

    /// Whether every row's bound is at most `C_ij − v_j` over its other columns (the invariant
    /// the searches rely on). O(n²); for debug assertions.
    pub fn bounds_hold(&mut self, v: &[f64]) -> bool {
        (0..v.len()).all(|i| {
            let lo = i * self.stride;
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
    pub fn candidates_two_smallest(&self, i: usize, v: &[f64]) -> (f64, usize, f64, usize) {
        let (cols, costs) = self.row(i);
        two_smallest_of(
            cols.iter()
                .zip(costs)
                .map(|(&j, &c)| (j as usize, c - v[j as usize])),
        )
    }

    /// Every row's `TAKE1 − 1` smallest `C_ij − v_j` as its candidates and the next one as
    /// its bound (replacing those it had; valid while `v` only decreases). O(n²).
    pub fn select<const TAKE1: usize>(&mut self, v: &[f64]) {
        for i in 0..v.len() {
            let r = self.c.row(i, self.buf);
            let (id, len, next) = smallest_reduced::<TAKE1>(r, v, None);
            let lo = i * self.stride;
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
    pub fn expand(&mut self, i: usize, v: &[f64]) -> usize {
        let lo = i * self.stride;
        let old = self.len[i];
        if old + ADD_ARCS > self.stride {
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

/// The candidate arcs alone: the graph of an auction's first phases (see `sparse` and
/// `dense_auction`). A row
/// is read whole (as [`Candidates`] reads it, bounds and expansions included) only when its
/// smallest candidate `C_ij − v_j` exceeds its bound by more than `slack` (its candidates
/// then priced far out of reach, as in a price war among rows whose candidates hold no
/// assignment), when it is read densely (bound −∞), or has fewer than two candidates.
pub(super) struct CandidateArcs<'g, 'c, 'a, 'w> {
    pub g: &'g mut Candidates<'c, 'a, 'w>,
    pub slack: f64,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exact::assignment::testing::uniform;

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
