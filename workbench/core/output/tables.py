"""The tables `workbench capex | financials | deals | payback` print: raw values, the data files' column names.

The same rows feed the in-app exports, and `export.render` writes both, so a script and a
screen agree on every number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from workbench.core.data.layout import CAPEX_HEADER
from workbench.core.data.model import Dataset

CAPEX_COLUMNS = CAPEX_HEADER
FINANCIAL_COLUMNS = (
    "ticker",
    "fiscal_period",
    "period_end",
    "metric",
    "segment",
    "kind",
    "value_bn",
    "source",
    "said_on",
    "quote",
    "note",
)
DEAL_COLUMNS = (
    "investor",
    "counterparty",
    "kind",
    "amount_bn",
    "announced",
    "source",
    "provider",
    "years",
    "status",
    "quote",
    "note",
)


def with_extra_columns(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    """The contract's columns, then any other column a row has, in the order first met."""
    extra = dict.fromkeys(k for row in rows for k in row if k not in columns)
    return (*columns, *extra)


def _wanted(tickers: Sequence[str] | None) -> set[str] | None:
    return {t.upper() for t in tickers} if tickers else None


def capex_rows(dataset: Dataset, tickers: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Every capex figure (of these companies), by company then period end: basis and period end on each."""
    wanted = _wanted(tickers)
    figures = [f for f in dataset.capex if wanted is None or f.ticker.upper() in wanted]
    figures.sort(key=lambda f: (f.ticker, f.period_end, f.fiscal_period, f.basis, f.kind, f.said_on or f.period_end))
    return [{**{c: getattr(f, c) for c in CAPEX_COLUMNS}, **_extra(f, CAPEX_COLUMNS)} for f in figures]


def financial_rows(dataset: Dataset, tickers: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Every `financials.csv` figure (of these companies), by company, period end, metric and segment."""
    wanted = _wanted(tickers)
    figures = [f for f in dataset.financials if wanted is None or f.ticker.upper() in wanted]
    figures.sort(key=lambda f: (f.ticker, f.period_end, f.fiscal_period, f.metric, f.segment, f.kind))
    return [{**{c: getattr(f, c) for c in FINANCIAL_COLUMNS}, **_extra(f, FINANCIAL_COLUMNS)} for f in figures]


def _extra(figure: Any, known: Sequence[str]) -> dict[str, Any]:
    """The file's other columns (e.g. `confidence`), kept as written."""
    return {k: v for k, v in figure.extra.items() if k not in known}


def deal_rows(dataset: Dataset, parties: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Every deal (involving any of these names as investor, counterparty or provider), in file order."""
    wanted = {p.casefold() for p in parties} if parties else None
    return [
        {c: getattr(d, c) for c in DEAL_COLUMNS}
        for d in dataset.deals
        if wanted is None or {d.investor.casefold(), d.counterparty.casefold(), d.provider.casefold()} & wanted
    ]


def payback_rows(
    dataset: Dataset, tickers: Sequence[str] | None = None, *, ttm: bool = False, basis: str | None = None
) -> list[dict[str, Any]]:
    """Every company's payback metrics per fiscal year (or TTM quarter), as the Payback screen shows them."""
    from workbench.core.payback.metrics import books, company_metrics

    chosen = _known(dataset, tickers)
    return [m.row() for book in books(dataset, chosen).values() for m in company_metrics(book, ttm, basis)]


def year_rows(
    dataset: Dataset, tickers: Sequence[str] | None = None, *, basis: str | None = None
) -> list[dict[str, Any]]:
    """The chosen companies (default: the hyperscalers) summed by calendar year, as the By-year tab shows."""
    from workbench.core.payback.metrics import books
    from workbench.core.payback.yearly import default_tickers, year_sums

    all_books = books(dataset)
    chosen = _known(dataset, tickers) or default_tickers(all_books)
    return [s.row() for s in year_sums(all_books, chosen, basis)]


def _known(dataset: Dataset, tickers: Iterable[str] | None) -> list[str] | None:
    if not tickers:
        return None
    by_upper = {t.upper(): t for t in dataset.companies}
    return [by_upper[t.upper()] for t in tickers if t.upper() in by_upper]
