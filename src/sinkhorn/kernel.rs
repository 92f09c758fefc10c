//! The stored-kernel Sinkhorn iteration (Schmitzer 2019, "Stabilized sparse scaling algorithms
//! for entropy regularized transport problems", absorption).
//!
//! The potentials are split as `f = α + ε·log u`, `g = β + ε·log v`: the stabilised kernel
//! `K̃_ij = exp((α_i + β_j − C_ij)/ε)` is stored once (n·m values of `T`, row-major, from the
//! workspace) and the iteration updates the scalings u, v only. One iteration reads K̃ once
//! (`sweep`): for a block of `BLOCK_ROWS` rows, their dot products with `w = b·v` give the
//! new `u_i` (the row update), and the same rows, still in L2, add `a_i·u_i·K̃_i·` into column
//! sums (the column update then needs O(m)). This is the alternating Sinkhorn iteration
//! exactly: the column sums use the new u. When a scaling leaves `[e^{−τ}, e^τ]` (`tau`) it
//! is absorbed into α, β and K̃ rebuilt (n·m exponentials); where K̃ would underflow (a row or
//! column sum is 0, say at tiny ε from a cold start) the solver runs log-domain iterations
//! until the potentials move by less than τ·ε an iteration, then stores K̃ again.
//!
//! Sums: products and per-tile sums in `T`, tiles of `TILE` columns added in f64. Rows are
//! split into parallel chunks of `CHUNK_ROWS`, each with its own f64 column partial sums,
//! added in chunk order (in parallel over column chunks, each doing its columns' update
//! there): results are bitwise identical for every thread count. Successive sweeps visit the
//! row chunks in alternating directions, so that each starts on the part of K̃ the previous
//! one left in the last-level cache (the chunks' results do not depend on the order).

use super::cost_source::Source;
use crate::par::{par_chunks, par_chunks3, par_chunks_ordered};
use crate::workspace::{take, vec_req};
use crate::{MemStack, Par, Real, StackReq};
use pulp::Simd;

/// Rows per parallel chunk of a sweep (each chunk keeps m f64 column partial sums).
pub(crate) const CHUNK_ROWS: usize = 256;
/// Rows whose dot products share the loads of w; the block stays in L2 between the passes.
const BLOCK_ROWS: usize = 8;
/// Columns of one tile: its sums in `T` are added to f64 accumulators.
const TILE: usize = 512;
/// Columns per parallel chunk of the reduction of the column partial sums.
const REDUCE_CHUNK: usize = 1024;
/// Per-chunk record after the column sums: the new log u of the chunk's rows, then
/// (row error, row mass, max |log u_new|, failure flag).
const STATS: usize = 4;

/// Absorption threshold τ on |log u| and |log v|: an eighth of −ln(smallest normal `T`)
/// (10.9 for f32, 88.5 for f64). Entries of K̃ flushed to 0 weigh below e^{−L} (L =
/// −ln MIN_POSITIVE) and the scalings multiply them by at most e^{2τ}, so what is lost stays
/// below e^{−3L/4} of the plan's entries (1e-28 in f32), while sums of n or m entries of size
/// up to e^{2τ}·max K̃ cannot overflow.
pub(crate) fn tau<T: Real>() -> f64 {
    -T::MIN_POSITIVE.to_f64().ln() / 8.0
}

/// Number of row chunks of a sweep.
fn chunks(n: usize) -> usize {
    n.div_ceil(CHUNK_ROWS)
}

/// Bytes of the stored-kernel workspace ([`kernel_scratch`] without alignment padding), or
/// `None` if it overflows `usize`.
pub(crate) fn kernel_bytes<T: Real>(n: usize, m: usize) -> Option<usize> {
    let k = n.checked_mul(m)?.checked_mul(std::mem::size_of::<T>())?;
    let rec = chunks(n).checked_mul(m + CHUNK_ROWS + STATS)?;
    let vecs = rec.checked_add(n + 3 * m)?.checked_mul(8)?;
    k.checked_add(vecs)
}

/// Workspace of the stored-kernel iteration: K̃ (n·m values of `T`), the per-chunk records
/// (⌈n/256⌉·(m + 260) f64), log u (n), log v and its update (2m), the column sums (m), all f64.
pub(crate) fn kernel_scratch<T: Real>(n: usize, m: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<T>(n.saturating_mul(m)),
        vec_req::<f64>(chunks(n).saturating_mul(m + CHUNK_ROWS + STATS)),
        vec_req::<f64>(n),
        vec_req::<f64>(m),
        vec_req::<f64>(m),
        vec_req::<f64>(m),
    ])
}

/// The stored kernel and the scalings, taken from a workspace of [`kernel_scratch`].
pub(crate) struct KernelState<'s, T> {
    /// K̃, row-major n×m.
    k: &'s mut [T],
    /// Per-chunk records: column partial sums (m), new log u (CHUNK_ROWS), STATS values.
    rec: &'s mut [f64],
    /// log u (n).
    pub(crate) lu: &'s mut [f64],
    /// log v (m).
    pub(crate) lv: &'s mut [f64],
    /// The candidate log v of an iteration (m).
    lv_new: &'s mut [f64],
    /// Column sums Σ_i K̃_ij a_i u_i (m), then each column's marginal error.
    colsum: &'s mut [f64],
    n: usize,
    m: usize,
    /// Whether the next sweep visits the row chunks from the last to the first (sweeps
    /// alternate, each starting on the rows the previous one read last).
    reverse: bool,
}

/// Runs `body` with a [`KernelState`] for an n×m problem taken from `stack`.
pub(crate) fn with_kernel<T: Real, R>(
    n: usize,
    m: usize,
    stack: &mut MemStack,
    body: impl FnOnce(KernelState<'_, T>, &mut MemStack) -> R,
) -> R {
    let (mut k, stack) = take(stack, n * m, T::ZERO);
    let (mut rec, stack) = take(stack, chunks(n) * (m + CHUNK_ROWS + STATS), 0.0f64);
    let (mut lu, stack) = take(stack, n, 0.0f64);
    let (mut lv, stack) = take(stack, m, 0.0f64);
    let (mut lv_new, stack) = take(stack, m, 0.0f64);
    let (mut colsum, stack) = take(stack, m, 0.0f64);
    let st = KernelState {
        k: &mut k,
        rec: &mut rec,
        lu: &mut lu,
        lv: &mut lv,
        lv_new: &mut lv_new,
        colsum: &mut colsum,
        n,
        m,
        reverse: false,
    };
    body(st, stack)
}

/// What a sweep found.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SweepStats {
    /// Σ_i |r_i − t_i| of the state before the sweep (r its row marginal, t the target).
    pub row_error: f64,
    /// Σ_i r_i.
    pub mass: f64,
    /// max_i |log u_new_i|.
    pub max_lu: f64,
    /// A row sum was 0 or not finite: K̃ underflowed (or overflowed) on that row.
    pub failed: bool,
    /// Column marginal error of the new state (u_new, v_new).
    pub col_error: f64,
    /// max_j |log v_new_j|.
    pub max_lv: f64,
    /// A column sum was 0 or not finite.
    pub col_failed: bool,
}

/// The row side of an update: the potentials α (f64), weights and the update's constants.
#[derive(Clone, Copy)]
pub(crate) struct Side<'a, T> {
    /// Weights of this side.
    pub w: &'a [T],
    /// Stabilisation potentials of this side (α or β).
    pub pot: &'a [f64],
    /// ε.
    pub eps: f64,
    /// KL penalty ρ of this side (∞ = balanced).
    pub rho: f64,
    /// Over-relaxation ω.
    pub omega: f64,
}

impl<T: Real> Side<'_, T> {
    /// For index i with current log-scaling `l` and sum `sum = Σ K̃·(other side's w·scaling)`:
    /// (marginal r, target t, new log-scaling). The new value is
    /// `(1 − ω)·l + ω·(−κ ln sum − (1 − κ)·pot/ε)`, κ = ρ/(ρ + ε).
    #[inline(always)]
    pub(crate) fn update(&self, i: usize, l: f64, sum: f64) -> (f64, f64, f64) {
        let wi = self.w[i].to_f64();
        let r = wi * l.exp() * sum;
        let t = if self.rho.is_infinite() {
            wi
        } else {
            wi * (-(self.pot[i] + self.eps * l) / self.rho).exp()
        };
        let kappa = super::marginal::kappa(self.rho, self.eps);
        let sk = -kappa * sum.ln() - (1.0 - kappa) * self.pot[i] / self.eps;
        let new = if self.omega == 1.0 {
            sk
        } else {
            (1.0 - self.omega) * l + self.omega * sk
        };
        (r, t, new)
    }
}

/// Dot products of R rows with `w` over one tile, in `T` (R accumulators sharing each load
/// of `w`).
#[inline(always)]
fn dots<T: Real, S: Simd, const R: usize>(s: S, rows: &[&[T]; R], w: &[T]) -> [T; R] {
    let z = T::splat_s(s, T::ZERO);
    let mut acc = [z; R];
    let (wv, wt) = T::as_simd::<S>(w);
    let rv: [&[T::Vector<S>]; R] = std::array::from_fn(|q| T::as_simd::<S>(rows[q]).0);
    for (k, &x) in wv.iter().enumerate() {
        for q in 0..R {
            acc[q] = T::mul_add_s(s, rv[q][k], x, acc[q]);
        }
    }
    let mut out = [T::ZERO; R];
    for q in 0..R {
        out[q] = T::reduce_sum_s(s, acc[q]);
        let tail = &rows[q][wv.len() * T::lanes::<S>()..];
        for (&c, &x) in tail.iter().zip(wt) {
            out[q] += c * x;
        }
    }
    out
}

/// `out[k] = Σ_q c[q]·rows[q][k]` over one tile, in `T`.
#[inline(always)]
fn combine<T: Real, S: Simd, const R: usize>(s: S, rows: &[&[T]; R], c: &[T; R], out: &mut [T]) {
    let cv: [T::Vector<S>; R] = std::array::from_fn(|q| T::splat_s(s, c[q]));
    let (ov, ot) = T::as_mut_simd::<S>(out);
    let lanes = ov.len() * T::lanes::<S>();
    let rv: [&[T::Vector<S>]; R] = std::array::from_fn(|q| T::as_simd::<S>(rows[q]).0);
    for (k, o) in ov.iter_mut().enumerate() {
        let mut x = T::mul_s(s, rv[0][k], cv[0]);
        for q in 1..R {
            x = T::mul_add_s(s, rv[q][k], cv[q], x);
        }
        *o = x;
    }
    for (k, o) in ot.iter_mut().enumerate() {
        let mut x = T::ZERO;
        for q in 0..R {
            x += rows[q][lanes + k] * c[q];
        }
        *o = x;
    }
}

/// One block of R rows starting at row `i0` of the chunk: their row updates (written to
/// `lu_new`, stats accumulated) and their contribution to the chunk's column sums `part`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn block<T: Real, S: Simd, const R: usize>(
    s: S,
    k: &[T],
    m: usize,
    i0: usize,
    w: &[T],
    lu: &[f64],
    side: &Side<'_, T>,
    lu_new: &mut [f64],
    part: &mut [f64],
    stats: &mut SweepStats,
) {
    let row = |q: usize| &k[(i0 + q) * m..(i0 + q + 1) * m];
    let mut sum = [0.0f64; R];
    let mut k0 = 0;
    while k0 < m {
        let len = TILE.min(m - k0);
        let rows: [&[T]; R] = std::array::from_fn(|q| &row(q)[k0..k0 + len]);
        let d = dots::<T, S, R>(s, &rows, &w[k0..k0 + len]);
        for q in 0..R {
            sum[q] += d[q].to_f64();
        }
        k0 += len;
    }
    let mut c = [T::ZERO; R];
    for q in 0..R {
        let i = i0 + q;
        let (r, t, new) = side.update(i, lu[i], sum[q]);
        if !(sum[q] > 0.0 && sum[q].is_finite() && new.is_finite()) {
            stats.failed = true;
        }
        stats.row_error += (r - t).abs();
        stats.mass += r;
        stats.max_lu = stats.max_lu.max(new.abs());
        lu_new[q] = new;
        c[q] = T::from_f64(side.w[i].to_f64() * new.exp());
    }
    let mut buf = [T::ZERO; TILE];
    let mut k0 = 0;
    while k0 < m {
        let len = TILE.min(m - k0);
        let rows: [&[T]; R] = std::array::from_fn(|q| &row(q)[k0..k0 + len]);
        combine::<T, S, R>(s, &rows, &c, &mut buf[..len]);
        for (p, &x) in part[k0..k0 + len].iter_mut().zip(&buf[..len]) {
            *p += x.to_f64();
        }
        k0 += len;
    }
}

impl<T: Real> KernelState<'_, T> {
    /// Stores K̃_ij = exp((α_i + β_j − C_ij)/ε) and resets the scalings to 1. `pb` (m) is a
    /// buffer for β/ε in `T`. n·m exponentials, rows in parallel chunks.
    pub(crate) fn build(
        &mut self,
        src: &Source<'_, T>,
        alpha: &[f64],
        beta: &[f64],
        eps: f64,
        pb: &mut [T],
        par: Par,
    ) {
        struct Op<'a, T> {
            src: &'a Source<'a, T>,
            alpha: &'a [f64],
            pb: &'a [T],
            eps: f64,
            i0: usize,
            out: &'a mut [T],
        }
        impl<T: Real> pulp::WithSimd for Op<'_, T> {
            type Output = ();
            #[inline(always)]
            fn with_simd<S: Simd>(self, s: S) {
                let m = self.pb.len();
                let nie = T::splat_s(s, T::from_f64(-1.0 / self.eps));
                let mut buf = [T::ZERO; TILE];
                for (q, out) in self.out.chunks_mut(m).enumerate() {
                    let i = self.i0 + q;
                    let pa = T::from_f64(self.alpha[i] / self.eps);
                    let mut k0 = 0;
                    while k0 < m {
                        let len = TILE.min(m - k0);
                        let c = self.src.row_segment(s, i, k0, len, &mut buf);
                        let o = &mut out[k0..k0 + len];
                        let pb = &self.pb[k0..k0 + len];
                        let pav = T::splat_s(s, pa);
                        let (ov, ot) = T::as_mut_simd::<S>(o);
                        let (cv, ct) = T::as_simd::<S>(c);
                        let (bv, bt) = T::as_simd::<S>(pb);
                        for ((o, &c), &b) in ov.iter_mut().zip(cv).zip(bv) {
                            let x = T::mul_add_s(s, c, nie, T::add_s(s, b, pav));
                            *o = T::exp_s(s, x);
                        }
                        let ie = T::from_f64(-1.0 / self.eps);
                        for ((o, &c), &b) in ot.iter_mut().zip(ct).zip(bt) {
                            *o = (c * ie + (b + pa)).exp();
                        }
                        k0 += len;
                    }
                }
            }
        }
        for (p, &b) in pb.iter_mut().zip(beta) {
            *p = T::from_f64(b / eps);
        }
        let m = self.m;
        let arch = pulp::Arch::new();
        let pb = &*pb;
        par_chunks(par, self.k, CHUNK_ROWS * m, |c, out| {
            arch.dispatch(Op {
                src,
                alpha,
                pb,
                eps,
                i0: c * CHUNK_ROWS,
                out,
            })
        });
        self.lu.fill(0.0);
        self.lv.fill(0.0);
    }

    /// Folds the scalings into the potentials: `f += ε·log u`, `g += ε·log v`, scalings 1
    /// (K̃ must then be rebuilt before the next sweep).
    pub(crate) fn absorb(&mut self, f: &mut [f64], g: &mut [f64], eps: f64) {
        for (p, l) in f.iter_mut().zip(self.lu.iter_mut()) {
            *p += eps * *l;
            *l = 0.0;
        }
        for (p, l) in g.iter_mut().zip(self.lv.iter_mut()) {
            *p += eps * *l;
            *l = 0.0;
        }
    }

    /// One fused pass over K̃: with `w_j = b_j·v_j` (in `w`), every row sum
    /// `S_i = Σ_j K̃_ij w_j` gives the row error of the current state and the new log u
    /// (kept in the chunk records until [`KernelState::commit_rows`]), the column sums
    /// `Σ_i K̃_ij a_i u_new_i` are added up and the column update made from them: the new
    /// log v (current once [`KernelState::commit_cols`] is called), `w_j = b_j·v_j_new` in
    /// `w`, the column error of the new state. Rows are read in parallel chunks (in
    /// alternating directions from one sweep to the next), column sums and updates in
    /// parallel column chunks; every sum is in a fixed order.
    pub(crate) fn sweep(
        &mut self,
        w: &mut [T],
        rows: &Side<'_, T>,
        cols: &Side<'_, T>,
        par: Par,
    ) -> SweepStats {
        struct Op<'a, T> {
            k: &'a [T],
            m: usize,
            w: &'a [T],
            lu: &'a [f64],
            side: &'a Side<'a, T>,
            i0: usize,
            rec: &'a mut [f64],
        }
        impl<T: Real> pulp::WithSimd for Op<'_, T> {
            type Output = ();
            #[inline(always)]
            fn with_simd<S: Simd>(self, s: S) {
                let m = self.m;
                let n = self.lu.len();
                let rows = CHUNK_ROWS.min(n - self.i0);
                let (part, rest) = self.rec.split_at_mut(m);
                let (lu_new, st) = rest.split_at_mut(CHUNK_ROWS);
                part.fill(0.0);
                let mut stats = SweepStats::default();
                let mut q = 0;
                while q < rows {
                    let (k, w, lu, side) = (self.k, self.w, self.lu, self.side);
                    let i = self.i0 + q;
                    if rows - q >= BLOCK_ROWS {
                        let out = &mut lu_new[q..q + BLOCK_ROWS];
                        block::<T, S, BLOCK_ROWS>(s, k, m, i, w, lu, side, out, part, &mut stats);
                        q += BLOCK_ROWS;
                    } else {
                        let out = &mut lu_new[q..q + 1];
                        block::<T, S, 1>(s, k, m, i, w, lu, side, out, part, &mut stats);
                        q += 1;
                    }
                }
                st[0] = stats.row_error;
                st[1] = stats.mass;
                st[2] = stats.max_lu;
                st[3] = if stats.failed { 1.0 } else { 0.0 };
            }
        }
        let (m, n) = (self.m, self.n);
        let arch = pulp::Arch::new();
        let rec_len = m + CHUNK_ROWS + STATS;
        let reverse = self.reverse;
        self.reverse = !reverse;
        let (k, lu, w_read) = (&*self.k, &*self.lu, &*w);
        par_chunks_ordered(par, self.rec, rec_len, reverse, |c, rec| {
            arch.dispatch(Op {
                k,
                m,
                w: w_read,
                lu,
                side: rows,
                i0: c * CHUNK_ROWS,
                rec,
            })
        });
        let mut stats = SweepStats::default();
        let rec = &*self.rec;
        for r in rec.chunks(rec_len).take(chunks(n)) {
            let st = &r[m + CHUNK_ROWS..];
            stats.row_error += st[0];
            stats.mass += st[1];
            stats.max_lu = stats.max_lu.max(st[2]);
            stats.failed |= st[3] != 0.0;
        }
        // Column sums, then the column update; colsum_j becomes column j's error.
        let lv = &*self.lv;
        par_chunks3(
            par,
            (&mut *self.colsum, &mut *self.lv_new, w),
            REDUCE_CHUNK,
            |c, sum, lv_new, w| {
                let j0 = c * REDUCE_CHUNK;
                let len = sum.len();
                sum.fill(0.0);
                for r in rec.chunks(rec_len).take(chunks(n)) {
                    for (o, &p) in sum.iter_mut().zip(&r[j0..j0 + len]) {
                        *o += p;
                    }
                }
                for (q, ((s, l), w)) in sum.iter_mut().zip(lv_new).zip(w).enumerate() {
                    let j = j0 + q;
                    let (_, _, new) = cols.update(j, lv[j], *s);
                    // The column marginal of (u_new, v_new) and its target.
                    let (r, t, _) = cols.update(j, new, *s);
                    *l = new;
                    *w = T::from_f64(cols.w[j].to_f64() * new.exp());
                    *s = (r - t).abs();
                }
            },
        );
        // A column sum of 0 or ∞ (or NaN) makes its new log v infinite (or NaN): κ > 0, ω > 0.
        for (&e, &l) in self.colsum.iter().zip(self.lv_new.iter()) {
            stats.col_error += e;
            stats.max_lv = stats.max_lv.max(l.abs());
            stats.col_failed |= !l.is_finite();
        }
        stats
    }

    /// Makes the sweep's new log u the current one.
    pub(crate) fn commit_rows(&mut self) {
        let rec_len = self.m + CHUNK_ROWS + STATS;
        for (lu, r) in self.lu.chunks_mut(CHUNK_ROWS).zip(self.rec.chunks(rec_len)) {
            lu.copy_from_slice(&r[self.m..self.m + lu.len()]);
        }
    }

    /// Makes the column update's log v the current one.
    pub(crate) fn commit_cols(&mut self) {
        self.lv.copy_from_slice(self.lv_new);
    }

    /// `w_j = b_j·v_j` from the current log v.
    pub(crate) fn column_weights(&self, b: &[T], w: &mut [T]) {
        for ((o, &bj), &l) in w.iter_mut().zip(b).zip(self.lv.iter()) {
            *o = T::from_f64(bj.to_f64() * l.exp());
        }
    }
}
