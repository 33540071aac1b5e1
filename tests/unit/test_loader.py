"""Every validation rule, each with a fixture that breaks it and the exact `path:line` expected."""

from __future__ import annotations

import os
from datetime import date

import pytest

from tests.datakit import CAPEX, COMPANIES, DEALS, DOC, FILES, QUOTES, SCENARIO, SOURCES
from workbench.core.data.loader import load_dataset, load_documents


def problems_of(root):
    return [str(p).removeprefix(str(root) + os.sep) for p in load_dataset(root).problems]


def test_small_dataset_is_clean_and_complete(make_data):
    ds = load_dataset(make_data())
    assert ds.problems == []
    assert list(ds.companies) == ["MSFT", "AMZN"]
    assert ds.companies["MSFT"].fiscal_year_end == 6
    assert ds.sources["doc"].is_local and ds.sources["web"].url == "https://example.com/page"
    under = ds.quotes["under"]
    assert (under.doc_line, under.doc_column) == (2, 1)
    assert ds.quotes["cn"].answers == ("under",)
    guidance = [f for f in ds.capex if f.kind == "guidance"][0]
    assert (guidance.low_bn, guidance.high_bn, guidance.said_on) == (100.0, None, date(2025, 2, 6))
    assert ds.deals[1].amount_bn is None and ds.deals[1].announced == date(2023, 9, 1)
    assert list(ds.scenarios) == ["demo"]


BROKEN = [
    # (file, transform of its text, expected problem prefix, expected words)
    ("companies.toml", lambda s: s + "\n[[company]\n", "companies.toml:12:", "TOML syntax error"),
    (
        "companies.toml",
        lambda s: s.replace('name = "Microsoft"\n', ""),
        "companies.toml:2:",
        "missing required field 'name'",
    ),
    ("companies.toml", lambda s: s.replace("= 6", '= "six"'), "companies.toml:5:", "not a whole number"),
    ("companies.toml", lambda s: s.replace("= 6", "= 13"), "companies.toml:5:", "between 1 and 12"),
    ("companies.toml", lambda s: s.replace('"AMZN"', '"MSFT"'), "companies.toml:8:", "duplicate ticker 'MSFT'"),
    ("companies.toml", lambda s: s.replace('name = "Amazon"', "name = 7"), "companies.toml:9:", "must be a string"),
    ("companies.toml", lambda s: "company = 3\n", "companies.toml:1:", "array of tables"),
    ("sources.toml", lambda s: s.replace('"doc.txt"', '"missing.txt"'), "sources.toml:6:", "document not found"),
    ("sources.toml", lambda s: s.replace('"doc.txt"', '"../companies.toml"'), "sources.toml:6:", "no '..'"),
    ("sources.toml", lambda s: s.replace('"doc.txt"', '"/etc/passwd"'), "sources.toml:6:", "absolute path"),
    ("sources.toml", lambda s: s.replace("2024-05-01", '"May 2024"'), "sources.toml:4:", "not a valid date"),
    (
        "sources.toml",
        lambda s: s.replace('language = "en"\nfile', 'language = "english!"\nfile'),
        "sources.toml:5:",
        "BCP-47",
    ),
    ("sources.toml", lambda s: s.replace('url = "https://example.com/page"', ""), "sources.toml:8:", "needs 'file'"),
    ("sources.toml", lambda s: s.replace('id = "web"', 'id = "doc"'), "sources.toml:9:", "duplicate source id"),
    ("quotes.toml", lambda s: s.replace("far greater.", "far greater!"), "quotes.toml:4:", "not verbatim in doc.txt"),
    (
        "quotes.toml",
        lambda s: s.replace("far greater.", "far  greater."),
        "quotes.toml:4:",
        "differs only in whitespace",
    ),
    (
        "quotes.toml",
        lambda s: s.replace('source = "doc"', 'source = "nope"', 1),
        "quotes.toml:3:",
        "unknown source 'nope'",
    ),
    ("quotes.toml", lambda s: s.replace('source = "doc"', 'source = "web"', 1), "quotes.toml:3:", "is external"),
    ("quotes.toml", lambda s: s.replace('["under"]', '["ghost"]'), "quotes.toml:14:", "unknown quote 'ghost'"),
    ("quotes.toml", lambda s: s.replace('"MSFT"', '"XXX"'), "quotes.toml:5:", "unknown company ticker 'XXX'"),
    (
        "quotes.toml",
        lambda s: s.replace('"bull"', '"sideways"'),
        "quotes.toml:6:",
        "must be one of bull, bear, neutral",
    ),
    ("quotes.toml", lambda s: s.replace('["capex"]', '"capex"'), "quotes.toml:7:", "list of strings"),
    ("quotes.toml", lambda s: s.replace('id = "cn"', 'id = "under"'), "quotes.toml:10:", "duplicate quote id"),
    ("capex.csv", lambda s: s.replace("MSFT,FY2024,", "XXX,FY2024,"), "capex.csv:2:", "unknown company ticker 'XXX'"),
    ("capex.csv", lambda s: s.replace("44.48", "44.4x"), "capex.csv:2:", "not a number: '44.4x'"),
    ("capex.csv", lambda s: s.replace("2024-06-30", "2024-13-01"), "capex.csv:2:", "not a valid date"),
    ("capex.csv", lambda s: s.replace("2024-06-30", "2023-12-31"), "capex.csv:2:", "does not close FY2024 for MSFT"),
    ("capex.csv", lambda s: s.replace("FY2024,", "2024,", 1), "capex.csv:2:", "must look like FY2024"),
    ("capex.csv", lambda s: s.replace("actual,44.48", "actuals,44.48"), "capex.csv:2:", "must be one of actual"),
    ("capex.csv", lambda s: s.replace(",100,,", ",100,90,"), "capex.csv:5:", "low_bn 100 is greater than high_bn 90"),
    ("capex.csv", lambda s: s.replace("2025-02-06", ""), "capex.csv:5:", "missing required field 'said_on'"),
    ("capex.csv", lambda s: s.replace(",100,,", ",,,"), "capex.csv:5:", "needs 'value_bn'"),
    ("capex.csv", lambda s: s.replace(",cn,", ",,"), "capex.csv:4: warning:", "names no 'quote'"),
    ("capex.csv", lambda s: s.replace(",cn,", ",ghost,"), "capex.csv:4:", "unknown or unverified quote 'ghost'"),
    (
        "capex.csv",
        lambda s: s.replace(",web,,,\nMSFT", ",nowhere,,,\nMSFT"),
        "capex.csv:2:",
        "unknown source 'nowhere'",
    ),
    ("capex.csv", lambda s: s + "MSFT,FY2024,2024-06-30,actual,1,,,cash,web,,,\n", "capex.csv:6:", "duplicate actual"),
    ("capex.csv", lambda s: s.replace(",basis,", ",basys,"), "capex.csv:1:", "missing required column(s): basis"),
    (
        "capex.csv",
        lambda s: s.replace("10.95,,,cash,web,,,", "10.95,,,cash,web,,,,,,"),
        "capex.csv:3:",
        "row has 15 cells",
    ),
    ("deals.csv", lambda s: s.replace("2023-09-25", "someday"), "deals.csv:2:", "not a valid date"),
    ("deals.csv", lambda s: s.replace(",4,", ",-4,"), "deals.csv:2:", "must not be negative"),
    ("deals.csv", lambda s: s.replace(",web,AWS", ",gone,AWS"), "deals.csv:3:", "unknown source 'gone'"),
]


@pytest.mark.parametrize(("name", "transform", "where", "words"), BROKEN, ids=[f"{b[0]}-{b[3]}" for b in BROKEN])
def test_each_rule_reports_its_place(make_data, name, transform, where, words):
    root = make_data({name: transform(FILES[name])})
    problems = problems_of(root)
    assert any(p.startswith(where) and words in p for p in problems), problems


def test_crlf_documents_and_quotes_still_match(make_data):
    root = make_data({"sources/doc.txt": DOC.replace("\n", "\r\n")})
    ds = load_dataset(root)
    assert ds.problems == []
    assert ds.quotes["cn"].doc_line == 3


def test_gbk_documents_are_named_as_not_utf8(make_data):
    root = make_data({"sources/doc.txt": DOC.encode("gbk"), "companies.toml": COMPANIES.encode("utf-16")})
    problems = problems_of(root)
    assert any(p.startswith("sources/doc.txt:3: file is not valid UTF-8 (it looks like GBK") for p in problems), (
        problems
    )
    assert any(
        p.startswith("companies.toml:1: this part of the file is not valid UTF-8 (it looks like UTF-16")
        for p in problems
    ), problems


def test_symlinked_documents_are_refused(make_data, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(DOC)
    root = make_data({"sources/doc.txt": None})
    (root / "sources").mkdir()
    (root / "sources" / "doc.txt").symlink_to(outside)
    assert any(p.startswith("sources.toml:6:") and "symbolic link" in p for p in problems_of(root))


def test_every_problem_is_listed_not_just_the_first(make_data):
    capex = CAPEX.replace("44.48", "x").replace("2024-03-31", "bad").replace("AMZN,FY2025", "ZZZ,FY2025")
    problems = problems_of(make_data({"capex.csv": capex, "quotes.toml": QUOTES.replace("far greater.", "!")}))
    assert {p.split(": ")[0] for p in problems} >= {"capex.csv:2", "capex.csv:3", "capex.csv:5", "quotes.toml:4"}


def test_references_into_a_broken_file_are_errors_that_say_why(make_data):
    problems = problems_of(make_data({"companies.toml": "not toml ["}))
    assert any(p.startswith("companies.toml:1: TOML syntax error") for p in problems)
    unknown = [p for p in problems if "unknown company" in p]
    assert unknown and all(p.endswith("(companies.toml could not be read)") for p in unknown), unknown
    problems = problems_of(make_data({"companies.toml": COMPANIES.replace('name = "Amazon"', "name = 7")}))
    first = "companies.toml:9: company 'AMZN': 'name' must be a string, not an integer"
    others = [p for p in problems if p != first]
    assert first in problems and others, problems
    assert all("unknown company ticker 'AMZN' (its entry in companies.toml has a problem)" in p for p in others)


def test_empty_and_missing_directories_open_with_problems(tmp_path):
    (tmp_path / "empty").mkdir()
    assert len(load_dataset(tmp_path / "empty").problems) == 5
    assert [p.message for p in load_dataset(tmp_path / "nothing").problems] == ["data directory not found"]


def test_extra_columns_and_keys_are_kept(make_data):
    capex = CAPEX.replace(",note\n", ",note,analyst\n").replace("44.48,,,cash,web,,,", "44.48,,,cash,web,,,,Jane")
    companies = COMPANIES.replace('name = "Amazon"', 'name = "Amazon"\ncloud = "AWS"')
    ds = load_dataset(make_data({"capex.csv": capex, "companies.toml": companies}))
    assert ds.problems == []
    assert ds.capex[0].extra == {"analyst": "Jane"}
    assert ds.companies["AMZN"].extra == {"cloud": "AWS"}


def test_scenario_problems_come_from_the_scenario_file(make_data):
    root = make_data({"scenarios/demo.toml": SCENARIO.replace("server_share = 0.5", "server_share = 1.5")})
    problems = problems_of(root)
    assert any(p.startswith(os.path.join("scenarios", "demo.toml") + ":10:") for p in problems), problems


def test_scenario_references_are_checked(make_data):
    root = make_data({"scenarios/demo.toml": SCENARIO.replace('"AMZN"', '"ZZZ"').replace('["under"]', '["nope"]')})
    problems = problems_of(root)
    assert any("unknown company ticker 'ZZZ'" in p for p in problems), problems
    assert any("unknown quote 'nope'" in p for p in problems), problems


def test_load_documents_reads_only_the_source_list(make_data):
    documents, problems = load_documents(make_data())
    assert list(documents) == ["doc"] and problems == []


def test_deals_keep_undisclosed_amounts_distinct_from_zero(make_data):
    ds = load_dataset(make_data({"deals.csv": DEALS.replace(",4,", ",0,")}))
    assert [d.amount_bn for d in ds.deals] == [0.0, None]


def test_sources_texts_are_not_required_for_external_sources(make_data):
    ds = load_dataset(make_data({"sources.toml": SOURCES}))
    assert ds.documents() == {"doc": ds.root / "sources" / "doc.txt"}
