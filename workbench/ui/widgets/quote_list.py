"""The list of quotes in a pane: one line each (stance, company, speaker, text), drawn only where visible."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from workbench.core.literal import printable
from workbench.core.model import Quote
from workbench.core.quotes import short_name, with_amounts

# Stance marks readable without colour.
STANCE_MARKS = {"bull": ("▲", "$success"), "bear": ("▼", "$error"), "neutral": ("◆", "$text-muted")}


def safe(text: str) -> str:
    """One line of untrusted text, with control characters made visible."""
    return printable(text, one_line=True)


def stance_mark(stance: str) -> tuple[str, str]:
    """The mark and colour of a stance (a blank for none)."""
    return STANCE_MARKS.get(stance, (" ", ""))


def quote_prompt(quote: Quote) -> Content:
    """`▲ GOOGL  Pichai: For us, the risk…` with Chinese amounts converted beside them."""
    mark, colour = stance_mark(quote.stance)
    who = short_name(quote.speaker, 12) if quote.speaker else ""
    return Content.assemble(
        (mark, colour),
        " ",
        (f"{safe(quote.company) or '—':<5} ", "bold"),
        (f"{safe(who)}: " if who else "", "italic"),
        safe(with_amounts(quote.text)),
    )


class QuoteList(ScrollView, can_focus=True):
    """Quotes matching the pane's filter, virtualised (thousands stay quick); the cursor shows one."""

    COMPONENT_CLASSES = {"quote-list--cursor"}

    DEFAULT_CSS = """
    QuoteList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $surface;
        & > .quote-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .quote-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
    }
    """

    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False, id="quote_list.down"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="quote_list.up"),
        Binding("home,g", "cursor_to(0)", "First", show=False, id="quote_list.first"),
        Binding("end,G", "cursor_to(-1)", "Last", show=False, id="quote_list.last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="quote_list.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="quote_list.page_up"),
        Binding("enter", "select", "Read", show=False, id="quote_list.select"),
    ]

    class Highlighted(Message):
        """The user moved the cursor onto a quote."""

        def __init__(self, quote_list: QuoteList, quote_id: str) -> None:
            super().__init__()
            self.quote_list = quote_list
            self.quote_id = quote_id

    class Selected(Highlighted):
        """Enter (or a click) on a quote."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.quotes: list[Quote] = []
        self.quote_ids: list[str] = []
        self._cursor: int | None = None
        self._prompts: LRUCache[Quote, Content] = LRUCache(4096)

    # ------------------------------------------------------------------ content

    def set_quotes(self, quotes: list[Quote], current: str | None = None) -> None:
        """Replace the list, keeping the cursor on `current` when it is listed."""
        ids = [q.id for q in quotes]
        if ids != self.quote_ids or quotes != self.quotes:
            self.quotes, self.quote_ids = list(quotes), ids
            self.virtual_size = Size(self.scrollable_content_region.width, len(ids))
            self.refresh()
        self.select_quote(current)

    def select_quote(self, quote_id: str | None) -> None:
        """Put the cursor on a quote without announcing it (the pane already shows it)."""
        self._move(self.quote_ids.index(quote_id) if quote_id in self.quote_ids else None, announce=False)

    @property
    def highlighted(self) -> int | None:
        """The row under the cursor, if any."""
        return self._cursor

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        self._move(index, announce=True)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the quote under the cursor."""
        return self.quote_ids[self._cursor] if self._cursor is not None else None

    def prompt_of(self, quote_id: str) -> Content:
        """The line shown for a quote."""
        return self._prompt(self.quotes[self.quote_ids.index(quote_id)])

    def _prompt(self, quote: Quote) -> Content:
        prompt = self._prompts.get(quote)
        if prompt is None:
            prompt = self._prompts[quote] = quote_prompt(quote)
        return prompt

    def _move(self, index: int | None, announce: bool) -> None:
        if index is not None:
            index = max(0, min(index, len(self.quote_ids) - 1)) if self.quote_ids else None
        if index != self._cursor:
            self._cursor = index
            self.refresh()
        if index is not None:
            self.scroll_to_region(self._row_region(index), animate=False, immediate=True, force=True)
            if announce:
                self.post_message(self.Highlighted(self, self.quote_ids[index]))

    def _row_region(self, index: int) -> Region:
        return Region(0, index, max(1, self.scrollable_content_region.width), 1)

    # ------------------------------------------------------------------ keys and mouse

    def action_cursor(self, step: int) -> None:
        """Move the cursor (the pane shows the quote under it)."""
        if self.quote_ids:
            self.highlighted = 0 if self._cursor is None else self._cursor + step

    def action_cursor_to(self, index: int) -> None:
        """The first or last quote."""
        if self.quote_ids:
            self.highlighted = index % len(self.quote_ids)

    def action_page(self, direction: int) -> None:
        """A page down or up."""
        self.action_cursor(direction * max(1, self.scrollable_content_region.height - 1))

    def action_select(self) -> None:
        """Enter: read the quote under the cursor in its document."""
        if self._cursor is not None:
            self.post_message(self.Selected(self, self.quote_ids[self._cursor]))

    def on_click(self, event: events.Click) -> None:
        """A click shows the quote clicked on."""
        index = round(self.scroll_y) + event.y
        if 0 <= index < len(self.quote_ids):
            self.highlighted = index

    def on_resize(self) -> None:
        """Keep the scroll range in step with the width."""
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.quote_ids))

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        """One quote per row; the cursor row is marked (▌) so it shows without colour."""
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        if index >= len(self.quotes):
            return Strip.blank(width, self.rich_style)
        cursor = index == self._cursor
        style = self.get_visual_style("quote-list--cursor") if cursor else self.visual_style
        line = Content.assemble(("▌" if cursor else " ", "bold"), self._prompt(self.quotes[index]))
        strips = Visual.to_strips(self, line, width, 1, style)
        strip = strips[0] if strips else Strip.blank(width)
        return strip.extend_cell_length(width, style.rich_style).crop(0, width)
