//! Online (point-cloud) Sinkhorn at scale: time per iteration and peak memory for
//! n = m = 20 000 and 100 000 points in [0,1]², squared Euclidean cost computed on the fly,
//! ε = 0.01, f64, on 1 and 2 threads (issue 4).
//!
//!     cargo run --release --example sinkhorn_online              # 20k and 100k, 1 and 2 threads
//!     cargo run --release --example sinkhorn_online -- 20000     # chosen sizes only
//!
//! Every (size, threads) case runs in a fresh child process, so that its peak resident set
//! (VmHWM from /proc/self/status, Linux) is its own. Time per iteration = twice a solve capped
//! at 0 iterations (one soft-min pass over the on-the-fly cost; both passes are the same kernel
//! at n = m; the set-up is O(n)). The CPU time of all threads (getrusage) is printed too: on a
//! shared machine, the one-thread CPU time is the undisturbed time.
//! The machine may be shared: compare the two thread counts of the same run.

#[path = "../benches/common/mod.rs"]
mod common;
#[path = "../benches/common/process.rs"]
mod process;
use common::cloud;
use otcore::sinkhorn::{self, Cost, Params};
use process::{peak_rss_kib, process_cpu};
use std::process::Command;
use std::time::{Duration, Instant};

/// One case in this process: prints "n threads ms_per_iteration workspace_bytes peak_kib".
fn child(n: usize, threads: usize) {
    let (x, y) = (cloud::<f64>(n, 2, 3), cloud::<f64>(n, 2, 4));
    let a = vec![1.0 / n as f64; n];
    let cost = Cost::SqEuclidean {
        x: x.as_ref(),
        y: y.as_ref(),
    };
    let req = sinkhorn::sinkhorn_scratch::<f64>(n, n, 2, &Params::default());
    let bytes = otcore::workspace::bytes_for(req).unwrap();
    let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); bytes];
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; n]);
    let time =
        |iters: usize, buf: &mut [std::mem::MaybeUninit<u8>], f: &mut [f64], g: &mut [f64]| {
            let p = Params {
                epsilon: 0.01,
                max_iter: iters,
                tolerance: 0.0,
                ..Params::default()
            };
            f.fill(0.0);
            g.fill(0.0);
            otcore::par::with_threads(threads, |par| {
                let stack = otcore::MemStack::new(buf);
                let t = Instant::now();
                sinkhorn::sinkhorn_in_place(cost, &a, &a, f, g, &p, par, stack).unwrap();
                t.elapsed()
            })
            .unwrap()
        };
    // A solve capped at 0 iterations makes one row pass over the cost (that of the marginal
    // check); the column pass is the same kernel on the same sizes here (n = m, points
    // streamed both ways), so one iteration is twice that. The set-up is O(n).
    let cpu0 = process_cpu();
    let pass = time(0, &mut buf, &mut f, &mut g);
    let cpu = process_cpu().saturating_sub(cpu0);
    let it: Duration = pass * 2;
    println!(
        "{n} {threads} {:.3} {bytes} {} {:.3}",
        it.as_secs_f64() * 1e3,
        peak_rss_kib().unwrap_or(0),
        2.0 * cpu.as_secs_f64() * 1e3
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        child(args[1].parse().unwrap(), args[2].parse().unwrap());
        return;
    }
    let sizes: Vec<usize> = if args.is_empty() {
        vec![20_000, 100_000]
    } else {
        args.iter().map(|a| a.parse().expect("sizes")).collect()
    };
    let exe = std::env::current_exe().unwrap();
    println!(
        "online Sinkhorn, f64, d = 2, eps = 0.01, squared Euclidean on the fly \
         (machine may be shared; each case in its own process)"
    );
    for n in sizes {
        let mut per_thread = vec![];
        for threads in [1usize, 2] {
            let out = Command::new(&exe)
                .args(["--child", &n.to_string(), &threads.to_string()])
                .output()
                .expect("run the child");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let line = String::from_utf8_lossy(&out.stdout);
            let v: Vec<f64> = line
                .split_whitespace()
                .map(|t| t.parse().unwrap())
                .collect();
            let (ms, ws, peak, cpu) = (v[2], v[3], v[4], v[5]);
            println!(
                "n = m = {n:>6}, {threads} thread(s): {ms:9.1} ms per iteration \
                 ({:.2} ns per cost entry and pass; CPU time of all threads {cpu:.1} ms), \
                 workspace {:.2} MiB, process peak RSS {:.1} MiB",
                ms * 1e6 / (2.0 * n as f64 * n as f64),
                ws / 1048576.0,
                peak / 1024.0
            );
            per_thread.push(ms);
        }
        println!(
            "n = m = {n:>6}: 2 threads / 1 thread speed-up {:.2}",
            per_thread[0] / per_thread[1]
        );
    }
}
