//! Every C program under `tests/c/` is compiled with `-std=c99 -Wall -Wextra -Werror
//! -pedantic` against `include/otcore.h`, linked against the shared and the static library,
//! run, and must exit 0 with its "N passed, 0 failed" line.

use crate::{common, support};
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

/// The `(op, precision)` pairs that `text` calls through `macro(op, T, ...)`.
fn macro_calls(text: &str, macro_name: &str) -> Vec<(String, String)> {
    let opening = format!("{macro_name}(");
    text.match_indices(&opening)
        .filter(|(i, _)| !text[..*i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
        .filter_map(|(i, _)| {
            let mut args = text[i + opening.len()..].splitn(3, ',');
            let op = args.next()?.trim();
            let t = args.next()?.trim();
            let ident =
                |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            (ident(op) && ident(t)).then(|| (op.to_owned(), t.to_owned()))
        })
        .collect()
}

/// The out-of-memory program reaches every computing entry point of the header (from the ABI
/// description, every operation in every precision): each one is an `OOM_CALL` (its
/// workspace refused under the address-space limit) or, when its size query says it needs no
/// workspace, a `NO_WORKSPACE_CALL` (it succeeds under the limit).
#[test]
fn the_out_of_memory_program_calls_every_entry_point() {
    let source = std::fs::read_to_string(root().join("tests/c/test_hostile_oom.c")).unwrap();
    let text = crate::binding_coverage::strip_c(&source);
    let mut called = macro_calls(&text, "OOM_CALL");
    called.extend(macro_calls(&text, "NO_WORKSPACE_CALL"));
    let missing: Vec<String> = support::abi()
        .ops()
        .iter()
        .flat_map(|op| {
            op.precisions
                .iter()
                .map(move |t| (op.name.clone(), t.to_string()))
        })
        .filter(|pair| !called.contains(pair))
        .map(|(op, t)| format!("otc_{op}_{t}"))
        .collect();
    assert!(
        missing.is_empty(),
        "tests/c/test_hostile_oom.c does not call: {missing:?}"
    );
    assert!(called.len() >= 42, "only {} calls parsed", called.len());
}
