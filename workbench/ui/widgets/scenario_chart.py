"""Cumulative free cash flow per case over time, with the zero line that payback crosses."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from workbench.core.i18n import tr
from workbench.core.output.literal import printable
from workbench.core.roi import model as roi

# One marker character per case, so the lines tell apart without colour.
MARKERS = ("*", "x", "+", "o", "#", "@", "%", "=")


class FcfChart(PlotextPlot):
    """Cumulative FCF at the end of each year (from 0 at the start); payback = the zero crossing.

    Points are plotted at years since the start, so the straight line between two year-ends
    crosses zero exactly at the interpolated payback the results table reports.
    """

    DEFAULT_CSS = """
    FcfChart { height: 1fr; }
    """

    def show(self, results: list[tuple[str, roi.Result]], editing: str) -> None:
        """Redraw for every evaluable case."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(tr("Cumulative FCF $B · payback = crossing 0 (│)"))
        lows, highs = [0.0], [0.0]
        start = None
        for index, (case, result) in enumerate(results):
            start = result.inputs.start_year if start is None else start
            xs = [0.0] + [t + 1.0 for t in range(len(result.years))]
            ys = [0.0] + [row.cumulative_fcf for row in result.years]
            lows.append(min(ys))
            highs.append(max(ys))
            label = printable(case, one_line=True)[:16]
            label = tr("{case} (editing)", case=label) if case == editing else label
            plt.plot(xs, ys, marker=MARKERS[index % len(MARKERS)], label=label)
            if result.payback_years is not None and result.payback_years > 0:
                plt.vline(result.payback_years, color="gray")
        plt.hline(0.0, color="gray")
        if start is not None:
            horizon = max(len(result.years) for _, result in results)
            step = max(1, horizon // 5)
            years = list(range(0, horizon + 1, step))
            plt.xticks([float(t) for t in years], [str(start + t) for t in years])
        low, high = min(lows), max(highs)
        if high > low:
            ticks: list[float] = sorted({0.0, low, high, round(low / 2, 1), round(high / 2, 1)})
            plt.yticks(ticks, [f"{t:,.0f}" for t in ticks])
        self.refresh()

    def render(self) -> RenderResult:
        """Plotext counts every character as one cell: give back a blank cell for each wide one
        (a Chinese title, a case name), so no line of the chart runs past its edge."""
        drawn = super().render()
        if not isinstance(drawn, Text) or cell_len(drawn.plain) == len(drawn.plain):
            return drawn
        squeezed = Text("\n").join(_squeeze(line) for line in drawn.split("\n", allow_blank=True))
        squeezed.no_wrap, squeezed.overflow = True, "crop"
        return squeezed


def _squeeze(line: Text) -> Text:
    """`line` with one cell given back after each wide character, from the first run after it of
    blanks (a title's padding, the plot's empty cells), else of one character (the zero line),
    else the next space."""
    plain = line.plain
    drop: set[int] = set()
    for index, char in enumerate(plain):
        if cell_len(char) < 2:
            continue
        free = [j for j in range(index + 1, len(plain)) if j not in drop]
        runs = [j for j, k in zip(free, free[1:]) if k == j + 1 and plain[j] == plain[k] and cell_len(plain[j]) == 1]
        blank = [j for j in runs if plain[j] == " "]
        spaces = [j for j in free if plain[j] == " "]
        if blank or runs or spaces:
            drop.add((blank or runs or spaces)[0])
    for j in sorted(drop, reverse=True):
        line = line[:j] + line[j + 1 :]
    return line
