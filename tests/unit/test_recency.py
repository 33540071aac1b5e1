"""How recent the data is: the latest period end of an actual figure and the latest statement."""

from __future__ import annotations

from datetime import date

from tests.datakit import BUNDLED
from workbench.core.data.loader import load_dataset
from workbench.core.data.recency import Recency, data_recency, recency_by_company

FINANCIALS = """\
ticker,fiscal_period,period_end,metric,kind,value_bn,source,said_on
MSFT,FY2025,2025-06-30,revenue,actual,281.724,web,
MSFT,FY2026,2026-06-30,revenue,guidance,300,web,2025-07-30
"""


def test_small_dataset(make_data):
    ds = load_dataset(make_data({"financials.csv": FINANCIALS}))
    assert ds.problems == []
    by_company = recency_by_company(ds)
    # MSFT: the FY2025 actual (its FY2026 guidance lies in the future and does not count as data);
    # stated: the guidance's said_on is later than the web page's 2024-05-02.
    assert by_company["MSFT"] == Recency(date(2025, 6, 30), date(2025, 7, 30))
    # AMZN: actual 2024Q1 from the document of 2024-05-01; guidance said on 2025-02-06
    assert by_company["AMZN"] == Recency(date(2024, 3, 31), date(2025, 2, 6))
    overall = data_recency(ds)
    assert overall == Recency(date(2025, 6, 30), date(2025, 7, 30))
    assert overall.label() == "data to 2025-06-30 · stated 2025-07-30"


def test_empty_and_partial_labels(make_data):
    assert Recency().label() == ""
    assert Recency(period_end=date(2026, 3, 31)).label() == "data to 2026-03-31"
    ds = load_dataset(make_data({"capex.csv": "ticker,fiscal_period,period_end,kind,value_bn,basis,source\n"}))
    assert data_recency(ds) == Recency()


def test_bundled_data_runs_to_mid_2026():
    ds = load_dataset(BUNDLED)
    by_company = recency_by_company(ds)
    # Oracle's FY2026 ended 2026-05-31 (revenue, cloud, RPO of the FY2026 Q4 release)
    assert data_recency(ds).period_end == date(2026, 5, 31)
    assert by_company["MSFT"].period_end == date(2026, 3, 31)  # FY2026Q3
    assert by_company["NVDA"].period_end == date(2026, 4, 26)  # FY2027Q1 revenue
    assert by_company["AAPL"].period_end == date(2026, 3, 28)  # FY2026Q2 capex
    assert all(r.statement is not None and r.statement >= r.period_end for r in by_company.values())


def test_the_whole_is_the_latest_of_every_company():
    ds = load_dataset(BUNDLED)
    merged = Recency()
    for recency in recency_by_company(ds).values():
        merged = merged.merged(recency)
    assert data_recency(ds) == merged
