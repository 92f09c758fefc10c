//! The C ABI against a hostile caller: sizes that imply absurd allocations or work, sizes
//! whose arithmetic overflows, thread counts above the cap, scalar and struct outputs that
//! alias inputs, finite inputs whose results overflow, and stale messages. Each case checks
//! the status, the message and that the outputs (and aliased inputs) are untouched. The cases
//! that need a process of their own (address-space limit, teardown, fork) are C programs:
//! tests/c/test_hostile_*.c.

use otcore::ffi::boundary::last_error_message;
use otcore::ffi::gaussian::*;
use otcore::ffi::status::*;
use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
use std::ffi::CStr;
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

fn gaussian_opts() -> otc_gaussian_options {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: a valid pointer to one options struct.
    assert_eq!(
        unsafe { otc_gaussian_options_default(o.as_mut_ptr()) },
        OTC_OK
    );
    // SAFETY: filled above.
    let mut o = unsafe { o.assume_init() };
    o.num_threads = 1;
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
    ];
    let mut queries = queries;
    for op in 0..7 {
        // n and m matter only to the pairs (op 1, k₁ and k₂) and the moments (op 5, n).
        queries.push((
            "gaussian",
            [1, 3, 1, 1, 1, 2, 1][op as usize],
            // SAFETY: as above.
            Box::new(move |x, y, z| unsafe { otc_gaussian_workspace_size(op, x, y, z, null(), b) }),
        ));
    }
    for (name, arity, q) in &queries {
        for (position, args) in [
            (0, (BIG, 2, 2)),
            (1, (2, BIG, 2)),
            (2, (2, 2, BIG)),
            (0, (BIG, BIG, BIG)),
        ] {
            // Valid queries: the cost matrix's workspace does not grow with d on the
            // matrix-product route taken for large d.
            let valid = [("cost", 2)];
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
}

/// Gaussian calls in dimension 2^24 (broadcast covariances): the O(d²) workspace is out of
/// memory; at 2^29 its size overflows; d = 2^32 views are refused from their size. Never a
/// panic.
#[test]
fn gaussian_huge_dimensions_are_errors() {
    let one = 1.0;
    let o = gaussian_opts();
    let mut out = -1.0;
    for (d, want) in [
        (1usize << 24, OTC_ERR_OUT_OF_MEMORY),
        (1 << 29, OTC_ERR_OVERFLOW),
        (1 << 32, OTC_ERR_OVERFLOW),
    ] {
        let s = broadcast(&one, d, d);
        // SAFETY: the views address one value; `out` is valid.
        let st = unsafe { otc_bures_distance(s, s, &o, null_mut(), 0, &mut out) };
        expect(st, want, "");
        assert_eq!(out, -1.0);
    }
}

/// Scalar and struct outputs aliasing an input: OTC_ERR_ALIASING, the input untouched.
#[test]
fn scalar_outputs_aliasing_inputs_are_refused() {
    let o = gaussian_opts();
    let s1 = [2.0, 0.5, 0.5, 1.0];
    let mut s2 = [1.0, 0.0, 0.0, 3.0];
    let s2_before = s2;
    let v2 = view(&s2, 2, 2);
    // SAFETY: valid views; the output points into sigma2's data.
    let st = unsafe {
        otc_bures_distance(
            view(&s1, 2, 2),
            v2,
            &o,
            null_mut(),
            0,
            s2.as_mut_ptr().add(3),
        )
    };
    expect(st, OTC_ERR_ALIASING, "output out_bures_sq overlaps sigma2");
    assert_eq!(s2, s2_before);

    let mut m = [0.0, 1.0];
    let m2 = [1.0, 1.0];
    let m_before = m;
    // SAFETY: valid arrays and views; the output is m1[1].
    let st = unsafe {
        otc_gaussian_w2(
            2,
            m.as_ptr(),
            view(&s1, 2, 2),
            m2.as_ptr(),
            view(&s1, 2, 2),
            &o,
            null_mut(),
            0,
            m.as_mut_ptr().add(1),
        )
    };
    expect(st, OTC_ERR_ALIASING, "output out_w2_sq overlaps m1");
    assert_eq!(m, m_before);
    // SAFETY: as above; the output is m1[0].
    let st = unsafe {
        otc_gaussian_entropic_w2(
            2,
            m.as_ptr(),
            view(&s1, 2, 2),
            m2.as_ptr(),
            view(&s1, 2, 2),
            1.0,
            &o,
            null_mut(),
            0,
            m.as_mut_ptr(),
        )
    };
    expect(st, OTC_ERR_ALIASING, "output out_cost overlaps m1");
    assert_eq!(m, m_before);

    // Gaussian barycenter: iterations_out (4 bytes) inside the means.
    let mut means = [0.0, 0.0, 1.0, 1.0];
    let covs = [view(&s1, 2, 2), view(&s1, 2, 2)];
    let mut cov_out = [0.0; 4];
    let cov_view = otc_matrix_mut_f64 {
        data: cov_out.as_mut_ptr(),
        rows: 2,
        cols: 2,
        row_stride: 2,
        col_stride: 1,
    };
    // SAFETY: valid views and arrays; `iterations_out` points into the means.
    let st = unsafe {
        otc_gaussian_barycenter(
            view(&means, 2, 2),
            covs.as_ptr(),
            null(),
            &o,
            null_mut(),
            0,
            null_mut(),
            cov_view,
            means.as_mut_ptr().add(1) as *mut u32,
        )
    };
    expect(st, OTC_ERR_ALIASING, "output iterations_out overlaps means");
    assert_eq!((means, cov_out), ([0.0, 0.0, 1.0, 1.0], [0.0; 4]));
}



