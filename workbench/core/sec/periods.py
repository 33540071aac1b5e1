"""Turn reported facts into fiscal periods: quarters and years told apart by `start`/`end` alone.

`fy`/`fp`/`frame` describe the filing, not the period, so they are never read. A 10-Q reports
cash flows year to date: a quarter that has no 3-month fact of its own is derived by
subtraction (Q2 = 6M − Q1, Q3 = 9M − 6M, Q4 = FY − 9M) from the two year-to-date facts that
start on the same day, and says so. Of the facts for one period, the most recently filed wins;
the earlier filings' other values are kept as restatements.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from workbench.core.data.fiscal import nominal_period_end
from workbench.core.i18n import tr

from .parse import Fact, Metric

# Lengths in days (end − start) that make a quarter, a year and the two year-to-date spans.
SPANS = {"Q": (80, 100), "6M": (170, 190), "9M": (260, 280), "FY": (350, 380)}
QUARTERS_IN = {"Q": 1, "6M": 2, "9M": 3, "FY": 4}
# A 52/53-week year (Apple, NVIDIA) ends on a weekday within a week of its month end.
MONTH_END_SLACK = timedelta(days=7)


def span(start: date, end: date) -> str | None:
    """`Q`, `6M`, `9M` or `FY` for a period of that length, None for any other length."""
    days = (end - start).days
    for name, (low, high) in SPANS.items():
        if low <= days <= high:
            return name
    return None


def fiscal_label(end: date, fy_end_month: int, annual: bool) -> str | None:
    """`FY2026Q2` (or `FY2026` when `annual`) for a period ending on `end`, None if `end` closes no
    fiscal quarter (year) of a company whose fiscal year ends in `fy_end_month`."""
    for year in (end.year - 1, end.year, end.year + 1):
        for quarter in (None,) if annual else (1, 2, 3, 4):
            if abs(end - nominal_period_end(year, quarter, fy_end_month)) <= MONTH_END_SLACK:
                return f"FY{year}" if quarter is None else f"FY{year}Q{quarter}"
    return None


def month_closed(end: date) -> int | None:
    """The month whose last day is within a week of `end` (a 52/53-week year's month), or None."""
    for year, month in ((end.year, end.month), (end.year - (end.month == 1), (end.month - 2) % 12 + 1)):
        last = date(year, month, calendar.monthrange(year, month)[1])
        if abs(end - last) <= MONTH_END_SLACK:
            return month
    return None


def infer_fiscal_year_end(facts: Iterable[Fact]) -> int | None:
    """The month the fiscal year ends in, from the latest one-year period reported in a 10-K."""
    years = [f.end for f in facts if f.start is not None and f.form.startswith("10-K") and span(f.start, f.end) == "FY"]
    months = [m for m in (month_closed(end) for end in sorted(years, reverse=True)) if m is not None]
    return months[0] if months else None


@dataclass(frozen=True, slots=True)
class Chosen:
    """The fact that wins for one period, and the different values earlier filings gave it."""

    fact: Fact
    restated: tuple[tuple[Decimal, str], ...] = ()  # (earlier value, its accession), oldest first


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure for the data files: a metric's value for a fiscal period."""

    metric: str
    label: str
    end: date
    value: Decimal
    concept: str
    source: Fact  # the (latest filed) fact it comes from; for a derived quarter the later filed input
    derivation: str = ""  # "6M − Q1" for a derived quarter
    inputs: tuple[tuple[str, Chosen], ...] = ()  # ("6M", …), ("Q1", …) for a derived quarter
    restated: tuple[tuple[Decimal, str], ...] = ()  # of a reported figure


@dataclass(frozen=True, slots=True)
class Skip:
    """A period that cannot be imported, and why."""

    metric: str
    label: str
    reason: str


def latest(facts: Iterable[Fact]) -> dict[tuple[date | None, date], Chosen]:
    """Per (start, end): the most recently filed fact, with the other values filed before it."""
    by_period: dict[tuple[date | None, date], list[Fact]] = defaultdict(list)
    for fact in facts:
        by_period[(fact.start, fact.end)].append(fact)
    chosen = {}
    for period, group in by_period.items():
        group.sort(key=lambda f: (f.filed, f.accn))
        winner = group[-1]
        earlier: dict[Decimal, str] = {}
        for fact in group[:-1]:
            if fact.val != winner.val:
                earlier.pop(fact.val, None)
                earlier[fact.val] = fact.accn  # the latest filing that gave this value
        chosen[period] = Chosen(winner, tuple(earlier.items()))
    return chosen


def metric_figures(metric: Metric, facts: dict[str, list[Fact]], fy_end_month: int) -> tuple[list[Figure], list[Skip]]:
    """The metric's annual and quarterly figures: per period, the first concept of the metric's chain
    that has it (a derivation never mixes concepts); and the periods that could not be made."""
    figures: dict[str, Figure] = {}
    skips: dict[str, Skip] = {}
    for concept in metric.concepts:
        if concept not in facts:
            continue
        made, missed = _concept_figures(metric, concept, latest(facts[concept]), fy_end_month)
        for label, figure in made.items():
            figures.setdefault(label, figure)
        for skip in missed:
            skips.setdefault(skip.label, skip)
    ordered = sorted(figures.values(), key=lambda f: ("Q" in f.label, f.end))
    return ordered, [s for label, s in sorted(skips.items()) if label not in figures]


def _concept_figures(
    metric: Metric, concept: str, periods: dict[tuple[date | None, date], Chosen], fy_end_month: int
) -> tuple[dict[str, Figure], list[Skip]]:
    made: dict[str, Figure] = {}
    skips: list[Skip] = []
    if metric.instant:
        for (start, end), chosen in sorted(periods.items(), key=lambda p: p[0][1]):
            label = fiscal_label(end, fy_end_month, annual=False) if start is None else None
            if label is not None:
                made[label] = _reported(metric, concept, label, chosen)
        return made, skips
    by_start: dict[date, list[tuple[str, Chosen]]] = defaultdict(list)  # year-to-date runs
    for (start, end), chosen in sorted(periods.items(), key=lambda p: (p[0][1], p[0][0] or p[0][1])):
        if start is None:
            continue
        length = span(start, end)
        if length is None:
            continue  # a month, a transition period…: not a period the workbench keeps
        label = fiscal_label(end, fy_end_month, annual=length == "FY")
        if label is None:
            skips.append(
                Skip(
                    metric.name,
                    f"{start}–{end}",
                    tr(
                        "ends {end}, not at a fiscal quarter end of a year ending in month {month}",
                        end=end,
                        month=fy_end_month,
                    ),
                )
            )
            continue
        if length in ("Q", "FY"):
            made.setdefault(label, _reported(metric, concept, label, chosen))
        if length != "Q" or label.endswith("Q1"):  # a later quarter's own 3 months are not year to date
            by_start[start].append((length, chosen))
    for run in by_start.values():
        run.sort(key=lambda item: item[1].fact.end)
        _derive(metric, concept, run, made, fy_end_month)
        skips.extend(_missing(metric, run, made, fy_end_month))
    return made, skips


def _reported(metric: Metric, concept: str, label: str, chosen: Chosen) -> Figure:
    fact = chosen.fact
    return Figure(metric.name, label, fact.end, fact.val, concept, fact, restated=chosen.restated)


def _name(length: str) -> str:
    return "Q1" if length == "Q" else length  # a 3-month run from the year's start is its first quarter


def _derive(
    metric: Metric, concept: str, run: list[tuple[str, Chosen]], made: dict[str, Figure], fy_end_month: int
) -> None:
    """Quarters without a fact of their own, from consecutive year-to-date facts of one fiscal year."""
    for (short, a), (long, b) in zip(run, run[1:]):
        if QUARTERS_IN[long] - QUARTERS_IN[short] != 1 or span(a.fact.end + timedelta(days=1), b.fact.end) != "Q":
            continue
        label = fiscal_label(b.fact.end, fy_end_month, annual=False)
        if label is None or label in made:
            continue
        source = max(a.fact, b.fact, key=lambda f: (f.filed, f.accn))
        made[label] = Figure(
            metric.name,
            label,
            b.fact.end,
            b.fact.val - a.fact.val,
            concept,
            source,
            f"{_name(long)} − {_name(short)}",
            ((_name(long), b), (_name(short), a)),
        )


def _missing(metric: Metric, run: list[tuple[str, Chosen]], made: dict[str, Figure], fy_end_month: int) -> list[Skip]:
    """The quarters of this fiscal year that the year-to-date facts imply but that could not be made."""
    longest, last = max(run, key=lambda item: QUARTERS_IN[item[0]])
    year_label = fiscal_label(last.fact.end, fy_end_month, annual=longest == "FY")
    if year_label is None:
        return []
    year = year_label[:6]
    have = {QUARTERS_IN[length] for length, _ in run}
    skips = []
    for quarter in range(1, QUARTERS_IN[longest] + 1):
        label = f"{year}Q{quarter}"
        if label in made:
            continue
        if quarter == 1:
            reason = tr("no 3-month figure for the first quarter")
        else:
            need = [n for n in (quarter - 1, quarter) if n not in have]
            names = {1: "Q1", 2: "6M", 3: "9M", 4: "FY"}
            parts = tr(" and ").join(names[n] for n in need) or tr("a consistent pair")
            reason = tr(
                "no 3-month figure, and {later} − {earlier} cannot be derived: {missing} not reported",
                later=names[quarter],
                earlier=names[quarter - 1],
                missing=parts,
            )
        skips.append(Skip(metric.name, label, reason))
    return skips
