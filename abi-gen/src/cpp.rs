//! C++'s low-level layer, `bindings/cpp/otcore_abi.hpp`, included by the hand-written
//! `otcore.hpp` (after `otcore::check`):
//! * `otcore::abi::solve`, `workspace_size`, `solve_name` and `options_default` overloaded on
//!   every operation's C structs, so one template serves every operation and precision;
//! * `otcore::abi::<op><T>`: the operation's problem, outputs and options types for `double`
//!   and `float`;
//! * `otcore::<Op>Options`: the operation's C options struct `c`, filled with the library's
//!   defaults, with one chainable `with_<field>` setter per field (the callback's three
//!   fields in one `with_callback(every, function, data)`).

use crate::{comment_lines, Abi, Op, GENERATED_NOTE};

const CALLBACK_FIELDS: [&str; 3] = ["callback_every", "callback", "callback_data"];

fn cpp_precision(t: &str) -> &'static str {
    if t == "f32" {
        "float"
    } else {
        "double"
    }
}

fn overloads(op: &Op, out: &mut String) {
    let opts = op.options();
    out.push_str(&format!(
        "inline otc_status options_default({opts} *opts) {{ return {}(opts); }}\n",
        op.options_default()
    ));
    for t in &op.precisions {
        let (problem, outputs) = (op.problem(t), op.outputs(t));
        let (solve, size) = (op.solve(t), op.workspace_size(t));
        out.push_str(&format!(
            "inline otc_status solve(const {problem} *problem, {outputs} *out, const {opts} *opts,\n\
             \x20                       otc_workspace work) {{\n\
             \x20   return {solve}(problem, out, opts, work);\n}}\n\
             inline otc_status workspace_size(const {problem} *problem, const {opts} *opts,\n\
             \x20                                std::size_t *bytes) {{\n\
             \x20   return {size}(problem, opts, bytes);\n}}\n\
             inline const char *solve_name(const {problem} *) {{ return \"{solve}\"; }}\n"
        ));
    }
    out.push_str(&format!(
        "/// The C structs of `{}` in precision T.\ntemplate <class T>\nstruct {};\n",
        op.name, op.name
    ));
    for t in &op.precisions {
        out.push_str(&format!(
            "template <>\nstruct {}<{}> {{\n    using problem = {};\n    using outputs = {};\n    using options = {opts};\n}};\n",
            op.name,
            cpp_precision(t),
            op.problem(t),
            op.outputs(t)
        ));
    }
    out.push('\n');
}

fn options_class(abi: &Abi, op: &Op, out: &mut String) {
    let opts = abi
        .find_struct(&op.options())
        .unwrap_or_else(|| panic!("{} is not declared", op.options()));
    let class = format!("{}Options", op.camel());
    out.push_str(&format!(
        "/// Options of `{}` ({}): the C struct `c`, filled with the library's defaults, and a\n\
         /// chainable setter per field.\nstruct {class} {{\n    {} c;  ///< the C struct (every field can also be set directly)\n\
         \x20   {class}() {{ check({}(&c), \"{}\"); }}\n",
        op.name,
        opts.name,
        opts.name,
        op.options_default(),
        op.options_default()
    ));
    for f in &opts.fields {
        if f.name == "struct_size" || CALLBACK_FIELDS.contains(&f.name.as_str()) {
            continue;
        }
        comment_lines(out, &f.doc, "    ", "/// ");
        out.push_str(&format!(
            "    {class} &with_{0}({1} value) {{\n        c.{0} = value;\n        return *this;\n    }}\n",
            f.name, f.ty
        ));
    }
    if CALLBACK_FIELDS
        .iter()
        .all(|n| opts.fields.iter().any(|f| f.name == *n))
    {
        out.push_str(&format!(
            "    /// Progress callback: `function(data, iteration, error)` on the calling thread at most\n\
             \x20   /// once per `every` iterations (0: never); nonzero stops the solve\n\
             \x20   /// (`OTC_WARN_CANCELLED`, valid outputs).\n\
             \x20   {class} &with_callback(std::uint64_t every, otc_callback function, void *data = nullptr) {{\n\
             \x20       c.callback_every = every;\n        c.callback = function;\n        c.callback_data = data;\n        return *this;\n    }}\n"
        ));
    }
    out.push_str("};\n\n");
}

/// The text of `otcore_abi.hpp`.
pub fn generate(abi: &Abi) -> String {
    let mut out = format!(
        "// {GENERATED_NOTE}\n\
         //\n\
         // The mechanical C++ layer over include/otcore.h, included by otcore.hpp after\n\
         // otcore::check (not a standalone header):\n\
         // * otcore::abi::solve / workspace_size / solve_name / options_default, overloaded on\n\
         //   every operation's C structs;\n\
         // * otcore::abi::<op><T>: the problem, outputs and options types of <op> for T = double\n\
         //   (and float where the operation has it);\n\
         // * otcore::<Op>Options: the C options struct `c` with the library's defaults and a\n\
         //   chainable with_<field>(value) per field.\n\
         #ifndef OTCORE_ABI_HPP\n#define OTCORE_ABI_HPP\n\n#include <cstddef>\n#include <cstdint>\n\n\
         #include \"otcore.h\"\n\nnamespace otcore {{\nnamespace abi {{\n\n"
    );
    let ops = abi.ops();
    for op in &ops {
        overloads(op, &mut out);
    }
    out.push_str("}  // namespace abi\n\n");
    for op in &ops {
        options_class(abi, op, &mut out);
    }
    out.push_str("}  // namespace otcore\n\n#endif  // OTCORE_ABI_HPP\n");
    out
}
