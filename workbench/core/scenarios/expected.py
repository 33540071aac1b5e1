"""The model against its sources: figures a scenario's documents state, beside the model's own.

A scenario may say what its sources give (`[scenario.expected] operating_profit_bn = [2.4, 3.2]`,
a range or a single figure, each backed by a quote in `[scenario.sources]`); a case may state
its own (`[scenario.cases.bull.expected]`). The model's figure is taken in the first year at
full ramp (T = delay + ramp − 1, "steady state"), and the difference is explained by the
inputs that drive it: what each would have to be, the others held, to reach the stated range.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.core.i18n import N_
from workbench.core.roi import model as roi

YearFigure = Callable[[roi.Result, int], float]


@dataclass(frozen=True, slots=True)
class Metric:
    """A figure sources state and the model computes at steady state."""

    label: str
    unit: str  # "$B" or "%"
    figure: YearFigure
    drivers: tuple[str, ...]  # inputs that move it, most telling first


def _row(result: roi.Result, t: int) -> roi.YearRow:
    return result.years[min(t, len(result.years) - 1)]


METRICS: dict[str, Metric] = {
    "revenue_steady_bn": Metric(N_("Revenue"), "$B", lambda r, t: _row(r, t).revenue, ("revenue_bn", "utilization")),
    "ebitda_bn": Metric(
        N_("EBITDA"), "$B", lambda r, t: _row(r, t).ebitda, ("ebitda_margin", "revenue_bn", "utilization")
    ),
    "depreciation_bn": Metric(
        N_("Depreciation"),
        "$B",
        lambda r, t: _row(r, t).depreciation,
        ("server_book_life_years", "facility_life_years", "server_share", "capex_bn"),
    ),  # fmt: skip
    "operating_profit_bn": Metric(
        N_("Operating profit (EBIT)"),
        "$B",
        lambda r, t: _row(r, t).ebit,
        ("ebitda_margin", "server_book_life_years", "revenue_bn", "utilization", "capex_bn"),
    ),  # fmt: skip
    "operating_margin": Metric(
        N_("Operating margin"),
        "%",
        lambda r, t: _row(r, t).ebit / _row(r, t).revenue if _row(r, t).revenue else 0.0,
        ("ebitda_margin", "server_book_life_years", "revenue_bn", "utilization"),
    ),  # fmt: skip
    "ebitda_to_capex": Metric(
        N_("EBITDA / capex a year"),
        "%",
        lambda r, t: _row(r, t).ebitda / r.inputs.capex_bn if r.inputs.capex_bn else 0.0,
        ("revenue_bn", "ebitda_margin", "utilization", "capex_bn"),
    ),  # fmt: skip
}
"""Every figure a scenario can state under [scenario.expected]."""


def steady_year(inputs: roi.Inputs) -> int:
    """T = delay + ramp − 1: the first year at full ramp (within the horizon)."""
    return min(inputs.delay_years + inputs.ramp_years - 1, inputs.horizon_years - 1)


def parse_range(value: object) -> tuple[float, float] | None:
    """[low, high], [figure] or a single number as (low, high); None if malformed."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value), float(value)
    if isinstance(value, list) and 1 <= len(value) <= 2:
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            low, high = float(value[0]), float(value[-1])
            return (low, high) if low <= high else None
    return None


@dataclass(frozen=True, slots=True)
class Lever:
    """What one input would have to be, the others held, for the model to reach the range."""

    input: str
    now: float
    needed: float | None  # None: no value in the input's domain reaches it


@dataclass(frozen=True, slots=True)
class Comparison:
    """The model's steady-state figure beside the range its sources state."""

    metric: str
    year: int  # calendar year of T
    model: float
    low: float
    high: float
    levers: tuple[Lever, ...]
    parts: tuple[tuple[str, float], ...]  # how the model's figure is made up (label, $B)

    @property
    def gap(self) -> float:
        """Model − the nearest end of the range (0 inside it)."""
        if self.model < self.low:
            return self.model - self.low
        if self.model > self.high:
            return self.model - self.high
        return 0.0


def compare(result: roi.Result, metric: str, low: float, high: float) -> Comparison:
    """The model's figure for `metric` at steady state against [low, high], with the levers."""
    spec = METRICS[metric]
    t = steady_year(result.inputs)
    model = spec.figure(result, t)
    target = low if model < low else high
    levers: list[Lever] = []
    if not low <= model <= high:
        for name in spec.drivers:
            levers.append(Lever(name, float(result.inputs.value(name)), _solve(result.inputs, name, spec, target)))
    row = _row(result, t)
    parts = (
        ("Revenue", row.revenue),
        ("EBITDA", row.ebitda),
        ("Depreciation", row.depreciation),
        ("EBIT", row.ebit),
        ("Capex that year", row.capex),
        ("Servers re-bought a year in refresh years", _refresh_per_year(result)),
    )
    return Comparison(metric, result.inputs.start_year + t, model, low, high, tuple(levers), parts)


def _refresh_per_year(result: roi.Result) -> float:
    """The server spend bought again each year once refreshes start (0 without refreshes)."""
    p = result.inputs
    if not p.refresh_servers:
        return 0.0
    return p.capex_bn * p.server_share / p.build_years


def _solve(inputs: roi.Inputs, name: str, spec: Metric, target: float) -> float | None:
    """The value of input `name` (others held) that brings the steady-state figure to
    `target`: bisection for a fraction or amount, the first whole number that reaches it
    for a count of years; None if nothing in a plausible range does."""
    info = roi.INPUTS[name]
    lo, hi = float(info.minimum or 0.0), float(info.maximum or 1_000_000.0)
    if info.kind is int:
        hi = min(hi, 60.0)  # a book life beyond 60 years is not an answer
    if info.unit.startswith("$"):
        lo, hi = 1e-6, max(float(inputs.value(name)) * 20.0, 1.0)  # a ratio to capex needs capex > 0

    def gap(x: float) -> float:
        value: float | int = int(x) if info.kind is int else x
        changed = roi.with_value(inputs, name, value)
        return spec.figure(roi.evaluate(changed), steady_year(changed)) - target

    f_lo = gap(lo)
    if f_lo == 0:
        return lo
    if info.kind is int:
        for x in range(int(lo) + 1, int(hi) + 1):
            if (gap(x) < 0) != (f_lo < 0) or gap(x) == 0:
                return float(x)
        return None
    if (gap(hi) < 0) == (f_lo < 0):
        return None
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        f_mid = gap(mid)
        if (f_mid < 0) == (f_lo < 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return 0.5 * (lo + hi)
