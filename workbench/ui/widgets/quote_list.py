"""The list of quotes in a pane, one line each (stance, company, speaker, text), drawn only where visible."""

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


class LineList(ScrollView, can_focus=True):
    """A list of one-line entries with a cursor, virtualised: only the rows on screen are drawn."""

    COMPONENT_CLASSES = {"line-list--cursor"}

    DEFAULT_CSS = """
    LineList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $surface;
        & > .line-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .line-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
    }
    """

    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False, id="line_list.down"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="line_list.up"),
        Binding("home,g", "cursor_to(0)", "First", show=False, id="line_list.first"),
        Binding("end,G", "cursor_to(-1)", "Last", show=False, id="line_list.last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="line_list.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="line_list.page_up"),
        Binding("enter", "select", "Open", show=False, id="line_list.select"),
    ]

    class Highlighted(Message):
        """The user moved the cursor onto an entry."""

        def __init__(self, line_list: LineList, index: int) -> None:
            super().__init__()
            self.line_list = line_list
            self.index = index

    class Selected(Highlighted):
        """Enter on an entry."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0
        self._cursor: int | None = None

    def prompt(self, index: int) -> Content:
        """The line shown for entry `index` (subclasses say what it is)."""
        return Content("")

    def set_count(self, count: int) -> None:
        """The number of entries changed: redraw (the cursor is the caller's to place)."""
        self.count = count
        self.virtual_size = Size(self.scrollable_content_region.width, count)
        self.refresh()

    @property
    def highlighted(self) -> int | None:
        """The entry under the cursor, if any."""
        return self._cursor

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        self.move_cursor(index, announce=True)

    def move_cursor(self, index: int | None, announce: bool) -> None:
        """Put the cursor on an entry (or nowhere), telling the parent only if `announce`."""
        if index is not None:
            index = max(0, min(index, self.count - 1)) if self.count else None
        if index != self._cursor:
            self._cursor = index
            self.refresh()
        if index is not None:
            region = Region(0, index, max(1, self.scrollable_content_region.width), 1)
            self.scroll_to_region(region, animate=False, immediate=True, force=True)
            if announce:
                self.post_message(self.Highlighted(self, index))

    def action_cursor(self, step: int) -> None:
        """Move the cursor."""
        if self.count:
            self.highlighted = 0 if self._cursor is None else self._cursor + step

    def action_cursor_to(self, index: int) -> None:
        """The first or last entry."""
        if self.count:
            self.highlighted = index % self.count

    def action_page(self, direction: int) -> None:
        """A page down or up."""
        self.action_cursor(direction * max(1, self.scrollable_content_region.height - 1))

    def action_select(self) -> None:
        """Enter: open the entry under the cursor."""
        if self._cursor is not None:
            self.post_message(self.Selected(self, self._cursor))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor there."""
        index = round(self.scroll_y) + event.y
        if 0 <= index < self.count:
            self.highlighted = index

    def on_resize(self) -> None:
        """Keep the scroll range in step with the width."""
        self.virtual_size = Size(self.scrollable_content_region.width, self.count)

    def render_line(self, y: int) -> Strip:
        """One entry per row; the cursor row is marked (▌) so it shows without colour."""
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        if index >= self.count:
            return Strip.blank(width, self.rich_style)
        cursor = index == self._cursor
        style = self.get_visual_style("line-list--cursor") if cursor else self.visual_style
        line = Content.assemble(("▌" if cursor else " ", "bold"), self.prompt(index))
        strips = Visual.to_strips(self, line, width, 1, style)
        strip = strips[0] if strips else Strip.blank(width)
        return strip.extend_cell_length(width, style.rich_style).crop(0, width)


class QuoteList(LineList):
    """Quotes matching the pane's filter (thousands stay quick); the cursor shows one in its document."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.quotes: list[Quote] = []
        self.quote_ids: list[str] = []
        self._prompts: LRUCache[Quote, Content] = LRUCache(4096)

    def set_quotes(self, quotes: list[Quote], current: str | None = None) -> None:
        """Replace the list, keeping the cursor on `current` when it is listed."""
        if quotes != self.quotes:
            self.quotes, self.quote_ids = list(quotes), [q.id for q in quotes]
            self.set_count(len(quotes))
        self.select_quote(current)

    def select_quote(self, quote_id: str | None) -> None:
        """Put the cursor on a quote without announcing it (the pane already shows it)."""
        self.move_cursor(self.quote_ids.index(quote_id) if quote_id in self.quote_ids else None, announce=False)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the quote under the cursor."""
        return self.quote_ids[self._cursor] if self._cursor is not None else None

    def prompt_of(self, quote_id: str) -> Content:
        """The line shown for a quote."""
        return self.prompt(self.quote_ids.index(quote_id))

    def prompt(self, index: int) -> Content:
        """`▲ GOOGL  Pichai: For us, the risk…`, made once per quote."""
        quote = self.quotes[index]
        prompt = self._prompts.get(quote)
        if prompt is None:
            prompt = self._prompts[quote] = quote_prompt(quote)
        return prompt
