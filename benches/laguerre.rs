//! `laguerre_assign`: 10^6 points, 10^3 sites in 2-D, f64 and f32, 1 and 2 threads.
//!
//! Criterion reports each case's time and throughput (points/s). After the criterion groups,
//! `ratio` times 1 and 2 threads interleaved (best of 7 runs each, so that a busy neighbour
//! hurts both alike) and prints points/s, the 2-thread speed-up and the process CPU time of a
//! 2-thread run over a 1-thread run (1.0 = the second thread does no extra work; on a shared
//! machine the wall-clock speed-up is bounded by the idle cores, the CPU-time ratio is not),
//! and the 1-thread throughput per CPU-second (what the kernel does when it has the core);
//! then the machine's ceiling: the same speed-up for a loop of pure arithmetic.
//! Only the ratio lines: `cargo bench --bench laguerre -- ratio`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use otcore::semidiscrete::{laguerre_assign_in_place, laguerre_assign_scratch, LaguerreReal};
use otcore::MatRef;
use std::hint::black_box;
use std::time::{Duration, Instant};

mod common;
use common::cloud;

const POINTS: usize = 1_000_000;
const SITES: usize = 1_000;

/// Uniform points and sites in the unit square, small random weights.
struct Problem<T> {
    x: faer::Mat<T>,
    y: faer::Mat<T>,
    g: Vec<T>,
    cells: Vec<u32>,
    buf: Vec<std::mem::MaybeUninit<u8>>,
}

impl<T: LaguerreReal> Problem<T> {
    fn new() -> Self {
        let (x, y) = (cloud::<T>(POINTS, 2, 1), cloud::<T>(SITES, 2, 2));
        let g = cloud::<T>(SITES, 1, 3)
            .col(0)
            .iter()
            .map(|&v| v * T::from_f64(0.01))
            .collect();
        let req = laguerre_assign_scratch::<T>(SITES, 2);
        let buf = vec![std::mem::MaybeUninit::uninit(); otcore::workspace::bytes_for(req).unwrap()];
        Problem {
            x,
            y,
            g,
            cells: vec![0; POINTS],
            buf,
        }
    }

    fn run(&mut self, threads: usize) {
        let (x, y): (MatRef<'_, T>, MatRef<'_, T>) = (self.x.as_ref(), self.y.as_ref());
        let (g, cells, buf) = (&self.g, &mut self.cells, &mut self.buf);
        otcore::par::with_threads(threads, |par| {
            let stack = otcore::MemStack::new(buf);
            laguerre_assign_in_place(x, None, y, g, cells, None, par, stack).unwrap();
        })
        .unwrap();
        black_box(&self.cells);
    }
}

fn bench_type<T: LaguerreReal>(c: &mut Criterion) {
    let mut p = Problem::<T>::new();
    let mut group = c.benchmark_group("laguerre_assign_1e6x1e3_2d");
    group.sample_size(10);
    group.throughput(Throughput::Elements(POINTS as u64));
    for threads in [1usize, 2] {
        group.bench_function(format!("{}_{threads}_threads", T::NAME), |bch| {
            bch.iter(|| p.run(threads))
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    bench_type::<f64>(c);
    bench_type::<f32>(c);
}

/// User + system CPU time of this process so far.
fn cpu_time() -> Duration {
    // SAFETY: `getrusage` writes one `rusage` into the zeroed struct we own.
    let ru = unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut ru);
        ru
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

fn ratio_type<T: LaguerreReal>() {
    let mut p = Problem::<T>::new();
    p.run(1);
    p.run(2);
    let mut wall = [Duration::MAX; 2];
    let mut cpu = [Duration::MAX; 2];
    for _ in 0..7 {
        for (k, threads) in [1usize, 2].into_iter().enumerate() {
            let (w0, c0) = (Instant::now(), cpu_time());
            p.run(threads);
            wall[k] = wall[k].min(w0.elapsed());
            cpu[k] = cpu[k].min(cpu_time() - c0);
        }
    }
    let rate = |d: Duration| POINTS as f64 / d.as_secs_f64();
    println!(
        "laguerre_assign {POINTS} points x {SITES} sites, 2-D, {}: 1 thread {:.3e} points/s, \
         2 threads {:.3e} points/s, 2T/1T speed-up = {:.2} (best of 7, interleaved); \
         CPU time 2T/1T = {:.2}; 1 thread {:.3e} points per CPU-second",
        T::NAME,
        rate(wall[0]),
        rate(wall[1]),
        wall[0].as_secs_f64() / wall[1].as_secs_f64(),
        cpu[1].as_secs_f64() / cpu[0].as_secs_f64(),
        rate(cpu[0]),
    );
}

/// The machine's own 2-thread ceiling for pure arithmetic: the wall-clock speed-up of two
/// threads over one, each running the same chains of dependent FMAs (no memory traffic, no
/// shared data), best of 7 interleaved runs. Below 2 means the second core was not fully
/// ours (a shared VM or host).
fn compute_ceiling() -> f64 {
    fn spin() -> f64 {
        let mut acc = [1.0f64; 8];
        for _ in 0..40_000_000 {
            for a in acc.iter_mut() {
                *a = black_box(*a).mul_add(0.999_999_9, 1e-7);
            }
        }
        acc.iter().sum()
    }
    let mut wall = [Duration::MAX; 2];
    for _ in 0..7 {
        for (k, threads) in [1usize, 2].into_iter().enumerate() {
            let t = Instant::now();
            std::thread::scope(|sc| {
                for _ in 0..threads {
                    sc.spawn(|| black_box(spin()));
                }
            });
            wall[k] = wall[k].min(t.elapsed());
        }
    }
    2.0 * wall[0].as_secs_f64() / wall[1].as_secs_f64()
}

fn ratio(_: &mut Criterion) {
    ratio_type::<f64>();
    ratio_type::<f32>();
    println!(
        "machine ceiling: two threads of pure FMA chains do {:.2}x the work of one in the same \
         time (best of 7, interleaved)",
        compute_ceiling()
    );
}

criterion_group!(benches, bench, ratio);
criterion_main!(benches);
