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
    use otcore::barycenter::{
        barycenter_in_place, barycenter_scratch, convolutional_barycenter_in_place,
        convolutional_barycenter_scratch, BarycenterParams,
    };
    let (h, w) = (6, 7);
    let a = faer::Mat::from_fn(h * w, 2, |i, c| (1 + (i + c) % 5) as f64);
    let sums: Vec<f64> = (0..2).map(|c| a.col(c).iter().sum()).collect();
    let a = faer::Mat::from_fn(h * w, 2, |i, c| a[(i, c)] / sums[c]);
    let cost = faer::Mat::from_fn(h * w, h * w, |i, j| ((i as f64) - (j as f64)).powi(2) / 1e3);
    let params = BarycenterParams {
        epsilon: 0.1,
        max_iter: 20,
        tol: 0.0,
    };
    let mut out = vec![0.0; h * w];
    let mut buf = stack_buffer(convolutional_barycenter_scratch(h, w, 2));
    let stack = otcore::MemStack::new(&mut buf);
    let n = allocations_in(|| {
        convolutional_barycenter_in_place(
            a.as_ref(),
            h,
            w,
            None,
            &mut out,
            &params,
            otcore::Par::Seq,
            stack,
        )
        .unwrap();
    });
    assert_eq!(n, 0);
    let mut buf = stack_buffer(barycenter_scratch(h * w, 2));
    let stack = otcore::MemStack::new(&mut buf);
    let n = allocations_in(|| {
        barycenter_in_place(a.as_ref(), cost.as_ref(), None, &mut out, &params, stack).unwrap();
    });
    assert_eq!(n, 0);
}
