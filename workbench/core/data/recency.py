"""How recent the data is: so nobody mistakes a snapshot of filings for live data.

Two dates say it, per company and over the whole data set:

- the latest `period_end` of a reported (`actual`) capex or financial figure: what the data
  covers ("data to 2026-03-31"); guidance is left out, since its periods lie in the future;
- the latest date a figure was stated: a row's `said_on`, or else the `published` date of the
  source it cites ("stated 2026-05-01").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from workbench.core.data.model import CapexFigure, Dataset, FinancialFigure
from workbench.core.i18n import tr


@dataclass(frozen=True, slots=True)
class Recency:
    """The latest period end of an actual figure and the latest statement date (None: no figures)."""

    period_end: date | None = None
    statement: date | None = None

    def merged(self, other: Recency) -> Recency:
        return Recency(_later(self.period_end, other.period_end), _later(self.statement, other.statement))

    def label(self) -> str:
        """`data to 2026-03-31 · stated 2026-05-01` (either part left out when unknown), in the interface language."""
        parts = []
        if self.period_end is not None:
            parts.append(tr("data to {date}", date=self.period_end.isoformat()))
        if self.statement is not None:
            parts.append(tr("stated {date}", date=self.statement.isoformat()))
        return " · ".join(parts)


def _later(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def recency_by_company(ds: Dataset) -> dict[str, Recency]:
    """Each company's recency, for every company with at least one figure (ticker order of the data)."""
    found: dict[str, Recency] = {}
    figures: Iterable[CapexFigure | FinancialFigure] = [*ds.capex, *ds.financials]
    for figure in figures:
        source = ds.sources.get(figure.source)
        stated = figure.said_on or (source.published if source is not None else None)
        ended = figure.period_end if figure.kind == "actual" else None
        current = found.get(figure.ticker, Recency())
        found[figure.ticker] = current.merged(Recency(ended, stated))
    return found


def data_recency(ds: Dataset) -> Recency:
    """The whole data set's recency: the latest of every company's."""
    overall = Recency()
    for recency in recency_by_company(ds).values():
        overall = overall.merged(recency)
    return overall
