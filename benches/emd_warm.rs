//! Warm start of the network simplex: pivots and time from the dual potentials of a nearby
//! problem against a cold start, on uniform random 2-D points with squared Euclidean cost and
//! random positive weights, one thread. Warm duals come from (1) the same points with weights
//! perturbed by up to ±10 %, (2) the target points moved by a Gaussian-like jitter of 0.01,
//! (3) log-domain Sinkhorn at ε = 1e-3 (its potentials approach the exact duals as ε → 0).
//! The time to obtain the warm duals is not counted. Prints pivots and best-of-3 times of both
//! starts and the ratio cold / warm (> 1: the warm start is faster); checks the costs agree.
//! `cargo bench --bench emd_warm` (sizes: `-- 500,1000,2000`).

use faer::Mat;
use otcore::exact::{emd, EmdParams, EmdSolution, WarmStart};
use otcore::sinkhorn::{sinkhorn, Cost, Params};
use std::time::Instant;

struct Rng(u64);

impl Rng {
    fn u(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn points(&mut self, n: usize) -> Vec<[f64; 2]> {
        (0..n).map(|_| [self.u(), self.u()]).collect()
    }
    fn weights(&mut self, n: usize) -> Vec<f64> {
        let w: Vec<f64> = (0..n).map(|_| 0.5 + self.u()).collect();
        let s: f64 = w.iter().sum();
        w.iter().map(|x| x / s).collect()
    }
}

fn sq_cost(p: &[[f64; 2]], q: &[[f64; 2]]) -> Mat<f64> {
    Mat::from_fn(p.len(), q.len(), |i, j| {
        (p[i][0] - q[j][0]).powi(2) + (p[i][1] - q[j][1]).powi(2)
    })
}

/// Best of three solves: (time in s, solution).
fn timed(a: &[f64], b: &[f64], c: &Mat<f64>, warm: Option<(&[f64], &[f64])>) -> (f64, EmdSolution) {
    let params = EmdParams {
        warm_start: warm.map(|(f, g)| WarmStart { f, g }),
        ..EmdParams::default()
    };
    let mut best = (f64::INFINITY, None);
    for _ in 0..3 {
        let t = Instant::now();
        let s = emd(a, b, c.as_ref(), &params).unwrap();
        let dt = t.elapsed().as_secs_f64();
        if dt < best.0 {
            best = (dt, Some(s));
        }
    }
    (best.0, best.1.unwrap())
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(|s| s.split(',').map(|x| x.parse().unwrap()).collect())
        .unwrap_or_else(|| vec![500, 1000, 2000]);
    let mut r = Rng(0x9E3779B97F4A7C15);
    println!("network simplex, one thread, best of 3; ratio = cold time / warm time");
    for n in sizes {
        let (p, q) = (r.points(n), r.points(n));
        let (a, b) = (r.weights(n), r.weights(n));
        let c = sq_cost(&p, &q);
        let (t_cold, cold) = timed(&a, &b, &c, None);

        let mut jitter = |w: &[f64]| {
            let v: Vec<f64> = w.iter().map(|x| x * (0.9 + 0.2 * r.u())).collect();
            let s: f64 = v.iter().sum();
            v.iter().map(|x| x / s).collect::<Vec<f64>>()
        };
        let (a2, b2) = (jitter(&a), jitter(&b));
        let near_w = emd(&a2, &b2, c.as_ref(), &EmdParams::default()).unwrap();
        let q2: Vec<[f64; 2]> = q
            .iter()
            .map(|x| {
                let d = [r.u() + r.u() - 1.0, r.u() + r.u() - 1.0];
                [x[0] + 0.01 * d[0], x[1] + 0.01 * d[1]]
            })
            .collect();
        let near_x = emd(&a, &b, sq_cost(&p, &q2).as_ref(), &EmdParams::default()).unwrap();
        let sp = Params {
            epsilon: 1e-3,
            num_threads: 1,
            tolerance: 1e-6,
            ..Params::default()
        };
        let sk = sinkhorn(Cost::Dense(c.as_ref()), &a, &b, None, &sp).unwrap();

        println!(
            "n = {n:5}  cold: {:7} pivots {:9.2} ms",
            cold.iterations,
            t_cold * 1e3
        );
        for (name, f, g) in [
            ("weights ±10%", &near_w.f, &near_w.g),
            ("points moved 0.01", &near_x.f, &near_x.g),
            ("Sinkhorn eps=1e-3", &sk.f, &sk.g),
        ] {
            let (t, s) = timed(&a, &b, &c, Some((f, g)));
            assert!(
                (s.cost - cold.cost).abs() <= 1e-9 * cold.cost,
                "costs disagree"
            );
            println!(
                "          warm from {name:18}: {:7} pivots {:9.2} ms   ratio cold/warm {:5.2} (pivots {:5.2})",
                s.iterations,
                t * 1e3,
                t_cold / t,
                cold.iterations as f64 / s.iterations.max(1) as f64
            );
        }
    }
}
