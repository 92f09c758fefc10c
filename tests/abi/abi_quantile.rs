//! The C ABI of the 1-D closed forms (`otc_quantile_1d_f64`, `otc_barycenter_1d_f64`): their
//! values equal the Rust API's (and the geodesic is the barycenter of two with λ = (1 − t, t)),
//! a caller workspace of the queried size works and a smaller one is refused; against a
//! hostile caller: NULLs, zero and inconsistent sizes, non-finite and out-of-range inputs,
//! mass mismatch, aliasing of every output (the outputs struct included), wrong struct sizes,
//! thread counts above the cap. Each refusal checks the status, that the message names the
//! argument, and that the outputs are untouched.

use crate::abi_support;
use abi_support::*;

use otcore::exact::{barycenter_1d, mccann_geodesic_1d, quantile_1d};
use otcore::ffi::boundary::last_error_message;
use otcore::ffi::quantile::*;
use otcore::ffi::shape::{otc_report, otc_workspace, AbiStruct};
use otcore::ffi::status::*;
use std::mem::size_of;
use std::ptr::{null, null_mut};

fn quantile_problem(x: &[f64], a: &[f64], levels: &[f64]) -> otc_quantile_1d_problem_f64 {
    otc_quantile_1d_problem_f64 {
        struct_size: size_of::<otc_quantile_1d_problem_f64>(),
        x: x.as_ptr(),
        a: a.as_ptr(),
        n: x.len(),
        levels: levels.as_ptr(),
        num_levels: levels.len(),
    }
}

fn quantile_outputs(q: &mut [f64]) -> otc_quantile_1d_outputs_f64 {
    otc_quantile_1d_outputs_f64 {
        struct_size: size_of::<otc_quantile_1d_outputs_f64>(),
        report: otc_report::default(),
        quantiles: q.as_mut_ptr(),
    }
}

fn bary_problem(
    x: &[f64],
    a: &[f64],
    sizes: &[usize],
    lambda: &[f64],
    p: f64,
) -> otc_barycenter_1d_problem_f64 {
    otc_barycenter_1d_problem_f64 {
        struct_size: size_of::<otc_barycenter_1d_problem_f64>(),
        x: x.as_ptr(),
        a: a.as_ptr(),
        n: x.len(),
        sizes: sizes.as_ptr(),
        k: sizes.len(),
        lambda: lambda.as_ptr(),
        p,
    }
}

fn bary_outputs(points: &mut [f64], weights: &mut [f64]) -> otc_barycenter_1d_outputs_f64 {
    otc_barycenter_1d_outputs_f64 {
        struct_size: size_of::<otc_barycenter_1d_outputs_f64>(),
        report: otc_report::default(),
        nnz: 77,
        points: points.as_mut_ptr(),
        weights: weights.as_mut_ptr(),
    }
}

/// Two measures (4 and 3 samples, unsorted, one zero weight) stored one after the other.
const X: [f64; 7] = [2.0, -1.0, 0.5, 4.0, 3.0, 1.0, 7.0];
const A: [f64; 7] = [0.25, 0.25, 0.0, 0.5, 0.5, 0.25, 0.25];

#[test]
fn one_d_closed_forms_equal_the_rust_api() {
    let levels = [0.0, 0.1, 0.3, 0.5, 0.77, 1.0];
    let mut q = [SENTINEL; 6];
    let mut out = quantile_outputs(&mut q);
    let pq = quantile_problem(&X[..4], &A[..4], &levels);
    let mut bytes = 0;
    // SAFETY (whole test): every pointer is valid for its stated length, outputs disjoint.
    unsafe {
        assert_eq!(
            otc_quantile_1d_workspace_size_f64(&pq, null(), &mut bytes),
            OTC_OK
        );
        let mut buf = vec![0u8; bytes];
        let work = otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes,
        };
        assert_eq!(otc_quantile_1d_f64(&pq, &mut out, null(), work), OTC_OK);
    }
    assert_eq!(q.to_vec(), quantile_1d(&X[..4], &A[..4], &levels).unwrap());
    assert_eq!(q, [-1.0, -1.0, 2.0, 2.0, 4.0, 4.0]);
    assert_eq!(out.report.status, OTC_OK);
    // The barycenter for several p, and the geodesic as λ = (1 − t, t), p = 2.
    let sizes = [4, 3];
    for (lambda, p) in [([0.3, 0.7], 2.0), ([1.0, 1.0], 1.0), ([0.2, 0.5], 3.0)] {
        let (mut pts, mut wts) = ([SENTINEL; 6], [SENTINEL; 6]);
        let mut out = bary_outputs(&mut pts, &mut wts);
        let pb = bary_problem(&X, &A, &sizes, &lambda, p);
        // SAFETY: as above.
        let s = unsafe { otc_barycenter_1d_f64(&pb, &mut out, null(), NO_WORK) };
        assert_eq!(s, OTC_OK, "{}", last_error_message());
        let (z, w) = barycenter_1d(&[(&X[..4], &A[..4]), (&X[4..], &A[4..])], &lambda, p).unwrap();
        assert_eq!((pts[..out.nnz].to_vec(), wts[..out.nnz].to_vec()), (z, w));
        assert!(pts[out.nnz..].iter().all(|&v| v == SENTINEL));
        if p == 2.0 {
            let t = lambda[1] / (lambda[0] + lambda[1]);
            let (zg, _) = mccann_geodesic_1d(&X[..4], &A[..4], &X[4..], &A[4..], t).unwrap();
            for (g, b) in zg.iter().zip(&pts) {
                assert!((g - b).abs() <= 1e-15);
            }
        }
    }
    // A workspace far too small is refused, the queried size works.
    let pb = bary_problem(&X, &A, &sizes, &[0.5, 0.5], 2.0);
    let (mut pts, mut wts) = ([SENTINEL; 6], [SENTINEL; 6]);
    let mut out = bary_outputs(&mut pts, &mut wts);
    // SAFETY: as above.
    unsafe {
        assert_eq!(
            otc_barycenter_1d_workspace_size_f64(&pb, null(), &mut bytes),
            OTC_OK
        );
        let mut buf = vec![0u8; bytes];
        let short = otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes: 16,
        };
        refused(
            otc_barycenter_1d_f64(&pb, &mut out, null(), short),
            OTC_ERR_WORKSPACE_TOO_SMALL,
            "workspace",
            "short workspace",
        );
        assert_eq!(out.nnz, 77);
        let work = otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes,
        };
        assert_eq!(otc_barycenter_1d_f64(&pb, &mut out, null(), work), OTC_OK);
    }
}

#[test]
fn quantile_1d_refuses_bad_input_and_writes_nothing() {
    let levels = [0.5, 0.25];
    let mut qv = [SENTINEL; 2];
    let base = quantile_outputs(&mut qv);
    let p = quantile_problem(&X[..4], &A[..4], &levels);
    let run = |p: *const otc_quantile_1d_problem_f64,
               out: *mut otc_quantile_1d_outputs_f64,
               o: *const otc_quantile_1d_options| {
        // SAFETY: every pointer is NULL or valid for what it states (the cases' point).
        unsafe { otc_quantile_1d_f64(p, out, o, NO_WORK) }
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
    type Edit = fn(&mut otc_quantile_1d_problem_f64);
    let cases: [(Edit, otc_status, &str); 5] = [
        (|q| q.n = 0, OTC_ERR_INVALID_DIMENSION, "problem->n is 0"),
        (
            |q| q.num_levels = 0,
            OTC_ERR_INVALID_DIMENSION,
            "problem->num_levels 0",
        ),
        (|q| q.x = null(), OTC_ERR_NULL_POINTER, "problem->x"),
        (
            |q| q.levels = null(),
            OTC_ERR_NULL_POINTER,
            "problem->levels",
        ),
        (|q| q.n = usize::MAX / 4, OTC_ERR_OVERFLOW, "problem->x"),
    ];
    for (edit, status, needle) in cases {
        let mut q = p;
        edit(&mut q);
        refused(run(&q, &mut out, null()), status, needle, needle);
    }
    let neg = [0.25, -0.25, 0.5, 0.5];
    let q = quantile_problem(&X[..4], &neg, &levels);
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_ARGUMENT,
        "a[1]",
        "negative weight",
    );
    let zero = [0.0; 4];
    let q = quantile_problem(&X[..4], &zero, &levels);
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_ARGUMENT,
        "a sums to 0",
        "zero mass",
    );
    let nan = [0.0, f64::NAN, 1.0, 2.0];
    let q = quantile_problem(&nan, &A[..4], &levels);
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_NON_FINITE,
        "x[1]",
        "NaN sample",
    );
    let bad_levels = [0.5, 1.5];
    let q = quantile_problem(&X[..4], &A[..4], &bad_levels);
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_ARGUMENT,
        "levels[1]",
        "level 1.5",
    );
    // Aliasing: the quantiles over a level, the outputs struct over the samples.
    let mut o2 = base;
    o2.quantiles = levels.as_ptr() as *mut f64;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->quantiles",
        "over levels",
    );
    let mut xs_and_out = [0.0f64; 12];
    xs_and_out[..4].copy_from_slice(&X[..4]);
    let over = xs_and_out[4..].as_mut_ptr() as *mut otc_quantile_1d_outputs_f64;
    // SAFETY: 8 doubles (64 bytes) hold one outputs struct (56 bytes).
    unsafe { over.write(base) };
    let ones = [1.0; 12];
    let q = otc_quantile_1d_problem_f64 {
        x: xs_and_out.as_ptr(),
        n: 12,
        ..quantile_problem(&X[..4], &ones, &levels)
    };
    refused(
        run(&q, over, null()),
        OTC_ERR_ALIASING,
        "out overlaps problem->x",
        "out over x",
    );
    // Struct sizes and threads.
    let mut q = p;
    q.struct_size += 8;
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_ABI_MISMATCH,
        "problem->struct_size",
        "size",
    );
    let mut o = defaults(otc_quantile_1d_options_default);
    o.num_threads = 257;
    refused(run(&p, &mut out, &o), OTC_ERR_THREADS, "257", "257 threads");
    o = defaults(otc_quantile_1d_options_default);
    o.struct_size = 4;
    refused(
        run(&p, &mut out, &o),
        OTC_ERR_ABI_MISMATCH,
        "opts->struct_size",
        "opts size",
    );
    assert_eq!(out.report.status, 0);
    assert_eq!(qv, [SENTINEL; 2]);
    let mut bytes = 0;
    let mut zero_n = p;
    zero_n.n = 0;
    // SAFETY: valid structs and output.
    let s = unsafe { otc_quantile_1d_workspace_size_f64(&zero_n, null(), &mut bytes) };
    refused(
        s,
        OTC_ERR_INVALID_DIMENSION,
        "problem->n is 0",
        "query n = 0",
    );
}

#[test]
fn barycenter_1d_refuses_bad_input_and_writes_nothing() {
    let sizes = [4, 3];
    let lambda = [0.5, 0.5];
    let (mut pts, mut wts) = ([SENTINEL; 6], [SENTINEL; 6]);
    let base = bary_outputs(&mut pts, &mut wts);
    let p = bary_problem(&X, &A, &sizes, &lambda, 2.0);
    let run = |p: *const otc_barycenter_1d_problem_f64,
               out: *mut otc_barycenter_1d_outputs_f64,
               o: *const otc_barycenter_1d_options| {
        // SAFETY: every pointer is NULL or valid for what it states (the cases' point).
        unsafe { otc_barycenter_1d_f64(p, out, o, NO_WORK) }
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
    type Edit = fn(&mut otc_barycenter_1d_problem_f64);
    let cases: [(Edit, otc_status, &str); 10] = [
        (|q| q.k = 0, OTC_ERR_INVALID_DIMENSION, "problem->k is 0"),
        (|q| q.k = 8, OTC_ERR_INVALID_DIMENSION, "problem->k is 8"),
        (|q| q.n = 6, OTC_ERR_INVALID_DIMENSION, "sums to Some(7)"),
        (|q| q.sizes = null(), OTC_ERR_NULL_POINTER, "problem->sizes"),
        (
            |q| q.lambda = null(),
            OTC_ERR_NULL_POINTER,
            "problem->lambda",
        ),
        (|q| q.a = null(), OTC_ERR_NULL_POINTER, "problem->a"),
        (|q| q.n = usize::MAX / 4, OTC_ERR_OVERFLOW, "problem->x"),
        (|q| q.p = 0.5, OTC_ERR_INVALID_ARGUMENT, "p is"),
        (|q| q.p = f64::NAN, OTC_ERR_INVALID_ARGUMENT, "p is"),
        (
            |q| q.struct_size = 0,
            OTC_ERR_ABI_MISMATCH,
            "problem->struct_size",
        ),
    ];
    for (edit, status, needle) in cases {
        let mut q = p;
        edit(&mut q);
        refused(run(&q, &mut out, null()), status, needle, needle);
    }
    let empty = [7, 0];
    let q = bary_problem(&X, &A, &empty, &lambda, 2.0);
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_DIMENSION,
        "measure 1 has no",
        "empty",
    );
    let neg = [1.0, -0.5];
    let q = bary_problem(&X, &A, &sizes, &neg, 2.0);
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_ARGUMENT,
        "lambda[1]",
        "negative λ",
    );
    let zero = [0.0, 0.0];
    let q = bary_problem(&X, &A, &sizes, &zero, 2.0);
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_INVALID_ARGUMENT,
        "lambda sums to 0",
        "Σλ = 0",
    );
    let mut heavy = A;
    heavy[6] = 0.5;
    let q = bary_problem(&X, &heavy, &sizes, &lambda, 2.0);
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_MASS_MISMATCH,
        "measure 1 sums to",
        "mass",
    );
    let mut inf = X;
    inf[5] = f64::INFINITY;
    let q = bary_problem(&inf, &A, &sizes, &lambda, 2.0);
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_NON_FINITE,
        "x[5]",
        "infinite sample",
    );
    // Aliasing: points over weights, weights over lambda, the outputs struct over x.
    let mut o2 = base;
    o2.weights = o2.points;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->points overlaps out->weights",
        "p/w",
    );
    o2 = base;
    o2.weights = lambda.as_ptr() as *mut f64;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "problem->lambda",
        "w over λ",
    );
    let mut xs_and_out = [0.0f64; 14];
    xs_and_out[..7].copy_from_slice(&X);
    let over = xs_and_out[7..].as_mut_ptr() as *mut otc_barycenter_1d_outputs_f64;
    // SAFETY: 7 doubles (56 bytes) hold one outputs struct (56 bytes).
    unsafe { over.write(base) };
    let (long_sizes, long_a) = ([7, 7], [0.25; 14]);
    let q = otc_barycenter_1d_problem_f64 {
        x: xs_and_out.as_ptr(),
        n: 14,
        sizes: long_sizes.as_ptr(),
        a: long_a.as_ptr(),
        ..p
    };
    refused(
        run(&q, over, null()),
        OTC_ERR_ALIASING,
        "out overlaps problem->x",
        "out over x",
    );
    // Options: tolerance, threads, struct size.
    let mut o = defaults(otc_barycenter_1d_options_default);
    o.mass_tolerance = -1.0;
    refused(
        run(&p, &mut out, &o),
        OTC_ERR_INVALID_ARGUMENT,
        "mass_tolerance",
        "tolerance",
    );
    o = defaults(otc_barycenter_1d_options_default);
    o.num_threads = 300;
    refused(run(&p, &mut out, &o), OTC_ERR_THREADS, "300", "300 threads");
    o = defaults(otc_barycenter_1d_options_default);
    o.struct_size += 8;
    refused(
        run(&p, &mut out, &o),
        OTC_ERR_ABI_MISMATCH,
        "opts->struct_size",
        "opts size",
    );
    assert_eq!((out.nnz, out.report.status), (77, 0));
    assert!(pts.iter().chain(&wts).all(|&v| v == SENTINEL));
    // The release sizes work; a looser tolerance accepts the heavier measure.
    let mut ok = base;
    ok.struct_size = <otc_barycenter_1d_outputs_f64 as AbiStruct>::MIN_SIZE;
    assert_eq!(run(&p, &mut ok, null()), OTC_OK, "{}", last_error_message());
    o = defaults(otc_barycenter_1d_options_default);
    o.mass_tolerance = 0.5;
    let q = bary_problem(&X, &heavy, &sizes, &lambda, 2.0);
    assert_eq!(run(&q, &mut ok, &o), OTC_OK, "{}", last_error_message());
    let mut bytes = 0;
    let mut zero_k = p;
    zero_k.k = 0;
    // SAFETY: valid structs and output.
    let s = unsafe { otc_barycenter_1d_workspace_size_f64(&zero_k, null(), &mut bytes) };
    refused(
        s,
        OTC_ERR_INVALID_DIMENSION,
        "problem->k is 0",
        "query k = 0",
    );
}
