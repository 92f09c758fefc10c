//! The R package `bindings/r/otcore`: `R CMD INSTALL` into a temporary library (linking the
//! static library of this build through `OTCORE_LIB_DIR`), then its testthat tests: none may
//! fail or be skipped.

use crate::common;
use crate::support;
use std::path::Path;
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            let name = e.file_name().to_string_lossy().into_owned();
            if !(name.ends_with(".o") || name.ends_with(".so")) {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
}

#[test]
fn r_package_installs_and_passes_its_tests() {
    if !common::tool("R") {
        return;
    }
    // Build from a copy, so that no object file lands in the repository.
    let work = support::temp_dir("r-package");
    let src = work.join("otcore");
    copy_dir(&common::root().join("bindings/r/otcore"), &src);
    let lib = work.join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    support::ok(
        Command::new("R")
            .args(["CMD", "INSTALL", "--no-test-load"])
            .arg(format!("--library={}", lib.display()))
            .arg(&src)
            .env("OTCORE_LIB_DIR", common::lib_dir())
            .env("OTCORE_INCLUDE_DIR", common::root().join("include"))
            .env("MAKEFLAGS", "-j2"),
    );
    let script = format!(
        "library(testthat); library(otcore, lib.loc = '{lib}'); \
         r <- as.data.frame(test_dir('{dir}', package = 'otcore', load_package = 'none', \
           reporter = 'summary', stop_on_failure = TRUE)); \
         cat(sprintf('\\nR: %d passed, %d failed, %d skipped\\n', \
           sum(r$nb) - sum(r$failed) - sum(r$skipped), sum(r$failed), sum(r$skipped)))",
        lib = lib.display(),
        dir = src.join("tests/testthat").display()
    );
    let out = support::ok(
        Command::new("Rscript")
            .args(["-e", &script])
            .env("R_LIBS", &lib),
    );
    println!("{out}");
    let summary = out
        .lines()
        .find(|l| l.starts_with("R: "))
        .unwrap_or_else(|| panic!("no summary line:\n{out}"));
    assert!(summary.contains(" 0 failed"), "{out}");
    assert!(!summary.starts_with("R: 0 passed"), "{out}");
    assert!(summary.ends_with(" 0 skipped"), "tests skipped:\n{out}");
}
