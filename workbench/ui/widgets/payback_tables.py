"""Payback tables: one company's metrics by period, and the chosen companies summed by calendar year.

Every cell stands for a `Traced` value: Enter on it opens the rows it came from (or why it is
missing). A missing value shows as `—`, never as zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable

from workbench.core.capex.summaries import basis_shown
from workbench.core.i18n import N_, tr
from workbench.core.output import numbers
from workbench.core.payback.metrics import METRICS, PeriodMetrics
from workbench.core.payback.traced import Traced
from workbench.core.payback.yearly import YEAR_METRICS, YearSum
from workbench.ui.safe_text import literal

MUTED = "dim"


def format_value(value: float | None, unit: str) -> str:
    """`$64.55B` (`645.5亿美元`), `22.9%`, `▲12.3%` (growth), `4.21×`; `—` when missing."""
    if value is None:
        return numbers.MISSING
    if unit == "bn":
        return numbers.bn(value)
    if unit == "growth":
        return numbers.pct(value)
    if unit == "pct":
        return f"{value * 100:,.1f}%"
    return f"{value:,.2f}×"


def cell_value(value: float | None, unit: str) -> str:
    """A table cell: `format_value`, but in 亿美元 an amount is the bare number (`645.5`): its row or column
    title says the unit."""
    if unit == "bn" and value is not None and numbers.amount_unit() != "usd-bn":
        return numbers.amount_number(value)
    return format_value(value, unit)


def titled(title: str, unit: str) -> str:
    """A metric's title in the interface language, with the amount unit for amounts (`Capex $B`, `资本开支 亿美元`)."""
    return tr(title) + (" " + numbers.unit_label() if unit == "bn" else "")


def unit_of(key: str, unit: str) -> str:
    return "growth" if key == "cloud_yoy" else unit


class TracedTable(DataTable):
    """A cell-cursor table whose cells are `Traced` values (Enter: the rows behind the one under the cursor)."""

    BINDINGS = [
        Binding("j", "cursor_down", N_("Down"), id="payback.table.down", show=False),
        Binding("k", "cursor_up", N_("Up"), id="payback.table.up", show=False),
        Binding("h", "cursor_left", N_("Left"), id="payback.table.left", show=False),
        Binding("l", "cursor_right", N_("Right"), id="payback.table.right", show=False),
    ]
    DEFAULT_CSS = """
    TracedTable { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.fixed_columns = 1  # the metric or year stays in view while the periods scroll
        self.cells_traced: dict[tuple[int, int], tuple[str, Traced, str]] = {}

    def cell(self, value: Traced, unit: str) -> Text:
        text = cell_value(value.value, unit)
        return Text(text, style=MUTED if value.value is None else "", justify="right", end="")

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """A cell's line made from its Text directly, as Textual would draw it: Textual sends each
        cell through Rich's console (padding, styling, cropping), 40–45 ms for a company's metrics
        as the cursor moves to it on the large set, now 19–23 ms. A cell that is not one plain
        line of Text fitting its column (styled runs, a string, a cut) is drawn by Textual."""
        row_key = self._header_row_key if row_index == -1 else self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        found = self._cell_render_cache.get(key)
        if found is not None:
            return found
        cells = self._get_row_renderables(row_index)
        cell = (cells.label or "") if column_index == -1 else cells.cells[column_index]
        inner = width - 2 * self.cell_padding
        if (
            not isinstance(cell, Text)
            or column_index == -1
            or (self.header_height if row_index == -1 else self.rows[row_key].height) != 1
            or cell.justify not in (None, "default", "left", "right")
            or cell.spans
            or not cell.plain
            or "\n" in cell.plain
            or cell_len(cell.plain) > inner
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        is_fixed = row_index != -1 and (row_index < self.fixed_rows or column_index < self.fixed_columns)
        component, post = self._get_styles_to_render_cell(
            row_index == -1,
            False,
            is_fixed,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        # As Rich justifies a line: the spaces inside the text (in its style), or after it.
        plain, room, style = cell.plain, inner - cell_len(cell.plain), self.app.console.get_style(cell.style)
        if cell.justify == "right":
            segments = [Segment(" " * room + plain, style)]
        elif cell.justify == "left":
            segments = [Segment(plain + " " * room, style)]
        else:
            segments = [Segment(plain, style), Segment(" " * room, Style())]
        padding = [Segment(" " * self.cell_padding, Style())] if self.cell_padding else []
        pre = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component
        line = list(Segment.apply_style([*padding, *segments, *padding], pre, post))
        self._cell_render_cache[key] = [line]
        return [line]

    @property
    def current(self) -> tuple[str, Traced, str] | None:
        """(what the cell is, its value, its unit) under the cursor; None on a label cell."""
        return self.cells_traced.get((self.cursor_coordinate.row, self.cursor_coordinate.column))


class MetricsTable(TracedTable):
    """One company's payback metrics: a row per metric, a column per period (latest on the right)."""

    def show(self, periods: Sequence[PeriodMetrics], empty: str = N_("No figures for this company.")) -> None:
        """Replace the table; the cursor starts on the latest period's capex."""
        self.clear(columns=True)
        self.cells_traced = {}
        self.add_column(Text(tr("Metric"), end=""), key="metric")
        if not periods:
            self.add_row(Text(tr(empty), style="italic dim", end=""))
            return
        # Every period column has one width, so the table can be sized to whole columns (below).
        width = max(
            cell_len(text)
            for p in periods
            for text in (p.label, *(cell_value(p.values[k].value, unit_of(k, u)) for k, _, u in METRICS))
        )
        for p in periods:
            self.add_column(Text(p.label, justify="right", end=""), key=p.label, width=width)
        for r, (key, title, unit) in enumerate(METRICS):
            shown = unit_of(key, unit)
            cells: list[Text] = [Text(titled(title, unit), end="")]
            for c, p in enumerate(periods, start=1):
                value = p.values[key]
                cells.append(self.cell(value, shown))
                self.cells_traced[(r, c)] = (f"{p.ticker} {p.label} {tr(title)} ({basis_shown(p.basis)})", value, shown)
            self.add_row(*cells)
        self.move_cursor(row=0, column=len(periods))
        self.call_after_refresh(self.fit_whole_columns)

    def fit_whole_columns(self) -> None:
        """Make the table exactly as wide as the whole period columns that fit beside the metric names.

        Scrolled to its latest periods, a table wider than that would show the earliest visible period
        cut at its left edge, and a cut `$64.55B` reads as another number (`4.55B`). Equal widths make
        every scroll step one whole column.
        """
        columns = self.ordered_columns
        parent = self.parent
        if not isinstance(parent, Widget) or len(columns) < 2:
            self.styles.width = "1fr"
            return
        label, period = columns[0].get_render_width(self), columns[1].get_render_width(self)
        gutter = self.size.width - self.scrollable_content_region.width  # the vertical scrollbar, if any
        room = parent.content_size.width - gutter - label
        whole = max(1, min(len(columns) - 1, room // period))
        self.styles.width = label + whole * period + gutter

    def on_resize(self) -> None:
        """A new width fits another number of whole columns."""
        self.call_after_refresh(self.fit_whole_columns)

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        """Scroll by whole period columns only (the table keeps its cursor column in view when it scrolls
        there; stepping back to the column boundary before keeps it in view too)."""
        super().watch_scroll_x(old_value, new_value)
        columns = self.ordered_columns
        if len(columns) < 2:
            return
        period = columns[1].get_render_width(self)
        aligned = (int(new_value) // period) * period
        if aligned != new_value:
            # Forced: just after new columns, the scrollbars may not be worked out yet.
            self.scroll_to(x=aligned, animate=False, immediate=True, force=True)


class YearTable(TracedTable):
    """The chosen companies summed by calendar year: capex, cloud revenue, its growth, capex per new cloud dollar."""

    def show(self, sums: Sequence[YearSum]) -> None:
        """Replace the table; latest year first."""
        self.clear(columns=True)
        self.cells_traced = {}
        self.add_column(Text(tr("Year"), end=""), key="year")
        for key, title, unit in YEAR_METRICS:
            self.add_column(Text(titled(title, unit), justify="right", end=""), key=key)
        self.add_column(Text(tr("Covers"), end=""), key="covers")
        if not sums:
            self.add_row(Text(tr("Mark companies with space."), style="italic dim", end=""), *([""] * 5))
            return
        for r, s in enumerate(reversed(sums)):
            cells: list[Text] = [Text(str(s.year), end="")]
            for c, (key, title, unit) in enumerate(YEAR_METRICS, start=1):
                cells.append(self.cell(s.values[key], unit))
                self.cells_traced[(r, c)] = (f"{s.year} {tr(title)} ({', '.join(s.tickers)})", s.values[key], unit)
            cells.append(covers(s))
            self.add_row(*cells)
        self.move_cursor(row=0, column=1)


def covers(s: YearSum) -> Text:
    """Which companies and windows a year's sums cover: `fiscal: MSFT FY2025` where a year is not calendar."""
    fiscal = [f"{p.ticker} FY{p.year}" for p in s.parts if p.window == "fiscal"]
    text = literal(tr("cloud: {tickers}", tickers=" ".join(s.cloud_tickers) or tr("none")), MUTED)
    if fiscal:
        text.append("  " + tr("fiscal: {periods}", periods=" ".join(fiscal)), "italic")
    return text
