"""Exporting tables: raw values to CSV or JSON by extension, written atomically."""

from __future__ import annotations

import csv
import json
import os
from datetime import date

import pytest

from workbench.core.output import export
from workbench.core.output.export import ExportError, export_rows

ROWS = [
    {"ticker": "META", "capex_bn": 72.22, "yoy": 0.8408, "said_on": date(2025, 10, 29), "note": 'a, "b"\nc'},
    {"ticker": "CRWV", "capex_bn": None, "yoy": float("nan"), "said_on": None, "note": "[bold]x[/]"},
]


def test_csv_keeps_raw_numbers_and_reads_back(tmp_path):
    path = export_rows(tmp_path / "out.csv", ROWS)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0] == {
        "ticker": "META",
        "capex_bn": "72.22",
        "yoy": "0.8408",
        "said_on": "2025-10-29",
        "note": 'a, "b"\nc',
    }
    assert rows[1]["capex_bn"] == "" and rows[1]["yoy"] == "" and rows[1]["note"] == "[bold]x[/]"


def test_json_keeps_types(tmp_path):
    path = export_rows(tmp_path / "OUT.JSON", ROWS, columns=["ticker", "capex_bn", "yoy", "said_on"])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == [
        {"ticker": "META", "capex_bn": 72.22, "yoy": 0.8408, "said_on": "2025-10-29"},
        {"ticker": "CRWV", "capex_bn": None, "yoy": None, "said_on": None},
    ]


def test_empty_table_still_writes_a_header(tmp_path):
    path = export_rows(tmp_path / "e.csv", [], columns=["a", "b"])
    assert path.read_text() == "a,b\n"
    assert json.loads(export_rows(tmp_path / "e.json", []).read_text()) == []


@pytest.mark.parametrize(
    "name, message",
    [
        ("out.txt", ".csv or .json"),
        ("out", ".csv or .json"),
        ("missing/out.csv", "does not exist"),
        ("", "file name"),
    ],
)
def test_bad_paths_explain_themselves(tmp_path, name, message):
    with pytest.raises(ExportError, match=message):
        export_rows(tmp_path / name if name else "  ", ROWS)
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(ExportError, match="folder"):
        export_rows(tmp_path / "d.csv", ROWS)


def test_tilde_expands(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert export_rows("~/x.json", ROWS) == (tmp_path / "x.json").resolve()


def test_replacing_is_atomic_and_keeps_the_mode(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    export_rows(target, ROWS)
    assert target.read_text().startswith("ticker,")
    assert target.stat().st_mode & 0o777 == 0o640

    # A failure half-way leaves the old file and no temp file behind.
    def boom(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "replace", boom)
    with pytest.raises(ExportError, match="No space left"):
        export_rows(target, [{"ticker": "new"}])
    assert target.read_text().startswith("ticker,capex_bn")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_new_files_follow_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        path = export_rows(tmp_path / "n.csv", ROWS)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o640
