//! Free-support Wasserstein barycenter of point clouds (Cuturi & Doucet 2014, Algorithm 2 with
//! fixed weights): the support X (m × d) with weights a moves, the measures `μ_i = Σ_l b_il
//! δ_{y_il}` stay. Each outer iteration solves the k exact OT problems between (X, a) and μ_i
//! for the squared Euclidean cost (network simplex), then moves every support point to the
//! λ-weighted average of its barycentric projections,
//! `x_j ← Σ_i λ_i T_i(x_j) / Σ λ`, `T_i(x_j) = Σ_l P^i_jl y_il / a_j`,
//! which is the exact minimiser of `Σ_i λ_i Σ_jl P^i_jl |x_j − y_il|²` for the fixed plans:
//! the objective `Σ_i λ_i W2²((X, a), μ_i) / Σ λ` never increases. It stops when no point moves
//! more than `tol` (Euclidean norm) or after `max_iter` iterations.
//!
//! The inner solves are exact (the network simplex, the default) or entropic ([`Inner::Sinkhorn`]:
//! the project's log-domain Sinkhorn on the point clouds, warm-started from the previous outer
//! iteration's potentials, and the barycentric projection `Σ_l P^i_jl y_il / Σ_l P^i_jl`
//! streamed from the potentials without forming P); as ε → 0 the entropic fixed point tends to
//! the exact one.
//!
//! The k problems run in parallel (one workspace slot per worker); the projections are summed
//! in the order of the measures, so the result is bitwise identical for every thread count.
//! Cost O(iterations · k · (m·n_i·d + emd(m, n_i))).
//!
//! Levels: [`free_support_barycenter_scratch`], [`free_support_barycenter_in_place`],
//! [`free_support_barycenter`].

use crate::cost::{cost_matrix_in_place, cost_matrix_scratch, Metric};
use crate::exact::batch::{for_each_job, BatchProgress};
use crate::exact::network_simplex::{emd_in_place, emd_scratch, EmdOutputs, EmdParams};
use crate::exact::SparsePlanMut;
use crate::progress::{self, Flow};
use crate::sinkhorn::{self, barycentric_map_in_place, line_sums_scratch, sinkhorn_in_place, Cost};
use crate::workspace::{bytes_for, check_stack, take, vec_req, with_stack};
use crate::{bail, par, Error, ErrorKind, MatMut, MatRef, MemStack, Par, Result, StackReq};
use faer::Mat;

/// Parameters of [`free_support_barycenter_in_place`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FreeSupportParams {
    /// Cap on outer iterations (default 100).
    pub max_iter: u64,
    /// Stop when no support point moves more than this (Euclidean norm; default 1e-9).
    pub tol: f64,
    /// How each OT problem of an iteration is solved (default exact).
    pub inner: Inner,
}

/// The inner solver of [`free_support_barycenter_in_place`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Inner {
    /// The network simplex: exact plans.
    #[default]
    Exact,
    /// Log-domain Sinkhorn at `epsilon` (absolute, in squared-distance units; finite, > 0), at
    /// most `max_iter` iterations per solve to an L1 marginal error of `tolerance`, warm-started
    /// from the previous outer iteration (a solve that reaches its cap is used as it stands).
    Sinkhorn {
        /// Entropic regularisation ε > 0.
        epsilon: f64,
        /// Iteration cap of each inner solve (≥ 1).
        max_iter: u64,
        /// L1 marginal error at which an inner solve stops (≥ 0).
        tolerance: f64,
    },
}

impl Inner {
    /// The Sinkhorn parameters of an entropic inner solve (the exact solver has none).
    fn sinkhorn_params(self) -> Option<sinkhorn::Params> {
        match self {
            Inner::Exact => None,
            Inner::Sinkhorn {
                epsilon,
                max_iter,
                tolerance,
            } => Some(sinkhorn::Params {
                epsilon,
                max_iter: usize::try_from(max_iter).unwrap_or(usize::MAX),
                tolerance,
                path: sinkhorn::Path::LogDomain,
                ..sinkhorn::Params::default()
            }),
        }
    }
}

impl Default for FreeSupportParams {
    fn default() -> Self {
        FreeSupportParams {
            max_iter: 100,
            tol: 1e-9,
            inner: Inner::Exact,
        }
    }
}

/// What [`free_support_barycenter_in_place`] reports.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FreeSupportInfo {
    /// Outer iterations made (each solves the k OT problems once).
    pub iterations: u64,
    /// Largest move of a support point in the last iteration (the stopping measure).
    pub displacement: f64,
    /// `Σ_i λ_i ⟨P_i, C_i⟩ / Σ λ` for the support before the last move: the mean of the
    /// W2²((X, a), μ_i) for exact inner solves, of the entropic plans' transport costs for
    /// Sinkhorn ones.
    pub objective: f64,
    /// True when the last move was at most `tol`.
    pub converged: bool,
    /// True when a [`progress`] observer stopped the iterations.
    pub cancelled: bool,
}

/// The workspace slot of one OT problem between m support points and n samples in d
/// dimensions: the cost, the simplex's workspace, the sparse plan (exact); Sinkhorn's
/// log-domain workspace and the projection's line sums (entropic).
fn slot_req(m: usize, n: usize, d: usize, inner: Inner) -> StackReq {
    if let Some(sp) = inner.sinkhorn_params() {
        return StackReq::any_of(&[
            sinkhorn::sinkhorn_scratch::<f64>(m, n, d, &sp),
            line_sums_scratch::<f64>(m, n, d),
        ]);
    }
    let cap = m.saturating_add(n).saturating_sub(1);
    StackReq::all_of(&[
        vec_req::<f64>(m.saturating_mul(n)),
        StackReq::any_of(&[
            cost_matrix_scratch::<f64>(m, n, d, Metric::SqEuclidean),
            StackReq::all_of(&[
                emd_scratch(m, n),
                vec_req::<usize>(cap),
                vec_req::<usize>(cap),
                vec_req::<f64>(cap),
            ]),
        ]),
    ])
}

/// Workspace of [`free_support_barycenter_in_place`] for m support points in d dimensions and
/// measures of `sizes` samples with `par` and the inner solver of `params`: one slot per
/// worker (for the largest measure), the k projections (k·m·d values), the current support
/// (m·d) and, for Sinkhorn, the k problems' potentials (k·m + Σ sizes values).
pub fn free_support_barycenter_scratch(
    m: usize,
    d: usize,
    sizes: &[usize],
    params: &FreeSupportParams,
    par: Par,
) -> Result<StackReq> {
    let k = sizes.len();
    let n_max = sizes.iter().copied().max().unwrap_or(0);
    let slots = par::degree(par).min(k).max(1);
    let overflow = || Error::new(ErrorKind::Overflow, "workspace size overflows usize");
    let per = bytes_for(slot_req(m, n_max, d, params.inner))?;
    let all = per.checked_mul(slots).ok_or_else(overflow)?;
    let proj = k
        .checked_mul(m)
        .and_then(|v| v.checked_mul(d))
        .ok_or_else(overflow)?;
    let support = m.checked_mul(d).ok_or_else(overflow)?;
    let potentials = match params.inner {
        Inner::Exact => 0,
        Inner::Sinkhorn { .. } => k
            .checked_mul(m)
            .and_then(|v| v.checked_add(sizes.iter().sum()))
            .ok_or_else(overflow)?,
    };
    Ok(StackReq::all_of(&[
        StackReq::new_aligned::<u8>(all, 64),
        vec_req::<f64>(proj),
        vec_req::<f64>(k),
        vec_req::<f64>(support),
        vec_req::<f64>(potentials),
    ]))
}

/// Checks the shapes and values of a free-support problem.
fn check_problem(
    x: MatRef<'_, f64>,
    a: &[f64],
    y: MatRef<'_, f64>,
    b: &[f64],
    sizes: &[usize],
    lambda: &[f64],
    params: &FreeSupportParams,
) -> Result<()> {
    let (m, d, k) = (x.nrows(), x.ncols(), sizes.len());
    let total = sizes.iter().try_fold(0usize, |s, &n| s.checked_add(n));
    if m == 0 || d == 0 || k == 0 || a.len() != m || lambda.len() != k {
        bail!(
            InvalidDimension,
            "the support is {m}x{d} with {} weights, {k} measures with {} lambda: m, d, k >= 1 \
             and the lengths must agree",
            a.len(),
            lambda.len()
        );
    }
    if total != Some(y.nrows()) || b.len() != y.nrows() || y.ncols() != d {
        bail!(
            InvalidDimension,
            "y is {}x{} with {} weights and sizes sum to {total:?}: y must have d = {d} columns \
             and one row and weight per sample",
            y.nrows(),
            y.ncols(),
            b.len()
        );
    }
    if let Some(i) = sizes.iter().position(|&n| n == 0) {
        bail!(InvalidDimension, "measure {i} has no samples");
    }
    if params.tol.is_nan() || params.tol < 0.0 {
        bail!(InvalidArgument, "tol is {:e}: it must be >= 0", params.tol);
    }
    if let Inner::Sinkhorn {
        epsilon,
        max_iter,
        tolerance,
    } = params.inner
    {
        if !(epsilon.is_finite() && epsilon > 0.0) {
            bail!(
                InvalidArgument,
                "epsilon is {epsilon:e}: it must be finite and > 0"
            );
        }
        if max_iter == 0 || tolerance.is_nan() || tolerance < 0.0 {
            bail!(
                InvalidArgument,
                "inner max_iter is {max_iter} and tolerance {tolerance:e}: they must be >= 1 \
                 and >= 0"
            );
        }
    }
    for (name, p) in [("x0", x), ("y", y)] {
        for j in 0..p.nrows() {
            for t in 0..d {
                if !p[(j, t)].is_finite() {
                    bail!(
                        NonFinite,
                        "{name}[{j}, {t}] is {:?}, not a finite number",
                        p[(j, t)]
                    );
                }
            }
        }
    }
    crate::error::check_weights("a", a)?;
    crate::error::check_weights("b", b)?;
    crate::error::check_weights("lambda", lambda)?;
    let lam: f64 = lambda.iter().sum();
    if !(lam.is_finite() && lam > 0.0) {
        bail!(
            InvalidArgument,
            "lambda sums to {lam:e}: it must be positive and finite"
        );
    }
    Ok(())
}

/// One inner problem of an iteration: measure `measure` (its samples from row `start` of y),
/// where its projection T_i(X) (m×d, row-major) and transport cost go, and its potentials
/// (f_i, g_i) for a warm-started Sinkhorn solve.
struct Job<'a> {
    measure: usize,
    start: usize,
    projection: &'a mut [f64],
    cost: &'a mut f64,
    potentials: Option<(&'a mut [f64], &'a mut [f64])>,
}

/// T(x_j) = Σ_l P_jl y_l / a_j for the exact plan P from (x, a) to (y, b) (x_j itself where
/// a_j = 0) into `t` (m×d, row-major); returns ⟨P, C⟩. Workspace: the slot of [`slot_req`].
fn exact_projection(
    x: MatRef<'_, f64>,
    a: &[f64],
    y: MatRef<'_, f64>,
    b: &[f64],
    t: &mut [f64],
    s: &mut MemStack,
) -> Result<f64> {
    let (m, n, d) = (x.nrows(), y.nrows(), x.ncols());
    let (mut c, s) = take(s, m * n, 0.0f64);
    let cm = MatMut::from_row_major_slice_mut(&mut c, m, n);
    cost_matrix_in_place(x, y, cm, Metric::SqEuclidean, Par::Seq, s)?;
    let cap = m + n - 1;
    let (mut rows, s) = take(s, cap, 0usize);
    let (mut cols, s) = take(s, cap, 0usize);
    let (mut mass, s) = take(s, cap, 0.0f64);
    let out = EmdOutputs {
        f: None,
        g: None,
        sparse: Some(SparsePlanMut {
            rows: &mut rows,
            cols: &mut cols,
            mass: &mut mass,
        }),
        dense: None,
    };
    let cm = MatRef::from_row_major_slice(&c, m, n);
    let r = emd_in_place(a, b, cm, out, &EmdParams::default(), Par::Seq, s)?;
    t.fill(0.0);
    for e in 0..r.nnz {
        let (j, l) = (rows[e], cols[e]);
        for u in 0..d {
            t[j * d + u] += mass[e] * y[(l, u)];
        }
    }
    for j in 0..m {
        for u in 0..d {
            t[j * d + u] = if a[j] > 0.0 {
                t[j * d + u] / a[j]
            } else {
                x[(j, u)]
            };
        }
    }
    Ok(r.cost)
}

/// T(x_j) = Σ_l P_jl y_l / Σ_l P_jl for the entropic plan P from (x, a) to (y, b) at the
/// parameters `sp`, solved from the potentials (f, g) (updated in place), streamed without
/// forming P (x_j itself where its row has no mass), into `t` (m×d, row-major); returns
/// ⟨P, C⟩. Workspace: the slot of [`slot_req`].
#[allow(clippy::too_many_arguments)]
fn entropic_projection(
    x: MatRef<'_, f64>,
    a: &[f64],
    y: MatRef<'_, f64>,
    b: &[f64],
    sp: &sinkhorn::Params,
    f: &mut [f64],
    g: &mut [f64],
    t: &mut [f64],
    s: &mut MemStack,
) -> Result<f64> {
    let (m, d) = (x.nrows(), x.ncols());
    let cost = Cost::SqEuclidean { x, y };
    sinkhorn_in_place(cost, a, b, f, g, sp, Par::Seq, s)?;
    let map = MatMut::from_row_major_slice_mut(t, m, d);
    barycentric_map_in_place(cost, a, b, f, g, sp.epsilon, map, Par::Seq, s)
}

/// The free-support barycenter of the k measures stored one after the other in `y` (rows,
/// `sizes[i]` samples each) with weights `b`, barycentric weights `lambda` (≥ 0, positive sum),
/// support weights `a` (each measure's mass must equal Σa within 1e-9, relative). `x` holds
/// `x0` is the initial support (m × d); `x` (m × d) receives the barycenter's support, written
/// only on success (the iterate lives in the workspace). Reports [`progress::check`] once per
/// outer iteration (iteration, displacement); an observer that stops leaves the support
/// reached. Allocation-free with `Par::Seq`.
#[allow(clippy::too_many_arguments)]
pub fn free_support_barycenter_in_place(
    x0: MatRef<'_, f64>,
    a: &[f64],
    y: MatRef<'_, f64>,
    b: &[f64],
    sizes: &[usize],
    lambda: &[f64],
    params: &FreeSupportParams,
    x: MatMut<'_, f64>,
    par: Par,
    stack: &mut MemStack,
) -> Result<FreeSupportInfo> {
    check_problem(x0, a, y, b, sizes, lambda, params)?;
    let (m, d, k) = (x0.nrows(), x0.ncols(), sizes.len());
    if x.nrows() != m || x.ncols() != d {
        bail!(
            InvalidDimension,
            "x is {}x{}: expected {m}x{d} (the shape of x0)",
            x.nrows(),
            x.ncols()
        );
    }
    let req = free_support_barycenter_scratch(m, d, sizes, params, par)?;
    check_stack(stack, req)?;
    let n_max = sizes.iter().copied().max().unwrap_or(0);
    let per = bytes_for(slot_req(m, n_max, d, params.inner))?;
    let slots = par::degree(par).min(k).max(1);
    let (buf, stack) = stack.make_aligned_uninit::<u8>(per * slots, 64);
    let (mut proj, stack) = take(stack, k * m * d, 0.0f64);
    let (mut costs, stack) = take(stack, k, 0.0f64);
    let (mut cur, stack) = take(stack, m * d, 0.0f64);
    let sinkhorn_params = params.inner.sinkhorn_params();
    let n_pot = match sinkhorn_params {
        Some(_) => k * m + y.nrows(),
        None => 0,
    };
    // Problem i's potentials: f_i (m) at [i·m, (i + 1)·m), g_i after the k·m f values.
    let (mut potentials, _) = take(stack, n_pot, 0.0f64);
    for j in 0..m {
        for t in 0..d {
            cur[j * d + t] = x0[(j, t)];
        }
    }
    let lam_sum: f64 = lambda.iter().sum();
    let mut info = FreeSupportInfo::default();
    while info.iterations < params.max_iter {
        let support = MatRef::from_row_major_slice(&cur, m, d);
        // Problem i: the OT plan from (X, a) to μ_i, then T_i(X) into proj[i].
        let solve = |job: Job<'_>, slot: &mut [std::mem::MaybeUninit<u8>]| -> Result<()> {
            let i = job.measure;
            let (yi, bi) = (
                y.subrows(job.start, sizes[i]),
                &b[job.start..job.start + sizes[i]],
            );
            let s = MemStack::new(slot);
            // The inner solver's progress checks are not this solver's: mask the observer.
            let cost = progress::observe(&mut |_, _| Flow::Continue, || {
                match (sinkhorn_params.as_ref(), job.potentials) {
                    (Some(sp), Some((f, g))) => {
                        entropic_projection(support, a, yi, bi, sp, f, g, job.projection, s)
                    }
                    _ => exact_projection(support, a, yi, bi, job.projection, s),
                }
            })
            .map_err(|e| Error::new(e.kind, format!("measure {i}: {}", e.message)))?;
            *job.cost = cost;
            Ok(())
        };
        let (f_all, g_all) = potentials.split_at_mut(if n_pot > 0 { k * m } else { 0 });
        let mut f_parts = f_all.chunks_mut(m.max(1));
        let mut g_rest = g_all;
        let mut start = 0;
        let jobs = proj
            .chunks_mut(m * d)
            .zip(costs.iter_mut())
            .enumerate()
            .map(|(i, (t_i, c_i))| {
                let potentials = f_parts.next().map(|f| {
                    let (g, rest) = std::mem::take(&mut g_rest).split_at_mut(sizes[i]);
                    g_rest = rest;
                    (f, g)
                });
                let job = Job {
                    measure: i,
                    start,
                    projection: t_i,
                    cost: c_i,
                    potentials,
                };
                start += sizes[i];
                job
            });
        // Each job masks its inner solver's checks (above), so the batch relays nothing and
        // never stops: no job is skipped.
        for_each_job(jobs, par, buf, per, BatchProgress::Checks, solve, |_| {})?;
        info.objective = (0..k).map(|i| lambda[i] * costs[i]).sum::<f64>() / lam_sum;
        let mut moved = 0.0f64;
        for j in 0..m {
            let mut step = 0.0;
            for t in 0..d {
                let v = (0..k)
                    .map(|i| lambda[i] * proj[(i * m + j) * d + t])
                    .sum::<f64>()
                    / lam_sum;
                step += (v - cur[j * d + t]).powi(2);
                cur[j * d + t] = v;
            }
            moved = moved.max(step.sqrt());
        }
        info.iterations += 1;
        info.displacement = moved;
        if moved <= params.tol {
            info.converged = true;
            break;
        }
        if progress::check(info.iterations, moved) == Flow::Stop {
            info.cancelled = true;
            break;
        }
    }
    let mut x = x;
    for j in 0..m {
        for t in 0..d {
            x[(j, t)] = cur[j * d + t];
        }
    }
    Ok(info)
}

/// A support and its iterations: the result of [`free_support_barycenter`].
pub type FreeSupportSolution = (Mat<f64>, FreeSupportInfo);

/// The free-support barycenter of the point clouds `measures` (`(points n_i × d, weights)`)
/// with barycentric weights `lambda`, from the initial support `x0` (m × d) with weights `a`,
/// on `num_threads` threads (0 = default; the result does not depend on it). Allocates; see
/// [`free_support_barycenter_in_place`].
pub fn free_support_barycenter(
    measures: &[(MatRef<'_, f64>, &[f64])],
    lambda: &[f64],
    x0: MatRef<'_, f64>,
    a: &[f64],
    params: &FreeSupportParams,
    num_threads: usize,
) -> Result<FreeSupportSolution> {
    let d = x0.ncols();
    let sizes: Vec<usize> = measures.iter().map(|m| m.0.nrows()).collect();
    if let Some(i) = measures.iter().position(|m| m.0.ncols() != d) {
        bail!(
            InvalidDimension,
            "measure {i} has dimension {} and x0 {d}: they must agree",
            measures[i].0.ncols()
        );
    }
    let total: usize = sizes.iter().sum();
    let mut y = Mat::<f64>::zeros(total, d);
    let mut b = Vec::with_capacity(total);
    let mut row = 0;
    for (pts, w) in measures {
        for l in 0..pts.nrows() {
            for t in 0..d {
                y[(row, t)] = pts[(l, t)];
            }
            row += 1;
        }
        b.extend_from_slice(w);
    }
    let mut x = Mat::<f64>::zeros(x0.nrows(), d);
    let info = par::with_threads(num_threads, |p| {
        let req = free_support_barycenter_scratch(x0.nrows(), d, &sizes, params, p)?;
        with_stack(req, |stack| {
            free_support_barycenter_in_place(
                x0,
                a,
                y.as_ref(),
                &b,
                &sizes,
                lambda,
                params,
                x.as_mut(),
                p,
                stack,
            )
        })?
    })??;
    Ok((x, info))
}
