"""Whatever bytes or TOML a data file holds, loading reports problems and never raises."""

from __future__ import annotations

import datetime as dt
import shutil

import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.datakit import FILES
from workbench.core.data.loader import load_dataset

DATA_FILES = [
    "companies.toml",
    "sources.toml",
    "quotes.toml",
    "capex.csv",
    "deals.csv",
    "sources/doc.txt",
    "scenarios/demo.toml",
]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=20),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["MSFT", "doc", "under", "cash", "2024-06-30", "FY2024"]),
)
keys = st.sampled_from(
    [
        "ticker",
        "name",
        "fiscal_year_end",
        "id",
        "title",
        "published",
        "language",
        "file",
        "url",
        "source",
        "text",
        "answers",
        "topics",
        "stance",
        "scenario",
        "cases",
        "capex_bn",
        "x",
    ]
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=4), max_leaves=12
)
documents = st.dictionaries(
    st.sampled_from(["company", "source", "quote", "scenario", "other"]),
    st.lists(st.dictionaries(keys, values, max_size=6), max_size=3) | values,
    max_size=3,
)


def assert_no_failure(dataset):
    """A loader step that raised is caught and reported as "please report this": never expected."""
    assert not [str(p) for p in dataset.problems if "please report this" in p.message]


def _write(root, name, content):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@FUZZ
@given(name=st.sampled_from(DATA_FILES), content=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(make_data, name, content):
    root = make_data()
    _write(root, name, content)
    dataset = load_dataset(root)
    assert all(p.line >= 1 and p.message for p in dataset.problems)
    assert_no_failure(dataset)


@FUZZ
@given(name=st.sampled_from([n for n in DATA_FILES if n.endswith(".toml")]), document=documents)
def test_arbitrary_toml_never_raises(make_data, name, document):
    root = make_data()
    try:
        text = tomlkit.dumps(document)
    except Exception:
        return
    _write(root, name, text.encode("utf-8"))
    assert_no_failure(load_dataset(root))


@FUZZ
@given(
    name=st.sampled_from(["capex.csv", "deals.csv"]),
    rows=st.lists(st.lists(st.text(max_size=12), max_size=14), max_size=5),
)
def test_arbitrary_csv_rows_never_raise(make_data, name, rows):
    root = make_data()
    header = FILES[name].splitlines()[0]
    body = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows)
    _write(root, name, (header + "\n" + body + "\n").encode("utf-8"))
    assert_no_failure(load_dataset(root))
    shutil.rmtree(root)


@FUZZ
@given(
    key=st.sampled_from(["file", "url", "id", "title", "language", "published"]),
    value=st.text(max_size=30) | st.text(max_size=3).map(lambda s: s * 3000) | st.sampled_from(["a/\x00", "../x"]),
)
def test_arbitrary_source_fields_never_fail(make_data, key, value):
    import json

    sources = FILES["sources.toml"].replace('file = "doc.txt"', f"{key} = {json.dumps(value)}", 1)
    assert_no_failure(load_dataset(make_data({"sources.toml": sources})))
