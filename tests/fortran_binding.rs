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
    for f in ["otcore.f90", "example_cost.f90"] {
        support::ok(
            Command::new("gfortran")
                .current_dir(&dir)
                .args(["-std=f2008", "-Wall", "-Wextra", "-Werror", "-c"])
                .arg(common::root().join("bindings/fortran").join(f)),
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
        // Constants of a capability the header does not have yet are allowed.
        if let Some(h) = header.get(name) {
            assert_eq!(value, h, "{name}");
        } else {
            assert!(
                name.starts_with("OTC_METRIC_"),
                "{name} is not in the header"
            );
        }
    }
    for (name, _) in header.iter().filter(|(n, _)| {
        n.starts_with("OTC_OK")
            || n.starts_with("OTC_ERR_")
            || n.starts_with("OTC_WARN_")
            || n.starts_with("OTC_VERSION_")
    }) {
        assert!(
            fortran.contains_key(name),
            "status/version constant {name} missing from otcore.f90"
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
        if !prototypes.contains(name) {
            assert!(
                name.starts_with("otc_cost_"),
                "{name} is not a header function"
            );
            eprintln!("note: {name} not in the header yet");
            continue;
        }
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

#[test]
fn example_runs_against_the_shared_library() {
    let example = common::root().join("bindings/fortran/example_cost.f90");
    if !common::tool("gfortran") || !support::buildable(&example) {
        return;
    }
    let module = common::root().join("bindings/fortran/otcore.f90");
    let dir = support::temp_dir("fortran-modules");
    let jflag = format!("-J{}", dir.display());
    let exe = common::build(
        "gfortran",
        &["-std=f2008", "-O1", &jflag],
        &[module, example],
        common::Link::Shared,
        "example_cost",
    );
    let out = common::run(&[], &exe);
    assert!(out.contains("example_cost example ok"), "{out}");
}
