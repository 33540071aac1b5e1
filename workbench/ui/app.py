"""The Textual application: loads the data in a worker and hosts one screen per mode."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from workbench.core.loader import load_dataset
from workbench.core.model import Dataset
from workbench.ui.dialogs.problems import ProblemsDialog
from workbench.ui.screens.capex import CapexScreen
from workbench.ui.screens.deals import DealsScreen
from workbench.ui.screens.quotes import QuotesScreen
from workbench.ui.screens.scenarios import ScenariosScreen


class WorkbenchApp(App[None]):
    """AI Capex Workbench: capex browser, quote viewer, ROI scenarios and deal ledger."""

    TITLE = "AI Capex Workbench"
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    MODES = {"capex": CapexScreen, "quotes": QuotesScreen, "scenarios": ScenariosScreen, "deals": DealsScreen}
    DEFAULT_MODE = "capex"
    BINDINGS = [
        Binding("1", "switch_mode('capex')", "Capex", id="app.capex", tooltip="Company capex browser"),
        Binding("2", "switch_mode('quotes')", "Quotes", id="app.quotes", tooltip="Side-by-side quote viewer"),
        Binding("3", "switch_mode('scenarios')", "Scenarios", id="app.scenarios", tooltip="ROI scenarios"),
        Binding("4", "switch_mode('deals')", "Deals", id="app.deals", tooltip="Circular-deal ledger"),
        Binding("!", "show_problems", "Problems", id="app.problems", tooltip="List every data problem"),
        Binding("?", "toggle_keys", "Keys", id="app.keys", tooltip="Show every key of this screen"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False),
    ]

    dataset: reactive[Dataset | None] = reactive(None, always_update=True)

    def __init__(self, data_dir: Path | str) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)

    def on_mount(self) -> None:
        """Start loading the data off the event loop; screens show a spinner meanwhile."""
        self.sub_title = str(self.data_dir)
        self.load_data()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_data(self) -> None:
        """Read and validate the data directory in a thread, then hand it to the screens."""
        dataset = load_dataset(self.data_dir)
        self.call_from_thread(setattr, self, "dataset", dataset)

    # Cross-screen navigation: switch mode, then ask that screen to show the item.
    # Each screen remembers the request if its data has not arrived yet.

    def open_company(self, ticker: str) -> None:
        """Show a company on the Capex screen."""
        self.switch_mode("capex")
        self.screen.show_company(ticker)

    def open_quote(self, quote_id: str) -> None:
        """Show a quote in its document on the Quotes screen."""
        self.switch_mode("quotes")
        self.screen.show_quote(quote_id)

    def open_scenario(self, scenario_id: str) -> None:
        """Open a scenario on the Scenarios screen."""
        self.switch_mode("scenarios")
        self.screen.show_scenario(scenario_id)

    def open_party(self, name: str) -> None:
        """Show an investor or AI lab on the Deals screen."""
        self.switch_mode("deals")
        self.screen.show_party(name)

    def action_show_problems(self) -> None:
        """Open the list of data problems."""
        if self.dataset is not None:
            self.push_screen(ProblemsDialog(self.dataset.problems))

    def action_toggle_keys(self) -> None:
        """Show or hide the panel that lists every key."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()
