"""The one sanitiser for untrusted text leaving the program: a terminal, a CSV, Markdown or JSON.

Text from the data files (documents, tickers, deal parties, file names) may hold terminal
escapes (`ESC]52;…` writes the clipboard, `ESC]0;…` the window title), other control characters,
bidi overrides that reorder what a line seems to say, or spreadsheet formulas. Whatever the
writer, such characters are shown, never obeyed:

- `printable`: for a terminal (and Markdown): each control or bidi character becomes a visible
  stand-in (␛ for ESC, <U+202E> for RIGHT-TO-LEFT OVERRIDE).
- `json_text`: JSON whose strings carry those characters as \\uXXXX escapes, so the JSON stays
  exact and valid, Chinese stays readable, and a terminal showing it acts on nothing.
- `csv_cell`: a text cell that a spreadsheet would run as a formula gets a leading apostrophe,
  the way spreadsheet tools expect; numbers are left to the caller and stay numbers.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls except tab/newline, DEL, C1 controls, the bidi marks, embeddings, overrides and
# isolates that could reorder the rest of a line, and the Unicode line/paragraph separators.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
# In JSON text the C0 controls are escaped by json.dumps already; these are what it leaves raw.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029]")
# What a spreadsheet reads as the start of a formula (or a DDE payload) in a text cell.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␀ for NUL …
    if code == 0x7F:
        return "␡"
    return f"<U+{code:04X}>"


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with terminal control characters replaced by visible symbols (tabs become spaces)."""
    text = _UNSAFE.sub(_visible, text.replace("\t", "    "))
    return " ".join(text.split("\n")) if one_line else text


def visible(text: str) -> str:
    """`text` with control and bidi characters made visible; tabs and newlines kept as they are."""
    return _UNSAFE.sub(_visible, text)


def json_text(value: Any, **options: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, **options)` with every control and bidi character
    written as a \\uXXXX escape: the same data when parsed, inert when shown on a terminal."""
    text = json.dumps(value, ensure_ascii=False, **options)
    # Outside strings JSON is plain ASCII, so these characters can only sit inside strings,
    # where \uXXXX is an exact equivalent.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_cell(text: str) -> str:
    """A text cell for a CSV file: control and bidi characters made visible (newlines and tabs
    kept), and a leading apostrophe when a spreadsheet would otherwise read it as a formula
    (`=`, `+`, `-`, `@`, tab or carriage return first). Apply to text only: a number written
    as a number (`-12.5`) must stay one."""
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return visible(text)
