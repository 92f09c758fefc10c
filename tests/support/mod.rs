//! Helpers shared by the binding tests (C examples, packaging, C++, Julia, R, Fortran, MPI):
//! what the header declares, temporary directories and commands that must succeed.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

/// `include/otcore.h` as committed.
pub fn header() -> String {
    std::fs::read_to_string(super::common::root().join("include/otcore.h")).expect("otcore.h")
}

/// `include/otcore.h` read once into the ABI description (functions, structs, constants).
pub fn abi() -> otcore_abi_gen::Abi {
    otcore_abi_gen::Abi::parse(&header())
}

/// Names of the functions `include/otcore.h` declares.
pub fn header_functions() -> BTreeSet<String> {
    abi().functions().map(|f| f.name.clone()).collect()
}

/// A fresh, empty temporary directory for this test process.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("otcore-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `cmd`, panics with its output when it fails, returns its standard output.
pub fn ok(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{stdout}{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Files of `dir` (relative to the repository root) whose name ends with `ext`, sorted.
pub fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(super::common::root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(ext))
        .collect();
    v.sort();
    v
}

/// Installs otcore with `scripts/install.sh` into a temporary prefix, once per test binary,
/// from the libraries this test build made (no cargo build), and returns the prefix.
pub fn install_prefix() -> PathBuf {
    static PREFIX: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PREFIX
        .get_or_init(|| install_into(temp_dir("prefix")))
        .clone()
}

fn install_into(prefix: PathBuf) -> PathBuf {
    ok(Command::new("bash")
        .arg(super::common::root().join("scripts/install.sh"))
        .arg(&prefix)
        .arg("--from")
        .arg(super::common::lib_dir()));
    prefix
}
