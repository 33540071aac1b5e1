"""Our English translation of a document's quotes, beside the original in the other pane."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from workbench.core.data.model import Quote
from workbench.core.i18n import N_, tr
from workbench.core.quotes.queries import Turn, turn_at, with_amounts
from workbench.ui.widgets.quote_list import safe


class GlossEntry(Static):
    """One quote: who says it (and in which turn), the original, and our translation."""

    DEFAULT_CSS = """
    GlossEntry {
        padding: 0 1 1 1;
        border-left: blank;
        &.-current { border-left: thick $accent; background: $accent 15%; }
    }
    """

    def __init__(self, quote: Quote, turn: Turn | None) -> None:
        super().__init__(_entry(quote, turn), markup=False)
        self.quote_id = quote.id


def _entry(quote: Quote, turn: Turn | None) -> Content:
    if turn is not None:
        role = tr("Q · asks") if turn.asks else tr("A · answers")
        who = tr("{role}: {speaker}", role=role, speaker=quote.speaker or turn.speaker or tr("not named"))
    else:
        who = quote.speaker or quote.company or tr("speaker not given")
    gloss = quote.translation or tr("(no translation in the data)")
    return Content.assemble(
        (safe(who), "bold $text-secondary"),
        "\n",
        (safe(with_amounts(quote.text)), "$text-muted"),
        "\n",
        (tr("EN "), "bold"),
        (safe(gloss), "" if quote.translation else "italic $text-muted"),
    )


class GlossView(VerticalScroll, can_focus=True):
    """Every quote of one document in order, original then our gloss; the current one marked."""

    BINDINGS = [
        Binding("j", "scroll_down", N_("Down"), show=False, id="gloss.down"),
        Binding("k", "scroll_up", N_("Up"), show=False, id="gloss.up"),
    ]

    DEFAULT_CSS = """
    GlossView {
        height: 1fr;
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    GlossView > .gloss-note { color: $text-muted; text-style: italic; padding: 0 1 1 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.source_id: str | None = None
        self.current: str | None = None
        self._ids: list[str] = []

    def show_quotes(self, source_id: str, quotes: list[Quote], turns: list[Turn], current: str | None) -> None:
        """Fill with a document's quotes (rebuilt only when the document changes) and mark one."""
        ids = [q.id for q in quotes]
        if source_id == self.source_id and ids == self._ids:
            self.mark(current)
            return
        self.source_id, self._ids = source_id, ids
        self.remove_children()
        note = Static(
            tr("Our translation, not text from the document. Glosses follow the other pane's quote."),
            classes="gloss-note",
            markup=False,
        )
        self.mount(note, *(GlossEntry(q, turn_at(turns, q.offset or 0) if turns else None) for q in quotes))
        self.call_after_refresh(self.mark, current)

    def mark(self, quote_id: str | None) -> None:
        """Highlight the gloss of `quote_id` and scroll it into view."""
        self.current = quote_id
        target = None
        for entry in self.query(GlossEntry).results():
            entry.set_class(entry.quote_id == quote_id, "-current")
            if entry.quote_id == quote_id:
                target = entry
        if target is not None:
            self.call_after_refresh(self.scroll_to_widget, target, animate=False, top=True)
