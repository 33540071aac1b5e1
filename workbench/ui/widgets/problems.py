"""A one-line bar that says how many data problems there are, of which severity, and how to see them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from workbench.core.i18n import tr, tr_n

if TYPE_CHECKING:
    from workbench.core.data.problems import Problem


class ProblemsBar(Static):
    """Shows `⚠ N data problems (E errors, W warnings) — ! to list` while there are any; hidden otherwise."""

    count: reactive[int] = reactive(0)
    warnings: reactive[int] = reactive(0)

    def show(self, problems: Sequence[Problem]) -> None:
        """Count `problems` by severity (errors leave a record out, warnings keep it flagged)."""
        from workbench.core.data.problems import count_severities  # with the data, not the first frame

        self.warnings = count_severities(list(problems))[1]
        self.count = len(problems)

    def watch_count(self, count: int) -> None:
        """Show or hide the bar as the number of problems changes."""
        self._refresh_text()

    def watch_warnings(self, warnings: int) -> None:
        self._refresh_text()

    def _refresh_text(self) -> None:
        count, warnings = self.count, min(self.warnings, self.count)
        self.set_class(count > 0, "-visible")
        if warnings == 0:
            what = tr_n("{n} data problem", "{n} data problems", count)
        elif warnings == count:
            what = tr_n("{n} data warning", "{n} data warnings", count)
        else:
            what = tr(
                "{problems} ({errors}, {warnings})",
                problems=tr_n("{n} data problem", "{n} data problems", count),
                errors=tr_n("{n} error", "{n} errors", count - warnings),
                warnings=tr_n("{n} warning", "{n} warnings", warnings),
            )
        self.update(Text.assemble(("⚠ ", "bold"), tr("{what} — press ! to list them", what=what)))
