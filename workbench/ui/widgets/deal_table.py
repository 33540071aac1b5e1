"""The deal ledger table: a virtual table (only visible lines are drawn), every cell literal, amounts right-aligned."""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.core.deals import Ledger, LedgerRow, term
from workbench.core.literal import printable
from workbench.ui.widgets.deal_common import cell, kind_label, mark, source_label, status_label


@dataclass(frozen=True, slots=True)
class DealColumn:
    """A ledger column: header, width (0 = what is left), alignment, and the table width it needs."""

    key: str
    label: str
    width: int
    right: bool = False
    min_table_width: int = 0


# At 80 columns: the parties, kind, amount, date, term and status; wider shows confidence, then source.
COLUMNS = (
    DealColumn("mark", "", 1),
    DealColumn("investor", "Investor", 13),
    DealColumn("counterparty", "Counterparty", 13),
    DealColumn("kind", "Kind", 8),
    DealColumn("amount", "Amount $B", 12, right=True),
    DealColumn("announced", "Announced", 10),
    DealColumn("term", "Term", 4, right=True),
    DealColumn("status", "Status", 9),
    DealColumn("confidence", "Confidence", 11, min_table_width=100),
    DealColumn("source", "Source", 0, min_table_width=112),
)


def _cell_text(row: LedgerRow, key: str) -> str:
    deal = row.deal
    return {
        "mark": mark(row), "investor": deal.investor, "counterparty": deal.counterparty,
        "kind": kind_label(deal.kind), "amount": row.amount.text, "announced": deal.announced.isoformat(),
        "term": term(deal.years), "status": status_label(deal.status), "confidence": row.confidence or "—",
        "source": source_label(row),
    }[key]


class DealTable(ScrollView, can_focus=True):
    """Deals in the order and filter the screen chose; Enter asks the screen to open the source."""

    BINDINGS = [
        Binding("enter", "select", "Source", id="deals.table.open", show=False, tooltip="Open the deal's source"),
        Binding("j,down", "cursor(1)", "Down", id="deals.table.down", show=False),
        Binding("k,up", "cursor(-1)", "Up", id="deals.table.up", show=False),
        Binding("g,home", "jump(0)", "First", id="deals.table.first", show=False),
        Binding("G,end", "jump(-1)", "Last", id="deals.table.last", show=False),
        Binding("pagedown", "page(1)", "Page down", id="deals.table.page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="deals.table.page_up", show=False),
    ]
    COMPONENT_CLASSES = {"deal-table--header", "deal-table--sorted", "deal-table--cursor", "deal-table--muted"}
    DEFAULT_CSS = """
    DealTable { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }
    DealTable > .deal-table--header { text-style: bold; background: $panel; }
    DealTable > .deal-table--sorted { text-style: bold underline; background: $panel; }
    DealTable > .deal-table--cursor { background: $surface-lighten-1; text-style: bold; }
    DealTable:focus > .deal-table--cursor { background: $accent 40%; }
    DealTable > .deal-table--muted { color: $text-muted; }
    """

    class Highlighted(Message):
        """The cursor moved to another deal (None when the table is empty)."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    class Selected(Message):
        """Enter (or a second click) on a deal."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    cursor: reactive[int] = reactive(0, repaint=False, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.rows: list[LedgerRow] = []
        self.sort_key = "announced"
        self.descending = True
        self.empty_text = "Loading…"
        self._lines: dict[int, tuple[list[tuple[str, str]], bool]] = {}  # ledger index -> cells, muted
        self._columns: list[tuple[DealColumn, int]] = []
        self._laid_out_for = -1

    @property
    def row_indexes(self) -> list[int]:
        """The ledger index of each row, in display order."""
        return [row.index for row in self.rows]

    def show_rows(self, ledger: Ledger, rows: list[LedgerRow], sort_key: str, descending: bool) -> None:
        """Replace the rows, keeping the cursor on the same deal when it is still listed."""
        keep = self.current_index()
        self.rows, self.sort_key, self.descending = rows, sort_key, descending
        self._lines = {}
        self.empty_text = "No deals match the filter." if ledger.rows else "No deals in this data."
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.cursor = next((i for i, row in enumerate(rows) if row.index == keep), 0)
        self.refresh()

    def current_index(self) -> int | None:
        """The ledger index of the deal under the cursor."""
        return self.rows[self.cursor].index if 0 <= self.cursor < len(self.rows) else None

    def row_text(self, position: int) -> str:
        """The text of a row as shown (control characters made visible), every column, uncut."""
        return " ".join(text for _, text in self._cells(self.rows[position])[0])

    # --- cursor and scrolling ------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        """Keep the cursor visible, redraw, and tell the screen which deal it is on."""
        page = max(1, self.scrollable_content_region.height - 1)
        if new < self.scroll_y:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= self.scroll_y + page:
            self.scroll_to(y=new - page + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self.current_index()))

    def action_cursor(self, step: int) -> None:
        """Move the cursor up or down."""
        self.cursor += step

    def action_jump(self, where: int) -> None:
        """Go to the first (0) or last (-1) deal."""
        self.cursor = len(self.rows) - 1 if where < 0 else 0

    def action_page(self, direction: int) -> None:
        """Move a page up or down."""
        self.cursor += direction * max(1, self.scrollable_content_region.height - 2)

    def action_select(self) -> None:
        """Open the source of the deal under the cursor."""
        index = self.current_index()
        if index is not None:
            self.post_message(self.Selected(index))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor to a deal; a second click opens its source."""
        position = int(self.scroll_y) + event.y - 1
        if event.y > 0 and 0 <= position < len(self.rows):
            if position == self.cursor:
                self.action_select()
            else:
                self.cursor = position

    # --- drawing -------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Lay the columns out again for the new width."""
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)
        self._laid_out_for = -1

    def _layout(self, width: int) -> list[tuple[DealColumn, int]]:
        if width != self._laid_out_for:
            shown = [c for c in COLUMNS if width >= c.min_table_width]
            rest = width - sum(c.width for c in shown) - len(shown)  # one space before each column
            self._columns = [(c, c.width or max(rest, 1)) for c in shown]
            self._laid_out_for = width
        return self._columns

    def _cells(self, row: LedgerRow) -> tuple[list[tuple[str, str]], bool]:
        found = self._lines.get(row.index)
        if found is None:
            cells = [(c.key, printable(_cell_text(row, c.key), one_line=True)) for c in COLUMNS]
            found = self._lines[row.index] = (cells, not row.counted)
        return found

    def render_line(self, y: int) -> Strip:
        """Line 0 is the header (it never scrolls); the rest are deals from the scroll position."""
        width = self.scrollable_content_region.width
        columns = self._layout(width)
        if y == 0:
            return self._header(columns, width)
        position = int(self.scroll_y) + y - 1
        if position >= len(self.rows):
            if position == 0 and self.empty_text:
                muted = self.get_component_rich_style("deal-table--muted")
                return Strip([Segment(" " + self.empty_text, muted)]).adjust_cell_length(width, self.rich_style)
            return Strip.blank(width, self.rich_style)
        return self._row(self.rows[position], position == self.cursor, columns, width)

    def _header(self, columns: list[tuple[DealColumn, int]], width: int) -> Strip:
        base = self.get_component_rich_style("deal-table--header")
        sorted_style = self.get_component_rich_style("deal-table--sorted")
        segments = [Segment(" ", base)]
        for column, column_width in columns:
            label, style = column.label, base
            if column.key == self.sort_key:
                label, style = f"{label}{'▼' if self.descending else '▲'}", sorted_style
            segments += [Segment(cell(label, column_width, right=column.right).plain, style), Segment(" ", base)]
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

    def _row(self, row: LedgerRow, is_cursor: bool, columns: list[tuple[DealColumn, int]], width: int) -> Strip:
        base = self.rich_style
        if is_cursor:
            base = base + self.get_component_rich_style("deal-table--cursor")
        values, muted = self._cells(row)
        by_key = dict(values)
        # An amount counted in another row is dimmed; its ⊂ mark says so without colour.
        muted_style = base + Style(color=self.get_component_rich_style("deal-table--muted").color)
        segments = [Segment("▸" if is_cursor else " ", base)]  # the cursor shows without colour too
        for column, column_width in columns:
            style = muted_style if muted and column.key == "amount" else base
            segments += [Segment(cell(by_key[column.key], column_width, right=column.right).plain, style),
                         Segment(" ", base)]
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

    def notify_style_update(self) -> None:
        """Theme change: styles are looked up per line, so just redraw."""
        super().notify_style_update()
        self.refresh()
