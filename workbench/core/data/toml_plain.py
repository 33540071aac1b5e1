"""Plain TOML parsed quickly: the one-value-per-line subset our data files are written in.

tomllib parses the large set's quotes.toml (20,000 tables, 6 MB) in 1.5 s. Data files are nearly
always plain: `[[name]]` headers and `key = value` lines, each value a one-line string without
escapes, a date, an integer, a decimal, a boolean or a one-line array of such strings, with
comments and blank lines between. `parse_plain` reads that subset line by line, about three times
faster, and gives exactly what tomllib gives. At the first line outside it (an escape, a multi-line
string, a dotted or quoted key, a `[table]`, an inline table, anything invalid) it gives None, and
tomllib parses the whole text as before, its errors and all.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

# What TOML forbids in comments and one-line strings: ASCII control characters except the tab.
_NOT_CONTROL = r"[^\x00-\x08\x0a-\x1f\x7f"
_STRING = rf'"{_NOT_CONTROL}"\\]*"|\'{_NOT_CONTROL}\']*\''
# One whole line of the subset, with its newline; each value's group holds its text (a string
# with its quotes, an array with its brackets, so that a matched group is never empty).
_LINES = re.compile(
    r"^[ \t]*(?:"
    r"([A-Za-z0-9_-]+)[ \t]*=[ \t]*(?:"
    rf"({_STRING})"
    r"|([0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"|([+-]?(?:0|[1-9][0-9]*)\.[0-9]+)"
    r"|([+-]?(?:0|[1-9][0-9]*))"
    r"|(true|false)"
    rf"|(\[[ \t]*(?:(?:{_STRING})[ \t]*,[ \t]*)*(?:(?:{_STRING})[ \t]*)?\])"
    r")"
    r"|\[\[[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\]"
    rf")?[ \t]*(?:#{_NOT_CONTROL}]*)?\r?$\n?",
    re.MULTILINE,
)
_ARRAY_ITEM = re.compile(_STRING)
SLICE = 1 << 16  # characters matched in one regex call (about 2 ms), ended at a line's end


class _NotPlain(Exception):
    """The text steps outside the plain subset (or is not valid TOML): leave it to tomllib."""


def parse_plain(text: str) -> dict[str, Any] | None:
    """What `tomllib.loads(text)` gives, when `text` is plain TOML; else None."""
    try:
        return _parse(text)
    except _NotPlain:
        return None


def _parse(text: str) -> dict[str, Any]:
    # Each line must be one of the subset's: a control character or a backslash (an escape) is
    # allowed in none of them. A CR only ends a line before its LF.
    lines = _lines(text)
    if len(lines) != text.count("\n") + 1 or text.endswith("\r"):
        raise _NotPlain
    root: dict[str, Any] = {}
    arrays: set[str] = set()  # root keys made by [[headers]] (a `key = [...]` may not be added to)
    table = root
    for key, string, day, decimal, integer, boolean, array, name in lines:
        if key:
            if key in table:
                raise _NotPlain  # defined twice: tomllib's error
            if string:
                table[key] = string[1:-1]
            elif day:
                table[key] = _date(day)
            elif decimal:
                table[key] = float(decimal)
            elif integer:
                table[key] = int(integer)
            elif boolean:
                table[key] = boolean == "true"
            else:
                table[key] = [item[1:-1] for item in _ARRAY_ITEM.findall(array)]
        elif name:
            if name not in root:
                root[name] = []
                arrays.add(name)
            elif name not in arrays:
                raise _NotPlain
            table = {}
            root[name].append(table)
    return root


def _lines(text: str) -> list[tuple[str, ...]]:
    """`_LINES.findall(text)`, a slice of whole lines at a time: a regex call holds the GIL
    throughout, and over the large set's quotes.toml (6 MB) one call held the app's event loop
    for 190 ms or more while the data loaded in a thread."""
    lines: list[tuple[str, ...]] = []
    start = 0
    while (end := text.find("\n", start + SLICE) + 1) > 0:
        lines += _LINES.findall(text, start, end)
        lines.pop()  # the empty match where the slice ends, after its last newline: not a line
        start = end
    lines += _LINES.findall(text, start)
    return lines


def _date(text: str) -> date:
    try:
        return date(int(text[:4]), int(text[5:7]), int(text[8:]))
    except ValueError:
        raise _NotPlain from None  # 2025-02-30: tomllib's error
