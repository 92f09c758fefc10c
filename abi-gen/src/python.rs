//! The Python ctypes mirror, `benches/peers/otcore_abi.py`, that the peer benchmarks use:
//! constants, one `ctypes.Structure` per struct, the callback types, and `declare(lib)`,
//! which sets `restype` and `argtypes` of every function of a loaded library.
//!
//! Pointer fields are `c_void_p` (numpy's `arr.ctypes.data` fits them); pointer parameters are
//! typed pointers to their struct or scalar.

use crate::{is_pointer, pointee, Abi, Item, GENERATED_NOTE};

fn scalar(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "size_t" => "ctypes.c_size_t",
        "int32_t" | "otc_status" => "ctypes.c_int32",
        "uint32_t" => "ctypes.c_uint32",
        "int64_t" => "ctypes.c_int64",
        "uint64_t" => "ctypes.c_uint64",
        "ptrdiff_t" | "intptr_t" => "ctypes.c_ssize_t",
        "double" => "ctypes.c_double",
        "float" => "ctypes.c_float",
        "void" => "None",
        _ => return None,
    })
}

/// The ctypes type of a struct field or by-value C type.
fn field_type(abi: &Abi, ty: &str) -> String {
    if is_pointer(ty) {
        return "ctypes.c_void_p".into();
    }
    if let Some(s) = scalar(ty) {
        return s.into();
    }
    if abi.find_struct(ty).is_some() || abi.function_pointer(ty).is_some() {
        return ty.into();
    }
    panic!("no ctypes mapping for the C type `{ty}`")
}

/// The ctypes type of a function parameter or return type.
fn param_type(abi: &Abi, ty: &str) -> String {
    if ty == "const char*" {
        return "ctypes.c_char_p".into();
    }
    if is_pointer(ty) {
        let target = pointee(ty);
        if target == "void" {
            return "ctypes.c_void_p".into();
        }
        return format!("ctypes.POINTER({})", field_type(abi, target));
    }
    field_type(abi, ty)
}

fn docstring(doc: &str, indent: &str) -> String {
    if doc.is_empty() {
        return String::new();
    }
    let body = doc.replace('\\', "\\\\").replace("\"\"\"", "'''");
    let mut out = format!("{indent}\"\"\"");
    for (i, line) in body.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line);
    }
    out.push_str("\"\"\"\n");
    out
}

/// The text of `otcore_abi.py`.
pub fn generate(abi: &Abi) -> String {
    let mut out = format!(
        "# {GENERATED_NOTE}\n\
         \"\"\"ctypes mirror of include/otcore.h: constants, structs, callback types, prototypes.\n\n\
         `declare(lib)` sets restype/argtypes of every function of a loaded libotcore; the\n\
         structs carry the C names (`otc_emd_problem_f64(...)`).\n\"\"\"\nimport ctypes\n\n"
    );
    for item in &abi.items {
        match item {
            Item::Const(c) => out.push_str(&format!("{} = {}\n", c.name, c.value)),
            Item::Alias(a) => match &a.function {
                Some((ret, params)) => {
                    let args: Vec<String> = params.iter().map(|p| param_type(abi, &p.ty)).collect();
                    out.push_str(&format!(
                        "\n{} = ctypes.CFUNCTYPE({}, {})\n",
                        a.name,
                        param_type(abi, ret),
                        args.join(", ")
                    ));
                }
                None => out.push_str(&format!("{} = {}\n", a.name, field_type(abi, &a.ty))),
            },
            Item::Struct(s) => {
                out.push_str(&format!("\n\nclass {}(ctypes.Structure):\n", s.name));
                out.push_str(&docstring(&s.doc, "    "));
                out.push_str("    _fields_ = [\n");
                for f in &s.fields {
                    out.push_str(&format!(
                        "        (\"{}\", {}),\n",
                        f.name,
                        field_type(abi, &f.ty)
                    ));
                }
                out.push_str("    ]\n\n");
            }
            Item::Function(_) => {}
        }
    }
    out.push_str("\n# name: (restype, argtypes) of every function.\nPROTOTYPES = {\n");
    for f in abi.functions() {
        let args: Vec<String> = f.params.iter().map(|p| param_type(abi, &p.ty)).collect();
        out.push_str(&format!(
            "    \"{}\": ({}, [{}]),\n",
            f.name,
            param_type(abi, &f.ret),
            args.join(", ")
        ));
    }
    out.push_str(
        "}\n\n\ndef declare(lib):\n    \"\"\"Sets restype and argtypes of every otcore function of the loaded `lib`.\"\"\"\n    \
         for name, (restype, argtypes) in PROTOTYPES.items():\n        \
         function = getattr(lib, name)\n        \
         function.restype = restype\n        \
         function.argtypes = argtypes\n    \
         return lib\n",
    );
    out
}
