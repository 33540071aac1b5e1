"""Read TOML strictly (tomllib) and find the source line of tables and keys for error messages.

tomllib gives values but no positions, so we locate `[[name]]` / `[name]` headers and
`key =` assignments in the text ourselves. This is exact for the plain layouts our data
files use and falls back to the table's header line for anything fancier.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.core.data.problems import ProblemLog

if TYPE_CHECKING:
    from workbench.core.files.cache import ParsedCache

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\-]+)\s*=""")


def _norm_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


class TomlLocator:
    """Maps tables and keys of one TOML text to 1-based line numbers."""

    def __init__(self, text: str, headers: list[tuple[str, bool, int]] | None = None) -> None:
        self.text = text
        self._lines: list[str] | None = None
        # (header name, is_array, line) in file order; `headers` when known already (cached)
        self.headers: list[tuple[str, bool, int]] = headers if headers is not None else self._find_headers()
        # Indexed once, so locating each of thousands of tables stays O(1), not O(tables).
        self._arrays: dict[str, list[int]] = {}
        self._tables: dict[str, int] = {}
        for header, is_array, line in self.headers:
            if is_array:
                self._arrays.setdefault(header, []).append(line)
            else:
                self._tables.setdefault(header, line)
        self._header_lines = [line for _, _, line in self.headers]

    @property
    def lines(self) -> list[str]:
        """The text's lines (split on first use: only problems need them)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def _find_headers(self) -> list[tuple[str, bool, int]]:
        headers = []
        for number, line in enumerate(self.lines, start=1):
            if "[" not in line:  # most lines are `key = value`: skip the regex
                continue
            match = _HEADER.match(line)
            if match and not line.lstrip().startswith("#"):
                headers.append((_norm_name(match.group(2)), match.group(1) == "[[", number))
        return headers

    def array_table_line(self, name: str, index: int) -> int:
        """Line of the `index`-th `[[name]]` header (1 if not found)."""
        found = self._arrays.get(name, ())
        return found[index] if index < len(found) else 1

    def table_line(self, name: str) -> int:
        """Line of the `[name]` header (1 if not found)."""
        return self._tables.get(name, 1)

    def _block_end(self, start: int) -> int:
        following = bisect.bisect_right(self._header_lines, start)
        return self._header_lines[following] - 1 if following < len(self._header_lines) else len(self.lines)

    def key_line(self, table_line: int, key: str) -> int:
        """Line where `key =` is assigned inside the table starting at `table_line`."""
        start = table_line if table_line >= 1 else 1
        at = bisect.bisect_left(self._header_lines, start)
        first = start + 1 if at < len(self._header_lines) and self._header_lines[at] == start else start
        for number in range(first, self._block_end(start) + 1):
            match = _KEY.match(self.lines[number - 1])
            if match and _norm_name(match.group(1)) == key:
                return number
        return table_line if table_line >= 1 else 1


def read_text(path: Path, log: ProblemLog) -> str | None:
    """The file's text as UTF-8, or None with a problem (missing, unreadable, not UTF-8)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        log.add(1, "file not found")
        return None
    except OSError as error:
        log.add(1, f"cannot read file: {error.strerror or error}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint = " (it looks like GBK/GB18030; re-save it as UTF-8)" if _looks_gbk(raw) else ""
        log.add(line, f"file is not valid UTF-8{hint}")
        return None
    return text.removeprefix("\ufeff")


def _looks_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def load_toml(
    path: Path, log: ProblemLog, cache: ParsedCache | None = None
) -> tuple[dict[str, Any] | None, TomlLocator | None]:
    """Parse a TOML file; on failure record `path:line: message` and return (None, None).

    With a `cache`, a file parsed before *with exactly this content* is not parsed again.
    """
    text = read_text(path, log)
    if text is None:
        return None, None
    if cache is not None:
        hit = cache.get(path, text)
        if hit is not None:
            data, headers = hit
            return data, TomlLocator(text, headers)
    import tomllib  # here, not at the top: the app's first frame imports this module but parses no TOML

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None) or _line_from_message(str(error))
        message = getattr(error, "msg", None) or re.sub(r"\s*\(at line.*\)$", "", str(error))
        log.add(line, f"TOML syntax error: {message}")
        return None, None
    locator = TomlLocator(text)
    if cache is not None:
        cache.put(path, text, data, locator.headers)
    return data, locator


def _line_from_message(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1
