"""The list of quotes in a pane, one line each (stance, company, speaker, text), drawn only where visible."""

from __future__ import annotations

from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual

from workbench.core.data.model import Quote
from workbench.core.output.literal import printable
from workbench.core.quotes.queries import short_name, with_amounts
from workbench.ui.themes import DOWN, UP
from workbench.ui.widgets.virtual_table import VirtualList, cursor_bindings

# Stance marks readable without colour, in the theme's up/down colours (bull is up, bear down).
STANCE_MARKS = {"bull": ("▲", UP), "bear": ("▼", DOWN), "neutral": ("◆", "$text-muted")}


def safe(text: str) -> str:
    """One line of untrusted text, with control characters made visible."""
    return printable(text, one_line=True)


def stance_mark(stance: str) -> tuple[str, str]:
    """The mark and colour of a stance (a blank for none)."""
    return STANCE_MARKS.get(stance, (" ", ""))


def quote_prompt(quote: Quote, broken: bool = False) -> Content:
    """`▲ GOOGL  Pichai: For us, the risk…` with Chinese amounts converted beside them (✗: not verbatim)."""
    mark, colour = ("✗", "bold $text-error") if broken else stance_mark(quote.stance)
    who = short_name(quote.speaker, 12) if quote.speaker else ""
    return Content.assemble(
        (mark, colour),
        " ",
        (f"{safe(quote.company) or '—':<5} ", "bold"),
        (f"{safe(who)}: " if who else "", "italic"),
        safe(with_amounts(quote.text)),
    )


class LineList(VirtualList):
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
        *cursor_bindings("line_list"),
        Binding("enter", "select", "Open", show=False, id="line_list.select"),
    ]

    class Highlighted(VirtualList.Highlighted):
        """The user moved the cursor onto entry `index`."""

        @property
        def index(self) -> int:
            assert self.position is not None  # a line list announces only a cursor on an entry
            return self.position

    class Selected(Highlighted):
        """Enter on an entry (a Highlighted too: the pane shows it, then moves to it)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0

    @property
    def row_count(self) -> int:
        return self.count

    def prompt(self, index: int) -> Content:
        """The line shown for entry `index` (subclasses say what it is)."""
        return Content("")

    def set_count(self, count: int) -> None:
        """The number of entries changed: redraw (the cursor is the caller's to place)."""
        self.count = count
        self.rows_changed()

    highlighted = VirtualList.cursor  # the entry under the cursor, by the name OptionList uses

    def move_cursor(self, index: int | None, announce: bool = True) -> None:
        """Put the cursor on an entry (or nowhere), telling the parent only if `announce` and there is one."""
        super().move_cursor(index, announce=announce and index is not None and self.count > 0)

    def row_clicked(self, position: int) -> None:
        """A click moves the cursor there (Enter opens)."""
        self.cursor = position

    def render_row(self, position: int, is_cursor: bool, width: int) -> Strip:
        """One entry per row; the cursor row is marked (▌) so it shows without colour."""
        style = self.get_visual_style("line-list--cursor") if is_cursor else self.visual_style
        line = Content.assemble(("▌" if is_cursor else " ", "bold"), self.prompt(position))
        strips = Visual.to_strips(self, line, width, 1, style)
        strip = strips[0] if strips else Strip.blank(width)
        return strip.extend_cell_length(width, style.rich_style).crop(0, width)


class QuoteList(LineList):
    """Quotes matching the pane's filter (thousands stay quick); the cursor shows one in its document."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.quotes: list[Quote] = []
        self.quote_ids: list[str] = []
        self.broken: set[str] = set()  # ids of quotes no longer verbatim in their document
        self._prompts: LRUCache[Quote, Content] = LRUCache(4096)

    def set_quotes(self, quotes: list[Quote], current: str | None = None) -> None:
        """Replace the list, keeping the cursor on `current` when it is listed."""
        # By identity: a reload's quotes equal the old ones in value, and keeping the old
        # objects would keep the replaced dataset's quotes alive.
        if len(quotes) != len(self.quotes) or any(a is not b for a, b in zip(quotes, self.quotes)):
            self.quotes, self.quote_ids = list(quotes), [q.id for q in quotes]
            self.set_count(len(quotes))
        self.select_quote(current)

    def select_quote(self, quote_id: str | None) -> None:
        """Put the cursor on a quote without announcing it (the pane already shows it)."""
        self.move_cursor(self.quote_ids.index(quote_id) if quote_id in self.quote_ids else None, announce=False)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the quote under the cursor."""
        return self.quote_ids[self.cursor] if self.cursor is not None else None

    def prompt_of(self, quote_id: str) -> Content:
        """The line shown for a quote."""
        return self.prompt(self.quote_ids.index(quote_id))

    def prompt(self, index: int) -> Content:
        """`▲ GOOGL  Pichai: For us, the risk…`, made once per quote."""
        quote = self.quotes[index]
        prompt = self._prompts.get(quote)
        if prompt is None:
            prompt = self._prompts[quote] = quote_prompt(quote, quote.id in self.broken)
        return prompt
