"""A ROI scenario started from a deal: the spend a lab committed, counted as its provider's revenue.

The scenario models the build-out that serves the commitment: `revenue_bn` is the committed
amount spread evenly over the deal's term, and a `without_deal` case sets it to zero, so the
user sees what the build-out earns without the round-tripped money. Assets and finance inputs
come from the provider's first valid scenario when it has one, otherwise from stated defaults;
every assumption is a comment in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workbench.core.data.model import Dataset
from workbench.core.deals.ledger import KIND_LABELS, Ledger, LedgerRow
from workbench.core.deals.ledger import money_en as money
from workbench.core.deals.ledger import term_en as term
from workbench.core.i18n import tr
from workbench.core.scenarios.new import SCENARIO_ID

DEFAULT_TERM_YEARS = 5
DELAY_YEARS = 1  # capacity is built before the committed spend starts
ASSUMED = {  # used when the provider has no scenario of its own to borrow from
    "server_share": 0.6,
    "server_life_years": 6,
    "facility_life_years": 20,
    "refresh_servers": True,
    "ebitda_margin": 0.5,
    "tax_rate": 0.21,
    "discount_rate": 0.09,
}


class NotEligible(ValueError):
    """The deal cannot become a scenario; the message tells the user why (in the interface language).

    The scenario file itself is written in English and $B, whatever the interface shows."""


@dataclass(frozen=True, slots=True)
class DealScenario:
    """A scenario file to create (or open, if `id` exists already)."""

    id: str
    text: str
    company: str


def scenario_id(ledger: Ledger, row: LedgerRow) -> str:
    """A stable file stem: `deal-anthropic-amazon-compute-2026-04`."""
    spender, earner = _slug(ledger.name(_spender(row))), _slug(ledger.name(_revenue_party(row)))
    return f"deal-{spender}-{earner}-{_slug(KIND_LABELS.get(row.deal.kind, row.deal.kind))}-{row.deal.announced:%Y-%m}"


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40].strip("-")
    return slug or "x"


def _spender(row: LedgerRow) -> str:
    """Who spends: the committing party, or the funded party of tied funding."""
    return row.recipient if row.tied else row.payer


def _revenue_party(row: LedgerRow) -> str:
    """Who earns the spend: the provider of a commitment, or the investor of tied funding."""
    return row.provider_key if row.tied else row.recipient


def scenario_for_deal(ledger: Ledger, row: LedgerRow, dataset: Dataset) -> DealScenario:
    """The scenario text for a commitment (or funding tied to the funder's own cloud or chips)."""
    deal = row.deal
    if row.flow != "spend" and not row.tied:
        raise NotEligible(
            tr(
                "only a commitment, a chip purchase, a backstop or funding tied to the funder's own "
                "cloud or chips is someone's revenue"
            )
        )
    usd = row.amount.usd_bn
    if usd is None or usd <= 0:
        raise NotEligible(
            tr("the amount is {amount}: there is no committed spend to count as revenue", amount=row.amount.text)
        )
    earner = _revenue_party(row)
    ticker = earner if earner in dataset.companies else ""
    if not ticker:
        raise NotEligible(
            tr(
                "{name} is not a covered company (companies.toml), and a scenario belongs to one",
                name=ledger.name(earner),
            )
        )
    spender, earner_name = ledger.name(_spender(row)), ledger.name(earner)
    years = max(1, round(deal.years)) if deal.years else DEFAULT_TERM_YEARS
    revenue = round(usd / years, 4)
    template = _template(dataset, ticker)
    inputs, basis = _assumptions(template, revenue, usd)
    inputs.update(
        start_year=deal.announced.year,
        build_years=2,
        delay_years=DELAY_YEARS,
        ramp_years=1,
        revenue_bn=revenue,
        utilization=1.0,
        horizon_years=DELAY_YEARS + years,
    )
    kind = KIND_LABELS.get(deal.kind, deal.kind)
    source = dataset.sources.get(deal.source)
    stated = row.amount.text if row.amount.stated is not None and row.amount.usd_bn is None else money(usd)
    comments = [
        f"ROI scenario started from the Deals screen: deals.csv line {deal.line}.",
        f"  {deal.investor} → {deal.counterparty}, {deal.kind}, {stated} ({row.amount.basis}),",
        f"  term {term(deal.years)}, announced {deal.announced.isoformat()}, status {deal.status or '—'}, "
        f"confidence {row.confidence or '—'}.",
        f"  Source: {deal.source}"
        + (f" — {source.title}" + (f" <{source.url}>" if source.url else "") if source else ""),
    ]
    if not row.counted:
        comments.append(f"  Caution: this row is {row.why_not_counted}.")
    comments += [
        "",
        f"revenue_bn counts the committed spend as {earner_name} revenue: {money(usd)} over "
        f"{years} years = {money(revenue)} a year"
        + (
            f" (term not stated: {DEFAULT_TERM_YEARS} years assumed)."
            if not deal.years
            else (" (term rounded to whole years)." if deal.years != years else ".")
        ),
        "utilization = 1.0: committed spend is paid as agreed, whether or not the capacity is used.",
        f"The revenue starts after {DELAY_YEARS} year of building and lasts the term (horizon = delay + term).",
        "Case without_deal: the same build-out without that revenue (what it earns without the round trip).",
        *basis,
    ]
    quotes = [deal.quote] if deal.quote and deal.quote in dataset.quotes else []
    what = f"{kind} commitment" if row.flow == "spend" else f"{kind} funding spent on {earner_name}"
    name = f"{earner_name} build-out serving {spender}'s {money(usd)} {what}"
    sid = scenario_id(ledger, row)
    from workbench.core.scenarios.toml_writing import new_scenario_text  # tomlkit: only to write

    text = new_scenario_text(
        sid, name, ticker, inputs, comments, quotes=quotes, cases={"without_deal": {"revenue_bn": 0.0}}
    )
    return DealScenario(sid, text, ticker)


def _template(dataset: Dataset, ticker: str):
    """The provider's first scenario whose base case is valid, to borrow its assumptions."""
    for sid in sorted(dataset.scenarios):
        scenario = dataset.scenarios[sid]
        if scenario.company == ticker and not scenario.case_errors():
            return scenario
    return None


def _assumptions(template, revenue: float, usd: float) -> tuple[dict, list[str]]:
    """Asset and finance inputs, capex, and comment lines saying where each came from."""
    if template is None:
        inputs = dict(ASSUMED)
        inputs["capex_bn"] = round(usd, 4)
        return inputs, [
            "No scenario of this company to borrow from: assets and finance inputs are defaults, and",
            "capex_bn is a placeholder equal to the committed amount (no source gives the build-out",
            "behind this commitment). Set both to what you believe.",
        ]
    base = template.case_inputs()
    inputs = {key: base[key] for key in ASSUMED}
    earning = base["revenue_bn"] * base["utilization"]
    if base["capex_bn"] > 0 and earning > 0:
        intensity = base["capex_bn"] / earning
        inputs["capex_bn"] = round(revenue * intensity, 4)
        capex_note = (
            f"capex_bn = {money(revenue)} a year × {intensity:.2f}, the capex per dollar of yearly "
            f"revenue in scenario {template.id!r} ({money(base['capex_bn'])} for "
            f"{money(earning)} a year): an assumption, not a sourced figure."
        )
    else:
        inputs["capex_bn"] = round(usd, 4)
        capex_note = "capex_bn is a placeholder equal to the committed amount: set it."
    return inputs, [
        f"Server share, lives, refresh, margin, tax and discount rate are those of scenario {template.id!r}.",
        capex_note,
    ]


def check_target(root: Path, text: str) -> str | None:
    """Why a deal's scenario cannot be written to the path typed as `text` (None: it can).

    The file must be a new `.toml` whose stem is a valid scenario id; anywhere is allowed, but only
    files in the data directory's `scenarios/` are loaded (the dialog says so)."""
    if not text.strip():
        return tr("type the path of the new scenario file")
    path = Path(text.strip()).expanduser()
    path = path if path.is_absolute() else root / path
    if path.suffix != ".toml":
        return tr("a scenario file ends in .toml")
    if not SCENARIO_ID.match(path.stem):
        return tr("the file name is the scenario id: lowercase letters, digits, - and _ (up to 64)")
    if path.exists():
        return tr("{name} already exists: choose another name", name=path.name)
    if path.parent.exists() and not path.parent.is_dir():
        return tr("{path} is not a folder", path=str(path.parent))
    return None


def target_path(root: Path, text: str) -> Path:
    """The path typed in the dialog, relative ones taken from the data directory."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else root / path


def with_id(made: DealScenario, scenario_id: str) -> str:
    """The scenario text with its id changed to `scenario_id` (the id must equal the file name)."""
    if scenario_id == made.id:
        return made.text
    return made.text.replace(f'id = "{made.id}"', f'id = "{scenario_id}"', 1)
