//! The output view shared by the parallel chunks: each chunk writes only its own rows.

use super::ops::lanes;
use crate::{MatMut, Real};
use pulp::Simd;

/// A raw n×m output view (element (i, j) at `ptr + i·rs + j·cs`) whose elements are
/// distinct. Chunks write disjoint sets of rows through it.
#[derive(Clone, Copy)]
pub(super) struct Out<T> {
    ptr: *mut T,
    rows: usize,
    cols: usize,
    rs: isize,
    cs: isize,
}

// SAFETY: an `Out` is only built from a `MatMut` borrowed for the whole kernel call (see
// `Out::new`), and every chunk writes a disjoint set of rows of it.
unsafe impl<T: Send> Send for Out<T> {}
// SAFETY: as above: shared across threads, but no element is written by two chunks.
unsafe impl<T: Send> Sync for Out<T> {}

impl<T: Real> Out<T> {
    /// Takes the raw parts of `out`, whose elements must be distinct (checked by the caller);
    /// the borrow of `out` must outlive every use of the result.
    pub fn new(out: &mut MatMut<'_, T>) -> Self {
        Out {
            ptr: out.as_ptr_mut(),
            rows: out.nrows(),
            cols: out.ncols(),
            rs: out.row_stride(),
            cs: out.col_stride(),
        }
    }

    /// Rows `i0..i1` as a faer view (a chunk's share of the output).
    pub fn rows(&self, i0: usize, i1: usize) -> MatMut<'_, T> {
        assert!(i0 <= i1 && i1 <= self.rows);
        // SAFETY: rows i0..i1 lie inside the view `new` took; each chunk asks only for its own
        // rows, so no two live views alias.
        unsafe {
            MatMut::from_raw_parts_mut(
                self.ptr.offset(i0 as isize * self.rs),
                i1 - i0,
                self.cols,
                self.rs,
                self.cs,
            )
        }
    }

    /// Row i as a slice when the columns are contiguous (unit column stride).
    #[allow(clippy::mut_from_ref)]
    pub fn row_slice(&self, i: usize) -> Option<&mut [T]> {
        assert!(i < self.rows);
        // SAFETY: unit column stride: row i is `cols` contiguous elements of the view, and
        // only the chunk owning row i asks for it.
        (self.cs == 1).then(|| unsafe {
            std::slice::from_raw_parts_mut(self.ptr.offset(i as isize * self.rs), self.cols)
        })
    }

    /// Pointer to element (i, j).
    fn at(&self, i: usize, j: usize) -> *mut T {
        assert!(i < self.rows && j < self.cols);
        // SAFETY: (i, j) is inside the view (asserted).
        unsafe { self.ptr.offset(i as isize * self.rs + j as isize * self.cs) }
    }

    /// Element (i, j).
    pub fn get(&self, i: usize, j: usize) -> T {
        // SAFETY: an element of the view, owned by the calling chunk.
        unsafe { *self.at(i, j) }
    }

    /// Sets element (i, j).
    pub fn set(&self, i: usize, j: usize, v: T) {
        // SAFETY: an element of the view, owned by the calling chunk.
        unsafe { *self.at(i, j) = v }
    }

    /// Writes the first `cnt` lanes of `vals` to `(i, j0..j0+cnt)`.
    #[inline(always)]
    pub fn write_run<S: Simd>(&self, i: usize, j0: usize, cnt: usize, vals: &[T::Vector<S>]) {
        let vals_s = lanes::<S, T>(vals);
        assert!(i < self.rows && j0 + cnt <= self.cols && cnt <= vals_s.len());
        // SAFETY: (i, j0..j0+cnt) is inside the view (asserted); the row belongs to the
        // calling chunk.
        let base = unsafe {
            self.ptr
                .offset(i as isize * self.rs + j0 as isize * self.cs)
        };
        if self.cs == 1 {
            // SAFETY: unit column stride: the run is `cnt` contiguous elements of row i.
            let dst = unsafe { std::slice::from_raw_parts_mut(base, cnt) };
            if cnt == vals_s.len() {
                T::as_mut_simd::<S>(dst).0.copy_from_slice(vals);
            } else {
                dst.copy_from_slice(&vals_s[..cnt]);
            }
        } else {
            for (t, &v) in vals_s[..cnt].iter().enumerate() {
                // SAFETY: element (i, j0 + t) of the view.
                unsafe { *base.offset(t as isize * self.cs) = v };
            }
        }
    }
}
