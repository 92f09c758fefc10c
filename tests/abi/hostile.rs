//! The C ABI against a hostile caller: what is shared by every entry point. Each family's
//! own cases (NULLs, sizes that imply absurd allocations or work, overflowing size
//! arithmetic, thread counts above the cap, outputs aliasing inputs or each other, older and
//! wrong struct sizes, finite inputs whose results overflow, callbacks) live beside it in
//! `tests/abi/abi_<family>.rs`; the cases that need a process of their own (address-space limit,
//! teardown, fork) are C programs: tests/c/test_hostile_*.c.

use otcore::ffi::status::*;
use std::ffi::CStr;

#[test]
fn out_of_memory_and_cancellation_have_their_statuses_and_messages() {
    for (status, code, text) in [
        (OTC_ERR_OUT_OF_MEMORY, 114, "out of memory"),
        (
            OTC_WARN_CANCELLED,
            3,
            "warning: stopped by the callback; the outputs hold the iterate reached",
        ),
    ] {
        assert_eq!(status, code);
        // SAFETY: returns a static string.
        let s = unsafe { CStr::from_ptr(otc_status_message(status)) };
        assert_eq!(s.to_str().unwrap(), text);
    }
}
