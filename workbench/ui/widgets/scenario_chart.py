"""Cumulative free cash flow per case over time, with the zero line that payback crosses."""

from __future__ import annotations

from textual_plotext import PlotextPlot

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
        plt.title("Cumulative FCF $B · payback = crossing 0 (│)")
        lows, highs = [0.0], [0.0]
        start = None
        for index, (case, result) in enumerate(results):
            start = result.inputs.start_year if start is None else start
            xs = [0.0] + [t + 1.0 for t in range(len(result.years))]
            ys = [0.0] + [row.cumulative_fcf for row in result.years]
            lows.append(min(ys))
            highs.append(max(ys))
            label = printable(case, one_line=True)[:16] + (" (editing)" if case == editing else "")
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
