"""A reload takes over what did not change, and gives exactly what reading everything gives."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.test_loader_phases import CASES, _same
from workbench.core.data.loader import load_dataset
from workbench.core.data.reuse import RECENT_NS
from workbench.core.i18n import set_language


def _settle() -> None:
    """Past the time a file just written is not taken over in (see `reuse.RECENT_NS`)."""
    time.sleep(RECENT_NS / 1e9 + 0.01)


def _write(root: Path, changes: dict[str, str | bytes | None]) -> None:
    """Edit files in place, as a user does (a file's inode stays; a deleted file goes)."""
    for name, content in changes.items():
        path = root / name
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        with open(path, "wb") as handle:
            handle.write(content)
    _settle()


def _undo(case: str) -> dict[str, str | bytes | None]:
    """The clean content of every file `case` changes."""
    from tests.datakit import FILES

    return {name: FILES.get(name) for name in CASES[case]}


def test_a_reload_of_unchanged_files_takes_over_every_record(make_data):
    root = make_data()
    _settle()
    first = load_dataset(root, cache=False)
    again = load_dataset(root, cache=False, previous=first)
    assert again is not first
    for name in ("companies", "sources", "quotes", "broken_quotes", "capex", "financials", "deals"):
        assert getattr(again, name) is getattr(first, name), name
    assert again.problems == first.problems and again.problems is not first.problems
    assert again.scenarios == first.scenarios  # read every time: small, and edited in the app


@pytest.mark.parametrize("case", [case for case in CASES if case != "clean"])
def test_a_reload_after_an_edit_is_exactly_a_fresh_load(make_data, case):
    root = make_data()
    _settle()
    clean = load_dataset(root, cache=False)
    _write(root, CASES[case])
    damaged = load_dataset(root, cache=False, previous=clean)
    _same(damaged, load_dataset(root, cache=False))
    _write(root, _undo(case))  # and back again
    repaired = load_dataset(root, cache=False, previous=damaged)
    _same(repaired, load_dataset(root, cache=False))
    _same(repaired, clean)


def test_only_the_changed_file_and_what_depends_on_it_is_read_again(make_data):
    root = make_data()
    _settle()
    first = load_dataset(root, cache=False)
    capex = root / "capex.csv"
    capex.write_text(capex.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _settle()
    again = load_dataset(root, cache=False, previous=first)
    assert again.capex is not first.capex and again.capex == first.capex
    assert again.quotes is first.quotes and again.deals is first.deals and again.sources is first.sources

    (root / "quotes.toml").touch()  # quotes read again: they read the same for what cites them
    os.utime(root / "quotes.toml", ns=(1, 1))  # even a modification time set back is noticed
    _settle()
    third = load_dataset(root, cache=False, previous=again)
    assert third.sources is again.sources and third.companies is again.companies
    assert third.quotes is not again.quotes and third.quotes == again.quotes
    assert third.capex is again.capex and third.deals is again.deals


def test_figures_are_checked_again_only_when_a_quote_they_cite_changed(make_data):
    root = make_data()
    _settle()
    first = load_dataset(root, cache=False)
    cited = {figure.quote for figure in first.capex if figure.quote}
    assert cited == {"cn"}
    quotes = (root / "quotes.toml").read_text(encoding="utf-8")
    _write(root, {"quotes.toml": quotes.replace('id = "under"', 'id = "under2"')})  # a quote nothing cites
    second = load_dataset(root, cache=False, previous=first)
    assert "under2" in second.quotes and second.capex is first.capex
    _same(second, load_dataset(root, cache=False))
    _write(root, {"quotes.toml": quotes.replace('id = "cn"', 'id = "cn2"')})  # the cited one goes
    third = load_dataset(root, cache=False, previous=second)
    assert third.capex is not second.capex
    assert any("unknown or unverified quote" in p.message for p in third.problems)
    _same(third, load_dataset(root, cache=False))


def test_a_document_changed_under_its_quotes_is_read_again(make_data):
    root = make_data()
    _settle()
    first = load_dataset(root, cache=False)
    _write(root, CASES["quote no longer verbatim"])
    again = load_dataset(root, cache=False, previous=first)
    assert "cn" in first.quotes and "cn" not in again.quotes and "cn" in again.broken_quotes


def test_problems_are_worded_again_in_a_new_language(make_data):
    root = make_data(CASES["bad capex row"])
    _settle()
    english = load_dataset(root, cache=False)
    set_language("zh-Hans")
    chinese = load_dataset(root, cache=False, previous=english)
    assert chinese.capex is not english.capex
    assert [p.line for p in chinese.problems] == [p.line for p in english.problems]
    assert [p.message for p in chinese.problems] != [p.message for p in english.problems]


def test_another_directory_takes_over_nothing(make_data, tmp_path):
    root = make_data()
    _settle()
    first = load_dataset(root, cache=False)
    other = tmp_path / "other"
    os.rename(root, other)
    _settle()
    moved = load_dataset(other, cache=False, previous=first)
    assert moved.capex is not first.capex and moved.capex == first.capex


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.sampled_from([case for case in CASES if case != "clean"]), min_size=1, max_size=4))
def test_any_run_of_edits_and_repairs_reloads_as_a_fresh_load(make_data, edits):
    root = make_data()
    _settle()
    dataset = load_dataset(root, cache=False)
    for case in edits:
        _write(root, CASES[case])
        dataset = load_dataset(root, cache=False, previous=dataset)
        _same(dataset, load_dataset(root, cache=False))
        if len(case) % 2:  # some edits are repaired before the next
            _write(root, _undo(case))
            dataset = load_dataset(root, cache=False, previous=dataset)
            _same(dataset, load_dataset(root, cache=False))


def test_a_file_written_just_before_it_is_read_is_read_again_next_time(make_data):
    root = make_data()  # just written: within the same tick of the file times as a next edit could be
    first = load_dataset(root, cache=False)
    assert load_dataset(root, cache=False, previous=first).capex is not first.capex
