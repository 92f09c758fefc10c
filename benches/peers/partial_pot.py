"""Partial OT against POT, one thread each, the same inputs in one process.

Exact: otcore's network simplex with dummy nodes (otc_emd_partial_f64, through ctypes) against
`ot.partial.partial_wasserstein`. Prints the best time of each and the ratio POT / otcore (> 1:
otcore is faster), and checks that both costs agree and that otcore's plan is feasible (row
sums <= a, column sums <= b, total = the mass).

Entropic (--epsilon, 0 = skip): otc_sinkhorn_partial_f64 against
`ot.partial.entropic_partial_wasserstein` (Dykstra on the plan) at the same epsilon; with
uniform weights both solve the same problem. A reference plan comes from otcore at tolerance
1e-13; each solver then runs to its own stopping rule (otcore: L1 error of the optimality
conditions <= --entropic-tol; POT: stopThr = --pot-stop on the change of the plan), and the
script prints each one's L1 distance to the reference plan next to its time.

Case: uniform random 2-D points, squared Euclidean cost, uniform weights, n = m, mass 0.7.

    OTCORE_NUM_THREADS=1 python benches/peers/partial_pot.py [--sizes 1000,2000] [--mass 0.7] [--repeat 3]
        [--epsilon 0.01] [--entropic-tol 1e-6] [--pot-stop 1e-9]

The library is $OTCORE_LIB or target/release/libotcore.so.
"""
import argparse
import ctypes
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import ot  # noqa: E402

import otcore_abi as abi  # noqa: E402
from otcore_ctypes import NO_WORK, best_of, check, load, new, options, ptr, view  # noqa: E402


def otcore_partial(lib, a, b, M, mass):
    """(cost, transported mass, sparse plan (rows, cols, masses)) of otc_emd_partial_f64."""
    n, m = M.shape
    cap = n + m - 1
    rows, cols = np.empty(cap, dtype=np.uintp), np.empty(cap, dtype=np.uintp)
    masses = np.empty(cap)
    problem = new(abi.otc_emd_partial_problem_f64, a=ptr(a), n=n, b=ptr(b), m=m, cost=view(M),
                  mass=mass)
    out = new(abi.otc_emd_partial_outputs_f64, plan_rows=ptr(rows), plan_cols=ptr(cols),
              plan_mass=ptr(masses))
    opts = options(lib, "emd_partial", num_threads=1)
    check(lib, lib.otc_emd_partial_f64(ctypes.byref(problem), ctypes.byref(out),
                                       ctypes.byref(opts), NO_WORK))
    k = out.plan_nnz
    return out.cost, out.transported_mass, (rows[:k], cols[:k], masses[:k])


def otcore_entropic_partial(lib, a, b, M, mass, epsilon, tol):
    """(plan, iterations) of otc_sinkhorn_partial_f64."""
    n, m = M.shape
    plan = np.empty((n, m))
    problem = new(abi.otc_sinkhorn_partial_problem_f64, a=ptr(a), n=n, b=ptr(b), m=m,
                  cost=view(M), mass=mass)
    out = new(abi.otc_sinkhorn_partial_outputs_f64, plan=view(plan, mut=True))
    opts = options(lib, "sinkhorn_partial", num_threads=1, epsilon=epsilon, tolerance=tol,
                   max_iter=10**6)
    check(lib, lib.otc_sinkhorn_partial_f64(ctypes.byref(problem), ctypes.byref(out),
                                            ctypes.byref(opts), NO_WORK))
    return plan, out.report.iterations


def entropic_row(lib, args, n, a, b, M):
    """Times both entropic solvers and prints their distances to the reference plan."""
    ref, _ = otcore_entropic_partial(lib, a, b, M, args.mass, args.epsilon, 1e-13)
    t_ours, (P, iters) = best_of(lambda: otcore_entropic_partial(
        lib, a, b, M, args.mass, args.epsilon, args.entropic_tol), args.repeat)
    t_pot, G = best_of(lambda: ot.partial.entropic_partial_wasserstein(
        a, b, M, args.epsilon, m=args.mass, numItermax=10**6, stopThr=args.pot_stop),
        args.repeat)
    d_ours, d_pot = np.abs(P - ref).sum(), np.abs(G - ref).sum()
    print(f"{n:>8} {t_pot:>10.3f} {t_ours:>11.3f} {t_pot / t_ours:>11.2f}  "
          f"L1 to the reference plan: otcore {d_ours:.1e} ({iters} iterations), POT {d_pot:.1e}",
          flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,2000")
    ap.add_argument("--mass", type=float, default=0.7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--epsilon", type=float, default=0.01)
    ap.add_argument("--entropic-tol", type=float, default=1e-6)
    ap.add_argument("--pot-stop", type=float, default=1e-9)
    args = ap.parse_args()
    lib = load()
    print(f"otcore {lib.otc_version_string().decode()} vs POT {ot.__version__}, one thread, "
          f"best of {args.repeat}, mass {args.mass}")
    print(f"{'n = m':>8} {'POT (s)':>10} {'otcore (s)':>11} {'POT/otcore':>11}  checks")
    for n in [int(s) for s in args.sizes.split(",")]:
        rng = np.random.default_rng(n)
        x, y = rng.random((n, 2)), rng.random((n, 2)) + [0.3, 0.0]
        a = np.full(n, 1.0 / n)
        b = np.full(n, 1.0 / n)
        M = np.ascontiguousarray(ot.dist(x, y))
        t_pot, G = best_of(lambda: ot.partial.partial_wasserstein(a, b, M, m=args.mass,
                                                                  numItermax=10**9), args.repeat)
        c_pot = float(np.sum(G * M))
        t_ours, (c_ours, moved, (r, c, w)) = best_of(
            lambda: otcore_partial(lib, a, b, M, args.mass), args.repeat)
        rows_sum = np.bincount(r.astype(np.int64), weights=w, minlength=n)
        cols_sum = np.bincount(c.astype(np.int64), weights=w, minlength=n)
        feasible = (rows_sum <= a * (1 + 1e-12)).all() and (cols_sum <= b * (1 + 1e-12)).all()
        ok = (abs(c_ours - c_pot) <= 1e-9 * max(1.0, abs(c_pot)) and feasible
              and abs(w.sum() - args.mass) <= 1e-12 and abs(moved - args.mass) <= 1e-12
              and abs(float(np.sum(w * M[r, c])) - c_ours) <= 1e-12 * max(1.0, c_ours))
        print(f"{n:>8} {t_pot:>10.3f} {t_ours:>11.3f} {t_pot / t_ours:>11.2f}  "
              f"{'ok' if ok else 'MISMATCH'} ({c_ours:.12g} vs POT {c_pot:.12g})", flush=True)
        assert ok, "the two solvers disagree or otcore's plan is infeasible"
    if args.epsilon > 0:
        print(f"entropic, epsilon {args.epsilon}: {'n = m':>8} {'POT (s)':>10} {'otcore (s)':>11} "
              f"{'POT/otcore':>11}")
        for n in [int(s) for s in args.sizes.split(",")]:
            rng = np.random.default_rng(n)
            x, y = rng.random((n, 2)), rng.random((n, 2)) + [0.3, 0.0]
            a = np.full(n, 1.0 / n)
            M = np.ascontiguousarray(ot.dist(x, y))
            entropic_row(lib, args, n, a, a.copy(), M)


if __name__ == "__main__":
    main()
