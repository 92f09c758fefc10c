//! The Sinkhorn iteration at its three levels: [`sinkhorn_scratch`], [`sinkhorn_in_place`]
//! (allocation-free; what the C ABI calls), [`sinkhorn`] (allocates once).

use super::checks::{check_cost, check_marginals, check_params};
use super::cost_source::{source_scratch, with_source, Cost, Source};
use super::kernel::{kernel_bytes, kernel_scratch, tau, with_kernel, KernelState, Side};
use super::marginal::{entropic_dual, side_error, sides, Marginal};
use super::truncated::truncated_in_place;
use super::{schedule, Info, Params, Path, Penalty};
use crate::error::check_finite;
use crate::progress::{self, Flow};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MemStack, Par, Real, Result, StackReq};

/// The solution type, defined beside the parameters (the truncated path returns it too).
pub use super::Solution;

/// Workspace of [`sinkhorn_in_place`] for n sources, m targets and points of dimension d
/// (0 for a dense cost): O((n + m)(1 + d)) values for the log-domain passes, plus the stored
/// kernel (n·m values of `T` and ⌈n/256⌉·(m + 260) f64) when the parameters choose it
/// (`params.path`, `params.kernel_memory_cap`, `params.symmetric`); nothing for
/// [`Path::Truncated`], which allocates its data-dependent arcs itself.
pub fn sinkhorn_scratch<T: Real>(n: usize, m: usize, d: usize, params: &Params) -> StackReq {
    if params.path == Path::Truncated {
        return StackReq::EMPTY;
    }
    let base = log_scratch::<T>(n, m, d);
    if kernel_wanted::<T>(n, m, d, params) {
        StackReq::all_of(&[base, kernel_scratch::<T>(n, m)])
    } else {
        base
    }
}

/// The log-domain part of [`sinkhorn_scratch`].
fn log_scratch<T: Real>(n: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<T>(m),
        source_scratch::<T>(n, m, d),
        vec_req::<f64>(n),
        vec_req::<f64>(m),
    ])
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

/// pot = (1 − ω)·pot + ω·(−κε·lse), or the average of old and new for symmetric updates;
/// returns max |change|.
fn update(
    pot: &mut [f64],
    lse: &[f64],
    eps: f64,
    side: Marginal,
    symmetric: bool,
    omega: f64,
) -> f64 {
    let mut change = 0.0f64;
    for (p, &l) in pot.iter_mut().zip(lse) {
        let new = side.update(l, eps);
        let next = if symmetric {
            0.5 * (*p + new)
        } else if omega == 1.0 {
            new
        } else {
            (1.0 - omega) * *p + omega * new
        };
        change = change.max((next - *p).abs());
        *p = next;
    }
    change
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

/// Whether [`sinkhorn_in_place`] stores the kernel for an n×m problem with these parameters
/// (given a workspace of [`sinkhorn_scratch`]).
pub(crate) fn kernel_wanted<T: Real>(n: usize, m: usize, d: usize, p: &Params) -> bool {
    match p.path {
        Path::LogDomain | Path::Truncated => false,
        Path::Kernel => true,
        // Point clouds (d > 0) keep their O((n + m)·d) memory unless the kernel is asked for.
        Path::Auto => {
            d == 0
                && !p.symmetric
                && p.penalty == Penalty::Kl
                && kernel_bytes::<T>(n, m).is_some_and(|b| b <= p.kernel_memory_cap)
        }
    }
}

/// Solves entropic OT in place: on entry `f` (n) and `g` (m) hold the starting potentials
/// (zeros for a cold start, or a warm start), on success the result. Costs O(n·m) per
/// iteration, no allocation; workspace [`sinkhorn_scratch`] (a workspace holding only the
/// log-domain part, [`sinkhorn_scratch`] with [`Path::LogDomain`], runs the log-domain path
/// under [`Path::Auto`]). Inputs are all checked before `f` and `g` are touched. Reaching
/// `max_iter` is not an error: `Info::converged` is false.
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
    if params.path == Path::Truncated {
        return truncated_in_place(cost, a, b, f, g, params, scale, log_b_scale, par, None);
    }
    let base = log_scratch::<T>(n, m, d);
    let with_kernel_req = StackReq::all_of(&[base, kernel_scratch::<T>(n, m)]);
    let use_kernel = match params.path {
        Path::Kernel => {
            check_stack(stack, with_kernel_req)?;
            true
        }
        _ => {
            check_stack(stack, base)?;
            kernel_wanted::<T>(n, m, d, params) && stack.can_hold(with_kernel_req)
        }
    };

    // Balanced masses equal within the tolerance: solve for b' = s·b, s = Σa/Σb, whose
    // potentials are g' = g − ε ln s (the plan a_i b_j e^{(f_i + g_j − C_ij)/ε} of the
    // returned g then has column sums s·b).
    let (mut b_scaled, stack) = take(stack, m, T::ZERO);
    let b: &[T] = if log_b_scale != 0.0 {
        let s = log_b_scale.exp();
        for (o, &x) in b_scaled.iter_mut().zip(b) {
            *o = T::from_f64(x.to_f64() * s);
        }
        &b_scaled
    } else {
        b
    };
    let g_shift = params.epsilon * log_b_scale;
    g.iter_mut().for_each(|x| *x -= g_shift);
    let mut info = with_source(cost, a, b, stack, |p, stack| {
        let (mut lr, stack) = take(stack, n, 0.0f64);
        let (mut lc, stack) = take(stack, m, 0.0f64);
        let w = Work {
            la: p.la,
            lb: p.lb,
            u: p.u,
            v: p.v,
            lr: &mut lr,
            lc: &mut lc,
        };
        let mut it = Iteration {
            src: &p.src,
            a,
            b,
            f: &mut *f,
            g: &mut *g,
            p: params,
            par,
            w,
            ks: None,
            kernel_mode: false,
            built_eps: f64::NAN,
            col_error: 0.0,
            weights_ready: false,
            relax: Relax::new(params),
            info: Info::default(),
        };
        if use_kernel {
            with_kernel(n, m, stack, |ks, _| {
                let mut it = Iteration { ks: Some(ks), ..it };
                it.run(scale);
                it.info
            })
        } else {
            it.run(scale);
            it.info
        }
    });
    info.dual = entropic_dual(a, b, f, g, params, info.mass);
    g.iter_mut().for_each(|x| *x += g_shift);
    Ok(info)
}

/// Largest over-relaxation the adaptive rule uses.
const OMEGA_MAX: f64 = 1.9;
/// Growth of the marginal error (over its value when ω > 1 took effect) that sets ω back to 1.
const OMEGA_GROWTH: f64 = 10.0;
/// Times the adaptive rule may switch ω on.
const OMEGA_TRIES: usize = 3;

/// The over-relaxation ω and its safeguard.
struct Relax {
    omega: f64,
    adaptive: bool,
    /// Error and iteration of the previous check.
    prev: Option<(f64, usize)>,
    /// The previous contraction-rate estimate.
    rate: Option<f64>,
    /// The error when ω > 1 took effect (NaN before the first check).
    err_on: f64,
    /// Times ω was switched on by the adaptive rule.
    tries: usize,
    /// Set once the safeguard has used up the tries: ω stays 1.
    off: bool,
}

impl Relax {
    /// The ω of `p.over_relaxation`. Adaptive stays plain (ω = 1) when a side has a TV
    /// penalty: the clamp makes the iteration piecewise, the contraction-rate rule does not
    /// apply, and it was seen to stall such a solve (L1 error 0.29 after 10⁶ iterations at
    /// ω = 1.34, where plain iterations converge).
    fn new(p: &Params) -> Self {
        let omega = p.over_relaxation;
        let tv = p.penalty == Penalty::Tv && (p.rho_a.is_finite() || p.rho_b.is_finite());
        Relax {
            omega: if omega == 0.0 { 1.0 } else { omega },
            adaptive: omega == 0.0 && !tv,
            prev: None,
            rate: None,
            err_on: f64::NAN,
            tries: 0,
            off: false,
        }
    }
    /// Takes the marginal error `err` of a check at iteration `it`. Safeguard: under ω > 1,
    /// an error above 10× its value when ω took effect sets ω = 1 (for good with a fixed ω;
    /// the adaptive rule may try again, 3 times in all). Adaptive: from plain iterations, the
    /// contraction rate θ = (err/err_prev)^(1/iterations); once two successive estimates of
    /// 1 − θ agree within 5% (the asymptotic regime), ω = 2/(1 + √(1 − θ)) (the optimal
    /// over-relaxation of an iteration of rate θ, Thibault et al. 2017, Lehmann et al.
    /// 2022), at most 1.9.
    fn observe(&mut self, err: f64, it: usize) {
        if self.omega != 1.0 {
            if self.err_on.is_nan() {
                self.err_on = err;
            } else if err.is_nan() || err > OMEGA_GROWTH * self.err_on {
                self.omega = 1.0;
                self.rate = None;
                self.off = !self.adaptive || self.tries >= OMEGA_TRIES;
            }
        } else if let Some((pe, pit)) = self.prev {
            if self.adaptive && !self.off && err < pe && it > pit {
                let rate = (err / pe).powf(1.0 / (it - pit) as f64);
                if let Some(r0) = self.rate {
                    if ((1.0 - rate) - (1.0 - r0)).abs() <= 0.05 * (1.0 - rate) {
                        self.omega = (2.0 / (1.0 + (1.0 - rate).sqrt())).min(OMEGA_MAX);
                        self.err_on = err;
                        self.tries += 1;
                    }
                }
                self.rate = Some(rate);
            }
        }
        self.prev = Some((err, it));
    }
}

/// What an iteration step asks of the loop.
enum Step {
    /// Done at this ε (converged, or the cap reached).
    Stop,
    /// The iteration counted; go on.
    Next,
    /// The stored kernel failed on this iteration: redo it as log-domain passes.
    Retry,
}

/// The iteration's state: the log-domain passes and, when stored, the kernel.
struct Iteration<'r, 'w, 'k, T> {
    src: &'r Source<'r, T>,
    a: &'r [T],
    b: &'r [T],
    f: &'r mut [f64],
    g: &'r mut [f64],
    p: &'r Params,
    par: Par,
    w: Work<'w, T>,
    ks: Option<KernelState<'k, T>>,
    /// Whether the next iteration reads the stored kernel.
    kernel_mode: bool,
    /// The ε the stored kernel was built for (NaN: not built).
    built_eps: f64,
    /// Column marginal error of the current state (0 after a plain alternating update).
    col_error: f64,
    /// Whether `w.u` holds b_j·v_j of the stored kernel's current scalings (left by the
    /// last kernel iteration; the build and the log-domain passes use `w.u` as scratch).
    weights_ready: bool,
    relax: Relax,
    info: Info,
}

impl<T: Real> Iteration<'_, '_, '_, T> {
    /// The schedule, then the target ε; the potentials absorb the scalings at the end.
    fn run(&mut self, scale: f64) {
        let p = self.p;
        let eps = p.epsilon;
        self.info.eps_start = eps;
        self.kernel_mode = self.ks.is_some();
        let start = if p.scaling.start > 0.0 {
            p.scaling.start
        } else {
            scale
        };
        // ε-scaling: a few iterations at each intermediate ε, not checked against the
        // tolerance but reported to the progress observer; they count against `max_iter`,
        // the target ε gets what they leave. A stop during ε-scaling skips the remaining
        // stages: the target ε then only measures the iterate reached (no iteration).
        for (k, e) in schedule::intermediate(start, eps, p.scaling.steps).enumerate() {
            if self.info.scaling_iterations >= p.max_iter || self.info.cancelled {
                break;
            }
            if k == 0 {
                self.info.eps_start = e;
            }
            self.info.eps_steps += 1;
            let iters = p
                .scaling
                .iters_per_step
                .min(p.max_iter - self.info.scaling_iterations);
            self.info.scaling_iterations += self.stage(e, iters, false);
        }
        let left = match self.info.cancelled {
            true => 0,
            false => p.max_iter - self.info.scaling_iterations,
        };
        self.info.iterations = self.stage(eps, left, true);
        if let Some(ks) = &mut self.ks {
            if !self.built_eps.is_nan() {
                ks.absorb(self.f, self.g, self.built_eps);
            }
        }
        self.info.path = if self.info.kernel_builds > 0 {
            Path::Kernel
        } else {
            Path::LogDomain
        };
        self.info.omega = self.relax.omega;
    }

    /// Stores the kernel for ε = `e` (absorbing the scalings of the previous one).
    fn build(&mut self, e: f64) {
        self.weights_ready = false;
        if let Some(ks) = &mut self.ks {
            if !self.built_eps.is_nan() {
                ks.absorb(self.f, self.g, self.built_eps);
            }
            ks.build(self.src, self.f, self.g, e, self.w.u, self.par);
            self.built_eps = e;
            self.info.kernel_builds += 1;
        }
    }

    /// Up to `iters` iterations at ε = `e`, checked every `check_every` iterations: against
    /// the tolerance when `check` (the target ε), for the progress observer only otherwise;
    /// returns the iterations run.
    fn stage(&mut self, e: f64, iters: usize, check: bool) -> usize {
        if self.kernel_mode && self.built_eps != e {
            self.build(e);
        }
        let every = self.p.check_every;
        let mut it = 0;
        loop {
            if !check && it == iters {
                break;
            }
            let check_now =
                (it >= 1 || (check && iters == 0)) && (it % every == 0 || (check && it == iters));
            let last = check && it == iters;
            let step = if self.kernel_mode {
                self.kernel_step(e, it, check_now, last, check)
            } else {
                self.log_step(e, it, check_now, last, check)
            };
            match step {
                Step::Stop => break,
                Step::Next => it += 1,
                Step::Retry => {}
            }
        }
        it
    }

    /// Reports a check's error (the marginal error at the current stage's ε) to the
    /// [`progress`] observer, with the iterations so far (ε-scaling included); at the target
    /// ε (`target`) also records it and tests the tolerance. Whether the solve stops here (the
    /// tolerance met, or the observer asked to stop, now or during ε-scaling: then this is the
    /// final measure of the iterate, not reported again).
    fn checked(&mut self, err: f64, mass: f64, it: usize, target: bool) -> bool {
        if target {
            self.info.marginal_error = err;
            self.info.mass = mass;
            if err <= self.p.tolerance {
                self.info.converged = true;
                return true;
            }
            if self.info.cancelled {
                return true;
            }
        }
        let done = (self.info.scaling_iterations + it) as u64;
        if progress::check(done, err) == Flow::Stop {
            self.info.cancelled = true;
            return true;
        }
        if target {
            self.relax.observe(err, it);
        }
        false
    }

    /// One iteration of log-domain passes (2·n·m exponentials).
    fn log_step(&mut self, e: f64, it: usize, check_now: bool, last: bool, target: bool) -> Step {
        let p = self.p;
        let sym = p.symmetric;
        let omega = if target && !sym {
            self.relax.omega
        } else {
            1.0
        };
        let (side_a, side_b) = sides(p);
        let w = &mut self.w;
        self.src.row_pass(self.g, e, w, self.par);
        if sym {
            self.src.col_pass(self.f, e, w, self.par);
        }
        if check_now {
            let (er, mass) = side_error(self.a, self.f, w.lr, e, side_a);
            let ec = if sym {
                side_error(self.b, self.g, w.lc, e, side_b).0
            } else {
                self.col_error
            };
            if self.checked(er + ec, mass, it, target) {
                return Step::Stop;
            }
        }
        if last {
            return Step::Stop;
        }
        let w = &mut self.w;
        let df = update(self.f, w.lr, e, side_a, sym, omega);
        let dg = if sym {
            update(self.g, w.lc, e, side_b, true, 1.0)
        } else {
            self.src.col_pass(self.f, e, w, self.par);
            let dg = update(self.g, w.lc, e, side_b, false, omega);
            self.col_error = if omega != 1.0 {
                side_error(self.b, self.g, w.lc, e, side_b).0
            } else {
                0.0
            };
            dg
        };
        self.info.log_iterations += 1;
        // Back to the stored kernel once the potentials move by less than τ·ε.
        if self.ks.is_some() && df.max(dg) <= tau::<T>() * e {
            self.kernel_mode = true;
            self.build(e);
        }
        Step::Next
    }

    /// One fused iteration on the stored kernel (no exponentials but O(n + m)).
    fn kernel_step(
        &mut self,
        e: f64,
        it: usize,
        check_now: bool,
        last: bool,
        target: bool,
    ) -> Step {
        let p = self.p;
        let omega = if target { self.relax.omega } else { 1.0 };
        let Some(ks) = self.ks.as_mut() else {
            return Step::Retry;
        };
        if !self.weights_ready {
            ks.column_weights(self.b, self.w.u);
        }
        self.weights_ready = false;
        let rows = Side {
            w: self.a,
            pot: self.f,
            eps: e,
            rho: p.rho_a,
            omega,
        };
        let cols = Side {
            w: self.b,
            pot: self.g,
            eps: e,
            rho: p.rho_b,
            omega,
        };
        let st = ks.sweep(self.w.u, &rows, &cols, self.par);
        if st.failed {
            return self.fall_back(e);
        }
        if check_now && self.checked(st.row_error + self.col_error, st.mass, it, target) {
            return Step::Stop;
        }
        if last {
            return Step::Stop;
        }
        if st.col_failed {
            return self.fall_back(e);
        }
        let Some(ks) = self.ks.as_mut() else {
            return Step::Retry;
        };
        ks.commit_rows();
        ks.commit_cols();
        // The sweep left w_j = b_j·v_j of the committed v.
        self.weights_ready = true;
        self.col_error = st.col_error;
        if st.max_lu.max(st.max_lv) > tau::<T>() {
            self.build(e);
        }
        Step::Next
    }

    /// The stored kernel underflowed: absorb the scalings and run log-domain iterations
    /// until the potentials settle.
    fn fall_back(&mut self, e: f64) -> Step {
        if let Some(ks) = &mut self.ks {
            ks.absorb(self.f, self.g, e);
        }
        self.built_eps = f64::NAN;
        self.kernel_mode = false;
        Step::Retry
    }
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
    let req = sinkhorn_scratch::<T>(n, m, cost.point_dim(), params);
    let info = crate::par::with_threads(params.num_threads, |par| {
        with_stack(req, |stack| {
            sinkhorn_in_place(cost, a, b, &mut f, &mut g, params, par, stack)
        })
    })???;
    Ok(Solution { f, g, info })
}
