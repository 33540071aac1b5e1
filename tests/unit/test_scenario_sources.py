"""Quotes behind inputs and figures stated by the sources, read as data ([scenario.sources],
[scenario.expected]); `workbench check` verifies every quote id; the model against the sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.datakit import SCENARIO
from workbench.core.data.loader import load_dataset
from workbench.core.scenarios import files as sc
from workbench.core.scenarios.expected import compare, parse_range, steady_year

BUNDLED = Path(__file__).resolve().parents[2] / "data"

WITH_SOURCES = (
    SCENARIO
    + """
[scenario.cases.bear.sources]
utilization = ["under", "no-such-quote"]

[scenario.sources]
capex_bn = ["under"]
operating_profit_bn = ["under"]
not_an_input = ["under"]

[scenario.expected]
operating_profit_bn = [0.4, 0.6]
ebitda_bn = 1.6
revenue_bn = [1, 2]
operating_margin = [0.5, 0.1]
"""
)


def test_sources_and_expected_are_read_and_bad_ones_reported(make_data) -> None:
    data = make_data({"scenarios/demo.toml": WITH_SOURCES})
    ds = load_dataset(data)
    scenario = ds.scenarios["demo"]
    assert scenario.sources[("base", "capex_bn")] == ["under"]
    assert scenario.sources[("bear", "utilization")] == ["under", "no-such-quote"]
    assert scenario.expected == {"base": {"operating_profit_bn": (0.4, 0.6), "ebitda_bn": (1.6, 1.6)}}
    messages = [(p.line, p.message) for p in ds.problems]
    text = WITH_SOURCES.splitlines()
    line_of = {line: i + 1 for i, line in enumerate(text)}
    assert (
        line_of['utilization = ["under", "no-such-quote"]'],
        "scenario 'demo', case 'bear': sources.utilization: unknown quote 'no-such-quote'",
    ) in messages
    assert any(
        "'sources.not_an_input' names no input" in m and line == line_of['not_an_input = ["under"]']
        for line, m in messages
    )
    assert any("'expected.revenue_bn' is not a figure the model gives" in m for _, m in messages)
    assert any("'expected.operating_margin' must be a number or [low, high]" in m for _, m in messages)
    assert scenario.extra == {}  # sources / expected are not unknown keys


def test_the_bundled_scenarios_carry_their_quotes_as_data_and_check_clean() -> None:
    ds = load_dataset(BUNDLED)
    assert [p for p in ds.problems if "scenarios" in p.path] == []
    aws, msft = ds.scenarios["aws-apec"], ds.scenarios["msft-inference-shift"]
    assert aws.sources[("base", "capex_bn")] == ["amzn-apec-40b-14-countries"]
    assert aws.expected["base"]["operating_profit_bn"] == (2.4, 3.2)
    assert msft.sources[("base", "ebitda_margin")] == ["songfen-profit-in-applications"]
    for scenario in (aws, msft):
        for ids in scenario.sources.values():
            assert all(qid in ds.quotes for qid in ids)


def test_parse_range() -> None:
    assert parse_range([2.4, 3.2]) == (2.4, 3.2) and parse_range(0.4) == (0.4, 0.4) and parse_range([5]) == (5, 5)
    assert parse_range([3, 2]) is None and parse_range(True) is None and parse_range("2") is None


def test_aws_apec_operating_profit_against_the_articles_range() -> None:
    # 2029 (T = 1 + 3 − 1 = 3): revenue 12 × 0.75 = 9.0; EBITDA 9 × 0.55 = 4.95.
    # Depreciation: servers 40/3 × 0.55 = 7.33/yr over 6 yrs = 1.222 each for 3 vintages = 3.667;
    # facility 40/3 × 0.45 = 6/yr over 25 = 0.24 each × 3 = 0.72; total 4.387. EBIT 0.563.
    problems: list = []
    scenario = sc.load_scenario(BUNDLED / "scenarios" / "aws-apec.toml", problems)
    result = sc.evaluate_case(scenario, "base")
    assert steady_year(result.inputs) == 3
    c = compare(result, "operating_profit_bn", 2.4, 3.2)
    assert c.year == 2029 and c.model == pytest.approx(4.95 - 22 / 6 - 0.72)
    assert c.gap == pytest.approx(c.model - 2.4)
    levers = {lever.input: lever.needed for lever in c.levers}
    # EBIT = 9m − 4.3867 = 2.4 ⟺ m = 6.7867 / 9 = 75.41%
    assert levers["ebitda_margin"] == pytest.approx((2.4 + result.years[3].depreciation) / 9.0, rel=1e-9)
    # server depreciation 3 × 7.333 / L ≤ 9×0.55 − 0.72 − 2.4 = 1.83 ⟺ L ≥ 12.02 → 13 years
    assert levers["server_book_life_years"] == 13
    assert levers["utilization"] is None  # even 100% gives EBIT 12 × 0.55 − 4.39 = 2.21 < 2.4
    inside = compare(result, "revenue_steady_bn", 8.0, 10.0)
    assert inside.model == pytest.approx(9.0) and inside.gap == 0 and inside.levers == ()


def test_renaming_a_case_renames_its_sources_and_expected_tables(tmp_path: Path) -> None:
    from workbench.core.scenarios.editing import ScenarioDraft

    path = tmp_path / "aws-apec.toml"
    path.write_bytes((BUNDLED / "scenarios" / "aws-apec.toml").read_bytes())
    scenario = sc.load_scenario(path, [])
    draft = ScenarioDraft(scenario)
    draft.rename_case("bull", "faster_power")
    base, cases, renames = draft.save_arguments()
    problems: list = []
    saved = sc.save_scenario(scenario, base, cases, renames=renames, problems=problems)
    assert problems == [] and saved.case_names() == ["base", "bear", "faster_power"]  # no phantom "bull"
    assert saved.sources[("faster_power", "revenue_bn")] == ["apec-bull-case-5-6b"]
    assert saved.expected["faster_power"] == {"operating_profit_bn": (5.0, 6.0)}
    assert "[scenario.cases.faster_power.sources]" in path.read_text(encoding="utf-8")


def test_against_reality_places_reported_fiscal_years_beside_the_models_years() -> None:
    from workbench.core.scenarios.reality import against_reality, latest_reported

    ds = load_dataset(BUNDLED)
    scenario = ds.scenarios["msft-inference-shift"]
    result = sc.evaluate_case(scenario)
    rows = {row.year: row for row in against_reality(ds, "MSFT", result)}
    # Microsoft's FY2025 ends 2025-06-30: calendar 2025, beside the model's year 0 ($10B).
    fy2025 = next(c for c in ds.capex if c.ticker == "MSFT" and c.fiscal_period == "FY2025"
                  and c.kind == "actual" and c.basis == "cash")  # fmt: skip
    assert rows[2025].capex is not None and rows[2025].capex.value_bn == fy2025.value_bn
    assert rows[2025].capex.fiscal_period == "FY2025" and rows[2025].model_capex == 10.0
    assert rows[2022].model_capex is None  # before the scenario: reported only
    assert rows[2030].capex is None  # not reported yet: missing, never 0
    # Cloud revenue from financials.csv, one segment throughout, placed like capex.
    segments = {row.cloud_revenue.detail for row in rows.values() if row.cloud_revenue is not None}
    assert len(segments) <= 1
    capex, cloud = latest_reported(ds, "MSFT")
    assert capex is not None and capex.fiscal_period == "FY2025"
    if cloud is not None:
        figure = next(f for f in ds.financials if f.ticker == "MSFT" and f.metric == "cloud_revenue"
                      and f.kind == "actual" and f.fiscal_period == cloud.fiscal_period and f.segment == cloud.detail)  # fmt: skip
        assert cloud.value_bn == figure.value_bn


def test_new_inputs_are_validated_in_files_and_in_the_form(make_data) -> None:
    from workbench.core.scenarios.editing import ScenarioDraft

    text = SCENARIO.replace("horizon_years = 10", "horizon_years = 10\nterminal_growth = 0.08\nrevenue_growth = -1.5")
    data = make_data({"scenarios/demo.toml": text})
    ds = load_dataset(data)
    messages = [p.message for p in ds.problems]
    assert any("'terminal_growth' must be below the discount rate (8%), got 8%" in m for m in messages)
    assert any("'revenue_growth' must be a number between -0.99 and 1" in m for m in messages)

    draft = ScenarioDraft(sc.load_scenario(data / "scenarios" / "demo.toml", []))
    draft.set_text("base", "revenue_growth", "-2%")
    assert draft.error("base", "revenue_growth") is None
    assert "below the discount rate" in draft.error("base", "terminal_growth")
    assert draft.outcome("base").result is None  # the results say the case is invalid
    draft.set_text("base", "terminal_growth", "")  # an optional input left empty: no terminal value
    assert draft.error("base", "terminal_growth") is None
    assert draft.outcome("base").result.terminal_value is None
    draft.set_text("base", "server_book_life_years", "")  # = the server life
    assert draft.outcome("base").result.inputs.book_life == 5
