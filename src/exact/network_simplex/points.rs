//! The network simplex between two point clouds with costs computed on the fly: the same
//! solver as [`super::emd_in_place`] (same pivots, same Block Search), but the n × m cost is
//! never stored. The clouds are packed once (x row-major, y coordinate-major: O((n + m)·d)
//! values), and each block of Block Search computes its row segments' costs from the
//! coordinates in SIMD lanes, a chunk of 128 columns at a time, then takes their minimum
//! reduced cost with the matrix path's lane kernel. Costs have the bits of the direct route
//! of [`crate::cost::cost_matrix`], so at d below [`crate::cost::matmul_min_dim`] the result
//! is that of `emd` on that matrix. The certificate (`gap`) is the most negative reduced cost
//! over all n·m arcs, computed the same way without storing them.
//!
//! **Multiscale.** For the squared Euclidean cost in dimension d ≤ 3 (without a warm start, a
//! dense plan output or a pivot cap below the default), the problem is solved instead by the
//! sparse multiscale network simplex of [`crate::exact::emd_grid`] on a hierarchy of each
//! cloud (points sorted in Z order, 2^d consecutive nodes per coarser node, see
//! `grid::clouds`): coarse-to-fine warm starts, pivots over a sparse arc set grown by the
//! shielding neighbourhoods, and rounds checking all n·m arcs by a branch-and-bound search of
//! each point's best arc until none has a negative reduced cost. Same outputs, same
//! certificate over all n·m arcs; O(n + m) arcs stored. `iterations` counts the pivots of all
//! levels; the progress observer is called once per check of all arcs (iteration: pivots so
//! far; error: the rows and columns whose best arc has a negative reduced cost).

use super::{
    check_shapes, emd_scratch, solve_allocated, solve_checked, validate, EmdInfo, EmdOutputs,
    EmdParams, EmdSolution, Ground,
};
use crate::cost::clouds::packed_clouds_req;
use crate::cost::Metric;
use crate::exact::grid::clouds::{cloud_scratch, totals, with_hierarchy, NEIGHBOURS};
use crate::exact::grid::{solve, solve_scratch, GridOutputs, GridParams, Sizes};
use crate::workspace::check_stack;
use crate::{MatRef, MemStack, Par, Result, StackReq};

/// Two point clouds (rows of x: n×d, rows of y: m×d, any strides) and the metric of their
/// ground cost `C_ij = metric(x_i, y_j)`: squared Euclidean, Euclidean or Minkowski p (the
/// cosine distance is refused).
#[derive(Clone, Copy, Debug)]
pub struct Clouds<'a> {
    /// Source points, one per row (n×d).
    pub x: MatRef<'a, f64>,
    /// Target points, one per row (m×d).
    pub y: MatRef<'a, f64>,
    /// The ground cost.
    pub metric: Metric,
}

/// Workspace of [`emd_points_in_place`] for n and m points in dimension d: the network
/// simplex's O(n + m) and the packed clouds, about `(n + m + 16)·d` values; for d ≤ 3, at
/// least that of the multiscale solver, O(n + m): about 600 bytes a point. An overflowing size
/// gives a request whose `layout()` fails.
pub fn emd_points_scratch(n: usize, m: usize, d: usize) -> StackReq {
    let dense = StackReq::all_of(&[emd_scratch(n, m), packed_clouds_req(n, m, d)]);
    if (1..=3).contains(&d) {
        StackReq::any_of(&[dense, multiscale_scratch(n, m, d)])
    } else {
        dense
    }
}

/// The buffer sizes of the multiscale solve of n and m points in dimension d ≤ 3.
fn multiscale_sizes(n: usize, m: usize, d: usize) -> Sizes {
    let arcs_per_node = GridParams::default().arcs_per_node;
    Sizes::new((n, m), totals(n, m, d), NEIGHBOURS, arcs_per_node)
}

fn multiscale_scratch(n: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        cloud_scratch(n, m, d),
        solve_scratch(&multiscale_sizes(n, m, d)),
    ])
}

/// Whether [`emd_points_in_place`] takes the multiscale path.
fn multiscale(clouds: &Clouds<'_>, out: &EmdOutputs<'_>, params: &EmdParams) -> bool {
    clouds.metric == Metric::SqEuclidean
        && (1..=3).contains(&clouds.x.ncols())
        && params.warm_start.is_none()
        && params.max_iter >= EmdParams::default().max_iter
        && out.dense.is_none()
}

/// Solves the transport problem between `a` (n) and `b` (m) for the costs between the
/// `clouds`, writing the wanted `out`puts (as [`super::emd_in_place`]). Allocation-free;
/// single-threaded (`par` accepted for uniformity). Time O(pivots · (block·d + tree path)),
/// or for the squared Euclidean cost in d ≤ 3 the multiscale solve (module doc: the sparse
/// pivots of each level and its checks of all arcs, typically O((n + m) log(n + m)) each);
/// memory O((n + m)·d) in `stack`, no n × m array (a dense plan output, if asked for, is the
/// caller's).
///
/// Errors, with the outputs untouched: those of [`super::emd_in_place`], and for the clouds:
/// mismatched sizes or dimensions (`InvalidDimension`), a non-finite coordinate
/// (`NonFinite`), the cosine metric, a Minkowski `p < 1`, coordinates so large that a cost
/// could overflow (`InvalidArgument`).
pub fn emd_points_in_place(
    a: &[f64],
    b: &[f64],
    clouds: Clouds<'_>,
    out: EmdOutputs<'_>,
    params: &EmdParams,
    _par: Par,
    stack: &mut MemStack,
) -> Result<EmdInfo> {
    let (n, m, d) = (a.len(), b.len(), clouds.x.ncols());
    let req = emd_points_scratch(n, m, d);
    if !multiscale(&clouds, &out, params) {
        return solve_checked(a, b, Ground::Clouds(clouds), out, params, req, stack);
    }
    let ground = Ground::Clouds(clouds);
    check_shapes(n, m, ground, &out)?;
    check_stack(stack, req)?;
    let mass = validate(a, b, ground, params)?;
    let grid_out = GridOutputs {
        f: out.f,
        g: out.g,
        sparse: out.sparse,
    };
    let sizes = multiscale_sizes(n, m, d);
    let info = with_hierarchy(clouds.x, clouds.y, (a, b), stack, |h, stack| {
        solve(h, &sizes, (a, b), (mass.sum_a, mass.sum_b), grid_out, stack)
    })?;
    Ok(EmdInfo {
        cost: info.cost,
        nnz: info.nnz,
        iterations: info.iterations,
        gap: info.certificate,
        converged: !info.cancelled,
        cancelled: info.cancelled,
    })
}

/// Solves the transport problem between the clouds and returns the plan, duals and
/// statistics (allocates the workspace and outputs once, then calls
/// [`emd_points_in_place`]).
pub fn emd_points(
    a: &[f64],
    b: &[f64],
    clouds: Clouds<'_>,
    params: &EmdParams,
) -> Result<EmdSolution> {
    let req = emd_points_scratch(a.len(), b.len(), clouds.x.ncols());
    solve_allocated(a.len(), b.len(), req, |out, stack| {
        emd_points_in_place(a, b, clouds, out, params, Par::Seq, stack)
    })
}
