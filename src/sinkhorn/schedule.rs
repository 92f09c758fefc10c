//! ε-scaling: a geometric schedule from a large ε down to the target (as GeomLoss anneals),
//! so that early iterations see a smooth problem and later ones start warm.

/// ε-scaling settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scaling {
    /// Number of intermediate ε values before the target (0 = no scaling).
    pub steps: usize,
    /// First ε, in cost units; 0 or less means the cost's scale (its largest value).
    pub start: f64,
    /// Iterations run at each intermediate ε (≥ 1 when `steps` > 0).
    pub iters_per_step: usize,
}

impl Default for Scaling {
    fn default() -> Self {
        Scaling {
            steps: 0,
            start: 0.0,
            iters_per_step: 10,
        }
    }
}

/// The intermediate ε values: `start · (target/start)^(k/steps)` for k = 0..steps, i.e.
/// `steps` values falling geometrically from `start` towards `target` (which is excluded).
/// Empty when `start ≤ target` or `steps = 0`.
pub fn intermediate(start: f64, target: f64, steps: usize) -> impl Iterator<Item = f64> {
    let active = steps > 0 && start > target;
    let n = if active { steps } else { 0 };
    let ratio = if active { target / start } else { 1.0 };
    (0..n).map(move |k| start * ratio.powf(k as f64 / steps as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometric_from_start_to_before_target() {
        let s: Vec<f64> = intermediate(1.0, 1e-3, 3).collect();
        assert_eq!(s.len(), 3);
        assert!((s[0] - 1.0).abs() < 1e-15);
        assert!((s[1] - 0.1).abs() < 1e-15);
        assert!((s[2] - 0.01).abs() < 1e-15);
        assert_eq!(intermediate(1e-3, 1e-2, 5).count(), 0);
        assert_eq!(intermediate(1.0, 1e-2, 0).count(), 0);
    }
}
