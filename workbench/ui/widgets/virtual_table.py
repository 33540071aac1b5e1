"""Virtual lists and tables: only the visible lines are drawn, so thousands of rows stay quick.

`VirtualList` owns the cursor (j/k/g/G/Home/End/PgUp/PgDn, mouse click, kept in view) and
draws rows through `render_row`; `VirtualTable` adds fitted columns, a header line with the
sort arrow, and a cursor mark (▸) that shows without colour.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.core.i18n import N_, tr
from workbench.core.output.numbers import unit_label


def cursor_bindings(prefix: str) -> list[Binding]:
    """The cursor keys, with ids `<prefix>.down`, `.up`, `.first`, `.last`, `.page_down`, `.page_up`."""
    return [
        Binding("j,down", "cursor(1)", N_("Down"), id=f"{prefix}.down", show=False),
        Binding("k,up", "cursor(-1)", N_("Up"), id=f"{prefix}.up", show=False),
        Binding("g,home", "jump(0)", N_("First"), id=f"{prefix}.first", show=False),
        Binding("G,end", "jump(-1)", N_("Last"), id=f"{prefix}.last", show=False),
        Binding("pagedown", "page(1)", N_("Page down"), id=f"{prefix}.page_down", show=False),
        Binding("pageup", "page(-1)", N_("Page up"), id=f"{prefix}.page_up", show=False),
    ]


def fit(text: str, width: int, right: bool = False) -> str:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis (CJK-aware)."""
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + "…" if width else ""
    padding = " " * (width - cell_len(text))
    return padding + text if right else text + padding


class RowMessage(Message):
    """About the row at `position` of a virtual list (None: no row); `row` is that row as it was then."""

    def __init__(self, virtual_list: VirtualList, position: int | None) -> None:
        super().__init__()
        self.virtual_list = virtual_list
        self.position = position
        self.row = virtual_list.row_at(position) if position is not None else None

    @property
    def control(self) -> VirtualList:
        return self.virtual_list


class VirtualList(ScrollView, can_focus=True):
    """Rows drawn one line at a time by `render_row`, under `header_lines` fixed lines, with a cursor.

    Subclasses say how many rows there are (`row_count`) and call `rows_changed()` when that changes;
    their own `Highlighted` and `Selected` messages subclass these.
    """

    header_lines: ClassVar[int] = 0

    class Highlighted(RowMessage):
        """The cursor moved to another row (or to none: the list is empty)."""

    class Selected(RowMessage):
        """Enter, or a click on the row already under the cursor."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._cursor: int | None = None

    @property
    def row_count(self) -> int:
        """How many rows there are (subclasses say)."""
        return 0

    def row_at(self, position: int) -> Any:
        """What a message says row `position` is (its position, unless a subclass has row objects)."""
        return position

    def render_row(self, position: int, is_cursor: bool, width: int) -> Strip:
        """The line of row `position` (subclasses draw it)."""
        return Strip.blank(width, self.rich_style)

    def render_header(self, y: int, width: int) -> Strip:
        """Fixed line `y` above the rows (subclasses with `header_lines` draw it)."""
        return Strip.blank(width, self.rich_style)

    def render_empty(self, width: int) -> Strip:
        """The first row's line when there are no rows."""
        return Strip.blank(width, self.rich_style)

    def content_width(self) -> int:
        """How wide the rows are: the view's width (a subclass whose rows are wider scrolls sideways)."""
        return self.scrollable_content_region.width

    def rows_changed(self) -> None:
        """The rows changed: fit the scroll range to them and redraw (the cursor is the caller's to place)."""
        self._fit_scroll_range()
        self.refresh()

    def _fit_scroll_range(self) -> None:
        self.virtual_size = Size(self.content_width(), self.row_count + self.header_lines)

    # --- the cursor ---------------------------------------------------------------------------

    @property
    def cursor(self) -> int | None:
        """The row under the cursor (None when there is none)."""
        return self._cursor

    @cursor.setter
    def cursor(self, position: int | None) -> None:
        self.move_cursor(position)

    @property
    def visible_rows(self) -> int:
        """How many rows fit below the header."""
        return max(1, self.scrollable_content_region.height - self.header_lines)

    def move_cursor(self, position: int | None, announce: bool = True) -> None:
        """Put the cursor on a row (clamped; None for none), keep it in view, and post Highlighted if `announce`."""
        count = self.row_count
        if position is not None:
            position = max(0, min(position, count - 1)) if count else None
        if position != self._cursor:
            # Only the two rows redrawn: a whole list of rows drawn again took 7–13 ms a key.
            self.refresh_row(self._cursor)
            self._cursor = position
            self.refresh_row(position)
        if position is not None:
            top, page = self.scroll_offset.y, self.visible_rows
            if position < top:
                self.scroll_to(y=position, animate=False, immediate=True, force=True)
            elif position >= top + page:
                self.scroll_to(y=position - page + 1, animate=False, immediate=True, force=True)
        if announce:
            self.post_message(self.Highlighted(self, position))

    def refresh_row(self, position: int | None) -> None:
        """Draw row `position` again (if it is a row)."""
        if position is not None:
            self.refresh_line(position + self.header_lines)

    def action_cursor(self, step: int) -> None:
        """Move the cursor up or down."""
        if self.row_count:
            self.cursor = 0 if self._cursor is None else self._cursor + step

    def action_jump(self, where: int) -> None:
        """Go to the first (0) or last (-1) row."""
        if self.row_count:
            self.cursor = self.row_count - 1 if where < 0 else 0

    def action_page(self, direction: int) -> None:
        """Move a page up or down."""
        self.action_cursor(direction * max(1, self.visible_rows - 1))

    def action_select(self) -> None:
        """Open the row under the cursor."""
        if self._cursor is not None:
            self.post_message(self.Selected(self, self._cursor))

    def on_click(self, event: events.Click) -> None:
        """A click on a row moves the cursor there (or opens it: `row_clicked`); on the header, `header_clicked`."""
        if event.y < self.header_lines:
            self.header_clicked(event.x)
            return
        position = self.scroll_offset.y + event.y - self.header_lines
        if 0 <= position < self.row_count:
            self.row_clicked(position)

    def row_clicked(self, position: int) -> None:
        """Move the cursor to a row; a second click opens it."""
        if position == self._cursor:
            self.action_select()
        else:
            self.cursor = position

    def header_clicked(self, x: int) -> None:
        """A click on the header (nothing by default)."""

    # --- drawing -------------------------------------------------------------------------------

    def on_resize(self) -> None:
        """Keep the scroll range in step with the width."""
        self._fit_scroll_range()

    def render_line(self, y: int) -> Strip:
        """The header lines never scroll; below them, rows from the scroll position."""
        width = self.scrollable_content_region.width
        if y < self.header_lines:
            return self.render_header(y, width)
        position = self.scroll_offset.y + y - self.header_lines
        if position < self.row_count:
            return self.render_row(position, position == self._cursor, width)
        if position == 0:
            return self.render_empty(width)
        return Strip.blank(width, self.rich_style)

    def notify_style_update(self) -> None:
        """Theme change: styles are looked up per line, so just redraw."""
        super().notify_style_update()
        self.refresh()


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its key, header, width (0 = what is left), alignment, and the table width it needs."""

    key: str
    label: str
    width: int
    right: bool = False
    min_table_width: int = 0  # shown only when the table is at least this wide


class VirtualTable(VirtualList):
    """A virtual table: `rows` drawn as fitted `COLUMNS` under a header line that shows the sort order.

    Each row's cell texts come from `row_cells` (cached per `row_key`); `cell_style` and `lead`
    colour and mark them. One column may have width 0: it takes what is left, at least
    `FLEX_MIN`, dropping the columns in `DROP_WHEN_NARROW` (in order) when it would be narrower.
    """

    COLUMNS: ClassVar[Sequence[Column]] = ()
    FLEX_MIN: ClassVar[int] = 1
    DROP_WHEN_NARROW: ClassVar[Sequence[str]] = ()
    header_lines = 1
    sort_key = ""
    descending = True

    COMPONENT_CLASSES = {
        "virtual-table--header",
        "virtual-table--sorted",
        "virtual-table--cursor",
        "virtual-table--muted",
        "virtual-table--empty",
    }
    DEFAULT_CSS = """
    VirtualTable { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }
    VirtualTable > .virtual-table--header { text-style: bold; background: $panel; }
    VirtualTable > .virtual-table--sorted { text-style: bold underline; background: $panel; }
    VirtualTable > .virtual-table--cursor { background: $surface-lighten-1; text-style: bold; }
    VirtualTable:focus > .virtual-table--cursor { background: $accent 40%; }
    VirtualTable > .virtual-table--muted { color: $text-muted; }
    VirtualTable > .virtual-table--empty { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Any] = []
        self.empty_text = tr("Loading…")
        self._cells: dict[Hashable, dict[str, str]] = {}
        self._columns: list[tuple[Column, int]] = []
        self._laid_out_for = -1

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def row_at(self, position: int) -> Any:
        return self.rows[position]

    @property
    def current_row(self) -> Any | None:
        """The row under the cursor, if any."""
        return self.rows[self.cursor] if self.cursor is not None and self.cursor < len(self.rows) else None

    def row_key(self, row: Any) -> Hashable:
        """What the cell cache knows a row by (subclasses with unhashable rows say)."""
        return row

    def row_cells(self, row: Any) -> dict[str, str]:
        """A row's text per column key, one line, control characters made visible (subclasses say)."""
        return {}

    def cell_style(self, row: Any, key: str, text: str) -> Style | None:
        """An extra style for one cell (a colour, a dim), or None."""
        return None

    def lead(self, row: Any, is_cursor: bool) -> tuple[str, Style | None]:
        """The one-cell mark before the columns: ▸ on the cursor row, so it shows without colour."""
        return ("▸" if is_cursor else " "), None

    def column_widths(self) -> dict[str, int]:
        """Widths that depend on the rows (e.g. the longest ticker), by column key."""
        return {}

    def cells(self, row: Any) -> dict[str, str]:
        """`row_cells(row)`, made once until `forget_rows`."""
        key = self.row_key(row)
        found = self._cells.get(key)
        if found is None:
            found = self._cells[key] = self.row_cells(row)
        return found

    def forget_rows(self) -> None:
        """New data: make every row's cells and the column widths again."""
        self._cells = {}
        self._laid_out_for = -1

    def component_style(self, name: str) -> Style:
        """A component's colour and text style without its background (cells keep the cursor's)."""
        style = self.get_component_rich_style(name)
        return Style(color=style.color, bold=style.bold, italic=style.italic, underline=style.underline)

    # --- layout ------------------------------------------------------------------------------

    def on_resize(self) -> None:
        """Lay the columns out again for the new width."""
        self._laid_out_for = -1

    def columns(self, width: int) -> list[tuple[Column, int]]:
        """The columns shown at this width, each with its width (one cell of gap after each)."""
        if width == self._laid_out_for:
            return self._columns
        wanted = self.column_widths()
        shown = [c for c in self.COLUMNS if width >= c.min_table_width]
        flexible = next((c for c in shown if c.width == 0), None)
        widths = {c.key: wanted.get(c.key, c.width) for c in shown}
        # 1 for the lead mark, 1 gap after each column (a flexible last column may use its gap)
        rest = width - 1 - sum(widths.values()) - len(shown) + (shown[-1] is flexible if shown else 0)
        for key in self.DROP_WHEN_NARROW:
            # Until the flexible column has FLEX_MIN cells; once it is dropped itself, until the rest fit.
            if flexible is None or rest >= (self.FLEX_MIN if flexible in shown else 0):
                break
            if key in widths:
                shown = [c for c in shown if c.key != key]
                rest += widths.pop(key) + 1
        self._columns = [(c, max(rest, 1) if c is flexible else widths[c.key]) for c in shown]
        self._laid_out_for = width
        return self._columns

    def header_clicked(self, x: int) -> None:
        """Tell `column_clicked` which column was clicked."""
        left = 0
        for column, width in self._columns:
            if left <= x < left + width + 1:
                self.column_clicked(column.key)
                return
            left += width + 1

    def column_label(self, column: Column) -> str:
        """A column's header in the interface language; `{unit}` in it is the display unit ($B or 亿美元)."""
        return tr(column.label, unit=unit_label()) if column.label else ""

    def column_clicked(self, key: str) -> None:
        """A click on a column's header (nothing by default)."""

    # --- drawing -----------------------------------------------------------------------------

    def render_header(self, y: int, width: int) -> Strip:
        """Column labels; the sorted column underlined with ▼ (descending) or ▲."""
        base = self.get_component_rich_style("virtual-table--header")
        sorted_style = self.get_component_rich_style("virtual-table--sorted")
        segments = [Segment(" ", base)]
        for column, column_width in self.columns(width):
            label, style = self.column_label(column), base
            if column.key == self.sort_key:
                label, style = f"{label}{'▼' if self.descending else '▲'}", sorted_style
            segments += [Segment(fit(label, column_width, column.right), style), Segment(" ", base)]
        return Strip(segments).adjust_cell_length(width, base)

    def render_empty(self, width: int) -> Strip:
        """Why there are no rows (loading, no data, nothing matches)."""
        if not self.empty_text:
            return Strip.blank(width, self.rich_style)
        style = self.get_component_rich_style("virtual-table--empty")
        return Strip([Segment(fit(" " + self.empty_text, width), style)], width)

    def render_row(self, position: int, is_cursor: bool, width: int) -> Strip:
        """The lead mark, then each column's cell fitted to its width."""
        row = self.rows[position]
        base = self.rich_style
        if is_cursor:
            base = base + self.get_component_rich_style("virtual-table--cursor")
        mark, mark_style = self.lead(row, is_cursor)
        segments = [Segment(mark, base + mark_style if mark_style else base)]
        texts = self.cells(row)
        for column, column_width in self.columns(width):
            text = texts[column.key]
            extra = self.cell_style(row, column.key, text)
            segments += [
                Segment(fit(text, column_width, column.right), base + extra if extra else base),
                Segment(" ", base),
            ]
        return Strip(segments).adjust_cell_length(width, base)
