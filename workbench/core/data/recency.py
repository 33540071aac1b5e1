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
from itertools import chain

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
    found: dict[str, list[date | None]] = {}  # ticker -> [latest actual period end, latest statement]
    published = {sid: source.published for sid, source in ds.sources.items()}
    figures: Iterable[CapexFigure | FinancialFigure] = chain(ds.capex, ds.financials)
    for figure in figures:
        stated = figure.said_on or published.get(figure.source)
        ended = figure.period_end if figure.kind == "actual" else None
        latest = found.get(figure.ticker)
        if latest is None:
            found[figure.ticker] = [ended, stated]
            continue
        if ended is not None and (latest[0] is None or ended > latest[0]):
            latest[0] = ended
        if stated is not None and (latest[1] is None or stated > latest[1]):
            latest[1] = stated
    return {ticker: Recency(ended, stated) for ticker, (ended, stated) in found.items()}


def data_recency(ds: Dataset) -> Recency:
    """The whole data set's recency: the latest of every company's, in one pass (it is worked out
    as every load arrives: 240,000 figures took 0.4 s through per-company Recency objects)."""
    published = {sid: source.published for sid, source in ds.sources.items()}
    ended: date | None = None
    stated: date | None = None
    figures: Iterable[CapexFigure | FinancialFigure] = chain(ds.capex, ds.financials)
    for figure in figures:
        if figure.kind == "actual" and (ended is None or figure.period_end > ended):
            ended = figure.period_end
        said = figure.said_on or published.get(figure.source)
        if said is not None and (stated is None or said > stated):
            stated = said
    return Recency(ended, stated)
