//! The R package `bindings/r/otcore`: `R CMD INSTALL` into a temporary library (linking the
//! static library of this build through `OTCORE_LIB_DIR`), then its testthat tests: none may
//! fail or be skipped; and `R CMD check` of the built package: no error, no warning, and only
//! the NOTEs explained in `ALLOWED_NOTES`.

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
    remove_on_success(&work);
}

/// Removes a test's directory once it passed: the package's shared object holds the whole
/// static library (about 140 MB with debug info). A failing test keeps it for inspection.
fn remove_on_success(work: &Path) {
    let _ = std::fs::remove_dir_all(work);
}

/// The NOTEs `R CMD check` may give, each a substring of its "* checking ... NOTE" line, and why
/// it stays:
/// - "installed package size": `libotcore.a` (Rust's standard library, rayon, the solvers) is
///   linked statically into `otcore.so`, which is over the 5 MB threshold (here the build with
///   debug info, about 140 MB; a release build is smaller but still above 5 MB).
/// - "GNU extensions in Makefiles": `src/Makevars` finds the library with GNU make functions
///   (`$(wildcard)`, `$(foreach)`, `$(firstword)`) and DESCRIPTION declares
///   `SystemRequirements: GNU make`; the NOTE only repeats that.
const ALLOWED_NOTES: [&str; 2] = ["installed package size", "GNU extensions in Makefiles"];

/// `R CMD build` then `R CMD check --no-manual --no-build-vignettes --no-tests` of a copy of the
/// package (DESCRIPTION, NAMESPACE, the R code, the Rd pages and their examples, the compiled
/// code). `--no-tests`: the testthat suite runs in `r_package_installs_and_passes_its_tests`
/// against the same build, so the check skips it to save its half minute.
#[test]
fn r_cmd_check_gives_no_error_or_warning() {
    if !common::tool("R") {
        return;
    }
    let work = support::temp_dir("r-check");
    copy_dir(
        &common::root().join("bindings/r/otcore"),
        &work.join("otcore"),
    );
    let env = [
        ("OTCORE_LIB_DIR", common::lib_dir()),
        ("OTCORE_INCLUDE_DIR", common::root().join("include")),
        ("_R_CHECK_FORCE_SUGGESTS_", "false".into()),
        ("MAKEFLAGS", "-j2".into()),
    ];
    support::ok(
        Command::new("R")
            .args(["CMD", "build", "--no-build-vignettes", "otcore"])
            .current_dir(&work)
            .envs(env.clone()),
    );
    let tarball = std::fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("otcore_") && name.ends_with(".tar.gz"))
        .expect("R CMD build wrote no otcore_<version>.tar.gz");
    let out = Command::new("R")
        .args([
            "CMD",
            "check",
            "--no-manual",
            "--no-build-vignettes",
            "--no-tests",
        ])
        .arg(&tarball)
        .current_dir(&work)
        .envs(env)
        .output()
        .expect("cannot run R CMD check");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let status = log
        .lines()
        .find_map(|l| l.strip_prefix("Status: "))
        .unwrap_or_else(|| panic!("R CMD check gave no status line:\n{log}"));
    // "OK", or e.g. "1 WARNING, 2 NOTEs": how many of `kind`.
    let count = |kind: &str| -> usize {
        status
            .split(", ")
            .filter_map(|part| part.split_once(' '))
            .filter(|(_, k)| k.trim_end_matches('s') == kind)
            .map(|(n, _)| n.parse::<usize>().expect("a count"))
            .sum()
    };
    assert!(
        count("ERROR") == 0 && count("WARNING") == 0 && out.status.success(),
        "R CMD check: {status}\n{log}"
    );
    let notes: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("* ") && l.ends_with("... NOTE"))
        .collect();
    assert_eq!(
        notes.len(),
        count("NOTE"),
        "a NOTE not on its check's line:\n{log}"
    );
    for note in notes {
        assert!(
            ALLOWED_NOTES.iter().any(|allowed| note.contains(allowed)),
            "R CMD check: an unexplained {note}\n{log}"
        );
    }
    remove_on_success(&work);
}
