//! Entropic optimal transport: log-domain Sinkhorn on the dual potentials (f, g).
//!
//! The plan is `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`. One iteration is a row pass
//! `f_i = −κ_a ε log Σ_j b_j exp((g_j − C_ij)/ε)` then a column pass (the same with the roles
//! swapped), each a stream of SIMD log-sum-exps over the cost with max-subtraction and no n×m
//! temporary ([`lse`], [`cost_source`]). `κ = ρ/(ρ + ε)` is the damping of a KL marginal
//! penalty ρ (Chizat et al.); ρ = ∞ makes that side a hard constraint (κ = 1). A total-variation
//! penalty ρ‖P·1 − a‖₁ ([`Penalty::Tv`]) clamps the balanced update to [−ρ, ρ] instead
//! (Séjourné et al., "Unbalanced optimal transport, from theory to numerics", 2023).
//!
//! * [`solver`]: the iteration (balanced or unbalanced, alternating or symmetric updates,
//!   ε-scaling from [`schedule`], warm start), at the three levels.
//! * [`partial`]: entropic partial OT (a given mass m ≤ min(Σa, Σb) moved, P·1 ≤ a,
//!   Pᵀ·1 ≤ b), by block-coordinate ascent on its dual.
//! * [`outputs`]: transport cost ⟨P, C⟩, dense plan, barycentric map, from the potentials.
//! * [`gradient`]: gradients of OT_ε and of the divergence in the points and the weights,
//!   from the potentials (envelope theorem), streamed without forming P.
//! * [`divergence`](mod@divergence): the Sinkhorn divergence S(a, b) = OT_ε(a, b) − ½OT_ε(a, a) − ½OT_ε(b, b)
//!   + (ε/2)(m(a) − m(b))².
//! * [`blocks`]: the pieces of a row-partitioned (MPI) solve: row soft-mins on a block of
//!   rows, partial column log-sum-exps as (max, sum) pairs, their combination, each at the
//!   three levels (the C ABI's `otc_sinkhorn_block_*` and `otc_lse_pair_merge`).
//!
//! Costs are dense strided matrices or point clouds with the squared Euclidean cost computed
//! on the fly ([`Cost`]). Potentials are kept in f64 for both element types; weights, costs and
//! the exponent arithmetic are in `T`. Results are bitwise identical for every thread count.

pub mod blocks;
mod checks;
pub mod cost_source;
pub mod divergence;
pub mod gradient;
pub mod kernel;
pub mod lse;
mod marginal;
pub mod outputs;
pub mod partial;
pub mod schedule;
pub mod solver;
pub mod truncated;

pub use cost_source::Cost;
pub use divergence::{
    divergence, divergence_in_place, divergence_scratch, Divergence, DivergencePotentials,
};
pub use gradient::{
    divergence_gradient, divergence_gradient_in_place, divergence_gradient_scratch,
    divergence_gradient_warm_in_place, divergence_gradient_warm_scratch, ot_gradient,
    ot_gradient_in_place, ot_gradient_scratch, GradientSolution, Gradients,
};
pub use outputs::{
    barycentric_map, barycentric_map_in_place, line_sums_scratch, plan_in_place, transport_cost,
    transport_cost_in_place,
};
pub use partial::{
    sinkhorn_partial, sinkhorn_partial_in_place, sinkhorn_partial_scratch, EntropicPartialInfo,
    EntropicPartialParams, EntropicPartialSolution,
};
pub use schedule::Scaling;
pub use solver::{sinkhorn, sinkhorn_in_place, sinkhorn_scratch};

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

/// Parameters of a Sinkhorn solve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Entropic regularisation ε > 0, in cost units (absolute, as POT's `reg`).
    pub epsilon: f64,
    /// KL penalty on the row marginal (> 0; `f64::INFINITY` = balanced on that side).
    pub rho_a: f64,
    /// KL penalty on the column marginal (> 0; `f64::INFINITY` = balanced on that side).
    pub rho_b: f64,
    /// Iteration cap of the whole solve (an iteration is one row and one column update): the
    /// ε-scaling iterations count against it, the target ε gets what they leave.
    pub max_iter: usize,
    /// Stop when the L1 marginal error is at most this (0 = run to `max_iter`).
    pub tolerance: f64,
    /// Check the marginal error every this many iterations (≥ 1; the check reuses the
    /// iteration's row pass, so it costs O(n)).
    pub check_every: usize,
    /// ε-scaling (annealing) before the iterations at the target ε.
    pub scaling: Scaling,
    /// Symmetric (averaged, simultaneous) updates instead of alternating ones.
    pub symmetric: bool,
    /// Threads for the convenience level (0 = default, 1 = calling thread, k = k workers).
    pub num_threads: usize,
    /// Balanced problems (ρ_a = ρ_b = ∞): largest accepted relative mass gap
    /// |Σa − Σb| / max(Σa, Σb) (default 1e-6); within it b is rescaled to a's mass.
    pub mass_tolerance: f64,
    /// Which iteration runs: the stored stabilised kernel, exp-per-entry log-domain passes,
    /// or the truncated sparse kernel.
    pub path: Path,
    /// Largest workspace, in bytes, the [`Path::Auto`] choice gives the stored kernel (n·m
    /// values of `T` plus O(n·m/256) f64 partial sums); beyond it the log-domain path runs.
    /// [`Path::Truncated`]: the largest memory its arcs may take (a build needing more fails
    /// with `OutOfMemory`).
    pub kernel_memory_cap: usize,
    /// Over-relaxation ω of the potential updates, `f ← (1 − ω)·f + ω·f_Sinkhorn`: 1 = plain
    /// Sinkhorn, a value in (0, 2) a fixed ω, 0 = adaptive (ω from the observed contraction
    /// rate, back to 1 whenever the marginal error grows; plain with a TV penalty). Same fixed
    /// point for every ω.
    pub over_relaxation: f64,
    /// How a finite `rho_a` / `rho_b` penalises the marginals (KL by default).
    pub penalty: Penalty,
    /// [`Path::Truncated`]: the truncation threshold θ (arcs with `α_i + β_j − C_ij < −θε`
    /// are dropped); 0 = from the tolerance, ln(4·Σa·Σb/tolerance) + 4
    /// ([`truncated::truncation`]).
    pub truncation: f64,
}

/// Which Sinkhorn iteration a solve runs ([`Params::path`]) or ran ([`Info::path`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Path {
    /// For a dense cost, the stored kernel when it fits [`Params::kernel_memory_cap`] (and the
    /// workspace) and the updates are alternating; the log-domain passes otherwise, and
    /// always for point clouds (which keep their O((n + m)·d) memory).
    #[default]
    Auto,
    /// Log-domain passes: 2·n·m exponentials an iteration, O((n + m)·d) memory.
    LogDomain,
    /// The stabilised kernel K̃_ij = exp((α_i + β_j − C_ij)/ε) stored once (n·m values of `T`)
    /// and scalings near 1 (absorbed into α, β when they leave a safe range): one read of K̃
    /// an iteration, no exponentials. Falls back to log-domain iterations while K̃ would
    /// underflow.
    Kernel,
    /// Point clouds of dimension 1–3 only: the stabilised kernel truncated to its entries
    /// above e^{−θ} ([`Params::truncation`]), stored sparse and rebuilt at every ε of an
    /// automatic ε-scaling that starts on clusters of the points ([`truncated`]). Memory
    /// O((n + m)·d) plus the arcs; alternating updates, balanced or KL, ω = 1.
    Truncated,
}

/// The divergence a finite ρ puts on a marginal's deviation from its weights.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Penalty {
    /// ρ·KL(P·1 | a): the update is the balanced one damped by κ = ρ/(ρ + ε).
    #[default]
    Kl,
    /// ρ·‖P·1 − a‖₁ (total variation): the update is the balanced one clamped to [−ρ, ρ];
    /// the potentials then satisfy |f| ≤ ρ and the dual term is Σ a·f.
    Tv,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            epsilon: 1e-2,
            rho_a: f64::INFINITY,
            rho_b: f64::INFINITY,
            max_iter: 1000,
            tolerance: 1e-9,
            check_every: 10,
            scaling: Scaling::default(),
            symmetric: false,
            num_threads: 0,
            mass_tolerance: 1e-6,
            path: Path::Auto,
            kernel_memory_cap: 1 << 30,
            over_relaxation: 1.0,
            penalty: Penalty::Kl,
            truncation: 0.0,
        }
    }
}

/// What a solve reports.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Info {
    /// Iterations at the target ε.
    pub iterations: usize,
    /// Iterations spent on the intermediate ε values of the scaling schedule.
    pub scaling_iterations: usize,
    /// First ε of the schedule (the target ε when there was no scaling).
    pub eps_start: f64,
    /// Number of intermediate ε values used.
    pub eps_steps: usize,
    /// L1 marginal error of the returned potentials: Σ_i |r_i − a_i e^{−f_i/ρ_a}| (the
    /// optimality condition; = |r_i − a_i| when balanced; for TV, |r_i − a_i| counted only
    /// where the clamp of f_i to ±ρ_a does not allow it), plus the column term with
    /// symmetric updates (alternating updates leave the columns exact). [`Path::Truncated`]:
    /// the truncated plan's row and column errors plus twice the bound on the mass the
    /// truncation drops, an upper bound on the full plan's error.
    pub marginal_error: f64,
    /// Whether `marginal_error ≤ tolerance` was reached before the cap.
    pub converged: bool,
    /// Total mass of the plan Σ_ij P_ij.
    pub mass: f64,
    /// The dual objective Σ a φ_a(f) + Σ b φ_b(g) − ε(ΣP − Σa·Σb), with φ(x) = x on a
    /// balanced side and ρ(1 − e^{−x/ρ}) otherwise: the entropic OT value at convergence.
    pub dual: f64,
    /// The path that ran: [`Path::Kernel`] when the stored kernel was used (possibly with
    /// log-domain iterations where it would underflow), [`Path::Truncated`] when asked for,
    /// else [`Path::LogDomain`].
    pub path: Path,
    /// Times the stored kernel was built (one n·m pass of exponentials each: at the start,
    /// at every ε of the schedule, and at every absorption); [`Path::Truncated`]: the sparse
    /// builds (one per stage and per absorption).
    pub kernel_builds: usize,
    /// Iterations (schedule and target ε) run as log-domain passes.
    pub log_iterations: usize,
    /// The over-relaxation ω in force at the end (1 = plain Sinkhorn).
    pub omega: f64,
    /// Whether the [`progress`](crate::progress) observer stopped the solve at a check (the
    /// potentials are those reached, as at the iteration cap).
    pub cancelled: bool,
}
