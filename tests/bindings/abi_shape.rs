//! The header shows one shape (issue 13, docs/abi.md): every computing entry point is one of
//!
//! ```c
//! otc_status otc_OP_options_default(otc_OP_options *opts);
//! otc_status otc_OP_workspace_size_T(const otc_OP_problem_T *problem, const otc_OP_options *opts, size_t *bytes);
//! otc_status otc_OP_T(const otc_OP_problem_T *problem, otc_OP_outputs_T *out, const otc_OP_options *opts, otc_workspace work);
//! ```
//!
//! every operation has all three, and its structs begin as the contract says. This test reads
//! `include/otcore.h` through the ABI description (abi-gen) and fails on any departure.

use crate::support;

use std::collections::{BTreeMap, BTreeSet};

/// The functions outside the shape, and why.
const UTILITIES: [&str; 5] = [
    "otc_version_number",     // version queries
    "otc_version_string",     //
    "otc_status_message",     // status texts
    "otc_last_error_message", //
    "otc_lse_pair_merge",     // an MPI_User_function: its signature is MPI's
];

/// A parameter or field as `(C type, name)`, the type as the ABI description spells it
/// (`const double*`).
fn field(ty: &str, name: &str) -> (String, String) {
    (ty.to_string(), name.to_string())
}

/// `name -> (return type, parameters)` of every function declared.
fn functions(abi: &otcore_abi_gen::Abi) -> BTreeMap<String, (String, Vec<(String, String)>)> {
    abi.functions()
        .map(|f| {
            let params = f.params.iter().map(|p| field(&p.ty, &p.name)).collect();
            (f.name.clone(), (f.ret.clone(), params))
        })
        .collect()
}

/// `struct name -> [(type, field)]` of every struct declared.
fn structs(abi: &otcore_abi_gen::Abi) -> BTreeMap<String, Vec<(String, String)>> {
    abi.structs()
        .map(|s| {
            let fields = s.fields.iter().map(|f| field(&f.ty, &f.name)).collect();
            (s.name.clone(), fields)
        })
        .collect()
}

/// The shape's three kinds of function, with the operation and precision they name.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
enum Kind {
    Defaults,
    WorkspaceSize(String),
    Compute(String),
}

fn kind_of(name: &str) -> Option<(String, Kind)> {
    let body = name.strip_prefix("otc_")?;
    if let Some(op) = body.strip_suffix("_options_default") {
        return Some((op.to_string(), Kind::Defaults));
    }
    let (head, t) = body.rsplit_once('_')?;
    if t != "f64" && t != "f32" {
        return None;
    }
    match head.strip_suffix("_workspace_size") {
        Some(op) => Some((op.to_string(), Kind::WorkspaceSize(t.to_string()))),
        None => Some((head.to_string(), Kind::Compute(t.to_string()))),
    }
}

/// The parameters a function of `kind` on `op` must have.
fn expected(op: &str, kind: &Kind) -> Vec<(String, String)> {
    match kind {
        Kind::Defaults => vec![field(&format!("otc_{op}_options*"), "opts")],
        Kind::WorkspaceSize(t) => vec![
            field(&format!("const otc_{op}_problem_{t}*"), "problem"),
            field(&format!("const otc_{op}_options*"), "opts"),
            field("size_t*", "bytes"),
        ],
        Kind::Compute(t) => vec![
            field(&format!("const otc_{op}_problem_{t}*"), "problem"),
            field(&format!("otc_{op}_outputs_{t}*"), "out"),
            field(&format!("const otc_{op}_options*"), "opts"),
            field("otc_workspace", "work"),
        ],
    }
}

#[test]
fn every_entry_point_has_the_abi_1_shape() {
    let abi = support::abi();
    let fns = functions(&abi);
    let types = structs(&abi);
    let mut problems = Vec::new();
    let mut ops: BTreeMap<String, BTreeSet<Kind>> = BTreeMap::new();
    for (name, (ret, params)) in &fns {
        if UTILITIES.contains(&name.as_str()) {
            continue;
        }
        let Some((op, kind)) = kind_of(name) else {
            problems.push(format!(
                "{name}: not named otc_OP_options_default, otc_OP_workspace_size_T or otc_OP_T"
            ));
            continue;
        };
        if ret != "otc_status" {
            problems.push(format!("{name}: returns {ret}, not otc_status"));
        }
        let want = expected(&op, &kind);
        if *params != want {
            problems.push(format!("{name}{params:?}: expected {want:?}"));
        }
        ops.entry(op).or_default().insert(kind);
    }
    for (op, kinds) in &ops {
        for t in ["f64", "f32"] {
            let has_size = kinds.contains(&Kind::WorkspaceSize(t.into()));
            let has_call = kinds.contains(&Kind::Compute(t.into()));
            if has_size != has_call {
                problems.push(format!(
                    "otc_{op}: the {t} workspace query and call come together"
                ));
            }
        }
        if !kinds.contains(&Kind::Defaults) {
            problems.push(format!("otc_{op}: no otc_{op}_options_default"));
        }
        if !kinds.iter().any(|k| matches!(k, Kind::Compute(_))) {
            problems.push(format!("otc_{op}: options without a computing function"));
        }
        check_structs(op, kinds, &types, &mut problems);
    }
    assert!(
        ops.len() >= 10,
        "only {} operations found: is the header parsed?",
        ops.len()
    );
    assert!(
        problems.is_empty(),
        "{} departures from the ABI 1 shape:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The problem, outputs and options structs of `op` begin as the contract says; iteration
/// counts are 64-bit; options with a callback end with its triple.
fn check_structs(
    op: &str,
    kinds: &BTreeSet<Kind>,
    types: &BTreeMap<String, Vec<(String, String)>>,
    problems: &mut Vec<String>,
) {
    let size = field("size_t", "struct_size");
    let mut starts = vec![(
        format!("otc_{op}_options"),
        vec![size.clone(), field("uint32_t", "num_threads")],
    )];
    for k in kinds {
        if let Kind::Compute(t) = k {
            starts.push((format!("otc_{op}_problem_{t}"), vec![size.clone()]));
            starts.push((
                format!("otc_{op}_outputs_{t}"),
                vec![size.clone(), field("otc_report", "report")],
            ));
        }
    }
    for (name, start) in starts {
        let Some(fields) = types.get(&name) else {
            problems.push(format!("{name}: not defined in the header"));
            continue;
        };
        if !fields.starts_with(&start) {
            problems.push(format!("{name}: must begin with {start:?}, has {fields:?}"));
        }
        for (ty, f) in fields {
            let counts_iterations = f == "max_iter" || f.ends_with("_iters") || f == "iterations";
            if counts_iterations && ty != "uint64_t" {
                problems.push(format!(
                    "{name}.{f}: an iteration count is uint64_t, not {ty}"
                ));
            }
            if ["int", "unsigned", "long", "bool", "_Bool", "int64_t"].contains(&ty.as_str()) {
                problems.push(format!(
                    "{name}.{f}: {ty} is not one of the ABI's integer types"
                ));
            }
            if ["w2", "wp", "distance", "dist", "bures"].contains(&f.as_str()) {
                problems.push(format!(
                    "{name}.{f}: say what the value is (w2_squared, wp_p, bures_squared)"
                ));
            }
        }
        if name.ends_with("_options") && fields.iter().any(|(_, f)| f == "callback") {
            let tail = [
                field("uint64_t", "callback_every"),
                field("otc_callback", "callback"),
                field("void*", "callback_data"),
            ];
            if !fields.ends_with(&tail) {
                problems.push(format!(
                    "{name}: the callback triple (callback_every, callback, callback_data) ends the options"
                ));
            }
        }
    }
}
