"""Decide what importing companyfacts files would do to a data directory, without touching it.

The plan is what the preview prints and what `write` carries out: per company, the rows to add,
the rows already there with the same value, the conflicts (an existing row with another value:
left alone, or replaced with `--replace`), the periods skipped and why, and the sources
(one per filing) and company entries to add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from workbench.core.data.layout import CAPEX
from workbench.core.i18n import tr

from .existing import CompanyEntry, CsvRow, DataState, PlanError
from .parse import METRICS, CompanyFacts, Fact
from .periods import Figure, Skip, infer_fiscal_year_end, metric_figures

AGREE = Decimal("0.0005")  # USD billions: values this close are the same figure
BILLION = Decimal(10) ** 9
BASIS = "cash"  # capex from the cash-flow statement's purchases of property and equipment
TICKER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,11}$")


# --- the plan ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filing:
    accession: str
    form: str
    filed: date

    @property
    def source_id(self) -> str:
        return f"sec-{self.accession}"


@dataclass
class Change:
    """A figure to add, or to put in place of an existing row (a conflict)."""

    figure: Figure
    file: str  # capex.csv or financials.csv
    row: dict[str, str]
    old: CsvRow | None = None  # the conflicting row, for a conflict


@dataclass
class CompanyPlan:
    """What one companyfacts file would change."""

    path: Path
    cik: int
    entity_name: str
    ticker: str
    fiscal_year_end: int
    new_company: bool = False
    record_cik: bool = False
    added: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)
    unchanged: list[Figure] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    sources: list[tuple[Filing, str]] = field(default_factory=list)  # new sources.toml entries (filing, title)
    ignored: dict[str, Any] = field(default_factory=dict)  # facts left out of the file, by reason


@dataclass
class Plan:
    state: DataState
    replace: bool
    companies: list[CompanyPlan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return any(c.added or c.new_company or c.record_cik or (self.replace and c.conflicts) for c in self.companies)


def billions(value: Decimal) -> str:
    """Dollars as billions with at most 6 decimals and no trailing zeros: 4344000000 → `4.344`."""
    text = format((value / BILLION).quantize(Decimal("0.000001")), "f")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def _agrees(old: str, new: Decimal) -> bool:
    try:
        return abs(Decimal(old.replace(",", "")) - new / BILLION) <= AGREE
    except InvalidOperation:
        return False


def _filing_text(fact: Fact) -> str:
    return f"{fact.form} filed {fact.filed}, accession {fact.accn}"


def note_for(figure: Figure) -> str:
    """The row's note: the concept and filing, the derivation of a derived quarter, restatements."""
    parts = [f"SEC companyfacts us-gaap:{figure.concept}"]
    if figure.derivation:
        (long_name, long), (short_name, short) = figure.inputs
        parts.append(
            f"derived: {figure.derivation} = {billions(long.fact.val)} − {billions(short.fact.val)} "
            f"({long_name}: {_filing_text(long.fact)}; {short_name}: {_filing_text(short.fact)})"
        )
        for name, chosen in figure.inputs:
            parts += [f"{name} restated from {billions(v)} in {accn}" for v, accn in chosen.restated]
    else:
        parts.append(_filing_text(figure.source))
        parts += [f"restated from {billions(v)} in {accn}" for v, accn in figure.restated]
    return "; ".join(parts)


class _Index:
    """Existing rows by what identifies a figure, updated as the plan adds rows (so a second file
    for the same company sees the first one's)."""

    def __init__(self, state: DataState) -> None:
        self.rows: dict[tuple[str, ...], list[CsvRow]] = {}
        for name, file in state.csv.items():
            for row in file.rows:
                self.rows.setdefault(self.key(name, row.cells), []).append(row)

    @staticmethod
    def key(file: str, cells: dict[str, str]) -> tuple[str, ...]:
        if file == CAPEX:
            return (
                file,
                cells.get("ticker", ""),
                cells.get("fiscal_period", ""),
                cells.get("basis", ""),
                cells.get("kind", ""),
            )
        return (
            file,
            cells.get("ticker", ""),
            cells.get("fiscal_period", ""),
            cells.get("metric", ""),
            cells.get("kind", ""),
            cells.get("segment", ""),
        )


def plan_import(state: DataState, files: list[CompanyFacts], ticker: str | None = None, replace: bool = False) -> Plan:
    """What importing `files` (in order) into `state` would do. Files that cannot be imported are
    listed in `errors` (one line each, naming the file); the others are planned."""
    plan = Plan(state, replace)
    index = _Index(state)
    ticker_for: dict[int, str] = {}
    pending: dict[tuple[str, ...], Change] = {}  # rows this import adds, by key
    if ticker is not None and not TICKER.match(ticker):
        plan.errors.append(tr("--ticker {ticker!r}: a ticker is 1–12 letters, digits, '.' or '-'", ticker=ticker))
        return plan
    for facts in files:
        try:
            company = _company_plan(state, facts, ticker, ticker_for, single=len(files) == 1)
        except PlanError as error:
            plan.errors.append(str(error))
            continue
        _figures(plan, company, facts, index, pending)
        plan.companies.append(company)
    return plan


def _company_plan(
    state: DataState, facts: CompanyFacts, ticker: str | None, ticker_for: dict[int, str], single: bool
) -> CompanyPlan:
    """Which company the file is for (by cik, else `--ticker`), and what its entry needs."""
    where = f"{facts.path}:1:"
    who = f"CIK {facts.cik} ({facts.name or tr('no entityName')})"
    by_cik = [c for c in state.companies if c.cik == facts.cik]
    if len(by_cik) > 1:
        raise PlanError(
            f"{where} "
            + tr(
                "{who} is recorded for several companies in companies.toml: {tickers}",
                who=who,
                tickers=", ".join(c.ticker for c in by_cik),
            )
        )
    inferred = infer_fiscal_year_end(f for group in facts.facts.values() for f in group)
    entry: CompanyEntry | None = None  # the companies.toml entry whose cik the file records
    if by_cik:
        company = by_cik[0]
        if ticker and ticker != company.ticker and single:
            raise PlanError(
                f"{where} "
                + tr("{who} is {ticker} in companies.toml, not {given}", who=who, ticker=company.ticker, given=ticker)
            )
        plan = CompanyPlan(facts.path, facts.cik, facts.name, company.ticker, company.fiscal_year_end or 0)
    else:
        if ticker is None:
            raise PlanError(
                f"{where} "
                + tr(
                    "{who} is not in companies.toml (no company has cik = {cik}): name its ticker with --ticker T",
                    who=who,
                    cik=facts.cik,
                )
            )
        other = next((c for c, t in ticker_for.items() if t == ticker and c != facts.cik), None)
        if other is not None:
            raise PlanError(
                f"{where} "
                + tr(
                    "--ticker {ticker} already names CIK {cik}; import one company per --ticker",
                    ticker=ticker,
                    cik=other,
                )
            )
        named = [c for c in state.companies if c.ticker == ticker]
        if named and named[0].cik is not None and named[0].cik != facts.cik:
            raise PlanError(
                f"{where} "
                + tr(
                    "{ticker} has cik = {cik} in companies.toml, but the file is {who}",
                    ticker=ticker,
                    cik=named[0].cik,
                    who=who,
                )
            )
        if named:
            entry = named[0]
            plan = CompanyPlan(facts.path, facts.cik, facts.name, ticker, entry.fiscal_year_end or 0, record_cik=True)
        else:
            if inferred is None:
                raise PlanError(
                    f"{where} "
                    + tr(
                        "{who}: cannot tell when its fiscal year ends (no one-year period in a 10-K); "
                        "add it to companies.toml first",
                        who=who,
                    )
                )
            if not facts.name:
                raise PlanError(
                    f"{where} " + tr("{who}: the file has no entityName to name the new company by", who=who)
                )
            plan = CompanyPlan(facts.path, facts.cik, facts.name, ticker, inferred, new_company=True)
    if not plan.fiscal_year_end:
        raise PlanError(f"{where} " + tr("{ticker} has no valid fiscal_year_end in companies.toml", ticker=plan.ticker))
    if inferred is not None and inferred != plan.fiscal_year_end:
        raise PlanError(
            f"{where} "
            + tr(
                "companies.toml says {ticker}'s fiscal year ends in month {month}, but its latest 10-K year "
                "ends in month {inferred}; correct fiscal_year_end first",
                ticker=plan.ticker,
                month=plan.fiscal_year_end,
                inferred=inferred,
            )
        )
    # From here on the file is planned: a later file for the same company matches it by cik.
    if plan.record_cik and entry is not None:
        entry.cik = facts.cik
        ticker_for[facts.cik] = ticker or plan.ticker
    elif plan.new_company:
        state.companies.append(CompanyEntry(plan.ticker, facts.name, plan.fiscal_year_end, facts.cik))
        ticker_for[facts.cik] = plan.ticker
    plan.ignored = {
        "other_forms": dict(facts.other_forms),
        "other_units": dict(facts.other_units),
        "malformed": facts.malformed,
        "other_taxonomies": [t for t in facts.taxonomies if t == "ifrs-full"],  # accounts under other rules
    }
    return plan


def _figures(
    plan: Plan, company: CompanyPlan, facts: CompanyFacts, index: _Index, pending: dict[tuple[str, ...], Change]
) -> None:
    filings = {f.accn: Filing(f.accn, f.form, f.filed) for group in facts.facts.values() for f in group}
    wanted: dict[str, Filing] = {}
    for metric in METRICS:
        figures, skips = metric_figures(metric, facts.facts, company.fiscal_year_end)
        company.skipped.extend(skips)
        for figure in figures:
            change = Change(figure, metric.file, _row(metric.file, company.ticker, figure))
            key = _Index.key(metric.file, change.row)
            existing = index.rows.get(key, [])
            if not existing:
                company.added.append(change)
                index.rows[key] = [CsvRow(0, 0, change.row)]
                pending[key] = change
            elif any(_agrees(row.cells.get("value_bn", ""), figure.value) for row in existing):
                company.unchanged.append(figure)
                continue
            else:
                old = change.old = existing[0]
                company.conflicts.append(change)
                if not plan.replace:
                    continue
                if old.line == 0:  # added by an earlier file of this import: the later file wins
                    pending[key].row = change.row
                    old.cells = change.row
                    continue
                what = f"{old.cells.get('value_bn') or 'a range'} from source {old.cells.get('source') or '?'}"
                change.row = {
                    **old.cells,
                    "low_bn": "",
                    "high_bn": "",
                    "said_on": "",
                    "quote": "",
                    **change.row,
                    "note": f"{change.row['note']}; replaced {what}",
                }
                existing[0] = CsvRow(old.line, old.last, change.row)
            wanted.setdefault(figure.source.accn, filings[figure.source.accn])
    for filing in sorted(wanted.values(), key=lambda f: (f.filed, f.accession)):
        if filing.source_id not in plan.state.source_ids:
            plan.state.source_ids.add(filing.source_id)
            company.sources.append(
                (
                    filing,
                    f"{company.entity_name} {filing.form} filed {filing.filed} "
                    f"(SEC EDGAR, accession {filing.accession})",
                )
            )


def _row(file: str, ticker: str, figure: Figure) -> dict[str, str]:
    row = {
        "ticker": ticker,
        "fiscal_period": figure.label,
        "period_end": figure.end.isoformat(),
        "kind": "actual",
        "value_bn": billions(figure.value),
        "source": f"sec-{figure.source.accn}",
        "note": note_for(figure),
    }
    if file == CAPEX:
        row["basis"] = BASIS
    else:
        row["metric"] = figure.metric
    return row


def archive_url(cik: int, accession: str) -> str:
    """The filing's folder in the EDGAR archive."""
    return f"https://www.sec.gov/Archives/edgar/data/{cik}/{accession.replace('-', '')}/"
