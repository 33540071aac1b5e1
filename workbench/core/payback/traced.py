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

from workbench.core.i18n import N_, tr


class Reason(str):
    """An explanation in English — what exports and `--json` carry — that the interface shows in its language.

    `Reason(N_("no {what} for {periods}"), what=…, periods=…)` is the English sentence as a plain
    string; `shown(reason)` translates the message and every value that is a Reason itself.
    """

    message: str
    values: dict[str, object]

    def __new__(cls, message: str, /, **values: object) -> Reason:
        self = super().__new__(cls, message.format(**values) if values else message)
        self.message, self.values = message, values
        return self

    def shown(self) -> str:
        """In the interface language."""
        return tr(self.message, **{key: shown(value) for key, value in self.values.items()})


class Joined(Reason):
    """Several reasons, one after the other (`a | b`)."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, parts: Iterable[str], separator: str = " | ") -> Joined:
        texts = tuple(parts)
        self = str.__new__(cls, separator.join(texts))
        self.message, self.values, self.parts, self.separator = separator.join(texts), {}, texts, separator
        return self

    def shown(self) -> str:
        return self.separator.join(shown_text(part) for part in self.parts)


def shown(value: object) -> object:
    """A reason in the interface language; anything else (data, numbers) as it is."""
    return value.shown() if isinstance(value, Reason) else value


def shown_text(value: str) -> str:
    """`shown` for a text: a Reason translated, a plain string (data) as written."""
    return str(shown(value))


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


def ratio(numerator: Traced, denominator: Traced, denominator_name: str = Reason(N_("the denominator"))) -> Traced:
    """numerator / denominator; missing when either is, or when the denominator is not positive."""
    gap = first_missing(numerator, denominator)
    if gap is not None:
        return missing(gap.why, _merge(numerator, denominator))
    assert numerator.value is not None and denominator.value is not None
    if denominator.value <= 0:
        why = Reason(N_("{what} is not positive ({value:g})"), what=denominator_name, value=denominator.value)
        return missing(why, _merge(numerator, denominator))
    return Traced(numerator.value / denominator.value, _merge(numerator, denominator))


def difference(minuend: Traced, subtrahend: Traced) -> Traced:
    """minuend − subtrahend; missing when either is."""
    gap = first_missing(minuend, subtrahend)
    if gap is not None:
        return missing(gap.why, _merge(minuend, subtrahend))
    assert minuend.value is not None and subtrahend.value is not None
    return Traced(minuend.value - subtrahend.value, _merge(minuend, subtrahend))


def total(parts: Sequence[Traced], empty_why: str = Reason(N_("nothing to add up"))) -> Traced:
    """The sum of every part; missing (naming each missing part's reason) when any part is."""
    if not parts:
        return missing(empty_why)
    gaps = [p.why for p in parts if p.value is None]
    if gaps:
        return missing(Joined(dict.fromkeys(gaps)), _merge(*parts))
    return Traced(sum(p.value for p in parts if p.value is not None), _merge(*parts))
