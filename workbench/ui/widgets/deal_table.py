"""The deal ledger table: a virtual table (only visible lines are drawn), every cell literal, amounts right-aligned."""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from textual.binding import Binding

from workbench.core.deals.ledger import Ledger, LedgerRow, term
from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.output.literal import printable
from workbench.ui.widgets.deal_common import confidence_label, kind_label, mark, source_label, status_label
from workbench.ui.widgets.virtual_table import Column, RowMessage, VirtualTable, cursor_bindings

# The parties and amounts take the width their longest entries need (up to these widths), so at
# 80 columns the confidence fits too; the source takes what is left, once it has room to be read.
COLUMNS = (
    Column("mark", "", 1),
    Column("investor", N_("Investor"), 13),
    Column("counterparty", N_("Counterparty"), 13),
    Column("kind", N_("Kind"), 8),
    Column("amount", N_("Amount {unit}"), 12, right=True),  # the display unit: $B or 亿美元
    Column("announced", N_("Announced"), 10),
    Column("term", N_("Term"), 4, right=True),
    Column("status", N_("Status"), 9),
    Column("confidence", N_("Conf."), 7),
    Column("source", N_("Source"), 0),
)
FITTED = {"investor": 8, "counterparty": 8, "amount": 9, "status": 6, "confidence": 5}  # header widths
NARROW = 96  # below this the parties' names are cut at 10 cells (with …) so the confidence still fits


def _cell_texts(row: LedgerRow) -> dict[str, str]:
    deal = row.deal
    texts = {
        "mark": mark(row),
        "investor": deal.investor,
        "counterparty": deal.counterparty,
        "kind": kind_label(deal.kind),
        "amount": row.amount.text,
        "announced": deal.announced.isoformat(),
        "term": term(deal.years),
        "status": status_label(deal.status),
        "confidence": confidence_label(row.confidence, short=True) or "—",
        "source": source_label(row),
    }
    return {key: printable(text, one_line=True) for key, text in texts.items()}


def _ledger_index(message: RowMessage) -> int | None:
    """The ledger index of the deal a message is about."""
    return message.row.index if message.row is not None else None


class DealTable(VirtualTable):
    """Deals in the order and filter the screen chose; Enter asks the screen to open the source."""

    COLUMNS = COLUMNS
    FLEX_MIN = 12  # the source column; narrower, it is dropped, then the confidence
    DROP_WHEN_NARROW = ("source", "confidence")
    BINDINGS = [
        Binding(
            "enter", "select", N_("Source"), id="deals.table.open", show=False, tooltip=N_("Open the deal's source")
        ),
        *cursor_bindings("deals.table"),
    ]

    class Highlighted(VirtualTable.Highlighted):
        """The cursor moved to another deal (index None when the table is empty)."""

        index = property(_ledger_index)

    class Selected(VirtualTable.Selected):
        """Enter (or a second click) on a deal."""

        index = property(_ledger_index)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[LedgerRow] = []
        self.sort_key = "announced"
        self.descending = True

    @property
    def row_indexes(self) -> list[int]:
        """The ledger index of each row, in display order."""
        return [row.index for row in self.rows]

    def show_rows(self, ledger: Ledger, rows: list[LedgerRow], sort_key: str, descending: bool) -> None:
        """Replace the rows, keeping the cursor on the same deal when it is still listed."""
        keep = self.current_index()
        self.rows, self.sort_key, self.descending = rows, sort_key, descending
        self.forget_rows()
        self.empty_text = tr("No deals match the filter.") if ledger.rows else tr("No deals in this data.")
        self.rows_changed()
        self.cursor = next((i for i, row in enumerate(rows) if row.index == keep), 0)

    def current_index(self) -> int | None:
        """The ledger index of the deal under the cursor."""
        row = self.current_row
        return row.index if row is not None else None

    def row_text(self, position: int) -> str:
        """The text of a row as shown (control characters made visible), every column, uncut."""
        return " ".join(self.cells(self.rows[position]).values())

    def row_key(self, row: LedgerRow) -> int:
        return row.index

    def row_cells(self, row: LedgerRow) -> dict[str, str]:
        return _cell_texts(row)

    def column_widths(self) -> dict[str, int]:
        """Parties, amounts, status and confidence as wide as their longest entry (first 500 rows)."""
        widths = dict(FITTED)
        limits = {c.key: c.width for c in COLUMNS}
        if is_chinese():  # the headers' own widths (two cells a character), within the limits
            widths = {c.key: min(c.width, cell_len(self.column_label(c))) for c in COLUMNS if c.key in FITTED}
        if self.scrollable_content_region.width < NARROW:
            limits.update(investor=10, counterparty=10)
        if is_chinese():  # `3.5年`: a term takes a cell more than `3.5y`
            widths["term"] = cell_len(self.column_label(next(c for c in COLUMNS if c.key == "term")))
            limits["term"] = 6
        for row in self.rows[:500]:
            cells = self.cells(row)
            for key in widths:
                widths[key] = min(limits[key], max(widths[key], cell_len(cells[key])))
        return widths

    def cell_style(self, row: LedgerRow, key: str, text: str) -> Style | None:
        """An amount counted in another row is dimmed; its ⊂ mark says so without colour."""
        if key == "amount" and not row.counted:
            return Style(color=self.component_style("virtual-table--muted").color)
        return None
