//! Convolutional entropic barycenter on a regular 2-D grid (Solomon et al. 2015), in the log
//! domain: the Gibbs kernel of the squared distance on the grid `t_r = r/(h−1)`,
//! `s_c = c/(w−1)` (the unit square, as POT's `convolutional_barycenter2d`) is separable,
//! `K = K_h ⊗ K_w` with `K_h[r, r'] = exp(−(t_r − t_r')²/ε)`, so `log(K exp(L))` is a 1-D
//! log-convolution along the rows of L followed by one along its columns: `O(hw(h + w))` per
//! application and `O(hw + h² + w²)` memory instead of the `(hw)²` of a dense kernel.
//!
//! Each 1-D log-convolution is *stabilised*, not a log-sum-exp per entry: along a row,
//! `log Σ_i K[c, i] e^{L_i} = m + log Σ_i K[c, i] e^{L_i − m}` with a shift m at or just above
//! `max_i L_i` (a multiple of ln 2), so the `O(hw(h + w))` part is a plain matmul of
//! `E = e^{L − m} ≤ 1` with the precomputed kernel (faer). The sum is accurate (relative
//! error a few ulps, as the exact log-sum-exp) unless underflow ate it: each term lost to
//! underflow is below the smallest normal number `ν`, so whenever the sum is at least
//! `τ = n·ν/ε_mach` the losses are below one rounding; an entry whose sum falls below `τ` (a
//! dynamic range within the line beyond the exponent range) is recomputed by the exact
//! log-sum-exp. The columns are shifted the same way, per column. Between the two passes
//! the values stay linear, scaled by powers of 2 (see `log_convolve`), so a convolution
//! costs `hw` exps and `hw` logs besides its two matmuls. Rows are split into fixed blocks
//! across threads, each block one sequential matmul: bitwise identical results for every
//! thread count.

use super::ibp::{check_inputs, ibp, BarycenterInfo, BarycenterParams, Elementwise, MapInto};
use crate::cost::gemm::gemm;
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatMut, MatRef, MemStack, Par, Real, Result, StackReq};
use pulp::Simd;

/// Rows per parallel block (fixed: results do not depend on the thread count).
const ROW_BLOCK: usize = 64;

/// `log K` and `K` (m×m, symmetric) of one axis of m grid points on [0, 1].
#[derive(Clone, Copy)]
struct Axis<'a, T> {
    m: usize,
    logk: &'a [T],
    k: &'a [T],
}

impl<T: Real> Axis<'_, T> {
    /// The kernel as an m×m matrix view.
    fn mat(&self) -> MatRef<'_, T> {
        MatRef::from_row_major_slice(self.k, self.m, self.m)
    }
}

/// `logk[a·m + b] = −((a − b)/(m − 1))²/ε` (the squared distance on `t = linspace(0, 1, m)`),
/// and `k = exp(logk)` with values below the smallest normal number set to 0 (no subnormal
/// operands in the matmul). Toeplitz: m exps, the other rows copied from the first.
fn fill_axis<T: Real>(m: usize, eps: f64, logk: &mut [T], k: &mut [T]) {
    let (first, rest) = logk.split_at_mut(m);
    let (kfirst, krest) = k.split_at_mut(m);
    for (d, (l, e)) in first.iter_mut().zip(kfirst.iter_mut()).enumerate() {
        let t = if m > 1 {
            d as f64 / (m - 1) as f64
        } else {
            0.0
        };
        *l = T::from_f64(-t * t / eps);
        let v = l.exp();
        *e = if v < T::MIN_POSITIVE { T::ZERO } else { v };
    }
    let rows = rest.chunks_exact_mut(m).zip(krest.chunks_exact_mut(m));
    for (a, (lrow, krow)) in rows.enumerate().map(|(i, r)| (i + 1, r)) {
        for (b, (l, e)) in lrow.iter_mut().zip(krow.iter_mut()).enumerate() {
            *l = first[a.abs_diff(b)];
            *e = kfirst[a.abs_diff(b)];
        }
    }
}

/// Exact `log Σ_{i<m} exp(f(i))` (max-shifted; −∞ when every term is −∞): the fallback of
/// the stabilised matmul, O(m) exps.
fn lse<T: Real>(m: usize, f: impl Fn(usize) -> T) -> T {
    let mx = (0..m).map(&f).fold(T::NEG_INFINITY, T::max);
    if mx == T::NEG_INFINITY {
        return mx;
    }
    let z: T = (0..m).map(|i| (f(i) - mx).exp()).sum();
    mx + z.ln()
}

/// The accuracy floor `τ = m·ν/ε_mach` of a stabilised sum of m terms (module docs).
fn floor_of<T: Real>(m: usize) -> T {
    T::from_f64(m as f64 * T::MIN_POSITIVE.to_f64() / T::EPSILON.to_f64())
}

/// Row pass, SIMD part: for each row of `src` (length w), the power `p` of its shift
/// `p·ln 2` (p = ⌈max/ln 2⌉, or 0 for an all-(−∞) row) into `pows`, and
/// `e = exp(src − p·ln 2)` (at most 1, the largest at least ½) into the same row of `e`.
struct RowExp<'a, T: Real> {
    src: &'a [T],
    e: &'a mut [T],
    pows: &'a mut [T],
    w: usize,
}

impl<T: Real> pulp::WithSimd for RowExp<'_, T> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) {
        let w = self.w;
        let rows = self.src.chunks_exact(w).zip(self.e.chunks_exact_mut(w));
        for ((srow, erow), p) in rows.zip(self.pows.iter_mut()) {
            *p = pow_of(max_of(s, srow));
            let shift = T::splat_s(s, -ln2_times(*p));
            exp_shifted(s, srow, erow, |_| shift);
        }
    }
}

/// `⌈m/ln 2⌉` for a finite `m` (as `T`); 0 for −∞.
fn pow_of<T: Real>(m: T) -> T {
    if m == T::NEG_INFINITY {
        T::ZERO
    } else {
        T::from_f64((m.to_f64() / std::f64::consts::LN_2).ceil())
    }
}

/// `p·ln 2` for an integer-valued `p`, or −∞ for −∞.
fn ln2_times<T: Real>(p: T) -> T {
    T::from_f64(p.to_f64() * std::f64::consts::LN_2)
}

/// Largest value of `x` (−∞ when empty).
#[inline(always)]
fn max_of<T: Real, S: Simd>(s: S, x: &[T]) -> T {
    let (xv, xt) = T::as_simd::<S>(x);
    let mut m0 = T::splat_s(s, T::NEG_INFINITY);
    let mut m1 = m0;
    let mut pairs = xv.chunks_exact(2);
    for p in &mut pairs {
        m0 = T::max_s(s, m0, p[0]);
        m1 = T::max_s(s, m1, p[1]);
    }
    for &v in pairs.remainder() {
        m0 = T::max_s(s, m0, v);
    }
    xt.iter()
        .fold(T::reduce_max_s(s, T::max_s(s, m0, m1)), |m, &v| m.max(v))
}

/// Smallest value of `x` (+∞ when empty).
struct MinOf<'a, T>(&'a [T]);

impl<T: Real> pulp::WithSimd for MinOf<'_, T> {
    type Output = T;
    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) -> T {
        let (xv, xt) = T::as_simd::<S>(self.0);
        let m = xv
            .iter()
            .fold(T::splat_s(s, T::INFINITY), |m, &v| T::min_s(s, m, v));
        xt.iter().fold(T::reduce_min_s(s, m), |m, &v| m.min(v))
    }
}

/// `dst[j] = exp(src[j] + neg_shift(j))` over the SIMD vectors of `src` (vector index j; the
/// tail uses index `len`, for slices whose shift is constant there or padded by the caller).
#[inline(always)]
fn exp_shifted<T: Real, S: Simd>(
    s: S,
    src: &[T],
    dst: &mut [T],
    neg_shift: impl Fn(usize) -> T::Vector<S>,
) {
    let (sv, st) = T::as_simd::<S>(src);
    let nv = sv.len();
    let (dv, dt) = T::as_mut_simd::<S>(dst);
    for (j, (d, &v)) in dv.iter_mut().zip(sv).enumerate() {
        *d = T::exp_s(s, T::add_s(s, v, neg_shift(j)));
    }
    if !st.is_empty() {
        let v = T::partial_load_s(s, st);
        T::partial_store_s(s, dt, T::exp_s(s, T::add_s(s, v, neg_shift(nv))));
    }
}

/// `cmax[c] = max_r (pows[r] + λ[r, c])` over the rows of `mid` (length w, mixed encoding
/// of [`log_convolve`]), with `λ = e` for a linear sum `v = μ·2^e` (μ in [½, 1)) and
/// `λ = v/ln 2` for a log value `v < 0`: an upper bound, in powers of 2, of each column's
/// largest entry, less than 1 above it.
struct ColMax<'a, T: Real> {
    mid: &'a [T],
    pows: &'a [T],
    cmax: &'a mut [T],
    w: usize,
}

impl<T: Real> pulp::WithSimd for ColMax<'_, T> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) {
        self.cmax.fill(T::NEG_INFINITY);
        let (cv, ct) = T::as_mut_simd::<S>(self.cmax);
        for (row, &p) in self.mid.chunks_exact(self.w).zip(self.pows) {
            let pv = T::splat_s(s, p);
            let (rv, rt) = T::as_simd::<S>(row);
            for (c, &v) in cv.iter_mut().zip(rv) {
                *c = T::max_s(s, *c, T::add_s(s, pv, pow_bound::<T, S>(s, v)));
            }
            if !ct.is_empty() {
                // Padding lanes give finite values and are not stored.
                let lam = pow_bound::<T, S>(s, T::partial_load_s(s, rt));
                let c = T::max_s(s, T::partial_load_s(s, ct), T::add_s(s, pv, lam));
                T::partial_store_s(s, ct, c);
            }
        }
    }
}

/// `λ` of [`ColMax`] for one vector of the mixed encoding.
#[inline(always)]
fn pow_bound<T: Real, S: Simd>(s: S, v: T::Vector<S>) -> T::Vector<S> {
    let (_, e) = T::frexp_s(s, v);
    let log_in_pows = T::mul_s(s, v, T::splat_s(s, T::from_f64(std::f64::consts::LOG2_E)));
    T::select_lt_s(s, v, T::splat_s(s, T::ZERO), log_in_pows, e)
}

/// Column pass, SIMD part: `e[r, c] = v·2^(pows[r] − q[c])` for the rows of `mid` (length
/// w, mixed encoding) and the column powers `q` (`neg_q = −q`, length w): exact scalings,
/// no exp. Lanes holding a log value (`v < 0`) are left for [`log_convolve`] to fix: returns
/// whether the block has any.
struct ColScale<'a, T: Real> {
    mid: &'a [T],
    pows: &'a [T],
    e: &'a mut [T],
    neg_q: &'a [T],
    w: usize,
}

impl<T: Real> pulp::WithSimd for ColScale<'_, T> {
    type Output = bool;
    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) -> bool {
        let w = self.w;
        let (qv, qt) = T::as_simd::<S>(self.neg_q);
        let qtail = T::partial_load_s(s, qt);
        let mut low = T::splat_s(s, T::INFINITY);
        let rows = self.mid.chunks_exact(w).zip(self.e.chunks_exact_mut(w));
        for ((mrow, erow), &p) in rows.zip(self.pows) {
            let pv = T::splat_s(s, p);
            let (sv, st) = T::as_simd::<S>(mrow);
            let (dv, dt) = T::as_mut_simd::<S>(erow);
            for ((d, &v), &nq) in dv.iter_mut().zip(sv).zip(qv) {
                *d = T::ldexp_s(s, v, T::add_s(s, pv, nq));
                low = T::min_s(s, low, v);
            }
            if !st.is_empty() {
                let v = T::partial_load_s(s, st);
                let d = T::ldexp_s(s, v, T::add_s(s, pv, qtail));
                T::partial_store_s(s, dt, d);
                // Padding lanes load as 0: not below 0.
                low = T::min_s(s, low, v);
            }
        }
        T::reduce_min_s(s, low) < T::ZERO
    }
}

/// `y[j] = ln(y[j]) + add(j)` over the SIMD vectors of `y` (vector index j; the tail uses
/// index `len`, as in [`exp_shifted`]).
#[inline(always)]
fn ln_added<T: Real, S: Simd>(s: S, y: &mut [T], add: impl Fn(usize) -> T::Vector<S>) {
    let (yv, yt) = T::as_mut_simd::<S>(y);
    let nv = yv.len();
    for (j, v) in yv.iter_mut().enumerate() {
        *v = T::add_s(s, T::ln_s(s, *v), add(j));
    }
    if !yt.is_empty() {
        // Padding lanes load as 0 (ln = −∞) and are not stored.
        let v = T::partial_load_s(s, yt);
        T::partial_store_s(s, yt, T::add_s(s, T::ln_s(s, v), add(nv)));
    }
}

/// Column pass, after the matmul: `y[r, c] = cmax[c] + ln(y[r, c])` on rows of length w
/// (an all-(−∞) column has sums 0 and stays −∞: ln 0 = −∞).
struct LnCols<'a, T> {
    y: &'a mut [T],
    cmax: &'a [T],
    w: usize,
}

impl<T: Real> pulp::WithSimd for LnCols<'_, T> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) {
        let (cv, ct) = T::as_simd::<S>(self.cmax);
        let tail = T::partial_load_s(s, ct);
        for row in self.y.chunks_exact_mut(self.w) {
            ln_added(s, row, |j| if j < cv.len() { cv[j] } else { tail });
        }
    }
}

/// Runs `f(block, a_block, b_block, c_block)` over fixed blocks of `ROW_BLOCK` rows of `a`
/// and `b` (rows of w values) and of `c` (a value a row), in parallel under `Par::Rayon`.
fn row_blocks3<A: Send, B: Send, C: Send>(
    par: Par,
    a: &mut [A],
    b: &mut [B],
    c: &mut [C],
    w: usize,
    f: impl Fn(usize, &mut [A], &mut [B], &mut [C]) + Sync + Send,
) {
    let (ca, cc) = (ROW_BLOCK * w, ROW_BLOCK);
    match par {
        Par::Seq => a
            .chunks_mut(ca)
            .zip(b.chunks_mut(ca))
            .zip(c.chunks_mut(cc))
            .enumerate()
            .for_each(|(i, ((x, y), z))| f(i, x, y, z)),
        Par::Rayon(_) => {
            use rayon::prelude::*;
            a.par_chunks_mut(ca)
                .zip(b.par_chunks_mut(ca))
                .zip(c.par_chunks_mut(cc))
                .enumerate()
                .for_each(|(i, ((x, y), z))| f(i, x, y, z))
        }
    }
}

/// [`row_blocks3`] for one buffer.
fn row_blocks<A: Send>(par: Par, a: &mut [A], w: usize, f: impl Fn(usize, &mut [A]) + Sync + Send) {
    crate::par::par_chunks(par, a, ROW_BLOCK * w, f)
}

/// Temporaries of one log-convolution of an h×w image: `e`, `mid` (h·w each), the row
/// powers `pows` (h), the column logs `cmax` and powers `neg_q` (negated; w each).
struct ConvBufs<'a, T> {
    e: &'a mut [T],
    mid: &'a mut [T],
    pows: &'a mut [T],
    cmax: &'a mut [T],
    neg_q: &'a mut [T],
}

/// `dst = log(K exp(src))` for an h×w image (row-major), `K = K_h ⊗ K_w` (module docs).
///
/// Both passes shift by powers of 2: row r by `p_r·ln 2`, column c by `q_c·ln 2`. Between
/// them the intermediate `mid` stays linear: the row pass leaves each sum
/// `v = Σ_i K_w[c, i] e^{src[r, i] − p_r ln 2}` as it is, and only where a sum fell below the
/// floor replaces it by its exact log-sum-exp minus `p_r ln 2` (negative, since the floor is
/// below 1: the sign tells the two apart). The column pass then needs no log or exp: its
/// input `e^{log mid[r, c] − q_c ln 2} = v·2^{p_r − q_c}` is an exact scaling of the bits,
/// and `q_c` comes from the binary exponents ([`ColMax`]). Only the rare log values take
/// an exp.
fn log_convolve<T: Real>(
    rows: Axis<'_, T>,
    cols: Axis<'_, T>,
    src: &[T],
    dst: &mut [T],
    bufs: &mut ConvBufs<'_, T>,
    par: Par,
) {
    let (h, w) = (cols.m, rows.m);
    let (tau_w, tau_h) = (floor_of::<T>(w), floor_of::<T>(h));
    let ln_tau_h = tau_h.ln();
    let ConvBufs {
        e,
        mid,
        pows,
        cmax,
        neg_q,
    } = bufs;
    // Along each row: mid = e · K_w, e = exp(src − p ln 2).
    row_blocks3(par, e, mid, pows, w, |blk, e, mid, p| {
        let r0 = blk * ROW_BLOCK;
        let nr = p.len();
        let src = &src[r0 * w..(r0 + nr) * w];
        pulp::Arch::new().dispatch(RowExp { src, e, pows: p, w });
        gemm(
            MatMut::from_row_major_slice_mut(mid, nr, w),
            MatRef::from_row_major_slice(e, nr, w),
            rows.mat(),
            T::ONE,
        );
        if pulp::Arch::new().dispatch(MinOf(mid)) >= tau_w {
            return;
        }
        for (r, &pr) in p.iter().enumerate() {
            let srow = &src[r * w..(r + 1) * w];
            for (c, y) in mid[r * w..(r + 1) * w].iter_mut().enumerate() {
                if *y < tau_w {
                    // −∞ for an all-(−∞) row (its power is 0).
                    *y = lse(w, |i| srow[i] + rows.logk[c * w + i]) - ln2_times(pr);
                }
            }
        }
    });
    // Along each column: dst = q ln 2 + log(K_h · e), e = exp(log mid − q ln 2).
    let (mid, pows) = (&**mid, &**pows);
    pulp::Arch::new().dispatch(ColMax { mid, pows, cmax, w });
    for (nq, c) in neg_q.iter_mut().zip(cmax.iter_mut()) {
        let q = T::from_f64(c.to_f64().ceil());
        *nq = if q == T::NEG_INFINITY { T::ZERO } else { -q };
        *c = if q == T::NEG_INFINITY {
            q
        } else {
            ln2_times(q)
        };
    }
    let (neg_q, cmax) = (&**neg_q, &**cmax);
    row_blocks(par, e, w, |blk, e| {
        let r0 = blk * ROW_BLOCK;
        let nr = e.len() / w;
        let (mid, pows) = (&mid[r0 * w..(r0 + nr) * w], &pows[r0..r0 + nr]);
        let has_logs = pulp::Arch::new().dispatch(ColScale {
            mid,
            pows,
            e,
            neg_q,
            w,
        });
        if has_logs {
            for ((erow, mrow), &pr) in e.chunks_exact_mut(w).zip(mid.chunks_exact(w)).zip(pows) {
                for ((x, &v), &nq) in erow.iter_mut().zip(mrow).zip(neg_q) {
                    if v < T::ZERO {
                        *x = (v + ln2_times(pr + nq)).exp();
                    }
                }
            }
        }
    });
    let e = &**e;
    // The log of `mid[i, c]` for the exact fallback.
    let mid_log = |i: usize, c: usize| {
        let v = mid[i * w + c];
        ln2_times(pows[i]) + if v < T::ZERO { v } else { v.ln() }
    };
    row_blocks(par, dst, w, |blk, d| {
        let r0 = blk * ROW_BLOCK;
        let nr = d.len() / w;
        gemm(
            MatMut::from_row_major_slice_mut(d, nr, w),
            cols.mat().subrows(r0, nr),
            MatRef::from_row_major_slice(e, h, w),
            T::ONE,
        );
        // Sums below the floor (in log terms, below cmax + ln τ) are redone exactly; the
        // scan runs only when some sum of the block is near it.
        let low = pulp::Arch::new().dispatch(MinOf(d)) < tau_h * T::from_f64(4.0);
        pulp::Arch::new().dispatch(LnCols { y: d, cmax, w });
        if !low {
            return;
        }
        for (rr, drow) in d.chunks_exact_mut(w).enumerate() {
            let r = r0 + rr;
            for (c, z) in drow.iter_mut().enumerate() {
                if *z < cmax[c] + ln_tau_h {
                    *z = lse(h, |i| mid_log(i, c) + cols.logk[r * h + i]);
                }
            }
        }
    });
}

/// The log-Gibbs operator `L ↦ log(K exp(L))` of the squared distance on an h×w grid of the
/// unit square (module docs), with its axes' kernels and its temporaries, built once in a
/// buffer of [`grid_kernel_len`] values and applied any number of times (`K` is symmetric:
/// it serves for `Kᵀ`). The JKO step of [`crate::flow`] reuses it.
pub(crate) struct GridKernel<'a, T> {
    rows: Axis<'a, T>,
    cols: Axis<'a, T>,
    bufs: ConvBufs<'a, T>,
}

/// Values of `T` a [`GridKernel`] of an h×w grid holds: `2hw + h + 2w + 2(h² + w²)`
/// (saturating).
pub(crate) fn grid_kernel_len(h: usize, w: usize) -> usize {
    let sq = h.saturating_mul(h).saturating_add(w.saturating_mul(w));
    h.saturating_mul(w)
        .saturating_mul(2)
        .saturating_add(h)
        .saturating_add(w.saturating_mul(2))
        .saturating_add(sq.saturating_mul(2))
}

impl<'a, T: Real> GridKernel<'a, T> {
    /// The operator of `K = exp(−|x − y|²/ε)` on the h×w grid `(r/(h−1), c/(w−1))`, in
    /// `buf` ([`grid_kernel_len`] values). Fails (out of memory) only when faer's per-thread
    /// product buffer, which the separable convolutions (h×w by w×w, w×h by h×h) may need,
    /// cannot be had ([`crate::product_buffer`]).
    pub(crate) fn new(h: usize, w: usize, eps: f64, buf: &'a mut [T], par: Par) -> Result<Self> {
        let products = crate::product_buffer::exceeds_small_product(h, w, h.max(w));
        crate::product_buffer::ensure_if(products, par)?;
        let n = h * w;
        let (e, rest) = buf.split_at_mut(n);
        let (mid, rest) = rest.split_at_mut(n);
        let (pows, rest) = rest.split_at_mut(h);
        let (cmax, rest) = rest.split_at_mut(w);
        let (neg_q, rest) = rest.split_at_mut(w);
        let (logk_h, rest) = rest.split_at_mut(h * h);
        let (k_h, rest) = rest.split_at_mut(h * h);
        let (logk_w, k_w) = rest.split_at_mut(w * w);
        fill_axis(h, eps, logk_h, k_h);
        fill_axis(w, eps, logk_w, k_w);
        Ok(GridKernel {
            rows: Axis {
                m: w,
                logk: logk_w,
                k: k_w,
            },
            cols: Axis {
                m: h,
                logk: logk_h,
                k: k_h,
            },
            bufs: ConvBufs {
                e,
                mid,
                pows,
                cmax,
                neg_q,
            },
        })
    }

    /// `dst = log(K exp(src))` (h·w values each, row-major): two matmuls (`O(hw(h + w))`)
    /// and `O(hw)` exps and logs; bitwise identical for every `par`.
    pub(crate) fn apply(&mut self, src: &[T], dst: &mut [T], par: Par) {
        log_convolve(self.rows, self.cols, src, dst, &mut self.bufs, par)
    }
}

/// Workspace of [`convolutional_barycenter_in_place`] for k images of h×w pixels in `T`:
/// `(3k + 2)·hw` values of `T` and a `GridKernel`'s.
pub fn convolutional_barycenter_scratch<T: Real>(h: usize, w: usize, k: usize) -> StackReq {
    let n = h.saturating_mul(w);
    StackReq::all_of(&[
        vec_req::<T>(n.saturating_mul(k.saturating_mul(3).saturating_add(2))),
        vec_req::<T>(grid_kernel_len(h, w)),
    ])
}

/// Level 2: the entropic barycenter (written to `out`, h·w values, row-major) of the k images
/// given as the columns of `images` (h·w × k, pixel `r·w + c` in row r, each summing to 1),
/// with weights `weights` (normalised; `None` = uniform), for the squared distance on the
/// unit-square grid and regularisation `params.epsilon`, in `T` = f32 or f64 (weight sums and
/// the error in f64). Per iteration `2k` separable log-convolutions, each two matmuls
/// (`O(hw(h + w))`) and `O(hw)` exps and logs; allocation-free with `Par::Seq` (after faer's
/// one-time per-thread matmul setup, made fallibly).
#[allow(clippy::too_many_arguments)]
pub fn convolutional_barycenter_in_place<T: Real>(
    images: MatRef<'_, T>,
    h: usize,
    w: usize,
    weights: Option<&[T]>,
    out: &mut [T],
    params: &BarycenterParams,
    par: Par,
    stack: &mut MemStack,
) -> Result<BarycenterInfo> {
    let wsum = check_inputs(images, weights, params)?;
    let (n, k) = (images.nrows(), images.ncols());
    if h.checked_mul(w) != Some(n) || out.len() != n {
        bail!(
            InvalidDimension,
            "images have {n} pixels, out {}, grid {h}x{w}: need h·w pixels",
            out.len()
        );
    }
    check_stack(stack, convolutional_barycenter_scratch::<T>(h, w, k))?;
    let (mut buf, stack) = take(stack, n * (3 * k + 2), T::ZERO);
    let (log_a, rest) = buf.split_at_mut(k * n);
    let (log_u, rest) = rest.split_at_mut(k * n);
    let (log_kv, rest) = rest.split_at_mut(k * n);
    let (log_p, tmp) = rest.split_at_mut(n);
    for (c, la) in log_a.chunks_exact_mut(n).enumerate() {
        tmp.iter_mut()
            .zip(images.col(c).iter())
            .for_each(|(t, &a)| *t = a);
        pulp::Arch::new().dispatch(MapInto {
            src: tmp,
            dst: la,
            f: Elementwise::Ln,
        });
    }
    let lambda = |c: usize| weights.map_or(1.0, |wt| wt[c].to_f64()) / wsum;
    let (mut kbuf, _) = take(stack, grid_kernel_len(h, w), T::ZERO);
    let mut kernel = GridKernel::new(h, w, params.epsilon, &mut kbuf, par)?;
    let mut apply = |s: &[T], d: &mut [T]| kernel.apply(s, d, par);
    // K is symmetric: the same operator serves for Kᵀ.
    let info = ibp_symmetric(
        n, k, &lambda, &mut apply, log_a, log_u, log_kv, log_p, tmp, params, par,
    );
    pulp::Arch::new().dispatch(MapInto {
        src: log_p,
        dst: out,
        f: Elementwise::Exp,
    });
    Ok(info)
}

/// [`ibp`] with `Kᵀ = K`.
#[allow(clippy::too_many_arguments)]
fn ibp_symmetric<T: Real>(
    n: usize,
    k: usize,
    lambda: &(dyn Fn(usize) -> f64 + Sync),
    apply: &mut dyn FnMut(&[T], &mut [T]),
    log_a: &[T],
    log_u: &mut [T],
    log_kv: &mut [T],
    log_p: &mut [T],
    tmp: &mut [T],
    params: &BarycenterParams,
    par: Par,
) -> BarycenterInfo {
    let cell = std::cell::RefCell::new(apply);
    ibp(
        n,
        k,
        lambda,
        &mut |s, d| (cell.borrow_mut())(s, d),
        &mut |s, d| (cell.borrow_mut())(s, d),
        log_a,
        log_u,
        log_kv,
        log_p,
        tmp,
        params,
        par,
    )
}

/// Level 3 of [`convolutional_barycenter_in_place`] with `num_threads` threads.
pub fn convolutional_barycenter<T: Real>(
    images: MatRef<'_, T>,
    h: usize,
    w: usize,
    weights: Option<&[T]>,
    params: &BarycenterParams,
    num_threads: usize,
) -> Result<(Vec<T>, BarycenterInfo)> {
    let mut out = vec![T::ZERO; images.nrows()];
    let req = convolutional_barycenter_scratch::<T>(h, w, images.ncols());
    let info = with_stack(req, |stack| {
        crate::par::with_threads(num_threads, |par| {
            convolutional_barycenter_in_place(images, h, w, weights, &mut out, params, par, stack)
        })
    })???;
    Ok((out, info))
}
