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
from otcore_ctypes import MatrixF64, check, load, view  # noqa: E402

import ot  # noqa: E402

lib = load()


class Report(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int32), ("path", ctypes.c_int32), ("iterations", ctypes.c_uint64),
                ("error", ctypes.c_double), ("seconds", ctypes.c_double)]


class Workspace(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("bytes", ctypes.c_size_t)]


TOL = [("struct_size", ctypes.c_size_t), ("num_threads", ctypes.c_uint32),
       ("symmetry_tol", ctypes.c_double), ("psd_tol", ctypes.c_double)]
dptr = ctypes.POINTER(ctypes.c_double)


def abi(fields):
    """A ctypes Structure type with these fields (struct_size first)."""
    return type("S", (ctypes.Structure,), {"_fields_": fields})


W2Options = abi(TOL)
W2Problem = abi([("struct_size", ctypes.c_size_t), ("m1", dptr), ("sigma1", MatrixF64), ("m2", dptr),
                 ("sigma2", MatrixF64)])
W2Outputs = abi([("struct_size", ctypes.c_size_t), ("report", Report), ("w2_squared", ctypes.c_double)])
MapOptions = abi(TOL + [("rank_tol", ctypes.c_double)])
MapOutputs = abi([("struct_size", ctypes.c_size_t), ("report", Report), ("rank", ctypes.c_size_t),
                  ("a", MatrixF64), ("b", dptr)])
PairwiseProblem = abi([("struct_size", ctypes.c_size_t), ("means1", MatrixF64),
                       ("covs1", ctypes.POINTER(MatrixF64)), ("means2", MatrixF64),
                       ("covs2", ctypes.POINTER(MatrixF64))])
PairwiseOutputs = abi([("struct_size", ctypes.c_size_t), ("report", Report), ("w2_squared", MatrixF64)])


def new(T, **fields):
    x = T(**fields)
    x.struct_size = ctypes.sizeof(T)
    return x


def options(T, fill, threads):
    o = T()
    check(lib, getattr(lib, fill)(ctypes.byref(o)))
    o.num_threads = threads
    return o


for name, P, R, O in [("gaussian_w2", W2Problem, W2Outputs, W2Options),
                      ("gaussian_map", W2Problem, MapOutputs, MapOptions),
                      ("gaussian_w2_pairwise", PairwiseProblem, PairwiseOutputs, W2Options)]:
    getattr(lib, f"otc_{name}_f64").argtypes = [ctypes.POINTER(P), ctypes.POINTER(R), ctypes.POINTER(O),
                                                Workspace]
    getattr(lib, f"otc_{name}_workspace_size_f64").argtypes = [
        ctypes.POINTER(P), ctypes.POINTER(O), ctypes.POINTER(ctypes.c_size_t)]


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


def workspace(name, problem, o):
    """A caller workspace of the size otc_<name>_workspace_size_f64 reports (and its buffer)."""
    size = ctypes.c_size_t()
    check(lib, getattr(lib, f"otc_{name}_workspace_size_f64")(ctypes.byref(problem), ctypes.byref(o),
                                                              ctypes.byref(size)))
    buf = ctypes.create_string_buffer(max(size.value, 1))
    return buf, Workspace(ctypes.cast(buf, ctypes.c_void_p), size.value)


def spd(rng, d, shift=0.1):
    g = rng.standard_normal((d, d))
    s = g @ g.T / d + shift * np.eye(d)
    return (s + s.T) / 2


def main():
    rng = np.random.default_rng(0)
    one = options(W2Options, "otc_gaussian_w2_options_default", 1)
    one_map = options(MapOptions, "otc_gaussian_map_options_default", 1)
    print(f"otcore {lib.otc_version_string().decode()} vs POT {ot.__version__} (one thread each "
          "for single pairs; shared machine: compare ratios, not absolute times)")
    print("set OPENBLAS_NUM_THREADS=1 to compare one thread with one thread")
    print(f"{'case':<28}{'POT ms':>10}{'otcore ms':>11}{'ratio':>8}  agreement")
    for d in (16, 64, 256):
        reps = 30 if d < 256 else 8
        m1, m2 = rng.standard_normal(d), rng.standard_normal(d)
        s1, s2 = spd(rng, d), spd(rng, d)
        prob = new(W2Problem, m1=p(m1), sigma1=view(s1), m2=p(m2), sigma2=view(s2))
        out = new(W2Outputs)
        _buf, ws = workspace("gaussian_w2", prob, one)

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
        mout = new(MapOutputs, a=view(A), b=p(b))
        _mbuf, wm = workspace("gaussian_map", prob, one_map)

        def ours_map():
            check(lib, lib.otc_gaussian_map_f64(ctypes.byref(prob), ctypes.byref(mout),
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
        o = options(W2Options, "otc_gaussian_w2_pairwise_options_default", th)
        out = np.zeros((k, k))
        prob = new(PairwiseProblem, means1=view(mb1), covs1=v1, means2=view(mb2), covs2=v2)
        pout = new(PairwiseOutputs, w2_squared=view(out))
        buf, ws = workspace("gaussian_w2_pairwise", prob, o)

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
    prob = new(W2Problem, m1=p(z), sigma1=view(s1), m2=p(z), sigma2=view(s2))
    out = new(W2Outputs)
    st = lib.otc_gaussian_w2_f64(ctypes.byref(prob), ctypes.byref(out), None, Workspace(None, 0))
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
    prob = new(W2Problem, sigma1=view(s1), sigma2=view(s2))
    mout = new(MapOutputs, a=view(A))
    st2 = lib.otc_gaussian_map_f64(ctypes.byref(prob), ctypes.byref(mout), None, Workspace(None, 0))
    resid = np.abs(A @ s1 @ A - s2).max() / np.abs(s2).max()
    print(f"cond 1e12: otcore W2 = {np.sqrt(out.w2_squared):.12f} (status {st}), POT W2 = {wpot}; "
          f"otcore map finite {np.isfinite(A).all()} (status {st2}, |A S1 A - S2|/|S2| = {resid:.1e}), "
          f"POT map finite: {pot_map_ok}")


if __name__ == "__main__":
    main()
