//! The direct kernel: every entry from its coordinates, `finish(Σ_k step(x_ik, y_jk))`.
//!
//! x is packed row-major and y transposed by blocks (see [`super::pack`]), so the inner loop
//! broadcasts one coordinate of x_i and reads 4 contiguous SIMD vectors of y (4 independent
//! accumulators covering 4·lanes points of y). Rows of x are split into fixed chunks of
//! [`ROWS`] for the threads; column blocks are walked in panels that fit the L1 cache.
//! Cost O(n·m·d), memory traffic O(n·m) for the output.

use super::ops::Op;
use super::out::Out;
use super::pack::block;
use crate::par::for_each_chunk;
use crate::{Par, Real};
use pulp::Simd;

/// Rows of x per parallel chunk (fixed, so results do not depend on the thread count).
pub(super) const ROWS: usize = 16;
/// Bytes of packed y a panel may span (about the L1 data cache).
const PANEL_BYTES: usize = 32 * 1024;

/// The direct kernel over packed inputs.
pub(super) struct Direct<'a, T, O> {
    pub op: O,
    /// x packed row-major (n·d).
    pub xp: &'a [T],
    /// y packed by blocks (padded(m)·d).
    pub yp: &'a [T],
    /// |x_i|² (n values; read by cosine only).
    pub nx2: &'a [T],
    /// |y_j|² (padded(m) values; read by cosine only).
    pub ny2: &'a [T],
    pub n: usize,
    pub m: usize,
    pub d: usize,
    pub out: Out<T>,
    pub par: Par,
}

impl<T: Real, O: Op<T>> pulp::WithSimd for Direct<'_, T, O> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) {
        let this = &self;
        for_each_chunk(self.par, self.n.div_ceil(ROWS), move |c| {
            s.vectorize(
                #[inline(always)]
                || this.chunk(s, c),
            )
        });
    }
}

impl<T: Real, O: Op<T>> Direct<'_, T, O> {
    /// Rows `c·ROWS ..` of the output.
    #[inline(always)]
    fn chunk<S: Simd>(&self, s: S, c: usize) {
        let (m, d) = (self.m, self.d);
        let bw = block::<T>();
        let w = 4 * T::lanes::<S>();
        let groups = bw / w;
        let nblocks = m.div_ceil(bw);
        let panel = (PANEL_BYTES / (d * bw * std::mem::size_of::<T>())).max(1);
        let rows = c * ROWS..self.n.min(c * ROWS + ROWS);
        let zero = T::splat_s(s, T::ZERO);
        for pb in (0..nblocks).step_by(panel) {
            let blocks = pb..nblocks.min(pb + panel);
            for i in rows.clone() {
                let xr = &self.xp[i * d..(i + 1) * d];
                let nxi = self.nx2[i];
                for b in blocks.clone() {
                    let yb = &self.yp[b * d * bw..(b + 1) * d * bw];
                    for g in 0..groups {
                        let j0 = b * bw + g * w;
                        if j0 >= m {
                            break;
                        }
                        let mut acc = [zero; 4];
                        for (yk, &xk) in yb.chunks_exact(bw).zip(xr) {
                            let xv = T::splat_s(s, xk);
                            let (yv, _) = T::as_simd::<S>(&yk[g * w..g * w + w]);
                            acc[0] = self.op.step(s, acc[0], xv, yv[0]);
                            acc[1] = self.op.step(s, acc[1], xv, yv[1]);
                            acc[2] = self.op.step(s, acc[2], xv, yv[2]);
                            acc[3] = self.op.step(s, acc[3], xv, yv[3]);
                        }
                        let (nyv, _) = T::as_simd::<S>(&self.ny2[j0..j0 + w]);
                        for q in 0..4 {
                            acc[q] = self.op.finish(s, acc[q], nxi, nyv[q]);
                        }
                        self.out.write_run::<S>(i, j0, (m - j0).min(w), &acc);
                    }
                }
            }
        }
        self.out.fence();
    }
}
