//! Many independent transport problems of one shape (n × m) solved over the thread pool, each
//! problem by the single-threaded network simplex (parallel pricing inside one problem does
//! not pay: POT measured it and removed it). Problems are handed out dynamically to the
//! workers, each with its own workspace slot; every problem's result is computed the same way
//! whatever the thread count, so results are identical for every thread count.
//!
//! Progress ([`crate::progress`]): the thread observing the batch sees, after each problem it
//! solves, the number of problems finished so far (over all workers) with the error NaN; the
//! problems' own pivots are not reported. When the observer asks to stop, the problems
//! running end at their next pivot with a feasible plan (`cancelled`, as after `max_iter`)
//! and the problems not started are skipped: their [`EmdInfo`] is [`skipped_info`] (cost and
//! gap NaN, no pivots, `cancelled`), their duals NaN, their plan entries not written.
//!
//! Levels: [`emd_batch_scratch`], [`emd_batch_in_place`].

use super::network_simplex::{
    emd_in_place, emd_scratch, validate, EmdInfo, EmdOutputs, EmdParams, Ground,
};
use super::SparsePlanMut;
use crate::progress::{self, Flow};
use crate::workspace::{bytes_for, check_stack, try_vec_with_capacity};
use crate::{bail, par, Error, MatRef, MemStack, Par, Result, StackReq};
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

/// Number of workspace slots for `k` problems under `par`.
fn slots(k: usize, par: Par) -> usize {
    par::degree(par).min(k).max(1)
}

/// Workspace of [`emd_batch_in_place`]: one [`emd_scratch`] per worker (O((n + m)·threads)).
pub fn emd_batch_scratch(n: usize, m: usize, k: usize, par: Par) -> Result<StackReq> {
    let per = bytes_for(emd_scratch(n, m))?;
    let total = per
        .checked_mul(slots(k, par))
        .ok_or_else(|| Error::new(crate::ErrorKind::Overflow, "workspace size overflows"))?;
    Ok(StackReq::new_aligned::<u8>(total, 64))
}

/// The outputs of [`emd_batch_in_place`] for k problems (each optional but `info`).
pub struct BatchOutputs<'a> {
    /// One [`EmdInfo`] per problem (length k).
    pub info: &'a mut [EmdInfo],
    /// Row duals, problem after problem (k·n).
    pub f: Option<&'a mut [f64]>,
    /// Column duals (k·m).
    pub g: Option<&'a mut [f64]>,
    /// Sparse plans, problem l in entries `l·(n+m−1) .. (l+1)·(n+m−1)` (its first
    /// `info[l].nnz` entries are used).
    pub sparse: Option<SparsePlanMut<'a>>,
}

/// Solves problem l: `a[l·n..]`, `b[l·m..]`, `costs[l]`, for every l, on the workers of `par`.
/// All problems are validated before any output is written. Allocation-free with `Par::Seq`.
#[allow(clippy::too_many_arguments)]
pub fn emd_batch_in_place(
    n: usize,
    m: usize,
    a: &[f64],
    b: &[f64],
    costs: &[MatRef<'_, f64>],
    out: BatchOutputs<'_>,
    params: &EmdParams,
    par: Par,
    stack: &mut MemStack,
) -> Result<()> {
    let k = costs.len();
    let cap = n + m - 1;
    if n == 0 || m == 0 || k == 0 || a.len() != k * n || b.len() != k * m || out.info.len() != k {
        bail!(
            InvalidDimension,
            "{k} problems of {n}x{m}: a has {} values (k*n expected), b {} (k*m), info {} (k)",
            a.len(),
            b.len(),
            out.info.len()
        );
    }
    if out.f.as_ref().is_some_and(|f| f.len() != k * n)
        || out.g.as_ref().is_some_and(|g| g.len() != k * m)
        || out
            .sparse
            .as_ref()
            .is_some_and(|s| s.rows.len().min(s.cols.len()).min(s.mass.len()) < k * cap)
    {
        bail!(
            InvalidDimension,
            "f needs k*n values, g k*m, the plans k*(n+m-1)"
        );
    }
    for (l, c) in costs.iter().enumerate() {
        validate(
            &a[l * n..(l + 1) * n],
            &b[l * m..(l + 1) * m],
            Ground::Matrix(*c),
            params,
        )
        .map_err(|e| Error::new(e.kind, format!("problem {l}: {}", e.message)))?;
    }
    let req = emd_batch_scratch(n, m, k, par)?;
    check_stack(stack, req)?;
    let per = bytes_for(emd_scratch(n, m))?;
    let g_slots = slots(k, par);
    let (buf, _) = stack.make_aligned_uninit::<u8>(per * g_slots, 64);

    // Outputs split per problem.
    let BatchOutputs { info, f, g, sparse } = out;
    let solve_one = |l: usize,
                     info: &mut EmdInfo,
                     f: Option<&mut [f64]>,
                     g: Option<&mut [f64]>,
                     sp: Option<SparsePlanMut<'_>>,
                     slot: &mut [MaybeUninit<u8>]|
     -> Result<()> {
        let o = EmdOutputs {
            f,
            g,
            sparse: sp,
            dense: None,
        };
        let s = MemStack::new(slot);
        *info = emd_in_place(
            &a[l * n..(l + 1) * n],
            &b[l * m..(l + 1) * m],
            costs[l],
            o,
            params,
            Par::Seq,
            s,
        )
        .map_err(|e| Error::new(e.kind, format!("problem {l}: {}", e.message)))?;
        Ok(())
    };
    let mut f_parts = f.map(|f| f.chunks_mut(n));
    let mut g_parts = g.map(|g| g.chunks_mut(m));
    let mut sp_parts = sparse.map(|s| {
        (
            s.rows.chunks_mut(cap),
            s.cols.chunks_mut(cap),
            s.mass.chunks_mut(cap),
        )
    });
    type Job<'s> = (
        usize,
        &'s mut EmdInfo,
        Option<&'s mut [f64]>,
        Option<&'s mut [f64]>,
        Option<SparsePlanMut<'s>>,
    );
    // Problem l's outputs, in order (a lazy iterator: no allocation).
    let jobs = info.iter_mut().enumerate().map(|(l, inf)| -> Job<'_> {
        let fl = f_parts.as_mut().and_then(|p| p.next());
        let gl = g_parts.as_mut().and_then(|p| p.next());
        let sl = sp_parts.as_mut().and_then(|(r, c, x)| {
            Some(SparsePlanMut {
                rows: r.next()?,
                cols: c.next()?,
                mass: x.next()?,
            })
        });
        (l, inf, fl, gl, sl)
    });
    for_each_job(
        jobs,
        par,
        buf,
        per,
        BatchProgress::Problems,
        |(l, inf, fl, gl, sl), slot| solve_one(l, inf, fl, gl, sl, slot),
        |(_, inf, fl, gl, _)| {
            *inf = skipped_info();
            for duals in [fl, gl].into_iter().flatten() {
                duals.fill(f64::NAN);
            }
        },
    )
}

/// The [`EmdInfo`] of a problem a stopped batch skipped: cost and gap NaN, no pivots, not
/// converged, `cancelled`.
pub fn skipped_info() -> EmdInfo {
    EmdInfo {
        cost: f64::NAN,
        gap: f64::NAN,
        cancelled: true,
        ..EmdInfo::default()
    }
}

/// What a batch reports to the [`progress`] observer of the thread running it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BatchProgress {
    /// After each problem solved on the observing thread: the problems finished so far (over
    /// all workers), error NaN. The problems' own checks are not reported.
    Problems,
    /// Each check of a problem solved on the observing thread, numbered by the checks made
    /// so far over all problems and workers, with the problem's error.
    Checks,
}

/// Runs `solve(job, slot)` for every job, in order under `Par::Seq` (with the first `per`
/// bytes of `buf`), else handed out dynamically to the workers, each holding one of the
/// `buf.len() / per` slots of `per` bytes while it solves. Progress goes to the observer of
/// the calling thread as `report` says; once it asks to stop, the jobs' own checks (on every
/// worker) answer [`Flow::Stop`] and the jobs not started are given to `skip` instead.
/// Returns the first error met (all jobs are attempted in parallel, the first error ends a
/// sequential run). Allocation-free under `Par::Seq`.
pub(crate) fn for_each_job<J: Send>(
    jobs: impl ExactSizeIterator<Item = J>,
    par: Par,
    buf: &mut [MaybeUninit<u8>],
    per: usize,
    report: BatchProgress,
    solve: impl Fn(J, &mut [MaybeUninit<u8>]) -> Result<()> + Sync,
    skip: impl Fn(J) + Sync,
) -> Result<()> {
    let (done, stopped) = (AtomicU64::new(0), AtomicBool::new(false));
    let stop_if = |flow: Flow| {
        if flow == Flow::Stop {
            stopped.store(true, Ordering::Relaxed);
        }
    };
    let run = |job: J, slot: &mut [MaybeUninit<u8>]| -> Result<()> {
        if stopped.load(Ordering::Relaxed) {
            skip(job);
            return Ok(());
        }
        let result = progress::relay(
            &mut |_, error, outer| {
                if report == BatchProgress::Checks {
                    stop_if(outer(done.fetch_add(1, Ordering::Relaxed) + 1, error));
                }
                match stopped.load(Ordering::Relaxed) {
                    true => Flow::Stop,
                    false => Flow::Continue,
                }
            },
            || solve(job, slot),
        );
        if report == BatchProgress::Problems {
            stop_if(progress::check(
                done.fetch_add(1, Ordering::Relaxed) + 1,
                f64::NAN,
            ));
        }
        result
    };
    match par {
        Par::Seq => {
            for job in jobs {
                run(job, &mut buf[..per])?;
            }
            Ok(())
        }
        Par::Rayon(_) => {
            use rayon::prelude::*;
            let mut job_list: Vec<J> = try_vec_with_capacity("the batch's jobs", jobs.len())?;
            job_list.extend(jobs);
            let per = per.max(1);
            let mut slot_list =
                try_vec_with_capacity("the batch's workspace slots", buf.len() / per)?;
            slot_list.extend(buf.chunks_mut(per));
            let pool: Mutex<Vec<&mut [MaybeUninit<u8>]>> = Mutex::new(slot_list);
            let first_error: Mutex<Option<Error>> = Mutex::new(None);
            job_list.into_par_iter().with_max_len(1).for_each(|job| {
                let slot = pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
                let Some(slot) = slot else {
                    return;
                };
                let r = run(job, slot);
                pool.lock().unwrap_or_else(|e| e.into_inner()).push(slot);
                if let Err(e) = r {
                    first_error
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .get_or_insert(e);
                }
            });
            match first_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
                Some(e) => Err(e),
                None => Ok(()),
            }
        }
    }
}

/// Solves k problems of one shape on `num_threads` threads (0 = default) and returns each
/// problem's [`EmdInfo`] and duals `(f, g)` (allocates; calls [`emd_batch_in_place`]).
pub fn emd_batch(
    n: usize,
    m: usize,
    a: &[f64],
    b: &[f64],
    costs: &[MatRef<'_, f64>],
    params: &EmdParams,
    num_threads: usize,
) -> Result<(Vec<EmdInfo>, Vec<f64>, Vec<f64>)> {
    let k = costs.len();
    let mut info = vec![EmdInfo::default(); k];
    let (mut f, mut g) = (vec![0.0; k * n], vec![0.0; k * m]);
    par::with_threads(num_threads, |p| {
        crate::workspace::with_stack(emd_batch_scratch(n, m, k, p)?, |stack| {
            let out = BatchOutputs {
                info: &mut info,
                f: Some(&mut f),
                g: Some(&mut g),
                sparse: None,
            };
            emd_batch_in_place(n, m, a, b, costs, out, params, p, stack)
        })?
    })??;
    Ok((info, f, g))
}
