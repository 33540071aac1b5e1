"""Checks on `answers` links: a claim and its counter-claim point at each other.

quotes.toml's convention is that a pair points both ways, so the Quotes screen can step from
either side. A one-way link is usually a forgotten half; when the only direction runs from an
earlier statement to a later one, it is also backwards in time (a remark cannot answer what was
said after it). These are warnings: the quotes are kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from workbench.core.data.model import Quote, Source


@dataclass(frozen=True, slots=True)
class LinkFinding:
    """A remark on one quote's `answers` (reported at the quote's line)."""

    quote: str
    line: int
    message: str


def said_on(quote: Quote, sources: Mapping[str, Source]) -> date | None:
    """When the quote was said: its `date`, or else its document's publication date."""
    if quote.date is not None:
        return quote.date
    source = sources.get(quote.source)
    return source.published if source is not None else None


def answer_link_findings(quotes: Mapping[str, Quote], sources: Mapping[str, Source]) -> list[LinkFinding]:
    """Every one-way `answers` link (unknown ids are the loader's business), in file order."""
    findings = []
    for quote in quotes.values():
        for other_id in quote.answers:
            other = quotes.get(other_id)
            if other is None or quote.id in other.answers:
                continue
            mine, theirs = said_on(quote, sources), said_on(other, sources)
            if mine is not None and theirs is not None and mine < theirs:
                message = (
                    f"quote {quote.id!r} ({mine}) answers {other_id!r}, which was said later ({theirs}): "
                    f"the link runs backwards in time; add {quote.id!r} to the 'answers' of {other_id!r}"
                )
            else:
                message = (
                    f"quote {quote.id!r} answers {other_id!r}, which does not answer it back "
                    f"(claim/counter-claim pairs point both ways)"
                )
            findings.append(LinkFinding(quote.id, quote.line, message))
    return findings
