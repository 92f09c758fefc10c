//! A start for the shortest augmenting paths: Bertsekas's forward auction with ε-scaling,
//! stopped after a few phases, whose prices become the column duals and whose tight pairs the
//! starting assignment.
//!
//! Min-cost form: row i bids for its column j1 of smallest reduced cost `u1 = C_ij1 − v_j1`,
//! lowering `v_j1` by `(u2 − u1) + ε` (u2: its second smallest), and takes j1 from its holder,
//! who bids again. A phase ends when every row holds a column; then every row is within ε of
//! its best column (ε-complementary slackness). ε is divided by a ratio ([`Scaling`]) between
//! phases and every row freed at the start of each. The duals `v` only decrease (the
//! candidate arcs' bounds stay valid), and each row's two smallest reduced costs are taken
//! over the arcs of `rows` ([`ReducedRows`]): all its arcs (the prices are then those of an
//! auction on the complete graph), or its candidates alone (an auction's first phases, see
//! `candidates`).
//!
//! Hand-off: the shortest paths need every assigned arc tight (`C_ij − v_j` the row's
//! minimum), which an ε-auction leaves only to some rows: the others are freed. From any `v`
//! the paths are exact; near-optimal prices make them short (their lengths add up to the
//! primal-dual gap, at most n·ε).

use super::lapjv::{ReducedRows, NONE};

/// An ε schedule: from `start` down to `end` (> 0), divided by `ratio` (> 1) between phases.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scaling {
    pub start: f64,
    pub end: f64,
    pub ratio: f64,
}

/// Runs the ε-scaling auction of `scaling` on the arcs of
/// `rows` with duals `v` (lowered in place), then frees the rows whose column is not tight.
/// Afterwards `x`, `y` hold the tight pairs and `free` the free rows, whose count is returned.
/// `budget` caps the bids: past it the phase stops where it is (the hand-off is the same).
/// Returns the bids made. O(bids) calls of `rows.bid`.
pub(super) fn auction(
    rows: &mut impl ReducedRows,
    x: &mut [usize],
    y: &mut [usize],
    v: &mut [f64],
    free: &mut [usize],
    scaling: Scaling,
    budget: u64,
) -> u64 {
    let n = x.len();
    let mut bids = 0u64;
    let mut eps = scaling.start;
    'phases: loop {
        x.fill(NONE);
        y.fill(NONE);
        // The free rows as a stack, row 0 on top.
        for (k, f) in free.iter_mut().enumerate() {
            *f = n - 1 - k;
        }
        let mut top = n;
        while top > 0 {
            if bids >= budget {
                break 'phases;
            }
            top -= 1;
            let i = free[top];
            let (u1, j1, u2) = rows.bid(i, v);
            v[j1] -= (u2 - u1) + eps;
            bids += 1;
            let held = y[j1];
            if held != NONE {
                x[held] = NONE;
                free[top] = held;
                top += 1;
            }
            x[i] = j1;
            y[j1] = i;
        }
        if eps <= scaling.end {
            break;
        }
        eps = (eps / scaling.ratio).max(scaling.end);
    }
    bids
}

/// The hand-off: frees the rows of `x`, `y` whose column is not one of smallest reduced cost
/// `C_ij − v_j` over the arcs of `rows` (which must be exact over all arcs), and the rows
/// without a column; writes the free rows into `free` and returns their count. O(n) calls of
/// `rows.two_smallest`.
pub(super) fn keep_tight(
    rows: &mut impl ReducedRows,
    x: &mut [usize],
    y: &mut [usize],
    v: &[f64],
    free: &mut [usize],
) -> usize {
    let mut nfree = 0;
    for (i, xi) in x.iter_mut().enumerate() {
        let j = *xi;
        if j != NONE {
            let (u1, j1, u2, j2) = rows.two_smallest(i, v);
            if j == j1 || (j == j2 && u2 == u1) {
                continue;
            }
            y[j] = NONE;
            *xi = NONE;
        }
        free[nfree] = i;
        nfree += 1;
    }
    nfree
}
