//! The SIMD kernels of the assignment solver: the fused Dijkstra step (relax every column from
//! one row, then find the nearest column) and the two smallest reduced costs of a row.
//!
//! Scanned columns carry `v_j = −∞` and `d_j = +∞` during a search, so the relaxation
//! `h = (C_ij − v_j) − u` gives +∞ for them and neither lowers their distance nor lets them win
//! the minimum: the loop runs over all columns without masks or index lists, contiguous in the
//! row, in vector lanes.

use pulp::Simd;

/// The instruction set of the assignment's kernels: AVX2 at most, where pulp's own choice
/// would take AVX-512. Measured on a Zen 5 core (one thread, best of 7, two interleaved
/// rounds): with AVX-512 the solves took 1.03–1.08× as long at n = 1000, d = 2 (the
/// selection 1.12 ms against 0.93, and other roundings: 41 997 bids instead of 37 213) and
/// 0.96–0.97× at d = 512. These kernels read the cost at the cache's bandwidth.
pub(super) fn arch() -> pulp::Arch {
    #[cfg(target_arch = "x86_64")]
    if let Some(avx2) = pulp::x86::V3::try_new() {
        return pulp::Arch::V3(avx2);
    }
    pulp::Arch::new()
}

/// Chunk length of the minimum search: the minimum is taken in lanes over each chunk, and only
/// the chunk holding the winner is rescanned for its index.
const CHUNK: usize = 128;

/// Relaxes every column from one row: `h_j = (c_j − v_j) − u`, `d_j = min(d_j, h_j)`.
/// Returns the smallest `d_j` after the update and its first index. `c`, `v`, `d` have one
/// length ≥ 1. O(len) in vector lanes; the predecessors are not stored (the path is rebuilt
/// afterwards from the scanned rows, see `lapjv`), so the loop makes one plain store per lane.
#[inline]
pub(super) fn relax(arch: pulp::Arch, c: &[f64], v: &[f64], d: &mut [f64], u: f64) -> (f64, usize) {
    arch.dispatch(Relax { c, v, d, u })
}

struct Relax<'a> {
    c: &'a [f64],
    v: &'a [f64],
    d: &'a mut [f64],
    u: f64,
}

impl pulp::WithSimd for Relax<'_> {
    type Output = (f64, usize);

    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) -> Self::Output {
        let Relax { c, v, d, u } = self;
        let len = c.len();
        let (v, d) = (&v[..len], &mut d[..len]);
        let mut best = f64::INFINITY;
        let mut at = 0usize;
        for (q, ((cc, vv), dd)) in c
            .chunks(CHUNK)
            .zip(v.chunks(CHUNK))
            .zip(d.chunks_mut(CHUNK))
            .enumerate()
        {
            let m = relax_chunk(simd, cc, vv, dd, u);
            if m < best {
                best = m;
                at = q;
            }
        }
        let lo = at * CHUNK;
        let k = d[lo..len.min(lo + CHUNK)]
            .iter()
            .position(|&x| x == best)
            .unwrap_or(0);
        (best, lo + k)
    }
}

/// [`relax`] over one chunk; returns the chunk's smallest distance after the update.
#[inline(always)]
fn relax_chunk<S: Simd>(simd: S, c: &[f64], v: &[f64], d: &mut [f64], u: f64) -> f64 {
    let (cv, ct) = S::as_simd_f64s(c);
    let (vv, vt) = S::as_simd_f64s(v);
    let (dv, dt) = S::as_mut_simd_f64s(d);
    let us = simd.splat_f64s(u);
    let (mut acc0, mut acc1) = (
        simd.splat_f64s(f64::INFINITY),
        simd.splat_f64s(f64::INFINITY),
    );
    let mut lanes = cv.iter().zip(vv).zip(dv.iter_mut());
    // min(h, d) is h where h < d, else d: the scalar rule below, lane by lane.
    let step = |(&x, &y): (&S::f64s, &S::f64s), dk: &mut S::f64s| {
        let h = simd.sub_f64s(simd.sub_f64s(x, y), us);
        *dk = simd.min_f64s(h, *dk);
        *dk
    };
    while let Some((a, da)) = lanes.next() {
        acc0 = simd.min_f64s(acc0, step(a, da));
        if let Some((b, db)) = lanes.next() {
            acc1 = simd.min_f64s(acc1, step(b, db));
        }
    }
    let mut best = simd.reduce_min_f64s(simd.min_f64s(acc0, acc1));
    for ((&x, &y), dk) in ct.iter().zip(vt).zip(dt.iter_mut()) {
        let h = (x - y) - u;
        if h < *dk {
            *dk = h;
        }
        best = best.min(*dk);
    }
    best
}

/// The smallest and largest entry of a row and whether all its entries are finite:
/// `(lo, hi, finite)` (`lo`, `hi` are meaningful only when `finite`). O(len) in vector lanes.
pub(super) fn row_range(arch: pulp::Arch, c: &[f64]) -> (f64, f64, bool) {
    arch.dispatch(RowRange { c, minima: None })
}

/// The range of all entries over rows 0..n, from each row's `(lo, hi, finite)` as
/// [`row_range`] gives it (`row(i)`): `Ok((lo, hi))`, or `Err(i)` for the first row holding a
/// NaN or an infinity (the rows after it are not read). O(n) calls of `row`.
pub(super) fn range_of_rows(
    n: usize,
    mut row: impl FnMut(usize) -> (f64, f64, bool),
) -> Result<(f64, f64), usize> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for i in 0..n {
        let (row_lo, row_hi, finite) = row(i);
        if !finite {
            return Err(i);
        }
        lo = lo.min(row_lo);
        hi = hi.max(row_hi);
    }
    Ok((lo, hi))
}

/// [`row_range`] of row `i`, fused with the running column minima: where `c_j < v_j`, `v_j`
/// becomes `c_j` and `arg_j` becomes `i` (a lane is rescanned only when one of its columns
/// moves, `H_n` times a column on average over rows in random order). `v`, `arg` have the
/// length of `c`. O(len) in vector lanes, one read of the row for both.
pub(super) fn lower_minima(
    arch: pulp::Arch,
    c: &[f64],
    v: &mut [f64],
    arg: &mut [usize],
    i: usize,
) -> (f64, f64, bool) {
    arch.dispatch(RowRange {
        c,
        minima: Some((v, arg, i)),
    })
}

struct RowRange<'a> {
    c: &'a [f64],
    minima: Option<(&'a mut [f64], &'a mut [usize], usize)>,
}

impl pulp::WithSimd for RowRange<'_> {
    type Output = (f64, f64, bool);

    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) -> Self::Output {
        let RowRange { c, mut minima } = self;
        let lanes = size_of::<S::f64s>() / size_of::<f64>();
        let (cv, ct) = S::as_simd_f64s(c);
        let (mut lo, mut hi) = (
            simd.splat_f64s(f64::INFINITY),
            simd.splat_f64s(f64::NEG_INFINITY),
        );
        // `x · 0` is 0 for a finite x and NaN for ±∞ and NaN: the sum is NaN iff one is not
        // finite.
        let (zero, mut nan) = (simd.splat_f64s(0.0), simd.splat_f64s(0.0));
        for (q, &x) in cv.iter().enumerate() {
            lo = simd.min_f64s(lo, x);
            hi = simd.max_f64s(hi, x);
            nan = simd.add_f64s(nan, simd.mul_f64s(x, zero));
            if let Some((v, arg, i)) = minima.as_mut() {
                let span = q * lanes..(q + 1) * lanes;
                let (vq, _) = S::as_simd_f64s(&v[span.clone()]);
                if simd.first_true_m64s(simd.less_than_f64s(x, vq[0])) < lanes {
                    lower(&c[span.clone()], &mut v[span.clone()], &mut arg[span], *i);
                }
            }
        }
        let mut low = simd.reduce_min_f64s(lo);
        let mut high = simd.reduce_max_f64s(hi);
        let mut finite = simd.reduce_sum_f64s(nan) == 0.0;
        for &x in ct {
            low = low.min(x);
            high = high.max(x);
            finite &= x.is_finite();
        }
        if let Some((v, arg, i)) = minima {
            let tail = cv.len() * lanes..c.len();
            lower(&c[tail.clone()], &mut v[tail.clone()], &mut arg[tail], i);
        }
        (low, high, finite)
    }
}

/// The scalar rule of [`lower_minima`] on a few columns.
#[inline(always)]
fn lower(c: &[f64], v: &mut [f64], arg: &mut [usize], i: usize) {
    for ((&x, vj), aj) in c.iter().zip(v).zip(arg) {
        if x < *vj {
            *vj = x;
            *aj = i;
        }
    }
}

/// Scalar reference of [`relax`] (the tests compare both).
#[cfg(test)]
fn relax_scalar(c: &[f64], v: &[f64], d: &mut [f64], u: f64) -> (f64, usize) {
    let mut best = (f64::INFINITY, 0);
    for j in 0..c.len() {
        let h = (c[j] - v[j]) - u;
        if h < d[j] {
            d[j] = h;
        }
        if d[j] < best.0 {
            best = (d[j], j);
        }
    }
    best
}

/// The smallest and second smallest of `c_j − v_j` over a row of length ≥ 2, with their
/// indices `(u1, j1, u2, j2)`: `j1` is the first index of the minimum, `u2` the minimum over the
/// other indices and `j2` its first index (so `u1 == u2` on ties): the result of the scalar rule
/// [`two_smallest_of`] in index order. `c` and `v` have one length and finite differences
/// (the solver's costs and duals outside a search). O(len) in vector lanes.
pub(super) fn two_smallest(c: &[f64], v: &[f64]) -> (f64, usize, f64, usize) {
    arch().dispatch(TwoSmallest { c, v })
}

struct TwoSmallest<'a> {
    c: &'a [f64],
    v: &'a [f64],
}

/// Per lane: the smallest value seen and its first index, the smallest over the lane's other
/// indices and its first index (indices held as f64, exact below 2^53).
#[derive(Clone, Copy)]
struct LaneTwo<V> {
    m1: V,
    i1: V,
    m2: V,
    i2: V,
}

impl<V: Copy> LaneTwo<V> {
    /// Takes the reduced costs `h` at indices `at`, keeping the scalar rule's strict
    /// comparisons (so first indices win).
    #[inline(always)]
    fn step<S: Simd<f64s = V>>(&mut self, simd: S, h: V, at: V) {
        let below1 = simd.less_than_f64s(h, self.m1);
        let below2 = simd.less_than_f64s(h, self.m2);
        self.m2 = simd.select_f64s(below1, self.m1, simd.select_f64s(below2, h, self.m2));
        self.i2 = simd.select_f64s(below1, self.i1, simd.select_f64s(below2, at, self.i2));
        self.m1 = simd.select_f64s(below1, h, self.m1);
        self.i1 = simd.select_f64s(below1, at, self.i1);
    }
}

impl pulp::WithSimd for TwoSmallest<'_> {
    type Output = (f64, usize, f64, usize);

    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) -> Self::Output {
        let TwoSmallest { c, v } = self;
        let lanes = size_of::<S::f64s>() / size_of::<f64>();
        let (cv, ct) = S::as_simd_f64s(c);
        let (vv, vt) = S::as_simd_f64s(&v[..c.len()]);
        let mut iota = [0.0f64; 16];
        for (k, x) in iota.iter_mut().enumerate() {
            *x = k as f64;
        }
        let inf = simd.splat_f64s(f64::INFINITY);
        let start = |from: usize| LaneTwo {
            m1: inf,
            i1: S::as_simd_f64s(&iota[from..from + lanes]).0[0],
            m2: inf,
            i2: inf,
        };
        // Two independent sets of lanes (even and odd vectors), for instruction-level
        // parallelism.
        let (mut even, mut odd) = (start(0), start(lanes));
        let stride = simd.splat_f64s(2.0 * lanes as f64);
        let (mut at_even, mut at_odd) = (even.i1, odd.i1);
        let mut pairs = cv.chunks_exact(2).zip(vv.chunks_exact(2));
        for (x, y) in pairs.by_ref() {
            even.step(simd, simd.sub_f64s(x[0], y[0]), at_even);
            odd.step(simd, simd.sub_f64s(x[1], y[1]), at_odd);
            at_even = simd.add_f64s(at_even, stride);
            at_odd = simd.add_f64s(at_odd, stride);
        }
        if cv.len() % 2 == 1 {
            let q = cv.len() - 1;
            even.step(simd, simd.sub_f64s(cv[q], vv[q]), at_even);
        }
        // The candidates: each lane's two, then the scalar tail.
        let mut cand = [(f64::INFINITY, usize::MAX); 4 * 8 + 8];
        let mut count = 0;
        let lane = |x: &S::f64s| -> [f64; 8] {
            let mut out = [f64::INFINITY; 8];
            out[..lanes].copy_from_slice(pulp::bytemuck::cast_slice(std::slice::from_ref(x)));
            out
        };
        for t in [even, odd] {
            let (m1, i1, m2, i2) = (lane(&t.m1), lane(&t.i1), lane(&t.m2), lane(&t.i2));
            for l in 0..lanes {
                for (m, i) in [(m1[l], i1[l]), (m2[l], i2[l])] {
                    if m < f64::INFINITY {
                        cand[count] = (m, i as usize);
                        count += 1;
                    }
                }
            }
        }
        let base = cv.len() * lanes;
        for (k, (&x, &y)) in ct.iter().zip(vt).enumerate() {
            cand[count] = (x - y, base + k);
            count += 1;
        }
        first_two(&cand[..count])
    }
}

/// The exact `(u1, j1, u2, j2)` of [`two_smallest`] from candidates `(value, index)` that hold
/// each lane's smallest and second smallest with their first indices (in any order).
fn first_two(cand: &[(f64, usize)]) -> (f64, usize, f64, usize) {
    let mut first = (f64::INFINITY, usize::MAX);
    for &(m, i) in cand {
        if m < first.0 || (m == first.0 && i < first.1) {
            first = (m, i);
        }
    }
    let mut second = (f64::INFINITY, usize::MAX);
    for &(m, i) in cand {
        if i != first.1 && (m < second.0 || (m == second.0 && i < second.1)) {
            second = (m, i);
        }
    }
    (first.0, first.1, second.0, second.1)
}

/// [`two_smallest`] over `(index, reduced cost)` pairs (at least 2), in the order given: the
/// first pair reaching the minimum is `j1`. Selects instead of branches (the candidate bids'
/// comparisons are unpredictable): the same result, solves 6–12 % faster at n = 4000, d = 2.
pub(super) fn two_smallest_of(
    mut reduced: impl Iterator<Item = (usize, f64)>,
) -> (f64, usize, f64, usize) {
    let (mut j1, mut u1) = reduced.next().unwrap_or((0, f64::INFINITY));
    let (mut u2, mut j2) = (f64::INFINITY, usize::MAX);
    for (j, h) in reduced {
        let (below1, below2) = (h < u1, h < u2);
        j2 = if below1 {
            j1
        } else if below2 {
            j
        } else {
            j2
        };
        u2 = if below1 {
            u1
        } else if below2 {
            h
        } else {
            u2
        };
        j1 = if below1 { j } else { j1 };
        u1 = if below1 { h } else { u1 };
    }
    (u1, j1, u2, j2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 53-bit integers from a xorshift generator seeded with `s`.
    fn xorshift(mut s: u64) -> impl FnMut() -> u64 {
        move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s >> 11
        }
    }

    #[test]
    fn simd_relax_equals_the_scalar_reference() {
        let arch = arch();
        let mut r = xorshift(0x2545F4914F6CDD1D);
        for len in [1usize, 3, 4, 7, 16, 17, 127, 128, 129, 300, 1000] {
            for _ in 0..10 {
                // Small integers (ties) and a few scanned columns (v = −∞, d = +∞).
                let c: Vec<f64> = (0..len).map(|_| (r() % 8) as f64).collect();
                let mut v: Vec<f64> = (0..len).map(|_| (r() % 4) as f64).collect();
                let mut d: Vec<f64> = (0..len).map(|_| (r() % 9) as f64).collect();
                for j in 0..len {
                    if r().is_multiple_of(5) && j + 1 < len {
                        v[j] = f64::NEG_INFINITY;
                        d[j] = f64::INFINITY;
                    }
                }
                let mut d2 = d.clone();
                let u = (r() % 3) as f64 - 1.0;
                let got = relax(arch, &c, &v, &mut d, u);
                let want = relax_scalar(&c, &v, &mut d2, u);
                assert_eq!(got, want, "len {len}");
                assert_eq!(d, d2);
            }
        }
    }

    #[test]
    fn row_range_finds_the_extremes_and_every_non_finite_entry() {
        let arch = arch();
        for len in [1usize, 3, 4, 7, 8, 9, 16, 17, 33] {
            let c: Vec<f64> = (0..len).map(|k| ((k * 7) % 11) as f64 - 5.0).collect();
            let lo = c.iter().fold(f64::INFINITY, |m, &x| m.min(x));
            let hi = c.iter().fold(f64::NEG_INFINITY, |m, &x| m.max(x));
            assert_eq!(row_range(arch, &c), (lo, hi, true), "len {len}");
            for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                for at in [0, len / 2, len - 1] {
                    let mut d = c.clone();
                    d[at] = bad;
                    assert!(!row_range(arch, &d).2, "len {len}: {bad} at {at}");
                }
            }
        }
    }

    /// Column minima over whole rows, rows in random order (few moves), in decreasing order
    /// (every column moves at every row) and with ties (the first row keeps the minimum),
    /// against the scalar rule, with the range of each row as [`row_range`].
    #[test]
    fn lower_minima_equals_the_scalar_rule_and_reports_the_range() {
        let arch = arch();
        let mut r = xorshift(0x9E37_79B9_7F4A_7C15);
        for len in [1usize, 3, 4, 7, 8, 9, 17, 130] {
            for order in 0..3 {
                let rows: Vec<Vec<f64>> = (0..12)
                    .map(|i| {
                        (0..len)
                            .map(|_| match order {
                                0 => (r() % 1000) as f64 / 7.0,
                                1 => 100.0 - i as f64 + (r() % 3) as f64 / 8.0,
                                _ => (r() % 3) as f64,
                            })
                            .collect()
                    })
                    .collect();
                let (mut v, mut arg) = (vec![f64::INFINITY; len], vec![usize::MAX; len]);
                let (mut v2, mut arg2) = (v.clone(), arg.clone());
                for (i, row) in rows.iter().enumerate() {
                    let got = lower_minima(arch, row, &mut v, &mut arg, i);
                    assert_eq!(got, row_range(arch, row), "len {len} order {order} row {i}");
                    lower(row, &mut v2, &mut arg2, i);
                    assert_eq!((&v, &arg), (&v2, &arg2), "len {len} order {order} row {i}");
                }
                // The reference rule itself: the first row reaching each column's minimum.
                for j in 0..len {
                    let want = (0..rows.len())
                        .min_by(|&a, &b| rows[a][j].total_cmp(&rows[b][j]).then(a.cmp(&b)))
                        .unwrap();
                    assert_eq!((v[j], arg[j]), (rows[want][j], want), "len {len} col {j}");
                }
            }
        }
    }

    /// The vector kernel against the scalar rule in index order, on small integers (many ties,
    /// the minimum repeated within and across lanes) and on distinct values, every tail length.
    #[test]
    fn simd_two_smallest_equals_the_scalar_rule() {
        let mut r = xorshift(0x5851_F42D_4C95_7F2D);
        for len in (2usize..40).chain([63, 64, 65, 127, 128, 129, 1000, 1001]) {
            for trial in 0..20 {
                let spread = if trial % 2 == 0 { 4 } else { 1 << 30 };
                let c: Vec<f64> = (0..len).map(|_| (r() % spread) as f64 - 2.0).collect();
                let v: Vec<f64> = (0..len).map(|_| (r() % 3) as f64 * 0.5).collect();
                let want = two_smallest_of(c.iter().zip(&v).map(|(&x, &y)| x - y).enumerate());
                assert_eq!(two_smallest(&c, &v), want, "len {len}, trial {trial}");
            }
        }
    }

    #[test]
    fn two_smallest_takes_the_first_minimum_and_keeps_ties() {
        let v = [0.0; 5];
        assert_eq!(
            two_smallest(&[5.0, 3.0, 4.0, 3.0, 9.0], &v),
            (3.0, 1, 3.0, 3)
        );
        assert_eq!(
            two_smallest(&[1.0, 3.0, 4.0, 2.0, 9.0], &v),
            (1.0, 0, 2.0, 3)
        );
        assert_eq!(two_smallest(&[7.0, 6.0], &[0.0, 2.0]), (4.0, 1, 7.0, 0));
    }
}
