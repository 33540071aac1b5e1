"""Required revenue: what the spending must earn, two ways (DESIGN.md), beside the actual cloud revenue.

(a) Capital recovery: capex × CRF(r, L) / m, with CRF(r, L) = r / (1 − (1 + r)^−L).
(b) The "$600B question" heuristic: GPU spend × (1 / g) × (1 / m_end).
The gap is required − actual: positive means the revenue falls short of what the spending needs.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from workbench.core.i18n import N_

from .traced import Reason

# name → (label, lowest allowed, highest allowed, lowest excluded?); labels are translated where drawn.
LIMITS: dict[str, tuple[str, float, float, bool]] = {
    "capex_bn": (N_("Capex $B"), 0.0, float("inf"), False),
    "life_years": (N_("Useful life L, years"), 0.0, 100.0, True),
    "cost_of_capital": (N_("Cost of capital r"), -0.99, 10.0, False),
    "ebitda_margin": (N_("EBITDA margin m"), 0.0, 1.0, True),
    "gpu_spend_bn": (N_("GPU spend $B"), 0.0, float("inf"), False),
    "gpu_share": (N_("GPU share of DC cost g"), 0.0, 1.0, True),
    "end_margin": (N_("End-user margin m_end"), 0.0, 1.0, True),
    "actual_cloud_bn": (N_("Actual cloud rev. $B"), 0.0, float("inf"), False),
}


@dataclass(frozen=True, slots=True)
class RequiredInputs:
    """Every input of both methods; defaults as DESIGN.md (L = 5, r = 10%, m = 50%, g = 0.5, m_end = 0.5)."""

    capex_bn: float | None = None
    life_years: float | None = 5.0
    cost_of_capital: float | None = 0.10
    ebitda_margin: float | None = 0.5
    gpu_spend_bn: float | None = None
    gpu_share: float | None = 0.5
    end_margin: float | None = 0.5
    actual_cloud_bn: float | None = None

    def with_value(self, name: str, value: float | None) -> RequiredInputs:
        return replace(self, **{name: value})

    def row(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def crf(rate: float, life: float) -> float:
    """Capital recovery factor: the level yearly payment per dollar over `life` years at `rate` (1/L at r = 0)."""
    if rate == 0:
        return 1.0 / life
    return rate / (1.0 - (1.0 + rate) ** -life)


def capital_recovery(capex_bn: float, rate: float, life: float, margin: float) -> float:
    """Revenue a year at EBITDA margin `margin` that recovers `capex_bn` with a return of `rate` over `life` years."""
    return capex_bn * crf(rate, life) / margin


def gpu_heuristic(gpu_spend_bn: float, gpu_share: float, end_margin: float) -> float:
    """The "$600B question": GPU spend grossed up to data-centre cost (÷ g), then to end-user revenue (÷ m_end)."""
    return gpu_spend_bn / gpu_share / end_margin


def check(name: str, value: float | None) -> str:
    """Why `value` is not allowed for input `name` ("" when it is)."""
    label, low, high, open_low = LIMITS[name]
    if value is None:
        return "" if name in ("actual_cloud_bn",) else Reason(N_("{label}: type a number"), label=Reason(label))
    if value != value or (open_low and value <= low) or value < low or value > high:
        if high == float("inf"):
            message = N_("{label}: must be above {low:g}") if open_low else N_("{label}: must be at least {low:g}")
        elif open_low:
            message = N_("{label}: must be above {low:g} and at most {high:g}")
        else:
            message = N_("{label}: must be at least {low:g} and at most {high:g}")
        return Reason(message, label=Reason(label), low=low, high=high)
    return ""


def parse(name: str, text: str) -> tuple[float | None, str]:
    """An input typed by the user: (value, "") or (None, why). `10%` reads as 0.1; `$80B` as 80."""
    cleaned = text.strip().replace(",", "").replace("$", "").rstrip("Bb").strip()
    percent = cleaned.endswith("%")
    if percent:
        cleaned = cleaned[:-1].strip()
    if not cleaned:
        value = None
    else:
        try:
            value = float(cleaned) / (100 if percent else 1)
        except ValueError:
            return None, Reason(
                N_("{label}: {text} is not a number"), label=Reason(LIMITS[name][0]), text=repr(text.strip())
            )
    error = check(name, value)
    return (None, error) if error else (value, "")


@dataclass(frozen=True, slots=True)
class RequiredRevenue:
    """Both methods' required revenue and each one's gap to the actual cloud revenue (None where an input is missing)."""

    inputs: RequiredInputs
    capital_recovery_bn: float | None
    heuristic_bn: float | None
    crf: float | None
    errors: tuple[str, ...] = ()

    @property
    def gap_capital_recovery_bn(self) -> float | None:
        return _gap(self.capital_recovery_bn, self.inputs.actual_cloud_bn)

    @property
    def gap_heuristic_bn(self) -> float | None:
        return _gap(self.heuristic_bn, self.inputs.actual_cloud_bn)

    def row(self) -> dict[str, Any]:
        return {
            **self.inputs.row(),
            "crf": self.crf,
            "capital_recovery_bn": self.capital_recovery_bn,
            "heuristic_bn": self.heuristic_bn,
            "gap_capital_recovery_bn": self.gap_capital_recovery_bn,
            "gap_heuristic_bn": self.gap_heuristic_bn,
        }


def _gap(required: float | None, actual: float | None) -> float | None:
    return None if required is None or actual is None else required - actual


def required_revenue(inputs: RequiredInputs) -> RequiredRevenue:
    """Both methods on these inputs; a method whose inputs are missing or out of range gives None."""
    errors = tuple(e for e in (check(f.name, getattr(inputs, f.name)) for f in fields(inputs)) if e)
    bad = {f.name for f in fields(inputs) if check(f.name, getattr(inputs, f.name))}
    i = inputs
    factor = None
    if not {"cost_of_capital", "life_years"} & bad and i.cost_of_capital is not None and i.life_years is not None:
        factor = crf(i.cost_of_capital, i.life_years)
    recovery = None
    if factor is not None and not {"capex_bn", "ebitda_margin"} & bad and i.capex_bn is not None and i.ebitda_margin:
        recovery = i.capex_bn * factor / i.ebitda_margin
    heuristic = None
    if (
        not {"gpu_spend_bn", "gpu_share", "end_margin"} & bad
        and i.gpu_spend_bn is not None
        and i.gpu_share
        and i.end_margin
    ):
        heuristic = gpu_heuristic(i.gpu_spend_bn, i.gpu_share, i.end_margin)
    return RequiredRevenue(inputs, recovery, heuristic, factor, errors)
