"""Fiscal calendars: labels like `FY2025Q4`, their nominal period ends and calendar quarters."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

FISCAL_PERIOD = re.compile(r"^FY(\d{4})(?:Q([1-4]))?$")
# 52/53-week years (Apple, NVIDIA) end on a weekday near the month end, not on it.
PERIOD_END_TOLERANCE = timedelta(days=14)


def parse_fiscal_period(label: str) -> tuple[int, int | None] | None:
    """`FY2024` → (2024, None); `FY2024Q2` → (2024, 2); anything else → None."""
    match = FISCAL_PERIOD.match(label)
    if not match:
        return None
    return int(match.group(1)), (int(match.group(2)) if match.group(2) else None)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def nominal_period_end(year: int, quarter: int | None, fy_end_month: int) -> date:
    """The month end that closes fiscal `year` (or its `quarter`) for a year ending in `fy_end_month`.

    Fiscal years are named by the calendar year they end in (Microsoft's FY2025 ends
    June 2025; NVIDIA's FY2025 ends January 2025).
    """
    months_before = 0 if quarter is None else (4 - quarter) * 3
    index = year * 12 + (fy_end_month - 1) - months_before
    return _month_end(index // 12, index % 12 + 1)


def period_end_matches(actual: date, year: int, quarter: int | None, fy_end_month: int) -> bool:
    return abs(actual - nominal_period_end(year, quarter, fy_end_month)) <= PERIOD_END_TOLERANCE


def calendar_quarter(period_end: date) -> tuple[int, int]:
    """The calendar quarter a three-month period ending on `period_end` mostly covers."""
    middle = period_end - timedelta(days=45)
    return middle.year, (middle.month - 1) // 3 + 1


def calendar_label(period_end: date) -> str:
    year, quarter = calendar_quarter(period_end)
    return f"{year}Q{quarter}"
