//! Helpers shared by the tests of the C ABI (`tests/abi/`, `tests/no_alloc/`): row-major views,
//! the "not wanted" view, the library-allocates workspace, zeroed structs, options filled
//! with defaults, and the check of a refused call.

#![allow(dead_code)]

use otcore::ffi::shape::otc_workspace;
use otcore::ffi::status::{otc_status, OTC_OK};
use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
use std::ptr::{null, null_mut};

/// `{NULL, 0}`: the library allocates the workspace.
pub const NO_WORK: otc_workspace = otc_workspace {
    data: null_mut(),
    bytes: 0,
};

/// A row-major view of `data` as rows × cols.
pub fn view(data: &[f64], rows: usize, cols: usize) -> otc_matrix_f64 {
    otc_matrix_f64 {
        data: data.as_ptr(),
        rows,
        cols,
        row_stride: cols as isize,
        col_stride: 1,
    }
}

/// A writable row-major view of `data` as rows × cols.
pub fn view_mut(data: &mut [f64], rows: usize, cols: usize) -> otc_matrix_mut_f64 {
    otc_matrix_mut_f64 {
        data: data.as_mut_ptr(),
        rows,
        cols,
        row_stride: cols as isize,
        col_stride: 1,
    }
}

/// The view of an input that is not given (data NULL).
pub fn no_view() -> otc_matrix_f64 {
    otc_matrix_f64 {
        data: null(),
        rows: 0,
        cols: 0,
        row_stride: 0,
        col_stride: 0,
    }
}

/// The options struct `O` as `fill` (an `otc_<op>_options_default`) writes it.
pub fn defaults<O>(fill: unsafe extern "C" fn(*mut O) -> otc_status) -> O {
    let mut o = std::mem::MaybeUninit::uninit();
    // SAFETY: a valid pointer to one options struct.
    assert_eq!(unsafe { fill(o.as_mut_ptr()) }, OTC_OK);
    // SAFETY: filled above.
    unsafe { o.assume_init() }
}

/// A zeroed problem or outputs struct with its struct_size set.
pub fn abi<T>() -> T {
    // SAFETY: ABI 1 problem and outputs structs are plain data; all-zero is valid.
    let mut x: T = unsafe { std::mem::zeroed() };
    // SAFETY: every ABI 1 struct starts with a `usize` struct_size.
    unsafe { *(&mut x as *mut T as *mut usize) = std::mem::size_of::<T>() };
    x
}

/// A value that no call computes: written into outputs before a refused call, checked after.
pub const SENTINEL: f64 = -12345.0;

/// Asserts a refused call: its status, and that the calling thread's last error message
/// contains `needle` (the argument it names); `case` labels the failure.
pub fn refused(status: otc_status, want: otc_status, needle: &str, case: &str) {
    let msg = otcore::ffi::boundary::last_error_message();
    assert_eq!(status, want, "{case}: {msg}");
    assert!(msg.contains(needle), "{case}: {msg:?} lacks {needle:?}");
}

/// `v` at the start of a buffer of 32 values: an output of up to 32 values placed at its
/// start overlaps `v` and nothing else, wherever the allocator put the buffers (aliasing
/// cases whose refusal must name that input).
pub fn padded(v: &[f64]) -> Vec<f64> {
    let mut p = vec![0.0; 32];
    p[..v.len()].copy_from_slice(v);
    p
}
