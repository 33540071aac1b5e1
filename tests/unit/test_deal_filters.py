"""Deal ledger: numeric filters and totals split by how firm the deals are."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.data.model import Deal
from workbench.core.deals.ledger import (
    NumberRange,
    build_ledger,
    filter_problem,
    filter_rows,
    number_range,
    standing_totals,
)


def deal(investor, counterparty, kind, amount, day, status="", confidence="", years=None) -> Deal:
    extra = {"confidence": confidence} if confidence else {}
    return Deal(
        investor,
        counterparty,
        kind,
        amount,
        date.fromisoformat(day),
        "web",
        line=2,
        extra=extra,
        status=status,
        years=years,
    )


@pytest.fixture
def ledger():
    return build_ledger(
        [
            deal("Amazon", "Anthropic", "equity", 8.0, "2024-11-22", "closed", "high"),
            deal("Amazon", "OpenAI", "equity", 50.0, "2026-02-01", "reported", "low"),
            deal("NVIDIA", "OpenAI", "equity", 100.0, "2025-09-22", "letter_of_intent", "high"),
            deal("OpenAI", "Oracle", "compute_commitment", 300.0, "2025-09-10", "committed", "medium", 5),
            deal("Meta", "Alphabet", "compute_commitment", None, "2025-08-21", "reported", "low-medium"),
        ]
    )


def test_numeric_ranges_read_as_written():
    assert number_range(">50") == NumberRange(50, None, low_inclusive=False)
    assert number_range(">=50") == NumberRange(50, None)
    assert number_range("<10") == NumberRange(None, 10, high_inclusive=False)
    assert number_range("2025..2026") == NumberRange(2025, 2026)
    assert number_range("..20") == NumberRange(None, 20)
    assert number_range("$1,000") == NumberRange(1000, 1000)
    assert number_range("big") is None and number_range("..") is None


def test_amount_year_and_term_filter_as_numbers(ledger):
    def investors(query):
        return [(r.deal.investor, r.deal.counterparty) for r in filter_rows(ledger, ledger.rows, query)]

    assert investors("amount:>50") == [("NVIDIA", "OpenAI"), ("OpenAI", "Oracle")]  # 50 itself is not > 50
    assert investors("amount:>=50 kind:equity") == [("Amazon", "OpenAI"), ("NVIDIA", "OpenAI")]
    assert investors("year:2025..2026 amount:<=100") == [("Amazon", "OpenAI"), ("NVIDIA", "OpenAI")]
    assert investors("term:>=5") == [("OpenAI", "Oracle")]
    assert investors("amount:<1") == []  # an undisclosed amount is not a small one
    assert investors("amount:lots") == [] and "amount:" in filter_problem("amount:lots")
    assert filter_problem("amount:>50 year:2025") == ""


def test_totals_keep_closed_committed_and_reported_apart(ledger):
    capital = standing_totals(ledger.rows, "capital")
    assert capital.by_standing["closed"].usd_bn == 8.0
    assert capital.by_standing["reported/LOI"].usd_bn == 150.0  # reported 50 + letter of intent 100
    assert capital.low_confidence.usd_bn == 50.0
    assert capital.text() == "closed $8.00B · reported/LOI $150.00B (low confidence $50.00B)"
    spend = standing_totals(ledger.rows, "spend")
    assert spend.text() == "committed $300.00B · reported/LOI undisclosed (low confidence undisclosed)"


@given(st.floats(-1e6, 1e6, allow_nan=False), st.floats(-1e6, 1e6, allow_nan=False))
def test_a_range_holds_exactly_the_values_between_its_bounds(a, b):
    low, high = min(a, b), max(a, b)
    bounds = number_range(f"{low!r}..{high!r}")
    assert bounds is not None and bounds.holds(low) and bounds.holds(high)
    assert not bounds.holds(None)


def test_multi_year_commitments_spread_evenly_beside_the_providers_cloud_revenue():
    from workbench.core.data.model import Company, FinancialFigure
    from workbench.core.deals.views import years_view

    ledger = build_ledger(
        [
            deal("OpenAI", "Oracle", "compute_commitment", 300.0, "2025-09-10", "committed", "medium", 5),
            deal("Meta", "Oracle", "compute_commitment", 20.0, "2025-10-01", "reported", "low"),  # no term
            deal("Meta", "Oracle", "compute_commitment", None, "2026-01-05", "reported", "low", 4),
        ],
        [Company("ORCL", "Oracle", 5)],
    )
    cloud = FinancialFigure("ORCL", "FY2026", date(2026, 5, 31), "cloud_revenue", "actual", 30.0, "web", "OCI")
    rows = years_view(ledger, ledger.rows, [cloud])
    assert [(r.year, r.spend, r.deals) for r in rows] == [
        (2025, 80.0, 2),  # 300 / 5 + the 20 without a term, counted in its year
        (2026, 60.0, 1),
        (2027, 60.0, 1),
        (2028, 60.0, 1),
        (2029, 60.0, 1),
    ]
    assert rows[0].no_term == 1 and rows[1].undisclosed == 1
    assert rows[1].cloud_revenue == 30.0 and rows[1].share_of_cloud == 2.0 and rows[0].cloud_revenue is None
