//! A minimal SVG writer for the demo's figures: points, segments with widths, heat maps of a
//! grid, text, in world coordinates mapped onto a fixed pixel frame (y up). No dependencies;
//! every figure is one `Svg` built by calls and written with [`Svg::save`].

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where the demo writes its figures: `$OTCORE_DEMO_OUT`, or `target/demo/` of the checkout;
/// created if missing.
pub fn out_dir() -> std::io::Result<PathBuf> {
    let dir = std::env::var_os("OTCORE_DEMO_OUT").map_or_else(
        || {
            [env!("CARGO_MANIFEST_DIR"), "target", "demo"]
                .iter()
                .collect()
        },
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A world point (x, y).
pub type Point = (f64, f64);

/// A segment from one world point to another with its width in pixels.
pub type Segment = (Point, Point, f64);

/// A figure: a `width × height` pixel canvas showing the world box `[x0, x1] × [y0, y1]`.
pub struct Svg {
    width: f64,
    height: f64,
    bounds: [f64; 4],
    body: String,
}

impl Svg {
    /// A blank white canvas of `width × height` pixels showing the world box
    /// `bounds = [x0, x1, y0, y1]`, with a 10-pixel margin.
    pub fn new(width: f64, height: f64, bounds: [f64; 4]) -> Svg {
        let mut body = String::new();
        let _ = writeln!(
            body,
            r#"<rect width="{width}" height="{height}" fill="white"/>"#
        );
        Svg {
            width,
            height,
            bounds,
            body,
        }
    }

    /// The pixel position of the world point (x, y).
    fn px(&self, x: f64, y: f64) -> (f64, f64) {
        let [x0, x1, y0, y1] = self.bounds;
        let m = 10.0;
        (
            m + (x - x0) / (x1 - x0) * (self.width - 2.0 * m),
            self.height - m - (y - y0) / (y1 - y0) * (self.height - 2.0 * m),
        )
    }

    /// Pixels per world unit along x.
    fn scale(&self) -> f64 {
        (self.width - 20.0) / (self.bounds[1] - self.bounds[0])
    }

    /// Discs of `radius` pixels at the world points `pts`, filled with `color` (any SVG
    /// colour) at `opacity`.
    pub fn points(&mut self, pts: &[Point], radius: f64, color: &str, opacity: f64) {
        let _ = writeln!(self.body, r#"<g fill="{color}" fill-opacity="{opacity}">"#);
        for &(x, y) in pts {
            let (u, v) = self.px(x, y);
            let _ = writeln!(
                self.body,
                r#"<circle cx="{u:.2}" cy="{v:.2}" r="{radius}"/>"#
            );
        }
        self.body.push_str("</g>\n");
    }

    /// Segments `(from, to, width)` in world coordinates, `width` in pixels, in `color`.
    pub fn segments(&mut self, segs: &[Segment], color: &str, opacity: f64) {
        let _ = writeln!(
            self.body,
            r#"<g stroke="{color}" stroke-opacity="{opacity}" stroke-linecap="round">"#
        );
        for &((x0, y0), (x1, y1), w) in segs {
            let ((a, b), (c, d)) = (self.px(x0, y0), self.px(x1, y1));
            let _ = writeln!(
                self.body,
                r#"<line x1="{a:.2}" y1="{b:.2}" x2="{c:.2}" y2="{d:.2}" stroke-width="{w:.3}"/>"#
            );
        }
        self.body.push_str("</g>\n");
    }

    /// A heat map of the `rows × cols` grid `values` (row-major; row 0 at the top), drawn
    /// over the world box `[x0, x1] × [y0, y1]` in `color` with each cell's opacity its value
    /// over the largest (cells at 0 are left out).
    pub fn heatmap(
        &mut self,
        values: &[f64],
        rows: usize,
        cols: usize,
        area: [f64; 4],
        color: &str,
    ) {
        let top = values.iter().cloned().fold(0.0, f64::max);
        if top <= 0.0 {
            return;
        }
        let [x0, x1, y0, y1] = area;
        let (dx, dy) = ((x1 - x0) / cols as f64, (y1 - y0) / rows as f64);
        let (cw, ch) = (
            dx * self.scale(),
            dy * (self.height - 20.0) / (self.bounds[3] - self.bounds[2]),
        );
        let _ = writeln!(self.body, r#"<g fill="{color}">"#);
        for r in 0..rows {
            for c in 0..cols {
                let v = values[r * cols + c] / top;
                if v > 0.0 {
                    let (u, w) = self.px(x0 + c as f64 * dx, y1 - r as f64 * dy);
                    let _ = writeln!(
                        self.body,
                        r#"<rect x="{u:.2}" y="{w:.2}" width="{cw:.2}" height="{ch:.2}" fill-opacity="{v:.3}"/>"#
                    );
                }
            }
        }
        self.body.push_str("</g>\n");
    }

    /// `text` at the world point (x, y), 14-pixel sans-serif.
    pub fn text(&mut self, x: f64, y: f64, text: &str) {
        let (u, v) = self.px(x, y);
        let _ = writeln!(
            self.body,
            r#"<text x="{u:.1}" y="{v:.1}" font-family="sans-serif" font-size="14">{text}</text>"#
        );
    }

    /// Writes the figure to `path`.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let head = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}">"#,
            self.width, self.height, self.width, self.height
        );
        std::fs::write(path, format!("{head}\n{}</svg>\n", self.body))
    }
}
