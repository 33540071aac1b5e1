"""The app shell: opens on any data, switches screens, lists problems literally."""

from __future__ import annotations

import csv
import io

import pytest
from textual.widgets import OptionList

from tests.datakit import BUNDLED, CAPEX, HOSTILE
from tests.ui.helpers import QuietApp, settle
from workbench.ui.widgets.problems import ProblemsBar


@pytest.mark.parametrize("which", ["bundled", "empty", "missing", "broken"])
async def test_app_opens_on_any_data(which, make_data, tmp_path):
    data = {
        "bundled": BUNDLED,
        "empty": tmp_path / "empty",
        "missing": tmp_path / "nowhere",
        "broken": make_data({"companies.toml": b"\xff\xfe[[", "capex.csv": "garbage\n\x00", "quotes.toml": "[["}),
    }[which]
    (tmp_path / "empty").mkdir(exist_ok=True)
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.dataset is not None
        bar = app.screen.query_one(ProblemsBar)
        assert bar.count == len(app.dataset.problems)
        assert bar.has_class("-visible") == bool(app.dataset.problems)
        for key, mode in (("2", "quotes"), ("3", "scenarios"), ("4", "deals"), ("1", "capex")):
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == mode


async def test_problems_dialog_shows_hostile_text_literally(make_data):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for text in HOSTILE:
        writer.writerow([text, "FY2024", "2024-06-30", "actual", "1", "", "", "cash", "web", "", "", ""])
    app = QuietApp(make_data({"capex.csv": CAPEX + out.getvalue()}))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        for text in ("[bold]not bold[/bold]", "[/oops]", "[@click=app.quit]x[/]", "算力"):
            assert any(text in line for line in shown), text
        assert not any("\x1b" in line for line in shown)
        assert any("␛[31m" in line for line in shown)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert app.is_running


def test_shell_snapshot_80x24(snap_compare, make_data):
    app = QuietApp(make_data({"capex.csv": CAPEX.replace("44.48", "oops")}))
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_problems_dialog_snapshot_80x24(snap_compare, make_data, monkeypatch):
    root = make_data({"capex.csv": CAPEX.replace("44.48", "[/oops]")})
    monkeypatch.chdir(root.parent)  # problems show paths: keep them the same on every run
    app = QuietApp("data")

    async def open_dialog(pilot):
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_dialog)
