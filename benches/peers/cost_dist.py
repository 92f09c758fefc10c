"""POT's ot.dist against otcore's otc_cost_matrix_f64 on the same inputs, in one process.

n = m in {1000, 4000}, d in {2, 16, 128}; squared Euclidean, Euclidean, Minkowski p = 1
(cityblock) and cosine. Prints best-of-`REPEAT` wall times, the ratio POT / otcore (> 1: otcore
is faster), and the largest difference between the two results (relative to the largest entry).
otcore runs with 1 thread and with the library default (all cores). POT runs as installed (its
squared Euclidean goes through numpy's BLAS, which may use several threads).

Usage (see README.md here): build the release library, then
    python benches/peers/cost_dist.py
"""
import ctypes
import sys
import time

import numpy as np
import ot

from otcore_ctypes import MatrixF64, check, load, view

REPEAT = 3
METRICS = [  # (name, otcore metric number, p, POT call)
    ("sqeuclidean", 0, 2.0, lambda x, y: ot.dist(x, y, metric="sqeuclidean")),
    ("euclidean", 1, 2.0, lambda x, y: ot.dist(x, y, metric="euclidean")),
    ("cityblock", 2, 1.0, lambda x, y: ot.dist(x, y, metric="cityblock")),
    ("cosine", 3, 2.0, lambda x, y: ot.dist(x, y, metric="cosine")),
]


class CostOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_size_t), ("num_threads", ctypes.c_uint32),
                ("metric", ctypes.c_int32), ("p", ctypes.c_double)]


def best(f):
    t = float("inf")
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        f()
        t = min(t, time.perf_counter() - t0)
    return t


def main():
    lib = load()
    lib.otc_cost_matrix_f64.argtypes = [MatrixF64, MatrixF64, MatrixF64, ctypes.POINTER(CostOptions),
                                        ctypes.c_void_p, ctypes.c_size_t]
    rng = np.random.default_rng(0)
    print(f"POT {ot.__version__}, numpy {np.__version__}; otcore {lib.otc_version_string().decode()}")
    print(f"{'n':>5} {'d':>4} {'metric':<12} {'POT s':>9} {'otc 1T s':>9} {'otc all s':>9}"
          f" {'POT/1T':>7} {'POT/all':>7} {'max rel diff':>12}")
    for n in (1000, 4000):
        for d in (2, 16, 128):
            x = rng.standard_normal((n, d))
            y = rng.standard_normal((n, d))
            out = np.empty((n, n))
            for name, code, p, pot in METRICS:
                ref = pot(x, y)
                t_pot = best(lambda: pot(x, y))
                times = []
                for threads in (1, 0):
                    opts = CostOptions()
                    check(lib, lib.otc_cost_options_default(ctypes.byref(opts)))
                    opts.metric, opts.p, opts.num_threads = code, p, threads

                    def run():
                        check(lib, lib.otc_cost_matrix_f64(view(x), view(y), view(out), ctypes.byref(opts),
                                                           None, 0))
                    run()
                    times.append(best(run))
                diff = np.max(np.abs(out - ref)) / max(np.max(np.abs(ref)), 1e-300)
                print(f"{n:>5} {d:>4} {name:<12} {t_pot:>9.4f} {times[0]:>9.4f} {times[1]:>9.4f}"
                      f" {t_pot / times[0]:>7.2f} {t_pot / times[1]:>7.2f} {diff:>12.1e}")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
