"""A virtual table of rich cells whose rows stand for items (figures, quotes): the detail's tables.

Each row is drawn when it comes into view, once per width, from cells given as `Text` (their
colours kept) or plain strings (shown literally, never read as markup). Textual's `DataTable`
rendered each cell through Rich as a table was first drawn: 20–50 ms for a company's periods, a
stall as the data arrived. Columns fit their widest cell (a column given a width keeps it); a
table wider than its pane scrolls sideways (←/→).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.strip import Strip

from workbench.core.i18n import N_, tr
from workbench.core.output.literal import printable
from workbench.core.output.numbers import unit_label
from workbench.ui.widgets.virtual_table import VirtualList, cursor_bindings

Item = TypeVar("Item")
GAP = 2  # cells between columns


def _cell_key(cell: Any) -> Any:
    """What a cell shows: a Text's words, styles and alignment (Text's own == ignores its style)."""
    if isinstance(cell, Text):
        return (cell.plain, str(cell.style), tuple(cell.spans), cell.justify)
    return cell


def _as_text(cell: Any) -> Text:
    """A cell as one line of Text, shown literally: control characters and line breaks made
    visible, in a string or in a Text (which then keeps its style, not its spans)."""
    if isinstance(cell, Text):
        shown = printable(cell.plain, one_line=True)
        return cell if shown == cell.plain else Text(shown, style=cell.style, justify=cell.justify, end="")
    return Text(printable(str(cell), one_line=True), end="")


class ItemTable(VirtualList, Generic[Item]):
    """A row-cursor table whose rows stand for items; vim keys; `Selected` on Enter."""

    BINDING_GROUP_TITLE = N_("Table")
    BINDINGS = [
        *cursor_bindings("capex.table"),
        Binding("enter", "select", N_("Open"), id="capex.table.open", show=False),
        Binding("left", "scroll_left", N_("Scroll Left"), id="capex.table.left", show=False),
        Binding("right", "scroll_right", N_("Scroll Right"), id="capex.table.right", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"item-table--header", "item-table--cursor"}
    DEFAULT_CSS = """
    ItemTable { height: 1fr; scrollbar-size-vertical: 1; scrollbar-size-horizontal: 1; }
    ItemTable > .item-table--header { text-style: bold; background: $panel; }
    ItemTable > .item-table--cursor { background: $surface-lighten-1; }
    ItemTable:focus > .item-table--cursor { background: $accent 40%; }
    """
    header_lines = 1
    empty_text = N_("Nothing to show.")  # subclasses' texts are marked for the catalogue: tr() where drawn

    class Highlighted(VirtualList.Highlighted):
        """The cursor moved to another row."""

    class Selected(VirtualList.Selected):
        """Enter, or a click on the row under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Item | None] = []
        self._headers: list[Text] = []
        self._rows: list[list[Text]] = []
        self._widths: list[int] = []
        self._right: list[bool] = []
        self._lines: dict[tuple[int, bool], Strip] = {}  # drawn rows, by (position, under the cursor)
        self._shown: tuple = ()  # what `fill` last drew

    # --- filling ------------------------------------------------------------------------------

    def fill(
        self,
        columns: Sequence[str],
        rows: Sequence[tuple[Item | None, Sequence[Any]]],
        widths: dict[str, int] | None = None,
        right_aligned: Collection[str] = (),
    ) -> None:
        """Replace the whole table; each row is (item or None, cells); `widths` fixes some columns'
        widths; number columns (`$B`, `vs…`, `Index`, or named in `right_aligned`) are right-aligned.

        The same rows again leave the table as it is, its cursor included."""
        shown = (
            tuple(columns),
            tuple(sorted((widths or {}).items())),
            tuple(sorted(right_aligned)),
            tuple(tuple(_cell_key(c) for c in cells) for _, cells in rows) or tr(self.empty_text),
        )
        self.items = [item for item, _ in rows] or [None]
        if shown == self._shown:
            return  # e.g. the same figures, loaded again
        self._shown = shown
        unit = unit_label()
        self._right = [
            "$B" in label or unit in label or label.startswith(("vs", "Δ", "Index")) or label in right_aligned
            for label in columns
        ]
        self._headers = [Text(printable(label, one_line=True), end="") for label in columns]
        self._rows = [[_as_text(cell) for cell in cells] for _, cells in rows]
        if not rows:  # one row that says why there is none (no item under the cursor)
            self._rows = [[Text(tr(self.empty_text), style="italic dim", end="")] + [Text("")] * (len(columns) - 1)]
        self._widths = [
            (widths or {}).get(label)
            or max([cell_len(header.plain)] + [cell_len(row[i].plain) for row in self._rows if i < len(row)])
            for i, (label, header) in enumerate(zip(columns, self._headers, strict=True))
        ]
        self._lines = {}
        self.scroll_to(x=0, y=0, animate=False, immediate=True)
        self.rows_changed()
        self.move_cursor(0)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def row_at(self, position: int) -> Any:
        return self.items[position] if 0 <= position < len(self.items) else None

    @property
    def current(self) -> Item | None:
        """The item under the cursor, if any."""
        cursor = self.cursor
        return self.items[cursor] if cursor is not None and cursor < len(self.items) else None

    @property
    def cursor_row(self) -> int:
        """The row under the cursor (0 when there is none, as in a DataTable)."""
        return self.cursor or 0

    @property
    def headers(self) -> list[str]:
        """The column titles, as shown."""
        return [header.plain for header in self._headers]

    def get_row_at(self, position: int) -> list[Text]:
        """The cells of row `position` as shown."""
        return list(self._rows[position])

    def content_width(self) -> int:
        """Every column's width and gap, and the lead cell: a wider table scrolls sideways."""
        return sum(self._widths) + GAP * len(self._widths) + 1

    # --- drawing ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = {}

    def move_cursor(self, position: int | None = None, announce: bool = True, *, row: int | None = None) -> None:
        """Put the cursor on a row (`row=` as a DataTable takes it)."""
        super().move_cursor(row if row is not None else position, announce)

    def _line(self, cells: Sequence[Text], base: Style) -> Strip:
        """One line of cells, each fitted to its column, from the table's left edge."""
        console = self.app.console
        segments = [Segment(" ", base)]
        for cell, width, right in zip(cells, self._widths, self._right, strict=False):
            text = cell.copy()
            text.truncate(width, overflow="ellipsis")
            room = width - cell_len(text.plain)
            if right or text.justify == "right":
                text.pad_left(room)
            else:
                text.pad_right(room)
            text.pad_right(GAP)
            segments += [Segment(s.text, base + s.style if s.style else base) for s in text.render(console) if s.text]
        return Strip(segments)

    def _fitted(self, strip: Strip, width: int, base: Style) -> Strip:
        x = self.scroll_offset.x
        return (strip.crop(x, x + width) if x else strip).adjust_cell_length(width, base)

    def render_header(self, y: int, width: int) -> Strip:
        base = self.get_component_rich_style("item-table--header")
        return self._fitted(self._line(self._headers, base), width, base)

    def render_row(self, position: int, is_cursor: bool, width: int) -> Strip:
        line = self._lines.get((position, is_cursor))
        base = self.rich_style + self.get_component_rich_style("item-table--cursor") if is_cursor else self.rich_style
        if line is None:
            line = self._lines[(position, is_cursor)] = self._line(self._rows[position], base)
        return self._fitted(line, width, base)

    def action_scroll_left(self) -> None:
        self.scroll_relative(x=-8, animate=False)

    def action_scroll_right(self) -> None:
        self.scroll_relative(x=8, animate=False)
