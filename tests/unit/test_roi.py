"""The ROI model against hand-worked numbers (docs/model.md) and its invariants."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from itertools import accumulate

import numpy_financial as npf
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from workbench.core.roi import model as roi
from workbench.core.roi.model import INPUTS, Inputs, evaluate

# A plain project most hand cases start from: $10B of facility spent in year 0, life 10,
# $4B revenue at full ramp from year 0, 50% margin, no tax, no discounting, 4 years.
PLAIN = dict(
    start_year=2025,
    capex_bn=10.0,
    build_years=1,
    server_share=0.0,
    server_life_years=5,
    facility_life_years=10,
    refresh_servers=False,
    delay_years=0,
    ramp_years=1,
    revenue_bn=4.0,
    utilization=1.0,
    ebitda_margin=0.5,
    tax_rate=0.0,
    discount_rate=0.0,
    horizon_years=4,
)


def make(**changes: object) -> Inputs:
    inputs, errors = roi.parse_inputs({**PLAIN, **changes})
    assert inputs is not None, errors
    return inputs


def column(result: roi.Result, name: str) -> list[float]:
    return [getattr(row, name) for row in result.years]


# --- hand-worked cases ---------------------------------------------------------------------


def test_one_year_build_with_tax_and_discounting() -> None:
    # t0: capex 10, revenue 4, EBITDA 2, no depreciation yet (it starts the year after),
    #     EBIT 2, tax 0.2×2 = 0.4, FCF 2 − 0.4 − 10 = −8.4
    # t1..t3: depreciation 10/10 = 1, EBIT 1, tax 0.2, FCF 2 − 0.2 = 1.8
    result = evaluate(make(tax_rate=0.2, discount_rate=0.1))
    assert [row.year for row in result.years] == [2025, 2026, 2027, 2028]
    assert column(result, "capex") == [10, 0, 0, 0]
    assert column(result, "revenue") == [4, 4, 4, 4]
    assert column(result, "ebitda") == [2, 2, 2, 2]
    assert column(result, "depreciation") == [0, 1, 1, 1]
    assert column(result, "ebit") == [2, 1, 1, 1]
    assert column(result, "tax") == pytest.approx([0.4, 0.2, 0.2, 0.2])
    assert column(result, "fcf") == pytest.approx([-8.4, 1.8, 1.8, 1.8])
    assert column(result, "cumulative_fcf") == pytest.approx([-8.4, -6.6, -4.8, -3.0])
    # Year 0 undiscounted: −8.4 + 1.8/1.1 + 1.8/1.1² + 1.8/1.1³ = −3.92367
    assert result.npv == pytest.approx(-8.4 + 1.8 / 1.1 + 1.8 / 1.1**2 + 1.8 / 1.1**3)
    assert result.npv == pytest.approx(npf.npv(0.1, column(result, "fcf")), rel=1e-12)
    assert result.payback_years is None


def test_multi_year_build_splits_server_and_facility() -> None:
    # $12B over 3 years = 4/yr, half servers (life 2) and half facility (life 4), no revenue.
    # server spend 2 in t0..t2 → 1/yr for 2 years each: t1 1, t2 1+1, t3 1+1, t4 1
    # facility spend 2 in t0..t2 → 0.5/yr for 4 years each: t1 .5, t2 1, t3 1.5, t4 1.5
    result = evaluate(
        make(
            capex_bn=12.0,
            build_years=3,
            server_share=0.5,
            server_life_years=2,
            facility_life_years=4,
            revenue_bn=0.0,
            horizon_years=5,
        )
    )
    assert column(result, "capex") == [4, 4, 4, 0, 0]
    assert column(result, "depreciation") == pytest.approx([0, 1.5, 3.0, 3.5, 2.5])
    assert sum(column(result, "depreciation")) == pytest.approx(10.5)  # the rest is beyond t4


def test_refresh_buys_servers_again_and_refreshes_refreshes() -> None:
    # $10B in year 0: servers 6 (life 2), facility 4 (life 10), horizon 6.
    # Servers bought again in t2 (refresh) and t4 (refresh of the refresh); t6 is outside.
    # Depreciation: servers 3/yr always running from t1; facility 0.4/yr → 3.4 in t1..t5.
    result = evaluate(
        make(server_share=0.6, server_life_years=2, refresh_servers=True, revenue_bn=0.0, horizon_years=6)
    )
    assert column(result, "capex") == pytest.approx([10, 0, 6, 0, 6, 0])
    assert column(result, "depreciation") == pytest.approx([0, 3.4, 3.4, 3.4, 3.4, 3.4])


def test_refresh_disabled_buys_servers_once() -> None:
    # Same as above without refresh: servers depreciate 3/yr in t1, t2 only.
    result = evaluate(
        make(server_share=0.6, server_life_years=2, refresh_servers=False, revenue_bn=0.0, horizon_years=6)
    )
    assert column(result, "capex") == pytest.approx([10, 0, 0, 0, 0, 0])
    assert column(result, "depreciation") == pytest.approx([0, 3.4, 3.4, 0.4, 0.4, 0.4])


def test_refresh_defaults_to_true_when_the_key_is_absent() -> None:
    raw = {k: v for k, v in PLAIN.items() if k != "refresh_servers"}
    inputs, errors = roi.parse_inputs(raw)
    assert errors == {} and inputs is not None and inputs.refresh_servers is True


def test_delay_and_ramp() -> None:
    # delay 2, ramp 3: Ramp = 0, 0, 1/3, 2/3, 1, 1, 1; revenue 9 × 0.5 utilization = 4.5 at full.
    result = evaluate(make(delay_years=2, ramp_years=3, revenue_bn=9.0, utilization=0.5, horizon_years=7))
    assert column(result, "revenue") == pytest.approx([0, 0, 1.5, 3.0, 4.5, 4.5, 4.5])
    assert column(result, "ebitda") == pytest.approx([0, 0, 0.75, 1.5, 2.25, 2.25, 2.25])


def test_losses_in_early_years_are_a_tax_shield() -> None:
    # Facility life 5 → depreciation 2 from t1; revenue only from t2 (delay 2); tax 25%.
    # t0: FCF −10. t1: EBIT −2, tax −0.5 (shield), FCF 0 + 0.5 = 0.5. t2, t3: EBIT 0, FCF 2.
    result = evaluate(make(facility_life_years=5, tax_rate=0.25, delay_years=2))
    assert column(result, "ebit") == pytest.approx([0, -2, 0, 0])
    assert column(result, "tax") == pytest.approx([0, -0.5, 0, 0])
    assert column(result, "fcf") == pytest.approx([-10, 0.5, 2, 2])


def test_payback_is_interpolated_within_the_year() -> None:
    # revenue 8: FCF −6, 4, 4, 4 → cumulative −6, −2, 2: turns in year 2 → 2 + 2/4 = 2.5
    result = evaluate(make(revenue_bn=8.0, horizon_years=5))
    assert column(result, "cumulative_fcf")[:3] == [-6, -2, 2]
    assert result.payback_years == pytest.approx(2.5)


def test_payback_never_within_horizon_is_none() -> None:
    # revenue 2: FCF −9, 1, 1, 1, 1 → cumulative ends at −5
    assert evaluate(make(revenue_bn=2.0, horizon_years=5)).payback_years is None


def test_payback_edge_cases() -> None:
    assert roi.payback([-4, 2, 2]) == 3.0  # cumulative reaches exactly 0 at the end of year 2
    assert roi.payback([1, 2]) == 0.0  # never negative: nothing to pay back
    assert roi.payback([0, 0]) == 0.0
    assert roi.payback([1, -3, 4]) == pytest.approx(2.5)  # the crossing from negative counts
    assert roi.payback([1, -3, 1]) is None  # went negative and never recovered
    assert roi.payback([-2, 3, -5, 1]) == pytest.approx(1 + 2 / 3)  # the first crossing
    assert evaluate(make(capex_bn=0.0)).payback_years == 0.0


def test_breakeven_utilization_root() -> None:
    # revenue 10 × u, margin .5, no tax, no discounting: FCF 5u − 10, 5u, 5u, 5u
    # NPV = 20u − 10 → 0 at u = 0.5
    result = evaluate(make(revenue_bn=10.0, utilization=0.3))
    assert result.breakeven_utilization == pytest.approx(0.5)


def test_breakeven_utilization_edges() -> None:
    assert evaluate(make(capex_bn=0.0)).breakeven_utilization == 0.0  # NPV(0) = 0 ≥ 0
    assert evaluate(make(revenue_bn=1.0)).breakeven_utilization is None  # NPV(1) = 2 − 10 < 0
    # exactly at 1: revenue 5 → NPV(1) = 5·4·0.5 − 10 = 0
    assert evaluate(make(revenue_bn=5.0)).breakeven_utilization == pytest.approx(1.0)


def test_multiple_sign_changes_flag() -> None:
    # All servers (life 2, refreshed), revenue 8: FCF −6, 4, −6, 4 → three sign changes
    result = evaluate(make(server_share=1.0, server_life_years=2, refresh_servers=True, revenue_bn=8.0))
    assert column(result, "fcf") == pytest.approx([-6, 4, -6, 4])
    assert result.multiple_sign_changes is True
    assert evaluate(make(revenue_bn=8.0)).multiple_sign_changes is False
    assert roi.sign_changes([-1, 0, 0, 2, 0, 3]) == 1  # zeros are skipped
    assert roi.sign_changes([0, 0]) == 0


def test_irr() -> None:
    assert roi.irr([-10, 11]) == pytest.approx(0.1)
    assert roi.irr([-10, 0, 0]) is None  # no root
    assert roi.irr([0, 0, 0]) is None
    assert evaluate(make(revenue_bn=0.0)).irr is None  # only spending: no rate makes NPV 0
    result = evaluate(make(revenue_bn=8.0, horizon_years=6))
    assert result.irr == pytest.approx(npf.irr(column(result, "fcf")))
    assert roi.npv(replace(result.inputs, discount_rate=result.irr)) == pytest.approx(0, abs=1e-9)


def test_result_to_json_shape() -> None:
    data = roi.result_to_json("aws", "base", evaluate(make(revenue_bn=0.0)))
    assert list(data) == [
        "id", "case", "npv_bn", "irr", "irrs", "mirr", "payback_years", "breakeven_utilization",
        "terminal_value_bn", "years",
    ]  # fmt: skip
    assert data["irrs"] == [] and data["mirr"] is None and data["terminal_value_bn"] is None
    assert list(data["years"][0]) == [
        "year",
        "capex",
        "revenue",
        "ebitda",
        "depreciation",
        "ebit",
        "tax",
        "fcf",
        "cumulative_fcf",
    ]
    assert data["irr"] is None and data["payback_years"] is None and data["breakeven_utilization"] is None
    assert data["years"][0]["year"] == 2025 and isinstance(data["years"][0]["capex"], float)
    assert json.loads(json.dumps(data, allow_nan=False)) == data


# --- parsing -------------------------------------------------------------------------------


def test_parse_inputs_reports_every_field() -> None:
    raw = {**PLAIN, "build_years": True, "capex_bn": "40", "utilization": 1.5, "horizon_years": 10.0}
    del raw["tax_rate"]
    inputs, errors = roi.parse_inputs(raw)
    assert inputs is None
    assert set(errors) == {"build_years", "capex_bn", "utilization", "horizon_years", "tax_rate"}
    assert errors["tax_rate"] == "missing"
    assert "not a boolean" in errors["build_years"]  # a bool is not an int
    assert "not a string" in errors["capex_bn"]
    assert errors["utilization"] == "must be a number between 0 and 1, got 1.5"
    assert "whole number" in errors["horizon_years"]


def test_parse_inputs_accepts_ints_for_floats_and_ignores_extras() -> None:
    inputs, errors = roi.parse_inputs({**PLAIN, "capex_bn": 40, "note": "x"})
    assert errors == {} and inputs is not None
    assert inputs.capex_bn == 40.0 and isinstance(inputs.capex_bn, float)


def test_parse_inputs_rejects_non_finite_and_huge() -> None:
    _, errors = roi.parse_inputs({**PLAIN, "capex_bn": math.inf, "revenue_bn": 10**400, "discount_rate": math.nan})
    assert set(errors) == {"capex_bn", "revenue_bn", "discount_rate"}


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("build_years", " 6 ", 6),
        ("utilization", "0.45", 0.45),
        ("utilization", "45%", 0.45),
        ("ebitda_margin", "-10 %", -0.1),
        ("capex_bn", "40", 40.0),
        ("refresh_servers", "No", False),
        ("refresh_servers", "TRUE", True),
    ],
)
def test_parse_value_accepts(name: str, text: str, value: object) -> None:
    parsed = roi.parse_value(name, text)
    assert type(parsed) is type(value)
    assert parsed is value if isinstance(value, bool) else parsed == pytest.approx(value)


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("build_years", "6.5", "whole number"),
        ("build_years", "0", "between 1 and 100"),
        ("utilization", "45", "write 45% for a percent"),
        ("capex_bn", "45%", "must be a number"),
        ("capex_bn", "", "required"),
        ("capex_bn", "nan", "finite"),
        ("refresh_servers", "maybe", "true or false"),
    ],
)
def test_parse_value_rejects(name: str, text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        roi.parse_value(name, text)


def test_input_specs_are_complete() -> None:
    assert list(INPUTS) == list(Inputs.__dataclass_fields__)
    for spec in INPUTS.values():
        assert spec.group in {"build", "assets", "revenue", "finance"} and spec.label and spec.help
    assert "start_year" not in roi.SOLVABLE and "refresh_servers" not in roi.SOLVABLE


# --- what-if tools -------------------------------------------------------------------------


def test_solve_for_float_inputs() -> None:
    base = make(revenue_bn=10.0, utilization=0.3)
    assert roi.solve_for(base, "utilization") == pytest.approx(0.5)  # NPV = 20u − 10
    assert roi.solve_for(base, "revenue_bn") == pytest.approx(10 / 0.3 / 2)  # NPV = 0.6R − 10
    assert roi.solve_for(base, "capex_bn") == pytest.approx(6.0)  # NPV = 6 − capex (t0 only)
    assert roi.solve_for(base, "utilization", target_npv=10.0) == pytest.approx(1.0)
    assert roi.solve_for(make(revenue_bn=1.0), "utilization") is None  # NPV(1) < 0


def test_solve_for_int_inputs_returns_the_threshold_that_reaches_the_target() -> None:
    # revenue 8: FCF −6, 4, 4, … → NPV by horizon: −6, −2, 2 → smallest horizon with NPV ≥ 0 is 3
    assert roi.solve_for(make(revenue_bn=8.0), "horizon_years") == 3.0
    # NPV falls with delay: horizon 6, FCF without delay −6, 4×5 → NPV 14; each year of delay
    # removes 4 (and shifts t0's 4 away): delay d → −10 + 4·(6 − d) ≥ 0 ⟺ d ≤ 3.5 → 3
    assert roi.solve_for(make(revenue_bn=8.0, horizon_years=6), "delay_years") == 3.0
    assert roi.solve_for(make(revenue_bn=0.0), "horizon_years") is None


def test_solve_for_rejects_non_drivers() -> None:
    with pytest.raises(ValueError):
        roi.solve_for(make(), "start_year")
    with pytest.raises(ValueError):
        roi.solve_for(make(), "refresh_servers")


def test_sensitivity_grid_orientation_and_validation() -> None:
    base = make(revenue_bn=10.0)
    grid = roi.sensitivity(base, "utilization", [0.0, 0.5, 1.0], "capex_bn", [10.0, 20.0])
    # NPV = 20u − capex: rows are capex, columns utilization
    assert grid == [pytest.approx([-10, 0, 10]), pytest.approx([-20, -10, 0])]
    assert roi.sensitivity(base, "horizon_years", [4.0], "utilization", [1.0]) == [[pytest.approx(10)]]
    with pytest.raises(ValueError, match="utilization"):
        roi.sensitivity(base, "utilization", [2.0], "capex_bn", [1.0])
    with pytest.raises(ValueError):
        roi.sensitivity(base, "utilization", [0.5], "utilization", [0.5])


# --- invariants ----------------------------------------------------------------------------


@st.composite
def inputs_strategy(draw: st.DrawFn, max_horizon: int = 30) -> Inputs:
    frac = st.floats(0, 1, allow_nan=False)
    return Inputs(
        start_year=draw(st.integers(1990, 2100)),
        capex_bn=draw(st.floats(0, 500, allow_nan=False)),
        build_years=draw(st.integers(1, 8)),
        server_share=draw(frac),
        server_life_years=draw(st.integers(1, 12)),
        facility_life_years=draw(st.integers(1, 40)),
        refresh_servers=draw(st.booleans()),
        delay_years=draw(st.integers(0, 6)),
        ramp_years=draw(st.integers(1, 6)),
        revenue_bn=draw(st.floats(0, 200, allow_nan=False)),
        utilization=draw(frac),
        ebitda_margin=draw(st.floats(-1, 1, allow_nan=False)),
        tax_rate=draw(frac),
        discount_rate=draw(st.floats(-0.5, 0.5, allow_nan=False)),
        horizon_years=draw(st.integers(1, max_horizon)),
    )


def scale(result: roi.Result) -> float:
    """Size of the discounted flows, for tolerances."""
    rate = result.inputs.discount_rate
    return sum(abs(row.fcf) / (1 + rate) ** t for t, row in enumerate(result.years)) + 1.0


fast = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(inputs_strategy())
def test_npv_equals_numpy_financial(inputs: Inputs) -> None:
    result = evaluate(inputs)
    expected = npf.npv(inputs.discount_rate, column(result, "fcf"))
    assert result.npv == pytest.approx(expected, rel=1e-9, abs=1e-9 * scale(result))
    assert roi.npv(inputs) == result.npv


@fast
@given(inputs_strategy(), st.floats(0, 1))
def test_npv_is_linear_in_utilization(inputs: Inputs, u: float) -> None:
    at0 = roi.npv(replace(inputs, utilization=0.0))
    at1 = roi.npv(replace(inputs, utilization=1.0))
    at_u = evaluate(replace(inputs, utilization=u))
    tolerance = 1e-9 * (scale(at_u) + abs(at0) + abs(at1))
    assert at_u.npv == pytest.approx(at0 + u * (at1 - at0), abs=tolerance)


@fast
@given(inputs_strategy(), st.floats(-0.5, 0.5), st.floats(-0.5, 0.5))
def test_lower_discount_rate_never_lowers_npv_of_a_conventional_project(inputs: Inputs, r1: float, r2: float) -> None:
    # With flows negative then positive, NPV(r) = x^k·g(x) (x = 1/(1+r), k = first positive
    # year) with g rising in x; so wherever NPV ≥ 0 a lower rate cannot lower it. (Where NPV
    # is negative a lower rate can: deferred spending is discounted less.) If only year 0 is
    # negative, NPV falls with the rate everywhere.
    low, high = sorted((r1, r2))
    flows = column(evaluate(inputs), "fcf")
    signs = [f > 0 for f in flows if f != 0]
    assume(signs and not signs[0] and signs == sorted(signs))  # −…−+…+
    npv_low = roi.npv(replace(inputs, discount_rate=low))
    npv_high = evaluate(replace(inputs, discount_rate=high))
    tolerance = 1e-9 * sum(abs(f) * ((1 + low) ** -t + (1 + high) ** -t) for t, f in enumerate(flows))
    if npv_high.npv >= 0 or all(f >= 0 for f in flows[1:]):
        assert npv_low >= npv_high.npv - tolerance


@fast
@given(inputs_strategy())
def test_cumulative_is_running_sum_and_depreciation_bounded(inputs: Inputs) -> None:
    result = evaluate(inputs)
    assert column(result, "cumulative_fcf") == list(accumulate(column(result, "fcf")))
    total_capex = sum(column(result, "capex"))
    assert sum(column(result, "depreciation")) <= total_capex * (1 + 1e-12) + 1e-12
    assert len(result.years) == inputs.horizon_years
    for row in result.years:
        assert row.fcf == pytest.approx(row.ebitda - row.tax - row.capex)
        assert row.tax == pytest.approx(inputs.tax_rate * row.ebit)


@fast
@given(inputs_strategy())
def test_payback_and_breakeven_agree_with_the_numbers(inputs: Inputs) -> None:
    result = evaluate(inputs)
    cumulative = column(result, "cumulative_fcf")
    crossings = [k for k in range(1, len(cumulative)) if cumulative[k - 1] < 0 <= cumulative[k]]
    if crossings:
        k = crossings[0]
        assert result.payback_years == k + (-cumulative[k - 1]) / result.years[k].fcf
    elif any(c < 0 for c in cumulative):
        assert result.payback_years is None
    else:
        assert result.payback_years == 0.0
    u = result.breakeven_utilization
    if u is not None and 0 < u < 1:
        at_u = evaluate(replace(inputs, utilization=u))
        assert at_u.npv == pytest.approx(0, abs=1e-9 * scale(at_u))


@settings(max_examples=60, deadline=None)
@given(inputs_strategy(max_horizon=20), st.sampled_from(roi.SOLVABLE))
def test_solve_for_reaches_the_target(inputs: Inputs, name: str) -> None:
    value = roi.solve_for(inputs, name)
    if value is None:
        return
    spec = INPUTS[name]
    assert spec.minimum <= value <= spec.maximum
    if spec.kind is int:
        at = roi.npv(replace(inputs, **{name: int(value)}))
        neighbours = [
            roi.npv(replace(inputs, **{name: n}))
            for n in (int(value) - 1, int(value) + 1)
            if spec.minimum <= n <= spec.maximum
        ]
        assert at >= 0 and (at == 0 or any(n < 0 for n in neighbours))
    else:
        solved = evaluate(replace(inputs, **{name: value}))
        assert solved.npv == pytest.approx(0, abs=1e-9 * scale(solved))


@fast
@given(inputs_strategy(), st.sampled_from(list(INPUTS)), st.sampled_from(list(INPUTS)), st.data())
def test_sensitivity_cell_equals_evaluate(inputs: Inputs, x_name: str, y_name: str, data: st.DataObject) -> None:
    assume(x_name != y_name)

    def values(name: str) -> list[object]:
        spec = INPUTS[name]
        if spec.kind is bool:
            return data.draw(st.lists(st.booleans(), min_size=1, max_size=3))
        if spec.kind is int:
            lo = int(spec.minimum)
            return data.draw(st.lists(st.integers(lo, min(int(spec.maximum), lo + 60)), min_size=1, max_size=3))
        hi = min(spec.maximum, 1000.0)
        return data.draw(st.lists(st.floats(spec.minimum, hi), min_size=1, max_size=3))

    xs, ys = values(x_name), values(y_name)
    grid = roi.sensitivity(inputs, x_name, xs, y_name, ys)
    assert len(grid) == len(ys) and all(len(row) == len(xs) for row in grid)
    i, j = data.draw(st.integers(0, len(ys) - 1)), data.draw(st.integers(0, len(xs) - 1))
    changed = {**inputs.as_dict(), x_name: xs[j], y_name: ys[i]}
    if roi.cross_errors(changed):  # e.g. a discount rate at or below the terminal growth
        assert math.isnan(grid[i][j])
    else:
        assert grid[i][j] == evaluate(replace(inputs, **{x_name: xs[j], y_name: ys[i]})).npv


# --- the fast IRR against numpy-financial ----------------------------------------------


def reference_irr(flows: list[float]) -> float | None:
    """numpy_financial.irr, the reference the fast IRR must agree with (nan → None)."""
    import numpy as np

    with np.errstate(all="ignore"):
        rate = float(npf.irr(np.asarray(flows, dtype=float)))
    return rate if math.isfinite(rate) else None


def assert_same_irr(flows: list[float]) -> None:
    expected, got = reference_irr(flows), roi.irr(flows)
    if expected is None:
        assert got is None, flows
    else:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-9), flows


@pytest.mark.parametrize(
    "flows",
    [
        [-100, 39, 59, 55, 20],  # numpy-financial's documented examples
        [-100, 0, 0, 74],
        [-100, 100, 0, -7],
        [-100, 100, 0, 7],
        [-5, 10.5, 1, -8, 1],
        [0, 0, -10, 11, 0, 0],  # zeros at either end
        [-13.33, -11.72, -10.11, 4.83, 4.83, 4.83, -2.5, -2.5, -2.5, 4.83, 4.83, 4.83, -2.5],  # refresh dips
        [-9.2, 2.02, 2.02, 2.02, -6.98, 2.02, 2.02, 2.02, -6.98, 2.02],  # IRR far below zero
        [1, -1],  # IRR 0
        [5, -1, -1],  # positive first
    ],
)
def test_fast_irr_matches_numpy_financial_on_known_flows(flows: list[float]) -> None:
    assert_same_irr(flows)


@fast
@given(inputs_strategy(max_horizon=100))
def test_fast_irr_matches_numpy_financial_on_model_flows(inputs: Inputs) -> None:
    flows = column(evaluate(inputs), "fcf")
    # Flows spanning 200 orders of magnitude (a margin of 1e-196) put the roots so close to
    # −100% that numpy-financial's eigenvalues are off by far more than 1e-9: not a reference.
    largest = max(map(abs, flows))
    assume(all(abs(f) >= 1e-12 * largest for f in flows if f))
    assert_same_irr(flows)


@fast
@given(st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=40))
def test_fast_irr_matches_numpy_financial_on_arbitrary_flows(flows: list[float]) -> None:
    # Rounded so no two roots are closer than floats can tell apart (then both are arbitrary).
    assert_same_irr([round(f, 2) for f in flows])
