//! [`Real`]: the one scalar trait behind every generic kernel (f32 and f64), with the SIMD
//! operations the kernels need expressed over `pulp::Simd`, so a kernel is written once and
//! dispatched at run time to the best instruction set (`pulp::Arch::new().dispatch(..)`).

use pulp::Simd;
use std::fmt::{Debug, Display, LowerExp};
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

/// A real floating-point scalar: `f32` or `f64`.
///
/// Scalar methods follow `std`; the `*_s` methods act lane-wise on the SIMD vector
/// `Self::Vector<S>` of the instruction set `S`.
pub trait Real:
    Copy
    + Send
    + Sync
    + Default
    + PartialOrd
    + Debug
    + Display
    + LowerExp
    + Sum
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + bytemuck::Pod
    + 'static
{
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;
    /// +∞.
    const INFINITY: Self;
    /// −∞.
    const NEG_INFINITY: Self;
    /// Machine epsilon.
    const EPSILON: Self;
    /// Largest finite value.
    const MAX: Self;
    /// Smallest positive normal value.
    const MIN_POSITIVE: Self;
    /// "f32" or "f64", for messages.
    const NAME: &'static str;

    /// SIMD vector of `Self` for the instruction set `S`.
    type Vector<S: Simd>: Copy + Debug + Send + Sync + bytemuck::Pod;

    /// Nearest value to `x`.
    fn from_f64(x: f64) -> Self;
    /// Exact widening (or identity).
    fn to_f64(self) -> f64;
    /// Square root.
    fn sqrt(self) -> Self;
    /// Absolute value.
    fn abs(self) -> Self;
    /// e^self.
    fn exp(self) -> Self;
    /// Natural logarithm.
    fn ln(self) -> Self;
    /// self^p.
    fn powf(self, p: Self) -> Self;
    /// Larger of the two (NaN-ignoring, as `f64::max`).
    fn max(self, other: Self) -> Self;
    /// Smaller of the two (NaN-ignoring, as `f64::min`).
    fn min(self, other: Self) -> Self;
    /// Neither NaN nor infinite.
    fn is_finite(self) -> bool;
    /// NaN.
    fn is_nan(self) -> bool;

    /// Number of lanes of `Self::Vector<S>`.
    fn lanes<S: Simd>() -> usize;
    /// Splits a slice into whole vectors and a scalar tail.
    fn as_simd<S: Simd>(x: &[Self]) -> (&[Self::Vector<S>], &[Self]);
    /// Splits a mutable slice into whole vectors and a scalar tail.
    fn as_mut_simd<S: Simd>(x: &mut [Self]) -> (&mut [Self::Vector<S>], &mut [Self]);
    /// Loads `x.len() < lanes` values, zero-filling the other lanes.
    fn partial_load_s<S: Simd>(s: S, x: &[Self]) -> Self::Vector<S>;
    /// Stores the first `x.len() < lanes` lanes into `x`.
    fn partial_store_s<S: Simd>(s: S, x: &mut [Self], v: Self::Vector<S>);
    /// Every lane = `x`.
    fn splat_s<S: Simd>(s: S, x: Self) -> Self::Vector<S>;
    /// a + b.
    fn add_s<S: Simd>(s: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// a − b.
    fn sub_s<S: Simd>(s: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// a · b.
    fn mul_s<S: Simd>(s: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// a / b.
    fn div_s<S: Simd>(s: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// a · b + c (fused where the instruction set has FMA).
    fn mul_add_s<S: Simd>(
        s: S,
        a: Self::Vector<S>,
        b: Self::Vector<S>,
        c: Self::Vector<S>,
    ) -> Self::Vector<S>;
    /// Lane-wise maximum.
    fn max_s<S: Simd>(s: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// Lane-wise minimum.
    fn min_s<S: Simd>(s: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// Lane-wise |a|.
    fn abs_s<S: Simd>(s: S, a: Self::Vector<S>) -> Self::Vector<S>;
    /// Lane-wise square root.
    fn sqrt_s<S: Simd>(s: S, a: Self::Vector<S>) -> Self::Vector<S>;
    /// Lane-wise e^a, within 2 ulps of the correctly rounded value for normal results;
    /// results below the smallest normal number are flushed to 0, above the largest finite
    /// value they are +∞. NaN lanes give unspecified values: callers pass finite or −∞ input.
    fn exp_s<S: Simd>(s: S, a: Self::Vector<S>) -> Self::Vector<S>;
    /// Lane-wise natural logarithm, within 1 ulp of the correctly rounded value for positive
    /// finite input (subnormal included); −∞ at ±0, +∞ at +∞, NaN for negative or NaN input.
    fn ln_s<S: Simd>(s: S, a: Self::Vector<S>) -> Self::Vector<S>;
    /// Lane-wise `x·2^e = a` with the mantissa `x` in [½, 1) and the exponent `e` an
    /// integer (as a lane value), for positive normal finite `a`; other lanes give finite
    /// values of no meaning. Exact; a few bit operations.
    fn frexp_s<S: Simd>(s: S, a: Self::Vector<S>) -> (Self::Vector<S>, Self::Vector<S>);
    /// Lane-wise `a·2^k` for positive normal finite `a` and integer-valued `k`, with the
    /// result at most the largest finite value: exact, or 0 when below the smallest normal
    /// number (flushed). Integer and bit operations on the representation, no rounding.
    fn ldexp_s<S: Simd>(s: S, a: Self::Vector<S>, k: Self::Vector<S>) -> Self::Vector<S>;
    /// Lane-wise `if a < b { x } else { y }`.
    fn select_lt_s<S: Simd>(
        s: S,
        a: Self::Vector<S>,
        b: Self::Vector<S>,
        x: Self::Vector<S>,
        y: Self::Vector<S>,
    ) -> Self::Vector<S>;
    /// Sum of the lanes.
    fn reduce_sum_s<S: Simd>(s: S, a: Self::Vector<S>) -> Self;
    /// Largest lane.
    fn reduce_max_s<S: Simd>(s: S, a: Self::Vector<S>) -> Self;
    /// Smallest lane.
    fn reduce_min_s<S: Simd>(s: S, a: Self::Vector<S>) -> Self;
}

/// Smallest f64 whose exponential is a normal number (≥ `f64::MIN_POSITIVE`): `exp_s` flushes
/// the results of smaller arguments (subnormal or 0) to 0.
const EXP_F64_LO: f64 = -708.396_418_532_264_1;
/// Largest f64 whose exponential is finite (≤ `f64::MAX`): above, `exp_s` gives +∞.
const EXP_F64_HI: f64 = 709.782_712_893_384;
/// As [`EXP_F64_LO`] for f32 (e^x ≥ `f32::MIN_POSITIVE` from here up).
const EXP_F32_LO: f32 = -87.336_54;
/// As [`EXP_F64_HI`] for f32 (e^x ≤ `f32::MAX` up to here).
const EXP_F32_HI: f32 = 88.722_83;

/// Implements the plain scalar part of [`Real`] shared by `f32` and `f64`.
macro_rules! scalar_methods {
    ($t:ty) => {
        #[inline(always)]
        fn sqrt(self) -> Self {
            <$t>::sqrt(self)
        }
        #[inline(always)]
        fn abs(self) -> Self {
            <$t>::abs(self)
        }
        #[inline(always)]
        fn exp(self) -> Self {
            <$t>::exp(self)
        }
        #[inline(always)]
        fn ln(self) -> Self {
            <$t>::ln(self)
        }
        #[inline(always)]
        fn powf(self, p: Self) -> Self {
            <$t>::powf(self, p)
        }
        #[inline(always)]
        fn max(self, other: Self) -> Self {
            <$t>::max(self, other)
        }
        #[inline(always)]
        fn min(self, other: Self) -> Self {
            <$t>::min(self, other)
        }
        #[inline(always)]
        fn is_finite(self) -> bool {
            <$t>::is_finite(self)
        }
        #[inline(always)]
        fn is_nan(self) -> bool {
            <$t>::is_nan(self)
        }
    };
}

/// Implements the lane-wise part of [`Real`] by forwarding to pulp's `*_f32s` / `*_f64s`.
macro_rules! simd_methods {
    ($t:ty, $v:ident, $lanes:ident, $as:ident, $as_mut:ident, $pl:ident, $ps:ident, $splat:ident,
     $add:ident, $sub:ident, $mul:ident, $div:ident, $fma:ident, $max:ident, $min:ident,
     $abs:ident, $sqrt:ident, $rsum:ident, $rmax:ident, $rmin:ident) => {
        type Vector<S: Simd> = S::$v;
        #[inline(always)]
        fn lanes<S: Simd>() -> usize {
            S::$lanes
        }
        #[inline(always)]
        fn as_simd<S: Simd>(x: &[Self]) -> (&[S::$v], &[Self]) {
            S::$as(x)
        }
        #[inline(always)]
        fn as_mut_simd<S: Simd>(x: &mut [Self]) -> (&mut [S::$v], &mut [Self]) {
            S::$as_mut(x)
        }
        #[inline(always)]
        fn partial_load_s<S: Simd>(s: S, x: &[Self]) -> S::$v {
            s.$pl(x)
        }
        #[inline(always)]
        fn partial_store_s<S: Simd>(s: S, x: &mut [Self], v: S::$v) {
            s.$ps(x, v)
        }
        #[inline(always)]
        fn splat_s<S: Simd>(s: S, x: Self) -> S::$v {
            s.$splat(x)
        }
        #[inline(always)]
        fn add_s<S: Simd>(s: S, a: S::$v, b: S::$v) -> S::$v {
            s.$add(a, b)
        }
        #[inline(always)]
        fn sub_s<S: Simd>(s: S, a: S::$v, b: S::$v) -> S::$v {
            s.$sub(a, b)
        }
        #[inline(always)]
        fn mul_s<S: Simd>(s: S, a: S::$v, b: S::$v) -> S::$v {
            s.$mul(a, b)
        }
        #[inline(always)]
        fn div_s<S: Simd>(s: S, a: S::$v, b: S::$v) -> S::$v {
            s.$div(a, b)
        }
        #[inline(always)]
        fn mul_add_s<S: Simd>(s: S, a: S::$v, b: S::$v, c: S::$v) -> S::$v {
            s.$fma(a, b, c)
        }
        #[inline(always)]
        fn max_s<S: Simd>(s: S, a: S::$v, b: S::$v) -> S::$v {
            s.$max(a, b)
        }
        #[inline(always)]
        fn min_s<S: Simd>(s: S, a: S::$v, b: S::$v) -> S::$v {
            s.$min(a, b)
        }
        #[inline(always)]
        fn abs_s<S: Simd>(s: S, a: S::$v) -> S::$v {
            s.$abs(a)
        }
        #[inline(always)]
        fn sqrt_s<S: Simd>(s: S, a: S::$v) -> S::$v {
            s.$sqrt(a)
        }
        #[inline(always)]
        fn reduce_sum_s<S: Simd>(s: S, a: S::$v) -> Self {
            s.$rsum(a)
        }
        #[inline(always)]
        fn reduce_max_s<S: Simd>(s: S, a: S::$v) -> Self {
            s.$rmax(a)
        }
        #[inline(always)]
        fn reduce_min_s<S: Simd>(s: S, a: S::$v) -> Self {
            s.$rmin(a)
        }
    };
}

/// The shared part of `ln_s` (fdlibm), before the special values: `x = 2^k·m` with m in
/// [√½, √2) (subnormal x first scaled by `sub.0 = 2^sub.1`), then `k·ln 2 + ln m` with
/// `f = m − 1`, `s = f/(2 + f)`, `z = s²`, `w = z²` and `R = z·Σ lg[2i]·wⁱ + w·Σ lg[2i+1]·wⁱ`;
/// `ln2` is ln 2 split into a high part exact in products by k and the rest.
#[inline(always)]
fn ln_finite<T: Real, S: Simd, const N: usize>(
    s: S,
    x: T::Vector<S>,
    sub: (T, T),
    lg: &[T; N],
    ln2: (T, T),
) -> T::Vector<S> {
    // Constants splatted directly (closures lose pulp's target features).
    let one = T::splat_s(s, T::ONE);
    let min = T::splat_s(s, T::MIN_POSITIVE);
    // Subnormals: scale by 2^sub (exact), and take sub off the exponent.
    let xs = T::select_lt_s(s, x, min, T::mul_s(s, x, T::splat_s(s, sub.0)), x);
    // Mantissa in [1, 2) (exact doubling of frexp's), then halved (exponent + 1) above √2.
    let (half, e) = T::frexp_s(s, xs);
    let m = T::add_s(s, half, half);
    let off = T::select_lt_s(s, x, min, T::splat_s(s, T::ONE + sub.1), one);
    let e = T::sub_s(s, e, off);
    let sqrt2 = T::splat_s(s, T::from_f64(std::f64::consts::SQRT_2));
    let k = T::select_lt_s(s, sqrt2, m, T::add_s(s, e, one), e);
    let m = T::select_lt_s(
        s,
        sqrt2,
        m,
        T::mul_s(s, m, T::splat_s(s, T::from_f64(0.5))),
        m,
    );
    let f = T::sub_s(s, m, one);
    let sv = T::div_s(s, f, T::add_s(s, f, T::splat_s(s, T::from_f64(2.0))));
    let z = T::mul_s(s, sv, sv);
    let w = T::mul_s(s, z, z);
    // Horner in w over the even and the odd coefficients, highest first. The loops have
    // constant bounds, so they unroll (an iterator over a slice stayed a runtime loop with
    // address arithmetic around each FMA).
    let (ne, no) = (N.div_ceil(2), N / 2);
    let mut t2 = T::splat_s(s, lg[2 * (ne - 1)]);
    for i in (0..ne - 1).rev() {
        t2 = T::mul_add_s(s, w, t2, T::splat_s(s, lg[2 * i]));
    }
    let mut t1 = T::splat_s(s, lg[2 * no - 1]);
    for i in (0..no - 1).rev() {
        t1 = T::mul_add_s(s, w, t1, T::splat_s(s, lg[2 * i + 1]));
    }
    let r = T::mul_add_s(s, z, t2, T::mul_s(s, w, t1));
    let hfsq = T::mul_s(s, T::splat_s(s, T::from_f64(0.5)), T::mul_s(s, f, f));
    // k·ln2_hi − ((hfsq − (s(hfsq + R) + k·ln2_lo)) − f)
    let klo = T::mul_s(s, k, T::splat_s(s, ln2.1));
    let inner = T::mul_add_s(s, sv, T::add_s(s, hfsq, r), klo);
    let rest = T::sub_s(s, f, T::sub_s(s, hfsq, inner));
    T::mul_add_s(s, k, T::splat_s(s, ln2.0), rest)
}

/// `v >> K` on every u64 lane. pulp has no 64-bit shift; on a fixed-size vector this
/// lane loop compiles to one vector shift (`vpsrlq` on AVX2).
#[inline(always)]
fn shr_lanes_u64<S: Simd, const K: u32>(mut v: S::u64s) -> S::u64s {
    for l in bytemuck::cast_slice_mut::<S::u64s, u64>(std::slice::from_mut(&mut v)) {
        *l >>= K;
    }
    v
}

/// The special values of `ln` on top of the result `y` for finite positive lanes: −∞ at ±0,
/// +∞ at +∞, NaN below 0 or at NaN.
macro_rules! special_ln {
    ($s:ident, $x:ident, $y:ident, $t:ty, $splat:ident, $sel:ident, $eq:ident, $lt:ident) => {{
        let y = $s.$sel(
            $s.$eq($x, $s.$splat(0.0)),
            $s.$splat(<$t>::NEG_INFINITY),
            $y,
        );
        let y = $s.$sel(
            $s.$eq($x, $s.$splat(<$t>::INFINITY)),
            $s.$splat(<$t>::INFINITY),
            y,
        );
        let y = $s.$sel($s.$lt($x, $s.$splat(0.0)), $s.$splat(<$t>::NAN), y);
        $s.$sel($s.$eq($x, $x), y, $s.$splat(<$t>::NAN))
    }};
}

impl Real for f64 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const INFINITY: Self = f64::INFINITY;
    const NEG_INFINITY: Self = f64::NEG_INFINITY;
    const EPSILON: Self = f64::EPSILON;
    const MAX: Self = f64::MAX;
    const MIN_POSITIVE: Self = f64::MIN_POSITIVE;
    const NAME: &'static str = "f64";

    #[inline(always)]
    fn from_f64(x: f64) -> Self {
        x
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
    scalar_methods!(f64);
    simd_methods!(
        f64,
        f64s,
        F64_LANES,
        as_simd_f64s,
        as_mut_simd_f64s,
        partial_load_f64s,
        partial_store_f64s,
        splat_f64s,
        add_f64s,
        sub_f64s,
        mul_f64s,
        div_f64s,
        mul_add_e_f64s,
        max_f64s,
        min_f64s,
        abs_f64s,
        sqrt_f64s,
        reduce_sum_f64s,
        reduce_max_f64s,
        reduce_min_f64s
    );

    #[inline(always)]
    fn frexp_s<S: Simd>(s: S, x: S::f64s) -> (S::f64s, S::f64s) {
        // Biased exponent B as a double: bits >> 52 in the mantissa of 2^52, minus 2^52;
        // x = 0.1f · 2^(B − 1022).
        const TWO52: f64 = 4_503_599_627_370_496.0;
        let bits = s.transmute_u64s_f64s(x);
        let e_bits = s.or_u64s(
            shr_lanes_u64::<S, 52>(bits),
            s.transmute_u64s_f64s(s.splat_f64s(TWO52)),
        );
        let e = s.sub_f64s(s.transmute_f64s_u64s(e_bits), s.splat_f64s(TWO52 + 1022.0));
        let m = s.transmute_f64s_u64s(s.or_u64s(
            s.and_u64s(bits, s.splat_u64s(0x000f_ffff_ffff_ffff)),
            s.splat_u64s(0x3fe0_0000_0000_0000),
        ));
        (m, e)
    }
    #[inline(always)]
    fn ldexp_s<S: Simd>(s: S, x: S::f64s, k: S::f64s) -> S::f64s {
        // k + 1.5·2^52 holds k (two's complement) in its low bits, as in `exp_s`; the
        // multiply by 2^52 is one `vpsllq`. x = μ·2^e (μ in [½, 1)) stays normal iff
        // e + k ≥ −1021. The clamp keeps the trick exact where the result flushes anyway.
        const SHIFTER: f64 = 6_755_399_441_055_744.0;
        let k = s.max_f64s(k, s.splat_f64s(-2200.0));
        let (_, e) = Self::frexp_s(s, x);
        let ki = s.sub_u64s(
            s.transmute_u64s_f64s(s.add_f64s(k, s.splat_f64s(SHIFTER))),
            s.transmute_u64s_f64s(s.splat_f64s(SHIFTER)),
        );
        let scaled = s.transmute_f64s_u64s(s.add_u64s(
            s.transmute_u64s_f64s(x),
            s.mul_u64s(ki, s.splat_u64s(1u64 << 52)),
        ));
        let low = s.less_than_f64s(s.add_f64s(e, k), s.splat_f64s(-1021.0));
        s.select_f64s(low, s.splat_f64s(0.0), scaled)
    }
    #[inline(always)]
    fn select_lt_s<S: Simd>(s: S, a: S::f64s, b: S::f64s, x: S::f64s, y: S::f64s) -> S::f64s {
        s.select_f64s(s.less_than_f64s(a, b), x, y)
    }

    #[inline(always)]
    fn exp_s<S: Simd>(s: S, x: S::f64s) -> S::f64s {
        // Cody–Waite reduction x = n ln2 + r, |r| ≤ ln2/2, then a degree-11 polynomial: the
        // Chebyshev (near-minimax) fit of e^r on that interval (scripts/exp_coefficients.py),
        // relative error 1.7e-17 with the coefficients rounded to f64 (two terms fewer than
        // Taylor's degree 13 for the same accuracy: 16% faster), then scale by 2^n through
        // the exponent bits.
        const LOG2E: f64 = std::f64::consts::LOG2_E;
        const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000); // ln 2 rounded to 32 bits
        const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76); // ln 2 − LN2_HI
        const SHIFTER: f64 = 6_755_399_441_055_744.0; // 1.5 · 2^52: rounds to an integer
        const P: [f64; 12] = [
            1.0,
            1.0,
            0.500_000_000_000_001_9,
            0.166_666_666_666_666_8,
            0.041_666_666_666_488_1,
            0.008_333_333_333_319_601,
            0.001_388_888_895_231_477_5,
            0.000_198_412_698_900_471_13,
            2.480_148_548_232_849_4e-5,
            2.755_724_091_857_897e-6,
            2.763_263_963_904_103e-7,
            2.511_003_760_596_377_7e-8,
        ];
        let xc = s.min_f64s(
            s.max_f64s(x, s.splat_f64s(EXP_F64_LO)),
            s.splat_f64s(EXP_F64_HI),
        );
        let t = s.mul_add_e_f64s(xc, s.splat_f64s(LOG2E), s.splat_f64s(SHIFTER));
        let n = s.sub_f64s(t, s.splat_f64s(SHIFTER));
        let r = s.mul_add_e_f64s(n, s.splat_f64s(-LN2_HI), xc);
        let r = s.mul_add_e_f64s(n, s.splat_f64s(-LN2_LO), r);
        let mut p = s.splat_f64s(P[11]);
        for &c in P[..11].iter().rev() {
            p = s.mul_add_e_f64s(p, r, s.splat_f64s(c));
        }
        // 2^n through the exponent bits: n is an integer in [−1022, 1024], bits(t) −
        // bits(SHIFTER) = n (two's complement), added to p's exponent field. pulp's generic
        // u64 multiply is lane-by-lane scalar code on AVX2, but a multiply by the constant 2^52
        // is folded by LLVM into one `vpsllq $52` (checked in the disassembly of the
        // Sinkhorn kernels and of benches/sinkhorn.rs): the whole scaling is vpsllq + vpaddq.
        // (A variant through 32-bit lanes, bits(n + 1.5·2^20) << 20, costs one more add.)
        let ni = s.sub_u64s(
            s.transmute_u64s_f64s(t),
            s.transmute_u64s_f64s(s.splat_f64s(SHIFTER)),
        );
        let scaled = s.transmute_f64s_u64s(s.add_u64s(
            s.transmute_u64s_f64s(p),
            s.mul_u64s(ni, s.splat_u64s(1u64 << 52)),
        ));
        let zero_mask = s.less_than_f64s(x, s.splat_f64s(EXP_F64_LO));
        let inf_mask = s.greater_than_f64s(x, s.splat_f64s(EXP_F64_HI));
        let y = s.select_f64s(zero_mask, s.splat_f64s(0.0), scaled);
        s.select_f64s(inf_mask, s.splat_f64s(f64::INFINITY), y)
    }
    #[inline(always)]
    fn ln_s<S: Simd>(s: S, x: S::f64s) -> S::f64s {
        // x = 2^k · m with m in [√½, √2); f = m − 1, s = f/(2 + f), ln m = 2 atanh(s) =
        // f − f²/2 + s(f²/2 + R(s²)), R a degree-7 polynomial in s² (fdlibm's coefficients,
        // error < 2^-58), then k·ln 2 added in two parts.
        const LG: [f64; 7] = [
            6.666_666_666_666_735e-1,
            3.999_999_999_940_942e-1,
            2.857_142_874_366_239e-1,
            2.222_219_843_214_978e-1,
            1.818_357_216_161_805e-1,
            1.531_383_769_920_937e-1,
            1.479_819_860_511_658_6e-1,
        ];
        const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
        const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
        let sub = (18_014_398_509_481_984.0, 54.0); // 2^54
        let y = ln_finite::<f64, S, 7>(s, x, sub, &LG, (LN2_HI, LN2_LO));
        special_ln!(
            s,
            x,
            y,
            f64,
            splat_f64s,
            select_f64s,
            equal_f64s,
            less_than_f64s
        )
    }
}

impl Real for f32 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const INFINITY: Self = f32::INFINITY;
    const NEG_INFINITY: Self = f32::NEG_INFINITY;
    const EPSILON: Self = f32::EPSILON;
    const MAX: Self = f32::MAX;
    const MIN_POSITIVE: Self = f32::MIN_POSITIVE;
    const NAME: &'static str = "f32";

    #[inline(always)]
    fn from_f64(x: f64) -> Self {
        x as f32
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self as f64
    }
    scalar_methods!(f32);
    simd_methods!(
        f32,
        f32s,
        F32_LANES,
        as_simd_f32s,
        as_mut_simd_f32s,
        partial_load_f32s,
        partial_store_f32s,
        splat_f32s,
        add_f32s,
        sub_f32s,
        mul_f32s,
        div_f32s,
        mul_add_e_f32s,
        max_f32s,
        min_f32s,
        abs_f32s,
        sqrt_f32s,
        reduce_sum_f32s,
        reduce_max_f32s,
        reduce_min_f32s
    );

    #[inline(always)]
    fn frexp_s<S: Simd>(s: S, x: S::f32s) -> (S::f32s, S::f32s) {
        // As for f64: x = 0.1f · 2^(B − 126).
        const TWO23: f32 = 8_388_608.0;
        let bits = s.transmute_u32s_f32s(x);
        let eb = s.wrapping_dyn_shr_u32s(bits, s.splat_u32s(23));
        let e = s.sub_f32s(
            s.transmute_f32s_u32s(s.or_u32s(eb, s.transmute_u32s_f32s(s.splat_f32s(TWO23)))),
            s.splat_f32s(TWO23 + 126.0),
        );
        let m = s.transmute_f32s_u32s(s.or_u32s(
            s.and_u32s(bits, s.splat_u32s(0x007f_ffff)),
            s.splat_u32s(0x3f00_0000),
        ));
        (m, e)
    }
    #[inline(always)]
    fn ldexp_s<S: Simd>(s: S, x: S::f32s, k: S::f32s) -> S::f32s {
        // As for f64, with 1.5·2^23 and a 32-bit shift; normal iff e + k ≥ −125.
        const SHIFTER: f32 = 12_582_912.0;
        let k = s.max_f32s(k, s.splat_f32s(-300.0));
        let (_, e) = Self::frexp_s(s, x);
        let kb = s.wrapping_dyn_shl_u32s(
            s.transmute_u32s_f32s(s.add_f32s(k, s.splat_f32s(SHIFTER))),
            s.splat_u32s(23),
        );
        let scaled = s.transmute_f32s_u32s(s.add_u32s(s.transmute_u32s_f32s(x), kb));
        let low = s.less_than_f32s(s.add_f32s(e, k), s.splat_f32s(-125.0));
        s.select_f32s(low, s.splat_f32s(0.0), scaled)
    }
    #[inline(always)]
    fn select_lt_s<S: Simd>(s: S, a: S::f32s, b: S::f32s, x: S::f32s, y: S::f32s) -> S::f32s {
        s.select_f32s(s.less_than_f32s(a, b), x, y)
    }

    #[inline(always)]
    fn exp_s<S: Simd>(s: S, x: S::f32s) -> S::f32s {
        // As for f64, with the degree-6 Chebyshev fit (relative error 2.0e-8 with the
        // coefficients rounded to f32; Taylor needs degree 8).
        const LOG2E: f32 = std::f32::consts::LOG2_E;
        const LN2_HI: f32 = f32::from_bits(0x3f31_7200); // ln 2 rounded to 16 bits
        const LN2_LO: f32 = f32::from_bits(0x35bf_be8e); // ln 2 − LN2_HI
        const SHIFTER: f32 = 12_582_912.0; // 1.5 · 2^23
        const P: [f32; 7] = [
            1.0,
            1.0,
            0.5,
            0.166_664_15,
            0.041_666_35,
            0.008_375_126,
            0.001_394_110_8,
        ];
        let xc = s.min_f32s(
            s.max_f32s(x, s.splat_f32s(EXP_F32_LO)),
            s.splat_f32s(EXP_F32_HI),
        );
        let t = s.mul_add_e_f32s(xc, s.splat_f32s(LOG2E), s.splat_f32s(SHIFTER));
        let n = s.sub_f32s(t, s.splat_f32s(SHIFTER));
        let r = s.mul_add_e_f32s(n, s.splat_f32s(-LN2_HI), xc);
        let r = s.mul_add_e_f32s(n, s.splat_f32s(-LN2_LO), r);
        let mut p = s.splat_f32s(P[6]);
        for &c in P[..6].iter().rev() {
            p = s.mul_add_e_f32s(p, r, s.splat_f32s(c));
        }
        // bits(t) = bits(1.5·2^23) + n: its low 9 bits hold n mod 2^9 (the constant's are 0),
        // so bits(t) << 23 = n << 23 (mod 2^32); a 32-bit add puts n into p's exponent field
        // (one vpslld + vpaddd on AVX2).
        let e = s.wrapping_dyn_shl_u32s(s.transmute_u32s_f32s(t), s.splat_u32s(23));
        let scaled = s.transmute_f32s_u32s(s.add_u32s(s.transmute_u32s_f32s(p), e));
        let zero_mask = s.less_than_f32s(x, s.splat_f32s(EXP_F32_LO));
        let inf_mask = s.greater_than_f32s(x, s.splat_f32s(EXP_F32_HI));
        let y = s.select_f32s(zero_mask, s.splat_f32s(0.0), scaled);
        s.select_f32s(inf_mask, s.splat_f32s(f32::INFINITY), y)
    }
    #[inline(always)]
    fn ln_s<S: Simd>(s: S, x: S::f32s) -> S::f32s {
        // As for f64, with fdlibm's degree-4 polynomial in s² for single precision and the
        // exponent read by a 32-bit shift.
        const LG: [f32; 4] = [0.666_666_6, 0.400_009_72, 0.284_987_87, 0.242_790_79];
        const LN2_HI: f32 = f32::from_bits(0x3f31_7180);
        const LN2_LO: f32 = f32::from_bits(0x3717_f7d1);
        let sub = (33_554_432.0, 25.0); // 2^25
        let y = ln_finite::<f32, S, 4>(s, x, sub, &LG, (LN2_HI, LN2_LO));
        special_ln!(
            s,
            x,
            y,
            f32,
            splat_f32s,
            select_f32s,
            equal_f32s,
            less_than_f32s
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lane-wise function under test.
    #[derive(Clone, Copy)]
    enum Fun {
        Exp,
        Ln,
    }

    /// Applies `exp_s` or `ln_s` through the dispatched instruction set, tail by partial loads.
    fn simd_apply<T: Real>(xs: &[T], fun: Fun) -> Vec<T> {
        struct Op<'a, T>(&'a [T], Vec<T>, Fun);
        impl<T: Real> pulp::WithSimd for Op<'_, T> {
            type Output = Vec<T>;
            fn with_simd<S: Simd>(mut self, s: S) -> Vec<T> {
                let f = |v| match self.2 {
                    Fun::Exp => T::exp_s(s, v),
                    Fun::Ln => T::ln_s(s, v),
                };
                self.1.resize(self.0.len(), T::ZERO);
                let (hi, ti) = T::as_simd::<S>(self.0);
                let (ho, to) = T::as_mut_simd::<S>(&mut self.1);
                for (o, &x) in ho.iter_mut().zip(hi) {
                    *o = f(x);
                }
                if !ti.is_empty() {
                    T::partial_store_s(s, to, f(T::partial_load_s(s, ti)));
                }
                self.1
            }
        }
        arch().dispatch(Op(xs, Vec::new(), fun))
    }

    std::thread_local! {
        /// The instruction set the tests' kernels run on (`None`: pulp's own choice).
        static ARCH: std::cell::Cell<Option<pulp::Arch>> = const { std::cell::Cell::new(None) };
    }

    /// The instruction set of this thread's test.
    fn arch() -> pulp::Arch {
        ARCH.with(|a| a.get()).unwrap_or_default()
    }

    /// Runs `test` on every instruction set this CPU has: pulp's choice (AVX-512 where
    /// present), AVX2 (when that is not pulp's choice already), and scalar lanes, so that
    /// each is checked whichever the CPU picks.
    fn for_every_arch(test: impl Fn()) {
        let mut arches = vec![pulp::Arch::new(), pulp::Arch::Scalar];
        #[cfg(target_arch = "x86_64")]
        if !matches!(arches[0], pulp::Arch::V3(_)) {
            arches.extend(pulp::x86::V3::try_new().map(pulp::Arch::V3));
        }
        for a in arches {
            ARCH.with(|c| c.set(Some(a)));
            test();
        }
        ARCH.with(|c| c.set(None));
    }

    fn simd_exp<T: Real>(xs: &[T]) -> Vec<T> {
        simd_apply(xs, Fun::Exp)
    }

    fn ulps(a: f64, b: f64) -> f64 {
        if a == b {
            return 0.0;
        }
        (a - b).abs() / (b.abs() * f64::EPSILON)
    }

    /// Checks `exp_s` at `xs` against `exact` (f64 values of e^x): within 2 ulps of `T` where
    /// the result is a normal number, 0 where it is below `T::MIN_POSITIVE`, +∞ above `T::MAX`.
    fn check_exp<T: Real>(xs: &[T], exact: impl Fn(T) -> f64, ulp: f64) {
        let ys = simd_exp(xs);
        for (&x, &y) in xs.iter().zip(&ys) {
            let e = exact(x);
            let y = y.to_f64();
            if e > T::MAX.to_f64() {
                assert_eq!(y, f64::INFINITY, "exp({x:e}) = {y:e}, exact {e:e}");
            } else if e < T::MIN_POSITIVE.to_f64() {
                assert_eq!(y, 0.0, "exp({x:e}) = {y:e}, exact {e:e}: not flushed");
            } else {
                let err = (y - e).abs() / (e * ulp);
                assert!(err <= 2.0, "exp({x:e}) = {y:e}, exact {e:e}: {err:.2} ulps");
            }
        }
    }

    /// `x` moved by `k` representable values (towards +∞ for k > 0).
    fn nudge_f64(x: f64, k: i64) -> f64 {
        let b = x.to_bits() as i64;
        f64::from_bits(if x >= 0.0 { b + k } else { b - k } as u64)
    }
    fn nudge_f32(x: f32, k: i32) -> f32 {
        let b = x.to_bits() as i32;
        f32::from_bits(if x >= 0.0 { b + k } else { b - k } as u32)
    }

    #[test]
    fn exp_f64_over_the_full_range_and_its_edges() {
        for_every_arch(|| {
            // The whole range, past both ends, on a grid that is not aligned with ln 2.
            let mut xs: Vec<f64> = (0..400_001)
                .map(|i| -760.0 + 1520.0 * i as f64 / 400_000.0)
                .collect();
            // Every representable value within 300 ulps of the underflow and overflow edges.
            for edge in [
                f64::MIN_POSITIVE.ln(),
                f64::MAX.ln(),
                EXP_F64_LO,
                EXP_F64_HI,
            ] {
                xs.extend((-300..=300).map(|k| nudge_f64(edge, k)));
            }
            // Subnormal, zero and huge arguments.
            xs.extend([
                0.0,
                -0.0,
                5e-324,
                -5e-324,
                1e-310,
                -1e-310,
                f64::MIN_POSITIVE,
                1e-17,
                -1e-17,
                f64::MAX,
                -f64::MAX,
                f64::INFINITY,
                f64::NEG_INFINITY,
            ]);
            check_exp(&xs, f64::exp, f64::EPSILON);
            let special = simd_exp(&[0.0, 5e-324, -f64::MAX, f64::NEG_INFINITY, f64::INFINITY]);
            assert_eq!(special, vec![1.0, 1.0, 0.0, 0.0, f64::INFINITY]);
            // Largest argument with a finite result, smallest with a normal one.
            assert!(simd_exp(&[EXP_F64_HI])[0] <= f64::MAX);
            assert!(nudge_f64(EXP_F64_HI, 1).exp() == f64::INFINITY);
            assert!(simd_exp(&[EXP_F64_LO])[0] >= f64::MIN_POSITIVE);
            assert!(nudge_f64(EXP_F64_LO, -1).exp() < f64::MIN_POSITIVE);
        });
    }

    #[test]
    fn exp_f32_over_the_full_range_and_its_edges() {
        for_every_arch(|| {
            // Every f32 in [−104, 89] (about 2.1e9 values is too many: every 16th bit pattern
            // with exponents of magnitude ≥ 2^-20, and every value near the edges).
            let mut xs: Vec<f32> = Vec::new();
            for sign in [0u32, 1 << 31] {
                let lo = 0x3480_0000u32; // 2^-22
                let hi = 0x42d0_0000u32; // 104
                xs.extend((lo..=hi).step_by(16).map(|b| f32::from_bits(b | sign)));
            }
            for edge in [
                (f32::MIN_POSITIVE as f64).ln() as f32,
                (f32::MAX as f64).ln() as f32,
                EXP_F32_LO,
                EXP_F32_HI,
            ] {
                xs.extend((-300..=300).map(|k| nudge_f32(edge, k)));
            }
            xs.extend([
                0.0f32,
                -0.0,
                1e-45,
                -1e-45,
                1e-40,
                f32::MAX,
                -f32::MAX,
                f32::INFINITY,
                f32::NEG_INFINITY,
            ]);
            check_exp(&xs, |x| (x as f64).exp(), f32::EPSILON as f64);
            let special = simd_exp(&[0.0f32, 1e-45, -f32::MAX, f32::NEG_INFINITY, f32::INFINITY]);
            assert_eq!(special, vec![1.0, 1.0, 0.0, 0.0, f32::INFINITY]);
            assert!(((nudge_f32(EXP_F32_HI, 1) as f64).exp() as f32).is_infinite());
            assert!(simd_exp(&[EXP_F32_HI])[0].is_finite());
            assert!(simd_exp(&[EXP_F32_LO])[0] >= f32::MIN_POSITIVE);
            assert!((nudge_f32(EXP_F32_LO, -1) as f64).exp() < f32::MIN_POSITIVE as f64);
        });
    }

    #[test]
    fn exp_f64_within_two_ulps_on_the_normal_range() {
        for_every_arch(|| {
            let xs: Vec<f64> = (0..20_001)
                .map(|i| -708.0 + 1417.5 * i as f64 / 20_000.0)
                .collect();
            let ys = simd_exp(&xs);
            for (&x, &y) in xs.iter().zip(&ys) {
                assert!(
                    ulps(y, x.exp()) <= 2.0,
                    "exp({x}) = {y}, std gives {}",
                    x.exp()
                );
            }
            let edge = simd_exp(&[-1000.0, f64::NEG_INFINITY, 710.0, 0.0, -708.5]);
            assert_eq!(&edge[..4], &[0.0, 0.0, f64::INFINITY, 1.0]);
            assert_eq!(edge[4], 0.0);
        });
    }

    #[test]
    fn exp_f32_within_two_ulps_on_the_normal_range() {
        for_every_arch(|| {
            let xs: Vec<f32> = (0..20_001)
                .map(|i| -87.0 + 175.5 * i as f32 / 20_000.0)
                .collect();
            let ys = simd_exp(&xs);
            for (&x, &y) in xs.iter().zip(&ys) {
                let exact = (x as f64).exp();
                let err = (y as f64 - exact).abs() / (exact * f32::EPSILON as f64);
                assert!(err <= 2.0, "exp({x}) = {y}, exact {exact}, {err} ulps");
            }
            let edge = simd_exp(&[-200.0f32, f32::NEG_INFINITY, 100.0, 0.0]);
            assert_eq!(edge, vec![0.0, 0.0, f32::INFINITY, 1.0]);
        });
    }
    /// Checks `ln_s` at `xs` against `exact` (f64 values of ln x): within `tol` ulps of `T`
    /// (of the result; absolute 1 ulp of `T` at 1 where ln x → 0), and the special values.
    fn check_ln<T: Real>(xs: &[T], exact: impl Fn(T) -> f64, tol: f64) {
        let ys = simd_apply(xs, Fun::Ln);
        for (&x, &y) in xs.iter().zip(&ys) {
            let (e, y) = (exact(x), y.to_f64());
            if x.is_nan() || x < T::ZERO {
                assert!(y.is_nan(), "ln({x:e}) = {y:e}, want NaN");
            } else if x == T::ZERO || x == T::INFINITY {
                assert_eq!(y, e, "ln({x:e})");
            } else {
                let ulp = T::EPSILON.to_f64() * e.abs().max(f64::MIN_POSITIVE);
                let err = (y - e).abs() / ulp;
                assert!(err <= tol, "ln({x:e}) = {y:e}, exact {e:e}: {err:.2} ulps");
            }
        }
    }

    #[test]
    fn ln_f64_within_one_ulp_over_the_range_and_special_values() {
        for_every_arch(|| {
            let mut xs: Vec<f64> = Vec::new();
            // Every binade, normal and subnormal, on a grid of bit patterns.
            let mut b = 1u64;
            while b < f64::INFINITY.to_bits() {
                xs.push(f64::from_bits(b));
                b = b + 1 + b / 9973;
            }
            // Dense around 1 (cancellation), √2 and √½ (the reduction edges).
            for c in [
                1.0f64,
                std::f64::consts::SQRT_2,
                std::f64::consts::FRAC_1_SQRT_2,
            ] {
                xs.extend((-3000..=3000).map(|k| nudge_f64(c, k)));
                xs.extend((1..2000).map(|k| c * (1.0 + k as f64 * 1e-4)));
            }
            xs.extend([
                0.0,
                -0.0,
                5e-324,
                f64::MIN_POSITIVE,
                f64::MAX,
                f64::INFINITY,
            ]);
            xs.extend([-1.0, -5e-324, f64::NEG_INFINITY, f64::NAN]);
            // glibc's log is correctly rounded in practice: 1 ulp covers our error plus its.
            check_ln(&xs, f64::ln, 1.0);
            let special = simd_apply(&[1.0f64, 0.0, -0.0, f64::INFINITY], Fun::Ln);
            assert_eq!(
                special,
                vec![0.0, f64::NEG_INFINITY, f64::NEG_INFINITY, f64::INFINITY]
            );
        });
    }

    #[test]
    fn ln_f32_within_one_ulp_over_the_range_and_special_values() {
        for_every_arch(|| {
            // Every 7th f32 bit pattern from the smallest subnormal to +∞, and the special values.
            let mut xs: Vec<f32> = (1..0x7f80_0000u32).step_by(7).map(f32::from_bits).collect();
            xs.extend((-3000..=3000).map(|k| nudge_f32(1.0, k)));
            xs.extend([0.0f32, -0.0, f32::MAX, f32::INFINITY, -1.0, f32::NAN]);
            check_ln(&xs, |x| (x as f64).ln(), 1.0);
        });
    }
    /// `x·2^k` exactly (f64 reference for both types), in steps of at most 2^±500 so that no
    /// intermediate overflows or leaves the normal range before the last step.
    fn scaled(x: f64, k: i32) -> f64 {
        let (mut x, mut k) = (x, k);
        while k != 0 {
            let step = k.clamp(-500, 500);
            x *= 2f64.powi(step);
            k -= step;
        }
        x
    }

    /// `frexp_s` and `ldexp_s` on `xs` (positive normal) against the exact bit-level values:
    /// x = μ·2^e with μ in [½, 1), and x·2^k exact or flushed to 0 below the normal range.
    fn check_frexp_ldexp<T: Real>(xs: &[T], ks: &[i32]) {
        struct Op<'a, T>(&'a [T], T);
        impl<T: Real> pulp::WithSimd for Op<'_, T> {
            type Output = Vec<(T, T, T)>;
            fn with_simd<S: Simd>(self, s: S) -> Vec<(T, T, T)> {
                let k = T::splat_s(s, self.1);
                // One value a vector (the lanes of a splat are alike), first lane read back.
                let first = |v: T::Vector<S>| {
                    let mut out = vec![T::ZERO; T::lanes::<S>()];
                    T::partial_store_s(s, &mut out, v);
                    out[0]
                };
                self.0
                    .iter()
                    .map(|&x| {
                        let (m, e) = T::frexp_s(s, T::splat_s(s, x));
                        let y = T::ldexp_s(s, T::splat_s(s, x), k);
                        (first(m), first(e), first(y))
                    })
                    .collect()
            }
        }
        for &k in ks {
            let got = arch().dispatch(Op(xs, T::from_f64(k as f64)));
            for (&x, &(m, e, y)) in xs.iter().zip(&got) {
                let (x, m, e, y) = (x.to_f64(), m.to_f64(), e.to_f64(), y.to_f64());
                assert!(
                    (0.5..1.0).contains(&m) && e == e.round(),
                    "frexp({x:e}) = ({m}, {e})"
                );
                assert_eq!(scaled(m, e as i32), x, "frexp({x:e}) = ({m}, {e})");
                // Below the normal range iff μ·2^(e+k) < 2^(min_exp − 1) (decided on the
                // exponent: the rounded product can round up to the smallest normal).
                let min_exp = T::MIN_POSITIVE.to_f64().log2() + 1.0;
                let want = if e + (k as f64) < min_exp {
                    0.0
                } else {
                    scaled(x, k)
                };
                assert_eq!(y, want, "ldexp({x:e}, {k})");
            }
        }
    }

    #[test]
    fn frexp_and_ldexp_are_exact_and_flush_below_the_normal_range() {
        for_every_arch(|| {
            // Every binade, a few mantissas each (edges and middle).
            let ks = [
                0, 1, -1, 7, -52, 300, -700, -1021, -1022, -1100, -2000, -5000,
            ];
            let xs: Vec<f64> = (1u64..2047)
                .flat_map(|b| {
                    [0, 1, 1 << 51, (1 << 52) - 1, 0x0001_2345_6789_abcd]
                        .map(|m| f64::from_bits((b << 52) | m))
                })
                .filter(|&x| x <= f64::MAX / 2f64.powi(300))
                .collect();
            check_frexp_ldexp(&xs, &ks);
            let ks = [0, 1, -1, 5, -23, 100, -125, -126, -127, -150, -300, -1000];
            let xs: Vec<f32> = (1u32..255)
                .flat_map(|b| {
                    [0, 1, 1 << 22, (1 << 23) - 1, 0x12_3457].map(|m| f32::from_bits((b << 23) | m))
                })
                .filter(|&x| x <= f32::MAX / 2f32.powi(100))
                .collect();
            check_frexp_ldexp(&xs, &ks);
        });
    }
}
