//! `otc_emd_points_f64` (exact OT between point clouds, costs on the fly) called as a C
//! caller would: its values equal the Rust API's for every thread count and view layout, its
//! callback stops it with a feasible plan, and it refuses bad input (status, message,
//! untouched outputs).

use crate::abi_support;
use abi_support::*;
use otcore::cost::Metric;
use otcore::exact::{emd_points, Clouds, EmdParams};
use otcore::ffi::boundary::last_error_message;
use otcore::ffi::cost::{OTC_METRIC_COSINE, OTC_METRIC_EUCLIDEAN, OTC_METRIC_MINKOWSKI};
use otcore::ffi::emd_points::*;
use otcore::ffi::shape::{otc_report, otc_workspace};
use otcore::ffi::status::*;
use otcore::ffi::view::otc_matrix_f64;
use std::mem::size_of;
use std::ptr::{null, null_mut};

fn uniform(state: &mut u64, len: usize) -> Vec<f64> {
    (0..len)
        .map(|_| {
            *state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (*state >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

fn normalised(v: Vec<f64>) -> Vec<f64> {
    let s: f64 = v.iter().sum();
    v.into_iter().map(|x| x / s).collect()
}

/// Outputs with duals and a sparse plan of n + m − 1 entries, all sentinels.
struct Buffers {
    f: Vec<f64>,
    g: Vec<f64>,
    rows: Vec<usize>,
    cols: Vec<usize>,
    mass: Vec<f64>,
}

impl Buffers {
    fn new(n: usize, m: usize) -> Self {
        Buffers {
            f: vec![SENTINEL; n],
            g: vec![SENTINEL; m],
            rows: vec![77; n + m - 1],
            cols: vec![77; n + m - 1],
            mass: vec![SENTINEL; n + m - 1],
        }
    }
    fn outputs(&mut self) -> otc_emd_points_outputs_f64 {
        otc_emd_points_outputs_f64 {
            struct_size: size_of::<otc_emd_points_outputs_f64>(),
            report: otc_report::default(),
            cost: SENTINEL,
            gap: SENTINEL,
            nnz: 77,
            f: self.f.as_mut_ptr(),
            g: self.g.as_mut_ptr(),
            plan_rows: self.rows.as_mut_ptr(),
            plan_cols: self.cols.as_mut_ptr(),
            plan_mass: self.mass.as_mut_ptr(),
        }
    }
    fn untouched(&self) -> bool {
        self.f
            .iter()
            .chain(&self.g)
            .chain(&self.mass)
            .all(|&x| x == SENTINEL)
            && self.rows.iter().chain(&self.cols).all(|&x| x == 77)
    }
}

fn problem(
    a: &[f64],
    b: &[f64],
    x: otc_matrix_f64,
    y: otc_matrix_f64,
) -> otc_emd_points_problem_f64 {
    otc_emd_points_problem_f64 {
        struct_size: size_of::<otc_emd_points_problem_f64>(),
        a: a.as_ptr(),
        b: b.as_ptr(),
        x,
        y,
    }
}

/// A column-major view of `data` (rows × cols, as Fortran, Julia and R pass it).
fn view_col_major(data: &[f64], rows: usize, cols: usize) -> otc_matrix_f64 {
    otc_matrix_f64 {
        data: data.as_ptr(),
        rows,
        cols,
        row_stride: 1,
        col_stride: rows as isize,
    }
}

#[test]
fn points_values_equal_the_rust_api_for_every_thread_count_and_layout() {
    let mut s = 3;
    let (n, m, d) = (45, 38, 3);
    let (xs, ys) = (uniform(&mut s, n * d), uniform(&mut s, m * d));
    let mut a = normalised(uniform(&mut s, n));
    a[4] = 0.0;
    let a = normalised(a);
    let b = normalised(uniform(&mut s, m));
    // The same points column-major.
    let xc: Vec<f64> = (0..n * d).map(|q| xs[(q % n) * d + q / n]).collect();
    for (metric, code, p) in [
        (Metric::Euclidean, OTC_METRIC_EUCLIDEAN, 2.0),
        (Metric::Minkowski(3.0), OTC_METRIC_MINKOWSKI, 3.0),
    ] {
        let x = faer::mat::MatRef::from_row_major_slice(&xs, n, d);
        let y = faer::mat::MatRef::from_row_major_slice(&ys, m, d);
        let r = emd_points(&a, &b, Clouds { x, y, metric }, &EmdParams::default()).unwrap();
        for (threads, xv) in [(1, view(&xs, n, d)), (2, view_col_major(&xc, n, d))] {
            let pr = problem(&a, &b, xv, view(&ys, m, d));
            let mut o = defaults(otc_emd_points_options_default);
            (o.metric, o.p, o.num_threads) = (code, p, threads);
            let mut bytes = 0;
            // SAFETY: valid structs.
            assert_eq!(
                unsafe { otc_emd_points_workspace_size_f64(&pr, &o, &mut bytes) },
                OTC_OK
            );
            let mut work = vec![0u8; bytes];
            let w = otc_workspace {
                data: work.as_mut_ptr().cast(),
                bytes,
            };
            let mut buf = Buffers::new(n, m);
            let mut out = buf.outputs();
            // SAFETY: valid structs and arrays; the workspace is disjoint from them.
            let st = unsafe { otc_emd_points_f64(&pr, &mut out, &o, w) };
            assert_eq!(st, OTC_OK, "{}", last_error_message());
            assert_eq!(
                (out.cost, out.gap, out.nnz, out.report.iterations),
                (r.cost, r.gap, r.plan.len(), r.iterations)
            );
            assert_eq!((&buf.f, &buf.g), (&r.f, &r.g));
            for (k, &(i, j, mass)) in r.plan.iter().enumerate() {
                assert_eq!((buf.rows[k], buf.cols[k], buf.mass[k]), (i, j, mass));
            }
            assert!(out.gap <= 0.0 && out.gap > -1e-12 && out.report.error == -out.gap);
        }
    }
}

unsafe extern "C" fn stop_at_once(
    data: *mut std::ffi::c_void,
    _iteration: u64,
    _error: f64,
) -> i32 {
    // SAFETY: `data` is the test's counter, alive during the call.
    unsafe { *(data as *mut u64) += 1 };
    1
}

/// The dense network simplex (a pivot cap below the default selects it) stops at its first
/// pivot; the multiscale solver (squared Euclidean, d ≤ 3, clouds of several levels) at its
/// first check of all arcs, on the coarsest level.
#[test]
fn points_callback_stops_with_a_feasible_plan() {
    let dense_cap = defaults(otc_emd_points_options_default).max_iter - 1;
    for (n, m, max_iter) in [(60, 50, dense_cap), (600, 500, 0)] {
        callback_stops(n, m, max_iter);
    }
}

fn callback_stops(n: usize, m: usize, max_iter: u64) {
    let mut s = 11;
    let d = 2;
    let (xs, ys) = (uniform(&mut s, n * d), uniform(&mut s, m * d));
    let (a, b) = (
        normalised(uniform(&mut s, n)),
        normalised(uniform(&mut s, m)),
    );
    let pr = problem(&a, &b, view(&xs, n, d), view(&ys, m, d));
    let mut calls = 0u64;
    let mut o = defaults(otc_emd_points_options_default);
    if max_iter > 0 {
        o.max_iter = max_iter;
    }
    o.callback_every = 1;
    o.callback = Some(stop_at_once);
    o.callback_data = (&mut calls as *mut u64).cast();
    let mut buf = Buffers::new(n, m);
    let mut out = buf.outputs();
    // SAFETY: valid structs and arrays; the counter outlives the call.
    let st = unsafe { otc_emd_points_f64(&pr, &mut out, &o, NO_WORK) };
    assert_eq!(
        (st, calls),
        (OTC_WARN_CANCELLED, 1),
        "{}",
        last_error_message()
    );
    let (mut rows, mut cols) = (vec![0.0; n], vec![0.0; m]);
    for k in 0..out.nnz {
        rows[buf.rows[k]] += buf.mass[k];
        cols[buf.cols[k]] += buf.mass[k];
    }
    assert!(rows.iter().zip(&a).all(|(r, w)| (r - w).abs() < 1e-14));
    assert!(cols.iter().zip(&b).all(|(c, w)| (c - w).abs() < 1e-14));
    assert!(
        out.gap < 0.0,
        "stopped before optimality: the certificate says so"
    );
}

#[test]
fn points_refuse_bad_input_and_write_nothing() {
    let mut s = 7;
    let (n, m, d) = (6, 5, 2);
    let (xs, ys) = (uniform(&mut s, n * d), uniform(&mut s, m * d));
    let (a, b) = (
        normalised(uniform(&mut s, n)),
        normalised(uniform(&mut s, m)),
    );
    let mut buf = Buffers::new(n, m);
    let base = buf.outputs();
    let p = problem(&a, &b, view(&xs, n, d), view(&ys, m, d));
    let run = |p: *const otc_emd_points_problem_f64,
               out: *mut otc_emd_points_outputs_f64,
               o: *const otc_emd_points_options| {
        // SAFETY: every pointer is NULL or valid for what it states (the cases' point).
        unsafe { otc_emd_points_f64(p, out, o, NO_WORK) }
    };
    let mut out = base;
    let with = |f: &dyn Fn(&mut otc_emd_points_options)| {
        let mut o = defaults(otc_emd_points_options_default);
        f(&mut o);
        o
    };
    refused(
        run(null(), &mut out, null()),
        OTC_ERR_NULL_POINTER,
        "problem",
        "NULL problem",
    );
    refused(
        run(&p, null_mut(), null()),
        OTC_ERR_NULL_POINTER,
        "out",
        "NULL out",
    );
    let q = otc_emd_points_problem_f64 { x: no_view(), ..p };
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_DIMENSION,
        "x",
        "empty x",
    );
    let q = otc_emd_points_problem_f64 {
        y: view(&ys, m - 1, d + 1),
        ..p
    };
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_DIMENSION,
        "same number of columns",
        "d",
    );
    let q = otc_emd_points_problem_f64 { a: null(), ..p };
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_NULL_POINTER,
        "problem->a",
        "NULL a",
    );
    for (o, code, needle) in [
        (
            with(&|o| o.metric = OTC_METRIC_COSINE),
            OTC_ERR_INVALID_ARGUMENT,
            "cosine",
        ),
        (
            with(&|o| o.metric = 9),
            OTC_ERR_INVALID_ARGUMENT,
            "opts->metric",
        ),
        (
            with(&|o| (o.metric, o.p) = (OTC_METRIC_MINKOWSKI, 0.5)),
            OTC_ERR_INVALID_ARGUMENT,
            "Minkowski",
        ),
        (
            with(&|o| o.mass_tolerance = -1.0),
            OTC_ERR_INVALID_ARGUMENT,
            "mass_tolerance",
        ),
        (with(&|o| o.num_threads = 257), OTC_ERR_THREADS, "257"),
    ] {
        refused(run(&p, &mut out, &o), code, needle, needle);
    }
    let mut bad = xs.clone();
    bad[3] = f64::NAN;
    let q = problem(&a, &b, view(&bad, n, d), view(&ys, m, d));
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_NON_FINITE,
        "x[(1, 1)]",
        "NaN coordinate",
    );
    let huge = vec![1e200; m * d];
    let q = problem(&a, &b, view(&xs, n, d), view(&huge, m, d));
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_ARGUMENT,
        "overflow",
        "huge coordinates",
    );
    let mut neg = b.clone();
    neg[2] = -0.1;
    let q = problem(&a, &neg, view(&xs, n, d), view(&ys, m, d));
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_ARGUMENT,
        "b[2]",
        "negative weight",
    );
    let heavy: Vec<f64> = b.iter().map(|w| 2.0 * w).collect();
    let q = problem(&a, &heavy, view(&xs, n, d), view(&ys, m, d));
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_MASS_MISMATCH,
        "b is heavier",
        "masses",
    );
    let mut o2 = base;
    o2.f = xs.as_ptr() as *mut f64;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->f overlaps problem->x",
        "f over x",
    );
    o2 = base;
    o2.plan_cols = null_mut();
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_NULL_POINTER,
        "go together",
        "plan arrays",
    );
    let q = otc_emd_points_problem_f64 {
        struct_size: 8,
        ..p
    };
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_ABI_MISMATCH,
        "problem->struct_size",
        "size",
    );
    let mut small = [0u8; 64];
    let w = otc_workspace {
        data: small.as_mut_ptr().cast(),
        bytes: 64,
    };
    // SAFETY: valid arguments; the workspace is too small (the case's point).
    refused(
        unsafe { otc_emd_points_f64(&p, &mut out, null(), w) },
        OTC_ERR_WORKSPACE_TOO_SMALL,
        "",
        "workspace",
    );
    assert_eq!(
        (out.cost, out.gap, out.nnz, out.report.status),
        (SENTINEL, SENTINEL, 77, 0)
    );
    assert!(buf.untouched());
}

/// Every output array (f, g, plan_rows, plan_cols, plan_mass), placed over each input (a, b,
/// x, y) in turn, is refused with `OTC_ERR_ALIASING` naming the input, and nothing is
/// written. Inputs sit in buffers long enough for any output, so the refusal names the
/// input whatever the heap's layout.
#[test]
fn points_outputs_over_every_input_are_refused() {
    let mut s = 5;
    let (n, m, d) = (6, 5, 2);
    let (xs, ys) = (
        padded(&uniform(&mut s, n * d)),
        padded(&uniform(&mut s, m * d)),
    );
    let a = padded(&normalised(uniform(&mut s, n)));
    let b = padded(&normalised(uniform(&mut s, m)));
    let p = problem(&a[..n], &b[..m], view(&xs, n, d), view(&ys, m, d));
    let mut buf = Buffers::new(n, m);
    let base = buf.outputs();
    let inputs: [(*const f64, &str); 4] = [
        (a.as_ptr(), "problem->a"),
        (b.as_ptr(), "problem->b"),
        (xs.as_ptr(), "problem->x"),
        (ys.as_ptr(), "problem->y"),
    ];
    type Place = fn(&mut otc_emd_points_outputs_f64, *mut f64);
    let outputs: [(Place, &str); 5] = [
        (|o, at| o.f = at, "f"),
        (|o, at| o.g = at, "g"),
        (|o, at| o.plan_rows = at.cast(), "plan_rows"),
        (|o, at| o.plan_cols = at.cast(), "plan_cols"),
        (|o, at| o.plan_mass = at, "plan_mass"),
    ];
    for (input, name) in inputs {
        for (place, output) in outputs {
            let mut out = base;
            place(&mut out, input.cast_mut());
            // SAFETY: every pointer is valid for what it states; the call refuses first.
            let status = unsafe { otc_emd_points_f64(&p, &mut out, null(), NO_WORK) };
            refused(status, OTC_ERR_ALIASING, name, output);
            assert_eq!((out.cost, out.nnz), (SENTINEL, 77), "{output} over {name}");
        }
    }
    assert!(buf.untouched());
}
