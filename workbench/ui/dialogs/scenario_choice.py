"""A small question with a few answers, each on its own key (unsaved changes, conflicts, deletes)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from workbench.core.i18n import N_, tr
from workbench.ui.dialogs.scenario_frame import ScenarioDialog

KEY_NAMES = {"escape": N_("escape")}  # as the key is called in the interface language (Esc in Chinese)


class ChoiceDialog(ScenarioDialog[str]):
    """Asks `message`; answers are (key, label, value); Esc answers "cancel"."""

    DEFAULT_CSS = """
    ChoiceDialog > Vertical { width: 72; max-height: 90%; border: thick $warning; }
    ChoiceDialog .dialog-title { padding: 0 0 1 0; }
    ChoiceDialog .choice-message { padding: 0 0 1 0; }
    ChoiceDialog Horizontal { height: auto; }
    ChoiceDialog Button { margin: 0 1 0 0; min-width: 10; }
    """

    BINDINGS = [Binding("escape", "answer('cancel')", N_("Cancel"), id="dialog.cancel")]

    def __init__(self, title: str, message: Text, answers: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.title_line(self.title_text)
            yield Static(self.message, classes="choice-message")
            with Horizontal():
                for key, label, value in self.answers:
                    shown = tr(KEY_NAMES[key]) if key in KEY_NAMES else key
                    yield Button(
                        f"{label} ({shown})",
                        id=f"answer-{value}",
                        variant="primary" if value != "cancel" else "default",
                    )

    def on_key(self, event: events.Key) -> None:
        """An answer's own key picks it."""
        for key, _, value in self.answers:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button picks its answer."""
        event.stop()
        self.dismiss((event.button.id or "answer-cancel").removeprefix("answer-"))

    def action_answer(self, value: str) -> None:
        """Close with `value`."""
        self.dismiss(value)
