//! Cost matrices against naive f64 loops, on every layout the views allow, both routes
//! (direct and matmul), f32 error bounds, exact zeros, thread-count invariance and errors.

use faer::{Mat, MatMut, MatRef};
use otcore::cost::{
    cost_matrix, cost_matrix_in_place, cost_matrix_in_place_stores, cost_matrix_scratch,
    matmul_min_dim, Metric,
};
use otcore::{ErrorKind, Par, Real};

const METRICS: [Metric; 7] = [
    Metric::SqEuclidean,
    Metric::Euclidean,
    Metric::Minkowski(1.0),
    Metric::Minkowski(2.0),
    Metric::Minkowski(3.0),
    Metric::Minkowski(3.5),
    Metric::Cosine,
];

/// Odd sizes (n, m, d): SIMD tails, one or several row chunks, both routes.
const SIZES: [(usize, usize, usize); 10] = [
    (1, 1, 1),
    (3, 7, 2),
    (17, 33, 3),
    (33, 17, 7),
    (7, 3, 17),
    (17, 33, 33),
    (70, 65, 16),
    (5, 130, 15),
    (40, 70, 128),
    (3, 1100, 20),
];

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }
}

/// n×d points in [-1, 1) shifted by `offset`, with rows of `y` copied into some rows.
fn points(n: usize, d: usize, seed: u64, offset: f64) -> Mat<f64> {
    let mut r = Lcg(seed);
    Mat::from_fn(n, d, |_, _| r.next() + offset)
}

/// The naive cost in f64, straight from the definitions.
fn naive(x: &[f64], y: &[f64], metric: Metric) -> f64 {
    let diff = || x.iter().zip(y).map(|(a, b)| a - b);
    match metric {
        Metric::SqEuclidean => diff().map(|t| t * t).sum(),
        Metric::Euclidean => diff().map(|t| t * t).sum::<f64>().sqrt(),
        Metric::Minkowski(p) => diff().map(|t| t.abs().powf(p)).sum::<f64>().powf(1.0 / p),
        Metric::Cosine => {
            let dot: f64 = x.iter().zip(y).map(|(a, b)| a * b).sum();
            let nx = x.iter().map(|a| a * a).sum::<f64>().sqrt();
            let ny = y.iter().map(|a| a * a).sum::<f64>().sqrt();
            match (nx == 0.0, ny == 0.0) {
                (true, true) => 0.0,
                (true, false) | (false, true) => 1.0,
                _ => (1.0 - dot / (nx * ny)).clamp(0.0, 2.0),
            }
        }
    }
}

fn row<T: Real>(x: MatRef<'_, T>, i: usize) -> Vec<f64> {
    (0..x.ncols()).map(|k| x[(i, k)].to_f64()).collect()
}

/// Checks `c` against the naive cost of the f64 values of x and y with the error model of
/// the route: `tol` scales `ε_T·(d+4)` by `|x|²+|y|²` (squared forms), by the cost itself
/// (Minkowski), or absolutely (cosine).
fn check<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    c: MatRef<'_, T>,
    metric: Metric,
    what: &str,
) {
    let d = x.ncols();
    let eps = T::EPSILON.to_f64() * (d + 4) as f64 * 4.0;
    for i in 0..x.nrows() {
        let xi = row(x, i);
        let nx2: f64 = xi.iter().map(|a| a * a).sum();
        for j in 0..y.nrows() {
            let yj = row(y, j);
            let ny2: f64 = yj.iter().map(|a| a * a).sum();
            let want = naive(&xi, &yj, metric);
            let got = c[(i, j)].to_f64();
            let ok = match metric {
                Metric::SqEuclidean => (got - want).abs() <= eps * (nx2 + ny2),
                Metric::Euclidean => (got * got - want * want).abs() <= eps * (nx2 + ny2),
                Metric::Minkowski(2.0) => (got * got - want * want).abs() <= eps * (nx2 + ny2),
                Metric::Minkowski(_) => (got - want).abs() <= eps * 4.0 * want,
                Metric::Cosine => (got - want).abs() <= eps,
            };
            assert!(
                ok,
                "{what} {metric:?} {}: C[{i}, {j}] = {got:e}, naive {want:e}, diff {:e}",
                T::NAME,
                got - want
            );
        }
    }
}

/// Copies of `a` (n×d) in the layouts under test: column-major, row-major (transposed
/// storage), padded strides, and reversed rows (negative stride; data stored reversed).
type Layout<T> = (&'static str, Vec<T>, Box<dyn Fn(&[T]) -> MatRef<'_, T>>);

fn layouts<T: Real>(a: MatRef<'_, f64>) -> Vec<Layout<T>> {
    let (n, d) = (a.nrows(), a.ncols());
    let v = |i: usize, k: usize| T::from_f64(a[(i, k)]);
    let col: Vec<T> = (0..d).flat_map(|k| (0..n).map(move |i| v(i, k))).collect();
    let rowm: Vec<T> = (0..n).flat_map(|i| (0..d).map(move |k| v(i, k))).collect();
    // Row-major with a row stride of d + 3.
    let rs = d + 3;
    let mut pad = vec![T::from_f64(f64::NAN); n * rs];
    for i in 0..n {
        for k in 0..d {
            pad[i * rs + k] = v(i, k);
        }
    }
    // Column-major, rows stored bottom-up: viewed with reverse_rows it is `a` again.
    let rev: Vec<T> = (0..d)
        .flat_map(|k| (0..n).rev().map(move |i| v(i, k)))
        .collect();
    vec![
        (
            "column-major",
            col,
            Box::new(move |s: &[T]| MatRef::from_column_major_slice(s, n, d)),
        ),
        (
            "row-major",
            rowm,
            Box::new(move |s: &[T]| MatRef::from_row_major_slice(s, n, d)),
        ),
        (
            "padded",
            pad,
            Box::new(move |s: &[T]| MatRef::from_row_major_slice_with_stride(s, n, d, rs)),
        ),
        (
            "reversed",
            rev,
            Box::new(move |s: &[T]| MatRef::from_column_major_slice(s, n, d).reverse_rows()),
        ),
    ]
}

fn stack_for<T: Real>(
    n: usize,
    m: usize,
    d: usize,
    metric: Metric,
) -> Vec<std::mem::MaybeUninit<u8>> {
    let req = cost_matrix_scratch::<T>(n, m, d, metric);
    vec![std::mem::MaybeUninit::uninit(); otcore::workspace::bytes_for(req).unwrap()]
}

/// Every metric, size, input layout pair and output layout, against the naive loops.
fn every_layout<T: Real>() {
    for (si, &(n, m, d)) in SIZES.iter().enumerate() {
        let x = points(n, d, 11 + si as u64, 0.3);
        let y = points(m, d, 101 + si as u64, -0.2);
        let xl = layouts::<T>(x.as_ref());
        let yl = layouts::<T>(y.as_ref());
        for (k, (xn, xs, xv)) in xl.iter().enumerate() {
            // Pair each x layout with two y layouts to keep the test short.
            for (yn, ys, yv) in [&yl[k], &yl[(k + 1) % yl.len()]].map(|t| (t.0, &t.1, &t.2)) {
                let (xr, yr) = (xv(xs), yv(ys));
                for metric in METRICS {
                    let mut buf = stack_for::<T>(n, m, d, metric);
                    // Output layouts: column-major, row-major, padded and reversed columns.
                    let mut cm = Mat::from_fn(n, m, |_, _| T::from_f64(-7.0));
                    let mut rm = Mat::from_fn(m, n, |_, _| T::from_f64(-7.0));
                    let mut big = Mat::from_fn(n + 3, m + 2, |_, _| T::from_f64(-7.0));
                    let mut rv = Mat::from_fn(n, m, |_, _| T::from_f64(-7.0));
                    let outs: [(&str, MatMut<'_, T>); 4] = [
                        ("col-major out", cm.as_mut()),
                        ("row-major out", rm.as_mut().transpose_mut()),
                        ("padded out", big.as_mut().submatrix_mut(1, 1, n, m)),
                        ("reversed out", rv.as_mut().reverse_cols_mut()),
                    ];
                    for (on, mut out) in outs {
                        let stack = otcore::MemStack::new(&mut buf);
                        cost_matrix_in_place(xr, yr, out.as_mut(), metric, Par::Seq, stack)
                            .unwrap();
                        check(
                            xr,
                            yr,
                            out.as_ref(),
                            metric,
                            &format!("{n}x{m}x{d} x {xn}, y {yn}, {on}"),
                        );
                    }
                    // The padding around the padded output is untouched.
                    for i in 0..n + 3 {
                        for j in 0..m + 2 {
                            if i == 0 || j == 0 || i > n || j > m {
                                assert_eq!(big[(i, j)], T::from_f64(-7.0));
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn every_metric_and_layout_matches_naive_loops_f64() {
    every_layout::<f64>();
}

#[test]
fn every_metric_and_layout_matches_naive_loops_f32() {
    every_layout::<f32>();
}

#[test]
fn both_routes_are_exercised_and_agree() {
    // Squared Euclidean at d just below and at the crossover: direct vs matmul.
    for d in [
        matmul_min_dim() - 1,
        matmul_min_dim(),
        2 * matmul_min_dim() + 1,
    ] {
        let x = points(37, d, 5, 0.0);
        let y = points(29, d, 6, 0.5);
        for metric in [Metric::SqEuclidean, Metric::Euclidean, Metric::Cosine] {
            let c = cost_matrix(x.as_ref(), y.as_ref(), metric, 1).unwrap();
            check(
                x.as_ref(),
                y.as_ref(),
                c.as_ref(),
                metric,
                &format!("d = {d}"),
            );
            // Minkowski(2) never takes the matmul route: it must agree within rounding.
            if metric == Metric::Euclidean {
                let e = cost_matrix(x.as_ref(), y.as_ref(), Metric::Minkowski(2.0), 1).unwrap();
                let l2 =
                    cost_matrix(x.as_ref(), y.as_ref(), Metric::Minkowski(2.000001), 1).unwrap();
                for i in 0..37 {
                    for j in 0..29 {
                        assert!((e[(i, j)] - c[(i, j)]).abs() <= 1e-13 * (1.0 + c[(i, j)]));
                        assert!((l2[(i, j)] - c[(i, j)]).abs() <= 1e-5 * c[(i, j)]);
                    }
                }
            }
        }
    }
}

/// Duplicated points give exactly 0 on every route and precision, with large offsets that
/// make the matmul form cancel badly.
fn exact_zeros<T: Real>() {
    for d in [2, 7, matmul_min_dim(), 64] {
        let y = points(40, d, 9, 1000.0);
        let mut x = points(23, d, 10, 1000.0);
        for (i, j) in [(0, 3), (5, 5), (22, 39), (11, 0)] {
            for k in 0..d {
                x[(i, k)] = y[(j, k)];
            }
        }
        let xt = Mat::from_fn(23, d, |i, k| T::from_f64(x[(i, k)]));
        let yt = Mat::from_fn(40, d, |j, k| T::from_f64(y[(j, k)]));
        for metric in METRICS {
            let c = cost_matrix(xt.as_ref(), yt.as_ref(), metric, 1).unwrap();
            for (i, j) in [(0, 3), (5, 5), (22, 39), (11, 0)] {
                assert_eq!(
                    c[(i, j)],
                    T::ZERO,
                    "{metric:?} d = {d} {}: C[{i}, {j}]",
                    T::NAME
                );
            }
            let min = (0..23)
                .flat_map(|i| (0..40).map(move |j| (i, j)))
                .filter(|&(i, j)| ![(0, 3), (5, 5), (22, 39), (11, 0)].contains(&(i, j)))
                .map(|(i, j)| c[(i, j)])
                .fold(T::INFINITY, T::min);
            // (Cosine excepted: these far-off points are nearly parallel, within rounding.)
            assert!(
                metric == Metric::Cosine || min > T::ZERO,
                "{metric:?} d = {d}: distinct points have a positive cost"
            );
        }
    }
}

#[test]
fn duplicated_points_cost_exactly_zero_f64() {
    exact_zeros::<f64>();
}

#[test]
fn duplicated_points_cost_exactly_zero_f32() {
    exact_zeros::<f32>();
}

#[test]
fn cosine_convention_for_zero_vectors() {
    for d in [3, 40] {
        let mut x = points(4, d, 1, 0.0);
        let mut y = points(5, d, 2, 0.0);
        for k in 0..d {
            x[(1, k)] = 0.0;
            y[(2, k)] = 0.0;
        }
        let c = cost_matrix(x.as_ref(), y.as_ref(), Metric::Cosine, 1).unwrap();
        assert_eq!(c[(1, 2)], 0.0, "both zero");
        for j in [0, 1, 3, 4] {
            assert_eq!(c[(1, j)], 1.0, "x zero");
        }
        for i in [0, 2, 3] {
            assert_eq!(c[(i, 2)], 1.0, "y zero");
        }
        // Opposite vectors: distance 2; parallel vectors with different lengths: 0.
        let y2 = Mat::from_fn(2, d, |j, k| {
            if j == 0 {
                -3.0 * x[(0, k)]
            } else {
                0.5 * x[(0, k)]
            }
        });
        let c2 = cost_matrix(x.as_ref(), y2.as_ref(), Metric::Cosine, 1).unwrap();
        assert!((c2[(0, 0)] - 2.0).abs() < 1e-14 && c2[(0, 0)] <= 2.0);
        assert!(c2[(0, 1)].abs() < 1e-14 && c2[(0, 1)] >= 0.0);
    }
}

#[test]
fn thread_counts_give_bitwise_identical_output() {
    for (n, m, d) in [(150, 97, 3), (300, 1030, 40), (130, 70, 5)] {
        let x = points(n, d, 3, 0.1);
        let y = points(m, d, 4, 0.0);
        for metric in METRICS {
            let one = cost_matrix(x.as_ref(), y.as_ref(), metric, 1).unwrap();
            for k in [2, 3] {
                let many = cost_matrix(x.as_ref(), y.as_ref(), metric, k).unwrap();
                assert!(
                    (0..n).all(|i| (0..m).all(|j| one[(i, j)].to_bits() == many[(i, j)].to_bits())),
                    "{metric:?} {n}x{m}x{d}: {k} threads differ from 1"
                );
            }
        }
    }
}

/// Where element (i, j) of an output lies in its buffer.
type Index = Box<dyn Fn(usize, usize) -> usize>;

/// An n×m row-major view with row stride `st` (faer 0.24.4's
/// `from_row_major_slice_with_stride_mut` builds a column-major view instead).
fn row_major<T>(s: &mut [T], n: usize, m: usize, st: usize) -> MatMut<'_, T> {
    MatMut::from_column_major_slice_with_stride_mut(s, m, n, st).transpose_mut()
}

/// The non-temporal store path writes the same bits as normal stores, on row-major outputs at
/// every alignment (element offsets 0..4 in the buffer, row strides m and m + 1), column-major
/// (filled as a transposed row-major) and strided outputs (normal stores), on 1 and 2 threads,
/// touching nothing around the output; duplicated points stay exactly 0.
fn streaming_stores<T: Real>() {
    let guard = T::from_f64(-7.0);
    for (n, m, d) in [(19, 37, 2), (5, 67, 3), (33, 9, 7), (1, 1, 1)] {
        let mut x = points(n, d, 21, 0.2);
        let y = points(m, d, 22, 0.0);
        for k in 0..d {
            x[(n - 1, k)] = y[(m / 2, k)];
        }
        let xt = Mat::from_fn(n, d, |i, k| T::from_f64(x[(i, k)]));
        let yt = Mat::from_fn(m, d, |j, k| T::from_f64(y[(j, k)]));
        for metric in METRICS {
            let mut buf = stack_for::<T>(n, m, d, metric);
            let want = cost_matrix(xt.as_ref(), yt.as_ref(), metric, 1).unwrap();
            assert_eq!(
                want[(n - 1, m / 2)],
                T::ZERO,
                "{metric:?}: duplicated point"
            );
            // (offset, layout, stride) of outputs inside a guarded buffer: row-major with row
            // stride `st`, column-major with column stride `st` (written as its transpose,
            // row-major), row-major with reversed columns (column stride -1: not streamed).
            let mut shapes = vec![];
            for off in 0..4 {
                shapes.push((off, "row-major", m));
                shapes.push((off, "row-major", m + 1));
                shapes.push((off, "col-major", n + off));
            }
            shapes.push((1, "reversed", m + 2));
            for (off, layout, st) in shapes {
                let len = off + n * st.max(m) + m * st.max(n) + 2;
                for stream in [false, true] {
                    for threads in [1, 2] {
                        let mut storage = vec![guard; len];
                        let (idx, out): (Index, MatMut<'_, T>) = match layout {
                            "row-major" => (
                                Box::new(move |i, j| off + i * st + j),
                                row_major(&mut storage[off..], n, m, st),
                            ),
                            "col-major" => (
                                Box::new(move |i, j| off + j * st + i),
                                MatMut::from_column_major_slice_with_stride_mut(
                                    &mut storage[off..],
                                    n,
                                    m,
                                    st,
                                ),
                            ),
                            _ => (
                                Box::new(move |i, j| off + i * st + (m - 1 - j)),
                                row_major(&mut storage[off..], n, m, st).reverse_cols_mut(),
                            ),
                        };
                        otcore::par::with_threads(threads, |par| {
                            cost_matrix_in_place_stores(
                                xt.as_ref(),
                                yt.as_ref(),
                                out,
                                metric,
                                par,
                                otcore::MemStack::new(&mut buf),
                                stream,
                            )
                        })
                        .unwrap()
                        .unwrap();
                        let what = format!(
                            "{metric:?} {} {n}x{m}x{d} {layout} offset {off} stride {st} \
                             stream {stream} threads {threads}",
                            T::NAME
                        );
                        let mut inside = vec![false; len];
                        for i in 0..n {
                            for j in 0..m {
                                let at = idx(i, j);
                                inside[at] = true;
                                assert_eq!(
                                    storage[at].to_f64().to_bits(),
                                    want[(i, j)].to_f64().to_bits(),
                                    "{what}: C[{i}, {j}]"
                                );
                            }
                        }
                        for (at, v) in storage.iter().enumerate() {
                            assert!(inside[at] || *v == guard, "{what}: wrote [{at}]");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn streaming_stores_write_the_same_bits_f64() {
    streaming_stores::<f64>();
}

#[test]
fn streaming_stores_write_the_same_bits_f32() {
    streaming_stores::<f32>();
}

#[test]
fn bad_input_is_rejected_and_output_untouched() {
    let x = points(4, 3, 1, 0.0);
    let y = points(5, 3, 2, 0.0);
    let y2 = points(5, 2, 2, 0.0);
    let mut bad = x.clone();
    bad[(2, 1)] = f64::NAN;
    let mut inf = y.clone();
    inf[(4, 0)] = f64::INFINITY;
    let empty = Mat::<f64>::zeros(0, 3);
    let sentinel = -123.25;
    let mut buf = stack_for::<f64>(5, 5, 3, Metric::Cosine);
    type Case<'a> = (
        &'a str,
        MatRef<'a, f64>,
        MatRef<'a, f64>,
        (usize, usize),
        Metric,
        ErrorKind,
    );
    let cases: Vec<Case<'_>> = vec![
        (
            "d mismatch",
            x.as_ref(),
            y2.as_ref(),
            (4, 5),
            Metric::SqEuclidean,
            ErrorKind::InvalidDimension,
        ),
        (
            "empty x",
            empty.as_ref(),
            y.as_ref(),
            (0, 5),
            Metric::SqEuclidean,
            ErrorKind::InvalidDimension,
        ),
        (
            "output shape",
            x.as_ref(),
            y.as_ref(),
            (5, 4),
            Metric::SqEuclidean,
            ErrorKind::InvalidDimension,
        ),
        (
            "NaN",
            bad.as_ref(),
            y.as_ref(),
            (4, 5),
            Metric::Euclidean,
            ErrorKind::NonFinite,
        ),
        (
            "Inf",
            x.as_ref(),
            inf.as_ref(),
            (4, 5),
            Metric::Cosine,
            ErrorKind::NonFinite,
        ),
        (
            "p < 1",
            x.as_ref(),
            y.as_ref(),
            (4, 5),
            Metric::Minkowski(0.5),
            ErrorKind::InvalidArgument,
        ),
        (
            "p NaN",
            x.as_ref(),
            y.as_ref(),
            (4, 5),
            Metric::Minkowski(f64::NAN),
            ErrorKind::InvalidArgument,
        ),
    ];
    for (what, xr, yr, (r, c), metric, kind) in cases {
        let mut out = Mat::from_fn(r, c, |_, _| sentinel);
        let stack = otcore::MemStack::new(&mut buf);
        let e = cost_matrix_in_place(xr, yr, out.as_mut(), metric, Par::Seq, stack).unwrap_err();
        assert_eq!(e.kind, kind, "{what}: {e}");
        assert!(!e.message.is_empty());
        assert!(
            (0..r).all(|i| (0..c).all(|j| out[(i, j)] == sentinel)),
            "{what}: output written"
        );
    }
    // Workspace too small.
    let mut small = vec![std::mem::MaybeUninit::<u8>::uninit(); 16];
    let mut out = Mat::from_fn(4, 5, |_, _| sentinel);
    let e = cost_matrix_in_place(
        x.as_ref(),
        y.as_ref(),
        out.as_mut(),
        Metric::SqEuclidean,
        Par::Seq,
        otcore::MemStack::new(&mut small),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::WorkspaceTooSmall);
    assert!((0..4).all(|i| (0..5).all(|j| out[(i, j)] == sentinel)));
    assert!(cost_matrix(x.as_ref(), y2.as_ref(), Metric::Cosine, 1).is_err());
}

/// Coordinates whose costs (or the squares and powers they come from) would overflow are
/// refused, never turned into infinite costs; the same points scaled down are fine.
#[test]
fn coordinates_whose_costs_would_overflow_are_refused() {
    for metric in METRICS {
        let x = Mat::from_fn(2, 3, |i, k| (i + k) as f64 * 1e160);
        let y = Mat::from_fn(2, 3, |i, k| (i * k) as f64 * -1e160);
        let e = cost_matrix(x.as_ref(), y.as_ref(), metric, 1).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidArgument, "{metric:?}");
        assert!(e.message.contains("could overflow f64"), "{}", e.message);
        let small = Mat::from_fn(2, 3, |i, k| x[(i, k)] * 1e-150);
        assert!(
            cost_matrix(small.as_ref(), y.as_ref(), metric, 1).is_err(),
            "y is still huge"
        );
        let ys = Mat::from_fn(2, 3, |i, k| y[(i, k)] * 1e-150);
        let c = cost_matrix(small.as_ref(), ys.as_ref(), metric, 1).unwrap();
        assert!(
            c.col_iter().all(|col| col.iter().all(|v| v.is_finite())),
            "{metric:?}"
        );
    }
}
