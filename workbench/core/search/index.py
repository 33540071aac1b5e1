"""The search index: an SQLite cache that answers exactly as `search.scan_documents` does.

Documents are stored as chunks of whole lines; two FTS5 trigram indexes find the chunks
that can hold a term (one for terms of three characters or more, one over single characters
and pairs, for Chinese), and only those chunks are scanned for exact positions, with the
very rules of search.py. The cache lives outside the data directory (`default_cache_dir`).

Run as `python -m workbench.core.search.index CACHE_DIR MANIFEST` it brings one cache up to
date and exits: what `index_in_background` starts after a one-shot search that scanned.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import sqlite3
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: builds are not serialised there
    fcntl = None  # type: ignore[assignment]

from workbench.core.files.cache import cache_key, mark_used, prune_once
from workbench.core.search.scan import (
    Hit,
    encodable,
    finder,
    fold,
    fold_tables_version,
    hits_in,
    limited,
    normalise_term,
    read_document,
    scan_documents,
    scan_one,
)

# Per source id: (order, path, size, mtime, ctime) of its document, as `signatures` takes them.
Signatures = dict[str, tuple[int, str, int, int, int]]

_DB_NAME = "search.sqlite3"
# Bump when the schema, the text rules or the index encoding change: a cache written
# under other rules is rebuilt rather than trusted.
_SCHEMA_VERSION = 2  # 2: every chunk signed
# Chunks hold whole lines and at least this many characters (except a document's last):
# small enough that a hit costs little to verify, large enough to keep the index compact.
_CHUNK_CHARS = 2000
# A search waits this long for a running sync before answering from the files instead,
# so a first-time build never freezes a search.
_SYNC_WAIT_S = 0.25
_ID_BATCH = 200  # chunk bodies fetched per query
_BUSY_MS = 5000  # how long a sync waits for another process's write to finish
_CATCH_UP_BYTES = 1_000_000  # a search brings a stale index up to date itself if it is this close
_CATCH_UP_EVERY_S = 2.0
_MAX_TRIGRAMS = 12  # trigrams of a long term that candidate chunks must all hold
_CHECKED_MAX = 200_000  # chunks remembered as verified (a few tens of MB at most)


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
    mac BLOB NOT NULL,  -- signs the chunk with its document's identity (_chunk_mac)
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


class _Tampered(sqlite3.DatabaseError):
    """A chunk's signature does not match: the cache was altered by someone without our key."""


def _is_corrupt(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, (_StaleCache, _Tampered)) or (code is not None and code & 0xFF in _CORRUPT)


def _chunk_mac(key: bytes, doc: tuple[str, str, int, int, int], start: int, line: int, body: str) -> bytes:
    """The signature of one chunk: its text, where it sits, and which version of which document
    it came from (source, path, size, mtime, ctime), so no chunk can be moved or replayed."""
    source, path, size, mtime_ns, ctime_ns = doc
    # One string, each free-form field prefixed by its length so no two chunks sign alike
    # (one hash call per chunk: verifying thousands of candidates stays cheap).
    signed = f"{len(source)}:{source}{len(path)}:{path}{size}:{mtime_ns}:{ctime_ns}:{start}:{line}:{body}"
    return hashlib.blake2b(signed.encode("utf-8", "surrogatepass"), key=key, digest_size=20).digest()


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
        self._caught_up_at = -_CATCH_UP_EVERY_S
        # Without a private key the cache's text could not be checked: it is not used at all.
        self._key = cache_key()
        self._checked: dict[tuple[str, int], int] = {}  # chunk (source, start) -> what was verified
        prune_once(self.cache_dir)
        mark_used(self.cache_dir)
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
        if self._key is None:
            return
        for attempt in range(2):
            try:
                self._conn = self._connect()
                return
            except (sqlite3.Error, OSError, _StaleCache) as exc:
                self._conn = None
                if attempt or not _is_corrupt(exc) or not self._delete_db():
                    return

    def _connect(self) -> sqlite3.Connection:
        self.cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)  # documents are private
        conn = sqlite3.connect(self.db_path, check_same_thread=False, isolation_level=None, timeout=_BUSY_MS / 1000)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA journal_size_limit=8388608")  # shrink the WAL after use
            # Not memory-mapped: every page a search touched stayed in the app's resident memory
            # (over 100 MB of a large library's index after four terms), for 1 ms less a search.
            conn.execute("PRAGMA mmap_size=0")
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
        # fold() follows Python's Unicode tables and OpenCC's: new tables may fold differently.
        return f"{_SCHEMA_VERSION}/{_CHUNK_CHARS}/{unicodedata.unidata_version}/{fold_tables_version()}"

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

    @property
    def available(self) -> bool:
        """False when the cache could not be opened (read-only, damaged beyond repair)."""
        return self._conn is not None

    # -- indexing

    def outdated_bytes(self, documents: Mapping[str, Path], wanted: Signatures | None = None) -> int:
        """How much text `sync(documents)` would read: 0 when the cache is up to date.

        `wanted`: the documents' `signatures`, if just taken (a sync right after can take them too).
        """
        wanted = signatures(documents) if wanted is None else wanted
        with self._lock:
            if self._conn is None:
                return sys.maxsize
            try:
                known = {
                    row[0]: tuple(row[1:])
                    for row in self._conn.execute("SELECT source, path, size, mtime_ns, ctime_ns FROM docs")
                }
            except sqlite3.Error:
                return sys.maxsize
        return sum(sig[2] for source, sig in wanted.items() if known.get(source) != sig[1:])

    def sync(self, documents: Mapping[str, Path], wanted: Signatures | None = None) -> None:
        """Bring the cache up to date with `documents` (source id → file), in order.

        Only files whose path, size or timestamps changed are read again; documents no
        longer listed are dropped; unreadable files are left out, as a scan leaves them.
        `wanted`: their `signatures`, if just taken (a file changed since is read at the next sync).
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
                    self._sync(self._documents, wanted)
                    self._in_sync = True
                    return
                except (sqlite3.Error, OSError) as exc:
                    self._handle(exc)
                    if not _is_corrupt(exc):
                        return  # e.g. locked by another process: scan meanwhile

    def _sync(self, documents: Mapping[str, Path], wanted: Signatures | None = None) -> None:
        conn = self._conn
        assert conn is not None
        wanted = signatures(documents) if wanted is None else wanted
        changed = 0
        conn.execute("BEGIN IMMEDIATE")  # read the state under the write lock
        try:
            generation = self._read_generation()
            known = {
                row[0]: row[1:]
                for row in conn.execute("SELECT source, id, ord, path, size, mtime_ns, ctime_ns FROM docs")
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
                    "INSERT INTO docs(source, ord, path, size, mtime_ns, ctime_ns) VALUES (?, ?, ?, ?, ?, ?)",
                    (source, order, path, size, mtime_ns, ctime_ns),
                )
                self._add_chunks(cur.lastrowid, (source, path, size, mtime_ns, ctime_ns), text)
            if changed:
                generation = os.urandom(8).hex()
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))
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

    def _add_chunks(self, doc_id: int | None, doc: tuple[str, str, int, int, int], text: str) -> None:
        conn = self._conn
        assert conn is not None and self._key is not None
        for start, line, body in _chunks(text):
            cur = conn.execute(
                "INSERT INTO chunks(doc, start, line, mac, body) VALUES (?, ?, ?, ?, ?)",
                (doc_id, start, line, _chunk_mac(self._key, doc, start, line, body), body),
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
                conn.execute(f"INSERT INTO {table}({table}, rowid, body) VALUES ('delete', ?, ?)", (chunk_id, text))
            else:
                conn.execute(f"INSERT INTO {table}(rowid, body) VALUES (?, ?)", (chunk_id, text))

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
                if self._conn is not None and not self._in_sync and self._documents:
                    self._catch_up()
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

    def _catch_up(self) -> None:
        """Sync now if that is quick: e.g. a build by another process held the cache when `sync`
        was called and has finished since. Never waits for a lock, never indexes much."""
        conn = self._conn
        assert conn is not None
        now = time.monotonic()
        if now - self._caught_up_at < _CATCH_UP_EVERY_S or self.outdated_bytes(self._documents) > _CATCH_UP_BYTES:
            return
        self._caught_up_at = now  # at most every few seconds, e.g. if the cache is read-only
        try:
            conn.execute("PRAGMA busy_timeout=0")
            self._sync(self._documents)
            self._in_sync = True
        except (sqlite3.Error, OSError) as exc:
            self._handle(exc)
        finally:
            if self._conn is not None:
                self._conn.execute(f"PRAGMA busy_timeout={_BUSY_MS}")

    def _search(self, folded_term: str, limit: int | None) -> list[Hit]:
        conn = self._conn
        assert conn is not None
        if self._read_generation() != self._generation:
            # Another process synced a different document list into the shared cache.
            self._sync(self._documents)
        if "\n" in folded_term or not encodable(folded_term):
            # Chunks split at line ends, and a lone surrogate is in no decoded file:
            # these rare terms are scanned for in whole documents.
            return self._scan_cache(folded_term, limit)
        table, expression = _match_expression(folded_term)
        # Phase 1: the candidate chunks in answer order, without their text.
        candidates = conn.execute(
            "SELECT c.id, d.source, d.path, d.size, d.mtime_ns, d.ctime_ns, c.start, c.line"
            " FROM chunks c JOIN docs d ON d.id = c.doc"
            f" WHERE c.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"
            " ORDER BY d.ord, c.start",
            (expression,),
        ).fetchall()
        # Phase 2: their text, a batch at a time, so a limited search stops early.
        hits: list[Hit] = []
        length = len(folded_term)
        find = finder(folded_term)
        for i in range(0, len(candidates), _ID_BATCH):
            batch = candidates[i : i + _ID_BATCH]
            bodies = {
                chunk_id: (mac, body)
                for chunk_id, mac, body in conn.execute(
                    f"SELECT id, mac, body FROM chunks WHERE id IN ({','.join('?' * len(batch))})",
                    [row[0] for row in batch],
                )
            }
            for chunk_id, source, *doc_rest, start, line in batch:
                body = self._verified(bodies[chunk_id], (source, *doc_rest), start, line)
                remaining = None if limit is None else limit - len(hits)
                offsets = limited(find(body), remaining)
                hits.extend(hits_in(source, body, offsets, length, start, line))
                if limit is not None and len(hits) >= limit:
                    return hits
        return hits

    def _verified(self, stored: tuple[bytes, str], doc: tuple, start: int, line: int) -> str:
        """A chunk's text, once its signature is checked: an altered index serves no text."""
        mac, body = stored
        assert self._key is not None
        if not isinstance(mac, bytes) or not isinstance(body, str):
            raise _Tampered(self.db_path)
        # A chunk checked before by this process, read back exactly the same, is not hashed again:
        # Python's string hash is salted per process, so no file can be made to match it.
        seen = hash((doc, start, line, mac, body))
        chunk = (doc[0], start)
        if self._checked.get(chunk) == seen:
            return body
        expected = _chunk_mac(self._key, doc, start, line, body)
        if not hmac.compare_digest(mac, expected):
            raise _Tampered(self.db_path)
        if len(self._checked) >= _CHECKED_MAX:
            self._checked.clear()
        self._checked[chunk] = seen
        return body

    def _scan_cache(self, folded_term: str, limit: int | None) -> list[Hit]:
        """Scan every cached document whole (no need to read the files)."""
        conn = self._conn
        assert conn is not None
        hits: list[Hit] = []
        docs = conn.execute("SELECT id, source, path, size, mtime_ns, ctime_ns FROM docs ORDER BY ord").fetchall()
        for doc_id, *doc in docs:
            parts = conn.execute("SELECT start, line, mac, body FROM chunks WHERE doc=? ORDER BY start", (doc_id,))
            text = "".join(self._verified((mac, body), tuple(doc), start, line) for start, line, mac, body in parts)
            source = doc[0]
            remaining = None if limit is None else limit - len(hits)
            hits.extend(scan_one(source, text, folded_term, remaining))
            if limit is not None and len(hits) >= limit:
                break
        return hits


def signatures(documents: Mapping[str, Path]) -> Signatures:
    """(order, path, size, mtime, ctime) of every document that can be stat'ed."""
    wanted: Signatures = {}
    for order, (source, path) in enumerate(documents.items()):
        try:
            st = os.stat(path)
        except OSError:
            continue
        wanted[source] = (order, str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    return wanted


# --------------------------------------------------------------------------- background build


def index_in_background(cache_dir: Path | str, documents: Mapping[str, Path]) -> subprocess.Popen[bytes] | None:
    """Start a detached, low-priority process that syncs the cache in `cache_dir` with `documents`.

    It outlives the caller (a one-shot search prints its answer and exits meanwhile), keeps
    no terminal, and gives way to another build of the same cache already under way.
    Returns the process (to wait for), or None if it could not be started.
    """
    import subprocess  # here: a search answered from the index starts no process (15 ms to import)

    cache_dir = Path(cache_dir)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, manifest = tempfile.mkstemp(dir=cache_dir, prefix=".manifest-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump([[source, str(path)] for source, path in documents.items()], handle)
        # The package's own folder first on the path, however this process found it.
        package_root = str(Path(__file__).resolve().parents[3])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        builder = subprocess.Popen(
            [sys.executable, "-m", "workbench.core.search.index", str(cache_dir), manifest],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
            env=env,
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    _BUILDERS.append(builder)
    return builder


_BUILDERS: list[subprocess.Popen] = []  # started here; never waited for


def build(cache_dir: Path, manifest: Path) -> int:
    """Sync the cache with the documents listed in `manifest` (which is then removed)."""
    try:
        documents = {source: Path(path) for source, path in json.loads(manifest.read_text("utf-8"))}
    except (OSError, ValueError, TypeError):
        return 1
    finally:
        manifest.unlink(missing_ok=True)
    try:
        lock = open(cache_dir / "build.lock", "w")
    except OSError:
        return 1
    with lock:
        if fcntl is not None:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return 0  # another build of this cache is under way
        with SearchIndex(cache_dir) as index:
            index.sync(documents)
            return 0 if index.usable else 1


if __name__ == "__main__":
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)  # a background build: the user's foreground work comes first
    sys.exit(build(Path(sys.argv[1]), Path(sys.argv[2])))
