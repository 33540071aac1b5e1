"""How every screen writes money and change: `$13.87B`, `$64–72B`, `≥$30B`, `▲12.3%`, `—`."""

from __future__ import annotations

import math
from typing import TypeGuard

MISSING = "—"
UP, DOWN = "▲", "▼"


def _is_number(value: float | None) -> TypeGuard[float]:
    return value is not None and not (isinstance(value, float) and (math.isnan(value) or math.isinf(value)))


def bn(value: float | None, decimals: int = 2) -> str:
    """USD billions with two decimals: `$13.87B`, `$0.50B`, `-$1.20B`; `—` when missing."""
    if not _is_number(value):
        return MISSING
    text = f"{abs(value):,.{decimals}f}"
    if float(text.replace(",", "")) == 0:
        return f"${text}B"  # never "-$0.00B"
    return f"{'-' if value < 0 else ''}${text}B"


def compact(value: float) -> str:
    """A number with at most two decimals and no trailing zeros: `64`, `3.5`, `13.88`."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def bn_range(low: float | None, high: float | None) -> str:
    """A guidance range: `$64–72B`; `≥$30B` for a floor alone, `≤$40B` for a ceiling alone."""
    if _is_number(low) and _is_number(high):
        if low == high:
            return f"${compact(low)}B"
        if low < 0 or high < 0:  # "$-5–3B" would misread; spell out both ends
            return f"{bn(low)}–{bn(high)}"
        return f"${compact(low)}–{compact(high)}B"
    if _is_number(low):
        return f"≥{bn(low) if low < 0 else '$' + compact(low) + 'B'}"
    if _is_number(high):
        return f"≤{bn(high) if high < 0 else '$' + compact(high) + 'B'}"
    return MISSING


def figure(value: float | None, low: float | None, high: float | None) -> str:
    """A capex figure as written in `capex.csv`: a point (`$80.00B`) or a range (`$64–72B`)."""
    return bn(value) if _is_number(value) else bn_range(low, high)


def pct(change: float | None) -> str:
    """A fractional change as a percentage to one decimal with ▲/▼: 0.123 → `▲12.3%`; `—` when missing."""
    if not _is_number(change):
        return MISSING
    text = f"{abs(change) * 100:,.1f}%"
    if text == "0.0%":
        return text
    return f"{UP if change > 0 else DOWN}{text}"


def direction(change: float | None) -> int:
    """+1 up, -1 down, 0 flat or missing — for colouring; rounds like `pct` so colour matches the text."""
    if not _is_number(change) or round(abs(change) * 100, 1) == 0:
        return 0
    return 1 if change > 0 else -1
