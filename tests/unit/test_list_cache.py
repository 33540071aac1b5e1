"""The Capex list kept from the last read: served only for exactly the same files, never doctored."""

from __future__ import annotations

import json

from workbench.core.capex import list_cache
from workbench.core.capex.summaries import CapexIndex
from workbench.core.data.loader import load_preview
from workbench.core.i18n import set_language


def _rows(root):
    return CapexIndex(load_preview(root, cache=False)).summaries()


def test_the_list_comes_back_exactly_as_it_was_kept(bundled_copy):
    rows = _rows(bundled_copy)
    digest = list_cache.content_digest(bundled_copy)
    list_cache.store_rows(bundled_copy, digest, rows)
    again = list_cache.cached_rows(bundled_copy, digest)
    assert again == rows  # every summary, with its figures, dates and numbers
    msft = next(row for row in again if row.ticker == "MSFT")
    assert msft.latest is not None and msft.latest.source and msft.ttm_end is not None


def test_any_change_to_the_files_it_comes_from_is_a_miss(bundled_copy):
    digest = list_cache.content_digest(bundled_copy)
    list_cache.store_rows(bundled_copy, digest, _rows(bundled_copy))
    for name in ("capex.csv", "companies.toml", "sources.toml"):
        path = bundled_copy / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n")  # even a blank line: another content
        changed = list_cache.content_digest(bundled_copy)
        assert changed != digest and list_cache.cached_rows(bundled_copy, changed) is None, name
        path.write_bytes(original)
    assert list_cache.cached_rows(bundled_copy, list_cache.content_digest(bundled_copy)) is not None
    set_language("zh-Hans")  # the list as worded in another language is another entry
    assert list_cache.content_digest(bundled_copy) != digest


def test_a_doctored_or_planted_entry_is_never_shown(bundled_copy):
    digest = list_cache.content_digest(bundled_copy)
    list_cache.store_rows(bundled_copy, digest, _rows(bundled_copy))
    entry = list_cache._entry(bundled_copy)
    header, body = entry.read_bytes().split(b"\n", 1)
    doctored = body.replace(b"Microsoft", b"Evil Corp")
    assert doctored != body
    entry.write_bytes(header + b"\n" + doctored)
    assert list_cache.cached_rows(bundled_copy, digest) is None
    planted = json.dumps({"digest": digest, "signature": "00" * 20}).encode()
    entry.write_bytes(planted + b"\n" + body)
    assert list_cache.cached_rows(bundled_copy, digest) is None
    entry.write_bytes(b"\x00garbage")
    assert list_cache.cached_rows(bundled_copy, digest) is None


def test_an_unreadable_file_is_never_cached(bundled_copy):
    (bundled_copy / "capex.csv").unlink()
    assert list_cache.content_digest(bundled_copy) is None
    list_cache.store_rows(bundled_copy, None, [])
    assert list_cache.cached_rows(bundled_copy, None) is None
