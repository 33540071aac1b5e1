"""Start a new scenario from a company, sized by its latest capex guidance or actual."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from workbench.core.data.model import Dataset
from workbench.core.i18n import N_, tr
from workbench.core.scenarios import new as scenario_new
from workbench.ui.dialogs.scenario_frame import ScenarioDialog
from workbench.ui.safe_text import literal


class NewScenarioDialog(ScenarioDialog[tuple[str, str] | None]):
    """Pick a company (Enter), then a scenario id (Enter); returns (ticker, id)."""

    DEFAULT_CSS = """
    NewScenarioDialog > Vertical { width: 90%; max-width: 110; height: 90%; }
    NewScenarioDialog OptionList { height: 1fr; }
    NewScenarioDialog .new-reason { color: $text-error; height: 1; }
    NewScenarioDialog .new-hint { color: $text-muted; }
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="dialog.cancel")]

    def __init__(self, dataset: Dataset) -> None:
        super().__init__()
        self.dataset = dataset
        self.ticker: str | None = None
        self.year = 2026

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.title_line(tr("New scenario — 1. pick a company (Enter)"))
            options = []
            for ticker, company in sorted(self.dataset.companies.items()):
                basis = scenario_new.latest_capex(self.dataset, ticker, local=True)
                prompt = literal(f"{ticker}  {company.name}", "bold")
                if basis:
                    detail = f"\n  ${basis.capex_bn:,.1f}B — {basis.how}"
                else:
                    detail = "\n  " + tr("no capex figure: starts at $10B")
                prompt.append_text(literal(detail, "dim", one_line=False))
                options.append(Option(prompt, id=ticker))
            if not options:
                options.append(Option(Text(tr("No companies in the data."), style="dim"), disabled=True))
            yield OptionList(*options, id="new-companies")
            yield Static(tr("2. scenario id (the file name under scenarios/):"), markup=False)
            yield Input("", id="new-id", disabled=True)
            yield Static("", classes="new-reason")
            yield Static(
                tr(
                    "Only capex comes from the data; every other input is a stated default "
                    "(the new file's comments say which). Esc cancels."
                ),
                classes="new-hint",
                markup=False,
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A company was picked: suggest an id and move to it."""
        event.stop()
        self.ticker = event.option.id
        if self.ticker is None:
            return
        basis = scenario_new.latest_capex(self.dataset, self.ticker)
        year = basis.year if basis else self.year
        field = self.query_one("#new-id", Input)
        field.disabled = False
        field.value = scenario_new.suggest_id(self.dataset, self.ticker, year)
        field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say at once why an id cannot be used."""
        reason = scenario_new.check_id(self.dataset, event.value.strip())
        self.query_one(".new-reason", Static).update(literal(f"✗ {reason}") if reason else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Create with a valid id."""
        event.stop()
        scenario_id = event.value.strip()
        if self.ticker is not None and scenario_new.check_id(self.dataset, scenario_id) is None:
            self.dismiss((self.ticker, scenario_id))
