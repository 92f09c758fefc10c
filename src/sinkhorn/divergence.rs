//! The Sinkhorn divergence S(a, b) = OT_ε(a, b) − ½OT_ε(a, a) − ½OT_ε(b, b) + (ε/2)(m(a) − m(b))²
//! (Genevay et al., Feydy et al.; the mass term is that of Séjourné et al. 2019, "Sinkhorn
//! divergences for unbalanced optimal transport", and vanishes when the masses m(·) agree, so
//! the balanced case is the classic formula): the debiased entropic cost, 0 when a = b and
//! positive otherwise (for unbalanced problems with the same ρ on both sides). Each OT_ε is the
//! dual objective ([`Info::dual`]) of a solve with the same parameters, the self terms with
//! symmetric updates (unless the stored kernel is asked for). With the optimality
//! conditions the value equals GeomLoss's form (ρ + ε/2)·(⟨a, e^{−f_aa/ρ} − e^{−f_ab/ρ}⟩ +
//! ⟨b, e^{−g_bb/ρ} − e^{−g_ab/ρ}⟩): the ε·m(a)m(b) terms of the three duals cancel with it.

use super::solver::{sinkhorn_in_place, sinkhorn_scratch};
use super::{Cost, Info, Params, Path};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MemStack, Par, Real, Result, StackReq};

/// The divergence and the three solves behind it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Divergence {
    /// S(a, b).
    pub value: f64,
    /// The reports of the solves (a, b), (a, a), (b, b).
    pub infos: [Info; 3],
}

/// Workspace of [`divergence_in_place`] (n sources, m targets, point dimension d or 0, the
/// solves' parameters).
pub fn divergence_scratch<T: Real>(n: usize, m: usize, d: usize, params: &Params) -> StackReq {
    let k = n.max(m);
    StackReq::all_of(&[
        vec_req::<f64>(k),
        vec_req::<f64>(k),
        sinkhorn_scratch::<T>(k, k, d, params),
    ])
}

/// S(a, b) from the three costs C(x, y) (n×m), C(x, x) (n×n), C(y, y) (m×m): three cold-start
/// solves, allocation-free, plus the mass term (ε/2)(Σa − Σb)² (sums in f64). Workspace
/// [`divergence_scratch`].
pub fn divergence_in_place<T: Real>(
    costs: [Cost<'_, T>; 3],
    a: &[T],
    b: &[T],
    params: &Params,
    par: Par,
    stack: &mut MemStack,
) -> Result<Divergence> {
    divergence_with(costs, a, b, params, par, stack, |_, _, _| {})
}

/// [`divergence_in_place`], handing each solve's potentials to `each(s, f, g)` (s = 0 for
/// (a, b), 1 for (a, a), 2 for (b, b)).
pub(crate) fn divergence_with<T: Real>(
    costs: [Cost<'_, T>; 3],
    a: &[T],
    b: &[T],
    params: &Params,
    par: Par,
    stack: &mut MemStack,
    mut each: impl FnMut(usize, &[f64], &[f64]),
) -> Result<Divergence> {
    let (n, m) = check_dims(&costs)?;
    let d = costs[0].point_dim();
    check_stack(stack, divergence_scratch::<T>(n, m, d, params))?;
    let k = n.max(m);
    let (mut f, stack) = take(stack, k, 0.0f64);
    let (mut g, stack) = take(stack, k, 0.0f64);
    let mut infos = [Info::default(); 3];
    for (s, cost) in costs.into_iter().enumerate() {
        let (n, m) = cost.dims();
        f[..n].fill(0.0);
        g[..m].fill(0.0);
        infos[s] = solve_term(s, cost, a, b, &mut f[..n], &mut g[..m], params, par, stack)?;
        each(s, &f[..n], &g[..m]);
    }
    Ok(finish(infos, a, b, params))
}

/// The potentials of the three solves of a divergence, read as warm starts and overwritten
/// by the solves' results: `(f, g)` of (a, b) (n, m values), of (a, a) (n, n) and of (b, b)
/// (m, m).
pub struct DivergencePotentials<'a> {
    /// Potentials of OT_ε(a, b).
    pub xy: (&'a mut [f64], &'a mut [f64]),
    /// Potentials of OT_ε(a, a).
    pub xx: (&'a mut [f64], &'a mut [f64]),
    /// Potentials of OT_ε(b, b).
    pub yy: (&'a mut [f64], &'a mut [f64]),
}

/// [`divergence_in_place`] warm-started from `pots` (zeros: a cold start), which receive the
/// three solves' potentials; workspace [`sinkhorn_scratch`] of the largest problem.
pub(crate) fn divergence_warm<T: Real>(
    costs: [Cost<'_, T>; 3],
    a: &[T],
    b: &[T],
    params: &Params,
    pots: &mut DivergencePotentials<'_>,
    par: Par,
    stack: &mut MemStack,
) -> Result<Divergence> {
    let (n, m) = check_dims(&costs)?;
    let k = n.max(m);
    check_stack(
        stack,
        sinkhorn_scratch::<T>(k, k, costs[0].point_dim(), params),
    )?;
    let mut infos = [Info::default(); 3];
    let slots = [
        (&mut *pots.xy.0, &mut *pots.xy.1),
        (&mut *pots.xx.0, &mut *pots.xx.1),
        (&mut *pots.yy.0, &mut *pots.yy.1),
    ];
    for (s, (cost, (f, g))) in costs.into_iter().zip(slots).enumerate() {
        infos[s] = solve_term(s, cost, a, b, f, g, params, par, stack)?;
    }
    Ok(finish(infos, a, b, params))
}

/// The costs' (n, m), checked: C(x, y) n×m, C(x, x) n×n, C(y, y) m×m.
fn check_dims<T: Real>(costs: &[Cost<'_, T>; 3]) -> Result<(usize, usize)> {
    let (n, m) = costs[0].dims();
    if costs[1].dims() != (n, n) || costs[2].dims() != (m, m) {
        bail!(
            InvalidDimension,
            "costs are {:?}, {:?}, {:?}: expected {n}x{m}, {n}x{n}, {m}x{m}",
            costs[0].dims(),
            costs[1].dims(),
            costs[2].dims()
        );
    }
    Ok((n, m))
}

/// Solve `s` of a divergence (0: (a, b), 1: (a, a), 2: (b, b)) in place from `(f, g)`.
#[allow(clippy::too_many_arguments)]
fn solve_term<T: Real>(
    s: usize,
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    f: &mut [f64],
    g: &mut [f64],
    params: &Params,
    par: Par,
    stack: &mut MemStack,
) -> Result<Info> {
    let (p, q) = [(a, b), (a, a), (b, b)][s];
    if s == 0 {
        sinkhorn_in_place(cost, p, q, f, g, params, par, stack)
    } else {
        sinkhorn_in_place(cost, p, q, f, g, &self_term_params(params), par, stack)
    }
}

/// The divergence from its three solves' reports, with the mass term.
fn finish<T: Real>(infos: [Info; 3], a: &[T], b: &[T], params: &Params) -> Divergence {
    let gap = mass(a) - mass(b);
    Divergence {
        value: infos[0].dual - 0.5 * (infos[1].dual + infos[2].dual)
            + 0.5 * params.epsilon * gap * gap,
        infos,
    }
}

/// The parameters of the self terms OT_ε(a, a), OT_ε(b, b): symmetric updates
/// f ← ½(f + T(f)) (as GeomLoss does; from equal starting potentials f and g stay equal on
/// these symmetric problems), which converge in tens of iterations where alternating updates
/// creep for thousands (at ε = 1e-3 they stall near 1e-7 in L1). They run on the log-domain
/// path (the stored kernel runs alternating updates only), unless the stored kernel was asked
/// for explicitly ([`Path::Kernel`], or the truncated kernel, [`Path::Truncated`]): then the
/// self terms keep the caller's parameters.
fn self_term_params(params: &Params) -> Params {
    if matches!(params.path, Path::Kernel | Path::Truncated) {
        *params
    } else {
        Params {
            symmetric: true,
            ..*params
        }
    }
}

/// Σ w in f64.
fn mass<T: Real>(w: &[T]) -> f64 {
    w.iter().map(|x| x.to_f64()).sum()
}

/// S(a, b) between point clouds x (n×d) and y (m×d) with the squared Euclidean cost, with
/// `params.num_threads` threads.
pub fn divergence<T: Real>(
    x: crate::MatRef<'_, T>,
    y: crate::MatRef<'_, T>,
    a: &[T],
    b: &[T],
    params: &Params,
) -> Result<Divergence> {
    let costs = [
        Cost::SqEuclidean { x, y },
        Cost::SqEuclidean { x, y: x },
        Cost::SqEuclidean { x: y, y },
    ];
    let req = divergence_scratch::<T>(x.nrows(), y.nrows(), x.ncols(), params);
    crate::par::with_threads(params.num_threads, |par| {
        with_stack(req, |st| divergence_in_place(costs, a, b, params, par, st))
    })??
}
