//! Demo section: gradient flows of the two moons toward the ring (notebooks 3 and 7 of the
//! ot4ml course) — the Sinkhorn-divergence (Wasserstein) flow and the energy-distance MMD
//! flow — printing the decreasing values and drawing the particles at several times; and one
//! exact transport between two small images (the grid solver), its plan's arcs drawn with
//! widths ∝ mass. SVG figures go to $OTCORE_DEMO_OUT (default: target/demo/).

use crate::data::Data;
use crate::svg::{Point, Svg};
use faer::MatRef;
use otcore::exact::{emd_grid, GridParams};
use otcore::flow::{mmd_flow, wasserstein_flow, MmdKernel, MmdParams, WassersteinFlowParams};
use otcore::sinkhorn::Params;
use std::path::Path;

/// Particles kept at a step: (step, positions).
type Snapshot = (usize, Vec<Point>);

/// The world box of the demo's clouds.
const BOUNDS: [f64; 4] = [-1.5, 2.5, -1.6, 2.0];

fn rows(x: MatRef<'_, f64>) -> Vec<Point> {
    (0..x.nrows()).map(|i| (x[(i, 0)], x[(i, 1)])).collect()
}

/// The particles at the snapshot steps (colours from light to dark) over the target (grey).
fn figure(dir: &Path, name: &str, title: &str, target: &[Point], snaps: &[Snapshot]) {
    let mut svg = Svg::new(560.0, 500.0, BOUNDS);
    svg.points(target, 2.5, "grey", 0.6);
    let colours = ["#fdae6b", "#f16913", "#d94801", "#8c2d04"];
    for ((_, pts), colour) in snaps.iter().zip(colours) {
        svg.points(pts, 2.0, colour, 0.9);
    }
    let steps: Vec<String> = snaps.iter().map(|(k, _)| k.to_string()).collect();
    svg.text(
        -1.45,
        1.9,
        &format!(
            "{title}: steps {} (light to dark), target grey",
            steps.join(", ")
        ),
    );
    save(&svg, dir, name);
}

fn save(svg: &Svg, dir: &Path, name: &str) {
    let path = dir.join(name);
    match svg.save(&path) {
        Ok(()) => println!("  wrote {}", path.display()),
        Err(e) => println!("  could not write {}: {e}", path.display()),
    }
}

/// Runs `steps` steps through `flow`, printing every value and keeping the particles at
/// `snap_at`.
fn run_flow(
    what: &str,
    steps: usize,
    snap_at: &[usize],
    flow: impl FnOnce(
        &mut (dyn FnMut(usize, MatRef<'_, f64>, f64) + Send),
    ) -> otcore::Result<faer::Mat<f64>>,
) -> Option<Vec<Snapshot>> {
    let mut values = Vec::new();
    let mut snaps = Vec::new();
    let last = flow(&mut |k, x, v| {
        values.push(v);
        if snap_at.contains(&k) {
            snaps.push((k, rows(x)));
        }
    });
    match last {
        Ok(x) => {
            snaps.push((steps, rows(x.as_ref())));
            let shown: Vec<String> = values
                .iter()
                .step_by(5)
                .map(|v| format!("{v:.2e}"))
                .collect();
            println!("  {what}, every 5th step: {}", shown.join(" > "));
            Some(snaps)
        }
        Err(e) => {
            println!("  {what} failed: {e}");
            None
        }
    }
}

pub fn run(data: &Data) {
    println!("== Gradient flows (otcore::flow) ==");
    let dir = match crate::svg::out_dir() {
        Ok(dir) => dir,
        Err(e) => return println!("  cannot create the figures' directory: {e}"),
    };
    println!("  figures in {}", dir.display());
    let target = rows(data.y.as_ref());
    let (x, y) = (data.x.as_ref(), data.y.as_ref());

    let wp = WassersteinFlowParams {
        step: 0.15,
        sinkhorn: Params {
            epsilon: 0.02,
            tolerance: 1e-5,
            max_iter: 5000,
            ..Params::default()
        },
    };
    let steps = 40;
    let snaps = run_flow(
        "Sinkhorn divergence S_eps (eps = 0.02, tau = 0.15)",
        steps,
        &[0, 5, 15],
        |visit| wasserstein_flow(x, y, &data.a, &data.b, &wp, steps, |k, x, v| visit(k, x, v)),
    );
    if let Some(s) = snaps {
        figure(
            &dir,
            "wasserstein_flow.svg",
            "Sinkhorn-divergence flow",
            &target,
            &s,
        );
    }

    let mp = MmdParams {
        step: 0.2,
        kernel: MmdKernel::Energy,
        num_threads: 0,
    };
    let snaps = run_flow(
        "energy distance MMD^2 (tau = 0.2)",
        steps,
        &[0, 5, 15],
        |visit| mmd_flow(x, y, &data.a, &data.b, &mp, steps, |k, x, v| visit(k, x, v)),
    );
    if let Some(s) = snaps {
        figure(
            &dir,
            "mmd_flow.svg",
            "energy-distance MMD flow",
            &target,
            &s,
        );
    }

    // One exact transport on a 16×16 grid: a blob to a ring, the plan's arcs drawn.
    let side = 16;
    let img = |f: &dyn Fn(f64, f64) -> f64| -> Vec<f64> {
        let v: Vec<f64> = (0..side * side)
            .map(|p| {
                f(
                    (p % side) as f64 / (side - 1) as f64,
                    (p / side) as f64 / (side - 1) as f64,
                )
            })
            .collect();
        let s: f64 = v.iter().sum();
        v.iter().map(|x| x / s).collect()
    };
    let a = img(&|u, v| (-((u - 0.3).powi(2) + (v - 0.35).powi(2)) / 0.01).exp());
    let b = img(&|u, v| {
        let r = ((u - 0.6).powi(2) + (v - 0.6).powi(2)).sqrt();
        (-((r - 0.25).powi(2)) / 0.004).exp()
    });
    match emd_grid(&[side, side], &[1.0, 1.0], &a, &b, &GridParams::default()) {
        Ok(sol) => {
            println!(
                "  exact transport between two {side}x{side} images: cost {:.4} (pixel units), {} arcs",
                sol.cost,
                sol.plan.len()
            );
            let unit = [0.0, 1.0, 0.0, 1.0];
            let mut svg = Svg::new(500.0, 500.0, unit);
            // Pixel (r, c) is centred at (c, 1 − r)/(side − 1): `heatmap` draws row 0 at the
            // top of its area, cells of width 1/(side − 1).
            let half = 0.5 / (side - 1) as f64;
            let area = [-half, 1.0 + half, -half, 1.0 + half];
            svg.heatmap(&a, side, side, area, "#d7301f");
            svg.heatmap(&b, side, side, area, "#2171b5");
            let top = sol.plan.iter().map(|e| e.2).fold(0.0, f64::max);
            let at = |p: usize| {
                let (r, c) = (p / side, p % side);
                (
                    c as f64 / (side - 1) as f64,
                    1.0 - r as f64 / (side - 1) as f64,
                )
            };
            let arcs: Vec<_> = sol
                .plan
                .iter()
                .filter(|e| e.0 != e.1)
                .map(|&(i, j, m)| (at(i), at(j), 3.0 * m / top))
                .collect();
            svg.segments(&arcs, "black", 0.7);
            svg.text(
                0.0,
                0.98,
                "exact grid transport: source red, target blue, arcs width ~ mass",
            );
            save(&svg, &dir, "grid_transport.svg");
        }
        Err(e) => println!("  grid transport failed: {e}"),
    }
    println!();
}
