"""Views of the deal ledger: one party's round trips, funders and creditors; the network of who pays whom."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from workbench.core.data.model import FinancialFigure
from workbench.core.deals.ledger import Ledger, LedgerRow, Total, fold, ratio_text, total


@dataclass
class Group:
    """Deals between a party and one other party, totalled; `tied` rows are shown, not added."""

    key: str
    name: str
    rows: list[LedgerRow] = field(default_factory=list)
    tied: list[LedgerRow] = field(default_factory=list)

    @property
    def total(self) -> Total:
        return total(self.rows)


@dataclass
class Pairing:
    """An investor's capital into one party beside the spend that party committed back to it."""

    key: str
    name: str
    invested: list[LedgerRow] = field(default_factory=list)
    back: list[LedgerRow] = field(default_factory=list)

    @property
    def invested_total(self) -> Total:
        return total(self.invested)

    @property
    def back_total(self) -> Total:
        return total(self.back)

    @property
    def ratio(self) -> str:
        return ratio_text(self.back_total, self.invested_total)


@dataclass
class PartyReport:
    """Everything one party is in: round trips, funders, what it owes, who pays it, other ties."""

    key: str
    name: str
    pairings: list[Pairing]  # capital it put in, beside spend that came back from the same party
    funded_by: list[Group]  # capital into it
    owes: list[Group]  # spend it committed (plus funding tied to the funder's own cloud or chips)
    paid_by: list[Group]  # spend committed to it by parties it did not invest in
    other: list[Group]  # `other` deals either way: listed, not added

    @property
    def invested(self) -> Total:
        return total(r for p in self.pairings for r in p.invested)

    @property
    def back(self) -> Total:
        return total(r for p in self.pairings for r in p.back)

    @property
    def ratio(self) -> str:
        return ratio_text(self.back, self.invested)

    @property
    def owed(self) -> Total:
        return total(r for g in self.owes for r in g.rows)

    @property
    def funding(self) -> Total:
        return total(r for g in self.funded_by for r in g.rows)

    @property
    def empty(self) -> bool:
        return not (self.pairings or self.funded_by or self.owes or self.paid_by or self.other)


def _chrono(rows: list[LedgerRow]) -> list[LedgerRow]:
    return sorted(rows, key=lambda r: (r.deal.announced, r.deal.line))


def _groups(ledger: Ledger, items: dict[str, Group]) -> list[Group]:
    for group in items.values():
        group.rows, group.tied = _chrono(group.rows), _chrono(group.tied)
    return sorted(items.values(), key=lambda g: (-g.total.usd_bn, -len(g.rows), fold(g.name)))


def party_report(ledger: Ledger, key: str) -> PartyReport:
    """The per-party view: what it invests and gets back, who funds it and whom it must pay."""
    pairings: dict[str, Pairing] = {}
    for row in ledger.rows:
        if row.flow == "capital" and row.payer == key and row.recipient != key:
            pairings.setdefault(row.recipient, Pairing(row.recipient, ledger.name(row.recipient))).invested.append(row)
    funded: dict[str, Group] = {}
    owes: dict[str, Group] = {}
    paid: dict[str, Group] = {}
    other: dict[str, Group] = {}

    def group(items: dict[str, Group], other_key: str) -> Group:
        return items.setdefault(other_key, Group(other_key, ledger.name(other_key)))

    for row in ledger.rows:
        if row.payer == row.recipient:
            continue
        if row.flow == "other" and key in (row.payer, row.recipient):
            group(other, row.recipient if row.payer == key else row.payer).rows.append(row)
        elif row.flow == "capital" and row.recipient == key:
            group(funded, row.payer).rows.append(row)
            if row.tied:
                group(owes, row.payer).tied.append(row)
        elif row.flow == "spend" and row.payer == key:
            group(owes, row.recipient).rows.append(row)
        elif row.flow == "spend" and row.recipient == key:
            if row.payer in pairings:
                pairings[row.payer].back.append(row)
            else:
                group(paid, row.payer).rows.append(row)
    for pairing in pairings.values():
        pairing.invested, pairing.back = _chrono(pairing.invested), _chrono(pairing.back)
    ordered = sorted(pairings.values(), key=lambda p: (-p.invested_total.usd_bn, fold(p.name)))
    return PartyReport(
        key,
        ledger.name(key),
        ordered,
        _groups(ledger, funded),
        _groups(ledger, owes),
        _groups(ledger, paid),
        _groups(ledger, other),
    )


# --- the network ---------------------------------------------------------------------------


@dataclass
class Edge:
    """All deals of one flow from a payer to a recipient."""

    payer: str
    recipient: str
    flow: str
    rows: list[LedgerRow]
    circular: bool = False  # the recipient also pays the payer (any flow)

    @property
    def total(self) -> Total:
        return total(self.rows)


@dataclass
class Node:
    """A party and the edges leaving it."""

    key: str
    name: str
    out: Total
    into: Total
    edges: list[Edge]


def network(ledger: Ledger) -> list[Node]:
    """Who is tied to whom: one node per paying party (largest outflow first), its edges by size."""
    edges: dict[tuple[str, str, str], list[LedgerRow]] = {}
    for row in ledger.rows:
        if row.payer != row.recipient:
            edges.setdefault((row.payer, row.recipient, row.flow), []).append(row)
    pairs = {(payer, recipient) for payer, recipient, _ in edges}
    by_payer: dict[str, list[Edge]] = {}
    into: dict[str, list[LedgerRow]] = {}
    for (payer, recipient, flow), rows in edges.items():
        edge = Edge(payer, recipient, flow, _chrono(rows), (recipient, payer) in pairs)
        by_payer.setdefault(payer, []).append(edge)
        if flow != "other":
            into.setdefault(recipient, []).extend(rows)
    nodes = []
    for payer, out_edges in by_payer.items():
        out_edges.sort(key=lambda e: (e.flow == "other", -e.total.usd_bn, fold(ledger.name(e.recipient))))
        out = total(r for e in out_edges if e.flow != "other" for r in e.rows)
        nodes.append(Node(payer, ledger.name(payer), out, total(into.get(payer, [])), out_edges))
    nodes.sort(key=lambda n: (-n.out.usd_bn, fold(n.name)))
    return nodes


# --- multi-year commitments, year by year ------------------------------------------------------


@dataclass
class YearRow:
    """What one provider is owed in one year under the commitments made to it, beside its own figures.

    A commitment of `amount` over `years` years from its announcement counts amount ÷ years in each
    of those years (the even spread the deal terms imply when no schedule is published); one without
    a term counts in its announcement year and is named in `no_term`. Cloud revenue and RPO are the
    provider's fiscal-year figures from financials.csv (RPO is the balance at the year's end)."""

    provider: str
    year: int
    spend: float = 0.0
    deals: int = 0
    undisclosed: int = 0
    no_term: int = 0
    cloud_revenue: float | None = None
    cloud_segment: str = ""
    rpo: float | None = None

    @property
    def share_of_cloud(self) -> float | None:
        """This year's committed spend as a fraction of the provider's cloud revenue (None if unknown)."""
        return self.spend / self.cloud_revenue if self.cloud_revenue else None


def spread(row: LedgerRow) -> list[tuple[int, float]]:
    """(year, amount) of one commitment spread evenly over its term (whole years, at least one)."""
    usd = row.amount.usd_bn
    if usd is None:
        return []
    years = max(1, round(row.deal.years)) if row.deal.years else 1
    start = row.deal.announced.year
    return [(start + n, usd / years) for n in range(years)]


def _annual(financials: Iterable[FinancialFigure], ticker: str, metric: str) -> dict[int, tuple[float, str]]:
    """Fiscal year → (latest actual value, segment) of one metric for one company."""
    found: dict[int, FinancialFigure] = {}
    for f in financials:
        if f.ticker != ticker or f.metric != metric or not f.is_annual or f.kind != "actual":
            continue
        previous = found.get(f.fiscal_year)
        if previous is None or (f.said_on or date.min, f.line) >= (previous.said_on or date.min, previous.line):
            found[f.fiscal_year] = f
    return {year: (f.value_bn, f.segment) for year, f in found.items()}


def years_view(ledger: Ledger, rows: Iterable[LedgerRow], financials: Iterable[FinancialFigure] = ()) -> list[YearRow]:
    """Counted commitments (compute, chips, backstops) per provider and year, the most owed provider first.

    A provider's fiscal year N is set beside calendar year N (fiscal years are named by the year they end)."""
    out: dict[tuple[str, int], YearRow] = {}
    for row in rows:
        if row.flow != "spend" or not row.counted:
            continue
        key = row.recipient
        if row.amount.usd_bn is None:
            year = row.deal.announced.year
            out.setdefault((key, year), YearRow(ledger.name(key), year)).undisclosed += 1
            continue
        for year, amount in spread(row):
            entry = out.setdefault((key, year), YearRow(ledger.name(key), year))
            entry.spend += amount
            entry.deals += 1
            entry.no_term += 0 if row.deal.years else 1
    financials = list(financials)
    for (key, year), entry in out.items():
        cloud = _annual(financials, key, "cloud_revenue").get(year)
        rpo = _annual(financials, key, "rpo").get(year)
        if cloud:
            entry.cloud_revenue, entry.cloud_segment = cloud
        if rpo:
            entry.rpo = rpo[0]
    owed: dict[str, float] = {}
    for (key, _), entry in out.items():
        owed[key] = owed.get(key, 0.0) + entry.spend
    return [out[k] for k in sorted(out, key=lambda k: (-owed[k[0]], out[k].provider, k[1]))]
