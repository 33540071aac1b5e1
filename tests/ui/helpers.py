"""UI test helpers: a deterministic app and a wait for data."""

from __future__ import annotations

from workbench.ui.app import WorkbenchApp


class QuietApp(WorkbenchApp):
    """The workbench as tests need it: no polling for file changes (tests reload explicitly), and
    screens built when first opened (not ahead of time, whose timing would vary between runs).

    Session state goes to the temporary XDG_STATE_HOME set by the autouse fixture."""

    def __init__(
        self, data_dir, *, watch_files: bool = False, restore: bool = True, prepare_screens: bool = False
    ) -> None:
        super().__init__(data_dir, watch_files=watch_files, restore=restore, prepare_screens=prepare_screens)


async def settle(pilot) -> None:
    """Wait until data has loaded and every resulting refresh has happened."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
