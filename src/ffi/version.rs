//! Version of the library. The header's macros are checked against Cargo's version by
//! `tests/bindings/version.rs`.

use std::ffi::c_char;

/// Major version: changes only with an incompatible ABI change.
pub const OTC_VERSION_MAJOR: u32 = 1;
/// Minor version: grows when the ABI grows.
pub const OTC_VERSION_MINOR: u32 = 0;
/// Patch version.
pub const OTC_VERSION_PATCH: u32 = 0;
/// MAJOR·10000 + MINOR·100 + PATCH, for `#if` comparisons.
pub const OTC_VERSION_NUMBER: u32 = 10000;

/// The library's version as "MAJOR.MINOR.PATCH" (static, NUL-terminated, never NULL).
#[no_mangle]
pub extern "C" fn otc_version_string() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The library's version as MAJOR·10000 + MINOR·100 + PATCH: compare with
/// `OTC_VERSION_NUMBER` at run time to detect a header/library mismatch.
#[no_mangle]
pub extern "C" fn otc_version_number() -> u32 {
    CARGO_VERSION_NUMBER
}

/// The version number computed from Cargo's version at build time.
pub(crate) const CARGO_VERSION_NUMBER: u32 = parse(env!("CARGO_PKG_VERSION_MAJOR")) * 10000
    + parse(env!("CARGO_PKG_VERSION_MINOR")) * 100
    + parse(env!("CARGO_PKG_VERSION_PATCH"));

const fn parse(digits: &str) -> u32 {
    let b = digits.as_bytes();
    let mut i = 0;
    let mut v = 0;
    while i < b.len() {
        v = v * 10 + (b[i] - b'0') as u32;
        i += 1;
    }
    v
}
