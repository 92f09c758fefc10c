//! The linear assignment problem: for a dense n × n cost C, the permutation σ minimising
//! `Σ_i C_{i,σ(i)}`, with dual potentials (u, v) such that `C_ij − u_i − v_j ≥ 0` for every arc
//! and `= 0` on the assignment (the optimality certificate). This is exact OT between two
//! uniform measures of n points (times n), e.g. the minibatch couplings of OT flow matching.
//!
//! Algorithm: Jonker–Volgenant (LAPJV, 1987) in f64 — column reduction, reduction transfer,
//! augmenting row reduction, then shortest augmenting paths. Up to n = 1024 the Dijkstra
//! step is one contiguous SIMD pass per scanned row (see `lapjv`). From n = 900 to 1024,
//! when the column minima crowd on few rows (point clouds), an ε-scaling auction
//! (Bertsekas) on each row's 32 smallest reduced costs replaces the reductions, and its
//! prices shorten the searches (see `dense_auction`). From n = 1025 on each row is read
//! through a few candidate arcs (its smallest reduced costs) and a lower bound on all its
//! other reduced costs, expanded from the dense row only when a search reaches that bound,
//! with a heap over the columns (see `sparse`): the same exact algorithm, far less of the
//! matrix touched per search. There, when the first searches predict long ones (as on 2-D
//! point clouds) or the column minima crowd, an auction whose first phases read a few more
//! candidates alone gives the searches their duals and the tight part of its assignment
//! (see `auction`). Costs with many ties (their column minima on a few rows) take the dense
//! LAPJV at every n, whose searches end at a free column on plateaus of equal distances.
//! Every path gives the same optimum, certified over all n² arcs. Memory O(n) besides the
//! caller's cost (below 2 KB per row at most), which is read in place through any strided
//! view: rows are read contiguously for a row-major view, a column-major view is solved as
//! its transpose (so both are fast), other layouts copy one row at a time. Costs may be
//! negative; they must be finite.
//!
//! Levels: [`assignment_scratch`], [`assignment_in_place`], [`assignment`]; from two point
//! clouds: [`assignment_from_points`]; many problems over the threads: [`batch`].

mod auction;
pub mod batch;
mod candidates;
mod dense_auction;
mod lapjv;
mod scan;
mod sparse;
#[cfg(test)]
mod testing;

pub use batch::{
    assignment_batch, assignment_batch_in_place, assignment_batch_scratch, AssignmentBatchOutputs,
};

use crate::cost::{cost_matrix, Metric};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatRef, MemStack, Par, Result, StackReq};
use lapjv::{column_minima, crowding, solve_dense, Crowding, Rows, Work, NONE};
use scan::{range_of_rows, row_range};

/// The optional outputs of [`assignment_in_place`] (each `None` when not wanted).
#[derive(Default)]
pub struct AssignmentOutputs<'a> {
    /// The assignment σ: row i goes to column `perm[i]` (length n, a permutation of 0..n).
    pub perm: Option<&'a mut [usize]>,
    /// Row duals u (length n).
    pub u: Option<&'a mut [f64]>,
    /// Column duals v (length n).
    pub v: Option<&'a mut [f64]>,
}

/// What [`assignment_in_place`] reports.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AssignmentInfo {
    /// Total cost `Σ_i C_{i,σ(i)}` (summed in row order of the solved orientation).
    pub cost: f64,
    /// Most negative reduced cost `min_ij (C_ij − v_j) − u_i` over all n² arcs (0, or a few
    /// ulps below, when optimal): the certificate.
    pub gap: f64,
    /// Shortest augmenting paths run (rows left free by the reductions).
    pub augmentations: u64,
    /// Rows scanned by those searches (each an O(n) pass).
    pub scanned_rows: u64,
    /// Bids of the ε-scaling auction that gives the searches their start (0 when it did not
    /// run): from n = 900 on when the column minima crowd on few rows, and from n = 1025 on
    /// also when the first searches predict long ones.
    pub bids: u64,
    /// True when a [`progress`](crate::progress) observer stopped the searches: `perm` is
    /// still a permutation, not optimal (`gap` < 0 says how far).
    pub cancelled: bool,
}

/// The allocated result of [`assignment`].
#[derive(Clone, Debug)]
pub struct AssignmentSolution {
    /// Row i goes to column `perm[i]`.
    pub perm: Vec<usize>,
    /// Row duals.
    pub u: Vec<f64>,
    /// Column duals.
    pub v: Vec<f64>,
    /// Cost, certificate and work counts.
    pub info: AssignmentInfo,
}

/// Workspace of [`assignment_in_place`] for an n × n cost: 10 arrays of n 8-byte values and
/// one of n bytes (about 81·n bytes), plus, from n = 900 to 1024 (an auction's start), room for
/// 48 candidate arcs per row (12 bytes each) and 3 more 8-byte arrays of n (about 0.7 KB per
/// row in all), or, from n = 1025 on (the candidate-arc method), room for 136 candidate arcs
/// per row and 16 more 8-byte arrays of n (about 1.8 KB per row in all).
pub fn assignment_scratch(n: usize) -> StackReq {
    let dense = StackReq::all_of(&[
        vec_req::<usize>(n), // x
        vec_req::<usize>(n), // y
        vec_req::<f64>(n),   // v
        vec_req::<f64>(n),   // d
        vec_req::<u8>(n),    // several
        vec_req::<usize>(n), // ready
        vec_req::<f64>(n),   // ready_d
        vec_req::<f64>(n),   // ready_v
        vec_req::<f64>(n),   // ready_u
        vec_req::<usize>(n), // free
        vec_req::<f64>(n),   // row buffer
    ]);
    if n >= sparse::SPARSE_MIN_N {
        dense.and(sparse::scratch(n))
    } else if n >= dense_auction::MIN_N {
        dense.and(dense_auction::scratch(n))
    } else {
        dense
    }
}

/// Checks one cost: square, n ≥ 1, every entry finite, and small enough that no dual or path
/// length can overflow (see [`check_values`]). O(n²), in vector lanes over contiguous rows (a
/// column-major view is read as its transpose).
pub(crate) fn validate(cost: MatRef<'_, f64>) -> Result<()> {
    check_square(cost)?;
    let (rows, transposed) = solved_orientation(cost);
    let arch = scan::arch();
    let n = cost.nrows();
    let range = range_of_rows(n, |i| match rows.contiguous(i) {
        Some(r) => row_range(arch, r),
        None => (0..n).fold((f64::INFINITY, f64::NEG_INFINITY, true), |(l, h, f), j| {
            let c = rows.at(i, j);
            (l.min(c), h.max(c), f && c.is_finite())
        }),
    });
    check_values(&rows, transposed, range)
}

/// A cost is square with n ≥ 1.
fn check_square(cost: MatRef<'_, f64>) -> Result<()> {
    let (n, m) = (cost.nrows(), cost.ncols());
    if n == 0 || n != m {
        bail!(
            InvalidDimension,
            "cost is {n}x{m}: the assignment problem needs a square cost with n >= 1"
        );
    }
    Ok(())
}

/// The rows the solver reads: a column-major view is solved as its transpose (rows of Cᵀ are
/// contiguous); the flag says so.
fn solved_orientation(cost: MatRef<'_, f64>) -> (Rows<'_>, bool) {
    let transposed = cost.nrows() > 1 && cost.row_stride() == 1 && cost.col_stride() != 1;
    let c = if transposed { cost.transpose() } else { cost };
    (Rows::new(c), transposed)
}

/// The verdict on a cost's values from one pass over `rows` (the solved orientation):
/// `range` is `(lo, hi)`, the smallest and largest entry, or the first row holding a NaN or
/// an infinity (`NonFinite`, naming that entry as (i, j) of the caller's cost). The range
/// must keep `(n + 1)·(max |C| + 2·(max C − min C))` finite (`InvalidArgument`): no dual or
/// path length can overflow then.
fn check_values(rows: &Rows<'_>, transposed: bool, range: Result<(f64, f64), usize>) -> Result<()> {
    let n = rows.n();
    let (lo, hi) = match range {
        Ok(r) => r,
        Err(i) => {
            let k = (0..n).find(|&k| !rows.at(i, k).is_finite()).unwrap_or(0);
            let c = rows.at(i, k);
            let (i, j) = if transposed { (k, i) } else { (i, k) };
            bail!(NonFinite, "cost[{i}, {j}] is {c:?}, not a finite number");
        }
    };
    let bound = (n as f64 + 1.0) * (lo.abs().max(hi.abs()) + 2.0 * (hi - lo));
    if !bound.is_finite() {
        bail!(
            InvalidArgument,
            "costs span [{lo:e}, {hi:e}]: too large for n = {n} (duals would overflow)"
        );
    }
    Ok(())
}

fn check_outputs(n: usize, out: &AssignmentOutputs<'_>) -> Result<()> {
    for (name, len) in [
        ("perm", out.perm.as_ref().map(|p| p.len())),
        ("u", out.u.as_ref().map(|p| p.len())),
        ("v", out.v.as_ref().map(|p| p.len())),
    ] {
        if let Some(len) = len.filter(|&l| l != n) {
            bail!(
                InvalidDimension,
                "{name} has length {len}, expected n = {n}"
            );
        }
    }
    Ok(())
}

/// Solves the assignment problem for the n × n `cost` (any strides), writing the wanted
/// `out`puts. Each augmenting path is reported to the thread's [`progress`](crate::progress)
/// observer (augmentations so far, rows still free); a stop returns a permutation that may
/// not be optimal (`cancelled`). Never allocates; single-threaded (`par` is accepted for
/// uniformity: parallelism goes across problems, see [`batch`]). Time O(n²) for the reductions
/// plus O(n) per row scanned by the searches up to n = 1024, O(candidates · log n) per
/// scanned row plus O(n) per row expansion from n = 1025 on (O(n³ log n) worst case);
/// workspace [`assignment_scratch`].
///
/// Errors, with the outputs untouched: a cost not square or empty, or outputs of the wrong
/// length (`InvalidDimension`), a NaN or infinite cost (`NonFinite`), costs so large that the
/// duals could overflow (`InvalidArgument`), a workspace too small (`WorkspaceTooSmall`).
pub fn assignment_in_place(
    cost: MatRef<'_, f64>,
    out: AssignmentOutputs<'_>,
    _par: Par,
    stack: &mut MemStack,
) -> Result<AssignmentInfo> {
    check_square(cost)?;
    check_outputs(cost.nrows(), &out)?;
    solve_checked(cost, out, stack)
}

/// [`assignment_in_place`] on a square cost with outputs of length n: checks the workspace,
/// then the values in the pass of the column reduction (see [`check_values`]; the batch
/// of two or more problems checks every problem's values first, with [`validate`]), then
/// solves.
fn solve_checked(
    cost: MatRef<'_, f64>,
    out: AssignmentOutputs<'_>,
    stack: &mut MemStack,
) -> Result<AssignmentInfo> {
    let n = cost.nrows();
    check_stack(stack, assignment_scratch(n))?;
    let (rows, transposed) = solved_orientation(cost);

    let (mut x, stack) = take(stack, n, 0usize);
    let (mut y, stack) = take(stack, n, 0usize);
    let (mut v, stack) = take(stack, n, 0.0f64);
    let (mut d, stack) = take(stack, n, 0.0f64);
    let (mut several, stack) = take(stack, n, 0u8);
    let (mut ready, stack) = take(stack, n, 0usize);
    let (mut ready_d, stack) = take(stack, n, 0.0f64);
    let (mut ready_v, stack) = take(stack, n, 0.0f64);
    let (mut ready_u, stack) = take(stack, n, 0.0f64);
    let (mut free, stack) = take(stack, n, 0usize);
    let (mut buf, stack) = take(stack, n, 0.0f64);
    check_values(
        &rows,
        transposed,
        column_minima(&rows, &mut v, &mut ready, &mut buf),
    )?;
    let crowding = crowding(&ready, &mut several);
    let work = Work {
        x: &mut x,
        y: &mut y,
        v: &mut v,
        d: &mut d,
        several: &mut several,
        ready: &mut ready,
        ready_d: &mut ready_d,
        ready_v: &mut ready_v,
        ready_u: &mut ready_u,
        free: &mut free,
        buf: &mut buf,
    };
    // The rule: costs with many ties (their column minima on a few rows) by the dense LAPJV
    // and its rule for ties at every n; otherwise candidate arcs and bounds from n = 1025 on
    // (the cost outgrows a last-level cache: a dense scan of a row read from memory costs
    // more than relaxing a few candidates through the heap, see `sparse::SPARSE_MIN_N`),
    // taking the auction's start whatever the first searches predict when the column minima
    // crowd on few rows; below, the dense LAPJV, from an auction's prices when they crowd
    // (see `dense_auction`). The choice depends on n and the column minima only, so it is
    // the same for every thread count and machine.
    let solved = match crowding {
        Crowding::Tied => solve_dense(&rows, work, true),
        _ if n >= sparse::SPARSE_MIN_N => {
            let rule = if crowding == Crowding::Crowded {
                sparse::AuctionRule::CROWDED
            } else {
                sparse::AuctionRule::DEFAULT
            };
            sparse::solve(&rows, work, rule, stack)
        }
        Crowding::Crowded if n >= dense_auction::MIN_N => dense_auction::solve(&rows, work, stack),
        _ => solve_dense(&rows, work, false),
    };
    debug_assert!(x.iter().all(|&j| j != NONE));

    // Row duals are in d.
    let (perm, u_out, v_out): (&[usize], &[f64], &[f64]) = if transposed {
        (&y, &v, &d)
    } else {
        (&x, &d, &v)
    };
    let AssignmentOutputs { perm: p, u, v } = out;
    if let Some(p) = p {
        p.copy_from_slice(perm);
    }
    if let Some(u) = u {
        u.copy_from_slice(u_out);
    }
    if let Some(v) = v {
        v.copy_from_slice(v_out);
    }
    Ok(AssignmentInfo {
        cost: solved.cost,
        gap: solved.gap,
        augmentations: solved.stats.augmentations,
        scanned_rows: solved.stats.scanned_rows,
        bids: solved.stats.bids,
        cancelled: solved.stats.cancelled,
    })
}

/// Solves the assignment problem for the n × n `cost` (any strides) and returns the
/// permutation, the duals and the [`AssignmentInfo`] (allocates once, then calls
/// [`assignment_in_place`]; same errors).
pub fn assignment(cost: MatRef<'_, f64>) -> Result<AssignmentSolution> {
    let n = cost.nrows();
    let mut perm = vec![0usize; n];
    let (mut u, mut v) = (vec![0.0; n], vec![0.0; n]);
    let info = with_stack(assignment_scratch(n), |stack| {
        let out = AssignmentOutputs {
            perm: Some(&mut perm),
            u: Some(&mut u),
            v: Some(&mut v),
        };
        assignment_in_place(cost, out, Par::Seq, stack)
    })??;
    Ok(AssignmentSolution { perm, u, v, info })
}

/// Assignment between the rows of x (n×d) and y (n×d) for the cost `metric(x_i, y_j)`
/// (squared Euclidean for OT flow matching): computes the n × n cost with
/// [`crate::cost::cost_matrix`] on `num_threads` threads (0 = default), then solves it with
/// [`assignment`]. O(n²·d + solve) time, O(n²) memory. Errors: those of both.
pub fn assignment_from_points(
    x: MatRef<'_, f64>,
    y: MatRef<'_, f64>,
    metric: Metric,
    num_threads: usize,
) -> Result<AssignmentSolution> {
    if x.nrows() != y.nrows() {
        bail!(
            InvalidDimension,
            "x has {} points and y {}: the assignment needs as many on both sides",
            x.nrows(),
            y.nrows()
        );
    }
    let c = cost_matrix(x, y, metric, num_threads)?;
    assignment(c.as_ref())
}
