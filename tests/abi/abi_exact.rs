//! The C ABI of exact OT (`otc_emd_f64`, `otc_emd_batch_f64`, `otc_wasserstein_1d_f64`,
//! `otc_sliced_wasserstein_f64` and their options and workspace queries) against its Rust API
//! and a hostile caller: the C values equal the Rust values; NULL pointers, zero and huge
//! sizes, bad strides, aliasing of every output (the outputs struct included), wrong struct
//! sizes, thread counts above the cap, non-finite inputs and impossible workspaces are refused
//! with their status and a message naming the argument, the outputs left untouched.

use crate::abi_support;
use abi_support::*;

use otcore::exact::{self, Directions, EmdParams};
use otcore::ffi::boundary::last_error_message;
use otcore::ffi::exact::*;
use otcore::ffi::shape::otc_workspace;
use otcore::ffi::status::*;
use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
use std::mem::size_of;
use std::ptr::{null, null_mut};

type Problem = otc_emd_problem_f64;
type Outputs = otc_emd_outputs_f64;

/// The value every scalar output holds before a call: an error must leave it.
const SENTINEL: f64 = -7.0;

#[track_caller]
fn expect(status: otc_status, want: otc_status, message_has: &str) {
    let msg = last_error_message();
    assert_eq!(status, want, "status {status}, message {msg:?}");
    assert!(
        msg.contains(message_has),
        "message {msg:?} lacks {message_has:?}"
    );
}

/// A deterministic value in [0, 1) from a counter.
fn rnd(k: usize) -> f64 {
    ((k as f64 * 0.618_033_988_749_895 + 0.1).sin() * 43_758.545_3)
        .fract()
        .abs()
}

/// A problem: positive weights a (n), b (m) of equal mass and a row-major cost (n × m).
fn problem_data(n: usize, m: usize, seed: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut a: Vec<f64> = (0..n).map(|i| 0.1 + rnd(seed + i)).collect();
    let mut b: Vec<f64> = (0..m).map(|j| 0.1 + rnd(seed + 100 + j)).collect();
    let (sa, sb) = (a.iter().sum::<f64>(), b.iter().sum::<f64>());
    a.iter_mut().for_each(|x| *x /= sa);
    b.iter_mut().for_each(|x| *x /= sb);
    let c = (0..n * m).map(|k| rnd(seed + 1000 + k)).collect();
    (a, b, c)
}

fn emd_problem(a: &[f64], b: &[f64], c: &[f64]) -> otc_emd_problem_f64 {
    otc_emd_problem_f64 {
        struct_size: size_of::<otc_emd_problem_f64>(),
        a: a.as_ptr(),
        n: a.len(),
        b: b.as_ptr(),
        m: b.len(),
        cost: view(c, a.len(), b.len()),
        warm_f: null(),
        warm_g: null(),
    }
}

/// Outputs wanting nothing but the scalars, `cost` set to the sentinel.
fn emd_outputs() -> otc_emd_outputs_f64 {
    otc_emd_outputs_f64 {
        struct_size: size_of::<otc_emd_outputs_f64>(),
        report: Default::default(),
        cost: SENTINEL,
        gap: SENTINEL,
        nnz: 0,
        f: null_mut(),
        g: null_mut(),
        plan_rows: null_mut(),
        plan_cols: null_mut(),
        plan_mass: null_mut(),
        plan: otc_matrix_mut_f64 {
            data: null_mut(),
            rows: 0,
            cols: 0,
            row_stride: 0,
            col_stride: 0,
        },
    }
}

fn emd_opts() -> otc_emd_options {
    defaults(otc_emd_options_default)
}

fn run_emd(p: &otc_emd_problem_f64, out: &mut otc_emd_outputs_f64, o: &otc_emd_options) -> i32 {
    // SAFETY: the problem's pointers are valid for their stated sizes (or the lie under test
    // is caught before any read), `out` is a valid outputs struct.
    unsafe { otc_emd_f64(p, out, o, NO_WORK) }
}

fn batch_problem(a: &[f64], b: &[f64], costs: &[otc_matrix_f64]) -> otc_emd_batch_problem_f64 {
    let k = costs.len();
    otc_emd_batch_problem_f64 {
        struct_size: size_of::<otc_emd_batch_problem_f64>(),
        count: k,
        n: a.len() / k,
        m: b.len() / k,
        a: a.as_ptr(),
        b: b.as_ptr(),
        costs: costs.as_ptr(),
    }
}

fn batch_outputs() -> otc_emd_batch_outputs_f64 {
    otc_emd_batch_outputs_f64 {
        struct_size: size_of::<otc_emd_batch_outputs_f64>(),
        report: Default::default(),
        cost: SENTINEL,
        gap: SENTINEL,
        capped: 0,
        problem_costs: null_mut(),
        problem_gaps: null_mut(),
        problem_iterations: null_mut(),
        plan_nnz: null_mut(),
        f: null_mut(),
        g: null_mut(),
        plan_rows: null_mut(),
        plan_cols: null_mut(),
        plan_mass: null_mut(),
    }
}

/// Every optional output of a batch of k problems of n × m, filled with `x` (values) and `i`
/// (indices and counts).
struct BatchBuffers {
    costs: Vec<f64>,
    gaps: Vec<f64>,
    its: Vec<u64>,
    nnz: Vec<usize>,
    f: Vec<f64>,
    g: Vec<f64>,
    rows: Vec<usize>,
    cols: Vec<usize>,
    mass: Vec<f64>,
}

impl BatchBuffers {
    fn new(k: usize, n: usize, m: usize, x: f64, i: usize) -> Self {
        let room = k * (n + m - 1);
        BatchBuffers {
            costs: vec![x; k],
            gaps: vec![x; k],
            its: vec![i as u64; k],
            nnz: vec![i; k],
            f: vec![x; k * n],
            g: vec![x; k * m],
            rows: vec![i; room],
            cols: vec![i; room],
            mass: vec![x; room],
        }
    }

    /// Outputs wanting every array.
    fn outputs(&mut self) -> otc_emd_batch_outputs_f64 {
        otc_emd_batch_outputs_f64 {
            problem_costs: self.costs.as_mut_ptr(),
            problem_gaps: self.gaps.as_mut_ptr(),
            problem_iterations: self.its.as_mut_ptr(),
            plan_nnz: self.nnz.as_mut_ptr(),
            f: self.f.as_mut_ptr(),
            g: self.g.as_mut_ptr(),
            plan_rows: self.rows.as_mut_ptr(),
            plan_cols: self.cols.as_mut_ptr(),
            plan_mass: self.mass.as_mut_ptr(),
            ..batch_outputs()
        }
    }
}

fn batch_opts(threads: u32) -> otc_emd_batch_options {
    let mut o = defaults(otc_emd_batch_options_default);
    o.num_threads = threads;
    o
}

fn one_d_problem(
    x: &[f64],
    a: &[f64],
    y: &[f64],
    b: &[f64],
    p: f64,
) -> otc_wasserstein_1d_problem_f64 {
    otc_wasserstein_1d_problem_f64 {
        struct_size: size_of::<otc_wasserstein_1d_problem_f64>(),
        x: x.as_ptr(),
        a: a.as_ptr(),
        n: x.len(),
        y: y.as_ptr(),
        b: b.as_ptr(),
        m: y.len(),
        p,
    }
}

fn one_d_outputs() -> otc_wasserstein_1d_outputs_f64 {
    otc_wasserstein_1d_outputs_f64 {
        struct_size: size_of::<otc_wasserstein_1d_outputs_f64>(),
        report: Default::default(),
        wp_p: SENTINEL,
        nnz: 0,
        plan_rows: null_mut(),
        plan_cols: null_mut(),
        plan_mass: null_mut(),
    }
}

fn sliced_problem(
    x: otc_matrix_f64,
    a: &[f64],
    y: otc_matrix_f64,
    b: &[f64],
    directions: otc_matrix_f64,
) -> otc_sliced_wasserstein_problem_f64 {
    otc_sliced_wasserstein_problem_f64 {
        struct_size: size_of::<otc_sliced_wasserstein_problem_f64>(),
        x,
        a: a.as_ptr(),
        y,
        b: b.as_ptr(),
        p: 2.0,
        directions,
    }
}

fn sliced_outputs() -> otc_sliced_wasserstein_outputs_f64 {
    otc_sliced_wasserstein_outputs_f64 {
        struct_size: size_of::<otc_sliced_wasserstein_outputs_f64>(),
        report: Default::default(),
        swp_p: SENTINEL,
    }
}

fn sliced_opts(threads: u32, k: usize, seed: u64) -> otc_sliced_wasserstein_options {
    let mut o = defaults(otc_sliced_wasserstein_options_default);
    o.num_threads = threads;
    o.num_directions = k;
    o.seed = seed;
    o
}

// ---- values: the C entry points give the Rust API's numbers ----------------------------------

#[test]
fn emd_values_equal_the_rust_api() {
    let (n, m) = (7, 5);
    let (a, b, c) = problem_data(n, m, 3);
    let want = exact::emd(
        &a,
        &b,
        faer::MatRef::from_row_major_slice(&c, n, m),
        &EmdParams::default(),
    )
    .unwrap();
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    let (mut rows, mut cols, mut mass) = (
        vec![0usize; n + m - 1],
        vec![0usize; n + m - 1],
        vec![0.0; n + m - 1],
    );
    let mut dense = vec![-1.0; n * m];
    let mut out = emd_outputs();
    out.f = f.as_mut_ptr();
    out.g = g.as_mut_ptr();
    out.plan_rows = rows.as_mut_ptr();
    out.plan_cols = cols.as_mut_ptr();
    out.plan_mass = mass.as_mut_ptr();
    out.plan = view_mut(&mut dense, n, m);
    let s = run_emd(&emd_problem(&a, &b, &c), &mut out, &emd_opts());
    expect(s, OTC_OK, "");
    assert_eq!(out.report.status, OTC_OK);
    assert_eq!((out.cost, out.gap), (want.cost, want.gap));
    assert_eq!(out.report.iterations, want.iterations);
    assert_eq!(out.report.error, -want.gap);
    assert_eq!((&f, &g), (&want.f, &want.g));
    assert_eq!(out.nnz, want.plan.len());
    for (k, &(i, j, x)) in want.plan.iter().enumerate() {
        assert_eq!((rows[k], cols[k], mass[k]), (i, j, x));
        assert_eq!(dense[i * m + j], x);
    }
    assert_eq!(dense.iter().filter(|&&x| x != 0.0).count(), out.nnz);
    assert!(out.report.seconds >= 0.0);

    // Warm start from the optimal duals: the same optimum.
    let mut p = emd_problem(&a, &b, &c);
    p.warm_f = want.f.as_ptr();
    p.warm_g = want.g.as_ptr();
    let mut warm = emd_outputs();
    expect(run_emd(&p, &mut warm, &emd_opts()), OTC_OK, "");
    assert!((warm.cost - want.cost).abs() <= 1e-12);

    // The pivot cap: a warning, with the feasible plan of the Rust API's capped solve.
    let mut o = emd_opts();
    o.max_iter = 2;
    let capped = exact::emd(
        &a,
        &b,
        faer::MatRef::from_row_major_slice(&c, n, m),
        &EmdParams {
            max_iter: 2,
            ..Default::default()
        },
    )
    .unwrap();
    let mut out = emd_outputs();
    let s = run_emd(&emd_problem(&a, &b, &c), &mut out, &o);
    expect(s, OTC_WARN_MAX_ITER, "max_iter = 2 pivots reached");
    assert_eq!(out.report.status, OTC_WARN_MAX_ITER);
    assert_eq!((out.cost, out.report.iterations), (capped.cost, 2));
    assert!(!capped.converged && out.cost >= want.cost);
}

#[test]
fn emd_batch_values_equal_single_solves_for_every_thread_count() {
    let (n, m, k) = (6, 4, 5);
    let data: Vec<_> = (0..k).map(|l| problem_data(n, m, 10 * l)).collect();
    let a: Vec<f64> = data.iter().flat_map(|d| d.0.clone()).collect();
    let b: Vec<f64> = data.iter().flat_map(|d| d.1.clone()).collect();
    let views: Vec<_> = data.iter().map(|d| view(&d.2, n, m)).collect();
    let mut first = None;
    for threads in [1, 2, 3] {
        let mut buf = BatchBuffers::new(k, n, m, 0.0, 0);
        let mut out = buf.outputs();
        let BatchBuffers {
            costs,
            gaps,
            its,
            nnz,
            f,
            g,
            rows,
            cols,
            mass,
        } = &buf;
        // SAFETY: every array holds its stated length.
        let s = unsafe {
            otc_emd_batch_f64(
                &batch_problem(&a, &b, &views),
                &mut out,
                &batch_opts(threads),
                NO_WORK,
            )
        };
        expect(s, OTC_OK, "");
        let mut total = 0.0;
        for (l, d) in data.iter().enumerate() {
            let one = exact::emd(
                &d.0,
                &d.1,
                faer::MatRef::from_row_major_slice(&d.2, n, m),
                &EmdParams::default(),
            )
            .unwrap();
            assert_eq!(
                (costs[l], gaps[l], its[l], nnz[l]),
                (one.cost, one.gap, one.iterations, one.plan.len())
            );
            assert_eq!(&f[l * n..(l + 1) * n], &one.f[..]);
            assert_eq!(&g[l * m..(l + 1) * m], &one.g[..]);
            let at = l * (n + m - 1);
            for (q, &(i, j, x)) in one.plan.iter().enumerate() {
                assert_eq!((rows[at + q], cols[at + q], mass[at + q]), (i, j, x));
            }
            total += one.cost;
        }
        assert_eq!(out.cost, total);
        assert_eq!(out.report.iterations, its.iter().sum::<u64>());
        assert_eq!(out.gap, gaps.iter().copied().fold(0.0, f64::min));
        assert_eq!(out.capped, 0);
        let now = (costs.clone(), f.clone(), g.clone());
        if let Some(before) = &first {
            assert_eq!(&now, before, "threads = {threads}");
        }
        first = Some(now);
    }
}

#[test]
fn wasserstein_1d_and_sliced_values_equal_the_rust_api() {
    let x: Vec<f64> = (0..9).map(|i| rnd(i) * 4.0 - 1.0).collect();
    let y: Vec<f64> = (0..6).map(|j| rnd(50 + j) * 3.0).collect();
    let (a, b, _) = problem_data(9, 6, 7);
    for p in [1.0, 2.0, 3.5] {
        let (want, plan) = exact::wasserstein_1d(&x, &a, &y, &b, p).unwrap();
        let (mut rows, mut cols, mut mass) = (vec![0usize; 14], vec![0usize; 14], vec![0.0; 14]);
        let mut out = one_d_outputs();
        out.plan_rows = rows.as_mut_ptr();
        out.plan_cols = cols.as_mut_ptr();
        out.plan_mass = mass.as_mut_ptr();
        // SAFETY: valid arrays of their stated lengths.
        let s = unsafe {
            otc_wasserstein_1d_f64(&one_d_problem(&x, &a, &y, &b, p), &mut out, null(), NO_WORK)
        };
        expect(s, OTC_OK, "");
        assert_eq!((out.wp_p, out.nnz), (want, plan.len()));
        for (k, &(i, j, w)) in plan.iter().enumerate() {
            assert_eq!((rows[k], cols[k], mass[k]), (i, j, w));
        }
    }
    // Sliced: 3-D clouds, random and given directions, on 1 and 4 threads.
    let (n, m, d) = (9, 6, 3);
    let xs: Vec<f64> = (0..n * d).map(|k| rnd(200 + k)).collect();
    let ys: Vec<f64> = (0..m * d).map(|k| rnd(300 + k) + 0.5).collect();
    let dirs: Vec<f64> = (0..4 * d).map(|k| rnd(400 + k) - 0.5).collect();
    let (xm, ym) = (
        faer::MatRef::from_row_major_slice(&xs, n, d),
        faer::MatRef::from_row_major_slice(&ys, m, d),
    );
    let random = exact::sliced_wasserstein(
        xm,
        &a,
        ym,
        &b,
        Directions::Random { k: 20, seed: 5 },
        2.0,
        1,
    )
    .unwrap();
    let given = exact::sliced_wasserstein(
        xm,
        &a,
        ym,
        &b,
        Directions::Given(faer::MatRef::from_row_major_slice(&dirs, 4, d)),
        2.0,
        1,
    )
    .unwrap();
    for threads in [1, 4] {
        for (dv, k, want) in [(no_view(), 20, random), (view(&dirs, 4, d), 4, given)] {
            let mut out = sliced_outputs();
            let pb = sliced_problem(view(&xs, n, d), &a, view(&ys, m, d), &b, dv);
            // SAFETY: valid views and arrays.
            let s = unsafe {
                otc_sliced_wasserstein_f64(&pb, &mut out, &sliced_opts(threads, 20, 5), NO_WORK)
            };
            expect(s, OTC_OK, "");
            assert_eq!(out.swp_p, want, "threads = {threads}");
            assert_eq!(out.report.iterations, k as u64);
        }
    }
}

#[test]
fn options_defaults_are_the_rust_defaults() {
    let d = EmdParams::default();
    let o = emd_opts();
    assert_eq!(o.struct_size, size_of::<otc_emd_options>());
    assert_eq!(
        (o.num_threads, o.max_iter, o.mass_tolerance),
        (0, d.max_iter, d.mass_tolerance)
    );
    let o = batch_opts(0);
    assert_eq!(
        (o.num_threads, o.max_iter, o.mass_tolerance),
        (0, d.max_iter, d.mass_tolerance)
    );
    let s = defaults(otc_sliced_wasserstein_options_default);
    assert_eq!(
        (s.num_directions, s.seed, s.num_threads, s.mass_tolerance),
        (50, 0, 0, d.mass_tolerance)
    );
    let w = defaults(otc_wasserstein_1d_options_default);
    assert_eq!(
        (w.struct_size, w.num_threads, w.mass_tolerance),
        (size_of::<otc_wasserstein_1d_options>(), 0, d.mass_tolerance)
    );
    // SAFETY: NULL is refused.
    unsafe {
        expect(
            otc_emd_options_default(null_mut()),
            OTC_ERR_NULL_POINTER,
            "opts is NULL",
        );
        expect(
            otc_emd_batch_options_default(null_mut()),
            OTC_ERR_NULL_POINTER,
            "opts is NULL",
        );
        expect(
            otc_wasserstein_1d_options_default(null_mut()),
            OTC_ERR_NULL_POINTER,
            "opts is NULL",
        );
        expect(
            otc_sliced_wasserstein_options_default(null_mut()),
            OTC_ERR_NULL_POINTER,
            "opts is NULL",
        );
    }
}

// ---- a hostile caller --------------------------------------------------------------------------

#[test]
fn null_pointers_are_refused_by_name_with_outputs_untouched() {
    let (a, b, c) = problem_data(3, 2, 1);
    let o = emd_opts();
    let mut f = [SENTINEL; 3];
    type Spoil = Box<dyn Fn(&mut Problem, &mut Outputs)>;
    let cases: Vec<(&str, Spoil)> = vec![
        (
            "problem->a is NULL",
            Box::new(|p: &mut Problem, _: &mut Outputs| p.a = null()),
        ),
        (
            "problem->b is NULL",
            Box::new(|p: &mut Problem, _: &mut Outputs| p.b = null()),
        ),
        (
            "problem->cost.data is NULL",
            Box::new(|p: &mut Problem, _: &mut Outputs| p.cost.data = null()),
        ),
        (
            "warm_f and problem->warm_g go together",
            Box::new(|p: &mut Problem, _: &mut Outputs| p.warm_f = p.a),
        ),
        (
            "out->plan_rows, out->plan_cols and out->plan_mass go together",
            Box::new(|_: &mut Problem, o: &mut Outputs| o.plan_rows = std::ptr::dangling_mut()),
        ),
    ];
    for (message, spoil) in cases {
        let mut p = emd_problem(&a, &b, &c);
        let mut out = emd_outputs();
        out.f = f.as_mut_ptr();
        spoil(&mut p, &mut out);
        expect(run_emd(&p, &mut out, &o), OTC_ERR_NULL_POINTER, message);
        assert_eq!(
            (out.cost, out.report.status, f),
            (SENTINEL, 0, [SENTINEL; 3])
        );
    }
    let mut out = emd_outputs();
    // SAFETY: NULL structs are refused before anything is read.
    unsafe {
        expect(
            otc_emd_f64(null(), &mut out, &o, NO_WORK),
            OTC_ERR_NULL_POINTER,
            "problem is NULL",
        );
        expect(
            otc_emd_f64(&emd_problem(&a, &b, &c), null_mut(), &o, NO_WORK),
            OTC_ERR_NULL_POINTER,
            "out is NULL",
        );
        let mut bytes = 5usize;
        expect(
            otc_emd_workspace_size_f64(null(), &o, &mut bytes),
            OTC_ERR_NULL_POINTER,
            "problem is NULL",
        );
        expect(
            otc_emd_workspace_size_f64(&emd_problem(&a, &b, &c), &o, null_mut()),
            OTC_ERR_NULL_POINTER,
            "is NULL",
        );
        assert_eq!(bytes, 5);
        let mut bo = batch_outputs();
        let views = [view(&c, 3, 2)];
        let mut bp = batch_problem(&a, &b, &views);
        bp.costs = null();
        expect(
            otc_emd_batch_f64(&bp, &mut bo, null(), NO_WORK),
            OTC_ERR_NULL_POINTER,
            "problem->costs is NULL",
        );
        let mut oo = one_d_outputs();
        let mut op = one_d_problem(&a, &a, &b, &b, 1.0);
        op.y = null();
        expect(
            otc_wasserstein_1d_f64(&op, &mut oo, null(), NO_WORK),
            OTC_ERR_NULL_POINTER,
            "problem->y is NULL",
        );
        let mut so = sliced_outputs();
        let mut sp = sliced_problem(view(&a, 3, 1), &a, view(&b, 2, 1), &b, no_view());
        sp.b = null();
        expect(
            otc_sliced_wasserstein_f64(&sp, &mut so, null(), NO_WORK),
            OTC_ERR_NULL_POINTER,
            "problem->b is NULL",
        );
        assert_eq!((bo.cost, oo.wp_p, so.swp_p), (SENTINEL, SENTINEL, SENTINEL));
    }
    assert_eq!(out.cost, SENTINEL);
}

/// Sizes: zero, lies (n = 2^36 with a 3×4 cost), broadcast views of 2^40 × 2^40 and 2^40
/// random directions: refused, or out of memory, before anything is allocated or read.
#[test]
fn zero_and_huge_sizes_are_refused_before_allocating() {
    let (a, b, c) = ([1.0 / 3.0; 3], [0.25; 4], [1.0; 12]);
    let o = emd_opts();
    let mut out = emd_outputs();
    let mut p = emd_problem(&a, &b, &c);
    p.n = 1 << 36;
    expect(
        run_emd(&p, &mut out, &o),
        OTC_ERR_INVALID_DIMENSION,
        "problem->cost is 3x4, expected n x m = 68719476736x4",
    );
    p.n = 0;
    expect(
        run_emd(&p, &mut out, &o),
        OTC_ERR_INVALID_DIMENSION,
        "problem->n = 0",
    );
    let one = 1.0;
    let huge = 1usize << 40;
    let mut p = emd_problem(&a, &b, &c);
    (p.n, p.m) = (huge, huge);
    p.cost = otc_matrix_f64 {
        data: &one,
        rows: huge,
        cols: huge,
        row_stride: 0,
        col_stride: 0,
    };
    expect(
        run_emd(&p, &mut out, &o),
        OTC_ERR_OVERFLOW,
        "element count overflows the address space",
    );
    assert_eq!(out.cost, SENTINEL);

    let views = [view(&c, 3, 4)];
    let mut bp = batch_problem(&a, &b, &views);
    bp.count = 0;
    let mut bo = batch_outputs();
    // SAFETY: count 0 is refused before any read.
    let s = unsafe { otc_emd_batch_f64(&bp, &mut bo, null(), NO_WORK) };
    expect(s, OTC_ERR_INVALID_DIMENSION, "problem->count = 0");
    bp.count = usize::MAX / 2;
    // SAFETY: the product overflows before any read.
    let s = unsafe { otc_emd_batch_f64(&bp, &mut bo, &batch_opts(1), NO_WORK) };
    assert!(s == OTC_ERR_OVERFLOW, "{s}: {}", last_error_message());
    assert_eq!(bo.cost, SENTINEL);

    let mut op = one_d_problem(&a, &a, &b, &b, 1.0);
    op.m = 0;
    let mut oo = one_d_outputs();
    // SAFETY: m = 0 is refused before any read.
    let s = unsafe { otc_wasserstein_1d_f64(&op, &mut oo, null(), NO_WORK) };
    expect(s, OTC_ERR_INVALID_DIMENSION, "problem->m = 0");

    let x = [0.0, 1.0, 2.0];
    let w = [1.0 / 3.0; 3];
    let sp = sliced_problem(view(&x, 3, 1), &w, view(&x, 3, 1), &w, no_view());
    let mut so = sliced_outputs();
    // SAFETY: valid views and weights.
    let s = unsafe { otc_sliced_wasserstein_f64(&sp, &mut so, &sliced_opts(1, 0, 1), NO_WORK) };
    expect(s, OTC_ERR_INVALID_DIMENSION, "0 directions");
    // SAFETY: as above; the O(k) workspace of 2^40 directions cannot be allocated.
    let s =
        unsafe { otc_sliced_wasserstein_f64(&sp, &mut so, &sliced_opts(1, 1 << 40, 1), NO_WORK) };
    expect(s, OTC_ERR_OUT_OF_MEMORY, "cannot allocate 87960930");
    assert!(last_error_message().contains(" bytes for the workspace"));
    assert_eq!((oo.wp_p, so.swp_p), (SENTINEL, SENTINEL));
}

/// Every workspace query with SIZE_MAX in each size: never OK with a wrapped size, never a
/// panic, the output untouched.
#[test]
fn workspace_queries_never_wrap_or_panic() {
    let big = usize::MAX;
    for (n, m) in [(big, 2), (2, big), (big, big)] {
        let mut bytes = 12345usize;
        let p = otc_emd_problem_f64 {
            n,
            m,
            ..emd_problem(&[], &[], &[])
        };
        // SAFETY: valid structs; only n and m are read.
        let s = unsafe { otc_emd_workspace_size_f64(&p, null(), &mut bytes) };
        assert_eq!(
            s,
            OTC_ERR_OVERFLOW,
            "emd ({n}, {m}): {}",
            last_error_message()
        );
        let p = otc_wasserstein_1d_problem_f64 {
            n,
            m,
            ..one_d_problem(&[], &[], &[], &[], 1.0)
        };
        // SAFETY: as above.
        let s = unsafe { otc_wasserstein_1d_workspace_size_f64(&p, null(), &mut bytes) };
        assert_eq!(
            s,
            OTC_ERR_OVERFLOW,
            "1-D ({n}, {m}): {}",
            last_error_message()
        );
        let p = otc_emd_batch_problem_f64 {
            count: 2,
            n,
            m,
            ..batch_problem(&[0.0], &[0.0], &[no_view()])
        };
        // SAFETY: as above.
        let s = unsafe { otc_emd_batch_workspace_size_f64(&p, &batch_opts(1), &mut bytes) };
        assert_eq!(
            s,
            OTC_ERR_OVERFLOW,
            "batch ({n}, {m}): {}",
            last_error_message()
        );
        let mut x = no_view();
        (x.rows, x.cols) = (n, m);
        let p = sliced_problem(x, &[], x, &[], no_view());
        // SAFETY: as above; the views' data is not read.
        let s = unsafe {
            otc_sliced_wasserstein_workspace_size_f64(&p, &sliced_opts(1, 4, 0), &mut bytes)
        };
        assert_eq!(
            s,
            OTC_ERR_OVERFLOW,
            "sliced ({n}, {m}): {}",
            last_error_message()
        );
        // SAFETY: as above.
        let s = unsafe {
            otc_sliced_wasserstein_workspace_size_f64(
                &sliced_problem(view(&[0.0], 1, 1), &[], view(&[0.0], 1, 1), &[], no_view()),
                &sliced_opts(1, n.max(m), 0),
                &mut bytes,
            )
        };
        assert_eq!(
            s,
            OTC_ERR_OVERFLOW,
            "sliced k = {}: {}",
            n.max(m),
            last_error_message()
        );
        assert_eq!(bytes, 12345);
    }
    // A batch's workspace does not grow with the count (one slot per worker, 80 bytes a problem).
    let mut small = 0usize;
    let p = otc_emd_batch_problem_f64 {
        count: 1 << 20,
        n: 3,
        m: 3,
        ..batch_problem(&[0.0], &[0.0], &[no_view()])
    };
    // SAFETY: valid structs.
    let s = unsafe { otc_emd_batch_workspace_size_f64(&p, &batch_opts(1), &mut small) };
    assert_eq!(s, OTC_OK);
    assert!(small < 100 << 20, "{small}");
}

#[test]
fn outputs_with_bad_strides_or_misaligned_pointers_are_refused() {
    let (a, b, c) = problem_data(3, 3, 2);
    let mut dense = [SENTINEL; 9];
    let mut out = emd_outputs();
    out.plan = view_mut(&mut dense, 3, 3);
    out.plan.row_stride = 1; // rows and columns overlap
    expect(
        run_emd(&emd_problem(&a, &b, &c), &mut out, &emd_opts()),
        OTC_ERR_INVALID_STRIDE,
        "output out->plan (3x3, strides 1, 1) addresses some elements twice",
    );
    let mut out = emd_outputs();
    out.f = (dense.as_mut_ptr() as usize + 1) as *mut f64;
    expect(
        run_emd(&emd_problem(&a, &b, &c), &mut out, &emd_opts()),
        OTC_ERR_INVALID_STRIDE,
        "out->f is not aligned",
    );
    assert_eq!((dense, out.cost), ([SENTINEL; 9], SENTINEL));
}

/// Every output against an input and another output, the outputs struct included.
#[test]
fn aliased_outputs_are_refused_and_nothing_is_written() {
    let (a, b, c) = problem_data(3, 3, 4);
    let o = emd_opts();
    // Outputs inside one buffer `buf` (f at 0..3, g at 3..6, dense plan at 6..15, plan
    // masses at 15..20); each case points one output at an input or at another output.
    type Alias = Box<dyn Fn(&mut Problem, &mut Outputs, *mut f64)>;
    // b inside a buffer as long as the plan (9 values), so that a plan aliased to b overlaps b
    // and nothing else, wherever the allocator put a.
    let mut b_padded = [0.0f64; 9];
    b_padded[..b.len()].copy_from_slice(&b);
    let b_at = b_padded.as_mut_ptr();
    let cases: Vec<(&str, Alias)> = vec![
        (
            "output out->f overlaps problem->a",
            Box::new(|p: &mut Problem, o: &mut Outputs, _: *mut f64| o.f = p.a as *mut f64),
        ),
        (
            "output out->g overlaps problem->cost",
            Box::new(|p: &mut Problem, o: &mut Outputs, _: *mut f64| o.g = p.cost.data as *mut f64),
        ),
        (
            "output out->plan overlaps problem->b",
            Box::new(move |p: &mut Problem, o: &mut Outputs, _: *mut f64| {
                p.b = b_at;
                o.plan.data = b_at;
            }),
        ),
        (
            "output out->g overlaps out->plan_mass",
            Box::new(|_: &mut Problem, o: &mut Outputs, buf: *mut f64| {
                o.plan_mass = buf.wrapping_add(3)
            }),
        ),
        (
            "output out->f overlaps out->plan",
            Box::new(|_: &mut Problem, o: &mut Outputs, buf: *mut f64| {
                o.plan.data = buf.wrapping_add(2)
            }),
        ),
        (
            "overlaps problem->warm_f",
            Box::new(|p: &mut Problem, o: &mut Outputs, _: *mut f64| {
                p.warm_f = o.g;
                p.warm_g = o.g;
            }),
        ),
    ];
    for (message, alias) in cases {
        let mut buf = [SENTINEL; 20];
        let mut rows = [7usize; 5];
        let mut cols = [7usize; 5];
        let mut p = emd_problem(&a, &b, &c);
        let mut out = emd_outputs();
        let base = buf.as_mut_ptr();
        // SAFETY (the three adds): offsets inside `buf`.
        unsafe {
            out.f = base;
            out.g = base.add(3);
            out.plan = view_mut(std::slice::from_raw_parts_mut(base.add(6), 9), 3, 3);
            out.plan_mass = base.add(15);
        }
        out.plan_rows = rows.as_mut_ptr();
        out.plan_cols = cols.as_mut_ptr();
        alias(&mut p, &mut out, base);
        let before = (a.clone(), b.clone(), c.clone());
        expect(run_emd(&p, &mut out, &o), OTC_ERR_ALIASING, message);
        assert_eq!(
            (buf, rows, cols, out.cost),
            ([SENTINEL; 20], [7; 5], [7; 5], SENTINEL)
        );
        assert_eq!((a.clone(), b.clone(), c.clone()), before);
    }
    // The outputs struct itself overlapping an input (the weights a) or the problem struct.
    let mut out = emd_outputs();
    let mut p = emd_problem(&a, &b, &c);
    p.a = &out.cost;
    p.n = 1;
    p.cost.rows = 1;
    expect(
        run_emd(&p, &mut out, &o),
        OTC_ERR_ALIASING,
        "output out overlaps problem->a",
    );
    assert_eq!(out.cost, SENTINEL);
    // The problem struct inside the outputs struct's tail: `out->plan` is not wanted (its data
    // NULL), so the problem's fields written over its sizes and strides spoil nothing else.
    let mut both = [0u64; (size_of::<Outputs>() + size_of::<Problem>()) / 8 + 1];
    let optr = both.as_mut_ptr() as *mut Outputs;
    let at = std::mem::offset_of!(Outputs, plan) + 8;
    // SAFETY: `both` is 8-byte aligned and holds an outputs struct followed by a problem struct
    // starting `at` bytes in (a multiple of 8), both inside the buffer.
    let pptr = unsafe {
        optr.write(emd_outputs());
        let pptr = (optr as *mut u8).add(at) as *mut Problem;
        pptr.write(emd_problem(&a, &b, &c));
        pptr
    };
    // SAFETY: both structs are valid; they overlap, which must be refused.
    let s = unsafe { otc_emd_f64(pptr, optr, &o, NO_WORK) };
    expect(s, OTC_ERR_ALIASING, "output out overlaps problem");
    // SAFETY: the outputs struct written above.
    assert_eq!(unsafe { (*optr).cost }, SENTINEL);

    // Batch: a per-problem output over a cost matrix; the sum over the outputs struct.
    let views = [view(&c, 3, 3), view(&c, 3, 3)];
    let (a2, b2) = (
        [a.clone(), a.clone()].concat(),
        [b.clone(), b.clone()].concat(),
    );
    let mut bo = batch_outputs();
    bo.problem_costs = c.as_ptr() as *mut f64;
    // SAFETY: valid arrays; the aliasing is refused before any write.
    let s =
        unsafe { otc_emd_batch_f64(&batch_problem(&a2, &b2, &views), &mut bo, null(), NO_WORK) };
    expect(
        s,
        OTC_ERR_ALIASING,
        "output out->problem_costs overlaps a cost matrix",
    );
    let mut bo = batch_outputs();
    let mut its = [0u64; 2];
    bo.problem_iterations = its.as_mut_ptr();
    bo.plan_nnz = its.as_mut_ptr() as *mut usize;
    // SAFETY: as above.
    let s =
        unsafe { otc_emd_batch_f64(&batch_problem(&a2, &b2, &views), &mut bo, null(), NO_WORK) };
    expect(
        s,
        OTC_ERR_ALIASING,
        "output out->problem_iterations overlaps out->plan_nnz",
    );
    assert_eq!((bo.cost, its), (SENTINEL, [0; 2]));

    // 1-D: the plan over the samples; sliced: the outputs struct over the directions.
    let x = [0.0, 1.0, 2.0];
    let w = [1.0 / 3.0; 3];
    let mut rows = [0usize; 5];
    let mut oo = one_d_outputs();
    oo.plan_rows = rows.as_mut_ptr();
    oo.plan_cols = rows.as_mut_ptr();
    oo.plan_mass = x.as_ptr() as *mut f64;
    // SAFETY: valid arrays; refused before any write.
    let s = unsafe {
        otc_wasserstein_1d_f64(
            &one_d_problem(&x, &w, &x, &w, 1.0),
            &mut oo,
            null(),
            NO_WORK,
        )
    };
    expect(
        s,
        OTC_ERR_ALIASING,
        "output out->plan_rows overlaps out->plan_cols",
    );
    oo.plan_cols = null_mut();
    oo.plan_rows = null_mut();
    oo.plan_mass = null_mut();
    let mut p1 = one_d_problem(&x, &w, &x, &w, 1.0);
    p1.x = &oo.wp_p;
    p1.n = 1;
    p1.a = &oo.wp_p;
    // SAFETY: as above.
    let s = unsafe { otc_wasserstein_1d_f64(&p1, &mut oo, null(), NO_WORK) };
    expect(s, OTC_ERR_ALIASING, "output out overlaps problem->x");
    let mut so = sliced_outputs();
    let dirs = otc_matrix_f64 {
        data: &so.swp_p,
        rows: 1,
        cols: 1,
        row_stride: 1,
        col_stride: 1,
    };
    let sp = sliced_problem(view(&x, 3, 1), &w, view(&x, 3, 1), &w, dirs);
    // SAFETY: as above.
    let s = unsafe { otc_sliced_wasserstein_f64(&sp, &mut so, null(), NO_WORK) };
    expect(
        s,
        OTC_ERR_ALIASING,
        "output out overlaps problem->directions",
    );
    assert_eq!((rows, oo.wp_p, so.swp_p), ([0; 5], SENTINEL, SENTINEL));
}

/// struct_size 0 or larger than this library's: OTC_ERR_ABI_MISMATCH naming the struct; this
/// release's size (the oldest accepted) works.
#[test]
fn wrong_struct_sizes_are_refused_and_this_releases_accepted() {
    let (a, b, c) = problem_data(2, 2, 5);
    for bad in [0, 3, size_of::<otc_emd_problem_f64>() + 8] {
        let mut p = emd_problem(&a, &b, &c);
        p.struct_size = bad;
        let mut out = emd_outputs();
        expect(
            run_emd(&p, &mut out, &emd_opts()),
            OTC_ERR_ABI_MISMATCH,
            &format!("problem->struct_size is {bad}"),
        );
        let mut out = emd_outputs();
        out.struct_size = bad.max(1) + size_of::<otc_emd_outputs_f64>();
        expect(
            run_emd(&emd_problem(&a, &b, &c), &mut out, &emd_opts()),
            OTC_ERR_ABI_MISMATCH,
            "otc_emd_outputs_f64",
        );
        assert_eq!(out.cost, SENTINEL);
        let mut o = emd_opts();
        o.struct_size = bad;
        let mut out = emd_outputs();
        expect(
            run_emd(&emd_problem(&a, &b, &c), &mut out, &o),
            OTC_ERR_ABI_MISMATCH,
            "otc_emd_options",
        );
        let mut so = sliced_outputs();
        let mut sopt = sliced_opts(1, 4, 0);
        sopt.struct_size = bad;
        let sp = sliced_problem(view(&a, 2, 1), &a, view(&b, 2, 1), &b, no_view());
        // SAFETY: valid structs but for the size.
        let s = unsafe { otc_sliced_wasserstein_f64(&sp, &mut so, &sopt, NO_WORK) };
        expect(s, OTC_ERR_ABI_MISMATCH, "otc_sliced_wasserstein_options");
        let mut bo = batch_outputs();
        let mut bopt = batch_opts(1);
        bopt.struct_size = bad;
        let views = [view(&c, 2, 2)];
        // SAFETY: as above.
        let s =
            unsafe { otc_emd_batch_f64(&batch_problem(&a, &b, &views), &mut bo, &bopt, NO_WORK) };
        expect(s, OTC_ERR_ABI_MISMATCH, "otc_emd_batch_options");
        let mut oo = one_d_outputs();
        let mut op = one_d_problem(&a, &a, &b, &b, 1.0);
        op.struct_size = bad;
        // SAFETY: as above.
        let s = unsafe { otc_wasserstein_1d_f64(&op, &mut oo, null(), NO_WORK) };
        expect(s, OTC_ERR_ABI_MISMATCH, "otc_wasserstein_1d_problem_f64");
        assert_eq!((so.swp_p, bo.cost, oo.wp_p), (SENTINEL, SENTINEL, SENTINEL));
    }
    // Only this release's sizes exist so far: MIN_SIZE is the full size, and it works.
    let mut out = emd_outputs();
    expect(
        run_emd(&emd_problem(&a, &b, &c), &mut out, &emd_opts()),
        OTC_OK,
        "",
    );
    assert_eq!(out.report.status, OTC_OK);
}

/// num_threads = 257 or UINT32_MAX (a -1): OTC_ERR_THREADS at once for every op (also those
/// that run on the calling thread), nothing started, nothing written.
#[test]
fn thread_counts_above_the_cap_are_refused_quickly() {
    let (a, b, c) = problem_data(2, 2, 6);
    for threads in [257, u32::MAX] {
        let t = std::time::Instant::now();
        let mut o = emd_opts();
        o.num_threads = threads;
        let mut out = emd_outputs();
        expect(
            run_emd(&emd_problem(&a, &b, &c), &mut out, &o),
            OTC_ERR_THREADS,
            "above the cap of 256",
        );
        let views = [view(&c, 2, 2)];
        let mut bo = batch_outputs();
        // SAFETY: valid structs.
        let s = unsafe {
            otc_emd_batch_f64(
                &batch_problem(&a, &b, &views),
                &mut bo,
                &batch_opts(threads),
                NO_WORK,
            )
        };
        expect(s, OTC_ERR_THREADS, "above the cap of 256");
        let mut w = defaults(otc_wasserstein_1d_options_default);
        w.num_threads = threads;
        let mut oo = one_d_outputs();
        // SAFETY: valid structs.
        let s = unsafe {
            otc_wasserstein_1d_f64(&one_d_problem(&a, &a, &b, &b, 1.0), &mut oo, &w, NO_WORK)
        };
        expect(s, OTC_ERR_THREADS, "above the cap of 256");
        let mut so = sliced_outputs();
        let sp = sliced_problem(view(&a, 2, 1), &a, view(&b, 2, 1), &b, no_view());
        // SAFETY: valid structs.
        let s = unsafe {
            otc_sliced_wasserstein_f64(&sp, &mut so, &sliced_opts(threads, 4, 1), NO_WORK)
        };
        expect(s, OTC_ERR_THREADS, "above the cap of 256");
        let mut bytes = 3usize;
        // SAFETY: valid structs.
        let s = unsafe {
            otc_sliced_wasserstein_workspace_size_f64(&sp, &sliced_opts(threads, 4, 1), &mut bytes)
        };
        expect(s, OTC_ERR_THREADS, "above the cap of 256");
        assert!(t.elapsed().as_secs_f64() < 1.0);
        assert_eq!(
            (out.cost, bo.cost, oo.wp_p, so.swp_p, bytes),
            (SENTINEL, SENTINEL, SENTINEL, SENTINEL, 3)
        );
    }
}

#[test]
fn non_finite_inputs_are_refused_by_name() {
    let (a, b, c) = problem_data(3, 2, 8);
    let mut bad_c = c.clone();
    bad_c[3] = f64::NAN;
    let mut out = emd_outputs();
    expect(
        run_emd(&emd_problem(&a, &b, &bad_c), &mut out, &emd_opts()),
        OTC_ERR_NON_FINITE,
        "cost[1, 1] is NaN",
    );
    let mut bad_a = a.clone();
    bad_a[2] = f64::INFINITY;
    expect(
        run_emd(&emd_problem(&bad_a, &b, &c), &mut out, &emd_opts()),
        OTC_ERR_NON_FINITE,
        "a[2] is inf",
    );
    let warm = [0.0, f64::NAN, 0.0];
    let mut p = emd_problem(&a, &b, &c);
    p.warm_f = warm.as_ptr();
    p.warm_g = b.as_ptr();
    expect(
        run_emd(&p, &mut out, &emd_opts()),
        OTC_ERR_NON_FINITE,
        "warm start f[1] is NaN",
    );
    assert_eq!(out.cost, SENTINEL);
    let x = [0.0, f64::NAN, 1.0];
    let mut oo = one_d_outputs();
    // SAFETY: valid arrays.
    let s = unsafe {
        otc_wasserstein_1d_f64(
            &one_d_problem(&x, &a, &b, &b, 1.0),
            &mut oo,
            null(),
            NO_WORK,
        )
    };
    expect(s, OTC_ERR_NON_FINITE, "x[1] is NaN");
    let dirs = [1.0, f64::NEG_INFINITY];
    let mut so = sliced_outputs();
    let sp = sliced_problem(view(&a, 3, 1), &a, view(&b, 2, 1), &b, view(&dirs, 2, 1));
    // SAFETY: valid views.
    let s = unsafe { otc_sliced_wasserstein_f64(&sp, &mut so, null(), NO_WORK) };
    expect(s, OTC_ERR_NON_FINITE, "directions[1] is -inf");
    assert_eq!((oo.wp_p, so.swp_p), (SENTINEL, SENTINEL));
}

/// Finite inputs whose sums or potentials overflow: refused, outputs untouched, never OK with
/// NaN or an infinity.
#[test]
fn exact_ot_refuses_finite_inputs_that_overflow() {
    let call = |a: &[f64], b: &[f64], c: &[f64]| {
        let mut fg = vec![SENTINEL; a.len() + b.len()];
        let mut out = emd_outputs();
        out.f = fg.as_mut_ptr();
        // SAFETY: f and g are the two halves of `fg`.
        out.g = unsafe { fg.as_mut_ptr().add(a.len()) };
        let s = run_emd(&emd_problem(a, b, c), &mut out, &emd_opts());
        (s, out.cost, fg)
    };
    let (s, cost, fg) = call(
        &[1e308; 3],
        &[1e308; 3],
        &[0.0, 1.0, 2.0, 1.0, 0.0, 1.0, 2.0, 1.0, 0.0],
    );
    expect(
        s,
        OTC_ERR_INVALID_ARGUMENT,
        "the weights overflow when summed",
    );
    assert_eq!((cost, fg), (SENTINEL, vec![SENTINEL; 6]));
    let (s, cost, fg) = call(&[0.5; 2], &[0.5; 2], &[1e308; 4]);
    expect(s, OTC_ERR_INVALID_ARGUMENT, "rescale the costs");
    assert_eq!((cost, fg), (SENTINEL, vec![SENTINEL; 4]));
    // The largest costs that pass give finite results: a 2×2 problem at 1e306.
    let (s, cost, fg) = call(&[0.5; 2], &[0.5; 2], &[1e306, 0.0, 0.0, 1e306]);
    expect(s, OTC_OK, "");
    assert_eq!(cost, 0.0);
    assert!(fg.iter().all(|x| x.is_finite()), "{fg:?}");
}

/// A caller workspace too small, whose stated size overflows, or which ends at the top of the
/// address space: an error, never a panic, nothing touched.
#[test]
fn caller_workspaces_too_small_or_impossible_are_errors() {
    let (a, c) = ([0.5, 0.5], [0.0, 1.0, 1.0, 0.0]);
    let p = emd_problem(&a, &a, &c);
    let mut need = 0usize;
    // SAFETY: valid structs.
    assert_eq!(
        unsafe { otc_emd_workspace_size_f64(&p, null(), &mut need) },
        OTC_OK
    );
    let mut buf = vec![0u8; need];
    // (data, bytes, accepted statuses): too small, or a size or an end the address space
    // cannot hold (refused as an overflow, or as too small once the size is checked).
    let impossible = [OTC_ERR_OVERFLOW, OTC_ERR_WORKSPACE_TOO_SMALL];
    for (data, bytes, want) in [
        (
            buf.as_mut_ptr(),
            need / 2,
            &[OTC_ERR_WORKSPACE_TOO_SMALL][..],
        ),
        (buf.as_mut_ptr(), usize::MAX, &[OTC_ERR_OVERFLOW][..]),
        (
            buf.as_mut_ptr(),
            isize::MAX as usize + 1,
            &[OTC_ERR_OVERFLOW][..],
        ),
        ((usize::MAX - 100) as *mut u8, 64, &impossible[..]),
        ((usize::MAX - 63) as *mut u8, 63, &impossible[..]),
    ] {
        let mut out = emd_outputs();
        let work = otc_workspace {
            data: data as *mut std::ffi::c_void,
            bytes,
        };
        // SAFETY: the inputs are valid; the workspace is the lie and must not be touched.
        let s = unsafe { otc_emd_f64(&p, &mut out, null(), work) };
        assert!(
            want.contains(&s),
            "{bytes} bytes: {s}, {}",
            last_error_message()
        );
        assert!(!last_error_message().is_empty());
        assert_eq!(out.cost, SENTINEL);
    }
    // The exact size works.
    let mut out = emd_outputs();
    let work = otc_workspace {
        data: buf.as_mut_ptr() as *mut std::ffi::c_void,
        bytes: need,
    };
    // SAFETY: a workspace of the size asked for.
    expect(
        unsafe { otc_emd_f64(&p, &mut out, null(), work) },
        OTC_OK,
        "",
    );
    assert_eq!(out.cost, 0.0);
}

/// What the test callback saw: (pivots, error, on the calling thread), and when to stop.
struct Seen {
    caller: std::thread::ThreadId,
    calls: Vec<(u64, f64, bool)>,
    stop: bool,
}

unsafe extern "C" fn watch(data: *mut std::ffi::c_void, iteration: u64, error: f64) -> i32 {
    // SAFETY: `data` is the test's `Seen`, alive for the call.
    let seen = unsafe { &mut *(data as *mut Seen) };
    let here = std::thread::current().id() == seen.caller;
    seen.calls.push((iteration, error, here));
    i32::from(seen.stop)
}

/// emd's callback: every k pivots on the calling thread (also with num_threads = 2); one that
/// stops at its first call gives OTC_WARN_CANCELLED after k pivots with a feasible plan; one
/// that never stops changes nothing.
#[test]
fn emd_callback_observes_every_k_pivots_and_can_stop_with_a_feasible_plan() {
    let (n, m) = (40, 30);
    let (a, b, c) = problem_data(n, m, 9);
    let p = emd_problem(&a, &b, &c);
    let mut plain = emd_outputs();
    expect(run_emd(&p, &mut plain, &emd_opts()), OTC_OK, "");
    assert!(plain.report.iterations > 50, "{}", plain.report.iterations);
    for (stop, threads) in [(true, 2), (false, 2), (true, 1)] {
        let mut seen = Seen {
            caller: std::thread::current().id(),
            calls: Vec::new(),
            stop,
        };
        let mut o = emd_opts();
        o.num_threads = threads;
        o.callback_every = 5;
        o.callback = Some(watch);
        o.callback_data = &mut seen as *mut Seen as *mut std::ffi::c_void;
        let mut dense = vec![0.0; n * m];
        let mut out = emd_outputs();
        out.plan = view_mut(&mut dense, n, m);
        let s = run_emd(&p, &mut out, &o);
        assert!(seen
            .calls
            .iter()
            .all(|&(_, e, here)| here && e >= 0.0 && e.is_finite()));
        if stop {
            expect(
                s,
                OTC_WARN_CANCELLED,
                "the callback stopped the solve after",
            );
            assert_eq!(out.report.status, OTC_WARN_CANCELLED);
            assert_eq!(seen.calls.len(), 1);
            // The initial pivots come first; the first Block Search pivot at or past 5 calls.
            assert!(out.report.iterations >= 5 && out.report.iterations < plain.report.iterations);
            assert_eq!(seen.calls[0].0, out.report.iterations);
            // A feasible plan: both marginals, its cost as reported, no better than optimal.
            for (i, &ai) in a.iter().enumerate() {
                let row: f64 = dense[i * m..(i + 1) * m].iter().sum();
                assert!((row - ai).abs() <= 1e-14, "row {i}: {row} vs {ai}");
            }
            for (j, &bj) in b.iter().enumerate() {
                let col: f64 = (0..n).map(|i| dense[i * m + j]).sum();
                assert!((col - bj).abs() <= 1e-14, "column {j}: {col} vs {bj}");
            }
            let cost: f64 = dense.iter().zip(&c).map(|(x, y)| x * y).sum();
            assert!((cost - out.cost).abs() <= 1e-12 && out.cost >= plain.cost - 1e-15);
            assert!(dense.iter().all(|&x| x >= 0.0));
        } else {
            expect(s, OTC_OK, "");
            assert_eq!(
                (out.cost, out.report.iterations),
                (plain.cost, plain.report.iterations)
            );
            let pivots: Vec<u64> = seen.calls.iter().map(|x| x.0).collect();
            assert!(pivots.windows(2).all(|w| w[1] >= w[0] + 5), "{pivots:?}");
            assert!(pivots.len() as u64 >= (plain.report.iterations - n as u64 - m as u64) / 5 - 1);
        }
    }
}

/// emd_batch's callback: called on the calling thread as problems finish (iteration =
/// problems finished, error NaN), also with num_threads = 2. Stopping at the first call on one
/// thread solves problem 0 and skips the others (costs, gaps and duals NaN, no pivots, plans
/// not written); with two threads every problem is either solved as alone or skipped. A
/// callback that never stops changes nothing.
#[test]
fn emd_batch_callback_reports_finished_problems_and_skips_the_unstarted_ones() {
    let (n, m, k) = (12, 9, 8);
    let data: Vec<_> = (0..k).map(|l| problem_data(n, m, 7 * l)).collect();
    let a: Vec<f64> = data.iter().flat_map(|d| d.0.clone()).collect();
    let b: Vec<f64> = data.iter().flat_map(|d| d.1.clone()).collect();
    let views: Vec<_> = data.iter().map(|d| view(&d.2, n, m)).collect();
    let alone: Vec<_> = data
        .iter()
        .map(|d| {
            let c = faer::MatRef::from_row_major_slice(&d.2, n, m);
            exact::emd(&d.0, &d.1, c, &EmdParams::default()).unwrap()
        })
        .collect();
    for (threads, stop) in [(1, true), (2, true), (2, false)] {
        let mut buf = BatchBuffers::new(k, n, m, SENTINEL, usize::MAX);
        let mut out = buf.outputs();
        let BatchBuffers {
            costs,
            gaps,
            its,
            f,
            g,
            rows,
            mass,
            ..
        } = &buf;
        let mut seen = Seen {
            caller: std::thread::current().id(),
            calls: Vec::new(),
            stop,
        };
        let mut o = batch_opts(threads);
        o.callback_every = 1;
        o.callback = Some(watch);
        o.callback_data = &mut seen as *mut Seen as *mut std::ffi::c_void;
        // SAFETY: every array holds its stated length; the callback's data outlives the call.
        let s = unsafe { otc_emd_batch_f64(&batch_problem(&a, &b, &views), &mut out, &o, NO_WORK) };
        assert!(seen
            .calls
            .iter()
            .all(|&(it, e, here)| here && e.is_nan() && it <= k as u64));
        let finished: Vec<u64> = seen.calls.iter().map(|x| x.0).collect();
        assert!(finished.windows(2).all(|w| w[1] > w[0]), "{finished:?}");
        if !stop {
            expect(s, OTC_OK, "");
            assert_eq!(costs, &alone.iter().map(|r| r.cost).collect::<Vec<_>>());
            continue;
        }
        expect(s, OTC_WARN_CANCELLED, "the callback stopped the batch");
        assert_eq!(seen.calls.len(), 1);
        assert!(out.cost.is_nan() == costs.iter().any(|c| c.is_nan()));
        let mut skipped = 0;
        for l in 0..k {
            let plan = l * (n + m - 1)..(l + 1) * (n + m - 1);
            if costs[l].is_nan() {
                skipped += 1;
                assert!(gaps[l].is_nan() && its[l] == 0);
                assert!(f[l * n..(l + 1) * n]
                    .iter()
                    .chain(&g[l * m..(l + 1) * m])
                    .all(|x| x.is_nan()));
                assert!(rows[plan.clone()].iter().all(|&r| r == usize::MAX));
                assert!(mass[plan].iter().all(|&x| x == SENTINEL));
            } else {
                // Solved before the stop, or ended feasibly at its next pivot after it.
                assert!(costs[l] >= alone[l].cost - 1e-15 && its[l] >= 1);
                if its[l] == alone[l].iterations {
                    assert_eq!(costs[l], alone[l].cost);
                }
            }
        }
        if threads == 1 {
            assert_eq!(seen.calls[0].0, 1);
            assert_eq!((costs[0], skipped), (alone[0].cost, k - 1));
            assert_eq!(out.report.iterations, alone[0].iterations);
        }
    }
}
