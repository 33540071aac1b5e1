"""Ask where to export a table (CSV or JSON by extension, Markdown where offered) and write it off the event loop."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.output.export import ExportError, export_rows
from workbench.ui.safe_text import literal


class ExportDialog(ModalScreen[Path | None]):
    """A path prompt for any screen: `write(path)` does the writing and returns the path written.

    `write` runs in a thread and may raise ExportError or OSError; the message is shown and the
    dialog stays open. An existing file is replaced only after a second Enter. Dismisses with the
    written path, or None when cancelled.
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="export.cancel")]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog #export-dialog { width: 80%; max-width: 90; height: auto; border: thick $accent;
                                  background: $surface; padding: 0 1; }
    ExportDialog #export-title { text-style: bold; }
    ExportDialog #export-error { color: $text-error; height: auto; }
    ExportDialog .hint { color: $text-muted; }
    """

    def __init__(
        self, title: str, write: Callable[[str], Path], suggestion: str = "", detail: str = "", markdown: bool = False
    ) -> None:
        super().__init__()
        self.title_text = title
        self.write = write
        self.suggestion = suggestion
        self.detail = detail
        self.markdown = markdown  # whether `write` also takes a .md path
        self.replacing: str | None = None  # the path the user agreed to replace (a second Enter)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Label(literal(self.title_text), id="export-title")
            if self.detail:
                yield Label(literal(self.detail, one_line=False), classes="hint")
            formats = tr(".csv, .json or .md") if self.markdown else tr(".csv or .json")
            yield Input(
                value=self.suggestion, placeholder=tr("path/to/file ({formats})", formats=formats), id="export-path"
            )
            yield Static(id="export-error")
            what = (
                tr(".csv/.json: raw numbers; .md: as on screen") if self.markdown else tr(".csv or .json, raw numbers")
            )
            yield Label(tr("Enter: write ({what}) · Esc: cancel", what=what), classes="hint")

    @on(Input.Submitted, "#export-path")
    def submit(self, event: Input.Submitted) -> None:
        """Write to the typed path (asking first if that would replace a file)."""
        event.stop()
        self.query_one("#export-error", Static).update(Text(tr("Writing…"), style="dim"))
        self.run_write(event.value, replace=event.value == self.replacing)

    @on(Input.Changed, "#export-path")
    def path_changed(self) -> None:
        """Another path: a file found there will be asked about again."""
        self.replacing = None

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_write(self, path: str, replace: bool = False) -> None:
        """Write in a thread: big tables and slow disks never freeze the app."""
        if not replace and Path(os.path.expanduser(path.strip())).is_file():
            self.app.call_from_thread(self._ask_replace, path)
            return
        try:
            written = self.write(path)
        except (ExportError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self.dismiss, written)

    def _ask_replace(self, path: str) -> None:
        self.replacing = path
        self.query_one("#export-error", Static).update(
            literal(
                tr("{path} exists: Enter again replaces it (or type another name)", path=path.strip()), one_line=False
            )
        )

    def _failed(self, message: str) -> None:
        self.query_one("#export-error", Static).update(literal(message))
        self.query_one(Input).focus()

    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(None)


def ask_export(
    app: App,
    title: str,
    rows: Sequence[Mapping[str, Any]],
    suggestion: str,
    *,
    what: str = N_("rows"),
    count_text: str = "",
    detail: str = "",
    columns: Sequence[str] | None = None,
    markdown: Callable[[], str] | None = None,
) -> None:
    """Every screen's `e`: ask for a path, write `rows` there off the event loop, say where it went.

    `count_text` says how many of what in the interface language (`37 deals`); without it the
    count is `len(rows)` and `what` (an English noun marked with N_, translated here).
    """
    count = count_text or tr("{count} {what}", count=len(rows), what=tr(what))
    about = ("；" if is_chinese() else "; ").join(
        part for part in (count, detail, tr("relative paths start in {path}", path=str(Path.cwd()))) if part
    )

    def done(path: Path | None) -> None:
        if path is not None:
            app.notify(tr("Wrote {count} to {path}", count=count, path=str(path)), title=tr("Exported"), markup=False)

    def write(path: str) -> Path:
        return export_rows(path, rows, columns, markdown=markdown)

    app.push_screen(ExportDialog(title, write, suggestion, about, markdown is not None), done)
