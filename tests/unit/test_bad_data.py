"""Bad-data tries: each data file × each kind of damage, and arbitrary bytes spliced anywhere.

Whatever the damage, loading never raises and never hangs, every problem has a `path:line`, and
the records the damage does not touch still load.
"""

from __future__ import annotations

import os
import re
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import baddata
from workbench.core.data.loader import load_dataset

FILES = [
    "companies.toml",
    "sources.toml",
    "quotes.toml",
    "capex.csv",
    "deals.csv",
    "sources/d1.txt",
    "scenarios/demo.toml",
]
BASELINE = {"companies.toml": 5, "sources.toml": 8, "quotes.toml": 12, "capex.csv": 24, "deals.csv": 8}
LOAD_SECONDS = 20  # far more than a load takes: only a hang gets near it


def load(root):
    """The dataset, loaded in a thread that must finish in time (a FIFO read would block forever)."""
    result = {}

    def run():
        try:
            result["ds"] = load_dataset(root, cache=False)
        except BaseException as error:
            result["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(LOAD_SECONDS)
    assert not thread.is_alive(), f"loading {root} hangs"
    assert "error" not in result, repr(result.get("error"))
    return result["ds"]


def record_spans(name: str, raw: bytes) -> list[tuple[int, int]]:
    """(start, end) byte offsets of each record of a data file: its `[[table]]` block or CSV row."""
    if name.endswith(".toml"):
        starts = [m.start() for m in re.finditer(rb"(?m)^\[\[", raw)]
        return [(s, e) for s, e in zip(starts, [*starts[1:], len(raw)])]
    if name.endswith(".csv"):
        starts = [m.end() for m in re.finditer(rb"\n", raw)][:-1]  # after the header, one per row
        return [(s, e) for s, e in zip(starts, [*starts[1:], len(raw)])]
    return []


def touched(name: str, raw: bytes, start: int, end: int) -> int:
    """How many records overlap bytes [start, end] (boundaries count: both neighbours may suffer)."""
    if name.endswith(".csv") and start <= raw.index(b"\n"):
        return len(record_spans(name, raw))  # the header names every row's columns
    return sum(1 for s, e in record_spans(name, raw) if s <= end and e >= start)


def middle_line(raw: bytes) -> int:
    """Offset of the start of the file's middle line."""
    starts = [0, *(m.end() for m in re.finditer(rb"\n", raw))][:-1]
    return starts[len(starts) // 2]


def insert(raw: bytes, what: bytes) -> tuple[bytes, int, int]:
    at = middle_line(raw)
    return raw[:at] + what + raw[at:], at, at


def duplicate_header(name: str, raw: bytes) -> tuple[bytes, int, int]:
    first = re.search(rb"(?m)^\[.*\n", raw)
    line = raw[: raw.index(b"\n") + 1] if name.endswith(".csv") or first is None else first.group()
    return insert(raw, line)


# Each damage: the damaged bytes and the byte range of the original it touches.
DAMAGES = {
    "truncation": lambda name, raw: (raw[: len(raw) * 3 // 5], len(raw) * 3 // 5, len(raw)),
    "syntax error": lambda name, raw: insert(raw, b'= "broken" = [[,\n'),
    "binary blob": lambda name, raw: insert(raw, bytes(range(256)) + b"\n"),
    "huge line": lambda name, raw: insert(raw, b"x" * 200_000 + b"\n"),
    "GBK": lambda name, raw: (raw.decode("utf-8").encode("gbk"), 0, len(raw)),
    "BOM": lambda name, raw: (b"\xef\xbb\xbf" + raw, 0, 0),
    "duplicate header": duplicate_header,
    "NUL": lambda name, raw: insert(raw, b"\x00\n"),
    "empty": lambda name, raw: (b"", 0, len(raw)),
}
# Damage that replaces the file with something else.
REPLACEMENTS = ["symlink out", "directory", "FIFO"]


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _records(ds):
    return {name: count(ds) for name, count in baddata.RECORDS.items()}


def _check_problems(ds, root, name: str, expect_one: bool) -> None:
    assert all(p.line >= 1 and p.message for p in ds.problems)
    assert not [p for p in ds.problems if "please report this" in p.message], ds.problems
    assert all(len(p.message) < 400 for p in ds.problems), "a problem should be one short message"
    if expect_one:
        named = {str(root / name)}
        if name.startswith("sources/"):  # a document's damage shows at its source or at its quotes
            named |= {str(root / "sources.toml"), str(root / "quotes.toml")}
        assert any(p.path in named for p in ds.problems), [str(p) for p in ds.problems]


def _check_independent_files(ds, name: str) -> None:
    """Companies and sources depend on no other file: damage elsewhere leaves them whole."""
    if name != "companies.toml":
        assert len(ds.companies) == BASELINE["companies.toml"]
    if name == "sources/d1.txt":
        assert len(ds.sources) >= BASELINE["sources.toml"] - 1
    elif name != "sources.toml":
        assert len(ds.sources) == BASELINE["sources.toml"]


@pytest.mark.parametrize("damage", list(DAMAGES))
@pytest.mark.parametrize("name", FILES)
def test_damage_loses_only_the_records_it_touches(tmp_path, name, damage):
    raw = baddata.files()[name].encode("utf-8")
    damaged, start, end = DAMAGES[damage](name, raw)
    root = baddata.write(tmp_path / "data", {name: damaged})
    ds = load(root)
    changed = damaged != raw
    if damage == "GBK":  # a few GBK characters happen to be valid UTF-8 as well
        changed = changed and not _is_utf8(damaged)
    # A document is free text: a line more of anything leaves its quotes verbatim.
    quiet = damage == "BOM" or (
        name.endswith(".txt") and damage in ("syntax error", "huge line", "NUL", "duplicate header")
    )
    _check_problems(ds, root, name, expect_one=changed and not quiet)
    if damage == "BOM":
        assert ds.problems == [], "a UTF-8 BOM is accepted silently"
    _check_independent_files(ds, name)
    if name in BASELINE:
        loaded = _records(ds)[name]
        assert loaded >= BASELINE[name] - touched(name, raw, start, end), [str(p) for p in ds.problems]


@pytest.mark.parametrize("replacement", REPLACEMENTS)
@pytest.mark.parametrize("name", FILES)
def test_a_file_replaced_by_something_else_is_one_problem(tmp_path, name, replacement):
    root = baddata.write(tmp_path / "data", {name: None})
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if replacement == "symlink out":
        outside = tmp_path / "outside.txt"
        outside.write_text(baddata.files()[name], encoding="utf-8")
        path.symlink_to(outside)
    elif replacement == "directory":
        path.mkdir()
    else:
        os.mkfifo(path)
    ds = load(root)
    # A scenario is the user's file and may live anywhere: a link to it is followed.
    followed = name.startswith("scenarios/") and replacement == "symlink out"
    _check_problems(ds, root, name, expect_one=not followed)
    _check_independent_files(ds, name)
    if name in BASELINE:
        assert _records(ds)[name] == 0
        assert [p for p in ds.problems if p.path == str(path)][0].line == 1


def test_a_symlink_to_a_fifo_outside_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    root = baddata.write(tmp_path / "data", {"scenarios/demo.toml": None, "capex.csv": None})
    (root / "scenarios").mkdir(exist_ok=True)
    (root / "scenarios" / "demo.toml").symlink_to(tmp_path / "pipe")
    (root / "capex.csv").symlink_to("/dev/zero")
    ds = load(root)
    assert "demo" not in ds.scenarios and ds.capex == []


SPLICE = settings(
    max_examples=int(os.environ.get("SPLICE_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@SPLICE
@given(
    name=st.sampled_from(list(BASELINE)),
    where=st.floats(0, 1),
    cut=st.integers(0, 40),
    blob=st.binary(max_size=40) | st.sampled_from([b'"', b"\n", b'"""', b"[[", b"\n[[quote]]\n", b",", b"\r", b"\x00"]),
)
def test_spliced_bytes_lose_at_most_the_records_they_touch(tmp_path_factory, name, where, cut, blob):
    raw = baddata.files()[name].encode("utf-8")
    start = int(where * len(raw))
    end = min(len(raw), start + cut)
    root = baddata.write(tmp_path_factory.mktemp("splice") / "data", {name: raw[:start] + blob + raw[end:]})
    ds = load(root)
    assert all(p.line >= 1 and p.message for p in ds.problems)
    assert not [p for p in ds.problems if "please report this" in p.message]
    assert _records(ds)[name] >= BASELINE[name] - touched(name, raw, start, end), [str(p) for p in ds.problems]
