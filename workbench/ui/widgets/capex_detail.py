"""One company's detail: a title line, then tabs for the chart, the period table, the guidance ledger and quotes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import Static, TabPane

from workbench.core.capex import summaries as capex
from workbench.core.capex.periods import latest_estimates
from workbench.core.capex.summaries import CapexIndex, month_name
from workbench.core.data.model import Dataset, Quote
from workbench.core.i18n import is_chinese, tr
from workbench.core.payback.book import CompanyBook
from workbench.core.payback.view import CompanyView, company_view
from workbench.ui.safe_text import literal
from workbench.ui.widgets.capex_chart import CapexChart
from workbench.ui.widgets.capex_pane import ChartPane
from workbench.ui.widgets.capex_tables import CompanyQuotes, GuidanceLedger, PeriodTable
from workbench.ui.widgets.payback_tables import MetricsTable


@dataclass(frozen=True, slots=True)
class DetailView:
    """What the detail shows: the company, and the basis/frequency actually used for it."""

    ticker: str
    basis: str
    annual: bool
    calendar: bool
    bases: tuple[str, ...]


def resolve(index: CapexIndex, ticker: str, basis: str | None, annual: bool | None, calendar: bool) -> DetailView:
    """The user's choices where the company has them, else its main basis and annual if it has any."""
    figures = index.figures(ticker)
    bases = tuple(capex.bases(figures))
    chosen = basis if basis in bases else capex.main_basis(figures)
    if annual is None:
        annual = any(f.is_annual and f.basis == chosen for f in figures) or not any(
            not f.is_annual and f.basis == chosen for f in figures
        )
    return DetailView(ticker, chosen, annual, calendar, bases)


def payback_view(index: CapexIndex, view: DetailView) -> CompanyView:
    """The company's payback metrics on the detail's basis: fiscal years, or the TTM when quarterly."""
    ticker = view.ticker
    book = CompanyBook(ticker, index.fy_end_month(ticker) or 12, index.figures(ticker), index.financials(ticker))
    return company_view(book, ttm=not view.annual, basis=view.basis or None)


def title(index: CapexIndex, view: DetailView) -> Text:
    """`META  Meta Platforms · cash 1/2 · annual · fiscal · FY ends Dec` (name shown literally)."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append_text(literal(view.ticker, "bold"))
    text.append("  ")
    text.append_text(literal(index.name(view.ticker)))
    if view.basis:
        position = f" {view.bases.index(view.basis) + 1}/{len(view.bases)}" if len(view.bases) > 1 else ""
        text.append(" · ")
        text.append_text(literal(capex.basis_label(view.basis), "bold"))
        text.append(position, "dim")
    text.append(" · " + (tr("annual") if view.annual else tr("quarterly")))
    text.append(" · " + (tr("calendar") if view.calendar else tr("fiscal")))
    month = index.fy_end_month(view.ticker)
    if month:
        text.append(" · " + tr("FY ends {month}", month=month_name(month)), "dim")
    return text


class CompanyDetail(ChartPane):
    """The selected company: chart, periods, guidance ledger and the quotes that mention it."""

    CHART_TAB = "tab-chart"
    TABS = "detail-tabs"
    DEFAULT_CSS = """
    CompanyDetail #ledger-path { height: auto; max-height: 3; padding: 0 1; color: $text; background: $boost; }
    """

    def __init__(self, *, id: str | None = None, tall: bool = False) -> None:
        super().__init__(id=id, tall=tall)
        self.view: DetailView | None = None
        self.payback: CompanyView | None = None
        self._shown_from: tuple[CapexIndex, Dataset] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(tr("Choose a company in the list."), style="dim"), id="detail-title", classes="pane-title")
        yield CapexChart(id="capex-chart-top", classes="top-chart")
        with self.tabbed(after_chart="tab-periods"):
            with TabPane(tr("Chart"), id="tab-chart"):
                yield CapexChart(id="capex-chart")
            with TabPane(tr("Periods"), id="tab-periods"):
                yield PeriodTable(id="period-table")
            with TabPane(tr("Ledger"), id="tab-ledger"):
                yield Static(id="ledger-path")
                yield GuidanceLedger(id="guidance-ledger")
            with TabPane(tr("Quotes"), id="tab-quotes"):
                yield CompanyQuotes(id="company-quotes")
            with TabPane(tr("Payback"), id="tab-payback"):
                yield MetricsTable(id="detail-payback")

    def show(self, index: CapexIndex, dataset: Dataset, view: DetailView) -> None:
        """Fill every tab for this company and view (shown already: nothing to do)."""
        shown = self._shown_from
        if self.view == view and shown is not None and shown[0] is index and shown[1] is dataset:
            return  # e.g. the list's cursor settling on the company the data's arrival showed
        self.view = view
        self._shown_from = (index, dataset)  # compared by identity: a dataset compares by value
        figures = index.figures(view.ticker)
        self.query_one("#detail-title", Static).update(title(index, view))
        basis = capex.basis_label(view.basis) if view.basis else ""
        if not figures:
            empty = tr("No capex figures for this company.")
        elif view.annual:
            empty = tr("No annual figures on the {basis} basis — a: annual/quarterly, b: basis.", basis=basis)
        else:
            empty = tr("No quarterly figures on the {basis} basis — a: annual/quarterly, b: basis.", basis=basis)
        points = capex.series(figures, view.basis, view.annual)
        estimates = latest_estimates(figures, view.basis, view.annual)
        for chart in self.query(CapexChart):
            chart.show(points, view.calendar, empty, estimates, index.fy_end_month(view.ticker))
        self.query_one(PeriodTable).show(capex.period_figures(figures, view.basis, view.annual), view.calendar)
        self.query_one(GuidanceLedger).show(capex.ledger(figures))
        self.update_ledger_path()
        self.query_one(CompanyQuotes).looking()
        self._find_quotes(dataset, view)
        self.payback = payback_view(index, view)
        self.query_one(MetricsTable).show(self.payback.periods, tr("No figures for this company."))

    @work(thread=True, exclusive=True, exit_on_error=False, group="company-quotes")
    def _find_quotes(self, dataset: Dataset, view: DetailView) -> None:
        """The quotes naming the company: a scan of every quote (40 ms for 20,000), off the event loop."""
        quotes = capex.quotes_mentioning(dataset, view.ticker)
        self.app.call_from_thread(self._show_quotes, view, quotes)

    def _show_quotes(self, view: DetailView, quotes: list[Quote]) -> None:
        if view == self.view:  # not another company or view since
            table = self.query_one(CompanyQuotes)
            table.empty_text = CompanyQuotes.empty_text
            table.show(quotes)

    def update_ledger_path(self) -> None:
        """Spell out the revisions of the ledger group under the cursor (e.g. Meta FY2025)."""
        ledger = self.query_one(GuidanceLedger)
        group = ledger.group_of(ledger.current) or (ledger.groups[0] if ledger.groups else None)
        path = self.query_one("#ledger-path", Static)
        if group is None:
            path.update(Text(tr("No guidance recorded."), style="dim"))
            return
        text = Text(f"{group.period} · ", style="bold", end="")
        text.append_text(literal(capex.basis_label(group.basis), "bold"))
        text.append(("：" if is_chinese() else ": ") + group.path())
        path.update(text)

    def on_item_table_highlighted(self, event: GuidanceLedger.Highlighted) -> None:
        """Follow the ledger's cursor with the revision path."""
        if event.virtual_list is self.query_one(GuidanceLedger):
            self.update_ledger_path()
