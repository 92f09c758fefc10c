//! The ABI 1 shape: the pieces shared by every entry point of the form
//!
//! ```c
//! otc_status otc_<op>_options_default(otc_<op>_options *opts);
//! otc_status otc_<op>_workspace_size_<T>(const otc_<op>_problem_<T> *problem,
//!                                       const otc_<op>_options *opts, size_t *bytes);
//! otc_status otc_<op>_<T>(const otc_<op>_problem_<T> *problem, otc_<op>_outputs_<T> *out,
//!                         const otc_<op>_options *opts, otc_workspace work);
//! ```
//!
//! * Problem, outputs and options structs start with `size_t struct_size` ([`AbiStruct`]).
//!   A caller built against an older header of the same major version passes a smaller
//!   `struct_size`: the fields it does not know take their defaults (options) or zero / NULL
//!   (problem and outputs), so structs only ever grow at their end. A larger `struct_size`
//!   than this library knows is `OTC_ERR_ABI_MISMATCH`.
//! * The outputs struct starts with `struct_size` then an [`otc_report`], then the scalar
//!   results, then the optional outputs. One rule for optional outputs: an output is not
//!   wanted when its data pointer is NULL (a `T *` field, or a view's `data`). The outputs
//!   struct itself is an output: it must not overlap any input or other output, and it is
//!   written (up to its `struct_size`) only when the call succeeds.
//! * The workspace ([`otc_workspace`]) is passed by value; `{NULL, 0}` lets the library
//!   allocate, fallibly. Its size query depends on the problem and options only.

use super::args::{self, Region};
use super::boundary::Report;
use super::status::otc_status;
use crate::progress::Flow;
use crate::{bail, MemStack, Par, Result, StackReq};
use std::ffi::c_void;
use std::mem::size_of;
use std::time::Instant;

/// Caller-provided scratch memory of a call, any alignment. `{NULL, 0}`: the library
/// allocates what the call needs (and reports `OTC_ERR_OUT_OF_MEMORY` if it cannot).
/// Its size comes from the operation's `*_workspace_size_*` query; it must not overlap any
/// argument, and its contents are undefined after the call.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_workspace {
    /// First byte of the workspace, or NULL.
    pub data: *mut c_void,
    /// Size of the workspace in bytes (0 when `data` is NULL).
    pub bytes: usize,
}

/// What every ABI 1 call reports, the first field after `struct_size` of every outputs struct.
/// Written with the other outputs, when the call returns `OTC_OK` or a warning.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct otc_report {
    /// The status the call returned (`OTC_OK` or a warning).
    pub status: otc_status,
    /// Which method ran, where an operation has several (its `OTC_<OP>_PATH_*` values; 0
    /// where it has one).
    pub path: i32,
    /// Iterations (or pivots, or rounds: as the operation documents) performed.
    pub iterations: u64,
    /// The operation's final error measure, as it documents (marginal error, duality gap,
    /// most negative reduced cost, ...); 0 where it computes none.
    pub error: f64,
    /// Wall-clock time of the call in seconds, checks included.
    pub seconds: f64,
}

/// A struct of the ABI 1 shape: `#[repr(C)]` plain data whose first field is
/// `struct_size: usize`.
///
/// # Safety
/// Implementors must be `#[repr(C)]`, start with a `usize` `struct_size` field, and every
/// bit pattern of their bytes must be a valid value (raw pointers, integers, floats, views,
/// `Option` of function pointers; no `bool`, no references, no Rust enums).
pub unsafe trait AbiStruct: Copy {
    /// The C type name, for messages.
    const NAME: &'static str;
    /// The smallest `struct_size` accepted: the size of the struct when it entered the ABI.
    /// It never changes once released, while fields are appended after it.
    const MIN_SIZE: usize;
    /// The value of the fields a caller's shorter struct lacks: the defaults for options,
    /// zero and NULL for problems and outputs.
    fn base() -> Self;
}

/// An outputs struct: [`AbiStruct`] with an [`otc_report`] after `struct_size`.
pub trait AbiOutputs: AbiStruct {
    /// The report field.
    fn report_mut(&mut self) -> &mut otc_report;
}

/// Implements [`AbiStruct`] for problem and outputs structs, whose missing fields are zero
/// and NULL; `outputs` also implements [`AbiOutputs`]. `MIN_SIZE` is the full size, or,
/// for a struct that grew, the offset of the first appended field (`since <field>`).
#[macro_export]
macro_rules! abi_struct {
    (problem $t:ident) => {
        $crate::abi_struct!(@impl $t, std::mem::size_of::<$t>());
    };
    (problem $t:ident since $first_new:ident) => {
        $crate::abi_struct!(@impl $t, std::mem::offset_of!($t, $first_new));
    };
    (@impl $t:ident, $min:expr) => {
        // SAFETY: the struct is #[repr(C)], starts with `struct_size: usize`, and holds only
        // raw pointers, integers, floats and views (every bit pattern valid).
        unsafe impl $crate::ffi::shape::AbiStruct for $t {
            const NAME: &'static str = stringify!($t);
            const MIN_SIZE: usize = $min;
            fn base() -> Self {
                // SAFETY: every bit pattern (zero included) is a valid value of the struct.
                unsafe { std::mem::zeroed() }
            }
        }
    };
    (outputs $t:ident $(since $first_new:ident)?) => {
        $crate::abi_struct!(problem $t $(since $first_new)?);
        impl $crate::ffi::shape::AbiOutputs for $t {
            fn report_mut(&mut self) -> &mut $crate::ffi::shape::otc_report {
                &mut self.report
            }
        }
    };
}

/// Reads the `struct_size` of the struct at `ptr` and checks it against `S`'s sizes.
///
/// # Safety
/// `ptr` must be NULL or point to at least a readable `usize`.
unsafe fn struct_size<S: AbiStruct>(what: &str, ptr: *const S) -> Result<usize> {
    args::check_ptr(what, ptr)?;
    // SAFETY: non-null and aligned (checked above); every ABI 1 struct starts with a usize.
    let size = unsafe { *(ptr as *const usize) };
    if size < S::MIN_SIZE || size > size_of::<S>() {
        bail!(
            AbiMismatch,
            "{what}->struct_size is {size}: this library accepts {} to {} bytes for {} (set it to sizeof({}) of the header you compile against)",
            S::MIN_SIZE,
            size_of::<S>(),
            S::NAME,
            S::NAME
        );
    }
    Ok(size)
}

/// A copy of the caller's struct at `ptr`, its missing tail taken from [`AbiStruct::base`],
/// and the byte region the caller's struct covers.
///
/// # Safety
/// `ptr` must be NULL or point to a readable struct of at least its `struct_size` bytes.
unsafe fn read_struct<S: AbiStruct>(what: &str, ptr: *const S) -> Result<(S, usize, Region)> {
    // SAFETY: forwarded contract.
    let size = unsafe { struct_size(what, ptr) }?;
    let region = args::contiguous_region(what, ptr as *const u8, size)?;
    let mut value = S::base();
    // SAFETY: the caller's struct has `size ≤ size_of::<S>()` readable bytes; `value` is a
    // distinct local; every bit pattern is a valid `S` (the trait's contract).
    unsafe {
        std::ptr::copy_nonoverlapping(ptr as *const u8, &mut value as *mut S as *mut u8, size)
    };
    Ok((value, size, region))
}

/// The problem struct at `problem` (required) and its byte region (an input).
///
/// # Safety
/// `problem` must be NULL or point to a readable struct of at least its `struct_size` bytes.
pub unsafe fn problem<P: AbiStruct>(problem: *const P) -> Result<(P, Region)> {
    // SAFETY: forwarded contract.
    let (p, _, region) = unsafe { read_struct("problem", problem) }?;
    Ok((p, region))
}

/// The options struct at `opts`: the defaults when NULL, a caller's older (shorter) struct
/// completed with the defaults.
///
/// # Safety
/// `opts` must be NULL or point to a readable struct of at least its `struct_size` bytes.
pub unsafe fn options<O: AbiStruct>(opts: *const O) -> Result<O> {
    if opts.is_null() {
        return Ok(O::base());
    }
    // SAFETY: forwarded contract.
    Ok(unsafe { read_struct("opts", opts) }?.0)
}

/// Writes the defaults of an options struct through `opts` (the body of every
/// `otc_<op>_options_default`).
///
/// # Safety
/// `opts` must be valid for writes of one `O`.
pub unsafe fn write_defaults<O: AbiStruct>(opts: *mut O) -> Result<()> {
    // SAFETY: forwarded contract.
    *unsafe { args::out("opts", opts) }?.0 = O::base();
    Ok(())
}

/// The body of every `otc_<op>_workspace_size_<T>`: reads the problem and options structs
/// and writes the bytes of `req(problem, options)` through `bytes`.
///
/// # Safety
/// `problem` and `opts` are NULL or valid structs (of at least their `struct_size` bytes);
/// `bytes` is NULL or valid for writes.
pub unsafe fn workspace_query<P: AbiStruct, O: AbiStruct>(
    problem: *const P,
    opts: *const O,
    bytes: *mut usize,
    req: impl FnOnce(&P, &O) -> Result<StackReq>,
) -> Result<Report> {
    // SAFETY (whole block): forwarded contract, checked by the helpers.
    unsafe {
        let (p, _) = self::problem(problem)?;
        let o = self::options(opts)?;
        args::write_workspace_size(req(&p, &o)?, bytes)?;
    }
    Ok(Report::ok())
}

/// The caller's outputs struct: read on entry (for its pointers), written back on success.
pub struct Outputs<O: AbiOutputs> {
    /// The caller's values, completed to this library's struct; the call fills its results.
    pub value: O,
    ptr: *mut O,
    size: usize,
    region: Region,
    start: Instant,
}

impl<O: AbiOutputs> Outputs<O> {
    /// The bytes the caller's outputs struct covers: an output region for the overlap check.
    pub fn region(&self) -> Region {
        self.region
    }

    /// Writes `value` back to the caller's struct (its first `struct_size` bytes), with the
    /// report's status and time filled in. Call it last, once the call has succeeded.
    pub fn commit(mut self, status: otc_status) {
        let report = self.value.report_mut();
        report.status = status;
        report.seconds = self.start.elapsed().as_secs_f64();
        // SAFETY: `ptr` was checked non-null and aligned with `size` bytes valid for writes
        // (the caller's contract), and checked disjoint from every input and output.
        unsafe {
            std::ptr::copy_nonoverlapping(
                &self.value as *const O as *const u8,
                self.ptr as *mut u8,
                self.size,
            )
        };
    }
}

/// The outputs struct at `out` (required), read for its pointers; the clock of the report
/// starts here.
///
/// # Safety
/// `out` must be NULL or point to a struct of at least its `struct_size` bytes, valid for
/// reads and writes during the call.
pub unsafe fn outputs<O: AbiOutputs>(out: *mut O) -> Result<Outputs<O>> {
    let start = Instant::now();
    // SAFETY: forwarded contract.
    let (value, size, region) = unsafe { read_struct("out", out as *const O) }?;
    Ok(Outputs {
        value,
        ptr: out,
        size,
        region,
        start,
    })
}

/// A progress callback of an iterative solver: called with `data`, the iterations done and
/// the solver's error measure (as its outputs' `report.error` documents); returns 0 to go on,
/// any other value to stop the solve (`OTC_WARN_CANCELLED`, valid outputs). It runs on the
/// thread that called the solver, whatever `num_threads`, and may call otcore itself.
pub type otc_callback =
    Option<unsafe extern "C" fn(data: *mut c_void, iteration: u64, error: f64) -> i32>;

/// The callback triple of an options struct (`callback_every`, `callback`, `callback_data`).
#[derive(Clone, Copy, Debug)]
pub struct Callback {
    every: u64,
    function: otc_callback,
    data: *mut c_void,
}

impl Callback {
    /// No callback (the operations that do not iterate).
    pub const NONE: Callback = Callback {
        every: 0,
        function: None,
        data: std::ptr::null_mut(),
    };

    /// `function(data, iteration, error)` at the solver's checks, at most once per `every`
    /// iterations; never when `every` is 0 or `function` NULL.
    pub fn new(every: u64, function: otc_callback, data: *mut c_void) -> Callback {
        Callback {
            every,
            function,
            data,
        }
    }
}

/// Runs `f` with `num_threads` threads (0 = default, 1 = calling thread, k = k workers) on
/// the caller's workspace `work`, or on one allocated for `req` when `work.data` is NULL,
/// with `callback` observing the solve's [`progress`](crate::progress) checks on the calling
/// thread. Returns `f`'s result and whether the callback stopped the solve.
///
/// # Safety
/// `work.data` is NULL or valid for reads and writes of `work.bytes` bytes during the call,
/// and overlaps no other argument; `callback`'s function, if any, is safe to call with its
/// data.
pub unsafe fn run<R: Send>(
    num_threads: u32,
    work: otc_workspace,
    req: StackReq,
    callback: Callback,
    f: impl FnOnce(Par, &mut MemStack) -> Result<R> + Send,
) -> Result<(R, bool)> {
    let threads = args::threads(num_threads);
    let Some(function) = callback.function.filter(|_| callback.every > 0) else {
        // SAFETY: forwarded contract.
        let r = unsafe { args::run_threaded(num_threads, work.data, work.bytes, req, f) }?;
        return Ok((r, false));
    };
    let mut next = callback.every;
    let mut stopped = false;
    let mut observer = |iteration: u64, error: f64| {
        if iteration < next {
            return Flow::Continue;
        }
        next = iteration.saturating_add(callback.every);
        // SAFETY: the caller's function and data (the function's contract).
        if unsafe { function(callback.data, iteration, error) } != 0 {
            stopped = true;
            Flow::Stop
        } else {
            Flow::Continue
        }
    };
    // SAFETY: forwarded contract.
    let r = unsafe {
        args::with_workspace(work.data, work.bytes, req, |stack| {
            crate::par::with_threads_observed(threads, &mut observer, |par| f(par, stack))?
        })
    }?;
    Ok((r, stopped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    /// A problem struct as released (`a`, `n`), and as grown by one field (`scale`).
    #[repr(C)]
    #[derive(Clone, Copy, Debug)]
    struct otc_demo_problem {
        struct_size: usize,
        a: *const f64,
        n: usize,
        scale: f64,
    }
    // SAFETY: #[repr(C)], struct_size first, raw pointer, integers and floats only.
    unsafe impl AbiStruct for otc_demo_problem {
        const NAME: &'static str = "otc_demo_problem";
        const MIN_SIZE: usize = 3 * size_of::<usize>();
        fn base() -> Self {
            otc_demo_problem {
                struct_size: size_of::<Self>(),
                a: std::ptr::null(),
                n: 0,
                scale: 1.0,
            }
        }
    }

    #[repr(C)]
    #[derive(Clone, Copy, Debug)]
    struct otc_demo_outputs {
        struct_size: usize,
        report: otc_report,
        total: f64,
    }
    crate::abi_struct!(outputs otc_demo_outputs);

    #[test]
    fn older_structs_are_completed_and_newer_or_broken_ones_refused() {
        let xs = [1.0, 2.0];
        let mut p = otc_demo_problem {
            struct_size: size_of::<otc_demo_problem>(),
            a: xs.as_ptr(),
            n: 2,
            scale: 3.0,
        };
        // SAFETY: `p` is a valid struct of its struct_size.
        let (read, _) = unsafe { problem(&p) }.unwrap();
        assert_eq!((read.n, read.scale), (2, 3.0));
        p.struct_size = otc_demo_problem::MIN_SIZE;
        // SAFETY: as above (a shorter struct_size reads fewer bytes).
        let (read, _) = unsafe { problem(&p) }.unwrap();
        assert_eq!(
            (read.n, read.scale),
            (2, 1.0),
            "an older caller's struct ends before `scale`: the default fills it"
        );
        for size in [
            0,
            otc_demo_problem::MIN_SIZE - 1,
            size_of::<otc_demo_problem>() + 8,
        ] {
            p.struct_size = size;
            // SAFETY: as above; nothing past the struct is read for a refused size.
            let e = unsafe { problem(&p) }.unwrap_err();
            assert_eq!(e.kind, ErrorKind::AbiMismatch);
            assert!(
                e.message.contains(&format!("struct_size is {size}")),
                "{}",
                e.message
            );
        }
        // SAFETY: NULL is refused before any read.
        let e = unsafe { problem::<otc_demo_problem>(std::ptr::null()) }.unwrap_err();
        assert_eq!(e.kind, ErrorKind::NullPointer);
        // SAFETY: NULL options are the defaults.
        let d = unsafe { options::<otc_demo_problem>(std::ptr::null()) }.unwrap();
        assert_eq!(d.scale, 1.0);
    }

    #[test]
    fn outputs_are_written_back_up_to_the_callers_struct_size_only() {
        // An outputs struct followed by a sentinel the library must not touch.
        #[repr(C)]
        struct Guarded {
            out: otc_demo_outputs,
            sentinel: f64,
        }
        let mut g = Guarded {
            out: otc_demo_outputs {
                struct_size: size_of::<otc_demo_outputs>(),
                report: otc_report::default(),
                total: -1.0,
            },
            sentinel: 7.0,
        };
        // SAFETY: `g.out` is a valid outputs struct of its struct_size.
        let mut o = unsafe { outputs(&mut g.out) }.unwrap();
        o.value.total = 3.0;
        o.value.report_mut().iterations = 5;
        o.commit(1);
        assert_eq!(
            (g.out.total, g.out.report.iterations, g.out.report.status),
            (3.0, 5, 1)
        );
        assert!(g.out.report.seconds >= 0.0 && g.out.report.seconds < 10.0);
        assert_eq!(g.sentinel, 7.0);
    }

    /// A C callback recording (iteration, on the calling thread) and stopping at `stop_at`.
    struct Seen {
        caller: std::thread::ThreadId,
        calls: Vec<(u64, bool)>,
        stop_at: u64,
    }

    unsafe extern "C" fn record(data: *mut c_void, iteration: u64, _error: f64) -> i32 {
        // SAFETY: `data` is the `Seen` the test passes, alive for the call.
        let seen = unsafe { &mut *(data as *mut Seen) };
        seen.calls
            .push((iteration, std::thread::current().id() == seen.caller));
        i32::from(iteration >= seen.stop_at)
    }

    #[test]
    fn callbacks_run_every_k_iterations_on_the_calling_thread_and_stop_the_solve() {
        for threads in [1, 2] {
            let mut seen = Seen {
                caller: std::thread::current().id(),
                calls: Vec::new(),
                stop_at: 7,
            };
            let cb = Callback::new(3, Some(record), &mut seen as *mut Seen as *mut c_void);
            let work = otc_workspace {
                data: std::ptr::null_mut(),
                bytes: 0,
            };
            // A solver checking at every iteration, for 20 iterations unless stopped.
            // SAFETY: no caller workspace; `record` is safe with `seen`.
            let (last, stopped) = unsafe {
                run(threads, work, StackReq::EMPTY, cb, |_, _| {
                    for it in 1..=20u64 {
                        if crate::progress::check(it, 0.0) == Flow::Stop {
                            return Ok(it);
                        }
                    }
                    Ok(20)
                })
            }
            .unwrap();
            assert_eq!((last, stopped), (9, true), "threads = {threads}");
            assert_eq!(seen.calls, vec![(3, true), (6, true), (9, true)]);
        }
    }
}
