"""One company's reported actuals, looked up by series and period: annual, TTM, calendar year, balance.

A series is capex on one basis or a `financials.csv` metric on one segment, so a lookup can
never mix bases or segments. Flows (capex, revenue, cash flow…) add up over periods; a balance
(`rpo`) is read at a period end. Every lookup returns a `Traced` with its rows, or the reason
it is missing (which input, which period).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from workbench.core.capex.summaries import month_year
from workbench.core.data.fiscal import calendar_quarter, nominal_period_end, parse_fiscal_period
from workbench.core.i18n import N_

from .traced import Reason, Traced, missing

CAPEX = "capex"
BALANCES = frozenset({"rpo"})
NAMES = {  # marked for the catalogue: explanations name the series in the interface language
    "capex": N_("capex"),
    "revenue": N_("revenue"),
    "operating_income": N_("operating income"),
    "operating_cash_flow": N_("operating cash flow"),
    "depreciation_amortization": N_("D&A"),
    "finance_lease_principal": N_("finance-lease principal"),
    "cloud_revenue": N_("cloud revenue"),
    "cloud_operating_income": N_("cloud operating income"),
    "rpo": N_("RPO"),
}


@dataclass(frozen=True, slots=True)
class Series:
    """Capex on one basis (`qualifier` = basis) or a metric on one segment (`qualifier` = segment, may be "")."""

    metric: str
    qualifier: str = ""

    def describe(self) -> str:
        """`capex (cash)`, `cloud revenue (AWS)`, `revenue` (a Reason: shown in the interface language)."""
        name = Reason(NAMES[self.metric]) if self.metric in NAMES else self.metric
        return Reason(N_("{name} ({qualifier})"), name=name, qualifier=self.qualifier) if self.qualifier else name


def quarter_number(label: str) -> int:
    """Consecutive fiscal quarters get consecutive numbers (FY2025Q4 + 1 = FY2026Q1)."""
    year, quarter = parse_fiscal_period(label) or (0, 1)
    return year * 4 + (quarter or 4) - 1


def quarter_label(number: int) -> str:
    year, index = divmod(number, 4)
    return f"FY{year}Q{index + 1}"


def span_label(first: str, last: str) -> str:
    return first if first == last else f"{first}–{last}"


class CompanyBook:
    """A company's actual figures (capex from `capex.csv`, the rest from `financials.csv`), by series and period."""

    def __init__(self, ticker: str, fiscal_year_end: int, capex: Iterable[Any], financials: Iterable[Any]) -> None:
        self.ticker = ticker
        self.fiscal_year_end = fiscal_year_end
        self.rows: dict[Series, dict[str, Any]] = {}  # series → fiscal label → row
        self.ends: dict[str, date] = {}
        # One Series per distinct key, not one per row: the large generated set has 235,000 rows
        # and a few dozen series.
        series: dict[tuple[str, str], Series] = {}
        for f in sorted(capex, key=lambda f: f.line):
            if f.kind == "actual" and f.point is not None:
                key = (CAPEX, f.basis)
                self._add(series.get(key) or series.setdefault(key, Series(*key)), f, f.point)
        for f in sorted(financials, key=lambda f: f.line):
            if f.kind == "actual" and f.value_bn is not None:
                key = (f.metric, f.segment or "")
                self._add(series.get(key) or series.setdefault(key, Series(*key)), f, f.value_bn)

    def _add(self, series: Series, row: Any, value: float) -> None:
        # The first row in file order wins when two give the same series and period (the loader
        # reports such duplicates; the figure shown is the one the file gives first).
        self.rows.setdefault(series, {}).setdefault(row.fiscal_period, row)
        self.ends.setdefault(row.fiscal_period, row.period_end)

    # --- what the company reports ---------------------------------------------------------------

    def qualifiers(self, metric: str, quarters_first: bool = False) -> list[str]:
        """The bases (capex) or segments (a metric) reported: most annual rows first, then most quarterly
        rows (the other way round with `quarters_first`, for TTM tables), then A–Z."""
        counts: dict[str, list[int]] = {}
        for series, rows in self.rows.items():
            if series.metric == metric:
                count = counts.setdefault(series.qualifier, [0, 0])
                for period in rows:
                    count[0 if "Q" not in period else 1] += 1
        first, second = (1, 0) if quarters_first else (0, 1)
        return sorted(counts, key=lambda q: (-counts[q][first], -counts[q][second], q))

    def periods(self, annual: bool) -> list[str]:
        """Every fiscal label with a figure of any series, in period order."""
        labels = {p for rows in self.rows.values() for p in rows if ("Q" not in p) == annual}
        return sorted(labels, key=lambda p: (self.ends[p], p))

    def end_of(self, label: str) -> date:
        """The period end of a label (reported, else the nominal month end)."""
        if label in self.ends:
            return self.ends[label]
        year, quarter = parse_fiscal_period(label) or (1, None)
        return nominal_period_end(year, quarter, self.fiscal_year_end)

    def value(self, series: Series, label: str) -> Any | None:
        """The row for exactly this series and fiscal label."""
        return self.rows.get(series, {}).get(label)

    # --- flows -----------------------------------------------------------------------------------

    def _traced(self, row: Any) -> Traced:
        value = row.point if hasattr(row, "point") else row.value_bn
        return Traced(value, (row,))

    def quarters(self, series: Series, last: int, count: int = 4) -> Traced:
        """The sum of `count` consecutive quarters ending at quarter number `last`."""
        labels = [quarter_label(n) for n in range(last - count + 1, last + 1)]
        rows = [self.value(series, label) for label in labels]
        absent = [label for label, row in zip(labels, rows) if row is None]
        if absent:
            which = span_label(absent[0], absent[-1]) if len(absent) == count else ", ".join(absent)
            why = Reason(N_("no {what} for {periods}"), what=series.describe(), periods=which)
            return missing(why, [r for r in rows if r is not None])
        return Traced(sum(self._traced(r).value or 0.0 for r in rows), tuple(rows))

    def annual(self, series: Series, year: int) -> Traced:
        """A fiscal year: its annual row, else the sum of its four quarters."""
        row = self.value(series, f"FY{year}")
        if row is not None:
            return self._traced(row)
        summed = self.quarters(series, year * 4 + 3)
        if summed.value is not None:
            return Traced(summed.value, summed.rows, note=Reason(N_("sum of FY{year}Q1–Q4"), year=year))
        return missing(Reason(N_("no {what} for {periods}"), what=series.describe(), periods=f"FY{year}"), summed.rows)

    def ttm(self, series: Series, label: str) -> Traced:
        """Trailing twelve months to a fiscal quarter: four consecutive quarters (or the year at Q4)."""
        number = quarter_number(label)
        summed = self.quarters(series, number)
        if summed.value is not None:
            return summed
        year, quarter = parse_fiscal_period(label) or (0, None)
        if quarter == 4 and self.value(series, f"FY{year}") is not None:
            return self._traced(self.value(series, f"FY{year}"))
        first = quarter_label(number - 3)
        why = Reason(
            N_("TTM to {period} needs {periods}: {why}"), period=label, periods=span_label(first, label), why=summed.why
        )
        return missing(why, summed.rows)

    def flow(self, series: Series, label: str) -> Traced:
        """The flow over a period: a fiscal year (`FY2025`) or the TTM to a quarter (`FY2026Q3`)."""
        parsed = parse_fiscal_period(label)
        if parsed is None:
            return missing(Reason(N_("{period} is not a fiscal period"), period=label))
        year, quarter = parsed
        return self.annual(series, year) if quarter is None else self.ttm(series, label)

    def balance(self, series: Series, label: str) -> Traced:
        """A balance (RPO) at a period's end: the row for the label, or for the same end under the other label."""
        row = self.value(series, label)
        if row is None:
            year, quarter = parse_fiscal_period(label) or (0, None)
            other = f"FY{year}Q4" if quarter is None else (f"FY{year}" if quarter == 4 else "")
            row = self.value(series, other) if other else None
        if row is None:
            return missing(Reason(N_("no {what} at the end of {period}"), what=series.describe(), period=label))
        return self._traced(row)

    # --- calendar years --------------------------------------------------------------------------

    def calendar_quarters(self, year: int) -> list[str]:
        """The fiscal quarter labels whose three months fall mostly in calendar `year` (four of them)."""
        labels = []
        for fiscal_year in (year, year + 1):
            for quarter in (1, 2, 3, 4):
                end = nominal_period_end(fiscal_year, quarter, self.fiscal_year_end)
                if calendar_quarter(end)[0] == year:
                    labels.append(f"FY{fiscal_year}Q{quarter}")
        return labels

    def calendar_year(self, series: Series, year: int) -> Traced:
        """A calendar year: the fiscal year when it is one, else the four quarters that make it up."""
        if self.fiscal_year_end == 12:
            return self.annual(series, year)
        labels = self.calendar_quarters(year)
        summed = self.quarters(series, quarter_number(labels[-1])) if len(labels) == 4 else missing("")
        span = span_label(labels[0], labels[-1])
        if summed.value is not None:
            return Traced(
                summed.value, summed.rows, note=Reason(N_("calendar {year} = {periods}"), year=year, periods=span)
            )
        why = Reason(N_("calendar {year} needs {periods}: {why}"), year=year, periods=span, why=summed.why)
        return missing(why, summed.rows)

    def fiscal_year_in(self, series: Series, year: int) -> Traced:
        """The fiscal year that ends in calendar `year`, labelled as such (not a calendar year)."""
        label = self.fiscal_year_ending(year)
        found = self.annual(series, int(label[2:]))
        if found.value is None:
            return found
        end = self.end_of(label)
        start_index = end.year * 12 + end.month - 12
        months = Reason(
            N_("{start}–{end}"),
            start=month_year(start_index % 12 + 1, start_index // 12),
            end=month_year(end.month, end.year),
        )
        note = Reason(N_("{period} ({months}), not calendar {year}"), period=label, months=months, year=year)
        return Traced(found.value, found.rows, note=note)

    def fiscal_year_ending(self, year: int) -> str:
        """The label of the fiscal year that ends in calendar `year`."""
        return f"FY{year}"
