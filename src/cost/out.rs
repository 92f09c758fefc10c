//! The output view shared by the parallel chunks: each chunk writes only its own rows.
//!
//! Large outputs with contiguous rows can be written with non-temporal (streaming) stores on
//! x86_64: they skip the read-for-ownership of every cache line a normal store pays, and do not
//! evict the inputs from the caches. They use SSE2 only (`movntdq`, `movnti`), part of the
//! x86_64 baseline, plus 32-byte `vmovntdq` when the CPU has AVX (detected once per call);
//! any alignment of the row is handled (single-element head and tail, 16- then 32-byte
//! aligned body). A writer that streamed calls
//! [`Out::fence`] before its chunk ends. The values written are the same either way.

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
    /// Write contiguous runs with non-temporal stores (only ever true on x86_64).
    stream: bool,
    /// The CPU has AVX (32-byte non-temporal stores); checked when `stream` is set.
    avx: bool,
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
            stream: false,
            avx: false,
        }
    }

    /// The same view, writing its contiguous runs (unit column stride) with non-temporal
    /// stores when `stream` is true and the target is x86_64; unchanged otherwise.
    pub fn streaming(self, stream: bool) -> Self {
        let stream = stream && cfg!(target_arch = "x86_64") && self.cs == 1;
        #[cfg(target_arch = "x86_64")]
        let avx = stream && std::arch::is_x86_feature_detected!("avx");
        #[cfg(not(target_arch = "x86_64"))]
        let avx = false;
        Out {
            stream,
            avx,
            ..self
        }
    }

    /// Orders this thread's non-temporal stores before its later stores (and so before the
    /// chunk's completion is published to the other threads). A no-op when not streaming.
    #[inline(always)]
    pub fn fence(&self) {
        #[cfg(target_arch = "x86_64")]
        if self.stream {
            // SAFETY: `sfence` is SSE, part of the x86_64 baseline; it only orders stores.
            unsafe { std::arch::x86_64::_mm_sfence() }
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
        #[cfg(target_arch = "x86_64")]
        if self.stream {
            // SAFETY: `stream` implies unit column stride: the run is `cnt` contiguous elements
            // of row i, inside the view (asserted), owned by the calling chunk.
            unsafe { stream_copy(base, &vals_s[..cnt], self.avx) };
            return;
        }
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

/// Copies `src` to `dst..dst + src.len()` with non-temporal stores: single elements until
/// `dst` is 16-byte aligned, then (with `avx`) one 16-byte store up to 32-byte alignment and
/// 32-byte stores, then 16-byte stores, then single elements for the tail. Every store is
/// non-temporal, so the write-combining buffers still assemble whole cache lines.
///
/// # Safety
/// `dst` must be valid for writing `src.len()` elements, aligned for `T`, and `T` must be
/// 4 or 8 bytes wide (f32 or f64). `avx` must be true only when the CPU has AVX.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn stream_copy<T: Real>(dst: *mut T, src: &[T], avx: bool) {
    use std::arch::x86_64::{
        __m128i, __m256i, _mm256_loadu_si256, _mm256_stream_si256, _mm_loadu_si128,
        _mm_stream_si128, _mm_stream_si32, _mm_stream_si64,
    };
    let size = std::mem::size_of::<T>();
    debug_assert!(size == 4 || size == 8);
    let (n, q) = (src.len(), src.as_ptr());
    let one = |k: usize| {
        // SAFETY: k < n: dst + k is a valid, T-aligned element (the caller's contract), read
        // from the matching element of src; SSE2 is x86_64 baseline.
        unsafe {
            if size == 8 {
                _mm_stream_si64(
                    dst.add(k) as *mut i64,
                    (q.add(k) as *const i64).read_unaligned(),
                );
            } else {
                _mm_stream_si32(
                    dst.add(k) as *mut i32,
                    (q.add(k) as *const i32).read_unaligned(),
                );
            }
        }
    };
    // SAFETY (both closures): dst + k has the alignment of the store (established by the
    // caller of the closure) and the bytes stored are elements k.. of the run, inside it
    // (checked by the caller); src has them too (unaligned loads).
    let x16 = |k: usize| unsafe {
        _mm_stream_si128(
            dst.add(k) as *mut __m128i,
            _mm_loadu_si128(q.add(k) as *const __m128i),
        )
    };
    let x32 = |k: usize| unsafe {
        _mm256_stream_si256(
            dst.add(k) as *mut __m256i,
            _mm256_loadu_si256(q.add(k) as *const __m256i),
        )
    };
    let (per16, per32) = (16 / size, 32 / size);
    // The common case, a whole run starting on a 32-byte boundary (aligned rows of a multiple
    // of 32 bytes): 32-byte stores only, no head or tail.
    if avx && (dst as usize).is_multiple_of(32) && n % per32 == 0 {
        let mut k = 0;
        while k < n {
            x32(k);
            k += per32;
        }
        return;
    }
    let head = ((16 - (dst as usize) % 16) % 16 / size).min(n);
    (0..head).for_each(one);
    let mut k = head;
    if avx {
        if !(dst.wrapping_add(k) as usize).is_multiple_of(32) && k + per16 <= n {
            x16(k);
            k += per16;
        }
        while k + per32 <= n {
            x32(k);
            k += per32;
        }
    }
    while k + per16 <= n {
        x16(k);
        k += per16;
    }
    (k..n).for_each(one);
}
