"""Loads the otcore C library with ctypes for the side-by-side peer benchmarks.

Usage: `lib = load()` then call `lib.otc_*` with the view helpers below. The library path is
$OTCORE_LIB, else target/release/libotcore.so (build it with `cargo build --release`).
"""
import ctypes
import os
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]


class MatrixF64(ctypes.Structure):
    """otc_matrix_f64 / otc_matrix_mut_f64: {data, rows, cols, row_stride, col_stride}."""
    _fields_ = [("data", ctypes.c_void_p), ("rows", ctypes.c_size_t), ("cols", ctypes.c_size_t),
                ("row_stride", ctypes.c_ssize_t), ("col_stride", ctypes.c_ssize_t)]


MatrixF32 = MatrixF64  # same layout; the element type is the function's


def view(a: np.ndarray) -> MatrixF64:
    """A strided view of a 2-D numpy array, without a copy (strides converted to elements)."""
    assert a.ndim == 2
    item = a.itemsize
    return MatrixF64(a.ctypes.data, a.shape[0], a.shape[1], a.strides[0] // item, a.strides[1] // item)


def ptr(a: np.ndarray):
    """Pointer to a contiguous numpy array's data."""
    assert a.flags.c_contiguous
    return ctypes.c_void_p(a.ctypes.data)


def load() -> ctypes.CDLL:
    path = os.environ.get("OTCORE_LIB", str(ROOT / "target" / "release" / "libotcore.so"))
    lib = ctypes.CDLL(path)
    lib.otc_last_error_message.restype = ctypes.c_char_p
    lib.otc_status_message.restype = ctypes.c_char_p
    lib.otc_version_string.restype = ctypes.c_char_p
    return lib


def check(lib: ctypes.CDLL, status: int) -> int:
    """Raises on an error status (>= 100); returns warnings (1-99) and OTC_OK."""
    if status >= 100:
        raise RuntimeError(f"otcore status {status}: {lib.otc_last_error_message().decode()}")
    return status
