//! The per-metric arithmetic shared by every path: one [`Op`] per metric, written once over
//! `T: Real` and the SIMD instruction set `S`, acting lane-wise on vectors.
//!
//! The direct kernel, the norms and the exact recomputations of the matmul path all go
//! through these same operations, so an entry computed by any route has the same bits.

use super::metric::Metric;
use crate::Real;
use pulp::Simd;

/// The lanes of a SIMD vector as a slice.
#[inline(always)]
pub(super) fn lanes<S: Simd, T: Real>(v: &[T::Vector<S>]) -> &[T] {
    bytemuck::cast_slice(v)
}

/// Applies `f` to every lane of `v` (for the operations pulp has no instruction for).
#[inline(always)]
fn map_lanes<S: Simd, T: Real>(mut v: T::Vector<S>, f: impl Fn(T) -> T) -> T::Vector<S> {
    for x in bytemuck::cast_slice_mut::<T::Vector<S>, T>(std::slice::from_mut(&mut v)) {
        *x = f(*x);
    }
    v
}

/// Cosine distance from `<x, y>`, `|x|²` and `|y|²`: `1 − <x,y>/(|x||y|)` clamped to
/// `[0, 2]`; 0 when both vectors are zero, 1 when exactly one is.
#[inline(always)]
pub(super) fn cosine_from<T: Real>(dot: T, nx2: T, ny2: T) -> T {
    let (zx, zy) = (nx2 == T::ZERO, ny2 == T::ZERO);
    if zx && zy {
        return T::ZERO;
    }
    if zx || zy {
        return T::ONE;
    }
    let mut den = (nx2 * ny2).sqrt();
    if !(den > T::ZERO && den.is_finite()) {
        // The product under- or overflowed: take the roots first.
        den = nx2.sqrt() * ny2.sqrt();
    }
    (T::ONE - dot / den).max(T::ZERO).min(T::ONE + T::ONE)
}

/// One metric's arithmetic: `acc ← step(acc, x_k, y_k)` over the coordinates k (in order),
/// then `finish(acc, |x|², |y|²)`.
pub(super) trait Op<T: Real>: Copy + Send + Sync {
    /// Accumulates coordinate k of a pair, lane-wise.
    fn step<S: Simd>(
        self,
        s: S,
        acc: T::Vector<S>,
        x: T::Vector<S>,
        y: T::Vector<S>,
    ) -> T::Vector<S>;
    /// Turns the accumulator into the cost (`nx2`, `ny2`: squared norms, used by cosine).
    fn finish<S: Simd>(self, s: S, acc: T::Vector<S>, nx2: T, ny2: T::Vector<S>) -> T::Vector<S>;
}

/// `Σ (x_k − y_k)²`.
#[derive(Clone, Copy)]
pub(super) struct SqEuclid;
/// `sqrt(Σ (x_k − y_k)²)`.
#[derive(Clone, Copy)]
pub(super) struct Euclid;
/// `Σ |x_k − y_k|`.
#[derive(Clone, Copy)]
pub(super) struct CityBlock;
/// `(Σ |x_k − y_k|^p)^(1/p)`. With `k = p` a small integer (`k ≥ 2`), the powers are
/// lane-parallel products (at most `k − 1` roundings against `powf`'s one, no scalar call
/// per term); else (`k = 0`) `powf` lane by lane.
#[derive(Clone, Copy)]
pub(super) struct Power<T> {
    p: T,
    inv_p: T,
    k: u32,
}
/// `1 − <x,y>/(|x||y|)`.
#[derive(Clone, Copy)]
pub(super) struct Cos;

impl<T: Real> Op<T> for SqEuclid {
    #[inline(always)]
    fn step<S: Simd>(
        self,
        s: S,
        acc: T::Vector<S>,
        x: T::Vector<S>,
        y: T::Vector<S>,
    ) -> T::Vector<S> {
        let t = T::sub_s(s, x, y);
        T::mul_add_s(s, t, t, acc)
    }
    #[inline(always)]
    fn finish<S: Simd>(self, _: S, acc: T::Vector<S>, _: T, _: T::Vector<S>) -> T::Vector<S> {
        acc
    }
}

impl<T: Real> Op<T> for Euclid {
    #[inline(always)]
    fn step<S: Simd>(
        self,
        s: S,
        acc: T::Vector<S>,
        x: T::Vector<S>,
        y: T::Vector<S>,
    ) -> T::Vector<S> {
        <SqEuclid as Op<T>>::step(SqEuclid, s, acc, x, y)
    }
    #[inline(always)]
    fn finish<S: Simd>(self, s: S, acc: T::Vector<S>, _: T, _: T::Vector<S>) -> T::Vector<S> {
        T::sqrt_s(s, acc)
    }
}

impl<T: Real> Op<T> for CityBlock {
    #[inline(always)]
    fn step<S: Simd>(
        self,
        s: S,
        acc: T::Vector<S>,
        x: T::Vector<S>,
        y: T::Vector<S>,
    ) -> T::Vector<S> {
        T::add_s(s, acc, T::abs_s(s, T::sub_s(s, x, y)))
    }
    #[inline(always)]
    fn finish<S: Simd>(self, _: S, acc: T::Vector<S>, _: T, _: T::Vector<S>) -> T::Vector<S> {
        acc
    }
}

impl<T: Real> Op<T> for Power<T> {
    #[inline(always)]
    fn step<S: Simd>(
        self,
        s: S,
        acc: T::Vector<S>,
        x: T::Vector<S>,
        y: T::Vector<S>,
    ) -> T::Vector<S> {
        let t = T::abs_s(s, T::sub_s(s, x, y));
        if self.k == 0 {
            return T::add_s(s, acc, map_lanes::<S, T>(t, |v| v.powf(self.p)));
        }
        let mut r = t;
        for _ in 1..self.k {
            r = T::mul_s(s, r, t);
        }
        T::add_s(s, acc, r)
    }
    #[inline(always)]
    fn finish<S: Simd>(self, _: S, acc: T::Vector<S>, _: T, _: T::Vector<S>) -> T::Vector<S> {
        map_lanes::<S, T>(acc, |v| v.powf(self.inv_p))
    }
}

impl<T: Real> Op<T> for Cos {
    #[inline(always)]
    fn step<S: Simd>(
        self,
        s: S,
        acc: T::Vector<S>,
        x: T::Vector<S>,
        y: T::Vector<S>,
    ) -> T::Vector<S> {
        T::mul_add_s(s, x, y, acc)
    }
    #[inline(always)]
    fn finish<S: Simd>(self, s: S, acc: T::Vector<S>, nx2: T, ny2: T::Vector<S>) -> T::Vector<S> {
        if nx2 > T::ZERO {
            // The arithmetic of `cosine_from` lane-parallel, kept when every denominator is
            // positive and finite (else some lane needs a convention or a rescue).
            let den = T::sqrt_s(s, T::mul_s(s, T::splat_s(s, nx2), ny2));
            if T::reduce_min_s(s, den) > T::ZERO && T::reduce_max_s(s, den) < T::INFINITY {
                let c = T::sub_s(s, T::splat_s(s, T::ONE), T::div_s(s, acc, den));
                let c = T::max_s(s, c, T::splat_s(s, T::ZERO));
                return T::min_s(s, c, T::splat_s(s, T::ONE + T::ONE));
            }
        }
        let mut out = acc;
        let dots = bytemuck::cast_slice_mut::<T::Vector<S>, T>(std::slice::from_mut(&mut out));
        for (dot, &ny2) in dots
            .iter_mut()
            .zip(lanes::<S, T>(std::slice::from_ref(&ny2)))
        {
            *dot = cosine_from(*dot, nx2, ny2);
        }
        out
    }
}

/// `|x|²` accumulated with the same lane operations as the cosine kernel's `<x, y>`, so that
/// `<x, x>` there equals this bit for bit (and a duplicated point has distance exactly 0).
#[inline(always)]
pub(super) fn sq_norm<S: Simd, T: Real>(s: S, xs: impl Iterator<Item = T>) -> T {
    let mut acc = T::splat_s(s, T::ZERO);
    for x in xs {
        let v = T::splat_s(s, x);
        acc = T::mul_add_s(s, v, v, acc);
    }
    lanes::<S, T>(std::slice::from_ref(&acc))[0]
}

/// One entry by the direct form, with the lane operations of the direct kernel (so its bits
/// are those the direct kernel would produce).
#[inline(always)]
pub(super) fn pair<S: Simd, T: Real, O: Op<T>>(
    s: S,
    op: O,
    xy: impl Iterator<Item = (T, T)>,
    nx2: T,
    ny2: T,
) -> T {
    let mut acc = T::splat_s(s, T::ZERO);
    for (x, y) in xy {
        acc = op.step(s, acc, T::splat_s(s, x), T::splat_s(s, y));
    }
    let v = op.finish(s, acc, nx2, T::splat_s(s, ny2));
    lanes::<S, T>(std::slice::from_ref(&v))[0]
}

/// Integer Minkowski exponents up to this one are powers by products; others `powf`.
const MAX_INT_POWER: u32 = 8;

/// Calls `f` with the [`Op`] of `metric` (a normalized, validated metric). Minkowski exponents
/// that are integers from 3 to [`MAX_INT_POWER`] are vectorised by products; any other
/// `p > 1` calls `powf` lane by lane (pulp has no vector power, the crate no vector
/// logarithm for `exp(p·ln t)`).
pub(super) fn with_op<T: Real, R>(metric: Metric, f: impl OpFn<T, Output = R>) -> R {
    match metric {
        Metric::SqEuclidean => f.call(SqEuclid),
        Metric::Euclidean => f.call(Euclid),
        Metric::Minkowski(1.0) => f.call(CityBlock),
        Metric::Minkowski(p) => f.call(Power {
            p: T::from_f64(p),
            inv_p: T::from_f64(1.0 / p),
            k: if p.fract() == 0.0 && p <= MAX_INT_POWER as f64 {
                p as u32
            } else {
                0
            },
        }),
        Metric::Cosine => f.call(Cos),
    }
}

/// A computation generic over the [`Op`] (a closure cannot be generic).
pub(super) trait OpFn<T: Real> {
    /// What the computation returns.
    type Output;
    /// Runs the computation with `op`.
    fn call<O: Op<T>>(self, op: O) -> Self::Output;
}
