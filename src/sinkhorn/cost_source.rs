//! Where the cost comes from: a dense strided matrix, or two point clouds whose squared
//! Euclidean cost is computed on the fly, one cache-sized segment at a time (memory
//! O((n + m)·d)). Both are seen as *lines*: line `l` holds the costs of one point of one side
//! against every point of the other; the row and column soft-min passes are then
//! [`lse::along`] (one log-sum-exp per line, lines in parallel) or [`lse::across`] (one per
//! position, positions in parallel chunks of `lse::ACROSS_WIDTH`).

use super::lse::{self, Running, ACROSS_ROWS, ACROSS_WIDTH, SEGMENT};
use crate::par::par_chunks;
use crate::workspace::{take, vec_req};
use crate::{MatRef, MemStack, Par, Real, StackReq};
use pulp::Simd;

/// Lines per parallel chunk of an along pass (fixed: results do not depend on the threads).
const LINES_CHUNK: usize = 16;

/// The cost of a Sinkhorn problem (n sources, m targets).
#[derive(Clone, Copy, Debug)]
pub enum Cost<'a, T> {
    /// A dense n×m matrix, any strides (row-major or column-major are the fast paths).
    Dense(MatRef<'a, T>),
    /// Squared Euclidean cost |x_i − y_j|² between the rows of `x` (n×d) and `y` (m×d),
    /// computed on the fly.
    SqEuclidean {
        /// Source points, one per row.
        x: MatRef<'a, T>,
        /// Target points, one per row.
        y: MatRef<'a, T>,
    },
}

impl<T: Real> Cost<'_, T> {
    /// (n, m).
    pub fn dims(&self) -> (usize, usize) {
        match self {
            Cost::Dense(c) => (c.nrows(), c.ncols()),
            Cost::SqEuclidean { x, y } => (x.nrows(), y.nrows()),
        }
    }
    /// Point dimension d (0 for a dense cost).
    pub fn point_dim(&self) -> usize {
        match self {
            Cost::Dense(_) => 0,
            Cost::SqEuclidean { x, .. } => x.ncols(),
        }
    }
}

/// Lines of costs, read one segment at a time.
pub trait Lines<T: Real>: Sync {
    /// Number of lines.
    fn n_lines(&self) -> usize;
    /// Length of every line.
    fn line_len(&self) -> usize;
    /// Costs of line `l` at positions `k0..k0 + len`: borrowed, or written into `buf`
    /// (`buf.len() ≥ len`).
    fn segment<'s, S: Simd>(
        &'s self,
        s: S,
        l: usize,
        k0: usize,
        len: usize,
        buf: &'s mut [T],
    ) -> &'s [T];
    /// Asks the memory system for the costs of line `l` at `k0..k0 + len`, soon to be read
    /// (nothing for lines that are computed rather than stored).
    #[inline(always)]
    fn prefetch(&self, _l: usize, _k0: usize, _len: usize) {}
}

/// Prefetches the cache lines of `x` into L2 (x86-64; nothing elsewhere).
#[inline(always)]
fn prefetch_l2<T>(x: &[T]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T1};
        let bytes = std::mem::size_of_val(x);
        let p = x.as_ptr().cast::<i8>();
        for off in (0..bytes).step_by(64) {
            // SAFETY: a prefetch never faults and reads nothing into the program; the
            // address is inside `x` (`off < bytes`), computed with wrapping arithmetic.
            unsafe { _mm_prefetch::<_MM_HINT_T1>(p.wrapping_add(off)) };
        }
    }
}

/// The rows of a dense matrix as lines (borrowed when rows are contiguous, gathered otherwise).
#[derive(Clone, Copy)]
pub struct DenseLines<'a, T> {
    c: MatRef<'a, T>,
}

impl<T: Real> Lines<T> for DenseLines<'_, T> {
    fn n_lines(&self) -> usize {
        self.c.nrows()
    }
    fn line_len(&self) -> usize {
        self.c.ncols()
    }
    #[inline(always)]
    fn segment<'s, S: Simd>(
        &'s self,
        _s: S,
        l: usize,
        k0: usize,
        len: usize,
        buf: &'s mut [T],
    ) -> &'s [T] {
        let row = self.c.row(l);
        if let Some(r) = row.try_as_row_major() {
            return &r.as_slice()[k0..k0 + len];
        }
        for (k, o) in buf[..len].iter_mut().enumerate() {
            *o = row[k0 + k];
        }
        &buf[..len]
    }
    #[inline(always)]
    fn prefetch(&self, l: usize, k0: usize, len: usize) {
        if let Some(r) = self.c.row(l).try_as_row_major() {
            prefetch_l2(&r.as_slice()[k0..k0 + len]);
        }
    }
}

/// Points of one side against the points of the other, both stored coordinate-major
/// (`x[t·n + i]` is coordinate t of point i): line i is |x_i − y_k|² over k.
#[derive(Clone, Copy)]
pub struct PointLines<'a, T> {
    x: &'a [T],
    y: &'a [T],
    d: usize,
}

impl<T: Real> PointLines<'_, T> {
    fn nx(&self) -> usize {
        self.x.len() / self.d
    }
    fn ny(&self) -> usize {
        self.y.len() / self.d
    }
}

impl<T: Real> Lines<T> for PointLines<'_, T> {
    fn n_lines(&self) -> usize {
        self.nx()
    }
    fn line_len(&self) -> usize {
        self.ny()
    }
    #[inline(always)]
    fn segment<'s, S: Simd>(
        &'s self,
        s: S,
        l: usize,
        k0: usize,
        len: usize,
        buf: &'s mut [T],
    ) -> &'s [T] {
        let (nx, ny) = (self.nx(), self.ny());
        let out = &mut buf[..len];
        out.fill(T::ZERO);
        for t in 0..self.d {
            let xt = self.x[t * nx + l];
            let xv = T::splat_s(s, xt);
            let yt = &self.y[t * ny + k0..t * ny + k0 + len];
            let (ov, ot) = T::as_mut_simd::<S>(out);
            let (yv, ytail) = T::as_simd::<S>(yt);
            for (o, &y) in ov.iter_mut().zip(yv) {
                let d = T::sub_s(s, y, xv);
                *o = T::mul_add_s(s, d, d, *o);
            }
            for (o, &y) in ot.iter_mut().zip(ytail) {
                let d = y - xt;
                *o += d * d;
            }
        }
        &buf[..len]
    }
}

/// `out[l] = log Σ_k exp(u_k + C[l][k]·nie)` for every line l. On entry `out[l]` is a hint
/// (the line's previous value): when finite, the line is summed in one pass with it as the
/// shift, and redone with its maximum only if [`lse::accepts`] rejects the sum.
pub fn lse_along<T: Real, L: Lines<T>>(lines: &L, u: &[T], nie: T, out: &mut [f64], par: Par) {
    struct Op<'a, T, L> {
        lines: &'a L,
        u: &'a [T],
        nie: T,
        l0: usize,
        out: &'a mut [f64],
    }
    impl<T: Real, L: Lines<T>> Op<'_, T, L> {
        /// The log-sum-exp of one line as a [`Running`] state: in one pass with the fixed
        /// shift `shift` (the state's `max`), or with the running maximum when `None`. (A
        /// method, not a closure: closures lose pulp's target features.)
        #[inline(always)]
        fn line<S: Simd>(&self, s: S, line: usize, buf: &mut [T], shift: Option<T>) -> Running<T> {
            let len = self.lines.line_len();
            let mut r = Running::new();
            if let Some(sh) = shift {
                r.max = sh;
            }
            let mut k0 = 0;
            while k0 < len {
                let w = SEGMENT.min(len - k0);
                let c = self.lines.segment(s, line, k0, w, buf);
                let u = &self.u[k0..k0 + w];
                match shift {
                    Some(sh) => lse::along_shifted(s, &mut r.sum, u, c, self.nie, sh),
                    None => lse::along(s, &mut r, u, c, self.nie),
                }
                k0 += w;
            }
            r
        }
    }
    impl<T: Real, L: Lines<T>> pulp::WithSimd for Op<'_, T, L> {
        type Output = ();
        #[inline(always)]
        fn with_simd<S: Simd>(self, s: S) {
            let len = self.lines.line_len();
            let mut buf = [T::ZERO; SEGMENT];
            for k in 0..self.out.len() {
                let line = self.l0 + k;
                let hint = T::from_f64(self.out[k]);
                let mut r = Running::new();
                if hint.is_finite() {
                    r = self.line(s, line, &mut buf, Some(hint));
                }
                if !hint.is_finite() || !lse::accepts(r.sum, len) {
                    r = self.line(s, line, &mut buf, None);
                }
                self.out[k] = r.value();
            }
        }
    }
    let arch = pulp::Arch::new();
    par_chunks(par, out, LINES_CHUNK, |c, o| {
        arch.dispatch(Op {
            lines,
            u,
            nie,
            l0: c * LINES_CHUNK,
            out: o,
        })
    });
}

/// `out[k] = log Σ_l exp(v_l + C[l][k]·nie)` for every position k. On entry `out` holds hints
/// as in [`lse_along`]: a chunk of columns whose hints are all finite is summed in one pass
/// with them as shifts, and redone with its maxima if [`lse::accepts`] rejects any sum.
pub fn lse_across<T: Real, L: Lines<T>>(lines: &L, v: &[T], nie: T, out: &mut [f64], par: Par) {
    struct Op<'a, T, L> {
        lines: &'a L,
        v: &'a [T],
        nie: T,
        k0: usize,
        out: &'a mut [f64],
    }
    impl<T: Real, L: Lines<T>> Op<'_, T, L> {
        /// Adds every tile of the chunk's columns to `sum`: with the fixed shifts `max` when
        /// `shifted`, else raising the running maxima `max` as it goes.
        #[inline(always)]
        fn tiles<S: Simd>(&self, s: S, max: &mut [T], sum: &mut [T], shifted: bool) {
            let w = self.out.len();
            let n = self.lines.n_lines();
            let mut buf = [T::ZERO; ACROSS_ROWS * ACROSS_WIDTH];
            let mut l0 = 0;
            while l0 < n {
                let r = ACROSS_ROWS.min(n - l0);
                let mut rows: [&[T]; ACROSS_ROWS] = [&[]; ACROSS_ROWS];
                for ((row, b), l) in rows
                    .iter_mut()
                    .zip(buf.chunks_mut(ACROSS_WIDTH))
                    .zip(l0..l0 + r)
                {
                    *row = self.lines.segment(s, l, self.k0, w, b);
                }
                let v = &self.v[l0..l0 + r];
                // The same lines of the next tile are requested one tile ahead (the chunk
                // reads short runs of many lines: the hardware prefetchers do not follow).
                let ahead = l0 + ACROSS_ROWS;
                if shifted {
                    for i in 0..r {
                        if ahead + i < n {
                            self.lines.prefetch(ahead + i, self.k0, w);
                        }
                        let (row, vi) = (&rows[i..i + 1], &v[i..i + 1]);
                        lse::across_shifted(s, max, sum, row, vi, self.nie);
                    }
                } else {
                    for l in (ahead..n).take(r) {
                        self.lines.prefetch(l, self.k0, w);
                    }
                    lse::across(s, max, sum, &rows[..r], v, self.nie);
                }
                l0 += r;
            }
        }
    }
    impl<T: Real, L: Lines<T>> pulp::WithSimd for Op<'_, T, L> {
        type Output = ();
        #[inline(always)]
        fn with_simd<S: Simd>(self, s: S) {
            let w = self.out.len();
            let n = self.lines.n_lines();
            let mut max = [-T::MAX; ACROSS_WIDTH];
            let mut sum = [T::ZERO; ACROSS_WIDTH];
            let (max, sum) = (&mut max[..w], &mut sum[..w]);
            for (m, &o) in max.iter_mut().zip(self.out.iter()) {
                *m = T::from_f64(o);
            }
            let hinted = max.iter().all(|m| m.is_finite());
            if hinted {
                self.tiles(s, max, sum, true);
            }
            if !hinted || !sum.iter().all(|&sm| lse::accepts(sm, n)) {
                max.fill(-T::MAX);
                sum.fill(T::ZERO);
                self.tiles(s, max, sum, false);
            }
            for ((o, &m), &sm) in self.out.iter_mut().zip(&*max).zip(&*sum) {
                *o = Running { max: m, sum: sm }.value();
            }
        }
    }
    let arch = pulp::Arch::new();
    par_chunks(par, out, ACROSS_WIDTH, |c, o| {
        arch.dispatch(Op {
            lines,
            v,
            nie,
            k0: c * ACROSS_WIDTH,
            out: o,
        })
    });
}

/// A cost prepared for the passes: which lines the memory layout offers, and how each
/// soft-min pass reads them.
#[derive(Clone, Copy)]
pub enum Source<'a, T> {
    /// Lines are the rows of C: rows by `along`, columns by `across`.
    Rows(DenseLines<'a, T>),
    /// Lines are the columns of C (column-major storage): rows by `across`, columns by `along`.
    Cols(DenseLines<'a, T>),
    /// Point clouds: both passes `along` (x against y, and y against x).
    Points(PointLines<'a, T>, PointLines<'a, T>),
}

impl<'a, T: Real> Source<'a, T> {
    /// A dense cost: column-major storage reads columns as lines, anything else rows.
    pub fn dense(c: MatRef<'a, T>) -> Self {
        if c.col_stride() != 1 && c.row_stride() == 1 {
            Source::Cols(DenseLines { c: c.transpose() })
        } else {
            Source::Rows(DenseLines { c })
        }
    }
    /// Point clouds stored coordinate-major: `xt` (d·n), `yt` (d·m).
    pub fn points(xt: &'a [T], yt: &'a [T], d: usize) -> Self {
        Source::Points(
            PointLines { x: xt, y: yt, d },
            PointLines { x: yt, y: xt, d },
        )
    }

    /// Costs C_ij of row i at columns `k0..k0 + len`: borrowed, or written into `buf`
    /// (`buf.len() ≥ len`; gathered with strides for column-major storage).
    #[inline(always)]
    pub fn row_segment<'s, S: Simd>(
        &'s self,
        s: S,
        i: usize,
        k0: usize,
        len: usize,
        buf: &'s mut [T],
    ) -> &'s [T] {
        match self {
            Source::Rows(l) => l.segment(s, i, k0, len, buf),
            Source::Points(xy, _) => xy.segment(s, i, k0, len, buf),
            Source::Cols(l) => {
                for (k, o) in buf[..len].iter_mut().enumerate() {
                    *o = l.c[(k0 + k, i)];
                }
                &buf[..len]
            }
        }
    }

    /// out_i = log Σ_j exp(u_j − C_ij/ε) (`nie = −1/ε`), i < n.
    pub fn rows_lse(&self, u: &[T], nie: T, out: &mut [f64], par: Par) {
        match self {
            Source::Rows(l) => lse_along(l, u, nie, out, par),
            Source::Cols(l) => lse_across(l, u, nie, out, par),
            Source::Points(xy, _) => lse_along(xy, u, nie, out, par),
        }
    }

    /// out_j = log Σ_i exp(v_i − C_ij/ε), j < m.
    pub fn cols_lse(&self, v: &[T], nie: T, out: &mut [f64], par: Par) {
        match self {
            Source::Rows(l) => lse_across(l, v, nie, out, par),
            Source::Cols(l) => lse_along(l, v, nie, out, par),
            Source::Points(_, yx) => lse_along(yx, v, nie, out, par),
        }
    }
}

/// Workspace of [`with_source`]: coordinate-major copies of the point clouds (d·(n + m)),
/// then the log-weights of both sides (f64) and their scaled potentials (`T`), n + m each.
pub fn source_scratch<T: Real>(n: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<T>(d.saturating_mul(n)),
        vec_req::<T>(d.saturating_mul(m)),
        vec_req::<f64>(n),
        vec_req::<f64>(m),
        vec_req::<T>(n),
        vec_req::<T>(m),
    ])
}

/// A prepared problem: the cost's [`Source`], the log-weights `la` (n), `lb` (m), and
/// buffers `v` (n), `u` (m) for scaled potentials, `xt`, `yt` the coordinate-major sources
/// (d·n) and targets (d·m; both empty for a dense cost).
pub struct Prepared<'s, T> {
    /// The cost, ready for the passes.
    pub src: Source<'s, T>,
    /// log a.
    pub la: &'s [f64],
    /// log b.
    pub lb: &'s [f64],
    /// Row-side scaled potentials f/ε + log a.
    pub v: &'s mut [T],
    /// Column-side scaled potentials g/ε + log b.
    pub u: &'s mut [T],
    /// Source points, coordinate-major.
    pub xt: &'s [T],
    /// Target points, coordinate-major.
    pub yt: &'s [T],
}

/// Builds the [`Prepared`] form of a problem from `stack` (workspace [`source_scratch`]) and
/// runs `body` with it and the rest of the stack.
pub fn with_source<T: Real, R>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    stack: &mut MemStack,
    body: impl FnOnce(Prepared<'_, T>, &mut MemStack) -> R,
) -> R {
    let (n, m) = cost.dims();
    let d = cost.point_dim();
    let (mut xt, stack) = take(stack, d * n, T::ZERO);
    let (mut yt, stack) = take(stack, d * m, T::ZERO);
    let (mut la, stack) = take(stack, n, 0.0f64);
    let (mut lb, stack) = take(stack, m, 0.0f64);
    let (mut v, stack) = take(stack, n, T::ZERO);
    let (mut u, stack) = take(stack, m, T::ZERO);
    for (l, &w) in la.iter_mut().zip(a) {
        *l = w.to_f64().ln();
    }
    for (l, &w) in lb.iter_mut().zip(b) {
        *l = w.to_f64().ln();
    }
    let src = match cost {
        Cost::Dense(c) => Source::dense(c),
        Cost::SqEuclidean { x, y } => {
            transpose_points(x, &mut xt);
            transpose_points(y, &mut yt);
            Source::points(&xt, &yt, d)
        }
    };
    let p = Prepared {
        src,
        la: &la,
        lb: &lb,
        v: &mut v,
        u: &mut u,
        xt: &xt,
        yt: &yt,
    };
    body(p, stack)
}

/// Copies the rows of `x` (n×d) coordinate-major into `out` (d·n).
fn transpose_points<T: Real>(x: MatRef<'_, T>, out: &mut [T]) {
    let n = x.nrows();
    for t in 0..x.ncols() {
        for i in 0..n {
            out[t * n + i] = x[(i, t)];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sinkhorn::lse::reference;

    /// Row and column log-sum-exps of a dense cost, for the given hints in `out`, in f64 and
    /// f32, against the scalar reference: any hint (exact, far above or below, non-finite)
    /// gives the same values to rounding.
    #[test]
    fn hints_change_the_passes_not_their_values() {
        let (n, m) = (37, 300);
        let c = faer::Mat::<f64>::from_fn(n, m, |i, j| ((i * 7 + j * 13) % 101) as f64 / 50.0);
        let u: Vec<f64> = (0..m).map(|j| (j % 17) as f64 * 0.3 - 2.0).collect();
        let mut v: Vec<f64> = (0..n).map(|i| (i % 5) as f64 * 0.7).collect();
        v[3] = f64::NEG_INFINITY;
        let eps = 0.004;
        let rows_want: Vec<f64> = (0..n)
            .map(|i| reference::lse(&u, &(0..m).map(|j| c[(i, j)]).collect::<Vec<_>>(), eps))
            .collect();
        let cols_want: Vec<f64> = (0..m)
            .map(|j| reference::lse(&v, &(0..n).map(|i| c[(i, j)]).collect::<Vec<_>>(), eps))
            .collect();
        let c32 = faer::Mat::<f32>::from_fn(n, m, |i, j| c[(i, j)] as f32);
        let (u32_, v32): (Vec<f32>, Vec<f32>) = (
            u.iter().map(|&x| x as f32).collect(),
            v.iter().map(|&x| x as f32).collect(),
        );
        for hint in [0.0, 1.0, 900.0, -900.0, 1e30, f64::NAN, f64::NEG_INFINITY] {
            for (rows_first, want) in [(true, &rows_want), (false, &cols_want)] {
                let len = want.len();
                let mut out = vec![hint; len];
                let src = Source::dense(c.as_ref());
                let nie = -1.0 / eps;
                if rows_first {
                    src.rows_lse(&u, nie, &mut out, Par::Seq);
                } else {
                    src.cols_lse(&v, nie, &mut out, Par::Seq);
                }
                // Exact hints: the previous values, as in the solver.
                let mut again = out.clone();
                if rows_first {
                    src.rows_lse(&u, nie, &mut again, Par::Seq);
                } else {
                    src.cols_lse(&v, nie, &mut again, Par::Seq);
                }
                let mut out32 = vec![hint; len];
                let src32 = Source::dense(c32.as_ref());
                if rows_first {
                    src32.rows_lse(&u32_, nie as f32, &mut out32, Par::Seq);
                } else {
                    src32.cols_lse(&v32, nie as f32, &mut out32, Par::Seq);
                }
                for k in 0..len {
                    let tol = 1e-12 * want[k].abs().max(1.0);
                    assert!(
                        (out[k] - want[k]).abs() <= tol,
                        "hint {hint}: {} vs {}",
                        out[k],
                        want[k]
                    );
                    assert!(
                        (again[k] - want[k]).abs() <= tol,
                        "{} vs {}",
                        again[k],
                        want[k]
                    );
                    let tol32 = 2e-5 * want[k].abs().max(1.0);
                    assert!(
                        (out32[k] - want[k]).abs() <= tol32,
                        "f32 hint {hint}: {} vs {}",
                        out32[k],
                        want[k]
                    );
                }
            }
        }
    }
}
