//! Costs between two point clouds computed on demand, a segment of a row at a time, for
//! solvers that never form the n×m matrix (the network simplex's pricing from coordinates).
//!
//! The points are packed once: x row-major (point i at `xp[i·d..(i+1)·d]`) and y
//! coordinate-major with a padded stride (coordinate k of point j at `yt[k·stride + j]`), so
//! that a run of consecutive points of y is a run of SIMD vectors for every coordinate. The
//! arithmetic is the metric's [`Op`] of the cost-matrix kernels, in the same order
//! (`finish(Σ_k step(x_ik, y_jk))`): a cost computed here has the bits of the entry the
//! direct route of [`super::cost_matrix`] writes. Memory `(n + m + 16)·d` values.

use super::metric::Metric;
use super::ops::{pair, with_op, Op, OpFn};
use crate::workspace::vec_req;
use crate::{bail, MatRef, Real, Result, StackReq};
use pulp::Simd;

/// Most costs [`PackedClouds::fill`] computes at once (a multiple of every SIMD width).
pub(crate) const CHUNK: usize = 128;

/// Padding of each coordinate row of the packed y: reads of whole vectors past the last
/// point stay inside the row (at most 8 lanes of f64).
const PAD: usize = 8;

/// Stride of the packed y for m points: room for m values and a vector of padding.
pub(crate) fn packed_stride(m: usize) -> usize {
    m.div_ceil(PAD).saturating_add(1).saturating_mul(PAD)
}

/// Workspace of the packed clouds of n and m points in dimension d (an overflowing size
/// gives a request whose `layout()` fails).
pub(crate) fn packed_clouds_req(n: usize, m: usize, d: usize) -> StackReq {
    match (n.checked_mul(d), packed_stride(m).checked_mul(d)) {
        (Some(nd), Some(md)) => StackReq::all_of(&[vec_req::<f64>(nd), vec_req::<f64>(md)]),
        _ => StackReq::OVERFLOW,
    }
}

/// Copies the rows `rows` of x (any strides) into `xp`, row-major.
pub(crate) fn pack_points(x: MatRef<'_, f64>, rows: &[usize], xp: &mut [f64]) {
    let d = x.ncols();
    for (dst, &i) in xp.chunks_exact_mut(d).zip(rows) {
        for (k, v) in dst.iter_mut().enumerate() {
            *v = x[(i, k)];
        }
    }
}

/// Copies the rows `cols` of y (any strides) into `yt` coordinate-major with stride
/// [`packed_stride`]`(cols.len())` (`yt` zero-filled, its padding left at zero).
pub(crate) fn pack_points_transposed(y: MatRef<'_, f64>, cols: &[usize], yt: &mut [f64]) {
    let stride = packed_stride(cols.len());
    for (k, dst) in yt.chunks_exact_mut(stride).enumerate() {
        for (v, &j) in dst.iter_mut().zip(cols) {
            *v = y[(j, k)];
        }
    }
}

/// Two packed clouds and a metric (squared Euclidean, Euclidean or Minkowski; normalized).
#[derive(Clone, Copy)]
pub(crate) struct PackedClouds<'a> {
    xp: &'a [f64],
    yt: &'a [f64],
    d: usize,
    m: usize,
    stride: usize,
    metric: Metric,
}

impl<'a> PackedClouds<'a> {
    /// Wraps x packed by [`pack_points`] and y (m points) by [`pack_points_transposed`].
    pub fn new(xp: &'a [f64], yt: &'a [f64], d: usize, m: usize, metric: Metric) -> Self {
        debug_assert!(metric != Metric::Cosine && d > 0);
        PackedClouds {
            xp,
            yt,
            d,
            m,
            stride: packed_stride(m),
            metric: metric.normalized(),
        }
    }

    /// The cost between point i of x and point j of y. O(d).
    #[inline]
    pub fn at(&self, i: usize, j: usize) -> f64 {
        let xi = &self.xp[i * self.d..(i + 1) * self.d];
        let yj = (0..self.d).map(|k| self.yt[k * self.stride + j]);
        point_cost(self.metric, xi.iter().copied().zip(yj))
    }

    /// Writes the costs between point i of x and points `j0 .. j0 + len` of y into
    /// `buf[..len]` (`len ≤ CHUNK`, `j0 + len ≤ m`), in SIMD lanes; `buf` past `len` gets
    /// the costs of padding points. O(len·d).
    #[inline]
    pub fn fill(&self, i: usize, j0: usize, len: usize, buf: &mut [f64; CHUNK]) {
        debug_assert!(len <= CHUNK && j0 + len <= self.m);
        with_op(
            self.metric,
            Fill {
                xi: &self.xp[i * self.d..(i + 1) * self.d],
                yt: &self.yt[j0..],
                stride: self.stride,
                len,
                buf,
            },
        )
    }
}

/// Checks two clouds for the on-the-fly costs: x (n×d) and y (m×d) with n, m, d ≥ 1, finite
/// coordinates small enough that no cost overflows, and a metric other than cosine; returns
/// an upper bound of every cost (the metric of the bounding box's extents). O((n + m)·d).
pub(crate) fn check_clouds(x: MatRef<'_, f64>, y: MatRef<'_, f64>, metric: Metric) -> Result<f64> {
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    if n == 0 || m == 0 || d == 0 || y.ncols() != d {
        bail!(
            InvalidDimension,
            "x is {n}x{d} and y is {m}x{}: sizes must be >= 1 and the dimensions equal",
            y.ncols()
        );
    }
    metric.validate()?;
    if metric == Metric::Cosine {
        bail!(
            InvalidArgument,
            "the cosine distance is not supported here: squared Euclidean, Euclidean or Minkowski"
        );
    }
    let largest = (super::check_points("x", x)?, super::check_points("y", y)?);
    super::check_range::<f64>(metric, d, largest.0, largest.1)?;
    let extent = |k: usize| {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for z in [x, y] {
            for i in 0..z.nrows() {
                (lo, hi) = (lo.min(z[(i, k)]), hi.max(z[(i, k)]));
            }
        }
        (hi - lo, 0.0)
    };
    Ok(point_cost(metric, (0..d).map(extent)))
}

/// The cost between two points given as `(x_k, y_k)` pairs, with the lane arithmetic of the
/// kernels (same bits as [`PackedClouds::fill`] and the cost matrix's direct route).
pub(crate) fn point_cost(metric: Metric, xy: impl Iterator<Item = (f64, f64)>) -> f64 {
    with_op(metric.normalized(), Pair { xy })
}

struct Pair<I> {
    xy: I,
}

impl<I: Iterator<Item = (f64, f64)>> OpFn<f64> for Pair<I> {
    type Output = f64;
    fn call<O: Op<f64>>(self, op: O) -> f64 {
        struct Run<O, I>(O, I);
        impl<O: Op<f64>, I: Iterator<Item = (f64, f64)>> pulp::WithSimd for Run<O, I> {
            type Output = f64;
            #[inline(always)]
            fn with_simd<S: Simd>(self, s: S) -> f64 {
                pair(s, self.0, self.1, 0.0, 0.0)
            }
        }
        pulp::Arch::new().dispatch(Run(op, self.xy))
    }
}

/// [`PackedClouds::fill`]'s kernel: one pass over the buffer per coordinate.
struct Fill<'a> {
    xi: &'a [f64],
    /// The packed y from the first point wanted on.
    yt: &'a [f64],
    stride: usize,
    len: usize,
    buf: &'a mut [f64; CHUNK],
}

impl OpFn<f64> for Fill<'_> {
    type Output = ();
    fn call<O: Op<f64>>(self, op: O) {
        struct Run<'a, O>(O, Fill<'a>);
        impl<O: Op<f64>> pulp::WithSimd for Run<'_, O> {
            type Output = ();
            #[inline(always)]
            fn with_simd<S: Simd>(self, s: S) {
                let Run(op, f) = self;
                let lanes = <f64 as crate::Real>::lanes::<S>();
                let len = f.len.div_ceil(lanes) * lanes;
                let zero = <f64 as crate::Real>::splat_s(s, 0.0);
                let (acc, _) = <f64 as crate::Real>::as_mut_simd::<S>(&mut f.buf[..len]);
                acc.fill(zero);
                for (k, &xk) in f.xi.iter().enumerate() {
                    let xv = <f64 as crate::Real>::splat_s(s, xk);
                    let row = &f.yt[k * f.stride..k * f.stride + len];
                    let (yv, _) = <f64 as crate::Real>::as_simd::<S>(row);
                    for (a, &y) in acc.iter_mut().zip(yv) {
                        *a = op.step(s, *a, xv, y);
                    }
                }
                for a in acc.iter_mut() {
                    *a = op.finish(s, *a, 0.0, zero);
                }
            }
        }
        pulp::Arch::new().dispatch(Run(op, self))
    }
}

/// The common bounding box of two clouds x (n×d) and y (m×d), d ≤ 3: the lower and upper
/// corners (0 beyond d). O((n + m)·d).
pub(crate) fn bounding_box<T: Real>(x: MatRef<'_, T>, y: MatRef<'_, T>) -> ([f64; 3], [f64; 3]) {
    let (mut lo, mut hi) = ([0.0; 3], [0.0; 3]);
    for k in 0..x.ncols() {
        lo[k] = f64::INFINITY;
        hi[k] = f64::NEG_INFINITY;
        for c in [x, y] {
            for i in 0..c.nrows() {
                lo[k] = lo[k].min(c[(i, k)].to_f64());
                hi[k] = hi[k].max(c[(i, k)].to_f64());
            }
        }
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::cost_matrix;

    #[test]
    fn on_the_fly_costs_have_the_bits_of_the_cost_matrix() {
        let (n, m, d) = (7, 300, 3);
        let x = faer::Mat::from_fn(n, d, |i, k| ((i * 7 + k * 3) % 11) as f64 * 0.37 - 1.0);
        let y = faer::Mat::from_fn(m, d, |j, k| ((j * 5 + k) % 13) as f64 * 0.21 - 0.5);
        let rows: Vec<usize> = (0..n).collect();
        let cols: Vec<usize> = (0..m).collect();
        let mut xp = vec![0.0; n * d];
        let mut yt = vec![0.0; packed_stride(m) * d];
        pack_points(x.as_ref(), &rows, &mut xp);
        pack_points_transposed(y.as_ref(), &cols, &mut yt);
        for metric in [
            Metric::SqEuclidean,
            Metric::Euclidean,
            Metric::Minkowski(1.0),
            Metric::Minkowski(2.0),
            Metric::Minkowski(3.0),
            Metric::Minkowski(1.5),
        ] {
            let c = cost_matrix(x.as_ref(), y.as_ref(), metric, 1).unwrap();
            let clouds = PackedClouds::new(&xp, &yt, d, m, metric);
            let mut buf = [0.0; CHUNK];
            for i in 0..n {
                for j0 in [0usize, 1, 5, 127, 200, 299] {
                    let len = (m - j0).min(CHUNK);
                    clouds.fill(i, j0, len, &mut buf);
                    for q in 0..len {
                        assert_eq!(buf[q], c[(i, j0 + q)], "{metric:?} ({i}, {})", j0 + q);
                        assert_eq!(clouds.at(i, j0 + q), c[(i, j0 + q)]);
                    }
                }
            }
        }
    }
}
