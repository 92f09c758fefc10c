"""Exact OT between point clouds: otcore's otc_emd_points_f64 (costs computed on the fly, no
n x m matrix) against POT's ot.emd (ot.dist then the dense network simplex) on the same
inputs, one thread: uniform points in [0,1]^2, uniform weights, squared Euclidean cost.

Each measurement runs in its own child process (this script with --child), so that the peak
resident memory of each solver is its own: the parent reads the child's ru_maxrss from
os.wait4 (the RUSAGE_CHILDREN figure of that one child). A child that only imports what the
solver child imports gives the interpreter's floor.

    OPENBLAS_NUM_THREADS=1 python benches/peers/emd_points_pot.py [--sizes 10000] [--large 100000]

--sizes: n = m for the side-by-side runs (default 10000); --large: sizes run for otcore alone
(default 100000; "" for none). Prints time, peak memory, cost of each, and the ratios.
otcore takes its multiscale solver here (squared Euclidean in 2-D); --dense also times its
dense network simplex (selected by a pivot cap one below the default) at the --sizes.
"""
import argparse
import ctypes
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def points(n, seed):
    import numpy as np

    rng = np.random.default_rng(seed)
    x, y = rng.random((n, 2)), rng.random((n, 2))
    w = np.full(n, 1.0 / n)
    return x, y, w


def child_otcore(n, seed, dense=False):
    import otcore_abi as abi
    from otcore_ctypes import NO_WORK, check, load, new, options, ptr, view

    lib = load()
    x, y, w = points(n, seed)
    problem = new(abi.otc_emd_points_problem_f64, a=ptr(w), b=ptr(w), x=view(x), y=view(y))
    out = new(abi.otc_emd_points_outputs_f64)
    opts = options(lib, "emd_points", num_threads=1)
    if dense:
        opts.max_iter -= 1
    t = time.perf_counter()
    check(lib, lib.otc_emd_points_f64(ctypes.byref(problem), ctypes.byref(out), ctypes.byref(opts), NO_WORK))
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "cost": out.cost, "gap": out.gap, "pivots": out.report.iterations}


def child_pot(n, seed):
    import numpy as np
    import ot

    x, y, w = points(n, seed)
    t = time.perf_counter()
    M = ot.dist(x, y)  # squared Euclidean
    t_dist = time.perf_counter() - t
    G = ot.emd(w, w, M, numItermax=10**10)
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "dist_seconds": t_dist, "cost": float(np.sum(G * M))}


def child_floor(kind):
    import numpy  # noqa: F401

    if kind == "pot":
        import ot  # noqa: F401
    else:
        import otcore_ctypes  # noqa: F401
    return {}


def run_child(*args):
    """Runs this script as a child with `args`; returns its JSON result and peak RSS (MiB)."""
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, PYTHONPATH=here + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--child", *map(str, args)],
                            stdout=subprocess.PIPE, env=env)
    text = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = status
    if status != 0:
        raise SystemExit(f"child {args} failed with status {status}")
    return json.loads(text), usage.ru_maxrss / 1024.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="10000")
    p.add_argument("--large", default="100000")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--dense", action="store_true")
    p.add_argument("--child", nargs="+")
    args = p.parse_args()
    if args.child:
        kind, rest = args.child[0], args.child[1:]
        result = {"otcore": lambda: child_otcore(int(rest[0]), int(rest[1])),
                  "dense": lambda: child_otcore(int(rest[0]), int(rest[1]), dense=True),
                  "pot": lambda: child_pot(int(rest[0]), int(rest[1])),
                  "floor": lambda: child_floor(rest[0])}[kind]()
        print(json.dumps(result))
        return
    _, floor_otc = run_child("floor", "otcore")
    _, floor_pot = run_child("floor", "pot")
    print(f"uniform points in [0,1]^2, squared Euclidean, one thread; peak RSS of each child "
          f"(interpreter floor: otcore {floor_otc:.0f} MiB, POT {floor_pot:.0f} MiB)", flush=True)
    for n in [int(s) for s in args.sizes.split(",") if s]:
        otc, mem_otc = run_child("otcore", n, args.seed)
        pot, mem_pot = run_child("pot", n, args.seed)
        rel = abs(otc["cost"] - pot["cost"]) / abs(pot["cost"])
        print(f"n = m = {n:>7}: otcore {otc['seconds']:8.2f} s {mem_otc:7.0f} MiB "
              f"({otc['pivots']} pivots, gap {otc['gap']:.1e})   "
              f"POT {pot['seconds']:8.2f} s {mem_pot:7.0f} MiB (ot.dist {pot['dist_seconds']:.2f} s)   "
              f"ratio time POT/otcore {pot['seconds'] / otc['seconds']:5.2f}, "
              f"memory {mem_pot / mem_otc:5.1f}   cost rel diff {rel:.1e}", flush=True)
        assert rel < 1e-9, "costs disagree"
        if args.dense:
            den, mem_den = run_child("dense", n, args.seed)
            print(f"             dense: otcore {den['seconds']:8.2f} s {mem_den:7.0f} MiB "
                  f"({den['pivots']} pivots, gap {den['gap']:.1e})   "
                  f"ratio dense/multiscale {den['seconds'] / otc['seconds']:5.2f}", flush=True)
            assert abs(den["cost"] - otc["cost"]) <= 1e-9 * abs(otc["cost"]), "costs disagree"
    for n in [int(s) for s in args.large.split(",") if s]:
        otc, mem_otc = run_child("otcore", n, args.seed)
        print(f"n = m = {n:>7}: otcore {otc['seconds']:8.2f} s {mem_otc:7.0f} MiB "
              f"({otc['pivots']} pivots, gap {otc['gap']:.1e}, cost {otc['cost']:.6e})", flush=True)


if __name__ == "__main__":
    main()
