"""A new scenario for a company, sized by its latest capex guidance or actual.

Only the capex comes from the data; every other input is a stated default, and the new
file's comments say which is which so the user knows what to replace.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from typing import Any

from workbench.core.data.model import CapexFigure, Dataset
from workbench.core.i18n import N_, tr
from workbench.core.roi.model import Say, english, wording

SCENARIO_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

# Defaults for what the capex figures cannot tell; each is explained in the new file.
DEFAULTS: dict[str, tuple[Any, str]] = {
    "build_years": (1, "one year: the figure is one year's capex"),
    "server_share": (0.55, "servers/GPUs share of an AI-heavy build, as in the AWS APEC scenario (an assumption)"),
    "server_life_years": (6, "the 6 years hyperscalers book servers over (the GPU-life debate: try 4)"),
    "facility_life_years": (25, "buildings, power and cooling (an assumption)"),
    "refresh_servers": (True, "servers are bought again at the end of their life"),
    "delay_years": (1, "first revenue a year after spending starts"),
    "ramp_years": (3, "three years to full run-rate"),
    "utilization": (0.75, "average utilization (an assumption; bear/bull cases bracket it)"),
    "ebitda_margin": (0.5, "EBITDA margin before this build's depreciation (an assumption)"),
    "tax_rate": (0.21, "US federal rate; a loss is a tax shield for a profitable parent"),
    "discount_rate": (0.09, "roughly a hyperscaler's cost of capital (an assumption)"),
    "horizon_years": (20, "about a facility's life; the model has no terminal value"),
}
REVENUE_PER_CAPEX = 0.3  # $ of full-run-rate revenue a year per $ of capex, as in the AWS APEC base
DEFAULT_CAPEX_BN = 10.0  # when the company has no capex figure at all


@dataclass(frozen=True, slots=True)
class CapexBasis:
    """The capex figure a new scenario is sized by, and how it was read."""

    capex_bn: float
    year: int
    how: str  # one line for the file's comments


def _freshness(figure: CapexFigure) -> tuple[date, bool, bool]:
    """Most recent statement first: guidance by when it was said, actuals by period end."""
    when = figure.said_on if figure.kind == "guidance" and figure.said_on else figure.period_end
    return when, figure.kind == "guidance", figure.basis == "cash"


KINDS = {"actual": N_("actual"), "guidance": N_("guidance"), "estimate": N_("estimate")}


def _amount(figure: CapexFigure, say: Say = english) -> tuple[float | None, str]:
    if figure.value_bn is not None:
        return figure.value_bn, f"${figure.value_bn:g}B"
    if figure.low_bn is not None and figure.high_bn is not None:
        return figure.point, say(N_("the midpoint of ${low:g}–{high:g}B"), low=figure.low_bn, high=figure.high_bn)
    if figure.low_bn is not None:
        return figure.low_bn, say(N_("at least ${low:g}B (the floor)"), low=figure.low_bn)
    if figure.high_bn is not None:
        return figure.high_bn, say(N_("at most ${high:g}B (the ceiling)"), high=figure.high_bn)
    return None, ""


def latest_capex(dataset: Dataset, ticker: str, *, local: bool = False) -> CapexBasis | None:
    """The company's most recently stated annual capex (guidance or actual); else the last
    four quarters' actuals; None if it has neither. `how` is English (it goes in the new
    file's comments) unless `local` (the interface language, for the dialog)."""
    say = wording(local)
    figures = [f for f in dataset.figures_for(ticker) if f.kind in ("actual", "guidance") and f.point is not None]
    annual = [f for f in figures if f.is_annual]
    if annual:
        figure = max(annual, key=_freshness)
        amount, spelled = _amount(figure, say)
        if amount is not None:
            said = ""
            if figure.kind == "guidance" and figure.said_on:
                said = say(N_(", said {date}"), date=figure.said_on.isoformat())
            how = say(
                N_("{period} {kind} ({basis}{said}): {amount}, source {source}"),
                period=figure.fiscal_period,
                kind=say(KINDS.get(figure.kind, figure.kind)),
                basis=_basis(figure.basis, local),
                said=said,
                amount=spelled,
                source=figure.source,
            )
            return CapexBasis(amount, figure.period_end.year, how)
    quarters = sorted((f for f in figures if not f.is_annual and f.kind == "actual"), key=lambda f: f.period_end)
    if quarters:
        basis = quarters[-1].basis
        last4 = [f for f in quarters if f.basis == basis][-4:]
        total = sum(f.point or 0.0 for f in last4) * 4 / len(last4)
        labels = ", ".join(f.fiscal_period for f in last4)
        how = say(
            N_("the last {count} quarters' actuals ({labels}, {basis})"),
            count=len(last4),
            labels=labels,
            basis=_basis(basis, local),
        )
        if len(last4) != 4:
            how = say(N_("{how}, annualised"), how=how)
        return CapexBasis(total, last4[-1].period_end.year, how)
    return None


def _basis(code: str, local: bool) -> str:
    """A capex basis as the dialog shows it: its name in the interface language, or the code."""
    from workbench.core.capex.summaries import BASIS_LABELS

    return tr(BASIS_LABELS[code]) if local and code in BASIS_LABELS else code


def suggest_id(dataset: Dataset, ticker: str, year: int, taken: AbstractSet[str] = frozenset()) -> str:
    """A free scenario id like "amzn-2026" (then "amzn-2026-2", …)."""
    stem = re.sub(r"[^a-z0-9]+", "-", ticker.lower()).strip("-") or "scenario"
    candidate = f"{stem}-{year}"
    n = 2
    while candidate in dataset.scenarios or candidate in taken:
        candidate, n = f"{stem}-{year}-{n}", n + 1
    return candidate


def check_id(dataset: Dataset, scenario_id: str) -> str | None:
    """Why `scenario_id` cannot name a new scenario file, or None."""
    if not SCENARIO_ID.match(scenario_id):
        return tr("use lower-case letters, digits, - or _ (it becomes the file name)")
    if scenario_id in dataset.scenarios:
        return tr("there is already a scenario {id}", id=repr(scenario_id))
    return None


def new_scenario_for(dataset: Dataset, ticker: str, scenario_id: str, today: date | None = None) -> str:
    """The TOML text of a new scenario for `ticker`, sized by its latest capex."""
    company = dataset.companies.get(ticker)
    company_name = company.name if company else ticker
    basis = latest_capex(dataset, ticker)
    capex = basis.capex_bn if basis else DEFAULT_CAPEX_BN
    year = basis.year if basis else (today or date.today()).year
    revenue = round(capex * REVENUE_PER_CAPEX, 2)
    inputs: dict[str, Any] = {"start_year": year, "capex_bn": round(capex, 3)}
    inputs.update({name: value for name, (value, _) in DEFAULTS.items()})
    inputs["revenue_bn"] = revenue
    comments = [
        f"ROI scenario for {company_name} ({ticker}), created by the workbench.",
        "",
        "Capex: "
        + (f"{basis.how}." if basis else f"no capex figure in the data; ${DEFAULT_CAPEX_BN:g}B is a placeholder."),
        f"Start year {year}: the year that capex falls in.",
        f"Revenue: a placeholder of {REVENUE_PER_CAPEX:g} × capex a year at full run-rate (${revenue:g}B),",
        "the ratio of the AWS APEC scenario's base case; replace it with your own view.",
        "Other inputs are defaults, not data:",
        *(f"  {name} = {value!r}: {why}".replace("True", "true") for name, (value, why) in DEFAULTS.items()),
        "Cases: bear = 50% utilization, bull = 90%; edit them, or add your own, in the app.",
        "Model: docs/model.md; all money in USD billions.",
    ]
    figure_quotes = sorted({f.quote for f in dataset.figures_for(ticker) if f.quote and f.quote in dataset.quotes})
    from workbench.core.scenarios.toml_writing import new_scenario_text  # tomlkit: only to write

    return new_scenario_text(
        scenario_id,
        f"{company_name}: ${capex:,.4g}B build-out",
        ticker,
        inputs,
        comments,
        quotes=figure_quotes[:10],
        cases={"bear": {"utilization": 0.5}, "bull": {"utilization": 0.9}},
    )
