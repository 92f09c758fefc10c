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
         pub fn layout_table() -> Vec<(String, usize)> {{\n    let mut all = Vec::new();\n"
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

/// The entry table of `tests/abi/fuzz_abi.rs`, `tests/abi/fuzz_entries.rs`: one `entry!` per
/// computing entry point (every operation in every precision), so that the fuzz harness calls
/// every entry point of the header, new ones included.
pub fn generate_fuzz_entries(abi: &Abi) -> String {
    let mut out = format!(
        "// {GENERATED_NOTE}\n\n\
         /// Every computing entry point of include/otcore.h (every operation, f64 and f32).\n\
         fn entries() -> Vec<Entry> {{\n    vec![\n"
    );
    for op in abi.ops() {
        for t in &op.precisions {
            out.push_str(&format!(
                "        entry!({}, {}, {}, {}, {}, {}),\n",
                op.solve(t),
                op.options(),
                op.problem(t),
                op.outputs(t),
                op.options_default(),
                op.workspace_size(t)
            ));
        }
    }
    out.push_str("    ]\n}\n");
    out
}
