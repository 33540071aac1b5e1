"""Ask where to export a table (CSV or JSON by extension) and write it off the event loop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from workbench.core.export import ExportError
from workbench.ui.literal import literal


class ExportDialog(ModalScreen[Path | None]):
    """A path prompt for any screen: `write(path)` does the writing and returns the path written.

    `write` runs in a thread and may raise ExportError or OSError; the message is shown and the
    dialog stays open. Dismisses with the written path, or None when cancelled.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog #export-dialog { width: 80%; max-width: 90; height: auto; border: thick $accent;
                                  background: $surface; padding: 0 1; }
    ExportDialog #export-title { text-style: bold; }
    ExportDialog #export-error { color: $text-error; height: auto; }
    ExportDialog .hint { color: $text-muted; }
    """

    def __init__(self, title: str, write: Callable[[str], Path], suggestion: str = "", detail: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.write = write
        self.suggestion = suggestion
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Label(literal(self.title_text), id="export-title")
            if self.detail:
                yield Label(literal(self.detail), classes="hint")
            yield Input(value=self.suggestion, placeholder="path/to/file.csv or .json", id="export-path")
            yield Static(id="export-error")
            yield Label("Enter: write (.csv or .json, raw numbers) · Esc: cancel", classes="hint")

    @on(Input.Submitted, "#export-path")
    def submit(self, event: Input.Submitted) -> None:
        """Write to the typed path."""
        event.stop()
        self.query_one("#export-error", Static).update(Text("Writing…", style="dim"))
        self.run_write(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_write(self, path: str) -> None:
        """Write in a thread: big tables and slow disks never freeze the app."""
        try:
            written = self.write(path)
        except (ExportError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self.dismiss, written)

    def _failed(self, message: str) -> None:
        self.query_one("#export-error", Static).update(literal(message))
        self.query_one(Input).focus()

    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(None)
