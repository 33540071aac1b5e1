"""The Scenarios screen in Chinese: every view and every scenario dialog at 80×24 and 160×48 in
zh-Hans, nothing English left on screen but data, and the model's words translated where shown
while files, problems and exports stay English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.datakit import SCENARIO
from tests.ui.helpers import QuietApp, settle
from tests.ui.zh import ZH_SIZE_IDS, ZH_SIZES, english_left
from workbench.core.i18n import set_language
from workbench.core.roi import format as fmt
from workbench.core.roi import model as roi
from workbench.ui.dialogs.scenario_choice import ChoiceDialog
from workbench.ui.dialogs.scenario_formulas import FormulasDialog
from workbench.ui.dialogs.scenario_name import NameDialog
from workbench.ui.dialogs.scenario_new import NewScenarioDialog
from workbench.ui.dialogs.scenario_quote_picker import QuotePickerDialog
from workbench.ui.dialogs.scenario_solve import SolveDialog
from workbench.ui.screens.scenarios import ScenariosScreen

# The small scenario, stating two figures from its sources (so the Check view has a comparison)
# and backing its capex with a quote (so the form shows ❝ and the Quotes view lists it).
STATED = SCENARIO.replace(
    "[scenario.cases.bear]",
    "[scenario.expected]\n"
    "operating_profit_bn = [0.9, 1.2]\n"
    "revenue_steady_bn = 3.2\n\n"
    "[scenario.sources]\n"
    'capex_bn = ["under"]\n\n'
    "[scenario.cases.bear]",
)

# `base` names the un-overridden case in files, `--case` and exports: an identifier, not a word.
# The formulas name the library whose IRR and MIRR the model matches, and the file they come from.
IDENTIFIERS = {"base", "numpy", "financial", "docs", "model", "md"}


def _zh_data(make_data) -> Path:
    return make_data({"scenarios/demo.toml": STATED})


# Not words: the chart's line markers (x, o), and the footer's command-palette key, which the app
# shell draws on every screen.
GLYPHS = re.compile(r"^[xo]+$")


def _left(app, data: Path) -> list[str]:
    """english_left, less the lines whose only English words are identifiers, glyphs or the shell's."""
    left = []
    for line in english_left(app, data):
        words = {w for w in line.split("|")[0].lower().split() if not GLYPHS.match(w)}
        if words - IDENTIFIERS:
            left.append(line)
    return left


async def _tables_laid_out(pilot) -> None:
    """Wait until every table on screen has measured the rows a worker just added: a DataTable
    sizes its columns when idle, so a picture taken before that cuts cells at the header's width."""
    from textual.widgets import DataTable

    for _ in range(100):
        tables = list(pilot.app.screen.query(DataTable))
        if not any(t._require_update_dimensions or t._updated_cells for t in tables):
            break
        await pilot.pause(0.02)
    await pilot.pause()


def _keys(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        await _tables_laid_out(pilot)

    return run_before


# One run per view: 80×24 shows one view at a time; 160×48 shows the chart beside the form with the
# chosen table under it (Inputs, Years and Chart then look alike, so Inputs stands for the three).
VIEWS_80 = {
    "inputs": ["enter"],
    "years": ["y"],
    "chart": ["c"],
    "grid": ["g"],
    "tornado": ["g", "t"],
    "quotes": ["p"],
    "check": ["s"],
}
VIEWS_160 = {key: VIEWS_80[key] for key in ("inputs", "grid", "tornado", "quotes", "check")}

DIALOGS = {
    "new": ["n"],
    "name": ["a"],
    "choice": ["right_square_bracket", "d"],
    "formulas": ["f1"],
    "quote_picker": ["enter", "ctrl+t"],
    "solve": ["ctrl+g"],
}


@pytest.mark.parametrize("view", list(VIEWS_80))
def test_snapshot_view_80x24(snap_compare, make_data, monkeypatch, view: str) -> None:
    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    app = QuietApp(_zh_data(make_data))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_keys(*VIEWS_80[view]))


@pytest.mark.parametrize("view", list(VIEWS_160))
def test_snapshot_view_160x48(snap_compare, make_data, monkeypatch, view: str) -> None:
    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    app = QuietApp(_zh_data(make_data))
    assert snap_compare(app, terminal_size=(160, 48), run_before=_keys(*VIEWS_160[view]))


@pytest.mark.parametrize("size", ZH_SIZES, ids=ZH_SIZE_IDS)
@pytest.mark.parametrize("dialog", list(DIALOGS))
def test_snapshot_dialog(snap_compare, make_data, monkeypatch, dialog: str, size: tuple[int, int]) -> None:
    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    app = QuietApp(_zh_data(make_data))
    assert snap_compare(app, terminal_size=size, run_before=_keys(*DIALOGS[dialog]))


async def test_nothing_english_left_at_80x24(make_data, monkeypatch) -> None:
    """Every view and every dialog of the screen, in turn: only data and kept terms in Latin letters."""
    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    data = _zh_data(make_data)
    app = QuietApp(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await _keys()(pilot)
        screen = app.screen
        assert isinstance(screen, ScenariosScreen)
        seen = {}
        for view, keys in VIEWS_80.items():
            screen.query_one("#scn-list").focus()
            await pilot.pause()
            await pilot.press(*keys)
            await settle(pilot)
            await _tables_laid_out(pilot)
            seen[view] = _left(app, data)
            if view == "tornado":
                await pilot.press("t")  # back to the grid
        dialogs = {
            "new": (["n"], NewScenarioDialog),
            "name": (["a"], NameDialog),
            "choice": (["right_square_bracket", "d"], ChoiceDialog),
            "rates": (["R"], ChoiceDialog),
            "formulas": (["f1"], FormulasDialog),
            "quote_picker": (["i", "ctrl+t"], QuotePickerDialog),
            "solve": (["ctrl+g"], SolveDialog),
        }
        for name, (keys, kind) in dialogs.items():
            screen.query_one("#scn-list").focus()
            await pilot.pause()
            await pilot.press(*keys)
            await settle(pilot)
            await _tables_laid_out(pilot)
            assert isinstance(app.screen, kind), name
            seen[name] = _left(app, data)
            await pilot.press("escape")
            await settle(pilot)
        left = {name: lines for name, lines in seen.items() if lines}
        assert not left, "\n".join(f"{name}: {line}" for name, lines in left.items() for line in lines)


async def test_results_stay_whole_at_80x24_in_chinese(make_data, monkeypatch) -> None:
    """NPV, IRR, payback and break-even of every case are on screen in full, with Chinese units,
    however long the case names (the English screen's long-named scenarios, in Chinese)."""
    from tests.ui.test_scenarios_screen import _long_data
    from workbench.ui.widgets.scenario_results import CaseResults

    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    app = QuietApp(_long_data(make_data))
    async with app.run_test(size=(80, 24)) as pilot:
        await _keys()(pilot)
        screen = app.screen
        assert isinstance(screen, ScenariosScreen)
        for sid in ("demo", "long-a", "long-b"):
            screen.open_scenario(sid)
            await settle(pilot)
            results = screen.query_one(CaseResults)
            text = "\n".join(line.text for line in results.render_lines(results.region.reset_offset))
            for outcome in screen.draft.outcomes():
                result = outcome.result
                assert result is not None
                for cell in (
                    fmt.money(result.npv, signed=True),
                    fmt.irr_text(result.irr, len(result.irrs), local=True),
                    fmt.payback_text(result.payback_years, result.inputs.horizon_years, local=True),
                    fmt.breakeven_text(result.breakeven_utilization, short=True, local=True),
                ):
                    assert cell in text, (sid, cell)
        assert " 年" in text and "情形" in text  # payback in 年, the columns titled in Chinese


def test_model_words_are_english_unless_asked_for_the_interface_language() -> None:
    """Exports and `roi --json` get the English; the form and the file's problems ask (`local`)
    for the interface language."""
    set_language("zh-Hans")
    assert roi.check_value("utilization", 1.5)[1] == "must be a number between 0 and 1, got 1.5"
    assert roi.check_value("utilization", 1.5, local=True)[1] == "须为介于 0 和 1 之间的数字，当前为 1.5"
    assert fmt.payback_text(None, 20) == "> 20 yrs" and fmt.payback_text(None, 20, local=True) == "> 20 年"
    assert fmt.irr_text(-0.051, 2) == "-5.1% (2 roots)" and fmt.irr_text(-0.051, 2, local=True) == "-5.1% (2个解)"
    with pytest.raises(ValueError, match="^须为数字（或 45% 这样的百分比）$"):
        roi.parse_value("utilization", "x", local=True)
    with pytest.raises(ValueError, match=r"^must be a number \(or a percent like 45%\)$"):
        roi.parse_value("utilization", "x")
    assert roi.INPUTS["capex_bn"].label == "Capex"  # marked, translated where drawn


def test_roi_json_stays_english_in_chinese(make_data, monkeypatch, capsys) -> None:
    """`workbench roi --json` is the same bytes whatever the interface language."""
    from workbench.cli import main

    data = _zh_data(make_data)
    assert main(["--data", str(data), "roi", "demo", "--tornado", "--json"]) == 0
    english = capsys.readouterr().out
    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    set_language("zh-Hans")
    assert main(["--data", str(data), "roi", "demo", "--tornado", "--json"]) == 0
    assert capsys.readouterr().out == english
    assert json.loads(english)[0]["case"] == "base"


async def test_switching_language_redraws_the_open_scenario(make_data) -> None:
    """From the palette's language switch: the form, its values, the quotes and the results come
    back in Chinese with the edit kept; amounts in 亿美元 leave the model's $B figures as they are."""
    from textual.widgets import Input

    from workbench.ui.widgets.scenario_form import FieldInput
    from workbench.ui.widgets.scenario_quotes import ScenarioQuotes

    app = QuietApp(_zh_data(make_data))
    async with app.run_test(size=(80, 24)) as pilot:
        await _keys()(pilot)
        screen = app.screen
        assert isinstance(screen, ScenariosScreen)
        field = screen.query_one("#field-capex_bn", FieldInput)
        field.focus()
        field.action_select_all()
        await pilot.press("1", "2")
        await settle(pilot)
        npv = screen.draft.outcome("base").result.npv
        await app.use_language("zh-Hans")
        await settle(pilot)
        assert screen.draft.dirty and screen.query_one("#field-capex_bn", Input).value == "12"
        assert screen.query_one("#row-capex_bn .field-head").content.plain == "  资本开支"
        assert screen.query_one(ScenarioQuotes).option_count == 1
        text = "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())
        assert "情形" in text and fmt.money(npv, signed=True) in text
        await app.use_amounts("yi")
        await settle(pilot)
        text = "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())
        assert "NPV $B" in text and fmt.money(npv, signed=True) in text and "亿美元" not in text


def test_scenario_file_problems_follow_the_language(tmp_path) -> None:
    """A scenario file's problems read as the rest of the data's do: in the interface language."""
    from workbench.core.scenarios.files import load_scenario

    path = tmp_path / "demo.toml"
    path.write_text(SCENARIO.replace("utilization = 0.8", "utilization = 1.5"), encoding="utf-8")
    english: list = []
    load_scenario(path, english)
    assert [p.message for p in english] == ["scenario 'demo': 'utilization' must be a number between 0 and 1, got 1.5"]
    set_language("zh-Hant")
    chinese: list = []
    load_scenario(path, chinese)
    assert [p.message for p in chinese] == ["情境 'demo'：'utilization' 須為介於 0 與 1 之間的數字，目前為 1.5"]


async def test_a_case_that_cannot_run_says_why_in_chinese(make_data, monkeypatch) -> None:
    """A file value out of its domain: the case's row says which input and why, in Chinese."""
    from rich.console import Console

    from workbench.ui.widgets.scenario_results import CaseResults

    monkeypatch.setenv("WORKBENCH_LANG", "zh-Hans")
    bad = SCENARIO.replace("[scenario.cases.bear]\nutilization = 0.4", "[scenario.cases.bear]\nutilization = 1.5")
    app = QuietApp(make_data({"scenarios/demo.toml": bad}))
    async with app.run_test(size=(80, 24)) as pilot:
        await _keys()(pilot)
        console = Console(width=200, no_color=True)
        with console.capture() as capture:
            console.print(app.screen.query_one(CaseResults).content)
        text = capture.get()
        assert "无效" in text and "利用率：须为介于 0 和 1 之间的数字，当前为 1.5" in text
