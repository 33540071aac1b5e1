"""The list of quotes in a pane: one line each, company, stance, speaker and text, shown literally."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

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


class QuoteList(OptionList):
    """Quotes matching the pane's filter; moving the cursor shows the quote in its document."""

    DEFAULT_CSS = """
    QuoteList {
        height: 1fr;
        border: none;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0;
        &:focus { border: none; }
    }
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="quote_list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="quote_list.up"),
        Binding("g", "first", "First", show=False, id="quote_list.first"),
        Binding("G", "last", "Last", show=False, id="quote_list.last"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.quote_ids: list[str] = []

    def set_quotes(self, quotes: list[Quote], current: str | None = None) -> None:
        """Replace the list, keeping the cursor on `current` when it is listed."""
        ids = [q.id for q in quotes]
        if ids != self.quote_ids:
            self.quote_ids = ids
            with self.prevent(OptionList.OptionHighlighted):
                self.set_options(Option(quote_prompt(q), id=q.id) for q in quotes)
        self.select_quote(current)

    def select_quote(self, quote_id: str | None) -> None:
        """Put the cursor on a quote without announcing it (the pane already shows it)."""
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = self.quote_ids.index(quote_id) if quote_id in self.quote_ids else None

    @property
    def highlighted_id(self) -> str | None:
        """The id of the quote under the cursor."""
        index = self.highlighted
        return self.quote_ids[index] if index is not None and index < len(self.quote_ids) else None
