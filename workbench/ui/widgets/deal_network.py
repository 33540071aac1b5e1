"""Who is tied to whom: each paying party, then the parties it pays, with amounts, in one list."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList

from workbench.core.deals.ledger import Ledger
from workbench.core.deals.views import Node, network
from workbench.core.i18n import N_, tr, tr_n
from workbench.core.output.numbers import unit_label
from workbench.ui.safe_text import literal
from workbench.ui.widgets.deal_common import DealList, cell

FLOW_WORDS = {"capital": N_("invests"), "spend": N_("commits"), "other": N_("other·")}


def legend() -> str:
    """The line above the network: what the arrows and words mean, and the unit."""
    return tr(
        "→ pays  ⇄ both ways (circular)  {other} not added  {unit}  Enter: party",
        other=tr(FLOW_WORDS["other"]),
        unit=tr("USD bn") if unit_label() == "$B" else unit_label(),
    )


def node_lines(nodes: list[Node], ledger: Ledger) -> list[tuple[Text, str]]:
    """A heading per paying party (`OpenAI  pays $610.40B · receives $163.35B`), then its edges."""
    lines = [(Text(legend(), style="dim"), "")]
    for node in nodes:
        lines.append(
            (
                Text.assemble(
                    literal(node.name, "bold underline"),
                    "  ",
                    tr("pays {paid} · receives {received}", paid=node.out.text, received=node.into.text),
                    end="",
                ),
                f"party:{node.key}",
            )
        )
        for edge in node.edges:
            arrow = "⇄" if edge.circular else "→"
            line = Text.assemble(
                f"  {arrow} ",
                cell(ledger.name(edge.recipient), 14, style="bold"),
                " ",
                cell(tr(FLOW_WORDS[edge.flow]) if edge.flow in FLOW_WORDS else edge.flow, 7),
                " ",
                cell(edge.total.text, 26, right=True),
                "  ",
                tr_n("{n} deal", "{n} deals", len(edge.rows)),
                end="",
            )
            lines.append((line, f"party:{edge.recipient}"))
    if len(lines) == 1:
        lines.append((Text(tr("No deals."), style="dim"), ""))
    return lines


class DealNetwork(DealList):
    """The network as an adjacency list; Enter on a party or an edge opens that party's view."""

    DEFAULT_CSS = """
    DealNetwork {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    class PartyChosen(Message):
        """Enter on a heading or an edge: show the party it names."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def show_ledger(self, ledger: Ledger) -> None:
        """Redraw from a new ledger, keeping the cursor where it was when possible."""
        keep = self.highlighted_id()
        self.set_lines(node_lines(network(ledger), ledger))
        self.highlight_target(keep or None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: ask the screen to show the party of the line."""
        event.stop()
        target = self.target_at(event.option_index)
        if target:
            self.post_message(self.PartyChosen(target.removeprefix("party:")))
