//! Warm start of the entropic JKO step: a 20-step flow of a Gaussian on an h × h grid, each
//! step started cold (u = 0) or from the previous step's dual, for the heat flow (V = 0) and a
//! Fokker–Planck flow (V = |x − c|²/(2·0.01)), at (τ, ε) = (1e-3, 1e-3) and (1e-2, 1e-3),
//! tolerance 1e-9, one thread. The two flows run side by side (each step from the same ρ_k,
//! the warm flow's); prints the iterations and seconds of the 20 steps, both starts, their
//! ratio, and the largest L1 gap between the cold and warm densities of a step.
//! `cargo bench --bench jko_warm` (grid side: `-- 64`).

use otcore::flow::{jko_step_warm_in_place, jko_step_warm_scratch, JkoParams};
use otcore::workspace::with_stack;
use otcore::Par;
use std::time::Instant;

const STEPS: usize = 20;

/// A Gaussian of variance `s` per axis at (0.45, 0.55) on the h × h grid of the unit square,
/// unit mass.
fn blob(h: usize, s: f64) -> Vec<f64> {
    let at = |k: usize| k as f64 / (h - 1) as f64;
    let mut rho: Vec<f64> = (0..h * h)
        .map(|k| (-((at(k / h) - 0.45).powi(2) + (at(k % h) - 0.55).powi(2)) / (2.0 * s)).exp())
        .collect();
    let total: f64 = rho.iter().sum();
    rho.iter_mut().for_each(|v| *v /= total);
    rho
}

/// One step from `dual` (left holding the final dual): (density, iterations, seconds).
fn step(
    rho: &[f64],
    v: Option<&[f64]>,
    h: usize,
    p: &JkoParams,
    dual: &mut [f64],
) -> (Vec<f64>, usize, f64) {
    let mut out = vec![0.0; h * h];
    let t = Instant::now();
    let info = with_stack(jko_step_warm_scratch::<f64>(h, h), |st| {
        jko_step_warm_in_place(rho, v, h, h, p, dual, &mut out, Par::Seq, st)
    })
    .unwrap()
    .unwrap();
    let dt = t.elapsed().as_secs_f64();
    assert!(info.converged, "{info:?}");
    (out, info.iterations, dt)
}

fn main() {
    let h: usize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(|s| s.parse().unwrap())
        .unwrap_or(128);
    let at = |k: usize| k as f64 / (h - 1) as f64;
    let fp: Vec<f64> = (0..h * h)
        .map(|k| ((at(k / h) - 0.5).powi(2) + (at(k % h) - 0.5).powi(2)) / 0.02)
        .collect();
    println!("JKO, {h}x{h}, {STEPS} steps, tol 1e-9, one thread; ratio = cold / warm");
    println!(
        "flow | tau | eps | iters cold | iters warm | ratio | s cold | s warm | ratio | max L1 gap"
    );
    for (name, v) in [("heat", None), ("Fokker-Planck", Some(&fp[..]))] {
        for (tau, eps) in [(1e-3, 1e-3), (1e-2, 1e-3)] {
            let p = JkoParams {
                epsilon: eps,
                step: tau,
                max_iter: 100_000,
                tolerance: 1e-9,
                num_threads: 1,
            };
            let mut rho = blob(h, 0.004);
            let mut dual = vec![0.0; h * h];
            let (mut it, mut secs, mut gap) = ([0usize; 2], [0.0f64; 2], 0.0f64);
            for _ in 0..STEPS {
                let (cold, ic, tc) = step(&rho, v, h, &p, &mut vec![0.0; h * h]);
                let (warm, iw, tw) = step(&rho, v, h, &p, &mut dual);
                it[0] += ic;
                it[1] += iw;
                secs[0] += tc;
                secs[1] += tw;
                gap = gap.max(cold.iter().zip(&warm).map(|(a, b)| (a - b).abs()).sum());
                rho = warm;
            }
            println!(
                "{name} | {tau:e} | {eps:e} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {gap:.1e}",
                it[0],
                it[1],
                it[0] as f64 / it[1] as f64,
                secs[0],
                secs[1],
                secs[0] / secs[1]
            );
        }
    }
}
