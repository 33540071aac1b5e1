"""The full list of data problems, as `path:line: message`, shown literally; `e` exports them."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.core.data.problems import Problem, count_severities
from workbench.core.i18n import N_, in_english, is_chinese, tr, tr_n
from workbench.ui.safe_text import literal


class ProblemsDialog(ModalScreen[None]):
    """Every problem found in the data files and the config file; Esc closes."""

    BINDINGS = [
        Binding("escape,q", "dismiss", N_("Close"), id="problems.close"),
        Binding("e", "export", N_("Export"), id="problems.export", tooltip=N_("Write the problems to CSV or JSON")),
    ]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-dialog"):
            count = len(self.problems)
            errors, warnings = count_severities(self.problems)
            if warnings:  # a warning's line says "warning:" after its place
                title = tr(
                    "{problems}: {errors} (record left out), {warnings} (record kept)",
                    problems=tr_n("{n} problem", "{n} problems", count),
                    errors=tr_n("{n} error", "{n} errors", errors),
                    warnings=tr_n("{n} warning", "{n} warnings", warnings),
                )
            else:
                title = tr_n(
                    "{n} problem (data or config) — everything else is loaded",
                    "{n} problems (data or config) — everything else is loaded",
                    count,
                )
            yield Label(title, id="problems-title")
            options = [Option(literal(str(p), one_line=False)) for p in self.problems]
            yield OptionList(*options, id="problems-list")
            yield Label(tr("Esc closes · e exports · fixed files reload by themselves"), classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        """Close the dialog."""
        self.dismiss(None)

    def action_export(self) -> None:
        """Write every problem (path, line, message) to CSV or JSON — worded in English, like every export."""
        if is_chinese():
            self._english_problems()
        else:
            self._ask_export(self.problems)

    @work(thread=True, exclusive=True, exit_on_error=False, group="problems-export")
    def _english_problems(self) -> None:
        """The same problems worded in English: the files read again in this thread alone, in English."""
        from workbench.core.data.loader import load_dataset
        from workbench.core.settings.config import load_config

        with in_english():
            data_dir = getattr(self.app, "data_dir", None)
            problems = load_dataset(data_dir).problems if data_dir is not None else []
            problems += load_config().problems
        self.app.call_from_thread(self._ask_export, problems)

    def _ask_export(self, problems: list[Problem]) -> None:
        from workbench.core.output.records import PROBLEM_COLUMNS, problem_rows
        from workbench.ui.dialogs.export import ask_export

        ask_export(
            self.app,
            tr("Export the data problems"),
            problem_rows(problems),
            "problems.csv",
            what="problem" if len(problems) == 1 else "problems",
            count_text=tr_n("{n} problem", "{n} problems", len(problems)),
            columns=PROBLEM_COLUMNS,
        )
