"""Editing scenarios in memory (validation as typed, cases, undo, dirty, saving), their notes
and provenance, new scenarios from a company, and how ROI figures are spelled."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.datakit import BUNDLED
from workbench.core.data.loader import load_dataset
from workbench.core.roi import format as fmt
from workbench.core.roi import model as roi
from workbench.core.scenarios import files as sc
from workbench.core.scenarios import new as scenario_new
from workbench.core.scenarios import notes as scenario_notes
from workbench.core.scenarios.editing import ScenarioDraft

SAMPLE = """\
# A comment that must survive
[scenario]
id = "demo"
name = "Demo"
company = "AMZN"
quotes = ["q-capex", "q-life", "q-bear"]
start_year = 2025
# How much (quote q-capex).
capex_bn = 10     # $B
build_years = 2
server_share = 0.5
# GPUs last six years (q-life), or not.
server_life_years = 6
facility_life_years = 20
delay_years = 1
ramp_years = 2
revenue_bn = 4.0
utilization = 0.8
ebitda_margin = 0.5
tax_rate = 0.2
discount_rate = 0.08
horizon_years = 10

# Bear: half-empty halls (q-bear).
[scenario.cases.bear]
utilization = 0.4
note = "not an input: kept"
"""


@pytest.fixture
def scenario(tmp_path: Path) -> sc.Scenario:
    path = tmp_path / "demo.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    problems: list = []
    loaded = sc.load_scenario(path, problems)
    assert loaded is not None and problems == []
    return loaded


def test_texts_overrides_and_inheritance(scenario: sc.Scenario) -> None:
    draft = ScenarioDraft(scenario)
    assert draft.cases == ["base", "bear"]
    assert draft.text("base", "utilization") == "80%" and draft.text("base", "capex_bn") == "10"
    assert draft.text("base", "refresh_servers") == ""  # absent: the default applies
    assert draft.error("base", "refresh_servers") is None and draft.value("base", "refresh_servers") is True
    assert draft.text("bear", "utilization") == "40%" and draft.is_override("bear", "utilization")
    assert draft.text("bear", "capex_bn") == "" and not draft.is_override("bear", "capex_bn")
    assert draft.inherited_text("bear", "capex_bn") == "10"
    assert draft.overrides("bear") == ["utilization"]
    assert not draft.dirty


def test_a_valid_keystroke_changes_results_an_invalid_one_never_does(scenario: sc.Scenario) -> None:
    draft = ScenarioDraft(scenario)
    before = draft.outcome("base").result
    assert draft.set_text("base", "server_life_years", "4")
    after = draft.outcome("base").result
    assert after.npv != before.npv and after.inputs.server_life_years == 4
    assert draft.outcome("bear").result.inputs.server_life_years == 4  # bear inherits it
    for text, reason in (("4.5", "whole number"), ("", "required"), ("0", "between 1 and 100")):
        assert draft.set_text("base", "server_life_years", text)
        assert reason in draft.error("base", "server_life_years")
        outcome = draft.outcome("base")
        assert outcome.result.npv == after.npv and outcome.stale == ("server_life_years",)
    assert draft.outcome("bear").stale == ("server_life_years",)  # a base field affects every case


def test_percent_and_fraction_are_the_same_value(scenario: sc.Scenario) -> None:
    draft = ScenarioDraft(scenario)
    assert not draft.set_text("base", "utilization", "0.8")  # already 80%: nothing changed
    assert draft.set_text("base", "utilization", "45%")
    assert draft.value("base", "utilization") == 0.45
    assert draft.set_text("base", "utilization", "45")
    assert "a fraction; write 45% for a percent" in draft.error("base", "utilization")
    assert draft.value("base", "utilization") == 0.45


def test_an_empty_case_field_inherits_base(scenario: sc.Scenario) -> None:
    draft = ScenarioDraft(scenario)
    assert draft.set_text("bear", "utilization", "")
    assert not draft.is_override("bear", "utilization") and draft.error("bear", "utilization") is None
    assert draft.outcome("bear").result.inputs.utilization == 0.8
    assert draft.set_text("bear", "capex_bn", "12")
    assert draft.overrides("bear") == ["capex_bn"]


def test_undo_groups_keystrokes_per_field_and_redo(scenario: sc.Scenario) -> None:
    draft = ScenarioDraft(scenario)
    draft.set_text("base", "capex_bn", "1")
    draft.set_text("base", "capex_bn", "12")
    draft.set_text("base", "capex_bn", "12x")  # invalid: pending
    draft.set_text("base", "build_years", "3")
    assert draft.undo()  # build years back
    assert draft.text("base", "build_years") == "2" and draft.text("base", "capex_bn") == "12x"
    assert draft.undo()  # the three capex keystrokes at once
    assert draft.text("base", "capex_bn") == "10" and draft.error("base", "capex_bn") is None
    assert not draft.dirty and not draft.undo()
    assert draft.redo() and draft.text("base", "capex_bn") == "12x"
    draft.end_group()
    draft.set_text("base", "capex_bn", "13")
    assert not draft.can_redo  # a new edit drops the redo history
    draft.end_group()
    draft.set_text("base", "capex_bn", "14")
    assert draft.undo() and draft.text("base", "capex_bn") == "13"  # end_group split the steps


def test_cases_add_rename_delete_and_undo(scenario: sc.Scenario) -> None:
    draft = ScenarioDraft(scenario)
    assert draft.check_case_name("base") and draft.check_case_name("bear") and draft.check_case_name("a b")
    draft.add_case("bull", copy_from="bear")
    assert draft.cases == ["base", "bear", "bull"] and draft.overrides("bull") == ["utilization"]
    draft.rename_case("bear", "down")
    assert draft.cases == ["base", "down", "bull"] and draft.text("down", "utilization") == "40%"
    draft.delete_case("bull")
    assert draft.cases == ["base", "down"] and draft.dirty
    assert draft.undo() and draft.cases == ["base", "down", "bull"]
    assert draft.undo() and draft.cases == ["base", "bear", "bull"]
    assert draft.undo() and draft.cases == ["base", "bear"] and not draft.dirty
    with pytest.raises(KeyError):
        draft.delete_case("base")


def test_save_arguments_round_trip_through_the_file(scenario: sc.Scenario) -> None:
    draft = ScenarioDraft(scenario)
    draft.set_text("base", "server_life_years", "4")
    draft.rename_case("bear", "down")
    draft.set_text("down", "utilization", "35%")
    draft.add_case("bull")
    draft.set_text("bull", "revenue_bn", "6")
    base, cases, renames = draft.save_arguments()
    assert renames == {"bear": "down"}
    saved = sc.save_scenario(draft.scenario, base, cases, renames=renames)
    text = saved.path.read_text(encoding="utf-8")
    expected = SAMPLE.replace("server_life_years = 6", "server_life_years = 4").replace(
        "[scenario.cases.bear]\nutilization = 0.4", "[scenario.cases.down]\nutilization = 0.35"
    )
    assert text == expected + "\n[scenario.cases.bull]\nrevenue_bn = 6.0\n"
    draft.saved(saved)
    assert not draft.dirty
    assert draft.undo() and draft.dirty  # undo past a save is fine: the file is unchanged


def test_save_is_refused_while_a_field_is_invalid(scenario: sc.Scenario) -> None:
    draft = ScenarioDraft(scenario)
    draft.set_text("bear", "utilization", "lots")
    with pytest.raises(ValueError, match="Utilization in case bear must be a number"):
        draft.save_arguments()


def test_invalid_file_values_show_in_their_field_and_block_only_their_case(tmp_path: Path) -> None:
    path = tmp_path / "demo.toml"
    path.write_text(SAMPLE.replace("utilization = 0.4", 'utilization = "high"'), encoding="utf-8")
    loaded = sc.load_scenario(path, [])
    draft = ScenarioDraft(loaded)
    assert draft.text("bear", "utilization") == "high" and "not a string" in draft.error("bear", "utilization")
    assert draft.outcome("bear").result is None and draft.outcome("base").result is not None
    base, cases, _ = draft.save_arguments()  # untouched, so written back exactly as it was
    sc.save_scenario(loaded, base, cases)
    assert path.read_text(encoding="utf-8") == SAMPLE.replace("utilization = 0.4", 'utilization = "high"')


def test_results_for_unchanged_cases_are_reused(scenario: sc.Scenario) -> None:
    draft = ScenarioDraft(scenario)
    first = draft.outcome("bear").result
    draft.set_text("base", "capex_bn", "11")
    draft.set_text("base", "capex_bn", "10")
    assert draft.outcome("bear").result is first


# --- notes and provenance ------------------------------------------------------------------


def test_notes_are_the_comments_above_and_beside_a_key(scenario: sc.Scenario) -> None:
    notes = scenario_notes.input_notes(scenario)
    assert notes[("base", "capex_bn")] == "How much (quote q-capex). $B"
    assert notes[("base", "server_life_years")] == "GPUs last six years (q-life), or not."
    assert ("base", "build_years") not in notes
    assert scenario_notes.case_notes(scenario) == {"bear": "Bear: half-empty halls (q-bear)."}
    assert scenario_notes.input_quotes(scenario) == {
        ("base", "capex_bn"): ["q-capex"],
        ("base", "server_life_years"): ["q-life"],
    }
    assert scenario_notes.case_quotes(scenario) == {"bear": ["q-bear"]}
    sources = scenario_notes.input_sources(scenario)
    assert sources[("bear", "utilization")] == ["q-bear"]  # an override is backed by its case's note
    assert scenario_notes.quote_backs(sources)["q-bear"] == [("bear", "utilization")]


def test_bundled_scenarios_link_inputs_to_their_quotes() -> None:
    dataset = load_dataset(BUNDLED)
    aws = dataset.scenarios["aws-apec"]
    links = scenario_notes.input_quotes(aws)
    assert links[("base", "capex_bn")] == ["amzn-apec-40b-14-countries"]
    assert links[("base", "server_life_years")] == ["crusoe-gpus-as-collateral-7-years"]
    assert all(q in dataset.quotes for cited in links.values() for q in cited)


# --- new scenarios -------------------------------------------------------------------------


def test_new_scenario_from_the_latest_guidance_or_actual(tmp_path: Path) -> None:
    dataset = load_dataset(BUNDLED)
    basis = scenario_new.latest_capex(dataset, "GOOGL")
    # raised to $180–190B on 2026-04-29: its midpoint
    assert basis.capex_bn == 185.0 and basis.year == 2026 and "FY2026 guidance" in basis.how
    msft = scenario_new.latest_capex(dataset, "MSFT")  # the FY2025 actual is newer than its guidance
    assert msft.capex_bn == pytest.approx(64.551) and "actual" in msft.how
    assert scenario_new.suggest_id(dataset, "GOOGL", 2026) == "googl-2026"
    assert scenario_new.check_id(dataset, "aws-apec") and scenario_new.check_id(dataset, "Bad Id")
    text = scenario_new.new_scenario_for(dataset, "GOOGL", "googl-2026")
    assert "# Capex: FY2026 guidance" in text and "placeholder" in text
    created = sc.create_scenario(tmp_path / "googl-2026.toml", text)
    assert created.problems == [] and created.case_names() == ["base", "bear", "bull"]
    assert created.base["capex_bn"] == 185.0 and created.base["revenue_bn"] == 55.5
    assert sc.evaluate_case(created, "bull").npv > sc.evaluate_case(created, "bear").npv


def test_new_scenario_without_any_capex_figure(make_data) -> None:
    dataset = load_dataset(make_data())
    assert scenario_new.latest_capex(dataset, "AMZN").capex_bn == 100.0  # ≥$100B guidance: the floor
    assert scenario_new.latest_capex(dataset, "NONE") is None
    text = scenario_new.new_scenario_for(dataset, "NONE", "none-1", today=date(2030, 1, 1))
    assert "no capex figure in the data" in text and "start_year = 2030" in text


# --- spelling ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [
        ("utilization", 0.75, "75%"),
        ("utilization", 0.07, "7%"),
        ("capex_bn", 40.0, "40"),
        ("capex_bn", 12.5, "12.5"),
        ("server_life_years", 6, "6"),
        ("refresh_servers", False, "false"),
        ("utilization", "high", "high"),
    ],
)
def test_input_text_round_trips(name: str, value: object, text: str) -> None:
    assert fmt.input_text(name, value) == text
    if not isinstance(value, str):
        assert roi.parse_value(name, text) == value


def test_result_spelling() -> None:
    assert fmt.money(-20.094, signed=True) == "-20.09" and fmt.money(11.1, signed=True) == "+11.10"
    assert fmt.money(-0.001, signed=True) == "0.00"
    assert fmt.percent(0.1463) == "14.6%" and fmt.percent(None) == "none" and fmt.percent(-1e-5) == "0.0%"
    assert fmt.payback_text(9.018, 20) == "9.0 yrs" and fmt.payback_text(None, 20) == "> 20 yrs"
    assert fmt.breakeven_text(None) == "none: NPV<0 at 100%" and fmt.breakeven_text(0.699) == "69.9%"
    assert fmt.grid_cell(12.34) == "+12.3" and fmt.grid_cell(-4.5) == "−4.5" and fmt.grid_cell(0.01) == "±0.0"


@pytest.mark.parametrize(
    ("name", "center", "count", "expected"),
    [
        ("utilization", 0.75, 5, [0.5, 0.625, 0.75, 0.875, 1.0]),
        ("utilization", 0.9, 5, [0.4, 0.525, 0.65, 0.775, 0.9]),  # slides to stay within 0–1
        ("server_life_years", 2, 5, [1, 2, 3, 4, 5]),
        ("capex_bn", 40.0, 5, [20, 30, 40, 50, 60]),
        ("revenue_bn", 0.0, 3, [0.0, 1.0, 2.0]),
    ],
)
def test_axis_values(name: str, center: float, count: int, expected: list[float]) -> None:
    assert fmt.axis_values(name, center, count) == pytest.approx(expected)


def test_every_axis_stays_in_its_domain_and_holds_the_current_value() -> None:
    for name in roi.SOLVABLE:
        spec = roi.INPUTS[name]
        for center in {spec.minimum, spec.maximum, (spec.minimum + spec.maximum) / 2}:
            center = int(center) if spec.kind is int else center
            for count in (5, 21):
                values = fmt.axis_values(name, center, count)
                assert len(values) == count and values == sorted(values)
                assert all(roi.check_value(name, int(v) if spec.kind is int else v)[1] is None for v in values)
                assert any(v == pytest.approx(center) for v in values)


def test_nice_solution_still_reaches_break_even() -> None:
    dataset = load_dataset(BUNDLED)
    inputs = roi.parse_inputs(dataset.scenarios["aws-apec"].case_inputs("base"))[0]
    exact = roi.solve_for(inputs, "revenue_bn")
    nice = fmt.nice_solution(inputs, "revenue_bn", exact)
    assert nice == round(nice, 2) and abs(nice - exact) <= 0.01
    assert roi.npv(replace(inputs, revenue_bn=nice)) >= 0
    assert fmt.solved_text("revenue_bn", nice).startswith("$") and fmt.solved_text("utilization", 0.5) == "50.00%"


def test_bundled_aws_apec_never_breaks_even_on_utilization_alone(tmp_path: Path) -> None:
    # The Done-when walk-through: base and bear stay NPV < 0 even at 100% utilization.
    shutil.copytree(BUNDLED / "scenarios", tmp_path / "scenarios")
    aws = sc.load_scenario(tmp_path / "scenarios" / "aws-apec.toml", [])
    assert sc.evaluate_case(aws, "base").breakeven_utilization is None
    assert sc.evaluate_case(aws, "bull").breakeven_utilization == pytest.approx(0.6993, abs=1e-4)
