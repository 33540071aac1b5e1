"""Wrapping a document into screen rows by terminal cell width, fast enough for 20 MB.

A `DocumentLayout` maps the document's text onto rows of at most `width` cells: each
row is a `[start, end)` slice of the text, so a highlight or a search hit given as a text
offset lands on a row by bisection. CJK characters and emoji take two cells, combining
marks none, exactly as `rich.cells.cell_len` measures them (what Textual draws with).

Rows are computed in order, a batch at a time (`extend`), so a viewer can paint the top
of a huge document at once while a worker lays out the rest.
"""

from __future__ import annotations

import re
import time
from array import array
from bisect import bisect_right
from functools import cache

from rich._unicode_data import load as load_cell_table
from rich.cells import cell_len, split_graphemes

__all__ = ["DocumentLayout", "display_row", "wrap_line"]

# Characters that would act on a terminal, or reorder a line, each replaced by ONE visible
# character so offsets in the text stay offsets on screen.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␀ for NUL …
    if code == 0x7F:
        return "␡"
    if code < 0xA0:
        return "\ufffd"
    if code in (0x2028, 0x2029):
        return "␤"
    return "⇄"  # a bidi control: shown, never obeyed


def display_row(text: str) -> str:
    """`text` safe for the terminal, the same length (tab → one space, ESC → ␛ …)."""
    return _UNSAFE.sub(_stand_in, text)


# Punctuation that never starts a row (kinsoku): it stays with the character before it.
NO_START = frozenset(",.;:!?)]}%、。，．！？；：）」』】〕》〉”’…·・")


@cache
def _classes() -> tuple[re.Pattern[str], str]:
    """A regex splitting text into runs of wide (2-cell), zero-width and narrow characters."""
    table = load_cell_table("auto")
    wide: list[str] = []
    zero: list[str] = []
    for start, end, width in table.widths:
        if start < 0xA0:  # controls: we show a one-cell stand-in for them
            continue
        (wide if width == 2 else zero).append(f"{re.escape(chr(start))}-{re.escape(chr(end))}")
    w, z = "".join(wide), "".join(zero)
    # Control and bidi characters are drawn as one-cell stand-ins, so they count as narrow.
    pattern = re.compile(f"([{w}]+)|([{z}]+)|([^{w}{z}]+)")
    return pattern, "\u200d\ufe0f"


def wrap_line(line: str, width: int) -> list[int]:
    """Offsets in `line` where each row starts (the first is 0): greedy, by cells.

    Breaks after spaces, around CJK and emoji, and hard-splits a word longer than a row.
    """
    width = max(1, width)
    line = display_row(line)  # measure what is drawn: stand-ins take one cell
    if line.isascii():
        return _wrap_ascii(line, width) if len(line) > width else [0]
    pattern, specials = _classes()
    if any(c in line for c in specials):
        return _wrap_graphemes(line, width)
    return _wrap_runs(line, width, pattern)


def _after_spaces(line: str, pos: int, end: int) -> int:
    while pos < end and line[pos] == " ":
        pos += 1
    return pos


def _wrap_ascii(line: str, width: int) -> list[int]:
    starts = [0]
    n = len(line)
    row = 0
    while n - row > width:
        space = line.rfind(" ", row + 1, row + width + 1)  # a space may hang past the edge
        cut = _after_spaces(line, space + 1, n) if space > row else row + width
        if cut >= n:
            break
        starts.append(cut)
        row = cut
    return starts


def _wrap_runs(line: str, width: int, pattern: re.Pattern[str]) -> list[int]:
    """Greedy wrap over runs of narrow / wide / zero-width characters."""
    starts = [0]
    row = used = 0
    brk = brk_used = -1  # the last place the row could end, and the cells before it
    n = len(line)
    for match in pattern.finditer(line):
        a, b = match.span()
        if match.lastindex == 2:  # zero width: never separated from what precedes it
            if brk == a:
                brk = b
            continue
        pos = a
        if match.lastindex == 1:  # wide: a break may come before or after any character
            if a > row and line[a] not in NO_START:
                brk, brk_used = a, used
            while pos < b:
                fit = (width - used) // 2
                if b - pos <= fit:
                    used += 2 * (b - pos)
                    pos = b
                    break
                if fit:
                    cut = pos + fit
                    if line[cut] in NO_START and cut - 1 > row:
                        cut -= 1  # keep closing punctuation with the character before it
                elif used == 0:
                    cut = pos + 1  # a row too narrow for one wide character still shows it
                elif line[pos] in NO_START and brk > row:
                    # Break earlier: what follows the break moves down with the punctuation.
                    starts.append(brk)
                    row, used, brk = brk, _cells_between(line, brk, pos, pattern), -1
                    continue
                else:
                    cut = pos
                if cut >= n:
                    break  # the line ends here: no empty row after it
                starts.append(cut)
                row, pos, used, brk = cut, cut, 0, -1
            if b >= n or line[b] not in NO_START:
                brk, brk_used = b, used
            elif b - 1 > row and b - 1 >= a:
                brk, brk_used = b - 1, used - 2  # punctuation follows: break before the last character
            continue
        while pos < b:  # narrow: break after spaces
            room = width - used
            if b - pos <= room:
                space = line.rfind(" ", pos, b)
                if space >= 0 and space + 1 > row:
                    brk, brk_used = space + 1, used + space + 1 - pos
                used += b - pos
                pos = b
                break
            space = line.rfind(" ", pos, pos + room + 1)
            if space >= pos and space + 1 > row:
                cut = _after_spaces(line, space + 1, n)
                pos, used = cut, 0
            elif brk > row:
                cut = brk
                used -= brk_used
            else:
                cut = pos + room if room > 0 else pos  # no place to break: split the word
                pos, used = cut, 0
            if cut >= n:
                break
            starts.append(cut)
            row, brk = cut, -1
    return starts


def _cells_between(line: str, a: int, b: int, pattern: re.Pattern[str]) -> int:
    """Cells of line[a:b] (no emoji sequences: the caller checked)."""
    total = 0
    for match in pattern.finditer(line, a, b):
        if match.lastindex == 1:
            total += 2 * (match.end() - match.start())
        elif match.lastindex == 3:
            total += match.end() - match.start()
    return total


def _wrap_graphemes(line: str, width: int) -> list[int]:
    """The careful path for lines with emoji sequences (ZWJ, VS16): one grapheme at a time."""
    spans, _ = split_graphemes(line)
    starts = [0]
    row = used = 0
    brk = brk_used = -1
    for start, end, cells in spans:
        if cells and used + cells > width and start > row and line[start] != " ":
            if brk > row and cells < 2:
                cut, used = brk, used - brk_used
            else:
                cut, used = start, 0
            starts.append(cut)
            row, brk = cut, -1
        if cells == 2 and start > row:
            brk, brk_used = start, used
        used += cells
        if cells == 2 or line[start] == " ":
            brk, brk_used = end, used
    return starts


class DocumentLayout:
    """The rows of one document at one width; built in order by `extend`, read any time."""

    def __init__(self, text: str, width: int) -> None:
        self.text = text
        self.width = max(1, width)
        self.starts = array("q")  # text offset where each row starts
        self.ends = array("q")  # and where it ends (a row never holds its newline)
        self._next = 0  # offset of the next line still to lay out
        self.done = not text and self._finish_empty()

    def _finish_empty(self) -> bool:
        self.starts.append(0)
        self.ends.append(0)
        return True

    @property
    def rows(self) -> int:
        return len(self.starts)

    def extend(self, budget_s: float | None = None, until_offset: int | None = None) -> bool:
        """Lay out more lines: for `budget_s` seconds, up to `until_offset`, or to the end.

        Returns True once the whole document is laid out.
        """
        if self.done:
            return True
        text, width = self.text, self.width
        starts_append, ends_append = self.starts.append, self.ends.append
        find = text.find
        n = len(text)
        pos = self._next
        deadline = None if budget_s is None else time.perf_counter() + budget_s
        count = 0
        while True:
            if pos > n or (pos == n and n and text[n - 1] == "\n"):
                # The file's final newline ends its last line rather than starting an empty one.
                pos = n + 1
                break
            end = find("\n", pos)
            if end < 0:
                end = n
            length = end - pos
            if length * 2 <= width or (length <= width and _fits(text[pos:end], width)):
                starts_append(pos)
                ends_append(end)
            else:
                cuts = wrap_line(text[pos:end], width)
                for i, cut in enumerate(cuts):
                    starts_append(pos + cut)
                    ends_append(pos + cuts[i + 1] if i + 1 < len(cuts) else end)
            pos = end + 1
            count += 1
            if until_offset is not None and pos > until_offset:
                break
            if deadline is not None and count % 256 == 0 and time.perf_counter() > deadline:
                break
        self._next = pos
        self.done = pos > n
        return self.done

    def row_of(self, offset: int) -> int:
        """The row holding text offset `offset` (the last row laid out if beyond it)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def row_text(self, row: int) -> str:
        """The text shown on `row`, already safe for the terminal."""
        return display_row(self.text[self.starts[row] : self.ends[row]])


def _fits(line: str, width: int) -> bool:
    return line.isascii() or cell_len(display_row(line)) <= width
