use crate::allocations_in;

/// The three flow steps' C entry points allocate nothing on one thread with a caller
/// workspace of the queried size: a Wasserstein step cold and then warm-started from its
/// potentials, an MMD step computing its target term and one given it, a JKO step (after a
/// warm-up call: faer's thread-local matmul state) returning its dual and one warm-started
/// from it.
#[test]
fn flow_steps_do_not_allocate() {
    use otcore::ffi::flow::*;
    use otcore::ffi::shape::otc_workspace;
    use otcore::ffi::status::OTC_OK;
    use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
    use std::mem::size_of;
    let (n, m) = (7, 5);
    let x: Vec<f64> = (0..2 * n).map(|i| ((i * 5) % 7) as f64 / 7.0).collect();
    let y: Vec<f64> = (0..2 * m)
        .map(|i| 0.5 + ((i * 3) % 5) as f64 / 5.0)
        .collect();
    let (a, b) = (vec![1.0 / n as f64; n], vec![1.0 / m as f64; m]);
    let view = |d: &[f64], rows: usize| otc_matrix_f64 {
        data: d.as_ptr(),
        rows,
        cols: 2,
        row_stride: 2,
        col_stride: 1,
    };
    let mut xn = vec![0.0; 2 * n];
    let xn_view = otc_matrix_mut_f64 {
        data: xn.as_mut_ptr(),
        rows: n,
        cols: 2,
        row_stride: 2,
        col_stride: 1,
    };
    let (mut pots, mut pots2) = (vec![0.0; 3 * (n + m)], vec![0.0; 3 * (n + m)]);
    // SAFETY (whole block): every pointer valid for its stated length, outputs disjoint.
    unsafe {
        let mut o = std::mem::MaybeUninit::uninit();
        otc_wasserstein_flow_step_options_default(o.as_mut_ptr());
        let mut o = o.assume_init();
        o.num_threads = 1;
        o.epsilon = 0.1;
        let mut p = otc_wasserstein_flow_step_problem_f64 {
            struct_size: size_of::<otc_wasserstein_flow_step_problem_f64>(),
            x: view(&x, n),
            a: a.as_ptr(),
            y: view(&y, m),
            b: b.as_ptr(),
            init_potentials: std::ptr::null(),
        };
        let mut out = otc_wasserstein_flow_step_outputs_f64 {
            struct_size: size_of::<otc_wasserstein_flow_step_outputs_f64>(),
            report: Default::default(),
            divergence: 0.0,
            x: xn_view,
            potentials: pots.as_mut_ptr(),
        };
        let mut bytes = 0;
        otc_wasserstein_flow_step_workspace_size_f64(&p, &o, &mut bytes);
        let mut buf = vec![0u8; bytes];
        let w = otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes,
        };
        let mut status = -1;
        let count = allocations_in(|| status = otc_wasserstein_flow_step_f64(&p, &mut out, &o, w));
        assert_eq!((status, count), (OTC_OK, 0));
        p.init_potentials = pots.as_ptr();
        out.potentials = pots2.as_mut_ptr();
        let count = allocations_in(|| status = otc_wasserstein_flow_step_f64(&p, &mut out, &o, w));
        assert_eq!((status, count), (OTC_OK, 0));

        let mut o = std::mem::MaybeUninit::uninit();
        otc_mmd_flow_step_options_default(o.as_mut_ptr());
        let mut o = o.assume_init();
        o.num_threads = 1;
        o.kernel = OTC_MMD_KERNEL_GAUSSIAN;
        let mut p = otc_mmd_flow_step_problem_f64 {
            struct_size: size_of::<otc_mmd_flow_step_problem_f64>(),
            x: view(&x, n),
            a: a.as_ptr(),
            y: view(&y, m),
            b: b.as_ptr(),
            target_term: std::ptr::null(),
        };
        let mut out = otc_mmd_flow_step_outputs_f64 {
            struct_size: size_of::<otc_mmd_flow_step_outputs_f64>(),
            report: Default::default(),
            mmd_squared: 0.0,
            target_term: 0.0,
            x: xn_view,
        };
        otc_mmd_flow_step_workspace_size_f64(&p, &o, &mut bytes);
        let mut buf = vec![0u8; bytes];
        let w = otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes,
        };
        let count = allocations_in(|| status = otc_mmd_flow_step_f64(&p, &mut out, &o, w));
        assert_eq!((status, count), (OTC_OK, 0));
        let term = out.target_term;
        p.target_term = &term;
        let count = allocations_in(|| status = otc_mmd_flow_step_f64(&p, &mut out, &o, w));
        assert_eq!((status, count), (OTC_OK, 0));

        let (h, wd) = (6, 7);
        let rho: Vec<f64> = (0..h * wd).map(|i| 1.0 + (i % 4) as f64).collect();
        let v: Vec<f64> = (0..h * wd).map(|i| (i % wd) as f64 * 0.1).collect();
        let mut next = vec![0.0; h * wd];
        let (mut dual, mut dual2) = (vec![0.0; h * wd], vec![0.0; h * wd]);
        let mut o = std::mem::MaybeUninit::uninit();
        otc_jko_step_options_default(o.as_mut_ptr());
        let mut o = o.assume_init();
        o.num_threads = 1;
        o.epsilon = 0.01;
        o.step = 0.01;
        let mut p = otc_jko_step_problem_f64 {
            struct_size: size_of::<otc_jko_step_problem_f64>(),
            rho: rho.as_ptr(),
            height: h,
            width: wd,
            potential: v.as_ptr(),
            init_dual: std::ptr::null(),
        };
        let mut out = otc_jko_step_outputs_f64 {
            struct_size: size_of::<otc_jko_step_outputs_f64>(),
            report: Default::default(),
            rho_next: next.as_mut_ptr(),
            dual: dual.as_mut_ptr(),
        };
        otc_jko_step_workspace_size_f64(&p, &o, &mut bytes);
        let mut buf = vec![0u8; bytes];
        let w = otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes,
        };
        assert_eq!(otc_jko_step_f64(&p, &mut out, &o, w), OTC_OK); // warm-up
        let count = allocations_in(|| status = otc_jko_step_f64(&p, &mut out, &o, w));
        assert_eq!((status, count), (OTC_OK, 0));
        p.init_dual = dual.as_ptr();
        out.dual = dual2.as_mut_ptr();
        let count = allocations_in(|| status = otc_jko_step_f64(&p, &mut out, &o, w));
        assert_eq!((status, count, out.report.iterations), (OTC_OK, 0, 1));
    }
    assert!(xn.iter().all(|v| v.is_finite()) && pots2.iter().all(|v| v.is_finite()));
}
