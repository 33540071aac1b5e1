"""`?` lists every key of the current screen — hidden ones, other widgets', the app's — with binding ids."""

from __future__ import annotations

from tests.ui.helpers import QuietApp, settle
from workbench.ui.dialogs.keys import KeysDialog


def listed(dialog: KeysDialog) -> dict[str, tuple[str, list[str]]]:
    """binding id → (heading of its group, keys shown)."""
    return {row.binding_id: (heading, row.keys) for heading, rows in dialog.groups for row in rows if row.binding_id}


async def test_keys_lists_hidden_and_app_keys_with_ids(make_data):
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, KeysDialog)
        keys = listed(dialog)
        assert keys["capex.list.page_up"][0].startswith("Here")  # the focused list, hidden from the footer
        assert keys["capex.prev_tab"] == ("Capex screen", ["["])  # hidden from the footer too
        assert keys["app.quotes"] == ("Everywhere", ["2"])
        assert keys["app.keys"][1] == ["?"]
        assert keys["app.history_back"] == ("Everywhere", ["⌫", "<"])  # Back (Esc too, once a screen has no more)
        assert keys["app.history_forward"] == ("Everywhere", [">"])
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, KeysDialog)


async def test_keys_show_the_keymap_and_each_screen_its_own(make_data, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"quotes.gloss" = "l"\n')
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        keys = listed(app.screen)
        assert keys["quotes.gloss"] == ("Quotes screen", ["l"])
        assert keys["quotes.export"][1] == ["e"] and "capex.sort" not in keys
        await pilot.press("question_mark")  # ? again closes it
        await pilot.pause()
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        keys = listed(app.screen)
        assert keys["scenarios.export"][1] == ["e"] and keys["scenarios.key_years"][1] == ["y"]
        assert "scenarios.grid_bigger" in keys  # in the sensitivity grid, not on screen yet
