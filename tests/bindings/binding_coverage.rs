//! Every operation of the ABI (from the ABI description of `include/otcore.h`) is reachable
//! from each binding's hand-written, idiomatic layer, in every precision it has: the generated
//! low-level layers (`otcore_abi.hpp`, `otcore_c.f90`, `LibOTCore.jl`) do not count, and
//! comments are removed first, so that a mention in a comment does not either. A layer reaches
//! `<op>` in precision T when its code names `otc_<op>_<T>`, `otc_<op>_problem_<T>`, or, in
//! C++, the generated `abi::<op><...>` traits (which a template over T instantiates for both).
//! Exemptions: R has no single precision (`_f32`); Fortran's convenience routines are double
//! precision, its programs call the `_f32` entry points through `otcore_c`'s interfaces.

use crate::support;

/// The text of the files of `dir` ending in `ext` (but `skip`), comments removed by `strip`.
fn code(dir: &str, ext: &str, skip: &str, strip: fn(&str) -> String) -> String {
    support::files(dir, ext)
        .iter()
        .filter(|p| skip.is_empty() || !p.ends_with(skip))
        .map(|p| strip(&std::fs::read_to_string(p).unwrap()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// C / C++ without `/* */` and `//` comments (string literals are left alone: none of the
/// bindings spells a comment marker inside one).
pub(crate) fn strip_c(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |e| &rest[i + e + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lines without their comment, which starts at `marker` (Fortran `!`, Julia and R `#`).
fn strip_from(text: &str, marker: char) -> String {
    text.lines()
        .map(|l| l.split(marker).next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn mentions(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

/// `lang`'s unreached (operation, precision) pairs.
fn unreached(lang: &str, text: &str, cpp: bool, skip_f32: bool) -> Vec<String> {
    let abi = support::abi();
    let ops = abi.ops();
    assert!(ops.len() >= 20, "only {} operations parsed", ops.len());
    let mut missing = Vec::new();
    for op in &ops {
        for t in &op.precisions {
            if skip_f32 && *t == "f32" {
                continue;
            }
            let reached = mentions(text, &op.solve(t))
                || mentions(text, &op.problem(t))
                || (cpp && text.contains(&format!("abi::{}<", op.name)));
            if !reached {
                missing.push(format!("{lang}: {} ({t})", op.name));
            }
        }
    }
    missing
}

fn assert_complete(missing: Vec<String>) {
    assert!(
        missing.is_empty(),
        "operations the idiomatic layer does not reach:\n{}",
        missing.join("\n")
    );
}

// One test per binding, so that each language's gaps show (and fail) on their own.

#[test]
fn every_operation_is_reached_from_cpp() {
    let cpp = code("bindings/cpp", "otcore.hpp", "", strip_c);
    assert_complete(unreached("C++ otcore.hpp", &cpp, true, false));
}

#[test]
fn every_operation_is_reached_from_fortran() {
    let f = code("bindings/fortran", "otcore.f90", "", |t| strip_from(t, '!'));
    assert_complete(unreached("Fortran otcore.f90", &f, false, true));
}

#[test]
fn every_operation_is_reached_from_julia() {
    let jl = code("bindings/julia/OTCore/src", ".jl", "LibOTCore.jl", |t| {
        strip_from(t, '#')
    });
    assert_complete(unreached("Julia OTCore", &jl, false, false));
}

#[test]
fn every_operation_is_reached_from_r() {
    let r = code("bindings/r/otcore/src", ".c", "otcore_options.c", strip_c);
    assert_complete(unreached("R glue", &r, false, true));
}

#[test]
fn comments_do_not_count() {
    let text = strip_c("/* otc_emd_f64 */ x; // otc_sinkhorn_f64\ny = otc_bures_f64(p);");
    assert!(!mentions(&text, "otc_emd_f64"));
    assert!(!mentions(&text, "otc_sinkhorn_f64"));
    assert!(mentions(&text, "otc_bures_f64"));
    assert!(!mentions(
        &strip_from("x = 1 ! otc_emd_f64", '!'),
        "otc_emd_f64"
    ));
}
