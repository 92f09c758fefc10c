//! The version macros of the header agree with Cargo's version and with the library's
//! run-time answers.

use otcore::ffi::version::*;
use std::ffi::CStr;

fn header_macro(name: &str) -> u32 {
    let header = include_str!("../../include/otcore.h");
    let line = header
        .lines()
        .find(|l| l.starts_with(&format!("#define {name} ")))
        .unwrap_or_else(|| panic!("{name} missing from the header"));
    line.split_whitespace().nth(2).unwrap().parse().unwrap()
}

#[test]
fn version_macros_match_cargo() {
    let major: u32 = env!("CARGO_PKG_VERSION_MAJOR").parse().unwrap();
    let minor: u32 = env!("CARGO_PKG_VERSION_MINOR").parse().unwrap();
    let patch: u32 = env!("CARGO_PKG_VERSION_PATCH").parse().unwrap();
    assert_eq!(header_macro("OTC_VERSION_MAJOR"), major);
    assert_eq!(header_macro("OTC_VERSION_MINOR"), minor);
    assert_eq!(header_macro("OTC_VERSION_PATCH"), patch);
    let number = major * 10000 + minor * 100 + patch;
    assert_eq!(header_macro("OTC_VERSION_NUMBER"), number);
    assert_eq!(
        (OTC_VERSION_MAJOR, OTC_VERSION_MINOR, OTC_VERSION_PATCH),
        (major, minor, patch)
    );
    assert_eq!(otc_version_number(), number);
    // SAFETY: otc_version_string returns a static NUL-terminated string.
    let s = unsafe { CStr::from_ptr(otc_version_string()) };
    assert_eq!(s.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
}
