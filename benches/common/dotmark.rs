//! Images in the styles of the DOTmark classes (Schrieber, Schuhmacher and Gottschlich, "DOTmark
//! – a benchmark for discrete optimal transport", 2017), generated from fixed seeds so that
//! tests and benchmarks share them: white noise, Gaussian random fields of several smoothness
//! (and their exponential, "log-GRF"), mixtures of Cauchy densities, and shapes (mostly zero).
//! Included by `tests/exact/exact_grid.rs` and `benches/exact_grid.rs` with `#[path]`.

#![allow(dead_code)]

/// The image classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Independent uniform values in [0, 1).
    WhiteNoise,
    /// Gaussian white noise blurred by a Gaussian of this standard deviation (pixels), shifted
    /// to minimum 0 (so one pixel is empty).
    Grf(u32),
    /// exp of a blurred Gaussian field normalised to unit variance (no empty pixel).
    LogGrf(u32),
    /// A mixture of four bivariate Cauchy densities with random centres and scales.
    Cauchy,
    /// One to three random filled disks and rectangles of mass 1 on a zero background.
    Shapes,
}

/// Every class, in the order the benchmarks print them.
pub const CLASSES: [Class; 7] = [
    Class::WhiteNoise,
    Class::Grf(1),
    Class::Grf(4),
    Class::LogGrf(8),
    Class::Cauchy,
    Class::Shapes,
    Class::Grf(16),
];

/// xorshift64* random numbers.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value; 0 is replaced).
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// Uniform in [0, 1).
    pub fn u(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let (u1, u2) = (1.0 - self.u(), self.u());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// A `rows × cols` image of `class` (row-major), normalised to total mass 1.
pub fn image(class: Class, rows: usize, cols: usize, seed: u64) -> Vec<f64> {
    let mut r = Rng::new(seed);
    let mut img = match class {
        Class::WhiteNoise => (0..rows * cols).map(|_| r.u()).collect(),
        Class::Grf(s) => {
            let f = field(&mut r, rows, cols, s as f64);
            let lo = f.iter().copied().fold(f64::INFINITY, f64::min);
            f.iter().map(|x| x - lo).collect()
        }
        Class::LogGrf(s) => {
            let f = field(&mut r, rows, cols, s as f64);
            let mean = f.iter().sum::<f64>() / f.len() as f64;
            let var = f.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / f.len() as f64;
            let sd = var.sqrt().max(1e-300);
            f.iter().map(|x| ((x - mean) / sd).exp()).collect()
        }
        Class::Cauchy => {
            let mut img = vec![0.0; rows * cols];
            for _ in 0..4 {
                let (cy, cx) = (r.u() * rows as f64, r.u() * cols as f64);
                let s = (0.02 + 0.1 * r.u()) * rows.max(cols) as f64;
                let w = 0.5 + r.u();
                for y in 0..rows {
                    for x in 0..cols {
                        let d2 = ((y as f64 - cy).powi(2) + (x as f64 - cx).powi(2)) / (s * s);
                        img[y * cols + x] += w / (s * s) * (1.0 + d2).powf(-1.5);
                    }
                }
            }
            img
        }
        Class::Shapes => {
            let mut img = vec![0.0; rows * cols];
            let shapes = 1 + (r.u() * 3.0) as usize;
            for _ in 0..shapes {
                let (cy, cx) = (r.u() * rows as f64, r.u() * cols as f64);
                let (hy, hx) = (
                    (0.08 + 0.2 * r.u()) * rows as f64,
                    (0.08 + 0.2 * r.u()) * cols as f64,
                );
                let disk = r.u() < 0.5;
                for y in 0..rows {
                    for x in 0..cols {
                        let (dy, dx) = ((y as f64 - cy) / hy, (x as f64 - cx) / hx);
                        let inside = if disk {
                            dy * dy + dx * dx <= 1.0
                        } else {
                            dy.abs() <= 1.0 && dx.abs() <= 1.0
                        };
                        if inside {
                            img[y * cols + x] = 1.0;
                        }
                    }
                }
            }
            if img.iter().all(|&x| x == 0.0) {
                img[(rows / 2) * cols + cols / 2] = 1.0;
            }
            img
        }
    };
    let s: f64 = img.iter().sum();
    img.iter_mut().for_each(|x| *x /= s);
    img
}

/// Gaussian white noise blurred (separably, periodic) by a Gaussian of standard deviation s.
fn field(r: &mut Rng, rows: usize, cols: usize, s: f64) -> Vec<f64> {
    let noise: Vec<f64> = (0..rows * cols).map(|_| r.normal()).collect();
    let radius = (3.0 * s).ceil() as isize;
    let kernel: Vec<f64> = (-radius..=radius)
        .map(|k| (-(k * k) as f64 / (2.0 * s * s)).exp())
        .collect();
    let blur = |src: &[f64], len: usize, step: usize, lines: usize, lstep: usize| {
        let mut out = vec![0.0; src.len()];
        for l in 0..lines {
            for p in 0..len {
                let mut acc = 0.0;
                for (t, &w) in kernel.iter().enumerate() {
                    let q = (p as isize + t as isize - radius).rem_euclid(len as isize) as usize;
                    acc += w * src[l * lstep + q * step];
                }
                out[l * lstep + p * step] = acc;
            }
        }
        out
    };
    let h = blur(&noise, cols, 1, rows, cols);
    blur(&h, rows, cols, cols, 1)
}
