"""The quick path of the CSV readers: a plain, valid row read without per-field objects.

A large `capex.csv` or `financials.csv` is hundreds of thousands of rows that are almost all valid.
Checking each through `Fields` (one object, a closure and a dozen method calls per row) dominated
loading, so a quick reader accepts a row only when every rule the loader applies is plainly met and
builds the same figure the loader would. Anything else — a blank required cell, an unknown ticker, a
date that does not parse, a duplicate actual — makes `read` return None, and the loader checks that
row the careful way, which finds and words the problem. So the quick path never decides that a row
is wrong, and can never change a message.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping
from datetime import date
from typing import Any, Generic, TypeVar

from workbench.core.data.fields import parse_date
from workbench.core.data.fiscal import PERIOD_END_TOLERANCE, nominal_period_end, parse_fiscal_period
from workbench.core.data.model import NO_EXTRA, Dataset

Figure = TypeVar("Figure")


class Unsure(Exception):
    """The row needs the careful check."""


def number(text: str) -> float | None:
    """As `Fields.number` reads a stripped CSV cell, raising `Unsure` where it would report a problem."""
    if not text:
        return None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise Unsure from None
    if not math.isfinite(value):
        raise Unsure
    return value


class QuickRows(Generic[Figure]):
    """Reads the valid, unremarkable rows of one CSV file whose columns are `KEYS` (and extras)."""

    KEYS: tuple[str, ...] = ()  # the columns read into the figure, in the order `_read` unpacks them
    # Columns kept as text that repeat from row to row (tickers, periods, bases, sources…): each
    # distinct value is kept once, not once per row (over 50 MB of a large directory's capex and
    # financials were copies of the same few thousand strings).
    SHARED: tuple[str, ...] = ()

    def __init__(self, header: list[str], ds: Dataset, actuals: dict[Any, int]) -> None:
        self.usable = len(set(header)) == len(header)  # duplicate columns: always the careful way
        self.width = len(header)
        # A column the file leaves out reads as an empty cell appended to the row.
        self.pad = [""] if any(key not in header for key in self.KEYS) else []
        self.cells = operator.itemgetter(*(header.index(k) if k in header else self.width for k in self.KEYS))
        self.extra = [(i, name) for i, name in enumerate(header) if name not in self.KEYS]
        self.ds = ds
        self.actuals = actuals  # shared with the careful path: the key of each actual → its line
        self._periods: dict[str, tuple[int, int | None] | None] = {}
        self._ends: dict[tuple[int, int | None, int], date] = {}
        self._days: dict[str, date | None] = {}
        self._shared = [i for i, key in enumerate(self.KEYS) if key in self.SHARED]
        self._texts: dict[str, str] = {}

    def read(self, cells: list[str], line: int) -> Figure | None:
        """The row's figure, or None if it needs the careful check."""
        if not self.usable or len(cells) != self.width:
            return None
        try:
            return self._read(cells, line)
        except Unsure:
            return None

    def _read(self, cells: list[str], line: int) -> Figure:
        raise NotImplementedError

    def _stripped(self, cells: list[str]) -> list[str]:
        """The `KEYS` cells of a row, stripped, in `KEYS` order (a `SHARED` one as its first copy)."""
        stripped = [cell.strip() for cell in self.cells(cells + self.pad if self.pad else cells)]
        texts = self._texts
        for i in self._shared:
            text = stripped[i]
            stripped[i] = texts.setdefault(text, text)
        return stripped

    def _day(self, text: str) -> date:
        if text in self._days:
            day = self._days[text]
        else:
            day = self._days[text] = parse_date(text)
        if day is None:
            raise Unsure
        return day

    def _period_end(self, ticker: str, period: str, end_text: str) -> date:
        """The period end, when the ticker is known and the date closes the fiscal label on its calendar."""
        company = self.ds.companies.get(ticker)
        if period in self._periods:
            parsed = self._periods[period]
        else:
            parsed = self._periods[period] = parse_fiscal_period(period)
        if company is None or parsed is None:
            raise Unsure
        period_end = self._day(end_text)
        key = (parsed[0], parsed[1], company.fiscal_year_end)
        nominal = self._ends.get(key)
        if nominal is None:
            nominal = self._ends[key] = nominal_period_end(*key)
        if abs(period_end - nominal) > PERIOD_END_TOLERANCE:
            raise Unsure
        return period_end

    def _check_provenance(self, source: str, quote: str) -> None:
        """A known source; a quote of that source, or none for an outside page (a local one needs it)."""
        known = self.ds.sources.get(source)
        if known is None:
            raise Unsure
        if quote:
            cited = self.ds.quotes.get(quote)
            if cited is None or cited.source != source:
                raise Unsure
        elif known.is_local:
            raise Unsure

    def _first_actual(self, key: Any, line: int) -> None:
        """Record an actual; a second one for the same key goes the careful way (it is reported)."""
        if key in self.actuals:
            raise Unsure
        self.actuals[key] = line

    def _extra(self, cells: list[str]) -> Mapping[str, str]:
        return {name: cells[i] for i, name in self.extra} if self.extra else NO_EXTRA
