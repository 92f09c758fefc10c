//! Batched network simplex: 256 problems of 128 x 128 (uniform random 2-D points, squared
//! Euclidean cost), on 1 and 2 threads. The ratio of the two times is the batch's speed-up.

use criterion::{criterion_group, criterion_main, Criterion};
use faer::Mat;
use otcore::exact::{emd_batch, EmdParams};

fn problems(k: usize, n: usize) -> (Vec<f64>, Vec<Mat<f64>>) {
    let mut s = 0x9E3779B97F4A7C15u64;
    let mut u = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let mats = (0..k)
        .map(|_| {
            let p: Vec<[f64; 2]> = (0..n).map(|_| [u(), u()]).collect();
            let q: Vec<[f64; 2]> = (0..n).map(|_| [u(), u()]).collect();
            Mat::from_fn(n, n, |i, j| {
                (p[i][0] - q[j][0]).powi(2) + (p[i][1] - q[j][1]).powi(2)
            })
        })
        .collect();
    (vec![1.0 / n as f64; k * n], mats)
}

fn batch(c: &mut Criterion) {
    let (k, n) = (256, 128);
    let (w, mats) = problems(k, n);
    let views: Vec<_> = mats.iter().map(|m| m.as_ref()).collect();
    let p = EmdParams::default();
    let mut g = c.benchmark_group("emd_batch_256x128x128");
    g.sample_size(10);
    for threads in [1, 2] {
        g.bench_function(format!("threads={threads}"), |bch| {
            bch.iter(|| emd_batch(n, n, &w, &w, &views, &p, threads).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
