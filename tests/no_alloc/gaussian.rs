use crate::{allocations_in, stack_buffer};

#[test]
fn gaussian_kernels_allocate_nothing() {
    use otcore::gaussian::*;
    use otcore::{MemStack, Par};
    let d = 12;
    let s1 = faer::Mat::<f64>::from_fn(d, d, |i, j| {
        if i == j {
            2.0 + i as f64
        } else {
            0.3 / (1.0 + (i + j) as f64)
        }
    });
    let s2 = faer::Mat::<f64>::from_fn(d, d, |i, j| {
        if i == j {
            1.0
        } else {
            0.1 / (1.0 + (i as f64 - j as f64).abs())
        }
    });
    let (m1, m2) = (vec![0.5; d], vec![-0.5; d]);
    let tol = PsdTolerances::default();
    let mut a = faer::Mat::<f64>::zeros(d, d);
    let mut c = faer::Mat::<f64>::zeros(d, d);
    let mut mean = vec![0.0; d];
    let covs = [s1.as_ref(), s2.as_ref()];
    let means = faer::Mat::<f64>::from_fn(2, d, |i, j| (i + j) as f64);
    let mut pw = faer::Mat::<f64>::zeros(2, 2);
    let x = faer::Mat::<f64>::from_fn(30, d, |i, j| ((i * 7 + j * 3) % 11) as f64);
    let mut y = faer::Mat::<f64>::zeros(30, d);
    let req = otcore::StackReq::any_of(&[
        bures_distance_scratch(d, Par::Seq),
        map_scratch(d, Par::Seq),
        geodesic_scratch(d, Par::Seq),
        barycenter_scratch(d, Par::Seq),
        w2_pairwise_scratch(2, 2, d, Par::Seq),
        moments_scratch(30, d),
        psd_sqrt_scratch(d, Par::Seq),
    ]);
    let mut buf = stack_buffer(req);
    let mut all = |stack: &mut MemStack| {
        gaussian_w2_in_place(&m1, s1.as_ref(), &m2, s2.as_ref(), &tol, Par::Seq, stack).unwrap();
        map_in_place(s1.as_ref(), s2.as_ref(), a.as_mut(), &tol, Par::Seq, stack).unwrap();
        map_apply_in_place(a.as_ref(), &m2, x.as_ref(), y.as_mut(), Par::Seq).unwrap();
        geodesic_in_place(
            &m1,
            s1.as_ref(),
            &m2,
            s2.as_ref(),
            0.5,
            &mut mean,
            c.as_mut(),
            &tol,
            Par::Seq,
            stack,
        )
        .unwrap();
        let p = BarycenterParams::default();
        barycenter_in_place(
            means.as_ref(),
            &covs,
            &[0.3, 0.7],
            &mut mean,
            c.as_mut(),
            &p,
            Par::Seq,
            stack,
        )
        .unwrap();
        w2_pairwise_in_place(
            means.as_ref(),
            &covs,
            means.as_ref(),
            &covs,
            pw.as_mut(),
            &tol,
            Par::Seq,
            stack,
        )
        .unwrap();
        moments_in_place(x.as_ref(), None, &mut mean, c.as_mut(), Par::Seq, stack).unwrap();
        psd_sqrt_in_place(
            s1.as_ref(),
            Some(a.as_mut()),
            Some(c.as_mut()),
            &tol,
            Par::Seq,
            stack,
        )
        .unwrap();
    };
    // A first run lets faer's matrix-multiply kernels set up their per-thread state.
    all(MemStack::new(&mut buf));
    assert_eq!(allocations_in(|| all(MemStack::new(&mut buf))), 0);
}

/// The Gaussian C entry points (ABI 1) on a caller workspace of the size their query reports,
/// with `num_threads = 1`, allocate nothing, on a fresh thread and without warm-up, up to d =
/// 12. One exception, outside otcore's reach: faer's matrix-product kernel (private-gemm)
/// reserves a per-thread packing buffer on a thread's first product above 16³ multiply-adds,
/// and no faer API lets a caller provide it; its bytes are checked against docs/abi.md.
mod gaussian_c_entry_points {
    use crate::bytes_in;
    use crate::c_support::{abi, view, view_mut};
    use otcore::ffi::gaussian::*;
    use otcore::ffi::shape::otc_workspace;
    use otcore::ffi::status::{otc_status, OTC_OK};

    use std::ffi::c_void;
    use std::mem::size_of;

    /// Default options with `num_threads = 1` (the field right after struct_size).
    fn one_thread<O>(fill: unsafe extern "C" fn(*mut O) -> otc_status) -> O {
        let mut o = std::mem::MaybeUninit::<O>::uninit();
        // SAFETY: a valid pointer to one options struct; num_threads follows struct_size.
        unsafe {
            assert_eq!(fill(o.as_mut_ptr()), OTC_OK);
            *(o.as_mut_ptr() as *mut u8)
                .add(size_of::<usize>())
                .cast::<u32>() = 1;
            o.assume_init()
        }
    }

    type Call<P, R, O> =
        unsafe extern "C" fn(*const P, *mut R, *const O, otc_workspace) -> otc_status;
    type Size<P, O> = unsafe extern "C" fn(*const P, *const O, *mut usize) -> otc_status;

    /// Runs `call` on a workspace of exactly the queried size, checks that it succeeds, and
    /// adds the bytes it allocated to `ALLOCATED`.
    fn count<P, R, O>(name: &str, size: Size<P, O>, call: Call<P, R, O>, p: &P, r: &mut R, o: &O) {
        let mut bytes = 0;
        // SAFETY: valid structs and output.
        assert_eq!(unsafe { size(p, o, &mut bytes) }, OTC_OK, "{name}");
        let mut buf = vec![0u8; bytes];
        let work = otc_workspace {
            data: buf.as_mut_ptr() as *mut c_void,
            bytes,
        };
        let mut status = -1;
        // SAFETY: valid structs pointing into live buffers; the workspace is `buf`.
        let n = bytes_in(|| status = unsafe { call(p, r, o, work) });
        assert_eq!(status, OTC_OK, "{name}");
        ALLOCATED.with(|a| a.set(a.get() + n));
    }

    thread_local! {
        /// Bytes allocated by the calls of [`count`] on this thread.
        static ALLOCATED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Bytes allocated by every Gaussian op once in dimension d, on this thread.
    fn bytes_of_all_ops(d: usize) -> usize {
        ALLOCATED.with(|a| a.set(0));
        all_ops(d);
        ALLOCATED.with(std::cell::Cell::get)
    }

    /// Every Gaussian op once in dimension d.
    fn all_ops(d: usize) {
        let spd = |shift: f64| -> Vec<f64> {
            (0..d * d)
                .map(|k| {
                    let (i, j) = (k / d, k % d);
                    let base = 0.3 / (1.0 + (i as f64 - j as f64).abs() + shift);
                    if i == j {
                        1.0 + shift + i as f64 * 0.1
                    } else {
                        base
                    }
                })
                .collect()
        };
        let (s1, s2) = (spd(1.0), spd(2.0));
        let m1: Vec<f64> = (0..d).map(|i| i as f64 * 0.1).collect();
        let m2: Vec<f64> = (0..d).map(|i| 1.0 - i as f64 * 0.05).collect();
        let means: Vec<f64> = m1.iter().chain(&m2).copied().collect();
        let covs = [view(&s1, d, d), view(&s2, d, d)];
        let x: Vec<f64> = (0..20 * d).map(|k| ((k * 7) % 11) as f64 * 0.1).collect();
        let (mut a, mut b, mut mean, mut cov) = (
            vec![0.0; d * d],
            vec![0.0; d],
            vec![0.0; d],
            vec![0.0; d * d],
        );
        let (mut y, mut pw) = (vec![0.0; 20 * d], [0.0; 4]);

        let mut p: otc_bures_problem_f64 = abi();
        (p.sigma1, p.sigma2) = (covs[0], covs[1]);
        let o = one_thread(otc_bures_options_default);
        count(
            "bures",
            otc_bures_workspace_size_f64,
            otc_bures_f64,
            &p,
            &mut abi(),
            &o,
        );

        let mut p: otc_gaussian_w2_problem_f64 = abi();
        (p.m1, p.sigma1, p.m2, p.sigma2) = (m1.as_ptr(), covs[0], m2.as_ptr(), covs[1]);
        let o = one_thread(otc_gaussian_w2_options_default);
        let (size, call) = (otc_gaussian_w2_workspace_size_f64, otc_gaussian_w2_f64);
        count("gaussian_w2", size, call, &p, &mut abi(), &o);

        let mut p: otc_gaussian_entropic_w2_problem_f64 = abi();
        (p.m1, p.sigma1, p.m2, p.sigma2) = (m1.as_ptr(), covs[0], m2.as_ptr(), covs[1]);
        p.epsilon = 0.5;
        let o = one_thread(otc_gaussian_entropic_w2_options_default);
        let size = otc_gaussian_entropic_w2_workspace_size_f64;
        let call = otc_gaussian_entropic_w2_f64;
        count("gaussian_entropic_w2", size, call, &p, &mut abi(), &o);

        let mut p: otc_gaussian_w2_pairwise_problem_f64 = abi();
        (p.means1, p.covs1) = (view(&means, 2, d), covs.as_ptr());
        (p.means2, p.covs2) = (view(&means, 2, d), covs.as_ptr());
        let mut r: otc_gaussian_w2_pairwise_outputs_f64 = abi();
        r.w2_squared = view_mut(&mut pw, 2, 2);
        let o = one_thread(otc_gaussian_w2_pairwise_options_default);
        let size = otc_gaussian_w2_pairwise_workspace_size_f64;
        let call = otc_gaussian_w2_pairwise_f64;
        count("gaussian_w2_pairwise", size, call, &p, &mut r, &o);

        let mut p: otc_gaussian_map_problem_f64 = abi();
        (p.m1, p.sigma1, p.m2, p.sigma2) = (m1.as_ptr(), covs[0], m2.as_ptr(), covs[1]);
        let mut r: otc_gaussian_map_outputs_f64 = abi();
        (r.a, r.b) = (view_mut(&mut a, d, d), b.as_mut_ptr());
        let o = one_thread(otc_gaussian_map_options_default);
        let (size, call) = (otc_gaussian_map_workspace_size_f64, otc_gaussian_map_f64);
        count("gaussian_map", size, call, &p, &mut r, &o);

        let mut p: otc_gaussian_map_apply_problem_f64 = abi();
        (p.a, p.b, p.x) = (view(&a, d, d), std::ptr::null(), view(&x, 20, d));
        let mut r: otc_gaussian_map_apply_outputs_f64 = abi();
        r.y = view_mut(&mut y, 20, d);
        let o = one_thread(otc_gaussian_map_apply_options_default);
        let size = otc_gaussian_map_apply_workspace_size_f64;
        let call = otc_gaussian_map_apply_f64;
        count("gaussian_map_apply", size, call, &p, &mut r, &o);

        let mut p: otc_gaussian_geodesic_problem_f64 = abi();
        (p.m1, p.sigma1, p.m2, p.sigma2) = (m1.as_ptr(), covs[0], m2.as_ptr(), covs[1]);
        p.t = 0.4;
        let mut r: otc_gaussian_geodesic_outputs_f64 = abi();
        r.cov = view_mut(&mut cov, d, d);
        let o = one_thread(otc_gaussian_geodesic_options_default);
        let size = otc_gaussian_geodesic_workspace_size_f64;
        let call = otc_gaussian_geodesic_f64;
        count(
            "gaussian_geodesic (mean not wanted)",
            size,
            call,
            &p,
            &mut r,
            &o,
        );

        let mut p: otc_gaussian_barycenter_problem_f64 = abi();
        (p.means, p.covs) = (view(&means, 2, d), covs.as_ptr());
        let mut r: otc_gaussian_barycenter_outputs_f64 = abi();
        r.cov = view_mut(&mut cov, d, d);
        let o = one_thread(otc_gaussian_barycenter_options_default);
        let size = otc_gaussian_barycenter_workspace_size_f64;
        let call = otc_gaussian_barycenter_f64;
        count(
            "gaussian_barycenter (uniform weights)",
            size,
            call,
            &p,
            &mut r,
            &o,
        );

        let mut p: otc_gaussian_moments_problem_f64 = abi();
        p.x = view(&x, 20, d);
        let mut r: otc_gaussian_moments_outputs_f64 = abi();
        (r.mean, r.cov) = (mean.as_mut_ptr(), view_mut(&mut cov, d, d));
        let o = one_thread(otc_gaussian_moments_options_default);
        let size = otc_gaussian_moments_workspace_size_f64;
        let call = otc_gaussian_moments_f64;
        count("gaussian_moments", size, call, &p, &mut r, &o);

        let mut p: otc_psd_sqrt_problem_f64 = abi();
        p.a = covs[0];
        let mut r: otc_psd_sqrt_outputs_f64 = abi();
        (r.sqrt, r.inv_sqrt) = (view_mut(&mut a, d, d), view_mut(&mut cov, d, d));
        let o = one_thread(otc_psd_sqrt_options_default);
        let (size, call) = (otc_psd_sqrt_workspace_size_f64, otc_psd_sqrt_f64);
        count("psd_sqrt", size, call, &p, &mut r, &o);
    }

    /// faer's matrix products above 16³ multiply-adds take a per-thread packing buffer of
    /// 2 × L3 bytes (rounded to 4 KiB pages), allocated on a thread's first such product,
    /// after the library's fallible probe of the same bytes (freed at once); reading the cache
    /// sizes allocates about 0.3 MB once per process. docs/abi.md states it.
    fn documented_product_buffer_bytes() -> Option<usize> {
        let l3 = std::fs::read_to_string("/sys/devices/system/cpu/cpu0/cache/index3/size").ok()?;
        let kib: usize = l3.trim().strip_suffix('K')?.parse().ok()?;
        Some(2 * 2 * (kib * 1024).next_multiple_of(4096) + (1 << 20))
    }

    #[test]
    fn gaussian_calls_allocate_nothing_up_to_d_12_and_only_faers_product_buffer_beyond() {
        // A fresh thread, no warm-up: every op in d = 12 allocates nothing.
        let small = std::thread::spawn(|| bytes_of_all_ops(12)).join().unwrap();
        assert_eq!(small, 0);
        std::thread::spawn(|| {
            // d = 40: the first product above 16³ takes faer's buffer (after the probe), once
            // per thread.
            let first = bytes_of_all_ops(40);
            assert!(first > 0);
            if let Some(bound) = documented_product_buffer_bytes() {
                assert!(first <= bound, "{first} bytes > the documented {bound}");
            }
            for d in [12, 40] {
                assert_eq!(bytes_of_all_ops(d), 0, "d = {d}");
            }
        })
        .join()
        .unwrap();
    }
}
