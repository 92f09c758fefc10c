//! The C ABI against a hostile caller: sizes that imply absurd allocations or work, sizes
//! whose arithmetic overflows, thread counts above the cap, scalar and struct outputs that
//! alias inputs, finite inputs whose results overflow, and stale messages. Each case checks
//! the status, the message and that the outputs (and aliased inputs) are untouched. The cases
//! that need a process of their own (address-space limit, teardown, fork) are C programs:
//! tests/c/test_hostile_*.c.

use otcore::ffi::barycenter::*;
use otcore::ffi::boundary::{last_error_message, otc_last_error_message};
use otcore::ffi::cost::*;
use otcore::ffi::exact::*;
use otcore::ffi::semidiscrete::*;
use otcore::ffi::sinkhorn::*;
use otcore::ffi::sinkhorn_blocks::*;
use otcore::ffi::status::*;
use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
use std::ffi::{c_void, CStr};
use std::ptr::{null, null_mut};

fn view(data: &[f64], rows: usize, cols: usize) -> otc_matrix_f64 {
    otc_matrix_f64 {
        data: data.as_ptr(),
        rows,
        cols,
        row_stride: cols as isize,
        col_stride: 1,
    }
}

/// A `rows × cols` view of one value: every element is `*x`.
fn broadcast(x: &f64, rows: usize, cols: usize) -> otc_matrix_f64 {
    otc_matrix_f64 {
        data: x,
        rows,
        cols,
        row_stride: 0,
        col_stride: 0,
    }
}

fn no_plan() -> otc_matrix_mut_f64 {
    otc_matrix_mut_f64 {
        data: null_mut(),
        rows: 0,
        cols: 0,
        row_stride: 0,
        col_stride: 0,
    }
}

/// `otc_emd` without warm start or plan outputs.
///
/// # Safety
/// As `otc_emd`.
#[allow(clippy::too_many_arguments)]
unsafe fn emd_raw(
    a: *const f64,
    n: usize,
    b: *const f64,
    m: usize,
    cost: otc_matrix_f64,
    result: *mut otc_emd_result,
    f: *mut f64,
    g: *mut f64,
    opts: *const otc_emd_options,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    // SAFETY: forwarded contract.
    unsafe {
        otc_emd(
            a,
            n,
            b,
            m,
            cost,
            null(),
            null(),
            result,
            f,
            g,
            null_mut(),
            null_mut(),
            null_mut(),
            no_plan(),
            opts,
            work,
            work_bytes,
        )
    }
}

fn emd_opts(threads: u32) -> otc_emd_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: a valid pointer to one options struct.
    assert_eq!(unsafe { otc_emd_options_default(o.as_mut_ptr()) }, OTC_OK);
    // SAFETY: filled above.
    let mut o = unsafe { o.assume_init() };
    o.num_threads = threads;
    o
}

#[track_caller]
fn expect(status: otc_status, want: otc_status, message_has: &str) {
    let msg = last_error_message();
    assert_eq!(status, want, "status {status}, message {msg:?}");
    assert!(
        msg.contains(message_has),
        "message {msg:?} lacks {message_has:?}"
    );
}

#[test]
fn out_of_memory_has_its_status_and_message() {
    assert_eq!(OTC_ERR_OUT_OF_MEMORY, 114);
    // SAFETY: returns a static string.
    let s = unsafe { CStr::from_ptr(otc_status_message(OTC_ERR_OUT_OF_MEMORY)) };
    assert_eq!(s.to_str().unwrap(), "out of memory");
}

/// otc_emd with n = 2^36 and a 3×4 cost: refused from the view's shape before anything is
/// read or allocated.
#[test]
fn emd_sizes_are_checked_before_allocating() {
    let (a, b, c) = ([1.0 / 3.0; 3], [0.25; 4], [1.0; 12]);
    let mut res = otc_emd_result {
        cost: -7.0,
        ..Default::default()
    };
    let o = emd_opts(1);
    // SAFETY: every pointer is valid for the sizes the view states; n is the lie.
    let s = unsafe {
        emd_raw(
            a.as_ptr(),
            1 << 36,
            b.as_ptr(),
            4,
            view(&c, 3, 4),
            &mut res,
            null_mut(),
            null_mut(),
            &o,
            null_mut(),
            0,
        )
    };
    expect(
        s,
        OTC_ERR_INVALID_DIMENSION,
        "cost is 3x4, expected n x m = 68719476736x4",
    );
    assert_eq!(res.cost, -7.0);
}

/// Convolutional barycenter with h = w = 2^20 and a 12-row view: refused before allocating the
/// O(h·w) workspace.
#[test]
fn convolutional_barycenter_grid_must_match_the_images() {
    let images = [1.0 / 12.0; 24];
    let mut out = [-1.0; 12];
    // SAFETY: the view and `out` are valid for 12 rows; h·w is the lie.
    let s = unsafe {
        otc_convolutional_barycenter_f64(
            view(&images, 12, 2),
            1 << 20,
            1 << 20,
            null(),
            null(),
            out.as_mut_ptr(),
            null_mut(),
            null_mut(),
            0,
        )
    };
    expect(
        s,
        OTC_ERR_INVALID_DIMENSION,
        "images has 12 rows, expected h*w",
    );
    assert_eq!(out, [-1.0; 12]);
}

/// Sliced Wasserstein with 2^40 random directions: its O(k) workspace cannot be allocated;
/// the call says so with the bytes instead of aborting.
#[test]
fn sliced_with_2_pow_40_directions_is_out_of_memory() {
    let x = [0.0, 1.0, 2.0];
    let w = [1.0 / 3.0; 3];
    let mut out = -1.0;
    let o = emd_opts(1);
    // SAFETY: valid 3×1 views and weights.
    let s = unsafe {
        otc_sliced_wasserstein(
            view(&x, 3, 1),
            w.as_ptr(),
            view(&x, 3, 1),
            w.as_ptr(),
            2.0,
            1 << 40,
            1,
            otc_matrix_f64 {
                data: null(),
                rows: 0,
                cols: 0,
                row_stride: 0,
                col_stride: 0,
            },
            &mut out,
            &o,
            null_mut(),
            0,
        )
    };
    expect(s, OTC_ERR_OUT_OF_MEMORY, "cannot allocate 87960930");
    assert!(last_error_message().contains(" bytes for the workspace"));
    assert_eq!(out, -1.0);
}

unsafe extern "C" fn refusing_sampler(_: *mut c_void, _: usize, _: *mut f64) -> i32 {
    7
}

/// SGD with batch = INT_MAX: the workspace query states the O(batch·dim) bytes; without a
/// caller workspace the call is out of memory here (or, on a machine that can hold it, stops
/// at the sampler's refusal); it never aborts and never writes g.
#[test]
fn sgd_with_int_max_batch_never_aborts() {
    let sites = [0.0, 0.0, 1.0, 1.0];
    let b = [0.5, 0.5];
    let mut g = [-3.0; 2];
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: valid pointer.
    assert_eq!(unsafe { otc_sgd_options_default(o.as_mut_ptr()) }, OTC_OK);
    // SAFETY: filled above.
    let mut o = unsafe { o.assume_init() };
    o.batch = i32::MAX;
    o.num_threads = 1;
    let mut bytes = 0;
    // SAFETY: valid pointers.
    let s = unsafe { otc_semidiscrete_sgd_workspace_size(2, 2, &o, &mut bytes) };
    assert_eq!(s, OTC_OK);
    assert!(bytes >= (i32::MAX as usize) * 2 * 8, "{bytes} bytes");
    // SAFETY: valid views and arrays.
    let s = unsafe {
        otc_semidiscrete_sgd_f64(
            Some(refusing_sampler),
            null_mut(),
            view(&sites, 2, 2),
            b.as_ptr(),
            &o,
            g.as_mut_ptr(),
            null_mut(),
            0,
        )
    };
    let msg = last_error_message();
    assert!(
        (s == OTC_ERR_OUT_OF_MEMORY && msg.contains("cannot allocate"))
            || (s == OTC_ERR_INVALID_ARGUMENT && msg.contains("the sampler returned 7")),
        "status {s}: {msg}"
    );
    assert_eq!(g, [-3.0; 2]);
}

/// A broadcast view stating more elements than a dense matrix could hold is refused (the
/// work it implies is unbounded); one of 2^20 rows is fine and computes the right answer.
#[test]
fn broadcast_views_are_bounded_by_the_address_space() {
    let one = 1.0;
    let (a, b) = ([1.0; 1], [1.0; 1]);
    let mut res = otc_emd_result {
        cost: -7.0,
        ..Default::default()
    };
    let o = emd_opts(1);
    let n = 1usize << 40;
    // SAFETY: the view addresses one value; a and b are the lie, never reached.
    let s = unsafe {
        emd_raw(
            a.as_ptr(),
            n,
            b.as_ptr(),
            n,
            broadcast(&one, n, n),
            &mut res,
            null_mut(),
            null_mut(),
            &o,
            null_mut(),
            0,
        )
    };
    expect(
        s,
        OTC_ERR_OVERFLOW,
        "element count overflows the address space",
    );
    assert_eq!(res.cost, -7.0);

    // 2^20 identical points (one broadcast row) against two sites: all go to the nearer site.
    let p = [0.25, 0.0];
    let points = otc_matrix_f64 {
        data: p.as_ptr(),
        rows: 1 << 20,
        cols: 2,
        row_stride: 0,
        col_stride: 1,
    };
    let sites = [0.0, 0.0, 1.0, 0.0];
    let g = [0.0; 2];
    let mut cells = vec![9u32; 1 << 20];
    let mut masses = [-1.0; 2];
    let mut lo = std::mem::MaybeUninit::uninit();
    // SAFETY: valid pointer.
    assert_eq!(
        unsafe { otc_laguerre_options_default(lo.as_mut_ptr()) },
        OTC_OK
    );
    // SAFETY: filled above.
    let lo = unsafe { lo.assume_init() };
    // SAFETY: `cells` holds 2^20 entries, the other arrays their stated sizes.
    let s = unsafe {
        otc_laguerre_assign_f64(
            points,
            null(),
            view(&sites, 2, 2),
            g.as_ptr(),
            &lo,
            cells.as_mut_ptr(),
            masses.as_mut_ptr(),
            null_mut(),
            0,
        )
    };
    expect(s, OTC_OK, "");
    assert!(cells.iter().all(|&c| c == 0));
    assert_eq!(masses, [1.0, 0.0]);
}

/// Every workspace query with a size of SIZE_MAX in each position: never OK with a
/// wrapped-around size, never a panic (debug builds check every operation).
#[test]
fn workspace_queries_never_wrap_or_panic() {
    const BIG: usize = usize::MAX;
    let mut bytes = 0usize;
    let b = &mut bytes as *mut usize;
    type Query = Box<dyn Fn(usize, usize, usize) -> otc_status>;
    // SAFETY (all closures): `b` is valid for writes; options are NULL (defaults).
    let queries: Vec<(&str, usize, Query)> = vec![
        (
            "barycenter",
            2,
            Box::new(move |x, y, _| unsafe { otc_barycenter_workspace_size(x, y, null(), b) }),
        ),
        (
            "convolutional",
            3,
            Box::new(move |x, y, z| unsafe {
                otc_convolutional_barycenter_workspace_size(x, y, z, null(), b)
            }),
        ),
        (
            "cost",
            3,
            Box::new(move |x, y, z| unsafe { otc_cost_matrix_workspace_size(x, y, z, null(), b) }),
        ),
        (
            "emd",
            2,
            Box::new(move |x, y, _| unsafe { otc_emd_workspace_size(x, y, null(), b) }),
        ),
        (
            "1d",
            2,
            Box::new(move |x, y, _| unsafe { otc_wasserstein_1d_workspace_size(x, y, b) }),
        ),
        (
            "sliced",
            3,
            Box::new(move |x, y, z| unsafe {
                otc_sliced_wasserstein_workspace_size(x, y, z, x, null(), b)
            }),
        ),
        (
            "batch",
            3,
            Box::new(move |x, y, z| unsafe { otc_emd_batch_workspace_size(x, y, z, null(), b) }),
        ),
        (
            "laguerre",
            2,
            Box::new(move |x, y, _| unsafe { otc_laguerre_workspace_size(x, y, null(), b) }),
        ),
        (
            "semidiscrete",
            3,
            Box::new(move |x, y, z| unsafe { otc_semidiscrete_workspace_size(x, y, z, null(), b) }),
        ),
        (
            "sgd",
            2,
            Box::new(move |x, y, _| unsafe {
                otc_semidiscrete_sgd_workspace_size(x, y, null(), b)
            }),
        ),
        (
            "sgd samples",
            3,
            Box::new(move |x, y, z| unsafe {
                otc_semidiscrete_sgd_samples_workspace_size(x, y, z, null(), b)
            }),
        ),
        (
            "lloyd",
            3,
            Box::new(move |x, y, z| unsafe { otc_lloyd_workspace_size(x, y, z, null(), b) }),
        ),
        (
            "sinkhorn",
            3,
            Box::new(move |x, y, z| unsafe { otc_sinkhorn_workspace_size(x, y, z, null(), b) }),
        ),
        (
            "divergence",
            3,
            Box::new(move |x, y, z| unsafe {
                otc_sinkhorn_divergence_workspace_size(x, y, z, null(), b)
            }),
        ),
        (
            "block",
            3,
            Box::new(move |x, y, z| unsafe {
                otc_sinkhorn_block_workspace_size(x, y, z, null(), b)
            }),
        ),
    ];
    for (name, arity, q) in &queries {
        for (position, args) in [
            (0, (BIG, 2, 2)),
            (1, (2, BIG, 2)),
            (2, (2, 2, BIG)),
            (0, (BIG, BIG, BIG)),
        ] {
            // Valid queries: the cost matrix's workspace does not grow with d on the
            // matrix-product route taken for large d; a batch's does not grow with k (one slot
            // per worker).
            let valid = [("cost", 2), ("batch", 2)];
            if position >= *arity || valid.contains(&(*name, position)) {
                continue;
            }
            bytes = 12345;
            let s = q(args.0, args.1, args.2);
            let msg = last_error_message();
            assert!(
                s == OTC_ERR_OVERFLOW || s == OTC_ERR_INVALID_DIMENSION,
                "{name}{args:?}: status {s}, {bytes} bytes, {msg}"
            );
            assert_eq!(bytes, 12345, "{name}{args:?} wrote its output on error");
        }
    }
    // SAFETY: valid output.
    let s = unsafe { otc_laguerre_workspace_size(usize::MAX, 2, null(), &mut bytes) };
    expect(s, OTC_ERR_OVERFLOW, "overflows");
}

/// A caller workspace whose stated size overflows, or which ends at the top of the address
/// space: an error, never a panic, nothing touched.
#[test]
fn caller_workspaces_with_impossible_sizes_are_errors() {
    let (a, c) = ([0.5, 0.5], [0.0, 1.0, 1.0, 0.0]);
    let o = emd_opts(1);
    let mut res = otc_emd_result {
        cost: -7.0,
        ..Default::default()
    };
    let mut buf = [0u8; 64];
    for (work, bytes) in [
        (buf.as_mut_ptr() as *mut c_void, usize::MAX),
        (buf.as_mut_ptr() as *mut c_void, isize::MAX as usize + 1),
        ((usize::MAX - 100) as *mut c_void, 64),
        ((usize::MAX - 63) as *mut c_void, 63),
    ] {
        // SAFETY: the inputs are valid; the workspace is the lie and must not be touched.
        let s = unsafe {
            emd_raw(
                a.as_ptr(),
                2,
                a.as_ptr(),
                2,
                view(&c, 2, 2),
                &mut res,
                null_mut(),
                null_mut(),
                &o,
                work,
                bytes,
            )
        };
        let msg = last_error_message();
        assert!(
            s == OTC_ERR_OVERFLOW || s == OTC_ERR_WORKSPACE_TOO_SMALL,
            "work {work:?} of {bytes} bytes: status {s}, {msg}"
        );
        assert_eq!(res.cost, -7.0);
    }
}

/// num_threads = UINT32_MAX (a -1) or 257: OTC_ERR_THREADS at once, nothing started.
#[test]
fn thread_counts_above_the_cap_are_refused_quickly() {
    let x = [0.0, 1.0];
    let w = [0.5; 2];
    for threads in [u32::MAX, 257] {
        let o = emd_opts(threads);
        let mut out = -1.0;
        let t = std::time::Instant::now();
        // SAFETY: valid views and arrays.
        let s = unsafe {
            otc_sliced_wasserstein(
                view(&x, 2, 1),
                w.as_ptr(),
                view(&x, 2, 1),
                w.as_ptr(),
                2.0,
                4,
                1,
                otc_matrix_f64 {
                    data: null(),
                    rows: 0,
                    cols: 0,
                    row_stride: 0,
                    col_stride: 0,
                },
                &mut out,
                &o,
                null_mut(),
                0,
            )
        };
        expect(s, OTC_ERR_THREADS, "above the cap of 256");
        assert!(t.elapsed().as_secs_f64() < 1.0);
        assert_eq!(out, -1.0);
    }
}

/// Scalar and struct outputs aliasing an input: OTC_ERR_ALIASING, the input untouched.
#[test]
fn scalar_outputs_aliasing_inputs_are_refused() {
    // Fixed-support barycenter: `iterations` (8 bytes) over the cost's last entry.
    let hists = [0.5, 0.5, 0.5, 0.5];
    let mut cost = [0.0, 1.0, 1.0, 0.0];
    let cost_before = cost;
    let mut out = [-1.0; 2];
    // SAFETY: valid views and arrays; `iterations` points into the cost.
    let st = unsafe {
        otc_barycenter_f64(
            view(&hists, 2, 2),
            view(&cost, 2, 2),
            null(),
            null(),
            out.as_mut_ptr(),
            cost.as_mut_ptr().add(3) as *mut u64,
            null_mut(),
            0,
        )
    };
    expect(st, OTC_ERR_ALIASING, "output iterations overlaps cost");
    assert_eq!((cost, out), (cost_before, [-1.0; 2]));

    // Semi-discrete: the info struct written over b (2 doubles, smaller than the struct).
    let points = [0.1, 0.2, 0.7, 0.9];
    let sites = [0.0, 0.0, 1.0, 1.0];
    let mut b = [0.5, 0.5];
    let mut g = [-2.0; 2];
    // SAFETY: valid views and arrays; `info` points at b.
    let st = unsafe {
        otc_semidiscrete_f64(
            view(&points, 2, 2),
            null(),
            view(&sites, 2, 2),
            b.as_ptr(),
            null(),
            g.as_mut_ptr(),
            null_mut(),
            b.as_mut_ptr() as *mut otc_semidiscrete_info,
            null_mut(),
            0,
        )
    };
    expect(st, OTC_ERR_ALIASING, "info");
    assert_eq!((b, g), ([0.5, 0.5], [-2.0; 2]));

    // Lloyd: the distortion written over a point.
    let mut pts = [0.1, 0.2, 0.7, 0.9];
    let mut lsites = [0.0, 0.0, 1.0, 1.0];
    let lsites_before = lsites;
    let sv = otc_matrix_mut_f64 {
        data: lsites.as_mut_ptr(),
        rows: 2,
        cols: 2,
        row_stride: 2,
        col_stride: 1,
    };
    // SAFETY: valid views; `distortion` points at pts[2].
    let st = unsafe {
        otc_lloyd_f64(
            view(&pts, 2, 2),
            null(),
            sv,
            3,
            0.0,
            null(),
            pts.as_mut_ptr().add(2),
            null_mut(),
            0,
        )
    };
    expect(st, OTC_ERR_ALIASING, "output distortion overlaps");
    assert_eq!((pts, lsites), ([0.1, 0.2, 0.7, 0.9], lsites_before));
}

/// The sampler of an SGD call makes a failing otcore call of its own, then supplies its
/// samples: the outer call succeeds and leaves no stale message behind.
#[test]
fn a_callbacks_failed_call_leaves_no_message_after_success() {
    unsafe extern "C" fn sampler(_: *mut c_void, count: usize, out: *mut f64) -> i32 {
        // SAFETY: NULL weights are refused before anything is read.
        let s = unsafe {
            emd_raw(
                null(),
                1,
                null(),
                1,
                broadcast(&0.0, 1, 1),
                null_mut(),
                null_mut(),
                null_mut(),
                null(),
                null_mut(),
                0,
            )
        };
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
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: valid pointer.
    assert_eq!(unsafe { otc_sgd_options_default(o.as_mut_ptr()) }, OTC_OK);
    // SAFETY: filled above.
    let mut o = unsafe { o.assume_init() };
    o.iterations = 20;
    o.batch = 4;
    o.num_threads = 1;
    // SAFETY: valid views and arrays.
    let s = unsafe {
        otc_semidiscrete_sgd_f64(
            Some(sampler),
            null_mut(),
            view(&sites, 2, 1),
            b.as_ptr(),
            &o,
            g.as_mut_ptr(),
            null_mut(),
            0,
        )
    };
    assert_eq!(s, OTC_OK, "{}", last_error_message());
    assert_eq!(last_error_message(), "");
    // SAFETY: never NULL.
    assert_eq!(
        unsafe { CStr::from_ptr(otc_last_error_message()) }.to_bytes(),
        b""
    );
}

fn sinkhorn_opts(eps: f64) -> otc_sinkhorn_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: a valid pointer to one options struct.
    assert_eq!(
        unsafe { otc_sinkhorn_options_default(o.as_mut_ptr()) },
        OTC_OK
    );
    // SAFETY: filled above.
    let mut o = unsafe { o.assume_init() };
    o.epsilon = eps;
    o.num_threads = 1;
    o
}

/// Runs otc_emd on (a, b, cost) with every output given; returns the status and the outputs.
fn emd_call(a: &[f64], b: &[f64], cost: &[f64]) -> (otc_status, otc_emd_result, Vec<f64>) {
    let (n, m) = (a.len(), b.len());
    let mut res = otc_emd_result {
        cost: -7.0,
        ..Default::default()
    };
    let mut fg = vec![-7.0; n + m];
    let o = emd_opts(1);
    let (f, g) = fg.split_at_mut(n);
    // SAFETY: every array has its stated length.
    let s = unsafe {
        emd_raw(
            a.as_ptr(),
            n,
            b.as_ptr(),
            m,
            view(cost, n, m),
            &mut res,
            f.as_mut_ptr(),
            g.as_mut_ptr(),
            &o,
            null_mut(),
            0,
        )
    };
    (s, res, fg)
}

/// Finite inputs whose sums or potentials overflow: refused, outputs untouched, never OK with
/// NaN or an infinity.
#[test]
fn exact_ot_refuses_finite_inputs_that_overflow() {
    let (s, res, fg) = emd_call(
        &[1e308; 3],
        &[1e308; 3],
        &[0.0, 1.0, 2.0, 1.0, 0.0, 1.0, 2.0, 1.0, 0.0],
    );
    expect(
        s,
        OTC_ERR_INVALID_ARGUMENT,
        "the weights overflow when summed",
    );
    assert_eq!((res.cost, fg), (-7.0, vec![-7.0; 6]));
    let (s, res, fg) = emd_call(&[0.5; 2], &[0.5; 2], &[1e308; 4]);
    expect(s, OTC_ERR_INVALID_ARGUMENT, "rescale the costs");
    assert_eq!((res.cost, fg), (-7.0, vec![-7.0; 4]));
    // The largest costs that pass give finite results: a 2×2 problem at 1e306.
    let (s, res, fg) = emd_call(&[0.5; 2], &[0.5; 2], &[1e306, 0.0, 0.0, 1e306]);
    assert_eq!(s, OTC_OK, "{}", last_error_message());
    assert_eq!(res.cost, 0.0);
    assert!(fg.iter().all(|x| x.is_finite()), "{fg:?}");
}

/// Sinkhorn on finite inputs at the edge of the range (ε = 1e-300; costs 1e308; both): never
/// OK with a non-finite potential or info field; a refusal leaves the outputs untouched.
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
        let (mut f, mut g) = ([-7.0; 2], [-7.0; 2]);
        let mut info: otc_sinkhorn_info = unsafe { std::mem::zeroed() };
        info.struct_size = std::mem::size_of::<otc_sinkhorn_info>();
        info.dual = -7.0;
        let o = sinkhorn_opts(eps);
        // SAFETY: valid arrays and view.
        let s = unsafe {
            otc_sinkhorn_f64(
                view(&cost, 2, 2),
                a.as_ptr(),
                b.as_ptr(),
                &o,
                null(),
                null(),
                f.as_mut_ptr(),
                g.as_mut_ptr(),
                null(),
                &mut info,
                null_mut(),
                0,
            )
        };
        let msg = last_error_message();
        let case =
            format!("costs {cost:?}, ε = {eps:e}: status {s}, {msg}, f {f:?}, g {g:?}, {info:?}");
        if s == OTC_OK || s == OTC_WARN_MAX_ITER {
            let scalars = [
                info.transport_cost,
                info.dual,
                info.marginal_error,
                info.mass,
            ];
            assert!(
                f.iter().chain(&g).chain(&scalars).all(|x| x.is_finite()),
                "{case}"
            );
            if cost[0] == 0.0 {
                // Zero-cost diagonal: the plan is diagonal, ⟨P, C⟩ = 0, mass 1.
                assert_eq!((info.transport_cost, info.mass), (0.0, 1.0), "{case}");
            }
        } else {
            assert!(
                s == OTC_ERR_NUMERICAL && msg.contains("overflowed"),
                "{case}"
            );
            assert_eq!((f, g, info.dual), ([-7.0; 2], [-7.0; 2], -7.0), "{case}");
        }
    }
}

/// A block step with b all zero: every row's log-sum-exp is −∞ and f would be +∞; refused,
/// f_block untouched. The same block with b positive is finite.
#[test]
fn block_step_with_b_all_zero_is_refused() {
    let cost = [0.0, 1.0, 1.0, 0.0];
    let a = [0.5; 2];
    let g = [0.0; 2];
    let o = sinkhorn_opts(0.1);
    for (b, want) in [([0.0; 2], OTC_ERR_INVALID_ARGUMENT), ([0.5; 2], OTC_OK)] {
        let mut f = [0.0; 2];
        let mut err = -7.0;
        // SAFETY: valid arrays and view.
        let s = unsafe {
            otc_sinkhorn_block_step_f64(
                view(&cost, 2, 2),
                a.as_ptr(),
                b.as_ptr(),
                g.as_ptr(),
                &o,
                f.as_mut_ptr(),
                null_mut(),
                &mut err,
                null_mut(),
                0,
            )
        };
        if want == OTC_OK {
            expect(s, OTC_OK, "");
            // f_i = −ε log Σ_j b_j exp(−C_ij/ε) with g = 0.
            let fi = -0.1 * (0.5 + 0.5 * (-10.0f64).exp()).ln();
            assert!(
                (f[0] - fi).abs() < 1e-15 && (f[1] - fi).abs() < 1e-15,
                "{f:?} vs {fi}"
            );
            assert!(err.is_finite());
        } else {
            expect(s, want, "b is all zero");
            assert_eq!((f, err), ([0.0; 2], -7.0));
        }
    }
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
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: valid pointer.
    assert_eq!(unsafe { otc_sgd_options_default(o.as_mut_ptr()) }, OTC_OK);
    // SAFETY: filled above.
    let mut o = unsafe { o.assume_init() };
    o.iterations = 50;
    o.batch = 8;
    o.num_threads = 1;
    for step in [0.0, 0.1] {
        o.step = step;
        let mut g = [-7.0; 2];
        // SAFETY: valid views and arrays.
        let s = unsafe {
            otc_semidiscrete_sgd_f64(
                Some(far_sampler),
                null_mut(),
                view(&sites, 2, 1),
                b.as_ptr(),
                &o,
                g.as_mut_ptr(),
                null_mut(),
                0,
            )
        };
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
