"""The company list: a virtual table (only visible lines are drawn) that stays quick with thousands of rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.output import numbers
from workbench.core.output.literal import printable
from workbench.ui.themes import trend_style
from workbench.ui.widgets.virtual_table import Column, VirtualTable, cursor_bindings

if TYPE_CHECKING:
    from workbench.core.capex.summaries import CompanySummary

# The capex maths (and the data model under it) are imported where rows are made, not with the
# list: the list is drawn in the app's first screen before any data is read.

# Titles are marked here and drawn in the interface language (`columns()`); "$B" is the amount unit.
COLUMNS = (
    Column("ticker", N_("Ticker"), 6),
    Column("name", N_("Name"), 0),  # takes what is left
    Column("fy", N_("FY ends"), 8),
    Column("capex", N_("Capex $B"), 9, right=True),
    Column("yoy", N_("YoY"), 8, right=True),
    Column("ttm", N_("TTM $B"), 8, right=True),
    Column("ttm_to", N_("TTM to"), 7, min_table_width=96),
    Column("guidance", N_("Guidance $B"), 11, right=True),
    Column("for", N_("For"), 9),
    Column("said", N_("Said on"), 10),
)
AMOUNTS = {"capex", "ttm", "guidance"}


def columns() -> tuple[Column, ...]:
    """The columns in the interface language and amount unit, each as wide as its title needs
    (Chinese titles and month names are wider: `FY25 12月`)."""
    shown = []
    for column in COLUMNS:
        label = tr(column.label).replace("$B", numbers.unit_label())
        width = column.width
        if column.width and column.key != "ticker":
            chinese = is_chinese()  # room for the sort arrow too (`资本开支 $B▼`); English keeps its widths
            wider = {"fy": 9, "ttm_to": 9, "for": 10}.get(column.key, 0) if chinese else 0  # `FY25 12月`, `FY26 +租赁`
            width = max(width, cell_len(label) + chinese, wider)
        shown.append(Column(column.key, label, width, column.right, column.min_table_width))
    return tuple(shown)


# Numbers are most useful largest-first; words A–Z.
DESCENDING_FIRST = {"capex", "yoy", "ttm", "ttm_to", "guidance", "said", "fy", "for"}
# How the For column names a basis other than the actuals' (`FY26 +FL`): no guidance on their basis.
BASIS_TAGS = {"incl_finance_leases": N_("+FL"), "net_cash": N_("net"), "cash": N_("cash")}


def month_year(day: date) -> str:
    """`Jun 25`: which month a fiscal period ends in (`25年6月` in Chinese)."""
    from workbench.core.capex.summaries import month_name

    return tr("{month} {year:02d}", month=month_name(day.month), year=day.year % 100)


def guidance_for(row: CompanySummary) -> str:
    """`FY26`, or `FY26 +FL` when the guidance is on another basis than the actuals beside it."""
    g = row.guidance
    if g is None:
        return ""
    label = f"FY{g.fiscal_period[4:6]}" if g.is_annual else g.fiscal_period
    if row.guidance_other_basis:
        label += " " + (tr(BASIS_TAGS[g.basis]) if g.basis in BASIS_TAGS else g.basis[:4])
    return printable(label, one_line=True)


def amount(value: float | None) -> str:
    """`$64.55B` under a `$B` title; in 亿美元 the bare number (`645.5`) under a `亿美元` title."""
    return numbers.bn(value) if numbers.amount_unit() == "usd-bn" else numbers.amount_number(value)


def amount_range(value: float | None, low: float | None, high: float | None) -> str:
    """A point or a range (`$64–72B`); in 亿美元 without the unit (`640–720`), the title says it."""
    text = numbers.figure(value, low, high)
    return text if numbers.amount_unit() == "usd-bn" else text.removesuffix(numbers.unit_label())


def cells(row: CompanySummary) -> dict[str, str]:
    """A row's display text per column (names shown literally, control characters made visible)."""
    from workbench.core.capex.summaries import month_name

    g = row.guidance
    latest = row.latest
    return {
        "ticker": printable(row.ticker, one_line=True),
        "name": printable(row.name, one_line=True),
        "fy": f"FY{row.latest_fy[4:6]} {month_name(latest.period_end.month)}" if latest else "",
        "capex": amount(row.latest_bn),
        "yoy": numbers.pct(row.yoy),
        "ttm": amount(row.ttm_bn),
        "ttm_to": month_year(row.ttm_end) if row.ttm_end else "",
        "guidance": amount_range(g.value_bn, g.low_bn, g.high_bn) if g else numbers.MISSING,
        "for": guidance_for(row),
        "said": g.said_on.isoformat() if g and g.said_on else "",
    }


class CompanyList(VirtualTable):
    """Every company's latest FY capex, YoY, TTM and latest guidance; sort, filter, mark for compare."""

    COLUMNS: ClassVar[Sequence[Column]] = COLUMNS  # each list has its own, in the interface language
    FLEX_MIN = 8  # the name; too narrow: drop the guidance date, then the fiscal-year label
    DROP_WHEN_NARROW = ("said", "fy", "ttm")
    NAME_MAX = 22  # the list never grows wider than this for a long name: it is cut with …
    BINDING_GROUP_TITLE = N_("Company list")
    BINDINGS = [
        Binding("space", "mark", N_("Mark"), id="capex.list.mark", tooltip=N_("Mark or unmark for Compare")),
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
        self.COLUMNS = columns()  # type: ignore[misc]  # per list: the language may have changed
        self.empty_text = tr("Loading…")

    # --- data in --------------------------------------------------------------------------------

    def set_rows(self, rows: list[CompanySummary]) -> None:
        """Replace every company (after a load); keeps the cursor on the same company if it remains."""
        self.all_rows = rows
        self.forget_rows()
        known = {r.ticker for r in rows}
        self.marked = [t for t in self.marked if t in known]
        self.empty_text = tr("No companies in this data.") if not rows else ""
        self._apply()

    def _apply(self, keep: str | None = None) -> None:
        """Filter and sort `all_rows` into `rows`, keeping the cursor on `keep` (or the current company)."""
        from workbench.core.capex import summaries as capex

        keep = keep or (self.current.ticker if self.current else None)
        rows = capex.filter_summaries(self.all_rows, self.filter_text)
        self.rows = capex.sort_summaries(rows, self.sort_key, self.descending)
        if self.all_rows and not self.rows:
            self.empty_text = tr("No company matches the filter.")
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
        keys = [c.key for c, _ in self._columns] or [c.key for c in self.COLUMNS]
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
        widths = {**{c.key: c.width for c in self.COLUMNS}, **self.column_widths(), "name": name}
        shown = [c.key for c in self.COLUMNS]
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
