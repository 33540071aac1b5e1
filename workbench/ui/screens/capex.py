"""The Capex screen (key 1): every company's spending, its guidance, comparisons, and where each number comes from.

Narrow terminals (under 120 columns) show the company list or one company at a time (Enter / Esc);
wide ones show the list beside the detail, which follows the list's cursor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import AwaitMount, Widget
from textual.widgets import ContentSwitcher, Input, Static

from workbench.core.i18n import N_, tr
from workbench.core.output import numbers
from workbench.core.output.literal import printable
from workbench.ui.base import WorkbenchScreen
from workbench.ui.widgets.capex_list import COLUMNS as LIST_COLUMNS
from workbench.ui.widgets.capex_list import CompanyList

if TYPE_CHECKING:
    from textual.widgets import DataTable, TabbedContent

    from workbench.core.capex.summaries import CapexIndex, CompanySummary
    from workbench.core.data.model import CapexFigure, Dataset, Quote
    from workbench.ui.widgets.capex_compare import ComparePane
    from workbench.ui.widgets.capex_detail import CompanyDetail
    from workbench.ui.widgets.capex_pane import ChartPane
    from workbench.ui.widgets.item_table import ItemTable

WIDE = 120  # columns from which the list and the detail sit side by side
TALL = 40  # lines from which (when wide) charts sit above the tables instead of in a tab
FOLLOW_DELAY = 0.12  # s: in wide mode, redraw the detail once the cursor rests
SMALL_CAPEX = 5_000  # figures summarised on the event loop (the bundled 206: under a millisecond)


def _detail_modules():
    """The detail and compare modules: imported after the first frame (the build worker warms them)."""
    from workbench.ui.dialogs import export, source  # noqa: F401 - warmed for the first Enter / e
    from workbench.ui.widgets import capex_compare, capex_detail, capex_tables

    return capex_detail, capex_compare, capex_tables


class CapexScreen(WorkbenchScreen):
    """Company list, company detail (chart, periods, ledger, quotes) and Compare."""

    SCREEN_TITLE = N_("Capex")
    BINDING_GROUP_TITLE = N_("Capex")
    BINDINGS = [
        # Footer order: what a user needs first in each view (the footer hides keys that do nothing).
        Binding("enter", "open", N_("Open"), id="capex.open", tooltip=N_("Open the company under the cursor")),
        Binding("escape", "back", N_("Back"), id="capex.back", tooltip=N_("Back to the list")),
        Binding("right_square_bracket", "tab(1)", N_("Tab"), id="capex.next_tab", tooltip=N_("Next tab")),
        Binding(
            "left_square_bracket",
            "tab(-1)",
            N_("Tab back"),
            id="capex.prev_tab",
            show=False,
            tooltip=N_("Previous tab"),
        ),
        Binding("slash", "filter", N_("Filter"), id="capex.filter", tooltip=N_("Filter companies as you type")),
        Binding("s", "sort", N_("Sort"), id="capex.sort", tooltip=N_("Sort by the next column")),
        Binding("S", "reverse", N_("Flip"), id="capex.reverse", tooltip=N_("Reverse the sort order")),
        Binding("b", "basis", N_("Basis"), id="capex.basis", tooltip=N_("Next basis (cash, incl. finance leases…)")),
        Binding("a", "annual", N_("Yr/Qtr"), id="capex.annual", tooltip=N_("Annual or quarterly periods")),
        Binding("f", "calendar", N_("Cal/FY"), id="capex.calendar", tooltip=N_("Calendar or fiscal period labels")),
        Binding(
            "i",
            "indexed",
            N_("Indexed"),
            id="capex.indexed",
            tooltip=N_("Index each company (first shared period = 100)"),
        ),
        Binding(
            "o",
            "source",
            N_("Source"),
            id="capex.source",
            tooltip=N_("Show where the figure under the cursor comes from"),
        ),
        Binding("c", "compare", N_("Compare"), id="capex.compare", tooltip=N_("Chart the marked companies together")),
        Binding("e", "export", N_("Export"), id="capex.export", tooltip=N_("Write the visible table to CSV or JSON")),
        Binding("v", "line", N_("Lines"), id="capex.line", tooltip=N_("Compare as lines or as bars")),
        Binding("x", "log", N_("Log"), id="capex.log", tooltip=N_("Compare on a log scale (or a linear one)")),
        Binding(
            "z",
            "zoom",
            N_("Zoom"),
            id="capex.zoom",
            show=False,
            tooltip=N_("Show only this pane, full width (again: both)"),
        ),
    ]
    DEFAULT_CSS = """
    CapexScreen #capex-main { height: 1fr; }
    CapexScreen #capex-list-pane { width: 1fr; }
    CapexScreen #capex-filter-bar { height: 1; }
    CapexScreen #capex-filter { width: 1fr; border: none; height: 1; padding: 0 1; }
    CapexScreen #capex-list-status { width: auto; height: 1; padding: 0 1; color: $text-muted; }
    CapexScreen #capex-right { width: 1fr; display: none; }
    CapexScreen #capex-list-pane.-wide { border-right: vkey $foreground 20%; }
    """

    view: reactive[str] = reactive("list")  # list | detail | compare
    wide: reactive[bool] = reactive(False)
    calendar: reactive[bool] = reactive(False)
    indexed: reactive[bool] = reactive(False)
    zoomed = False  # side by side: one pane full width (z)
    compare_lines = False  # Compare as lines (v)
    compare_log = False  # Compare on a log scale (x)

    def __init__(self) -> None:
        super().__init__()
        self.dataset: Dataset | None = None
        self.index: CapexIndex | None = None
        self.basis: str | None = None  # the user's basis; None = each company's main one
        self.annual: bool | None = None  # None = annual where the company has annual figures
        self.current: str | None = None
        self.pending: str | None = None  # show_company() before the data arrived
        self.reopen: dict | None = None  # a saved session, applied once the index is built
        self._follow: Timer | None = None
        self._mounting: AwaitMount | None = None  # the detail pane, mounted after the list
        self._mounting_compare: AwaitMount | None = None  # the compare pane, on the first compare
        self.tall = False

    def compose_body(self) -> ComposeResult:
        # Composed again (a new language or amount unit): the panes are mounted again too.
        self._mounting = self._mounting_compare = None
        with Horizontal(id="capex-main"):
            with Vertical(id="capex-list-pane"):
                with Horizontal(id="capex-filter-bar"):
                    yield Input(placeholder=tr("/ filter by ticker or name"), id="capex-filter", compact=True)
                    yield Static(id="capex-list-status")
                yield CompanyList(id="company-list")
            # The detail and compare panes cost more to build than the whole list: they are mounted
            # once the list has been drawn, so the first screen appears as fast as a bare app's.
            yield ContentSwitcher(id="capex-right")

    # --- data -----------------------------------------------------------------------------------

    def show_dataset(self, dataset: Dataset) -> None:
        """Group the figures and summarise every company: off the event loop for a large
        directory, at once for a small one (a thread's start costs more than its work)."""
        from workbench.core.capex.summaries import CapexIndex
        from workbench.core.data.recency import data_recency

        self.dataset = dataset
        if len(dataset.capex) > SMALL_CAPEX:
            self.build_index(dataset)
            return
        index = CapexIndex(dataset)
        self.call_later(self._index_ready, dataset, index, index.summaries())
        self._show_recency(data_recency(dataset).label())

    @work(thread=True, exclusive=True, exit_on_error=False, group="capex-index")
    def build_index(self, dataset: Dataset) -> None:
        """One pass over the figures, then one summary per company (≈0.2 s for 2,000 × 60 quarters)."""
        from workbench.core.capex.summaries import CapexIndex
        from workbench.core.data.recency import data_recency

        index = CapexIndex(dataset)
        rows = index.summaries()
        _detail_modules()  # import the detail's modules here, off the event loop
        # Textual's stub cannot infer the result type of a coroutine function here.
        self.app.call_from_thread(self._index_ready, dataset, index, rows)  # type: ignore[arg-type]
        self.app.call_from_thread(self._show_recency, data_recency(dataset).label())

    def initial_focus(self) -> Widget | None:
        """The company list (never the filter box: keys typed as the list appears are commands)."""
        return self.query_one(CompanyList) if self.view == "list" else None

    _browsed = False  # a key was pressed in the list before its figures were read

    def on_key(self, event: Key) -> None:
        """A key pressed while only the list as last read is shown: the user's place, not the last
        session's, is the one to keep once the figures are read."""
        if self.index is None and self.query_one(CompanyList).row_count:
            self._browsed = True
            self.reopen = None

    def show_last_read(self, rows: list[CompanySummary]) -> None:
        """The list as it was last read from exactly these files (`list_cache`), until the data
        arrives: it can be browsed, sorted and filtered; a company opened meanwhile opens once
        the figures are read."""
        if self.dataset is not None:
            return  # the data came first
        self.shown_loaded()
        self._list(rows)

    def _list(self, rows: list[CompanySummary]) -> CompanyList:
        """Put `rows` in the company list, and give it focus when it is the view."""
        company_list = self.query_one(CompanyList)
        company_list.set_rows(rows)
        self._size_list()
        self._update_status()
        if self.view == "list":
            company_list.focus()
        return company_list

    def _show_recency(self, label: str) -> None:
        """How recent the data is, in the header (in place of the screen's name, which would not fit
        at 80 columns): a snapshot of filings is not live data."""
        self.sub_title = label or tr(self.SCREEN_TITLE)

    async def _index_ready(self, dataset: Dataset, index: CapexIndex, rows: list[CompanySummary]) -> None:
        if dataset is not self.dataset:
            return  # a newer load is on its way
        self.index = index
        company_list = self._list(rows)
        if self.pending:
            ticker, self.pending, self.reopen = self.pending, None, None  # the user's choice wins
            self.show_company(ticker)
            return
        if self.reopen is not None:
            state, self.reopen = self.reopen, None
            await self._reopen(state)
            return
        if self.current and self.current in index.by_ticker:
            company_list.select_ticker(self.current)
        else:
            self.current = company_list.current.ticker if company_list.current else None
        self.call_after_refresh(self._refresh_right)

    @property
    def panes_ready(self) -> bool:
        """Whether the detail pane is mounted (the compare pane follows on the first compare)."""
        return self._mounting is not None and bool(self.query("#company-detail"))

    @property
    def detail(self) -> CompanyDetail:
        return self.query_one("#company-detail")  # type: ignore[return-value]

    @property
    def compare(self) -> ComparePane:
        return self.query_one("#compare-pane")  # type: ignore[return-value]

    async def _ensure_panes(self) -> None:
        """Mount the detail pane if that has not happened yet, and the compare pane when comparing
        (and wait for them). The compare pane is made on the first compare: mounted with the
        detail, it took as long again (0.1 s) as the data was first shown."""
        switcher = self.query_one("#capex-right", ContentSwitcher)

        def mount(pane: Widget) -> AwaitMount:
            pane.display = False  # the switcher shows the current one
            return switcher.mount(pane)

        mounting = self._mounting is None or (self.view == "compare" and self._mounting_compare is None)
        capex_detail, capex_compare, _ = _detail_modules()
        if self._mounting is None:
            self._mounting = mount(capex_detail.CompanyDetail(id="company-detail", tall=self.tall))
        if self.view == "compare" and self._mounting_compare is None:
            self._mounting_compare = mount(capex_compare.ComparePane(id="compare-pane", tall=self.tall))
        await self._mounting
        if self._mounting_compare is not None:
            await self._mounting_compare
        if mounting:
            switcher.current = "compare-pane" if self.view == "compare" else "company-detail"
            for pane in self.query("#company-detail, #compare-pane"):
                cast("ChartPane", pane).place_chart()  # made tall or not: its chart tab follows
            self._apply_tall()

    def show_company(self, ticker: str) -> None:
        """Open a company's detail (called by the app, e.g. from the command palette or another screen)."""
        if self.index is None:
            self.pending = ticker
            return
        if not self.query_one(CompanyList).select_ticker(ticker):
            self.notify(tr("No company {ticker} in this data.", ticker=repr(ticker)), severity="warning", markup=False)
            return
        self.call_later(self._open, ticker)

    def session_state(self) -> dict:
        """The company, view and tab the user left, the companies marked for Compare, and the
        choices that shape what is shown (basis, frequency, labels, index, sort, filter)."""
        tab = self._right_pane().active_tab if self.panes_ready and self.view != "list" else None
        company_list = self.query_one(CompanyList)
        return {
            "ticker": self.current,
            "view": self.view,
            "tab": tab,
            "marked": list(company_list.marked),
            "basis": self.basis,
            "annual": self.annual,
            "calendar": self.calendar,
            "indexed": self.indexed,
            "zoomed": self.zoomed,
            "compare_lines": self.compare_lines,
            "compare_log": self.compare_log,
            "sort": company_list.sort_key,
            "descending": company_list.descending,
            "filter": company_list.filter_text,
        }

    def place_label(self, state: dict) -> str:
        """`Capex META` or `Capex list`."""
        if state.get("view") == "compare":
            return tr("Capex compare")
        ticker = state.get("ticker")
        return tr("Capex {ticker}", ticker=ticker) if ticker else tr("Capex list")

    def restore_session(self, state: dict) -> None:
        """Reopen there once the list is built (in a worker, so after this call), unless the user
        has been at work in the list as last read meanwhile."""
        if self._browsed:
            return
        if self.index is None:
            self.reopen = state
        else:
            self.call_later(self._reopen, state)

    async def apply_place(self, state: dict) -> None:
        """Back or Forward to a place on this screen: the marks too are as they were there."""
        if self.index is None:
            self.reopen = state
        else:
            await self._reopen(state, exact=True)

    def _restore_choices(self, state: dict) -> None:
        """Basis, frequency, labels, index, sort and filter as saved (each only if it is valid)."""
        if state.get("basis") is None or isinstance(state.get("basis"), str):
            self.basis = state.get("basis")
        if state.get("annual") in (None, True, False):
            self.annual = state.get("annual")
        for name in ("calendar", "indexed", "compare_lines", "compare_log", "zoomed"):
            if isinstance(state.get(name), bool):
                setattr(self, name, state[name])
        self._show_panes()
        company_list = self.query_one(CompanyList)
        sort = state.get("sort")
        if sort in {c.key for c in LIST_COLUMNS}:
            descending = state.get("descending")
            company_list.sort_by(sort, descending if isinstance(descending, bool) else None)
        text = state.get("filter")
        if isinstance(text, str) and text != company_list.filter_text:
            self.query_one("#capex-filter", Input).value = text
            company_list.filter_text = text

    async def _reopen(self, state: dict, exact: bool = False) -> None:
        company_list = self.query_one(CompanyList)
        self._restore_choices(state)
        saved = [
            t for t in state.get("marked") or [] if isinstance(t, str) and self.index and t in self.index.by_ticker
        ]
        if exact and saved != company_list.marked:
            company_list.set_marks(saved)
        else:
            for ticker in saved:
                company_list.mark(ticker)
        chosen = state.get("ticker")
        if isinstance(chosen, str) and company_list.select_ticker(chosen):
            self.current = chosen
        self._update_status()
        if state.get("view") == "compare" and company_list.marked:
            await self._compare()
        elif state.get("view") == "detail" and self.current:
            await self._open(self.current)
        else:
            self.view = "list"
            company_list.focus()
            self.call_after_refresh(self._refresh_right)
            return
        pane = self._right_pane()
        if state.get("tab") in pane.tab_ids():
            pane.tabs.active = state["tab"]
            self._focus_tab(pane.tabs)

    # --- views ---------------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        """Side by side from WIDE columns; one pane at a time below."""
        self.wide = event.size.width >= WIDE
        self.tall = self.wide and event.size.height >= TALL
        self._apply_tall()
        self._size_list()

    def _apply_tall(self) -> None:
        for pane in self.query("#company-detail, #compare-pane"):
            cast("ChartPane", pane).tall = self.tall

    def _show_panes(self) -> None:
        # `display` on the two panes, not a class on the screen: a screen class restyles every widget.
        if not self.body_ready:
            return  # laid out once it is (`on_body_ready`)
        side_by_side = self.wide and not self.zoomed
        in_list = self.view == "list"
        list_pane = self.query_one("#capex-list-pane")
        list_pane.set_class(self.wide, "-wide")
        list_pane.display = side_by_side or in_list
        self.query_one("#capex-right").display = side_by_side or not in_list
        self._size_list()

    def _size_list(self) -> None:
        """Side by side, the list takes what its rows need (at most 45%); the detail takes the rest."""
        if not self.body_ready:
            return
        pane = self.query_one("#capex-list-pane")
        if self.wide and not self.zoomed:
            room = max(40, int(self.size.width * 0.45))
            pane.styles.width = self.query_one(CompanyList).width_for(room - 1) + 1  # + the border
        else:
            pane.styles.width = "1fr"

    def action_zoom(self) -> None:
        """Side by side: show only the pane with the focus, full width (again: both)."""
        if not self.wide:
            self.notify(tr("z shows one pane full width: below 120 columns there is one pane already."), timeout=4)
            return
        if not self.zoomed and self.view == "list" and not self._in_list():
            self.view = "detail"  # the focus is in the detail: that is the pane to zoom
        self.zoomed = not self.zoomed
        self._show_panes()

    def watch_wide(self, wide: bool) -> None:
        """Switch layouts, and fill the detail when it becomes visible."""
        self._show_panes()
        if wide and self.index is not None and self.view == "list":
            self.call_later(self._refresh_right)
        self.refresh_bindings()

    def watch_view(self, new: str) -> None:
        """Show the panes of the view."""
        self._show_panes()
        pane = "compare-pane" if new == "compare" else "company-detail"
        if new in ("detail", "compare") and self.query(f"#{pane}"):  # else shown once mounted
            self.query_one("#capex-right", ContentSwitcher).current = pane
        # No refresh_bindings() here: every view change moves the focus, which refreshes the footer
        # (and each footer refresh rebuilds it, the slowest part of switching views).
        self._update_status()

    async def _open(self, ticker: str) -> None:
        if self.index is None:  # the list as last read is shown; the figures are still being read
            self.pending = ticker
            return
        self.current = ticker
        self.view = "detail"
        await self._refresh_right()
        self._focus_tab(self.detail.tabs)

    async def _refresh_right(self) -> None:
        """Redraw whichever pane is on the right (mounting the panes the first time)."""
        if self.index is None or self.dataset is None:
            return
        await self._ensure_panes()
        if self.view == "list" and not self.wide:
            return  # hidden: filled when opened
        capex_detail, capex_compare, _ = _detail_modules()
        if self.view == "compare":
            marked = tuple(self.query_one(CompanyList).marked)
            self._apply_compare_look()
            self.compare.show(
                self.index, capex_compare.resolve(self.index, marked, self.basis, self.annual, self.indexed)
            )
        elif self.current is not None:
            view = capex_detail.resolve(self.index, self.current, self.basis, self.annual, self.calendar)
            self.detail.show(self.index, self.dataset, view)

    def _focus_tab(self, tabs: TabbedContent) -> None:
        """Focus the active tab's table, or the tab bar when the tab is a chart."""
        from workbench.ui.widgets.payback_tables import TracedTable

        pane = tabs.get_pane(tabs.active) if tabs.active else None
        tables: list[Widget] = []
        charts: list[Widget] = []
        if pane is not None:
            tables = [*pane.query(_detail_modules()[2].ItemTable), *pane.query(TracedTable)]
            charts = list(pane.query(".chart"))  # its cursor reads out each period
        (tables[0] if tables else charts[0] if charts else tabs.query_one("Tabs")).focus()

    def _right_pane(self) -> ChartPane:
        return self.compare if self.view == "compare" else self.detail

    def _in_list(self) -> bool:
        """Whether the user is working in the list (narrow: the list view; wide: focus in the list pane)."""
        if not self.wide:
            return self.view == "list"
        focused = self.focused
        return focused is None or focused in self.query_one("#capex-list-pane").query("*")

    def on_body_ready(self) -> None:
        self._show_panes()
        self._update_status()

    def _update_status(self) -> None:
        if not self.body_ready:
            return
        company_list = self.query_one(CompanyList)
        shown, total = len(company_list.rows), len(company_list.all_rows)
        marked = len(company_list.marked)
        status = f"{shown}/{total}" if shown != total else f"{total}"
        status += tr(" · {count} marked", count=marked) if marked else ""
        self.query_one("#capex-list-status", Static).update(status)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer each key only where it does something (the footer follows)."""
        right_pane = self.wide or self.view != "list"
        if action in ("filter", "sort", "reverse"):
            return self.wide or self.view == "list"
        if action in ("basis", "annual", "tab"):
            return right_pane
        if action == "calendar":
            return right_pane and self.view != "compare"
        if action in ("indexed", "line", "log"):
            return self.view == "compare"
        if action == "source":
            return right_pane and self.view == "detail"
        if action == "open":
            return isinstance(self.focused, CompanyList)
        if action == "compare":
            return self.view != "compare"
        if action == "back":
            return (
                self.view != "list"
                or isinstance(self.focused, Input)
                or (self.wide and not self._in_list())
                or self.workbench.history.can_back
            )
        return True

    def unavailable_reason(self, action: str, parameters: tuple[object, ...]) -> str:
        """What to do first for a key that cannot act in this view."""
        if action == "source":
            if self.view == "compare":
                return tr("o shows a figure's source: Compare has none of its own (Esc, then open a company).")
            return tr(
                "o shows a figure's source: open a company (Enter), then move to a figure in its Periods or Ledger tab."
            )
        if action in ("basis", "annual", "calendar", "tab"):
            return tr("Open a company first (Enter): that key changes the company's detail.")
        if action in ("indexed", "line", "log"):
            return tr("That key changes a comparison: mark companies with space, then press c.")
        if action in ("filter", "sort", "reverse"):
            return tr("That key works on the company list: Esc back to it first.")
        if action == "open":
            return tr("Enter opens the company under the cursor: move to the company list first.")
        if action == "back":
            return tr("Nothing to go back to.")
        return ""

    # --- list events -------------------------------------------------------------------------------

    @on(Input.Changed, "#capex-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        """Filter as the user types."""
        self.query_one(CompanyList).filter_text = event.value
        self._update_status()

    @on(Input.Submitted, "#capex-filter")
    def filter_done(self) -> None:
        """Enter in the filter goes to the list."""
        self.query_one(CompanyList).focus()

    async def action_open(self) -> None:
        """Open the company under the cursor.

        A screen action, not a message from the list: the app finishes it before the next key,
        so keys typed ahead (Enter ] ] …) land in the detail.
        """
        row = self.query_one(CompanyList).current
        if row is not None:
            self.workbench.remember_place()
            await self._open(row.ticker)

    @on(CompanyList.Selected)
    async def company_selected(self, event: CompanyList.Selected) -> None:
        """A second click on a company opens its detail."""
        self.workbench.remember_place()
        if event.row is not None:
            await self._open(event.row.ticker)

    @on(CompanyList.Highlighted)
    def company_highlighted(self, event: CompanyList.Highlighted) -> None:
        """In wide mode the detail follows the cursor, once it rests."""
        if event.row is None or not self.wide or self.view == "compare":
            return
        self.current = event.row.ticker
        if self._follow is not None:
            self._follow.stop()
        self._follow = self.set_timer(FOLLOW_DELAY, self._follow_cursor)

    async def _follow_cursor(self) -> None:
        """The detail, for the company the cursor rests on; not while another screen is being
        opened (the user is leaving this one): drawn then, it held up that opening for 40 ms and
        more on the large set. It follows once the other screen is shown, unseen."""
        if self.workbench.opening:
            self._follow = self.set_timer(FOLLOW_DELAY, self._follow_cursor)
            return
        await self._refresh_right()

    @on(CompanyList.MarksChanged)
    async def marks_changed(self) -> None:
        """Keep the status (and an open comparison) up to date."""
        self._update_status()
        if self.view == "compare":
            await self._refresh_right()

    # --- drilling into figures ------------------------------------------------------------------

    def on_item_table_selected(self, event: ItemTable.Selected) -> None:
        """Enter on a figure opens its source; on a quote, the Quotes screen at that passage."""
        _, _, tables = _detail_modules()
        CompanyQuotes, GuidanceLedger, PeriodTable = tables.CompanyQuotes, tables.GuidanceLedger, tables.PeriodTable
        table = event.virtual_list
        if isinstance(table, CompanyQuotes):
            if table.current is not None:
                self.workbench.open_quote(table.current.id)
        elif isinstance(table, (PeriodTable, GuidanceLedger)) and table.current is not None:
            figure: CapexFigure = table.current
            if figure.quote and self.dataset and figure.quote in self.dataset.quotes:
                self.workbench.open_quote(figure.quote)
            else:
                self._show_source(figure)

    def _show_source(self, figure: CapexFigure) -> None:
        from workbench.core.capex import summaries as capex

        if self.dataset is None:
            return
        heading = (
            f"{figure.ticker} {figure.fiscal_period} {capex.kind_label(figure.kind)} "
            f"{numbers.figure(figure.value_bn, figure.low_bn, figure.high_bn)} "
            f"({capex.basis_label(figure.basis)})"
        )
        from workbench.ui.dialogs.source import SourceDialog

        dialog = SourceDialog(self.dataset, figure.source, figure.quote, heading, figure.note)

        def opened(quote_id: str | None) -> None:
            if quote_id:
                self.workbench.open_quote(quote_id)

        self.app.push_screen(dialog, opened)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on a payback figure: the rows it came from."""
        from workbench.ui.screens.payback import open_rows
        from workbench.ui.widgets.payback_tables import TracedTable

        if isinstance(event.data_table, TracedTable):
            open_rows(self, event.data_table)

    def action_source(self) -> None:
        """Where the figure (or quote) under the cursor comes from, in a dialog."""
        from workbench.ui.dialogs.source import SourceDialog
        from workbench.ui.widgets.payback_tables import TracedTable

        if isinstance(self.focused, TracedTable):
            from workbench.ui.screens.payback import open_rows

            open_rows(self, self.focused)
            return
        _, _, tables = _detail_modules()
        CompanyQuotes, GuidanceLedger, PeriodTable = tables.CompanyQuotes, tables.GuidanceLedger, tables.PeriodTable
        focused = self.focused
        if isinstance(focused, (PeriodTable, GuidanceLedger)) and focused.current is not None:
            self._show_source(focused.current)
        elif isinstance(focused, CompanyQuotes) and focused.current is not None and self.dataset:
            q: Quote = focused.current
            self.app.push_screen(
                SourceDialog(self.dataset, q.source, q.id, tr("Quote {id}", id=q.id)),
                lambda quote_id: self.workbench.open_quote(quote_id) if quote_id else None,
            )
        else:
            self.notify(tr("Move to a figure in the Periods or Ledger tab first."), severity="warning")

    # --- actions --------------------------------------------------------------------------------

    def action_filter(self) -> None:
        """Type to filter the company list."""
        if not self.wide:
            self.view = "list"
        self.query_one("#capex-filter", Input).focus()

    def action_sort(self) -> None:
        """Sort by the next column."""
        self.query_one(CompanyList).sort_next()

    def action_reverse(self) -> None:
        """Reverse the sort."""
        self.query_one(CompanyList).reverse()

    async def action_compare(self) -> None:
        """Chart the marked companies together (the company under the cursor if none is marked)."""
        company_list = self.query_one(CompanyList)
        if not company_list.marked:
            if company_list.current is None:
                return
            company_list.mark(company_list.current.ticker)
            self.notify(tr("Nothing marked: comparing the current company. Mark more with space in the list."))
        self.workbench.remember_place()
        await self._compare()

    async def _compare(self) -> None:
        self.view = "compare"
        await self._refresh_right()
        self._focus_tab(self.compare.tabs)

    async def action_basis(self) -> None:
        """Next basis for this company (or for the comparison): a series never mixes bases."""
        from workbench.core.capex import summaries as capex

        view = self._right_pane().view if self.panes_ready else None
        if view is None or not view.bases:
            self.notify(tr("No capex figures here, so no basis to switch."), timeout=4)
            return
        if len(view.bases) == 1:
            basis = capex.basis_label(view.bases[0])
            if self.view == "compare":
                message = tr(
                    "These companies report capex on one basis only ({basis}): nothing to switch to.", basis=basis
                )
            else:
                message = tr(
                    "{ticker} report capex on one basis only ({basis}): nothing to switch to.",
                    ticker=printable(view.ticker, one_line=True),
                    basis=basis,
                )
            self.notify(message, timeout=4, markup=False)
            return
        position = view.bases.index(view.basis) if view.basis in view.bases else -1
        self.basis = view.bases[(position + 1) % len(view.bases)]
        await self._refresh_right()

    async def action_annual(self) -> None:
        """Switch between annual and quarterly periods."""
        view = self._right_pane().view if self.panes_ready else None
        current = view.annual if view is not None else True
        self.annual = not current
        await self._refresh_right()

    async def action_calendar(self) -> None:
        """Label periods by fiscal or by calendar quarter."""
        self.calendar = not self.calendar
        await self._refresh_right()

    def action_line(self) -> None:
        """Compare as lines or as bars."""
        self.compare_lines = not self.compare_lines
        self._apply_compare_look()

    def action_log(self) -> None:
        """Compare on a log scale or a linear one."""
        self.compare_log = not self.compare_log
        self._apply_compare_look()

    def _apply_compare_look(self) -> None:
        from workbench.ui.widgets.capex_chart import CompareChart

        for chart in self.query("#compare-pane CompareChart").results(CompareChart):
            chart.as_lines, chart.log_scale = self.compare_lines, self.compare_log
            chart.refresh()

    async def action_indexed(self) -> None:
        """Raw values or an index (first shared period = 100)."""
        self.indexed = not self.indexed
        await self._refresh_right()

    def action_tab(self, step: int) -> None:
        """Next or previous tab of the detail (or of Compare)."""
        if not self.panes_ready:
            return
        pane = self._right_pane()
        ids = pane.tab_ids()
        position = ids.index(pane.active_tab) if pane.active_tab in ids else 0
        pane.tabs.active = ids[(position + step) % len(ids)]
        self._focus_tab(pane.tabs)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Choosing a tab from its tab bar (click, or arrows there) puts the focus in its table."""
        focused = self.focused
        if focused is not None and focused in event.tabbed_content.query("Tabs"):
            self.call_after_refresh(self._focus_tab, event.tabbed_content)

    async def action_back(self) -> None:
        """Esc: clear the filter, else back to the previous place (or from Compare or the detail to the list)."""
        company_list = self.query_one(CompanyList)
        if isinstance(self.focused, Input):
            self.query_one("#capex-filter", Input).value = ""
            company_list.filter_text = ""
            self._update_status()
            company_list.focus()
        elif await self.workbench.go_back():
            return
        elif self.view == "compare":
            self.view = "detail" if self.wide and self.current else "list"
            if self.view == "detail":
                await self._refresh_right()
            company_list.focus()
        else:
            self.view = "list"
            company_list.focus()

    # --- export -------------------------------------------------------------------------------

    def visible_table(self) -> tuple[str, str, list[dict[str, Any]]]:
        """(title, suggested file name, raw rows) of the table the user is looking at."""
        from workbench.core.capex import summaries as capex
        from workbench.core.output.export import file_slug

        company_list = self.query_one(CompanyList)
        if self._in_list() or self.index is None or not self.panes_ready:
            return tr("Export the company list"), "capex-companies.csv", [r.row() for r in company_list.rows]
        if self.view == "compare":
            pane = self.compare
            name = "-".join(file_slug(t) for t in pane.view.tickers) if pane.view else "compare"
            title = tr("Export the comparison (index)") if self.indexed else tr("Export the comparison (bn)")
            return title, f"capex-compare-{name}.csv", pane.table_data().rows()
        detail = self.detail
        view = detail.view
        if view is None:
            return tr("Export the company list"), "capex-companies.csv", [r.row() for r in company_list.rows]
        figures = self.index.figures(view.ticker)
        slug = file_slug(view.ticker)
        if detail.active_tab == "tab-ledger":
            return (
                tr("Export the guidance ledger"),
                f"capex-{slug}-ledger.csv",
                capex.ledger_rows(capex.ledger(figures)),
            )
        if detail.active_tab == "tab-payback" and detail.payback is not None:
            kind = "ttm" if detail.payback.ttm else "annual"
            rows = [p.row() for p in detail.payback.periods]
            title = (
                tr("Export the payback metrics (ttm)")
                if detail.payback.ttm
                else tr("Export the payback metrics (annual)")
            )
            return title, f"payback-{slug}-{kind}.csv", rows
        if detail.active_tab == "tab-quotes":
            from workbench.core.output.records import quote_rows

            quotes = capex.quotes_mentioning(self.dataset, view.ticker) if self.dataset else []
            return tr("Export the quotes"), f"capex-{slug}-quotes.csv", quote_rows(quotes)
        frequency = "annual" if view.annual else "quarterly"
        rows = [capex.figure_row(f) for f in capex.period_figures(figures, view.basis, view.annual)]
        basis = capex.basis_label(view.basis)
        return (
            tr("Export annual figures ({basis})", basis=basis)
            if view.annual
            else tr("Export quarterly figures ({basis})", basis=basis),
            f"capex-{slug}-{frequency}-{file_slug(view.basis)}.csv",
            rows,
        )

    def action_export(self) -> None:
        """Ask for a path and write the visible table there (CSV or JSON, raw numbers)."""
        from workbench.ui.dialogs.export import ask_export

        title, suggestion, rows = self.visible_table()
        ask_export(self.app, title, rows, suggestion)
