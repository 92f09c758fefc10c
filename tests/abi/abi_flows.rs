//! The C ABI of the flow steps (`otc_wasserstein_flow_step_f64`, `otc_mmd_flow_step_f64`,
//! `otc_jko_step_f64`): each equals the Rust API's step for every thread count, with a caller
//! workspace or without; the Wasserstein step's potentials and the JKO step's dual, passed
//! back, warm-start the next step; the MMD target term, passed back, gives the same step; callbacks stop the iterative
//! ones (`OTC_WARN_CANCELLED`), max_iter warns; against a hostile caller: NULLs, shapes,
//! non-finite and non-positive inputs, unknown kernels, aliasing, struct sizes, threads. Each
//! refusal checks the status, that the message names the argument, and untouched outputs.

use crate::abi_support;
use abi_support::*;

use faer::Mat;
use otcore::ffi::boundary::last_error_message;
use otcore::ffi::flow::*;
use otcore::ffi::shape::{otc_report, otc_workspace};
use otcore::ffi::status::*;
use otcore::flow::{
    jko_step, jko_step_warm, mmd_flow_step_in_place, mmd_flow_step_scratch,
    wasserstein_flow_step_in_place, wasserstein_flow_step_scratch, JkoParams, MmdKernel, MmdParams,
    WassersteinFlowParams,
};
use otcore::sinkhorn::{DivergencePotentials, Params};
use otcore::workspace::with_stack;
use otcore::Par;
use std::ffi::c_void;
use std::mem::size_of;
use std::ptr::{null, null_mut};

/// n points of a deterministic 2-D pattern shifted by `shift`, uniform weights.
fn cloud(n: usize, shift: f64) -> (Vec<f64>, Vec<f64>) {
    let x = (0..2 * n)
        .map(|i| ((i * 7 + 3) % 11) as f64 / 11.0 + if i % 2 == 0 { shift } else { 0.0 })
        .collect();
    (x, vec![1.0 / n as f64; n])
}

/// Runs a C step with a caller workspace of the size its query states.
unsafe fn with_work(
    query: impl FnOnce(*mut usize) -> otc_status,
    call: impl FnOnce(otc_workspace) -> otc_status,
) -> otc_status {
    let mut bytes = 0;
    assert_eq!(query(&mut bytes), OTC_OK, "{}", last_error_message());
    let mut buf = vec![0u8; bytes];
    call(otc_workspace {
        data: buf.as_mut_ptr().cast(),
        bytes,
    })
}

fn w_problem(
    x: &[f64],
    a: &[f64],
    y: &[f64],
    b: &[f64],
    init: *const f64,
) -> otc_wasserstein_flow_step_problem_f64 {
    otc_wasserstein_flow_step_problem_f64 {
        struct_size: size_of::<otc_wasserstein_flow_step_problem_f64>(),
        x: view(x, a.len(), 2),
        a: a.as_ptr(),
        y: view(y, b.len(), 2),
        b: b.as_ptr(),
        init_potentials: init,
    }
}

fn w_outputs(x: &mut [f64], pots: *mut f64) -> otc_wasserstein_flow_step_outputs_f64 {
    let n = x.len() / 2;
    otc_wasserstein_flow_step_outputs_f64 {
        struct_size: size_of::<otc_wasserstein_flow_step_outputs_f64>(),
        report: otc_report::default(),
        divergence: SENTINEL,
        x: view_mut(x, n, 2),
        potentials: pots,
    }
}

fn w_options(threads: u32) -> otc_wasserstein_flow_step_options {
    let mut o = defaults(otc_wasserstein_flow_step_options_default);
    o.num_threads = threads;
    o.epsilon = 0.05;
    o.step = 0.2;
    o
}

#[test]
fn wasserstein_flow_step_equals_the_rust_api_and_warm_starts() {
    let (n, m) = (6, 5);
    let (x, a) = cloud(n, 0.0);
    let (y, b) = cloud(m, 0.8);
    let o = w_options(1);
    let params = WassersteinFlowParams {
        step: o.step,
        sinkhorn: Params {
            epsilon: o.epsilon,
            num_threads: 1,
            ..Params::default()
        },
    };
    let (xm, ym) = (
        Mat::from_fn(n, 2, |i, t| x[2 * i + t]),
        Mat::from_fn(m, 2, |i, t| y[2 * i + t]),
    );
    let mut want = Mat::<f64>::zeros(n, 2);
    let mut pw = vec![0.0; 3 * (n + m)];
    let div = {
        let (fxy, r) = pw.split_at_mut(n);
        let (gxy, r) = r.split_at_mut(m);
        let (fxx, r) = r.split_at_mut(n);
        let (gxx, r) = r.split_at_mut(n);
        let (fyy, gyy) = r.split_at_mut(m);
        let mut pots = DivergencePotentials {
            xy: (fxy, gxy),
            xx: (fxx, gxx),
            yy: (fyy, gyy),
        };
        with_stack(
            wasserstein_flow_step_scratch::<f64>(n, m, 2, &params),
            |st| {
                wasserstein_flow_step_in_place(
                    xm.as_ref(),
                    ym.as_ref(),
                    &a,
                    &b,
                    &params,
                    &mut pots,
                    want.as_mut(),
                    Par::Seq,
                    st,
                )
            },
        )
        .unwrap()
        .unwrap()
    };
    for threads in [1, 2, 3] {
        let o = w_options(threads);
        let p = w_problem(&x, &a, &y, &b, null());
        let mut xo = vec![SENTINEL; 2 * n];
        let mut pots = vec![SENTINEL; 3 * (n + m)];
        let mut out = w_outputs(&mut xo, pots.as_mut_ptr());
        // SAFETY: every pointer valid for its stated length, outputs disjoint.
        let s = unsafe {
            with_work(
                |bytes| otc_wasserstein_flow_step_workspace_size_f64(&p, &o, bytes),
                |work| otc_wasserstein_flow_step_f64(&p, &mut out, &o, work),
            )
        };
        assert_eq!(s, OTC_OK, "{}", last_error_message());
        assert_eq!(out.divergence, div.value);
        assert_eq!(pots, pw);
        for i in 0..n {
            for t in 0..2 {
                assert_eq!(xo[2 * i + t], want[(i, t)], "threads = {threads}");
            }
        }
        let cold = out.report.iterations;
        // The next call from these potentials: the same step (to the tolerance), fewer
        // iterations, library-allocated workspace.
        let p2 = w_problem(&x, &a, &y, &b, pots.as_ptr());
        let mut xo2 = vec![SENTINEL; 2 * n];
        let mut out2 = w_outputs(&mut xo2, null_mut());
        // SAFETY: as above.
        let s = unsafe { otc_wasserstein_flow_step_f64(&p2, &mut out2, &o, NO_WORK) };
        assert_eq!(s, OTC_OK, "{}", last_error_message());
        assert!(
            out2.report.iterations * 3 <= cold,
            "warm {} vs cold {cold}",
            out2.report.iterations
        );
        assert!(xo2.iter().zip(&xo).all(|(u, v)| (u - v).abs() < 1e-8));
    }
}

unsafe extern "C" fn stop(data: *mut c_void, _: u64, _: f64) -> i32 {
    // SAFETY: the test passes a valid counter.
    unsafe { *(data as *mut u64) += 1 };
    1
}

#[test]
fn flow_callbacks_stop_and_max_iter_warns() {
    let (x, a) = cloud(6, 0.0);
    let (y, b) = cloud(5, 0.8);
    let p = w_problem(&x, &a, &y, &b, null());
    let mut calls = 0u64;
    let mut o = w_options(2);
    o.callback_every = 1;
    o.check_every = 1;
    o.callback = Some(stop);
    o.callback_data = (&mut calls as *mut u64).cast();
    let mut xo = vec![SENTINEL; 12];
    let mut out = w_outputs(&mut xo, null_mut());
    // SAFETY: valid structs and callback data.
    let s = unsafe { otc_wasserstein_flow_step_f64(&p, &mut out, &o, NO_WORK) };
    assert_eq!(s, OTC_WARN_CANCELLED, "{}", last_error_message());
    assert_eq!(calls, 3, "one stop per solve");
    assert!(xo.iter().all(|v| v.is_finite() && *v != SENTINEL));
    let mut o = w_options(1);
    o.max_iter = 2;
    o.tolerance = 0.0;
    // SAFETY: as above.
    let s = unsafe { otc_wasserstein_flow_step_f64(&p, &mut out, &o, NO_WORK) };
    assert_eq!(s, OTC_WARN_MAX_ITER);
    assert!(
        last_error_message().contains("max_iter = 2"),
        "{}",
        last_error_message()
    );

    let h = 8;
    let rho: Vec<f64> = (0..h * h).map(|i| 1.0 + (i % 5) as f64).collect();
    let jp = j_problem(&rho, h, null());
    let mut calls = 0u64;
    let mut o = j_options(1);
    o.callback_every = 1;
    o.callback = Some(stop);
    o.callback_data = (&mut calls as *mut u64).cast();
    let mut next = vec![SENTINEL; h * h];
    let mut out = j_outputs(&mut next);
    // SAFETY: valid structs and callback data.
    let s = unsafe { otc_jko_step_f64(&jp, &mut out, &o, NO_WORK) };
    assert_eq!(
        (s, calls, out.report.iterations),
        (OTC_WARN_CANCELLED, 1, 1)
    );
    let total: f64 = next.iter().sum();
    assert!(
        (total - rho.iter().sum::<f64>()).abs() < 1e-9 * total,
        "the iterate keeps the mass"
    );
    let mut o = j_options(1);
    o.max_iter = 2;
    o.tol = 0.0;
    // SAFETY: as above.
    let s = unsafe { otc_jko_step_f64(&jp, &mut out, &o, NO_WORK) };
    assert_eq!((s, out.report.iterations), (OTC_WARN_MAX_ITER, 2));
}

fn m_problem(
    x: &[f64],
    a: &[f64],
    y: &[f64],
    b: &[f64],
    target: *const f64,
) -> otc_mmd_flow_step_problem_f64 {
    otc_mmd_flow_step_problem_f64 {
        struct_size: size_of::<otc_mmd_flow_step_problem_f64>(),
        x: view(x, a.len(), 2),
        a: a.as_ptr(),
        y: view(y, b.len(), 2),
        b: b.as_ptr(),
        target_term: target,
    }
}

fn m_outputs(x: &mut [f64]) -> otc_mmd_flow_step_outputs_f64 {
    let n = x.len() / 2;
    otc_mmd_flow_step_outputs_f64 {
        struct_size: size_of::<otc_mmd_flow_step_outputs_f64>(),
        report: otc_report::default(),
        mmd_squared: SENTINEL,
        target_term: SENTINEL,
        x: view_mut(x, n, 2),
    }
}

#[test]
fn mmd_flow_step_equals_the_rust_api_for_both_kernels() {
    let (n, m) = (70, 40);
    let (x, a) = cloud(n, 0.0);
    let (y, b) = cloud(m, 0.5);
    let (xm, ym) = (
        Mat::from_fn(n, 2, |i, t| x[2 * i + t]),
        Mat::from_fn(m, 2, |i, t| y[2 * i + t]),
    );
    for (code, kernel) in [
        (OTC_MMD_KERNEL_ENERGY, MmdKernel::Energy),
        (OTC_MMD_KERNEL_GAUSSIAN, MmdKernel::Gaussian { sigma: 0.3 }),
    ] {
        let params = MmdParams {
            step: 0.05,
            kernel,
            num_threads: 1,
        };
        let mut want = Mat::<f64>::zeros(n, 2);
        let s = with_stack(mmd_flow_step_scratch(n, m, 2), |st| {
            mmd_flow_step_in_place(
                xm.as_ref(),
                ym.as_ref(),
                &a,
                &b,
                &params,
                None,
                want.as_mut(),
                Par::Seq,
                st,
            )
        })
        .unwrap()
        .unwrap();
        for threads in [1, 2, 3] {
            let mut o = defaults(otc_mmd_flow_step_options_default);
            o.num_threads = threads;
            o.kernel = code;
            o.sigma = 0.3;
            o.step = 0.05;
            let mut xo = vec![SENTINEL; 2 * n];
            let mut out = m_outputs(&mut xo);
            let p = m_problem(&x, &a, &y, &b, null());
            // SAFETY: valid structs; outputs disjoint from the inputs.
            let st = unsafe {
                with_work(
                    |bytes| otc_mmd_flow_step_workspace_size_f64(&p, &o, bytes),
                    |work| otc_mmd_flow_step_f64(&p, &mut out, &o, work),
                )
            };
            assert_eq!(st, OTC_OK, "{}", last_error_message());
            assert_eq!(
                (out.mmd_squared, out.target_term),
                (s.mmd_squared, s.target_term)
            );
            assert!(
                (0..n).all(|i| (0..2).all(|t| xo[2 * i + t] == want[(i, t)])),
                "{kernel:?}, {threads} threads"
            );
            // The target term handed back: the same step.
            let term = out.target_term;
            let p2 = m_problem(&x, &a, &y, &b, &term);
            let mut xo2 = vec![SENTINEL; 2 * n];
            let mut out2 = m_outputs(&mut xo2);
            // SAFETY: as above.
            assert_eq!(
                unsafe { otc_mmd_flow_step_f64(&p2, &mut out2, &o, NO_WORK) },
                OTC_OK
            );
            assert_eq!((xo2, out2.mmd_squared), (xo.clone(), out.mmd_squared));
        }
    }
}

fn j_problem(rho: &[f64], h: usize, potential: *const f64) -> otc_jko_step_problem_f64 {
    otc_jko_step_problem_f64 {
        struct_size: size_of::<otc_jko_step_problem_f64>(),
        rho: rho.as_ptr(),
        height: h,
        width: rho.len() / h,
        potential,
        init_dual: null(),
    }
}

fn j_outputs(next: &mut [f64]) -> otc_jko_step_outputs_f64 {
    otc_jko_step_outputs_f64 {
        struct_size: size_of::<otc_jko_step_outputs_f64>(),
        report: otc_report::default(),
        rho_next: next.as_mut_ptr(),
        dual: null_mut(),
    }
}

fn j_options(threads: u32) -> otc_jko_step_options {
    let mut o = defaults(otc_jko_step_options_default);
    o.num_threads = threads;
    o.epsilon = 2e-3;
    o.step = 2e-3;
    o
}

/// The Rust parameters of the C options `o`, on one thread.
fn j_params(o: &otc_jko_step_options) -> JkoParams {
    JkoParams {
        epsilon: o.epsilon,
        step: o.step,
        max_iter: o.max_iter as usize,
        tolerance: o.tol,
        num_threads: 1,
    }
}

#[test]
fn jko_step_equals_the_rust_api_for_every_thread_count() {
    let (h, w) = (20, 30);
    let rho: Vec<f64> = (0..h * w).map(|i| ((i * 13) % 17) as f64).collect();
    let v: Vec<f64> = (0..h * w).map(|i| (i % w) as f64 * 0.05).collect();
    let o = j_options(1);
    let params = j_params(&o);
    let (want, info) = jko_step(&rho, Some(&v), h, w, &params).unwrap();
    assert!(info.converged);
    for threads in [1, 2, 3] {
        let o = j_options(threads);
        let p = j_problem(&rho, h, v.as_ptr());
        let mut next = vec![SENTINEL; h * w];
        let mut out = j_outputs(&mut next);
        // SAFETY: valid structs; outputs disjoint from the inputs.
        let s = unsafe {
            with_work(
                |bytes| otc_jko_step_workspace_size_f64(&p, &o, bytes),
                |work| otc_jko_step_f64(&p, &mut out, &o, work),
            )
        };
        assert_eq!(s, OTC_OK, "{}", last_error_message());
        assert_eq!(next, want, "{threads} threads");
        assert_eq!(
            (out.report.iterations, out.report.error),
            (info.iterations as u64, info.error)
        );
    }
}

/// A C time loop keeping the dual across calls (two buffers, swapped): each step equals the
/// Rust warm step bit for bit (density, dual, report), the steps after the first take fewer
/// iterations than the cold ones, and a caller of the smaller struct without the dual
/// fields (an older header) gets the cold step.
#[test]
fn jko_steps_warm_started_from_the_returned_dual() {
    let (h, w) = (24, 20);
    let v: Vec<f64> = (0..h * w).map(|i| (i / w) as f64 * 0.04).collect();
    let mut rho: Vec<f64> = (0..h * w).map(|i| 1.0 + ((i * 7) % 5) as f64).collect();
    let o = j_options(1);
    let params = j_params(&o);
    let mut rust_dual = vec![0.0; h * w];
    let (mut given, mut got) = (vec![SENTINEL; h * w], vec![SENTINEL; h * w]);
    for step in 0..4 {
        let (want, info) = jko_step_warm(&rho, Some(&v), h, w, &params, &mut rust_dual).unwrap();
        let (cold, cold_info) = jko_step(&rho, Some(&v), h, w, &params).unwrap();
        let mut p = j_problem(&rho, h, v.as_ptr());
        if step > 0 {
            p.init_dual = given.as_ptr();
        }
        let mut next = vec![SENTINEL; h * w];
        let mut out = j_outputs(&mut next);
        out.dual = got.as_mut_ptr();
        // SAFETY: valid structs; outputs disjoint from the inputs.
        let s = unsafe {
            with_work(
                |bytes| otc_jko_step_workspace_size_f64(&p, &o, bytes),
                |work| otc_jko_step_f64(&p, &mut out, &o, work),
            )
        };
        assert_eq!(s, OTC_OK, "{}", last_error_message());
        assert_eq!((&next, &got), (&want, &rust_dual), "step {step}");
        assert_eq!(
            (out.report.iterations, out.report.error),
            (info.iterations as u64, info.error)
        );
        if step > 0 {
            assert!(info.iterations < cold_info.iterations, "step {step}");
        }
        // The older caller: structs without the trailing dual fields.
        let mut old_p = p;
        old_p.struct_size = std::mem::offset_of!(otc_jko_step_problem_f64, init_dual);
        let mut cold_next = vec![SENTINEL; h * w];
        let mut old_out = j_outputs(&mut cold_next);
        old_out.struct_size = std::mem::offset_of!(otc_jko_step_outputs_f64, dual);
        // SAFETY: valid structs of the stated (smaller) sizes.
        let s = unsafe { otc_jko_step_f64(&old_p, &mut old_out, &o, NO_WORK) };
        assert_eq!(s, OTC_OK, "{}", last_error_message());
        assert_eq!(
            cold_next, cold,
            "step {step}: the older caller's step is cold"
        );
        std::mem::swap(&mut given, &mut got);
        rho = next;
    }
}

#[test]
fn flow_steps_refuse_bad_input_and_write_nothing() {
    let (x, a) = cloud(4, 0.0);
    let (y, b) = cloud(3, 0.5);
    let mut xo = vec![SENTINEL; 8];
    let mut pots = vec![SENTINEL; 21];
    let base = w_outputs(&mut xo, pots.as_mut_ptr());
    let p = w_problem(&x, &a, &y, &b, null());
    let wrun = |p: *const otc_wasserstein_flow_step_problem_f64,
                out: *mut otc_wasserstein_flow_step_outputs_f64,
                o: *const otc_wasserstein_flow_step_options| {
        // SAFETY: every pointer is NULL or valid for what it states (the cases' point).
        unsafe { otc_wasserstein_flow_step_f64(p, out, o, NO_WORK) }
    };
    let mut out = base;
    refused(
        wrun(null(), &mut out, null()),
        OTC_ERR_NULL_POINTER,
        "problem",
        "NULL problem",
    );
    refused(
        wrun(&p, null_mut(), null()),
        OTC_ERR_NULL_POINTER,
        "out",
        "NULL out",
    );
    let zero_a = [0.5, 0.5, 0.0, 0.0];
    let mut nan_x = x.clone();
    nan_x[3] = f64::NAN;
    let cases: [(otc_wasserstein_flow_step_problem_f64, otc_status, &str); 5] = [
        (
            otc_wasserstein_flow_step_problem_f64 {
                a: zero_a.as_ptr(),
                ..p
            },
            OTC_ERR_INVALID_ARGUMENT,
            "a[2]",
        ),
        (
            otc_wasserstein_flow_step_problem_f64 {
                x: view(&nan_x, 4, 2),
                ..p
            },
            OTC_ERR_NON_FINITE,
            "x[1, 1]",
        ),
        (
            otc_wasserstein_flow_step_problem_f64 {
                y: view(&y, 2, 3),
                ..p
            },
            OTC_ERR_INVALID_DIMENSION,
            "problem->y 2x3",
        ),
        (
            otc_wasserstein_flow_step_problem_f64 { b: null(), ..p },
            OTC_ERR_NULL_POINTER,
            "problem->b",
        ),
        (
            otc_wasserstein_flow_step_problem_f64 {
                struct_size: 8,
                ..p
            },
            OTC_ERR_ABI_MISMATCH,
            "problem->struct_size",
        ),
    ];
    for (q, status, needle) in cases {
        refused(wrun(&q, &mut out, null()), status, needle, needle);
    }
    let mut heavy = b.clone();
    heavy[0] = 0.9;
    refused(
        wrun(
            &otc_wasserstein_flow_step_problem_f64 {
                b: heavy.as_ptr(),
                ..p
            },
            &mut out,
            null(),
        ),
        OTC_ERR_MASS_MISMATCH,
        "heavier",
        "mass",
    );
    // Outputs over inputs, a wrong shape, options.
    let mut o2 = base;
    o2.x.data = x.as_ptr() as *mut f64;
    refused(
        wrun(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "problem->x",
        "x over x",
    );
    let init = [0.0; 21];
    let q = w_problem(&x, &a, &y, &b, init.as_ptr());
    o2 = base;
    o2.potentials = init.as_ptr() as *mut f64;
    refused(
        wrun(&q, &mut o2, null()),
        OTC_ERR_ALIASING,
        "init_potentials",
        "potentials over init",
    );
    o2 = base;
    o2.x.rows = 3;
    refused(
        wrun(&p, &mut o2, null()),
        OTC_ERR_INVALID_DIMENSION,
        "out->x is 3x2",
        "x shape",
    );
    for (edit, status, needle) in [
        (
            (|o: &mut otc_wasserstein_flow_step_options| o.step = 0.0) as fn(&mut _),
            OTC_ERR_INVALID_ARGUMENT,
            "step",
        ),
        (|o| o.epsilon = -1.0, OTC_ERR_INVALID_ARGUMENT, "epsilon"),
        (|o| o.num_threads = 300, OTC_ERR_THREADS, "300"),
        (
            |o| o.struct_size += 8,
            OTC_ERR_ABI_MISMATCH,
            "opts->struct_size",
        ),
    ] {
        let mut o = w_options(1);
        edit(&mut o);
        refused(wrun(&p, &mut out, &o), status, needle, needle);
    }
    assert_eq!((out.divergence, out.report.status), (SENTINEL, 0));
    assert!(xo.iter().chain(&pots).all(|&v| v == SENTINEL));

    // MMD.
    let mut mx = vec![SENTINEL; 8];
    let mbase = m_outputs(&mut mx);
    let mp = m_problem(&x, &a, &y, &b, null());
    let mrun = |p: *const otc_mmd_flow_step_problem_f64,
                out: *mut otc_mmd_flow_step_outputs_f64,
                o: *const otc_mmd_flow_step_options| {
        // SAFETY: as above.
        unsafe { otc_mmd_flow_step_f64(p, out, o, NO_WORK) }
    };
    let mut mout = mbase;
    refused(
        mrun(null(), &mut mout, null()),
        OTC_ERR_NULL_POINTER,
        "problem",
        "NULL problem",
    );
    let inf = f64::INFINITY;
    refused(
        mrun(&m_problem(&x, &a, &y, &b, &inf), &mut mout, null()),
        OTC_ERR_NON_FINITE,
        "target_term",
        "target",
    );
    refused(
        mrun(&m_problem(&x, &zero_a, &y, &b, null()), &mut mout, null()),
        OTC_ERR_INVALID_ARGUMENT,
        "a[2]",
        "a",
    );
    let mut mo2 = mbase;
    mo2.x.data = y.as_ptr() as *mut f64;
    mo2.x.rows = 1;
    refused(
        mrun(&mp, &mut mo2, null()),
        OTC_ERR_INVALID_DIMENSION,
        "out->x is 1x2",
        "x shape",
    );
    for (edit, status, needle) in [
        (
            (|o: &mut otc_mmd_flow_step_options| o.kernel = 7) as fn(&mut _),
            OTC_ERR_INVALID_ARGUMENT,
            "opts->kernel = 7",
        ),
        (
            |o| {
                o.kernel = OTC_MMD_KERNEL_GAUSSIAN;
                o.sigma = f64::NAN;
            },
            OTC_ERR_INVALID_ARGUMENT,
            "sigma",
        ),
        (|o| o.step = -0.5, OTC_ERR_INVALID_ARGUMENT, "step"),
        (|o| o.num_threads = 257, OTC_ERR_THREADS, "257"),
    ] {
        let mut o = defaults(otc_mmd_flow_step_options_default);
        edit(&mut o);
        refused(mrun(&mp, &mut mout, &o), status, needle, needle);
    }
    assert_eq!((mout.mmd_squared, mout.target_term), (SENTINEL, SENTINEL));
    assert!(mx.iter().all(|&v| v == SENTINEL));

    // JKO.
    let h = 5;
    let rho = vec![0.04; 25];
    let mut next = vec![SENTINEL; 25];
    let jbase = j_outputs(&mut next);
    let jrun = |p: *const otc_jko_step_problem_f64,
                out: *mut otc_jko_step_outputs_f64,
                o: *const otc_jko_step_options| {
        // SAFETY: as above.
        unsafe { otc_jko_step_f64(p, out, o, NO_WORK) }
    };
    let jp = j_problem(&rho, h, null());
    let mut jout = jbase;
    let neg: Vec<f64> = (0..25).map(|i| if i == 4 { -1.0 } else { 0.1 }).collect();
    let mut nan_v = [0.0; 25];
    nan_v[6] = f64::NAN;
    let cases: [(otc_jko_step_problem_f64, otc_status, &str); 6] = [
        (
            otc_jko_step_problem_f64 { height: 0, ..jp },
            OTC_ERR_INVALID_DIMENSION,
            "problem->height = 0",
        ),
        (
            otc_jko_step_problem_f64 {
                width: usize::MAX,
                height: 3,
                ..jp
            },
            OTC_ERR_INVALID_DIMENSION,
            "h·w must fit",
        ),
        (
            otc_jko_step_problem_f64 {
                rho: neg.as_ptr(),
                ..jp
            },
            OTC_ERR_INVALID_ARGUMENT,
            "rho",
        ),
        (
            otc_jko_step_problem_f64 {
                potential: nan_v.as_ptr(),
                ..jp
            },
            OTC_ERR_NON_FINITE,
            "potential[6]",
        ),
        (
            otc_jko_step_problem_f64 { rho: null(), ..jp },
            OTC_ERR_NULL_POINTER,
            "problem->rho",
        ),
        (
            otc_jko_step_problem_f64 {
                init_dual: nan_v.as_ptr(),
                ..jp
            },
            OTC_ERR_NON_FINITE,
            "problem->init_dual[6]",
        ),
    ];
    for (q, status, needle) in cases {
        refused(jrun(&q, &mut jout, null()), status, needle, needle);
    }
    let mut jo2 = jbase;
    jo2.rho_next = rho.as_ptr() as *mut f64;
    refused(
        jrun(&jp, &mut jo2, null()),
        OTC_ERR_ALIASING,
        "problem->rho",
        "rho_next over rho",
    );
    for (edit, status, needle) in [
        (
            (|o: &mut otc_jko_step_options| o.epsilon = 0.0) as fn(&mut _),
            OTC_ERR_INVALID_ARGUMENT,
            "epsilon",
        ),
        (|o| o.max_iter = 0, OTC_ERR_INVALID_ARGUMENT, "max_iter"),
        (|o| o.tol = f64::NAN, OTC_ERR_INVALID_ARGUMENT, "tolerance"),
    ] {
        let mut o = j_options(1);
        edit(&mut o);
        refused(jrun(&jp, &mut jout, &o), status, needle, needle);
    }
    assert_eq!(jout.report.status, 0);
    assert!(next.iter().all(|&v| v == SENTINEL));
    let mut bytes = 0;
    // SAFETY: valid structs and output.
    let s = unsafe {
        otc_jko_step_workspace_size_f64(
            &otc_jko_step_problem_f64 { height: 0, ..jp },
            null(),
            &mut bytes,
        )
    };
    refused(
        s,
        OTC_ERR_INVALID_DIMENSION,
        "problem->height = 0",
        "query h = 0",
    );
}

/// Every output array of the three steps, placed over each of its inputs in turn (and the
/// Wasserstein step's two outputs over each other), is refused with `OTC_ERR_ALIASING`
/// naming the input, and nothing is written: the outputs struct and the real output
/// buffers keep their sentinels. Inputs sit in buffers long enough to hold any output, so
/// the refusal names the input whatever the heap's layout.
#[test]
fn flow_outputs_over_every_input_are_refused() {
    let (x, a) = cloud(4, 0.0);
    let (y, b) = cloud(3, 0.5);
    let (x, a, y, b) = (padded(&x), padded(&a), padded(&y), padded(&b));
    let (x, a, y, b) = (&x[..8], &a[..4], &y[..6], &b[..3]);
    let given = padded(&[0.25; 21]);
    let (mut xo, mut pots) = (vec![SENTINEL; 8], vec![SENTINEL; 21]);
    let wp = w_problem(x, a, y, b, given.as_ptr());
    let wbase = w_outputs(&mut xo, pots.as_mut_ptr());
    let w_inputs: [(*const f64, &str); 5] = [
        (x.as_ptr(), "problem->x"),
        (a.as_ptr(), "problem->a"),
        (y.as_ptr(), "problem->y"),
        (b.as_ptr(), "problem->b"),
        (given.as_ptr(), "problem->init_potentials"),
    ];
    let wrun = |out: &mut otc_wasserstein_flow_step_outputs_f64| {
        // SAFETY: every pointer is valid for what it states; the call refuses before writing.
        let s = unsafe { otc_wasserstein_flow_step_f64(&wp, out, null(), NO_WORK) };
        assert_eq!((out.report.status, out.divergence), (0, SENTINEL));
        s
    };
    for (input, name) in w_inputs {
        let mut out = wbase;
        out.x.data = input.cast_mut();
        refused(
            wrun(&mut out),
            OTC_ERR_ALIASING,
            name,
            "out->x over an input",
        );
        let mut out = wbase;
        out.potentials = input.cast_mut();
        refused(
            wrun(&mut out),
            OTC_ERR_ALIASING,
            name,
            "potentials over an input",
        );
    }
    let mut out = wbase;
    out.potentials = out.x.data;
    refused(
        wrun(&mut out),
        OTC_ERR_ALIASING,
        "out->",
        "potentials over out->x",
    );

    let target = padded(&[0.5]);
    let mp = m_problem(x, a, y, b, target.as_ptr());
    let mbase = m_outputs(&mut xo);
    let m_inputs: [(*const f64, &str); 5] = [
        (x.as_ptr(), "problem->x"),
        (a.as_ptr(), "problem->a"),
        (y.as_ptr(), "problem->y"),
        (b.as_ptr(), "problem->b"),
        (target.as_ptr(), "problem->target_term"),
    ];
    for (input, name) in m_inputs {
        let mut out = mbase;
        out.x.data = input.cast_mut();
        // SAFETY: as above.
        let s = unsafe { otc_mmd_flow_step_f64(&mp, &mut out, null(), NO_WORK) };
        refused(s, OTC_ERR_ALIASING, name, "mmd out->x over an input");
        assert_eq!((out.mmd_squared, out.target_term), (SENTINEL, SENTINEL));
    }

    let rho = padded(&[1.0 / 16.0; 16]);
    let potential = padded(&[0.5; 16]);
    let init_dual = padded(&[-0.25; 16]);
    let (rho, potential) = (&rho[..16], &potential[..16]);
    let (mut next, mut dual) = ([SENTINEL; 16], [SENTINEL; 16]);
    let mut jp = j_problem(rho, 4, potential.as_ptr());
    jp.init_dual = init_dual.as_ptr();
    let mut jbase = j_outputs(&mut next);
    jbase.dual = dual.as_mut_ptr();
    for (input, name) in [
        (rho.as_ptr(), "problem->rho"),
        (potential.as_ptr(), "problem->potential"),
        (init_dual.as_ptr(), "problem->init_dual"),
    ] {
        for (out_name, place) in [
            (
                "rho_next",
                (|o, x| o.rho_next = x) as fn(&mut otc_jko_step_outputs_f64, _),
            ),
            ("dual", |o, x| o.dual = x),
        ] {
            let mut out = jbase;
            place(&mut out, input.cast_mut());
            // SAFETY: as above.
            let s = unsafe { otc_jko_step_f64(&jp, &mut out, null(), NO_WORK) };
            refused(s, OTC_ERR_ALIASING, name, out_name);
            assert_eq!(out.report.status, 0);
        }
    }
    let mut out = jbase;
    out.dual = out.rho_next;
    // SAFETY: as above.
    let s = unsafe { otc_jko_step_f64(&jp, &mut out, null(), NO_WORK) };
    refused(s, OTC_ERR_ALIASING, "out->", "dual over rho_next");
    assert!(xo
        .iter()
        .chain(&pots)
        .chain(&next)
        .chain(&dual)
        .all(|&v| v == SENTINEL));
}
