"""Across chosen companies, summed by calendar year: capex beside cloud revenue and its growth.

Each company-year covers one window for every figure in it: the calendar year (its fiscal
year when that ends in December, else the four quarters that fall in the year) or, when the
quarters are not all reported, the fiscal year that ends in that calendar year, said so in the
figure's note. A sum is missing when any company's part is, and says whose.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.core.i18n import N_

from .book import CAPEX, CompanyBook, Series
from .metrics import DEFAULT_BASIS, choose_segment
from .traced import Reason, Traced, difference, missing, ratio, total

# The four hyperscalers the founding documents add up; the default choice when they are present.
HYPERSCALERS = ("AMZN", "GOOGL", "META", "MSFT")
YEAR_METRICS: tuple[tuple[str, str, str], ...] = (  # the founding question first: capex beside cloud
    ("capex", N_("Capex"), "bn"),
    ("cloud_revenue", N_("Cloud revenue"), "bn"),
    ("incremental_cloud_revenue", N_("ΔCloud"), "bn"),
    ("capex_per_incremental_cloud", N_("Capex/ΔCloud"), "x"),
    ("revenue", N_("Revenue"), "bn"),
    ("capex_intensity", N_("Capex/Rev"), "pct"),
    ("operating_cash_flow", N_("OCF"), "bn"),
    ("fcf", N_("FCF"), "bn"),
)


@dataclass(frozen=True, slots=True)
class CompanyYear:
    """One company's part of a calendar year: capex, cloud revenue and its growth, revenue, OCF; one window."""

    ticker: str
    year: int
    window: str  # "calendar" or "fiscal" (the fiscal year ending in `year`)
    capex: Traced
    cloud_revenue: Traced | None  # None: the company has no cloud segment (not a gap)
    incremental_cloud_revenue: Traced | None
    revenue: Traced = field(default_factory=lambda: missing(Reason(N_("not looked up"))))
    operating_cash_flow: Traced = field(default_factory=lambda: missing(Reason(N_("not looked up"))))


@dataclass(frozen=True, slots=True)
class YearSum:
    """The chosen companies' sums for one calendar year; cloud sums over those with a cloud segment."""

    year: int
    basis: str
    tickers: tuple[str, ...]
    cloud_tickers: tuple[str, ...]
    parts: tuple[CompanyYear, ...]
    values: dict[str, Traced] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        """Raw values for export (`workbench payback --years`)."""
        out: dict[str, Any] = {
            "calendar_year": self.year,
            "basis": self.basis,
            "tickers": list(self.tickers),
            "cloud_tickers": list(self.cloud_tickers),
        }
        for key, _, _ in YEAR_METRICS:
            out[key] = self.values[key].value
        out["fiscal_windows"] = [
            f"{p.ticker}: {p.capex.note}" for p in self.parts if p.window == "fiscal" and p.capex.note
        ]
        out["missing"] = [f"{key}: {v.why}" for key, v in self.values.items() if v.value is None]
        return out


def _window(book: CompanyBook, series: Sequence[Series], year: int, window: str) -> list[Traced]:
    get = book.calendar_year if window == "calendar" else book.fiscal_year_in
    return [get(s, year) for s in series]


def company_year(book: CompanyBook, year: int, basis: str, segment: str) -> CompanyYear:
    """A company's calendar year, on the calendar window if its capex and cloud revenue have it, else its
    fiscal year; revenue and operating cash flow on the same window."""
    series = [Series(CAPEX, basis)] + ([Series("cloud_revenue", segment)] if segment else [])
    window = "calendar"
    found = _window(book, series, year, window)
    if any(t.value is None for t in found) and book.fiscal_year_end != 12:
        fiscal = _window(book, series, year, "fiscal")
        if all(t.value is not None for t in fiscal):
            window, found = "fiscal", fiscal
    revenue, ocf = _window(book, [Series("revenue"), Series("operating_cash_flow")], year, window)
    capex = found[0]
    if not segment:
        return CompanyYear(book.ticker, year, window, capex, None, None, revenue, ocf)
    cloud = found[1]
    before = _window(book, series[1:], year - 1, window)[0]
    growth = difference(cloud, before)
    return CompanyYear(book.ticker, year, window, capex, cloud, growth, revenue, ocf)


def _named(part: Traced, ticker: str) -> Traced:
    return (
        part
        if part.value is not None
        else missing(Reason(N_("{ticker}: {why}"), ticker=ticker, why=part.why), part.rows)
    )


def year_sum(books: Mapping[str, CompanyBook], tickers: Sequence[str], year: int, basis: str | None = None) -> YearSum:
    """The chosen companies' capex, cloud revenue and its growth summed for one calendar year."""
    basis_used = basis or DEFAULT_BASIS  # one basis for every company: a sum never mixes them
    parts = [company_year(books[t], year, basis_used, choose_segment(books[t], "cloud_revenue")) for t in tickers]
    nobody = Reason(N_("no companies chosen"))
    capex = total([_named(p.capex, p.ticker) for p in parts], nobody)
    revenue = total([_named(p.revenue, p.ticker) for p in parts], nobody)
    ocf = total([_named(p.operating_cash_flow, p.ticker) for p in parts], nobody)
    no_cloud = Reason(N_("none of the chosen companies reports cloud revenue"))
    cloud_parts = [p for p in parts if p.cloud_revenue is not None]
    cloud = total([_named(p.cloud_revenue, p.ticker) for p in cloud_parts if p.cloud_revenue is not None], no_cloud)
    growth = total(
        [_named(p.incremental_cloud_revenue, p.ticker) for p in cloud_parts if p.incremental_cloud_revenue is not None],
        no_cloud,
    )
    values = {
        "capex": capex,
        "revenue": revenue,
        "capex_intensity": ratio(capex, revenue, Reason(N_("revenue"))),
        "operating_cash_flow": ocf,
        "fcf": difference(ocf, capex),
        "cloud_revenue": cloud,
        "incremental_cloud_revenue": growth,
        "capex_per_incremental_cloud": ratio(capex, growth, Reason(N_("the growth in cloud revenue"))),
    }
    return YearSum(year, basis_used, tuple(tickers), tuple(p.ticker for p in cloud_parts), tuple(parts), values)


DEFAULT_LIMIT = 12  # more companies than this with cloud revenue (a generated set): the user chooses


def default_tickers(books: Mapping[str, CompanyBook]) -> list[str]:
    """The hyperscalers present in the data, else the companies that report cloud revenue (if a handful)."""
    present = [t for t in HYPERSCALERS if t in books]
    if present:
        return present
    cloud = [t for t, b in books.items() if b.qualifiers("cloud_revenue")]
    return cloud if len(cloud) <= DEFAULT_LIMIT else []


def years_of(books: Iterable[CompanyBook]) -> list[int]:
    """Every calendar year in which any of these companies has a figure."""
    return sorted({book.end_of(p).year for book in books for p in book.periods(True) + book.periods(False)})


def year_sums(books: Mapping[str, CompanyBook], tickers: Sequence[str], basis: str | None = None) -> list[YearSum]:
    """Every year the chosen companies have figures in, oldest first."""
    chosen = [t for t in tickers if t in books]
    return [year_sum(books, chosen, year, basis) for year in years_of(books[t] for t in chosen)]
