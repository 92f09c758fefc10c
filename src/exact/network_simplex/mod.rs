//! Network simplex for the balanced transport problem
//! `min Σ C_ij P_ij  s.t.  P·1 = a, Pᵀ·1 = b, P ≥ 0` between histograms a (n) and b (m).
//!
//! Design (learned from LEMON's `NetworkSimplex` as POT ships it): a spanning tree rooted at
//! an artificial node joined to every node by a big-M arc, LEMON's initial pivots (the
//! cheapest arc into each column), Block Search pricing over the implicit complete bipartite
//! graph whose costs are read in place from the caller's strided view (see `pricing`), and
//! LEMON's tree update (see `tree`). Memory is O(n + m) besides the caller's cost matrix.
//!
//! **Exactness.** All arithmetic is f64. Degenerate pivots (ties in the ratio test, common
//! with integer or grid costs) are resolved by LEMON's strongly-feasible-tree rule, which
//! excludes cycling; a reduced cost counts as negative only below a relative rounding
//! threshold of 1e-14·(|c| + |π_s| + |π_t|), so rounding noise never drives pivots. The
//! potentials are recomputed from the tree at the end, and the reported gap is the most
//! negative reduced cost of the returned duals over all arcs.
//!
//! **Mass.** Weights must be finite and ≥ 0, costs finite and ≥ 0. If Σa and Σb differ by more
//! than `mass_tolerance` (relative, in f64) the call fails with `MassMismatch` naming the
//! heavier side; otherwise b is rescaled by Σa/Σb (as POT does), so equal-up-to-rounding
//! inputs are never infeasible. Zero-mass rows and columns are removed before the solve and
//! get, after it, the largest duals keeping every reduced cost ≥ 0 (so the duals stay
//! feasible and complementary).
//!
//! Levels: [`emd_scratch`], [`emd_in_place`], [`emd`].

pub mod partial;
mod points;
pub(crate) mod pricing;
pub(crate) mod tree;

use crate::cost::clouds::{
    check_clouds, pack_points, pack_points_transposed, packed_stride, point_cost, PackedClouds,
};
use crate::progress::{self, Flow};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatMut, MatRef, MemStack, Par, Result, StackReq};
pub use points::{emd_points, emd_points_in_place, emd_points_scratch, Clouds};
pub(crate) use pricing::row_min;
use pricing::{BlockSearch, Costs, Dummies, Source};
use tree::Tree;

/// Dual potentials of a related problem (same shape) to start from: the initial pivots bring
/// in, for every column j, the arc minimising `C_ij − f_i` and, for every row i, the arc
/// minimising `C_ij − g_j` (arcs tight under these duals) instead of the cheapest arcs.
#[derive(Clone, Copy, Debug)]
pub struct WarmStart<'a> {
    /// Row potentials (length n).
    pub f: &'a [f64],
    /// Column potentials (length m).
    pub g: &'a [f64],
}

/// Parameters of the network simplex.
#[derive(Clone, Copy, Debug)]
pub struct EmdParams<'a> {
    /// Pivot cap (initial pivots included); when reached, the feasible plan found so far is
    /// returned with `converged = false`. Default 2⁴⁰ (never reached in practice).
    pub max_iter: u64,
    /// Largest accepted relative gap |Σa − Σb| / max(Σa, Σb). Default 1e-9.
    pub mass_tolerance: f64,
    /// Start from these duals (None: LEMON's cold start).
    pub warm_start: Option<WarmStart<'a>>,
}

impl Default for EmdParams<'_> {
    fn default() -> Self {
        EmdParams {
            max_iter: 1 << 40,
            mass_tolerance: 1e-9,
            warm_start: None,
        }
    }
}

/// A sparse plan written by [`emd_in_place`]: entry k is `mass[k]` at `(rows[k], cols[k])`.
/// Each slice needs room for `n + m − 1` entries; the number written is [`EmdInfo::nnz`].
pub struct SparsePlanMut<'a> {
    /// Row index of each entry.
    pub rows: &'a mut [usize],
    /// Column index of each entry.
    pub cols: &'a mut [usize],
    /// Mass of each entry (> 0).
    pub mass: &'a mut [f64],
}

/// The optional outputs of [`emd_in_place`] (each `None` when not wanted).
#[derive(Default)]
pub struct EmdOutputs<'a> {
    /// Dual potential of the rows (length n), centred so that a·f = b·g.
    pub f: Option<&'a mut [f64]>,
    /// Dual potential of the columns (length m).
    pub g: Option<&'a mut [f64]>,
    /// The plan as at most n + m − 1 triplets, in no particular order.
    pub sparse: Option<SparsePlanMut<'a>>,
    /// The plan as a dense n × m matrix (any strides).
    pub dense: Option<MatMut<'a, f64>>,
}

/// What [`emd_in_place`] reports (the default is all zeros, not converged).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EmdInfo {
    /// Transport cost Σ C_ij P_ij of the returned plan.
    pub cost: f64,
    /// Number of plan entries (≤ n + m − 1).
    pub nnz: usize,
    /// Pivots made.
    pub iterations: u64,
    /// Most negative reduced cost `C_ij − f_i − g_j` of the returned duals (0 when optimal up
    /// to rounding).
    pub gap: f64,
    /// False when `max_iter` or a [`progress`] observer stopped the solve
    /// (the plan is feasible but maybe not optimal).
    pub converged: bool,
    /// True when a [`progress`] observer stopped the solve.
    pub cancelled: bool,
}

/// The allocated result of [`emd`].
#[derive(Clone, Debug)]
pub struct EmdSolution {
    /// Transport cost.
    pub cost: f64,
    /// Plan entries `(i, j, mass)`, at most n + m − 1, in no particular order.
    pub plan: Vec<(usize, usize, f64)>,
    /// Row duals (length n), centred so that a·f = b·g.
    pub f: Vec<f64>,
    /// Column duals (length m).
    pub g: Vec<f64>,
    /// Pivots made.
    pub iterations: u64,
    /// Most negative reduced cost of the duals.
    pub gap: f64,
    /// False when `max_iter` or a [`progress`] observer stopped the solve.
    pub converged: bool,
    /// True when a [`progress`] observer stopped the solve.
    pub cancelled: bool,
}

/// Workspace of [`emd_in_place`] for n rows and m columns: O(n + m), symmetric in n and m.
pub fn emd_scratch(n: usize, m: usize) -> StackReq {
    let nodes = n.saturating_add(m).saturating_add(1);
    let big = n.max(m);
    StackReq::all_of(&[
        vec_req::<usize>(n),      // kept rows
        vec_req::<usize>(m),      // kept columns
        vec_req::<usize>(nodes),  // parent
        vec_req::<usize>(nodes),  // pred
        vec_req::<u8>(nodes),     // up
        vec_req::<f64>(nodes),    // flow
        vec_req::<usize>(nodes),  // thread
        vec_req::<usize>(nodes),  // rev_thread
        vec_req::<usize>(nodes),  // succ_num
        vec_req::<usize>(nodes),  // last_succ
        vec_req::<f64>(nodes),    // pi
        vec_req::<usize>(nodes),  // dirty
        vec_req::<usize>(big),    // cheapest row of each column
        vec_req::<f64>(big),      // its cost
        vec_req::<f64>(n.max(1)), // f
        vec_req::<f64>(m.max(1)), // g
    ])
}

/// Solves the transport problem between `a` (n) and `b` (m) for the n × m `cost` (any
/// strides; row-major and column-major are both read contiguously), writing the wanted
/// `out`puts. Allocation-free; single-threaded (`par` is accepted for uniformity: parallelism
/// goes across problems, see the batched entry point). Time: O(pivots · (block + tree path)).
pub fn emd_in_place(
    a: &[f64],
    b: &[f64],
    cost: MatRef<'_, f64>,
    out: EmdOutputs<'_>,
    params: &EmdParams,
    _par: Par,
    stack: &mut MemStack,
) -> Result<EmdInfo> {
    let req = emd_scratch(a.len(), b.len());
    solve_checked(a, b, Ground::Matrix(cost), out, params, req, stack)
}

/// Checks a balanced problem (sizes, outputs, a workspace of `req`, weights, costs) and
/// solves it.
fn solve_checked(
    a: &[f64],
    b: &[f64],
    ground: Ground<'_>,
    out: EmdOutputs<'_>,
    params: &EmdParams,
    req: StackReq,
    stack: &mut MemStack,
) -> Result<EmdInfo> {
    let (n, m) = (a.len(), b.len());
    check_shapes(n, m, ground, &out)?;
    check_stack(stack, req)?;
    let mass = validate(a, b, ground, params)?;
    let (info, _) = solve_oriented(a, b, ground, out, &mass, params, stack)?;
    Ok(info)
}

/// The ground cost of a problem: the caller's n × m matrix, or two clouds whose costs are
/// computed on the fly.
#[derive(Clone, Copy)]
pub(crate) enum Ground<'a> {
    Matrix(MatRef<'a, f64>),
    Clouds(Clouds<'a>),
}

impl Ground<'_> {
    /// Rows and columns of the cost.
    fn shape(&self) -> (usize, usize) {
        match self {
            Ground::Matrix(c) => (c.nrows(), c.ncols()),
            Ground::Clouds(c) => (c.x.nrows(), c.y.nrows()),
        }
    }

    /// Coordinates per point (0 for a matrix).
    fn dim(&self) -> usize {
        match self {
            Ground::Matrix(_) => 0,
            Ground::Clouds(c) => c.x.ncols(),
        }
    }

    /// The cost of arc i → j (caller's indices). O(1) for a matrix, O(d) for clouds.
    fn at(&self, i: usize, j: usize) -> f64 {
        match self {
            Ground::Matrix(c) => c[(i, j)],
            Ground::Clouds(c) => point_cost(
                c.metric,
                (0..c.x.ncols()).map(|k| (c.x[(i, k)], c.y[(j, k)])),
            ),
        }
    }
}

/// Solves the checked problem, transposed when the cost is a column-major matrix so that rows
/// are read contiguously.
fn solve_oriented(
    a: &[f64],
    b: &[f64],
    ground: Ground<'_>,
    out: EmdOutputs<'_>,
    mass: &Masses,
    params: &EmdParams,
    stack: &mut MemStack,
) -> Result<(EmdInfo, DummyInfo)> {
    let (n, m) = (a.len(), b.len());
    let column_major = match ground {
        Ground::Matrix(c) => c.row_stride() == 1 && c.col_stride() != 1 && m > 1 && n > 1,
        Ground::Clouds(_) => false,
    };
    if let (true, Ground::Matrix(cost)) = (column_major, ground) {
        let t = EmdOutputs {
            f: out.g,
            g: out.f,
            sparse: out.sparse.map(|s| SparsePlanMut {
                rows: s.cols,
                cols: s.rows,
                mass: s.mass,
            }),
            dense: out.dense.map(|d| d.transpose_mut()),
        };
        let mt = Masses {
            sum_a: mass.sum_b,
            sum_b: mass.sum_a,
            scale_a: mass.scale_b,
            scale_b: mass.scale_a,
            max_cost: mass.max_cost,
            dummy: mass.dummy.map(|d| DummyNodes {
                row_mass: d.col_mass,
                col_mass: d.row_mass,
                costs: Dummies {
                    to_col: d.costs.from_row,
                    from_row: d.costs.to_col,
                    corner: d.costs.corner,
                },
            }),
        };
        let pt = EmdParams {
            warm_start: params.warm_start.map(|w| WarmStart { f: w.g, g: w.f }),
            ..*params
        };
        return solve(b, a, Ground::Matrix(cost.transpose()), t, &mt, &pt, stack);
    }
    solve(a, b, ground, out, mass, params, stack)
}

/// Checks the parameters, weights (finite, >= 0), mass balance and costs (finite, >= 0) of one
/// problem whose dimensions agree; returns the totals and the largest cost. O(n·m).
pub(crate) fn validate(
    a: &[f64],
    b: &[f64],
    ground: Ground<'_>,
    params: &EmdParams,
) -> Result<Masses> {
    let tol = params.mass_tolerance;
    if !(tol.is_finite() && tol >= 0.0) {
        bail!(
            InvalidArgument,
            "mass_tolerance is {tol:e}: it must be finite and >= 0"
        );
    }
    check_sizes(a.len(), b.len(), ground)?;
    crate::error::check_weights("a", a)?;
    crate::error::check_weights("b", b)?;
    let (sa, sb) = crate::error::check_mass_balance(a, b, tol)?;
    if let Some(w) = params.warm_start {
        if w.f.len() != a.len() || w.g.len() != b.len() {
            bail!(
                InvalidDimension,
                "warm start duals have lengths {} and {}, expected {} and {}",
                w.f.len(),
                w.g.len(),
                a.len(),
                b.len()
            );
        }
        crate::error::check_finite("warm start f", w.f.iter().copied())?;
        crate::error::check_finite("warm start g", w.g.iter().copied())?;
    }
    let max_cost = match ground {
        Ground::Matrix(cost) => scan_costs(cost)?,
        Ground::Clouds(c) => check_clouds(c.x, c.y, c.metric)?,
    };
    // The artificial arcs cost max_cost·(nodes + 1) and potentials are sums of up to two of
    // them; the transport cost is at most max_cost·Σa. Both must stay finite, with room.
    let nodes = (a.len() + b.len()) as f64;
    if !(max_cost * (nodes + 2.0) * 4.0).is_finite() || !(max_cost * sa * 4.0).is_finite() {
        bail!(
            InvalidArgument,
            "costs up to {max_cost:e} with n + m = {nodes} and a summing to {sa:e}: the potentials or the cost would overflow; rescale the costs"
        );
    }
    // b is rescaled to a's mass (POT's convention).
    Ok(Masses {
        sum_a: sa,
        sum_b: sb,
        scale_a: 1.0,
        scale_b: sa / sb,
        max_cost,
        dummy: None,
    })
}

/// Validated totals of the two sides, the factors applied to their weights, the largest cost,
/// and the dummy nodes of an augmented problem (None: balanced OT).
pub(crate) struct Masses {
    sum_a: f64,
    sum_b: f64,
    scale_a: f64,
    scale_b: f64,
    max_cost: f64,
    dummy: Option<DummyNodes>,
}

/// The dummy row (mass `row_mass`) and column (mass `col_mass`) of an augmented problem and
/// their costs. Both nodes are kept even with zero mass, so that their duals are defined.
#[derive(Clone, Copy)]
struct DummyNodes {
    row_mass: f64,
    col_mass: f64,
    costs: Dummies,
}

/// What an augmented solve adds to [`EmdInfo`] (zeros for balanced OT).
#[derive(Clone, Copy, Default)]
struct DummyInfo {
    /// Mass on real arcs, Σ P_ij.
    mass: f64,
    /// Minus the sum of the dummy row's and column's duals: the price of one more unit of
    /// transported mass in partial OT.
    mass_price: f64,
}

/// Checks the sizes of a problem: n, m ≥ 1, the cost n × m, the wanted outputs.
fn check_shapes(n: usize, m: usize, ground: Ground<'_>, out: &EmdOutputs<'_>) -> Result<()> {
    if n == 0 || m == 0 {
        bail!(
            InvalidDimension,
            "a has length {n} and b {m}: both must be >= 1"
        );
    }
    check_sizes(n, m, ground)?;
    check_outputs(n, m, out)
}

/// Checks that the cost is n × m (x has n points and y m).
fn check_sizes(n: usize, m: usize, ground: Ground<'_>) -> Result<()> {
    let (rows, cols) = ground.shape();
    if rows != n || cols != m {
        let what = match ground {
            Ground::Matrix(_) => format!("cost is {rows}x{cols}"),
            Ground::Clouds(_) => format!("x has {rows} points and y {cols}"),
        };
        bail!(InvalidDimension, "{what} but a has length {n} and b {m}");
    }
    Ok(())
}

fn check_outputs(n: usize, m: usize, out: &EmdOutputs<'_>) -> Result<()> {
    if let Some(f) = &out.f {
        if f.len() != n {
            bail!(InvalidDimension, "f has length {} but a has {n}", f.len());
        }
    }
    if let Some(g) = &out.g {
        if g.len() != m {
            bail!(InvalidDimension, "g has length {} but b has {m}", g.len());
        }
    }
    if let Some(s) = &out.sparse {
        let need = n + m - 1;
        let have = s.rows.len().min(s.cols.len()).min(s.mass.len());
        if have < need {
            bail!(
                InvalidDimension,
                "the sparse plan has room for {have} entries: n + m - 1 = {need} needed"
            );
        }
    }
    if let Some(d) = &out.dense {
        if d.nrows() != n || d.ncols() != m {
            bail!(
                InvalidDimension,
                "the dense plan is {}x{}, expected {n}x{m}",
                d.nrows(),
                d.ncols()
            );
        }
    }
    Ok(())
}

/// Scans the whole cost matrix: every entry finite and ≥ 0; returns the largest.
pub(crate) fn scan_costs(cost: MatRef<'_, f64>) -> Result<f64> {
    let mut max = 0.0f64;
    let mut bad = None;
    let mut visit = |i: usize, j: usize, c: f64| {
        if c.is_finite() && c >= 0.0 {
            max = max.max(c);
        } else if bad.is_none() {
            bad = Some((i, j, c));
        }
    };
    match cost.try_as_row_major() {
        Some(r) => {
            for i in 0..cost.nrows() {
                for (j, &c) in r.row(i).as_slice().iter().enumerate() {
                    visit(i, j, c);
                }
            }
        }
        None => {
            for j in 0..cost.ncols() {
                for i in 0..cost.nrows() {
                    visit(i, j, cost[(i, j)]);
                }
            }
        }
    }
    if let Some((i, j, c)) = bad {
        if c.is_finite() {
            bail!(
                InvalidArgument,
                "cost[{i}, {j}] is {c:e}: costs must be >= 0"
            );
        }
        bail!(NonFinite, "cost[{i}, {j}] is {c:?}, not a finite number");
    }
    Ok(max)
}

fn solve(
    a: &[f64],
    b: &[f64],
    ground: Ground<'_>,
    out: EmdOutputs<'_>,
    mass: &Masses,
    params: &EmdParams,
    stack: &mut MemStack,
) -> Result<(EmdInfo, DummyInfo)> {
    let (n, m) = (a.len(), b.len());
    let (sa, sb) = (mass.sum_a, mass.sum_b);
    let dummy = mass.dummy;
    debug_assert!(dummy.is_none() || params.warm_start.is_none());

    let (mut rows, stack) = take(stack, n, 0usize);
    let (mut cols, stack) = take(stack, m, 0usize);
    let nr = keep_positive(a, &mut rows);
    let nc = keep_positive(b, &mut cols);
    let (rows, cols) = (&rows[..nr], &cols[..nc]);
    // Rows and columns of the solved problem: the kept ones, then the dummies (if any).
    let with_dummy = usize::from(dummy.is_some());
    let (na, ma) = (nr + with_dummy, nc + with_dummy);
    let nodes = na + ma + 1;
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
    let (mut col_arg, stack) = take(stack, ma, 0usize);
    let (mut col_min, stack) = take(stack, ma, f64::INFINITY);
    let (mut fw, stack) = take(stack, n, 0.0f64);
    let (mut gw, stack) = take(stack, m, 0.0f64);
    let dim = ground.dim();
    let (mut xp, stack) = take(stack, nr * dim, 0.0f64);
    let (mut yt, _) = take(stack, (dim > 0) as usize * packed_stride(nc) * dim, 0.0f64);
    let costs = match ground {
        Ground::Matrix(cost) => Costs::new(cost, rows, cols, dummy.map(|d| d.costs)),
        Ground::Clouds(c) => {
            pack_points(c.x, rows, &mut xp);
            pack_points_transposed(c.y, cols, &mut yt);
            Costs {
                source: Source::Clouds(PackedClouds::new(&xp, &yt, dim, nc, c.metric)),
                rows,
                cols,
                dummy: None,
            }
        }
    };

    let mut t = Tree {
        n: na,
        m: ma,
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
    let max_cost = dummy.map_or(mass.max_cost, |d| {
        mass.max_cost
            .max(d.costs.to_col)
            .max(d.costs.from_row)
            .max(d.costs.corner)
    });
    let big_m = if max_cost > 0.0 {
        max_cost * (nodes as f64 + 1.0)
    } else {
        1.0
    };
    let (scale_a, scale_b) = (mass.scale_a, mass.scale_b);
    let (dummy_row, dummy_col) = dummy.map_or((0.0, 0.0), |d| (d.row_mass, d.col_mass));
    t.init(
        |i| rows.get(i).map_or(dummy_row, |&r| a[r] * scale_a),
        |j| cols.get(j).map_or(dummy_col, |&c| b[c] * scale_b),
        big_m,
    );

    // LEMON's initial pivots: the cheapest arc into each column, when it improves (with a warm
    // start: the arc tight under the given duals, into each column then out of each row).
    let f0 = |i: usize| params.warm_start.map_or(0.0, |w| w.f[rows[i]]);
    let g0 = |j: usize| params.warm_start.map_or(0.0, |w| w.g[cols[j]]);
    for i in 0..na {
        let fi = f0(i);
        costs.for_row(i, |j, c| {
            if c - fi < col_min[j] {
                col_min[j] = c - fi;
                col_arg[j] = i;
            }
        });
    }
    let mut iterations = 0u64;
    let mut converged = true;
    let mut candidates = (0..ma).map(|j| (col_arg[j], j)).chain(
        (0..nr).filter(|_| params.warm_start.is_some()).map(|i| {
            let mut best = (f64::INFINITY, 0);
            for j in 0..nc {
                let v = costs.at(i, j) - g0(j);
                if v < best.0 {
                    best = (v, j);
                }
            }
            (i, best.1)
        }),
    );
    for (i, j) in &mut candidates {
        if iterations >= params.max_iter {
            converged = false;
            break;
        }
        let c = costs.at(i, j);
        if c + t.pi[i] - t.pi[na + j] >= 0.0 {
            continue;
        }
        pivot(&mut t, i, j, c)?;
        iterations += 1;
    }
    // Block Search pivots. Each is reported to the thread's progress observer (if any) with
    // the magnitude of the entering arc's reduced cost (the most negative of its block).
    let mut cancelled = false;
    if converged {
        let mut search = BlockSearch::new(na, ma);
        while let Some((i, j, c)) = search.find(&costs, t.pi) {
            if iterations >= params.max_iter {
                converged = false;
                break;
            }
            let reduced = c + t.pi[i] - t.pi[na + j];
            pivot(&mut t, i, j, c)?;
            iterations += 1;
            if progress::check(iterations, -reduced) == Flow::Stop {
                (converged, cancelled) = (false, true);
                break;
            }
        }
    }
    t.refresh_potentials(|i, j| costs.at(i, j), big_m);

    // The most negative reduced cost over all arcs, then the duals of the kept rows and
    // columns, then of the removed ones.
    let mut gap = 0.0f64;
    for k in 0..na {
        let pk = t.pi[k];
        costs.for_row(k, |l, c| gap = gap.min(c + pk - t.pi[na + l]));
    }
    for (k, &i) in rows.iter().enumerate() {
        fw[i] = -t.pi[k];
    }
    for (k, &j) in cols.iter().enumerate() {
        gw[j] = t.pi[na + k];
    }
    let mut extra = DummyInfo::default();
    match dummy {
        None => {
            complete_duals(ground, a, b, rows, cols, None, &mut fw, &mut gw);
            // shift = (b·g − a·f) / (Σa + Σb), with the weights divided first so that no
            // product overflows (masses up to the largest double, duals up to the big M).
            let half = 0.5 * sa + 0.5 * sb;
            let weighted = |w: &[f64], d: &[f64]| -> f64 {
                w.iter().zip(d).map(|(x, y)| (0.5 * x / half) * y).sum()
            };
            let shift = weighted(b, &gw) - weighted(a, &fw);
            fw.iter_mut().for_each(|x| *x += shift);
            gw.iter_mut().for_each(|x| *x -= shift);
        }
        Some(d) => {
            // The dummies' duals F_d (row) and G_d (column) fold into the real ones:
            // f_i = F_i + G_d, g_j = G_j + F_d, and λ = −(F_d + G_d) prices the mass.
            let (fd, gd) = (-t.pi[nr], t.pi[na + nc]);
            let duals = (fd, gd, d.costs);
            complete_duals(ground, a, b, rows, cols, Some(duals), &mut fw, &mut gw);
            fw.iter_mut().for_each(|x| *x += gd);
            gw.iter_mut().for_each(|x| *x += fd);
            extra.mass_price = -(fd + gd);
        }
    }

    // The plan: real tree arcs with flow, then (only after an early stop: max_iter or a
    // cancellation) the mass still on artificial arcs routed north-west-corner style so that
    // the plan is feasible.
    let mut out = out;
    if let Some(d) = out.dense.as_mut() {
        d.fill(0.0);
    }
    let mut nnz = 0usize;
    let mut total = 0.0f64;
    let mut moved = 0.0f64;
    let mut emit = |i: usize, j: usize, x: f64, out: &mut EmdOutputs<'_>| {
        if i >= nr || j >= nc {
            return; // a dummy's arc: mass not transported
        }
        let (i, j) = (rows[i], cols[j]);
        total += x * ground.at(i, j);
        moved += x;
        if let Some(s) = out.sparse.as_mut() {
            s.rows[nnz] = i;
            s.cols[nnz] = j;
            s.mass[nnz] = x;
        }
        if let Some(d) = out.dense.as_mut() {
            d[(i, j)] += x;
        }
        nnz += 1;
    };
    let real = na * ma;
    for u in 0..na + ma {
        let e = t.pred[u];
        if e < real && t.flow[u] > 0.0 {
            emit(e / ma, e % ma, t.flow[u], &mut out);
        }
    }
    if !converged {
        let is_art = |u: usize| t.pred[u] >= real && t.flow[u] > 0.0;
        let (mut i, mut j) = (0usize, na);
        let (mut ri, mut cj) = (0.0f64, 0.0f64);
        loop {
            while ri <= 0.0 && i < na {
                ri = if is_art(i) { t.flow[i] } else { 0.0 };
                i += 1;
            }
            while cj <= 0.0 && j < na + ma {
                cj = if is_art(j) { t.flow[j] } else { 0.0 };
                j += 1;
            }
            if ri <= 0.0 || cj <= 0.0 {
                break;
            }
            let x = ri.min(cj);
            emit(i - 1, j - 1 - na, x, &mut out);
            ri -= x;
            cj -= x;
            if ri <= cj {
                ri = 0.0;
            } else {
                cj = 0.0;
            }
        }
    }
    extra.mass = moved;
    if let Some(f) = out.f {
        f.copy_from_slice(&fw);
    }
    if let Some(g) = out.g {
        g.copy_from_slice(&gw);
    }
    let info = EmdInfo {
        cost: total,
        nnz,
        iterations,
        gap,
        converged,
        cancelled,
    };
    Ok((info, extra))
}

/// Pivots arc row i → column j (of cost c) into the tree.
pub(crate) fn pivot(t: &mut Tree<'_>, i: usize, j: usize, c: f64) -> Result<()> {
    match t.find_cycle(i, j, c) {
        Some(p) => {
            t.pivot(&p);
            Ok(())
        }
        None => bail!(
            Numerical,
            "unbounded pivot cycle at arc ({i}, {j}): internal error"
        ),
    }
}

/// Writes the indices of the positive entries of `w` into `idx`; returns how many.
fn keep_positive(w: &[f64], idx: &mut [usize]) -> usize {
    let mut k = 0;
    for (i, &x) in w.iter().enumerate() {
        if x > 0.0 {
            idx[k] = i;
            k += 1;
        }
    }
    k
}

/// Duals of zero-mass rows, then columns: the largest values keeping `C_ij − f_i − g_j ≥ 0`
/// (and, with dummies `(F_d, G_d, costs)`, the reduced costs of the arcs to and from them).
#[allow(clippy::too_many_arguments)]
fn complete_duals(
    ground: Ground<'_>,
    a: &[f64],
    b: &[f64],
    rows: &[usize],
    cols: &[usize],
    dummy: Option<(f64, f64, Dummies)>,
    f: &mut [f64],
    g: &mut [f64],
) {
    let (to_col, from_row) = dummy.map_or((f64::INFINITY, f64::INFINITY), |(fd, gd, d)| {
        (d.to_col - gd, d.from_row - fd)
    });
    if rows.len() < a.len() {
        for i in (0..a.len()).filter(|&i| a[i] <= 0.0) {
            f[i] = cols
                .iter()
                .map(|&j| ground.at(i, j) - g[j])
                .fold(to_col, f64::min);
        }
    }
    if cols.len() < b.len() {
        for j in (0..b.len()).filter(|&j| b[j] <= 0.0) {
            g[j] = (0..a.len())
                .map(|i| ground.at(i, j) - f[i])
                .fold(from_row, f64::min);
        }
    }
}

/// Solves the transport problem and returns the plan, duals and statistics (allocates the
/// workspace and outputs once, then calls [`emd_in_place`]).
pub fn emd(a: &[f64], b: &[f64], cost: MatRef<'_, f64>, params: &EmdParams) -> Result<EmdSolution> {
    let req = emd_scratch(a.len(), b.len());
    solve_allocated(a.len(), b.len(), req, |out, stack| {
        emd_in_place(a, b, cost, out, params, Par::Seq, stack)
    })
}

/// Allocates a stack of `req` and the outputs of an n × m problem (duals, sparse plan), runs
/// `solve` with them and collects the solution.
fn solve_allocated(
    n: usize,
    m: usize,
    req: StackReq,
    solve: impl FnOnce(EmdOutputs<'_>, &mut MemStack) -> Result<EmdInfo>,
) -> Result<EmdSolution> {
    let cap = (n + m).saturating_sub(1);
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    let (mut ri, mut ci, mut mass) = (vec![0usize; cap], vec![0usize; cap], vec![0.0; cap]);
    let info = with_stack(req, |stack| {
        let out = EmdOutputs {
            f: Some(&mut f),
            g: Some(&mut g),
            sparse: Some(SparsePlanMut {
                rows: &mut ri,
                cols: &mut ci,
                mass: &mut mass,
            }),
            dense: None,
        };
        solve(out, stack)
    })??;
    let plan = (0..info.nnz).map(|k| (ri[k], ci[k], mass[k])).collect();
    Ok(EmdSolution {
        cost: info.cost,
        plan,
        f,
        g,
        iterations: info.iterations,
        gap: info.gap,
        converged: info.converged,
        cancelled: info.cancelled,
    })
}
