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
    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = 1.0 - self.uniform();
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// `n` points uniform in the unit cube `[0, 1)^d`, one per row.
pub fn uniform_points<T: Real>(rng: &mut Rng, n: usize, d: usize) -> Mat<T> {
    let v: Vec<T> = (0..n * d).map(|_| T::from_f64(rng.uniform())).collect();
    Mat::from_fn(n, d, |i, k| v[i * d + k])
}
