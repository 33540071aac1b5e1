"""The frame every main screen shares: header, body, data-problems bar and footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Footer, Header

from workbench.core.data.model import Dataset
from workbench.ui.widgets.problems import ProblemsBar

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp


class WorkbenchScreen(Screen):
    """A main screen (Capex, Quotes, …). Subclasses fill `compose_body` and react in `show_dataset`."""

    SCREEN_TITLE = ""

    @property
    def workbench(self) -> WorkbenchApp:
        """The app, typed: screens reach each other and the shared state through it."""
        return cast("WorkbenchApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Container(classes="body") as body:
            body.loading = True
            yield from self.compose_body()
        yield ProblemsBar()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets."""
        yield from ()

    def on_mount(self) -> None:
        """Follow the app's dataset: called now if loaded, and again on every reload."""
        self.sub_title = self.SCREEN_TITLE
        self.mode_name = self.app.current_mode
        self.watch(self.app, "dataset", self._dataset_changed, init=True)

    def _dataset_changed(self, dataset: Dataset | None) -> None:
        if dataset is None:
            return
        first = self.query_one(".body").loading
        self.query_one(".body").loading = False
        self.query_one(ProblemsBar).show([*dataset.problems, *self.workbench.config_problems])
        self.show_dataset(dataset)
        if first:
            saved = self.workbench.saved_session.get("screens", {}).get(self.mode_name)
            if isinstance(saved, dict):
                try:
                    self.restore_session(saved)
                except (KeyError, ValueError, TypeError, LookupError):
                    pass  # the data changed since: the saved place no longer exists

    def show_dataset(self, dataset: Dataset) -> None:
        """Fill the screen from freshly loaded data."""

    def session_state(self) -> dict:
        """What to save so the screen reopens where the user left it (JSON-serialisable)."""
        return {}

    def restore_session(self, state: dict) -> None:
        """Return to a place saved by `session_state` (called once, after the first data load)."""
