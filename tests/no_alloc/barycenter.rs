use crate::{allocations_in, stack_buffer};

#[test]
fn barycenters_in_place_do_not_allocate() {
    barycenters_in_place_without_allocation::<f64>();
    barycenters_in_place_without_allocation::<f32>();
}

/// Both barycenters in `T`, on caller buffers with one thread. The convolutional one runs
/// once before counting: faer's matmul sets up thread-local state on its first call.
fn barycenters_in_place_without_allocation<T: otcore::Real>() {
    use otcore::barycenter::{
        barycenter_in_place, barycenter_scratch, convolutional_barycenter_in_place,
        convolutional_barycenter_scratch, BarycenterParams,
    };
    let (h, w) = (6, 7);
    let a = faer::Mat::from_fn(h * w, 2, |i, c| (1 + (i + c) % 5) as f64);
    let sums: Vec<f64> = (0..2).map(|c| a.col(c).iter().sum()).collect();
    let a = faer::Mat::from_fn(h * w, 2, |i, c| T::from_f64(a[(i, c)] / sums[c]));
    let cost = faer::Mat::from_fn(h * w, h * w, |i, j| {
        T::from_f64(((i as f64) - (j as f64)).powi(2) / 1e3)
    });
    let params = BarycenterParams {
        epsilon: 0.1,
        max_iter: 20,
        tol: 0.0,
    };
    let mut out = vec![T::ZERO; h * w];
    let mut buf = stack_buffer(convolutional_barycenter_scratch::<T>(h, w, 2));
    let stack = otcore::MemStack::new(&mut buf);
    let mut run = |out: &mut [T]| {
        convolutional_barycenter_in_place(
            a.as_ref(),
            h,
            w,
            None,
            out,
            &params,
            otcore::Par::Seq,
            &mut *stack,
        )
        .unwrap();
    };
    run(&mut out); // warm-up (faer's thread-local matmul state)
    let n = allocations_in(|| run(&mut out));
    assert_eq!(n, 0);
    let mut buf = stack_buffer(barycenter_scratch::<T>(h * w, 2));
    let stack = otcore::MemStack::new(&mut buf);
    let n = allocations_in(|| {
        barycenter_in_place(
            a.as_ref(),
            cost.as_ref(),
            None,
            &mut out,
            &params,
            otcore::Par::Seq,
            stack,
        )
        .unwrap();
    });
    assert_eq!(n, 0);
}

/// The free-support barycenter allocates nothing on one thread: k = 2 clouds, three outer
/// iterations of two network simplex solves each.
#[test]
fn free_support_barycenter_in_place_does_not_allocate() {
    use otcore::barycenter::{
        free_support_barycenter_in_place, free_support_barycenter_scratch, FreeSupportParams, Inner,
    };
    let (m, sizes) = (6, [8usize, 5]);
    let y = faer::Mat::from_fn(13, 2, |i, t| ((i * 7 + t * 3) % 11) as f64 * 0.3);
    let b: Vec<f64> = (0..13)
        .map(|i| if i < 8 { 1.0 / 8.0 } else { 1.0 / 5.0 })
        .collect();
    let x0 = faer::Mat::from_fn(m, 2, |i, t| (i + t) as f64 * 0.1);
    let mut x = faer::Mat::<f64>::zeros(m, 2);
    let a = vec![1.0 / m as f64; m];
    let sinkhorn = Inner::Sinkhorn {
        epsilon: 0.05,
        max_iter: 200,
        tolerance: 1e-9,
    };
    // Exact inner solves, then entropic ones (Sinkhorn and the streamed projections).
    for inner in [Inner::Exact, sinkhorn] {
        let params = FreeSupportParams {
            max_iter: 3,
            tol: 0.0,
            inner,
        };
        let req = free_support_barycenter_scratch(m, 2, &sizes, &params, otcore::Par::Seq).unwrap();
        let mut buf = stack_buffer(req);
        let mut info = None;
        let count = allocations_in(|| {
            let stack = otcore::MemStack::new(&mut buf);
            info = Some(free_support_barycenter_in_place(
                x0.as_ref(),
                &a,
                y.as_ref(),
                &b,
                &sizes,
                &[0.4, 0.6],
                &params,
                x.as_mut(),
                otcore::Par::Seq,
                stack,
            ));
        });
        assert_eq!(info.unwrap().unwrap().iterations, 3, "{inner:?}");
        assert_eq!(count, 0, "{inner:?}");
    }
    // The C entry point, with a caller workspace of the queried size and one thread.
    use otcore::ffi::barycenter::*;
    use otcore::ffi::shape::otc_workspace;
    use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
    let (yr, x0r): (Vec<f64>, Vec<f64>) = (
        (0..26).map(|i| y[(i / 2, i % 2)]).collect(),
        (0..12).map(|i| x0[(i / 2, i % 2)]).collect(),
    );
    let mut xr = vec![0.0; 12];
    let lambda = [0.4, 0.6];
    let p = otc_free_support_barycenter_problem_f64 {
        struct_size: std::mem::size_of::<otc_free_support_barycenter_problem_f64>(),
        y: otc_matrix_f64 {
            data: yr.as_ptr(),
            rows: 13,
            cols: 2,
            row_stride: 2,
            col_stride: 1,
        },
        b: b.as_ptr(),
        sizes: sizes.as_ptr(),
        k: 2,
        lambda: lambda.as_ptr(),
        x0: otc_matrix_f64 {
            data: x0r.as_ptr(),
            rows: m,
            cols: 2,
            row_stride: 2,
            col_stride: 1,
        },
        a: a.as_ptr(),
    };
    let mut out = otc_free_support_barycenter_outputs_f64 {
        struct_size: std::mem::size_of::<otc_free_support_barycenter_outputs_f64>(),
        report: Default::default(),
        objective: 0.0,
        x: otc_matrix_mut_f64 {
            data: xr.as_mut_ptr(),
            rows: m,
            cols: 2,
            row_stride: 2,
            col_stride: 1,
        },
    };
    let mut o = std::mem::MaybeUninit::uninit();
    let mut bytes = 0;
    // SAFETY (whole block): every pointer valid for its stated length, outputs disjoint.
    unsafe {
        otc_free_support_barycenter_options_default(o.as_mut_ptr());
        let mut o = o.assume_init();
        o.num_threads = 1;
        otc_free_support_barycenter_workspace_size_f64(&p, &o, &mut bytes);
        let mut buf = vec![0u8; bytes];
        let w = otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes,
        };
        let mut status = -1;
        let count =
            allocations_in(|| status = otc_free_support_barycenter_f64(&p, &mut out, &o, w));
        assert_eq!((status, count), (otcore::ffi::status::OTC_OK, 0));
        // Entropic inner solves, 3 iterations (a max_iter warning).
        o.inner = OTC_FREE_SUPPORT_INNER_SINKHORN;
        o.epsilon = 0.05;
        o.max_iter = 3;
        otc_free_support_barycenter_workspace_size_f64(&p, &o, &mut bytes);
        let mut buf = vec![0u8; bytes];
        let w = otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes,
        };
        let count =
            allocations_in(|| status = otc_free_support_barycenter_f64(&p, &mut out, &o, w));
        assert_eq!((status, count), (otcore::ffi::status::OTC_WARN_MAX_ITER, 0));
    }
    assert!(xr.iter().all(|v| v.is_finite()));
}

/// The C entry points allocate nothing when the caller passes a workspace of exactly the size
/// the matching `*_workspace_size` reports and `num_threads = 1`: the outputs are staged in
/// that workspace, the argument checks format nothing on success.
mod c_entry_points {
    use crate::c_support::*;
    use otcore::ffi::barycenter::*;

    use otcore::ffi::status::OTC_OK;

    /// Both barycenters of two 6×7 images through the C entry points of precision `$t` (with
    /// its problem and outputs structs): the barycenters, iteration counts and errors equal
    /// the Rust level 3's. The convolutional one is called once before counting: faer's matmul
    /// sets up thread-local state on its first call in a thread.
    macro_rules! barycenters_case {
        ($name:ident, $t:ty, $fixed:ident, $fixed_ws:ident, $fp:ident, $fo:ident,
         $conv:ident, $conv_ws:ident, $cp:ident, $co:ident) => {
            #[test]
            fn $name() {
                use otcore::barycenter::{barycenter, convolutional_barycenter, BarycenterParams};

                use otcore::Real;
                use std::mem::size_of;
                let (h, w) = (6, 7);
                let a = faer::Mat::from_fn(h * w, 2, |i, c| (1 + (i + c) % 5) as f64);
                let sums: Vec<f64> = (0..2).map(|c| a.col(c).iter().sum()).collect();
                let a = faer::Mat::from_fn(h * w, 2, |i, c| <$t>::from_f64(a[(i, c)] / sums[c]));
                let cost = faer::Mat::from_fn(h * w, h * w, |i, j| {
                    <$t>::from_f64(((i as f64) - (j as f64)).powi(2) / 1e3)
                });
                let lambda = [<$t>::from_f64(0.3), <$t>::from_f64(0.7)];
                let params = BarycenterParams {
                    epsilon: 0.1,
                    max_iter: 1000,
                    tol: 1e-4,
                };
                let mut o = std::mem::MaybeUninit::uninit();
                // SAFETY: a writable struct.
                assert_eq!(
                    unsafe { otc_barycenter_options_default(o.as_mut_ptr()) },
                    OTC_OK
                );
                // SAFETY: initialised above.
                let mut o: otc_barycenter_options = unsafe { o.assume_init() };
                (o.num_threads, o.epsilon, o.tol) = (1, params.epsilon, params.tol);
                let mut oc = std::mem::MaybeUninit::uninit();
                // SAFETY: a writable struct.
                let st = unsafe { otc_convolutional_barycenter_options_default(oc.as_mut_ptr()) };
                assert_eq!(st, OTC_OK);
                // SAFETY: initialised above.
                let mut oc: otc_convolutional_barycenter_options = unsafe { oc.assume_init() };
                (oc.num_threads, oc.epsilon, oc.tol) = (1, params.epsilon, params.tol);
                let mut out = vec![<$t>::ZERO; h * w];
                let pf = $fp {
                    struct_size: size_of::<$fp>(),
                    hists: <$t>::view(&a),
                    cost: <$t>::view(&cost),
                    weights: lambda.as_ptr(),
                };
                let mut of = $fo {
                    struct_size: size_of::<$fo>(),
                    report: Default::default(),
                    barycenter: out.as_mut_ptr(),
                };
                // SAFETY: valid structs and out-param.
                let mut work = workspace(|b| unsafe { $fixed_ws(&pf, &o, b) });
                let wk = ws(&mut work);
                ok_without_allocation("barycenter", || {
                    // SAFETY: valid structs, arrays and workspace, all disjoint.
                    unsafe { $fixed(&pf, &mut of, &o, wk) }
                });
                let (expected, info) =
                    barycenter(a.as_ref(), cost.as_ref(), Some(&lambda), &params).unwrap();
                assert_eq!(out, expected);
                assert_eq!(of.report.iterations, info.iterations as u64);
                assert_eq!(of.report.error, info.error);

                let pc = $cp {
                    struct_size: size_of::<$cp>(),
                    images: <$t>::view(&a),
                    height: h,
                    width: w,
                    weights: lambda.as_ptr(),
                };
                let mut ocv = $co {
                    struct_size: size_of::<$co>(),
                    report: Default::default(),
                    barycenter: out.as_mut_ptr(),
                };
                // SAFETY: valid structs and out-param.
                let mut work = workspace(|b| unsafe { $conv_ws(&pc, &oc, b) });
                let wk = ws(&mut work);
                // SAFETY: valid structs, arrays and workspace, all disjoint.
                let mut run = || unsafe { $conv(&pc, &mut ocv, &oc, wk) };
                run(); // warm-up (faer's thread-local matmul state)
                ok_without_allocation("convolutional barycenter", run);
                let (expected, info) =
                    convolutional_barycenter(a.as_ref(), h, w, Some(&lambda), &params, 1).unwrap();
                assert_eq!(out, expected);
                assert_eq!(ocv.report.iterations, info.iterations as u64);
            }
        };
    }
    barycenters_case!(
        barycenters_f64_allocate_nothing,
        f64,
        otc_barycenter_f64,
        otc_barycenter_workspace_size_f64,
        otc_barycenter_problem_f64,
        otc_barycenter_outputs_f64,
        otc_convolutional_barycenter_f64,
        otc_convolutional_barycenter_workspace_size_f64,
        otc_convolutional_barycenter_problem_f64,
        otc_convolutional_barycenter_outputs_f64
    );
    barycenters_case!(
        barycenters_f32_allocate_nothing,
        f32,
        otc_barycenter_f32,
        otc_barycenter_workspace_size_f32,
        otc_barycenter_problem_f32,
        otc_barycenter_outputs_f32,
        otc_convolutional_barycenter_f32,
        otc_convolutional_barycenter_workspace_size_f32,
        otc_convolutional_barycenter_problem_f32,
        otc_convolutional_barycenter_outputs_f32
    );
}
