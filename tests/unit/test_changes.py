"""The change check: what the app stamps to notice edited data files, and what it never walks."""

from __future__ import annotations

import os
import time
from pathlib import Path

from workbench.core.data.changes import data_fingerprint
from workbench.core.data.loader import load_dataset


def _touch_later(path: Path) -> None:
    later = time.time() + 5
    os.utime(path, (later, later))


def test_an_edited_contract_file_changes_the_fingerprint(make_data):
    root = make_data()
    before = data_fingerprint(root)
    assert data_fingerprint(root) == before
    _touch_later(root / "capex.csv")
    assert data_fingerprint(root) != before


def test_a_new_scenario_file_and_a_new_data_file_are_noticed(make_data):
    root = make_data()
    before = data_fingerprint(root)
    (root / "scenarios").mkdir(exist_ok=True)
    (root / "scenarios" / "new.toml").write_text("id = 'new'\n", encoding="utf-8")
    after = data_fingerprint(root)
    assert after != before
    (root / "financials.csv").write_text("ticker\n", encoding="utf-8")
    assert data_fingerprint(root) != after


def test_an_edited_document_is_noticed_when_named(make_data):
    root = make_data()
    documents = list(load_dataset(root, cache=False).documents().values())
    assert documents
    before = data_fingerprint(root, documents)
    _touch_later(documents[0])
    assert data_fingerprint(root, documents) != before


def test_files_the_contract_does_not_name_are_never_looked_at(make_data):
    """`--data` on a huge tree: nothing outside the contract's files is walked."""
    root = make_data()
    before = data_fingerprint(root)
    deep = root / "unrelated" / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "noise.txt").write_text("x", encoding="utf-8")
    (root / "notes.md").write_text("x", encoding="utf-8")
    _touch_later(deep / "noise.txt")
    stamps = data_fingerprint(root)
    assert not any("unrelated" in path or "notes.md" in path for path, _, _ in stamps)
    # The data folder's own timestamp moved (an entry was added); nothing else did.
    assert [s for s in stamps if s[0] != str(root)] == [s for s in before if s[0] != str(root)]


def test_a_name_with_a_nul_or_a_missing_folder_is_just_missing(tmp_path):
    stamps = data_fingerprint(tmp_path / "nowhere", [tmp_path / "nowhere" / "sources" / "bad\0name.txt"])
    assert all(size == -1 for path, size, _ in stamps)
