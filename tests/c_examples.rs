//! The C examples of `bindings/c/` compile with `-std=c99 -Wall -Wextra -Werror -pedantic`
//! against the shared and the static library, run, and check their own answers (they exit
//! non-zero on a wrong value). Examples calling an entry point the header does not declare yet
//! are skipped with a note.

mod common;
mod support;
use common::{build, run, Link};

fn run_examples(link: Link) {
    let sources = support::files("bindings/c", ".c");
    assert!(sources.len() >= 2, "the examples are missing");
    let mut ran = 0;
    for src in sources.iter().filter(|s| support::buildable(s)) {
        let name = src.file_stem().unwrap().to_string_lossy().into_owned();
        let flags = [
            "-std=c99",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-pedantic",
            "-O1",
        ];
        let exe = build("cc", &flags, std::slice::from_ref(src), link, &name);
        let out = run(&[], &exe);
        assert!(out.contains(&format!("{name} example ok")), "{name}: {out}");
        ran += 1;
    }
    assert!(ran >= 1);
}

#[test]
fn c_examples_against_the_shared_library() {
    run_examples(Link::Shared);
}

#[test]
fn c_examples_against_the_static_library() {
    run_examples(Link::Static);
}

#[test]
fn the_scanner_finds_calls_and_the_header_functions() {
    let calls = support::called_functions(
        "st = otc_cost_matrix_f64(x, y); otc_matrix_f64 v; bind(c, name=\"otc_version_number\")",
    );
    assert_eq!(
        calls.into_iter().collect::<Vec<_>>(),
        ["otc_cost_matrix_f64", "otc_version_number"]
    );
    let have = support::header_functions();
    for f in [
        "otc_version_string",
        "otc_version_number",
        "otc_status_message",
        "otc_last_error_message",
    ] {
        assert!(have.contains(f), "{f} not found in the header: {have:?}");
    }
}
