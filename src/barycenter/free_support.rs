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
}

impl Default for FreeSupportParams {
    fn default() -> Self {
        FreeSupportParams {
            max_iter: 100,
            tol: 1e-9,
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
    /// `Σ_i λ_i W2²((X, a), μ_i) / Σ λ` for the support before the last move.
    pub objective: f64,
    /// True when the last move was at most `tol`.
    pub converged: bool,
    /// True when a [`progress`] observer stopped the iterations.
    pub cancelled: bool,
}

/// The workspace slot of one OT problem between m support points and n samples in d
/// dimensions: the cost, the simplex's workspace, the sparse plan.
fn slot_req(m: usize, n: usize, d: usize) -> StackReq {
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
/// measures of `sizes` samples with `par`: one slot per worker (for the largest measure), the
/// k projections (k·m·d values) and the current support (m·d).
pub fn free_support_barycenter_scratch(
    m: usize,
    d: usize,
    sizes: &[usize],
    par: Par,
) -> Result<StackReq> {
    let k = sizes.len();
    let n_max = sizes.iter().copied().max().unwrap_or(0);
    let slots = par::degree(par).min(k).max(1);
    let overflow = || Error::new(ErrorKind::Overflow, "workspace size overflows usize");
    let per = bytes_for(slot_req(m, n_max, d))?;
    let all = per.checked_mul(slots).ok_or_else(overflow)?;
    let proj = k
        .checked_mul(m)
        .and_then(|v| v.checked_mul(d))
        .ok_or_else(overflow)?;
    let support = m.checked_mul(d).ok_or_else(overflow)?;
    Ok(StackReq::all_of(&[
        StackReq::new_aligned::<u8>(all, 64),
        vec_req::<f64>(proj),
        vec_req::<f64>(k),
        vec_req::<f64>(support),
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
    let req = free_support_barycenter_scratch(m, d, sizes, par)?;
    check_stack(stack, req)?;
    let n_max = sizes.iter().copied().max().unwrap_or(0);
    let per = bytes_for(slot_req(m, n_max, d))?;
    let slots = par::degree(par).min(k).max(1);
    let (buf, stack) = stack.make_aligned_uninit::<u8>(per * slots, 64);
    let (mut proj, stack) = take(stack, k * m * d, 0.0f64);
    let (mut costs, stack) = take(stack, k, 0.0f64);
    let (mut cur, _) = take(stack, m * d, 0.0f64);
    for j in 0..m {
        for t in 0..d {
            cur[j * d + t] = x0[(j, t)];
        }
    }
    let lam_sum: f64 = lambda.iter().sum();
    let emd_params = EmdParams::default();
    let mut info = FreeSupportInfo::default();
    while info.iterations < params.max_iter {
        let support = MatRef::from_row_major_slice(&cur, m, d);
        // Problem i: the OT plan from (X, a) to μ_i, then T_i(X) into proj[i].
        let solve = |(i, start, t_i, cost_i): (usize, usize, &mut [f64], &mut f64),
                     slot: &mut [std::mem::MaybeUninit<u8>]|
         -> Result<()> {
            let n = sizes[i];
            let yi = y.subrows(start, n);
            let bi = &b[start..start + n];
            let s = MemStack::new(slot);
            let (mut c, s) = take(s, m * n, 0.0f64);
            let cm = MatMut::from_row_major_slice_mut(&mut c, m, n);
            cost_matrix_in_place(support, yi, cm, Metric::SqEuclidean, Par::Seq, s)?;
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
            // The simplex's pivot checks are not this solver's progress: mask the observer.
            let r = progress::observe(&mut |_, _| Flow::Continue, || {
                emd_in_place(a, bi, cm, out, &emd_params, Par::Seq, s)
            })
            .map_err(|e| Error::new(e.kind, format!("measure {i}: {}", e.message)))?;
            *cost_i = r.cost;
            t_i.fill(0.0);
            for e in 0..r.nnz {
                let (j, l) = (rows[e], cols[e]);
                for t in 0..d {
                    t_i[j * d + t] += mass[e] * yi[(l, t)];
                }
            }
            for j in 0..m {
                for t in 0..d {
                    t_i[j * d + t] = if a[j] > 0.0 {
                        t_i[j * d + t] / a[j]
                    } else {
                        support[(j, t)]
                    };
                }
            }
            Ok(())
        };
        let jobs = proj
            .chunks_mut(m * d)
            .zip(costs.iter_mut())
            .enumerate()
            .map(|(i, (t_i, c_i))| (i, sizes[..i].iter().sum(), t_i, c_i));
        // Each job masks its simplex's checks (above), so the batch relays nothing and never
        // stops: no job is skipped.
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
        let req = free_support_barycenter_scratch(x0.nrows(), d, &sizes, p)?;
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
