//! What a transport plan gives besides its cost: the gradient of the OT cost with respect
//! to the point positions, and McCann's displacement interpolation.
//!
//! **Gradient.** `W(x, y) = min_P Σ P_ij c(x_i, y_j)`; where the optimal plan is unique,
//! `∂W/∂x_i = Σ_j P_ij ∇_x c(x_i, y_j)` (Danskin), and `∂W/∂y_j = Σ_i P_ij ∇_y c(x_i, y_j)`;
//! elsewhere this is a supergradient. The weight gradients are the plan's centred duals
//! (`f`, `g` of [`super::emd`]). At coincident points the Euclidean and Minkowski costs are not
//! differentiable: their term contributes 0 there (a subgradient).
//!
//! **Interpolation.** For a plan between (x, a) and (y, b), the measure at time t ∈ [0, 1] of
//! the geodesic (when the plan is optimal for the squared Euclidean cost) is
//! `Σ_k mass_k δ_{(1 − t) x_{i_k} + t y_{j_k}}`: one weighted point per plan entry.
//!
//! Both read a sparse plan (an exact one) or a dense n×m plan (an entropic one): [`PlanRef`].
//! Both are O(entries·d) and allocation-free.

use crate::cost::Metric;
use crate::{bail, MatMut, MatRef, Result};

/// A sparse plan read by [`plan_position_gradient`] and [`displacement_interpolation`]: entry k
/// is `mass[k]` at `(rows[k], cols[k])` (as written by [`super::emd_in_place`]).
#[derive(Clone, Copy, Debug)]
pub struct SparsePlanRef<'a> {
    /// Row index of each entry.
    pub rows: &'a [usize],
    /// Column index of each entry.
    pub cols: &'a [usize],
    /// Mass of each entry.
    pub mass: &'a [f64],
}

/// The plan [`plan_position_gradient`] and [`displacement_interpolation`] read: sparse entries
/// (an exact plan) or a dense n×m matrix (an entropic plan, any strides). Its entries, in
/// order, are the sparse ones, or the dense ones row by row (entry k = i·m + j).
#[derive(Clone, Copy, Debug)]
pub enum PlanRef<'a> {
    /// Sparse (row, column, mass) triplets.
    Sparse(SparsePlanRef<'a>),
    /// A dense n×m matrix.
    Dense(MatRef<'a, f64>),
}

impl<'a> From<SparsePlanRef<'a>> for PlanRef<'a> {
    fn from(p: SparsePlanRef<'a>) -> Self {
        PlanRef::Sparse(p)
    }
}

impl<'a> From<MatRef<'a, f64>> for PlanRef<'a> {
    fn from(p: MatRef<'a, f64>) -> Self {
        PlanRef::Dense(p)
    }
}

impl PlanRef<'_> {
    /// Number of entries: the sparse length, or n·m (saturating) for a dense plan.
    pub fn len(&self) -> usize {
        match self {
            PlanRef::Sparse(p) => p.mass.len(),
            PlanRef::Dense(p) => p.nrows().saturating_mul(p.ncols()),
        }
    }

    /// Whether the plan has no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Calls `f(k, i, j, mass)` for every entry k, in order.
    fn for_each(&self, mut f: impl FnMut(usize, usize, usize, f64)) {
        match self {
            PlanRef::Sparse(p) => {
                for k in 0..p.mass.len() {
                    f(k, p.rows[k], p.cols[k], p.mass[k]);
                }
            }
            PlanRef::Dense(p) => {
                let m = p.ncols();
                for i in 0..p.nrows() {
                    for j in 0..m {
                        f(i * m + j, i, j, p[(i, j)]);
                    }
                }
            }
        }
    }

    /// Checks the plan against n rows and m columns: a sparse plan's lengths agree and its
    /// indices are in range, a dense one is n×m; masses finite and ≥ 0.
    fn check(&self, n: usize, m: usize) -> Result<()> {
        match self {
            PlanRef::Sparse(p) => {
                let k = p.mass.len();
                if p.rows.len() != k || p.cols.len() != k {
                    bail!(
                        InvalidDimension,
                        "the plan has {} rows, {} columns and {k} masses: they must agree",
                        p.rows.len(),
                        p.cols.len()
                    );
                }
                if let Some(e) = (0..k).find(|&e| p.rows[e] >= n || p.cols[e] >= m) {
                    bail!(
                        InvalidArgument,
                        "plan entry {e} is at ({}, {}), outside the {n}x{m} problem",
                        p.rows[e],
                        p.cols[e]
                    );
                }
            }
            PlanRef::Dense(p) => {
                if p.nrows() != n || p.ncols() != m {
                    bail!(
                        InvalidDimension,
                        "the dense plan is {}x{}: expected {n}x{m}",
                        p.nrows(),
                        p.ncols()
                    );
                }
            }
        }
        let mut bad = None;
        self.for_each(|k, _, _, w| {
            if bad.is_none() && !(w.is_finite() && w >= 0.0) {
                bad = Some((k, w));
            }
        });
        if let Some((e, w)) = bad {
            bail!(
                InvalidArgument,
                "plan entry {e} has mass {w:e}: it must be finite and >= 0"
            );
        }
        Ok(())
    }
}

/// Checks the point clouds (same dimension, finite) and the metric.
fn check_points(x: MatRef<'_, f64>, y: MatRef<'_, f64>) -> Result<()> {
    if x.ncols() != y.ncols() {
        bail!(
            InvalidDimension,
            "x has dimension {} and y {}: they must agree",
            x.ncols(),
            y.ncols()
        );
    }
    for (name, p) in [("x", x), ("y", y)] {
        for i in 0..p.nrows() {
            for t in 0..p.ncols() {
                if !p[(i, t)].is_finite() {
                    bail!(
                        NonFinite,
                        "{name}[{i}, {t}] is {:?}, not a finite number",
                        p[(i, t)]
                    );
                }
            }
        }
    }
    Ok(())
}

/// Adds `w·∇_u c(u, v)` to `out` for the metric, for the pair of rows u = x_i, v = y_j (the
/// row of `out` is `row`); a point where c is not differentiable contributes 0.
fn add_pair_gradient(
    metric: Metric,
    u: impl Fn(usize) -> f64,
    v: impl Fn(usize) -> f64,
    d: usize,
    w: f64,
    mut out: impl FnMut(usize, f64),
) {
    match metric {
        Metric::SqEuclidean => (0..d).for_each(|t| out(t, w * 2.0 * (u(t) - v(t)))),
        Metric::Euclidean | Metric::Minkowski(_) => {
            let p = match metric {
                Metric::Minkowski(p) => p,
                _ => 2.0,
            };
            // ∂/∂u_t (Σ|δ|^p)^(1/p) = sign(δ_t)|δ_t|^(p−1) / norm^(p−1).
            let norm = (0..d)
                .map(|k| (u(k) - v(k)).abs().powf(p))
                .sum::<f64>()
                .powf(1.0 / p);
            if norm == 0.0 {
                return;
            }
            for t in 0..d {
                let dt = u(t) - v(t);
                if dt != 0.0 {
                    out(t, w * dt.signum() * (dt.abs() / norm).powf(p - 1.0));
                }
            }
        }
        Metric::Cosine => {
            let (mut uv, mut uu, mut vv) = (0.0, 0.0, 0.0);
            for k in 0..d {
                uv += u(k) * v(k);
                uu += u(k) * u(k);
                vv += v(k) * v(k);
            }
            if uu == 0.0 || vv == 0.0 {
                return;
            }
            let (nu, nv) = (uu.sqrt(), vv.sqrt());
            for t in 0..d {
                out(t, -w * (v(t) / (nu * nv) - uv * u(t) / (uu * nu * nv)));
            }
        }
    }
}

/// The gradient of the plan's cost `Σ_k mass_k c(x_{i_k}, y_{j_k})` with respect to the points:
/// `gx` (n×d) and `gy` (m×d), each written when wanted (`None`: not wanted). For an optimal
/// plan this is the gradient of the exact OT cost (see the module notes); for an entropic plan,
/// of its transport cost ⟨P, C⟩ at fixed P. O(entries·d) (a dense plan has n·m entries), no
/// allocation. Every input is checked before an output is written.
pub fn plan_position_gradient<'p>(
    x: MatRef<'_, f64>,
    y: MatRef<'_, f64>,
    plan: impl Into<PlanRef<'p>>,
    metric: Metric,
    gx: Option<MatMut<'_, f64>>,
    gy: Option<MatMut<'_, f64>>,
) -> Result<()> {
    let plan = plan.into();
    metric.validate()?;
    check_points(x, y)?;
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    plan.check(n, m)?;
    for (what, g, rows) in [("gx", &gx, n), ("gy", &gy, m)] {
        if let Some(g) = g {
            if g.nrows() != rows || g.ncols() != d {
                bail!(
                    InvalidDimension,
                    "{what} is {}x{}: expected {rows}x{d}",
                    g.nrows(),
                    g.ncols()
                );
            }
        }
    }
    let (mut gx, mut gy) = (gx, gy);
    for g in [gx.as_mut(), gy.as_mut()].into_iter().flatten() {
        g.fill(0.0);
    }
    plan.for_each(|_, i, j, w| {
        if w == 0.0 {
            return;
        }
        if let Some(g) = gx.as_mut() {
            let (u, v) = (|k| x[(i, k)], |k| y[(j, k)]);
            add_pair_gradient(metric, u, v, d, w, |t, z| g[(i, t)] += z);
        }
        if let Some(g) = gy.as_mut() {
            let (u, v) = (|k| y[(j, k)], |k| x[(i, k)]);
            add_pair_gradient(metric, u, v, d, w, |t, z| g[(j, t)] += z);
        }
    });
    Ok(())
}

/// McCann's displacement interpolation at time `t` ∈ [0, 1]: for every plan entry k (see
/// [`PlanRef`]: a dense plan has n·m entries, row by row), point k of `points` (entries×d) is
/// `(1 − t) x_{i_k} + t y_{j_k}` and `weights[k] = mass_k`. O(entries·d), no allocation.
pub fn displacement_interpolation<'p>(
    x: MatRef<'_, f64>,
    y: MatRef<'_, f64>,
    plan: impl Into<PlanRef<'p>>,
    t: f64,
    points: MatMut<'_, f64>,
    weights: &mut [f64],
) -> Result<()> {
    let plan = plan.into();
    if !(0.0..=1.0).contains(&t) {
        bail!(InvalidArgument, "t is {t:e}: it must be in [0, 1]");
    }
    check_points(x, y)?;
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    plan.check(n, m)?;
    let k = plan.len();
    if points.nrows() != k || points.ncols() != d || weights.len() != k {
        bail!(
            InvalidDimension,
            "points are {}x{} and weights {}: expected {k}x{d} and {k}",
            points.nrows(),
            points.ncols(),
            weights.len()
        );
    }
    let mut points = points;
    plan.for_each(|e, i, j, w| {
        for s in 0..d {
            points[(e, s)] = (1.0 - t) * x[(i, s)] + t * y[(j, s)];
        }
        weights[e] = w;
    });
    Ok(())
}
