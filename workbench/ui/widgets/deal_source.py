"""An external source of a deal: title, publisher, date and URL, shown literally; `c` copies the URL."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.core.model import Source
from workbench.ui.literal import literal


def source_text(source: Source | None, source_id: str) -> Text:
    """The facts of a source, every string literal; a missing source says so."""
    text = Text(end="")
    text.append("Source  ", "bold")
    text.append_text(literal(source_id, "italic"))
    if source is None:
        text.append("\n\nThis source is not in sources.toml.")
        return text
    text.append("\nTitle   ", "bold")
    text.append_text(literal(source.title))
    if source.publisher:
        text.append("\nBy      ", "bold")
        text.append_text(literal(source.publisher))
    text.append("\nDate    ", "bold")
    text.append(source.published.isoformat())
    text.append("\nURL     ", "bold")
    text.append_text(literal(source.url or (source.file or "—")))
    return text


class DealSourceDialog(ModalScreen[None]):
    """Where a deal comes from when it is not one of our documents; Esc closes."""

    DEFAULT_CSS = """
    DealSourceDialog {
        align: center middle;
        #deal-source { width: 90%; max-width: 100; height: auto; border: thick $primary; padding: 1 2;
                       background: $surface; }
        #deal-source-facts { height: auto; }
        .hint { color: $text-muted; margin-top: 1; }
    }
    """

    BINDINGS = [
        Binding("escape,q,enter", "dismiss", "Close", id="deals.source.close"),
        Binding("c", "copy_url", "Copy URL", id="deals.source.copy"),
    ]

    def __init__(self, source: Source | None, source_id: str) -> None:
        super().__init__()
        self.source = source
        self.source_id = source_id

    def compose(self) -> ComposeResult:
        with Vertical(id="deal-source"):
            yield Static(source_text(self.source, self.source_id), id="deal-source-facts", markup=False)
            yield Static("c copies the URL · select it with the mouse to copy part · Esc closes",
                         classes="hint", markup=False)

    def action_copy_url(self) -> None:
        """Put the URL on the clipboard (through the terminal, so it works over SSH)."""
        url = self.source.url if self.source is not None else None
        if url:
            self.app.copy_to_clipboard(url)
            self.notify("URL copied to the clipboard", markup=False)
        else:
            self.notify("This source has no URL", severity="warning", markup=False)

    def action_dismiss(self) -> None:
        """Close the dialog."""
        self.dismiss(None)
