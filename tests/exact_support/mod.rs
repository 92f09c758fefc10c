//! Helpers shared by the exact-OT tests: a deterministic generator and normalisation.
#![allow(dead_code)]

#[cfg(feature = "highs")]
use faer::Mat;
#[cfg(feature = "highs")]
use good_lp::{constraint, variable, variables, Expression, Solution, SolverModel};

/// xorshift64*: deterministic uniform numbers in [0, 1), no dependency.
pub struct Rng(pub u64);
impl Rng {
    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545F4914F6CDD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform integer in lo..=hi.
    pub fn int(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.uniform() * (hi - lo + 1) as f64) as usize
    }
}

/// `w` scaled to sum 1.
pub fn normalised(mut w: Vec<f64>) -> Vec<f64> {
    let s: f64 = w.iter().sum();
    w.iter_mut().for_each(|x| *x /= s);
    w
}

#[cfg(feature = "highs")]
/// The transport LP solved by HiGHS on costs scaled to max 1 (tight tolerances); returns
/// the optimal cost in the original units.
pub fn highs_cost(a: &[f64], b: &[f64], c: &Mat<f64>) -> f64 {
    let (n, m) = (a.len(), b.len());
    let cmax = (0..n)
        .flat_map(|i| (0..m).map(move |j| (i, j)))
        .map(|(i, j)| c[(i, j)])
        .fold(0.0, f64::max);
    let s = if cmax > 0.0 { cmax } else { 1.0 };
    let mut vars = variables!();
    let x: Vec<_> = (0..n * m).map(|_| vars.add(variable().min(0.0))).collect();
    let mut obj = Expression::from(0.0);
    for i in 0..n {
        for j in 0..m {
            obj += (c[(i, j)] / s) * x[i * m + j];
        }
    }
    let mut model = vars
        .minimise(obj)
        .using(good_lp::highs)
        .set_option("primal_feasibility_tolerance", 1e-10)
        .set_option("dual_feasibility_tolerance", 1e-10);
    for i in 0..n {
        let row: Expression = (0..m).map(|j| x[i * m + j]).sum();
        model = model.with(constraint!(row == a[i]));
    }
    for j in 0..m {
        let col: Expression = (0..n).map(|i| x[i * m + j]).sum();
        model = model.with(constraint!(col == b[j]));
    }
    let sol = model.solve().expect("HiGHS solves the transport LP");
    let mut cost = 0.0;
    for i in 0..n {
        for j in 0..m {
            cost += c[(i, j)] * sol.value(x[i * m + j]);
        }
    }
    cost
}
