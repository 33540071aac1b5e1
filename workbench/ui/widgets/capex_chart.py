"""Bar charts drawn with block characters: one company's actuals vs guidance, or several companies side by side.

Block characters rather than plotext: at 80×24 plotext squeezes ranges into one cell and drops
error bars from its legend. Here actuals are solid bars with eighth-block tops, guidance is a
shaded range (`░`) beside them, a floor alone (`≥`) is a `^`, and every chart has a legend, so
the chart reads the same without colour.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget

from workbench.core.capex.periods import Gap, in_range, period_number, with_gaps
from workbench.core.capex.summaries import MONTHS, Aligned, PeriodPoint, month_name, month_year_shown, short_label
from workbench.core.data.model import CapexFigure
from workbench.core.i18n import N_, tr
from workbench.core.output import numbers
from workbench.core.output.literal import printable

EIGHTHS = " ▁▂▃▄▅▆▇█"
SERIES_GLYPHS = "█▓▒░▚▞▌▐"
ACTUAL, RANGE, FLOOR, CEILING, ZERO = "█", "░", "^", "v", "·"
ESTIMATE, GAP = "▒", "┄"  # an estimate's bar; a period with no figure, drawn on the zero line


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least `raw`."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10 * power


@dataclass
class Scale:
    """Rows above and below zero, the value each row is worth, and the step between axis labels."""

    rows_up: int
    rows_down: int
    per_row: float
    step: float

    @classmethod
    def fit(cls, values: list[float], rows: int) -> Scale:
        hi, lo = max([0.0, *values]), min([0.0, *values])
        if hi == lo:
            hi = 1.0
        if lo < 0 < hi:
            down = min(rows - 1, max(1, round(rows * -lo / (hi - lo))))
        else:
            down = rows if lo < 0 else 0
        up = rows - down
        room = up - 1 if up > 3 else up  # a free row above the tallest bar for its value
        need = max(hi / room if room else 0.0, -lo / down if down else 0.0)
        return cls(up, down, need * 1.02, nice_step((hi - lo) / 4))

    def top_of(self, row: int) -> float:
        """The value at the top edge of plot row `row` (0 = top row)."""
        return (self.rows_up - row) * self.per_row

    def row_of(self, value: float) -> int:
        """The plot row whose span (bottom, top] holds `value`."""
        row = self.rows_up - math.ceil(value / self.per_row - 1e-9)
        return max(0, min(self.rows_up + self.rows_down - 1, row))

    def ticks(self) -> list[float]:
        """Round values to label, from the bottom of the plot to its top (zero included)."""
        first = math.ceil(-self.rows_down * self.per_row / self.step - 1e-9)
        last = math.floor(self.rows_up * self.per_row / self.step + 1e-9)
        return [k * self.step for k in range(first, last + 1)]


WIDE_TAIL = ""  # the second cell of a wide (CJK) character: drawn by the character before it


def in_unit(value: float | None) -> float | None:
    """An amount in USD billions as the chart draws it: as it is ($B), or in 亿美元 to one decimal (×10,
    the same precision) — the axis, the labels above the bars and the legend's unit follow."""
    if value is None or numbers.amount_unit() != "yi":
        return value
    return round(value * numbers.YI_PER_BN, 1)


def unit_note() -> str:
    """The unit of a chart's values when it is not $B (the axis and labels are then in 亿美元)."""
    return numbers.unit_label() if numbers.amount_unit() != "usd-bn" else ""


def crop(text: str, width: int) -> str:
    """`text` cut to at most `width` cells (a wide character is never split)."""
    return text if cell_len(text) <= width else set_cell_size(text, width).rstrip()


@dataclass
class Canvas:
    """A grid of (character, style) cells that becomes lines of rich Text; a wide character takes two."""

    width: int
    height: int
    cells: list[list[tuple[str, Style | None]]] = field(init=False)

    def __post_init__(self) -> None:
        self.cells = [[(" ", None)] * self.width for _ in range(self.height)]

    def put(self, row: int, col: int, char: str, style: Style | None = None) -> None:
        if not (0 <= row < self.height and 0 <= col < self.width):
            return
        line = self.cells[row]
        if line[col][0] == WIDE_TAIL and col > 0:  # writing over half of a wide character blanks it
            line[col - 1] = (" ", line[col - 1][1])
        if cell_len(line[col][0]) == 2 and col + 1 < self.width:
            line[col + 1] = (" ", line[col + 1][1])
        if cell_len(char) == 2:
            if col + 1 >= self.width:
                return  # half a character would not fit
            if cell_len(line[col + 1][0]) == 2 and col + 2 < self.width:
                line[col + 2] = (" ", line[col + 2][1])
            line[col + 1] = (WIDE_TAIL, style)
        line[col] = (char, style)

    def write(self, row: int, col: int, text: str, style: Style | None = None) -> None:
        for char in text:
            self.put(row, col, char, style)
            col += cell_len(char)

    def lines(self) -> list[Text]:
        """One Text per row, a run of cells in one style appended at once: a span per cell made
        drawing a chart cost more than laying it out."""
        out = []
        for row in self.cells:
            line = Text(end="", no_wrap=True)
            run: list[str] = []
            run_style: Style | None = None
            for char, style in row:
                if char == WIDE_TAIL:
                    continue
                if style != run_style:
                    line.append("".join(run), run_style)
                    run, run_style = [], style
                run.append(char)
            line.append("".join(run), run_style)
            out.append(line)
        return out


@dataclass
class Slot:
    """One period on the x axis: bars (value, series), an optional guidance range, an estimate;
    `missing` for a period with no figure at all (drawn as a gap, never closed up)."""

    label: str
    bars: list[tuple[float | None, int]]
    low: float | None = None
    high: float | None = None
    estimate: float | None = None
    missing: bool = False


@dataclass
class Plot:
    """Where the bars go: the scale, the plot's top row, and the first plot column."""

    canvas: Canvas
    scale: Scale
    top: int
    left: int

    def bar(self, col: int, width: int, value: float, glyph: str, style: Style | None) -> None:
        """A bar from zero to `value`: eighth-block tops going up, half blocks going down."""
        base = self.top + self.scale.rows_up  # first row below zero
        if value > 0:
            eighths = max(1, round(value / self.scale.per_row * 8))
            full, part = divmod(eighths, 8)
            for x in range(col, col + width):
                for r in range(full):
                    self.canvas.put(base - 1 - r, x, glyph, style)
                if part:
                    self.canvas.put(base - 1 - full, x, EIGHTHS[part], style)
        elif value < 0:
            halves = max(1, round(-value / self.scale.per_row * 2))
            full, half = divmod(halves, 2)
            for x in range(col, col + width):
                for r in range(full):
                    self.canvas.put(base + r, x, glyph, style)
                if half:
                    self.canvas.put(base + full, x, "▀", style)
        else:  # a real zero: show that there is a figure
            for x in range(col, col + width):
                self.canvas.put(base - 1 if self.scale.rows_up else base, x, ZERO, style)

    def label_above(self, col: int, width: int, value: float, style: Style | None) -> None:
        """The value written just above a positive bar, where it fits in blank cells."""
        text = numbers.compact(value)
        if value <= 0 or len(text) > width + 3:  # a little wider than its bar, where the cells are blank
            return
        cells_tall = math.ceil(max(1, round(value / self.scale.per_row * 8)) / 8)
        row = self.top + self.scale.rows_up - cells_tall - 1
        start = max(self.left, min(col + (width - len(text)) // 2, self.canvas.width - len(text)))
        if row < self.top or any(self.canvas.cells[row][x][0] != " " for x in range(start, start + len(text))):
            return
        self.canvas.write(row, start, text, style)

    def span(self, col: int, width: int, low: float | None, high: float | None, style: Style | None) -> None:
        """A guidance range as shaded cells; a floor or ceiling alone as `^` or `v`."""
        if low is not None and high is not None:
            first, last = self.scale.row_of(high), self.scale.row_of(low)
            glyph = RANGE
        else:
            edge = low if low is not None else high
            if edge is None:
                return
            first = last = self.scale.row_of(edge)
            glyph = FLOOR if low is not None else CEILING
        for x in range(col, col + width):
            for r in range(first, last + 1):
                self.canvas.put(self.top + r, x, glyph, style)


def _axis(
    canvas: Canvas, scale: Scale, top: int, width: int, style: Style | None, label: Callable[[float], str]
) -> None:
    """Round values on the left at the rows they fall in, and the axis line."""
    rows = scale.rows_up + scale.rows_down
    for r in range(rows):
        canvas.put(top + r, width - 1, "│", style)
    labelled: set[int] = set()
    for value in scale.ticks():
        # Zero is the boundary under the last positive row: label it on the row below.
        row = scale.rows_up if value == 0 else scale.row_of(value)
        if row in labelled:
            continue
        labelled.add(row)
        text = label(value)[-(width - 1) :]
        canvas.write(top + row, width - 1 - cell_len(text), text, style)
        canvas.put(top + row, width - 1, "┘" if row == rows else "┤", style)


def axis_width(scale: Scale, label: Callable[[float], str] = numbers.compact) -> int:
    """Columns the value labels and the axis line need."""
    return max(cell_len(label(v)) for v in scale.ticks()) + 2


def draw(
    slots: list[Slot],
    series: int,
    width: int,
    height: int,
    styles: dict[str, Style],
    legend: list[tuple[str, str]],
    note: str = "",
    cursor: int | None = None,
    readout: str = "",
    line: bool = False,
    axis_label: Callable[[float], str] = numbers.compact,
    bridge: bool = False,
) -> list[Text]:
    """Lay out `slots` (periods) in a width × height chart: a legend line on top, and under the
    period labels a readout of the period at `cursor` (its label is shown reversed)."""
    canvas = Canvas(width, height)
    values = [v for s in slots for v, _ in s.bars if v is not None]
    values += [v for s in slots for v in (s.low, s.high, s.estimate) if v is not None]
    bottom = height - (2 if readout else 1)  # the row of period labels
    scale = Scale.fit(values, max(1, bottom - 1))
    if axis_label is not numbers.compact:
        scale.step = max(1.0, float(math.ceil(scale.step)))  # a log scale: ticks on whole decades
    left = axis_width(scale, axis_label)
    with_guidance = any(s.low is not None or s.high is not None for s in slots)
    group = series + (1 if with_guidance else 0)
    plot_width = width - left
    slot_width = plot_width // max(1, len(slots))
    bar_width = max(1, min(4, (slot_width - 1) // max(1, group)))
    # Legend first: glyph in its series style, then its name.
    x = 0
    for glyph_and_style, name in legend:
        glyph, style_name = glyph_and_style.split(":", 1)
        canvas.write(0, x, glyph, styles.get(style_name))
        canvas.write(0, x + 1, f" {name}  ", styles.get("label"))
        x += 2 + cell_len(name) + 2
    if note:
        canvas.write(0, max(x, width - cell_len(note)), note, styles.get("muted"))
    _axis(canvas, scale, 1, left, styles.get("axis"), axis_label)
    plot = Plot(canvas, scale, 1, left)
    if line:
        _lines(plot, slots, series, left, slot_width, styles, bridge)
    last_label_end = -1
    labelled = 0
    for i, slot in enumerate(slots):
        start = left + i * slot_width + max(0, (slot_width - group * bar_width - 1) // 2)
        if slot.missing:
            zero_row = 1 + (scale.rows_up - 1 if scale.rows_up else 0)
            for x in range(start, start + max(1, series) * bar_width):
                canvas.put(zero_row, x, GAP, styles.get("muted"))
        for value, index in [] if line else slot.bars:
            if value is not None:
                glyph = SERIES_GLYPHS[index % len(SERIES_GLYPHS)] if series > 1 else ACTUAL
                plot.bar(start + index * bar_width, bar_width, value, glyph, styles.get(f"series-{index}"))
        if slot.estimate is not None and all(v is None for v, _ in slot.bars):
            plot.bar(start, bar_width, slot.estimate, ESTIMATE, styles.get("estimate"))
        if slot.low is not None or slot.high is not None:
            plot.span(start + series * bar_width, bar_width, slot.low, slot.high, styles.get("guidance"))
        if series == 1 and slot_width >= 6:
            for value, _ in [*slot.bars, (slot.estimate, 0)]:
                if value is not None:
                    plot.label_above(start, bar_width, value, styles.get("axis"))
                    break
        centre = left + i * slot_width + slot_width // 2
        label_width = cell_len(slot.label)
        label_start = max(left, centre - label_width // 2)
        fits = label_start > last_label_end and label_start + label_width <= width
        if fits or i == cursor:
            label_start = max(left, min(label_start, width - label_width))
            style = styles.get("muted") if slot.missing else styles.get("label")
            if i == cursor:
                style = (style or Style()) + Style(reverse=True, bold=True)
            canvas.write(bottom, label_start, slot.label, style)
            last_label_end = label_start + label_width
            labelled += 1
    if readout:
        canvas.write(height - 1, 0, crop(readout, width), styles.get("label"))
    return canvas.lines()


MARKERS = "●◆■▲✚✱◉▼"  # one per series in the line view, so lines read without colour


def _lines(
    plot: Plot, slots: list[Slot], series: int, left: int, slot_width: int, styles: dict[str, Style], bridge: bool
) -> None:
    """Each series as a line: its marker at every period, dots between periods that both have a value
    (with `bridge`, across slots that are other companies' periods: fiscal years ending in other months)."""
    canvas, scale, top = plot.canvas, plot.scale, plot.top
    for index in range(series):
        style = styles.get(f"series-{index % 8}")
        previous: tuple[int, float] | None = None
        for i, slot in enumerate(slots):
            value = next((v for v, n in slot.bars if n == index), None)
            x = left + i * slot_width + slot_width // 2
            if value is None:
                if not bridge:
                    previous = None  # a gap stays a gap
                continue
            if previous is not None:
                x0, v0 = previous
                for col in range(x0 + 1, x):
                    between = v0 + (value - v0) * (col - x0) / (x - x0)
                    row = top + scale.row_of(between)
                    if canvas.cells[row][col][0] == " ":
                        canvas.put(row, col, "·", style)
            canvas.put(top + scale.row_of(value), x, MARKERS[index % len(MARKERS)], style)
            previous = (x, value)


def fitting(count: int, width: int, per_slot: int) -> int:
    """How many of `count` periods fit in `width` columns at `per_slot` columns each (at least 1)."""
    return max(1, min(count, width // per_slot))


RANGES = (None, 5, 3)  # the date range, in years back from the latest period (None: everything)


class ChartBase(Widget, can_focus=True):
    """A chart that redraws itself from plain data at whatever size it is given.

    Focused, ←/→ (h/l) move a cursor over the periods and the line under the chart reads out the
    values there (every bar has a value even where its label does not fit); `r` narrows the dates.
    """

    BINDINGS = [
        Binding(
            "left,h",
            "move(-1)",
            N_("Earlier"),
            id="chart.earlier",
            show=False,
            tooltip=N_("Cursor to the period before"),
        ),
        Binding(
            "right,l", "move(1)", N_("Later"), id="chart.later", show=False, tooltip=N_("Cursor to the period after")
        ),
        Binding("home", "move_to(0)", N_("First"), id="chart.first", show=False),
        Binding("end", "move_to(-1)", N_("Last"), id="chart.last", show=False),
        Binding(
            "r",
            "range",
            N_("Range"),
            id="chart.range",
            show=False,
            tooltip=N_("Date range: all, last 5 years, last 3 years"),
        ),
    ]

    COMPONENT_CLASSES = {
        "chart--axis",
        "chart--label",
        "chart--muted",
        "chart--guidance",
        *(f"chart--series-{i}" for i in range(8)),
    }
    DEFAULT_CSS = """
    ChartBase { height: 1fr; min-height: 6; padding: 0 1; }
    ChartBase > .chart--axis { color: $text-muted; }
    ChartBase > .chart--label { color: $text; }
    ChartBase > .chart--muted { color: $text-muted; text-style: italic; }
    ChartBase > .chart--guidance { color: $warning; }
    ChartBase > .chart--estimate { color: $accent; }
    ChartBase:focus { background-tint: $foreground 4%; }
    ChartBase > .chart--series-0 { color: $primary-lighten-2; }
    ChartBase > .chart--series-1 { color: $warning; }
    ChartBase > .chart--series-2 { color: $success; }
    ChartBase > .chart--series-3 { color: $error; }
    ChartBase > .chart--series-4 { color: $accent; }
    ChartBase > .chart--series-5 { color: $secondary; }
    ChartBase > .chart--series-6 { color: $foreground; }
    ChartBase > .chart--series-7 { color: $primary-darken-1; }
    """

    DEFAULT_CLASSES = "chart"
    empty_text = ""
    cursor: int | None = None  # index into `periods()`; None = the latest
    range_years: int | None = None

    def periods(self) -> list[object]:
        """Every period the chart can show (within the date range), oldest first."""
        return []

    def window(self, count: int) -> tuple[int, int]:
        """[start, end) of the `count` periods shown: the latest, or around the cursor."""
        total = len(self.periods())
        at = total - 1 if self.cursor is None else min(self.cursor, total - 1)
        end = max(min(total, count), at + 1)
        return end - min(count, total), end

    def action_move(self, step: int) -> None:
        """Move the readout cursor one period (the window follows)."""
        total = len(self.periods())
        if total:
            at = total - 1 if self.cursor is None else self.cursor
            self.cursor = max(0, min(total - 1, at + step))
            self.refresh()

    def action_move_to(self, where: int) -> None:
        """Cursor to the first or the latest period."""
        total = len(self.periods())
        self.cursor = (total - 1 if where < 0 else 0) if total else None
        self.refresh()

    def action_range(self) -> None:
        """Next date range: everything, the last 5 years, the last 3 years."""
        self.range_years = RANGES[(RANGES.index(self.range_years) + 1) % len(RANGES)]
        self.cursor = None
        self.refresh()
        if self.range_years is None:
            self.notify(tr("Dates: all"), timeout=2)
        else:
            self.notify(tr("Dates: the last {years} years", years=self.range_years), timeout=2)

    def range_note(self) -> str:
        return tr("last {years}y", years=self.range_years) if self.range_years else ""

    def styles_by_name(self) -> dict[str, Style]:
        return {name.split("--", 1)[1]: self.get_component_rich_style(name) for name in self.COMPONENT_CLASSES}

    def empty(self) -> Text:
        return Text(tr(self.empty_text), style=self.get_component_rich_style("chart--muted"))

    def chart_lines(self, width: int, height: int) -> list[Text] | None:
        """The chart's lines, or None when there is nothing to draw."""
        return None

    def render(self) -> Text:
        """Draw at the current size."""
        width, height = self.content_size.width, self.content_size.height
        lines = self.chart_lines(width, height) if width >= 12 and height >= 4 else None
        if lines is None:
            return self.empty()
        return Text("\n", end="").join(lines)


class CapexChart(ChartBase):
    """One company's capex by period: actual bars, beside them the latest guidance on the same
    basis, estimates (▒) where there is no actual, and every missing period as a gap (┄)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.points: list[PeriodPoint] = []
        self.estimates: dict[str, CapexFigure] = {}
        self.fy_end_month: int | None = None
        self.calendar = False
        self.empty_text = N_("No figures.")
        self._periods: list[PeriodPoint | CapexFigure | Gap] = []

    def show(
        self,
        points: list[PeriodPoint],
        calendar: bool,
        empty_text: str,
        estimates: dict[str, CapexFigure] | None = None,
        fy_end_month: int | None = None,
    ) -> None:
        """Chart these periods (already one basis and one frequency) and the estimates of the same basis."""
        self.points, self.calendar, self.empty_text = points, calendar, empty_text
        self.estimates, self.fy_end_month = estimates or {}, fy_end_month
        self.cursor = None
        self._periods = self._all_periods()
        self.refresh()

    def _all_periods(self) -> list[PeriodPoint | CapexFigure | Gap]:
        """Points, estimate-only periods and gaps, in period order."""
        by_period: dict[str, PeriodPoint | CapexFigure] = {p.period: p for p in self.points}
        for period, estimate in self.estimates.items():
            by_period.setdefault(period, estimate)
        order = sorted(by_period, key=lambda p: (period_number(p) or 0, p))
        periods = [by_period[p] if isinstance(p, str) else p for p in with_gaps(order, self.fy_end_month)]
        ends = [end for end in map(_end, periods) if end is not None]
        latest = max(ends) if ends else None
        return [p for p in periods if in_range(_end(p), latest, self.range_years)]

    def periods(self) -> list[object]:
        return list(self._periods)

    def action_range(self) -> None:
        super().action_range()
        self._periods = self._all_periods()
        self.refresh()

    def _label(self, item: PeriodPoint | CapexFigure | Gap) -> str:
        period = item.period if isinstance(item, (PeriodPoint, Gap)) else item.fiscal_period
        end = _end(item)
        return short_label(period, end, self.calendar) if end is not None else f"FY{period[4:]}"

    def readout(self, item: PeriodPoint | CapexFigure | Gap) -> str:
        """The values of one period in words: actual, guidance, estimate; or that it has no figure."""
        end = _end(item)
        period = item.fiscal_period if isinstance(item, CapexFigure) else item.period
        head = tr("{period} (ends {date})", period=period, date=end.isoformat()) if end else period
        if isinstance(item, Gap):
            return tr("{period}: no figure on this basis", period=head)
        parts = []
        point = item if isinstance(item, PeriodPoint) else None
        if point is not None and point.actual is not None:
            a = point.actual
            parts.append(tr("actual {value}", value=numbers.figure(a.value_bn, a.low_bn, a.high_bn)))
        if point is not None and point.guidance is not None:
            g = point.guidance
            value = numbers.figure(g.value_bn, g.low_bn, g.high_bn)
            if g.said_on:
                parts.append(tr("guidance {value}, said {date}", value=value, date=g.said_on.isoformat()))
            else:
                parts.append(tr("guidance {value}", value=value))
        estimate = self.estimates.get(period)
        if estimate is not None:
            e = estimate
            parts.append(tr("estimate {value}", value=numbers.figure(e.value_bn, e.low_bn, e.high_bn)))
        return tr("{period}: {values}", period=head, values=" · ".join(parts) or tr("no figure"))

    def chart_lines(self, width: int, height: int) -> list[Text] | None:
        periods = self._periods
        if not periods:
            return None
        guidance = any(isinstance(p, PeriodPoint) and p.guidance for p in periods)
        first, last = self.window(fitting(len(periods), width - 8, 3 if guidance else 2))
        shown = periods[first:last]
        slots = []
        for item in shown:
            label = self._label(item)
            if isinstance(item, Gap):
                slots.append(Slot(label, [(None, 0)], missing=True))
                continue
            low = high = actual = None
            if isinstance(item, PeriodPoint):
                actual = item.actual_bn
                g = item.guidance
                if g is not None:
                    low, high = (g.value_bn, g.value_bn) if g.value_bn is not None else (g.low_bn, g.high_bn)
                period = item.period
            else:
                period = item.fiscal_period
            estimate = self.estimates.get(period)
            point = estimate.point if estimate else None
            slots.append(Slot(label, [(in_unit(actual), 0)], in_unit(low), in_unit(high), in_unit(point)))
        legend = [("█:series-0", tr("actual"))]
        if any(s.low is not None and s.high is not None for s in slots):
            legend.append(("░:guidance", tr("guidance")))
        if any(s.high is None and s.low is not None for s in slots):
            legend.append(("^:guidance", tr("guidance floor (≥)")))
        if any(s.low is None and s.high is not None for s in slots):
            legend.append(("v:guidance", tr("guidance ceiling (≤)")))
        if any(s.estimate is not None and s.bars[0][0] is None for s in slots):
            legend.append(("▒:estimate", tr("estimate")))
        if any(s.missing for s in slots):
            legend.append(("┄:muted", tr("no figure")))
        notes = [
            tr("‹ {count} earlier", count=first) if first else "",
            tr("{count} later ›", count=len(periods) - last) if last < len(periods) else "",
        ]
        note = " ".join(n for n in [unit_note(), self.range_note(), *notes] if n)
        at = (len(periods) - 1 if self.cursor is None else self.cursor) - first
        readout = self.readout(shown[at]) if height >= 8 and 0 <= at < len(shown) else ""
        return draw(slots, 1, width, height, self.styles_by_name(), legend, note, at, readout)


def _end(item: object) -> date | None:
    """A period's end, whatever kind of period it is."""
    return getattr(item, "period_end", None)


class CompareChart(ChartBase):
    """Several companies' actuals on shared calendar periods, one glyph and colour each, with a
    legend; as bars or lines (`as_lines`), on a linear or a log scale (`log_scale`); the cursor's readout
    gives every company's value and its own fiscal label for that period."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.aligned = Aligned([], {})
        self.fiscal: dict[str, list[str | None]] = {}
        self.indexed = False
        self.as_lines = False
        self.log_scale = False
        self.empty_text = N_("Mark companies with space in the list, then press c.")

    def show(
        self, aligned: Aligned, indexed: bool, empty_text: str, fiscal: dict[str, list[str | None]] | None = None
    ) -> None:
        """Chart these aligned series (indexing happens here, over the periods that fit)."""
        self.aligned, self.indexed, self.empty_text = aligned, indexed, empty_text
        self.fiscal = fiscal or {}
        self.cursor = None
        self.refresh()

    def _data(self) -> Aligned:
        data = self.aligned.indexed() if self.indexed else self.aligned
        if self.range_years is None or not data.labels:
            return data
        per_year = 1 if " " in data.labels[-1] else 4  # `Dec 2025` per fiscal year, `2025Q3` per quarter
        return data.window(self.range_years * per_year)

    def periods(self) -> list[object]:
        return list(self._data().labels)

    def visible_periods(self, width: int) -> Aligned:
        """The periods that fit in `width` around the cursor (indexed over every period, as the table is)."""
        data = self._data()
        first, last = self.window(fitting(len(data.labels), width - 8, len(data.values) + 1))
        return Aligned(data.labels[first:last], {t: v[first:last] for t, v in data.values.items()})

    def readout(self, position: int) -> str:
        """`2025Q3: AMZN $35.10B (FY2025Q3) · MSFT $34.90B (FY2026Q1)`: values with each fiscal label."""
        data = self._data()
        offset = len(self.aligned.labels) - len(data.labels)
        parts = []
        for ticker, values in data.values.items():
            value = values[position]
            fiscal = self.fiscal.get(ticker, [])
            label = fiscal[offset + position] if offset + position < len(fiscal) else None
            shown = numbers.MISSING if value is None else f"{value:,.1f}" if self.indexed else numbers.bn(value)
            parts.append(f"{printable(ticker, one_line=True)[:12]} {shown}" + (f" ({label})" if label else ""))
        return tr("{period}: {values}", period=month_year_shown(data.labels[position]), values=" · ".join(parts))

    def chart_lines(self, width: int, height: int) -> list[Text] | None:
        if not self.aligned.labels or not self.aligned.values:
            return None
        data = self._data()
        shown = self.visible_periods(width)
        first = data.labels.index(shown.labels[0]) if shown.labels else 0
        tickers = list(shown.values)
        if not self.indexed:
            shown = Aligned(shown.labels, {t: [in_unit(v) for v in vs] for t, vs in shown.values.items()})
        transform, axis_label, dropped = _log_scale(shown) if self.log_scale else (None, numbers.compact, 0)

        def value(v: float | None) -> float | None:
            return v if transform is None or v is None else transform(v)

        slots = [
            Slot(_short(label), [(value(shown.values[t][i]), n) for n, t in enumerate(tickers)])
            for i, label in enumerate(shown.labels)
        ]
        marks = MARKERS if self.as_lines else SERIES_GLYPHS
        legend = [
            (f"{marks[n % len(marks)]}:series-{n % 8}", printable(t, one_line=True)[:12]) for n, t in enumerate(tickers)
        ]
        hidden_before, hidden_after = first, len(data.labels) - first - len(shown.labels)
        start = self.aligned.common_start()
        base = month_year_shown(self.aligned.labels[start]) if start is not None else tr("each one's first")
        notes = [
            tr("index: {base} = 100", base=base) if self.indexed else "",
            "" if self.indexed else unit_note(),
            tr("log scale") if self.log_scale else "",
            tr("{count} ≤0 not drawn", count=dropped) if dropped else "",
            self.range_note(),
            tr("‹ {count} earlier", count=hidden_before) if hidden_before else "",
            tr("{count} later ›", count=hidden_after) if hidden_after else "",
        ]
        at = (len(data.labels) - 1 if self.cursor is None else self.cursor) - first
        readout = self.readout(first + at) if height >= 8 and 0 <= at < len(shown.labels) else ""
        return draw(
            slots,
            len(tickers),
            width,
            height,
            self.styles_by_name(),
            legend,
            " ".join(n for n in notes if n),
            at,
            readout,
            line=self.as_lines,
            axis_label=axis_label,
            bridge=bool(shown.labels) and " " in shown.labels[0],  # annual: one slot per year-end month
        )


def _short(label: str) -> str:
    """An axis label: `2025Q3` → `25Q3`, `Jan 2025` → `Jan25` (`25年1月` in Chinese)."""
    if len(label) == 6 and label[4] == "Q":
        return label[2:]
    month, _, year = label.partition(" ")
    if month in MONTHS and year.isdigit():
        return tr("{month}{year:02d}", month=month_name(MONTHS.index(month) + 1), year=int(year) % 100)
    return f"{month}{year[2:]}" if year else label


def _log_scale(data: Aligned) -> tuple[Callable[[float], float | None], Callable[[float], str], int]:
    """Values → decades above the lowest one shown; axis labels back in values; how many (≤ 0) cannot be drawn."""
    positive = [v for values in data.values.values() for v in values if v is not None and v > 0]
    dropped = sum(1 for values in data.values.values() for v in values if v is not None and v <= 0)
    floor = math.floor(math.log10(min(positive))) if positive else 0

    def transform(v: float) -> float | None:
        return math.log10(v) - floor if v > 0 else None

    def label(tick: float) -> str:
        return numbers.compact(10 ** (tick + floor))

    return transform, label, dropped
