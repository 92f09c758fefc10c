//! Shared helpers of the integration tests: building and running native (C, C++, Fortran)
//! programs against the library cargo just built.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The directory holding `libotcore.so` and `libotcore.a` of this build: target/<profile>/deps,
/// where `cargo test` writes them (it does not copy them up to target/<profile> as `cargo build`
/// does, so that copy may be stale or missing); target/<profile> only when deps lacks them.
pub fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let deps = exe.parent().expect("target/<profile>/deps");
    if deps.join("libotcore.so").is_file() && deps.join("libotcore.a").is_file() {
        return deps.to_path_buf();
    }
    deps.parent().expect("target/<profile>").to_path_buf()
}

/// Repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// How to link a native program against otcore.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// `-lotcore` against libotcore.so, with an rpath.
    Shared,
    /// libotcore.a and the system libraries a Rust static library needs.
    Static,
}

/// Compiles `sources` with `compiler` and `flags`, links against otcore as `link`, and
/// returns the executable's path (in a fresh temporary directory).
pub fn build(
    compiler: &str,
    flags: &[&str],
    sources: &[PathBuf],
    link: Link,
    name: &str,
) -> PathBuf {
    let out_dir = std::env::temp_dir().join(format!(
        "otcore-native-{}-{name}-{link:?}",
        std::process::id()
    ));
    std::fs::create_dir_all(&out_dir).unwrap();
    let exe = out_dir.join(name);
    let lib = lib_dir();
    let mut cmd = Command::new(compiler);
    cmd.args(flags)
        .arg("-I")
        .arg(root().join("include"))
        .args(sources)
        .arg("-o")
        .arg(&exe);
    match link {
        Link::Shared => {
            soname_link(&lib);
            cmd.arg("-L")
                .arg(&lib)
                .arg("-lotcore")
                .arg(format!("-Wl,-rpath,{}", lib.display()))
                // DT_RPATH, not DT_RUNPATH: this build's library wins over any other
                // libotcore.so.<major> on LD_LIBRARY_PATH (cargo puts target/<profile> there,
                // which may hold a stale copy from an earlier `cargo build`).
                .arg("-Wl,--disable-new-dtags");
        }
        Link::Static => {
            cmd.arg(lib.join("libotcore.a"))
                .args(["-lpthread", "-ldl", "-lm"]);
        }
    }
    cmd.arg("-lm");
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {compiler}: {e}"));
    assert!(
        out.status.success(),
        "{compiler} failed on {sources:?}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    exe
}

/// The shared library carries the SONAME `libotcore.so.<major>` (build.rs), which is what a
/// program linked against it asks the loader for: make that name exist beside cargo's
/// `libotcore.so` (a relative symlink, so it follows rebuilds).
pub fn soname_link(lib: &Path) {
    let soname = lib.join(concat!("libotcore.so.", env!("CARGO_PKG_VERSION_MAJOR")));
    if std::fs::symlink_metadata(&soname).is_err() {
        match std::os::unix::fs::symlink("libotcore.so", &soname) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => panic!("cannot create {soname:?}: {e}"),
        }
    }
}

/// Runs `exe` (optionally under `wrapper`, e.g. valgrind) and returns its standard output;
/// panics with its output when it exits non-zero.
pub fn run(wrapper: &[&str], exe: &Path) -> String {
    let mut cmd = match wrapper.split_first() {
        Some((w, rest)) => {
            let mut c = Command::new(w);
            c.args(rest).arg(exe);
            c
        }
        None => Command::new(exe),
    };
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {exe:?}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{exe:?} failed ({}):\n{stdout}{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Whether `program` can be run (e.g. valgrind, g++, gfortran).
pub fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the test may use `program`: true when it runs; when it does not, a panic if
/// `OTCORE_REQUIRE_TOOLS` is set (the test command sets it after installing everything),
/// else a note on stderr and false (the caller returns, skipping).
pub fn tool(program: &str) -> bool {
    if have(program) {
        return true;
    }
    if std::env::var_os("OTCORE_REQUIRE_TOOLS").is_some() {
        panic!("{program} is required (OTCORE_REQUIRE_TOOLS is set) but cannot be run");
    }
    eprintln!("skipping: {program} is not installed (bash scripts/test.sh installs it)");
    false
}
