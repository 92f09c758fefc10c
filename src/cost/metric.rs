//! The ground metrics of [`super::cost_matrix`] and their validation.

use crate::{bail, Result};

/// A ground cost between two points `x`, `y` of ℝ^d.
///
/// Every metric is symmetric, `c(x, y) = c(y, x)`, and `c(x, x) = 0` exactly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Metric {
    /// `|x − y|²` (the default of optimal transport; W2²).
    SqEuclidean,
    /// `|x − y|`.
    Euclidean,
    /// `(Σ_k |x_k − y_k|^p)^(1/p)` with finite `p ≥ 1`. `p = 1` is the city-block distance,
    /// `p = 2` the Euclidean one. Powers are taken in the working precision: for large `p`
    /// and large coordinates `|x_k − y_k|^p` may overflow to +∞.
    Minkowski(f64),
    /// `1 − <x, y> / (|x| |y|)`, in `[0, 2]`. Convention for zero vectors: the distance is 0
    /// when both are zero and 1 when exactly one is (a vector whose squared norm underflows
    /// to 0 counts as zero).
    Cosine,
}

impl Metric {
    /// Checks the parameter of [`Metric::Minkowski`]: finite and `p ≥ 1`.
    pub fn validate(self) -> Result<()> {
        if let Metric::Minkowski(p) = self {
            if !p.is_finite() || p < 1.0 {
                bail!(
                    InvalidArgument,
                    "Minkowski exponent p = {p:?}: it must be finite and >= 1"
                );
            }
        }
        Ok(())
    }

    /// The metric that `Minkowski(p)` reduces to for p = 2 (Euclidean); others unchanged.
    pub(super) fn normalized(self) -> Metric {
        match self {
            Metric::Minkowski(2.0) => Metric::Euclidean,
            m => m,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn minkowski_exponent_is_checked() {
        for p in [0.5, 0.999, f64::NAN, f64::INFINITY, -1.0] {
            let e = Metric::Minkowski(p).validate().unwrap_err();
            assert_eq!(e.kind, ErrorKind::InvalidArgument, "p = {p}");
        }
        for p in [1.0, 1.5, 2.0, 7.0] {
            Metric::Minkowski(p).validate().unwrap();
        }
        assert_eq!(Metric::Minkowski(2.0).normalized(), Metric::Euclidean);
        assert_eq!(Metric::Minkowski(3.0).normalized(), Metric::Minkowski(3.0));
    }
}
