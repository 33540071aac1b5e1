"""The Deals screen: the circular-deal ledger, one company's round trips, and the network of who pays whom."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, Static, TabbedContent, TabPane

from workbench.core.data.layout import scenario_path, scenarios_dir
from workbench.core.data.model import Dataset
from workbench.core.deals.ledger import (
    SORT_KEYS,
    Ledger,
    LedgerRow,
    export_records,
    filter_problem,
    filter_rows,
    ledger_for,
    sort_rows,
    standing_totals,
)
from workbench.core.deals.scenario import (
    DealScenario,
    NotEligible,
    check_target,
    scenario_for_deal,
    target_path,
    with_id,
)
from workbench.core.deals.views import years_view
from workbench.core.i18n import N_, is_chinese, tr, tr_n
from workbench.core.scenarios.files import create_scenario
from workbench.ui.base import WorkbenchScreen
from workbench.ui.dialogs.export import ask_export
from workbench.ui.dialogs.source import SourceDialog
from workbench.ui.widgets.deal_common import NOT_COUNTED, TIED, kind_label
from workbench.ui.widgets.deal_detail import DealDetail
from workbench.ui.widgets.deal_network import DealNetwork
from workbench.ui.widgets.deal_party import PartyReportList, PartyView
from workbench.ui.widgets.deal_table import DealTable
from workbench.ui.widgets.deal_years import NOTE, DealYears

VIEWS = ("ledger", "party", "network", "years")
DESCENDING_FIRST = ("announced", "amount", "confidence")  # newest, largest, surest first
SORT_LABELS = {  # the status line's "by …", translated where drawn
    "announced": N_("by announced"),
    "amount": N_("by amount"),
    "investor": N_("by investor"),
    "counterparty": N_("by counterparty"),
    "kind": N_("by kind"),
    "status": N_("by status"),
    "confidence": N_("by confidence"),
    "source": N_("by source"),
}
VIEW_WORDS = {"ledger": N_("ledger"), "party": N_("party"), "network": N_("network"), "years": N_("years")}


class DealsScreen(WorkbenchScreen):
    """Who invests in whom, and how much comes back as cloud or chip revenue."""

    SCREEN_TITLE = N_("Deals")

    DEFAULT_CSS = """
    DealsScreen {
        #deal-views { height: 1fr; }
        #deal-views TabPane { padding: 0; }
        #deal-filter { border: none; height: 1; padding: 0 1; background: $boost; }
        #deal-filter:focus { background: $primary 20%; }
        #deal-filter.-idle { display: none; }
        #deal-years-note { height: auto; padding: 0 1; color: $text-muted; }
        #deal-status { height: auto; max-height: 4; padding: 0 1; color: $text-muted; }
    }
    """

    BINDINGS = [
        Binding("l", "view('ledger')", N_("Ledger"), id="deals.ledger", tooltip=N_("Every deal, filtered and sorted")),
        Binding(
            "p",
            "party",
            N_("Party"),
            id="deals.party",
            tooltip=N_("Per-company view of the highlighted deal's investor (press again: its counterparty)"),
        ),
        Binding(
            "w",
            "view('network')",
            N_("Network"),
            id="deals.network",
            tooltip=N_("Who is tied to whom, with amounts"),
        ),
        Binding(
            "y",
            "view('years')",
            N_("Years"),
            id="deals.years",
            tooltip=N_("Multi-year commitments year by year, beside each provider's cloud revenue and RPO"),
        ),
        Binding(
            "slash",
            "filter",
            N_("Filter"),
            id="deals.filter",
            tooltip=N_(
                "Filter: words, field:value (investor: counterparty: party: kind: status:), "
                "or numbers (amount:>50, year:2025..2026, term:>=5)"
            ),
        ),
        Binding("s", "sort", N_("Sort"), id="deals.sort", tooltip=N_("Sort by the next column")),
        Binding("S", "reverse", N_("Reverse"), id="deals.reverse", show=False, tooltip=N_("Reverse the order")),
        Binding(
            "o",
            "open_source",
            N_("Source"),
            id="deals.source",
            show=False,
            tooltip=N_("Open the deal's quote or external source (also Enter)"),
        ),
        Binding(
            "m",
            "model",
            N_("Model"),
            id="deals.model",
            tooltip=N_("Start or open a scenario counting the commitment as revenue"),
        ),
        Binding("e", "export", N_("Export"), id="deals.export", tooltip=N_("Export the deals shown to CSV or JSON")),
        Binding(
            "z",
            "zoom",
            N_("Zoom"),
            id="deals.zoom",
            show=False,
            tooltip=N_("The table full height (the deal's facts hidden), the party's report full width; again: both"),
        ),
        Binding(
            "escape",
            "back",
            N_("Back"),
            id="deals.back",
            show=False,
            tooltip=N_("Leave the filter; clear it; or go back to the ledger"),
        ),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.dataset: Dataset | None = None
        self.ledger: Ledger | None = None
        self.shown: list[LedgerRow] = []
        self.sort_key = "announced"
        self.descending = True
        self._pending_party: str | None = None
        self._pending_scenario: str | None = None
        self._pending_state: dict | None = None
        self._focused_once = False
        self._network_stale = True
        self._party_stale = True

    def compose_body(self) -> ComposeResult:
        with TabbedContent(id="deal-views"):
            with TabPane(tr("Ledger"), id="ledger"):
                yield Input(
                    placeholder=tr("filter: words, field:value (party: kind: status:) or amount:>50 year:2025..2026"),
                    id="deal-filter",
                    classes="-idle",
                )
                yield Static("", id="deal-status", markup=False)
                yield DealTable(id="deal-table")
                yield DealDetail(id="deal-detail")
            with TabPane(tr("Party"), id="party"):
                yield PartyView(id="party-view")
            with TabPane(tr("Network"), id="network"):
                yield DealNetwork(id="deal-network")
            with TabPane(tr("Years"), id="years"):
                yield Static(tr(NOTE), id="deal-years-note", markup=False)
                yield DealYears(id="deal-years")

    # --- data ------------------------------------------------------------------------------

    def show_dataset(self, dataset: Dataset) -> None:
        """Build the ledger off the event loop; the views fill when it is ready."""
        self.dataset = dataset
        self._build_ledger(dataset)

    @work(thread=True, exclusive=True, exit_on_error=False, group="deals")
    def _build_ledger(self, dataset: Dataset) -> None:
        """Classify, convert and link every deal in a thread."""
        ledger = ledger_for(dataset)
        self.app.call_from_thread(self._show_ledger, dataset, ledger)

    def _show_ledger(self, dataset: Dataset, ledger: Ledger) -> None:
        if dataset is not self.dataset:
            return  # a newer load is on its way
        self.ledger = ledger
        # Drawn when first shown: a big network is thousands of lines, a big party hundreds.
        self._network_stale = self._party_stale = True
        if self._pending_state is not None:
            state, self._pending_state = self._pending_state, None
            self._restore(state)
        self._refresh_table()
        active = self.query_one(TabbedContent).active
        if active == "network":
            self._draw_network()
        elif active == "party":
            self._draw_party()
        if not self._focused_once:  # first data: the cursor goes to the view, not the tab bar
            self._focused_once = True
            self.action_view(self.query_one(TabbedContent).active or "ledger")
        if self._pending_party is not None:
            name, self._pending_party = self._pending_party, None
            self.show_party(name)
        if self._pending_scenario is not None:  # the reload that follows writing a scenario
            scenario_id, self._pending_scenario = self._pending_scenario, None
            if scenario_id in dataset.scenarios:
                self.call_after_refresh(self.workbench.open_scenario, scenario_id)
            else:
                self.notify(
                    tr("Scenario {id} was written but does not load: press ! for the problems.", id=repr(scenario_id)),
                    severity="warning",
                    markup=False,
                )

    def _draw_party(self) -> None:
        if self.ledger is not None and self.dataset is not None and self._party_stale:
            self._party_stale = False
            self.query_one(PartyView).show_ledger(self.ledger, self.dataset)

    def _draw_network(self) -> None:
        if self.ledger is not None and self._network_stale:
            self._network_stale = False
            self.query_one(DealNetwork).show_ledger(self.ledger)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Draw the party and the network the first time each is shown after a load; the years each
        time they are shown."""
        if event.pane.id == "party":
            self._draw_party()
        elif event.pane.id == "network":
            self._draw_network()
        elif event.pane.id == "years":
            self._draw_years()

    def _refresh_table(self) -> None:
        if self.ledger is None:
            return
        query = self.query_one("#deal-filter", Input).value
        rows = filter_rows(self.ledger, self.ledger.rows, query)
        self.shown = sort_rows(self.ledger, rows, self.sort_key, self.descending)
        self.query_one(DealTable).show_rows(self.ledger, self.shown, self.sort_key, self.descending)
        self._update_status()
        self._show_detail()
        if self.query_one(TabbedContent).active == "years":
            self._draw_years()

    def _update_status(self) -> None:
        if self.ledger is None:
            return
        # Closed, committed and merely reported deals are never added into one headline figure.
        capital = standing_totals(self.shown, "capital")
        spend = standing_totals(self.shown, "spend")
        arrow = "▼" if self.descending else "▲"
        box = self.query_one("#deal-filter", Input)
        box.set_class(not box.value and not box.has_focus, "-idle")
        problem = filter_problem(box.value)
        hint = f" · {problem}" if problem else "" if box.value else tr(" · / filters (amount:>50 year:2025..2026)")
        counts = tr_n(
            "{shown}/{n} deals · {by} {arrow} · {inside} not added · {tied} tied",
            "{shown}/{n} deals · {by} {arrow} · {inside} not added · {tied} tied",
            len(self.ledger.rows),
            shown=len(self.shown),
            by=tr(SORT_LABELS[self.sort_key]) if self.sort_key in SORT_LABELS else self.sort_key,
            arrow=arrow,
            inside=NOT_COUNTED,
            tied=TIED,
        )
        text = Text(
            f"{counts}{hint}\n"
            + tr("Invested: {amount}", amount=capital.text())
            + "\n"
            + tr("Compute and chips bought: {amount}", amount=spend.text())
        )
        self.query_one("#deal-status", Static).update(text)

    def _show_detail(self) -> None:
        index = self.query_one(DealTable).current_index()
        row = self.ledger.rows[index] if self.ledger is not None and index is not None else None
        self.query_one(DealDetail).show_deal(row, self.ledger, self.dataset)

    # --- navigation from other screens -----------------------------------------------------

    def show_party(self, name: str) -> None:
        """Show an investor or AI lab (a name, alias or ticker) in the per-company view."""
        if self.ledger is None:
            self._pending_party = name
            return
        key = self.ledger.resolve(name)
        if key is None:
            self.notify(tr("No deal names {name}.", name=repr(name)), severity="warning", markup=False)
            return
        self._set_view("party")
        self.query_one(PartyView).show_party(key)
        self.query_one(PartyReportList).focus()

    # --- session ---------------------------------------------------------------------------

    def session_state(self) -> dict:
        """The view, filter, order and party, to reopen where the user left."""
        party = self.query_one(PartyView).party
        return {
            "view": self.query_one(TabbedContent).active or "ledger",
            "filter": self.query_one("#deal-filter", Input).value,
            "sort": self.sort_key,
            "descending": self.descending,
            "party": self.ledger.name(party) if self.ledger and party else None,
            "zoom": not self.query_one(DealDetail).display,
        }

    def place_label(self, state: dict) -> str:
        """`Deals ledger`, `Deals party Amazon`."""
        view = state.get("view")
        view = tr(VIEW_WORDS[view]) if view in VIEW_WORDS else view
        return " ".join(str(part) for part in (tr(self.SCREEN_TITLE), view, state.get("party")) if part)

    def restore_session(self, state: dict) -> None:
        """Return to a saved place once the ledger is built."""
        if self.ledger is None:
            self._pending_state = state
        else:
            self._restore(state)
            self._refresh_table()
            if not self._party_stale:  # else drawn, with the party, when shown
                self.query_one(PartyView).show_party(self.query_one(PartyView).party)

    def _restore(self, state: dict) -> None:
        if state.get("sort") in SORT_KEYS:
            self.sort_key, self.descending = state["sort"], bool(state.get("descending"))
        if isinstance(state.get("filter"), str):
            self.query_one("#deal-filter", Input).value = state["filter"]
        key = self.ledger.resolve(state["party"]) if self.ledger and isinstance(state.get("party"), str) else None
        if key is not None:
            self.query_one(PartyView).party = key  # drawn by show_ledger, or now
        if state.get("view") in VIEWS:
            self._set_view(state["view"])
        if isinstance(state.get("zoom"), bool) and state["zoom"] == self.query_one(DealDetail).display:
            self.action_zoom()

    # --- actions ---------------------------------------------------------------------------

    def _set_view(self, view: str) -> None:
        self.query_one(TabbedContent).active = view
        if view == "party":
            self._draw_party()
        elif view == "network":
            self._draw_network()
        elif view == "years":
            self._draw_years()

    def action_zoom(self) -> None:
        """Give the table the whole pane: hide the deal's facts under the ledger and the party list."""
        showing = self.query_one(DealDetail).display
        party_list = self.query_one("#party-list")
        if showing and party_list.has_focus:
            self.query_one(PartyReportList).focus()
        self.query_one(DealDetail).display = not showing
        party_list.display = not showing

    def _draw_years(self) -> None:
        """The deals shown (the ledger's filter applies), year by year."""
        if self.ledger is not None and self.dataset is not None:
            self.query_one(DealYears).show_years(years_view(self.ledger, self.shown, self.dataset.financials))

    def action_view(self, view: str) -> None:
        """Switch to the ledger or the network and put the cursor in it."""
        if view != self.query_one(TabbedContent).active and self.ledger is not None:
            self.workbench.remember_place()
        self._set_view(view)
        views: dict[str, type[Widget]] = {
            "ledger": DealTable,
            "party": PartyReportList,
            "network": DealNetwork,
            "years": DealYears,
        }
        target = views[view]
        self.query_one(target).focus()

    def _current(self) -> LedgerRow | None:
        """The deal under the cursor of the view shown."""
        if self.ledger is None:
            return None
        view = self.query_one(TabbedContent).active
        index = (
            self.query_one(DealTable).current_index()
            if view == "ledger"
            else self.query_one(PartyView).current_deal()
            if view == "party"
            else None
        )
        return self.ledger.rows[index] if index is not None else None

    def action_party(self) -> None:
        """Per-company view of the deal's investor; pressed again, of its counterparty."""
        if self.ledger is None:
            return
        row = self._current()
        view = self.query_one(PartyView)
        if row is None:
            self.action_view("party")
            return
        self.workbench.remember_place()
        investor, counterparty = row.payer, self.ledger.parties.key(row.deal.counterparty)
        on_party = self.query_one(TabbedContent).active == "party"
        key = counterparty if on_party and view.party == investor else investor
        self._set_view("party")
        view.show_party(key, deal=row.index)
        self.query_one(PartyReportList).focus()

    def action_filter(self) -> None:
        """Type a filter for the ledger."""
        self._set_view("ledger")
        box = self.query_one("#deal-filter", Input)
        box.remove_class("-idle")
        box.focus()

    def on_descendant_blur(self, event) -> None:
        """An empty filter box hides when the cursor leaves it (its line goes back to the table)."""
        if event.widget.id == "deal-filter":
            self._update_status()

    @on(Input.Changed, "#deal-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        """Filter as the user types."""
        self._refresh_table()

    @on(Input.Submitted, "#deal-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter: back to the table."""
        self.query_one(DealTable).focus()

    def action_sort(self) -> None:
        """Sort by the next column (dates, amounts and confidence largest first)."""
        self.sort_key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        self.descending = self.sort_key in DESCENDING_FIRST
        self._set_view("ledger")
        self._refresh_table()

    def action_reverse(self) -> None:
        """Reverse the order."""
        self.descending = not self.descending
        self._refresh_table()

    async def action_back(self) -> None:
        """Esc: leave the filter box; else back to the place left (else to the ledger); else clear the filter."""
        box = self.query_one("#deal-filter", Input)
        if box.has_focus:
            self.query_one(DealTable).focus()
        elif self.query_one(TabbedContent).active != "ledger":
            if not await self.workbench.go_back():
                self.action_view("ledger")
        elif box.value:
            box.value = ""
        elif not await self.workbench.go_back():
            self.notify(tr("Nothing to go back to yet: Back returns to the places you left."), timeout=3)

    @on(DealTable.Highlighted)
    def _row_highlighted(self, event: DealTable.Highlighted) -> None:
        """Show the facts of the deal under the cursor."""
        self._show_detail()

    @on(DealTable.Selected)
    def _row_selected(self, event: DealTable.Selected) -> None:
        """Enter on a deal opens its source."""
        if self.ledger is not None:
            self._open_source(self.ledger.rows[event.index])

    @on(PartyView.DealChosen)
    def _party_deal_chosen(self, event: PartyView.DealChosen) -> None:
        """Enter on a deal in the per-company view opens its source."""
        if self.ledger is not None:
            self._open_source(self.ledger.rows[event.index])

    @on(DealNetwork.PartyChosen)
    def _network_party_chosen(self, event: DealNetwork.PartyChosen) -> None:
        """Enter in the network shows that party."""
        self._set_view("party")
        self.query_one(PartyView).show_party(event.key)
        self.query_one(PartyReportList).focus()

    def action_open_source(self) -> None:
        """Open the highlighted deal's quote, or show its external source."""
        row = self._current()
        if row is not None:
            self._open_source(row)

    def _open_source(self, row: LedgerRow) -> None:
        deal = row.deal
        if self.dataset is None:
            return
        if deal.quote and deal.quote in self.dataset.quotes:
            self.workbench.open_quote(deal.quote)
            return
        kind = kind_label(deal.kind) if is_chinese() else deal.kind
        heading = f"{deal.investor} → {deal.counterparty} · {kind} · {row.amount.text} · {deal.announced}"
        self.app.push_screen(SourceDialog(self.dataset, deal.source, "", heading, deal.note))

    # --- scenario --------------------------------------------------------------------------

    def action_model(self) -> None:
        """Start (or open) a scenario that counts the highlighted commitment as revenue."""
        row = self._current()
        if row is None or self.ledger is None or self.dataset is None:
            self.notify(tr("Put the cursor on a deal first (ledger or party view)."), severity="warning", markup=False)
            return
        try:
            made = scenario_for_deal(self.ledger, row, self.dataset)
        except NotEligible as error:
            self.notify(str(error), title=tr("No scenario for this deal"), severity="warning", markup=False)
            return
        if made.id in self.dataset.scenarios:
            self.workbench.open_scenario(made.id)
            return
        self._ask_where(made)

    def _ask_where(self, made: DealScenario) -> None:
        """Nothing is written without asking: the dialog shows the path, which the user may change."""
        from workbench.ui.dialogs.scenario_name import NameDialog

        assert self.dataset is not None
        root = self.dataset.root
        suggestion = str(scenario_path(root, made.id).relative_to(root))

        def chosen(text: str | None) -> None:
            if text:
                path = target_path(root, text)
                self._create_scenario(path, path.stem, with_id(made, path.stem))

        self.app.push_screen(
            NameDialog(
                tr("Write a new scenario for {company} to (relative to {root})", company=made.company, root=str(root)),
                suggestion,
                lambda text: check_target(root, text),
                tr("Enter writes the file · Esc cancels · the app loads scenarios from scenarios/ only"),
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="deals-scenario")
    def _create_scenario(self, path: Path, scenario_id: str, text: str) -> None:
        """Write the new scenario file, then reload the data so the Scenarios screen knows it."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            create_scenario(path, text)
        except FileExistsError:
            pass  # made meanwhile (another window?): open what is there
        except (OSError, ValueError) as error:
            self.app.call_from_thread(
                self.notify,
                tr("Could not write {path}: {error}", path=str(path), error=str(error)),
                title=tr("Scenario not created"),
                severity="error",
                markup=False,
            )
            return
        self.app.call_from_thread(self._scenario_written, scenario_id, path)

    def _scenario_written(self, scenario_id: str, path: Path) -> None:
        if self.dataset is None or path.resolve().parent != scenarios_dir(self.dataset.root).resolve():
            self.notify(
                tr(
                    "Created {path}: outside the data's scenarios/ folder, so the Scenarios screen does not load it.",
                    path=str(path),
                ),
                title=tr("Scenario"),
                markup=False,
                timeout=8,
            )
            return
        self.notify(tr("Created {path}", path=str(path)), title=tr("Scenario"), markup=False)
        self._pending_scenario = scenario_id
        self.workbench.load_data()

    # --- export ----------------------------------------------------------------------------

    def action_export(self) -> None:
        """Export the deals shown (filter and order kept) to CSV or JSON, raw numbers."""
        if self.ledger is None:
            return
        records = export_records(self.ledger, self.shown)
        query = self.query_one("#deal-filter", Input).value.strip()
        ask_export(
            self.app,
            tr("Export the deal ledger"),
            records,
            "deals-ledger.csv",
            what="deal" if len(records) == 1 else "deals",
            count_text=tr_n("{n} deal", "{n} deals", len(records)),
            detail=tr("filter {query}; USD billions, empty = undisclosed", query=repr(query))
            if query
            else tr("all; USD billions, empty = undisclosed"),
        )
