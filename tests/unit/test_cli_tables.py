"""`workbench capex | financials | deals | payback (--json | --csv)`: the screens' tables for scripts."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.datakit import HOSTILE
from tests.paybackkit import payback_data, with_financials
from workbench.cli import main
from workbench.core.output.export import render


@pytest.fixture
def data(make_data, monkeypatch):
    return payback_data(make_data, monkeypatch)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_payback_json_gives_the_screen_numbers(data, capsys):
    code, out, _ = run(capsys, "payback", "--ticker", "MSFT", "--data", str(data), "--json")
    assert code == 0
    rows = json.loads(out)
    fy25 = next(r for r in rows if r["fiscal_period"] == "FY2025")
    assert fy25["capex"] == 64.551 and fy25["revenue"] == 281.724
    assert fy25["fcf"] == 71.611 and fy25["fcf_after_leases"] == 69.328  # no float noise
    assert fy25["capex_intensity"] == 0.229129  # 22.9%, six decimals at most
    assert fy25["cloud_revenue"] == 106.265 and fy25["rpo"] == 368
    assert fy25["basis"] == "cash" and fy25["period_end"] == "2025-06-30" and fy25["period"] == "annual"
    assert {r["ticker"] for r in rows} == {"MSFT"}
    fy24 = next(r for r in rows if r["fiscal_period"] == "FY2024")
    assert fy24["cloud_yoy"] is None
    assert "cloud_yoy: no cloud revenue (Intelligent Cloud) for FY2023" in fy24["missing"]


def test_payback_ttm_and_years(data, capsys):
    code, out, _ = run(capsys, "payback", "--ticker", "GOOGL", "--ttm", "--data", str(data), "--json")
    ttm = {r["fiscal_period"]: r for r in json.loads(out)}
    assert code == 0 and ttm["FY2026Q1"]["capex"] == 109.92 and ttm["FY2026Q1"]["period"] == "ttm"
    code, out, _ = run(capsys, "payback", "--years", "--data", str(data), "--csv")
    years = {r["calendar_year"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0 and years["2025"]["capex"] == "357.521" and years["2025"]["cloud_tickers"] == "AMZN;GOOGL;MSFT"


def test_capex_and_financials_keep_the_data_files_columns(data, capsys):
    code, out, _ = run(capsys, "capex", "--ticker", "amzn", "--data", str(data), "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and out.splitlines()[0] == (
        "ticker,fiscal_period,period_end,kind,value_bn,low_bn,high_bn,basis,source,said_on,quote,note"
    )
    assert [(r["fiscal_period"], r["value_bn"], r["basis"]) for r in rows][-1] == ("FY2025", "131.82", "cash")
    code, out, _ = run(capsys, "financials", "--ticker", "MSFT", "--data", str(data), "--json")
    rows = json.loads(out)
    assert code == 0 and all(r["ticker"] == "MSFT" for r in rows) and len(rows) == 25
    assert {"metric", "segment", "period_end", "value_bn"} <= set(rows[0])


def test_deals_and_unknown_tickers(data, capsys):
    code, out, _ = run(capsys, "deals", "--ticker", "anthropic", "--data", str(data), "--json")
    assert code == 0 and len(json.loads(out)) == 2
    code, out, err = run(capsys, "payback", "--ticker", "NOPE", "--data", str(data), "--json")
    assert code == 1 and out == "" and "no company NOPE" in err
    with pytest.raises(SystemExit):
        main(["capex", "--data", str(data)])  # --json or --csv is required


def test_hostile_cells_never_reach_the_terminal_as_escapes(make_data, capsys):
    note = HOSTILE[3].replace(",", " ")
    root = make_data(
        {
            "capex.csv": "ticker,fiscal_period,period_end,kind,value_bn,basis,source,note\n"
            f'MSFT,FY2024,2024-06-30,actual,44.48,cash,web,"{note}"\n'
        }
    )
    for fmt in ("--csv", "--json"):
        code, out, _ = run(capsys, "capex", "--data", str(root), fmt)
        assert code == 0 and "\x1b" not in out and "\x07" not in out


def test_one_formatter_for_exports_and_the_command_line():
    assert render([{"x": 0.1 + 0.2, "y": 131.82000000000002, "z": -1e-9}], "csv") == "x,y,z\n0.3,131.82,0.0\n"
    assert json.loads(render([{"x": 0.1 + 0.2}], "json")) == [{"x": 0.3}]


def test_extra_columns_of_the_data_files_are_kept(make_data, monkeypatch, capsys):
    with_financials(monkeypatch)
    root = make_data(
        {
            "capex.csv": "ticker,fiscal_period,period_end,kind,value_bn,basis,source,confidence\n"
            "MSFT,FY2024,2024-06-30,actual,44.477,cash,web,high\n"
        }
    )
    code, out, _ = run(capsys, "capex", "--data", str(root), "--csv")
    assert code == 0 and out.splitlines()[0].endswith(",note,confidence") and out.splitlines()[1].endswith(",high")
