//! `laguerre_assign`: 10^6 points, 10^3 sites in 2-D, 1 and 2 threads (throughput in points/s).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use otcore::semidiscrete::{laguerre_assign_in_place, laguerre_assign_scratch};
use std::hint::black_box;

fn lcg(state: &mut u64) -> f64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (*state >> 11) as f64 / (1u64 << 53) as f64
}

fn bench(c: &mut Criterion) {
    let (big_n, n) = (1_000_000, 1_000);
    let mut s = 1u64;
    let x = faer::Mat::from_fn(big_n, 2, |_, _| lcg(&mut s));
    let y = faer::Mat::from_fn(n, 2, |_, _| lcg(&mut s));
    let g: Vec<f64> = (0..n).map(|_| 0.01 * lcg(&mut s)).collect();
    let mut cells = vec![0u32; big_n];
    let req = laguerre_assign_scratch::<f64>(n, 2);
    let mut buf =
        vec![std::mem::MaybeUninit::<u8>::uninit(); otcore::workspace::bytes_for(req).unwrap()];
    let mut group = c.benchmark_group("laguerre_assign_1e6x1e3_2d");
    group.sample_size(10);
    group.throughput(Throughput::Elements(big_n as u64));
    for threads in [1usize, 2] {
        group.bench_function(format!("f64_{threads}_threads"), |bch| {
            bch.iter(|| {
                otcore::par::with_threads(threads, |par| {
                    let stack = otcore::MemStack::new(&mut buf);
                    laguerre_assign_in_place(
                        x.as_ref(),
                        None,
                        y.as_ref(),
                        &g,
                        &mut cells,
                        None,
                        par,
                        stack,
                    )
                    .unwrap();
                })
                .unwrap();
                black_box(&cells);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
