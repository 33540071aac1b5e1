"""Literal, case-insensitive full-text search over the local documents.

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
  its own, and kept as it is when its lowercase is longer than one character ('İ').
  Folding therefore never moves a position. Every occurrence counts, overlapping ones
  included ("aa" occurs twice in "aaa"); an empty term matches nothing.

`scan_documents` is the reference: it reads and scans every file. `SearchIndex` gives
the same answers from an SQLite cache kept outside the data directory. Documents are
stored as chunks of whole lines; two FTS5 trigram indexes find the chunks that can hold
a term, and only those chunks are scanned for exact positions, so the cost of a search
follows the number of hits rather than the size of the library.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "Hit",
    "SearchIndex",
    "default_cache_dir",
    "fold",
    "hits_to_json",
    "read_document",
    "scan_documents",
    "scan_text",
    "search_documents",
]

SNIPPET_CONTEXT = 30  # characters kept on each side of a hit in its snippet
CACHE_DIR_ENV = "WORKBENCH_CACHE_DIR"
_APP_CACHE_NAME = "ai-capex-workbench"
_DB_NAME = "search.sqlite3"
# Bump when the schema, the text rules or the index encoding change: a cache written
# under other rules is rebuilt rather than trusted.
_SCHEMA_VERSION = 1
# Chunks hold whole lines and at least this many characters (except a document's last):
# small enough that a hit costs little to verify, large enough to keep the index compact.
_CHUNK_CHARS = 2000
# A search waits this long for a running sync before answering from the files instead,
# so a first-time build never freezes a search.
_SYNC_WAIT_S = 0.25
_ID_BATCH = 200  # chunk bodies fetched per query
_MAX_TRIGRAMS = 12  # trigrams of a long term that candidate chunks must all hold


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
    """Lowercase each character on its own, keeping every position where it was."""
    if text.isascii() or ("\u0130" not in text and "\u03a3" not in text):
        return text.lower()
    parts = _SPECIAL_FOLD.split(text)
    # re.split with one group alternates plain text (even) and a special char (odd).
    return "".join(_SPECIAL_MAP[p] if i % 2 else p.lower() for i, p in enumerate(parts))


@cache
def _fold_targets() -> frozenset[str]:
    """Characters that some other character folds into ('k' for 'K' and 'K')."""
    found = set()
    for cp in range(0x110000):
        low = chr(cp).lower()
        if len(low) == 1 and low != chr(cp):
            found.add(low)
    return frozenset(found)


def _identity(text: str) -> str:
    return text


def _preparer(folded_term: str) -> Callable[[str], str]:
    """How to prepare text for finding `folded_term`: fold it, or use it as it is.

    A term made only of characters no other character folds into (Chinese, digits,
    punctuation) matches the raw text at exactly the same places, and folding a large
    CJK text is the main cost of verifying a candidate.
    """
    if folded_term.isascii():
        caseless = not any(c.isalpha() for c in folded_term)
    else:
        targets = _fold_targets()
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
    return normalise_text(Path(path).read_bytes())


def _find_all(folded_text: str, folded_term: str) -> Iterator[int]:
    """Offsets of every occurrence, overlapping ones included."""
    find = folded_text.find
    pos = find(folded_term)
    while pos >= 0:
        yield pos
        pos = find(folded_term, pos + 1)


def scan_text(text: str, term: str) -> list[tuple[int, int]]:
    """Every case-insensitive occurrence of `term` in `text`, as (offset, length)."""
    if not term:
        return []
    folded_term = fold(term)
    n = len(term)
    return [(pos, n) for pos in _find_all(_preparer(folded_term)(text), folded_term)]


def _hits_in(
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
        hits.append(
            Hit(source, line, off - line_start + 1, base_offset + off, length,
                f"{head}{body}{tail}")
        )
    return hits


def _limited(offsets: Iterator[int], limit: int | None) -> Iterable[int]:
    return offsets if limit is None else (o for _, o in zip(range(limit), offsets))


def _scan_one(source: str, text: str, folded_term: str, limit: int | None) -> list[Hit]:
    offsets = _limited(_find_all(_preparer(folded_term)(text), folded_term), limit)
    return _hits_in(source, text, offsets, len(folded_term))


def scan_documents(
    documents: Mapping[str, Path], term: str, limit: int | None = None
) -> list[Hit]:
    """The reference search: read and scan every document, in the mapping's order.

    A document that cannot be read has no hits (the data checker reports it, not search).
    With `limit`, the first `limit` hits of the full answer.
    """
    term = normalise_term(term)
    if not term or (limit is not None and limit <= 0):
        return []
    folded_term = fold(term)
    hits: list[Hit] = []
    for source, path in documents.items():
        try:
            text = read_document(path)
        except OSError:
            continue
        remaining = None if limit is None else limit - len(hits)
        hits.extend(_scan_one(source, text, folded_term, remaining))
        if limit is not None and len(hits) >= limit:
            break
    return hits


def hits_to_json(hits: Iterable[Hit]) -> list[dict[str, object]]:
    """The `workbench search --json` objects: one per occurrence."""
    return [
        {"source": h.source, "line": h.line, "column": h.column, "snippet": h.snippet}
        for h in hits
    ]


# --------------------------------------------------------------------------- the index


def default_cache_dir(data_dir: Path | str) -> Path:
    """Where the index for `data_dir` lives: one directory per absolute data dir.

    Base: $WORKBENCH_CACHE_DIR, else $XDG_CACHE_HOME/ai-capex-workbench, else
    ~/.cache/ai-capex-workbench. Never inside data/, which users keep in git.
    """
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        base = Path(override).expanduser()
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        # The XDG spec says a relative XDG_CACHE_HOME is to be ignored.
        root = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
        base = root / _APP_CACHE_NAME
    resolved = str(Path(data_dir).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return base / f"search-{digest}"


def _chunks(text: str) -> Iterator[tuple[int, int, str]]:
    """(offset, first line, text) of runs of whole lines, ~_CHUNK_CHARS long."""
    start, line, n = 0, 1, len(text)
    while start < n:
        end = text.find("\n", start + _CHUNK_CHARS - 1)
        end = n if end < 0 else end + 1
        body = text[start:end]
        yield start, line, body
        line += body.count("\n")
        start = end


def _indexable(folded: str) -> str:
    """Text as the FTS indexes see it: FTS5 stops reading at NUL, so NUL is read as
    \x01, in text and term alike. A clash can only add candidates, never lose one."""
    return folded.replace("\x00", "\x01")


# The short-term index holds each folded chunk with a separator around every character,
# so the trigram "␟a␟" stands for the character a and "a␟b" for the pair ab. The
# separator itself is read as its neighbour, \x1e, in text and term alike.
_SEP = "\x1f"


def _spread(indexable: str) -> str:
    return _SEP + _SEP.join(indexable.replace(_SEP, "\x1e")) + _SEP


def _fts_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _match_expression(folded_term: str) -> tuple[str, str]:
    """(table, FTS5 query) whose matches include every chunk holding the term."""
    folded_term = _indexable(folded_term)
    if len(folded_term) >= 3:
        # detail=none keeps no positions: ask for every trigram of the term instead
        # of the phrase. Scanning the candidates removes the rare false positive.
        # A long term's trigrams are sampled: any subset still finds every true match.
        last = len(folded_term) - 3
        starts = sorted({last * k // (_MAX_TRIGRAMS - 1) for k in range(_MAX_TRIGRAMS)})
        grams = dict.fromkeys(folded_term[i : i + 3] for i in starts)
        return "tri", " AND ".join(map(_fts_string, grams))
    spread = _spread(folded_term)
    return "pairs", _fts_string(spread[:3] if len(folded_term) == 1 else spread[1:4])


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    ord INTEGER NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL,
    start INTEGER NOT NULL,
    line INTEGER NOT NULL,
    body TEXT NOT NULL  -- last, so reading the other columns skips the text
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc, start);
-- Contentless, positionless indexes over fold(body): the text is stored once, above,
-- and scanning the candidates gives exact positions. case_sensitive 1 because the text
-- is already folded, so the index agrees with fold() exactly, not approximately.
CREATE VIRTUAL TABLE IF NOT EXISTS tri USING fts5(
    body, content='', columnsize=0, detail=none, tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE IF NOT EXISTS pairs USING fts5(
    body, content='', columnsize=0, detail=none, tokenize='trigram case_sensitive 1');
"""

_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB: the file is beyond use


class _StaleCache(Exception):
    """The cache was written under other rules (another schema or Unicode version)."""


def _is_corrupt(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, _StaleCache) or (code is not None and code & 0xFF in _CORRUPT)


class SearchIndex:
    """A cached, incrementally updated index answering exactly as `scan_documents` does.

    Call `sync(documents)` whenever the document list may have changed, then
    `search(term)` from any thread. When the cache cannot be used (read-only, locked by
    another process, mid-build) a search answers by scanning the files instead; a
    damaged cache is deleted and rebuilt by the next `sync`.
    """

    def __init__(self, cache_dir: Path | str) -> None:
        self.cache_dir = Path(cache_dir)
        self.db_path = self.cache_dir / _DB_NAME
        self._lock = threading.RLock()  # one connection, used by one thread at a time
        self._conn: sqlite3.Connection | None = None
        self._documents: dict[str, Path] = {}
        self._in_sync = False  # the cache held exactly self._documents at `_generation`
        self._generation = ""  # bumped by every sync, from any process, that changes it
        with self._lock:
            self._open()

    # -- lifecycle

    @property
    def usable(self) -> bool:
        """False when searches are answered by scanning the files."""
        return self._conn is not None and self._in_sync

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> None:
        """Open or create the cache; one that is damaged or outdated is replaced."""
        for attempt in range(2):
            try:
                self._conn = self._connect()
                return
            except (sqlite3.Error, OSError, _StaleCache) as exc:
                self._conn = None
                if attempt or not _is_corrupt(exc) or not self._delete_db():
                    return

    def _connect(self) -> sqlite3.Connection:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.db_path, check_same_thread=False, isolation_level=None, timeout=5.0
        )
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA journal_size_limit=8388608")  # shrink the WAL after use
            conn.execute("PRAGMA mmap_size=268435456")
            stamp = self._stamp()
            if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                conn.executescript(_SCHEMA)
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
                conn.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
            row = conn.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()
            if row is None or row[0] != stamp:
                raise _StaleCache(self.db_path)
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _stamp() -> str:
        # fold() follows Python's Unicode tables: new tables may fold differently.
        return f"{_SCHEMA_VERSION}/{_CHUNK_CHARS}/{unicodedata.unidata_version}"

    def _delete_db(self) -> bool:
        """Remove the cache files; False if they cannot be removed."""
        ok = True
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                Path(f"{self.db_path}{suffix}").unlink(missing_ok=True)
            except OSError:
                ok = False
        return ok

    def _handle(self, exc: BaseException) -> None:
        """After a failed query: a damaged cache is deleted, to be rebuilt by sync."""
        self._in_sync = False
        if _is_corrupt(exc):
            self.close()
            if self._delete_db():
                self._open()

    # -- indexing

    def sync(self, documents: Mapping[str, Path]) -> None:
        """Bring the cache up to date with `documents` (source id → file), in order.

        Only files whose path, size or timestamps changed are read again; documents no
        longer listed are dropped; unreadable files are left out, as a scan leaves them.
        """
        with self._lock:
            self._documents = dict(documents)
            self._in_sync = False
            if self._conn is None:
                self._open()  # e.g. the cache dir became writable, or was damaged
            for _attempt in range(2):
                if self._conn is None:
                    return
                try:
                    self._sync(self._documents)
                    self._in_sync = True
                    return
                except (sqlite3.Error, OSError) as exc:
                    self._handle(exc)
                    if not _is_corrupt(exc):
                        return  # e.g. locked by another process: scan meanwhile

    def _sync(self, documents: Mapping[str, Path]) -> None:
        conn = self._conn
        assert conn is not None
        wanted: dict[str, tuple[int, str, int, int, int]] = {}
        for order, (source, path) in enumerate(documents.items()):
            try:
                st = os.stat(path)
            except OSError:
                continue
            wanted[source] = (order, str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns)

        changed = 0
        conn.execute("BEGIN IMMEDIATE")  # read the state under the write lock
        try:
            generation = self._read_generation()
            known = {
                row[0]: row[1:]
                for row in conn.execute(
                    "SELECT source, id, ord, path, size, mtime_ns, ctime_ns FROM docs"
                )
            }
            for source, (doc_id, *_rest) in known.items():
                if source not in wanted:
                    self._drop(doc_id)
                    changed += 1
            for source, (order, path, size, mtime_ns, ctime_ns) in wanted.items():
                old = known.get(source)
                if old is not None and tuple(old[2:]) == (path, size, mtime_ns, ctime_ns):
                    if old[1] != order:
                        conn.execute("UPDATE docs SET ord=? WHERE id=?", (order, old[0]))
                        changed += 1
                    continue
                if old is not None:
                    self._drop(old[0])
                changed += 1
                # Stat came before this read: if the file changes in between, the next
                # sync sees a newer signature than the one stored and reads it again.
                try:
                    text = read_document(path)
                except OSError:
                    continue
                cur = conn.execute(
                    "INSERT INTO docs(source, ord, path, size, mtime_ns, ctime_ns)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (source, order, path, size, mtime_ns, ctime_ns),
                )
                self._add_chunks(cur.lastrowid, text)
            if changed:
                generation = os.urandom(8).hex()
                conn.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,)
                )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self._generation = generation
        if changed > 64:
            # Keep the write-ahead log from holding a second copy of a big rebuild.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _read_generation(self) -> str:
        assert self._conn is not None
        row = self._conn.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return row[0] if row else ""

    def _add_chunks(self, doc_id: int | None, text: str) -> None:
        conn = self._conn
        assert conn is not None
        for start, line, body in _chunks(text):
            cur = conn.execute(
                "INSERT INTO chunks(doc, start, line, body) VALUES (?, ?, ?, ?)",
                (doc_id, start, line, body),
            )
            self._fts(cur.lastrowid, body)

    def _fts(self, chunk_id: int | None, body: str, delete: bool = False) -> None:
        """Add or remove one chunk in both FTS indexes.

        Contentless FTS5 deletes by re-tokenising the very values it indexed, which
        are recomputed here from the stored chunk.
        """
        conn = self._conn
        assert conn is not None
        indexable = _indexable(fold(body))
        for table, text in (("tri", indexable), ("pairs", _spread(indexable))):
            if delete:
                conn.execute(f"INSERT INTO {table}({table}, rowid, body)"
                             " VALUES ('delete', ?, ?)", (chunk_id, text))
            else:
                conn.execute(f"INSERT INTO {table}(rowid, body) VALUES (?, ?)",
                             (chunk_id, text))

    def _drop(self, doc_id: int) -> None:
        conn = self._conn
        assert conn is not None
        rows = conn.execute("SELECT id, body FROM chunks WHERE doc=?", (doc_id,)).fetchall()
        for chunk_id, body in rows:
            self._fts(chunk_id, body, delete=True)
        conn.execute("DELETE FROM chunks WHERE doc=?", (doc_id,))
        conn.execute("DELETE FROM docs WHERE id=?", (doc_id,))

    # -- searching

    def search(self, term: str, limit: int | None = None) -> list[Hit]:
        """Every occurrence of `term`, exactly as `scan_documents` would list them.

        With `limit`, the first `limit` of them (a list view needs no more).
        """
        term = normalise_term(term)
        if not term or (limit is not None and limit <= 0):
            return []
        if self._lock.acquire(timeout=_SYNC_WAIT_S):
            try:
                if self._conn is not None and self._in_sync:
                    try:
                        return self._search(fold(term), limit)
                    except (sqlite3.Error, OSError) as exc:
                        self._handle(exc)
                documents = self._documents
            finally:
                self._lock.release()
        else:
            documents = self._documents  # a long sync is running: read the files
        return scan_documents(documents, term, limit)

    def _search(self, folded_term: str, limit: int | None) -> list[Hit]:
        conn = self._conn
        assert conn is not None
        if self._read_generation() != self._generation:
            # Another process synced a different document list into the shared cache.
            self._sync(self._documents)
        if "\n" in folded_term or not _encodable(folded_term):
            # Chunks split at line ends, and a lone surrogate is in no decoded file:
            # these rare terms are scanned for in whole documents.
            return self._scan_cache(folded_term, limit)
        table, expression = _match_expression(folded_term)
        # Phase 1: the candidate chunks in answer order, without their text.
        candidates = conn.execute(
            "SELECT c.id, d.source, c.start, c.line FROM chunks c JOIN docs d ON d.id = c.doc"
            f" WHERE c.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"
            " ORDER BY d.ord, c.start",
            (expression,),
        ).fetchall()
        # Phase 2: their text, a batch at a time, so a limited search stops early.
        hits: list[Hit] = []
        length = len(folded_term)
        prepare = _preparer(folded_term)
        for i in range(0, len(candidates), _ID_BATCH):
            batch = candidates[i : i + _ID_BATCH]
            bodies = dict(
                conn.execute(
                    f"SELECT id, body FROM chunks WHERE id IN ({','.join('?' * len(batch))})",
                    [row[0] for row in batch],
                )
            )
            for chunk_id, source, start, line in batch:
                body = bodies[chunk_id]
                remaining = None if limit is None else limit - len(hits)
                offsets = _limited(_find_all(prepare(body), folded_term), remaining)
                hits.extend(_hits_in(source, body, offsets, length, start, line))
                if limit is not None and len(hits) >= limit:
                    return hits
        return hits

    def _scan_cache(self, folded_term: str, limit: int | None) -> list[Hit]:
        """Scan every cached document whole (no need to read the files)."""
        conn = self._conn
        assert conn is not None
        hits: list[Hit] = []
        docs = conn.execute("SELECT id, source FROM docs ORDER BY ord").fetchall()
        for doc_id, source in docs:
            parts = conn.execute(
                "SELECT body FROM chunks WHERE doc=? ORDER BY start", (doc_id,)
            )
            text = "".join(row[0] for row in parts)
            remaining = None if limit is None else limit - len(hits)
            hits.extend(_scan_one(source, text, folded_term, remaining))
            if limit is not None and len(hits) >= limit:
                break
        return hits


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def search_documents(
    documents: Mapping[str, Path],
    term: str,
    cache_dir: Path | None = None,
    use_index: bool = True,
    *,
    data_dir: Path | None = None,
    limit: int | None = None,
) -> list[Hit]:
    """One-shot search, as the CLI needs it: sync the cached index, then search it.

    The cache defaults to `default_cache_dir(data_dir)`; without a `data_dir`, the
    documents' common folder stands in for it.
    """
    if not use_index or not documents:
        return scan_documents(documents, term, limit)
    if cache_dir is None:
        if data_dir is None:
            folders = [str(Path(p).resolve().parent) for p in documents.values()]
            try:
                data_dir = Path(os.path.commonpath(folders))
            except ValueError:  # documents on different drives
                data_dir = Path(folders[0])
        cache_dir = default_cache_dir(data_dir)
    with SearchIndex(cache_dir) as index:
        index.sync(documents)
        return index.search(term, limit)
