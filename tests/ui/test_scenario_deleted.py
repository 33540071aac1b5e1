"""A scenario file deleted behind the app's back: the Scenarios screen says so, once."""

from __future__ import annotations

from tests.ui.helpers import QuietApp, settle
from tests.ui.test_scenarios_screen import edit, open_scenarios


async def test_a_scenario_deleted_on_disk_is_reported_and_edits_are_kept(make_data) -> None:
    data = make_data()
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        told: list[str] = []
        notify = screen.notify
        screen.notify = lambda message, **kw: (told.append(str(message)), notify(message, **kw))[1]  # type: ignore[method-assign]
        await edit(pilot, screen, "revenue_bn", "5")
        (data / "scenarios" / "demo.toml").unlink()
        app.action_reload()
        await settle(pilot)
        assert any("demo.toml was deleted on disk" in m and "edits are kept" in m for m in told), told
        assert screen.draft is not None and screen.draft.dirty  # nothing typed is lost
        app.action_reload()
        await settle(pilot)
        assert sum("deleted on disk" in m for m in told) == 1  # said once, not at every reload
