//! The dense LAPJV from an auction's prices, for costs whose column minima crowd on few
//! rows, at n = 900 to 1024.
//!
//! When the column minima crowd on few rows ([`crowding`]: more than 40 % of the rows hold
//! none), LAPJV's reductions leave many rows free and its searches are long (n = 1000,
//! d = 512: 136 paths scanning 20 000 rows). There an ε-scaling auction (see `auction`) on
//! each row's [`AUCTION_ARCS`] smallest reduced costs alone (one selection pass; a row priced
//! beyond them is read whole, see [`CandidateArcs`]) gives near-optimal prices. The rows whose
//! column is one of smallest reduced cost under them keep it; LAPJV's dense shortest
//! augmenting paths assign the others, on all arcs. The result is the same optimum, certified
//! over all n² arcs: exactness does not depend on the auction. Should the auction spend its
//! bid budget (a price war), or have no ε to scale (every row's cheap arcs tied), the solve
//! starts again from the column minima with the plain LAPJV.

use super::auction::{auction, keep_tight, Scaling};
use super::candidates::{CandidateArcs, Candidates, ADD_ARCS, AUCTION_ARCS};
#[cfg(doc)]
use super::lapjv::crowding;
use super::lapjv::{certify, search, solve_dense, DenseRows, Rows, Solved, Work};
use crate::workspace::{take, vec_req};
use crate::{MemStack, StackReq};

/// Smallest n solved by this method (when the column minima crowd, see [`crowding`]).
/// Measured side by side (one thread, uniform points, two seeds, dense LAPJV time / this
/// method's): at n = 1000 1.02–1.84 on clouds of d = 2 to 512 (0.56 once, at d = 128, a price
/// war among candidates), 0.73–0.81 on uniform i.i.d. costs; at n = 900 1.3–1.6 at d = 2,
/// 1.1–1.3 at d = 64 and 512, 0.85–1.17 at d = 8 and 16; at n = 800 0.7–1.4, at n = 600
/// 0.5–1.3: below n = 900 the selection pass and the auction's phases cost more than the
/// searches they save.
pub(super) const MIN_N: usize = 900;
/// The auction's first ε relative to the rows' spread ([`Candidates::spread`]).
const EPS_START: f64 = 1.0;
/// The auction's last ε relative to the rows' spread.
const EPS_END: f64 = 1.0 / 16384.0;
/// The factor by which ε decreases between phases.
const EPS_RATIO: f64 = 8.0;
/// How far a row's smallest candidate reduced cost may exceed its bound before the auction
/// reads the row whole, in units of the rows' mean largest candidate reduced cost.
const CANDIDATE_SLACK: f64 = 8.0;
/// Bids per row after which the auction stops (a price war).
const MAX_BIDS: usize = 100;
/// Arcs a row's slot holds: its [`AUCTION_ARCS`] candidates and one expansion (a row priced
/// beyond them is then read from its dense costs; one expansion first: up to 1.3× faster on
/// a cloud at n = 1000, d = 128, whose rows leave their candidates in a price war, and the
/// same elsewhere).
const STRIDE: usize = AUCTION_ARCS + ADD_ARCS;

/// Workspace of [`solve`] besides the dense solver's: [`STRIDE`] arcs per row (12 bytes each)
/// and 3 arrays of n (about 600 bytes per row).
pub(super) fn scratch(n: usize) -> StackReq {
    let slots = n.saturating_mul(STRIDE);
    StackReq::all_of(&[
        vec_req::<u32>(slots), // arc columns
        vec_req::<f64>(slots), // arc costs
        vec_req::<usize>(n),   // arcs per row
        vec_req::<f64>(n),     // bounds
        vec_req::<f64>(n),     // expansion mask
    ])
}

/// Solves the assignment problem for the n × n cost `c` (n ≥ 2) from its column minima in `v`
/// and their rows in `ready`, by the auction's prices and LAPJV's dense searches (see the
/// module). Afterwards `x`, `y` are inverse permutations, `v` the column duals and `d` the
/// row duals; returns the counts, the cost and the certificate over all arcs. O(n²) for the
/// selection, the hand-off and the certificate, O(candidates) per bid, O(n) per row scanned
/// by the searches; workspace [`scratch`] besides the dense solver's `w`.
pub(super) fn solve(c: &Rows<'_>, w: Work<'_>, stack: &mut MemStack) -> Solved {
    let n = w.x.len();
    let slots = n * STRIDE;
    let (mut col, stack) = take(stack, slots, 0u32);
    let (mut cost, stack) = take(stack, slots, 0.0f64);
    let (mut len, stack) = take(stack, n, 0usize);
    let (mut bound, stack) = take(stack, n, 0.0f64);
    let (mut mask, _) = take(stack, n, 0.0f64);

    // The column minima, kept for a price war (`ready_v` is free until the searches).
    w.ready_v.copy_from_slice(w.v);
    let mut g = Candidates {
        c,
        buf: w.buf,
        stride: STRIDE,
        col: &mut col,
        cost: &mut cost,
        len: &mut len,
        bound: &mut bound,
        mask: &mut mask,
    };
    g.select::<{ AUCTION_ARCS + 1 }>(w.v);
    let spread = g.spread(w.v);
    let slack = CANDIDATE_SLACK * g.mean_kth(w.v, AUCTION_ARCS);
    let budget = (MAX_BIDS * n) as u64;
    // No ε to scale when every row's cheap arcs are tied (spread 0).
    let bids = (spread > 0.0).then(|| {
        let scaling = Scaling {
            start: spread * EPS_START,
            end: spread * EPS_END,
            ratio: EPS_RATIO,
        };
        let mut arcs = CandidateArcs { g: &mut g, slack };
        auction(&mut arcs, w.x, w.y, w.v, w.free, scaling, budget)
    });
    let mut w = Work { buf: g.buf, ..w };
    let Some(bids) = bids.filter(|&b| b < budget) else {
        w.v.copy_from_slice(w.ready_v);
        let mut solved = solve_dense(c, w, false);
        solved.stats.bids = bids.unwrap_or(0);
        solved.stats.price_war = bids.is_some();
        return solved;
    };
    let nfree = keep_tight(&mut DenseRows { c, buf: w.buf }, w.x, w.y, w.v, w.free);
    let mut stats = search(c, w.reborrow(), nfree, false);
    stats.bids = bids;
    let (cost, gap) = certify(c, w.x, w.v, w.d, w.buf);
    Solved { stats, cost, gap }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exact::assignment::lapjv::Stats;
    use crate::exact::assignment::testing::{beside_dense, cloud_cost, uniform, Outcome};
    use faer::Mat;

    /// This method, forced at any n ≥ 2, and the dense LAPJV on `c`.
    fn both(c: &Mat<f64>) -> ([Outcome; 2], Stats) {
        beside_dense(c, scratch(c.nrows()), solve)
    }

    /// A permutation whose recomputed cost is the one reported.
    fn check_permutation(c: &Mat<f64>, (cost, _, perm): &Outcome, what: &str) {
        let n = c.nrows();
        let mut sorted = perm.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "{what}");
        let recomputed: f64 = (0..n).map(|i| c[(i, perm[i])]).sum();
        assert_eq!(recomputed, *cost, "{what}");
    }

    /// The dense LAPJV's optimum (itself checked against brute force, HiGHS and the network
    /// simplex in tests/exact) and the certificate, forced on integer costs with ties, uniform
    /// costs, 2-D and 64-D clouds, and a block structure whose cheap arcs all go to 16 columns
    /// (its rows leave their candidates).
    #[test]
    fn auction_prices_give_the_dense_optimum() {
        let mut r = uniform(0x6A09_E667_F3BC_C908);
        let mut ran = 0;
        for n in [2usize, 3, 5, 40, 200, 600] {
            let cases = [
                Mat::from_fn(n, n, |_, _| (r() * n as f64).floor()),
                Mat::from_fn(n, n, |_, _| r()),
                cloud_cost(n, 2, &mut r),
                cloud_cost(n, 64, &mut r),
                Mat::from_fn(n, n, |i, j| {
                    let b = |k: usize| if k < 16 { 0.0 } else { 100.0 };
                    b(i) + b(j) + r()
                }),
            ];
            for (k, c) in cases.iter().enumerate() {
                let what = format!("n {n} case {k}");
                let ([got, dense], stats) = both(c);
                check_permutation(c, &got, &what);
                assert!(!stats.price_war, "{what}");
                ran += usize::from(stats.bids > 0);
                if k == 0 {
                    // Integers: exact, with a zero certificate.
                    assert_eq!((got.0, got.1), (dense.0, 0.0), "{what}");
                } else {
                    assert!(
                        (got.0 - dense.0).abs() <= 1e-12 * dense.0.abs().max(1.0),
                        "{what}: {} vs {}",
                        got.0,
                        dense.0
                    );
                    assert!(got.1 >= -1e-12, "{what}: gap {}", got.1);
                }
            }
        }
        // On every case (the price war and the spread 0 have their own test).
        assert_eq!(ran, 30, "the auction ran {ran} times of 30");
    }

    /// Costs 10¹⁵ + integers: the ε of the last phases falls below the costs' ulp, the bids
    /// stop lowering prices and the auction spends its budget (a price war). The solve starts
    /// again from the column minima: the dense LAPJV's result, counts apart. Costs all equal:
    /// no ε to scale (spread 0), the plain LAPJV at once.
    #[test]
    fn a_price_war_or_no_spread_falls_back_to_the_plain_lapjv() {
        let mut r = uniform(0xBB67_AE85_84CA_A73B);
        for n in [40usize, 300] {
            let c = Mat::from_fn(n, n, |_, _| 1e15 + (r() * 4.0 * n as f64).floor());
            let ([got, dense], stats) = both(&c);
            assert!(stats.price_war, "n {n}");
            assert_eq!(stats.bids, (MAX_BIDS * n) as u64, "n {n}");
            check_permutation(&c, &got, "war");
            assert_eq!((&got.2, got.1), (&dense.2, 0.0), "n {n}");

            let c = Mat::from_fn(n, n, |_, _| 7.0);
            let ([got, dense], stats) = both(&c);
            assert_eq!((stats.bids, stats.price_war), (0, false), "n {n}");
            assert_eq!(got, dense, "n {n}");
        }
    }

    /// The rule's statistic: more than 40 % of the rows without a column minimum on a 64-D
    /// cloud (about half) and a 2-D one (41 %), not on uniform i.i.d. costs (about 37 %);
    /// more than 80 % on integers in {0, 1, 2} (ties).
    #[test]
    fn column_minima_crowd_on_clouds_and_ties() {
        let mut r = uniform(0x3C6E_F372_FE94_F82B);
        let crowded = |c: &Mat<f64>| {
            let n = c.nrows();
            let rows = Rows::new(c.as_ref());
            let (mut v, mut arg, mut buf, mut seen) =
                (vec![0.0; n], vec![0; n], vec![0.0; n], vec![7u8; n]);
            super::super::lapjv::column_minima(&rows, &mut v, &mut arg, &mut buf).unwrap();
            super::super::lapjv::crowding(&arg, &mut seen)
        };
        use super::super::lapjv::Crowding::{Crowded, Spread, Tied};
        assert_eq!(crowded(&cloud_cost(900, 64, &mut r)), Crowded);
        assert_eq!(crowded(&cloud_cost(1000, 2, &mut r)), Crowded);
        assert_eq!(crowded(&Mat::from_fn(1000, 1000, |_, _| r())), Spread);
        assert_eq!(
            crowded(&Mat::from_fn(1000, 1000, |_, _| (3.0 * r()).floor())),
            Tied
        );
    }
}
