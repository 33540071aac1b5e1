"""The model against its sources: each figure a scenario's documents state, beside the model's."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.containers import VerticalScroll
from textual.widgets import Static

from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.roi import format as fmt
from workbench.core.roi import model as roi
from workbench.core.scenarios.expected import METRICS, Comparison, compare
from workbench.core.scenarios.reality import RealityRow, Reported
from workbench.ui.safe_text import literal


def _gap() -> str:
    """The space after a colon or full stop: none after Chinese full-width punctuation."""
    return "" if is_chinese() else " "


def _figure(unit: str, value: float) -> str:
    return fmt.percent(value) if unit == "%" else f"${fmt.money(value)}B"


def _lever_text(lever_name: str, now: float, needed: float | None) -> str:
    spec = roi.INPUTS[lever_name]
    label = tr(spec.label)
    if not is_chinese():
        label = label.lower() if spec.label != "EBITDA margin" else label
    if needed is None:
        return tr("{input}: no value does it alone", input=label)
    return tr(
        "{input} {needed} (now {now})",
        input=label,
        needed=fmt.solved_text(lever_name, needed, local=True),
        now=fmt.solved_text(lever_name, now, local=True),
    )


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
            body.update(Text(tr("This case's inputs are invalid: nothing to compare."), style="red"))
            return
        if not stated:
            hint = Text(
                tr("This scenario states no figures from its sources. Add, for example,")
                + "\n[scenario.expected]\noperating_profit_bn = [2.4, 3.2]\n"
                + tr('and back it with [scenario.sources] operating_profit_bn = ["quote-id"].')
                + "\n"
                + tr("Figures: {keys}.", keys=", ".join(METRICS)),
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
        head = Text(tr("Model vs sources"), style="bold")
        head.append(" · " + tr("case {case} · {year}, the first year at full ramp", case=case, year=year), style="")
        parts.append(head)
        # The figures the model misses first: they are the point.
        for c in sorted(comparisons, key=lambda c: c.gap == 0):
            spec = METRICS[c.metric]
            line = Text()
            line.append("\n" + tr("{figure}:", figure=tr(spec.label)) + _gap(), style="bold")
            line.append(tr("model {figure}", figure=_figure(spec.unit, c.model)))
            stated = (
                _figure(spec.unit, c.low)
                if c.low == c.high
                else (f"{_figure(spec.unit, c.low)}–{_figure(spec.unit, c.high)}")
            )
            line.append(" · " + tr("sources {figure}", figure=stated) + " · ")
            if c.gap == 0:
                line.append(tr("within ✓"), style="bold")
            else:
                gap = _figure(spec.unit, abs(c.gap))
                where = tr("{gap} below ⚠", gap=gap) if c.gap < 0 else tr("{gap} above ⚠", gap=gap)
                line.append(where, style="bold")
            parts.append(line)
            for qid in quotes.get(c.metric, []):
                parts.append(Text.assemble("  ❝ ", literal(qid, "italic")))
            if c.levers:
                target = _figure(spec.unit, c.low if c.gap < 0 else c.high)
                levers = " · ".join(_lever_text(lv.input, lv.now, lv.needed) for lv in c.levers)
                reach = tr("To reach {target}, one input alone: {levers}", target=target, levers=levers)
                parts.append(Text("  " + reach, style="italic"))
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
        text = Text(tr("Why:") + _gap(), style="")
        text.append(
            tr(
                "revenue ${revenue}B × {margin} margin = EBITDA ${ebitda}B − depreciation ${depreciation}B "
                "(this build's own: servers over {book_life} yrs, facility over {facility_life}) = EBIT ${ebit}B.",
                revenue=fmt.money(figures["Revenue"]),
                margin=fmt.percent(p.ebitda_margin),
                ebitda=fmt.money(figures["EBITDA"]),
                depreciation=fmt.money(figures["Depreciation"]),
                book_life=p.book_life,
                facility_life=p.facility_life_years,
                ebit=fmt.money(figures["EBIT"]),
            )
        )
        refresh = figures["Servers re-bought a year in refresh years"]
        if refresh:
            text.append(
                _gap()
                + tr(
                    "Cash: servers are bought again every {life} yrs (${refresh}B a year in refresh years), "
                    "which operating profit never shows.",
                    life=p.server_life_years,
                    refresh=fmt.money(refresh),
                )
            )
        return text


def _reality(
    ticker: str, rows: list[RealityRow], capex: Reported | None, cloud: Reported | None, result: roi.Result
) -> Group:
    """The scenario's capex and revenue beside what the company reports, year by year."""
    head = Text("\n" + tr("Against reality"), style="bold")
    head.append(" · ")
    before, _, after = tr("$B; Build, Revenue: this scenario; Capex, Cloud rev.: {ticker} reports").partition(
        "{ticker}"
    )
    head.append_text(Text.assemble(before, literal(ticker), after))
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False)
    for label in (N_("Year"), N_("Build"), N_("Capex"), "FY", N_("Revenue"), N_("Cloud rev.")):
        table.add_column(tr(label), justify="left" if label in ("Year", "FY") else "right", no_wrap=True)
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
                tr(
                    "The build's peak yearly capex ${peak}B is {share} of {period} capex "
                    "(${value}B, {basis} basis, to {end}).",
                    peak=fmt.money(peak),
                    share=fmt.percent(peak / capex.value_bn),
                    period=capex.fiscal_period,
                    value=fmt.money(capex.value_bn),
                    basis=capex.detail,
                    end=capex.period_end,
                )
            )
        )
    else:
        notes.append(Text(tr("Reported capex: missing (no annual actual in capex.csv)."), style="dim"))
    if cloud is not None and cloud.value_bn:
        top = max((r.revenue for r in result.years), default=0.0)
        notes.append(
            Text(
                tr(
                    "Its full revenue ${top}B is {share} of {period} cloud revenue (${value}B, {detail}).",
                    top=fmt.money(top),
                    share=fmt.percent(top / cloud.value_bn),
                    period=cloud.fiscal_period,
                    value=fmt.money(cloud.value_bn),
                    detail=cloud.detail,
                )
            )
        )
    else:
        notes.append(
            Text(tr("Reported cloud revenue: missing (no annual cloud_revenue in financials.csv)."), style="dim")
        )
    return Group(head, table, *notes)


def _reported(figure: Reported | None) -> Text:
    if figure is None:
        return Text(tr("missing"), style="dim")
    return Text(fmt.money(figure.value_bn))
