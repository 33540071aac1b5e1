"""Bar charts drawn with block characters: one company's actuals vs guidance, or several companies side by side.

Block characters rather than plotext: at 80×24 plotext squeezes ranges into one cell and drops
error bars from its legend. Here actuals are solid bars with eighth-block tops, guidance is a
shaded range (`░`) beside them, a floor alone (`≥`) is a `^`, and every chart has a legend, so
the chart reads the same without colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from workbench.core.capex.summaries import Aligned, PeriodPoint, short_label
from workbench.core.output import numbers
from workbench.core.output.literal import printable

EIGHTHS = " ▁▂▃▄▅▆▇█"
SERIES_GLYPHS = "█▓▒░▚▞▌▐"
ACTUAL, RANGE, FLOOR, CEILING, ZERO = "█", "░", "^", "v", "·"


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


@dataclass
class Canvas:
    """A grid of (character, style) cells that becomes lines of rich Text."""

    width: int
    height: int
    cells: list[list[tuple[str, Style | None]]] = field(init=False)

    def __post_init__(self) -> None:
        self.cells = [[(" ", None)] * self.width for _ in range(self.height)]

    def put(self, row: int, col: int, char: str, style: Style | None = None) -> None:
        if 0 <= row < self.height and 0 <= col < self.width:
            self.cells[row][col] = (char, style)

    def write(self, row: int, col: int, text: str, style: Style | None = None) -> None:
        for offset, char in enumerate(text):
            self.put(row, col + offset, char, style)

    def lines(self) -> list[Text]:
        out = []
        for row in self.cells:
            line = Text(end="", no_wrap=True)
            for char, style in row:
                line.append(char, style)
            out.append(line)
        return out


@dataclass
class Slot:
    """One period on the x axis: bars (value, series) and an optional guidance range."""

    label: str
    bars: list[tuple[float | None, int]]
    low: float | None = None
    high: float | None = None


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
        if value <= 0 or len(text) > width + 1:
            return
        cells_tall = math.ceil(max(1, round(value / self.scale.per_row * 8)) / 8)
        row = self.top + self.scale.rows_up - cells_tall - 1
        start = col + (width - len(text)) // 2
        if row < self.top or any(
            self.canvas.cells[row][x][0] != " " for x in range(start, start + len(text)) if 0 <= x < self.canvas.width
        ):
            return
        self.canvas.write(row, start, text, style)

    def span(self, col: int, width: int, low: float | None, high: float | None, style: Style | None) -> None:
        """A guidance range as shaded cells; a floor or ceiling alone as `^` or `v`."""
        if low is not None and high is not None:
            first, last = self.scale.row_of(high), self.scale.row_of(low)
            glyph = RANGE
        else:
            first = last = self.scale.row_of(low if low is not None else high)
            glyph = FLOOR if low is not None else CEILING
        for x in range(col, col + width):
            for r in range(first, last + 1):
                self.canvas.put(self.top + r, x, glyph, style)


def _axis(canvas: Canvas, scale: Scale, top: int, width: int, style: Style | None) -> None:
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
        text = numbers.compact(value)[-(width - 1) :]
        canvas.write(top + row, width - 1 - len(text), text, style)
        canvas.put(top + row, width - 1, "┘" if row == rows else "┤", style)


def axis_width(scale: Scale) -> int:
    """Columns the value labels and the axis line need."""
    return max(len(numbers.compact(v)) for v in scale.ticks()) + 2


def draw(
    slots: list[Slot],
    series: int,
    width: int,
    height: int,
    styles: dict[str, Style],
    legend: list[tuple[str, str]],
    note: str = "",
) -> list[Text]:
    """Lay out `slots` (periods) in a width × height chart with a legend line on top."""
    canvas = Canvas(width, height)
    values = [v for s in slots for v, _ in s.bars if v is not None]
    values += [v for s in slots for v in (s.low, s.high) if v is not None]
    scale = Scale.fit(values, max(1, height - 2))
    left = axis_width(scale)
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
    _axis(canvas, scale, 1, left, styles.get("axis"))
    plot = Plot(canvas, scale, 1, left)
    last_label_end = -1
    for i, slot in enumerate(slots):
        start = left + i * slot_width + max(0, (slot_width - group * bar_width - 1) // 2)
        for value, index in slot.bars:
            if value is not None:
                glyph = SERIES_GLYPHS[index % len(SERIES_GLYPHS)] if series > 1 else ACTUAL
                plot.bar(start + index * bar_width, bar_width, value, glyph, styles.get(f"series-{index}"))
        if slot.low is not None or slot.high is not None:
            plot.span(start + series * bar_width, bar_width, slot.low, slot.high, styles.get("guidance"))
        if series == 1 and slot_width >= 6:
            for value, _index in slot.bars:
                if value is not None:
                    plot.label_above(start, bar_width, value, styles.get("axis"))
        centre = left + i * slot_width + slot_width // 2
        label_start = max(left, centre - len(slot.label) // 2)
        if label_start > last_label_end and label_start + len(slot.label) <= width:
            canvas.write(height - 1, label_start, slot.label, styles.get("label"))
            last_label_end = label_start + len(slot.label)
    return canvas.lines()


def fitting(count: int, width: int, per_slot: int) -> int:
    """How many of `count` periods fit in `width` columns at `per_slot` columns each (at least 1)."""
    return max(1, min(count, width // per_slot))


class ChartBase(Widget):
    """A chart that redraws itself from plain data at whatever size it is given."""

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
    ChartBase > .chart--series-0 { color: $primary-lighten-2; }
    ChartBase > .chart--series-1 { color: $warning; }
    ChartBase > .chart--series-2 { color: $success; }
    ChartBase > .chart--series-3 { color: $error; }
    ChartBase > .chart--series-4 { color: $accent; }
    ChartBase > .chart--series-5 { color: $secondary; }
    ChartBase > .chart--series-6 { color: $foreground; }
    ChartBase > .chart--series-7 { color: $primary-darken-1; }
    """

    empty_text = ""

    def styles_by_name(self) -> dict[str, Style]:
        return {name.split("--", 1)[1]: self.get_component_rich_style(name) for name in self.COMPONENT_CLASSES}

    def empty(self) -> Text:
        return Text(self.empty_text, style=self.get_component_rich_style("chart--muted"))

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
    """One company's capex by period: actual bars and, beside them, the latest guidance on the same basis."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.points: list[PeriodPoint] = []
        self.calendar = False
        self.empty_text = "No figures."

    def show(self, points: list[PeriodPoint], calendar: bool, empty_text: str) -> None:
        """Chart these periods (already one basis and one frequency)."""
        self.points, self.calendar, self.empty_text = points, calendar, empty_text
        self.refresh()

    def chart_lines(self, width: int, height: int) -> list[Text] | None:
        if not self.points:
            return None
        guidance = any(p.guidance for p in self.points)
        shown = self.points[-fitting(len(self.points), width - 8, 3 if guidance else 2) :]
        slots = []
        for p in shown:
            g = p.guidance
            low = high = None
            if g is not None:
                if g.value_bn is not None:
                    low = high = g.value_bn
                else:
                    low, high = g.low_bn, g.high_bn
            slots.append(Slot(short_label(p.period, p.period_end, self.calendar), [(p.actual_bn, 0)], low, high))
        legend = [("█:series-0", "actual")]
        if any(s.low is not None and s.high is not None for s in slots):
            legend.append(("░:guidance", "guidance"))
        if any(s.high is None and s.low is not None for s in slots):
            legend.append(("^:guidance", "guidance floor (≥)"))
        if any(s.low is None and s.high is not None for s in slots):
            legend.append(("v:guidance", "guidance ceiling (≤)"))
        hidden = len(self.points) - len(shown)
        note = f"‹ {hidden} earlier" if hidden else ""
        return draw(slots, 1, width, height, self.styles_by_name(), legend, note)


class CompareChart(ChartBase):
    """Several companies' actuals on shared calendar periods, one glyph and colour each, with a legend."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.aligned = Aligned([], {})
        self.indexed = False
        self.empty_text = "Mark companies with space in the list, then press c."

    def show(self, aligned: Aligned, indexed: bool, empty_text: str) -> None:
        """Chart these aligned series (indexing happens here, over the periods that fit)."""
        self.aligned, self.indexed, self.empty_text = aligned, indexed, empty_text
        self.refresh()

    def visible(self, width: int) -> Aligned:
        """The latest periods that fit in `width` (indexed over every period, as the table is)."""
        data = self.aligned.indexed() if self.indexed else self.aligned
        return data.window(fitting(len(data.labels), width - 8, len(data.values) + 1))

    def chart_lines(self, width: int, height: int) -> list[Text] | None:
        if not self.aligned.labels or not self.aligned.values:
            return None
        shown = self.visible(width)
        tickers = list(shown.values)
        slots = [
            Slot(label[2:] if len(label) == 6 else label, [(shown.values[t][i], n) for n, t in enumerate(tickers)])
            for i, label in enumerate(shown.labels)
        ]
        legend = [
            (f"{SERIES_GLYPHS[n % len(SERIES_GLYPHS)]}:series-{n % 8}", printable(t, one_line=True)[:12])
            for n, t in enumerate(tickers)
        ]
        hidden = len(self.aligned.labels) - len(shown.labels)
        start = self.aligned.common_start()
        base = self.aligned.labels[start] if start is not None else "each one's first"
        note = (f"index: {base} = 100" if self.indexed else "") + (f" ‹ {hidden} earlier" if hidden else "")
        return draw(slots, len(tickers), width, height, self.styles_by_name(), legend, note.strip())
