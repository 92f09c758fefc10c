//! C entry points of [`crate::sinkhorn`], in the ABI 1 shape: entropic OT
//! (`otc_sinkhorn_options_default`, `otc_sinkhorn_workspace_size_f64/_f32`,
//! `otc_sinkhorn_f64/_f32`) and the Sinkhorn divergence
//! (`otc_sinkhorn_divergence_options_default`, `otc_sinkhorn_divergence_workspace_size_f64/_f32`,
//! `otc_sinkhorn_divergence_f64/_f32`). Each problem takes its cost either as dense matrices or
//! as two point clouds whose squared Euclidean cost is computed on the fly, exactly one of the
//! two.
//!
//! The potentials' convention: the plan is `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`, f and g
//! in cost units.

use super::args::{self, check_disjoint, Region};
use super::boundary::{ffi_boundary, Report};
use super::cost::OTC_METRIC_SQEUCLIDEAN;
use super::shape::{self, otc_callback, otc_workspace, AbiOutputs, AbiStruct, Callback};
use super::status::{otc_status, OTC_WARN_CANCELLED, OTC_WARN_MAX_ITER};
use super::view::{
    otc_matrix_f32, otc_matrix_f64, otc_matrix_mut_f32, otc_matrix_mut_f64, MatrixView,
};
use crate::sinkhorn::{self, Cost, Gradients, Info, Params, Path, Penalty, Scaling};
use crate::workspace::{take, vec_req};
use crate::{bail, Error, ErrorKind, MatMut, MatRef, MemStack, Par, Real, Result, StackReq};
use std::ffi::c_void;
use std::mem::size_of;

/// `report.path` / `opts->path`: the stored kernel when it fits `kernel_memory_cap` (dense
/// cost, alternating updates, KL or no penalty), the log-domain passes otherwise (an option
/// value only; a report names the path that ran).
pub const OTC_SINKHORN_PATH_AUTO: i32 = 0;
/// Log-domain passes: 2·n·m exponentials an iteration, O((n + m)·d) memory.
pub const OTC_SINKHORN_PATH_LOG_DOMAIN: i32 = 1;
/// The stabilised kernel `exp((α_i + β_j − C_ij)/ε)` stored once (n·m values): one read of it
/// an iteration, no exponentials (log-domain iterations where it would underflow).
pub const OTC_SINKHORN_PATH_KERNEL: i32 = 2;
/// Point clouds of dimension 1-3 only (an option value, never chosen by `_AUTO`): the
/// stabilised kernel truncated to its entries above `e^{-theta}`, stored sparse (rows and
/// columns) and rebuilt at every ε of an automatic ε-scaling that starts on clusters of the
/// points; theta = ln(4·Σa·Σb/tolerance) + 4, which keeps the dropped mass below
/// tolerance/4 (the reported error adds twice its bound). Memory O((n + m)·d) plus the arcs,
/// allocated by the call (not from `work`) and capped by `kernel_memory_cap`; alternating
/// updates, KL or no penalty, `over_relaxation` 1.
pub const OTC_SINKHORN_PATH_TRUNCATED: i32 = 3;

/// `opts->penalty`: a finite ρ penalises a marginal's deviation by ρ·KL(P·1 | a).
pub const OTC_SINKHORN_PENALTY_KL: i32 = 0;
/// `opts->penalty`: a finite ρ penalises a marginal's deviation by ρ·‖P·1 − a‖₁ (total
/// variation; log-domain path only).
pub const OTC_SINKHORN_PENALTY_TV: i32 = 1;

/// Options of `otc_sinkhorn_f64` / `_f32`; fill with `otc_sinkhorn_options_default`, then
/// change fields. ε, ρ and the tolerances are in cost units.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_options {
    /// `sizeof(otc_sinkhorn_options)`.
    pub struct_size: usize,
    /// Worker threads: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only,
    /// k = k workers (at most 256). Results are identical for every value.
    pub num_threads: u32,
    /// 1 = symmetric (averaged, simultaneous) updates, 0 = alternating (default).
    pub symmetric: u32,
    /// Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01.
    pub epsilon: f64,
    /// Stop when the L1 marginal error is at most this (0 = run to `max_iter`). Default 1e-9.
    pub tolerance: f64,
    /// Iteration cap of the whole solve, ε-scaling iterations included (they run first, the
    /// target ε gets what they leave); default 1000. Reaching it gives `OTC_WARN_MAX_ITER`.
    pub max_iter: u64,
    /// Check the marginal error every this many iterations (>= 1, default 10).
    pub check_every: u64,
    /// `OTC_SINKHORN_PATH_AUTO` (default), `_LOG_DOMAIN`, `_KERNEL` or `_TRUNCATED`.
    pub path: i32,
    /// How a finite `rho_a` / `rho_b` penalises the marginals: `OTC_SINKHORN_PENALTY_KL`
    /// (default) or `OTC_SINKHORN_PENALTY_TV`.
    pub penalty: i32,
    /// Penalty ρ_a > 0 on the row marginal; `INFINITY` (the default) = balanced.
    pub rho_a: f64,
    /// Penalty ρ_b > 0 on the column marginal; `INFINITY` (the default) = balanced.
    pub rho_b: f64,
    /// Balanced problems: largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb), finite
    /// and >= 0 (default 1e-6); beyond it `OTC_ERR_MASS_MISMATCH`, within it b is rescaled to
    /// a's mass (the plan's column sums are (Σa/Σb)·b).
    pub mass_tolerance: f64,
    /// Over-relaxation ω of the updates `f ← (1 − ω)·f + ω·f_Sinkhorn`: 1 = off (default), a
    /// value in (0, 2) a fixed ω, 0 = adaptive (from the observed contraction rate; plain with
    /// a TV penalty).
    pub over_relaxation: f64,
    /// Largest workspace in bytes `OTC_SINKHORN_PATH_AUTO` gives the stored kernel (default
    /// 2^30); beyond it the log-domain path runs.
    pub kernel_memory_cap: usize,
    /// Intermediate ε values of the geometric ε-scaling schedule (0 = off, the default).
    pub eps_scaling_steps: u64,
    /// Iterations at each intermediate ε (default 10; >= 1 when `eps_scaling_steps` > 0).
    pub eps_scaling_iters: u64,
    /// First ε of the schedule; <= 0 (the default) = the cost's largest value.
    pub eps_scaling_start: f64,
    /// Call `callback` at most once every this many iterations, at the marginal-error checks
    /// (0 = never, the default).
    pub callback_every: u64,
    /// Progress callback `(callback_data, iterations so far, L1 marginal error)`, on the
    /// calling thread; nonzero stops the solve (`OTC_WARN_CANCELLED`, outputs valid). NULL =
    /// none. With ε-scaling it also sees every `check_every` iterations of each intermediate
    /// stage (iterations counted over all stages, the error at that stage's ε); a stop there
    /// skips the remaining stages, and the outputs are the iterate reached, measured at ε.
    pub callback: otc_callback,
    /// Passed to `callback` as its first argument.
    pub callback_data: *mut c_void,
}

/// Options of `otc_sinkhorn_divergence_f64` / `_f32` (the three solves all use them); fill
/// with `otc_sinkhorn_divergence_options_default`. Fields as in `otc_sinkhorn_options`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_divergence_options {
    /// `sizeof(otc_sinkhorn_divergence_options)`.
    pub struct_size: usize,
    /// Worker threads: 0 = `OTCORE_NUM_THREADS` or all cores, 1 = the calling thread only,
    /// k = k workers (at most 256). Results are identical for every value.
    pub num_threads: u32,
    /// 1 = symmetric (averaged, simultaneous) updates, 0 = alternating (default).
    pub symmetric: u32,
    /// Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01.
    pub epsilon: f64,
    /// Stop each solve when its L1 marginal error is at most this. Default 1e-9.
    pub tolerance: f64,
    /// Iteration cap of each solve, ε-scaling included; default 1000.
    pub max_iter: u64,
    /// Check the marginal error every this many iterations (>= 1, default 10).
    pub check_every: u64,
    /// `OTC_SINKHORN_PATH_AUTO` (default), `_LOG_DOMAIN`, `_KERNEL` or `_TRUNCATED`.
    pub path: i32,
    /// `OTC_SINKHORN_PENALTY_KL` (default) or `OTC_SINKHORN_PENALTY_TV`.
    pub penalty: i32,
    /// Penalty ρ_a > 0 on the first measure's marginals; `INFINITY` (default) = balanced.
    pub rho_a: f64,
    /// Penalty ρ_b > 0 on the second measure's marginals; `INFINITY` (default) = balanced.
    pub rho_b: f64,
    /// Balanced problems: largest accepted relative mass gap (default 1e-6).
    pub mass_tolerance: f64,
    /// Over-relaxation ω: 1 = off (default), (0, 2) fixed, 0 = adaptive (plain with TV).
    pub over_relaxation: f64,
    /// Largest workspace in bytes `OTC_SINKHORN_PATH_AUTO` gives the stored kernel (2^30).
    pub kernel_memory_cap: usize,
    /// Intermediate ε values of the ε-scaling schedule (0 = off, the default).
    pub eps_scaling_steps: u64,
    /// Iterations at each intermediate ε (default 10; >= 1 when `eps_scaling_steps` > 0).
    pub eps_scaling_iters: u64,
    /// First ε of the schedule; <= 0 (the default) = the cost's largest value.
    pub eps_scaling_start: f64,
    /// Call `callback` at most once every this many iterations, at the marginal-error checks
    /// (0 = never, the default).
    pub callback_every: u64,
    /// Progress callback `(callback_data, iterations so far, L1 marginal error)`, on the
    /// calling thread; nonzero stops the solve (`OTC_WARN_CANCELLED`, outputs valid). NULL =
    /// none. With ε-scaling it also sees every `check_every` iterations of each intermediate
    /// stage (iterations counted over all stages, the error at that stage's ε); a stop there
    /// skips the remaining stages, and the outputs are the iterate reached, measured at ε.
    pub callback: otc_callback,
    /// Passed to `callback` as its first argument.
    pub callback_data: *mut c_void,
}

/// The AbiStruct implementation and the conversion to [`Params`] of the two options structs
/// (their fields are the same).
macro_rules! sinkhorn_options {
    ($t:ident) => {
        // SAFETY: #[repr(C)], starts with `struct_size: usize`; integers, floats, a raw pointer
        // and an optional function pointer only (every bit pattern of which is valid... NULL
        // included: `Option<fn>`).
        unsafe impl AbiStruct for $t {
            const NAME: &'static str = stringify!($t);
            const MIN_SIZE: usize = size_of::<$t>();
            fn base() -> Self {
                let p = Params::default();
                $t {
                    struct_size: size_of::<Self>(),
                    num_threads: 0,
                    symmetric: p.symmetric as u32,
                    epsilon: p.epsilon,
                    tolerance: p.tolerance,
                    max_iter: p.max_iter as u64,
                    check_every: p.check_every as u64,
                    path: OTC_SINKHORN_PATH_AUTO,
                    penalty: OTC_SINKHORN_PENALTY_KL,
                    rho_a: p.rho_a,
                    rho_b: p.rho_b,
                    mass_tolerance: p.mass_tolerance,
                    over_relaxation: p.over_relaxation,
                    kernel_memory_cap: p.kernel_memory_cap,
                    eps_scaling_steps: p.scaling.steps as u64,
                    eps_scaling_iters: p.scaling.iters_per_step as u64,
                    eps_scaling_start: p.scaling.start,
                    callback_every: 0,
                    callback: None,
                    callback_data: std::ptr::null_mut(),
                }
            }
        }

        impl $t {
            /// The solver parameters; flags and enumerations checked (the values are checked
            /// by the solver).
            pub(super) fn params(&self) -> Result<Params> {
                params_of(RawParams {
                    num_threads: self.num_threads,
                    symmetric: self.symmetric,
                    epsilon: self.epsilon,
                    tolerance: self.tolerance,
                    max_iter: self.max_iter,
                    check_every: self.check_every,
                    path: self.path,
                    penalty: self.penalty,
                    rho_a: self.rho_a,
                    rho_b: self.rho_b,
                    mass_tolerance: self.mass_tolerance,
                    over_relaxation: self.over_relaxation,
                    kernel_memory_cap: self.kernel_memory_cap,
                    eps_scaling_steps: self.eps_scaling_steps,
                    eps_scaling_iters: self.eps_scaling_iters,
                    eps_scaling_start: self.eps_scaling_start,
                })
            }

            /// The callback triple.
            fn callback(&self) -> Callback {
                Callback::new(self.callback_every, self.callback, self.callback_data)
            }
        }
    };
}
sinkhorn_options!(otc_sinkhorn_options);
sinkhorn_options!(otc_sinkhorn_divergence_options);

/// The fields both options structs share, as read from the caller.
struct RawParams {
    num_threads: u32,
    symmetric: u32,
    epsilon: f64,
    tolerance: f64,
    max_iter: u64,
    check_every: u64,
    path: i32,
    penalty: i32,
    rho_a: f64,
    rho_b: f64,
    mass_tolerance: f64,
    over_relaxation: f64,
    kernel_memory_cap: usize,
    eps_scaling_steps: u64,
    eps_scaling_iters: u64,
    eps_scaling_start: f64,
}

fn params_of(o: RawParams) -> Result<Params> {
    if o.symmetric > 1 {
        bail!(
            InvalidArgument,
            "opts->symmetric = {}: a flag must be 0 or 1",
            o.symmetric
        );
    }
    let path = match o.path {
        OTC_SINKHORN_PATH_AUTO => Path::Auto,
        OTC_SINKHORN_PATH_LOG_DOMAIN => Path::LogDomain,
        OTC_SINKHORN_PATH_KERNEL => Path::Kernel,
        OTC_SINKHORN_PATH_TRUNCATED => Path::Truncated,
        v => bail!(
            InvalidArgument,
            "opts->path = {v} is unknown: expected OTC_SINKHORN_PATH_AUTO (0), OTC_SINKHORN_PATH_LOG_DOMAIN (1), OTC_SINKHORN_PATH_KERNEL (2) or OTC_SINKHORN_PATH_TRUNCATED (3)"
        ),
    };
    let penalty = match o.penalty {
        OTC_SINKHORN_PENALTY_KL => Penalty::Kl,
        OTC_SINKHORN_PENALTY_TV => Penalty::Tv,
        v => bail!(
            InvalidArgument,
            "opts->penalty = {v} is unknown: expected OTC_SINKHORN_PENALTY_KL (0) or OTC_SINKHORN_PENALTY_TV (1)"
        ),
    };
    Ok(Params {
        epsilon: o.epsilon,
        rho_a: o.rho_a,
        rho_b: o.rho_b,
        max_iter: args::count(o.max_iter),
        tolerance: o.tolerance,
        check_every: args::count(o.check_every),
        scaling: Scaling {
            steps: args::count(o.eps_scaling_steps),
            start: o.eps_scaling_start,
            iters_per_step: args::count(o.eps_scaling_iters),
        },
        symmetric: o.symmetric == 1,
        num_threads: args::threads(o.num_threads),
        mass_tolerance: o.mass_tolerance,
        path,
        kernel_memory_cap: o.kernel_memory_cap,
        over_relaxation: o.over_relaxation,
        penalty,
        truncation: 0.0,
    })
}

/// An entropic OT problem of doubles: weights `a` (n) and `b` (m), and the cost as EXACTLY ONE
/// of: `cost`, a dense n×m matrix (any strides; `x.data` and `y.data` NULL), or the point
/// clouds `x` (n×d) and `y` (m×d) with `metric`, the cost computed on the fly in O((n + m)·d)
/// memory (`cost.data` NULL). Optional warm start: `init_f` (n) and `init_g` (m), NULL = cold
/// start (zeros).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_problem_f64 {
    /// `sizeof(otc_sinkhorn_problem_f64)`.
    pub struct_size: usize,
    /// Source weights (n), finite and >= 0, zeros allowed.
    pub a: *const f64,
    /// Number of sources n >= 1.
    pub n: usize,
    /// Target weights (m), finite and >= 0, zeros allowed.
    pub b: *const f64,
    /// Number of targets m >= 1.
    pub m: usize,
    /// Dense n×m cost (finite), or `data` NULL when the points are given.
    pub cost: otc_matrix_f64,
    /// Source points, one per row (n×d, d >= 1), or `data` NULL when the cost is given.
    pub x: otc_matrix_f64,
    /// Target points, one per row (m×d), or `data` NULL when the cost is given.
    pub y: otc_matrix_f64,
    /// Cost of the points: `OTC_METRIC_SQEUCLIDEAN` (0, |x_i − y_j|²) is the one computed on
    /// the fly; for another metric build the cost with `otc_cost_matrix_f64` and pass `cost`.
    pub metric: i32,
    /// Warm-start row potentials (n, cost units), or NULL.
    pub init_f: *const f64,
    /// Warm-start column potentials (m, cost units), or NULL.
    pub init_g: *const f64,
}
crate::abi_struct!(problem otc_sinkhorn_problem_f64);

/// `otc_sinkhorn_problem_f64` with weights, cost and points of floats (the warm-start
/// potentials stay double).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_problem_f32 {
    /// `sizeof(otc_sinkhorn_problem_f32)`.
    pub struct_size: usize,
    /// Source weights (n), finite and >= 0.
    pub a: *const f32,
    /// Number of sources n >= 1.
    pub n: usize,
    /// Target weights (m), finite and >= 0.
    pub b: *const f32,
    /// Number of targets m >= 1.
    pub m: usize,
    /// Dense n×m cost, or `data` NULL when the points are given.
    pub cost: otc_matrix_f32,
    /// Source points (n×d), or `data` NULL when the cost is given.
    pub x: otc_matrix_f32,
    /// Target points (m×d), or `data` NULL when the cost is given.
    pub y: otc_matrix_f32,
    /// `OTC_METRIC_SQEUCLIDEAN` (0): see `otc_sinkhorn_problem_f64`.
    pub metric: i32,
    /// Warm-start row potentials (n, cost units), or NULL.
    pub init_f: *const f64,
    /// Warm-start column potentials (m, cost units), or NULL.
    pub init_g: *const f64,
}
crate::abi_struct!(problem otc_sinkhorn_problem_f32);

/// Results of `otc_sinkhorn_f64`. `report.path`: `OTC_SINKHORN_PATH_KERNEL`,
/// `OTC_SINKHORN_PATH_TRUNCATED` or `OTC_SINKHORN_PATH_LOG_DOMAIN`, the path that ran;
/// `report.iterations`: all iterations, ε-scaling included; `report.error`: the final L1
/// marginal error Σ_i |r_i − a_i e^{−f_i/ρ_a}| (= Σ_i |r_i − a_i| when balanced) plus the
/// column term with symmetric updates, r = P·1 (the truncated path: the truncated plan's
/// error of both sides plus twice the bound on the dropped mass, a bound on the full plan's).
///
/// Potentials: `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`, in cost units. When both sides are
/// balanced (f + c, g − c) gives the same plan for every constant c: the potentials are not
/// centred, they are returned as the last (row then column) update leaves them, so compare
/// them up to that constant (e.g. after subtracting Σ a_i f_i / Σ a from f and adding it to
/// g). Optional outputs: not wanted when the pointer (or a view's `data`) is NULL.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_outputs_f64 {
    /// `sizeof(otc_sinkhorn_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path, iterations, marginal error, seconds.
    pub report: shape::otc_report,
    /// OT_ε(a, b) = ⟨C, P⟩ + ε·KL(P | a⊗b) with KL(P|Q) = Σ P log(P/Q) − P + Q: the entropic
    /// cost WITH its entropy term, computed as the dual objective Σ a φ_a(f) + Σ b φ_b(g) −
    /// ε(ΣP − Σa·Σb) (φ(x) = x on a balanced side, ρ(1 − e^{−x/ρ}) for KL, x for TV).
    pub entropic_ot: f64,
    /// ⟨C, P⟩ = Σ_ij C_ij P_ij: the transport cost of the plan, WITHOUT the entropy term.
    pub transport_cost: f64,
    /// Total mass of the plan Σ_ij P_ij.
    pub mass: f64,
    /// Row potentials f (n), or NULL.
    pub f: *mut f64,
    /// Column potentials g (m), or NULL.
    pub g: *mut f64,
    /// The plan P (n×m, any strides with distinct elements), or `data` NULL.
    pub plan: otc_matrix_mut_f64,
    /// Points only: the barycentric projection Σ_j P_ij y_j / Σ_j P_ij of every x_i (n×d), or
    /// `data` NULL.
    pub map: otc_matrix_mut_f64,
    /// Points only: ∂OT_ε/∂x (n×d), or `data` NULL.
    pub grad_x: otc_matrix_mut_f64,
    /// Points only: ∂OT_ε/∂y (m×d), or `data` NULL.
    pub grad_y: otc_matrix_mut_f64,
    /// Points only: ∂OT_ε/∂a (n), or NULL.
    pub grad_a: *mut f64,
    /// Points only: ∂OT_ε/∂b (m), or NULL.
    pub grad_b: *mut f64,
}
crate::abi_struct!(outputs otc_sinkhorn_outputs_f64);

/// Results of `otc_sinkhorn_f32`: as `otc_sinkhorn_outputs_f64`, with the plan, map and
/// position gradients in floats (potentials, values and weight gradients stay double).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_outputs_f32 {
    /// `sizeof(otc_sinkhorn_outputs_f32)`.
    pub struct_size: usize,
    /// Status, path, iterations, marginal error, seconds.
    pub report: shape::otc_report,
    /// OT_ε(a, b) with its entropy term (see `otc_sinkhorn_outputs_f64`).
    pub entropic_ot: f64,
    /// ⟨C, P⟩, without the entropy term.
    pub transport_cost: f64,
    /// Total mass of the plan.
    pub mass: f64,
    /// Row potentials f (n), or NULL.
    pub f: *mut f64,
    /// Column potentials g (m), or NULL.
    pub g: *mut f64,
    /// The plan (n×m), or `data` NULL.
    pub plan: otc_matrix_mut_f32,
    /// Points only: the barycentric map (n×d), or `data` NULL.
    pub map: otc_matrix_mut_f32,
    /// Points only: ∂OT_ε/∂x (n×d), or `data` NULL.
    pub grad_x: otc_matrix_mut_f32,
    /// Points only: ∂OT_ε/∂y (m×d), or `data` NULL.
    pub grad_y: otc_matrix_mut_f32,
    /// Points only: ∂OT_ε/∂a (n), or NULL.
    pub grad_a: *mut f64,
    /// Points only: ∂OT_ε/∂b (m), or NULL.
    pub grad_b: *mut f64,
}
crate::abi_struct!(outputs otc_sinkhorn_outputs_f32);

/// A Sinkhorn divergence problem of doubles: weights `a` (n), `b` (m) and the costs as
/// EXACTLY ONE of: three dense matrices `cost_xy` (n×m), `cost_xx` (n×n), `cost_yy` (m×m)
/// (the points' `data` NULL), or the point clouds `x` (n×d), `y` (m×d) with `metric`, costs
/// computed on the fly (the costs' `data` NULL).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_divergence_problem_f64 {
    /// `sizeof(otc_sinkhorn_divergence_problem_f64)`.
    pub struct_size: usize,
    /// First measure's weights (n), finite and >= 0.
    pub a: *const f64,
    /// n >= 1.
    pub n: usize,
    /// Second measure's weights (m), finite and >= 0.
    pub b: *const f64,
    /// m >= 1.
    pub m: usize,
    /// C(x, y), n×m, or `data` NULL when the points are given.
    pub cost_xy: otc_matrix_f64,
    /// C(x, x), n×n, or `data` NULL.
    pub cost_xx: otc_matrix_f64,
    /// C(y, y), m×m, or `data` NULL.
    pub cost_yy: otc_matrix_f64,
    /// First measure's points (n×d), or `data` NULL when the costs are given.
    pub x: otc_matrix_f64,
    /// Second measure's points (m×d), or `data` NULL.
    pub y: otc_matrix_f64,
    /// `OTC_METRIC_SQEUCLIDEAN` (0): see `otc_sinkhorn_problem_f64`.
    pub metric: i32,
}
crate::abi_struct!(problem otc_sinkhorn_divergence_problem_f64);

/// `otc_sinkhorn_divergence_problem_f64` with weights, costs and points of floats.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_divergence_problem_f32 {
    /// `sizeof(otc_sinkhorn_divergence_problem_f32)`.
    pub struct_size: usize,
    /// First measure's weights (n).
    pub a: *const f32,
    /// n >= 1.
    pub n: usize,
    /// Second measure's weights (m).
    pub b: *const f32,
    /// m >= 1.
    pub m: usize,
    /// C(x, y), n×m, or `data` NULL.
    pub cost_xy: otc_matrix_f32,
    /// C(x, x), n×n, or `data` NULL.
    pub cost_xx: otc_matrix_f32,
    /// C(y, y), m×m, or `data` NULL.
    pub cost_yy: otc_matrix_f32,
    /// First measure's points (n×d), or `data` NULL.
    pub x: otc_matrix_f32,
    /// Second measure's points (m×d), or `data` NULL.
    pub y: otc_matrix_f32,
    /// `OTC_METRIC_SQEUCLIDEAN` (0).
    pub metric: i32,
}
crate::abi_struct!(problem otc_sinkhorn_divergence_problem_f32);

/// Results of `otc_sinkhorn_divergence_f64`. `report.path`: the path the solve of
/// OT_ε(a, b) ran; `report.iterations`: the iterations of the three solves together;
/// `report.error`: the largest of their final L1 marginal errors. Optional outputs (the
/// gradients, points only): not wanted when the pointer (or a view's `data`) is NULL.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_divergence_outputs_f64 {
    /// `sizeof(otc_sinkhorn_divergence_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path, iterations, error, seconds.
    pub report: shape::otc_report,
    /// S(a, b) = OT_ε(a, b) − ½OT_ε(a, a) − ½OT_ε(b, b) + (ε/2)(Σa − Σb)²: the debiased
    /// entropic cost (0 when a = b), each OT_ε with its entropy term.
    pub divergence: f64,
    /// OT_ε(a, b) (as `otc_sinkhorn_outputs_f64.entropic_ot`).
    pub entropic_ot_xy: f64,
    /// OT_ε(a, a).
    pub entropic_ot_xx: f64,
    /// OT_ε(b, b).
    pub entropic_ot_yy: f64,
    /// Points only: ∂S/∂x (n×d), or `data` NULL.
    pub grad_x: otc_matrix_mut_f64,
    /// Points only: ∂S/∂y (m×d), or `data` NULL.
    pub grad_y: otc_matrix_mut_f64,
    /// Points only: ∂S/∂a (n), or NULL.
    pub grad_a: *mut f64,
    /// Points only: ∂S/∂b (m), or NULL.
    pub grad_b: *mut f64,
}
crate::abi_struct!(outputs otc_sinkhorn_divergence_outputs_f64);

/// Results of `otc_sinkhorn_divergence_f32`: as the f64 struct, position gradients in floats.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_divergence_outputs_f32 {
    /// `sizeof(otc_sinkhorn_divergence_outputs_f32)`.
    pub struct_size: usize,
    /// Status, path, iterations, error, seconds.
    pub report: shape::otc_report,
    /// S(a, b) (see `otc_sinkhorn_divergence_outputs_f64`).
    pub divergence: f64,
    /// OT_ε(a, b).
    pub entropic_ot_xy: f64,
    /// OT_ε(a, a).
    pub entropic_ot_xx: f64,
    /// OT_ε(b, b).
    pub entropic_ot_yy: f64,
    /// Points only: ∂S/∂x (n×d), or `data` NULL.
    pub grad_x: otc_matrix_mut_f32,
    /// Points only: ∂S/∂y (m×d), or `data` NULL.
    pub grad_y: otc_matrix_mut_f32,
    /// Points only: ∂S/∂a (n), or NULL.
    pub grad_a: *mut f64,
    /// Points only: ∂S/∂b (m), or NULL.
    pub grad_b: *mut f64,
}
crate::abi_struct!(outputs otc_sinkhorn_divergence_outputs_f32);

// ---------------------------------------------------------------------------------------
// Reading problems and outputs, generic over the element type.
// ---------------------------------------------------------------------------------------

/// The fields of a Sinkhorn problem struct, for either element type.
struct SinkhornFields<V: MatrixView> {
    a: *const V::T,
    n: usize,
    b: *const V::T,
    m: usize,
    cost: V,
    x: V,
    y: V,
    metric: i32,
    init_f: *const f64,
    init_g: *const f64,
}

/// The fields of a divergence problem struct.
struct DivergenceFields<V: MatrixView> {
    a: *const V::T,
    n: usize,
    b: *const V::T,
    m: usize,
    costs: [V; 3],
    x: V,
    y: V,
    metric: i32,
}

/// The gradient outputs of either outputs struct.
struct GradientFields<M> {
    x: M,
    y: M,
    a: *mut f64,
    b: *mut f64,
}

/// A Sinkhorn problem struct of one element type.
trait SinkhornProblem: AbiStruct {
    type V: MatrixView;
    fn fields(&self) -> SinkhornFields<Self::V>;
}

/// A divergence problem struct of one element type.
trait DivergenceProblem: AbiStruct {
    type V: MatrixView;
    fn fields(&self) -> DivergenceFields<Self::V>;
}

/// A Sinkhorn outputs struct of one element type.
trait SinkhornOutputs: AbiOutputs {
    type M: MatrixView;
    fn potentials(&self) -> (*mut f64, *mut f64);
    fn plan_map(&self) -> (Self::M, Self::M);
    fn gradients(&self) -> GradientFields<Self::M>;
    fn set_values(&mut self, entropic_ot: f64, transport_cost: f64, mass: f64);
}

/// A divergence outputs struct of one element type.
trait DivergenceOutputs: AbiOutputs {
    type M: MatrixView;
    fn gradients(&self) -> GradientFields<Self::M>;
    fn set_values(&mut self, divergence: f64, entropic_ot: [f64; 3]);
}

macro_rules! sinkhorn_types {
    ($p:ident, $o:ident, $dp:ident, $do:ident, $v:ty, $m:ty) => {
        impl SinkhornProblem for $p {
            type V = $v;
            fn fields(&self) -> SinkhornFields<$v> {
                SinkhornFields {
                    a: self.a,
                    n: self.n,
                    b: self.b,
                    m: self.m,
                    cost: self.cost,
                    x: self.x,
                    y: self.y,
                    metric: self.metric,
                    init_f: self.init_f,
                    init_g: self.init_g,
                }
            }
        }
        impl DivergenceProblem for $dp {
            type V = $v;
            fn fields(&self) -> DivergenceFields<$v> {
                DivergenceFields {
                    a: self.a,
                    n: self.n,
                    b: self.b,
                    m: self.m,
                    costs: [self.cost_xy, self.cost_xx, self.cost_yy],
                    x: self.x,
                    y: self.y,
                    metric: self.metric,
                }
            }
        }
        impl SinkhornOutputs for $o {
            type M = $m;
            fn potentials(&self) -> (*mut f64, *mut f64) {
                (self.f, self.g)
            }
            fn plan_map(&self) -> ($m, $m) {
                (self.plan, self.map)
            }
            fn gradients(&self) -> GradientFields<$m> {
                GradientFields {
                    x: self.grad_x,
                    y: self.grad_y,
                    a: self.grad_a,
                    b: self.grad_b,
                }
            }
            fn set_values(&mut self, entropic_ot: f64, transport_cost: f64, mass: f64) {
                self.entropic_ot = entropic_ot;
                self.transport_cost = transport_cost;
                self.mass = mass;
            }
        }
        impl DivergenceOutputs for $do {
            type M = $m;
            fn gradients(&self) -> GradientFields<$m> {
                GradientFields {
                    x: self.grad_x,
                    y: self.grad_y,
                    a: self.grad_a,
                    b: self.grad_b,
                }
            }
            fn set_values(&mut self, divergence: f64, ot: [f64; 3]) {
                self.divergence = divergence;
                self.entropic_ot_xy = ot[0];
                self.entropic_ot_xx = ot[1];
                self.entropic_ot_yy = ot[2];
            }
        }
    };
}
sinkhorn_types!(
    otc_sinkhorn_problem_f64,
    otc_sinkhorn_outputs_f64,
    otc_sinkhorn_divergence_problem_f64,
    otc_sinkhorn_divergence_outputs_f64,
    otc_matrix_f64,
    otc_matrix_mut_f64
);
sinkhorn_types!(
    otc_sinkhorn_problem_f32,
    otc_sinkhorn_outputs_f32,
    otc_sinkhorn_divergence_problem_f32,
    otc_sinkhorn_divergence_outputs_f32,
    otc_matrix_f32,
    otc_matrix_mut_f32
);

/// A problem read and checked: its fields, its region, d (0 for dense costs), the solver
/// parameters, the thread count and the callback.
struct Setup<F> {
    fields: F,
    region: Region,
    d: usize,
    params: Params,
    threads: u32,
    callback: Callback,
}

/// Whether a view is given (its data pointer not NULL).
fn given<V: MatrixView>(v: &V) -> bool {
    !v.parts().0.is_null()
}

/// Checks the form of a problem: exactly one of the dense costs (`dense`, all of them) and the
/// points (`x`, `y`, both), the metric, and the sizes n, m against the views. Returns d (0 for
/// dense costs).
fn check_form<V: MatrixView>(
    dense: &[(&str, V)],
    x: &V,
    y: &V,
    metric: i32,
    n: usize,
    m: usize,
) -> Result<usize> {
    if n == 0 || m == 0 {
        bail!(
            InvalidDimension,
            "problem->n = {n} and problem->m = {m}: both must be >= 1"
        );
    }
    let costs = dense.iter().filter(|(_, v)| given(v)).count();
    let points = [x, y].into_iter().filter(|v| given(*v)).count();
    match (costs, points) {
        (c, 0) if c == dense.len() => {
            for (name, v) in dense {
                let (_, rows, cols, _, _) = v.parts();
                let want = match *name {
                    "problem->cost_xx" => (n, n),
                    "problem->cost_yy" => (m, m),
                    _ => (n, m),
                };
                if (rows, cols) != want {
                    bail!(
                        InvalidDimension,
                        "{name} is {rows}x{cols}: expected {}x{} (n = {n}, m = {m})",
                        want.0,
                        want.1
                    );
                }
            }
            Ok(0)
        }
        (0, 2) => {
            if metric != OTC_METRIC_SQEUCLIDEAN {
                bail!(
                    InvalidArgument,
                    "problem->metric = {metric}: the cost computed on the fly is OTC_METRIC_SQEUCLIDEAN (0); for another metric compute the cost with otc_cost_matrix and pass it"
                );
            }
            let (_, xr, d, _, _) = x.parts();
            let (_, yr, dy, _, _) = y.parts();
            if xr != n || yr != m || d == 0 || dy != d {
                bail!(
                    InvalidDimension,
                    "problem->x is {xr}x{d} and problem->y is {yr}x{dy}: expected {n}xd and {m}xd with d >= 1"
                );
            }
            Ok(d)
        }
        _ => {
            let names = dense.iter().map(|(s, _)| *s).collect::<Vec<_>>().join(", ");
            bail!(
                InvalidArgument,
                "the problem gives {costs} of the costs ({names}) and {points} of the point clouds (x, y): give exactly one form, all its views with data, the others' data NULL"
            )
        }
    }
}

/// An error for a gradient asked of a dense cost.
fn points_only(what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidArgument,
        format!("out->{what} needs the point clouds: a dense cost has no positions to differentiate (pass x and y)"),
    )
}

/// The regions of the outputs and their count: fixed arrays, so a call on a caller's
/// workspace allocates nothing.
struct OutRegions {
    list: [(&'static str, Region); 11],
    len: usize,
}

impl OutRegions {
    fn new(out: Region) -> Self {
        OutRegions {
            list: [("out", out); 11],
            len: 1,
        }
    }
    fn push(&mut self, name: &'static str, r: Option<Region>) {
        if let Some(r) = r {
            self.list[self.len] = (name, r);
            self.len += 1;
        }
    }
    fn get(&self) -> &[(&'static str, Region)] {
        &self.list[..self.len]
    }
}

/// An optional output view (`data` NULL: not wanted) of `rows`×`cols`.
///
/// # Safety
/// A view with data must address memory valid for writes for the call, used by nothing else.
unsafe fn opt_view<'a, M: MatrixView>(
    what: &'static str,
    v: &M,
    rows: usize,
    cols: usize,
) -> Result<Option<(MatMut<'a, M::T>, Region)>> {
    if !given(v) {
        return Ok(None);
    }
    // SAFETY: forwarded contract.
    let (mv, r) = unsafe { args::matrix_mut(what, v) }?;
    if (mv.nrows(), mv.ncols()) != (rows, cols) {
        bail!(
            InvalidDimension,
            "{what} is {}x{}: expected {rows}x{cols}",
            mv.nrows(),
            mv.ncols()
        );
    }
    Ok(Some((mv, r)))
}

/// The checked gradient outputs (each `None` when not wanted).
struct GradientOuts<'a, T> {
    x: Option<(MatMut<'a, T>, Region)>,
    y: Option<(MatMut<'a, T>, Region)>,
    a: Option<(&'a mut [f64], Region)>,
    b: Option<(&'a mut [f64], Region)>,
}

impl<'a, T> GradientOuts<'a, T> {
    fn wanted(&self) -> bool {
        self.x.is_some() || self.y.is_some() || self.a.is_some() || self.b.is_some()
    }
    fn push_regions(&self, outs: &mut OutRegions) {
        outs.push("out->grad_x", self.x.as_ref().map(|v| v.1));
        outs.push("out->grad_y", self.y.as_ref().map(|v| v.1));
        outs.push("out->grad_a", self.a.as_ref().map(|v| v.1));
        outs.push("out->grad_b", self.b.as_ref().map(|v| v.1));
    }
    fn into_gradients(self) -> Gradients<'a, T> {
        Gradients {
            x: self.x.map(|v| v.0),
            y: self.y.map(|v| v.0),
            a: self.a.map(|v| v.0),
            b: self.b.map(|v| v.0),
        }
    }
}

/// Reads the gradient outputs for n, m points of dimension d (0: a dense cost, where asking
/// for any gradient is an error).
///
/// # Safety
/// Every non-NULL output must be valid for writes of its stated size.
unsafe fn gradient_outs<'a, M: MatrixView>(
    g: &GradientFields<M>,
    n: usize,
    m: usize,
    d: usize,
) -> Result<GradientOuts<'a, M::T>> {
    if d == 0 {
        for (what, wanted) in [
            ("grad_x", given(&g.x)),
            ("grad_y", given(&g.y)),
            ("grad_a", !g.a.is_null()),
            ("grad_b", !g.b.is_null()),
        ] {
            if wanted {
                return Err(points_only(what));
            }
        }
    }
    // SAFETY (all calls): forwarded contract.
    Ok(GradientOuts {
        x: unsafe { opt_view("out->grad_x", &g.x, n, d) }?,
        y: unsafe { opt_view("out->grad_y", &g.y, m, d) }?,
        a: unsafe { args::opt_slice_mut("out->grad_a", g.a, n) }?,
        b: unsafe { args::opt_slice_mut("out->grad_b", g.b, m) }?,
    })
}

/// The checked inputs common to both operations: weights, and the cost views or points.
struct Inputs<'a, T> {
    a: (&'a [T], Region),
    b: (&'a [T], Region),
    /// Dense costs (1 or 3) or the points, as read views with their names and regions.
    views: [Option<(&'static str, MatRef<'a, T>, Region)>; 3],
}

impl<'a, T: Real> Inputs<'a, T> {
    /// Reads the weights and the `k` views of the form in use.
    ///
    /// # Safety
    /// The problem's pointers must be valid for their stated sizes.
    unsafe fn read<V: MatrixView<T = T>>(
        a: *const T,
        n: usize,
        b: *const T,
        m: usize,
        views: &[(&'static str, V)],
    ) -> Result<Self> {
        // SAFETY (all calls): forwarded contract.
        let a = unsafe { args::slice("problem->a", a, n) }?;
        let b = unsafe { args::slice("problem->b", b, m) }?;
        let mut read = [None, None, None];
        for (slot, (name, v)) in read.iter_mut().zip(views) {
            let (mv, r) = unsafe { args::matrix(*name, v) }?;
            *slot = Some((*name, mv, r));
        }
        Ok(Inputs { a, b, views: read })
    }

    /// The input regions: weights and views, then `extra` (warm starts), fixed-size.
    fn regions(&self, extra: [Option<(&'static str, Region)>; 3]) -> [(&'static str, Region); 8] {
        let mut list = [("problem->a", self.a.1); 8];
        list[1] = ("problem->b", self.b.1);
        let rest = self
            .views
            .iter()
            .map(|v| v.as_ref().map(|(s, _, r)| (*s, *r)))
            .chain(extra);
        for (slot, r) in list[2..].iter_mut().zip(rest) {
            // A missing entry repeats a, which is already listed.
            *slot = r.unwrap_or(("problem->a", self.a.1));
        }
        list
    }

    fn view(&self, k: usize) -> MatRef<'a, T> {
        match &self.views[k] {
            Some((_, v, _)) => *v,
            None => unreachable!("the views of the form in use are all read"),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Entropic OT
// ---------------------------------------------------------------------------------------

/// Fills `*opts` with the defaults: ε = 0.01, balanced (ρ = ∞, KL), tolerance 1e-9 checked
/// every 10 iterations, at most 1000 iterations, no ε-scaling, alternating updates without
/// over-relaxation, `OTC_SINKHORN_PATH_AUTO` with a 1 GiB kernel cap, mass tolerance 1e-6,
/// all threads.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_sinkhorn_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_options_default(
    opts: *mut otc_sinkhorn_options,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Workspace of one solve with its outputs: the potentials, then the solve or the passes
/// after it (transport cost, plan, map, gradients).
fn solve_req<T: Real>(n: usize, m: usize, d: usize, p: &Params) -> StackReq {
    let mut after = [
        sinkhorn::sinkhorn_scratch::<T>(n, m, d, p),
        sinkhorn::line_sums_scratch::<T>(n, m, d),
        StackReq::EMPTY,
    ];
    if d > 0 {
        after[2] = sinkhorn::ot_gradient_scratch::<T>(n, m, d);
    }
    StackReq::all_of(&[
        vec_req::<f64>(n),
        vec_req::<f64>(m),
        StackReq::any_of(&after),
    ])
}

/// Reads a Sinkhorn problem's form: (n, m, d, params).
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs of at least their `struct_size` bytes.
unsafe fn sinkhorn_setup<P: SinkhornProblem>(
    problem: *const P,
    opts: *const otc_sinkhorn_options,
) -> Result<Setup<SinkhornFields<P::V>>> {
    // SAFETY (both): forwarded contract.
    let (p, rp) = unsafe { shape::problem(problem) }?;
    let o = unsafe { shape::options(opts) }?;
    let params = o.params()?;
    let p = p.fields();
    let d = check_form(&[("problem->cost", p.cost)], &p.x, &p.y, p.metric, p.n, p.m)?;
    Ok(Setup {
        fields: p,
        region: rp,
        d,
        params,
        threads: o.num_threads,
        callback: o.callback(),
    })
}

/// Body of `otc_sinkhorn_workspace_size_f64/_f32`.
///
/// # Safety
/// As `otc_sinkhorn_workspace_size_f64`.
unsafe fn sinkhorn_workspace_c<P: SinkhornProblem>(
    problem: *const P,
    opts: *const otc_sinkhorn_options,
    bytes: *mut usize,
) -> Result<Report> {
    // SAFETY (both): forwarded contract.
    let Setup {
        fields: p,
        d,
        params,
        ..
    } = unsafe { sinkhorn_setup(problem, opts) }?;
    let req = solve_req::<<P::V as MatrixView>::T>(p.n, p.m, d, &params);
    unsafe { args::write_workspace_size(req, bytes) }?;
    Ok(Report::ok())
}

/// Bytes of workspace `otc_sinkhorn_f64` needs for `problem` with `opts` (NULL: defaults):
/// O((n + m)·(1 + d)) doubles, plus the stored kernel (n·m doubles and O(n·m/256)) when
/// `opts->path` and `kernel_memory_cap` choose it for a dense cost. Depends on n, m, d and the
/// options only.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION`, `OTC_ERR_INVALID_ARGUMENT` (not exactly one form, a metric
/// other than squared Euclidean, a bad flag or enumeration), `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_workspace_size_f64(
    problem: *const otc_sinkhorn_problem_f64,
    opts: *const otc_sinkhorn_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe { sinkhorn_workspace_c(problem, opts, bytes) }
    })
}

/// `otc_sinkhorn_workspace_size_f64` for `otc_sinkhorn_f32` (a stored kernel of floats).
///
/// # Safety
/// As `otc_sinkhorn_workspace_size_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_workspace_size_f32(
    problem: *const otc_sinkhorn_problem_f32,
    opts: *const otc_sinkhorn_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_workspace_size_f32", || {
        // SAFETY: forwarded contract.
        unsafe { sinkhorn_workspace_c(problem, opts, bytes) }
    })
}

/// Refuses results that overflowed from finite inputs (costs near the largest double, or a
/// tiny ε): the potentials and values must be finite before any output is written.
pub(super) fn check_overflow(f: &[f64], g: &[f64], values: &[f64], eps: f64) -> Result<()> {
    if !f.iter().chain(g).chain(values).all(|x| x.is_finite()) {
        bail!(
            Numerical,
            "the potentials or the values overflowed (epsilon = {eps:e}): rescale the costs or raise epsilon"
        );
    }
    Ok(())
}

/// The status of a finished solve: `OTC_WARN_CANCELLED` when the callback stopped it,
/// `OTC_WARN_MAX_ITER` when the cap was reached.
fn solve_report(info: &Info) -> Report {
    if info.cancelled {
        Report::warn(
            OTC_WARN_CANCELLED,
            format_args!(
                "stopped by the callback after {} iterations: marginal error {:e}",
                info.iterations + info.scaling_iterations,
                info.marginal_error
            ),
        )
    } else if info.converged || info.marginal_error <= 0.0 {
        Report::ok()
    } else {
        Report::warn(
            OTC_WARN_MAX_ITER,
            format_args!(
                "{} iterations without reaching the tolerance: marginal error {:e}",
                info.iterations + info.scaling_iterations,
                info.marginal_error
            ),
        )
    }
}

/// The C code of the path that ran.
fn path_code(p: Path) -> i32 {
    match p {
        Path::Auto => OTC_SINKHORN_PATH_AUTO,
        Path::LogDomain => OTC_SINKHORN_PATH_LOG_DOMAIN,
        Path::Kernel => OTC_SINKHORN_PATH_KERNEL,
        Path::Truncated => OTC_SINKHORN_PATH_TRUNCATED,
    }
}

/// Body of `otc_sinkhorn_f64/_f32`.
///
/// # Safety
/// As `otc_sinkhorn_f64`.
unsafe fn sinkhorn_c<P, O>(
    problem: *const P,
    out: *mut O,
    opts: *const otc_sinkhorn_options,
    work: otc_workspace,
) -> Result<Report>
where
    P: SinkhornProblem,
    O: SinkhornOutputs<M: MatrixView<T = <P::V as MatrixView>::T>>,
{
    // SAFETY (whole body): every pointer is checked by the `args` and `shape` helpers before
    // use; validity for the stated sizes is the caller's contract.
    let Setup {
        fields: p,
        region: rp,
        d,
        params,
        threads: num_threads,
        callback,
    } = unsafe { sinkhorn_setup(problem, opts) }?;
    let mut o_out = unsafe { shape::outputs(out) }?;
    let (n, m) = (p.n, p.m);
    let views: &[(&'static str, P::V)] = if d == 0 {
        &[("problem->cost", p.cost)]
    } else {
        &[("problem->x", p.x), ("problem->y", p.y)]
    };
    let inputs = unsafe { Inputs::read(p.a, n, p.b, m, views) }?;
    let init_f = unsafe { args::opt_slice("problem->init_f", p.init_f, n) }?;
    let init_g = unsafe { args::opt_slice("problem->init_g", p.init_g, m) }?;
    let ov = &o_out.value;
    let (fp, gp) = ov.potentials();
    let f = unsafe { args::opt_slice_mut("out->f", fp, n) }?;
    let g = unsafe { args::opt_slice_mut("out->g", gp, m) }?;
    let (plan_v, map_v) = ov.plan_map();
    let plan = unsafe { opt_view("out->plan", &plan_v, n, m) }?;
    if d == 0 && given(&map_v) {
        return Err(points_only("map"));
    }
    let map = unsafe { opt_view("out->map", &map_v, n, d) }?;
    let grads = unsafe { gradient_outs(&ov.gradients(), n, m, d) }?;
    let mut outs = OutRegions::new(o_out.region());
    outs.push("out->f", f.as_ref().map(|v| v.1));
    outs.push("out->g", g.as_ref().map(|v| v.1));
    outs.push("out->plan", plan.as_ref().map(|v| v.1));
    outs.push("out->map", map.as_ref().map(|v| v.1));
    grads.push_regions(&mut outs);
    let ins = inputs.regions([
        Some(("problem", rp)),
        init_f.as_ref().map(|v| ("problem->init_f", v.1)),
        init_g.as_ref().map(|v| ("problem->init_g", v.1)),
    ]);
    check_disjoint(outs.get(), &ins)?;

    let req = solve_req::<<P::V as MatrixView>::T>(n, m, d, &params);
    let cost = if d == 0 {
        Cost::Dense(inputs.view(0))
    } else {
        Cost::SqEuclidean {
            x: inputs.view(0),
            y: inputs.view(1),
        }
    };
    let (a, b) = (inputs.a.0, inputs.b.0);
    let (init_f, init_g) = (init_f.map(|v| v.0), init_g.map(|v| v.0));
    let (f, g) = (f.map(|v| v.0), g.map(|v| v.0));
    let (plan, map) = (plan.map(|v| v.0), map.map(|v| v.0));
    let solve = |par: Par, stack: &mut MemStack| {
        let (mut fw, stack) = take(stack, n, 0.0f64);
        let (mut gw, stack) = take(stack, m, 0.0f64);
        if let Some(x) = init_f {
            fw.copy_from_slice(x);
        }
        if let Some(x) = init_g {
            gw.copy_from_slice(x);
        }
        let eps = params.epsilon;
        let info = sinkhorn::sinkhorn_in_place(cost, a, b, &mut fw, &mut gw, &params, par, stack)?;
        check_overflow(&fw, &gw, &[info.dual, info.mass], eps)?;
        let tc = sinkhorn::transport_cost_in_place(cost, a, b, &fw, &gw, eps, par, stack)?;
        check_overflow(&[], &[], &[tc], eps)?;
        if let Some(map) = map {
            sinkhorn::barycentric_map_in_place(cost, a, b, &fw, &gw, eps, map, par, stack)?;
        }
        if let Some(plan) = plan {
            sinkhorn::plan_in_place(cost, a, b, &fw, &gw, eps, plan, stack)?;
        }
        if grads.wanted() {
            let (x, y) = (inputs.view(0), inputs.view(1));
            let gr = grads.into_gradients();
            sinkhorn::ot_gradient_in_place(x, y, a, b, &fw, &gw, &params, gr, par, stack)?;
        }
        if let Some(f) = f {
            f.copy_from_slice(&fw);
        }
        if let Some(g) = g {
            g.copy_from_slice(&gw);
        }
        Ok((info, tc))
    };
    let ((info, tc), _) = unsafe { shape::run(num_threads, work, req, callback, solve) }?;
    o_out.value.set_values(info.dual, tc, info.mass);
    let report = o_out.value.report_mut();
    report.path = path_code(info.path);
    report.iterations = (info.iterations + info.scaling_iterations) as u64;
    report.error = info.marginal_error;
    let status = solve_report(&info);
    o_out.commit(status.status);
    Ok(status)
}

/// Entropic OT by Sinkhorn's iteration on the dual potentials, in double precision:
/// minimises ⟨C, P⟩ + ε·KL(P | a⊗b) (+ ρ_a·D(P·1 | a) + ρ_b·D(Pᵀ·1 | b) for finite
/// penalties, D = KL or TV) over plans P ≥ 0, with `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`
/// at the optimum. The cost is the dense `problem->cost` or the points `x`, `y` (squared
/// Euclidean, computed on the fly), exactly one. Writes `out->entropic_ot` (OT_ε, with the
/// entropy term), `out->transport_cost` (⟨C, P⟩, without it), `out->mass`, the report, and
/// the optional outputs asked for (f, g, plan, and for points the barycentric map and the
/// gradients of OT_ε). Time O(n·m) per iteration (log-domain passes: 2·n·m exponentials, or
/// one read of a stored kernel), plus O(n·m·d) per gradient side; workspace from
/// `otc_sinkhorn_workspace_size_f64` (or `{NULL, 0}`: allocated). Results are identical for
/// every thread count.
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (the cap was reached; outputs valid);
/// `OTC_WARN_CANCELLED` (the callback stopped the solve; outputs valid, from the potentials
/// reached);
/// `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
/// `OTC_ERR_INVALID_ARGUMENT` (ε, ρ, tolerances, flags, enumerations; not exactly one form;
/// the map or a gradient asked of a dense cost), `OTC_ERR_NON_FINITE`,
/// `OTC_ERR_MASS_MISMATCH` (balanced with masses further apart than `mass_tolerance`),
/// `OTC_ERR_NUMERICAL` (the potentials or values overflowed), `OTC_ERR_INVALID_STRIDE`,
/// `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
/// `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
/// bytes); every non-NULL pointer in them is valid for its stated size; `work.data` is NULL or
/// valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_f64(
    problem: *const otc_sinkhorn_problem_f64,
    out: *mut otc_sinkhorn_outputs_f64,
    opts: *const otc_sinkhorn_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_f64", || {
        // SAFETY: forwarded contract.
        unsafe { sinkhorn_c(problem, out, opts, work) }
    })
}

/// `otc_sinkhorn_f64` on weights, cost, points, plan, map and position gradients of floats
/// (potentials, values and weight gradients stay double; marginal sums are accumulated in
/// double).
///
/// # Safety
/// As `otc_sinkhorn_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_f32(
    problem: *const otc_sinkhorn_problem_f32,
    out: *mut otc_sinkhorn_outputs_f32,
    opts: *const otc_sinkhorn_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_f32", || {
        // SAFETY: forwarded contract.
        unsafe { sinkhorn_c(problem, out, opts, work) }
    })
}

// ---------------------------------------------------------------------------------------
// Sinkhorn divergence
// ---------------------------------------------------------------------------------------

/// Fills `*opts` with the defaults (those of `otc_sinkhorn_options_default`).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_sinkhorn_divergence_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_divergence_options_default(
    opts: *mut otc_sinkhorn_divergence_options,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_divergence_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Workspace of one divergence (with its gradients for points).
fn divergence_req<T: Real>(n: usize, m: usize, d: usize, p: &Params) -> StackReq {
    if d > 0 {
        sinkhorn::divergence_gradient_scratch::<T>(n, m, d, p)
    } else {
        sinkhorn::divergence_scratch::<T>(n, m, d, p)
    }
}

/// The names of the three dense costs of a divergence problem, with their views.
fn dense_costs<V: MatrixView>(p: &DivergenceFields<V>) -> [(&'static str, V); 3] {
    [
        ("problem->cost_xy", p.costs[0]),
        ("problem->cost_xx", p.costs[1]),
        ("problem->cost_yy", p.costs[2]),
    ]
}

/// Reads a divergence problem's form: (fields, region, d, params, threads).
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs of at least their `struct_size` bytes.
unsafe fn divergence_setup<P: DivergenceProblem>(
    problem: *const P,
    opts: *const otc_sinkhorn_divergence_options,
) -> Result<Setup<DivergenceFields<P::V>>> {
    // SAFETY (both): forwarded contract.
    let (p, rp) = unsafe { shape::problem(problem) }?;
    let o = unsafe { shape::options(opts) }?;
    let params = o.params()?;
    let p = p.fields();
    let d = check_form(&dense_costs(&p), &p.x, &p.y, p.metric, p.n, p.m)?;
    Ok(Setup {
        fields: p,
        region: rp,
        d,
        params,
        threads: o.num_threads,
        callback: o.callback(),
    })
}

/// Body of `otc_sinkhorn_divergence_workspace_size_f64/_f32`.
///
/// # Safety
/// As `otc_sinkhorn_divergence_workspace_size_f64`.
unsafe fn divergence_workspace_c<P: DivergenceProblem>(
    problem: *const P,
    opts: *const otc_sinkhorn_divergence_options,
    bytes: *mut usize,
) -> Result<Report> {
    // SAFETY (both): forwarded contract.
    let Setup {
        fields: p,
        d,
        params,
        ..
    } = unsafe { divergence_setup(problem, opts) }?;
    let req = divergence_req::<<P::V as MatrixView>::T>(p.n, p.m, d, &params);
    unsafe { args::write_workspace_size(req, bytes) }?;
    Ok(Report::ok())
}

/// Bytes of workspace `otc_sinkhorn_divergence_f64` needs for `problem` with `opts` (NULL:
/// defaults): that of one solve of size max(n, m) (see `otc_sinkhorn_workspace_size_f64`),
/// plus O((n + m)·d) for the points' gradients. Depends on n, m, d and the options only.
///
/// Statuses: as `otc_sinkhorn_workspace_size_f64`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs; `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_divergence_workspace_size_f64(
    problem: *const otc_sinkhorn_divergence_problem_f64,
    opts: *const otc_sinkhorn_divergence_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_divergence_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe { divergence_workspace_c(problem, opts, bytes) }
    })
}

/// `otc_sinkhorn_divergence_workspace_size_f64` for `otc_sinkhorn_divergence_f32`.
///
/// # Safety
/// As `otc_sinkhorn_divergence_workspace_size_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_divergence_workspace_size_f32(
    problem: *const otc_sinkhorn_divergence_problem_f32,
    opts: *const otc_sinkhorn_divergence_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_divergence_workspace_size_f32", || {
        // SAFETY: forwarded contract.
        unsafe { divergence_workspace_c(problem, opts, bytes) }
    })
}

/// Body of `otc_sinkhorn_divergence_f64/_f32`.
///
/// # Safety
/// As `otc_sinkhorn_divergence_f64`.
unsafe fn divergence_c<P, O>(
    problem: *const P,
    out: *mut O,
    opts: *const otc_sinkhorn_divergence_options,
    work: otc_workspace,
) -> Result<Report>
where
    P: DivergenceProblem,
    O: DivergenceOutputs<M: MatrixView<T = <P::V as MatrixView>::T>>,
{
    // SAFETY (whole body): every pointer is checked by the `args` and `shape` helpers before
    // use; validity for the stated sizes is the caller's contract.
    let Setup {
        fields: p,
        region: rp,
        d,
        params,
        threads: num_threads,
        callback,
    } = unsafe { divergence_setup(problem, opts) }?;
    let mut o_out = unsafe { shape::outputs(out) }?;
    let (n, m) = (p.n, p.m);
    let dense = dense_costs(&p);
    let points = [("problem->x", p.x), ("problem->y", p.y)];
    let views: &[(&'static str, P::V)] = if d == 0 { &dense } else { &points };
    let inputs = unsafe { Inputs::read(p.a, n, p.b, m, views) }?;
    let grads = unsafe { gradient_outs(&o_out.value.gradients(), n, m, d) }?;
    let mut outs = OutRegions::new(o_out.region());
    grads.push_regions(&mut outs);
    check_disjoint(
        outs.get(),
        &inputs.regions([Some(("problem", rp)), None, None]),
    )?;

    let req = divergence_req::<<P::V as MatrixView>::T>(n, m, d, &params);
    let (a, b) = (inputs.a.0, inputs.b.0);
    let solve = |par: Par, stack: &mut MemStack| {
        let div = if d == 0 {
            let costs = [0, 1, 2].map(|k| Cost::Dense(inputs.view(k)));
            sinkhorn::divergence_in_place(costs, a, b, &params, par, stack)?
        } else {
            let (x, y) = (inputs.view(0), inputs.view(1));
            let gr = grads.into_gradients();
            sinkhorn::divergence_gradient_in_place(x, y, a, b, &params, gr, par, stack)?
        };
        let v = [
            div.value,
            div.infos[0].dual,
            div.infos[1].dual,
            div.infos[2].dual,
        ];
        check_overflow(&[], &[], &v, params.epsilon)?;
        Ok(div)
    };
    let (div, _) = unsafe { shape::run(num_threads, work, req, callback, solve) }?;
    let duals = div.infos.map(|i| i.dual);
    o_out.value.set_values(div.value, duals);
    let report = o_out.value.report_mut();
    report.path = path_code(div.infos[0].path);
    report.iterations = div
        .infos
        .iter()
        .map(|i| (i.iterations + i.scaling_iterations) as u64)
        .sum();
    report.error = div
        .infos
        .iter()
        .map(|i| i.marginal_error)
        .fold(0.0, f64::max);
    let worst = div
        .infos
        .iter()
        .find(|i| i.cancelled)
        .or_else(|| {
            div.infos
                .iter()
                .find(|i| !i.converged && i.marginal_error > 0.0)
        })
        .unwrap_or(&div.infos[0]);
    let status = solve_report(worst);
    o_out.commit(status.status);
    Ok(status)
}

/// The Sinkhorn divergence S(a, b) = OT_ε(a, b) − ½OT_ε(a, a) − ½OT_ε(b, b) +
/// (ε/2)(Σa − Σb)² (each OT_ε the entropic cost with its entropy term, from a cold-start
/// solve with `opts`), in double precision, from the three dense costs of `problem` or its
/// point clouds (squared Euclidean, computed on the fly), exactly one form. Writes
/// `out->divergence`, the three OT_ε values, the report and, for points, the gradients of S
/// asked for. Time: three solves (O(n·m), O(n²), O(m²) per iteration), plus six streamed
/// passes O((n + m)²·d) when gradients are wanted; workspace from
/// `otc_sinkhorn_divergence_workspace_size_f64` (or `{NULL, 0}`: allocated). Results are
/// identical for every thread count.
///
/// Statuses: as `otc_sinkhorn_f64` (`OTC_WARN_MAX_ITER` when a solve reached the cap,
/// `OTC_WARN_CANCELLED` when the callback stopped one: each of the three solves calls it,
/// with its own iteration count). On an
/// error nothing is written, but for `OTC_ERR_NUMERICAL` (a value overflowed), found after
/// the gradients asked for were computed into their outputs.
///
/// # Safety
/// As `otc_sinkhorn_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_divergence_f64(
    problem: *const otc_sinkhorn_divergence_problem_f64,
    out: *mut otc_sinkhorn_divergence_outputs_f64,
    opts: *const otc_sinkhorn_divergence_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_divergence_f64", || {
        // SAFETY: forwarded contract.
        unsafe { divergence_c(problem, out, opts, work) }
    })
}

/// `otc_sinkhorn_divergence_f64` on weights, costs, points and position gradients of floats
/// (values and weight gradients stay double).
///
/// # Safety
/// As `otc_sinkhorn_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_divergence_f32(
    problem: *const otc_sinkhorn_divergence_problem_f32,
    out: *mut otc_sinkhorn_divergence_outputs_f32,
    opts: *const otc_sinkhorn_divergence_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_divergence_f32", || {
        // SAFETY: forwarded contract.
        unsafe { divergence_c(problem, out, opts, work) }
    })
}
