"""Payback metrics per company and period (DESIGN.md "Payback metrics"), each traced to its rows.

A period is a fiscal year (`FY2025`) or the trailing twelve months to a fiscal quarter
(`FY2026Q3`). Capex is on one basis (cash unless the user switches), cloud revenue on one
segment and RPO on one segment, for every period of the table: a ratio never mixes them, and a
period's figures always cover the same months.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from workbench.core.i18n import N_

from .book import CAPEX, CompanyBook, Series
from .traced import Reason, Traced, difference, missing, ratio

# (key, column title, unit): `bn` USD billions, `pct` a fraction shown as %, `x` a multiple.
# Titles are marked for the catalogue and translated where drawn.
METRICS: tuple[tuple[str, str, str], ...] = (
    ("capex", N_("Capex"), "bn"),
    ("revenue", N_("Revenue"), "bn"),
    ("capex_intensity", N_("Capex/Rev"), "pct"),
    ("operating_cash_flow", N_("OCF"), "bn"),
    ("capex_to_ocf", N_("Capex/OCF"), "pct"),
    ("fcf", N_("FCF"), "bn"),
    ("finance_lease_principal", N_("Leases"), "bn"),
    ("fcf_after_leases", N_("FCF−leases"), "bn"),
    ("depreciation_amortization", N_("D&A"), "bn"),
    ("da_to_revenue", N_("D&A/Rev"), "pct"),
    ("cloud_revenue", N_("Cloud"), "bn"),
    ("cloud_yoy", N_("Cloud YoY"), "pct"),
    ("incremental_cloud_revenue", N_("ΔCloud"), "bn"),
    ("capex_per_incremental_cloud", N_("Capex/ΔCloud"), "x"),
    ("rpo", N_("RPO"), "bn"),
    ("rpo_to_capex", N_("RPO/Capex"), "x"),
)
UNITS = {key: unit for key, _, unit in METRICS}
TITLES = {key: title for key, title, _ in METRICS}
DEFAULT_BASIS = "cash"


@dataclass(frozen=True, slots=True)
class PeriodMetrics:
    """Every payback metric of one company for one period (a fiscal year or a TTM)."""

    ticker: str
    period: str  # FY2025, or FY2026Q3 for the TTM to that quarter
    period_end: date
    ttm: bool
    basis: str
    segment: str
    values: dict[str, Traced] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """`FY2025` or `TTM FY2026Q3`."""
        return f"TTM {self.period}" if self.ttm else self.period

    def row(self) -> dict[str, Any]:
        """Raw values for export and `workbench payback` (missing inputs named in `missing`)."""
        out: dict[str, Any] = {
            "ticker": self.ticker,
            "fiscal_period": self.period,
            "period_end": self.period_end,
            "period": "ttm" if self.ttm else "annual",
            "basis": self.basis,
            "segment": self.segment,
        }
        for key, _, _ in METRICS:
            out[key] = self.values[key].value
        out["missing"] = [f"{key}: {v.why}" for key, v in self.values.items() if v.value is None]
        out["sources"] = list(dict.fromkeys(s for v in self.values.values() for s in v.sources()))
        return out


def choose_basis(book: CompanyBook, basis: str | None) -> str:
    """The user's basis if the company reports capex on it, else cash, else its most reported basis."""
    reported = book.qualifiers(CAPEX)
    for choice in (basis, DEFAULT_BASIS):
        if choice and choice in reported:
            return choice
    return reported[0] if reported else (basis or DEFAULT_BASIS)


def choose_segment(book: CompanyBook, metric: str, segment: str | None = None, ttm: bool = False) -> str:
    """The user's segment if reported, else the one with the most annual figures (quarterly ones for a TTM)."""
    reported = book.qualifiers(metric, quarters_first=ttm)
    if segment is not None and segment in reported:
        return segment
    return reported[0] if reported else ""


def period_metrics(book: CompanyBook, label: str, basis: str, segment: str, rpo_segment: str) -> PeriodMetrics:
    """Every metric for one period (`FY2025` annual, `FY2026Q3` the TTM to that quarter)."""
    ttm = "Q" in label
    year = int(label[2:6])
    earlier = f"FY{year - 1}{label[6:]}"
    capex = book.flow(Series(CAPEX, basis), label)
    revenue = book.flow(Series("revenue"), label)
    ocf = book.flow(Series("operating_cash_flow"), label)
    leases = book.flow(Series("finance_lease_principal"), label)
    da = book.flow(Series("depreciation_amortization"), label)
    fcf = difference(ocf, capex)
    if basis == "incl_finance_leases":  # the capex already counts the lease principal
        after_leases = missing(Reason(N_("capex incl. finance leases already counts them: see FCF")), fcf.rows)
    else:
        after_leases = difference(fcf, leases)
    values: dict[str, Traced] = {
        "capex": capex,
        "revenue": revenue,
        "capex_intensity": ratio(capex, revenue, Reason(N_("revenue"))),
        "operating_cash_flow": ocf,
        "capex_to_ocf": ratio(capex, ocf, Reason(N_("operating cash flow"))),
        "fcf": fcf,
        "finance_lease_principal": leases,
        "fcf_after_leases": after_leases,
        "depreciation_amortization": da,
        "da_to_revenue": ratio(da, revenue, Reason(N_("revenue"))),
    }
    values.update(_cloud(book, label, earlier, segment, capex))
    if rpo_segment or book.qualifiers("rpo"):
        rpo = book.balance(Series("rpo", rpo_segment), label)
    else:
        rpo = missing(Reason(N_("{ticker} reports no RPO in this data"), ticker=book.ticker))
    values["rpo"] = rpo
    values["rpo_to_capex"] = ratio(rpo, capex, Reason(N_("capex")))
    return PeriodMetrics(book.ticker, label, book.end_of(label), ttm, basis, segment, values)


def _cloud(book: CompanyBook, label: str, earlier: str, segment: str, capex: Traced) -> dict[str, Traced]:
    if not book.qualifiers("cloud_revenue"):
        none = missing(Reason(N_("{ticker} reports no cloud revenue in this data"), ticker=book.ticker))
        return {
            "cloud_revenue": none,
            "cloud_yoy": none,
            "incremental_cloud_revenue": none,
            "capex_per_incremental_cloud": none,
        }
    series = Series("cloud_revenue", segment)
    cloud, before = book.flow(series, label), book.flow(series, earlier)
    growth = difference(cloud, before)
    if growth.value is not None and before.value is not None and before.value > 0:
        yoy = Traced(cloud.value / before.value - 1, growth.rows)  # type: ignore[operator]
    else:
        yoy = ratio(cloud, before, Reason(N_("{what} a year earlier"), what=series.describe()))
    return {
        "cloud_revenue": cloud,
        "cloud_yoy": yoy,
        "incremental_cloud_revenue": growth,
        "capex_per_incremental_cloud": ratio(capex, growth, Reason(N_("the growth in cloud revenue"))),
    }


def company_metrics(
    book: CompanyBook, ttm: bool = False, basis: str | None = None, segment: str | None = None
) -> list[PeriodMetrics]:
    """One company's metrics for every fiscal year (or every TTM quarter) with any figure, oldest first.

    Periods where nothing at all can be computed are left out.
    """
    basis = choose_basis(book, basis)
    segment = choose_segment(book, "cloud_revenue", segment, ttm)
    rpo_segment = choose_segment(book, "rpo", None, ttm)
    out = []
    for label in book.periods(annual=not ttm):
        metrics = period_metrics(book, label, basis, segment, rpo_segment)
        if any(v.value is not None for v in metrics.values.values()):
            out.append(metrics)
    return out


PACE_COMPANIES = 25  # books made between two calls of `pace` (a few ms of work on the large set)


def books(
    dataset: Any, tickers: Iterable[str] | None = None, pace: Callable[[], None] = lambda: None
) -> dict[str, CompanyBook]:
    """A book per company (all of them, or these tickers), grouping the figures in one pass.
    `pace` is called between pieces of the work (`background.give_way`, in a thread)."""
    wanted = set(tickers) if tickers is not None else None
    capex: dict[str, list[Any]] = {}
    financials: dict[str, list[Any]] = {}
    pace()
    for f in dataset.capex:
        if wanted is None or f.ticker in wanted:
            capex.setdefault(f.ticker, []).append(f)
    pace()
    for f in getattr(dataset, "financials", ()):
        if wanted is None or f.ticker in wanted:
            financials.setdefault(f.ticker, []).append(f)
    grouped = {}
    for count, (ticker, company) in enumerate(sorted(dataset.companies.items())):
        if count % PACE_COMPANIES == 0:
            pace()
        if wanted is None or ticker in wanted:
            grouped[ticker] = CompanyBook(
                ticker, company.fiscal_year_end, capex.get(ticker, ()), financials.get(ticker, ())
            )
    return grouped
