//! The Julia package `bindings/julia/OTCore` (Julia cannot be installed on this machine, so
//! its own tests, `test/runtests.jl`, run elsewhere). Here:
//! * the committed low-level layer `src/LibOTCore.jl` equals what `tests/julia_gen` generates
//!   from `include/otcore.h` (refresh: `OTCORE_BLESS=1 cargo test --test julia_binding`);
//! * an independent parse of the header and of the Julia file agree on every function name,
//!   argument count and argument type, return type and struct field;
//! * every `otc_*` / `OTC_*` name the high-level layer uses exists in the header.

mod common;
mod julia_gen;
mod support;

use std::collections::BTreeMap;

fn pkg() -> std::path::PathBuf {
    common::root().join("bindings/julia/OTCore")
}

#[test]
fn generated_layer_is_up_to_date() {
    let fresh = julia_gen::generate(&support::header());
    let path = pkg().join("src/LibOTCore.jl");
    if std::env::var_os("OTCORE_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "bindings/julia/OTCore/src/LibOTCore.jl is stale: run OTCORE_BLESS=1 cargo test --test julia_binding"
    );
}

/// C prototypes of the header, parsed without the generator: comments and preprocessor lines
/// removed, the rest cut at `;`. name -> (return type, [param types]).
fn header_prototypes() -> BTreeMap<String, (String, Vec<String>)> {
    // `struct otc_x` (cbindgen's style "both") names the typedef otc_x.
    let text = strip_c(&support::header()).replace("struct otc_", "otc_");
    let mut out = BTreeMap::new();
    for decl in text.split(';') {
        let decl = decl.split_whitespace().collect::<Vec<_>>().join(" ");
        if decl.contains("typedef") || decl.contains('{') || !decl.contains('(') {
            continue;
        }
        let (head, rest) = decl.split_once('(').unwrap();
        let name = head.rsplit([' ', '*']).next().unwrap().to_string();
        let ret = head[..head.len() - name.len()].replace(' ', "");
        let params = rest.trim_end_matches(')');
        let types = if params.trim() == "void" {
            vec![]
        } else {
            params
                .split(',')
                .map(|p| {
                    let p = p.trim();
                    let last = p.rsplit([' ', '*']).next().unwrap();
                    p[..p.len() - last.len()].replace(' ', "")
                })
                .collect()
        };
        out.insert(name, (ret, types));
    }
    out
}

/// Header with comments, preprocessor lines and the `extern "C" {` / `}` wrapper removed.
fn strip_c(h: &str) -> String {
    let mut out = String::new();
    let mut rest = h;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = &rest[i + rest[i..].find("*/").unwrap() + 2..];
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.split("//").next().unwrap())
        .filter(|l| {
            !l.trim_start().starts_with('#') && !l.contains("extern \"C\"") && l.trim() != "}"
        })
        .collect::<Vec<_>>()
        .join("\n")
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
    let header = header_prototypes();
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
    let c = strip_c(&support::header());
    let julia = std::fs::read_to_string(pkg().join("src/LibOTCore.jl")).unwrap();
    let mut rest = c.as_str();
    let mut seen = 0;
    while let Some(i) = rest.find("typedef struct ") {
        let body = &rest[i..];
        let open = body.find('{').unwrap();
        let close = body.find('}').unwrap();
        let name = body[15..open].trim();
        let fields: Vec<(String, String)> = body[open + 1..close]
            .split(';')
            .map(|f| f.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|f| !f.is_empty())
            .map(|f| {
                let last = f.rsplit([' ', '*']).next().unwrap().to_string();
                let ty = f[..f.len() - last.len()].replace(' ', "");
                // cbindgen writes `struct otc_x *` for pointers to structs.
                (ty.replace("structotc_", "otc_"), last)
            })
            .collect();
        let jstart = julia
            .find(&format!("\nstruct {name}\n"))
            .unwrap_or_else(|| panic!("struct {name} missing from LibOTCore.jl"));
        let jbody = &julia[jstart..];
        let jbody = &jbody[..jbody.find("\nend\n").unwrap()];
        let jfields: Vec<&str> = jbody.lines().skip(2).map(str::trim).collect();
        let want: Vec<String> = fields
            .iter()
            .map(|(t, n)| format!("{n}::{}", expected_julia(t)))
            .collect();
        assert_eq!(jfields, want, "struct {name}");
        seen += 1;
        rest = &body[close..];
    }
    assert_eq!(seen, julia.matches("\nstruct ").count());
}

#[test]
fn high_level_layer_names_only_real_functions_and_constants() {
    let header = support::header();
    let functions = support::header_functions();
    let types_and_consts = |name: &str| {
        header.contains(&format!("typedef struct {name} "))
            || header.contains(&format!(" {name};"))
            || header.contains(&format!("#define {name} "))
    };
    let mut checked = 0;
    for file in support::files("bindings/julia/OTCore/src", ".jl") {
        if file.ends_with("LibOTCore.jl") || !support::buildable(&file) {
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
fn generator_handles_structs_and_wrapped_prototypes() {
    // cbindgen's layout for a struct and a prototype wrapped over lines.
    let h = "/**\n * A view.\n */\ntypedef struct otc_matrix_f64 {\n    /**\n     * Data.\n     */\n    const double *data;\n    size_t rows;\n    intptr_t row_stride;\n} otc_matrix_f64;\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif // __cplusplus\n\n/**\n * Cost.\n */\notc_status otc_f(otc_matrix_f64 x,\n                 const struct otc_matrix_f64 *opts,\n                 void *work,\n                 size_t *out_bytes);\n\n#ifdef __cplusplus\n}  // extern \"C\"\n#endif  // __cplusplus\n";
    let jl = julia_gen::generate(h);
    assert!(jl.contains("struct otc_matrix_f64\n    data::Ptr{Cdouble}\n    rows::Csize_t\n    row_stride::Cptrdiff_t\nend\n"), "{jl}");
    assert!(jl.contains("otc_f(x, opts, work, out_bytes) =\n    ccall(_otc_f[], otc_status, (otc_matrix_f64, Ptr{otc_matrix_f64}, Ptr{Cvoid}, Ptr{Csize_t}), x, opts, work, out_bytes)\n"), "{jl}");
    assert!(jl.contains("# A view.\nstruct"), "{jl}");
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
