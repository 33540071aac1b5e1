"""The Capex list of a data directory as it was last read, to show while the files are read.

Reading a large `capex.csv` (150,000 figures) takes seconds before the first company can be
listed (and even the bundled data is listed 0.15 s after the first frame without it). What the
list shows — one summary per company — is a few thousand figures at most, so it is
kept after each first read, keyed by a digest of the *content* of every file the summaries come from
(companies.toml, sources.toml, capex.csv) and of the language: at the next start, if those files
hold exactly the same bytes, the list is shown at once, as the preview the loader would
build from them (`loader.load_preview`); the preview and then the whole dataset replace it as
they arrive, as without the cache. Any other content is a miss.

Like the parsed-TOML cache, an entry is plain JSON signed with this user's cache key
(`files.cache`): one planted or doctored is a miss, and nothing in it can run code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

from workbench.core.capex.summaries import CompanySummary
from workbench.core.data.layout import CAPEX, COMPANIES, SOURCES, data_file
from workbench.core.data.model import NO_EXTRA, CapexFigure
from workbench.core.data.toml_source import read_regular
from workbench.core.files.cache import cache_key, data_cache_dir, mark_used, read_signed, write_signed
from workbench.core.i18n import language

_FORMAT = "capex-list-1"
_ENTRY = "capex-list.json"
_FIGURE_FIELDS = [f.name for f in fields(CapexFigure) if f.name != "extra"]
_DATES = {"period_end", "said_on"}


def content_digest(root: Path | str) -> str | None:
    """A digest of what the Capex list is made from; None if a file cannot be read (no caching)."""
    digest = hashlib.blake2b(_FORMAT.encode(), digest_size=20)
    digest.update(language().encode())
    for name in (COMPANIES, SOURCES, CAPEX):
        try:
            content = read_regular(data_file(Path(root), name))
        except (OSError, ValueError):
            return None
        digest.update(len(content).to_bytes(8, "little"))
        digest.update(content)
    return digest.hexdigest()


def _entry(root: Path | str) -> Path:
    return data_cache_dir(root, "list") / _ENTRY


def cached_rows(root: Path | str, digest: str | None) -> list[CompanySummary] | None:
    """The summaries stored for exactly the content with `digest`, or None."""
    key = cache_key()
    if digest is None or key is None:
        return None
    entry = _entry(root)
    body = read_signed(entry, key, {"format": _FORMAT, "digest": digest})
    if body is None:
        return None
    try:
        rows = [_summary(row) for row in json.loads(body)]
    except Exception:  # an entry of another shape (signed by us, so our own older format): a miss
        return None
    mark_used(entry)  # pruning removes entries unread for a month
    mark_used(entry.parent)
    return rows


def store_rows(root: Path | str, digest: str | None, rows: list[CompanySummary]) -> None:
    """Keep `rows` for the content with `digest`; failures (read-only cache, full disk) are ignored."""
    key = cache_key()
    if digest is None or key is None:
        return
    try:
        body = json.dumps([_plain(row) for row in rows], ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8", "surrogatepass"
        )
    except (TypeError, ValueError):
        return
    write_signed(_entry(root), key, {"format": _FORMAT, "digest": digest}, body)


def _plain(row: CompanySummary) -> list[Any]:
    return [
        row.ticker,
        row.name,
        row.basis,
        *(_figure_plain(figure) for figure in (row.latest, row.prior, row.guidance)),
        row.yoy,
        row.ttm_bn,
        row.ttm_through,
        row.ttm_end.isoformat() if row.ttm_end else None,
    ]


def _summary(plain: list[Any]) -> CompanySummary:
    ticker, name, basis, latest, prior, guidance, yoy, ttm_bn, ttm_through, ttm_end = plain
    return CompanySummary(
        str(ticker),
        str(name),
        str(basis),
        _figure(latest),
        _figure(prior),
        _number(yoy),
        _number(ttm_bn),
        str(ttm_through),
        _figure(guidance),
        date.fromisoformat(ttm_end) if ttm_end else None,
    )


def _figure_plain(figure: CapexFigure | None) -> list[Any] | None:
    if figure is None:
        return None
    values = [getattr(figure, name) for name in _FIGURE_FIELDS]
    return [value.isoformat() if isinstance(value, date) else value for value in values] + [dict(figure.extra)]


def _figure(plain: list[Any] | None) -> CapexFigure | None:
    if plain is None:
        return None
    *plain, extra = plain
    values = dict(zip(_FIGURE_FIELDS, plain, strict=True))
    for name in _DATES:
        if values[name] is not None:
            values[name] = date.fromisoformat(values[name])
    return CapexFigure(**values, extra={str(k): str(v) for k, v in extra.items()} or NO_EXTRA)


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("not a number")
    return float(value)
