//! The C examples of `bindings/c/` compile with `-std=c99 -Wall -Wextra -Werror -pedantic`
//! against the shared and the static library, run, and check their own answers (they exit
//! non-zero on a wrong value).

use crate::common;
use crate::support;
use common::{build, run, Link};

fn run_examples(link: Link) {
    let sources = support::files("bindings/c", ".c");
    assert!(sources.len() >= 2, "the examples are missing");
    let mut ran = 0;
    for src in &sources {
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
