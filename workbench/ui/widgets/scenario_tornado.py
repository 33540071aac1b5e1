"""The tornado: NPV when each input alone moves 20% down and up, widest swing first."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from workbench.core.i18n import tr
from workbench.core.roi import format as fmt
from workbench.core.roi import model as roi
from workbench.core.roi.tornado import Bar, tornado
from workbench.ui.themes import trend_style

BAR = 21  # cells of the bar column; the middle one is the base NPV


def _value(name: str, value: float) -> str:
    return fmt.axis_label(name, value, local=True)


class ScenarioTornado(VerticalScroll):
    """A row per input: its values at × 0.8 and × 1.2, the NPV at each, and a bar around the
    base NPV (▒ = × 0.8, █ = × 1.2, so it reads without colour)."""

    DEFAULT_CSS = """
    ScenarioTornado { height: 1fr; padding: 0 1; }
    """

    def compose(self):
        yield Static("", id="tornado-body")

    _inputs: roi.Inputs | None = None

    def on_resize(self) -> None:
        """Fit the bars to the new width."""
        if self._inputs is not None:
            self.show(self._inputs)

    def show(self, inputs: roi.Inputs | None) -> None:
        """Redraw for the edited case's inputs (a few dozen NPVs: no worker needed)."""
        self._inputs = inputs
        body = self.query_one("#tornado-body", Static)
        if inputs is None:
            body.update(Text(tr("This case's inputs are invalid."), style="red"))
            return
        base = roi.npv(inputs)
        bars = tornado(inputs)
        widest = max((bar.swing for bar in bars), default=0.0)
        reach = max([abs(v - base) for bar in bars for v in (bar.npv_low, bar.npv_high) if v is not None] + [1e-12])
        rows = [
            (
                tr(roi.INPUTS[bar.input].label),
                f"{_value(bar.input, bar.low_value)}→{_value(bar.input, bar.high_value)}",
                self._npv(bar.npv_low),
                self._npv(bar.npv_high),
            )
            for bar in bars
        ]
        # Numbers whole first; the bar takes what is left, the labels give way below 12.
        values = max([len("×0.8→1.2")] + [cell_len(r[1]) for r in rows])
        npvs = max([5] + [max(r[2].cell_len, r[3].cell_len) for r in rows])
        width = self.scrollable_content_region.width or 60
        label = max(8, min(15, width - values - 2 * npvs - 8 - 9))
        bar_width = max(9, width - label - values - 2 * npvs - 10) | 1  # odd: a middle cell
        table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False)
        table.add_column(tr("Input"), no_wrap=True, overflow="ellipsis", width=label)
        table.add_column("×0.8→1.2", no_wrap=True, justify="right", width=values)
        table.add_column("×0.8", no_wrap=True, justify="right", width=npvs)
        table.add_column("×1.2", no_wrap=True, justify="right", width=npvs)
        table.add_column("", no_wrap=True, width=bar_width)
        for bar, row in zip(bars, rows):
            table.add_row(*row, self._bar(bar, base, reach, bar_width))
        legend = Text(
            tr(
                "NPV $B at each input × 0.8 and × 1.2, the others held; base {base} (│). "
                "▒ × 0.8 · █ × 1.2 · widest swing {swing}",
                base=fmt.money(base, signed=True),
                swing=fmt.money(widest),
            ),
            style="dim",
        )
        body.update(Group(legend, table))

    def _npv(self, value: float | None) -> Text:
        if value is None:
            return Text(tr("n/a"), style="dim")
        return Text(fmt.grid_cell(value), style=trend_style(self.app, fmt.grid_sign(value)))

    @staticmethod
    def _bar(bar: Bar, base: float, reach: float, width: int = BAR) -> Text:
        """▒/█ cells from the base NPV (centre) towards each side's NPV."""
        half = width // 2
        cells = [" "] * width
        cells[half] = "│"
        for value, mark in ((bar.npv_low, "▒"), (bar.npv_high, "█")):
            if value is None:
                continue
            steps = round((value - base) / reach * half)
            for k in range(1, abs(steps) + 1):
                index = half + (k if steps > 0 else -k)
                if 0 <= index < width:
                    cells[index] = mark
        return Text("".join(cells))
