//! R's option setters, `bindings/r/otcore/src/otcore_options.{h,c}`: for every operation,
//! `otcr_set_<op>_options(opts, options, fn)` sets the fields of its C options struct named
//! in the R list `options` (names are the C field names), through the hand-written
//! `otcr_set_options` of `otcore_r.c` and a generated table of (name, kind, offset). Every
//! field is reachable but `struct_size` and the callback's function and data pointers (the
//! R wrappers install the interrupt callback themselves; `callback_every` is settable).

use crate::{Abi, GENERATED_NOTE};

const SKIPPED: [&str; 3] = ["struct_size", "callback", "callback_data"];

fn kind(ty: &str) -> &'static str {
    match ty {
        "uint32_t" => "OTCR_U32",
        "int32_t" => "OTCR_I32",
        "uint64_t" => "OTCR_U64",
        "size_t" => "OTCR_SIZE",
        "double" => "OTCR_DOUBLE",
        other => panic!("no R option kind for the C type `{other}`"),
    }
}

/// The text of `otcore_options.h`.
pub fn generate_header(abi: &Abi) -> String {
    let mut out = format!(
        "/* {GENERATED_NOTE} */\n\
         /* Setters of every operation's options struct from an R list named by the C fields. */\n\
         #ifndef OTCORE_OPTIONS_H\n#define OTCORE_OPTIONS_H\n#include <Rinternals.h>\n#include \"otcore.h\"\n\n"
    );
    for op in abi.ops() {
        out.push_str(&format!(
            "/* Sets the fields of `opts` named in the R list `options`; an unknown name or a bad\n * value is an R error naming `fn`. */\n\
             void otcr_set_{}_options({} *opts, SEXP options, const char *fn);\n",
            op.name,
            op.options()
        ));
    }
    out.push_str("\n#endif\n");
    out
}

/// The text of `otcore_options.c`.
pub fn generate(abi: &Abi) -> String {
    let mut out = format!(
        "/* {GENERATED_NOTE} */\n\
         #include <stddef.h>\n#include \"otcore_r.h\"\n#include \"otcore_options.h\"\n\n"
    );
    for op in abi.ops() {
        let opts = abi
            .find_struct(&op.options())
            .unwrap_or_else(|| panic!("{} is not declared", op.options()));
        out.push_str(&format!(
            "static const otcr_option_field {}_fields[] = {{\n",
            op.name
        ));
        for f in opts
            .fields
            .iter()
            .filter(|f| !SKIPPED.contains(&f.name.as_str()))
        {
            out.push_str(&format!(
                "    {{\"{0}\", {1}, offsetof({2}, {0})}},\n",
                f.name,
                kind(&f.ty),
                opts.name
            ));
        }
        out.push_str(&format!(
            "}};\nvoid otcr_set_{0}_options({1} *opts, SEXP options, const char *fn) {{\n\
             \x20   otcr_set_options(opts, options, {0}_fields,\n\
             \x20                    sizeof {0}_fields / sizeof {0}_fields[0], fn);\n}}\n\n",
            op.name, opts.name
        ));
    }
    out
}

/// The text of `init.c`: the `.Call` registration table of every glue routine the hand-written
/// `otcore_r.h` declares (`SEXP otc_r_<name>(SEXP a, ...);`, one per line), with its arity.
pub fn generate_registration(glue_header: &str) -> String {
    let mut out = String::from(
        "/* GENERATED from bindings/r/otcore/src/otcore_r.h by abi-gen (cargo run -p\n \
         * otcore-abi-gen). Do not edit: declare a new routine in otcore_r.h and regenerate. */\n\
         /* Registration of the package's .Call entry points (no dynamic symbol lookup): every\n \
         * `SEXP otc_r_*(...)` routine declared in otcore_r.h, with its number of arguments. */\n\
         #include <R.h>\n#include <Rinternals.h>\n#include <R_ext/Rdynload.h>\n#include \"otcore_r.h\"\n\n\
         static const R_CallMethodDef call_methods[] = {\n",
    );
    for line in glue_header.lines() {
        let Some(rest) = line.trim().strip_prefix("SEXP ") else {
            continue;
        };
        let Some((name, args)) = rest.split_once('(') else {
            continue;
        };
        if !name.starts_with("otc_r_") {
            continue;
        }
        let args = args.trim_end_matches(';').trim_end_matches(')').trim();
        let arity = if args == "void" || args.is_empty() {
            0
        } else {
            args.split(',').count()
        };
        out.push_str(&format!("    {{\"{name}\", (DL_FUNC)&{name}, {arity}}},\n"));
    }
    out.push_str(
        "    {NULL, NULL, 0}};\n\n\
         void R_init_otcore(DllInfo *dll) {\n    \
         R_registerRoutines(dll, NULL, call_methods, NULL, NULL);\n    \
         R_useDynamicSymbols(dll, FALSE);\n    \
         R_forceSymbols(dll, TRUE);\n}\n",
    );
    out
}
