"""Caches and indexes cannot run code, and a planted or doctored one is never served."""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
import time
from pathlib import Path

import pytest

from bench import gen_large
from workbench.core.data.loader import load_dataset
from workbench.core.files import cache as cache_module
from workbench.core.files.cache import ParsedCache, cache_base, cache_key, data_cache_dir, prune_caches, sign
from workbench.core.search.index import SearchIndex
from workbench.core.search.scan import scan_documents


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "data"
    gen_large.generate(root, companies=6, quarters=2, docs=4, doc_kb=2, quotes=400, deals=2, scenarios=0)
    return root


def _entry(root: Path) -> Path:
    entry = ParsedCache.for_data(root)._entry(root / "quotes.toml")
    assert entry is not None
    return entry


class _Boom:
    """Unpickling this runs a command: what a planted pickle entry did."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_entry_never_runs(generated, tmp_path):
    marker = tmp_path / "ran"
    expected = load_dataset(generated, cache=False).quotes
    entry = _entry(generated)
    entry.parent.mkdir(parents=True, exist_ok=True)
    payload = pickle.dumps(_Boom(marker))
    entry.write_bytes(payload)
    entry.with_suffix(".pickle").write_bytes(payload)  # where the old format kept it
    assert load_dataset(generated).quotes == expected
    assert not marker.exists()


def test_a_doctored_entry_serves_no_phantom(generated):
    expected = load_dataset(generated, cache=False).quotes
    load_dataset(generated)  # fills the cache
    entry = _entry(generated)
    header, body = entry.read_bytes().split(b"\n", 1)
    assert b"Speaker 7" in body
    phantom = body.replace(b"Speaker 7", b"Phantom 7", 1)
    entry.write_bytes(header + b"\n" + phantom)  # same file digest, text that no file holds
    assert load_dataset(generated).quotes == expected
    # Re-signed by someone without this user's key: still not served.
    fields = json.loads(header)
    fields["signature"] = sign(b"\0" * 32, fields["format"].encode(), fields["digest"].encode(), phantom).hex()
    entry.write_bytes(json.dumps(fields).encode() + b"\n" + phantom)
    ds = load_dataset(generated)
    assert ds.quotes == expected and not any(q.speaker == "Phantom 7" for q in ds.quotes.values())
    # The cache works: a load rewrote the entry and the next one reads it.
    assert load_dataset(generated).quotes == expected and b"Phantom" not in entry.read_bytes()


def test_dates_and_tag_lookalikes_round_trip(tmp_path):
    from datetime import date, datetime, timedelta, timezone
    from datetime import time as clock

    cache = ParsedCache(tmp_path / "c")
    text = "x" * ParsedCache.MIN_CHARS
    data = {
        "when": [date(2025, 1, 2), datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=8)))],
        "clock": clock(7, 30),
        "table": {"$date": "2025-01-02"},  # a real table whose key looks like a tag
        "many": [{"n": i, "d": date(2025, 1, 1)} for i in range(1200)],  # split over several lines
        "float": [float("inf"), -0.0, 1e300],
    }
    cache.put(tmp_path / "f.toml", text, data, [("quote", True, 3)])
    assert cache.get(tmp_path / "f.toml", text) == (data, [("quote", True, 3)])
    assert cache.get(tmp_path / "f.toml", text + " ") is None


def test_no_private_key_no_cache(generated, monkeypatch):
    key = cache_base() / "key"
    cache_key()
    os.chmod(key, 0o644)  # readable by others: entries signed with it could be forged
    assert cache_key() is None
    entry = _entry(generated)
    entry.unlink(missing_ok=True)
    assert load_dataset(generated).quotes == load_dataset(generated, cache=False).quotes
    assert not entry.exists()
    os.chmod(key, 0o600)
    assert cache_key() is not None


def test_an_altered_index_never_yields_a_phantom_hit(tmp_path):
    docs = {}
    for n in range(3):
        path = tmp_path / "docs" / f"d{n}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"document {n}: the risk of underinvesting is far greater.\n" * 50, encoding="utf-8")
        docs[f"d{n}"] = path
    with SearchIndex(tmp_path / "cache") as index:
        index.sync(docs)
        assert index.usable and index.search("underinvesting") == scan_documents(docs, "underinvesting")
    db = sqlite3.connect(tmp_path / "cache" / "search.sqlite3")
    db.execute("UPDATE chunks SET body = replace(body, 'far greater', 'a phantom!!')")
    db.commit()
    db.close()
    with SearchIndex(tmp_path / "cache") as index:
        index.sync(docs)  # the files did not change: the (altered) index is taken as it is
        assert index.search("phantom") == [] == scan_documents(docs, "phantom")
        assert index.search("far greater") == scan_documents(docs, "far greater")
        index.sync(docs)  # the altered cache was dropped: rebuilt from the files
        assert index.usable and index.search("far greater") == scan_documents(docs, "far greater")
    # A chunk moved to another document, or its source renamed, is caught the same way.
    db = sqlite3.connect(tmp_path / "cache" / "search.sqlite3")
    db.execute("UPDATE docs SET source = 'd9' WHERE source = 'd1'")
    db.commit()
    db.close()
    with SearchIndex(tmp_path / "cache") as index:
        index.sync({**docs, "d9": docs["d1"]})
        hits = index.search("document 1")
        assert hits == scan_documents({**docs, "d9": docs["d1"]}, "document 1")


def test_caches_of_old_or_many_data_directories_are_pruned(tmp_path):
    now = time.time()
    made = []
    for n in range(12):
        folder = data_cache_dir(tmp_path / f"data{n}", "search")
        folder.mkdir(parents=True)
        (folder / "search.sqlite3").write_bytes(b"x" * 100)
        used = now - n * 3600 - (40 * 86400 if n == 3 else 0)  # data3 unused for 40 days
        os.utime(folder, (used, used))
        made.append(folder)
    current = made[11]  # the oldest, but in use now
    parsed_current = data_cache_dir(tmp_path / "data11", "parsed")  # its other kind of cache
    parsed_current.mkdir()
    os.utime(parsed_current, (now - 50 * 86400, now - 50 * 86400))
    stale_temp = made[0] / ".manifest-abc.json"
    stale_temp.write_text("[]")
    os.utime(stale_temp, (now - 120, now - 120))
    forgotten = parsed_current / "0123456789abcdef01234567.json"  # an entry for a file long gone
    forgotten.write_text("{}")
    os.utime(forgotten, (now - 40 * 86400, now - 40 * 86400))
    os.utime(parsed_current, (now - 50 * 86400, now - 50 * 86400))
    removed = prune_caches(current, now=now)
    kept = [folder for folder in made if folder.exists()]
    assert made[3] in removed and current in kept and parsed_current.exists() and not forgotten.exists()
    assert len([f for f in kept if f != current]) <= cache_module.KEEP_DATA_DIRS
    assert made[0] in kept and not stale_temp.exists()


def test_an_index_altered_while_open_is_caught_too(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("capex is rising fast\n" * 200, encoding="utf-8")
    docs = {"d": path}
    with SearchIndex(tmp_path / "cache") as index:
        index.sync(docs)
        assert len(index.search("rising")) == 200  # every chunk checked once
        db = sqlite3.connect(tmp_path / "cache" / "search.sqlite3")
        db.execute("UPDATE chunks SET body = replace(body, 'rising', 'phantom')")
        db.commit()
        db.close()
        assert index.search("phantom") == [] and index.search("rising") == scan_documents(docs, "rising")
