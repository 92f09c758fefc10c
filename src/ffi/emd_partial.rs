//! C entry points of exact partial OT and exact TV-unbalanced OT
//! ([`crate::exact::network_simplex::partial`]), in the ABI 1 shape: `otc_emd_partial_*`
//! (transport a given mass m) and `otc_emd_unbalanced_tv_*` (marginals penalised by ρ times
//! their total variation). Both solve the network simplex on the problem augmented with one
//! dummy row and column; the n × m cost is read in place (f64 only, as the solver).

use super::args::{self, Region};
use super::boundary::{ffi_boundary, Report};
use super::shape::{self, otc_callback, otc_workspace, AbiOutputs, AbiStruct, Callback};
use super::status::{otc_status, OTC_OK, OTC_WARN_CANCELLED, OTC_WARN_MAX_ITER};
use super::view::{otc_matrix_f64, otc_matrix_mut_f64};
use crate::exact::{
    emd_partial_in_place, emd_partial_scratch, emd_tv_in_place, EmdOutputs, PartialInfo,
    PartialParams,
};
use crate::{bail, MatRef, MemStack, Par, Result, StackReq};
use std::ffi::c_void;
use std::mem::size_of;

/// Options of `otc_emd_partial_f64`; fill with `otc_emd_partial_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_partial_options {
    /// `sizeof(otc_emd_partial_options)`.
    pub struct_size: usize,
    /// Checked (≤ 256) and accepted for uniformity: one problem runs on the calling thread.
    pub num_threads: u32,
    /// Pivot cap (initial pivots included; default 2^40). When reached, the plan found so
    /// far is returned with `OTC_WARN_MAX_ITER`.
    pub max_iter: u64,
    /// A target mass above min(Σa, Σb) by at most this relative amount is taken as
    /// min(Σa, Σb) (default 1e-9).
    pub mass_tolerance: f64,
    /// Call `callback` at most once per this many pivots (default 0: never).
    pub callback_every: u64,
    /// Progress callback (default NULL), called on the calling thread after a pivot with the
    /// pivots made and the magnitude of the entering arc's reduced cost (it tends to 0 as the
    /// solve ends); nonzero stops the solve: `OTC_WARN_CANCELLED` with a feasible plan
    /// (P·1 ≤ a, Pᵀ·1 ≤ b), its cost and duals, as after `max_iter`.
    pub callback: otc_callback,
    /// Passed to `callback` as is.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers, floats, a raw pointer and
// an optional function pointer (NULL is None) only.
unsafe impl AbiStruct for otc_emd_partial_options {
    const NAME: &'static str = "otc_emd_partial_options";
    const MIN_SIZE: usize = size_of::<otc_emd_partial_options>();
    fn base() -> Self {
        let p = PartialParams::default();
        otc_emd_partial_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            max_iter: p.max_iter,
            mass_tolerance: p.mass_tolerance,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// Options of `otc_emd_unbalanced_tv_f64`; fill with `otc_emd_unbalanced_tv_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_unbalanced_tv_options {
    /// `sizeof(otc_emd_unbalanced_tv_options)`.
    pub struct_size: usize,
    /// Checked (≤ 256) and accepted for uniformity: one problem runs on the calling thread.
    pub num_threads: u32,
    /// Pivot cap (initial pivots included; default 2^40). When reached, the plan found so
    /// far is returned with `OTC_WARN_MAX_ITER`.
    pub max_iter: u64,
    /// Call `callback` at most once per this many pivots (default 0: never).
    pub callback_every: u64,
    /// Progress callback (default NULL), called on the calling thread after a pivot with the
    /// pivots made and the magnitude of the entering arc's reduced cost (it tends to 0 as the
    /// solve ends); nonzero stops the solve: `OTC_WARN_CANCELLED` with a feasible plan
    /// (P·1 ≤ a, Pᵀ·1 ≤ b), its cost and duals, as after `max_iter`.
    pub callback: otc_callback,
    /// Passed to `callback` as is.
    pub callback_data: *mut c_void,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers, a raw pointer and an
// optional function pointer (NULL is None) only.
unsafe impl AbiStruct for otc_emd_unbalanced_tv_options {
    const NAME: &'static str = "otc_emd_unbalanced_tv_options";
    const MIN_SIZE: usize = size_of::<otc_emd_unbalanced_tv_options>();
    fn base() -> Self {
        otc_emd_unbalanced_tv_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            max_iter: PartialParams::default().max_iter,
            callback_every: 0,
            callback: None,
            callback_data: std::ptr::null_mut(),
        }
    }
}

/// Exact partial OT: move `mass` (0 ≤ mass ≤ min(Σa, Σb)) from `a` to `b` at least cost,
/// `min ⟨C, P⟩` over P ≥ 0 with P·1 ≤ a, Pᵀ·1 ≤ b, Σ P = mass.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_partial_problem_f64 {
    /// `sizeof(otc_emd_partial_problem_f64)`.
    pub struct_size: usize,
    /// Source weights (n; finite, ≥ 0).
    pub a: *const f64,
    /// Number of sources n ≥ 1.
    pub n: usize,
    /// Target weights (m; finite, ≥ 0).
    pub b: *const f64,
    /// Number of targets m ≥ 1.
    pub m: usize,
    /// The n × m cost (finite, ≥ 0; any strides, read in place).
    pub cost: otc_matrix_f64,
    /// Mass to transport (finite, ≥ 0, ≤ min(Σa, Σb) up to `mass_tolerance`).
    pub mass: f64,
}
crate::abi_struct!(problem otc_emd_partial_problem_f64);

/// Exact TV-unbalanced OT: `min_{P ≥ 0} ⟨C, P⟩ + ρ(‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁)`. Mass moves
/// from i to j only where C_ij < 2ρ; ρ > max C / 2 with Σa = Σb gives the balanced plan.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_unbalanced_tv_problem_f64 {
    /// `sizeof(otc_emd_unbalanced_tv_problem_f64)`.
    pub struct_size: usize,
    /// Source weights (n; finite, ≥ 0).
    pub a: *const f64,
    /// Number of sources n ≥ 1.
    pub n: usize,
    /// Target weights (m; finite, ≥ 0).
    pub b: *const f64,
    /// Number of targets m ≥ 1.
    pub m: usize,
    /// The n × m cost (finite, ≥ 0; any strides, read in place).
    pub cost: otc_matrix_f64,
    /// The penalty ρ per unit of marginal violation (finite, ≥ 0, ρ·(n + m + 3) finite).
    pub rho: f64,
}
crate::abi_struct!(problem otc_emd_unbalanced_tv_problem_f64);

/// Results of `otc_emd_partial_f64`. `report.iterations`: pivots; `report.error`: `gap`;
/// `report.path`: 0. Optional outputs: NULL (a view's `data` NULL) when not wanted.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_partial_outputs_f64 {
    /// `sizeof(otc_emd_partial_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), iterations (pivots), error (= `gap`), seconds.
    pub report: shape::otc_report,
    /// Transport cost Σ C_ij P_ij of the returned plan.
    pub cost: f64,
    /// Transported mass Σ P_ij (the problem's `mass`, clamped to min(Σa, Σb)).
    pub transported_mass: f64,
    /// λ, the derivative of `cost` with respect to the transported mass; the duals satisfy
    /// f ≤ 0, g ≤ 0, f_i + g_j + λ ≤ C_ij and cost = a·f + b·g + mass·λ.
    pub mass_price: f64,
    /// Most negative reduced cost of the augmented problem's duals (0, or a few ulps below,
    /// when optimal).
    pub gap: f64,
    /// Number of sparse plan entries (≤ n + m − 1).
    pub plan_nnz: usize,
    /// Row duals (n).
    pub f: *mut f64,
    /// Column duals (m).
    pub g: *mut f64,
    /// Sparse plan: row of each entry. `plan_rows`, `plan_cols`, `plan_mass` go together
    /// (all or none), each with room for n + m − 1 entries; `plan_nnz` are written.
    pub plan_rows: *mut usize,
    /// Sparse plan: column of each entry.
    pub plan_cols: *mut usize,
    /// Sparse plan: mass of each entry.
    pub plan_mass: *mut f64,
    /// Dense plan, an n × m view (any strides, distinct elements); `data` NULL: not wanted.
    pub plan: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_emd_partial_outputs_f64);

/// Results of `otc_emd_unbalanced_tv_f64`. `report.iterations`: pivots; `report.error`:
/// `gap`; `report.path`: 0. Optional outputs: NULL (a view's `data` NULL) when not wanted.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_emd_unbalanced_tv_outputs_f64 {
    /// `sizeof(otc_emd_unbalanced_tv_outputs_f64)`.
    pub struct_size: usize,
    /// Status, path (0), iterations (pivots), error (= `gap`), seconds.
    pub report: shape::otc_report,
    /// Transport cost Σ C_ij P_ij of the returned plan.
    pub cost: f64,
    /// The minimised objective cost + ρ(Σa + Σb − 2·transported_mass) (= a·f + b·g).
    pub objective: f64,
    /// Transported mass Σ P_ij.
    pub transported_mass: f64,
    /// Most negative reduced cost of the augmented problem's duals (0, or a few ulps below,
    /// when optimal).
    pub gap: f64,
    /// Number of sparse plan entries (≤ n + m − 1).
    pub plan_nnz: usize,
    /// Row duals (n): f ≤ ρ, f_i + g_j ≤ C_ij; subgradients of the objective in a.
    pub f: *mut f64,
    /// Column duals (m): g ≤ ρ; subgradients of the objective in b.
    pub g: *mut f64,
    /// Sparse plan: row of each entry. `plan_rows`, `plan_cols`, `plan_mass` go together
    /// (all or none), each with room for n + m − 1 entries; `plan_nnz` are written.
    pub plan_rows: *mut usize,
    /// Sparse plan: column of each entry.
    pub plan_cols: *mut usize,
    /// Sparse plan: mass of each entry.
    pub plan_mass: *mut f64,
    /// Dense plan, an n × m view (any strides, distinct elements); `data` NULL: not wanted.
    pub plan: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_emd_unbalanced_tv_outputs_f64);

/// The fields the two problems share, read by one checked body.
#[derive(Clone, Copy)]
struct Dense {
    a: *const f64,
    n: usize,
    b: *const f64,
    m: usize,
    cost: otc_matrix_f64,
}

/// The optional outputs the two outputs structs share, and where their results go.
trait DenseOutputs: AbiOutputs {
    /// (f, g, plan_rows, plan_cols, plan_mass, plan).
    fn targets(
        &self,
    ) -> (
        *mut f64,
        *mut f64,
        *mut usize,
        *mut usize,
        *mut f64,
        otc_matrix_mut_f64,
    );
    /// Stores the solver's results.
    fn store(&mut self, info: &PartialInfo);
}

impl DenseOutputs for otc_emd_partial_outputs_f64 {
    fn targets(
        &self,
    ) -> (
        *mut f64,
        *mut f64,
        *mut usize,
        *mut usize,
        *mut f64,
        otc_matrix_mut_f64,
    ) {
        (
            self.f,
            self.g,
            self.plan_rows,
            self.plan_cols,
            self.plan_mass,
            self.plan,
        )
    }
    fn store(&mut self, info: &PartialInfo) {
        self.cost = info.cost;
        self.transported_mass = info.mass;
        self.mass_price = info.mass_price;
        self.gap = info.gap;
        self.plan_nnz = info.nnz;
    }
}

impl DenseOutputs for otc_emd_unbalanced_tv_outputs_f64 {
    fn targets(
        &self,
    ) -> (
        *mut f64,
        *mut f64,
        *mut usize,
        *mut usize,
        *mut f64,
        otc_matrix_mut_f64,
    ) {
        (
            self.f,
            self.g,
            self.plan_rows,
            self.plan_cols,
            self.plan_mass,
            self.plan,
        )
    }
    fn store(&mut self, info: &PartialInfo) {
        self.cost = info.cost;
        self.objective = info.objective;
        self.transported_mass = info.mass;
        self.gap = info.gap;
        self.plan_nnz = info.nnz;
    }
}

/// Checks n, m ≥ 1 (the workspace query's only inputs).
pub(super) fn sizes(n: usize, m: usize) -> Result<()> {
    if n == 0 || m == 0 {
        bail!(
            InvalidDimension,
            "problem->n = {n} and problem->m = {m}: both must be >= 1"
        );
    }
    Ok(())
}

/// The body of the workspace queries of the dense n × m problems (partial, TV, entropic
/// partial): checks the thread count and n, m, writes the bytes of `req(n, m)`.
///
/// # Safety
/// `bytes` must be NULL or valid for writes.
pub(super) unsafe fn write_dense_workspace(
    n: usize,
    m: usize,
    num_threads: u32,
    req: fn(usize, usize) -> StackReq,
    bytes: *mut usize,
) -> Result<Report> {
    crate::par::resolve_threads(args::threads(num_threads))?;
    sizes(n, m)?;
    // SAFETY: forwarded contract.
    unsafe { args::write_workspace_size(req(n, m), bytes) }?;
    Ok(Report::ok())
}

/// The body of both solving entry points: reads and checks every argument, runs `solve` on
/// the workspace, writes the outputs struct.
///
/// # Safety
/// As the entry points: `out` NULL or a valid struct; the pointers in `d` and in `*out`
/// valid for their stated lengths; `work` as [`shape::run`].
unsafe fn solve_dense<O: DenseOutputs>(
    d: Dense,
    problem_region: Region,
    out: *mut O,
    num_threads: u32,
    callback: Callback,
    work: otc_workspace,
    solve: impl FnOnce(
            &[f64],
            &[f64],
            MatRef<'_, f64>,
            EmdOutputs<'_>,
            Par,
            &mut MemStack,
        ) -> Result<PartialInfo>
        + Send,
) -> Result<Report> {
    // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers before
    // use; validity for the stated lengths is the caller's contract.
    let mut o_out = unsafe { shape::outputs(out) }?;
    sizes(d.n, d.m)?;
    let (c, rc) = unsafe { args::matrix("problem->cost", &d.cost) }?;
    if c.nrows() != d.n || c.ncols() != d.m {
        bail!(
            InvalidDimension,
            "problem->cost is {}x{} but n = {} and m = {}",
            c.nrows(),
            c.ncols(),
            d.n,
            d.m
        );
    }
    let (a, ra) = unsafe { args::slice("problem->a", d.a, d.n) }?;
    let (b, rb) = unsafe { args::slice("problem->b", d.b, d.m) }?;
    let (f, g, rows, cols, mass, plan) = o_out.value.targets();
    let cap = d.n.checked_add(d.m).map_or(usize::MAX, |k| k - 1);
    let f = unsafe { args::opt_slice_mut("out->f", f, d.n) }?;
    let g = unsafe { args::opt_slice_mut("out->g", g, d.m) }?;
    let names = ["out->plan_rows", "out->plan_cols", "out->plan_mass"];
    let sparse = unsafe { args::sparse_plan(names, rows, cols, mass, cap) }?;
    let dense = match plan.data.is_null() {
        true => None,
        false => Some(unsafe { args::matrix_mut("out->plan", &plan) }?),
    };
    let sr = sparse.as_ref().map(|s| s.1);
    args::disjoint(
        &[
            ("out", Some(o_out.region())),
            ("out->f", f.as_ref().map(|x| x.1)),
            ("out->g", g.as_ref().map(|x| x.1)),
            ("out->plan_rows", sr.map(|r| r[0])),
            ("out->plan_cols", sr.map(|r| r[1])),
            ("out->plan_mass", sr.map(|r| r[2])),
            ("out->plan", dense.as_ref().map(|x| x.1)),
        ],
        &[&[
            ("problem", Some(problem_region)),
            ("problem->a", Some(ra)),
            ("problem->b", Some(rb)),
            ("problem->cost", Some(rc)),
        ]],
    )?;
    let outputs = EmdOutputs {
        f: f.map(|x| x.0),
        g: g.map(|x| x.0),
        sparse: sparse.map(|s| s.0),
        dense: dense.map(|x| x.0),
    };
    let req = emd_partial_scratch(d.n, d.m);
    let (info, _) = unsafe {
        shape::run(num_threads, work, req, callback, |par, stack| {
            solve(a, b, c, outputs, par, stack)
        })
    }?;
    o_out.value.store(&info);
    let report = o_out.value.report_mut();
    report.iterations = info.iterations;
    report.error = info.gap;
    let (status, why) = match (info.converged, info.cancelled) {
        (true, _) => (OTC_OK, ""),
        (false, true) => (OTC_WARN_CANCELLED, "the callback stopped the solve"),
        (false, false) => (OTC_WARN_MAX_ITER, "max_iter reached"),
    };
    o_out.commit(status);
    Ok(match status {
        OTC_OK => Report::ok(),
        _ => Report::warn(
            status,
            format_args!(
                "{why} after {} pivots: the plan is feasible, maybe not optimal (see out->gap)",
                info.iterations
            ),
        ),
    })
}

/// Writes the default options (`num_threads = 0`, `max_iter = 2^40`,
/// `mass_tolerance = 1e-9`) into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_emd_partial_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_partial_options_default(
    opts: *mut otc_emd_partial_options,
) -> otc_status {
    ffi_boundary("otc_emd_partial_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Bytes of workspace `otc_emd_partial_f64` needs for `problem` (its n and m) with `opts`
/// (NULL: defaults): O(n + m), the balanced simplex's on (n + 1) × (m + 1); the cost is never
/// copied. O(1) time.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (n or m = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_partial_workspace_size_f64(
    problem: *const otc_emd_partial_problem_f64,
    opts: *const otc_emd_partial_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_emd_partial_workspace_size_f64", || {
        // SAFETY (whole block): forwarded contract, checked by the helpers.
        let (p, _) = unsafe { shape::problem(problem) }?;
        let o = unsafe { shape::options(opts) }?;
        unsafe { write_dense_workspace(p.n, p.m, o.num_threads, emd_partial_scratch, bytes) }
    })
}

/// Exact partial OT between `problem->a` (n) and `problem->b` (m) for the n × m cost: moves
/// `problem->mass` at least cost, by the network simplex on the problem with one dummy row
/// and column (as POT's `partial_wasserstein`). Time as the balanced network simplex on
/// (n + 1) × (m + 1); workspace from `otc_emd_partial_workspace_size_f64` (or `{NULL, 0}`).
/// Σa = 0 or Σb = 0 is allowed (then `mass` must be 0).
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (feasible plan, P·1 ≤ a, Pᵀ·1 ≤ b, maybe not
/// optimal); `OTC_WARN_CANCELLED` (the callback stopped the solve: the same feasible outputs
/// as after `max_iter`); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
/// `OTC_ERR_INVALID_ARGUMENT` (a negative weight or cost, a mass above min(Σa, Σb), a
/// negative tolerance), `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`,
/// `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`,
/// `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_partial_f64(
    problem: *const otc_emd_partial_problem_f64,
    out: *mut otc_emd_partial_outputs_f64,
    opts: *const otc_emd_partial_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_emd_partial_f64", || {
        // SAFETY (whole block): forwarded contract, checked by the helpers.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o = unsafe { shape::options(opts) }?;
        let params = PartialParams {
            max_iter: o.max_iter,
            mass_tolerance: o.mass_tolerance,
        };
        let d = Dense {
            a: p.a,
            n: p.n,
            b: p.b,
            m: p.m,
            cost: p.cost,
        };
        unsafe {
            solve_dense(
                d,
                rp,
                out,
                o.num_threads,
                Callback::new(o.callback_every, o.callback, o.callback_data),
                work,
                |a, b, c, outs, par, stack| {
                    emd_partial_in_place(a, b, c, p.mass, outs, &params, par, stack)
                },
            )
        }
    })
}

/// Writes the default options (`num_threads = 0`, `max_iter = 2^40`) into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_emd_unbalanced_tv_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_unbalanced_tv_options_default(
    opts: *mut otc_emd_unbalanced_tv_options,
) -> otc_status {
    ffi_boundary("otc_emd_unbalanced_tv_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Bytes of workspace `otc_emd_unbalanced_tv_f64` needs for `problem` (its n and m) with
/// `opts` (NULL: defaults): O(n + m), as `otc_emd_partial_workspace_size_f64`. O(1) time.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`,
/// `OTC_ERR_INVALID_DIMENSION` (n or m = 0), `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_unbalanced_tv_workspace_size_f64(
    problem: *const otc_emd_unbalanced_tv_problem_f64,
    opts: *const otc_emd_unbalanced_tv_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_emd_unbalanced_tv_workspace_size_f64", || {
        // SAFETY (whole block): forwarded contract, checked by the helpers.
        let (p, _) = unsafe { shape::problem(problem) }?;
        let o = unsafe { shape::options(opts) }?;
        unsafe { write_dense_workspace(p.n, p.m, o.num_threads, emd_partial_scratch, bytes) }
    })
}

/// Exact TV-unbalanced OT between `problem->a` (n) and `problem->b` (m) for the n × m cost
/// with penalty `problem->rho`: the network simplex on the problem with a dummy row of mass
/// Σb and a dummy column of mass Σa (creating or destroying mass at ρ a unit). Time as the
/// balanced network simplex on (n + 1) × (m + 1); workspace from
/// `otc_emd_unbalanced_tv_workspace_size_f64` (or `{NULL, 0}`).
///
/// Statuses: `OTC_OK`; `OTC_WARN_MAX_ITER` (feasible plan, maybe not optimal);
/// `OTC_WARN_CANCELLED` (the callback stopped the solve: the same feasible outputs as after
/// `max_iter`); `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
/// `OTC_ERR_INVALID_ARGUMENT` (a negative weight, cost or ρ), `OTC_ERR_NON_FINITE`,
/// `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_WORKSPACE_TOO_SMALL`, `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error
/// nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_emd_unbalanced_tv_f64(
    problem: *const otc_emd_unbalanced_tv_problem_f64,
    out: *mut otc_emd_unbalanced_tv_outputs_f64,
    opts: *const otc_emd_unbalanced_tv_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_emd_unbalanced_tv_f64", || {
        // SAFETY (whole block): forwarded contract, checked by the helpers.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o = unsafe { shape::options(opts) }?;
        let params = PartialParams {
            max_iter: o.max_iter,
            ..PartialParams::default()
        };
        let d = Dense {
            a: p.a,
            n: p.n,
            b: p.b,
            m: p.m,
            cost: p.cost,
        };
        unsafe {
            solve_dense(
                d,
                rp,
                out,
                o.num_threads,
                Callback::new(o.callback_every, o.callback, o.callback_data),
                work,
                |a, b, c, outs, par, stack| {
                    emd_tv_in_place(a, b, c, p.rho, outs, &params, par, stack)
                },
            )
        }
    })
}
