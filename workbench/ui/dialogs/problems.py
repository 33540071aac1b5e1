"""The full list of data problems, as `path:line: message`, shown literally; `e` exports them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.core.data.problems import Problem, count_severities
from workbench.ui.safe_text import literal


class ProblemsDialog(ModalScreen[None]):
    """Every problem found in the data files and the config file; Esc closes."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="problems.close"),
        Binding("e", "export", "Export", id="problems.export", tooltip="Write the problems to CSV or JSON"),
    ]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-dialog"):
            noun = "problem" if len(self.problems) == 1 else "problems"
            errors, warnings = count_severities(self.problems)
            if warnings:  # a warning's line says "warning:" after its place
                title = (
                    f"{len(self.problems)} {noun}: {errors} error{'' if errors == 1 else 's'} (record left out), "
                    f"{warnings} warning{'' if warnings == 1 else 's'} (record kept)"
                )
            else:
                title = f"{len(self.problems)} {noun} (data or config) — everything else is loaded"
            yield Label(title, id="problems-title")
            options = [Option(literal(str(p), one_line=False)) for p in self.problems]
            yield OptionList(*options, id="problems-list")
            yield Label("Esc closes · e exports · fixed files reload by themselves", classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        """Close the dialog."""
        self.dismiss(None)

    def action_export(self) -> None:
        """Write every problem (path, line, message) to CSV or JSON."""
        from workbench.core.output.records import PROBLEM_COLUMNS, problem_rows
        from workbench.ui.dialogs.export import ask_export

        ask_export(
            self.app,
            "Export the data problems",
            problem_rows(self.problems),
            "problems.csv",
            what="problem" if len(self.problems) == 1 else "problems",
            columns=PROBLEM_COLUMNS,
        )
