//! Data shared by the benchmarks and the examples that go with them (a module, not a bench
//! target: Cargo only discovers `benches/*.rs` and `benches/*/main.rs`). The examples include
//! it with `#[path = "../benches/common/mod.rs"] mod common;`.

use faer::Mat;

/// `n` points uniform in [0,1]² (n × 2), reproducible from `seed` (a 64-bit LCG, 53-bit
/// mantissas).
pub fn cloud(n: usize, seed: u64) -> Mat<f64> {
    let mut s = seed;
    Mat::from_fn(n, 2, |_, _| {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    })
}
