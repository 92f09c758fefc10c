//! Demo section: semi-discrete OT (a Laguerre diagram) and a convolutional barycenter, both
//! written as SVG files into $OTCORE_DEMO_OUT (default: target/demo/).

use crate::data::Data;
use faer::Mat;
use otcore::barycenter::{convolutional_barycenter, BarycenterParams};
use otcore::semidiscrete::{laguerre_assign, semidiscrete, SemiDiscreteParams};
use std::fmt::Write;
use std::path::PathBuf;

fn out_dir() -> PathBuf {
    crate::svg::out_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// A two-Gaussian density on the `side × side` grid of [lo, hi]², normalised, and the grid.
fn density(side: usize, lo: f64, hi: f64) -> (Mat<f64>, Vec<f64>) {
    let t = |c: usize| lo + (hi - lo) * (c as f64 + 0.5) / side as f64;
    let x = Mat::from_fn(side * side, 2, |i, k| {
        t(if k == 0 { i % side } else { i / side })
    });
    let mut w: Vec<f64> = (0..side * side)
        .map(|i| {
            let (u, v) = (x[(i, 0)], x[(i, 1)]);
            (-((u + 0.5).powi(2) + v * v) / 0.3).exp()
                + 0.6 * (-((u - 0.6).powi(2) + (v - 0.4).powi(2)) / 0.2).exp()
        })
        .collect();
    let s: f64 = w.iter().sum();
    w.iter_mut().for_each(|v| *v /= s);
    (x, w)
}

fn colour(j: usize) -> String {
    let h = (j as f64 * 137.508) % 360.0;
    format!("hsl({h:.0},65%,60%)")
}

fn laguerre_svg(data: &Data) -> Option<(PathBuf, f64)> {
    // Sites: every 7th point of the ring, equal weights; source: a density on a 100×100 grid.
    let sites = Mat::from_fn(data.y.nrows().div_ceil(7), 2, |j, k| data.y[(7 * j, k)]);
    let n = sites.nrows();
    let (lo, hi) = (-2.0, 2.0);
    let (x, a) = density(100, lo, hi);
    let b = vec![1.0 / n as f64; n];
    let sol = semidiscrete(
        x.as_ref(),
        Some(&a),
        sites.as_ref(),
        &b,
        &SemiDiscreteParams::default(),
        0,
    )
    .ok()?;
    println!(
        "  semi-discrete: {} sites vs a density on a 100x100 grid, Newton: {} iterations, max cell-mass error {:.2e} (smoothed {:.2e}, eps {:.1e})",
        n, sol.info.iterations, sol.info.mass_error, sol.info.smoothed_mass_error, sol.info.epsilon
    );
    // Colour a fine 300×300 grid by cell; merge runs of equal cells along each row.
    let side = 300;
    let (fine, _) = density(side, lo, hi);
    let (cells, _) = laguerre_assign(fine.as_ref(), None, sites.as_ref(), &sol.g, 0).ok()?;
    let mut svg = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{side}\" height=\"{side}\" shape-rendering=\"crispEdges\">\n");
    for r in 0..side {
        let mut c = 0;
        while c < side {
            let j = cells[r * side + c];
            let start = c;
            while c < side && cells[r * side + c] == j {
                c += 1;
            }
            let _ = writeln!(
                svg,
                "<rect x=\"{start}\" y=\"{}\" width=\"{}\" height=\"1\" fill=\"{}\"/>",
                side - 1 - r,
                c - start,
                colour(j as usize)
            );
        }
    }
    for j in 0..n {
        let px = (sites[(j, 0)] - lo) / (hi - lo) * side as f64;
        let py = side as f64 - (sites[(j, 1)] - lo) / (hi - lo) * side as f64;
        let _ = writeln!(
            svg,
            "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"2.5\" fill=\"black\"/>"
        );
    }
    svg.push_str("</svg>\n");
    let path = out_dir().join("otcore_laguerre.svg");
    std::fs::write(&path, svg).ok()?;
    Some((path, sol.info.mass_error))
}

fn barycenter_svg() -> Option<PathBuf> {
    let side = 64;
    let t = |c: usize| c as f64 / (side - 1) as f64;
    let shapes: [&dyn Fn(f64, f64) -> bool; 4] = [
        &|u, v| {
            (u - 0.5).powi(2) + (v - 0.5).powi(2) < 0.1
                && (u - 0.5).powi(2) + (v - 0.5).powi(2) > 0.04
        },
        &|u, v| (u - 0.5).abs() < 0.3 && (v - 0.5).abs() < 0.3,
        &|u, v| (u - 0.5).abs() + (v - 0.5).abs() < 0.35,
        &|u, v| (u - 0.5).abs() < 0.08 || (v - 0.5).abs() < 0.08,
    ];
    let mut imgs = Mat::from_fn(side * side, 4, |i, k| {
        f64::from(u8::from(shapes[k](t(i / side), t(i % side)))) + 1e-6
    });
    for k in 0..4 {
        let s: f64 = imgs.col(k).iter().sum();
        for i in 0..side * side {
            imgs[(i, k)] /= s;
        }
    }
    let params = BarycenterParams {
        epsilon: 2e-3,
        max_iter: 300,
        tol: 1e-7,
    };
    let (bar, info) = convolutional_barycenter(imgs.as_ref(), side, side, None, &params, 0).ok()?;
    let mass: f64 = bar.iter().sum();
    println!(
        "  convolutional barycenter of 4 shapes on a {side}x{side} grid: {} iterations, marginal error {:.1e}, mass {mass:.12}",
        info.iterations, info.error
    );
    let scale = 4;
    let mut svg = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" shape-rendering=\"crispEdges\">\n", 5 * side * scale, side * scale);
    let columns: Vec<Vec<f64>> = (0..4)
        .map(|k| imgs.col(k).iter().copied().collect())
        .chain([bar])
        .collect();
    for (p, img) in columns.iter().enumerate() {
        let mx = img.iter().copied().fold(0.0, f64::max);
        for (i, &v) in img.iter().enumerate() {
            let level = 255 - (255.0 * v / mx).round() as u8;
            if level == 255 {
                continue;
            }
            let (r, c) = (i / side, i % side);
            let _ = writeln!(svg, "<rect x=\"{}\" y=\"{}\" width=\"{scale}\" height=\"{scale}\" fill=\"rgb({level},{level},{level})\"/>", (p * side + c) * scale, r * scale);
        }
    }
    svg.push_str("</svg>\n");
    let path = out_dir().join("otcore_barycenter.svg");
    std::fs::write(&path, svg).ok()?;
    Some(path)
}

pub fn run(data: &Data) {
    println!("semi-discrete OT and barycenters:");
    match laguerre_svg(data) {
        Some((path, err)) => println!(
            "  wrote {} (Laguerre cells; max cell-mass error {err:.2e})",
            path.display()
        ),
        None => println!("  Laguerre diagram: failed"),
    }
    match barycenter_svg() {
        Some(path) => println!(
            "  wrote {} (the 4 inputs, then their barycenter)",
            path.display()
        ),
        None => println!("  barycenter: failed"),
    }
    println!();
}
