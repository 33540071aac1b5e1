"""The Scenarios screen as a user drives it: every case side by side, edits, invalid input,
undo, saving (comments kept, conflicts asked), cases, solve-for, provenance, new scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Input

from tests.datakit import HOSTILE, SCENARIO
from tests.ui.helpers import QuietApp, settle
from workbench.ui.dialogs.scenario_choice import ChoiceDialog
from workbench.ui.dialogs.scenario_name import NameDialog
from workbench.ui.dialogs.scenario_solve import SolveDialog
from workbench.ui.screens.scenarios import ScenariosScreen
from workbench.ui.widgets.scenario_form import FieldInput, ScenarioForm
from workbench.ui.widgets.scenario_grid import SensitivityGrid
from workbench.ui.widgets.scenario_list import ScenarioList
from workbench.ui.widgets.scenario_results import CaseResults


def shown(widget) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, no_color=True)
    with console.capture() as capture:
        console.print(widget.content)
    return capture.get()


async def open_scenarios(pilot) -> ScenariosScreen:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScenariosScreen)
    return screen


async def edit(pilot, screen: ScenariosScreen, name: str, text: str) -> None:
    """Focus a field and type into it as a user would (its text is selected on focus)."""
    field = screen.query_one(f"#field-{name}", FieldInput)
    field.focus()
    await pilot.pause()
    field.action_select_all()
    await pilot.press(*(list(text) or ["backspace"]))
    await pilot.pause()


async def test_aws_apec_done_when(bundled_copy: Path) -> None:
    """Open AWS APEC, see every case, find the break-even, change GPU life, save, comments kept."""
    path = bundled_copy / "scenarios" / "aws-apec.toml"
    original = path.read_text(encoding="utf-8")
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        assert screen.draft.scenario.id == "aws-apec"
        results = shown(screen.query_one(CaseResults))
        for case in ("base", "bear", "bull"):
            assert case in results
        assert "NPV<0 even at 100%" in results and "69.9%" in results  # base never breaks even
        assert "-5.1% (2 roots)" in results and "IRRs -33.4%, -5.1%" in results  # said plainly
        npv_before = screen.draft.outcome("base").result.npv
        await pilot.press("enter")  # into the form
        await pilot.press("down", "down", "down", "down")
        assert screen.focused.id == "field-server_life_years"
        await pilot.press("4")
        await pilot.pause()
        assert screen.draft.outcome("base").result.npv < npv_before
        assert screen.sub_title.startswith("● ")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not screen.draft.dirty and not screen.sub_title.startswith("● ")
        assert path.read_text(encoding="utf-8") == original.replace("server_life_years = 6", "server_life_years = 4")
        await pilot.press("ctrl+z")  # undo still works after saving
        await pilot.pause()
        assert screen.query_one("#field-server_life_years", Input).value == "6" and screen.draft.dirty


async def test_invalid_input_shows_why_and_never_reaches_the_results(make_data) -> None:
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        await edit(pilot, screen, "capex_bn", "1")  # valid: $1B, recomputed at once
        npv = screen.draft.outcome("base").result.npv
        await pilot.press("O")  # a letter O for a zero
        await pilot.pause()
        row = screen.query_one("#row-capex_bn")
        assert row.has_class("-invalid")
        assert "must be a number" in shown(row.query_one(".field-error"))
        assert screen.draft.outcome("base").result.npv == npv
        assert "invalid Capex" in shown(screen.query_one(CaseResults))
        await pilot.press("ctrl+s")  # refused, with the reason
        await settle(pilot)
        assert "1O" not in screen.draft.scenario.path.read_text(encoding="utf-8")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not row.has_class("-invalid") and screen.query_one("#field-capex_bn", Input).value == "10"
        assert not screen.draft.dirty


async def test_cases_switch_add_rename_delete(make_data) -> None:
    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        form = screen.query_one(ScenarioForm)
        await pilot.press("right_square_bracket")
        assert screen.case == "bear" and form.case == "bear"
        assert shown(screen.query_one("#row-utilization .field-head")).startswith(" ●Utilization")
        assert screen.query_one("#field-capex_bn", Input).placeholder == "= 10 (base)"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NameDialog)
        await pilot.press(*"bull", "enter")
        await pilot.pause()
        assert screen.draft.cases == ["base", "bear", "bull"] and screen.case == "bull"
        assert screen.draft.overrides("bull") == ["utilization"]  # a copy of bear
        screen.query_one(ScenarioList).focus()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+u", *"up", "enter")
        await pilot.pause()
        assert screen.draft.cases == ["base", "bear", "up"]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("d")
        await pilot.pause()
        assert screen.draft.cases == ["base", "bear"] and screen.case == "base"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.draft.cases == ["base", "bear", "up"]


async def test_conflict_on_external_change_asks(make_data) -> None:
    data = make_data()
    path = data / "scenarios" / "demo.toml"
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        await edit(pilot, screen, "revenue_bn", "5")
        external = SCENARIO.replace("# A comment", "# Someone else's edit\n# A comment")
        path.write_text(external, encoding="utf-8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert path.read_text(encoding="utf-8") == external  # never silently overwritten
        await pilot.press("r")  # reload: theirs wins
        await settle(pilot)
        assert not screen.draft.dirty and screen.query_one("#field-revenue_bn", Input).value == "4"
        await edit(pilot, screen, "revenue_bn", "6")
        path.write_text(external.replace("Someone", "Another"), encoding="utf-8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("o")  # overwrite: mine wins, their comment change is lost knowingly
        await settle(pilot)
        text = path.read_text(encoding="utf-8")
        assert "revenue_bn = 6.0" in text and not screen.draft.dirty


async def test_save_as_after_a_conflict(make_data) -> None:
    data = make_data()
    path = data / "scenarios" / "demo.toml"
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        await edit(pilot, screen, "revenue_bn", "5")
        path.unlink()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, NameDialog)
        await pilot.press("enter")  # the suggested id: demo-copy
        await settle(pilot)
        copy = data / "scenarios" / "demo-copy.toml"
        assert 'id = "demo-copy"' in copy.read_text(encoding="utf-8")
        assert screen.draft.scenario.id == "demo-copy" and "demo-copy" in app.dataset.scenarios


async def test_leaving_with_unsaved_changes_asks(make_data) -> None:
    other = SCENARIO.replace('id = "demo"', 'id = "other"').replace('name = "Demo"', 'name = "Other"')
    app = QuietApp(make_data({"scenarios/other.toml": other}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        await edit(pilot, screen, "capex_bn", "12")
        screen.open_scenario("other")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # cancel: still editing demo
        await pilot.pause()
        assert screen.draft.scenario.id == "demo" and screen.draft.dirty
        await pilot.press("ctrl+q")  # quitting asks too
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        screen.open_scenario("other")
        await pilot.pause()
        await pilot.press("x")  # discard
        await pilot.pause()
        assert screen.draft.scenario.id == "other"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_solve_for_revenue_and_apply(bundled_copy: Path) -> None:
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SolveDialog) and dialog.name_solved == "revenue_bn"
        assert dialog.answers["base"] == pytest.approx(19.66, abs=0.01)
        await pilot.press("tab", "enter")  # the first case: base
        await pilot.pause()
        assert screen.draft.value("base", "revenue_bn") == dialog.answers["base"]
        assert screen.draft.outcome("base").result.npv >= 0
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.draft.value("base", "revenue_bn") == 12.0


async def test_views_grid_and_quotes(bundled_copy: Path) -> None:
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        await pilot.press("f5")
        await settle(pilot)
        grid = screen.query_one(SensitivityGrid)
        table = grid.query_one("#grid-table")
        assert table.row_count == 5 and len(table.columns) == 6
        cell = str(table.get_cell_at((2, 3)))  # the current values: revenue $12, utilization 75%
        assert cell == "−20.1"
        for _ in range(5):
            await pilot.press("plus")
        await settle(pilot)
        assert table.row_count == 21 and len(table.columns) == 22
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("enter")  # the first quote opens in the Quotes screen
        await settle(pilot)
        assert app.current_mode == "quotes"


async def test_new_scenario_from_a_company(make_data) -> None:
    data = make_data()
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        screen.query_one(ScenarioList).focus()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")  # AMZN, first in the list
        await pilot.pause()
        await pilot.press("enter")  # the suggested id
        await settle(pilot)
        created = data / "scenarios" / "amzn-2025.toml"
        assert created.exists() and screen.draft.scenario.id == "amzn-2025"
        assert screen.draft.value("base", "capex_bn") == 100.0  # "at least $100B" guidance


async def test_hostile_names_and_notes_show_literally(make_data) -> None:
    hostile_case = "[bold]x"
    text = SCENARIO.replace('name = "Demo"', f"name = {HOSTILE[2]!r}".replace("'", '"'))
    text = text.replace("[scenario.cases.bear]", f'# {HOSTILE[0]} {HOSTILE[1]}\n[scenario.cases."{hostile_case}"]')
    text = text.replace("capex_bn = 10.0", f"# {HOSTILE[4]} [@click=app.quit]\ncapex_bn = 10.0")
    app = QuietApp(make_data({"scenarios/demo.toml": text}))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_scenarios(pilot)
        assert screen.draft.cases == ["base", hostile_case]
        assert "[bold]x" in shown(screen.query_one(CaseResults))
        await pilot.press("right_square_bracket")
        await edit(pilot, screen, "capex_bn", "11")
        assert "[@click=app.quit]" in shown(screen.query_one("#form-help"))
        assert app.is_running and "[@click=app.quit]x[/]" in screen.sub_title


async def test_a_broken_scenario_file_is_listed_and_the_others_open(make_data) -> None:
    app = QuietApp(make_data({"scenarios/broken.toml": "[scenario\nid = 1"}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        assert screen.draft.scenario.id == "demo"
        options = screen.query_one(ScenarioList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("broken.toml" in p for p in prompts)
        assert options.get_option("broken:broken.toml").disabled


async def test_session_reopens_the_scenario_case_and_view(make_data) -> None:
    data = make_data()
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        await pilot.press("right_square_bracket", "g")
        await settle(pilot)
        app.exit()
    again = QuietApp(data)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, ScenariosScreen)
        assert (screen.draft.scenario.id, screen.case, screen.view) == ("demo", "bear", "grid")


def _edit_server_life(keys: list[str]):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


def test_snapshot_80x24(snap_compare, make_data) -> None:
    app = QuietApp(make_data())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_edit_server_life(["enter", "down", "x"]))


def test_snapshot_grid_80x24(snap_compare, make_data) -> None:
    app = QuietApp(make_data())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_edit_server_life(["f5"]))


def test_snapshot_160x48(snap_compare, make_data) -> None:
    app = QuietApp(make_data())
    keys = ["enter", "down", "down", "down", "down", "4", "escape", "y"]
    assert snap_compare(app, terminal_size=(160, 48), run_before=_edit_server_life(keys))


# Two scenarios whose four cases have long names (and, in long-a, NPVs past $1,000B and a case
# with two IRRs; in long-b a book life, a terminal value and revenue growth): every number of
# the results must stay whole at 80×24 and 160×48.
LONG_A = """\
[scenario]
id = "long-a"
name = "A build-out whose cases have long names and four outcomes"
company = "AMZN"
quotes = ["under"]
start_year = 2026
capex_bn = 1234.5
build_years = 3
server_share = 0.55
server_life_years = 6
facility_life_years = 25
delay_years = 1
ramp_years = 3
revenue_bn = 300.0
utilization = 0.75
ebitda_margin = 0.55
tax_rate = 0.21
discount_rate = 0.09
horizon_years = 20

[scenario.cases.interconnection_delays_and_idle_gpus]
delay_years = 2
utilization = 0.45

[scenario.cases.faster_power_and_higher_attach_rates]
ramp_years = 2
utilization = 0.85
revenue_bn = 500.0

[scenario.cases.token_price_deflation_of_40pct]
revenue_growth = -0.4
"""


LONG_B = """\
[scenario]
id = "long-b"
name = "Inference GPUs against training capacity, with a terminal value"
company = "AMZN"
start_year = 2025
capex_bn = 10.0
build_years = 1
server_share = 0.9
server_life_years = 4
server_book_life_years = 6
facility_life_years = 15
delay_years = 0
ramp_years = 2
revenue_bn = 7.5
utilization = 0.8
ebitda_margin = 0.65
tax_rate = 0.18
discount_rate = 0.08
horizon_years = 10
terminal_growth = 0.02

[scenario.cases.gpus_obsolete_after_three_years]
server_life_years = 3

[scenario.cases.azure_backlog_absorbs_everything]
revenue_bn = 8.5
utilization = 0.9

[scenario.cases.openai_training_capacity_instead]
capex_bn = 20.0
build_years = 2
delay_years = 2
revenue_bn = 8.0
"""


def _long_data(make_data):
    return make_data({"scenarios/long-a.toml": LONG_A, "scenarios/long-b.toml": LONG_B})


def _open(index: int, keys: list[str]):
    """Open the `index`-th scenario of the list (demo, long-a, long-b), then press `keys`."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("escape", *(["down"] * index), "enter", *keys)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@pytest.mark.parametrize("index", [1, 2])
def test_snapshot_long_case_names(snap_compare, make_data, index: int, size: tuple[int, int]) -> None:
    assert snap_compare(QuietApp(_long_data(make_data)), terminal_size=size, run_before=_open(index, []))


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_snapshot_long_case_names_years(snap_compare, make_data, size: tuple[int, int]) -> None:
    assert snap_compare(QuietApp(_long_data(make_data)), terminal_size=size, run_before=_open(1, ["escape", "y"]))


async def test_every_results_number_is_whole_at_80x24(make_data) -> None:
    """NPV, IRR, payback and break-even of every case appear in full, however long the names."""
    from workbench.core.roi import format as fmt

    app = QuietApp(_long_data(make_data))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        for sid in ("long-a", "long-b"):
            screen.open_scenario(sid)
            await settle(pilot)
            lines = [
                line.text
                for line in screen.query_one(CaseResults).render_lines(
                    screen.query_one(CaseResults).region.reset_offset
                )
            ]
            text = "\n".join(lines)
            for outcome in screen.draft.outcomes():
                result = outcome.result
                assert fmt.money(result.npv, signed=True) in text
                assert fmt.irr_text(result.irr, len(result.irrs)) in text
                assert fmt.payback_text(result.payback_years, result.inputs.horizon_years) in text
                assert fmt.breakeven_text(result.breakeven_utilization, short=True) in text
        await pilot.resize_terminal(160, 48)
        await settle(pilot)
        text = "\n".join(
            line.text
            for line in screen.query_one(CaseResults).render_lines(screen.query_one(CaseResults).region.reset_offset)
        )
        assert "Break-even util." in text and "MIRR" in text and "Terminal $B" in text  # long-b has a terminal value


async def test_solve_for_the_discount_rate_lists_every_root_and_agrees_with_the_results(bundled_copy: Path) -> None:
    """AWS base: NPV = 0 at −33.4% and −5.1%; solve-for shows −5.06% (the results' IRR) and the other."""
    from textual.widgets import DataTable, OptionList

    app = QuietApp(bundled_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scenarios(pilot)
        assert screen.draft.scenario.id == "aws-apec"
        assert screen.draft.outcome("base").result.irr == pytest.approx(-0.0506, abs=1e-4)
        await pilot.press("ctrl+g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SolveDialog)
        options = dialog.query_one("#solve-inputs", OptionList)
        options.highlighted = options.get_option_index("discount_rate")
        await settle(pilot)
        await pilot.pause(0.3)
        row = [str(cell) for cell in dialog.query_one("#solve-table", DataTable).get_row("base")]
        assert row[2] == "-5.06%" and "also at -33.45%" in row[3]


async def test_r_lists_every_cases_rates(bundled_copy: Path) -> None:
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenarios(pilot)
        await pilot.press("escape", "R")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        text = dialog.message.plain
        assert "NPV = 0 at: -33.4%, -5.1%" in text and "nearest the 9.0% discount rate" in text
        assert "MIRR" in text and "Terminal value: none" in text


async def test_aws_apec_check_puts_the_models_operating_profit_beside_the_articles(bundled_copy: Path) -> None:
    """Done when: the AWS APEC screen shows the model's operating profit beside the article's
    $2.4–3.2B with the reason they differ."""
    from workbench.ui.widgets.scenario_expected import ScenarioExpected

    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        await pilot.press("escape", "s")
        await settle(pilot)
        await pilot.pause(0.5)
        assert screen.view == "sources"
        import re

        body = re.sub(r"\x1b\[[0-9;]*m", "", shown(screen.query_one(ScenarioExpected).query_one("#expected-body")))
        assert "Operating profit (EBIT): model $0.56B" in body and "$2.40B–$3.20B" in body
        assert "analysts-apec-profit-2-4-3-2b" in body
        assert "depreciation $4.39B" in body and "book life 13 years" in body


async def test_ctrl_o_opens_the_passage_behind_a_marked_input(bundled_copy: Path) -> None:
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        screen.query_one("#field-capex_bn", FieldInput).focus()
        await pilot.pause()
        assert screen.query_one("#row-capex_bn .field-tail").render().plain == " $B    ❝  "
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert app.current_mode == "quotes"


async def test_attach_and_detach_a_quote_from_the_form(bundled_copy: Path) -> None:
    path = bundled_copy / "scenarios" / "aws-apec.toml"
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        screen.query_one("#field-server_share", FieldInput).focus()
        await pilot.pause()
        assert screen.query_one("#row-server_share .field-tail").render().plain.strip() == "%"
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press(*"apec-base-case", "enter")
        await settle(pilot)
        assert screen.draft.sources[("base", "server_share")] == ["apec-base-case-2-5-3b"]
        assert screen.query_one("#row-server_share .field-tail").render().plain.strip() == "%     ❝"
        assert screen.draft.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert 'server_share = ["apec-base-case-2-5-3b"]' in path.read_text(encoding="utf-8")
        screen.query_one("#field-server_share", FieldInput).focus()
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("enter")  # the ticked quote is listed first: detach it
        await settle(pilot)
        assert ("base", "server_share") not in screen.draft.sources
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "server_share = [" not in path.read_text(encoding="utf-8")


async def test_grid_shows_irr_or_payback_and_the_tornado_beside_it(make_data) -> None:
    from workbench.ui.widgets.scenario_tornado import ScenarioTornado

    app = QuietApp(make_data())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        await pilot.press("f5")
        await settle(pilot)
        grid = screen.query_one(SensitivityGrid)
        await pilot.press("m")
        await settle(pilot)
        await pilot.pause(0.3)
        assert grid.measure == "irr"
        table = grid.query_one("#grid-table")
        cells = [str(c) for c in table.get_row_at(0)[1:]]
        assert all(c.endswith("%") or c == "none" for c in cells)
        await pilot.press("t")
        await settle(pilot)
        assert grid.has_class("-tornado") and grid.query_one(ScenarioTornado).display
        body = shown(grid.query_one("#tornado-body"))
        assert "Capex" in body and "×0.8" in body


async def test_clicking_the_mark_opens_the_passage(bundled_copy: Path) -> None:
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scenarios(pilot)
        await pilot.click("#row-capex_bn .field-tail", offset=(6, 0))  # the unit: nothing
        await settle(pilot)
        await pilot.pause(0.2)  # the passage is opened after the next refresh, if at all
        assert app.current_mode == "scenarios"
        await pilot.click("#row-capex_bn .field-tail", offset=(7, 0))
        for _ in range(50):  # after the next refresh (the clicked field focused first)
            await settle(pilot)
            if app.current_mode == "quotes":
                break
        assert app.current_mode == "quotes"


async def test_a_mark_clicked_opens_its_own_inputs_passage_not_the_focused_ones(
    bundled_copy: Path, monkeypatch
) -> None:
    """The click moves the focus to its input, but the focus arrives after the click is handled."""
    opened: list[str] = []
    app = QuietApp(bundled_copy)
    monkeypatch.setattr(app, "open_quote", opened.append)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        screen.query_one("#field-server_life_years", FieldInput).focus()
        await settle(pilot)
        screen.query_one(ScenarioForm).post_message(ScenarioForm.SourceClicked("capex_bn"))
        await settle(pilot)
        await pilot.pause(0.1)
        assert opened == ["amzn-apec-40b-14-countries"]


async def test_enter_on_a_marked_field_opens_its_quote_but_moves_on_after_typing(bundled_copy: Path) -> None:
    app = QuietApp(bundled_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scenarios(pilot)
        await edit(pilot, screen, "capex_bn", "41")
        await pilot.press("enter")  # typed: Enter moves to the next field
        await pilot.pause()
        assert screen.focused.id == "field-build_years" and app.current_mode == "scenarios"
        await pilot.press("up")  # back on capex, untouched since focus: Enter opens the quote
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "quotes"
