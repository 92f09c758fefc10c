"""otcore vs POT on Gaussian OT, side by side in one process (times are best-of-n; ratios are
POT time / otcore time, > 1 means otcore is faster).

* Bures-Wasserstein distance, d in {16, 64, 256}: ot.gaussian.bures_wasserstein_distance vs
  otc_gaussian_w2_f64 (both on the same means and covariances);
* the map A, b: ot.gaussian.bures_wasserstein_mapping vs otc_gaussian_map_f64;
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
import otcore_abi as abi  # noqa: E402
from otcore_ctypes import MatrixF64, NO_WORK, check, load, new, options, ptr, view, workspace  # noqa: E402

import ot  # noqa: E402

lib = load()


W2Problem = abi.otc_gaussian_w2_problem_f64
W2Outputs = abi.otc_gaussian_w2_outputs_f64
MapProblem = abi.otc_gaussian_map_problem_f64
MapOutputs = abi.otc_gaussian_map_outputs_f64
PairwiseProblem = abi.otc_gaussian_w2_pairwise_problem_f64
PairwiseOutputs = abi.otc_gaussian_w2_pairwise_outputs_f64


def median_time(f, reps):
    """Best of `reps` wall times (the least disturbed run on a shared machine)."""
    f()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    return float(np.min(ts))


def spd(rng, d, shift=0.1):
    g = rng.standard_normal((d, d))
    s = g @ g.T / d + shift * np.eye(d)
    return (s + s.T) / 2


def main():
    rng = np.random.default_rng(0)
    one = options(lib, "gaussian_w2", num_threads=1)
    one_map = options(lib, "gaussian_map", num_threads=1)
    print(f"otcore {lib.otc_version_string().decode()} vs POT {ot.__version__} (one thread each "
          "for single pairs; shared machine: compare ratios, not absolute times)")
    print("set OPENBLAS_NUM_THREADS=1 to compare one thread with one thread")
    print(f"{'case':<28}{'POT ms':>10}{'otcore ms':>11}{'ratio':>8}  agreement")
    for d in (16, 64, 256):
        reps = 30 if d < 256 else 8
        m1, m2 = rng.standard_normal(d), rng.standard_normal(d)
        s1, s2 = spd(rng, d), spd(rng, d)
        prob = new(W2Problem, m1=ptr(m1), sigma1=view(s1), m2=ptr(m2), sigma2=view(s2))
        out = new(W2Outputs)
        ws, _buf = workspace(lib, "gaussian_w2", "f64", prob, one)

        def ours():
            check(lib, lib.otc_gaussian_w2_f64(ctypes.byref(prob), ctypes.byref(out), ctypes.byref(one),
                                               ws))

        def pot():
            return ot.gaussian.bures_wasserstein_distance(m1, m2, s1, s2)

        t_pot, t_ours = median_time(pot, reps), median_time(ours, reps)
        agree = abs(np.sqrt(out.w2_squared) - float(pot()))
        print(f"{'W2 distance d=' + str(d):<28}{t_pot * 1e3:>10.3f}{t_ours * 1e3:>11.3f}"
              f"{t_pot / t_ours:>8.2f}  |W_otc - W_pot| = {agree:.1e}")

        A = np.zeros((d, d))
        b = np.zeros(d)
        mprob = new(MapProblem, m1=ptr(m1), sigma1=view(s1), m2=ptr(m2), sigma2=view(s2))
        mout = new(MapOutputs, a=view(A, mut=True), b=ptr(b))
        wm, _mbuf = workspace(lib, "gaussian_map", "f64", mprob, one_map)

        def ours_map():
            check(lib, lib.otc_gaussian_map_f64(ctypes.byref(mprob), ctypes.byref(mout),
                                                ctypes.byref(one_map), wm))

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
        o = options(lib, "gaussian_w2_pairwise", num_threads=th)
        out = np.zeros((k, k))
        prob = new(PairwiseProblem, means1=view(mb1), covs1=ctypes.addressof(v1), means2=view(mb2),
                   covs2=ctypes.addressof(v2))
        pout = new(PairwiseOutputs, w2_squared=view(out, mut=True))
        ws, buf = workspace(lib, "gaussian_w2_pairwise", "f64", prob, o)

        def ours_pw(o=o, prob=prob, pout=pout, ws=ws, buf=buf):
            check(lib, lib.otc_gaussian_w2_pairwise_f64(ctypes.byref(prob), ctypes.byref(pout),
                                                        ctypes.byref(o), ws))

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
    prob = new(W2Problem, m1=ptr(z), sigma1=view(s1), m2=ptr(z), sigma2=view(s2))
    out = new(W2Outputs)
    st = lib.otc_gaussian_w2_f64(ctypes.byref(prob), ctypes.byref(out), None, NO_WORK)
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
    prob = new(MapProblem, sigma1=view(s1), sigma2=view(s2))
    mout = new(MapOutputs, a=view(A, mut=True))
    st2 = lib.otc_gaussian_map_f64(ctypes.byref(prob), ctypes.byref(mout), None, NO_WORK)
    resid = np.abs(A @ s1 @ A - s2).max() / np.abs(s2).max()
    print(f"cond 1e12: otcore W2 = {np.sqrt(out.w2_squared):.12f} (status {st}), POT W2 = {wpot}; "
          f"otcore map finite {np.isfinite(A).all()} (status {st2}, |A S1 A - S2|/|S2| = {resid:.1e}), "
          f"POT map finite: {pot_map_ok}")


if __name__ == "__main__":
    main()
