//! The assignment solver (LAPJV) against the dense network simplex (`emd` with uniform
//! weights) on the same cost matrices: points uniform in [0, 1]^d, squared Euclidean cost,
//! n ∈ {1000, 4000}, d ∈ {2, 512}, one thread.
//!
//! `cargo bench --bench assignment -- ratios` prints the best of 3 interleaved runs of each and
//! the ratio emd / assignment (> 1: the assignment solver is faster), and checks that the two
//! costs agree; `cargo bench --bench assignment` runs criterion on the assignment solver.

#[path = "common/mod.rs"]
mod common;

use criterion::{criterion_group, Criterion};
use faer::Mat;
use otcore::cost::{cost_matrix, Metric};
use otcore::exact::{assignment, emd, EmdParams};
use std::time::Instant;

/// The n × n squared Euclidean cost between two clouds of n points in [0, 1]^d (row-major).
fn problem(n: usize, d: usize) -> Mat<f64> {
    let x = common::cloud::<f64>(n, d, 1 + d as u64);
    let y = common::cloud::<f64>(n, d, 1000 + d as u64);
    let c = cost_matrix(x.as_ref(), y.as_ref(), Metric::SqEuclidean, 0).unwrap();
    // Row-major storage: rows contiguous for both solvers.
    c.transpose().to_owned()
}

fn ratios() {
    println!("one thread, best of 3 interleaved runs; ratio = emd time / assignment time");
    let params = EmdParams::default();
    for n in [1000, 4000] {
        for d in [2, 512] {
            let ct = problem(n, d);
            let c = ct.as_ref().transpose();
            let w = vec![1.0 / n as f64; n];
            let (mut ta, mut te) = (f64::INFINITY, f64::INFINITY);
            let (mut ca, mut ce) = (0.0, 0.0);
            let mut info = None;
            for _ in 0..3 {
                let t = Instant::now();
                let s = assignment(c).unwrap();
                ta = ta.min(t.elapsed().as_secs_f64());
                ca = s.info.cost;
                info = Some(s.info);
                let t = Instant::now();
                let e = emd(&w, &w, c, &params).unwrap();
                te = te.min(t.elapsed().as_secs_f64());
                ce = e.cost * n as f64;
            }
            let info = info.unwrap();
            println!(
                "n = {n:4}, d = {d:3}: assignment {:9.2} ms ({} bids, {} paths, {} rows scanned), emd {:9.2} ms, ratio {:6.2}, cost rel diff {:.1e}, gap {:.1e}",
                ta * 1e3,
                info.bids,
                info.augmentations,
                info.scanned_rows,
                te * 1e3,
                te / ta,
                (ca - ce).abs() / ce,
                info.gap
            );
        }
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("assignment");
    g.sample_size(10);
    for d in [2, 512] {
        let ct = problem(1000, d);
        let cost = ct.as_ref().transpose();
        g.bench_function(format!("n=1000,d={d}"), |b| {
            b.iter(|| assignment(cost).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    if std::env::args().skip(1).any(|a| a == "ratios") {
        ratios();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
