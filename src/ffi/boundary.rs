//! The panic boundary and the thread-local last-error message.

use super::status::{otc_status, status_of, OTC_ERR_PANIC, OTC_OK};
use crate::{Error, Result};
use std::cell::{Cell, RefCell};
use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    /// The calling thread's last message, NUL-terminated; empty when there is none. The
    /// buffer keeps its capacity, so a thread that fails repeatedly allocates once.
    static LAST_ERROR: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// Whether the last message was dropped because its buffer could not grow (no
    /// destructor: readable until the thread ends).
    static MESSAGE_LOST: Cell<bool> = const { Cell::new(false) };
}

/// What `otc_last_error_message` returns when the thread's storage is being or has been
/// destroyed (calls from `atexit` handlers, C++ static destructors, thread-key destructors),
/// or when the message itself could not be allocated.
const NO_MESSAGE: &std::ffi::CStr = c"(no detail: the thread's message slot is unavailable during thread or process teardown, or out of memory; see otc_status_message)";

/// Forgets the thread's last message (a no-op once the thread's storage is gone).
fn clear_last_error() {
    let _ = LAST_ERROR.try_with(|e| e.borrow_mut().clear());
    let _ = MESSAGE_LOST.try_with(|l| l.set(false));
}

/// Records "`function`: `message`" as the thread's last message. The buffer is grown
/// fallibly: when it cannot grow, the message is dropped and `NO_MESSAGE` shows instead.
fn set_last_error(function: &str, message: &str) {
    let _ = LAST_ERROR.try_with(|e| {
        let mut buf = e.borrow_mut();
        buf.clear();
        let len = function
            .len()
            .saturating_add(message.len())
            .saturating_add(3);
        if buf.try_reserve_exact(len).is_err() {
            let _ = MESSAGE_LOST.try_with(|l| l.set(true));
            return;
        }
        for part in [function, ": ", message] {
            buf.extend(part.bytes().map(|c| if c == 0 { b' ' } else { c }));
        }
        buf.push(0);
    });
}

/// What an entry point reports on success: a status (OTC_OK or a warning) and, for a
/// warning, the detail that `otc_last_error_message` will return.
pub struct Report {
    /// `OTC_OK` or a warning code.
    pub status: otc_status,
    /// The warning's detail; empty for `OTC_OK`.
    pub detail: String,
}

impl Report {
    /// Plain success.
    pub fn ok() -> Self {
        Report {
            status: OTC_OK,
            detail: String::new(),
        }
    }
    /// A warning with its detail.
    pub fn warn(status: otc_status, detail: impl Into<String>) -> Self {
        Report {
            status,
            detail: detail.into(),
        }
    }
}

/// Runs the body of the exported function `function`: clears the thread's last error, maps
/// `Err` to its status and records the message, and turns a panic into `OTC_ERR_PANIC`.
/// Nothing unwinds past this point.
pub fn ffi_boundary(function: &'static str, body: impl FnOnce() -> Result<Report>) -> otc_status {
    clear_last_error();
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(report)) => {
            if report.status == OTC_OK {
                // A nested call (from a callback) may have failed and left its message.
                clear_last_error();
            } else {
                set_last_error(function, &report.detail);
            }
            report.status
        }
        Ok(Err(Error { kind, message })) => {
            set_last_error(function, &message);
            status_of(kind)
        }
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic payload".into());
            set_last_error(function, &format!("internal panic: {what}"));
            OTC_ERR_PANIC
        }
    }
}

/// The detail of the last failure (or warning) on the calling thread, as a NUL-terminated
/// string; "" when the last otcore call on this thread succeeded without warning.
///
/// Never NULL. The string belongs to otcore and stays valid until the next otcore call on the
/// same thread; copy it to keep it. During thread or process teardown (from `atexit`
/// handlers, C++ static destructors, thread-key destructors), when the thread's storage is
/// gone, a fixed text saying so is returned instead: use `otc_status_message` there.
#[no_mangle]
pub extern "C" fn otc_last_error_message() -> *const c_char {
    LAST_ERROR
        .try_with(|e| match e.try_borrow() {
            Ok(buf) if buf.is_empty() && !MESSAGE_LOST.get() => c"".as_ptr(),
            Ok(buf) if buf.is_empty() => NO_MESSAGE.as_ptr(),
            Ok(buf) => buf.as_ptr() as *const c_char,
            Err(_) => NO_MESSAGE.as_ptr(),
        })
        .unwrap_or(NO_MESSAGE.as_ptr())
}

/// The calling thread's last error message as a Rust string (for tests and bindings).
pub fn last_error_message() -> String {
    LAST_ERROR
        .try_with(|e| {
            let buf = e.borrow();
            String::from_utf8_lossy(buf.strip_suffix(&[0]).unwrap_or(&buf)).into_owned()
        })
        .unwrap_or_default()
}
