//! The pieces of a row-partitioned Sinkhorn, for callers that split the rows (sources) of one
//! problem over processes (MPI ranks): each holds a block of rows of the cost (or of the
//! source points), its part of a and f, and all of b and g.
//!
//! One alternating iteration is then:
//! 1. [`row_update_block`]: f on the block's rows, from g (row soft-mins are row-local).
//! 2. [`column_partials_block`]: the block's column log-sum-exps as [`LsePair`]s.
//! 3. [`combine_pairs`] across the blocks (an MPI reduction with a user operation, or an
//!    all-gather then a fold in rank order, which keeps the result independent of timing).
//! 4. [`column_update`]: g from the combined pairs, on every process.
//!
//! With the blocks combined in row order this reproduces [`super::sinkhorn`] (alternating
//! updates, no ε-scaling) to rounding: only the grouping of the column sums differs. Each
//! call allocates O(rows + m) (d·(rows + m) more for point clouds); results do not depend on
//! the thread count.

use super::cost_source::{source_scratch, with_source};
use super::solver::{check_params, kappa, scaled};
use super::{Cost, Params};
use crate::workspace::{take, vec_req, with_stack};
use crate::{bail, Par, Real, Result, StackReq};

/// A partial log-sum-exp over some rows: the value is `max + ln(sum)` (−∞ when empty).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LsePair {
    /// Largest exponent (or a partial log-sum-exp value); −∞ when nothing was added.
    pub max: f64,
    /// Σ exp(x − max) (0 when nothing was added).
    pub sum: f64,
}

/// Nothing added yet (an associated constant would leak into the C header through cbindgen).
impl Default for LsePair {
    fn default() -> Self {
        LsePair {
            max: f64::NEG_INFINITY,
            sum: 0.0,
        }
    }
}

impl LsePair {
    /// `max + ln(sum)`.
    pub fn value(self) -> f64 {
        if self.sum == 0.0 {
            f64::NEG_INFINITY
        } else {
            self.max + self.sum.ln()
        }
    }
    /// The pair of the union of two disjoint sets of rows.
    pub fn merge(self, other: LsePair) -> LsePair {
        let (hi, lo) = if other.max > self.max {
            (other, self)
        } else {
            (self, other)
        };
        if lo.sum == 0.0 {
            return hi;
        }
        LsePair {
            max: hi.max,
            sum: hi.sum + lo.sum * (lo.max - hi.max).exp(),
        }
    }
}

/// Workspace of the block functions for `rows` rows, m columns, point dimension d (0 dense).
fn block_scratch<T: Real>(rows: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[source_scratch::<T>(rows, m, d), vec_req::<f64>(rows.max(m))])
}

/// Checks a block's dimensions.
fn check_block<T: Real>(cost: &Cost<'_, T>, a: &[T], b: &[T], f: usize, p: &Params) -> Result<()> {
    check_params(p)?;
    let (rows, m) = cost.dims();
    if a.len() != rows || f != rows || b.len() != m {
        bail!(
            InvalidDimension,
            "a block of {rows}x{m} costs needs {rows} values of a and f and {m} of b: got {}, \
             {f} and {}",
            a.len(),
            b.len()
        );
    }
    Ok(())
}

/// Row update on a block: `f_i = −κ_a ε log Σ_j b_j exp((g_j − C_ij)/ε)` for the block's rows
/// (`cost` is the block's rows × all m columns, `a_block` its row weights; g has m values).
/// O(rows·m). Alternating updates; `params.epsilon`, `rho_a` are used.
pub fn row_update_block<T: Real>(
    cost: Cost<'_, T>,
    a_block: &[T],
    b: &[T],
    g: &[f64],
    f_block: &mut [f64],
    params: &Params,
    par: Par,
) -> Result<()> {
    check_block(&cost, a_block, b, f_block.len(), params)?;
    if g.len() != b.len() {
        bail!(InvalidDimension, "g has {} values, b {}", g.len(), b.len());
    }
    let (rows, m) = cost.dims();
    let eps = params.epsilon;
    let ka = kappa(params.rho_a, eps);
    with_stack(block_scratch::<T>(rows, m, cost.point_dim()), |stack| {
        with_source(cost, a_block, b, stack, |p, stack| {
            let (mut lr, _) = take(stack, rows, 0.0f64);
            scaled(g, p.lb, eps, p.u);
            p.src.rows_lse(p.u, T::from_f64(-1.0 / eps), &mut lr, par);
            for (f, &l) in f_block.iter_mut().zip(lr.iter()) {
                *f = -ka * eps * l;
            }
        })
    })
}

/// The block's column log-sum-exps `log Σ_{i in block} a_i exp((f_i − C_ij)/ε)`, one pair per
/// column (m). O(rows·m).
pub fn column_partials_block<T: Real>(
    cost: Cost<'_, T>,
    a_block: &[T],
    b: &[T],
    f_block: &[f64],
    out: &mut [LsePair],
    params: &Params,
    par: Par,
) -> Result<()> {
    check_block(&cost, a_block, b, f_block.len(), params)?;
    let (rows, m) = cost.dims();
    if out.len() != m {
        bail!(
            InvalidDimension,
            "out has {} pairs for {m} columns",
            out.len()
        );
    }
    let eps = params.epsilon;
    with_stack(block_scratch::<T>(rows, m, cost.point_dim()), |stack| {
        with_source(cost, a_block, b, stack, |p, stack| {
            let (mut lc, _) = take(stack, m, 0.0f64);
            scaled(f_block, p.la, eps, p.v);
            p.src.cols_lse(p.v, T::from_f64(-1.0 / eps), &mut lc, par);
            for (o, &l) in out.iter_mut().zip(lc.iter()) {
                *o = if l == f64::NEG_INFINITY {
                    LsePair::default()
                } else {
                    LsePair { max: l, sum: 1.0 }
                };
            }
        })
    })
}

/// `acc[j] = acc[j] ∪ other[j]` for every column (what an MPI reduction applies).
pub fn combine_pairs(acc: &mut [LsePair], other: &[LsePair]) {
    assert_eq!(acc.len(), other.len(), "pair arrays of different lengths");
    for (a, &o) in acc.iter_mut().zip(other) {
        *a = a.merge(o);
    }
}

/// Column update from the combined pairs: `g_j = −κ_b ε (max_j + ln sum_j)`.
pub fn column_update(pairs: &[LsePair], params: &Params, g: &mut [f64]) {
    assert_eq!(pairs.len(), g.len(), "one pair per value of g");
    let eps = params.epsilon;
    let kb = kappa(params.rho_b, eps);
    for (g, p) in g.iter_mut().zip(pairs) {
        *g = -kb * eps * p.value();
    }
}
