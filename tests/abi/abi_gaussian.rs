//! The Gaussian family's C ABI (ABI 1 shape) against a hostile caller, and its wiring: each
//! entry point's values equal the Rust API's. Every bad input is checked for its status, its
//! message (naming the offending argument) and untouched outputs.

use crate::abi_support;
use abi_support::*;

use otcore::ffi::boundary::last_error_message;
use otcore::ffi::gaussian::*;
use otcore::ffi::shape::{otc_report, otc_workspace};
use otcore::ffi::status::*;
use otcore::ffi::view::otc_matrix_f64;
use otcore::gaussian as g;
use std::ffi::c_void;
use std::mem::size_of;
use std::ptr::{null, null_mut};

const D: usize = 3;

/// A `d × d` view of one value (zero strides).
fn broadcast(x: &f64, d: usize) -> otc_matrix_f64 {
    otc_matrix_f64 {
        data: x,
        rows: d,
        cols: d,
        row_stride: 0,
        col_stride: 0,
    }
}

fn faer_of(data: &[f64], rows: usize, cols: usize) -> faer::Mat<f64> {
    faer::Mat::from_fn(rows, cols, |i, j| data[i * cols + j])
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

/// The bytes of a plain-data value, to compare outputs before and after a refused call.
fn bytes_of<T>(x: &T) -> Vec<u8> {
    // SAFETY: reads the `size_of::<T>()` bytes of a live value of a padding-free C struct.
    unsafe { std::slice::from_raw_parts(x as *const T as *const u8, size_of::<T>()) }.to_vec()
}

/// Sets the leading `struct_size` of an ABI 1 struct.
fn set_struct_size<T>(x: &mut T, size: usize) {
    // SAFETY: every ABI 1 struct starts with a `usize` struct_size.
    unsafe { *(x as *mut T as *mut usize) = size };
}

/// Two SPD covariances (not commuting), two means, a batch and points.
struct Fixture {
    s1: [f64; 9],
    s2: [f64; 9],
    m1: [f64; 3],
    m2: [f64; 3],
    means: [f64; 6],
    x: [f64; 15],
    weights: [f64; 2],
}

fn fixture() -> Fixture {
    Fixture {
        s1: [2.0, 0.5, 0.1, 0.5, 1.5, 0.2, 0.1, 0.2, 1.0],
        s2: [1.0, -0.3, 0.0, -0.3, 3.0, 0.4, 0.0, 0.4, 0.5],
        m1: [1.0, -1.0, 0.5],
        m2: [0.5, 2.0, -1.0],
        means: [1.0, -1.0, 0.5, 0.5, 2.0, -1.0],
        x: [
            1.0, 2.0, 3.0, -1.0, 0.0, 1.0, 0.5, 0.5, 0.5, 2.0, -2.0, 0.0, 0.0, 0.0, 1.0,
        ],
        weights: [0.3, 0.7],
    }
}

/// A zeroed problem or outputs struct with its struct_size set.
fn abi<T>() -> T {
    // SAFETY: ABI 1 problem and outputs structs are plain data; all-zero is a valid value.
    let mut x: T = unsafe { std::mem::zeroed() };
    set_struct_size(&mut x, size_of::<T>());
    x
}

type Call<P, R, O> = unsafe extern "C" fn(*const P, *mut R, *const O, otc_workspace) -> otc_status;
type Size<P, O> = unsafe extern "C" fn(*const P, *const O, *mut usize) -> otc_status;

/// The struct contract of one op on a valid (problem, outputs, options): NULL problem and
/// outputs refused, struct sizes 0 and too large refused for all three structs (nothing
/// written), the released size and NULL options accepted, num_threads = 257 refused; a
/// caller workspace of the size the query reports is enough and half of it is not; the
/// outputs equal between the library's and the caller's workspace.
fn check_struct_contract<P: Copy, R: Copy, O: Copy>(
    name: &str,
    call: Call<P, R, O>,
    size: Size<P, O>,
    p: P,
    r: R,
    o: O,
    set_threads: impl Fn(&mut O, u32),
) {
    let mut out = r;
    let before = bytes_of(&out);
    // SAFETY (whole function): every struct is valid for its struct_size; pointers in them
    // point into the fixture, alive for the test.
    unsafe {
        expect(
            call(null(), &mut out, &o, NO_WORK),
            OTC_ERR_NULL_POINTER,
            "problem is NULL",
        );
        expect(
            call(&p, null_mut(), &o, NO_WORK),
            OTC_ERR_NULL_POINTER,
            "out is NULL",
        );
        for bad in [0, size_of::<P>() + 8] {
            let mut q = p;
            set_struct_size(&mut q, bad);
            let msg = format!("problem->struct_size is {bad}");
            expect(call(&q, &mut out, &o, NO_WORK), OTC_ERR_ABI_MISMATCH, &msg);
        }
        for bad in [0, size_of::<R>() + 8] {
            let mut q = out;
            set_struct_size(&mut q, bad);
            let msg = format!("out->struct_size is {bad}");
            expect(call(&p, &mut q, &o, NO_WORK), OTC_ERR_ABI_MISMATCH, &msg);
        }
        for bad in [0, size_of::<O>() + 8] {
            let mut q = o;
            set_struct_size(&mut q, bad);
            let msg = format!("opts->struct_size is {bad}");
            expect(call(&p, &mut out, &q, NO_WORK), OTC_ERR_ABI_MISMATCH, &msg);
        }
        let mut t = o;
        set_threads(&mut t, 257);
        expect(
            call(&p, &mut out, &t, NO_WORK),
            OTC_ERR_THREADS,
            "above the cap of 256",
        );
        assert_eq!(bytes_of(&out), before, "{name}: outputs written on error");

        let st = call(&p, &mut out, null(), NO_WORK);
        assert!(
            st < 100,
            "{name} with NULL options: {st} {}",
            last_error_message()
        );
        let mut one = o;
        set_threads(&mut one, 1);
        let mut bytes = 0;
        assert_eq!(size(&p, &one, &mut bytes), OTC_OK, "{name}");
        assert!(bytes > 0, "{name}");
        let mut buf = vec![0u8; bytes];
        let work = otc_workspace {
            data: buf.as_mut_ptr() as *mut c_void,
            bytes,
        };
        let mut on_caller = r;
        let st2 = call(&p, &mut on_caller, &one, work);
        assert_eq!(st2, st, "{name} on a caller workspace");
        let mut half = r;
        let short = otc_workspace {
            data: buf.as_mut_ptr() as *mut c_void,
            bytes: bytes / 2,
        };
        expect(
            call(&p, &mut half, &one, short),
            OTC_ERR_WORKSPACE_TOO_SMALL,
            "too small",
        );
        expect(
            size(null(), &one, &mut bytes),
            OTC_ERR_NULL_POINTER,
            "problem",
        );
        expect(size(&p, &one, null_mut()), OTC_ERR_NULL_POINTER, "NULL");
    }
}

/// Bures, W₂, entropic W₂: the C values equal the Rust API's, and the struct contract holds.
#[test]
fn distances_equal_the_rust_api_and_keep_the_struct_contract() {
    let f = fixture();
    let tol = g::PsdTolerances::default();
    let (s1, s2) = (faer_of(&f.s1, D, D), faer_of(&f.s2, D, D));

    let mut p: otc_bures_problem_f64 = abi();
    p.sigma1 = view(&f.s1, D, D);
    p.sigma2 = view(&f.s2, D, D);
    let mut r: otc_bures_outputs_f64 = abi();
    let o = defaults(otc_bures_options_default);
    // SAFETY: valid structs pointing into the fixture.
    assert_eq!(unsafe { otc_bures_f64(&p, &mut r, &o, NO_WORK) }, OTC_OK);
    let want = g::bures_distance(s1.as_ref(), s2.as_ref(), &tol).unwrap();
    assert_eq!(r.bures_squared, want);
    assert!(want > 0.1);
    assert_eq!(
        (
            r.report.status,
            r.report.iterations,
            r.report.error,
            r.report.path
        ),
        (OTC_OK, 0, 0.0, 0)
    );
    check_struct_contract(
        "bures",
        otc_bures_f64,
        otc_bures_workspace_size_f64,
        p,
        abi(),
        o,
        |o, t| o.num_threads = t,
    );
    // The outputs struct inside sigma2's data: refused, sigma2 untouched.
    let mut big = [0.0f64; 32];
    big[..9].copy_from_slice(&f.s2);
    let before = big;
    let mut q = p;
    q.sigma2 = view(&big[..9], D, D);
    // SAFETY: the outputs struct (its struct_size set) lies inside `big`, large enough.
    let st = unsafe {
        let inside = big.as_mut_ptr().add(4) as *mut otc_bures_outputs_f64;
        set_struct_size(&mut *inside, size_of::<otc_bures_outputs_f64>());
        otc_bures_f64(&q, inside, &o, NO_WORK)
    };
    expect(st, OTC_ERR_ALIASING, "output out overlaps problem->sigma2");
    let mut want_big = before;
    want_big[4] = f64::from_bits(size_of::<otc_bures_outputs_f64>() as u64);
    assert_eq!(big.map(f64::to_bits), want_big.map(f64::to_bits));

    let mut p: otc_gaussian_w2_problem_f64 = abi();
    p.m1 = f.m1.as_ptr();
    p.sigma1 = view(&f.s1, D, D);
    p.m2 = f.m2.as_ptr();
    p.sigma2 = view(&f.s2, D, D);
    let mut r: otc_gaussian_w2_outputs_f64 = abi();
    let o = defaults(otc_gaussian_w2_options_default);
    // SAFETY: as above.
    assert_eq!(
        unsafe { otc_gaussian_w2_f64(&p, &mut r, &o, NO_WORK) },
        OTC_OK
    );
    let want = g::gaussian_w2(&f.m1, s1.as_ref(), &f.m2, s2.as_ref(), &tol).unwrap();
    assert_eq!(r.w2_squared, want);
    check_struct_contract(
        "gaussian_w2",
        otc_gaussian_w2_f64,
        otc_gaussian_w2_workspace_size_f64,
        p,
        abi(),
        o,
        |o, t| o.num_threads = t,
    );

    let mut p: otc_gaussian_entropic_w2_problem_f64 = abi();
    p.m1 = f.m1.as_ptr();
    p.sigma1 = view(&f.s1, D, D);
    p.m2 = f.m2.as_ptr();
    p.sigma2 = view(&f.s2, D, D);
    p.epsilon = 0.3;
    let mut r: otc_gaussian_entropic_w2_outputs_f64 = abi();
    let o = defaults(otc_gaussian_entropic_w2_options_default);
    // SAFETY: as above.
    assert_eq!(
        unsafe { otc_gaussian_entropic_w2_f64(&p, &mut r, &o, NO_WORK) },
        OTC_OK
    );
    let want = g::entropic_w2(&f.m1, s1.as_ref(), &f.m2, s2.as_ref(), 0.3, &tol).unwrap();
    assert_eq!(r.cost, want);
    check_struct_contract(
        "gaussian_entropic_w2",
        otc_gaussian_entropic_w2_f64,
        otc_gaussian_entropic_w2_workspace_size_f64,
        p,
        abi(),
        o,
        |o, t| o.num_threads = t,
    );
    for eps in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        p.epsilon = eps;
        r.cost = -7.0;
        // SAFETY: as above.
        let st = unsafe { otc_gaussian_entropic_w2_f64(&p, &mut r, &o, NO_WORK) };
        expect(st, OTC_ERR_INVALID_ARGUMENT, "eps");
        assert_eq!(r.cost, -7.0);
    }
}

/// Map, map application, geodesic, psd_sqrt, moments: C values equal the Rust API's.
#[test]
fn maps_geodesics_roots_and_moments_equal_the_rust_api() {
    let f = fixture();
    let tol = g::PsdTolerances::default();
    let (s1, s2) = (faer_of(&f.s1, D, D), faer_of(&f.s2, D, D));

    let (mut a, mut b) = ([0.0; 9], [0.0; 3]);
    let mut p: otc_gaussian_map_problem_f64 = abi();
    p.m1 = f.m1.as_ptr();
    p.sigma1 = view(&f.s1, D, D);
    p.m2 = f.m2.as_ptr();
    p.sigma2 = view(&f.s2, D, D);
    let mut r: otc_gaussian_map_outputs_f64 = abi();
    r.a = view_mut(&mut a, D, D);
    r.b = b.as_mut_ptr();
    let o = defaults(otc_gaussian_map_options_default);
    // SAFETY: valid structs pointing into the fixture and the buffers.
    assert_eq!(
        unsafe { otc_gaussian_map_f64(&p, &mut r, &o, NO_WORK) },
        OTC_OK
    );
    let (wa, wb, _) = g::map(&f.m1, s1.as_ref(), &f.m2, s2.as_ref(), &tol).unwrap();
    assert_eq!(
        a.to_vec(),
        (0..9).map(|k| wa[(k / 3, k % 3)]).collect::<Vec<_>>()
    );
    assert_eq!(b.to_vec(), wb);
    assert_eq!(r.rank, D);
    check_struct_contract(
        "gaussian_map",
        otc_gaussian_map_f64,
        otc_gaussian_map_workspace_size_f64,
        p,
        r,
        o,
        |o, t| o.num_threads = t,
    );
    // Output aliasing: b inside a, a over sigma1, the outputs struct over m2.
    let mut q = r;
    // SAFETY: pointer arithmetic within `a`.
    q.b = unsafe { a.as_mut_ptr().add(4) };
    // SAFETY: as above.
    let st = unsafe { otc_gaussian_map_f64(&p, &mut q, &o, NO_WORK) };
    expect(st, OTC_ERR_ALIASING, "output out->a overlaps out->b");

    let mut y = [0.0; 15];
    let mut p2: otc_gaussian_map_apply_problem_f64 = abi();
    p2.a = view(&a, D, D);
    p2.b = b.as_ptr();
    p2.x = view(&f.x, 5, D);
    let mut r2: otc_gaussian_map_apply_outputs_f64 = abi();
    r2.y = view_mut(&mut y, 5, D);
    let o2 = defaults(otc_gaussian_map_apply_options_default);
    // SAFETY: as above.
    assert_eq!(
        unsafe { otc_gaussian_map_apply_f64(&p2, &mut r2, &o2, NO_WORK) },
        OTC_OK
    );
    let wy = g::map_apply(wa.as_ref(), &wb, faer_of(&f.x, 5, D).as_ref()).unwrap();
    assert_eq!(
        y.to_vec(),
        (0..15).map(|k| wy[(k / 3, k % 3)]).collect::<Vec<_>>()
    );
    check_struct_contract(
        "gaussian_map_apply",
        otc_gaussian_map_apply_f64,
        otc_gaussian_map_apply_workspace_size_f64,
        p2,
        r2,
        o2,
        |o, t| o.num_threads = t,
    );
    // b = NULL is the zero vector.
    p2.b = null();
    // SAFETY: as above.
    assert_eq!(
        unsafe { otc_gaussian_map_apply_f64(&p2, &mut r2, &o2, NO_WORK) },
        OTC_OK
    );
    assert!((y[0] - (wy[(0, 0)] - wb[0])).abs() <= 1e-14);
    // y over x: refused, x untouched.
    let mut xs = f.x;
    p2.x = view(&xs, 5, D);
    r2.y = view_mut(&mut xs, 5, D);
    // SAFETY: as above.
    let st = unsafe { otc_gaussian_map_apply_f64(&p2, &mut r2, &o2, NO_WORK) };
    expect(st, OTC_ERR_ALIASING, "output out->y overlaps problem->x");
    assert_eq!(xs, f.x);

    let (mut mean, mut cov) = ([0.0; 3], [0.0; 9]);
    let mut p3: otc_gaussian_geodesic_problem_f64 = abi();
    p3.m1 = f.m1.as_ptr();
    p3.sigma1 = view(&f.s1, D, D);
    p3.m2 = f.m2.as_ptr();
    p3.sigma2 = view(&f.s2, D, D);
    p3.t = 0.3;
    let mut r3: otc_gaussian_geodesic_outputs_f64 = abi();
    r3.mean = mean.as_mut_ptr();
    r3.cov = view_mut(&mut cov, D, D);
    let o3 = defaults(otc_gaussian_geodesic_options_default);
    // SAFETY: as above.
    assert_eq!(
        unsafe { otc_gaussian_geodesic_f64(&p3, &mut r3, &o3, NO_WORK) },
        OTC_OK
    );
    let (wm, wc, _) = g::geodesic(&f.m1, s1.as_ref(), &f.m2, s2.as_ref(), 0.3, &tol).unwrap();
    assert_eq!(mean.to_vec(), wm);
    assert_eq!(
        cov.to_vec(),
        (0..9).map(|k| wc[(k / 3, k % 3)]).collect::<Vec<_>>()
    );
    check_struct_contract(
        "gaussian_geodesic",
        otc_gaussian_geodesic_f64,
        otc_gaussian_geodesic_workspace_size_f64,
        p3,
        r3,
        o3,
        |o, t| o.num_threads = t,
    );
    // mean not wanted: the covariance alone, the same.
    let mut r3b = r3;
    r3b.mean = null_mut();
    let cov_before = cov;
    // SAFETY: as above.
    assert_eq!(
        unsafe { otc_gaussian_geodesic_f64(&p3, &mut r3b, &o3, NO_WORK) },
        OTC_OK
    );
    assert_eq!(cov, cov_before);

    let (mut sq, mut isq) = ([0.0; 9], [0.0; 9]);
    let mut p4: otc_psd_sqrt_problem_f64 = abi();
    p4.a = view(&f.s1, D, D);
    let mut r4: otc_psd_sqrt_outputs_f64 = abi();
    r4.sqrt = view_mut(&mut sq, D, D);
    r4.inv_sqrt = view_mut(&mut isq, D, D);
    let o4 = defaults(otc_psd_sqrt_options_default);
    // SAFETY: as above.
    assert_eq!(
        unsafe { otc_psd_sqrt_f64(&p4, &mut r4, &o4, NO_WORK) },
        OTC_OK
    );
    let w4 = g::psd_sqrt(s1.as_ref(), &tol).unwrap();
    assert_eq!(
        sq.to_vec(),
        (0..9).map(|k| w4.sqrt[(k / 3, k % 3)]).collect::<Vec<_>>()
    );
    assert_eq!(
        isq.to_vec(),
        (0..9)
            .map(|k| w4.inv_sqrt[(k / 3, k % 3)])
            .collect::<Vec<_>>()
    );
    check_struct_contract(
        "psd_sqrt",
        otc_psd_sqrt_f64,
        otc_psd_sqrt_workspace_size_f64,
        p4,
        r4,
        o4,
        |o, t| o.num_threads = t,
    );
    // Zero strides on an output address elements twice.
    let mut r4b = r4;
    r4b.sqrt.row_stride = 0;
    r4b.sqrt.col_stride = 0;
    // SAFETY: as above.
    let st = unsafe { otc_psd_sqrt_f64(&p4, &mut r4b, &o4, NO_WORK) };
    expect(st, OTC_ERR_INVALID_STRIDE, "out->sqrt");

    let (mut mm, mut mc) = ([0.0; 3], [0.0; 9]);
    let mut p5: otc_gaussian_moments_problem_f64 = abi();
    p5.x = view(&f.x, 5, D);
    let mut r5: otc_gaussian_moments_outputs_f64 = abi();
    r5.mean = mm.as_mut_ptr();
    r5.cov = view_mut(&mut mc, D, D);
    let o5 = defaults(otc_gaussian_moments_options_default);
    // SAFETY: as above.
    assert_eq!(
        unsafe { otc_gaussian_moments_f64(&p5, &mut r5, &o5, NO_WORK) },
        OTC_OK
    );
    let (wm, wc) = g::moments(faer_of(&f.x, 5, D).as_ref(), None).unwrap();
    assert_eq!(mm.to_vec(), wm);
    assert_eq!(
        mc.to_vec(),
        (0..9).map(|k| wc[(k / 3, k % 3)]).collect::<Vec<_>>()
    );
    check_struct_contract(
        "gaussian_moments",
        otc_gaussian_moments_f64,
        otc_gaussian_moments_workspace_size_f64,
        p5,
        r5,
        o5,
        |o, t| o.num_threads = t,
    );
    // mean and cov overlapping: refused.
    let mut r5b = r5;
    r5b.mean = mc.as_mut_ptr();
    // SAFETY: as above.
    let st = unsafe { otc_gaussian_moments_f64(&p5, &mut r5b, &o5, NO_WORK) };
    expect(st, OTC_ERR_ALIASING, "overlaps");
}

/// Pairwise and barycenter: batches of views; values equal the Rust API's.
#[test]
fn batches_equal_the_rust_api_and_keep_the_struct_contract() {
    let f = fixture();
    let tol = g::PsdTolerances::default();
    let (s1, s2) = (faer_of(&f.s1, D, D), faer_of(&f.s2, D, D));
    let covs = [view(&f.s1, D, D), view(&f.s2, D, D)];
    let mut pw = [0.0; 4];
    let mut p: otc_gaussian_w2_pairwise_problem_f64 = abi();
    p.means1 = view(&f.means, 2, D);
    p.covs1 = covs.as_ptr();
    p.means2 = view(&f.means, 2, D);
    p.covs2 = covs.as_ptr();
    let mut r: otc_gaussian_w2_pairwise_outputs_f64 = abi();
    r.w2_squared = view_mut(&mut pw, 2, 2);
    let mut o = defaults(otc_gaussian_w2_pairwise_options_default);
    o.num_threads = 2;
    // SAFETY: valid structs pointing into the fixture.
    assert_eq!(
        unsafe { otc_gaussian_w2_pairwise_f64(&p, &mut r, &o, NO_WORK) },
        OTC_OK
    );
    let m = faer_of(&f.means, 2, D);
    let c = [s1.as_ref(), s2.as_ref()];
    let want = g::w2_pairwise(m.as_ref(), &c, m.as_ref(), &c, &tol, 1).unwrap();
    assert_eq!(
        pw.to_vec(),
        (0..4).map(|k| want[(k / 2, k % 2)]).collect::<Vec<_>>()
    );
    check_struct_contract(
        "gaussian_w2_pairwise",
        otc_gaussian_w2_pairwise_f64,
        otc_gaussian_w2_pairwise_workspace_size_f64,
        p,
        r,
        o,
        |o, t| o.num_threads = t,
    );
    // A covariance of the wrong size inside the batch, named by its index.
    let bad = [view(&f.s1, D, D), view(&f.s2, 2, 2)];
    let mut q = p;
    q.covs2 = bad.as_ptr();
    pw = [-1.0; 4];
    // SAFETY: as above.
    let st = unsafe { otc_gaussian_w2_pairwise_f64(&q, &mut r, &o, NO_WORK) };
    expect(st, OTC_ERR_INVALID_DIMENSION, "problem->covs2[1]");
    assert_eq!(pw, [-1.0; 4]);
    // The output over one of the batch's covariances.
    let mut s2c = f.s2;
    let alias = [view(&f.s1, D, D), view(&s2c, D, D)];
    q.covs2 = alias.as_ptr();
    let mut ra = r;
    ra.w2_squared = view_mut(&mut s2c[..4], 2, 2);
    // SAFETY: as above.
    let st = unsafe { otc_gaussian_w2_pairwise_f64(&q, &mut ra, &o, NO_WORK) };
    expect(st, OTC_ERR_ALIASING, "overlaps problem->covs2");
    assert_eq!(s2c, f.s2);

    let (mut mean, mut cov) = ([0.0; 3], [0.0; 9]);
    let mut p2: otc_gaussian_barycenter_problem_f64 = abi();
    p2.means = view(&f.means, 2, D);
    p2.covs = covs.as_ptr();
    p2.weights = f.weights.as_ptr();
    let mut r2: otc_gaussian_barycenter_outputs_f64 = abi();
    r2.mean = mean.as_mut_ptr();
    r2.cov = view_mut(&mut cov, D, D);
    let o2 = defaults(otc_gaussian_barycenter_options_default);
    // SAFETY: as above.
    assert_eq!(
        unsafe { otc_gaussian_barycenter_f64(&p2, &mut r2, &o2, NO_WORK) },
        OTC_OK
    );
    let want = g::barycenter(m.as_ref(), &c, &f.weights, &Default::default()).unwrap();
    assert_eq!(mean.to_vec(), want.mean);
    assert_eq!(
        cov.to_vec(),
        (0..9).map(|k| want.cov[(k / 3, k % 3)]).collect::<Vec<_>>()
    );
    assert_eq!(r2.report.iterations, want.info.iterations as u64);
    assert_eq!(r2.report.error, want.info.error_estimate);
    assert!(r2.report.error <= 1e-13 && r2.rank == D);
    check_struct_contract(
        "gaussian_barycenter",
        otc_gaussian_barycenter_f64,
        otc_gaussian_barycenter_workspace_size_f64,
        p2,
        r2,
        o2,
        |o, t| o.num_threads = t,
    );
    // Bad options and weights: status, message, outputs untouched.
    let before = (mean, cov);
    let cases: [(SetOption, &str); 4] = [
        (|o| o.max_iter = 0, "max_iter"),
        (|o| o.tol = f64::NAN, "tol"),
        (|o| o.rank_tol = -1.0, "rank_tol"),
        (|o| o.symmetry_tol = f64::INFINITY, "symmetry_tol"),
    ];
    for (set, what) in cases {
        let mut bad = o2;
        set(&mut bad);
        // SAFETY: as above.
        let st = unsafe { otc_gaussian_barycenter_f64(&p2, &mut r2, &bad, NO_WORK) };
        expect(st, OTC_ERR_INVALID_ARGUMENT, what);
        assert_eq!((mean, cov), before);
    }
    let neg = [0.5, -0.5];
    p2.weights = neg.as_ptr();
    // SAFETY: as above.
    let st = unsafe { otc_gaussian_barycenter_f64(&p2, &mut r2, &o2, NO_WORK) };
    expect(st, OTC_ERR_INVALID_ARGUMENT, "weights[1]");
    assert_eq!((mean, cov), before);
    // The outputs struct over the means: refused, the means untouched.
    let mut means_copy = [0.0f64; 32];
    means_copy[..6].copy_from_slice(&f.means);
    p2.weights = null();
    p2.means = view(&means_copy[..6], 2, D);
    // SAFETY: the outputs struct is placed inside `means_copy`, large enough for it.
    let st = unsafe {
        let inside = means_copy.as_mut_ptr() as *mut otc_gaussian_barycenter_outputs_f64;
        *inside = r2;
        otc_gaussian_barycenter_f64(&p2, inside, &o2, NO_WORK)
    };
    expect(st, OTC_ERR_ALIASING, "output out overlaps problem->means");
}

/// A change to the barycenter's options.
type SetOption = fn(&mut otc_gaussian_barycenter_options);

/// The callback's data: which thread it ran on and how often.
struct Seen {
    caller: std::thread::ThreadId,
    calls: u64,
    on_caller: bool,
}

unsafe extern "C" fn stop_at_once(data: *mut c_void, _iteration: u64, error: f64) -> i32 {
    // SAFETY: `data` is the test's `Seen`, alive for the call.
    let seen = unsafe { &mut *(data as *mut Seen) };
    seen.calls += 1;
    seen.on_caller &= std::thread::current().id() == seen.caller;
    assert!(error > 0.0 && error.is_finite());
    1
}

/// A callback that stops at its first call: OTC_WARN_CANCELLED, valid outputs (the first
/// iterate, symmetric PSD), one iteration, run on the calling thread with two threads.
#[test]
fn a_callback_stops_the_barycenter_on_the_calling_thread() {
    let f = fixture();
    let covs = [view(&f.s1, D, D), view(&f.s2, D, D)];
    let mut cov = [f64::NAN; 9];
    let mut p: otc_gaussian_barycenter_problem_f64 = abi();
    p.means = view(&f.means, 2, D);
    p.covs = covs.as_ptr();
    let mut r: otc_gaussian_barycenter_outputs_f64 = abi();
    r.cov = view_mut(&mut cov, D, D);
    let mut seen = Seen {
        caller: std::thread::current().id(),
        calls: 0,
        on_caller: true,
    };
    let mut o = defaults(otc_gaussian_barycenter_options_default);
    o.num_threads = 2;
    o.callback_every = 1;
    o.callback = Some(stop_at_once);
    o.callback_data = &mut seen as *mut Seen as *mut c_void;
    // SAFETY: valid structs; the callback's data is `seen`.
    let st = unsafe { otc_gaussian_barycenter_f64(&p, &mut r, &o, NO_WORK) };
    expect(st, OTC_WARN_CANCELLED, "callback stopped");
    assert_eq!((seen.calls, seen.on_caller), (1, true));
    assert_eq!(
        (r.report.status, r.report.iterations),
        (OTC_WARN_CANCELLED, 1)
    );
    assert!(r.report.error > 1e-13);
    for i in 0..D {
        assert!(cov[i * D + i] > 0.0);
        for j in 0..D {
            assert_eq!(cov[i * D + j], cov[j * D + i]);
        }
    }
    // callback_every = 0: never called, the solve converges.
    o.callback_every = 0;
    seen.calls = 0;
    // SAFETY: as above.
    let st = unsafe { otc_gaussian_barycenter_f64(&p, &mut r, &o, NO_WORK) };
    assert_eq!((st, seen.calls), (OTC_OK, 0));
}

/// Huge dimensions: the O(d²) workspace is out of memory at d = 2^24 (a broadcast view), the
/// dimension is refused above 2^26 and a d = 2^32 view overflows; the workspace queries
/// refuse the same sizes. Never a panic, nothing written.
#[test]
fn huge_dimensions_are_errors_before_any_allocation() {
    let one = 1.0;
    let mut r: otc_bures_outputs_f64 = abi();
    r.bures_squared = -1.0;
    let mut o = defaults(otc_bures_options_default);
    o.num_threads = 1;
    for (d, want, says) in [
        (1usize << 24, OTC_ERR_OUT_OF_MEMORY, "cannot allocate"),
        (1 << 27, OTC_ERR_OVERFLOW, "2^26"),
        (1 << 32, OTC_ERR_OVERFLOW, "2^26"),
    ] {
        let mut p: otc_bures_problem_f64 = abi();
        p.sigma1 = broadcast(&one, d);
        p.sigma2 = broadcast(&one, d);
        // SAFETY: the views address one value.
        let st = unsafe { otc_bures_f64(&p, &mut r, &o, NO_WORK) };
        expect(st, want, says);
        assert_eq!(r.bures_squared, -1.0);
        let mut bytes = 12345;
        // SAFETY: as above.
        let st = unsafe { otc_bures_workspace_size_f64(&p, &o, &mut bytes) };
        if d > 1 << 26 {
            expect(st, OTC_ERR_OVERFLOW, "2^26");
            assert_eq!(bytes, 12345);
        } else {
            assert_eq!(st, OTC_OK);
        }
    }
    // Batches: k1·k2 pairs and k views overflow the workspace, refused by the query.
    let x = 0.0;
    let mut p: otc_gaussian_w2_pairwise_problem_f64 = abi();
    p.means1 = otc_matrix_f64 {
        data: &x,
        rows: 1 << 40,
        cols: 2,
        row_stride: 0,
        col_stride: 0,
    };
    p.means2 = p.means1;
    let mut bytes = 12345;
    let op = defaults(otc_gaussian_w2_pairwise_options_default);
    // SAFETY: the query reads the views' sizes only.
    let st = unsafe { otc_gaussian_w2_pairwise_workspace_size_f64(&p, &op, &mut bytes) };
    expect(st, OTC_ERR_OVERFLOW, "overflow");
    assert_eq!(bytes, 12345);
    let mut pb: otc_gaussian_barycenter_problem_f64 = abi();
    pb.means = otc_matrix_f64 {
        data: &x,
        rows: usize::MAX / 2,
        cols: 2,
        row_stride: 0,
        col_stride: 0,
    };
    let ob = defaults(otc_gaussian_barycenter_options_default);
    // SAFETY: as above.
    let st = unsafe { otc_gaussian_barycenter_workspace_size_f64(&pb, &ob, &mut bytes) };
    expect(st, OTC_ERR_OVERFLOW, "overflow");
    // Zero sizes.
    let mut pz: otc_psd_sqrt_problem_f64 = abi();
    pz.a = view(&[], 0, 0);
    let oz = defaults(otc_psd_sqrt_options_default);
    // SAFETY: as above.
    let st = unsafe { otc_psd_sqrt_workspace_size_f64(&pz, &oz, &mut bytes) };
    expect(st, OTC_ERR_INVALID_DIMENSION, "problem->a is 0x0");
}

/// Non-finite inputs and non-PSD covariances: the status names the argument, nothing written.
#[test]
fn non_finite_and_indefinite_inputs_are_refused() {
    let f = fixture();
    let mut nan_s = f.s1;
    nan_s[4] = f64::NAN;
    let mut inf_m = f.m1;
    inf_m[2] = f64::INFINITY;
    let indefinite = [1.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 1.0];
    let mut r: otc_gaussian_w2_outputs_f64 = abi();
    r.w2_squared = -1.0;
    let o = defaults(otc_gaussian_w2_options_default);
    for (s1, m1, want, says) in [
        (&nan_s, &f.m1, OTC_ERR_NON_FINITE, "sigma1[1, 1] is NaN"),
        (&f.s1, &inf_m, OTC_ERR_NON_FINITE, "m1[2] is inf"),
        (&indefinite, &f.m1, OTC_ERR_NOT_PSD, "sigma1 has eigenvalue"),
    ] {
        let mut p: otc_gaussian_w2_problem_f64 = abi();
        p.m1 = m1.as_ptr();
        p.sigma1 = view(s1, D, D);
        p.m2 = f.m2.as_ptr();
        p.sigma2 = view(&f.s2, D, D);
        // SAFETY: valid structs pointing into the fixture.
        let st = unsafe { otc_gaussian_w2_f64(&p, &mut r, &o, NO_WORK) };
        expect(st, want, says);
        assert_eq!(r.w2_squared, -1.0);
    }
    // A NULL required mean, and the report untouched.
    let mut p: otc_gaussian_w2_problem_f64 = abi();
    p.sigma1 = view(&f.s1, D, D);
    p.sigma2 = view(&f.s2, D, D);
    p.m2 = f.m2.as_ptr();
    // SAFETY: as above.
    let st = unsafe { otc_gaussian_w2_f64(&p, &mut r, &o, NO_WORK) };
    expect(st, OTC_ERR_NULL_POINTER, "problem->m1 is NULL");
    assert_eq!(r.report, otc_report::default());
}
