//! Exact optimal transport between two histograms on the same regular grid (1-D, 2-D or 3-D,
//! a spacing per axis) for the squared Euclidean ground cost, by a sparse multiscale network
//! simplex (after Schmitzer, "A sparse multiscale algorithm for dense optimal transport",
//! JMIV 2016, and GridOT's in-place neighbourhood updates).
//!
//! **Method.** The histograms are aggregated 2×2(×2) into a hierarchy of grids down to at most
//! 64 pixels (`COARSEST_PIXELS`). The coarsest level is solved on all its arcs from LEMON's
//! artificial basis. Every finer level starts from the coarser level's plan (GridOT's in-place
//! refinement): its arc set is the arcs between the children of the ends of each coarse basis
//! arc, and its first basis a feasible spanning tree built from the coarse plan (each coarse
//! pixel's mass split over its basis arcs among its children, then each coarse arc's flow
//! among the children of its ends, both by the north-west corner rule: a forest of fine arcs,
//! hung from the artificial root). It then alternates network-simplex pivots over the sparse
//! arc set (LEMON's spanning tree and strongly feasible pivots,
//! [`crate::exact::network_simplex`]'s tree, Block Search over the stored arcs) with growing
//! the set: first by the shielding neighbourhood (for each basis arc, the arcs from its row to
//! the grid neighbours of its column and from the neighbours of its row to its column) while
//! that brings an arc of negative reduced cost, then by a check of the reduced costs of
//! **all** n·m arcs: for squared Euclidean costs, row i's smallest `C_ij − g_j` is a distance
//! transform of `−g` on the grid (lower envelopes of parabolas, axis by axis, O(n) for all
//! rows at once), and symmetrically for the columns. Every row and column whose best arc has a
//! negative reduced cost brings that arc in; the basis is kept (it is feasible for any arc set
//! containing it). The level ends when no arc of the full problem has a negative reduced
//! cost: the duals then certify the plan optimal for the dense problem. When the arc set
//! would outgrow its capacity (`arcs_per_node · (n + m)`), it is rebuilt from the basis and
//! the new arcs. Nodes are numbered in Z order of their pixels, so that the tree's walks
//! stay in nearby memory.
//!
//! **Progress.** Each check of all arcs reports to [`crate::progress::check`] (iteration: the
//! pivots so far; error: the rows and columns whose best arc has a negative reduced cost). An
//! observer that stops the solve makes every remaining level end as soon as its plan is
//! feasible, without further checks: the result is a feasible plan, `cancelled` is set and
//! the certificate is the true most negative reduced cost of the returned duals.
//!
//! **Exactness.** f64 throughout; a reduced cost counts as negative below the network
//! simplex's relative rounding threshold. The reported `certificate` is the most negative
//! reduced cost `C_ij − f_i − g_j` over all n·m arcs of the returned duals (by distance
//! transform, without storing arcs). Zero-mass pixels are removed, and get afterwards the
//! largest duals keeping every reduced cost ≥ 0, as in [`crate::exact::emd`].
//!
//! **Layout.** Pixels in row-major order (last axis fastest): pixel `(x_0, .., x_{d−1})` of a
//! grid of `shape` is `a[(x_0·shape[1] + x_1)·shape[2] + x_2]` in 3-D. The cost between pixels
//! x and y is `Σ_k (spacing[k]·(x_k − y_k))²`.
//!
//! **Geometry.** The solver is generic over a `Hierarchy` (node counts, costs,
//! parents and children, neighbours, a node order and the best arc of every node over all
//! arcs): the grid's (the same pixels on both sides, best arcs by distance transform) and two
//! point clouds' ([`crate::exact::emd_points`] for squared Euclidean costs in d ≤ 3: one
//! Z-order tree per cloud, best arcs by branch and bound).
//!
//! Levels: [`emd_grid_scratch`], [`emd_grid_in_place`], [`emd_grid`].

pub(crate) mod clouds;
mod dt;
mod geometry;
pub(crate) mod hierarchy;
mod pixel_levels;

use super::network_simplex::pricing::EPS;
use super::network_simplex::tree::{Tree, NONE as NONE_NODE};
use super::network_simplex::{pivot, SparsePlanMut};
use crate::progress::{self, Flow};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MemStack, Par, Result, StackReq};
use dt::Lines;
use geometry::{Level, NONE};
use hierarchy::{Hierarchy, Side};
use pixel_levels::GridHierarchy;

/// The hierarchy stops coarsening at this many pixels (the coarsest level is solved on all
/// of its arcs, at most this number squared).
const COARSEST_PIXELS: usize = 64;

/// Most levels a hierarchy can have (sizes up to 2³² nodes halve at most 33 times).
const MAX_LEVELS: usize = 40;

/// Parameters of the grid solver.
#[derive(Clone, Copy, Debug)]
pub struct GridParams {
    /// Largest accepted relative gap |Σa − Σb| / max(Σa, Σb) (b is then rescaled to a's
    /// mass). Default 1e-9.
    pub mass_tolerance: f64,
    /// Capacity of the sparse arc set per node (row or column), raised to at least
    /// 4·(axes) + 3 and to 64² arcs. Larger: fewer rebuilds, more memory
    /// (16 bytes an arc). Default 16.
    pub arcs_per_node: usize,
}

impl Default for GridParams {
    fn default() -> Self {
        GridParams {
            mass_tolerance: 1e-9,
            arcs_per_node: 16,
        }
    }
}

/// The optional outputs of [`emd_grid_in_place`] (each `None` when not wanted).
#[derive(Default)]
pub struct GridOutputs<'a> {
    /// Dual potential of the source pixels (length n = number of pixels), centred so that
    /// a·f = b·g.
    pub f: Option<&'a mut [f64]>,
    /// Dual potential of the target pixels (length n).
    pub g: Option<&'a mut [f64]>,
    /// The plan as at most 2n − 1 triplets (source pixel, target pixel, mass).
    pub sparse: Option<SparsePlanMut<'a>>,
}

/// What [`emd_grid_in_place`] reports.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GridInfo {
    /// Transport cost Σ C_ij P_ij of the returned plan.
    pub cost: f64,
    /// Number of plan entries (≤ 2n − 1).
    pub nnz: usize,
    /// Pivots made, all levels together.
    pub iterations: u64,
    /// Checks of all n·m reduced costs (by distance transform), all levels together.
    pub rounds: u64,
    /// Levels of the hierarchy (1 when the grid has at most 64 pixels).
    pub levels: usize,
    /// Largest sparse arc set held.
    pub max_arcs: usize,
    /// Most negative reduced cost `C_ij − f_i − g_j` over all n·m arcs of the returned duals
    /// (0 when optimal up to rounding).
    pub certificate: f64,
    /// True when a [`crate::progress`] observer stopped the solve: the plan is then feasible
    /// but maybe not optimal (`certificate` says how far).
    pub cancelled: bool,
}

/// The allocated result of [`emd_grid`].
#[derive(Clone, Debug)]
pub struct GridSolution {
    /// Transport cost.
    pub cost: f64,
    /// Plan entries `(source pixel, target pixel, mass)`, at most 2n − 1, in no order.
    pub plan: Vec<(usize, usize, f64)>,
    /// Source duals (length n), centred so that a·f = b·g.
    pub f: Vec<f64>,
    /// Target duals (length n).
    pub g: Vec<f64>,
    /// The statistics of the solve.
    pub info: GridInfo,
}

/// The sizes the solver derives from the grid: its levels, and the buffer capacities.
/// Buffer sizes of a multiscale solve: nodes of the finest level per side, nodes over all
/// levels per side, capacity of the arc set and of the list of new arcs of one round.
pub(crate) struct Sizes {
    pub n: usize,
    pub m: usize,
    pub total_rows: usize,
    pub total_cols: usize,
    pub arcs: usize,
    pub cand: usize,
}

impl Sizes {
    /// The sizes for `n` rows and `m` columns at level 0, `total_rows` and `total_cols` over
    /// all levels, `neighbours` at most per node, `arcs_per_node` as [`GridParams`].
    pub fn new(
        (n, m): (usize, usize),
        (total_rows, total_cols): (usize, usize),
        neighbours: usize,
        arcs_per_node: usize,
    ) -> Sizes {
        let nodes = n + m;
        Sizes {
            n,
            m,
            total_rows,
            total_cols,
            arcs: arcs_per_node
                .max(2 * neighbours + 3)
                .saturating_mul(nodes)
                .max(COARSEST_PIXELS * COARSEST_PIXELS),
            cand: (2 * neighbours + 2) * nodes,
        }
    }
}

/// The levels of a grid of `shape` and `spacing`, checked.
fn grid_levels(shape: &[usize], spacing: &[f64]) -> Result<([Level; MAX_LEVELS], usize)> {
    if shape.is_empty() || shape.len() > 3 {
        bail!(
            InvalidDimension,
            "the grid has {} axes: 1, 2 or 3 are supported",
            shape.len()
        );
    }
    if spacing.len() != shape.len() {
        bail!(
            InvalidDimension,
            "spacing has length {} but the grid has {} axes",
            spacing.len(),
            shape.len()
        );
    }
    let mut len = 1usize;
    for (k, &s) in shape.iter().enumerate() {
        if s == 0 {
            bail!(InvalidDimension, "shape[{k}] is 0: every size must be >= 1");
        }
        len = len.saturating_mul(s);
    }
    if len >= (u32::MAX / 2) as usize {
        bail!(
            InvalidDimension,
            "the grid has {len} pixels: at most {} are supported",
            u32::MAX / 2 - 1
        );
    }
    for (k, &h) in spacing.iter().enumerate() {
        if !h.is_finite() {
            bail!(NonFinite, "spacing[{k}] is {h:?}, not a finite number");
        }
        if h <= 0.0 {
            bail!(InvalidArgument, "spacing[{k}] is {h:e}: it must be > 0");
        }
    }
    let mut levels = [Level::finest(shape, spacing); MAX_LEVELS];
    let mut count = 1;
    while levels[count - 1].len > COARSEST_PIXELS {
        levels[count] = levels[count - 1].coarser();
        count += 1;
    }
    Ok((levels, count))
}

/// The buffer sizes of a grid's solve.
fn grid_sizes(levels: &[Level], arcs_per_node: usize) -> Sizes {
    let n = levels[0].len;
    let total = levels.iter().map(|l| l.len).sum();
    let axes = levels[0].axes().max(1);
    Sizes::new((n, n), (total, total), 2 * axes, arcs_per_node)
}

/// Workspace of [`emd_grid_in_place`] for a grid of `shape` (1 to 3 sizes ≥ 1): O(n ·
/// arcs_per_node) for n pixels, 16 bytes an arc (about 35 MB at 256×256 with the defaults).
/// Fails on a shape the solver rejects.
pub fn emd_grid_scratch(shape: &[usize], params: &GridParams) -> Result<StackReq> {
    let spacing = [1.0; 3];
    let (levels, count) = grid_levels(shape, &spacing[..shape.len().min(3)])?;
    let sizes = grid_sizes(&levels[..count], params.arcs_per_node);
    let line = levels[0].dims.into_iter().max().unwrap_or(1);
    Ok(StackReq::all_of(&[
        solve_scratch(&sizes),
        vec_req::<f64>(line), // transform lines
        vec_req::<u32>(line),
        vec_req::<f64>(line),
        vec_req::<u32>(line),
        vec_req::<usize>(line),
        vec_req::<f64>(line + 1),
    ]))
}

/// Workspace of [`solve`] for `sizes`.
pub(crate) fn solve_scratch(s: &Sizes) -> StackReq {
    let (n, m) = (s.n, s.m);
    let nodes = n + m + 1;
    let both = n.max(m);
    StackReq::all_of(&[
        vec_req::<f64>(s.total_rows), // source masses, all levels
        vec_req::<f64>(s.total_cols), // target masses, all levels
        vec_req::<u32>(n),            // kept rows' nodes
        vec_req::<u32>(m),            // kept columns' nodes
        vec_req::<u32>(n),            // row of each node
        vec_req::<u32>(m),            // column of each node
        vec_req::<usize>(nodes),      // parent
        vec_req::<usize>(nodes),      // pred
        vec_req::<u8>(nodes),         // up
        vec_req::<f64>(nodes),        // flow
        vec_req::<usize>(nodes),      // thread
        vec_req::<usize>(nodes),      // rev_thread
        vec_req::<usize>(nodes),      // succ_num
        vec_req::<usize>(nodes),      // last_succ
        vec_req::<f64>(nodes),        // pi
        vec_req::<usize>(nodes),      // dirty
        vec_req::<u64>(s.arcs),       // arc keys
        vec_req::<f64>(s.arcs),       // arc costs
        vec_req::<u64>(s.cand),       // new arcs of a round
        vec_req::<u64>(nodes),        // basis arcs of the previous level
        vec_req::<f64>(nodes),        // their flows
        vec_req::<u32>(n + nodes),    // warm start: pieces of the rows' masses on coarse arcs
        vec_req::<f64>(n + nodes),
        vec_req::<u32>(m + nodes), // and of the columns' masses
        vec_req::<f64>(m + nodes),
        vec_req::<u32>(4 * nodes), // each coarse arc's row and column pieces
        vec_req::<u32>(nodes + 1), // forest adjacency: offsets
        vec_req::<u32>(2 * nodes), // and edges
        vec_req::<u32>(nodes),     // forest: visit marks
        vec_req::<u32>(nodes),     // forest: preorder
        vec_req::<f64>(n),         // row duals of the result
        vec_req::<f64>(m),         // column duals of the result
        vec_req::<f64>(both),      // best value per column (initial pivots) / envelope
        vec_req::<u32>(both),      // its row / envelope argmin
    ])
}

/// Solves the transport problem between the histograms `a` and `b` (each of the grid's n
/// pixels, row-major, finite, ≥ 0, equal mass within `params.mass_tolerance`) on the grid of
/// `shape` and `spacing` with the squared Euclidean cost, exactly, writing the wanted
/// `out`puts. Allocation-free; single-threaded (`par` is accepted for uniformity). Time:
/// typically O(n) arcs, rounds of O(n) distance transforms, and the pivots of a sparse network
/// simplex per level.
#[allow(clippy::too_many_arguments)]
pub fn emd_grid_in_place(
    shape: &[usize],
    spacing: &[f64],
    a: &[f64],
    b: &[f64],
    out: GridOutputs<'_>,
    params: &GridParams,
    _par: Par,
    stack: &mut MemStack,
) -> Result<GridInfo> {
    let (levels, count) = grid_levels(shape, spacing)?;
    let n = levels[0].len;
    if a.len() != n || b.len() != n {
        bail!(
            InvalidDimension,
            "a has length {} and b {} but the grid has {n} pixels",
            a.len(),
            b.len()
        );
    }
    let tol = params.mass_tolerance;
    if !(tol.is_finite() && tol >= 0.0) {
        bail!(
            InvalidArgument,
            "mass_tolerance is {tol:e}: it must be finite and >= 0"
        );
    }
    check_outputs(n, &out)?;
    check_stack(stack, emd_grid_scratch(shape, params)?)?;
    crate::error::check_weights("a", a)?;
    crate::error::check_weights("b", b)?;
    let masses = crate::error::check_mass_balance(a, b, tol)?;

    let sizes = grid_sizes(&levels[..count], params.arcs_per_node);
    let line = levels[0].dims.into_iter().max().unwrap_or(1);
    let (mut l_f, stack) = take(stack, line, 0.0f64);
    let (mut l_arg, stack) = take(stack, line, 0u32);
    let (mut l_out, stack) = take(stack, line, 0.0f64);
    let (mut l_out_arg, stack) = take(stack, line, 0u32);
    let (mut l_v, stack) = take(stack, line, 0usize);
    let (mut l_z, stack) = take(stack, line + 1, 0.0f64);
    let mut h = GridHierarchy {
        levels,
        count,
        lines: Lines {
            f: &mut l_f,
            arg: &mut l_arg,
            out: &mut l_out,
            out_arg: &mut l_out_arg,
            v: &mut l_v,
            z: &mut l_z,
        },
    };
    solve(&mut h, &sizes, (a, b), masses, out, stack)
}

/// The multiscale solve of the checked problem `a` (the rows of level 0 of `h`), `b` (its
/// columns) of masses `sa`, `sb` (b rescaled to a's mass) in the workspace of
/// [`solve_scratch`]`(sizes)`, writing the wanted outputs (f of length n, g of length m, room
/// for n + m − 1 plan entries).
pub(crate) fn solve<H: Hierarchy>(
    h: &mut H,
    sizes: &Sizes,
    (a, b): (&[f64], &[f64]),
    (sa, sb): (f64, f64),
    out: GridOutputs<'_>,
    stack: &mut MemStack,
) -> Result<GridInfo> {
    let (n, m) = (sizes.n, sizes.m);
    let nodes = n + m + 1;
    let both = n.max(m);
    let (mut ah, stack) = take(stack, sizes.total_rows, 0.0f64);
    let (mut bh, stack) = take(stack, sizes.total_cols, 0.0f64);
    let (mut rowpix, stack) = take(stack, n, 0u32);
    let (mut colpix, stack) = take(stack, m, 0u32);
    let (mut pix_row, stack) = take(stack, n, NONE);
    let (mut pix_col, stack) = take(stack, m, NONE);
    let (mut parent, stack) = take(stack, nodes, 0usize);
    let (mut pred, stack) = take(stack, nodes, 0usize);
    let (mut up, stack) = take(stack, nodes, 0u8);
    let (mut flow, stack) = take(stack, nodes, 0.0f64);
    let (mut thread, stack) = take(stack, nodes, 0usize);
    let (mut rev_thread, stack) = take(stack, nodes, 0usize);
    let (mut succ_num, stack) = take(stack, nodes, 0usize);
    let (mut last_succ, stack) = take(stack, nodes, 0usize);
    let (mut pi, stack) = take(stack, nodes, 0.0f64);
    let (mut dirty, stack) = take(stack, nodes, 0usize);
    let (mut keys, stack) = take(stack, sizes.arcs, 0u64);
    let (mut costs, stack) = take(stack, sizes.arcs, 0.0f64);
    let (mut cand, stack) = take(stack, sizes.cand, 0u64);
    let (mut support, stack) = take(stack, nodes, 0u64);
    let (mut support_flow, stack) = take(stack, nodes, 0.0f64);
    let (mut row_piece, stack) = take(stack, n + nodes, 0u32);
    let (mut row_piece_mass, stack) = take(stack, n + nodes, 0.0f64);
    let (mut col_piece, stack) = take(stack, m + nodes, 0u32);
    let (mut col_piece_mass, stack) = take(stack, m + nodes, 0.0f64);
    let (mut spans, stack) = take(stack, 4 * nodes, 0u32);
    let (mut adj_start, stack) = take(stack, nodes + 1, 0u32);
    let (mut adj, stack) = take(stack, 2 * nodes, 0u32);
    let (mut mark, stack) = take(stack, nodes, 0u32);
    let (mut order, stack) = take(stack, nodes, 0u32);
    let (mut fw, stack) = take(stack, n, 0.0f64);
    let (mut gw, stack) = take(stack, m, 0.0f64);
    let (mut val, stack) = take(stack, both, 0.0f64);
    let (mut arg, _) = take(stack, both, 0u32);

    // Masses of every level, finest first; b rescaled to a's mass.
    let count = h.levels();
    let scale_b = sa / sb;
    ah[..n].copy_from_slice(a);
    for (x, &y) in bh[..m].iter_mut().zip(b) {
        *x = y * scale_b;
    }
    for (side, hist) in [(Side::Rows, &mut *ah), (Side::Cols, &mut *bh)] {
        let mut off = 0;
        for l in 1..count {
            let next = off + h.len(l - 1, side);
            for q in 0..h.len(l - 1, side) {
                let c = next + h.parent(l - 1, side, q);
                hist[c] += hist[off + q];
            }
            off = next;
        }
    }

    let mut w = Work {
        rowpix: &mut rowpix,
        colpix: &mut colpix,
        pix_row: &mut pix_row,
        pix_col: &mut pix_col,
        keys: &mut keys,
        costs: &mut costs,
        cand: &mut cand,
        val: &mut val,
        arg: &mut arg,
        warm: Warm {
            row_piece: &mut row_piece,
            row_piece_mass: &mut row_piece_mass,
            col_piece: &mut col_piece,
            col_piece_mass: &mut col_piece_mass,
            spans: &mut spans,
            adj_start: &mut adj_start,
            adj: &mut adj,
            mark: &mut mark,
            order: &mut order,
        },
        nr: 0,
        nc: 0,
        na: 0,
    };
    let mut info = GridInfo {
        levels: count,
        ..GridInfo::default()
    };
    let mut n_support = 0;
    let (mut off_a, mut off_b) = (sizes.total_rows, sizes.total_cols);
    for l in (0..count).rev() {
        let (len_a, len_b) = (h.len(l, Side::Rows), h.len(l, Side::Cols));
        off_a -= len_a;
        off_b -= len_b;
        let (al, bl) = (&ah[off_a..off_a + len_a], &bh[off_b..off_b + len_b]);
        w.nr = keep_positive(h, l, Side::Rows, al, w.rowpix, w.pix_row);
        w.nc = keep_positive(h, l, Side::Cols, bl, w.colpix, w.pix_col);
        let (nr, nc) = (w.nr, w.nc);
        let mut t = Tree {
            n: nr,
            m: nc,
            parent: &mut parent,
            pred: &mut pred,
            up: &mut up,
            flow: &mut flow,
            thread: &mut thread,
            rev_thread: &mut rev_thread,
            succ_num: &mut succ_num,
            last_succ: &mut last_succ,
            pi: &mut pi,
            dirty: &mut dirty,
        };
        let big_m = h.max_cost(l).max(1.0) * ((nr + nc) as f64 + 2.0);
        let warm = l + 1 < count && {
            w.refine(h, l, &support[..n_support]);
            let basis = (&support[..n_support], &support_flow[..n_support]);
            let ne = w.warm_start(h, l, basis, al, bl, 1e-14 * sa);
            w.forest_tree(h, l, &mut t, ne, al, bl, big_m)
        };
        // The coarsest level, or a finer one whose warm start rounding spoilt: LEMON's
        // artificial basis and initial pivots.
        if !warm {
            t.init(
                |i| al[w.rowpix[i] as usize],
                |j| bl[w.colpix[j] as usize],
                big_m,
            );
            if l + 1 == count {
                w.all_arcs(h, l);
            }
            info.iterations += w.initial_pivots(h, l, &mut t)?;
        }
        loop {
            info.max_arcs = info.max_arcs.max(w.na);
            info.iterations += w.pivots(&mut t)?;
            t.refresh_potentials(|i, j| w.arc_cost(h, l, i, j), big_m);
            // Once stopped, a level ends as soon as its plan is feasible (no artificial arc
            // carries mass): the finest level then returns a feasible, unverified plan.
            if info.cancelled && !artificial_flow(&t, 1e-12 * sa) {
                break;
            }
            // The shielding neighbourhood first (the grid neighbours of the basis arcs: local,
            // cheap pivots); the check of all arcs only once none of them improves.
            if w.merge(h, l, &t, 0) > 0 {
                continue;
            }
            info.rounds += 1;
            let found = w.violations(h, l, t.pi);
            if !info.cancelled && progress::check(info.iterations, found as f64) == Flow::Stop {
                info.cancelled = true;
            }
            if found == 0 {
                break;
            }
            w.merge(h, l, &t, found);
        }
        // Keep the basis (as node pairs) for the next level.
        n_support = 0;
        for u in 0..nr + nc {
            let e = t.pred[u];
            if e < nr * nc {
                let (i, j) = (e / nc, e % nc);
                support[n_support] = key(w.rowpix[i] as usize, w.colpix[j] as usize);
                support_flow[n_support] = t.flow[u];
                n_support += 1;
            }
        }
    }

    // The finest level: plan, duals of the zero-mass nodes, certificate, centring.
    let (nr, nc) = (w.nr, w.nc);
    for i in 0..nr {
        fw[w.rowpix[i] as usize] = -pi[i];
    }
    for j in 0..nc {
        gw[w.colpix[j] as usize] = pi[nr + j];
    }
    let mut out = out;
    let mut nnz = 0;
    let mut total = 0.0;
    for u in 0..nr + nc {
        let e = pred[u];
        if e < nr * nc && flow[u] > 0.0 {
            let (pp, q) = (w.rowpix[e / nc] as usize, w.colpix[e % nc] as usize);
            total += flow[u] * h.cost(0, pp, q);
            if let Some(s) = out.sparse.as_mut() {
                s.rows[nnz] = pp;
                s.cols[nnz] = q;
                s.mass[nnz] = flow[u];
            }
            nnz += 1;
        }
    }
    info.cost = total;
    info.nnz = nnz;
    info.certificate = w.complete_duals(h, &mut fw, &mut gw);
    let sfa: f64 = a.iter().zip(fw.iter()).map(|(x, y)| x * y).sum();
    let sgb: f64 = b.iter().zip(gw.iter()).map(|(x, y)| x * y).sum();
    let shift = (sgb - sfa) / (sa + sb);
    if let Some(f) = out.f {
        for (o, &x) in f.iter_mut().zip(fw.iter()) {
            *o = x + shift;
        }
    }
    if let Some(g) = out.g {
        for (o, &x) in g.iter_mut().zip(gw.iter()) {
            *o = x - shift;
        }
    }
    Ok(info)
}

fn check_outputs(n: usize, out: &GridOutputs<'_>) -> Result<()> {
    if let Some(f) = &out.f {
        if f.len() != n {
            bail!(
                InvalidDimension,
                "f has length {} but the grid has {n} pixels",
                f.len()
            );
        }
    }
    if let Some(g) = &out.g {
        if g.len() != n {
            bail!(
                InvalidDimension,
                "g has length {} but the grid has {n} pixels",
                g.len()
            );
        }
    }
    if let Some(s) = &out.sparse {
        let need = 2 * n - 1;
        let have = s.rows.len().min(s.cols.len()).min(s.mass.len());
        if have < need {
            bail!(
                InvalidDimension,
                "the sparse plan has room for {have} entries: 2n - 1 = {need} needed"
            );
        }
    }
    Ok(())
}

/// An arc's key: row (or source pixel) in the high half, column in the low half, so keys
/// sort row by row.
#[inline]
fn key(i: usize, j: usize) -> u64 {
    ((i as u64) << 32) | j as u64
}

#[inline]
fn unkey(k: u64) -> (usize, usize) {
    ((k >> 32) as usize, (k & 0xFFFF_FFFF) as usize)
}

/// Whether an artificial arc of the tree's basis (a root arc of the initial basis, index ≥
/// n·m) carries more than `tol` (rounding leaves ~1e-15 of the mass there even at the
/// optimum): the plan on the real arcs is then not yet feasible.
fn artificial_flow(t: &Tree<'_>, tol: f64) -> bool {
    (0..t.n + t.m).any(|u| t.pred[u] >= t.n * t.m && t.flow[u] > tol)
}

/// Lists the nodes of `side` at level l of positive mass in `idx`, in the hierarchy's order
/// (Z order on a grid, so that the network simplex's nodes close in space are close in
/// memory), and numbers them in `map` (`NONE` for the others); returns how many.
fn keep_positive<H: Hierarchy>(
    h: &H,
    l: usize,
    side: Side,
    w: &[f64],
    idx: &mut [u32],
    map: &mut [u32],
) -> usize {
    let mut k = 0;
    h.for_each_ordered(l, side, |p| {
        if w[p] > 0.0 {
            idx[k] = p as u32;
            map[p] = k as u32;
            k += 1;
        } else {
            map[p] = NONE;
        }
    });
    k
}

/// Whether the reduced cost `rc` of an arc of cost c between potentials ps, pt is a real
/// improvement (below the network simplex's rounding threshold).
#[inline]
fn negative(rc: f64, c: f64, ps: f64, pt: f64) -> bool {
    rc < 0.0 && rc < -EPS * (c.abs() + ps.abs() + pt.abs())
}

/// The north-west corner rule between two lists of amounts with (nearly) equal totals, `x(0..nx)`
/// and `y(0..ny)`: walks both lists, moving the smaller remaining amount, and calls
/// `emit(a, b, t)` for every transfer t > `tol` from x's entry a to y's entry b. The transfers
/// form a staircase (a path alternating between the lists), so they contain no cycle.
fn north_west(
    nx: usize,
    x: impl Fn(usize) -> f64,
    ny: usize,
    y: impl Fn(usize) -> f64,
    tol: f64,
    mut emit: impl FnMut(usize, usize, f64),
) {
    if nx == 0 || ny == 0 {
        return;
    }
    let (mut a, mut b) = (0, 0);
    let (mut ra, mut rb) = (x(0), y(0));
    loop {
        let t = ra.min(rb);
        if t > tol {
            emit(a, b, t);
        }
        if ra <= rb {
            rb -= ra;
            a += 1;
            if a == nx {
                return;
            }
            ra = x(a);
        } else {
            ra -= rb;
            b += 1;
            if b == ny {
                return;
            }
            rb = y(b);
        }
    }
}

/// The buffers of the warm start of a level from the coarser level's plan (free otherwise):
/// the pieces of the kept rows' and columns' masses on the coarse basis arcs, and the forest
/// of fine arcs built from them.
struct Warm<'w> {
    row_piece: &'w mut [u32],
    row_piece_mass: &'w mut [f64],
    col_piece: &'w mut [u32],
    col_piece_mass: &'w mut [f64],
    /// Per coarse arc k: `[4k]`, `[4k+1]` start and count of its row pieces, `[4k+2]`,
    /// `[4k+3]` of its column pieces.
    spans: &'w mut [u32],
    adj_start: &'w mut [u32],
    adj: &'w mut [u32],
    mark: &'w mut [u32],
    order: &'w mut [u32],
}

/// Splits the masses of the kept children of each coarse pixel over that pixel's basis arcs
/// by the north-west corner rule. `order` holds the keys `(coarse pixel << 32) | arc` sorted
/// (each pixel's arcs form a run); `map` numbers the kept fine pixels, `mass` their masses;
/// arc k's pieces (kept pixel number, mass) are written to `node`, `amount` and their start
/// and count to `spans[at + 4k]`, `spans[at + 4k + 1]`.
#[allow(clippy::too_many_arguments)]
fn split_masses<H: Hierarchy>(
    (h, l, side): (&H, usize, Side),
    order: &[u64],
    flow: &[f64],
    map: &[u32],
    mass: &[f64],
    tol: f64,
    node: &mut [u32],
    amount: &mut [f64],
    spans: &mut [u32],
    at: usize,
) {
    let mut np = 0;
    let mut r = 0;
    while r < order.len() {
        let pc = (order[r] >> 32) as usize;
        let end = r + order[r..].partition_point(|&o| (o >> 32) as usize == pc);
        let mut kids = [0usize; 8];
        let mut nk = 0;
        h.children(l, side, pc, |p| {
            if map[p] != NONE {
                kids[nk] = p;
                nk += 1;
            }
        });
        let arc = |e: usize| (order[r + e] & 0xFFFF_FFFF) as usize;
        for e in 0..end - r {
            spans[at + 4 * arc(e) + 1] = 0;
        }
        north_west(
            nk,
            |c| mass[kids[c]],
            end - r,
            |e| flow[arc(e)],
            tol,
            |c, e, t| {
                let k = arc(e);
                if spans[at + 4 * k + 1] == 0 {
                    spans[at + 4 * k] = np as u32;
                }
                spans[at + 4 * k + 1] += 1;
                node[np] = map[kids[c]];
                amount[np] = t;
                np += 1;
            },
        );
        r = end;
    }
}

/// Depth-first preorder of the forest component of node `s` (nodes whose mark is `marks.0`,
/// marked `marks.1` when reached), written to `wm.order` from `at`, with each reached node's
/// parent, arc and direction in `t` (rows are nodes `0..nr`, columns `nr..`); `t.dirty` is the
/// stack. Returns the end of the written preorder.
fn preorder(
    s: usize,
    marks: (u32, u32),
    nr: usize,
    edges: &[u64],
    wm: &mut Warm<'_>,
    t: &mut Tree<'_>,
    at: usize,
) -> usize {
    let nc = t.m;
    let mut len = at;
    let mut top = 1;
    t.dirty[0] = s;
    wm.mark[s] = marks.1;
    while top > 0 {
        top -= 1;
        let u = t.dirty[top];
        wm.order[len] = u as u32;
        len += 1;
        for &k in &wm.adj[wm.adj_start[u] as usize..wm.adj_start[u + 1] as usize] {
            let (i, j) = unkey(edges[k as usize]);
            let v = if u < nr { nr + j } else { i };
            if wm.mark[v] == marks.0 {
                wm.mark[v] = marks.1;
                t.parent[v] = u;
                t.pred[v] = i * nc + j;
                t.up[v] = u8::from(v < nr);
                t.dirty[top] = v;
                top += 1;
            }
        }
    }
    len
}

/// The buffers of one level's solve: kept rows and columns, the sparse arc set (sorted keys
/// and their costs), the new arcs of a round, the envelope's buffers.
struct Work<'w> {
    rowpix: &'w mut [u32],
    colpix: &'w mut [u32],
    pix_row: &'w mut [u32],
    pix_col: &'w mut [u32],
    keys: &'w mut [u64],
    costs: &'w mut [f64],
    cand: &'w mut [u64],
    val: &'w mut [f64],
    arg: &'w mut [u32],
    warm: Warm<'w>,
    nr: usize,
    nc: usize,
    na: usize,
}

impl Work<'_> {
    /// Cost of the arc from kept row i to kept column j.
    #[inline]
    fn arc_cost<H: Hierarchy>(&self, h: &H, l: usize, i: usize, j: usize) -> f64 {
        h.cost(l, self.rowpix[i] as usize, self.colpix[j] as usize)
    }

    /// Fills the costs of arcs `from..na`.
    fn fill_costs<H: Hierarchy>(&mut self, h: &H, l: usize, from: usize) {
        for k in from..self.na {
            let (i, j) = unkey(self.keys[k]);
            self.costs[k] = self.arc_cost(h, l, i, j);
        }
    }

    /// The arc set of the coarsest level: every arc.
    fn all_arcs<H: Hierarchy>(&mut self, h: &H, l: usize) {
        self.na = 0;
        for i in 0..self.nr {
            for j in 0..self.nc {
                self.keys[self.na] = key(i, j);
                self.na += 1;
            }
        }
        self.fill_costs(h, l, 0);
    }

    /// The first arc set of a finer level: the arcs between the kept children of the ends of
    /// each basis arc of the coarser level (as many as fit).
    fn refine<H: Hierarchy>(&mut self, h: &H, l: usize, support: &[u64]) {
        let cap = self.keys.len();
        let mut na = 0;
        for &s in support {
            let (pc, qc) = unkey(s);
            h.children(l, Side::Rows, pc, |p| {
                let i = self.pix_row[p];
                if i == NONE {
                    return;
                }
                h.children(l, Side::Cols, qc, |q| {
                    let j = self.pix_col[q];
                    if j != NONE && na < cap {
                        self.keys[na] = key(i as usize, j as usize);
                        na += 1;
                    }
                });
            });
        }
        // The pairs are distinct: children sets of distinct coarse pixels are disjoint.
        self.keys[..na].sort_unstable();
        self.na = na;
        self.fill_costs(h, l, 0);
    }

    /// The warm start of a finer level (GridOT's in-place refinement): refines the coarser
    /// level's basis arcs `basis` (coarse pixel pairs and their flows) into a forest of fine
    /// arcs carrying a feasible plan: each coarse pixel's mass is split over its basis arcs
    /// among its kept children, then each coarse arc's flow between its row and column pieces,
    /// both by the north-west corner rule (amounts ≤ `tol` dropped). The forest's arcs are
    /// listed in `cand`; [`Work::forest_tree`] turns them into the spanning tree. The pieces
    /// form a forest: every staircase of the north-west rule is a path, and they are glued
    /// along the coarse basis, itself a forest, so at most nr + nc − 1 arcs are listed.
    #[allow(clippy::too_many_arguments)]
    fn warm_start<H: Hierarchy>(
        &mut self,
        h: &H,
        l: usize,
        basis: (&[u64], &[f64]),
        al: &[f64],
        bl: &[f64],
        tol: f64,
    ) -> usize {
        let (arcs, flow) = basis;
        let s = arcs.len();
        let order = &mut self.cand[..s];
        // Rows: runs of the basis arcs by coarse row.
        for (k, (o, &a)) in order.iter_mut().zip(arcs).enumerate() {
            *o = (a & !0xFFFF_FFFF) | k as u64;
        }
        order.sort_unstable();
        let wm = &mut self.warm;
        split_masses(
            (h, l, Side::Rows),
            order,
            flow,
            self.pix_row,
            al,
            tol,
            wm.row_piece,
            wm.row_piece_mass,
            wm.spans,
            0,
        );
        // Columns: runs by coarse column.
        for (k, (o, &a)) in order.iter_mut().zip(arcs).enumerate() {
            *o = (a << 32) | k as u64;
        }
        order.sort_unstable();
        split_masses(
            (h, l, Side::Cols),
            order,
            flow,
            self.pix_col,
            bl,
            tol,
            wm.col_piece,
            wm.col_piece_mass,
            wm.spans,
            2,
        );
        // Each coarse arc: its flow from its row pieces to its column pieces.
        let mut ne = 0;
        let edges = &mut *self.cand;
        for k in 0..s {
            let sp = &wm.spans[4 * k..4 * k + 4];
            let (r0, nr_k, c0, nc_k) = (
                sp[0] as usize,
                sp[1] as usize,
                sp[2] as usize,
                sp[3] as usize,
            );
            if nr_k == 0 || nc_k == 0 {
                continue;
            }
            north_west(
                nr_k,
                |x| wm.row_piece_mass[r0 + x],
                nc_k,
                |y| wm.col_piece_mass[c0 + y],
                tol,
                |x, y, _| {
                    edges[ne] = key(wm.row_piece[r0 + x] as usize, wm.col_piece[c0 + y] as usize);
                    ne += 1;
                },
            );
        }
        ne
    }

    /// The spanning tree of the warm start: the forest of the `ne` arcs listed in `cand`
    /// (from [`Work::warm_start`]), each component hung from the root by the artificial arc of
    /// a row when its net supply is ≥ 0 and of a column otherwise, with the flows the masses
    /// determine and the potentials of the tree. Returns false (the tree is then to be
    /// rebuilt cold) when rounding left an arc of the forest without positive flow, which
    /// would break the strong feasibility the pivots rely on.
    #[allow(clippy::too_many_arguments)]
    fn forest_tree<H: Hierarchy>(
        &mut self,
        h: &H,
        l: usize,
        t: &mut Tree<'_>,
        ne: usize,
        al: &[f64],
        bl: &[f64],
        big_m: f64,
    ) -> bool {
        let (nr, nc) = (self.nr, self.nc);
        let nodes = nr + nc;
        let root = nodes;
        let edges = &self.cand[..ne];
        let wm = &mut self.warm;
        // Adjacency lists (arc numbers) of the forest.
        let start = &mut wm.adj_start[..=nodes];
        start.fill(0);
        for &e in edges {
            let (i, j) = unkey(e);
            start[i + 1] += 1;
            start[nr + j + 1] += 1;
        }
        for u in 0..nodes {
            start[u + 1] += start[u];
        }
        let cursor = &mut wm.order[..nodes];
        cursor.copy_from_slice(&start[..nodes]);
        for (k, &e) in edges.iter().enumerate() {
            let (i, j) = unkey(e);
            for u in [i, nr + j] {
                wm.adj[cursor[u] as usize] = k as u32;
                cursor[u] += 1;
            }
        }
        // Depth-first preorder of each component into `order`, from a row first (rows are
        // numbered first), again from a column when the component's net supply is negative.
        let supply = |u: usize| {
            if u < nr {
                al[self.rowpix[u] as usize]
            } else {
                -bl[self.colpix[u - nr] as usize]
            }
        };
        wm.mark[..nodes].fill(0);
        let mut len = 0;
        for s in 0..nodes {
            if wm.mark[s] != 0 {
                continue;
            }
            let begin = len;
            len = preorder(s, (0, 1), nr, edges, wm, t, begin);
            let net: f64 = wm.order[begin..len]
                .iter()
                .map(|&u| supply(u as usize))
                .sum();
            let top = if net < 0.0 && s < nr {
                let c = wm.order[begin..len].iter().find(|&&u| u as usize >= nr);
                let Some(&c) = c else {
                    return false;
                };
                preorder(c as usize, (1, 2), nr, edges, wm, t, begin);
                c as usize
            } else {
                s
            };
            t.parent[top] = root;
            t.pred[top] = nr * nc + top;
            t.up[top] = u8::from(top < nr);
        }
        // Thread, subtree sizes, last successors and flows, bottom-up over the preorder.
        let order = &wm.order[..nodes];
        t.thread[root] = order[0] as usize;
        t.rev_thread[order[0] as usize] = root;
        for w2 in order.windows(2) {
            t.thread[w2[0] as usize] = w2[1] as usize;
            t.rev_thread[w2[1] as usize] = w2[0] as usize;
        }
        t.thread[order[nodes - 1] as usize] = root;
        t.rev_thread[root] = order[nodes - 1] as usize;
        for &u in order {
            let u = u as usize;
            t.succ_num[u] = 1;
            t.last_succ[u] = u;
            t.flow[u] = supply(u);
        }
        for &u in order.iter().rev() {
            let u = u as usize;
            let p = t.parent[u];
            if p != root {
                t.succ_num[p] += t.succ_num[u];
                t.flow[p] += t.flow[u];
                if t.last_succ[p] == p {
                    t.last_succ[p] = t.last_succ[u];
                }
            }
            // Net supply of the subtree → flow on the arc to the parent.
            if t.up[u] == 0 {
                t.flow[u] = -t.flow[u];
            }
        }
        t.parent[root] = NONE_NODE;
        t.pred[root] = NONE_NODE;
        t.up[root] = 0;
        t.flow[root] = 0.0;
        t.succ_num[root] = nodes + 1;
        t.last_succ[root] = order[nodes - 1] as usize;
        if order.iter().any(|&u| {
            let u = u as usize;
            t.flow[u] < 0.0 || (t.flow[u] == 0.0 && t.up[u] == 0)
        }) {
            return false;
        }
        t.refresh_potentials(
            |i, j| h.cost(l, self.rowpix[i] as usize, self.colpix[j] as usize),
            big_m,
        );
        true
    }

    /// LEMON's initial pivots over the arc set: into each column its cheapest stored arc.
    /// Returns the pivots made.
    fn initial_pivots<H: Hierarchy>(&mut self, h: &H, l: usize, t: &mut Tree<'_>) -> Result<u64> {
        // Column minima in val / arg (free until the first check).
        self.val[..self.nc].fill(f64::INFINITY);
        for k in 0..self.na {
            let (i, j) = unkey(self.keys[k]);
            if self.costs[k] < self.val[j] {
                self.val[j] = self.costs[k];
                self.arg[j] = i as u32;
            }
        }
        let mut pivots = 0;
        for j in 0..self.nc {
            if self.val[j].is_finite() {
                let i = self.arg[j] as usize;
                pivots += self.try_pivot(h, l, t, i, j)?;
            }
        }
        Ok(pivots)
    }

    /// Pivots arc i → j in when its reduced cost is negative; returns 1 if it did.
    fn try_pivot<H: Hierarchy>(
        &self,
        h: &H,
        l: usize,
        t: &mut Tree<'_>,
        i: usize,
        j: usize,
    ) -> Result<u64> {
        let c = self.arc_cost(h, l, i, j);
        if c + t.pi[i] - t.pi[self.nr + j] >= 0.0 {
            return Ok(0);
        }
        pivot(t, i, j, c)?;
        Ok(1)
    }

    /// Block Search pivots over the sparse arc set until no stored arc has a negative reduced
    /// cost; returns the pivots made.
    fn pivots(&mut self, t: &mut Tree<'_>) -> Result<u64> {
        let na = self.na;
        if na == 0 {
            return Ok(0);
        }
        let block = ((na as f64).sqrt() as usize).max(10);
        let mut next = 0;
        let mut pivots = 0;
        loop {
            // Blocks from `next` on, wrapping at the end, until one holds an improving arc.
            let mut scanned = 0;
            let found = loop {
                if scanned >= na {
                    break None;
                }
                let end = (next + block).min(na);
                let best = self.best_arc(t.pi, next, end);
                scanned += end - next;
                next = if end == na { 0 } else { end };
                if best.is_some() {
                    break best;
                }
            };
            let Some(kb) = found else {
                return Ok(pivots);
            };
            let (i, j) = unkey(self.keys[kb]);
            pivot(t, i, j, self.costs[kb])?;
            pivots += 1;
        }
    }

    /// The stored arc of most negative reduced cost among arcs `from..to` under the
    /// potentials `pi` (None when none improves).
    #[inline]
    fn best_arc(&self, pi: &[f64], from: usize, to: usize) -> Option<usize> {
        let (pi_rows, pi_cols) = pi.split_at(self.nr);
        let mut best = 0.0f64;
        let mut best_k = None;
        let arcs = self.keys[from..to].iter().zip(&self.costs[from..to]);
        for (k, (&x, &c)) in arcs.enumerate() {
            let (i, j) = unkey(x);
            let (ps, pt) = (pi_rows[i], pi_cols[j]);
            let rc = c + ps - pt;
            if rc < best && negative(rc, c, ps, pt) {
                best = rc;
                best_k = Some(from + k);
            }
        }
        best_k
    }

    /// Checks the reduced costs of all arcs of the level with the potentials `pi` (by two
    /// envelopes: distance transforms on a grid) and lists in `cand` the best arc of every row and column whose
    /// best arc has a negative reduced cost; returns how many were listed.
    fn violations<H: Hierarchy>(&mut self, h: &mut H, l: usize, pi: &[f64]) -> usize {
        let (nr, nc) = (self.nr, self.nc);
        let mut found = 0;
        // Rows: min_j C_ij − g_j, with g_j = pi[nr + j].
        self.val.fill(f64::INFINITY);
        for j in 0..nc {
            self.val[self.colpix[j] as usize] = -pi[nr + j];
        }
        h.envelope(l, Side::Rows, self.val, self.arg);
        for i in 0..nr {
            let p = self.rowpix[i] as usize;
            let q = self.arg[p] as usize;
            let j = self.pix_col[q] as usize;
            let c = h.cost(l, p, q);
            if negative(c + pi[i] - pi[nr + j], c, pi[i], pi[nr + j]) {
                self.cand[found] = key(i, j);
                found += 1;
            }
        }
        // Columns: min_i C_ij + pi_i.
        self.val.fill(f64::INFINITY);
        for (&p, &pi_i) in self.rowpix[..nr].iter().zip(pi) {
            self.val[p as usize] = pi_i;
        }
        h.envelope(l, Side::Cols, self.val, self.arg);
        for j in 0..nc {
            let q = self.colpix[j] as usize;
            let p = self.arg[q] as usize;
            let i = self.pix_row[p] as usize;
            let c = h.cost(l, p, q);
            if negative(c + pi[i] - pi[nr + j], c, pi[i], pi[nr + j]) {
                self.cand[found] = key(i, j);
                found += 1;
            }
        }
        found
    }

    /// Adds to the arc set the `found` violating arcs listed in `cand` and the arcs from each
    /// basis arc's row to the grid neighbours of its column and from the neighbours of its row
    /// to its column; rebuilds the set from the basis and these arcs when they do not fit.
    /// Returns how many of the added arcs have a negative reduced cost.
    fn merge<H: Hierarchy>(&mut self, h: &H, l: usize, t: &Tree<'_>, found: usize) -> usize {
        let (nr, nc) = (self.nr, self.nc);
        let cap = self.cand.len();
        let mut k = found;
        for u in 0..nr + nc {
            let e = t.pred[u];
            if e >= nr * nc {
                continue;
            }
            let (i, j) = (e / nc, e % nc);
            let (p, q) = (self.rowpix[i] as usize, self.colpix[j] as usize);
            h.neighbours(l, Side::Cols, q, |q2| {
                let j2 = self.pix_col[q2];
                if j2 != NONE && k < cap {
                    self.cand[k] = key(i, j2 as usize);
                    k += 1;
                }
            });
            h.neighbours(l, Side::Rows, p, |p2| {
                let i2 = self.pix_row[p2];
                if i2 != NONE && k < cap {
                    self.cand[k] = key(i2 as usize, j);
                    k += 1;
                }
            });
        }
        let cand = &mut self.cand[..k];
        cand.sort_unstable();
        // Unique and not yet stored.
        let mut m = 0;
        let mut improving = 0;
        for r in 0..k {
            let x = cand[r];
            if (m > 0 && cand[m - 1] == x) || self.keys[..self.na].binary_search(&x).is_ok() {
                continue;
            }
            let (i, j) = unkey(x);
            let c = h.cost(l, self.rowpix[i] as usize, self.colpix[j] as usize);
            let (ps, pt) = (t.pi[i], t.pi[nr + j]);
            improving += usize::from(negative(c + ps - pt, c, ps, pt));
            cand[m] = x;
            m += 1;
        }
        let na = self.na;
        if na + m <= self.keys.len() {
            // Merge from the back: both lists are sorted and disjoint.
            let (mut x, mut y, mut at) = (na, m, na + m);
            while y > 0 {
                at -= 1;
                if x > 0 && self.keys[x - 1] > self.cand[y - 1] {
                    self.keys[at] = self.keys[x - 1];
                    self.costs[at] = self.costs[x - 1];
                    x -= 1;
                } else {
                    let (i, j) = unkey(self.cand[y - 1]);
                    self.keys[at] = self.cand[y - 1];
                    self.costs[at] = self.arc_cost(h, l, i, j);
                    y -= 1;
                }
            }
            self.na = na + m;
        } else {
            // Rebuild: the basis arcs and the new arcs.
            self.keys[..m].copy_from_slice(&self.cand[..m]);
            let mut na = m;
            for u in 0..nr + nc {
                let e = t.pred[u];
                if e < nr * nc {
                    self.keys[na] = key(e / nc, e % nc);
                    na += 1;
                }
            }
            self.keys[..na].sort_unstable();
            let mut d = 0;
            for r in 0..na {
                if d == 0 || self.keys[d - 1] != self.keys[r] {
                    self.keys[d] = self.keys[r];
                    d += 1;
                }
            }
            self.na = d;
            self.fill_costs(h, l, 0);
        }
        improving
    }

    /// At the finest level with the kept pixels' duals in `f`, `g`: gives the zero-mass pixels
    /// the largest duals keeping every reduced cost ≥ 0 (rows against the kept columns, then
    /// columns against all rows), and returns the most negative reduced cost over all arcs.
    fn complete_duals<H: Hierarchy>(&mut self, h: &mut H, f: &mut [f64], g: &mut [f64]) -> f64 {
        let n = f.len();
        if self.nr < n {
            self.val.fill(f64::INFINITY);
            for j in 0..self.nc {
                let q = self.colpix[j] as usize;
                self.val[q] = -g[q];
            }
            h.envelope(0, Side::Rows, self.val, self.arg);
            for p in (0..n).filter(|&p| self.pix_row[p] == NONE) {
                let q = self.arg[p] as usize;
                f[p] = h.cost(0, p, q) - g[q];
            }
        }
        let mut most_negative = 0.0f64;
        // Columns against all rows (completing the zero-mass ones), then rows against all
        // columns: each pixel's best arc.
        for v in self.val.iter_mut().zip(f.iter()) {
            *v.0 = -v.1;
        }
        h.envelope(0, Side::Cols, self.val, self.arg);
        for (q, gq) in g.iter_mut().enumerate() {
            let p = self.arg[q] as usize;
            let c = h.cost(0, p, q);
            if self.pix_col[q] == NONE {
                *gq = c - f[p];
            }
            most_negative = most_negative.min(c - f[p] - *gq);
        }
        for v in self.val.iter_mut().zip(g.iter()) {
            *v.0 = -v.1;
        }
        h.envelope(0, Side::Rows, self.val, self.arg);
        for (p, fp) in f.iter().enumerate() {
            let q = self.arg[p] as usize;
            most_negative = most_negative.min(h.cost(0, p, q) - fp - g[q]);
        }
        most_negative
    }
}

/// Solves the grid transport problem and returns the plan, duals and statistics (allocates
/// the workspace and outputs once, then calls [`emd_grid_in_place`]).
pub fn emd_grid(
    shape: &[usize],
    spacing: &[f64],
    a: &[f64],
    b: &[f64],
    params: &GridParams,
) -> Result<GridSolution> {
    let req = emd_grid_scratch(shape, params)?;
    let n = a.len();
    let cap = (2 * n).saturating_sub(1);
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; n]);
    let (mut ri, mut ci, mut mass) = (vec![0usize; cap], vec![0usize; cap], vec![0.0; cap]);
    let info = with_stack(req, |stack| {
        let out = GridOutputs {
            f: Some(&mut f),
            g: Some(&mut g),
            sparse: Some(SparsePlanMut {
                rows: &mut ri,
                cols: &mut ci,
                mass: &mut mass,
            }),
        };
        emd_grid_in_place(shape, spacing, a, b, out, params, Par::Seq, stack)
    })??;
    let plan = (0..info.nnz).map(|k| (ri[k], ci[k], mass[k])).collect();
    Ok(GridSolution {
        cost: info.cost,
        plan,
        f,
        g,
        info,
    })
}

/// Random streams shared by the unit tests of the grid and cloud hierarchies.
#[cfg(test)]
mod test_support {
    /// A xorshift stream of uniform numbers in [0, 1).
    pub fn uniform_stream(seed: u64) -> impl FnMut() -> f64 {
        let mut s = seed;
        move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// `len` values uniform in [lo, hi), each `+∞` (absent) with probability `absent`.
    pub fn values_with_absent(
        u: &mut impl FnMut() -> f64,
        len: usize,
        absent: f64,
        (lo, hi): (f64, f64),
    ) -> Vec<f64> {
        (0..len)
            .map(|_| {
                if u() < absent {
                    f64::INFINITY
                } else {
                    lo + (hi - lo) * u()
                }
            })
            .collect()
    }
}
