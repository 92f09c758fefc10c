//! C entry points of [`crate::sinkhorn::blocks`], in the ABI 1 shape: the pieces of a
//! row-partitioned Sinkhorn, for callers that split the rows of one problem over processes
//! (MPI ranks). Each process runs the op `sinkhorn_block_step` on its block of rows (row
//! update of its f, its column log-sum-exps as `otc_lse_pair`s, its part of the marginal
//! error), the pairs of all blocks are combined with `otc_lse_pair_merge` (in a fixed order),
//! and every process computes g with the op `sinkhorn_block_column_update`.
//!
//! `otc_lse_pair_merge` keeps its positional form `(acc, other, len)`: it is the body of an
//! MPI user reduction (whose signature MPI fixes), the one deliberate exception to the shape.

use super::args::{self, disjoint, Arg};
use super::boundary::{ffi_boundary, Report};
use super::shape::{self, otc_report, otc_workspace, AbiOutputs, AbiStruct};
use super::status::{otc_status, OTC_OK};
use super::view::{otc_matrix_f32, otc_matrix_f64, MatrixView};
use crate::sinkhorn::blocks::{self, LsePair};
use crate::sinkhorn::{Cost, Params};
use crate::workspace::vec_req;
use crate::{bail, Real, Result, StackReq};
use std::mem::{align_of, offset_of, size_of};

/// A partial log-sum-exp over some rows of one column: the value is `max + log(sum)`;
/// `{-INFINITY, 0}` is the empty pair. Produced by `otc_sinkhorn_block_step_*`, combined by
/// `otc_lse_pair_merge`, consumed by `otc_sinkhorn_block_column_update_f64`. Two doubles: send
/// them as 2 `MPI_DOUBLE`s (or a contiguous type of 2).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_lse_pair {
    /// Largest exponent (a partial log-sum-exp); -INFINITY when empty.
    pub max: f64,
    /// Sum of exp(x - max) over the rows (>= 0; 0 when empty).
    pub sum: f64,
}

// The C struct and the core's pair have one layout, so arrays cross without copies.
const _: () = {
    assert!(size_of::<otc_lse_pair>() == size_of::<LsePair>());
    assert!(align_of::<otc_lse_pair>() == align_of::<LsePair>());
    assert!(offset_of!(otc_lse_pair, max) == offset_of!(LsePair, max));
    assert!(offset_of!(otc_lse_pair, sum) == offset_of!(LsePair, sum));
};

/// Options of `otc_sinkhorn_block_step_f64` / `_f32`; fill with
/// `otc_sinkhorn_block_step_options_default`. Give every block (and the column update) the
/// same epsilon and penalties.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_block_step_options {
    /// `sizeof(otc_sinkhorn_block_step_options)`.
    pub struct_size: usize,
    /// Worker threads sharing the block's rows and columns: 0 = `OTCORE_NUM_THREADS` or all
    /// cores, 1 = the calling thread only (one rank per core), k = k workers (k <= 256).
    /// Results are identical for every value.
    pub num_threads: u32,
    /// Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01. The step runs
    /// at this ε (anneal by changing it between steps).
    pub epsilon: f64,
    /// KL penalty ρ_a > 0 on the row marginal; `INFINITY` (the default) = balanced. Used by
    /// the row update (κ_a = ρ_a / (ρ_a + ε)) and the marginal error.
    pub rho_a: f64,
    /// KL penalty ρ_b > 0 on the column marginal; `INFINITY` (the default) = balanced. The
    /// step reads it only to start its column sums near the last column update's values (the
    /// same ρ_b as the column update's, for speed; the results do not depend on it).
    pub rho_b: f64,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers and floats only.
unsafe impl AbiStruct for otc_sinkhorn_block_step_options {
    const NAME: &'static str = "otc_sinkhorn_block_step_options";
    const MIN_SIZE: usize = size_of::<otc_sinkhorn_block_step_options>();
    fn base() -> Self {
        let p = Params::default();
        otc_sinkhorn_block_step_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            epsilon: p.epsilon,
            rho_a: p.rho_a,
            rho_b: p.rho_b,
        }
    }
}

/// Options of `otc_sinkhorn_block_column_update_f64`; fill with
/// `otc_sinkhorn_block_column_update_options_default`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_block_column_update_options {
    /// `sizeof(otc_sinkhorn_block_column_update_options)`.
    pub struct_size: usize,
    /// Checked like every thread count (<= 256, else `OTC_ERR_THREADS`); the O(m) update
    /// always runs on the calling thread.
    pub num_threads: u32,
    /// Entropic regularisation ε > 0, the block steps' (default 0.01).
    pub epsilon: f64,
    /// KL penalty ρ_b > 0 on the column marginal; `INFINITY` (the default) = balanced
    /// (κ_b = ρ_b / (ρ_b + ε)).
    pub rho_b: f64,
}

// SAFETY: #[repr(C)], starts with `struct_size: usize`, integers and floats only.
unsafe impl AbiStruct for otc_sinkhorn_block_column_update_options {
    const NAME: &'static str = "otc_sinkhorn_block_column_update_options";
    const MIN_SIZE: usize = size_of::<otc_sinkhorn_block_column_update_options>();
    fn base() -> Self {
        let p = Params::default();
        otc_sinkhorn_block_column_update_options {
            struct_size: size_of::<Self>(),
            num_threads: 0,
            epsilon: p.epsilon,
            rho_b: p.rho_b,
        }
    }
}

/// One block of rows of an n×m entropic OT problem, doubles. The block holds `rows` of the n
/// rows; the cost is given in exactly one of two forms, the other's `data` NULL:
/// * `cost_block`: the block's rows of the dense cost, rows×m, any strides;
/// * `x_block` (rows×d) and `y` (m×d): the block's source points and all target points,
///   squared Euclidean cost `|x_i − y_j|²` computed on the fly (memory O((rows + m)·d)).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_block_step_problem_f64 {
    /// `sizeof(otc_sinkhorn_block_step_problem_f64)`.
    pub struct_size: usize,
    /// rows×m costs of the block's rows (data NULL when the points are given).
    pub cost_block: otc_matrix_f64,
    /// rows×d source points of the block (data NULL when `cost_block` is given).
    pub x_block: otc_matrix_f64,
    /// m×d target points, all of them (data NULL when `cost_block` is given).
    pub y: otc_matrix_f64,
    /// rows weights of the block's rows (finite, >= 0).
    pub a_block: *const f64,
    /// m weights of all columns (finite, >= 0, not all zero).
    pub b: *const f64,
    /// m column potentials g (finite; zeros at the first step), from the last column update.
    pub g: *const f64,
    /// rows potentials f of the block's rows on entry (finite; zeros at the first step). An
    /// input: it must not overlap `out->f_block` (keep two arrays and swap them).
    pub f_block: *const f64,
}
crate::abi_struct!(problem otc_sinkhorn_block_step_problem_f64);

/// `otc_sinkhorn_block_step_problem_f64` with costs, points and weights of floats (the
/// potentials stay doubles).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_block_step_problem_f32 {
    /// `sizeof(otc_sinkhorn_block_step_problem_f32)`.
    pub struct_size: usize,
    /// rows×m costs of the block's rows (data NULL when the points are given).
    pub cost_block: otc_matrix_f32,
    /// rows×d source points of the block (data NULL when `cost_block` is given).
    pub x_block: otc_matrix_f32,
    /// m×d target points, all of them (data NULL when `cost_block` is given).
    pub y: otc_matrix_f32,
    /// rows weights of the block's rows (finite, >= 0).
    pub a_block: *const f32,
    /// m weights of all columns (finite, >= 0, not all zero).
    pub b: *const f32,
    /// m column potentials g (finite; zeros at the first step), from the last column update.
    pub g: *const f64,
    /// rows potentials f of the block's rows on entry (finite; zeros at the first step). An
    /// input: it must not overlap `out->f_block` (keep two arrays and swap them).
    pub f_block: *const f64,
}
crate::abi_struct!(problem otc_sinkhorn_block_step_problem_f32);

/// Results of `otc_sinkhorn_block_step_f64`. `report.iterations` is 1 (one block's share of
/// one iteration), `report.error` = `marginal_error`. Optional outputs (NULL: not wanted).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_block_step_outputs_f64 {
    /// `sizeof(otc_sinkhorn_block_step_outputs_f64)`.
    pub struct_size: usize,
    /// Status, iterations (1), error (= `marginal_error`), seconds.
    pub report: otc_report,
    /// The block's part of the L1 marginal error of the potentials on entry (`f_block` and g
    /// of the problem): `Σ_{i in block} |a_i e^{f_i/ε} Σ_j b_j e^{(g_j − C_ij)/ε} −
    /// a_i e^{−f_i/ρ_a}|`, the stopping test of the whole Sinkhorn solve (the parts of all
    /// blocks add up to it).
    pub marginal_error: f64,
    /// rows: the block's new potentials `f_i = −κ_a ε log Σ_j b_j exp((g_j − C_ij)/ε)`.
    pub f_block: *mut f64,
    /// m: the block's column log-sum-exps `log Σ_{i in block} a_i exp((f_i − C_ij)/ε)` from
    /// the new f, to merge over the blocks with `otc_lse_pair_merge`.
    pub pairs: *mut otc_lse_pair,
}
crate::abi_struct!(outputs otc_sinkhorn_block_step_outputs_f64);

/// Results of `otc_sinkhorn_block_step_f32`: as `otc_sinkhorn_block_step_outputs_f64`
/// (potentials, pairs and error are doubles on both paths).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_block_step_outputs_f32 {
    /// `sizeof(otc_sinkhorn_block_step_outputs_f32)`.
    pub struct_size: usize,
    /// Status, iterations (1), error (= `marginal_error`), seconds.
    pub report: otc_report,
    /// The block's part of the L1 marginal error of the potentials on entry.
    pub marginal_error: f64,
    /// rows: the block's new potentials (NULL: not wanted).
    pub f_block: *mut f64,
    /// m: the block's column pairs from the new f (NULL: not wanted).
    pub pairs: *mut otc_lse_pair,
}
crate::abi_struct!(outputs otc_sinkhorn_block_step_outputs_f32);

/// The pairs of all blocks combined, for the column update (f64 only: pairs and potentials
/// are doubles on both element types).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_block_column_update_problem_f64 {
    /// `sizeof(otc_sinkhorn_block_column_update_problem_f64)`.
    pub struct_size: usize,
    /// m pairs, the merge of every block's pairs (each valid and non-empty).
    pub pairs: *const otc_lse_pair,
    /// Number of columns m (>= 1).
    pub m: usize,
}
crate::abi_struct!(problem otc_sinkhorn_block_column_update_problem_f64);

/// Results of `otc_sinkhorn_block_column_update_f64`. `report.iterations` is 0 (the step
/// counts the iteration), `report.error` 0 (none computed).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_block_column_update_outputs_f64 {
    /// `sizeof(otc_sinkhorn_block_column_update_outputs_f64)`.
    pub struct_size: usize,
    /// Status, iterations (0), error (0), seconds.
    pub report: otc_report,
    /// m: the new column potentials `g_j = −κ_b ε (max_j + log sum_j)` (required).
    pub g: *mut f64,
}
crate::abi_struct!(outputs otc_sinkhorn_block_column_update_outputs_f64);

/// The fields of a step problem of either element type.
struct StepFields<V: MatrixView> {
    cost_block: V,
    x_block: V,
    y: V,
    a_block: *const V::T,
    b: *const V::T,
    g: *const f64,
    f_block: *const f64,
}

/// A step problem struct (f64 or f32) and its outputs struct.
trait StepProblem: AbiStruct {
    type View: MatrixView;
    type Outputs: AbiOutputs;
    fn fields(&self) -> StepFields<Self::View>;
    /// `(f_block, pairs)` of the outputs, and where the error goes.
    fn targets(out: &mut Self::Outputs) -> (*mut f64, *mut otc_lse_pair, &mut f64);
}

macro_rules! step_problem {
    ($p:ty, $v:ty, $o:ty) => {
        impl StepProblem for $p {
            type View = $v;
            type Outputs = $o;
            fn fields(&self) -> StepFields<$v> {
                StepFields {
                    cost_block: self.cost_block,
                    x_block: self.x_block,
                    y: self.y,
                    a_block: self.a_block,
                    b: self.b,
                    g: self.g,
                    f_block: self.f_block,
                }
            }
            fn targets(out: &mut $o) -> (*mut f64, *mut otc_lse_pair, &mut f64) {
                (out.f_block, out.pairs, &mut out.marginal_error)
            }
        }
    };
}
step_problem!(
    otc_sinkhorn_block_step_problem_f64,
    otc_matrix_f64,
    otc_sinkhorn_block_step_outputs_f64
);
step_problem!(
    otc_sinkhorn_block_step_problem_f32,
    otc_matrix_f32,
    otc_sinkhorn_block_step_outputs_f32
);

/// Which form of the cost a step problem gives: `true` for points. Exactly one of
/// `cost_block.data` and `x_block.data` is not NULL.
fn points_given<V: MatrixView>(p: &StepFields<V>) -> Result<bool> {
    match (
        p.cost_block.parts().0.is_null(),
        p.x_block.parts().0.is_null(),
    ) {
        (false, true) => Ok(false),
        (true, false) => Ok(true),
        (true, true) => bail!(
            NullPointer,
            "problem->cost_block.data and problem->x_block.data are NULL: give the cost in one \
             of its two forms"
        ),
        (false, false) => bail!(
            InvalidArgument,
            "problem->cost_block.data and problem->x_block.data are both given: give the cost \
             in one form only (the other's data NULL)"
        ),
    }
}

/// `(rows, m, d)` of a step problem (d = 0 for a dense cost), from the views' sizes.
fn step_dims<V: MatrixView>(p: &StepFields<V>) -> Result<(usize, usize, usize)> {
    let (_, rows, cols, _, _) = p.cost_block.parts();
    if !points_given(p)? {
        return Ok((rows, cols, 0));
    }
    let (_, rows, d, _, _) = p.x_block.parts();
    Ok((rows, p.y.parts().1, d))
}

/// Workspace of one step: copies of f and of the pairs (written back on success) and the
/// core's step.
fn step_req<T: Real>(rows: usize, m: usize, d: usize) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(rows),
        vec_req::<LsePair>(m),
        blocks::block_step_scratch::<T>(rows, m, d),
    ])
}

/// The core's parameters from a step's options (checked by the core).
fn step_params(o: &otc_sinkhorn_block_step_options) -> Params {
    Params {
        epsilon: o.epsilon,
        rho_a: o.rho_a,
        rho_b: o.rho_b,
        num_threads: args::threads(o.num_threads),
        ..Params::default()
    }
}

/// Body of `otc_sinkhorn_block_step_workspace_size_*`.
///
/// # Safety
/// As `otc_sinkhorn_block_step_workspace_size_f64`.
unsafe fn step_workspace_size<P: StepProblem>(
    problem: *const P,
    opts: *const otc_sinkhorn_block_step_options,
    bytes: *mut usize,
) -> Result<Report> {
    // SAFETY: forwarded contract.
    unsafe {
        shape::workspace_query(problem, opts, bytes, |p, _| {
            let (rows, m, d) = step_dims(&p.fields())?;
            Ok(step_req::<<P::View as MatrixView>::T>(rows, m, d))
        })
    }
}

/// Refuses a step whose results overflowed from finite inputs (costs near the largest
/// double, or a tiny ε): the potentials, the pairs and the error must be finite (pairs may
/// be empty).
fn check_step_overflow(f: &[f64], pairs: &[LsePair], err: f64, eps: f64) -> Result<()> {
    if !(err.is_finite() && f.iter().all(|v| v.is_finite()) && pairs.iter().all(|p| p.is_valid())) {
        bail!(
            Numerical,
            "the potentials or the marginal error overflowed (epsilon = {eps:e}): rescale the \
             costs or raise epsilon"
        );
    }
    Ok(())
}

/// Body of `otc_sinkhorn_block_step_*`.
///
/// # Safety
/// As `otc_sinkhorn_block_step_f64`.
unsafe fn step<P: StepProblem>(
    problem: *const P,
    out: *mut P::Outputs,
    opts: *const otc_sinkhorn_block_step_options,
    work: otc_workspace,
) -> Result<Report> {
    // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers before
    // use; validity for the stated lengths is the caller's contract; `otc_lse_pair` has the
    // layout of `LsePair` (checked at compile time above).
    let (p, rp) = unsafe { shape::problem(problem) }?;
    let mut o_out = unsafe { shape::outputs(out) }?;
    let o = unsafe { shape::options(opts) }?;
    let params = step_params(&o);
    let fields = p.fields();
    let (cost, cost_regions): (Cost<'_, <P::View as MatrixView>::T>, [Arg; 2]) =
        if points_given(&fields)? {
            let (x, rx) = unsafe { args::matrix("problem->x_block", &fields.x_block) }?;
            let (y, ry) = unsafe { args::matrix("problem->y", &fields.y) }?;
            let regions = [("problem->x_block", Some(rx)), ("problem->y", Some(ry))];
            (Cost::SqEuclidean { x, y }, regions)
        } else {
            let (c, rc) = unsafe { args::matrix("problem->cost_block", &fields.cost_block) }?;
            (
                Cost::Dense(c),
                [("problem->cost_block", Some(rc)), ("", None)],
            )
        };
    let (rows, m) = cost.dims();
    let (a_block, ra) = unsafe { args::slice("problem->a_block", fields.a_block, rows) }?;
    let (b, rb) = unsafe { args::slice("problem->b", fields.b, m) }?;
    let (g, rg) = unsafe { args::slice("problem->g", fields.g, m) }?;
    let (f_in, rf) = unsafe { args::slice("problem->f_block", fields.f_block, rows) }?;
    let (f_ptr, pairs_ptr, _) = P::targets(&mut o_out.value);
    let f_out = unsafe { args::opt_slice_mut("out->f_block", f_ptr, rows) }?;
    let pairs_out = unsafe { args::opt_slice_mut("out->pairs", pairs_ptr as *mut LsePair, m) }?;
    let inputs: [Arg; 5] = [
        ("problem", Some(rp)),
        ("problem->a_block", Some(ra)),
        ("problem->b", Some(rb)),
        ("problem->g", Some(rg)),
        ("problem->f_block", Some(rf)),
    ];
    disjoint(
        &[
            ("out", Some(o_out.region())),
            ("out->f_block", f_out.as_ref().map(|x| x.1)),
            ("out->pairs", pairs_out.as_ref().map(|x| x.1)),
        ],
        &[&inputs, &cost_regions],
    )?;
    let req = step_req::<<P::View as MatrixView>::T>(rows, m, cost.point_dim());
    let want_pairs = pairs_out.is_some();
    // A single step, not an iterative solver: no callback.
    let (err, _) = unsafe {
        shape::run(
            o.num_threads,
            work,
            req,
            shape::Callback::NONE,
            |par, stack| {
                // The step runs on copies: the caller's arrays are written only once it succeeded.
                let (mut f, stack) = stack.make_with(rows, |i| f_in[i]);
                let (mut pairs, stack) = stack.make_with(m, |_| LsePair::default());
                let pairs_arg = if want_pairs {
                    Some(&mut pairs[..])
                } else {
                    None
                };
                let err = blocks::block_step_in_place(
                    cost, a_block, b, g, &mut f, pairs_arg, &params, par, stack,
                )?;
                check_step_overflow(&f, &pairs, err, params.epsilon)?;
                if let Some((out, _)) = f_out {
                    out.copy_from_slice(&f);
                }
                if let Some((out, _)) = pairs_out {
                    out.copy_from_slice(&pairs);
                }
                Ok(err)
            },
        )
    }?;
    *P::targets(&mut o_out.value).2 = err;
    let report = o_out.value.report_mut();
    report.path = 0;
    report.iterations = 1;
    report.error = err;
    o_out.commit(OTC_OK);
    Ok(Report::ok())
}

/// Writes the default options (`num_threads` 0, ε 0.01, ρ_a = ρ_b = `INFINITY`) into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_sinkhorn_block_step_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_step_options_default(
    opts: *mut otc_sinkhorn_block_step_options,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_step_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Bytes of workspace `otc_sinkhorn_block_step_f64` needs for `problem` with `opts` (NULL:
/// defaults): O((rows + m)(1 + d)) doubles, from the sizes of the problem's views alone
/// (rows, m and d; d = 0 for a dense block); nothing else is read.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, bytes, or neither cost form given),
/// `OTC_ERR_INVALID_ARGUMENT` (both forms given), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_OVERFLOW`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_step_workspace_size_f64(
    problem: *const otc_sinkhorn_block_step_problem_f64,
    opts: *const otc_sinkhorn_block_step_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_step_workspace_size_f64", || {
        // SAFETY: forwarded contract.
        unsafe { step_workspace_size(problem, opts, bytes) }
    })
}

/// `otc_sinkhorn_block_step_workspace_size_f64` for the float problem.
///
/// # Safety
/// As `otc_sinkhorn_block_step_workspace_size_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_step_workspace_size_f32(
    problem: *const otc_sinkhorn_block_step_problem_f32,
    opts: *const otc_sinkhorn_block_step_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_step_workspace_size_f32", || {
        // SAFETY: forwarded contract.
        unsafe { step_workspace_size(problem, opts, bytes) }
    })
}

/// One block's share of an alternating Sinkhorn iteration (not an iterative solver: one step,
/// no callback). Potentials convention: the plan is `P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε)`
/// (f and g in cost units, not centred). From the block's potentials on entry
/// (`problem->f_block`) and g, the step
/// 1. measures the block's part of the L1 marginal error of (f_block, g) into
///    `out->marginal_error` (the whole solve's stopping test: the parts of all blocks add up
///    to it; a caller that stops on it keeps the f of before the step);
/// 2. updates the rows: `f_i = −κ_a ε log Σ_j b_j exp((g_j − C_ij)/ε)` into `out->f_block`;
/// 3. computes the block's column log-sum-exps from the new f into `out->pairs`, to combine
///    over the blocks with `otc_lse_pair_merge` and pass to
///    `otc_sinkhorn_block_column_update_f64`.
///
/// With the blocks combined in row order, iterating this reproduces the whole alternating
/// Sinkhorn solve (no ε-scaling) to rounding. KL marginal penalties only. The cost is the
/// problem's `cost_block` or its points (`x_block`, `y`), exactly one. Time O(rows·m) (·d
/// for points), twice when `pairs` is wanted; workspace from
/// `otc_sinkhorn_block_step_workspace_size_f64` (or `{NULL, 0}`: allocated). Results are
/// identical for every thread count. `report.iterations` is 1.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, out, a required array, or neither cost
/// form), `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (a view with a zero size, points
/// of different dimensions), `OTC_ERR_INVALID_ARGUMENT` (both cost forms, ε <= 0 or not
/// finite, ρ <= 0 or NaN, a negative weight, b all zero), `OTC_ERR_NON_FINITE` (a NaN or
/// infinite cost, point, weight or potential), `OTC_ERR_NUMERICAL` (finite inputs whose
/// potentials overflow), `OTC_ERR_INVALID_STRIDE`, `OTC_ERR_ALIASING` (an output overlaps an
/// input or another output), `OTC_ERR_OVERFLOW`, `OTC_ERR_WORKSPACE_TOO_SMALL`,
/// `OTC_ERR_OUT_OF_MEMORY`, `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
/// bytes); every non-NULL pointer in them is valid for its stated length; `work.data` is NULL
/// or valid for `work.bytes` bytes and overlaps no argument.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_step_f64(
    problem: *const otc_sinkhorn_block_step_problem_f64,
    out: *mut otc_sinkhorn_block_step_outputs_f64,
    opts: *const otc_sinkhorn_block_step_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_step_f64", || {
        // SAFETY: forwarded contract.
        unsafe { step(problem, out, opts, work) }
    })
}

/// `otc_sinkhorn_block_step_f64` on costs, points and weights of floats (the cost lines are
/// evaluated in float, the sums in double; potentials, pairs and error are doubles).
///
/// # Safety
/// As `otc_sinkhorn_block_step_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_step_f32(
    problem: *const otc_sinkhorn_block_step_problem_f32,
    out: *mut otc_sinkhorn_block_step_outputs_f32,
    opts: *const otc_sinkhorn_block_step_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_step_f32", || {
        // SAFETY: forwarded contract.
        unsafe { step(problem, out, opts, work) }
    })
}

/// Writes the default options (`num_threads` 0, ε 0.01, ρ_b = `INFINITY`) into `opts`.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` when `opts` is NULL.
///
/// # Safety
/// `opts` must be NULL or valid for writes of one `otc_sinkhorn_block_column_update_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_column_update_options_default(
    opts: *mut otc_sinkhorn_block_column_update_options,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_column_update_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { shape::write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Bytes of workspace `otc_sinkhorn_block_column_update_f64` needs: 0 (it needs none; the
/// query exists for the shape).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, bytes), `OTC_ERR_ABI_MISMATCH`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_column_update_workspace_size_f64(
    problem: *const otc_sinkhorn_block_column_update_problem_f64,
    opts: *const otc_sinkhorn_block_column_update_options,
    bytes: *mut usize,
) -> otc_status {
    ffi_boundary(
        "otc_sinkhorn_block_column_update_workspace_size_f64",
        || {
            // SAFETY: forwarded contract.
            unsafe { shape::workspace_query(problem, opts, bytes, |_, _| Ok(StackReq::EMPTY)) }
        },
    )
}

/// The column update of a row-partitioned Sinkhorn iteration: from the pairs of all blocks
/// combined (`otc_lse_pair_merge`), `g_j = −κ_b ε (max_j + log sum_j)` for the m columns
/// into `out->g` (κ_b = ρ_b / (ρ_b + ε), 1 when balanced; the potentials' convention as in
/// `otc_sinkhorn_block_step_f64`). Every pair must be valid and non-empty (an empty pair
/// means that some block's pairs were not combined). One step, no callback; O(m) on the
/// calling thread; no workspace (`work` may be `{NULL, 0}`).
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER` (problem, out, pairs, g),
/// `OTC_ERR_ABI_MISMATCH`, `OTC_ERR_INVALID_DIMENSION` (m = 0), `OTC_ERR_INVALID_ARGUMENT`
/// (ε <= 0 or not finite, ρ_b <= 0 or NaN, an empty pair), `OTC_ERR_NON_FINITE` (a pair that
/// is not a log-sum-exp pair), `OTC_ERR_NUMERICAL` (a g that overflows), `OTC_ERR_ALIASING`,
/// `OTC_ERR_OVERFLOW`, `OTC_ERR_THREADS`. On an error nothing is written.
///
/// # Safety
/// `problem`, `out`, `opts` are NULL or valid structs (of at least their `struct_size`
/// bytes); `problem->pairs` and `out->g` are valid for m elements; `work.data` is NULL or
/// valid for `work.bytes` bytes.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_column_update_f64(
    problem: *const otc_sinkhorn_block_column_update_problem_f64,
    out: *mut otc_sinkhorn_block_column_update_outputs_f64,
    opts: *const otc_sinkhorn_block_column_update_options,
    work: otc_workspace,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_column_update_f64", || {
        // SAFETY (whole block): each pointer is checked by the `args` and `shape` helpers
        // before use; `otc_lse_pair` has the layout of `LsePair`.
        let (p, rp) = unsafe { shape::problem(problem) }?;
        let mut o_out = unsafe { shape::outputs(out) }?;
        let o = unsafe { shape::options(opts) }?;
        crate::par::resolve_threads(args::threads(o.num_threads))?;
        let params = Params {
            epsilon: o.epsilon,
            rho_b: o.rho_b,
            ..Params::default()
        };
        let (pairs, rpp) =
            unsafe { args::slice("problem->pairs", p.pairs as *const LsePair, p.m) }?;
        let (g, rg) = unsafe { args::slice_mut("out->g", o_out.value.g, p.m) }?;
        args::check_disjoint(
            &[("out", o_out.region()), ("out->g", rg)],
            &[("problem", rp), ("problem->pairs", rpp)],
        )?;
        unsafe {
            args::with_workspace(work.data, work.bytes, StackReq::EMPTY, |_| {
                blocks::column_update_checked(pairs, &params, g)
            })
        }?;
        let report = o_out.value.report_mut();
        (report.path, report.iterations, report.error) = (0, 0, 0.0);
        o_out.commit(OTC_OK);
        Ok(Report::ok())
    })
}

/// `acc[j] = acc[j] merged with other[j]` for j < len: the pair of the union of the rows of
/// both (what an MPI user operation or a rank-ordered fold applies). Commutative bit for bit,
/// not associative: combine in a fixed order for results independent of timing. Every pair
/// is checked before `acc` is written. O(len).
///
/// The one deliberate exception to the ABI 1 shape: an in-place reduction `(acc, other,
/// len)`, the body of an `MPI_User_function` (whose signature MPI fixes), with no problem,
/// outputs or options struct.
///
/// Statuses: `OTC_OK`; `OTC_ERR_NULL_POINTER`, `OTC_ERR_INVALID_DIMENSION` (len = 0),
/// `OTC_ERR_NON_FINITE` (a pair that is not a log-sum-exp pair), `OTC_ERR_ALIASING`,
/// `OTC_ERR_OVERFLOW`. On an error nothing is written.
///
/// # Safety
/// `acc` and `other` must be valid for `len` pairs and must not overlap.
#[no_mangle]
pub unsafe extern "C" fn otc_lse_pair_merge(
    acc: *mut otc_lse_pair,
    other: *const otc_lse_pair,
    len: usize,
) -> otc_status {
    ffi_boundary("otc_lse_pair_merge", || {
        // SAFETY (all calls below): forwarded contract; `otc_lse_pair` has the layout of
        // `LsePair`.
        let (other, ro) = unsafe { args::slice("other", other as *const LsePair, len) }?;
        let (acc, ra) = unsafe { args::slice_mut("acc", acc as *mut LsePair, len) }?;
        args::check_disjoint(&[("acc", ra)], &[("other", ro)])?;
        blocks::check_pairs("acc", acc)?;
        blocks::check_pairs("other", other)?;
        blocks::combine_pairs(acc, other);
        Ok(Report::ok())
    })
}
