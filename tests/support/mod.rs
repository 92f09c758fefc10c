//! Helpers shared by the binding tests (C examples, packaging, C++, Julia, R, Fortran, MPI):
//! what the header declares, whether a program only calls declared entry points, temporary
//! directories and commands that must succeed.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `include/otcore.h` as committed.
pub fn header() -> String {
    std::fs::read_to_string(super::common::root().join("include/otcore.h")).expect("otcore.h")
}

/// Names of the functions `include/otcore.h` declares.
pub fn header_functions() -> BTreeSet<String> {
    let h = header();
    let mut out = BTreeSet::new();
    for line in h.lines() {
        let line = line.trim_start();
        if line.starts_with('*') || line.starts_with("/*") || line.starts_with("#") {
            continue;
        }
        if let Some(open) = line.find('(') {
            if let Some(name) = line[..open].split_whitespace().last() {
                let name = name.trim_start_matches('*');
                if name.starts_with("otc_") {
                    out.insert(name.to_string());
                }
            }
        }
    }
    out
}

/// Every `otc_xxx` identifier followed by `(` or `"` (a call, or a Fortran `bind(c, name=..)`)
/// in `text`, less the types (`otc_matrix_*`, `otc_*_options`, `otc_status`).
pub fn called_functions(text: &str) -> BTreeSet<String> {
    let b = text.as_bytes();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while let Some(pos) = text[i..].find("otc_") {
        let start = i + pos;
        let boundary =
            start == 0 || !(b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_');
        let mut end = start;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
            end += 1;
        }
        let mut next = end;
        while next < b.len() && b[next] == b' ' {
            next += 1;
        }
        if boundary && next < b.len() && (b[next] == b'(' || b[next] == b'"') {
            out.insert(text[start..end].to_string());
        }
        i = end.max(start + 4);
    }
    out
}

/// The entry points `source` calls that this library's header does not declare (empty when
/// the program can be built here). A binding for a capability not yet merged is skipped with
/// a note instead of failing to link.
pub fn missing_entry_points(source: &Path) -> Vec<String> {
    let mut v = missing_in(source);
    v.dedup();
    v
}

fn missing_in(source: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(source).unwrap();
    let have = header_functions();
    let header = header();
    // Programs using a wrapper name the entry points it calls on a `requires:` comment line.
    let required = text
        .lines()
        .filter_map(|l| l.split_once("requires:").map(|(_, r)| r))
        .flat_map(|r| r.split(|c: char| c == ',' || c.is_whitespace()))
        .filter(|w| w.starts_with("otc_"))
        .map(String::from);
    called_functions(&text)
        .into_iter()
        .chain(required)
        // Julia constructs the view and options structs with call syntax: types count too.
        .filter(|f| !have.contains(f) && !header.contains(&format!("typedef struct {f} ")))
        .collect()
}

/// Whether every entry point `source` calls is declared; prints a skip note when not. Under
/// the test command (`OTCORE_REQUIRE_TOOLS` set) a missing entry point is a failure: there a
/// binding naming a function the header lacks is a mismatch, not work in progress.
pub fn buildable(source: &Path) -> bool {
    let missing = missing_entry_points(source);
    if missing.is_empty() {
        return true;
    }
    if std::env::var_os("OTCORE_REQUIRE_TOOLS").is_some() {
        panic!(
            "{} uses {missing:?}, which include/otcore.h does not declare",
            source.display()
        );
    }
    eprintln!(
        "skipping {}: the library does not export {missing:?} yet",
        source.display()
    );
    false
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
