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
//! The start: LAPJV's reductions, then the searches. After the first eighth of them (at
//! least [`AuctionRule::min_paths`]), when their scans predict long ones (more than
//! [`AuctionRule::min_scans`] columns per row in all; on 2-D clouds a search scans hundreds
//! of rows), or whatever they predict when the column minima crowd on few rows
//! ([`AuctionRule::CROWDED`]), the assignment so far is dropped and an ε-scaling auction
//! (see `auction`) run from the current duals; its tight pairs are kept and the searches go
//! on from its prices, where they are short (a few columns each). Its ε ends at the rows'
//! mean largest candidate reduced cost (the spread) divided by 16384. Its first phases
//! overshoot: their large ε lowers prices far past the rows' cheap columns, and on all arcs
//! (candidates and bounds) each row would then expand its candidates a few times (a full
//! read of its row each). So those phases (ε from [`CANDIDATE_EPS_START`] down to
//! [`CANDIDATE_EPS_END`] times the spread) read each row's [`AUCTION_ARCS`] smallest
//! `C_ij − v_j` alone, which hold an assignment near the optimum, reaching beyond them only
//! past a slack ([`AuctionRule::candidate_slack`]); then the candidates and bounds are selected
//! anew from the prices reached (one pass) and the last phases read all arcs. Should the
//! first phases spend the bid budget (a price war among candidates that hold no
//! assignment), their prices are dropped and the auction runs on all arcs from the spread.
//! Exactness does not depend on the auction: any dual-feasible start with tight assigned
//! arcs gives the same optimum.
//!
//! Progress: each augmenting path is reported as in the dense solver (paths so far, rows still
//! free); a stop gives the free rows the free columns.

use super::auction::{auction, keep_tight, Scaling};
use super::candidates::{CandidateArcs, Candidates, ADD_ARCS, AUCTION_ARCS, ROW_ARCS};
use super::lapjv::{certify, complete, reduce, Rows, Solved, Stats, Work, NONE};
use crate::progress::{self, Flow};
use crate::workspace::{take, vec_req};
use crate::{MemStack, StackReq};

/// Smallest n solved by the sparse method; up to n = 1024 (a cost of 8 MiB, which a server's
/// last-level cache holds) the dense LAPJV, whose contiguous scans of rows in cache beat the
/// heap: measured side by side on the 2-core CI machine (32 MiB of L3), one thread, uniform
/// points, the dense method is 1.3–2× faster at n = 700–1100 (d = 2 to 512) and 2–2.5×
/// slower from n = 1200–1500 on, where its rows come from memory.
pub(super) const SPARSE_MIN_N: usize = 1025;
/// Arcs a row can hold: its first candidates and eight expansions.
const ROW_CAPACITY: usize = ROW_ARCS + 8 * ADD_ARCS;
/// The rule between LAPJV's start and the auction's is applied after this fraction of the
/// searches (and at least [`AuctionRule::min_paths`] of them).
const PROBE_FRACTION: usize = 8;
/// The ε of the auction's first phase on the candidates alone, relative to the rows' spread
/// (the auction's first ε on all arcs): the candidates bound its overshoot, so it may start
/// coarser (1.1–1.25× faster than from the spread itself at n = 4000, d = 2; 2 and 8 are
/// within 10 %, 16 and 64 slower).
const CANDIDATE_EPS_START: f64 = 4.0;
/// The ε of the auction's last phase on the candidates alone, relative to the rows' spread (a
/// power of [`THETA`]); the phases after it read all arcs (1/64: 4–7 % faster than 1/16 and
/// 1/256 at n = 2000 to 4000, d = 2 and 512).
const CANDIDATE_EPS_END: f64 = 1.0 / 64.0;
/// The factor by which the auction's ε decreases between phases.
const THETA: f64 = 4.0;
/// The auction's last ε, relative to its first (a power of [`THETA`]).
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

    /// The rule for costs whose column minima crowd on few rows (see
    /// [`crowding`](super::lapjv::crowding)): the auction after the first eighth
    /// of the searches, whatever they predict. Measured side by side with [`Self::DEFAULT`]
    /// (one thread, uniform points, two seeds), where the default kept LAPJV's start: n = 1100
    /// to 4000, d = 16 to 512, 1.03–1.67× faster (1.3–1.7× at d = 64 and 512; 0.90 once, at
    /// n = 1100, d = 16); the same where it took the auction. The auction at once, before any
    /// search, is within 6 % of it.
    pub(super) const CROWDED: AuctionRule = AuctionRule {
        min_paths: 0,
        min_scans: 0.0,
        ..Self::DEFAULT
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
    let slack = rule.candidate_slack * g.mean_kth(v, AUCTION_ARCS);
    let mut arcs = CandidateArcs { g, slack };
    let eps = Scaling {
        start: spread * CANDIDATE_EPS_START,
        end: eps_switch,
        ratio: THETA,
    };
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
    let eps = Scaling {
        start: eps_first,
        end: spread * AUCTION_EPS_END,
        ratio: THETA,
    };
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
        stride: ROW_CAPACITY,
        col: &mut col,
        cost: &mut cost,
        len: &mut len,
        bound: &mut bound,
        mask: &mut mask,
    };
    g.select::<{ ROW_ARCS + 1 }>(v);
    // The auction's first ε (every ε after it a power of 2 too).
    let spread = g.spread(v);
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
    use crate::exact::assignment::testing::{beside_dense, cloud_cost, uniform, Outcome};
    use faer::Mat;

    /// Solves `c` by the candidate-arc method (any n ≥ 2, also below [`SPARSE_MIN_N`]) with
    /// `rule` and by the dense LAPJV; returns both `(cost, gap, perm)` and the first's counts.
    fn both_with(c: &Mat<f64>, rule: AuctionRule) -> ([Outcome; 2], Stats) {
        beside_dense(c, scratch(c.nrows()), |rows, w, stack| {
            solve(rows, w, rule, stack)
        })
    }

    /// [`both_with`] with the default rule.
    fn both(c: &Mat<f64>) -> [Outcome; 2] {
        both_with(c, AuctionRule::DEFAULT).0
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
                cloud_cost(n, 2, &mut r),
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
                cloud_cost(n, 2, &mut r),
                Mat::from_fn(n, n, |i, j| {
                    let b = |k: usize| if k < 16 { 0.0 } else { 100.0 };
                    b(i) + b(j) + r()
                }),
                Mat::from_fn(n, n, |_, _| 1e15 + (r() * 4.0 * n as f64).floor()),
            ];
            for (k, c) in cases.iter().enumerate() {
                let ([(cs, gs, ps), (cd, _, pd)], stats) = both_with(c, AuctionRule::CROWDED);
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
        let c = cloud_cost(n, 2, &mut uniform(0x3C6E_F372_FE94_F82B));
        let slack = |candidate_slack| AuctionRule {
            candidate_slack,
            ..AuctionRule::CROWDED
        };
        let cases = [
            (AuctionRule::CROWDED, false),
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
        let points = cloud_cost(n, 2, &mut r);
        let uniform = Mat::from_fn(n, n, |_, _| r());
        for (c, auction_wanted) in [(&points, true), (&uniform, false)] {
            let ([(cs, gs, _), (cd, _, _)], stats) = both_with(c, AuctionRule::DEFAULT);
            assert_eq!(stats.bids > 0, auction_wanted, "bids {}", stats.bids);
            assert!((cs - cd).abs() <= 1e-12 * cd, "{cs} vs {cd}");
            assert!(gs >= -1e-12, "gap {gs}");
        }
    }
}
