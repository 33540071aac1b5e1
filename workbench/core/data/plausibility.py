"""Checks of loaded figures against each other: what is valid yet implausible becomes a warning.

A warning keeps the figure (docs/data-contract.md): a likely unit slip (a figure ten times or
more away from the company's others of the same frequency), an annual figure more than 1% away
from the sum of its four quarters on the same basis, a basis (or metric) spelled unlike every
other row. The helpers take plain tuples so that every figure file (`capex.csv`,
`financials.csv`) can use them; `check_capex` applies them to capex figures.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

from workbench.core.data.fields import shown
from workbench.core.data.fiscal import parse_fiscal_period
from workbench.core.data.model import CapexFigure
from workbench.core.data.problems import ProblemLog

T = TypeVar("T")

SLIP_FACTOR = 10.0  # this many times the group's median, or 1/this of it, is a likely unit slip
SLIP_GROUP = 3  # fewer figures than this in a group say nothing about its scale
SUM_TOLERANCE = 0.01  # an annual figure may differ from its quarters' sum by this share of itself
RARE_SPELLING = 2  # a spelling used by at most this many rows may be a slip of a commoner one
SIMILAR = 0.8  # difflib ratio from which two spellings look like one word mistyped
_SPELLINGS_COMPARED = 2_000  # rare spellings compared by similarity (pairs cost time; the rest: case only)


def point(value: float | None, low: float | None, high: float | None) -> float | None:
    """One number for a figure: its value, else the middle of its range, else its one bound."""
    if value is not None:
        return value
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


def unit_slips(items: Iterable[tuple[Hashable, float, T]]) -> list[tuple[T, float]]:
    """(item, its group's median) for every positive figure 10× or more away from its group's median.

    `items` are (group, value, item); a group is e.g. (ticker, frequency). Groups with fewer than
    `SLIP_GROUP` positive figures are not judged.
    """
    groups: dict[Hashable, list[tuple[float, T]]] = defaultdict(list)
    for group, value, item in items:
        if value > 0:
            groups[group].append((value, item))
    found = []
    for members in groups.values():
        if len(members) < SLIP_GROUP:
            continue
        values = sorted(value for value, _ in members)
        middle = len(values) // 2
        median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
        for value, item in members:
            if value >= median * SLIP_FACTOR or value * SLIP_FACTOR <= median:
                found.append((item, median))
    return found


def odd_spellings(items: Iterable[tuple[str, T]]) -> list[tuple[T, str, str]]:
    """(item, its spelling, the likely intended one) for rows whose value is spelled unlike the others.

    A spelling used by at most `RARE_SPELLING` rows is odd when a spelling used by more rows is the
    same word in another case or punctuation (`Cash`, `cash`) or nearly the same letters
    (`increase_finance_leases`, `incl_finance_leases`).
    """
    items = list(items)
    counts = Counter(value for value, _ in items)
    common = [value for value, count in counts.most_common() if count > RARE_SPELLING]
    if not common:
        return []
    by_form: dict[str, str] = {}
    for value in common:
        by_form.setdefault(_form(value), value)
    intended: dict[str, str | None] = {}
    compared = 0
    for value, count in counts.items():
        if count > RARE_SPELLING:
            continue
        match = by_form.get(_form(value))
        if match is None and compared < _SPELLINGS_COMPARED:
            compared += 1
            close = difflib.get_close_matches(value, common, n=1, cutoff=SIMILAR)
            match = close[0] if close else None
        intended[value] = match if match != value else None
    return [(item, value, intended[value]) for value, item in items if intended.get(value)]  # type: ignore[misc]


def _form(value: str) -> str:
    return re.sub(r"[^0-9a-z]", "", value.casefold())


def quarter_sum_gaps(
    items: Iterable[tuple[Hashable, int, int | None, float, T]],
) -> list[tuple[T, float]]:
    """(annual item, the sum of its quarters) where they differ by more than `SUM_TOLERANCE`.

    `items` are (key, fiscal year, quarter or None, value, item); the key holds whatever must match
    (ticker, basis, kind). Only years with exactly one annual figure and one figure for each of
    the four quarters are judged.
    """
    annual: dict[tuple[Hashable, int], list[tuple[float, T]]] = defaultdict(list)
    quarters: dict[tuple[Hashable, int], dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for key, year, quarter, value, item in items:
        if quarter is None:
            annual[(key, year)].append((value, item))
        else:
            quarters[(key, year)][quarter].append(value)
    found = []
    for where, figures in annual.items():
        parts = quarters.get(where)
        if len(figures) != 1 or parts is None or sorted(parts) != [1, 2, 3, 4]:
            continue
        if any(len(values) != 1 for values in parts.values()):
            continue
        value, item = figures[0]
        total = sum(values[0] for values in parts.values())
        if abs(value - total) > SUM_TOLERANCE * abs(value):
            found.append((item, total))
    return found


def check_capex(figures: Sequence[CapexFigure], log: ProblemLog) -> None:
    """Warn about implausible capex figures (each is kept)."""
    periods = {f.fiscal_period: parse_fiscal_period(f.fiscal_period) for f in figures}
    points = [(f, point(f.value_bn, f.low_bn, f.high_bn)) for f in figures]
    for figure, median in unit_slips(
        ((f.ticker, periods[f.fiscal_period][1] is None), p, f)  # type: ignore[index]
        for f, p in points
        if p is not None and periods[f.fiscal_period] is not None
    ):
        value = point(figure.value_bn, figure.low_bn, figure.high_bn) or 0.0
        frequency = "annual" if figure.fiscal_period.count("Q") == 0 else "quarterly"
        times = value / median if value >= median else median / value
        direction = "above" if value >= median else "below"
        log.warn(
            figure.line,
            f"capex {figure.ticker} {figure.fiscal_period}: {value:g} bn is {times:.0f}× {direction} the median "
            f"({median:g} bn) of {figure.ticker}'s {frequency} figures: a unit slip (millions for billions)?",
        )
    for figure, total in quarter_sum_gaps(
        ((f.ticker, f.basis), *periods[f.fiscal_period], f.value_bn, f)  # type: ignore[misc]
        for f in figures
        if f.kind == "actual" and f.value_bn is not None and periods[f.fiscal_period] is not None
    ):
        off = abs(figure.value_bn - total) / abs(figure.value_bn) * 100
        log.warn(
            figure.line,
            f"capex {figure.ticker} {figure.fiscal_period}: {figure.value_bn:g} bn is {off:.1f}% away from the sum "
            f"of its four quarters on basis {shown(figure.basis)} ({total:.6g} bn)",
        )
    for figure, spelled, meant in odd_spellings((f.basis, f) for f in figures):
        log.warn(
            figure.line,
            f"capex {figure.ticker} {figure.fiscal_period}: basis {shown(spelled)} is spelled unlike every other row "
            f"(did you mean {shown(meant)}?)",
        )
