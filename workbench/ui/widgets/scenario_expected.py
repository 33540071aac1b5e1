"""The model against its sources: each figure a scenario's documents state, beside the model's."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.containers import VerticalScroll
from textual.widgets import Static

from workbench.core.roi import format as fmt
from workbench.core.roi import model as roi
from workbench.core.scenarios.expected import METRICS, Comparison, compare
from workbench.core.scenarios.reality import RealityRow, Reported
from workbench.ui.safe_text import literal


def _figure(unit: str, value: float) -> str:
    return fmt.percent(value) if unit == "%" else f"${fmt.money(value)}B"


def _lever_text(lever_name: str, now: float, needed: float | None) -> str:
    spec = roi.INPUTS[lever_name]
    label = spec.label.lower() if spec.label != "EBITDA margin" else spec.label
    if needed is None:
        return f"{label}: no value does it alone"
    return f"{label} {fmt.solved_text(lever_name, needed)} (now {fmt.solved_text(lever_name, now)})"


class ScenarioExpected(VerticalScroll):
    """For the case being edited: every stated figure, the model's steady-state value, the gap,
    how the model's figure is made up, and what each driving input would have to be."""

    DEFAULT_CSS = """
    ScenarioExpected { height: 1fr; padding: 0 1; }
    ScenarioExpected > Static { width: 1fr; }
    """

    def compose(self):
        yield Static("", id="expected-body")

    reality: Group | None = None

    def show(
        self,
        result: roi.Result | None,
        case: str,
        stated: dict[str, tuple[float, float]],
        quotes: dict[str, list[str]],
        reality: tuple[str, list[RealityRow], Reported | None, Reported | None] | None = None,
    ) -> None:
        """Compare in a worker (each lever is a small search over the model); `reality` is
        (ticker, rows, latest capex, latest cloud revenue) of the company's reported figures."""
        self.reality = _reality(*reality, result) if reality is not None and result is not None else None
        body = self.query_one("#expected-body", Static)
        if result is None:
            body.update(Text("This case's inputs are invalid: nothing to compare.", style="red"))
            return
        if not stated:
            hint = Text(
                "This scenario states no figures from its sources. Add, for example,\n"
                "[scenario.expected]\noperating_profit_bn = [2.4, 3.2]\n"
                'and back it with [scenario.sources] operating_profit_bn = ["quote-id"].\n'
                f"Figures: {', '.join(METRICS)}.",
                style="dim",
            )
            body.update(Group(hint, self.reality) if self.reality is not None else hint)
            return
        self._compare(result, case, dict(stated), quotes)

    @work(thread=True, exclusive=True, exit_on_error=False, group="expected")
    def _compare(
        self, result: roi.Result, case: str, stated: dict[str, tuple[float, float]], quotes: dict[str, list[str]]
    ) -> None:
        comparisons = [compare(result, metric, low, high) for metric, (low, high) in stated.items()]
        self.app.call_from_thread(self._fill, result, case, comparisons, quotes)

    def _fill(self, result: roi.Result, case: str, comparisons: list[Comparison], quotes: dict[str, list[str]]) -> None:
        parts: list[RenderableType] = []
        year = comparisons[0].year if comparisons else result.inputs.start_year
        head = Text("Model vs sources", style="bold")
        head.append(f" · case {case} · {year}, the first year at full ramp", style="")
        parts.append(head)
        # The figures the model misses first: they are the point.
        for c in sorted(comparisons, key=lambda c: c.gap == 0):
            spec = METRICS[c.metric]
            line = Text()
            line.append(f"\n{spec.label}: ", style="bold")
            line.append(f"model {_figure(spec.unit, c.model)}")
            stated = (
                _figure(spec.unit, c.low)
                if c.low == c.high
                else (f"{_figure(spec.unit, c.low)}–{_figure(spec.unit, c.high)}")
            )
            line.append(f" · sources {stated} · ")
            if c.gap == 0:
                line.append("within ✓", style="bold")
            else:
                where = "below" if c.gap < 0 else "above"
                line.append(f"{_figure(spec.unit, abs(c.gap))} {where} ⚠", style="bold")
            parts.append(line)
            for qid in quotes.get(c.metric, []):
                parts.append(Text.assemble("  ❝ ", literal(qid, "italic")))
            if c.levers:
                target = _figure(spec.unit, c.low if c.gap < 0 else c.high)
                levers = " · ".join(_lever_text(lv.input, lv.now, lv.needed) for lv in c.levers)
                parts.append(Text(f"  To reach {target}, one input alone: {levers}", style="italic"))
        if comparisons:
            parts.append(Text(""))
            parts.append(self._made_of(result, comparisons[0]))
        if self.reality is not None:
            parts.append(self.reality)
        self.query_one("#expected-body", Static).update(Group(*parts))

    @staticmethod
    def _made_of(result: roi.Result, c: Comparison) -> Text:
        """Why the model says what it says: revenue × margin − this build's own depreciation."""
        p = result.inputs
        figures = dict(c.parts)
        text = Text("Why: ", style="")
        text.append(
            f"revenue ${fmt.money(figures['Revenue'])}B × {fmt.percent(p.ebitda_margin)} margin = EBITDA "
            f"${fmt.money(figures['EBITDA'])}B − depreciation ${fmt.money(figures['Depreciation'])}B "
            f"(this build's own: servers over {p.book_life} yrs, facility over {p.facility_life_years}) = EBIT "
            f"${fmt.money(figures['EBIT'])}B."
        )
        refresh = figures["Servers re-bought a year in refresh years"]
        if refresh:
            text.append(
                f" Cash: servers are bought again every {p.server_life_years} yrs (${fmt.money(refresh)}B a year "
                "in refresh years), which operating profit never shows."
            )
        return text


def _reality(
    ticker: str, rows: list[RealityRow], capex: Reported | None, cloud: Reported | None, result: roi.Result
) -> Group:
    """The scenario's capex and revenue beside what the company reports, year by year."""
    head = Text("\nAgainst reality", style="bold")
    head.append_text(literal(f" · $B; Build, Revenue: this scenario; Capex, Cloud rev.: {ticker} reports"))
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False)
    for label in ("Year", "Build", "Capex", "FY", "Revenue", "Cloud rev."):
        table.add_column(label, justify="left" if label in ("Year", "FY") else "right", no_wrap=True)
    shown = [r for r in rows if r.capex or r.cloud_revenue or r.model_capex is not None]
    for row in shown[:12]:
        reported = row.capex or row.cloud_revenue
        table.add_row(
            str(row.year),
            "" if row.model_capex is None else fmt.money(row.model_capex),
            _reported(row.capex),
            "" if reported is None else reported.fiscal_period,
            "" if row.model_revenue is None else fmt.money(row.model_revenue),
            _reported(row.cloud_revenue),
        )
    notes: list[Text] = []
    peak = max((r.capex for r in result.years), default=0.0)
    if capex is not None and capex.value_bn:
        notes.append(
            Text(
                f"The build's peak yearly capex ${fmt.money(peak)}B is {fmt.percent(peak / capex.value_bn)} of "
                f"{capex.fiscal_period} capex (${fmt.money(capex.value_bn)}B, {capex.detail} basis, to {capex.period_end})."
            )
        )
    else:
        notes.append(Text("Reported capex: missing (no annual actual in capex.csv).", style="dim"))
    if cloud is not None and cloud.value_bn:
        top = max((r.revenue for r in result.years), default=0.0)
        notes.append(
            Text(
                f"Its full revenue ${fmt.money(top)}B is {fmt.percent(top / cloud.value_bn)} of {cloud.fiscal_period} "
                f"cloud revenue (${fmt.money(cloud.value_bn)}B, {cloud.detail})."
            )
        )
    else:
        notes.append(Text("Reported cloud revenue: missing (no annual cloud_revenue in financials.csv).", style="dim"))
    return Group(head, table, *notes)


def _reported(figure: Reported | None) -> Text:
    if figure is None:
        return Text("missing", style="dim")
    return Text(fmt.money(figure.value_bn))
