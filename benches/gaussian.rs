//! Gaussian OT: W₂ distance and map at d ∈ {16, 64, 256}, and all pairs between two batches of
//! 64 Gaussians at d = 16 with 1 and 2 threads (the same caller workspace layout per count).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use faer::Mat;
use otcore::gaussian::*;
use otcore::workspace::bytes_for;
use otcore::{MatRef, MemStack, Par};

/// A deterministic SPD matrix G Gᵀ / d + 0.1 I.
fn spd(d: usize, seed: u64) -> Mat<f64> {
    let mut s = seed.wrapping_mul(0x9E3779B97F4A7C15) | 1;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    };
    let g = Mat::from_fn(d, d, |_, _| next());
    let mut c = &g * g.transpose() * (1.0 / d as f64);
    for i in 0..d {
        c[(i, i)] += 0.1;
    }
    Mat::from_fn(d, d, |i, j| 0.5 * (c[(i, j)] + c[(j, i)]))
}

fn buffer(req: otcore::StackReq) -> Vec<std::mem::MaybeUninit<u8>> {
    vec![std::mem::MaybeUninit::uninit(); bytes_for(req).unwrap()]
}

fn single(c: &mut Criterion) {
    let tol = PsdTolerances::default();
    let mut g = c.benchmark_group("gaussian");
    for d in [16usize, 64, 256] {
        let (s1, s2) = (spd(d, 1), spd(d, 2));
        let (m1, m2) = (vec![0.1; d], vec![-0.2; d]);
        let mut buf = buffer(map_scratch(d, Par::Seq).or(bures_distance_scratch(d, Par::Seq)));
        g.bench_with_input(BenchmarkId::new("w2", d), &d, |b, _| {
            b.iter(|| {
                gaussian_w2_in_place(
                    &m1,
                    s1.as_ref(),
                    &m2,
                    s2.as_ref(),
                    &tol,
                    Par::Seq,
                    MemStack::new(&mut buf),
                )
                .unwrap()
            })
        });
        let mut a = Mat::<f64>::zeros(d, d);
        g.bench_with_input(BenchmarkId::new("map", d), &d, |b, _| {
            b.iter(|| {
                map_in_place(
                    s1.as_ref(),
                    s2.as_ref(),
                    a.as_mut(),
                    &tol,
                    Par::Seq,
                    MemStack::new(&mut buf),
                )
                .unwrap()
            })
        });
    }
    g.finish();
}

fn pairwise(c: &mut Criterion) {
    let tol = PsdTolerances::default();
    let (k, d) = (64, 16);
    let c1: Vec<Mat<f64>> = (0..k).map(|i| spd(d, 100 + i as u64)).collect();
    let c2: Vec<Mat<f64>> = (0..k).map(|i| spd(d, 300 + i as u64)).collect();
    let v1: Vec<MatRef<'_, f64>> = c1.iter().map(|m| m.as_ref()).collect();
    let v2: Vec<MatRef<'_, f64>> = c2.iter().map(|m| m.as_ref()).collect();
    let m1 = Mat::from_fn(k, d, |i, j| ((i + j) % 5) as f64);
    let m2 = Mat::from_fn(k, d, |i, j| ((i * j) % 3) as f64);
    let mut out = Mat::<f64>::zeros(k, k);
    let mut g = c.benchmark_group("gaussian_pairwise_64x64_d16");
    for threads in [1usize, 2] {
        g.bench_with_input(BenchmarkId::new("threads", threads), &threads, |b, &t| {
            otcore::par::with_threads(t, |par| {
                let mut buf = buffer(w2_pairwise_scratch(k, k, d, par));
                b.iter(|| {
                    w2_pairwise_in_place(
                        m1.as_ref(),
                        &v1,
                        m2.as_ref(),
                        &v2,
                        out.as_mut(),
                        &tol,
                        par,
                        MemStack::new(&mut buf),
                    )
                    .unwrap()
                })
            })
            .unwrap()
        });
    }
    g.finish();
}

criterion_group!(benches, single, pairwise);
criterion_main!(benches);
