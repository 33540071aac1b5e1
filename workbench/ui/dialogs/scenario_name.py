"""Ask for a name (a case, or a new scenario id), validated as typed with the reason shown."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from workbench.core.i18n import N_, tr
from workbench.ui.dialogs.scenario_frame import ScenarioDialog
from workbench.ui.safe_text import literal


class NameDialog(ScenarioDialog[str | None]):
    """One text field; Enter accepts a valid name, Esc cancels."""

    DEFAULT_CSS = """
    NameDialog > Vertical { width: 64; }
    NameDialog .dialog-title { padding: 0 0 1 0; }
    NameDialog .name-reason { color: $text-error; height: auto; }
    NameDialog .name-hint { color: $text-muted; }
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="dialog.cancel")]

    def __init__(self, title: str, value: str, check: Callable[[str], str | None], hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.check = check
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.title_line(self.title_text)
            yield Input(self.value, id="name-input")
            yield Static("", classes="name-reason")
            yield Static(self.hint or tr("Enter to accept · Esc to cancel"), classes="name-hint", markup=False)

    def on_mount(self) -> None:
        """Show whether the suggested name is usable."""
        self._show_reason(self.value)

    def _show_reason(self, value: str) -> str | None:
        reason = self.check(value.strip())
        self.query_one(".name-reason", Static).update(literal(f"✗ {reason}") if reason else "")
        return reason

    def on_input_changed(self, event: Input.Changed) -> None:
        """Validate as the user types."""
        self._show_reason(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Accept a valid name."""
        event.stop()
        if self._show_reason(event.value) is None:
            self.dismiss(event.value.strip())
