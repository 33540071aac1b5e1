"""Read TOML strictly (tomllib) and find the source line of tables and keys for error messages.

tomllib gives values but no positions, so we locate `[[name]]` / `[name]` headers and
`key =` assignments in the text ourselves. This is exact for the plain layouts our data
files use and falls back to the table's header line for anything fancier.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.core.data.problems import ProblemLog
from workbench.core.i18n import tr

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
        """The text's lines (split on first use: only problems need them).

        Split at `\\n` only, as TOML counts lines: `str.splitlines` would also split at U+2028,
        form feeds and the like inside strings, and every later line number would be off.
        """
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def _find_headers(self) -> list[tuple[str, bool, int]]:
        headers = []
        in_string: str | None = None  # inside a multi-line string, `[x]` at a line start is text
        for number, line in enumerate(self.lines, start=1):
            if in_string is None and "[" in line:  # most lines are `key = value`: skip the regex
                match = _HEADER.match(line)
                if match and not line.lstrip().startswith("#"):
                    headers.append((_norm_name(match.group(2)), match.group(1) == "[[", number))
            if '"""' in line or "'''" in line:
                in_string = _string_state(line, in_string)
        return headers

    def forget_tables(self, lines: set[int]) -> None:
        """Tables whose header is at one of `lines` were left out: index the ones that were kept."""
        if lines:
            for name, found in self._arrays.items():
                self._arrays[name] = [line for line in found if line not in lines]

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


_TRIPLE = re.compile("\"\"\"|'''")


def _string_state(line: str, in_string: str | None) -> str | None:
    """Whether a multi-line string is open after `line` (its delimiter), given the state before it.

    Counts `\"\"\"` and `'''` only: good enough to tell a `[name]` line inside a long text from a
    table header, which is all it is used for.
    """
    for token in _TRIPLE.findall(line):
        if in_string is None:
            in_string = token
        elif in_string == token:
            in_string = None
    return in_string


# --- reading files without blocking or leaving the data directory -------------------------


class NotRegularFile(OSError):
    """A FIFO, directory, device or socket where a file was expected: never read (it could block)."""


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return tr("a directory")
    if stat.S_ISFIFO(mode):
        return tr("a FIFO (named pipe)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return tr("a device")
    if stat.S_ISSOCK(mode):
        return tr("a socket")
    return tr("not a regular file")


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_regular(path: Path | str) -> bytes:
    """The bytes of a regular file; `NotRegularFile` for anything else, checked on the open file.

    Opened non-blocking, so a FIFO put in place of a file returns at once instead of waiting for a
    writer; the type is checked on the opened descriptor, so nothing can be swapped in between.
    Raises OSError (and ValueError for a path with a NUL character) like `open`.
    """
    return read_regular_stat(path)[0]


def read_regular_stat(path: Path | str) -> tuple[bytes, os.stat_result]:
    """`read_regular`, with the opened file's status (size, modification time) as read."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"{path} is {_kind_of(info.st_mode)}")
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            return handle.read(), info
    finally:
        if fd >= 0:
            os.close(fd)


def _leaves(path: Path, within: Path) -> bool:
    """Is `path` a symbolic link that resolves outside `within`?"""
    try:
        if not path.is_symlink():
            return False
        return not path.resolve().is_relative_to(within.resolve())
    except (OSError, RuntimeError):
        return True


def read_bytes(path: Path, log: ProblemLog, within: Path | None = None) -> bytes | None:
    """The file's bytes, or None with a problem at line 1 (missing, unreadable, not a regular file,
    or — with `within` — a symbolic link that leads out of that directory)."""
    try:
        if within is not None and _leaves(path, within):
            log.add(1, tr("is a symbolic link that leads outside the data directory: not read"))
            return None
        return read_regular(path)
    except FileNotFoundError:
        log.add(1, tr("file not found"))
    except NotRegularFile as error:
        log.add(1, tr("{kind}, not a file: not read", kind=str(error).rsplit(" is ", 1)[-1]))
    except OSError as error:
        log.add(1, tr("cannot read file: {error}", error=error.strerror or type(error).__name__))
    except ValueError:
        log.add(1, tr("cannot read file: its name contains a NUL character"))
    return None


def read_text(path: Path, log: ProblemLog, within: Path | None = None) -> str | None:
    """The file's text as UTF-8 (a UTF-8 BOM is dropped), or None with a problem."""
    raw = read_bytes(path, log, within)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        log.add(line, tr("file is not valid UTF-8{hint}", hint=_encoding_hint(raw)))
        return None
    return text.removeprefix("\ufeff")


# Bytes that are not UTF-8, kept by `read_lenient` as lone surrogates (U+DC80–U+DCFF).
UNDECODED = re.compile("[\udc80-\udcff]")


def read_lenient(path: Path, log: ProblemLog, within: Path | None = None) -> tuple[str, bool] | None:
    """(text, clean) of a data file whose records are read one by one, or None with a problem.

    Bytes that are not UTF-8 do not lose the file: they are kept as lone surrogates (`UNDECODED`),
    `clean` is False, and the reader leaves out only the records that hold them
    (`undecoded_problem` words it).
    """
    raw = read_bytes(path, log, within)
    if raw is None:
        return None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), True
    except UnicodeDecodeError:
        return raw.decode("utf-8", "surrogateescape").removeprefix("\ufeff"), False


def undecoded_problem(record: str) -> str:
    """The message for a record that holds bytes that are not UTF-8 (see `read_lenient`)."""
    return tr("not valid UTF-8{hint}", hint=_encoding_hint(record.encode("utf-8", "surrogateescape")))


def _encoding_hint(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return tr(" (it looks like UTF-16; re-save the file as UTF-8)")
    return tr(" (it looks like GBK/GB18030; re-save the file as UTF-8)") if _looks_gbk(raw) else ""


def _looks_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


# --- parsing, and recovering table by table ------------------------------------------------


def load_toml(
    path: Path,
    log: ProblemLog,
    cache: ParsedCache | None = None,
    *,
    recover: bool = False,
    within: Path | None = None,
) -> tuple[dict[str, Any] | None, TomlLocator | None]:
    """Parse a TOML file; on failure record `path:line: message` and return (None, None).

    With `recover` (data files of many `[[tables]]`), damage loses only the tables it touches:
    the file is parsed table by table (`parse_by_table`), and the result holds every table that
    parsed, each problem at its own line. With a `cache`, a file parsed before *with exactly this
    content* is not parsed again.
    """
    if recover:
        read = read_lenient(path, log, within)
        if read is None:
            return None, None
        text, clean = read
    else:
        strict = read_text(path, log, within)
        if strict is None:
            return None, None
        text, clean = strict, True
    if cache is not None and clean:
        hit = cache.get(path, text)
        if hit is not None:
            data, headers = hit
            return data, TomlLocator(text, headers)
    import tomllib  # here, not at the top: the app's first frame imports this module but parses no TOML

    from workbench.core.data.toml_plain import parse_plain

    if clean:
        try:
            plain = parse_plain(text)  # the usual data file, in a third of tomllib's time
            data = tomllib.loads(text) if plain is None else plain
        except (tomllib.TOMLDecodeError, ValueError, RecursionError) as error:
            if not recover:
                line, message = _error_place(error, 1, text.count("\n") + 1, text)
                log.add(line, tr("TOML syntax error: {message}", message=message))
                return None, None
        else:
            locator = TomlLocator(text)
            if cache is not None:
                cache.put(path, text, data, locator.headers)
            return data, locator
    data, lost = parse_by_table(text, log)
    locator = TomlLocator(text)
    locator.forget_tables(lost)
    return data, locator


# A top-level table header: `[[name]]` or `[name]` with a bare name, also with mismatched
# brackets (`[[name]`: a damaged header still starts a new table). Dotted headers
# (`[quote.extra]`) belong to the table before them.
_TOP_HEADER = re.compile(r"^[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_-]+)[ \t]*\]{0,2}[ \t]*(#.*)?\r?$")
# Where a piece that failed is cut again: any line that starts with `[`, the way every header does.
_LOOSE_HEADER = re.compile(r"^[ \t]*(\[\[?)[^A-Za-z0-9_-]*([A-Za-z0-9_-]*)")
_AT = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)\s*$")


class _Block:
    """Consecutive lines of a TOML text: one top-level table (or what comes before the first)."""

    __slots__ = ("start", "lines", "name", "is_array")

    def __init__(self, start: int, name: str | None, is_array: bool) -> None:
        self.start = start  # 1-based line of its header (of the text's first line for the preamble)
        self.lines: list[str] = []
        self.name = name
        self.is_array = is_array


def _split(lines: list[str], start: int, loose: bool) -> list[_Block]:
    """`lines` cut before every top-level header outside multi-line strings (`loose`: before every
    line that starts with `[`, strings or not)."""
    blocks = [_Block(start, None, False)]
    in_string: str | None = None
    for number, line in enumerate(lines, start=start):
        if (loose or in_string is None) and line.lstrip(" \t")[:1] == "[":
            match = (_LOOSE_HEADER if loose else _TOP_HEADER).match(line)
            if match:
                if number != start:
                    blocks.append(_Block(number, None, False))
                blocks[-1].name = match.group(2) or None
                blocks[-1].is_array = match.group(1) == "[["
        blocks[-1].lines.append(line)
        if not loose and ('"""' in line or "'''" in line):
            in_string = _string_state(line, in_string)
    return blocks


def parse_by_table(text: str, log: ProblemLog) -> tuple[dict[str, Any], set[int]]:
    """Parse each top-level table of `text` on its own: (the merged data of every table that
    parsed, the header lines of the `[[tables]]` left out). Each problem is logged at its line.

    The text is cut at table headers outside multi-line strings. A piece that fails is cut again
    at every line that starts with `[` (an unterminated multi-line string swallows the tables
    after it; a damaged header glues its table to the one before), so only the piece that holds
    the damage is lost.
    """
    data: dict[str, Any] = {}
    lost: set[int] = set()
    arrays: set[str] = set()
    for block in _split(text.split("\n"), 1, loose=False):
        parsed, error = _parse_block(block)
        if parsed is not None:
            _merge(data, parsed, block, log, lost, arrays)
            continue
        pieces = _split(block.lines, block.start, loose=True) if len(block.lines) > 1 else [block]
        if len(pieces) == 1:
            _report(block, error, log, lost)
            continue
        pieces[0].name, pieces[0].is_array = block.name, block.is_array
        for piece in pieces:
            parsed, error = _parse_block(piece)
            if parsed is None:
                _report(piece, error, log, lost)
            else:
                _merge(data, parsed, piece, log, lost, arrays)
    return data, lost


def _parse_block(block: _Block) -> tuple[dict[str, Any] | None, tuple[int, str]]:
    """(data, _) if the block parses alone, else (None, (line, message))."""
    import tomllib

    chunk = "\n".join(block.lines)
    undecoded = UNDECODED.search(chunk)
    if undecoded is not None:
        line = block.start + chunk.count("\n", 0, undecoded.start())
        return None, (line, tr("this part of the file is {problem}", problem=undecoded_problem(chunk)))
    try:
        return tomllib.loads(chunk), (0, "")
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as error:
        line, message = _error_place(error, block.start, block.start + len(block.lines) - 1, chunk)
        return None, (line, tr("TOML syntax error: {message}", message=message))


def _error_place(error: Exception, start: int, end: int, chunk: str) -> tuple[int, str]:
    """(line, message) of a tomllib error in a chunk whose first line is line `start` of its file."""
    import tomllib

    if not isinstance(error, tomllib.TOMLDecodeError):
        return start, tr("cannot be read ({error})", error=type(error).__name__)
    text = getattr(error, "msg", None) or str(error)
    match = _AT.search(str(error))
    message = _AT.sub("", text)
    number = getattr(error, "lineno", None) or (int(match.group(1)) if match and match.group(1) else None)
    if number is not None:
        return start + int(number) - 1, message
    # "at end of document": something opened and never closed; the last `"""` opened it, if any.
    opener = max(chunk.rfind('"""'), chunk.rfind("'''"))
    return (start + chunk.count("\n", 0, opener) if opener >= 0 else start), message


def _report(block: _Block, error: tuple[int, str], log: ProblemLog, lost: set[int]) -> None:
    line, message = error
    if block.is_array and block.name:
        lost.add(block.start)
        if line != block.start:
            message = tr(
                "{message}; the [[{name}]] table line {line} is left out",
                message=message,
                name=block.name,
                line=block.start,
            )
        else:
            message = tr("{message}; the [[{name}]] table here is left out", message=message, name=block.name)
    log.add(line, message)


def _merge(
    data: dict[str, Any], parsed: dict[str, Any], block: _Block, log: ProblemLog, lost: set[int], arrays: set[str]
) -> None:
    """Add one block's tables to `data`; a key that two blocks both define is kept from the first.

    `arrays` holds the keys whose list came from `[[key]]` blocks: only those grow.
    """
    for key, value in parsed.items():
        grows = block.is_array and key == block.name and isinstance(value, list)
        if key not in data:
            data[key] = value
            if grows:
                arrays.add(key)
        elif grows and key in arrays:
            data[key].extend(value)
        else:
            if block.is_array and block.name:
                lost.add(block.start)
            log.add(block.start, tr("TOML: {key!r} is already defined above; this one is left out", key=key))
