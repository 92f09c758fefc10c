//! Log-domain Sinkhorn: time per iteration against the machine's limit, measured in the same
//! run (issue 4). Dense n = m = 4000 squared Euclidean on [0,1]², ε = 0.01, f64 and f32, 1 and
//! 2 threads, plus the cost of one vectorised exp per element.
//!
//!     cargo bench --bench sinkhorn                 # everything (a few minutes)
//!     cargo bench --bench sinkhorn -- exp          # ns per exp, f64 and f32
//!     cargo bench --bench sinkhorn -- dense_f64    # one dense section and its ratios
//!     cargo bench --bench sinkhorn -- kernel_f64   # stored kernel: iteration, 1 and 2 threads
//!     cargo bench --bench sinkhorn -- tolerance    # stored kernel: time to 1e-6 at ε = 1e-3
//!
//! * Per iteration = (solve with K + 10 iterations − solve with K iterations)/10, so the
//!   entry checks (one read of the cost) and the final marginal check are not counted; on the
//!   stored-kernel path, the median time between the checks of successive iterations.
//! * Machine limit = max(2·n·m vectorised exps (`Real::exp_s`, inputs in L1), reading the n×m
//!   cost twice at the read bandwidth measured here on a buffer of the same size).
//! * Each section prints its figures as the best of 5 runs, then criterion measures the same
//!   closures (flat sampling, 10 samples). The machine may be shared: repeat and compare
//!   ratios, not times.
//!
//! Online mode (point clouds, peak memory) runs in its own process to read its peak RSS:
//! `cargo run --release --example sinkhorn_online`.

mod common;
use common::cloud;
use criterion::{Criterion, SamplingMode};
use faer::Mat;
use otcore::progress::{self, Flow};
use otcore::sinkhorn::{self, Cost, Params, Path, Scaling};
use otcore::Real;
use pulp::Simd;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn sqdist<T: Real>(x: &Mat<f64>, y: &Mat<f64>) -> Mat<T> {
    Mat::from_fn(x.nrows(), y.nrows(), |i, j| {
        T::from_f64((x[(i, 0)] - y[(j, 0)]).powi(2) + (x[(i, 1)] - y[(j, 1)]).powi(2))
    })
}

/// Time of one solve of `iters` iterations (tolerance 0) on a preallocated workspace, on the
/// log-domain path.
fn solve_time<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    iters: usize,
    threads: usize,
) -> Duration {
    let p = Params {
        epsilon: 0.01,
        max_iter: iters,
        tolerance: 0.0,
        path: Path::LogDomain,
        ..Params::default()
    };
    solve_with(cost, a, b, &p, threads, &mut |_, _| Flow::Continue).0
}

/// Time and report of one solve with `p` on `threads` threads, on a preallocated workspace,
/// its convergence checks handed to `observer` (on the thread running the solve).
fn solve_with<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    p: &Params,
    threads: usize,
    observer: &mut (dyn FnMut(u64, f64) -> Flow + Send),
) -> (Duration, sinkhorn::Info) {
    let (n, m) = cost.dims();
    let p = *p;
    let req = sinkhorn::sinkhorn_scratch::<T>(n, m, cost.point_dim(), &p);
    let mut buf =
        vec![std::mem::MaybeUninit::<u8>::uninit(); otcore::workspace::bytes_for(req).unwrap()];
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    otcore::par::with_threads(threads, |par| {
        let stack = otcore::MemStack::new(&mut buf);
        let t = Instant::now();
        let info = progress::observe(observer, || {
            sinkhorn::sinkhorn_in_place(cost, a, b, &mut f, &mut g, &p, par, stack).unwrap()
        });
        (t.elapsed(), info)
    })
    .unwrap()
}

/// Per-iteration time by differencing solves of K + 10 and K iterations.
fn per_iteration<T: Real>(cost: Cost<'_, T>, a: &[T], b: &[T], threads: usize) -> Duration {
    let long = solve_time(cost, a, b, 12, threads);
    let short = solve_time(cost, a, b, 2, threads);
    long.saturating_sub(short) / 10
}

/// Time of `count` vectorised exps (4096 values in L1, repeated), as the Sinkhorn passes
/// use them: exponents ≤ 0 spread over [−40, 0], four independent sums.
fn exps_time<T: Real>(count: usize) -> Duration {
    struct Op<T>(usize, std::marker::PhantomData<T>);
    impl<T: Real> pulp::WithSimd for Op<T> {
        type Output = T;
        #[inline(always)]
        fn with_simd<S: Simd>(self, s: S) -> T {
            let xs: Vec<T> = (0..4096)
                .map(|i| T::from_f64(-((i * 37) % 4096) as f64 * 1e-2))
                .collect();
            let (xv, _) = T::as_simd::<S>(&xs);
            let z = T::splat_s(s, T::ZERO);
            let (mut a0, mut a1, mut a2, mut a3) = (z, z, z, z);
            let reps = self.0 / 4096;
            for _ in 0..reps {
                for c in xv.chunks_exact(4) {
                    a0 = T::add_s(s, a0, T::exp_s(s, c[0]));
                    a1 = T::add_s(s, a1, T::exp_s(s, c[1]));
                    a2 = T::add_s(s, a2, T::exp_s(s, c[2]));
                    a3 = T::add_s(s, a3, T::exp_s(s, c[3]));
                }
            }
            T::reduce_sum_s(s, T::add_s(s, T::add_s(s, a0, a1), T::add_s(s, a2, a3)))
        }
    }
    let t = Instant::now();
    black_box(pulp::Arch::new().dispatch(Op::<T>(count, std::marker::PhantomData)));
    t.elapsed()
}

/// Time to read `data` once (a SIMD sum), the read-bandwidth probe.
fn read_time<T: Real>(data: &[T]) -> Duration {
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
    let t = Instant::now();
    black_box(pulp::Arch::new().dispatch(Op(black_box(data))));
    t.elapsed()
}

/// Time to read `data` once on `threads` threads (halves, quarters.. read in parallel).
fn read_time_threads<T: Real>(data: &[T], threads: usize) -> Duration {
    if threads == 1 {
        return read_time(data);
    }
    otcore::par::with_threads(threads, |par| {
        let t = Instant::now();
        let size = data.len().div_ceil(threads);
        otcore::par::for_each_chunk(par, threads, |c| {
            let end = ((c + 1) * size).min(data.len());
            black_box(read_time(&data[c * size..end]));
        });
        t.elapsed()
    })
    .unwrap()
}

/// CPU time of the calling thread (Linux `CLOCK_THREAD_CPUTIME_ID`): on a shared machine it
/// leaves out the time the thread waited for a core, so one-thread ratios stay meaningful.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Thread CPU time of `f` (run on the calling thread).
fn cpu_time(f: impl FnOnce()) -> Duration {
    let t = thread_cpu();
    f();
    thread_cpu().saturating_sub(t)
}

/// The fastest of `reps` runs: on a shared machine, the least disturbed one.
fn best_of<F: FnMut() -> Duration>(reps: usize, f: F) -> Duration {
    std::iter::repeat_with(f).take(reps).min().unwrap()
}

/// The fastest of `REPS` runs of each measurement, run in interleaved rounds.
fn best_interleaved<const K: usize>(mut fs: [&mut dyn FnMut() -> Duration; K]) -> [Duration; K] {
    let mut best = [Duration::MAX; K];
    for _ in 0..REPS {
        for (b, f) in best.iter_mut().zip(fs.iter_mut()) {
            *b = (*b).min(f());
        }
    }
    best
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

const N: usize = 4000;
const REPS: usize = 5;

/// ns per vectorised exp, f64 and f32.
fn exp(c: &mut Criterion) {
    let count = 1 << 24;
    let cpu = |f: fn(usize) -> Duration| {
        best_of(REPS, || {
            cpu_time(|| {
                f(count);
            })
        })
    };
    for (name, t, c) in [
        (
            "f64",
            best_of(REPS, || exps_time::<f64>(count)),
            cpu(exps_time::<f64>),
        ),
        (
            "f32",
            best_of(REPS, || exps_time::<f32>(count)),
            cpu(exps_time::<f32>),
        ),
    ] {
        println!(
            "exp_s {name}: {:.3} ns per element wall, {:.3} ns thread CPU ({count} exps, best \
             of {REPS})",
            t.as_secs_f64() * 1e9 / count as f64,
            c.as_secs_f64() * 1e9 / count as f64
        );
    }
    let mut group = c.benchmark_group("sinkhorn_exp_2^24");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.bench_function("f64", |b| {
        b.iter_custom(|k| (0..k).map(|_| exps_time::<f64>(count)).sum())
    });
    group.bench_function("f32", |b| {
        b.iter_custom(|k| (0..k).map(|_| exps_time::<f32>(count)).sum())
    });
    group.finish();
}

/// Dense n = m = 4000: iteration on 1 and 2 threads against the machine limit.
fn dense<T: Real>(c: &mut Criterion) {
    let (x, y) = (cloud::<f64>(N, 2, 1), cloud::<f64>(N, 2, 2));
    let cost = sqdist::<T>(&x, &y);
    let a = vec![T::from_f64(1.0 / N as f64); N];
    let cost_ref = Cost::Dense(cost.as_ref());
    let flat: Vec<T> = (0..N * N).map(|i| T::from_f64((i % 977) as f64)).collect();

    // Every figure is the best of REPS rounds, the rounds interleaved so that a slow spell
    // of the machine (a shared VM: its speed drifts by tens of percent) weighs on all alike.
    let mut cpu_iteration = || {
        let long = cpu_time(|| {
            solve_time(cost_ref, &a, &a, 12, 1);
        });
        let short = cpu_time(|| {
            solve_time(cost_ref, &a, &a, 2, 1);
        });
        long.saturating_sub(short) / 10
    };
    let [it1, it2, ex, rd, rd2, cpu_it1, cpu_ex, cpu_rd] = best_interleaved([
        &mut || per_iteration(cost_ref, &a, &a, 1),
        &mut || per_iteration(cost_ref, &a, &a, 2),
        &mut || exps_time::<T>(2 * N * N),
        &mut || 2 * read_time(&flat),
        &mut || 2 * read_time_threads(&flat, 2),
        &mut cpu_iteration,
        &mut || {
            cpu_time(|| {
                exps_time::<T>(2 * N * N);
            })
        },
        &mut || {
            2 * cpu_time(|| {
                read_time(&flat);
            })
        },
    ]);
    let limit = ex.max(rd);
    let limit2 = (ex / 2).max(rd2);
    println!(
        "dense {} n=m={N} eps=0.01 (best of {REPS}): iteration 1 thread {:.2} ms, \
         2 threads {:.2} ms\n  limit 1 thread {:.2} ms = max(2nm exps {:.2} ms, cost read twice \
         {:.2} ms); limit 2 threads {:.2} ms = max(exps / 2, cost read twice on 2 threads {:.2} ms)\n  \
         RATIO 1 thread / limit = {:.2} (target <= 1.5); 2 threads / their limit = {:.2}; \
         2 threads / 1 thread speed-up = {:.2} (target >= 1.8; the limits allow {:.2})",
        T::NAME,
        ms(it1),
        ms(it2),
        ms(limit),
        ms(ex),
        ms(rd),
        ms(limit2),
        ms(rd2),
        ms(it1) / ms(limit),
        ms(it2) / ms(limit2),
        ms(it1) / ms(it2),
        ms(limit) / ms(limit2),
    );
    println!(
        "  in thread CPU time (1 thread): iteration {:.2} ms, 2nm exps {:.2} ms, cost read twice \
         {:.2} ms: RATIO {:.2}",
        ms(cpu_it1),
        ms(cpu_ex),
        ms(cpu_rd),
        ms(cpu_it1) / ms(cpu_ex.max(cpu_rd))
    );
    // Where the time goes: one row pass (log-sum-exp along the rows of the row-major cost)
    // and one column pass (across the rows, in 256-column chunks), thread CPU time.
    let src = otcore::sinkhorn::cost_source::Source::dense(cost.as_ref());
    let u: Vec<T> = (0..N).map(|j| T::from_f64((j % 7) as f64 * 0.1)).collect();
    let nie = T::from_f64(-100.0);
    let mut out = vec![0.0f64; N];
    let row = best_of(REPS, || {
        cpu_time(|| src.rows_lse(&u, nie, &mut out, otcore::Par::Seq))
    });
    let col = best_of(REPS, || {
        cpu_time(|| src.cols_lse(&u, nie, &mut out, otcore::Par::Seq))
    });
    println!(
        "  one row pass {:.2} ms, one column pass {:.2} ms (thread CPU; n·m exps alone: {:.2} ms)",
        ms(row),
        ms(col),
        ms(cpu_ex) / 2.0
    );

    let mut group = c.benchmark_group(format!("sinkhorn_dense_{}_{N}", T::NAME));
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    for threads in [1, 2] {
        group.bench_function(format!("iteration_{threads}thread"), |bch| {
            bch.iter_custom(|k| {
                (0..k)
                    .map(|_| per_iteration(cost_ref, &a, &a, threads))
                    .sum()
            })
        });
    }
    group.bench_function("limit_2nm_exps", |bch| {
        bch.iter_custom(|k| (0..k).map(|_| exps_time::<T>(2 * N * N)).sum())
    });
    group.bench_function("limit_read_cost_twice", |bch| {
        bch.iter_custom(|k| (0..k).map(|_| 2 * read_time(&flat)).sum())
    });
    group.finish();
}

/// Per-iteration time of the stored-kernel path: the median time between successive checks
/// (one an iteration) over iterations 3 to 40; the median leaves out the iterations a shared
/// machine preempts, where differencing two solves would carry their noise.
fn kernel_iteration<T: Real>(cost: Cost<'_, T>, a: &[T], threads: usize) -> Duration {
    let p = Params {
        epsilon: 0.01,
        max_iter: 40,
        tolerance: 0.0,
        check_every: 1,
        path: Path::Kernel,
        ..Params::default()
    };
    let mut stamps = Vec::with_capacity(64);
    solve_with(cost, a, a, &p, threads, &mut |_, _| {
        stamps.push(Instant::now());
        Flow::Continue
    });
    let mut steps: Vec<Duration> = stamps.windows(2).skip(2).map(|w| w[1] - w[0]).collect();
    steps.sort();
    steps[steps.len() / 2]
}

/// Dense n = m = 4000, ε = 0.01: the stored-kernel iteration against the log-domain one and
/// against one read of the kernel (its memory-bandwidth limit), 1 and 2 threads. Compare with
/// POT through `benches/peers/sinkhorn_pot.py`, with OTT-JAX through `sinkhorn_ott.py`.
fn kernel<T: Real>(_c: &mut Criterion) {
    let (x, y) = (cloud::<f64>(N, 2, 1), cloud::<f64>(N, 2, 2));
    let cost = sqdist::<T>(&x, &y);
    let a = vec![T::from_f64(1.0 / N as f64); N];
    let cost_ref = Cost::Dense(cost.as_ref());
    let flat: Vec<T> = (0..N * N).map(|i| T::from_f64((i % 977) as f64)).collect();
    let [k1, k2, l1, rd, rd2] = best_interleaved([
        &mut || kernel_iteration(cost_ref, &a, 1),
        &mut || kernel_iteration(cost_ref, &a, 2),
        &mut || per_iteration(cost_ref, &a, &a, 1),
        &mut || read_time(&flat),
        &mut || read_time_threads(&flat, 2),
    ]);
    println!(
        "kernel {} n=m={N} eps=0.01 (best of {REPS}): iteration 1 thread {:.2} ms, 2 threads \
         {:.2} ms (speed-up {:.2}, target >= 1.7); log-domain 1 thread {:.2} ms ({:.1}x slower)\n  \
         one read of the kernel: {:.2} ms (1 thread), {:.2} ms (2 threads): RATIO iteration / \
         read = {:.2}, {:.2}",
        T::NAME,
        ms(k1),
        ms(k2),
        ms(k1) / ms(k2),
        ms(l1),
        ms(l1) / ms(k1),
        ms(rd),
        ms(rd2),
        ms(k1) / ms(rd),
        ms(k2) / ms(rd2),
    );
}

/// Dense n = m = 4000: the time to an L1 marginal error of 1e-6 at ε = 1e-3 with plain,
/// over-relaxed (adaptive ω) and ε-scaled iterations, 1 thread.
fn kernel_tolerance<T: Real>(_c: &mut Criterion) {
    let (x, y) = (cloud::<f64>(N, 2, 1), cloud::<f64>(N, 2, 2));
    let cost = sqdist::<T>(&x, &y);
    let a = vec![T::from_f64(1.0 / N as f64); N];
    let cost_ref = Cost::Dense(cost.as_ref());
    for (name, omega, steps) in [
        ("plain", 1.0, 0),
        ("adaptive omega", 0.0, 0),
        ("eps-scaling", 1.0, 8),
        ("eps-scaling + adaptive omega", 0.0, 8),
    ] {
        let p = Params {
            epsilon: 1e-3,
            tolerance: 1e-6,
            max_iter: 100_000,
            over_relaxation: omega,
            scaling: Scaling {
                steps,
                start: 1.0,
                iters_per_step: 10,
            },
            ..Params::default()
        };
        let (t, info) = solve_with(cost_ref, &a, &a, &p, 1, &mut |_, _| Flow::Continue);
        println!(
            "  to L1 error 1e-6 at eps=1e-3, {name}: {:.0} ms, {} + {} iterations, {} kernel \
             builds, {} log-domain iterations, final omega {:.3}, converged {}",
            ms(t),
            info.scaling_iterations,
            info.iterations,
            info.kernel_builds,
            info.log_iterations,
            info.omega,
            info.converged
        );
    }
}

fn main() {
    // The first free argument (as criterion's filter) selects sections by substring.
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    type Section = (&'static str, fn(&mut Criterion));
    let sections: [Section; 6] = [
        ("exp", exp),
        ("dense_f64", dense::<f64>),
        ("dense_f32", dense::<f32>),
        ("kernel_f64", kernel::<f64>),
        ("kernel_f32", kernel::<f32>),
        ("tolerance_f64", kernel_tolerance::<f64>),
    ];
    for (name, run) in sections {
        if name.contains(filter.as_str()) || filter.contains(name) {
            run(&mut c);
        }
    }
    c.final_summary();
}
