"""A one-line bar that says how many data problems there are and how to see them."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static


class ProblemsBar(Static):
    """Shows `⚠ N data problems — ! to list` while the data has problems; hidden otherwise."""

    count: reactive[int] = reactive(0)

    def watch_count(self, count: int) -> None:
        """Show or hide the bar as the number of problems changes."""
        self.set_class(count > 0, "-visible")
        noun = "problem" if count == 1 else "problems"
        self.update(Text.assemble(("⚠ ", "bold"), f"{count} data {noun} — press ! to list them"))
