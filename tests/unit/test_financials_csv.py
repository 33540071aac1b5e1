"""financials.csv: every rule, each with a row that breaks it and the exact `path:line` expected."""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.data import financials_csv
from workbench.core.data.financials_csv import METRICS
from workbench.core.data.loader import load_dataset

# Line 1 is the header; the rows are lines 2–6. MSFT's fiscal year ends in June, AMZN's in December.
FINANCIALS = """\
ticker,fiscal_period,period_end,metric,segment,kind,value_bn,source,said_on,quote,confidence,note
MSFT,FY2025,2025-06-30,revenue,,actual,281.724,web,,,high,
MSFT,FY2025,2025-06-30,cloud_revenue,Intelligent Cloud,actual,106.265,web,,,high,recast
MSFT,FY2026Q1,2025-09-30,cloud_revenue,Microsoft Cloud,actual,49.1,web,,,high,
AMZN,FY2024Q1,2024-03-31,operating_income,,actual,15.3,doc,,cn,medium,from the document
AMZN,FY2025,2025-12-31,rpo,AWS,estimate,244,web,,,low,
"""


def problems_of(root):
    return [str(p).removeprefix(str(root) + os.sep) for p in load_dataset(root).problems]


def test_rows_load_with_their_segment_and_extra_columns(make_data):
    ds = load_dataset(make_data({"financials.csv": FINANCIALS}))
    assert ds.problems == []
    assert len(ds.financials) == 5
    cloud = ds.financials[1]
    assert (cloud.ticker, cloud.fiscal_period, cloud.period_end, cloud.metric, cloud.segment) == (
        "MSFT",
        "FY2025",
        date(2025, 6, 30),
        "cloud_revenue",
        "Intelligent Cloud",
    )
    assert cloud.value_bn == 106.265 and cloud.note == "recast" and cloud.line == 3
    assert cloud.extra == {"confidence": "high"}
    assert ds.financials[3].quote == "cn"


def test_a_data_directory_without_financials_is_still_clean(make_data):
    ds = load_dataset(make_data({"financials.csv": None}))
    assert ds.problems == [] and ds.financials == []


def _row(line: int, old: str, new: str):
    """Replace `old` by `new` in row `line` (1-based file line) only."""

    def transform(text: str) -> str:
        lines = text.splitlines(keepends=True)
        assert old in lines[line - 1], (old, lines[line - 1])
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
        return "".join(lines)

    return transform


BROKEN = [
    (_row(2, "revenue", "revenues"), 2, "'metric' must be one of revenue, operating_income"),
    (_row(2, ",281.724,", ",,"), 2, "missing required field 'value_bn'"),
    (_row(2, "281.724", "281.7bn"), 2, "'value_bn' is not a number: '281.7bn'"),
    (_row(2, "FY2025", "2025"), 2, "'fiscal_period' must look like FY2024 or FY2024Q2"),
    (_row(2, "2025-06-30", "2025-12-31"), 2, "period_end 2025-12-31 does not close FY2025 for MSFT"),
    (_row(4, "2025-09-30", "2025-06-30"), 4, "period_end 2025-06-30 does not close FY2026Q1 for MSFT"),
    (_row(2, "2025-06-30", "30/06/2025"), 2, "'period_end' is not a valid date"),
    (_row(2, ",actual,", ",reported,"), 2, "'kind' must be one of actual, guidance, estimate"),
    (_row(2, ",actual,", ",guidance,"), 2, "missing required field 'said_on'"),
    (_row(2, "MSFT", "IBM"), 2, "unknown company ticker"),
    (_row(2, ",web,", ",nowhere,"), 2, "unknown source"),
    (_row(5, ",cn,", ",,"), 5, "'quote'"),  # the document's figure names no quote
    (_row(5, ",cn,", ",ghost,"), 5, "ghost"),
    (_row(2, ",web,,,", ",web,,under,"), 2, "is from source"),
    (_row(3, "Intelligent Cloud,actual,106.265", "Intelligent Cloud,actual,106.3"), None, None),  # still valid
    (
        _row(
            4, "FY2026Q1,2025-09-30,cloud_revenue,Microsoft Cloud", "FY2025,2025-06-30,cloud_revenue,Intelligent Cloud"
        ),
        4,
        "duplicate actual in segment 'Intelligent Cloud' (first at line 3)",
    ),
]


@pytest.mark.parametrize(("transform", "line", "words"), BROKEN)
def test_each_broken_row_is_reported_at_its_line(make_data, transform, line, words):
    root = make_data({"financials.csv": transform(FINANCIALS)})
    problems = load_dataset(root).problems
    if line is None:
        assert problems == []
        return
    assert len(problems) == 1, problems
    [problem] = problems
    assert (os.path.basename(problem.path), problem.line) == ("financials.csv", line)
    assert problem.message.startswith("financial ") and words in problem.message, problem.message


def test_a_broken_row_loses_only_itself(make_data):
    root = make_data({"financials.csv": _row(2, "281.724", "lots")(FINANCIALS)})
    ds = load_dataset(root)
    assert len(ds.financials) == 4
    assert "revenue" not in {f.metric for f in ds.financials}


def test_same_metric_in_two_segments_is_not_a_duplicate(make_data):
    text = FINANCIALS + "MSFT,FY2025,2025-06-30,cloud_revenue,Microsoft Cloud,actual,168.9,web,,,high,\n"
    assert problems_of(make_data({"financials.csv": text})) == []


def test_a_missing_required_column_is_reported_once_on_the_header(make_data):
    text = FINANCIALS.replace("metric,", "measure,", 1)
    assert problems_of(make_data({"financials.csv": text})) == ["financials.csv:1: missing required column(s): metric"]


def test_every_problem_is_reported_not_just_the_first(make_data):
    text = _row(2, "MSFT", "IBM")(_row(6, "rpo", "backlog")(FINANCIALS))
    problems = problems_of(make_data({"financials.csv": text}))
    assert [p.split(": ")[0] for p in problems] == ["financials.csv:2", "financials.csv:6"]


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["MSFT", "AMZN", "FY2025", "FY2024Q1", "2025-06-30", "revenue", "rpo", "actual", "web", "1.5"]),
)


@FUZZ
@given(content=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(make_data, content):
    root = make_data()
    (root / "financials.csv").write_bytes(content)
    ds = load_dataset(root)
    assert all(p.line >= 1 and p.message for p in ds.problems)


@FUZZ
@given(rows=st.lists(st.lists(cells, max_size=13), max_size=6))
def test_arbitrary_rows_never_raise_and_every_kept_figure_is_whole(make_data, rows):
    root = make_data()
    header = FINANCIALS.splitlines()[0]
    body = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows)
    (root / "financials.csv").write_text(header + "\n" + body + "\n", encoding="utf-8")
    ds = load_dataset(root)
    for figure in ds.financials:
        assert figure.ticker in ds.companies and figure.metric in METRICS
        assert figure.source in ds.sources and isinstance(figure.value_bn, float)
    lines = sorted(f.line for f in ds.financials)
    assert len(set(lines)) == len(lines) and all(n >= 2 for n in lines)  # a quoted newline may shift lines


@FUZZ
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["MSFT", "AMZN", "IBM", " MSFT ", ""]),
            st.sampled_from(["FY2025", "FY2026Q1", "FY2024Q1", "2025", ""]),
            st.sampled_from(["2025-06-30", "2025-09-30", "2024-03-31", "2025-12-31", "30/06/2025", ""]),
            st.sampled_from(["revenue", "rpo", "cloud_revenue", "revenues", ""]),
            st.sampled_from(["", "AWS", " Intelligent Cloud "]),
            st.sampled_from(["actual", "guidance", "estimate", "reported", ""]),
            st.sampled_from(["281.724", "-1.5", "1,234.5", "nan", "x", ""]),
            st.sampled_from(["web", "doc", "nowhere", ""]),
            st.sampled_from(["", "2025-07-30", "bad"]),
            st.sampled_from(["", "cn", "under", "ghost"]),
            st.sampled_from(["high", "", " low "]),
        ),
        max_size=8,
    )
)
def test_the_quick_path_reads_exactly_what_the_careful_path_reads(make_data, rows):
    header = FINANCIALS.splitlines()[0]
    body = "".join(",".join(cells[:9] + (cells[9], cells[10], "a note")) + "\n" for cells in rows)
    root = make_data({"financials.csv": header + "\n" + body})
    quick = load_dataset(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(financials_csv._QuickRows, "read", lambda self, cells, line: None)
        careful = load_dataset(root)
    assert quick.financials == careful.financials
    assert [f.extra for f in quick.financials] == [f.extra for f in careful.financials]
    assert quick.problems == careful.problems
