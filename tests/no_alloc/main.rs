//! The in-place level (level 2) of every kernel, and every C entry point given a workspace of
//! the size its query reports, allocates nothing: a counting global allocator counts the
//! allocations made by the calling thread while a kernel runs with one thread (`Par::Seq`,
//! `num_threads = 1`). One module a capability, as in the other test homes.

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

mod barycenter;
mod cost;
mod exact;
mod flows;
mod gaussian;
mod plan_ops;
mod semidiscrete;
mod sinkhorn;

#[path = "../abi_support/mod.rs"]
mod abi_support;

/// What the C entry points' tests share.
mod c_support {
    pub use super::abi_support::{abi, defaults, view, view_mut};
    use super::allocations_in;
    use otcore::ffi::shape::otc_workspace;
    use otcore::ffi::status::{otc_status, OTC_OK};
    use otcore::ffi::view::*;

    /// A precision of the C ABI: its read-only view of a faer matrix.
    pub trait CReal: otcore::Real + otcore::semidiscrete::LaguerreReal {
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
    pub fn workspace(query: impl FnOnce(*mut usize) -> otc_status) -> Vec<u8> {
        let mut bytes = 0;
        assert_eq!(query(&mut bytes), OTC_OK);
        vec![0u8; bytes]
    }

    /// A caller workspace over `buf`, as an `otc_workspace`.
    pub fn ws(buf: &mut [u8]) -> otc_workspace {
        otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes: buf.len(),
        }
    }

    /// Runs one C call, asserting that it returns `OTC_OK` and makes no allocation.
    pub fn ok_without_allocation(what: &str, call: impl FnOnce() -> otc_status) {
        returns_without_allocation(what, OTC_OK, call);
    }

    /// Runs one C call, asserting that it returns `want` and makes no allocation.
    pub fn returns_without_allocation(
        what: &str,
        want: otc_status,
        call: impl FnOnce() -> otc_status,
    ) {
        let mut status = -1;
        let count = allocations_in(|| status = call());
        assert_eq!((status, count), (want, 0), "{what}: (status, allocations)");
    }
}
