//! The Fortran 2008 module `bindings/fortran/otcore.f90`: it and its example compile with
//! `gfortran -std=f2008 -Wall -Wextra -Werror`; its constants equal the header's; each
//! `bind(c)` interface names a header function with the same argument count; the example
//! (column-major arrays through strided views, checked against a naive loop) links against the
//! shared library and runs once the header declares every entry point it needs.

mod common;
mod support;
use std::collections::BTreeMap;
use std::process::Command;

fn module_text() -> String {
    std::fs::read_to_string(common::root().join("bindings/fortran/otcore.f90")).unwrap()
}

#[test]
fn module_and_example_compile_strictly() {
    if !common::tool("gfortran") {
        return;
    }
    let dir = support::temp_dir("fortran-compile");
    let mut sources = vec![common::root().join("bindings/fortran/otcore.f90")];
    sources.extend(examples());
    for f in sources {
        support::ok(
            Command::new("gfortran")
                .current_dir(&dir)
                .args(["-std=f2008", "-Wall", "-Wextra", "-Werror", "-c"])
                .arg(f),
        );
    }
}

fn header_defines() -> BTreeMap<String, i64> {
    support::header()
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            (w.next() == Some("#define")).then_some(())?;
            let name = w.next()?;
            let value = w.next()?.parse().ok()?;
            Some((name.to_string(), value))
        })
        .collect()
}

#[test]
fn module_constants_equal_the_header() {
    let header = header_defines();
    let mut fortran = BTreeMap::new();
    for line in module_text().lines() {
        if let Some((_, rest)) = line.split_once("parameter, public :: ") {
            let (name, value) = rest.split_once(" = ").unwrap();
            let name = name.replace("OTC_HEADER_VERSION_NUMBER", "OTC_VERSION_NUMBER");
            fortran.insert(name, value.trim().parse::<i64>().unwrap());
        }
    }
    for (name, value) in &fortran {
        assert_eq!(Some(value), header.get(name), "{name}");
    }
    for name in header.keys().filter(|n| n.starts_with("OTC_")) {
        assert!(
            fortran.contains_key(name),
            "constant {name} missing from otcore.f90"
        );
    }
}

#[test]
fn interfaces_name_header_functions_with_their_argument_counts() {
    let text = module_text().replace("&\n", " ");
    let prototypes = support::header_functions();
    // The header without its comment lines, on one line.
    let header: String = support::header()
        .lines()
        .filter(|l| !l.trim_start().starts_with('*') && !l.trim_start().starts_with("/*"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut checked = 0;
    for line in text.lines() {
        let Some((head, bind)) = line.split_once("bind(c, name=\"") else {
            continue;
        };
        if !head.trim_start().starts_with("function ") && !head.contains(" function ") {
            continue;
        }
        let name = &bind[..bind.find('"').unwrap()];
        if name == "strlen" {
            continue;
        }
        assert!(prototypes.contains(name), "{name} is not a header function");
        let args = head[head.find('(').unwrap() + 1..head.find(')').unwrap()]
            .split(',')
            .filter(|a| !a.trim().is_empty())
            .count();
        let proto = &header[header.find(&format!("{name}(")).unwrap()..];
        let params = &proto[proto.find('(').unwrap() + 1..proto.find(')').unwrap()];
        let c_args = if params.trim() == "void" {
            0
        } else {
            params.split(',').count()
        };
        assert_eq!(args, c_args, "{name}: argument count");
        checked += 1;
    }
    assert!(checked >= 4, "checked {checked} interfaces");
}

/// The examples `bindings/fortran/example_*.f90` (one per family or more).
fn examples() -> Vec<std::path::PathBuf> {
    let all: Vec<_> = support::files("bindings/fortran", ".f90")
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("example_")
        })
        .collect();
    assert!(all.len() >= 2, "the Fortran examples are missing");
    all
}

#[test]
fn examples_run_against_the_shared_library() {
    if !common::tool("gfortran") {
        return;
    }
    let module = common::root().join("bindings/fortran/otcore.f90");
    for example in examples().into_iter().filter(|e| support::buildable(e)) {
        let name = example.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = support::temp_dir(&format!("fortran-modules-{name}"));
        let jflag = format!("-J{}", dir.display());
        let exe = common::build(
            "gfortran",
            &["-std=f2008", "-O1", &jflag],
            &[module.clone(), example],
            common::Link::Shared,
            &name,
        );
        let out = common::run(&[], &exe);
        assert!(out.contains(&format!("{name} example ok")), "{out}");
    }
}

/// `typedef struct NAME { fields } NAME;` of the header: name -> field names in order.
/// The header without its `/* .. */` comments (doc comments may hold braces: `e^{-x}`).
fn header_without_comments() -> String {
    let mut h = support::header();
    while let Some(i) = h.find("/*") {
        let end = h[i..].find("*/").map_or(h.len(), |e| i + e + 2);
        h.replace_range(i..end, "");
    }
    h
}

fn header_structs() -> BTreeMap<String, Vec<String>> {
    let h = header_without_comments();
    let mut out = BTreeMap::new();
    let mut rest = h.as_str();
    while let Some(i) = rest.find("typedef struct ") {
        let body = &rest[i..];
        let open = body.find('{').unwrap();
        let close = body.find('}').unwrap();
        let name = body[15..open].trim().to_string();
        let fields = body[open + 1..close]
            .lines()
            .map(str::trim)
            .filter(|l| l.ends_with(';') && !l.starts_with('*') && !l.starts_with('/'))
            .map(|l| {
                l.trim_end_matches(';')
                    .rsplit([' ', '*'])
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        out.insert(name, fields);
        rest = &body[close..];
    }
    out
}

#[test]
fn bind_c_types_mirror_the_header_structs() {
    let header = header_structs();
    let text = module_text();
    let mut seen = 0;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line.trim().strip_prefix("type, bind(c), public :: ") else {
            continue;
        };
        let mut fields = Vec::new();
        for l in lines.by_ref() {
            let l = l.trim();
            if l.starts_with("end type") {
                break;
            }
            let (_, names) = l.split_once("::").unwrap();
            fields.extend(names.split(',').map(|n| n.trim().to_string()));
        }
        let want = header
            .get(name)
            .unwrap_or_else(|| panic!("{name} is not a header struct"));
        assert_eq!(&fields, want, "fields of {name}");
        seen += 1;
    }
    assert_eq!(seen, header.len(), "every header struct has a bind(c) type");
}
