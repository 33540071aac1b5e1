"""Checks that a source agrees with what cites it and with itself (remarks, not errors).

- A page cannot be older than what it reports: an actual figure whose period ends after the
  source's `published` date, a statement `said_on` after it, or a deal `announced` after it means
  the source's date (often a month or year read as its first day) is too early.
- A title that starts with a site's name (`example.com: …`) names the site of its `url`.

Each finding names the file and line of the record to look at; the records are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from workbench.core.data.layout import CAPEX, DEALS, FINANCIALS, SOURCES
from workbench.core.data.model import Dataset
from workbench.core.i18n import tr

_SITE_PREFIX = re.compile(r"^([a-z0-9-]+(?:\.[a-z0-9-]+)+):", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SourceFinding:
    """A remark on a record (`file` is one of the layout's names, `line` its line there)."""

    file: str
    line: int
    message: str


def source_findings(ds: Dataset) -> list[SourceFinding]:
    """Every remark, by file and line."""
    found = [*_dated_too_early(ds), *_title_sites(ds)]
    found.sort(key=lambda f: (f.file, f.line))
    return found


def _dated_too_early(ds: Dataset) -> list[SourceFinding]:
    found = []
    for name, figures in ((CAPEX, ds.capex), (FINANCIALS, ds.financials)):
        for figure in figures:
            source = ds.sources.get(figure.source)
            if source is None:
                continue
            what = f"{figure.ticker} {figure.fiscal_period}"
            if figure.kind == "actual" and figure.period_end > source.published:
                found.append(
                    SourceFinding(
                        name,
                        figure.line,
                        tr(
                            "{what}: source {source!r} is dated {published}, before the period it reports ends ({end})",
                            what=what,
                            source=source.id,
                            published=source.published,
                            end=figure.period_end,
                        ),
                    )
                )
            elif figure.said_on is not None and figure.said_on > source.published:
                found.append(
                    SourceFinding(
                        name,
                        figure.line,
                        tr(
                            "{what}: source {source!r} is dated {published}, before the statement it reports ({said})",
                            what=what,
                            source=source.id,
                            published=source.published,
                            said=figure.said_on,
                        ),
                    )
                )
    for deal in ds.deals:
        source = ds.sources.get(deal.source)
        if source is not None and deal.announced > source.published:
            found.append(
                SourceFinding(
                    DEALS,
                    deal.line,
                    tr(
                        "deal {investor} → {counterparty}: source {source!r} is dated {published}, "
                        "before the deal it reports ({announced})",
                        investor=deal.investor,
                        counterparty=deal.counterparty,
                        source=source.id,
                        published=source.published,
                        announced=deal.announced,
                    ),
                )
            )
    return found


def _title_sites(ds: Dataset) -> list[SourceFinding]:
    found = []
    for source in ds.sources.values():
        match = _SITE_PREFIX.match(source.title)
        if not match or not source.url:
            continue
        named = match.group(1).lower().removeprefix("www.")
        host = (urlsplit(source.url).hostname or "").lower().removeprefix("www.")
        if host != named and not host.endswith("." + named):
            found.append(
                SourceFinding(
                    SOURCES,
                    source.line,
                    tr(
                        "source {source!r}: the title names {named}, but the url is on {host}",
                        source=source.id,
                        named=named,
                        host=host or "?",
                    ),
                )
            )
    return found
