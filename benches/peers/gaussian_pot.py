"""otcore vs POT on Gaussian OT, side by side in one process (times are best-of-n; ratios are
POT time / otcore time, > 1 means otcore is faster).

* Bures-Wasserstein distance, d in {16, 64, 256}: ot.gaussian.bures_wasserstein_distance vs
  otc_gaussian_w2 (both on the same means and covariances);
* the map A, b: ot.gaussian.bures_wasserstein_mapping vs otc_gaussian_map;
* all pairs between two batches of 64 Gaussians at d = 16: otcore with 1 and 2 threads (and
  POT's batched bures_wasserstein_distance for reference).

Also prints the accuracy of both on an ill-conditioned pair (condition number 1e12).
Run: cargo build --release && /work/bench-env/bin/python benches/peers/gaussian_pot.py
"""
import ctypes
import sys
import time
import pathlib

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from otcore_ctypes import MatrixF64, check, load, view  # noqa: E402

import ot  # noqa: E402

lib = load()


class Options(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_size_t), ("num_threads", ctypes.c_uint32),
                ("max_iter", ctypes.c_uint32), ("symmetry_tol", ctypes.c_double),
                ("psd_tol", ctypes.c_double), ("rank_tol", ctypes.c_double), ("tol", ctypes.c_double)]


def options(threads):
    o = Options()
    check(lib, lib.otc_gaussian_options_default(ctypes.byref(o)))
    o.num_threads = threads
    return o


dptr = ctypes.POINTER(ctypes.c_double)
lib.otc_gaussian_w2.argtypes = [ctypes.c_size_t, dptr, MatrixF64, dptr, MatrixF64, ctypes.c_void_p,
                                ctypes.c_void_p, ctypes.c_size_t, dptr]
lib.otc_gaussian_map.argtypes = [dptr, MatrixF64, dptr, MatrixF64, ctypes.c_void_p, ctypes.c_void_p,
                                 ctypes.c_size_t, MatrixF64, dptr]
lib.otc_gaussian_w2_pairwise.argtypes = [MatrixF64, ctypes.POINTER(MatrixF64), MatrixF64,
                                         ctypes.POINTER(MatrixF64), ctypes.c_void_p, ctypes.c_void_p,
                                         ctypes.c_size_t, MatrixF64]
lib.otc_gaussian_workspace_size.argtypes = [ctypes.c_int32, ctypes.c_size_t, ctypes.c_size_t,
                                            ctypes.c_size_t, ctypes.c_void_p,
                                            ctypes.POINTER(ctypes.c_size_t)]
OP_DISTANCE, OP_PAIRWISE, OP_MAP = 0, 1, 2


def p(a):
    return a.ctypes.data_as(dptr)


def median_time(f, reps):
    """Best of `reps` wall times (the least disturbed run on a shared machine)."""
    f()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    return float(np.min(ts))


def workspace(op, d, n, m, o):
    size = ctypes.c_size_t()
    check(lib, lib.otc_gaussian_workspace_size(op, d, n, m, ctypes.byref(o), ctypes.byref(size)))
    buf = ctypes.create_string_buffer(max(size.value, 1))
    return buf, size.value


def spd(rng, d, shift=0.1):
    g = rng.standard_normal((d, d))
    s = g @ g.T / d + shift * np.eye(d)
    return (s + s.T) / 2


def main():
    rng = np.random.default_rng(0)
    one = options(1)
    print(f"otcore {lib.otc_version_string().decode()} vs POT {ot.__version__} (one thread each "
          "for single pairs; shared machine: compare ratios, not absolute times)")
    print("set OPENBLAS_NUM_THREADS=1 to compare one thread with one thread")
    print(f"{'case':<28}{'POT ms':>10}{'otcore ms':>11}{'ratio':>8}  agreement")
    for d in (16, 64, 256):
        reps = 30 if d < 256 else 8
        m1, m2 = rng.standard_normal(d), rng.standard_normal(d)
        s1, s2 = spd(rng, d), spd(rng, d)
        out = ctypes.c_double()
        ws, nb = workspace(OP_DISTANCE, d, 0, 0, one)

        def ours():
            check(lib, lib.otc_gaussian_w2(d, p(m1), view(s1), p(m2), view(s2), ctypes.byref(one),
                                           ws, nb, ctypes.byref(out)))

        def pot():
            return ot.gaussian.bures_wasserstein_distance(m1, m2, s1, s2)

        t_pot, t_ours = median_time(pot, reps), median_time(ours, reps)
        agree = abs(np.sqrt(out.value) - float(pot()))
        print(f"{'W2 distance d=' + str(d):<28}{t_pot * 1e3:>10.3f}{t_ours * 1e3:>11.3f}"
              f"{t_pot / t_ours:>8.2f}  |W_otc - W_pot| = {agree:.1e}")

        A = np.zeros((d, d))
        b = np.zeros(d)
        wm, nm = workspace(OP_MAP, d, 0, 0, one)

        def ours_map():
            check(lib, lib.otc_gaussian_map(p(m1), view(s1), p(m2), view(s2), ctypes.byref(one),
                                            wm, nm, view(A), p(b)))

        def pot_map():
            return ot.gaussian.bures_wasserstein_mapping(m1, m2, s1, s2)

        t_pot, t_ours = median_time(pot_map, reps), median_time(ours_map, reps)
        Ap, bp = pot_map()
        agree = np.abs(A - Ap).max() / np.abs(Ap).max()
        print(f"{'map d=' + str(d):<28}{t_pot * 1e3:>10.3f}{t_ours * 1e3:>11.3f}"
              f"{t_pot / t_ours:>8.2f}  max|A_otc - A_pot|/max|A| = {agree:.1e}")

    # All pairs between two batches of 64 Gaussians at d = 16.
    k, d = 64, 16
    c1 = [spd(rng, d) for _ in range(k)]
    c2 = [spd(rng, d) for _ in range(k)]
    mb1, mb2 = rng.standard_normal((k, d)), rng.standard_normal((k, d))
    v1 = (MatrixF64 * k)(*[view(c) for c in c1])
    v2 = (MatrixF64 * k)(*[view(c) for c in c2])
    res = {}
    times = {}
    for th in (1, 2):
        o = options(th)
        out = np.zeros((k, k))
        ws, nb = workspace(OP_PAIRWISE, d, k, k, o)

        def ours_pw(o=o, out=out, ws=ws, nb=nb):
            check(lib, lib.otc_gaussian_w2_pairwise(view(mb1), v1, view(mb2), v2, ctypes.byref(o),
                                                    ws, nb, view(out)))

        times[th] = median_time(ours_pw, 15)
        res[th] = out
    C1, C2 = np.array(c1), np.array(c2)
    t_pot = median_time(lambda: ot.gaussian.bures_wasserstein_distance(mb1, mb2, C1, C2), 3)
    Wp = ot.gaussian.bures_wasserstein_distance(mb1, mb2, C1, C2)
    print(f"all pairs 64x64 d=16: otcore 1 thread {times[1] * 1e3:.2f} ms, 2 threads "
          f"{times[2] * 1e3:.2f} ms: speed-up {times[1] / times[2]:.2f}x; "
          f"bitwise equal: {np.array_equal(res[1], res[2])}; POT batched {t_pot * 1e3:.1f} ms "
          f"(ratio vs otcore 1 thread {t_pot / times[1]:.1f}); max|W_otc - W_pot| = "
          f"{np.abs(np.sqrt(res[1]) - Wp).max():.1e}")

    # Ill-conditioned pair (condition number 1e12): POT's sqrtm vs otcore.
    d = 16
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    e = np.logspace(0, -12, d)
    s1 = (q * e) @ q.T
    s1 = (s1 + s1.T) / 2
    s2 = spd(rng, d)
    z = np.zeros(d)
    out = ctypes.c_double()
    st = lib.otc_gaussian_w2(d, p(z), view(s1), p(z), view(s2), None, None, 0, ctypes.byref(out))
    with np.errstate(all="ignore"):
        try:
            wpot = float(ot.gaussian.bures_wasserstein_distance(z, z, s1, s2))
        except Exception as exc:  # noqa: BLE001
            wpot = f"raised {exc!r}"
        try:
            Ap, _ = ot.gaussian.bures_wasserstein_mapping(z, z, s1, s2)
            pot_map_ok = bool(np.isfinite(Ap).all())
        except Exception as exc:  # noqa: BLE001
            pot_map_ok = f"raised {exc!r}"
    A = np.zeros((d, d))
    st2 = lib.otc_gaussian_map(None, view(s1), None, view(s2), None, None, 0, view(A), None)
    resid = np.abs(A @ s1 @ A - s2).max() / np.abs(s2).max()
    print(f"cond 1e12: otcore W2 = {np.sqrt(out.value):.12f} (status {st}), POT W2 = {wpot}; "
          f"otcore map finite {np.isfinite(A).all()} (status {st2}, |A S1 A - S2|/|S2| = {resid:.1e}), "
          f"POT map finite: {pot_map_ok}")


if __name__ == "__main__":
    main()
