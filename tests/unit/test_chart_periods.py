"""Chart periods: missing periods made explicit, latest estimates, date ranges."""

from __future__ import annotations

from datetime import date

from workbench.core.capex.periods import Gap, in_range, latest_estimates, period_label, period_number, with_gaps
from workbench.core.data.model import CapexFigure


def test_oracles_missing_fourth_quarter_is_a_gap():
    # Oracle's fiscal year ends in May: FY2025Q4 ends 2025-05-31.
    shown = with_gaps(["FY2025Q2", "FY2025Q3", "FY2026Q1"], 5)
    assert shown == ["FY2025Q2", "FY2025Q3", Gap("FY2025Q4", date(2025, 5, 31)), "FY2026Q1"]


def test_missing_years_and_labels_round_trip():
    assert with_gaps(["FY2021", "FY2024"], 12) == [
        "FY2021",
        Gap("FY2022", date(2022, 12, 31)),
        Gap("FY2023", date(2023, 12, 31)),
        "FY2024",
    ]
    for label in ("FY2025", "FY2025Q1", "FY2025Q4"):
        assert period_label(period_number(label), "Q" not in label) == label
    assert with_gaps(["FY2024Q4", "FY2025Q1"], 12) == ["FY2024Q4", "FY2025Q1"]


def figure(period, kind, value, said=None, line=2, basis="cash"):
    return CapexFigure(
        "AMZN", period, date(2026, 12, 31), kind, value, None, None, basis, "web", said_on=said, line=line
    )


def test_latest_estimate_per_period():
    figures = [
        figure("FY2026", "estimate", 180.0, date(2026, 1, 5)),
        figure("FY2026", "estimate", 190.0, date(2026, 2, 5)),
        figure("FY2026", "guidance", 200.0, date(2026, 2, 5)),
        figure("FY2026", "estimate", 150.0, date(2026, 3, 5), basis="net_cash"),
    ]
    assert latest_estimates(figures, "cash", True)["FY2026"].value_bn == 190.0


def test_date_range_counts_whole_years_back_from_the_latest_period():
    latest = date(2025, 12, 31)
    assert in_range(date(2023, 3, 31), latest, 3) and not in_range(date(2022, 12, 31), latest, 3)
    assert in_range(date(1999, 1, 1), latest, None)
