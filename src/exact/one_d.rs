//! Exact optimal transport on the line: for the cost |x − y|^p with p ≥ 1 (convex), the
//! monotone (north-west corner on sorted samples) plan is optimal. We sort when the samples
//! are not already sorted (indices in the workspace; the inputs are never reordered), then
//! merge in O(n + m). Returns W_p^p = Σ P_ij |x_i − y_j|^p and optionally the plan.
//!
//! Levels: [`wasserstein_1d_scratch`], [`wasserstein_1d_in_place`], [`wasserstein_1d`].

use super::SparsePlanMut;
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MemStack, Result, StackReq};

/// `|d|^p`, exact for p = 1 and p = 2.
#[inline]
pub(crate) fn pow_abs(d: f64, p: f64) -> f64 {
    if p == 1.0 {
        d.abs()
    } else if p == 2.0 {
        d * d
    } else {
        d.abs().powf(p)
    }
}

/// Checks that `p` is finite and ≥ 1.
pub(crate) fn check_p(p: f64) -> Result<()> {
    if !(p.is_finite() && p >= 1.0) {
        bail!(InvalidArgument, "p is {p:e}: it must be finite and >= 1");
    }
    Ok(())
}

/// Writes into `idx` the order that sorts `v` ascending (identity when already sorted).
pub(crate) fn sort_order(v: impl Fn(usize) -> f64, idx: &mut [usize]) {
    idx.iter_mut().enumerate().for_each(|(k, x)| *x = k);
    if (1..idx.len()).any(|k| v(k) < v(k - 1)) {
        idx.sort_unstable_by(|&i, &j| v(i).total_cmp(&v(j)));
    }
}

/// The monotone merge of two sorted weighted samples: calls `emit(i, j, mass)` for each plan
/// entry (at most n + m − 1, none of zero mass) and returns Σ mass·|x_i − y_j|^p. Weights of
/// the b side are multiplied by `scale_b`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn monotone_merge(
    x: impl Fn(usize) -> f64,
    a: impl Fn(usize) -> f64,
    ia: &[usize],
    y: impl Fn(usize) -> f64,
    b: impl Fn(usize) -> f64,
    ib: &[usize],
    scale_b: f64,
    p: f64,
    mut emit: impl FnMut(usize, usize, f64),
) -> f64 {
    let (n, m) = (ia.len(), ib.len());
    let (mut i, mut j) = (0, 0);
    let mut ra = a(ia[0]);
    let mut rb = b(ib[0]) * scale_b;
    let mut cost = 0.0;
    while i < n && j < m {
        let w = ra.min(rb);
        if w > 0.0 {
            cost += w * pow_abs(x(ia[i]) - y(ib[j]), p);
            emit(ia[i], ib[j], w);
        }
        let (adv_a, adv_b) = (ra <= rb, rb <= ra);
        ra -= w;
        rb -= w;
        if adv_a {
            i += 1;
            if i < n {
                ra = a(ia[i]);
            }
        }
        if adv_b {
            j += 1;
            if j < m {
                rb = b(ib[j]) * scale_b;
            }
        }
    }
    cost
}

/// Workspace of [`wasserstein_1d_in_place`]: two index arrays (n + m).
pub fn wasserstein_1d_scratch(n: usize, m: usize) -> StackReq {
    StackReq::all_of(&[vec_req::<usize>(n), vec_req::<usize>(m)])
}

/// What [`wasserstein_1d_in_place`] reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OneDInfo {
    /// W_p^p = Σ P_ij |x_i − y_j|^p.
    pub cost: f64,
    /// Plan entries written (≤ n + m − 1).
    pub nnz: usize,
}

/// Exact OT between samples `x` (weights `a`) and `y` (weights `b`) on the line for the cost
/// |x − y|^p (p ≥ 1). `plan`, when given, receives the monotone plan (room for n + m − 1
/// entries). Masses must agree within `mass_tolerance` (b is rescaled to a's mass).
/// Allocation-free; O((n + m) log(n + m)) when unsorted, O(n + m) when sorted.
#[allow(clippy::too_many_arguments)]
pub fn wasserstein_1d_in_place(
    x: &[f64],
    a: &[f64],
    y: &[f64],
    b: &[f64],
    p: f64,
    mass_tolerance: f64,
    plan: Option<SparsePlanMut<'_>>,
    stack: &mut MemStack,
) -> Result<OneDInfo> {
    let (n, m) = (x.len(), y.len());
    if n == 0 || m == 0 || a.len() != n || b.len() != m {
        bail!(
            InvalidDimension,
            "x has {n} samples and a {} weights, y has {m} and b {}: lengths must agree and be >= 1",
            a.len(),
            b.len()
        );
    }
    check_p(p)?;
    crate::error::check_finite("x", x.iter().copied())?;
    crate::error::check_finite("y", y.iter().copied())?;
    crate::error::check_weights("a", a)?;
    crate::error::check_weights("b", b)?;
    let (sa, sb) = crate::error::check_mass_balance(a, b, mass_tolerance)?;
    if let Some(pl) = &plan {
        let have = pl.rows.len().min(pl.cols.len()).min(pl.mass.len());
        if have < n + m - 1 {
            bail!(
                InvalidDimension,
                "the plan has room for {have} entries: n + m - 1 = {} needed",
                n + m - 1
            );
        }
    }
    check_stack(stack, wasserstein_1d_scratch(n, m))?;
    let (mut ia, stack) = take(stack, n, 0usize);
    let (mut ib, _) = take(stack, m, 0usize);
    sort_order(|k| x[k], &mut ia);
    sort_order(|k| y[k], &mut ib);
    let mut nnz = 0;
    let mut plan = plan;
    let cost = monotone_merge(
        |k| x[k],
        |k| a[k],
        &ia,
        |k| y[k],
        |k| b[k],
        &ib,
        sa / sb,
        p,
        |i, j, w| {
            if let Some(pl) = plan.as_mut() {
                pl.rows[nnz] = i;
                pl.cols[nnz] = j;
                pl.mass[nnz] = w;
            }
            nnz += 1;
        },
    );
    Ok(OneDInfo { cost, nnz })
}

/// One plan entry `(row, column, mass)`.
pub type PlanEntry = (usize, usize, f64);

/// Exact 1-D OT: returns W_p^p and the monotone plan `(i, j, mass)` (allocates).
pub fn wasserstein_1d(
    x: &[f64],
    a: &[f64],
    y: &[f64],
    b: &[f64],
    p: f64,
) -> Result<(f64, Vec<PlanEntry>)> {
    let cap = (x.len() + y.len()).saturating_sub(1);
    let (mut r, mut c, mut w) = (vec![0usize; cap], vec![0usize; cap], vec![0.0; cap]);
    let info = with_stack(wasserstein_1d_scratch(x.len(), y.len()), |stack| {
        let plan = SparsePlanMut {
            rows: &mut r,
            cols: &mut c,
            mass: &mut w,
        };
        wasserstein_1d_in_place(x, a, y, b, p, 1e-9, Some(plan), stack)
    })??;
    let plan = (0..info.nnz).map(|k| (r[k], c[k], w[k])).collect();
    Ok((info.cost, plan))
}
