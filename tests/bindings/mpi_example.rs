//! The MPI examples of `bindings/c/mpi/`, built with mpicc against the shared library, run
//! with `mpirun -np 2` (as root: --allow-run-as-root; --oversubscribe for small machines) and
//! as a single process. `batch_cost.c`: both runs must report the same per-problem answers,
//! and rank 0 also checks the gathered answers bitwise against solving every problem itself.
//! `sinkhorn_rows.c`: a row-partitioned Sinkhorn through `otc_sinkhorn_block_step_f64` and
//! `otc_sinkhorn_block_column_update_f64`; rank 0 checks f, g, the iteration count and the
//! transport cost against a plain log-domain Sinkhorn loop on the whole problem.

use crate::common;
use crate::support;
use std::process::Command;

fn answers(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.starts_with("problem ")).collect()
}

#[test]
fn mpi_batch_matches_the_single_process_answer() {
    let src = common::root().join("bindings/c/mpi/batch_cost.c");
    if !common::tool("mpicc") || !common::tool("mpirun") {
        return;
    }
    let exe = common::build(
        "mpicc",
        &["-std=c99", "-Wall", "-Wextra", "-Werror", "-O1"],
        std::slice::from_ref(&src),
        common::Link::Shared,
        "batch_cost",
    );
    let single = common::run(&[], &exe);
    assert!(
        single.contains("1 ranks: batch_cost example ok"),
        "{single}"
    );
    let parallel = support::ok(
        Command::new("mpirun")
            .args(["-np", "2", "--oversubscribe", "--allow-run-as-root"])
            .arg(&exe)
            .env("OMPI_ALLOW_RUN_AS_ROOT", "1")
            .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
            .env("OMPI_MCA_plm_rsh_agent", ""),
    );
    assert!(
        parallel.contains("2 ranks: batch_cost example ok"),
        "{parallel}"
    );
    assert_eq!(answers(&single).len(), 7, "{single}");
    assert_eq!(answers(&single), answers(&parallel));
}

/// Builds `bindings/c/mpi/<name>.c`, or `None` when MPI or the entry points are missing.
fn build_example(name: &str) -> Option<std::path::PathBuf> {
    let src = common::root().join(format!("bindings/c/mpi/{name}.c"));
    if !common::tool("mpicc") || !common::tool("mpirun") {
        return None;
    }
    Some(common::build(
        "mpicc",
        &["-std=c99", "-Wall", "-Wextra", "-Werror", "-O1"],
        std::slice::from_ref(&src),
        common::Link::Shared,
        name,
    ))
}

/// Output of `mpirun -np <ranks> exe`.
fn mpirun(ranks: &str, exe: &std::path::Path) -> String {
    support::ok(
        Command::new("mpirun")
            .args(["-np", ranks, "--oversubscribe", "--allow-run-as-root"])
            .arg(exe)
            .env("OMPI_ALLOW_RUN_AS_ROOT", "1")
            .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
            .env("OMPI_MCA_plm_rsh_agent", ""),
    )
}

#[test]
fn mpi_row_partitioned_sinkhorn_matches_the_whole_solve() {
    let Some(exe) = build_example("sinkhorn_rows") else {
        return;
    };
    let single = common::run(&[], &exe);
    assert!(
        single.contains("1 ranks: sinkhorn_rows example ok"),
        "{single}"
    );
    for ranks in ["2", "3"] {
        let out = mpirun(ranks, &exe);
        assert!(
            out.contains(&format!("{ranks} ranks: sinkhorn_rows example ok")),
            "{out}"
        );
        // The iteration count does not depend on the number of ranks.
        let iters = |s: &str| {
            s.lines()
                .find(|l| l.starts_with("iterations"))
                .map(String::from)
        };
        assert_eq!(
            iters(&single).map(|l| l.split(',').next().unwrap().to_string()),
            iters(&out).map(|l| l.split(',').next().unwrap().to_string())
        );
    }
}
