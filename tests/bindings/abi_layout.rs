//! `sizeof`/`offsetof` of every ABI struct, printed by a C program compiled against
//! `include/otcore.h`, equal Rust's `size_of`/`offset_of!`. The list of structs and fields is
//! generated from the header by abi-gen (`tests/bindings/abi_layout_table.rs`).

use crate::common;

#[path = "../abi_support/layout.rs"]
mod layout;
use layout::layout_table;

#[test]
fn c_and_rust_agree_on_every_abi_struct() {
    let entries = layout_table();
    if entries.is_empty() {
        return;
    }
    let mut c = String::from(
        "#include <stddef.h>\n#include <stdio.h>\n#include \"otcore.h\"\nint main(void) {\n",
    );
    for (expr, _) in &entries {
        c.push_str(&format!("    printf(\"%zu\\n\", (size_t){expr});\n"));
    }
    c.push_str("    return 0;\n}\n");
    let dir = std::env::temp_dir().join(format!("otcore-abi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("abi_layout.c");
    std::fs::write(&src, c).unwrap();
    let flags = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"];
    let exe = common::build("cc", &flags, &[src], common::Link::Shared, "abi_layout");
    let out = common::run(&[], &exe);
    let c_values: Vec<usize> = out.lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(c_values.len(), entries.len());
    for ((expr, rust), c) in entries.iter().zip(c_values) {
        assert_eq!(*rust, c, "{expr}: Rust says {rust}, C says {c}");
    }
}
