//! What a sparse exact plan gives besides its cost: the gradient of the OT cost with respect
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
//! Both are O(nnz·d) and allocation-free.

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

/// Checks the plan against n rows and m columns: equal lengths, indices in range, masses
/// finite and ≥ 0.
fn check_plan(plan: &SparsePlanRef<'_>, n: usize, m: usize) -> Result<()> {
    let k = plan.mass.len();
    if plan.rows.len() != k || plan.cols.len() != k {
        bail!(
            InvalidDimension,
            "the plan has {} rows, {} columns and {k} masses: they must agree",
            plan.rows.len(),
            plan.cols.len()
        );
    }
    for e in 0..k {
        let (i, j, x) = (plan.rows[e], plan.cols[e], plan.mass[e]);
        if i >= n || j >= m {
            bail!(
                InvalidArgument,
                "plan entry {e} is at ({i}, {j}), outside the {n}x{m} problem"
            );
        }
        if !(x.is_finite() && x >= 0.0) {
            bail!(
                InvalidArgument,
                "plan entry {e} has mass {x:e}: it must be finite and >= 0"
            );
        }
    }
    Ok(())
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

/// `∂c(u, v)/∂u_t` for the metric, for the pair of rows u, v (0 where c is not
/// differentiable).
fn grad_u(
    metric: Metric,
    u: impl Fn(usize) -> f64,
    v: impl Fn(usize) -> f64,
    d: usize,
    t: usize,
) -> f64 {
    match metric {
        Metric::SqEuclidean => 2.0 * (u(t) - v(t)),
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
            let dt = u(t) - v(t);
            if norm == 0.0 || dt == 0.0 {
                0.0
            } else {
                dt.signum() * (dt.abs() / norm).powf(p - 1.0)
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
                return 0.0;
            }
            let (nu, nv) = (uu.sqrt(), vv.sqrt());
            -(v(t) / (nu * nv) - uv * u(t) / (uu * nu * nv))
        }
    }
}

/// The gradient of the plan's cost `Σ_k mass_k c(x_{i_k}, y_{j_k})` with respect to the points:
/// `gx` (n×d) and `gy` (m×d), each written when wanted (`None`: not wanted). For an optimal
/// plan this is the gradient of the exact OT cost (see the module notes). O(nnz·d), no
/// allocation. Every input is checked before an output is written.
pub fn plan_position_gradient(
    x: MatRef<'_, f64>,
    y: MatRef<'_, f64>,
    plan: SparsePlanRef<'_>,
    metric: Metric,
    gx: Option<MatMut<'_, f64>>,
    gy: Option<MatMut<'_, f64>>,
) -> Result<()> {
    metric.validate()?;
    check_points(x, y)?;
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    check_plan(&plan, n, m)?;
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
    for e in 0..plan.mass.len() {
        let (i, j, w) = (plan.rows[e], plan.cols[e], plan.mass[e]);
        for t in 0..d {
            if let Some(g) = gx.as_mut() {
                g[(i, t)] += w * grad_u(metric, |k| x[(i, k)], |k| y[(j, k)], d, t);
            }
            if let Some(g) = gy.as_mut() {
                g[(j, t)] += w * grad_u(metric, |k| y[(j, k)], |k| x[(i, k)], d, t);
            }
        }
    }
    Ok(())
}

/// McCann's displacement interpolation at time `t` ∈ [0, 1]: point k of `points` (nnz×d) is
/// `(1 − t) x_{i_k} + t y_{j_k}` and `weights[k] = mass_k`. O(nnz·d), no allocation.
pub fn displacement_interpolation(
    x: MatRef<'_, f64>,
    y: MatRef<'_, f64>,
    plan: SparsePlanRef<'_>,
    t: f64,
    points: MatMut<'_, f64>,
    weights: &mut [f64],
) -> Result<()> {
    if !(0.0..=1.0).contains(&t) {
        bail!(InvalidArgument, "t is {t:e}: it must be in [0, 1]");
    }
    check_points(x, y)?;
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    check_plan(&plan, n, m)?;
    let k = plan.mass.len();
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
    for e in 0..k {
        let (i, j) = (plan.rows[e], plan.cols[e]);
        for s in 0..d {
            points[(e, s)] = (1.0 - t) * x[(i, s)] + t * y[(j, s)];
        }
        weights[e] = plan.mass[e];
    }
    Ok(())
}
