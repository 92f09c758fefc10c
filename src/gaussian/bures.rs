//! Bures distance between covariances and the 2-Wasserstein distance between Gaussians,
//! for one pair and for all pairs between two batches.

use super::congruence::{cross_eig_req, cross_factor, cross_from_eigenvalues};
use super::near::{bures_near, bures_near_req};
use super::sqrtm::{
    check_symmetric, eigh_psd, eigh_req, mat_req, scale_cols, singular_values, svd_req,
};
use super::{run_tasks, slot_layout, slots_req, PsdTolerances};
use crate::workspace::{check_stack, take, vec_req, with_stack};
use crate::{bail, MatMut, MatRef, MemStack, Par, Result, StackReq};
use faer::linalg::cholesky::llt::factor::{
    cholesky_in_place, cholesky_in_place_scratch, LltRegularization,
};
use faer::linalg::temp_mat_zeroed;
use faer::mat::AsMatMut;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::Mat;
use std::fmt::Display;

/// Workspace of [`half_factor`].
pub(crate) fn half_factor_req(d: usize, par: Par) -> StackReq {
    if d > super::sqrtm::MAX_DIM {
        return StackReq::OVERFLOW;
    }
    StackReq::any_of(&[
        StackReq::all_of(&[vec_req::<f64>(d), eigh_req(d, true, par)]),
        cholesky_in_place_scratch::<f64>(d, Par::Seq, Default::default()),
    ])
}

/// Checks Σ (d×d, symmetric PSD), writes a square factor V with Σ = V·Vᵀ into `v` and returns
/// ‖V‖_F² = tr(V Vᵀ) (tr Σ up to rounding, and exactly the trace the cross term sees) and
/// whether V is the lower-triangular Cholesky factor.
///
/// V is the Cholesky factor L when Σ is numerically positive definite (n³/3 flops); otherwise
/// (singular, semi-definite, or indefinite within `tol`) V = U·diag(√λ) from the clamped
/// eigendecomposition, which also reports inputs that are not PSD beyond `tol`. The Bures
/// cross term needs only *some* factor: tr (Σ₁^½ Σ₂ Σ₁^½)^½ = ‖V₂ᵀ V₁‖_* for any V₁, V₂.
pub(crate) fn half_factor(
    what: &dyn Display,
    s: MatRef<'_, f64>,
    d: usize,
    mut v: MatMut<'_, f64>,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<(f64, bool)> {
    check_symmetric(what, s, d, tol)?;
    v.copy_from(s);
    let reg = LltRegularization {
        dynamic_regularization_delta: 0.0,
        dynamic_regularization_epsilon: 0.0,
    };
    if cholesky_in_place(v.rb_mut(), reg, Par::Seq, stack, Default::default()).is_ok() {
        let mut fro = 0.0;
        for j in 0..d {
            for i in 0..j {
                v[(i, j)] = 0.0;
            }
            for i in j..d {
                fro += v[(i, j)] * v[(i, j)];
            }
        }
        return Ok((fro, true));
    }
    let (mut w, stack) = take(stack, d, 0.0f64);
    eigh_psd(what, s, &mut w, Some(v.rb_mut()), tol, par, stack)?;
    scale_cols(v, &w, f64::sqrt);
    Ok((w.iter().sum(), false))
}

/// Workspace of [`trace_sqrt_cross`].
fn cross_req(d: usize, par: Par) -> StackReq {
    StackReq::all_of(&[mat_req(d), vec_req::<f64>(d), svd_req(d, false, par)])
}

/// tr (Σ₁^½ Σ₂ Σ₁^½)^½ from square factors Σ₁ = V₁V₁ᵀ, Σ₂ = V₂V₂ᵀ: the eigenvalues of
/// Σ₁^½ Σ₂ Σ₁^½ are those of V₁ᵀ V₂ V₂ᵀ V₁ = CᵀC with C = V₂ᵀ V₁, so the trace of its square
/// root is the nuclear norm of C. One matmul and one singular-value-only SVD; singular values
/// carry an absolute error ~ε·‖C‖ (forming CᵀC and taking square roots of its eigenvalues
/// would give ~√ε·‖C‖ near rank-deficiency).
fn trace_sqrt_cross(
    v1: MatRef<'_, f64>,
    v2: MatRef<'_, f64>,
    par: Par,
    stack: &mut MemStack,
) -> Result<f64> {
    cross_sum(v1, v2, |x| x, par, stack)
}

/// Σᵢ g(sᵢ) over the singular values sᵢ ≥ 0 of C = V₂ᵀ V₁ (the square roots of the
/// eigenvalues of Σ₁^½ Σ₂ Σ₁^½), summed from the smallest. Workspace: [`cross_req`].
fn cross_sum(
    v1: MatRef<'_, f64>,
    v2: MatRef<'_, f64>,
    g: impl Fn(f64) -> f64,
    par: Par,
    stack: &mut MemStack,
) -> Result<f64> {
    let d = v1.nrows();
    let (mut c, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut c = c.as_mat_mut();
    let (mut s, stack) = take(stack, d, 0.0f64);
    cross_factor(v1, v2, c.rb_mut());
    singular_values(c.rb(), &mut s, None, par, stack)?;
    Ok(s.iter().rev().map(|&x| g(x.max(0.0))).sum())
}

/// B² from its three terms, clamped at 0 (it is ≥ 0 exactly; rounding can cross 0).
fn bures_sq(tr1: f64, tr2: f64, cross: f64) -> f64 {
    (tr1 + tr2 - 2.0 * cross).max(0.0)
}

/// When (tr Σ₁ + tr Σ₂)/B² from the trace form exceeds this, the covariances are close and
/// [`bures_near`] (no cancellation) is tried.
const NEAR_RATIO: f64 = 16.0;

/// Workspace of [`bures_distance_in_place`] for d×d covariances.
pub fn bures_distance_scratch(d: usize, par: Par) -> StackReq {
    StackReq::any_of(&[
        StackReq::all_of(&[
            mat_req(d).array(2),
            StackReq::any_of(&[
                half_factor_req(d, par),
                cross_req(d, par),
                cross_eig_req(d, par),
            ]),
        ]),
        bures_near_req(d, par),
    ])
}

/// Squared Bures distance B²(Σ₁, Σ₂) = tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½ between two
/// symmetric PSD d×d matrices (any strides). Both are checked (symmetry, PSD within `tol`);
/// singular inputs are fine. O(d³), allocation-free.
///
/// Route: Cholesky factors Σ = LLᵀ (eigendecompositions for singular inputs) and the
/// eigenvalues alone of M = (L₂ᵀL₁)ᵀ(L₂ᵀL₁), similar to Σ₁^½ Σ₂ Σ₁^½ (about 3.3d³ flops), or
/// the singular values of L₂ᵀL₁ when M has eigenvalues near 0 (where squaring loses
/// accuracy). When the trace form cancels (B² < (tr Σ₁ + tr Σ₂)/16, close covariances), B² is
/// recomputed as the sum of squares ‖Σ₁^½(A − I)‖²_F from Σ₂ − Σ₁ (see `near.rs`), whose
/// error is relative to B² rather than to the traces.
pub fn bures_distance_in_place(
    s1: MatRef<'_, f64>,
    s2: MatRef<'_, f64>,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<f64> {
    let d = s1.nrows();
    if d == 0 {
        bail!(InvalidDimension, "sigma1 is 0x0");
    }
    check_stack(stack, bures_distance_scratch(d, par))?;
    // faer's products and decompositions exceed 16³ multiply-adds from d = 17 on.
    crate::product_buffer::ensure_if(d > 16, par)?;
    let (traces, b2) = {
        let (mut v1, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
        let mut v1 = v1.as_mat_mut();
        let (mut v2, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
        let mut v2 = v2.as_mat_mut();
        let (tr1, lower1) = half_factor(&"sigma1", s1, d, v1.rb_mut(), tol, par, stack)?;
        let (tr2, lower2) = half_factor(&"sigma2", s2, d, v2.rb_mut(), tol, par, stack)?;
        let cross = match cross_from_eigenvalues(v1.rb(), lower1, v2.rb(), lower2, par, stack)? {
            Some(c) => c,
            None => trace_sqrt_cross(v1.rb(), v2.rb(), par, stack)?,
        };
        (tr1 + tr2, bures_sq(tr1, tr2, cross))
    };
    if traces > NEAR_RATIO * b2 {
        if let Some(b) = bures_near(s1, s2, par, stack)? {
            return Ok(b);
        }
    }
    Ok(b2)
}

/// (tr Σ₁, tr Σ₂, Σᵢ g(sᵢ)) with sᵢ the singular values of V₂ᵀV₁ (see [`cross_sum`]); checks
/// both matrices. Workspace: [`bures_distance_scratch`].
pub(crate) fn bures_terms(
    s1: MatRef<'_, f64>,
    s2: MatRef<'_, f64>,
    g: impl Fn(f64) -> f64,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<(f64, f64, f64)> {
    let d = s1.nrows();
    if d == 0 {
        bail!(InvalidDimension, "sigma1 is 0x0");
    }
    check_stack(stack, bures_distance_scratch(d, par))?;
    // faer's products and decompositions exceed 16³ multiply-adds from d = 17 on.
    crate::product_buffer::ensure_if(d > 16, par)?;
    let (mut v1, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut v1 = v1.as_mat_mut();
    let (mut v2, stack) = temp_mat_zeroed::<f64, _, _>(d, d, stack);
    let mut v2 = v2.as_mat_mut();
    let (tr1, _) = half_factor(&"sigma1", s1, d, v1.rb_mut(), tol, par, stack)?;
    let (tr2, _) = half_factor(&"sigma2", s2, d, v2.rb_mut(), tol, par, stack)?;
    let cross = cross_sum(v1.rb(), v2.rb(), g, par, stack)?;
    Ok((tr1, tr2, cross))
}

/// Convenience form of [`bures_distance_in_place`] (one allocation): B², squared.
pub fn bures_distance(
    s1: MatRef<'_, f64>,
    s2: MatRef<'_, f64>,
    tol: &PsdTolerances,
) -> Result<f64> {
    let d = s1.nrows();
    with_stack(bures_distance_scratch(d, Par::Seq), |st| {
        bures_distance_in_place(s1, s2, tol, Par::Seq, st)
    })?
}

/// ‖m₁ − m₂‖², summed in order.
pub(crate) fn mean_gap_sq(m1: impl Iterator<Item = f64>, m2: impl Iterator<Item = f64>) -> f64 {
    m1.zip(m2).map(|(a, b)| (a - b) * (a - b)).sum()
}

/// Checks that a mean has length d and finite entries.
pub(crate) fn check_mean(what: &dyn Display, m: &[f64], d: usize) -> Result<()> {
    if m.len() != d {
        bail!(
            InvalidDimension,
            "{what} has length {}, expected {d}",
            m.len()
        );
    }
    match m.iter().position(|x| !x.is_finite()) {
        Some(i) => bail!(NonFinite, "{what}[{i}] is {:?}, not a finite number", m[i]),
        None => Ok(()),
    }
}

/// Squared 2-Wasserstein distance between N(m₁, Σ₁) and N(m₂, Σ₂):
/// W₂² = ‖m₁ − m₂‖² + B²(Σ₁, Σ₂). Workspace: [`bures_distance_scratch`]. O(d³).
pub fn gaussian_w2_in_place(
    m1: &[f64],
    s1: MatRef<'_, f64>,
    m2: &[f64],
    s2: MatRef<'_, f64>,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<f64> {
    let d = s1.nrows();
    check_mean(&"m1", m1, d)?;
    check_mean(&"m2", m2, d)?;
    let b = bures_distance_in_place(s1, s2, tol, par, stack)?;
    Ok(mean_gap_sq(m1.iter().copied(), m2.iter().copied()) + b)
}

/// Convenience form of [`gaussian_w2_in_place`]: W₂², squared.
pub fn gaussian_w2(
    m1: &[f64],
    s1: MatRef<'_, f64>,
    m2: &[f64],
    s2: MatRef<'_, f64>,
    tol: &PsdTolerances,
) -> Result<f64> {
    with_stack(bures_distance_scratch(s1.nrows(), Par::Seq), |st| {
        gaussian_w2_in_place(m1, s1, m2, s2, tol, Par::Seq, st)
    })?
}

/// Per-task workspace of the pairwise kernel.
fn pair_task_req(d: usize) -> StackReq {
    StackReq::any_of(&[
        half_factor_req(d, Par::Seq),
        cross_req(d, Par::Seq),
        bures_near_req(d, Par::Seq),
    ])
}

/// Workspace of [`w2_pairwise_in_place`] for k₁ × k₂ pairs of d-dimensional Gaussians.
pub fn w2_pairwise_scratch(k1: usize, k2: usize, d: usize, par: Par) -> StackReq {
    let per = d.saturating_mul(d).saturating_add(1);
    let f1 = k1.saturating_mul(per);
    let f2 = k2.saturating_mul(per);
    let pairs = k1.saturating_mul(k2);
    let task = pair_task_req(d);
    StackReq::all_of(&[
        vec_req::<f64>(f1),
        vec_req::<f64>(f2),
        vec_req::<f64>(pairs),
        slots_req(k1.max(k2).max(pairs), task, par),
    ])
}

/// All squared W₂ distances between a batch of k₁ Gaussians (means as rows of `m1`, k₁×d;
/// covariances `s1[i]`, d×d, any strides) and a batch of k₂ (`m2`, `s2`): `out[(i, j)]` =
/// W₂²(N(m1ᵢ, s1ᵢ), N(m2ⱼ, s2ⱼ)). Each Σ₁ᵢ is factored once and each Σ₂ⱼ checked once;
/// close pairs are recomputed without cancellation as in [`bures_distance_in_place`]. The
/// pairs are split into fixed runs computed in parallel under `par`, each with one thread,
/// so the results are identical for every thread count. O((k₁ + k₂ + k₁k₂)·d³).
#[allow(clippy::too_many_arguments)]
pub fn w2_pairwise_in_place(
    m1: MatRef<'_, f64>,
    s1: &[MatRef<'_, f64>],
    m2: MatRef<'_, f64>,
    s2: &[MatRef<'_, f64>],
    mut out: MatMut<'_, f64>,
    tol: &PsdTolerances,
    par: Par,
    stack: &mut MemStack,
) -> Result<()> {
    let (k1, k2, d) = (s1.len(), s2.len(), m1.ncols());
    if k1 == 0 || k2 == 0 || d == 0 {
        bail!(
            InvalidDimension,
            "batches of {k1} and {k2} Gaussians in dimension {d}: all must be >= 1"
        );
    }
    if m1.nrows() != k1 || m2.nrows() != k2 || m2.ncols() != d {
        bail!(
            InvalidDimension,
            "means are {}x{} and {}x{}, expected {k1}x{d} and {k2}x{d}",
            m1.nrows(),
            m1.ncols(),
            m2.nrows(),
            m2.ncols()
        );
    }
    if out.nrows() != k1 || out.ncols() != k2 {
        bail!(
            InvalidDimension,
            "out is {}x{}, expected {k1}x{k2}",
            out.nrows(),
            out.ncols()
        );
    }
    crate::error::check_finite("m1", (0..k1).flat_map(|i| (0..d).map(move |j| m1[(i, j)])))?;
    crate::error::check_finite("m2", (0..k2).flat_map(|i| (0..d).map(move |j| m2[(i, j)])))?;
    check_stack(stack, w2_pairwise_scratch(k1, k2, d, par))?;
    // faer's products and decompositions exceed 16³ multiply-adds from d = 17 on.
    crate::product_buffer::ensure_if(d > 16, par)?;
    let task_req = pair_task_req(d);
    let (mut factors1, stack) = take(stack, k1 * (d * d + 1), 0.0f64);
    let (mut factors2, stack) = take(stack, k2 * (d * d + 1), 0.0f64);
    let (mut pairs, stack) = take(stack, k1 * k2, 0.0f64);
    let (nslots, slot_bytes) = slot_layout(k1.max(k2).max(k1 * k2), task_req, par)?;
    let (slots, _) = stack.make_aligned_uninit::<u8>(nslots * slot_bytes, 64);

    // Σ = V Vᵀ for every member of both batches, stored column-major with tr Σ after it.
    let factor = |batch: &[MatRef<'_, f64>],
                  name: &'static str,
                  f: &mut [f64],
                  slots: &mut [std::mem::MaybeUninit<u8>]| {
        let nsl = batch.len().min(nslots) * slot_bytes;
        run_tasks(
            par,
            f,
            d * d + 1,
            &mut slots[..nsl],
            slot_bytes,
            |i, p, st| {
                let (v, tr) = p.split_at_mut(d * d);
                let v = MatMut::from_column_major_slice_mut(v, d, d);
                tr[0] = half_factor(
                    &format_args!("{name}[{i}]"),
                    batch[i],
                    d,
                    v,
                    tol,
                    Par::Seq,
                    st,
                )?
                .0;
                Ok(())
            },
        )
    };
    factor(s1, "sigma1", &mut factors1, slots)?;
    factor(s2, "sigma2", &mut factors2, slots)?;
    let (f1, f2) = (&*factors1, &*factors2);
    let nsl = (k1 * k2).min(nslots) * slot_bytes;
    let stride = d * d + 1;
    run_tasks(
        par,
        &mut pairs,
        1,
        &mut slots[..nsl],
        slot_bytes,
        |t, p, st| {
            let (i, j) = (t / k2, t % k2);
            let (a, b) = (
                &f1[i * stride..(i + 1) * stride],
                &f2[j * stride..(j + 1) * stride],
            );
            let v1 = MatRef::from_column_major_slice(&a[..d * d], d, d);
            let v2 = MatRef::from_column_major_slice(&b[..d * d], d, d);
            let cross = trace_sqrt_cross(v1, v2, Par::Seq, st)?;
            let gap = mean_gap_sq((0..d).map(|c| m1[(i, c)]), (0..d).map(|c| m2[(j, c)]));
            let mut b2 = bures_sq(a[d * d], b[d * d], cross);
            if a[d * d] + b[d * d] > NEAR_RATIO * b2 {
                if let Some(near) = bures_near(s1[i], s2[j], Par::Seq, st)? {
                    b2 = near;
                }
            }
            p[0] = gap + b2;
            Ok(())
        },
    )?;
    for i in 0..k1 {
        for j in 0..k2 {
            out[(i, j)] = pairs[i * k2 + j];
        }
    }
    Ok(())
}

/// Convenience form of [`w2_pairwise_in_place`] with `num_threads` (0 = default).
pub fn w2_pairwise(
    m1: MatRef<'_, f64>,
    s1: &[MatRef<'_, f64>],
    m2: MatRef<'_, f64>,
    s2: &[MatRef<'_, f64>],
    tol: &PsdTolerances,
    num_threads: usize,
) -> Result<Mat<f64>> {
    let mut out = Mat::zeros(s1.len(), s2.len());
    crate::par::with_threads(num_threads, |par| {
        with_stack(
            w2_pairwise_scratch(s1.len(), s2.len(), m1.ncols(), par),
            |st| w2_pairwise_in_place(m1, s1, m2, s2, out.as_mut(), tol, par, st),
        )?
    })??;
    Ok(out)
}
