//! The C ABI of entropic partial OT (`otc_sinkhorn_partial_f64`): its values equal the Rust
//! API's and the plan it writes is the duals' formula; a caller's workspace gives the same
//! bits; the iteration cap and the callback give their warnings with valid outputs; a hostile
//! caller (NULLs, sizes, strides, aliasing, struct sizes, threads, bad numbers) gets the
//! status, a message naming the argument, and untouched outputs.

use crate::abi_support;
use abi_support::*;

use otcore::ffi::shape::{otc_report, otc_workspace};
use otcore::ffi::sinkhorn_partial::*;
use otcore::ffi::status::*;
use otcore::sinkhorn::{self, Cost, EntropicPartialParams};
use std::ffi::c_void;
use std::mem::size_of;
use std::ptr::{null, null_mut};

/// Weights a (n), b (m) and a row-major n × m cost (squared distances of points on a line),
/// from a fixed LCG.
fn data(n: usize, m: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut s = 11u64;
    let mut next = || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let a: Vec<f64> = (0..n).map(|_| 0.1 + next()).collect();
    let b: Vec<f64> = (0..m).map(|_| 0.1 + next()).collect();
    let (x, y): (Vec<f64>, Vec<f64>) = (
        (0..n).map(|_| next()).collect(),
        (0..m).map(|_| next()).collect(),
    );
    let c = (0..n * m).map(|k| (x[k / m] - y[k % m]).powi(2)).collect();
    (a, b, c)
}

struct Buffers {
    f: Vec<f64>,
    g: Vec<f64>,
    plan: Vec<f64>,
}

impl Buffers {
    fn new(n: usize, m: usize) -> Self {
        Buffers {
            f: vec![SENTINEL; n],
            g: vec![SENTINEL; m],
            plan: vec![SENTINEL; n * m],
        }
    }
    fn outputs(&mut self, n: usize, m: usize) -> otc_sinkhorn_partial_outputs_f64 {
        otc_sinkhorn_partial_outputs_f64 {
            struct_size: size_of::<otc_sinkhorn_partial_outputs_f64>(),
            report: otc_report::default(),
            entropic_ot: SENTINEL,
            transport_cost: SENTINEL,
            transported_mass: SENTINEL,
            mass_price: SENTINEL,
            f: self.f.as_mut_ptr(),
            g: self.g.as_mut_ptr(),
            plan: view_mut(&mut self.plan, n, m),
        }
    }
    fn untouched(&self) -> bool {
        self.f
            .iter()
            .chain(&self.g)
            .chain(&self.plan)
            .all(|&x| x == SENTINEL)
    }
}

fn problem(a: &[f64], b: &[f64], c: &[f64], mass: f64) -> otc_sinkhorn_partial_problem_f64 {
    otc_sinkhorn_partial_problem_f64 {
        struct_size: size_of::<otc_sinkhorn_partial_problem_f64>(),
        a: a.as_ptr(),
        n: a.len(),
        b: b.as_ptr(),
        m: b.len(),
        cost: view(c, a.len(), b.len()),
        mass,
    }
}

fn run(
    p: *const otc_sinkhorn_partial_problem_f64,
    out: *mut otc_sinkhorn_partial_outputs_f64,
    o: *const otc_sinkhorn_partial_options,
    work: otc_workspace,
) -> otc_status {
    // SAFETY: every pointer is NULL or valid for what it states (the cases' point).
    unsafe { otc_sinkhorn_partial_f64(p, out, o, work) }
}

#[test]
fn values_equal_the_rust_api_and_the_plan_is_the_duals_formula() {
    let (n, m) = (9, 7);
    let (a, b, c) = data(n, m);
    let mass = 0.5 * a.iter().sum::<f64>().min(b.iter().sum());
    let mut opts = defaults(otc_sinkhorn_partial_options_default);
    opts.epsilon = 0.02;
    opts.tolerance = 1e-12;
    opts.num_threads = 1;
    let p = problem(&a, &b, &c, mass);
    let mut buf = Buffers::new(n, m);
    let mut out = buf.outputs(n, m);
    assert_eq!(run(&p, &mut out, &opts, NO_WORK), OTC_OK);
    let params = EntropicPartialParams {
        epsilon: 0.02,
        tolerance: 1e-12,
        num_threads: 1,
        ..EntropicPartialParams::default()
    };
    let cm = faer::MatRef::from_row_major_slice(&c, n, m);
    let r = sinkhorn::sinkhorn_partial(Cost::Dense(cm), &a, &b, mass, &params).unwrap();
    assert_eq!((&buf.f, &buf.g), (&r.f, &r.g));
    assert_eq!(
        (out.entropic_ot, out.mass_price, out.transported_mass),
        (r.info.dual, r.info.mass_price, r.info.mass)
    );
    assert_eq!(
        (out.report.iterations, out.report.error),
        (r.info.iterations as u64, r.info.marginal_error)
    );
    assert!(out.report.error <= 1e-12 && out.report.status == OTC_OK);
    let mut tc = 0.0;
    for (i, (&ai, &fi)) in a.iter().zip(&r.f).enumerate() {
        for (j, (&bj, &gj)) in b.iter().zip(&r.g).enumerate() {
            let k = i * m + j;
            let want = ai * bj * ((fi + gj + r.info.mass_price - c[k]) / 0.02).exp();
            assert!(
                (buf.plan[k] - want).abs() <= 1e-15 * (1.0 + want),
                "({i}, {j})"
            );
            tc += c[k] * buf.plan[k];
        }
    }
    assert!(
        (out.transport_cost - tc).abs() <= 1e-14,
        "{} vs {tc}",
        out.transport_cost
    );
    assert!((buf.plan.iter().sum::<f64>() - mass).abs() <= 1e-12);

    // The caller's workspace, at any alignment, gives the same bits.
    let mut bytes = 0usize;
    // SAFETY: valid problem and options, `bytes` writable.
    let st = unsafe { otc_sinkhorn_partial_workspace_size_f64(&p, &opts, &mut bytes) };
    assert_eq!(st, OTC_OK);
    let mut work = vec![0u8; bytes + 1];
    let mut buf2 = Buffers::new(n, m);
    let mut out2 = buf2.outputs(n, m);
    let w = otc_workspace {
        data: work[1..].as_mut_ptr() as *mut c_void,
        bytes,
    };
    assert_eq!(run(&p, &mut out2, &opts, w), OTC_OK);
    assert_eq!((&buf2.f, &buf2.g, &buf2.plan), (&buf.f, &buf.g, &buf.plan));
    let short = otc_workspace {
        data: work.as_mut_ptr() as *mut c_void,
        bytes: 64,
    };
    let mut buf3 = Buffers::new(n, m);
    let mut out3 = buf3.outputs(n, m);
    refused(
        run(&p, &mut out3, &opts, short),
        OTC_ERR_WORKSPACE_TOO_SMALL,
        "workspace",
        "short workspace",
    );
    assert!(buf3.untouched() && out3.entropic_ot == SENTINEL);
}

unsafe extern "C" fn stop_at_once(_data: *mut c_void, _iteration: u64, _error: f64) -> i32 {
    1
}

#[test]
fn the_cap_and_the_callback_give_warnings_with_valid_outputs() {
    let (n, m) = (6, 8);
    let (a, b, c) = data(n, m);
    // 0.9 of the lighter side: capacities bind, the iteration takes many steps.
    let p = problem(&a, &b, &c, 0.9 * a.iter().sum::<f64>().min(b.iter().sum()));
    let mut opts = defaults(otc_sinkhorn_partial_options_default);
    opts.epsilon = 0.001;
    opts.max_iter = 3;
    let mut buf = Buffers::new(n, m);
    let mut out = buf.outputs(n, m);
    refused(
        run(&p, &mut out, &opts, NO_WORK),
        OTC_WARN_MAX_ITER,
        "max_iter",
        "cap",
    );
    assert_eq!(
        (out.report.status, out.report.iterations),
        (OTC_WARN_MAX_ITER, 3)
    );
    assert!(out.report.error > 0.0 && buf.f.iter().all(|&f| f <= 0.0));
    assert!((out.transported_mass - p.mass).abs() <= 1e-15);
    opts.max_iter = 1000;
    opts.callback = Some(stop_at_once);
    opts.callback_every = 1;
    let mut buf = Buffers::new(n, m);
    let mut out = buf.outputs(n, m);
    refused(
        run(&p, &mut out, &opts, NO_WORK),
        OTC_WARN_CANCELLED,
        "callback",
        "cancel",
    );
    assert_eq!(out.report.iterations, 10);
    assert!(buf.g.iter().all(|&g| g <= 0.0));
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let (n, m) = (3, 4);
    let (a, b, c) = data(n, m);
    let p = problem(&a, &b, &c, 0.5);
    let mut buf = Buffers::new(n, m);
    let base = buf.outputs(n, m);
    let mut out = base;
    let d = defaults(otc_sinkhorn_partial_options_default);
    refused(
        run(null(), &mut out, &d, NO_WORK),
        OTC_ERR_NULL_POINTER,
        "problem",
        "NULL problem",
    );
    refused(
        run(&p, null_mut(), &d, NO_WORK),
        OTC_ERR_NULL_POINTER,
        "out",
        "NULL out",
    );
    let cases: [(otc_sinkhorn_partial_problem_f64, otc_status, &str); 8] = [
        (
            otc_sinkhorn_partial_problem_f64 { n: 0, ..p },
            OTC_ERR_INVALID_DIMENSION,
            "problem->n",
        ),
        (
            otc_sinkhorn_partial_problem_f64 { m: 5, ..p },
            OTC_ERR_INVALID_DIMENSION,
            "problem->cost",
        ),
        (
            otc_sinkhorn_partial_problem_f64 { b: null(), ..p },
            OTC_ERR_NULL_POINTER,
            "problem->b",
        ),
        (
            otc_sinkhorn_partial_problem_f64 { mass: 50.0, ..p },
            OTC_ERR_INVALID_ARGUMENT,
            "mass",
        ),
        (
            otc_sinkhorn_partial_problem_f64 { mass: 0.0, ..p },
            OTC_ERR_INVALID_ARGUMENT,
            "mass",
        ),
        (
            otc_sinkhorn_partial_problem_f64 {
                mass: f64::NAN,
                ..p
            },
            OTC_ERR_INVALID_ARGUMENT,
            "mass",
        ),
        (
            otc_sinkhorn_partial_problem_f64 {
                cost: otc_matrix_f64_huge(&c),
                n: 1 << 40,
                m: 1 << 40,
                ..p
            },
            OTC_ERR_OVERFLOW,
            "problem->cost",
        ),
        (
            otc_sinkhorn_partial_problem_f64 {
                struct_size: 8,
                ..p
            },
            OTC_ERR_ABI_MISMATCH,
            "struct_size",
        ),
    ];
    for (k, (q, code, needle)) in cases.iter().enumerate() {
        refused(
            run(q, &mut out, &d, NO_WORK),
            *code,
            needle,
            &format!("case {k}"),
        );
    }
    let mut nan = c.clone();
    nan[5] = f64::NAN;
    let q = otc_sinkhorn_partial_problem_f64 {
        cost: view(&nan, n, m),
        ..p
    };
    refused(
        run(&q, &mut out, &d, NO_WORK),
        OTC_ERR_NON_FINITE,
        "[1, 1]",
        "NaN cost",
    );
    let mut neg = a.clone();
    neg[2] = -1.0;
    let q = otc_sinkhorn_partial_problem_f64 {
        a: neg.as_ptr(),
        ..p
    };
    refused(
        run(&q, &mut out, &d, NO_WORK),
        OTC_ERR_INVALID_ARGUMENT,
        "a[2]",
        "negative weight",
    );
    for (set, needle) in [
        (
            &(|o: &mut otc_sinkhorn_partial_options| o.epsilon = 0.0) as &dyn Fn(&mut _),
            "epsilon",
        ),
        (
            &|o: &mut otc_sinkhorn_partial_options| o.tolerance = -1.0,
            "tolerance",
        ),
        (
            &|o: &mut otc_sinkhorn_partial_options| o.max_iter = 0,
            "max_iter",
        ),
        (
            &|o: &mut otc_sinkhorn_partial_options| o.mass_tolerance = f64::NAN,
            "mass_tolerance",
        ),
    ] {
        let mut o = d;
        set(&mut o);
        refused(
            run(&p, &mut out, &o, NO_WORK),
            OTC_ERR_INVALID_ARGUMENT,
            needle,
            needle,
        );
    }
    let mut o = d;
    o.num_threads = 257;
    refused(
        run(&p, &mut out, &o, NO_WORK),
        OTC_ERR_THREADS,
        "257",
        "threads",
    );
    type Outputs = otc_sinkhorn_partial_outputs_f64;
    type Spoil<'a> = &'a dyn Fn(&mut Outputs);
    let cost_ptr = c.as_ptr() as *mut f64;
    let bad_outputs: [(Spoil, otc_status, &str); 5] = [
        (
            &|o| o.plan.data = cost_ptr,
            OTC_ERR_ALIASING,
            "out->plan overlaps problem->cost",
        ),
        (&|o| o.g = o.f, OTC_ERR_ALIASING, "out->f overlaps out->g"),
        (
            &|o| o.plan.row_stride = 0,
            OTC_ERR_INVALID_STRIDE,
            "out->plan",
        ),
        (&|o| o.plan.rows = 2, OTC_ERR_INVALID_DIMENSION, "out->plan"),
        (
            &|o| o.struct_size = size_of::<Outputs>() + 8,
            OTC_ERR_ABI_MISMATCH,
            "out->struct_size",
        ),
    ];
    for (set, code, needle) in bad_outputs {
        let mut o2 = base;
        set(&mut o2);
        refused(run(&p, &mut o2, &d, NO_WORK), code, needle, needle);
    }
    assert!(buf.untouched());
    assert_eq!(
        (
            out.entropic_ot,
            out.transport_cost,
            out.mass_price,
            out.report.status
        ),
        (SENTINEL, SENTINEL, SENTINEL, 0)
    );
}

/// A 2^40 × 2^40 broadcast view of `c`'s first value.
fn otc_matrix_f64_huge(c: &[f64]) -> otcore::ffi::view::otc_matrix_f64 {
    otcore::ffi::view::otc_matrix_f64 {
        data: c.as_ptr(),
        rows: 1 << 40,
        cols: 1 << 40,
        row_stride: 0,
        col_stride: 0,
    }
}
