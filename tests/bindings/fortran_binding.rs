//! The Fortran 2008 modules `otcore_c` (`bindings/fortran/otcore_c.f90`, generated from the
//! header by abi-gen: constants, `bind(c)` types, interfaces; `tests/bindings/generated.rs` keeps it
//! fresh) and `otcore` (`otcore.f90`, the convenience routines) compile with
//! `gfortran -std=f2008 -Wall -Wextra -Werror`; every `bind(c)` type has the size of its C
//! struct; the examples (column-major arrays through strided views, checked against naive
//! loops) link against the shared library and run.

use crate::common;
use crate::support;
use std::process::Command;

/// The two modules, in compilation order.
fn modules() -> Vec<std::path::PathBuf> {
    ["otcore_c.f90", "otcore.f90"]
        .iter()
        .map(|f| common::root().join("bindings/fortran").join(f))
        .collect()
}

#[test]
fn module_and_example_compile_strictly() {
    if !common::tool("gfortran") {
        return;
    }
    let dir = support::temp_dir("fortran-compile");
    let mut sources = modules();
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
    for example in examples() {
        let name = example.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = support::temp_dir(&format!("fortran-modules-{name}"));
        let jflag = format!("-J{}", dir.display());
        let exe = common::build(
            "gfortran",
            &["-std=f2008", "-O1", &jflag],
            &[modules(), vec![example]].concat(),
            common::Link::Shared,
            &name,
        );
        let out = common::run(&[], &exe);
        assert!(out.contains(&format!("{name} example ok")), "{out}");
    }
}

/// `c_sizeof` of every generated `bind(c)` type equals C's `sizeof` of its struct: a wrong
/// kind in the generator's type mapping would change it.
#[test]
fn bind_c_types_have_the_size_of_their_c_structs() {
    if !common::tool("gfortran") {
        return;
    }
    let abi = support::abi();
    let names: Vec<&str> = abi.structs().map(|s| s.name.as_str()).collect();
    let mut f90 = String::from("program sizes\n    use otcore_c\n    implicit none\n");
    for (i, n) in names.iter().enumerate() {
        f90.push_str(&format!("    type({n}) :: v{i}\n"));
    }
    for i in 0..names.len() {
        f90.push_str(&format!("    print '(i0)', c_sizeof(v{i})\n"));
    }
    f90.push_str("end program sizes\n");
    let mut c = String::from("#include <stdio.h>\n#include \"otcore.h\"\nint main(void) {\n");
    for n in &names {
        c.push_str(&format!("    printf(\"%zu\\n\", sizeof({n}));\n"));
    }
    c.push_str("    return 0;\n}\n");
    let dir = support::temp_dir("fortran-sizes");
    std::fs::write(dir.join("sizes.f90"), f90).unwrap();
    std::fs::write(dir.join("sizes.c"), c).unwrap();
    let jflag = format!("-J{}", dir.display());
    let fexe = common::build(
        "gfortran",
        &["-std=f2008", &jflag],
        &[modules(), vec![dir.join("sizes.f90")]].concat(),
        common::Link::Shared,
        "fortran_sizes",
    );
    let cexe = common::build(
        "cc",
        &["-std=c99"],
        &[dir.join("sizes.c")],
        common::Link::Shared,
        "c_sizes",
    );
    let fortran = common::run(&[], &fexe);
    let c = common::run(&[], &cexe);
    let pairs: Vec<_> = fortran.lines().zip(c.lines()).collect();
    assert_eq!(pairs.len(), names.len(), "{fortran}\n{c}");
    for (name, (f, c)) in names.iter().zip(pairs) {
        assert_eq!(f.trim(), c.trim(), "sizeof {name}: Fortran {f}, C {c}");
    }
}
