"""Sinkhorn divergence value and gradient: otcore's `otc_sinkhorn_divergence_f64` (point clouds,
squared Euclidean cost, gradient with respect to x from the potentials) against GeomLoss's
`SamplesLoss("sinkhorn", p=2, debias=True, backend="tensorized")` forward + backward (torch
autograd), one thread each, the same points, in one process (issue 17's target).

Conventions: GeomLoss's cost is |x - y|^2 / 2 with epsilon = blur^2; otcore's is |x - y|^2 with
epsilon = 2 blur^2, which is the same problem at twice the scale: GeomLoss's value and gradient
are half of otcore's. The script compares 2 x GeomLoss with otcore.

GeomLoss has no tolerance: it runs an epsilon-scaling schedule (ratio `scaling` per step from
the diameter down to blur) and stops. So the comparison is at matched accuracy: a reference is
solved by otcore at tolerance 1e-10; GeomLoss's errors (divergence, relative; gradient, relative
Frobenius) are measured for each `scaling`; otcore is timed at each tolerance of a ladder, and
the ratio uses the loosest tolerance whose two errors are both at most GeomLoss's. The same
ladder also gives otcore's value-alone time, for the value + gradient / value ratio.

    OTCORE_NUM_THREADS=1 python benches/peers/divergence_geomloss.py [--n 10000] [--blur 0.05]
        [--scalings 0.5,0.9] [--repeat 2] [--dtypes float64,float32]

Needs torch and geomloss (`pip install numpy torch geomloss`); the library is $OTCORE_LIB or
target/release/libotcore.so (`cargo build --release`).
"""
import argparse
import ctypes
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import torch  # noqa: E402
from geomloss import SamplesLoss  # noqa: E402

import otcore_abi as abi  # noqa: E402
from otcore_ctypes import NO_WORK, best_of, check, load, new, options, ptr, view  # noqa: E402

def otcore_divergence(lib, x, y, epsilon, tolerance, gradient, path):
    """(divergence, grad_x or None, iterations) of otcore's debiased Sinkhorn divergence between
    the uniform clouds x (n x d) and y (m x d), squared Euclidean cost, on Sinkhorn `path`, in
    the precision of x and y (float64 or float32)."""
    n, m = len(x), len(y)
    t = {np.dtype(np.float64): "f64", np.dtype(np.float32): "f32"}[x.dtype]
    a, b = np.full(n, 1.0 / n, dtype=x.dtype), np.full(m, 1.0 / m, dtype=x.dtype)
    no_view, no_out = getattr(abi, f"otc_matrix_{t}")(), getattr(abi, f"otc_matrix_mut_{t}")()
    problem = new(getattr(abi, f"otc_sinkhorn_divergence_problem_{t}"), a=ptr(a), n=n, b=ptr(b),
                  m=m, cost_xy=no_view, cost_xx=no_view, cost_yy=no_view, x=view(x), y=view(y),
                  metric=abi.OTC_METRIC_SQEUCLIDEAN)
    grad = np.zeros_like(x) if gradient else None
    out = new(getattr(abi, f"otc_sinkhorn_divergence_outputs_{t}"),
              grad_x=view(grad, mut=True) if gradient else no_out, grad_y=no_out)
    opts = options(lib, "sinkhorn_divergence", num_threads=1, epsilon=epsilon,
                   tolerance=tolerance, max_iter=1_000_000, path=path)
    solve = getattr(lib, f"otc_sinkhorn_divergence_{t}")
    check(lib, solve(ctypes.byref(problem), ctypes.byref(out), ctypes.byref(opts), NO_WORK))
    return out.divergence, grad, out.report.iterations


def geomloss_divergence(x, y, blur, scaling, dtype):
    """(value, grad_x) of GeomLoss's debiased Sinkhorn divergence, forward + backward."""
    loss = SamplesLoss("sinkhorn", p=2, blur=blur, scaling=scaling, debias=True,
                       backend="tensorized")
    xt = torch.tensor(x, dtype=dtype, requires_grad=True)
    yt = torch.tensor(y, dtype=dtype)
    value = loss(xt, yt)
    (gx,) = torch.autograd.grad(value, [xt])
    return float(value.detach()), gx.double().numpy()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--blur", type=float, default=0.05)
    ap.add_argument("--scalings", default="0.5,0.9")
    ap.add_argument("--tolerances", default="1e-2,3e-3,1e-3,3e-4,1e-4,1e-5,1e-6")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--dtypes", default="float64,float32")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--reference-tol", type=float, default=1e-10)
    ap.add_argument("--path", default="kernel", choices=["kernel", "auto"],
                    help="otcore's Sinkhorn path: the stored kernel (n x m values, as GeomLoss's "
                    "tensorized backend stores its costs) or auto (log-domain, costs on the fly)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    lib = load()
    rng = np.random.default_rng(args.seed)
    n = args.n
    x = rng.random((n, 2))
    y = rng.random((n, 2)) * 0.8 + 0.1
    epsilon = 2 * args.blur**2
    path = {"kernel": abi.OTC_SINKHORN_PATH_KERNEL, "auto": abi.OTC_SINKHORN_PATH_AUTO}[args.path]

    def solve(points_x, points_y, tol, gradient):
        return otcore_divergence(lib, points_x, points_y, epsilon, tol, gradient, path)

    ref_value, ref_grad, ref_iters = solve(x, y, args.reference_tol, True)
    print(f"reference (otcore f64, tolerance {args.reference_tol:.0e}, {ref_iters} iterations): "
          f"S = {ref_value:.10e}")

    def errors(value, grad):
        value_error = abs(value - ref_value) / abs(ref_value)
        grad_error = np.linalg.norm(grad - ref_grad) / np.linalg.norm(ref_grad)
        return value_error, grad_error

    tolerances = [float(t) for t in args.tolerances.split(",")]
    for dtype_name in args.dtypes.split(","):
        xs, ys = x.astype(dtype_name), y.astype(dtype_name)
        ladder = []
        for tol in tolerances:
            t_value, _ = best_of(lambda: solve(xs, ys, tol, False), args.repeat)
            t_grad, (value, grad, iters) = best_of(lambda: solve(xs, ys, tol, True), args.repeat)
            ve, ge = errors(value, grad)
            ladder.append((tol, t_value, t_grad, ve, ge))
            print(f"otcore {dtype_name} tol {tol:.0e}: {iters:5d} iterations, value {t_value:.3f} s, "
                  f"value + gradient {t_grad:.3f} s (ratio {t_grad / t_value:.2f}), "
                  f"errors value {ve:.1e}, gradient {ge:.1e}")
        dtype = getattr(torch, dtype_name)
        for scaling in [float(s) for s in args.scalings.split(",")]:
            t_geom, (value, grad) = best_of(
                lambda: geomloss_divergence(x, y, args.blur, scaling, dtype), args.repeat)
            ve, ge = errors(2 * value, 2 * grad)
            matched = [row for row in ladder if row[3] <= ve and row[4] <= ge]
            line = (f"GeomLoss {dtype_name} scaling {scaling}: forward + backward {t_geom:.3f} s, "
                    f"errors value {ve:.1e}, gradient {ge:.1e}")
            if matched:
                tol, _, t_grad, _, _ = matched[0]
                line += (f"; otcore {dtype_name} at tol {tol:.0e} (no less accurate) "
                         f"{t_grad:.3f} s: GeomLoss / otcore = {t_geom / t_grad:.1f}")
            else:
                line += "; no otcore tolerance of the ladder is as accurate"
            print(line)


if __name__ == "__main__":
    main()
