"""Figures imported from an SEC companyfacts file, as the app shows them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.datakit import BUNDLED
from tests.ui.helpers import QuietApp, settle
from workbench.cli import main
from workbench.ui.dialogs.source import SourceDialog
from workbench.ui.widgets.capex_list import CompanyList
from workbench.ui.widgets.capex_tables import PeriodTable

REPO = Path(__file__).resolve().parents[2]
APPLE = next(
    (base / "shared" / "sec" / "CIK0000320193.json" for base in (REPO.parent, REPO.parent.parent)
     if (base / "shared" / "sec" / "CIK0000320193.json").is_file()),
    None,
)  # fmt: skip


@pytest.fixture
def imported(tmp_path, capsys) -> Path:
    if APPLE is None:
        pytest.skip("the real SEC file CIK0000320193.json is not in ../shared/sec")
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root)
    assert main(["import", "sec", str(APPLE), "--data", str(root), "--write"]) == 0
    capsys.readouterr()
    return root


async def test_enter_on_a_derived_quarter_shows_its_filing_and_derivation(imported):
    app = QuietApp(imported)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        company_list = app.screen.query_one(CompanyList)
        company_list.focus()
        company_list.cursor = [r.ticker for r in company_list.rows].index("AAPL")
        await pilot.press("enter", "a")
        await settle(pilot)
        table = app.screen.query_one(PeriodTable)
        table.focus()
        # FY2023Q4: before the bundled Apple quarters (FY2024Q1 on), so the import added it
        row = next(i for i, f in enumerate(table.items) if f is not None and f.fiscal_period == "FY2023Q4")
        table.move_cursor(row=row)
        await pilot.pause()
        assert table.current.value_bn == 2.163 and table.current.source == "sec-0000320193-25-000079"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceDialog)
        body = str(app.screen.query_one("#source-body").render())
        assert "Form      10-K" in body and "Accession 0000320193-25-000079" in body and "2025-10-31" in body
        assert "https://www.sec.gov/Archives/edgar/data/320193/000032019325000079/" in body
        assert "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment" in body
        assert "derived: FY − 9M = 10.959 − 8.796" in body
