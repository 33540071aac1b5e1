"""Loading in phases: the preview shown first, and a whole dataset exactly as one load gives it."""

from __future__ import annotations

import pytest

from tests.datakit import CAPEX, DOC, QUOTES
from workbench.core.data import loader
from workbench.core.data.loader import load_dataset, load_in_phases, load_preview


@pytest.fixture(autouse=True)
def every_capex_is_large(monkeypatch):
    monkeypatch.setattr(loader, "PREVIEW_CAPEX_BYTES", 0)


def _same(a, b) -> None:
    assert a.capex == b.capex and a.financials == b.financials
    assert sorted(map(str, a.problems)) == sorted(map(str, b.problems))
    assert a.quotes == b.quotes and a.deals == b.deals and a.sources == b.sources
    assert a.companies == b.companies and a.scenarios.keys() == b.scenarios.keys()


# Damage that makes the preview's figures differ from the whole load's, and damage that does not.
CASES = {
    "clean": {},
    "quote no longer verbatim": {"sources/doc.txt": DOC.replace("资本支出达到140亿美元", "资本支出达到14亿美元")},
    "quote gone": {"quotes.toml": QUOTES.replace('id = "cn"', 'id = "cn2"')},
    "quotes.toml broken": {"quotes.toml": "[[quote]\nid = 1"},
    "document missing": {"sources/doc.txt": None},
    "quote from another source": {
        "quotes.toml": QUOTES.replace('source = "doc"\ntext = "资本', 'source = "web"\ntext = "资本')
    },
    "bad capex row": {"capex.csv": CAPEX + "MSFT,FY2024Q9,2024-03-31,actual,x,,,cash,web,,,\n"},
    "duplicate actual citing a bad quote": {
        "capex.csv": CAPEX + "AMZN,FY2024Q1,2024-03-31,actual,15,,,net_cash,doc,,nope,\n"
    },
    "no capex": {"capex.csv": None},
    "no sources": {"sources.toml": None},
}


@pytest.mark.parametrize("case", CASES)
def test_the_whole_dataset_after_a_preview_is_exactly_one_load(make_data, case):
    root = make_data(CASES[case])
    phases = list(load_in_phases(root, cache=False))
    steps = [False, True] if (root / "capex.csv").exists() else [True]
    assert [complete for complete, _ in phases] == steps
    _same(phases[-1][1], load_dataset(root, cache=False))


def test_the_preview_has_companies_and_capex_and_reads_no_document(make_data):
    root = make_data({"sources/doc.txt": b"\xff\xfe not utf-8"})
    preview = load_preview(root, cache=False)
    assert set(preview.companies) == {"MSFT", "AMZN"}
    assert len(preview.capex) == 4  # the figure citing quote "cn" waits for the whole load
    assert not preview.quotes and not preview.deals
    assert not any("doc.txt" in p.path for p in preview.problems)  # the document was not read


def test_a_small_capex_file_loads_in_one_step(make_data, monkeypatch):
    monkeypatch.setattr(loader, "PREVIEW_CAPEX_BYTES", 1_000_000)
    root = make_data()
    phases = list(load_in_phases(root, cache=False))
    assert [complete for complete, _ in phases] == [True]


@pytest.mark.parametrize(("case", "reads"), [("clean", 1), ("quotes.toml broken", 2), ("quote no longer verbatim", 2)])
def test_capex_is_read_once_unless_the_quotes_change_it(make_data, monkeypatch, case, reads):
    calls = []
    original = loader._load_capex
    monkeypatch.setattr(loader, "_load_capex", lambda *args: calls.append(1) or original(*args))
    list(load_in_phases(make_data(CASES[case]), cache=False))
    assert len(calls) == reads


def test_progress_is_told_after_each_file_with_the_counts_so_far(make_data):
    seen = []
    phases = list(
        load_in_phases(make_data(), cache=False, progress=lambda name, ds: seen.append((name, len(ds.quotes))))
    )
    assert [name for name, _ in seen] == [
        "companies.toml",
        "sources.toml",
        "quotes.toml",
        "capex.csv",
        "financials.csv",
        "deals.csv",
    ]
    assert dict(seen)["quotes.toml"] == 2 == len(phases[-1][1].quotes)
