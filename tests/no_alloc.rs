//! The in-place level (level 2) of every kernel allocates nothing: a counting global
//! allocator counts the allocations made by the calling thread while a kernel runs with one
//! thread (`Par::Seq`) on a caller-provided workspace.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: forwarded contract.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded contract.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: forwarded contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Number of allocations the calling thread makes while running `f`.
fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// A buffer of `req` bytes for a `MemStack` (allocated before counting starts).
fn stack_buffer(req: otcore::StackReq) -> Vec<std::mem::MaybeUninit<u8>> {
    vec![std::mem::MaybeUninit::uninit(); otcore::workspace::bytes_for(req).unwrap()]
}

#[test]
fn the_counter_sees_allocations() {
    assert_eq!(
        allocations_in(|| drop(std::hint::black_box(vec![1u8; 10]))),
        1
    );
    assert_eq!(allocations_in(|| ()), 0);
    let _ = stack_buffer(otcore::StackReq::new::<f64>(4));
}

#[test]
fn cost_matrix_in_place_allocates_nothing() {
    use otcore::cost::{cost_matrix_in_place, cost_matrix_scratch, matmul_min_dim, Metric};
    let (n, m) = (70, 90);
    for d in [3, matmul_min_dim() + 5] {
        let x = faer::Mat::from_fn(n, d, |i, k| ((i * 7 + k * 3) % 11) as f64 * 0.1);
        let y = faer::Mat::from_fn(m, d, |j, k| ((j * 5 + k) % 13) as f64 * 0.1);
        for metric in [
            Metric::SqEuclidean,
            Metric::Euclidean,
            Metric::Minkowski(1.5),
            Metric::Cosine,
        ] {
            let mut out = faer::Mat::<f64>::zeros(n, m);
            let mut buf = stack_buffer(cost_matrix_scratch::<f64>(n, m, d, metric));
            let mut run = || {
                let stack = otcore::MemStack::new(&mut buf);
                cost_matrix_in_place(
                    x.as_ref(),
                    y.as_ref(),
                    out.as_mut(),
                    metric,
                    otcore::Par::Seq,
                    stack,
                )
                .unwrap()
            };
            // The matmul route (d >= matmul_min_dim()) calls faer's matmul, which sets up
            // thread-local state on its first use in a thread (about 500 allocations, seen
            // once per thread): warm up once, then count. The direct route needs no warm-up.
            run();
            assert_eq!(allocations_in(run), 0, "{metric:?}, d = {d}");
        }
    }
}

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
        let mut buf = stack_buffer(sinkhorn_scratch::<f64>(n, m, cost.point_dim()));
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
fn laguerre_assign_in_place_does_not_allocate() {
    use otcore::semidiscrete::{laguerre_assign_in_place, laguerre_assign_scratch};
    let x = faer::Mat::from_fn(5000, 2, |i, k| ((i * 7 + k * 3) % 101) as f64 / 101.0);
    let y = faer::Mat::from_fn(70, 2, |j, k| ((j * 13 + k * 5) % 71) as f64 / 71.0);
    let g = vec![0.01; 70];
    let mut cells = vec![0u32; 5000];
    let mut masses = vec![0.0; 70];
    let mut buf = stack_buffer(laguerre_assign_scratch::<f64>(70, 2));
    let stack = otcore::MemStack::new(&mut buf);
    let n = allocations_in(|| {
        laguerre_assign_in_place(
            x.as_ref(),
            None,
            y.as_ref(),
            &g,
            &mut cells,
            Some(&mut masses),
            otcore::Par::Seq,
            stack,
        )
        .unwrap();
    });
    assert_eq!(n, 0);
    assert!((masses.iter().sum::<f64>() - 1.0).abs() < 1e-12);
}

#[test]
fn semidiscrete_in_place_does_not_allocate() {
    use otcore::semidiscrete::{
        semidiscrete_in_place, semidiscrete_scratch, SemiDiscreteMethod, SemiDiscreteParams,
    };
    let x = faer::Mat::from_fn(900, 2, |i, k| {
        ((if k == 0 { i % 30 } else { i / 30 }) as f64 + 0.5) / 30.0
    });
    let y = faer::mat![[0.2, 0.3], [0.7, 0.4], [0.5, 0.8]];
    let b = [0.3, 0.3, 0.4];
    for method in [SemiDiscreteMethod::Newton, SemiDiscreteMethod::Gradient] {
        let params = SemiDiscreteParams {
            method,
            tol: 1e-2,
            max_iter: 50,
            ..Default::default()
        };
        let (mut g, mut masses) = (vec![0.0; 3], vec![0.0; 3]);
        let mut buf = stack_buffer(semidiscrete_scratch::<f64>(900, 3, 2, &params));
        let stack = otcore::MemStack::new(&mut buf);
        let n = allocations_in(|| {
            semidiscrete_in_place(
                x.as_ref(),
                None,
                y.as_ref(),
                &b,
                &mut g,
                &mut masses,
                &params,
                otcore::Par::Seq,
                stack,
            )
            .unwrap();
        });
        assert_eq!(n, 0, "{method:?}");
        assert!((masses.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}

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
        barycenter_in_place(a.as_ref(), cost.as_ref(), None, &mut out, &params, stack).unwrap();
    });
    assert_eq!(n, 0);
}

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
fn semidiscrete_sgd_from_samples_in_place_does_not_allocate() {
    use otcore::semidiscrete::{
        semidiscrete_sgd_from_samples_in_place, semidiscrete_sgd_from_samples_scratch, SgdParams,
    };
    let x = faer::Mat::from_fn(900, 2, |i, k| {
        ((if k == 0 { i % 30 } else { i / 30 }) as f32 + 0.5) / 30.0
    });
    let w: Vec<f32> = (0..900).map(|i| 1.0 + (i % 3) as f32).collect();
    let y = faer::mat![[0.2f32, 0.3], [0.7, 0.4], [0.5, 0.8]];
    let b = [0.3f32, 0.3, 0.4];
    let params = SgdParams {
        iterations: 200,
        batch: 16,
        step: 0.0,
    };
    let mut g = vec![0.0f32; 3];
    let mut buf = stack_buffer(semidiscrete_sgd_from_samples_scratch::<f32>(900, 3, 2, 16));
    let stack = otcore::MemStack::new(&mut buf);
    let n = allocations_in(|| {
        semidiscrete_sgd_from_samples_in_place(
            x.as_ref(),
            Some(&w),
            y.as_ref(),
            &b,
            &mut g,
            &params,
            1,
            otcore::Par::Seq,
            stack,
        )
        .unwrap();
    });
    assert_eq!(n, 0);
    assert!(g.iter().sum::<f32>().abs() < 1e-5, "zero mean: {g:?}");
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
