//! `otcore-abi-gen [--check]`: writes every generated binding layer from
//! `include/otcore.h` (or, with `--check`, fails listing the stale ones). Run from anywhere
//! in the repository: `cargo run -p otcore-abi-gen`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let check = std::env::args().any(|a| a == "--check");
    let abi = otcore_abi_gen::Abi::load(&root);
    let mut stale = Vec::new();
    let r_glue = std::fs::read_to_string(root.join(otcore_abi_gen::R_GLUE_HEADER))
        .expect("read the R glue header");
    for (path, text) in otcore_abi_gen::generated_files(&abi, &r_glue) {
        let file = root.join(path);
        if std::fs::read_to_string(&file).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if check {
            stale.push(path);
        } else {
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).expect("create the output directory");
            }
            std::fs::write(&file, text).expect("write a generated file");
            println!("wrote {path}");
        }
    }
    if stale.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "stale (run `cargo run -p otcore-abi-gen`): {}",
            stale.join(", ")
        );
        ExitCode::FAILURE
    }
}
