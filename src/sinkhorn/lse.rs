//! SIMD log-sum-exp kernels of the Sinkhorn passes, over exponents `x_k = u_k − c_k/ε`
//! (`c` a segment of cost values, `u` the scaled potential plus log-weight of the other side).
//!
//! * [`along`]: one log-sum-exp per line, over contiguous segments of the line. Each segment is
//!   read twice from L1 (its maximum, then the shifted exponential sum); segments are merged
//!   online (the running sum is rescaled when the maximum grows: one scalar exp per segment).
//! * [`across`]: one log-sum-exp per column of a block of lines, vectorised along the columns,
//!   for a tile of `ACROSS_ROWS` lines × at most `ACROSS_WIDTH` columns at a time: the
//!   tile's column maxima, one vector rescale of the running sums, then the shifted sums.
//! * [`along_shifted`], [`across_shifted`]: the same sums in one pass, with shifts given in
//!   advance (the solver passes the previous values); [`accepts`] tells whether such a sum is
//!   as accurate as the max-shifted one, else the caller redoes the line with the maximum.
//!
//! All use [`Real::exp_s`] and independent accumulators, and all add in an order fixed
//! by the segment boundaries only, so results never depend on the thread count. Weights of
//! zero arrive as `u_k = −∞` and contribute exactly 0; the running maximum starts at −MAX (not
//! −∞) so that no `−∞ − (−∞)` ever forms. Scalar references are in [`reference`](mod@reference).

use crate::Real;
use pulp::Simd;

/// Length of the segments [`along`] reads at a time (16 KiB of f64: stays in L1).
pub(crate) const SEGMENT: usize = 2048;
/// Columns of one tile of [`across`] (and of one parallel chunk of the column pass).
pub(crate) const ACROSS_WIDTH: usize = 256;
/// Lines of one tile of [`across`].
pub(crate) const ACROSS_ROWS: usize = 32;

/// Running state of an online log-sum-exp: the value is `max + ln(sum)`.
#[derive(Clone, Copy, Debug)]
pub struct Running<T> {
    /// Largest exponent seen (−MAX before any finite one).
    pub max: T,
    /// Σ exp(x − max).
    pub sum: T,
}

impl<T: Real> Running<T> {
    /// The empty sum.
    pub fn new() -> Self {
        Running {
            max: -T::MAX,
            sum: T::ZERO,
        }
    }
    /// `max + ln(sum)` in f64 (−∞ when nothing finite was added).
    pub fn value(self) -> f64 {
        self.max.to_f64() + self.sum.to_f64().ln()
    }
}

impl<T: Real> Default for Running<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// max_k (u_k + c_k·nie) over a segment (`nie = −1/ε`); −MAX if every u_k is −∞.
#[inline(always)]
fn seg_max<T: Real, S: Simd>(s: S, u: &[T], c: &[T], nie: T) -> T {
    debug_assert_eq!(u.len(), c.len());
    let (uv, ut) = T::as_simd::<S>(u);
    let (cv, ct) = T::as_simd::<S>(c);
    let vn = T::splat_s(s, nie);
    let lo = T::splat_s(s, -T::MAX);
    let (mut m0, mut m1, mut m2, mut m3) = (lo, lo, lo, lo);
    let q = uv.len() / 4;
    for k in 0..q {
        let b = 4 * k;
        m0 = T::max_s(s, m0, T::mul_add_s(s, cv[b], vn, uv[b]));
        m1 = T::max_s(s, m1, T::mul_add_s(s, cv[b + 1], vn, uv[b + 1]));
        m2 = T::max_s(s, m2, T::mul_add_s(s, cv[b + 2], vn, uv[b + 2]));
        m3 = T::max_s(s, m3, T::mul_add_s(s, cv[b + 3], vn, uv[b + 3]));
    }
    for k in 4 * q..uv.len() {
        m0 = T::max_s(s, m0, T::mul_add_s(s, cv[k], vn, uv[k]));
    }
    let m = T::max_s(s, T::max_s(s, m0, m1), T::max_s(s, m2, m3));
    let mut m = T::reduce_max_s(s, m);
    for (&uk, &ck) in ut.iter().zip(ct) {
        m = m.max(ck * nie + uk);
    }
    m
}

/// exp(u + c·nie − shift), lane-wise. A function, not a closure: closures are not inlined
/// into pulp's target-feature context, and their intrinsics then become calls (measured 30×
/// slower).
#[inline(always)]
fn shifted_exp<T: Real, S: Simd>(
    s: S,
    c: T::Vector<S>,
    u: T::Vector<S>,
    nie: T::Vector<S>,
    shift: T::Vector<S>,
) -> T::Vector<S> {
    T::exp_s(s, T::sub_s(s, T::mul_add_s(s, c, nie, u), shift))
}

/// Σ_k exp(u_k + c_k·nie − shift) over a segment. Two exponentials per step, not four: the
/// polynomial's constants and four exps in flight overflow the 16 AVX2 registers (spills and
/// re-broadcast constants measured the row pass at 2.65× the time of its exps).
#[inline(always)]
fn seg_sumexp<T: Real, S: Simd>(s: S, u: &[T], c: &[T], nie: T, shift: T) -> T {
    let (uv, ut) = T::as_simd::<S>(u);
    let (cv, ct) = T::as_simd::<S>(c);
    let vn = T::splat_s(s, nie);
    let vs = T::splat_s(s, shift);
    let z = T::splat_s(s, T::ZERO);
    let (mut a0, mut a1) = (z, z);
    let q = uv.len() / 2;
    for k in 0..q {
        let b = 2 * k;
        a0 = T::add_s(s, a0, shifted_exp::<T, S>(s, cv[b], uv[b], vn, vs));
        a1 = T::add_s(s, a1, shifted_exp::<T, S>(s, cv[b + 1], uv[b + 1], vn, vs));
    }
    if uv.len() % 2 == 1 {
        let k = uv.len() - 1;
        a0 = T::add_s(s, a0, shifted_exp::<T, S>(s, cv[k], uv[k], vn, vs));
    }
    let mut sum = T::reduce_sum_s(s, T::add_s(s, a0, a1));
    for (&uk, &ck) in ut.iter().zip(ct) {
        sum += (ck * nie + uk - shift).exp();
    }
    sum
}

/// Adds the segment `x_k = u_k + c_k·nie` to the running log-sum-exp `r`.
#[inline(always)]
pub fn along<T: Real, S: Simd>(s: S, r: &mut Running<T>, u: &[T], c: &[T], nie: T) {
    let m = seg_max(s, u, c, nie);
    if m > r.max {
        r.sum *= (r.max - m).exp();
        r.max = m;
    }
    r.sum += seg_sumexp(s, u, c, nie, r.max);
}

/// Adds the segment `x_k = u_k + c_k·nie` to a sum of exponentials with the fixed shift
/// `shift`: the one-pass form of [`along`] (see [`accepts`]).
#[inline(always)]
pub fn along_shifted<T: Real, S: Simd>(s: S, sum: &mut T, u: &[T], c: &[T], nie: T, shift: T) {
    *sum += seg_sumexp(s, u, c, nie, shift);
}

/// Adds a tile to the running column log-sum-exps: for every line `i` of `rows` (cost values
/// `rows[i][k]`, all of length `w = max.len()`) and column `k`, the exponent
/// `v[i] + rows[i][k]·nie`. Lines with `v[i] = −∞` (zero weight) are skipped.
#[inline(always)]
pub fn across<T: Real, S: Simd>(
    s: S,
    max: &mut [T],
    sum: &mut [T],
    rows: &[&[T]],
    v: &[T],
    nie: T,
) {
    let w = max.len();
    let mut tile_max = [-T::MAX; ACROSS_WIDTH];
    let tm = &mut tile_max[..w];
    let vn = T::splat_s(s, nie);
    // Pass 1: the tile's maximum per column.
    for (&row, &vi) in rows.iter().zip(v) {
        if vi == T::NEG_INFINITY {
            continue;
        }
        let vv = T::splat_s(s, vi);
        let (mv, mt) = T::as_mut_simd::<S>(tm);
        let (cv, ct) = T::as_simd::<S>(&row[..w]);
        for (m, &c) in mv.iter_mut().zip(cv) {
            *m = T::max_s(s, *m, T::mul_add_s(s, c, vn, vv));
        }
        for (m, &c) in mt.iter_mut().zip(ct) {
            *m = m.max(c * nie + vi);
        }
    }
    // Merge: raise the running maxima, rescaling the running sums (one exp per column).
    {
        let (mv, mt) = T::as_mut_simd::<S>(max);
        let (sv, st) = T::as_mut_simd::<S>(sum);
        let (tv, tt) = T::as_simd::<S>(tm);
        for ((m, sm), &t) in mv.iter_mut().zip(sv.iter_mut()).zip(tv) {
            let nm = T::max_s(s, *m, t);
            *sm = T::mul_s(s, *sm, T::exp_s(s, T::sub_s(s, *m, nm)));
            *m = nm;
        }
        for ((m, sm), &t) in mt.iter_mut().zip(st.iter_mut()).zip(tt) {
            if t > *m {
                *sm *= (*m - t).exp();
                *m = t;
            }
        }
    }
    // Pass 2: the shifted sums (the tile is now in cache).
    across_shifted(s, max, sum, rows, v, nie);
}

/// Adds a tile to column sums with fixed shifts: `sum[k] += Σ_i exp(v[i] + rows[i][k]·nie −
/// shift[k])` (lines with `v[i] = −∞` skipped). The one-pass form of [`across`] when the
/// shifts are known in advance (see [`accepts`]).
#[inline(always)]
pub fn across_shifted<T: Real, S: Simd>(
    s: S,
    shift: &[T],
    sum: &mut [T],
    rows: &[&[T]],
    v: &[T],
    nie: T,
) {
    let w = shift.len();
    let vn = T::splat_s(s, nie);
    for (&row, &vi) in rows.iter().zip(v) {
        if vi == T::NEG_INFINITY {
            continue;
        }
        let vv = T::splat_s(s, vi);
        let (mv, mt) = T::as_simd::<S>(shift);
        let (sv, st) = T::as_mut_simd::<S>(sum);
        let (cv, ct) = T::as_simd::<S>(&row[..w]);
        for ((sm, &m), &c) in sv.iter_mut().zip(mv).zip(cv) {
            let x = T::sub_s(s, T::mul_add_s(s, c, vn, vv), m);
            *sm = T::add_s(s, *sm, T::exp_s(s, x));
        }
        for ((sm, &m), &c) in st.iter_mut().zip(mt).zip(ct) {
            *sm += (c * nie + vi - m).exp();
        }
    }
}

/// Whether a sum of `len` exponentials taken with a fixed shift (not the maximum) is as
/// accurate as the max-shifted one: at least `len·ν/ε_mach` (ν the smallest normal number:
/// the terms flushed to 0 then weigh less than one rounding) and at most `MAX/(2·len)` (no
/// term or partial sum overflowed). Outside, the caller redoes the line with the maximum.
#[inline(always)]
pub fn accepts<T: Real>(sum: T, len: usize) -> bool {
    let len = T::from_f64(len.max(1) as f64);
    sum >= len * (T::MIN_POSITIVE / T::EPSILON) && sum <= T::MAX / (len + len)
}

/// Plain scalar references of the kernels, for tests: log Σ_k exp(x_k) with x_k in f64.
pub mod reference {
    /// log Σ_k exp(u_k − c_k/ε), two passes, in f64.
    pub fn lse(u: &[f64], c: &[f64], eps: f64) -> f64 {
        let m = u
            .iter()
            .zip(c)
            .map(|(u, c)| u - c / eps)
            .fold(f64::NEG_INFINITY, f64::max);
        if m == f64::NEG_INFINITY {
            return m;
        }
        m + u
            .iter()
            .zip(c)
            .map(|(u, c)| (u - c / eps - m).exp())
            .sum::<f64>()
            .ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_along<T: Real>(u: &[T], c: &[T], nie: T, seg: usize) -> f64 {
        struct Op<'a, T>(&'a [T], &'a [T], T, usize);
        impl<T: Real> pulp::WithSimd for Op<'_, T> {
            type Output = f64;
            #[inline(always)]
            fn with_simd<S: Simd>(self, s: S) -> f64 {
                let mut r = Running::new();
                for (u, c) in self.0.chunks(self.3).zip(self.1.chunks(self.3)) {
                    along(s, &mut r, u, c, self.2);
                }
                r.value()
            }
        }
        pulp::Arch::new().dispatch(Op(u, c, nie, seg))
    }

    fn run_across<T: Real>(c: &[Vec<T>], v: &[T], nie: T, w: usize) -> Vec<f64> {
        struct Op<'a, T>(&'a [Vec<T>], &'a [T], T, usize);
        impl<T: Real> pulp::WithSimd for Op<'_, T> {
            type Output = Vec<f64>;
            #[inline(always)]
            fn with_simd<S: Simd>(self, s: S) -> Vec<f64> {
                let w = self.3;
                let mut max = vec![-T::MAX; w];
                let mut sum = vec![T::ZERO; w];
                for (rows, v) in self.0.chunks(ACROSS_ROWS).zip(self.1.chunks(ACROSS_ROWS)) {
                    let rs: Vec<&[T]> = rows.iter().map(|r| &r[..]).collect();
                    across(s, &mut max, &mut sum, &rs, v, self.2);
                }
                max.iter()
                    .zip(&sum)
                    .map(|(m, s)| Running { max: *m, sum: *s }.value())
                    .collect()
            }
        }
        pulp::Arch::new().dispatch(Op(c, v, nie, w))
    }

    fn data(n: usize, seed: u64) -> Vec<f64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 11) as f64 / (1u64 << 53) as f64
            })
            .collect()
    }

    #[test]
    fn along_matches_the_scalar_reference_f64_and_f32() {
        for (len, seg) in [(1, 4), (7, 3), (100, 16), (1000, 2048), (1003, 64)] {
            let mut u: Vec<f64> = data(len, 1).iter().map(|x| 50.0 * x).collect();
            let c: Vec<f64> = data(len, 2).iter().map(|x| 3.0 * x).collect();
            if len > 5 {
                u[3] = f64::NEG_INFINITY;
            }
            let eps = 0.01;
            let want = reference::lse(&u, &c, eps);
            let got = run_along(&u, &c, -1.0 / eps, seg);
            assert!(
                (got - want).abs() <= 1e-13 * want.abs().max(1.0),
                "{got} vs {want}"
            );
            let u32: Vec<f32> = u.iter().map(|&x| x as f32).collect();
            let c32: Vec<f32> = c.iter().map(|&x| x as f32).collect();
            let got = run_along(&u32, &c32, (-1.0 / eps) as f32, seg);
            let want = reference::lse(
                &u32.iter().map(|&x| x as f64).collect::<Vec<_>>(),
                &c32.iter().map(|&x| x as f64).collect::<Vec<_>>(),
                eps,
            );
            assert!(
                (got - want).abs() <= 2e-5 * want.abs().max(1.0),
                "{got} vs {want}"
            );
        }
    }

    #[test]
    fn across_matches_the_scalar_reference() {
        for (n, w) in [(1, 1), (5, 3), (70, 37), (33, 256)] {
            let c: Vec<Vec<f64>> = (0..n)
                .map(|i| data(w, 10 + i as u64).iter().map(|x| 2.0 * x).collect())
                .collect();
            let mut v: Vec<f64> = data(n, 3).iter().map(|x| 10.0 * x).collect();
            if n > 2 {
                v[1] = f64::NEG_INFINITY;
            }
            let eps = 0.003;
            let got = run_across(&c, &v, -1.0 / eps, w);
            for k in 0..w {
                let col: Vec<f64> = c.iter().map(|r| r[k]).collect();
                let want = reference::lse(&v, &col, eps);
                assert!(
                    (got[k] - want).abs() <= 1e-13 * want.abs().max(1.0),
                    "column {k}: {} vs {want}",
                    got[k]
                );
            }
        }
    }

    #[test]
    fn all_zero_weights_give_minus_infinity_without_nan() {
        let u = [f64::NEG_INFINITY; 9];
        let c = [1.0; 9];
        assert_eq!(run_along(&u, &c, -1e4, 4), f64::NEG_INFINITY);
    }
}
