//! Built-in demo data: deterministic point clouds and weights, no files, no randomness crate.

use faer::Mat;

/// Two 2-D point clouds with uniform weights.
pub struct Data {
    /// Source points (n × 2): two interleaved half-moons.
    pub x: Mat<f64>,
    /// Target points (m × 2): a noisy ring.
    pub y: Mat<f64>,
    /// Source weights (sum 1).
    pub a: Vec<f64>,
    /// Target weights (sum 1).
    pub b: Vec<f64>,
}

/// A small linear congruential generator: uniform numbers in [0, 1), reproducible.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }
    pub fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

impl Data {
    pub fn new() -> Self {
        let (n, m) = (300, 200);
        let mut rng = Lcg::new(7);
        let x = Mat::from_fn(n, 2, |_, _| 0.0);
        let mut x = x;
        for i in 0..n {
            let t = std::f64::consts::PI * rng.uniform();
            let (cx, cy, s) = if i % 2 == 0 {
                (0.0, 0.0, 1.0)
            } else {
                (1.0, 0.5, -1.0)
            };
            x[(i, 0)] = cx + t.cos() + 0.05 * (rng.uniform() - 0.5);
            x[(i, 1)] = cy + s * t.sin() + 0.05 * (rng.uniform() - 0.5);
        }
        let mut y = Mat::from_fn(m, 2, |_, _| 0.0);
        for j in 0..m {
            let t = 2.0 * std::f64::consts::PI * rng.uniform();
            let r = 1.5 + 0.1 * (rng.uniform() - 0.5);
            y[(j, 0)] = 0.5 + r * t.cos();
            y[(j, 1)] = 0.25 + r * t.sin();
        }
        Data {
            x,
            y,
            a: vec![1.0 / n as f64; n],
            b: vec![1.0 / m as f64; m],
        }
    }
}
