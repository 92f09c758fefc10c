"""Coefficients of the polynomials in `Real::exp_s` (src/real.rs): the Chebyshev (near-minimax)
fit of e^r on [-ln2/2, ln2/2], degree 11 for f64 and 6 for f32, and the relative error of the
polynomial once its coefficients are rounded to the target type.

Run: python3 scripts/exp_coefficients.py   (needs mpmath and numpy)
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 50
HALF_LN2 = mp.log(2) / 2


def fit(degree, rounding):
    coeffs, _ = mp.chebyfit(mp.exp, [-HALF_LN2, HALF_LN2], degree + 1, error=True)
    rounded = [rounding(float(c)) for c in coeffs[::-1]]  # lowest degree first
    worst = max(
        abs(sum(mp.mpf(float(c)) * r**k for k, c in enumerate(rounded)) / mp.exp(r) - 1)
        for r in mp.linspace(-HALF_LN2, HALF_LN2, 4001)
    )
    return rounded, worst


for name, degree, rounding in [("f64", 11, float), ("f32", 6, np.float32)]:
    coeffs, worst = fit(degree, rounding)
    print(f"{name} degree {degree}: relative error {mp.nstr(worst, 3)}")
    print("  " + ", ".join(repr(float(c)) for c in coeffs))
