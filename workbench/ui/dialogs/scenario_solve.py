"""What would have to be true: the value of one input at which NPV = 0, for every case."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from workbench.core.i18n import N_, tr
from workbench.core.roi import model as roi
from workbench.core.roi.format import input_text, nice_solution, solved_text
from workbench.ui.dialogs.scenario_frame import ScenarioDialog
from workbench.ui.safe_text import literal

# "What revenue does this capex need?" first, then "how much capex can this revenue carry?"
ORDER = ("revenue_bn", "capex_bn", "utilization", "ebitda_margin", "server_life_years", "discount_rate")


class SolveDialog(ScenarioDialog[tuple[str, str, float] | None]):
    """Pick an input; see per case the value that makes NPV = 0; Enter on a case applies it."""

    DEFAULT_CSS = """
    SolveDialog > Vertical { width: 95%; max-width: 120; height: 90%; }
    SolveDialog Horizontal { height: 1fr; }
    SolveDialog OptionList { width: 24; height: 1fr; }
    SolveDialog DataTable { width: 1fr; height: 1fr; }
    SolveDialog .solve-hint { color: $text-muted; height: auto; }
    """

    BINDINGS = [Binding("escape", "cancel", N_("Close"), id="dialog.cancel")]

    def __init__(self, cases: list[tuple[str, roi.Inputs | None]], editing: str, first: str = "revenue_bn") -> None:
        super().__init__()
        self.cases = cases
        self.editing = editing
        self.first = first
        self.name_solved = first
        self.answers: dict[str, float | None] = {}

    def compose(self) -> ComposeResult:
        names = [*ORDER, *(n for n in roi.SOLVABLE if n not in ORDER)]
        with Vertical():
            yield self.title_line(tr("Solve for NPV = 0: which value of one input, the others held?"))
            with Horizontal():
                yield OptionList(*(Option(tr(roi.INPUTS[n].label), id=n) for n in names), id="solve-inputs")
                yield DataTable(id="solve-table", cursor_type="row")
            yield Static(
                tr(
                    "↑/↓ pick an input · Tab to the cases · Enter on a case applies the value to it "
                    "(Ctrl+Z undoes) · Esc closes"
                ),
                classes="solve-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        """Start on revenue (what does this capex need?)."""
        table = self.query_one("#solve-table", DataTable)
        table.add_column(tr("Case"), key="case")
        table.add_column(Text(tr("Now"), justify="right"), key="now")
        table.add_column(Text(tr("NPV = 0 at"), justify="right"), key="at")
        table.add_column("", key="note")
        options = self.query_one("#solve-inputs", OptionList)
        options.highlighted = options.get_option_index(self.first)
        options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Solve for the highlighted input."""
        event.stop()
        if event.option.id:
            self.name_solved = event.option.id
            self._solve(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an input moves to the cases."""
        event.stop()
        self.query_one("#solve-table", DataTable).focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="solve")
    def _solve(self, name: str) -> None:
        """Solve every case off the event loop (a few ms each; more at long horizons)."""
        answers: dict[str, float | None] = {}
        others: dict[str, list[float]] = {}
        for case, inputs in self.cases:
            if inputs is None:
                answers[case] = None
                continue
            roots = roi.solve_all(inputs, name)
            value = roi.nearest(roots, float(inputs.value(name)))  # as solve_for: the results' IRR
            answers[case] = None if value is None else nice_solution(inputs, name, value)
            others[case] = [root for root in roots if root != value]
        self.app.call_from_thread(self._show, name, answers, others)

    def _show(self, name: str, answers: dict[str, float | None], others: dict[str, list[float]]) -> None:
        if name != self.name_solved:
            return
        self.answers = answers
        spec = roi.INPUTS[name]
        table = self.query_one("#solve-table", DataTable)
        table.clear()
        for case, inputs in self.cases:
            label = literal(("▶ " if case == self.editing else "  ") + case)
            if inputs is None:
                table.add_row(label, "", "", Text(tr("invalid inputs"), style="red"), key=case)
                continue
            now = inputs.value(name)
            value = answers.get(case)
            if value is None:
                lo, hi = input_text(name, spec.minimum), input_text(name, spec.maximum)
                at, note = tr("none"), tr("NPV never reaches 0 between {lo} and {hi}", lo=lo, hi=hi)
            else:
                at, note = solved_text(name, value, local=True), _direction(name, now, value)
                if others.get(case):
                    rest = ", ".join(solved_text(name, root, local=True) for root in others[case])
                    note = tr("⚠ also at {rest}; shown: nearest now · {note}", rest=rest, note=note)
            table.add_row(
                label,
                Text(solved_text(name, now, local=True), justify="right"),
                Text(at, justify="right", style="bold"),
                Text(note),
                key=case,
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Apply the solved value to that case."""
        event.stop()
        case = event.row_key.value
        value = self.answers.get(case or "")
        if case is not None and value is not None:
            self.dismiss((case, self.name_solved, value))


def _direction(name: str, now: float, needed: float) -> str:
    """How far the needed value is from today's, in words."""
    if needed == now:
        return tr("already there")
    if now:
        change = (needed - now) / abs(now) * 100
        return tr("{change} vs now", change=f"{'+' if change > 0 else '−'}{abs(change):.0f}%")
    return tr("from zero")
