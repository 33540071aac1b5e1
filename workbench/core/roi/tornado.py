"""The tornado: how far NPV swings when each input alone moves 20% down and up.

DESIGN.md "ROI model": for each numeric input, NPV at the input × 0.8 and × 1.2 (integers
rounded, values clamped to their domain), the others held; sorted by the size of the swing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.core.roi.model import INPUTS, SOLVABLE, Inputs, check_value, cross_errors, npv, with_value

LOW, HIGH = 0.8, 1.2


@dataclass(frozen=True, slots=True)
class Bar:
    """One input's bar: its values at × 0.8 and × 1.2 and the NPV at each (None: the value
    does not fit the other inputs, e.g. a discount rate at or below the terminal growth)."""

    input: str
    low_value: float
    high_value: float
    npv_low: float | None
    npv_high: float | None

    @property
    def swing(self) -> float:
        """|NPV high − NPV low|; −1 when a side is undefined (such bars sort last)."""
        if self.npv_low is None or self.npv_high is None:
            return -1.0
        return abs(self.npv_high - self.npv_low)

    def as_json(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "low_value": self.low_value,
            "high_value": self.high_value,
            "npv_low": self.npv_low,
            "npv_high": self.npv_high,
        }


def scaled(name: str, value: float, factor: float) -> float | int:
    """value × factor, rounded for a whole-number input and clamped to the input's domain."""
    spec = INPUTS[name]
    moved: float | int = round(value * factor, 12)
    if spec.kind is int:
        moved = int(round(moved))
    if spec.minimum is not None and moved < spec.minimum:
        moved = type(moved)(spec.minimum)
    if spec.maximum is not None and moved > spec.maximum:
        moved = type(moved)(spec.maximum)
    return moved


def _npv_at(inputs: Inputs, name: str, value: float | int) -> float | None:
    changed = {**inputs.as_dict(), name: value}
    if check_value(name, value)[1] is not None or cross_errors(changed):
        return None
    return npv(with_value(inputs, name, value))


def tornado(inputs: Inputs) -> list[Bar]:
    """A bar per numeric input (terminal growth only when set), widest swing first; inputs
    with equal swings keep the form's order."""
    names = [*SOLVABLE, *(["terminal_growth"] if inputs.terminal_growth is not None else [])]
    bars = []
    for name in names:
        value = inputs.value(name)
        low, high = scaled(name, value, LOW), scaled(name, value, HIGH)
        bars.append(Bar(name, low, high, _npv_at(inputs, name, low), _npv_at(inputs, name, high)))
    return sorted(bars, key=lambda bar: -bar.swing)
