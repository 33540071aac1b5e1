"""Capex maths against hand-checked numbers from the bundled data and small made-up companies."""

from __future__ import annotations

from datetime import date

import pytest

from tests.datakit import BUNDLED
from workbench.core.capex import summaries as capex
from workbench.core.capex.summaries import CapexIndex
from workbench.core.data.loader import load_dataset
from workbench.core.data.model import CapexFigure, Company, Dataset


@pytest.fixture(scope="module")
def bundled() -> tuple[Dataset, CapexIndex]:
    ds = load_dataset(BUNDLED)
    return ds, CapexIndex(ds)


def fig(
    period: str, end: str, value=None, kind="actual", basis="cash", low=None, high=None, said=None, ticker="X", line=1
) -> CapexFigure:
    return CapexFigure(
        ticker,
        period,
        date.fromisoformat(end),
        kind,
        value,
        low,
        high,
        basis,
        "web",
        date.fromisoformat(said) if said else None,
        line=line,
    )


def test_summary_of_meta(bundled):
    _, index = bundled
    s = {row.ticker: row for row in index.summaries()}["META"]
    assert s.basis == "cash"
    assert s.latest_fy == "FY2025" and s.latest_bn == 69.7
    assert s.yoy == pytest.approx(69.7 / 37.256 - 1)  # ▲87.1%
    # 2025Q2–Q4 and 2026Q1 (19.0, reported in April 2026)
    assert s.ttm_bn == pytest.approx(16.54 + 18.83 + 21.38 + 19.0) and s.ttm_through == "FY2026Q1"
    # raised on 2026-04-29 from the $115–135B of 2026-01-28
    assert (s.guidance.low_bn, s.guidance.high_bn, s.guidance_said) == (125, 145, date(2026, 4, 29))


def test_summary_ttm_crosses_fiscal_years(bundled):
    _, index = bundled
    s = {row.ticker: row for row in index.summaries()}["MSFT"]
    # FY2025Q4 + FY2026Q1 + FY2026Q2 + FY2026Q3 (calendar 2025Q2 – 2026Q1)
    assert s.ttm_bn == pytest.approx(17.08 + 19.39 + 29.88 + 30.9) and s.ttm_through == "FY2026Q3"
    assert s.yoy == pytest.approx(64.551 / 44.477 - 1)


def test_fastest_grower_last_year_is_oracle(bundled):
    _, index = bundled
    ranked = capex.sort_summaries(index.summaries(), "yoy", descending=True)
    # META 69.7 / 37.256 (▲87.1%) just ahead of NVIDIA's FY2026 6.042 / 3.236 (▲86.7%)
    assert [r.ticker for r in ranked][:3] == ["ORCL", "META", "NVDA"]
    assert ranked[0].yoy == pytest.approx(21.24 / 6.866 - 1)  # ▲209.4%
    assert ranked[-1].ticker == "CRWV"  # no actuals: missing values sort last either way
    ascending = capex.sort_summaries(index.summaries(), "yoy")
    assert ascending[0].ticker == "TSLA" and ascending[-1].ticker == "CRWV"


def test_companies_with_gaps_in_their_quarters_have_no_ttm(bundled):
    _, index = bundled
    rows = {row.ticker: row for row in index.summaries()}
    assert rows["ORCL"].ttm_bn is None  # FY2025Q4 is missing
    # Apple's quarters FY2025Q3 – FY2026Q2 (opencapital.sh): 3.46 + 3.24 + 2.37 + 1.97
    assert rows["AAPL"].ttm_bn == pytest.approx(11.04) and rows["AAPL"].ttm_through == "FY2026Q2"


def test_only_guidance():
    s = capex.summarize(
        "CRWV",
        "CoreWeave",
        [
            fig("FY2025", "2025-12-31", kind="guidance", low=20, high=23, said="2025-05-14"),
            fig("FY2025Q2", "2025-06-30", kind="guidance", low=3, high=3.5, said="2025-05-14", line=2),
        ],
    )
    assert s.latest is None and s.yoy is None and s.ttm_bn is None and s.basis == "cash"
    assert s.guidance.fiscal_period == "FY2025"  # same day: the later period wins
    assert s.row()["guidance_low_bn"] == 20 and s.row()["capex_bn"] is None


def test_nothing_at_all():
    s = capex.summarize("NEW", "Newco", [])
    assert (s.basis, s.latest, s.yoy, s.ttm_bn, s.guidance) == ("", None, None, None, None)


def test_zero_and_negative_years_have_no_growth_rate():
    figures = [fig("FY2023", "2023-12-31", 0.0), fig("FY2024", "2024-12-31", 2.0), fig("FY2025", "2025-12-31", -1.0)]
    s = capex.summarize("X", "X", figures)
    assert s.latest_bn == -1.0 and s.yoy == pytest.approx(-1.5)  # 2 → -1 is a real fall
    s = capex.summarize("X", "X", figures[:2])
    assert s.yoy is None  # growth from zero is undefined
    assert capex.growth(1, -2) is None and capex.growth(None, 1) is None and capex.growth(3, 2) == 0.5


def test_ttm_sums_negative_quarters():
    quarters = [fig(f"FY2025Q{q}", f"2025-{q * 3:02d}-28", v) for q, v in zip(range(1, 5), (1.0, -0.5, 0.0, 2.0))]
    assert capex.ttm(quarters, "cash") == (2.5, tuple(quarters))


def test_main_basis_prefers_annual_actuals_then_cash():
    assert (
        capex.main_basis(
            [fig("FY2024", "2024-12-31", 1, basis="net_cash"), fig("FY2024Q1", "2024-03-31", 1, basis="cash")]
        )
        == "net_cash"
    )
    assert (
        capex.main_basis(
            [fig("FY2024", "2024-12-31", 1, basis="zeta"), fig("FY2024", "2024-12-31", 1, basis="incl_finance_leases")]
        )
        == "incl_finance_leases"
    )
    assert capex.main_basis([fig("FY2024", "2024-12-31", kind="guidance", low=1, basis="net_cash")]) == "net_cash"
    assert capex.bases([fig("FY1", "2024-12-31", basis=b) for b in ("zz", "net_cash", "aa", "cash")]) == [
        "cash",
        "net_cash",
        "aa",
        "zz",
    ]


def test_common_basis_is_the_majority_main_basis():
    cash = [fig("FY2024", "2024-12-31", 1)]
    leases = [fig("FY2024", "2024-12-31", 1, basis="incl_finance_leases")]
    assert capex.common_basis([leases, leases, cash]) == "incl_finance_leases"
    assert capex.common_basis([leases, cash]) == "cash"
    assert capex.common_basis([[], []]) == ""


def test_series_never_mixes_bases(bundled):
    _, index = bundled
    msft = index.figures("MSFT")
    cash = capex.series(msft, "cash", annual=False)
    leases = capex.series(msft, "incl_finance_leases", annual=False)
    assert all(p.actual is None or p.actual.basis == "cash" for p in cash)
    assert {p.period: p.actual_bn for p in cash}["FY2026Q1"] == 19.39
    assert {p.period: p.actual_bn for p in leases}["FY2026Q1"] == 34.9
    assert {p.period: p.guidance.low_bn for p in leases if p.guidance}["FY2026Q1"] == 30
    assert not any(p.guidance for p in cash)  # Microsoft's guidance is on the leases basis only
    annual = capex.series(msft, "cash", annual=True)
    assert [p.period for p in annual] == [f"FY{y}" for y in range(2019, 2026)]


def test_series_takes_the_latest_guidance(bundled):
    _, index = bundled
    meta = capex.series(index.figures("META"), "incl_finance_leases", annual=True)
    fy25 = {p.period: p for p in meta}["FY2025"]
    assert (fy25.guidance.low_bn, fy25.guidance.high_bn, fy25.actual_bn) == (70, 72, 72.22)
    assert {p.period: p for p in meta}["FY2026"].actual is None


def test_period_table_rows(bundled):
    _, index = bundled
    rows = capex.period_figures(index.figures("META"), None, annual=True)
    fy25 = [(f.basis, f.kind, f.said_on) for f in rows if f.fiscal_period == "FY2025"]
    assert fy25[:3] == [
        ("cash", "actual", None),
        ("incl_finance_leases", "actual", None),
        ("incl_finance_leases", "guidance", date(2025, 1, 29)),
    ]
    only_cash = capex.period_figures(index.figures("META"), "cash", annual=False)
    assert {f.basis for f in only_cash} == {"cash"} and all(not f.is_annual for f in only_cash)


def test_meta_2025_guidance_ledger(bundled):
    _, index = bundled
    groups = capex.ledger(index.figures("META"))
    assert [(g.period, g.basis) for g in groups] == [
        ("FY2026", "incl_finance_leases"),
        ("FY2025", "incl_finance_leases"),
        ("FY2024", "incl_finance_leases"),
        ("FY2023", "incl_finance_leases"),
    ]
    fy25 = groups[1]
    assert [(f.low_bn, f.high_bn) for f in fy25.statements] == [(60, 65), (64, 72), (66, 72), (70, 72)]
    assert [f.said_on for f in fy25.statements] == sorted(f.said_on for f in fy25.statements)
    assert fy25.path() == "$60–65B → $64–72B → $66–72B → $70–72B · actual $72.22B"
    assert groups[0].path() == "$115–135B → $125–145B · actual not reported yet"
    rows = capex.ledger_rows([fy25])
    assert rows[0]["actual_bn"] == 72.22 and rows[0]["low_bn"] == 60
    assert rows[0]["actual_vs_guidance"] == pytest.approx(72.22 / 62.5 - 1)
    assert rows[-1]["actual_vs_guidance"] == pytest.approx(72.22 / 71 - 1)


def test_ledger_orders_same_day_statements_by_file_line():
    figures = [
        fig("FY2025", "2025-12-31", 2, kind="guidance", said="2025-01-01", line=9),
        fig("FY2025", "2025-12-31", 1, kind="guidance", said="2025-01-01", line=3),
    ]
    assert [f.value_bn for f in capex.ledger(figures)[0].statements] == [1, 2]
    assert capex.ledger([fig("FY2025", "2025-12-31", 5)]) == []


def test_calendar_alignment_of_different_fiscal_years(bundled):
    _, index = bundled
    points = {t: capex.series(index.figures(t), "cash", annual=False) for t in ("MSFT", "GOOGL", "ORCL")}
    aligned = capex.align(points, annual=False)
    row = {r["period"]: r for r in aligned.rows()}
    # Microsoft FY2025Q4 (Apr–Jun 2025) and Alphabet FY2025Q2 are both calendar 2025Q2.
    assert row["2025Q2"]["MSFT"] == 17.08 and row["2025Q2"]["GOOGL"] == 22.45
    # Oracle FY2026Q1 (Jun–Aug 2025) is mostly calendar 2025Q3.
    assert row["2025Q3"]["ORCL"] == 8.502
    assert row["2023Q1"]["ORCL"] is None
    assert aligned.labels == sorted(aligned.labels)
    annual = capex.align({t: capex.series(index.figures(t), "cash", annual=True) for t in ("MSFT", "NVDA")}, True)
    by_year = {r["period"]: r for r in annual.rows()}
    assert by_year["2025"] == {"period": "2025", "MSFT": 64.551, "NVDA": 3.236}  # years ending in 2025


def test_indexed_series_start_at_100():
    assert capex.index_series([None, 4.0, 5.0, None, 2.0]) == [None, 100.0, 125.0, None, 50.0]
    assert capex.index_series([1.0, 4.0, 5.0], base_at=1) == [25.0, 100.0, 125.0]
    assert capex.index_series([0.0, 1.0]) == [None, None]
    assert capex.index_series([-1.0, 1.0]) == [None, None]
    assert capex.index_series([None]) == [None]
    assert capex.index_series([2.0, None], base_at=1) == [None, None]


def test_indexing_starts_where_every_company_has_a_value():
    aligned = capex.Aligned(["a", "b", "c"], {"X": [1.0, 2.0, 4.0], "Y": [None, 3.0, 6.0]})
    assert aligned.common_start() == 1
    assert aligned.indexed().values == {"X": [50.0, 100.0, 200.0], "Y": [None, 100.0, 200.0]}
    assert aligned.window(2).values == {"X": [2.0, 4.0], "Y": [3.0, 6.0]}
    apart = capex.Aligned(["a", "b"], {"X": [1.0, None], "Y": [None, 3.0]})
    assert apart.common_start() is None
    assert apart.indexed().values == {"X": [100.0, None], "Y": [None, 100.0]}


def test_filter_matches_ticker_or_name_case_insensitively(bundled):
    _, index = bundled
    rows = index.summaries()
    assert [r.ticker for r in capex.filter_summaries(rows, "  mEtA ")] == ["META"]
    assert [r.ticker for r in capex.filter_summaries(rows, "or")] == [
        "CRWV",
        "META",
        "ORCL",
    ]  # CoreWeave, Meta Platforms, Oracle
    assert len(capex.filter_summaries(rows, "")) == len(rows)
    assert capex.filter_summaries(rows, "zzz") == []


@pytest.mark.parametrize("key", sorted(capex.SORT_KEYS))
def test_every_sort_key_sorts_with_missing_last(bundled, key):
    _, index = bundled
    for descending in (False, True):
        rows = capex.sort_summaries(index.summaries(), key, descending)
        values = [capex.SORT_KEYS[key](r) for r in rows]
        present = [v for v in values if v is not None]
        assert values[: len(present)] == present
        assert present == sorted(present, reverse=descending)


def test_labels():
    assert capex.short_label("FY2025Q4", date(2025, 6, 30), calendar=False) == "FY25Q4"
    assert capex.short_label("FY2025Q4", date(2025, 6, 30), calendar=True) == "25Q2"
    assert capex.short_label("FY2025", date(2025, 1, 26), calendar=True) == "→Jan25"
    assert capex.short_label("FY2025", date(2025, 1, 26), calendar=False) == "FY25"
    assert capex.calendar_period(date(2025, 6, 30), annual=True) == "Jul 2024–Jun 2025"
    assert capex.calendar_period(date(2025, 12, 31), annual=True) == "Jan–Dec 2025"
    assert capex.calendar_period(date(2025, 8, 31), annual=False) == "2025Q3"
    assert capex.basis_label("incl_finance_leases") == "incl. finance leases"
    assert capex.basis_label("[bold]x") == "[bold]x"


def test_quotes_mentioning_a_company(bundled):
    ds, _ = bundled
    msft = capex.quotes_mentioning(ds, "MSFT")
    ids = {q.id for q in msft}
    assert "msft-q2-capex-13-87b" in ids and "td-cowen-msft-lease-cancellations" in ids
    assert all(a.date is None or b.date is None or a.date >= b.date for a, b in zip(msft, msft[1:]))
    # Named in the text but filed under another company: Alphabet quotes that mention Microsoft.
    assert any(q.company != "MSFT" for q in msft)


def test_mentions_match_whole_words_only():
    company = Company("META", "Meta Platforms", 12, extra={"aliases": ["Meta", "脸书", 7]})
    ds = Dataset(root=None, companies={"META": company})
    from workbench.core.data.model import Quote

    ds.quotes = {
        "a": Quote("a", "doc", "The metadata layer"),
        "b": Quote("b", "doc", "META raised guidance"),
        "c": Quote("c", "doc", "脸书的资本支出"),
        "d": Quote("d", "doc", "nothing", company="META"),
        "e": Quote("e", "doc", "x", translation="Meta's capex"),
    }
    assert {q.id for q in capex.quotes_mentioning(ds, "META")} == {"b", "c", "d", "e"}
    assert capex.company_terms(None, "X") == []


def test_guidance_is_for_the_next_unreported_fiscal_year_latest_said_wins():
    figures = [
        fig("FY2025", "2025-05-31", 21.24),
        fig("FY2026", "2026-05-31", kind="guidance", value=35, said="2025-09-09", line=2),
        fig("FY2026", "2026-05-31", kind="guidance", value=50, said="2025-12-10", line=3),  # Oracle raised it
        fig("FY2025", "2025-05-31", kind="guidance", value=25, said="2025-03-01", line=4),  # reported since
        fig("FY2026Q1", "2025-08-31", kind="guidance", value=9, said="2026-01-01", line=5),  # a quarter: not shown
    ]
    s = capex.summarize("ORCL", "Oracle", figures)
    assert (s.guidance.fiscal_period, s.guidance.value_bn) == ("FY2026", 50)
    assert not s.guidance_other_basis


def test_guidance_on_the_actuals_basis_first_else_said_which():
    figures = [
        fig("FY2025", "2025-06-30", 64.551),
        fig("FY2026", "2026-06-30", kind="guidance", value=190, said="2026-04-29", basis="incl_finance_leases"),
        fig("FY2026Q1", "2025-09-30", kind="guidance", low=30, said="2025-07-30", basis="incl_finance_leases"),
    ]
    s = capex.summarize("MSFT", "Microsoft", figures)
    assert s.guidance.value_bn == 190 and s.guidance_other_basis and s.basis == "cash"
    figures.append(fig("FY2026", "2026-06-30", kind="guidance", value=120, said="2026-01-01", line=9))
    s = capex.summarize("MSFT", "Microsoft", figures)
    assert s.guidance.value_bn == 120 and not s.guidance_other_basis  # said earlier, but on the cash basis


def test_the_list_row_carries_period_ends():
    figures = [fig(f"FY2025Q{q}", f"2025-{3 * q:02d}-{30 if q in (2, 3) else 31}", 1.0) for q in (1, 2, 3, 4)]
    s = capex.summarize("X", "X", figures + [fig("FY2025", "2025-12-31", 4.0)])
    assert s.row()["period_end"] == date(2025, 12, 31) and s.row()["ttm_period_end"] == date(2025, 12, 31)


def test_a_year_past_without_its_actual_gives_way_to_the_next():
    # CoreWeave: no FY2025 actual, but FY2026 guidance said after FY2025 ended.
    figures = [
        fig("FY2025", "2025-12-31", kind="guidance", low=12, high=14, said="2025-11-10"),
        fig("FY2026", "2026-12-31", kind="guidance", low=30, high=35, said="2026-02-01", line=2),
        fig("FY2026", "2026-12-31", kind="guidance", low=31, high=35, said="2026-05-01", line=3),
        fig("FY2026Q1", "2026-03-31", 6.8, line=4),
    ]
    s = capex.summarize("CRWV", "CoreWeave", figures)
    assert (s.guidance.fiscal_period, s.guidance.low_bn) == ("FY2026", 31)
    assert capex.summarize("CRWV", "CoreWeave", figures[:1]).guidance.low_bn == 12  # nothing later known
