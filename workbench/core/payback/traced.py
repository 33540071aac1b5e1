"""A number that knows where it came from: the rows behind it, or why it is missing.

Every payback figure is a `Traced`: a value with the data rows it was computed from (so a
screen can open them), or no value and a reason that names the missing input and period
(`no revenue for FY2025`). Arithmetic on them keeps both: a ratio of a missing input is
missing for that input's reason, never zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Traced:
    """A value and its rows (`CapexFigure`/`FinancialFigure`), or None and why (`why`)."""

    value: float | None
    rows: tuple[Any, ...] = ()
    why: str = ""
    note: str = ""  # what the value stands for when it is not obvious (e.g. "fiscal year, not calendar")

    @property
    def missing(self) -> bool:
        return self.value is None

    def sources(self) -> list[str]:
        """The distinct source ids of its rows, in row order."""
        return list(dict.fromkeys(getattr(row, "source", "") for row in self.rows if getattr(row, "source", "")))


def missing(why: str, rows: Iterable[Any] = ()) -> Traced:
    """No value, and why (the rows that were there are kept: they explain what was found)."""
    return Traced(None, tuple(rows), why)


def _merge(*parts: Traced) -> tuple[Any, ...]:
    seen: dict[int, Any] = {}
    for part in parts:
        for row in part.rows:
            seen.setdefault(id(row), row)
    return tuple(seen.values())


def first_missing(*parts: Traced) -> Traced | None:
    """The first missing input (its reason is the result's reason), or None when all are there."""
    for part in parts:
        if part.value is None:
            return part
    return None


def ratio(numerator: Traced, denominator: Traced, denominator_name: str = "the denominator") -> Traced:
    """numerator / denominator; missing when either is, or when the denominator is not positive."""
    gap = first_missing(numerator, denominator)
    if gap is not None:
        return missing(gap.why, _merge(numerator, denominator))
    assert numerator.value is not None and denominator.value is not None
    if denominator.value <= 0:
        return missing(f"{denominator_name} is not positive ({denominator.value:g})", _merge(numerator, denominator))
    return Traced(numerator.value / denominator.value, _merge(numerator, denominator))


def difference(minuend: Traced, subtrahend: Traced) -> Traced:
    """minuend − subtrahend; missing when either is."""
    gap = first_missing(minuend, subtrahend)
    if gap is not None:
        return missing(gap.why, _merge(minuend, subtrahend))
    assert minuend.value is not None and subtrahend.value is not None
    return Traced(minuend.value - subtrahend.value, _merge(minuend, subtrahend))


def total(parts: Sequence[Traced], empty_why: str = "nothing to add up") -> Traced:
    """The sum of every part; missing (naming each missing part's reason) when any part is."""
    if not parts:
        return missing(empty_why)
    gaps = [p.why for p in parts if p.value is None]
    if gaps:
        return missing(" | ".join(dict.fromkeys(gaps)), _merge(*parts))
    return Traced(sum(p.value for p in parts if p.value is not None), _merge(*parts))
