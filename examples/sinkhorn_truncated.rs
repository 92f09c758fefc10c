//! The truncated sparse kernel ([`Path::Truncated`]) at scale: uniform clouds in [0,1]²,
//! squared Euclidean cost, ε = 1e-3·diameter² = 2e-3, tolerance 1e-3 (L1 marginal error of
//! the full plan, bounded as documented; the weights sum to 1, so it is relative), cold
//! start. Prints time, iterations, arcs per ε stage and peak memory, and the time of one
//! log-domain iteration on the same problem (issue 16, item 3).
//!
//!     cargo run --release --example sinkhorn_truncated                  # 10⁴ f64 and f32
//!     cargo run --release --example sinkhorn_truncated -- 100000 f32 2 8e9 2e-4  # n, T, threads, arc bytes cap, ε
//!     cargo run --release --example sinkhorn_truncated -- log 100000 2       # one log-domain iteration
//!     cargo run --release --example sinkhorn_truncated -- compare 20000 2    # against the full kernel
//!
//! Every case runs in a fresh child process, so that its peak resident set (VmHWM) is its
//! own. The machine may be shared: the CPU time of all threads is printed too.
//!
//! [`Path::Truncated`]: otcore::sinkhorn::Path::Truncated

#[path = "../benches/common/mod.rs"]
mod common;
#[path = "../benches/common/process.rs"]
mod process;
use common::cloud;
use otcore::sinkhorn::{self, truncated, Cost, Params, Path};
use otcore::Real;
use process::{peak_rss_kib, process_cpu};
use std::process::Command;
use std::time::Instant;

const EPS: f64 = 2e-3;
const TOL: f64 = 1e-3;

/// One truncated solve in this process.
fn solve<T: Real>(n: usize, threads: usize, cap: usize, eps: f64) {
    let (x, y) = (cloud::<T>(n, 2, 3), cloud::<T>(n, 2, 4));
    let a = vec![T::from_f64(1.0 / n as f64); n];
    let cost = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let p = Params {
        epsilon: eps,
        tolerance: TOL,
        max_iter: 1_000_000,
        check_every: 10,
        num_threads: threads,
        kernel_memory_cap: cap,
        path: Path::Truncated,
        ..Params::default()
    };
    let cpu0 = process_cpu();
    let t = Instant::now();
    let r = truncated::sinkhorn_truncated(cost, &a, &a, None, &p);
    let secs = t.elapsed().as_secs_f64();
    let cpu = process_cpu().saturating_sub(cpu0).as_secs_f64();
    let peak = peak_rss_kib().unwrap_or(0) as f64 / 1024.0;
    match r {
        Ok((s, stages)) => {
            let i = s.info;
            println!(
                "n = m = {n}, {}, eps {eps:e}, {threads} thread(s): {secs:.2} s (CPU {cpu:.2} s), iterations {} + {} at the target, \
                 error bound {:.3e}, converged {}, builds {}, peak RSS {peak:.0} MiB",
                T::NAME, i.scaling_iterations, i.iterations, i.marginal_error, i.converged, i.kernel_builds
            );
            for st in stages {
                println!(
                    "    eps {:.3e}: {} x {} {} , arcs {} ({:.1} per row), builds {}, iterations {}",
                    st.epsilon,
                    st.rows,
                    st.cols,
                    if st.fine { "points" } else { "clusters" },
                    st.arcs,
                    st.arcs as f64 / st.rows as f64,
                    st.builds,
                    st.iterations
                );
            }
        }
        Err(e) => println!(
            "n = m = {n}, {}, eps {eps:e}, {threads} thread(s): refused after {secs:.2} s: {e} (peak RSS {peak:.0} MiB)",
            T::NAME
        ),
    }
}

/// One log-domain iteration (twice a solve capped at 0 iterations, one soft-min pass).
fn log_iteration(n: usize, threads: usize) {
    let (x, y) = (cloud::<f64>(n, 2, 3), cloud::<f64>(n, 2, 4));
    let a = vec![1.0 / n as f64; n];
    let cost = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let p = Params {
        epsilon: EPS,
        max_iter: 0,
        tolerance: 0.0,
        num_threads: threads,
        path: Path::LogDomain,
        ..Params::default()
    };
    let cpu0 = process_cpu();
    let t = Instant::now();
    sinkhorn::sinkhorn(cost, &a, &a, None, &p).unwrap();
    let secs = 2.0 * t.elapsed().as_secs_f64();
    let cpu = 2.0 * process_cpu().saturating_sub(cpu0).as_secs_f64();
    println!(
        "n = m = {n}, f64, {threads} thread(s): log-domain iteration {secs:.2} s (CPU {cpu:.2} s)"
    );
}

/// The truncated solve against the full kernel on one problem (f64): the truncated
/// potentials' L1 marginal error under the full kernel (one symmetric log-domain check, no
/// update), and their entropic value against a log-domain solve to tolerance 1e-5 (at most
/// 5000 iterations).
fn compare(n: usize, threads: usize) {
    let (x, y) = (cloud::<f64>(n, 2, 3), cloud::<f64>(n, 2, 4));
    let a = vec![1.0 / n as f64; n];
    let cost = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let base = Params {
        epsilon: EPS,
        num_threads: threads,
        max_iter: 1_000_000,
        ..Params::default()
    };
    let trunc = Params {
        tolerance: TOL,
        path: Path::Truncated,
        kernel_memory_cap: 8 << 30,
        ..base
    };
    let t = Instant::now();
    let (s, _) = truncated::sinkhorn_truncated(cost, &a, &a, None, &trunc).unwrap();
    let t_trunc = t.elapsed().as_secs_f64();
    let full = Params {
        max_iter: 0,
        tolerance: 0.0,
        symmetric: true,
        path: Path::LogDomain,
        ..base
    };
    let measured = sinkhorn::sinkhorn(cost, &a, &a, Some((&s.f, &s.g)), &full).unwrap();
    println!(
        "n = m = {n}, eps {EPS:e}, {threads} thread(s): truncated {t_trunc:.1} s, {} + {} iterations, \
         reported error bound {:.3e}; under the full kernel: L1 marginal error {:.3e}, entropic value {:.9e}",
        s.info.scaling_iterations,
        s.info.iterations,
        s.info.marginal_error,
        measured.info.marginal_error,
        measured.info.dual
    );
    let reference = Params {
        tolerance: 1e-5,
        max_iter: 5000,
        path: Path::LogDomain,
        scaling: sinkhorn::Scaling {
            steps: 8,
            ..sinkhorn::Scaling::default()
        },
        ..base
    };
    let t = Instant::now();
    let r = sinkhorn::sinkhorn(cost, &a, &a, None, &reference).unwrap();
    println!(
        "  log-domain solve: {:.1} s, {} + {} iterations, L1 marginal error {:.1e}, entropic value {:.9e}: \
         relative difference of the truncated solve's value {:.2e}",
        t.elapsed().as_secs_f64(),
        r.info.scaling_iterations,
        r.info.iterations,
        r.info.marginal_error,
        r.info.dual,
        (measured.info.dual - r.info.dual).abs() / r.info.dual.abs()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |k: usize| args[k].parse::<f64>().expect("a number") as usize;
    match args.first().map(String::as_str) {
        Some("log") => log_iteration(arg(1), arg(2)),
        Some("compare") => compare(arg(1), arg(2)),
        Some(_) if args.len() >= 4 => {
            let eps = args.get(4).map_or(EPS, |e| e.parse().expect("eps"));
            match args[1].as_str() {
                "f32" => solve::<f32>(arg(0), arg(2), arg(3), eps),
                _ => solve::<f64>(arg(0), arg(2), arg(3), eps),
            }
        }
        Some(_) => panic!("arguments: n f64|f32 threads cap_bytes [eps], or log n threads"),
        None => {
            println!(
                "truncated Sinkhorn, d = 2, eps = {EPS}, tolerance {TOL} (machine may be shared)"
            );
            let exe = std::env::current_exe().unwrap();
            for t in ["f64", "f32"] {
                let out = Command::new(&exe)
                    .args(["10000", t, "2", "4e9"])
                    .output()
                    .expect("run the child");
                print!("{}", String::from_utf8_lossy(&out.stdout));
            }
            let out = Command::new(&exe)
                .args(["log", "10000", "2"])
                .output()
                .expect("run the child");
            print!("{}", String::from_utf8_lossy(&out.stdout));
        }
    }
}
