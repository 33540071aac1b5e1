"""Periods for charts: the missing ones made explicit, estimates beside actuals, date ranges.

A chart that closes up a missing quarter (Oracle's `25Q1` next to `25Q3`) misleads: `with_gaps`
puts every missing fiscal period back, as an empty slot with its label.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from workbench.core.data.fiscal import nominal_period_end, parse_fiscal_period
from workbench.core.data.model import CapexFigure


def period_number(label: str) -> int | None:
    """Consecutive fiscal periods get consecutive numbers: FY2025 → 2025, FY2025Q4 → 2025·4+3."""
    parsed = parse_fiscal_period(label)
    if parsed is None:
        return None
    year, quarter = parsed
    return year if quarter is None else year * 4 + quarter - 1


def period_label(number: int, annual: bool) -> str:
    """The fiscal label of a period number (the inverse of `period_number`)."""
    if annual:
        return f"FY{number}"
    year, quarter = divmod(number, 4)
    return f"FY{year}Q{quarter + 1}"


@dataclass(frozen=True, slots=True)
class Gap:
    """A fiscal period with no figure on this basis, between two that have one."""

    period: str
    period_end: date | None


def with_gaps(periods: Sequence[str], fy_end_month: int | None) -> list[str | Gap]:
    """`periods` (fiscal labels, in order) with a Gap for every missing one between them."""
    out: list[str | Gap] = []
    previous: int | None = None
    for label in periods:
        number = period_number(label)
        if number is not None and previous is not None and number > previous + 1:
            annual = "Q" not in label
            for missing in range(previous + 1, number):
                name = period_label(missing, annual)
                end = None
                if fy_end_month:
                    year, quarter = parse_fiscal_period(name) or (0, None)
                    end = nominal_period_end(year, quarter, fy_end_month)
                out.append(Gap(name, end))
        out.append(label)
        previous = number if number is not None else previous
    return out


def latest_estimates(figures: Iterable[CapexFigure], basis: str, annual: bool) -> dict[str, CapexFigure]:
    """The latest estimate per fiscal period on one basis and frequency (analysts', third parties')."""
    found: dict[str, CapexFigure] = {}
    for f in figures:
        if f.kind != "estimate" or f.basis != basis or f.is_annual != annual:
            continue
        previous = found.get(f.fiscal_period)
        if previous is None or (f.said_on or date.min, f.line) >= (previous.said_on or date.min, previous.line):
            found[f.fiscal_period] = f
    return found


def in_range(period_end: date | None, latest: date | None, years: int | None) -> bool:
    """Whether a period ends within the last `years` years up to `latest` (always, without a range)."""
    if years is None or latest is None or period_end is None:
        return True
    return (latest.year - period_end.year) * 12 + latest.month - period_end.month < years * 12
