"""Scenario results and year tables for export: raw rows (CSV/JSON) and Markdown, hand-checked."""

from __future__ import annotations

import csv
import json

import pytest

from workbench.core.output.export import ExportError, export_rows
from workbench.core.roi import model as roi
from workbench.core.scenarios import export as sx
from workbench.core.scenarios.editing import CaseOutcome

# $10B of facility in year 0 (life 10), $4B revenue from year 0 at 50% margin, no tax, no
# discounting, 6 years. FCF: −8, 2, 2, 2, 2, 2 → cumulative −8, −6, −4, −2, 0, 2.
PLAIN = dict(
    start_year=2025,
    capex_bn=10.0,
    build_years=1,
    server_share=0.0,
    server_life_years=5,
    facility_life_years=10,
    refresh_servers=False,
    delay_years=0,
    ramp_years=1,
    revenue_bn=4.0,
    utilization=1.0,
    ebitda_margin=0.5,
    tax_rate=0.0,
    discount_rate=0.0,
    horizon_years=6,
)


def outcome(name: str, **changes) -> CaseOutcome:
    inputs, errors = roi.parse_inputs({**PLAIN, **changes})
    assert inputs is not None, errors
    return CaseOutcome(name, roi.evaluate(inputs), {}, ())


def invalid(name: str) -> CaseOutcome:
    return CaseOutcome(name, None, {"utilization": "must be between 0 and 1"}, ())


def test_results_rows_carry_raw_numbers_under_the_roi_json_names():
    rows = sx.results_rows("plain", [outcome("base"), outcome("bear", utilization=0.5)])
    base, bear = rows
    assert list(base) == [c for c in sx.RESULT_COLUMNS if c in base]  # the documented order
    assert base["id"] == "plain" and base["case"] == "base"
    assert base["npv_bn"] == pytest.approx(2.0)  # −8 + 5 × 2, undiscounted
    assert base["payback_years"] == pytest.approx(5.0)  # cumulative reaches 0 at the end of year 4
    # NPV(u) = 5 × 2u + 2u − 10 = 12u − 10 → zero at u = 10/12
    assert base["breakeven_utilization"] == pytest.approx(10 / 12)
    assert base["total_capex_bn"] == 10.0 and base["peak_need_bn"] == -8.0
    assert base["irr_ambiguous"] is False
    assert base["utilization"] == 1.0 and base["horizon_years"] == 6 and base["invalid"] == ""
    # bear: FCF −9, 1 × 5 → NPV −4, never pays back
    assert bear["npv_bn"] == pytest.approx(-4.0) and bear["payback_years"] is None
    assert bear["utilization"] == 0.5


def test_an_invalid_case_is_listed_with_its_reason_and_no_numbers():
    rows = sx.results_rows("plain", [outcome("base"), invalid("broken")])
    assert rows[1] == {"id": "plain", "case": "broken", "invalid": "utilization: must be between 0 and 1"}


def test_year_rows_match_the_year_table():
    rows = sx.year_rows("plain", "base", outcome("base").result)
    assert [r["year"] for r in rows] == [2025, 2026, 2027, 2028, 2029, 2030]
    assert rows[0] == {
        "id": "plain",
        "case": "base",
        "year": 2025,
        "capex": 10.0,
        "revenue": 4.0,
        "ebitda": 2.0,
        "depreciation": 0.0,
        "ebit": 2.0,
        "tax": 0.0,
        "fcf": -8.0,
        "cumulative_fcf": -8.0,
    }
    assert [r["cumulative_fcf"] for r in rows] == pytest.approx([-8, -6, -4, -2, 0, 2])
    assert tuple(rows[0]) == sx.YEAR_COLUMNS


def test_results_markdown_reads_like_the_screen():
    text = sx.results_markdown(
        "Plain build", "plain", [outcome("base"), outcome("bear", utilization=0.5), invalid("broken")]
    )
    lines = text.splitlines()
    assert lines[0] == "# Plain build — results"
    assert "| Case | NPV $B | IRR | Payback | Break-even util. | Capex $B | Peak need $B |" in lines
    assert "|:---|---:|---:|---:|---:|---:|---:|" in lines
    base = next(line for line in lines if line.startswith("| base |"))
    assert base.startswith("| base | +2.00 | 7.9% | 5.0 yrs | 83.3% | 10.00 | -8.00 |")  # IRR of −8, 2×5 ≈ 7.93%
    assert "| bear | -4.00 |" in text and "> 6 yrs" in text
    assert "| broken | invalid | utilization: must be between 0 and 1 |" in text
    assert "## Inputs" in text and "| Utilization | % | 100% | 50% |" in text


def test_years_markdown_has_every_year_and_the_headline():
    text = sx.years_markdown("Plain build", "plain", "base", outcome("base").result)
    assert "# Plain build — years of case base" in text
    assert "| 2025 | 10.00 | 4.00 | 2.00 | 0.00 | 2.00 | 0.00 | -8.00 | -8.00 |" in text
    assert "| 2030 | 0.00 | 4.00 | 2.00 | 1.00 | 1.00 | 0.00 | 2.00 | 2.00 |" in text
    assert text.rstrip().endswith("NPV +2.00 · IRR 7.9% · payback 5.0 yrs.")


@pytest.mark.parametrize("hostile", ["a|b", "[bold]x[/]", "`code`", "# heading", "line\nbreak", "<b>*x*</b>"])
def test_names_from_files_stay_text_in_markdown(hostile):
    text = sx.results_markdown(hostile, hostile, [outcome(hostile)])
    table_row = next(line for line in text.splitlines() if line.startswith("| ") and "+2.00" in line)
    assert table_row.count(" | ") == 6  # no extra columns from a | in the name
    assert "\n\n# " not in text and text.count("\n# ") == 0  # the only heading is the first line
    assert "<b>" not in text and "[bold]" not in text and "`code`" not in text


def test_export_rows_writes_markdown_only_when_offered(tmp_path):
    rows = sx.results_rows("plain", [outcome("base")])
    written = export_rows(tmp_path / "r.md", rows, sx.RESULT_COLUMNS, markdown=lambda: "# hello\n")
    assert written.read_text() == "# hello\n"
    with pytest.raises(ExportError, match=r"\.csv or \.json"):
        export_rows(tmp_path / "r.md", rows)
    with pytest.raises(ExportError, match=r"\.csv, \.json or \.md"):
        export_rows(tmp_path / "r.txt", rows, markdown=lambda: "")
    export_rows(tmp_path / "r.csv", rows, sx.RESULT_COLUMNS, markdown=lambda: "unused")
    with open(tmp_path / "r.csv", newline="") as handle:
        record = next(csv.DictReader(handle))
    assert tuple(record) == sx.RESULT_COLUMNS and float(record["npv_bn"]) == pytest.approx(2.0)
    export_rows(tmp_path / "r.json", rows, sx.RESULT_COLUMNS)
    assert json.loads((tmp_path / "r.json").read_text())[0]["payback_years"] == pytest.approx(5.0)
