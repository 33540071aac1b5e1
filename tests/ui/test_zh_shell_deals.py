"""The Deals screen and the app shell in Chinese: snapshots at 80×24 and 160×48, no English left
on screen but data, the palette's language and amount switches without a restart, and the
language kept across restarts.
"""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Header, TabbedContent

from tests.datakit import BUNDLED
from tests.ui.helpers import QuietApp, settle
from tests.ui.zh import ZH_SIZE_IDS, ZH_SIZES, english_left, screen_lines
from workbench.core.i18n import language
from workbench.core.output.numbers import amount_unit
from workbench.ui.dialogs.export import ExportDialog
from workbench.ui.dialogs.keys import KeysDialog
from workbench.ui.dialogs.problems import ProblemsDialog
from workbench.ui.screens.deals import DealsScreen
from workbench.ui.widgets.deal_party import PartyView
from workbench.ui.widgets.deal_table import DealTable
from workbench.ui.widgets.footer import FittingFooter


@pytest.fixture
def zh(monkeypatch):
    """The app starts in Simplified Chinese; the keys panel names one fixed config path."""
    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    monkeypatch.setenv("WORKBENCH_CONFIG", "/nonexistent/ai-capex-workbench/config.toml")
    monkeypatch.chdir("/")  # the export dialog says where relative paths start


async def open_deals(pilot) -> DealsScreen:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DealsScreen)
    return pilot.app.screen


async def ledger(pilot):
    await open_deals(pilot)


async def party(pilot):
    await open_deals(pilot)
    pilot.app.open_party("Amazon")
    await pilot.pause()


async def network(pilot):
    await open_deals(pilot)
    await pilot.press("w")
    await pilot.pause()


async def years(pilot):
    await open_deals(pilot)
    await pilot.press("y")
    await pilot.pause()


async def keys(pilot):
    await open_deals(pilot)
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(pilot.app.screen, KeysDialog)


async def problems(pilot):
    await open_deals(pilot)
    await pilot.press("exclamation_mark")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ProblemsDialog)


async def export(pilot):
    await open_deals(pilot)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportDialog)


async def palette(pilot):
    await open_deals(pilot)
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    assert isinstance(pilot.app.screen, CommandPalette)


VIEWS = {
    "ledger": ledger,
    "party": party,
    "network": network,
    "years": years,
    "keys": keys,
    "problems": problems,
    "export": export,
    "palette": palette,
}


def data_with_a_problem(bundled_copy, monkeypatch):
    """The bundled data with one capex figure that is not a number (the problems list has one entry)."""
    capex = bundled_copy / "capex.csv"
    lines = capex.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(lines[1].split(",")[4], "oops", 1)
    capex.write_text("".join(lines), encoding="utf-8")
    monkeypatch.chdir(bundled_copy.parent)  # problems show paths: keep them the same on every run
    return bundled_copy.name


@pytest.mark.parametrize("size", ZH_SIZES, ids=ZH_SIZE_IDS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_zh_snapshots(snap_compare, zh, bundled_copy, monkeypatch, view, size):
    data = data_with_a_problem(bundled_copy, monkeypatch) if view == "problems" else BUNDLED
    assert snap_compare(QuietApp(data), terminal_size=size, run_before=VIEWS[view])


@pytest.mark.parametrize("view", list(VIEWS))
async def test_no_english_left_at_80x24(zh, bundled_copy, monkeypatch, view):
    root = bundled_copy.parent / data_with_a_problem(bundled_copy, monkeypatch) if view == "problems" else BUNDLED
    app = QuietApp(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await VIEWS[view](pilot)
        await pilot.pause()
        left = english_left(app, root)
        assert left == [], "\n".join(left)


async def test_the_check_finds_english_in_an_english_session(monkeypatch):
    """The same check on the English interface flags its words: it can fail."""
    monkeypatch.setenv("WORKBENCH_LANG", "en")
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        await VIEWS["ledger"](pilot)
        words = " ".join(line.split(" | ")[0] for line in english_left(app, BUNDLED))
        assert {"Filter", "Export"} & set(words.split()), words


def _footer_text(app) -> str:
    return " ".join(f"{key[1]} {key[2]}" for key in app.screen.query_one(FittingFooter).shown)


async def _choose(pilot, text: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause(0.2)
    await pilot.press(*text)
    await pilot.pause(0.4)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_palette_switches_language_in_place(zh):
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_deals(pilot)
        app.open_party("Amazon")
        await settle(pilot)
        assert language() == "zh-Hans" and screen.sub_title == "交易"
        assert "交易方" in _footer_text(app) and app.title == "AI 资本开支工作台"
        await _choose(pilot, "english")
        assert language() == "en"
        assert app.screen is screen and app.title == "AI Capex Workbench" and screen.sub_title == "Deals"
        footer = _footer_text(app)
        assert "Ledger" in footer and "Party" in footer and "交易方" not in footer
        assert screen.query_one(TabbedContent).active == "party"
        assert screen.query_one(PartyView).party == "AMZN"  # the same place
        summary = str(screen.query_one("#party-summary").render())
        assert summary.startswith("Amazon") and "USD billions as announced" in summary
        assert str(app.screen.query_one(Header).screen_sub_title) == "Deals"
        await _choose(pilot, "简体中文")
        assert language() == "zh-Hans" and app.screen is screen and screen.sub_title == "交易"
        assert "交易方" in _footer_text(app)
        assert screen.query_one(PartyView).party == "AMZN"
        assert "十亿美元，按公布金额" in str(screen.query_one("#party-summary").render())


async def test_the_palette_shows_amounts_in_yi_and_back(zh):
    """$200.00B (Anthropic's Google Cloud commitment) is 2,000.0亿美元; $4.00B is 40.0亿美元."""
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_deals(pilot)
        table = screen.query_one(DealTable)
        assert "$200.00B" in table.row_text(0)
        await _choose(pilot, "金额以")
        assert amount_unit() == "yi"
        table = screen.query_one(DealTable)
        assert "2,000.0亿美元" in table.row_text(0)
        assert "金额 亿美元" in "\n".join(screen_lines(app))
        app.open_party("Amazon")
        await settle(pilot)
        report = screen.query_one("#party-report")
        lines = [str(report.get_option_at_index(i).prompt) for i in range(report.option_count)]
        assert any("40.0亿美元" in line for line in lines) and not any("$4.00B" in line for line in lines)
        await _choose(pilot, "金额以")
        assert amount_unit() == "usd-bn"
        assert "$200.00B" in screen.query_one(DealTable).row_text(0)


async def test_the_language_chosen_survives_a_restart_unless_workbench_lang_says_otherwise(monkeypatch, tmp_path):
    monkeypatch.delenv("WORKBENCH_LANG")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert language() == "en"
        await _choose(pilot, "繁體中文")
        assert language() == "zh-Hant"
        await pilot.press("ctrl+q")
    again = QuietApp(BUNDLED)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert language() == "zh-Hant" and again.title == "AI 資本支出工作台"
    monkeypatch.setenv("WORKBENCH_LANG", "en")
    english = QuietApp(BUNDLED)
    async with english.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert language() == "en" and english.title == "AI Capex Workbench"


async def test_textual_strings_read_chinese(zh):
    app = QuietApp(BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_deals(pilot)
        assert "^p 命令" in _footer_text(app)
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert names[:3] == ["主题", "退出", "按键"] and "截图" in names
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert app.screen.query_one("CommandInput").placeholder == "搜索命令…"
        await pilot.press(*"zzqqxx")
        await pilot.pause(1.0)
        assert any("没有匹配的结果" in line for line in screen_lines(app))


async def test_deals_export_stays_english_and_in_billions(zh, tmp_path):
    """The screen shows Chinese and 亿美元; the file keeps the English words and USD billions."""
    import csv

    from workbench.core.deals.ledger import export_records, ledger_for
    from workbench.core.output.numbers import set_amount_unit

    app = QuietApp(BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_deals(pilot)
        set_amount_unit("yi")
        records = export_records(screen.ledger, screen.shown)
        assert {r["amount_basis"] for r in records} <= {
            "USD billions, as announced",
            "undisclosed: not added to any total",
        }
        counted_in = [r["not_counted_because"] for r in records if r["not_counted_because"]]
        assert counted_in and all(
            "亿" not in text and not any("\u4e00" <= c <= "\u9fff" for c in text) for text in counted_in
        )
        set_amount_unit("usd-bn")
        await pilot.press("e")
        await pilot.pause()
        target = tmp_path / "deals.csv"
        await pilot.press("ctrl+u", *str(target), "enter")
        await settle(pilot)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == len(ledger_for(app.dataset).rows)
    assert rows[0]["kind"] == "compute_commitment" and rows[0]["usd_bn"] == "200.0"


def test_a_filter_finds_a_kind_by_its_chinese_name():
    from workbench.core.data.loader import load_dataset
    from workbench.core.deals.ledger import filter_rows, ledger_for
    from workbench.core.i18n import set_language

    set_language("zh-Hans")
    ledger = ledger_for(load_dataset(BUNDLED))
    compute = filter_rows(ledger, ledger.rows, "kind:compute")
    assert compute and filter_rows(ledger, ledger.rows, "kind:算力") == compute
    assert filter_rows(ledger, ledger.rows, "算力 anthropic") == filter_rows(ledger, ledger.rows, "compute anthropic")
