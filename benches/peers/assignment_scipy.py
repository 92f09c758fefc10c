"""Linear assignment: otcore's LAPJV (otc_assignment_f64) against SciPy's
`scipy.optimize.linear_sum_assignment` and against otcore's own dense exact OT (otc_emd_f64 with
uniform weights 1/n, whose optimal plan is a permutation scaled by 1/n), one thread, the same
cost matrix for all three, in one process. Prints the best time of each, the ratios
SciPy / assignment and emd / assignment (> 1: the assignment op is faster), and checks that the
three optimal costs agree (the emd cost times n).

Cases (issue 15, item 3): n uniform random points in [0, 1]^d against n others, squared
Euclidean cost, n in {1000, 4000}, d in {2, 512}.

    OTCORE_NUM_THREADS=1 python benches/peers/assignment_scipy.py [--sizes 1000,4000] [--dims 2,512] [--repeat 3] [--no-emd]

SciPy is needed (`pip install scipy numpy`); the library is $OTCORE_LIB or
target/release/libotcore.so.
"""
import argparse
import ctypes
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.optimize import linear_sum_assignment  # noqa: E402

import otcore_abi as abi  # noqa: E402
from otcore_ctypes import NO_WORK, best_of, check, load, new, options, ptr, view  # noqa: E402


def otcore_assignment(lib, C):
    """The optimal assignment cost of the n x n cost C (one problem, one thread)."""
    n = C.shape[0]
    costs = (abi.otc_matrix_f64 * 1)(view(C))
    problem = new(abi.otc_assignment_problem_f64, count=1, costs=ctypes.addressof(costs))
    perm = np.empty(n, dtype=np.uintp)
    out = new(abi.otc_assignment_outputs_f64, perm=ptr(perm))
    opts = options(lib, "assignment", num_threads=1)
    check(lib, lib.otc_assignment_f64(ctypes.byref(problem), ctypes.byref(out),
                                      ctypes.byref(opts), NO_WORK))
    return out.cost, perm


def otcore_emd_cost(lib, C):
    """n times the exact OT cost between uniform weights 1/n (= the assignment cost)."""
    n = C.shape[0]
    w = np.full(n, 1.0 / n)
    problem = new(abi.otc_emd_problem_f64, a=ptr(w), n=n, b=ptr(w), m=n, cost=view(C))
    out = new(abi.otc_emd_outputs_f64)
    opts = options(lib, "emd", num_threads=1)
    check(lib, lib.otc_emd_f64(ctypes.byref(problem), ctypes.byref(out), ctypes.byref(opts),
                               NO_WORK))
    return out.cost * n


def scipy_assignment(C):
    rows, cols = linear_sum_assignment(C)
    return float(C[rows, cols].sum()), cols


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="1000,4000")
    p.add_argument("--dims", default="2,512")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--no-emd", action="store_true", help="skip the dense emd")
    args = p.parse_args()
    lib = load()
    print(f"otcore {lib.otc_version_string().decode()} vs SciPy {scipy.__version__}, one thread, "
          f"best of {args.repeat}")
    print(f"{'n':>6} {'d':>4} {'assignment (ms)':>16} {'SciPy (ms)':>11} {'SciPy/asg':>10} "
          f"{'emd (ms)':>10} {'emd/asg':>8}  costs")
    for n in [int(s) for s in args.sizes.split(",")]:
        for d in [int(s) for s in args.dims.split(",")]:
            rng = np.random.default_rng(1000 * n + d)
            x, y = rng.random((n, d)), rng.random((n, d))
            C = np.ascontiguousarray(
                (x * x).sum(1)[:, None] + (y * y).sum(1)[None, :] - 2.0 * x @ y.T)
            np.maximum(C, 0.0, out=C)
            t_ours, (c_ours, perm) = best_of(lambda: otcore_assignment(lib, C), args.repeat)
            t_sp, (c_sp, cols) = best_of(lambda: scipy_assignment(C), args.repeat)
            line = (f"{n:>6} {d:>4} {t_ours * 1e3:>16.1f} {t_sp * 1e3:>11.1f} "
                    f"{t_sp / t_ours:>10.2f}")
            tol = 1e-9 * max(1.0, abs(c_sp))
            ok = abs(c_ours - c_sp) <= tol and sorted(perm.tolist()) == list(range(n))
            if not args.no_emd:
                t_emd, c_emd = best_of(lambda: otcore_emd_cost(lib, C), args.repeat)
                line += f" {t_emd * 1e3:>10.1f} {t_emd / t_ours:>8.2f}"
                ok = ok and abs(c_emd - c_sp) <= tol
            else:
                line += f" {'-':>10} {'-':>8}"
            print(f"{line}  {'ok' if ok else 'MISMATCH'} ({c_ours:.12g} vs SciPy {c_sp:.12g})",
                  flush=True)
            assert ok, "costs disagree"


if __name__ == "__main__":
    main()
