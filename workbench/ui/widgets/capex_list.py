"""The company list: a virtual table (only visible lines are drawn) that stays quick with thousands of rows."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from workbench.core.capex import summaries as capex
from workbench.core.capex.summaries import MONTHS, CompanySummary
from workbench.core.output import numbers
from workbench.core.output.literal import printable
from workbench.ui.themes import trend_style
from workbench.ui.widgets.virtual_table import Column, VirtualTable, cursor_bindings

COLUMNS = (
    Column("ticker", "Ticker", 6),
    Column("name", "Name", 0),  # takes what is left
    Column("fy", "FY ends", 8),
    Column("capex", "Capex $B", 9, right=True),
    Column("yoy", "YoY", 8, right=True),
    Column("ttm", "TTM $B", 8, right=True),
    Column("ttm_to", "TTM to", 7, min_table_width=96),
    Column("guidance", "Guidance $B", 11, right=True),
    Column("for", "For", 9),
    Column("said", "Said on", 10),
)
# Numbers are most useful largest-first; words A–Z.
DESCENDING_FIRST = {"capex", "yoy", "ttm", "ttm_to", "guidance", "said", "fy", "for"}
# How the For column names a basis other than the actuals' (`FY26 +FL`): no guidance on their basis.
BASIS_TAGS = {"incl_finance_leases": "+FL", "net_cash": "net", "cash": "cash"}


def month_year(day: date) -> str:
    """`Jun 25`: which month a fiscal period ends in."""
    return f"{MONTHS[day.month - 1]} {day.year % 100:02d}"


def guidance_for(row: CompanySummary) -> str:
    """`FY26`, or `FY26 +FL` when the guidance is on another basis than the actuals beside it."""
    g = row.guidance
    if g is None:
        return ""
    label = f"FY{g.fiscal_period[4:6]}" if g.is_annual else g.fiscal_period
    if row.guidance_other_basis:
        label += " " + BASIS_TAGS.get(g.basis, g.basis[:4])
    return printable(label, one_line=True)


def cells(row: CompanySummary) -> dict[str, str]:
    """A row's display text per column (names shown literally, control characters made visible)."""
    g = row.guidance
    latest = row.latest
    return {
        "ticker": printable(row.ticker, one_line=True),
        "name": printable(row.name, one_line=True),
        "fy": f"FY{row.latest_fy[4:6]} {MONTHS[latest.period_end.month - 1]}" if latest else "",
        "capex": numbers.bn(row.latest_bn),
        "yoy": numbers.pct(row.yoy),
        "ttm": numbers.bn(row.ttm_bn),
        "ttm_to": month_year(row.ttm_end) if row.ttm_end else "",
        "guidance": numbers.figure(g.value_bn, g.low_bn, g.high_bn) if g else numbers.MISSING,
        "for": guidance_for(row),
        "said": g.said_on.isoformat() if g and g.said_on else "",
    }


class CompanyList(VirtualTable):
    """Every company's latest FY capex, YoY, TTM and latest guidance; sort, filter, mark for compare."""

    COLUMNS = COLUMNS
    FLEX_MIN = 8  # the name; too narrow: drop the guidance date, then the fiscal-year label
    DROP_WHEN_NARROW = ("said", "fy", "ttm")
    NAME_MAX = 22  # the list never grows wider than this for a long name: it is cut with …
    BINDING_GROUP_TITLE = "Company list"
    BINDINGS = [
        Binding("space", "mark", "Mark", id="capex.list.mark", tooltip="Mark or unmark for Compare"),
        *cursor_bindings("capex.list"),
    ]
    COMPONENT_CLASSES = {"company-list--marked"}
    DEFAULT_CSS = """
    CompanyList > .company-list--marked { color: $warning; text-style: bold; }
    """

    class Highlighted(VirtualTable.Highlighted):
        """The cursor moved to another company (`row`, None when the list is empty)."""

    class Selected(VirtualTable.Selected):
        """A second click on a company (Enter is the screen's, so keys typed ahead keep their order)."""

    class MarksChanged(Message):
        """The set of companies marked for Compare changed."""

        def __init__(self, company_list: CompanyList, marked: tuple[str, ...]) -> None:
            super().__init__()
            self.company_list = company_list
            self.marked = marked

    sort_key: reactive[str] = reactive("capex", repaint=False)
    descending: reactive[bool] = reactive(True, repaint=False)
    filter_text: reactive[str] = reactive("", repaint=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.all_rows: list[CompanySummary] = []
        self.rows: list[CompanySummary] = []
        self.marked: list[str] = []  # in marking order: the compare legend follows it

    # --- data in --------------------------------------------------------------------------------

    def set_rows(self, rows: list[CompanySummary]) -> None:
        """Replace every company (after a load); keeps the cursor on the same company if it remains."""
        self.all_rows = rows
        self.forget_rows()
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
        self.rows_changed()
        self.cursor = next((i for i, r in enumerate(self.rows) if r.ticker == keep), 0)

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

    def column_clicked(self, key: str) -> None:
        """A header click sorts by that column (again: the other way round)."""
        self.sort_by(key, not self.descending if key == self.sort_key else None)

    @property
    def current(self) -> CompanySummary | None:
        """The company under the cursor."""
        return self.current_row

    def select_ticker(self, ticker: str) -> bool:
        """Move the cursor to a company, clearing a filter that hides it; False if unknown."""
        if not any(r.ticker == ticker for r in self.all_rows):
            return False
        if not any(r.ticker == ticker for r in self.rows):
            self.set_reactive(CompanyList.filter_text, "")
        self._apply(keep=ticker)
        return True

    # --- marking for Compare ----------------------------------------------------------------------

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
        self.action_cursor(1)
        self.refresh()

    def set_marks(self, tickers: list[str]) -> None:
        """Mark exactly these companies, in this order (going back to a place)."""
        self.marked = list(tickers)
        self.post_message(self.MarksChanged(self, tuple(self.marked)))
        self.refresh()

    def mark(self, ticker: str) -> None:
        """Mark a company for Compare (if it is not already)."""
        if ticker not in self.marked:
            self.marked.append(ticker)
            self.post_message(self.MarksChanged(self, tuple(self.marked)))
            self.refresh()

    # --- drawing -------------------------------------------------------------------------------

    def row_key(self, row: CompanySummary) -> str:
        return row.ticker

    def row_cells(self, row: CompanySummary) -> dict[str, str]:
        return cells(row)

    def width_for(self, room: int) -> int:
        """Cells the list needs (lead, columns, gaps, scrollbar) to show its rows whole within `room`:
        every column if they fit, else without the guidance date, the fiscal year and TTM, in turn."""
        names = [cell_len(self.cells(r)["name"]) for r in self.all_rows[:500]] or [8]
        name = max(self.FLEX_MIN, min(self.NAME_MAX, max(names)))
        widths = {**{c.key: c.width for c in COLUMNS}, **self.column_widths(), "name": name}
        shown = [c.key for c in COLUMNS]
        dropped = list(self.DROP_WHEN_NARROW)
        while True:
            need = 1 + sum(widths[k] + 1 for k in shown) + 1  # lead, a gap after each, the scrollbar
            if "for" in shown and need < 92 + 1:  # the guidance period shows only from 92 cells
                shown.remove("for")
                continue
            if need <= room or not dropped:
                return min(need, room)
            key = dropped.pop(0)
            if key in shown:
                shown.remove(key)

    def column_widths(self) -> dict[str, int]:
        """The ticker column fits the longest ticker (6 to 10 cells)."""
        return {"ticker": min(10, max([6, *(cell_len(self.cells(r)["ticker"]) for r in self.rows[:500])]))}

    def lead(self, row: CompanySummary, is_cursor: bool) -> tuple[str, Style | None]:
        """● marked for Compare, ▸ the cursor, ◉ both: readable without colour."""
        if row.ticker in self.marked:
            return ("◉" if is_cursor else "●"), self.component_style("company-list--marked")
        return super().lead(row, is_cursor)

    def cell_style(self, row: CompanySummary, key: str, text: str) -> Style | None:
        """YoY in the theme's up/down colour; missing values muted; a marked ticker highlighted."""
        if key == "yoy":
            colour = trend_style(self.app, numbers.direction(row.yoy))
            return Style.parse(colour) if colour else self.component_style("virtual-table--muted")
        if text in (numbers.MISSING, ""):
            return self.component_style("virtual-table--muted")
        if key == "ticker" and row.ticker in self.marked:
            return self.component_style("company-list--marked")
        return None

    def watch_sort_key(self) -> None:
        """Redraw the header arrow."""
        self.refresh()
