//! The in-place level (level 2) of every kernel allocates nothing: a counting global
//! allocator counts the allocations made by the calling thread while a kernel runs with one
//! thread (`Par::Seq`) on a caller-provided workspace.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    static BYTES: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        BYTES.with(|c| c.set(c.get() + layout.size()));
        // SAFETY: forwarded contract.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded contract.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        BYTES.with(|c| c.set(c.get() + new_size));
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

/// Number of bytes the calling thread allocates while running `f`.
fn bytes_in(f: impl FnOnce()) -> usize {
    let before = BYTES.with(Cell::get);
    f();
    BYTES.with(Cell::get) - before
}

/// A progress callback that never stops a solve (its call path must not allocate either).
unsafe extern "C" fn go_on(_: *mut std::ffi::c_void, _: u64, _: f64) -> i32 {
    0
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

/// The C entry points themselves allocate nothing either when the caller passes a workspace
/// of exactly the size the matching `*_workspace_size` reports and `num_threads = 1`: the
/// outputs are staged in that workspace, the argument checks format nothing on success.
mod c_entry_points {
    use super::allocations_in;
    use otcore::ffi::barycenter::*;
    use otcore::ffi::semidiscrete::*;
    use otcore::ffi::shape::otc_workspace;
    use otcore::ffi::status::{otc_status, OTC_ERR_INVALID_ARGUMENT, OTC_OK};
    use otcore::ffi::view::*;
    use otcore::Real;
    use std::ffi::c_void;
    use std::ptr::{null, null_mut};

    /// A precision of the C ABI: its read-only view of a faer matrix.
    trait CReal: otcore::Real + otcore::semidiscrete::LaguerreReal {
        type View: Copy;
        fn view(m: &faer::Mat<Self>) -> Self::View;
    }

    macro_rules! c_real {
        ($t:ty, $v:ident) => {
            impl CReal for $t {
                type View = $v;
                fn view(m: &faer::Mat<$t>) -> $v {
                    $v {
                        data: m.as_ptr(),
                        rows: m.nrows(),
                        cols: m.ncols(),
                        row_stride: m.row_stride(),
                        col_stride: m.col_stride(),
                    }
                }
            }
        };
    }
    c_real!(f64, otc_matrix_f64);
    c_real!(f32, otc_matrix_f32);

    /// A workspace of exactly the bytes `query` reports (allocated before counting starts).
    fn workspace(query: impl FnOnce(*mut usize) -> otc_status) -> Vec<u8> {
        let mut bytes = 0;
        assert_eq!(query(&mut bytes), OTC_OK);
        vec![0u8; bytes]
    }

    /// Runs one C call, asserting that it returns `OTC_OK` and makes no allocation.
    fn ok_without_allocation(what: &str, call: impl FnOnce() -> otc_status) {
        let mut status = -1;
        let count = allocations_in(|| status = call());
        assert_eq!(
            (status, count),
            (OTC_OK, 0),
            "{what}: (status, allocations)"
        );
    }

    /// `(work, work_bytes)` of a workspace.
    fn raw(work: &mut [u8]) -> (*mut c_void, usize) {
        (work.as_mut_ptr().cast(), work.len())
    }

    /// The 30×30 grid of cell centres of the unit square, one sample per row.
    fn grid<T: CReal>() -> faer::Mat<T> {
        faer::Mat::from_fn(900, 2, |i, k| {
            T::from_f64(((if k == 0 { i % 30 } else { i / 30 }) as f64 + 0.5) / 30.0)
        })
    }

    fn sites<T: CReal>() -> faer::Mat<T> {
        faer::Mat::from_fn(3, 2, |j, k| {
            T::from_f64([[0.2, 0.3], [0.7, 0.4], [0.5, 0.8]][j][k])
        })
    }

    fn weights<T: CReal>() -> [T; 3] {
        [0.3, 0.3, 0.4].map(T::from_f64)
    }

    /// A caller workspace of exactly the reported bytes, as an `otc_workspace`.
    fn ws(work: &mut [u8]) -> otc_workspace {
        let (data, bytes) = raw(work);
        otc_workspace { data, bytes }
    }

    /// The semi-discrete entry point of precision `$t`, both methods: g, the masses and the
    /// report equal the Rust level 3's, and the masses meet b within the tolerance.
    macro_rules! semidiscrete_case {
        ($name:ident, $t:ty, $problem:ident, $outputs:ident, $size:ident, $solve:ident) => {
            #[test]
            fn $name() {
                use otcore::semidiscrete::{semidiscrete as level3, SemiDiscreteMethod};
                let (x, y, b) = (grid::<$t>(), sites::<$t>(), weights::<$t>());
                for (method, code) in [
                    (SemiDiscreteMethod::Newton, OTC_SEMIDISCRETE_NEWTON),
                    (SemiDiscreteMethod::Gradient, OTC_SEMIDISCRETE_GRADIENT),
                ] {
                    let mut o = std::mem::MaybeUninit::uninit();
                    // SAFETY: `o` is writable; the defaults initialise it.
                    let mut o = unsafe {
                        assert_eq!(otc_semidiscrete_options_default(o.as_mut_ptr()), OTC_OK);
                        o.assume_init()
                    };
                    (o.num_threads, o.method, o.tol, o.max_iter) = (1, code, 1e-2, 50);
                    let p = $problem {
                        struct_size: size_of::<$problem>(),
                        points: <$t>::view(&x),
                        point_weights: null(),
                        sites: <$t>::view(&y),
                        b: b.as_ptr(),
                        initial_g: null(),
                    };
                    // SAFETY: valid structs and output.
                    let mut work = workspace(|out| unsafe { $size(&p, &o, out) });
                    let (mut g, mut masses) = ([<$t>::ZERO; 3], [0.0f64; 3]);
                    let mut out = $outputs {
                        struct_size: size_of::<$outputs>(),
                        report: Default::default(),
                        mass_error: 0.0,
                        epsilon: 0.0,
                        step: 0.0,
                        g: g.as_mut_ptr(),
                        masses: masses.as_mut_ptr(),
                    };
                    let w = ws(&mut work);
                    ok_without_allocation(&format!("{method:?}"), || {
                        // SAFETY: valid structs, arrays of their sizes, outputs disjoint.
                        unsafe { $solve(&p, &mut out, &o, w) }
                    });
                    let params = otcore::semidiscrete::SemiDiscreteParams {
                        method,
                        tol: 1e-2,
                        max_iter: 50,
                        ..Default::default()
                    };
                    let r = level3(x.as_ref(), None, y.as_ref(), &b, &params, 1).unwrap();
                    assert_eq!(&g[..], &r.g[..], "{method:?}");
                    assert_eq!(&masses[..], &r.masses[..], "{method:?}");
                    assert_eq!(out.report.iterations, r.info.iterations as u64);
                    assert_eq!(
                        (out.report.status, out.report.error, out.mass_error),
                        (OTC_OK, r.info.smoothed_mass_error, r.info.mass_error)
                    );
                    for (m, bj) in masses.iter().zip(b) {
                        assert!((m - bj.to_f64()).abs() <= 1e-2, "{method:?}: {masses:?}");
                    }
                }
            }
        };
    }
    semidiscrete_case!(
        semidiscrete_f64_allocates_nothing,
        f64,
        otc_semidiscrete_problem_f64,
        otc_semidiscrete_outputs_f64,
        otc_semidiscrete_workspace_size_f64,
        otc_semidiscrete_f64
    );
    semidiscrete_case!(
        semidiscrete_f32_allocates_nothing,
        f32,
        otc_semidiscrete_problem_f32,
        otc_semidiscrete_outputs_f32,
        otc_semidiscrete_workspace_size_f32,
        otc_semidiscrete_f32
    );

    /// Lloyd, then the Laguerre cells of the result, through the C entry points: the sites
    /// equal the Rust level 3's and each is the centroid of its Voronoi cell (brute force).
    #[test]
    fn lloyd_and_laguerre_assign_allocate_nothing() {
        let x = grid::<f64>();
        let y0 = sites::<f64>();
        let mut y = faer::Mat::<f64>::zeros(3, 2);
        let mut o = std::mem::MaybeUninit::uninit();
        // SAFETY: `o` is writable; the defaults initialise it.
        let mut o = unsafe {
            assert_eq!(otc_lloyd_options_default(o.as_mut_ptr()), OTC_OK);
            o.assume_init()
        };
        (o.num_threads, o.max_iter, o.tol) = (1, 100, 1e-12);
        let p = otc_lloyd_problem_f64 {
            struct_size: size_of::<otc_lloyd_problem_f64>(),
            points: f64::view(&x),
            point_weights: null(),
            sites: f64::view(&y0),
        };
        // SAFETY: valid structs and output.
        let mut work = workspace(|out| unsafe { otc_lloyd_workspace_size_f64(&p, &o, out) });
        let mut out = otc_lloyd_outputs_f64 {
            struct_size: size_of::<otc_lloyd_outputs_f64>(),
            report: Default::default(),
            distortion: 0.0,
            sites: otc_matrix_mut_f64 {
                data: y.as_ptr_mut(),
                rows: 3,
                cols: 2,
                row_stride: y.row_stride(),
                col_stride: y.col_stride(),
            },
        };
        let w = ws(&mut work);
        ok_without_allocation("lloyd", || {
            // SAFETY: valid structs; `out->sites` is disjoint from the inputs.
            unsafe { otc_lloyd_f64(&p, &mut out, &o, w) }
        });
        let params = otcore::semidiscrete::LloydParams {
            max_iter: 100,
            tol: 1e-12,
        };
        let (expected, info) =
            otcore::semidiscrete::lloyd(x.as_ref(), None, y0.as_ref(), &params, 1).unwrap();
        assert_eq!(y, expected);
        assert_eq!(out.distortion, info.distortion);
        assert_eq!(out.report.iterations, info.iterations as u64);

        let g = [0.0; 3];
        let mut cells = vec![0u32; 900];
        let lo = otc_laguerre_assign_options {
            struct_size: size_of::<otc_laguerre_assign_options>(),
            num_threads: 1,
        };
        let p = otc_laguerre_assign_problem_f64 {
            struct_size: size_of::<otc_laguerre_assign_problem_f64>(),
            points: f64::view(&x),
            point_weights: null(),
            sites: f64::view(&y),
            g: g.as_ptr(),
        };
        let mut out = otc_laguerre_assign_outputs_f64 {
            struct_size: size_of::<otc_laguerre_assign_outputs_f64>(),
            report: Default::default(),
            empty_cells: 9,
            cells: cells.as_mut_ptr(),
            masses: null_mut(),
        };
        // SAFETY: valid structs and output.
        let mut work =
            workspace(|out| unsafe { otc_laguerre_assign_workspace_size_f64(&p, &lo, out) });
        let w = ws(&mut work);
        ok_without_allocation("laguerre_assign", || {
            // SAFETY: valid structs; `cells` is disjoint from the inputs.
            unsafe { otc_laguerre_assign_f64(&p, &mut out, &lo, w) }
        });
        assert_eq!(out.empty_cells, 0);
        let d2 = |i: usize, j: usize| (0..2).map(|k| (x[(i, k)] - y[(j, k)]).powi(2)).sum::<f64>();
        let mut sums = [[0.0; 3]; 3];
        for (i, &c) in cells.iter().enumerate() {
            let nearest = (0..3).fold(0, |b, j| if d2(i, j) < d2(i, b) { j } else { b });
            assert_eq!(c as usize, nearest, "point {i}");
            sums[nearest][0] += x[(i, 0)];
            sums[nearest][1] += x[(i, 1)];
            sums[nearest][2] += 1.0;
        }
        for (j, s) in sums.iter().enumerate() {
            assert!(s[2] > 0.0, "cell {j} is empty");
            for k in 0..2 {
                assert!(
                    (s[k] / s[2] - y[(j, k)]).abs() < 1e-12,
                    "site {j} is not its centroid"
                );
            }
        }
    }

    /// The SGD tests' settings, as C options (one thread, seed 7) and as Rust parameters.
    fn sgd_settings() -> (
        otc_semidiscrete_sgd_options,
        otcore::semidiscrete::SgdParams,
    ) {
        let p = otcore::semidiscrete::SgdParams {
            iterations: 200,
            batch: 16,
            step: 0.0,
        };
        let mut o = std::mem::MaybeUninit::uninit();
        // SAFETY: `o` is writable; the defaults initialise it.
        let mut o = unsafe {
            assert_eq!(otc_semidiscrete_sgd_options_default(o.as_mut_ptr()), OTC_OK);
            o.assume_init()
        };
        (o.num_threads, o.iterations, o.batch, o.seed) = (1, 200, 16, 7);
        (o, p)
    }

    /// Weighted samples through the C entry point of precision `$t`: g equals the Rust
    /// level 3's for the same seed and has zero mean.
    macro_rules! sgd_array_case {
        ($name:ident, $t:ty, $problem:ident, $outputs:ident, $size:ident, $solve:ident) => {
            #[test]
            fn $name() {
                let (x, y, b) = (grid::<$t>(), sites::<$t>(), weights::<$t>());
                let w: Vec<$t> = (0..900)
                    .map(|i| <$t>::from_f64(1.0 + (i % 3) as f64))
                    .collect();
                let (o, params) = sgd_settings();
                let p = $problem {
                    struct_size: size_of::<$problem>(),
                    sites: <$t>::view(&y),
                    b: b.as_ptr(),
                    sample: None,
                    sample_data: null_mut(),
                    points: <$t>::view(&x),
                    point_weights: w.as_ptr(),
                };
                // SAFETY: valid structs and output.
                let mut work = workspace(|out| unsafe { $size(&p, &o, out) });
                let mut g = [<$t>::ZERO; 3];
                let mut out = $outputs {
                    struct_size: size_of::<$outputs>(),
                    report: Default::default(),
                    step: 0.0,
                    g: g.as_mut_ptr(),
                };
                let wk = ws(&mut work);
                ok_without_allocation("sgd from samples", || {
                    // SAFETY: valid structs; `g` is disjoint from the inputs.
                    unsafe { $solve(&p, &mut out, &o, wk) }
                });
                let (expected, info) = otcore::semidiscrete::semidiscrete_sgd_from_samples(
                    x.as_ref(),
                    Some(&w),
                    y.as_ref(),
                    &b,
                    &params,
                    7,
                    1,
                )
                .unwrap();
                assert_eq!(&g[..], &expected[..]);
                assert_eq!((out.step, out.report.iterations), (info.step, 200));
                assert!(
                    g.iter().map(|v| v.to_f64()).sum::<f64>().abs() < 1e-5,
                    "{g:?}"
                );
                assert!(g.iter().any(|&v| v != <$t>::ZERO), "{g:?}");
            }
        };
    }
    sgd_array_case!(
        semidiscrete_sgd_f64_from_samples_allocates_nothing,
        f64,
        otc_semidiscrete_sgd_problem_f64,
        otc_semidiscrete_sgd_outputs_f64,
        otc_semidiscrete_sgd_workspace_size_f64,
        otc_semidiscrete_sgd_f64
    );
    sgd_array_case!(
        semidiscrete_sgd_f32_from_samples_allocates_nothing,
        f32,
        otc_semidiscrete_sgd_problem_f32,
        otc_semidiscrete_sgd_outputs_f32,
        otc_semidiscrete_sgd_workspace_size_f32,
        otc_semidiscrete_sgd_f32
    );

    /// The next uniform value of [0, 1) from an LCG state.
    fn uniform(state: &mut u64) -> f64 {
        *state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*state >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The `user` state of [`square_sampler`]: an LCG state and the batches it may still give.
    struct Stream {
        state: u64,
        batches_left: usize,
    }

    /// A C sampler of the uniform law on the unit square, `user` a [`Stream`]; returns 1 (a
    /// failure) once its batches are spent.
    unsafe extern "C" fn square_sampler(user: *mut c_void, count: usize, out: *mut f64) -> i32 {
        // SAFETY: the test passes a `Stream` as `user`; `out` holds `count × 2` values.
        let (stream, out) = unsafe {
            (
                &mut *user.cast::<Stream>(),
                std::slice::from_raw_parts_mut(out, count * 2),
            )
        };
        if stream.batches_left == 0 {
            return 1;
        }
        stream.batches_left -= 1;
        out.iter_mut().for_each(|v| *v = uniform(&mut stream.state));
        0
    }

    /// Samples streamed by a C callback: g equals the Rust level 3's on the same stream; when
    /// the sampler fails half-way, g is untouched (the solver iterates in the workspace).
    #[test]
    fn semidiscrete_sgd_with_a_sampler_allocates_nothing() {
        let (y, b) = (sites::<f64>(), weights::<f64>());
        let (o, params) = sgd_settings();
        let mut p = otc_semidiscrete_sgd_problem_f64 {
            struct_size: size_of::<otc_semidiscrete_sgd_problem_f64>(),
            sites: f64::view(&y),
            b: b.as_ptr(),
            sample: Some(square_sampler),
            sample_data: null_mut(),
            points: otc_matrix_f64 {
                data: null(),
                rows: 0,
                cols: 0,
                row_stride: 0,
                col_stride: 0,
            },
            point_weights: null(),
        };
        // SAFETY: valid structs and output.
        let mut work =
            workspace(|out| unsafe { otc_semidiscrete_sgd_workspace_size_f64(&p, &o, out) });
        let wk = ws(&mut work);
        let mut g = [0.0; 3];
        let mut call = |g: &mut [f64; 3], batches: usize| {
            let mut stream = Stream {
                state: 11,
                batches_left: batches,
            };
            p.sample_data = (&mut stream as *mut Stream).cast();
            let mut out = otc_semidiscrete_sgd_outputs_f64 {
                struct_size: size_of::<otc_semidiscrete_sgd_outputs_f64>(),
                report: Default::default(),
                step: 0.0,
                g: g.as_mut_ptr(),
            };
            // SAFETY: the sampler matches its contract; structs valid.
            unsafe { otc_semidiscrete_sgd_f64(&p, &mut out, &o, wk) }
        };
        let mut failed = [7.0; 3];
        assert_eq!(call(&mut failed, 100), OTC_ERR_INVALID_ARGUMENT);
        assert_eq!(failed, [7.0; 3], "g written by a failed solve");
        ok_without_allocation("sgd with a sampler", || call(&mut g, usize::MAX));
        let mut state = 11u64;
        let mut sample = |out: &mut [f64]| -> otcore::Result<()> {
            out.iter_mut().for_each(|v| *v = uniform(&mut state));
            Ok(())
        };
        let (expected, _) =
            otcore::semidiscrete::semidiscrete_sgd(&mut sample, y.as_ref(), &b, &params, 1)
                .unwrap();
        assert_eq!(g, &expected[..]);
        assert!(g.iter().sum::<f64>().abs() < 1e-12, "{g:?}");
    }

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
                use otcore::ffi::shape::otc_workspace;
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
                let (wp, wb) = raw(&mut work);
                let wk = otc_workspace {
                    data: wp,
                    bytes: wb,
                };
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
                let (wp, wb) = raw(&mut work);
                let wk = otc_workspace {
                    data: wp,
                    bytes: wb,
                };
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

    #[test]
    fn cost_matrix_allocates_nothing() {
        use otcore::ffi::cost::*;
        use otcore::ffi::shape::otc_workspace;
        use std::mem::size_of;
        let (n, m, d) = (40, 30, 20); // d >= 16: the matrix-product route
        let x = faer::Mat::from_fn(n, d, |i, k| ((i * 7 + k * 3) % 11) as f64 / 11.0);
        let y = faer::Mat::from_fn(m, d, |j, k| ((j * 5 + k) % 13) as f64 / 13.0);
        let mut c = faer::Mat::<f64>::zeros(n, m);
        let mut o = std::mem::MaybeUninit::uninit();
        // SAFETY: a writable struct.
        assert_eq!(
            unsafe { otc_cost_matrix_options_default(o.as_mut_ptr()) },
            OTC_OK
        );
        // SAFETY: initialised above.
        let mut o: otc_cost_matrix_options = unsafe { o.assume_init() };
        o.num_threads = 1;
        let p = otc_cost_matrix_problem_f64 {
            struct_size: size_of::<otc_cost_matrix_problem_f64>(),
            x: f64::view(&x),
            y: f64::view(&y),
        };
        let mut out = otc_cost_matrix_outputs_f64 {
            struct_size: size_of::<otc_cost_matrix_outputs_f64>(),
            report: Default::default(),
            cost: otc_matrix_mut_f64 {
                data: c.as_ptr_mut(),
                rows: n,
                cols: m,
                row_stride: c.row_stride(),
                col_stride: c.col_stride(),
            },
        };
        // SAFETY: valid structs and out-param.
        let mut work = workspace(|b| unsafe { otc_cost_matrix_workspace_size_f64(&p, &o, b) });
        let (wp, wb) = raw(&mut work);
        let wk = otc_workspace {
            data: wp,
            bytes: wb,
        };
        // SAFETY: valid structs, views and workspace, all disjoint.
        let mut run = || unsafe { otc_cost_matrix_f64(&p, &mut out, &o, wk) };
        run(); // warm-up (faer's thread-local matmul state)
        ok_without_allocation("cost matrix", run);
        let want =
            otcore::cost::cost_matrix(x.as_ref(), y.as_ref(), otcore::cost::Metric::SqEuclidean, 1)
                .unwrap();
        assert_eq!(c, want);
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

/// The exact-OT C entry points (`otc_emd_f64` with and without a callback, `otc_emd_batch_f64`,
/// `otc_wasserstein_1d_f64`, `otc_sliced_wasserstein_f64`) allocate nothing with a caller
/// workspace of the queried size, every output wanted and `num_threads = 1`.
mod exact_c_entry_points {
    use super::{allocations_in, go_on};
    use otcore::ffi::exact::*;
    use otcore::ffi::shape::otc_workspace;
    use otcore::ffi::status::{otc_status, OTC_OK, OTC_WARN_MAX_ITER};
    use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
    use std::mem::{size_of, MaybeUninit};
    use std::ptr::null;

    /// A workspace of exactly the bytes `query` reports (allocated before counting starts).
    fn workspace(query: impl FnOnce(*mut usize) -> otc_status) -> Vec<u8> {
        let mut bytes = 0;
        assert_eq!(query(&mut bytes), OTC_OK);
        vec![0u8; bytes]
    }

    /// The options struct `O` as `default` (an `otc_<op>_options_default`) fills it.
    fn defaults<O>(default: unsafe extern "C" fn(*mut O) -> otc_status) -> O {
        let mut o = MaybeUninit::uninit();
        // SAFETY: a valid pointer to one options struct.
        assert_eq!(unsafe { default(o.as_mut_ptr()) }, OTC_OK);
        // SAFETY: filled above.
        unsafe { o.assume_init() }
    }

    fn work(buf: &mut [u8]) -> otc_workspace {
        otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes: buf.len(),
        }
    }

    /// Runs one C call, asserting that it returns `OTC_OK` and makes no allocation.
    fn ok_without_allocation(what: &str, call: impl FnOnce() -> otc_status) {
        returns_without_allocation(what, OTC_OK, call);
    }

    /// Runs one C call, asserting that it returns `want` and makes no allocation.
    fn returns_without_allocation(what: &str, want: otc_status, call: impl FnOnce() -> otc_status) {
        let mut status = -1;
        let count = allocations_in(|| status = call());
        assert_eq!((status, count), (want, 0), "{what}: (status, allocations)");
    }

    fn view(data: &[f64], rows: usize, cols: usize) -> otc_matrix_f64 {
        otc_matrix_f64 {
            data: data.as_ptr(),
            rows,
            cols,
            row_stride: cols as isize,
            col_stride: 1,
        }
    }

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
            let w = work(&mut buf);
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
        let w = work(&mut buf);
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
        let w = work(&mut buf);
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
        let w = work(&mut buf);
        // SAFETY: as above.
        ok_without_allocation("otc_sliced_wasserstein_f64", || unsafe {
            otc_sliced_wasserstein_f64(&sp, &mut sout, &so, w)
        });
        assert!(sout.swp_p > 0.0);
    }
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

/// The exact solvers of the ABI 1 shape (assignment, grids, partial, TV-unbalanced) allocate
/// nothing through their C entry points with a caller workspace of the queried size and
/// `num_threads = 1`; their results equal the Rust API's.
mod newexact_c_entry_points {
    use super::{allocations_in, go_on};
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

    #[test]
    fn assignment_allocates_nothing() {
        let views = [cost(), cost()];
        let p = otc_assignment_problem_f64 {
            struct_size: size_of::<otc_assignment_problem_f64>(),
            count: 2,
            costs: views.as_ptr(),
        };
        let o = otc_assignment_options {
            struct_size: size_of::<otc_assignment_options>(),
            num_threads: 1,
            callback_every: 1,
            callback: Some(go_on),
            callback_data: std::ptr::null_mut(),
        };
        let (mut perm, mut u, mut v, mut pc) = ([0usize; 8], [0.0; 8], [0.0; 8], [0.0; 2]);
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
        ok_without_allocation("assignment", bytes, |w| unsafe {
            otc_assignment_f64(&p, &mut out, &o, w)
        });
        let r = otcore::exact::assignment(faer::MatRef::from_row_major_slice(&C, 4, 4)).unwrap();
        assert_eq!(
            (&perm[..4], &perm[4..], pc[0]),
            (&r.perm[..], &r.perm[..], r.info.cost)
        );
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

/// The Gaussian C entry points (ABI 1) on a caller workspace of the size their query reports,
/// with `num_threads = 1`, allocate nothing, on a fresh thread and without warm-up, up to d =
/// 12. One exception, outside otcore's reach: faer's matrix-product kernel (private-gemm)
/// reserves a per-thread packing buffer on a thread's first product above 16³ multiply-adds,
/// and no faer API lets a caller provide it; its bytes are checked against docs/abi.md.
mod gaussian_c_entry_points {
    use super::bytes_in;
    use otcore::ffi::gaussian::*;
    use otcore::ffi::shape::otc_workspace;
    use otcore::ffi::status::{otc_status, OTC_OK};
    use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
    use std::ffi::c_void;
    use std::mem::size_of;

    fn view(data: &[f64], rows: usize, cols: usize) -> otc_matrix_f64 {
        otc_matrix_f64 {
            data: data.as_ptr(),
            rows,
            cols,
            row_stride: cols as isize,
            col_stride: 1,
        }
    }

    fn view_mut(data: &mut [f64], rows: usize, cols: usize) -> otc_matrix_mut_f64 {
        otc_matrix_mut_f64 {
            data: data.as_mut_ptr(),
            rows,
            cols,
            row_stride: cols as isize,
            col_stride: 1,
        }
    }

    /// A zeroed problem or outputs struct with its struct_size set.
    fn abi<T>() -> T {
        // SAFETY: ABI 1 problem and outputs structs are plain data; all-zero is valid.
        let mut x: T = unsafe { std::mem::zeroed() };
        // SAFETY: every ABI 1 struct starts with a `usize` struct_size.
        unsafe { *(&mut x as *mut T as *mut usize) = size_of::<T>() };
        x
    }

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

/// The plan operations allocate nothing: the position gradient and the displacement
/// interpolation from a sparse and from a dense plan, in Rust and through the C ABI (a
/// workspace of the queried 0 bytes, one thread).
#[test]
fn plan_ops_do_not_allocate() {
    use otcore::cost::Metric;
    use otcore::exact::{displacement_interpolation, plan_position_gradient, SparsePlanRef};
    use otcore::ffi::plan_ops::*;
    use otcore::ffi::shape::otc_workspace;
    use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
    let (n, m, d) = (3, 2, 2);
    let x = [0.0, 0.0, 1.0, 0.0, 0.0, 1.0];
    let y = [2.0, 0.0, 0.0, 2.0];
    let (rows, cols, mass) = ([0usize, 1, 2, 0], [0usize, 0, 1, 1], [0.2, 0.3, 0.4, 0.1]);
    let dense = [0.2, 0.1, 0.3, 0.0, 0.0, 0.4];
    let (xs, ys) = (
        faer::MatRef::from_row_major_slice(&x, n, d),
        faer::MatRef::from_row_major_slice(&y, m, d),
    );
    let dm = faer::MatRef::from_row_major_slice(&dense, n, m);
    let sp = SparsePlanRef {
        rows: &rows,
        cols: &cols,
        mass: &mass,
    };
    let (mut gx, mut gy) = (faer::Mat::<f64>::zeros(n, d), faer::Mat::<f64>::zeros(m, d));
    let (mut pts, mut w) = (faer::Mat::<f64>::zeros(n * m, d), vec![0.0; n * m]);
    let count = allocations_in(|| {
        for metric in [Metric::SqEuclidean, Metric::Minkowski(3.0), Metric::Cosine] {
            plan_position_gradient(xs, ys, sp, metric, Some(gx.as_mut()), Some(gy.as_mut()))
                .unwrap();
            plan_position_gradient(xs, ys, dm, metric, Some(gx.as_mut()), None).unwrap();
        }
        displacement_interpolation(xs, ys, sp, 0.3, pts.as_mut().subrows_mut(0, 4), &mut w[..4])
            .unwrap();
        displacement_interpolation(xs, ys, dm, 0.3, pts.as_mut(), &mut w).unwrap();
    });
    assert_eq!(count, 0);
    let cview = |data: &[f64], rows: usize, cols: usize| otc_matrix_f64 {
        data: data.as_ptr(),
        rows,
        cols,
        row_stride: cols as isize,
        col_stride: 1,
    };
    let none = otc_matrix_f64 {
        data: std::ptr::null(),
        rows: 0,
        cols: 0,
        row_stride: 0,
        col_stride: 0,
    };
    let gp = otc_plan_position_gradient_problem_f64 {
        struct_size: std::mem::size_of::<otc_plan_position_gradient_problem_f64>(),
        x: cview(&x, n, d),
        y: cview(&y, m, d),
        plan_nnz: 4,
        plan_rows: rows.as_ptr(),
        plan_cols: cols.as_ptr(),
        plan_mass: mass.as_ptr(),
        plan: none,
    };
    let ip = otc_displacement_interpolation_problem_f64 {
        struct_size: std::mem::size_of::<otc_displacement_interpolation_problem_f64>(),
        x: gp.x,
        y: gp.y,
        plan_nnz: 0,
        plan_rows: std::ptr::null(),
        plan_cols: std::ptr::null(),
        plan_mass: std::ptr::null(),
        plan: cview(&dense, n, m),
        t: 0.5,
    };
    let (mut gxr, mut ptr_, mut wr) = (vec![0.0; n * d], vec![0.0; n * m * d], vec![0.0; n * m]);
    let mut gout = otc_plan_position_gradient_outputs_f64 {
        struct_size: std::mem::size_of::<otc_plan_position_gradient_outputs_f64>(),
        report: Default::default(),
        gx: otc_matrix_mut_f64 {
            data: gxr.as_mut_ptr(),
            rows: n,
            cols: d,
            row_stride: d as isize,
            col_stride: 1,
        },
        gy: otc_matrix_mut_f64 {
            data: std::ptr::null_mut(),
            rows: 0,
            cols: 0,
            row_stride: 0,
            col_stride: 0,
        },
    };
    let mut iout = otc_displacement_interpolation_outputs_f64 {
        struct_size: std::mem::size_of::<otc_displacement_interpolation_outputs_f64>(),
        report: Default::default(),
        points: otc_matrix_mut_f64 {
            data: ptr_.as_mut_ptr(),
            rows: n * m,
            cols: d,
            row_stride: d as isize,
            col_stride: 1,
        },
        weights: wr.as_mut_ptr(),
    };
    let mut buf = [0u8; 8];
    // SAFETY (whole block): every pointer valid for its stated length, outputs disjoint.
    unsafe {
        let mut go = std::mem::MaybeUninit::uninit();
        otc_plan_position_gradient_options_default(go.as_mut_ptr());
        let mut go = go.assume_init();
        go.num_threads = 1;
        let mut io = std::mem::MaybeUninit::uninit();
        otc_displacement_interpolation_options_default(io.as_mut_ptr());
        let mut io = io.assume_init();
        io.num_threads = 1;
        let (mut gb, mut ib) = (usize::MAX, usize::MAX);
        otc_plan_position_gradient_workspace_size_f64(&gp, &go, &mut gb);
        otc_displacement_interpolation_workspace_size_f64(&ip, &io, &mut ib);
        assert_eq!((gb, ib), (0, 0));
        let work = otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes: 0,
        };
        let (mut s1, mut s2) = (-1, -1);
        let count = allocations_in(|| {
            s1 = otc_plan_position_gradient_f64(&gp, &mut gout, &go, work);
            s2 = otc_displacement_interpolation_f64(&ip, &mut iout, &io, work);
        });
        assert_eq!((s1, s2, count), (0, 0, 0));
    }
    assert_eq!(wr, dense);
}

/// The three flow steps' C entry points allocate nothing on one thread with a caller
/// workspace of the queried size: a Wasserstein step cold and then warm-started from its
/// potentials, an MMD step computing its target term and one given it, a JKO step (after a
/// warm-up call: faer's thread-local matmul state).
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
        let mut o = std::mem::MaybeUninit::uninit();
        otc_jko_step_options_default(o.as_mut_ptr());
        let mut o = o.assume_init();
        o.num_threads = 1;
        o.epsilon = 0.01;
        o.step = 0.01;
        let p = otc_jko_step_problem_f64 {
            struct_size: size_of::<otc_jko_step_problem_f64>(),
            rho: rho.as_ptr(),
            height: h,
            width: wd,
            potential: v.as_ptr(),
        };
        let mut out = otc_jko_step_outputs_f64 {
            struct_size: size_of::<otc_jko_step_outputs_f64>(),
            report: Default::default(),
            rho_next: next.as_mut_ptr(),
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
    }
    assert!(xn.iter().all(|v| v.is_finite()) && pots2.iter().all(|v| v.is_finite()));
}
