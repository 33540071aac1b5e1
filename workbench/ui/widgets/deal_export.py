"""Ask where to export the ledger: a file name ending in .csv or .json; Enter writes, Esc cancels."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class DealExportDialog(ModalScreen[str | None]):
    """The export path for the deals shown (the filter and order apply); returns it, or None."""

    DEFAULT_CSS = """
    DealExportDialog {
        align: center middle;
        #deal-export { width: 90%; max-width: 90; height: auto; border: thick $primary; padding: 1 2;
                       background: $surface; }
        #deal-export-path { margin: 1 0; }
        .hint { color: $text-muted; }
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="deals.export.cancel")]

    def __init__(self, default_path: str, count: int, what: str) -> None:
        super().__init__()
        self.default_path = default_path
        self.count = count
        self.what = what

    def compose(self) -> ComposeResult:
        noun = "deal" if self.count == 1 else "deals"
        with Vertical(id="deal-export"):
            yield Static(f"Export {self.count} {noun} ({self.what}) with raw numbers: amounts in USD "
                         "billions, empty = undisclosed.", markup=False)
            yield Input(self.default_path, id="deal-export-path", select_on_focus=False)
            yield Static("The extension chooses the format: .csv or .json · Enter writes · Esc cancels",
                         classes="hint", markup=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter: return the path typed."""
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Esc: close without writing."""
        self.dismiss(None)
