use crate::{allocations_in, stack_buffer};

#[test]
fn emd_in_place_does_not_allocate() {
    use otcore::exact::{emd_in_place, emd_scratch, EmdOutputs, EmdParams, SparsePlanMut};
    let (n, m) = (40, 30);
    let a = vec![1.0 / n as f64; n];
    let b = vec![1.0 / m as f64; m];
    let c = faer::Mat::from_fn(n, m, |i, j| {
        ((i * 7 + j * 13) % 17) as f64 + 0.5 * (i as f64 - j as f64).abs()
    });
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    let (mut r, mut cc, mut x) = (
        vec![0usize; n + m - 1],
        vec![0usize; n + m - 1],
        vec![0.0; n + m - 1],
    );
    let mut dense = faer::Mat::<f64>::zeros(n, m);
    let mut buf = stack_buffer(emd_scratch(n, m));
    let mut info = None;
    let count = allocations_in(|| {
        let out = EmdOutputs {
            f: Some(&mut f),
            g: Some(&mut g),
            sparse: Some(SparsePlanMut {
                rows: &mut r,
                cols: &mut cc,
                mass: &mut x,
            }),
            dense: Some(dense.as_mut()),
        };
        info = Some(emd_in_place(
            &a,
            &b,
            c.as_ref(),
            out,
            &EmdParams::default(),
            otcore::Par::Seq,
            otcore::MemStack::new(&mut buf),
        ));
    });
    let info = info.unwrap().unwrap();
    assert!(info.converged && info.nnz > 0 && info.cost > 0.0);
    assert_eq!(count, 0);
}

#[test]
fn one_d_and_sliced_in_place_do_not_allocate() {
    use otcore::exact::{
        sliced_scratch, sliced_wasserstein_in_place, wasserstein_1d_in_place,
        wasserstein_1d_scratch, Directions, SparsePlanMut,
    };
    let (n, m, d) = (30, 20, 3);
    let x = faer::Mat::from_fn(n, d, |i, c| ((i * 7 + c * 3) % 11) as f64);
    let y = faer::Mat::from_fn(m, d, |j, c| ((j * 5 + c) % 13) as f64 * 0.5);
    let (a, b) = (vec![1.0 / n as f64; n], vec![1.0 / m as f64; m]);
    let xs: Vec<f64> = (0..n).map(|i| x[(i, 0)]).collect();
    let ys: Vec<f64> = (0..m).map(|j| y[(j, 1)]).collect();
    let (mut r, mut c, mut w) = (
        vec![0usize; n + m - 1],
        vec![0usize; n + m - 1],
        vec![0.0; n + m - 1],
    );
    let mut buf1 = stack_buffer(wasserstein_1d_scratch(n, m));
    let mut buf2 = stack_buffer(sliced_scratch(n, m, d, 16, otcore::Par::Seq));
    let (mut v1, mut v2) = (None, None);
    let count = allocations_in(|| {
        let plan = SparsePlanMut {
            rows: &mut r,
            cols: &mut c,
            mass: &mut w,
        };
        v1 = Some(wasserstein_1d_in_place(
            &xs,
            &a,
            &ys,
            &b,
            2.0,
            1e-9,
            Some(plan),
            otcore::MemStack::new(&mut buf1),
        ));
        v2 = Some(sliced_wasserstein_in_place(
            x.as_ref(),
            &a,
            y.as_ref(),
            &b,
            Directions::Random { k: 16, seed: 3 },
            1.0,
            1e-9,
            otcore::Par::Seq,
            otcore::MemStack::new(&mut buf2),
        ));
    });
    assert!(v1.unwrap().unwrap().cost > 0.0);
    assert!(v2.unwrap().unwrap() > 0.0);
    assert_eq!(count, 0);
}

/// Squared distances between two clouds of n points in [0, 1)^64 (Weyl sequences): a cost
/// whose column minima crowd on few rows, which the assignment solves from an auction's
/// prices at n = 900 to 1024.
fn crowded_cost(n: usize) -> faer::Mat<f64> {
    let weyl = |alpha: f64| (0..n * 64).map(move |t| (t as f64 * alpha).fract());
    let (x, y): (Vec<f64>, Vec<f64>) = weyl(0.618_033_988_749_894_9)
        .zip(weyl(0.754_877_666_246_692_7))
        .unzip();
    faer::Mat::from_fn(n, n, |i, j| {
        (0..64)
            .map(|k| (x[i * 64 + k] - y[j * 64 + k]).powi(2))
            .sum::<f64>()
    })
}

/// The assignment solver's candidate-arc method (n ≥ 1025) and its start from an auction's
/// prices (n = 900 to 1024, column minima crowded on few rows) take everything from the
/// stack.
#[test]
fn assignment_in_place_with_candidate_arcs_or_auction_prices_does_not_allocate() {
    use otcore::exact::{assignment, assignment_in_place, assignment_scratch, AssignmentOutputs};
    let n = 1050;
    let arcs = faer::Mat::from_fn(n, n, |i, j| {
        let (a, b) = ((i * 37 % n) as f64, (j * 53 % n) as f64);
        (a - b) * (a - b) + ((i * j) % 7) as f64
    });
    let hubs = crowded_cost(950);
    for (c, auction) in [(arcs, None), (hubs, Some(true))] {
        let n = c.nrows();
        let mut buf = stack_buffer(assignment_scratch(n));
        let mut perm = vec![0usize; n];
        let (mut u, mut v) = (vec![0.0; n], vec![0.0; n]);
        let mut info = None;
        let count = allocations_in(|| {
            let out = AssignmentOutputs {
                perm: Some(&mut perm),
                u: Some(&mut u),
                v: Some(&mut v),
            };
            info = Some(
                assignment_in_place(
                    c.as_ref(),
                    out,
                    otcore::Par::Seq,
                    otcore::MemStack::new(&mut buf),
                )
                .unwrap(),
            );
        });
        assert_eq!(count, 0, "n {n}");
        let info = info.unwrap();
        if let Some(auction) = auction {
            assert_eq!(info.bids > 0, auction, "n {n}");
        }
        let want = assignment(c.as_ref()).unwrap();
        assert_eq!((perm, info), (want.perm, want.info));
    }
}

#[test]
fn emd_batch_in_place_does_not_allocate_on_one_thread() {
    use otcore::exact::{emd_batch_in_place, emd_batch_scratch, BatchOutputs, EmdInfo, EmdParams};
    let (n, m, k) = (10, 8, 3);
    let mats: Vec<faer::Mat<f64>> = (0..k)
        .map(|l| faer::Mat::from_fn(n, m, |i, j| ((i * 3 + j * 5 + l) % 7) as f64))
        .collect();
    let views: Vec<otcore::MatRef<'_, f64>> = mats.iter().map(|c| c.as_ref()).collect();
    let (a, b) = (vec![1.0 / n as f64; k * n], vec![1.0 / m as f64; k * m]);
    let mut info = vec![EmdInfo::default(); k];
    let mut f = vec![0.0; k * n];
    let mut buf = stack_buffer(emd_batch_scratch(n, m, k, otcore::Par::Seq).unwrap());
    let mut r = None;
    let count = allocations_in(|| {
        let out = BatchOutputs {
            info: &mut info,
            f: Some(&mut f),
            g: None,
            sparse: None,
        };
        r = Some(emd_batch_in_place(
            n,
            m,
            &a,
            &b,
            &views,
            out,
            &EmdParams::default(),
            otcore::Par::Seq,
            otcore::MemStack::new(&mut buf),
        ));
    });
    r.unwrap().unwrap();
    assert!(info.iter().all(|i| i.converged && i.cost > 0.0));
    assert_eq!(count, 0);
}

#[test]
fn emd_grid_in_place_does_not_allocate() {
    use otcore::exact::{
        emd_grid_in_place, emd_grid_scratch, GridOutputs, GridParams, SparsePlanMut,
    };
    // 24×20 pixels: three levels, with zero-mass pixels in both histograms.
    let (shape, spacing) = ([24usize, 20], [1.0, 0.5]);
    let n = 24 * 20;
    let a: Vec<f64> = (0..n).map(|p| ((p * 7) % 11) as f64).collect();
    let b: Vec<f64> = (0..n).map(|p| ((p * 5) % 13) as f64).collect();
    let sb: f64 = b.iter().sum::<f64>() / a.iter().sum::<f64>();
    let b: Vec<f64> = b.iter().map(|x| x / sb).collect();
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; n]);
    let (mut r, mut c, mut x) = (
        vec![0usize; 2 * n - 1],
        vec![0usize; 2 * n - 1],
        vec![0.0; 2 * n - 1],
    );
    let params = GridParams::default();
    let mut buf = stack_buffer(emd_grid_scratch(&shape, &params).unwrap());
    let mut info = None;
    let count = allocations_in(|| {
        let out = GridOutputs {
            f: Some(&mut f),
            g: Some(&mut g),
            sparse: Some(SparsePlanMut {
                rows: &mut r,
                cols: &mut c,
                mass: &mut x,
            }),
        };
        info = Some(emd_grid_in_place(
            &shape,
            &spacing,
            &a,
            &b,
            out,
            &params,
            otcore::Par::Seq,
            otcore::MemStack::new(&mut buf),
        ));
    });
    let info = info.unwrap().unwrap();
    assert!(info.levels == 3 && info.nnz > 0 && info.cost > 0.0 && info.certificate > -1e-9);
    assert_eq!(count, 0);
}

#[test]
fn partial_and_tv_emd_in_place_do_not_allocate() {
    use otcore::exact::{
        emd_partial_in_place, emd_partial_scratch, emd_tv_in_place, emd_tv_scratch, EmdOutputs,
        PartialParams, SparsePlanMut,
    };
    let (n, m) = (40, 30);
    let a = vec![1.0 / n as f64; n];
    let b = vec![2.0 / m as f64; m];
    let c = faer::Mat::from_fn(n, m, |i, j| {
        ((i * 7 + j * 13) % 17) as f64 + 0.5 * (i as f64 - j as f64).abs()
    });
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    let (mut r, mut cc, mut x) = (
        vec![0usize; n + m - 1],
        vec![0usize; n + m - 1],
        vec![0.0; n + m - 1],
    );
    let mut buf = stack_buffer(emd_partial_scratch(n, m).or(emd_tv_scratch(n, m)));
    let mut infos = (None, None);
    let count = allocations_in(|| {
        let out = EmdOutputs {
            f: Some(&mut f),
            g: Some(&mut g),
            sparse: Some(SparsePlanMut {
                rows: &mut r,
                cols: &mut cc,
                mass: &mut x,
            }),
            dense: None,
        };
        let p = PartialParams::default();
        let stack = otcore::MemStack::new(&mut buf);
        infos.0 = Some(emd_partial_in_place(
            &a,
            &b,
            c.as_ref(),
            0.5,
            out,
            &p,
            otcore::Par::Seq,
            stack,
        ));
        let stack = otcore::MemStack::new(&mut buf);
        infos.1 = Some(emd_tv_in_place(
            &a,
            &b,
            c.as_ref(),
            4.0,
            EmdOutputs::default(),
            &p,
            otcore::Par::Seq,
            stack,
        ));
    });
    let partial = infos.0.unwrap().unwrap();
    let tv = infos.1.unwrap().unwrap();
    assert!(partial.converged && (partial.mass - 0.5).abs() < 1e-12 && partial.cost > 0.0);
    assert!(tv.converged && tv.mass > 0.0);
    assert_eq!(count, 0);
}

/// The exact-OT C entry points (`otc_emd_f64` with and without a callback, `otc_emd_batch_f64`,
/// `otc_wasserstein_1d_f64`, `otc_sliced_wasserstein_f64`) allocate nothing with a caller
/// workspace of the queried size, every output wanted and `num_threads = 1`.
mod exact_c_entry_points {
    use crate::c_support::{
        defaults, ok_without_allocation, returns_without_allocation, view, workspace, ws,
    };
    use crate::go_on;
    use otcore::ffi::exact::*;

    use otcore::ffi::status::{OTC_OK, OTC_WARN_MAX_ITER};
    use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
    use std::mem::size_of;
    use std::ptr::null;

    #[test]
    fn exact_ot_allocates_nothing() {
        let (n, m) = (12, 9);
        let a = vec![1.0 / n as f64; n];
        let b = vec![1.0 / m as f64; m];
        let c: Vec<f64> = (0..n * m).map(|k| ((k * 37) % 17) as f64 * 0.1).collect();
        let room = n + m - 1;
        let (mut f, mut g, mut dense) = (vec![0.0; n], vec![0.0; m], vec![0.0; n * m]);
        let (mut rows, mut cols, mut mass) =
            (vec![0usize; room], vec![0usize; room], vec![0.0; room]);
        let p = otc_emd_problem_f64 {
            struct_size: size_of::<otc_emd_problem_f64>(),
            a: a.as_ptr(),
            n,
            b: b.as_ptr(),
            m,
            cost: view(&c, n, m),
            warm_f: null(),
            warm_g: null(),
        };
        let mut o = defaults(otc_emd_options_default);
        o.num_threads = 1;
        // SAFETY: valid structs.
        let mut buf = workspace(|bytes| unsafe { otc_emd_workspace_size_f64(&p, &o, bytes) });
        // Plain, observed, and stopped by max_iter: a warning is a success too, its detail
        // message written without allocating.
        let observed = Some(go_on as unsafe extern "C" fn(_, _, _) -> _);
        for (callback, max_iter, want) in [
            (None, o.max_iter, OTC_OK),
            (observed, o.max_iter, OTC_OK),
            (None, 1, OTC_WARN_MAX_ITER),
        ] {
            (o.callback, o.callback_every, o.max_iter) = (callback, 1, max_iter);
            let mut out = otc_emd_outputs_f64 {
                struct_size: size_of::<otc_emd_outputs_f64>(),
                report: Default::default(),
                cost: 0.0,
                gap: 0.0,
                nnz: 0,
                f: f.as_mut_ptr(),
                g: g.as_mut_ptr(),
                plan_rows: rows.as_mut_ptr(),
                plan_cols: cols.as_mut_ptr(),
                plan_mass: mass.as_mut_ptr(),
                plan: otc_matrix_mut_f64 {
                    data: dense.as_mut_ptr(),
                    rows: n,
                    cols: m,
                    row_stride: m as isize,
                    col_stride: 1,
                },
            };
            let w = ws(&mut buf);
            // SAFETY: every array holds its stated length; the workspace its queried size.
            returns_without_allocation("otc_emd_f64", want, || unsafe {
                otc_emd_f64(&p, &mut out, &o, w)
            });
            assert!(out.cost > 0.0 && out.nnz > 0);
        }
        let message = otcore::ffi::boundary::last_error_message();
        assert!(
            message.starts_with("otc_emd_f64: max_iter = 1 pivots reached"),
            "{message}"
        );

        // A batch of three problems.
        let k = 3;
        let (ak, bk) = (a.repeat(k), b.repeat(k));
        let views = vec![view(&c, n, m); k];
        let bp = otc_emd_batch_problem_f64 {
            struct_size: size_of::<otc_emd_batch_problem_f64>(),
            count: k,
            n,
            m,
            a: ak.as_ptr(),
            b: bk.as_ptr(),
            costs: views.as_ptr(),
        };
        let mut bo = defaults(otc_emd_batch_options_default);
        bo.num_threads = 1;
        bo.callback_every = 1;
        bo.callback = Some(go_on);
        let (mut costs, mut gaps, mut its, mut nnz) =
            (vec![0.0; k], vec![0.0; k], vec![0u64; k], vec![0usize; k]);
        let (mut fk, mut gk) = (vec![0.0; k * n], vec![0.0; k * m]);
        let (mut rk, mut ck, mut mk) = (
            vec![0usize; k * room],
            vec![0usize; k * room],
            vec![0.0; k * room],
        );
        let mut out = otc_emd_batch_outputs_f64 {
            struct_size: size_of::<otc_emd_batch_outputs_f64>(),
            report: Default::default(),
            cost: 0.0,
            gap: 0.0,
            capped: 0,
            problem_costs: costs.as_mut_ptr(),
            problem_gaps: gaps.as_mut_ptr(),
            problem_iterations: its.as_mut_ptr(),
            plan_nnz: nnz.as_mut_ptr(),
            f: fk.as_mut_ptr(),
            g: gk.as_mut_ptr(),
            plan_rows: rk.as_mut_ptr(),
            plan_cols: ck.as_mut_ptr(),
            plan_mass: mk.as_mut_ptr(),
        };
        // SAFETY: valid structs.
        let mut buf =
            workspace(|bytes| unsafe { otc_emd_batch_workspace_size_f64(&bp, &bo, bytes) });
        let w = ws(&mut buf);
        // SAFETY: as above.
        ok_without_allocation("otc_emd_batch_f64", || unsafe {
            otc_emd_batch_f64(&bp, &mut out, &bo, w)
        });
        assert!(costs.iter().all(|&x| x > 0.0) && out.cost > 0.0);

        // 1-D with its plan, sliced with random directions.
        let x: Vec<f64> = (0..n).map(|i| ((i * 7) % 5) as f64).collect();
        let y: Vec<f64> = (0..m).map(|j| ((j * 3) % 4) as f64 + 0.5).collect();
        let op = otc_wasserstein_1d_problem_f64 {
            struct_size: size_of::<otc_wasserstein_1d_problem_f64>(),
            x: x.as_ptr(),
            a: a.as_ptr(),
            n,
            y: y.as_ptr(),
            b: b.as_ptr(),
            m,
            p: 1.5,
        };
        let mut oo = otc_wasserstein_1d_outputs_f64 {
            struct_size: size_of::<otc_wasserstein_1d_outputs_f64>(),
            report: Default::default(),
            wp_p: 0.0,
            nnz: 0,
            plan_rows: rows.as_mut_ptr(),
            plan_cols: cols.as_mut_ptr(),
            plan_mass: mass.as_mut_ptr(),
        };
        let mut wo = defaults(otc_wasserstein_1d_options_default);
        wo.num_threads = 1;
        // SAFETY: valid structs.
        let mut buf =
            workspace(|bytes| unsafe { otc_wasserstein_1d_workspace_size_f64(&op, &wo, bytes) });
        let w = ws(&mut buf);
        // SAFETY: as above.
        ok_without_allocation("otc_wasserstein_1d_f64", || unsafe {
            otc_wasserstein_1d_f64(&op, &mut oo, &wo, w)
        });
        assert!(oo.wp_p > 0.0);
        let sp = otc_sliced_wasserstein_problem_f64 {
            struct_size: size_of::<otc_sliced_wasserstein_problem_f64>(),
            x: view(&c, n, m),
            a: a.as_ptr(),
            y: view(&c[..m * m], m, m),
            b: b.as_ptr(),
            p: 2.0,
            directions: otc_matrix_f64 {
                data: null(),
                rows: 0,
                cols: 0,
                row_stride: 0,
                col_stride: 0,
            },
        };
        let mut so = defaults(otc_sliced_wasserstein_options_default);
        so.num_threads = 1;
        let mut sout = otc_sliced_wasserstein_outputs_f64 {
            struct_size: size_of::<otc_sliced_wasserstein_outputs_f64>(),
            report: Default::default(),
            swp_p: 0.0,
        };
        // SAFETY: valid structs.
        let mut buf = workspace(|bytes| unsafe {
            otc_sliced_wasserstein_workspace_size_f64(&sp, &so, bytes)
        });
        let w = ws(&mut buf);
        // SAFETY: as above.
        ok_without_allocation("otc_sliced_wasserstein_f64", || unsafe {
            otc_sliced_wasserstein_f64(&sp, &mut sout, &so, w)
        });
        assert!(sout.swp_p > 0.0);
    }
}

/// The exact solvers of the ABI 1 shape (assignment, grids, partial, TV-unbalanced) allocate
/// nothing through their C entry points with a caller workspace of the queried size and
/// `num_threads = 1`; their results equal the Rust API's.
mod newexact_c_entry_points {
    use crate::{allocations_in, go_on};
    use otcore::ffi::assignment::*;
    use otcore::ffi::emd_grid::*;
    use otcore::ffi::emd_partial::*;
    use otcore::ffi::shape::{otc_report, otc_workspace};
    use otcore::ffi::status::{otc_status, OTC_OK};
    use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
    use std::mem::size_of;
    use std::ptr::null_mut;

    /// Runs `call` on a workspace of `bytes`, asserting `OTC_OK` and no allocation.
    fn ok_without_allocation(
        what: &str,
        bytes: usize,
        call: impl FnOnce(otc_workspace) -> otc_status,
    ) {
        let mut work = vec![0u8; bytes];
        let w = otc_workspace {
            data: work.as_mut_ptr().cast(),
            bytes,
        };
        let mut status = -1;
        let count = allocations_in(|| status = call(w));
        assert_eq!(
            (status, count),
            (OTC_OK, 0),
            "{what}: (status, allocations)"
        );
    }

    const C: [f64; 16] = [
        4., 1., 3., 2., 2., 5., 1., 3., 1., 3., 6., 2., 3., 2., 2., 5.,
    ];

    fn cost() -> otc_matrix_f64 {
        otc_matrix_f64 {
            data: C.as_ptr(),
            rows: 4,
            cols: 4,
            row_stride: 4,
            col_stride: 1,
        }
    }

    /// `otc_assignment_f64` on `views` (k problems of order n) with the workspace its query
    /// reports, asserting no allocation; returns the permutations and the problems' costs.
    fn assignment_case(what: &str, views: &[otc_matrix_f64], n: usize) -> (Vec<usize>, Vec<f64>) {
        let k = views.len();
        let p = otc_assignment_problem_f64 {
            struct_size: size_of::<otc_assignment_problem_f64>(),
            count: k,
            costs: views.as_ptr(),
        };
        let o = otc_assignment_options {
            struct_size: size_of::<otc_assignment_options>(),
            num_threads: 1,
            callback_every: 1,
            callback: Some(go_on),
            callback_data: std::ptr::null_mut(),
        };
        let (mut perm, mut u, mut v, mut pc) = (
            vec![0usize; k * n],
            vec![0.0; k * n],
            vec![0.0; k * n],
            vec![0.0; k],
        );
        let mut out = otc_assignment_outputs_f64 {
            struct_size: size_of::<otc_assignment_outputs_f64>(),
            report: otc_report::default(),
            cost: 0.0,
            gap: 0.0,
            perm: perm.as_mut_ptr(),
            u: u.as_mut_ptr(),
            v: v.as_mut_ptr(),
            problem_costs: pc.as_mut_ptr(),
        };
        let mut bytes = 0;
        // SAFETY: valid structs and arrays of the stated lengths, outputs disjoint.
        assert_eq!(
            unsafe { otc_assignment_workspace_size_f64(&p, &o, &mut bytes) },
            OTC_OK
        );
        // SAFETY: as above; the workspace is disjoint from every argument.
        ok_without_allocation(what, bytes, |w| unsafe {
            otc_assignment_f64(&p, &mut out, &o, w)
        });
        (perm, pc)
    }

    /// Two small problems, and one of n = 950 whose column minima crowd (solved from an
    /// auction's prices, in the workspace that start needs).
    #[test]
    fn assignment_allocates_nothing() {
        let (perm, pc) = assignment_case("assignment", &[cost(), cost()], 4);
        let r = otcore::exact::assignment(faer::MatRef::from_row_major_slice(&C, 4, 4)).unwrap();
        assert_eq!(
            (&perm[..4], &perm[4..], pc[0]),
            (&r.perm[..], &r.perm[..], r.info.cost)
        );
        let c = crate::exact::crowded_cost(950);
        // The faer matrix as a strided view (its own column-major layout).
        let view = otc_matrix_f64 {
            data: c.as_ptr(),
            rows: 950,
            cols: 950,
            row_stride: c.row_stride(),
            col_stride: c.col_stride(),
        };
        let (perm, pc) = assignment_case("assignment, crowded", &[view], 950);
        let r = otcore::exact::assignment(c.as_ref()).unwrap();
        assert!(r.info.bids > 0, "the auction's start");
        assert_eq!((perm, pc[0]), (r.perm, r.info.cost));
    }

    #[test]
    fn emd_points_allocates_nothing() {
        use otcore::cost::Metric;
        use otcore::ffi::cost::{OTC_METRIC_MINKOWSKI, OTC_METRIC_SQEUCLIDEAN};
        // The dense network simplex (Minkowski), and the multiscale solver (squared Euclidean
        // in d <= 3) on clouds of several levels.
        for (n, m, d, metric, power) in [
            (30, 25, 3, OTC_METRIC_MINKOWSKI, 1.5),
            (300, 250, 2, OTC_METRIC_SQEUCLIDEAN, 2.0),
        ] {
            emd_points_case(n, m, d, metric, power, |e| {
                if e == 2.0 {
                    Metric::SqEuclidean
                } else {
                    Metric::Minkowski(e)
                }
            });
        }
    }

    fn emd_points_case(
        n: usize,
        m: usize,
        d: usize,
        metric: i32,
        power: f64,
        rust_metric: impl Fn(f64) -> otcore::cost::Metric,
    ) {
        use otcore::ffi::emd_points::*;
        let x: Vec<f64> = (0..n * d).map(|q| ((q * 7) % 19) as f64 / 19.0).collect();
        let y: Vec<f64> = (0..m * d).map(|q| ((q * 5) % 23) as f64 / 23.0).collect();
        // Zero masses on both sides: their duals are completed after the solve.
        let a: Vec<f64> = (0..n).map(|i| ((i * 5) % 4) as f64 / 45.0).collect();
        let b: Vec<f64> = (0..m).map(|j| ((j * 3 + 1) % 3) as f64 / 25.0).collect();
        let sa: f64 = a.iter().sum();
        let b: Vec<f64> = b.iter().map(|w| w * sa / b.iter().sum::<f64>()).collect();
        let view = |v: &[f64], rows: usize| otc_matrix_f64 {
            data: v.as_ptr(),
            rows,
            cols: d,
            row_stride: d as isize,
            col_stride: 1,
        };
        let p = otc_emd_points_problem_f64 {
            struct_size: size_of::<otc_emd_points_problem_f64>(),
            a: a.as_ptr(),
            b: b.as_ptr(),
            x: view(&x, n),
            y: view(&y, m),
        };
        let mut o = std::mem::MaybeUninit::uninit();
        // SAFETY: `o` is writable; the call initialises it.
        let mut o = unsafe {
            assert_eq!(otc_emd_points_options_default(o.as_mut_ptr()), OTC_OK);
            o.assume_init()
        };
        (o.num_threads, o.metric, o.p) = (1, metric, power);
        o.callback_every = 1;
        o.callback = Some(go_on);
        let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
        let (mut rows, mut cols, mut mass) = (
            vec![0usize; n + m - 1],
            vec![0usize; n + m - 1],
            vec![0.0; n + m - 1],
        );
        let mut out = otc_emd_points_outputs_f64 {
            struct_size: size_of::<otc_emd_points_outputs_f64>(),
            report: otc_report::default(),
            cost: 0.0,
            gap: 0.0,
            nnz: 0,
            f: f.as_mut_ptr(),
            g: g.as_mut_ptr(),
            plan_rows: rows.as_mut_ptr(),
            plan_cols: cols.as_mut_ptr(),
            plan_mass: mass.as_mut_ptr(),
        };
        let mut bytes = 0;
        // SAFETY: valid structs and arrays of the stated lengths, outputs disjoint.
        assert_eq!(
            unsafe { otc_emd_points_workspace_size_f64(&p, &o, &mut bytes) },
            OTC_OK
        );
        // SAFETY: as above; the workspace is disjoint from every argument.
        ok_without_allocation("emd_points", bytes, |w| unsafe {
            otc_emd_points_f64(&p, &mut out, &o, w)
        });
        let clouds = otcore::exact::Clouds {
            x: faer::MatRef::from_row_major_slice(&x, n, d),
            y: faer::MatRef::from_row_major_slice(&y, m, d),
            metric: rust_metric(power),
        };
        let r = otcore::exact::emd_points(&a, &b, clouds, &Default::default()).unwrap();
        assert_eq!((out.cost, &f[..], &g[..]), (r.cost, &r.f[..], &r.g[..]));
        assert!(out.gap <= 0.0 && out.gap > -1e-12 && out.cost > 0.0);
    }

    #[test]
    fn emd_grid_allocates_nothing() {
        let shape = [6usize, 7];
        let a: Vec<f64> = (0..42).map(|i| ((i * 5) % 7) as f64 / 126.0).collect();
        let b: Vec<f64> = (0..42).map(|i| ((i * 3 + 2) % 7) as f64 / 126.0).collect();
        let p = otc_emd_grid_problem_f64 {
            struct_size: size_of::<otc_emd_grid_problem_f64>(),
            ndim: 2,
            shape: shape.as_ptr(),
            spacing: std::ptr::null(),
            a: a.as_ptr(),
            b: b.as_ptr(),
        };
        let mut o = std::mem::MaybeUninit::uninit();
        // SAFETY: `o` is writable; the call initialises it.
        let mut o = unsafe {
            assert_eq!(otc_emd_grid_options_default(o.as_mut_ptr()), OTC_OK);
            o.assume_init()
        };
        o.num_threads = 1;
        let (mut f, mut g) = ([0.0; 42], [0.0; 42]);
        let (mut rows, mut cols, mut mass) = ([0usize; 83], [0usize; 83], [0.0; 83]);
        let mut out = otc_emd_grid_outputs_f64 {
            struct_size: size_of::<otc_emd_grid_outputs_f64>(),
            report: otc_report::default(),
            cost: 0.0,
            gap: 0.0,
            plan_nnz: 0,
            rounds: 0,
            levels: 0,
            f: f.as_mut_ptr(),
            g: g.as_mut_ptr(),
            plan_rows: rows.as_mut_ptr(),
            plan_cols: cols.as_mut_ptr(),
            plan_mass: mass.as_mut_ptr(),
        };
        let mut bytes = 0;
        // SAFETY: valid structs and arrays of the stated lengths, outputs disjoint.
        assert_eq!(
            unsafe { otc_emd_grid_workspace_size_f64(&p, &o, &mut bytes) },
            OTC_OK
        );
        // SAFETY: as above; the workspace is disjoint from every argument.
        ok_without_allocation("emd_grid", bytes, |w| unsafe {
            otc_emd_grid_f64(&p, &mut out, &o, w)
        });
        let r = otcore::exact::emd_grid(&shape, &[1.0, 1.0], &a, &b, &Default::default()).unwrap();
        assert_eq!((out.cost, &f[..]), (r.cost, &r.f[..]));
    }

    #[test]
    fn emd_partial_and_tv_allocate_nothing() {
        let (a, b) = ([0.25; 4], [0.1, 0.2, 0.3, 0.4]);
        let (mut f, mut g, mut plan) = ([0.0; 4], [0.0; 4], [0.0; 16]);
        let pv = otc_matrix_mut_f64 {
            data: plan.as_mut_ptr(),
            rows: 4,
            cols: 4,
            row_stride: 4,
            col_stride: 1,
        };
        let p = otc_emd_partial_problem_f64 {
            struct_size: size_of::<otc_emd_partial_problem_f64>(),
            a: a.as_ptr(),
            n: 4,
            b: b.as_ptr(),
            m: 4,
            cost: cost(),
            mass: 0.5,
        };
        let o = otc_emd_partial_options {
            struct_size: size_of::<otc_emd_partial_options>(),
            num_threads: 1,
            max_iter: 1 << 40,
            mass_tolerance: 1e-9,
            callback_every: 1,
            callback: Some(go_on),
            callback_data: std::ptr::null_mut(),
        };
        let mut out = otc_emd_partial_outputs_f64 {
            struct_size: size_of::<otc_emd_partial_outputs_f64>(),
            report: otc_report::default(),
            cost: 0.0,
            transported_mass: 0.0,
            mass_price: 0.0,
            gap: 0.0,
            plan_nnz: 0,
            f: f.as_mut_ptr(),
            g: g.as_mut_ptr(),
            plan_rows: null_mut(),
            plan_cols: null_mut(),
            plan_mass: null_mut(),
            plan: pv,
        };
        let mut bytes = 0;
        // SAFETY: valid structs and arrays of the stated lengths, outputs disjoint.
        assert_eq!(
            unsafe { otc_emd_partial_workspace_size_f64(&p, &o, &mut bytes) },
            OTC_OK
        );
        // SAFETY: as above; the workspace is disjoint from every argument.
        ok_without_allocation("emd_partial", bytes, |w| unsafe {
            otc_emd_partial_f64(&p, &mut out, &o, w)
        });
        assert!((plan.iter().sum::<f64>() - 0.5).abs() < 1e-15);
        let q = otc_emd_unbalanced_tv_problem_f64 {
            struct_size: size_of::<otc_emd_unbalanced_tv_problem_f64>(),
            a: a.as_ptr(),
            n: 4,
            b: b.as_ptr(),
            m: 4,
            cost: cost(),
            rho: 1.2,
        };
        let to = otc_emd_unbalanced_tv_options {
            struct_size: size_of::<otc_emd_unbalanced_tv_options>(),
            num_threads: 1,
            max_iter: 1 << 40,
            callback_every: 1,
            callback: Some(go_on),
            callback_data: std::ptr::null_mut(),
        };
        let mut tout = otc_emd_unbalanced_tv_outputs_f64 {
            struct_size: size_of::<otc_emd_unbalanced_tv_outputs_f64>(),
            report: otc_report::default(),
            cost: 0.0,
            objective: 0.0,
            transported_mass: 0.0,
            gap: 0.0,
            plan_nnz: 0,
            f: f.as_mut_ptr(),
            g: g.as_mut_ptr(),
            plan_rows: null_mut(),
            plan_cols: null_mut(),
            plan_mass: null_mut(),
            plan: pv,
        };
        // SAFETY: as above (the TV workspace is the partial one's size, documented).
        assert_eq!(
            unsafe { otc_emd_unbalanced_tv_workspace_size_f64(&q, &to, &mut bytes) },
            OTC_OK
        );
        // SAFETY: as above.
        ok_without_allocation("emd_unbalanced_tv", bytes, |w| unsafe {
            otc_emd_unbalanced_tv_f64(&q, &mut tout, &to, w)
        });
        // Arcs of cost < 2.4 move mass: every row has one (cost 1), so mass moves.
        assert!(tout.transported_mass > 0.0);
    }
}

/// The 1-D closed forms allocate nothing: the in-place quantile and barycenter kernels (every
/// p branch) and their C entry points (`otc_quantile_1d_f64`, `otc_barycenter_1d_f64`) with a
/// caller workspace of the queried size and `num_threads = 1`.
#[test]
fn one_d_closed_forms_allocate_nothing() {
    use otcore::exact::{
        barycenter_1d_in_place, barycenter_1d_scratch, quantile_1d_in_place, quantile_1d_scratch,
    };
    use otcore::ffi::quantile::*;
    use otcore::ffi::shape::otc_workspace;
    use otcore::ffi::status::OTC_OK;
    use std::mem::size_of;
    let x: Vec<f64> = (0..12)
        .map(|i| ((i * 7) % 5) as f64 - 0.5 * i as f64)
        .collect();
    let a: Vec<f64> = (0..12).map(|i| 1.0 + (i % 3) as f64).collect();
    let sizes = [5usize, 7];
    let mut b = a.clone();
    let (m0, m1): (f64, f64) = (a[..5].iter().sum(), a[5..].iter().sum());
    b[5..].iter_mut().for_each(|w| *w *= m0 / m1);
    let lambda = [0.3, 0.7];
    let levels = [0.0, 0.2, 0.9, 1.0];
    let mut q = [0.0; 4];
    let (mut pts, mut wts) = ([0.0; 11], [0.0; 11]);
    let mut buf = stack_buffer(quantile_1d_scratch(12));
    let mut buf2 = stack_buffer(barycenter_1d_scratch(12, 2));
    let count = allocations_in(|| {
        let stack = otcore::MemStack::new(&mut buf);
        quantile_1d_in_place(&x, &a, &levels, &mut q, stack).unwrap();
    });
    assert_eq!(count, 0);
    let count = allocations_in(|| {
        for p in [1.0, 2.0, 2.5] {
            let stack = otcore::MemStack::new(&mut buf2);
            let nnz =
                barycenter_1d_in_place(&x, &b, &sizes, &lambda, p, 1e-9, &mut pts, &mut wts, stack)
                    .unwrap();
            assert!(nnz >= 7);
        }
    });
    assert_eq!(count, 0);
    let qp = otc_quantile_1d_problem_f64 {
        struct_size: size_of::<otc_quantile_1d_problem_f64>(),
        x: x.as_ptr(),
        a: a.as_ptr(),
        n: 12,
        levels: levels.as_ptr(),
        num_levels: 4,
    };
    let mut qo = otc_quantile_1d_outputs_f64 {
        struct_size: size_of::<otc_quantile_1d_outputs_f64>(),
        report: Default::default(),
        quantiles: q.as_mut_ptr(),
    };
    let mut qopts = std::mem::MaybeUninit::uninit();
    let bp = otc_barycenter_1d_problem_f64 {
        struct_size: size_of::<otc_barycenter_1d_problem_f64>(),
        x: x.as_ptr(),
        a: b.as_ptr(),
        n: 12,
        sizes: sizes.as_ptr(),
        k: 2,
        lambda: lambda.as_ptr(),
        p: 2.0,
    };
    let mut bo = otc_barycenter_1d_outputs_f64 {
        struct_size: size_of::<otc_barycenter_1d_outputs_f64>(),
        report: Default::default(),
        nnz: 0,
        points: pts.as_mut_ptr(),
        weights: wts.as_mut_ptr(),
    };
    let mut bopts = std::mem::MaybeUninit::uninit();
    let (mut qbytes, mut bbytes) = (0, 0);
    // SAFETY (whole block): every pointer valid for its stated length, outputs disjoint.
    unsafe {
        assert_eq!(otc_quantile_1d_options_default(qopts.as_mut_ptr()), OTC_OK);
        assert_eq!(
            otc_barycenter_1d_options_default(bopts.as_mut_ptr()),
            OTC_OK
        );
        let (mut qopts, mut bopts) = (qopts.assume_init(), bopts.assume_init());
        qopts.num_threads = 1;
        bopts.num_threads = 1;
        assert_eq!(
            otc_quantile_1d_workspace_size_f64(&qp, &qopts, &mut qbytes),
            OTC_OK
        );
        assert_eq!(
            otc_barycenter_1d_workspace_size_f64(&bp, &bopts, &mut bbytes),
            OTC_OK
        );
        let (mut qbuf, mut bbuf) = (vec![0u8; qbytes], vec![0u8; bbytes]);
        let (qw, bw) = (
            otc_workspace {
                data: qbuf.as_mut_ptr().cast(),
                bytes: qbytes,
            },
            otc_workspace {
                data: bbuf.as_mut_ptr().cast(),
                bytes: bbytes,
            },
        );
        let mut status = (-1, -1);
        let count = allocations_in(|| {
            status = (
                otc_quantile_1d_f64(&qp, &mut qo, &qopts, qw),
                otc_barycenter_1d_f64(&bp, &mut bo, &bopts, bw),
            )
        });
        assert_eq!((status, count), ((OTC_OK, OTC_OK), 0));
    }
    assert!(bo.nnz >= 7);
}
