"""What the Payback screen shows, as plain data: a company's periods and chart series, the year sums' series,
the calculator's defaults (each with where it came from)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench.core.capex.summaries import basis_shown
from workbench.core.i18n import tr

from .book import CompanyBook, Series
from .metrics import PeriodMetrics, choose_basis, choose_segment, company_metrics
from .required import RequiredInputs
from .traced import shown_text
from .yearly import YearSum


@dataclass(frozen=True, slots=True)
class CompanyView:
    """One company's table: the basis and segment actually used, and its periods."""

    ticker: str
    ttm: bool
    basis: str
    segment: str
    periods: list[PeriodMetrics]


def company_view(book: CompanyBook, ttm: bool, basis: str | None = None, segment: str | None = None) -> CompanyView:
    """The user's basis and segment where the company reports them, else cash and its main segment."""
    chosen_basis = choose_basis(book, basis)
    chosen_segment = choose_segment(book, "cloud_revenue", segment, ttm)
    periods = company_metrics(book, ttm, chosen_basis, chosen_segment)
    return CompanyView(book.ticker, ttm, chosen_basis, chosen_segment, periods)


def next_choice(choices: Sequence[str], current: str) -> str:
    """The choice after `current` (wrapping round); `current` when there is no other."""
    if not choices:
        return current
    position = choices.index(current) if current in choices else -1
    return choices[(position + 1) % len(choices)]


def chart_series(company: CompanyView) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """Period labels and the capex, cloud revenue and RPO series over them (None where missing)."""
    labels = [p.period[2:] if not p.ttm else p.period[4:] for p in company.periods]
    names = (
        ("capex", tr("capex ({basis})", basis=basis_shown(company.basis))),
        ("cloud_revenue", tr("cloud ({segment})", segment=company.segment or tr("none"))),
        ("rpo", tr("RPO")),
    )
    return labels, [(title, [p.values[key].value for p in company.periods]) for key, title in names]


def year_series(sums: Sequence[YearSum]) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """Calendar years and the summed capex beside the summed cloud revenue."""
    labels = [str(s.year) for s in sums]
    return labels, [
        (tr("capex"), [s.values["capex"].value for s in sums]),
        (tr("cloud revenue"), [s.values["cloud_revenue"].value for s in sums]),
    ]


def calculator_defaults(
    sums: Sequence[YearSum], books: Mapping[str, CompanyBook]
) -> tuple[RequiredInputs, dict[str, str]]:
    """The latest year whose summed capex is known: its capex and cloud revenue; GPU spend = NVIDIA's revenue.

    NVIDIA's revenue that year stands in for the GPU spend (the "$600B question" started from it);
    without NVIDIA in the data, the GPU spend is left for the user to type.
    """
    notes: dict[str, str] = {}
    inputs = RequiredInputs()
    latest = next((s for s in reversed(sums) if s.values["capex"].value is not None), None)
    if latest is not None:
        who = "+".join(latest.tickers)
        inputs = inputs.with_value("capex_bn", latest.values["capex"].value)
        notes["capex_bn"] = tr(
            "{year} capex ({basis}): {tickers}", year=latest.year, basis=basis_shown(latest.basis), tickers=who
        )
        cloud = latest.values["cloud_revenue"]
        if cloud.value is not None:
            inputs = inputs.with_value("actual_cloud_bn", cloud.value)
            notes["actual_cloud_bn"] = tr(
                "{year} cloud revenue: {tickers}", year=latest.year, tickers="+".join(latest.cloud_tickers)
            )
        else:
            notes["actual_cloud_bn"] = tr("missing: {why}", why=shown_text(cloud.why))
        nvidia = books.get("NVDA")
        if nvidia is not None:
            revenue = nvidia.calendar_year(Series("revenue"), latest.year)
            label = tr("calendar {year}", year=latest.year)
            if revenue.value is None:  # NVIDIA's year ends in January: the fiscal year after is the closer one
                revenue = nvidia.annual(Series("revenue"), latest.year + (1 if nvidia.fiscal_year_end <= 6 else 0))
                label = f"FY{latest.year + (1 if nvidia.fiscal_year_end <= 6 else 0)}"
            if revenue.value is not None:
                inputs = inputs.with_value("gpu_spend_bn", revenue.value)
                notes["gpu_spend_bn"] = tr("NVIDIA revenue {period} (for GPU spend)", period=label)
    notes.setdefault("gpu_spend_bn", tr("type the GPU spend (no NVIDIA revenue in the data)"))
    for name in ("life_years", "cost_of_capital", "ebitda_margin", "gpu_share", "end_margin"):
        notes[name] = tr("default")
    return inputs, notes
