//! Block Search pricing (LEMON / POT) over the implicit arcs of the complete bipartite graph:
//! arcs are scanned row by row from where the last search stopped, in blocks of about
//! √(n·m) arcs, and the most negative reduced cost of the first block holding one enters.
//! Costs are read in place from the caller's view: no copy.

use crate::cost::clouds::{PackedClouds, CHUNK};
use crate::real::Real;
use crate::MatRef;
use faer::ContiguousFwd;

/// Relative threshold under which a negative reduced cost counts as zero: a reduced cost
/// `c + pi_s − pi_t` below `−EPS·(|c| + |pi_s| + |pi_t|)` is a real improvement, above it is
/// rounding (tree arcs have reduced cost 0 up to a few ulps of the potentials).
pub(crate) const EPS: f64 = 1e-14;

/// The costs of the two dummy nodes of an augmented problem (partial and TV-unbalanced OT,
/// see [`super::partial`]): a dummy row after the kept rows and a dummy column after the kept
/// columns. Every real row reaches the dummy column at cost `to_col`, the dummy row reaches
/// every real column at cost `from_row`, and the dummy row reaches the dummy column at
/// `corner`. Nothing is stored per node: the caller's matrix is never copied.
#[derive(Clone, Copy, Debug)]
pub(super) struct Dummies {
    pub to_col: f64,
    pub from_row: f64,
    pub corner: f64,
}

/// Where the costs of the reduced problem's real arcs come from.
#[derive(Clone, Copy)]
pub(super) enum Source<'a> {
    /// The caller's matrix, indexed through `rows` and `cols`; `fast` when its rows are
    /// contiguous and no column was removed (rows are then plain slices).
    Matrix {
        mat: MatRef<'a, f64>,
        fast: Option<MatRef<'a, f64, usize, usize, isize, ContiguousFwd>>,
    },
    /// Two clouds holding only the kept rows and columns, costs computed on demand.
    Clouds(PackedClouds<'a>),
}

/// The cost of the reduced problem: rows `rows[i]` and columns `cols[j]` of the caller's
/// matrix or clouds (zero-mass rows and columns removed), followed by the dummy row and column
/// when `dummy` is set.
pub(super) struct Costs<'a> {
    pub source: Source<'a>,
    pub rows: &'a [usize],
    pub cols: &'a [usize],
    pub dummy: Option<Dummies>,
}

impl<'a> Costs<'a> {
    /// Wraps the caller's matrix, the kept rows / columns and the dummy nodes (if any).
    pub fn new(
        mat: MatRef<'a, f64>,
        rows: &'a [usize],
        cols: &'a [usize],
        dummy: Option<Dummies>,
    ) -> Self {
        let fast = if cols.len() == mat.ncols() {
            mat.try_as_row_major()
        } else {
            None
        };
        Costs {
            source: Source::Matrix { mat, fast },
            rows,
            cols,
            dummy,
        }
    }

    /// Rows of the reduced problem (the dummy row included).
    #[inline]
    pub fn nrows(&self) -> usize {
        self.rows.len() + usize::from(self.dummy.is_some())
    }

    /// Columns of the reduced problem (the dummy column included).
    #[inline]
    pub fn ncols(&self) -> usize {
        self.cols.len() + usize::from(self.dummy.is_some())
    }

    /// Cost of arc i → j of the reduced problem.
    #[inline]
    pub fn at(&self, i: usize, j: usize) -> f64 {
        let (real_row, real_col) = (i < self.rows.len(), j < self.cols.len());
        match (real_row, real_col, self.dummy) {
            (true, true, _) => match self.source {
                Source::Matrix { mat, .. } => mat[(self.rows[i], self.cols[j])],
                Source::Clouds(c) => c.at(i, j),
            },
            (true, false, Some(d)) => d.to_col,
            (false, true, Some(d)) => d.from_row,
            (_, _, Some(d)) => d.corner,
            _ => unreachable!("arc ({i}, {j}) outside the reduced problem"),
        }
    }

    /// Calls `f(j, C_ij)` for every column j of row i of the reduced problem, in order.
    #[inline]
    pub fn for_row(&self, i: usize, mut f: impl FnMut(usize, f64)) {
        let nc = self.cols.len();
        match (self.row(i), self.source) {
            (Some(r), _) => r.iter().enumerate().for_each(|(j, &c)| f(j, c)),
            (None, Source::Clouds(c)) if i < self.rows.len() => {
                let mut buf = [0.0; CHUNK];
                for lo in (0..nc).step_by(CHUNK) {
                    let len = CHUNK.min(nc - lo);
                    c.fill(i, lo, len, &mut buf);
                    buf[..len]
                        .iter()
                        .enumerate()
                        .for_each(|(q, &v)| f(lo + q, v));
                }
            }
            _ => (0..nc).for_each(|j| f(j, self.at(i, j))),
        }
        if self.dummy.is_some() {
            f(nc, self.at(i, nc));
        }
    }

    /// The real columns of row i of the reduced problem as a slice, when the layout allows.
    #[inline]
    fn row(&self, i: usize) -> Option<&'a [f64]> {
        let r = *self.rows.get(i)?;
        match self.source {
            Source::Matrix { fast, .. } => fast.map(|f| f.row(r).as_slice()),
            Source::Clouds(_) => None,
        }
    }
}

/// Minimum over `k` of `c[k] − pt[k]` when it is below `bound`, with its index (the first one
/// on ties); `None` when no entry is below `bound`. SIMD: the row is cut into chunks of
/// [`CHUNK`] entries whose minima are taken in vector lanes (four independent accumulators);
/// only the chunk holding the winner is rescanned for the index. The differences are the same
/// IEEE subtractions as in the tests' scalar reference, so both return the same arc.
#[inline]
pub(crate) fn row_min(arch: pulp::Arch, c: &[f64], pt: &[f64], bound: f64) -> Option<(f64, usize)> {
    arch.dispatch(RowMin { c, pt, bound })
}

// Chunk length of [`row_min`] (that of the on-the-fly costs, [`CHUNK`]): short enough that
// the rescan for the index is cheap, long enough that the per-chunk reduction is amortised.

struct RowMin<'a> {
    c: &'a [f64],
    pt: &'a [f64],
    bound: f64,
}

impl pulp::WithSimd for RowMin<'_> {
    type Output = Option<(f64, usize)>;

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, simd: S) -> Self::Output {
        let RowMin { c, pt, bound } = self;
        let pt = &pt[..c.len()];
        let mut best = bound;
        let mut at = usize::MAX;
        for (q, (cc, pp)) in c.chunks(CHUNK).zip(pt.chunks(CHUNK)).enumerate() {
            let v = chunk_min(simd, cc, pp);
            if v < best {
                best = v;
                at = q;
            }
        }
        if at == usize::MAX {
            return None;
        }
        let lo = at * CHUNK;
        let hi = c.len().min(lo + CHUNK);
        let k = (lo..hi).find(|&k| c[k] - pt[k] == best)?;
        Some((best, k))
    }
}

/// Minimum of `c[k] − pt[k]` over a chunk (equal lengths), in lanes.
#[inline(always)]
fn chunk_min<S: pulp::Simd>(simd: S, c: &[f64], pt: &[f64]) -> f64 {
    let (cv, ct) = f64::as_simd::<S>(c);
    let (pv, ptt) = f64::as_simd::<S>(pt);
    let mut acc = [f64::splat_s(simd, f64::INFINITY); 4];
    let (c4, c1) = pulp::as_arrays::<4, _>(cv);
    let (p4, p1) = pulp::as_arrays::<4, _>(pv);
    for (x, y) in c4.iter().zip(p4) {
        for l in 0..4 {
            acc[l] = f64::min_s(simd, acc[l], f64::sub_s(simd, x[l], y[l]));
        }
    }
    for (&x, &y) in c1.iter().zip(p1) {
        acc[0] = f64::min_s(simd, acc[0], f64::sub_s(simd, x, y));
    }
    let lanes = f64::min_s(
        simd,
        f64::min_s(simd, acc[0], acc[1]),
        f64::min_s(simd, acc[2], acc[3]),
    );
    let mut best = f64::reduce_min_s(simd, lanes);
    for (&x, &y) in ct.iter().zip(ptt) {
        let v = x - y;
        if v < best {
            best = v;
        }
    }
    best
}

/// Scalar reference of [`row_min`] (the tests compare both).
#[cfg(test)]
fn row_min_scalar(c: &[f64], pt: &[f64], bound: f64) -> Option<(f64, usize)> {
    let mut best = (f64::INFINITY, 0);
    for (k, (&x, &y)) in c.iter().zip(pt).enumerate() {
        if x - y < best.0 {
            best = (x - y, k);
        }
    }
    (best.0 < bound).then_some(best)
}

/// The Block Search state: where the next search starts, and the block size.
pub(super) struct BlockSearch {
    next_arc: usize,
    block: usize,
    arch: pulp::Arch,
}

impl BlockSearch {
    /// Block size `max(√(n·m), 10)` as in LEMON.
    pub fn new(n: usize, m: usize) -> Self {
        let block = ((n as f64 * m as f64).sqrt() as usize).max(10);
        BlockSearch {
            next_arc: 0,
            block,
            arch: pulp::Arch::new(),
        }
    }

    /// The entering arc `(i, j, cost)`, or `None` when no reduced cost is below the
    /// rounding threshold (optimal). `pi` holds the rows' then the columns' potentials.
    pub fn find(&mut self, costs: &Costs<'_>, pi: &[f64]) -> Option<(usize, usize, f64)> {
        let (n, m) = (costs.nrows(), costs.ncols());
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
            // The real columns in lanes when the source allows (a contiguous matrix row, or
            // costs from the coordinates a chunk at a time), then the rest one by one.
            let jr = j1.min(costs.cols.len());
            let mut lanes = |c: &[f64], lo: usize| {
                if let Some((v, k)) = row_min(self.arch, c, &pt[lo..lo + c.len()], best - ps) {
                    best = v + ps;
                    best_arc = (i, lo + k);
                }
            };
            let scalar_from = match (costs.row(i), costs.source) {
                (Some(row), _) => {
                    if j0 < jr {
                        lanes(&row[j0..jr], j0);
                    }
                    jr.max(j0)
                }
                (None, Source::Clouds(clouds)) if i < costs.rows.len() => {
                    let mut buf = [0.0; CHUNK];
                    for lo in (j0..jr).step_by(CHUNK) {
                        let len = CHUNK.min(jr - lo);
                        clouds.fill(i, lo, len, &mut buf);
                        lanes(&buf[..len], lo);
                    }
                    jr.max(j0)
                }
                _ => j0,
            };
            for (j, &ptj) in pt.iter().enumerate().take(j1).skip(scalar_from) {
                let v = costs.at(i, j) + ps - ptj;
                if v < best {
                    best = v;
                    best_arc = (i, j);
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
        let arch = pulp::Arch::new();
        let c = [5.0, 3.0, 4.0, 1.0, 7.0, 1.0, 9.0];
        let pt = [0.0; 7];
        assert_eq!(row_min(arch, &c, &pt, 0.0), None);
        assert_eq!(row_min(arch, &c, &pt, 2.0), Some((1.0, 3)));
        let pt = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0];
        assert_eq!(row_min(arch, &c, &pt, 0.0), Some((-1.0, 6)));
    }

    #[test]
    fn simd_row_min_equals_the_scalar_reference() {
        // The widest instruction set (the dense simplex's) and AVX2 (the assignment's).
        let mut arches = vec![pulp::Arch::new()];
        #[cfg(target_arch = "x86_64")]
        arches.extend(pulp::x86::V3::try_new().map(pulp::Arch::V3));
        let mut s = 0x2545F4914F6CDD1Du64;
        let mut u = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s >> 11
        };
        for len in [1usize, 3, 4, 7, 16, 17, 127, 128, 129, 300, 1000] {
            for _ in 0..20 {
                // Small integers: many ties, so the first-index rule is exercised.
                let c: Vec<f64> = (0..len).map(|_| (u() % 8) as f64).collect();
                let pt: Vec<f64> = (0..len).map(|_| (u() % 8) as f64).collect();
                for (bound, arch) in [-8.0, -3.0, 0.0, 2.0, f64::INFINITY]
                    .into_iter()
                    .flat_map(|b| arches.iter().map(move |&a| (b, a)))
                {
                    let want = row_min_scalar(&c, &pt, bound);
                    assert_eq!(
                        row_min(arch, &c, &pt, bound),
                        want,
                        "len {len} bound {bound}"
                    );
                    assert_eq!(
                        row_min(arch, &c[1..], &pt[1..], bound),
                        row_min_scalar(&c[1..], &pt[1..], bound)
                    );
                }
            }
        }
    }
}
