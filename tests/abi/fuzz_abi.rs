//! A fuzz harness of the C ABI on stable Rust, with a fixed time budget
//! (`OTCORE_FUZZ_SECONDS`, default 3 s; `OTCORE_FUZZ_SEED` to replay a run): random calls of
//! `otc_emd_f64` and `otc_sinkhorn_f64` (dense and point clouds) and `otc_cost_matrix_f64`
//! (valid data mixed with faults), and of every computing entry point of the header on an
//! empty problem (zeros and NULLs) with hostile struct sizes, pointers, thread counts and
//! workspaces. The first three with random small sizes, special values (NaN, ±∞, 0,
//! negative, 1e308, subnormal), random option values (out of range, NaN, unknown
//! enumerations), wrong struct sizes, thread counts above the cap, and outputs aliasing
//! inputs. Every call must return a status other than
//! `OTC_ERR_PANIC`; an error must leave every output (arrays and the outputs struct) as it
//! was; a success must give finite results; an injected fault must never give `OTC_OK`.
//! Every other operation has its random valid problems in `fuzz_valid.rs`.
//! Memory stays valid throughout (the harness never lies about a length: that is the
//! caller's contract, not something a C library can check).

use crate::abi_support;
use abi_support::*;

use otcore::ffi::assignment::*;
use otcore::ffi::barycenter::*;
use otcore::ffi::cost::*;
use otcore::ffi::emd_grid::*;
use otcore::ffi::emd_partial::*;
use otcore::ffi::emd_points::*;
use otcore::ffi::exact::*;
use otcore::ffi::flow::*;
use otcore::ffi::gaussian::*;
use otcore::ffi::plan_ops::*;
use otcore::ffi::quantile::*;
use otcore::ffi::semidiscrete::*;
use otcore::ffi::shape::{otc_report, otc_workspace};
use otcore::ffi::sinkhorn::*;
use otcore::ffi::sinkhorn_blocks::*;
use otcore::ffi::sinkhorn_partial::*;
use otcore::ffi::status::*;
use otcore::ffi::view::otc_matrix_mut_f64;
use std::mem::size_of;
use std::time::{Duration, Instant};

/// xorshift64*: a small deterministic generator.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub(crate) fn below(&mut self, k: usize) -> usize {
        (self.next() % k as u64) as usize
    }
    pub(crate) fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Mostly a value in [0, 1), sometimes a special one.
    fn value(&mut self) -> f64 {
        if self.below(12) == 0 {
            self.pick(&[f64::NAN, f64::INFINITY, -1.0, 0.0, 1e308, 1e-310, -0.0])
        } else {
            self.unit()
        }
    }
    fn values(&mut self, len: usize) -> Vec<f64> {
        (0..len).map(|_| self.value()).collect()
    }
    /// `struct_size` as given, or (one time in ten) a wrong one; returns whether it is wrong.
    fn struct_size(&mut self, size: usize) -> (usize, bool) {
        if self.below(10) == 0 {
            (self.pick(&[0, size - 1, size + 8, usize::MAX]), true)
        } else {
            (size, false)
        }
    }
    fn threads(&mut self) -> (u32, bool) {
        let t = self.pick(&[0u32, 1, 1, 1, 2, 3, 257, u32::MAX]);
        (t, t > 256)
    }
}

/// The bytes of a plain struct, to compare it before and after a failed call.
fn bytes_of<T>(x: &T) -> Vec<u8> {
    // SAFETY: reading the initialised bytes of a plain #[repr(C)] value.
    unsafe { std::slice::from_raw_parts(x as *const T as *const u8, size_of::<T>()) }.to_vec()
}

/// What one fuzz case checks after its call.
fn check_call(
    op: &str,
    status: otc_status,
    injected: bool,
    outputs_kept: bool,
    results_finite: bool,
) {
    assert_ne!(status, OTC_ERR_PANIC, "{op}: panic status");
    if injected {
        assert!(status >= 100, "{op}: an injected fault returned {status}");
    }
    if status >= 100 {
        assert!(outputs_kept, "{op}: an error ({status}) wrote an output");
    } else {
        assert!(
            results_finite,
            "{op}: status {status} with non-finite results"
        );
    }
}

fn fuzz_emd(rng: &mut Rng) {
    let (n, m) = (rng.pick(&[1, 2, 3, 5, 8]), rng.pick(&[1, 2, 3, 5, 8]));
    let a = rng.values(n);
    let b = rng.values(m);
    let c = rng.values(n * m);
    let mut o = defaults(otc_emd_options_default);
    let (threads, bad_threads) = rng.threads();
    o.num_threads = threads;
    o.max_iter = rng.pick(&[0, 1, 10, 1_000_000]);
    o.mass_tolerance = rng.pick(&[1e-9, 0.0, -1.0, f64::NAN, 1.0, 1e300]);
    let (size, bad_size) = rng.struct_size(size_of::<otc_emd_problem_f64>());
    let p = otc_emd_problem_f64 {
        struct_size: size,
        a: a.as_ptr(),
        n,
        b: b.as_ptr(),
        m,
        cost: view(&c, n, m),
        warm_f: std::ptr::null(),
        warm_g: std::ptr::null(),
    };
    let (mut f, mut g) = (vec![-7.0; n], vec![-7.0; m]);
    let mut out = otc_emd_outputs_f64 {
        struct_size: size_of::<otc_emd_outputs_f64>(),
        report: otc_report::default(),
        cost: -7.0,
        gap: -7.0,
        nnz: 7,
        f: f.as_mut_ptr(),
        g: g.as_mut_ptr(),
        plan_rows: std::ptr::null_mut(),
        plan_cols: std::ptr::null_mut(),
        plan_mass: std::ptr::null_mut(),
        plan: otc_matrix_mut_f64 {
            data: std::ptr::null_mut(),
            rows: 0,
            cols: 0,
            row_stride: 0,
            col_stride: 0,
        },
    };
    // One time in eight, f is written over the cost (an output aliasing an input).
    let alias = rng.below(8) == 0;
    let mut c_alias = c.clone();
    if alias {
        out.f = c_alias.as_mut_ptr();
    }
    let p = otc_emd_problem_f64 {
        cost: if alias { view(&c_alias, n, m) } else { p.cost },
        ..p
    };
    let before = bytes_of(&out);
    // SAFETY: every pointer is valid for the length the structs state.
    let s = unsafe { otc_emd_f64(&p, &mut out, &o, NO_WORK) };
    let kept = bytes_of(&out) == before
        && f.iter().chain(&g).all(|&v| v == -7.0)
        && c_alias
            .iter()
            .zip(&c)
            .all(|(x, y)| x.to_bits() == y.to_bits());
    let finite = out.cost.is_finite() && f.iter().chain(&g).all(|v| v.is_finite());
    check_call(
        "otc_emd_f64",
        s,
        bad_size || bad_threads || alias,
        kept,
        finite,
    );
}

fn fuzz_sinkhorn(rng: &mut Rng) {
    let (n, m, d) = (
        rng.pick(&[1, 2, 3, 5, 8]),
        rng.pick(&[1, 2, 3, 5, 8]),
        rng.pick(&[1, 2, 3]),
    );
    let a = rng.values(n);
    let b = rng.values(m);
    let c = rng.values(n * m);
    let x = rng.values(n * d);
    let y = rng.values(m * d);
    let mut o = defaults(otc_sinkhorn_options_default);
    let (threads, bad_threads) = rng.threads();
    o.num_threads = threads;
    o.epsilon = rng.pick(&[0.1, 1.0, 1e-3, 0.0, -1.0, f64::NAN, 1e300]);
    o.tolerance = rng.pick(&[1e-6, 0.0, f64::NAN, -1.0]);
    o.max_iter = rng.pick(&[0, 1, 50, 200]);
    o.path = rng.pick(&[0, 1, 2, 3, 7, -1]);
    o.penalty = rng.pick(&[0, 1, 5]);
    o.rho_a = rng.pick(&[f64::INFINITY, 1.0, 0.0, -1.0, f64::NAN]);
    o.rho_b = o.rho_a;
    o.over_relaxation = rng.pick(&[1.0, 0.0, 1.5, 2.5, f64::NAN]);
    o.eps_scaling_steps = rng.pick(&[0, 3]);
    let points = rng.below(2) == 1;
    let (size, bad_size) = rng.struct_size(size_of::<otc_sinkhorn_problem_f64>());
    let p = otc_sinkhorn_problem_f64 {
        struct_size: size,
        a: a.as_ptr(),
        n,
        b: b.as_ptr(),
        m,
        cost: if points { no_view() } else { view(&c, n, m) },
        x: if points { view(&x, n, d) } else { no_view() },
        y: if points { view(&y, m, d) } else { no_view() },
        metric: 0,
        init_f: std::ptr::null(),
        init_g: std::ptr::null(),
    };
    let none = otc_matrix_mut_f64 {
        data: std::ptr::null_mut(),
        rows: 0,
        cols: 0,
        row_stride: 0,
        col_stride: 0,
    };
    let (mut f, mut g) = (vec![-7.0; n], vec![-7.0; m]);
    let mut out = otc_sinkhorn_outputs_f64 {
        struct_size: size_of::<otc_sinkhorn_outputs_f64>(),
        report: otc_report::default(),
        entropic_ot: -7.0,
        transport_cost: -7.0,
        mass: -7.0,
        f: f.as_mut_ptr(),
        g: g.as_mut_ptr(),
        plan: none,
        map: none,
        grad_x: none,
        grad_y: none,
        grad_a: std::ptr::null_mut(),
        grad_b: std::ptr::null_mut(),
    };
    // One time in eight, g is written over b (an output aliasing an input).
    let alias = rng.below(8) == 0;
    let mut b_alias = b.clone();
    let p = if alias {
        out.g = b_alias.as_mut_ptr();
        otc_sinkhorn_problem_f64 {
            b: b_alias.as_ptr(),
            ..p
        }
    } else {
        p
    };
    let before = bytes_of(&out);
    // SAFETY: every pointer is valid for the length the structs state.
    let s = unsafe { otc_sinkhorn_f64(&p, &mut out, &o, NO_WORK) };
    let kept = bytes_of(&out) == before
        && f.iter().chain(&g).all(|&v| v == -7.0)
        && b_alias
            .iter()
            .zip(&b)
            .all(|(u, v)| u.to_bits() == v.to_bits());
    let finite = [out.entropic_ot, out.transport_cost, out.mass]
        .iter()
        .chain(&f)
        .chain(&g)
        .all(|v| v.is_finite());
    check_call(
        "otc_sinkhorn_f64",
        s,
        bad_size || bad_threads || alias,
        kept,
        finite,
    );
}

fn fuzz_cost_matrix(rng: &mut Rng) {
    let (n, m, d) = (
        rng.pick(&[1, 2, 3, 5, 8]),
        rng.pick(&[1, 2, 3, 5, 8]),
        rng.pick(&[1, 2, 3, 40]),
    );
    let x = rng.values(n * d);
    let y = rng.values(m * d);
    let mut o = defaults(otc_cost_matrix_options_default);
    let (threads, bad_threads) = rng.threads();
    o.num_threads = threads;
    o.metric = rng.pick(&[0, 1, 2, 3, 4, -1]);
    o.p = rng.pick(&[1.0, 2.0, 3.5, 0.5, 0.0, f64::NAN, f64::INFINITY]);
    let (size, bad_size) = rng.struct_size(size_of::<otc_cost_matrix_problem_f64>());
    let p = otc_cost_matrix_problem_f64 {
        struct_size: size,
        x: view(&x, n, d),
        y: view(&y, m, d),
    };
    let mut c = vec![-7.0; n * m];
    let mut out = otc_cost_matrix_outputs_f64 {
        struct_size: size_of::<otc_cost_matrix_outputs_f64>(),
        report: otc_report::default(),
        cost: view_mut(&mut c, n, m),
    };
    let before = bytes_of(&out);
    // SAFETY: every pointer is valid for the length the structs state.
    let s = unsafe { otc_cost_matrix_f64(&p, &mut out, &o, NO_WORK) };
    let kept = bytes_of(&out) == before && c.iter().all(|&v| v == -7.0);
    let finite = c.iter().all(|v| v.is_finite());
    check_call(
        "otc_cost_matrix_f64",
        s,
        bad_size || bad_threads,
        kept,
        finite,
    );
}

/// An entry point of the ABI 1 shape, its struct types erased (raw pointers to any types are
/// ABI-compatible, so each function is called through these signatures) and their sizes kept.
struct Entry {
    name: &'static str,
    sizes: [usize; 3],
    options_default: unsafe extern "C" fn(*mut u8) -> otc_status,
    workspace_size: unsafe extern "C" fn(*const u8, *const u8, *mut usize) -> otc_status,
    call: unsafe extern "C" fn(*const u8, *mut u8, *const u8, otc_workspace) -> otc_status,
}

/// The [`Entry`] of `$call`, with its options, problem and outputs types, options default and
/// workspace query.
macro_rules! entry {
    ($call:ident, $o:ident, $p:ident, $r:ident, $default:ident, $query:ident) => {
        // SAFETY: the same functions with their pointer parameters as byte pointers.
        unsafe {
            Entry {
                name: stringify!($call),
                sizes: [size_of::<$p>(), size_of::<$r>(), size_of::<$o>()],
                options_default: std::mem::transmute::<
                    unsafe extern "C" fn(*mut $o) -> otc_status,
                    unsafe extern "C" fn(*mut u8) -> otc_status,
                >($default),
                workspace_size: std::mem::transmute::<
                    unsafe extern "C" fn(*const $p, *const $o, *mut usize) -> otc_status,
                    unsafe extern "C" fn(*const u8, *const u8, *mut usize) -> otc_status,
                >($query),
                call: std::mem::transmute::<
                    unsafe extern "C" fn(
                        *const $p,
                        *mut $r,
                        *const $o,
                        otc_workspace,
                    ) -> otc_status,
                    unsafe extern "C" fn(
                        *const u8,
                        *mut u8,
                        *const u8,
                        otc_workspace,
                    ) -> otc_status,
                >($call),
            }
        }
    };
}

// `entries()`: every computing entry point, generated from the header by abi-gen.
include!("fuzz_entries.rs");

/// A buffer of `len` bytes filled with `byte`, 8-aligned.
fn filled(len: usize, byte: u8) -> Vec<u64> {
    vec![u64::from_ne_bytes([byte; 8]); len.div_ceil(8)]
}

/// Any entry point, hostile arguments: a problem of zeros and NULLs (every size 0, every
/// pointer NULL), outputs of 0xA5 bytes, options at their defaults, each struct with its size
/// or (sometimes) a wrong one, each pointer (sometimes) NULL, any thread count, no, a tiny or
/// a misaligned workspace. The call must refuse (an error, a message, the outputs bytes as
/// they were) without a panic; so must the workspace query, or answer.
fn fuzz_any_entry(rng: &mut Rng, all: &[Entry]) {
    let e = &all[rng.below(all.len())];
    let [problem_size, outputs_size, options_size] = e.sizes;
    let mut problem = filled(problem_size, 0);
    let mut out = filled(outputs_size, 0xa5);
    let mut opts = filled(options_size, 0);
    // SAFETY: `opts` has room for the options struct.
    assert_eq!(
        unsafe { (e.options_default)(opts.as_mut_ptr().cast()) },
        OTC_OK
    );
    for (buf, size) in [
        (&mut problem, problem_size),
        (&mut out, outputs_size),
        (&mut opts, options_size),
    ] {
        buf[0] = rng.struct_size(size).0 as u64;
    }
    // num_threads follows struct_size in every options struct.
    let (threads, _) = rng.threads();
    // SAFETY: the options struct has a u32 after its usize struct_size.
    unsafe {
        *(opts
            .as_mut_ptr()
            .cast::<u8>()
            .add(size_of::<usize>())
            .cast::<u32>()) = threads
    };
    let before = out.clone();
    let mut work = filled(4096, 0x5a);
    let (wp, wb) = match rng.below(4) {
        0 => (std::ptr::null_mut(), 0),
        1 => (work.as_mut_ptr().cast::<u8>(), 7),
        2 => (work.as_mut_ptr().cast::<u8>().wrapping_add(1), 4095),
        _ => (work.as_mut_ptr().cast::<u8>(), 4096),
    };
    let pick = |rng: &mut Rng, p: *mut u64| {
        if rng.below(8) == 0 {
            std::ptr::null_mut()
        } else {
            p
        }
    };
    let (pp, rp, op) = (
        pick(rng, problem.as_mut_ptr()),
        pick(rng, out.as_mut_ptr()),
        pick(rng, opts.as_mut_ptr()),
    );
    let w = otc_workspace {
        data: wp.cast(),
        bytes: wb,
    };
    // SAFETY: every pointer is NULL or a buffer of its struct's size; the problem's pointers
    // are NULL and its sizes 0.
    let s = unsafe { (e.call)(pp.cast(), rp.cast(), op.cast(), w) };
    let message = otcore::ffi::boundary::last_error_message();
    assert_ne!(s, OTC_ERR_PANIC, "{}: {message}", e.name);
    assert!(s >= 100, "{}: status {s} for an empty problem", e.name);
    assert!(
        !message.is_empty(),
        "{}: error {s} without a message",
        e.name
    );
    assert!(out == before, "{}: error {s} wrote its outputs", e.name);
    let mut bytes = usize::MAX;
    // SAFETY: as above; `bytes` is writable.
    let q = unsafe { (e.workspace_size)(pp.cast(), op.cast(), &mut bytes) };
    assert_ne!(q, OTC_ERR_PANIC, "{} workspace query", e.name);
    if q >= 100 {
        assert_eq!(
            bytes,
            usize::MAX,
            "{}: a refused query wrote its answer",
            e.name
        );
        assert!(!otcore::ffi::boundary::last_error_message().is_empty());
    }
}

/// Longest a single fuzz call may run before the process is stopped as hung.
const HUNG: Duration = Duration::from_secs(120);

/// Starts a thread that ends the process with a message (naming `seed`, to replay the run)
/// when one call has run for longer than [`HUNG`]: a hang is a failure, not a stuck CI job.
/// The returned cell takes the start of each call (milliseconds since `origin`, + 1; 0 when
/// no call runs).
fn watchdog(seed: u64, origin: Instant) -> &'static std::sync::atomic::AtomicU64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    let started: &'static AtomicU64 = Box::leak(Box::new(AtomicU64::new(0)));
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(1));
        let at = started.load(Ordering::Relaxed);
        let now = origin.elapsed().as_millis() as u64 + 1;
        if at > 0 && now.saturating_sub(at) > HUNG.as_millis() as u64 {
            eprintln!("a fuzz call has run for over {HUNG:?}: replay with OTCORE_FUZZ_SEED={seed}");
            std::process::exit(101);
        }
    });
    started
}

#[test]
fn random_calls_keep_the_contract() {
    let seconds: u64 = std::env::var("OTCORE_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let seed: u64 = std::env::var("OTCORE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0ec0_2e1f_u64);
    // Shown with a failure's output: the run to replay.
    println!("OTCORE_FUZZ_SEED={seed} OTCORE_FUZZ_SECONDS={seconds}");
    let mut rng = Rng(seed | 1);
    let start = Instant::now();
    let all = entries();
    let mut calls = [0usize; 5];
    let started = watchdog(seed, start);
    while start.elapsed() < Duration::from_secs(seconds) {
        let op = rng.below(5);
        started.store(
            start.elapsed().as_millis() as u64 + 1,
            std::sync::atomic::Ordering::Relaxed,
        );
        match op {
            0 => fuzz_emd(&mut rng),
            1 => fuzz_sinkhorn(&mut rng),
            2 => fuzz_cost_matrix(&mut rng),
            3 => crate::fuzz_valid::fuzz_valid(&mut rng),
            _ => fuzz_any_entry(&mut rng, &all),
        }
        calls[op] += 1;
    }
    started.store(0, std::sync::atomic::Ordering::Relaxed);
    assert!(
        calls.iter().all(|&k| k >= 10),
        "too few calls in the budget: {calls:?}"
    );
}
