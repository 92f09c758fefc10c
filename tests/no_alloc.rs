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
