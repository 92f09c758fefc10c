//! The panic boundary and the thread-local last-error message.

use super::status::{otc_status, status_of, OTC_ERR_PANIC, OTC_OK};
use crate::{Error, Result};
use std::cell::RefCell;
use std::ffi::c_char;
use std::fmt::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Capacity of a [`Message`] in bytes, its terminating NUL included.
const MESSAGE_BYTES: usize = 512;

/// A NUL-terminated message held inline: at most `MESSAGE_BYTES − 1` bytes, a longer text
/// cut at a character boundary and ended with "...". Writing one never allocates.
#[derive(Clone, Copy)]
pub struct Message {
    bytes: [u8; MESSAGE_BYTES],
    len: usize,
    full: bool,
}

impl Message {
    /// The empty message.
    pub const EMPTY: Message = Message {
        bytes: [0; MESSAGE_BYTES],
        len: 0,
        full: false,
    };

    /// The text (without its NUL).
    pub fn as_str(&self) -> &str {
        // Only whole characters of `str`s are ever copied in (see `write_str`); a NUL
        // became a space, which is still valid UTF-8.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }

    /// The text `value` displays as, cut to the capacity.
    pub fn of(value: impl fmt::Display) -> Message {
        let mut m = Message::EMPTY;
        let _ = write!(m, "{value}");
        m
    }
}

impl Message {
    /// Appends the bytes of `s` (NULs as spaces).
    fn append(&mut self, s: &str) {
        for (dst, &c) in self.bytes[self.len..].iter_mut().zip(s.as_bytes()) {
            *dst = if c == 0 { b' ' } else { c };
        }
        self.len += s.len();
    }
}

impl Write for Message {
    /// Appends `s`; when it does not fit, what fits (cut at a character boundary) and "...",
    /// after which the message is full and ignores further text.
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.full {
            return Ok(());
        }
        let room = MESSAGE_BYTES - 1 - self.len;
        if s.len() <= room {
            self.append(s);
        } else {
            let mut take = room.saturating_sub(3);
            while !s.is_char_boundary(take) {
                take -= 1;
            }
            self.append(&s[..take]);
            if room >= 3 {
                self.append("...");
            }
            self.full = true;
        }
        self.bytes[self.len] = 0;
        Ok(())
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

thread_local! {
    /// The calling thread's last message; empty when there is none. Inline and without a
    /// destructor: writing it never allocates, and it stays usable during thread teardown.
    static LAST_ERROR: RefCell<Message> = const { RefCell::new(Message::EMPTY) };
}

/// What `otc_last_error_message` returns when the thread's message slot is unavailable
/// (calls from `atexit` handlers, C++ static destructors, thread-key destructors, on
/// platforms where the slot is gone by then).
const NO_MESSAGE: &std::ffi::CStr = c"(no detail: the thread's message slot is unavailable during thread or process teardown; see otc_status_message)";

/// Forgets the thread's last message (a no-op once the thread's storage is gone).
fn clear_last_error() {
    let _ = LAST_ERROR.try_with(|e| *e.borrow_mut() = Message::EMPTY);
}

/// Records "`function`: `message`" as the thread's last message (cut to the capacity).
fn set_last_error(function: &str, message: impl fmt::Display) {
    let _ = LAST_ERROR
        .try_with(|e| *e.borrow_mut() = Message::of(format_args!("{function}: {message}")));
}

/// What an entry point reports on success: a status (OTC_OK or a warning) and, for a
/// warning, the detail that `otc_last_error_message` will return.
pub struct Report {
    /// `OTC_OK` or a warning code.
    pub status: otc_status,
    /// The warning's detail; empty for `OTC_OK`.
    pub detail: Message,
}

impl Report {
    /// Plain success.
    pub fn ok() -> Self {
        Report {
            status: OTC_OK,
            detail: Message::EMPTY,
        }
    }
    /// A warning with its detail (pass `format_args!`: nothing is allocated).
    pub fn warn(status: otc_status, detail: impl fmt::Display) -> Self {
        Report {
            status,
            detail: Message::of(detail),
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
                set_last_error(function, report.detail.as_str());
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
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("unknown panic payload");
            set_last_error(function, format_args!("internal panic: {what}"));
            OTC_ERR_PANIC
        }
    }
}

/// The detail of the last failure (or warning) on the calling thread, as a NUL-terminated
/// string; "" when the last otcore call on this thread succeeded without warning.
///
/// Never NULL. The string belongs to otcore and stays valid until the next otcore call on the
/// same thread; copy it to keep it. It holds at most 511 bytes: a longer detail is cut (at a
/// character boundary) and ends with "...". Recording it never allocates. During thread or process teardown (from `atexit`
/// handlers, C++ static destructors, thread-key destructors), when the thread's storage is
/// gone, a fixed text saying so is returned instead: use `otc_status_message` there.
#[no_mangle]
pub extern "C" fn otc_last_error_message() -> *const c_char {
    LAST_ERROR
        .try_with(|e| match e.try_borrow() {
            Ok(m) if m.len == 0 => c"".as_ptr(),
            // The slot outlives the borrow: it is never moved, and only the next otcore call
            // on this thread rewrites it (as the contract says).
            Ok(m) => m.bytes.as_ptr() as *const c_char,
            Err(_) => NO_MESSAGE.as_ptr(),
        })
        .unwrap_or(NO_MESSAGE.as_ptr())
}

/// The calling thread's last error message as a Rust string (for tests and bindings).
pub fn last_error_message() -> String {
    LAST_ERROR
        .try_with(|e| e.borrow().as_str().to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_cut_at_a_character_boundary_with_a_mark() {
        let short = Message::of(format_args!("a{}b", '\0'));
        assert_eq!((short.as_str(), short.bytes[3]), ("a b", 0));
        // 300 two-byte characters (600 bytes) do not fit in 511.
        let long = Message::of(format_args!("{}{}", "é".repeat(300), "tail"));
        let text = long.as_str();
        assert!(text.ends_with("...") && !text.contains("tail"), "{text}");
        assert!(text.len() < MESSAGE_BYTES && text.len() >= MESSAGE_BYTES - 5);
        assert_eq!(
            text.trim_end_matches("...").chars().count(),
            (text.len() - 3) / 2
        );
        assert_eq!(long.bytes[long.len], 0);
    }

    #[test]
    fn the_last_message_is_set_cleared_and_read_back() {
        set_last_error("otc_demo", format_args!("{} went wrong", 3));
        assert_eq!(last_error_message(), "otc_demo: 3 went wrong");
        // SAFETY: the returned pointer is NUL-terminated and valid until the next call.
        let c = unsafe { std::ffi::CStr::from_ptr(otc_last_error_message()) };
        assert_eq!(c.to_str().unwrap(), "otc_demo: 3 went wrong");
        clear_last_error();
        assert_eq!(last_error_message(), "");
    }
}
