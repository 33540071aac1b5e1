"""Honest charts on the bundled data: gaps stay gaps, every bar has a value, estimates stand apart."""

from __future__ import annotations

from tests.datakit import BUNDLED
from tests.ui.helpers import QuietApp, settle
from workbench.ui.widgets.capex_chart import CapexChart


async def test_oracles_missing_quarter_is_a_gap_and_the_cursor_reads_out_values():
    app = QuietApp(BUNDLED, restore=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_company("ORCL")
        await settle(pilot)
        await pilot.press("a")  # quarterly
        await pilot.pause()
        chart = app.screen.query_one("#capex-chart", CapexChart)
        plain = [line.plain for line in chart.chart_lines(76, 18)]
        labels = plain[-2]
        assert "FY25Q3" in labels and "FY25Q4" in labels and "FY26Q1" in labels  # the gap keeps its place
        assert "┄" in "".join(plain[:-2]) and "no figure" in plain[0]
        assert plain[-1].startswith("FY2026Q2 (ends 2025-11-30): actual $12.00B")
        chart.focus()
        await pilot.press("left", "left")
        plain = [line.plain for line in chart.chart_lines(76, 18)]
        assert plain[-1].rstrip() == "FY2025Q4 (ends 2025-05-31): no figure on this basis"


async def test_every_bar_has_its_value_under_the_cursor():
    app = QuietApp(BUNDLED, restore=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.open_company("AMZN")
        await settle(pilot)
        chart = app.screen.query_one("#capex-chart-top", CapexChart)
        values = []
        chart.action_move_to(0)
        for _ in range(len(chart.periods())):
            values.append(chart.chart_lines(120, 16)[-1].plain)
            chart.action_move(1)
        assert any("FY2025" in v and "actual $131.82B" in v for v in values)


def test_annual_compare_keeps_fiscal_years_ending_in_different_months_apart():
    from workbench.core.capex.summaries import CapexIndex
    from workbench.core.data.loader import load_dataset
    from workbench.ui.widgets.capex_compare import aligned, resolve

    index = CapexIndex(load_dataset(BUNDLED))
    data, fiscal = aligned(index, resolve(index, ("NVDA", "GOOGL"), None, True, False))
    nvda, googl = data.labels.index("Jan 2025"), data.labels.index("Dec 2025")
    assert fiscal["NVDA"][nvda] == "FY2025" and data.values["GOOGL"][nvda] is None
    assert fiscal["GOOGL"][googl] == "FY2025" and data.values["GOOGL"][googl] == 91.45
    quarterly, fiscal_q = aligned(index, resolve(index, ("MSFT", "GOOGL"), None, False, False))
    at = quarterly.labels.index("2025Q3")  # July–September 2025: Microsoft's first quarter of FY2026
    assert fiscal_q["MSFT"][at] == "FY2026Q1" and fiscal_q["GOOGL"][at] == "FY2025Q3"


async def test_compare_as_lines_on_a_log_scale_with_a_readout():
    app = QuietApp(BUNDLED, restore=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        from workbench.ui.widgets.capex_list import CompanyList

        company_list = screen.query_one(CompanyList)
        company_list.mark("GOOGL")
        company_list.mark("NVDA")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("v", "x")
        await pilot.pause()
        from workbench.ui.widgets.capex_chart import CompareChart

        chart = screen.query_one("#compare-chart-top", CompareChart)
        plain = [line.plain for line in chart.chart_lines(100, 20)]
        assert "● GOOGL" in plain[0] and "◆ NVDA" in plain[0] and "log scale" in plain[0]
        assert plain[-1].startswith("2026Q1: GOOGL $35.67B (FY2026Q1)")  # the latest quarter bundled


def test_a_canvas_line_keeps_each_cells_style_in_runs():
    """Cells of one style become one run of the line's text; every character keeps its cell's style,
    a wide character takes its two cells once."""
    from rich.console import Console
    from rich.style import Style

    from workbench.ui.widgets.capex_chart import Canvas

    bar, label = Style(color="green"), Style(bold=True)
    canvas = Canvas(12, 1)
    canvas.write(0, 0, "██", bar)
    canvas.write(0, 2, "资本 x", label)
    canvas.put(0, 9, "█", bar)
    (line,) = canvas.lines()
    assert line.plain == "██资本 x █  "
    assert [line.get_style_at_offset(Console(), i) for i in range(len(line.plain))] == (
        [bar] * 2 + [label] * 4 + [Style.null()] + [bar] + [Style.null()] * 2
    )
    assert len(line.spans) == 3
