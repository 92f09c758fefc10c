//! Data shared by the benchmarks and the examples that go with them (a module, not a bench
//! target: Cargo only discovers `benches/*.rs` and `benches/*/main.rs`). The examples include
//! it with `#[path = "../benches/common/mod.rs"] mod common;`.

use faer::Mat;
use otcore::Real;

/// `n` points uniform in [0, 1]^d (n × d), reproducible from `seed` (a 64-bit LCG, 53-bit
/// mantissas, filled in faer's order).
pub fn cloud<T: Real>(n: usize, d: usize, seed: u64) -> Mat<T> {
    let mut s = seed;
    Mat::from_fn(n, d, |_, _| {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        T::from_f64((s >> 11) as f64 / (1u64 << 53) as f64)
    })
}
