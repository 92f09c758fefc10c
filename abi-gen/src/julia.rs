//! Julia's low-level layer, `bindings/julia/OTCore/src/LibOTCore.jl`: the header's
//! constants, struct mirrors (isbits, same field order and C types) and one `ccall` wrapper
//! per function, through function pointers that `load!(path)` resolves at initialisation.

use crate::{comment_lines, Abi, Item, GENERATED_NOTE};

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

/// The text of `LibOTCore.jl`.
pub fn generate(abi: &Abi) -> String {
    let mut out = format!(
        "# {GENERATED_NOTE}\n\
         #\n\
         # Low-level layer of OTCore: the header's constants, struct mirrors and one `ccall`\n\
         # wrapper per C function (same name, same arguments). Function pointers are resolved by\n\
         # `load!(path)`, which OTCore calls at initialisation.\n\
         module LibOTCore\n\nusing Libdl\n\n"
    );
    let mut functions = Vec::new();
    for item in &abi.items {
        match item {
            Item::Const(c) => {
                comment_lines(&mut out, &c.doc, "", "# ");
                out.push_str(&format!("const {} = {}\n\n", c.name, c.value));
            }
            Item::Alias(a) => {
                comment_lines(&mut out, &a.doc, "", "# ");
                out.push_str(&format!("const {} = {}\n\n", a.name, julia_type(&a.ty)));
            }
            Item::Struct(s) => {
                comment_lines(&mut out, &s.doc, "", "# ");
                out.push_str(&format!("struct {}\n", s.name));
                for f in &s.fields {
                    out.push_str(&format!("    {}::{}\n", f.name, julia_type(&f.ty)));
                }
                out.push_str("end\n\n");
            }
            Item::Function(f) => {
                functions.push(f.name.clone());
                comment_lines(&mut out, &f.doc, "", "# ");
                let names: Vec<&str> = f.params.iter().map(|p| p.name.as_str()).collect();
                let types: Vec<String> = f.params.iter().map(|p| julia_type(&p.ty)).collect();
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
                let name = &f.name;
                out.push_str(&format!("const _{name} = Ref{{Ptr{{Cvoid}}}}(C_NULL)\n"));
                out.push_str(&format!(
                    "{name}({}) =\n    ccall(_{name}[], {}, {tuple}{args})\n\n",
                    names.join(", "),
                    julia_type(&f.ret)
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
