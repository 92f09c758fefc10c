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
//! divergence adds the passes of its two symmetric terms: a point of x appears
//! in both arguments of OT_ε(a, a), so both of that problem's sides contribute.

use super::cost_source::Cost;
use super::divergence::{divergence_warm, Divergence, DivergencePotentials};
use super::outputs::{check_potentials, line_sums_scratch, with_line_sums};
use super::solver::{check_cost, check_params, sides, sinkhorn_scratch, Marginal};
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
            pass_scratch::<T>(k, d),
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
    let (n, d) = (x.nrows(), x.ncols());
    let sb: f64 = b.iter().map(|w| w.to_f64()).sum();
    let (mut a1, stack) = take(stack, n, T::ONE);
    for (o, &w) in a1.iter_mut().zip(a) {
        if w > T::ZERO {
            *o = w;
        }
    }
    let cost = Cost::SqEuclidean { x, y };
    with_line_sums(cost, &a1, b, f, g, eps, par, stack, |s, w| {
        for (i, c) in s.chunks(w).enumerate() {
            let s_i = c[0] / a1[i].to_f64();
            ga[i] += coef * (side.phi(f[i]) - eps * (s_i - sb));
            if a[i] > T::ZERO {
                for t in 0..d {
                    gx[i * d + t] -= coef * 2.0 * c[2 + t];
                }
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
/// and `∂S/∂a_i` likewise plus ε(Σa − Σb). Six streamed passes after the solves
/// (O((n + m)²·d)), no allocation; workspace [`divergence_gradient_scratch`].
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
    // Each side's three terms: (its points, weights, potentials), the other's, the penalty
    // of the solved side, the coefficient; then the mass term's sign.
    type Term<'p, T> = (
        (MatRef<'p, T>, &'p [T], &'p [f64]),
        (MatRef<'p, T>, &'p [T], &'p [f64]),
    );
    let rows: [(Term<'_, T>, Marginal, f64); 3] = [
        (((x, a, f_ab), (y, b, g_ab)), side_a, 1.0),
        (((x, a, f_aa), (x, a, g_aa)), side_a, -0.5),
        (((x, a, g_aa), (x, a, f_aa)), side_b, -0.5),
    ];
    let cols: [(Term<'_, T>, Marginal, f64); 3] = [
        (((y, b, g_ab), (x, a, f_ab)), side_b, 1.0),
        (((y, b, f_bb), (y, b, g_bb)), side_a, -0.5),
        (((y, b, g_bb), (y, b, f_bb)), side_b, -0.5),
    ];
    let Acc {
        x: ref mut gx,
        y: ref mut gy,
        a: ref mut ga,
        b: ref mut gb,
    } = acc;
    for (wanted, terms, gp, gw, sign) in [
        (out.x.is_some() || out.a.is_some(), rows, gx, ga, 1.0),
        (out.y.is_some() || out.b.is_some(), cols, gy, gb, -1.0),
    ] {
        if wanted {
            for ((mine, other), side, coef) in terms {
                add_side(mine, other, eps, side, coef, gp, gw, par, stack);
            }
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
