"""The required-revenue calculator: every input editable, both methods and their gap to actual cloud revenue."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from workbench.core.output import numbers
from workbench.core.payback.required import LIMITS, RequiredInputs, parse, required_revenue
from workbench.ui.safe_text import literal

PERCENT = {"cost_of_capital", "ebitda_margin", "gpu_share", "end_margin"}


def shown(name: str, value: float | None) -> str:
    """An input's value as the field shows it: `10%`, `5`, `412.3`."""
    if value is None:
        return ""

    def plain(number: float) -> str:
        return f"{number:.6f}".rstrip("0").rstrip(".")

    return f"{plain(value * 100)}%" if name in PERCENT else plain(value)


def gap_text(label: str, required: float | None, actual: float | None) -> Text:
    """`(b) $600B heuristic  $863.76B  gap $570.09B · covers 34%` (actual ÷ required); missing parts said so."""
    text = Text(f"{label:<21}", style="bold", end="")
    text.append(f"{numbers.bn(required):>10}")
    if required is None:
        text.append("  an input is missing or out of range", "dim")
    elif actual is None:
        text.append("  gap: no actual cloud revenue", "dim")
    else:
        text.append(f"  gap {numbers.bn(required - actual)}")
        if required > 0:
            text.append(f" · covers {actual / required:.0%}", "dim")
    return text


class RequiredCalculator(VerticalScroll):
    """Inputs for both methods, results below them; recomputed as the user types."""

    DEFAULT_CSS = """
    RequiredCalculator { height: 1fr; padding: 0 1; }
    RequiredCalculator .calc-row { height: 1; }
    RequiredCalculator .calc-label { width: 24; }
    RequiredCalculator Input { width: 14; height: 1; border: none; padding: 0 1; }
    RequiredCalculator .calc-note { width: 1fr; height: 1; color: $text-muted; }
    RequiredCalculator #calc-results { height: auto; margin-top: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.inputs = RequiredInputs()
        self.notes: dict[str, str] = {}
        self.errors: dict[str, str] = {}
        self.edited: set[str] = set()  # typed by the user: kept when the data's defaults change

    def compose(self) -> ComposeResult:
        for name, (label, *_rest) in LIMITS.items():
            with Horizontal(classes="calc-row"):
                yield Label(label, classes="calc-label")
                yield Input(
                    shown(name, getattr(self.inputs, name)), id=f"calc-{name}", compact=True, select_on_focus=False
                )
                yield Static("", id=f"calc-note-{name}", classes="calc-note", markup=False)
        yield Static(id="calc-results")

    def on_mount(self) -> None:
        self.update_results()

    def set_inputs(self, inputs: RequiredInputs, notes: dict[str, str], *, keep_edits: bool = True) -> None:
        """New defaults (from the data): fill every field the user has not typed in, saying where each came from."""
        if not keep_edits:
            self.edited.clear()
        for name in LIMITS:
            if name in self.edited:
                continue
            self.inputs = self.inputs.with_value(name, getattr(inputs, name))
            self.errors.pop(name, None)
            if name in notes:
                self.notes[name] = notes[name]
            else:
                self.notes.pop(name, None)
            self.query_one(f"#calc-{name}", Input).value = shown(name, getattr(inputs, name))
        self.update_results()

    @on(Input.Changed)
    def input_changed(self, event: Input.Changed) -> None:
        """Recompute as the user types; a bad value is named, the rest still computes."""
        name = (event.input.id or "").removeprefix("calc-")
        if name not in LIMITS:
            return
        value, error = parse(name, event.value)
        if error:
            self.errors[name] = error
            self.edited.add(name)
            self.inputs = self.inputs.with_value(name, None)
        else:
            self.errors.pop(name, None)
            if shown(name, value) != shown(name, getattr(self.inputs, name)):  # the user's own figure
                self.notes.pop(name, None)
                self.edited.add(name)
            self.inputs = self.inputs.with_value(name, value)
        self.update_results()

    def update_results(self) -> None:
        for name in LIMITS:
            note = self.query_one(f"#calc-note-{name}", Static)
            if name in self.errors:
                note.update(literal(self.errors[name], "bold"))
            else:
                note.update(literal(self.notes.get(name, ""), "dim"))
        inputs = self.inputs
        result = required_revenue(inputs)
        text = Text(end="")
        text.append("Required revenue a year\n", "bold underline")
        text.append_text(gap_text("(a) Capital recovery", result.capital_recovery_bn, inputs.actual_cloud_bn))
        if result.crf is not None:
            text.append(f"\n    capex × CRF {result.crf:.4f} ÷ m", "dim")
        text.append("\n")
        text.append_text(gap_text("(b) $600B heuristic", result.heuristic_bn, inputs.actual_cloud_bn))
        text.append("\n    GPU spend ÷ g ÷ m_end", "dim")
        text.append(f"\nActual cloud revenue {numbers.bn(inputs.actual_cloud_bn)}")
        self.query_one("#calc-results", Static).update(text)
