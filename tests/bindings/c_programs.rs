//! Every C program under `tests/c/` is compiled with `-std=c99 -Wall -Wextra -Werror
//! -pedantic` against `include/otcore.h`, linked against the shared and the static library,
//! run, and must exit 0 with its "N passed, 0 failed" line.

use crate::common;
use common::{build, root, run, Link};

fn c_programs() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(root().join("tests/c"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    v.sort();
    v
}

fn run_all(link: Link) {
    let programs = c_programs();
    assert!(!programs.is_empty());
    for src in programs {
        let name = src.file_stem().unwrap().to_string_lossy().into_owned();
        let flags = [
            "-std=c99",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-pedantic",
            "-O1",
            "-g",
        ];
        let exe = build("cc", &flags, std::slice::from_ref(&src), link, &name);
        let out = run(&[], &exe);
        let last = out.lines().last().unwrap_or("");
        assert!(last.ends_with(" passed, 0 failed"), "{name}: {out}");
        assert!(!last.starts_with("0 passed"), "{name} checked nothing");
    }
}

#[test]
fn c_programs_against_the_shared_library() {
    run_all(Link::Shared);
}

#[test]
fn c_programs_against_the_static_library() {
    run_all(Link::Static);
}
