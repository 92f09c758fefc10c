//! Strided matrix views crossing the ABI: `{data, rows, cols, row_stride, col_stride}`,
//! strides counted in elements (not bytes), element (i, j) at `data[i*row_stride + j*col_stride]`.
//! Row-major C passes `row_stride = cols, col_stride = 1`; column-major Julia, R and Fortran
//! pass `row_stride = 1, col_stride = rows`; any other non-overlapping layout works too.

/// Read-only strided view of a matrix of `double`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_matrix_f64 {
    /// Address of element (0, 0).
    pub data: *const f64,
    /// Number of rows.
    pub rows: usize,
    /// Number of columns.
    pub cols: usize,
    /// Distance in elements between (i, j) and (i+1, j).
    pub row_stride: isize,
    /// Distance in elements between (i, j) and (i, j+1).
    pub col_stride: isize,
}

/// Writable strided view of a matrix of `double` (an output: its elements must not overlap).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_matrix_mut_f64 {
    /// Address of element (0, 0).
    pub data: *mut f64,
    /// Number of rows.
    pub rows: usize,
    /// Number of columns.
    pub cols: usize,
    /// Distance in elements between (i, j) and (i+1, j).
    pub row_stride: isize,
    /// Distance in elements between (i, j) and (i, j+1).
    pub col_stride: isize,
}

/// Read-only strided view of a matrix of `float`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_matrix_f32 {
    /// Address of element (0, 0).
    pub data: *const f32,
    /// Number of rows.
    pub rows: usize,
    /// Number of columns.
    pub cols: usize,
    /// Distance in elements between (i, j) and (i+1, j).
    pub row_stride: isize,
    /// Distance in elements between (i, j) and (i, j+1).
    pub col_stride: isize,
}

/// Writable strided view of a matrix of `float` (an output: its elements must not overlap).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_matrix_mut_f32 {
    /// Address of element (0, 0).
    pub data: *mut f32,
    /// Number of rows.
    pub rows: usize,
    /// Number of columns.
    pub cols: usize,
    /// Distance in elements between (i, j) and (i+1, j).
    pub row_stride: isize,
    /// Distance in elements between (i, j) and (i, j+1).
    pub col_stride: isize,
}

/// The parts of any of the four view structs, for the generic checks of `args`.
pub trait MatrixView: Copy {
    /// Element type.
    type T: crate::Real;
    /// `(data, rows, cols, row_stride, col_stride)`.
    fn parts(&self) -> (*const Self::T, usize, usize, isize, isize);
}

macro_rules! impl_view {
    ($s:ty, $t:ty) => {
        impl MatrixView for $s {
            type T = $t;
            fn parts(&self) -> (*const $t, usize, usize, isize, isize) {
                (
                    self.data as *const $t,
                    self.rows,
                    self.cols,
                    self.row_stride,
                    self.col_stride,
                )
            }
        }
    };
}
impl_view!(otc_matrix_f64, f64);
impl_view!(otc_matrix_mut_f64, f64);
impl_view!(otc_matrix_f32, f32);
impl_view!(otc_matrix_mut_f32, f32);
