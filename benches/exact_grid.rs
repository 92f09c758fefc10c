//! The sparse multiscale grid solver (`emd_grid`) on DOTmark-style image pairs (squared
//! Euclidean cost on the unit square, one thread), beside the dense network simplex (`emd` on
//! the full n×n cost matrix) at 32×32 and 64×64. Prints, per size, the mean time per pair of
//! each class (two pairs a class), the mean over all pairs, the dense solver's mean and the
//! ratio dense / grid (> 1: the grid solver is faster), and checks that both costs agree.
//! `cargo bench --bench exact_grid` (sizes: `-- 32,64,128,256`; default 32,64,128).
//!
//! With `OTCORE_LEMON_BIN` set to the program built from `benches/peers/lemon_grid.cpp`
//! (`benches/peers/lemon_grid.sh` builds it and runs this bench), the images are rounded to
//! integer masses (10⁶ in all, equal totals) for every solver, and at 32×32 and 64×64 LEMON
//! 1.3's `NetworkSimplex` on the complete bipartite graph runs beside them: its solve time,
//! the ratio LEMON / grid and a check that its integer cost equals the others'.

#[path = "common/dotmark.rs"]
mod dotmark;

use dotmark::{image, CLASSES};
use faer::Mat;
use otcore::exact::{emd, emd_grid, EmdParams, GridParams};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

/// `x` scaled to integer masses summing to `total` (largest remainders rounded up).
fn integer_masses(x: &[f64], total: u64) -> Vec<f64> {
    let sum: f64 = x.iter().sum();
    let scaled: Vec<f64> = x.iter().map(|&v| v * total as f64 / sum).collect();
    let mut out: Vec<f64> = scaled.iter().map(|v| v.floor()).collect();
    let short = total - out.iter().sum::<f64>() as u64;
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&p, &q| (scaled[q] - out[q]).total_cmp(&(scaled[p] - out[p])));
    for &p in &order[..short as usize] {
        out[p] += 1.0;
    }
    out
}

/// Runs the LEMON program `bin` on the side×side pair (integer masses); returns its integer
/// cost (pixel units) and solve time in ms.
fn lemon(bin: &str, side: usize, a: &[f64], b: &[f64]) -> (f64, f64) {
    let mut child = Command::new(bin)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("OTCORE_LEMON_BIN runs");
    let mut input = format!("{side}\n");
    for v in a.iter().chain(b) {
        input += &format!("{} ", *v as u64);
    }
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write to LEMON");
    let out = child.wait_with_output().expect("LEMON finishes");
    assert!(out.status.success(), "LEMON failed: {:?}", out.status);
    let text = String::from_utf8(out.stdout).expect("LEMON prints text");
    let mut it = text
        .split_whitespace()
        .map(|w| w.parse::<f64>().expect("numbers"));
    (it.next().expect("cost"), it.next().expect("time"))
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(|s| {
            s.split(',')
                .map(|x| x.parse().expect("sizes: 32,64"))
                .collect()
        })
        .unwrap_or_else(|| vec![32, 64, 128]);
    let p = GridParams::default();
    let lemon_bin = std::env::var("OTCORE_LEMON_BIN").ok();
    println!(
        "size  class          grid ms  rounds  pivots   dense ms  dense/grid{}",
        if lemon_bin.is_some() {
            "   lemon ms  lemon/grid"
        } else {
            ""
        }
    );
    for &side in &sizes {
        let h = 1.0 / side as f64;
        let mut grid_total = 0.0;
        let mut dense_total = 0.0;
        let mut lemon_total = 0.0;
        let mut pairs = 0;
        let lemon_bin = lemon_bin.as_deref().filter(|_| side <= 64);
        let cost = (side <= 64).then(|| {
            Mat::from_fn(side * side, side * side, |i, j| {
                let (yi, xi, yj, xj) = (i / side, i % side, j / side, j % side);
                let (dy, dx) = (yi.abs_diff(yj) as f64 * h, xi.abs_diff(xj) as f64 * h);
                dy * dy + dx * dx
            })
        });
        for (k, &class) in CLASSES.iter().enumerate() {
            let (mut g_ms, mut d_ms, mut l_ms) = (0.0, 0.0, 0.0);
            let (mut rounds, mut pivots) = (0, 0);
            for pair in 0..2u64 {
                let seed = 1000 * k as u64 + 10 * pair;
                let (mut a, mut b) = (
                    image(class, side, side, seed + 1),
                    image(class, side, side, seed + 2),
                );
                if lemon_bin.is_some() {
                    (a, b) = (integer_masses(&a, 1_000_000), integer_masses(&b, 1_000_000));
                }
                let t = Instant::now();
                let s = emd_grid(&[side, side], &[h, h], &a, &b, &p).unwrap();
                g_ms += t.elapsed().as_secs_f64() * 1e3;
                rounds += s.info.rounds;
                pivots += s.info.iterations;
                if let Some(c) = &cost {
                    let t = Instant::now();
                    let d = emd(&a, &b, c.as_ref(), &EmdParams::default()).unwrap();
                    d_ms += t.elapsed().as_secs_f64() * 1e3;
                    assert!(
                        (d.cost - s.cost).abs() <= 1e-9 * d.cost,
                        "{class:?}: {} vs {}",
                        d.cost,
                        s.cost
                    );
                }
                if let Some(bin) = lemon_bin {
                    let (l_cost, ms) = lemon(bin, side, &a, &b);
                    l_ms += ms;
                    let l_cost = l_cost * h * h;
                    assert!(
                        (l_cost - s.cost).abs() <= 1e-9 * l_cost,
                        "{class:?}: LEMON {l_cost} vs grid {}",
                        s.cost
                    );
                }
                pairs += 1;
            }
            lemon_total += l_ms;
            grid_total += g_ms;
            dense_total += d_ms;
            let mut dense = if cost.is_some() {
                format!("{:9.1}  {:9.1}", d_ms / 2.0, d_ms / g_ms)
            } else {
                String::new()
            };
            if lemon_bin.is_some() {
                dense += &format!("  {:9.1}  {:9.1}", l_ms / 2.0, l_ms / g_ms);
            }
            println!(
                "{side:4}  {:<13} {:8.1}  {:6}  {:7}  {dense}",
                format!("{class:?}"),
                g_ms / 2.0,
                rounds / 2,
                pivots / 2
            );
        }
        let mut dense = if cost.is_some() {
            format!(
                "{:9.1}  {:9.1}",
                dense_total / pairs as f64,
                dense_total / grid_total
            )
        } else {
            String::new()
        };
        if lemon_bin.is_some() {
            dense += &format!(
                "  {:9.1}  {:9.1}",
                lemon_total / pairs as f64,
                lemon_total / grid_total
            );
        }
        println!(
            "{side:4}  {:<13} {:8.1}                   {dense}",
            "mean",
            grid_total / pairs as f64
        );
    }
}
