//! Status codes of the C ABI: explicit numbers, never reused. 0 is success, 1–99 are warnings
//! (the outputs are valid), 100 and above are errors (the outputs are untouched).

use crate::ErrorKind;
use std::ffi::c_char;

/// Result of every otcore call: `OTC_OK`, a warning (1–99) or an error (≥ 100).
pub type otc_status = i32;

/// Success.
pub const OTC_OK: otc_status = 0;
/// An iterative method stopped at its iteration cap before meeting its tolerance; the
/// outputs hold the last iterate and are valid.
pub const OTC_WARN_MAX_ITER: otc_status = 1;
/// A matrix was singular or rank-deficient; a documented fallback (pseudo-inverse) was used.
pub const OTC_WARN_SINGULAR: otc_status = 2;
/// The options' callback asked the solver to stop; the outputs hold the iterate reached and
/// are valid (as at the iteration cap).
pub const OTC_WARN_CANCELLED: otc_status = 3;
/// A required pointer is NULL.
pub const OTC_ERR_NULL_POINTER: otc_status = 100;
/// A dimension is zero, or dimensions that must agree do not.
pub const OTC_ERR_INVALID_DIMENSION: otc_status = 101;
/// A parameter is out of range, or an integer names no known enumerator.
pub const OTC_ERR_INVALID_ARGUMENT: otc_status = 102;
/// An input holds NaN or an infinity.
pub const OTC_ERR_NON_FINITE: otc_status = 103;
/// The two marginals do not carry the same mass within tolerance.
pub const OTC_ERR_MASS_MISMATCH: otc_status = 104;
/// The problem has no feasible solution.
pub const OTC_ERR_INFEASIBLE: otc_status = 105;
/// The workspace is smaller than the `*_workspace_size` query said.
pub const OTC_ERR_WORKSPACE_TOO_SMALL: otc_status = 106;
/// An options struct's `struct_size` does not match this library (header/library mismatch).
pub const OTC_ERR_ABI_MISMATCH: otc_status = 107;
/// A numerical failure the inputs did not announce.
pub const OTC_ERR_NUMERICAL: otc_status = 108;
/// A stride is invalid (zero where it must not be, misaligned data, or a view that does not
/// fit in the address space).
pub const OTC_ERR_INVALID_STRIDE: otc_status = 109;
/// An output overlaps itself or an input.
pub const OTC_ERR_ALIASING: otc_status = 110;
/// A matrix that must be symmetric positive semi-definite is not, beyond rounding.
pub const OTC_ERR_NOT_PSD: otc_status = 111;
/// A size computation overflows.
pub const OTC_ERR_OVERFLOW: otc_status = 112;
/// The worker threads could not be started.
pub const OTC_ERR_THREADS: otc_status = 113;
/// An allocation failed; `otc_last_error_message` names the bytes asked. Nothing was written.
pub const OTC_ERR_OUT_OF_MEMORY: otc_status = 114;
/// A panic inside otcore (a bug: please report it with the message).
pub const OTC_ERR_PANIC: otc_status = 199;

/// The status code of an error kind.
pub(crate) fn status_of(kind: ErrorKind) -> otc_status {
    match kind {
        ErrorKind::NullPointer => OTC_ERR_NULL_POINTER,
        ErrorKind::InvalidDimension => OTC_ERR_INVALID_DIMENSION,
        ErrorKind::InvalidArgument => OTC_ERR_INVALID_ARGUMENT,
        ErrorKind::NonFinite => OTC_ERR_NON_FINITE,
        ErrorKind::MassMismatch => OTC_ERR_MASS_MISMATCH,
        ErrorKind::Infeasible => OTC_ERR_INFEASIBLE,
        ErrorKind::WorkspaceTooSmall => OTC_ERR_WORKSPACE_TOO_SMALL,
        ErrorKind::AbiMismatch => OTC_ERR_ABI_MISMATCH,
        ErrorKind::Numerical => OTC_ERR_NUMERICAL,
        ErrorKind::InvalidStride => OTC_ERR_INVALID_STRIDE,
        ErrorKind::Aliasing => OTC_ERR_ALIASING,
        ErrorKind::NotPositiveSemidefinite => OTC_ERR_NOT_PSD,
        ErrorKind::Overflow => OTC_ERR_OVERFLOW,
        ErrorKind::Threads => OTC_ERR_THREADS,
        ErrorKind::Panic => OTC_ERR_PANIC,
        ErrorKind::OutOfMemory => OTC_ERR_OUT_OF_MEMORY,
    }
}

/// A static, NUL-terminated description of `status` ("unknown status" for numbers otcore
/// never returns). Never NULL; the caller must not free it.
#[no_mangle]
pub extern "C" fn otc_status_message(status: otc_status) -> *const c_char {
    let s: &'static std::ffi::CStr = match status {
        OTC_OK => c"success",
        OTC_WARN_MAX_ITER => c"warning: iteration cap reached before convergence",
        OTC_WARN_SINGULAR => c"warning: singular matrix, pseudo-inverse used",
        OTC_WARN_CANCELLED => {
            c"warning: stopped by the callback; the outputs hold the iterate reached"
        }
        OTC_ERR_NULL_POINTER => c"a required pointer is NULL",
        OTC_ERR_INVALID_DIMENSION => c"invalid dimension",
        OTC_ERR_INVALID_ARGUMENT => c"invalid argument",
        OTC_ERR_NON_FINITE => c"input holds NaN or infinity",
        OTC_ERR_MASS_MISMATCH => c"marginals carry different masses",
        OTC_ERR_INFEASIBLE => c"problem is infeasible",
        OTC_ERR_WORKSPACE_TOO_SMALL => c"workspace too small",
        OTC_ERR_ABI_MISMATCH => c"options struct_size mismatch: header and library disagree",
        OTC_ERR_NUMERICAL => c"numerical failure",
        OTC_ERR_INVALID_STRIDE => c"invalid stride or misaligned data",
        OTC_ERR_ALIASING => c"output overlaps itself or an input",
        OTC_ERR_NOT_PSD => c"matrix is not symmetric positive semi-definite",
        OTC_ERR_OVERFLOW => c"size computation overflows",
        OTC_ERR_THREADS => c"cannot start worker threads",
        OTC_ERR_OUT_OF_MEMORY => c"out of memory",
        OTC_ERR_PANIC => c"internal error (panic caught at the C boundary)",
        _ => c"unknown status",
    };
    s.as_ptr()
}
