//! Cost matrix, n = m = 4000, d ∈ {2, 16, 128}, f64 and f32, 1 and 2 threads, with two
//! references measured in the same run: the memory-write bandwidth for a buffer of n·m
//! elements (filling it) and faer's matmul of the same shape (4000×d times d×4000).
//!
//! Targets (issue 2): d = 2 at ≥ 70% of the fill bandwidth; d = 128 within 1.3× of matmul;
//! 2 threads ≥ 1.8× one thread. Run: `cargo bench --bench cost_matrix`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use faer::linalg::matmul::matmul;
use faer::{Accum, Mat};
use otcore::cost::{cost_matrix_in_place, cost_matrix_scratch, Metric};
use otcore::par::with_threads;
use otcore::{MemStack, Real};
use std::hint::black_box;

const N: usize = 4000;

fn cloud<T: Real>(n: usize, d: usize, seed: u64) -> Mat<T> {
    let mut s = seed;
    Mat::from_fn(n, d, |_, _| {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        T::from_f64((s >> 11) as f64 / (1u64 << 53) as f64)
    })
}

fn bench_type<T: Real + faer::traits::ComplexField>(c: &mut Criterion) {
    let mut g = c.benchmark_group(format!("cost_{}", T::NAME));
    g.sample_size(10);
    g.throughput(Throughput::Bytes((N * N * std::mem::size_of::<T>()) as u64));
    let mut out = Mat::from_fn(N, N, |_, _| T::ZERO);
    // Row-major output (the C layout): the transpose of a column-major Mat.
    let mut out_rm = Mat::from_fn(N, N, |_, _| T::ZERO);
    for threads in [1usize, 2] {
        g.bench_function(
            BenchmarkId::new("fill", format!("threads={threads}")),
            |b| {
                b.iter(|| {
                    with_threads(threads, |par| {
                        let v = T::from_f64(0.5);
                        let cols = out.as_mut();
                        // Fixed column chunks, as the kernels do.
                        let ptr = SendPtr(cols.as_ptr_mut());
                        otcore::par::for_each_chunk(par, N / 16, |k| {
                            for j in k * 16..k * 16 + 16 {
                                // SAFETY: each chunk writes its own 16 columns of the N×N matrix.
                                let col =
                                    unsafe { std::slice::from_raw_parts_mut(ptr.at(j * N), N) };
                                col.fill(v);
                            }
                        });
                    })
                    .unwrap();
                    black_box(out.as_ref());
                })
            },
        );
    }
    for d in [2usize, 16, 128] {
        let x = cloud::<T>(N, d, 1);
        let y = cloud::<T>(N, d, 2);
        for threads in [1usize, 2] {
            let par = if threads == 1 {
                faer::Par::Seq
            } else {
                faer::Par::rayon(threads)
            };
            g.bench_function(
                BenchmarkId::new(format!("matmul d={d}"), format!("threads={threads}")),
                |b| {
                    b.iter(|| {
                        with_threads(threads, |_| {
                            matmul(
                                out.as_mut(),
                                Accum::Replace,
                                x.as_ref(),
                                y.transpose(),
                                T::ONE,
                                par,
                            )
                        })
                        .unwrap();
                        black_box(out.as_ref());
                    })
                },
            );
            // Minkowski p = 1 always takes the direct kernel (its inner loop costs what the
            // direct squared Euclidean one does): the reference for the matmul crossover.
            for (name, metric) in [
                ("sqeuclidean", Metric::SqEuclidean),
                ("cityblock", Metric::Minkowski(1.0)),
            ] {
                if name == "cityblock" && threads == 2 {
                    continue;
                }
                let req = cost_matrix_scratch::<T>(N, N, d, metric);
                let mut buf = vec![
                    std::mem::MaybeUninit::uninit();
                    otcore::workspace::bytes_for(req).unwrap()
                ];
                g.bench_function(
                    BenchmarkId::new(format!("{name} d={d}"), format!("threads={threads}")),
                    |b| {
                        b.iter(|| {
                            with_threads(threads, |par| {
                                cost_matrix_in_place(
                                    x.as_ref(),
                                    y.as_ref(),
                                    out_rm.as_mut().transpose_mut(),
                                    metric,
                                    par,
                                    MemStack::new(&mut buf),
                                )
                            })
                            .unwrap()
                            .unwrap();
                            black_box(out_rm.as_ref());
                        })
                    },
                );
            }
        }
    }
    g.finish();
}

#[derive(Clone, Copy)]
struct SendPtr<T>(*mut T);
// SAFETY: used to hand disjoint columns to the chunks of one fill.
unsafe impl<T> Send for SendPtr<T> {}
// SAFETY: as above.
unsafe impl<T> Sync for SendPtr<T> {}
impl<T> SendPtr<T> {
    fn at(self, k: usize) -> *mut T {
        // SAFETY: k stays inside the N×N buffer.
        unsafe { self.0.add(k) }
    }
}

fn benches(c: &mut Criterion) {
    bench_type::<f64>(c);
    bench_type::<f32>(c);
}

criterion_group!(cost, benches);
criterion_main!(cost);
