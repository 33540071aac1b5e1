"""Search in our English glosses of quotes (`translation` in quotes.toml), with the documents' rules.

A gloss is not in any document, so its hits are kept apart from document hits: each `Hit` names the
quote (`source` is the quote id) and its line and column count within the gloss itself.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple, Protocol

from workbench.core.data.layout import QUOTES, data_file
from workbench.core.data.problems import Problem, ProblemLog
from workbench.core.data.toml_source import load_toml, read_bytes
from workbench.core.files.cache import ParsedCache, data_cache_dir
from workbench.core.i18n import language
from workbench.core.search.scan import Hit, finder, fold, hits_in, limited, normalise_term


class Glossed(Protocol):
    """A quote with a gloss: a `Quote`, or a `Gloss` as read for the command line."""

    @property
    def id(self) -> str: ...

    @property
    def translation(self) -> str: ...


class Gloss(NamedTuple):
    """A quote's gloss and its source, as the command line's search needs them (no more: 14,000
    full quotes took 30 ms to make)."""

    id: str
    source: str
    translation: str


def load_glosses(root: Path) -> tuple[dict[str, Gloss], list[Problem]]:
    """The quotes that have a translation, read from quotes.toml without checking them against
    their documents (what the command line's search needs; `workbench check` does the checking).

    The glosses of a large quotes.toml are kept in a cache of their own (`glosses-…`, keyed and
    signed like the parsed-TOML cache): reading back all 20,000 parsed quotes to find them took
    0.27 s of a 0.42 s search."""
    path = data_file(root, QUOTES)
    problems: list[Problem] = []
    # Keyed by the file's bytes: decoding 6 MB only to encode it again for the key took 20 ms.
    raw = read_bytes(path, ProblemLog(path, problems), within=root)
    if raw is None:
        return {}, problems
    # The problems kept with the glosses are worded in the interface language: one cache per language.
    kind = "glosses" if language() == "en" else f"glosses.{language().replace('-', '_')}"
    cache = ParsedCache(data_cache_dir(root, kind))
    hit = cache.get(path, raw)
    if hit is not None:
        rows, found = hit[0].get("gloss", []), hit[1] or []
        problems = [Problem(str(p), int(line), str(message), str(severity)) for p, line, message, severity in found]
        return {q: Gloss(q, source, gloss) for q, source, gloss in rows}, problems
    glosses, problems = _read_glosses(root)
    rows = [[q.id, q.source, q.translation] for q in glosses.values()]
    cache.put(path, raw, {"gloss": rows}, [[p.path, p.line, p.message, p.severity] for p in problems])
    return glosses, problems


def _read_glosses(root: Path) -> tuple[dict[str, Gloss], list[Problem]]:
    problems: list[Problem] = []
    path = data_file(root, QUOTES)
    # Recovered table by table, as the loader reads it: damage loses only the quotes it touches.
    data, _ = load_toml(path, ProblemLog(path, problems), ParsedCache.for_data(root), recover=True, within=root)
    glosses: dict[str, Gloss] = {}
    tables = data.get("quote") if isinstance(data, dict) else None
    for table in tables if isinstance(tables, list) else []:
        if not isinstance(table, dict):
            continue
        quote_id, source, translation = (table.get(k) for k in ("id", "source", "translation"))
        if isinstance(quote_id, str) and isinstance(source, str) and isinstance(translation, str) and translation:
            glosses.setdefault(quote_id, Gloss(quote_id, source, translation))
    return glosses, problems


def search_translations(quotes: Iterable[Glossed], term: str, limit: int | None = None) -> list[Hit]:
    """Every occurrence of `term` in the quotes' translations, in file order (at most `limit`)."""
    term = normalise_term(term)
    if not term or (limit is not None and limit <= 0):
        return []
    folded_term = fold(term)
    find = finder(folded_term)
    glossed = [(quote.id, normalise_term(quote.translation)) for quote in quotes if quote.translation]
    hits: list[Hit] = []
    for quote_id, text in _candidates(glossed, find):
        remaining = None if limit is None else limit - len(hits)
        hits.extend(hits_in(quote_id, text, limited(find(text), remaining), len(folded_term)))
        if limit is not None and len(hits) >= limit:
            break
    return hits


def _candidates(glossed: list[tuple[str, str]], find: Callable[[str], Iterator[int]]) -> list[tuple[str, str]]:
    """The glosses that hold the term, in order, found with one search of them all joined (each
    of the large set's 14,000 searched on its own took 30–40 ms). Folding goes character by
    character, so every match within a gloss is a match in the joined text; one that runs
    across a join only adds a gloss that the search of it alone then finds nothing in."""
    starts = list(itertools.accumulate((len(text) + 1 for _, text in glossed), initial=0))
    chosen: list[tuple[str, str]] = []
    last = -1
    for offset in find("\n".join(text for _, text in glossed)):  # ascending
        index = bisect.bisect_right(starts, offset) - 1
        if index != last:
            chosen.append(glossed[index])
            last = index
    return chosen


def translation_json(hits: Iterable[Hit], quotes: dict[str, Gloss]) -> list[dict[str, object]]:
    """`workbench search --json` objects for gloss hits: the quote, its document, and where in the gloss."""
    return [
        {
            "source": quotes[hit.source].source if hit.source in quotes else "",
            "quote": hit.source,
            "field": "translation",
            "line": hit.line,
            "column": hit.column,
            "snippet": hit.snippet,
        }
        for hit in hits
    ]
