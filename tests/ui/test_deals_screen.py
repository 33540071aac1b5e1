"""The Deals screen: ledger, per-company view, network, sources, scenarios and export, keyboard only."""

from __future__ import annotations

import csv
import io
import json

import pytest
from textual.widgets import Input, TabbedContent

from tests.datakit import BUNDLED, DEALS, HOSTILE
from tests.ui.helpers import QuietApp, settle
from workbench.ui.dialogs.export import ExportDialog
from workbench.ui.dialogs.scenario_name import NameDialog
from workbench.ui.dialogs.source import SourceDialog
from workbench.ui.screens.deals import DealsScreen
from workbench.ui.widgets.deal_network import DealNetwork
from workbench.ui.widgets.deal_party import PartyList, PartyReportList, PartyView
from workbench.ui.widgets.deal_table import DealTable


async def open_deals(pilot) -> DealsScreen:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DealsScreen)
    return pilot.app.screen


async def type_filter(pilot, text: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


def table_text(screen: DealsScreen) -> list[str]:
    table = screen.query_one(DealTable)
    return [table.row_text(i) for i in range(len(table.rows))]


def report_text(screen: DealsScreen) -> list[tuple[str, str]]:
    """(line, target) of every line of the per-company report."""
    report = screen.query_one(PartyReportList)
    return [(str(report.get_option_at_index(i).prompt), report.targets[i]) for i in range(report.option_count)]


async def test_amazon_money_into_anthropic_beside_anthropic_commitments_to_aws():
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_deals(pilot)
        assert isinstance(app.focused, DealTable) and len(screen.query_one(DealTable).rows) == 37
        await type_filter(pilot, "investor:amazon counterparty:anthropic")
        assert len(table_text(screen)) == 3 and isinstance(app.focused, DealTable)
        await pilot.press("p")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "party"
        assert isinstance(app.focused, PartyReportList)
        lines = report_text(screen)
        summary = str(screen.query_one("#party-summary").render())
        assert "Amazon" in summary and "≥1.71×" in summary
        heading = next(i for i, (line, _) in enumerate(lines) if line.startswith("Anthropic"))
        assert "≥3.15×" in lines[heading][0] and "in $33.00B" in lines[heading][0]
        block = [line for line, target in lines[heading + 1 : heading + 7]]
        assert [line[:3] for line in block] == ["⊂ →", "  →", "  →", "  ←", "  ←", "  ←"]
        assert ["$4.00B" in block[0], "$8.00B" in block[1], "$25.00B" in block[2]] == [True] * 3
        assert ["$4.00B" in block[3], "undisclosed" in block[4], "$100.00B" in block[5]] == [True] * 3
        assert "❝amzn-anthropic-up-to-4b" in block[0]  # the source is on the line, and opens with Enter
        # `p` again: the deal's counterparty.
        await pilot.press("p")
        await pilot.pause()
        assert str(screen.query_one("#party-summary").render()).startswith("Anthropic")


async def test_everyone_openai_owes_compute_to():
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_deals(pilot)
        app.open_party("openai")
        await pilot.pause()
        lines = [line for line, _ in report_text(screen)]
        start = next(i for i, line in enumerate(lines) if "MUST PAY" in line)
        assert "$610.40B" in lines[start]
        owed = [line.split("  ")[0] for (line,) in zip(lines[start + 1 :]) if not line.startswith((" ", "⊂", "↺"))]
        assert owed[:5] == ["Oracle", "Microsoft", "Amazon", "CoreWeave", "NVIDIA"]
        # the cursor is on OpenAI's first deal: the $0.35B CoreWeave stake it received with its contract
        assert screen.query_one(PartyView).current_deal() is not None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceDialog)
        assert "cryptoobserver-openai-coreweave-12b" in str(app.screen.query_one("#source-body").render())
        await pilot.press("escape")
        await pilot.pause()
        # Walking the party list with j/k shows each party as the cursor reaches it.
        await pilot.press("shift+tab")
        assert isinstance(app.focused, PartyList)
        await pilot.press("g")
        await pilot.pause()
        assert screen.query_one(PartyView).party == screen.ledger.resolve("OpenAI")  # the largest first
        await pilot.press("j")
        await pilot.pause()
        assert screen.query_one(PartyView).party != screen.ledger.resolve("OpenAI")


async def test_enter_opens_a_quote_or_an_external_source():
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_deals(pilot)
        await type_filter(pilot, "investor:upper90")  # from a document: has a quote
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "quotes"
        await pilot.press("4")
        await pilot.pause()
        await type_filter(pilot, '"SoftBank, OpenAI"')
        assert len(table_text(screen)) == 1
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SourceDialog)
        facts = str(dialog.query_one("#source-body").render())
        assert "webpronews-openai-oracle-stargate" in facts and "https://" in facts
        assert "SoftBank, OpenAI, Oracle and MGX → Stargate LLC" in str(dialog.query_one("#source-heading").render())
        await pilot.press("y")
        assert app.clipboard.startswith("https://")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_sort_filter_and_escape():
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_deals(pilot)
        first_dates = table_text(screen)[0]
        assert "2026-05-10" in first_dates  # newest first
        await pilot.press("s")  # → amount, largest first
        await pilot.pause()
        assert screen.sort_key == "amount" and "$500.00B" in table_text(screen)[0]
        await pilot.press("S")
        await pilot.pause()
        assert "$0.20B" in table_text(screen)[0] and "undisclosed" in table_text(screen)[-1]
        await pilot.press("slash", *"kind:backstop")
        await pilot.pause()
        assert len(table_text(screen)) == 1
        await pilot.press("escape")  # leave the box, keep the filter
        await pilot.pause()
        assert isinstance(app.focused, DealTable) and len(table_text(screen)) == 1
        await pilot.press("escape")  # clear it
        await pilot.pause()
        assert len(table_text(screen)) == 37
        assert screen.query_one("#deal-filter", Input).has_class("-idle")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.focused, DealNetwork)
        await pilot.press("down", "enter")  # an edge: OpenAI → Oracle
        await pilot.pause()
        assert screen.query_one(PartyView).party == "ORCL"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "ledger"


async def test_model_creates_then_opens_a_scenario_counting_the_commitment(bundled_copy):
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_deals(pilot)
        await type_filter(pilot, "investor:anthropic counterparty:amazon year:2026")
        path = bundled_copy / "scenarios" / "deal-anthropic-amazon-compute-2026-04.toml"
        # m asks where to write first, showing the path; Esc writes nothing.
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, NameDialog)
        assert app.screen.query_one(Input).value == "scenarios/deal-anthropic-amazon-compute-2026-04.toml"
        await pilot.press("escape")
        await settle(pilot)
        assert not path.exists() and app.current_mode == "deals"
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert path.exists() and "revenue_bn = 10.0" in path.read_text(encoding="utf-8")
        assert "deal-anthropic-amazon-compute-2026-04" in app.dataset.scenarios
        assert app.current_mode == "scenarios"
        assert not [p for p in app.dataset.problems if "deal-anthropic" in p.path]
        before = path.read_bytes()
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("m")  # the second time it opens the existing file
        await settle(pilot)
        assert app.current_mode == "scenarios" and path.read_bytes() == before
        # A deal that is nobody's revenue says why, and writes nothing.
        await pilot.press("4")
        await pilot.pause()
        await type_filter(pilot, "investor:amazon year:2026")
        files = sorted((bundled_copy / "scenarios").iterdir())
        await pilot.press("m")
        await settle(pilot)
        assert app.current_mode == "deals" and sorted((bundled_copy / "scenarios").iterdir()) == files


async def test_model_writes_where_the_user_says_and_only_loads_scenarios_folder(bundled_copy, tmp_path):
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_deals(pilot)
        await type_filter(pilot, "investor:anthropic counterparty:amazon year:2026")
        await pilot.press("m")
        await pilot.pause()
        box = app.screen.query_one(Input)
        box.value = "scenarios/Bad Name.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NameDialog)  # refused, with the reason shown
        box.value = "scenarios/anthropic-on-aws.toml"
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        written = bundled_copy / "scenarios" / "anthropic-on-aws.toml"
        assert 'id = "anthropic-on-aws"' in written.read_text(encoding="utf-8")
        assert "anthropic-on-aws" in app.dataset.scenarios and app.current_mode == "scenarios"
        await pilot.press("4")
        await pilot.pause()
        app.screen.query_one("#deal-filter", Input).value = "investor:openai counterparty:oracle"
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        elsewhere = tmp_path / "mine" / "openai-oracle.toml"
        app.screen.query_one(Input).value = str(elsewhere)
        await pilot.press("enter")
        await settle(pilot)
        assert elsewhere.exists() and app.current_mode == "deals"


async def test_export_writes_the_deals_shown(tmp_path):
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_deals(pilot)
        await type_filter(pilot, "party:openai kind:compute")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one(Input).value = str(tmp_path / "owed.txt")  # wrong extension: said, not written
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog) and not (tmp_path / "owed.txt").exists()
        app.screen.query_one(Input).value = str(tmp_path / "owed.json")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
        records = json.loads((tmp_path / "owed.json").read_text(encoding="utf-8"))
        assert sorted(r["usd_bn"] for r in records) == [22.4, 38.0, 250.0, 300.0]
        assert {r["investor"] for r in records} == {"OpenAI"}
        assert records[0]["amount_basis"] == "USD billions, as announced"


def hostile_deals() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for text in HOSTILE:
        writer.writerow([text, "Anthropic", "equity", "1", "2024-01-01", "web", "", "", "closed", "", text])
    return DEALS + out.getvalue()


async def test_hostile_names_show_literally_and_bad_rows_are_reported(make_data):
    deals = hostile_deals() + "Broken,Row,equity,-3,2024-01-01,web,,,,,\n"
    app = QuietApp(make_data({"deals.csv": deals}))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_deals(pilot)
        shown = "\n".join(table_text(screen))
        for text in ("[bold]not b", "[/oops]", "[@click=app.", "算力"):  # cut to the column's width
            assert text in shown
        assert "\x1b" not in shown and "␛[31m" in shown
        assert any(f"deals.csv:{len(hostile_deals().splitlines()) + 1}:" in str(p) for p in app.dataset.problems)
        parties = screen.query_one(PartyList)
        assert parties.option_count == 0  # the party view is drawn when first shown
        app.open_party("[@click=app.quit]x[/]")
        await pilot.pause()
        names = [str(parties.get_option_at_index(i).prompt) for i in range(parties.option_count)]
        for text in ("[bold]not bold[/bold]", "[@click=app.quit]x[/]", "x" * 10_000):
            assert text in names
        assert str(screen.query_one("#party-summary").render()).startswith("[@click=app.quit]x[/]")
        await pilot.press("enter", "w", "enter", "p")
        await pilot.pause()
        assert app.is_running


async def test_open_party_from_another_screen_and_session_state():
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_party("AWS")  # an alias of Amazon, before the Deals screen has ever been shown
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DealsScreen) and screen.query_one(TabbedContent).active == "party"
        assert screen.query_one(PartyView).party == "AMZN"
        await pilot.press("l", "s")
        await pilot.pause()
        state = screen.session_state()
        assert state == {
            "view": "ledger",
            "filter": "",
            "sort": "amount",
            "descending": True,
            "party": "Amazon",
            "zoom": False,
        }
    again = QuietApp(BUNDLED)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_deals(pilot)
        screen.restore_session({**state, "view": "party", "filter": "kind:loan"})
        await pilot.pause()
        assert (screen.sort_key, len(screen.shown), screen.query_one(PartyView).party) == ("amount", 1, "AMZN")


async def test_unknown_party_and_empty_data(tmp_path):
    (tmp_path / "empty").mkdir()
    app = QuietApp(tmp_path / "empty")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_deals(pilot)
        app.open_party("Nobody")
        await pilot.press("p", "w", "enter", "m", "e", "escape", "l", "enter", "s")
        await pilot.pause()
        assert not screen.query_one(DealTable).rows and app.is_running


async def party_amazon(pilot):
    await open_deals(pilot)
    pilot.app.open_party("Amazon")
    await pilot.pause()


async def party_openai(pilot):
    await open_deals(pilot)
    pilot.app.open_party("OpenAI")
    await pilot.pause()


async def network(pilot):
    await open_deals(pilot)
    await pilot.press("w")
    await pilot.pause()


def test_ledger_snapshot_80x24(snap_compare):
    assert snap_compare(QuietApp(BUNDLED), terminal_size=(80, 24), run_before=open_deals)


def test_party_snapshot_80x24(snap_compare):
    assert snap_compare(QuietApp(BUNDLED), terminal_size=(80, 24), run_before=party_amazon)


def test_network_snapshot_80x24(snap_compare):
    assert snap_compare(QuietApp(BUNDLED), terminal_size=(80, 24), run_before=network)


def test_party_snapshot_140x45(snap_compare):
    assert snap_compare(QuietApp(BUNDLED), terminal_size=(140, 45), run_before=party_openai)


async def years(pilot):
    await open_deals(pilot)
    await pilot.press("y")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])
@pytest.mark.parametrize("view, run_before", [("ledger", open_deals), ("years", years)])
def test_deals_snapshots_at_three_sizes(snap_compare, size, view, run_before):
    assert snap_compare(QuietApp(BUNDLED), terminal_size=size, run_before=run_before)


async def test_years_view_spreads_commitments_and_follows_the_filter():
    from workbench.ui.widgets.deal_years import DealYears

    app = QuietApp(BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_deals(pilot)
        await pilot.press("y")
        await pilot.pause()
        years = screen.query_one(DealYears)
        assert app.focused is years and years.row_count > 5
        await type_filter(pilot, "party:oracle")
        await pilot.press("y")
        await pilot.pause()
        first = [str(c) for c in years.get_row_at(0)]
        assert first[0] == "Oracle" and first[1] == "2025"


async def test_zoom_gives_the_table_the_whole_pane_and_is_kept():
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_deals(pilot)
        await pilot.press("z")
        await pilot.pause()
        assert not screen.query_one("#deal-detail").display and not screen.query_one("#party-list").display
        await pilot.press("ctrl+q")
    again = QuietApp(BUNDLED)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_deals(pilot)
        await settle(pilot)
        assert not screen.query_one("#deal-detail").display
        await pilot.press("z")
        assert screen.query_one("#deal-detail").display
