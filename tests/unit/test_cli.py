"""The headless commands, run as a user would run them."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.datakit import BUNDLED, CAPEX


def workbench(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_check_is_clean_on_the_bundled_data():
    result = workbench("check", "--data", str(BUNDLED))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "no problems" in result.stderr


def test_check_lists_every_planted_problem_without_a_traceback(make_data):
    capex = CAPEX.replace("44.48", "lots").replace("2024-03-31", "yesterday")
    root = make_data({"capex.csv": capex, "quotes.toml": "[[quote]\n", "sources/doc.txt": "x".encode("gbk") + b"\xff"})
    result = workbench("check", "--data", "data", cwd=root.parent)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("data/capex.csv:2: ") and "'lots'" in line for line in lines), lines
    assert any(line.startswith("data/capex.csv:3: ") and "'yesterday'" in line for line in lines), lines
    assert any(line.startswith("data/quotes.toml:1: TOML syntax error") for line in lines), lines
    assert any(line.startswith("data/sources/doc.txt:1: file is not valid UTF-8") for line in lines), lines
    assert "Traceback" not in result.stderr


def test_roi_prints_the_contract_json():
    result = workbench("roi", "aws-apec", "--case", "bull", "--data", str(BUNDLED), "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {
        "id", "case", "npv_bn", "irr", "irrs", "mirr", "payback_years", "breakeven_utilization",
        "terminal_value_bn", "years",
    }  # fmt: skip
    assert payload["id"] == "aws-apec" and payload["case"] == "bull"
    assert set(payload["years"][0]) == {
        "year",
        "capex",
        "revenue",
        "ebitda",
        "depreciation",
        "ebit",
        "tax",
        "fcf",
        "cumulative_fcf",
    }
    every_case = json.loads(workbench("roi", "aws-apec", "--data", str(BUNDLED), "--json").stdout)
    assert [c["case"] for c in every_case][0] == "base" and {"bear", "bull"} <= {c["case"] for c in every_case}


def test_roi_reports_unknown_scenarios_and_cases():
    result = workbench("roi", "nope", "--data", str(BUNDLED), "--json")
    assert result.returncode == 1 and "no such scenario 'nope'" in result.stderr
    result = workbench("roi", "aws-apec", "--case", "sideways", "--data", str(BUNDLED), "--json")
    assert result.returncode == 1 and "has no case 'sideways'" in result.stderr


def test_search_json_matches_a_plain_scan_of_the_files():
    term = "算力"
    result = workbench("search", term, "--data", str(BUNDLED), "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    expected = []
    import tomllib

    sources = tomllib.loads((BUNDLED / "sources.toml").read_text("utf-8"))["source"]
    for source in sources:
        if "file" not in source:
            continue
        text = (BUNDLED / "sources" / source["file"]).read_text("utf-8").replace("\r\n", "\n")
        for number, line in enumerate(text.split("\n"), start=1):
            start = line.find(term)
            while start >= 0:
                expected.append((source["id"], number, start + 1))
                start = line.find(term, start + 1)
    assert [(h["source"], h["line"], h["column"]) for h in hits] == expected
    assert len(expected) > 10
    assert all(term in h["snippet"] for h in hits)


def test_search_finds_both_chinese_scripts_and_marks_translation_hits():
    simplified = json.loads(workbench("search", "资本支出", "--data", str(BUNDLED), "--json").stdout)
    traditional = json.loads(workbench("search", "資本支出", "--data", str(BUNDLED), "--json").stdout)
    assert simplified == traditional
    # The Taiwanese blog writes 資本支出, the mainland transcripts 资本支出: one search finds both.
    assert {"msft-compute-cuts-inference", "amzn-2024q1-call-qa"} <= {h["source"] for h in simplified}
    kitchen = json.loads(workbench("search", "kitchen", "--data", str(BUNDLED), "--json").stdout)
    assert kitchen and all(h["field"] == "translation" and h["quote"] for h in kitchen)
    assert "kitchen" in kitchen[0]["snippet"]


def test_data_before_or_after_the_command_is_the_directory_used(make_data):
    broken = make_data({"companies.toml": "[[company]]\nticker = 1\n"})
    for args in (["--data", str(broken), "check"], ["check", "--data", str(broken)]):
        result = workbench(*args)
        assert result.returncode == 1 and str(broken) in result.stdout + result.stderr
