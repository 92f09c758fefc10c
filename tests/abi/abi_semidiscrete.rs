//! The C ABI of the semi-discrete family (`otc_laguerre_assign_*`, `otc_semidiscrete_*`,
//! `otc_semidiscrete_sgd_*`, `otc_lloyd_*`) against a hostile caller: NULL structs and
//! pointers, zero and huge sizes, bad strides, every output aliasing an input or another
//! output (the outputs struct included), struct sizes, thread counts, non-finite inputs, the
//! two SGD sources, a failing sampler; and the wiring: values equal the Rust API's, callbacks
//! stop the solvers on the calling thread. Each bad input checks the status, the message and
//! that the outputs are untouched.

use crate::abi_support;
use abi_support::*;

use otcore::ffi::boundary::last_error_message;
use otcore::ffi::semidiscrete::*;
use otcore::ffi::shape::{otc_report, otc_workspace};
use otcore::ffi::status::*;
use otcore::ffi::view::*;
use otcore::semidiscrete::{LloydParams, SemiDiscreteParams, SgdParams};
use std::ffi::c_void;
use std::mem::size_of;
use std::ptr::{null, null_mut};

fn view32(data: &[f32], rows: usize, cols: usize) -> otc_matrix_f32 {
    otc_matrix_f32 {
        data: data.as_ptr(),
        rows,
        cols,
        row_stride: cols as isize,
        col_stride: 1,
    }
}

fn expect(status: otc_status, want: otc_status, message_has: &str) {
    let msg = last_error_message();
    assert_eq!(status, want, "status {status}, message {msg:?}");
    assert!(
        msg.contains(message_has),
        "message {msg:?} lacks {message_has:?}"
    );
}

/// The 20×20 grid of cell centres of the unit square, row-major (400 × 2).
fn grid() -> Vec<f64> {
    (0..400)
        .flat_map(|i| {
            [
                ((i % 20) as f64 + 0.5) / 20.0,
                ((i / 20) as f64 + 0.5) / 20.0,
            ]
        })
        .collect()
}

const SITES: [f64; 6] = [0.2, 0.3, 0.7, 0.4, 0.5, 0.8];
const B: [f64; 3] = [0.3, 0.3, 0.4];

fn sd_opts() -> otc_semidiscrete_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: valid pointer; the defaults initialise it.
    assert_eq!(
        unsafe { otc_semidiscrete_options_default(o.as_mut_ptr()) },
        OTC_OK
    );
    // SAFETY: initialised above.
    unsafe { o.assume_init() }
}

fn sgd_opts() -> otc_semidiscrete_sgd_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: as above.
    assert_eq!(
        unsafe { otc_semidiscrete_sgd_options_default(o.as_mut_ptr()) },
        OTC_OK
    );
    // SAFETY: initialised above.
    unsafe { o.assume_init() }
}

fn lloyd_opts() -> otc_lloyd_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: as above.
    assert_eq!(unsafe { otc_lloyd_options_default(o.as_mut_ptr()) }, OTC_OK);
    // SAFETY: initialised above.
    unsafe { o.assume_init() }
}

fn sd_problem(points: &[f64], sites: &[f64], b: &[f64]) -> otc_semidiscrete_problem_f64 {
    otc_semidiscrete_problem_f64 {
        struct_size: size_of::<otc_semidiscrete_problem_f64>(),
        points: view(points, points.len() / 2, 2),
        point_weights: null(),
        sites: view(sites, sites.len() / 2, 2),
        b: b.as_ptr(),
        initial_g: null(),
    }
}

fn sd_outputs(g: &mut [f64], masses: *mut f64) -> otc_semidiscrete_outputs_f64 {
    otc_semidiscrete_outputs_f64 {
        struct_size: size_of::<otc_semidiscrete_outputs_f64>(),
        report: otc_report::default(),
        mass_error: -1.0,
        epsilon: -1.0,
        step: -1.0,
        g: g.as_mut_ptr(),
        masses,
    }
}

/// The defaults of every options struct are the Rust core's.
#[test]
fn options_defaults_are_the_rust_defaults() {
    let (o, p) = (sd_opts(), SemiDiscreteParams::default());
    assert_eq!(o.struct_size, size_of::<otc_semidiscrete_options>());
    assert_eq!(
        (o.method, o.max_iter, o.tol, o.step, o.epsilon),
        (
            OTC_SEMIDISCRETE_NEWTON,
            p.max_iter as u64,
            p.tol,
            p.step,
            p.epsilon
        )
    );
    assert_eq!((o.num_threads, o.callback_every), (0, 0));
    assert!(o.callback.is_none() && o.callback_data.is_null());
    let (o, p) = (sgd_opts(), SgdParams::default());
    assert_eq!(
        (o.iterations, o.batch, o.step, o.seed),
        (p.iterations as u64, p.batch, p.step, 0)
    );
    let (o, p) = (lloyd_opts(), LloydParams::default());
    assert_eq!((o.max_iter, o.tol), (p.max_iter as u64, p.tol));
    // SAFETY: NULL is refused.
    expect(
        unsafe { otc_laguerre_assign_options_default(null_mut()) },
        OTC_ERR_NULL_POINTER,
        "opts is NULL",
    );
}

/// The semi-discrete entry point: g, masses and report equal the Rust API's; NULL options are
/// the defaults; an older struct_size (the released one) is accepted.
#[test]
fn semidiscrete_values_are_the_rust_apis() {
    let x = grid();
    for method in [OTC_SEMIDISCRETE_NEWTON, OTC_SEMIDISCRETE_GRADIENT] {
        let mut o = sd_opts();
        (o.method, o.tol, o.num_threads) = (method, 1e-3, 2);
        let p = sd_problem(&x, &SITES, &B);
        let (mut g, mut m) = ([9.0; 3], [9.0; 3]);
        let mut out = sd_outputs(&mut g, m.as_mut_ptr());
        // SAFETY: valid structs, arrays of their stated sizes.
        let s = unsafe { otc_semidiscrete_f64(&p, &mut out, &o, NO_WORK) };
        expect(s, OTC_OK, "");
        let params = SemiDiscreteParams {
            method: if method == 0 {
                otcore::semidiscrete::SemiDiscreteMethod::Newton
            } else {
                otcore::semidiscrete::SemiDiscreteMethod::Gradient
            },
            tol: 1e-3,
            ..Default::default()
        };
        let xm = faer::Mat::from_fn(400, 2, |i, k| x[2 * i + k]);
        let ym = faer::Mat::from_fn(3, 2, |j, k| SITES[2 * j + k]);
        let r = otcore::semidiscrete::semidiscrete(xm.as_ref(), None, ym.as_ref(), &B, &params, 1)
            .unwrap();
        assert_eq!((&g[..], &m[..]), (&r.g[..], &r.masses[..]));
        assert_eq!(out.report.iterations, r.info.iterations as u64);
        assert_eq!(out.report.error, r.info.smoothed_mass_error);
        assert_eq!(out.report.path, method);
        assert_eq!(out.report.status, OTC_OK);
        assert_eq!(
            (out.mass_error, out.epsilon, out.step),
            (r.info.mass_error, r.info.epsilon, r.info.step)
        );
        for (mj, bj) in m.iter().zip(B) {
            assert!((mj - bj).abs() < 2e-2, "{m:?}");
        }
    }
    // NULL options: Newton at tol 1e-6, the same as the defaults passed explicitly.
    let p = sd_problem(&x, &SITES, &B);
    let (mut g1, mut g2) = ([0.0; 3], [0.0; 3]);
    let mut out1 = sd_outputs(&mut g1, null_mut());
    let mut out2 = sd_outputs(&mut g2, null_mut());
    let mut o = sd_opts();
    o.struct_size = size_of::<otc_semidiscrete_options>();
    // SAFETY: valid structs.
    let s1 = unsafe { otc_semidiscrete_f64(&p, &mut out1, null(), NO_WORK) };
    // SAFETY: valid structs.
    let s2 = unsafe { otc_semidiscrete_f64(&p, &mut out2, &o, NO_WORK) };
    assert_eq!((s1, s2), (s2, out2.report.status));
    assert_eq!(g1, g2);
    assert_eq!(out1.report.path, OTC_SEMIDISCRETE_NEWTON);
}

/// Bad inputs of `otc_semidiscrete_f64`: status, message naming the argument, outputs
/// untouched.
#[test]
fn semidiscrete_refuses_bad_arguments_and_writes_nothing() {
    let x = grid();
    let nan_points = {
        let mut v = x.clone();
        v[7] = f64::NAN;
        v
    };
    type Edit = Box<dyn Fn(&mut otc_semidiscrete_problem_f64, &mut otc_semidiscrete_options)>;
    let nan = nan_points.as_ptr();
    let cases: Vec<(Edit, otc_status, &str)> = vec![
        (
            Box::new(|p, _| p.b = null()),
            OTC_ERR_NULL_POINTER,
            "problem->b is NULL",
        ),
        (
            Box::new(|p, _| p.points.data = null()),
            OTC_ERR_NULL_POINTER,
            "problem->points",
        ),
        (
            Box::new(|p, _| p.sites.rows = 0),
            OTC_ERR_INVALID_DIMENSION,
            "problem->sites",
        ),
        (
            Box::new(|p, _| p.points.rows = usize::MAX / 2),
            OTC_ERR_OVERFLOW,
            "problem->points",
        ),
        (
            Box::new(|p, _| p.struct_size = 0),
            OTC_ERR_ABI_MISMATCH,
            "problem->struct_size is 0",
        ),
        (
            Box::new(|p, _| p.struct_size = size_of::<otc_semidiscrete_problem_f64>() + 8),
            OTC_ERR_ABI_MISMATCH,
            "struct_size",
        ),
        (
            Box::new(|_, o| o.struct_size = 8),
            OTC_ERR_ABI_MISMATCH,
            "opts->struct_size is 8",
        ),
        (Box::new(|_, o| o.num_threads = 257), OTC_ERR_THREADS, "257"),
        (
            Box::new(|_, o| o.method = 5),
            OTC_ERR_INVALID_ARGUMENT,
            "opts->method = 5",
        ),
        (
            Box::new(|_, o| o.tol = 0.0),
            OTC_ERR_INVALID_ARGUMENT,
            "tol",
        ),
        (
            Box::new(move |p, _| p.points.data = nan),
            OTC_ERR_NON_FINITE,
            "points",
        ),
    ];
    for (k, (edit, want, msg)) in cases.into_iter().enumerate() {
        let mut p = sd_problem(&x, &SITES, &B);
        let mut o = sd_opts();
        o.num_threads = 1;
        edit(&mut p, &mut o);
        let (mut g, mut m) = ([-5.0; 3], [-6.0; 3]);
        let mut out = sd_outputs(&mut g, m.as_mut_ptr());
        let before = out.report;
        // SAFETY: the structs are valid; a lying size is checked before anything is read.
        let s = unsafe { otc_semidiscrete_f64(&p, &mut out, &o, NO_WORK) };
        expect(s, want, msg);
        assert_eq!((g, m), ([-5.0; 3], [-6.0; 3]), "case {k}");
        assert_eq!((out.report, out.mass_error), (before, -1.0), "case {k}");
    }
    // NULL problem, NULL out, NULL out->g.
    let p = sd_problem(&x, &SITES, &B);
    let mut g = [-5.0; 3];
    let mut out = sd_outputs(&mut g, null_mut());
    // SAFETY: NULL is refused before any read.
    expect(
        unsafe { otc_semidiscrete_f64(null(), &mut out, null(), NO_WORK) },
        OTC_ERR_NULL_POINTER,
        "problem is NULL",
    );
    // SAFETY: as above.
    expect(
        unsafe { otc_semidiscrete_f64(&p, null_mut(), null(), NO_WORK) },
        OTC_ERR_NULL_POINTER,
        "out is NULL",
    );
    out.g = null_mut();
    // SAFETY: as above.
    expect(
        unsafe { otc_semidiscrete_f64(&p, &mut out, null(), NO_WORK) },
        OTC_ERR_NULL_POINTER,
        "out->g is NULL",
    );
    assert_eq!(out.mass_error, -1.0);
}

/// Every output of `otc_semidiscrete_f64` against an input and another output, the outputs
/// struct included: the case was the 40-byte `info` written over a 3-double array;
/// the outputs struct now takes its place and is checked like any output.
#[test]
fn semidiscrete_outputs_that_alias_are_refused() {
    let x = grid();
    // The outputs struct lives in a buffer of doubles whose first three are also `b`.
    let words = size_of::<otc_semidiscrete_outputs_f64>() / 8;
    let mut buf = vec![0.0f64; words];
    let mut g = [-5.0; 3];
    let mut m = [-6.0; 3];
    let out_ptr = buf.as_mut_ptr() as *mut otc_semidiscrete_outputs_f64;
    let p = sd_problem(&x, &SITES, &buf[..3]);
    // SAFETY: the buffer is large enough and aligned for the struct.
    unsafe { out_ptr.write(sd_outputs(&mut g, m.as_mut_ptr())) };
    // SAFETY: valid structs; `b` overlaps the outputs struct.
    let s = unsafe { otc_semidiscrete_f64(&p, out_ptr, null(), NO_WORK) };
    expect(s, OTC_ERR_ALIASING, "output out overlaps problem->b");
    assert_eq!((g, m), ([-5.0; 3], [-6.0; 3]));

    let mut b = B;
    let p = sd_problem(&x, &SITES, &b);
    let cases: [(*mut f64, *mut f64, &str); 4] = [
        (
            b.as_mut_ptr(),
            m.as_mut_ptr(),
            "output out->g overlaps problem->b",
        ),
        (
            g.as_mut_ptr(),
            g.as_mut_ptr(),
            "output out->g overlaps out->masses",
        ),
        (
            g.as_mut_ptr(),
            x.as_ptr() as *mut f64,
            "output out->masses overlaps problem->points",
        ),
        (
            g.as_mut_ptr(),
            &p as *const _ as *mut f64,
            "output out->masses overlaps problem",
        ),
    ];
    for (gp, mp, msg) in cases {
        let mut out = sd_outputs(&mut [0.0; 3], mp);
        out.g = gp;
        // SAFETY: valid structs; the overlap is refused before anything is written.
        let s = unsafe { otc_semidiscrete_f64(&p, &mut out, null(), NO_WORK) };
        expect(s, OTC_ERR_ALIASING, msg);
        assert_eq!(out.mass_error, -1.0);
    }
    assert_eq!(b, B);
    // out->g inside the outputs struct itself.
    let mut out = sd_outputs(&mut g, null_mut());
    out.g = &mut out.epsilon;
    // SAFETY: as above.
    let s = unsafe { otc_semidiscrete_f64(&p, &mut out, null(), NO_WORK) };
    expect(s, OTC_ERR_ALIASING, "output out overlaps out->g");
}

/// A recorded callback: (iteration, error, on the calling thread); stops at its first call.
struct Seen {
    caller: std::thread::ThreadId,
    calls: Vec<(u64, f64, bool)>,
}

unsafe extern "C" fn stop_at_first(data: *mut c_void, iteration: u64, error: f64) -> i32 {
    // SAFETY: the tests pass a `Seen` as data.
    let seen = unsafe { &mut *(data as *mut Seen) };
    let here = std::thread::current().id() == seen.caller;
    seen.calls.push((iteration, error, here));
    1
}

fn seen() -> Seen {
    Seen {
        caller: std::thread::current().id(),
        calls: Vec::new(),
    }
}

/// The callbacks of the three iterative ops: stopping at the first call gives
/// `OTC_WARN_CANCELLED`, valid outputs, few iterations, the callback's error equal to
/// `report.error`, on the calling thread with 2 threads.
#[test]
fn callbacks_stop_every_iterative_op_on_the_calling_thread() {
    let x = grid();
    // Semi-discrete, gradient method (one check per step).
    let mut s = seen();
    let mut o = sd_opts();
    (o.method, o.num_threads, o.tol) = (OTC_SEMIDISCRETE_GRADIENT, 2, 1e-9);
    o.callback_every = 2;
    o.callback = Some(stop_at_first);
    o.callback_data = &mut s as *mut Seen as *mut c_void;
    let p = sd_problem(&x, &SITES, &B);
    let (mut g, mut m) = ([9.0; 3], [9.0; 3]);
    let mut out = sd_outputs(&mut g, m.as_mut_ptr());
    // SAFETY: valid structs; the callback gets `s`.
    let st = unsafe { otc_semidiscrete_f64(&p, &mut out, &o, NO_WORK) };
    expect(st, OTC_WARN_CANCELLED, "callback");
    assert_eq!(s.calls.len(), 1);
    assert_eq!(s.calls[0].0, 2);
    assert!(s.calls[0].2, "callback off the calling thread");
    assert_eq!(
        (out.report.status, out.report.iterations),
        (OTC_WARN_CANCELLED, 2)
    );
    assert_eq!(out.report.error, s.calls[0].1);
    assert!(g.iter().sum::<f64>().abs() < 1e-12 && g.iter().all(|v| v.is_finite()));
    assert!((m.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{m:?}");

    // SGD from a sample array.
    let mut s = seen();
    let mut o = sgd_opts();
    o.num_threads = 2;
    o.callback_every = 5;
    o.callback = Some(stop_at_first);
    o.callback_data = &mut s as *mut Seen as *mut c_void;
    let p = sgd_array_problem(&x, &SITES, &B);
    let mut g = [9.0; 3];
    let mut out = sgd_outputs(&mut g);
    // SAFETY: valid structs.
    let st = unsafe { otc_semidiscrete_sgd_f64(&p, &mut out, &o, NO_WORK) };
    expect(st, OTC_WARN_CANCELLED, "callback");
    assert_eq!(s.calls.len(), 1);
    assert!(s.calls[0].2);
    assert_eq!(out.report.iterations, 5);
    assert_eq!(out.report.error, s.calls[0].1);
    assert!(out.report.error > 0.0 && out.report.error <= 1.0);
    assert!(g.iter().sum::<f64>().abs() < 1e-12 && g != [9.0; 3]);

    // Lloyd.
    let mut s = seen();
    let mut o = lloyd_opts();
    o.num_threads = 2;
    o.callback_every = 1;
    o.callback = Some(stop_at_first);
    o.callback_data = &mut s as *mut Seen as *mut c_void;
    let p = lloyd_problem(&x, &SITES);
    let mut y = [9.0; 6];
    let mut out = lloyd_outputs(&mut y);
    // SAFETY: valid structs.
    let st = unsafe { otc_lloyd_f64(&p, &mut out, &o, NO_WORK) };
    expect(st, OTC_WARN_CANCELLED, "callback");
    assert_eq!((s.calls.len(), s.calls[0].0, s.calls[0].2), (1, 1, true));
    assert_eq!(out.report.iterations, 1);
    assert_eq!(out.report.error, s.calls[0].1);
    // One Lloyd step, as the Rust API takes it.
    let xm = faer::Mat::from_fn(400, 2, |i, k| x[2 * i + k]);
    let ym = faer::Mat::from_fn(3, 2, |j, k| SITES[2 * j + k]);
    let one = LloydParams {
        max_iter: 1,
        tol: 0.0,
    };
    let (y1, info) = otcore::semidiscrete::lloyd(xm.as_ref(), None, ym.as_ref(), &one, 1).unwrap();
    for j in 0..3 {
        assert_eq!([y[2 * j], y[2 * j + 1]], [y1[(j, 0)], y1[(j, 1)]]);
    }
    assert_eq!(out.distortion, info.distortion);
    assert_eq!(out.report.error, info.last_move);
}

fn sgd_array_problem(points: &[f64], sites: &[f64], b: &[f64]) -> otc_semidiscrete_sgd_problem_f64 {
    otc_semidiscrete_sgd_problem_f64 {
        struct_size: size_of::<otc_semidiscrete_sgd_problem_f64>(),
        sites: view(sites, sites.len() / 2, 2),
        b: b.as_ptr(),
        sample: None,
        sample_data: null_mut(),
        points: view(points, points.len() / 2, 2),
        point_weights: null(),
    }
}

fn sgd_sampler_problem(
    sample: otc_sample_fn,
    sites: &[f64],
    dim: usize,
    b: &[f64],
) -> otc_semidiscrete_sgd_problem_f64 {
    otc_semidiscrete_sgd_problem_f64 {
        struct_size: size_of::<otc_semidiscrete_sgd_problem_f64>(),
        sites: view(sites, sites.len() / dim, dim),
        b: b.as_ptr(),
        sample,
        sample_data: null_mut(),
        points: otc_matrix_f64 {
            data: null(),
            rows: 0,
            cols: 0,
            row_stride: 0,
            col_stride: 0,
        },
        point_weights: null(),
    }
}

fn sgd_outputs(g: &mut [f64]) -> otc_semidiscrete_sgd_outputs_f64 {
    otc_semidiscrete_sgd_outputs_f64 {
        struct_size: size_of::<otc_semidiscrete_sgd_outputs_f64>(),
        report: otc_report::default(),
        step: -1.0,
        g: g.as_mut_ptr(),
    }
}

fn lloyd_problem(points: &[f64], sites: &[f64]) -> otc_lloyd_problem_f64 {
    otc_lloyd_problem_f64 {
        struct_size: size_of::<otc_lloyd_problem_f64>(),
        points: view(points, points.len() / 2, 2),
        point_weights: null(),
        sites: view(sites, sites.len() / 2, 2),
    }
}

fn lloyd_outputs(sites: &mut [f64]) -> otc_lloyd_outputs_f64 {
    let n = sites.len() / 2;
    otc_lloyd_outputs_f64 {
        struct_size: size_of::<otc_lloyd_outputs_f64>(),
        report: otc_report::default(),
        distortion: -1.0,
        sites: view_mut(sites, n, 2),
    }
}

unsafe extern "C" fn refusing_sampler(_: *mut c_void, _: usize, _: *mut f64) -> i32 {
    7
}

/// SGD's two sources: exactly one must be given; a failing sampler keeps its status; the
/// sample-array form equals the Rust API's for the same seed, in f64 and f32.
#[test]
fn sgd_sources_are_exactly_one_and_values_are_the_rust_apis() {
    let x = grid();
    let mut o = sgd_opts();
    (o.iterations, o.batch, o.seed, o.num_threads) = (300, 16, 5, 1);
    let mut g = [-3.0; 3];
    // Both sources.
    let mut p = sgd_array_problem(&x, &SITES, &B);
    p.sample = Some(refusing_sampler);
    let mut out = sgd_outputs(&mut g);
    // SAFETY: valid structs.
    let s = unsafe { otc_semidiscrete_sgd_f64(&p, &mut out, &o, NO_WORK) };
    expect(s, OTC_ERR_INVALID_ARGUMENT, "both given");
    // Neither.
    p.sample = None;
    p.points.data = null();
    // SAFETY: valid structs.
    let s = unsafe { otc_semidiscrete_sgd_f64(&p, &mut out, &o, NO_WORK) };
    expect(s, OTC_ERR_NULL_POINTER, "both NULL");
    let mut bytes = 7;
    // SAFETY: valid structs.
    let s = unsafe { otc_semidiscrete_sgd_workspace_size_f64(&p, &o, &mut bytes) };
    expect(s, OTC_ERR_NULL_POINTER, "both NULL");
    assert_eq!(bytes, 7);
    // A refusing sampler.
    let p = sgd_sampler_problem(Some(refusing_sampler), &SITES, 2, &B);
    // SAFETY: valid structs; the sampler writes nothing.
    let s = unsafe { otc_semidiscrete_sgd_f64(&p, &mut out, &o, NO_WORK) };
    expect(s, OTC_ERR_INVALID_ARGUMENT, "the sampler returned 7");
    assert_eq!((g, out.step), ([-3.0; 3], -1.0));

    // The sample array, f64 and f32, against the Rust API.
    let p = sgd_array_problem(&x, &SITES, &B);
    let mut out = sgd_outputs(&mut g);
    // SAFETY: valid structs.
    let s = unsafe { otc_semidiscrete_sgd_f64(&p, &mut out, &o, NO_WORK) };
    expect(s, OTC_OK, "");
    let params = SgdParams {
        iterations: 300,
        batch: 16,
        step: 0.0,
    };
    let xm = faer::Mat::from_fn(400, 2, |i, k| x[2 * i + k]);
    let ym = faer::Mat::from_fn(3, 2, |j, k| SITES[2 * j + k]);
    let (want, info) = otcore::semidiscrete::semidiscrete_sgd_from_samples(
        xm.as_ref(),
        None,
        ym.as_ref(),
        &B,
        &params,
        5,
        1,
    )
    .unwrap();
    assert_eq!(&g[..], &want[..]);
    assert_eq!(out.step, info.step);
    assert_eq!(out.report.iterations, 300);
    assert_eq!(out.report.error, info.batch_mass_error);

    let (x32, s32, b32): (Vec<f32>, Vec<f32>, Vec<f32>) = (
        x.iter().map(|&v| v as f32).collect(),
        SITES.iter().map(|&v| v as f32).collect(),
        B.iter().map(|&v| v as f32).collect(),
    );
    let p32 = otc_semidiscrete_sgd_problem_f32 {
        struct_size: size_of::<otc_semidiscrete_sgd_problem_f32>(),
        sites: view32(&s32, 3, 2),
        b: b32.as_ptr(),
        sample: None,
        sample_data: null_mut(),
        points: view32(&x32, 400, 2),
        point_weights: null(),
    };
    let mut g32 = [0.0f32; 3];
    let mut out32 = otc_semidiscrete_sgd_outputs_f32 {
        struct_size: size_of::<otc_semidiscrete_sgd_outputs_f32>(),
        report: otc_report::default(),
        step: 0.0,
        g: g32.as_mut_ptr(),
    };
    let mut bytes = 0;
    // SAFETY: valid structs.
    expect(
        unsafe { otc_semidiscrete_sgd_workspace_size_f32(&p32, &o, &mut bytes) },
        OTC_OK,
        "",
    );
    let mut work = vec![0u8; bytes];
    let w = otc_workspace {
        data: work.as_mut_ptr().cast(),
        bytes,
    };
    // SAFETY: valid structs and a workspace of the queried size.
    let s = unsafe { otc_semidiscrete_sgd_f32(&p32, &mut out32, &o, w) };
    expect(s, OTC_OK, "");
    let x32m = faer::Mat::from_fn(400, 2, |i, k| x32[2 * i + k]);
    let y32m = faer::Mat::from_fn(3, 2, |j, k| s32[2 * j + k]);
    let (want32, _) = otcore::semidiscrete::semidiscrete_sgd_from_samples(
        x32m.as_ref(),
        None,
        y32m.as_ref(),
        &b32,
        &params,
        5,
        1,
    )
    .unwrap();
    assert_eq!(&g32[..], &want32[..]);
}

/// SGD with batch = SIZE_MAX/16: the workspace query overflows; batch = INT_MAX: the query
/// states the O(batch·dim) bytes and the call is out of memory here (or, on a machine that can
/// hold it, stops at the sampler's refusal); it never aborts and never writes g.
#[test]
fn sgd_with_huge_batches_never_aborts() {
    let sites = [0.0, 0.0, 1.0, 1.0];
    let b = [0.5, 0.5];
    let mut g = [-3.0; 2];
    let mut o = sgd_opts();
    o.num_threads = 1;
    let p = sgd_sampler_problem(Some(refusing_sampler), &sites, 2, &b);
    let mut bytes = 0;
    o.batch = usize::MAX / 16;
    // SAFETY: valid structs.
    let s = unsafe { otc_semidiscrete_sgd_workspace_size_f64(&p, &o, &mut bytes) };
    expect(s, OTC_ERR_OVERFLOW, "");
    o.batch = i32::MAX as usize;
    // SAFETY: valid structs.
    let s = unsafe { otc_semidiscrete_sgd_workspace_size_f64(&p, &o, &mut bytes) };
    assert_eq!(s, OTC_OK);
    assert!(bytes >= (i32::MAX as usize) * 2 * 8, "{bytes} bytes");
    let mut out = sgd_outputs(&mut g);
    // SAFETY: valid structs.
    let s = unsafe { otc_semidiscrete_sgd_f64(&p, &mut out, &o, NO_WORK) };
    let msg = last_error_message();
    assert!(
        (s == OTC_ERR_OUT_OF_MEMORY && msg.contains("cannot allocate"))
            || (s == OTC_ERR_INVALID_ARGUMENT && msg.contains("the sampler returned 7")),
        "status {s}: {msg}"
    );
    assert_eq!(g, [-3.0; 2]);
}

/// SGD whose first batch holds a sample at −1e300 (finite): the automatic step is unusable;
/// refused, g untouched. With the step given, the outlier falls in one cell and g is finite.
#[test]
fn sgd_with_a_far_sample_is_never_ok_with_non_finite_g() {
    unsafe extern "C" fn far_sampler(_: *mut c_void, count: usize, out: *mut f64) -> i32 {
        for i in 0..count {
            let x = if i == 0 { -1e300 } else { (i % 3) as f64 / 3.0 };
            // SAFETY: the solver hands `count` rows of 1 value.
            unsafe { *out.add(i) = x };
        }
        0
    }
    let sites = [0.0, 1.0];
    let b = [0.5, 0.5];
    let mut o = sgd_opts();
    (o.iterations, o.batch, o.num_threads) = (50, 8, 1);
    let p = sgd_sampler_problem(Some(far_sampler), &sites, 1, &b);
    for step in [0.0, 0.1] {
        o.step = step;
        let mut g = [-7.0; 2];
        let mut out = sgd_outputs(&mut g);
        // SAFETY: valid structs.
        let s = unsafe { otc_semidiscrete_sgd_f64(&p, &mut out, &o, NO_WORK) };
        if step == 0.0 {
            expect(s, OTC_ERR_NUMERICAL, "automatic step");
            assert_eq!(g, [-7.0; 2]);
        } else {
            expect(s, OTC_OK, "");
            assert!(g.iter().all(|x| x.is_finite()), "{g:?}");
            assert!((g[0] + g[1]).abs() < 1e-12, "zero mean: {g:?}");
        }
    }
}

/// The sampler of an SGD call makes a failing otcore call of its own, then supplies its
/// samples: the outer call succeeds and leaves no stale message behind.
#[test]
fn a_samplers_failed_call_leaves_no_message_after_success() {
    unsafe extern "C" fn sampler(_: *mut c_void, count: usize, out: *mut f64) -> i32 {
        // SAFETY: NULL structs are refused before anything is read.
        let s = unsafe { otc_lloyd_f64(null(), null_mut(), null(), NO_WORK) };
        assert_eq!(s, OTC_ERR_NULL_POINTER);
        assert!(!last_error_message().is_empty());
        for i in 0..count {
            // SAFETY: the solver hands `count` rows of 1 value.
            unsafe { *out.add(i) = (i % 2) as f64 };
        }
        0
    }
    let sites = [0.0, 1.0];
    let b = [0.5, 0.5];
    let mut g = [0.0; 2];
    let mut o = sgd_opts();
    (o.iterations, o.batch, o.num_threads) = (20, 4, 1);
    let p = sgd_sampler_problem(Some(sampler), &sites, 1, &b);
    let mut out = sgd_outputs(&mut g);
    // SAFETY: valid structs.
    let s = unsafe { otc_semidiscrete_sgd_f64(&p, &mut out, &o, NO_WORK) };
    assert_eq!(s, OTC_OK, "{}", last_error_message());
    assert_eq!(last_error_message(), "");
}

fn laguerre_problem(
    points: otc_matrix_f64,
    sites: &[f64],
    g: &[f64],
) -> otc_laguerre_assign_problem_f64 {
    otc_laguerre_assign_problem_f64 {
        struct_size: size_of::<otc_laguerre_assign_problem_f64>(),
        points,
        point_weights: null(),
        sites: view(sites, sites.len() / 2, 2),
        g: g.as_ptr(),
    }
}

fn laguerre_outputs(cells: &mut [u32], masses: *mut f64) -> otc_laguerre_assign_outputs_f64 {
    otc_laguerre_assign_outputs_f64 {
        struct_size: size_of::<otc_laguerre_assign_outputs_f64>(),
        report: otc_report::default(),
        empty_cells: 99,
        cells: cells.as_mut_ptr(),
        masses,
    }
}

/// Laguerre cells: a broadcast view of 2^20 identical points is fine and right (all in the
/// nearer cell, one empty cell); the f32 entry point equals the Rust API; bad inputs.
#[test]
fn laguerre_assign_wiring_and_bad_arguments() {
    let p0 = [0.25, 0.0];
    let points = otc_matrix_f64 {
        data: p0.as_ptr(),
        rows: 1 << 20,
        cols: 2,
        row_stride: 0,
        col_stride: 1,
    };
    let sites = [0.0, 0.0, 1.0, 0.0];
    let g = [0.0; 2];
    let mut cells = vec![9u32; 1 << 20];
    let mut masses = [-1.0; 2];
    let p = laguerre_problem(points, &sites, &g);
    let mut out = laguerre_outputs(&mut cells, masses.as_mut_ptr());
    // SAFETY: `cells` holds 2^20 entries, the other arrays their stated sizes.
    let s = unsafe { otc_laguerre_assign_f64(&p, &mut out, null(), NO_WORK) };
    expect(s, OTC_OK, "");
    assert!(cells.iter().all(|&c| c == 0));
    assert_eq!((masses, out.empty_cells), ([1.0, 0.0], 1));
    assert_eq!((out.report.status, out.report.iterations), (OTC_OK, 0));

    // Bad inputs: cells NULL, cells over g, masses over the outputs struct, a huge view,
    // threads, struct sizes.
    let mut small = [7u32; 4];
    let p = laguerre_problem(
        view(&[0.1, 0.2, 0.3, 0.4, 0.9, 0.9, 0.5, 0.5], 4, 2),
        &sites,
        &g,
    );
    let mut cases: Vec<(otc_laguerre_assign_outputs_f64, otc_status, &str)> = Vec::new();
    let mut o = laguerre_outputs(&mut small, null_mut());
    o.cells = null_mut();
    cases.push((o, OTC_ERR_NULL_POINTER, "out->cells is NULL"));
    let mut o = laguerre_outputs(&mut small, null_mut());
    o.cells = g.as_ptr() as *mut u32;
    cases.push((o, OTC_ERR_ALIASING, "output out->cells overlaps problem->g"));
    let mut o = laguerre_outputs(&mut small, null_mut());
    o.masses = sites.as_ptr() as *mut f64;
    cases.push((
        o,
        OTC_ERR_ALIASING,
        "output out->masses overlaps problem->sites",
    ));
    let mut o = laguerre_outputs(&mut small, null_mut());
    o.struct_size = 3;
    cases.push((o, OTC_ERR_ABI_MISMATCH, "out->struct_size is 3"));
    for (mut o, want, msg) in cases {
        // SAFETY: valid structs; refused before anything is written.
        let s = unsafe { otc_laguerre_assign_f64(&p, &mut o, null(), NO_WORK) };
        expect(s, want, msg);
        assert_eq!((small, o.empty_cells), ([7; 4], 99));
    }
    let mut o = laguerre_outputs(&mut small, null_mut());
    let ptr = &mut o as *mut otc_laguerre_assign_outputs_f64;
    // SAFETY: `ptr` is `o`, alive and not otherwise borrowed.
    unsafe { (*ptr).masses = ptr as *mut f64 };
    // SAFETY: as above.
    let s = unsafe { otc_laguerre_assign_f64(&p, ptr, null(), NO_WORK) };
    expect(s, OTC_ERR_ALIASING, "output out overlaps out->masses");
    let opts = otc_laguerre_assign_options {
        struct_size: size_of::<otc_laguerre_assign_options>(),
        num_threads: 257,
    };
    let mut o = laguerre_outputs(&mut small, null_mut());
    // SAFETY: as above.
    let s = unsafe { otc_laguerre_assign_f64(&p, &mut o, &opts, NO_WORK) };
    expect(s, OTC_ERR_THREADS, "257");
    let mut huge = p;
    huge.points.rows = usize::MAX / 4;
    let mut bytes = 5;
    // SAFETY: the lying size is refused before any read.
    let s = unsafe { otc_laguerre_assign_f64(&huge, &mut o, null(), NO_WORK) };
    expect(s, OTC_ERR_OVERFLOW, "problem->points");
    let mut huge = p;
    huge.sites.rows = usize::MAX / 4;
    // SAFETY: as above.
    let s = unsafe { otc_laguerre_assign_workspace_size_f64(&huge, null(), &mut bytes) };
    expect(s, OTC_ERR_OVERFLOW, "problem->sites");
    assert_eq!((small, bytes), ([7; 4], 5));

    // f32 through C equals the Rust API, a workspace of the queried size.
    let x: Vec<f32> = grid().iter().map(|&v| v as f32).collect();
    let y: Vec<f32> = SITES.iter().map(|&v| v as f32).collect();
    let gw = [0.01f32, -0.02, 0.0];
    let p32 = otc_laguerre_assign_problem_f32 {
        struct_size: size_of::<otc_laguerre_assign_problem_f32>(),
        points: view32(&x, 400, 2),
        point_weights: null(),
        sites: view32(&y, 3, 2),
        g: gw.as_ptr(),
    };
    // SAFETY: valid structs.
    expect(
        unsafe { otc_laguerre_assign_workspace_size_f32(&p32, null(), &mut bytes) },
        OTC_OK,
        "",
    );
    let mut work = vec![0u8; bytes];
    let (mut cells, mut masses) = (vec![0u32; 400], [0.0; 3]);
    let mut out = otc_laguerre_assign_outputs_f32 {
        struct_size: size_of::<otc_laguerre_assign_outputs_f32>(),
        report: otc_report::default(),
        empty_cells: 9,
        cells: cells.as_mut_ptr(),
        masses: masses.as_mut_ptr(),
    };
    let w = otc_workspace {
        data: work.as_mut_ptr().cast(),
        bytes,
    };
    // SAFETY: valid structs and workspace.
    expect(
        unsafe { otc_laguerre_assign_f32(&p32, &mut out, null(), w) },
        OTC_OK,
        "",
    );
    let xm = faer::Mat::from_fn(400, 2, |i, k| x[2 * i + k]);
    let ym = faer::Mat::from_fn(3, 2, |j, k| y[2 * j + k]);
    let (want, want_masses) =
        otcore::semidiscrete::laguerre_assign(xm.as_ref(), None, ym.as_ref(), &gw, 1).unwrap();
    assert_eq!(cells, want);
    assert_eq!(&masses[..], &want_masses[..]);
    assert_eq!(out.empty_cells, 0);
}

/// Lloyd: bad inputs (outputs aliasing, an output view addressing elements twice, sizes that
/// disagree, tol < 0); f32 values equal the Rust API's and reach the fixed point.
#[test]
fn lloyd_wiring_and_bad_arguments() {
    let x = grid();
    let p = lloyd_problem(&x, &SITES);
    let mut y = [-4.0; 6];
    let pts = x.clone();
    let p_alias = lloyd_problem(&pts, &SITES);
    type Edit = Box<dyn Fn(&mut otc_lloyd_outputs_f64)>;
    let pts_ptr = pts.as_ptr() as *mut f64;
    let cases: Vec<(Edit, otc_status, &str)> = vec![
        (
            Box::new(move |o| o.sites.data = pts_ptr),
            OTC_ERR_ALIASING,
            "output out->sites overlaps problem->points",
        ),
        (
            Box::new(|o| o.sites.row_stride = 0),
            OTC_ERR_INVALID_STRIDE,
            "addresses some elements twice",
        ),
        (
            Box::new(|o| o.sites.rows = 2),
            OTC_ERR_INVALID_DIMENSION,
            "out->sites is 2x2",
        ),
        (
            Box::new(|o| o.sites.data = null_mut()),
            OTC_ERR_NULL_POINTER,
            "out->sites",
        ),
    ];
    for (edit, want, msg) in cases {
        let mut out = lloyd_outputs(&mut y);
        edit(&mut out);
        // SAFETY: valid structs; refused before anything is written.
        let s = unsafe { otc_lloyd_f64(&p_alias, &mut out, null(), NO_WORK) };
        expect(s, want, msg);
        assert_eq!((y, out.distortion), ([-4.0; 6], -1.0));
    }
    assert_eq!(pts, x);
    let mut o = lloyd_opts();
    o.tol = -1.0;
    let mut out = lloyd_outputs(&mut y);
    // SAFETY: valid structs.
    let s = unsafe { otc_lloyd_f64(&p, &mut out, &o, NO_WORK) };
    expect(s, OTC_ERR_INVALID_ARGUMENT, "tol");
    assert_eq!(y, [-4.0; 6]);

    // f32, default options: to the fixed point, equal to the Rust API.
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let s32: Vec<f32> = SITES.iter().map(|&v| v as f32).collect();
    let p32 = otc_lloyd_problem_f32 {
        struct_size: size_of::<otc_lloyd_problem_f32>(),
        points: view32(&x32, 400, 2),
        point_weights: null(),
        sites: view32(&s32, 3, 2),
    };
    let mut y32 = [0.0f32; 6];
    let mut out32 = otc_lloyd_outputs_f32 {
        struct_size: size_of::<otc_lloyd_outputs_f32>(),
        report: otc_report::default(),
        distortion: -1.0,
        // Column-major output: any distinct strides.
        sites: otc_matrix_mut_f32 {
            data: y32.as_mut_ptr(),
            rows: 3,
            cols: 2,
            row_stride: 1,
            col_stride: 3,
        },
    };
    // SAFETY: valid structs.
    let s = unsafe { otc_lloyd_f32(&p32, &mut out32, null(), NO_WORK) };
    expect(s, OTC_OK, "");
    let xm = faer::Mat::from_fn(400, 2, |i, k| x32[2 * i + k]);
    let ym = faer::Mat::from_fn(3, 2, |j, k| s32[2 * j + k]);
    let (want, info) =
        otcore::semidiscrete::lloyd(xm.as_ref(), None, ym.as_ref(), &LloydParams::default(), 1)
            .unwrap();
    for j in 0..3 {
        assert_eq!([y32[j], y32[3 + j]], [want[(j, 0)], want[(j, 1)]]);
    }
    assert_eq!(out32.distortion, info.distortion);
    assert_eq!(
        (out32.report.iterations, out32.report.error),
        (info.iterations as u64, 0.0)
    );
    assert!(info.iterations > 1 && info.last_move == 0.0, "{info:?}");
}
