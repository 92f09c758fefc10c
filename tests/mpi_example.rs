//! The MPI example `bindings/c/mpi/batch_cost.c`: built with mpicc against the shared
//! library, run with `mpirun -np 2` (as root: --allow-run-as-root; --oversubscribe for small
//! machines) and as a single process; both must report the same per-problem answers, and
//! rank 0 also checks the gathered answers bitwise against solving every problem itself.

mod common;
mod support;
use std::process::Command;

fn answers(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.starts_with("problem ")).collect()
}

#[test]
fn mpi_batch_matches_the_single_process_answer() {
    let src = common::root().join("bindings/c/mpi/batch_cost.c");
    if !common::tool("mpicc") || !common::tool("mpirun") || !support::buildable(&src) {
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
