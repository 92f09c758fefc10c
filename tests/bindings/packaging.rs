//! Packaging: the shared library's SONAME, `scripts/install.sh` into a temporary prefix (from
//! the libraries this test build made), and C examples built against that prefix through
//! pkg-config and through CMake's `find_package(otcore)`, then run.

use crate::common;
use crate::support;
use std::path::Path;
use std::process::Command;

fn major() -> &'static str {
    env!("CARGO_PKG_VERSION_MAJOR")
}

fn soname_of(lib: &Path) -> String {
    let out = support::ok(Command::new("readelf").arg("-d").arg(lib));
    out.lines()
        .find(|l| l.contains("(SONAME)"))
        .and_then(|l| l.split('[').nth(1))
        .map(|s| s.trim_end_matches(']').to_string())
        .unwrap_or_else(|| panic!("no SONAME in {lib:?}:\n{out}"))
}

#[test]
fn shared_library_has_the_major_version_soname() {
    if !common::tool("readelf") {
        return;
    }
    let lib = common::lib_dir().join("libotcore.so");
    assert_eq!(soname_of(&lib), format!("libotcore.so.{}", major()));
}

#[test]
fn install_lays_out_libraries_headers_and_package_files() {
    let prefix = support::install_prefix();
    let version = env!("CARGO_PKG_VERSION");
    let lib = prefix.join("lib");
    let real = lib.join(format!("libotcore.so.{version}"));
    assert!(real.is_file());
    let link = |name: String| std::fs::read_link(lib.join(&name)).unwrap();
    assert_eq!(
        link(format!("libotcore.so.{}", major())),
        Path::new(&format!("libotcore.so.{version}"))
    );
    assert_eq!(
        link("libotcore.so".into()),
        Path::new(&format!("libotcore.so.{}", major()))
    );
    for f in [
        "lib/libotcore.a",
        "include/otcore.h",
        "include/otcore.hpp",
        "include/otcore_abi.hpp",
        "share/otcore/fortran/otcore_c.f90",
        "share/otcore/fortran/otcore.f90",
        "lib/pkgconfig/otcore.pc",
        "lib/cmake/otcore/otcoreConfig.cmake",
        "lib/cmake/otcore/otcoreConfigVersion.cmake",
    ] {
        assert!(prefix.join(f).is_file(), "{f} not installed");
    }
    let pc = std::fs::read_to_string(lib.join("pkgconfig/otcore.pc")).unwrap();
    assert!(pc.contains(&format!("Version: {version}\n")), "{pc}");
    assert_eq!(
        std::fs::read(prefix.join("include/otcore.h")).unwrap(),
        std::fs::read(common::root().join("include/otcore.h")).unwrap()
    );
}

#[test]
fn c_example_builds_with_pkg_config_against_the_prefix() {
    if !common::tool("pkg-config") || !common::tool("readelf") {
        return;
    }
    let prefix = support::install_prefix();
    let pc_path = prefix.join("lib/pkgconfig");
    let pkg = |args: &[&str]| {
        let out = support::ok(
            Command::new("pkg-config")
                .env("PKG_CONFIG_PATH", &pc_path)
                .args(args)
                .arg("otcore"),
        );
        out.split_whitespace().map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(pkg(&["--modversion"]), [env!("CARGO_PKG_VERSION")]);
    let dir = support::temp_dir("pkgconfig-build");
    let src = common::root().join("bindings/c/version.c");
    // Shared, found at run time through the rpath: it must ask for the SONAME.
    let exe = dir.join("version");
    support::ok(
        Command::new("cc")
            .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"])
            .args(pkg(&["--cflags"]))
            .arg(&src)
            .arg("-o")
            .arg(&exe)
            .args(pkg(&["--libs"]))
            .arg(format!("-Wl,-rpath,{}", prefix.join("lib").display()))
            .arg("-Wl,--disable-new-dtags"),
    );
    let out = common::run(&[], &exe);
    assert!(out.contains("version example ok"), "{out}");
    let dynamic = support::ok(Command::new("readelf").arg("-d").arg(&exe));
    assert!(
        dynamic.contains(&format!("[libotcore.so.{}]", major())),
        "the program does not depend on the SONAME:\n{dynamic}"
    );
    // Static, with the private libraries pkg-config adds.
    let exe_static = dir.join("version_static");
    let mut libs = vec![prefix.join("lib/libotcore.a").display().to_string()];
    libs.extend(
        pkg(&["--libs-only-other", "--libs-only-l", "--static"])
            .into_iter()
            .filter(|l| l != "-lotcore"),
    );
    support::ok(
        Command::new("cc")
            .args(pkg(&["--cflags"]))
            .arg(&src)
            .arg("-o")
            .arg(&exe_static)
            .args(&libs),
    );
    assert!(common::run(&[], &exe_static).contains("version example ok"));
}

#[test]
fn c_examples_build_with_cmake_find_package() {
    if !common::tool("cmake") {
        return;
    }
    let prefix = support::install_prefix();
    let names: Vec<String> = support::files("bindings/c", ".c")
        .iter()
        .map(|s| s.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let build = support::temp_dir("cmake-build");
    support::ok(
        Command::new("cmake")
            .arg("-S")
            .arg(common::root().join("bindings/c"))
            .arg("-B")
            .arg(&build)
            .arg(format!("-DCMAKE_PREFIX_PATH={}", prefix.display()))
            .arg(format!("-DOTCORE_EXAMPLES={}", names.join(";"))),
    );
    support::ok(
        Command::new("cmake")
            .arg("--build")
            .arg(&build)
            .args(["-j", "2"]),
    );
    for name in &names {
        for exe in [name.clone(), format!("{name}_static")] {
            let out = common::run(&[], &build.join(&exe));
            assert!(out.contains(&format!("{name} example ok")), "{exe}: {out}");
        }
    }
}
