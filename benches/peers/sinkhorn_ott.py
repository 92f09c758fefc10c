"""Sinkhorn, otcore against OTT-JAX (and POT's stable solvers) side by side, same inputs.

Inputs: n = m uniform points in [0,1]^2 (numpy seed 0), squared Euclidean cost computed once
with numpy and handed to every solver (OTT-JAX as a dense `Geometry(cost_matrix=C)`), uniform
weights, f64 everywhere (`jax_enable_x64`). One thread: XLA_FLAGS
"--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1" is set before jax is
imported, the process pins itself to one core (as `taskset -c CORE`, CORE=0 by default), and
otcore runs with num_threads = 1. POT's kernel BLAS calls are not used here.

1. Time per iteration at eps = 0.01, n in SIZES (default 1000,4000): OTT-JAX's
   `Sinkhorn(lse_mode=True)` (log domain, its default) run for a fixed number of iterations
   (threshold 0, min = max iterations) against `otc_sinkhorn_f64` (default path: the stored
   kernel) with tolerance 0. Per iteration = (run of K + DIFF − run of K iterations)/DIFF for
   both, so set-up is not counted; OTT's solve is jitted and run once before timing (JIT
   compile time excluded). Best of ROUNDS (default 3) interleaved rounds.
2. Time to an L1 marginal error of TOL at eps = 0.01 (same sizes), then at eps = 1e-3 for
   n = N_TOL (default 1000): otcore with its defaults (no eps-scaling, plain iterations) and
   with adaptive over-relaxation (over_relaxation = 0), OTT-JAX with its default acceleration
   (`Sinkhorn()` defaults: no momentum, no Anderson, inner_iterations = 10), and at eps = 1e-3
   POT's stable `sinkhorn_log` and `sinkhorn_stabilized` (stopThr = TOL/sqrt(n), POT's criterion
   being an L2 norm; skipped with NO_POT=1). Every solver's L1 marginal error (rows + columns)
   is recomputed here from its plan or potentials, and the ratios printed.

    cargo build --release
    /tmp/kernel_venv/bin/pip install jax jaxlib ott-jax       (once; a venv with pot, numpy)
    /tmp/kernel_venv/bin/python benches/peers/sinkhorn_ott.py
    SIZES=1000 N_TOL=500 /tmp/kernel_venv/bin/python benches/peers/sinkhorn_ott.py  (quicker)

One run each: the machine may be shared, repeat to judge the noise.
"""
import os

os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false"
                           " intra_op_parallelism_threads=1").strip()
os.sched_setaffinity(0, {int(os.environ.get("CORE", 0))})

import ctypes  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
from ott.geometry import geometry  # noqa: E402
from ott.problems.linear import linear_problem  # noqa: E402
from ott.solvers.linear import sinkhorn as ott_sinkhorn  # noqa: E402

from otcore_ctypes import check, load  # noqa: E402
from sinkhorn_pot import Options, l1_error, solve  # noqa: E402


def problem(n):
    rng = np.random.default_rng(0)
    x, y = rng.random((n, 2)), rng.random((n, 2))
    C = ((x[:, None, :] - y[None, :, :]) ** 2).sum(-1)
    return C, np.full(n, 1.0 / n)


def ott_solver(C, a, eps, iters, tol):
    """A jitted OTT-JAX solve: exactly `iters` iterations when tol = 0, else up to `iters`
    iterations to an L1 column error of `tol`; returns a function giving (f, g, iterations)."""
    solver = ott_sinkhorn.Sinkhorn(lse_mode=True, threshold=tol, max_iterations=iters,
                                   min_iterations=iters if tol == 0 else 0)

    @jax.jit
    def run(C, a):
        geom = geometry.Geometry(cost_matrix=C, epsilon=eps)
        out = solver(linear_problem.LinearProblem(geom, a, a))
        return out.f, out.g, out.n_iters

    C, a = jnp.asarray(C), jnp.asarray(a)

    def timed():
        t = time.perf_counter()
        f, g, k = jax.block_until_ready(run(C, a))
        return time.perf_counter() - t, np.asarray(f), np.asarray(g), int(k)

    timed()  # compile and warm up
    return timed


def otcore_solve(lib, C, a, eps, iters, tol, omega=1.0):
    o = Options()
    check(lib, lib.otc_sinkhorn_options_default(ctypes.byref(o)))
    o.epsilon, o.tolerance, o.max_iter, o.num_threads = eps, tol, iters, 1
    o.over_relaxation = omega
    f, g = np.zeros(len(a)), np.zeros(len(a))
    t = time.perf_counter()
    out = solve(lib, lib.otc_sinkhorn_f64, C, a, a, o, f, g)
    return time.perf_counter() - t, f, g, out.report.iterations


def l1_of_potentials(C, a, f, g, eps, with_weights):
    """L1 marginal error (rows + columns) of the plan of potentials f, g: otcore's plan has the
    weights a_i b_j in front, OTT-JAX's potentials carry them."""
    P = np.exp((f[:, None] + g[None, :] - C) / eps)
    if with_weights:
        P *= a[:, None] * a[None, :]
    return l1_error(P, a, a)


def per_iteration(lib, n, eps, rounds):
    C, a = problem(n)
    k, diff = 10, int(os.environ.get("DIFF", 20))
    ott_short = ott_solver(C, a, eps, k, 0.0)
    ott_long = ott_solver(C, a, eps, k + diff, 0.0)
    best_ott = best_otc = float("inf")
    for _ in range(rounds):
        best_ott = min(best_ott, (ott_long()[0] - ott_short()[0]) / diff)
        t_long = otcore_solve(lib, C, a, eps, k + diff, 0.0)[0]
        t_short = otcore_solve(lib, C, a, eps, k, 0.0)[0]
        best_otc = min(best_otc, (t_long - t_short) / diff)
    print(f"n = m = {n}, eps = {eps}, per iteration (best of {rounds} rounds): OTT-JAX "
          f"lse_mode {best_ott * 1e3:8.2f} ms, otcore f64 {best_otc * 1e3:7.2f} ms: "
          f"RATIO OTT/otcore = {best_ott / best_otc:5.1f} (target >= 5)")


def to_tolerance(lib, n, eps, tol, with_pot):
    C, a = problem(n)
    print(f"n = m = {n}, eps = {eps:g}, time to L1 marginal error {tol:g} (1 thread):")
    times = {}
    run = ott_solver(C, a, eps, 100_000, tol)
    dt, f, g, k = run()
    err = l1_of_potentials(C, a, f, g, eps, False)
    times["OTT-JAX"] = dt
    print(f"  OTT-JAX Sinkhorn() defaults : {dt:8.2f} s, {k} iterations, L1 error {err:.2e}")
    if with_pot:
        import ot
        for method in ("sinkhorn_log", "sinkhorn_stabilized"):
            t = time.perf_counter()
            P, log = ot.sinkhorn(a, a, C, eps, method=method, numItermax=100_000,
                                 stopThr=tol / np.sqrt(n), log=True, warn=False)
            dt = time.perf_counter() - t
            times[f"POT {method}"] = dt
            iters = log.get("niter", log.get("n_iter", "?"))
            print(f"  POT {method:24s}: {dt:8.2f} s, {iters} iterations, "
                  f"L1 error {l1_error(P, a, a):.2e}")
    for name, omega in (("otcore defaults", 1.0), ("otcore adaptive omega", 0.0)):
        dt, f, g, k = otcore_solve(lib, C, a, eps, 100_000, tol, omega)
        err = l1_of_potentials(C, a, f, g, eps, True)
        ratios = ", ".join(f"{peer} / otcore = {t / dt:6.1f}" for peer, t in times.items())
        print(f"  {name:28s}: {dt:8.2f} s, {k} iterations, L1 error {err:.2e}: {ratios}")


def main():
    lib = load()
    sizes = [int(s) for s in os.environ.get("SIZES", "1000,4000").split(",")]
    rounds = int(os.environ.get("ROUNDS", 3))
    tol = float(os.environ.get("TOL", 1e-6))
    print(f"jax {jax.__version__}, devices {jax.devices()}, XLA_FLAGS={os.environ['XLA_FLAGS']}, "
          f"affinity {sorted(os.sched_getaffinity(0))}")
    for n in sizes:
        per_iteration(lib, n, 0.01, rounds)
    for n in sizes:
        to_tolerance(lib, n, 0.01, tol, False)
    if not os.environ.get("NO_EPS3"):
        to_tolerance(lib, int(os.environ.get("N_TOL", 1000)), 1e-3, tol,
                     not os.environ.get("NO_POT"))


if __name__ == "__main__":
    main()
