//! C entry points of [`crate::exact::plan_ops`] in the ABI 1 shape: the gradient of a plan's
//! cost with respect to the point positions (`otc_plan_position_gradient_f64`: for an optimal
//! plan, the gradient of the exact OT value) and McCann's displacement interpolation
//! (`otc_displacement_interpolation_f64`). Both read the plan as the sparse (row, column, mass)
//! triplets `otc_emd_f64` writes or as a dense n × m view (an entropic plan); both are direct,
//! allocation-free and need no workspace. Double precision only, as the exact solvers.

use super::args::{self, Arg};
use super::boundary::{ffi_boundary, Report};
use super::cost::metric_from;
use super::shape::{self, otc_report, otc_workspace, Callback, Outputs};
use super::status::{otc_status, OTC_OK};
use super::view::{otc_matrix_f64, otc_matrix_mut_f64};
use crate::cost::Metric;
use crate::exact::{displacement_interpolation, plan_position_gradient, PlanRef, SparsePlanRef};
use crate::{bail, MatRef, Result, StackReq};
use std::mem::size_of;

/// The plan fields both problems share, and the points.
#[derive(Clone, Copy)]
struct PlanArgs {
    x: otc_matrix_f64,
    y: otc_matrix_f64,
    plan_nnz: usize,
    plan_rows: *const usize,
    plan_cols: *const usize,
    plan_mass: *const f64,
    plan: otc_matrix_f64,
}

/// The checked points and plan of a problem, with the regions of every input.
struct Read<'a> {
    x: MatRef<'a, f64>,
    y: MatRef<'a, f64>,
    plan: PlanRef<'a>,
    regions: [Arg; 6],
}

/// Reads x, y and the plan (sparse triplets or a dense view: exactly one), checking their
/// shapes; the values are checked by the kernel.
///
/// # Safety
/// Every non-NULL pointer in `p` is valid for its stated length.
unsafe fn read_plan<'a>(p: &PlanArgs) -> Result<Read<'a>> {
    // SAFETY (whole block): each pointer is checked by the `args` helpers before use;
    // validity for the stated lengths is the caller's contract.
    let (x, rx) = unsafe { args::matrix("problem->x", &p.x) }?;
    let (y, ry) = unsafe { args::matrix("problem->y", &p.y) }?;
    if x.ncols() != y.ncols() {
        bail!(
            InvalidDimension,
            "problem->x is {}x{} and problem->y {}x{}: the dimensions must agree",
            x.nrows(),
            x.ncols(),
            y.nrows(),
            y.ncols()
        );
    }
    let sparse = [
        !p.plan_rows.is_null(),
        !p.plan_cols.is_null(),
        !p.plan_mass.is_null(),
    ];
    let dense = !p.plan.data.is_null();
    if sparse.contains(&true) && sparse.contains(&false) {
        bail!(
            NullPointer,
            "problem->plan_rows, plan_cols and plan_mass go together: give all three or none"
        );
    }
    if sparse[0] == dense {
        bail!(
            NullPointer,
            "give the plan either as problem->plan_rows/plan_cols/plan_mass or as \
             problem->plan (data not NULL), not {}",
            if dense { "both" } else { "neither" }
        );
    }
    if dense {
        let (c, rc) = unsafe { args::matrix("problem->plan", &p.plan) }?;
        return Ok(Read {
            x,
            y,
            plan: PlanRef::Dense(c),
            regions: [
                ("problem->x", Some(rx)),
                ("problem->y", Some(ry)),
                ("problem->plan", Some(rc)),
                ("problem->plan_rows", None),
                ("problem->plan_cols", None),
                ("problem->plan_mass", None),
            ],
        });
    }
    let k = p.plan_nnz;
    let (rows, rr) = unsafe { args::slice("problem->plan_rows", p.plan_rows, k) }?;
    let (cols, rc) = unsafe { args::slice("problem->plan_cols", p.plan_cols, k) }?;
    let (mass, rm) = unsafe { args::slice("problem->plan_mass", p.plan_mass, k) }?;
    Ok(Read {
        x,
        y,
        plan: PlanRef::Sparse(SparsePlanRef { rows, cols, mass }),
        regions: [
            ("problem->x", Some(rx)),
            ("problem->y", Some(ry)),
            ("problem->plan", None),
            ("problem->plan_rows", Some(rr)),
            ("problem->plan_cols", Some(rc)),
            ("problem->plan_mass", Some(rm)),
        ],
    })
}

/// The workspace query of both operations: checks the struct sizes and the thread count and
/// writes 0 (the kernels use none).
///
/// # Safety
/// As the queries' contracts.
unsafe fn no_workspace<P: shape::AbiStruct, O: shape::AbiStruct>(
    problem: *const P,
    opts: *const O,
    threads: impl FnOnce(&O) -> u32,
    bytes: *mut usize,
) -> Result<Report> {
    // SAFETY: forwarded contract.
    unsafe {
        shape::workspace_query(problem, opts, bytes, |_, o| {
            crate::par::resolve_threads(args::threads(threads(o)))?;
            Ok(StackReq::EMPTY)
        })
    }
}

/// Runs `body` (which writes the outputs) on the calling thread with the caller's workspace
/// (none is needed), then commits `OTC_OK`.
///
/// # Safety
/// As [`shape::run`].
unsafe fn run_direct<O: shape::AbiOutputs>(
    num_threads: u32,
    work: otc_workspace,
    o_out: Outputs<O>,
    body: impl FnOnce() -> Result<()> + Send,
) -> Result<Report> {
    let no_callback = Callback::new(0, None, std::ptr::null_mut());
    // SAFETY: forwarded contract.
    unsafe {
        shape::run(num_threads, work, StackReq::EMPTY, no_callback, |_, _| {
            body()
        })
    }?;
    o_out.commit(OTC_OK);
    Ok(Report::ok())
}

// ---------------------------------------------------------------------------------------------
// plan_position_gradient

/// Options of `otc_plan_position_gradient_f64`; fill with
/// `otc_plan_position_gradient_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_plan_position_gradient_options {
    /// `sizeof(otc_plan_position_gradient_options)`.
    pub struct_size: usize,
    /// Checked (0, or 1 to 256) but unused: the sum runs on the calling thread.
    pub num_threads: u32,
    /// The cost c of the plan, one of the `OTC_METRIC_*` values (the metric the plan was
    /// solved for). Default `OTC_METRIC_SQEUCLIDEAN`.
    pub metric: i32,
    /// Exponent of `OTC_METRIC_MINKOWSKI` (finite, ≥ 1); ignored by the other metrics.
    /// Default 2.
    pub p: f64,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers and a float only.
unsafe impl shape::AbiStruct for otc_plan_position_gradient_options {
    const NAME: &'static str = "otc_plan_position_gradient_options";
    const MIN_SIZE: usize = size_of::<otc_plan_position_gradient_options>();
    fn base() -> Self {
        otc_plan_position_gradient_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            metric: super::cost::OTC_METRIC_SQEUCLIDEAN,
            p: 2.0,
        }
    }
}

/// A plan P between the points x (n × d) and y (m × d): either sparse, the `plan_nnz` entries
/// `plan_mass[k]` at `(plan_rows[k], plan_cols[k])` as `otc_emd_f64` / `otc_emd_grid_f64`
/// write them (`plan.data` NULL), or the dense n × m matrix `plan` (an entropic plan from
/// `otc_sinkhorn_*`; the three sparse pointers NULL). Masses finite and ≥ 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_plan_position_gradient_problem_f64 {
    /// `sizeof(otc_plan_position_gradient_problem_f64)`.
    pub struct_size: usize,
    /// Source points, one per row (n × d, any strides), finite.
    pub x: otc_matrix_f64,
    /// Target points, one per row (m × d, the same d), finite.
    pub y: otc_matrix_f64,
    /// Number of sparse entries (≥ 1; ignored for a dense plan).
    pub plan_nnz: usize,
    /// Sparse plan: row of each entry (< n).
    pub plan_rows: *const usize,
    /// Sparse plan: column of each entry (< m).
    pub plan_cols: *const usize,
    /// Sparse plan: mass of each entry.
    pub plan_mass: *const f64,
    /// Dense plan, an n × m view (any strides); `data` NULL for a sparse plan.
    pub plan: otc_matrix_f64,
}
crate::abi_struct!(problem otc_plan_position_gradient_problem_f64);

/// Results of `otc_plan_position_gradient_f64`. `report.iterations`, `report.error`: 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_plan_position_gradient_outputs_f64 {
    /// `sizeof(otc_plan_position_gradient_outputs_f64)`.
    pub struct_size: usize,
    /// Status, seconds.
    pub report: otc_report,
    /// `gx[i, :] = Σ_j P_ij ∇_x c(x_i, y_j)` (n × d, any strides with distinct elements);
    /// `data` NULL: not wanted.
    pub gx: otc_matrix_mut_f64,
    /// `gy[j, :] = Σ_i P_ij ∇_y c(x_i, y_j)` (m × d); `data` NULL: not wanted.
    pub gy: otc_matrix_mut_f64,
}
crate::abi_struct!(outputs otc_plan_position_gradient_outputs_f64);

/// Writes the default options (0 threads, squared Euclidean, p = 2) into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_plan_position_gradient_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_plan_position_gradient_options_default(
    opts: *mut otc_plan_position_gradient_options,
) -> otc_status {
    ffi_boundary("otc_plan_position_gradient_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Bytes of workspace `otc_plan_position_gradient_f64` needs: always 0 (it uses none).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_plan_position_gradient_workspace_size_f64(
    problem: *const otc_plan_position_gradient_problem_f64,
    opts: *const otc_plan_position_gradient_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_plan_position_gradient_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe { no_workspace(problem, opts, |o| o.num_threads, bytes) }
    })
}

/// The gradient of the plan's cost `Σ_ij P_ij c(x_i, y_j)` with respect to the points, for the
/// metric of `opts`: `out->gx` (n × d) and `out->gy` (m × d), each when wanted. For an optimal
/// plan of exact OT (`otc_emd_f64` with the cost matrix of the same metric) this is the
/// gradient of the exact OT value in the positions where the optimal plan is unique (Danskin;
/// a supergradient elsewhere); the gradient in the weights is the centred duals `f`, `g` the
/// solver writes. For an entropic plan it is the gradient of ⟨P, C⟩ at fixed P. At coincident
/// points the Euclidean and Minkowski costs, and at a zero vector the cosine cost, are not
/// differentiable: such pairs contribute 0. O(entries · d) (n·m entries for a dense plan), on
/// the calling thread, no workspace.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (no plan, or both forms, or part of the
/// sparse triplet), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION`,
/// `OTC_ERR_INVALID_ARGUMENT` (an entry outside n × m, a negative mass, the metric or p),
/// `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_plan_position_gradient_f64(
    problem: *const otc_plan_position_gradient_problem_f64,
    out: *mut otc_plan_position_gradient_outputs_f64,
    opts: *const otc_plan_position_gradient_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_plan_position_gradient_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        crate::par::resolve_threads(args::threads(o.num_threads))?;
        let metric: Metric = metric_from(o.metric, o.p)?;
        let r = unsafe {
            read_plan(&PlanArgs {
                x: p.x,
                y: p.y,
                plan_nnz: p.plan_nnz,
                plan_rows: p.plan_rows,
                plan_cols: p.plan_cols,
                plan_mass: p.plan_mass,
                plan: p.plan,
            })
        }?;
        let ov = o_out.value;
        let gx = match ov.gx.data.is_null() {
            true => None,
            false => Some(unsafe { args::matrix_mut("out->gx", &ov.gx) }?),
        };
        let gy = match ov.gy.data.is_null() {
            true => None,
            false => Some(unsafe { args::matrix_mut("out->gy", &ov.gy) }?),
        };
        args::disjoint(
            &[
                ("out", Some(o_out.region())),
                ("out->gx", gx.as_ref().map(|g| g.1)),
                ("out->gy", gy.as_ref().map(|g| g.1)),
            ],
            &[&[("problem", Some(rp))], &r.regions],
        )?;
        let (gx, gy) = (gx.map(|g| g.0), gy.map(|g| g.0));
        unsafe {
            run_direct(o.num_threads, work, o_out, || {
                plan_position_gradient(r.x, r.y, r.plan, metric, gx, gy)
            })
        }
    })
}

// ---------------------------------------------------------------------------------------------
// displacement_interpolation

/// Options of `otc_displacement_interpolation_f64`; fill with
/// `otc_displacement_interpolation_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_displacement_interpolation_options {
    /// `sizeof(otc_displacement_interpolation_options)`.
    pub struct_size: usize,
    /// Checked (0, or 1 to 256) but unused: the points are written on the calling thread.
    pub num_threads: u32,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers only.
unsafe impl shape::AbiStruct for otc_displacement_interpolation_options {
    const NAME: &'static str = "otc_displacement_interpolation_options";
    const MIN_SIZE: usize = size_of::<otc_displacement_interpolation_options>();
    fn base() -> Self {
        otc_displacement_interpolation_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
        }
    }
}

/// A plan P between the points x (n × d) and y (m × d), as in
/// `otc_plan_position_gradient_problem_f64` (sparse triplets, or a dense n × m view), and the
/// time t of the interpolation.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_displacement_interpolation_problem_f64 {
    /// `sizeof(otc_displacement_interpolation_problem_f64)`.
    pub struct_size: usize,
    /// Source points, one per row (n × d, any strides), finite.
    pub x: otc_matrix_f64,
    /// Target points, one per row (m × d, the same d), finite.
    pub y: otc_matrix_f64,
    /// Number of sparse entries (≥ 1; ignored for a dense plan).
    pub plan_nnz: usize,
    /// Sparse plan: row of each entry (< n).
    pub plan_rows: *const usize,
    /// Sparse plan: column of each entry (< m).
    pub plan_cols: *const usize,
    /// Sparse plan: mass of each entry.
    pub plan_mass: *const f64,
    /// Dense plan, an n × m view (any strides); `data` NULL for a sparse plan.
    pub plan: otc_matrix_f64,
    /// Time t in [0, 1]: 0 gives x's points, 1 y's.
    pub t: f64,
}
crate::abi_struct!(problem otc_displacement_interpolation_problem_f64);

/// Results of `otc_displacement_interpolation_f64`: one weighted point per plan entry (K =
/// `plan_nnz` for a sparse plan, n·m for a dense one, entry (i, j) at k = i·m + j).
/// `report.iterations`, `report.error`: 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_displacement_interpolation_outputs_f64 {
    /// `sizeof(otc_displacement_interpolation_outputs_f64)`.
    pub struct_size: usize,
    /// Status, seconds.
    pub report: otc_report,
    /// Required: `points[k, :] = (1 − t) x_{i_k} + t y_{j_k}` (K × d, any strides with
    /// distinct elements).
    pub points: otc_matrix_mut_f64,
    /// Required: `weights[k]` = the mass of entry k (K values).
    pub weights: *mut f64,
}
crate::abi_struct!(outputs otc_displacement_interpolation_outputs_f64);

/// Writes the default options (0 threads) into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_displacement_interpolation_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_displacement_interpolation_options_default(
    opts: *mut otc_displacement_interpolation_options,
) -> otc_status {
    ffi_boundary("otc_displacement_interpolation_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Bytes of workspace `otc_displacement_interpolation_f64` needs: always 0 (it uses none).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_THREADS`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_displacement_interpolation_workspace_size_f64(
    problem: *const otc_displacement_interpolation_problem_f64,
    opts: *const otc_displacement_interpolation_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_displacement_interpolation_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe { no_workspace(problem, opts, |o| o.num_threads, bytes) }
    })
}

/// McCann's displacement interpolation of a plan at time t: the measure
/// `μ_t = Σ_k mass_k δ_{(1 − t) x_{i_k} + t y_{j_k}}`, one weighted point per plan entry. When
/// the plan is optimal for the squared Euclidean cost (`otc_emd_f64` on the cost matrix of x
/// and y), t ↦ μ_t is the W2 geodesic from (x, a) to (y, b); from an entropic plan it is its
/// entropic counterpart. μ_0 carries x's masses and μ_1 y's (summed per point). O(K · d)
/// (K = `plan_nnz`, or n·m for a dense plan), on the calling thread, no workspace.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (no plan, or both forms, or part of the sparse
/// triplet), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (the outputs not K × d and
/// K), `OTC_ERR_INVALID_ARGUMENT` (t outside [0, 1], an entry outside n × m, a negative mass),
/// `OTC_ERR_NON_FINITE`, `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING`, `OTC_ERR_OVERFLOW`,
/// `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// every non-NULL pointer in them is valid for its stated length; `work.data` is NULL or valid
/// for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_displacement_interpolation_f64(
    problem: *const otc_displacement_interpolation_problem_f64,
    out: *mut otc_displacement_interpolation_outputs_f64,
    opts: *const otc_displacement_interpolation_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_displacement_interpolation_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; validity for the stated lengths is the caller's contract.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        crate::par::resolve_threads(args::threads(o.num_threads))?;
        let r = unsafe {
            read_plan(&PlanArgs {
                x: p.x,
                y: p.y,
                plan_nnz: p.plan_nnz,
                plan_rows: p.plan_rows,
                plan_cols: p.plan_cols,
                plan_mass: p.plan_mass,
                plan: p.plan,
            })
        }?;
        let (k, d) = (r.plan.len(), r.x.ncols());
        let ov = o_out.value;
        if ov.points.rows != k || ov.points.cols != d {
            bail!(
                InvalidDimension,
                "out->points is {}x{}: expected {k}x{d} (one point per plan entry)",
                ov.points.rows,
                ov.points.cols
            );
        }
        let (points, rpts) = unsafe { args::matrix_mut("out->points", &ov.points) }?;
        let (weights, rw) = unsafe { args::slice_mut("out->weights", ov.weights, k) }?;
        args::disjoint(
            &[
                ("out", Some(o_out.region())),
                ("out->points", Some(rpts)),
                ("out->weights", Some(rw)),
            ],
            &[&[("problem", Some(rp))], &r.regions],
        )?;
        let t = p.t;
        unsafe {
            run_direct(o.num_threads, work, o_out, || {
                displacement_interpolation(r.x, r.y, r.plan, t, points, weights)
            })
        }
    })
}
