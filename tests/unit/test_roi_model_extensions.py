"""The model's newer inputs and measures against hand-worked numbers (DESIGN.md "ROI model"):
book vs economic server life, revenue growth, terminal value, every IRR, MIRR, tornado."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.roi import model as roi
from workbench.core.roi.model import Inputs, evaluate
from workbench.core.roi.tornado import scaled, tornado

PLAIN = dict(
    start_year=2025, capex_bn=10.0, build_years=1, server_share=0.0, server_life_years=5,
    facility_life_years=10, refresh_servers=False, delay_years=0, ramp_years=1,
    revenue_bn=4.0, utilization=1.0, ebitda_margin=0.5, tax_rate=0.0, discount_rate=0.0,
    horizon_years=4,
)  # fmt: skip


def make(**changes: object) -> Inputs:
    inputs, errors = roi.parse_inputs({**PLAIN, **changes})
    assert inputs is not None, errors
    return inputs


def column(result: roi.Result, name: str) -> list[float]:
    return [getattr(row, name) for row in result.years]


# --- book life vs economic life --------------------------------------------------------------


def test_book_life_depreciates_while_server_life_refreshes() -> None:
    # $8B of servers in year 0, refreshed after 2 years (t2), booked over 4 years:
    # t0 spend → 2/yr in t1..t3; t2 refresh → 2/yr from t3: depreciation 0, 2, 2, 4.
    # With tax 20%: EBITDA 2 each year, tax 0.2 × (2 − dep) = 0.4, 0, 0, −0.4.
    common = dict(capex_bn=8.0, server_share=1.0, server_life_years=2, refresh_servers=True, tax_rate=0.2)
    booked = evaluate(make(**common, server_book_life_years=4))
    assert column(booked, "capex") == [8, 0, 8, 0]
    assert column(booked, "depreciation") == [0, 2, 2, 4]
    assert column(booked, "tax") == pytest.approx([0.4, 0, 0, -0.4])
    assert column(booked, "fcf") == pytest.approx([-6.4, 2, -6, 2.4])
    # Without a book life the server life (2) is the book life too: 4/yr from t1.
    assert column(evaluate(make(**common)), "depreciation") == [0, 4, 4, 4]
    assert make(**common).book_life == 2 and make(**common, server_book_life_years=4).book_life == 4


def test_unset_book_life_equals_the_server_life_to_the_last_bit() -> None:
    inputs = make(server_share=0.6, server_life_years=3, refresh_servers=True, tax_rate=0.21, discount_rate=0.09)
    assert evaluate(inputs) == replace(evaluate(replace(inputs, server_book_life_years=3)), inputs=inputs)


# --- revenue growth --------------------------------------------------------------------------


def test_revenue_grows_from_the_first_full_year() -> None:
    # delay 1, ramp 2: ramp 0, ½, 1, 1, 1; T = 1 + 2 − 1 = 2, so growth 10% applies from t3.
    result = evaluate(make(delay_years=1, ramp_years=2, revenue_growth=0.1, horizon_years=5))
    assert column(result, "revenue") == pytest.approx([0, 2, 4, 4.4, 4.84])
    deflating = evaluate(make(revenue_growth=-0.5))  # T = 0: 4, 2, 1, 0.5
    assert column(deflating, "revenue") == pytest.approx([4, 2, 1, 0.5])


# --- terminal value --------------------------------------------------------------------------


def test_terminal_value_on_the_mean_fcf_of_the_last_refresh_cycle() -> None:
    # Flows −8, 2, 2, 2 (facility 10, EBITDA 2, no tax). Server life 2: the last two years'
    # mean FCF is 2; TV = 2 × 1.02 / (0.10 − 0.02) = 25.5 at the end of year 3.
    result = evaluate(make(server_life_years=2, discount_rate=0.1, terminal_growth=0.02))
    assert result.terminal_value == pytest.approx(25.5)
    assert result.npv == pytest.approx(-8 + 2 / 1.1 + 2 / 1.1**2 + (2 + 25.5) / 1.1**3)
    assert result.irr == pytest.approx(npf.irr([-8, 2, 2, 27.5]))
    # The year table, cumulative FCF and payback do not see it.
    assert column(result, "fcf") == pytest.approx([-8, 2, 2, 2])
    assert result.years[-1].cumulative_fcf == pytest.approx(-2) and result.payback_years is None
    # Server life 5 > horizon 4: the cycle is the whole horizon, mean (−8 + 6) / 4 = −0.5.
    longer = evaluate(make(server_life_years=5, discount_rate=0.1, terminal_growth=0.02))
    assert longer.terminal_value == pytest.approx(-0.5 * 1.02 / 0.08)


def test_terminal_growth_must_stay_below_the_discount_rate() -> None:
    inputs, errors = roi.parse_inputs({**PLAIN, "discount_rate": 0.05, "terminal_growth": 0.05})
    assert inputs is None and "below the discount rate (5%)" in errors["terminal_growth"]
    assert roi.parse_inputs({**PLAIN, "discount_rate": 0.05, "terminal_growth": 0.049})[0] is not None


# --- every IRR, the one nearest the discount rate, MIRR --------------------------------------


def test_every_irr_and_the_one_nearest_the_discount_rate() -> None:
    # −100 + 230x − 132x² = 0 at x = 240/264 and 220/264: r = 10% and 20%.
    assert roi.all_irrs([-100, 230, -132]) == pytest.approx([0.1, 0.2])
    assert roi.nearest([0.1, 0.2], 0.16) == 0.2 and roi.nearest([0.1, 0.2], 0.14) == 0.1
    assert roi.nearest([0.1, 0.2], 0.15) == 0.1  # a tie goes to the lower one
    assert roi.nearest([], 0.1) is None
    assert roi.all_irrs([-10, 11]) == pytest.approx([0.1])
    assert roi.all_irrs([-10, 0, 0]) == [] and roi.all_irrs([0, 0]) == []
    assert roi.all_irrs([-1, 12]) == []  # r = 11: outside (−99%, 1000%)


def test_mirr_matches_numpy_financial() -> None:
    # [−10, 6, 6] at 10%: (6/1.1 + 6/1.21) / 10 = 1.041322; its square root × 1.1 − 1 = 12.2496%.
    assert roi.mirr([-10, 6, 6], 0.1) == pytest.approx(1.0413223140495869**0.5 * 1.1 - 1)
    for flows in ([-10, 6, 6], [-100, 230, -132], [-9.2, 2.02, 2.02, -6.98, 2.02, 2.02]):
        assert roi.mirr(flows, 0.09) == pytest.approx(npf.mirr(flows, 0.09, 0.09), rel=1e-12)
    assert roi.mirr([-1, -2], 0.1) is None and roi.mirr([1, 2], 0.1) is None


def test_aws_like_flows_have_two_irrs_and_the_results_pick_the_nearer() -> None:
    aws = make(
        start_year=2026, capex_bn=40.0, build_years=3, server_share=0.55, server_life_years=6,
        facility_life_years=25, refresh_servers=True, delay_years=1, ramp_years=3, revenue_bn=12.0,
        utilization=0.75, ebitda_margin=0.55, tax_rate=0.21, discount_rate=0.09, horizon_years=20,
    )  # fmt: skip
    result = evaluate(aws)
    assert result.irrs == pytest.approx((-0.33446569, -0.05058857), abs=1e-8)
    assert result.irr == result.irrs[1] and result.several_irrs
    assert roi.solve_all(aws, "discount_rate") == list(result.irrs)  # solve-for lists the same roots
    assert roi.solve_for(aws, "discount_rate") == result.irr  # ... and picks the same one


# --- tornado ---------------------------------------------------------------------------------


def test_tornado_hand_worked() -> None:
    # NPV = 20u − capex with revenue 10 (4 years of EBITDA 5u, capex 10 in year 0): −4.
    bars = {bar.input: bar for bar in tornado(make(revenue_bn=10.0, utilization=0.3))}
    capex = bars["capex_bn"]
    assert (capex.low_value, capex.high_value) == (8.0, 12.0)
    assert (capex.npv_low, capex.npv_high) == (pytest.approx(-2), pytest.approx(-6))
    horizon = bars["horizon_years"]  # 3.2 → 3, 4.8 → 5: NPV −10 + 1.5h
    assert (horizon.low_value, horizon.high_value) == (3, 5)
    assert (horizon.npv_low, horizon.npv_high) == (pytest.approx(-5.5), pytest.approx(-2.5))
    assert bars["utilization"].npv_low == pytest.approx(-5.2)
    order = [bar.input for bar in tornado(make(revenue_bn=10.0, utilization=0.3))]
    assert order[:2] == ["capex_bn", "horizon_years"]  # swings 4 and 3, then 2.4 …
    assert "terminal_growth" not in bars and "start_year" not in bars


def test_tornado_rounds_integers_and_clamps_to_the_domain() -> None:
    assert scaled("utilization", 0.9, 1.2) == 1.0
    assert scaled("build_years", 1, 0.8) == 1 and scaled("server_life_years", 6, 0.8) == 5
    assert scaled("delay_years", 0, 0.8) == 0
    # Discount 10% × 0.8 = 8% is below the terminal growth of 9%: that side has no NPV.
    bars = tornado(make(discount_rate=0.1, terminal_growth=0.09))
    discount = next(bar for bar in bars if bar.input == "discount_rate")
    assert discount.npv_low is None and discount.npv_high is not None and discount in bars[-2:]
    assert any(bar.input == "terminal_growth" for bar in bars)


# --- invariants ------------------------------------------------------------------------------


@st.composite
def inputs_strategy(draw: st.DrawFn) -> Inputs:
    frac = st.floats(0, 1, allow_nan=False)
    rate = draw(st.floats(-0.5, 0.5, allow_nan=False))
    growth = draw(st.none() | st.floats(-0.5, 0.5, allow_nan=False).filter(lambda g: g < rate - 1e-3))
    return Inputs(
        start_year=2025,
        capex_bn=draw(st.floats(0, 500, allow_nan=False)),
        build_years=draw(st.integers(1, 8)),
        server_share=draw(frac),
        server_life_years=draw(st.integers(1, 12)),
        server_book_life_years=draw(st.none() | st.integers(1, 12)),
        facility_life_years=draw(st.integers(1, 40)),
        refresh_servers=draw(st.booleans()),
        delay_years=draw(st.integers(0, 6)),
        ramp_years=draw(st.integers(1, 6)),
        revenue_bn=draw(st.floats(0, 200, allow_nan=False)),
        revenue_growth=draw(st.floats(-0.5, 0.5, allow_nan=False)),
        utilization=draw(frac),
        ebitda_margin=draw(st.floats(-1, 1, allow_nan=False)),
        tax_rate=draw(frac),
        discount_rate=rate,
        horizon_years=draw(st.integers(1, 30)),
        terminal_growth=growth,
    )


def scale(result: roi.Result) -> float:
    return max([1.0, abs(result.terminal_value or 0)] + [abs(r.capex) + abs(r.revenue) for r in result.years])


fast = settings(max_examples=60, deadline=None)


@fast
@given(inputs_strategy(), st.floats(0, 1, allow_nan=False))
def test_npv_is_linear_in_utilization(inputs: Inputs, u: float) -> None:
    at0 = roi.npv(replace(inputs, utilization=0.0))
    at1 = roi.npv(replace(inputs, utilization=1.0))
    here = roi.npv(replace(inputs, utilization=u))
    assert here == pytest.approx(at0 + u * (at1 - at0), abs=1e-9 * scale(evaluate(inputs)) * 10)


@fast
@given(inputs_strategy(), st.integers(1, 12))
def test_book_life_never_changes_cash_flow_before_tax(inputs: Inputs, book: int) -> None:
    a, b = evaluate(inputs), evaluate(replace(inputs, server_book_life_years=book))
    for name in ("capex", "revenue", "ebitda"):
        assert column(a, name) == column(b, name)
    if inputs.tax_rate == 0:
        assert column(a, "fcf") == column(b, "fcf")


@fast
@given(inputs_strategy())
def test_npv_fast_path_equals_evaluate_and_the_terminal_value_is_discounted_once(inputs: Inputs) -> None:
    result = evaluate(inputs)
    assert roi.npv(inputs) == result.npv
    without = evaluate(replace(inputs, terminal_growth=None))
    assert column(without, "fcf") == column(result, "fcf")
    assert without.terminal_value is None and without.payback_years == result.payback_years
    if result.terminal_value is not None:
        extra = result.terminal_value / (1 + inputs.discount_rate) ** (inputs.horizon_years - 1)
        assert result.npv - without.npv == pytest.approx(extra, abs=1e-9 * scale(result) * 10)


@fast
@given(inputs_strategy())
def test_defaults_give_the_model_before_them(inputs: Inputs) -> None:
    plain = replace(inputs, server_book_life_years=None, revenue_growth=0.0, terminal_growth=None)
    result = evaluate(plain)
    flows = column(result, "fcf")
    total = 0.0
    for t, flow in enumerate(flows):
        total += flow / (1 + plain.discount_rate) ** t
    assert result.npv == total and result.terminal_value is None
    if result.irr is not None:
        assert result.irr in result.irrs
    explicit = replace(plain, server_book_life_years=plain.server_life_years)
    assert evaluate(explicit).years == result.years


@fast
@given(inputs_strategy())
def test_irr_is_one_of_irrs_and_each_root_zeroes_npv(inputs: Inputs) -> None:
    result = evaluate(inputs)
    assert list(result.irrs) == sorted(result.irrs)
    assert (result.irr is None) == (not result.irrs)
    if result.irr is not None:
        assert result.irr in result.irrs
        assert all(abs(result.irr - inputs.discount_rate) <= abs(r - inputs.discount_rate) for r in result.irrs)
    flows = roi.rate_flows_of(column(result, "fcf"), result.terminal_value)
    largest = max(map(abs, flows)) or 1.0
    for rate in result.irrs:
        assert -0.99 < rate < 10
        # NPV at the root is zero up to the conditioning of the polynomial there.
        value = sum(f / (1 + rate) ** t for t, f in enumerate(flows))
        size = sum(abs(f) / (1 + rate) ** t for t, f in enumerate(flows))
        assert abs(value) <= 1e-7 * max(size, largest)


@fast
@given(inputs_strategy())
def test_mirr_is_numpy_financials(inputs: Inputs) -> None:
    result = evaluate(inputs)
    flows = roi.rate_flows_of(column(result, "fcf"), result.terminal_value)
    expected = float(npf.mirr(flows, inputs.discount_rate, inputs.discount_rate))
    if result.mirr is None:
        assert math.isnan(expected) or not math.isfinite(expected)
    else:
        assert result.mirr == pytest.approx(expected, rel=1e-9, abs=1e-12)


@fast
@given(inputs_strategy())
def test_tornado_is_sorted_by_swing_and_holds_the_others(inputs: Inputs) -> None:
    bars = tornado(inputs)
    swings = [bar.swing for bar in bars]
    assert swings == sorted(swings, reverse=True)
    for bar in bars[:3]:
        if bar.npv_low is not None:
            assert bar.npv_low == roi.npv(replace(inputs, **{bar.input: bar.low_value}))


def test_sensitivity_can_show_irr_and_payback() -> None:
    base = make(revenue_bn=10.0, utilization=0.3, discount_rate=0.05)
    irr = roi.sensitivity(base, "utilization", [0.0, 1.0], "capex_bn", [10.0], measure="irr")
    assert irr[0][1] == evaluate(replace(base, utilization=1.0)).irr
    assert math.isnan(irr[0][0])  # flows −10, 0, 0, 0: no rate makes NPV zero
    payback = roi.sensitivity(base, "utilization", [0.0, 1.0], "capex_bn", [10.0], measure="payback")
    assert math.isnan(payback[0][0]) and payback[0][1] == evaluate(replace(base, utilization=1.0)).payback_years
    with pytest.raises(ValueError):
        roi.sensitivity(base, "utilization", [0.3], "capex_bn", [10.0], measure="mirr")


NEW_INPUTS = """\
[scenario]
id = "gpu-debate"
name = "Six-year books, four-year GPUs"
company = "AMZN"
start_year = 2025
capex_bn = 10.0
build_years = 1
server_share = 1.0
server_life_years = 4
server_book_life_years = 6
facility_life_years = 15
delay_years = 0
ramp_years = 1
revenue_bn = 6.0
revenue_growth = -0.1
utilization = 1.0
ebitda_margin = 0.5
tax_rate = 0.0
discount_rate = 0.1
horizon_years = 6
terminal_growth = 0.0
"""


def test_roi_json_with_the_new_inputs_and_the_tornado(make_data, capsys) -> None:
    """Done when: `workbench roi ID --json` (with and without --tornado) follows the contract."""
    import json

    from workbench.cli import main

    data = make_data({"scenarios/gpu-debate.toml": NEW_INPUTS})
    assert main(["roi", "gpu-debate", "--case", "base", "--data", str(data), "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    # Revenue 6, 5.4, 4.86, 4.374, … (T = 0); EBITDA half of it; capex 10 at t0 and t4 (refresh);
    # FCF = EBITDA − capex (no tax): −7, 2.7, 2.43, 2.187, −8.0317, 1.77147.
    fcf = [row["fcf"] for row in plain["years"]]
    expected = [3 - 10, 2.7, 2.43, 2.187, 1.9683 - 10, 1.77147]
    assert fcf == pytest.approx(expected)
    # Book life 6: 10/6 a year from t1; the t4 refresh adds 10/6 from t5.
    assert [row["depreciation"] for row in plain["years"]] == pytest.approx([0, *[10 / 6] * 4, 20 / 6])
    # TV on the last server-life (4) years: mean(2.43, 2.187, −8.0317, 1.77147) × 1 / 0.1.
    tv = sum(expected[-4:]) / 4 / 0.1
    assert plain["terminal_value_bn"] == pytest.approx(tv)
    flows = [*expected[:-1], expected[-1] + tv]
    assert plain["npv_bn"] == pytest.approx(npf.npv(0.1, flows))
    assert plain["irrs"] == pytest.approx(roi.all_irrs(flows)) and (plain["irr"] in plain["irrs"] or not plain["irrs"])
    assert plain["mirr"] == pytest.approx(npf.mirr(flows, 0.1, 0.1))
    assert "tornado" not in plain
    assert main(["roi", "gpu-debate", "--case", "base", "--tornado", "--data", str(data), "--json"]) == 0
    with_tornado = json.loads(capsys.readouterr().out)
    bars = with_tornado["tornado"]
    assert set(bars[0]) == {"input", "low_value", "high_value", "npv_low", "npv_high"}
    swings = [abs(b["npv_high"] - b["npv_low"]) for b in bars if None not in (b["npv_low"], b["npv_high"])]
    assert swings == sorted(swings, reverse=True)
    assert {b["input"] for b in bars} >= {"server_book_life_years", "revenue_growth", "terminal_growth"}
    life = next(b for b in bars if b["input"] == "server_life_years")
    assert (life["low_value"], life["high_value"]) == (3, 5)  # 4 × 0.8 = 3.2 → 3, 4 × 1.2 = 4.8 → 5
