//! Thread control: the `num_threads` option of every entry point.
//!
//! * 0 — the library default: `OTCORE_NUM_THREADS` if set to a positive integer, else the
//!   number of available cores;
//! * 1 — run in the calling thread only (no pool is touched: safe inside MPI ranks and
//!   OpenMP regions);
//! * k — exactly k workers.
//!
//! Pools are built once per distinct k and cached for the life of the process. Kernels receive
//! a [`Par`] and split their work into chunks whose boundaries do not depend on the thread
//! count, so results are bitwise identical for every k.

use crate::{Error, ErrorKind, Par, Result};
use rayon::ThreadPool;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, OnceLock};

/// Resolves a `num_threads` option to a concrete thread count (≥ 1).
pub fn resolve_threads(num_threads: usize) -> usize {
    if num_threads != 0 {
        return num_threads;
    }
    static DEFAULT: OnceLock<usize> = OnceLock::new();
    *DEFAULT.get_or_init(|| {
        std::env::var("OTCORE_NUM_THREADS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&k| k > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get))
    })
}

/// The cached pool with exactly `k` workers (k ≥ 2).
fn pool(k: usize) -> Result<Arc<ThreadPool>> {
    static POOLS: Mutex<Vec<(usize, Arc<ThreadPool>)>> = Mutex::new(Vec::new());
    let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, p)) = pools.iter().find(|(n, _)| *n == k) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(k)
        .thread_name(|i| format!("otcore-{i}"))
        .build()
        .map_err(|e| Error::new(ErrorKind::Threads, format!("cannot start {k} threads: {e}")))?;
    let p = Arc::new(p);
    pools.push((k, p.clone()));
    Ok(p)
}

/// Runs `f` with `num_threads` (0 = default, 1 = calling thread, k = k workers), handing it
/// the matching [`Par`]: `Par::Seq` for one thread, `Par::Rayon(k)` inside a cached pool of
/// k workers otherwise. A panic in `f` propagates to the caller.
pub fn with_threads<R: Send>(num_threads: usize, f: impl FnOnce(Par) -> R + Send) -> Result<R> {
    let k = resolve_threads(num_threads);
    if k == 1 {
        return Ok(f(Par::Seq));
    }
    let pool = pool(k)?;
    Ok(pool.install(|| f(Par::Rayon(NonZeroUsize::new(k).expect("k >= 2")))))
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
    match par {
        Par::Seq => out
            .chunks_mut(size)
            .enumerate()
            .for_each(|(c, o)| body(c, o)),
        Par::Rayon(_) => {
            use rayon::prelude::*;
            out.par_chunks_mut(size)
                .enumerate()
                .for_each(|(c, o)| body(c, o))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_counts_resolve_and_pools_are_cached() {
        assert_eq!(resolve_threads(3), 3);
        assert!(resolve_threads(0) >= 1);
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
}
