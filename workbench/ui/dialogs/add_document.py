"""Add a document: a file's path, then its entry (title, id, date, language, publisher, URL) from guesses.

The file is read in a worker (a large PDF takes a moment); what it says about itself fills the form,
and the user confirms or corrects each field. A file in GB 18030 or Big5 is converted to UTF-8 only
once the user ticks the box that says so.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static

from workbench.core.capture.documents import DocumentError, Extracted, extract
from workbench.core.capture.library import LANGUAGES, NewSource, slug, unique_id
from workbench.core.i18n import N_, tr
from workbench.ui.dialogs.scenario_frame import ScenarioDialog
from workbench.ui.safe_text import literal

# What the file was read as (Extracted.kind), as the form says it; HTML and PDF read the same in every language.
KINDS = {"text": N_("text"), "markdown": N_("markdown")}


@dataclass
class NewDocument:
    """What the user confirmed: the document's text and its sources.toml entry."""

    document: Extracted
    entry: NewSource


class AddDocumentDialog(ScenarioDialog[NewDocument | None]):
    """A path, then the entry's fields; Ctrl+S adds the document, Esc cancels."""

    DEFAULT_CSS = """
    AddDocumentDialog > Vertical { width: 100; }
    AddDocumentDialog .form-row { height: 1; }
    AddDocumentDialog .form-row > Label { width: 12; color: $text-muted; }
    AddDocumentDialog .form-row > Input, AddDocumentDialog .form-row > Select { width: 1fr; }
    AddDocumentDialog #doc-fields { height: auto; display: none; }
    AddDocumentDialog.-read #doc-fields { display: block; }
    AddDocumentDialog #doc-status { height: auto; color: $text-muted; }
    AddDocumentDialog #doc-reason { height: auto; color: $text-error; }
    AddDocumentDialog #doc-hint { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="add_document.cancel"),
        Binding("ctrl+s", "save", N_("Add"), id="add_document.save", priority=True),
    ]

    def __init__(self, taken_ids: Collection[str], start: str = "") -> None:
        super().__init__()
        self.taken_ids = set(taken_ids)
        self.start = start
        self.document: Extracted | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.title_line(tr("Add a document: text, Markdown, HTML or PDF"))
            with Horizontal(classes="form-row"):
                yield Label(tr("File"))
                yield Input(self.start, placeholder=tr("path to the file, then Enter"), id="doc-path", compact=True)
            yield Static("", id="doc-status", markup=False)
            with Vertical(id="doc-fields"):
                for key, label, placeholder in (
                    ("title", N_("Title"), N_("the document's own title")),
                    ("id", N_("Id"), N_("short, unique: letters, digits, '-'")),
                    ("published", N_("Published"), "YYYY-MM-DD"),
                    ("publisher", N_("Publisher"), N_("who published it")),
                    ("url", N_("From URL"), N_("where it was collected from")),
                ):
                    with Horizontal(classes="form-row"):
                        yield Label(tr(label))
                        yield Input("", placeholder=tr(placeholder), id=f"doc-{key}", compact=True)
                with Horizontal(classes="form-row"):
                    yield Label(tr("Language"))
                    yield Select(
                        [(code, code) for code in LANGUAGES],
                        value="en",
                        id="doc-language",
                        compact=True,
                        prompt=tr("Select"),
                    )
                yield Checkbox(tr("Convert to UTF-8"), id="doc-convert", compact=True)
            yield Static("", id="doc-reason")
            yield Static(tr("Enter reads the file · Ctrl+S adds it · Esc cancels"), id="doc-hint", markup=False)

    def on_mount(self) -> None:
        """Start in the path field."""
        self.query_one("#doc-convert", Checkbox).display = False
        self.query_one("#doc-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter on the path reads the file; on a field, moves to the next."""
        event.stop()
        if event.input.id == "doc-path":
            path = Path(event.value.strip()).expanduser()
            self.query_one("#doc-status", Static).update(literal(tr("Reading {path} …", path=str(path))))
            self._read(path)
        else:
            self.focus_next()

    @work(thread=True, exclusive=True, exit_on_error=False, group="add-document")
    def _read(self, path: Path) -> None:
        """Extract the text off the UI thread."""
        try:
            document = extract(path)
        except DocumentError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._filled, path, document)

    def _failed(self, message: str) -> None:
        self.document = None
        self.remove_class("-read")
        self.query_one("#doc-status", Static).update(literal(message))

    def _filled(self, path: Path, document: Extracted) -> None:
        """Show what the file holds and fill the fields with its guesses."""
        self.document = document
        pages = tr(", {count} pages", count=document.pages) if document.pages else ""
        notes = "".join(tr("; {note}", note=note) for note in document.notes)
        size = tr("{count:,} characters", count=len(document.text))
        kind = tr(KINDS[document.kind]) if document.kind in KINDS else document.kind
        status = tr("{kind}, {size}{pages}{notes}", kind=kind, size=size, pages=pages, notes=notes)
        self.query_one("#doc-status", Static).update(literal(status))
        title = document.title or path.stem
        values = {
            "title": title,
            "id": unique_id(slug(title, fallback=slug(path.stem)), sorted(self.taken_ids)),
            "published": (document.published or date.today()).isoformat(),
            "publisher": "",
            "url": "",
        }
        for key, value in values.items():
            self.query_one(f"#doc-{key}", Input).value = value
        self.query_one("#doc-language", Select).value = document.language if document.language in LANGUAGES else "en"
        convert = self.query_one("#doc-convert", Checkbox)
        convert.display = document.converted
        convert.label = tr("Convert from {encoding} to UTF-8 (needed to add it)", encoding=document.encoding.upper())
        convert.value = False
        self.add_class("-read")
        self.query_one("#doc-title", Input).focus()

    def _entry(self) -> tuple[NewSource | None, str]:
        document = self.document
        if document is None:
            return None, tr("Read a file first (Enter on its path)")
        value = lambda key: self.query_one(f"#doc-{key}", Input).value.strip()  # noqa: E731
        if document.converted and not self.query_one("#doc-convert", Checkbox).value:
            return None, tr(
                "The file is {encoding}: tick 'Convert' to add it as UTF-8", encoding=document.encoding.upper()
            )
        if value("id") in self.taken_ids:
            return None, tr("Id {id!r} is taken", id=value("id"))
        try:
            published = date.fromisoformat(value("published"))
        except ValueError:
            return None, tr("Published: YYYY-MM-DD")
        language = self.query_one("#doc-language", Select).value
        entry = NewSource(
            id=value("id"),
            title=value("title"),
            published=published,
            language=language if isinstance(language, str) else "en",
            publisher=value("publisher"),
            url=value("url"),
        )
        return entry, ""

    def action_save(self) -> None:
        """Add the document as the form describes it."""
        entry, reason = self._entry()
        self.query_one("#doc-reason", Static).update(literal(f"✗ {reason}") if reason else "")
        if entry is not None and self.document is not None:
            self.dismiss(NewDocument(self.document, entry))
