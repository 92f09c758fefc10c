//! Cost matrix, n = m = 4000, d ∈ {2, 16, 128}, f64 and f32, 1 and 2 threads, with two
//! references measured in the same run: the memory-write bandwidth for a buffer of n·m
//! elements (filling it) and faer's matmul of the same shape (4000×d times d×4000).
//!
//! Targets (issue 2): d = 2 at ≥ 70% of the fill bandwidth; d = 128 within 1.3× of matmul;
//! 2 threads ≥ 1.8× one thread. Run: `cargo bench --bench cost_matrix` (criterion), or
//! `cargo bench --bench cost_matrix -- ratios` for one table of best-of-7 times and the ratios
//! of the targets measured in the same run, including the machine's write bandwidth with normal
//! and with non-temporal stores on 1 and 2 threads (what the d = 2 targets are bounded by).

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use faer::linalg::matmul::matmul;
use faer::{Accum, Mat, MatMut};
use otcore::cost::{
    cost_matrix_in_place, cost_matrix_in_place_stores, cost_matrix_scratch, Metric,
};
use otcore::par::with_threads;
use otcore::{MemStack, Real};
use std::hint::black_box;

mod common;
use common::cloud;

const N: usize = 4000;

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
/// Best wall times, in seconds, of the `fs` run in turn `reps` times (interleaved, so that a
/// change of the shared machine's load hits them all alike), after one warm-up run each.
fn best_interleaved(reps: usize, fs: &mut [Box<dyn FnMut() + '_>]) -> Vec<f64> {
    let mut t = vec![f64::INFINITY; fs.len()];
    for r in 0..=reps {
        for (f, t) in fs.iter_mut().zip(&mut t) {
            let t0 = std::time::Instant::now();
            f();
            if r > 0 {
                *t = t.min(t0.elapsed().as_secs_f64());
            }
        }
    }
    t
}

/// Fills the N×N row-major `buf` with 0.5 on `threads` threads (fixed chunks of 16 rows),
/// with normal or (x86_64) non-temporal stores: the machine's write bandwidth for the output.
fn fill_rows<T: Real>(buf: &mut [T], threads: usize, stream: bool) {
    let ptr = SendPtr(buf.as_mut_ptr());
    let v = T::from_f64(0.5);
    with_threads(threads, |par| {
        otcore::par::for_each_chunk(par, N / 16, |k| {
            // SAFETY: each chunk writes its own 16 rows of the N×N buffer.
            let rows = unsafe { std::slice::from_raw_parts_mut(ptr.at(k * 16 * N), 16 * N) };
            #[cfg(target_arch = "x86_64")]
            if stream {
                use std::arch::x86_64::*;
                let size = std::mem::size_of::<T>();
                let pat = if size == 8 {
                    // SAFETY: SSE2 is part of the x86_64 baseline.
                    unsafe { _mm_set1_epi64x(v.to_f64().to_bits() as i64) }
                } else {
                    // SAFETY: as above.
                    unsafe { _mm_set1_epi32((v.to_f64() as f32).to_bits() as i32) }
                };
                assert_eq!(rows.as_ptr() as usize % 16, 0, "16-byte aligned rows");
                for c in rows.chunks_exact_mut(16 / size) {
                    // SAFETY: a 16-byte aligned (asserted, rows are multiples of 16 bytes)
                    // run of 16 bytes inside the chunk's rows.
                    unsafe { _mm_stream_si128(c.as_mut_ptr() as *mut __m128i, pat) };
                }
                // SAFETY: orders the streamed stores; SSE is x86_64 baseline.
                unsafe { _mm_sfence() };
                return;
            }
            let _ = stream;
            rows.fill(v);
        });
    })
    .unwrap();
}

/// Prints the table of `cargo bench --bench cost_matrix -- ratios` for one scalar type: for
/// each d, best-of-`REPS` interleaved times of the fills (normal and non-temporal stores), the
/// squared Euclidean kernel (with each store kind on the direct route) and faer's matmul, on 1
/// and 2 threads, and their ratios.
fn ratios<T: Real + faer::traits::ComplexField>() {
    const REPS: usize = 7;
    let gb = |t: f64| (N * N * std::mem::size_of::<T>()) as f64 / t / 1e9;
    // Row-major N×N output (the C layout): faer's column-major Mat, transposed.
    let mut out = Mat::from_fn(N, N, |_, _| T::ZERO);
    assert_eq!(out.col_stride(), N as isize, "N×N storage without padding");
    let p = SendPtr(out.as_ptr_mut());
    // SAFETY (every use below): the Mat's storage is N·N contiguous elements (asserted), it
    // outlives the closures, and the closures run one at a time.
    let buf = || unsafe { std::slice::from_raw_parts_mut(p.at(0), N * N) };
    let rm = || unsafe { MatMut::from_raw_parts_mut(p.at(0), N, N, N as isize, 1) };
    println!(
        "\n{} n = m = {N}, best of {REPS} interleaved runs (shared machine: compare ratios \
         within this run)",
        T::NAME
    );
    for d in [2usize, 16, 128] {
        let x = cloud::<T>(N, d, 1);
        let y = cloud::<T>(N, d, 2);
        let req = cost_matrix_scratch::<T>(N, N, d, Metric::SqEuclidean);
        let bytes = otcore::workspace::bytes_for(req).unwrap();
        let direct = d < otcore::cost::matmul_min_dim();
        let mut fs: Vec<Box<dyn FnMut() + '_>> = Vec::new();
        for stream in [false, true] {
            for threads in [1, 2] {
                fs.push(Box::new(move || fill_rows(buf(), threads, stream)));
            }
        }
        for stream in [false, true] {
            for threads in [1, 2] {
                let (x, y) = (x.as_ref(), y.as_ref());
                let mut work = vec![std::mem::MaybeUninit::uninit(); bytes];
                fs.push(Box::new(move || {
                    with_threads(threads, |par| {
                        cost_matrix_in_place_stores(
                            x,
                            y,
                            rm(),
                            Metric::SqEuclidean,
                            par,
                            MemStack::new(&mut work),
                            stream,
                        )
                    })
                    .unwrap()
                    .unwrap()
                }));
            }
        }
        for threads in [1, 2] {
            let (x, y) = (x.as_ref(), y.as_ref());
            let par = if threads == 1 {
                faer::Par::Seq
            } else {
                faer::Par::rayon(threads)
            };
            fs.push(Box::new(move || {
                with_threads(threads, |_| {
                    matmul(rm(), Accum::Replace, x, y.transpose(), T::ONE, par)
                })
                .unwrap()
            }));
        }
        let t = best_interleaved(REPS, &mut fs);
        let (fill, kern, mm) = (&t[0..4], &t[4..8], &t[8..10]);
        let wall = [fill[0].min(fill[2]), fill[1].min(fill[3])];
        println!("d = {d}");
        for (s, name) in ["normal stores", "non-temporal"].into_iter().enumerate() {
            println!(
                "  fill {name:<14}      1T {:7.4} s {:6.2} GB/s   2T {:7.4} s {:6.2} GB/s   \
                 2T/1T {:.2}",
                fill[2 * s],
                gb(fill[2 * s]),
                fill[2 * s + 1],
                gb(fill[2 * s + 1]),
                fill[2 * s] / fill[2 * s + 1]
            );
        }
        for (s, name) in ["normal stores", "non-temporal"].into_iter().enumerate() {
            if !direct && s == 1 {
                break; // the matmul route writes through faer: one store kind
            }
            println!(
                "  sqeuclidean {name:<14} 1T {:7.4} s {:6.2} GB/s   2T {:7.4} s {:6.2} GB/s   \
                 2T/1T {:.2}   fraction of the best fill: 1T {:.2} 2T {:.2}",
                kern[2 * s],
                gb(kern[2 * s]),
                kern[2 * s + 1],
                gb(kern[2 * s + 1]),
                kern[2 * s] / kern[2 * s + 1],
                wall[0] / kern[2 * s],
                wall[1] / kern[2 * s + 1],
            );
        }
        let def = usize::from(direct && otcore::cost::stream_by_size::<T>(N, N));
        println!(
            "  faer matmul                1T {:7.4} s              2T {:7.4} s              \
             2T/1T {:.2}   sqeuclidean (default stores) / matmul: 1T {:.2} 2T {:.2}",
            mm[0],
            mm[1],
            mm[0] / mm[1],
            kern[2 * def] / mm[0],
            kern[2 * def + 1] / mm[1],
        );
    }
}

fn main() {
    if std::env::args().skip(1).any(|a| a == "ratios") {
        ratios::<f64>();
        ratios::<f32>();
        return;
    }
    cost();
    Criterion::default().configure_from_args().final_summary();
}
