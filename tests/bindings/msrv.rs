//! The declared minimum Rust version (`rust-version` in Cargo.toml) is one the library can be
//! built with: every crate the library depends on (normal and build dependencies, for this
//! host, all features) declares a `rust-version` no newer than ours. With a single toolchain
//! on the test machine this is the half of an MSRV build that can be checked; the other half,
//! the standard-library items the crate itself uses, is clippy's `incompatible_msrv` lint in
//! the `-D warnings` gate. Dependencies resolve by `.cargo/config.toml`'s
//! `incompatible-rust-versions = "fallback"`, so `cargo update` keeps this true.

use std::path::PathBuf;
use std::process::Command;

/// `major.minor[.patch]` as a comparable triple.
fn version(text: &str) -> (u32, u32, u32) {
    let mut parts = text.split('.').map(|p| p.parse::<u32>().expect(text));
    let major = parts.next().unwrap();
    (major, parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The value of the `rust-version` key of a manifest, if it has one.
fn rust_version(manifest: &str) -> Option<String> {
    manifest.lines().find_map(|line| {
        let value = line.trim().strip_prefix("rust-version")?.trim_start();
        Some(
            value
                .strip_prefix('=')?
                .trim()
                .trim_matches('"')
                .to_string(),
        )
    })
}

/// The manifests of the registry crates the library depends on (host platform, all features).
fn dependency_manifests() -> Vec<(String, PathBuf)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let host = String::from_utf8(Command::new("rustc").arg("-vV").output().unwrap().stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc -vV names the host");
    let out = Command::new(cargo)
        .args([
            "tree",
            "--locked",
            "--offline",
            "--all-features",
            "-e",
            "normal,build",
        ])
        .args(["--target", &host, "--prefix", "none", "--format", "{p}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cannot run cargo tree");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap()).join(".cargo"));
    let registries: Vec<PathBuf> = std::fs::read_dir(home.join("registry/src"))
        .expect("no cargo registry sources")
        .map(|e| e.unwrap().path())
        .collect();
    let mut manifests = Vec::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        // "name vX.Y.Z" for registry crates; workspace crates add their path.
        let mut words = line.split_whitespace();
        let (Some(name), Some(ver), None) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        let dir = format!("{name}-{}", ver.trim_start_matches('v'));
        let manifest = registries
            .iter()
            .map(|r| r.join(&dir).join("Cargo.toml"))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("no sources of {dir} in the cargo registry"));
        manifests.push((dir, manifest));
    }
    manifests.sort();
    manifests.dedup();
    manifests
}

#[test]
fn dependencies_build_with_the_declared_rust_version() {
    let ours = version(env!("CARGO_PKG_RUST_VERSION"));
    let manifests = dependency_manifests();
    assert!(
        manifests.iter().any(|(dir, _)| dir.starts_with("faer-")),
        "the dependency list misses faer: {manifests:?}"
    );
    let newer: Vec<String> = manifests
        .iter()
        .filter_map(|(dir, path)| {
            let theirs = rust_version(&std::fs::read_to_string(path).unwrap())?;
            (version(&theirs) > ours).then(|| format!("{dir} needs {theirs}"))
        })
        .collect();
    assert!(
        newer.is_empty(),
        "dependencies newer than rust-version {}: {newer:?}",
        env!("CARGO_PKG_RUST_VERSION")
    );
}

#[test]
fn rust_version_is_read_from_manifests() {
    assert_eq!(
        rust_version("[package]\nname = \"x\"\nrust-version = \"1.85\"\n").as_deref(),
        Some("1.85")
    );
    assert_eq!(rust_version("[package]\nname = \"x\"\n"), None);
    assert!(version("1.85") > version("1.84.1"));
}
