//! Helpers shared by the exact-OT tests: a deterministic generator and normalisation.
#![allow(dead_code)]

/// xorshift64*: deterministic uniform numbers in [0, 1), no dependency.
pub struct Rng(pub u64);
impl Rng {
    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545F4914F6CDD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform integer in lo..=hi.
    pub fn int(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.uniform() * (hi - lo + 1) as f64) as usize
    }
}

/// `w` scaled to sum 1.
pub fn normalised(mut w: Vec<f64>) -> Vec<f64> {
    let s: f64 = w.iter().sum();
    w.iter_mut().for_each(|x| *x /= s);
    w
}
