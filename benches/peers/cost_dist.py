"""POT's ot.dist against otcore's otc_cost_matrix_f64 on the same inputs.

n = m in {1000, 4000}, d in {2, 16, 128}; squared Euclidean, Euclidean, Minkowski p = 1
(cityblock) and cosine by default; Minkowski p = 3 and p = 3.5 on request. Prints best-of-`REPEAT` wall times, the ratios POT / otcore (> 1:
otcore is faster) and the largest difference between the two results (relative to the largest
entry). Two fair pairings, both printed:
  * 1 thread vs 1 thread: POT timed in a child process started with OPENBLAS_NUM_THREADS=1
    (and OMP/MKL equivalents) set before numpy is imported; otcore with num_threads = 1;
  * default vs default: POT as installed (numpy's BLAS picks its own thread count), otcore
    with num_threads = 0 (all cores, or $OTCORE_NUM_THREADS).
The inputs are regenerated from the same seed in both processes.

Usage (see README.md here): build the release library, then
    python benches/peers/cost_dist.py [--n 1000,4000] [--d 2,16,128] [--metrics sqeuclidean,cosine]
"""
import argparse
import json
import os
import subprocess
import sys

POT_ONLY = "--pot-only" in sys.argv
if POT_ONLY:  # must happen before numpy loads its BLAS
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"

import ctypes  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import ot  # noqa: E402

REPEAT = 5
METRICS = {  # name: (otcore metric number, p, POT call)
    "sqeuclidean": (0, 2.0, lambda x, y: ot.dist(x, y, metric="sqeuclidean")),
    "euclidean": (1, 2.0, lambda x, y: ot.dist(x, y, metric="euclidean")),
    "cityblock": (2, 1.0, lambda x, y: ot.dist(x, y, metric="cityblock")),
    "cosine": (3, 2.0, lambda x, y: ot.dist(x, y, metric="cosine")),
    # Integer p takes otcore's vectorised products, other p a scalar powf per term.
    "minkowski3": (2, 3.0, lambda x, y: ot.dist(x, y, metric="minkowski", p=3.0)),
    "minkowski3.5": (2, 3.5, lambda x, y: ot.dist(x, y, metric="minkowski", p=3.5)),
}
DEFAULT_METRICS = ["sqeuclidean", "euclidean", "cityblock", "cosine"]


def best(f):
    t = float("inf")
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        f()
        t = min(t, time.perf_counter() - t0)
    return t


def cases(args):
    for n in args.n:
        for d in args.d:
            rng = np.random.default_rng(1000 * n + d)
            x = rng.standard_normal((n, d))
            y = rng.standard_normal((n, d))
            for name in args.metrics:
                yield n, d, name, x, y


def pot_times(args):
    """{"n d metric": best time} of POT for every case, in this process."""
    out = {}
    for n, d, name, x, y in cases(args):
        pot = METRICS[name][2]
        pot(x, y)
        out[f"{n} {d} {name}"] = best(lambda: pot(x, y))
    return out


def parse():
    ap = argparse.ArgumentParser()
    ints = lambda s: [int(v) for v in s.split(",")]  # noqa: E731
    ap.add_argument("--n", type=ints, default=[1000, 4000])
    ap.add_argument("--d", type=ints, default=[2, 16, 128])
    ap.add_argument("--metrics", type=lambda s: s.split(","), default=DEFAULT_METRICS,
                    help=f"comma-separated, from {', '.join(METRICS)}")
    ap.add_argument("--pot-only", action="store_true", help=argparse.SUPPRESS)
    return ap.parse_args()


def main():
    args = parse()
    if args.pot_only:
        print(json.dumps(pot_times(args)))
        return
    import otcore_abi as abi
    from otcore_ctypes import NO_WORK, check, load, new, options, view

    lib = load()
    child = subprocess.run([sys.executable, __file__, "--pot-only"] + sys.argv[1:],
                           check=True, capture_output=True, text=True)
    pot1 = json.loads(child.stdout)
    print(f"POT {ot.__version__}, numpy {np.__version__}; otcore {lib.otc_version_string().decode()};"
          f" {os.cpu_count()} cores. 1T: POT with OPENBLAS_NUM_THREADS=1 (child process) vs otcore"
          f" num_threads=1; def: both at their defaults. Ratio POT/otcore (> 1: otcore faster).")
    print(f"{'n':>5} {'d':>4} {'metric':<12} {'POT 1T s':>9} {'otc 1T s':>9} {'1T ratio':>8}"
          f" {'POT def s':>9} {'otc def s':>9} {'def ratio':>9} {'max rel diff':>12}")
    for n, d, name, x, y in cases(args):
        code, p, pot = METRICS[name]
        out = np.empty((n, n))
        ref = pot(x, y)
        t_pot = best(lambda: pot(x, y))
        times = []
        for threads in (1, 0):
            opts = options(lib, "cost_matrix", metric=code, p=p, num_threads=threads)
            problem = new(abi.otc_cost_matrix_problem_f64, x=view(x), y=view(y))
            res = new(abi.otc_cost_matrix_outputs_f64, cost=view(out, mut=True))

            def run():
                check(lib, lib.otc_cost_matrix_f64(ctypes.byref(problem), ctypes.byref(res),
                                                   ctypes.byref(opts), NO_WORK))
            run()
            times.append(best(run))
        t1 = pot1[f"{n} {d} {name}"]
        diff = np.max(np.abs(out - ref)) / max(np.max(np.abs(ref)), 1e-300)
        print(f"{n:>5} {d:>4} {name:<12} {t1:>9.4f} {times[0]:>9.4f} {t1 / times[0]:>8.2f}"
              f" {t_pot:>9.4f} {times[1]:>9.4f} {t_pot / times[1]:>9.2f} {diff:>12.1e}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
