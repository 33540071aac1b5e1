"""`workbench import sec`: real SEC companyfacts files into a data directory, figures checked by hand.

The real files live in ../shared/sec (beside the repository, or beside its worktree folder); every
test that needs one is skipped with the reason when they are absent. Each file is parsed once per
module.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.datakit import BUNDLED
from workbench.cli import main
from workbench.core.data.loader import load_dataset
from workbench.core.sec.existing import read_state
from workbench.core.sec.parse import METRICS, SecFileError, companyfacts, read_companyfacts
from workbench.core.sec.periods import fiscal_label, infer_fiscal_year_end, metric_figures, span
from workbench.core.sec.plan import billions, plan_import

REPO = Path(__file__).resolve().parents[2]


def _shared(name: str) -> Path | None:
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / name).is_dir():
            return base / "shared" / name
    return None


SEC = _shared("sec")
REFERENCE = _shared("reference")
APPLE, APPLE_OLD, ALPHABET, TSMC = (
    "CIK0000320193.json",
    "CIK0000320193.2026-03.json",
    "CIK0001652044.json",
    "CIK0001046179.json",
)


def sec_file(name: str) -> Path:
    if SEC is None or not (SEC / name).is_file():
        pytest.skip(f"the real SEC file {name} is not in ../shared/sec")
    return SEC / name


@pytest.fixture(scope="module")
def parsed():
    """Each real file parsed once for the module."""
    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = read_companyfacts(sec_file(name))
        return cache[name]

    return get


def figures(facts, metric: str, fy_end: int):
    spec = next(m for m in METRICS if m.name == metric)
    made, _ = metric_figures(spec, facts.facts, fy_end)
    return {f.label: f for f in made}


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the bundled data to import into."""
    root = tmp_path / "data"
    shutil.copytree(BUNDLED, root, ignore=shutil.ignore_patterns("scenarios"))
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.is_file()}


def errors(ds) -> list:
    """The problems that are errors: warnings (an old quarter 10× below today's, say) may be real."""
    return [p for p in ds.problems if getattr(p, "severity", "error") != "warning" and ": warning: " not in str(p)]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", "sec", *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- periods -------------------------------------------------------------------------------


def test_periods_are_told_apart_by_their_length_alone():
    assert span(date(2025, 9, 28), date(2025, 12, 27)) == "Q"
    assert span(date(2025, 9, 28), date(2026, 3, 28)) == "6M"
    assert span(date(2025, 1, 1), date(2025, 9, 30)) == "9M"
    assert span(date(2024, 9, 29), date(2025, 9, 27)) == "FY"
    assert span(date(2022, 9, 25), date(2023, 9, 30)) == "FY"  # a 53-week year
    assert span(date(2025, 1, 1), date(2025, 1, 31)) is None


def test_fiscal_labels_come_from_the_period_end_and_the_fiscal_year_end():
    assert fiscal_label(date(2026, 3, 28), 9, annual=False) == "FY2026Q2"  # Apple: last Saturday of March
    assert fiscal_label(date(2023, 9, 30), 9, annual=True) == "FY2023"
    assert fiscal_label(date(2022, 9, 24), 9, annual=True) == "FY2022"
    assert fiscal_label(date(2025, 1, 26), 1, annual=True) == "FY2025"  # NVIDIA: late January
    assert fiscal_label(date(2025, 3, 31), 12, annual=False) == "FY2025Q1"
    assert fiscal_label(date(2025, 2, 15), 12, annual=False) is None


def test_the_fiscal_year_end_is_inferred_from_the_10k_years(parsed):
    facts = parsed(APPLE)
    assert infer_fiscal_year_end(f for group in facts.facts.values() for f in group) == 9
    facts = parsed(ALPHABET)
    assert infer_fiscal_year_end(f for group in facts.facts.values() for f in group) == 12


# --- the figures the issue names ---------------------------------------------------------------


def test_apple_fy2026_q2_capex_is_derived_from_the_six_months_less_q1(parsed):
    q2 = figures(parsed(APPLE), "capex", 9)["FY2026Q2"]
    assert billions(q2.value) == "1.971"
    assert q2.end == date(2026, 3, 28)
    assert q2.derivation == "6M − Q1"
    assert [(name, billions(c.fact.val)) for name, c in q2.inputs] == [("6M", "4.344"), ("Q1", "2.373")]
    from workbench.core.sec.plan import note_for

    assert "derived: 6M − Q1 = 4.344 − 2.373" in note_for(q2)


def test_alphabet_2014_capex_is_the_later_filing_with_the_earlier_one_noted(parsed):
    from workbench.core.sec.plan import note_for

    fy2014 = figures(parsed(ALPHABET), "capex", 12)["FY2014"]
    assert billions(fy2014.value) == "11.014"
    assert fy2014.source.filed == date(2017, 2, 3)
    note = note_for(fy2014)
    assert "restated from 10.959 in 0001652044-16-000012" in note
    assert "PaymentsToAcquirePropertyPlantAndEquipment" in note and "10-K filed 2017-02-03" in note


def test_alphabet_revenue_continues_across_its_2025_concept_change(parsed):
    revenue = figures(parsed(ALPHABET), "revenue", 12)
    assert revenue["FY2025Q1"].concept == "RevenueFromContractWithCustomerExcludingAssessedTax"
    assert revenue["FY2025Q2"].concept == "Revenues"
    quarters = [f"FY{y}Q{q}" for y in range(2017, 2026) for q in range(1, 5)] + ["FY2026Q1"]
    assert [q for q in quarters if q not in revenue] == []
    for year in range(2017, 2026):  # the four quarters add up to the year, on both sides of the change
        total = sum(revenue[f"FY{year}Q{q}"].value for q in range(1, 5))
        # 2025: Q1 + Q2 + Q3 as filed is 289,008M, the 9-month figure 289,007M (rounded millions).
        assert abs(total - revenue[f"FY{year}"].value) <= 1_000_000, year
    assert [billions(revenue[q].value) for q in ("FY2025Q1", "FY2025Q2", "FY2025Q3")] == [
        "90.234",
        "96.428",
        "102.346",
    ]


def test_derived_quarters_add_up_to_the_fiscal_year(parsed):
    capex = figures(parsed(APPLE), "capex", 9)
    for year in range(2009, 2026):
        quarters = [capex[f"FY{year}Q{q}"] for q in range(1, 5)]
        if len({q.concept for q in quarters} | {capex[f"FY{year}"].concept}) == 1:
            assert sum(q.value for q in quarters) == capex[f"FY{year}"].value, year


def test_only_10k_and_10q_facts_in_usd_count(parsed):
    facts = parsed(APPLE)
    assert facts.other_forms["8-K"] > 0
    assert {f.form for group in facts.facts.values() for f in group} <= {"10-K", "10-Q", "10-K/A", "10-Q/A"}


def test_a_missing_concept_is_a_gap_never_a_zero(parsed):
    assert figures(parsed(ALPHABET), "depreciation_amortization", 12) == {}
    assert figures(parsed(APPLE), "finance_lease_principal", 9) == {}


# --- the command on a copy of the bundled data ---------------------------------------------------


def test_import_writes_rows_sources_and_passes_check(capsys, data):
    before = snapshot(data)
    code, out, err = run(capsys, str(sec_file(APPLE)), str(sec_file(ALPHABET)), "--data", str(data), "--write")
    assert code == 0, err
    assert "Traceback" not in err
    after = snapshot(data)
    # Appended, never rewritten: every old byte is still there, in order.
    assert after["capex.csv"].startswith(before["capex.csv"])
    assert after["sources.toml"].startswith(before["sources.toml"])
    assert after["companies.toml"] == before["companies.toml"]  # both ciks were already recorded
    rows = list(csv.DictReader(io.StringIO(after["capex.csv"].decode())))
    # The bundled data has Apple's quarters from FY2024Q1 on (FY2026Q2's 1.97 is kept: the import only
    # rounds it differently); the import adds the earlier ones, Q4 derived from the year.
    q4 = next(r for r in rows if r["ticker"] == "AAPL" and r["fiscal_period"] == "FY2023Q4")
    assert (q4["value_bn"], q4["basis"], q4["kind"], q4["period_end"]) == ("2.163", "cash", "actual", "2023-09-30")
    assert q4["source"] == "sec-0000320193-25-000079" and "derived: FY − 9M" in q4["note"]
    q2 = [r for r in rows if r["ticker"] == "AAPL" and r["fiscal_period"] == "FY2026Q2"]
    assert [(r["value_bn"], r["source"]) for r in q2] == [("1.97", "opencapital-aapl-capital-expenditures")]
    financials = list(csv.DictReader(io.StringIO(after["financials.csv"].decode())))
    assert {"ticker", "fiscal_period", "period_end", "metric", "kind", "value_bn", "source", "note"} <= set(
        financials[0]
    )
    q2_revenue = next(r for r in financials if r["ticker"] == "AAPL" and r["fiscal_period"] == "FY2026Q2"
                      and r["metric"] == "revenue")  # fmt: skip
    assert (q2_revenue["value_bn"], q2_revenue["kind"]) == ("111.184", "actual")
    ds = load_dataset(data, cache=False)
    assert errors(ds) == []
    source = ds.sources["sec-0000320193-26-000013"]
    assert source.url == "https://www.sec.gov/Archives/edgar/data/320193/000032019326000013/"
    assert source.published == date(2026, 5, 1) and source.extra["form"] == "10-Q"
    assert source.extra["accession"] == "0000320193-26-000013"
    # Alphabet's 2026 Q1 (35.674 filed) is bundled as 35.67: kept, one row
    googl = [f.value_bn for f in ds.capex if (f.ticker, f.fiscal_period, f.kind) == ("GOOGL", "FY2026Q1", "actual")]
    assert googl == [35.67]


def test_data_before_the_command_is_the_directory_written(capsys, data):
    before = snapshot(BUNDLED)
    assert main(["--data", str(data), "import", "sec", str(sec_file(APPLE)), "--write"]) == 0
    assert "wrote" in capsys.readouterr().err
    assert snapshot(BUNDLED) == before and "sec-0000320193-26-000013" in (data / "sources.toml").read_text()


def test_importing_twice_changes_no_byte(capsys, data):
    args = (str(sec_file(APPLE)), "--data", str(data), "--write")
    assert run(capsys, *args)[0] == 0
    once = snapshot(data)
    code, _, err = run(capsys, *args)
    assert code == 0 and "nothing to write" in err
    assert snapshot(data) == once


def test_the_newer_apple_file_adds_only_the_new_periods(capsys, data, parsed):
    assert run(capsys, str(sec_file(APPLE_OLD)), "--data", str(data), "--write")[0] == 0
    plan = plan_import(read_state(data), [parsed(APPLE)])
    (company,) = plan.companies
    assert sorted((c.figure.label, c.figure.metric) for c in company.added) == [
        ("FY2026Q2", m) for m in sorted(("revenue", "operating_income", "operating_cash_flow",
                                         "depreciation_amortization"))
    ]  # fmt: skip
    # Conflicts are with bundled rows that came from elsewhere, never with the older import's rows.
    assert ("FY2019", "businessquant-aapl-cf") in [(c.figure.label, c.old.cells["source"]) for c in company.conflicts]
    assert [c for c in company.conflicts if c.old.cells["source"].startswith("sec-")] == []


def test_conflicts_are_left_alone_unless_replace(capsys, data):
    before = (data / "capex.csv").read_bytes()
    code, out, _ = run(capsys, str(sec_file(APPLE)), "--data", str(data))
    assert code == 0
    line = next(i for i, text in enumerate(before.decode().splitlines(), 1) if text.startswith("AAPL,FY2019,"))
    assert f"capex.csv:{line} FY2019 capex: 10.49 (source businessquant-aapl-cf) → 10.495 (10-K filed 2021-10-29" in out
    assert (data / "capex.csv").read_bytes() == before  # a preview writes nothing
    assert run(capsys, str(sec_file(APPLE)), "--data", str(data), "--write")[0] == 0
    assert "AAPL,FY2019,2019-09-28,actual,10.49," in (data / "capex.csv").read_text()
    assert run(capsys, str(sec_file(APPLE)), "--data", str(data), "--write", "--replace")[0] == 0
    lines = (data / "capex.csv").read_text().splitlines()
    assert lines[line - 1].startswith("AAPL,FY2019,2019-09-28,actual,10.495,,,cash,sec-0000320193-21-000105,")
    assert "replaced 10.49 from source businessquant-aapl-cf" in lines[line - 1]
    assert lines[: line - 1] == before.decode().splitlines()[: line - 1]
    once = snapshot(data)
    assert run(capsys, str(sec_file(APPLE)), "--data", str(data), "--write", "--replace")[0] == 0
    assert snapshot(data) == once
    assert errors(load_dataset(data, cache=False)) == []


def test_a_new_company_is_added_with_its_name_cik_and_fiscal_year_end(capsys, tmp_path):
    root = tmp_path / "mine"
    root.mkdir()
    (root / "companies.toml").write_text(
        '# my companies\n\n[[company]]\nticker = "X"\nname = "X"\nfiscal_year_end = 12\n'
    )
    code, out, err = run(capsys, str(sec_file(APPLE)), "--ticker", "AAPL", "--data", str(root), "--write")
    assert code == 0, err
    text = (root / "companies.toml").read_text()
    assert text.startswith('# my companies\n\n[[company]]\nticker = "X"\n')
    assert 'ticker = "AAPL"\nname = "Apple Inc."\nfiscal_year_end = 9\ncik = 320193\n' in text
    assert (root / "capex.csv").read_text().startswith("ticker,fiscal_period,period_end,kind,value_bn,")
    ds = load_dataset(root, cache=False)
    assert [p for p in errors(ds) if not p.path.endswith(("deals.csv", "quotes.toml"))] == []  # not made here
    assert ds.companies["AAPL"].fiscal_year_end == 9 and len(ds.capex) > 80
    # From now on the file is matched by its cik, without --ticker.
    code, _, err = run(capsys, str(sec_file(APPLE)), "--data", str(root), "--write")
    assert code == 0 and "nothing to write" in err


def test_the_cik_is_recorded_when_ticker_names_a_known_company(capsys, data):
    text = (data / "companies.toml").read_text().replace("cik = 320193\n", "")
    (data / "companies.toml").write_text(text)
    code, _, err = run(capsys, str(sec_file(APPLE)), "--data", str(data))
    assert code == 1 and "not in companies.toml" in err and "--ticker" in err
    code, out, _ = run(capsys, str(sec_file(APPLE)), "--ticker", "AAPL", "--data", str(data), "--write")
    assert code == 0 and "cik = 320193 recorded for AAPL" in out
    assert (data / "companies.toml").read_text() == text.replace(
        "fiscal_year_end = 9\n", "fiscal_year_end = 9\ncik = 320193\n"
    )


def test_tsmc_is_reported_as_not_importable(capsys, data, parsed):
    with pytest.raises(SecFileError) as error:
        parsed(TSMC)
    message = str(error.value)
    assert "ifrs-full" in message and "IFRS" in message and "TWD" in message and "\n" not in message
    before = snapshot(data)
    code, out, err = run(capsys, str(sec_file(TSMC)), "--data", str(data), "--write")
    assert code == 1 and "Traceback" not in err
    assert err.splitlines()[0].startswith(f"{sec_file(TSMC)}:1: not importable")
    assert snapshot(data) == before


# --- bad input: one line naming the file, nothing written -------------------------------------------


def _facts_file(tmp_path: Path, name: str, payload) -> Path:
    path = tmp_path / name
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    return path


def _minimal(unit: str = "USD", name: str = "Tiny Corp") -> dict:
    fact = {"start": "2025-01-01", "end": "2025-12-31", "val": 1_500_000_000, "accn": "0000000001-26-000001",
            "form": "10-K", "filed": "2026-02-01", "fy": 2025, "fp": "FY"}  # fmt: skip
    return {"cik": 1, "entityName": name, "facts": {"us-gaap": {
        "PaymentsToAcquirePropertyPlantAndEquipment": {"label": "x", "units": {unit: [fact]}}}}}  # fmt: skip


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ('{"cik": 1, "entityName": "Trunc", "facts": {"us-gaap": {', "not valid JSON: it ends early"),
        ("<html>rate limited</html>", "not valid JSON"),
        ({"cik": "0000320193", "name": "Apple Inc.", "tickers": ["AAPL"], "filings": {"recent": {}}}, "submissions"),
        (_minimal(unit="EUR"), "no USD facts"),
        ([1, 2, 3], "not a companyfacts file"),
    ],
)
def test_bad_files_get_one_line_naming_them_and_change_nothing(capsys, data, tmp_path, payload, expected):
    bad = _facts_file(tmp_path, "bad.json", payload)
    before = snapshot(data)
    code, _, err = run(capsys, str(sec_file(APPLE)), str(bad), "--data", str(data), "--write")
    assert code == 1
    (line,) = [e for e in err.splitlines() if e.startswith(str(bad))]
    assert expected in line
    assert "Traceback" not in err and "nothing written" in err
    assert snapshot(data) == before  # all or nothing: the good Apple file was not written either


def test_facts_left_out_are_reported_with_the_reason(capsys, data, tmp_path):
    payload = _minimal()
    gaap = payload["facts"]["us-gaap"]["PaymentsToAcquirePropertyPlantAndEquipment"]["units"]
    gaap["EUR"] = [dict(gaap["USD"][0], val=7)]
    gaap["USD"].append(dict(gaap["USD"][0], form="8-K"))
    gaap["USD"].append(dict(gaap["USD"][0], end="yesterday"))
    payload["facts"]["ifrs-full"] = {"Revenue": {"units": {"TWD": []}}}
    path = _facts_file(tmp_path, "mixed.json", payload)
    code, out, err = run(capsys, str(path), "--ticker", "MIX", "--data", str(data))
    assert code == 0, err
    assert "ignored facts from other forms (only 10-K, 10-Q and their amendments count): 8-K 1" in out
    assert "ignored facts in other units (only USD is imported, never converted): EUR 1" in out
    assert "ignored malformed facts (no usable date, value or accession): 1" in out
    assert "ignored facts under ifrs-full (IFRS)" in out
    assert "add 1 figure(s): 1 to capex.csv; 1 new source(s), one per filing" in out


def test_a_broken_data_file_stops_the_import_before_anything_is_written(capsys, data):
    (data / "companies.toml").write_text((data / "companies.toml").read_text() + "\n[[company]\n")
    before = snapshot(data)
    code, _, err = run(capsys, str(sec_file(APPLE)), "--data", str(data), "--write")
    assert code == 1 and "Traceback" not in err
    (line,) = err.splitlines()
    assert line.startswith(f"{data / 'companies.toml'}:") and "not valid TOML" in line
    assert snapshot(data) == before


def test_a_company_whose_ticker_cannot_be_determined_is_refused(capsys, data, tmp_path):
    path = _facts_file(tmp_path, "tiny.json", _minimal())
    before = snapshot(data)
    code, _, err = run(capsys, str(path), "--data", str(data), "--write")
    assert code == 1
    assert f"{path}:1: CIK 1 (Tiny Corp) is not in companies.toml" in err
    assert snapshot(data) == before


def test_a_fiscal_year_end_that_the_filings_contradict_is_refused(capsys, data):
    text = (data / "companies.toml").read_text()
    (data / "companies.toml").write_text(
        text.replace("fiscal_year_end = 9\ncik = 320193", "fiscal_year_end = 12\ncik = 320193")
    )
    code, _, err = run(capsys, str(sec_file(APPLE)), "--data", str(data))
    assert code == 1
    assert "companies.toml says AAPL's fiscal year ends in month 12, but its latest 10-K year ends in month 9" in err


def test_one_ticker_names_one_company(capsys, data, tmp_path):
    first = _facts_file(tmp_path, "one.json", _minimal())
    second = _facts_file(tmp_path, "two.json", {**_minimal(name="Other Corp"), "cik": 2})
    code, out, err = run(capsys, str(first), str(second), "--ticker", "TINY", "--data", str(data))
    assert code == 1
    assert f"{second}:1: --ticker TINY already names CIK 1; import one company per --ticker" in err
    assert "TINY: Tiny Corp (CIK 1)" in out  # the first file is still previewed


def test_hostile_names_are_printed_literally(capsys, data, tmp_path):
    path = _facts_file(tmp_path, "evil.json", _minimal(name="Evil\x1b[31m Corp\u202e"))
    code, out, err = run(capsys, str(path), "--ticker", "EVIL", "--data", str(data))
    assert code == 0, err
    assert "\x1b" not in out + err and "\u202e" not in out + err
    assert "Evil␛[31m Corp" in out
    code, out, _ = run(capsys, str(path), "--ticker", "EVIL", "--data", str(data), "--json")
    assert "\x1b" not in out and json.loads(out)["companies"][0]["entity_name"] == "Evil\x1b[31m Corp<U+202E>"
    # Written, the name is stored as it is (escaped by TOML) and reads back unchanged.
    assert run(capsys, str(path), "--ticker", "EVIL", "--data", str(data), "--write")[0] == 0
    assert "\x1b" not in (data / "companies.toml").read_text()
    ds = load_dataset(data, cache=False)
    assert errors(ds) == [] and ds.companies["EVIL"].name == "Evil\x1b[31m Corp\u202e"
    assert ds.sources["sec-0000000001-26-000001"].title.startswith("Evil\x1b[31m Corp\u202e 10-K filed 2026-02-01")


def test_json_lists_every_figure_with_its_filing(capsys, data):
    code, out, _ = run(capsys, str(sec_file(APPLE)), "--data", str(data), "--json")
    assert code == 0
    (company,) = json.loads(out)["companies"]
    # the bundled FY2026Q2 capex (1.97) is the filing's 1.971 rounded: a conflict that says so
    q2 = next(c for c in company["conflicts"] if c["fiscal_period"] == "FY2026Q2" and c["metric"] == "capex")
    assert q2["value_bn"] == 1.971 and q2["derivation"] == "6M − Q1" and q2["file"] == "capex.csv"
    assert (q2["old_value_bn"], q2["old_is_rounded"]) == ("1.97", True)
    assert q2["filing"] == {"accession": "0000320193-26-000013", "form": "10-Q", "filed": "2026-05-01"}
    fy2019 = next(c for c in company["conflicts"] if c["fiscal_period"] == "FY2019" and c["metric"] == "capex")
    line = next(
        i for i, text in enumerate((data / "capex.csv").read_text().splitlines(), 1) if text.startswith("AAPL,FY2019,")
    )
    assert (fy2019["old_value_bn"], fy2019["value_bn"], fy2019["line"]) == ("10.49", 10.495, line)
    assert fy2019["old_is_rounded"] is False  # 10.495 rounds to 10.50
    assert any(s["period"] == "FY2007Q1" for s in company["skipped"])


def test_a_conflict_that_is_only_rounding_says_so(capsys, data):
    code, out, _ = run(capsys, str(sec_file(ALPHABET)), "--data", str(data))
    assert code == 0
    line = next(text for text in out.splitlines() if " FY2025Q4 capex: " in text)
    assert "27.85 (source opencapital-googl-capex) → 27.851 (10-K filed 2026-02-05" in line
    assert "derived FY − 9M" in line and line.endswith("the old value is this figure rounded")


def test_companyfacts_needs_a_cik(tmp_path):
    with pytest.raises(SecFileError, match="'cik' is not a number"):
        companyfacts(tmp_path / "x.json", {"cik": None, "facts": {}})


# --- against the reference set -------------------------------------------------------------------

# Where the imported Alphabet figures and ../shared/reference differ beyond the reference's own
# rounding, and why (also in the closing note of the issue).
KNOWN_DISAGREEMENTS = {
    # FY − 9M from the filings' rounded millions: 402,836 − 289,007 = 113,829; the quarter as published is 113,828.
    ("FY2025Q4", "revenue", "113.828"),
    # Platformonomics' cross-check, which the reference itself marks as differing from 6.29.
    ("FY2023Q1", "capex", "6.2"),
    # RPO from press reports ("more than $240 billion", recaps), not from the 10-Q/10-K balance.
    ("FY2025Q2", "rpo", "106"),
    ("FY2025Q4", "rpo", "240"),
    ("FY2026Q1", "rpo", "460"),
    ("FY2026Q1", "rpo", "462"),
}


def _reference_rows():
    if REFERENCE is None:
        pytest.skip("../shared/reference is not there")
    rows = []
    with open(REFERENCE / "financials.csv", encoding="utf-8") as handle:
        rows += [
            (r["fiscal_period"], r["metric"], r["value_bn"]) for r in csv.DictReader(handle) if r["ticker"] == "GOOGL"
        ]
    for name in ("capex_annual.csv", "capex_quarterly.csv", "capex_2026.csv"):
        with open(REFERENCE / name, encoding="utf-8") as handle:
            for r in csv.DictReader(handle):
                if r["ticker"] != "GOOGL":
                    continue
                period = (r.get("fiscal_period") or r.get("fiscal_year") or "").strip()
                if period.isdigit():
                    label = f"FY{period}"
                elif " Q" in period:
                    label = "FY" + period.replace(" ", "")
                else:
                    label = period.split()[0]
                rows.append((label, "capex", r["capex_usd_bn"]))
    return rows


def test_imported_alphabet_figures_agree_with_the_reference(parsed):
    facts = parsed(ALPHABET)
    ours = {
        (label, m.name): f.value / Decimal(10**9) for m in METRICS for label, f in figures(facts, m.name, 12).items()
    }
    disagreements, compared = set(), 0
    for label, metric, value in _reference_rows():
        if (label, metric) not in ours:
            continue  # cloud segments, and D&A: Alphabet files no D&A concept (a gap, not a zero)
        compared += 1
        places = -Decimal(value).as_tuple().exponent
        if abs(ours[(label, metric)] - Decimal(value)) > Decimal(5) / Decimal(10) ** (places + 1):
            disagreements.add((label, metric, value))
    assert compared > 60
    assert disagreements == KNOWN_DISAGREEMENTS


def test_the_source_dialog_shows_the_filing():
    from workbench.core.data.model import Source
    from workbench.ui.dialogs.source import describe_source

    source = Source("sec-0000320193-26-000013", "Apple Inc. 10-Q filed 2026-05-01", date(2026, 5, 1), "en",
                    url="https://www.sec.gov/Archives/edgar/data/320193/000032019326000013/",
                    extra={"form": "10-Q", "accession": "0000320193-26-000013"})  # fmt: skip
    text = describe_source(source, source.id).plain
    assert "Form      10-Q" in text and "Accession 0000320193-26-000013" in text and "2026-05-01" in text


# --- writing: layouts kept, all or nothing ---------------------------------------------------------


def test_crlf_bom_and_a_missing_final_newline_are_kept(capsys, tmp_path):
    root = tmp_path / "mine"
    root.mkdir()
    companies = '[[company]]\r\nticker = "T"\r\nname = "Tiny"\r\nfiscal_year_end = 12\r\naliases = []\r\n'
    (root / "companies.toml").write_bytes(companies.encode())
    sources = '# mine\r\n[[source]]\r\nid = "a"\r\ntitle = "A"\r\npublished = 2026-01-01\r\nlanguage = "en"\r\nurl = "https://a"\r\n'
    (root / "sources.toml").write_bytes(sources.encode())
    capex = "\ufeffticker,fiscal_period,period_end,kind,value_bn,basis,source,note,extra\r\n# not a row\r\n"
    (root / "capex.csv").write_bytes(capex.encode().rstrip(b"\r\n"))
    path = _facts_file(tmp_path, "tiny.json", _minimal())
    code, _, err = run(capsys, str(path), "--ticker", "T", "--data", str(root), "--write")
    assert code == 0, err
    written = (root / "capex.csv").read_bytes().decode()
    assert written.startswith(capex)  # the BOM, the CRLF header and the odd line, then a CRLF was added
    assert written.endswith(
        'T,FY2025,2025-12-31,actual,1.5,cash,sec-0000000001-26-000001,"SEC companyfacts '
        'us-gaap:PaymentsToAcquirePropertyPlantAndEquipment; 10-K filed 2026-02-01, accession 0000000001-26-000001",\r\n'
    )
    assert (root / "companies.toml").read_bytes() == companies.replace("= 12\r\n", "= 12\r\ncik = 1\r\n").encode()
    written = (root / "sources.toml").read_bytes().decode()
    assert written.startswith(sources + "\r\n[[source]]\r\n") and "\n" not in written.replace("\r\n", "")


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(data, parsed):
    from workbench.core.sec.existing import PlanError
    from workbench.core.sec.write import write_plan

    plan = plan_import(read_state(data), [parsed(APPLE)])
    before = snapshot(data)
    with open(data / "capex.csv", "a", encoding="utf-8") as handle:
        handle.write("AAPL,FY2030,2030-09-28,actual,1,,,cash,businessquant-aapl-cf,,,typed meanwhile\n")
    changed = snapshot(data)
    with pytest.raises(PlanError, match="changed on disk"):
        write_plan(plan)
    assert snapshot(data) == changed and changed["sources.toml"] == before["sources.toml"]


def test_a_failure_mid_write_puts_back_the_files_already_replaced(data, parsed, monkeypatch):
    from workbench.core.sec import write

    plan = plan_import(read_state(data), [parsed(APPLE)])
    before = snapshot(data)
    real = write.atomic_write
    calls = []

    def failing(path, payload, *args, **kwargs):
        calls.append(Path(path).name)
        if Path(path).name == "financials.csv" and calls.count("financials.csv") == 1:
            raise OSError(28, "No space left on device")
        return real(path, payload, *args, **kwargs)

    monkeypatch.setattr(write, "atomic_write", failing)
    with pytest.raises(OSError):
        write.write_plan(plan)
    assert calls[:3] == ["sources.toml", "capex.csv", "financials.csv"]
    assert snapshot(data) == before  # sources.toml and capex.csv got their old bytes back


# --- invariants ------------------------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1990, max_value=2060),
       st.sampled_from([1, 2, 3, 4, None]), st.integers(min_value=-7, max_value=7))  # fmt: skip
def test_a_period_ending_within_a_week_of_its_month_end_keeps_its_label(month, year, quarter, shift):
    from datetime import timedelta

    from workbench.core.data.fiscal import nominal_period_end

    end = nominal_period_end(year, quarter, month) + timedelta(days=shift)
    expected = f"FY{year}" if quarter is None else f"FY{year}Q{quarter}"
    assert fiscal_label(end, month, annual=quarter is None) == expected


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_billions_are_exact_to_six_decimals(value):
    text = billions(Decimal(value))
    assert Decimal(text) == (Decimal(value) / 10**9).quantize(Decimal("0.000001"))
    assert not text.endswith(".") and (text == "0" or "." not in text or not text.endswith("0"))


def _year_facts(year: int, quarters: list[int], direct: list[bool], filed_late: bool) -> list[dict]:
    """What a calendar-year filer's 10-Qs and 10-K report for one year: Q1, 6M, 9M and FY from the
    year's start, some quarters' own 3 months, and each fact again in an 8-K."""
    ends = [f"{year}-03-31", f"{year}-06-30", f"{year}-09-30", f"{year}-12-31"]
    starts = [f"{year}-01-01", f"{year}-04-01", f"{year}-07-01", f"{year}-10-01"]
    facts = []
    for n in range(4):
        form, filed = ("10-K", f"{year + 1}-02-01") if n == 3 else ("10-Q", f"{year}-{3 * n + 4:02d}-28")
        accn = f"0000000001-{(year + (n == 3)) % 100:02d}-{n + 1:06d}"
        base = {"accn": accn, "form": form, "filed": filed}
        facts.append({**base, "start": starts[0], "end": ends[n], "val": sum(quarters[: n + 1]) * 10**6})
        if n in (1, 2) and direct[n]:  # a 10-Q may report its own 3 months; a 10-K does not
            facts.append({**base, "start": starts[n], "end": ends[n], "val": quarters[n] * 10**6})
        facts.append({**facts[-1], "form": "8-K", "val": 1})
    if filed_late:  # the next 10-K restates the year
        facts.append({"accn": f"0000000001-{(year + 2) % 100:02d}-000004", "form": "10-K", "filed": f"{year + 2}-02-01",
                      "start": starts[0], "end": ends[3], "val": (sum(quarters) + 5) * 10**6})  # fmt: skip
    return facts


@given(
    st.lists(st.lists(st.integers(min_value=-500, max_value=50_000), min_size=4, max_size=4), min_size=1, max_size=4),
    st.lists(st.booleans(), min_size=4, max_size=4),
    st.booleans(),
)
def test_quarters_are_derived_exactly_and_add_up_to_the_year(years, direct, restated):
    raw = [f for i, q in enumerate(years) for f in _year_facts(2020 + i, q, direct, restated and i == 0)]
    payload = {"cik": 1, "entityName": "Synthetic", "facts": {"us-gaap": {
        "PaymentsToAcquirePropertyPlantAndEquipment": {"units": {"USD": raw}}}}}  # fmt: skip
    made = figures(companyfacts(Path("synthetic.json"), payload), "capex", 12)
    for i, quarters in enumerate(years):
        year = 2020 + i
        total = Decimal(sum(quarters) + (5 if restated and i == 0 else 0)) * 10**6
        assert made[f"FY{year}"].value == total
        assert sum(made[f"FY{year}Q{n}"].value for n in range(1, 5)) == total  # Q4 = FY − 9M takes the restatement
        for n in range(1, 4):
            assert made[f"FY{year}Q{n}"].value == quarters[n - 1] * 10**6
            assert bool(made[f"FY{year}Q{n}"].derivation) == (n > 1 and not direct[n - 1])
        assert made[f"FY{year}Q4"].derivation == "FY − 9M"
        assert bool(made[f"FY{year}"].restated) == (restated and i == 0)
