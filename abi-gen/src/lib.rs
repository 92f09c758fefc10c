//! One description of otcore's C ABI, read from `include/otcore.h` (as cbindgen writes it),
//! and the mechanical binding layers generated from it.
//!
//! [`Abi::parse`] reads the header once: constants, type aliases (function pointers with
//! their signatures), structs with their fields and every doc comment, functions with their
//! parameters. [`Abi::ops`] groups the functions into the operations of the ABI 1 shape
//! (`otc_OP_options_default`, `otc_OP_workspace_size_T`, `otc_OP_T`). Each generator module
//! turns the description into one committed file; [`generated_files`] lists them all, which
//! the `otcore-abi-gen` binary writes and the main crate's `tests/bindings/generated.rs`
//! checks for freshness.

pub mod cpp;
pub mod fortran;
pub mod julia;
pub mod layout;
pub mod python;
pub mod r;

use std::path::Path;

/// A C type as the header spells it, normalised: `const double*`, `otc_matrix_f64`,
/// `size_t*` (no `struct` keyword, `*` attached, single spaces).
pub type CType = String;

/// `#define NAME VALUE` with an integer value.
#[derive(Debug, Clone, PartialEq)]
pub struct Const {
    pub name: String,
    pub value: i64,
    pub doc: String,
}

/// A parameter or a struct field: C type, name, doc comment (fields only).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub ty: CType,
    pub name: String,
    pub doc: String,
}

/// `typedef C_TYPE NAME;`, or a function-pointer typedef with its signature.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub name: String,
    /// The aliased type; `void*` for a function pointer.
    pub ty: CType,
    /// For `typedef RET (*NAME)(params)`: the return type and parameters.
    pub function: Option<(CType, Vec<Field>)>,
    pub doc: String,
}

/// `typedef struct NAME { fields } NAME;`
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub name: String,
    pub fields: Vec<Field>,
    pub doc: String,
}

/// `RET NAME(params);`
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    pub name: String,
    pub ret: CType,
    pub params: Vec<Field>,
    pub doc: String,
}

/// One declaration of the header, in header order.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Const(Const),
    Alias(Alias),
    Struct(Struct),
    Function(Function),
}

/// Everything the header declares, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Abi {
    pub items: Vec<Item>,
}

/// One operation of the ABI 1 shape: `otc_<name>_options_default`,
/// `otc_<name>_workspace_size_<T>` and `otc_<name>_<T>` for each precision T it has.
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    /// The operation's name, `sinkhorn` in `otc_sinkhorn_f64`.
    pub name: String,
    /// `f64`, then `f32` where the operation has it.
    pub precisions: Vec<&'static str>,
}

impl Op {
    /// `otc_<op>_options`.
    pub fn options(&self) -> String {
        format!("otc_{}_options", self.name)
    }
    /// `otc_<op>_problem_<T>`.
    pub fn problem(&self, t: &str) -> String {
        format!("otc_{}_problem_{t}", self.name)
    }
    /// `otc_<op>_outputs_<T>`.
    pub fn outputs(&self, t: &str) -> String {
        format!("otc_{}_outputs_{t}", self.name)
    }
    /// `otc_<op>_<T>`.
    pub fn solve(&self, t: &str) -> String {
        format!("otc_{}_{t}", self.name)
    }
    /// `otc_<op>_workspace_size_<T>`.
    pub fn workspace_size(&self, t: &str) -> String {
        format!("otc_{}_workspace_size_{t}", self.name)
    }
    /// `otc_<op>_options_default`.
    pub fn options_default(&self) -> String {
        format!("otc_{}_options_default", self.name)
    }
    /// The operation's name in CamelCase: `SinkhornDivergence`.
    pub fn camel(&self) -> String {
        camel(&self.name)
    }
}

/// `sinkhorn_divergence` -> `SinkhornDivergence`.
pub fn camel(snake: &str) -> String {
    snake
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

impl Abi {
    /// Reads the header text.
    pub fn parse(header: &str) -> Abi {
        Abi {
            items: parse_items(header),
        }
    }

    /// Reads `include/otcore.h` under the repository root `root`.
    pub fn load(root: &Path) -> Abi {
        let path = root.join("include/otcore.h");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        Abi::parse(&text)
    }

    /// The constants, in order.
    pub fn consts(&self) -> impl Iterator<Item = &Const> {
        self.items.iter().filter_map(|i| match i {
            Item::Const(c) => Some(c),
            _ => None,
        })
    }

    /// The type aliases, in order.
    pub fn aliases(&self) -> impl Iterator<Item = &Alias> {
        self.items.iter().filter_map(|i| match i {
            Item::Alias(a) => Some(a),
            _ => None,
        })
    }

    /// The structs, in order.
    pub fn structs(&self) -> impl Iterator<Item = &Struct> {
        self.items.iter().filter_map(|i| match i {
            Item::Struct(s) => Some(s),
            _ => None,
        })
    }

    /// The functions, in order.
    pub fn functions(&self) -> impl Iterator<Item = &Function> {
        self.items.iter().filter_map(|i| match i {
            Item::Function(f) => Some(f),
            _ => None,
        })
    }

    /// The struct named `name`.
    pub fn find_struct(&self, name: &str) -> Option<&Struct> {
        self.structs().find(|s| s.name == name)
    }

    /// The function named `name`.
    pub fn find_function(&self, name: &str) -> Option<&Function> {
        self.functions().find(|f| f.name == name)
    }

    /// The function-pointer alias named `name`.
    pub fn function_pointer(&self, name: &str) -> Option<&Alias> {
        self.aliases()
            .find(|a| a.name == name && a.function.is_some())
    }

    /// The operations of the ABI 1 shape, in header order of their `options_default`.
    pub fn ops(&self) -> Vec<Op> {
        self.functions()
            .filter_map(|f| {
                let name = f
                    .name
                    .strip_prefix("otc_")?
                    .strip_suffix("_options_default")?;
                let precisions = ["f64", "f32"]
                    .into_iter()
                    .filter(|t| self.find_function(&format!("otc_{name}_{t}")).is_some())
                    .collect();
                Some(Op {
                    name: name.to_string(),
                    precisions,
                })
            })
            .collect()
    }
}

/// Whether `ty` is a pointer type.
pub fn is_pointer(ty: &str) -> bool {
    ty.ends_with('*')
}

/// The pointee of a pointer type without `const`: `const double*` -> `double`.
pub fn pointee(ty: &str) -> &str {
    ty.trim_end_matches('*').trim().trim_start_matches("const ")
}

/// The hand-written header of the R glue, whose routine declarations the R registration table
/// is generated from.
pub const R_GLUE_HEADER: &str = "bindings/r/otcore/src/otcore_r.h";

/// Every generated file: its path under the repository root and its text. `r_glue` is the text
/// of [`R_GLUE_HEADER`].
pub fn generated_files(abi: &Abi, r_glue: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "bindings/julia/OTCore/src/LibOTCore.jl",
            julia::generate(abi),
        ),
        ("bindings/fortran/otcore_c.f90", fortran::generate(abi)),
        ("bindings/cpp/otcore_abi.hpp", cpp::generate(abi)),
        (
            "bindings/r/otcore/src/otcore_options.h",
            r::generate_header(abi),
        ),
        ("bindings/r/otcore/src/otcore_options.c", r::generate(abi)),
        (
            "bindings/r/otcore/src/init.c",
            r::generate_registration(r_glue),
        ),
        ("benches/peers/otcore_abi.py", python::generate(abi)),
        ("tests/bindings/abi_layout_table.rs", layout::generate(abi)),
        (
            "tests/abi/fuzz_entries.rs",
            layout::generate_fuzz_entries(abi),
        ),
    ]
}

/// The first line of every generated file (in the file's comment syntax): what made it.
pub const GENERATED_NOTE: &str =
    "GENERATED from include/otcore.h by abi-gen (cargo run -p otcore-abi-gen). Do not edit.";

fn parse_items(header: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut doc = String::new(); // the last doc comment, waiting for its declaration
    let mut field_docs: Vec<String> = Vec::new(); // docs of the fields of the open struct
    let mut decl = String::new();
    let mut depth = 0i32;
    let mut skipping_cpp = false;
    // An open block comment: its text so far, and whether it is a doc comment (`/**`).
    let mut comment: Option<(String, bool)> = None;
    for raw in header.lines() {
        let line = raw.trim();
        if let Some((text, _)) = comment.as_mut() {
            let (body, done) = match line.find("*/") {
                Some(end) => (&line[..end], true),
                None => (line, false),
            };
            let body = body.trim_start_matches('*');
            let body = body.strip_prefix(' ').unwrap_or(body).trim_end();
            if !text.is_empty() || !body.is_empty() {
                text.push_str(body);
                text.push('\n');
            }
            if done {
                let (text, is_doc) = comment.take().unwrap();
                let text = text.trim_end().to_string();
                if !is_doc {
                    continue;
                }
                if depth == 0 {
                    doc = text;
                } else {
                    field_docs.push(text);
                }
            }
            continue;
        }
        if skipping_cpp {
            skipping_cpp = !line.starts_with("#endif");
            continue;
        }
        if line.starts_with("#ifdef __cplusplus") {
            skipping_cpp = true;
            continue;
        }
        if let Some(body) = line.strip_prefix("/**") {
            match body.find("*/") {
                Some(end) if depth == 0 => doc = body[..end].trim().to_string(),
                Some(end) => field_docs.push(body[..end].trim().to_string()),
                None => comment = Some((String::new(), true)),
            }
            continue;
        }
        if line.starts_with("/*") {
            // A plain comment: skip to its end.
            if !line.contains("*/") {
                comment = Some((String::new(), false));
            }
            continue;
        }
        if line.starts_with('#') {
            let mut parts = line.split_whitespace();
            if parts.next() == Some("#define") {
                if let (Some(name), Some(value)) = (parts.next(), parts.next()) {
                    if let Ok(value) = value.parse::<i64>() {
                        items.push(Item::Const(Const {
                            name: name.into(),
                            value,
                            doc: std::mem::take(&mut doc),
                        }));
                    }
                }
            }
            continue;
        }
        let code = line.split("//").next().unwrap_or("");
        if code.is_empty() {
            continue;
        }
        for ch in code.chars() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if ch == ';' && depth == 0 {
                let docs = std::mem::take(&mut field_docs);
                items.push(parse_decl(decl.trim(), std::mem::take(&mut doc), docs));
                decl.clear();
            } else if ch == ';' {
                decl.push_str(";\n");
            } else {
                decl.push(ch);
            }
        }
        decl.push(' ');
    }
    items
}

/// `const double *data` -> (`const double*`, `data`).
fn split_typed(s: &str) -> (CType, String) {
    let s = s.trim();
    let cut = s
        .rfind([' ', '*'])
        .unwrap_or_else(|| panic!("a typed name: `{s}`"));
    let (ty, name) = s.split_at(cut + 1);
    (normalize_type(ty), name.trim().to_string())
}

fn normalize_type(ty: &str) -> CType {
    let ty = ty.replace('*', " * ");
    // cbindgen's style "both" writes `struct otc_x`: the typedef name is the type.
    let words: Vec<&str> = ty.split_whitespace().filter(|w| *w != "struct").collect();
    words.join(" ").replace(" *", "*")
}

fn params(inner: &str) -> Vec<Field> {
    let inner = inner.trim();
    if inner == "void" || inner.is_empty() {
        return Vec::new();
    }
    inner
        .split(',')
        .map(|p| {
            let (ty, name) = split_typed(p);
            Field {
                ty,
                name,
                doc: String::new(),
            }
        })
        .collect()
}

fn parse_decl(decl: &str, doc: String, field_docs: Vec<String>) -> Item {
    let decl = decl.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(rest) = decl.strip_prefix("typedef struct ") {
        let open = rest.find('{').expect("struct body");
        let close = rest.rfind('}').expect("struct body end");
        let name = rest[close + 1..].trim().to_string();
        let decls: Vec<&str> = rest[open + 1..close]
            .split(';')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        assert_eq!(
            decls.len(),
            field_docs.len(),
            "struct {name}: every field must have one doc comment"
        );
        let fields = decls
            .into_iter()
            .zip(field_docs)
            .map(|(d, doc)| {
                let (ty, name) = split_typed(d);
                Field { ty, name, doc }
            })
            .collect();
        return Item::Struct(Struct { name, fields, doc });
    }
    if let Some(rest) = decl.strip_prefix("typedef ") {
        if let Some(star) = rest.find("(*") {
            let end = rest[star..].find(')').expect("function pointer name") + star;
            let name = rest[star + 2..end].trim().to_string();
            let ret = normalize_type(&rest[..star]);
            let inner = &rest[end + 1..];
            let inner = &inner[inner.find('(').expect("parameters") + 1..inner.rfind(')').unwrap()];
            return Item::Alias(Alias {
                name,
                ty: "void*".into(),
                function: Some((ret, params(inner))),
                doc,
            });
        }
        let (ty, name) = split_typed(rest);
        return Item::Alias(Alias {
            name,
            ty,
            function: None,
            doc,
        });
    }
    let open = decl
        .find('(')
        .unwrap_or_else(|| panic!("unexpected declaration: {decl}"));
    let (ret, name) = split_typed(&decl[..open]);
    let inner = &decl[open + 1..decl.rfind(')').unwrap()];
    Item::Function(Function {
        name,
        ret,
        params: params(inner),
        doc,
    })
}

/// Writes `text` as comment lines with `prefix` (`"# "`, `"! "`, `"/// "`), an empty
/// comment line for an empty doc line; nothing for an empty doc.
pub fn comment_lines(out: &mut String, doc: &str, indent: &str, prefix: &str) {
    for line in doc.lines() {
        if line.trim().is_empty() {
            out.push_str(indent);
            out.push_str(prefix.trim_end());
            out.push('\n');
        } else {
            out.push_str(&format!("{indent}{prefix}{line}\n"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
#ifndef X
#define X
/**
 * A constant.
 */
#define OTC_A 3
typedef int32_t otc_status;
/**
 * Callback.
 */
typedef int32_t (*otc_cb)(void *data, uint64_t iteration, double error);
/**
 * Options.
 */
typedef struct otc_x_options {
    /**
     * `sizeof`.
     */
    size_t struct_size;
    /**
     * Threads:
     *
     * two lines.
     */
    uint32_t num_threads;
    /** One line. */
    struct otc_matrix_f64 cost;
} otc_x_options;
#ifdef __cplusplus
extern "C" {
#endif // __cplusplus
/**
 * Defaults.
 */
otc_status otc_x_options_default(struct otc_x_options *opts);
otc_status otc_x_f64(const struct otc_x_problem_f64 *problem, struct otc_x_outputs_f64 *out, const struct otc_x_options *opts, struct otc_workspace work);
const char *otc_version_string(void);
#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus
#endif
"#;

    #[test]
    fn parses_every_kind_of_declaration() {
        let abi = Abi::parse(SAMPLE);
        let c: Vec<_> = abi.consts().collect();
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].name.as_str(), c[0].value, c[0].doc.as_str()),
            ("OTC_A", 3, "A constant.")
        );
        let cb = abi.function_pointer("otc_cb").unwrap();
        let (ret, ps) = cb.function.as_ref().unwrap();
        assert_eq!(ret, "int32_t");
        assert_eq!(
            ps.iter().map(|p| p.ty.as_str()).collect::<Vec<_>>(),
            ["void*", "uint64_t", "double"]
        );
        let s = abi.find_struct("otc_x_options").unwrap();
        assert_eq!(s.doc, "Options.");
        let f: Vec<_> = s
            .fields
            .iter()
            .map(|f| (f.ty.as_str(), f.name.as_str(), f.doc.as_str()))
            .collect();
        assert_eq!(
            f,
            [
                ("size_t", "struct_size", "`sizeof`."),
                ("uint32_t", "num_threads", "Threads:\n\ntwo lines."),
                ("otc_matrix_f64", "cost", "One line.")
            ]
        );
        let solve = abi.find_function("otc_x_f64").unwrap();
        assert_eq!(
            solve
                .params
                .iter()
                .map(|p| p.ty.as_str())
                .collect::<Vec<_>>(),
            [
                "const otc_x_problem_f64*",
                "otc_x_outputs_f64*",
                "const otc_x_options*",
                "otc_workspace"
            ]
        );
        assert_eq!(
            abi.find_function("otc_version_string").unwrap().ret,
            "const char*"
        );
        assert!(abi
            .find_function("otc_version_string")
            .unwrap()
            .params
            .is_empty());
        let ops = abi.ops();
        assert_eq!(ops.len(), 1);
        assert_eq!(
            (ops[0].name.as_str(), ops[0].precisions.clone()),
            ("x", vec!["f64"])
        );
    }

    #[test]
    fn camel_case_names() {
        assert_eq!(camel("sinkhorn_divergence"), "SinkhornDivergence");
        assert_eq!(camel("wasserstein_1d"), "Wasserstein1d");
    }
}
