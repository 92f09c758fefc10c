"""Exact OT: otcore's network simplex (otc_emd_f64) against POT's ot.emd, one thread, same inputs,
in one process. Prints the time of each and the ratio POT / otcore (> 1: otcore is faster),
and checks that both costs agree.

Cases: uniform random 2-D points with squared Euclidean cost, n = m in {500, 1000, 2000, 4000};
two 64x64 images with random positive weights, cost = squared distance between pixel centres.

    OTCORE_NUM_THREADS=1 python benches/peers/emd_pot.py [--sizes 500,1000] [--repeat 3] [--no-images]

Before/after comparisons of otcore itself: `--baseline path/to/old/libotcore.so` also times that
library on the same inputs in the same run and prints the ratio old / new (> 1: the new one is
faster); `--no-pot` skips POT (then only the two otcore libraries are timed).
"""
import argparse
import ctypes
import os

import numpy as np

os.environ.setdefault("OMP_NUM_THREADS", "1")
import ot  # noqa: E402

import otcore_abi as abi  # noqa: E402
from otcore_ctypes import NO_WORK, best_of, check, load, new, ptr, view  # noqa: E402


class EmdResult:
    """The cost and pivots of one otc_emd_f64 call."""

    def __init__(self, out):
        self.cost = out.cost
        self.iterations = out.report.iterations


def otcore_emd(lib, a, b, M):
    problem = new(abi.otc_emd_problem_f64, a=ptr(a), n=len(a), b=ptr(b), m=len(b), cost=view(M))
    out = new(abi.otc_emd_outputs_f64)
    st = lib.otc_emd_f64(ctypes.byref(problem), ctypes.byref(out), None, NO_WORK)
    check(lib, st)
    return EmdResult(out)


def run_case(lib, base, name, a, b, M, repeat, pot=True):
    line = f"{name:>22}"
    c_ref = None
    if pot:
        t_pot, G = best_of(lambda: ot.emd(a, b, M, numItermax=10**9), repeat)
        c_ref = float(np.sum(G * M))
    t_otc, res = best_of(lambda: otcore_emd(lib, a, b, M), repeat)
    if base is not None:
        t_base, res_base = best_of(lambda: otcore_emd(base, a, b, M), repeat)
        c_ref = res_base.cost if c_ref is None else c_ref
        line += (f"  baseline {t_base*1e3:9.1f} ms ({res_base.iterations:>8} pivots)"
                 f"   ratio baseline/otcore {t_base/t_otc:5.2f}")
    if pot:
        line += f"  POT {t_pot*1e3:9.1f} ms   ratio POT/otcore {t_pot/t_otc:5.2f}"
    c_ref = res.cost if c_ref is None else c_ref
    rel = abs(res.cost - c_ref) / max(abs(c_ref), 1e-300)
    print(f"{line}   otcore {t_otc*1e3:9.1f} ms   pivots {res.iterations:>8}   cost rel diff {rel:.1e}",
          flush=True)
    assert rel < 1e-9, "costs disagree"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="500,1000,2000,4000")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--no-images", action="store_true")
    p.add_argument("--baseline", help="another libotcore.so to time on the same inputs")
    p.add_argument("--no-pot", action="store_true")
    args = p.parse_args()
    lib = load()
    base = None
    if args.baseline is not None:
        own = os.environ.get("OTCORE_LIB")
        os.environ["OTCORE_LIB"] = args.baseline
        base = load()
        if own is None:
            del os.environ["OTCORE_LIB"]
        else:
            os.environ["OTCORE_LIB"] = own
    rng = np.random.default_rng(0)
    print(f"otcore {lib.otc_version_string().decode()} vs POT {ot.__version__}, one thread, best of {args.repeat}")
    for n in [int(s) for s in args.sizes.split(",")]:
        x, y = rng.random((n, 2)), rng.random((n, 2))
        M = ot.dist(x, y)  # squared Euclidean
        a = np.full(n, 1.0 / n)
        run_case(lib, base, f"uniform 2-D n={n}", a, a.copy(), M, args.repeat, not args.no_pot)
    if not args.no_images:
        g = np.stack(np.meshgrid(np.arange(64.0), np.arange(64.0), indexing="ij"), -1).reshape(-1, 2)
        M = ot.dist(g, g)
        a = rng.random(64 * 64) + 0.1
        b = rng.random(64 * 64) + 0.1
        a /= a.sum()
        b /= b.sum()
        run_case(lib, base, "64x64 images", a, b, M, 1, not args.no_pot)


if __name__ == "__main__":
    main()
