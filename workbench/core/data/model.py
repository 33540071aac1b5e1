"""The validated, in-memory data model: plain dataclasses, no behaviour beyond lookups."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from workbench.core.data.problems import Problem
from workbench.core.i18n import tr

# The `extra` of a record with no columns or keys beyond the contract's: one shared, read-only
# mapping instead of an empty dict per record (240,000 of them, 15 MB, in a large directory).
NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Company:
    """A `[[company]]` table."""

    ticker: str
    name: str
    fiscal_year_end: int
    line: int = 1
    extra: Mapping[str, Any] = field(default_factory=lambda: NO_EXTRA, compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    """A document in `data/sources/` (`path` set) or an external reference (`url` set)."""

    id: str
    title: str
    published: date
    language: str
    path: Path | None = None
    file: str | None = None
    url: str | None = None
    publisher: str = ""
    kind: str = ""
    line: int = 1
    extra: Mapping[str, Any] = field(default_factory=lambda: NO_EXTRA, compare=False)

    @property
    def is_local(self) -> bool:
        return self.path is not None


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim passage of a source; `offset`/`doc_line`/`doc_column` locate it (verified)."""

    id: str
    source: str
    text: str
    speaker: str = ""
    company: str = ""
    date: date | None = None
    topics: tuple[str, ...] = ()
    stance: str = ""
    translation: str = ""
    answers: tuple[str, ...] = ()
    offset: int | None = None
    doc_line: int | None = None
    doc_column: int | None = None
    line: int = 1
    extra: Mapping[str, Any] = field(default_factory=lambda: NO_EXTRA, compare=False)


class FiscalPeriodLabel:
    """What a figure's `fiscal_period` label says: `FY2025` is a year, `FY2025Q2` its second quarter."""

    __slots__ = ()
    fiscal_period: str

    @property
    def is_annual(self) -> bool:
        return "Q" not in self.fiscal_period

    @property
    def fiscal_year(self) -> int:
        return int(self.fiscal_period[2:6])

    @property
    def fiscal_quarter(self) -> int | None:
        return int(self.fiscal_period[7]) if not self.is_annual else None


@dataclass(frozen=True, slots=True)
class CapexFigure(FiscalPeriodLabel):
    """One row of `capex.csv`: a company-period figure, a point or a (half-open) range."""

    ticker: str
    fiscal_period: str
    period_end: date
    kind: str
    value_bn: float | None
    low_bn: float | None
    high_bn: float | None
    basis: str
    source: str
    said_on: date | None = None
    quote: str = ""
    note: str = ""
    line: int = 1
    extra: Mapping[str, str] = field(default_factory=lambda: NO_EXTRA, compare=False)

    @property
    def point(self) -> float | None:
        """A single number for charts and sums: the value, a range's midpoint, or its floor."""
        if self.value_bn is not None:
            return self.value_bn
        if self.low_bn is not None and self.high_bn is not None:
            return (self.low_bn + self.high_bn) / 2
        return self.low_bn if self.low_bn is not None else self.high_bn


@dataclass(frozen=True, slots=True)
class FinancialFigure(FiscalPeriodLabel):
    """One row of `financials.csv`: a company-period figure of one metric (docs/data-contract.md).

    `rpo` is a balance at `period_end`; every other metric is a flow over the fiscal period.
    `segment` says which segment a `cloud_*` figure covers (`AWS`, `Intelligent Cloud`, …).
    """

    ticker: str
    fiscal_period: str
    period_end: date
    metric: str
    kind: str
    value_bn: float
    source: str
    segment: str = ""
    said_on: date | None = None
    quote: str = ""
    note: str = ""
    line: int = 1
    extra: Mapping[str, str] = field(default_factory=lambda: NO_EXTRA, compare=False)


@dataclass(frozen=True, slots=True)
class Deal:
    """One row of `deals.csv`: money or a commitment between an investor and a counterparty."""

    investor: str
    counterparty: str
    kind: str
    amount_bn: float | None
    announced: date
    source: str
    provider: str = ""
    years: float | None = None
    status: str = ""
    quote: str = ""
    note: str = ""
    line: int = 1
    extra: Mapping[str, str] = field(default_factory=lambda: NO_EXTRA, compare=False)


@dataclass(repr=False)
class Dataset:
    """Everything valid in one data directory, plus every problem found."""

    root: Path
    companies: dict[str, Company] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    quotes: dict[str, Quote] = field(default_factory=dict)
    # Quotes whose text is no longer verbatim in their document: an error, so not in `quotes`
    # (nothing cites or pairs them), but listed on the Quotes screen to be re-anchored.
    broken_quotes: dict[str, Quote] = field(default_factory=dict)
    capex: list[CapexFigure] = field(default_factory=list)
    financials: list[FinancialFigure] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)
    scenarios: dict[str, Any] = field(default_factory=dict)  # id -> scenarios.Scenario
    problems: list[Problem] = field(default_factory=list)
    # What each loading step read and made, for a reload to take over what did not change
    # (name -> reuse.Step; the loader's business, not the data's).
    steps: dict[str, Any] = field(default_factory=dict, compare=False)

    def __repr__(self) -> str:
        """A summary: Textual describes every worker by the repr of its arguments, on the UI thread,
        and the repr of 150,000 figures took most of a second."""
        counts = ", ".join(
            f"{len(getattr(self, name))} {name}"
            for name in ("companies", "sources", "quotes", "capex", "financials", "deals", "scenarios", "problems")
        )
        return f"Dataset({str(self.root)!r}: {counts})"

    def documents(self) -> dict[str, Path]:
        """Local documents by source id, in file order (what search runs over)."""
        return {sid: s.path for sid, s in self.sources.items() if s.path is not None}

    def document_text(self, source_id: str) -> str:
        """The source document's text with CRLF normalised (blocking: call from a worker)."""
        path = self.sources[source_id].path
        if path is None:
            raise KeyError(tr("{id} is an external source", id=source_id))
        from workbench.core.data.toml_source import read_regular  # never blocks on a FIFO

        return normalise_newlines(read_regular(path).decode("utf-8", errors="replace"))

    def figures_for(self, ticker: str) -> list[CapexFigure]:
        return [f for f in self.capex if f.ticker == ticker]

    def quotes_for_company(self, ticker: str) -> list[Quote]:
        return [q for q in self.quotes.values() if q.company == ticker]


def normalise_newlines(text: str) -> str:
    """CRLF to LF: the only normalisation quote matching allows."""
    return text.replace("\r\n", "\n")
