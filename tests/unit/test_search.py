"""Document search: the scan is the contract, and the cached index must agree with it."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.search import index as search_index
from workbench.core.search.index import SearchIndex
from workbench.core.search.run import default_cache_dir, search_documents
from workbench.core.search.scan import (
    Hit,
    fold,
    hits_to_json,
    normalise_term,
    read_document,
    scan_documents,
    scan_one,
    scan_text,
)
from workbench.core.search.translations import Gloss, search_translations

REPO = Path(__file__).resolve().parents[2]
SEED_DIRS = [REPO.parent / "shared" / "seeds", REPO / "data" / "sources"]

# Terms that exercise every path of the index: CJK of one, two and more characters,
# mixed case, punctuation that FTS5 treats specially, blanks and line ends.
TERMS = [
    "算力",
    "算",
    "力",
    "资本支出",
    "資本支出",
    "亿美元",
    "亚马逊",
    "AI",
    "ai",
    "A",
    "aws",
    "Amazon",
    "AMAZON",
    "the",
    "in the",
    '"',
    '""',
    "*",
    "(",
    ":",
    " ",
    "  ",
    "\n",
    "。\n",
    "%",
    "1200",
    "$",
    "亿",
    "的",
    "OpenAI",
    "zzzz",
    "x",
]


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def plain_columns(path: Path, hit: Hit) -> str:
    """What a plain scan of the file's lines finds at a hit's line and column."""
    lines = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    return lines[hit.line - 1][hit.column - 1 : hit.column - 1 + hit.length]


@pytest.fixture
def seeds(tmp_path) -> dict[str, Path]:
    """The seed articles copied into a scratch directory, as source id → file."""
    folder = next((d for d in SEED_DIRS if d.is_dir() and any(d.glob("*.txt"))), None)
    if folder is None:
        pytest.skip("the seed documents are not available")
    target = tmp_path / "seeds"
    target.mkdir()
    documents = {}
    for path in sorted(folder.glob("*.txt")):
        documents[path.stem] = Path(shutil.copy(path, target / path.name))
    return documents


@pytest.fixture
def index(tmp_path):
    with SearchIndex(tmp_path / "cache") as idx:
        yield idx


# --------------------------------------------------------------------------- the scan


def test_overlapping_occurrences_all_count():
    assert scan_text("aaa", "aa") == [(0, 2), (1, 2)]
    assert scan_text("aaaa", "aa") == [(0, 2), (1, 2), (2, 2)]
    assert scan_text("算算算", "算算") == [(0, 2), (1, 2)]


def test_empty_term_finds_nothing(tmp_path):
    doc = write(tmp_path / "a.txt", "text")
    assert scan_text("text", "") == []
    assert scan_documents({"a": doc}, "") == []


def test_case_insensitive_both_ways():
    assert scan_text("Azure AZURE azure", "aZuRe") == [(0, 5), (6, 5), (12, 5)]
    assert scan_text("ÄBC äbc", "äBC") == [(0, 3), (4, 3)]


def test_folding_never_moves_a_position():
    # 'İ'.lower() is two characters; the fold keeps it as it is, so later columns hold.
    text = "İİ capex İstanbul"
    assert fold(text) == "İİ capex İstanbul".replace("capex", "capex")
    assert len(fold(text)) == len(text)
    assert scan_text(text, "CAPEX") == [(3, 5)]
    assert scan_text(text, "İs") == [(9, 2)]
    assert scan_text(text, "is") == []  # 'İ' is only ever itself
    # Σ folds to σ on its own, never to the word-final ς that str.lower() would pick.
    assert fold("ΟΔΟΣ") == "οδοσ"
    assert scan_text("ΟΔΟΣ οδος", "Σ") == [(3, 1)]


def test_columns_count_code_points_after_cjk(tmp_path):
    doc = write(tmp_path / "a.txt", "资本支出 capex\n算力 GPU 算力\n")
    hits = scan_documents({"a": doc}, "gpu")
    assert [(h.line, h.column, h.offset) for h in hits] == [(2, 4, 14)]
    hits = scan_documents({"a": doc}, "算力")
    assert [(h.line, h.column) for h in hits] == [(2, 1), (2, 8)]
    assert all(plain_columns(doc, h) == "算力" for h in hits)


def test_crlf_file_matches_its_lf_twin(tmp_path):
    lf = write(tmp_path / "lf.txt", "one\n资本支出 Capex\nthree capex\n")
    crlf = write(tmp_path / "crlf.txt", "one\r\n资本支出 Capex\r\nthree capex\r\n")
    a = scan_documents({"d": lf}, "capex")
    b = scan_documents({"d": crlf}, "capex")
    assert a == b
    assert [(h.line, h.column) for h in a] == [(2, 6), (3, 7)]
    assert read_document(crlf) == read_document(lf)
    # A pasted CRLF term matches across the line end.
    assert len(scan_documents({"d": crlf}, "one\r\n资本")) == 1


def test_bom_and_bad_bytes(tmp_path):
    doc = write(tmp_path / "a.txt", b"\xef\xbb\xbfcapex \xff capex")
    assert read_document(doc) == "capex \ufffd capex"
    assert [h.column for h in scan_documents({"a": doc}, "capex")] == [1, 9]


def test_offsets_index_the_normalised_text(tmp_path):
    doc = write(tmp_path / "a.txt", "x\r\n算力 and 算力\r\n")
    text = read_document(doc)
    for hit in scan_documents({"a": doc}, "算力"):
        assert text[hit.offset : hit.offset + hit.length] == "算力"


def test_snippet_collapses_whitespace_and_marks_cuts(tmp_path):
    long_line = "a" * 50 + "  \t capex \u3000 " + "b" * 50
    doc = write(tmp_path / "a.txt", f"short capex line\n{long_line}\n   capex   \n")
    first, second, third = scan_documents({"a": doc}, "capex")
    assert first.snippet == "short capex line"
    assert second.snippet.startswith("…") and second.snippet.endswith("…")
    assert "a capex b" in second.snippet
    assert len(second.snippet) < 80
    assert third.snippet == "capex"


def test_missing_documents_have_no_hits(tmp_path):
    doc = write(tmp_path / "a.txt", "capex")
    documents = {"gone": tmp_path / "nope.txt", "a": doc}
    assert [h.source for h in scan_documents(documents, "capex")] == ["a"]


def test_hits_to_json_has_exactly_the_contract_keys(tmp_path):
    doc = write(tmp_path / "a.txt", "算力 capex\n")
    out = hits_to_json(scan_documents({"src-1": doc}, "CAPEX"))
    assert out == [{"source": "src-1", "line": 1, "column": 4, "snippet": "算力 capex"}]
    assert json.loads(json.dumps(out, ensure_ascii=False)) == out


def test_seeds_find_suanli_at_the_right_places(seeds):
    hits = scan_documents(seeds, "算力")
    assert hits, "the seeds talk about 算力"
    total = sum(read_document(p).count("算力") for p in seeds.values())
    assert len(hits) == total
    for hit in hits:
        assert plain_columns(seeds[hit.source], hit) == "算力"
        assert "算力" in hit.snippet


# --------------------------------------------------------------------------- the index


def test_index_agrees_with_scan_on_the_seeds(seeds, index):
    index.sync(seeds)
    assert index.usable
    for term in TERMS:
        expected = scan_documents(seeds, term)
        assert index.search(term) == expected, term
        assert index.search(term, limit=3) == expected[:3], term


def test_the_index_is_read_not_memory_mapped(seeds, index):
    """A mapped index put every page a search touched into the app's resident memory."""
    index.sync(seeds)
    assert index.usable
    assert index._conn.execute("PRAGMA mmap_size").fetchone()[0] == 0


def test_index_agrees_across_chunk_boundaries(seeds, index):
    with mock.patch.object(search_index, "_CHUNK_CHARS", 7):
        index.sync(seeds)
        for term in TERMS:
            assert index.search(term) == scan_documents(seeds, term), term


_ALPHABET = (
    list("aAbBkK")
    + ["\u212a", "İ", "i", "ı", "Σ", "σ", "ς", "ß", "ẞ"]
    + list("算力资本支出亿")
    + [" ", "\n", "\r", "\t", '"', "*", "\x1f", "\x1e", "\x00", "é", "🚀"]
)
_text = st.text(alphabet=_ALPHABET, max_size=40)
_term = st.text(alphabet=_ALPHABET, min_size=1, max_size=5)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    docs=st.lists(_text, min_size=1, max_size=5),
    terms=st.lists(_term, min_size=1, max_size=6),
    picks=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 40), st.integers(1, 4)), max_size=4),
    chunk=st.sampled_from([1, 3, 2000]),
)
def test_index_equals_scan_for_any_text_and_term(docs, terms, picks, chunk):
    # Terms cut from the documents themselves make sure there are hits to get right.
    for d, start, size in picks:
        cut = docs[d % len(docs)][start : start + size]
        if cut:
            terms.append(cut.swapcase())
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(search_index, "_CHUNK_CHARS", chunk):
        root = Path(tmp)
        documents = {
            f"s{i}": write(root / "data" / f"{i}.txt", text.encode("utf-8", "surrogatepass"))
            for i, text in enumerate(docs)
        }
        with SearchIndex(root / "cache") as idx:
            idx.sync(documents)
            for term in terms:
                assert idx.search(term) == scan_documents(documents, term), term
            # Edit one document, drop another, and ask again.
            write(documents["s0"], (docs[0] + "Σ算力aa").encode("utf-8"))
            documents.pop(f"s{len(docs) - 1}", None) if len(docs) > 1 else None
            idx.sync(documents)
            for term in terms:
                assert idx.search(term) == scan_documents(documents, term), term


def test_edit_with_same_size_is_noticed(tmp_path, index):
    doc = write(tmp_path / "d" / "a.txt", "capex 算力\n")
    index.sync({"a": doc})
    assert len(index.search("capex")) == 1
    before = doc.stat()
    write(doc, "opex! 算力\n")  # same size in bytes
    os.utime(doc, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert doc.stat().st_size == before.st_size
    index.sync({"a": doc})
    assert index.search("capex") == []
    assert len(index.search("opex")) == 1


def test_edit_with_new_content_is_noticed(tmp_path, index):
    doc = write(tmp_path / "d" / "a.txt", "capex\n")
    index.sync({"a": doc})
    write(doc, "line one\nthe capex moved down, capex twice\n")
    index.sync({"a": doc})
    assert [(h.line, h.column) for h in index.search("capex")] == [(2, 5), (2, 23)]


def test_unchanged_documents_are_not_read_again(seeds, index):
    index.sync(seeds)
    with mock.patch.object(search_index, "read_document", side_effect=AssertionError):
        index.sync(seeds)
    assert index.search("算力") == scan_documents(seeds, "算力")


def test_removed_and_reordered_documents(seeds, index):
    index.sync(seeds)
    first, *rest = seeds
    fewer = {k: seeds[k] for k in rest}
    index.sync(fewer)
    assert index.search("a") == scan_documents(fewer, "a")
    assert first not in {h.source for h in index.search("a")}
    backwards = dict(reversed(list(seeds.items())))
    index.sync(backwards)
    assert index.search("AI") == scan_documents(backwards, "AI")
    # A file deleted from disk but still listed drops out, as the scan leaves it out.
    seeds[first].unlink()
    index.sync(seeds)
    assert index.search("a") == scan_documents(seeds, "a")


def test_corrupt_cache_is_rebuilt(seeds, tmp_path):
    cache = tmp_path / "cache"
    with SearchIndex(cache) as idx:
        idx.sync(seeds)
    db = cache / "search.sqlite3"
    db.write_bytes(b"this is not a database" * 1000)
    with SearchIndex(cache) as idx:
        idx.sync(seeds)
        assert idx.usable
        assert idx.search("算力") == scan_documents(seeds, "算力")
    # Damage deep inside the file, found only mid-search: that search still answers
    # (from the files), and the next sync rebuilds the cache.
    with SearchIndex(cache) as idx:
        idx.sync(seeds)
    size = db.stat().st_size
    with db.open("r+b") as f:
        f.seek(size // 2)
        f.write(b"\xff" * (size // 2))
    with SearchIndex(cache) as idx:
        idx.sync(seeds)
        expected = scan_documents(seeds, "亚马逊")
        assert idx.search("亚马逊") == expected
        assert not idx.usable
        idx.sync(seeds)
        assert idx.usable
        assert idx.search("亚马逊") == expected


def test_cache_from_other_rules_is_rebuilt(seeds, tmp_path):
    cache = tmp_path / "cache"
    with SearchIndex(cache) as idx:
        idx.sync(seeds)
    with sqlite3.connect(cache / "search.sqlite3") as conn:
        conn.execute("UPDATE meta SET value='0/old' WHERE key='stamp'")
    with SearchIndex(cache) as idx:
        idx.sync(seeds)
        assert idx.usable
        assert idx.search("算力") == scan_documents(seeds, "算力")


def test_unusable_cache_dir_falls_back_to_scanning(seeds, tmp_path):
    blocker = write(tmp_path / "not-a-dir", "x")
    with SearchIndex(blocker / "cache") as idx:
        idx.sync(seeds)
        assert not idx.usable
        assert idx.search("算力") == scan_documents(seeds, "算力")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores modes")
def test_read_only_cache_dir_falls_back_to_scanning(seeds, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    try:
        with SearchIndex(cache) as idx:
            idx.sync(seeds)
            assert idx.search("算力") == scan_documents(seeds, "算力")
    finally:
        cache.chmod(0o755)


def test_another_process_syncing_other_documents(seeds, tmp_path):
    cache = tmp_path / "cache"
    first, *rest = seeds
    with SearchIndex(cache) as mine, SearchIndex(cache) as theirs:
        mine.sync(seeds)
        theirs.sync({k: seeds[k] for k in rest})
        assert mine.search("a") == scan_documents(seeds, "a")


def test_searches_from_worker_threads(seeds, index):
    index.sync(seeds)
    expected = {t: scan_documents(seeds, t) for t in ("算力", "AI", "亿", "the")}
    failures: list[str] = []

    def worker() -> None:
        for _ in range(5):
            for term, want in expected.items():
                if index.search(term) != want:
                    failures.append(term)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    threads.append(threading.Thread(target=lambda: [index.sync(seeds) for _ in range(5)]))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_search_during_a_long_sync_scans_the_files(seeds, index):
    index.sync(seeds)
    entered, release = threading.Event(), threading.Event()
    real = SearchIndex._add_chunks

    def slow_add(self, doc_id, *rest):
        entered.set()
        release.wait(5)
        return real(self, doc_id, *rest)

    name = next(iter(seeds))
    write(seeds[name], "brand new 算力 text\n")
    with mock.patch.object(SearchIndex, "_add_chunks", slow_add):
        syncing = threading.Thread(target=index.sync, args=(seeds,))
        syncing.start()
        assert entered.wait(5)
        # The edited file is already what a search sees, before the index has it.
        assert index.search("算力") == scan_documents(seeds, "算力")
        release.set()
        syncing.join()
    assert index.usable
    assert index.search("算力") == scan_documents(seeds, "算力")


# --------------------------------------------------------------------------- helpers


def test_default_cache_dir(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "c"))
    a = default_cache_dir(data)
    assert a.parent == tmp_path / "c"
    assert default_cache_dir(tmp_path / "data" / ".." / "data") == a
    assert default_cache_dir(tmp_path / "other") != a
    monkeypatch.delenv("WORKBENCH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir(data).parent == tmp_path / "xdg" / "ai-capex-workbench"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert default_cache_dir(data).parent == Path.home() / ".cache" / "ai-capex-workbench"
    assert data not in default_cache_dir(data).parents


def test_search_documents_one_shot(seeds, tmp_path):
    expected = scan_documents(seeds, "算力")
    assert search_documents(seeds, "算力", cache_dir=tmp_path / "c") == expected
    assert search_documents(seeds, "算力", cache_dir=tmp_path / "c") == expected  # warm
    assert search_documents(seeds, "算力", use_index=False) == expected
    assert search_documents(seeds, "算力") == expected  # default cache, from the env
    assert search_documents({}, "算力") == []


@settings(max_examples=200, deadline=None)
@given(glosses=st.lists(_text, max_size=6), term=_term, limit=st.none() | st.integers(1, 4))
def test_gloss_search_finds_what_each_gloss_alone_holds(glosses, term, limit):
    """The glosses are searched joined, then one by one where the joined text matched: the hits
    are those of each gloss searched on its own, a match across two glosses included in none."""
    quotes = [Gloss(f"q{i}", "source", text) for i, text in enumerate(glosses)]
    folded = fold(normalise_term(term))
    expected = [
        hit for q in quotes if q.translation for hit in scan_one(q.id, normalise_term(q.translation), folded, None)
    ]
    assert search_translations(quotes, term, limit) == (expected if limit is None else expected[:limit])
