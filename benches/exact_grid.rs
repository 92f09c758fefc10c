//! The sparse multiscale grid solver (`emd_grid`) on DOTmark-style image pairs (squared
//! Euclidean cost on the unit square, one thread), beside the dense network simplex (`emd` on
//! the full n×n cost matrix) at 32×32 and 64×64. Prints, per size, the mean time per pair of
//! each class (two pairs a class), the mean over all pairs, the dense solver's mean and the
//! ratio dense / grid (> 1: the grid solver is faster), and checks that both costs agree.
//! `cargo bench --bench exact_grid` (sizes: `-- 32,64,128,256`; default 32,64,128).

#[path = "common/dotmark.rs"]
mod dotmark;

use dotmark::{image, CLASSES};
use faer::Mat;
use otcore::exact::{emd, emd_grid, EmdParams, GridParams};
use std::time::Instant;

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
    println!("size  class          grid ms  rounds  pivots   dense ms  dense/grid");
    for &side in &sizes {
        let h = 1.0 / side as f64;
        let mut grid_total = 0.0;
        let mut dense_total = 0.0;
        let mut pairs = 0;
        let cost = (side <= 64).then(|| {
            Mat::from_fn(side * side, side * side, |i, j| {
                let (yi, xi, yj, xj) = (i / side, i % side, j / side, j % side);
                let (dy, dx) = (yi.abs_diff(yj) as f64 * h, xi.abs_diff(xj) as f64 * h);
                dy * dy + dx * dx
            })
        });
        for (k, &class) in CLASSES.iter().enumerate() {
            let (mut g_ms, mut d_ms) = (0.0, 0.0);
            let (mut rounds, mut pivots) = (0, 0);
            for pair in 0..2u64 {
                let seed = 1000 * k as u64 + 10 * pair;
                let a = image(class, side, side, seed + 1);
                let b = image(class, side, side, seed + 2);
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
                pairs += 1;
            }
            grid_total += g_ms;
            dense_total += d_ms;
            let dense = if cost.is_some() {
                format!("{:9.1}  {:9.1}", d_ms / 2.0, d_ms / g_ms)
            } else {
                String::new()
            };
            println!(
                "{side:4}  {:<13} {:8.1}  {:6}  {:7}  {dense}",
                format!("{class:?}"),
                g_ms / 2.0,
                rounds / 2,
                pivots / 2
            );
        }
        let dense = if cost.is_some() {
            format!(
                "{:9.1}  {:9.1}",
                dense_total / pairs as f64,
                dense_total / grid_total
            )
        } else {
            String::new()
        };
        println!(
            "{side:4}  {:<13} {:8.1}                   {dense}",
            "mean",
            grid_total / pairs as f64
        );
    }
}
