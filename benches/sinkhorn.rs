//! Log-domain Sinkhorn: time per iteration against the machine's limit, measured in the same
//! run. Dense n = m = 4000 squared Euclidean on [0,1]², ε = 0.01, f64 and f32, 1 and 2
//! threads; online (point-cloud) mode at n = m = 20 000 and 100 000, d = 2.
//!
//! * Per iteration = (solve with K + 10 iterations − solve with K iterations)/10, so the
//!   entry checks (one read of the cost) and the final marginal check are not counted.
//! * Machine limit = max(2·n·m vectorised exps (`Real::exp_s`, from L1), reading the n×m cost
//!   twice at the read bandwidth measured here on a buffer of the same size).
//! * A summary of ratios is printed at the end (the machine is shared: repeat and compare).

use criterion::{criterion_group, Criterion};
use faer::Mat;
use otcore::sinkhorn::{self, Cost, Params};
use otcore::{Par, Real};
use pulp::Simd;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn cloud(n: usize, seed: u64) -> Mat<f64> {
    let mut s = seed;
    Mat::from_fn(n, 2, |_, _| {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    })
}

fn sqdist<T: Real>(x: &Mat<f64>, y: &Mat<f64>) -> Mat<T> {
    Mat::from_fn(x.nrows(), y.nrows(), |i, j| {
        T::from_f64((x[(i, 0)] - y[(j, 0)]).powi(2) + (x[(i, 1)] - y[(j, 1)]).powi(2))
    })
}

/// Time of one solve of `iters` iterations (tolerance 0) on a preallocated workspace.
fn solve_time<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    iters: usize,
    threads: usize,
) -> Duration {
    let (n, m) = cost.dims();
    let p = Params {
        epsilon: 0.01,
        max_iter: iters,
        tolerance: 0.0,
        ..Params::default()
    };
    let req = sinkhorn::sinkhorn_scratch::<T>(n, m, cost.point_dim());
    let mut buf =
        vec![std::mem::MaybeUninit::<u8>::uninit(); otcore::workspace::bytes_for(req).unwrap()];
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    otcore::par::with_threads(threads, |par| {
        let stack = otcore::MemStack::new(&mut buf);
        let t = Instant::now();
        sinkhorn::sinkhorn_in_place(cost, a, b, &mut f, &mut g, &p, par, stack).unwrap();
        t.elapsed()
    })
    .unwrap()
}

/// Per-iteration time by differencing solves of K + 10 and K iterations.
fn per_iteration<T: Real>(cost: Cost<'_, T>, a: &[T], b: &[T], threads: usize) -> Duration {
    let long = solve_time(cost, a, b, 12, threads);
    let short = solve_time(cost, a, b, 2, threads);
    long.saturating_sub(short) / 10
}

/// Time of `count` vectorised exps (4096 values in L1, repeated).
fn exps_time<T: Real>(count: usize) -> Duration {
    struct Op<T>(usize, std::marker::PhantomData<T>);
    impl<T: Real> pulp::WithSimd for Op<T> {
        type Output = T;
        #[inline(always)]
        fn with_simd<S: Simd>(self, s: S) -> T {
            let xs: Vec<T> = (0..4096).map(|i| T::from_f64(-(i as f64) * 1e-3)).collect();
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
    black_box(pulp::Arch::new().dispatch(Op(data)));
    t.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

const N: usize = 4000;

fn dense<T: Real>(c: &mut Criterion, summary: &mut Vec<String>) {
    let (x, y) = (cloud(N, 1), cloud(N, 2));
    let cost = sqdist::<T>(&x, &y);
    let a = vec![T::from_f64(1.0 / N as f64); N];
    let cost_ref = Cost::Dense(cost.as_ref());
    let mut group = c.benchmark_group(format!("sinkhorn_dense_{}_{N}", T::NAME));
    group.sample_size(10);
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
    let flat: Vec<T> = (0..N * N).map(|i| T::from_f64(i as f64)).collect();
    group.bench_function("limit_read_cost_twice", |bch| {
        bch.iter_custom(|k| (0..k).map(|_| 2 * read_time(&flat)).sum())
    });
    group.finish();

    let reps = 5;
    let it1 = median(
        (0..reps)
            .map(|_| per_iteration(cost_ref, &a, &a, 1))
            .collect(),
    );
    let it2 = median(
        (0..reps)
            .map(|_| per_iteration(cost_ref, &a, &a, 2))
            .collect(),
    );
    let ex = median((0..reps).map(|_| exps_time::<T>(2 * N * N)).collect());
    let rd = median((0..reps).map(|_| 2 * read_time(&flat)).collect());
    let limit = ex.max(rd);
    summary.push(format!(
        "dense {} n=m={N}: iteration 1 thread {:.2} ms, 2 threads {:.2} ms (speed-up {:.2}x); \
         limit {:.2} ms (2nm exps {:.2} ms, cost read twice {:.2} ms); 1 thread / limit = {:.2}",
        T::NAME,
        ms(it1),
        ms(it2),
        ms(it1) / ms(it2),
        ms(limit),
        ms(ex),
        ms(rd),
        ms(it1) / ms(limit)
    ));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Peak resident set (VmHWM) in MiB, Linux only.
fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn online(c: &mut Criterion, summary: &mut Vec<String>) {
    let sizes: Vec<usize> = match std::env::var("SINKHORN_BENCH_BIG") {
        Ok(_) => vec![20_000, 100_000],
        Err(_) => vec![20_000],
    };
    for n in sizes {
        let (x, y) = (cloud(n, 3), cloud(n, 4));
        let a = vec![1.0 / n as f64; n];
        let cost = Cost::SqEuclidean {
            x: x.as_ref(),
            y: y.as_ref(),
        };
        let mut group = c.benchmark_group(format!("sinkhorn_online_f64_{n}"));
        group.sample_size(10);
        group.bench_function("iteration_2threads", |bch| {
            bch.iter_custom(|k| {
                (0..k)
                    .map(|_| {
                        solve_time(cost, &a, &a, 3, 2)
                            .saturating_sub(solve_time(cost, &a, &a, 1, 2))
                            / 2
                    })
                    .sum()
            })
        });
        group.finish();
        let rss_before = peak_rss_mib();
        let it =
            (solve_time(cost, &a, &a, 3, 2).saturating_sub(solve_time(cost, &a, &a, 1, 2))) / 2;
        let ws = otcore::workspace::bytes_for(sinkhorn::sinkhorn_scratch::<f64>(n, n, 2)).unwrap();
        summary.push(format!(
            "online f64 n=m={n} d=2, 2 threads: {:.1} ms per iteration ({:.2} ns per cost entry), \
             workspace {:.2} MiB, process peak RSS {:.1} MiB",
            ms(it),
            it.as_secs_f64() * 1e9 / (2.0 * (n * n) as f64),
            ws as f64 / 1048576.0,
            rss_before.unwrap_or(f64::NAN)
        ));
    }
}

fn benches(c: &mut Criterion) {
    let mut summary = vec![];
    // Online first, so that its peak RSS is not hidden by the 128 MB dense cost.
    online(c, &mut summary);
    dense::<f64>(c, &mut summary);
    dense::<f32>(c, &mut summary);
    println!("\nSummary (ratios measured in this run; the machine may be shared):");
    for s in summary {
        println!("  {s}");
    }
    let _ = Par::Seq;
}

criterion_group!(group, benches);

fn main() {
    group();
    Criterion::default().configure_from_args().final_summary();
}
