"""scripts/import_reference.py: the bundled data is what it makes of the reference set, and a
second run changes nothing. Skipped where the reference set is not at hand."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.datakit import ROOT

REFERENCE = ROOT.parent / "shared" / "reference"
if not (REFERENCE / "financials.csv").is_file():
    REFERENCE = Path("/work/shared/reference")

pytestmark = pytest.mark.skipif(not (REFERENCE / "financials.csv").is_file(), reason="reference set not at hand")

FILES = ("financials.csv", "capex.csv", "sources.toml")


def _script():
    spec = importlib.util.spec_from_file_location("import_reference", ROOT / "scripts" / "import_reference.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_running_the_import_on_the_bundled_data_changes_nothing(bundled_copy, capsys):
    before = {name: (bundled_copy / name).read_bytes() for name in FILES}
    assert _script().main([str(REFERENCE), "--data", str(bundled_copy)]) == 0
    assert "wrote" not in capsys.readouterr().out
    assert {name: (bundled_copy / name).read_bytes() for name in FILES} == before


def test_the_import_rebuilds_financials_from_nothing(bundled_copy):
    expected = (bundled_copy / "financials.csv").read_bytes()
    (bundled_copy / "financials.csv").unlink()
    _script().main([str(REFERENCE), "--data", str(bundled_copy)])
    assert (bundled_copy / "financials.csv").read_bytes() == expected


def test_fiscal_labels_and_period_ends():
    script = _script()
    assert script.fiscal_label("MSFT", "FY26 Q3") == ("FY2026Q3", date(2026, 3, 31))
    assert script.fiscal_label("AAPL", "FY26 Q2 (quarter ended 2026-03-28)") == ("FY2026Q2", date(2026, 3, 28))
    assert script.fiscal_label("NVDA", "FY2026 (annual, ended 2026-01-25)") == ("FY2026", date(2026, 1, 25))
    assert script.fiscal_label("GOOGL", "2026 Q1") == ("FY2026Q1", date(2026, 3, 31))
    with pytest.raises(ValueError, match="calendar period"):
        script.fiscal_label("MSFT", "2026 Q1")  # Microsoft's year is not the calendar year
