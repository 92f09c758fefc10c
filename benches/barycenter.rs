//! Convolutional entropic barycenter of 4 images 256×256 (reg 0.004, the problem of
//! `benches/peers/barycenter_pot.py`): time of 5 iterations (no early stop), f64 and f32,
//! 1 and 2 threads. `cargo bench --bench barycenter`; for a profile,
//! `cargo bench --bench barycenter -- f64_1 --profile-time 10`.

use criterion::{criterion_group, criterion_main, Criterion};
use otcore::barycenter::{
    convolutional_barycenter_in_place, convolutional_barycenter_scratch, BarycenterParams,
};
use otcore::Real;
use std::hint::black_box;

const SIDE: usize = 256;
const IMAGES: usize = 4;
const ITERS: usize = 5;

/// Four Gaussian blobs on the unit square plus 1e-6 background, each summing to 1 (pixel
/// `r·SIDE + c` in row r; one image a column).
fn images<T: Real>() -> faer::Mat<T> {
    let blobs = [
        (0.25, 0.25, 0.08),
        (0.75, 0.3, 0.1),
        (0.3, 0.75, 0.12),
        (0.7, 0.7, 0.06),
    ];
    let t = |i: usize| i as f64 / (SIDE - 1) as f64;
    let mut m = faer::Mat::from_fn(SIDE * SIDE, IMAGES, |p, k| {
        let (cr, cc, s) = blobs[k];
        let (dr, dc) = (t(p / SIDE) - cr, t(p % SIDE) - cc);
        (-(dr * dr + dc * dc) / (2.0 * s * s)).exp() + 1e-6
    });
    for k in 0..IMAGES {
        let total: f64 = m.col(k).iter().sum();
        m.col_mut(k).iter_mut().for_each(|v| *v /= total);
    }
    faer::Mat::from_fn(SIDE * SIDE, IMAGES, |p, k| T::from_f64(m[(p, k)]))
}

fn bench_type<T: Real>(c: &mut Criterion) {
    let a = images::<T>();
    let params = BarycenterParams {
        epsilon: 0.004,
        max_iter: ITERS,
        tol: 0.0,
    };
    let req = convolutional_barycenter_scratch::<T>(SIDE, SIDE, IMAGES);
    let mut buf = vec![std::mem::MaybeUninit::uninit(); otcore::workspace::bytes_for(req).unwrap()];
    let mut out = vec![T::ZERO; SIDE * SIDE];
    let mut group = c.benchmark_group(format!(
        "convolutional_barycenter_{SIDE}x{SIDE}x{IMAGES}_{ITERS}_iterations"
    ));
    group.sample_size(10);
    for threads in [1usize, 2] {
        group.bench_function(format!("{}_{threads}_threads", T::NAME), |bch| {
            bch.iter(|| {
                otcore::par::with_threads(threads, |par| {
                    let stack = otcore::MemStack::new(&mut buf);
                    convolutional_barycenter_in_place(
                        a.as_ref(),
                        SIDE,
                        SIDE,
                        None,
                        &mut out,
                        &params,
                        par,
                        stack,
                    )
                    .unwrap()
                })
                .unwrap();
                black_box(&out);
            })
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    bench_type::<f64>(c);
    bench_type::<f32>(c);
}

criterion_group!(benches, bench);
criterion_main!(benches);
