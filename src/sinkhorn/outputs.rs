//! What the potentials give, without ever forming P unless asked: the transport cost
//! ⟨P, C⟩, the barycentric projection map T(x_i) = Σ_j P_ij y_j / Σ_j P_ij, and the dense plan
//! `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)` (computed in the log domain: each entry is at
//! most the marginal mass it belongs to once the potentials come from an iteration).

use super::checks::check_cost;
use super::cost_source::{source_scratch, with_source, Cost, Lines, Source};
use super::lse::SEGMENT;
use super::solver::scaled;
use crate::par::par_chunks;
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatMut, MemStack, Par, Real, Result, StackReq};
use pulp::Simd;

/// Lines per parallel chunk of the output passes.
const LINES_CHUNK: usize = 16;

/// w_k = exp(vl + u_k + c_k·nie) over a segment.
#[inline(always)]
fn weights<T: Real, S: Simd>(s: S, vl: T, u: &[T], c: &[T], nie: T, w: &mut [T]) {
    let (uv, ut) = T::as_simd::<S>(u);
    let (cv, ct) = T::as_simd::<S>(c);
    let (wv, wt) = T::as_mut_simd::<S>(w);
    let vn = T::splat_s(s, nie);
    let vv = T::splat_s(s, vl);
    for ((o, &uk), &ck) in wv.iter_mut().zip(uv).zip(cv) {
        *o = T::exp_s(s, T::mul_add_s(s, ck, vn, T::add_s(s, uk, vv)));
    }
    for ((o, &uk), &ck) in wt.iter_mut().zip(ut).zip(ct) {
        *o = (ck * nie + (uk + vl)).exp();
    }
}

/// (Σ_k w_k, Σ_k w_k·c_k) over a segment, in `T` (two accumulators each).
#[inline(always)]
fn sum_and_dot<T: Real, S: Simd>(s: S, w: &[T], c: &[T]) -> (T, T) {
    let (wv, wt) = T::as_simd::<S>(w);
    let (cv, ct) = T::as_simd::<S>(c);
    let z = T::splat_s(s, T::ZERO);
    let (mut s0, mut s1, mut d0, mut d1) = (z, z, z, z);
    let q = wv.len() / 2;
    for k in 0..q {
        let b = 2 * k;
        s0 = T::add_s(s, s0, wv[b]);
        s1 = T::add_s(s, s1, wv[b + 1]);
        d0 = T::mul_add_s(s, wv[b], cv[b], d0);
        d1 = T::mul_add_s(s, wv[b + 1], cv[b + 1], d1);
    }
    if wv.len() % 2 == 1 {
        let k = wv.len() - 1;
        s0 = T::add_s(s, s0, wv[k]);
        d0 = T::mul_add_s(s, wv[k], cv[k], d0);
    }
    let mut sum = T::reduce_sum_s(s, T::add_s(s, s0, s1));
    let mut dot = T::reduce_sum_s(s, T::add_s(s, d0, d1));
    for (&wk, &ck) in wt.iter().zip(ct) {
        sum += wk;
        dot += wk * ck;
    }
    (sum, dot)
}

/// Σ_k w_k·(y_k − x) over a segment, in `T` (two accumulators).
#[inline(always)]
fn displacement<T: Real, S: Simd>(s: S, w: &[T], y: &[T], x: T) -> T {
    let (wv, wt) = T::as_simd::<S>(w);
    let (yv, yt) = T::as_simd::<S>(y);
    let xv = T::splat_s(s, x);
    let z = T::splat_s(s, T::ZERO);
    let (mut d0, mut d1) = (z, z);
    let q = wv.len() / 2;
    for k in 0..q {
        let b = 2 * k;
        d0 = T::mul_add_s(s, wv[b], T::sub_s(s, yv[b], xv), d0);
        d1 = T::mul_add_s(s, wv[b + 1], T::sub_s(s, yv[b + 1], xv), d1);
    }
    if wv.len() % 2 == 1 {
        let k = wv.len() - 1;
        d0 = T::mul_add_s(s, wv[k], T::sub_s(s, yv[k], xv), d0);
    }
    let mut dot = T::reduce_sum_s(s, T::add_s(s, d0, d1));
    for (&wk, &yk) in wt.iter().zip(yt) {
        dot += wk * (yk - x);
    }
    dot
}

/// `out_k = w_k·h_k` over a segment.
#[inline(always)]
fn product<T: Real, S: Simd>(s: S, w: &[T], h: &[T], out: &mut [T]) {
    let (wv, wt) = T::as_simd::<S>(w);
    let (hv, ht) = T::as_simd::<S>(h);
    let (ov, ot) = T::as_mut_simd::<S>(out);
    for ((o, &wk), &hk) in ov.iter_mut().zip(wv).zip(hv) {
        *o = T::mul_s(s, wk, hk);
    }
    for ((o, &wk), &hk) in ot.iter_mut().zip(wt).zip(ht) {
        *o = wk * hk;
    }
}

/// For every line l, `out[l·(2+d) ..]` = [Σ_k P_lk, Σ_k P_lk C_lk, Σ_k P_lk (y_tk − x_tl) for
/// t < d], where P_lk = exp(v_l + u_k + C_lk·nie), `x` is d×lines and `y` d×len, both
/// coordinate-major (d = 0: no points). With factors `h` (len values; empty: none) each line
/// has a second block of 2 + d sums, those of the weights P_lk·h_k. Each segment's sums are
/// taken in SIMD lanes of `T`, then added up in f64; the displacement form keeps the
/// barycentric map and the gradient free of the cancellation in Σ P_lk y_k − x_l Σ P_lk.
#[allow(clippy::too_many_arguments)]
fn line_sums<T: Real, L: Lines<T>>(
    lines: &L,
    v: &[T],
    u: &[T],
    nie: T,
    (x, y): (&[T], &[T]),
    d: usize,
    h: &[T],
    out: &mut [f64],
    par: Par,
) {
    struct Op<'a, T, L> {
        lines: &'a L,
        v: &'a [T],
        u: &'a [T],
        nie: T,
        x: &'a [T],
        y: &'a [T],
        d: usize,
        h: &'a [T],
        l0: usize,
        out: &'a mut [f64],
    }
    impl<T: Real, L: Lines<T>> pulp::WithSimd for Op<'_, T, L> {
        type Output = ();
        #[inline(always)]
        fn with_simd<S: Simd>(mut self, s: S) {
            let len = self.lines.line_len();
            let n_lines = self.lines.n_lines();
            let out = std::mem::take(&mut self.out);
            let block = 2 + self.d;
            let width = if self.h.is_empty() { block } else { 2 * block };
            let mut buf = [T::ZERO; SEGMENT];
            let mut w = [T::ZERO; SEGMENT];
            let mut wh = [T::ZERO; SEGMENT];
            for (k, o) in out.chunks_mut(width).enumerate() {
                let l = self.l0 + k;
                o.fill(0.0);
                let mut k0 = 0;
                while k0 < len {
                    let n = SEGMENT.min(len - k0);
                    let c = self.lines.segment(s, l, k0, n, &mut buf);
                    let w = &mut w[..n];
                    weights(s, self.v[l], &self.u[k0..k0 + n], c, self.nie, w);
                    self.add(s, w, c, l, n_lines, k0, &mut o[..block]);
                    if !self.h.is_empty() {
                        let wh = &mut wh[..n];
                        product(s, w, &self.h[k0..k0 + n], wh);
                        self.add(s, wh, c, l, n_lines, k0, &mut o[block..]);
                    }
                    k0 += n;
                }
            }
        }
    }
    impl<T: Real, L: Lines<T>> Op<'_, T, L> {
        /// Adds the sums of weights `w` over the segment at `k0` of line `l` to `o`.
        #[inline(always)]
        #[allow(clippy::too_many_arguments)]
        fn add<S: Simd>(
            &self,
            s: S,
            w: &[T],
            c: &[T],
            l: usize,
            n_lines: usize,
            k0: usize,
            o: &mut [f64],
        ) {
            let len = self.lines.line_len();
            let (sum, dot) = sum_and_dot(s, w, c);
            o[0] += sum.to_f64();
            o[1] += dot.to_f64();
            for t in 0..self.d {
                let yt = &self.y[t * len + k0..t * len + k0 + w.len()];
                let xt = self.x[t * n_lines + l];
                o[2 + t] += displacement(s, w, yt, xt).to_f64();
            }
        }
    }
    let arch = pulp::Arch::new();
    let width = if h.is_empty() { 2 + d } else { 2 * (2 + d) };
    par_chunks(par, out, LINES_CHUNK * width, |c, o| {
        arch.dispatch(Op {
            lines,
            v,
            u,
            nie,
            x,
            y,
            d,
            h,
            l0: c * LINES_CHUNK,
            out: o,
        })
    });
}

/// Workspace of [`transport_cost_in_place`] and [`barycentric_map_in_place`].
pub fn line_sums_scratch<T: Real>(n: usize, m: usize, d: usize) -> StackReq {
    let lines = n.max(m);
    StackReq::all_of(&[
        source_scratch::<T>(n, m, d),
        vec_req::<f64>(lines.saturating_mul(d.saturating_add(2))),
    ])
}

/// The checks of an output call: cost, weights, potentials, the output's shape `got` against
/// `want`, and the workspace.
#[allow(clippy::too_many_arguments)]
fn check_call<T: Real>(
    cost: &Cost<'_, T>,
    a: &[T],
    b: &[T],
    f: &[f64],
    g: &[f64],
    eps: f64,
    what: &str,
    got: (usize, usize),
    want: (usize, usize),
    stack: &MemStack,
) -> Result<()> {
    check_cost(cost)?;
    let (n, m) = cost.dims();
    check_potentials(n, m, a, b, f, g, eps)?;
    if got != want {
        bail!(
            InvalidDimension,
            "{what} output is {}x{}: expected {}x{}",
            got.0,
            got.1,
            want.0,
            want.1
        );
    }
    check_stack(stack, line_sums_scratch::<T>(n, m, cost.point_dim()))
}

pub(super) fn check_potentials<T: Real>(
    n: usize,
    m: usize,
    a: &[T],
    b: &[T],
    f: &[f64],
    g: &[f64],
    eps: f64,
) -> Result<()> {
    if a.len() != n || b.len() != m || f.len() != n || g.len() != m {
        bail!(
            InvalidDimension,
            "a, f must have n = {n} values and b, g m = {m} (got {}, {}, {}, {})",
            a.len(),
            f.len(),
            b.len(),
            g.len()
        );
    }
    if !(eps.is_finite() && eps > 0.0) {
        bail!(InvalidArgument, "epsilon = {eps:e}: must be finite and > 0");
    }
    crate::error::check_weights("a", a)?;
    crate::error::check_weights("b", b)?;
    crate::error::check_finite("f", f.iter().copied())?;
    crate::error::check_finite("g", g.iter().copied())?;
    Ok(())
}

/// Runs [`line_sums`] over the natural lines of `cost` and hands `(sums, values_per_line)` to
/// `finish`; `h` (m factors, or empty) adds the second block of sums on point clouds (dense
/// costs take none). Inputs must be checked; the workspace is [`line_sums_scratch`], twice
/// its sums with `h`.
#[allow(clippy::too_many_arguments)]
pub(super) fn with_line_sums<T: Real, R>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    f: &[f64],
    g: &[f64],
    eps: f64,
    h: &[T],
    par: Par,
    stack: &mut MemStack,
    finish: impl FnOnce(&[f64], usize) -> R,
) -> R {
    let (n, m) = cost.dims();
    let d = cost.point_dim();
    with_source(cost, a, b, stack, |p, stack| {
        scaled(f, p.la, eps, p.v);
        scaled(g, p.lb, eps, p.u);
        let (v, u, xt, yt) = (&*p.v, &*p.u, p.xt, p.yt);
        let nie = T::from_f64(-1.0 / eps);
        let none: &[T] = &[];
        match p.src {
            Source::Rows(l) => {
                let (mut sums, _) = take(stack, n * 2, 0.0f64);
                line_sums(&l, v, u, nie, (none, none), 0, none, &mut sums, par);
                finish(&sums, 2)
            }
            Source::Points(l, _) => {
                let width = if h.is_empty() { 2 + d } else { 2 * (2 + d) };
                let (mut sums, _) = take(stack, n * width, 0.0f64);
                line_sums(&l, v, u, nie, (xt, yt), d, h, &mut sums, par);
                finish(&sums, width)
            }
            Source::Cols(l) => {
                let (mut sums, _) = take(stack, m * 2, 0.0f64);
                line_sums(&l, u, v, nie, (none, none), 0, none, &mut sums, par);
                finish(&sums, 2)
            }
        }
    })
}
/// The transport cost ⟨P, C⟩ = Σ_ij P_ij C_ij of the plan of potentials (f, g) at `eps`, in
/// one streamed pass (O(n·m) time, no n×m memory). Workspace [`line_sums_scratch`].
#[allow(clippy::too_many_arguments)]
pub fn transport_cost_in_place<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    f: &[f64],
    g: &[f64],
    eps: f64,
    par: Par,
    stack: &mut MemStack,
) -> Result<f64> {
    check_cost(&cost)?;
    let (n, m) = cost.dims();
    check_potentials(n, m, a, b, f, g, eps)?;
    check_stack(stack, line_sums_scratch::<T>(n, m, cost.point_dim()))?;
    let total = |s: &[f64], w: usize| s.chunks(w).map(|c| c[1]).sum();
    Ok(with_line_sums(
        cost,
        a,
        b,
        f,
        g,
        eps,
        &[],
        par,
        stack,
        total,
    ))
}

/// [`transport_cost_in_place`] with its own workspace, on the calling thread.
pub fn transport_cost<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    f: &[f64],
    g: &[f64],
    eps: f64,
) -> Result<f64> {
    let (n, m) = cost.dims();
    let req = line_sums_scratch::<T>(n, m, cost.point_dim());
    with_stack(req, |st| {
        transport_cost_in_place(cost, a, b, f, g, eps, Par::Seq, st)
    })?
}

/// The barycentric projection of every source point, `out[i] = Σ_j P_ij y_j / Σ_j P_ij`
/// (n×d, as x_i + Σ_j P_ij (y_j − x_i) / Σ_j P_ij; rows with no mass are left at x_i), for a point-cloud cost, without forming P:
/// one streamed pass, O(n·m·d), which also gives the transport cost ⟨P, C⟩ (returned).
/// Workspace [`line_sums_scratch`].
#[allow(clippy::too_many_arguments)]
pub fn barycentric_map_in_place<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    f: &[f64],
    g: &[f64],
    eps: f64,
    out: MatMut<'_, T>,
    par: Par,
    stack: &mut MemStack,
) -> Result<f64> {
    let Cost::SqEuclidean { x, .. } = cost else {
        bail!(
            InvalidArgument,
            "the barycentric map needs point clouds, not a dense cost"
        );
    };
    let d = cost.point_dim();
    check_call(
        &cost,
        a,
        b,
        f,
        g,
        eps,
        "map",
        (out.nrows(), out.ncols()),
        (x.nrows(), d),
        stack,
    )?;
    let mut out = out;
    let map = |s: &[f64], _| {
        for (i, c) in s.chunks(2 + d).enumerate() {
            for t in 0..d {
                out[(i, t)] = if c[0] > 0.0 {
                    T::from_f64(x[(i, t)].to_f64() + c[2 + t] / c[0])
                } else {
                    x[(i, t)]
                };
            }
        }
        s.chunks(2 + d).map(|c| c[1]).sum()
    };
    Ok(with_line_sums(cost, a, b, f, g, eps, &[], par, stack, map))
}

/// [`barycentric_map_in_place`] allocating its n×d output and workspace, on the calling thread.
pub fn barycentric_map<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    f: &[f64],
    g: &[f64],
    eps: f64,
) -> Result<faer::Mat<T>> {
    let (n, m) = cost.dims();
    let d = cost.point_dim();
    let mut out = faer::Mat::<T>::from_fn(n, d, |_, _| T::ZERO);
    let req = line_sums_scratch::<T>(n, m, d);
    with_stack(req, |st| {
        barycentric_map_in_place(cost, a, b, f, g, eps, out.as_mut(), Par::Seq, st)
    })??;
    Ok(out)
}

/// Writes the dense plan `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)` into `out` (n×m, any
/// strides). O(n·m) time; workspace [`line_sums_scratch`] (at most).
#[allow(clippy::too_many_arguments)]
pub fn plan_in_place<T: Real>(
    cost: Cost<'_, T>,
    a: &[T],
    b: &[T],
    f: &[f64],
    g: &[f64],
    eps: f64,
    out: MatMut<'_, T>,
    stack: &mut MemStack,
) -> Result<()> {
    let dims = cost.dims();
    check_call(
        &cost,
        a,
        b,
        f,
        g,
        eps,
        "plan",
        (out.nrows(), out.ncols()),
        dims,
        stack,
    )?;
    struct Op<'a, T, L> {
        lines: &'a L,
        v: &'a [T],
        u: &'a [T],
        nie: T,
        out: MatMut<'a, T>,
    }
    impl<T: Real, L: Lines<T>> pulp::WithSimd for Op<'_, T, L> {
        type Output = ();
        #[inline(always)]
        fn with_simd<S: Simd>(self, s: S) {
            let mut out = self.out;
            let len = self.lines.line_len();
            let mut buf = [T::ZERO; SEGMENT];
            let mut w = [T::ZERO; SEGMENT];
            for l in 0..self.lines.n_lines() {
                let mut k0 = 0;
                while k0 < len {
                    let n = SEGMENT.min(len - k0);
                    let c = self.lines.segment(s, l, k0, n, &mut buf);
                    weights(s, self.v[l], &self.u[k0..k0 + n], c, self.nie, &mut w[..n]);
                    for (k, &wk) in w[..n].iter().enumerate() {
                        out[(l, k0 + k)] = wk;
                    }
                    k0 += n;
                }
            }
        }
    }
    with_source(cost, a, b, stack, |p, _| {
        scaled(f, p.la, eps, p.v);
        scaled(g, p.lb, eps, p.u);
        let (v, u) = (&*p.v, &*p.u);
        let nie = T::from_f64(-1.0 / eps);
        let arch = pulp::Arch::new();
        match p.src {
            Source::Rows(l) => arch.dispatch(Op {
                lines: &l,
                v,
                u,
                nie,
                out,
            }),
            Source::Points(l, _) => arch.dispatch(Op {
                lines: &l,
                v,
                u,
                nie,
                out,
            }),
            Source::Cols(l) => arch.dispatch(Op {
                lines: &l,
                v: u,
                u: v,
                nie,
                out: out.transpose_mut(),
            }),
        }
    });
    Ok(())
}
