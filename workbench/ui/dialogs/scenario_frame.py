"""The frame every scenario dialog shares: a centred, bordered box with a bold title line."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen
from textual.widgets import Static

ResultT = TypeVar("ResultT")


class ScenarioDialog(ModalScreen[ResultT]):
    """A centred box (the dialog's `Vertical`) under a bold title; subclasses size it and bind Esc."""

    DEFAULT_CSS = """
    ScenarioDialog { align: center middle; }
    ScenarioDialog > Vertical {
        max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ScenarioDialog .dialog-title { text-style: bold; }
    """

    @staticmethod
    def title_line(text: str) -> Static:
        """The bold first line, shown literally (titles can name a case or a file)."""
        return Static(text, classes="dialog-title", markup=False)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
