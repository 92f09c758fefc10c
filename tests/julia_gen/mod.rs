//! Generator of the Julia binding's low-level layer, `bindings/julia/OTCore/src/LibOTCore.jl`,
//! from `include/otcore.h` (as cbindgen writes it): constants, `otc_status`, struct mirrors
//! (isbits, same field order and C types) and one `ccall` wrapper per function, through
//! function pointers resolved by `load!(path)` at module initialisation.
//!
//! Refresh the committed file: `OTCORE_BLESS=1 cargo test --test julia_binding`.

#![allow(dead_code)]

/// One declaration of the header.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `#define NAME VALUE` with an integer value.
    Const {
        name: String,
        value: String,
        doc: String,
    },
    /// `typedef C_TYPE NAME;`
    Alias {
        name: String,
        c_type: String,
        doc: String,
    },
    /// `typedef struct NAME { fields } NAME;`: fields as (C type, name).
    Struct {
        name: String,
        fields: Vec<(String, String)>,
        doc: String,
    },
    /// `RET NAME(params);`: params as (C type, name).
    Function {
        name: String,
        ret: String,
        params: Vec<(String, String)>,
        doc: String,
    },
}

/// Parses the declarations of a cbindgen header, in order, with their doc comments.
pub fn parse(header: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut doc = String::new();
    let mut decl = String::new();
    let mut depth = 0i32;
    let mut skipping_cpp = false;
    let mut in_comment = false;
    let mut comment = String::new();
    for raw in header.lines() {
        let line = raw.trim();
        if in_comment {
            if let Some(end) = line.find("*/") {
                comment.push_str(line[..end].trim_start_matches('*').trim());
                in_comment = false;
                if depth == 0 {
                    // (Field documentation inside a struct body is not carried over.)
                    doc = comment.trim().to_string();
                }
            } else {
                let text = line.trim_start_matches('*').trim();
                if !comment.is_empty() || !text.is_empty() {
                    comment.push_str(text);
                    comment.push('\n');
                }
            }
            continue;
        }
        if skipping_cpp {
            if line.starts_with("#endif") {
                skipping_cpp = false;
            }
            continue;
        }
        if line.starts_with("#ifdef __cplusplus") {
            skipping_cpp = true;
            continue;
        }
        if line.starts_with("/*") {
            comment.clear();
            let body = line.trim_start_matches("/**").trim_start_matches("/*");
            if let Some(end) = body.find("*/") {
                // One-line comment: documentation only when it is a /** */ comment.
                if line.starts_with("/**") && depth == 0 {
                    doc = body[..end].trim().to_string();
                }
            } else {
                in_comment = true;
                if !line.starts_with("/**") {
                    comment.clear();
                }
            }
            continue;
        }
        if line.starts_with('#') {
            let mut parts = line.split_whitespace();
            if parts.next() == Some("#define") {
                if let (Some(name), Some(value)) = (parts.next(), parts.next()) {
                    if value
                        .trim_start_matches('-')
                        .chars()
                        .all(|c| c.is_ascii_digit())
                    {
                        items.push(Item::Const {
                            name: name.into(),
                            value: value.into(),
                            doc: std::mem::take(&mut doc),
                        });
                    }
                }
            }
            continue;
        }
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
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
                items.push(parse_decl(decl.trim(), std::mem::take(&mut doc)));
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

fn split_typed(s: &str) -> (String, String) {
    // "const double *data" -> ("const double *", "data")
    let s = s.trim();
    let cut = s.rfind([' ', '*']).expect("a typed name");
    let (ty, name) = s.split_at(cut + 1);
    (normalize_type(ty), name.trim().to_string())
}

fn normalize_type(ty: &str) -> String {
    let ty = ty.replace('*', " * ");
    // cbindgen's style "both" writes `struct otc_x` in prototypes: the typedef name is the type.
    let words: Vec<&str> = ty.split_whitespace().filter(|w| *w != "struct").collect();
    words.join(" ").replace(" *", "*")
}

fn parse_decl(decl: &str, doc: String) -> Item {
    let decl = decl.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(rest) = decl.strip_prefix("typedef struct ") {
        let open = rest.find('{').expect("struct body");
        let close = rest.rfind('}').expect("struct body end");
        let name = rest[close + 1..].trim().to_string();
        let fields = rest[open + 1..close]
            .split(';')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(split_typed)
            .collect();
        return Item::Struct { name, fields, doc };
    }
    if let Some(rest) = decl.strip_prefix("typedef ") {
        // A function-pointer typedef, `typedef RET (*NAME)(params)`: an opaque C function
        // pointer on the Julia side (made with `@cfunction`).
        if let Some(star) = rest.find("(*") {
            let end = rest[star..].find(')').expect("function pointer name") + star;
            let name = rest[star + 2..end].trim().to_string();
            let c_type = "void*".to_string();
            return Item::Alias { name, c_type, doc };
        }
        let (c_type, name) = split_typed(rest);
        return Item::Alias { name, c_type, doc };
    }
    let open = decl
        .find('(')
        .unwrap_or_else(|| panic!("unexpected declaration: {decl}"));
    let (ret, name) = split_typed(&decl[..open]);
    let inner = decl[open + 1..decl.rfind(')').unwrap()].trim();
    let params = if inner == "void" || inner.is_empty() {
        Vec::new()
    } else {
        inner.split(',').map(split_typed).collect()
    };
    Item::Function {
        name,
        ret,
        params,
        doc,
    }
}

/// The Julia type of a C type of the header.
pub fn julia_type(c: &str) -> String {
    let c = c.trim();
    if c == "const char*" || c == "char*" {
        return "Cstring".into();
    }
    if let Some(inner) = c.strip_suffix('*') {
        let inner = inner.trim().trim_start_matches("const ").trim();
        return if inner == "void" {
            "Ptr{Cvoid}".into()
        } else {
            format!("Ptr{{{}}}", julia_type(inner))
        };
    }
    match c.trim_start_matches("const ") {
        "void" => "Cvoid",
        "double" => "Cdouble",
        "float" => "Cfloat",
        "int32_t" => "Int32",
        "uint32_t" => "UInt32",
        "int64_t" => "Int64",
        "uint64_t" => "UInt64",
        "uint8_t" => "UInt8",
        "size_t" => "Csize_t",
        "intptr_t" | "ptrdiff_t" => "Cptrdiff_t",
        "int" => "Cint",
        other if other.starts_with("otc_") => other,
        other => panic!("no Julia mapping for the C type `{other}`: add it to julia_type"),
    }
    .into()
}

fn doc_comment(out: &mut String, doc: &str, indent: &str) {
    for line in doc.lines() {
        if line.is_empty() {
            out.push_str(&format!("{indent}#\n"));
        } else {
            out.push_str(&format!("{indent}# {line}\n"));
        }
    }
}

/// The text of `LibOTCore.jl` for `header`.
pub fn generate(header: &str) -> String {
    let items = parse(header);
    let mut out = String::from(
        "# GENERATED from include/otcore.h by tests/julia_gen (cargo test --test julia_binding).\n\
         # Do not edit: refresh with `OTCORE_BLESS=1 cargo test --test julia_binding`.\n\
         #\n\
         # Low-level layer of OTCore: the header's constants, struct mirrors and one `ccall`\n\
         # wrapper per C function (same name, same arguments). Function pointers are resolved by\n\
         # `load!(path)`, which OTCore calls at initialisation.\n\
         module LibOTCore\n\nusing Libdl\n\n",
    );
    let mut functions = Vec::new();
    for item in &items {
        match item {
            Item::Const { name, value, doc } => {
                doc_comment(&mut out, doc, "");
                out.push_str(&format!("const {name} = {value}\n\n"));
            }
            Item::Alias { name, c_type, doc } => {
                doc_comment(&mut out, doc, "");
                out.push_str(&format!("const {name} = {}\n\n", julia_type(c_type)));
            }
            Item::Struct { name, fields, doc } => {
                doc_comment(&mut out, doc, "");
                out.push_str(&format!("struct {name}\n"));
                for (ty, field) in fields {
                    out.push_str(&format!("    {field}::{}\n", julia_type(ty)));
                }
                out.push_str("end\n\n");
            }
            Item::Function {
                name,
                ret,
                params,
                doc,
            } => {
                functions.push(name.clone());
                doc_comment(&mut out, doc, "");
                let names: Vec<&str> = params.iter().map(|(_, n)| n.as_str()).collect();
                let types: Vec<String> = params.iter().map(|(t, _)| julia_type(t)).collect();
                let tuple = match types.len() {
                    0 => "()".to_string(),
                    1 => format!("({},)", types[0]),
                    _ => format!("({})", types.join(", ")),
                };
                let args = if names.is_empty() {
                    String::new()
                } else {
                    format!(", {}", names.join(", "))
                };
                out.push_str(&format!("const _{name} = Ref{{Ptr{{Cvoid}}}}(C_NULL)\n"));
                out.push_str(&format!(
                    "{name}({}) =\n    ccall(_{name}[], {}, {tuple}{args})\n\n",
                    names.join(", "),
                    julia_type(ret)
                ));
            }
        }
    }
    out.push_str(
        "# Every C function of the header, with its function-pointer slot.\nconst FUNCTIONS = (\n",
    );
    for f in &functions {
        out.push_str(&format!("    :{f} => _{f},\n"));
    }
    out.push_str(
        ")\n\n\
         \"\"\"\n    load!(path) -> handle\n\n\
         Opens the otcore shared library at `path` and resolves every function of the header\n\
         (an error names the first one the library lacks).\n\"\"\"\n\
         function load!(path::AbstractString)\n    \
             handle = Libdl.dlopen(path)\n    \
             for (name, slot) in FUNCTIONS\n        \
                 slot[] = Libdl.dlsym(handle, name)\n    \
             end\n    \
             return handle\n\
         end\n\nend # module LibOTCore\n",
    );
    out
}
