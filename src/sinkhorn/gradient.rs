//! Gradients of the entropic OT value OT_ε(a, b) and of the Sinkhorn divergence S(a, b) with
//! respect to the point positions x (n×d), y (m×d) and the weights a, b, for the squared
//! Euclidean cost, from the potentials and without forming P.
//!
//! The value is the maximum over (f, g) of the dual
//! `D = Σ a_i φ_a(f_i) + Σ b_j φ_b(g_j) − ε Σ_ij a_i b_j (e^{(f_i + g_j − C_ij)/ε} − 1)`
//! ([`Info::dual`](super::Info::dual)), so by the envelope theorem its gradient is D's partial
//! gradient at the optimal potentials:
//! * `∂/∂x_i = Σ_j P_ij ∇_x c(x_i, y_j) = −2 Σ_j P_ij (y_j − x_i)` (`= 2 (r_i x_i − Σ_j P_ij y_j)`
//!   with `r_i = Σ_j P_ij`, summed as displacements to avoid that difference's cancellation);
//! * `∂/∂a_i = φ_a(f_i) − ε (S_i − Σb)` with `S_i = Σ_j b_j e^{(f_i + g_j − C_ij)/ε}` (= r_i / a_i;
//!   computed directly, so it is defined at a_i = 0 too). For balanced OT at convergence this
//!   is f_i up to a constant (only mass-preserving changes of a are feasible). With a TV
//!   penalty and Σa = Σb the potentials are defined up to (f + c, g − c) and the value has a
//!   kink in the total mass: the weight gradient is then a subgradient, exact along
//!   mass-preserving changes.
//!
//! Each side costs one streamed pass of the barycentric map's line sums (O(n·m·d), no n×m
//! memory; the sums in SIMD lanes of the points' type, a segment at a time, then in f64). The
//! divergence adds its two symmetric terms: a point of x appears in both arguments of
//! OT_ε(a, a), so both of that problem's sides contribute, and one pass gives both (the
//! transposed plan is the plan reweighted, see `add_self_term`).

use super::checks::{check_cost, check_params};
use super::cost_source::Cost;
use super::divergence::{divergence_warm, Divergence, DivergencePotentials};
use super::marginal::{sides, Marginal};
use super::outputs::{check_potentials, line_sums_scratch, with_line_sums};
use super::solver::sinkhorn_scratch;
use super::Params;
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatMut, MatRef, MemStack, Par, Real, Result, StackReq};
use faer::dyn_stack::DynArray;
use faer::Mat;

/// The wanted gradients (each `None` when not wanted): positions x (n×d) and y (m×d) in the
/// points' type, weights a (n) and b (m) in f64. Units: value units per coordinate unit, and
/// per unit of weight.
#[derive(Default)]
pub struct Gradients<'a, T> {
    /// ∂/∂x (n×d, any strides).
    pub x: Option<MatMut<'a, T>>,
    /// ∂/∂y (m×d, any strides).
    pub y: Option<MatMut<'a, T>>,
    /// ∂/∂a (n).
    pub a: Option<&'a mut [f64]>,
    /// ∂/∂b (m).
    pub b: Option<&'a mut [f64]>,
}

/// Allocated gradients, all four.
#[derive(Clone, Debug)]
pub struct GradientSolution<T> {
    /// ∂/∂x (n×d).
    pub x: Mat<T>,
    /// ∂/∂y (m×d).
    pub y: Mat<T>,
    /// ∂/∂a (n).
    pub a: Vec<f64>,
    /// ∂/∂b (m).
    pub b: Vec<f64>,
}

/// Workspace of one side's pass for up to k points a side: O(k·d).
fn pass_scratch<T: Real>(k: usize, d: usize) -> StackReq {
    StackReq::all_of(&[vec_req::<T>(k), line_sums_scratch::<T>(k, k, d)])
}

/// Workspace of a self term's both sides in one pass ([`add_self_term`]): a side's pass, the
/// factors and the second block of line sums.
fn self_pass_scratch<T: Real>(k: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        pass_scratch::<T>(k, d),
        vec_req::<T>(k),
        vec_req::<f64>(k.saturating_mul(d.saturating_add(2))),
    ])
}

/// The f64 accumulators of the four gradients.
fn accum_scratch(n: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(n.saturating_mul(d)),
        vec_req::<f64>(m.saturating_mul(d)),
        vec_req::<f64>(n),
        vec_req::<f64>(m),
    ])
}

/// Workspace of [`ot_gradient_in_place`]: O((n + m)·d).
pub fn ot_gradient_scratch<T: Real>(n: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[accum_scratch(n, m, d), pass_scratch::<T>(n.max(m), d)])
}

/// Workspace of [`divergence_gradient_in_place`]: O((n + m)·d).
pub fn divergence_gradient_scratch<T: Real>(
    n: usize,
    m: usize,
    d: usize,
    params: &Params,
) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(n),
        vec_req::<f64>(m),
        vec_req::<f64>(n),
        vec_req::<f64>(n),
        vec_req::<f64>(m),
        vec_req::<f64>(m),
        divergence_gradient_warm_scratch::<T>(n, m, d, params),
    ])
}

/// Workspace of [`divergence_gradient_warm_in_place`]: O((n + m)·d).
pub fn divergence_gradient_warm_scratch<T: Real>(
    n: usize,
    m: usize,
    d: usize,
    params: &Params,
) -> StackReq {
    let k = n.max(m);
    StackReq::all_of(&[
        accum_scratch(n, m, d),
        StackReq::any_of(&[
            sinkhorn_scratch::<T>(k, k, d, params),
            self_pass_scratch::<T>(k, d),
        ]),
    ])
}

/// The gradient accumulators (row-major n×d, m×d; n; m).
struct Acc<'a> {
    x: DynArray<'a, f64>,
    y: DynArray<'a, f64>,
    a: DynArray<'a, f64>,
    b: DynArray<'a, f64>,
}

/// Largest half-spread of δ = (f − g)/ε around its midrange for which a self term's two
/// sides share one pass ([`add_self_term`]): the factors e^{±(δ − δ̄)} stay within e^{±16},
/// far from overflowing or underflowing the weights in f32 and f64.
const SELF_SPREAD: f64 = 16.0;

/// One streamed pass over the lines of the row points `x` against `y` for the potentials
/// (f, g), with the second block of sums weighted by `h` when not empty
/// ([`with_line_sums`]); zero-weight rows run with their weight set to 1. Hands the sums,
/// the values per line and those row weights to `finish`.
fn side_pass<T: Real, R>(
    (x, a, f): (MatRef<'_, T>, &[T], &[f64]),
    (y, b, g): (MatRef<'_, T>, &[T], &[f64]),
    eps: f64,
    h: &[T],
    par: Par,
    stack: &mut MemStack,
    finish: impl FnOnce(&[f64], usize, &[T]) -> R,
) -> R {
    let (mut a1, stack) = take(stack, x.nrows(), T::ONE);
    for (o, &w) in a1.iter_mut().zip(a) {
        if w > T::ZERO {
            *o = w;
        }
    }
    let cost = Cost::SqEuclidean { x, y };
    with_line_sums(cost, &a1, b, f, g, eps, h, par, stack, |s, w| {
        finish(s, w, &a1)
    })
}

/// What one side of one OT_ε term adds for row `i`: the line's sums `c` = [Σ_j P_ij, ·,
/// Σ_j P_ij (y_j − x_i)] scaled by `scale`, the row's weight `w` (1 if zero) and potential's
/// dual term `phi`, the other side's mass `other_mass`.
struct LineTerm<'c> {
    c: &'c [f64],
    scale: f64,
    w: f64,
    phi: f64,
    other_mass: f64,
}

impl LineTerm<'_> {
    /// Adds `coef` × the row's weight gradient to `ga_i` and, when the row has weight
    /// (`moves`), its position gradient to `gx_i` (d values).
    fn add(&self, eps: f64, coef: f64, moves: bool, gx_i: &mut [f64], ga_i: &mut f64) {
        let s_i = self.scale * self.c[0] / self.w;
        *ga_i += coef * (self.phi - eps * (s_i - self.other_mass));
        if moves {
            for (t, g) in gx_i.iter_mut().enumerate() {
                *g -= coef * 2.0 * self.scale * self.c[2 + t];
            }
        }
    }
}

/// One side of one OT_ε term: adds `coef` × its gradient with respect to the row points `x`
/// (into `gx`, row-major n×d) and row weights `a` (into `ga`), for the potentials (f, g) of the
/// problem from (x, a) to (y, b). One streamed pass; zero-weight rows get no position
/// gradient and their weight gradient from `S_i` (the pass runs with their weight set to 1).
#[allow(clippy::too_many_arguments)]
fn add_side<T: Real>(
    (x, a, f): (MatRef<'_, T>, &[T], &[f64]),
    (y, b, g): (MatRef<'_, T>, &[T], &[f64]),
    eps: f64,
    side: Marginal,
    coef: f64,
    gx: &mut [f64],
    ga: &mut [f64],
    par: Par,
    stack: &mut MemStack,
) {
    let d = x.ncols();
    let sb: f64 = b.iter().map(|w| w.to_f64()).sum();
    side_pass(
        (x, a, f),
        (y, b, g),
        eps,
        &[],
        par,
        stack,
        |s, width, a1| {
            for (i, c) in s.chunks(width).enumerate() {
                let line = LineTerm {
                    c,
                    scale: 1.0,
                    w: a1[i].to_f64(),
                    phi: side.phi(f[i]),
                    other_mass: sb,
                };
                line.add(
                    eps,
                    coef,
                    a[i] > T::ZERO,
                    &mut gx[i * d..(i + 1) * d],
                    &mut ga[i],
                );
            }
        },
    );
}

/// Both sides of a self term OT_ε(a, a) on the points `x`, potentials `f` (rows, penalty
/// `sides.0`) and `g` (columns, `sides.1`): adds `coef` × each side's gradient, as two calls
/// of [`add_side`] would, in one streamed pass. The column side's plan is the transpose,
/// P_ki = P_ik·e^{δ_k − δ_i} with δ = (f − g)/ε, so the pass also sums the weights times
/// h_k = e^{δ_k − δ̄} (δ̄ the midrange of δ) and scales line i's sums by e^{δ̄ − δ_i}; when δ
/// spreads beyond ±[`SELF_SPREAD`] (potentials far from a solve's), the sides take a pass each.
#[allow(clippy::too_many_arguments)]
fn add_self_term<T: Real>(
    (x, a): (MatRef<'_, T>, &[T]),
    (f, g): (&[f64], &[f64]),
    eps: f64,
    sides: (Marginal, Marginal),
    coef: f64,
    gx: &mut [f64],
    ga: &mut [f64],
    par: Par,
    stack: &mut MemStack,
) {
    let delta = |k: usize| (f[k] - g[k]) / eps;
    let (lo, hi) = (0..f.len()).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), k| {
        (lo.min(delta(k)), hi.max(delta(k)))
    });
    if hi - lo > 2.0 * SELF_SPREAD {
        add_side((x, a, f), (x, a, g), eps, sides.0, coef, gx, ga, par, stack);
        add_side((x, a, g), (x, a, f), eps, sides.1, coef, gx, ga, par, stack);
        return;
    }
    let mid = 0.5 * (lo + hi);
    let d = x.ncols();
    let sa: f64 = a.iter().map(|w| w.to_f64()).sum();
    let (mut h, stack) = take(stack, f.len(), T::ZERO);
    for (k, o) in h.iter_mut().enumerate() {
        *o = T::from_f64((delta(k) - mid).exp());
    }
    side_pass((x, a, f), (x, a, g), eps, &h, par, stack, |s, width, a1| {
        for (i, c) in s.chunks(width).enumerate() {
            let (rows, cols) = c.split_at(width / 2);
            let (moves, w) = (a[i] > T::ZERO, a1[i].to_f64());
            let gx_i = &mut gx[i * d..(i + 1) * d];
            for (c, scale, phi) in [
                (rows, 1.0, sides.0.phi(f[i])),
                (cols, (mid - delta(i)).exp(), sides.1.phi(g[i])),
            ] {
                let line = LineTerm {
                    c,
                    scale,
                    w,
                    phi,
                    other_mass: sa,
                };
                line.add(eps, coef, moves, gx_i, &mut ga[i]);
            }
        }
    });
}

/// Checks the wanted outputs' shapes.
fn check_outputs<T>(out: &Gradients<'_, T>, n: usize, m: usize, d: usize) -> Result<()> {
    for (what, got, want) in [
        ("x", out.x.as_ref().map(|v| (v.nrows(), v.ncols())), (n, d)),
        ("y", out.y.as_ref().map(|v| (v.nrows(), v.ncols())), (m, d)),
        ("a", out.a.as_ref().map(|v| (v.len(), 1)), (n, 1)),
        ("b", out.b.as_ref().map(|v| (v.len(), 1)), (m, 1)),
    ] {
        if let Some(got) = got {
            if got != want {
                bail!(
                    InvalidDimension,
                    "the gradient in {what} is {}x{}: expected {}x{}",
                    got.0,
                    got.1,
                    want.0,
                    want.1
                );
            }
        }
    }
    Ok(())
}

impl<'a> Acc<'a> {
    /// Zeroed accumulators taken from `stack`.
    fn take(n: usize, m: usize, d: usize, stack: &'a mut MemStack) -> (Acc<'a>, &'a mut MemStack) {
        let (x, stack) = take(stack, n * d, 0.0f64);
        let (y, stack) = take(stack, m * d, 0.0f64);
        let (a, stack) = take(stack, n, 0.0f64);
        let (b, stack) = take(stack, m, 0.0f64);
        (Acc { x, y, a, b }, stack)
    }

    /// Writes the accumulated gradients into the wanted outputs.
    fn write<T: Real>(&self, out: Gradients<'_, T>, d: usize) {
        for (dst, src) in [(out.x, &*self.x), (out.y, &*self.y)] {
            if let Some(mut dst) = dst {
                for i in 0..dst.nrows() {
                    for t in 0..d {
                        dst[(i, t)] = T::from_f64(src[i * d + t]);
                    }
                }
            }
        }
        for (dst, src) in [(out.a, &*self.a), (out.b, &*self.b)] {
            if let Some(dst) = dst {
                dst.copy_from_slice(src);
            }
        }
    }
}

/// Gradient of OT_ε(a, b) between the point clouds x (n×d) and y (m×d) with the squared
/// Euclidean cost, from the potentials (f, g) of a converged [`sinkhorn`](super::sinkhorn)
/// solve with the same `params` (ε, ρ_a, ρ_b, penalty). Writes the wanted `out`puts; one
/// streamed pass a side (O(n·m·d)), no allocation; workspace [`ot_gradient_scratch`]. Inputs
/// are all checked before any output is written.
#[allow(clippy::too_many_arguments)]
pub fn ot_gradient_in_place<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    a: &[T],
    b: &[T],
    f: &[f64],
    g: &[f64],
    params: &Params,
    out: Gradients<'_, T>,
    par: Par,
    stack: &mut MemStack,
) -> Result<()> {
    check_params(params)?;
    check_cost(&Cost::SqEuclidean { x, y })?;
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    check_potentials(n, m, a, b, f, g, params.epsilon)?;
    check_outputs(&out, n, m, d)?;
    check_stack(stack, ot_gradient_scratch::<T>(n, m, d))?;
    let eps = params.epsilon;
    let (side_a, side_b) = sides(params);
    let (mut acc, stack) = Acc::take(n, m, d, stack);
    if out.x.is_some() || out.a.is_some() {
        add_side(
            (x, a, f),
            (y, b, g),
            eps,
            side_a,
            1.0,
            &mut acc.x,
            &mut acc.a,
            par,
            stack,
        );
    }
    if out.y.is_some() || out.b.is_some() {
        add_side(
            (y, b, g),
            (x, a, f),
            eps,
            side_b,
            1.0,
            &mut acc.y,
            &mut acc.b,
            par,
            stack,
        );
    }
    acc.write(out, d);
    Ok(())
}

/// [`ot_gradient_in_place`] allocating all four gradients, with `params.num_threads`
/// threads.
pub fn ot_gradient<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    a: &[T],
    b: &[T],
    f: &[f64],
    g: &[f64],
    params: &Params,
) -> Result<GradientSolution<T>> {
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    let mut sol = GradientSolution::zeros(n, m, d);
    let req = ot_gradient_scratch::<T>(n, m, d);
    crate::par::with_threads(params.num_threads, |par| {
        with_stack(req, |st| {
            ot_gradient_in_place(x, y, a, b, f, g, params, sol.outputs(), par, st)
        })
    })???;
    Ok(sol)
}

impl<T: Real> GradientSolution<T> {
    fn zeros(n: usize, m: usize, d: usize) -> Self {
        GradientSolution {
            x: Mat::from_fn(n, d, |_, _| T::ZERO),
            y: Mat::from_fn(m, d, |_, _| T::ZERO),
            a: vec![0.0; n],
            b: vec![0.0; m],
        }
    }

    fn outputs(&mut self) -> Gradients<'_, T> {
        Gradients {
            x: Some(self.x.as_mut()),
            y: Some(self.y.as_mut()),
            a: Some(&mut self.a),
            b: Some(&mut self.b),
        }
    }
}

/// The Sinkhorn divergence S(a, b) between the point clouds x (n×d) and y (m×d) with the
/// squared Euclidean cost (three cold-start solves, as
/// [`divergence_in_place`](super::divergence_in_place)) and its wanted gradients: per point,
/// `∂S/∂x_i = ∂OT_ε(a, b)/∂x_i − ½ ∂OT_ε(a, a)/∂x_i` with both sides of the symmetric term,
/// and `∂S/∂a_i` likewise plus ε(Σa − Σb). Four streamed passes after the solves (two a
/// side: the cross term's, and both sides of the self term in one; O((n + m)²·d)), no
/// allocation; workspace [`divergence_gradient_scratch`].
#[allow(clippy::too_many_arguments)]
pub fn divergence_gradient_in_place<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    a: &[T],
    b: &[T],
    params: &Params,
    out: Gradients<'_, T>,
    par: Par,
    stack: &mut MemStack,
) -> Result<Divergence> {
    check_cost(&Cost::SqEuclidean { x, y })?;
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    check_stack(stack, divergence_gradient_scratch::<T>(n, m, d, params))?;
    let (mut f_ab, stack) = take(stack, n, 0.0f64);
    let (mut g_ab, stack) = take(stack, m, 0.0f64);
    let (mut f_aa, stack) = take(stack, n, 0.0f64);
    let (mut g_aa, stack) = take(stack, n, 0.0f64);
    let (mut f_bb, stack) = take(stack, m, 0.0f64);
    let (mut g_bb, stack) = take(stack, m, 0.0f64);
    let mut pots = DivergencePotentials {
        xy: (&mut f_ab, &mut g_ab),
        xx: (&mut f_aa, &mut g_aa),
        yy: (&mut f_bb, &mut g_bb),
    };
    divergence_gradient_warm_in_place(x, y, a, b, params, &mut pots, out, par, stack)
}

/// [`divergence_gradient_in_place`] with its three solves warm-started from `pots` (zeros: a
/// cold start; each solve's potentials, e.g. those of a previous call on nearby points),
/// which receive the solves' potentials. No allocation; workspace
/// [`divergence_gradient_warm_scratch`]. The potentials' lengths are checked before any is
/// written; a failed solve may leave them partly updated.
#[allow(clippy::too_many_arguments)]
pub fn divergence_gradient_warm_in_place<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    a: &[T],
    b: &[T],
    params: &Params,
    pots: &mut DivergencePotentials<'_>,
    out: Gradients<'_, T>,
    par: Par,
    stack: &mut MemStack,
) -> Result<Divergence> {
    check_cost(&Cost::SqEuclidean { x, y })?;
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    check_outputs(&out, n, m, d)?;
    for (what, got, want) in [
        ("(a, b)", (pots.xy.0.len(), pots.xy.1.len()), (n, m)),
        ("(a, a)", (pots.xx.0.len(), pots.xx.1.len()), (n, n)),
        ("(b, b)", (pots.yy.0.len(), pots.yy.1.len()), (m, m)),
    ] {
        if got != want {
            bail!(
                InvalidDimension,
                "the potentials of {what} have {} and {} values: expected {} and {}",
                got.0,
                got.1,
                want.0,
                want.1
            );
        }
    }
    check_stack(
        stack,
        divergence_gradient_warm_scratch::<T>(n, m, d, params),
    )?;
    let (mut acc, stack) = Acc::take(n, m, d, stack);
    let costs = [
        Cost::SqEuclidean { x, y },
        Cost::SqEuclidean { x, y: x },
        Cost::SqEuclidean { x: y, y },
    ];
    let div = divergence_warm(costs, a, b, params, pots, par, stack)?;
    let (f_ab, g_ab) = (&*pots.xy.0, &*pots.xy.1);
    let (f_aa, g_aa) = (&*pots.xx.0, &*pots.xx.1);
    let (f_bb, g_bb) = (&*pots.yy.0, &*pots.yy.1);
    let eps = params.epsilon;
    let (side_a, side_b) = sides(params);
    let gap: f64 =
        a.iter().map(|w| w.to_f64()).sum::<f64>() - b.iter().map(|w| w.to_f64()).sum::<f64>();
    // Each side's cross term (its points, weights, potentials; the other's; the penalty of
    // the solved side) and self term (points, weights; potentials), the mass term's sign.
    type Term<'p, T> = (
        (MatRef<'p, T>, &'p [T], &'p [f64]),
        (MatRef<'p, T>, &'p [T], &'p [f64]),
        Marginal,
    );
    type SelfTerm<'p, T> = ((MatRef<'p, T>, &'p [T]), (&'p [f64], &'p [f64]));
    let Acc {
        x: ref mut gx,
        y: ref mut gy,
        a: ref mut ga,
        b: ref mut gb,
    } = acc;
    let sides_ab = (side_a, side_b);
    let terms: [(bool, Term<'_, T>, SelfTerm<'_, T>, _, _, f64); 2] = [
        (
            out.x.is_some() || out.a.is_some(),
            ((x, a, f_ab), (y, b, g_ab), side_a),
            ((x, a), (f_aa, g_aa)),
            gx,
            ga,
            1.0,
        ),
        (
            out.y.is_some() || out.b.is_some(),
            ((y, b, g_ab), (x, a, f_ab), side_b),
            ((y, b), (f_bb, g_bb)),
            gy,
            gb,
            -1.0,
        ),
    ];
    for (wanted, (mine, other, side), (pts, pots), gp, gw, sign) in terms {
        if wanted {
            add_side(mine, other, eps, side, 1.0, gp, gw, par, stack);
            add_self_term(pts, pots, eps, sides_ab, -0.5, gp, gw, par, stack);
            gw.iter_mut().for_each(|v| *v += sign * eps * gap);
        }
    }
    acc.write(out, d);
    Ok(div)
}

/// [`divergence_gradient_in_place`] allocating all four gradients, with `params.num_threads`
/// threads.
pub fn divergence_gradient<T: Real>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    a: &[T],
    b: &[T],
    params: &Params,
) -> Result<(Divergence, GradientSolution<T>)> {
    let (n, m, d) = (x.nrows(), y.nrows(), x.ncols());
    let mut sol = GradientSolution::zeros(n, m, d);
    let req = divergence_gradient_scratch::<T>(n, m, d, params);
    let div = crate::par::with_threads(params.num_threads, |par| {
        with_stack(req, |st| {
            divergence_gradient_in_place(x, y, a, b, params, sol.outputs(), par, st)
        })
    })???;
    Ok((div, sol))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sinkhorn::Penalty;

    /// [`add_self_term`] on the points `x` and weights `a` converted to `T`: (∂x, ∂a).
    fn self_term<T: Real>(
        x: &Mat<f64>,
        a: &[f64],
        pots: (&[f64], &[f64]),
        eps: f64,
        sides: (Marginal, Marginal),
        coef: f64,
    ) -> (Vec<f64>, Vec<f64>) {
        let (n, d) = (x.nrows(), x.ncols());
        let xt = Mat::from_fn(n, d, |i, t| T::from_f64(x[(i, t)]));
        let at: Vec<T> = a.iter().map(|&v| T::from_f64(v)).collect();
        let (mut gx, mut ga) = (vec![0.0; n * d], vec![0.0; n]);
        with_stack(self_pass_scratch::<T>(n, d), |st| {
            let pts = (xt.as_ref(), &at[..]);
            add_self_term(pts, pots, eps, sides, coef, &mut gx, &mut ga, Par::Seq, st)
        })
        .unwrap();
        (gx, ga)
    }

    /// Both sides of a self term in one pass, against the plan P_ij = a_i a_j
    /// e^{(f_i + g_j − C_ij)/ε} formed densely (and its transpose for the column side): with
    /// δ = (f − g)/ε spread over ±3 (one pass) and ±40 (a pass a side), f64 and f32, a
    /// zero-weight point included.
    #[test]
    fn self_term_sides_match_the_dense_plan_and_its_transpose() {
        let (n, d, eps) = (37, 2, 0.05);
        let mut seed = 7u64;
        let mut rnd = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let x = Mat::from_fn(n, d, |_, _| rnd());
        let mut a: Vec<f64> = (0..n).map(|_| 0.5 + rnd()).collect();
        a[4] = 0.0;
        let f: Vec<f64> = (0..n).map(|_| eps * (rnd() - 0.5)).collect();
        let sides = (
            Marginal::new(0.7, Penalty::Kl),
            Marginal::new(f64::INFINITY, Penalty::Kl),
        );
        let coef = -0.5;
        for spread in [3.0, 40.0] {
            let g: Vec<f64> = f
                .iter()
                .map(|&v| v - eps * spread * (2.0 * rnd() - 1.0))
                .collect();
            let sa: f64 = a.iter().sum();
            let c =
                |i: usize, j: usize| (0..d).map(|t| (x[(i, t)] - x[(j, t)]).powi(2)).sum::<f64>();
            let mut want_x = vec![0.0; n * d];
            let mut want_a = vec![0.0; n];
            for i in 0..n {
                for (p, q, side) in [(&f, &g, sides.0), (&g, &f, sides.1)] {
                    // Row i of the plan of potentials (p, q), divided by a_i.
                    let k: Vec<f64> = (0..n)
                        .map(|j| a[j] * ((p[i] + q[j] - c(i, j)) / eps).exp())
                        .collect();
                    let s_i: f64 = k.iter().sum();
                    want_a[i] += coef * (side.phi(p[i]) - eps * (s_i - sa));
                    for t in 0..d {
                        let disp: f64 = (0..n).map(|j| k[j] * (x[(j, t)] - x[(i, t)])).sum();
                        want_x[i * d + t] -= coef * 2.0 * a[i] * disp;
                    }
                }
            }
            let scale = want_x
                .iter()
                .chain(&want_a)
                .fold(0.0f64, |m, v| m.max(v.abs()));
            for (got32, tol) in [(false, 1e-12), (true, 2e-4)] {
                let (gx, ga) = if got32 {
                    self_term::<f32>(&x, &a, (&f, &g), eps, sides, coef)
                } else {
                    self_term::<f64>(&x, &a, (&f, &g), eps, sides, coef)
                };
                for (got, want) in gx.iter().zip(&want_x).chain(ga.iter().zip(&want_a)) {
                    assert!(
                        (got - want).abs() <= tol * scale,
                        "spread {spread}, f32 {got32}: {got} vs {want}"
                    );
                }
            }
        }
    }
}
