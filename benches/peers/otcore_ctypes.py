"""Loads the otcore C library with ctypes for the side-by-side peer benchmarks.

The structs, constants and prototypes are the generated mirror `otcore_abi.py` (abi-gen, from
include/otcore.h); this module adds the loading and the numpy glue:

    lib = load()                                   # every function declared (restype/argtypes)
    problem = new(abi.otc_emd_problem_f64, a=ptr(a), n=len(a), b=ptr(b), m=len(b), cost=view(C))
    out = new(abi.otc_emd_outputs_f64)
    opts = options(lib, "emd", num_threads=1)
    check(lib, lib.otc_emd_f64(problem, out, opts, NO_WORK))

The library path is $OTCORE_LIB, else target/release/libotcore.so (`cargo build --release`).
"""
import ctypes
import os
import pathlib
import time

import numpy as np

import otcore_abi as abi

ROOT = pathlib.Path(__file__).resolve().parents[2]

# The read-only double view (its layout is the other views' too).
MatrixF64 = abi.otc_matrix_f64

# The workspace argument {NULL, 0}: otcore allocates what a call needs.
NO_WORK = abi.otc_workspace(None, 0)


def view(a: np.ndarray, mut: bool = False):
    """A strided view of a 2-D numpy array, without a copy (strides converted to elements):
    otc_matrix_f64/_f32, or the otc_matrix_mut_* type for an output when `mut`."""
    assert a.ndim == 2
    kind = {np.dtype(np.float64): "f64", np.dtype(np.float32): "f32"}[a.dtype]
    cls = getattr(abi, f"otc_matrix_{'mut_' if mut else ''}{kind}")
    item = a.itemsize
    return cls(a.ctypes.data, a.shape[0], a.shape[1], a.strides[0] // item, a.strides[1] // item)


def ptr(a: np.ndarray):
    """Pointer to a contiguous numpy array's data (for the structs' pointer fields)."""
    assert a.flags.c_contiguous
    return a.ctypes.data


def new(struct_type, **fields):
    """An ABI 1 problem or outputs struct: zeroed, `struct_size` set, then `fields`."""
    s = struct_type(**fields)
    s.struct_size = ctypes.sizeof(struct_type)
    return s


def options(lib: ctypes.CDLL, op: str, **fields):
    """otc_<op>_options with the library's defaults, then `fields`."""
    opts = getattr(abi, f"otc_{op}_options")()
    check(lib, getattr(lib, f"otc_{op}_options_default")(ctypes.byref(opts)))
    for name, value in fields.items():
        setattr(opts, name, value)
    return opts


def workspace(lib: ctypes.CDLL, op: str, precision: str, problem, opts):
    """A caller workspace of the size otc_<op>_workspace_size_<precision> reports, and the numpy
    buffer that holds it (keep it alive while the workspace is used)."""
    size = ctypes.c_size_t()
    query = getattr(lib, f"otc_{op}_workspace_size_{precision}")
    check(lib, query(ctypes.byref(problem), ctypes.byref(opts), ctypes.byref(size)))
    buf = np.empty(max(size.value, 1), dtype=np.uint8)
    return abi.otc_workspace(buf.ctypes.data, size.value), buf


def load() -> ctypes.CDLL:
    """The library at $OTCORE_LIB (default target/release/libotcore.so), every function
    declared from the generated prototypes. The default library must be newer than every
    source file of the crate: a stale build would measure other code than the checkout's
    (set OTCORE_LIB to time a chosen build)."""
    default = ROOT / "target" / "release" / "libotcore.so"
    path = os.environ.get("OTCORE_LIB", str(default))
    if path == str(default):
        sources = [ROOT / "Cargo.toml", ROOT / "build.rs", *(ROOT / "src").rglob("*.rs")]
        newest = max(f.stat().st_mtime for f in sources if f.exists())
        if not default.exists() or default.stat().st_mtime < newest:
            raise RuntimeError(f"{default} is missing or older than the sources: run "
                               "`cargo build --release --all-features` first")
    return abi.declare(ctypes.CDLL(path))


def best_of(f, repeat: int):
    """The best wall time of `repeat` calls of `f` (seconds) and the last call's result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def check(lib: ctypes.CDLL, status: int) -> int:
    """Raises on an error status (>= 100); returns warnings (1-99) and OTC_OK."""
    if status >= 100:
        raise RuntimeError(f"otcore status {status}: {lib.otc_last_error_message().decode()}")
    return status
