//! The network simplex between two point clouds with costs computed on the fly: the same
//! solver as [`super::emd_in_place`] (same pivots, same Block Search), but the n × m cost is
//! never stored. The clouds are packed once (x row-major, y coordinate-major: O((n + m)·d)
//! values), and each block of Block Search computes its row segments' costs from the
//! coordinates in SIMD lanes, a chunk of 128 columns at a time, then takes their minimum
//! reduced cost with the matrix path's lane kernel. Costs have the bits of the direct route
//! of [`crate::cost::cost_matrix`], so at d below [`crate::cost::matmul_min_dim`] the result
//! is that of `emd` on that matrix. The certificate (`gap`) is the most negative reduced cost
//! over all n·m arcs, computed the same way without storing them.

use super::{
    emd_scratch, solve_allocated, solve_checked, EmdInfo, EmdOutputs, EmdParams, EmdSolution,
    Ground,
};
use crate::cost::clouds::packed_clouds_req;
use crate::cost::Metric;
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
/// simplex's O(n + m) and the packed clouds, about `(n + m + 16)·d` values. An overflowing
/// size gives a request whose `layout()` fails.
pub fn emd_points_scratch(n: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[emd_scratch(n, m), packed_clouds_req(n, m, d)])
}

/// Solves the transport problem between `a` (n) and `b` (m) for the costs between the
/// `clouds`, writing the wanted `out`puts (as [`super::emd_in_place`]). Allocation-free;
/// single-threaded (`par` accepted for uniformity). Time O(pivots · (block·d + tree path));
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
    let req = emd_points_scratch(a.len(), b.len(), clouds.x.ncols());
    solve_checked(a, b, Ground::Clouds(clouds), out, params, req, stack)
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
