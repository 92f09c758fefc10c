//! The committed generated files are fresh: `include/otcore.h` (cbindgen, from `src/ffi`) and
//! every binding layer abi-gen writes from that header (Julia's `LibOTCore.jl`, Fortran's
//! `otcore_c.f90`, C++'s `otcore_abi.hpp`, R's option setters, the Python ctypes mirror, the
//! ABI layout table, and R's registration table from the glue's declarations in otcore_r.h).
//! Both are regenerated in memory, the bindings from the fresh header, and
//! a stale file fails with its first differences and the refresh command:
//! `OTCORE_BLESS=1 cargo test --all-features --test bindings -- generated` (writes them all).

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cbindgen_header() -> String {
    let config = cbindgen::Config::from_file(root().join("cbindgen.toml")).expect("cbindgen.toml");
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_crate(root())
        .with_config(config)
        .generate()
        .expect("cbindgen failed to parse src/")
        .write(&mut out);
    String::from_utf8(out).expect("utf-8 header")
}

/// Writes `fresh` to `path` under OTCORE_BLESS; otherwise the first differences, if any.
fn compare_or_bless(path: &str, fresh: &str) -> Option<String> {
    let file = root().join(path);
    if std::env::var_os("OTCORE_BLESS").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, fresh).unwrap_or_else(|e| panic!("write {path}: {e}"));
        return None;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    if committed == fresh {
        return None;
    }
    let mut diff: Vec<String> = committed
        .lines()
        .zip(fresh.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .take(5)
        .map(|(i, (a, b))| format!("  line {}:\n    committed: {a}\n    generated: {b}", i + 1))
        .collect();
    if diff.is_empty() {
        diff.push(format!(
            "  {} committed lines, {} generated",
            committed.lines().count(),
            fresh.lines().count()
        ));
    }
    Some(format!("{path} is stale:\n{}", diff.join("\n")))
}

#[test]
fn header_and_bindings_are_fresh() {
    let header = cbindgen_header();
    let mut stale: Vec<String> = compare_or_bless("include/otcore.h", &header)
        .into_iter()
        .collect();
    let abi = otcore_abi_gen::Abi::parse(&header);
    let r_glue = std::fs::read_to_string(root().join(otcore_abi_gen::R_GLUE_HEADER)).unwrap();
    for (path, text) in otcore_abi_gen::generated_files(&abi, &r_glue) {
        stale.extend(compare_or_bless(path, &text));
    }
    assert!(
        stale.is_empty(),
        "{}\nrefresh with: OTCORE_BLESS=1 cargo test --all-features --test bindings -- generated",
        stale.join("\n")
    );
}
