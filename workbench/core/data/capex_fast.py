"""A quick reader for the plain rows of `capex.csv`: the common, valid row without per-field objects.

A large capex file is hundreds of thousands of rows that are almost all valid. Checking each
through `Fields` (one object, a closure and a dozen method calls per row) dominated loading, so
`PlainCapexRows.read` accepts a row only when every rule the loader applies is plainly met, and
builds the same `CapexFigure` the loader would. Anything else — a blank required cell, an
unknown ticker, a date that does not parse, a duplicate actual — returns None, and the loader
checks that row the careful way, which finds and words the problem. So the quick path never
decides that a row is wrong, and can never change a message.
"""

from __future__ import annotations

import math
import operator
from datetime import date
from typing import Any

from workbench.core.data.fields import parse_date
from workbench.core.data.fiscal import PERIOD_END_TOLERANCE, nominal_period_end, parse_fiscal_period
from workbench.core.data.model import CapexFigure, Dataset

CAPEX_KINDS = ("actual", "guidance", "estimate")
# Columns read into the figure's fields; the others go to `extra`.
CAPEX_KEYS = (
    "ticker",
    "fiscal_period",
    "period_end",
    "kind",
    "basis",
    "source",
    "value_bn",
    "low_bn",
    "high_bn",
    "said_on",
    "quote",
    "note",
)  # in the order `_read` unpacks them


class _Unsure(Exception):
    """The row needs the careful check."""


def _number(text: str) -> float | None:
    """As `Fields.number` reads a stripped CSV cell, raising `_Unsure` where it would report a problem."""
    if not text:
        return None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise _Unsure from None
    if not math.isfinite(value):
        raise _Unsure
    return value


class PlainCapexRows:
    """Reads the valid, unremarkable rows of one `capex.csv` (see the module docstring)."""

    def __init__(self, header: list[str], ds: Dataset, actuals: dict[tuple[str, str, str], int]) -> None:
        self.usable = len(set(header)) == len(header)  # duplicate columns: always the careful way
        self.width = len(header)
        # A column the file leaves out reads as an empty cell appended to the row.
        self.pad = [""] if any(key not in header for key in CAPEX_KEYS) else []
        self.cells = operator.itemgetter(*(header.index(k) if k in header else self.width for k in CAPEX_KEYS))
        self.extra = [(i, name) for i, name in enumerate(header) if name not in CAPEX_KEYS]
        self.ds = ds
        self.actuals = actuals  # shared with the careful path: (ticker, period, basis) → line
        self._periods: dict[str, tuple[int, int | None] | None] = {}
        self._ends: dict[tuple[int, int | None, int], date] = {}
        self._days: dict[str, date | None] = {}

    def read(self, cells: list[str], line: int) -> CapexFigure | None:
        """The row's figure, or None if it needs the careful check."""
        if not self.usable or len(cells) != self.width:
            return None
        try:
            return self._read(cells, line)
        except _Unsure:
            return None

    def _day(self, text: str) -> date:
        if text in self._days:
            day = self._days[text]
        else:
            day = self._days[text] = parse_date(text)
        if day is None:
            raise _Unsure
        return day

    def _read(self, cells: list[str], line: int) -> CapexFigure:
        ticker, period, end_text, kind, basis, source, value_text, low_text, high_text, said_text, quote, note = (
            cell.strip() for cell in self.cells(cells + self.pad if self.pad else cells)
        )
        if not (ticker and period and end_text and basis and source) or kind not in CAPEX_KINDS:
            raise _Unsure
        company = self.ds.companies.get(ticker)
        if period in self._periods:
            parsed = self._periods[period]
        else:
            parsed = self._periods[period] = parse_fiscal_period(period)
        if company is None or parsed is None:
            raise _Unsure
        period_end = self._day(end_text)
        said_on = self._day(said_text) if said_text else None
        if said_on is None and kind == "guidance":
            raise _Unsure
        value, low, high = _number(value_text), _number(low_text), _number(high_text)
        if (value is None and low is None and high is None) or (low is not None and high is not None and low > high):
            raise _Unsure
        if (value is not None and value < 0) or (low is not None and low < 0) or (high is not None and high < 0):
            raise _Unsure  # kept, with a warning the careful path words
        key = (parsed[0], parsed[1], company.fiscal_year_end)
        nominal = self._ends.get(key)
        if nominal is None:
            nominal = self._ends[key] = nominal_period_end(*key)
        if abs(period_end - nominal) > PERIOD_END_TOLERANCE:
            raise _Unsure
        known = self.ds.sources.get(source)
        if known is None:
            raise _Unsure
        if quote:
            cited = self.ds.quotes.get(quote)
            if cited is None or cited.source != source:
                raise _Unsure
        elif known.is_local:
            raise _Unsure
        if kind == "actual":
            duplicate = (ticker, period, basis)
            if duplicate in self.actuals:
                raise _Unsure
            self.actuals[duplicate] = line
        extra: dict[str, Any] = {name: cells[i] for i, name in self.extra} if self.extra else {}
        return CapexFigure(
            ticker, period, period_end, kind, value, low, high, basis, source, said_on, quote, note, line, extra
        )
