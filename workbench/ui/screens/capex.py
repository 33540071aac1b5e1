"""The Capex screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from workbench.core.model import Dataset
from workbench.ui.base import WorkbenchScreen


class CapexScreen(WorkbenchScreen):
    """Capex (being built)."""

    SCREEN_TITLE = "Capex"

    def compose_body(self) -> ComposeResult:
        yield Static(id="summary", markup=False)

    def show_dataset(self, dataset: Dataset) -> None:
        """Summarise what was loaded."""
        self.query_one("#summary", Static).update(
            f"{len(dataset.companies)} companies · {len(dataset.capex)} capex figures · "
            f"{len(dataset.quotes)} quotes · {len(dataset.scenarios)} scenarios · {len(dataset.deals)} deals"
        )

    def show_company(self, ticker: str) -> None:
        """Navigate to an item (called by the app from other screens)."""
