"""The Payback screen (key 5): the revenue side beside the spending, per company and summed by calendar year.

Tickers down the left (space marks the companies the By-year sums add up); on the right a
title line and four tabs: the company's metrics by period, a chart of its capex beside cloud
revenue and RPO, the marked companies summed by calendar year, and the required-revenue
calculator. Enter on any figure lists the rows it came from.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import DataTable, Input, Static, TabbedContent, TabPane

from workbench.core.capex.summaries import basis_shown
from workbench.core.data.model import Dataset
from workbench.core.i18n import N_, is_chinese, tr, tr_n
from workbench.core.payback import view
from workbench.core.payback.book import CompanyBook
from workbench.core.payback.required import RequiredInputs
from workbench.core.payback.traced import Traced, shown_text
from workbench.core.payback.yearly import YearSum
from workbench.ui.base import WorkbenchScreen
from workbench.ui.safe_text import literal
from workbench.ui.widgets.payback_calculator import RequiredCalculator
from workbench.ui.widgets.payback_chart import PaybackChart
from workbench.ui.widgets.payback_list import TickerList
from workbench.ui.widgets.payback_tables import MetricsTable, TracedTable, YearTable, format_value

TALL = 40  # lines from which the Metrics tab has the chart under the table


class PaybackScreen(WorkbenchScreen):
    """Payback metrics per company, the marked companies by calendar year, and the required-revenue calculator."""

    SCREEN_TITLE = N_("Payback")
    BINDING_GROUP_TITLE = N_("Payback")
    BINDINGS = [
        Binding("t", "ttm", N_("Yr/TTM"), id="payback.ttm", tooltip=N_("Fiscal years or trailing twelve months")),
        Binding(
            "b", "basis", N_("Basis"), id="payback.basis", tooltip=N_("Next capex basis (cash, incl. finance leases…)")
        ),
        Binding(
            "s",
            "segment",
            N_("Segment"),
            id="payback.segment",
            tooltip=N_("Next cloud segment (AWS, Intelligent Cloud…)"),
        ),
        Binding(
            "space",
            "mark",
            N_("Mark"),
            id="payback.mark",
            tooltip=N_("Add or remove the company from the By-year sums"),
        ),
        Binding("right_square_bracket", "tab(1)", N_("Tab"), id="payback.next_tab", tooltip=N_("Next tab")),
        Binding(
            "left_square_bracket",
            "tab(-1)",
            N_("Tab back"),
            id="payback.prev_tab",
            show=False,
            tooltip=N_("Previous tab"),
        ),
        Binding("o", "rows", N_("Rows"), id="payback.rows", tooltip=N_("The rows behind the figure under the cursor")),
        Binding(
            "d",
            "defaults",
            N_("Defaults"),
            id="payback.defaults",
            tooltip=N_("The calculator's inputs back to the data's figures and the defaults"),
        ),
        Binding(
            "escape",
            "leave_field",
            N_("Leave field"),
            id="payback.leave",
            show=False,
            tooltip=N_("Leave the calculator's field (keys switch tabs again)"),
        ),
        Binding("e", "export", N_("Export"), id="payback.export", tooltip=N_("Write the visible table to CSV or JSON")),
    ]
    DEFAULT_CSS = """
    PaybackScreen #payback-main { height: 1fr; }
    PaybackScreen #payback-companies { width: 12; height: 1fr; border: none; border-right: vkey $foreground 20%; }
    PaybackScreen #payback-right { width: 1fr; }
    PaybackScreen .pane-title { height: 1; padding: 0 1; background: $boost; }
    PaybackScreen TabbedContent { height: 1fr; }
    PaybackScreen TabPane { padding: 0; height: 1fr; }
    PaybackScreen ContentSwitcher { height: 1fr; }
    PaybackScreen #year-chart { height: 45%; min-height: 6; }
    PaybackScreen .why { height: 1; padding: 0 1; color: $text-muted; }
    PaybackScreen .tall-chart { display: none; height: 1fr; }
    PaybackScreen.-tall .tall-chart { display: block; }
    PaybackScreen.-tall #payback-metrics { height: auto; max-height: 60%; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.dataset: Dataset | None = None
        self.books: dict[str, CompanyBook] = {}
        self.tickers: list[str] = []
        self.current: str | None = None
        self.marked: list[str] = []
        self.ttm = False
        self.basis: str | None = None  # None: cash where the company reports it
        self.segment: str | None = None  # None: the company's most reported cloud segment
        self.reopen: dict | None = None
        self.pending: str | None = None  # show_company() before the data arrived
        self.sums: list[YearSum] = []

    def compose_body(self) -> ComposeResult:
        # Before the widgets mount, as the terminal is: set after, it restyles the whole screen.
        self.set_class(self.app.size.height >= TALL, "-tall")
        with Horizontal(id="payback-main"):
            yield TickerList(id="payback-companies")
            with Vertical(id="payback-right"):
                yield Static(Text(tr("Choose a company."), style="dim"), id="payback-title", classes="pane-title")
                with TabbedContent(id="payback-tabs"):
                    with TabPane(tr("Metrics"), id="tab-metrics"):
                        yield MetricsTable(id="payback-metrics")
                        yield Static(id="metrics-why", classes="why")
                        yield PaybackChart(id="metrics-chart", classes="tall-chart")
                    with TabPane(tr("Chart"), id="tab-chart"):
                        yield PaybackChart(id="payback-chart")
                    with TabPane(tr("By year"), id="tab-years"):
                        yield PaybackChart(id="year-chart")
                        yield YearTable(id="payback-years")
                        yield Static(id="years-why", classes="why")
                    with TabPane(tr("Required"), id="tab-required"):
                        yield RequiredCalculator(id="payback-calculator")

    # --- data -----------------------------------------------------------------------------------

    def show_dataset(self, dataset: Dataset) -> None:
        """Group the figures per company off the event loop."""
        self.dataset = dataset
        self.build(dataset)

    @work(thread=True, exclusive=True, exit_on_error=False, group="payback-books")
    def build(self, dataset: Dataset) -> None:
        """One pass over the capex and financial figures; built ahead (not shown, not being
        opened), it gives way while the user is busy elsewhere."""
        from workbench.core.payback.metrics import books

        grouped = books(dataset, pace=self.give_way_while_hidden)
        self.app.call_from_thread(self._ready, dataset, grouped)

    def _ready(self, dataset: Dataset, grouped: dict[str, CompanyBook]) -> None:
        if dataset is not self.dataset:
            return  # a newer load is on its way
        from workbench.core.payback.yearly import default_tickers

        self.books = grouped
        self.tickers = list(grouped)
        known = set(self.tickers)
        state, self.reopen = self.reopen, None
        if state is not None:
            self.ttm = bool(state.get("ttm", False))
            self.marked = [t for t in state.get("marked") or [] if isinstance(t, str) and t in known]
            ticker = state.get("ticker")
            self.current = ticker if isinstance(ticker, str) and ticker in known else None
        if not self.marked:
            self.marked = default_tickers(grouped)
        if self.pending in known:
            self.current = self.pending
        self.pending = None
        if self.current not in known:
            self.current = next((t for t in self.marked if t in known), self.tickers[0] if self.tickers else None)
        self._fill_list()
        self.refresh_company()
        self.refresh_years()
        if state is not None and isinstance(state.get("tab"), str):
            try:
                self.query_one(TabbedContent).active = state["tab"]
            except ValueError:
                pass
        if self.focused is None:  # first load; a reload leaves the focus where the user has it
            self.query_one(TickerList).focus()

    def _fill_list(self) -> None:
        self.query_one(TickerList).show(self.tickers, self.marked, self.current)

    # --- the company ------------------------------------------------------------------------------

    def refresh_company(self) -> None:
        """Fill the title, the metrics table and the chart for the current company."""
        book = self.books.get(self.current or "")
        title = self.query_one("#payback-title", Static)
        table = self.query_one("#payback-metrics", MetricsTable)
        charts = [self.query_one(f"#{name}", PaybackChart) for name in ("payback-chart", "metrics-chart")]
        if book is None:
            nothing = tr("No companies in this data.")
            title.update(Text(nothing, style="dim"))
            table.show([], nothing)
            for chart in charts:
                chart.show([], [], nothing)
            return
        company = view.company_view(book, self.ttm, self.basis, self.segment)
        name = (
            self.dataset.companies[book.ticker].name if self.dataset and book.ticker in self.dataset.companies else ""
        )
        title.update(view_title(book.ticker, name, company))
        table.show(company.periods, tr("No figures for this company.") if not company.periods else "")
        labels, series = view.chart_series(company)
        for chart in charts:
            chart.show(labels, series, tr("No capex, cloud revenue or RPO to chart."))

    def on_resize(self, event: Resize) -> None:
        """Tall terminals show the chart under the metrics too."""
        self.set_class(event.size.height >= TALL, "-tall")
        self.query_one("#payback-metrics", MetricsTable).fit_whole_columns()

    def refresh_years(self) -> None:
        """Fill the By-year tab and the calculator's defaults from the marked companies (in a worker)."""
        chosen = [t for t in self.tickers if t in self.marked]
        self._compute_years(self.books, chosen, self.basis)

    @work(thread=True, exclusive=True, exit_on_error=False, group="payback-years")
    def _compute_years(self, books: dict[str, CompanyBook], chosen: list[str], basis: str | None) -> None:
        """Sum the marked companies by calendar year (hundreds marked in a large set take seconds)."""
        from textual.worker import get_current_worker

        from workbench.core.payback.yearly import year_sums

        sums = year_sums(books, chosen, basis)
        inputs, notes = view.calculator_defaults(sums, books)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_years, books, sums, inputs, notes)

    def _show_years(
        self, books: dict[str, CompanyBook], sums: list[YearSum], inputs: RequiredInputs, notes: dict[str, str]
    ) -> None:
        if books is not self.books:
            return  # a newer load is on its way
        self.sums = sums
        self.query_one("#payback-years", YearTable).show(sums)
        labels, series = view.year_series(sums)
        self.query_one("#year-chart", PaybackChart).show(labels, series, tr("Mark companies with space."))
        self.query_one(RequiredCalculator).set_inputs(inputs, notes)

    @on(TickerList.Highlighted)
    def company_highlighted(self, event: TickerList.Highlighted) -> None:
        """The right side follows the list's cursor; Enter on a company goes to its metrics."""
        ticker = self.tickers[event.index] if event.index < len(self.tickers) else None
        if ticker and ticker != self.current:
            self.current = ticker
            self.refresh_company()
        if isinstance(event, TickerList.Selected):
            self.query_one(TabbedContent).active = "tab-metrics"
            self.query_one("#payback-metrics", MetricsTable).focus()

    def show_company(self, ticker: str) -> None:
        """Open a company (from the palette or another screen); remembered until the data arrives."""
        if not self.books:
            self.pending = ticker
        elif ticker in self.books:
            self.current = ticker
            self._fill_list()
            self.refresh_company()
        else:
            self.notify(tr("No company {ticker} in this data.", ticker=repr(ticker)), severity="warning", markup=False)

    # --- actions ----------------------------------------------------------------------------------

    def action_ttm(self) -> None:
        """Fiscal years or the trailing twelve months to each quarter."""
        self.ttm = not self.ttm
        self.refresh_company()

    def action_basis(self) -> None:
        """Next capex basis the company reports (the By-year sums follow: one basis for all)."""
        book = self.books.get(self.current or "")
        if book is None:
            return
        self.basis = view.next_choice(book.qualifiers("capex"), view.company_view(book, self.ttm, self.basis).basis)
        self.refresh_company()
        self.refresh_years()

    def action_segment(self) -> None:
        """Next cloud segment the company reports (a series never mixes segments)."""
        book = self.books.get(self.current or "")
        if book is None or not book.qualifiers("cloud_revenue"):
            self.notify(tr("This company reports no cloud revenue in this data."), severity="warning")
            return
        current = view.company_view(book, self.ttm, self.basis, self.segment).segment
        self.segment = view.next_choice(book.qualifiers("cloud_revenue"), current)
        self.refresh_company()

    def action_mark(self) -> None:
        """Add the company under the cursor to the By-year sums, or take it out."""
        companies = self.query_one(TickerList)
        if companies.cursor is None or not self.tickers:
            return
        ticker = self.tickers[companies.cursor]
        if ticker in self.marked:
            self.marked.remove(ticker)
        else:
            self.marked.append(ticker)
        companies.set_marked(self.marked)
        self.refresh_years()

    def action_tab(self, step: int) -> None:
        """Next or previous tab."""
        tabs = self.query_one(TabbedContent)
        ids = ["tab-metrics", "tab-chart", "tab-years", "tab-required"]
        position = ids.index(tabs.active) if tabs.active in ids else 0
        tabs.active = ids[(position + step) % len(ids)]
        target = {"tab-metrics": "#payback-metrics", "tab-years": "#payback-years"}.get(tabs.active)
        if target:
            self.query_one(target).focus()
        elif tabs.active == "tab-required":
            self.query_one(RequiredCalculator).focus_first()
        else:
            tabs.query_one("Tabs").focus()

    @on(TabbedContent.TabActivated, pane="#tab-required")
    def _required_shown(self) -> None:
        self.query_one(RequiredCalculator).show_fields()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a figure: the rows it came from."""
        if isinstance(event.data_table, TracedTable):
            open_rows(self, event.data_table)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        """Under the table: what the figure under the cursor is, or why it is missing."""
        table = event.data_table
        target = {"payback-metrics": "#metrics-why", "payback-years": "#years-why"}.get(table.id or "")
        if target and isinstance(table, TracedTable):
            self.query_one(target, Static).update(describe_cell(table.current))

    def action_rows(self) -> None:
        """The rows behind the figure under the cursor."""
        focused = self.focused
        if isinstance(focused, TracedTable):
            open_rows(self, focused)
        else:
            self.notify(tr("Move to a figure in the Metrics or By-year table first."), severity="warning")

    def action_defaults(self) -> None:
        """Forget the user's calculator inputs: the data's figures and the defaults again."""
        self.query_one(RequiredCalculator).edited.clear()
        self.refresh_years()

    def action_leave_field(self) -> None:
        """Esc in a calculator field: back to the tab bar, where `[` `]` and the other keys work."""
        self.query_one(TabbedContent).query_one("Tabs").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Mark only in the company list (space types in the calculator); Esc leaves a field."""
        if action == "mark":
            return isinstance(self.focused, TickerList)
        if action == "leave_field":
            return isinstance(self.focused, Input)
        if action == "defaults":
            return self.query_one(TabbedContent).active == "tab-required"
        return True

    # --- session and export -------------------------------------------------------------------------

    def session_state(self) -> dict:
        """The company, the tab, TTM or annual, and the marked companies."""
        return {
            "ticker": self.current,
            "tab": self.query_one(TabbedContent).active,
            "ttm": self.ttm,
            "marked": list(self.marked),
        }

    def restore_session(self, state: dict) -> None:
        """Reopen there once the books are built (in a worker, so after this call)."""
        self.reopen = state

    def visible_table(self) -> tuple[str, str, list[dict[str, Any]]]:
        """(title, suggested file name, raw rows) of the table the user is looking at."""
        from workbench.core.output.export import file_slug

        tabs = self.query_one(TabbedContent)
        if tabs.active == "tab-years":
            return tr("Export the calendar-year sums"), "payback-years.csv", [s.row() for s in self.sums]
        if tabs.active == "tab-required":
            calculator = self.query_one(RequiredCalculator)
            from workbench.core.payback.required import required_revenue

            rows = [required_revenue(calculator.inputs).row()]
            return tr("Export the required revenue"), "payback-required.csv", rows
        book = self.books.get(self.current or "")
        if book is None:
            return tr("Export the payback metrics"), "payback.csv", []
        company = view.company_view(book, self.ttm, self.basis, self.segment)
        kind = "ttm" if self.ttm else "annual"
        return (
            tr("Export {ticker}'s payback metrics (ttm)", ticker=book.ticker)
            if self.ttm
            else tr("Export {ticker}'s payback metrics (annual)", ticker=book.ticker),
            f"payback-{file_slug(book.ticker)}-{kind}.csv",
            [p.row() for p in company.periods],
        )

    def action_export(self) -> None:
        """Ask for a path and write the visible table there (CSV or JSON, raw numbers)."""
        from workbench.ui.dialogs.export import ask_export

        title, suggestion, rows = self.visible_table()
        ask_export(self.app, title, rows, suggestion)


def view_title(ticker: str, name: str, company: view.CompanyView) -> Text:
    """`MSFT  Microsoft · capex cash · cloud Intelligent Cloud · annual` (names shown literally)."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append_text(literal(ticker, "bold"))
    text.append("  ")
    text.append_text(literal(name))
    text.append(" · " + tr("capex") + " ")
    text.append_text(literal(basis_shown(company.basis), "bold"))
    if company.segment:
        text.append(" · " + tr("cloud") + " ")
        text.append_text(literal(company.segment, "bold"))
    text.append(" · TTM" if company.ttm else " · " + tr("fiscal years"))
    return text


def describe_cell(current: tuple[str, Traced, str] | None) -> Text:
    """`MSFT FY2024 Cloud YoY: missing: no cloud revenue (Intelligent Cloud) for FY2023` (one line)."""
    if current is None:
        return Text("")
    heading, traced, unit = current
    if traced.value is None:
        text = literal(tr("{figure}: missing: {why}", figure=heading, why=shown_text(traced.why)))
    else:
        count = len(traced.rows)
        note = f" · {shown_text(traced.note)}" if traced.note else ""
        rows = tr_n("{value} from {n} row", "{value} from {n} rows", count, value=format_value(traced.value, unit))
        text = literal(f"{heading}: {rows}{note} · " + tr("Enter: the rows"))
    if is_chinese():  # one line, cut with …: Chinese has no spaces to wrap at
        text.no_wrap, text.overflow = True, "ellipsis"
    return text


def open_rows(screen: Any, table: TracedTable) -> None:
    """The rows behind the table's current cell, in a dialog (nothing on a label cell)."""
    from workbench.ui.dialogs.figure_rows import FigureRowsDialog

    current = table.current
    dataset = getattr(screen, "dataset", None)
    if current is None or dataset is None:
        return
    heading, traced, unit = current
    screen.app.push_screen(FigureRowsDialog(dataset, heading, traced, format_value(traced.value, unit)))
