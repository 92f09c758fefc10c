//! Fortran's low-level layer, `bindings/fortran/otcore_c.f90`: module `otcore_c` with the
//! header's constants, one `bind(c)` derived type per struct and one `bind(c)` interface per
//! function. The hand-written module `otcore` uses it and adds the convenience routines.
//!
//! Fortran has no unsigned integers: `uint32_t` / `uint64_t` cross as `c_int32_t` /
//! `c_int64_t` (same bits). Fortran names are case-insensitive: a constant whose name equals a
//! function's (`OTC_VERSION_NUMBER`, `otc_version_number`) is renamed `OTC_HEADER_...`.

use crate::{comment_lines, is_pointer, pointee, Abi, Field, Function, Item, GENERATED_NOTE};

/// The Fortran declaration type of a struct field or by-value parameter of C type `ty`.
fn value_type(abi: &Abi, ty: &str) -> String {
    if is_pointer(ty) {
        return "type(c_ptr)".into();
    }
    if abi.function_pointer(ty).is_some() {
        return "type(c_funptr)".into();
    }
    match ty {
        "size_t" => "integer(c_size_t)".into(),
        "int32_t" | "uint32_t" | "otc_status" => "integer(c_int32_t)".into(),
        "int64_t" | "uint64_t" => "integer(c_int64_t)".into(),
        "ptrdiff_t" | "intptr_t" => "integer(c_intptr_t)".into(),
        "double" => "real(c_double)".into(),
        "float" => "real(c_float)".into(),
        other if abi.find_struct(other).is_some() => format!("type({other})"),
        other => panic!("no Fortran mapping for the C type `{other}`"),
    }
}

/// The Fortran name of constant `name`.
fn const_name(abi: &Abi, name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if abi.functions().any(|f| f.name == lower) {
        format!("OTC_HEADER_{}", &name["OTC_".len()..])
    } else {
        name.to_string()
    }
}

/// The dummy-argument declaration of parameter `p` of function `f`.
fn param_decl(abi: &Abi, f: &Function, p: &Field) -> String {
    if !is_pointer(&p.ty) {
        return format!("{}, value :: {}", value_type(abi, &p.ty), p.name);
    }
    let target = pointee(&p.ty);
    let intent = if p.ty.starts_with("const ") {
        "in"
    } else if f.name.ends_with("_options_default") || p.name == "bytes" {
        "out"
    } else {
        "inout"
    };
    if abi.find_struct(target).is_some() {
        // The shape's problem, outputs and options are one struct; any other struct pointer
        // (the MPI merge's pair buffers) is an array.
        let rank = if ["problem", "out", "opts"].contains(&p.name.as_str()) {
            ""
        } else {
            ", dimension(*)"
        };
        format!("type({target}), intent({intent}){rank} :: {}", p.name)
    } else if target == "void" || target == "char" {
        format!("type(c_ptr), value :: {}", p.name)
    } else {
        format!(
            "{}, intent({intent}) :: {}",
            value_type(abi, target),
            p.name
        )
    }
}

fn interface(abi: &Abi, f: &Function, out: &mut String) {
    comment_lines(out, &f.doc, "        ", "! ");
    let args: Vec<&str> = f.params.iter().map(|p| p.name.as_str()).collect();
    let result = if f.ret == "void" { "" } else { " result(res)" };
    let kind = if f.ret == "void" {
        "subroutine"
    } else {
        "function"
    };
    out.push_str(&format!(
        "        {kind} {}({}) &\n                bind(c, name=\"{}\"){result}\n            import\n",
        f.name,
        args.join(", "),
        f.name
    ));
    for p in &f.params {
        out.push_str(&format!("            {}\n", param_decl(abi, f, p)));
    }
    if f.ret != "void" {
        out.push_str(&format!("            {} :: res\n", value_type(abi, &f.ret)));
    }
    out.push_str(&format!("        end {kind}\n"));
}

/// The text of `otcore_c.f90`.
pub fn generate(abi: &Abi) -> String {
    let mut out = format!(
        "! {GENERATED_NOTE}\n\
         !\n\
         ! Module otcore_c: the C ABI of include/otcore.h in Fortran 2008 (iso_c_binding).\n\
         ! Constants, one bind(c) type per struct (same fields, same order) and one interface\n\
         ! per C function. Unsigned C integers cross as the signed kind of the same width;\n\
         ! ptrdiff_t strides as c_intptr_t (c_ptrdiff_t is Fortran 2018).\n\
         ! Fortran names are case-insensitive: a constant named like a function is renamed\n\
         ! OTC_HEADER_* (OTC_VERSION_NUMBER is OTC_HEADER_VERSION_NUMBER).\n\
         ! Module otcore (otcore.f90) uses this one and adds the convenience routines.\n\
         module otcore_c\n    use, intrinsic :: iso_c_binding\n    implicit none\n    public\n\n"
    );
    for item in &abi.items {
        match item {
            Item::Const(c) => {
                comment_lines(&mut out, &c.doc, "    ", "! ");
                out.push_str(&format!(
                    "    integer(c_int32_t), parameter :: {} = {}\n\n",
                    const_name(abi, &c.name),
                    c.value
                ));
            }
            Item::Struct(s) => {
                comment_lines(&mut out, &s.doc, "    ", "! ");
                out.push_str(&format!("    type, bind(c) :: {}\n", s.name));
                for f in &s.fields {
                    comment_lines(&mut out, &f.doc, "        ", "! ");
                    out.push_str(&format!(
                        "        {} :: {}\n",
                        value_type(abi, &f.ty),
                        f.name
                    ));
                }
                out.push_str("    end type\n\n");
            }
            Item::Alias(_) | Item::Function(_) => {}
        }
    }
    out.push_str("    interface\n");
    for f in abi.functions() {
        interface(abi, f, &mut out);
    }
    out.push_str("    end interface\nend module otcore_c\n");
    out
}
