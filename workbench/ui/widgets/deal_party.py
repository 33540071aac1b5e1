"""The per-company view: what a party invests and gets back, who funds it and whom it must pay."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import OptionList, Static

from workbench.core.data.model import Dataset
from workbench.core.deals.ledger import Ledger, LedgerRow
from workbench.core.deals.views import Group, PartyReport, party_report
from workbench.core.i18n import tr, tr_n
from workbench.core.output.numbers import unit_label
from workbench.ui.safe_text import literal
from workbench.ui.widgets.deal_common import NOT_COUNTED, TIED, DealList, deal_line
from workbench.ui.widgets.deal_detail import DealDetail

Line = tuple[Text, str]  # a prompt and its target ("deal:N", "party:KEY" or "" for a heading)


def _heading(text: str) -> Line:
    return Text(text, style="bold reverse"), ""


def _party_heading(key: str, name: str, *parts: str) -> Line:
    """`Anthropic  in $33.00B · back $104.00B + 1 undisclosed · ≥3.15×`: Enter shows that party."""
    return Text.assemble(literal(name, "bold underline"), "  ", " · ".join(parts), end=""), f"party:{key}"


def _deals(rows: list[LedgerRow], arrow: str) -> list[Line]:
    return [(deal_line(row, arrow), f"deal:{row.index}") for row in rows]


def report_lines(report: PartyReport) -> list[Line]:
    """The report as list lines: section headings, one heading per other party, its deals."""
    lines: list[Line] = []
    if report.pairings:
        lines.append(_heading(tr(" INVESTS IN → · GETS BACK ←   round trip {ratio} ", ratio=report.ratio)))
        for p in report.pairings:
            lines.append(
                _party_heading(
                    p.key,
                    p.name,
                    p.ratio,
                    tr("in {amount}", amount=p.invested_total.text),
                    tr("back {amount}", amount=p.back_total.text),
                )
            )
            lines += _deals(p.invested, "→")
            lines += _deals(p.back, "←")
    sections: list[tuple[str, list[Group], str]] = [  # what it owes first: a lab's obligations
        (tr(" MUST PAY →   {amount} ", amount=report.owed.text), report.owes, "→"),
        (tr(" FUNDED BY ←   {amount} ", amount=report.funding.text), report.funded_by, "←"),
        (tr(" PAID BY (no investment back) ← "), report.paid_by, "←"),
        (tr(" OTHER TIES (listed, not added) "), report.other, "·"),
    ]
    for title, groups, arrow in sections:
        if not groups:
            continue
        lines.append(_heading(title))
        for group in groups:
            parts = [group.total.text] if group.rows else []
            if group.tied:
                parts.append(
                    tr_n(
                        "{mark} {n} funding deal(s) to be spent on it, not added",
                        "{mark} {n} funding deal(s) to be spent on it, not added",
                        len(group.tied),
                        mark=TIED,
                    )
                )
            lines.append(_party_heading(group.key, group.name, *parts))
            lines += _deals(group.rows, arrow)
            lines += _deals(group.tied, "←")  # marked ↺: funding received, to be spent back
    if not lines:
        before, _, after = tr("No deals name {name}.").partition("{name}")
        lines.append((Text.assemble(before, literal(report.name), after), ""))
    return lines


def summary(report: PartyReport) -> Text:
    """Two lines above the report: the party and its totals, then how to read the marks."""
    parts = []
    if report.pairings:
        parts.append(
            tr(
                "round trip {ratio}: invested {invested} · back {back}",
                ratio=report.ratio,
                invested=report.invested.text,
                back=report.back.text,
            )
        )
    if report.owes:
        parts.append(tr("owes {amount}", amount=report.owed.text))
    if report.funded_by:
        parts.append(tr("funded {amount}", amount=report.funding.text))
    text = Text.assemble(
        literal(report.name, "bold"),
        "  ",
        " │ ".join(parts) or tr("no money in or out"),
        no_wrap=True,
        overflow="ellipsis",
        end="",
    )
    unit = tr("USD billions as announced") if unit_label() == "$B" else tr("亿美元, as announced")
    text.append(
        "\n"
        + tr(
            "{unit} · {inside} inside another row, not added · {tied} tied funding",
            unit=unit,
            inside=NOT_COUNTED,
            tied=TIED,
        ),
        "dim",
    )
    return text


class PartyList(DealList):
    """Every party, largest flows first; moving the cursor shows that party."""

    DEFAULT_CSS = """
    PartyList {
        width: 18;
        height: 1fr;
        border-right: solid $primary-darken-2;
        &:focus { border: none; border-right: solid $accent; }
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """


class PartyReportList(DealList):
    """The chosen party's deals, grouped by the other party; Enter on a deal opens its source."""

    DEFAULT_CSS = """
    PartyReportList {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """


class PartyView(Vertical):
    """Party list on the left; on the right its summary, report and the highlighted deal's facts."""

    DEFAULT_CSS = """
    PartyView {
        height: 1fr;
        #party-summary { height: 2; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
        #party-main { width: 1fr; }
    }
    """

    class DealChosen(Message):
        """Enter on a deal line: the screen opens its source."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ledger: Ledger | None = None
        self.dataset: Dataset | None = None
        self.party: str | None = None  # the key shown
        self._keys: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield PartyList(id="party-list")
            with Vertical(id="party-main"):
                yield Static("", id="party-summary", markup=False)
                yield PartyReportList(id="party-report")
                yield DealDetail(id="party-detail")

    def show_ledger(self, ledger: Ledger, dataset: Dataset) -> None:
        """New data: list the parties again and redraw the chosen one (or the largest)."""
        self.ledger, self.dataset = ledger, dataset
        self._keys = ledger.party_keys()
        parties = self.query_one(PartyList)
        with parties.prevent(OptionList.OptionHighlighted):
            parties.set_lines([(literal(ledger.name(k)), f"party:{k}") for k in self._keys])
        key = self.party if self.party in self._keys else (self._keys[0] if self._keys else None)
        self.show_party(key)

    def show_party(self, key: str | None, *, deal: int | None = None) -> None:
        """Show one party's report, with the cursor on `deal` when it is listed."""
        if self.ledger is None:
            return
        self.party = key
        parties = self.query_one(PartyList)
        if key in self._keys:
            with parties.prevent(OptionList.OptionHighlighted):
                parties.highlighted = self._keys.index(key)
        report_list = self.query_one(PartyReportList)
        if key is None:
            self.query_one("#party-summary", Static).update(Text(tr("No deals loaded."), style="dim"))
            report_list.clear_options()
            self._show_detail()
            return
        report = party_report(self.ledger, key)
        self.query_one("#party-summary", Static).update(summary(report))
        with report_list.prevent(OptionList.OptionHighlighted):
            report_list.set_lines(report_lines(report))
            first_deal = next((t for t in report_list.targets if t.startswith("deal:")), None)
            report_list.highlight_target(f"deal:{deal}" if deal is not None else first_deal)
        self._show_detail()

    def current_deal(self) -> int | None:
        """The ledger index of the highlighted deal line."""
        return self.query_one(PartyReportList).highlighted_deal()

    def _show_detail(self) -> None:
        index = self.current_deal()
        row = self.ledger.rows[index] if self.ledger is not None and index is not None else None
        self.query_one(DealDetail).show_deal(row, self.ledger, self.dataset)

    @on(OptionList.OptionHighlighted, "#party-list")
    def _party_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Browsing the party list shows each party as the cursor reaches it."""
        event.stop()
        target = self.query_one(PartyList).target_at(event.option_index)
        if target:
            self.show_party(target.removeprefix("party:"))

    @on(OptionList.OptionSelected, "#party-list")
    def _party_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a party moves into its report."""
        event.stop()
        self.query_one(PartyReportList).focus()

    @on(OptionList.OptionHighlighted, "#party-report")
    def _line_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the facts of the deal under the cursor."""
        event.stop()
        self._show_detail()

    @on(OptionList.OptionSelected, "#party-report")
    def _line_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a deal opens its source; on another party's heading, shows that party."""
        event.stop()
        kind, _, value = self.query_one(PartyReportList).target_at(event.option_index).partition(":")
        if kind == "deal":
            self.post_message(self.DealChosen(int(value)))
        elif kind == "party":
            self.show_party(value)
