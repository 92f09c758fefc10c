"""Exact partial OT: otcore's network simplex with dummy nodes (`emd_partial`, run by the Rust
example `partial_peer` on the same inputs, timed inside it, one thread) against POT's
`ot.partial.partial_wasserstein` (timed here, one thread). Prints the best time of each and the
ratio POT / otcore (> 1: otcore is faster), and checks that both costs agree.

Case: uniform random 2-D points, squared Euclidean cost, uniform weights, n = m, mass 0.7.

    python benches/peers/partial_pot.py [--sizes 1000,2000] [--mass 0.7] [--repeat 3]
"""
import argparse
import os
import pathlib
import struct
import subprocess
import tempfile
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402
import ot  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]


def best_of(f, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,2000")
    ap.add_argument("--mass", type=float, default=0.7)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--example", "partial_peer"], cwd=ROOT, check=True)
    exe = ROOT / "target" / "release" / "examples" / "partial_peer"
    print(f"{'n = m':>8} {'POT (s)':>10} {'otcore (s)':>11} {'POT/otcore':>11}  cost check")
    for n in [int(s) for s in args.sizes.split(",")]:
        rng = np.random.default_rng(n)
        x, y = rng.random((n, 2)), rng.random((n, 2)) + [0.3, 0.0]
        a = np.full(n, 1.0 / n)
        b = np.full(n, 1.0 / n)
        M = np.ascontiguousarray(ot.dist(x, y))
        t_pot, G = best_of(lambda: ot.partial.partial_wasserstein(a, b, M, m=args.mass, numItermax=10**9),
                           args.repeat)
        c_pot = float(np.sum(G * M))
        with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as fh:
            fh.write(struct.pack("<QQd", n, n, args.mass))
            fh.write(a.astype("<f8").tobytes() + b.astype("<f8").tobytes() + M.astype("<f8").tobytes())
            path = fh.name
        try:
            out = subprocess.run([str(exe), path, str(args.repeat)], check=True, capture_output=True,
                                 text=True, env=dict(os.environ, OTCORE_NUM_THREADS="1")).stdout.split()
        finally:
            os.unlink(path)
        t_ours, c_ours = float(out[0]), float(out[1])
        ok = abs(c_ours - c_pot) <= 1e-9 * max(1.0, abs(c_pot))
        print(f"{n:>8} {t_pot:>10.3f} {t_ours:>11.3f} {t_pot / t_ours:>11.2f}  "
              f"{'ok' if ok else 'MISMATCH'} ({c_ours:.12g} vs {c_pot:.12g})")


if __name__ == "__main__":
    main()
