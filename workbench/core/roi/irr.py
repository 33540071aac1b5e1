"""A fast IRR with numpy_financial.irr's answer: the real rate closest to zero where NPV = 0.

numpy_financial.irr finds every root of the NPV polynomial through the eigenvalues of its
companion matrix: ~5 ms for a 100-year horizon, too slow for a recompute per keystroke over
several cases. Here the NPV polynomial is evaluated on a fixed fine grid of rates on both
sides of zero (one cached matrix product), the first sign change on each side is refined by
safeguarded Newton, and the nearer of the two roots wins — the same root numpy_financial
picks. The two can disagree only where two roots lie within one grid step (1/2000 in rate
near zero) or where a root is (nearly) double, i.e. where the IRR is ill-defined anyway and
the UI warns about several sign changes; tests check agreement against numpy_financial.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

_STEPS = 2000  # grid steps on each side of r = 0


@lru_cache(maxsize=128)
def _powers(degree: int) -> np.ndarray:
    """z^t for z on a descending grid 1 → 0 and t = 0 … degree (a (STEPS+1) × (degree+1) matrix)."""
    grid = np.linspace(1.0, 0.0, _STEPS + 1)
    with np.errstate(under="ignore"):
        return np.vander(grid, degree + 1, increasing=True)


def _horner(coefficients: Sequence[float], z: float) -> tuple[float, float]:
    """(p(z), p'(z)) for p(z) = Σ c_t z^t."""
    value, slope = 0.0, 0.0
    for c in reversed(coefficients):
        slope = slope * z + value
        value = value * z + c
    return value, slope


def _root(coefficients: Sequence[float], lo: float, hi: float) -> float:
    """The root of p in [lo, hi] (p(lo), p(hi) of opposite signs) to float precision.

    Newton inside a shrinking bracket, bisecting whenever Newton would leave the bracket or
    converges slowly (as it does near a root of high multiplicity, e.g. y ≈ 0).
    """
    f_lo, f_hi = _horner(coefficients, lo)[0], _horner(coefficients, hi)[0]
    if f_lo == 0.0 or f_hi == 0.0 or (f_lo < 0) == (f_hi < 0):
        # At a root on a grid point, rounding in the grid product and in Horner can
        # disagree on the sign: take the endpoint nearer to the root.
        return lo if abs(f_lo) <= abs(f_hi) else hi
    z = 0.5 * (lo + hi)
    step_before_last = step = hi - lo
    for _ in range(400):
        value, slope = _horner(coefficients, z)
        if value == 0.0:
            return z
        if (value < 0) == (f_lo < 0):
            lo, f_lo = z, value
        else:
            hi = z
        newton = z - value / slope if slope else math.nan
        if lo < newton < hi and abs(2.0 * value) <= abs(step_before_last * slope):
            step_before_last, step = step, newton - z
            z = newton
        else:  # Newton would leave the bracket or is not halving the step: bisect
            step_before_last, step = step, 0.5 * (hi - lo)
            z = lo + step
        if abs(step) <= 1e-16 * abs(z) or z in (lo, hi):
            return z
    return z


def _first_root(coefficients: list[float], values: np.ndarray) -> float | None:
    """The root of p nearest z = 1 scanning the grid down to z = 0, or None if p keeps its sign."""
    signs = np.sign(values)
    zero = np.flatnonzero(signs == 0)
    change = np.flatnonzero(signs[:-1] * signs[1:] < 0)
    first_zero = zero[0] if zero.size else None
    first_change = change[0] if change.size else None
    if first_zero is None and first_change is None:
        return None
    step = 1.0 / _STEPS
    if first_zero is not None and (first_change is None or first_zero <= first_change):
        return 1.0 - first_zero * step
    assert first_change is not None
    i = int(first_change)
    return _root(coefficients, 1.0 - (i + 1) * step, 1.0 - i * step)


def irr(flows: Sequence[float]) -> float | None:
    """The rate r > −1 closest to zero with Σ flows_t / (1 + r)^t = 0; None if there is none.

    x = 1/(1 + r) turns NPV into the polynomial p(x) = Σ flows_t x^t. Rates r ≥ 0 are
    x ∈ (0, 1]; rates r < 0 are x > 1, where p(x)/x^n = Σ flows_t y^(n−t) with y = 1 + r
    ∈ (0, 1) has the same sign, so both sides are scanned as polynomials on [0, 1].
    """
    values = [float(f) for f in flows]
    if not all(math.isfinite(v) for v in values):
        return None
    # Zeros at either end only add roots at x = 0 or lower the degree (as in np.roots).
    first = next((i for i, v in enumerate(values) if v), None)
    if first is None:
        return None
    last = max(i for i, v in enumerate(values) if v)
    largest = max(abs(v) for v in values)
    # Scaling does not move roots, and keeps tiny (even subnormal) flows precise.
    coefficients = [v / largest for v in values[first : last + 1]]
    positive = [v > 0 for v in coefficients if v]
    if all(positive) or not any(positive):
        return None  # Descartes: no sign change, no positive root x
    ahead = coefficients  # p(x), x = 1/(1+r) for r ≥ 0
    behind = coefficients[::-1]  # Σ c_t y^(n−t), y = 1 + r for r < 0
    scan = _powers(len(coefficients) - 1) @ np.array([ahead, behind]).T
    x = _first_root(ahead, scan[:, 0])
    y = _first_root(behind, scan[:, 1])
    candidates = []
    if x is not None and x > 0:
        candidates.append(1.0 / x - 1.0)
    if y is not None and y > 0:
        candidates.append(y - 1.0)
    if not candidates:
        return None
    return min(candidates, key=abs)


_LOWEST, _HIGHEST = -0.99, 10.0  # the open interval of rates `irrs` reports


def _every_root(coefficients: list[float], values: np.ndarray, stop: float) -> list[float]:
    """Every root of p on the grid from z = 1 down to z > `stop`: grid zeros and each sign
    change refined. Two roots within one grid step (or a double root) are not told apart."""
    signs = np.sign(values)
    step = 1.0 / _STEPS
    roots = [1.0 - int(i) * step for i in np.flatnonzero(signs == 0)]
    for i in np.flatnonzero(signs[:-1] * signs[1:] < 0):
        roots.append(_root(coefficients, 1.0 - (int(i) + 1) * step, 1.0 - int(i) * step))
    return [z for z in roots if z > stop]


def irrs(flows: Sequence[float]) -> list[float]:
    """Every rate r in (−0.99, 10) with Σ flows_t / (1 + r)^t = 0, ascending.

    The same scan as `irr`, keeping every sign change instead of the first on each side, so
    `irr(flows)` is among these whenever it lies in the interval.
    """
    values = [float(f) for f in flows]
    if not all(math.isfinite(v) for v in values):
        return []
    first = next((i for i, v in enumerate(values) if v), None)
    if first is None:
        return []
    last = max(i for i, v in enumerate(values) if v)
    largest = max(abs(v) for v in values)
    coefficients = [v / largest for v in values[first : last + 1]]
    positive = [v > 0 for v in coefficients if v]
    if all(positive) or not any(positive):
        return []
    behind = coefficients[::-1]
    scan = _powers(len(coefficients) - 1) @ np.array([coefficients, behind]).T
    rates = [1.0 / x - 1.0 for x in _every_root(coefficients, scan[:, 0], 1.0 / (1.0 + _HIGHEST))]
    rates += [y - 1.0 for y in _every_root(behind, scan[:, 1], 1.0 + _LOWEST) if y < 1.0]
    rates.sort()
    unique: list[float] = []
    for rate in rates:
        if _LOWEST < rate < _HIGHEST and (not unique or rate - unique[-1] > 1e-12):
            unique.append(rate)
    return unique
