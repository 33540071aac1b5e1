"""A sensitivity grid: NPV (or IRR, or payback) of the edited case over any two inputs, and
the tornado of every input beside it (`t`)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Select, Static

from workbench.core.i18n import N_, tr
from workbench.core.roi import format as fmt
from workbench.core.roi import model as roi
from workbench.ui.themes import on_theme_change, trend_style
from workbench.ui.widgets.scenario_tornado import ScenarioTornado

SIZES = (5, 7, 9, 11, 15, 21)


class SensitivityGrid(Vertical):
    """NPV ($B) for each pair of values of two chosen inputs around the current ones.

    Cells read `+12.3` / `−4.5` (sign first, so the grid reads without colour) in the theme's
    up/down colours; the cell of the current values is marked with •. 5×5 by default, up to 21×21
    (`+`/`-`); computed in a worker so typing never waits for it.
    """

    DEFAULT_CSS = """
    SensitivityGrid { height: 1fr; }
    SensitivityGrid #grid-controls { height: 1; }
    SensitivityGrid #grid-controls Select { width: 1fr; }
    SensitivityGrid .grid-caption { width: auto; padding: 0 1; }
    SensitivityGrid DataTable { height: 1fr; }
    SensitivityGrid #grid-note { height: 1; color: $text-muted; padding: 0 1; }
    SensitivityGrid ScenarioTornado { display: none; }
    SensitivityGrid.-tornado ScenarioTornado { display: block; }
    SensitivityGrid.-tornado #grid-controls, SensitivityGrid.-tornado DataTable { display: none; }
    """

    BINDINGS = [
        Binding("plus,equals_sign", "resize(1)", N_("Bigger grid"), id="scenarios.grid_bigger"),
        Binding("minus", "resize(-1)", N_("Smaller grid"), id="scenarios.grid_smaller"),
        Binding(
            "m",
            "measure",
            N_("NPV/IRR/Payback"),
            id="scenarios.grid_measure",
            tooltip=N_("What the cells show: NPV, IRR or payback"),
        ),
        Binding(
            "t",
            "tornado",
            N_("Tornado"),
            id="scenarios.tornado",
            tooltip=N_("NPV swing of every input at × 0.8 and × 1.2, widest first (t again: the grid)"),
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.x_name = "utilization"
        self.y_name = "revenue_bn"
        self.cells = SIZES[0]
        self.measure = "npv"
        self.inputs: roi.Inputs | None = None

    def compose(self) -> ComposeResult:
        options = [(tr(spec.label), name) for name, spec in roi.INPUTS.items() if name in roi.SOLVABLE]
        with Horizontal(id="grid-controls"):
            yield Static(tr("Across:"), classes="grid-caption")
            yield Select(options, value=self.x_name, allow_blank=False, compact=True, id="grid-x")
            yield Static(tr("Down:"), classes="grid-caption")
            yield Select(options, value=self.y_name, allow_blank=False, compact=True, id="grid-y")
            yield Static("", id="grid-size", classes="grid-caption")
        yield DataTable(id="grid-table", cursor_type="cell")
        yield ScenarioTornado(id="grid-tornado")
        yield Static("", id="grid-note")

    def on_mount(self) -> None:
        """Show the size; recolour when the theme changes."""
        self._caption()
        on_theme_change(self, lambda: self.show(self.inputs))

    def _caption(self) -> None:
        self.query_one("#grid-size", Static).update(f"{self.cells}×{self.cells} (+/−)")
        if self.has_class("-tornado"):
            note = tr("t: back to the grid")
        else:
            table = self.query_one("#grid-table", DataTable)
            scrolls = table.virtual_size.width > table.scrollable_content_region.width
            note = tr("Cells: {measure} (m: NPV/IRR/payback) · t: tornado", measure=tr(roi.MEASURES[self.measure]))
            note += " · " + tr("←/→ scroll for more") if scrolls else ""
        self.query_one("#grid-note", Static).update(note)

    def show(self, inputs: roi.Inputs | None) -> None:
        """Recompute for new inputs (the edited case's last valid ones)."""
        self.inputs = inputs
        if self.has_class("-tornado"):
            self.query_one(ScenarioTornado).show(inputs)
        elif inputs is not None:
            self._compute(inputs, self.x_name, self.y_name, self.cells, self.measure)

    def action_measure(self) -> None:
        """Cells show NPV, then IRR, then payback."""
        names = list(roi.MEASURES)
        self.measure = names[(names.index(self.measure) + 1) % len(names)]
        self._caption()
        self.show(self.inputs)

    def action_tornado(self) -> None:
        """Switch between the grid and the tornado."""
        self.toggle_class("-tornado")
        self._caption()
        self.show(self.inputs)
        if self.has_class("-tornado"):
            self.query_one(ScenarioTornado).focus()
        else:
            self.query_one("#grid-table", DataTable).focus()

    def action_resize(self, step: int) -> None:
        """Grow or shrink the grid through 5×5 … 21×21."""
        index = max(0, min(len(SIZES) - 1, SIZES.index(self.cells) + step))
        self.cells = SIZES[index]
        self._caption()
        self.show(self.inputs)

    def on_select_changed(self, event: Select.Changed) -> None:
        """Another input on an axis: swap if it is the other axis's input."""
        event.stop()
        value = str(event.value)
        if event.select.id == "grid-x" and value != self.x_name:
            if value == self.y_name:
                self.y_name = self.x_name
                self._set_select("grid-y", self.y_name)
            self.x_name = value
        elif event.select.id == "grid-y" and value != self.y_name:
            if value == self.x_name:
                self.x_name = self.y_name
                self._set_select("grid-x", self.x_name)
            self.y_name = value
        self.show(self.inputs)

    def _set_select(self, select_id: str, value: str) -> None:
        select = self.query_one(f"#{select_id}", Select)
        with self.prevent(Select.Changed):
            select.value = value

    @work(thread=True, exclusive=True, exit_on_error=False, group="sensitivity")
    def _compute(self, inputs: roi.Inputs, x_name: str, y_name: str, size: int, measure: str) -> None:
        """Compute the grid off the event loop (NPV: up to ~25 ms for 21×21 at long horizons;
        IRR and payback evaluate the whole model per cell)."""
        xs = fmt.axis_values(x_name, inputs.value(x_name), size)
        ys = fmt.axis_values(y_name, inputs.value(y_name), size)
        grid = roi.sensitivity(inputs, x_name, xs, y_name, ys, measure)
        self.app.call_from_thread(self._fill, inputs, x_name, xs, y_name, ys, grid, measure)

    def _fill(
        self,
        inputs: roi.Inputs,
        x_name: str,
        xs: list[float],
        y_name: str,
        ys: list[float],
        grid: list[list[float]],
        measure: str = "npv",
    ) -> None:
        if inputs is not self.inputs or (x_name, y_name, measure) != (self.x_name, self.y_name, self.measure):
            return  # a newer request is on its way
        table = self.query_one("#grid-table", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        x_now, y_now = inputs.value(x_name), inputs.value(y_name)
        corner = f"{tr(roi.INPUTS[y_name].label)} ↓ / {tr(roi.INPUTS[x_name].label)} →"
        table.add_column(Text(corner, overflow="ellipsis", no_wrap=True), key="y", width=11)
        for j, x in enumerate(xs):
            label = fmt.axis_label(x_name, x, local=True) + ("•" if x == x_now else "")
            table.add_column(Text(label, justify="right"), key=f"x{j}")
        for i, y in enumerate(ys):
            label = fmt.axis_label(y_name, y, local=True) + ("•" if y == y_now else "")
            row = [Text(label, style="bold")]
            for j, value in enumerate(grid[i]):
                text, sign = fmt.measure_cell(measure, value, inputs.discount_rate, local=True)
                style = trend_style(self.app, sign)
                if xs[j] == x_now and y == y_now:
                    style += " bold reverse"
                row.append(Text(text, style=style.strip(), justify="right"))
            table.add_row(*row, key=f"y{i}")
        table.cursor_coordinate = cursor
        self.call_after_refresh(self._caption)  # the width is known once laid out
