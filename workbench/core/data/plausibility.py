"""Checks of loaded figures against each other: what is valid yet implausible becomes a warning.

A warning keeps the figure (docs/data-contract.md): a likely unit slip (a figure ten times or
more away from the company's others of the same frequency), an annual figure more than 1% away
from the sum of its four quarters on the same basis, a basis (or metric) spelled unlike every
other row. The helpers take plain tuples so that every figure file (`capex.csv`,
`financials.csv`) can use them; `check_capex` applies them to capex figures.
"""

from __future__ import annotations

import difflib
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

from workbench.core.data.fields import shown
from workbench.core.data.fiscal import parse_fiscal_period
from workbench.core.data.model import CapexFigure
from workbench.core.data.problems import ProblemLog
from workbench.core.i18n import N_, tr

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


def slip_medians(groups: Mapping[Hashable, list[float]]) -> dict[Hashable, float]:
    """The median of each group of positive values that has at least `SLIP_GROUP` of them.

    A group is e.g. a company's annual figures; `is_slip` then judges each figure against it.
    """
    medians = {}
    for group, values in groups.items():
        values = sorted(v for v in values if v > 0)
        if len(values) >= SLIP_GROUP:
            middle = len(values) // 2
            medians[group] = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    return medians


def is_slip(value: float, median: float) -> bool:
    """Is a positive `value` ten times or more above or below its group's `median`?"""
    return value > 0 and (value >= median * SLIP_FACTOR or value * SLIP_FACTOR <= median)


def odd_spellings(values: Iterable[str]) -> dict[str, str]:
    """{odd spelling: the likely intended one} among the values of one column (e.g. every basis).

    A spelling used by at most `RARE_SPELLING` rows is odd when a spelling used by more rows is the
    same word in another case or punctuation (`Cash`, `cash`) or nearly the same letters
    (`increase_finance_leases`, `incl_finance_leases`).
    """
    counts = Counter(values)
    common = [value for value, count in counts.most_common() if count > RARE_SPELLING]
    if not common:
        return {}
    by_form: dict[str, str] = {}
    for value in common:
        by_form.setdefault(_form(value), value)
    odd: dict[str, str] = {}
    compared = 0
    for value, count in counts.items():
        if count > RARE_SPELLING:
            continue
        match = by_form.get(_form(value))
        if match is None and compared < _SPELLINGS_COMPARED:
            compared += 1
            close = difflib.get_close_matches(value, common, n=1, cutoff=SIMILAR)
            match = close[0] if close else None
        if match is not None and match != value:
            odd[value] = match
    return odd


def _form(value: str) -> str:
    return re.sub(r"[^0-9a-z]", "", value.casefold())


def sum_gap(annual: float, quarters: Sequence[float | None]) -> float | None:
    """The sum of four quarters when it is more than `SUM_TOLERANCE` away from `annual`, else None."""
    if len(quarters) != 4 or any(q is None for q in quarters):
        return None
    total = sum(quarters)  # type: ignore[arg-type]
    return total if abs(annual - total) > SUM_TOLERANCE * abs(annual) else None


def check_capex(figures: Sequence[CapexFigure], log: ProblemLog) -> None:
    """Warn about implausible capex figures (each is kept)."""
    check_figures(figures, log, N_("capex"), "basis")


def check_figures(
    figures: Sequence[Any],
    log: ProblemLog,
    noun: str,
    column: str,
    scale: Callable[[Any], Hashable] | None = None,
    summable: Callable[[Any], bool] | None = None,
    sized: Callable[[Any], bool] | None = None,
) -> None:
    """Warn about implausible figures of one file (each is kept). One pass to group, one to judge.

    Figures have `ticker`, `fiscal_period`, `kind`, `value_bn`, `line` (and `low_bn`/`high_bn` if
    ranges are allowed); `column` names what the quarters must share and whose spelling is checked
    (`basis` in capex.csv, `metric` in financials.csv). `scale` adds to the group a figure's size is
    judged in (a metric and segment: revenue is not compared with RPO); `summable` says which
    figures are flows whose quarters add up to the year (not a balance such as `rpo`); `sized` says
    which figures have a scale to judge a unit slip by (not a result such as operating income or
    cash flow, which can come near zero or below it in an ordinary year).
    """
    of_column = operator.attrgetter(column)
    periods = {label: parse_fiscal_period(label) for label in {f.fiscal_period for f in figures}}
    groups: dict[Hashable, list[float]] = defaultdict(list)
    annuals: dict[tuple[Any, ...], Any] = {}  # None: more than one
    quarters: dict[tuple[Any, ...], list[float | None]] = {}
    values: list[float | None] = []
    for f in figures:
        value = (
            f.value_bn
            if f.value_bn is not None
            else point(None, getattr(f, "low_bn", None), getattr(f, "high_bn", None))
        )
        values.append(value)
        parsed = periods[f.fiscal_period]
        if parsed is None:
            continue
        year, quarter = parsed
        if value is not None and (sized is None or sized(f)):
            groups[(f.ticker, quarter is None, scale(f) if scale else None)].append(value)
        if f.kind != "actual" or f.value_bn is None or (summable is not None and not summable(f)):
            continue
        key = (f.ticker, of_column(f), scale(f) if scale else None, year)
        if quarter is None:
            annuals[key] = None if key in annuals else f
        else:
            slots = quarters.get(key) or quarters.setdefault(key, [None, None, None, None])
            slots[quarter - 1] = f.value_bn  # actuals are unique per period and column (checked on load)
    medians = slip_medians(groups)
    for f, value in zip(figures, values):
        parsed = periods[f.fiscal_period]
        if parsed is None or value is None:
            continue
        median = medians.get((f.ticker, parsed[1] is None, scale(f) if scale else None))
        if median is not None and is_slip(value, median):
            annual_figure = parsed[1] is None
            times = value / median if value >= median else median / value
            if value >= median:
                message = (
                    N_(
                        "{noun} {ticker} {period}: {value:g} bn is {times:.0f}× above the median ({median:g} bn) "
                        "of its annual figures: a unit slip (millions for billions)?"
                    )
                    if annual_figure
                    else N_(
                        "{noun} {ticker} {period}: {value:g} bn is {times:.0f}× above the median ({median:g} bn) "
                        "of its quarterly figures: a unit slip (millions for billions)?"
                    )
                )
            else:
                message = (
                    N_(
                        "{noun} {ticker} {period}: {value:g} bn is {times:.0f}× below the median ({median:g} bn) "
                        "of its annual figures: a unit slip (millions for billions)?"
                    )
                    if annual_figure
                    else N_(
                        "{noun} {ticker} {period}: {value:g} bn is {times:.0f}× below the median ({median:g} bn) "
                        "of its quarterly figures: a unit slip (millions for billions)?"
                    )
                )
            log.warn(
                f.line,
                tr(
                    message,
                    noun=tr(noun),
                    ticker=shown(f.ticker)[1:-1],
                    period=f.fiscal_period,
                    value=value,
                    times=times,
                    median=median,
                ),
            )
    for key, annual in annuals.items():
        parts = quarters.get(key)
        if annual is None or parts is None:
            continue
        total = sum_gap(annual.value_bn, parts)
        if total is not None:
            off = abs(annual.value_bn - total) / abs(annual.value_bn) * 100
            log.warn(
                annual.line,
                tr(
                    "{noun} {ticker} {period}: {value:g} bn is {off:.1f}% away from the sum of its four quarters "
                    "on {column} {name} ({total:.6g} bn)",
                    noun=tr(noun),
                    ticker=shown(annual.ticker)[1:-1],
                    period=annual.fiscal_period,
                    value=annual.value_bn,
                    off=off,
                    column=column,
                    name=shown(key[1]),
                    total=total,
                ),
            )
    odd = odd_spellings(of_column(f) for f in figures)
    if odd:
        for f in figures:
            meant = odd.get(of_column(f))
            if meant is not None:
                log.warn(
                    f.line,
                    tr(
                        "{noun} {ticker} {period}: {column} {name} is spelled unlike every other row "
                        "(did you mean {meant}?)",
                        noun=tr(noun),
                        ticker=shown(f.ticker)[1:-1],
                        period=f.fiscal_period,
                        column=column,
                        name=shown(of_column(f)),
                        meant=shown(meant),
                    ),
                )
