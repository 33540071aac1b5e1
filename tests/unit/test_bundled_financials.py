"""The bundled payback-side figures, hand-checked against the reference set (../shared/reference).

Each expected number below was read off the reference CSV row (or the document) named beside it,
not computed from the bundled file.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from tests.datakit import BUNDLED
from workbench.core.data.financials_csv import METRICS
from workbench.core.data.loader import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset(BUNDLED)


def one(ds, ticker, period, metric, segment=""):
    rows = [
        f
        for f in ds.financials
        if (f.ticker, f.fiscal_period, f.metric, f.segment, f.kind) == (ticker, period, metric, segment, "actual")
    ]
    assert len(rows) == 1, rows
    return rows[0]


def capex(ds, ticker, period, basis="cash", kind="actual"):
    rows = [f for f in ds.capex if (f.ticker, f.fiscal_period, f.basis, f.kind) == (ticker, period, basis, kind)]
    assert len(rows) == 1, rows
    return rows[0]


def test_bundled_financials_are_clean_and_cover_every_metric_and_company(ds):
    assert [str(p) for p in ds.problems] == []  # no errors and no warnings
    assert len(ds.financials) > 590
    assert set(Counter(f.metric for f in ds.financials)) == set(METRICS)
    assert {f.ticker for f in ds.financials} == set(ds.companies)
    assert {f.extra.get("confidence") for f in ds.financials} == {"high", "medium", "low"}


def test_microsoft_fy2025_payback_inputs(ds):
    # capex_annual.csv / capex.csv: Additions to property and equipment, FY2025 (10-K 64,551)
    assert capex(ds, "MSFT", "FY2025").value_bn == 64.551
    # financials.csv:356 stockanalysis income statement, 281,724 (the shareholder letter's 281.7 is the cross-check)
    revenue = one(ds, "MSFT", "FY2025", "revenue").value_bn
    assert revenue == 281.724
    # financials.csv:389-390 operating cash flow 136,162 (10-K and stockanalysis agree)
    ocf = one(ds, "MSFT", "FY2025", "operating_cash_flow").value_bn
    assert ocf == 136.162
    # financials.csv: "Financing cash flows from finance leases" 2,283 (SEC R-page of the lease note)
    leases = one(ds, "MSFT", "FY2025", "finance_lease_principal").value_bn
    assert leases == 2.283
    assert round(64.551 / revenue, 3) == 0.229  # capex intensity 22.9%
    assert round(ocf - 64.551, 2) == 71.61  # FCF
    assert round(ocf - 64.551 - leases, 2) == 69.33  # FCF after finance leases
    # financials.csv:418 Intelligent Cloud as recast in the FY2025 10-K: 106,265
    assert one(ds, "MSFT", "FY2025", "cloud_revenue", "Intelligent Cloud").value_bn == 106.265
    # financials.csv:439 commercial RPO at 30 June 2025: $368B
    rpo = one(ds, "MSFT", "FY2025", "rpo", "Commercial")
    assert rpo.value_bn == 368 and rpo.period_end == date(2025, 6, 30)


def test_microsoft_quarters_keep_intelligent_cloud_and_microsoft_cloud_apart(ds):
    # financials.csv:425-426 FY2026Q3: Microsoft Cloud 54.5, Intelligent Cloud 34.681
    assert one(ds, "MSFT", "FY2026Q3", "cloud_revenue", "Microsoft Cloud").value_bn == 54.5
    assert one(ds, "MSFT", "FY2026Q3", "cloud_revenue", "Intelligent Cloud").value_bn == 34.681


def test_alphabet_2026_q1_capex_and_cloud(ds):
    # capex_2026.csv:2 opencapital.sh, Q1 2026 $35.67B (Converge Digest's $35.7B is the cross-check)
    q1 = capex(ds, "GOOGL", "FY2026Q1")
    assert q1.value_bn == 35.67 and q1.period_end == date(2026, 3, 31)
    # financials.csv:264 Google Cloud Q1 2026 $20.0B
    assert one(ds, "GOOGL", "FY2026Q1", "cloud_revenue", "Google Cloud").value_bn == 20.0
    # financials.csv:276 Google Cloud backlog ">$460B"; the conflicting $462B (low) is only in the note
    backlog = one(ds, "GOOGL", "FY2026Q1", "rpo", "Google Cloud")
    assert backlog.value_bn == 460 and "462" in backlog.note


def test_oracle_fy2026_guidance_raised_to_50_on_2025_12_10(ds):
    # guidance_corrections.csv:2 (FY26 Q2 call): about $50B, up from the $35B of September
    rows = sorted(
        (f for f in ds.capex if f.ticker == "ORCL" and f.fiscal_period == "FY2026" and f.kind == "guidance"),
        key=lambda f: f.said_on,
    )
    assert [(f.point, f.said_on) for f in rows][-2:] == [(50, date(2025, 12, 10)), (50, date(2026, 3, 10))]
    assert [f.point for f in rows] == [16, 25, 35, 50, 50]
    assert "1.5" in rows[-2].note  # aibase's misreport is named and not used


def test_coreweave_2025_guidance_cut_to_12_14_on_2025_11_10(ds):
    rows = [f for f in ds.capex if f.ticker == "CRWV" and f.fiscal_period == "FY2025" and f.kind == "guidance"]
    latest = max(rows, key=lambda f: f.said_on)
    assert (latest.low_bn, latest.high_bn, latest.said_on) == (12, 14, date(2025, 11, 10))


def test_documents_own_figures_come_with_their_quotes(ds):
    # mag7-ai-capex-bill: "Amazon AWS revenue was $26.281 billion" (Q2 2024)
    aws = one(ds, "AMZN", "FY2024Q2", "cloud_revenue", "AWS")
    assert (aws.value_bn, aws.source, aws.quote) == (26.281, "mag7-ai-capex-bill", "aws-q2-2024-revenue-26-281b")
    # "... reaching $10.347 billion" (Google Cloud, Q2 2024)
    cloud = one(ds, "GOOGL", "FY2024Q2", "cloud_revenue", "Google Cloud")
    assert (cloud.value_bn, cloud.quote) == (10.347, "google-cloud-first-10b-quarter")
    assert "10.347" in ds.quotes[cloud.quote].text and "26.281" in ds.quotes[aws.quote].text


def test_conflicts_keep_the_better_source_and_name_the_other(ds):
    # Microsoft D&A: the company line 22,287 (high) over a vendor's rounded 20,000 (low)
    da = one(ds, "MSFT", "FY2024", "depreciation_amortization")
    assert da.value_bn == 22.287 and "20.0" in da.note
    # Oracle GAAP operating income 17,678 over the vendor-adjusted 18,052
    oi = one(ds, "ORCL", "FY2025", "operating_income")
    assert oi.value_bn == 17.678 and "18.052" in oi.note
    # Amazon's Q4-2025 operating cash flow marked "do not use" is not bundled
    assert not [
        f for f in ds.financials if (f.ticker, f.fiscal_period, f.metric) == ("AMZN", "FY2025Q4", "operating_cash_flow")
    ]
    # A trailing-twelve-month figure is never filed as a quarter
    q1 = one(ds, "AMZN", "FY2026Q1", "operating_cash_flow")
    assert q1.value_bn == 26.03 and "148.5" in q1.note


def test_fiscal_calendars_of_the_2026_figures(ds):
    # Apple's FY2026Q2 ended on Saturday 28 March 2026; NVIDIA's FY2026 on Sunday 25 January 2026
    assert capex(ds, "AAPL", "FY2026Q2").period_end == date(2026, 3, 28)
    nvda = capex(ds, "NVDA", "FY2026")
    assert (nvda.value_bn, nvda.period_end) == (6.042, date(2026, 1, 25))
    # Tesla FY2025 from the 10-K (8,527), replacing the rounded 8.5
    assert capex(ds, "TSLA", "FY2025").value_bn == 8.527


def test_every_external_figure_names_a_page(ds):
    for f in ds.financials:
        source = ds.sources[f.source]
        assert source.is_local or (source.url or "").startswith("http"), f
        if source.is_local:
            assert f.quote, f


def test_gaps_filled_from_the_earlier_cloud_revenue_file(ds):
    # cloud_revenue.csv:11 "Google Cloud growth (+34% YoY to $15.2B)" (2025Q3), :8 "$9.57 billion" (2024Q1)
    assert one(ds, "GOOGL", "FY2025Q3", "cloud_revenue", "Google Cloud").value_bn == 15.2
    assert one(ds, "GOOGL", "FY2024Q1", "cloud_revenue", "Google Cloud").value_bn == 9.57
    # cloud_revenue.csv:28 Oracle RPO "rose to $523 billion in the fiscal second quarter" (to 30 Nov 2025)
    rpo = one(ds, "ORCL", "FY2026Q2", "rpo")
    assert (rpo.value_bn, rpo.period_end) == (523, date(2025, 11, 30))
    # cloud_revenue.csv:26 OCI alone, beside the IaaS + SaaS figure of the same quarter
    assert one(ds, "ORCL", "FY2026Q2", "cloud_revenue", "OCI").value_bn == 4.08
    assert one(ds, "ORCL", "FY2026Q2", "cloud_revenue", "Cloud (IaaS + SaaS)").value_bn == 8.0
