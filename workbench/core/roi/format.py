"""How ROI inputs and results read as text: form fields, result cells, grid axes.

Plain functions so the screen, the CLI and tests agree on every figure's spelling. Money is
USD billions (the unit goes in the column header), signed where the sign is the point.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.roi import model as roi

# Functions with words take `local`: False (English) for exports and files, True for the interface.


def input_text(name: str, value: Any) -> str:
    """A form field's text for a stored value; parse_value(name, text) gives the value back.

    Fractions show as percents ("45%"); whole floats without ".0"; a value of the wrong type
    (from a hand-edited file) shows as written, so the field can say what is wrong with it.
    """
    spec = roi.INPUTS[name]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if not isinstance(value, (int, float)) or isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if spec.kind is int and isinstance(value, int):
        return str(value)
    if spec.unit == "%" and spec.kind is float:
        return f"{value * 100:.10g}%"
    return f"{value:.12g}"


def money_sign(value: float) -> int:
    """+1, -1, or 0 for an amount that `money` writes as 0.00 (what colours follow)."""
    return 0 if abs(value) < 0.005 else (1 if value > 0 else -1)


def money(value: float, *, signed: bool = False) -> str:
    """$B with two decimals and thousands separators: "40.00", "+11.12", "-20.09"."""
    if money_sign(value) == 0:
        return "0.00"  # no "-0.00"
    return f"{value:{'+' if signed else ''},.2f}"


# An input's unit in the interface language. "years" also names other things elsewhere in the app
# (the Deals screen's view by year), so the unit has a message of its own, shown only in Chinese.
UNITS = {"year": N_("years (the unit of an input)"), "years": N_("years (the unit of an input)"), "$B/yr": N_("$B/yr")}


def unit_text(unit: str, *, local: bool = False) -> str:
    """An input's unit (`spec.unit`) as the interface shows it: "years", "$B/yr", "%", "$B"."""
    return tr(UNITS[unit]) if local and is_chinese() and unit in UNITS else unit


def _none(local: bool) -> str:
    return tr("none") if local else "none"


def percent(value: float | None, *, local: bool = False) -> str:
    """A fraction as a percent to one decimal ("14.6%"), "none" for None."""
    if value is None:
        return _none(local)
    text = f"{value * 100:.1f}%"
    return "0.0%" if text == "-0.0%" else text


def payback_text(years: float | None, horizon: int, *, local: bool = False) -> str:
    """Payback in years from the start of year 0, or why there is none."""
    say = roi.wording(local)
    if years is None:  # not within the horizon (the model has no terminal value)
        return say(N_("> {horizon} yrs"), horizon=horizon)
    return say(N_("{years:.1f} yrs"), years=years)


def breakeven_text(utilization: float | None, *, short: bool = False, local: bool = False) -> str:
    """Break-even utilization; None is said plainly (NPV < 0 even at full utilization).

    `short` leaves the reason to a note under the table ("none", "0.0%").
    """
    say = roi.wording(local)
    if utilization is None:
        return _none(local) if short else say(N_("none: NPV<0 at 100%"))
    if utilization == 0.0:
        return "0.0%" if short else say(N_("0.0% (NPV≥0 at 0%)"))
    return percent(utilization)


def irr_text(irr: float | None, roots: int, *, local: bool = False) -> str:
    """The IRR shown, saying plainly when NPV is zero at several rates: "-5.1% (2 roots)"."""
    if roots > 1:
        return roi.wording(local)(N_("{irr} ({roots} roots)"), irr=percent(irr, local=local), roots=roots)
    return percent(irr, local=local)


def rates_text(rates: tuple[float, ...] | list[float], *, local: bool = False) -> str:
    """Every IRR, ascending: "-33.4%, -5.1%" ("none" when there is none)."""
    return ", ".join(percent(rate) for rate in rates) if rates else _none(local)


def grid_sign(npv: float) -> int:
    """+1, -1, or 0 for an NPV that `grid_cell` writes as ±0.0."""
    return 0 if abs(npv) < 0.05 else (1 if npv > 0 else -1)


def grid_cell(npv: float) -> str:
    """A sensitivity cell: NPV with an explicit sign character, readable without colour."""
    if grid_sign(npv) == 0:
        return "±0.0"
    return f"{'+' if npv > 0 else '−'}{abs(npv):,.1f}"


def measure_cell(measure: str, value: float, discount_rate: float, *, local: bool = False) -> tuple[str, int]:
    """A grid cell for NPV, IRR or payback and its sign (+1 good, −1 bad, 0 neutral).

    NaN means the figure does not exist there: no IRR, no payback within the horizon, or
    inputs that do not fit together. An IRR is good above the discount rate.
    """
    if math.isnan(value):
        return (_none(local), -1) if measure in ("irr", "payback") else (tr("n/a") if local else "n/a", 0)
    if measure == "npv":
        return grid_cell(value), grid_sign(value)
    if measure == "irr":
        return percent(value), (1 if value > discount_rate else -1 if value < discount_rate else 0)
    return roi.wording(local)(N_("{value:.1f}y"), value=value), 0


# Sensitivity axes: half-width around the current value for fraction inputs; money inputs
# span ±50% of the current value; year counts step by one.
_SPAN = {"server_share": 0.25, "utilization": 0.25, "ebitda_margin": 0.2, "tax_rate": 0.1, "discount_rate": 0.05}


def axis_values(name: str, center: float, count: int) -> list[float]:
    """`count` values of input `name` around `center`, ascending, all within its domain.

    Evenly stepped with the current value on the axis; near an end of the domain the window
    slides (utilization 0.9, 5 values in steps of 0.125: 0.4 … 0.9 rather than past 1.0);
    only a domain narrower than the window makes the axis simply span the domain.
    """
    spec = roi.INPUTS[name]
    if spec.kind is bool or count < 1:
        raise ValueError(f"no sensitivity axis for {name}")
    lo = spec.minimum if spec.minimum is not None else -math.inf
    hi = spec.maximum if spec.maximum is not None else math.inf
    center = float(min(max(center, lo), hi))
    if count == 1:
        return [center]
    half = (count - 1) / 2
    if spec.kind is int:
        step = 1.0
    elif name in _SPAN:
        step = _SPAN[name] / half
    else:
        step = abs(center) * 0.5 / half if center else 1.0 / half
    below = (count - 1) // 2  # steps below the current value
    if center - below * step < lo:
        below = math.floor((center - lo) / step + 1e-9)
    if center + (count - 1 - below) * step > hi:
        below = (count - 1) - math.floor((hi - center) / step + 1e-9)
    if center - below * step < lo - 1e-9 * step:  # the domain is narrower than the window
        if spec.kind is int:
            return [float(v) for v in range(int(lo), int(hi) + 1)]
        return [lo + (hi - lo) * i / (count - 1) for i in range(count)]
    return [round(center + (i - below) * step, 12) for i in range(count)]


def axis_label(name: str, value: float, *, local: bool = False) -> str:
    """A short axis label: "75%", "$40", "6y"."""
    spec = roi.INPUTS[name]
    if spec.unit == "%":
        return f"{value * 100:.4g}%"
    if spec.kind is int:
        return roi.wording(local)(N_("{value}y"), value=int(value)) if spec.unit == "years" else str(int(value))
    if spec.unit.startswith("$"):
        return f"${value:,.4g}"
    return f"{value:.4g}"


def nice_solution(inputs: roi.Inputs, name: str, value: float) -> float | int:
    """A solved value rounded for people (money to $0.01B, fractions to 0.01%), on the side
    that still reaches NPV ≥ 0 where rounding to nearest would fall just short."""
    spec = roi.INPUTS[name]
    if spec.kind is int:
        return int(round(value))
    step = 1e-4 if spec.unit == "%" else 1e-2
    candidates = sorted(
        {round(value / step) * step, math.floor(value / step) * step, math.ceil(value / step) * step},
        key=lambda v: abs(v - value),
    )
    fallback = None
    for candidate in candidates:
        candidate = round(candidate, 10)
        if roi.check_value(name, candidate)[1] is not None:
            continue
        fallback = fallback if fallback is not None else candidate
        changed: dict[str, Any] = {name: candidate}
        if roi.npv(replace(inputs, **changed)) >= 0:
            return candidate
    return fallback if fallback is not None else value


def solved_text(name: str, value: float, *, local: bool = False) -> str:
    """A solved value as people read it: "$19.65B/yr", "61.23%", "4 years"."""
    spec = roi.INPUTS[name]
    if spec.kind is int:
        return f"{int(value)} {unit_text(spec.unit, local=local)}".strip()
    if spec.unit == "%":
        return f"{value * 100:.2f}%"
    if spec.unit.startswith("$"):
        return unit_text(spec.unit, local=local).replace("$B", f"${value:,.2f}B", 1)
    return f"{value:.4g}"
