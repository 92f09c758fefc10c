//! The C ABI of the exact solvers in the ABI 1 shape (`otc_assignment_f64`,
//! `otc_emd_grid_f64`, `otc_emd_partial_f64`, `otc_emd_unbalanced_tv_f64`) against a hostile
//! caller: NULLs, zero and huge sizes, bad strides, aliasing of every output (the outputs
//! struct included), wrong struct sizes, thread counts above the cap, non-finite inputs. Each
//! case checks the status, that the message names the offending argument, and that the
//! outputs are untouched (sentinels). Then the wiring: the entry points' values equal the Rust
//! API's, and the grid solver's cost equals the dense network simplex's on the grid's cost.

use crate::abi_support;
use abi_support::*;

use otcore::ffi::assignment::*;
use otcore::ffi::boundary::last_error_message;
use otcore::ffi::emd_grid::*;
use otcore::ffi::emd_partial::*;
use otcore::ffi::shape::{otc_report, otc_workspace, AbiStruct};
use otcore::ffi::status::*;
use otcore::ffi::view::otc_matrix_f64;
use std::mem::size_of;
use std::ptr::{null, null_mut};

/// A value that no call computes: written before a refused call, checked after.
const SENTINEL: f64 = -12345.0;

/// Asserts a call's status (a refusal or a warning) and a message containing `needle`.
fn refused(status: otc_status, want: otc_status, needle: &str, case: &str) {
    let msg = last_error_message();
    assert_eq!(status, want, "{case}: {msg}");
    assert!(msg.contains(needle), "{case}: {msg:?} lacks {needle:?}");
}

/// Uniform pseudo-random numbers in [0, 1) (a fixed LCG: reproducible, no dependency).
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

fn normalised(mut v: Vec<f64>) -> Vec<f64> {
    let s: f64 = v.iter().sum();
    v.iter_mut().for_each(|x| *x /= s);
    v
}

// ---- assignment ----------------------------------------------------------------------

fn assignment_options(num_threads: u32) -> otc_assignment_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: `o` is writable; the call initialises it.
    unsafe {
        assert_eq!(otc_assignment_options_default(o.as_mut_ptr()), OTC_OK);
        let mut o = o.assume_init();
        o.num_threads = num_threads;
        o
    }
}

fn assignment_outputs(
    perm: &mut [usize],
    u: &mut [f64],
    v: &mut [f64],
    costs: &mut [f64],
) -> otc_assignment_outputs_f64 {
    otc_assignment_outputs_f64 {
        struct_size: size_of::<otc_assignment_outputs_f64>(),
        report: otc_report::default(),
        cost: SENTINEL,
        gap: SENTINEL,
        perm: perm.as_mut_ptr(),
        u: u.as_mut_ptr(),
        v: v.as_mut_ptr(),
        problem_costs: costs.as_mut_ptr(),
    }
}

#[test]
fn assignment_values_equal_the_rust_api_for_every_thread_count() {
    let (n, k) = (9, 3);
    let mut s = 1;
    let data: Vec<Vec<f64>> = (0..k).map(|_| uniform(&mut s, n * n)).collect();
    let views: Vec<otc_matrix_f64> = data.iter().map(|d| view(d, n, n)).collect();
    let p = otc_assignment_problem_f64 {
        struct_size: size_of::<otc_assignment_problem_f64>(),
        count: k,
        costs: views.as_ptr(),
    };
    let mut first = None;
    for threads in [1, 2, 3] {
        let (mut perm, mut u, mut v, mut pc) = (
            vec![0; n * k],
            vec![0.0; n * k],
            vec![0.0; n * k],
            vec![0.0; k],
        );
        let mut out = assignment_outputs(&mut perm, &mut u, &mut v, &mut pc);
        let o = assignment_options(threads);
        // SAFETY: every pointer valid for its stated length, outputs disjoint.
        assert_eq!(
            unsafe { otc_assignment_f64(&p, &mut out, &o, NO_WORK) },
            OTC_OK
        );
        let mut total = 0.0;
        for (l, d) in data.iter().enumerate() {
            let m = faer::MatRef::from_row_major_slice(d, n, n);
            let r = otcore::exact::assignment(m).unwrap();
            assert_eq!(&perm[l * n..(l + 1) * n], &r.perm[..]);
            assert_eq!(&u[l * n..(l + 1) * n], &r.u[..]);
            assert_eq!(&v[l * n..(l + 1) * n], &r.v[..]);
            assert_eq!(pc[l], r.info.cost);
            total += r.info.cost;
        }
        assert_eq!(out.cost, total);
        assert!(out.gap <= 0.0 && out.gap > -1e-12, "{}", out.gap);
        assert_eq!(out.report.error, out.gap);
        assert_eq!(out.report.status, OTC_OK);
        assert!(out.report.iterations >= 1);
        let all = (perm, u, v, out.cost);
        match &first {
            None => first = Some(all),
            Some(f) => assert_eq!(f, &all, "threads = {threads}"),
        }
    }
}

#[test]
fn assignment_refuses_bad_input_and_writes_nothing() {
    let n = 4;
    let c: Vec<f64> = (0..n * n).map(|x| (x * 7 % 11) as f64).collect();
    let mut nan = c.clone();
    nan[6] = f64::NAN;
    let good = [view(&c, n, n), view(&c, n, n)];
    let (mut perm, mut u, mut v, mut pc) =
        ([77usize; 8], [SENTINEL; 8], [SENTINEL; 8], [SENTINEL; 2]);
    let base = assignment_outputs(&mut perm, &mut u, &mut v, &mut pc);
    let problem = |views: &[otc_matrix_f64], count| otc_assignment_problem_f64 {
        struct_size: size_of::<otc_assignment_problem_f64>(),
        count,
        costs: views.as_ptr(),
    };
    let run = |p: *const otc_assignment_problem_f64,
               out: *mut otc_assignment_outputs_f64,
               o: *const otc_assignment_options| {
        // SAFETY: every pointer is NULL or valid for what it states (the cases' point).
        unsafe { otc_assignment_f64(p, out, o, NO_WORK) }
    };
    let mut out = base;
    let p = problem(&good, 2);
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
    refused(
        run(&problem(&good, 0), &mut out, null()),
        OTC_ERR_INVALID_DIMENSION,
        "count",
        "count 0",
    );
    let mut q = p;
    q.costs = null();
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_NULL_POINTER,
        "problem->costs",
        "NULL costs",
    );
    q = p;
    q.count = usize::MAX / 8;
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_OVERFLOW,
        "problem->costs",
        "huge count",
    );
    let mut nulldata = good;
    nulldata[1].data = null();
    refused(
        run(&problem(&nulldata, 2), &mut out, null()),
        OTC_ERR_NULL_POINTER,
        "problem->costs[1]",
        "NULL view",
    );
    let mut rect = good;
    rect[1].cols = 3;
    refused(
        run(&problem(&rect, 2), &mut out, null()),
        OTC_ERR_INVALID_DIMENSION,
        "problem 1",
        "not square",
    );
    let mut huge = good;
    huge[1] = otc_matrix_f64 {
        rows: 1 << 40,
        cols: 1 << 40,
        row_stride: 0,
        col_stride: 0,
        ..good[1]
    };
    refused(
        run(&problem(&huge, 2), &mut out, null()),
        OTC_ERR_OVERFLOW,
        "problem->costs[1]",
        "huge view",
    );
    let with_nan = [view(&c, n, n), view(&nan, n, n)];
    refused(
        run(&problem(&with_nan, 2), &mut out, null()),
        OTC_ERR_NON_FINITE,
        "problem 1: cost[1, 2]",
        "NaN",
    );
    // One problem: its values are checked in its solve's first pass (no separate
    // validation), with the same status and message, before any output is written.
    refused(
        run(&problem(&with_nan[1..], 1), &mut out, null()),
        OTC_ERR_NON_FINITE,
        "problem 0: cost[1, 2]",
        "NaN, one problem",
    );
    let vast: Vec<f64> = c.iter().map(|&x| x * 1e307).collect();
    refused(
        run(&problem(&[view(&vast, n, n)], 1), &mut out, null()),
        OTC_ERR_INVALID_ARGUMENT,
        "problem 0: costs span",
        "duals would overflow, one problem",
    );
    // Aliasing: an output over a cost, two outputs over each other, the outputs struct over
    // the array of views.
    let mut o2 = base;
    o2.u = c.as_ptr() as *mut f64;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->u",
        "u over a cost",
    );
    o2 = base;
    o2.v = o2.u;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->u overlaps out->v",
        "u over v",
    );
    let mut views_and_out = [good[0]; 8];
    let over = views_and_out[2..].as_mut_ptr() as *mut otc_assignment_outputs_f64;
    let mut bare = base;
    (bare.perm, bare.u, bare.v, bare.problem_costs) =
        (null_mut(), null_mut(), null_mut(), null_mut());
    // SAFETY: views 2 to 7 (240 bytes) hold one outputs struct (88 bytes).
    unsafe { over.write(bare) };
    let q = otc_assignment_problem_f64 {
        costs: views_and_out.as_ptr(),
        count: 8,
        ..p
    };
    refused(
        run(&q, over, null()),
        OTC_ERR_ALIASING,
        "output out overlaps problem->costs",
        "out over the views",
    );
    // Struct sizes and threads.
    let mut q = p;
    for size in [0, size_of::<otc_assignment_problem_f64>() + 8] {
        q.struct_size = size;
        refused(
            run(&q, &mut out, null()),
            OTC_ERR_ABI_MISMATCH,
            "problem->struct_size",
            "problem size",
        );
    }
    let mut o3 = base;
    o3.struct_size = 8;
    refused(
        run(&p, &mut o3, null()),
        OTC_ERR_ABI_MISMATCH,
        "out->struct_size",
        "out size",
    );
    let mut opts = assignment_options(257);
    refused(
        run(&p, &mut out, &opts),
        OTC_ERR_THREADS,
        "257",
        "257 threads",
    );
    opts = assignment_options(1);
    opts.struct_size += 8;
    refused(
        run(&p, &mut out, &opts),
        OTC_ERR_ABI_MISMATCH,
        "opts->struct_size",
        "opts size",
    );
    assert_eq!(
        (out.cost, out.gap, out.report.status),
        (SENTINEL, SENTINEL, 0)
    );
    assert!(perm.iter().all(|&x| x == 77) && u.iter().chain(&v).chain(&pc).all(|&x| x == SENTINEL));
    // The smallest accepted struct sizes (the release sizes) work.
    let mut ok = base;
    ok.struct_size = <otc_assignment_outputs_f64 as AbiStruct>::MIN_SIZE;
    assert_eq!(run(&p, &mut ok, null()), OTC_OK, "{}", last_error_message());
}

/// From n = 900 to 1024 the workspace holds an auction's candidate arcs (about 0.7 KB per row,
/// as documented; 81 bytes below): at n = 950, on a cost whose column minima crowd (a 64-D
/// cloud, solved from the auction's prices), a workspace sized by the rule below n = 900 (100
/// bytes a row) is refused with the outputs untouched, and the size queried gives the Rust
/// API's values.
#[test]
fn assignment_workspace_holds_the_auction_start_and_refuses_less() {
    let (n, d) = (950, 64);
    let mut s = 3;
    let (x, y) = (uniform(&mut s, n * d), uniform(&mut s, n * d));
    let c: Vec<f64> = (0..n * n)
        .map(|t| {
            let (i, j) = (t / n, t % n);
            (0..d).map(|k| (x[i * d + k] - y[j * d + k]).powi(2)).sum()
        })
        .collect();
    let want = otcore::exact::assignment(faer::MatRef::from_row_major_slice(&c, n, n)).unwrap();
    assert!(want.info.bids > 0, "the auction's start");
    let views = [view(&c, n, n)];
    let p = otc_assignment_problem_f64 {
        struct_size: size_of::<otc_assignment_problem_f64>(),
        count: 1,
        costs: views.as_ptr(),
    };
    let o = assignment_options(1);
    let bytes_at = |n: usize| {
        let small = [view(&c[..n * n], n, n)];
        let q = otc_assignment_problem_f64 {
            costs: small.as_ptr(),
            ..p
        };
        let mut bytes = 0;
        // SAFETY: valid structs; `bytes` writable.
        assert_eq!(
            unsafe { otc_assignment_workspace_size_f64(&q, &o, &mut bytes) },
            OTC_OK
        );
        bytes
    };
    let (below, at) = (bytes_at(899), bytes_at(n));
    assert!(below < 100 * 899, "{below} bytes at n = 899");
    assert!((600 * n..800 * n).contains(&at), "{at} bytes at n = {n}");
    let (mut perm, mut u, mut v, mut pc) = (
        vec![77usize; n],
        vec![SENTINEL; n],
        vec![SENTINEL; n],
        [SENTINEL],
    );
    let mut out = assignment_outputs(&mut perm, &mut u, &mut v, &mut pc);
    // 8-byte aligned room for `at` bytes.
    let mut room = vec![0u64; at.div_ceil(8)];
    let data = room.as_mut_ptr().cast();
    let work = |bytes| otc_workspace { data, bytes };
    // SAFETY: valid arguments; the workspace is too small (the case's point).
    refused(
        unsafe { otc_assignment_f64(&p, &mut out, &o, work(100 * n)) },
        OTC_ERR_WORKSPACE_TOO_SMALL,
        &format!("workspace of {} bytes is too small", 100 * n),
        "workspace of the rule below n = 900",
    );
    assert_eq!(
        (out.cost, out.gap, out.report.status),
        (SENTINEL, SENTINEL, 0)
    );
    assert!(perm.iter().all(|&x| x == 77) && u.iter().chain(&v).chain(&pc).all(|&x| x == SENTINEL));
    // SAFETY: valid arguments, a workspace of the size queried, disjoint from them.
    let status = unsafe { otc_assignment_f64(&p, &mut out, &o, work(at)) };
    assert_eq!(status, OTC_OK, "{}", last_error_message());
    assert_eq!(
        (&perm, &u, &v, pc[0]),
        (&want.perm, &want.u, &want.v, want.info.cost)
    );
}

// ---- grids ---------------------------------------------------------------------------

fn grid_options() -> otc_emd_grid_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: `o` is writable; the call initialises it.
    unsafe {
        assert_eq!(otc_emd_grid_options_default(o.as_mut_ptr()), OTC_OK);
        o.assume_init()
    }
}

fn grid_problem(
    shape: &[usize],
    spacing: Option<&[f64]>,
    a: &[f64],
    b: &[f64],
) -> otc_emd_grid_problem_f64 {
    otc_emd_grid_problem_f64 {
        struct_size: size_of::<otc_emd_grid_problem_f64>(),
        ndim: shape.len(),
        shape: shape.as_ptr(),
        spacing: spacing.map_or(null(), |s| s.as_ptr()),
        a: a.as_ptr(),
        b: b.as_ptr(),
    }
}

/// Outputs of a grid call with duals and a sparse plan of `cap` entries, all sentinels.
struct GridBuffers {
    f: Vec<f64>,
    g: Vec<f64>,
    rows: Vec<usize>,
    cols: Vec<usize>,
    mass: Vec<f64>,
}

impl GridBuffers {
    fn new(n: usize) -> Self {
        GridBuffers {
            f: vec![SENTINEL; n],
            g: vec![SENTINEL; n],
            rows: vec![77; 2 * n - 1],
            cols: vec![77; 2 * n - 1],
            mass: vec![SENTINEL; 2 * n - 1],
        }
    }
    fn outputs(&mut self) -> otc_emd_grid_outputs_f64 {
        otc_emd_grid_outputs_f64 {
            struct_size: size_of::<otc_emd_grid_outputs_f64>(),
            report: otc_report::default(),
            cost: SENTINEL,
            gap: SENTINEL,
            plan_nnz: 77,
            rounds: 77,
            levels: 77,
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

/// A histogram on n pixels with about a third of them zero.
fn histogram(state: &mut u64, n: usize) -> Vec<f64> {
    normalised(
        uniform(state, n)
            .into_iter()
            .map(|x| if x < 0.3 { 0.0 } else { x })
            .collect(),
    )
}

#[test]
fn grid_values_equal_the_rust_api_and_the_dense_simplex() {
    let mut s = 5;
    for (shape, spacing) in [
        (vec![11usize, 13], Some(vec![1.0, 0.7])),
        (vec![40usize], None),
        (vec![3usize, 4, 5], Some(vec![0.5, 1.0, 2.0])),
    ] {
        let n: usize = shape.iter().product();
        let (a, b) = (histogram(&mut s, n), histogram(&mut s, n));
        let p = grid_problem(&shape, spacing.as_deref(), &a, &b);
        let mut buf = GridBuffers::new(n);
        let mut out = buf.outputs();
        let mut bytes = 0;
        let o = grid_options();
        // SAFETY: valid structs and arrays of the stated lengths.
        assert_eq!(
            unsafe { otc_emd_grid_workspace_size_f64(&p, &o, &mut bytes) },
            OTC_OK
        );
        let mut work = vec![0u8; bytes];
        let w = otc_workspace {
            data: work.as_mut_ptr().cast(),
            bytes,
        };
        // SAFETY: as above; the workspace is disjoint from every argument.
        assert_eq!(
            unsafe { otc_emd_grid_f64(&p, &mut out, &o, w) },
            OTC_OK,
            "{}",
            last_error_message()
        );
        let unit = vec![1.0; shape.len()];
        let sp = spacing.clone().unwrap_or(unit);
        let r = otcore::exact::emd_grid(&shape, &sp, &a, &b, &Default::default()).unwrap();
        assert_eq!(
            (out.cost, out.gap, out.plan_nnz),
            (r.cost, r.info.certificate, r.plan.len())
        );
        assert_eq!(
            (out.report.iterations, out.rounds, out.levels),
            (r.info.iterations, r.info.rounds, r.info.levels)
        );
        assert_eq!((&buf.f, &buf.g), (&r.f, &r.g));
        for (k, &(i, j, m)) in r.plan.iter().enumerate() {
            assert_eq!((buf.rows[k], buf.cols[k], buf.mass[k]), (i, j, m));
        }
        assert!(out.gap <= 0.0 && out.gap > -1e-12);
        // The dense network simplex on the grid's cost: the same optimum.
        let coords = |p: usize| {
            let mut x = [0.0; 3];
            let mut rest = p;
            for k in (0..shape.len()).rev() {
                x[k] = (rest % shape[k]) as f64 * sp[k];
                rest /= shape[k];
            }
            x
        };
        let c = faer::Mat::from_fn(n, n, |i, j| {
            let (x, y) = (coords(i), coords(j));
            (0..3).map(|k| (x[k] - y[k]).powi(2)).sum::<f64>()
        });
        let dense = otcore::exact::emd(&a, &b, c.as_ref(), &Default::default()).unwrap();
        assert!(
            (out.cost - dense.cost).abs() <= 1e-12 * (1.0 + dense.cost),
            "{shape:?}: {} vs {}",
            out.cost,
            dense.cost
        );
    }
}

#[test]
fn grid_refuses_bad_input_and_writes_nothing() {
    let shape = [4usize, 5];
    let n = 20;
    let mut s = 9;
    let (a, b) = (histogram(&mut s, n), histogram(&mut s, n));
    let mut buf = GridBuffers::new(n);
    let base = buf.outputs();
    let p = grid_problem(&shape, None, &a, &b);
    let run = |p: *const otc_emd_grid_problem_f64,
               out: *mut otc_emd_grid_outputs_f64,
               o: *const otc_emd_grid_options| {
        // SAFETY: every pointer is NULL or valid for what it states (the cases' point).
        unsafe { otc_emd_grid_f64(p, out, o, NO_WORK) }
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
    for ndim in [0, 4] {
        let q = otc_emd_grid_problem_f64 { ndim, ..p };
        refused(
            run(&q, &mut out, null()),
            OTC_ERR_INVALID_DIMENSION,
            "ndim",
            "ndim",
        );
    }
    let q = otc_emd_grid_problem_f64 { shape: null(), ..p };
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_NULL_POINTER,
        "problem->shape",
        "NULL shape",
    );
    let zero = [4usize, 0];
    refused(
        run(&grid_problem(&zero, None, &a, &b), &mut out, null()),
        OTC_ERR_INVALID_DIMENSION,
        "shape[1]",
        "zero size",
    );
    let huge = [1usize << 40, 1 << 40];
    refused(
        run(&grid_problem(&huge, None, &a, &b), &mut out, null()),
        OTC_ERR_OVERFLOW,
        "problem->shape",
        "huge grid",
    );
    let big = [1usize << 20, 1 << 20];
    refused(
        run(&grid_problem(&big, None, &a, &b), &mut out, null()),
        OTC_ERR_INVALID_DIMENSION,
        "pixels",
        "too many pixels",
    );
    let q = otc_emd_grid_problem_f64 { a: null(), ..p };
    refused(
        run(&q, &mut out, null()),
        OTC_ERR_NULL_POINTER,
        "problem->a",
        "NULL a",
    );
    for (h, code, needle) in [
        (0.0, OTC_ERR_INVALID_ARGUMENT, "spacing[1]"),
        (-1.0, OTC_ERR_INVALID_ARGUMENT, "spacing[1]"),
        (f64::NAN, OTC_ERR_NON_FINITE, "spacing[1]"),
    ] {
        let sp = [1.0, h];
        refused(
            run(&grid_problem(&shape, Some(&sp), &a, &b), &mut out, null()),
            code,
            needle,
            "spacing",
        );
    }
    let mut bad = b.clone();
    bad[3] = f64::INFINITY;
    refused(
        run(&grid_problem(&shape, None, &a, &bad), &mut out, null()),
        OTC_ERR_NON_FINITE,
        "b[3]",
        "inf weight",
    );
    bad[3] = -b[3] - 0.1;
    refused(
        run(&grid_problem(&shape, None, &a, &bad), &mut out, null()),
        OTC_ERR_INVALID_ARGUMENT,
        "b[3]",
        "negative weight",
    );
    let heavy: Vec<f64> = b.iter().map(|x| 2.0 * x).collect();
    refused(
        run(&grid_problem(&shape, None, &a, &heavy), &mut out, null()),
        OTC_ERR_MASS_MISMATCH,
        "b is heavier",
        "masses",
    );
    // Aliasing: outputs over inputs and over each other, the outputs struct over a.
    let mut o2 = base;
    o2.f = a.as_ptr() as *mut f64;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->f overlaps problem->a",
        "f over a",
    );
    o2 = base;
    o2.plan_mass = o2.g;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->g overlaps out->plan_mass",
        "g over mass",
    );
    o2 = base;
    o2.plan_rows = shape.as_ptr() as *mut usize;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->plan_rows overlaps problem->shape",
        "plan over shape",
    );
    o2 = base;
    o2.plan_cols = null_mut();
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_NULL_POINTER,
        "go together",
        "two of three plan arrays",
    );
    let mut a_and_out = vec![0.0f64; n + 16];
    a_and_out[..n].copy_from_slice(&a);
    let over = a_and_out[8..].as_mut_ptr() as *mut otc_emd_grid_outputs_f64;
    // SAFETY: the buffer's tail (n + 8 doubles) holds one outputs struct (14 words).
    unsafe { over.write(base) };
    let q = otc_emd_grid_problem_f64 {
        a: a_and_out.as_ptr(),
        ..p
    };
    refused(
        run(&q, over, null()),
        OTC_ERR_ALIASING,
        "output out overlaps problem->a",
        "out over a",
    );
    // Struct sizes, threads, workspace.
    for size in [0, size_of::<otc_emd_grid_problem_f64>() + 8] {
        let q = otc_emd_grid_problem_f64 {
            struct_size: size,
            ..p
        };
        refused(
            run(&q, &mut out, null()),
            OTC_ERR_ABI_MISMATCH,
            "problem->struct_size",
            "problem size",
        );
    }
    let mut o = grid_options();
    o.num_threads = 257;
    refused(run(&p, &mut out, &o), OTC_ERR_THREADS, "257", "threads");
    let mut small = [0u8; 64];
    let w = otc_workspace {
        data: small.as_mut_ptr().cast(),
        bytes: 64,
    };
    // SAFETY: valid arguments; the workspace is too small (the case's point).
    refused(
        unsafe { otc_emd_grid_f64(&p, &mut out, null(), w) },
        OTC_ERR_WORKSPACE_TOO_SMALL,
        "",
        "workspace",
    );
    assert_eq!(
        (out.cost, out.gap, out.plan_nnz, out.report.status),
        (SENTINEL, SENTINEL, 77, 0)
    );
    assert!(buf.untouched());
}

// ---- partial and TV-unbalanced ---------------------------------------------------------

/// Outputs of a dense dummy-node call: duals, sparse and dense plans, all sentinels.
struct DenseBuffers {
    f: Vec<f64>,
    g: Vec<f64>,
    rows: Vec<usize>,
    cols: Vec<usize>,
    mass: Vec<f64>,
    plan: Vec<f64>,
}

impl DenseBuffers {
    fn new(n: usize, m: usize) -> Self {
        DenseBuffers {
            f: vec![SENTINEL; n],
            g: vec![SENTINEL; m],
            rows: vec![77; n + m - 1],
            cols: vec![77; n + m - 1],
            mass: vec![SENTINEL; n + m - 1],
            plan: vec![SENTINEL; n * m],
        }
    }
    fn untouched(&self) -> bool {
        self.f
            .iter()
            .chain(&self.g)
            .chain(&self.mass)
            .chain(&self.plan)
            .all(|&x| x == SENTINEL)
            && self.rows.iter().chain(&self.cols).all(|&x| x == 77)
    }
}

fn partial_outputs(buf: &mut DenseBuffers, n: usize, m: usize) -> otc_emd_partial_outputs_f64 {
    otc_emd_partial_outputs_f64 {
        struct_size: size_of::<otc_emd_partial_outputs_f64>(),
        report: otc_report::default(),
        cost: SENTINEL,
        transported_mass: SENTINEL,
        mass_price: SENTINEL,
        gap: SENTINEL,
        plan_nnz: 77,
        f: buf.f.as_mut_ptr(),
        g: buf.g.as_mut_ptr(),
        plan_rows: buf.rows.as_mut_ptr(),
        plan_cols: buf.cols.as_mut_ptr(),
        plan_mass: buf.mass.as_mut_ptr(),
        plan: view_mut(&mut buf.plan, n, m),
    }
}

fn tv_outputs(buf: &mut DenseBuffers, n: usize, m: usize) -> otc_emd_unbalanced_tv_outputs_f64 {
    otc_emd_unbalanced_tv_outputs_f64 {
        struct_size: size_of::<otc_emd_unbalanced_tv_outputs_f64>(),
        report: otc_report::default(),
        cost: SENTINEL,
        objective: SENTINEL,
        transported_mass: SENTINEL,
        gap: SENTINEL,
        plan_nnz: 77,
        f: buf.f.as_mut_ptr(),
        g: buf.g.as_mut_ptr(),
        plan_rows: buf.rows.as_mut_ptr(),
        plan_cols: buf.cols.as_mut_ptr(),
        plan_mass: buf.mass.as_mut_ptr(),
        plan: view_mut(&mut buf.plan, n, m),
    }
}

/// Weights a (n), b (m), a row-major n × m cost from the LCG seeded with `seed`, and a
/// transported mass of 0.6·min(Σa, Σb).
fn dense_data(n: usize, m: usize, seed: u64) -> (Vec<f64>, Vec<f64>, Vec<f64>, f64) {
    let mut s = seed;
    let (a, b, c) = (
        uniform(&mut s, n),
        uniform(&mut s, m),
        uniform(&mut s, n * m),
    );
    let mass = 0.6 * a.iter().sum::<f64>().min(b.iter().sum());
    (a, b, c, mass)
}

#[test]
fn partial_and_tv_values_equal_the_rust_api() {
    let (n, m) = (7, 5);
    let (a, b, c, mass) = dense_data(n, m, 3);
    let cm = faer::MatRef::from_row_major_slice(&c, n, m);
    let params = otcore::exact::PartialParams::default();
    let mut buf = DenseBuffers::new(n, m);
    let mut out = partial_outputs(&mut buf, n, m);
    let p = otc_emd_partial_problem_f64 {
        struct_size: size_of::<otc_emd_partial_problem_f64>(),
        a: a.as_ptr(),
        n,
        b: b.as_ptr(),
        m,
        cost: view(&c, n, m),
        mass,
    };
    // SAFETY: valid structs and arrays of the stated lengths, outputs disjoint.
    assert_eq!(
        unsafe { otc_emd_partial_f64(&p, &mut out, null(), NO_WORK) },
        OTC_OK
    );
    let r = otcore::exact::emd_partial(&a, &b, cm, mass, &params).unwrap();
    assert_eq!(
        (out.cost, out.transported_mass, out.mass_price, out.gap),
        (r.info.cost, r.info.mass, r.info.mass_price, r.info.gap)
    );
    assert_eq!(
        (out.plan_nnz, out.report.iterations),
        (r.plan.len(), r.info.iterations)
    );
    assert_eq!((&buf.f, &buf.g), (&r.f, &r.g));
    for (k, &(i, j, x)) in r.plan.iter().enumerate() {
        assert_eq!(
            (buf.rows[k], buf.cols[k], buf.mass[k], buf.plan[i * m + j]),
            (i, j, x, x)
        );
    }
    assert!((buf.plan.iter().sum::<f64>() - mass).abs() < 1e-14);

    let rho = 0.3;
    let mut buf = DenseBuffers::new(n, m);
    let mut out = tv_outputs(&mut buf, n, m);
    let p = otc_emd_unbalanced_tv_problem_f64 {
        struct_size: size_of::<otc_emd_unbalanced_tv_problem_f64>(),
        a: a.as_ptr(),
        n,
        b: b.as_ptr(),
        m,
        cost: view(&c, n, m),
        rho,
    };
    // SAFETY: as above.
    assert_eq!(
        unsafe { otc_emd_unbalanced_tv_f64(&p, &mut out, null(), NO_WORK) },
        OTC_OK
    );
    let r = otcore::exact::emd_tv(&a, &b, cm, rho, &params).unwrap();
    assert_eq!(
        (out.cost, out.objective, out.transported_mass, out.gap),
        (r.info.cost, r.info.objective, r.info.mass, r.info.gap)
    );
    assert_eq!((&buf.f, &buf.g), (&r.f, &r.g));
    // Mass moves only on arcs cheaper than 2ρ.
    for (k, &x) in buf.plan.iter().enumerate() {
        assert!(
            x == 0.0 || c[k] < 2.0 * rho,
            "arc {k}: cost {} carries {x}",
            c[k]
        );
    }
}

#[test]
fn partial_and_tv_refuse_bad_input_and_write_nothing() {
    let (n, m) = (3, 4);
    let mut s = 4;
    let (a, b, c) = (
        uniform(&mut s, n),
        uniform(&mut s, m),
        uniform(&mut s, n * m),
    );
    let mut buf = DenseBuffers::new(n, m);
    let base = partial_outputs(&mut buf, n, m);
    let p = otc_emd_partial_problem_f64 {
        struct_size: size_of::<otc_emd_partial_problem_f64>(),
        a: a.as_ptr(),
        n,
        b: b.as_ptr(),
        m,
        cost: view(&c, n, m),
        mass: 0.5,
    };
    let run = |p: *const otc_emd_partial_problem_f64,
               out: *mut otc_emd_partial_outputs_f64,
               o: *const otc_emd_partial_options| {
        // SAFETY: every pointer is NULL or valid for what it states (the cases' point).
        unsafe { otc_emd_partial_f64(p, out, o, NO_WORK) }
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
    refused(
        run(&otc_emd_partial_problem_f64 { n: 0, ..p }, &mut out, null()),
        OTC_ERR_INVALID_DIMENSION,
        "problem->n",
        "n = 0",
    );
    refused(
        run(&otc_emd_partial_problem_f64 { m: 5, ..p }, &mut out, null()),
        OTC_ERR_INVALID_DIMENSION,
        "problem->cost",
        "m mismatch",
    );
    refused(
        run(
            &otc_emd_partial_problem_f64 { b: null(), ..p },
            &mut out,
            null(),
        ),
        OTC_ERR_NULL_POINTER,
        "problem->b",
        "NULL b",
    );
    let huge = otc_matrix_f64 {
        rows: 1 << 40,
        cols: 1 << 40,
        row_stride: 0,
        col_stride: 0,
        ..p.cost
    };
    refused(
        run(
            &otc_emd_partial_problem_f64 {
                cost: huge,
                n: 1 << 40,
                m: 1 << 40,
                ..p
            },
            &mut out,
            null(),
        ),
        OTC_ERR_OVERFLOW,
        "problem->cost",
        "huge",
    );
    for (mass, code) in [
        (5.0, OTC_ERR_INVALID_ARGUMENT),
        (-0.1, OTC_ERR_INVALID_ARGUMENT),
        (f64::NAN, OTC_ERR_INVALID_ARGUMENT),
    ] {
        refused(
            run(&otc_emd_partial_problem_f64 { mass, ..p }, &mut out, null()),
            code,
            "mass",
            "mass",
        );
    }
    let mut nan = c.clone();
    nan[5] = f64::NAN;
    refused(
        run(
            &otc_emd_partial_problem_f64 {
                cost: view(&nan, n, m),
                ..p
            },
            &mut out,
            null(),
        ),
        OTC_ERR_NON_FINITE,
        "[1, 1]",
        "NaN cost",
    );
    let mut o2 = base;
    o2.plan.data = c.as_ptr() as *mut f64;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->plan overlaps problem->cost",
        "plan over cost",
    );
    o2 = base;
    o2.plan.row_stride = 0;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_INVALID_STRIDE,
        "out->plan",
        "plan stride 0",
    );
    o2 = base;
    o2.g = o2.f;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->f overlaps out->g",
        "g over f",
    );
    o2 = base;
    o2.plan_mass = b.as_ptr() as *mut f64;
    refused(
        run(&p, &mut o2, null()),
        OTC_ERR_ALIASING,
        "out->plan_mass overlaps problem->b",
        "mass over b",
    );
    for size in [0, size_of::<otc_emd_partial_outputs_f64>() + 8] {
        let mut o3 = base;
        o3.struct_size = size;
        refused(
            run(&p, &mut o3, null()),
            OTC_ERR_ABI_MISMATCH,
            "out->struct_size",
            "out size",
        );
    }
    let mut opts = std::mem::MaybeUninit::uninit();
    // SAFETY: `opts` is writable; the call initialises it.
    let mut opts = unsafe {
        assert_eq!(otc_emd_partial_options_default(opts.as_mut_ptr()), OTC_OK);
        opts.assume_init()
    };
    opts.mass_tolerance = -1.0;
    refused(
        run(&p, &mut out, &opts),
        OTC_ERR_INVALID_ARGUMENT,
        "mass_tolerance",
        "tolerance",
    );
    opts.mass_tolerance = 1e-9;
    opts.num_threads = 257;
    refused(run(&p, &mut out, &opts), OTC_ERR_THREADS, "257", "threads");
    assert_eq!(
        (
            out.cost,
            out.transported_mass,
            out.plan_nnz,
            out.report.status
        ),
        (SENTINEL, SENTINEL, 77, 0)
    );
    assert!(buf.untouched());

    // TV: the same checks share one body; its own argument is rho.
    let mut tbuf = DenseBuffers::new(n, m);
    let mut tout = tv_outputs(&mut tbuf, n, m);
    for rho in [-1.0, f64::INFINITY, f64::NAN, 1e308] {
        let q = otc_emd_unbalanced_tv_problem_f64 {
            struct_size: size_of::<otc_emd_unbalanced_tv_problem_f64>(),
            a: a.as_ptr(),
            n,
            b: b.as_ptr(),
            m,
            cost: view(&c, n, m),
            rho,
        };
        // SAFETY: valid arguments but rho (the case's point).
        let st = unsafe { otc_emd_unbalanced_tv_f64(&q, &mut tout, null(), NO_WORK) };
        refused(st, OTC_ERR_INVALID_ARGUMENT, "rho", "rho");
    }
    let mut to = std::mem::MaybeUninit::uninit();
    // SAFETY: `to` is writable; the call initialises it.
    let mut to = unsafe {
        assert_eq!(
            otc_emd_unbalanced_tv_options_default(to.as_mut_ptr()),
            OTC_OK
        );
        to.assume_init()
    };
    to.struct_size = 4;
    let q = otc_emd_unbalanced_tv_problem_f64 {
        struct_size: size_of::<otc_emd_unbalanced_tv_problem_f64>(),
        a: a.as_ptr(),
        n,
        b: b.as_ptr(),
        m,
        cost: view(&c, n, m),
        rho: 0.5,
    };
    // SAFETY: valid arguments but the options' size (the case's point).
    let st = unsafe { otc_emd_unbalanced_tv_f64(&q, &mut tout, &to, NO_WORK) };
    refused(st, OTC_ERR_ABI_MISMATCH, "opts->struct_size", "opts size");
    assert_eq!((tout.objective, tout.report.status), (SENTINEL, 0));
    assert!(tbuf.untouched());
}

#[test]
fn struct_sizes_are_the_release_sizes() {
    // Each struct entered the ABI with these fields: MIN_SIZE is its full size, so an older
    // caller is impossible and any other size is refused (tested above).
    assert_eq!(
        <otc_assignment_options as AbiStruct>::MIN_SIZE,
        size_of::<otc_assignment_options>()
    );
    assert_eq!(size_of::<otc_assignment_options>(), 40);
    assert_eq!(size_of::<otc_assignment_problem_f64>(), 24);
    assert_eq!(size_of::<otc_assignment_outputs_f64>(), 88);
    assert_eq!(size_of::<otc_emd_grid_options>(), 56);
    assert_eq!(size_of::<otc_emd_grid_problem_f64>(), 48);
    assert_eq!(size_of::<otc_emd_grid_outputs_f64>(), 120);
    assert_eq!(size_of::<otc_emd_partial_options>(), 56);
    assert_eq!(size_of::<otc_emd_unbalanced_tv_options>(), 48);
    assert_eq!(size_of::<otc_emd_partial_problem_f64>(), 88);
    assert_eq!(size_of::<otc_emd_partial_outputs_f64>(), 160);
    assert_eq!(size_of::<otc_emd_unbalanced_tv_outputs_f64>(), 160);
}

/// What the test callback saw: its calls, whether each ran on the calling thread.
struct Seen {
    calls: u64,
    caller: std::thread::ThreadId,
    on_caller: bool,
    stop_at: u64,
}

unsafe extern "C" fn watch(data: *mut std::ffi::c_void, _iteration: u64, _error: f64) -> i32 {
    // SAFETY: `data` is the test's `Seen`, alive during the call.
    let seen = unsafe { &mut *(data as *mut Seen) };
    seen.calls += 1;
    seen.on_caller &= std::thread::current().id() == seen.caller;
    i32::from(seen.calls >= seen.stop_at)
}

#[test]
fn grid_callback_runs_on_the_calling_thread_and_stops_with_a_feasible_plan() {
    let shape = [48usize, 48];
    let n = 48 * 48;
    let mut s = 17;
    let (a, b) = (histogram(&mut s, n), histogram(&mut s, n));
    let p = grid_problem(&shape, None, &a, &b);
    let full = otcore::exact::emd_grid(&shape, &[1.0, 1.0], &a, &b, &Default::default()).unwrap();
    assert!(full.info.rounds >= 3, "the full solve checks several times");
    for (threads, stop_at) in [(1, u64::MAX), (2, u64::MAX), (2, 1), (1, 1)] {
        let mut seen = Seen {
            calls: 0,
            caller: std::thread::current().id(),
            on_caller: true,
            stop_at,
        };
        let mut o = grid_options();
        o.num_threads = threads;
        o.callback_every = 1;
        o.callback = Some(watch);
        o.callback_data = (&mut seen as *mut Seen).cast();
        let mut buf = GridBuffers::new(n);
        let mut out = buf.outputs();
        // SAFETY: valid structs and arrays; the callback's data outlives the call.
        let st = unsafe { otc_emd_grid_f64(&p, &mut out, &o, NO_WORK) };
        assert!(seen.on_caller && seen.calls >= 1, "{threads} threads");
        if stop_at == u64::MAX {
            // Observed to the end: the same solve, a callback per check of all arcs.
            assert_eq!(st, OTC_OK);
            assert_eq!(
                (out.cost, out.report.iterations),
                (full.cost, full.info.iterations)
            );
            assert_eq!(seen.calls, full.info.rounds);
            continue;
        }
        assert_eq!(st, OTC_WARN_CANCELLED, "{}", last_error_message());
        assert_eq!((seen.calls, out.report.status), (1, OTC_WARN_CANCELLED));
        // No check of all arcs after the stop: the remaining levels only pivot to a
        // feasible plan.
        assert!(out.rounds < full.info.rounds, "{} rounds", out.rounds);
        // A feasible plan: the marginals hold; its cost is at least the optimum and the
        // reported gap is the certificate of the returned duals.
        let (mut rows, mut cols) = (vec![0.0; n], vec![0.0; n]);
        for k in 0..out.plan_nnz {
            rows[buf.rows[k]] += buf.mass[k];
            cols[buf.cols[k]] += buf.mass[k];
        }
        let scale = a.iter().sum::<f64>() / b.iter().sum::<f64>();
        for i in 0..n {
            assert!((rows[i] - a[i]).abs() < 1e-14 && (cols[i] - b[i] * scale).abs() < 1e-14);
        }
        assert!(out.cost >= full.cost - 1e-12);
        assert!(out.gap <= 0.0);
    }
}

/// A callback that stops at its first call and records the call.
fn stopping_at_first(
    seen: &mut Seen,
) -> (u64, otcore::ffi::shape::otc_callback, *mut std::ffi::c_void) {
    seen.stop_at = 1;
    (1, Some(watch), (seen as *mut Seen).cast())
}

fn fresh_seen() -> Seen {
    Seen {
        calls: 0,
        caller: std::thread::current().id(),
        on_caller: true,
        stop_at: u64::MAX,
    }
}

/// The problem struct `$t` of a dense dummy-node call on `a`, `b` and the row-major cost
/// `c`, its last field `$last` set to `$value`.
macro_rules! dense_problem {
    ($t:ident, $a:expr, $b:expr, $c:expr, $last:ident: $value:expr) => {
        $t {
            struct_size: size_of::<$t>(),
            a: $a.as_ptr(),
            n: $a.len(),
            b: $b.as_ptr(),
            m: $b.len(),
            cost: view($c, $a.len(), $b.len()),
            $last: $value,
        }
    };
}

/// Checks a dense dummy-node call whose callback stopped it at its first call: the status,
/// one call on the calling thread, fewer pivots than `full_pivots`, and a plan (sparse and
/// dense alike) with P·1 ≤ a and Pᵀ·1 ≤ b. Returns the plan's mass and cost Σ C·P.
#[allow(clippy::too_many_arguments)]
fn stopped_with_a_feasible_plan(
    case: &str,
    st: otc_status,
    seen: &Seen,
    report: &otc_report,
    full_pivots: u64,
    buf: &DenseBuffers,
    nnz: usize,
    (a, b, c): (&[f64], &[f64], &[f64]),
) -> (f64, f64) {
    refused(
        st,
        OTC_WARN_CANCELLED,
        "the callback stopped the solve",
        case,
    );
    assert_eq!((seen.calls, seen.on_caller), (1, true), "{case}");
    assert_eq!(report.status, OTC_WARN_CANCELLED);
    assert!(report.iterations < full_pivots, "{case}");
    let m = b.len();
    let (mut rows, mut cols, mut cost) = (vec![0.0; a.len()], vec![0.0; m], 0.0);
    for k in 0..nnz {
        let (i, j, x) = (buf.rows[k], buf.cols[k], buf.mass[k]);
        assert!(x >= 0.0 && buf.plan[i * m + j] == x);
        rows[i] += x;
        cols[j] += x;
        cost += c[i * m + j] * x;
    }
    let tol = 1e-12;
    assert!(rows.iter().zip(a).all(|(r, a)| *r <= a + tol), "{case}");
    assert!(cols.iter().zip(b).all(|(c, b)| *c <= b + tol), "{case}");
    (rows.iter().sum(), cost)
}

/// Partial and TV-unbalanced OT: a callback stopping at its first call (every pivot) gives
/// OTC_WARN_CANCELLED before the end, on the calling thread also with num_threads = 2, with
/// a feasible plan (P·1 ≤ a, Pᵀ·1 ≤ b) whose cost, mass and objective are reported.
#[test]
fn partial_and_tv_callbacks_stop_on_the_calling_thread_with_a_feasible_plan() {
    let (n, m) = (40, 30);
    let (a, b, c, mass) = dense_data(n, m, 5);
    let cm = faer::MatRef::from_row_major_slice(&c, n, m);
    let params = otcore::exact::PartialParams::default();
    let (rho, tol) = (0.4, 1e-12);
    let full_partial = otcore::exact::emd_partial(&a, &b, cm, mass, &params).unwrap();
    let full_tv = otcore::exact::emd_tv(&a, &b, cm, rho, &params).unwrap();
    let data = (&a[..], &b[..], &c[..]);
    for threads in [1, 2] {
        let (mut seen, mut buf) = (fresh_seen(), DenseBuffers::new(n, m));
        let mut o = defaults(otc_emd_partial_options_default);
        (o.callback_every, o.callback, o.callback_data) = stopping_at_first(&mut seen);
        o.num_threads = threads;
        let mut out = partial_outputs(&mut buf, n, m);
        let p = dense_problem!(otc_emd_partial_problem_f64, &a, &b, &c, mass: mass);
        // SAFETY: valid structs and arrays; the callback's data outlives the call.
        let st = unsafe { otc_emd_partial_f64(&p, &mut out, &o, NO_WORK) };
        let full = full_partial.info.iterations;
        let (nnz, report) = (out.plan_nnz, out.report);
        let (_, cost) =
            stopped_with_a_feasible_plan("partial", st, &seen, &report, full, &buf, nnz, data);
        assert!((cost - out.cost).abs() < tol && out.gap < 0.0);

        let (mut seen, mut buf) = (fresh_seen(), DenseBuffers::new(n, m));
        let mut o = defaults(otc_emd_unbalanced_tv_options_default);
        (o.callback_every, o.callback, o.callback_data) = stopping_at_first(&mut seen);
        o.num_threads = threads;
        let mut out = tv_outputs(&mut buf, n, m);
        let p = dense_problem!(otc_emd_unbalanced_tv_problem_f64, &a, &b, &c, rho: rho);
        // SAFETY: as above.
        let st = unsafe { otc_emd_unbalanced_tv_f64(&p, &mut out, &o, NO_WORK) };
        let full = full_tv.info.iterations;
        let (nnz, report) = (out.plan_nnz, out.report);
        let (moved, cost) =
            stopped_with_a_feasible_plan("tv", st, &seen, &report, full, &buf, nnz, data);
        assert!((cost - out.cost).abs() < tol && (moved - out.transported_mass).abs() < tol);
        let penalty = rho * (a.iter().sum::<f64>() + b.iter().sum::<f64>() - 2.0 * moved);
        assert!((out.objective - (cost + penalty)).abs() < tol);
        assert!(out.objective >= full_tv.info.objective - tol);
    }
}

/// Assignment: a callback stopping at its first call (every augmenting path) stops one
/// problem after one path with a permutation (cost as reported, not below the optimum), on
/// the calling thread also with num_threads = 2; in a batch on one thread the problems not
/// started are skipped (costs and duals NaN, permutation not written). A callback that never
/// stops changes nothing.
#[test]
fn assignment_callback_stops_with_a_permutation_and_skips_unstarted_problems() {
    let (n, k) = (60, 3);
    let mut s = 11;
    let data: Vec<Vec<f64>> = (0..k).map(|_| uniform(&mut s, n * n)).collect();
    let views: Vec<otc_matrix_f64> = data.iter().map(|d| view(d, n, n)).collect();
    let full: Vec<_> = data
        .iter()
        .map(|d| otcore::exact::assignment(faer::MatRef::from_row_major_slice(d, n, n)).unwrap())
        .collect();
    assert!(full.iter().all(|r| r.info.augmentations >= 2));
    let total: u64 = full.iter().map(|r| r.info.augmentations).sum();
    for (count, threads, stop) in [(1, 2, true), (1, 1, true), (k, 1, true), (k, 2, false)] {
        let p = otc_assignment_problem_f64 {
            struct_size: size_of::<otc_assignment_problem_f64>(),
            count,
            costs: views.as_ptr(),
        };
        let (mut perm, mut u, mut v, mut pc) = (
            vec![77; n * count],
            vec![SENTINEL; n * count],
            vec![SENTINEL; n * count],
            vec![SENTINEL; count],
        );
        let mut out = assignment_outputs(&mut perm, &mut u, &mut v, &mut pc);
        let mut seen = fresh_seen();
        let mut o = assignment_options(threads);
        (o.callback_every, o.callback, o.callback_data) = stopping_at_first(&mut seen);
        if !stop {
            seen.stop_at = u64::MAX;
        }
        // SAFETY: valid structs and arrays; the callback's data outlives the call.
        let st = unsafe { otc_assignment_f64(&p, &mut out, &o, NO_WORK) };
        assert!(seen.on_caller, "{threads} threads");
        if !stop {
            // Paths are numbered over all workers, reported from one of them.
            assert_eq!((st, out.report.iterations), (OTC_OK, total));
            assert!(seen.calls >= full[0].info.augmentations.min(2) && seen.calls <= total);
            for (l, r) in full.iter().enumerate() {
                assert_eq!(
                    (&perm[l * n..(l + 1) * n], pc[l]),
                    (&r.perm[..], r.info.cost)
                );
            }
            continue;
        }
        refused(
            st,
            OTC_WARN_CANCELLED,
            "the callback stopped the solve after 1 augmenting",
            "stop",
        );
        assert_eq!((seen.calls, out.report.iterations), (1, 1));
        let first = &perm[..n];
        let mut sorted = first.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "a permutation");
        let cost: f64 = (0..n).map(|i| data[0][i * n + first[i]]).sum();
        assert!((cost - pc[0]).abs() < 1e-12 && cost >= full[0].info.cost - 1e-12);
        assert!(out.gap <= 0.0);
        for l in 1..count {
            assert!(pc[l].is_nan() && perm[l * n..(l + 1) * n].iter().all(|&j| j == 77));
            assert!(u[l * n..].iter().chain(&v[l * n..]).all(|x| x.is_nan()));
        }
        assert_eq!(out.cost.is_nan(), count > 1);
    }
}
