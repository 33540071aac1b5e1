"""The company list: a virtual table (only visible lines are drawn) that stays quick with thousands of rows."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.core import capex, numbers
from workbench.core.capex import CompanySummary
from workbench.core.literal import printable


@dataclass(frozen=True, slots=True)
class ListColumn:
    """One column of the company list: its sort key, header, width and alignment."""

    key: str
    label: str
    width: int
    right: bool = False
    min_table_width: int = 0  # shown only when the list is at least this wide


COLUMNS = (
    ListColumn("ticker", "Ticker", 6),
    ListColumn("name", "Name", 0),  # takes what is left
    ListColumn("fy", "FY", 6),
    ListColumn("capex", "Capex $B", 9, right=True),
    ListColumn("yoy", "YoY", 8, right=True),
    ListColumn("ttm", "TTM $B", 8, right=True),
    ListColumn("guidance", "Guidance $B", 11, right=True),
    ListColumn("for", "For", 8, min_table_width=92),
    ListColumn("said", "Said on", 10),
)
# Numbers are most useful largest-first; words A–Z.
DESCENDING_FIRST = {"capex", "yoy", "ttm", "guidance", "said", "fy", "for"}
NAME_MIN = 8


def _fit(text: str, width: int, right: bool = False) -> str:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis (CJK-aware)."""
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + "…" if width else ""
    padding = " " * (width - cell_len(text))
    return padding + text if right else text + padding


def cells(row: CompanySummary) -> dict[str, str]:
    """A row's display text per column (names shown literally, control characters made visible)."""
    g = row.guidance
    return {
        "ticker": printable(row.ticker, one_line=True),
        "name": printable(row.name, one_line=True),
        "fy": row.latest_fy,
        "capex": numbers.bn(row.latest_bn),
        "yoy": numbers.pct(row.yoy),
        "ttm": numbers.bn(row.ttm_bn),
        "guidance": numbers.figure(g.value_bn, g.low_bn, g.high_bn) if g else numbers.MISSING,
        "for": g.fiscal_period if g else "",
        "said": g.said_on.isoformat() if g and g.said_on else "",
    }


class CompanyList(ScrollView, can_focus=True):
    """Every company's latest FY capex, YoY, TTM and latest guidance; sort, filter, mark for compare."""

    BINDING_GROUP_TITLE = "Company list"
    BINDINGS = [
        Binding("space", "mark", "Mark", id="capex.list.mark", tooltip="Mark or unmark for Compare"),
        Binding("j,down", "cursor(1)", "Down", id="capex.list.down", show=False),
        Binding("k,up", "cursor(-1)", "Up", id="capex.list.up", show=False),
        Binding("g,home", "jump(0)", "First", id="capex.list.first", show=False),
        Binding("G,end", "jump(-1)", "Last", id="capex.list.last", show=False),
        Binding("pagedown", "page(1)", "Page down", id="capex.list.page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="capex.list.page_up", show=False),
    ]
    COMPONENT_CLASSES = {
        "company-list--header", "company-list--sorted", "company-list--cursor", "company-list--marked",
        "company-list--up", "company-list--down", "company-list--missing", "company-list--empty",
    }
    DEFAULT_CSS = """
    CompanyList { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }
    CompanyList > .company-list--header { text-style: bold; background: $panel; }
    CompanyList > .company-list--sorted { text-style: bold underline; background: $panel; }
    CompanyList > .company-list--cursor { background: $surface-lighten-1; text-style: bold; }
    CompanyList:focus > .company-list--cursor { background: $accent 40%; }
    CompanyList > .company-list--marked { color: $warning; text-style: bold; }
    CompanyList > .company-list--up { color: $text-success; }
    CompanyList > .company-list--down { color: $text-error; }
    CompanyList > .company-list--missing { color: $text-muted; }
    CompanyList > .company-list--empty { color: $text-muted; text-style: italic; }
    """

    class Highlighted(Message):
        """The cursor moved to another company (None when the list is empty)."""

        def __init__(self, company_list: CompanyList, row: CompanySummary | None) -> None:
            super().__init__()
            self.company_list = company_list
            self.row = row

    class Selected(Message):
        """A second click on a company (Enter is the screen's, so keys typed ahead keep their order)."""

        def __init__(self, company_list: CompanyList, row: CompanySummary) -> None:
            super().__init__()
            self.company_list = company_list
            self.row = row

    class MarksChanged(Message):
        """The set of companies marked for Compare changed."""

        def __init__(self, company_list: CompanyList, marked: tuple[str, ...]) -> None:
            super().__init__()
            self.company_list = company_list
            self.marked = marked

    cursor: reactive[int] = reactive(0, repaint=False, always_update=True)
    sort_key: reactive[str] = reactive("capex", repaint=False)
    descending: reactive[bool] = reactive(True, repaint=False)
    filter_text: reactive[str] = reactive("", repaint=False)

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.all_rows: list[CompanySummary] = []
        self.rows: list[CompanySummary] = []
        self.marked: list[str] = []  # in marking order: the compare legend follows it
        self._cells: dict[str, dict[str, str]] = {}
        self._columns: list[tuple[ListColumn, int]] = []
        self._laid_out_for = -1
        self.empty_text = "Loading…"

    # --- data in --------------------------------------------------------------------------------

    def set_rows(self, rows: list[CompanySummary]) -> None:
        """Replace every company (after a load); keeps the cursor on the same company if it remains."""
        self.all_rows = rows
        self._cells = {}
        known = {r.ticker for r in rows}
        self.marked = [t for t in self.marked if t in known]
        self.empty_text = "No companies in this data." if not rows else ""
        self._apply()

    def _apply(self, keep: str | None = None) -> None:
        """Filter and sort `all_rows` into `rows`, keeping the cursor on `keep` (or the current company)."""
        keep = keep or (self.current.ticker if self.current else None)
        rows = capex.filter_summaries(self.all_rows, self.filter_text)
        self.rows = capex.sort_summaries(rows, self.sort_key, self.descending)
        if self.all_rows and not self.rows:
            self.empty_text = "No company matches the filter."
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        position = next((i for i, r in enumerate(self.rows) if r.ticker == keep), 0)
        self.cursor = position
        self.refresh()

    def watch_filter_text(self) -> None:
        """Refilter as the user types."""
        self._apply()

    def sort_by(self, key: str, descending: bool | None = None) -> None:
        """Sort by a column; numbers start largest-first unless told."""
        self.set_reactive(CompanyList.sort_key, key)
        self.set_reactive(CompanyList.descending, key in DESCENDING_FIRST if descending is None else descending)
        self._apply()

    def sort_next(self) -> None:
        """Sort by the next column to the right (wrapping round)."""
        keys = [c.key for c, _ in self._columns] or [c.key for c in COLUMNS]
        position = keys.index(self.sort_key) if self.sort_key in keys else -1
        self.sort_by(keys[(position + 1) % len(keys)])

    def reverse(self) -> None:
        """Flip the sort direction."""
        self.sort_by(self.sort_key, not self.descending)

    @property
    def current(self) -> CompanySummary | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def select_ticker(self, ticker: str) -> bool:
        """Move the cursor to a company, clearing a filter that hides it; False if unknown."""
        if not any(r.ticker == ticker for r in self.all_rows):
            return False
        if not any(r.ticker == ticker for r in self.rows):
            self.set_reactive(CompanyList.filter_text, "")
        self._apply(keep=ticker)
        return True

    # --- cursor and scrolling ---------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        """Keep the cursor visible, redraw, and tell the screen which company it is on."""
        page = max(1, self.scrollable_content_region.height - 1)
        if new < self.scroll_y:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= self.scroll_y + page:
            self.scroll_to(y=new - page + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def action_cursor(self, step: int) -> None:
        """Move the cursor up or down."""
        self.cursor += step

    def action_jump(self, where: int) -> None:
        """Go to the first (0) or last (-1) company."""
        self.cursor = len(self.rows) - 1 if where < 0 else 0

    def action_page(self, direction: int) -> None:
        """Move a page up or down."""
        self.cursor += direction * max(1, self.scrollable_content_region.height - 2)

    def action_select(self) -> None:
        """Open the company under the cursor."""
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    def action_mark(self) -> None:
        """Mark or unmark the company under the cursor for Compare, then step down."""
        row = self.current
        if row is None:
            return
        if row.ticker in self.marked:
            self.marked.remove(row.ticker)
        else:
            self.marked.append(row.ticker)
        self.post_message(self.MarksChanged(self, tuple(self.marked)))
        self.cursor += 1
        self.refresh()

    def mark(self, ticker: str) -> None:
        """Mark a company for Compare (if it is not already)."""
        if ticker not in self.marked:
            self.marked.append(ticker)
            self.post_message(self.MarksChanged(self, tuple(self.marked)))
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A header click sorts by that column; a row click moves there, a second click opens it."""
        if event.y == 0:
            x = 0
            for column, width in self._columns:
                if x <= event.x < x + width + 1:
                    self.sort_by(column.key, not self.descending if column.key == self.sort_key else None)
                    return
                x += width + 1
            return
        index = int(self.scroll_y) + event.y - 1
        if 0 <= index < len(self.rows):
            if index == self.cursor:
                self.action_select()
            else:
                self.cursor = index

    # --- drawing -------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Lay the columns out again for the new width."""
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)
        self._laid_out_for = -1

    def _layout(self, width: int) -> list[tuple[ListColumn, int]]:
        if width == self._laid_out_for:
            return self._columns
        ticker_width = min(10, max([6, *(cell_len(self._row_cells(r)["ticker"]) for r in self.rows[:500])]))
        shown = [c for c in COLUMNS if width >= c.min_table_width]
        fixed = sum(ticker_width if c.key == "ticker" else c.width for c in shown if c.key != "name")
        name_width = width - 1 - fixed - len(shown)  # 1 for the mark, 1 gap per column
        if name_width < NAME_MIN:  # too narrow: drop the guidance date, then the fiscal-year label
            for drop in ("said", "fy"):
                if name_width >= NAME_MIN:
                    break
                shown = [c for c in shown if c.key != drop]
                name_width += next(c.width for c in COLUMNS if c.key == drop) + 1
        self._columns = [(c, ticker_width if c.key == "ticker" else max(name_width, 1) if c.key == "name"
                          else c.width) for c in shown]
        self._laid_out_for = width
        return self._columns

    def _row_cells(self, row: CompanySummary) -> dict[str, str]:
        found = self._cells.get(row.ticker)
        if found is None:
            found = self._cells[row.ticker] = cells(row)
        return found

    def render_line(self, y: int) -> Strip:
        """Line 0 is the header (it never scrolls); the rest are companies from the scroll position."""
        width = self.scrollable_content_region.width
        columns = self._layout(width)
        if y == 0:
            return self._header(columns, width)
        index = int(self.scroll_y) + y - 1
        if index >= len(self.rows):
            if index == 0 and self.empty_text:
                style = self.get_component_rich_style("company-list--empty")
                return Strip([Segment(_fit(" " + self.empty_text, width), style)], width)
            return Strip.blank(width, self.rich_style)
        return self._row(self.rows[index], index == self.cursor, columns, width)

    def _header(self, columns: list[tuple[ListColumn, int]], width: int) -> Strip:
        base = self.get_component_rich_style("company-list--header")
        sorted_style = self.get_component_rich_style("company-list--sorted")
        segments = [Segment(" ", base)]
        for column, column_width in columns:
            label = column.label
            style = base
            if column.key == self.sort_key:
                label = f"{label}{'▼' if self.descending else '▲'}"
                style = sorted_style
            segments.append(Segment(_fit(label, column_width, column.right), style))
            segments.append(Segment(" ", base))
        return Strip(segments).adjust_cell_length(width, base)

    def _row(self, row: CompanySummary, is_cursor: bool, columns: list[tuple[ListColumn, int]], width: int) -> Strip:
        base = self.rich_style
        if is_cursor:
            base = base + self.get_component_rich_style("company-list--cursor")
        texts = self._row_cells(row)
        marked = row.ticker in self.marked
        segments = [Segment("●" if marked else " ", base + self._style("marked") if marked else base)]
        for column, column_width in columns:
            text = texts[column.key]
            style = base
            if column.key == "yoy":
                style = base + self._style({1: "up", -1: "down"}.get(numbers.direction(row.yoy), "missing"))
            elif text in (numbers.MISSING, ""):
                style = base + self._style("missing")
            elif column.key == "ticker" and marked:
                style = base + self._style("marked")
            segments.append(Segment(_fit(text, column_width, column.right), style))
            segments.append(Segment(" ", base))
        return Strip(segments).adjust_cell_length(width, base)

    def _style(self, name: str) -> Style:
        """A component's colour and text style without its background (rows keep the cursor's)."""
        style = self.get_component_rich_style(f"company-list--{name}")
        return Style(color=style.color, bold=style.bold, italic=style.italic, underline=style.underline)

    def watch_sort_key(self) -> None:
        """Redraw the header arrow."""
        self.refresh()

    def notify_style_update(self) -> None:
        """Theme change: styles are looked up per line, so just redraw."""
        super().notify_style_update()
        self.refresh()
