"""A bare Textual app (header, one line, footer): the floor the workbench's start-up is measured against."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    """The smallest app that shows a screen the way the workbench does."""

    TITLE = "Bare Textual app"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare app ready")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
