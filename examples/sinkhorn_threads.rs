//! Thread scaling of the stored-kernel Sinkhorn iteration against a pure streaming read of the
//! same bytes: per-iteration time on 1 and 2 threads (interleaved rounds, best of R) for
//! n = m = N (default 4000), ε = 0.01, f64 and f32, and the time to read n·m values of `T`
//! once on 1 and 2 threads (the memory-bandwidth bound of one iteration).
//!
//!     cargo run --release --example sinkhorn_threads -- [N] [ROUNDS]
//!
//! The machine may be shared: compare ratios within one run.

#[path = "../benches/common/mod.rs"]
mod common;
use common::cloud;
use faer::Mat;
use otcore::sinkhorn::{self, Cost, Params, Path};
use otcore::Real;
use pulp::Simd;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn sqdist<T: Real>(x: &Mat<f64>, y: &Mat<f64>) -> Mat<T> {
    Mat::from_fn(x.nrows(), y.nrows(), |i, j| {
        T::from_f64((x[(i, 0)] - y[(j, 0)]).powi(2) + (x[(i, 1)] - y[(j, 1)]).powi(2))
    })
}

/// Time of a stored-kernel solve of `iters` iterations (tolerance 0) on a preallocated
/// workspace.
fn solve_time<T: Real>(cost: Cost<'_, T>, a: &[T], iters: usize, threads: usize) -> Duration {
    let (n, m) = cost.dims();
    let p = Params {
        epsilon: 0.01,
        max_iter: iters,
        tolerance: 0.0,
        path: Path::Kernel,
        ..Params::default()
    };
    let req = sinkhorn::sinkhorn_scratch::<T>(n, m, 0, &p);
    let mut buf =
        vec![std::mem::MaybeUninit::<u8>::uninit(); otcore::workspace::bytes_for(req).unwrap()];
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    otcore::par::with_threads(threads, |par| {
        let stack = otcore::MemStack::new(&mut buf);
        let t = Instant::now();
        sinkhorn::sinkhorn_in_place(cost, a, a, &mut f, &mut g, &p, par, stack).unwrap();
        t.elapsed()
    })
    .unwrap()
}

/// Per-iteration time: (solve of 2 + K − solve of 2 iterations)/K.
fn iteration<T: Real>(cost: Cost<'_, T>, a: &[T], threads: usize) -> Duration {
    const K: usize = 20;
    let long = solve_time(cost, a, 2 + K, threads);
    let short = solve_time(cost, a, 2, threads);
    long.saturating_sub(short) / K as u32
}

/// A SIMD sum of `data` (one streaming read).
fn sum<T: Real>(data: &[T]) -> T {
    struct Op<'a, T>(&'a [T]);
    impl<T: Real> pulp::WithSimd for Op<'_, T> {
        type Output = T;
        #[inline(always)]
        fn with_simd<S: Simd>(self, s: S) -> T {
            let (v, _) = T::as_simd::<S>(self.0);
            let z = T::splat_s(s, T::ZERO);
            let (mut a0, mut a1, mut a2, mut a3) = (z, z, z, z);
            for c in v.chunks_exact(4) {
                a0 = T::add_s(s, a0, c[0]);
                a1 = T::add_s(s, a1, c[1]);
                a2 = T::add_s(s, a2, c[2]);
                a3 = T::add_s(s, a3, c[3]);
            }
            T::reduce_sum_s(s, T::add_s(s, T::add_s(s, a0, a1), T::add_s(s, a2, a3)))
        }
    }
    pulp::Arch::new().dispatch(Op(data))
}

/// Time of one read of `data` on `threads` threads (contiguous parts, one a thread).
fn read_time<T: Real>(data: &[T], threads: usize) -> Duration {
    otcore::par::with_threads(threads, |par| {
        let size = data.len().div_ceil(threads);
        let t = Instant::now();
        otcore::par::for_each_chunk(par, threads, |c| {
            let end = ((c + 1) * size).min(data.len());
            black_box(sum(&data[c * size..end]));
        });
        t.elapsed()
    })
    .unwrap()
}

fn case<T: Real>(n: usize, rounds: usize) {
    let (x, y) = (cloud::<f64>(n, 2, 1), cloud::<f64>(n, 2, 2));
    let cost = sqdist::<T>(&x, &y);
    let a = vec![T::from_f64(1.0 / n as f64); n];
    let cost = Cost::Dense(cost.as_ref());
    let flat: Vec<T> = (0..n * n).map(|i| T::from_f64((i % 977) as f64)).collect();
    let mut best = [Duration::MAX; 4];
    for _ in 0..rounds {
        let t = [
            iteration(cost, &a, 1),
            iteration(cost, &a, 2),
            read_time(&flat, 1),
            read_time(&flat, 2),
        ];
        for (b, t) in best.iter_mut().zip(t) {
            *b = (*b).min(t);
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{} n=m={n} (best of {rounds} interleaved rounds): iteration {:.2} ms (1 thread), {:.2} \
         ms (2 threads), speed-up {:.2}; read of n·m {} {:.2} ms / {:.2} ms, speed-up {:.2}; \
         iteration / read {:.2} (1 thread), {:.2} (2 threads)",
        T::NAME,
        ms(best[0]),
        ms(best[1]),
        ms(best[0]) / ms(best[1]),
        T::NAME,
        ms(best[2]),
        ms(best[3]),
        ms(best[2]) / ms(best[3]),
        ms(best[0]) / ms(best[2]),
        ms(best[1]) / ms(best[3]),
    );
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n = args.first().copied().unwrap_or(4000);
    let rounds = args.get(1).copied().unwrap_or(5);
    case::<f64>(n, rounds);
    case::<f32>(n, rounds);
}
