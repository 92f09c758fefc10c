//! Seeded test data: a SplitMix64 generator, uniform and Gaussian-mixture samples.

use crate::Real;
use faer::Mat;

/// SplitMix64: a small, fast, seeded generator (tests and demos only).
pub struct Rng(u64);

impl Rng {
    /// A generator with the given seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` points uniform in the unit cube `[0, 1)^d`, one per row.
pub fn uniform_points<T: Real>(rng: &mut Rng, n: usize, d: usize) -> Mat<T> {
    let v: Vec<T> = (0..n * d).map(|_| T::from_f64(rng.uniform())).collect();
    Mat::from_fn(n, d, |i, k| v[i * d + k])
}

/// The `side × side` grid of cell centres of the unit square (row-major, one point per row) and
/// the normalised density of a mixture of two isotropic Gaussians sampled on it.
pub fn two_gaussian_grid(side: usize) -> (Mat<f64>, Vec<f64>) {
    let x = Mat::from_fn(side * side, 2, |i, k| {
        let c = if k == 0 { i % side } else { i / side };
        (c as f64 + 0.5) / side as f64
    });
    let mut w: Vec<f64> = (0..side * side)
        .map(|i| {
            let (u, v) = (x[(i, 0)], x[(i, 1)]);
            let g1 = (-((u - 0.3).powi(2) + (v - 0.35).powi(2)) / (2.0 * 0.1f64.powi(2))).exp();
            let g2 = (-((u - 0.7).powi(2) + (v - 0.65).powi(2)) / (2.0 * 0.15f64.powi(2))).exp();
            g1 + 0.7 * g2 + 1e-3
        })
        .collect();
    let s: f64 = w.iter().sum();
    w.iter_mut().for_each(|v| *v /= s);
    (x, w)
}
