"""A scenario against what its company reports: annual capex and cloud revenue beside the model's.

Reported figures are the company's fiscal years (actuals), each placed in the calendar year its
period ends in, with its fiscal label and basis, so nothing is mixed silently: capex on the
`cash` basis when the company reports it (else the first basis it has), cloud revenue from
`financials.csv` (`cloud_revenue`, with its segment). A year without a figure is missing, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.data.model import Dataset
from workbench.core.roi import model as roi


@dataclass(frozen=True, slots=True)
class Reported:
    """One reported annual figure: its value, fiscal label, period end and basis or segment."""

    value_bn: float
    fiscal_period: str
    period_end: str
    detail: str  # capex basis, or cloud revenue segment


@dataclass(frozen=True, slots=True)
class RealityRow:
    """A calendar year: the model's capex and revenue beside the company's reported ones."""

    year: int
    model_capex: float | None
    model_revenue: float | None
    capex: Reported | None
    cloud_revenue: Reported | None


def _capex_by_year(dataset: Dataset, ticker: str) -> dict[int, Reported]:
    rows = [
        c for c in dataset.capex if c.ticker == ticker and c.kind == "actual" and c.is_annual and c.value_bn is not None
    ]
    bases = [c.basis for c in rows]
    basis = "cash" if "cash" in bases else (bases[0] if bases else "")
    out: dict[int, Reported] = {}
    for c in sorted(rows, key=lambda c: c.period_end):
        if c.basis == basis:
            out[c.period_end.year] = Reported(
                float(c.value_bn or 0.0), c.fiscal_period, c.period_end.isoformat(), basis
            )
    return out


def _cloud_by_year(dataset: Dataset, ticker: str) -> dict[int, Reported]:
    rows = [
        f for f in dataset.financials
        if f.ticker == ticker and f.metric == "cloud_revenue" and f.kind == "actual" and f.is_annual
    ]  # fmt: skip
    segments = [f.segment for f in rows]
    segment = segments[0] if segments else ""
    return {
        f.period_end.year: Reported(f.value_bn, f.fiscal_period, f.period_end.isoformat(), f.segment)
        for f in sorted(rows, key=lambda f: f.period_end)
        if f.segment == segment
    }


def against_reality(dataset: Dataset, ticker: str, result: roi.Result, before: int = 3) -> list[RealityRow]:
    """The scenario's years, plus `before` calendar years ahead of its start, with the company's
    reported annual capex and cloud revenue where it has them."""
    capex, cloud = _capex_by_year(dataset, ticker), _cloud_by_year(dataset, ticker)
    start = result.inputs.start_year
    model = {row.year: row for row in result.years}
    years = range(start - before, start + len(result.years))
    return [
        RealityRow(
            year,
            model[year].capex if year in model else None,
            model[year].revenue if year in model else None,
            capex.get(year),
            cloud.get(year),
        )
        for year in years
    ]


def latest(rows: dict[int, Reported]) -> Reported | None:
    """The most recent reported figure."""
    return rows[max(rows)] if rows else None


def latest_reported(dataset: Dataset, ticker: str) -> tuple[Reported | None, Reported | None]:
    """(latest annual capex, latest annual cloud revenue) the company reports."""
    return latest(_capex_by_year(dataset, ticker)), latest(_cloud_by_year(dataset, ticker))
