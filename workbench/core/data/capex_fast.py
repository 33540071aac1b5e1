"""The quick reader for the plain rows of `capex.csv` (the quick path is explained in quick_rows.py)."""

from __future__ import annotations

from workbench.core.data.model import CapexFigure
from workbench.core.data.quick_rows import QuickRows, Unsure, number

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


class PlainCapexRows(QuickRows[CapexFigure]):
    """Reads the valid, unremarkable rows of one `capex.csv`."""

    KEYS = CAPEX_KEYS
    SHARED = ("ticker", "fiscal_period", "kind", "basis", "source", "quote", "note")

    def _read(self, cells: list[str], line: int) -> CapexFigure:
        ticker, period, end_text, kind, basis, source, value_text, low_text, high_text, said_text, quote, note = (
            self._stripped(cells)
        )
        if not (ticker and period and end_text and basis and source) or kind not in CAPEX_KINDS:
            raise Unsure
        period_end = self._period_end(ticker, period, end_text)
        said_on = self._day(said_text) if said_text else None
        if said_on is None and kind == "guidance":
            raise Unsure
        value, low, high = number(value_text), number(low_text), number(high_text)
        if (value is None and low is None and high is None) or (low is not None and high is not None and low > high):
            raise Unsure
        if (value is not None and value < 0) or (low is not None and low < 0) or (high is not None and high < 0):
            raise Unsure  # kept, with a warning the careful path words
        self._check_provenance(source, quote)
        if kind == "actual":
            self._first_actual((ticker, period, basis), line)
        return CapexFigure(
            ticker,
            period,
            period_end,
            kind,
            value,
            low,
            high,
            basis,
            source,
            said_on,
            quote,
            note,
            line,
            self._extra(cells),
        )
