"""Where a figure comes from: an external source's title, date and URL, or a verified quote in its document."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from workbench.core.data.model import Dataset, Quote, Source
from workbench.core.i18n import N_, tr
from workbench.core.output.literal import printable, visible
from workbench.ui.safe_text import literal

CONTEXT_CHARS = 500  # of the document shown either side of a quote


def quote_context(document: str, quote: Quote, chars: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(before, quote, after): the quote at its verified offset with up to `chars` either side, cut at lines."""
    start = quote.offset or 0
    end = start + len(quote.text)
    before = document[max(0, start - chars) : start]
    after = document[end : end + chars]
    if start - chars > 0 and "\n" in before:
        before = before[before.index("\n") + 1 :]
    if end + chars < len(document) and "\n" in after:
        after = after[: after.rindex("\n")]
    return before, document[start:end], after


def _field(text: Text, name: str, value: str) -> None:
    """`Title     value`: the name (translated) padded to 10 cells, then the value literally."""
    if value:
        label = tr(name)
        text.append(label + " " * max(0, 10 - cell_len(label)), "bold")
        text.append_text(literal(value, one_line=True))
        text.append("\n")


def describe_source(source: Source | None, source_id: str) -> Text:
    """Title, publisher, date, language and URL (or document file), every value literal."""
    text = Text(end="")
    if source is None:
        text.append(tr("Unknown source "), "bold red")
        text.append_text(literal(source_id))
        return text
    _field(text, N_("Title"), source.title)
    _field(text, N_("English"), str(source.extra.get("title_en", "")))
    _field(text, N_("Publisher"), source.publisher)
    _field(text, N_("Published"), source.published.isoformat())
    _field(text, N_("Form"), str(source.extra.get("form", "")))  # an SEC filing (workbench import sec)
    _field(text, N_("Accession"), str(source.extra.get("accession", "")))
    _field(text, N_("Language"), source.language)
    _field(text, N_("URL"), source.url or str(source.extra.get("original_url", "")))
    _field(text, N_("Document"), f"sources/{source.file}" if source.file else "")
    _field(text, N_("Source id"), source.id)
    return text


class SourceDialog(ModalScreen[str | None]):
    """A figure's provenance. Dismisses with a quote id when the user asks to open it in the Quotes screen."""

    BINDINGS = [
        Binding("escape,q", "close", N_("Close"), id="source.close"),
        Binding("y", "copy", N_("Copy"), id="source.copy", tooltip=N_("Copy the URL (or the quote) to the clipboard")),
        Binding(
            "enter",
            "open_quote",
            N_("Open in Quotes"),
            id="source.open_quote",
            tooltip=N_("Open the quote in its document on the Quotes screen"),
        ),
    ]
    DEFAULT_CSS = """
    SourceDialog { align: center middle; }
    SourceDialog #source-dialog { width: 90%; max-width: 110; height: auto; max-height: 90%;
                                  border: thick $accent; background: $surface; padding: 0 1; }
    SourceDialog #source-heading { text-style: bold; width: 1fr; }
    SourceDialog #source-scroll { height: auto; max-height: 70vh; }  /* the keys line below stays in view */
    SourceDialog #source-body { height: auto; }
    SourceDialog .hint { color: $text-muted; }
    """

    def __init__(self, dataset: Dataset, source_id: str, quote_id: str = "", heading: str = "", note: str = "") -> None:
        super().__init__()
        self.dataset = dataset
        self.source = dataset.sources.get(source_id)
        self.source_id = source_id
        self.quote = dataset.quotes.get(quote_id) if quote_id else None
        self.quote_id = quote_id
        self.heading = heading
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="source-dialog"):
            yield Label(literal(self.heading or tr("Source")), id="source-heading")
            with VerticalScroll(id="source-scroll"):
                yield Static(self._body(None), id="source-body")
            keys = tr("y copy · Enter open in Quotes · Esc close") if self.quote_id else tr("y copy · Esc close")
            yield Label(keys, classes="hint")

    def on_mount(self) -> None:
        """Read the document (for a quote's context) off the event loop."""
        if self.quote is not None and self.source is not None and self.source.is_local:
            self.load_context()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_context(self) -> None:
        """Find the quote's surroundings in its document."""
        quote = self.quote
        if quote is None:
            return
        try:
            document = self.dataset.document_text(quote.source)
        except (OSError, KeyError) as error:
            self.app.call_from_thread(self._show, None, tr("could not read the document: {error}", error=error))
            return
        self.app.call_from_thread(self._show, quote_context(document, quote), "")

    def _show(self, context: tuple[str, str, str] | None, error: str) -> None:
        self.query_one("#source-body", Static).update(self._body(context, error))

    def _body(self, context: tuple[str, str, str] | None, error: str = "") -> Text:
        text = describe_source(self.source, self.source_id)
        if self.quote_id and self.quote is None:
            text.append(tr("\nQuote "), "bold red")
            text.append_text(literal(self.quote_id))
            text.append(tr(" is not among the verified quotes.\n"), "bold red")
        if self.quote is not None:
            q = self.quote
            where = tr(" (line {line}, column {column})", line=q.doc_line, column=q.doc_column) if q.doc_line else ""
            text.append("\n" + tr("Verified quote {where}", where=where) + "\n", "bold")
            _field(text, N_("Quote id"), q.id)
            _field(text, N_("Speaker"), q.speaker)
            _field(text, N_("Said on"), q.date.isoformat() if q.date else "")
            text.append("\n")
            if context is None:
                text.append_text(literal(q.text, "reverse", one_line=False))
                text.append("\n" + (error or tr("Loading the document…")), "dim")
            else:
                before, passage, after = context
                text.append_text(literal(before, "dim", one_line=False))
                text.append_text(literal(passage, "bold reverse", one_line=False))
                text.append_text(literal(after, "dim", one_line=False))
            if q.translation:
                text.append("\n\n" + tr("Gloss  "), "bold")
                text.append_text(literal(q.translation, one_line=False))
        if self.note:
            text.append("\n\n" + tr("Note  "), "bold")
            text.append_text(literal(self.note, one_line=False))
        return text

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(None)

    def action_copy(self) -> None:
        """Copy the URL of an external source, or the quote's text for a document."""
        if self.quote is not None:
            value, copied = self.quote.text, N_("Copied the quote: {value}")
        elif self.source is not None and self.source.url:
            value, copied = self.source.url, N_("Copied the URL: {value}")
        else:
            value, copied = (self.source.title if self.source else self.source_id), N_("Copied the title: {value}")
        self.app.copy_to_clipboard(visible(value))  # pasted into a terminal: inert
        self.notify(tr(copied, value=printable(value, one_line=True)[:80]), markup=False)

    def action_open_quote(self) -> None:
        """Close and open the quote on the Quotes screen."""
        if self.quote_id:
            self.dismiss(self.quote_id)
