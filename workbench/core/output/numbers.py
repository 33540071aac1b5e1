"""How every screen writes money and change: `$13.87B`, `$64–72B`, `≥$30B`, `▲12.3%`, `—`.

Amounts are shown in USD billions, or — an option Chinese readers ask for — in 亿美元
(hundreds of millions of US dollars: $64.55B = 645.5亿美元, the same precision). The unit is a
display choice only: files, exports and `--json` always carry USD billions.
"""

from __future__ import annotations

import math
from typing import TypeGuard

MISSING = "—"
UP, DOWN = "▲", "▼"
AMOUNT_UNITS = ("usd-bn", "yi")  # $B, 亿美元
YI_PER_BN = 10

_unit = "usd-bn"


def set_amount_unit(unit: str) -> None:
    """Show amounts in `usd-bn` ($B) or `yi` (亿美元) from now on."""
    global _unit
    _unit = unit if unit in AMOUNT_UNITS else "usd-bn"


def amount_unit() -> str:
    return _unit


def unit_label() -> str:
    """The unit a column of bare amounts is in: `$B` or `亿美元`."""
    return "亿美元" if _unit == "yi" else "$B"


def _is_number(value: float | None) -> TypeGuard[float]:
    return value is not None and not (isinstance(value, float) and (math.isnan(value) or math.isinf(value)))


def bn(value: float | None, decimals: int = 2) -> str:
    """USD billions with two decimals: `$13.87B`, `$0.50B`, `-$1.20B`; `—` when missing.

    In 亿美元 one decimal fewer, the same precision: `138.7亿美元`, `-12.0亿美元`.
    """
    if not _is_number(value):
        return MISSING
    if _unit == "yi":
        return f"{amount_number(value, decimals)}亿美元"
    text = f"{abs(value):,.{decimals}f}"
    if float(text.replace(",", "")) == 0:
        return f"${text}B"  # never "-$0.00B"
    return f"{'-' if value < 0 else ''}${text}B"


def amount_number(value: float | None, decimals: int = 2) -> str:
    """An amount without its unit, for a column titled with `unit_label()`: `13.87` or `138.7`."""
    if not _is_number(value):
        return MISSING
    if _unit == "yi":
        value, decimals = value * YI_PER_BN, max(decimals - 1, 0)
    text = f"{value:,.{decimals}f}"
    return text.removeprefix("-") if float(text.replace(",", "")) == 0 else text


def compact(value: float) -> str:
    """A number with at most two decimals and no trailing zeros: `64`, `3.5`, `13.88`."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def bn_range(low: float | None, high: float | None) -> str:
    """A guidance range: `$64–72B`; `≥$30B` for a floor alone, `≤$40B` for a ceiling alone."""
    if _unit == "yi":
        return _yi_range(low, high)
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


def _yi_range(low: float | None, high: float | None) -> str:
    """`bn_range` in 亿美元: `640–720亿美元`, `≥300亿美元`, `≤400亿美元`."""

    def yi(x: float) -> str:
        return compact(x * YI_PER_BN)

    if _is_number(low) and _is_number(high):
        if low == high:
            return f"{yi(low)}亿美元"
        if low < 0 or high < 0:
            return f"{bn(low)}–{bn(high)}"
        return f"{yi(low)}–{yi(high)}亿美元"
    if _is_number(low):
        return f"≥{yi(low)}亿美元"
    if _is_number(high):
        return f"≤{yi(high)}亿美元"
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
