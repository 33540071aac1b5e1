"""A source document, virtualised: only the visible rows are drawn, wrapped by cell width.

Wrapping runs in a thread worker a batch at a time, so the top of a 20 MB document shows
at once and the rest arrives while the user reads. Text offsets (a quote, search hits)
are highlighted wherever they fall; Q&A transcripts get a gutter saying who speaks.

A passage can be selected to pin as a quote: `start_selection` (the `v` key of the Quotes
screen) or a mouse drag, then extended and shrunk by character, word or sentence; Enter
posts `PassageChosen` with the offsets, so the quote is verbatim by construction.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from workbench.core.capture.selection import Selection
from workbench.core.i18n import N_
from workbench.core.quotes.queries import Turn
from workbench.ui.widgets.document_layout import DocumentLayout, display_row

GUTTER = 13  # cells for "A Olsavsky │ " in a Q&A transcript
_END = -1  # a pending reveal of the document's end


class SourceDocumentView(ScrollView, can_focus=True):
    """Read-only view of one document with the current quote and every search match highlighted."""

    COMPONENT_CLASSES = {
        "document-view--quote",
        "document-view--match",
        "document-view--current",
        "document-view--question",
        "document-view--answer",
        "document-view--gutter",
        "document-view--selection",
    }

    DEFAULT_CSS = """
    SourceDocumentView {
        overflow-y: scroll;  /* a steady width: a scrollbar appearing would re-wrap everything */
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        background: $surface;
        & > .document-view--quote { background: $accent 45%; text-style: bold underline; }
        & > .document-view--match { background: $warning 40%; text-style: reverse; }
        & > .document-view--current { background: $warning; color: $background; text-style: bold reverse; }
        & > .document-view--question { color: $text-secondary; text-style: bold; }
        & > .document-view--answer { color: $text-success; text-style: bold; }
        & > .document-view--gutter { color: $text-muted; }
        & > .document-view--selection { background: $success 60%; color: $text; text-style: bold underline; }
    }
    """

    BINDINGS = [
        Binding("j", "scroll_down", N_("Down"), show=False, id="document.down"),
        Binding("k", "scroll_up", N_("Up"), show=False, id="document.up"),
        Binding("g", "scroll_home", N_("Top"), show=False, id="document.top"),
        Binding("G", "scroll_end", N_("End"), show=False, id="document.end"),
        Binding("space", "page_down", N_("Page down"), show=False, id="document.page_down"),
        Binding("b", "page_up", N_("Page up"), show=False, id="document.page_up"),
        # While a passage is selected (each is inactive otherwise, so the keys above still scroll).
        Binding("right,l", "select('end', 'char', 1)", N_("+char"), id="select.char_more"),
        Binding("left,h", "select('end', 'char', -1)", N_("-char"), id="select.char_less"),
        Binding("w", "select('end', 'word', 1)", N_("+word"), id="select.word_more"),
        Binding("W", "select('end', 'word', -1)", N_("-word"), id="select.word_less"),
        Binding("s", "select('end', 'sentence', 1)", N_("+sentence"), id="select.sentence_more"),
        Binding("S", "select('end', 'sentence', -1)", N_("-sentence"), id="select.sentence_less"),
        Binding("less_than_sign", "select('start', 'word', -1)", N_("start◀"), id="select.start_earlier"),
        Binding("greater_than_sign", "select('start', 'word', 1)", N_("start▶"), id="select.start_later"),
        Binding("enter", "pin", N_("Pin"), id="select.pin"),
        Binding("escape", "cancel_selection", N_("Cancel"), id="select.cancel"),
    ]

    class Revealed(Message):
        """The pending target (a quote, a match or the end) is now in view."""

    class SelectionChanged(Message):
        """A passage is being selected (`selection`), or no longer (`None`)."""

        def __init__(self, selection: Selection | None) -> None:
            super().__init__()
            self.selection = selection

    class PassageChosen(Message):
        """Enter on a selection: pin `text[start:end]` of the document shown (`key`)."""

        def __init__(self, key: object, start: int, end: int) -> None:
            super().__init__()
            self.key, self.start, self.end = key, start, end

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.key: object = None  # which document is shown (the caller's key, e.g. a source id)
        self._text = ""
        self._layout: DocumentLayout | None = None  # what is drawn
        self._next_layout: DocumentLayout | None = None  # a re-wrap at a new width, drawn once ready
        self._anchor = 0  # text offset kept at the top across a re-wrap
        self._pending: tuple[int, int] | None = None  # (offset, length) to reveal once laid out
        self._focus: tuple[int, int] | None = None  # the quote
        self._current: tuple[int, int] | None = None  # the current search match
        self._match_starts: Sequence[int] = array("q")
        self._match_len = 0
        self._turns: list[Turn] = []
        self._turn_starts: list[int] = []
        self._cache: LRUCache[tuple[int, int, int, bool], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self._selection: Selection | None = None
        self._dragging = False

    # ------------------------------------------------------------------ public API

    @property
    def text(self) -> str:
        return self._text

    @property
    def laid_out(self) -> bool:
        """True once every row of the document is known."""
        return self._layout is not None and self._layout.done and self._next_layout is None

    @property
    def row_count(self) -> int:
        return self._layout.rows if self._layout is not None else 0

    def show_document(
        self,
        key: object,
        text: str,
        *,
        focus: tuple[int, int] | None = None,
        matches: Sequence[int] = (),
        match_len: int = 0,
        current: tuple[int, int] | None = None,
        turns: list[Turn] | None = None,
        reveal: bool = True,
    ) -> None:
        """Show `text` (re-wrapped only if it changed), highlight, and bring the target into view.

        The target is the current match, else the quote (`focus`), else the top. With
        `reveal` false, the same document stays where the reader left it.
        """
        if key != self.key or text is not self._text:
            self._end_selection()
        self._focus, self._current = focus, current
        self._match_starts, self._match_len = matches, match_len
        self._turns = turns or []
        self._turn_starts = [t.start for t in self._turns]
        self._refresh_rows()
        target = current or focus
        if key != self.key or text is not self._text:
            self.key, self._text = key, text
            self._layout = self._next_layout = None
            self._pending = target or (0, 0)
            self.scroll_to(y=0, animate=False, immediate=True)
            self._start_layout()
        else:
            current_layout = self._next_layout or self._layout
            if current_layout is not None and current_layout.width != self._wrap_width():
                self._start_layout()  # the gutter came or went
            if target is not None and reveal:
                self.reveal(*target)

    def reveal(self, offset: int, length: int = 0) -> None:
        """Scroll so text at `offset` is in view with some context above (once laid out)."""
        self._pending = (offset, length)
        self._try_reveal()

    def top_offset(self) -> int:
        """The text offset of the first visible row."""
        layout = self._layout
        if layout is None or not layout.rows:
            return 0
        return layout.starts[min(round(self.scroll_y), layout.rows - 1)]

    # ------------------------------------------------------------------ selecting a passage

    @property
    def selection(self) -> Selection | None:
        return self._selection

    def start_selection(self, offset: int | None = None) -> None:
        """Select the sentence at `offset` (default: the quote or match shown, else the top row)."""
        if not self._text:
            return
        if offset is None:
            target = self._current or self._focus
            offset = target[0] if target is not None else self.top_offset()
        self._selection = Selection.sentence_at(self._text, offset)
        self._selection_moved()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The selection keys act only while a passage is selected."""
        if action in ("select", "pin", "cancel_selection"):
            return self._selection is not None
        return True

    def action_select(self, edge: str, unit: str, step: int) -> None:
        """Move the selection's end (or start) by a character, word or sentence."""
        if self._selection is None:
            return
        if edge == "start":
            self._selection.move_start(unit, step)
        else:
            self._selection.extend(unit, step)
        self._selection_moved()

    def action_pin(self) -> None:
        """Pin the selected passage (the screen asks for the quote's details)."""
        sel = self._selection
        if sel is not None and sel.passage.strip():
            self.post_message(self.PassageChosen(self.key, sel.start, sel.end))

    def action_cancel_selection(self) -> None:
        """Stop selecting."""
        self._end_selection()

    def _end_selection(self) -> None:
        if self._selection is not None:
            self._selection = None
            self._dragging = False
            self._refresh_rows()
            self.post_message(self.SelectionChanged(None))

    def _selection_moved(self) -> None:
        self._refresh_rows()
        sel = self._selection
        if sel is not None:
            if not self._dragging:
                self.reveal(sel.end, 0)
            self.post_message(self.SelectionChanged(sel))
        self.refresh_bindings()

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under a point of the view (None past the text)."""
        layout = self._layout
        row = round(self.scroll_y) + y
        if layout is None or not 0 <= row < layout.rows:
            return None
        x -= GUTTER if self._turns else 0
        start, end = layout.starts[row], layout.ends[row]
        cells = 0
        for offset in range(start, end):
            cells += cell_len(display_row(self._text[offset]))
            if cells > x:
                return offset
        return end

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press and drag to select a passage."""
        offset = self.offset_at(event.x, event.y)
        if offset is None or event.button != 1:
            return
        self._selection = Selection(self._text, offset, offset)
        self._dragging = True
        self.capture_mouse()
        self._selection_moved()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Dragging extends the selection to the character under the pointer."""
        if not self._dragging or self._selection is None:
            return
        offset = self.offset_at(event.x, event.y)
        if offset is not None:
            anchor = self._selection.start if offset >= self._selection.start else self._selection.end
            self._selection.start, self._selection.end = min(anchor, offset + 1), max(anchor, offset + 1)
            self._selection_moved()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        """The drag ends; a plain click (nothing selected) selects nothing."""
        if not self._dragging:
            return
        self._dragging = False
        self.release_mouse()
        if self._selection is not None and self._selection.start == self._selection.end:
            self._end_selection()

    # ------------------------------------------------------------------ layout

    def _wrap_width(self) -> int:
        return max(1, self.scrollable_content_region.width - (GUTTER if self._turns else 0))

    def _start_layout(self) -> None:
        if not self.scrollable_content_region.width:
            return  # not sized yet: on_resize starts it
        layout = DocumentLayout(self._text, self._wrap_width())
        if self._layout is None:
            self._layout = layout  # first wrap: draw rows as they arrive
        else:
            self._next_layout, self._anchor = layout, self.top_offset()
        self._lay_out(layout)

    @work(thread=True, exclusive=True, group="document-layout", exit_on_error=False)
    def _lay_out(self, layout: DocumentLayout) -> None:
        """Wrap the document in batches, handing each batch to the view as it is ready."""
        worker = get_current_worker()
        budget = 0.02  # a small first batch: the first screenful paints at once
        while not worker.is_cancelled:
            done = layout.extend(budget_s=budget)
            self.app.call_from_thread(self._laid_out, layout)
            if done:
                return
            budget = 0.1

    def _laid_out(self, layout: DocumentLayout) -> None:
        """A batch of rows is ready: grow the scroll range, swap in a re-wrap, reveal."""
        if layout is self._next_layout:
            if not layout.done and layout.rows and layout.starts[-1] <= self._anchor:
                return  # keep drawing the old wrap until the new one reaches the top row
            self._layout, self._next_layout = layout, None
            self._sync_size()
            if self._pending is None:
                self.scroll_to(y=layout.row_of(self._anchor), animate=False, immediate=True)
        elif layout is not self._layout:
            return  # from a document or width no longer shown
        self._sync_size()
        self._try_reveal()

    def _sync_size(self) -> None:
        layout = self._layout
        rows = layout.rows if layout is not None else 0
        size = Size(self.scrollable_content_region.width, rows)
        if size != self.virtual_size:
            self.virtual_size = size
        self._refresh_rows()

    def _try_reveal(self) -> None:
        layout = self._layout
        if self._pending is None or layout is None or self._next_layout is not None:
            return
        offset, length = self._pending
        if offset == _END:
            if not layout.done:
                return
            self.scroll_to(y=max(0, layout.rows - self.scrollable_content_region.height), animate=False, immediate=True)
        else:
            last = offset + max(length - 1, 0)
            if not layout.done and (not layout.rows or layout.starts[-1] <= last):
                return
            first_row, last_row = layout.row_of(offset), layout.row_of(last)
            height = self.scrollable_content_region.height
            above = max(1, height // 4) if last_row - first_row < height - height // 4 else 0
            self.scroll_to(y=max(0, first_row - above), animate=False, immediate=True)
        self._pending = None
        self.post_message(self.Revealed())

    def on_resize(self) -> None:
        """Re-wrap at the new width (the old wrap stays drawn until the new one is ready)."""
        width = self._wrap_width()
        current = self._next_layout or self._layout
        if current is None or current.width != width:
            self._start_layout()
        else:
            self._sync_size()

    # ------------------------------------------------------------------ scrolling keys

    def action_scroll_end(self) -> None:
        """Go to the end of the document (once it is laid out)."""
        self.reveal(_END)

    def action_scroll_home(self) -> None:
        """Go to the top of the document."""
        self._pending = None
        self.scroll_to(y=0, animate=False)

    # ------------------------------------------------------------------ drawing

    def notify_style_update(self) -> None:
        """Theme or CSS changed: drop cached styles and rows."""
        super().notify_style_update()
        self._styles.clear()
        self._refresh_rows()

    def _refresh_rows(self) -> None:
        self._cache.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            base = self.rich_style
            style = base if name == "base" else base + self.get_component_rich_style(f"document-view--{name}")
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        """Draw one screen row of the document."""
        width = self.scrollable_content_region.width
        row = round(self.scroll_y) + y
        layout = self._layout
        if layout is None or row >= layout.rows:
            return Strip.blank(width, self._style("base"))
        top = y == 0  # the top row names the speaker even mid-turn
        key = (id(layout), row, width, top)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(layout, row, width, top)
            self._cache[key] = strip
        return strip

    def _render_row(self, layout: DocumentLayout, row: int, width: int, top: bool = False) -> Strip:
        start, end = layout.starts[row], layout.ends[row]
        shown = display_row(layout.text[start:end])
        segments = self._gutter(start, top) if self._turns else []
        for a, b, name in self._pieces(start, end):
            segments.append(Segment(shown[a - start : b - start], self._style(name)))
        return Strip(segments).adjust_cell_length(width, self._style("base"))

    def _pieces(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """[start, end) cut where highlights begin or end, each piece with its style name."""
        ranges: list[tuple[int, int, int]] = []  # (a, b, priority)
        starts, n = self._match_starts, self._match_len
        if n:
            i = bisect_left(starts, start - n + 1)
            while i < len(starts) and starts[i] < end:
                ranges.append((starts[i], starts[i] + n, 1))
                i += 1
        selected = (self._selection.start, self._selection.end - self._selection.start) if self._selection else None
        for rng, priority in ((self._focus, 2), (self._current, 3), (selected, 4)):
            if rng is not None and rng[0] < end and rng[0] + rng[1] > start:
                ranges.append((rng[0], rng[0] + rng[1], priority))
        if not ranges:
            return [(start, end, "base")] if end > start else []
        cuts = sorted({start, end} | {max(start, min(end, p)) for a, b, _ in ranges for p in (a, b)})
        names = ("base", "match", "quote", "current", "selection")
        pieces = []
        for a, b in zip(cuts, cuts[1:]):
            best = max((p for ra, rb, p in ranges if ra <= a and rb >= b), default=0)
            pieces.append((a, b, names[best]))
        return pieces

    def _gutter(self, start: int, top: bool = False) -> list[Segment]:
        """Who speaks: "Q analyst" on a turn's first row (and the top row), a bar on the rest."""
        i = bisect_right(self._turn_starts, start) - 1
        turn = self._turns[i] if i >= 0 and start < self._turns[i].end else None
        if turn is None:
            return [Segment(" " * GUTTER, self._style("base"))]
        role = "question" if turn.asks else "answer"
        if start == turn.start or top:
            label = display_row(turn.label(GUTTER - 5))
            return [
                Segment(label, self._style(role)),
                Segment(" " * max(1, GUTTER - 2 - cell_len(label)) + "│ ", self._style("gutter")),
            ]
        return [Segment(" " * (GUTTER - 2) + "│ ", self._style("gutter"))]
