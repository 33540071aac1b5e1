"""Read one SEC companyfacts file (data.sec.gov/api/xbrl/companyfacts/CIK##########.json).

Only what the importer uses is kept: the facts of the concepts in `METRICS`, in USD, from
10-K/10-Q filings and their amendments. What is left out is counted, so the preview can say
why (another currency, another taxonomy, another form). A file that cannot be used at all
raises `SecFileError` with a one-line message that names the file.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from workbench.core.data.layout import CAPEX, FINANCIALS
from workbench.core.i18n import tr

FORMS = frozenset({"10-K", "10-Q", "10-K/A", "10-Q/A"})
TAXONOMY = "us-gaap"
UNIT = "USD"
ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")


@dataclass(frozen=True, slots=True)
class Metric:
    """A figure the workbench keeps, and the concepts that report it, in order of preference."""

    name: str  # `capex`, or a financials.csv metric
    concepts: tuple[str, ...]
    instant: bool = False  # a balance at `end` (no `start`), not a flow over a period

    @property
    def file(self) -> str:
        return CAPEX if self.name == "capex" else FINANCIALS


METRICS = (
    Metric("capex", ("PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets")),
    Metric("revenue", ("RevenueFromContractWithCustomerExcludingAssessedTax", "Revenues", "SalesRevenueNet")),
    Metric("operating_income", ("OperatingIncomeLoss",)),
    Metric("operating_cash_flow", ("NetCashProvidedByUsedInOperatingActivities",)),
    Metric(
        "depreciation_amortization",
        (
            "DepreciationDepletionAndAmortization",
            "DepreciationAmortizationAndAccretionNet",
            "DepreciationAndAmortization",
        ),
    ),
    Metric("finance_lease_principal", ("FinanceLeasePrincipalPayments", "RepaymentsOfLongTermCapitalLeaseObligations")),
    Metric("rpo", ("RevenueRemainingPerformanceObligation",), instant=True),
)
CONCEPTS = frozenset(c for m in METRICS for c in m.concepts)


class SecFileError(Exception):
    """A file that cannot be imported; `str()` is one line that names the file."""

    def __init__(self, path: Path | str, message: str, line: int = 1) -> None:
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True, slots=True)
class Fact:
    """One reported value: `val` for the period `start`–`end` (no `start`: a balance at `end`)."""

    concept: str
    start: date | None
    end: date
    val: Decimal
    accn: str
    form: str
    filed: date


@dataclass
class CompanyFacts:
    """The usable facts of one file, by concept, and counts of what was left out and why."""

    path: Path
    cik: int
    name: str
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    other_forms: Counter[str] = field(default_factory=Counter)  # form → facts not from a 10-K/10-Q
    other_units: Counter[str] = field(default_factory=Counter)  # unit → facts of our concepts in it
    taxonomies: tuple[str, ...] = ()
    malformed: int = 0  # facts without a usable date, value or accession

    @property
    def fact_count(self) -> int:
        return sum(len(v) for v in self.facts.values())


def read_companyfacts(path: Path | str) -> CompanyFacts:
    """The file's usable facts; `SecFileError` if it is not a companyfacts file with USD facts."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SecFileError(path, tr("cannot read the file: {error}", error=error.strerror or error)) from None
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise SecFileError(path, tr("not a companyfacts file: not UTF-8 text")) from None
    except json.JSONDecodeError as error:
        where = tr("it ends early (truncated download?)") if error.pos >= len(raw.rstrip()) else error.msg
        message = tr("not valid JSON: {why} (column {column})", why=where, column=error.colno)
        raise SecFileError(path, message, error.lineno) from None
    except RecursionError:
        raise SecFileError(path, tr("not a companyfacts file: nested too deeply")) from None
    return companyfacts(path, data)


def companyfacts(path: Path, data: Any) -> CompanyFacts:
    """`read_companyfacts` on JSON already parsed."""
    if not isinstance(data, dict):
        raise SecFileError(path, tr("not a companyfacts file: expected a JSON object"))
    if "filings" in data and "facts" not in data:
        cik = _cik(data.get("cik"))
        raise SecFileError(
            path,
            tr(
                "this is an SEC submissions file (filing list), not companyfacts: download {url}",
                url=f"https://data.sec.gov/api/xbrl/companyfacts/CIK{cik or 0:010d}.json",
            )
            + ("" if cik else tr(" with the company's 10-digit CIK")),
        )
    taxonomies = data.get("facts")
    if not isinstance(taxonomies, dict):
        raise SecFileError(path, tr("not a companyfacts file: no 'facts' object"))
    cik = _cik(data.get("cik"))
    if cik is None:
        shown = repr(str(data.get("cik"))[:40])
        raise SecFileError(path, tr("not a companyfacts file: 'cik' is not a number: {cik}", cik=shown))
    name = data.get("entityName")
    result = CompanyFacts(
        path, cik, name.strip() if isinstance(name, str) else "", taxonomies=tuple(str(t) for t in taxonomies)
    )
    concepts = taxonomies.get(TAXONOMY)
    if isinstance(concepts, dict):
        for concept in CONCEPTS:
            entry = concepts.get(concept)
            units = entry.get("units") if isinstance(entry, dict) else None
            if not isinstance(units, dict):
                continue
            for unit, facts in units.items():
                if not isinstance(facts, list):
                    continue
                if unit != UNIT:
                    result.other_units[str(unit)] += len(facts)
                    continue
                kept = [f for f in (_fact(concept, raw, result) for raw in facts) if f is not None]
                if kept:
                    result.facts[concept] = kept
    if not result.facts:
        raise SecFileError(path, _why_nothing(data, taxonomies, result))
    return result


def _cik(value: Any) -> int | None:
    """The SEC number as an int: companyfacts has an int, the submissions API a zero-padded string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value) or None
    return None


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _fact(concept: str, raw: Any, result: CompanyFacts) -> Fact | None:
    """One fact if it is from a 10-K/10-Q (or amendment) and well formed; else counted and None."""
    if not isinstance(raw, dict):
        result.malformed += 1
        return None
    form = raw.get("form")
    if form not in FORMS:
        result.other_forms[str(form)] += 1
        return None
    val, accn = raw.get("val"), raw.get("accn")
    end, filed = _day(raw.get("end")), _day(raw.get("filed"))
    start = _day(raw.get("start")) if "start" in raw else None
    if isinstance(val, bool) or not isinstance(val, (int, float)) or not math.isfinite(val):
        result.malformed += 1
        return None
    if (
        end is None
        or filed is None
        or not isinstance(accn, str)
        or not ACCESSION.match(accn)
        or ("start" in raw and (start is None or start > end))
    ):
        result.malformed += 1
        return None
    return Fact(concept, start, end, Decimal(str(val)) if isinstance(val, float) else Decimal(val), accn, form, filed)


def _why_nothing(data: dict[str, Any], taxonomies: dict[str, Any], result: CompanyFacts) -> str:
    """Why a file gave no usable fact, in the words an analyst needs."""
    money: Counter[str] = Counter()  # currency → facts in it, anywhere in the file
    for concepts in taxonomies.values():
        for entry in concepts.values() if isinstance(concepts, dict) else ():
            units = entry.get("units") if isinstance(entry, dict) else None
            for unit, facts in units.items() if isinstance(units, dict) else ():
                if re.fullmatch(r"[A-Z]{3}", str(unit)) and unit != UNIT:
                    money[str(unit)] += len(facts) if isinstance(facts, list) else 0
    currencies = [unit for unit, _ in money.most_common()]  # the reporting currency first
    if TAXONOMY not in taxonomies:
        named = ", ".join(sorted(str(t) for t in taxonomies if t != "dei")) or tr("none")
        ifrs = " (IFRS)" if "ifrs-full" in taxonomies else ""
        if currencies:
            return tr(
                "not importable: the company reports under {taxonomies}, amounts in {currencies}; "
                "only US GAAP (us-gaap) facts in USD are imported",
                taxonomies=named + ifrs,
                currencies=", ".join(currencies),
            )
        return tr(
            "not importable: the company reports under {taxonomies}; only US GAAP (us-gaap) facts in USD are imported",
            taxonomies=named + ifrs,
        )
    if result.other_units and not result.facts:
        return tr(
            "not importable: no USD facts for capex, revenue or the other metrics (units found: {units})",
            units=", ".join(sorted(result.other_units)),
        )
    if result.other_forms or result.malformed:
        return tr("nothing to import: no 10-K or 10-Q facts for capex, revenue or the other metrics")
    return tr("nothing to import: no facts for capex, revenue or the other metrics")
