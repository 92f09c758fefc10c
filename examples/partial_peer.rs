//! Times exact partial OT (`otcore::exact::emd_partial`) on a problem stored by
//! `benches/peers/partial_pot.py`, for the side-by-side comparison with POT.
//!
//! File layout (little-endian): n, m as u64; the target mass as f64; a (n f64); b (m f64); the
//! row-major n×m cost (f64). Prints `best_seconds cost mass` on one line.
//!
//!     cargo run --release --example partial_peer -- problem.bin [repeat]

use otcore::exact::{emd_partial, PartialParams};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .expect("usage: partial_peer problem.bin [repeat]");
    let repeat: usize = args.get(2).map_or(3, |r| r.parse().expect("repeat"));
    let bytes = std::fs::read(path).expect("read the problem file");
    let word = |k: usize| <[u8; 8]>::try_from(&bytes[8 * k..8 * k + 8]).unwrap();
    let (n, m) = (
        u64::from_le_bytes(word(0)) as usize,
        u64::from_le_bytes(word(1)) as usize,
    );
    let f = |k: usize| f64::from_le_bytes(word(k));
    let mass = f(2);
    let a: Vec<f64> = (0..n).map(|i| f(3 + i)).collect();
    let b: Vec<f64> = (0..m).map(|j| f(3 + n + j)).collect();
    let base = 3 + n + m;
    let cost = faer::Mat::from_fn(n, m, |i, j| f(base + i * m + j));
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..repeat {
        let t = Instant::now();
        let s = emd_partial(&a, &b, cost.as_ref(), mass, &PartialParams::default()).unwrap();
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(s);
    }
    let s = last.expect("repeat >= 1");
    println!("{best:.6} {:.15e} {:.15e}", s.info.cost, s.info.mass);
}
