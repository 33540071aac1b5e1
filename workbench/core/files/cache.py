"""Where the workbench keeps its caches (never inside data/), and a cache of parsed TOML.

`tomllib` is pure Python: a large `quotes.toml` (20,000 quotes, 6 MB) takes about a second to
parse, the largest single cost of loading a large data directory. `ParsedCache` keeps what
a file parsed to, keyed by a digest of the file's *content* (not its size or timestamp), so an
entry can only ever be used for the very text it was parsed from: an edit of any kind — even
one that keeps the size and the modification time — is a miss, and the file is parsed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "WORKBENCH_CACHE_DIR"
APP_CACHE_NAME = "ai-capex-workbench"
# Bump when what is stored changes shape; the Python version is part of the key too, since
# tomllib's results (and pickle) belong to it.
_FORMAT = f"parsed-1/{sys.version_info[0]}.{sys.version_info[1]}"
_SLICE = 500  # tables pickled together: each piece unpickles in a few ms, so a loading
# thread never holds the interpreter long enough to stall the user interface


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


class ParsedCache:
    """Parsed TOML by file, valid only for the exact content it was parsed from.

    One entry per file (a new content replaces the old entry), written atomically; a
    missing, unreadable, damaged or foreign entry is a miss. Small files are not cached:
    parsing them costs less than reading an entry.
    """

    MIN_CHARS = 64 * 1024

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @classmethod
    def for_data(cls, data_dir: Path | str) -> ParsedCache:
        return cls(data_cache_dir(data_dir, "parsed"))

    def _entry(self, path: Path) -> Path | None:
        if self.folder is None:
            return None
        name = hashlib.sha256(str(Path(path).absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
        return self.folder / f"{name}.pickle"

    @staticmethod
    def _key(text: str) -> str:
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()
        return f"{_FORMAT}/{digest}"

    def get(self, path: Path, text: str) -> tuple[dict[str, Any], Any] | None:
        """(data, extra) stored for exactly this `text` of `path`, or None."""
        entry = self._entry(path)
        if entry is None or len(text) < self.MIN_CHARS:
            return None
        try:
            stored = pickle.loads(entry.read_bytes())
            key, pieces, extra = stored
            if key != self._key(text):
                return None
            data = {name: _unslice(value) for name, value in pieces}
        except Exception:
            return None
        return data, extra

    def put(self, path: Path, text: str, data: dict[str, Any], extra: Any = None) -> None:
        """Store what `text` parsed to; failures (read-only cache, full disk) are ignored."""
        entry = self._entry(path)
        if entry is None or len(text) < self.MIN_CHARS:
            return
        try:
            blob = pickle.dumps(
                (self._key(text), [(name, _slice(value)) for name, value in data.items()], extra),
                protocol=pickle.HIGHEST_PROTOCOL,
            )
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        except (OSError, pickle.PicklingError, RecursionError, TypeError):
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(temporary, entry)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _slice(value: Any) -> tuple[str, Any]:
    """A long list (an array of tables) as pickled slices; anything else pickled whole."""
    if isinstance(value, list) and len(value) > _SLICE:
        return "slices", [
            pickle.dumps(value[i : i + _SLICE], protocol=pickle.HIGHEST_PROTOCOL) for i in range(0, len(value), _SLICE)
        ]
    return "whole", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _unslice(stored: tuple[str, Any]) -> Any:
    kind, body = stored
    if kind == "slices":
        return [table for piece in body for table in pickle.loads(piece)]
    return pickle.loads(body)
