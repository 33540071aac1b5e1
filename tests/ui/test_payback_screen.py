"""The Payback screen (key 5): metrics per company, sums by calendar year, the calculator, rows behind every cell."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from tests.datakit import HOSTILE
from tests.paybackkit import CAPEX, HYPERSCALERS_TOML, payback_data, with_financials
from tests.ui.helpers import QuietApp, settle
from workbench.ui.dialogs.figure_rows import FigureRowsDialog
from workbench.ui.dialogs.source import SourceDialog
from workbench.ui.screens.payback import PaybackScreen
from workbench.ui.widgets.payback_calculator import RequiredCalculator
from workbench.ui.widgets.payback_list import TickerList
from workbench.ui.widgets.payback_tables import MetricsTable, YearTable


@pytest.fixture
def data(make_data, monkeypatch):
    return payback_data(make_data, monkeypatch)


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


def column(table: DataTable, label: str) -> dict[str, str]:
    """A period's cells by metric title."""
    keys = [c.key.value for c in table.columns.values()]
    index = keys.index(label)
    return {str(table.get_row_at(r)[0]): str(table.get_row_at(r)[index]) for r in range(table.row_count)}


async def test_microsoft_fy2025_on_screen(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_payback(pilot)
        assert screen.marked == ["AMZN", "GOOGL", "META", "MSFT"]
        await choose(pilot, "MSFT")
        fy25 = column(screen.query_one(MetricsTable), "FY2025")
        assert fy25["Capex $B"] == "$64.55B" and fy25["Revenue $B"] == "$281.72B"
        assert fy25["Capex/Rev"] == "22.9%" and fy25["FCF $B"] == "$71.61B" and fy25["FCF−leases $B"] == "$69.33B"
        assert fy25["Cloud $B"] == "$106.27B" and fy25["RPO $B"] == "$368.00B" and fy25["Cloud YoY"] == "▲21.5%"
        assert column(screen.query_one(MetricsTable), "FY2024")["Cloud YoY"] == "—"  # missing, never 0
        assert "Intelligent Cloud" in str(screen.query_one("#payback-title").render())
        await pilot.press("t")
        ttm = column(screen.query_one(MetricsTable), "TTM FY2026Q3")
        assert ttm["Capex $B"] == "$97.25B" and ttm["RPO $B"] == "$627.00B"
        await pilot.press("s")  # Microsoft Cloud: two quarters only, so no TTM — never topped up with IC
        assert "Microsoft Cloud" in str(screen.query_one("#payback-title").render())
        assert column(screen.query_one(MetricsTable), "TTM FY2026Q3")["Cloud $B"] == "—"


async def test_enter_on_a_cell_lists_its_rows_and_their_sources(data):
    app = QuietApp(data)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_payback(pilot)
        await choose(pilot, "MSFT")
        table = screen.query_one(MetricsTable)
        table.focus()
        periods = [c.key.value for c in table.columns.values()]
        table.move_cursor(row=7, column=periods.index("FY2025"))  # FCF after leases
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FigureRowsDialog)
        rows = dialog.query_one(DataTable)
        assert rows.row_count == 3
        assert {str(rows.get_row_at(r)[3]) for r in range(3)} == {
            "capex (cash)",
            "operating_cash_flow",
            "finance_lease_principal",
        }
        assert "$69.33B" in str(dialog.query_one("#rows-summary").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceDialog)
        await pilot.press("escape", "escape")
        await pilot.pause()
        # A missing figure says why.
        table.move_cursor(row=11, column=periods.index("FY2024"))  # cloud YoY
        await pilot.press("enter")
        await pilot.pause()
        assert "no cloud revenue (Intelligent Cloud) for FY2023" in str(app.screen.query_one("#rows-summary").render())


async def test_by_year_follows_the_marks_and_feeds_the_calculator(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_payback(pilot)
        years = column(screen.query_one(YearTable), "capex")
        assert years["2025"] == "$357.52B"
        calculator = screen.query_one(RequiredCalculator)
        assert calculator.inputs.capex_bn == pytest.approx(357.521)
        assert calculator.inputs.actual_cloud_bn == pytest.approx(293.67)
        assert not screen.query("#calc-capex_bn")  # its fields mount when the tab is first shown
        await choose(pilot, "META")
        await pilot.press("space")
        await settle(pilot)
        assert "META" not in screen.marked
        assert column(screen.query_one(YearTable), "capex")["2025"] == "$287.82B"
        assert column(screen.query_one(YearTable), "cloud_revenue")["2025"] == "$293.67B"
        screen.query_one("TabbedContent").active = "tab-required"
        await settle(pilot)
        assert screen.query_one("#calc-capex_bn", Input).value == "287.821"
        assert "Capital recovery" in str(screen.query_one("#calc-results").render())


async def test_the_company_list_by_keyboard(data):
    """j/k move down the tickers and the right side follows; space marks (● drawn); Enter goes to the metrics."""
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_payback(pilot)
        companies = screen.query_one(TickerList)
        await choose(pilot, "AMZN")
        await pilot.press("j")
        await settle(pilot)
        assert screen.current == screen.tickers[screen.tickers.index("AMZN") + 1]
        assert screen.current in str(screen.query_one("#payback-title").render())
        await pilot.press("k")
        await settle(pilot)
        assert screen.current == "AMZN"
        marked = "AMZN" in screen.marked
        await pilot.press("space")
        await settle(pilot)
        assert ("AMZN" in screen.marked) is not marked
        row = companies.render_line(companies.tickers.index("AMZN")).text
        assert row.startswith("▌" + ("  " if marked else "● ") + "AMZN")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, MetricsTable)


async def test_the_calculator_recomputes_as_the_user_types(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_payback(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        capex = screen.query_one("#calc-capex_bn", Input)
        assert app.focused is capex
        capex.value = "400"
        screen.query_one("#calc-gpu_spend_bn", Input).value = "150"
        screen.query_one("#calc-actual_cloud_bn", Input).value = "250"
        await pilot.pause()
        results = str(screen.query_one("#calc-results").render())
        assert "$211.04B" in results and "$600.00B" in results and "gap $350.00B" in results
        screen.query_one("#calc-ebitda_margin", Input).value = "0"
        await pilot.pause()
        assert "EBITDA margin m: must be above 0" in str(screen.query_one("#calc-note-ebitda_margin").render())
        assert "an input is missing" in str(screen.query_one("#calc-results").render())
        # Marking companies (or a reload) changes the data's figures, never what the user typed.
        screen.query_one("#calc-ebitda_margin", Input).value = "40%"
        await pilot.pause()
        await choose(pilot, "META")
        await pilot.press("space")
        await settle(pilot)
        calculator = screen.query_one(RequiredCalculator)
        assert calculator.inputs.capex_bn == 400 and calculator.inputs.ebitda_margin == 0.4
        assert calculator.inputs.actual_cloud_bn == 250
        screen.query_one("TabbedContent").active = "tab-required"
        await pilot.pause()
        screen.query_one("Tabs").focus()
        await pilot.press("d")  # back to the data's figures
        await settle(pilot)
        assert calculator.inputs.capex_bn == pytest.approx(287.821) and calculator.inputs.ebitda_margin == 0.5
        screen.query_one("#calc-capex_bn", Input).focus()
        await pilot.press("escape", "right_square_bracket")  # out of the field, then the next tab
        await pilot.pause()
        assert screen.query_one("TabbedContent").active == "tab-metrics"


async def test_hostile_tickers_and_names_show_literally(make_data, monkeypatch):
    with_financials(monkeypatch)
    companies = "".join(
        f'[[company]]\nticker = "X{i}"\nname = {HOSTILE[i][:200]!r}\nfiscal_year_end = 12\n\n' for i in range(4)
    )
    root = make_data(
        {
            "companies.toml": companies.replace("'", '"').replace("\\x1b", "\\u001b").replace("\\x07", "\\u0007"),
            "capex.csv": "ticker,fiscal_period,period_end,kind,value_bn,basis,source\n"
            "X1,FY2024,2024-12-31,actual,1,cash,web\n",
            "scenarios/demo.toml": None,
        }
    )
    app = QuietApp(root)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_payback(pilot)
        await choose(pilot, "X1")
        assert "[/oops]" in str(screen.query_one("#payback-title").render())


# --- snapshots ------------------------------------------------------------------------------------


async def _metrics(pilot) -> None:
    await open_payback(pilot)
    await choose(pilot, "MSFT")


async def _years(pilot) -> None:
    await open_payback(pilot)
    await pilot.press("right_square_bracket", "right_square_bracket")
    await pilot.pause()


async def _required(pilot) -> None:
    await _years(pilot)
    await pilot.press("right_square_bracket")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("view, run_before", [("metrics", _metrics), ("years", _years), ("required", _required)])
def test_payback_snapshots(snap_compare, data, size, view, run_before):
    assert snap_compare(QuietApp(data), terminal_size=size, run_before=run_before)


async def test_the_same_metrics_in_the_capex_detail(data):
    from workbench.ui.widgets.capex_detail import CompanyDetail

    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_company("MSFT")
        await settle(pilot)
        detail = app.screen.query_one(CompanyDetail)
        detail.tabs.active = "tab-payback"
        await pilot.pause()
        table = detail.query_one(MetricsTable)
        fy25 = column(table, "FY2025")
        assert fy25["Capex $B"] == "$64.55B" and fy25["FCF−leases $B"] == "$69.33B" and fy25["RPO $B"] == "$368.00B"
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FigureRowsDialog)
        await pilot.press("escape")
        title, name, rows = app.screen.visible_table()
        assert name == "payback-MSFT-annual.csv" and any(r["fiscal_period"] == "FY2025" for r in rows)


async def test_export_and_reopen_where_the_user_left(data, tmp_path):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_payback(pilot)
        await choose(pilot, "GOOGL")
        await pilot.press("t", "right_square_bracket", "right_square_bracket")
        title, name, rows = screen.visible_table()
        assert name == "payback-years.csv" and {r["calendar_year"] for r in rows} >= {2024, 2025}
        state = screen.session_state()
        assert state == {
            "ticker": "GOOGL",
            "tab": "tab-years",
            "ttm": True,
            "marked": ["AMZN", "GOOGL", "META", "MSFT"],
        }
    app = QuietApp(data)
    app.saved_session = {"mode": "payback", "screens": {"payback": {**state, "marked": ["MSFT"]}}}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PaybackScreen)
        assert (screen.current, screen.ttm, screen.marked) == ("GOOGL", True, ["MSFT"])
        assert screen.query_one("TabbedContent").active == "tab-years"


async def test_the_palette_opens_a_company_on_the_payback_screen(data):
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_payback("MSFT")  # before the screen has its data: remembered
        await settle(pilot)
        assert isinstance(app.screen, PaybackScreen) and app.screen.current == "MSFT"
        app.open_payback("GOOGL")
        await pilot.pause()
        assert app.screen.current == "GOOGL"


async def test_hostile_sources_and_segments_show_literally_in_the_rows_dialog(make_data, monkeypatch):
    with_financials(monkeypatch)
    sources = SOURCES_HOSTILE
    financials = (
        "ticker,fiscal_period,period_end,metric,segment,kind,value_bn,source\n"
        "MSFT,FY2025,2025-06-30,cloud_revenue,[/oops] \u202eseg,actual,106.265,evil\n"
    )
    root = make_data(
        {
            "companies.toml": HYPERSCALERS_TOML,
            "capex.csv": CAPEX.replace(",ref", ",web"),
            "financials.csv": financials,
            "sources.toml": sources,
            "scenarios/demo.toml": None,
        }
    )
    app = QuietApp(root)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_payback(pilot)
        await choose(pilot, "MSFT")
        assert "[/oops]" in str(screen.query_one("#payback-title").render())
        table = screen.query_one(MetricsTable)
        table.focus()
        periods = [c.key.value for c in table.columns.values()]
        table.move_cursor(row=10, column=periods.index("FY2025"))  # cloud revenue
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FigureRowsDialog)
        cells = [str(c) for c in dialog.query_one(DataTable).get_row_at(0)]
        assert "[bold]not bold[/bold]" in cells[-1] and "<U+202E>" in cells[3]


SOURCES_HOSTILE = """\
[[source]]
id = "web"
title = "A web page"
published = 2024-05-02
language = "en"
url = "https://example.com/page"

[[source]]
id = "doc"
title = "A document"
published = 2024-05-01
language = "en"
file = "doc.txt"

[[source]]
id = "evil"
title = "[bold]not bold[/bold] [@click=app.quit]x[/]"
published = 2024-05-02
language = "en"
url = "https://example.com/evil"
"""


async def test_period_columns_are_never_cut_at_80x24_wherever_the_cursor_goes():
    """A period cut at the table's left edge would turn `$61.05B` into a different-looking `1.05B`."""
    import re

    from tests.datakit import BUNDLED

    app = QuietApp(BUNDLED, restore=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_payback(pilot)
        await choose(pilot, "AMZN")
        table = screen.query_one(MetricsTable)
        table.focus()
        await pilot.pause()
        labels = {c.label.plain.strip() for c in table.columns.values()}
        for key in ["left"] * (len(labels) + 1) + ["right"] * (len(labels) + 1):
            await pilot.press(key)
            await pilot.pause()
            header = table.render_line(0).text.split()
            assert header[0] == "Metric" and all(re.fullmatch(r"FY\d{4}", h) for h in header[1:]), header
            assert set(header[1:]) <= labels


async def test_cells_are_drawn_as_textual_draws_them():
    """The payback tables draw their cells without Rich's console: each cell, under the cursor or
    not, in the fixed column or not, must come out as Textual's DataTable draws it."""
    from rich.segment import Segment
    from rich.text import Text
    from textual.app import App

    from workbench.ui.widgets.payback_tables import TracedTable

    def shown(lines: list[list[Segment]]) -> list[tuple[str, object]]:
        return [(char, segment.style) for line in lines for segment in line for char in segment.text]

    class Tables(App[None]):
        def compose(self):
            yield TracedTable()

    async with Tables().run_test(size=(100, 12)) as pilot:
        table = pilot.app.query_one(TracedTable)
        table.add_column(Text("Metric", end=""), key="metric")
        table.add_column(Text("FY2025", justify="right", end=""), key="a", width=9)
        table.add_column(Text("FY2024", end=""), key="b", width=4)
        table.add_column("plain", key="c")
        rows = [
            (Text("Capex $B", end=""), Text("$64.55B", justify="right", end=""), Text("cut here", end=""), "x"),
            (Text("Cloud YoY", end=""), Text("—", style="dim", justify="right", end=""), Text("", end=""), "[b]y"),
            (Text("云收入", end=""), Text("645.5", justify="left", end=""), Text("a\nb", end=""), "z"),
            (Text("spans", style="italic", end=""), Text.assemble(("1", "bold"), "2", end=""), Text("x", end=""), ""),
            (Text("centre", justify="center", end=""), Text("1.23×", justify="right", end=""), Text("—", end=""), "w"),
        ]
        for cells in rows:
            table.add_row(*cells)
        table.move_cursor(row=1, column=1)
        await pilot.pause()
        base = table.rich_style
        for row in range(-1, len(rows)):
            for column, width in enumerate((12, 11, 6, 7)):
                for cursor in (False, True):
                    fast = table._render_cell(row, column, base, width, cursor)
                    table._cell_render_cache.clear()
                    textual = super(TracedTable, table)._render_cell(row, column, base, width, cursor)
                    table._cell_render_cache.clear()
                    assert shown(fast) == shown(textual), (row, column, cursor)
