"""Rich `Text` built from untrusted strings: markup is never parsed, control characters never act."""

from __future__ import annotations

from rich.text import Text

from workbench.core.output.literal import printable


def literal(text: str, style: str = "", *, one_line: bool = True) -> Text:
    """A `Text` showing `text` exactly as written (e.g. `[bold]` stays `[bold]`)."""
    return Text(printable(text, one_line=one_line), style=style, no_wrap=one_line, end="")
