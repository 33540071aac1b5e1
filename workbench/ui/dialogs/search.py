"""`/`: literal, case-insensitive search of every document, hits listed with source, line and snippet.

Hits in our English glosses of quotes follow the document hits, marked as translations; Enter on one
opens its quote (`GlossChoice`) rather than a place in a document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from workbench.core.i18n import N_, tr, tr_n
from workbench.core.search.scan import Hit, scan_text
from workbench.ui.safe_text import literal
from workbench.ui.widgets.quote_list import LineList, safe
from workbench.ui.widgets.quote_pane import SearchState

SearchFunction = Callable[[str, int], list[Hit]]


@dataclass(frozen=True)
class GlossChoice:
    """The user chose a hit in the translation of this quote."""

    quote_id: str


def hit_prompt(hit: Hit, term: str, gloss: bool = False) -> Content:
    """`source:line:column  …snippet…` with the term in the snippet marked (a gloss hit says so)."""
    snippet = safe(hit.snippet)
    if gloss:  # `source` is the quote id; the column counts within its translation
        where = Content.assemble(tr("translation of "), (safe(hit.source), "bold"), f":{hit.column}  ")
    else:
        where = Content.assemble((safe(hit.source), "bold"), f":{hit.line}:{hit.column}  ")
    content = where + snippet
    base = len(content.plain) - len(snippet)
    for offset, length in scan_text(snippet, term):
        content = content.stylize("bold reverse", base + offset, base + offset + length)
    return content


class HitList(LineList):
    """Search hits, one line each, drawn only where visible (a common word has thousands)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self.documents = 0  # hits before this index are in documents; the rest in translations
        self.term = ""
        self._prompts: LRUCache[int, Content] = LRUCache(1024)

    def set_hits(self, hits: list[Hit], term: str, documents: int | None = None) -> None:
        """Show these hits of `term` (the first `documents` in documents), the cursor on the first."""
        self.hits, self.term = hits, term
        self.documents = len(hits) if documents is None else documents
        self._prompts.clear()
        self.set_count(len(hits))
        self.move_cursor(0 if hits else None, announce=False)

    def prompt(self, index: int) -> Content:
        """`source:line:column  …snippet…`, made once per hit shown."""
        prompt = self._prompts.get(index)
        if prompt is None:
            prompt = self._prompts[index] = hit_prompt(self.hits[index], self.term, index >= self.documents)
        return prompt


class SearchDialog(ModalScreen[SearchState | GlossChoice | None]):
    """Type to search every document; Enter on a hit opens it with every match highlighted."""

    LIMIT = 2000  # hits listed; the title says when there are more
    DEBOUNCE_S = 0.15

    DEFAULT_CSS = """
    SearchDialog { align: center middle; }
    #search-dialog {
        width: 96%;
        max-width: 140;
        height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    #search-title { text-style: bold; }
    #search-input { margin: 0 0 0 0; }
    #search-status { color: $text-muted; height: 1; }
    #search-hits { height: 1fr; }
    #search-hint { color: $text-muted; height: 1; }
    """

    BINDINGS = [
        Binding("escape", "close", N_("Close"), id="search.close"),
        Binding("down", "to_hits", N_("Hits"), show=False, id="search.hits"),
    ]

    def __init__(self, search: SearchFunction, term: str = "", glosses: SearchFunction | None = None) -> None:
        super().__init__()
        self._search_fn = search
        self._glosses_fn = glosses
        self._gloss_hits: list[Hit] = []
        self._initial = term
        self._hits: list[Hit] = []
        self._more = False  # more hits exist than are listed
        self._shown_term: str | None = None  # the term the listed hits are for
        self._timer: Timer | None = None
        self._wants_hits: str | None = None  # Enter was pressed for this term before its hits came

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield Label(tr("Search every document and translation (any case; 简/繁 alike)"), id="search-title")
            yield Input(self._initial, placeholder=tr("text to find, e.g. 算力"), id="search-input", compact=True)
            yield Static("", id="search-status", markup=False)
            yield HitList(id="search-hits")
            yield Label(tr("Enter: to the hits, then open one · ↓ hits · Esc close"), id="search-hint")

    def on_mount(self) -> None:
        """Search at once for a term carried over from last time."""
        self.query_one("#search-input", Input).focus()
        if self._initial:
            self._start(self._initial)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        """Search as the user types, once typing pauses."""
        if self._timer is not None:
            self._timer.stop()
        term = event.value
        self._timer = self.set_timer(self.DEBOUNCE_S, lambda: self._start(term))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter: search now if the hits are stale, and move to them."""
        if event.value != self._shown_term:
            self._wants_hits = event.value  # move to them when they arrive
            self._start(event.value)
        else:
            self.action_to_hits()

    def _start(self, term: str) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not term:
            self._show(term, [])
            return
        self.query_one("#search-status", Static).update(literal(tr("Searching for {term} …", term=term)))
        self._run(term)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run(self, term: str) -> None:
        """Search off the UI thread (index or scan), then list the hits."""
        hits = self._search_fn(term, self.LIMIT + 1)
        glosses = self._glosses_fn(term, self.LIMIT) if self._glosses_fn is not None else []
        self.app.call_from_thread(self._show, term, hits, glosses)

    def _show(self, term: str, hits: list[Hit], glosses: list[Hit] | None = None) -> None:
        """List hits for `term` unless the user has typed on since."""
        if term != self.query_one("#search-input", Input).value:
            return
        more = len(hits) > self.LIMIT
        self._hits, self._shown_term, self._more = hits[: self.LIMIT], term, more
        self._gloss_hits = glosses or []
        self.query_one(HitList).set_hits(self._hits + self._gloss_hits, term, len(self._hits))
        docs = len({h.source for h in self._hits})
        if not term:
            status = tr("Type to search every document.")
        elif not hits and not self._gloss_hits:
            status = tr("No match for {term}.", term=safe(term))
        elif more:
            status = tr(
                "More than {limit} matches; the first {limit} are listed (n/N steps through them).", limit=self.LIMIT
            )
        else:
            matches = tr_n("{n} match", "{n} matches", len(hits))
            found = tr_n("{matches} in {n} document", "{matches} in {n} documents", docs, matches=matches)
            if self._gloss_hits:
                status = tr("{found}, {count} in quote translations.", found=found, count=len(self._gloss_hits))
            else:
                status = tr("{found}.", found=found)
        self.query_one("#search-status", Static).update(status)
        if self._wants_hits == term:
            self._wants_hits = None
            self.action_to_hits()

    def action_to_hits(self) -> None:
        """Move to the list of hits."""
        hits = self.query_one(HitList)
        if hits.count:
            hits.focus()

    @on(HitList.Selected)
    def _open(self, event: HitList.Selected) -> None:
        """Enter on a hit: open it in the focused pane."""
        event.stop()
        if event.index >= len(self._hits):
            self.dismiss(GlossChoice(self._gloss_hits[event.index - len(self._hits)].source))
        elif self._shown_term and self._hits:
            self.dismiss(SearchState(self._shown_term, self._hits, event.index, self._more))

    def action_close(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
