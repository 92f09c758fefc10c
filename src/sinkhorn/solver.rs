//! The Sinkhorn iteration at its three levels: [`sinkhorn_scratch`], [`sinkhorn_in_place`]
//! (allocation-free; what the C ABI calls), [`sinkhorn`] (allocates once).

use super::cost_source::{source_scratch, with_source, Cost, Source};
use super::{schedule, Info, Params};
use crate::error::{check_finite, check_mass_balance, check_weights};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MemStack, Par, Real, Result, StackReq};

/// Potentials and report of a solve.
#[derive(Clone, Debug)]
pub struct Solution {
    /// Row potentials f (n), in cost units.
    pub f: Vec<f64>,
    /// Column potentials g (m), in cost units.
    pub g: Vec<f64>,
    /// The report.
    pub info: Info,
}

/// Workspace of [`sinkhorn_in_place`] for n sources, m targets and points of dimension d
/// (0 for a dense cost): O((n + m)(1 + d)) values.
pub fn sinkhorn_scratch<T: Real>(n: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        source_scratch::<T>(n, m, d),
        vec_req::<f64>(n),
        vec_req::<f64>(m),
    ])
}

/// κ = ρ/(ρ + ε) (1 for a balanced side).
pub(crate) fn kappa(rho: f64, eps: f64) -> f64 {
    if rho.is_infinite() {
        1.0
    } else {
        rho / (rho + eps)
    }
}

/// Checks the parameters.
pub(crate) fn check_params(p: &Params) -> Result<()> {
    if !(p.epsilon.is_finite() && p.epsilon > 0.0) {
        bail!(
            InvalidArgument,
            "epsilon = {:e}: must be finite and > 0",
            p.epsilon
        );
    }
    for (name, rho) in [("rho_a", p.rho_a), ("rho_b", p.rho_b)] {
        if rho.is_nan() || rho <= 0.0 {
            bail!(
                InvalidArgument,
                "{name} = {rho:e}: must be > 0 (infinity = balanced)"
            );
        }
    }
    if p.tolerance.is_nan() || p.tolerance < 0.0 {
        bail!(
            InvalidArgument,
            "tolerance = {:e}: must be >= 0",
            p.tolerance
        );
    }
    if !(p.mass_tolerance >= 0.0 && p.mass_tolerance.is_finite()) {
        bail!(
            InvalidArgument,
            "mass_tolerance = {:e}: must be finite and >= 0",
            p.mass_tolerance
        );
    }
    if p.check_every == 0 {
        bail!(InvalidArgument, "check_every = 0: must be >= 1");
    }
    if p.scaling.steps > 0 && (p.scaling.start.is_nan() || p.scaling.start.is_infinite()) {
        bail!(
            InvalidArgument,
            "eps_scaling start = {:e}: must be finite (<= 0 = the cost's scale)",
            p.scaling.start
        );
    }
    Ok(())
}

/// Checks the cost (dimensions, finiteness) and returns its scale (its largest absolute
/// value, or a bound on it for point clouds).
pub(crate) fn check_cost<T: Real>(cost: &Cost<'_, T>) -> Result<f64> {
    let (n, m) = cost.dims();
    if n == 0 || m == 0 {
        bail!(
            InvalidDimension,
            "the cost is {n}x{m}: both sizes must be >= 1"
        );
    }
    match cost {
        Cost::Dense(c) => {
            let mut scale = 0.0f64;
            for j in 0..m {
                for i in 0..n {
                    let v = c[(i, j)];
                    if !v.is_finite() {
                        bail!(NonFinite, "cost[{i}, {j}] is {v:?}, not a finite number");
                    }
                    scale = scale.max(v.abs().to_f64());
                }
            }
            Ok(scale)
        }
        Cost::SqEuclidean { x, y } => {
            let d = x.ncols();
            if d == 0 || y.ncols() != d {
                bail!(
                    InvalidDimension,
                    "x is {n}x{d} and y is {m}x{}: points need the same dimension >= 1",
                    y.ncols()
                );
            }
            let mut scale = 0.0f64;
            for t in 0..d {
                let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
                for (name, p) in [("x", x), ("y", y)] {
                    for i in 0..p.nrows() {
                        let v = p[(i, t)];
                        if !v.is_finite() {
                            bail!(NonFinite, "{name}[{i}, {t}] is {v:?}, not a finite number");
                        }
                        lo = lo.min(v.to_f64());
                        hi = hi.max(v.to_f64());
                    }
                }
                scale += (hi - lo) * (hi - lo);
            }
            Ok(scale)
        }
    }
}

/// Checks the weights and, when both sides are balanced, that their masses agree within
/// `p.mass_tolerance`; returns ln(Σa/Σb), the log of the factor that rescales b to a's mass
/// (0 when a side is unbalanced).
pub(crate) fn check_marginals<T: Real>(
    a: &[T],
    b: &[T],
    n: usize,
    m: usize,
    p: &Params,
) -> Result<f64> {
    if a.len() != n || b.len() != m {
        bail!(
            InvalidDimension,
            "a has {} and b {} weights for a {n}x{m} cost",
            a.len(),
            b.len()
        );
    }
    check_weights("a", a)?;
    check_weights("b", b)?;
    if p.rho_a.is_infinite() && p.rho_b.is_infinite() {
        let (sa, sb) = check_mass_balance(a, b, p.mass_tolerance)?;
        Ok((sa / sb).ln())
    } else {
        let sa: f64 = a.iter().map(|x| x.to_f64()).sum();
        let sb: f64 = b.iter().map(|x| x.to_f64()).sum();
        if sa <= 0.0 || sb <= 0.0 {
            bail!(
                InvalidArgument,
                "a sums to {sa:e} and b to {sb:e}: both must carry positive mass"
            );
        }
        Ok(0.0)
    }
}

/// The iteration's buffers.
struct Work<'a, T> {
    la: &'a [f64],
    lb: &'a [f64],
    u: &'a mut [T],
    v: &'a mut [T],
    lr: &'a mut [f64],
    lc: &'a mut [f64],
}

/// `out_k = pot_k/ε + log w_k` in `T` (−∞ for a zero weight).
pub(crate) fn scaled<T: Real>(pot: &[f64], logw: &[f64], eps: f64, out: &mut [T]) {
    for ((o, &p), &l) in out.iter_mut().zip(pot).zip(logw) {
        *o = T::from_f64(p / eps + l);
    }
}

/// (Σ_i |r_i − t_i|, Σ_i r_i) with r_i = w_i e^{pot_i/ε + lse_i} the plan's marginal and
/// t_i = s·w_i e^{−pot_i/ρ} its fixed-point target, s = `target_scale` (1, or the factor
/// rescaling b to a's mass).
pub(crate) fn side_error<T: Real>(
    w: &[T],
    pot: &[f64],
    lse: &[f64],
    eps: f64,
    rho: f64,
    target_scale: f64,
) -> (f64, f64) {
    let (mut err, mut mass) = (0.0, 0.0);
    for ((&wi, &p), &l) in w.iter().zip(pot).zip(lse) {
        let wi = wi.to_f64();
        if wi == 0.0 {
            continue;
        }
        let r = wi * (p / eps + l).exp();
        let t = target_scale
            * if rho.is_infinite() {
                wi
            } else {
                wi * (-p / rho).exp()
            };
        err += (r - t).abs();
        mass += r;
    }
    (err, mass)
}

/// pot = −κε·lse + `shift`, or its average with the old value for symmetric updates.
fn update(pot: &mut [f64], lse: &[f64], eps: f64, kappa: f64, symmetric: bool, shift: f64) {
    for (p, &l) in pot.iter_mut().zip(lse) {
        let new = -kappa * eps * l + shift;
        *p = if symmetric { 0.5 * (*p + new) } else { new };
    }
}

/// Σ_i w_i φ(pot_i): φ(x) = x when balanced, ρ(1 − e^{−x/ρ}) otherwise.
fn dual_term<T: Real>(w: &[T], pot: &[f64], rho: f64) -> f64 {
    w.iter()
        .zip(pot)
        .filter(|(w, _)| w.to_f64() != 0.0)
        .map(|(&w, &p)| {
            let phi = if rho.is_infinite() {
                p
            } else {
                rho * -(-p / rho).exp_m1()
            };
            w.to_f64() * phi
        })
        .sum()
}

impl<T: Real> Source<'_, T> {
    fn row_pass(&self, g: &[f64], eps: f64, w: &mut Work<'_, T>, par: Par) {
        scaled(g, w.lb, eps, w.u);
        self.rows_lse(w.u, T::from_f64(-1.0 / eps), w.lr, par);
    }
    fn col_pass(&self, f: &[f64], eps: f64, w: &mut Work<'_, T>, par: Par) {
        scaled(f, w.la, eps, w.v);
        self.cols_lse(w.v, T::from_f64(-1.0 / eps), w.lc, par);
    }
}

/// Solves entropic OT in place: on entry `f` (n) and `g` (m) hold the starting potentials
/// (zeros for a cold start, or a warm start), on success the result. Costs O(n·m) per
/// iteration, no allocation; workspace [`sinkhorn_scratch`]. Inputs are all checked before
/// `f` and `g` are touched. Reaching `max_iter` is not an error: `Info::converged` is false.
///
/// Balanced problems whose masses differ within `params.mass_tolerance` are solved with b
/// rescaled to a's mass: the plan `a_i b_j e^{(f_i + g_j − C_ij)/ε}` of the returned
/// potentials has column sums (Σa/Σb)·b.
#[allow(clippy::too_many_arguments)]
pub fn sinkhorn_in_place<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    f: &mut [f64],
    g: &mut [f64],
    params: &Params,
    par: Par,
    stack: &mut MemStack,
) -> Result<Info> {
    check_params(params)?;
    let scale = check_cost(&cost)?;
    let (n, m) = cost.dims();
    let d = cost.point_dim();
    let log_b_scale = check_marginals(a, b, n, m, params)?;
    if f.len() != n || g.len() != m {
        bail!(
            InvalidDimension,
            "f has {} and g {} values for a {n}x{m} cost",
            f.len(),
            g.len()
        );
    }
    check_finite("f (warm start)", f.iter().copied())?;
    check_finite("g (warm start)", g.iter().copied())?;
    check_stack(stack, sinkhorn_scratch::<T>(n, m, d))?;

    Ok(with_source(cost, a, b, stack, |p, stack| {
        let (mut lr, stack) = take(stack, n, 0.0f64);
        let (mut lc, _) = take(stack, m, 0.0f64);
        let mut w = Work {
            la: p.la,
            lb: p.lb,
            u: p.u,
            v: p.v,
            lr: &mut lr,
            lc: &mut lc,
        };
        iterate(&p.src, a, b, f, g, scale, log_b_scale, params, par, &mut w)
    }))
}
/// The iteration proper (inputs checked). Solves for b·e^{`log_b_scale`}: the column update
/// adds ε·`log_b_scale` to g (a balanced column side has κ_b = 1), which scales the plan's
/// columns by that factor.
#[allow(clippy::too_many_arguments)]
fn iterate<T: Real>(
    src: &Source<'_, T>,
    a: &[T],
    b: &[T],
    f: &mut [f64],
    g: &mut [f64],
    scale: f64,
    log_b_scale: f64,
    p: &Params,
    par: Par,
    w: &mut Work<'_, T>,
) -> Info {
    let eps = p.epsilon;
    let sym = p.symmetric;
    let mut info = Info {
        eps_start: eps,
        ..Info::default()
    };
    // ε-scaling: a few iterations at each intermediate ε, no checks; they count against
    // `max_iter`.
    let start = if p.scaling.start > 0.0 {
        p.scaling.start
    } else {
        scale
    };
    for (k, e) in schedule::intermediate(start, eps, p.scaling.steps).enumerate() {
        if info.scaling_iterations >= p.max_iter {
            break;
        }
        if k == 0 {
            info.eps_start = e;
        }
        info.eps_steps += 1;
        let (ka, kb) = (kappa(p.rho_a, e), kappa(p.rho_b, e));
        let iters = p
            .scaling
            .iters_per_step
            .min(p.max_iter - info.scaling_iterations);
        for _ in 0..iters {
            src.row_pass(g, e, w, par);
            if sym {
                src.col_pass(f, e, w, par);
                update(g, w.lc, e, kb, true, e * log_b_scale);
            }
            update(f, w.lr, e, ka, sym, 0.0);
            if !sym {
                src.col_pass(f, e, w, par);
                update(g, w.lc, e, kb, false, e * log_b_scale);
            }
            info.scaling_iterations += 1;
        }
    }
    let (ka, kb) = (kappa(p.rho_a, eps), kappa(p.rho_b, eps));
    let b_scale = log_b_scale.exp();
    let cap = p.max_iter - info.scaling_iterations;
    let mut it = 0;
    loop {
        let check = (it >= 1 || cap == 0) && (it % p.check_every == 0 || it == cap);
        src.row_pass(g, eps, w, par);
        if sym {
            src.col_pass(f, eps, w, par);
        }
        if check {
            let (er, mass) = side_error(a, f, w.lr, eps, p.rho_a, 1.0);
            let ec = if sym {
                side_error(b, g, w.lc, eps, p.rho_b, b_scale).0
            } else {
                0.0
            };
            info.marginal_error = er + ec;
            info.mass = mass;
            if info.marginal_error <= p.tolerance {
                info.converged = true;
                break;
            }
        }
        if it == cap {
            break;
        }
        update(f, w.lr, eps, ka, sym, 0.0);
        if sym {
            update(g, w.lc, eps, kb, true, eps * log_b_scale);
        } else {
            src.col_pass(f, eps, w, par);
            update(g, w.lc, eps, kb, false, eps * log_b_scale);
        }
        it += 1;
    }
    info.iterations = it;
    // The dual of the rescaled problem: b' = s·b with potentials g' = g − ε ln s.
    let sa: f64 = a.iter().map(|x| x.to_f64()).sum();
    let sb: f64 = b_scale * b.iter().map(|x| x.to_f64()).sum::<f64>();
    let col = b_scale * dual_term(b, g, p.rho_b) - eps * log_b_scale * sb;
    info.dual = dual_term(a, f, p.rho_a) + col - eps * (info.mass - sa * sb);
    info
}

/// Solves entropic OT from a cold start (or from `init = (f, g)`), with `params.num_threads`
/// threads: allocates the potentials and one workspace, then calls [`sinkhorn_in_place`].
pub fn sinkhorn<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    init: Option<(&[f64], &[f64])>,
    params: &Params,
) -> Result<Solution> {
    let (n, m) = cost.dims();
    let (mut f, mut g) = match init {
        Some((f, g)) => (f.to_vec(), g.to_vec()),
        None => (vec![0.0; n], vec![0.0; m]),
    };
    let req = sinkhorn_scratch::<T>(n, m, cost.point_dim());
    let info = crate::par::with_threads(params.num_threads, |par| {
        with_stack(req, |stack| {
            sinkhorn_in_place(cost, a, b, &mut f, &mut g, params, par, stack)
        })
    })???;
    Ok(Solution { f, g, info })
}
