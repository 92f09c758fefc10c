//! Thread control: the `num_threads` option of every entry point.
//!
//! * 0 — the library default: `OTCORE_NUM_THREADS` if set to a positive integer, else the
//!   number of available cores (at most `MAX_THREADS`);
//! * 1 — run in the calling thread only (no pool is touched: safe inside MPI ranks and
//!   OpenMP regions);
//! * k — exactly k workers, 2 ≤ k ≤ `MAX_THREADS` (= 256); a larger k (a `-1` passed as
//!   `uint32_t`, say) or a larger `OTCORE_NUM_THREADS` is refused with `ErrorKind::Threads`
//!   before any thread is started.
//!
//! Pools are built on first use of a thread count and cached; at most `MAX_POOLS` (= 4) are
//! kept, the least recently used one being dropped (its threads end once its running calls
//! return). After `fork()` the child's first threaded call sees the new process id, leaks the
//! parent's pools (their threads do not exist in the child: they are neither joined nor
//! dropped) and builds its own. Kernels receive a [`Par`] and split their work into chunks
//! whose boundaries do not depend on the thread count, so results are bitwise identical for
//! every k.

use crate::progress::{self, Flow};
use crate::{Error, ErrorKind, Par, Result};
use rayon::ThreadPool;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

/// The largest `num_threads` accepted.
pub(crate) const MAX_THREADS: usize = 256;

/// The largest number of pools kept alive at once.
pub(crate) const MAX_POOLS: usize = 4;

fn too_many(k: usize, source: &str) -> Error {
    Error::new(
        ErrorKind::Threads,
        format!("{source} = {k} threads is above the cap of {MAX_THREADS}"),
    )
}

/// Resolves a `num_threads` option to a concrete thread count in `1..=MAX_THREADS`;
/// `ErrorKind::Threads` above the cap.
pub fn resolve_threads(num_threads: usize) -> Result<usize> {
    if num_threads > MAX_THREADS {
        return Err(too_many(num_threads, "num_threads"));
    }
    if num_threads != 0 {
        return Ok(num_threads);
    }
    static DEFAULT: OnceLock<std::result::Result<usize, usize>> = OnceLock::new();
    let default = DEFAULT.get_or_init(|| {
        match std::env::var("OTCORE_NUM_THREADS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&k| k > 0)
        {
            Some(k) if k > MAX_THREADS => Err(k),
            Some(k) => Ok(k),
            None => Ok(std::thread::available_parallelism()
                .map_or(1, NonZeroUsize::get)
                .min(MAX_THREADS)),
        }
    });
    default.map_err(|k| too_many(k, "OTCORE_NUM_THREADS"))
}

/// The pools of one process: `(k, pool, last use)`, at most `MAX_POOLS`.
struct PoolCache {
    pid: u32,
    pools: Mutex<Vec<(usize, Arc<ThreadPool>, u64)>>,
    clock: std::sync::atomic::AtomicU64,
}

/// The cache of the current process. A child of `fork()` finds its parent's cache (whose
/// mutex may even be held by a thread that does not exist in the child), leaks it and
/// installs a fresh one.
fn cache() -> &'static PoolCache {
    static CACHE: AtomicPtr<PoolCache> = AtomicPtr::new(std::ptr::null_mut());
    let pid = std::process::id();
    loop {
        let current = CACHE.load(Ordering::Acquire);
        // SAFETY: a non-null pointer in CACHE comes from `Box::leak` below and is never freed.
        if let Some(c) = unsafe { current.as_ref() } {
            if c.pid == pid {
                return c;
            }
        }
        let fresh: &'static mut PoolCache = Box::leak(Box::new(PoolCache {
            pid,
            pools: Mutex::new(Vec::new()),
            clock: 0.into(),
        }));
        let fresh_ptr: *mut PoolCache = fresh;
        match CACHE.compare_exchange(current, fresh_ptr, Ordering::AcqRel, Ordering::Acquire) {
            // The parent's cache, if any, stays leaked on purpose.
            Ok(_) => return fresh,
            Err(_) => {
                // SAFETY: `fresh_ptr` came from `Box::leak` above and was never published.
                drop(unsafe { Box::from_raw(fresh_ptr) });
            }
        }
    }
}

/// The cached pool with exactly `k` workers (2 ≤ k ≤ MAX_THREADS).
fn pool(k: usize) -> Result<Arc<ThreadPool>> {
    let cache = cache();
    let lock = || cache.pools.lock().unwrap_or_else(|e| e.into_inner());
    let tick = cache.clock.fetch_add(1, Ordering::Relaxed);
    if let Some(entry) = lock().iter_mut().find(|e| e.0 == k) {
        entry.2 = tick;
        return Ok(entry.1.clone());
    }
    // Built outside the lock: starting threads takes a while.
    let built = rayon::ThreadPoolBuilder::new()
        .num_threads(k)
        .thread_name(|i| format!("otcore-{i}"))
        .build()
        .map_err(|e| Error::new(ErrorKind::Threads, format!("cannot start {k} threads: {e}")))?;
    let built = Arc::new(built);
    let mut pools = lock();
    if let Some(entry) = pools.iter_mut().find(|e| e.0 == k) {
        entry.2 = tick;
        return Ok(entry.1.clone());
    }
    if pools.len() >= MAX_POOLS {
        let oldest = (0..pools.len())
            .min_by_key(|&i| pools[i].2)
            .expect("non-empty");
        pools.swap_remove(oldest);
    }
    pools.push((k, built.clone(), tick));
    Ok(built)
}

/// Runs `f` with `num_threads` (0 = default, 1 = calling thread, k = k workers), handing it
/// the matching [`Par`]: `Par::Seq` for one thread, `Par::Rayon(k)` inside a cached pool of
/// k workers otherwise. `ErrorKind::Threads` above `MAX_THREADS` or when the threads cannot
/// start. A panic in `f` propagates to the caller.
pub fn with_threads<R: Send>(num_threads: usize, f: impl FnOnce(Par) -> R + Send) -> Result<R> {
    let k = resolve_threads(num_threads)?;
    if k == 1 {
        return Ok(f(Par::Seq));
    }
    let pool = pool(k)?;
    Ok(pool.install(|| f(Par::Rayon(NonZeroUsize::new(k).expect("k >= 2")))))
}

/// [`with_threads`] with `observer` receiving the [`progress`] checks of
/// the solve ON THE CALLING THREAD, whatever the thread count: with k ≥ 2 workers `f` runs as
/// a job in the pool while the calling thread waits for its checks and runs `observer` for
/// each (a rendezvous on a mutex and condition variable: no allocation). Use it when the
/// observer must run where the caller is (a C callback polling an interpreter's interrupt
/// flag). A panic in `f` propagates to the caller once the observer is released.
pub fn with_threads_observed<R: Send>(
    num_threads: usize,
    observer: &mut dyn FnMut(u64, f64) -> Flow,
    f: impl FnOnce(Par) -> R + Send,
) -> Result<R> {
    let k = resolve_threads(num_threads)?;
    if k == 1 {
        return Ok(progress::observe(observer, || f(Par::Seq)));
    }
    let pool = pool(k)?;
    let meeting = Rendezvous::default();
    let mut result = None;
    pool.in_place_scope(|scope| {
        let (meeting, result) = (&meeting, &mut result);
        scope.spawn(move |_| {
            let _done = Finished(meeting);
            let mut ask = |iteration, error| meeting.ask(iteration, error);
            let par = Par::Rayon(NonZeroUsize::new(k).expect("k >= 2"));
            *result = Some(progress::observe(&mut ask, || f(par)));
        });
        meeting.serve(observer);
    });
    Ok(result.expect("the job either returned or its panic propagated"))
}

/// The state of a [`Rendezvous`].
#[derive(Clone, Copy)]
enum Turn {
    /// The solver is working.
    Idle,
    /// The solver waits for the observer's answer on this check.
    Asked(u64, f64),
    /// The observer answered; the solver has not taken the answer yet.
    Answered(Flow),
    /// The solver finished (or panicked).
    Done,
}

/// Hands a solver's checks from a pool worker to the calling thread and the answers back.
struct Rendezvous {
    turn: Mutex<Turn>,
    changed: Condvar,
}

impl Default for Rendezvous {
    fn default() -> Self {
        Rendezvous {
            turn: Mutex::new(Turn::Idle),
            changed: Condvar::new(),
        }
    }
}

impl Rendezvous {
    fn lock(&self) -> std::sync::MutexGuard<'_, Turn> {
        self.turn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Solver side: posts a check and waits for the answer.
    fn ask(&self, iteration: u64, error: f64) -> Flow {
        let mut turn = self.lock();
        *turn = Turn::Asked(iteration, error);
        self.changed.notify_all();
        loop {
            if let Turn::Answered(flow) = *turn {
                *turn = Turn::Idle;
                return flow;
            }
            turn = self.changed.wait(turn).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Caller side: answers checks with `observer` until the solver is done.
    fn serve(&self, observer: &mut dyn FnMut(u64, f64) -> Flow) {
        let mut turn = self.lock();
        loop {
            match *turn {
                Turn::Done => return,
                Turn::Asked(iteration, error) => {
                    drop(turn);
                    let flow = observer(iteration, error);
                    turn = self.lock();
                    *turn = Turn::Answered(flow);
                    self.changed.notify_all();
                }
                Turn::Idle | Turn::Answered(_) => {
                    turn = self.changed.wait(turn).unwrap_or_else(|e| e.into_inner())
                }
            }
        }
    }
}

/// Marks the solve done when dropped: at its end and on unwinding.
struct Finished<'a>(&'a Rendezvous);

impl Drop for Finished<'_> {
    fn drop(&mut self) {
        *self.0.lock() = Turn::Done;
        self.0.changed.notify_all();
    }
}

/// Number of workers a [`Par`] stands for.
pub fn degree(par: Par) -> usize {
    match par {
        Par::Seq => 1,
        Par::Rayon(k) => k.get(),
    }
}

/// Runs `body(chunk_index)` for every chunk in `0..n_chunks`, in parallel under
/// `Par::Rayon`, in order under `Par::Seq`. Chunking is the caller's and must not depend on
/// the thread count, so that results are the same for every `par`.
pub fn for_each_chunk(par: Par, n_chunks: usize, body: impl Fn(usize) + Sync + Send) {
    match par {
        Par::Seq => (0..n_chunks).for_each(body),
        Par::Rayon(_) => {
            use rayon::prelude::*;
            (0..n_chunks).into_par_iter().for_each(body)
        }
    }
}

/// Runs `body(chunk, out_chunk)` over the chunks of `size` of `out`, in parallel under
/// `Par::Rayon`, in order under `Par::Seq`. Chunk boundaries depend on `size` only.
pub fn par_chunks<O: Send>(
    par: Par,
    out: &mut [O],
    size: usize,
    body: impl Fn(usize, &mut [O]) + Sync + Send,
) {
    par_chunks_ordered(par, out, size, false, body)
}

/// [`par_chunks`], visiting the chunks from the last to the first when `reverse` (under
/// `Par::Rayon`, each worker's share of the chunks in that order): a stream that alternates
/// directions starts where the previous one ended, on data still in the last-level cache.
/// Chunk boundaries, and so results, do not depend on the direction.
pub fn par_chunks_ordered<O: Send>(
    par: Par,
    out: &mut [O],
    size: usize,
    reverse: bool,
    body: impl Fn(usize, &mut [O]) + Sync + Send,
) {
    let body = |(c, o): (usize, &mut [O])| body(c, o);
    match (par, reverse) {
        (Par::Seq, false) => out.chunks_mut(size).enumerate().for_each(body),
        (Par::Seq, true) => out.chunks_mut(size).enumerate().rev().for_each(body),
        (Par::Rayon(_), false) => {
            use rayon::prelude::*;
            out.par_chunks_mut(size).enumerate().for_each(body)
        }
        (Par::Rayon(_), true) => {
            use rayon::prelude::*;
            out.par_chunks_mut(size).enumerate().rev().for_each(body)
        }
    }
}

/// [`par_chunks`] over three slices of the same length at once: `body(chunk, a_chunk,
/// b_chunk, c_chunk)` for the chunks of `size` of `a`, `b` and `c`.
pub fn par_chunks3<A: Send, B: Send, C: Send>(
    par: Par,
    (a, b, c): (&mut [A], &mut [B], &mut [C]),
    size: usize,
    body: impl Fn(usize, &mut [A], &mut [B], &mut [C]) + Sync + Send,
) {
    assert!(
        a.len() == b.len() && b.len() == c.len(),
        "slices of one length"
    );
    match par {
        Par::Seq => a
            .chunks_mut(size)
            .zip(b.chunks_mut(size).zip(c.chunks_mut(size)))
            .enumerate()
            .for_each(|(k, (x, (y, z)))| body(k, x, y, z)),
        Par::Rayon(_) => {
            use rayon::prelude::*;
            a.par_chunks_mut(size)
                .zip(b.par_chunks_mut(size).zip(c.par_chunks_mut(size)))
                .enumerate()
                .for_each(|(k, (x, (y, z)))| body(k, x, y, z))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_counts_resolve_and_pools_are_cached() {
        assert_eq!(resolve_threads(3).unwrap(), 3);
        assert!(resolve_threads(0).unwrap() >= 1);
        let seen = with_threads(1, |par| (degree(par), rayon::current_thread_index())).unwrap();
        assert_eq!(
            seen,
            (1, None),
            "one thread runs in the caller, outside any pool"
        );
        let k = with_threads(3, |par| (degree(par), rayon::current_num_threads())).unwrap();
        assert_eq!(k, (3, 3));
        let a = pool(3).unwrap();
        let b = pool(3).unwrap();
        assert!(Arc::ptr_eq(&a, &b), "the pool for 3 threads is built once");
    }

    /// A toy solver on `par`: ten checks, stopping when told; returns (iterations, stopped).
    fn ten_checks(par: Par) -> (u64, bool, usize) {
        let degree = degree(par);
        for it in 1..=10 {
            if progress::check(it, 1.0 / it as f64) == Flow::Stop {
                return (it, true, degree);
            }
        }
        (10, false, degree)
    }

    #[test]
    fn observers_run_on_the_calling_thread_for_every_thread_count() {
        let caller = std::thread::current().id();
        for k in [1, 2, 3] {
            let mut seen = Vec::new();
            let r = with_threads_observed(
                k,
                &mut |it, _| {
                    seen.push((it, std::thread::current().id() == caller));
                    if it == 4 {
                        Flow::Stop
                    } else {
                        Flow::Continue
                    }
                },
                ten_checks,
            )
            .unwrap();
            assert_eq!(r, (4, true, k));
            assert_eq!(seen, vec![(1, true), (2, true), (3, true), (4, true)]);
        }
        let e = with_threads_observed(MAX_THREADS + 1, &mut |_, _| Flow::Continue, ten_checks);
        assert_eq!(e.unwrap_err().kind, ErrorKind::Threads);
    }

    #[test]
    fn a_panicking_observed_job_propagates_its_panic() {
        let caught = std::panic::catch_unwind(|| {
            with_threads_observed(2, &mut |_, _| Flow::Continue, |_| {
                progress::check(1, 0.0);
                panic!("solver bug")
            })
        });
        assert!(caught.is_err());
    }

    #[test]
    fn thread_counts_above_the_cap_are_refused_and_pools_are_bounded() {
        let e = with_threads(MAX_THREADS + 1, |_| ()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Threads);
        assert!(e.message.contains("257"), "{}", e.message);
        let e = with_threads(u32::MAX as usize, |_| ()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Threads);
        for k in 2..2 + 2 * MAX_POOLS {
            assert_eq!(with_threads(k, degree).unwrap(), k);
        }
        let pools = cache().pools.lock().unwrap();
        assert!(pools.len() <= MAX_POOLS, "{} pools cached", pools.len());
    }
}
