"""The ROI model: capex → capacity → revenue → cash flow → NPV / IRR / payback / break-even.

Implements docs/model.md exactly; other tools check their numbers against it, so
every formula below is the contract's, in the contract's order of operations. Pure Python
plus an IRR that gives numpy-financial's answer faster (irr.py): one evaluation is a few
hundred float operations, and the sensitivity grid reuses cached capex/depreciation, ramp
and discount schedules per cell.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any, Literal

import numpy as np

from workbench.core.i18n import N_, tr
from workbench.core.roi.irr import irr as fast_irr
from workbench.core.roi.irr import irrs as fast_irrs

Kind = type[int] | type[float] | type[bool]
Say = Callable[..., str]


def english(message: str, /, **values: object) -> str:
    """`message` formatted as written: what files, problems and machine output say."""
    return message.format(**values) if values else message


def wording(local: bool) -> Say:
    """`tr` for what the interface shows, `english` for problems and files."""
    return tr if local else english


Group = Literal["build", "assets", "revenue", "finance"]


@dataclass(frozen=True, slots=True)
class InputSpec:
    """One model input: its type, domain (inclusive; None = unbounded) and how to show it.

    `unit == "%"` means the value is stored as a fraction (0.45) and shown as a percent;
    `parse_value` accepts both "0.45" and "45%" for such fields.
    """

    name: str
    kind: Kind
    minimum: float | None
    maximum: float | None
    group: Group
    label: str
    help: str
    unit: str
    default: Any = None  # None = required (unless optional)
    optional: bool = False  # may be left out: then `default` (None = not set)
    blank: str = ""  # what an empty field of an optional input means, in a few words

    @property
    def required(self) -> bool:
        """Must a scenario's base give this input?"""
        return self.default is None and not self.optional

    def domain_text(self, local: bool = False) -> str:
        """The domain in words, for error messages and help (`local`: in the interface language)."""
        say = wording(local)
        what = say({int: N_("a whole number"), float: N_("a number"), bool: N_("true or false")}[self.kind])
        lo, hi = _fmt(self.minimum), _fmt(self.maximum)
        if self.kind is bool:
            return what
        if self.minimum is not None and self.maximum is not None:
            return say(N_("{what} between {lo} and {hi}"), what=what, lo=lo, hi=hi)
        if self.minimum is not None:
            return say(N_("{what} of at least {lo}"), what=what, lo=lo)
        if self.maximum is not None:
            return say(N_("{what} of at most {hi}"), what=what, hi=hi)
        return what


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


# Year counts are capped at 100: the horizon is, so longer builds/lives/ramps change nothing
# a user could see. Money is capped at $1,000,000B so every sum stays finite.
_MAX_YEARS = 100
_MAX_MONEY = 1_000_000.0

_SPECS = [
    InputSpec("start_year", int, 1900, 2200, "build", N_("Start year"), N_("Calendar year of model year 0."), "year"),
    InputSpec("capex_bn", float, 0.0, _MAX_MONEY, "build", N_("Capex"), N_("Total initial build-out spend."), "$B"),
    InputSpec(
        "build_years",
        int,
        1,
        _MAX_YEARS,
        "build",
        N_("Build years"),
        N_("Initial capex is spent evenly over this many years from year 0."),
        "years",
    ),
    InputSpec(
        "server_share",
        float,
        0.0,
        1.0,
        "assets",
        N_("Server share"),
        N_("Part of capex that is servers/GPUs; the rest is facility."),
        "%",
    ),
    InputSpec(
        "server_life_years",
        int,
        1,
        _MAX_YEARS,
        "assets",
        N_("Server life"),
        N_(
            "Economic life: servers are refreshed after this many years (and depreciated over it unless Book life is set)."
        ),
        "years",
    ),
    InputSpec(
        "server_book_life_years",
        int,
        1,
        _MAX_YEARS,
        "assets",
        N_("Book life"),
        N_("Accounting life: server spend is depreciated over this many years; empty = the server life."),
        "years",
        None,
        optional=True,
        blank=N_("= server life"),
    ),
    InputSpec(
        "facility_life_years",
        int,
        1,
        _MAX_YEARS,
        "assets",
        N_("Facility life"),
        N_("Buildings, power and cooling are depreciated over this many years."),
        "years",
    ),
    InputSpec(
        "refresh_servers",
        bool,
        None,
        None,
        "assets",
        N_("Refresh servers"),
        N_("Buy the servers again when they reach the end of their life."),
        "",
        True,
    ),
    InputSpec(
        "delay_years",
        int,
        0,
        _MAX_YEARS,
        "revenue",
        N_("Revenue delay"),
        N_("Years from year 0 before any revenue."),
        "years",
    ),
    InputSpec(
        "ramp_years",
        int,
        1,
        _MAX_YEARS,
        "revenue",
        N_("Ramp years"),
        N_("Years for revenue to ramp linearly to full."),
        "years",
    ),
    InputSpec(
        "revenue_bn",
        float,
        0.0,
        _MAX_MONEY,
        "revenue",
        N_("Revenue"),
        N_("Annual revenue at full ramp and 100% utilization."),
        "$B/yr",
    ),
    InputSpec(
        "revenue_growth",
        float,
        -0.99,
        1.0,
        "revenue",
        N_("Revenue growth"),
        N_("Yearly change of revenue once the ramp is complete; negative for price deflation."),
        "%",
        0.0,
        optional=True,
        blank="0%",
    ),
    InputSpec(
        "utilization", float, 0.0, 1.0, "revenue", N_("Utilization"), N_("Share of capacity that earns revenue."), "%"
    ),
    InputSpec(
        "ebitda_margin", float, -1.0, 1.0, "finance", N_("EBITDA margin"), N_("EBITDA as a share of revenue."), "%"
    ),
    InputSpec(
        "tax_rate",
        float,
        0.0,
        1.0,
        "finance",
        N_("Tax rate"),
        N_("Tax on EBIT; a loss is a tax shield (the parent is profitable)."),
        "%",
    ),
    InputSpec(
        "discount_rate",
        float,
        -0.99,
        1.0,
        "finance",
        N_("Discount rate"),
        N_("Annual rate for NPV; year 0 is undiscounted."),
        "%",
    ),
    InputSpec(
        "horizon_years", int, 1, _MAX_YEARS, "finance", N_("Horizon"), N_("Years modelled, from year 0."), "years"
    ),
    InputSpec(
        "terminal_growth",
        float,
        -0.99,
        1.0,
        "finance",
        N_("Terminal growth"),
        N_(
            "Growth after the horizon of the mean FCF of the last refresh cycle (a terminal value); "
            "below the discount rate; empty = no terminal value."
        ),
        "%",
        None,
        optional=True,
        blank=N_("none"),
    ),
]

INPUTS: dict[str, InputSpec] = {spec.name: spec for spec in _SPECS}
"""Every input in display order (grouped build → assets → revenue → finance)."""

SOLVABLE: tuple[str, ...] = tuple(
    name for name, spec in INPUTS.items() if spec.kind is not bool and name not in ("start_year", "terminal_growth")
)
"""Inputs that drive NPV and so can be solved for (start_year only labels the years;
terminal_growth is bounded by the discount rate, so it is varied only by the tornado)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs:
    """A validated set of model inputs (see INPUTS for units and domains).

    The optional inputs default to the model before them: book life = server life, no
    revenue growth, no terminal value.
    """

    start_year: int
    capex_bn: float
    build_years: int
    server_share: float
    server_life_years: int
    server_book_life_years: int | None = None
    facility_life_years: int
    refresh_servers: bool
    delay_years: int
    ramp_years: int
    revenue_bn: float
    revenue_growth: float = 0.0
    utilization: float
    ebitda_margin: float
    tax_rate: float
    discount_rate: float
    horizon_years: int
    terminal_growth: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def book_life(self) -> int:
        """The years server spend is depreciated over (the server life unless set)."""
        return self.server_book_life_years or self.server_life_years

    def value(self, name: str) -> Any:
        """An input's effective value (an unset book life is the server life)."""
        return self.book_life if name == "server_book_life_years" else getattr(self, name)


assert [f.name for f in fields(Inputs)] == list(INPUTS), "Inputs and INPUTS must agree"


# --- parsing -------------------------------------------------------------------------------


def _type_name(value: Any, say: Say = english) -> str:
    if isinstance(value, bool):
        return say(N_("a boolean"))
    if isinstance(value, int):
        return say(N_("an integer"))
    if isinstance(value, float):
        return say(N_("a float"))
    if isinstance(value, str):
        return say(N_("a string"))
    if isinstance(value, list):
        return say(N_("a list"))
    if isinstance(value, dict):
        return say(N_("a table"))
    return type(value).__name__


def check_value(name: str, value: Any, *, local: bool = False) -> tuple[Any, str | None]:
    """(normalised value, None) if `value` is valid for input `name`, else (None, reason).

    A bool is never a number; an int is fine for a float input (made a float); a float is
    not fine for an int input, even 6.0 (the file should say what it means). The reason is
    English (files, problems) unless `local` (the interface language, for the form).
    """
    spec = INPUTS[name]
    say = wording(local)
    if spec.kind is bool:
        if isinstance(value, bool):
            return value, None
        return None, say(N_("must be true or false, not {type}"), type=_type_name(value, say))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, say(
            N_("must be {domain}, not {type}"), domain=spec.domain_text(local), type=_type_name(value, say)
        )
    if spec.kind is int:
        if not isinstance(value, int):
            return None, say(N_("must be a whole number, got {value}"), value=_show(value, say))
    elif isinstance(value, float) and not math.isfinite(value):
        return None, say(N_("must be a finite number, got {value}"), value=repr(value))
    # Compare before converting: a huge TOML integer would overflow float().
    if (spec.minimum is not None and value < spec.minimum) or (spec.maximum is not None and value > spec.maximum):
        return None, say(N_("must be {domain}, got {value}"), domain=spec.domain_text(local), value=_show(value, say))
    return (float(value) if spec.kind is float else value), None


def _show(value: Any, say: Say = english) -> str:
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else say(N_("a huge number"))
    return text if len(text) <= 40 else text[:37] + "..."


def parse_inputs(mapping: Mapping[str, Any]) -> tuple[Inputs | None, dict[str, str]]:
    """Validate raw values (e.g. from TOML); (Inputs, {}) or (None, {name: reason}).

    Unknown keys are ignored: scenario files may carry extra keys.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, spec in INPUTS.items():
        if name not in mapping:
            if spec.required:
                errors[name] = "missing"
            else:
                values[name] = spec.default
            continue
        value, reason = check_value(name, mapping[name])
        if reason is None:
            values[name] = value
        else:
            errors[name] = reason
    errors.update(cross_errors(values))
    if errors:
        return None, errors
    return Inputs(**values), {}


def cross_errors(values: Mapping[str, Any], *, local: bool = False) -> dict[str, str]:
    """{input: reason} for valid values that do not fit together (terminal growth ≥ discount rate)."""
    growth, rate = values.get("terminal_growth"), values.get("discount_rate")
    if isinstance(growth, float) and isinstance(rate, float) and growth >= rate:
        reason = wording(local)(
            N_("must be below the discount rate ({rate}), got {growth}"), rate=_pct(rate), growth=_pct(growth)
        )
        return {"terminal_growth": reason}
    return {}


def _pct(value: float) -> str:
    return f"{value * 100:.4g}%"


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def parse_value(name: str, text: str, *, local: bool = False) -> int | float | bool:
    """Parse a form field's text for input `name`; raises ValueError(reason) if invalid.

    Accepted: whole numbers for int inputs ("6"); decimals for float inputs ("40", "0.45");
    a trailing "%" on percent inputs divides by 100 ("45%" → 0.45); true/false, yes/no,
    on/off, 1/0 for booleans (any case). Surrounding spaces are ignored. The reason is in
    the interface language when `local`.
    """
    spec = INPUTS[name]
    say = wording(local)
    raw = text.strip()
    if not raw:
        raise ValueError(say(N_("required")))
    value: int | float | bool
    if spec.kind is bool:
        lowered = raw.lower()
        if lowered not in _TRUE | _FALSE:
            raise ValueError(say(N_("must be true or false")))
        value = lowered in _TRUE
    elif spec.kind is int:
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(say(N_("must be a whole number"))) from None
    else:
        percent = spec.unit == "%" and raw.endswith("%")
        try:
            value = float(raw.removesuffix("%").strip() if percent else raw)
        except ValueError:
            percent_hint = spec.unit == "%"
            raise ValueError(
                say(N_("must be a number (or a percent like 45%)")) if percent_hint else say(N_("must be a number"))
            ) from None
        if percent:
            value /= 100.0
    checked, reason = check_value(name, value, local=local)
    if reason is not None:
        if spec.unit == "%" and not raw.endswith("%") and math.isfinite(value):
            reason = say(N_("{reason} (a fraction; write 45% for a percent)"), reason=reason)
        raise ValueError(reason)
    return checked


# --- the model -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearRow:
    """One model year; money in $B."""

    year: int
    capex: float
    revenue: float
    ebitda: float
    depreciation: float
    ebit: float
    tax: float
    fcf: float
    cumulative_fcf: float


@dataclass(frozen=True, slots=True)
class Result:
    """The evaluated model: year table and headline measures (None = does not exist)."""

    inputs: Inputs
    years: tuple[YearRow, ...]
    npv: float
    irr: float | None  # the root of `irrs` nearest the discount rate
    multiple_sign_changes: bool  # FCF changes sign more than once: IRR may be ambiguous
    payback_years: float | None
    breakeven_utilization: float | None
    irrs: tuple[float, ...] = ()  # every rate in (−99%, 1000%) with NPV = 0, ascending
    mirr: float | None = None
    terminal_value: float | None = None  # at the end of the last year; None without one

    @property
    def several_irrs(self) -> bool:
        """More than one rate makes NPV zero: an IRR alone says little."""
        return len(self.irrs) > 1


@lru_cache(maxsize=4096)
def _capex_and_depreciation(
    capex_bn: float,
    build_years: int,
    server_share: float,
    server_life: int,
    book_life: int,
    facility_life: int,
    refresh: bool,
    horizon: int,
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Capex_t and Depreciation_t for t < horizon (cached: the grid varies other inputs).

    Refreshes follow the economic `server_life`; server spend is depreciated over the
    accounting `book_life`.
    """
    yearly = capex_bn / build_years
    server = [0.0] * horizon
    facility = [0.0] * horizon
    for t in range(min(build_years, horizon)):
        server[t] = yearly * server_share
        facility[t] = yearly * (1.0 - server_share)
    if refresh:
        # Ascending t, so a refresh is itself refreshed server_life years later.
        for t in range(server_life, horizon):
            server[t] += server[t - server_life]
    capex = tuple(s + f for s, f in zip(server, facility))
    depreciation = [0.0] * horizon
    for spend, life in ((server, book_life), (facility, facility_life)):
        for s, amount in enumerate(spend):
            if amount:
                charge = amount / life
                for t in range(s + 1, min(s + 1 + life, horizon)):
                    depreciation[t] += charge
    return capex, tuple(depreciation)


@lru_cache(maxsize=1024)
def _ramp(delay: int, ramp_years: int, growth: float, horizon: int) -> tuple[float, ...]:
    """Ramp_t × (1 + growth)^max(0, t − T), T = delay + ramp − 1 (the first full year).

    Before T the growth factor is exactly 1 and from T on the ramp is exactly 1, so this one
    product equals the contract's left-to-right product to the last bit.
    """
    full_from = delay + ramp_years - 1
    return tuple(
        0.0
        if t < delay
        else min(1.0, (t - delay + 1) / ramp_years) * ((1.0 + growth) ** (t - full_from) if t > full_from else 1.0)
        for t in range(horizon)
    )


@lru_cache(maxsize=1024)
def _growth(rate: float, horizon: int) -> tuple[float, ...]:
    """(1 + rate)^t, the NPV divisors (divide, as numpy-financial does)."""
    return tuple((1.0 + rate) ** t for t in range(horizon))


def _schedules(p: Inputs) -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]:
    capex, depreciation = _capex_and_depreciation(
        p.capex_bn,
        p.build_years,
        p.server_share,
        p.server_life_years,
        p.book_life,
        p.facility_life_years,
        p.refresh_servers,
        p.horizon_years,
    )
    return capex, depreciation, _ramp(p.delay_years, p.ramp_years, p.revenue_growth, p.horizon_years)


def with_value(p: Inputs, name: str, value: Any) -> Inputs:
    """The inputs with one input changed (by name, as the what-if tools vary them)."""
    return replace(p, **{name: value})


def terminal_value(p: Inputs, flows: Sequence[float]) -> float | None:
    """TV at the end of year H−1: the mean FCF of the last min(H, server life) years (one
    refresh cycle, so a refresh year does not distort it) grown once and capitalised at
    discount − growth; None without a terminal growth."""
    growth = p.terminal_growth
    if growth is None:
        return None
    cycle = min(p.horizon_years, p.server_life_years)
    normal = sum(flows[-cycle:]) / cycle
    return normal * (1.0 + growth) / (p.discount_rate - growth)


def _npv_only(p: Inputs) -> float:
    """NPV without building rows: the hot path of sensitivity, solve_for and break-even.

    Same arithmetic, in the same order, as `evaluate`, so the two agree to the last bit.
    """
    capex, depreciation, ramp = _schedules(p)
    full = p.revenue_bn * p.utilization
    margin, tax_rate = p.ebitda_margin, p.tax_rate
    divisors = _growth(p.discount_rate, p.horizon_years)
    total = 0.0
    if p.terminal_growth is None:
        for c, d, r, g in zip(capex, depreciation, ramp, divisors):
            ebitda = full * r * margin
            total += (ebitda - tax_rate * (ebitda - d) - c) / g
        return total
    flows = []
    for c, d, r, g in zip(capex, depreciation, ramp, divisors):
        ebitda = full * r * margin
        fcf = ebitda - tax_rate * (ebitda - d) - c
        flows.append(fcf)
        total += fcf / g
    return total + terminal_value(p, flows) / divisors[-1]  # type: ignore[operator]


def npv(p: Inputs) -> float:
    """NPV of the inputs' FCF (year 0 undiscounted)."""
    return _npv_only(p)


def evaluate(p: Inputs) -> Result:
    """Run the model for validated inputs."""
    capex, depreciation, ramp = _schedules(p)
    full = p.revenue_bn * p.utilization
    margin, tax_rate = p.ebitda_margin, p.tax_rate
    rows: list[YearRow] = []
    cumulative = 0.0
    total = 0.0
    growth = _growth(p.discount_rate, p.horizon_years)
    for t in range(p.horizon_years):
        c, d, g = capex[t], depreciation[t], growth[t]
        revenue = full * ramp[t]
        ebitda = revenue * margin
        ebit = ebitda - d
        tax = tax_rate * ebit
        fcf = ebitda - tax - c
        cumulative += fcf
        total += fcf / g
        rows.append(YearRow(p.start_year + t, c, revenue, ebitda, d, ebit, tax, fcf, cumulative))
    flows = [row.fcf for row in rows]
    tv = terminal_value(p, flows)
    rate_flows = rate_flows_of(flows, tv)
    if tv is not None:
        total += tv / growth[-1]
    roots = tuple(all_irrs(rate_flows))
    return Result(
        inputs=p,
        years=tuple(rows),
        npv=total,
        irr=nearest(roots, p.discount_rate),
        multiple_sign_changes=sign_changes(rate_flows) > 1,
        payback_years=payback(flows),
        breakeven_utilization=breakeven_utilization(p),
        irrs=roots,
        mirr=mirr(rate_flows, p.discount_rate),
        terminal_value=tv,
    )


def rate_flows_of(flows: Sequence[float], tv: float | None) -> list[float]:
    """The flows that NPV, IRR and MIRR see: the terminal value added to the last year's."""
    out = list(flows)
    if tv is not None and out:
        out[-1] += tv
    return out


def nearest(roots: Sequence[float], rate: float) -> float | None:
    """The root nearest `rate` (the lower one on a tie), None if there is none."""
    return min(roots, key=lambda root: abs(root - rate)) if roots else None


def all_irrs(flows: Sequence[float]) -> list[float]:
    """Every rate r in (−0.99, 10) with Σ flows_t / (1 + r)^t = 0, ascending."""
    return fast_irrs(flows)


def mirr(flows: Sequence[float], rate: float) -> float | None:
    """numpy_financial.mirr with finance and reinvestment rate = `rate`; None when undefined
    (no positive or no negative flow)."""
    positive = [f if f > 0 else 0.0 for f in flows]
    negative = [f if f < 0 else 0.0 for f in flows]
    if not any(positive) or not any(negative):
        return None
    divisors = _growth(rate, len(flows))  # (1 + rate)^t, cached per rate and length
    numerator = abs(sum(f / d for f, d in zip(positive, divisors)))
    denominator = abs(sum(f / d for f, d in zip(negative, divisors)))
    if not denominator or not math.isfinite(numerator) or not math.isfinite(denominator):
        return None
    value = (numerator / denominator) ** (1 / (len(flows) - 1)) * (1.0 + rate) - 1.0
    return value if math.isfinite(value) else None


def irr(flows: Sequence[float]) -> float | None:
    """numpy_financial.irr's answer (the real root closest to zero), or None where it has none.

    Computed by `workbench.core.roi.irr` (bracketed Newton on the NPV polynomial, ~25× faster
    at a 100-year horizon); tests check it against numpy_financial.irr.
    """
    return fast_irr(flows)


def sign_changes(flows: Sequence[float]) -> int:
    """How often the flows change sign, zeros skipped."""
    changes, previous = 0, 0.0
    for flow in flows:
        if flow:
            if previous and (flow > 0) != (previous > 0):
                changes += 1
            previous = flow
    return changes


def payback(flows: Sequence[float]) -> float | None:
    """Years from the start of year 0 until cumulative FCF turns ≥ 0 from negative.

    k + (−cum_{k−1}) / FCF_k for the first such year k. If the cumulative is never
    negative there is nothing to pay back: 0.0. If it goes negative and never recovers
    within the horizon: None.
    """
    cumulative = 0.0
    went_negative = False
    for k, flow in enumerate(flows):
        previous, cumulative = cumulative, cumulative + flow
        if previous < 0 <= cumulative:
            return k + (-previous) / flow
        went_negative = went_negative or cumulative < 0
    return None if went_negative else 0.0


def breakeven_utilization(p: Inputs) -> float | None:
    """Utilization in [0, 1] with NPV = 0, others held (NPV is affine in utilization).

    0.0 if NPV ≥ 0 already at 0; None if NPV < 0 even at 1.
    """
    at0 = _npv_only(replace(p, utilization=0.0))
    if at0 >= 0:
        return 0.0
    at1 = _npv_only(replace(p, utilization=1.0))
    if at1 < 0:
        return None
    return min(1.0, max(0.0, -at0 / (at1 - at0)))  # at1 ≥ 0 > at0, so the slope is > 0


# --- what-if tools -------------------------------------------------------------------------


def solve_for(p: Inputs, name: str, target_npv: float = 0.0) -> float | None:
    """The value of input `name` (in its domain, others held) at which NPV = target_npv:
    of every such value (`solve_all`), the one nearest the input's current value (the
    lower on a tie); None if there is none. For the discount rate at NPV = 0 that is the
    results' IRR whenever the IRR lies in the input's domain."""
    roots = solve_all(p, name, target_npv)
    return nearest(roots, float(p.value(name)))


def solve_all(p: Inputs, name: str, target_npv: float = 0.0) -> list[float]:
    """Every value of input `name` in its domain at which NPV = target_npv, ascending.

    Float inputs: each sign change of NPV − target on a grid, refined by bisection to float
    precision (two roots within one grid cell are not told apart). Int inputs: at each
    crossing of the target, the integer on the side that reaches it — the smallest value
    with NPV ≥ target when NPV rises through it, the largest when it falls through it. The
    discount rate without a terminal value at NPV = 0: exactly the IRRs in its domain. Only
    inputs in SOLVABLE are accepted (ValueError otherwise).
    """
    if name not in SOLVABLE:
        raise ValueError(f"cannot solve for {name!r}; choose one of {', '.join(SOLVABLE)}")
    spec = INPUTS[name]
    lo = float(spec.minimum if spec.minimum is not None else -_MAX_MONEY)
    hi = float(spec.maximum if spec.maximum is not None else _MAX_MONEY)
    if name == "discount_rate":
        if p.terminal_growth is None and target_npv == 0:
            return [r for r in evaluate(p).irrs if lo <= r <= hi]
        if p.terminal_growth is not None:
            lo = max(lo, p.terminal_growth + 1e-9)  # the terminal value needs rate > growth

    def gap(x: float) -> float:
        changed: dict[str, Any] = {name: int(x) if spec.kind is int else x}
        return _npv_only(replace(p, **changed)) - target_npv

    roots: list[float] = []
    if spec.kind is int:
        previous_x, previous = None, 0.0
        for x in range(int(lo), int(hi) + 1):
            here = gap(x)
            if here == 0:
                roots.append(float(x))
            elif previous_x is not None and (previous < 0) != (here < 0):
                roots.append(float(x if here > 0 else previous_x))
            previous_x, previous = x, here
        return sorted(set(roots))

    # A grid fine near zero and coarse far out: money domains span six orders of magnitude.
    if lo >= 0 and hi / max(lo, 1e-9) > 1e3:
        grid = [lo] + [x for x in np.geomspace(1e-3, hi, 160).tolist() if x > lo]
    else:
        grid = np.linspace(lo, hi, 161).tolist()
    grid[-1] = hi
    a, fa = grid[0], gap(grid[0])
    if fa == 0:
        roots.append(a)
    for b in grid[1:]:
        fb = gap(b)
        if fb == 0:
            roots.append(b)
        elif fa != 0 and (fa < 0) != (fb < 0):
            roots.append(_bisect(gap, a, b, fa))
        a, fa = b, fb
    return sorted(set(roots))


def _bisect(f: Callable[[float], float], a: float, b: float, fa: float) -> float:
    """Root of f in [a, b] (f(a), f(b) of opposite signs) to float precision."""
    for _ in range(200):
        mid = 0.5 * (a + b)
        if mid <= a or mid >= b:
            break
        fm = f(mid)
        if fm == 0:
            return mid
        if (fm < 0) == (fa < 0):
            a, fa = mid, fm
        else:
            b = mid
    return 0.5 * (a + b)


MEASURES = {"npv": "NPV $B", "irr": "IRR", "payback": N_("Payback yrs")}
"""What a sensitivity grid can show in its cells."""


def measure_of(p: Inputs, measure: str) -> float | None:
    """One cell's figure: NPV, the IRR nearest the discount rate, or payback (None = none)."""
    if measure == "npv":
        return _npv_only(p)
    result = evaluate(p)
    return result.irr if measure == "irr" else result.payback_years


def sensitivity(
    p: Inputs,
    x_name: str,
    x_values: Sequence[float],
    y_name: str,
    y_values: Sequence[float],
    measure: str = "npv",
) -> list[list[float]]:
    """NPV (or another of MEASURES) over a grid of two inputs: result[i][j] has y_values[i]
    and x_values[j]. A cell with no such figure (no IRR, no payback) or whose values do not
    fit together (a discount rate at or below the terminal growth) is NaN.

    Values are validated like file values (ValueError naming the first bad one).
    """
    if x_name == y_name:
        raise ValueError("choose two different inputs")
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    xs = [_checked(x_name, value) for value in x_values]
    ys = [_checked(y_name, value) for value in y_values]
    base = p.as_dict()
    grid: list[list[float]] = []
    for y in ys:
        base[y_name] = y
        row = []
        for x in xs:
            base[x_name] = x
            if cross_errors(base):
                row.append(math.nan)
                continue
            value = measure_of(Inputs(**base), measure)
            row.append(math.nan if value is None else value)
        grid.append(row)
    return grid


def _checked(name: str, value: Any) -> Any:
    if name not in INPUTS:
        raise ValueError(f"unknown input {name!r}")
    if INPUTS[name].kind is int and isinstance(value, float) and value.is_integer():
        value = int(value)  # grid axes are often built with float ranges
    checked, reason = check_value(name, value)
    if reason is not None:
        raise ValueError(f"{name}: {reason}")
    return checked


def result_to_json(scenario_id: str, case: str, result: Result) -> dict[str, Any]:
    """The `workbench roi --json` object for one case (docs/model.md); None becomes null."""
    return {
        "id": scenario_id,
        "case": case,
        "npv_bn": float(result.npv),
        "irr": _opt(result.irr),
        "irrs": [float(rate) for rate in result.irrs],
        "mirr": _opt(result.mirr),
        "payback_years": _opt(result.payback_years),
        "breakeven_utilization": _opt(result.breakeven_utilization),
        "terminal_value_bn": _opt(result.terminal_value),
        "years": [
            {
                "year": row.year,
                "capex": float(row.capex),
                "revenue": float(row.revenue),
                "ebitda": float(row.ebitda),
                "depreciation": float(row.depreciation),
                "ebit": float(row.ebit),
                "tax": float(row.tax),
                "fcf": float(row.fcf),
                "cumulative_fcf": float(row.cumulative_fcf),
            }
            for row in result.years
        ],
    }


def _opt(value: float | None) -> float | None:
    return None if value is None else float(value)
