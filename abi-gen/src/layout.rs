//! The table of `tests/bindings/abi_layout.rs`, `tests/bindings/abi_layout_table.rs`: every struct of
//! the header with every field, as `layout!` invocations whose C `sizeof`/`offsetof` the test
//! compares with Rust's `size_of`/`offset_of!` of the `#[repr(C)]` type of the same name.

use crate::{Abi, GENERATED_NOTE};

/// The text of `abi_layout_table.rs`.
pub fn generate(abi: &Abi) -> String {
    let mut out = format!(
        "// {GENERATED_NOTE}\n\n\
         /// `(C expression, Rust value)` pairs: the size and every field offset of every struct\n\
         /// of include/otcore.h.\n\
         fn layout_table() -> Vec<(String, usize)> {{\n    let mut all = Vec::new();\n"
    );
    for s in abi.structs() {
        let fields: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
        out.push_str(&format!(
            "    all.extend(layout!({} {{ {} }}));\n",
            s.name,
            fields.join(", ")
        ));
    }
    out.push_str("    all\n}\n");
    out
}
