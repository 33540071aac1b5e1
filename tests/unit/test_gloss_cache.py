"""The glosses `workbench search` reads are cached by quotes.toml's content, never served stale."""

from __future__ import annotations

from bench import gen_large
from workbench.core.files.cache import data_cache_dir
from workbench.core.search.translations import _read_glosses, load_glosses


def _generated(tmp_path):
    root = tmp_path / "data"
    gen_large.generate(root, companies=12, quarters=4, docs=6, doc_kb=3, quotes=400, deals=5, scenarios=1)
    assert (root / "quotes.toml").stat().st_size > 64 * 1024  # large enough to be cached
    return root


def test_cached_glosses_are_the_glosses(tmp_path):
    root = _generated(tmp_path)
    read, _ = _read_glosses(root)
    assert read
    first, first_problems = load_glosses(root)  # read, then cached
    assert list(data_cache_dir(root, "glosses").glob("*.json"))
    again, again_problems = load_glosses(root)  # from the cache
    assert again == first == read and again_problems == first_problems == []


def test_an_edited_gloss_is_read_afresh(tmp_path):
    root = _generated(tmp_path)
    glosses, _ = load_glosses(root)
    quote = next(iter(glosses.values()))
    path = root / "quotes.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(quote.translation, "A fresh gloss"), encoding="utf-8")
    fresh, _ = load_glosses(root)
    assert fresh[quote.id].translation == "A fresh gloss"


def test_a_byte_that_is_not_utf8_loses_only_its_quote(tmp_path):
    root = _generated(tmp_path)
    glosses, _ = load_glosses(root)
    first, second = list(glosses.values())[:2]
    path = root / "quotes.toml"
    raw = path.read_bytes().replace(first.translation.encode(), first.translation.encode() + b"\xff", 1)
    path.write_bytes(raw)
    for _ in range(2):  # read, then from the cache (keyed by the file's bytes)
        found, problems = load_glosses(root)
        assert first.id not in found and found[second.id] == second
        assert [p.message for p in problems if "UTF-8" in p.message]
