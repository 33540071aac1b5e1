"""UI test helpers: a deterministic app (fixed theme, no cursor blink) and a wait for data."""

from __future__ import annotations

from workbench.ui.app import WorkbenchApp


class QuietApp(WorkbenchApp):
    """The workbench with cursor blink off, so snapshots are stable."""

    def on_mount(self) -> None:
        # Textual also runs WorkbenchApp.on_mount (handlers run for every class), so no super().
        self.theme = "textual-dark"


async def settle(pilot) -> None:
    """Wait until data has loaded and every resulting refresh has happened."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
