"""`workbench check` and problem severities: errors fail, warnings only with --strict; --json."""

from __future__ import annotations

import json

from tests.datakit import CAPEX
from workbench.cli import main
from workbench.core.data.problems import Problem

# A figure from the local document `doc` that names no quote: kept, with a warning.
NO_QUOTE = CAPEX.replace(",cn,", ",,")


def test_a_warning_prints_its_severity_after_the_place():
    assert str(Problem("capex.csv", 4, "x")) == "capex.csv:4: x"
    assert str(Problem("capex.csv", 4, "x", "warning")) == "capex.csv:4: warning: x"


def test_check_exits_0_with_only_warnings_and_1_with_strict(make_data, capsys):
    root = make_data({"capex.csv": NO_QUOTE})
    assert main(["check", "--data", str(root)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{root}/capex.csv:4: warning: capex AMZN FY2024Q1: a figure from document 'doc' names no 'quote' to open it at"
    ]
    assert "0 error(s), 1 warning(s)" in err
    assert main(["check", "--strict", "--data", str(root)]) == 1


def test_check_exits_1_on_errors(make_data, capsys):
    root = make_data({"capex.csv": CAPEX.replace("44.48", "lots")})
    assert main(["check", "--data", str(root)]) == 1
    assert "1 error(s), 0 warning(s)" in capsys.readouterr().err


def test_check_json_lists_every_problem_with_its_severity(make_data, capsys):
    root = make_data({"capex.csv": NO_QUOTE.replace("44.48", "lots")})
    assert main(["check", "--json", "--data", str(root)]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [(r["path"], r["line"], r["severity"]) for r in rows] == [
        (str(root / "capex.csv"), 2, "error"),
        (str(root / "capex.csv"), 4, "warning"),
    ]
    assert all(set(r) == {"path", "line", "severity", "message"} for r in rows)


def test_check_json_is_an_empty_list_on_clean_data(make_data, capsys):
    assert main(["check", "--json", "--data", str(make_data())]) == 0
    assert json.loads(capsys.readouterr().out) == []
