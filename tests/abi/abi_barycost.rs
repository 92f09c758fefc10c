//! The C ABI of the cost-matrix and barycenter families (`otc_cost_matrix_*`,
//! `otc_barycenter_*`, `otc_convolutional_barycenter_*`) against a hostile caller: NULL
//! pointers, zero and huge sizes, bad strides, aliasing of every output (the outputs struct
//! included), struct sizes, thread counts, non-finite inputs; each case checks the status,
//! the message (which names the argument) and that the outputs are untouched. The values of
//! the C entry points are checked against the Rust API (whose own tests check the numbers).

use crate::abi_support;
use abi_support::*;

use faer::Mat;
use otcore::barycenter::{barycenter, convolutional_barycenter, BarycenterParams};
use otcore::cost::{cost_matrix, Metric};
use otcore::ffi::barycenter::*;
use otcore::ffi::boundary::last_error_message;
use otcore::ffi::cost::*;
use otcore::ffi::shape::otc_workspace;
use otcore::ffi::status::*;
use otcore::ffi::view::*;
use std::mem::size_of;
use std::ptr::{null, null_mut};

/// Asserts the status and that the thread's message is `function: ...needle...`.
fn expect(status: otc_status, want: otc_status, function: &str, needle: &str, what: &str) {
    let msg = last_error_message();
    assert_eq!(status, want, "{what}: {msg}");
    assert!(
        msg.starts_with(&format!("{function}: ")) && msg.contains(needle),
        "{what}: message {msg:?} lacks {needle:?}"
    );
}

/// Deterministic values in [0, 1).
fn lcg(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

mod cost {
    use super::*;

    fn opts(metric: i32, p: f64, threads: u32) -> otc_cost_matrix_options {
        let mut o = std::mem::MaybeUninit::<otc_cost_matrix_options>::uninit();
        // SAFETY: a writable struct.
        assert_eq!(
            unsafe { otc_cost_matrix_options_default(o.as_mut_ptr()) },
            OTC_OK
        );
        // SAFETY: initialised by the call above.
        let mut o = unsafe { o.assume_init() };
        assert_eq!(o.struct_size, size_of::<otc_cost_matrix_options>());
        assert_eq!(
            (o.num_threads, o.metric, o.p),
            (0, OTC_METRIC_SQEUCLIDEAN, 2.0)
        );
        o.metric = metric;
        o.p = p;
        o.num_threads = threads;
        o
    }

    fn problem(x: otc_matrix_f64, y: otc_matrix_f64) -> otc_cost_matrix_problem_f64 {
        otc_cost_matrix_problem_f64 {
            struct_size: size_of::<otc_cost_matrix_problem_f64>(),
            x,
            y,
        }
    }

    fn outputs(cost: otc_matrix_mut_f64) -> otc_cost_matrix_outputs_f64 {
        otc_cost_matrix_outputs_f64 {
            struct_size: size_of::<otc_cost_matrix_outputs_f64>(),
            report: Default::default(),
            cost,
        }
    }

    #[test]
    fn row_and_column_major_inputs_give_the_rust_result_in_both_precisions() {
        let (n, m, d) = (9, 13, 5);
        let x = Mat::from_fn(n, d, |i, k| lcg(n * d, 21)[i * d + k]);
        let y = Mat::from_fn(m, d, |j, k| lcg(m * d, 22)[j * d + k]);
        let xr: Vec<f64> = (0..n * d).map(|t| x[(t / d, t % d)]).collect();
        let yc: Vec<f64> = (0..m * d).map(|t| y[(t % m, t / m)]).collect();
        let yv = otc_matrix_f64 {
            data: yc.as_ptr(),
            rows: m,
            cols: d,
            row_stride: 1,
            col_stride: m as isize,
        };
        for (metric, code, p) in [
            (Metric::SqEuclidean, OTC_METRIC_SQEUCLIDEAN, 2.0),
            (Metric::Euclidean, OTC_METRIC_EUCLIDEAN, 2.0),
            (Metric::Minkowski(1.5), OTC_METRIC_MINKOWSKI, 1.5),
            (Metric::Cosine, OTC_METRIC_COSINE, 2.0),
        ] {
            let want = cost_matrix(x.as_ref(), y.as_ref(), metric, 1).unwrap();
            for threads in [1, 2] {
                let o = opts(code, p, threads);
                let pr = problem(view(&xr, n, d), yv);
                let mut bytes = 0usize;
                // SAFETY: valid structs and out-param.
                let st = unsafe { otc_cost_matrix_workspace_size_f64(&pr, &o, &mut bytes) };
                assert_eq!(st, OTC_OK);
                let mut work = vec![0u8; bytes + 1];
                let mut c = vec![0.0; n * m];
                let mut out = outputs(view_mut(&mut c, n, m));
                // A misaligned caller workspace of exactly the bytes asked.
                let w = otc_workspace {
                    data: work[1..].as_mut_ptr().cast(),
                    bytes,
                };
                // SAFETY: views describe live buffers.
                let st = unsafe { otc_cost_matrix_f64(&pr, &mut out, &o, w) };
                assert_eq!(st, OTC_OK, "{}", last_error_message());
                assert_eq!(out.report.status, OTC_OK);
                assert_eq!((out.report.iterations, out.report.error), (0, 0.0));
                for i in 0..n {
                    for j in 0..m {
                        assert_eq!(c[i * m + j], want[(i, j)], "{metric:?} ({i}, {j})");
                    }
                }
            }
            // f32 with a column-major output, the library's workspace.
            let x32: Vec<f32> = xr.iter().map(|&v| v as f32).collect();
            let y32: Vec<f32> = yc.iter().map(|&v| v as f32).collect();
            let mut c32 = vec![0f32; n * m];
            let p32 = otc_cost_matrix_problem_f32 {
                struct_size: size_of::<otc_cost_matrix_problem_f32>(),
                x: otc_matrix_f32 {
                    data: x32.as_ptr(),
                    rows: n,
                    cols: d,
                    row_stride: d as isize,
                    col_stride: 1,
                },
                y: otc_matrix_f32 {
                    data: y32.as_ptr(),
                    rows: m,
                    cols: d,
                    row_stride: 1,
                    col_stride: m as isize,
                },
            };
            let mut o32 = otc_cost_matrix_outputs_f32 {
                struct_size: size_of::<otc_cost_matrix_outputs_f32>(),
                report: Default::default(),
                cost: otc_matrix_mut_f32 {
                    data: c32.as_mut_ptr(),
                    rows: n,
                    cols: m,
                    row_stride: 1,
                    col_stride: n as isize,
                },
            };
            let o = opts(code, p, 0);
            let mut bytes = 0usize;
            // SAFETY: valid structs and out-param.
            let st = unsafe { otc_cost_matrix_workspace_size_f32(&p32, &o, &mut bytes) };
            assert_eq!(st, OTC_OK);
            assert!(bytes > 0);
            // SAFETY: views describe live buffers.
            let st = unsafe { otc_cost_matrix_f32(&p32, &mut o32, &o, NO_WORK) };
            assert_eq!(st, OTC_OK, "{}", last_error_message());
            let x32m = Mat::from_fn(n, d, |i, k| x32[i * d + k]);
            let y32m = Mat::from_fn(m, d, |j, k| y32[j + k * m]);
            let want32 = cost_matrix(x32m.as_ref(), y32m.as_ref(), metric, 1).unwrap();
            for i in 0..n {
                for j in 0..m {
                    assert_eq!(c32[i + j * n], want32[(i, j)], "{metric:?} f32 ({i}, {j})");
                }
            }
        }
    }

    #[test]
    fn bad_input_gets_its_status_and_message_and_leaves_the_outputs_untouched() {
        let (n, m, d) = (4, 5, 3);
        let x: Vec<f64> = (0..n * d).map(|v| v as f64 * 0.1).collect();
        let y: Vec<f64> = (0..m * d).map(|v| 1.0 - v as f64 * 0.07).collect();
        let mut nan = x.clone();
        nan[4] = f64::NAN;
        let mut inf = y.clone();
        inf[14] = f64::NEG_INFINITY;
        let sentinel = -999.5;
        let good = opts(OTC_METRIC_SQEUCLIDEAN, 2.0, 1);
        let mut c = vec![sentinel; n * m + 64];
        let cp = c.as_mut_ptr();
        let (xv, yv) = (view(&x, n, d), view(&y, m, d));
        let ov = otc_matrix_mut_f64 {
            data: cp,
            rows: n,
            cols: m,
            row_stride: m as isize,
            col_stride: 1,
        };
        let mut tiny = [0u8; 8];
        let small = otc_workspace {
            data: tiny.as_mut_ptr().cast(),
            bytes: tiny.len(),
        };
        let pr = problem(xv, yv);
        let opt = |f: &dyn Fn(&mut otc_cost_matrix_options)| {
            let mut o = good;
            f(&mut o);
            o
        };
        type Case = (
            &'static str,
            otc_cost_matrix_problem_f64,
            otc_matrix_mut_f64,
            otc_cost_matrix_options,
            otc_workspace,
            otc_status,
            &'static str,
        );
        #[rustfmt::skip]
        let cases: Vec<Case> = vec![
            ("NULL x", problem(otc_matrix_f64 { data: null(), ..xv }, yv), ov, good, NO_WORK, OTC_ERR_NULL_POINTER, "problem->x.data is NULL"),
            ("NULL cost", pr, otc_matrix_mut_f64 { data: null_mut(), ..ov }, good, NO_WORK, OTC_ERR_NULL_POINTER, "out->cost.data is NULL"),
            ("zero rows", problem(otc_matrix_f64 { rows: 0, ..xv }, yv), otc_matrix_mut_f64 { rows: 0, ..ov }, good, NO_WORK, OTC_ERR_INVALID_DIMENSION, "problem->x is 0x3"),
            ("zero d", problem(otc_matrix_f64 { cols: 0, ..xv }, otc_matrix_f64 { cols: 0, ..yv }), ov, good, NO_WORK, OTC_ERR_INVALID_DIMENSION, "sizes must be >= 1"),
            ("d mismatch", problem(xv, otc_matrix_f64 { cols: 2, ..yv }), ov, good, NO_WORK, OTC_ERR_INVALID_DIMENSION, "same number of columns"),
            ("cost shape", pr, otc_matrix_mut_f64 { rows: 5, cols: 4, ..ov }, good, NO_WORK, OTC_ERR_INVALID_DIMENSION, "out->cost is 5x4, expected 4x5"),
            ("NaN", problem(view(&nan, n, d), yv), ov, good, NO_WORK, OTC_ERR_NON_FINITE, "x[(1, 1)] is NaN"),
            ("Inf", problem(xv, view(&inf, m, d)), ov, good, NO_WORK, OTC_ERR_NON_FINITE, "y[(4, 2)] is -inf"),
            ("huge x", problem(otc_matrix_f64 { rows: usize::MAX / 2, ..xv }, yv), ov, good, NO_WORK, OTC_ERR_OVERFLOW, "problem->x is"),
            ("huge broadcast y", problem(xv, otc_matrix_f64 { rows: 1 << 62, row_stride: 0, col_stride: 0, ..yv }), ov, good, NO_WORK, OTC_ERR_OVERFLOW, "problem->y is"),
            ("negative stride overflow", problem(otc_matrix_f64 { row_stride: isize::MIN / 2, ..xv }, yv), ov, good, NO_WORK, OTC_ERR_OVERFLOW, "problem->x: strides"),
            ("output row stride 0", pr, otc_matrix_mut_f64 { row_stride: 0, ..ov }, good, NO_WORK, OTC_ERR_INVALID_STRIDE, "addresses some elements twice"),
            ("self-overlapping output", pr, otc_matrix_mut_f64 { row_stride: 2, ..ov }, good, NO_WORK, OTC_ERR_INVALID_STRIDE, "addresses some elements twice"),
            ("misaligned cost", pr, otc_matrix_mut_f64 { data: (cp as usize + 4) as *mut f64, ..ov }, good, NO_WORK, OTC_ERR_INVALID_STRIDE, "out->cost.data is not aligned"),
            ("opts struct_size 0", pr, ov, opt(&|o| o.struct_size = 0), NO_WORK, OTC_ERR_ABI_MISMATCH, "opts->struct_size is 0"),
            ("opts struct_size too large", pr, ov, opt(&|o| o.struct_size += 8), NO_WORK, OTC_ERR_ABI_MISMATCH, "opts->struct_size is 32"),
            ("problem struct_size 0", otc_cost_matrix_problem_f64 { struct_size: 0, ..pr }, ov, good, NO_WORK, OTC_ERR_ABI_MISMATCH, "problem->struct_size is 0"),
            ("problem struct_size too large", otc_cost_matrix_problem_f64 { struct_size: 1000, ..pr }, ov, good, NO_WORK, OTC_ERR_ABI_MISMATCH, "problem->struct_size is 1000"),
            ("unknown metric", pr, ov, opt(&|o| o.metric = 4), NO_WORK, OTC_ERR_INVALID_ARGUMENT, "opts->metric = 4 is unknown"),
            ("negative metric", pr, ov, opt(&|o| o.metric = -1), NO_WORK, OTC_ERR_INVALID_ARGUMENT, "opts->metric = -1 is unknown"),
            ("p < 1", pr, ov, opt(&|o| { o.metric = OTC_METRIC_MINKOWSKI; o.p = 0.5 }), NO_WORK, OTC_ERR_INVALID_ARGUMENT, "p = 0.5"),
            ("p infinite", pr, ov, opt(&|o| { o.metric = OTC_METRIC_MINKOWSKI; o.p = f64::INFINITY }), NO_WORK, OTC_ERR_INVALID_ARGUMENT, "p = inf"),
            ("257 threads", pr, ov, opt(&|o| o.num_threads = 257), NO_WORK, OTC_ERR_THREADS, "257"),
            ("workspace too small", pr, ov, good, small, OTC_ERR_WORKSPACE_TOO_SMALL, "too small"),
        ];
        for (what, pr, ov, o, w, status, needle) in cases {
            let mut out = outputs(ov);
            let before = format!("{out:?}");
            // SAFETY: every view that passes the checks describes live memory.
            let st = unsafe { otc_cost_matrix_f64(&pr, &mut out, &o, w) };
            expect(st, status, "otc_cost_matrix_f64", needle, what);
            assert!(c.iter().all(|&v| v == sentinel), "{what}: output written");
            assert_eq!(format!("{out:?}"), before, "{what}: outputs struct written");
        }
        // NULL problem, outputs; the outputs struct's own size.
        let mut out = outputs(ov);
        // SAFETY: NULLs are checked first.
        let st = unsafe { otc_cost_matrix_f64(null(), &mut out, &good, NO_WORK) };
        expect(
            st,
            OTC_ERR_NULL_POINTER,
            "otc_cost_matrix_f64",
            "problem is NULL",
            "NULL problem",
        );
        // SAFETY: as above.
        let st = unsafe { otc_cost_matrix_f64(&pr, null_mut(), &good, NO_WORK) };
        expect(
            st,
            OTC_ERR_NULL_POINTER,
            "otc_cost_matrix_f64",
            "out is NULL",
            "NULL out",
        );
        out.struct_size = 8;
        // SAFETY: the size is refused before anything else is read.
        let st = unsafe { otc_cost_matrix_f64(&pr, &mut out, &good, NO_WORK) };
        expect(
            st,
            OTC_ERR_ABI_MISMATCH,
            "otc_cost_matrix_f64",
            "out->struct_size is 8",
            "out size",
        );
        assert!(c.iter().all(|&v| v == sentinel));
        // NULL options: the defaults (squared Euclidean).
        let mut out = outputs(ov);
        // SAFETY: valid structs.
        assert_eq!(
            unsafe { otc_cost_matrix_f64(&pr, &mut out, null(), NO_WORK) },
            OTC_OK
        );
        assert_eq!(c[1], (0..d).map(|k| (x[k] - y[d + k]).powi(2)).sum::<f64>());
    }

    #[test]
    fn every_output_overlapping_an_input_or_output_is_refused() {
        let (n, m, d) = (4, 5, 3);
        // One buffer holds the inputs, the output matrix and room for an outputs struct.
        let words = size_of::<otc_cost_matrix_outputs_f64>() / 8;
        let mut buf = vec![0.5; n * d + m * d + n * m + words];
        let base = buf.as_mut_ptr();
        // SAFETY (all `add`s): inside `buf`.
        let (xp, yp, cp) = unsafe { (base, base.add(n * d), base.add(n * d + m * d)) };
        let xv = otc_matrix_f64 {
            data: xp,
            ..view(&[], n, d)
        };
        let yv = otc_matrix_f64 {
            data: yp,
            ..view(&[], m, d)
        };
        let cv = otc_matrix_mut_f64 {
            data: cp,
            rows: n,
            cols: m,
            row_stride: m as isize,
            col_stride: 1,
        };
        let mut pr = problem(xv, yv);
        let before = buf.clone();
        let cases: [(&str, otc_matrix_mut_f64, &str); 2] = [
            (
                "cost over x",
                otc_matrix_mut_f64 {
                    data: unsafe { xp.add(n * d - 1) },
                    ..cv
                },
                "output out->cost overlaps problem->x",
            ),
            (
                "cost over y",
                otc_matrix_mut_f64 {
                    data: unsafe { yp.add(2) },
                    ..cv
                },
                "output out->cost overlaps problem->y",
            ),
        ];
        for (what, c, needle) in cases {
            let mut out = outputs(c);
            // SAFETY: every view lies inside `buf`.
            let st = unsafe { otc_cost_matrix_f64(&pr, &mut out, null(), NO_WORK) };
            expect(st, OTC_ERR_ALIASING, "otc_cost_matrix_f64", needle, what);
            assert_eq!(buf, before, "{what}");
        }
        // The cost matrix over the problem struct itself, and the outputs struct over the
        // cost matrix and over x.
        let mut pbuf = [pr; 4];
        let pp = pbuf.as_mut_ptr();
        let mut out = outputs(otc_matrix_mut_f64 {
            data: pp as *mut f64,
            rows: 1,
            cols: 1,
            row_stride: 1,
            col_stride: 1,
        });
        pr.x.rows = 1;
        pr.y.rows = 1;
        pbuf[0] = pr;
        // SAFETY: the cost view covers the first 8 bytes of the problem struct.
        let st = unsafe { otc_cost_matrix_f64(pp, &mut out, null(), NO_WORK) };
        expect(
            st,
            OTC_ERR_ALIASING,
            "otc_cost_matrix_f64",
            "output out->cost overlaps problem",
            "cost over problem",
        );
        assert_eq!(
            pbuf[0].struct_size,
            size_of::<otc_cost_matrix_problem_f64>()
        );
        let pr = problem(xv, yv);
        for (what, at, needle) in [
            (
                "outputs struct over the cost",
                cp,
                "output out overlaps out->cost",
            ),
            (
                "outputs struct over x",
                xp,
                "output out overlaps problem->x",
            ),
        ] {
            let op = at as *mut otc_cost_matrix_outputs_f64;
            // SAFETY: `buf` has room for an outputs struct at both places (aligned to 8).
            unsafe { op.write(outputs(cv)) };
            let snapshot = buf.clone();
            // SAFETY: as above.
            let st = unsafe { otc_cost_matrix_f64(&pr, op, null(), NO_WORK) };
            expect(st, OTC_ERR_ALIASING, "otc_cost_matrix_f64", needle, what);
            assert_eq!(buf, snapshot, "{what}");
            buf.copy_from_slice(&before);
        }
    }

    #[test]
    fn workspace_queries_check_their_pointers_and_never_wrap() {
        let x = [0.0; 6];
        let mut pr = problem(view(&x, 2, 3), view(&x, 2, 3));
        let mut bytes = 0usize;
        // SAFETY (all calls): NULLs are checked; the views' data is never read by a query.
        let st = unsafe { otc_cost_matrix_workspace_size_f64(&pr, null(), null_mut()) };
        expect(
            st,
            OTC_ERR_NULL_POINTER,
            "otc_cost_matrix_workspace_size_f64",
            "bytes is NULL",
            "NULL bytes",
        );
        let st = unsafe { otc_cost_matrix_workspace_size_f64(null(), null(), &mut bytes) };
        expect(
            st,
            OTC_ERR_NULL_POINTER,
            "otc_cost_matrix_workspace_size_f64",
            "problem is NULL",
            "NULL problem",
        );
        let bad = opts(9, 2.0, 0);
        let st = unsafe { otc_cost_matrix_workspace_size_f64(&pr, &bad, &mut bytes) };
        expect(
            st,
            OTC_ERR_INVALID_ARGUMENT,
            "otc_cost_matrix_workspace_size_f64",
            "opts->metric = 9",
            "metric",
        );
        for (rows, cols) in [(usize::MAX, 3), (usize::MAX / 4, usize::MAX / 4)] {
            pr.x.rows = rows;
            pr.x.cols = cols;
            bytes = 7;
            let st = unsafe { otc_cost_matrix_workspace_size_f64(&pr, null(), &mut bytes) };
            expect(
                st,
                OTC_ERR_OVERFLOW,
                "otc_cost_matrix_workspace_size_f64",
                "overflows",
                "huge sizes",
            );
            assert_eq!(bytes, 7);
        }
        // A huge d is valid: the matrix-product route, taken for large d, needs 2(n + m)
        // values whatever d.
        (pr.x.rows, pr.x.cols) = (2, usize::MAX);
        let st = unsafe { otc_cost_matrix_workspace_size_f64(&pr, null(), &mut bytes) };
        assert_eq!(st, OTC_OK, "{}", last_error_message());
        assert!(bytes < 4096, "{bytes}");
        // SAFETY: NULL is checked.
        assert_eq!(
            unsafe { otc_cost_matrix_options_default(null_mut()) },
            OTC_ERR_NULL_POINTER
        );
    }
}

mod bary {
    use super::*;

    /// Two 4×5 images (columns of a 20×2 matrix), each summing to 1, and the squared
    /// distances between the 20 pixels on the unit square.
    pub(super) fn data() -> (Vec<f64>, Vec<f64>, usize, usize) {
        let (h, w) = (4, 5);
        let n = h * w;
        let raw = lcg(2 * n, 7);
        let mut images = vec![0.0; 2 * n];
        for c in 0..2 {
            let s: f64 = (0..n).map(|i| 0.1 + raw[i * 2 + c]).sum();
            for i in 0..n {
                images[i * 2 + c] = (0.1 + raw[i * 2 + c]) / s;
            }
        }
        let pos = |i: usize| {
            (
                (i / w) as f64 / (h - 1) as f64,
                (i % w) as f64 / (w - 1) as f64,
            )
        };
        let cost: Vec<f64> = (0..n * n)
            .map(|t| {
                let (a, b) = (pos(t / n), pos(t % n));
                (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
            })
            .collect();
        (images, cost, h, w)
    }

    pub(super) fn fixed_opts(threads: u32) -> otc_barycenter_options {
        let mut o = std::mem::MaybeUninit::uninit();
        // SAFETY: a writable struct.
        assert_eq!(
            unsafe { otc_barycenter_options_default(o.as_mut_ptr()) },
            OTC_OK
        );
        // SAFETY: initialised above.
        let mut o: otc_barycenter_options = unsafe { o.assume_init() };
        let d = BarycenterParams::default();
        assert_eq!(
            (o.max_iter, o.epsilon, o.tol),
            (d.max_iter as u64, d.epsilon, d.tol)
        );
        o.epsilon = 0.05;
        o.tol = 1e-7;
        o.num_threads = threads;
        o
    }

    pub(super) fn conv_opts(threads: u32) -> otc_convolutional_barycenter_options {
        let mut o = std::mem::MaybeUninit::uninit();
        // SAFETY: a writable struct.
        let st = unsafe { otc_convolutional_barycenter_options_default(o.as_mut_ptr()) };
        assert_eq!(st, OTC_OK);
        // SAFETY: initialised above.
        let mut o: otc_convolutional_barycenter_options = unsafe { o.assume_init() };
        assert_eq!(
            o.struct_size,
            size_of::<otc_convolutional_barycenter_options>()
        );
        o.epsilon = 0.05;
        o.tol = 1e-7;
        o.num_threads = threads;
        o
    }

    fn params() -> BarycenterParams {
        BarycenterParams {
            epsilon: 0.05,
            max_iter: 1000,
            tol: 1e-7,
        }
    }

    pub(super) fn fixed_problem(
        images: &[f64],
        cost: &[f64],
        weights: *const f64,
    ) -> otc_barycenter_problem_f64 {
        let n = images.len() / 2;
        otc_barycenter_problem_f64 {
            struct_size: size_of::<otc_barycenter_problem_f64>(),
            hists: view(images, n, 2),
            cost: view(cost, n, n),
            weights,
        }
    }

    pub(super) fn conv_problem(
        images: &[f64],
        h: usize,
        w: usize,
        weights: *const f64,
    ) -> otc_convolutional_barycenter_problem_f64 {
        otc_convolutional_barycenter_problem_f64 {
            struct_size: size_of::<otc_convolutional_barycenter_problem_f64>(),
            images: view(images, images.len() / 2, 2),
            height: h,
            width: w,
            weights,
        }
    }

    pub(super) fn fixed_out(b: &mut [f64]) -> otc_barycenter_outputs_f64 {
        otc_barycenter_outputs_f64 {
            struct_size: size_of::<otc_barycenter_outputs_f64>(),
            report: Default::default(),
            barycenter: b.as_mut_ptr(),
        }
    }

    pub(super) fn conv_out(b: &mut [f64]) -> otc_convolutional_barycenter_outputs_f64 {
        otc_convolutional_barycenter_outputs_f64 {
            struct_size: size_of::<otc_convolutional_barycenter_outputs_f64>(),
            report: Default::default(),
            barycenter: b.as_mut_ptr(),
        }
    }

    #[test]
    fn both_barycenters_equal_the_rust_api_for_every_thread_count_and_precision() {
        let (images, cost, h, w) = data();
        let n = h * w;
        let lambda = [0.3, 0.7];
        let a = Mat::from_fn(n, 2, |i, c| images[i * 2 + c]);
        let cm = Mat::from_fn(n, n, |i, j| cost[i * n + j]);
        let (want_f, info_f) =
            barycenter(a.as_ref(), cm.as_ref(), Some(&lambda), &params()).unwrap();
        let (want_c, info_c) =
            convolutional_barycenter(a.as_ref(), h, w, Some(&lambda), &params(), 1).unwrap();
        assert!(info_f.converged && info_c.converged);
        for threads in [1, 2] {
            let pr = fixed_problem(&images, &cost, lambda.as_ptr());
            let o = fixed_opts(threads);
            let mut bytes = 0;
            // SAFETY: valid structs and out-param.
            assert_eq!(
                unsafe { otc_barycenter_workspace_size_f64(&pr, &o, &mut bytes) },
                OTC_OK
            );
            let mut work = vec![0u8; bytes];
            let mut b = vec![-1.0; n];
            let mut out = fixed_out(&mut b);
            let wk = otc_workspace {
                data: work.as_mut_ptr().cast(),
                bytes,
            };
            // SAFETY: valid structs, arrays and workspace.
            let st = unsafe { otc_barycenter_f64(&pr, &mut out, &o, wk) };
            assert_eq!(st, OTC_OK, "{}", last_error_message());
            assert_eq!(b, want_f, "fixed, {threads} threads");
            assert_eq!(out.report.status, OTC_OK);
            assert_eq!(out.report.iterations, info_f.iterations as u64);
            assert_eq!(out.report.error, info_f.error);
            assert!(out.report.error <= 1e-7);

            let pr = conv_problem(&images, h, w, lambda.as_ptr());
            let o = conv_opts(threads);
            // SAFETY: valid structs and out-param.
            let st =
                unsafe { otc_convolutional_barycenter_workspace_size_f64(&pr, &o, &mut bytes) };
            assert_eq!(st, OTC_OK);
            let mut work = vec![0u8; bytes];
            let mut out = conv_out(&mut b);
            let wk = otc_workspace {
                data: work.as_mut_ptr().cast(),
                bytes,
            };
            // SAFETY: valid structs, arrays and workspace.
            let st = unsafe { otc_convolutional_barycenter_f64(&pr, &mut out, &o, wk) };
            assert_eq!(st, OTC_OK, "{}", last_error_message());
            assert_eq!(b, want_c, "convolutional, {threads} threads");
            assert_eq!(out.report.iterations, info_c.iterations as u64);
            assert_eq!(out.report.error, info_c.error);
        }
        // f32: the C entry points equal the Rust API in f32.
        let a32 = Mat::from_fn(n, 2, |i, c| images[i * 2 + c] as f32);
        let c32 = Mat::from_fn(n, n, |i, j| cost[i * n + j] as f32);
        let l32 = [0.3f32, 0.7];
        let (want_f, _) = barycenter(a32.as_ref(), c32.as_ref(), Some(&l32), &params()).unwrap();
        let (want_c, _) =
            convolutional_barycenter(a32.as_ref(), h, w, Some(&l32), &params(), 1).unwrap();
        let v32 = |m: &Mat<f32>| otc_matrix_f32 {
            data: m.as_ptr(),
            rows: m.nrows(),
            cols: m.ncols(),
            row_stride: m.row_stride(),
            col_stride: m.col_stride(),
        };
        let mut b = vec![-1f32; n];
        let pr = otc_barycenter_problem_f32 {
            struct_size: size_of::<otc_barycenter_problem_f32>(),
            hists: v32(&a32),
            cost: v32(&c32),
            weights: l32.as_ptr(),
        };
        let mut out = otc_barycenter_outputs_f32 {
            struct_size: size_of::<otc_barycenter_outputs_f32>(),
            report: Default::default(),
            barycenter: b.as_mut_ptr(),
        };
        let mut bytes = 0;
        // SAFETY: valid structs.
        assert_eq!(
            unsafe { otc_barycenter_workspace_size_f32(&pr, &fixed_opts(1), &mut bytes) },
            OTC_OK
        );
        assert!(bytes >= n * 4 * 9);
        // SAFETY: valid structs and arrays.
        let st = unsafe { otc_barycenter_f32(&pr, &mut out, &fixed_opts(1), NO_WORK) };
        assert_eq!(st, OTC_OK, "{}", last_error_message());
        assert_eq!(b, want_f);
        let pr = otc_convolutional_barycenter_problem_f32 {
            struct_size: size_of::<otc_convolutional_barycenter_problem_f32>(),
            images: v32(&a32),
            height: h,
            width: w,
            weights: l32.as_ptr(),
        };
        let mut out = otc_convolutional_barycenter_outputs_f32 {
            struct_size: size_of::<otc_convolutional_barycenter_outputs_f32>(),
            report: Default::default(),
            barycenter: b.as_mut_ptr(),
        };
        // SAFETY: valid structs.
        let st = unsafe {
            otc_convolutional_barycenter_workspace_size_f32(&pr, &conv_opts(1), &mut bytes)
        };
        assert_eq!(st, OTC_OK);
        // SAFETY: valid structs and arrays.
        let st = unsafe { otc_convolutional_barycenter_f32(&pr, &mut out, &conv_opts(2), NO_WORK) };
        assert_eq!(st, OTC_OK, "{}", last_error_message());
        assert_eq!(b, want_c);
    }

    #[test]
    fn the_iteration_cap_is_a_warning_with_valid_outputs() {
        let (images, cost, h, w) = data();
        let mut o = fixed_opts(1);
        o.max_iter = 3;
        o.tol = 0.0;
        let mut b = vec![-1.0; h * w];
        let mut out = fixed_out(&mut b);
        // SAFETY: valid structs and arrays.
        let st = unsafe {
            otc_barycenter_f64(
                &fixed_problem(&images, &cost, null()),
                &mut out,
                &o,
                NO_WORK,
            )
        };
        expect(
            st,
            OTC_WARN_MAX_ITER,
            "otc_barycenter_f64",
            "3 iterations: marginal error",
            "cap",
        );
        assert_eq!(
            (out.report.status, out.report.iterations),
            (OTC_WARN_MAX_ITER, 3)
        );
        assert!(out.report.error > 0.0 && out.report.error.is_finite());
        assert!((b.iter().sum::<f64>() - 1.0).abs() < 0.05, "{b:?}");
        let mut o = conv_opts(1);
        o.max_iter = 2;
        o.tol = 0.0;
        let mut out = conv_out(&mut b);
        // SAFETY: valid structs and arrays.
        let st = unsafe {
            otc_convolutional_barycenter_f64(
                &conv_problem(&images, h, w, null()),
                &mut out,
                &o,
                NO_WORK,
            )
        };
        expect(
            st,
            OTC_WARN_MAX_ITER,
            "otc_convolutional_barycenter_f64",
            "2 iterations",
            "conv cap",
        );
        assert_eq!(out.report.iterations, 2);
    }

    /// A bad fixed-support input: what it is, the problem, options, workspace, and the status
    /// and message expected.
    type FixedCase<'a> = (
        &'a str,
        otc_barycenter_problem_f64,
        otc_barycenter_options,
        otc_workspace,
        (otc_status, &'a str),
    );

    /// Runs the fixed-support call on (problem, outputs struct, options, workspace) and
    /// checks status, message and untouched outputs.
    fn fixed_refused(
        what: &str,
        pr: *const otc_barycenter_problem_f64,
        out: *mut otc_barycenter_outputs_f64,
        o: *const otc_barycenter_options,
        wk: otc_workspace,
        (status, needle): (otc_status, &str),
    ) {
        // SAFETY: every pointer that passes the checks is valid (the cases' contract).
        let st = unsafe { otc_barycenter_f64(pr, out, o, wk) };
        expect(st, status, "otc_barycenter_f64", needle, what);
    }

    fn conv_refused(
        what: &str,
        pr: *const otc_convolutional_barycenter_problem_f64,
        out: *mut otc_convolutional_barycenter_outputs_f64,
        o: *const otc_convolutional_barycenter_options,
        wk: otc_workspace,
        (status, needle): (otc_status, &str),
    ) {
        // SAFETY: as in `fixed_refused`.
        let st = unsafe { otc_convolutional_barycenter_f64(pr, out, o, wk) };
        expect(st, status, "otc_convolutional_barycenter_f64", needle, what);
    }

    #[test]
    fn bad_fixed_support_input_is_refused_with_the_outputs_untouched() {
        let (images, cost, h, w) = data();
        let n = h * w;
        let mut nan_cost = cost.clone();
        nan_cost[7] = f64::INFINITY;
        let mut neg = images.clone();
        neg[0] = -neg[0];
        let mut b = vec![-1.0; n];
        let bp = b.as_mut_ptr();
        let good = fixed_problem(&images, &cost, null());
        let go = fixed_opts(1);
        let bad_w = [1.0, f64::NAN];
        let mut tiny = [0u8; 16];
        let small = otc_workspace {
            data: tiny.as_mut_ptr().cast(),
            bytes: 16,
        };
        let with = |f: &dyn Fn(&mut otc_barycenter_problem_f64)| {
            let mut p = good;
            f(&mut p);
            p
        };
        let opt = |f: &dyn Fn(&mut otc_barycenter_options)| {
            let mut o = go;
            f(&mut o);
            o
        };
        #[rustfmt::skip]
        let cases: Vec<FixedCase> = vec![
            ("NULL hists", with(&|p| p.hists.data = null()), go, NO_WORK, (OTC_ERR_NULL_POINTER, "problem->hists.data is NULL")),
            ("NULL cost", with(&|p| p.cost.data = null()), go, NO_WORK, (OTC_ERR_NULL_POINTER, "problem->cost.data is NULL")),
            ("zero k", with(&|p| p.hists.cols = 0), go, NO_WORK, (OTC_ERR_INVALID_DIMENSION, "problem->hists is 20x0")),
            ("cost not n x n", with(&|p| p.cost.cols = n - 1), go, NO_WORK, (OTC_ERR_INVALID_DIMENSION, "problem->cost is 20x19, expected 20x20")),
            ("huge broadcast cost", with(&|p| { p.cost = otc_matrix_f64 { rows: 1 << 40, cols: 1 << 40, row_stride: 0, col_stride: 0, ..p.cost } }), go, NO_WORK, (OTC_ERR_OVERFLOW, "problem->cost is 1099511627776x1099511627776")),
            ("misaligned hists", with(&|p| p.hists.data = (images.as_ptr() as usize + 1) as *const f64), go, NO_WORK, (OTC_ERR_INVALID_STRIDE, "problem->hists.data is not aligned")),
            ("stride overflow", with(&|p| p.hists.row_stride = isize::MAX), go, NO_WORK, (OTC_ERR_OVERFLOW, "problem->hists: strides")),
            ("non-finite cost", with(&|p| p.cost.data = nan_cost.as_ptr()), go, NO_WORK, (OTC_ERR_NON_FINITE, "cost")),
            ("negative mass", with(&|p| p.hists.data = neg.as_ptr()), go, NO_WORK, (OTC_ERR_INVALID_ARGUMENT, "histogram 0 entry 0")),
            ("NaN weight", with(&|p| p.weights = bad_w.as_ptr()), go, NO_WORK, (OTC_ERR_NON_FINITE, "weights")),
            ("problem struct_size 0", with(&|p| p.struct_size = 0), go, NO_WORK, (OTC_ERR_ABI_MISMATCH, "problem->struct_size is 0")),
            ("problem struct_size too large", with(&|p| p.struct_size += 8), go, NO_WORK, (OTC_ERR_ABI_MISMATCH, "problem->struct_size is")),
            ("opts struct_size 0", good, opt(&|o| o.struct_size = 0), NO_WORK, (OTC_ERR_ABI_MISMATCH, "opts->struct_size is 0")),
            ("opts struct_size too large", good, opt(&|o| o.struct_size += 8), NO_WORK, (OTC_ERR_ABI_MISMATCH, "opts->struct_size is")),
            ("max_iter 0", good, opt(&|o| o.max_iter = 0), NO_WORK, (OTC_ERR_INVALID_ARGUMENT, "opts->max_iter is 0")),
            ("epsilon 0", good, opt(&|o| o.epsilon = 0.0), NO_WORK, (OTC_ERR_INVALID_ARGUMENT, "epsilon = 0")),
            ("epsilon NaN", good, opt(&|o| o.epsilon = f64::NAN), NO_WORK, (OTC_ERR_INVALID_ARGUMENT, "epsilon = NaN")),
            ("257 threads", good, opt(&|o| o.num_threads = 257), NO_WORK, (OTC_ERR_THREADS, "257")),
            ("workspace too small", good, go, small, (OTC_ERR_WORKSPACE_TOO_SMALL, "too small")),
        ];
        for (what, pr, o, wk, want) in cases {
            let mut out = fixed_out(&mut b);
            fixed_refused(what, &pr, &mut out, &o, wk, want);
            assert_eq!(
                (out.report, out.barycenter),
                (Default::default(), bp),
                "{what}"
            );
            assert!(b.iter().all(|&v| v == -1.0), "{what}: barycenter written");
        }
        let mut out = fixed_out(&mut b);
        fixed_refused(
            "NULL problem",
            null(),
            &mut out,
            &go,
            NO_WORK,
            (OTC_ERR_NULL_POINTER, "problem is NULL"),
        );
        fixed_refused(
            "NULL out",
            &good,
            null_mut(),
            &go,
            NO_WORK,
            (OTC_ERR_NULL_POINTER, "out is NULL"),
        );
        out.barycenter = null_mut();
        fixed_refused(
            "NULL barycenter",
            &good,
            &mut out,
            &go,
            NO_WORK,
            (OTC_ERR_NULL_POINTER, "out->barycenter is NULL"),
        );
        let mut out = fixed_out(&mut b);
        out.struct_size = size_of::<otc_barycenter_outputs_f64>() + 8;
        fixed_refused(
            "out struct_size too large",
            &good,
            &mut out,
            &go,
            NO_WORK,
            (OTC_ERR_ABI_MISMATCH, "out->struct_size"),
        );
        assert!(b.iter().all(|&v| v == -1.0));
        // Aliasing: the barycenter over each input.
        let mut inputs = images.clone();
        inputs.extend_from_slice(&cost);
        let before = inputs.clone();
        let ip = inputs.as_mut_ptr();
        let pr = otc_barycenter_problem_f64 {
            hists: view(&inputs[..2 * n], n, 2),
            cost: view(&inputs[2 * n..], n, n),
            ..good
        };
        // SAFETY: inside `inputs`.
        let into_cost = unsafe { ip.add(2 * n + 3) };
        for (what, target, needle) in [
            (
                "barycenter over hists",
                ip,
                "output out->barycenter overlaps problem->hists",
            ),
            (
                "barycenter over cost",
                into_cost,
                "output out->barycenter overlaps problem->cost",
            ),
        ] {
            let mut out = otc_barycenter_outputs_f64 {
                barycenter: target,
                ..fixed_out(&mut b)
            };
            fixed_refused(
                what,
                &pr,
                &mut out,
                &go,
                NO_WORK,
                (OTC_ERR_ALIASING, needle),
            );
            assert_eq!(inputs, before, "{what}");
        }
        // A 2-bin problem whose barycenter (2 values) is the weights array.
        let (h2, c2) = ([0.5, 0.5, 0.5, 0.5], [0.0, 1.0, 1.0, 0.0]);
        let mut lam = [0.5, 0.5];
        let p2 = otc_barycenter_problem_f64 {
            hists: view(&h2, 2, 2),
            cost: view(&c2, 2, 2),
            weights: lam.as_ptr(),
            ..good
        };
        let mut out = otc_barycenter_outputs_f64 {
            barycenter: lam.as_mut_ptr(),
            ..fixed_out(&mut b)
        };
        let needle = "output out->barycenter overlaps problem->weights";
        fixed_refused(
            "barycenter over weights",
            &p2,
            &mut out,
            &go,
            NO_WORK,
            (OTC_ERR_ALIASING, needle),
        );
        assert_eq!(lam, [0.5, 0.5]);
        // The outputs struct over the barycenter array, and over the problem struct.
        let mut buf = vec![-1.0; n + 16];
        let op = buf.as_mut_ptr() as *mut otc_barycenter_outputs_f64;
        let inner = buf.as_mut_ptr().wrapping_add(2);
        // SAFETY: `buf` has room for the struct, aligned to 8.
        unsafe {
            op.write(otc_barycenter_outputs_f64 {
                barycenter: inner,
                ..fixed_out(&mut b)
            })
        };
        let snapshot = buf.clone();
        let needle = "output out overlaps out->barycenter";
        fixed_refused(
            "outputs struct over the barycenter",
            &good,
            op,
            &go,
            NO_WORK,
            (OTC_ERR_ALIASING, needle),
        );
        assert_eq!(buf, snapshot);
        let mut pair = [0u64; 64];
        let pq = pair.as_mut_ptr() as *mut otc_barycenter_problem_f64;
        let last = size_of::<otc_barycenter_problem_f64>() / 8 - 1;
        let oq = pair.as_mut_ptr().wrapping_add(last) as *mut otc_barycenter_outputs_f64;
        // SAFETY: `pair` holds both structs, the outputs struct over the problem's last field
        // (`weights`, which becomes a non-NULL pointer never read: the overlap is refused
        // first).
        unsafe {
            pq.write(good);
            oq.write(fixed_out(&mut b));
        }
        let snapshot = pair;
        let needle = "output out overlaps problem";
        fixed_refused(
            "outputs struct over the problem",
            pq,
            oq,
            &go,
            NO_WORK,
            (OTC_ERR_ALIASING, needle),
        );
        assert_eq!(pair, snapshot);
        assert!(b.iter().all(|&v| v == -1.0));
    }

    #[test]
    fn bad_convolutional_input_is_refused_with_the_outputs_untouched() {
        let (images, _, h, w) = data();
        let n = h * w;
        let mut b = vec![-1.0; n];
        let bp = b.as_mut_ptr();
        let good = conv_problem(&images, h, w, null());
        let go = conv_opts(1);
        let mut nan = images.clone();
        nan[5] = f64::NAN;
        let with = |f: &dyn Fn(&mut otc_convolutional_barycenter_problem_f64)| {
            let mut p = good;
            f(&mut p);
            p
        };
        let opt = |f: &dyn Fn(&mut otc_convolutional_barycenter_options)| {
            let mut o = go;
            f(&mut o);
            o
        };
        let twelve = [1.0 / 12.0; 24];
        let one = 1.0 / (1u64 << 40) as f64;
        #[rustfmt::skip]
        let cases: Vec<(&str, otc_convolutional_barycenter_problem_f64, otc_convolutional_barycenter_options, (otc_status, &str))> = vec![
            // The case: h = w = 2^20 with a 12-row view, refused before the O(hw)
            // workspace and the O(h² + w²) kernels are sized.
            ("h = w = 2^20, 12 rows", with(&|p| { p.images = view(&twelve, 12, 2); p.height = 1 << 20; p.width = 1 << 20 }), go, (OTC_ERR_INVALID_DIMENSION, "problem->images has 12 rows, expected height*width = 1048576*1048576")),
            ("h*w overflows", with(&|p| { p.height = usize::MAX; p.width = 2 }), go, (OTC_ERR_INVALID_DIMENSION, "expected height*width")),
            ("h = 0", with(&|p| p.height = 0), go, (OTC_ERR_INVALID_DIMENSION, "expected height*width = 0*5")),
            ("NULL images", with(&|p| p.images.data = null()), go, (OTC_ERR_NULL_POINTER, "problem->images.data is NULL")),
            ("NaN pixel", with(&|p| p.images.data = nan.as_ptr()), go, (OTC_ERR_NON_FINITE, "histogram 1 entry 2 is NaN")),
            ("misaligned weights", with(&|p| p.weights = (images.as_ptr() as usize + 4) as *const f64), go, (OTC_ERR_INVALID_STRIDE, "problem->weights is not aligned")),
            ("problem struct_size 0", with(&|p| p.struct_size = 0), go, (OTC_ERR_ABI_MISMATCH, "problem->struct_size is 0")),
            ("opts struct_size too large", good, opt(&|o| o.struct_size = 4096), (OTC_ERR_ABI_MISMATCH, "opts->struct_size is 4096")),
            ("tol negative", good, opt(&|o| o.tol = -1.0), (OTC_ERR_INVALID_ARGUMENT, "tol = -1")),
            ("257 threads", good, opt(&|o| o.num_threads = 257), (OTC_ERR_THREADS, "257")),
        ];
        for (what, pr, o, want) in cases {
            let mut out = conv_out(&mut b);
            conv_refused(what, &pr, &mut out, &o, NO_WORK, want);
            assert_eq!(
                (out.report, out.barycenter),
                (Default::default(), bp),
                "{what}"
            );
            assert!(b.iter().all(|&v| v == -1.0), "{what}: barycenter written");
        }
        // A broadcast view of 2^40 pixels that matches the grid: the sizes are consistent, the
        // workspace cannot be had; refused with the bytes named, never an abort. (Its 2^40
        // barycenter values are placed at a low address no argument lies near, never written.)
        let big = with(&|p| {
            p.images = otc_matrix_f64 {
                data: &one,
                rows: 1 << 40,
                cols: 1,
                row_stride: 0,
                col_stride: 0,
            };
            p.height = 1 << 20;
            p.width = 1 << 20;
        });
        let mut out = otc_convolutional_barycenter_outputs_f64 {
            barycenter: 64 as *mut f64,
            ..conv_out(&mut b)
        };
        conv_refused(
            "2^40-pixel grid",
            &big,
            &mut out,
            &go,
            NO_WORK,
            (OTC_ERR_OUT_OF_MEMORY, "cannot allocate"),
        );
        assert_eq!(out.report, Default::default());
        let mut out = conv_out(&mut b);
        conv_refused(
            "NULL problem",
            null(),
            &mut out,
            &go,
            NO_WORK,
            (OTC_ERR_NULL_POINTER, "problem is NULL"),
        );
        conv_refused(
            "NULL out",
            &good,
            null_mut(),
            &go,
            NO_WORK,
            (OTC_ERR_NULL_POINTER, "out is NULL"),
        );
        out.struct_size = 0;
        conv_refused(
            "out struct_size 0",
            &good,
            &mut out,
            &go,
            NO_WORK,
            (OTC_ERR_ABI_MISMATCH, "out->struct_size is 0"),
        );
        // The barycenter over the images; the outputs struct over the images.
        let mut imgs = images.clone();
        let before = imgs.clone();
        let pr = conv_problem(&imgs, h, w, null());
        let mut out = conv_out(&mut imgs[4..]);
        conv_refused(
            "barycenter over images",
            &pr,
            &mut out,
            &go,
            NO_WORK,
            (
                OTC_ERR_ALIASING,
                "output out->barycenter overlaps problem->images",
            ),
        );
        let op = imgs.as_mut_ptr() as *mut otc_convolutional_barycenter_outputs_f64;
        let pr = conv_problem(&imgs, h, w, null());
        // SAFETY: `imgs` has room for the struct, aligned to 8.
        unsafe { op.write(conv_out(&mut b)) };
        let snapshot = imgs.clone();
        conv_refused(
            "outputs struct over images",
            &pr,
            op,
            &go,
            NO_WORK,
            (OTC_ERR_ALIASING, "output out overlaps problem->images"),
        );
        assert_eq!(imgs, snapshot);
        let _ = before;
        assert!(b.iter().all(|&v| v == -1.0));
    }

    #[test]
    fn workspace_queries_check_their_pointers_and_never_wrap() {
        let (images, cost, h, w) = data();
        let mut bytes = 5usize;
        let mut pr = conv_problem(&images, h, w, null());
        for (hh, ww, k) in [
            (usize::MAX, 2, 2),
            (2, usize::MAX, 2),
            (1 << 32, 1 << 32, 2),
            (4, 4, usize::MAX),
        ] {
            pr.height = hh;
            pr.width = ww;
            pr.images.cols = k;
            // SAFETY: valid structs; the query reads no data.
            let st =
                unsafe { otc_convolutional_barycenter_workspace_size_f64(&pr, null(), &mut bytes) };
            expect(
                st,
                OTC_ERR_OVERFLOW,
                "otc_convolutional_barycenter_workspace_size_f64",
                "overflows",
                "huge grid",
            );
            assert_eq!(bytes, 5);
        }
        let mut pf = fixed_problem(&images, &cost, null());
        for (n, k) in [(usize::MAX, 2), (2, usize::MAX), (1 << 40, 1 << 40)] {
            pf.hists.rows = n;
            pf.hists.cols = k;
            // SAFETY: as above.
            let st = unsafe { otc_barycenter_workspace_size_f64(&pf, null(), &mut bytes) };
            expect(
                st,
                OTC_ERR_OVERFLOW,
                "otc_barycenter_workspace_size_f64",
                "overflows",
                "huge n, k",
            );
            assert_eq!(bytes, 5);
        }
        // SAFETY: NULLs are checked.
        unsafe {
            let st = otc_barycenter_workspace_size_f64(&pf, null(), null_mut());
            expect(
                st,
                OTC_ERR_NULL_POINTER,
                "otc_barycenter_workspace_size_f64",
                "bytes is NULL",
                "NULL bytes",
            );
            let st = otc_convolutional_barycenter_workspace_size_f32(null(), null(), &mut bytes);
            expect(
                st,
                OTC_ERR_NULL_POINTER,
                "otc_convolutional_barycenter_workspace_size_f32",
                "problem is NULL",
                "NULL problem",
            );
            assert_eq!(
                otc_barycenter_options_default(null_mut()),
                OTC_ERR_NULL_POINTER
            );
            assert_eq!(
                otc_convolutional_barycenter_options_default(null_mut()),
                OTC_ERR_NULL_POINTER
            );
        }
    }
}

mod callbacks {
    use super::bary::{
        conv_opts, conv_out, conv_problem, data, fixed_opts, fixed_out, fixed_problem,
    };
    use super::*;
    use otcore::ffi::shape::otc_callback;
    use std::ffi::c_void;
    use std::thread::ThreadId;

    /// What the test callback records: the calls (iteration, error) and the threads they ran
    /// on; it stops the solve at call number `stop_at` (0: never).
    struct Seen {
        calls: Vec<(u64, f64)>,
        threads: Vec<ThreadId>,
        stop_at: usize,
    }

    /// [`record`] as the options' callback field.
    const RECORD: otc_callback = Some(record);

    unsafe extern "C" fn record(data: *mut c_void, iteration: u64, error: f64) -> i32 {
        // SAFETY: `data` is the `Seen` the test passes, alive during the call.
        let seen = unsafe { &mut *(data as *mut Seen) };
        seen.calls.push((iteration, error));
        seen.threads.push(std::thread::current().id());
        i32::from(seen.stop_at != 0 && seen.calls.len() >= seen.stop_at)
    }

    #[test]
    fn a_callback_stopping_at_its_first_call_cancels_with_valid_outputs_on_the_calling_thread() {
        let (imgs, cost, h, w) = data();
        let n = h * w;
        let me = std::thread::current().id();
        for every in [1u64, 4] {
            let mut seen = Seen {
                calls: vec![],
                threads: vec![],
                stop_at: 1,
            };
            let data = &mut seen as *mut Seen as *mut c_void;
            let mut b = vec![-1.0; n];
            let pr = fixed_problem(&imgs, &cost, null());
            let mut o = fixed_opts(2);
            assert_eq!(
                (o.callback_every, o.callback.is_none(), o.callback_data),
                (0, true, null_mut())
            );
            o.tol = 0.0;
            (o.callback_every, o.callback, o.callback_data) = (every, RECORD, data);
            let mut out = fixed_out(&mut b);
            // SAFETY: valid structs; the callback's data outlives the call.
            let st = unsafe { otc_barycenter_f64(&pr, &mut out, &o, NO_WORK) };
            expect(
                st,
                OTC_WARN_CANCELLED,
                "otc_barycenter_f64",
                "callback",
                "fixed, cancelled",
            );
            assert_eq!(out.report.status, OTC_WARN_CANCELLED);
            assert_eq!(out.report.iterations, every, "stopped at the first call");
            assert_eq!(seen.calls.len(), 1);
            assert_eq!(seen.calls[0], (every, out.report.error));
            assert!(
                seen.threads.iter().all(|&t| t == me),
                "the callback ran off the calling thread"
            );
            assert!(b.iter().all(|v| v.is_finite() && *v >= 0.0));
            assert!((b.iter().sum::<f64>() - 1.0).abs() < 0.1, "{b:?}");
            // The same iterate as a solve capped at that many iterations.
            let mut capped = vec![0.0; n];
            let mut oc = o;
            (oc.max_iter, oc.callback) = (every, None);
            let mut out2 = otc_barycenter_outputs_f64 {
                barycenter: capped.as_mut_ptr(),
                ..out
            };
            // SAFETY: as above.
            let st = unsafe { otc_barycenter_f64(&pr, &mut out2, &oc, NO_WORK) };
            assert_eq!(st, OTC_WARN_MAX_ITER);
            assert_eq!(capped, b);

            // The convolutional barycenter, its own options struct.
            let mut seen = Seen {
                calls: vec![],
                threads: vec![],
                stop_at: 2,
            };
            let data = &mut seen as *mut Seen as *mut c_void;
            let pc = conv_problem(&imgs, h, w, null());
            let mut o = conv_opts(2);
            o.tol = 0.0;
            (o.callback_every, o.callback, o.callback_data) = (every, RECORD, data);
            let mut out = conv_out(&mut b);
            // SAFETY: valid structs; the callback's data outlives the call.
            let st = unsafe { otc_convolutional_barycenter_f64(&pc, &mut out, &o, NO_WORK) };
            expect(
                st,
                OTC_WARN_CANCELLED,
                "otc_convolutional_barycenter_f64",
                "callback",
                "conv",
            );
            assert_eq!(
                out.report.iterations,
                2 * every,
                "stopped at the second call"
            );
            assert_eq!(
                seen.calls.iter().map(|c| c.0).collect::<Vec<_>>(),
                [every, 2 * every]
            );
            assert!(
                seen.calls.iter().all(|c| c.1 > 0.0 && c.1.is_finite()),
                "{:?}",
                seen.calls
            );
            assert_eq!(seen.calls[1].1, out.report.error);
            assert!(
                seen.threads.iter().all(|&t| t == me),
                "the callback ran off the calling thread"
            );
            assert!(b.iter().all(|v| v.is_finite() && *v >= 0.0));
        }
    }

    #[test]
    fn a_callback_that_never_stops_sees_every_check_and_changes_nothing() {
        let (imgs, cost, h, w) = data();
        let n = h * w;
        let mut seen = Seen {
            calls: vec![],
            threads: vec![],
            stop_at: 0,
        };
        let pr = fixed_problem(&imgs, &cost, null());
        let mut o = fixed_opts(1);
        (o.max_iter, o.tol) = (50, 0.0);
        o.callback_every = 5;
        o.callback = RECORD;
        o.callback_data = &mut seen as *mut Seen as *mut c_void;
        let (mut b1, mut b2) = (vec![0.0; n], vec![0.0; n]);
        let mut out = fixed_out(&mut b1);
        // SAFETY: valid structs; the callback's data outlives the call.
        assert_eq!(
            unsafe { otc_barycenter_f64(&pr, &mut out, &o, NO_WORK) },
            OTC_WARN_MAX_ITER
        );
        assert_eq!(
            seen.calls.iter().map(|c| c.0).collect::<Vec<_>>(),
            [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]
        );
        o.callback = None;
        out.barycenter = b2.as_mut_ptr();
        // SAFETY: as above.
        assert_eq!(
            unsafe { otc_barycenter_f64(&pr, &mut out, &o, NO_WORK) },
            OTC_WARN_MAX_ITER
        );
        assert_eq!(b1, b2);
        let want = format!(
            "otc_barycenter_f64: 50 iterations: marginal error {:e} > tol 0e0",
            out.report.error
        );
        assert_eq!(last_error_message(), want);
    }
}
