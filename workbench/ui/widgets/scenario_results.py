"""Every case's headline results side by side: NPV, IRR, payback, break-even utilization."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from workbench.core.roi import format as fmt
from workbench.core.scenarios.editing import CaseOutcome
from workbench.core.scenarios.export import peak_need, total_capex
from workbench.ui.safe_text import literal
from workbench.ui.themes import on_theme_change, trend_style


class CaseResults(Static):
    """A compact table, one row per case, base first; the case being edited is marked ▶."""

    DEFAULT_CSS = """
    CaseResults { height: auto; padding: 0 1; }
    """
    _shown: tuple | None = None

    def on_mount(self) -> None:
        """Recolour NPVs when the theme changes."""
        on_theme_change(self, lambda: self._shown and self.show(*self._shown))

    def show(self, outcomes: list[CaseOutcome], editing: str, stale: list[str], wide: bool = False) -> None:
        """Redraw from fresh outcomes; `stale` names inputs whose typed text is invalid.

        Wide screens also get total capex (refreshes included) and the peak funding need
        (the lowest cumulative FCF: the most cash the build ever has tied up).
        """
        self._shown = (outcomes, editing, stale, wide)
        table = Table(box=None, padding=(0, 1), pad_edge=False, expand=False, show_edge=False)
        table.add_column("Case", no_wrap=True, max_width=14, overflow="ellipsis")
        table.add_column("NPV $B", justify="right", no_wrap=True)
        table.add_column("IRR", justify="right", no_wrap=True)
        table.add_column("Payback", justify="right", no_wrap=True)
        table.add_column("Break-even util.", justify="right", no_wrap=True)
        if wide:
            table.add_column("Capex $B", justify="right", no_wrap=True)
            table.add_column("Peak need $B", justify="right", no_wrap=True)
        several: list[str] = []
        for outcome in outcomes:
            mark = "▶ " if outcome.name == editing else "  "
            name = Text(mark, style="bold", end="")
            name.append_text(literal(outcome.name, "bold" if outcome.name == editing else ""))
            result = outcome.result
            if result is None:
                first = next(iter(outcome.errors.items()))
                table.add_row(name, Text("invalid", style="red"), literal(f"{first[0]}: {first[1]}"))
                continue
            npv = Text(fmt.money(result.npv, signed=True), style=trend_style(self.app, fmt.money_sign(result.npv)))
            irr = fmt.percent(result.irr)
            if result.multiple_sign_changes:
                irr += "⚠"
                several.append(outcome.name)
            cells = [
                name,
                npv,
                irr,
                fmt.payback_text(result.payback_years, result.inputs.horizon_years),
                fmt.breakeven_text(result.breakeven_utilization),
            ]
            if wide:
                cells.append(fmt.money(total_capex(result)))
                cells.append(fmt.money(peak_need(result)))
            table.add_row(*cells)
        notes: list[Text] = []
        if several:
            notes.append(
                Text.assemble(
                    "⚠ IRR ambiguous: FCF changes sign >1× in ",
                    literal(", ".join(several)),
                    style="yellow",
                )
            )
        if any(o.result is not None and o.result.breakeven_utilization is None for o in outcomes):
            notes.append(Text("No break-even? Ctrl+G: the revenue/margin it needs", style="italic"))
        if stale:
            notes.append(Text(f"✗ invalid {', '.join(stale)}: results use the last valid value", style="red"))
        self.update(Group(table, *notes) if notes else table)
