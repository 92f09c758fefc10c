//! Gaussian optimal transport (Bures–Wasserstein), in `f64`.
//!
//! For Gaussians N(m₁, Σ₁), N(m₂, Σ₂) on ℝᵈ the 2-Wasserstein distance is
//! W₂² = ‖m₁ − m₂‖² + B²(Σ₁, Σ₂), with the Bures distance
//! B²(Σ₁, Σ₂) = tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½, and the optimal map is affine,
//! T(x) = m₂ + A(x − m₁) with A = Σ₁^−½ (Σ₁^½ Σ₂ Σ₁^½)^½ Σ₁^−½ (symmetric PSD).
//!
//! Every matrix function goes through faer's symmetric eigendecomposition with eigenvalues
//! clamped at 0, so singular and ill-conditioned covariances (condition numbers 1e12 and
//! beyond) are normal inputs, never NaN. Covariances are small (d ≤ a few hundred), so the
//! module is written for `f64` only.
//!
//! ## Tolerances ([`PsdTolerances`], all relative)
//! * symmetry: |Σᵢⱼ − Σⱼᵢ| ≤ `symmetry` · maxₖₗ|Σₖₗ|, else [`ErrorKind::NotPositiveSemidefinite`];
//!   only the lower triangle is read afterwards;
//! * PSD: the smallest eigenvalue must be ≥ −`negative` · max|λ|, else the same error;
//!   eigenvalues in [−`negative`·max|λ|, 0) are rounding and are clamped to 0;
//! * rank: eigenvalues ≤ `rank` · max λ (default `rank = 0` meaning d·ε) count as zero when
//!   a matrix is inverted: Σ^−½ is then the Moore–Penrose pseudo-inverse square root, and the
//!   kernels that invert Σ₁ (map, geodesic, barycenter) report [`GaussianInfo::singular`]
//!   (`OTC_WARN_SINGULAR` at the C ABI).
//!
//! [`ErrorKind::NotPositiveSemidefinite`]: crate::ErrorKind::NotPositiveSemidefinite

mod barycenter;
mod bures;
mod congruence;
mod entropic;
mod geodesic;
mod map;
mod moments;
mod near;
mod sqrtm;

pub use bures::{
    bures_distance, bures_distance_in_place, bures_distance_scratch, gaussian_w2,
    gaussian_w2_in_place, w2_pairwise, w2_pairwise_in_place, w2_pairwise_scratch,
};
pub(crate) use sqrtm::MAX_DIM;
pub use sqrtm::{psd_sqrt, psd_sqrt_in_place, psd_sqrt_scratch, PsdSqrt};

/// Relative tolerances that decide symmetry, positive semi-definiteness and numerical rank
/// of covariance inputs (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PsdTolerances {
    /// Largest accepted |Σᵢⱼ − Σⱼᵢ| relative to the largest |entry| (default 1e-10).
    pub symmetry: f64,
    /// Largest accepted negative eigenvalue relative to the largest |eigenvalue| (default 1e-9).
    pub negative: f64,
    /// Eigenvalues ≤ `rank`·λ_max are zero when inverting; 0 means d·ε (the default).
    pub rank: f64,
}

impl Default for PsdTolerances {
    fn default() -> Self {
        PsdTolerances {
            symmetry: 1e-10,
            negative: 1e-9,
            rank: 0.0,
        }
    }
}

/// What a Gaussian kernel reports besides its outputs.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GaussianInfo {
    /// A matrix that had to be inverted (Σ₁, or the barycenter iterate) was rank-deficient at
    /// the `rank` tolerance: its pseudo-inverse square root was used.
    pub singular: bool,
    /// Numerical rank of the inverted matrix (d when not singular; 0 for kernels that invert
    /// nothing).
    pub rank: usize,
    /// Iterations made (barycenter only; 0 elsewhere).
    pub iterations: usize,
    /// The iteration met its tolerance (true for the direct kernels).
    pub converged: bool,
    /// Barycenter: the estimated relative error ‖Σ − Σ*‖_F / ‖Σ‖_F of the returned covariance
    /// (see [`BarycenterParams::tol`]); 0 for the direct kernels.
    pub error_estimate: f64,
    /// Barycenter: a [`crate::progress`] observer stopped the iteration (the current iterate
    /// was returned); false for the direct kernels.
    pub cancelled: bool,
}

/// Runs `n_tasks` independent tasks over `nslots` workspace slots of `slot_bytes` each, in
/// parallel under `Par::Rayon`. Task `t` receives its piece `out[t·piece..(t+1)·piece]` and
/// a slot's stack; tasks are grouped in contiguous runs per slot. Every task computes the same
/// thing whatever the grouping, so results do not depend on the thread count. Returns the
/// error of the lowest failing task.
pub(crate) fn run_tasks(
    par: Par,
    out: &mut [f64],
    piece: usize,
    slots: &mut [std::mem::MaybeUninit<u8>],
    slot_bytes: usize,
    task: impl Fn(usize, &mut [f64], &mut MemStack) -> Result<()> + Sync,
) -> Result<()> {
    let n_tasks = out.len() / piece.max(1);
    if n_tasks == 0 {
        return Ok(());
    }
    let nslots = slots.len() / slot_bytes.max(1);
    let per = n_tasks.div_ceil(nslots.max(1));
    let first_error: std::sync::Mutex<Option<(usize, Error)>> = std::sync::Mutex::new(None);
    let run = |s: usize, chunk: &mut [f64], slot: &mut [std::mem::MaybeUninit<u8>]| {
        let stack = MemStack::new(slot);
        for (k, p) in chunk.chunks_mut(piece).enumerate() {
            let t = s * per + k;
            if let Err(e) = task(t, p, stack) {
                let mut g = first_error.lock().unwrap_or_else(|e| e.into_inner());
                if g.as_ref().is_none_or(|(t0, _)| t < *t0) {
                    *g = Some((t, e));
                }
                return;
            }
        }
    };
    match par {
        Par::Seq => out
            .chunks_mut(per * piece)
            .zip(slots.chunks_mut(slot_bytes))
            .enumerate()
            .for_each(|(s, (c, b))| run(s, c, b)),
        Par::Rayon(_) => {
            use rayon::prelude::*;
            out.par_chunks_mut(per * piece)
                .zip(slots.par_chunks_mut(slot_bytes))
                .enumerate()
                .for_each(|(s, (c, b))| run(s, c, b))
        }
    }
    match first_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

/// Number of workspace slots and bytes per slot for `n_tasks` tasks needing `req` each.
pub(crate) fn slot_layout(n_tasks: usize, req: StackReq, par: Par) -> Result<(usize, usize)> {
    let nslots = n_tasks.min(4 * crate::par::degree(par)).max(1);
    let bytes = crate::workspace::bytes_for(req)?.next_multiple_of(64);
    Ok((nslots, bytes))
}

/// Workspace of the slots of [`run_tasks`].
pub(crate) fn slots_req(n_tasks: usize, req: StackReq, par: Par) -> StackReq {
    match slot_layout(n_tasks, req, par) {
        Ok((n, b)) => StackReq::new_aligned::<u8>(b, 64).array(n),
        Err(_) => StackReq::OVERFLOW,
    }
}

use crate::{Error, MemStack, Par, Result, StackReq};
pub use barycenter::{
    barycenter, barycenter_in_place, barycenter_scratch, Barycenter, BarycenterParams,
};
pub use entropic::{entropic_w2, entropic_w2_in_place, entropic_w2_scratch};
pub use geodesic::{geodesic, geodesic_in_place, geodesic_scratch};
pub use map::{map, map_apply, map_apply_in_place, map_apply_scratch, map_in_place, map_scratch};
pub use moments::{moments, moments_in_place, moments_scratch};
