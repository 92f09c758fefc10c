//! faer's per-thread matrix-product buffer, made fallible.
//!
//! On x86-64 with AVX2 and FMA (or AVX-512), faer sends every product of more than 16³
//! multiply-adds to `private-gemm-x86`, whose packing buffer is a thread-local of
//! 2 × L3 bytes (its own L3 figure, in 4 KiB pages), allocated infallibly on the thread's
//! first such product and kept for the thread's life. faer offers no way to hand it memory.
//! [`ensure`] makes that first allocation safe: before the first product of a thread it asks
//! the allocator for the same bytes, at the same alignment, fallibly (`OutOfMemory` naming
//! the bytes when refused), gives them back, and runs one 17×16×16 product at once, so that
//! the buffer is in place before any kernel multiplies. Later calls on the thread cost one
//! thread-local read. The buffer's size is read from sysfs by the rules of
//! `private-gemm-x86` 0.1 (`src/cache.rs`); where sysfs cannot be read (not Linux), the
//! buffer is made without the probe. `tests/c/test_hostile_oom.c` checks the size against
//! the real allocation under an address-space limit.

use crate::workspace::out_of_memory;
use crate::{MatMut, MatRef, Par, Result};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The page size and alignment of the buffer.
const PAGE: usize = 4096;

/// One page of the buffer, as `private-gemm-x86` lays it out (a layout only: the probe
/// reserves pages and never makes one).
#[allow(dead_code)]
#[repr(align(4096))]
struct Page([u8; PAGE]);

thread_local! {
    /// Whether this thread's product buffer exists (no destructor: safe during teardown).
    static READY: Cell<bool> = const { Cell::new(false) };
    /// Whether every worker of the rayon pool this thread belongs to has its buffer (set on
    /// a pool's worker once a broadcast from it succeeded; a pool's workers live as long as
    /// the pool, so a rebuilt pool starts with fresh flags).
    static POOL_READY: Cell<bool> = const { Cell::new(false) };
}

/// Whether faer's products of more than 16³ multiply-adds take `private-gemm-x86` here.
fn packs_in_thread_buffer() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            || (std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma"))
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Bytes in `text`, a sysfs cache size such as `32768K`.
fn size_bytes(text: &str) -> Option<usize> {
    let (digits, unit) = match text.as_bytes().last()? {
        b'G' => (&text[..text.len() - 1], 1 << 30),
        b'M' => (&text[..text.len() - 1], 1 << 20),
        b'K' => (&text[..text.len() - 1], 1 << 10),
        _ => (text, 1),
    };
    digits.parse::<usize>().ok()?.checked_mul(unit)
}

/// CPUs in a sysfs `shared_cpu_list` such as `0-3,8`.
fn cpu_count(list: &str) -> Option<usize> {
    list.split(',')
        .try_fold(0usize, |count, item| match item.split_once('-') {
            Some((a, b)) => {
                let span = (b.parse::<usize>().ok()? + 1).checked_sub(a.parse::<usize>().ok()?)?;
                Some(count + span)
            }
            None => Some(count + 1),
        })
}

/// The subdirectories of `dir` whose names start with `prefix`, in listing order; None when
/// `dir` cannot be read.
fn subdirs(dir: &Path, prefix: &str) -> Option<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        let named = path
            .file_name()
            .and_then(|f| f.to_str())
            .is_some_and(|f| f.starts_with(prefix));
        if named && path.is_dir() {
            found.push(path);
        }
    }
    Some(found)
}

/// `private-gemm-x86`'s L3 figure in bytes, read from sysfs by its rules: the last data or
/// unified level-3 cache listed, divided among the CPUs sharing it, times the CPUs sharing
/// the last level-1 data cache listed, times the physical cores. None when sysfs fails.
fn l3_bytes() -> Option<usize> {
    let (mut l3, mut l3_line, mut l1_shared) = (0usize, 64usize, 1usize);
    for cpu in subdirs(Path::new("/sys/devices/system/cpu"), "cpu")? {
        let cache = cpu.join("cache");
        if !cache.is_dir() {
            continue;
        }
        for index in subdirs(&cache, "index")? {
            let read = |name: &str| {
                std::fs::read_to_string(index.join(name))
                    .ok()
                    .map(|s| s.trim().to_owned())
            };
            if !matches!(read("type").as_deref(), Some("Data" | "Unified")) {
                continue;
            }
            let level = read("level").and_then(|s| s.parse::<usize>().ok());
            let shared = read("shared_cpu_list").and_then(|s| cpu_count(&s));
            let line = read("coherency_line_size").map_or(Some(64), |s| s.parse().ok());
            let size = read("size").map_or(Some(0), |s| size_bytes(&s));
            let (Some(level), Some(shared), Some(line), Some(size)) = (level, shared, line, size)
            else {
                continue;
            };
            if level == 1 {
                l1_shared = shared;
            }
            if level == 3 && line >= l3_line && shared > 0 {
                (l3_line, l3) = (line, size / shared);
            }
        }
    }
    Some(l3 * l1_shared * num_cpus::get_physical())
}

/// Pages `private-gemm-x86` allocates for its buffer on a thread's first product (f64 or
/// f32, whichever comes first: a larger need of the other type grows it, the old buffer
/// still held), or None when they cannot be read.
fn buffer_pages() -> Option<usize> {
    static BYTES: OnceLock<Option<usize>> = OnceLock::new();
    *BYTES.get_or_init(|| {
        let l3 = l3_bytes()?;
        let first = 2 * l3.div_ceil(PAGE);
        // The pages a product of elements of `size` bytes needs (lhs panels rounded to 16
        // rows, rhs to the kernel's 4 or 8 columns); a larger need reallocates, the old
        // buffer still held.
        let need = |size: usize, nr: usize| {
            let elems = l3 / size;
            (elems.next_multiple_of(16) * size).div_ceil(PAGE)
                + (elems.next_multiple_of(nr) * size).div_ceil(PAGE)
        };
        let most = need(8, 8).max(need(4, 4));
        Some(if most > first {
            2 * first + most
        } else {
            first
        })
    })
}

/// Makes this thread's product buffer exist, fallibly: `OutOfMemory` naming the bytes when
/// the allocator refuses them.
fn ensure_here() -> Result<()> {
    if READY.get() || !packs_in_thread_buffer() {
        return Ok(());
    }
    if let Some(pages) = buffer_pages() {
        // The same request faer's buffer makes (whole pages at page alignment), made
        // fallibly and given back at once.
        let mut probe: Vec<Page> = Vec::new();
        probe
            .try_reserve_exact(pages)
            .map_err(|_| out_of_memory("faer's per-thread product buffer", pages * PAGE))?;
    }
    // One product above faer's small-product threshold (17·16·16 > 16³) allocates the buffer.
    let (lhs, rhs, mut dst) = ([0.0f64; 17 * 16], [0.0f64; 16 * 16], [0.0f64; 17 * 16]);
    faer::linalg::matmul::matmul(
        MatMut::from_row_major_slice_mut(&mut dst, 17, 16),
        faer::Accum::Replace,
        MatRef::from_row_major_slice(&lhs, 17, 16),
        MatRef::from_row_major_slice(&rhs, 16, 16),
        1.0,
        Par::Seq,
    );
    READY.set(true);
    Ok(())
}

/// Makes faer's product buffer exist, fallibly, on the calling thread and, under
/// `Par::Rayon`, on every thread of the current pool: call it before any faer product or
/// decomposition that may exceed 16³ multiply-adds. `OutOfMemory` naming the bytes when
/// the allocator refuses them; never an abort. O(1) once a thread has its buffer; under
/// `Par::Rayon`, one broadcast over the pool the first time each of its workers asks (from
/// outside a pool: every time), then two thread-local reads.
pub(crate) fn ensure(par: Par) -> Result<()> {
    ensure_here()?;
    if let Par::Rayon(_) = par {
        if POOL_READY.get() {
            return Ok(());
        }
        let results: Vec<Result<()>> = rayon::broadcast(|_| ensure_here());
        results.into_iter().collect::<Result<Vec<()>>>()?;
        if rayon::current_thread_index().is_some() {
            POOL_READY.set(true);
        }
    }
    Ok(())
}

/// [`ensure`] when `needed` (a product of more than 16³ multiply-adds may run), else nothing.
pub(crate) fn ensure_if(needed: bool, par: Par) -> Result<()> {
    if needed {
        ensure(par)
    } else {
        Ok(())
    }
}

/// Whether faer may multiply more than 16³ times in one product of m×k by k×n.
pub(crate) fn exceeds_small_product(m: usize, n: usize, k: usize) -> bool {
    m.saturating_mul(n).saturating_mul(k) > 16 * 16 * 16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sysfs_sizes_and_cpu_lists_parse_as_private_gemm_reads_them() {
        assert_eq!(size_bytes("32768K"), Some(32 << 20));
        assert_eq!(size_bytes("2M"), Some(2 << 20));
        assert_eq!(size_bytes("1G"), Some(1 << 30));
        assert_eq!(size_bytes("512"), Some(512));
        assert_eq!(size_bytes("12Q"), None);
        assert_eq!(cpu_count("0"), Some(1));
        assert_eq!(cpu_count("0-3,8"), Some(5));
        assert_eq!(cpu_count("0-1,4-5"), Some(4));
        assert_eq!(cpu_count("x"), Some(1));
        assert_eq!(cpu_count("3-1"), None);
    }

    #[test]
    fn a_pool_is_readied_by_its_first_ensure_on_every_worker() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let par = Par::Rayon(3.try_into().unwrap());
        pool.install(|| {
            assert!(!POOL_READY.get());
            ensure(par).unwrap();
            assert!(POOL_READY.get());
            let ready: Vec<bool> = rayon::broadcast(|_| READY.get());
            assert_eq!(ready, vec![packs_in_thread_buffer(); 3]);
            ensure(par).unwrap();
        });
        // Outside a pool nothing is remembered: the global pool is not ours to mark.
        ensure(par).unwrap();
        assert!(!POOL_READY.get());
    }
}
