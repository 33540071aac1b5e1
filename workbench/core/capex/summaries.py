"""Capex maths for the browser: company summaries, per-basis series, calendar alignment, guidance ledgers.

Plain Python over dict grouping: one pass groups the figures by company, and everything else
works on one company's figures at a time, so 2,000 companies × 60 quarters stays well under
a second (see `bench/gen_large.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from workbench.core.data.fiscal import calendar_label, calendar_quarter
from workbench.core.data.model import CapexFigure, Company, Dataset, FinancialFigure, Quote
from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.output import numbers
from workbench.core.payback.traced import Reason

# Bases are listed in this order; others follow alphabetically.
BASIS_ORDER = ("cash", "incl_finance_leases", "net_cash")
BASIS_LABELS = {"cash": N_("cash"), "incl_finance_leases": N_("incl. finance leases"), "net_cash": N_("net cash")}
KIND_LABELS = {"actual": N_("actual"), "guidance": N_("guidance"), "estimate": N_("estimate")}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # exports: English
MONTH_NAMES = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def basis_label(basis: str) -> str:
    """A reader's name for a basis (`incl_finance_leases` → `incl. finance leases`), in the interface language."""
    return tr(BASIS_LABELS[basis]) if basis in BASIS_LABELS else basis


def basis_shown(basis: str) -> str:
    """A basis where the payback views name it: the code as the data writes it (`cash`) in English,
    its reader's name (`现金`) in Chinese."""
    return basis_label(basis) if is_chinese() else basis


def kind_label(kind: str) -> str:
    """`actual`, `guidance`, `estimate` in the interface language (another kind as written)."""
    return tr(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def month_name(month: int) -> str:
    """`Jun` (`6月` in Chinese)."""
    return tr(MONTH_NAMES[month - 1])


def month_year(month: int, year: int) -> Reason:
    """`Jun 2025` (`2025年6月`): English as a string, the interface language where shown."""
    return Reason(N_("{month} {year}"), month=Reason(MONTH_NAMES[month - 1]), year=year)


def month_year_shown(label: str) -> str:
    """A `Jun 2025` label (as exports write it) in the interface language; any other label as it is."""
    month, _, year = label.partition(" ")
    if month in MONTHS and year.isdigit():
        return month_year(MONTHS.index(month) + 1, int(year)).shown()
    return label


def _basis_rank(basis: str) -> tuple[int, str]:
    return (BASIS_ORDER.index(basis) if basis in BASIS_ORDER else len(BASIS_ORDER), basis)


def _quarter_number(fig: CapexFigure) -> int:
    """Consecutive fiscal quarters get consecutive numbers (FY2025Q4 + 1 = FY2026Q1)."""
    return fig.fiscal_year * 4 + (fig.fiscal_quarter or 0) - 1


def growth(new: float | None, old: float | None) -> float | None:
    """Fractional change from `old` to `new`; None when either is missing or `old` is not positive."""
    if new is None or old is None or old <= 0:
        return None
    return (new - old) / old


# --- periods and labels ---------------------------------------------------------------------


def months_covered(period_end: date, annual: bool) -> str:
    """The calendar months a fiscal period spans: `Jul 2024–Jun 2025` or `Apr–Jun 2025`."""
    index = period_end.year * 12 + period_end.month - 1 - (11 if annual else 2)
    start_year, start_month = divmod(index, 12)
    start, end = MONTHS[start_month], MONTHS[period_end.month - 1]
    if start_year == period_end.year:
        return f"{start}–{end} {period_end.year}"
    return f"{start} {start_year}–{end} {period_end.year}"


def calendar_period(period_end: date, annual: bool) -> str:
    """The calendar name of a period: `2025Q2` for a quarter, the months covered for a year."""
    return months_covered(period_end, True) if annual else calendar_label(period_end)


def calendar_period_shown(period_end: date, annual: bool) -> str:
    """`calendar_period` in the interface language: `Jul 2024–Jun 2025` is `2024年7月–2025年6月`."""
    if not annual:
        return calendar_label(period_end)
    index = period_end.year * 12 + period_end.month - 12
    start_year, start_month = divmod(index, 12)
    if start_year == period_end.year:
        return tr(
            "{start}–{end} {year}",
            start=month_name(start_month + 1),
            end=month_name(period_end.month),
            year=period_end.year,
        )
    return tr(
        "{start}–{end}",
        start=month_year(start_month + 1, start_year).shown(),
        end=month_year(period_end.month, period_end.year).shown(),
    )


def short_label(period: str, period_end: date, calendar: bool) -> str:
    """A chart-axis label: `FY25`/`FY25Q4` by fiscal label, `25Q2`/`→Jun25` by calendar."""
    annual = "Q" not in period
    if calendar:
        if annual:
            return tr("→{month}{year:02d}", month=month_name(period_end.month), year=period_end.year % 100)
        year, quarter = calendar_quarter(period_end)
        return f"{year % 100:02d}Q{quarter}"
    return f"FY{period[4:]}"


# --- one company ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PeriodPoint:
    """One period of one basis: its actual and its latest guidance (never another basis's)."""

    period: str
    period_end: date
    actual: CapexFigure | None
    guidance: CapexFigure | None

    @property
    def actual_bn(self) -> float | None:
        return self.actual.point if self.actual else None


def bases(figures: Iterable[CapexFigure]) -> list[str]:
    """The bases these figures use, cash first, then incl. finance leases, net cash, then A–Z."""
    return sorted({f.basis for f in figures}, key=_basis_rank)


def _count_actuals(figures: Iterable[CapexFigure]) -> dict[str, list[int]]:
    """basis → [annual actuals, quarterly actuals]; bases with only guidance count zero."""
    counts: dict[str, list[int]] = {}
    for f in figures:
        count = counts.setdefault(f.basis, [0, 0])
        if f.kind == "actual":
            count[0 if len(f.fiscal_period) == 6 else 1] += 1
    return counts


def _pick_basis(counts: dict[str, list[int]]) -> str:
    if not counts:
        return ""
    return min(counts, key=lambda b: (-counts[b][0], -counts[b][1], _basis_rank(b)))


def main_basis(figures: Iterable[CapexFigure]) -> str:
    """The basis with the most actuals (annual ones counting most); cash wins ties. `""` if none."""
    return _pick_basis(_count_actuals(figures))


def common_basis(companies: Iterable[Sequence[CapexFigure]]) -> str:
    """The basis most of these companies mainly report on (cash first on ties); `""` if none."""
    votes: dict[str, int] = {}
    for figures in companies:
        basis = main_basis(figures)
        if basis:
            votes[basis] = votes.get(basis, 0) + 1
    return min(votes, key=lambda b: (-votes[b], _basis_rank(b))) if votes else ""


def series(figures: Iterable[CapexFigure], basis: str, annual: bool) -> list[PeriodPoint]:
    """Annual or quarterly points on one basis, by period end: the actual and the latest guidance."""
    actuals: dict[str, CapexFigure] = {}
    guidance: dict[str, CapexFigure] = {}
    ends: dict[str, date] = {}
    for f in figures:
        if f.basis != basis or f.is_annual != annual:
            continue
        if f.kind == "actual":
            actuals[f.fiscal_period] = f
        elif f.kind == "guidance":
            previous = guidance.get(f.fiscal_period)
            if previous is None or _said_key(f) >= _said_key(previous):
                guidance[f.fiscal_period] = f
        else:
            continue
        ends[f.fiscal_period] = max(ends.get(f.fiscal_period, f.period_end), f.period_end)
    return [PeriodPoint(p, ends[p], actuals.get(p), guidance.get(p)) for p in sorted(ends, key=lambda p: (ends[p], p))]


def _said_key(f: CapexFigure) -> tuple[date, int]:
    return (f.said_on or date.min, f.line)


def period_figures(figures: Iterable[CapexFigure], basis: str | None, annual: bool) -> list[CapexFigure]:
    """The rows of the period table: one basis (or all when None), by period end, actual first."""
    kinds = {"actual": 0, "guidance": 1, "estimate": 2}
    chosen = [f for f in figures if f.is_annual == annual and (basis is None or f.basis == basis)]
    return sorted(
        chosen, key=lambda f: (f.period_end, f.fiscal_period, _basis_rank(f.basis), kinds.get(f.kind, 3), _said_key(f))
    )


def ttm(figures: Iterable[CapexFigure], basis: str) -> tuple[float | None, tuple[CapexFigure, ...]]:
    """Trailing twelve months: the sum of the latest four quarterly actuals, if they are consecutive."""
    return _ttm_of([f for f in figures if f.kind == "actual" and not f.is_annual and f.basis == basis])


def _ttm_of(quarters: list[CapexFigure]) -> tuple[float | None, tuple[CapexFigure, ...]]:
    # Labels are all `FYyyyyQn`, so text order is period order.
    last = sorted((f for f in quarters if f.point is not None), key=lambda f: f.fiscal_period)[-4:]
    if len(last) < 4 or _quarter_number(last[-1]) - _quarter_number(last[0]) != 3:
        return None, ()
    return sum(q.point or 0.0 for q in last), tuple(last)  # every point is present (filtered above)


@dataclass(frozen=True, slots=True)
class CompanySummary:
    """One line of the company list: latest fiscal-year actual, YoY, TTM and latest guidance."""

    ticker: str
    name: str
    basis: str
    latest: CapexFigure | None
    prior: CapexFigure | None
    yoy: float | None
    ttm_bn: float | None
    ttm_through: str
    guidance: CapexFigure | None
    ttm_end: date | None = None  # the period end of the TTM's last quarter

    @property
    def guidance_other_basis(self) -> bool:
        """Whether the guidance shown is on another basis than the actuals beside it (none on theirs)."""
        return self.guidance is not None and bool(self.basis) and self.guidance.basis != self.basis

    @property
    def latest_bn(self) -> float | None:
        return self.latest.point if self.latest else None

    @property
    def latest_fy(self) -> str:
        return self.latest.fiscal_period if self.latest else ""

    @property
    def guidance_bn(self) -> float | None:
        return self.guidance.point if self.guidance else None

    @property
    def guidance_said(self) -> date | None:
        return self.guidance.said_on if self.guidance else None

    def row(self) -> dict[str, Any]:
        """Raw values for export (numbers stay numbers)."""
        g = self.guidance
        return {
            "ticker": self.ticker,
            "name": self.name,
            "basis": self.basis,
            "fiscal_year": self.latest_fy,
            "period_end": self.latest.period_end if self.latest else None,
            "capex_bn": self.latest_bn,
            "prior_bn": self.prior.point if self.prior else None,
            "yoy": self.yoy,
            "ttm_bn": self.ttm_bn,
            "ttm_through": self.ttm_through,
            "ttm_period_end": self.ttm_end,
            "guidance_period": g.fiscal_period if g else "",
            "guidance_basis": g.basis if g else "",
            "guidance_value_bn": g.value_bn if g else None,
            "guidance_low_bn": g.low_bn if g else None,
            "guidance_high_bn": g.high_bn if g else None,
            "guidance_said_on": g.said_on if g else None,
        }


def summarize(ticker: str, name: str, figures: Sequence[CapexFigure], basis: str | None = None) -> CompanySummary:
    """A company's list line, every number on one basis (its main basis unless told).

    The guidance is the latest said for the next fiscal year without an annual actual (see
    `next_guidance`). One pass over the figures: this runs for every company whenever data loads.
    """
    counts: dict[str, list[int]] = {}
    years: dict[str, dict[int, CapexFigure]] = {}
    quarters: dict[str, list[CapexFigure]] = {}
    annual_guidance: list[CapexFigure] = []
    reported: set[int] = set()
    known_to = date.min  # the latest statement or reported period end: what "next" is relative to
    for f in figures:
        count = counts.setdefault(f.basis, [0, 0])
        annual = len(f.fiscal_period) == 6  # FY2025
        if f.kind == "guidance":
            known_to = max(known_to, f.said_on or date.min)
            if annual:
                annual_guidance.append(f)
        elif f.kind == "actual":
            known_to = max(known_to, f.period_end)
            if annual:
                count[0] += 1
                reported.add(int(f.fiscal_period[2:]))
                if f.point is not None:
                    years.setdefault(f.basis, {})[int(f.fiscal_period[2:])] = f
            else:
                count[1] += 1
                quarters.setdefault(f.basis, []).append(f)
    basis = basis if basis is not None else _pick_basis(counts)
    by_year = years.get(basis, {})
    latest = by_year[max(by_year)] if by_year else None
    prior = by_year.get(latest.fiscal_year - 1) if latest else None
    total, last4 = _ttm_of(quarters.get(basis, []))
    return CompanySummary(
        ticker,
        name,
        basis,
        latest,
        prior,
        growth(latest.point, prior.point) if latest and prior else None,
        total,
        last4[-1].fiscal_period if last4 else "",
        next_guidance(annual_guidance, reported, basis, known_to),
        last4[-1].period_end if last4 else None,
    )


def next_guidance(
    statements: Iterable[CapexFigure], reported: set[int], basis: str, known_to: date = date.min
) -> CapexFigure | None:
    """The guidance that is current: for the next fiscal year after the last one with an annual actual.

    A year that ended before the company's latest statement or reported quarter (`known_to`) is
    past, even without its annual actual. Only fiscal-year guidance (a quarter's guidance beside
    annual actuals would mislead); on `basis` when anything was said on it for that year, else on
    another basis (the list says which); of those, the latest said (a later one supersedes it).
    """
    last = max(reported) if reported else None
    open_years = [
        f
        for f in statements
        if f.fiscal_year not in reported and (last is None or f.fiscal_year > last) and f.period_end >= known_to
    ]
    if not open_years:
        return None
    year = min(f.fiscal_year for f in open_years)
    that_year = [f for f in open_years if f.fiscal_year == year]
    candidates = [f for f in that_year if f.basis == basis] or that_year
    return max(candidates, key=_said_key)


class CapexIndex:
    """The figures grouped by company once, so each screen action touches one company only."""

    def __init__(self, dataset: Dataset) -> None:
        self.companies: dict[str, Company] = dict(dataset.companies)
        self.by_ticker: dict[str, list[CapexFigure]] = {t: [] for t in self.companies}
        for f in dataset.capex:
            self.by_ticker.setdefault(f.ticker, []).append(f)
        for figures in self.by_ticker.values():
            figures.sort(key=lambda f: (f.period_end, f.line))
        self.financials_by_ticker: dict[str, list[FinancialFigure]] = {}  # the detail's Payback tab
        for g in dataset.financials:
            self.financials_by_ticker.setdefault(g.ticker, []).append(g)

    def figures(self, ticker: str) -> list[CapexFigure]:
        return self.by_ticker.get(ticker, [])

    def financials(self, ticker: str) -> list[FinancialFigure]:
        return self.financials_by_ticker.get(ticker, [])

    def name(self, ticker: str) -> str:
        company = self.companies.get(ticker)
        return company.name if company else ""

    def fy_end_month(self, ticker: str) -> int | None:
        company = self.companies.get(ticker)
        return company.fiscal_year_end if company else None

    def summaries(self) -> list[CompanySummary]:
        """Every company's line (companies with no figures too), in ticker order."""
        return [summarize(t, self.name(t), self.by_ticker[t]) for t in sorted(self.by_ticker)]


# --- sorting and filtering the list -----------------------------------------------------------

SORT_KEYS: dict[str, Callable[[CompanySummary], Any]] = {
    "ticker": lambda s: s.ticker.casefold(),
    "name": lambda s: s.name.casefold(),
    "fy": lambda s: s.latest.period_end if s.latest else None,
    "capex": lambda s: s.latest_bn,
    "yoy": lambda s: s.yoy,
    "ttm": lambda s: s.ttm_bn,
    "ttm_to": lambda s: s.ttm_end,
    "guidance": lambda s: s.guidance_bn,
    "for": lambda s: s.guidance.period_end if s.guidance else None,
    "said": lambda s: s.guidance_said,
}


def sort_summaries(rows: Iterable[CompanySummary], key: str, descending: bool = False) -> list[CompanySummary]:
    """Rows sorted by a SORT_KEYS column; missing values always last, ticker breaks ties."""
    get = SORT_KEYS[key]
    present: list[CompanySummary] = []
    missing: list[CompanySummary] = []
    for row in rows:
        (missing if get(row) is None else present).append(row)
    present.sort(key=lambda r: r.ticker)
    present.sort(key=get, reverse=descending)  # stable: ties stay in ticker order
    missing.sort(key=lambda r: r.ticker)
    return present + missing


def filter_summaries(rows: Iterable[CompanySummary], text: str) -> list[CompanySummary]:
    """Rows whose ticker or name contains `text` (case-insensitive); all rows for blank text."""
    needle = text.strip().casefold()
    if not needle:
        return list(rows)
    return [r for r in rows if needle in r.ticker.casefold() or needle in r.name.casefold()]


# --- comparing companies ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Aligned:
    """Several companies' actuals on shared calendar periods: `values[ticker][i]` is for `labels[i]`."""

    labels: list[str]
    values: dict[str, list[float | None]]

    def window(self, last: int) -> Aligned:
        """Only the latest `last` periods."""
        start = max(0, len(self.labels) - last)
        return Aligned(self.labels[start:], {t: v[start:] for t, v in self.values.items()})

    def common_start(self) -> int | None:
        """The first period where every company has a value (None if there is none)."""
        return next((i for i in range(len(self.labels)) if all(v[i] is not None for v in self.values.values())), None)

    def indexed(self) -> Aligned:
        """Each company as an index: 100 at the first period they all share (else at its own first value)."""
        start = self.common_start()
        return Aligned(self.labels, {t: index_series(v, start) for t, v in self.values.items()})

    def rows(self) -> list[dict[str, Any]]:
        """One row per period with a column per company, for the table and export."""
        return [{"period": label, **{t: v[i] for t, v in self.values.items()}} for i, label in enumerate(self.labels)]


def align(series_by_ticker: dict[str, list[PeriodPoint]], annual: bool) -> Aligned:
    """Actuals keyed by calendar quarter (or by the calendar year a fiscal year ends in)."""
    keyed: dict[str, dict[tuple[int, int], float]] = {}
    for ticker, points in series_by_ticker.items():
        keyed[ticker] = {}
        for p in points:
            if p.actual_bn is not None:
                key = (p.period_end.year, 0) if annual else calendar_quarter(p.period_end)
                keyed[ticker][key] = p.actual_bn  # points are in period order: a later one wins
    keys = sorted({k for values in keyed.values() for k in values})
    labels = [str(y) if annual else f"{y}Q{q}" for y, q in keys]
    return Aligned(labels, {t: [values.get(k) for k in keys] for t, values in keyed.items()})


def index_series(values: Sequence[float | None], base_at: int | None = None) -> list[float | None]:
    """Values as an index of the one at `base_at` (default: the first present) = 100.

    All None when that base is missing, zero or negative: an index of those means nothing.
    """
    base = values[base_at] if base_at is not None else next((v for v in values if v is not None), None)
    if base is None or base <= 0:
        return [None] * len(values)
    return [None if v is None else v / base * 100 for v in values]


# --- guidance ledger --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LedgerGroup:
    """Every guidance statement for one period and basis, in the order said, beside the actual."""

    period: str
    period_end: date
    basis: str
    statements: tuple[CapexFigure, ...]
    actual: CapexFigure | None

    def path(self) -> str:
        """`$60–65B → $64–72B → $66–72B → $70–72B · actual $72.22B`."""
        said = " → ".join(numbers.figure(f.value_bn, f.low_bn, f.high_bn) for f in self.statements)
        actual = numbers.bn(self.actual.point) if self.actual else tr("not reported yet")
        return tr("{said} · actual {actual}", said=said, actual=actual)


def ledger(figures: Iterable[CapexFigure]) -> list[LedgerGroup]:
    """Guidance per period and basis, latest period first; statements in said_on order."""
    said: dict[tuple[str, str], list[CapexFigure]] = {}
    actuals: dict[tuple[str, str], CapexFigure] = {}
    for f in figures:
        if f.kind == "guidance":
            said.setdefault((f.fiscal_period, f.basis), []).append(f)
        elif f.kind == "actual":
            actuals[(f.fiscal_period, f.basis)] = f
    groups = [
        LedgerGroup(
            period,
            max(s.period_end for s in statements),
            basis,
            tuple(sorted(statements, key=_said_key)),
            actuals.get((period, basis)),
        )
        for (period, basis), statements in said.items()
    ]
    groups.sort(key=lambda g: _basis_rank(g.basis))
    groups.sort(key=lambda g: (g.period_end, g.period), reverse=True)
    return groups


def versus_guidance(actual: float | None, guidance: CapexFigure) -> float | None:
    """How far the actual landed from a statement: vs its midpoint, or its floor/ceiling alone."""
    return growth(actual, guidance.point)


# --- rows for tables and export -----------------------------------------------------------------


def figure_row(f: CapexFigure) -> dict[str, Any]:
    """A capex figure as raw values (the period table's export)."""
    return {
        "ticker": f.ticker,
        "fiscal_period": f.fiscal_period,
        "period_end": f.period_end,
        "calendar": calendar_period(f.period_end, f.is_annual),
        "kind": f.kind,
        "basis": f.basis,
        "value_bn": f.value_bn,
        "low_bn": f.low_bn,
        "high_bn": f.high_bn,
        "said_on": f.said_on,
        "source": f.source,
        "quote": f.quote,
        "note": f.note,
    }


def ledger_rows(groups: Iterable[LedgerGroup]) -> list[dict[str, Any]]:
    """One row per guidance statement, with the eventual actual beside it."""
    rows = []
    for g in groups:
        actual = g.actual.point if g.actual else None
        for f in g.statements:
            rows.append(
                {
                    **figure_row(f),
                    "actual_bn": actual,
                    "actual_vs_guidance": versus_guidance(actual, f),
                }
            )
    return rows


# --- quotes about a company ---------------------------------------------------------------------


def company_terms(company: Company | None, ticker: str) -> list[str]:
    """What a company is called: ticker, name, and its `aliases`."""
    terms = [ticker]
    if company is not None:
        terms.append(company.name)
        aliases = company.extra.get("aliases", ())
        if isinstance(aliases, (list, tuple)):
            terms.extend(a for a in aliases if isinstance(a, str))
    return [t for t in dict.fromkeys(t.strip() for t in terms) if len(t) >= 2]


def _mention_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    # ASCII names match as whole words ("Meta" not in "metadata"); CJK names anywhere.
    parts = [(rf"(?<![\w]){re.escape(t)}(?![\w])" if t.isascii() else re.escape(t)) for t in terms]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def quotes_mentioning(dataset: Dataset, ticker: str) -> list[Quote]:
    """Quotes about a company (its `company`) or naming it in the text or gloss; newest first."""
    pattern = _mention_pattern(company_terms(dataset.companies.get(ticker), ticker))
    found = [
        q
        for q in dataset.quotes.values()
        if q.company == ticker or (pattern is not None and (pattern.search(q.text) or pattern.search(q.translation)))
    ]
    found.sort(key=lambda q: q.id)
    found.sort(key=lambda q: q.date or date.min, reverse=True)
    return found
