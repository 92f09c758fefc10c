//! C entry points of [`crate::sinkhorn::blocks`]: the pieces of a row-partitioned Sinkhorn
//! for callers that split the rows of one problem over processes (MPI ranks). Each process
//! calls `otc_sinkhorn_block_step_*` on its block of rows (row update of its f, its column
//! log-sum-exps as `otc_lse_pair`s, its part of the marginal error), the pairs of all blocks
//! are combined with `otc_lse_pair_merge` (in a fixed order), and every process computes g
//! with `otc_sinkhorn_block_column_update`.

use super::args::{
    check_disjoint, matrix, opt_slice_mut, options, run_threaded, slice, slice_mut,
    write_workspace_size, Region,
};
use super::boundary::{ffi_boundary, Report};
use super::sinkhorn::otc_sinkhorn_options;
use super::status::otc_status;
use super::view::{otc_matrix_f32, otc_matrix_f64, MatrixView};
use crate::sinkhorn::blocks::{self, LsePair};
use crate::sinkhorn::Cost;
use crate::{bail, Real, Result};
use std::ffi::c_void;
use std::mem::{align_of, offset_of, size_of};

/// A partial log-sum-exp over some rows of one column: the value is `max + log(sum)`;
/// `{-INFINITY, 0}` is the empty pair. Produced by `otc_sinkhorn_block_step_*`, combined by
/// `otc_lse_pair_merge`, consumed by `otc_sinkhorn_block_column_update`. Two doubles: send
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

/// Checks that every pair of `pairs` is one otcore can produce.
fn check_pairs(what: &str, pairs: &[LsePair]) -> Result<()> {
    for (j, p) in pairs.iter().enumerate() {
        if !p.is_valid() {
            bail!(
                NonFinite,
                "{what}[{j}] = ({:?}, {:?}) is not a log-sum-exp pair (max not NaN or +inf, \
                 sum finite and >= 0)",
                p.max,
                p.sum
            );
        }
    }
    Ok(())
}

/// Bytes of workspace `otc_sinkhorn_block_step_*` needs for a block of `rows` rows, m columns
/// and points of dimension d (0 for a dense cost), for either element type.
///
/// # Safety
/// `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_workspace_size(
    rows: usize,
    m: usize,
    d: usize,
    opts: *const otc_sinkhorn_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_workspace_size", || {
        // SAFETY: forwarded contract.
        unsafe { options(opts) }?;
        let req = blocks::block_step_scratch::<f64>(rows, m, d);
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(req, out_bytes) }?;
        Ok(Report::ok())
    })
}

/// Body of the step entry points, on an already-checked cost.
///
/// # Safety
/// As `otc_sinkhorn_block_step_f64`.
#[allow(clippy::too_many_arguments)]
unsafe fn step_c<T: Real>(
    cost: Cost<'_, T>,
    cost_regions: &[(&'static str, Region)],
    a_block: *const T,
    b: *const T,
    g: *const f64,
    opts: &otc_sinkhorn_options,
    f_block: *mut f64,
    pairs: *mut otc_lse_pair,
    block_error: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report> {
    let p = opts.params()?;
    let (rows, m) = cost.dims();
    // SAFETY (all calls below): forwarded contract; lengths are the documented ones, and
    // `otc_lse_pair` has the layout of `LsePair` (checked at compile time above).
    let (a_block, ra) = unsafe { slice("a_block", a_block, rows) }?;
    let (b, rb) = unsafe { slice("b", b, m) }?;
    let (g, rg) = unsafe { slice("g", g, m) }?;
    let (f_block, rf) = unsafe { slice_mut("f_block", f_block, rows) }?;
    let pairs = unsafe { opt_slice_mut("pairs", pairs as *mut LsePair, m) }?;
    let block_error = unsafe { opt_slice_mut("block_error", block_error, 1) }?;
    // Fixed arrays, not vectors: a successful call allocates nothing.
    let mut outs = [("f_block", rf); 3];
    let mut n_outs = 1;
    for r in [
        pairs.as_ref().map(|x| ("pairs", x.1)),
        block_error.as_ref().map(|x| ("block_error", x.1)),
    ]
    .into_iter()
    .flatten()
    {
        outs[n_outs] = r;
        n_outs += 1;
    }
    let mut ins = [("a_block", ra), ("b", rb), ("g", rg), ("g", rg), ("g", rg)];
    ins[3..3 + cost_regions.len()].copy_from_slice(cost_regions);
    check_disjoint(&outs[..n_outs], &ins[..3 + cost_regions.len()])?;
    let req = blocks::block_step_scratch::<T>(rows, m, cost.point_dim());
    // SAFETY: forwarded contract.
    unsafe {
        run_threaded(opts.num_threads, work, work_bytes, req, |par, stack| {
            let pairs = pairs.map(|x| x.0);
            let err =
                blocks::block_step_in_place(cost, a_block, b, g, f_block, pairs, &p, par, stack)?;
            if let Some((e, _)) = block_error {
                e[0] = err;
            }
            Ok(Report::ok())
        })
    }
}

/// Body of the dense step entry points.
///
/// # Safety
/// As `otc_sinkhorn_block_step_f64`.
#[allow(clippy::too_many_arguments)]
unsafe fn step_dense_c<V: MatrixView>(
    cost_block: V,
    a_block: *const V::T,
    b: *const V::T,
    g: *const f64,
    opts: *const otc_sinkhorn_options,
    f_block: *mut f64,
    pairs: *mut otc_lse_pair,
    block_error: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report> {
    // SAFETY (all calls below): forwarded contract.
    let opts = unsafe { options(opts) }?;
    let (c, rc) = unsafe { matrix("cost_block", &cost_block) }?;
    unsafe {
        step_c(
            Cost::Dense(c),
            &[("cost_block", rc)],
            a_block,
            b,
            g,
            &opts,
            f_block,
            pairs,
            block_error,
            work,
            work_bytes,
        )
    }
}

/// Body of the point-cloud step entry points.
///
/// # Safety
/// As `otc_sinkhorn_block_step_points_f64`.
#[allow(clippy::too_many_arguments)]
unsafe fn step_points_c<V: MatrixView>(
    x_block: V,
    y: V,
    a_block: *const V::T,
    b: *const V::T,
    g: *const f64,
    opts: *const otc_sinkhorn_options,
    f_block: *mut f64,
    pairs: *mut otc_lse_pair,
    block_error: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report> {
    // SAFETY (all calls below): forwarded contract.
    let opts = unsafe { options(opts) }?;
    let (xr, rx) = unsafe { matrix("x_block", &x_block) }?;
    let (yr, ry) = unsafe { matrix("y", &y) }?;
    unsafe {
        step_c(
            Cost::SqEuclidean { x: xr, y: yr },
            &[("x_block", rx), ("y", ry)],
            a_block,
            b,
            g,
            &opts,
            f_block,
            pairs,
            block_error,
            work,
            work_bytes,
        )
    }
}

/// One block's share of an alternating Sinkhorn iteration, on a dense block of `rows` rows of
/// the n×m cost (doubles, any strides): the row update
/// `f_i = -kappa_a eps log sum_j b_j exp((g_j - C_ij)/eps)` of the block's potentials
/// `f_block` (rows; in/out: on entry the current values, finite, e.g. zeros at the first
/// step), then, when `pairs` (m) is not NULL, the block's column log-sum-exps
/// `log sum_{i in block} a_i exp((f_i - C_ij)/eps)` from the new f as pairs to combine over
/// the blocks with `otc_lse_pair_merge`. `a_block` (rows) are the block's weights, `b` and
/// `g` (m) all the column weights and potentials. `block_error` (optional) receives the
/// block's part of the L1 marginal error of the potentials on entry, the stopping test of
/// `otc_sinkhorn_f64` (the parts of all blocks add up to it; a caller that stops on it keeps
/// the f of before the step). Uses `opts` epsilon, rho_a (row update and error) and
/// num_threads (1 for one thread per MPI rank); `symmetric` and `eps_scaling_steps` must be 0
/// (alternating updates at epsilon: anneal by changing epsilon between steps), the other
/// fields are checked and unused. Outputs are written only on success.
///
/// # Safety
/// Every non-NULL pointer must be valid for its documented length; `work` is NULL or
/// `work_bytes` writable bytes disjoint from the other arguments.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_step_f64(
    cost_block: otc_matrix_f64,
    a_block: *const f64,
    b: *const f64,
    g: *const f64,
    opts: *const otc_sinkhorn_options,
    f_block: *mut f64,
    pairs: *mut otc_lse_pair,
    block_error: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_step_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            step_dense_c(
                cost_block,
                a_block,
                b,
                g,
                opts,
                f_block,
                pairs,
                block_error,
                work,
                work_bytes,
            )
        }
    })
}

/// `otc_sinkhorn_block_step_f64` on a cost block and weights of floats (potentials, pairs and
/// error stay double).
///
/// # Safety
/// As `otc_sinkhorn_block_step_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_step_f32(
    cost_block: otc_matrix_f32,
    a_block: *const f32,
    b: *const f32,
    g: *const f64,
    opts: *const otc_sinkhorn_options,
    f_block: *mut f64,
    pairs: *mut otc_lse_pair,
    block_error: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_step_f32", || {
        // SAFETY: forwarded contract.
        unsafe {
            step_dense_c(
                cost_block,
                a_block,
                b,
                g,
                opts,
                f_block,
                pairs,
                block_error,
                work,
                work_bytes,
            )
        }
    })
}

/// `otc_sinkhorn_block_step_f64` for point clouds: the block's source points `x_block`
/// (rows×d) against all target points `y` (m×d), squared Euclidean cost computed on the fly
/// (memory O((rows + m)·d)).
///
/// # Safety
/// As `otc_sinkhorn_block_step_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_step_points_f64(
    x_block: otc_matrix_f64,
    y: otc_matrix_f64,
    a_block: *const f64,
    b: *const f64,
    g: *const f64,
    opts: *const otc_sinkhorn_options,
    f_block: *mut f64,
    pairs: *mut otc_lse_pair,
    block_error: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_step_points_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            step_points_c(
                x_block,
                y,
                a_block,
                b,
                g,
                opts,
                f_block,
                pairs,
                block_error,
                work,
                work_bytes,
            )
        }
    })
}

/// `otc_sinkhorn_block_step_points_f64` on points and weights of floats.
///
/// # Safety
/// As `otc_sinkhorn_block_step_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_step_points_f32(
    x_block: otc_matrix_f32,
    y: otc_matrix_f32,
    a_block: *const f32,
    b: *const f32,
    g: *const f64,
    opts: *const otc_sinkhorn_options,
    f_block: *mut f64,
    pairs: *mut otc_lse_pair,
    block_error: *mut f64,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_step_points_f32", || {
        // SAFETY: forwarded contract.
        unsafe {
            step_points_c(
                x_block,
                y,
                a_block,
                b,
                g,
                opts,
                f_block,
                pairs,
                block_error,
                work,
                work_bytes,
            )
        }
    })
}

/// The column update from the pairs of all blocks combined: `g_j = -kappa_b eps (max_j +
/// log sum_j)` for the m columns (uses `opts` epsilon and rho_b). Every pair must be valid
/// and non-empty (an empty pair means that the pairs of some block were not combined).
/// `g` (m) is written only on success. O(m).
///
/// # Safety
/// `pairs` and `g` must be valid for m elements; `opts` is NULL or a valid options struct.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_block_column_update(
    pairs: *const otc_lse_pair,
    m: usize,
    opts: *const otc_sinkhorn_options,
    g: *mut f64,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_block_column_update", || {
        // SAFETY (all calls below): forwarded contract; `otc_lse_pair` has the layout of
        // `LsePair`.
        let opts = unsafe { options(opts) }?;
        let p = opts.params()?;
        let (pairs, rp) = unsafe { slice("pairs", pairs as *const LsePair, m) }?;
        let (g, rg) = unsafe { slice_mut("g", g, m) }?;
        check_disjoint(&[("g", rg)], &[("pairs", rp)])?;
        blocks::column_update_checked(pairs, &p, g)?;
        Ok(Report::ok())
    })
}

/// `acc[j] = acc[j] merged with other[j]` for j < len: the pair of the union of the rows of
/// both (what an MPI user operation or a rank-ordered fold applies). Commutative bit for bit,
/// not associative: combine in a fixed order for results independent of timing. Every pair
/// is checked before `acc` is written. O(len).
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
        let (other, ro) = unsafe { slice("other", other as *const LsePair, len) }?;
        let (acc, ra) = unsafe { slice_mut("acc", acc as *mut LsePair, len) }?;
        check_disjoint(&[("acc", ra)], &[("other", ro)])?;
        check_pairs("acc", acc)?;
        check_pairs("other", other)?;
        blocks::combine_pairs(acc, other);
        Ok(Report::ok())
    })
}
