//! Every C entry point of `include/otcore.h` has its counterpart in each binding: named in the
//! C++ wrapper, the Fortran module's interfaces, the Julia high-level layer (src/*.jl but the
//! generated LibOTCore.jl) and the R package's C glue. The few documented exceptions:
//! `*_workspace_size` in Julia and R (they let otcore allocate) and `*_f32` in R (R has no
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

#[test]
fn every_entry_point_has_a_counterpart_in_every_binding() {
    let cpp = read_all("bindings/cpp", ".hpp", "");
    let fortran = read_all("bindings/fortran", "otcore.f90", "");
    let julia = read_all("bindings/julia/OTCore/src", ".jl", "LibOTCore.jl");
    let r = read_all("bindings/r/otcore/src", ".c", "");
    let functions = support::header_functions();
    assert!(functions.len() >= 4);
    let mut missing = Vec::new();
    for f in &functions {
        let workspace = f.ends_with("_workspace_size");
        let single = f.ends_with("_f32");
        for (lang, text, exempt) in [
            ("C++ bindings/cpp/otcore.hpp", &cpp, false),
            ("Fortran bindings/fortran/otcore.f90", &fortran, false),
            ("Julia bindings/julia/OTCore/src", &julia, workspace),
            ("R bindings/r/otcore/src", &r, workspace || single),
        ] {
            if !exempt && !mentions(text, f) {
                missing.push(format!("{lang}: {f}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "entry points without a binding:\n{}",
        missing.join("\n")
    );
}
