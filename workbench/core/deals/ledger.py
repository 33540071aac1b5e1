"""The circular-deal ledger: amounts with their basis, rows counted once, filter, sort and export.

Reading `deals.csv` (docs/data-contract.md, data/README.md): `investor` pays `counterparty`. A deal is one of
three flows:

- **capital** (`equity`, `loan`): money from the investor into the counterparty;
- **spend** (`compute_commitment`, `chip_purchase`, `backstop`): the investor commits to pay
  the `provider` (or, when none is named, the counterparty) for cloud, chips or capacity;
- **other** (`other`, or an unknown kind): shown, never added up (e.g. a stake's value).

A round trip is capital from X into Y beside the spend Y committed back to X. Amounts are USD
billions; a row may say otherwise with a `currency` column and convert with an explicit
`fx_usd` rate (USD per unit). An empty amount is undisclosed: never zero, never summed.

A row is counted once: a `counted_in` column names the source of another row (same investor,
counterparty and kind) whose amount already includes it, and rows with the same investor,
counterparty, kind and amount announced within a year are taken as one deal reported twice.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.data.layout import DEALS, data_file
from workbench.core.data.model import Company, Dataset, Deal
from workbench.core.data.problems import Problem
from workbench.core.i18n import N_, tr, tr_n
from workbench.core.output.numbers import MISSING, bn

CAPITAL_KINDS = ("equity", "loan")
SPEND_KINDS = ("compute_commitment", "chip_purchase", "backstop")
KINDS = (*CAPITAL_KINDS, *SPEND_KINDS, "other")
# Labels are English here (the scenario file names and the filter use them); `tr(label)` where drawn.
KIND_LABELS = {
    "equity": N_("equity"),
    "loan": N_("loan"),
    "compute_commitment": N_("compute"),
    "chip_purchase": N_("chips"),
    "backstop": N_("backstop"),
    "other": N_("other"),
}
STATUS_LABELS = {"letter_of_intent": N_("LOI")}
CONFIDENCE_ORDER = ("low", "low-medium", "medium", "medium-high", "high")
SORT_KEYS = ("announced", "amount", "investor", "counterparty", "kind", "status", "confidence", "source")
FILTER_FIELDS = ("investor", "counterparty", "party", "provider", "kind", "status", "confidence", "source", "year")
# Fields compared as numbers: `amount:>50`, `amount:10..50`, `year:2025..2026`, `term:>=5` (years).
NUMERIC_FIELDS = ("amount", "year", "term")
DUPLICATE_WINDOW_DAYS = 366
USD = "USD"


def money(usd_bn: float | None) -> str:
    """`$13.87B` (or 亿美元, as shown); None is "undisclosed" (never `$0.00B`), in the interface language."""
    return tr("undisclosed") if usd_bn is None else bn(usd_bn)


def money_en(usd_bn: float | None) -> str:
    """`$13.87B` or `undisclosed` whatever the interface: for exports and the files the app writes."""
    if usd_bn is None:
        return "undisclosed"
    text = f"{abs(usd_bn):,.2f}"
    return f"{'-' if usd_bn < 0 and float(text.replace(',', '')) != 0 else ''}${text}B"


def term(years: float | None) -> str:
    """A deal's term: `10y`, `3.5y`, or an em dash when not stated (in the interface language)."""
    return MISSING if years is None else tr("{years}y", years=f"{years:g}")


def term_en(years: float | None) -> str:
    """A deal's term as files say it: `10y`, `3.5y`, or an em dash."""
    return MISSING if years is None else f"{years:g}y"


# --- amounts -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Amount:
    """A deal's amount as stated, and in USD billions when it is known and convertible."""

    stated: float | None  # amount_bn as written; None = undisclosed
    currency: str = USD
    rate: float | None = None  # USD per unit of `currency`, from the row's fx_usd column

    @property
    def usd_bn(self) -> float | None:
        """USD billions, or None when undisclosed or not convertible."""
        if self.stated is None:
            return None
        if self.currency == USD:
            return self.stated
        return None if self.rate is None else self.stated * self.rate

    @property
    def text(self) -> str:
        """What a cell shows: `$13.87B`, `undisclosed`, or the stated amount when unconverted."""
        if self.stated is not None and self.usd_bn is None:
            return f"{self.currency} {self.stated:,.2f}B?"
        return money(self.usd_bn)

    @property
    def basis(self) -> str:
        """How the USD figure was arrived at, in English words and $B (exports keep this)."""
        if self.stated is None:
            return "undisclosed: not added to any total"
        if self.currency == USD:
            return "USD billions, as announced"
        if self.rate is None:
            return f"{self.currency} {self.stated:,.2f}B with no fx_usd rate: not converted, not added"
        return f"{self.currency} {self.stated:,.2f}B × {self.rate:g} USD/{self.currency} = {money_en(self.usd_bn)}"

    @property
    def basis_label(self) -> str:
        """`basis` in the interface language and display unit (what the screen shows)."""
        if self.stated is None:
            return tr("undisclosed: not added to any total")
        if self.currency == USD:
            return tr("USD billions, as announced")
        stated = f"{self.currency} {self.stated:,.2f}B"
        if self.rate is None:
            return tr("{stated} with no fx_usd rate: not converted, not added", stated=stated)
        return f"{stated} × {self.rate:g} USD/{self.currency} = {money(self.usd_bn)}"


def _amount(deal: Deal, problems: list[str]) -> Amount:
    currency = str(deal.extra.get("currency") or "").strip().upper() or USD
    raw_rate = str(deal.extra.get("fx_usd") or "").strip()
    rate = None
    if raw_rate:
        try:
            rate = float(raw_rate)
        except ValueError:
            problems.append(tr("'fx_usd' is not a number: {value!r}", value=raw_rate))
        else:
            if not rate > 0 or rate == float("inf"):
                problems.append(tr("'fx_usd' must be a positive number, not {value!r}", value=raw_rate))
                rate = None
    if currency == USD:
        rate = None
    elif rate is None and deal.amount_bn is not None and not raw_rate:
        problems.append(
            tr(
                "amount in {currency} has no 'fx_usd' rate: not converted, left out of USD totals",
                currency=currency,
            )
        )
    return Amount(deal.amount_bn, currency, rate)


# --- parties -------------------------------------------------------------------------------


class Parties:
    """Names of companies as deals spell them: `AWS`, `Amazon` and `AMZN` are one party."""

    def __init__(self, companies: Iterable[Company] = ()) -> None:
        self._alias: dict[str, str] = {}
        for company in companies:
            names = [company.ticker, company.name, *_aliases(company)]
            for name in names:
                self._alias.setdefault(fold(name), company.ticker)
        self.names: dict[str, str] = {}  # key -> display name (first spelling seen)

    def key(self, name: str) -> str:
        """The party a name refers to (a ticker for covered companies)."""
        folded = fold(name)
        return self._alias.get(folded, "=" + folded)

    def add(self, name: str) -> str:
        """Register a spelling; return its key."""
        key = self.key(name)
        self.names.setdefault(key, name.strip())
        return key

    def name(self, key: str) -> str:
        return self.names.get(key, key.removeprefix("="))

    def resolve(self, name: str) -> str | None:
        """The key of a known party for a user's name or ticker, case-insensitively."""
        key = self.key(name)
        if key in self.names:
            return key
        folded = fold(name)
        hits = [k for k, shown in self.names.items() if fold(shown).startswith(folded)] if folded else []
        return hits[0] if len(hits) == 1 else None


def _aliases(company: Company) -> list[str]:
    aliases = company.extra.get("aliases")
    names = [a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else []
    cloud = company.extra.get("cloud")
    return names + ([cloud] if isinstance(cloud, str) else [])


def fold(name: str) -> str:
    """A name compared case- and space-insensitively."""
    return " ".join(name.split()).casefold()


# --- the ledger ----------------------------------------------------------------------------


@dataclass(slots=True)
class LedgerRow:
    """One deal with its flow, parties, amount and whether its amount is counted in totals."""

    index: int
    deal: Deal
    amount: Amount
    flow: str  # "capital" | "spend" | "other"
    payer: str  # party keys
    recipient: str
    provider_key: str = ""
    counted_in: int | None = None  # index of the row whose amount already includes this one
    why_not_counted: str = ""  # English, for exports; `why_not_counted_label` is what the screen shows
    not_counted_as: str = ""  # "counted_in" | "duplicate": why, for the label
    not_counted_amount: float | None = None  # the including row's amount (counted_in)
    not_counted_line: int = 0  # the line of the row that is counted instead

    @property
    def counted(self) -> bool:
        return self.counted_in is None

    @property
    def confidence(self) -> str:
        return str(self.deal.extra.get("confidence") or "").strip()

    @property
    def why_not_counted_label(self) -> str:
        """Why the amount is not added, in the interface language."""
        if self.not_counted_as == "counted_in":
            return tr(
                "included in the {amount} row of line {line} (counted_in)",
                amount=money(self.not_counted_amount),
                line=self.not_counted_line,
            )
        if self.not_counted_as == "duplicate":
            return tr(
                "same investor, counterparty, kind and amount as line {line} within a year: taken as the same deal",
                line=self.not_counted_line,
            )
        return self.why_not_counted

    @property
    def tied(self) -> bool:
        """Capital whose spending goes back to the investor's own cloud or chips (its `provider`)."""
        return self.flow == "capital" and self.recipient != self.payer and self.provider_key == self.payer


@dataclass(slots=True)
class Total:
    """A sum of counted, disclosed USD amounts, and how many counted amounts were not disclosed."""

    usd_bn: float = 0.0
    disclosed: int = 0
    undisclosed: int = 0

    def add(self, row: LedgerRow) -> None:
        if not row.counted:
            return
        if row.amount.usd_bn is None:
            self.undisclosed += 1
        else:
            self.usd_bn += row.amount.usd_bn
            self.disclosed += 1

    @property
    def text(self) -> str:
        """`$104.00B + 1 undisclosed`, `undisclosed`, or `—` when nothing is counted."""
        if not self.disclosed:
            return tr("undisclosed") if self.undisclosed else MISSING
        if not self.undisclosed:
            return money(self.usd_bn)
        return tr_n(
            "{amount} + {n} undisclosed", "{amount} + {n} undisclosed", self.undisclosed, amount=money(self.usd_bn)
        )


def total(rows: Iterable[LedgerRow]) -> Total:
    result = Total()
    for row in rows:
        result.add(row)
    return result


def ratio_text(back: Total, out: Total) -> str:
    """Back ÷ out as `1.71×`: `≥` when only `back` has undisclosed parts, `≤` when only `out`
    has, `~` when both have; `n/a` with nothing disclosed on either side."""
    if not out.disclosed or out.usd_bn <= 0 or (back.undisclosed and not back.disclosed):
        return tr("n/a")
    prefix = {(True, False): "≥", (False, True): "≤", (True, True): "~"}.get(
        (bool(back.undisclosed), bool(out.undisclosed)), ""
    )
    return f"{prefix}{back.usd_bn / out.usd_bn:.2f}×"


@dataclass
class Ledger:
    """Every deal as a LedgerRow, the parties, and the problems found while reading them."""

    rows: list[LedgerRow]
    parties: Parties
    problems: list[Problem] = field(default_factory=list)

    def name(self, key: str) -> str:
        return self.parties.name(key)

    def resolve(self, name: str) -> str | None:
        return self.parties.resolve(name)

    def party_keys(self) -> list[str]:
        """Every party that pays or is paid, by total disclosed flow (largest first)."""
        flow: dict[str, float] = {}
        for row in self.rows:
            value = row.amount.usd_bn if row.counted and row.amount.usd_bn is not None else 0.0
            for key in (row.payer, row.recipient):
                flow[key] = flow.get(key, 0.0) + value
        return sorted(flow, key=lambda k: (-flow[k], fold(self.name(k))))


def build_ledger(deals: Sequence[Deal], companies: Iterable[Company] = (), path: Path | str = "deals.csv") -> Ledger:
    """Classify, convert and link every deal; problems are reported as `path:line: message`."""
    parties = Parties(companies)
    problems: list[Problem] = []
    rows: list[LedgerRow] = []
    for index, deal in enumerate(deals):
        found: list[str] = []
        amount = _amount(deal, found)
        kind = deal.kind.strip()
        if kind not in KINDS:
            found.append(
                tr(
                    "unknown kind {kind!r} (expected one of {kinds}): shown as other, not added up",
                    kind=kind,
                    kinds=", ".join(KINDS),
                )
            )
        flow = "capital" if kind in CAPITAL_KINDS else "spend" if kind in SPEND_KINDS else "other"
        payer, counterparty = parties.add(deal.investor), parties.add(deal.counterparty)
        provider = parties.add(deal.provider) if deal.provider.strip() else ""
        recipient = provider if flow == "spend" and provider else counterparty
        rows.append(LedgerRow(index, deal, amount, flow, payer, recipient, provider_key=provider))
        what = tr("deal {investor} → {counterparty}", investor=deal.investor, counterparty=deal.counterparty)
        problems += [Problem(str(path), deal.line, tr("{what}: {problem}", what=what, problem=m)) for m in found]
    _link_counted_in(rows, parties, problems, str(path))
    _link_duplicates(rows, parties)
    problems.sort()
    return Ledger(rows, parties, problems)


def ledger_for(dataset: Dataset) -> Ledger:
    """The ledger of a loaded data directory."""
    return build_ledger(dataset.deals, dataset.companies.values(), data_file(dataset.root, DEALS))


def _same_deal_key(row: LedgerRow, parties: Parties) -> tuple[str, str, str]:
    return row.payer, parties.key(row.deal.counterparty), row.deal.kind.strip()


def _link_counted_in(rows: list[LedgerRow], parties: Parties, problems: list[Problem], path: str) -> None:
    """Resolve explicit `counted_in` references (the source id of the row that includes this one)."""
    links: dict[int, int] = {}
    by_source: dict[tuple[str, tuple[str, str, str]], list[LedgerRow]] = {}
    for row in rows:
        by_source.setdefault((row.deal.source, _same_deal_key(row, parties)), []).append(row)
    for row in rows:
        ref = str(row.deal.extra.get("counted_in") or "").strip()
        if not ref:
            continue
        what = tr("deal {investor} → {counterparty}", investor=row.deal.investor, counterparty=row.deal.counterparty)
        targets = [o for o in by_source.get((ref, _same_deal_key(row, parties)), []) if o is not row]
        if len(targets) != 1:
            message = (
                tr(
                    "{what}: counted_in {ref!r} matches no other {kind} row of the same parties from that source; "
                    "counted here",
                    what=what,
                    ref=ref,
                    kind=row.deal.kind,
                )
                if not targets
                else tr(
                    "{what}: counted_in {ref!r} matches {count} {kind} row of the same parties from that source; "
                    "counted here",
                    what=what,
                    ref=ref,
                    count=len(targets),
                    kind=row.deal.kind,
                )
            )
            problems.append(Problem(path, row.deal.line, message))
            continue
        links[row.index] = targets[0].index
    for index, target in links.items():
        seen = {index}
        while target in links and target not in seen:  # follow chains to the row that is counted
            seen.add(target)
            target = links[target]
        row = rows[index]
        if target in seen:
            problems.append(
                Problem(
                    path,
                    row.deal.line,
                    tr(
                        "{what}: counted_in references go round in a circle; counted here",
                        what=tr(
                            "deal {investor} → {counterparty}",
                            investor=row.deal.investor,
                            counterparty=row.deal.counterparty,
                        ),
                    ),
                )
            )
            continue
        row.counted_in = target
        row.not_counted_as, row.not_counted_amount = "counted_in", rows[target].amount.usd_bn
        row.not_counted_line = rows[target].deal.line
        row.why_not_counted = (
            f"included in the {money_en(rows[target].amount.usd_bn)} row of line {rows[target].deal.line} (counted_in)"
        )


def _link_duplicates(rows: list[LedgerRow], parties: Parties) -> None:
    """Same investor, counterparty, kind and disclosed amount within a year: one deal reported twice."""
    first: dict[tuple, list[LedgerRow]] = {}
    for row in rows:
        if row.deal.extra.get("counted_in") or row.amount.usd_bn is None:
            continue
        key = (*_same_deal_key(row, parties), round(row.amount.usd_bn, 6))
        for earlier in first.get(key, []):
            if earlier.counted and abs((row.deal.announced - earlier.deal.announced).days) <= DUPLICATE_WINDOW_DAYS:
                row.counted_in = earlier.index
                row.not_counted_as, row.not_counted_line = "duplicate", earlier.deal.line
                row.why_not_counted = (
                    f"same investor, counterparty, kind and amount as line {earlier.deal.line} "
                    "within a year: taken as the same deal"
                )
                break
        first.setdefault(key, []).append(row)


# --- filter and sort -----------------------------------------------------------------------


def _labels(label: str) -> list[str]:
    """A label as filters match it: in English, and as the screen shows it (`kind:算力` finds compute)."""
    return [label, tr(label)] if label else []


def _field_values(row: LedgerRow, ledger: Ledger, name: str) -> list[str]:
    deal = row.deal
    values = {
        "investor": [deal.investor, ledger.name(row.payer)],
        "counterparty": [deal.counterparty],
        "provider": [deal.provider],
        "party": [deal.investor, deal.counterparty, deal.provider, ledger.name(row.payer), ledger.name(row.recipient)],
        "kind": [deal.kind, *_labels(KIND_LABELS.get(deal.kind, ""))],
        "status": [deal.status, *_labels(STATUS_LABELS.get(deal.status, ""))],
        "confidence": [row.confidence],
        "source": [deal.source, deal.quote],
        "year": [str(deal.announced.year)],
    }
    return values[name]


def _haystack(row: LedgerRow, ledger: Ledger) -> str:
    deal = row.deal
    parts = [
        *_field_values(row, ledger, "party"),
        *_field_values(row, ledger, "kind"),
        deal.status,
        row.confidence,
        deal.source,
        deal.quote,
        deal.note,
        deal.announced.isoformat(),
    ]
    return "\n".join(p.casefold() for p in parts if p)


@dataclass(frozen=True, slots=True)
class NumberRange:
    """A numeric filter's bounds (None = open), each inclusive or not."""

    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True

    def holds(self, value: float | None) -> bool:
        """Whether `value` is within; a missing value (undisclosed) never is."""
        if value is None:
            return False
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        return self.high is None or not (value > self.high or (value == self.high and not self.high_inclusive))


def number_range(text: str) -> NumberRange | None:
    """`>50`, `>=50`, `<10`, `<=10`, `=50`, `50`, `10..50`, `10..`, `..50` (commas and `$` allowed); None if not one."""
    text = text.replace(",", "").replace("$", "").replace("_", "").strip()
    try:
        for op in (">=", "<=", ">", "<", "="):
            if text.startswith(op):
                number = float(text[len(op) :])
                return {
                    ">=": NumberRange(low=number),
                    "<=": NumberRange(high=number),
                    ">": NumberRange(low=number, low_inclusive=False),
                    "<": NumberRange(high=number, high_inclusive=False),
                    "=": NumberRange(number, number),
                }[op]
        if ".." in text:
            low, _, high = text.partition("..")
            if not low and not high:
                return None
            return NumberRange(float(low) if low else None, float(high) if high else None)
        return NumberRange(float(text), float(text))
    except ValueError:
        return None


def _number(row: LedgerRow, name: str) -> float | None:
    if name == "amount":
        return row.amount.usd_bn
    if name == "year":
        return row.deal.announced.year
    return row.deal.years


def filter_problem(query: str) -> str:
    """What is wrong with a filter, in words ("" when nothing is): a numeric field without a number."""
    for word in query.split():
        name, sep, value = word.partition(":")
        if sep and name.casefold() in NUMERIC_FIELDS and value and number_range(value) is None:
            return tr(
                "{name}: takes a number or a range, e.g. {name}:>50, {name}:10..50 ({value} is neither)",
                name=name,
                value=repr(value),
            )
    return ""


def filter_rows(ledger: Ledger, rows: Iterable[LedgerRow], query: str) -> list[LedgerRow]:
    """Rows matching every word of `query` (case-insensitive, anywhere); `field:value` words
    (`investor:amazon`, `kind:compute`, `party:openai`…) look in one field only, and the numeric
    fields compare numbers (`amount:>50` in USD billions, `year:2025..2026`, `term:>=5`): an
    undisclosed amount never matches a number. A numeric field with no number matches nothing."""
    try:
        words = shlex.split(query)
    except ValueError:  # an unbalanced quote: take the words as they are
        words = query.split()
    tests: list[tuple[str | None, str]] = []
    ranges: list[tuple[str, NumberRange | None]] = []
    for word in words:
        name, sep, value = word.partition(":")
        if sep and name.casefold() in NUMERIC_FIELDS and value:
            ranges.append((name.casefold(), number_range(value)))
        elif sep and name.casefold() in FILTER_FIELDS and value:
            tests.append((name.casefold(), value.casefold()))
        else:
            tests.append((None, word.casefold()))
    if not tests and not ranges:
        return list(rows)
    out = []
    for row in rows:
        if not all(bounds is not None and bounds.holds(_number(row, name)) for name, bounds in ranges):
            continue
        hay = _haystack(row, ledger) if tests else ""
        if all(
            (value in hay) if name is None else any(value in v.casefold() for v in _field_values(row, ledger, name))
            for name, value in tests
        ):
            out.append(row)
    return out


# --- totals by standing ---------------------------------------------------------------------

STANDINGS = ("closed", "committed", "reported/LOI")  # how firm a deal is, firmest first
STANDING_LABELS = {"closed": N_("closed"), "committed": N_("committed"), "reported/LOI": N_("reported/LOI")}
LOW_CONFIDENCE = ("low", "low-medium")


def standing(row: LedgerRow) -> str:
    """Closed, committed, or only reported / a letter of intent (any other status counts as reported)."""
    status = row.deal.status.strip().casefold()
    return status if status in ("closed", "committed") else "reported/LOI"


@dataclass(slots=True)
class StandingTotals:
    """One flow's counted amounts split by how firm the deals are, and how much rests on low confidence."""

    by_standing: dict[str, Total] = field(default_factory=lambda: {s: Total() for s in STANDINGS})
    low_confidence: Total = field(default_factory=Total)

    def add(self, row: LedgerRow) -> None:
        self.by_standing[standing(row)].add(row)
        if row.confidence.casefold() in LOW_CONFIDENCE:
            self.low_confidence.add(row)

    @property
    def empty(self) -> bool:
        return not any(t.disclosed or t.undisclosed for t in self.by_standing.values())

    def text(self) -> str:
        """`closed $5.00B · committed $15.00B · reported/LOI $196.55B + 1 undisclosed (low confidence $150.00B)`."""
        parts = [
            tr("{standing} {amount}", standing=tr(STANDING_LABELS[name]), amount=t.text)
            for name, t in self.by_standing.items()
            if t.disclosed or t.undisclosed
        ]
        low = self.low_confidence
        extra = tr(" (low confidence {amount})", amount=low.text) if low.disclosed or low.undisclosed else ""
        return (" · ".join(parts) or MISSING) + extra


def standing_totals(rows: Iterable[LedgerRow], flow: str) -> StandingTotals:
    """The counted amounts of one flow (`capital` or `spend`) by standing."""
    totals = StandingTotals()
    for row in rows:
        if row.flow == flow:
            totals.add(row)
    return totals


def sort_rows(ledger: Ledger, rows: Iterable[LedgerRow], key: str, descending: bool = False) -> list[LedgerRow]:
    """Rows ordered by one of SORT_KEYS; undisclosed amounts and unknown confidences always last."""
    rows = list(rows)
    if key == "amount":
        known = [r for r in rows if r.amount.usd_bn is not None]
        rest = [r for r in rows if r.amount.usd_bn is None]
        known.sort(key=lambda r: (r.amount.usd_bn, r.deal.announced), reverse=descending)
        return known + sorted(rest, key=lambda r: r.deal.announced)
    if key == "confidence":
        known = [r for r in rows if r.confidence in CONFIDENCE_ORDER]
        rest = [r for r in rows if r.confidence not in CONFIDENCE_ORDER]
        known.sort(key=lambda r: CONFIDENCE_ORDER.index(r.confidence), reverse=descending)
        return known + rest
    keys = {
        "announced": lambda r: r.deal.announced,
        "investor": lambda r: fold(r.deal.investor),
        "counterparty": lambda r: fold(r.deal.counterparty),
        "kind": lambda r: r.deal.kind,
        "status": lambda r: r.deal.status,
        "source": lambda r: r.deal.source,
    }
    if key not in keys:
        raise ValueError(f"unknown sort key {key!r}")
    return sorted(rows, key=keys[key], reverse=descending)


# --- export --------------------------------------------------------------------------------

EXPORT_FIELDS = (
    "line",
    "investor",
    "counterparty",
    "kind",
    "flow",
    "amount_bn",
    "currency",
    "fx_usd",
    "usd_bn",
    "amount_basis",
    "announced",
    "provider",
    "recipient",
    "years",
    "status",
    "confidence",
    "source",
    "quote",
    "counted",
    "counted_in_line",
    "not_counted_because",
    "note",
)


def export_records(ledger: Ledger, rows: Iterable[LedgerRow]) -> list[dict[str, object]]:
    """Raw values for CSV/JSON: numbers as numbers, None for undisclosed, formatted text nowhere."""
    records = []
    for row in rows:
        deal = row.deal
        record: dict[str, object] = {
            "line": deal.line,
            "investor": deal.investor,
            "counterparty": deal.counterparty,
            "kind": deal.kind,
            "flow": row.flow,
            "amount_bn": deal.amount_bn,
            "currency": row.amount.currency,
            "fx_usd": row.amount.rate,
            "usd_bn": row.amount.usd_bn,
            "amount_basis": row.amount.basis,
            "announced": deal.announced.isoformat(),
            "provider": deal.provider,
            "recipient": ledger.name(row.recipient),
            "years": deal.years,
            "status": deal.status,
            "confidence": row.confidence,
            "source": deal.source,
            "quote": deal.quote,
            "counted": row.counted,
            "counted_in_line": ledger.rows[row.counted_in].deal.line if row.counted_in is not None else None,
            "not_counted_because": row.why_not_counted,
            "note": deal.note,
        }
        for name, value in deal.extra.items():
            record.setdefault(str(name), value)
        records.append(record)
    return records
