"""Reading `financials.csv`: the payback side's figures, checked by the same rules as `capex.csv`.

One row is one company-period figure of one metric (docs/data-contract.md). The loader hands each
row here with its line and the two checks it shares with capex and deals (unknown company,
provenance), so every problem is worded and placed as it is for `capex.csv`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from workbench.core.data.fields import Fields
from workbench.core.data.fiscal import nominal_period_end, parse_fiscal_period, period_end_matches
from workbench.core.data.model import Dataset, FinancialFigure
from workbench.core.data.problems import ProblemLog

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


def check_fiscal_period(
    f: Fields, ds: Dataset, ticker: str, period: str, period_end: date | None
) -> tuple[int, int | None] | None:
    """The parsed label, with a problem if it is malformed or `period_end` does not close it."""
    parsed = parse_fiscal_period(period) if period else None
    if period and parsed is None:
        f.problem("fiscal_period", f"{f.what}: 'fiscal_period' must look like FY2024 or FY2024Q2")
    company = ds.companies.get(ticker)
    if company and parsed and period_end and not period_end_matches(period_end, *parsed, company.fiscal_year_end):
        expected = nominal_period_end(*parsed, company.fiscal_year_end)
        f.problem(
            "period_end",
            f"{f.what}: period_end {period_end} does not close {period} for {ticker} "
            f"(fiscal year ends in month {company.fiscal_year_end}; expected about {expected})",
        )
    return parsed


class FinancialRows:
    """Reads the rows of one `financials.csv` into `ds.financials`, logging what is wrong."""

    def __init__(
        self,
        path: Path,
        ds: Dataset,
        unknown_company: Callable[[str], bool],
        check_provenance: Callable[[Fields, str, str], None],
    ) -> None:
        self.log = ProblemLog(path, ds.problems)
        self.ds = ds
        self.unknown_company = unknown_company
        self.check_provenance = check_provenance
        # One actual per company, period, metric and segment: the first row's line.
        self.actuals: dict[tuple[str, str, str, str], int] = {}

    def read(self, row: dict[str, Any], line: int, line_of: Callable[[str | None], int]) -> FinancialFigure | None:
        f = Fields(row, self.log, line_of, "financial")
        ticker, period, metric = f.text("ticker"), f.text("fiscal_period"), f.text("metric")
        f.what = f"financial {ticker or '?'} {period or '?'} {metric or '?'}"
        if metric and metric not in METRICS:
            f.problem("metric", f"{f.what}: 'metric' must be one of {', '.join(METRICS)}; got {metric!r}")
        period_end, kind = f.day("period_end"), f.choice("kind", FINANCIAL_KINDS)
        value = f.number("value_bn")
        said_on = f.day("said_on", required=(kind == "guidance"))
        segment = f.text("segment", required=False)
        source, quote = f.text("source"), f.text("quote", required=False)
        if ticker and self.unknown_company(ticker):
            f.problem("ticker", f"{f.what}: unknown company ticker {ticker!r}")
        check_fiscal_period(f, self.ds, ticker, period, period_end)
        self.check_provenance(f, source, quote)
        if f.ok and kind == "actual":
            key = (ticker, period, metric, segment)
            if key in self.actuals:
                where = f" in segment {segment!r}" if segment else ""
                f.problem(None, f"{f.what}: duplicate actual{where} (first at line {self.actuals[key]})")
            else:
                self.actuals[key] = line
        if not f.ok or period_end is None or value is None:
            return None
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
            {k: v for k, v in row.items() if k not in FINANCIAL_KEYS},
        )
        self.ds.financials.append(figure)
        return figure
