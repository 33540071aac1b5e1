"""`e` exports the table on screen everywhere: quotes, search hits, scenario results and years, problems."""

from __future__ import annotations

import csv
import json

from textual.widgets import Input

from tests.datakit import HOSTILE, QUOTES
from tests.ui.helpers import QuietApp, settle
from workbench.core.output.records import HIT_COLUMNS, PROBLEM_COLUMNS, QUOTE_COLUMNS
from workbench.core.scenarios import export as sx
from workbench.ui.dialogs.export import ExportDialog
from workbench.ui.dialogs.problems import ProblemsDialog


async def write_to(pilot, path) -> None:
    """In the export dialog: type the path, Enter, wait for the file."""
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog), dialog
    dialog.query_one(Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, ExportDialog), str(dialog.query_one("#export-error").render())


def read_csv(path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


async def test_quotes_export_the_filtered_list_then_the_search_hits(make_data, tmp_path):
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("f", *"c:msft", "enter")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert "1 quotes" in str(app.screen.query_one(".hint").render())
        await write_to(pilot, tmp_path / "quotes.csv")
        rows = read_csv(tmp_path / "quotes.csv")
        assert list(rows[0]) == list(QUOTE_COLUMNS)
        assert [(r["id"], r["company"], r["stance"], r["topics"]) for r in rows] == [("under", "MSFT", "bull", "capex")]
        # A search being read exports its hits, as `workbench search --json` prints them.
        await pilot.press("slash", *"the", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "search-the.csv"
        await write_to(pilot, tmp_path / "hits.json")
        hits = json.loads((tmp_path / "hits.json").read_text(encoding="utf-8"))
        assert [tuple(h) for h in hits] == [HIT_COLUMNS]
        assert [(h["source"], h["line"], h["column"]) for h in hits] == [("doc", 2, 1)]


async def test_scenarios_export_every_case_then_the_years_as_markdown(make_data, tmp_path):
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("escape", "e")  # from the form (which takes letters) to the list, then export
        await pilot.pause()
        await write_to(pilot, tmp_path / "demo.csv")
        rows = read_csv(tmp_path / "demo.csv")
        assert list(rows[0]) == list(sx.RESULT_COLUMNS)
        assert [(r["case"], r["utilization"]) for r in rows] == [("base", "0.8"), ("bear", "0.4")]
        assert float(rows[0]["npv_bn"]) > float(rows[1]["npv_bn"])
        await pilot.press("e")
        await pilot.pause()
        await write_to(pilot, tmp_path / "demo.md")
        text = (tmp_path / "demo.md").read_text(encoding="utf-8")
        assert text.startswith("# Demo — results") and "| bear |" in text and "## Inputs" in text
        # The Years view exports the year table of the case being edited.
        await pilot.press("y", "e")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "demo-base-years.csv"
        await write_to(pilot, tmp_path / "years.md")
        years = (tmp_path / "years.md").read_text(encoding="utf-8")
        assert years.startswith("# Demo — years of case base")
        assert sum(line.startswith("| 20") for line in years.splitlines()) == 10  # horizon_years = 10


async def test_the_form_keeps_the_letter_e(make_data):
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("enter")  # Enter on a scenario: into its form
        await pilot.pause()
        assert isinstance(app.screen.focused, Input)
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)


async def test_problems_export_from_the_problems_dialog(make_data, tmp_path):
    quotes = QUOTES + f'\n[[quote]]\nid = "bad"\nsource = "nowhere"\ntext = "{HOSTILE[2]}"\n'
    app = QuietApp(make_data({"quotes.toml": quotes}))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsDialog)
        await pilot.press("e")
        await pilot.pause()
        await write_to(pilot, tmp_path / "problems.csv")
        assert isinstance(app.screen, ProblemsDialog)  # back where the user was
        rows = read_csv(tmp_path / "problems.csv")
        assert list(rows[0]) == list(PROBLEM_COLUMNS)
        assert [(r["path"].endswith("quotes.toml"), r["line"]) for r in rows] == [(True, "18")]
        assert "nowhere" in rows[0]["message"]


async def test_problems_export_stays_english_in_a_chinese_session(make_data, tmp_path, monkeypatch):
    """The dialog lists the problems in Chinese; the file words them in English, as every export."""
    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    quotes = QUOTES + '\n[[quote]]\nid = "bad"\nsource = "nowhere"\ntext = "x"\n'
    app = QuietApp(make_data({"quotes.toml": quotes}))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = [p.message for p in app.dataset.problems]
        assert any("\u4e00" <= c <= "\u9fff" for c in shown[0])  # on screen: Chinese
        await pilot.press("exclamation_mark")
        await pilot.pause()
        await pilot.press("e")
        await settle(pilot)
        await write_to(pilot, tmp_path / "problems.csv")
        assert isinstance(app.screen, ProblemsDialog)
        assert any("\u4e00" <= c <= "\u9fff" for c in app.screen.problems[0].message)  # the dialog unchanged
    rows = read_csv(tmp_path / "problems.csv")
    assert [r["line"] for r in rows] == ["18"]
    assert "nowhere" in rows[0]["message"] and not any("\u4e00" <= c <= "\u9fff" for c in rows[0]["message"])


async def test_the_palette_offers_export_of_the_table_on_screen(make_data, tmp_path):
    app = QuietApp(make_data())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"export the table")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        await write_to(pilot, tmp_path / "companies.json")
        companies = json.loads((tmp_path / "companies.json").read_text(encoding="utf-8"))
        assert sorted(c["ticker"] for c in companies) == ["AMZN", "MSFT"]


async def test_an_existing_file_is_replaced_only_after_a_second_enter(make_data, tmp_path):
    target = tmp_path / "keep.csv"
    target.write_text("precious\n")
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog and target.read_text() == "precious\n"
        assert "exists: Enter again replaces it" in str(dialog.query_one("#export-error").render())
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not dialog and target.read_text().startswith("ticker,")
