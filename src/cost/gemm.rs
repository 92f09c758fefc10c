//! The matmul path for squared Euclidean, Euclidean and cosine at larger d:
//! `|x_i − y_j|² = |x_i|² + |y_j|² − 2<x_i, y_j>` and `1 − <x_i, y_j>/(|x_i||y_j|)`, with the
//! inner products from faer's matmul written straight into the output.
//!
//! Rounding: the matmul form has an absolute error up to about `(2d+4)·ε·(|x_i|²+|y_j|²)`
//! (cosine: `(2d+4)·ε`), which would leave tiny non-zero values (or clamp to 0 wrongly) near
//! coincident points. Every entry at or below that bound is recomputed by the direct form,
//! with the direct kernel's arithmetic: duplicated points get exactly 0, and small distances
//! keep their relative accuracy. Only those few entries cost O(d) more.
//!
//! Rows of x are split into fixed chunks of [`ROWS`], each running a sequential matmul, so
//! the result does not depend on the thread count. Cost O(n·m·d) in matmul, plus O(n·m).

use super::ops::{pair, Cos, SqEuclid};
use super::out::Out;
use crate::par::for_each_chunk;
use crate::{MatMut, MatRef, Par, Real};
use faer::linalg::matmul::matmul;
use faer::Accum;
use pulp::Simd;
use std::any::TypeId;

/// Rows of x per parallel chunk (fixed, so results do not depend on the thread count).
pub(super) const ROWS: usize = 256;
/// Columns of a tile: matmul then finish, while the tile (ROWS × COLS) is in cache.
const COLS: usize = 1024;

/// What the matmul path computes.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Form {
    /// `|x − y|²`.
    SqEuclidean,
    /// `|x − y|`.
    Euclidean,
    /// `1 − cos`.
    Cosine,
}

/// The matmul path's inputs and its workspace-resident norms.
pub(super) struct Gemm<'a, T> {
    pub form: Form,
    pub x: MatRef<'a, T>,
    pub y: MatRef<'a, T>,
    /// |x_i|².
    pub nx2: &'a [T],
    /// |y_j|².
    pub ny2: &'a [T],
    /// 1/|x_i| (0 for a zero vector; cosine only).
    pub rx: &'a [T],
    /// 1/|y_j| (0 for a zero vector; cosine only).
    pub ry: &'a [T],
    pub out: Out<T>,
    pub par: Par,
}

/// `dst ← alpha·lhs·rhs` with faer's sequential matmul, for `T` = f32 or f64.
pub(crate) fn gemm<T: Real>(dst: MatMut<'_, T>, lhs: MatRef<'_, T>, rhs: MatRef<'_, T>, alpha: T) {
    macro_rules! as_type {
        ($u:ty) => {{
            // SAFETY: `T` is `$u` (same TypeId, both 'static), so these are the same views
            // with the same geometry, merely retyped.
            let (dst, lhs, rhs) = unsafe {
                (
                    MatMut::from_raw_parts_mut(
                        dst.as_ptr_mut() as *mut $u,
                        dst.nrows(),
                        dst.ncols(),
                        dst.row_stride(),
                        dst.col_stride(),
                    ),
                    MatRef::from_raw_parts(
                        lhs.as_ptr() as *const $u,
                        lhs.nrows(),
                        lhs.ncols(),
                        lhs.row_stride(),
                        lhs.col_stride(),
                    ),
                    MatRef::from_raw_parts(
                        rhs.as_ptr() as *const $u,
                        rhs.nrows(),
                        rhs.ncols(),
                        rhs.row_stride(),
                        rhs.col_stride(),
                    ),
                )
            };
            matmul(
                dst,
                Accum::Replace,
                lhs,
                rhs,
                alpha.to_f64() as $u,
                Par::Seq,
            )
        }};
    }
    if TypeId::of::<T>() == TypeId::of::<f64>() {
        as_type!(f64)
    } else if TypeId::of::<T>() == TypeId::of::<f32>() {
        as_type!(f32)
    } else {
        unreachable!("Real is implemented for f32 and f64 only")
    }
}

impl<T: Real> pulp::WithSimd for Gemm<'_, T> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) {
        let this = &self;
        let n = self.x.nrows();
        let m = self.y.nrows();
        for_each_chunk(self.par, n.div_ceil(ROWS), move |c| {
            let (i0, i1) = (c * ROWS, n.min(c * ROWS + ROWS));
            let alpha = match this.form {
                Form::Cosine => T::ONE,
                _ => -(T::ONE + T::ONE),
            };
            // Column tiles small enough to stay in cache between matmul and the finish pass.
            for j0 in (0..m).step_by(COLS) {
                let j1 = m.min(j0 + COLS);
                gemm(
                    this.out.rows(i0, i1).subcols_mut(j0, j1 - j0),
                    this.x.subrows(i0, i1 - i0),
                    this.y.subrows(j0, j1 - j0).transpose(),
                    alpha,
                );
                s.vectorize(
                    #[inline(always)]
                    || {
                        for i in i0..i1 {
                            this.finish_row(s, i, j0, j1);
                        }
                    },
                )
            }
        });
    }
}

impl<T: Real> Gemm<'_, T> {
    /// Rounding bound factor `(2d + 4)·ε`.
    fn bound(&self) -> T {
        T::from_f64((2 * self.x.ncols() + 4) as f64) * T::EPSILON
    }

    /// Entry (i, j) from its matmul value `g` (`−2<x,y>`, or `<x,y>` for cosine), by the
    /// scalar rule: kept when above the rounding bound, else recomputed directly.
    #[inline(always)]
    fn entry<S: Simd>(&self, s: S, i: usize, j: usize, g: T) -> T {
        let xy = || (0..self.x.ncols()).map(|k| (self.x[(i, k)], self.y[(j, k)]));
        let bound = self.bound();
        match self.form {
            Form::Cosine => {
                let v = (T::ONE - g * self.rx[i] * self.ry[j])
                    .max(T::ZERO)
                    .min(T::ONE + T::ONE);
                if v > bound && self.rx[i] != T::ZERO {
                    v
                } else {
                    pair(s, Cos, xy(), self.nx2[i], self.ny2[j])
                }
            }
            _ => {
                let nxy = self.nx2[i] + self.ny2[j];
                let v = nxy + g;
                let v = if v > bound * nxy {
                    v
                } else {
                    pair(s, SqEuclid, xy(), T::ZERO, T::ZERO)
                };
                if self.form == Form::Euclidean {
                    v.sqrt()
                } else {
                    v
                }
            }
        }
    }

    /// Turns `(i, j0..j1)` of the output from matmul values into costs.
    #[inline(always)]
    fn finish_row<S: Simd>(&self, s: S, i: usize, j0: usize, j1: usize) {
        if let Some(row) = self.out.row_slice(i) {
            let (head, tail) = T::as_mut_simd::<S>(&mut row[j0..j1]);
            let nh = head.len() * T::lanes::<S>();
            self.finish_vectors(s, i, j0, head);
            for (t, v) in tail.iter_mut().enumerate() {
                *v = self.entry(s, i, j0 + nh + t, *v);
            }
        } else {
            for j in j0..j1 {
                self.out.set(i, j, self.entry(s, i, j, self.out.get(i, j)));
            }
        }
    }

    /// The vectorised part of a contiguous row: whole vectors whose lanes are all safely
    /// above the bound are finished lane-parallel (same arithmetic as [`Self::entry`]); any
    /// other vector goes lane by lane through [`Self::entry`].
    #[inline(always)]
    fn finish_vectors<S: Simd>(&self, s: S, i: usize, j0: usize, head: &mut [T::Vector<S>]) {
        let l = T::lanes::<S>();
        let bound = T::splat_s(s, self.bound());
        let two = T::splat_s(s, T::ONE + T::ONE);
        let zero = T::splat_s(s, T::ZERO);
        let one = T::splat_s(s, T::ONE);
        let scalar = |v: &mut T::Vector<S>, jv: usize| {
            let vals = bytemuck::cast_slice_mut::<T::Vector<S>, T>(std::slice::from_mut(v));
            for (t, g) in vals.iter_mut().enumerate() {
                *g = self.entry(s, i, jv + t, *g);
            }
        };
        match self.form {
            Form::Cosine => {
                if self.rx[i] == T::ZERO {
                    for (q, v) in head.iter_mut().enumerate() {
                        scalar(v, j0 + q * l);
                    }
                    return;
                }
                let rxi = T::splat_s(s, self.rx[i]);
                let (ry, _) = T::as_simd::<S>(&self.ry[j0..j0 + head.len() * l]);
                for (q, (v, &ryv)) in head.iter_mut().zip(ry).enumerate() {
                    let c = T::sub_s(s, one, T::mul_s(s, T::mul_s(s, *v, rxi), ryv));
                    let c = T::min_s(s, T::max_s(s, c, zero), two);
                    if T::reduce_min_s(s, T::sub_s(s, c, bound)) > T::ZERO {
                        *v = c;
                    } else {
                        scalar(v, j0 + q * l);
                    }
                }
            }
            form => {
                let nxi = T::splat_s(s, self.nx2[i]);
                let (ny, _) = T::as_simd::<S>(&self.ny2[j0..j0 + head.len() * l]);
                for (q, (v, &nyv)) in head.iter_mut().zip(ny).enumerate() {
                    let nxy = T::add_s(s, nxi, nyv);
                    let c = T::add_s(s, nxy, *v);
                    let slack = T::sub_s(s, c, T::mul_s(s, bound, nxy));
                    if T::reduce_min_s(s, slack) > T::ZERO {
                        *v = if form == Form::Euclidean {
                            T::sqrt_s(s, c)
                        } else {
                            c
                        };
                    } else {
                        scalar(v, j0 + q * l);
                    }
                }
            }
        }
    }
}

/// `1/sqrt(n2)` for each squared norm, 0 for a zero vector.
pub(super) fn inverse_norms<T: Real>(n2: &[T], dst: &mut [T]) {
    for (r, &v) in dst.iter_mut().zip(n2) {
        *r = if v > T::ZERO {
            T::ONE / v.sqrt()
        } else {
            T::ZERO
        };
    }
}
