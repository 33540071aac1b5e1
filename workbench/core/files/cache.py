"""Where the workbench keeps its caches (never inside data/), the key that signs them, their
pruning, and a cache of parsed TOML.

`tomllib` is pure Python: a large `quotes.toml` (20,000 quotes, 6 MB) takes about a second to
parse, the largest single cost of loading a large data directory. `ParsedCache` keeps what
a file parsed to, keyed by a digest of the file's *content* (not its size or timestamp), so an
entry can only ever be used for the very text it was parsed from: an edit of any kind — even
one that keeps the size and the modification time — is a miss, and the file is parsed again.

A cache is never trusted to run code or to say what a file says: entries are plain JSON (no
pickle), and each is signed with a key that only this user can read (`cache_key`, kept in the
cache directory with mode 0600), so an entry planted or doctored by anyone without that key is
a miss. The search index signs its text the same way. Caches of data directories not used for
a month, or beyond the 8 most recently used of each kind, are removed (`prune_caches`).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import shutil
import stat
import sys
import tempfile
import time
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "WORKBENCH_CACHE_DIR"
APP_CACHE_NAME = "ai-capex-workbench"
# Bump when what is stored changes shape; the Python version is part of the key too, since
# tomllib's results belong to it.
_FORMAT = f"parsed-2/{sys.version_info[0]}.{sys.version_info[1]}"
_SLICE = 500  # tables stored on one line: each line decodes in a few ms, so a loading
# thread never holds the interpreter long enough to stall the user interface
_KEY_NAME = "key"
KEEP_DATA_DIRS = 8  # most recently used data directories whose caches are kept, per kind
MAX_AGE_SECONDS = 30 * 86400  # caches unused for this long are removed
_TEMP_AGE_SECONDS = 60.0  # a temporary file this old was left by a crash


def cache_base() -> Path:
    """$WORKBENCH_CACHE_DIR, else $XDG_CACHE_HOME/ai-capex-workbench, else ~/.cache/ai-capex-workbench."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says a relative XDG_CACHE_HOME is to be ignored.
    root = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return root / APP_CACHE_NAME


def data_cache_dir(data_dir: Path | str, kind: str) -> Path:
    """One directory per absolute data directory and kind of cache (`search`, `parsed`)."""
    resolved = str(Path(data_dir).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_base() / f"{kind}-{digest}"


def cache_key() -> bytes | None:
    """This user's secret for signing cache entries (made on first use); None when it cannot be
    kept private (no writable cache directory, or a key file someone else owns or can read),
    in which case nothing is cached."""
    path = cache_base() / _KEY_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.path.lexists(path):
            # Written whole, then linked into place: a process starting at the same moment sees
            # either no key or the complete one, and only one key ever wins.
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-key-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(os.urandom(32))
                try:
                    os.link(temporary, path)
                except FileExistsError:
                    pass  # another process made it first: use that one
                except OSError:  # a file system without hard links
                    if not os.path.lexists(path):
                        os.replace(temporary, path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            key = handle.read(64)
    except OSError:
        return None
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if not stat.S_ISREG(info.st_mode) or not mine or info.st_mode & 0o077 or len(key) != 32:
        return None
    return key


def sign(key: bytes, *parts: bytes) -> bytes:
    """A keyed digest of `parts` (each length-prefixed, so no two part lists sign alike)."""
    mac = hashlib.blake2b(key=key, digest_size=20)
    for part in parts:
        mac.update(len(part).to_bytes(8, "little"))
        mac.update(part)
    return mac.digest()


def mark_used(folder: Path) -> None:
    """Note that a data directory's cache folder was just used (pruning keeps the recent ones)."""
    with contextlib.suppress(OSError):
        os.utime(folder)


def prune_caches(
    keep: Path | None = None,
    *,
    now: float | None = None,
    keep_dirs: int = KEEP_DATA_DIRS,
    max_age: float = MAX_AGE_SECONDS,
) -> list[Path]:
    """Remove the caches of data directories unused for `max_age` seconds or beyond the `keep_dirs`
    most recently used of each kind (never those of `keep`'s data directory), and temporary files
    a crash left behind.

    Returns what was removed. Errors (a folder in use, no permission) leave things as they are.
    """
    base = cache_base()
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        folders = [entry for entry in base.iterdir() if entry.is_dir() and not entry.is_symlink() and "-" in entry.name]
    except OSError:
        return removed
    by_kind: dict[str, list[tuple[float, Path]]] = {}
    for folder in folders:
        with contextlib.suppress(OSError):
            by_kind.setdefault(folder.name.split("-", 1)[0], []).append((folder.stat().st_mtime, folder))
    for entries in by_kind.values():
        entries.sort(reverse=True)  # most recently used first
        for rank, (used, folder) in enumerate(entries):
            if keep is not None and folder.name.split("-", 1)[1] == keep.name.split("-", 1)[-1]:
                # The data directory in use: none of its caches (parsed, search) is removed.
                _sweep_temporary(folder, now, max_age)
                continue
            if rank >= keep_dirs or now - used > max_age:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
            else:
                _sweep_temporary(folder, now, max_age)
    return removed


def _sweep_temporary(folder: Path, now: float, max_age: float = MAX_AGE_SECONDS) -> None:
    """Leftovers of interrupted writes, entries of the old (pickle) format, and parsed entries
    not read for `max_age` seconds (a file renamed or deleted leaves its entry behind)."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                age = now - entry.stat(follow_symlinks=False).st_mtime
                temporary = entry.name.startswith((".tmp-", ".manifest-")) and age > _TEMP_AGE_SECONDS
                unused = entry.name.endswith(".json") and not entry.name.startswith(".") and age > max_age
                if temporary or unused or entry.name.endswith(".pickle"):
                    os.unlink(entry.path)


_PRUNED = False


def prune_once(keep: Path | None) -> None:
    """`prune_caches` at most once per process (the first cache opened triggers it)."""
    global _PRUNED
    if not _PRUNED:
        _PRUNED = True
        prune_caches(keep)


def write_signed(entry: Path, key: bytes, header: dict[str, str], body: bytes) -> None:
    """Replace a cache entry atomically (readers see the old or the new one, never a part): a
    JSON header line holding `header` and a signature of its values and `body`, then `body`.
    Failures (read-only cache, full disk) are ignored: a cache is never needed."""
    signature = sign(key, *(value.encode() for value in header.values()), body).hex()
    blob = json.dumps({**header, "signature": signature}).encode() + b"\n" + body
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(temporary, entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def read_signed(entry: Path, key: bytes, header: dict[str, str]) -> bytes | None:
    """The body of an entry `write_signed` wrote with exactly this `header`, signed with `key`;
    None for anything else (missing, damaged, another header, planted or doctored)."""
    try:
        blob = entry.read_bytes()
        header_end = blob.index(b"\n")
        stored = json.loads(blob[:header_end])
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or any(stored.get(name) != value for name, value in header.items()):
        return None
    body = blob[header_end + 1 :]
    expected = sign(key, *(value.encode() for value in header.values()), body).hex()
    if not hmac.compare_digest(str(stored.get("signature", "")), expected):
        return None  # planted or doctored: never served
    return body


class ParsedCache:
    """Parsed TOML by file, valid only for the exact content it was parsed from.

    One entry per file (a new content replaces the old entry), written atomically; a
    missing, unreadable, damaged, unsigned or foreign entry is a miss. Small files are not
    cached: parsing them costs less than reading an entry.

    An entry is JSON lines: a header `{"format", "digest", "signature"}`, then one line per
    piece (`[name, value]`, a long array of tables split over several lines). Dates and times
    are tagged objects; the signature covers the file's digest and every line after the header.
    """

    MIN_CHARS = 64 * 1024

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @classmethod
    def for_data(cls, data_dir: Path | str) -> ParsedCache:
        folder = data_cache_dir(data_dir, "parsed")
        prune_once(folder)
        return cls(folder)

    def _entry(self, path: Path) -> Path | None:
        if self.folder is None:
            return None
        name = hashlib.sha256(str(Path(path).absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
        return self.folder / f"{name}.json"

    @staticmethod
    def _digest(content: str | bytes) -> str:
        raw = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
        return hashlib.blake2b(raw, digest_size=20).hexdigest()

    def get(self, path: Path, text: str | bytes) -> tuple[dict[str, Any], Any] | None:
        """(data, extra) stored for exactly this `text` (or these bytes) of `path`, or None.

        One cache folder is keyed either by texts or by bytes: a UTF-8 file's text and bytes differ
        when it starts with a byte-order mark, and then an entry put by one is a miss for the other."""
        entry = self._entry(path)
        if entry is None or len(text) < self.MIN_CHARS:
            return None
        key = cache_key()
        if key is None:
            return None
        body = read_signed(entry, key, {"format": _FORMAT, "digest": self._digest(text)})
        if body is None:
            return None
        try:
            data: dict[str, Any] = {}
            extra: Any = None
            for line in body.splitlines():  # JSON without indent holds no raw newline
                name, value = json.loads(line, object_hook=_untag)
                if name is None:
                    extra = value
                elif isinstance(value, list) and isinstance(data.get(name), list):
                    data[name].extend(value)  # the next slice of an array of tables
                else:
                    data[name] = value
            self._touch(entry)
        except Exception:  # a damaged or foreign entry is just a miss
            return None
        return data, extra

    def put(self, path: Path, text: str | bytes, data: dict[str, Any], extra: Any = None) -> None:
        """Store what `text` parsed to; failures (read-only cache, full disk) are ignored."""
        entry = self._entry(path)
        if entry is None or len(text) < self.MIN_CHARS:
            return
        key = cache_key()
        if key is None:
            return
        try:
            lines = []
            for name, value in data.items():
                if isinstance(value, list) and len(value) > _SLICE:
                    lines += [_line(name, value[i : i + _SLICE]) for i in range(0, len(value), _SLICE)]
                else:
                    lines.append(_line(name, value))
            lines.append(_line(None, extra))
            body = b"\n".join(lines)
        except (TypeError, ValueError, RecursionError):
            return
        write_signed(entry, key, {"format": _FORMAT, "digest": self._digest(text)}, body)

    def _touch(self, entry: Path) -> None:
        mark_used(entry)
        if self.folder is not None:
            mark_used(self.folder)


# --- tagged JSON: TOML's dates and times, tuples, and tables that look like a tag ------------------

_TAGS = ("$datetime", "$date", "$time", "$tuple", "$table")


def _tag(value: Any) -> Any:
    if isinstance(value, dict):
        table = {k: _tag(v) for k, v in value.items()}
        if len(table) == 1 and next(iter(table)) in _TAGS:
            return {"$table": list(table.items())}  # pairs, so that its key is not read as a tag
        return table
    if isinstance(value, list):
        return [_tag(v) for v in value]
    if isinstance(value, tuple):
        return {"$tuple": [_tag(v) for v in value]}
    if isinstance(value, datetime):  # before date: a datetime is a date
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, clock_time):
        return {"$time": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _untag(table: dict[str, Any]) -> Any:
    if len(table) != 1:
        return table
    name, value = next(iter(table.items()))
    if name == "$datetime":
        return datetime.fromisoformat(value)
    if name == "$date":
        return date.fromisoformat(value)
    if name == "$time":
        return clock_time.fromisoformat(value)
    if name == "$tuple":
        return tuple(value)
    if name == "$table":
        return dict(value)
    return table


def _line(name: str | None, value: Any) -> bytes:
    return json.dumps([name, _tag(value)], ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
