//! The C ABI of the free-support barycenter (`otc_free_support_barycenter_f64`): its support
//! equals the Rust API's for every thread count, with a caller workspace or without; the
//! callback stops it (`OTC_WARN_CANCELLED`), `max_iter` warns; against a hostile caller: NULLs,
//! zero and inconsistent sizes, non-finite inputs, mass mismatch, aliasing (x over x0, the
//! outputs struct over an input), wrong struct sizes, thread counts above the cap. Each
//! refusal checks the status, that the message names the argument, and that the outputs are
//! untouched.

use crate::abi_support;
use abi_support::*;

use faer::Mat;
use otcore::barycenter::{free_support_barycenter, FreeSupportParams};
use otcore::ffi::barycenter::*;
use otcore::ffi::boundary::last_error_message;
use otcore::ffi::shape::{otc_report, otc_workspace};
use otcore::ffi::status::*;
use otcore::ffi::view::otc_matrix_f64;
use std::ffi::c_void;
use std::mem::size_of;
use std::ptr::{null, null_mut};

/// Two clouds in 2-D (7 and 5 points, uniform weights) and a support of 4 points.
struct Data {
    y: Vec<f64>,
    b: Vec<f64>,
    sizes: [usize; 2],
    lambda: [f64; 2],
    x0: Vec<f64>,
    a: Vec<f64>,
}

fn data() -> Data {
    let y: Vec<f64> = (0..24)
        .map(|i| ((i * 7) % 13) as f64 * 0.25 - (i % 2) as f64)
        .collect();
    let mut b = vec![1.0 / 7.0; 7];
    b.extend([0.2; 5]);
    let x0: Vec<f64> = (0..8).map(|i| (i as f64 * 0.3).sin()).collect();
    Data {
        y,
        b,
        sizes: [7, 5],
        lambda: [0.3, 0.7],
        x0,
        a: vec![0.25; 4],
    }
}

fn problem(d: &Data) -> otc_free_support_barycenter_problem_f64 {
    otc_free_support_barycenter_problem_f64 {
        struct_size: size_of::<otc_free_support_barycenter_problem_f64>(),
        y: view(&d.y, 12, 2),
        b: d.b.as_ptr(),
        sizes: d.sizes.as_ptr(),
        k: 2,
        lambda: d.lambda.as_ptr(),
        x0: view(&d.x0, 4, 2),
        a: d.a.as_ptr(),
    }
}

fn outputs(x: &mut [f64]) -> otc_free_support_barycenter_outputs_f64 {
    otc_free_support_barycenter_outputs_f64 {
        struct_size: size_of::<otc_free_support_barycenter_outputs_f64>(),
        report: otc_report::default(),
        objective: SENTINEL,
        x: view_mut(x, 4, 2),
    }
}

fn options(threads: u32) -> otc_free_support_barycenter_options {
    let mut o = defaults(otc_free_support_barycenter_options_default);
    o.num_threads = threads;
    o
}

#[test]
fn free_support_barycenter_equals_the_rust_api_for_every_thread_count() {
    let d = data();
    let ys = Mat::from_fn(12, 2, |i, t| d.y[i * 2 + t]);
    let x0 = Mat::from_fn(4, 2, |i, t| d.x0[i * 2 + t]);
    let (want, info) = free_support_barycenter(
        &[(ys.subrows(0, 7), &d.b[..7]), (ys.subrows(7, 5), &d.b[7..])],
        &d.lambda,
        x0.as_ref(),
        &d.a,
        &FreeSupportParams::default(),
        1,
    )
    .unwrap();
    assert!(info.converged);
    let p = problem(&d);
    for threads in [1, 2, 3] {
        let o = options(threads);
        let mut bytes = 0;
        let mut x = [SENTINEL; 8];
        let mut out = outputs(&mut x);
        // SAFETY: every pointer valid for its stated length, outputs disjoint.
        unsafe {
            assert_eq!(
                otc_free_support_barycenter_workspace_size_f64(&p, &o, &mut bytes),
                OTC_OK
            );
            let mut buf = vec![0u8; bytes];
            let work = otc_workspace {
                data: buf.as_mut_ptr().cast(),
                bytes,
            };
            let s = otc_free_support_barycenter_f64(&p, &mut out, &o, work);
            assert_eq!(s, OTC_OK, "{}", last_error_message());
        }
        for j in 0..4 {
            for t in 0..2 {
                assert_eq!(x[j * 2 + t], want[(j, t)], "threads = {threads}");
            }
        }
        assert_eq!(out.objective, info.objective);
        assert_eq!(out.report.iterations, info.iterations);
        assert_eq!(out.report.error, info.displacement);
    }
}

#[test]
fn sinkhorn_inner_solves_equal_the_rust_api() {
    use otcore::barycenter::Inner;
    let d = data();
    let ys = Mat::from_fn(12, 2, |i, t| d.y[i * 2 + t]);
    let x0 = Mat::from_fn(4, 2, |i, t| d.x0[i * 2 + t]);
    let params = FreeSupportParams {
        max_iter: 20,
        tol: 1e-9,
        inner: Inner::Sinkhorn {
            epsilon: 0.05,
            max_iter: 1000,
            tolerance: 1e-9,
        },
    };
    let (want, info) = free_support_barycenter(
        &[(ys.subrows(0, 7), &d.b[..7]), (ys.subrows(7, 5), &d.b[7..])],
        &d.lambda,
        x0.as_ref(),
        &d.a,
        &params,
        1,
    )
    .unwrap();
    let p = problem(&d);
    let mut o = options(2);
    o.inner = OTC_FREE_SUPPORT_INNER_SINKHORN;
    o.epsilon = 0.05;
    o.max_iter = 20;
    let mut x = [SENTINEL; 8];
    let mut out = outputs(&mut x);
    // SAFETY: every pointer valid for its stated length, outputs disjoint.
    let s = unsafe { otc_free_support_barycenter_f64(&p, &mut out, &o, NO_WORK) };
    assert!(
        s == OTC_OK || s == OTC_WARN_MAX_ITER,
        "{}",
        last_error_message()
    );
    assert_eq!(out.report.iterations, info.iterations);
    assert_eq!(out.objective, info.objective);
    for j in 0..4 {
        for t in 0..2 {
            assert_eq!(x[j * 2 + t], want[(j, t)]);
        }
    }
}

unsafe extern "C" fn stop(data: *mut c_void, _: u64, _: f64) -> i32 {
    // SAFETY: the test passes a valid counter.
    unsafe { *(data as *mut u64) += 1 };
    1
}

#[test]
fn the_callback_stops_and_max_iter_warns() {
    let d = data();
    let p = problem(&d);
    let mut calls = 0u64;
    let mut o = options(2);
    o.callback_every = 1;
    o.callback = Some(stop);
    o.callback_data = (&mut calls as *mut u64).cast();
    let mut x = [SENTINEL; 8];
    let mut out = outputs(&mut x);
    // SAFETY: valid structs and callback data.
    let s = unsafe { otc_free_support_barycenter_f64(&p, &mut out, &o, NO_WORK) };
    assert_eq!(
        (s, calls, out.report.iterations),
        (OTC_WARN_CANCELLED, 1, 1)
    );
    assert!(x.iter().all(|v| v.is_finite() && *v != SENTINEL));
    let mut o = options(1);
    o.max_iter = 1;
    o.tol = 0.0;
    // SAFETY: as above.
    let s = unsafe { otc_free_support_barycenter_f64(&p, &mut out, &o, NO_WORK) };
    assert_eq!((s, out.report.iterations), (OTC_WARN_MAX_ITER, 1));
    assert!(last_error_message().contains("max_iter = 1"));
}

#[test]
fn free_support_barycenter_refuses_bad_input_and_writes_nothing() {
    let d = data();
    let p = problem(&d);
    let mut x = [SENTINEL; 8];
    let base = outputs(&mut x);
    let run = |p: *const otc_free_support_barycenter_problem_f64,
               out: *mut otc_free_support_barycenter_outputs_f64,
               o: *const otc_free_support_barycenter_options| {
        // SAFETY: every pointer is NULL or valid for what it states (the cases' point).
        unsafe { otc_free_support_barycenter_f64(p, out, o, NO_WORK) }
    };
    let mut out = base;
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
    type Edit = fn(&mut otc_free_support_barycenter_problem_f64);
    let cases: [(Edit, otc_status, &str); 9] = [
        (|q| q.k = 0, OTC_ERR_INVALID_DIMENSION, "problem->k is 0"),
        (|q| q.sizes = null(), OTC_ERR_NULL_POINTER, "problem->sizes"),
        (|q| q.k = 1, OTC_ERR_INVALID_DIMENSION, "sums to Some(7)"),
        (
            |q| q.y.cols = 3,
            OTC_ERR_INVALID_DIMENSION,
            "problem->y has 3 columns",
        ),
        (|q| q.b = null(), OTC_ERR_NULL_POINTER, "problem->b"),
        (
            |q| q.lambda = null(),
            OTC_ERR_NULL_POINTER,
            "problem->lambda",
        ),
        (|q| q.a = null(), OTC_ERR_NULL_POINTER, "problem->a"),
        (|q| q.y.data = null(), OTC_ERR_NULL_POINTER, "problem->y"),
        (
            |q| q.struct_size = 8,
            OTC_ERR_ABI_MISMATCH,
            "problem->struct_size",
        ),
    ];
    for (edit, status, needle) in cases {
        let mut q = p;
        edit(&mut q);
        refused(run(&q, &mut out, null()), status, needle, needle);
    }
    let mut nan = d.y.clone();
    nan[5] = f64::NAN;
    let q = otc_free_support_barycenter_problem_f64 {
        y: view(&nan, 12, 2),
        ..p
    };
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_NON_FINITE,
        "y[2, 1]",
        "NaN sample",
    );
    let mut heavy = d.b.clone();
    heavy[8] = 0.7;
    let q = otc_free_support_barycenter_problem_f64 {
        b: heavy.as_ptr(),
        ..p
    };
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_MASS_MISMATCH,
        "measure 1",
        "mass",
    );
    let neg = [1.0, -1.0];
    let q = otc_free_support_barycenter_problem_f64 {
        lambda: neg.as_ptr(),
        ..p
    };
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_ARGUMENT,
        "lambda[1]",
        "negative λ",
    );
    // Outputs: a wrong shape, x over x0, x addressing elements twice, out over y.
    let mut o2 = base;
    o2.x.rows = 3;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_INVALID_DIMENSION,
        "out->x is 3x2",
        "x shape",
    );
    o2 = base;
    o2.x.data = d.x0.as_ptr() as *mut f64;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "problem->x0",
        "x over x0",
    );
    o2 = base;
    o2.x.row_stride = 0;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_INVALID_STRIDE,
        "out->x",
        "x twice",
    );
    let mut y_and_out = d.y.clone();
    y_and_out.extend([0.0; 16]);
    let over = y_and_out[20..].as_mut_ptr() as *mut otc_free_support_barycenter_outputs_f64;
    // SAFETY: 20 doubles (160 bytes) hold one outputs struct.
    assert!(size_of::<otc_free_support_barycenter_outputs_f64>() <= 160);
    unsafe { over.write(base) };
    let (long_sizes, long_b) = ([15usize, 5], [0.25; 20]);
    let q = otc_free_support_barycenter_problem_f64 {
        y: otc_matrix_f64 {
            rows: 20,
            ..view(&y_and_out, 20, 2)
        },
        sizes: long_sizes.as_ptr(),
        b: long_b.as_ptr(),
        ..p
    };
    refused(
        run(&q, over, null()),
        OTC_ERR_ALIASING,
        "problem->y",
        "out over y",
    );
    // Options.
    let mut o = options(300);
    refused(run(&p, &mut out, &o), OTC_ERR_THREADS, "300", "300 threads");
    o = options(1);
    o.tol = -1.0;
    refused(
        run(&p, &mut out, &o),
        OTC_ERR_INVALID_ARGUMENT,
        "tol is",
        "tol",
    );
    o = options(1);
    o.inner = 7;
    refused(
        run(&p, &mut out, &o),
        OTC_ERR_INVALID_ARGUMENT,
        "opts->inner = 7",
        "inner",
    );
    for eps in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        o = options(1);
        o.inner = OTC_FREE_SUPPORT_INNER_SINKHORN;
        o.epsilon = eps;
        refused(
            run(&p, &mut out, &o),
            OTC_ERR_INVALID_ARGUMENT,
            "epsilon is",
            "epsilon",
        );
    }
    o = options(1);
    o.inner = OTC_FREE_SUPPORT_INNER_SINKHORN;
    o.inner_max_iter = 0;
    refused(
        run(&p, &mut out, &o),
        OTC_ERR_INVALID_ARGUMENT,
        "inner max_iter is 0",
        "inner_max_iter",
    );
    o = options(1);
    o.struct_size += 8;
    refused(
        run(&p, &mut out, &o),
        OTC_ERR_ABI_MISMATCH,
        "opts->struct_size",
        "opts size",
    );
    assert_eq!((out.objective, out.report.status), (SENTINEL, 0));
    assert!(x.iter().all(|&v| v == SENTINEL));
    let mut bytes = 0;
    let mut zero_k = p;
    zero_k.k = 0;
    // SAFETY: valid structs and output.
    let s = unsafe { otc_free_support_barycenter_workspace_size_f64(&zero_k, null(), &mut bytes) };
    refused(
        s,
        OTC_ERR_INVALID_DIMENSION,
        "problem->k is 0",
        "query k = 0",
    );
}
