"""The problems bar and list say which problems are errors and which are warnings."""

from __future__ import annotations

from textual.widgets import Label, OptionList

from tests.datakit import CAPEX
from tests.ui.helpers import QuietApp, settle
from workbench.ui.widgets.problems import ProblemsBar


async def test_bar_and_list_show_the_severity(make_data):
    # Line 2: an error (the figure is left out); line 3: a warning (negative spend, kept).
    root = make_data({"capex.csv": CAPEX.replace("44.48", "oops").replace("10.95", "-10.95")})
    app = QuietApp(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(ProblemsBar)
        assert bar.has_class("-visible")
        assert "2 data problems (1 error, 1 warning)" in str(bar.render())
        await pilot.press("exclamation_mark")
        await pilot.pause()
        title = app.screen.query_one("#problems-title", Label)
        assert str(title.render()) == "2 problems: 1 error (record left out), 1 warning (record kept)"
        options = app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown[0].endswith("capex.csv:2: capex MSFT FY2024: 'value_bn' is not a number: 'oops'")
        assert "capex.csv:3: warning: capex MSFT FY2024Q3: negative spend" in shown[1]


async def test_only_warnings_are_named_as_warnings(make_data):
    app = QuietApp(make_data({"capex.csv": CAPEX.replace("10.95", "-10.95")}))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "1 data warning — press ! to list them" in str(app.screen.query_one(ProblemsBar).render())
