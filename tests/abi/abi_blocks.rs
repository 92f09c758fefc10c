//! The C ABI of the row-partitioned Sinkhorn pieces (ops `sinkhorn_block_step` and
//! `sinkhorn_block_column_update`, and `otc_lse_pair_merge`) against a hostile caller: NULL
//! structs and arrays, zero and huge sizes, bad strides, every output aliasing an input or
//! another output, wrong and older struct sizes, thread counts above the cap, non-finite and
//! overflowing inputs. Each case checks the status, that the message names the offending
//! argument, and that every output (the outputs struct included) is untouched. The values of
//! the C entry points equal those of the Rust API they wrap.

use crate::abi_support;
use abi_support::*;

use otcore::ffi::boundary::last_error_message;
use otcore::ffi::shape::{otc_report, otc_workspace};
use otcore::ffi::sinkhorn_blocks::*;
use otcore::ffi::status::*;
use otcore::ffi::view::otc_matrix_f32;
use otcore::sinkhorn::blocks::{self, LsePair};
use otcore::sinkhorn::{Cost, Params};
use otcore::{MatRef, Par};
use std::mem::size_of;
use std::ptr::{null, null_mut};

const ROWS: usize = 5;
const M: usize = 4;
const D: usize = 2;
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

fn step_opts(eps: f64) -> otc_sinkhorn_block_step_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: a valid pointer to one options struct.
    assert_eq!(
        unsafe { otc_sinkhorn_block_step_options_default(o.as_mut_ptr()) },
        OTC_OK
    );
    // SAFETY: filled above.
    let mut o = unsafe { o.assume_init() };
    o.epsilon = eps;
    o.num_threads = 1;
    o
}

fn column_opts(eps: f64) -> otc_sinkhorn_block_column_update_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: a valid pointer to one options struct.
    assert_eq!(
        unsafe { otc_sinkhorn_block_column_update_options_default(o.as_mut_ptr()) },
        OTC_OK
    );
    // SAFETY: filled above.
    let mut o = unsafe { o.assume_init() };
    o.epsilon = eps;
    o
}

/// The data of one block step: a ROWS × M block (dense and as points), weights, potentials,
/// and output arrays filled with sentinels.
struct Data {
    cost: Vec<f64>,
    x: Vec<f64>,
    y: Vec<f64>,
    a: Vec<f64>,
    b: Vec<f64>,
    g: Vec<f64>,
    f_in: Vec<f64>,
    f: Vec<f64>,
    pairs: Vec<otc_lse_pair>,
}

fn sentinel_pair() -> otc_lse_pair {
    otc_lse_pair {
        max: SENTINEL,
        sum: SENTINEL,
    }
}

impl Data {
    fn new() -> Data {
        let x: Vec<f64> = (0..ROWS * D).map(|k| ((k * 7) % 5) as f64 * 0.2).collect();
        let y: Vec<f64> = (0..M * D)
            .map(|k| ((k * 3) % 4) as f64 * 0.25 + 0.1)
            .collect();
        let cost = (0..ROWS * M)
            .map(|k| {
                let (i, j) = (k / M, k % M);
                (0..D).map(|t| (x[i * D + t] - y[j * D + t]).powi(2)).sum()
            })
            .collect();
        Data {
            cost,
            x,
            y,
            a: (0..ROWS).map(|i| 0.1 + 0.05 * i as f64).collect(),
            b: vec![0.25; M],
            g: (0..M).map(|j| 0.01 * j as f64).collect(),
            f_in: (0..ROWS).map(|i| -0.02 * i as f64).collect(),
            f: vec![SENTINEL; ROWS],
            pairs: vec![sentinel_pair(); M],
        }
    }

    fn problem(&self) -> otc_sinkhorn_block_step_problem_f64 {
        otc_sinkhorn_block_step_problem_f64 {
            struct_size: size_of::<otc_sinkhorn_block_step_problem_f64>(),
            cost_block: view(&self.cost, ROWS, M),
            x_block: no_view(),
            y: no_view(),
            a_block: self.a.as_ptr(),
            b: self.b.as_ptr(),
            g: self.g.as_ptr(),
            f_block: self.f_in.as_ptr(),
        }
    }

    fn points_problem(&self) -> otc_sinkhorn_block_step_problem_f64 {
        otc_sinkhorn_block_step_problem_f64 {
            cost_block: no_view(),
            x_block: view(&self.x, ROWS, D),
            y: view(&self.y, M, D),
            ..self.problem()
        }
    }

    fn outputs(&mut self) -> otc_sinkhorn_block_step_outputs_f64 {
        otc_sinkhorn_block_step_outputs_f64 {
            struct_size: size_of::<otc_sinkhorn_block_step_outputs_f64>(),
            report: sentinel_report(),
            marginal_error: SENTINEL,
            f_block: self.f.as_mut_ptr(),
            pairs: self.pairs.as_mut_ptr(),
        }
    }

    #[track_caller]
    fn assert_untouched(&self, out: &otc_sinkhorn_block_step_outputs_f64) {
        assert!(self.f.iter().all(|&v| v == SENTINEL), "{:?}", self.f);
        assert!(self
            .pairs
            .iter()
            .all(|p| p.max == SENTINEL && p.sum == SENTINEL));
        assert_eq!(out.report, sentinel_report());
        assert_eq!(out.marginal_error, SENTINEL);
    }
}

fn sentinel_report() -> otc_report {
    otc_report {
        status: -7,
        path: -7,
        iterations: 7,
        error: SENTINEL,
        seconds: SENTINEL,
    }
}

/// Runs the step on `p` into `out`.
fn step(
    p: *const otc_sinkhorn_block_step_problem_f64,
    out: *mut otc_sinkhorn_block_step_outputs_f64,
    o: *const otc_sinkhorn_block_step_options,
) -> otc_status {
    // SAFETY: the tests pass valid structs, NULL, or deliberately bad pointers the library
    // checks before any access.
    unsafe { otc_sinkhorn_block_step_f64(p, out, o, NO_WORK) }
}

/// The C step equals the Rust API's `block_step` (dense f64 and points f32), the report says
/// one iteration with the error, and the column update equals `column_update`.
#[test]
fn c_entry_points_give_the_values_of_the_rust_api() {
    let mut d = Data::new();
    let o = step_opts(0.07);
    let params = Params {
        epsilon: 0.07,
        num_threads: 1,
        ..Params::default()
    };
    let cost = MatRef::from_row_major_slice(&d.cost, ROWS, M);
    let mut f_rust = d.f_in.clone();
    let mut pairs_rust = vec![LsePair::default(); M];
    let err_rust = blocks::block_step(
        Cost::Dense(cost),
        &d.a,
        &d.b,
        &d.g,
        &mut f_rust,
        Some(&mut pairs_rust),
        &params,
        Par::Seq,
    )
    .unwrap();
    for points in [false, true] {
        let p = if points {
            d.points_problem()
        } else {
            d.problem()
        };
        let mut out = d.outputs();
        expect(step(&p, &mut out, &o), OTC_OK, "");
        assert_eq!((out.report.status, out.report.path), (OTC_OK, 0));
        assert_eq!(out.report.iterations, 1);
        assert_eq!(out.report.error, out.marginal_error);
        assert!(out.report.seconds >= 0.0 && out.report.seconds < 10.0);
        let tol = if points { 1e-14 } else { 0.0 };
        assert!((out.marginal_error - err_rust).abs() <= tol * err_rust.abs());
        for (u, v) in d.f.iter().zip(&f_rust) {
            assert!((u - v).abs() <= tol, "{u} vs {v}");
        }
        for (u, v) in d.pairs.iter().zip(&pairs_rust) {
            assert!((u.max + u.sum.ln() - v.value()).abs() <= tol);
        }
        assert_eq!(
            d.f_in,
            Data::new().f_in,
            "the potentials on entry are inputs"
        );
    }
    // Float points: the Rust API on the same float data.
    let (xs, ys): (Vec<f32>, Vec<f32>) = (
        d.x.iter().map(|&v| v as f32).collect(),
        d.y.iter().map(|&v| v as f32).collect(),
    );
    let (as_, bs): (Vec<f32>, Vec<f32>) = (
        d.a.iter().map(|&v| v as f32).collect(),
        d.b.iter().map(|&v| v as f32).collect(),
    );
    let view32 = |v: &[f32], rows, cols| otc_matrix_f32 {
        data: v.as_ptr(),
        rows,
        cols,
        row_stride: cols as isize,
        col_stride: 1,
    };
    let p32 = otc_sinkhorn_block_step_problem_f32 {
        struct_size: size_of::<otc_sinkhorn_block_step_problem_f32>(),
        cost_block: otc_matrix_f32 {
            data: null(),
            rows: 0,
            cols: 0,
            row_stride: 0,
            col_stride: 0,
        },
        x_block: view32(&xs, ROWS, D),
        y: view32(&ys, M, D),
        a_block: as_.as_ptr(),
        b: bs.as_ptr(),
        g: d.g.as_ptr(),
        f_block: d.f_in.as_ptr(),
    };
    let (mut f32_out, mut pairs32) = (vec![0.0; ROWS], vec![sentinel_pair(); M]);
    let mut out32 = otc_sinkhorn_block_step_outputs_f32 {
        struct_size: size_of::<otc_sinkhorn_block_step_outputs_f32>(),
        report: otc_report::default(),
        marginal_error: 0.0,
        f_block: f32_out.as_mut_ptr(),
        pairs: pairs32.as_mut_ptr(),
    };
    let mut bytes = 0;
    // SAFETY: valid structs and pointers.
    unsafe {
        assert_eq!(
            otc_sinkhorn_block_step_workspace_size_f32(&p32, &o, &mut bytes),
            OTC_OK
        );
        let mut work = vec![0u8; bytes];
        let w = otc_workspace {
            data: work.as_mut_ptr().cast(),
            bytes,
        };
        assert_eq!(otc_sinkhorn_block_step_f32(&p32, &mut out32, &o, w), OTC_OK);
    }
    let mut f_rust32 = d.f_in.clone();
    let mut pairs_rust32 = vec![LsePair::default(); M];
    let cost32 = Cost::SqEuclidean {
        x: MatRef::from_row_major_slice(&xs, ROWS, D),
        y: MatRef::from_row_major_slice(&ys, M, D),
    };
    let e32 = blocks::block_step(
        cost32,
        &as_,
        &bs,
        &d.g,
        &mut f_rust32,
        Some(&mut pairs_rust32),
        &params,
        Par::Seq,
    )
    .unwrap();
    assert_eq!(out32.marginal_error, e32);
    assert_eq!(f32_out, f_rust32);
    assert!(pairs32
        .iter()
        .zip(&pairs_rust32)
        .all(|(u, v)| u.max == v.max && u.sum == v.sum));

    // Column update: g_j = −κ_b ε (max_j + ln sum_j).
    let mut oc = column_opts(0.07);
    oc.rho_b = 0.63; // κ_b = 0.9
    let merged: Vec<otc_lse_pair> = (0..M)
        .map(|j| otc_lse_pair {
            max: -0.5 * j as f64,
            sum: 1.0 + j as f64,
        })
        .collect();
    let mut g = vec![SENTINEL; M];
    let (cp, mut co) = column_update_structs(&merged, &mut g);
    // SAFETY: valid structs.
    let s = unsafe { otc_sinkhorn_block_column_update_f64(&cp, &mut co, &oc, NO_WORK) };
    expect(s, OTC_OK, "");
    assert_eq!((co.report.iterations, co.report.error), (0, 0.0));
    let mut g_rust = vec![0.0; M];
    let core_pairs: Vec<LsePair> = merged
        .iter()
        .map(|p| LsePair {
            max: p.max,
            sum: p.sum,
        })
        .collect();
    let pc = Params {
        epsilon: 0.07,
        rho_b: 0.63,
        ..Params::default()
    };
    blocks::column_update(&core_pairs, &pc, &mut g_rust);
    assert_eq!(g, g_rust);
    for (j, gj) in g.iter().enumerate() {
        let want = -0.9 * 0.07 * (-0.5 * j as f64 + (1.0 + j as f64).ln());
        assert!((gj - want).abs() < 1e-15, "{gj} vs {want}");
    }
}

fn column_update_structs(
    pairs: &[otc_lse_pair],
    g: &mut [f64],
) -> (
    otc_sinkhorn_block_column_update_problem_f64,
    otc_sinkhorn_block_column_update_outputs_f64,
) {
    (
        otc_sinkhorn_block_column_update_problem_f64 {
            struct_size: size_of::<otc_sinkhorn_block_column_update_problem_f64>(),
            pairs: pairs.as_ptr(),
            m: pairs.len(),
        },
        otc_sinkhorn_block_column_update_outputs_f64 {
            struct_size: size_of::<otc_sinkhorn_block_column_update_outputs_f64>(),
            report: sentinel_report(),
            g: g.as_mut_ptr(),
        },
    )
}

/// NULL structs, arrays and cost forms; zero and huge sizes; bad strides; non-finite inputs;
/// bad options: the status, a message naming the argument, nothing written.
#[test]
fn bad_step_arguments_are_refused_with_outputs_untouched() {
    let d0 = Data::new();
    let mut nan_g = d0.g.clone();
    nan_g[1] = f64::NAN;
    let mut inf_f = d0.f_in.clone();
    inf_f[2] = f64::INFINITY;
    let mut neg_a = d0.a.clone();
    neg_a[0] = -1.0;
    let mut nan_cost = d0.cost.clone();
    nan_cost[3] = f64::NAN;
    let zero_b = [0.0; M];
    type Edit = Box<dyn Fn(&mut otc_sinkhorn_block_step_problem_f64)>;
    let cases: Vec<(&str, otc_status, &str, Edit)> = vec![
        (
            "a_block NULL",
            OTC_ERR_NULL_POINTER,
            "problem->a_block",
            Box::new(|p| p.a_block = null()),
        ),
        (
            "b NULL",
            OTC_ERR_NULL_POINTER,
            "problem->b",
            Box::new(|p| p.b = null()),
        ),
        (
            "g NULL",
            OTC_ERR_NULL_POINTER,
            "problem->g",
            Box::new(|p| p.g = null()),
        ),
        (
            "f NULL",
            OTC_ERR_NULL_POINTER,
            "problem->f_block",
            Box::new(|p| p.f_block = null()),
        ),
        (
            "neither form",
            OTC_ERR_NULL_POINTER,
            "problem->cost_block.data and problem->x_block.data are NULL",
            Box::new(|p| p.cost_block.data = null()),
        ),
        (
            "both forms",
            OTC_ERR_INVALID_ARGUMENT,
            "both given",
            Box::new(|p| p.x_block = p.cost_block),
        ),
        (
            "zero rows",
            OTC_ERR_INVALID_DIMENSION,
            "problem->cost_block",
            Box::new(|p| p.cost_block.rows = 0),
        ),
        (
            "2^61 columns",
            OTC_ERR_OVERFLOW,
            "problem->cost_block",
            Box::new(|p| {
                p.cost_block.cols = 1 << 61;
                p.cost_block.row_stride = 1 << 61;
            }),
        ),
        (
            "broadcast of 2^62 rows",
            OTC_ERR_OVERFLOW,
            "problem->cost_block",
            Box::new(|p| {
                p.cost_block.rows = 1 << 62;
                p.cost_block.row_stride = 0;
                p.cost_block.col_stride = 0;
            }),
        ),
        (
            "misaligned cost",
            OTC_ERR_INVALID_STRIDE,
            "problem->cost_block",
            Box::new(|p| p.cost_block.data = (p.cost_block.data as usize + 1) as *const f64),
        ),
        (
            "wrapping strides",
            OTC_ERR_OVERFLOW,
            "problem->cost_block",
            Box::new(|p| p.cost_block.row_stride = isize::MAX),
        ),
    ];
    // Arrays with one bad value, by pointer (the vectors outlive the cases).
    let (nan_g, inf_f, neg_a) = (nan_g.as_ptr(), inf_f.as_ptr(), neg_a.as_ptr());
    let (nan_cost, zero_b) = (nan_cost.as_ptr(), zero_b.as_ptr());
    let owned: Vec<(&str, otc_status, &str, Edit)> = vec![
        (
            "NaN g",
            OTC_ERR_NON_FINITE,
            "g",
            Box::new(move |p| p.g = nan_g),
        ),
        (
            "infinite f",
            OTC_ERR_NON_FINITE,
            "f_block",
            Box::new(move |p| p.f_block = inf_f),
        ),
        (
            "negative a",
            OTC_ERR_INVALID_ARGUMENT,
            "a_block",
            Box::new(move |p| p.a_block = neg_a),
        ),
        (
            "NaN cost",
            OTC_ERR_NON_FINITE,
            "cost",
            Box::new(move |p| p.cost_block.data = nan_cost),
        ),
        (
            "b all zero",
            OTC_ERR_INVALID_ARGUMENT,
            "b is all zero",
            Box::new(move |p| p.b = zero_b),
        ),
    ];
    let o = step_opts(0.1);
    for (name, want, says, edit) in cases.iter().chain(&owned) {
        let mut d = Data::new();
        let mut p = d.problem();
        edit(&mut p);
        let mut out = d.outputs();
        let s = step(&p, &mut out, &o);
        assert_eq!(s, *want, "{name}: {}", last_error_message());
        expect(s, *want, says);
        d.assert_untouched(&out);
    }
    // Points of different dimensions; y missing with x given.
    let mut d = Data::new();
    let mut p = d.points_problem();
    p.y.cols = 1;
    let mut out = d.outputs();
    expect(
        step(&p, &mut out, &o),
        OTC_ERR_INVALID_DIMENSION,
        "dimension",
    );
    d.assert_untouched(&out);
    p = d.points_problem();
    p.y = no_view();
    let mut out = d.outputs();
    expect(
        step(&p, &mut out, &o),
        OTC_ERR_INVALID_DIMENSION,
        "problem->y",
    );
    d.assert_untouched(&out);

    // NULL structs.
    let mut d = Data::new();
    let p = d.problem();
    let mut out = d.outputs();
    expect(step(null(), &mut out, &o), OTC_ERR_NULL_POINTER, "problem");
    expect(step(&p, null_mut(), &o), OTC_ERR_NULL_POINTER, "out");
    d.assert_untouched(&out);

    // Options: bad values, struct sizes, thread counts; NULL options are the defaults.
    type OptEdit = fn(&mut otc_sinkhorn_block_step_options);
    let opt_cases: [(OptEdit, otc_status, &str); 8] = [
        (|o| o.epsilon = 0.0, OTC_ERR_INVALID_ARGUMENT, "epsilon"),
        (
            |o| o.epsilon = f64::NAN,
            OTC_ERR_INVALID_ARGUMENT,
            "epsilon",
        ),
        (|o| o.rho_a = -1.0, OTC_ERR_INVALID_ARGUMENT, "rho_a"),
        (|o| o.rho_b = f64::NAN, OTC_ERR_INVALID_ARGUMENT, "rho_b"),
        (
            |o| o.struct_size = 0,
            OTC_ERR_ABI_MISMATCH,
            "struct_size is 0",
        ),
        (
            |o| o.struct_size = size_of::<otc_sinkhorn_block_step_options>() + 8,
            OTC_ERR_ABI_MISMATCH,
            "struct_size",
        ),
        (|o| o.num_threads = 257, OTC_ERR_THREADS, "above the cap"),
        (
            |o| o.num_threads = u32::MAX,
            OTC_ERR_THREADS,
            "above the cap",
        ),
    ];
    for (edit, want, says) in opt_cases {
        let mut d = Data::new();
        let p = d.problem();
        let mut o2 = o;
        edit(&mut o2);
        let mut out = d.outputs();
        expect(step(&p, &mut out, &o2), want, says);
        d.assert_untouched(&out);
    }
    let mut d = Data::new();
    let p = d.problem();
    let mut out = d.outputs();
    expect(step(&p, &mut out, null()), OTC_OK, "");

    // Struct sizes of problem and outputs: 0 and too large refused; the released size is the
    // smallest accepted (MIN_SIZE = size_of: the first release).
    for size in [0, 8, size_of::<otc_sinkhorn_block_step_problem_f64>() + 8] {
        let mut d = Data::new();
        let mut p = d.problem();
        p.struct_size = size;
        let mut out = d.outputs();
        expect(
            step(&p, &mut out, &o),
            OTC_ERR_ABI_MISMATCH,
            "problem->struct_size",
        );
        d.assert_untouched(&out);
    }
    for size in [0, size_of::<otc_sinkhorn_block_step_outputs_f64>() + 8] {
        let mut d = Data::new();
        let p = d.problem();
        let mut out = d.outputs();
        out.struct_size = size;
        expect(
            step(&p, &mut out, &o),
            OTC_ERR_ABI_MISMATCH,
            "out->struct_size",
        );
        assert!(d.f.iter().all(|&v| v == SENTINEL));
    }
}

/// Every output overlapping an input or another output (the outputs struct included):
/// `OTC_ERR_ALIASING`, nothing written.
#[test]
fn every_step_output_is_checked_against_every_input_and_output() {
    let o = step_opts(0.1);
    // The outputs struct placed over an input array: the array must be long enough.
    let mut big = vec![0.25f64; 64];
    let mut d = Data::new();
    // f_block output over each input.
    for input in ["a_block", "b", "g", "f_block", "cost_block"] {
        let mut d = Data::new();
        let p = d.problem();
        let mut out = d.outputs();
        let target = match input {
            "a_block" => p.a_block,
            "b" => p.b,
            "g" => p.g,
            "f_block" => p.f_block,
            _ => p.cost_block.data,
        };
        out.f_block = target as *mut f64;
        let before: Vec<f64> = match input {
            "a_block" => d.a.clone(),
            "g" => d.g.clone(),
            _ => vec![],
        };
        expect(step(&p, &mut out, &o), OTC_ERR_ALIASING, "out->f_block");
        match input {
            "a_block" => assert_eq!(d.a, before),
            "g" => assert_eq!(d.g, before),
            _ => {}
        }
        // pairs over the same input (f_block not wanted).
        out.f_block = null_mut();
        out.pairs = target as *mut otc_lse_pair;
        expect(step(&p, &mut out, &o), OTC_ERR_ALIASING, "out->pairs");
    }
    // Points: pairs over y, f over x.
    let p = d.points_problem();
    let mut out = d.outputs();
    out.pairs = d.y.as_ptr() as *mut otc_lse_pair;
    expect(step(&p, &mut out, &o), OTC_ERR_ALIASING, "problem->y");
    let mut out = d.outputs();
    out.f_block = d.x.as_mut_ptr();
    expect(step(&p, &mut out, &o), OTC_ERR_ALIASING, "problem->x_block");
    // The outputs against each other.
    let mut out = d.outputs();
    out.pairs = d.f.as_mut_ptr().cast();
    expect(step(&p, &mut out, &o), OTC_ERR_ALIASING, "overlaps");
    // The outputs struct over an input array (its header copied there first, as a caller
    // that reused the memory would have it), and the problem struct under an output.
    let mut d = Data::new();
    let template = d.outputs();
    let outs = big.as_mut_ptr() as *mut otc_sinkhorn_block_step_outputs_f64;
    // SAFETY: `big` holds 64 doubles, more than one outputs struct; f64 alignment suffices.
    unsafe { outs.write(template) };
    let mut p = d.problem();
    p.g = big.as_ptr();
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    let before = bits(&big);
    expect(step(&p, outs, &o), OTC_ERR_ALIASING, "problem->g");
    assert_eq!(bits(&big), before);
    let mut out = d.outputs();
    let p = d.problem();
    out.f_block = (&p as *const otc_sinkhorn_block_step_problem_f64) as *mut f64;
    expect(step(&p, &mut out, &o), OTC_ERR_ALIASING, "problem");
    out.f_block = d.f.as_mut_ptr();
    out.pairs = (&mut out as *mut otc_sinkhorn_block_step_outputs_f64).cast();
    let outp: *mut otc_sinkhorn_block_step_outputs_f64 = &mut out;
    expect(step(&p, outp, &o), OTC_ERR_ALIASING, "out");
    assert!(d.f.iter().all(|&v| v == SENTINEL));
}

/// Finite inputs whose potentials overflow (costs 1e308 with a tiny ε): never OK with a
/// non-finite output; refused, nothing written.
#[test]
fn a_step_never_returns_ok_with_non_finite_outputs() {
    for (cost_value, eps) in [(1e308, 1e-300), (1e308, 0.1), (1.0, 1e-300)] {
        let mut d = Data::new();
        d.cost = vec![cost_value; ROWS * M];
        d.cost[1] = 0.0;
        let mut p = d.problem();
        p.cost_block = view(&d.cost, ROWS, M);
        let mut out = d.outputs();
        let s = step(&p, &mut out, &step_opts(eps));
        if s == OTC_OK {
            assert!(d.f.iter().all(|v| v.is_finite()), "{:?}", d.f);
            assert!(out.marginal_error.is_finite());
            assert!(d.pairs.iter().all(|q| q.sum.is_finite() && !q.max.is_nan()));
        } else {
            expect(s, OTC_ERR_NUMERICAL, "overflowed");
            d.assert_untouched(&out);
        }
    }
    // A certain overflow: every cost 1e308 but one row's, ε = 1e-300.
    let mut d = Data::new();
    d.cost = vec![1e308; ROWS * M];
    let mut p = d.problem();
    p.cost_block = view(&d.cost, ROWS, M);
    let mut out = d.outputs();
    expect(
        step(&p, &mut out, &step_opts(1e-300)),
        OTC_ERR_NUMERICAL,
        "overflowed",
    );
    d.assert_untouched(&out);
}

/// Workspace queries: the problem's sizes only; never a wrapped size, never a panic.
#[test]
fn step_workspace_queries_never_wrap() {
    let d = Data::new();
    let o = step_opts(0.1);
    let mut bytes = 0;
    let big = usize::MAX;
    for (rows, m, d_) in [(big, 2, 2), (2, big, 2), (2, 2, big), (big, big, big)] {
        for points in [false, true] {
            let mut p = if points {
                d.points_problem()
            } else {
                d.problem()
            };
            p.cost_block.rows = rows;
            p.cost_block.cols = m;
            p.x_block.rows = rows;
            p.x_block.cols = d_;
            p.y.rows = m;
            bytes = 17;
            // SAFETY: valid structs; the query reads the views' sizes only.
            let s = unsafe { otc_sinkhorn_block_step_workspace_size_f64(&p, &o, &mut bytes) };
            if points || d_ != big {
                expect(s, OTC_ERR_OVERFLOW, "");
                assert_eq!(bytes, 17);
            }
        }
    }
    // The query reads no data: a problem whose arrays are NULL still has a size; and it
    // equals the bytes a call needs.
    let mut p = d.problem();
    p.a_block = null();
    // SAFETY: valid structs.
    let s = unsafe { otc_sinkhorn_block_step_workspace_size_f64(&p, &o, &mut bytes) };
    expect(s, OTC_OK, "");
    let mut d = Data::new();
    let p = d.problem();
    let mut work = vec![0u8; bytes];
    let mut out = d.outputs();
    for (size, want) in [(bytes, OTC_OK), (bytes / 2, OTC_ERR_WORKSPACE_TOO_SMALL)] {
        let w = otc_workspace {
            data: work.as_mut_ptr().cast(),
            bytes: size,
        };
        // SAFETY: valid structs and a workspace of `size` bytes.
        let s = unsafe { otc_sinkhorn_block_step_f64(&p, &mut out, &o, w) };
        expect(s, want, "");
    }
    // NULL problem and bytes.
    // SAFETY: NULLs are checked.
    unsafe {
        let s = otc_sinkhorn_block_step_workspace_size_f64(null(), &o, &mut bytes);
        expect(s, OTC_ERR_NULL_POINTER, "problem");
        let s = otc_sinkhorn_block_step_workspace_size_f64(&p, &o, null_mut());
        expect(s, OTC_ERR_NULL_POINTER, "bytes");
        let s = otc_sinkhorn_block_step_options_default(null_mut());
        expect(s, OTC_ERR_NULL_POINTER, "opts");
    }
}

/// The column update: NULLs, sizes, empty and invalid pairs, overflow, aliasing, options:
/// status, message, g and the outputs struct untouched.
#[test]
fn bad_column_update_arguments_are_refused_with_g_untouched() {
    let good: Vec<otc_lse_pair> = (0..M)
        .map(|j| otc_lse_pair {
            max: -(j as f64),
            sum: 2.0,
        })
        .collect();
    let oc = column_opts(0.1);
    type Edit = fn(&mut Vec<otc_lse_pair>, &mut otc_sinkhorn_block_column_update_options);
    let cases: [(Edit, otc_status, &str); 9] = [
        (
            |p, _| {
                p[1] = otc_lse_pair {
                    max: f64::NEG_INFINITY,
                    sum: 0.0,
                }
            },
            OTC_ERR_INVALID_ARGUMENT,
            "pairs[1] is empty",
        ),
        (
            |p, _| p[2].max = f64::NAN,
            OTC_ERR_NON_FINITE,
            "not a log-sum-exp pair",
        ),
        (|p, _| p[0].sum = -1.0, OTC_ERR_NON_FINITE, "pairs[0]"),
        (
            |p, o| {
                p[3].max = 1e300;
                o.epsilon = 1e300;
            },
            OTC_ERR_NUMERICAL,
            "g[3] overflows",
        ),
        (|_, o| o.epsilon = -1.0, OTC_ERR_INVALID_ARGUMENT, "epsilon"),
        (|_, o| o.rho_b = 0.0, OTC_ERR_INVALID_ARGUMENT, "rho_b"),
        (|_, o| o.num_threads = 257, OTC_ERR_THREADS, "above the cap"),
        (
            |_, o| o.struct_size = 0,
            OTC_ERR_ABI_MISMATCH,
            "opts->struct_size",
        ),
        (
            |_, o| o.struct_size = 1 << 20,
            OTC_ERR_ABI_MISMATCH,
            "opts->struct_size",
        ),
    ];
    for (edit, want, says) in cases {
        let mut pairs = good.clone();
        let mut o = oc;
        edit(&mut pairs, &mut o);
        let mut g = vec![SENTINEL; M];
        let (p, mut out) = column_update_structs(&pairs, &mut g);
        // SAFETY: valid structs.
        let s = unsafe { otc_sinkhorn_block_column_update_f64(&p, &mut out, &o, NO_WORK) };
        expect(s, want, says);
        assert_eq!(g, vec![SENTINEL; M]);
        assert_eq!(out.report, sentinel_report());
    }
    let mut g = vec![SENTINEL; M];
    let (p, mut out) = column_update_structs(&good, &mut g);
    // SAFETY (all calls): valid structs, or NULLs and sizes the library checks.
    unsafe {
        let mut q = p;
        q.m = 0;
        let s = otc_sinkhorn_block_column_update_f64(&q, &mut out, &oc, NO_WORK);
        expect(s, OTC_ERR_INVALID_DIMENSION, "problem->pairs");
        q.m = usize::MAX / 8;
        let s = otc_sinkhorn_block_column_update_f64(&q, &mut out, &oc, NO_WORK);
        expect(s, OTC_ERR_OVERFLOW, "problem->pairs");
        q = p;
        q.pairs = null();
        let s = otc_sinkhorn_block_column_update_f64(&q, &mut out, &oc, NO_WORK);
        expect(s, OTC_ERR_NULL_POINTER, "problem->pairs");
        let s = otc_sinkhorn_block_column_update_f64(null(), &mut out, &oc, NO_WORK);
        expect(s, OTC_ERR_NULL_POINTER, "problem");
        let s = otc_sinkhorn_block_column_update_f64(&p, null_mut(), &oc, NO_WORK);
        expect(s, OTC_ERR_NULL_POINTER, "out");
        let mut o2 = out;
        o2.g = null_mut();
        let s = otc_sinkhorn_block_column_update_f64(&p, &mut o2, &oc, NO_WORK);
        expect(s, OTC_ERR_NULL_POINTER, "out->g");
        // g over the pairs, and the outputs struct over g.
        let mut o2 = out;
        o2.g = p.pairs as *mut f64;
        let s = otc_sinkhorn_block_column_update_f64(&p, &mut o2, &oc, NO_WORK);
        expect(s, OTC_ERR_ALIASING, "out->g");
        let mut buf = vec![0.0f64; 16];
        let outs = buf.as_mut_ptr() as *mut otc_sinkhorn_block_column_update_outputs_f64;
        outs.write(otc_sinkhorn_block_column_update_outputs_f64 {
            g: buf.as_mut_ptr().add(2),
            ..out
        });
        let s = otc_sinkhorn_block_column_update_f64(&p, outs, &oc, NO_WORK);
        expect(s, OTC_ERR_ALIASING, "overlaps");
        let mut o2 = out;
        o2.struct_size = 0;
        let s = otc_sinkhorn_block_column_update_f64(&p, &mut o2, &oc, NO_WORK);
        expect(s, OTC_ERR_ABI_MISMATCH, "out->struct_size");
        let mut bytes = 9;
        let s = otc_sinkhorn_block_column_update_workspace_size_f64(&p, &oc, &mut bytes);
        expect(s, OTC_OK, "");
        assert_eq!(bytes, 0);
        let s = otc_sinkhorn_block_column_update_workspace_size_f64(null(), &oc, &mut bytes);
        expect(s, OTC_ERR_NULL_POINTER, "problem");
    }
    assert_eq!(g, vec![SENTINEL; M]);
    assert_eq!(out.report, sentinel_report());
}

/// `otc_lse_pair_merge` (the positional exception): NULLs, len 0 and huge, overlap, invalid
/// pairs; acc untouched.
#[test]
fn bad_merges_are_refused_with_acc_untouched() {
    let mut acc = vec![
        otc_lse_pair { max: 1.0, sum: 1.0 },
        otc_lse_pair { max: 0.0, sum: 2.0 },
    ];
    let keep = acc.clone();
    let ok = [otc_lse_pair { max: 0.5, sum: 1.0 }; 2];
    let bad = [
        otc_lse_pair { max: 0.5, sum: 1.0 },
        otc_lse_pair {
            max: f64::INFINITY,
            sum: 1.0,
        },
    ];
    let same = |a: &[otc_lse_pair]| {
        a.iter()
            .zip(&keep)
            .all(|(u, v)| u.max == v.max && u.sum == v.sum)
    };
    // SAFETY (all calls): valid arrays, or NULLs, lengths and overlaps the library checks.
    unsafe {
        expect(
            otc_lse_pair_merge(acc.as_mut_ptr(), bad.as_ptr(), 2),
            OTC_ERR_NON_FINITE,
            "other[1]",
        );
        expect(
            otc_lse_pair_merge(acc.as_mut_ptr(), null(), 2),
            OTC_ERR_NULL_POINTER,
            "other",
        );
        expect(
            otc_lse_pair_merge(null_mut(), ok.as_ptr(), 2),
            OTC_ERR_NULL_POINTER,
            "acc",
        );
        expect(
            otc_lse_pair_merge(acc.as_mut_ptr(), ok.as_ptr(), 0),
            OTC_ERR_INVALID_DIMENSION,
            "length 0",
        );
        expect(
            otc_lse_pair_merge(acc.as_mut_ptr(), ok.as_ptr(), usize::MAX / 4),
            OTC_ERR_OVERFLOW,
            "",
        );
        expect(
            otc_lse_pair_merge(
                acc.as_mut_ptr(),
                acc.as_ptr().cast::<f64>().add(1).cast(),
                1,
            ),
            OTC_ERR_ALIASING,
            "acc",
        );
        assert!(same(&acc));
        expect(
            otc_lse_pair_merge(acc.as_mut_ptr(), ok.as_ptr(), 2),
            OTC_OK,
            "",
        );
    }
    let want = (1.0f64.exp() + 0.5f64.exp()).ln();
    assert!((acc[0].max + acc[0].sum.ln() - want).abs() < 1e-15);
}

/// With two threads, the step gives the bits of one thread (a caller-thread check for the
/// pieces that run no callback: they are single steps).
#[test]
fn two_threads_give_the_bits_of_one() {
    let mut d1 = Data::new();
    let mut d2 = Data::new();
    let mut o = step_opts(0.05);
    let p = d1.points_problem();
    let mut out1 = d1.outputs();
    expect(step(&p, &mut out1, &o), OTC_OK, "");
    o.num_threads = 2;
    let p = d2.points_problem();
    let mut out2 = d2.outputs();
    expect(step(&p, &mut out2, &o), OTC_OK, "");
    assert_eq!(d1.f, d2.f);
    assert_eq!(out1.marginal_error, out2.marginal_error);
    assert!(d1
        .pairs
        .iter()
        .zip(&d2.pairs)
        .all(|(u, v)| u.max == v.max && u.sum == v.sum));
}
