"""Every case's headline results side by side: NPV, IRR, payback, break-even utilization."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.widgets import Static

from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.roi import format as fmt
from workbench.core.roi import model as roi
from workbench.core.scenarios.editing import CaseOutcome
from workbench.core.scenarios.export import peak_need, total_capex
from workbench.ui.safe_text import literal
from workbench.ui.themes import on_theme_change, trend_style

# (header when there is room, header when narrow); numbers are never shortened, labels are.
HEADERS = {
    "npv": ("NPV $B", "NPV $B"),
    "irr": ("IRR", "IRR"),
    "payback": (N_("Payback"), N_("Payback")),
    "breakeven": (N_("Break-even util."), N_("B/E util")),
    "mirr": ("MIRR", "MIRR"),
    "capex": (N_("Capex $B"), N_("Capex")),
    "peak": (N_("Peak need $B"), N_("Peak")),
    "tv": (N_("Terminal $B"), N_("TV $B")),
}
GAP = 2  # columns between two cells (padding 1 on each side)
MIN_CASE = 6  # "▶ " and four letters of a name


class CaseResults(Static):
    """A compact table, one row per case, base first; the case being edited is marked ▶.

    Every case's NPV, IRR, payback and break-even are always shown in full: the case names
    give way first (ellipsis), then the long labels; wide screens add MIRR, total capex,
    the peak funding need and the terminal value. Redrawn whenever the width changes.
    """

    DEFAULT_CSS = """
    CaseResults { height: auto; padding: 0 1; }
    """
    _shown: tuple | None = None

    def on_mount(self) -> None:
        """Recolour NPVs when the theme changes."""
        on_theme_change(self, self._redraw)

    def on_resize(self, event: events.Resize) -> None:
        """Lay the table out again for the new width."""
        self._redraw()

    def _redraw(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, outcomes: list[CaseOutcome], editing: str, stale: list[str], wide: bool = False) -> None:
        """Redraw from fresh outcomes; `stale` names inputs whose typed text is invalid.

        Wide screens also get MIRR, total capex (refreshes included), the peak funding need
        (the lowest cumulative FCF: the most cash the build ever has tied up) and, when a
        case has one, the terminal value.
        """
        self._shown = (outcomes, editing, stale, wide)
        width = self.content_region.width or self.size.width or 80
        results = [o.result for o in outcomes if o.result is not None]
        keys = ["npv", "irr", "payback", "breakeven"]
        if wide:
            keys += ["mirr", "capex", "peak"] + (["tv"] if any(r.terminal_value is not None for r in results) else [])
        rows = [self._cells(outcome, keys) for outcome in outcomes]
        short = False
        widths = self._widths(keys, rows, short)
        if width - sum(widths) - GAP * len(keys) < min(self._case_width(outcomes), 16):
            short = True  # abbreviate the column labels before the case names
            widths = self._widths(keys, rows, short)
        case_width = max(MIN_CASE, width - sum(widths) - GAP * len(keys))
        table = Table(box=None, padding=(0, 1), pad_edge=False, expand=False, show_edge=False)
        table.add_column(
            tr("Case"), no_wrap=True, width=min(case_width, self._case_width(outcomes)), overflow="ellipsis"
        )
        for key, column_width in zip(keys, widths):
            table.add_column(tr(HEADERS[key][short]), justify="right", no_wrap=True, min_width=column_width)
        for outcome, cells in zip(outcomes, rows):
            mark = "▶ " if outcome.name == editing else "  "
            name = Text(mark, style="bold", end="")
            name.append_text(literal(outcome.name, "bold" if outcome.name == editing else "", one_line=True))
            if outcome.result is None:
                first = next(iter(outcome.errors.items()))
                table.add_row(name, Text(tr("invalid"), style="red"), literal(self._explain(*first), one_line=True))
                continue
            table.add_row(name, *cells)
        self.update(Group(table, *self._notes(outcomes, stale)))

    @staticmethod
    def _case_width(outcomes: list[CaseOutcome]) -> int:
        return 2 + max((cell_len(o.name) for o in outcomes), default=4)

    def _widths(self, keys: list[str], rows: list[list[Text]], short: bool) -> list[int]:
        return [
            max([cell_len(tr(HEADERS[key][short]))] + [row[i].cell_len for row in rows if len(row) > i])
            for i, key in enumerate(keys)
        ]

    def _cells(self, outcome: CaseOutcome, keys: list[str]) -> list[Text]:
        """One case's cells in `keys` order (empty for a case that cannot be evaluated)."""
        result = outcome.result
        if result is None:
            return []
        values = {
            "npv": Text(fmt.money(result.npv, signed=True), style=trend_style(self.app, fmt.money_sign(result.npv))),
            "irr": Text(fmt.irr_text(result.irr, len(result.irrs), local=True)),
            "payback": Text(fmt.payback_text(result.payback_years, result.inputs.horizon_years, local=True)),
            "breakeven": Text(fmt.breakeven_text(result.breakeven_utilization, short=True, local=True)),
            "mirr": Text(fmt.percent(result.mirr, local=True)),
            "capex": Text(fmt.money(total_capex(result))),
            "peak": Text(fmt.money(peak_need(result))),
            "tv": Text("–" if result.terminal_value is None else fmt.money(result.terminal_value)),
        }
        return [values[key] for key in keys]

    def _notes(self, outcomes: list[CaseOutcome], stale: list[str]) -> list[Text]:
        """What the cells cannot say: several IRRs, why there is no break-even, invalid typing."""
        notes: list[Text] = []
        several = [o for o in outcomes if o.result is not None and o.result.several_irrs]
        for outcome in several[:2]:
            result = outcome.result
            assert result is not None
            note = Text("⚠ ", style="yellow")
            name = literal(outcome.name, "yellow", one_line=True)
            name.truncate(14, overflow="ellipsis")
            note.append_text(name)
            note.append(
                tr(
                    ": IRRs {rates}; shown: nearest {rate}",
                    rates=fmt.rates_text(result.irrs, local=True),
                    rate=fmt.percent(result.inputs.discount_rate),
                ),
                style="yellow",
            )
            notes.append(note)
        if len(several) > 2:
            more = tr("⚠ and {count} more cases with several IRRs (R lists them)", count=len(several) - 2)
            notes.append(Text(more, style="yellow"))
        if any(o.result is not None and o.result.breakeven_utilization is None for o in outcomes):
            notes.append(Text(tr("B/E none: NPV<0 even at 100% · Ctrl+G: what it needs"), style="italic"))
        if stale:
            invalid = tr("✗ invalid {inputs}: results use the last valid value", inputs=", ".join(stale))
            notes.append(Text(invalid, style="red"))
        return notes

    @staticmethod
    def _explain(name: str, reason: str) -> str:
        """Why a case cannot be evaluated: the input (its label in Chinese, its key in English,
        as before) and the reason, which the screen words in the interface language."""
        if not is_chinese() or name not in roi.INPUTS:
            return f"{name}: {reason}"
        return tr("{input}: {reason}", input=tr(roi.INPUTS[name].label), reason=reason)
