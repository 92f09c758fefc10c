//! Many assignment problems of one size n solved over the thread pool, each by the
//! single-threaded solver on its own workspace slot, handed out dynamically to the workers
//! (as [`crate::exact::emd_batch`]): every problem is solved the same way whatever the thread
//! count, so results are identical for every thread count.
//!
//! Progress ([`crate::progress`]): the observing thread sees each augmenting path of the
//! problems it solves itself, numbered over all problems and workers, with the rows still
//! free in its problem. When the observer asks to stop, the problems running end with a permutation
//! (`cancelled`, see [`assignment_in_place`](super::assignment_in_place)) and the problems not started are skipped: their
//! info has cost and gap NaN and `cancelled`, their duals are NaN, their permutation is not
//! written.
//!
//! Levels: [`assignment_batch_scratch`], [`assignment_batch_in_place`], [`assignment_batch`].

use super::{assignment_scratch, solve_checked, validate, AssignmentInfo, AssignmentOutputs};
use crate::exact::batch::{for_each_job, BatchProgress};
use crate::workspace::{bytes_for, check_stack, with_stack};
use crate::{bail, par, Error, ErrorKind, MatRef, MemStack, Par, Result, StackReq};

/// Workspace of [`assignment_batch_in_place`]: one [`assignment_scratch`] per worker
/// (about 81·n bytes each up to n = 899, 0.7 KB per row from 900 to 1024, 1.8 KB per row
/// from 1025 on), for k problems under `par`.
pub fn assignment_batch_scratch(n: usize, k: usize, par: Par) -> Result<StackReq> {
    let slots = par::degree(par).min(k).max(1);
    let total = bytes_for(assignment_scratch(n))?
        .checked_mul(slots)
        .ok_or_else(|| Error::new(ErrorKind::Overflow, "workspace size overflows"))?;
    Ok(StackReq::new_aligned::<u8>(total, 64))
}

/// The outputs of [`assignment_batch_in_place`] for k problems of size n (each optional but
/// `info`), problem after problem.
pub struct AssignmentBatchOutputs<'a> {
    /// One [`AssignmentInfo`] per problem (length k).
    pub info: &'a mut [AssignmentInfo],
    /// Permutations (k·n): problem l's row i goes to column `perm[l·n + i]`.
    pub perm: Option<&'a mut [usize]>,
    /// Row duals (k·n).
    pub u: Option<&'a mut [f64]>,
    /// Column duals (k·n).
    pub v: Option<&'a mut [f64]>,
}

/// Solves the assignment problem of every n × n cost of `costs` (any strides) on the workers
/// of `par`. All problems are validated before any output is written; errors name the
/// problem. Allocation-free with `Par::Seq`. Time: the sum of the problems' over the workers.
pub fn assignment_batch_in_place(
    costs: &[MatRef<'_, f64>],
    out: AssignmentBatchOutputs<'_>,
    par: Par,
    stack: &mut MemStack,
) -> Result<()> {
    let k = costs.len();
    let n = costs.first().map_or(0, |c| c.nrows());
    if k == 0 || out.info.len() != k {
        bail!(
            InvalidDimension,
            "{k} problems but {} info entries: both must be k >= 1",
            out.info.len()
        );
    }
    for (name, len) in [
        ("perm", out.perm.as_ref().map(|p| p.len())),
        ("u", out.u.as_ref().map(|p| p.len())),
        ("v", out.v.as_ref().map(|p| p.len())),
    ] {
        if let Some(len) = len.filter(|&l| Some(l) != k.checked_mul(n)) {
            bail!(
                InvalidDimension,
                "{name} has length {len}, expected k*n = {k}*{n}"
            );
        }
    }
    for (l, c) in costs.iter().enumerate() {
        if c.nrows() != n {
            bail!(
                InvalidDimension,
                "problem {l} has {} rows but problem 0 has {n}",
                c.nrows()
            );
        }
        // One problem's values are checked by its solve, before any output is written (in
        // the pass of its column reduction): a second pass would only repeat it.
        if k > 1 {
            validate(*c).map_err(|e| Error::new(e.kind, format!("problem {l}: {}", e.message)))?;
        }
    }
    check_stack(stack, assignment_batch_scratch(n, k, par)?)?;
    let per = bytes_for(assignment_scratch(n))?;
    let slots = par::degree(par).min(k).max(1);
    let (buf, _) = stack.make_aligned_uninit::<u8>(per * slots, 64);

    let AssignmentBatchOutputs { info, perm, u, v } = out;
    let mut p_parts = perm.map(|p| p.chunks_mut(n));
    let mut u_parts = u.map(|u| u.chunks_mut(n));
    let mut v_parts = v.map(|v| v.chunks_mut(n));
    let jobs = info.iter_mut().enumerate().map(|(l, inf)| {
        let o = AssignmentOutputs {
            perm: p_parts.as_mut().and_then(|p| p.next()),
            u: u_parts.as_mut().and_then(|p| p.next()),
            v: v_parts.as_mut().and_then(|p| p.next()),
        };
        (l, inf, o)
    });
    for_each_job(
        jobs,
        par,
        buf,
        per,
        BatchProgress::Checks,
        |(l, inf, o), slot| {
            *inf = solve_checked(costs[l], o, MemStack::new(slot))
                .map_err(|e| Error::new(e.kind, format!("problem {l}: {}", e.message)))?;
            Ok(())
        },
        |(_, inf, o)| {
            *inf = AssignmentInfo {
                cost: f64::NAN,
                gap: f64::NAN,
                cancelled: true,
                ..AssignmentInfo::default()
            };
            for duals in [o.u, o.v].into_iter().flatten() {
                duals.fill(f64::NAN);
            }
        },
    )
}

/// What [`assignment_batch`] returns: each problem's info (k), the permutations (k·n) and the
/// duals u and v (k·n each), problem after problem.
pub type AssignmentBatchResult = (Vec<AssignmentInfo>, Vec<usize>, Vec<f64>, Vec<f64>);

/// Solves every n × n cost of `costs` on `num_threads` threads (0 = default) and returns each
/// problem's [`AssignmentInfo`], the permutations (k·n) and the duals u, v (k·n each)
/// (allocates; calls [`assignment_batch_in_place`]).
pub fn assignment_batch(
    costs: &[MatRef<'_, f64>],
    num_threads: usize,
) -> Result<AssignmentBatchResult> {
    let k = costs.len();
    let n = costs.first().map_or(0, |c| c.nrows());
    let kn = k.saturating_mul(n);
    let mut info = vec![AssignmentInfo::default(); k];
    let mut perm = vec![0usize; kn];
    let (mut u, mut v) = (vec![0.0; kn], vec![0.0; kn]);
    par::with_threads(num_threads, |p| {
        with_stack(assignment_batch_scratch(n, k, p)?, |stack| {
            let out = AssignmentBatchOutputs {
                info: &mut info,
                perm: Some(&mut perm),
                u: Some(&mut u),
                v: Some(&mut v),
            };
            assignment_batch_in_place(costs, out, p, stack)
        })?
    })??;
    Ok((info, perm, u, v))
}
