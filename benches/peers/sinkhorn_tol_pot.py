"""Time to an L1 marginal error of 1e-6 at eps = 1e-3, n = m = 1000 (uniform points in [0,1]^2,
squared Euclidean cost, uniform weights, one thread): otcore's defaults (plain iterations, the
stored kernel) first, then each POT stable method named on the command line, in one process,
printing POT time / otcore time. POT stops on its own (L2) criterion at stopThr = 1e-6; the L1
error it reached is printed beside it. Run under `timeout` for sinkhorn_stabilized, which can
take many minutes here:

    OPENBLAS_NUM_THREADS=1 timeout 600 python benches/peers/sinkhorn_tol_pot.py sinkhorn_log sinkhorn_stabilized
"""
import ctypes  # noqa: F401  (loaded through otcore_ctypes)
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
import ot  # noqa: E402

from otcore_ctypes import load, options  # noqa: E402
from sinkhorn_pot import l1_error, solve  # noqa: E402

lib = load()
n, eps, tol = 1000, 1e-3, 1e-6
rng = np.random.default_rng(0)
x, y = rng.random((n, 2)), rng.random((n, 2))
C = ot.dist(x, y)
a = np.full(n, 1.0 / n)
o = options(lib, "sinkhorn", epsilon=eps, tolerance=tol, max_iter=100000, num_threads=1)
f, g = np.zeros(n), np.zeros(n)
t = time.perf_counter()
out = solve(lib, lib.otc_sinkhorn_f64, C, a, a, o, f, g)
t_otc = time.perf_counter() - t
P = np.exp((f[:, None] + g[None, :] - C) / eps) * a[:, None] * a[None, :]
print(f"otcore defaults: {t_otc:.2f} s, {out.report.iterations} iterations, "
      f"L1 {l1_error(P, a, a):.2e}", flush=True)
for method in sys.argv[1:]:
    t = time.perf_counter()
    P, log = ot.sinkhorn(a, a, C, eps, numItermax=100000, stopThr=tol, log=True, warn=False,
                         method=method)
    dt = time.perf_counter() - t
    print(f"POT {method}: {dt:.2f} s, {log.get('niter', '?')} iterations, "
          f"L1 {l1_error(P, a, a):.2e}: POT/otcore = {dt / t_otc:.1f}", flush=True)
