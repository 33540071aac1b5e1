"""One side of the quote viewer: a filterable quote list over the quote's document, or a gloss."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from workbench.core.data.model import Dataset, Quote
from workbench.core.i18n import N_, tr, tr_n
from workbench.core.quotes.queries import (
    DocumentStore,
    amount_labels,
    filter_quotes,
    haystacks,
    locate,
    quotes_in_source,
)
from workbench.core.search.scan import Hit, scan_text
from workbench.ui.widgets.document_view import SourceDocumentView
from workbench.ui.widgets.quote_gloss import GlossView
from workbench.ui.widgets.quote_list import QuoteList, safe, stance_mark

if TYPE_CHECKING:
    from workbench.ui.base import WorkbenchScreen

HINT = N_(
    "Nothing open in this pane yet.\n\n"
    "Tab comes here; j/k picks a quote from the list above, f filters it, o opens a document.\n"
    "From the other pane: a puts the quote it answers here, t a quote on the same topic from "
    "another company, E our English translation; x swaps the panes; / searches every document."
)


def source_filter(source_id: str) -> str:
    """The filter listing one document's quotes."""
    return f"s:{source_id}" if source_id and " " not in source_id else ""


@dataclass
class SearchState:
    """A full-text search being stepped through with n/N."""

    term: str
    hits: list[Hit]
    index: int = 0
    truncated: bool = False

    @property
    def hit(self) -> Hit:
        return self.hits[self.index]


@dataclass
class PaneState:
    """What a pane shows, so panes can be swapped."""

    mode: str = "empty"  # empty | quote | document | gloss
    quote_id: str | None = None
    source_id: str | None = None
    search: SearchState | None = None
    filter: str = ""
    badge: str = ""
    top: int = 0


class QuoteFilter(Input):
    """Filter words: free text plus company:, topic:, source:, stance: (c: t: s: for short)."""

    DEFAULT_CSS = """
    QuoteFilter { height: 1; }
    """

    BINDINGS = [Binding("escape", "done", N_("Done"), show=False, id="quote_filter.done")]

    def __init__(self) -> None:
        super().__init__(
            placeholder=tr("filter: words  c:MSFT  t:capex  stance:bear  s:source-id"),
            compact=True,
            select_on_focus=False,
        )

    def action_done(self) -> None:
        """Leave the filter (it stays applied) and go back to the list."""
        self.post_message(self.Submitted(self, self.value))


class QuotePane(Vertical):
    """A quote list (filterable) over the source document scrolled to the quote; or a gloss."""

    DEFAULT_CSS = """
    QuotePane {
        width: 1fr;
        height: 1fr;
        & > #pane-title {
            height: 1;
            padding: 0 1;
            background: $panel;
            color: $text-muted;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        &.-active > #pane-title { background: $accent 50%; color: $text; }
        & > QuoteFilter { display: none; }
        &.-filter-shown > QuoteFilter { display: block; }
        & > QuoteList { height: 30%; max-height: 14; min-height: 3; }
        & > SourceDocumentView { height: 1fr; }
        & > GlossView { display: none; }
        &.-gloss > GlossView { display: block; }
        &.-gloss > QuoteList, &.-gloss > SourceDocumentView, &.-gloss > QuoteFilter { display: none; }
    }
    """

    BINDINGS = [
        Binding("escape", "back_to_list", N_("List"), show=False, id="quote_pane.list"),
    ]

    class Activated(Message):
        """The user moved focus into this pane."""

        def __init__(self, pane: QuotePane) -> None:
            super().__init__()
            self.pane = pane

    class QuoteShown(Message):
        """The pane now shows `quote` (a gloss pane beside it follows)."""

        def __init__(self, pane: QuotePane, quote: Quote) -> None:
            super().__init__()
            self.pane = pane
            self.quote = quote

    def __init__(self, number: int, store: DocumentStore, *, id: str | None = None, active: bool = False) -> None:
        # Made active or not: a class changed once mounted restyles every widget in the pane.
        super().__init__(id=id, classes="-active" if active else "-inactive")
        self.number = number
        self.store = store
        self.ds: Dataset | None = None
        self.state = PaneState()
        self.last_focus: Widget | None = None
        self._token = 0  # which load is current; older ones are dropped
        self._reveal = True  # whether the next load scrolls to its target
        self._hay: dict[str, str] = {}  # what the filter's free words search, per quote

    def compose(self) -> ComposeResult:
        yield Static(id="pane-title", markup=False)
        yield QuoteFilter()
        yield QuoteList()
        yield SourceDocumentView()
        yield GlossView()

    # ------------------------------------------------------------------ convenience

    @property
    def quote(self) -> Quote | None:
        """The quote shown (in quote mode) or marked (in gloss mode), if any."""
        return self._find(self.state.quote_id)

    def _find(self, quote_id: str | None) -> Quote | None:
        """A quote by id: a valid one, or one that is no longer verbatim (listed to be re-anchored)."""
        if self.ds is None or not quote_id:
            return None
        return self.ds.quotes.get(quote_id) or self.ds.broken_quotes.get(quote_id)

    @property
    def broken(self) -> bool:
        """True when the quote shown is not verbatim in its document any more."""
        return self.ds is not None and self.state.quote_id in self.ds.broken_quotes

    @property
    def view(self) -> SourceDocumentView:
        return self.query_one(SourceDocumentView)

    @property
    def quote_list(self) -> QuoteList:
        return self.query_one(QuoteList)

    @property
    def filter_input(self) -> QuoteFilter:
        return self.query_one(QuoteFilter)

    def focus_pane(self) -> None:
        """Focus what the user last used here (the list by default)."""
        target = self.last_focus
        if target is None or not target.display or not target.is_attached:
            target = self.query_one(GlossView) if self.state.mode == "gloss" else self.quote_list
        target.focus()

    # ------------------------------------------------------------------ showing things

    def set_dataset(self, ds: Dataset) -> None:
        """New or reloaded data: refilter and show the same thing again if it still exists."""
        first = self.ds is None
        self.ds = ds
        self._hay = {}  # until the worker below has them, the filter folds each quote as it goes
        self._fold_haystacks(ds)
        self._reveal = first  # a reload keeps the reader where they are
        try:
            self.restore(self.state if first else self.snapshot())
        finally:
            self._reveal = True

    def show_empty(self) -> None:
        """A hint of what to do, in place of a document."""
        self.state = PaneState(filter=self.filter_input.value)
        self._set_mode("empty")
        self.view.show_document("hint", tr(HINT))
        self.quote_list.select_quote(None)
        self._update_title()

    def reading_quote(self) -> Quote | None:
        """The quote shown; in a browsed document, the first quote from the top of the view down."""
        if self.state.mode != "document":
            return self.quote
        if self.ds is None or self.state.source_id is None:
            return None
        top = self.view.top_offset()
        return next(
            (q for q in quotes_in_source(self.ds, self.state.source_id) if q.offset is not None and q.offset >= top),
            None,
        )

    def show_quote(self, quote: Quote, badge: str = "") -> None:
        """Show a quote in its document, scrolled to it and highlighted (search matches stay marked)."""
        self.state = PaneState("quote", quote.id, quote.source, self.state.search, self.filter_input.value, badge)
        self._set_mode("quote")
        self._follow_source(quote.source)
        self.quote_list.select_quote(quote.id)  # if the filter lists it
        self._update_title()
        self._load()
        self.post_message(self.QuoteShown(self, quote))

    def show_document(self, source_id: str, top: int = 0) -> None:
        """Browse a document from the top (or `top`), its quotes in the list."""
        self.filter_input.value = source_filter(source_id)
        self._apply_filter()
        self.state = PaneState("document", None, source_id, None, self.filter_input.value, top=top)
        self._set_mode("document")
        self._update_title()
        self._load()

    def show_hit(self, search: SearchState) -> None:
        """Open a search hit's document with every match highlighted and this one current."""
        self._follow_source(search.hit.source)
        self.state = PaneState("document", None, search.hit.source, search, self.filter_input.value)
        self._set_mode("document")
        self._update_title()
        self._load()

    def show_gloss(self, quote: Quote) -> None:
        """Our English translation of every quote of `quote`'s document, `quote`'s marked."""
        self.state = PaneState("gloss", quote.id, quote.source, None, self.filter_input.value)
        self._set_mode("gloss")
        self._update_title()
        self._load()

    def restore(self, state: PaneState) -> None:
        """Show what `state` describes (after a swap or a reload), or the hint if it is gone."""
        ds = self.ds
        if ds is None:
            return
        self.filter_input.value = state.filter
        self._apply_filter()
        quote = self._find(state.quote_id)
        docs = ds.documents()
        if state.mode == "quote" and quote is not None:
            self.state.search = state.search  # its matches stay marked
            self.show_quote(quote, state.badge)
        elif state.mode == "gloss" and quote is not None:
            self.show_gloss(quote)
        elif state.mode == "document" and state.search is not None and state.search.hit.source in docs:
            self.show_hit(state.search)
        elif state.mode == "document" and state.source_id in docs:
            self.show_document(state.source_id, state.top)
        else:
            self.show_empty()

    def snapshot(self) -> PaneState:
        """The pane's state, with the document's current scroll position."""
        return replace(self.state, filter=self.filter_input.value, top=self.view.top_offset())

    def _set_mode(self, mode: str) -> None:
        self.set_class(mode == "gloss", "-gloss")

    # ------------------------------------------------------------------ loading

    def _load(self) -> None:
        self._token += 1
        if self.ds is not None and self.state.source_id is not None:
            self._load_document(self._token, self.ds, self.state, self._reveal)

    @work(thread=True, exclusive=True, group="pane-load", exit_on_error=False)
    def _load_document(self, token: int, ds: Dataset, state: PaneState, reveal: bool) -> None:
        """Read the document (cached) and find the quote and every match, off the UI thread."""
        doc = self.store.get(ds, state.source_id or "")
        if doc is None:
            self.app.call_from_thread(self._unavailable, token)
            return
        quote = ds.quotes.get(state.quote_id or "") or ds.broken_quotes.get(state.quote_id or "")
        focus = None
        if quote is not None and state.mode == "quote":
            offset = locate(doc.text, quote)
            focus = (offset, len(quote.text)) if offset is not None else None
            if focus is None and quote.id in ds.broken_quotes:  # mark where it most likely is now
                from workbench.core.capture.anchor import nearest_passage

                near = nearest_passage(doc.text, quote.text)
                focus = (near[0], near[1] - near[0]) if near is not None else None
        matches, current, length = array("q"), None, 0
        if state.search is not None:
            term = state.search.term
            matches = array("q", (offset for offset, _ in scan_text(doc.text, term)))
            length = len(term)
            if state.mode == "document":
                current = (state.search.hit.offset, state.search.hit.length)
        self.app.call_from_thread(self._loaded, token, doc, focus, matches, length, current, reveal)

    def _loaded(self, token, doc, focus, matches, length, current, reveal) -> None:
        """Hand the loaded document to the view (or the gloss) unless a newer load started."""
        if token != self._token or self.ds is None:
            return
        if self.state.mode == "gloss":
            quotes = quotes_in_source(self.ds, doc.source)
            self.query_one(GlossView).show_quotes(doc.source, quotes, list(doc.turns), self.state.quote_id)
            return
        self.view.show_document(
            doc.source,
            doc.text,
            focus=focus,
            matches=matches,
            match_len=length,
            current=current,
            turns=list(doc.turns),
            reveal=reveal,
        )
        if reveal and self.state.mode == "document" and self.state.top and current is None:
            self.view.reveal(self.state.top)

    def _unavailable(self, token: int) -> None:
        if token == self._token:
            self.view.show_document(None, tr("This document cannot be read now: {source}", source=self.state.source_id))
            self._update_title()

    # ------------------------------------------------------------------ title

    def _update_title(self) -> None:
        """One line: which pane, what it shows, and where it comes from."""
        ds, state = self.ds, self.state
        marker = (f"▶{self.number} ", "bold") if self.has_class("-active") else (f" {self.number} ", "")
        parts: list[tuple[str, str] | str] = [marker]
        source = ds.sources.get(state.source_id or "") if ds is not None else None
        quote = self.quote
        if state.mode == "quote" and quote is not None and self.broken:
            parts += [
                (tr("✗ not verbatim in its document"), "bold $text-error"),
                tr(" · {id} · the nearest passage is marked · R re-anchors the quote to it", id=safe(quote.id)),
            ]
        elif state.mode == "quote" and quote is not None:
            mark, colour = stance_mark(quote.stance)
            parts += [
                (safe(quote.company) + " " if quote.company else "", "bold"),
                (mark + " ", colour),
                safe(quote.speaker) if quote.speaker else tr("speaker not given"),
            ]
            for label in amount_labels(quote.text):
                parts.append(("  " + safe(label), "bold $warning"))
            if state.badge:
                parts.append(("  ⇄ " + safe(state.badge), "bold"))
        elif state.mode == "gloss":
            parts.append((tr("Our English translation"), "bold"))
            parts.append(tr(" (not in the document)"))
        elif state.mode == "document" and state.search is not None:
            s = state.search
            more = "+" if s.truncated else ""
            parts += [
                ("/", "bold"),
                (safe(s.term), "bold $warning"),
                tr(
                    " {index}/{count}{more} · line {line} · n/N",
                    index=s.index + 1,
                    count=len(s.hits),
                    more=more,
                    line=s.hit.line,
                ),
            ]
        elif state.mode == "document":
            parts.append((tr("Document"), "bold"))
        else:
            parts.append(tr("Quotes"))
        if source is not None:
            when = quote.date if quote is not None and quote.date and state.mode == "quote" else source.published
            parts.append(f" · {when.isoformat()} · {safe(source.title)}")
        self.query_one("#pane-title", Static).update(Content.assemble(*parts))

    @on(SourceDocumentView.SelectionChanged)
    def _selection_changed(self, event: SourceDocumentView.SelectionChanged) -> None:
        """While a passage is selected, the title says how long it is and which keys shape it."""
        event.stop()
        sel = event.selection
        if sel is None:
            self._update_title()
            return
        size = len(sel.passage)
        hint = tr("→ w s longer · ← W S shorter · < > move start · Enter pin · Esc cancel")
        self.query_one("#pane-title", Static).update(
            Content.assemble(
                (tr("Pin a quote: "), "bold"),
                (tr_n("{n} character", "{n} characters", size), "bold $success"),
                f" · {hint}",
            )
        )

    def set_active(self, active: bool) -> None:
        """Mark this pane as the one keys act on."""
        self.set_class(active, "-active")
        self.set_class(not active, "-inactive")
        self._update_title()

    # ------------------------------------------------------------------ filter and list

    def _follow_source(self, source_id: str) -> None:
        """A list showing one document's quotes (as `o` sets it) follows the pane to another."""
        value = self.filter_input.value
        if value.startswith("s:") and value == source_filter(value[2:]) and value != source_filter(source_id):
            self.filter_input.value = source_filter(source_id)
            self._apply_filter()

    @work(thread=True, exclusive=True, exit_on_error=False, group="quote-haystacks")
    def _fold_haystacks(self, ds: Dataset) -> None:
        """Fold every quote's searchable text off the event loop (0.15 s for 20,000 quotes). While
        its screen is not shown, it gives way to the user busy elsewhere (a filter typed on it
        folds every quote itself until this is done)."""
        hay = haystacks(ds, pace=cast("WorkbenchScreen", self.screen).give_way_while_hidden)
        self.app.call_from_thread(self._haystacks_ready, ds, hay)

    def _haystacks_ready(self, ds: Dataset, hay: dict[str, str]) -> None:
        if ds is self.ds:
            self._hay = hay

    def _apply_filter(self) -> None:
        if self.ds is None:
            return
        quotes = filter_quotes(self.ds, self.filter_input.value, self._hay)
        if self.ds.broken_quotes:
            quotes += filter_quotes(self.ds, self.filter_input.value, None, self.ds.broken_quotes.values())
        current = self.state.quote_id if self.state.mode == "quote" else None
        self.quote_list.broken = set(self.ds.broken_quotes)
        self.quote_list.set_quotes(quotes, current)
        self._show_filter()

    def _show_filter(self) -> None:
        if not self.is_attached or not self.query(QuoteFilter):
            return  # called after a refresh, once the screen was composed again (a language switch)
        field_ = self.filter_input
        self.set_class(field_.has_focus or bool(field_.value), "-filter-shown")

    def edit_filter(self) -> None:
        """Show the filter and type into it."""
        self.add_class("-filter-shown")
        self.filter_input.focus()

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        """Refilter the list as the user types."""
        event.stop()
        self._apply_filter()

    @on(Input.Submitted)
    def _filter_submitted(self, event: Input.Submitted) -> None:
        """Enter (or Esc) in the filter: back to the list, showing its first quote if ours is filtered out."""
        event.stop()
        quotes = self.quote_list
        quotes.focus()
        self._show_filter()
        if quotes.quote_ids and (self.state.mode != "quote" or self.state.quote_id not in quotes.quote_ids):
            quotes.highlighted = 0  # announced: the pane shows it

    @on(QuoteList.Highlighted)
    def _quote_highlighted(self, event: QuoteList.Highlighted) -> None:
        """Moving through the list shows each quote in its document (Enter also moves to it)."""
        event.stop()
        quote = self._find(self.quote_list.quote_ids[event.index])
        if quote is not None:
            if self.state.mode != "quote" or quote.id != self.state.quote_id:
                self.show_quote(quote)
            if isinstance(event, QuoteList.Selected):
                self.view.focus()

    def on_descendant_focus(self, event) -> None:
        """Remember where the user is in this pane and make it the active one."""
        self.last_focus = event.widget if event.widget is not self.filter_input else self.quote_list
        self._show_filter()
        self.post_message(self.Activated(self))

    def on_descendant_blur(self) -> None:
        """Hide an empty filter once the user leaves it."""
        self.call_after_refresh(self._show_filter)

    async def action_back_to_list(self) -> None:
        """Esc: back to the quote list; from the list, back to the place the user came from."""
        if self.state.mode != "gloss" and not self.quote_list.has_focus:
            self.quote_list.focus()
        elif not await self.app.go_back():  # type: ignore[attr-defined]
            self.notify(tr("Nothing to go back to yet: Back returns to the places you left."), timeout=3)
