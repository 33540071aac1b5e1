"""Compare: the marked companies on one chart, aligned by calendar quarter, with a table of the values."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static, TabPane

from workbench.core.capex import summaries as capex
from workbench.core.capex.summaries import MONTHS, Aligned, CapexIndex
from workbench.core.data.fiscal import calendar_label
from workbench.core.i18n import tr
from workbench.ui.safe_text import literal
from workbench.ui.widgets.capex_chart import CompareChart
from workbench.ui.widgets.capex_pane import ChartPane
from workbench.ui.widgets.capex_tables import CompareTable


@dataclass(frozen=True, slots=True)
class CompareView:
    """What Compare shows: which companies, on which basis and frequency, raw or indexed."""

    tickers: tuple[str, ...]
    basis: str
    annual: bool
    indexed: bool
    bases: tuple[str, ...]


def resolve(
    index: CapexIndex, tickers: tuple[str, ...], basis: str | None, annual: bool | None, indexed: bool
) -> CompareView:
    """One basis for everyone: the user's, else the one most of the companies use."""
    bases = tuple(capex.bases(f for t in tickers for f in index.figures(t)))
    if basis not in bases:
        basis = capex.common_basis(index.figures(t) for t in tickers) or (bases[0] if bases else "")
    return CompareView(tickers, basis, bool(annual), indexed, bases)


def aligned(index: CapexIndex, view: CompareView) -> tuple[Aligned, dict[str, list[str | None]]]:
    """The companies' actuals on the chosen basis, and each one's own fiscal label per period.

    Quarters align on the calendar quarter they mostly cover; fiscal years on the month they end
    (`Jan 2025` for NVIDIA's FY2025, `Dec 2025` for Alphabet's: never both "2025")."""
    series = {t: capex.series(index.figures(t), view.basis, view.annual) for t in view.tickers}
    if not view.annual:
        data = capex.align(series, False)
        keys = {label: n for n, label in enumerate(data.labels)}
        fiscal: dict[str, list[str | None]] = {t: [None] * len(data.labels) for t in view.tickers}
        for ticker, points in series.items():
            for p in points:
                if p.actual_bn is not None:
                    fiscal[ticker][keys[calendar_label(p.period_end)]] = p.period
        return data, fiscal
    keyed: dict[str, dict[tuple[int, int], tuple[float, str]]] = {}
    for ticker, points in series.items():
        keyed[ticker] = {
            (p.period_end.year, p.period_end.month): (p.actual_bn, p.period) for p in points if p.actual_bn is not None
        }
    order = sorted({k for values in keyed.values() for k in values})
    labels = [f"{MONTHS[month - 1]} {year}" for year, month in order]
    values = {t: [v[k][0] if k in v else None for k in order] for t, v in keyed.items()}
    fiscal = {t: [v[k][1] if k in v else None for k in order] for t, v in keyed.items()}
    return Aligned(labels, values), fiscal


class ComparePane(ChartPane):
    """Several companies side by side: chart (raw or indexed) and the aligned table."""

    CHART_TAB = "compare-tab-chart"
    TABS = "compare-tabs"

    def __init__(self, *, id: str | None = None, tall: bool = False) -> None:
        super().__init__(id=id, tall=tall)
        self.view: CompareView | None = None
        self.data = Aligned([], {})
        self.fiscal: dict[str, list[str | None]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="compare-title", classes="pane-title")
        yield CompareChart(id="compare-chart-top", classes="top-chart")
        with self.tabbed(after_chart="compare-tab-table"):
            with TabPane(tr("Chart"), id="compare-tab-chart"):
                yield CompareChart(id="compare-chart")
            with TabPane(tr("Table"), id="compare-tab-table"):
                yield CompareTable(id="compare-table")

    def show(self, index: CapexIndex, view: CompareView) -> None:
        """Draw the comparison."""
        self.view = view
        self.data, self.fiscal = aligned(index, view)
        title = Text(tr("Compare") + " ", style="bold", no_wrap=True, overflow="ellipsis", end="")
        for n, ticker in enumerate(view.tickers):
            title.append_text(literal(ticker, "bold"))
            if not any(v is not None for v in self.data.values.get(ticker, [])):
                title.append(" " + tr("(none)"), "dim")
            title.append(", " if n < len(view.tickers) - 1 else "")
        if view.basis:
            title.append(" · ")
            title.append_text(literal(capex.basis_label(view.basis)))
        title.append(
            " · " + (tr("annual, by month the year ends") if view.annual else tr("quarterly, by calendar quarter"))
        )
        if view.indexed:
            title.append(" · " + tr("indexed"))
        self.query_one("#compare-title", Static).update(title)
        empty = (
            tr("Mark companies with space in the list, then press c.")
            if not view.tickers
            else tr("No actual figures on this basis — b: basis, a: annual/quarterly.")
        )
        for chart in self.query(CompareChart):
            chart.show(self.data, view.indexed, empty, self.fiscal)
        self.query_one(CompareTable).show(self.table_data(), view.indexed, self.fiscal)

    def table_data(self) -> Aligned:
        """The table's values: raw, or indexed (100 at the first period every company has)."""
        return self.data.indexed() if self.view and self.view.indexed else self.data
