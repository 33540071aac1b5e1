"""The quick reader of plain capex rows agrees with the careful one: same figures, same problems."""

from __future__ import annotations

import csv
import io
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.data import capex_fast as capex_rows
from workbench.core.data.loader import load_dataset

COLUMNS = [
    "ticker",
    "fiscal_period",
    "period_end",
    "kind",
    "value_bn",
    "low_bn",
    "high_bn",
    "basis",
    "source",
    "said_on",
    "quote",
    "note",
]
# Valid values and every near miss the careful reader words a problem for.
CELLS = {
    "ticker": ["MSFT", "AMZN", " MSFT ", "XXX", "", "msft"],
    "fiscal_period": ["FY2024", "FY2024Q3", "FY2024Q1", "FY2025", "2024", "FY2024Q5", " FY2024 ", "FY2024Q"],
    "period_end": [
        "2024-06-30",
        "2024-03-31",
        "2025-12-31",
        "2024-04-08",
        "2024-13-01",
        "",
        "2024-6-30",
        "20240630",
        "２０２４-06-30",
        " 2024-06-30 ",
        "2024-W01-1",
    ],
    "kind": ["actual", "guidance", "estimate", "actuals", "", " actual"],
    "value_bn": ["44.48", "", "1,234.5", "nan", "inf", "x", " 3 ", "1_0", "-1", "0"],
    "low_bn": ["", "100", "90", "abc"],
    "high_bn": ["", "90", "100", "-inf"],
    "basis": ["cash", "", "net_cash", " cash"],
    "source": ["web", "doc", "nowhere", ""],
    "said_on": ["", "2025-02-06", "bad", "2025-02"],
    "quote": ["", "cn", "under", "ghost"],
    "note": ["", "a note", "[bold]x", "  spaced  "],
    "extra": ["", "kept", "1"],
}
# The valid rows of the small dataset, each with up to two cells swapped for another value above.
VALID = [
    dict(zip(COLUMNS, line.split(","))) | {"extra": ""}
    for line in [
        "MSFT,FY2024,2024-06-30,actual,44.48,,,cash,web,,,",
        "MSFT,FY2024Q3,2024-03-31,actual,10.95,,,cash,web,,,",
        "AMZN,FY2024Q1,2024-03-31,actual,14,,,net_cash,doc,,cn,",
        "AMZN,FY2025,2025-12-31,guidance,,100,,cash,web,2025-02-06,,",
    ]
]
changes = st.dictionaries(st.sampled_from(list(CELLS)), st.integers(0, 10), max_size=2)
row = st.builds(
    lambda base, change: base | {k: CELLS[k][i % len(CELLS[k])] for k, i in change.items()},
    st.sampled_from(VALID),
    changes,
)
rows = st.lists(row, min_size=1, max_size=12)
headers = st.sampled_from(
    [
        COLUMNS,
        [*COLUMNS, "extra"],
        ["extra", *reversed(COLUMNS)],
        [c for c in COLUMNS if c not in ("note", "quote", "low_bn")],
        [c for c in COLUMNS if c not in ("said_on", "value_bn")],
        [*COLUMNS, "note"],  # a duplicated column: always read the careful way
    ]
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _csv(header: list[str], records: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([record[c] for c in header])
    return out.getvalue()


def _load_both(root, monkeypatch):
    quick = load_dataset(root, cache=False)
    with monkeypatch.context() as patch:
        patch.setattr(capex_rows.PlainCapexRows, "read", lambda self, cells, line: None)
        careful = load_dataset(root, cache=False)
    return quick, careful


def _same(quick, careful) -> None:
    assert [str(p) for p in quick.problems] == [str(p) for p in careful.problems]
    assert quick.capex == careful.capex
    assert [f.extra for f in quick.capex] == [f.extra for f in careful.capex]
    assert [f.line for f in quick.capex] == [f.line for f in careful.capex]


@SETTINGS
@given(header=headers, records=rows)
def test_quick_and_careful_readers_agree(make_data, monkeypatch, header, records):
    root = make_data({"capex.csv": _csv(header, records)})
    _same(*_load_both(root, monkeypatch))
    shutil.rmtree(root)


def test_quick_reader_takes_the_plain_rows(make_data, monkeypatch):
    """The bundled-style rows go the quick way (so the test above compares two real paths)."""
    taken = []
    original = capex_rows.PlainCapexRows.read

    def spy(self, cells, line):
        figure = original(self, cells, line)
        taken.append(figure is not None)
        return figure

    monkeypatch.setattr(capex_rows.PlainCapexRows, "read", spy)
    ds = load_dataset(make_data(), cache=False)
    assert ds.problems == [] and taken == [True] * len(ds.capex) == [True] * 4


def test_duplicate_actuals_are_reported_as_before(make_data, monkeypatch):
    row = {
        "ticker": "MSFT",
        "fiscal_period": "FY2024",
        "period_end": "2024-06-30",
        "kind": "actual",
        "value_bn": "1",
        "low_bn": "",
        "high_bn": "",
        "basis": "cash",
        "source": "web",
        "said_on": "",
        "quote": "",
        "note": "",
        "extra": "",
    }
    root = make_data({"capex.csv": _csv(COLUMNS, [row, row, row])})
    quick, careful = _load_both(root, monkeypatch)
    _same(quick, careful)
    assert [p.line for p in quick.problems] == [3, 4]
    assert "first at line 2" in quick.problems[0].message and "first at line 3" in quick.problems[1].message
