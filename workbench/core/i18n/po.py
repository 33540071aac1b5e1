"""Read gettext `.po` files: the catalogue's one format, the one translators' tools (Poedit, Weblate,
Lokalize) read and write. No compiled `.mo` step: a few hundred messages parse in about a millisecond,
and there is no binary that could fall out of step with its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    """One message: its English id (and plural id), its translation(s), and where it starts."""

    msgid: str = ""
    plural: str | None = None
    context: str | None = None
    strings: dict[int, str] = field(default_factory=dict)  # msgstr, or msgstr[n] by plural form
    line: int = 0
    fuzzy: bool = False


class PoError(ValueError):
    """A line of a `.po` file that is not gettext syntax."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_ESCAPE = re.compile(r"\\(.)")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _string(path: Path, line_no: int, text: str) -> str:
    """A quoted C-style string of the `.po` syntax: `"…"` with \\n \\t \\" \\\\ escapes."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise PoError(path, line_no, "expected a quoted string")
    if not _QUOTED.fullmatch(text):
        raise PoError(path, line_no, "bad string: not one quoted string")

    def unescape(match: re.Match[str]) -> str:
        if match[1] not in _ESCAPES:
            raise PoError(path, line_no, f"unknown escape \\{match[1]}")
        return _ESCAPES[match[1]]

    return _ESCAPE.sub(unescape, text[1:-1])


def read_po(path: Path) -> list[Entry]:
    """Every entry of `path`, the header (msgid "") included; raises PoError with the line."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None  # which field a continuation line extends
    fuzzy = False
    for line_no, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            target = None
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if entry is None or target is None:
                raise PoError(path, line_no, "a continued string with nothing to continue")
            value = _string(path, line_no, line)
            name, index = target
            if name == "msgid":
                entry.msgid += value
            elif name == "msgid_plural":
                entry.plural = (entry.plural or "") + value
            elif name == "msgctxt":
                entry.context = (entry.context or "") + value
            else:
                entry.strings[index] += value
            continue
        if keyword in ("msgctxt", "msgid") and (entry is None or entry.strings):
            entry = Entry(line=line_no, fuzzy=fuzzy)
            entries.append(entry)
            fuzzy = False
        if entry is None:
            raise PoError(path, line_no, f"{keyword!r} before any msgid")
        value = _string(path, line_no, rest)
        if keyword == "msgctxt":
            entry.context, target = value, ("msgctxt", 0)
        elif keyword == "msgid":
            entry.msgid, target = value, ("msgid", 0)
        elif keyword == "msgid_plural":
            entry.plural, target = value, ("msgid_plural", 0)
        elif keyword == "msgstr":
            entry.strings[0], target = value, ("msgstr", 0)
        elif keyword.startswith("msgstr[") and keyword.endswith("]") and keyword[7:-1].isdigit():
            index = int(keyword[7:-1])
            entry.strings[index], target = value, ("msgstr", index)
        else:
            raise PoError(path, line_no, f"unknown keyword {keyword!r}")
    return entries
