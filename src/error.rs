//! Errors of the Rust core. Each kind maps to one C status code (see `ffi::status`).

use std::fmt;

/// What went wrong, independent of the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A required pointer was NULL (C ABI only).
    NullPointer,
    /// A dimension is zero, or two dimensions that must agree do not.
    InvalidDimension,
    /// A parameter is out of its range (negative epsilon, p < 1, unknown metric, ...).
    InvalidArgument,
    /// An input holds NaN or an infinity.
    NonFinite,
    /// The two marginals do not carry the same mass within tolerance.
    MassMismatch,
    /// The problem has no feasible solution.
    Infeasible,
    /// The caller's workspace is smaller than the `*_workspace_size` query said.
    WorkspaceTooSmall,
    /// An options struct has an unexpected `struct_size` (header and library disagree).
    AbiMismatch,
    /// A numerical failure the inputs did not announce (e.g. an eigensolver did not converge).
    Numerical,
    /// A stride is zero where it must not be, or a view does not fit in the address space.
    InvalidStride,
    /// An output view overlaps itself or an input.
    Aliasing,
    /// A matrix that must be symmetric positive semi-definite is not (beyond rounding).
    NotPositiveSemidefinite,
    /// A size computation overflowed `usize` / `isize`.
    Overflow,
    /// The worker pool for the requested thread count could not be created.
    Threads,
    /// A panic inside the library (a bug): caught at the C boundary.
    Panic,
    /// An allocation failed (the message names the bytes asked).
    OutOfMemory,
}

/// An error with its kind and a message for humans ("b sums to 0.97, a to 1.0: ...").
///
/// Building an error allocates its message; success paths never build one.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    /// The kind, which decides the C status code.
    pub kind: ErrorKind,
    /// The detail, in English, without a trailing period.
    pub message: String,
}

impl Error {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)
    }
}

impl std::error::Error for Error {}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Returns an [`Error`] of the given kind with a formatted message from the current function.
#[macro_export]
macro_rules! bail {
    ($kind:ident, $($arg:tt)*) => {
        return Err($crate::Error::new($crate::ErrorKind::$kind, format!($($arg)*)))
    };
}

/// Checks that every value of `xs` is finite; `what` names the input in the message.
pub fn check_finite<T: crate::Real>(what: &str, xs: impl IntoIterator<Item = T>) -> Result<()> {
    for (i, x) in xs.into_iter().enumerate() {
        if !x.is_finite() {
            bail!(NonFinite, "{what}[{i}] is {x:?}, not a finite number");
        }
    }
    Ok(())
}

/// Checks that every value of `xs` is finite and non-negative; `what` names the input.
pub fn check_weights<T: crate::Real>(what: &str, xs: &[T]) -> Result<()> {
    for (i, &x) in xs.iter().enumerate() {
        if !x.is_finite() {
            bail!(NonFinite, "{what}[{i}] is {x:?}, not a finite number");
        }
        if x < T::ZERO {
            bail!(
                InvalidArgument,
                "{what}[{i}] is {x:?}: weights must be >= 0"
            );
        }
    }
    Ok(())
}

/// Checks that histograms `a` and `b` carry the same mass: |Σa − Σb| ≤ `rel_tol`·max(Σa, Σb),
/// summed in f64. The message says which side is heavier and by how much.
pub fn check_mass_balance<T: crate::Real>(a: &[T], b: &[T], rel_tol: f64) -> Result<(f64, f64)> {
    let sa: f64 = a.iter().map(|x| x.to_f64()).sum();
    let sb: f64 = b.iter().map(|x| x.to_f64()).sum();
    if sa.is_infinite() || sb.is_infinite() {
        bail!(
            InvalidArgument,
            "a sums to {sa:e} and b to {sb:e}: the weights overflow when summed; rescale them"
        );
    }
    if sa.is_nan() || sb.is_nan() || sa <= 0.0 || sb <= 0.0 {
        bail!(
            InvalidArgument,
            "a sums to {sa:e} and b to {sb:e}: both must carry positive mass"
        );
    }
    let gap = (sa - sb).abs() / sa.max(sb);
    if gap > rel_tol {
        let (heavy, hv, light, lv) = if sa > sb {
            ("a", sa, "b", sb)
        } else {
            ("b", sb, "a", sa)
        };
        bail!(
            MassMismatch,
            "{heavy} is heavier: {heavy} sums to {hv:.17e}, {light} to {lv:.17e}: relative gap {gap:.3e} > tolerance {rel_tol:.1e}"
        );
    }
    Ok((sa, sb))
}
