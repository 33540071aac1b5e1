"""What the Quotes screen does to capture: add a document, pin a passage, edit, delete and link quotes.

A mixin of `QuotesScreen`, kept apart so the screen's own module stays about reading. Every write runs
in a thread worker through `core/capture/library.py`; once it is on disk the data is read again, and
the pane shows what was just written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work

from workbench.core.capture.library import (
    CaptureError,
    QuoteDraft,
    add_source,
    delete_quote,
    link_figure,
    passage,
    save_quote,
    slug,
    unique_id,
)
from workbench.core.data.model import Dataset, Quote
from workbench.core.i18n import tr
from workbench.ui.widgets.document_view import SourceDocumentView

if TYPE_CHECKING:
    from workbench.ui.base import WorkbenchScreen
    from workbench.ui.dialogs.add_document import NewDocument
    from workbench.ui.dialogs.link_figure import FigureRow
    from workbench.ui.widgets.quote_pane import QuotePane

    _Screen = WorkbenchScreen
else:
    _Screen = object


class QuoteCaptureActions(_Screen):
    """`v` pin a passage, `A` add a document, `ctrl+e` edit, `delete` delete, `L` link to a figure."""

    ds: Dataset | None
    _wanted: str | None  # a quote to show once the data is read again
    _wanted_document: str | None  # likewise a document

    if TYPE_CHECKING:

        @property
        def pane(self) -> QuotePane: ...

    # ------------------------------------------------------------------ pinning

    def action_pin(self) -> None:
        """Start selecting a passage of the document shown (the sentence at the quote or the top)."""
        pane = self.pane
        if pane.state.mode not in ("quote", "document") or not pane.view.text:
            self.notify(tr("Open a document first (o), then press v to select a passage to pin."), markup=False)
            return
        pane.view.start_selection()
        pane.view.focus()

    def on_source_document_view_passage_chosen(self, event: SourceDocumentView.PassageChosen) -> None:
        """Enter on a selection: the quote form, with what the document and its quotes suggest."""
        event.stop()
        ds, pane = self.ds, self.pane
        source_id = pane.state.source_id
        if ds is None or source_id is None or source_id not in ds.sources:
            return
        text = passage(pane.view.text, event.start, event.end)
        siblings = [q for q in ds.quotes.values() if q.source == source_id]
        company = max({q.company for q in siblings if q.company}, key=[q.company for q in siblings].count, default="")
        base = slug(text, fallback=f"{source_id}-quote")
        draft = QuoteDraft(
            id=unique_id(base, list(ds.quotes)),
            source=source_id,
            text=text,
            company=company,
            date=ds.sources[source_id].published,
        )
        self._open_form(tr("Pin a quote from {title}", title=ds.sources[source_id].title), draft, replacing=None)

    def _open_form(self, title: str, draft: QuoteDraft, replacing: str | None) -> None:
        from workbench.ui.dialogs.quote_form import QuoteFormDialog

        ds = self.ds
        if ds is None:
            return
        dialog = QuoteFormDialog(
            title, draft, taken_ids=ds.quotes, tickers=ds.companies, quote_ids=set(ds.quotes) - {draft.id}
        )

        def saved(result: QuoteDraft | None) -> None:
            if result is not None:
                self._save_quote(ds, result, replacing)
                self.pane.view.action_cancel_selection()

        self.app.push_screen(dialog, saved)

    @work(thread=True, exclusive=True, exit_on_error=False, group="capture")
    def _save_quote(self, ds: Dataset, draft: QuoteDraft, replacing: str | None) -> None:
        path = ds.sources[draft.source].path
        self._write(
            lambda: save_quote(ds.root, draft, path, replacing) if path else None,
            tr("Saved quote {id}.", id=draft.id),
            quote=draft.id,
        )

    # ------------------------------------------------------------------ editing and deleting

    def _shown_quote(self) -> Quote | None:
        quote = self.pane.quote if self.pane.state.mode in ("quote", "gloss") else None
        if quote is None:
            self.notify(tr("Show a quote first (pick one in the list)."), markup=False)
        return quote

    def action_edit_quote(self) -> None:
        """Edit the quote shown: speaker, company, date, topics, stance, translation, answers."""
        quote = self._shown_quote()
        if quote is None:
            return
        draft = QuoteDraft.of(quote)
        self._open_form(tr("Edit quote {id}", id=quote.id), draft, replacing=quote.id)

    def action_delete_quote(self) -> None:
        """Delete the quote shown from quotes.toml (after asking)."""
        from workbench.ui.dialogs.scenario_choice import ChoiceDialog

        quote, ds = self._shown_quote(), self.ds
        if quote is None or ds is None:
            return
        message = Text(
            tr(
                "Delete quote {id!r} from quotes.toml? Figures and quotes that cite it will be "
                "reported by the data check until they are changed too.",
                id=quote.id,
            )
        )

        def answered(answer: str | None) -> None:
            if answer == "delete":
                self._delete(ds, quote.id)

        self.app.push_screen(
            ChoiceDialog(
                tr("Delete this quote?"), message, [("d", tr("Delete"), "delete"), ("escape", tr("Keep"), "cancel")]
            ),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="capture")
    def _delete(self, ds: Dataset, quote_id: str) -> None:
        self._write(lambda: delete_quote(ds.root, quote_id), tr("Deleted quote {id}.", id=quote_id))

    def action_reanchor(self) -> None:
        """A quote no longer verbatim: make it the passage now marked as nearest (the form confirms)."""
        from workbench.core.capture.anchor import nearest_passage

        quote, ds, pane = self.pane.quote, self.ds, self.pane
        if quote is None or ds is None or not pane.broken:
            self.notify(tr("R re-anchors a quote marked ✗ (not verbatim in its document)."), markup=False)
            return
        near = nearest_passage(pane.view.text, quote.text)
        if near is None:
            self.notify(
                tr("Nothing in the document is near this quote: edit the document or delete the quote."),
                severity="warning",
                markup=False,
            )
            return
        draft = QuoteDraft.of(quote, passage(pane.view.text, *near))
        self._open_form(tr("Re-anchor quote {id} to the marked passage", id=quote.id), draft, replacing=quote.id)

    # ------------------------------------------------------------------ linking

    def action_link_quote(self) -> None:
        """Link the quote shown to the capex or financial figure it supports."""
        from workbench.ui.dialogs.link_figure import LinkFigureDialog

        quote, ds = self._shown_quote(), self.ds
        if quote is None or ds is None:
            return

        def chosen(row: FigureRow | None) -> None:
            if row is not None:
                self._link(ds, quote, row)

        self.app.push_screen(LinkFigureDialog(ds, quote), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="capture")
    def _link(self, ds: Dataset, quote: Quote, row: FigureRow) -> None:
        where = f"{row.path.name}:{row.line}"
        self._write(
            lambda: link_figure(row.path, row.line, quote.id, quote.source),
            tr("Linked {where} ({ticker}) to quote {id}.", where=where, ticker=row.ticker, id=quote.id),
            quote=quote.id,
        )

    # ------------------------------------------------------------------ adding a document

    def action_add_document(self) -> None:
        """Add a text, Markdown, HTML or PDF file to the library and open it here."""
        from workbench.ui.dialogs.add_document import AddDocumentDialog

        ds = self.ds
        if ds is None:
            return

        def chosen(result: NewDocument | None) -> None:
            if result is not None:
                self._add_document(ds, result)

        self.app.push_screen(AddDocumentDialog(ds.sources), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="capture")
    def _add_document(self, ds: Dataset, new: NewDocument) -> None:
        source_id = new.entry.id
        done = tr("Added {id}: press v in it to pin a passage.", id=source_id)
        self._write(lambda: add_source(ds.root, new.document, new.entry), done, document=source_id)

    # ------------------------------------------------------------------ writing

    def _write(
        self, write: Callable[[], object], done: str, *, quote: str | None = None, document: str | None = None
    ) -> None:
        """Run one write (in a worker), say how it went, and read the data again to show the quote or document."""
        try:
            write()
        except (CaptureError, OSError) as error:
            message = str(error) if isinstance(error, CaptureError) else tr("Could not write: {error}", error=error)
            title = tr("Nothing was written")
            self.app.call_from_thread(self.notify, message, title=title, severity="error", markup=False)
            return
        self.app.call_from_thread(self._written, done, quote, document)

    def _written(self, done: str, quote: str | None, document: str | None) -> None:
        self.notify(done, markup=False)
        self._wanted, self._wanted_document = quote, document
        self.workbench.load_data()
