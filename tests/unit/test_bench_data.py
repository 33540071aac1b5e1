"""The generated large data set is valid, and the cache of parsed TOML can never serve stale data."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from bench import gen_large
from workbench.cli import main as workbench
from workbench.core.data.loader import load_dataset
from workbench.core.files.cache import ParsedCache, data_cache_dir


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A small version of the benchmark's large set: every kind of record, quotes worth caching."""
    root = tmp_path_factory.mktemp("generated") / "data"
    gen_large.generate(root, companies=24, quarters=9, docs=12, doc_kb=3, quotes=400, deals=30, scenarios=3)
    return root


def test_generated_set_passes_check(generated, capsys):
    assert workbench(["check", "--data", str(generated)]) == 0
    assert "no problems" in capsys.readouterr().err


def test_generated_set_has_what_was_asked_for(generated):
    ds = load_dataset(generated, cache=False)
    assert ds.problems == []
    assert len(ds.companies) == 24 and len(ds.quotes) == 400 and len(ds.deals) == 30 and len(ds.scenarios) == 3
    assert len(ds.documents()) == 12
    quarterly = [f for f in ds.capex if f.kind == "actual" and f.fiscal_quarter is not None]
    assert len(quarterly) == 24 * 9
    assert {f.kind for f in ds.capex} == {"actual", "guidance"}
    # the payback side: 8 quarters of four metrics for everyone, cloud revenue and RPO for a third
    metrics = {f.metric for f in ds.financials}
    assert metrics == {
        "revenue",
        "operating_income",
        "operating_cash_flow",
        "depreciation_amortization",
        "cloud_revenue",
        "rpo",
    }
    revenue = [f for f in ds.financials if f.metric == "revenue" and f.fiscal_quarter is not None]
    assert len(revenue) == 24 * 8 and {f.segment for f in ds.financials if f.metric == "rpo"} == {"Cloud"}
    texts = [ds.document_text(sid) for sid in ds.documents()]
    assert any(any("\u4e00" <= c <= "\u9fff" for c in t) for t in texts)  # Chinese
    assert any(" the " in t for t in texts)  # and English
    assert any(q.translation for q in ds.quotes.values()) and any(q.answers for q in ds.quotes.values())


def test_generator_is_deterministic(tmp_path):
    sizes = dict(companies=5, quarters=4, docs=3, doc_kb=2, quotes=20, deals=5, scenarios=2)
    gen_large.generate(tmp_path / "a", **sizes)
    gen_large.generate(tmp_path / "b", **sizes)
    for path in sorted((tmp_path / "a").rglob("*")):
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.is_dir() or path.read_bytes() == twin.read_bytes(), path


# --- the parsed-TOML cache -------------------------------------------------------------------


def _entry(root: Path, name: str = "quotes.toml") -> Path:
    entry = ParsedCache.for_data(root)._entry(root / name)
    assert entry is not None
    return entry


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (same length), keeping the file's size and modification time."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_quotes_file_is_large_enough_to_be_cached(generated):
    assert len((generated / "quotes.toml").read_text(encoding="utf-8")) >= ParsedCache.MIN_CHARS
    load_dataset(generated)
    assert _entry(generated).exists()


def test_an_edit_that_keeps_size_and_mtime_is_seen(generated, tmp_path):
    root = tmp_path / "data"
    gen_large.generate(root, companies=6, quarters=2, docs=4, doc_kb=2, quotes=400, deals=2, scenarios=0)
    first = load_dataset(root)
    assert first.quotes["bench-q7"].speaker == "Speaker 7"
    assert _entry(root).exists()
    _same_size_edit(root / "quotes.toml", 'speaker = "Speaker 7"', 'speaker = "Speakr! 7"')
    second = load_dataset(root)
    assert second.quotes["bench-q7"].speaker == "Speakr! 7"
    # An edit that breaks a rule is reported, at the line of the edit, however the file was cached.
    _same_size_edit(root / "quotes.toml", 'stance = "bull"', 'stance = "bulk"')
    third = load_dataset(root)
    lines = (root / "quotes.toml").read_text(encoding="utf-8").splitlines()
    [problem] = third.problems
    assert "must be one of bull, bear, neutral" in problem.message
    assert lines[problem.line - 1] == 'stance = "bulk"'


def test_cached_and_uncached_loads_agree(generated, tmp_path):
    root = tmp_path / "data"
    gen_large.generate(root, companies=6, quarters=2, docs=4, doc_kb=2, quotes=400, deals=2, scenarios=0)
    path = root / "quotes.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('source = "doc00002"', 'source = "nowhere"', 3), encoding="utf-8"
    )
    uncached = load_dataset(root, cache=False)
    load_dataset(root)  # fills the cache
    cached = load_dataset(root)  # reads it
    assert _entry(root).exists()
    assert [str(p) for p in cached.problems] == [str(p) for p in uncached.problems] and len(cached.problems) == 3
    assert cached.quotes == uncached.quotes
    assert [q.line for q in cached.quotes.values()] == [q.line for q in uncached.quotes.values()]


def test_a_damaged_or_foreign_entry_is_a_miss(generated, tmp_path):
    root = tmp_path / "data"
    gen_large.generate(root, companies=6, quarters=2, docs=4, doc_kb=2, quotes=400, deals=2, scenarios=0)
    expected = load_dataset(root, cache=False).quotes
    entry = _entry(root)
    load_dataset(root)
    for junk in (b"", b"not a pickle", entry.read_bytes()[: len(entry.read_bytes()) // 2]):
        entry.write_bytes(junk)
        assert load_dataset(root).quotes == expected
    # An entry written for another text (here: another data directory's quotes) is not used either.
    load_dataset(generated)
    entry.write_bytes(_entry(generated).read_bytes())
    assert load_dataset(root).quotes == expected


def test_an_unwritable_cache_changes_nothing(generated, tmp_path, monkeypatch):
    root = tmp_path / "data"
    gen_large.generate(root, companies=6, quarters=2, docs=4, doc_kb=2, quotes=400, deals=2, scenarios=0)
    blocker = tmp_path / "a-file"  # a cache directory that cannot be made, even by root
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(blocker / "cache"))
    assert load_dataset(root).quotes == load_dataset(root, cache=False).quotes
    assert not data_cache_dir(root, "parsed").exists()


def test_small_loads_leave_the_garbage_collector_alone(make_data):
    frozen = gc.get_freeze_count()
    load_dataset(make_data())
    assert gc.get_freeze_count() == frozen and gc.isenabled()
