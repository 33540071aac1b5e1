"""Make untrusted text safe to put on a terminal: control characters become visible, never act."""

from __future__ import annotations

import re

# C0 controls except tab/newline, DEL, C1 controls, and bidi overrides/isolates that could
# reorder the rest of a line. Each is shown as a visible stand-in.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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
