"""The facts of one deal under the cursor: parties, amount with its basis, source, why not added, note."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from workbench.core.data.model import Dataset
from workbench.core.deals.ledger import Ledger, LedgerRow, term
from workbench.core.i18n import is_chinese, tr
from workbench.ui.safe_text import literal
from workbench.ui.widgets.deal_common import NOT_COUNTED, TIED, confidence_label, kind_label, status_label


def deal_facts(row: LedgerRow, ledger: Ledger, dataset: Dataset) -> Text:
    """Several short lines about a deal, every string from the data shown literally."""
    deal = row.deal
    text = Text(end="")
    text.append_text(literal(deal.investor, "bold"))
    text.append(" → ")
    text.append_text(literal(deal.counterparty, "bold"))
    text.append(f" · {kind_label(deal.kind)} · ")
    text.append_text(literal(row.amount.text, "bold"))
    text.append("（" if is_chinese() else " (")
    text.append_text(literal(row.amount.basis_label))
    text.append("）· " if is_chinese() else ") · ")
    text.append(tr("{date} · term {term}", date=deal.announced.isoformat(), term=term(deal.years)))
    text.append(" · ")
    text.append_text(literal(status_label(deal.status)))
    if row.confidence:
        text.append(tr(" · confidence "))
        text.append_text(literal(confidence_label(row.confidence)))
    if deal.provider:
        text.append(tr(" · spent with "))
        text.append_text(literal(deal.provider))
    text.append("\n")
    source = dataset.sources.get(deal.source)
    if deal.quote:
        text.append(tr("Quote "), "bold")
        text.append_text(literal(deal.quote, "italic"))
        text.append(tr(" in "))
    else:
        text.append(tr("Source "), "bold")
    text.append_text(literal(deal.source, "italic"))
    if source is not None:
        text.append(" — ")
        text.append_text(literal(source.title))
        text.append(f" ({source.published.isoformat()})")
    text.append(tr(" — Enter opens it") + "\n", "dim")
    if not row.counted:
        text.append(tr("{mark} Not added: ", mark=NOT_COUNTED), "bold")
        text.append_text(literal(row.why_not_counted_label))
        text.append("\n")
    elif row.tied:
        text.append(tr("{mark} Tied: ", mark=TIED), "bold")
        text.append_text(
            literal(tr("the funding is to be spent on {name}'s own cloud or chips", name=ledger.name(row.provider_key)))
        )
        text.append("\n")
    if deal.note:
        text.append_text(literal(deal.note, "italic"))
    text.rstrip()
    return text


class DealDetail(Static):
    """What the ledger knows about the highlighted deal, and where it comes from."""

    DEFAULT_CSS = """
    DealDetail {
        height: auto;
        max-height: 6;
        padding: 0 1;
        border-top: solid $primary-darken-2;
        overflow: hidden;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show_deal(self, row: LedgerRow | None, ledger: Ledger | None, dataset: Dataset | None) -> None:
        """Show a deal, or a hint when there is none."""
        if row is None or ledger is None or dataset is None:
            self.update(Text(tr("No deal selected."), style="dim"))
        else:
            self.update(deal_facts(row, ledger, dataset))
