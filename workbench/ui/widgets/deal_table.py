"""The deal ledger table: one row per deal, every cell literal, amounts right-aligned in USD billions."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from workbench.core.deals import Ledger, LedgerRow, term
from workbench.ui.widgets.deal_common import cell, kind_label, mark, source_label, status_label

# (key, header, width, right-aligned): the first six fit 80 columns; the rest scroll into view.
COLUMNS = (
    ("mark", "", 1, False),
    ("investor", "Investor", 13, False),
    ("counterparty", "Counterparty", 13, False),
    ("kind", "Kind", 8, False),
    ("amount", "Amount $B", 12, True),
    ("announced", "Announced", 10, False),
    ("term", "Term", 5, True),
    ("status", "Status", 9, False),
    ("confidence", "Confidence", 11, False),
    ("source", "Source", 36, False),
)


class DealTable(DataTable):
    """Deals in the order and filter the screen chose; Enter asks the screen to open the source."""

    DEFAULT_CSS = """
    DealTable {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="deals.table.down"),
        Binding("k", "cursor_up", "Up", show=False, id="deals.table.up"),
        Binding("g", "scroll_top", "First", show=False, id="deals.table.first"),
        Binding("G", "scroll_bottom", "Last", show=False, id="deals.table.last"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.row_indexes: list[int] = []  # ledger index of each table row, in display order

    def on_mount(self) -> None:
        """Add the fixed columns once."""
        for key, header, width, right in COLUMNS:
            self.add_column(Text(header, justify="right" if right else "left"), width=width, key=key)

    def show_rows(self, ledger: Ledger, rows: list[LedgerRow]) -> None:
        """Replace the rows, keeping the cursor on the same deal when it is still listed."""
        current = self.current_index()
        self.clear()
        self.row_indexes = [row.index for row in rows]
        self.add_rows(_cells(ledger, row) for row in rows)
        if current in self.row_indexes:
            self.move_cursor(row=self.row_indexes.index(current), animate=False, scroll=True)

    def current_index(self) -> int | None:
        """The ledger index of the deal under the cursor."""
        if not self.row_indexes or not 0 <= self.cursor_row < len(self.row_indexes):
            return None
        return self.row_indexes[self.cursor_row]


def _cells(ledger: Ledger, row: LedgerRow) -> tuple[Text, ...]:
    deal = row.deal
    dim = "dim" if not row.counted else ""
    widths = {key: width for key, _, width, _ in COLUMNS}
    return (
        Text(mark(row)),
        cell(deal.investor, widths["investor"]),
        cell(deal.counterparty, widths["counterparty"]),
        cell(kind_label(deal.kind), widths["kind"]),
        cell(row.amount.text, widths["amount"], right=True, style=dim),
        Text(deal.announced.isoformat()),
        cell(term(deal.years), widths["term"], right=True),
        cell(status_label(deal.status), widths["status"]),
        cell(row.confidence or "—", widths["confidence"]),
        cell(source_label(row), widths["source"]),
    )
