"""Each finding of issue 14 on damaged data, and each warning of the data contract, as a test.

Errors lose the record they name (never the file); warnings keep the record and flag it.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.datakit import CAPEX, COMPANIES, DEALS, FILES, QUOTES, SCENARIO, SOURCES
from workbench.core.data.loader import load_dataset, load_documents
from workbench.core.data.toml_source import TomlLocator


def problems_of(ds):
    return [str(p).removeprefix(str(ds.root) + os.sep) for p in ds.problems]


def warnings_of(ds):
    return [p for p in problems_of(ds) if ": warning: " in p]


def _replace_line(path, number, text):
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = text
    path.write_text("\n".join(lines), encoding="utf-8")


# --- TOML: one bad line loses one table ----------------------------------------------------------


def test_a_bad_line_in_quotes_toml_loses_only_its_quote(bundled_copy):
    before = load_dataset(bundled_copy, cache=False)
    _replace_line(bundled_copy / "quotes.toml", 606, "this is = not toml")  # inside the [[quote]] at 604
    ds = load_dataset(bundled_copy, cache=False)
    assert len(ds.quotes) == len(before.quotes) - 1 == 110
    problems = problems_of(ds)
    assert problems[0].startswith("quotes.toml:606: TOML syntax error") and "[[quote]] table line 604" in problems[0]
    # What cites the lost quote says so; nothing else is reported.
    cites = ("its entry in quotes.toml", "'answers' names unknown quote")
    assert all(p.startswith("quotes.toml:606") or any(c in p for c in cites) for p in problems), problems


def test_a_bad_line_in_sources_toml_loses_only_its_source(bundled_copy):
    before = load_dataset(bundled_copy, cache=False)
    _replace_line(bundled_copy / "sources.toml", 36, 'title = "unterminated')  # in the [[source]] at line 34
    ds = load_dataset(bundled_copy, cache=False)
    assert len(ds.sources) == len(before.sources) - 1
    assert "amzn-apec-40b-bet" not in ds.sources
    lost_quotes = [q for q in before.quotes.values() if q.source == "amzn-apec-40b-bet"]
    assert lost_quotes and len(ds.quotes) == len(before.quotes) - len(lost_quotes)
    assert any(p.startswith("sources.toml:36: TOML syntax error") for p in problems_of(ds))


def test_an_unterminated_multiline_string_loses_only_its_table(make_data):
    quotes = QUOTES.replace('text = "The risk of underinvesting is far greater."', 'text = """The risk')
    ds = load_dataset(make_data({"quotes.toml": quotes}), cache=False)
    assert list(ds.quotes) == ["cn"]  # the next [[quote]] is read although the string never closes
    assert problems_of(ds)[0].startswith("quotes.toml:4: TOML syntax error")


def test_a_broken_table_in_companies_toml_keeps_the_others(make_data):
    ds = load_dataset(make_data({"companies.toml": COMPANIES.replace('name = "Microsoft"', "name = Microsoft")}))
    assert list(ds.companies) == ["AMZN"]
    assert problems_of(ds)[0].startswith("capex.csv:2: capex MSFT FY2024: unknown company ticker 'MSFT'")
    assert "companies.toml:4: TOML syntax error" in " ".join(problems_of(ds))


def test_toml_lines_are_counted_as_toml_counts_them():
    text = 'a = "x\u2028y"\n[[t]]\nb = 1\n'  # U+2028 inside a string is no line break
    locator = TomlLocator(text)
    assert locator.array_table_line("t", 0) == 2 and locator.key_line(2, "b") == 3


# --- CSV: damage loses only its rows -------------------------------------------------------------


def test_an_over_long_cell_loses_only_its_row(make_data):
    capex = CAPEX.replace("44.48,,,cash,web,,,", "44.48,,,cash,web,,," + "x" * 140_000)
    ds = load_dataset(make_data({"capex.csv": capex}))
    assert problems_of(ds) == ["capex.csv:2: a cell is longer than 131,072 characters: the row is left out"]
    assert len(ds.capex) == 3


def test_an_unterminated_quote_is_one_short_message_and_later_rows_load(make_data):
    lines = CAPEX.splitlines(keepends=True)
    lines[1] = lines[1].replace(",cash,", ',"cash,')
    ds = load_dataset(make_data({"capex.csv": "".join(lines)}))
    problems = problems_of(ds)
    assert len(problems) == 1 and problems[0].startswith('capex.csv:2: a quote (") opened in this row does not close')
    assert len(problems[0]) < 160
    assert [f.line for f in ds.capex] == [3, 4, 5]


def test_a_quote_that_closes_rows_later_does_not_swallow_them(make_data):
    capex = (
        CAPEX.replace("44.48,,,cash,web,,,", '44.48,,,cash,web,,,"note')
        + 'MSFT,FY2023,2023-06-30,actual,28,,,cash,web,,,"x"\n'
    )
    ds = load_dataset(make_data({"capex.csv": capex}))
    assert [p.split(": ")[0] for p in problems_of(ds)] == ["capex.csv:2"]
    assert [f.line for f in ds.capex] == [3, 4, 5, 6]


def test_a_csv_cut_inside_its_last_quoted_field_is_an_error_for_that_row(make_data):
    capex = CAPEX + 'MSFT,FY2023,2023-06-30,actual,28,,,cash,web,,,"a note that was cut'
    ds = load_dataset(make_data({"capex.csv": capex}))
    assert problems_of(ds) == [
        "capex.csv:6: the file ends inside a quoted cell (is it cut short?): the row is left out"
    ]
    assert len(ds.capex) == 4


def test_a_repeated_header_row_is_skipped_with_a_warning(make_data):
    header = CAPEX.splitlines()[0]
    ds = load_dataset(make_data({"capex.csv": CAPEX + header + "\n"}))
    assert problems_of(ds) == ["capex.csv:6: warning: the header row is repeated here: skipped"]
    assert len(ds.capex) == 4


def test_gbk_rows_are_left_out_one_by_one(make_data):
    capex = CAPEX.encode() + "MSFT,FY2023,2023-06-30,actual,28,,,cash,web,,,资本支出说明\n".encode("gbk")
    ds = load_dataset(make_data({"capex.csv": capex}))
    assert problems_of(ds) == [
        "capex.csv:6: row is not valid UTF-8 (it looks like GBK/GB18030; re-save the file as UTF-8): left out"
    ]
    assert len(ds.capex) == 4


def test_a_utf8_bom_is_accepted_silently(make_data):
    ds = load_dataset(make_data({name: b"\xef\xbb\xbf" + FILES[name].encode() for name in FILES}))
    assert ds.problems == [] and len(ds.capex) == 4 and len(ds.quotes) == 2


# --- empty files hide no more than missing ones ---------------------------------------------------


def test_an_empty_companies_or_sources_file_hides_no_more_than_a_missing_one(make_data):
    for name in ("companies.toml", "sources.toml"):
        empty = load_dataset(make_data({name: ""}))
        missing = load_dataset(make_data({name: None}))
        counts = [
            (len(d.companies), len(d.sources), len(d.quotes), len(d.capex), len(d.deals)) for d in (empty, missing)
        ]
        assert counts[0] == counts[1], (name, counts)
        assert len(empty.problems) == len(missing.problems)
    problems = problems_of(load_dataset(make_data({"sources.toml": ""})))
    assert problems[0] == "capex.csv:2: capex MSFT FY2024: unknown source 'web' (sources.toml has no [[source]] tables)"
    assert "sources.toml:1: no [[source]] tables found (the file is empty)" in problems


# --- no traceback, no hang -----------------------------------------------------------------------


def test_a_nul_in_a_document_path_is_a_problem_not_a_crash(make_data):
    root = make_data({"sources.toml": SOURCES.replace('file = "doc.txt"', 'file = "do\\u0000c.txt"')})
    ds = load_dataset(root)
    assert any(p.startswith("sources.toml:6: source 'doc': 'file' contains a NUL character") for p in problems_of(ds))
    assert "web" in ds.sources
    documents, problems = load_documents(root)  # what `workbench search` reads
    assert documents == {} and problems


def test_a_document_path_too_long_for_the_file_system_loses_only_its_source(make_data):
    sources = SOURCES.replace('file = "doc.txt"', 'file = "a/' + "x" * 5000 + '/doc.txt"')
    ds = load_dataset(make_data({"sources.toml": sources}))
    assert list(ds.sources) == ["web"]
    assert any(p.startswith("sources.toml:6: source 'doc': 'file' cannot be looked up") for p in problems_of(ds))


def test_check_on_a_fifo_ends_with_problems(make_data):
    root = make_data({"capex.csv": None, "sources/doc.txt": None})
    os.mkfifo(root / "capex.csv")
    (root / "sources").mkdir()
    os.mkfifo(root / "sources" / "doc.txt")
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "check", "--data", str(root)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{root / 'capex.csv'}:1: a FIFO (named pipe), not a file: not read" in result.stdout.splitlines()
    assert "document sources/doc.txt is not a regular file" in result.stdout


# --- warnings keep their record ------------------------------------------------------------------

MSFT_YEARS = (
    "MSFT,FY2021,2021-06-30,actual,20622,,,cash,web,,,\n"
    "MSFT,FY2022,2022-06-30,actual,23.886,,,cash,web,,,\n"
    "MSFT,FY2023,2023-06-30,actual,28.107,,,cash,web,,,\n"
)


def test_a_likely_unit_slip_is_a_warning(make_data):
    ds = load_dataset(make_data({"capex.csv": CAPEX + MSFT_YEARS}))
    assert warnings_of(ds) == [
        "capex.csv:6: warning: capex MSFT FY2021: 20622 bn is 568× above the median (36.2935 bn) of its annual "
        "figures: a unit slip (millions for billions)?"
    ]
    assert len(ds.capex) == 7


def test_negative_spend_is_a_warning(make_data):
    ds = load_dataset(make_data({"capex.csv": CAPEX.replace("10.95", "-10.95")}))
    assert problems_of(ds) == [
        "capex.csv:3: warning: capex MSFT FY2024Q3: negative spend (value_bn -10.95): capex is an outflow written "
        "as a positive number; is the sign flipped?"
    ]
    assert [f.value_bn for f in ds.capex if f.fiscal_period == "FY2024Q3"] == [-10.95]


QUARTERS = (
    "MSFT,FY2024Q1,2023-09-30,actual,9.9,,,cash,web,,,\n"
    "MSFT,FY2024Q2,2023-12-31,actual,11.5,,,cash,web,,,\n"
    "MSFT,FY2024Q4,2024-06-30,actual,{q4},,,cash,web,,,\n"
)


def test_an_annual_figure_off_the_sum_of_its_quarters_is_a_warning(make_data):
    # 9.9 + 11.5 + 10.95 + 12.13 = 44.48, the annual figure: within 1%.
    assert load_dataset(make_data({"capex.csv": CAPEX + QUARTERS.format(q4=12.13)})).problems == []
    # 9.9 + 11.5 + 10.95 + 13.87 = 46.22: 3.9% away from 44.48.
    ds = load_dataset(make_data({"capex.csv": CAPEX + QUARTERS.format(q4=13.87)}))
    assert problems_of(ds) == [
        "capex.csv:2: warning: capex MSFT FY2024: 44.48 bn is 3.9% away from the sum of its four quarters on "
        "basis 'cash' (46.22 bn)"
    ]
    assert len(ds.capex) == 7


def test_a_basis_spelled_unlike_every_other_row_is_a_warning(make_data):
    odd = CAPEX + MSFT_YEARS.replace("20622", "20.622").replace(
        "FY2022,2022-06-30,actual,23.886,,,cash", "FY2022,2022-06-30,actual,23.886,,,Cash"
    )
    ds = load_dataset(make_data({"capex.csv": odd}))
    assert warnings_of(ds) == [
        "capex.csv:7: warning: capex MSFT FY2022: basis 'Cash' is spelled unlike every other row (did you mean 'cash'?)"
    ]
    leases = (
        "".join(f"MSFT,FY{y},{y}-06-30,actual,{y - 1990},,,incl_finance_leases,web,,,\n" for y in (2021, 2022, 2023))
        + "MSFT,FY2024,2024-06-30,actual,55,,,increase_finance_leases,web,,,\n"
    )
    ds = load_dataset(make_data({"capex.csv": CAPEX + leases}))
    assert [p.split("warning: ")[1] for p in warnings_of(ds)] == [
        "capex MSFT FY2024: basis 'increase_finance_leases' is spelled unlike every other row "
        "(did you mean 'incl_finance_leases'?)"
    ]
    assert len(ds.capex) == 8


def test_the_bundled_data_has_no_errors():
    from tests.datakit import BUNDLED

    ds = load_dataset(BUNDLED, cache=False)
    assert [p for p in ds.problems if not p.is_warning] == []


def test_remarks_on_records_that_are_kept_are_warnings(make_data):
    root = make_data(
        {
            "deals.csv": DEALS.replace(",equity,", ",swap,"),
            "quotes.toml": QUOTES.replace('["under"]', '["ghost"]'),
            "scenarios/demo.toml": SCENARIO.replace('["under"]', '["nope"]'),
        }
    )
    ds = load_dataset(root)
    assert all(p.is_warning for p in ds.problems) and len(ds.problems) == 3, problems_of(ds)
    assert len(ds.deals) == 2 and len(ds.quotes) == 2 and "demo" in ds.scenarios


def test_the_checks_serve_any_figure_file():
    """As financials.csv will use them: sizes judged per metric, balances (rpo) never summed."""
    from dataclasses import dataclass

    from workbench.core.data.plausibility import check_figures
    from workbench.core.data.problems import ProblemLog

    @dataclass
    class Figure:
        ticker: str
        fiscal_period: str
        metric: str
        value_bn: float
        line: int
        kind: str = "actual"

    rows = [("FY2024", "revenue", 100), ("FY2024Q1", "rpo", 20), ("FY2024Q2", "rpo", 21), ("FY2024Q3", "rpo", 22)]
    rows += [("FY2024Q4", "rpo", 23), ("FY2024", "rpo", 23), ("FY2023", "revenue", 90), ("FY2022", "revenue", 80)]
    figures = [Figure("MSFT", period, metric, value, n) for n, (period, metric, value) in enumerate(rows, start=2)]
    found: list = []
    check_figures(
        figures,
        ProblemLog("financials.csv", found),
        "financials",
        "metric",
        scale=lambda f: f.metric,
        summable=lambda f: f.metric != "rpo",
    )
    assert found == []  # the FY2024 rpo balance (23) is not the sum of its quarters (86), and needs not be
    check_figures(figures, ProblemLog("financials.csv", found), "financials", "metric")
    assert [(p.line, p.severity) for p in found] == [(7, "warning")]
    assert "23 bn is 273.9% away from the sum of its four quarters on metric 'rpo' (86 bn)" in found[0].message


def test_devices_and_folders_are_never_read(tmp_path):
    import pytest

    from workbench.core.data.toml_source import NotRegularFile, read_regular

    for path in ("/dev/zero", "/dev/null", tmp_path):
        with pytest.raises(NotRegularFile):
            read_regular(path)
    (tmp_path / "f.txt").write_bytes(b"ok")
    assert read_regular(tmp_path / "f.txt") == b"ok"
