"""The Capex and Payback screens in Chinese: zh-Hans snapshots at 80×24 and 160×48, no English left on
screen but data and kept terms, and amounts in 亿美元 (hand-checked: MSFT FY25 capex $64.55B = 645.5亿美元)
while exports stay in USD billions."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tests.paybackkit import payback_data
from tests.ui.helpers import QuietApp, settle
from tests.ui.test_capex_screen import CAPEX, COMPANIES, QUOTES, _compare, _detail, _ledger, open_company
from tests.ui.zh import ZH_SIZE_IDS, ZH_SIZES, english_left, screen_lines
from workbench.ui.dialogs.figure_rows import FigureRowsDialog
from workbench.ui.screens.capex import CapexScreen
from workbench.ui.screens.payback import PaybackScreen
from workbench.ui.widgets.capex_list import CompanyList
from workbench.ui.widgets.capex_tables import GuidanceLedger
from workbench.ui.widgets.item_table import ItemTable
from workbench.ui.widgets.payback_list import TickerList
from workbench.ui.widgets.payback_tables import MetricsTable


@pytest.fixture
def capex_data(make_data, monkeypatch):
    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    return make_data(
        {"companies.toml": COMPANIES, "capex.csv": CAPEX, "quotes.toml": QUOTES, "scenarios/demo.toml": None}
    )


@pytest.fixture
def data(make_data, monkeypatch):
    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    return payback_data(make_data, monkeypatch)


def left(app, data_dir) -> list[str]:
    """English words on screen that are neither data nor kept terms; the calculator names NVIDIA
    (its revenue stands for GPU spend) whether or not the data has it."""
    return english_left(app, data_dir, also={"nvidia"})


def assert_chinese(app, data_dir, where: str) -> None:
    found = left(app, data_dir)
    assert not found, f"{where}:\n" + "\n".join(found)


# --- Capex ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ZH_SIZES, ids=ZH_SIZE_IDS)
@pytest.mark.parametrize(
    "view, run_before",
    [("list", settle), ("detail", _detail), ("compare", _compare), ("ledger", _ledger)],
)
def test_capex_zh_snapshots(snap_compare, capex_data, size, view, run_before):
    assert snap_compare(QuietApp(capex_data), terminal_size=size, run_before=run_before)


async def test_capex_reads_in_chinese_at_80x24(capex_data):
    """The list, every tab of a company's detail, and Compare (chart and table): no English but data."""
    app = QuietApp(capex_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CapexScreen)
        assert_chinese(app, capex_data, "list")
        header = screen_lines(app)[2]
        assert all(
            title in header for title in ("代码", "名称", "财年截止", "资本开支$B▼", "同比", "TTM $B", "指引 $B")
        )
        await open_company(pilot, "META")
        for tab in ("chart", "periods", "ledger", "quotes", "payback"):
            assert_chinese(app, capex_data, tab)
            await pilot.press("right_square_bracket")
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await _compare(pilot)
        assert_chinese(app, capex_data, "compare chart")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert_chinese(app, capex_data, "compare table")
        lines = screen_lines(app)
        assert all(line.rstrip() == line.rstrip()[:80] for line in lines)


async def test_the_header_says_how_recent_the_data_is_in_chinese(capex_data):
    app = QuietApp(capex_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(20):
            if app.screen.sub_title.startswith("数据截至"):
                break
            await pilot.pause(0.05)
        assert app.screen.sub_title == "数据截至 2025-12-31 · 发布于 2026-01-28"


# --- Payback ------------------------------------------------------------------------------------------


async def open_payback(pilot) -> PaybackScreen:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PaybackScreen)
    return pilot.app.screen


async def choose(pilot, ticker: str) -> None:
    options = pilot.app.screen.query_one("#payback-companies", TickerList)
    options.focus()
    options.highlighted = pilot.app.screen.tickers.index(ticker)
    await pilot.pause()


async def _payback_metrics(pilot) -> None:
    await open_payback(pilot)
    await choose(pilot, "MSFT")


async def _payback_calculator(pilot) -> None:
    await open_payback(pilot)
    await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
    await pilot.pause()


async def _figure_rows(pilot) -> None:
    """MSFT FY2025 FCF after leases: three rows behind it."""
    screen = await open_payback(pilot)
    await choose(pilot, "MSFT")
    table = screen.query_one(MetricsTable)
    table.focus()
    periods = [c.key.value for c in table.columns.values()]
    table.move_cursor(row=7, column=periods.index("FY2025"))
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("size", ZH_SIZES, ids=ZH_SIZE_IDS)
@pytest.mark.parametrize(
    "view, run_before",
    [("metrics", _payback_metrics), ("calculator", _payback_calculator), ("figure-rows", _figure_rows)],
)
def test_payback_zh_snapshots(snap_compare, data, size, view, run_before):
    assert snap_compare(QuietApp(data), terminal_size=size, run_before=run_before)


async def test_payback_reads_in_chinese_at_80x24(data):
    """Metrics (with a missing figure's reason), chart, by year, the calculator and the rows dialog."""
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_payback(pilot)
        await choose(pilot, "MSFT")
        table = screen.query_one(MetricsTable)
        table.focus()
        periods = [c.key.value for c in table.columns.values()]
        table.move_cursor(row=11, column=periods.index("FY2024"))  # Cloud YoY FY2024: missing
        await pilot.pause()
        why = str(screen.query_one("#metrics-why").render())
        assert "缺失" in why and "缺少 FY2023 的云收入（Intelligent Cloud）" in why
        assert_chinese(app, data, "metrics")
        for tab in ("chart", "years", "required"):
            screen.action_tab(1)
            await pilot.pause()
            assert_chinese(app, data, tab)
        screen.action_tab(1)
        await _figure_rows(pilot)
        assert isinstance(app.screen, FigureRowsDialog)
        assert_chinese(app, data, "rows dialog")


# --- 亿美元 -------------------------------------------------------------------------------------------


def cells(table: DataTable | ItemTable, row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


async def test_amounts_in_yi_on_the_capex_screen_and_exports_in_usd_billions(capex_data):
    app = QuietApp(capex_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.use_amounts("yi")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CapexScreen)
        company_list = screen.query_one(CompanyList)
        msft = next(r for r in company_list.rows if r.ticker == "MSFT")
        shown = company_list.cells(msft)
        assert shown["capex"] == "645.5" and shown["ttm"] == "690.2"  # $64.551B; 15.8+16.75+17.08+19.39
        assert shown["guidance"] == "—"
        googl = company_list.cells(next(r for r in company_list.rows if r.ticker == "GOOGL"))
        assert googl["capex"] == "914.5"  # $91.45B
        header = screen_lines(app)[2]
        assert "资本开支亿美元▼" in header and "TTM 亿美元" in header
        assert "645.5" in "\n".join(screen_lines(app))
        title, _, rows = screen.visible_table()
        assert next(r for r in rows if r["ticker"] == "MSFT")["capex_bn"] == 64.551  # exports stay in $B
        await open_company(pilot, "META")
        await pilot.press("b", "right_square_bracket", "right_square_bracket")  # incl. finance leases; ledger
        await pilot.pause()
        ledger = screen.detail.query_one("#guidance-ledger", GuidanceLedger)
        heads = ledger.headers
        assert heads[2:4] == ["指引 亿美元", "实际 亿美元"]
        assert cells(ledger, 0)[2:4] == ["1,150–1,350", "—"]  # FY2026: $115–135B, no actual yet
        assert cells(ledger, 4)[2:4] == ["700–720", "722.2"]  # FY2025: $70–72B said 2025-10-29; actual $72.22B
        ledger.move_cursor(row=4)
        await pilot.pause()
        path = str(screen.detail.query_one("#ledger-path").render())
        assert "600–650亿美元 → 640–720亿美元 → 660–720亿美元 → 700–720亿美元 · 实际 722.2亿美元" in path
        exported = [r for r in screen.visible_table()[2] if r["fiscal_period"] == "FY2025"]
        assert [(r["low_bn"], r["high_bn"], r["actual_bn"]) for r in exported][-1] == (70, 72, 72.22)


async def test_amounts_in_yi_on_the_payback_screen(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_payback(pilot)
        await app.use_amounts("yi")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PaybackScreen)
        await choose(pilot, "MSFT")
        table = screen.query_one(MetricsTable)
        keys = [c.key.value for c in table.columns.values()]
        fy25 = {str(table.get_row_at(r)[0]): str(table.get_row_at(r)[keys.index("FY2025")]) for r in range(16)}
        assert fy25["资本开支 亿美元"] == "645.5" and fy25["营收 亿美元"] == "2,817.2"
        assert fy25["自由现金流 亿美元"] == "716.1" and fy25["资本开支/营收"] == "22.9%"  # ratios unchanged
        table.focus()
        table.move_cursor(row=0, column=keys.index("FY2025"))
        await pilot.pause()
        assert "645.5亿美元（1 行）" in str(screen.query_one("#metrics-why").render())
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FigureRowsDialog)
        rows = dialog.query_one(DataTable)
        assert [str(c.label) for c in rows.columns.values()][4] == "数值 亿美元"
        assert cells(rows, 0)[4] == "645.5"
        await pilot.press("escape")
        await pilot.pause()
        _, _, exported = screen.visible_table()
        assert next(r for r in exported if r["fiscal_period"] == "FY2025")["capex"] == pytest.approx(64.551)
        screen.query_one("#payback-tabs").active = "tab-required"
        await settle(pilot)
        field = screen.query_one("#calc-capex_bn")
        calculator = screen.query_one("#payback-calculator")
        capex_bn = calculator.inputs.capex_bn
        assert field.value == f"{capex_bn * 10:.6f}".rstrip("0").rstrip(".")  # the field is in 亿美元 too
        field.value = "6455"  # typed in 亿美元: $645.5B
        await pilot.pause()
        assert calculator.inputs.capex_bn == pytest.approx(645.5)
        results = str(screen.query_one("#calc-results").render())
        assert "每年所需收入（亿美元）" in results


def test_json_and_exports_stay_english_in_chinese(data, capsys, monkeypatch):
    """`workbench payback --json` in a Chinese session: the missing-figure reasons and notes stay English
    (the screen shows them in Chinese), amounts stay USD billions whatever the display unit."""
    import json
    import re

    from workbench.cli import main
    from workbench.core.i18n import set_language
    from workbench.core.output.numbers import set_amount_unit

    set_language("zh-Hans")
    set_amount_unit("yi")
    assert main(["payback", "--ticker", "MSFT", "--data", str(data), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    fy24 = next(r for r in rows if r["fiscal_period"] == "FY2024")
    assert "cloud_yoy: no cloud revenue (Intelligent Cloud) for FY2023" in fy24["missing"]
    assert next(r for r in rows if r["fiscal_period"] == "FY2025")["capex"] == 64.551
    assert main(["payback", "--years", "--data", str(data), "--json"]) == 0
    years = json.loads(capsys.readouterr().out)
    texts = [text for row in years for text in [*row["missing"], *row["fiscal_windows"]]]
    assert texts and not any("\u4e00" <= c <= "\u9fff" for text in texts for c in text)
    windows = [text for row in years for text in row["fiscal_windows"]]
    assert windows and all(
        re.fullmatch(r"\w+: FY\d{4} \(\w{3} \d{4}–\w{3} \d{4}\), not calendar \d{4}", w) for w in windows
    )
    assert any("not calendar" in text for row in years for text in row["fiscal_windows"])
