//! Block Search pricing (LEMON / POT) over the implicit arcs of the complete bipartite graph:
//! arcs are scanned row by row from where the last search stopped, in blocks of about
//! √(n·m) arcs, and the most negative reduced cost of the first block holding one enters.
//! Costs are read in place from the caller's view: no copy.

use crate::MatRef;
use faer::ContiguousFwd;

/// Relative threshold under which a negative reduced cost counts as zero: a reduced cost
/// `c + pi_s − pi_t` below `−EPS·(|c| + |pi_s| + |pi_t|)` is a real improvement, above it is
/// rounding (tree arcs have reduced cost 0 up to a few ulps of the potentials).
pub(super) const EPS: f64 = 1e-14;

/// The cost of the reduced problem: rows `rows[i]` and columns `cols[j]` of the caller's
/// matrix (zero-mass rows and columns removed).
pub(super) struct Costs<'a> {
    pub mat: MatRef<'a, f64>,
    pub rows: &'a [usize],
    pub cols: &'a [usize],
    /// The matrix rows are contiguous and no column was removed: rows are plain slices.
    pub fast: Option<MatRef<'a, f64, usize, usize, isize, ContiguousFwd>>,
}

impl<'a> Costs<'a> {
    /// Wraps the caller's matrix and the kept rows / columns.
    pub fn new(mat: MatRef<'a, f64>, rows: &'a [usize], cols: &'a [usize]) -> Self {
        let fast = if cols.len() == mat.ncols() {
            mat.try_as_row_major()
        } else {
            None
        };
        Costs {
            mat,
            rows,
            cols,
            fast,
        }
    }

    /// Cost of arc i → j of the reduced problem.
    #[inline]
    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.mat[(self.rows[i], self.cols[j])]
    }

    /// Calls `f(j, C_ij)` for every column j of row i of the reduced problem, in order.
    #[inline]
    pub fn for_row(&self, i: usize, mut f: impl FnMut(usize, f64)) {
        match self.row(i) {
            Some(r) => r.iter().enumerate().for_each(|(j, &c)| f(j, c)),
            None => (0..self.cols.len()).for_each(|j| f(j, self.at(i, j))),
        }
    }

    /// Row i of the reduced problem as a slice, when the layout allows.
    #[inline]
    fn row(&self, i: usize) -> Option<&'a [f64]> {
        self.fast.map(|f| f.row(self.rows[i]).as_slice())
    }
}

/// Minimum over `k` of `c[k] − pt[k]`, with its index (the first one on ties). Four
/// independent accumulators for the value, then one rescan for the index only when the value
/// beats `bound` (rare once the search is under way).
#[inline]
fn row_min(c: &[f64], pt: &[f64], bound: f64) -> Option<(f64, usize)> {
    let len = c.len();
    let pt = &pt[..len];
    let mut acc = [f64::INFINITY; 4];
    let chunks = len / 4;
    for q in 0..chunks {
        for l in 0..4 {
            let v = c[4 * q + l] - pt[4 * q + l];
            acc[l] = if v < acc[l] { v } else { acc[l] };
        }
    }
    let mut best = acc[0].min(acc[1]).min(acc[2].min(acc[3]));
    for k in 4 * chunks..len {
        let v = c[k] - pt[k];
        if v < best {
            best = v;
        }
    }
    if best >= bound {
        return None;
    }
    let k = (0..len).find(|&k| c[k] - pt[k] == best)?;
    Some((best, k))
}

/// The Block Search state: where the next search starts, and the block size.
pub(super) struct BlockSearch {
    next_arc: usize,
    block: usize,
}

impl BlockSearch {
    /// Block size `max(√(n·m), 10)` as in LEMON.
    pub fn new(n: usize, m: usize) -> Self {
        let block = ((n as f64 * m as f64).sqrt() as usize).max(10);
        BlockSearch { next_arc: 0, block }
    }

    /// The entering arc `(i, j, cost)`, or `None` when no reduced cost is below the
    /// rounding threshold (optimal). `pi` holds the rows' then the columns' potentials.
    pub fn find(&mut self, costs: &Costs<'_>, pi: &[f64]) -> Option<(usize, usize, f64)> {
        let (n, m) = (costs.rows.len(), costs.cols.len());
        let total = n * m;
        let pt = &pi[n..n + m];
        let mut best = 0.0f64;
        let mut best_arc = (0, 0);
        let mut e = self.next_arc;
        let mut left = self.block;
        let mut scanned = 0;
        let qualifies = |best: f64, (i, j): (usize, usize)| {
            best < 0.0 && best < -EPS * (costs.at(i, j).abs() + pi[i].abs() + pt[j].abs())
        };
        while scanned < total {
            let i = e / m;
            let j0 = e % m;
            let j1 = m.min(j0 + left);
            let len = j1 - j0;
            let ps = pi[i];
            match costs.row(i) {
                Some(row) => {
                    if let Some((v, k)) = row_min(&row[j0..j1], &pt[j0..j1], best - ps) {
                        best = v + ps;
                        best_arc = (i, j0 + k);
                    }
                }
                None => {
                    for (j, &ptj) in pt.iter().enumerate().take(j1).skip(j0) {
                        let v = costs.at(i, j) + ps - ptj;
                        if v < best {
                            best = v;
                            best_arc = (i, j);
                        }
                    }
                }
            }
            e += len;
            if e == total {
                e = 0;
            }
            scanned += len;
            left -= len;
            if left == 0 {
                if qualifies(best, best_arc) {
                    self.next_arc = e;
                    let (i, j) = best_arc;
                    return Some((i, j, costs.at(i, j)));
                }
                left = self.block;
            }
        }
        if qualifies(best, best_arc) {
            self.next_arc = e;
            let (i, j) = best_arc;
            return Some((i, j, costs.at(i, j)));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_min_finds_the_first_minimum_and_respects_the_bound() {
        let c = [5.0, 3.0, 4.0, 1.0, 7.0, 1.0, 9.0];
        let pt = [0.0; 7];
        assert_eq!(row_min(&c, &pt, 0.0), None);
        assert_eq!(row_min(&c, &pt, 2.0), Some((1.0, 3)));
        let pt = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0];
        assert_eq!(row_min(&c, &pt, 0.0), Some((-1.0, 6)));
    }
}
