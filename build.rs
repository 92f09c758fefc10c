//! Gives the shared library its SONAME, `libotcore.so.<major>`, so that programs linked against
//! it keep loading any later library of the same major version (the ABI only grows within a
//! major version: see the contract in `include/otcore.h`). `scripts/install.sh` installs the
//! matching `libotcore.so.<major>` and `libotcore.so` symlinks.

fn main() {
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets the version");
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" || target_os.ends_with("bsd") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libotcore.so.{major}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
