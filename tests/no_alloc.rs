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
