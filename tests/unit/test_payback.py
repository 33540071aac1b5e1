"""Payback metrics, calendar-year sums and required revenue, hand-checked against /work/shared/reference."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.paybackkit import CAPEX, FINANCIALS, dataset
from workbench.core.payback.book import CAPEX as CAPEX_SERIES
from workbench.core.payback.book import CompanyBook, Series
from workbench.core.payback.metrics import books, company_metrics
from workbench.core.payback.required import RequiredInputs, crf, parse, required_revenue
from workbench.core.payback.traced import Traced, ratio, total
from workbench.core.payback.yearly import default_tickers, year_sum, year_sums


@pytest.fixture(scope="module")
def all_books():
    return books(dataset())


def by_label(metrics, label):
    return next(m for m in metrics if m.label == label)


# --- Microsoft FY2025, every metric by hand ------------------------------------------------------


def test_microsoft_fy2025_by_hand(all_books):
    fy25 = by_label(company_metrics(all_books["MSFT"]), "FY2025")
    v = {k: t.value for k, t in fy25.values.items()}
    assert v["capex"] == 64.551 and v["revenue"] == 281.724
    assert round(v["capex_intensity"] * 100, 1) == 22.9  # 64.551 / 281.724 = 0.22913
    assert v["fcf"] == pytest.approx(71.611)  # 136.162 − 64.551
    assert v["fcf_after_leases"] == pytest.approx(69.328)  # − 2.283
    assert round(v["capex_to_ocf"], 4) == 0.4741  # 64.551 / 136.162
    assert round(v["da_to_revenue"], 4) == 0.1212  # 34.153 / 281.724
    assert v["cloud_revenue"] == 106.265  # Intelligent Cloud
    assert round(v["cloud_yoy"], 4) == 0.2150  # 106.265 / 87.464 − 1
    assert v["incremental_cloud_revenue"] == pytest.approx(18.801)
    assert round(v["capex_per_incremental_cloud"], 3) == 3.433  # 64.551 / 18.801
    assert v["rpo"] == 368 and round(v["rpo_to_capex"], 2) == 5.70
    assert fy25.basis == "cash" and fy25.segment == "Intelligent Cloud" and fy25.period_end.isoformat() == "2025-06-30"


def test_every_value_names_its_rows(all_books):
    fy25 = by_label(company_metrics(all_books["MSFT"]), "FY2025")
    fcf = fy25.values["fcf_after_leases"]
    assert {(getattr(r, "metric", "capex"), r.fiscal_period) for r in fcf.rows} == {
        ("operating_cash_flow", "FY2025"),
        ("capex", "FY2025"),
        ("finance_lease_principal", "FY2025"),
    }
    assert fcf.sources() == ["ref"]


def test_missing_inputs_are_missing_with_the_reason(all_books):
    fy24 = by_label(company_metrics(all_books["MSFT"]), "FY2024")
    assert fy24.values["cloud_yoy"].value is None
    assert fy24.values["cloud_yoy"].why == "no cloud revenue (Intelligent Cloud) for FY2023"
    assert fy24.values["rpo"].why == "no RPO at the end of FY2024"
    # META reports no cloud segment: said so, never zero.
    meta = by_label(company_metrics(all_books["META"]), "FY2025")
    assert meta.values["cloud_revenue"].value is None
    assert "reports no cloud revenue" in meta.values["cloud_revenue"].why
    assert meta.row()["cloud_revenue"] is None


def test_ttm_sums_four_consecutive_quarters(all_books):
    # Alphabet 2026 Q1 capex 35.67: TTM = 22.45 + 23.95 + 27.85 + 35.67 = 109.92.
    googl = by_label(company_metrics(all_books["GOOGL"], ttm=True), "TTM FY2026Q1")
    assert googl.values["capex"].value == pytest.approx(109.92)
    assert [r.fiscal_period for r in googl.values["capex"].rows] == ["FY2025Q2", "FY2025Q3", "FY2025Q4", "FY2026Q1"]
    msft = by_label(company_metrics(all_books["MSFT"], ttm=True), "TTM FY2026Q3")
    assert msft.values["capex"].value == pytest.approx(17.08 + 19.39 + 29.88 + 30.9)
    assert msft.values["revenue"].value == pytest.approx(76.44 + 77.67 + 81.27 + 82.89)
    assert msft.values["cloud_revenue"].value == pytest.approx(29.9 + 30.897 + 32.9 + 34.681)
    assert msft.values["rpo"].value == 627  # a balance: read at the quarter's end, not summed
    assert msft.values["operating_cash_flow"].why == (
        "TTM to FY2026Q3 needs FY2025Q4–FY2026Q3: no operating cash flow for FY2025Q4–FY2026Q3"
    )


def test_a_ratio_never_mixes_bases_or_segments(all_books):
    # Microsoft Cloud has only two quarters: on that segment the TTM is missing, never topped up with IC.
    msft = company_metrics(all_books["MSFT"], ttm=True, segment="Microsoft Cloud")
    assert all(m.values["cloud_revenue"].value is None for m in msft)
    # On the incl-finance-leases basis there is one quarter: capex is missing, never the cash figure.
    leases = company_metrics(all_books["MSFT"], ttm=True, basis="incl_finance_leases")
    assert all(m.values["capex"].value is None for m in leases)
    assert all(m.basis == "incl_finance_leases" for m in leases)
    meta = by_label(company_metrics(all_books["META"], basis="incl_finance_leases"), "FY2025")
    assert meta.values["capex"].value == 72.22
    assert meta.values["fcf_after_leases"].value is None  # the leases are already in that capex


def test_an_annual_figure_comes_from_four_quarters_when_the_year_is_not_reported():
    capex = CAPEX + "".join(
        f"ORCL,FY2026Q{q},2025-{m}-30,actual,{v},cash,ref\n"
        for q, m, v in ((1, "08", 8.5), (2, "11", 12.0), (3, "02", 10.0), (4, "05", 9.5))
    )
    capex = capex.replace("2025-02-30", "2026-02-28").replace("2025-05-30", "2026-05-31")
    book = books(dataset(capex=capex))["ORCL"]
    fy26 = book.annual(Series(CAPEX_SERIES, "cash"), 2026)
    assert fy26.value == pytest.approx(40.0) and len(fy26.rows) == 4 and fy26.note == "sum of FY2026Q1–Q4"


# --- across companies, by calendar year --------------------------------------------------------------


def test_hyperscalers_summed_by_calendar_year(all_books):
    assert default_tickers(all_books) == ["AMZN", "GOOGL", "META", "MSFT"]
    y2025 = year_sum(all_books, ["AMZN", "GOOGL", "META", "MSFT"], 2025)
    # 131.82 + 91.45 + 69.7 + MSFT's FY2025 64.551 (its calendar 2025 cloud quarters are not all reported)
    assert y2025.values["capex"].value == pytest.approx(357.521)
    assert y2025.values["cloud_revenue"].value == pytest.approx(128.7 + 58.705 + 106.265)
    assert y2025.values["incremental_cloud_revenue"].value == pytest.approx(
        (128.7 - 107.556) + (58.705 - 43.229) + (106.265 - 87.464)
    )
    assert y2025.values["capex_per_incremental_cloud"].value == pytest.approx(357.521 / 55.421)
    assert y2025.cloud_tickers == ("AMZN", "GOOGL", "MSFT")  # META has no cloud segment
    msft = next(p for p in y2025.parts if p.ticker == "MSFT")
    assert msft.window == "fiscal" and msft.capex.note == "FY2025 (Jul 2024–Jun 2025), not calendar 2025"
    assert y2025.row()["fiscal_windows"] == ["MSFT: FY2025 (Jul 2024–Jun 2025), not calendar 2025"]


def test_the_other_sums_use_the_same_window(all_books):
    msft = year_sum(all_books, ["MSFT"], 2025)  # its FY2025, as for its capex and cloud revenue
    v = {k: t.value for k, t in msft.values.items()}
    assert v["revenue"] == 281.724 and v["fcf"] == pytest.approx(71.611)
    assert round(v["capex_intensity"] * 100, 1) == 22.9
    both = year_sum(all_books, ["MSFT", "AMZN"], 2025)
    assert both.values["revenue"].value is None and "AMZN: no revenue for FY2025" in both.values["revenue"].why


def test_a_calendar_year_from_quarters_when_they_are_all_there(all_books):
    msft = all_books["MSFT"]
    assert msft.calendar_quarters(2024) == ["FY2024Q3", "FY2024Q4", "FY2025Q1", "FY2025Q2"]
    cal = msft.calendar_year(Series(CAPEX_SERIES, "cash"), 2024)
    assert cal.value == pytest.approx(10.95 + 13.87 + 14.92 + 15.8)
    # In a year sum one window covers a company's capex and cloud revenue alike: Microsoft's
    # calendar-2024 cloud quarters are not reported, so both come from its FY2024, said so.
    y2024 = year_sum(all_books, ["MSFT", "META"], 2024)
    assert y2024.values["capex"].value == pytest.approx(44.477 + 37.256)
    assert [p.window for p in y2024.parts] == ["fiscal", "calendar"]


def test_a_sum_with_a_missing_company_is_missing_and_says_whose(all_books):
    y2026 = year_sum(all_books, ["GOOGL", "MSFT"], 2026)
    assert y2026.values["capex"].value is None
    assert "GOOGL: no capex (cash) for FY2026" in y2026.values["capex"].why
    assert year_sums(all_books, []) == []


# --- required revenue ---------------------------------------------------------------------------------


def test_capital_recovery_factor_by_hand():
    assert crf(0.10, 5) == pytest.approx(0.263797, abs=1e-6)  # 0.1 / (1 − 1.1^−5)
    assert crf(0.0, 4) == 0.25


def test_both_methods_and_the_gap_by_hand():
    result = required_revenue(RequiredInputs(capex_bn=400, gpu_spend_bn=150, actual_cloud_bn=250))
    assert result.capital_recovery_bn == pytest.approx(400 * 0.2637975 / 0.5, rel=1e-6)  # 211.04
    assert result.heuristic_bn == pytest.approx(600)  # Sequoia: 150 × 2 × 2
    assert result.gap_heuristic_bn == pytest.approx(350)
    assert result.gap_capital_recovery_bn == pytest.approx(211.038 - 250, abs=1e-3)


def test_a_missing_or_bad_input_leaves_its_method_missing():
    result = required_revenue(RequiredInputs(capex_bn=None, gpu_spend_bn=100, ebitda_margin=0))
    assert result.capital_recovery_bn is None and result.heuristic_bn == pytest.approx(400)
    assert any("EBITDA margin" in e for e in result.errors)
    assert required_revenue(RequiredInputs(capex_bn=10, gpu_spend_bn=1)).gap_heuristic_bn is None


def test_inputs_typed_by_the_user():
    assert parse("cost_of_capital", "10%") == (0.1, "")
    assert parse("capex_bn", "$1,200B") == (1200.0, "")
    assert parse("life_years", "0")[1].startswith("Useful life")
    assert parse("gpu_share", "abc")[1] == "GPU share of DC cost g: 'abc' is not a number"


# --- invariants -----------------------------------------------------------------------------------------

money = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False)


@given(money, money)
def test_ratio_is_missing_exactly_when_the_denominator_is_not_positive(a, b):
    result = ratio(Traced(a, ("x",)), Traced(b, ("y",)))
    assert (result.value is None) == (b <= 0)
    if result.value is not None:
        assert result.value == a / b
    assert set(result.rows) == {"x", "y"}


@given(st.lists(st.one_of(st.none(), money), max_size=6))
def test_a_total_is_never_a_partial_sum(values):
    parts = [Traced(v) if v is not None else Traced(None, why=f"gap {i}") for i, v in enumerate(values)]
    result = total(parts)
    if not values or None in values:
        assert result.value is None and result.why
    else:
        assert math.isclose(result.value, sum(values), abs_tol=1e-9)


@given(st.floats(min_value=0.001, max_value=1.0), st.integers(min_value=1, max_value=40))
def test_crf_recovers_the_capital(rate, life):
    # The present value of `life` payments of CRF at `rate` is exactly one dollar.
    factor = crf(rate, life)
    assert math.isclose(sum(factor / (1 + rate) ** t for t in range(1, life + 1)), 1.0, rel_tol=1e-9)
    assert factor >= 1 / life


@given(
    st.lists(
        st.tuples(st.integers(2020, 2026), st.integers(1, 4), st.floats(min_value=0, max_value=100, allow_nan=False)),
        max_size=20,
    )
)
def test_a_ttm_is_four_consecutive_quarters_or_missing(quarters):
    text = "ticker,fiscal_period,period_end,kind,value_bn,basis,source\n"
    seen = {}
    for year, q, value in quarters:
        seen[(year, q)] = value
    ends = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
    text += "".join(f"AMZN,FY{y}Q{q},{y}-{ends[q]},actual,{v},cash,ref\n" for (y, q), v in seen.items())
    book: CompanyBook = books(dataset(capex=text, financials=FINANCIALS.splitlines()[0] + "\n"))["AMZN"]
    for year, q in seen:
        got = book.ttm(Series(CAPEX_SERIES, "cash"), f"FY{year}Q{q}")
        window = [((year * 4 + q - 1 - k) // 4, (year * 4 + q - 1 - k) % 4 + 1) for k in range(4)]
        if all(w in seen for w in window):
            assert got.value == pytest.approx(sum(seen[w] for w in window))
        elif q == 4:
            assert got.value is None  # no annual row to fall back on here
        else:
            assert got.value is None and got.why.startswith(f"TTM to FY{year}Q{q} needs")


def test_a_ttm_table_starts_on_the_segment_reported_by_quarter():
    # Oracle: "cloud services and license support" by year, "cloud (IaaS + SaaS)" by quarter.
    rows = "ticker,fiscal_period,period_end,metric,segment,kind,value_bn,source\n"
    rows += "ORCL,FY2024,2024-05-31,cloud_revenue,cloud services and license support,actual,39.4,ref\n"
    rows += "ORCL,FY2025,2025-05-31,cloud_revenue,cloud services and license support,actual,44.0,ref\n"
    for q, end in ((1, "2025-08-31"), (2, "2025-11-30"), (3, "2026-02-28"), (4, "2026-05-31")):
        rows += f"ORCL,FY2026Q{q},{end},cloud_revenue,cloud (IaaS + SaaS),actual,{7 + q},ref\n"
    book = books(dataset(financials=rows))["ORCL"]
    annual = company_metrics(book)
    assert annual[-1].segment == "cloud services and license support"
    assert annual[-1].values["cloud_revenue"].value == 44.0
    ttm = company_metrics(book, ttm=True)
    assert ttm[-1].segment == "cloud (IaaS + SaaS)" and ttm[-1].values["cloud_revenue"].value == 8 + 9 + 10 + 11
