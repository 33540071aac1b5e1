"""Scenario files: diagnostics with exact lines, evaluation, and saves that keep the user's text."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.data.problems import Problem
from workbench.core.roi import model as roi
from workbench.core.scenarios import files as sc
from workbench.core.scenarios.toml_writing import new_scenario_text

# Line numbers matter in these tests: keep the text exactly as is.
SAMPLE = """\
# AWS APEC build-out (announced 2024)
[scenario]
id = "aws-apec"   # = file name
name = "AWS APEC $40B"
company = "AMZN"
quotes = ["q-aws-1", "q-aws-2"]
start_year = 2025
capex_bn = 40     # $B over the build
build_years = 3
server_share = 0.6
server_life_years = 5
facility_life_years = 20
refresh_servers = true
delay_years = 1
ramp_years = 3
revenue_bn = 20.0
utilization = 0.7
ebitda_margin = 0.45
tax_rate = 0.21
discount_rate = 0.09
horizon_years = 20
analyst = "me"    # not an input: kept as is

# Cases override any input
[scenario.cases.bear]   # GPUs last 3 years
server_life_years = 3
utilization = 0.5  # half-empty
note = "kept too"

[scenario.cases.bull]
utilization = 0.9
"""


def write(folder: Path, text: str | bytes, stem: str = "aws-apec") -> Path:
    path = folder / f"{stem}.toml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def load(path: Path) -> tuple[sc.Scenario | None, list[Problem]]:
    problems: list[Problem] = []
    return sc.load_scenario(path, problems), problems


def line_no(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture
def sample(tmp_path: Path) -> sc.Scenario:
    scenario, problems = load(write(tmp_path, SAMPLE))
    assert problems == [] and scenario is not None
    return scenario


def values_of(scenario: sc.Scenario) -> tuple[dict, dict]:
    """The base and case values as an editor would pass them back unchanged."""
    cases = {name: {k: v for k, v in table.items() if k in roi.INPUTS} for name, table in scenario.cases.items()}
    return dict(scenario.base), cases


# --- loading -------------------------------------------------------------------------------


def test_loads_fields_cases_and_extras(sample: sc.Scenario) -> None:
    assert (sample.id, sample.name, sample.company) == ("aws-apec", "AWS APEC $40B", "AMZN")
    assert sample.quotes == ["q-aws-1", "q-aws-2"]
    assert sample.case_names() == ["base", "bear", "bull"]
    assert sample.extra == {"analyst": "me"}
    assert sample.cases["bear"] == {"server_life_years": 3, "utilization": 0.5, "note": "kept too"}
    bear = sample.case_inputs("bear")
    assert bear["utilization"] == 0.5 and bear["server_life_years"] == 3 and bear["capex_bn"] == 40
    assert "note" not in bear
    assert sample.case_inputs("base")["utilization"] == 0.7
    assert sample.line == 2 and sample.line_of("company") == 5
    assert sample.line_of("utilization", "bear") == line_no(SAMPLE, "half-empty")
    assert sample.line_of("capex_bn", "bear") == 8  # not overridden: the base line
    assert sample.size == len(SAMPLE.encode()) and len(sample.sha256) == 64
    with pytest.raises(KeyError):
        sample.case_inputs("nope")


def test_missing_field_is_reported_at_the_table(tmp_path: Path) -> None:
    text = SAMPLE.replace("tax_rate = 0.21\n", "")
    scenario, problems = load(write(tmp_path, text))
    assert scenario is not None
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'aws-apec.toml'}:2: scenario 'aws-apec': missing required field 'tax_rate'"
    ]
    assert scenario.case_errors("base") == {"tax_rate": "missing"}
    with pytest.raises(sc.InvalidCase) as caught:
        sc.evaluate_case(scenario, "bear")
    assert caught.value.problems[0].line == 2


def test_wrong_type_is_reported_at_the_key(tmp_path: Path) -> None:
    text = SAMPLE.replace("build_years = 3", 'build_years = "three"').replace(
        "refresh_servers = true", "refresh_servers = 1"
    )
    _, problems = load(write(tmp_path, text))
    assert [(p.line, p.message) for p in problems] == [
        (9, "scenario 'aws-apec': 'build_years' must be a whole number between 1 and 100, not a string"),
        (13, "scenario 'aws-apec': 'refresh_servers' must be true or false, not an integer"),
    ]


def test_out_of_domain_in_a_case_is_reported_at_the_case_key(tmp_path: Path) -> None:
    text = SAMPLE.replace("utilization = 0.5  # half-empty", "utilization = 1.5  # half-empty")
    scenario, problems = load(write(tmp_path, text))
    assert scenario is not None
    assert [(p.line, p.message) for p in problems] == [
        (
            line_no(text, "half-empty"),
            "scenario 'aws-apec', case 'bear': 'utilization' must be a number between 0 and 1, got 1.5",
        ),
    ]
    assert scenario.case_errors("bear") and not scenario.case_errors("bull")
    sc.evaluate_case(scenario, "bull")  # the other cases still evaluate
    with pytest.raises(sc.InvalidCase) as caught:
        sc.scenario_json(scenario)
    assert caught.value.case == "bear" and caught.value.problems[0].line == line_no(text, "half-empty")


def test_identity_problems(tmp_path: Path) -> None:
    text = (
        SAMPLE.replace('id = "aws-apec"', 'id = "other"')
        .replace('company = "AMZN"\n', "")
        .replace('quotes = ["q-aws-1", "q-aws-2"]', 'quotes = "q-aws-1"')
    )
    scenario, problems = load(write(tmp_path, text))
    assert scenario is not None and scenario.id == "aws-apec"  # the file name is the id
    assert [(p.line, p.message) for p in problems] == [
        (3, "scenario 'aws-apec': id 'other' must equal the file name 'aws-apec'"),
        (2, "scenario 'aws-apec': missing required field 'company'"),
        (5, "scenario 'aws-apec': 'quotes' must be a list of quote ids (strings)"),
    ]


def test_a_case_named_base_is_an_error(tmp_path: Path) -> None:
    text = SAMPLE + "\n[scenario.cases.base]\nutilization = 0.1\n"
    scenario, problems = load(write(tmp_path, text))
    assert scenario is not None and scenario.case_names() == ["base", "bear", "bull"]
    assert [(p.line, "named 'base'" in p.message) for p in problems] == [(line_no(text, "cases.base"), True)]


def test_case_that_is_not_a_table(tmp_path: Path) -> None:
    text = SAMPLE.replace("[scenario.cases.bull]\nutilization = 0.9\n", "")
    text = text.replace('analyst = "me"', 'analyst = "me"\ncases.odd = 3')
    scenario, problems = load(write(tmp_path, text))
    assert scenario is not None and scenario.case_names() == ["base", "bear"]
    assert [p.message for p in problems] == ["scenario 'aws-apec': case 'odd' must be a table of input overrides"]


def test_toml_syntax_error_line(tmp_path: Path) -> None:
    text = SAMPLE.replace("ramp_years = 3", "ramp_years = = 3")
    scenario, problems = load(write(tmp_path, text))
    assert scenario is None
    assert len(problems) == 1 and problems[0].line == 15 and "TOML syntax error" in problems[0].message


def test_non_utf8_bytes(tmp_path: Path) -> None:
    raw = SAMPLE.replace("AWS APEC $40B", "亚马逊").encode("gb18030")
    scenario, problems = load(write(tmp_path, raw))
    assert scenario is None
    assert len(problems) == 1 and problems[0].line == 4 and "UTF-8" in problems[0].message


def test_no_scenario_table_and_missing_file(tmp_path: Path) -> None:
    assert load(write(tmp_path, "x = 1\n"))[0] is None
    scenario, problems = load(write(tmp_path, "[[scenario]]\nid = 'a'\n"))
    assert scenario is None and problems[0].line == 1 and "one table" in problems[0].message
    scenario, problems = load(tmp_path / "gone.toml")
    assert scenario is None and "not found" in problems[0].message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(st.sampled_from(SAMPLE.splitlines(keepends=True)), max_size=40).map(lambda ls: "".join(ls).encode()),
    )
)
def test_arbitrary_bytes_never_raise(tmp_path: Path, raw: bytes) -> None:
    problems: list[Problem] = []
    scenario = sc.load_scenario(write(tmp_path, raw), problems)
    assert scenario is not None or problems
    for problem in problems:
        assert problem.line >= 1 and problem.message
    if scenario is not None:
        for case in scenario.case_names():
            if not scenario.case_errors(case):
                sc.evaluate_case(scenario, case)


def test_pathological_nesting_does_not_raise(tmp_path: Path) -> None:
    scenario, problems = load(write(tmp_path, "x = " + "[" * 5000 + "]" * 5000 + "\n"))
    assert scenario is None and problems


# --- evaluating ----------------------------------------------------------------------------


def test_scenario_json_lists_every_case_base_first(sample: sc.Scenario) -> None:
    everything = sc.scenario_json(sample)
    assert isinstance(everything, list)
    assert [(d["id"], d["case"]) for d in everything] == [
        ("aws-apec", "base"),
        ("aws-apec", "bear"),
        ("aws-apec", "bull"),
    ]
    bear = sc.scenario_json(sample, "bear")
    assert bear == everything[1]
    inputs, _ = roi.parse_inputs(sample.case_inputs("bear"))
    assert inputs is not None and bear["npv_bn"] == roi.evaluate(inputs).npv
    assert len(bear["years"]) == 20 and bear["years"][0]["year"] == 2025
    json.dumps(everything, allow_nan=False)


# --- saving --------------------------------------------------------------------------------


def test_unchanged_save_is_byte_identical(sample: sc.Scenario) -> None:
    base, cases = values_of(sample)
    base["capex_bn"] = 40.0  # the form hands back floats; 40 == 40.0 is no change
    saved = sc.save_scenario(sample, base, cases)
    assert sample.path.read_text() == SAMPLE
    assert saved.sha256 == sample.sha256


def test_changing_one_value_changes_only_that_line(sample: sc.Scenario) -> None:
    base, cases = values_of(sample)
    base["capex_bn"] = 45.5
    cases["bear"]["utilization"] = 0.4
    saved = sc.save_scenario(sample, base, cases)
    expected = SAMPLE.replace("capex_bn = 40     # $B", "capex_bn = 45.5     # $B").replace(
        "utilization = 0.5  # half-empty", "utilization = 0.4  # half-empty"
    )
    assert sample.path.read_text() == expected
    assert saved.base["capex_bn"] == 45.5 and saved.cases["bear"]["utilization"] == 0.4
    assert saved.problems == [] and saved.sha256 != sample.sha256


def test_whole_float_for_an_int_keeps_int_spelling(sample: sc.Scenario) -> None:
    base, cases = values_of(sample)
    base["capex_bn"] = 50.0
    sc.save_scenario(sample, base, cases)
    assert "capex_bn = 50     # $B" in sample.path.read_text()


def test_add_remove_and_rename(sample: sc.Scenario) -> None:
    base, cases = values_of(sample)
    del base["refresh_servers"]  # optional input removed
    base["name"] = 'AWS "APEC" [bold]'
    cases["bear"]["ramp_years"] = 4  # new key in a case: after its last key
    del cases["bull"]
    cases["mega"] = {"revenue_bn": 60.0}
    cases["bearish"] = cases.pop("bear")
    saved = sc.save_scenario(sample, base, cases, renames={"bear": "bearish"})
    expected = (
        SAMPLE.replace("refresh_servers = true\n", "")
        .replace('name = "AWS APEC $40B"', 'name = "AWS \\"APEC\\" [bold]"')
        .replace("[scenario.cases.bear]   # GPUs", "[scenario.cases.bearish]   # GPUs")
        .replace('note = "kept too"\n', 'note = "kept too"\nramp_years = 4\n')
        .replace("[scenario.cases.bull]\nutilization = 0.9\n", "[scenario.cases.mega]\nrevenue_bn = 60.0\n")
    )
    assert sample.path.read_text() == expected
    assert saved.case_names() == ["base", "bearish", "mega"]
    assert saved.name == 'AWS "APEC" [bold]' and saved.base.get("refresh_servers") is None


def test_new_base_key_goes_after_the_last_key(tmp_path: Path) -> None:
    text = SAMPLE.replace("delay_years = 1\n", "")
    scenario, _ = load(write(tmp_path, text))
    assert scenario is not None
    base, cases = values_of(scenario)
    base["delay_years"] = 2
    sc.save_scenario(scenario, base, cases)
    assert scenario.path.read_text() == text.replace(
        'analyst = "me"    # not an input: kept as is\n',
        'analyst = "me"    # not an input: kept as is\ndelay_years = 2\n',
    )


def test_first_case_added_to_a_file_without_cases(tmp_path: Path) -> None:
    text = SAMPLE[: SAMPLE.index("\n# Cases")] + "\n\n[other]\nx = 1\n"
    scenario, _ = load(write(tmp_path, text))
    assert scenario is not None and scenario.case_names() == ["base"]
    base, _ = values_of(scenario)
    saved = sc.save_scenario(scenario, base, {"bear": {"utilization": 0.3}})
    written = scenario.path.read_text()
    assert saved.case_names() == ["base", "bear"]
    assert tomllib.loads(written)["other"] == {"x": 1}
    assert written.startswith(text[: text.index("\n[other]")])
    assert "[scenario.cases.bear]\nutilization = 0.3\n\n[other]" in written


def test_crlf_and_bom_survive(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode()
    scenario, problems = load(write(tmp_path, raw))
    assert scenario is not None and problems == []
    base, cases = values_of(scenario)
    base["horizon_years"] = 25
    sc.save_scenario(scenario, base, cases)
    assert scenario.path.read_bytes() == raw.replace(b"horizon_years = 20", b"horizon_years = 25")


def test_conflict_when_changed_or_deleted_on_disk(sample: sc.Scenario) -> None:
    base, cases = values_of(sample)
    base["capex_bn"] = 41.0
    theirs = SAMPLE.replace("bull", "rosy")
    sample.path.write_text(theirs)
    with pytest.raises(sc.ScenarioConflict) as caught:
        sc.save_scenario(sample, base, cases)
    assert caught.value.deleted is False
    assert sample.path.read_text() == theirs  # never silently overwritten
    sample.path.unlink()
    with pytest.raises(sc.ScenarioConflict) as caught:
        sc.save_scenario(sample, base, cases)
    assert caught.value.deleted is True
    saved = sc.save_scenario(sample, base, cases, force=True)  # the user chose to overwrite
    assert saved.base["capex_bn"] == 41.0 and "capex_bn = 41" in sample.path.read_text()


def test_atomic_write_leaves_only_the_file(sample: sc.Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    os.chmod(sample.path, 0o640)
    base, cases = values_of(sample)
    base["capex_bn"] = 41.0
    saved = sc.save_scenario(sample, base, cases)
    assert sorted(p.name for p in sample.path.parent.iterdir()) == ["aws-apec.toml"]
    assert sample.path.stat().st_mode & 0o777 == 0o640

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(sc.os, "replace", broken_replace)
    base["capex_bn"] = 42.0
    before = sample.path.read_bytes()
    with pytest.raises(OSError, match="disk full"):
        sc.save_scenario(saved, base, cases)
    assert sample.path.read_bytes() == before
    assert sorted(p.name for p in sample.path.parent.iterdir()) == ["aws-apec.toml"]


def test_save_as_writes_a_new_file_with_the_new_id(sample: sc.Scenario) -> None:
    base, cases = values_of(sample)
    base["capex_bn"] = 80.0
    target = sample.path.with_name("aws-apec-2x.toml")
    copy = sc.save_scenario_as(sample, base, cases, target)
    assert sample.path.read_text() == SAMPLE
    assert copy.id == "aws-apec-2x" and copy.problems == []
    assert target.read_text() == SAMPLE.replace('id = "aws-apec"', 'id = "aws-apec-2x"').replace(
        "capex_bn = 40 ", "capex_bn = 80 "
    )
    with pytest.raises(FileExistsError):
        sc.save_scenario_as(sample, base, cases, target)


def test_save_rejects_bad_edits(sample: sc.Scenario) -> None:
    base, cases = values_of(sample)
    with pytest.raises(ValueError):
        sc.save_scenario(sample, {**base, "id": "x"}, cases)
    with pytest.raises(ValueError):
        sc.save_scenario(sample, base, {**cases, "base": {}})
    with pytest.raises(TypeError):
        sc.save_scenario(sample, {**base, "capex_bn": object()}, cases)
    assert sample.path.read_text() == SAMPLE


# --- new files -----------------------------------------------------------------------------


def test_new_scenario_text_round_trips(tmp_path: Path) -> None:
    inputs = {name: value for name, value in tomllib.loads(SAMPLE)["scenario"].items() if name in roi.INPUTS}
    text = new_scenario_text(
        "msft-fy26",
        'Microsoft "FY26" [bold]\n',
        "MSFT",
        inputs,
        ["Prefilled from MSFT FY2025 capex: $64.6B", "bad\x1bcontrol\nsecond line"],
        quotes=["q1"],
        cases={"bear": {"utilization": 0.4}},
    )
    assert text.startswith("# Prefilled from MSFT FY2025 capex: $64.6B\n# bad control\n# second line\n")
    scenario = sc.create_scenario(tmp_path / "msft-fy26.toml", text)
    assert scenario.problems == []
    assert scenario.name == 'Microsoft "FY26" [bold]' and scenario.quotes == ["q1"]
    assert scenario.base == inputs and scenario.case_names() == ["base", "bear"]
    assert "capex_bn = 40  # Capex ($B)" in text
    with pytest.raises(FileExistsError):
        sc.create_scenario(tmp_path / "msft-fy26.toml", text)
