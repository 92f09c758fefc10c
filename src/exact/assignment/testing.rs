//! Helpers of the assignment solvers' unit tests: random costs, and one solver run from the
//! column minima beside the dense LAPJV.

use super::lapjv::{column_minima, solve_dense, Rows, Solved, Stats, Work};
use crate::{MemStack, StackReq};
use faer::Mat;

/// Uniform numbers in [0, 1) from a xorshift generator seeded with `seed`.
pub(super) fn uniform(mut s: u64) -> impl FnMut() -> f64 {
    move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Squared Euclidean cost between n points uniform in [0, 1]^d and n others (point i's
/// coordinates, then its partner's, drawn in turn).
pub(super) fn cloud_cost(n: usize, d: usize, r: &mut impl FnMut() -> f64) -> Mat<f64> {
    let pts: Vec<Vec<f64>> = (0..n).map(|_| (0..2 * d).map(|_| r()).collect()).collect();
    Mat::from_fn(n, n, |i, j| {
        (0..d).map(|k| (pts[i][k] - pts[j][d + k]).powi(2)).sum()
    })
}

/// A solved problem's `(cost, gap, perm)`.
pub(super) type Outcome = (f64, f64, Vec<usize>);

/// Solves `c` (n ≥ 2) by `solve` from its column minima, with a workspace of `extra` besides
/// the dense solver's, and by the dense LAPJV; returns both outcomes and the first's counts.
pub(super) fn beside_dense(
    c: &Mat<f64>,
    extra: StackReq,
    solve: impl FnOnce(&Rows<'_>, Work<'_>, &mut MemStack) -> Solved,
) -> ([Outcome; 2], Stats) {
    let (first, stats) = run(c, extra, solve);
    let (dense, _) = run(c, extra, |rows, w, _| solve_dense(rows, w, false));
    ([first, dense], stats)
}

/// `solve` on `c` from its column minima, with a workspace of `extra` besides the dense
/// solver's.
fn run(
    c: &Mat<f64>,
    extra: StackReq,
    solve: impl FnOnce(&Rows<'_>, Work<'_>, &mut MemStack) -> Solved,
) -> (Outcome, Stats) {
    let n = c.nrows();
    let rows = Rows::new(c.as_ref());
    let req = crate::exact::assignment_scratch(n).and(extra);
    crate::workspace::with_stack(req, |stack| {
        let mut a: Vec<Vec<usize>> = vec![vec![0; n]; 4];
        let mut f: Vec<Vec<f64>> = vec![vec![0.0; n]; 6];
        let mut several = vec![0u8; n];
        let [x, y, ready, free] = &mut a[..] else {
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
        let s = solve(&rows, w, stack);
        ((s.cost, s.gap, a[0].clone()), s.stats)
    })
    .unwrap()
}
