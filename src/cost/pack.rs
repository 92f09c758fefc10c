//! Packing of strided point clouds into the contiguous layouts the direct kernel reads.

use crate::{MatRef, Real};

/// Bytes of one packed column block row: the direct kernel's register tile spans at most
/// this many bytes of output (4 vectors of 64 bytes with AVX-512).
const BLOCK_BYTES: usize = 256;

/// Columns (points of `y`) per packed block.
pub(super) fn block<T>() -> usize {
    BLOCK_BYTES / std::mem::size_of::<T>()
}

/// `m` rounded up to whole blocks.
pub(super) fn padded<T>(m: usize) -> usize {
    m.div_ceil(block::<T>()).saturating_mul(block::<T>())
}

/// Copies `x` (n×d, any strides) into `dst` row-major: point i at `dst[i*d..(i+1)*d]`.
pub(super) fn pack_rows<T: Real>(x: MatRef<'_, T>, dst: &mut [T]) {
    let d = x.ncols();
    for (i, row) in dst.chunks_exact_mut(d).enumerate() {
        for (k, v) in row.iter_mut().enumerate() {
            *v = x[(i, k)];
        }
    }
}

/// Copies `y` (m×d, any strides) into `dst` (length `padded(m)·d`, zero-filled) transposed
/// by blocks of `B = block()` points: coordinate k of point j at
/// `dst[(j / B)·d·B + k·B + j % B]`, so that for one coordinate the B points of a block are
/// contiguous and a whole block (d·B values) is contiguous too.
pub(super) fn pack_cols<T: Real>(y: MatRef<'_, T>, dst: &mut [T]) {
    let (m, d) = (y.nrows(), y.ncols());
    let b = block::<T>();
    for j in 0..m {
        let base = (j / b) * d * b + j % b;
        for k in 0..d {
            dst[base + k * b] = y[(j, k)];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_layouts_hold_every_coordinate_once() {
        let (m, d) = (70, 3);
        let y = faer::Mat::from_fn(m, d, |j, k| (j * 10 + k) as f64);
        let b = block::<f64>();
        assert_eq!(b, 32);
        let mut dst = vec![0.0; padded::<f64>(m) * d];
        pack_cols(y.as_ref(), &mut dst);
        for j in 0..m {
            for k in 0..d {
                assert_eq!(dst[(j / b) * d * b + k * b + j % b], y[(j, k)]);
            }
        }
        let nonzero = dst.iter().filter(|&&v| v != 0.0).count();
        assert_eq!(
            nonzero,
            m * d - 1,
            "padding stays zero (y[(0, 0)] is the one zero)"
        );
        let mut rows = vec![0.0; m * d];
        pack_rows(y.transpose().transpose(), &mut rows);
        assert_eq!(rows[5 * d + 2], 52.0);
    }
}
