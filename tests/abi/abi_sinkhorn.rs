//! The C ABI of the Sinkhorn family (`otc_sinkhorn_*`, `otc_sinkhorn_divergence_*`) against a
//! hostile caller: NULLs, sizes, strides, aliasing of every output, struct sizes, thread caps,
//! non-finite inputs, each with its status, its message and untouched outputs; the callback;
//! and the wiring: the C entry points' values equal the Rust API's.

use crate::abi_support;
use abi_support::*;

use otcore::ffi::boundary::last_error_message;
use otcore::ffi::cost::OTC_METRIC_EUCLIDEAN;
use otcore::ffi::shape::{otc_report, otc_workspace};
use otcore::ffi::sinkhorn::*;
use otcore::ffi::status::*;
use otcore::ffi::view::{otc_matrix_f32, otc_matrix_f64, otc_matrix_mut_f32, otc_matrix_mut_f64};
use otcore::sinkhorn::{self, Cost, Params, Path};
use std::ffi::c_void;
use std::mem::size_of;
use std::ptr::{null, null_mut};

const N: usize = 5;
const M: usize = 4;
const D: usize = 2;
const SENTINEL: f64 = -7.0;
const NO_VIEW: otc_matrix_f64 = otc_matrix_f64 {
    data: null(),
    rows: 0,
    cols: 0,
    row_stride: 0,
    col_stride: 0,
};
const NO_OUT: otc_matrix_mut_f64 = otc_matrix_mut_f64 {
    data: null_mut(),
    rows: 0,
    cols: 0,
    row_stride: 0,
    col_stride: 0,
};

/// A change to the options.
type SetOption = fn(&mut otc_sinkhorn_options);

/// Points, weights and the squared Euclidean cost of a small problem.
struct Data {
    x: Vec<f64>,
    y: Vec<f64>,
    a: Vec<f64>,
    b: Vec<f64>,
    c: Vec<f64>,
    cxx: Vec<f64>,
    cyy: Vec<f64>,
}

fn sq_cost(x: &[f64], n: usize, y: &[f64], m: usize) -> Vec<f64> {
    let mut c = vec![0.0; n * m];
    for i in 0..n {
        for j in 0..m {
            c[i * m + j] = (0..D).map(|t| (x[i * D + t] - y[j * D + t]).powi(2)).sum();
        }
    }
    c
}

fn data() -> Data {
    let x: Vec<f64> = (0..N * D).map(|k| (0.9 * k as f64).sin()).collect();
    let y: Vec<f64> = (0..M * D).map(|k| (0.4 * k as f64).cos()).collect();
    let a: Vec<f64> = (0..N).map(|i| (1 + i) as f64 / 15.0).collect();
    let b = vec![0.25; M];
    let c = sq_cost(&x, N, &y, M);
    let cxx = sq_cost(&x, N, &x, N);
    let cyy = sq_cost(&y, M, &y, M);
    Data {
        x,
        y,
        a,
        b,
        c,
        cxx,
        cyy,
    }
}

fn opts() -> otc_sinkhorn_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: a valid pointer to one options struct.
    assert_eq!(
        unsafe { otc_sinkhorn_options_default(o.as_mut_ptr()) },
        OTC_OK
    );
    // SAFETY: filled above.
    let mut o = unsafe { o.assume_init() };
    o.epsilon = 0.1;
    o.tolerance = 1e-12;
    o.max_iter = 100_000;
    o.num_threads = 1;
    o
}

fn div_opts() -> otc_sinkhorn_divergence_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: a valid pointer to one options struct.
    assert_eq!(
        unsafe { otc_sinkhorn_divergence_options_default(o.as_mut_ptr()) },
        OTC_OK
    );
    // SAFETY: filled above.
    let mut o = unsafe { o.assume_init() };
    o.epsilon = 0.1;
    o.tolerance = 1e-7;
    o.max_iter = 100_000;
    o.num_threads = 1;
    o
}

fn dense_problem(d: &Data) -> otc_sinkhorn_problem_f64 {
    otc_sinkhorn_problem_f64 {
        struct_size: size_of::<otc_sinkhorn_problem_f64>(),
        a: d.a.as_ptr(),
        n: N,
        b: d.b.as_ptr(),
        m: M,
        cost: view(&d.c, N, M),
        x: NO_VIEW,
        y: NO_VIEW,
        metric: 0,
        init_f: null(),
        init_g: null(),
    }
}

fn points_problem(d: &Data) -> otc_sinkhorn_problem_f64 {
    otc_sinkhorn_problem_f64 {
        cost: NO_VIEW,
        x: view(&d.x, N, D),
        y: view(&d.y, M, D),
        ..dense_problem(d)
    }
}

/// Outputs of every kind with sentinel values, owning their arrays.
struct Outs {
    f: Vec<f64>,
    g: Vec<f64>,
    plan: Vec<f64>,
    map: Vec<f64>,
    gx: Vec<f64>,
    gy: Vec<f64>,
    ga: Vec<f64>,
    gb: Vec<f64>,
}

impl Outs {
    fn new() -> Self {
        Outs {
            f: vec![SENTINEL; N],
            g: vec![SENTINEL; M],
            plan: vec![SENTINEL; N * M],
            map: vec![SENTINEL; N * D],
            gx: vec![SENTINEL; N * D],
            gy: vec![SENTINEL; M * D],
            ga: vec![SENTINEL; N],
            gb: vec![SENTINEL; M],
        }
    }
    /// The outputs struct: potentials and plan, plus map and gradients for points.
    fn outputs(&mut self, points: bool) -> otc_sinkhorn_outputs_f64 {
        let mut o = otc_sinkhorn_outputs_f64 {
            struct_size: size_of::<otc_sinkhorn_outputs_f64>(),
            report: otc_report {
                status: -1,
                ..Default::default()
            },
            entropic_ot: SENTINEL,
            transport_cost: SENTINEL,
            mass: SENTINEL,
            f: self.f.as_mut_ptr(),
            g: self.g.as_mut_ptr(),
            plan: view_mut(&mut self.plan, N, M),
            map: NO_OUT,
            grad_x: NO_OUT,
            grad_y: NO_OUT,
            grad_a: null_mut(),
            grad_b: null_mut(),
        };
        if points {
            o.map = view_mut(&mut self.map, N, D);
            o.grad_x = view_mut(&mut self.gx, N, D);
            o.grad_y = view_mut(&mut self.gy, M, D);
            o.grad_a = self.ga.as_mut_ptr();
            o.grad_b = self.gb.as_mut_ptr();
        }
        o
    }
    fn untouched(&self) -> bool {
        [
            &self.f, &self.g, &self.plan, &self.map, &self.gx, &self.gy, &self.ga, &self.gb,
        ]
        .iter()
        .all(|v| v.iter().all(|&x| x == SENTINEL))
    }
}

fn run(
    p: &otc_sinkhorn_problem_f64,
    out: &mut otc_sinkhorn_outputs_f64,
    o: &otc_sinkhorn_options,
) -> otc_status {
    // SAFETY: every pointer in the structs is valid for its stated size (or NULL), as each
    // test arranges.
    unsafe { otc_sinkhorn_f64(p, out, o, NO_WORK) }
}

/// A refused call: its status, a message naming `names`, nothing written.
#[track_caller]
fn refused(
    status: otc_status,
    want: otc_status,
    names: &str,
    outs: &Outs,
    out: &otc_sinkhorn_outputs_f64,
) {
    let msg = last_error_message();
    assert_eq!(status, want, "{msg}");
    assert!(msg.contains(names), "message {msg:?} should name {names}");
    assert!(outs.untouched(), "outputs written on error: {msg}");
    assert_eq!(
        (out.report.status, out.entropic_ot, out.mass),
        (-1, SENTINEL, SENTINEL),
        "outputs struct written on error"
    );
}

#[test]
fn the_c_entry_point_equals_the_rust_api_dense_and_points() {
    let d = data();
    let o = opts();
    let params = Params {
        epsilon: 0.1,
        tolerance: 1e-12,
        max_iter: 100_000,
        num_threads: 1,
        ..Params::default()
    };
    let c = faer::MatRef::from_row_major_slice(&d.c, N, M);
    let want = sinkhorn::sinkhorn(Cost::Dense(c), &d.a, &d.b, None, &params).unwrap();
    let want_tc =
        sinkhorn::transport_cost(Cost::Dense(c), &d.a, &d.b, &want.f, &want.g, 0.1).unwrap();
    let mut outs = Outs::new();
    let mut out = outs.outputs(false);
    assert_eq!(
        run(&dense_problem(&d), &mut out, &o),
        OTC_OK,
        "{}",
        last_error_message()
    );
    assert_eq!(outs.f, want.f);
    assert_eq!(outs.g, want.g);
    assert_eq!(out.entropic_ot, want.info.dual);
    assert_eq!(out.transport_cost, want_tc);
    assert_eq!(out.mass, want.info.mass);
    assert_eq!(out.report.error, want.info.marginal_error);
    assert_eq!(out.report.iterations, want.info.iterations as u64);
    assert_eq!(out.report.path, OTC_SINKHORN_PATH_KERNEL);
    assert_eq!(want.info.path, Path::Kernel);
    assert_eq!(out.report.status, OTC_OK);
    assert!(out.report.seconds >= 0.0);
    // The plan: P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε).
    for i in 0..N {
        for j in 0..M {
            let p = d.a[i] * d.b[j] * ((want.f[i] + want.g[j] - d.c[i * M + j]) / 0.1).exp();
            assert!((outs.plan[i * M + j] - p).abs() <= 1e-15, "{i} {j}");
        }
    }

    // Points: the same values as the Rust API on the on-the-fly cost, and its gradients.
    let (x, y) = (
        faer::MatRef::from_row_major_slice(&d.x, N, D),
        faer::MatRef::from_row_major_slice(&d.y, M, D),
    );
    let wp = sinkhorn::sinkhorn(Cost::SqEuclidean { x, y }, &d.a, &d.b, None, &params).unwrap();
    let grads = sinkhorn::ot_gradient(x, y, &d.a, &d.b, &wp.f, &wp.g, &params).unwrap();
    let map = sinkhorn::barycentric_map(Cost::SqEuclidean { x, y }, &d.a, &d.b, &wp.f, &wp.g, 0.1)
        .unwrap();
    let mut outs = Outs::new();
    let mut out = outs.outputs(true);
    assert_eq!(
        run(&points_problem(&d), &mut out, &o),
        OTC_OK,
        "{}",
        last_error_message()
    );
    assert_eq!(outs.f, wp.f);
    assert_eq!(out.entropic_ot, wp.info.dual);
    assert_eq!(out.report.path, OTC_SINKHORN_PATH_LOG_DOMAIN);
    for i in 0..N {
        for t in 0..D {
            assert_eq!(outs.gx[i * D + t], grads.x[(i, t)]);
            assert_eq!(outs.map[i * D + t], map[(i, t)]);
        }
    }
    assert_eq!(outs.ga, grads.a);
    assert_eq!(outs.gb, grads.b);
}

#[test]
fn every_option_reaches_the_solver() {
    let d = data();
    let c = faer::MatRef::from_row_major_slice(&d.c, N, M);
    let mut o = opts();
    o.path = OTC_SINKHORN_PATH_LOG_DOMAIN;
    o.over_relaxation = 0.0;
    o.eps_scaling_steps = 3;
    o.eps_scaling_iters = 7;
    o.eps_scaling_start = 2.0;
    o.check_every = 3;
    o.rho_a = 0.7;
    o.penalty = OTC_SINKHORN_PENALTY_TV;
    o.mass_tolerance = 1e-3;
    let params = Params {
        epsilon: 0.1,
        tolerance: 1e-12,
        max_iter: 100_000,
        num_threads: 1,
        path: Path::LogDomain,
        over_relaxation: 0.0,
        scaling: sinkhorn::Scaling {
            steps: 3,
            iters_per_step: 7,
            start: 2.0,
        },
        check_every: 3,
        rho_a: 0.7,
        penalty: sinkhorn::Penalty::Tv,
        mass_tolerance: 1e-3,
        ..Params::default()
    };
    let want = sinkhorn::sinkhorn(Cost::Dense(c), &d.a, &d.b, None, &params).unwrap();
    let mut outs = Outs::new();
    let mut out = outs.outputs(false);
    let s = run(&dense_problem(&d), &mut out, &o);
    let status = if want.info.converged {
        OTC_OK
    } else {
        OTC_WARN_MAX_ITER
    };
    assert_eq!(s, status, "{}", last_error_message());
    assert_eq!(outs.f, want.f);
    assert_eq!(
        out.report.iterations,
        (want.info.iterations + want.info.scaling_iterations) as u64
    );
    // The kernel path with a byte cap too small for it: Auto falls back to log-domain passes.
    let mut o = opts();
    o.kernel_memory_cap = 8;
    let mut out = outs.outputs(false);
    assert_eq!(run(&dense_problem(&d), &mut out, &o), OTC_OK);
    assert_eq!(out.report.path, OTC_SINKHORN_PATH_LOG_DOMAIN);
    o.symmetric = 1;
    let mut out = outs.outputs(false);
    assert_eq!(run(&dense_problem(&d), &mut out, &o), OTC_OK);
    o.symmetric = 2;
    let mut outs = Outs::new();
    let mut out = outs.outputs(false);
    let s = run(&dense_problem(&d), &mut out, &o);
    refused(s, OTC_ERR_INVALID_ARGUMENT, "symmetric", &outs, &out);
    let bad: [(&str, SetOption); 6] = [
        ("opts->path", |o| o.path = 4),
        ("opts->penalty", |o| o.penalty = -1),
        ("epsilon", |o| o.epsilon = 0.0),
        ("over_relaxation", |o| o.over_relaxation = 2.0),
        ("check_every", |o| o.check_every = 0),
        // 2^64 stages of no iteration would never end.
        ("eps_scaling iters", |o| {
            o.eps_scaling_steps = u64::MAX;
            o.eps_scaling_iters = 0;
        }),
    ];
    for (field, set) in bad {
        let mut o = opts();
        set(&mut o);
        let mut out = outs.outputs(false);
        let s = run(&dense_problem(&d), &mut out, &o);
        refused(s, OTC_ERR_INVALID_ARGUMENT, field, &outs, &out);
    }
}

#[test]
fn null_pointers_are_refused_with_their_names() {
    let d = data();
    let o = opts();
    let mut outs = Outs::new();
    let mut out = outs.outputs(false);
    // SAFETY: NULL problem / outputs are checked before any read.
    let s = unsafe { otc_sinkhorn_f64(null(), &mut out, &o, NO_WORK) };
    refused(s, OTC_ERR_NULL_POINTER, "problem", &outs, &out);
    // SAFETY: as above.
    let s = unsafe { otc_sinkhorn_f64(&dense_problem(&d), null_mut(), &o, NO_WORK) };
    assert_eq!(s, OTC_ERR_NULL_POINTER);
    assert!(last_error_message().contains("out"));
    for (name, p) in [
        (
            "problem->a",
            otc_sinkhorn_problem_f64 {
                a: null(),
                ..dense_problem(&d)
            },
        ),
        (
            "problem->b",
            otc_sinkhorn_problem_f64 {
                b: null(),
                ..dense_problem(&d)
            },
        ),
        (
            "give exactly one form",
            otc_sinkhorn_problem_f64 {
                cost: NO_VIEW,
                ..dense_problem(&d)
            },
        ),
    ] {
        let mut out = outs.outputs(false);
        let s = run(&p, &mut out, &o);
        let want = if name.starts_with("problem->") {
            OTC_ERR_NULL_POINTER
        } else {
            OTC_ERR_INVALID_ARGUMENT
        };
        refused(s, want, name, &outs, &out);
    }
    // NULL options are the defaults; NULL optional outputs are not wanted.
    let mut bare = otc_sinkhorn_outputs_f64 {
        f: null_mut(),
        g: null_mut(),
        plan: NO_OUT,
        ..outs.outputs(false)
    };
    // SAFETY: valid problem, outputs without arrays.
    let s = unsafe { otc_sinkhorn_f64(&dense_problem(&d), &mut bare, null(), NO_WORK) };
    assert!(
        s == OTC_OK || s == OTC_WARN_MAX_ITER,
        "{}",
        last_error_message()
    );
    assert!(bare.entropic_ot.is_finite() && bare.report.iterations > 0);
    assert!(outs.untouched());
    // The workspace query: NULL bytes.
    // SAFETY: NULL is checked.
    let s = unsafe { otc_sinkhorn_workspace_size_f64(&dense_problem(&d), &o, null_mut()) };
    assert_eq!(s, OTC_ERR_NULL_POINTER);
}

#[test]
fn sizes_forms_and_strides_are_checked() {
    let d = data();
    let o = opts();
    let mut outs = Outs::new();
    let cases: Vec<(otc_sinkhorn_problem_f64, otc_status, &str)> = vec![
        (
            otc_sinkhorn_problem_f64 {
                n: 0,
                ..dense_problem(&d)
            },
            OTC_ERR_INVALID_DIMENSION,
            "problem->n = 0",
        ),
        (
            otc_sinkhorn_problem_f64 {
                n: N + 1,
                ..dense_problem(&d)
            },
            OTC_ERR_INVALID_DIMENSION,
            "problem->cost is 5x4",
        ),
        (
            otc_sinkhorn_problem_f64 {
                n: 1 << 60,
                ..dense_problem(&d)
            },
            OTC_ERR_INVALID_DIMENSION,
            "problem->cost",
        ),
        (
            otc_sinkhorn_problem_f64 {
                x: view(&d.x, N, D),
                y: view(&d.y, M, D),
                ..dense_problem(&d)
            },
            OTC_ERR_INVALID_ARGUMENT,
            "exactly one form",
        ),
        (
            otc_sinkhorn_problem_f64 {
                y: view(&d.y, M, 1),
                ..points_problem(&d)
            },
            OTC_ERR_INVALID_DIMENSION,
            "problem->y is 4x1",
        ),
        (
            otc_sinkhorn_problem_f64 {
                metric: OTC_METRIC_EUCLIDEAN,
                ..points_problem(&d)
            },
            OTC_ERR_INVALID_ARGUMENT,
            "problem->metric = 1",
        ),
        (
            otc_sinkhorn_problem_f64 {
                cost: otc_matrix_f64 {
                    row_stride: isize::MAX / 4,
                    ..view(&d.c, N, M)
                },
                ..dense_problem(&d)
            },
            OTC_ERR_OVERFLOW,
            "problem->cost",
        ),
    ];
    for (p, want, name) in cases {
        let mut out = outs.outputs(false);
        let s = run(&p, &mut out, &o);
        refused(s, want, name, &outs, &out);
    }
    // An output plan that addresses elements twice; a plan of the wrong shape; a map or a
    // gradient asked of a dense cost.
    let mut out = outs.outputs(false);
    out.plan.col_stride = 0;
    let s = run(&dense_problem(&d), &mut out, &o);
    refused(s, OTC_ERR_INVALID_STRIDE, "out->plan", &outs, &out);
    let mut out = outs.outputs(false);
    out.plan.rows = N - 1;
    let s = run(&dense_problem(&d), &mut out, &o);
    refused(
        s,
        OTC_ERR_INVALID_DIMENSION,
        "out->plan is 4x4",
        &outs,
        &out,
    );
    let mut map = vec![SENTINEL; N * D];
    let mut out = outs.outputs(false);
    out.map = view_mut(&mut map, N, D);
    let s = run(&dense_problem(&d), &mut out, &o);
    refused(
        s,
        OTC_ERR_INVALID_ARGUMENT,
        "out->map needs the point clouds",
        &outs,
        &out,
    );
    let mut out = outs.outputs(false);
    out.grad_a = map.as_mut_ptr();
    let s = run(&dense_problem(&d), &mut out, &o);
    refused(s, OTC_ERR_INVALID_ARGUMENT, "out->grad_a", &outs, &out);
    assert!(map.iter().all(|&v| v == SENTINEL));
    // Workspace queries never wrap: huge sizes with a consistent (unread) view.
    let huge = usize::MAX / 2;
    let p = otc_sinkhorn_problem_f64 {
        n: huge,
        m: huge,
        cost: otc_matrix_f64 {
            rows: huge,
            cols: huge,
            ..view(&d.c, N, M)
        },
        ..dense_problem(&d)
    };
    let mut bytes = 7usize;
    // SAFETY: the query reads the problem's sizes only.
    let s = unsafe { otc_sinkhorn_workspace_size_f64(&p, &o, &mut bytes) };
    assert_eq!(s, OTC_ERR_OVERFLOW, "{}", last_error_message());
    assert_eq!(bytes, 7);
}

#[test]
fn every_output_aliasing_an_input_or_another_output_is_refused() {
    let mut d = data();
    let o = opts();
    let mut outs = Outs::new();
    // f over a, g over b, the plan over the cost, f over g, the map over x, grad_x over the plan.
    let a_ptr = d.a.as_mut_ptr();
    let mut out = outs.outputs(false);
    out.f = a_ptr;
    let s = run(&dense_problem(&d), &mut out, &o);
    refused(
        s,
        OTC_ERR_ALIASING,
        "output out->f overlaps problem->a",
        &outs,
        &out,
    );
    let mut out = outs.outputs(false);
    out.g = d.b.as_mut_ptr();
    let s = run(&dense_problem(&d), &mut out, &o);
    refused(
        s,
        OTC_ERR_ALIASING,
        "out->g overlaps problem->b",
        &outs,
        &out,
    );
    let mut out = outs.outputs(false);
    out.plan = view_mut(&mut d.c, N, M);
    let s = run(&dense_problem(&d), &mut out, &o);
    refused(
        s,
        OTC_ERR_ALIASING,
        "out->plan overlaps problem->cost",
        &outs,
        &out,
    );
    let mut out = outs.outputs(false);
    out.g = outs.f.as_mut_ptr();
    let s = run(&dense_problem(&d), &mut out, &o);
    refused(s, OTC_ERR_ALIASING, "overlaps out->g", &outs, &out);
    let mut out = outs.outputs(true);
    out.map = view_mut(&mut d.x, N, D);
    let s = run(&points_problem(&d), &mut out, &o);
    refused(
        s,
        OTC_ERR_ALIASING,
        "out->map overlaps problem->x",
        &outs,
        &out,
    );
    let mut out = outs.outputs(true);
    out.grad_x = view_mut(&mut outs.plan[..N * D], N, D);
    let s = run(&points_problem(&d), &mut out, &o);
    refused(s, OTC_ERR_ALIASING, "out->grad_x", &outs, &out);
    // The warm start is an input too.
    let mut p = dense_problem(&d);
    p.init_f = outs.g.as_ptr();
    let mut out = outs.outputs(false);
    let s = run(&p, &mut out, &o);
    refused(s, OTC_ERR_ALIASING, "problem->init_f", &outs, &out);
    // The outputs struct itself over an input: the weights stored inside it.
    #[repr(C)]
    struct Shared {
        out: otc_sinkhorn_outputs_f64,
    }
    let mut shared = Shared {
        out: otc_sinkhorn_outputs_f64 {
            plan: NO_OUT,
            ..outs.outputs(false)
        },
    };
    let mut p = dense_problem(&d);
    p.a = &shared.out.report.error as *const f64;
    p.n = 1;
    p.cost = view(&d.c, 1, M);
    // SAFETY: `p.a` points to one readable double inside the outputs struct.
    let s = unsafe { otc_sinkhorn_f64(&p, &mut shared.out, &o, NO_WORK) };
    assert_eq!(s, OTC_ERR_ALIASING);
    assert!(last_error_message().contains("output out overlaps problem->a"));
    // ... and the problem struct as an output.
    let mut p = dense_problem(&d);
    let pp = &mut p as *mut otc_sinkhorn_problem_f64 as *mut f64;
    let mut out = outs.outputs(false);
    out.f = pp;
    // SAFETY: `f` points into the problem struct, 5 doubles long at least.
    let s = unsafe { otc_sinkhorn_f64(&p, &mut out, &o, NO_WORK) };
    refused(s, OTC_ERR_ALIASING, "overlaps problem", &outs, &out);
}

#[test]
fn struct_sizes_threads_and_non_finite_inputs() {
    let mut d = data();
    let mut outs = Outs::new();
    for size in [0, size_of::<otc_sinkhorn_options>() + 8] {
        let mut o = opts();
        o.struct_size = size;
        let mut out = outs.outputs(false);
        let s = run(&dense_problem(&d), &mut out, &o);
        refused(s, OTC_ERR_ABI_MISMATCH, "opts->struct_size", &outs, &out);
    }
    for size in [0, 8, size_of::<otc_sinkhorn_problem_f64>() + 8] {
        let mut p = dense_problem(&d);
        p.struct_size = size;
        let mut out = outs.outputs(false);
        let s = run(&p, &mut out, &opts());
        refused(s, OTC_ERR_ABI_MISMATCH, "problem->struct_size", &outs, &out);
    }
    let mut out = outs.outputs(false);
    out.struct_size = 3;
    let s = run(&dense_problem(&d), &mut out, &opts());
    assert_eq!(s, OTC_ERR_ABI_MISMATCH);
    assert!(outs.untouched());
    // The oldest accepted sizes (the first release's: the full structs).
    let mut o = opts();
    o.struct_size = <otc_sinkhorn_options as otcore::ffi::shape::AbiStruct>::MIN_SIZE;
    let mut out = outs.outputs(false);
    out.struct_size = <otc_sinkhorn_outputs_f64 as otcore::ffi::shape::AbiStruct>::MIN_SIZE;
    assert_eq!(run(&dense_problem(&d), &mut out, &o), OTC_OK);
    let mut outs = Outs::new();
    let mut o = opts();
    o.num_threads = 257;
    let mut out = outs.outputs(false);
    let s = run(&dense_problem(&d), &mut out, &o);
    refused(s, OTC_ERR_THREADS, "256", &outs, &out);
    d.c[3] = f64::NAN;
    let mut out = outs.outputs(false);
    let s = run(&dense_problem(&d), &mut out, &opts());
    refused(s, OTC_ERR_NON_FINITE, "cost[0, 3]", &outs, &out);
    d.c[3] = 0.5;
    d.a[1] = f64::INFINITY;
    let mut out = outs.outputs(false);
    let s = run(&dense_problem(&d), &mut out, &opts());
    refused(s, OTC_ERR_NON_FINITE, "a", &outs, &out);
    d.a[1] = data().a[1];
    let init = [0.0, f64::NAN, 0.0, 0.0, 0.0];
    let mut p = dense_problem(&d);
    p.init_f = init.as_ptr();
    let mut out = outs.outputs(false);
    let s = run(&p, &mut out, &opts());
    refused(s, OTC_ERR_NON_FINITE, "warm start", &outs, &out);
}

/// Sinkhorn on finite inputs at the edge of the range (ε = 1e-300; costs 1e308; both): never
/// OK with a non-finite potential or value; a refusal leaves the outputs untouched.
#[test]
fn sinkhorn_at_the_edge_of_the_range_is_never_ok_with_non_finite_outputs() {
    let (a, b) = ([0.5; 2], [0.5; 2]);
    let cases = [
        ([0.0, 1.0, 1.0, 0.0], 1e-300),
        ([0.0, 1e308, 1e308, 0.0], 0.01),
        ([1e308; 4], 1e-300),
        ([1e308, 0.0, 0.0, 1e308], 1e300),
        ([1e308, -1e308, -1e308, 1e308], 1.0),
        ([-1e308, 1e308, 1e308, -1e308], 1e-300),
    ];
    for (cost, eps) in cases {
        let (mut f, mut g) = ([SENTINEL; 2], [SENTINEL; 2]);
        let p = otc_sinkhorn_problem_f64 {
            struct_size: size_of::<otc_sinkhorn_problem_f64>(),
            a: a.as_ptr(),
            n: 2,
            b: b.as_ptr(),
            m: 2,
            cost: view(&cost, 2, 2),
            x: NO_VIEW,
            y: NO_VIEW,
            metric: 0,
            init_f: null(),
            init_g: null(),
        };
        let mut out = otc_sinkhorn_outputs_f64 {
            struct_size: size_of::<otc_sinkhorn_outputs_f64>(),
            report: otc_report::default(),
            entropic_ot: SENTINEL,
            transport_cost: SENTINEL,
            mass: SENTINEL,
            f: f.as_mut_ptr(),
            g: g.as_mut_ptr(),
            plan: NO_OUT,
            map: NO_OUT,
            grad_x: NO_OUT,
            grad_y: NO_OUT,
            grad_a: null_mut(),
            grad_b: null_mut(),
        };
        let mut o = opts();
        o.epsilon = eps;
        o.max_iter = 1000;
        let s = run(&p, &mut out, &o);
        let msg = last_error_message();
        let case = format!("costs {cost:?}, ε = {eps:e}: status {s}, {msg}, f {f:?}, g {g:?}");
        if s == OTC_OK || s == OTC_WARN_MAX_ITER {
            let scalars = [
                out.entropic_ot,
                out.transport_cost,
                out.mass,
                out.report.error,
            ];
            assert!(
                f.iter().chain(&g).chain(&scalars).all(|x| x.is_finite()),
                "{case}"
            );
            if cost[0] == 0.0 {
                // Zero-cost diagonal: the plan is diagonal, ⟨P, C⟩ = 0, mass 1.
                assert_eq!((out.transport_cost, out.mass), (0.0, 1.0), "{case}");
            }
        } else {
            assert!(
                s == OTC_ERR_NUMERICAL && msg.contains("overflowed"),
                "{case}"
            );
            assert_eq!(
                (f, g, out.entropic_ot),
                ([SENTINEL; 2], [SENTINEL; 2], SENTINEL),
                "{case}"
            );
        }
    }
}

/// The calling thread's id, recorded by the callback.
struct Seen {
    calls: u64,
    thread: Option<std::thread::ThreadId>,
    last_iteration: u64,
}

unsafe extern "C" fn stop_at_once(data: *mut c_void, iteration: u64, _error: f64) -> i32 {
    // SAFETY: `data` is the test's `Seen`, alive for the call.
    let seen = unsafe { &mut *(data as *mut Seen) };
    seen.calls += 1;
    seen.thread = Some(std::thread::current().id());
    seen.last_iteration = iteration;
    1
}

#[test]
fn a_callback_that_stops_at_once_cancels_on_the_calling_thread() {
    let d = data();
    for points in [false, true] {
        let mut seen = Seen {
            calls: 0,
            thread: None,
            last_iteration: 0,
        };
        let mut o = opts();
        o.num_threads = 2;
        o.check_every = 1;
        o.callback_every = 1;
        o.callback = Some(stop_at_once);
        o.callback_data = &mut seen as *mut Seen as *mut c_void;
        let mut outs = Outs::new();
        let mut out = outs.outputs(points);
        let p = if points {
            points_problem(&d)
        } else {
            dense_problem(&d)
        };
        let s = run(&p, &mut out, &o);
        assert_eq!(s, OTC_WARN_CANCELLED, "{}", last_error_message());
        assert_eq!(out.report.status, OTC_WARN_CANCELLED);
        assert_eq!(seen.calls, 1);
        assert_eq!(seen.thread, Some(std::thread::current().id()));
        assert!(out.report.iterations <= 2, "{}", out.report.iterations);
        assert_eq!(out.report.iterations, seen.last_iteration);
        assert!(outs.f.iter().chain(&outs.g).all(|x| x.is_finite()));
        assert!(out.report.error > 1e-12 && out.entropic_ot.is_finite());
        // The plan is that of the returned potentials.
        let (i, j) = (1, 2);
        let want = d.a[i] * d.b[j] * ((outs.f[i] + outs.g[j] - d.c[i * M + j]) / 0.1).exp();
        assert!((outs.plan[i * M + j] - want).abs() <= 1e-14);
    }
    // The divergence reports its cancellation too.
    let mut seen = Seen {
        calls: 0,
        thread: None,
        last_iteration: 0,
    };
    let mut o = div_opts();
    o.num_threads = 2;
    o.check_every = 1;
    o.callback_every = 1;
    o.callback = Some(stop_at_once);
    o.callback_data = &mut seen as *mut Seen as *mut c_void;
    let mut out = div_outputs();
    // SAFETY: valid structs.
    let s = unsafe { otc_sinkhorn_divergence_f64(&div_points(&d), &mut out, &o, NO_WORK) };
    assert_eq!(s, OTC_WARN_CANCELLED, "{}", last_error_message());
    assert_eq!(seen.thread, Some(std::thread::current().id()));
    assert!(seen.calls >= 1 && out.report.iterations <= 6);
}

fn div_points(d: &Data) -> otc_sinkhorn_divergence_problem_f64 {
    otc_sinkhorn_divergence_problem_f64 {
        struct_size: size_of::<otc_sinkhorn_divergence_problem_f64>(),
        a: d.a.as_ptr(),
        n: N,
        b: d.b.as_ptr(),
        m: M,
        cost_xy: NO_VIEW,
        cost_xx: NO_VIEW,
        cost_yy: NO_VIEW,
        x: view(&d.x, N, D),
        y: view(&d.y, M, D),
        metric: 0,
    }
}

fn div_dense(d: &Data) -> otc_sinkhorn_divergence_problem_f64 {
    otc_sinkhorn_divergence_problem_f64 {
        cost_xy: view(&d.c, N, M),
        cost_xx: view(&d.cxx, N, N),
        cost_yy: view(&d.cyy, M, M),
        x: NO_VIEW,
        y: NO_VIEW,
        ..div_points(d)
    }
}

fn div_outputs() -> otc_sinkhorn_divergence_outputs_f64 {
    otc_sinkhorn_divergence_outputs_f64 {
        struct_size: size_of::<otc_sinkhorn_divergence_outputs_f64>(),
        report: otc_report {
            status: -1,
            ..Default::default()
        },
        divergence: SENTINEL,
        entropic_ot_xy: SENTINEL,
        entropic_ot_xx: SENTINEL,
        entropic_ot_yy: SENTINEL,
        grad_x: NO_OUT,
        grad_y: NO_OUT,
        grad_a: null_mut(),
        grad_b: null_mut(),
    }
}

#[test]
fn the_divergence_entry_point_equals_the_rust_api_and_checks_its_inputs() {
    let mut d = data();
    let o = div_opts();
    let params = Params {
        epsilon: 0.1,
        tolerance: 1e-7,
        max_iter: 100_000,
        num_threads: 1,
        ..Params::default()
    };
    let (x, y) = (
        faer::MatRef::from_row_major_slice(&d.x, N, D),
        faer::MatRef::from_row_major_slice(&d.y, M, D),
    );
    let (want, grads) = sinkhorn::divergence_gradient(x, y, &d.a, &d.b, &params).unwrap();
    let (mut gx, mut gy, mut ga, mut gb) = (
        vec![SENTINEL; N * D],
        vec![SENTINEL; M * D],
        vec![SENTINEL; N],
        vec![SENTINEL; M],
    );
    let mut out = div_outputs();
    out.grad_x = view_mut(&mut gx, N, D);
    out.grad_y = view_mut(&mut gy, M, D);
    out.grad_a = ga.as_mut_ptr();
    out.grad_b = gb.as_mut_ptr();
    // SAFETY: valid structs and arrays.
    let s = unsafe { otc_sinkhorn_divergence_f64(&div_points(&d), &mut out, &o, NO_WORK) };
    assert_eq!(s, OTC_OK, "{}", last_error_message());
    assert_eq!(out.divergence, want.value);
    assert_eq!(
        [out.entropic_ot_xy, out.entropic_ot_xx, out.entropic_ot_yy],
        want.infos.map(|i| i.dual)
    );
    assert_eq!(
        out.report.iterations,
        want.infos.iter().map(|i| i.iterations as u64).sum::<u64>()
    );
    for i in 0..N {
        for t in 0..D {
            assert_eq!(gx[i * D + t], grads.x[(i, t)]);
        }
    }
    assert_eq!((ga, gb), (grads.a.clone(), grads.b.clone()));
    // Dense costs: the same divergence as the Rust API on them.
    let costs = [
        Cost::Dense(faer::MatRef::from_row_major_slice(&d.c, N, M)),
        Cost::Dense(faer::MatRef::from_row_major_slice(&d.cxx, N, N)),
        Cost::Dense(faer::MatRef::from_row_major_slice(&d.cyy, M, M)),
    ];
    let req = sinkhorn::divergence_scratch::<f64>(N, M, 0, &params);
    let mut mem = faer::dyn_stack::MemBuffer::new(req);
    let dense = sinkhorn::divergence_in_place(
        costs,
        &d.a,
        &d.b,
        &params,
        otcore::Par::Seq,
        faer::dyn_stack::MemStack::new(&mut mem),
    )
    .unwrap();
    let mut out = div_outputs();
    // SAFETY: valid structs.
    let s = unsafe { otc_sinkhorn_divergence_f64(&div_dense(&d), &mut out, &o, NO_WORK) };
    assert_eq!(s, OTC_OK, "{}", last_error_message());
    assert_eq!(out.divergence, dense.value);
    // Its bad inputs: a missing cost, a cost of the wrong shape, a gradient of dense costs,
    // a gradient over an input, the thread cap; nothing written.
    let mut g = vec![SENTINEL; N];
    let cases: Vec<(otc_sinkhorn_divergence_problem_f64, bool, otc_status, &str)> = vec![
        (
            otc_sinkhorn_divergence_problem_f64 {
                cost_yy: NO_VIEW,
                ..div_dense(&d)
            },
            false,
            OTC_ERR_INVALID_ARGUMENT,
            "gives 2 of the costs",
        ),
        (
            otc_sinkhorn_divergence_problem_f64 {
                cost_xx: view(&d.cxx, N, N - 1),
                ..div_dense(&d)
            },
            false,
            OTC_ERR_INVALID_DIMENSION,
            "problem->cost_xx is 5x4",
        ),
        (div_dense(&d), true, OTC_ERR_INVALID_ARGUMENT, "out->grad_a"),
    ];
    for (p, grad, want, name) in cases {
        let mut out = div_outputs();
        if grad {
            out.grad_a = g.as_mut_ptr();
        }
        // SAFETY: valid structs.
        let s = unsafe { otc_sinkhorn_divergence_f64(&p, &mut out, &o, NO_WORK) };
        assert_eq!(s, want, "{}", last_error_message());
        assert!(
            last_error_message().contains(name),
            "{}",
            last_error_message()
        );
        assert_eq!((out.divergence, out.report.status), (SENTINEL, -1));
    }
    assert!(g.iter().all(|&v| v == SENTINEL));
    let mut out = div_outputs();
    out.grad_a = d.a.as_mut_ptr();
    // SAFETY: valid structs; grad_a over a (refused before any write).
    let s = unsafe { otc_sinkhorn_divergence_f64(&div_points(&d), &mut out, &o, NO_WORK) };
    assert_eq!(s, OTC_ERR_ALIASING);
    assert!(last_error_message().contains("out->grad_a overlaps problem->a"));
    let mut o = div_opts();
    o.num_threads = 257;
    let mut out = div_outputs();
    // SAFETY: valid structs.
    let s = unsafe { otc_sinkhorn_divergence_f64(&div_points(&d), &mut out, &o, NO_WORK) };
    assert_eq!(s, OTC_ERR_THREADS);
    assert_eq!(out.divergence, SENTINEL);
    // 2^64 ε-scaling stages of no iteration would never end: refused, nothing written.
    let mut o = div_opts();
    (o.eps_scaling_steps, o.eps_scaling_iters) = (u64::MAX, 0);
    let mut out = div_outputs();
    out.grad_a = g.as_mut_ptr();
    // SAFETY: valid structs and arrays.
    let s = unsafe { otc_sinkhorn_divergence_f64(&div_points(&d), &mut out, &o, NO_WORK) };
    assert_eq!(s, OTC_ERR_INVALID_ARGUMENT, "{}", last_error_message());
    assert!(
        last_error_message().contains("eps_scaling iters = 0"),
        "{}",
        last_error_message()
    );
    assert_eq!((out.divergence, out.report.status), (SENTINEL, -1));
    assert!(g.iter().all(|&v| v == SENTINEL));
}

#[test]
fn f32_entry_points_and_caller_workspaces() {
    let d = data();
    let to32 = |v: &[f64]| v.iter().map(|&x| x as f32).collect::<Vec<f32>>();
    let (x, y, a, b, c) = (to32(&d.x), to32(&d.y), to32(&d.a), to32(&d.b), to32(&d.c));
    let v32 = |v: &[f32], r: usize, cols: usize| otc_matrix_f32 {
        data: v.as_ptr(),
        rows: r,
        cols,
        row_stride: cols as isize,
        col_stride: 1,
    };
    let none32 = otc_matrix_f32 {
        data: null(),
        rows: 0,
        cols: 0,
        row_stride: 0,
        col_stride: 0,
    };
    let no_out32 = otc_matrix_mut_f32 {
        data: null_mut(),
        rows: 0,
        cols: 0,
        row_stride: 0,
        col_stride: 0,
    };
    let p = otc_sinkhorn_problem_f32 {
        struct_size: size_of::<otc_sinkhorn_problem_f32>(),
        a: a.as_ptr(),
        n: N,
        b: b.as_ptr(),
        m: M,
        cost: v32(&c, N, M),
        x: none32,
        y: none32,
        metric: 0,
        init_f: null(),
        init_g: null(),
    };
    let mut o = opts();
    o.tolerance = 1e-6;
    let mut bytes = 0usize;
    // SAFETY: valid structs.
    assert_eq!(
        unsafe { otc_sinkhorn_workspace_size_f32(&p, &o, &mut bytes) },
        OTC_OK
    );
    let mut work = vec![0u8; bytes];
    let mut f = vec![0.0; N];
    let mut out = otc_sinkhorn_outputs_f32 {
        struct_size: size_of::<otc_sinkhorn_outputs_f32>(),
        report: otc_report::default(),
        entropic_ot: 0.0,
        transport_cost: 0.0,
        mass: 0.0,
        f: f.as_mut_ptr(),
        g: null_mut(),
        plan: no_out32,
        map: no_out32,
        grad_x: no_out32,
        grad_y: no_out32,
        grad_a: null_mut(),
        grad_b: null_mut(),
    };
    let w = otc_workspace {
        data: work.as_mut_ptr() as *mut c_void,
        bytes,
    };
    // SAFETY: valid structs; the workspace has the queried size.
    assert_eq!(unsafe { otc_sinkhorn_f32(&p, &mut out, &o, w) }, OTC_OK);
    let params = Params {
        epsilon: 0.1,
        tolerance: 1e-6,
        max_iter: 100_000,
        num_threads: 1,
        ..Params::default()
    };
    let cm = faer::MatRef::from_row_major_slice(&c, N, M);
    let want = sinkhorn::sinkhorn(Cost::Dense(cm), &a, &b, None, &params).unwrap();
    assert_eq!(f, want.f);
    // Far short of the query: refused.
    let w = otc_workspace {
        data: work.as_mut_ptr() as *mut c_void,
        bytes: 64,
    };
    // SAFETY: as above.
    let s = unsafe { otc_sinkhorn_f32(&p, &mut out, &o, w) };
    assert_eq!(s, OTC_ERR_WORKSPACE_TOO_SMALL);
    // The f32 divergence on points equals the Rust API.
    let dp = otc_sinkhorn_divergence_problem_f32 {
        struct_size: size_of::<otc_sinkhorn_divergence_problem_f32>(),
        a: a.as_ptr(),
        n: N,
        b: b.as_ptr(),
        m: M,
        cost_xy: none32,
        cost_xx: none32,
        cost_yy: none32,
        x: v32(&x, N, D),
        y: v32(&y, M, D),
        metric: 0,
    };
    let mut dout = otc_sinkhorn_divergence_outputs_f32 {
        struct_size: size_of::<otc_sinkhorn_divergence_outputs_f32>(),
        report: otc_report::default(),
        divergence: 0.0,
        entropic_ot_xy: 0.0,
        entropic_ot_xx: 0.0,
        entropic_ot_yy: 0.0,
        grad_x: no_out32,
        grad_y: no_out32,
        grad_a: null_mut(),
        grad_b: null_mut(),
    };
    let mut dop = div_opts();
    dop.tolerance = 1e-6;
    // SAFETY: valid structs.
    let s = unsafe { otc_sinkhorn_divergence_f32(&dp, &mut dout, &dop, NO_WORK) };
    assert_eq!(s, OTC_OK, "{}", last_error_message());
    let want = sinkhorn::divergence(
        faer::MatRef::from_row_major_slice(&x, N, D),
        faer::MatRef::from_row_major_slice(&y, M, D),
        &a,
        &b,
        &params,
    )
    .unwrap();
    assert_eq!(dout.divergence, want.value);
}

/// The calls a recording callback saw: (iteration, error); it stops at call `stop_at`.
struct Calls {
    seen: Vec<(u64, f64)>,
    stop_at: usize,
}

unsafe extern "C" fn record(data: *mut c_void, iteration: u64, error: f64) -> i32 {
    // SAFETY: `data` is the test's `Calls`, alive for the call.
    let calls = unsafe { &mut *(data as *mut Calls) };
    calls.seen.push((iteration, error));
    i32::from(calls.seen.len() >= calls.stop_at)
}

/// ε-scaling: the callback sees every stage (iterations counted over the stages, each
/// stage's marginal error at its ε) and observing changes nothing; a stop at the first check
/// of the first stage returns at once with the iterate reached, measured at the target ε.
#[test]
fn the_callback_observes_every_eps_scaling_stage_and_stops_in_the_first() {
    let d = data();
    let mut o = opts();
    o.path = OTC_SINKHORN_PATH_LOG_DOMAIN;
    o.eps_scaling_steps = 3;
    o.eps_scaling_iters = 20;
    o.eps_scaling_start = 4.0;
    o.check_every = 5;
    let mut outs = Outs::new();
    let mut plain = outs.outputs(false);
    assert_eq!(run(&dense_problem(&d), &mut plain, &o), OTC_OK);
    let plain_f = outs.f.clone();
    assert!(plain.report.iterations > 60, "{}", plain.report.iterations);
    for (threads, stop_at) in [(1, usize::MAX), (2, usize::MAX), (2, 1), (1, 1)] {
        let mut calls = Calls {
            seen: Vec::new(),
            stop_at,
        };
        o.num_threads = threads;
        o.callback_every = 1;
        o.callback = Some(record);
        o.callback_data = &mut calls as *mut Calls as *mut c_void;
        let mut outs = Outs::new();
        let mut out = outs.outputs(false);
        let s = run(&dense_problem(&d), &mut out, &o);
        let its: Vec<u64> = calls.seen.iter().map(|c| c.0).collect();
        if stop_at == usize::MAX {
            assert_eq!(s, OTC_OK, "{}", last_error_message());
            assert_eq!(
                (outs.f, out.report.iterations),
                (plain_f.clone(), plain.report.iterations)
            );
            // Three stages of 20 iterations checked at 5, 10, 15, then the target ε.
            assert_eq!(&its[..9], &[5, 10, 15, 25, 30, 35, 45, 50, 55]);
            assert!(its[9..].iter().all(|&it| it > 60) && its.len() > 9);
            assert!(calls.seen.iter().all(|c| c.1.is_finite() && c.1 > 0.0));
            continue;
        }
        assert_eq!(s, OTC_WARN_CANCELLED, "{}", last_error_message());
        assert_eq!((its, out.report.iterations), (vec![5], 5));
        assert!(outs.f.iter().chain(&outs.g).all(|x| x.is_finite()));
        // The outputs are those of the iterate reached, measured at the target ε = 0.1.
        assert!(out.report.error > 1e-6 && out.report.error.is_finite());
        let (i, j) = (1, 2);
        let want = d.a[i] * d.b[j] * ((outs.f[i] + outs.g[j] - d.c[i * M + j]) / 0.1).exp();
        assert!((outs.plan[i * M + j] - want).abs() <= 1e-14);
    }
}

#[test]
fn the_truncated_path_constant_reaches_the_solver_and_refuses_a_dense_cost() {
    let d = data();
    let mut o = opts();
    o.path = OTC_SINKHORN_PATH_TRUNCATED;
    o.tolerance = 1e-9;
    let (x, y) = (
        faer::MatRef::from_row_major_slice(&d.x, N, D),
        faer::MatRef::from_row_major_slice(&d.y, M, D),
    );
    let params = Params {
        epsilon: 0.1,
        tolerance: 1e-9,
        max_iter: 100_000,
        num_threads: 1,
        path: Path::Truncated,
        ..Params::default()
    };
    let want = sinkhorn::sinkhorn(Cost::SqEuclidean { x, y }, &d.a, &d.b, None, &params).unwrap();
    assert_eq!(want.info.path, Path::Truncated);
    let mut outs = Outs::new();
    let mut out = outs.outputs(true);
    assert_eq!(
        run(&points_problem(&d), &mut out, &o),
        OTC_OK,
        "{}",
        last_error_message()
    );
    assert_eq!(out.report.path, OTC_SINKHORN_PATH_TRUNCATED);
    assert_eq!(outs.f, want.f);
    assert_eq!(outs.g, want.g);
    assert_eq!(out.entropic_ot, want.info.dual);
    assert_eq!(out.report.error, want.info.marginal_error);
    // The log-domain path's converged potentials, up to the additive constant.
    let lg = Params {
        path: Path::LogDomain,
        tolerance: 1e-12,
        ..params
    };
    let lg = sinkhorn::sinkhorn(Cost::SqEuclidean { x, y }, &d.a, &d.b, None, &lg).unwrap();
    let shift = outs.f[0] - lg.f[0];
    for (u, v) in outs.f.iter().zip(&lg.f) {
        assert!((u - v - shift).abs() <= 1e-7, "{u} {v}");
    }
    // A dense cost is refused, nothing written.
    let mut outs = Outs::new();
    let mut out = outs.outputs(false);
    let status = run(&dense_problem(&d), &mut out, &o);
    refused(
        status,
        OTC_ERR_INVALID_ARGUMENT,
        "point clouds",
        &outs,
        &out,
    );
}

#[test]
fn the_truncated_path_over_its_memory_cap_is_refused_with_nothing_written() {
    // The arcs are allocated by the path itself, fallibly and at most `kernel_memory_cap`
    // bytes: a cap below them is OTC_ERR_OUT_OF_MEMORY naming the cap, outputs untouched.
    let d = data();
    let mut o = opts();
    (o.path, o.kernel_memory_cap) = (OTC_SINKHORN_PATH_TRUNCATED, 100);
    let mut outs = Outs::new();
    let mut out = outs.outputs(true);
    let status = run(&points_problem(&d), &mut out, &o);
    refused(
        status,
        OTC_ERR_OUT_OF_MEMORY,
        "kernel_memory_cap",
        &outs,
        &out,
    );
}
