"""The quotes that back a scenario's assumptions; Enter opens one in its document."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbench.core.data.model import Dataset
from workbench.core.i18n import N_, tr
from workbench.core.roi import model as roi
from workbench.ui.safe_text import literal


class ScenarioQuotes(OptionList):
    """Each quote the scenario cites: which inputs it backs, who said it, and its text."""

    DEFAULT_CSS = """
    ScenarioQuotes { height: 1fr; }
    """

    BINDINGS = [Binding("enter", "select", N_("Open quote"), id="scenarios.open_quote")]

    def show(
        self,
        dataset: Dataset,
        quote_ids: list[str],
        backs: dict[str, list[str]],
    ) -> None:
        """List `quote_ids`; `backs` maps a quote id to the labels of inputs it backs."""
        options = []
        for qid in quote_ids:
            quote = dataset.quotes.get(qid)
            prompt = Text("❝ ", style="bold", end="")
            prompt.append_text(literal(qid, "bold"))
            if backs.get(qid):
                prompt.append(f"  → {', '.join(backs[qid])}", style="italic")
            if quote is None:
                prompt.append("\n  " + tr("(no such quote in quotes.toml)"), style="red")
                options.append(Option(prompt, id=qid, disabled=True))
                continue
            who = " · ".join(part for part in (quote.speaker, quote.source) if part)
            prompt.append("\n  ")
            prompt.append_text(literal(who[:80], "dim"))
            prompt.append("\n  ")
            prompt.append_text(literal(quote.text[:300]))
            if quote.translation:
                prompt.append("\n  ")
                prompt.append_text(literal(quote.translation[:300], "italic"))
            options.append(Option(prompt, id=qid))
        if not options:
            options.append(Option(Text(tr("This scenario cites no quotes."), style="dim"), disabled=True))
        self.clear_options()
        self.add_options(options)
        if quote_ids:
            self.highlighted = 0


def input_labels(names: list[tuple[str, str]]) -> list[str]:
    """ "Capex", "bear: Utilization" … for (case, input) pairs."""
    from workbench.core.scenarios.expected import METRICS

    def label(name: str) -> str:
        if name in roi.INPUTS:
            return tr(roi.INPUTS[name].label)
        return tr("stated {figure}", figure=tr(METRICS[name].label))

    return [label(name) if case == "base" else f"{case}: {label(name)}" for case, name in names]
