"""Attach a quote to a scenario input, or detach it: every quote, filterable, attached ones ticked."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from workbench.core.data.model import Dataset
from workbench.core.i18n import N_, tr
from workbench.ui.dialogs.scenario_frame import ScenarioDialog
from workbench.ui.safe_text import literal


class QuotePickerDialog(ScenarioDialog[str | None]):
    """Type to filter (id, speaker, text); Enter attaches the quote, or detaches a ticked one."""

    DEFAULT_CSS = """
    QuotePickerDialog > Vertical { width: 95%; max-width: 120; height: 90%; }
    QuotePickerDialog Input { margin: 0 0 1 0; }
    QuotePickerDialog OptionList { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Close"), id="dialog.cancel"),
        Binding("down", "focus_list", N_("List"), id="quote_picker.list", show=False),
    ]

    def __init__(self, title: str, dataset: Dataset, attached: list[str], company: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.attached = attached
        # The scenario's company first, then the rest, each in file order.
        quotes = list(dataset.quotes.values())
        self.quotes = [q for q in quotes if q.company == company] + [q for q in quotes if q.company != company]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.title_line(self.title_text)
            yield Input(placeholder=tr("filter: id, speaker or words of the quote; ↓ to the list"), id="picker-filter")
            yield OptionList(id="picker-quotes")

    def on_mount(self) -> None:
        """Every quote, the attached ones first."""
        self._fill("")
        self.query_one("#picker-filter", Input).focus()

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        """Narrow the list as the user types."""
        self._fill(event.value)

    def _fill(self, needle: str) -> None:
        needle = needle.strip().lower()
        ordered = [q for q in self.quotes if q.id in self.attached] + [
            q for q in self.quotes if q.id not in self.attached
        ]
        options = []
        for quote in ordered:
            haystack = f"{quote.id} {quote.speaker or ''} {quote.text} {quote.translation or ''}".lower()
            if needle and needle not in haystack:
                continue
            prompt = Text("✓ " if quote.id in self.attached else "  ", style="bold", end="")
            prompt.append_text(literal(quote.id, "bold"))
            if quote.speaker:
                prompt.append(" · ")
                prompt.append_text(literal(quote.speaker, "dim"))
            prompt.append("\n    ")
            prompt.append_text(literal((quote.translation or quote.text)[:160]))
            options.append(Option(prompt, id=quote.id))
        listing = self.query_one("#picker-quotes", OptionList)
        listing.clear_options()
        listing.add_options(options)
        if options:
            listing.highlighted = 0

    def action_focus_list(self) -> None:
        """From the filter down into the list."""
        self.query_one("#picker-quotes", OptionList).focus()

    @on(Input.Submitted, "#picker-filter")
    def _submitted(self) -> None:
        """Enter in the filter picks the first match."""
        listing = self.query_one("#picker-quotes", OptionList)
        if listing.option_count:
            option = listing.get_option_at_index(listing.highlighted or 0)
            self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#picker-quotes")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Attach or detach the chosen quote."""
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
