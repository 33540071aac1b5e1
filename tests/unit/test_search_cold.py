"""A first search of a large library answers by scanning and leaves the index to a background build;
the quick byte test that lets a scan skip documents never skips one that holds the term."""

from __future__ import annotations

import fcntl
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.search import index as search_index
from workbench.core.search import run as search_run
from workbench.core.search import scan as search
from workbench.core.search.index import SearchIndex, build, index_in_background
from workbench.core.search.run import search_documents
from workbench.core.search.scan import find_all, fold, hits_in, read_document, scan_documents


def reference_scan(documents: dict[str, Path], term: str) -> list:
    """The search contract, spelt out: decode, fold, find every occurrence."""
    term = term.replace("\r\n", "\n")
    if not term:
        return []
    hits = []
    for source, path in documents.items():
        text = read_document(path)
        hits += hits_in(source, text, find_all(fold(text), fold(term)), len(term))
    return hits


# Bytes that decode oddly (BOM, CRLF, invalid UTF-8, U+FFFD) and characters that fold oddly.
PIECES = [
    "a",
    "A",
    "k",
    "K",
    "\u212a",
    "capex",
    "CAPEX",
    "算力",
    "算",
    "资本",
    "資本",
    "臺",
    "台",
    "İ",
    "i",
    "Σ",
    "σ",
    "ς",
    "\ufffd",
    "\r\n",
    "\r",
    "\n",
    " ",
    "1200",
    "$",
    "é",
    "É",
]
RAW = [b"\xef\xbb\xbf", b"\xff", b"\xe7\xae", b"\xc3", b"\x80"]
documents_st = st.lists(
    st.lists(
        st.one_of(st.sampled_from(PIECES).map(lambda p: p.encode("utf-8")), st.sampled_from(RAW)), max_size=12
    ).map(b"".join),
    min_size=1,
    max_size=4,
)
terms_st = st.lists(st.sampled_from(PIECES + ["ca", "PEX", "k1", "\ufffda", "\ud800"]), min_size=1, max_size=3).map(
    "".join
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(contents=documents_st, term=terms_st)
def test_scan_equals_the_contract(tmp_path_factory, contents, term):
    root = tmp_path_factory.mktemp("docs")
    documents = {}
    for i, raw in enumerate(contents):
        (root / f"{i}.txt").write_bytes(raw)
        documents[f"s{i}"] = root / f"{i}.txt"
    assert scan_documents(documents, term) == reference_scan(documents, term)


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            list("aAkKxX ́\n")
            + ["\u212a", "İ", "Σ", "算", "🚀", "\U0001d400", "\x00", "\u0141", "\u4e41", "\u4100", "\u6b00", "é"]
            + ["资", "資", "台", "臺", "颱", "\ud800"]
        ),
        max_size=30,
    ),
    term=st.text(
        alphabet=st.sampled_from(list("akxAKX ") + ["\u212a", "算", "🚀", "资", "資", "台", "臺"]),
        min_size=1,
        max_size=3,
    ),
)
def test_every_way_of_finding_agrees_with_folding(text, term):
    folded = fold(term)
    assert list(search.find_folded(text, folded)) == list(find_all(fold(text), folded))


@pytest.mark.parametrize(
    ("text", "term", "offsets"),
    [
        ("Capex CAPEX capex", "capex", [0, 6, 12]),  # ASCII text
        ("资本 Capex — capex", "capex", [3, 11]),  # UTF-16: one unit per character
        ("🚀 CAPEX 资本", "capex", [2]),  # UTF-32: a character beyond U+FFFF
        ("\u6b00\u4100 k", "k", [3]),  # bytes 00 6B 00 41: "k" at an odd byte is no match
        ("\u212a and K", "k", [0, 6]),  # the Kelvin sign folds into k: the text is folded
        ("資本支出與资本支齣", "资本支出", [0, 5]),  # anchored on 本支, spellings around it
        ("算", "算台", []),  # an anchor too near the end to be the term
        ("算臺A 算臺 ", "算台 ", [4]),  # the anchor 算, and beyond it a spelling of 台, then " "
        ("台臺台", "台台", [0, 1]),  # no character with one spelling: every spelling, overlapping
        ("aaa", "aa", [0, 1]),
    ],
)
def test_finding_a_term_in_each_kind_of_text(text, term, offsets):
    folded = fold(term)
    assert list(search.find_folded(text, folded)) == list(find_all(fold(text), folded)) == offsets


def test_fold_facts_match_a_character_by_character_count():
    changed = {c: folded for c in map(chr, range(0x110000)) if (folded := fold(c)) != c}
    facts = search.fold_facts()
    assert facts.targets == set(changed.values())
    assert facts.into_ascii == {c for c, folded in changed.items() if folded.isascii() and not c.isascii()}
    assert all(c in facts.sources[folded] for c, folded in changed.items())
    assert {changed["資"], changed["臺"], changed["K"]} == {"资", "台", "k"}


def test_simplified_and_traditional_chinese_find_each_other():
    text = "今年資本支出大增；资本支出 in 臺灣 and 台湾"
    assert search.scan_text(text, "资本支出") == [(2, 4), (9, 4)]
    assert search.scan_text(text, "資本支出") == [(2, 4), (9, 4)]
    assert search.scan_text(text, "台湾") == [(17, 2), (24, 2)]
    # Folding never moves a position, so a hit highlights exactly the characters it matched.
    assert text[2:6] == "資本支出" and text[9:13] == "资本支出"


def _library(root: Path, count: int = 6) -> dict[str, Path]:
    root.mkdir(parents=True, exist_ok=True)
    documents = {}
    for i in range(count):
        path = root / f"doc{i}.txt"
        path.write_text(f"第{i}段 资本支出 capex {i}\n算力 and more Capex\n", encoding="utf-8")
        documents[f"doc{i}"] = path
    return documents


def test_first_search_of_a_large_library_scans_and_builds_in_the_background(tmp_path, monkeypatch):
    documents = _library(tmp_path / "data")
    started = []
    monkeypatch.setattr(search_run, "INLINE_SYNC_BYTES", 10)  # every library counts as large
    monkeypatch.setattr(search_index, "index_in_background", lambda cache, docs: started.append((cache, dict(docs))))
    cache = tmp_path / "cache"
    assert search_documents(documents, "capex", cache_dir=cache) == scan_documents(documents, "capex")
    assert started == [(cache, documents)]
    with SearchIndex(cache) as index:
        assert index.outdated_bytes(documents) == sum(p.stat().st_size for p in documents.values())


def test_small_changes_are_indexed_inline_and_answered_from_the_index(tmp_path, monkeypatch):
    documents = _library(tmp_path / "data")
    cache = tmp_path / "cache"
    assert search_documents(documents, "算力", cache_dir=cache) == scan_documents(documents, "算力")
    with SearchIndex(cache) as index:
        assert index.outdated_bytes(documents) == 0
    documents["doc0"].write_text("edited 算力\n", encoding="utf-8")
    expected = scan_documents(documents, "算力")
    monkeypatch.setattr(search, "scan_documents", lambda *a, **k: (_ for _ in ()).throw(AssertionError("scanned")))
    monkeypatch.setattr(search_index, "index_in_background", lambda *a: (_ for _ in ()).throw(AssertionError("bg")))
    assert search_documents(documents, "算力", cache_dir=cache) == expected


def test_build_syncs_from_a_manifest_and_gives_way_to_a_running_build(tmp_path):
    documents = _library(tmp_path / "data")
    cache = tmp_path / "cache"
    cache.mkdir()
    manifest = cache / "m.json"
    manifest.write_text(json.dumps([[k, str(v)] for k, v in documents.items()]), encoding="utf-8")
    with open(cache / "build.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert build(cache, manifest) == 0  # gave way
    assert not manifest.exists()
    with SearchIndex(cache) as index:
        assert index.outdated_bytes(documents) > 0
    manifest.write_text(json.dumps([[k, str(v)] for k, v in documents.items()]), encoding="utf-8")
    assert build(cache, manifest) == 0
    with SearchIndex(cache) as index:
        assert index.outdated_bytes(documents) == 0
        index.sync(documents)
        assert index.search("capex") == scan_documents(documents, "capex")
    assert build(cache, tmp_path / "missing.json") == 1


def test_a_detached_build_leaves_a_usable_index(tmp_path):
    documents = _library(tmp_path / "data", count=20)
    cache = tmp_path / "cache"
    assert index_in_background(cache, documents)
    deadline = time.monotonic() + 60  # a generous bound for a busy machine, not a timing
    with SearchIndex(cache) as index:
        while index.outdated_bytes(documents) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert index.outdated_bytes(documents) == 0
    for builder in search_index._BUILDERS:
        builder.wait(30)
    assert not list(cache.glob(".manifest-*"))
    assert search_documents(documents, "CAPEX", cache_dir=cache) == scan_documents(documents, "CAPEX")


def test_an_index_locked_by_a_build_elsewhere_catches_up_once_it_is_done(tmp_path, monkeypatch):
    import sqlite3

    monkeypatch.setattr(search_index, "_BUSY_MS", 50)
    documents = _library(tmp_path / "data")
    cache = tmp_path / "cache"
    app_index = SearchIndex(cache)
    other = sqlite3.connect(cache / "search.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process is writing (a background build)
    app_index.sync(documents)
    assert not app_index.usable
    assert app_index.search("capex") == scan_documents(documents, "capex")  # answered by scanning
    other.execute("ROLLBACK")
    other.close()
    with SearchIndex(cache) as builder:  # the build elsewhere finishes
        builder.sync(documents)
    monkeypatch.setattr(search_index, "scan_documents", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    monkeypatch.setattr(app_index, "_caught_up_at", -10.0)
    assert app_index.search("算力") == search.scan_documents(documents, "算力")
    assert app_index.usable
    app_index.close()
