//! Every C entry point of `include/otcore.h` has its counterpart in each binding: named in the
//! C++ wrapper, the Fortran module's interfaces, the Julia high-level layer (src/*.jl but the
//! generated LibOTCore.jl) and the R package's C glue. The few documented exceptions:
//! `*_workspace_size[_<T>]` in Julia and R (they let otcore allocate) and `*_f32` in R (R has no
//! single precision). After a capability is merged, this test lists what each binding lacks.

mod common;
mod support;

fn read_all(dir: &str, ext: &str, skip: &str) -> String {
    support::files(dir, ext)
        .iter()
        .filter(|p| skip.is_empty() || !p.ends_with(skip))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

fn mentions(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let after = text[i + name.len()..].chars().next();
        !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The header functions the binding named `lang` (its text) lacks, minus its exemptions.
fn lacking(lang: &str, text: &str, exempt: impl Fn(&str) -> bool) -> Vec<String> {
    let functions = support::header_functions();
    assert!(functions.len() >= 4);
    functions
        .iter()
        .filter(|f| !exempt(f) && !mentions(text, f))
        .map(|f| format!("{lang}: {f}"))
        .collect()
}

fn assert_complete(missing: Vec<String>) {
    assert!(
        missing.is_empty(),
        "entry points without a binding:\n{}",
        missing.join("\n")
    );
}

// One test per binding, so that each language's gaps show (and fail) on their own.

#[test]
fn every_entry_point_has_a_cpp_counterpart() {
    let cpp = read_all("bindings/cpp", ".hpp", "");
    assert_complete(lacking("C++ bindings/cpp/otcore.hpp", &cpp, |_| false));
}

#[test]
fn every_entry_point_has_a_fortran_counterpart() {
    let fortran = read_all("bindings/fortran", "otcore.f90", "");
    assert_complete(lacking(
        "Fortran bindings/fortran/otcore.f90",
        &fortran,
        |_| false,
    ));
}

#[test]
fn every_entry_point_has_a_julia_counterpart() {
    let julia = read_all("bindings/julia/OTCore/src", ".jl", "LibOTCore.jl");
    assert_complete(lacking("Julia bindings/julia/OTCore/src", &julia, |f| {
        f.contains("_workspace_size")
    }));
}

#[test]
fn every_entry_point_has_an_r_counterpart() {
    let r = read_all("bindings/r/otcore/src", ".c", "");
    assert_complete(lacking("R bindings/r/otcore/src", &r, |f| {
        f.contains("_workspace_size") || f.ends_with("_f32")
    }));
}
