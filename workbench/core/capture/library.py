"""The user's library, written: add a document, pin, edit or delete a quote, link a quote to a figure.

Each function takes the data directory, writes through `toml_tables` / `atomic_write`, and raises
`CaptureError` with a message fit to show the user when it cannot (nothing is written then).
A quote is verbatim by construction: it is cut from the document's text by offsets, and checked
against the file again before it is saved.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from workbench.core.capture.documents import Extracted
from workbench.core.capture.toml_tables import TableError, append_table, ids_in, remove_table, replace_table
from workbench.core.data.layout import QUOTES, SOURCES, data_file, documents_dir
from workbench.core.data.model import Quote
from workbench.core.files.atomic import atomic_write
from workbench.core.i18n import tr
from workbench.core.search.scan import normalise_text

LANGUAGES = ("en", "zh-Hans", "zh-Hant")
STANCES = ("", "bull", "bear", "neutral")


class CaptureError(Exception):
    """What could not be written, and why (shown to the user as it is)."""


def slug(text: str, fallback: str = "doc", limit: int = 48) -> str:
    """A readable id from a title: ASCII letters, digits and dashes (Chinese titles fall back)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_text.lower())
    if sum(map(len, words)) * 2 < len("".join(text.split())):  # mostly Chinese: a few Latin letters say little
        return fallback
    value = "-".join(words)[:limit].strip("-")
    return value or fallback


def unique_id(wanted: str, taken: Sequence[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`, … when it is taken."""
    taken_set = set(taken)
    if wanted not in taken_set:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken_set:
        n += 1
    return f"{wanted}-{n}"


# --------------------------------------------------------------------------- documents


@dataclass
class NewSource:
    """The `sources.toml` entry of a new document, as the user confirmed it."""

    id: str
    title: str
    published: date
    language: str
    publisher: str = ""
    url: str = ""  # where it was collected from (`original_url`)
    kind: str = ""


def source_ids(root: Path) -> list[str]:
    try:
        return ids_in(data_file(root, SOURCES), "source")
    except TableError as error:
        raise CaptureError(str(error)) from None


def add_source(root: Path, document: Extracted, entry: NewSource) -> Path:
    """Store the document's text under `sources/` and its entry in `sources.toml`; the text's path.

    The text is written first: a document file without an entry is harmless, an entry without its
    file would be a broken source.
    """
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", entry.id):
        raise CaptureError(tr("id {id!r}: use letters, digits, '-', '_' or '.' (at most 64)", id=entry.id))
    if entry.id in source_ids(root):
        raise CaptureError(tr("a source with id {id!r} already exists", id=entry.id))
    if entry.language not in LANGUAGES:
        raise CaptureError(
            tr("language {language!r}: one of {choices}", language=entry.language, choices=", ".join(LANGUAGES))
        )
    if not entry.title.strip():
        raise CaptureError(tr("a title is needed"))
    folder = documents_dir(root)
    target = folder / f"{entry.id}.txt"
    if target.exists():
        raise CaptureError(tr("{path} already exists", path=target))
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(target, document.text)
    values: dict[str, Any] = {
        "id": entry.id,
        "title": entry.title.strip(),
        "published": entry.published,
        "language": entry.language,
        "file": target.name,
        "publisher": entry.publisher.strip(),
        "kind": entry.kind.strip(),
        "original_url": entry.url.strip(),
    }
    try:
        append_table(data_file(root, SOURCES), "source", values)
    except TableError as error:
        target.unlink(missing_ok=True)
        raise CaptureError(str(error)) from None
    return target


# --------------------------------------------------------------------------- quotes


@dataclass
class QuoteDraft:
    """A quote as the form edits it; `text` is cut from the document, never typed."""

    id: str
    source: str
    text: str
    speaker: str = ""
    company: str = ""
    date: date | None = None
    topics: list[str] = field(default_factory=list)
    stance: str = ""
    translation: str = ""
    answers: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, quote: Quote, text: str | None = None) -> QuoteDraft:
        """A draft of an existing quote, to edit (with `text`: re-anchored to another passage)."""
        return cls(
            quote.id,
            quote.source,
            quote.text if text is None else text,
            quote.speaker,
            quote.company,
            quote.date,
            list(quote.topics),
            quote.stance,
            quote.translation,
            list(quote.answers),
        )

    def values(self) -> dict[str, Any]:
        """The `[[quote]]` keys in the order quotes.toml writes them."""
        return {
            "id": self.id,
            "source": self.source,
            "text": self.text,
            "company": self.company,
            "speaker": self.speaker,
            "date": self.date,
            "topics": list(self.topics),
            "stance": self.stance,
            "translation": self.translation,
            "answers": list(self.answers),
        }


def passage(text: str, start: int, end: int) -> str:
    """The quote text for a selection: the passage with surrounding blanks trimmed."""
    chosen = text[start:end]
    return chosen.strip()


def _check_quote(root: Path, draft: QuoteDraft, document_path: Path) -> None:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}", draft.id):
        raise CaptureError(tr("id {id!r}: use letters, digits, '-', '_' or '.'", id=draft.id))
    if not draft.text.strip():
        raise CaptureError(tr("the quote is empty: select a passage first"))
    if draft.stance not in STANCES:
        raise CaptureError(tr("stance {stance!r}: bull, bear or neutral", stance=draft.stance))
    try:
        text = normalise_text(document_path.read_bytes())
    except OSError as error:
        raise CaptureError(f"{document_path}: " + tr("cannot read ({error})", error=error.strerror)) from None
    if draft.text not in text:
        raise CaptureError(tr("the quote is not in the document as it is on disk now (was it edited?)"))


def save_quote(root: Path, draft: QuoteDraft, document_path: Path, replacing: str | None = None) -> None:
    """Add the quote to quotes.toml, or replace the quote with id `replacing` (keeping its comments)."""
    _check_quote(root, draft, document_path)
    path = data_file(root, QUOTES)
    try:
        if replacing is None:
            append_table(path, "quote", draft.values())
        else:
            replace_table(path, "quote", replacing, draft.values())
    except TableError as error:
        raise CaptureError(str(error)) from None


def delete_quote(root: Path, quote_id: str) -> None:
    try:
        remove_table(data_file(root, QUOTES), "quote", quote_id)
    except TableError as error:
        raise CaptureError(str(error)) from None


# --------------------------------------------------------------------------- links from figures


def link_figure(path: Path, line: int, quote_id: str, source_id: str = "") -> None:
    """Set the `quote` cell (and `source`, the quote's document) of the CSV row at `line` (1-based).

    A figure that names a quote comes from that quote's document, so linking also sets `source`;
    `quote_id` "" removes the link and leaves `source` alone. Every other line stays as it is, and
    the file must still have that row at that line (it is re-read).
    """
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CaptureError(f"{path}: " + tr("cannot read ({error})", error=error)) from None
    lines = raw.splitlines(keepends=True)
    if not lines or line < 2 or line > len(lines):
        raise CaptureError(f"{path}:{line}: " + tr("no such row (the file changed?)"))
    header = next(csv.reader([lines[0]]))
    if "quote" not in header:
        raise CaptureError(f"{path}: " + tr("has no 'quote' column"))
    row_text = lines[line - 1]
    cells = next(csv.reader([row_text]), None)
    if cells is None or len(cells) > len(header):
        raise CaptureError(f"{path}:{line}: " + tr("this row cannot be edited here (a cell spans lines?)"))
    width = len(cells)  # a row may leave out its empty trailing cells; keep it as short as it can be
    column = header.index("quote")
    cells += [""] * (len(header) - len(cells))
    cells[column] = quote_id
    if quote_id and source_id and "source" in header:
        cells[header.index("source")] = source_id
    cells = cells[: max(width, column + 1 if quote_id else 0)]
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    ending = row_text[len(row_text.rstrip("\r\n")) :]
    lines[line - 1] = out.getvalue() + ending
    atomic_write(path, "".join(lines))
