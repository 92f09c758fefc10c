//! Cost matrices between point clouds: `C[i, j] = c(x_i, y_j)` for the rows `x_i` of x (n×d)
//! and `y_j` of y (m×d), written into an n×m view. See [`Metric`] for the costs.
//!
//! Three levels: [`cost_matrix_scratch`] (workspace), [`cost_matrix_in_place`] (the kernel,
//! allocation-free, what the C ABI calls) and [`cost_matrix`] (allocates the result).
//!
//! Two routes, chosen from the metric and d only:
//! * the direct kernel (every metric, d < [`matmul_min_dim`] for the matmul-able ones): x and y
//!   are packed into contiguous tiles, the SIMD inner loop runs over 4·lanes points of y at
//!   once; O(n·m·d) operations, output written once, row by row;
//! * the matmul path (squared Euclidean, Euclidean, cosine at d ≥ [`matmul_min_dim`]): faer's
//!   matmul computes the inner products straight into the output, then a pass turns them
//!   into costs (clamped at 0) and recomputes directly the few entries within rounding of 0,
//!   so duplicated points give exactly 0.
//!
//! Rows are split into fixed chunks for the threads: the output is bitwise the same for every
//! thread count. An output with unit row stride (column-major) is filled as the transpose of
//! `cost(y, x)` (every metric is symmetric), so the writes stay contiguous.

pub(crate) mod clouds;
mod direct;
pub(crate) mod gemm;
mod metric;
mod ops;
mod out;
mod pack;

pub use metric::Metric;

use crate::par::with_threads;
use crate::product_buffer::{self, exceeds_small_product};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatMut, MatRef, MemStack, Par, Real, Result, StackReq};
use faer::Mat;
use gemm::Form;
use ops::{sq_norm, Op, OpFn};
use out::Out;
use pulp::Simd;

/// From this dimension on, squared Euclidean, Euclidean and cosine go through matmul
/// (measured with `benches/cost_matrix.rs`).
const GEMM_MIN_D: usize = 16;

/// The dimension d from which squared Euclidean, Euclidean and cosine take the matmul route.
pub const fn matmul_min_dim() -> usize {
    GEMM_MIN_D
}

/// Output size from which the direct kernel writes contiguous rows with non-temporal stores
/// (no read-for-ownership of the written lines): 16 MiB, beyond the last-level cache. On the
/// quiet 2-core machine (`cargo bench --bench cost_matrix -- ratios`, n = m = 4000, d = 2,
/// f64) they write 0.73–0.74 of the best buffer fill's bandwidth on one thread and 0.92–1.10
/// on two, against 0.51–0.52 and 0.71–0.76 with normal stores.
const STREAM_MIN_BYTES: Option<usize> = Some(16 << 20);

/// Whether [`cost_matrix_in_place`] writes an n×m output of `T` with non-temporal stores
/// (when its rows are contiguous and the route is direct). For benchmarks.
#[doc(hidden)]
pub fn stream_by_size<T>(n: usize, m: usize) -> bool {
    let bytes = n.saturating_mul(m).saturating_mul(std::mem::size_of::<T>());
    STREAM_MIN_BYTES.is_some_and(|min| bytes >= min)
}

/// Route of a (normalized) metric at dimension d.
#[derive(Clone, Copy)]
enum Route {
    Direct,
    Gemm(Form),
}

fn route(metric: Metric, d: usize) -> Route {
    if d < GEMM_MIN_D {
        return Route::Direct;
    }
    match metric.normalized() {
        Metric::SqEuclidean => Route::Gemm(Form::SqEuclidean),
        Metric::Euclidean => Route::Gemm(Form::Euclidean),
        Metric::Cosine => Route::Gemm(Form::Cosine),
        Metric::Minkowski(_) => Route::Direct,
    }
}

/// Workspace of one orientation (x has n points, y has m).
fn oriented_req<T: Real>(n: usize, m: usize, d: usize, metric: Metric) -> StackReq {
    match route(metric, d) {
        Route::Gemm(form) => {
            let inv = if form == Form::Cosine { 1 } else { 0 };
            StackReq::all_of(&[
                vec_req::<T>(n),
                vec_req::<T>(m),
                vec_req::<T>(n * inv),
                vec_req::<T>(m * inv),
            ])
        }
        Route::Direct => {
            let mp = pack::padded::<T>(m);
            match (n.checked_mul(d), mp.checked_mul(d)) {
                (Some(nd), Some(md)) => StackReq::all_of(&[
                    vec_req::<T>(nd),
                    vec_req::<T>(md),
                    vec_req::<T>(n),
                    vec_req::<T>(mp),
                ]),
                _ => StackReq::OVERFLOW,
            }
        }
    }
}

/// Workspace of [`cost_matrix_in_place`] for x n×d, y m×d and `metric`, scalar `T`.
///
/// Direct route: about `(n + m)·(d + 1)` values of `T` (packed copies of the points);
/// matmul route: `2(n + m)` values (norms). An overflowing size gives a request whose
/// `layout()` fails (reported as an error by the kernel and the C size query).
pub fn cost_matrix_scratch<T: Real>(n: usize, m: usize, d: usize, metric: Metric) -> StackReq {
    StackReq::any_of(&[
        oriented_req::<T>(n, m, d, metric),
        oriented_req::<T>(m, n, d, metric),
    ])
}

/// Checks that every coordinate of `x` is finite; returns the largest magnitude.
fn check_points<T: Real>(what: &str, x: MatRef<'_, T>) -> Result<f64> {
    let mut largest = 0.0f64;
    for k in 0..x.ncols() {
        for i in 0..x.nrows() {
            let v = x[(i, k)];
            if !v.is_finite() {
                bail!(
                    NonFinite,
                    "{what}[({i}, {k})] is {v:?}, not a finite number"
                );
            }
            largest = largest.max(v.abs().to_f64());
        }
    }
    Ok(largest)
}

/// Refuses coordinates so large that a cost, or the squares and powers it is computed
/// from, could overflow T: d·(max|x| + max|y|)^e must stay below T's largest value, with
/// e = max(p, 2) for Minkowski and 2 otherwise (the sums of squares and the products of norms
/// of the other metrics).
fn check_range<T: Real>(metric: Metric, d: usize, x_largest: f64, y_largest: f64) -> Result<()> {
    let power = match metric {
        Metric::Minkowski(p) => p.max(2.0),
        _ => 2.0,
    };
    let bound = d as f64 * (x_largest + y_largest).powf(power);
    if bound.is_nan() || bound >= T::MAX.to_f64() {
        bail!(
            InvalidArgument,
            "coordinates up to {:e} (x) and {:e} (y) in d = {d}: the costs could overflow {} (d·(max|x| + max|y|)^{power} = {bound:e}); rescale the points",
            x_largest,
            y_largest,
            T::NAME
        );
    }
    Ok(())
}

/// Fills `out` (n×m, any strides with distinct elements) with `C[i, j] = metric(x_i, y_j)`
/// for x (n×d) and y (m×d), both with any strides. Takes its temporaries from `stack`
/// (at least [`cost_matrix_scratch`]) and never allocates; runs on `par`, with a result that
/// is bitwise the same for every thread count. O(n·m·d) time.
///
/// Errors, with `out` untouched: zero sizes, d or output shape mismatch
/// (`InvalidDimension`), a non-finite coordinate (`NonFinite`), a Minkowski `p < 1` or not
/// finite, or coordinates so large that the costs could overflow (`InvalidArgument`), an output with a zero stride (`InvalidStride`), a workspace
/// too small (`WorkspaceTooSmall`).
pub fn cost_matrix_in_place<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    out: MatMut<'_, T>,
    metric: Metric,
    par: Par,
    stack: &mut MemStack,
) -> Result<()> {
    let stream = stream_by_size::<T>(x.nrows(), y.nrows());
    cost_matrix_in_place_stores(x, y, out, metric, par, stack, stream)
}

/// [`cost_matrix_in_place`] with the kind of stores chosen by the caller instead of by the
/// output size: `stream = true` writes the contiguous output rows of the direct route with
/// non-temporal stores (x86_64 only; elsewhere, and for strided rows, normal stores). The
/// values are the same either way. For tests and benchmarks (A/B of the two store kinds).
#[doc(hidden)]
pub fn cost_matrix_in_place_stores<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    out: MatMut<'_, T>,
    metric: Metric,
    par: Par,
    stack: &mut MemStack,
    stream: bool,
) -> Result<()> {
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    if n == 0 || m == 0 || d == 0 {
        bail!(
            InvalidDimension,
            "x is {n}x{d} and y is {m}x{}: every size must be >= 1",
            y.ncols()
        );
    }
    if y.ncols() != d {
        bail!(
            InvalidDimension,
            "x has d = {d} coordinates per point but y has {}",
            y.ncols()
        );
    }
    if out.nrows() != n || out.ncols() != m {
        bail!(
            InvalidDimension,
            "output is {}x{}, expected {n}x{m} (points of x by points of y)",
            out.nrows(),
            out.ncols()
        );
    }
    if (n > 1 && out.row_stride() == 0) || (m > 1 && out.col_stride() == 0) {
        bail!(InvalidStride, "output has a zero stride");
    }
    metric.validate()?;
    let x_largest = check_points("x", x)?;
    let y_largest = check_points("y", y)?;
    check_range::<T>(metric, d, x_largest, y_largest)?;
    check_stack(stack, cost_matrix_scratch::<T>(n, m, d, metric))?;
    let metric = metric.normalized();
    let products = matches!(route(metric, d), Route::Gemm(_)) && exceeds_small_product(n, m, d);
    product_buffer::ensure_if(products, par)?;
    if out.col_stride() != 1 && out.row_stride() == 1 {
        // Column-major output: fill its transpose, cost(y, x), row by row.
        run(y, x, out.transpose_mut(), metric, par, stack, stream);
    } else {
        run(x, y, out, metric, par, stack, stream);
    }
    Ok(())
}

/// Allocates and returns the n×m cost matrix between the rows of x (n×d) and y (m×d), on
/// `num_threads` threads (0 = library default, 1 = the calling thread). See
/// [`cost_matrix_in_place`] for the errors. O(n·m·d) time, O(n·m) memory.
pub fn cost_matrix<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    metric: Metric,
    num_threads: usize,
) -> Result<Mat<T>> {
    let mut out = Mat::from_fn(x.nrows(), y.nrows(), |_, _| T::ZERO);
    let req = cost_matrix_scratch::<T>(x.nrows(), y.nrows(), x.ncols(), metric);
    with_stack(req, |stack| {
        with_threads(num_threads, |par| {
            cost_matrix_in_place(x, y, out.as_mut(), metric, par, stack)
        })
    })???;
    Ok(out)
}

/// Squared norms of the rows of `x` with the lane arithmetic of the kernels.
struct Norms<'a, T> {
    x: MatRef<'a, T>,
    dst: &'a mut [T],
}

impl<T: Real> pulp::WithSimd for Norms<'_, T> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: Simd>(self, s: S) {
        let x = self.x;
        for (i, v) in self.dst.iter_mut().enumerate() {
            *v = sq_norm(s, (0..x.ncols()).map(|k| x[(i, k)]));
        }
    }
}

fn norms<T: Real>(x: MatRef<'_, T>, dst: &mut [T]) {
    pulp::Arch::new().dispatch(Norms { x, dst })
}

/// Runs the direct kernel with the op of the metric.
struct DirectRun<'a, T> {
    xp: &'a [T],
    yp: &'a [T],
    nx2: &'a [T],
    ny2: &'a [T],
    n: usize,
    m: usize,
    d: usize,
    out: Out<T>,
    par: Par,
}

impl<T: Real> OpFn<T> for DirectRun<'_, T> {
    type Output = ();
    fn call<O: Op<T>>(self, op: O) {
        pulp::Arch::new().dispatch(direct::Direct {
            op,
            xp: self.xp,
            yp: self.yp,
            nx2: self.nx2,
            ny2: self.ny2,
            n: self.n,
            m: self.m,
            d: self.d,
            out: self.out,
            par: self.par,
        })
    }
}

/// The checked kernel: `out` (n×m) from x (n×d), y (m×d), a normalized metric. The direct
/// route writes contiguous output rows with non-temporal stores when `stream` is true.
fn run<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    mut out: MatMut<'_, T>,
    metric: Metric,
    par: Par,
    stack: &mut MemStack,
    stream: bool,
) {
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    let o = Out::new(&mut out);
    match route(metric, d) {
        Route::Gemm(form) => {
            let inv = if form == Form::Cosine { 1 } else { 0 };
            let (mut nx2, stack) = take(stack, n, T::ZERO);
            let (mut ny2, stack) = take(stack, m, T::ZERO);
            let (mut rx, stack) = take(stack, n * inv, T::ZERO);
            let (mut ry, _) = take(stack, m * inv, T::ZERO);
            norms(x, &mut nx2);
            norms(y, &mut ny2);
            gemm::inverse_norms(&nx2, &mut rx);
            gemm::inverse_norms(&ny2, &mut ry);
            pulp::Arch::new().dispatch(gemm::Gemm {
                form,
                x,
                y,
                nx2: &nx2,
                ny2: &ny2,
                rx: &rx,
                ry: &ry,
                out: o,
                par,
            });
        }
        Route::Direct => {
            let mp = pack::padded::<T>(m);
            let (mut xp, stack) = take(stack, n * d, T::ZERO);
            let (mut yp, stack) = take(stack, mp * d, T::ZERO);
            let (mut nx2, stack) = take(stack, n, T::ZERO);
            let (mut ny2, _) = take(stack, mp, T::ZERO);
            pack::pack_rows(x, &mut xp);
            pack::pack_cols(y, &mut yp);
            if metric == Metric::Cosine {
                norms(x, &mut nx2);
                norms(y, &mut ny2[..m]);
            }
            ops::with_op(
                metric,
                DirectRun {
                    xp: &xp,
                    yp: &yp,
                    nx2: &nx2,
                    ny2: &ny2,
                    n,
                    m,
                    d,
                    out: o.streaming(stream),
                    par,
                },
            );
        }
    }
}
