//! The pieces of a row-partitioned Sinkhorn, for callers that split the rows (sources) of one
//! problem over processes (MPI ranks): each holds a block of rows of the cost (or of the
//! source points), its part of a and f, and all of b and g.
//!
//! One alternating iteration is then:
//! 1. [`row_update_block_in_place`]: f on the block's rows, from g (row soft-mins are
//!    row-local).
//! 2. [`column_partials_block_in_place`]: the block's column log-sum-exps as [`LsePair`]s.
//! 3. [`combine_pairs`] across the blocks (an MPI reduction with a user operation, or an
//!    all-gather then a fold in rank order, which keeps the result independent of timing).
//! 4. [`column_update`]: g from the combined pairs, on every process.
//!
//! [`block_step_in_place`] does 1 and 2 on one preparation of the block (what the C ABI
//! offers) and also returns the block's part of the L1 marginal error of the potentials it
//! was given, the stopping test of [`super::sinkhorn`].
//!
//! With the blocks combined in row order this reproduces [`super::sinkhorn`] (alternating
//! updates, no ε-scaling) to rounding: only the grouping of the column sums differs. Every
//! function has the three levels of the crate (`*_scratch`, allocation-free `*_in_place`,
//! allocating convenience); results do not depend on the thread count.

use super::checks::{check_cost, check_params};
use super::cost_source::{source_scratch, with_source, Cost, Prepared};
use super::marginal::{kappa, side_error, Marginal};
use super::solver::scaled;
use super::Params;
use crate::error::{check_finite, check_weights};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MemStack, Par, Real, Result, StackReq};

/// A partial log-sum-exp over some rows: the value is `max + ln(sum)` (−∞ when empty).
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(C)]
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
    /// The pair of the union of two disjoint sets of rows. Commutative bit for bit (the
    /// larger `max` leads, ties add the sums), not associative: fold in a fixed order.
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
    /// Whether this is a pair the functions of this module can produce: `sum` finite and
    /// ≥ 0, `max` not NaN nor +∞, and `max` finite when `sum` > 0.
    pub fn is_valid(self) -> bool {
        self.sum.is_finite()
            && self.sum >= 0.0
            && !self.max.is_nan()
            && self.max != f64::INFINITY
            && (self.sum == 0.0 || self.max.is_finite())
    }
}

/// Workspace of [`row_update_block_in_place`] for a block of `rows` rows, m columns and point
/// dimension d (0 dense): O((rows + m)(1 + d)) values.
pub fn row_update_block_scratch<T: Real>(rows: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[source_scratch::<T>(rows, m, d), vec_req::<f64>(rows)])
}

/// Workspace of [`column_partials_block_in_place`]: O((rows + m)(1 + d)) values.
pub fn column_partials_block_scratch<T: Real>(rows: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[source_scratch::<T>(rows, m, d), vec_req::<f64>(m)])
}

/// Workspace of [`block_step_in_place`]: O((rows + m)(1 + d)) values.
pub fn block_step_scratch<T: Real>(rows: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        source_scratch::<T>(rows, m, d),
        vec_req::<f64>(rows),
        vec_req::<f64>(m),
    ])
}

/// Checks the parameters: valid ([`check_params`]), and alternating updates without ε-scaling
/// (the pieces run at `epsilon`; a caller anneals by changing it between steps).
fn check_block_params(p: &Params) -> Result<()> {
    check_params(p)?;
    if p.penalty != super::Penalty::Kl {
        bail!(
            InvalidArgument,
            "a TV marginal penalty: the block pieces support KL penalties only"
        );
    }
    if p.symmetric {
        bail!(
            InvalidArgument,
            "symmetric updates: the block pieces do alternating updates (set symmetric to 0)"
        );
    }
    if p.scaling.steps > 0 {
        bail!(
            InvalidArgument,
            "eps_scaling_steps = {}: the block pieces run at epsilon (anneal by changing epsilon \
             between steps; set eps_scaling_steps to 0)",
            p.scaling.steps
        );
    }
    Ok(())
}

/// Checks a block: parameters, the cost (sizes ≥ 1, finite), the weights (finite, ≥ 0), that
/// `a_block` and f (`f_len` values) have one value per row and `b` one per column, and that
/// `stack` holds `scratch(rows, m, d)`.
fn check_block<T: Real>(
    cost: &Cost<'_, T>,
    a_block: &[T],
    b: &[T],
    f_len: usize,
    p: &Params,
    stack: &MemStack,
    scratch: fn(usize, usize, usize) -> StackReq,
) -> Result<()> {
    check_block_params(p)?;
    check_cost(cost)?;
    let (rows, m) = cost.dims();
    if a_block.len() != rows || f_len != rows || b.len() != m {
        bail!(
            InvalidDimension,
            "a block of {rows}x{m} costs needs {rows} values of a and f and {m} of b: got {}, \
             {f_len} and {}",
            a_block.len(),
            b.len()
        );
    }
    check_weights("a_block", a_block)?;
    check_weights("b", b)?;
    if b.iter().all(|&x| x == T::ZERO) {
        bail!(
            InvalidArgument,
            "b is all zero: the columns carry no mass (the row update would be infinite)"
        );
    }
    check_stack(stack, scratch(rows, m, cost.point_dim()))
}

/// Runs an in-place block function on a workspace of `scratch(rows, m, d)` it allocates.
fn allocating<T: Real, R>(
    cost: &Cost<'_, T>,
    scratch: fn(usize, usize, usize) -> StackReq,
    body: impl FnOnce(&mut MemStack) -> Result<R>,
) -> Result<R> {
    let (rows, m) = cost.dims();
    with_stack(scratch(rows, m, cost.point_dim()), body)?
}

/// Checks g (m finite values).
fn check_g(g: &[f64], m: usize) -> Result<()> {
    if g.len() != m {
        bail!(InvalidDimension, "g has {} values for {m} columns", g.len());
    }
    check_finite("g", g.iter().copied())
}

/// Checks an array of `m` pairs to be written.
fn check_pairs_len(pairs: &[LsePair], m: usize) -> Result<()> {
    if pairs.len() != m {
        bail!(
            InvalidDimension,
            "pairs has {} entries for {m} columns",
            pairs.len()
        );
    }
    Ok(())
}

/// `lr_i = log Σ_j b_j exp((g_j − C_ij)/ε)` on the block's rows. On entry `lr` holds hints
/// for the passes (the previous values, or −∞ for none): they change the work, not the values.
fn row_lse<T: Real>(p: &mut Prepared<'_, T>, g: &[f64], eps: f64, lr: &mut [f64], par: Par) {
    scaled(g, p.lb, eps, p.u);
    p.src.rows_lse(p.u, T::from_f64(-1.0 / eps), lr, par);
}

/// `pairs_j = (log Σ_{i in block} a_i exp((f_i − C_ij)/ε), 1)` (empty when −∞); `lc` holds
/// hints on entry, as in [`row_lse`].
fn col_pairs<T: Real>(
    p: &mut Prepared<'_, T>,
    f: &[f64],
    eps: f64,
    lc: &mut [f64],
    pairs: &mut [LsePair],
    par: Par,
) {
    scaled(f, p.la, eps, p.v);
    p.src.cols_lse(p.v, T::from_f64(-1.0 / eps), lc, par);
    for (o, &l) in pairs.iter_mut().zip(lc.iter()) {
        *o = if l == f64::NEG_INFINITY {
            LsePair::default()
        } else {
            LsePair { max: l, sum: 1.0 }
        };
    }
}

/// Row update on a block: `f_i = −κ_a ε log Σ_j b_j exp((g_j − C_ij)/ε)` for the block's rows
/// (`cost` is the block's rows × all m columns, `a_block` its row weights; g has m values).
/// O(rows·m), no allocation; workspace [`row_update_block_scratch`]. Uses `params.epsilon`
/// and `rho_a` (symmetric updates and ε-scaling are refused: the block pieces do alternating
/// updates at `epsilon`); every input is checked before `f_block` is written.
#[allow(clippy::too_many_arguments)]
pub fn row_update_block_in_place<T: Real>(
    cost: Cost<'_, T>,
    a_block: &[T],
    b: &[T],
    g: &[f64],
    f_block: &mut [f64],
    params: &Params,
    par: Par,
    stack: &mut MemStack,
) -> Result<()> {
    let scratch = row_update_block_scratch::<T>;
    check_block(&cost, a_block, b, f_block.len(), params, stack, scratch)?;
    let (rows, m) = cost.dims();
    check_g(g, m)?;
    let eps = params.epsilon;
    let ka = kappa(params.rho_a, eps);
    with_source(cost, a_block, b, stack, |mut p, stack| {
        let (mut lr, _) = take(stack, rows, f64::NEG_INFINITY);
        row_lse(&mut p, g, eps, &mut lr, par);
        for (f, &l) in f_block.iter_mut().zip(lr.iter()) {
            *f = -ka * eps * l;
        }
    });
    Ok(())
}

/// [`row_update_block_in_place`] on a workspace it allocates.
pub fn row_update_block<T: Real>(
    cost: Cost<'_, T>,
    a_block: &[T],
    b: &[T],
    g: &[f64],
    f_block: &mut [f64],
    params: &Params,
    par: Par,
) -> Result<()> {
    allocating(&cost, row_update_block_scratch::<T>, |stack| {
        row_update_block_in_place(cost, a_block, b, g, f_block, params, par, stack)
    })
}

/// The block's column log-sum-exps `log Σ_{i in block} a_i exp((f_i − C_ij)/ε)`, one pair per
/// column (m) into `out`. O(rows·m), no allocation; workspace
/// [`column_partials_block_scratch`]. Inputs are checked before `out` is written.
#[allow(clippy::too_many_arguments)]
pub fn column_partials_block_in_place<T: Real>(
    cost: Cost<'_, T>,
    a_block: &[T],
    b: &[T],
    f_block: &[f64],
    out: &mut [LsePair],
    params: &Params,
    par: Par,
    stack: &mut MemStack,
) -> Result<()> {
    let scratch = column_partials_block_scratch::<T>;
    check_block(&cost, a_block, b, f_block.len(), params, stack, scratch)?;
    check_finite("f_block", f_block.iter().copied())?;
    let m = cost.dims().1;
    check_pairs_len(out, m)?;
    with_source(cost, a_block, b, stack, |mut p, stack| {
        let (mut lc, _) = take(stack, m, f64::NEG_INFINITY);
        col_pairs(&mut p, f_block, params.epsilon, &mut lc, out, par);
    });
    Ok(())
}

/// [`column_partials_block_in_place`] on a workspace it allocates.
pub fn column_partials_block<T: Real>(
    cost: Cost<'_, T>,
    a_block: &[T],
    b: &[T],
    f_block: &[f64],
    out: &mut [LsePair],
    params: &Params,
    par: Par,
) -> Result<()> {
    allocating(&cost, column_partials_block_scratch::<T>, |stack| {
        column_partials_block_in_place(cost, a_block, b, f_block, out, params, par, stack)
    })
}

/// One block's share of an alternating iteration, on one preparation of the block: the row
/// update of `f_block` from g (as [`row_update_block_in_place`]), then, when `pairs` is given,
/// the block's column pairs from the new f (as [`column_partials_block_in_place`]).
///
/// Returns the block's part of the L1 marginal error of the potentials *on entry* (f_block as
/// given, g): `Σ_{i in block} |a_i e^{f_i/ε + lse_i} − a_i e^{−f_i/ρ_a}|`, what
/// [`super::sinkhorn`] compares with its tolerance (the blocks' parts add up to it). A caller
/// that stops on it and keeps a copy of f from before the step returns exactly the potentials
/// the whole solve returns. O(rows·m) (twice with `pairs`), no allocation; workspace
/// [`block_step_scratch`]. Every input is checked before anything is written.
#[allow(clippy::too_many_arguments)]
pub fn block_step_in_place<T: Real>(
    cost: Cost<'_, T>,
    a_block: &[T],
    b: &[T],
    g: &[f64],
    f_block: &mut [f64],
    pairs: Option<&mut [LsePair]>,
    params: &Params,
    par: Par,
    stack: &mut MemStack,
) -> Result<f64> {
    let scratch = block_step_scratch::<T>;
    check_block(&cost, a_block, b, f_block.len(), params, stack, scratch)?;
    let (rows, m) = cost.dims();
    check_g(g, m)?;
    check_finite("f_block", f_block.iter().copied())?;
    if let Some(out) = &pairs {
        check_pairs_len(out, m)?;
    }
    let eps = params.epsilon;
    let ka = kappa(params.rho_a, eps);
    Ok(with_source(cost, a_block, b, stack, |mut p, stack| {
        // f_block on entry is the previous row update −κ_a ε lr: its lr is the hint.
        let (mut lr, stack) = take(stack, rows, f64::NEG_INFINITY);
        for (l, &f) in lr.iter_mut().zip(f_block.iter()) {
            *l = -f / (ka * eps);
        }
        // The block's column sums are parts of the whole ones, −g/(κ_b ε) from the last
        // column update: shifted by those, each part is at most about 1 (accepted unless the
        // block holds a negligible share of a column).
        let kb = kappa(params.rho_b, eps);
        let (mut lc, _) = take(stack, m, f64::NEG_INFINITY);
        for (l, &gj) in lc.iter_mut().zip(g) {
            *l = -gj / (kb * eps);
        }
        row_lse(&mut p, g, eps, &mut lr, par);
        let (err, _) = side_error(
            a_block,
            f_block,
            &lr,
            eps,
            Marginal::new(params.rho_a, params.penalty),
        );
        for (f, &l) in f_block.iter_mut().zip(lr.iter()) {
            *f = -ka * eps * l;
        }
        if let Some(out) = pairs {
            col_pairs(&mut p, f_block, eps, &mut lc, out, par);
        }
        err
    }))
}

/// [`block_step_in_place`] on a workspace it allocates.
#[allow(clippy::too_many_arguments)]
pub fn block_step<T: Real>(
    cost: Cost<'_, T>,
    a_block: &[T],
    b: &[T],
    g: &[f64],
    f_block: &mut [f64],
    pairs: Option<&mut [LsePair]>,
    params: &Params,
    par: Par,
) -> Result<f64> {
    allocating(&cost, block_step_scratch::<T>, |stack| {
        block_step_in_place(cost, a_block, b, g, f_block, pairs, params, par, stack)
    })
}

/// `acc[j] = acc[j] ∪ other[j]` for every column (what an MPI reduction applies). O(m).
pub fn combine_pairs(acc: &mut [LsePair], other: &[LsePair]) {
    assert_eq!(acc.len(), other.len(), "pair arrays of different lengths");
    for (a, &o) in acc.iter_mut().zip(other) {
        *a = a.merge(o);
    }
}

/// Column update from the combined pairs: `g_j = −κ_b ε (max_j + ln sum_j)`. O(m).
pub fn column_update(pairs: &[LsePair], params: &Params, g: &mut [f64]) {
    assert_eq!(pairs.len(), g.len(), "one pair per value of g");
    let eps = params.epsilon;
    let kb = kappa(params.rho_b, eps);
    for (g, p) in g.iter_mut().zip(pairs) {
        *g = -kb * eps * p.value();
    }
}

/// Checks that every pair of `pairs` (named `what` in the message) is one the functions of
/// this module can produce ([`LsePair::is_valid`]). O(len).
pub fn check_pairs(what: &str, pairs: &[LsePair]) -> Result<()> {
    for (j, p) in pairs.iter().enumerate() {
        if !p.is_valid() {
            bail!(
                NonFinite,
                "{what}[{j}] = ({:?}, {:?}) is not a log-sum-exp pair (max not NaN or +inf, \
                 sum finite and >= 0)",
                p.max,
                p.sum
            );
        }
    }
    Ok(())
}

/// [`column_update`] with checked arguments, for callers across the C ABI: the parameters (as
/// for the block steps), one pair per value of g, every pair valid ([`LsePair::is_valid`])
/// and non-empty (an empty pair means no row carried mass to that column: some block's pairs
/// were not combined), and every new value of g finite (`Numerical` when one overflows, e.g.
/// a huge ε). Writes g only when everything is valid.
pub fn column_update_checked(pairs: &[LsePair], params: &Params, g: &mut [f64]) -> Result<()> {
    check_block_params(params)?;
    if pairs.len() != g.len() {
        bail!(
            InvalidDimension,
            "{} pairs for {} values of g",
            pairs.len(),
            g.len()
        );
    }
    check_pairs("pairs", pairs)?;
    let kb_eps = kappa(params.rho_b, params.epsilon) * params.epsilon;
    for (j, p) in pairs.iter().enumerate() {
        if p.sum == 0.0 {
            bail!(
                InvalidArgument,
                "pairs[{j}] is empty: no row carried mass to column {j} (were the pairs of \
                 every block combined?)"
            );
        }
        if !(kb_eps * p.value()).is_finite() {
            bail!(
                Numerical,
                "g[{j}] overflows (epsilon = {:e}, pairs[{j}] = ({:?}, {:?}))",
                params.epsilon,
                p.max,
                p.sum
            );
        }
    }
    column_update(pairs, params, g);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sinkhorn::{sinkhorn, Scaling};
    use faer::Mat;

    /// Three blocks of block steps, stopping on the summed block errors as the whole solve
    /// does, give its potentials and iteration count; the errors add up to its marginal error.
    #[test]
    fn block_steps_reproduce_the_whole_solve_and_its_stopping_test() {
        let (n, m) = (17, 11);
        let x = Mat::from_fn(n, 2, |i, t| ((i * 7 + t * 3) % 13) as f64 / 13.0);
        let y = Mat::from_fn(m, 2, |j, t| ((j * 5 + t) % 7) as f64 / 7.0 + 0.1);
        let a: Vec<f64> = (0..n).map(|i| 1.0 + (i % 3) as f64).collect();
        let b: Vec<f64> = (0..m).map(|j| 1.0 + (j % 2) as f64).collect();
        let (sa, sb): (f64, f64) = (a.iter().sum(), b.iter().sum());
        let a: Vec<f64> = a.iter().map(|v| v / sa).collect();
        let b: Vec<f64> = b.iter().map(|v| v / sb).collect();
        for rho in [f64::INFINITY, 0.8] {
            let p = Params {
                epsilon: 0.04,
                rho_a: rho,
                rho_b: rho,
                tolerance: 1e-10,
                check_every: 1,
                max_iter: 10_000,
                scaling: Scaling::default(),
                num_threads: 1,
                ..Params::default()
            };
            let cost = Cost::SqEuclidean {
                x: x.as_ref(),
                y: y.as_ref(),
            };
            let whole = sinkhorn(cost, &a, &b, None, &p).unwrap();
            assert!(whole.info.converged);
            let cuts = [0, 5, 12, n];
            let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
            let mut it = 0;
            loop {
                let f_prev = f.clone();
                let mut acc = vec![LsePair::default(); m];
                let mut part = vec![LsePair::default(); m];
                let mut err = 0.0;
                for k in 0..3 {
                    let (r0, r1) = (cuts[k], cuts[k + 1]);
                    let blk = Cost::SqEuclidean {
                        x: x.as_ref().subrows(r0, r1 - r0),
                        y: y.as_ref(),
                    };
                    let fb = &mut f[r0..r1];
                    err += block_step(blk, &a[r0..r1], &b, &g, fb, Some(&mut part), &p, Par::Seq)
                        .unwrap();
                    combine_pairs(&mut acc, &part);
                }
                if it >= 1 && err <= p.tolerance {
                    f = f_prev;
                    break;
                }
                column_update_checked(&acc, &p, &mut g).unwrap();
                it += 1;
            }
            assert_eq!(it, whole.info.iterations);
            let df = f.iter().zip(&whole.f).map(|(u, v)| (u - v).abs());
            let dg = g.iter().zip(&whole.g).map(|(u, v)| (u - v).abs());
            assert!(df.chain(dg).all(|d| d <= 1e-12), "rho {rho}");
            // The block errors of the returned potentials add up to the reported error.
            let mut err = 0.0;
            for k in 0..3 {
                let (r0, r1) = (cuts[k], cuts[k + 1]);
                let blk = Cost::SqEuclidean {
                    x: x.as_ref().subrows(r0, r1 - r0),
                    y: y.as_ref(),
                };
                let mut fb = whole.f[r0..r1].to_vec();
                err +=
                    block_step(blk, &a[r0..r1], &b, &whole.g, &mut fb, None, &p, Par::Seq).unwrap();
            }
            let want = whole.info.marginal_error;
            assert!((err - want).abs() <= 1e-9 * want, "{err:e} vs {want:e}");
        }
    }

    /// The in-place levels check their inputs before writing, and the workspace size.
    #[test]
    fn bad_blocks_are_refused_before_anything_is_written() {
        let c = Mat::from_fn(3, 4, |i, j| (i + j) as f64 * 0.1);
        let (a, b, g) = (vec![0.3; 3], vec![0.25; 4], vec![0.0; 4]);
        let p = Params::default();
        let mut f = vec![9.0; 3];
        let mut pairs = vec![LsePair { max: 1.0, sum: 2.0 }; 4];
        let mut bad_g = g.clone();
        bad_g[2] = f64::NAN;
        let cost = Cost::Dense(c.as_ref());
        let e = block_step(cost, &a, &b, &bad_g, &mut f, Some(&mut pairs), &p, Par::Seq);
        assert_eq!(e.unwrap_err().kind, crate::ErrorKind::NonFinite);
        let e = block_step(
            cost,
            &a,
            &b[..3],
            &g,
            &mut f,
            Some(&mut pairs),
            &p,
            Par::Seq,
        );
        assert_eq!(e.unwrap_err().kind, crate::ErrorKind::InvalidDimension);
        let mut short = vec![LsePair::default(); 3];
        let e = column_partials_block(cost, &a, &b, &f, &mut short, &p, Par::Seq);
        assert_eq!(e.unwrap_err().kind, crate::ErrorKind::InvalidDimension);
        assert!(f.iter().all(|&v| v == 9.0));
        assert!(pairs.iter().all(|q| *q == LsePair { max: 1.0, sum: 2.0 }));
        let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); 64];
        let stack = MemStack::new(&mut buf);
        let e = row_update_block_in_place(cost, &a, &b, &g, &mut f, &p, Par::Seq, stack);
        assert_eq!(e.unwrap_err().kind, crate::ErrorKind::WorkspaceTooSmall);
        assert!(f.iter().all(|&v| v == 9.0));
        let mut gg = vec![1.0; 4];
        let mut merged = vec![
            LsePair {
                max: -1.0,
                sum: 1.0
            };
            4
        ];
        merged[1] = LsePair::default();
        let e = column_update_checked(&merged, &p, &mut gg);
        assert_eq!(e.unwrap_err().kind, crate::ErrorKind::InvalidArgument);
        assert!(gg.iter().all(|&v| v == 1.0));
    }
}
