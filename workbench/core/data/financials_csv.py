"""Reading `financials.csv`: the payback side's figures, checked by the same rules as `capex.csv`.

One row is one company-period figure of one metric (docs/data-contract.md). The loader hands each
row here with its line and the two checks it shares with capex and deals (unknown company,
provenance), so every problem is worded and placed as it is for `capex.csv`.

A large file is hundreds of thousands of plain, valid rows, and checking each through `Fields`
cost ~25 µs a row. So, as for capex (`quick_rows.py`), a row is first tried the quick way: it is
accepted only when every rule is plainly met, and builds the same figure; anything else (a blank
required cell, an unknown name, a date that does not parse, a duplicate) goes the careful way,
which finds and words the problem. The quick path never decides that a row is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from workbench.core.data.fields import Fields, shown
from workbench.core.data.fiscal import (
    nominal_period_end,
    parse_fiscal_period,
    period_end_matches,
)
from workbench.core.data.model import NO_EXTRA, Dataset, FinancialFigure
from workbench.core.data.plausibility import check_figures
from workbench.core.data.problems import ProblemLog
from workbench.core.data.quick_rows import QuickRows, Unsure, number
from workbench.core.i18n import N_, tr

METRICS = (
    "revenue",
    "operating_income",
    "operating_cash_flow",
    "depreciation_amortization",
    "finance_lease_principal",
    "cloud_revenue",
    "cloud_operating_income",
    "rpo",
)
FINANCIAL_KINDS = ("actual", "guidance", "estimate")
FINANCIAL_COLUMNS = ("ticker", "fiscal_period", "period_end", "metric", "kind", "value_bn", "source")
# Columns read into the figure's fields; any other column (`confidence`, …) is kept in `extra`.
FINANCIAL_KEYS = (*FINANCIAL_COLUMNS, "segment", "said_on", "quote", "note")
# Amounts that are never negative (a loss or an outflow can make the others so).
NOT_NEGATIVE = ("revenue", "depreciation_amortization", "finance_lease_principal", "cloud_revenue", "rpo")


def check_financials(figures: list[FinancialFigure], log: ProblemLog) -> None:
    """Warn about implausible figures (each is kept): a likely unit slip among the company's figures
    of the same metric and segment (for amounts that are never negative; operating income and cash
    flow can come near zero in an ordinary year), an annual flow more than 1% away from its four
    quarters (RPO is a balance: never summed)."""
    check_figures(
        figures,
        log,
        N_("financial"),
        "metric",
        scale=lambda f: (f.metric, f.segment),
        summable=lambda f: f.metric != "rpo",
        sized=lambda f: f.metric in NOT_NEGATIVE,
    )


def _short(text: str, limit: int = 40) -> str:
    """A name for a message, cut to `limit` characters."""
    return text if len(text) <= limit else text[:limit] + "…"


def check_fiscal_period(
    f: Fields, ds: Dataset, ticker: str, period: str, period_end: date | None
) -> tuple[int, int | None] | None:
    """The parsed label, with a problem if it is malformed or `period_end` does not close it."""
    parsed = parse_fiscal_period(period) if period else None
    if period and parsed is None:
        f.problem("fiscal_period", tr("{what}: 'fiscal_period' must look like FY2024 or FY2024Q2", what=f.what))
    company = ds.companies.get(ticker)
    if company and parsed and period_end and not period_end_matches(period_end, *parsed, company.fiscal_year_end):
        expected = nominal_period_end(*parsed, company.fiscal_year_end)
        f.problem(
            "period_end",
            tr(
                "{what}: period_end {end} does not close {period} for {ticker} "
                "(fiscal year ends in month {month}; expected about {expected})",
                what=f.what,
                end=period_end,
                period=period,
                ticker=ticker,
                month=company.fiscal_year_end,
                expected=expected,
            ),
        )
    return parsed


class FinancialRows:
    """Reads the rows of one `financials.csv` into `ds.financials`, logging what is wrong."""

    def __init__(
        self,
        path: Path,
        ds: Dataset,
        unknown_company: Callable[[str], str | None],
        check_provenance: Callable[[Fields, str, str], None],
    ) -> None:
        self.log = ProblemLog(path, ds.problems)
        self.ds = ds
        self.unknown_company = unknown_company
        self.check_provenance = check_provenance
        # One actual per company, period, metric and segment: the first row's line.
        self.actuals: dict[tuple[str, str, str, str], int] = {}
        self._quick: _QuickRows | None = None
        self._header: list[str] | None = None

    def read_cells(self, header: list[str], cells: list[str], line: int, quick: bool = True) -> FinancialFigure | None:
        """A CSV row: the quick way when it is plainly valid, else the careful way (`read`)."""
        if quick:
            if self._quick is None or header is not self._header:
                self._quick, self._header = _QuickRows(header, self.ds, self.actuals), header
            figure = self._quick.read(cells, line)
            if figure is not None:
                self.ds.financials.append(figure)
                return figure
        return self.read(dict(zip(header, cells)), line, lambda _key: line)

    def read(self, row: dict[str, Any], line: int, line_of: Callable[[str | None], int]) -> FinancialFigure | None:
        f = Fields(row, self.log, line_of, tr("financial"))
        ticker, period, metric = f.text("ticker"), f.text("fiscal_period"), f.text("metric")
        f.what = tr(
            "financial {ticker} {period} {metric}",
            ticker=_short(ticker) or "?",
            period=_short(period) or "?",
            metric=_short(metric) or "?",
        )
        if metric and metric not in METRICS:
            f.problem(
                "metric",
                tr(
                    "{what}: 'metric' must be one of {options}; got {value}",
                    what=f.what,
                    options=", ".join(METRICS),
                    value=shown(metric),
                ),
            )
        period_end, kind = f.day("period_end"), f.choice("kind", FINANCIAL_KINDS)
        value = f.number("value_bn")
        said_on = f.day("said_on", required=(kind == "guidance"))
        segment = f.text("segment", required=False)
        source, quote = f.text("source"), f.text("quote", required=False)
        unknown = self.unknown_company(ticker) if ticker else None
        if unknown:
            f.problem("ticker", f"{f.what}: {unknown}")
        check_fiscal_period(f, self.ds, ticker, period, period_end)
        self.check_provenance(f, source, quote)
        if f.ok and kind == "actual":
            key = (ticker, period, metric, segment)
            if key in self.actuals:
                if segment:
                    message = tr(
                        "{what}: duplicate actual in segment {segment!r} (first at line {line})",
                        what=f.what,
                        segment=segment,
                        line=self.actuals[key],
                    )
                else:
                    message = tr("{what}: duplicate actual (first at line {line})", what=f.what, line=self.actuals[key])
                f.problem(None, message)
            else:
                self.actuals[key] = line
        if not f.ok or period_end is None or value is None:
            return None
        if value < 0 and metric in NOT_NEGATIVE:  # kept: a sign slip is likely but not certain
            f.warn(
                "value_bn",
                tr(
                    "{what}: negative {metric} ({value:g}); is the sign flipped?",
                    what=f.what,
                    metric=metric,
                    value=value,
                ),
            )
        figure = FinancialFigure(
            ticker,
            period,
            period_end,
            metric,
            kind,
            value,
            source,
            segment,
            said_on,
            quote,
            f.text("note", required=False),
            line,
            {k: v for k, v in row.items() if k not in FINANCIAL_KEYS} or NO_EXTRA,
        )
        self.ds.financials.append(figure)
        return figure


class _QuickRows(QuickRows[FinancialFigure]):
    """The plain, valid rows of one `financials.csv` (the quick path is explained in quick_rows.py)."""

    KEYS = FINANCIAL_KEYS
    SHARED = ("ticker", "fiscal_period", "metric", "kind", "source", "segment", "quote", "note")

    def _read(self, cells: list[str], line: int) -> FinancialFigure:
        ticker, period, end_text, metric, kind, value_text, source, segment, said_text, quote, note = self._stripped(
            cells
        )
        if not (ticker and period and end_text and source and value_text) or metric not in METRICS:
            raise Unsure
        if kind not in FINANCIAL_KINDS:
            raise Unsure
        period_end = self._period_end(ticker, period, end_text)
        said_on = self._day(said_text) if said_text else None
        if said_on is None and kind == "guidance":
            raise Unsure
        value = number(value_text)
        if value is None or (value < 0 and metric in NOT_NEGATIVE):
            raise Unsure
        self._check_provenance(source, quote)
        if kind == "actual":
            self._first_actual((ticker, period, metric, segment), line)
        return FinancialFigure(
            ticker,
            period,
            period_end,
            metric,
            kind,
            value,
            source,
            segment,
            said_on,
            quote,
            note,
            line,
            self._extra(cells),
        )
