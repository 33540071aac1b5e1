"""Hostile text leaving the program through each writer: shown, never obeyed."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from tests.datakit import DOC, SCENARIO
from workbench.core.output.export import export_rows
from workbench.core.output.literal import csv_cell, json_text, printable
from workbench.core.scenarios.export import md_text

ESC_CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"  # OSC 52: writes the clipboard
ESC_TITLE = "\x1b]0;pwned\x07"
CSI = "\x1b[2J\x1b[31m"
BIDI = "\u202eevil\u202c \u2066iso\u2069 \u200f"
HOSTILE = f"{ESC_CLIPBOARD}{ESC_TITLE}{CSI}{BIDI}\x9b1m\x00\x7f\r"
# What must never reach a terminal or a file raw (tab and newline are fine).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def test_printable_shows_every_control_and_bidi_character():
    shown = printable(HOSTILE, one_line=True)
    assert not RAW.search(shown)
    assert "␛]52;c;" in shown and "<U+202E>" in shown and "<U+2066>" in shown and "␀" in shown and "␡" in shown


@given(st.text())
def test_json_text_is_exact_and_inert(text):
    written = json_text({"k": text, "list": [text]}, indent=1)
    assert json.loads(written) == {"k": text, "list": [text]}
    assert not RAW.search(written)


def test_json_text_keeps_chinese_readable():
    assert json_text("资本支出\u202e") == '"资本支出\\u202e"'


def test_csv_cells_that_would_run_as_formulas_get_an_apostrophe():
    for formula in ('=HYPERLINK("http://x","y")', "@SUM(A1)", "+1+1", "-2+3", "\t=1", "\r=1", "＝1"):
        assert csv_cell(formula).startswith("'"), formula
    assert csv_cell("Amazon") == "Amazon" and csv_cell("a=b") == "a=b"
    assert csv_cell("a\nb\tc") == "a\nb\tc"  # layout characters a CSV cell may hold
    assert not RAW.search(csv_cell(HOSTILE).replace("\t", "").replace("\n", ""))


def test_csv_export_neutralises_text_and_keeps_numbers(tmp_path):
    rows = [
        {
            "party": '=HYPERLINK("http://evil","click")',
            "note": HOSTILE,
            "npv_bn": -12.5,
            "year": -1,
            "tags": ["@a", "b"],
        }
    ]
    path = export_rows(tmp_path / "out.csv", rows)
    text = path.read_text(encoding="utf-8")
    assert not RAW.search(text.replace("\n", ""))
    row = next(csv.DictReader(text.splitlines()))
    assert row["party"].startswith("'=") and row["tags"] == "'@a;b"
    assert row["npv_bn"] == "-12.5" and row["year"] == "-1"  # numbers stay numbers


def test_json_and_markdown_exports_escape_control_and_bidi(tmp_path):
    rows = [{"party": HOSTILE, "npv_bn": -1.0}]
    path = export_rows(tmp_path / "out.json", rows)
    text = path.read_text(encoding="utf-8")
    assert not RAW.search(text) and json.loads(text) == [{"party": HOSTILE, "npv_bn": -1.0}]
    md = export_rows(tmp_path / "out.md", rows, markdown=lambda: f"# {md_text(HOSTILE)}\n\n| x |\n")
    assert not RAW.search(md.read_text(encoding="utf-8").replace("\n", ""))
    assert "␛" in md_text(HOSTILE)


def _workbench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True, timeout=120)


def test_check_search_and_roi_print_no_terminal_escapes(make_data):
    hostile_doc = DOC + f"underinvest {BIDI} {HOSTILE} tail\n"
    scenario = SCENARIO.replace('name = "Demo"', 'name = "Demo"').replace(
        "[scenario.cases.bear]", f'[scenario.cases."bear{BIDI}\\u001b]0;x\\u0007"]'
    )
    root = make_data(
        {
            "sources/doc.txt": hostile_doc,
            "scenarios/demo.toml": scenario,
            f"sources/{ESC_TITLE}.txt": "x",
            "capex.csv": "ticker\n" + HOSTILE + "\n",
        }
    )
    outputs = [
        _workbench("check", "--data", str(root)),
        _workbench("search", "underinvest", "--data", str(root)),
        _workbench("search", "underinvest", "--json", "--data", str(root)),
        _workbench("roi", "demo", "--json", "--data", str(root)),
        _workbench("roi", "demo", "--case", HOSTILE.replace("\x00", ""), "--data", str(root)),
    ]
    for result in outputs:
        assert "Traceback" not in result.stderr, result.stderr
        assert not RAW.search(result.stdout.replace("\n", "")), result.args
        assert not RAW.search(result.stderr.replace("\n", "")), result.args
    assert "␛" in outputs[1].stdout and "<U+202E>" in outputs[1].stdout
    hits = json.loads(outputs[2].stdout)
    assert any(HOSTILE in hit["snippet"] or "\u202e" in hit["snippet"] for hit in hits)  # exact once parsed
    cases = [case["case"] for case in json.loads(outputs[3].stdout)]
    assert any("\u202e" in case for case in cases)


@given(st.text())
def test_no_text_leaves_as_a_formula_or_a_raw_escape(text):
    cell = csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not RAW.search(cell.replace("\t", "").replace("\n", ""))
    assert not RAW.search(printable(text, one_line=True)) and "\n" not in printable(text, one_line=True)
