//! The Julia package `bindings/julia/OTCore` (Julia cannot be installed on this machine, so
//! its own tests, `test/runtests.jl`, run elsewhere). Here:
//! * the generated low-level layer `src/LibOTCore.jl` (abi-gen; `tests/bindings/generated.rs` keeps it
//!   fresh) agrees with the ABI description on every function name, argument count, argument
//!   type, return type and struct field, through a C-to-Julia type table of its own (a check
//!   of the generator's mapping);
//! * every `otc_*` / `OTC_*` name the high-level layer uses exists in the header.

use crate::common;
use crate::support;

use std::collections::BTreeMap;

fn pkg() -> std::path::PathBuf {
    common::root().join("bindings/julia/OTCore")
}

/// The Julia type a C type (spaces removed, e.g. `constdouble*`) must have in the ccall.
fn expected_julia(c: &str) -> String {
    let table = [
        ("constchar*", "Cstring"),
        ("void*", "Ptr{Cvoid}"),
        ("constvoid*", "Ptr{Cvoid}"),
        ("double", "Cdouble"),
        ("float", "Cfloat"),
        ("int32_t", "Int32"),
        ("uint32_t", "UInt32"),
        ("int64_t", "Int64"),
        ("uint64_t", "UInt64"),
        ("size_t", "Csize_t"),
        ("intptr_t", "Cptrdiff_t"),
        ("ptrdiff_t", "Cptrdiff_t"),
    ];
    if let Some((_, j)) = table.iter().find(|(k, _)| *k == c) {
        return j.to_string();
    }
    if let Some(inner) = c.strip_suffix('*') {
        return format!(
            "Ptr{{{}}}",
            expected_julia(inner.trim_start_matches("const"))
        );
    }
    assert!(
        c.starts_with("otc_"),
        "C type {c} has no expected Julia type"
    );
    c.to_string()
}

/// `name(args) = ccall(_name[], RET, (T1, T2), args)` wrappers of the committed Julia file:
/// name -> (argument names, return type, argument types).
fn julia_wrappers() -> BTreeMap<String, (Vec<String>, String, Vec<String>)> {
    let text = std::fs::read_to_string(pkg().join("src/LibOTCore.jl")).unwrap();
    let joined = text.replace("=\n    ccall", "= ccall");
    let mut out = BTreeMap::new();
    for line in joined.lines().filter(|l| l.contains("= ccall(_")) {
        let (sig, call) = line.split_once(" = ccall(").unwrap();
        let (name, args) = sig.split_once('(').unwrap();
        let args: Vec<String> = args
            .trim_end_matches(')')
            .split(',')
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        let (slot, rest) = call.split_once(", ").unwrap();
        assert_eq!(
            slot,
            format!("_{name}[]"),
            "{name} calls another function's pointer"
        );
        let (ret, rest) = rest.split_once(", (").unwrap();
        let types_end = rest.find(')').unwrap();
        let types: Vec<String> = rest[..types_end]
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        let passed: Vec<String> = rest[types_end + 1..]
            .trim_end_matches(')')
            .split(',')
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        assert_eq!(passed, args, "{name} does not pass its arguments in order");
        out.insert(name.to_string(), (args, ret.to_string(), types));
    }
    out
}

#[test]
fn generated_layer_matches_the_header() {
    let header: BTreeMap<String, (String, Vec<String>)> = support::abi()
        .functions()
        .map(|f| {
            let params = f.params.iter().map(|p| p.ty.replace(' ', "")).collect();
            (f.name.clone(), (f.ret.replace(' ', ""), params))
        })
        .collect();
    let julia = julia_wrappers();
    assert!(header.len() >= 4, "parsed too few prototypes: {header:?}");
    assert_eq!(
        header.keys().collect::<Vec<_>>(),
        julia.keys().collect::<Vec<_>>(),
        "function names differ"
    );
    for (name, (ret, params)) in &header {
        let (args, jret, jtypes) = &julia[name];
        assert_eq!(args.len(), params.len(), "{name}: argument count");
        assert_eq!(jtypes.len(), params.len(), "{name}: ccall type count");
        let want: Vec<String> = params.iter().map(|p| expected_julia(p)).collect();
        assert_eq!(jtypes, &want, "{name}: argument types");
        let want_ret = if ret == "otc_status" {
            ret.clone()
        } else {
            expected_julia(ret)
        };
        assert_eq!(jret, &want_ret, "{name}: return type");
    }
    // Every function is resolved by load!.
    let text = std::fs::read_to_string(pkg().join("src/LibOTCore.jl")).unwrap();
    for name in header.keys() {
        assert!(
            text.contains(&format!("    :{name} => _{name},\n")),
            "{name} not in FUNCTIONS"
        );
    }
}

#[test]
fn generated_structs_mirror_the_header() {
    let abi = support::abi();
    let julia = std::fs::read_to_string(pkg().join("src/LibOTCore.jl")).unwrap();
    let mut seen = 0;
    for s in abi.structs() {
        let name = &s.name;
        let jstart = julia
            .find(&format!("\nstruct {name}\n"))
            .unwrap_or_else(|| panic!("struct {name} missing from LibOTCore.jl"));
        let jbody = &julia[jstart..];
        let jbody = &jbody[..jbody.find("\nend\n").unwrap()];
        let jfields: Vec<&str> = jbody.lines().skip(2).map(str::trim).collect();
        let want: Vec<String> = s
            .fields
            .iter()
            .map(|f| format!("{}::{}", f.name, expected_julia(&f.ty.replace(' ', ""))))
            .collect();
        assert_eq!(jfields, want, "struct {name}");
        seen += 1;
    }
    assert_eq!(seen, julia.matches("\nstruct ").count());
}

#[test]
fn high_level_layer_names_only_real_functions_and_constants() {
    let abi = support::abi();
    let functions = support::header_functions();
    let types_and_consts = |name: &str| {
        abi.find_struct(name).is_some()
            || abi.aliases().any(|a| a.name == name)
            || abi.consts().any(|c| c.name == name)
    };
    let mut checked = 0;
    for file in support::files("bindings/julia/OTCore/src", ".jl") {
        if file.ends_with("LibOTCore.jl") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            if (word.starts_with("otc_") || word.starts_with("OTC_")) && !word.ends_with('_') {
                assert!(
                    functions.contains(word) || types_and_consts(word),
                    "{}: {word} is not in include/otcore.h",
                    file.display()
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked > 5,
        "the high-level layer uses almost nothing: {checked}"
    );
}

#[test]
fn project_toml_names_the_package_with_a_uuid() {
    let toml = std::fs::read_to_string(pkg().join("Project.toml")).unwrap();
    assert!(toml.contains("name = \"OTCore\"\n"));
    let uuid = toml
        .lines()
        .find_map(|l| l.strip_prefix("uuid = \""))
        .unwrap()
        .trim_end_matches('"');
    let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12], "{uuid}");
    assert!(uuid.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    assert!(pkg().join("test/runtests.jl").is_file());
}
