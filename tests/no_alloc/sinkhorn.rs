use crate::{allocations_in, stack_buffer};

#[test]
fn sinkhorn_in_place_allocates_nothing() {
    use otcore::sinkhorn::{sinkhorn_in_place, sinkhorn_scratch, Cost, Params};
    let (n, m) = (40, 30);
    let c = faer::Mat::from_fn(n, m, |i, j| ((i * 7 + j * 3) % 11) as f64 / 11.0);
    let x = faer::Mat::from_fn(n, 2, |i, t| ((i * 5 + t) % 13) as f64 / 13.0);
    let y = faer::Mat::from_fn(m, 2, |j, t| ((j * 3 + t) % 7) as f64 / 7.0);
    let p = Params {
        epsilon: 0.05,
        max_iter: 20,
        tolerance: 0.0,
        ..Params::default()
    };
    for cost in [
        Cost::Dense(c.as_ref()),
        Cost::Dense(c.transpose()),
        Cost::SqEuclidean {
            x: x.as_ref(),
            y: y.as_ref(),
        },
    ] {
        let (n, m) = cost.dims();
        let mut buf = stack_buffer(sinkhorn_scratch::<f64>(n, m, cost.point_dim(), &p));
        let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
        let (ar, br) = (vec![1.0 / n as f64; n], vec![1.0 / m as f64; m]);
        let count = allocations_in(|| {
            let stack = otcore::MemStack::new(&mut buf);
            let info =
                sinkhorn_in_place(cost, &ar, &br, &mut f, &mut g, &p, otcore::Par::Seq, stack)
                    .unwrap();
            assert_eq!(info.iterations, 20);
        });
        assert_eq!(count, 0);
    }
}

#[test]
fn sinkhorn_block_pieces_in_place_allocate_nothing() {
    use otcore::sinkhorn::blocks::{
        block_step_in_place, block_step_scratch, column_partials_block_in_place,
        column_partials_block_scratch, column_update_checked, combine_pairs,
        row_update_block_in_place, row_update_block_scratch, LsePair,
    };
    use otcore::sinkhorn::{Cost, Params};
    let (rows, m) = (23, 30);
    let c = faer::Mat::from_fn(rows, m, |i, j| ((i * 7 + j * 3) % 11) as f64 / 11.0);
    let ct = faer::Mat::from_fn(m, rows, |j, i| c[(i, j)]);
    let x = faer::Mat::from_fn(rows, 2, |i, t| ((i * 5 + t) % 13) as f64 / 13.0);
    let y = faer::Mat::from_fn(m, 2, |j, t| ((j * 3 + t) % 7) as f64 / 7.0);
    let p = Params {
        epsilon: 0.05,
        rho_a: 0.5,
        ..Params::default()
    };
    for cost in [
        Cost::Dense(c.as_ref()),
        Cost::Dense(ct.transpose()),
        Cost::SqEuclidean {
            x: x.as_ref(),
            y: y.as_ref(),
        },
    ] {
        let d = cost.point_dim();
        let req = otcore::StackReq::any_of(&[
            row_update_block_scratch::<f64>(rows, m, d),
            column_partials_block_scratch::<f64>(rows, m, d),
            block_step_scratch::<f64>(rows, m, d),
        ]);
        let mut buf = stack_buffer(req);
        let (ar, br) = (vec![1.0 / rows as f64; rows], vec![1.0 / m as f64; m]);
        let (mut f, mut g) = (vec![0.0; rows], vec![0.0; m]);
        let (mut pairs, mut acc) = (vec![LsePair::default(); m], vec![LsePair::default(); m]);
        let seq = otcore::Par::Seq;
        let count = allocations_in(|| {
            let stack = otcore::MemStack::new(&mut buf);
            row_update_block_in_place(cost, &ar, &br, &g, &mut f, &p, seq, stack).unwrap();
            column_partials_block_in_place(cost, &ar, &br, &f, &mut pairs, &p, seq, stack).unwrap();
            combine_pairs(&mut acc, &pairs);
            column_update_checked(&acc, &p, &mut g).unwrap();
            let err =
                block_step_in_place(cost, &ar, &br, &g, &mut f, Some(&mut pairs), &p, seq, stack)
                    .unwrap();
            assert!(err.is_finite() && err > 0.0);
        });
        assert_eq!(count, 0);
        assert!(g.iter().all(|v| v.is_finite()));
    }
}

/// The C entry points of the row-partitioned Sinkhorn allocate nothing on success with a
/// caller workspace of the reported size and `num_threads = 1`.
#[test]
fn sinkhorn_block_c_entry_points_allocate_nothing() {
    use otcore::ffi::shape::{otc_report, otc_workspace};
    use otcore::ffi::sinkhorn_blocks::*;
    use otcore::ffi::status::OTC_OK;
    use otcore::ffi::view::*;
    let (rows, m, d) = (13usize, 9usize, 2usize);
    let c: Vec<f64> = (0..rows * m).map(|k| (k % 7) as f64 * 0.1).collect();
    let cf: Vec<f32> = c.iter().map(|&v| v as f32).collect();
    let x: Vec<f64> = (0..rows * d).map(|k| (k % 5) as f64 * 0.2).collect();
    let y: Vec<f64> = (0..m * d).map(|k| (k % 3) as f64 * 0.3).collect();
    let (a, b) = (vec![0.1f64; rows], vec![0.1f64; m]);
    let (af, bf) = (vec![0.1f32; rows], vec![0.1f32; m]);
    let mut opts = std::mem::MaybeUninit::<otc_sinkhorn_block_step_options>::uninit();
    let mut copts = std::mem::MaybeUninit::<otc_sinkhorn_block_column_update_options>::uninit();
    // SAFETY: valid pointers to write the defaults into.
    unsafe {
        assert_eq!(
            otc_sinkhorn_block_step_options_default(opts.as_mut_ptr()),
            OTC_OK
        );
        assert_eq!(
            otc_sinkhorn_block_column_update_options_default(copts.as_mut_ptr()),
            OTC_OK
        );
    }
    // SAFETY: initialised by the calls above.
    let (mut opts, copts) = unsafe { (opts.assume_init(), copts.assume_init()) };
    opts.num_threads = 1;
    let no_view = otc_matrix_f64 {
        data: std::ptr::null(),
        rows: 0,
        cols: 0,
        row_stride: 0,
        col_stride: 0,
    };
    let (f_in, mut f, mut g) = (vec![0.0f64; rows], vec![0.0f64; rows], vec![0.0f64; m]);
    let dense = otc_sinkhorn_block_step_problem_f64 {
        struct_size: std::mem::size_of::<otc_sinkhorn_block_step_problem_f64>(),
        cost_block: otc_matrix_f64 {
            data: c.as_ptr(),
            rows,
            cols: m,
            row_stride: m as isize,
            col_stride: 1,
        },
        x_block: no_view,
        y: no_view,
        a_block: a.as_ptr(),
        b: b.as_ptr(),
        g: g.as_ptr(),
        f_block: f_in.as_ptr(),
    };
    let points = otc_sinkhorn_block_step_problem_f64 {
        cost_block: no_view,
        x_block: otc_matrix_f64 {
            data: x.as_ptr(),
            rows,
            cols: d,
            row_stride: d as isize,
            col_stride: 1,
        },
        y: otc_matrix_f64 {
            data: y.as_ptr(),
            rows: m,
            cols: d,
            row_stride: d as isize,
            col_stride: 1,
        },
        ..dense
    };
    let dense32 = otc_sinkhorn_block_step_problem_f32 {
        struct_size: std::mem::size_of::<otc_sinkhorn_block_step_problem_f32>(),
        cost_block: otc_matrix_f32 {
            data: cf.as_ptr(),
            rows,
            cols: m,
            row_stride: m as isize,
            col_stride: 1,
        },
        x_block: otc_matrix_f32 {
            data: std::ptr::null(),
            rows: 0,
            cols: 0,
            row_stride: 0,
            col_stride: 0,
        },
        y: otc_matrix_f32 {
            data: std::ptr::null(),
            rows: 0,
            cols: 0,
            row_stride: 0,
            col_stride: 0,
        },
        a_block: af.as_ptr(),
        b: bf.as_ptr(),
        g: g.as_ptr(),
        f_block: f_in.as_ptr(),
    };
    let (mut bytes, mut bytes32) = (0usize, 0usize);
    // SAFETY: valid structs and output pointers.
    unsafe {
        assert_eq!(
            otc_sinkhorn_block_step_workspace_size_f64(&points, &opts, &mut bytes),
            OTC_OK
        );
        assert_eq!(
            otc_sinkhorn_block_step_workspace_size_f32(&dense32, &opts, &mut bytes32),
            OTC_OK
        );
    }
    let bytes = bytes.max(bytes32);
    let mut work = vec![0u8; bytes];
    let empty = otc_lse_pair {
        max: f64::NEG_INFINITY,
        sum: 0.0,
    };
    let (mut pairs, mut acc) = (vec![empty; m], vec![empty; m]);
    let mut out = otc_sinkhorn_block_step_outputs_f64 {
        struct_size: std::mem::size_of::<otc_sinkhorn_block_step_outputs_f64>(),
        report: otc_report::default(),
        marginal_error: 0.0,
        f_block: f.as_mut_ptr(),
        pairs: pairs.as_mut_ptr(),
    };
    let mut out32 = otc_sinkhorn_block_step_outputs_f32 {
        struct_size: std::mem::size_of::<otc_sinkhorn_block_step_outputs_f32>(),
        report: otc_report::default(),
        marginal_error: 0.0,
        f_block: f.as_mut_ptr(),
        pairs: pairs.as_mut_ptr(),
    };
    let column = otc_sinkhorn_block_column_update_problem_f64 {
        struct_size: std::mem::size_of::<otc_sinkhorn_block_column_update_problem_f64>(),
        pairs: acc.as_ptr(),
        m,
    };
    let mut column_out = otc_sinkhorn_block_column_update_outputs_f64 {
        struct_size: std::mem::size_of::<otc_sinkhorn_block_column_update_outputs_f64>(),
        report: otc_report::default(),
        g: g.as_mut_ptr(),
    };
    let w = otc_workspace {
        data: work.as_mut_ptr().cast(),
        bytes,
    };
    let (pairs_ptr, acc_ptr) = (pairs.as_ptr(), acc.as_mut_ptr());
    // SAFETY (all calls): every pointer is valid for its documented length; outputs disjoint
    // from inputs (g is written only by the column update, after the steps read it).
    let mut all = || unsafe {
        [
            otc_sinkhorn_block_step_f64(&dense, &mut out, &opts, w),
            otc_sinkhorn_block_step_f32(&dense32, &mut out32, &opts, w),
            otc_sinkhorn_block_step_f64(&points, &mut out, &opts, w),
            otc_lse_pair_merge(acc_ptr, pairs_ptr, m),
            otc_sinkhorn_block_column_update_f64(&column, &mut column_out, &copts, w),
        ]
    };
    assert_eq!(all(), [OTC_OK; 5]); // warm-up
    let mut statuses = [0; 5];
    assert_eq!(allocations_in(|| statuses = all()), 0);
    assert_eq!(statuses, [OTC_OK; 5]);
    assert!(out.marginal_error.is_finite() && g.iter().all(|v| v.is_finite()));
    assert!(f.iter().all(|v| v.is_finite()));
}

#[test]
fn sinkhorn_gradients_in_place_do_not_allocate() {
    use otcore::sinkhorn::{
        divergence_gradient_in_place, divergence_gradient_scratch, ot_gradient_in_place,
        ot_gradient_scratch, Gradients, Params,
    };
    let (n, m, d) = (12, 9, 2);
    let x = faer::Mat::from_fn(n, d, |i, t| ((i * 7 + t * 3) % 11) as f64 / 11.0);
    let y = faer::Mat::from_fn(m, d, |j, t| ((j * 5 + t) % 7) as f64 / 7.0 + 0.2);
    let a = vec![1.0 / n as f64; n];
    let b = vec![1.0 / m as f64; m];
    let p = Params {
        epsilon: 0.1,
        num_threads: 1,
        ..Params::default()
    };
    let (f, g) = (vec![0.01; n], vec![-0.02; m]);
    let (mut gx, mut gy) = (faer::Mat::<f64>::zeros(n, d), faer::Mat::<f64>::zeros(m, d));
    let (mut ga, mut gb) = (vec![0.0; n], vec![0.0; m]);
    let req =
        ot_gradient_scratch::<f64>(n, m, d).or(divergence_gradient_scratch::<f64>(n, m, d, &p));
    let mut buf = stack_buffer(req);
    let mut results = (None, None);
    let count = allocations_in(|| {
        let out = Gradients {
            x: Some(gx.as_mut()),
            y: Some(gy.as_mut()),
            a: Some(&mut ga),
            b: Some(&mut gb),
        };
        let stack = otcore::MemStack::new(&mut buf);
        let r = ot_gradient_in_place(
            x.as_ref(),
            y.as_ref(),
            &a,
            &b,
            &f,
            &g,
            &p,
            out,
            otcore::Par::Seq,
            stack,
        );
        results.0 = Some(r);
        let out = Gradients {
            x: Some(gx.as_mut()),
            ..Gradients::default()
        };
        let stack = otcore::MemStack::new(&mut buf);
        let r = divergence_gradient_in_place(
            x.as_ref(),
            y.as_ref(),
            &a,
            &b,
            &p,
            out,
            otcore::Par::Seq,
            stack,
        );
        results.1 = Some(r);
    });
    results.0.unwrap().unwrap();
    assert!(results.1.unwrap().unwrap().value > 0.0);
    assert!(gx.col_iter().any(|c| c.iter().any(|&v| v != 0.0)));
    assert_eq!(count, 0);
}

/// The ABI 1 Sinkhorn entry points (`otc_sinkhorn_f64/_f32`, `otc_sinkhorn_divergence_f64`)
/// allocate nothing on success with a caller workspace of the queried size and
/// `num_threads = 1`: dense and point clouds, every optional output wanted.
#[test]
fn sinkhorn_c_entry_points_allocate_nothing() {
    // Fresh threads, no warm-up; d = 20 is past the cost's matmul route (`matmul_min_dim`),
    // which Sinkhorn's on-the-fly cost tiles do not take: no per-thread product buffer.
    assert!(otcore::cost::matmul_min_dim() <= 20);
    for (n, m, d) in [(11, 7, 2), (40, 30, 20)] {
        std::thread::spawn(move || sinkhorn_calls_allocate_nothing(n, m, d))
            .join()
            .unwrap();
    }
}

/// Every Sinkhorn entry point on an n × m problem with points in dimension d, on a caller
/// workspace: OTC_OK and no allocation.
fn sinkhorn_calls_allocate_nothing(n: usize, m: usize, d: usize) {
    use otcore::ffi::shape::{otc_report, otc_workspace};
    use otcore::ffi::sinkhorn::*;
    use otcore::ffi::status::OTC_OK;
    use otcore::ffi::view::*;
    use std::mem::size_of;
    let x: Vec<f64> = (0..n * d).map(|k| (0.7 * k as f64).sin()).collect();
    let y: Vec<f64> = (0..m * d).map(|k| (0.3 * k as f64).cos()).collect();
    let c: Vec<f64> = (0..n * m)
        .map(|k| {
            (0..d)
                .map(|t| (x[(k / m) * d + t] - y[(k % m) * d + t]).powi(2))
                .sum()
        })
        .collect();
    let cf: Vec<f32> = c.iter().map(|&v| v as f32).collect();
    let (a, b) = (vec![1.0 / n as f64; n], vec![1.0 / m as f64; m]);
    let (af, bf) = (vec![1.0 / n as f32; n], vec![1.0 / m as f32; m]);
    let v = |p: &[f64], r: usize, k: usize| otc_matrix_f64 {
        data: p.as_ptr(),
        rows: r,
        cols: k,
        row_stride: k as isize,
        col_stride: 1,
    };
    let mv = |p: &mut [f64], r: usize, k: usize| otc_matrix_mut_f64 {
        data: p.as_mut_ptr(),
        rows: r,
        cols: k,
        row_stride: k as isize,
        col_stride: 1,
    };
    let none = v(&[], 0, 0);
    let none = otc_matrix_f64 {
        data: std::ptr::null(),
        ..none
    };
    let mut opts = std::mem::MaybeUninit::<otc_sinkhorn_options>::uninit();
    // SAFETY: a valid pointer to write the defaults into.
    assert_eq!(
        unsafe { otc_sinkhorn_options_default(opts.as_mut_ptr()) },
        OTC_OK
    );
    // SAFETY: initialised by the call above.
    let mut opts = unsafe { opts.assume_init() };
    opts.num_threads = 1;
    opts.epsilon = 0.05 * d as f64; // the costs grow with d
    opts.max_iter = 100_000;
    let dense = otc_sinkhorn_problem_f64 {
        struct_size: size_of::<otc_sinkhorn_problem_f64>(),
        a: a.as_ptr(),
        n,
        b: b.as_ptr(),
        m,
        cost: v(&c, n, m),
        x: none,
        y: none,
        metric: 0,
        init_f: std::ptr::null(),
        init_g: std::ptr::null(),
    };
    let points = otc_sinkhorn_problem_f64 {
        cost: none,
        x: v(&x, n, d),
        y: v(&y, m, d),
        ..dense
    };
    let (mut f, mut g, mut plan) = (vec![0.0; n], vec![0.0; m], vec![0.0; n * m]);
    let (mut map, mut gx, mut gy) = (vec![0.0; n * d], vec![0.0; n * d], vec![0.0; m * d]);
    let (mut ga, mut gb) = (vec![0.0; n], vec![0.0; m]);
    for (p, with_points) in [(dense, false), (points, true)] {
        let mut bytes = 0usize;
        // SAFETY: valid structs and output.
        assert_eq!(
            unsafe { otc_sinkhorn_workspace_size_f64(&p, &opts, &mut bytes) },
            OTC_OK
        );
        let mut work = vec![0u8; bytes];
        let no_out = otc_matrix_mut_f64 {
            data: std::ptr::null_mut(),
            rows: 0,
            cols: 0,
            row_stride: 0,
            col_stride: 0,
        };
        let mut out = otc_sinkhorn_outputs_f64 {
            struct_size: size_of::<otc_sinkhorn_outputs_f64>(),
            report: otc_report::default(),
            entropic_ot: 0.0,
            transport_cost: 0.0,
            mass: 0.0,
            f: f.as_mut_ptr(),
            g: g.as_mut_ptr(),
            plan: mv(&mut plan, n, m),
            map: no_out,
            grad_x: no_out,
            grad_y: no_out,
            grad_a: std::ptr::null_mut(),
            grad_b: std::ptr::null_mut(),
        };
        if with_points {
            out.map = mv(&mut map, n, d);
            out.grad_x = mv(&mut gx, n, d);
            out.grad_y = mv(&mut gy, m, d);
            out.grad_a = ga.as_mut_ptr();
            out.grad_b = gb.as_mut_ptr();
        }
        let w = otc_workspace {
            data: work.as_mut_ptr() as *mut std::ffi::c_void,
            bytes,
        };
        let mut status = -1;
        // SAFETY: valid structs, arrays and workspace.
        let count = allocations_in(|| status = unsafe { otc_sinkhorn_f64(&p, &mut out, &opts, w) });
        assert_eq!(status, OTC_OK);
        assert_eq!(count, 0, "otc_sinkhorn_f64 (points: {with_points})");
        assert!(out.report.error <= 1e-9 && out.transport_cost > 0.0);
    }
    // f32, dense.
    let pf = otc_sinkhorn_problem_f32 {
        struct_size: size_of::<otc_sinkhorn_problem_f32>(),
        a: af.as_ptr(),
        n,
        b: bf.as_ptr(),
        m,
        cost: otc_matrix_f32 {
            data: cf.as_ptr(),
            rows: n,
            cols: m,
            row_stride: m as isize,
            col_stride: 1,
        },
        x: otc_matrix_f32 {
            data: std::ptr::null(),
            rows: 0,
            cols: 0,
            row_stride: 0,
            col_stride: 0,
        },
        y: otc_matrix_f32 {
            data: std::ptr::null(),
            rows: 0,
            cols: 0,
            row_stride: 0,
            col_stride: 0,
        },
        metric: 0,
        init_f: std::ptr::null(),
        init_g: std::ptr::null(),
    };
    let no32 = otc_matrix_mut_f32 {
        data: std::ptr::null_mut(),
        rows: 0,
        cols: 0,
        row_stride: 0,
        col_stride: 0,
    };
    let mut of = otc_sinkhorn_outputs_f32 {
        struct_size: size_of::<otc_sinkhorn_outputs_f32>(),
        report: otc_report::default(),
        entropic_ot: 0.0,
        transport_cost: 0.0,
        mass: 0.0,
        f: f.as_mut_ptr(),
        g: g.as_mut_ptr(),
        plan: no32,
        map: no32,
        grad_x: no32,
        grad_y: no32,
        grad_a: std::ptr::null_mut(),
        grad_b: std::ptr::null_mut(),
    };
    opts.tolerance = 1e-5;
    let mut bytes = 0usize;
    // SAFETY: valid structs and output.
    assert_eq!(
        unsafe { otc_sinkhorn_workspace_size_f32(&pf, &opts, &mut bytes) },
        OTC_OK
    );
    let mut work = vec![0u8; bytes];
    let w = otc_workspace {
        data: work.as_mut_ptr() as *mut std::ffi::c_void,
        bytes,
    };
    let mut status = -1;
    // SAFETY: valid structs, arrays and workspace.
    let count = allocations_in(|| status = unsafe { otc_sinkhorn_f32(&pf, &mut of, &opts, w) });
    assert_eq!((status, count), (OTC_OK, 0), "otc_sinkhorn_f32");
    // The divergence on points, with its gradients.
    let mut dopts = std::mem::MaybeUninit::<otc_sinkhorn_divergence_options>::uninit();
    // SAFETY: a valid pointer to write the defaults into.
    assert_eq!(
        unsafe { otc_sinkhorn_divergence_options_default(dopts.as_mut_ptr()) },
        OTC_OK
    );
    // SAFETY: initialised by the call above.
    let mut dopts = unsafe { dopts.assume_init() };
    dopts.num_threads = 1;
    dopts.epsilon = 0.05 * d as f64;
    dopts.max_iter = 100_000;
    let dp = otc_sinkhorn_divergence_problem_f64 {
        struct_size: size_of::<otc_sinkhorn_divergence_problem_f64>(),
        a: a.as_ptr(),
        n,
        b: b.as_ptr(),
        m,
        cost_xy: none,
        cost_xx: none,
        cost_yy: none,
        x: v(&x, n, d),
        y: v(&y, m, d),
        metric: 0,
    };
    let mut dout = otc_sinkhorn_divergence_outputs_f64 {
        struct_size: size_of::<otc_sinkhorn_divergence_outputs_f64>(),
        report: otc_report::default(),
        divergence: 0.0,
        entropic_ot_xy: 0.0,
        entropic_ot_xx: 0.0,
        entropic_ot_yy: 0.0,
        grad_x: mv(&mut gx, n, d),
        grad_y: mv(&mut gy, m, d),
        grad_a: ga.as_mut_ptr(),
        grad_b: gb.as_mut_ptr(),
    };
    let mut bytes = 0usize;
    // SAFETY: valid structs and output.
    assert_eq!(
        unsafe { otc_sinkhorn_divergence_workspace_size_f64(&dp, &dopts, &mut bytes) },
        OTC_OK
    );
    let mut work = vec![0u8; bytes];
    let w = otc_workspace {
        data: work.as_mut_ptr() as *mut std::ffi::c_void,
        bytes,
    };
    let mut status = -1;
    // SAFETY: valid structs, arrays and workspace.
    let count = allocations_in(|| {
        status = unsafe { otc_sinkhorn_divergence_f64(&dp, &mut dout, &dopts, w) }
    });
    assert_eq!((status, count), (OTC_OK, 0), "otc_sinkhorn_divergence_f64");
    assert!(dout.divergence > 0.0);
}

/// Entropic partial OT allocates nothing, in place (dense and points) and through its C entry
/// point with a caller workspace (every output asked for, one thread).
#[test]
fn sinkhorn_partial_allocates_nothing() {
    use crate::c_support::*;
    use otcore::ffi::sinkhorn_partial::*;
    use otcore::sinkhorn::{
        sinkhorn_partial_in_place, sinkhorn_partial_scratch, Cost, EntropicPartialParams,
    };
    let (n, m) = (40, 30);
    let c = faer::Mat::from_fn(n, m, |i, j| ((i * 7 + j * 3) % 11) as f64 / 11.0);
    let x = faer::Mat::from_fn(n, 2, |i, t| ((i * 5 + t) % 13) as f64 / 13.0);
    let y = faer::Mat::from_fn(m, 2, |j, t| ((j * 3 + t) % 7) as f64 / 7.0);
    let (a, b) = (vec![1.0 / n as f64; n], vec![1.0 / m as f64; m]);
    let p = EntropicPartialParams {
        epsilon: 0.05,
        max_iter: 20,
        tolerance: 0.0,
        ..EntropicPartialParams::default()
    };
    for cost in [
        Cost::Dense(c.as_ref()),
        Cost::SqEuclidean {
            x: x.as_ref(),
            y: y.as_ref(),
        },
    ] {
        let mut buf = stack_buffer(sinkhorn_partial_scratch::<f64>(n, m, cost.point_dim()));
        let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
        let count = allocations_in(|| {
            let stack = otcore::MemStack::new(&mut buf);
            let info = sinkhorn_partial_in_place(
                cost,
                &a,
                &b,
                0.99,
                &mut f,
                &mut g,
                &p,
                otcore::Par::Seq,
                stack,
            )
            .unwrap();
            assert_eq!(info.iterations, 20);
        });
        assert_eq!(count, 0);
    }
    let mut problem: otc_sinkhorn_partial_problem_f64 = abi();
    (problem.a, problem.n, problem.b, problem.m) = (a.as_ptr(), n, b.as_ptr(), m);
    problem.cost = f64::view(&c);
    problem.mass = 0.99;
    let mut opts = defaults(otc_sinkhorn_partial_options_default);
    (opts.num_threads, opts.epsilon, opts.tolerance) = (1, 0.05, 1e-8);
    let (mut f, mut g, mut plan) = (vec![0.0; n], vec![0.0; m], vec![0.0; n * m]);
    let mut out: otc_sinkhorn_partial_outputs_f64 = abi();
    (out.f, out.g) = (f.as_mut_ptr(), g.as_mut_ptr());
    out.plan = view_mut(&mut plan, n, m);
    // SAFETY: valid structs over live buffers.
    let mut work = workspace(|bytes| unsafe {
        otc_sinkhorn_partial_workspace_size_f64(&problem, &opts, bytes)
    });
    ok_without_allocation("otc_sinkhorn_partial_f64", || unsafe {
        // SAFETY: as above; the workspace has the queried size.
        otc_sinkhorn_partial_f64(&problem, &mut out, &opts, ws(&mut work))
    });
    assert!((plan.iter().sum::<f64>() - 0.99).abs() < 1e-9);
}
