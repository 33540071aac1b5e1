"""The Quotes screen: two panes of quotes read in their documents, paired, searched and cited."""

from __future__ import annotations

import threading
import time

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widget import Widget
from textual.worker import get_current_worker

from workbench.core.data.model import Dataset, Quote
from workbench.core.i18n import N_, tr
from workbench.core.output.literal import visible
from workbench.core.quotes.queries import (
    DocumentStore,
    answer_partners,
    citation,
    next_in_document,
    same_topic_partners,
)
from workbench.core.search.index import SearchIndex, index_in_background, signatures
from workbench.core.search.run import INLINE_SYNC_BYTES, default_cache_dir
from workbench.core.search.scan import Hit, scan_documents
from workbench.ui.base import WorkbenchScreen
from workbench.ui.dialogs.document_picker import DocumentPickerDialog
from workbench.ui.dialogs.search import GlossChoice, SearchDialog
from workbench.ui.screens.quote_capture import QuoteCaptureActions
from workbench.ui.widgets.quote_pane import PaneState, QuotePane, SearchState

NARROW = 100  # below this many columns the panes stack
# The badge of a partner: which kind of pair, which one of how many (translated where drawn).
PAIRS = {
    "answers": (N_("answers {index}/{count}"), answer_partners),
    "topic": (N_("same topic {index}/{count}"), same_topic_partners),
}


class QuotesScreen(QuoteCaptureActions, WorkbenchScreen):
    """Two quote panes side by side (stacked when narrow), with pairing and full-text search."""

    SCREEN_TITLE = N_("Quotes")
    BACKGROUND_WORK = frozenset({"search-index"})  # a large library's index takes a minute

    DEFAULT_CSS = """
    QuotesScreen {
        #panes { layout: horizontal; height: 1fr; }
        #pane-1 { border-right: vkey $panel-lighten-2; }
        &.-narrow #panes { layout: vertical; }
        &.-narrow #pane-1 { border-right: none; }
        &.-narrow QuotePane > QuoteList { height: 3; min-height: 3; }
        &.-narrow QuotePane.-inactive > QuoteList { display: none; }
        &.-zoom QuotePane.-inactive { display: none; }
        &.-zoom QuotePane > QuoteList { height: 30%; }
    }
    """

    BINDINGS = [
        Binding("tab", "other_pane", N_("Pane"), id="quotes.other_pane", tooltip=N_("Move to the other pane")),
        Binding("slash", "search", N_("Search"), id="quotes.search", tooltip=N_("Search every document")),
        Binding(
            "a",
            "pair('answers')",
            N_("Answers"),
            id="quotes.answers",
            tooltip=N_("Open the quote this one answers (or that answers it) in the other pane; again for the next"),
        ),
        Binding(
            "t",
            "pair('topic')",
            N_("Topic"),
            id="quotes.topic",
            tooltip=N_("Open a quote on the same topic from another company in the other pane; again for the next"),
        ),
        Binding(
            "E",
            "gloss",
            N_("English"),
            id="quotes.gloss",
            tooltip=N_("Our English translation beside the original, in the other pane (again to close)"),
        ),
        Binding(
            "e",
            "export",
            N_("Export"),
            id="quotes.export",
            show=False,
            tooltip=N_("Export this pane's quote list (or, reading a search, its hits) to CSV or JSON"),
        ),
        Binding("c", "copy", N_("Copy"), id="quotes.copy", tooltip=N_("Copy the quote with its citation")),
        Binding("x", "swap", N_("Swap"), id="quotes.swap", tooltip=N_("Swap the two panes")),
        Binding("f", "filter", N_("Filter"), id="quotes.filter", tooltip=N_("Filter this pane's quote list")),
        Binding("o", "open_document", N_("Open doc"), id="quotes.open_document", tooltip=N_("Browse a document")),
        Binding("n", "step_match(1)", N_("Next match"), id="quotes.next_match", show=False),
        Binding("N", "step_match(-1)", N_("Previous match"), id="quotes.previous_match", show=False),
        Binding(
            "right_square_bracket", "step_quote(1)", N_("Next quote in document"), id="quotes.next_quote", show=False
        ),
        Binding(
            "left_square_bracket",
            "step_quote(-1)",
            N_("Previous quote in document"),
            id="quotes.previous_quote",
            show=False,
        ),
        Binding(
            "z", "zoom", N_("Zoom"), id="quotes.zoom", show=False, tooltip=N_("Show only this pane (again for both)")
        ),
        Binding(
            "v", "pin", N_("Pin"), id="quotes.pin", tooltip=N_("Select a passage of the document to pin as a quote")
        ),
        Binding(
            "A",
            "add_document",
            N_("Add doc"),
            id="quotes.add_document",
            show=False,
            tooltip=N_("Add a text, Markdown, HTML or PDF file to the library"),
        ),
        Binding(
            "ctrl+e",
            "edit_quote",
            N_("Edit quote"),
            id="quotes.edit_quote",
            show=False,
            tooltip=N_("Edit the quote shown (speaker, stance, translation …)"),
        ),
        Binding(
            "delete",
            "delete_quote",
            N_("Delete quote"),
            id="quotes.delete_quote",
            show=False,
            tooltip=N_("Delete the quote shown"),
        ),
        Binding(
            "L",
            "link_quote",
            N_("Link"),
            id="quotes.link_quote",
            show=False,
            tooltip=N_("Link the quote shown to the figure it supports"),
        ),
        Binding(
            "R",
            "reanchor",
            N_("Re-anchor"),
            id="quotes.reanchor",
            show=False,
            tooltip=N_("Re-anchor a quote marked ✗ to its nearest passage"),
        ),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.ds: Dataset | None = None
        self.store = DocumentStore()
        self.active = 0
        self._wanted: str | None = None  # a quote asked for before the data arrived
        self._wanted_document: str | None = None  # a document just added, shown once it is read
        self._pair: tuple[str, str, int] | None = None  # (kind, quote id, index) of the last pairing
        self._before_gloss: PaneState | None = None
        self._last_term = ""
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()
        self._documents: dict = {}

    def compose_body(self) -> ComposeResult:
        # Before the widgets mount, as the terminal is: set after, it restyles the whole screen.
        self.set_class(self.app.size.width < NARROW, "-narrow")
        with Container(id="panes"):
            yield QuotePane(1, self.store, id="pane-1", active=True)
            yield QuotePane(2, self.store, id="pane-2")

    @property
    def panes(self) -> tuple[QuotePane, QuotePane]:
        return self.query_one("#pane-1", QuotePane), self.query_one("#pane-2", QuotePane)

    @property
    def pane(self) -> QuotePane:
        """The pane keys act on."""
        return self.panes[self.active]

    @property
    def other(self) -> QuotePane:
        return self.panes[1 - self.active]

    def on_mount(self) -> None:
        """Start in the first pane."""
        self._set_active(0)

    def initial_focus(self) -> Widget | None:
        """The first pane's quote list (the first focusable widget, its filter box, showed the box
        and hid it again: each change restyled the whole pane)."""
        return self.panes[0].quote_list

    def on_resize(self, event: events.Resize) -> None:
        """Stack the panes when the terminal is narrow."""
        self.set_class(event.size.width < NARROW, "-narrow")

    def on_unmount(self) -> None:
        """Close the search index."""
        if self._index is not None:
            self._index.close()

    # ------------------------------------------------------------------ data

    def show_dataset(self, dataset: Dataset) -> None:
        """Fill both panes; on a reload, keep what each pane shows."""
        first = self.ds is None
        self.ds = dataset
        for pane in self.panes:
            pane.set_dataset(dataset)
        if first:
            quotes = self.panes[0].quote_list.quote_ids
            if quotes:
                self.panes[0].show_quote(dataset.quotes[quotes[0]])
            self.panes[0].focus_pane()
        if self._wanted is not None:
            wanted, self._wanted = self._wanted, None
            self.show_quote(wanted)
        if self._wanted_document in dataset.documents():
            self.pane.show_document(self._wanted_document or "")
            self.pane.view.focus()
            self._wanted_document = None
        self._documents = dataset.documents()
        self._sync_index(self._documents)

    def show_quote(self, quote_id: str) -> None:
        """Put a quote in the focused pane, scrolled to and highlighted in its document."""
        if self.ds is None:
            self._wanted = quote_id
            return
        quote = self.ds.quotes.get(quote_id) or self.ds.broken_quotes.get(quote_id)
        if quote is None:
            self.notify(tr("No quote with id {id!r}", id=quote_id), severity="warning", markup=False)
            return
        self.pane.show_quote(quote)
        self.pane.focus_pane()

    def session_state(self) -> dict:
        """What each pane shows, which one is focused, zoom and the last search term."""
        panes = []
        for pane in self.panes:
            state = pane.snapshot()
            panes.append(
                {
                    "mode": state.mode,
                    "quote": state.quote_id,
                    "source": state.source_id,
                    "filter": state.filter,
                    "top": state.top,
                }
            )
        return {"active": self.active, "zoom": self.has_class("-zoom"), "panes": panes, "term": self._last_term}

    def place_label(self, state: dict) -> str:
        """`Quotes q-…` (the focused pane's quote or document)."""
        panes = state.get("panes") or [{}]
        active = panes[state.get("active") or 0] if len(panes) > (state.get("active") or 0) else {}
        return f"{tr(self.SCREEN_TITLE)} {active.get('quote') or active.get('source') or ''}".strip()

    def restore_session(self, state: dict) -> None:
        """Reopen each pane on what it showed (a search reopens as its document)."""
        for pane, saved in zip(self.panes, state.get("panes", [])):
            if isinstance(saved, dict) and saved.get("mode") in ("quote", "document", "gloss", "empty"):
                text = lambda key, saved=saved: saved.get(key) if isinstance(saved.get(key), str) else None  # noqa: E731
                top = saved["top"] if isinstance(saved.get("top"), int) else 0
                pane.restore(
                    PaneState(saved["mode"], text("quote"), text("source"), None, text("filter") or "", top=top)
                )
        self._last_term = state["term"] if isinstance(state.get("term"), str) else ""
        self.set_class(state.get("zoom") is True, "-zoom")
        if state.get("active") in (0, 1):
            self._set_active(state["active"])
            self.pane.focus_pane()

    # ------------------------------------------------------------------ panes

    def _set_active(self, index: int) -> None:
        self.active = index
        for i, pane in enumerate(self.panes):
            pane.set_active(i == index)

    @on(QuotePane.Activated)
    def _pane_activated(self, event: QuotePane.Activated) -> None:
        """Focus moved into a pane: keys now act on it."""
        index = self.panes.index(event.pane)
        if index != self.active:
            self._set_active(index)

    @on(QuotePane.QuoteShown)
    def _quote_shown(self, event: QuotePane.QuoteShown) -> None:
        """A gloss pane follows the quote shown beside it."""
        panes = self.panes
        other = panes[1 - panes.index(event.pane)]
        if other.state.mode == "gloss" and event.pane.state.mode != "gloss":
            other.show_gloss(event.quote)

    def action_other_pane(self) -> None:
        """Tab: move to the other pane."""
        self._set_active(1 - self.active)
        self.pane.focus_pane()

    def action_swap(self) -> None:
        """Swap what the two panes show (focus stays on this side)."""
        left, right = self.panes
        a, b = left.snapshot(), right.snapshot()
        left.restore(b)
        right.restore(a)

    def action_zoom(self) -> None:
        """Show only the focused pane, or both again."""
        self.toggle_class("-zoom")

    def action_filter(self) -> None:
        """Type a filter for this pane's quote list."""
        if self.pane.state.mode == "gloss":
            self._set_active(1 - self.active)
        self.pane.edit_filter()

    # ------------------------------------------------------------------ pairing

    def _current_quote(self) -> Quote | None:
        """The quote keys act on; in a browsed document, the one being read is selected first."""
        pane = self.pane
        quote = pane.reading_quote()
        if quote is not None and pane.state.mode == "document":
            pane.show_quote(quote)
        if quote is None:
            self.notify(tr("No quote in this pane: pick one from the list (j/k, Enter)"), severity="warning")
        return quote

    def action_pair(self, kind: str) -> None:
        """Open a partner of this pane's quote in the other pane; pressed again, the next one."""
        quote = self._current_quote()
        if quote is None or self.ds is None:
            return
        label, partners_of = PAIRS[kind]
        partners = partners_of(self.ds, quote)
        if not partners:
            none = (
                tr("No quote answers or is answered by this quote.")
                if kind == "answers"
                else tr("No quote shares a topic with this quote from another company.")
            )
            self.notify(none, severity="warning")
            return
        index = 0
        if self._pair is not None and self._pair[:2] == (kind, quote.id):
            index = (self._pair[2] + 1) % len(partners)
        self._pair = (kind, quote.id, index)
        self.workbench.remember_place()  # Back returns to the pair as it was
        self.other.show_quote(partners[index], badge=tr(label, index=index + 1, count=len(partners)))

    def action_gloss(self) -> None:
        """Our English translation beside the original in the other pane; again to put it back."""
        for pane in (self.other, self.pane):
            if pane.state.mode == "gloss":
                pane.restore(self._before_gloss or PaneState())
                self._before_gloss = None
                return
        quote = self._current_quote()
        if quote is None:
            return
        if not quote.translation:
            self.notify(tr("This quote has no translation in the data (it is not in Chinese)."), severity="warning")
            return
        self._before_gloss = self.other.snapshot()
        self.workbench.remember_place()
        self.other.show_gloss(quote)

    def action_step_quote(self, step: int) -> None:
        """The next (]) or previous ([) quote in this pane's document (a gloss steps its original)."""
        pane = self.other if self.pane.state.mode == "gloss" else self.pane
        if self.ds is None or pane.state.source_id is None:
            return
        quote = pane.quote
        offset = quote.offset if quote is not None and quote.offset is not None else pane.view.top_offset()
        found = next_in_document(self.ds, pane.state.source_id, offset, step)
        if found is None:
            self.notify(tr("No more quotes in this document that way."))
        else:
            pane.show_quote(found)

    def action_copy(self) -> None:
        """Copy the quote with its citation (works over SSH: the terminal's clipboard)."""
        quote = self._current_quote()
        if quote is None or self.ds is None:
            return
        self.app.copy_to_clipboard(visible(citation(self.ds, quote)))  # pasted into a terminal: inert
        said = quote.speaker or quote.company or quote.source
        self.notify(tr("Copied the quote of {said} with its citation.", said=said), title=tr("Clipboard"), markup=False)

    # ------------------------------------------------------------------ documents and search

    def action_open_document(self) -> None:
        """Pick a document to browse in this pane."""
        if self.ds is None:
            return
        counts: dict[str, int] = {}
        for quote in self.ds.quotes.values():
            counts[quote.source] = counts.get(quote.source, 0) + 1
        sources = [(s, counts.get(s.id, 0)) for s in self.ds.sources.values() if s.is_local]
        if not sources:
            self.notify(tr("There are no local documents in this data directory."), severity="warning")
            return
        pane = self.pane

        def opened(source_id: str | None) -> None:
            if source_id is not None:
                pane.show_document(source_id)
                pane.view.focus()

        self.app.push_screen(DocumentPickerDialog(sources, pane.state.source_id), opened)

    def action_search(self) -> None:
        """Search every document; the chosen hit opens in this pane."""
        pane = self.pane

        def chosen(result: SearchState | GlossChoice | None) -> None:
            if isinstance(result, GlossChoice):
                quote = self.ds.quotes.get(result.quote_id) if self.ds is not None else None
                if quote is not None:  # the quote in its document, our gloss beside it
                    pane.show_quote(quote)
                    self.other.show_gloss(quote)
                    pane.view.focus()
            elif result is not None:
                self._last_term = result.term
                pane.show_hit(result)
                pane.view.focus()

        self.app.push_screen(SearchDialog(self._search, self._last_term, self._search_glosses), chosen)

    def action_step_match(self, step: int) -> None:
        """n / N: the next or previous search hit, across documents."""
        search = self.pane.state.search
        if search is None or not search.hits:
            self.notify(tr("No search in this pane: press / to search every document."))
            return
        index = (search.index + step) % len(search.hits)
        if (index == 0 and step > 0) or (index == len(search.hits) - 1 and step < 0):
            self.notify(tr("Search wrapped around."))
        self.pane.show_hit(SearchState(search.term, search.hits, index, search.truncated))

    def action_export(self) -> None:
        """Export the search hits the pane is stepping through, else its (filtered) quote list."""
        from workbench.core.output.export import file_slug
        from workbench.core.output.records import HIT_COLUMNS, QUOTE_COLUMNS, hit_rows, quote_rows
        from workbench.ui.dialogs.export import ask_export

        pane = self.other if self.pane.state.mode == "gloss" else self.pane  # a gloss has no list
        search = pane.state.search
        if pane.state.mode == "document" and search is not None and search.hits:
            ask_export(
                self.app,
                tr("Export the search hits for {term!r}", term=search.term),
                hit_rows(search.hits),
                f"search-{file_slug(search.term, 'term')}.csv",
                what=tr("hits"),
                detail=tr("every document (the search stopped at its limit)")
                if search.truncated
                else tr("every document"),
                columns=HIT_COLUMNS,
            )
            return
        query = pane.filter_input.value.strip()
        ask_export(
            self.app,
            tr("Export the quote list"),
            quote_rows(pane.quote_list.quotes),
            "quotes.csv",
            what=tr("quotes"),
            detail=tr("filter {query!r}", query=query) if query else tr("all quotes"),
            columns=QUOTE_COLUMNS,
        )

    def _search(self, term: str, limit: int) -> list[Hit]:
        """Blocking search (called from a worker): the index when ready, else a plain scan."""
        index = self._index
        if index is not None:
            return index.search(term, limit)
        return scan_documents(self._documents, term, limit)

    def _search_glosses(self, term: str, limit: int) -> list[Hit]:
        """Blocking search of the quotes' English translations (called from a worker)."""
        from workbench.core.search.translations import search_translations

        quotes = self.ds.quotes.values() if self.ds is not None else []
        return search_translations(list(quotes), term, limit)

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False)
    def _sync_index(self, documents: dict) -> None:
        """Build or refresh the search index in the cache directory (never inside data/).

        More than a few edited documents to read, and a low-priority process of its own does it
        (as after a first search on the command line): in this one, a large library's first build
        would hold the interpreter from the screens for a minute. Searches scan until it is done.
        """
        cache_dir = default_cache_dir(self.workbench.data_dir)
        with self._index_lock:
            index = self._index or SearchIndex(cache_dir)
            wanted = signatures(documents)
            if index.available and index.outdated_bytes(documents, wanted) > INLINE_SYNC_BYTES:
                builder = index_in_background(cache_dir, documents)
                worker = get_current_worker()
                while builder is not None and builder.poll() is None:
                    if worker.is_cancelled:  # a reload or the app's end: the builder goes on alone
                        return
                    time.sleep(0.5)
                wanted = signatures(documents)  # what changed since, read here
            index.sync(documents, wanted)
            self._index = index  # published only once it has the documents
