"""Themes: each one (and NO_COLOR) at 80×24, the switch in the palette, remembered, and up/down colours
that follow the theme everywhere."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.datakit import CAPEX
from tests.ui.helpers import QuietApp, settle
from workbench.ui.themes import TREND_COLOURS

# Each company with a year up and a year down, so ▲ and ▼ both show in the list.
TREND_CAPEX = (
    CAPEX
    + """\
MSFT,FY2023,2023-06-30,actual,28.11,,,cash,web,,,
AMZN,FY2023,2023-12-31,actual,52.73,,,net_cash,web,,,
AMZN,FY2024,2024-12-31,actual,48.10,,,net_cash,web,,,
"""
)


@pytest.mark.parametrize("theme", list(TREND_COLOURS))
def test_capex_list_in_each_theme_80x24(theme, snap_compare, make_data, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text(f'theme = "{theme}"\n')
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    app = QuietApp(make_data({"capex.csv": TREND_CAPEX}))
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_capex_list_without_colour_80x24(snap_compare, make_data, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = QuietApp(make_data({"capex.csv": TREND_CAPEX}))
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


async def choose_theme(pilot, name: str) -> None:
    await pilot.press("ctrl+p", *f"theme: {name}")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)


async def test_theme_switch_in_the_palette_is_remembered(make_data, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    root = make_data()
    app = QuietApp(root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await choose_theme(pilot, "red-up")
        assert app.theme == "workbench-red-up"
        assert app.theme_variables["trend-up"].upper() == "#E05252"
        await pilot.press("ctrl+q")
    again = QuietApp(root)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.theme == "workbench-red-up"  # remembered with the session
        await pilot.press("ctrl+q")
    # Editing `theme` in the config file afterwards wins over the remembered choice.
    config.write_text('theme = "colour-blind"\n')
    edited = QuietApp(root)
    async with edited.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert edited.theme == "workbench-colour-blind"


async def test_the_palette_lists_the_themes_with_nothing_typed(make_data):
    app = QuietApp(make_data())
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        for name in TREND_COLOURS:
            assert any(f"Theme: {name}" in line for line in shown), shown


async def test_up_and_down_colours_follow_a_theme_switch(make_data):
    """A scenario's negative FCF is in the theme's down colour, recoloured when the theme changes."""
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("escape", "y")  # the Years view
        await settle(pilot)
        table = app.screen.query_one("#scn-years")

        def first_fcf_colour() -> str:
            fcf = table.get_row_at(0)[1]  # year 0: all capex, no revenue yet (FCF is the 2nd column)
            assert fcf.plain.startswith("-")
            return str(fcf.style).upper()

        assert first_fcf_colour() == TREND_COLOURS["default"][2]
        await choose_theme(pilot, "red-up")
        assert first_fcf_colour() == TREND_COLOURS["red-up"][2]
        await choose_theme(pilot, "colour-blind")
        assert first_fcf_colour() == TREND_COLOURS["colour-blind"][2]


async def test_textual_themes_from_the_picker_keep_up_and_down_colours(make_data):
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"  # one of Textual's own: no trend variables of its own
        await pilot.pause()
        await pilot.press("3")
        await settle(pilot)
        assert app.theme_variables["trend-down"].upper() == TREND_COLOURS["default"][2]
        assert not isinstance(app.screen.focused, Input) or app.is_running


async def test_without_colour_the_highlighted_option_is_a_light_bar(make_data, monkeypatch):
    """NO_COLOR makes every colour a grey: the list cursor must differ by more than a shade."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        styles = app.screen.query_one("ScenarioList").get_component_styles("option-list--option-highlighted")
        assert styles.background.brightness > 0.6 and styles.color.brightness < 0.3


def parsed_sources(monkeypatch) -> list[str]:
    """The sources Textual's CSS parser is given from now on, by where they were read from."""
    from textual.css import stylesheet

    parsed: list[str] = []
    parse = stylesheet.parse

    def counted(scope, css, read_from, *args, **kwargs):
        parsed.append(read_from[0])
        return parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(stylesheet, "parse", counted)
    return parsed


def test_a_css_refresh_parses_only_what_changed(monkeypatch):
    """The same variables: only sources not parsed yet are parsed (Textual parsed all of them
    again on each refresh). New variables (a theme): every source, with the new values."""
    from textual.color import Color

    from workbench.ui.app import IncrementalStylesheet

    parsed = parsed_sources(monkeypatch)
    sheet = IncrementalStylesheet(variables={"mark": "red"})
    sheet.add_source("Static { color: $mark; }", read_from=("a", ""))
    assert sheet.rules[0].styles.color == Color.parse("red") and parsed == ["a"]

    sheet.set_variables({"mark": "red"})
    sheet.reparse()
    sheet.add_source("Label { color: $mark; }", read_from=("b", ""))
    assert len(sheet.rules) == 2 and parsed == ["a", "b"]

    sheet.set_variables({"mark": "blue"})
    sheet.reparse()
    assert parsed == ["a", "b", "a", "b"]
    assert all(rule.styles.color == Color.parse("blue") for rule in sheet.rules)


def test_a_new_source_among_many_parses_only_itself(monkeypatch):
    """More sources than Textual's parse cache holds (64; the app has more once its screens are
    built, some parsed twice as their order among the defaults changes): a widget class added
    later has only its own CSS parsed, not every source again."""
    from workbench.ui.app import IncrementalStylesheet

    parsed = parsed_sources(monkeypatch)
    sheet = IncrementalStylesheet()
    for number in range(100):
        css = f"#w{number} {{ width: {number + 1}; }}"
        for tie_breaker in (1, 0):  # a second key for the same source
            sheet.add_source(css, read_from=(f"w{number}", ""), tie_breaker=tie_breaker)
            sheet.parse()
    assert parsed == [f"w{number}" for number in range(100) for _ in (1, 0)]
    assert len(sheet.rules) == 100
