//! The panic boundary and the thread-local last-error message.

use super::status::{otc_status, status_of, OTC_ERR_PANIC, OTC_OK};
use crate::{Error, Result};
use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    static LAST_ERROR: RefCell<Option<CString>> = const { RefCell::new(None) };
}

fn set_last_error(function: &str, message: &str) {
    let text = format!("{function}: {message}").replace('\0', " ");
    let c = CString::new(text).unwrap_or_default();
    LAST_ERROR.with(|e| *e.borrow_mut() = Some(c));
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
    LAST_ERROR.with(|e| e.borrow_mut().take());
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(report)) => {
            if report.status != OTC_OK {
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
/// same thread; copy it to keep it.
#[no_mangle]
pub extern "C" fn otc_last_error_message() -> *const c_char {
    LAST_ERROR.with(|e| match &*e.borrow() {
        Some(c) => c.as_ptr(),
        None => c"".as_ptr(),
    })
}

/// The calling thread's last error message as a Rust string (for tests and bindings).
pub fn last_error_message() -> String {
    LAST_ERROR.with(|e| {
        e.borrow()
            .as_ref()
            .map(|c| c.to_string_lossy().into_owned())
            .unwrap_or_default()
    })
}
