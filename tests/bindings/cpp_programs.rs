//! Every C++ program under `tests/cpp/` is compiled with `-std=c++17 -Wall -Wextra -Werror
//! -pedantic` against `bindings/cpp/otcore.hpp` and the shared library, run, and must end with
//! "N passed, 0 failed"; the basics program also runs under valgrind (leaks and invalid
//! accesses are errors) and the cost and solver programs under AddressSanitizer (with UBSan).

use crate::common;
use crate::support;
use common::{build, root, run, Link};
use std::path::PathBuf;

fn cpp_build(src: &PathBuf, extra: &[&str], tag: &str) -> PathBuf {
    let include = format!("-I{}", root().join("bindings/cpp").display());
    let mut flags = vec![
        "-std=c++17",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-pedantic",
        "-O1",
        "-g",
    ];
    flags.push(&include);
    flags.extend_from_slice(extra);
    let name = format!("{}{tag}", src.file_stem().unwrap().to_string_lossy());
    build(
        "c++",
        &flags,
        std::slice::from_ref(src),
        Link::Shared,
        &name,
    )
}

fn check_output(out: &str, what: &str) {
    let last = out.lines().last().unwrap_or("");
    assert!(last.ends_with(" passed, 0 failed"), "{what}: {out}");
    assert!(!last.starts_with("0 passed"), "{what} checked nothing");
}

#[test]
fn cpp_programs_pass() {
    if !common::tool("c++") {
        return;
    }
    let programs = support::files("tests/cpp", ".cpp");
    assert!(programs.len() >= 2);
    for src in &programs {
        let exe = cpp_build(src, &[], "");
        check_output(&run(&[], &exe), &src.display().to_string());
    }
}

#[test]
fn cpp_basics_clean_under_valgrind() {
    if !common::tool("c++") || !common::tool("valgrind") {
        return;
    }
    let exe = cpp_build(&root().join("tests/cpp/test_basics.cpp"), &[], "_vg");
    let out = run(
        &[
            "valgrind",
            "--error-exitcode=3",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite",
            "-q",
        ],
        &exe,
    );
    check_output(&out, "test_basics under valgrind");
}

#[test]
fn cpp_programs_clean_under_address_sanitizer() {
    if !common::tool("c++") {
        return;
    }
    // The cost program and the solver families' programs (their wrappers size every output).
    for name in ["cost", "exact", "sinkhorn", "gaussian", "semidiscrete"] {
        let src = root().join(format!("tests/cpp/test_{name}.cpp"));
        let exe = cpp_build(
            &src,
            &["-fsanitize=address,undefined", "-fno-omit-frame-pointer"],
            "_asan",
        );
        check_output(&run(&[], &exe), &format!("test_{name} under ASan"));
    }
}
