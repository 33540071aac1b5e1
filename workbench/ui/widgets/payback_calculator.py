"""The required-revenue calculator: every input editable, both methods and their gap to actual cloud revenue."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from workbench.core.i18n import is_chinese, tr
from workbench.core.output import numbers
from workbench.core.payback.required import LIMITS, RequiredInputs, parse, required_revenue
from workbench.core.payback.traced import shown_text
from workbench.ui.safe_text import literal
from workbench.ui.widgets.compact_input import CompactInput

PERCENT = {"cost_of_capital", "ebitda_margin", "gpu_share", "end_margin"}
AMOUNTS = {"capex_bn", "gpu_spend_bn", "actual_cloud_bn"}  # typed and shown in the display unit ($B or 亿美元)


def per_bn(name: str) -> float:
    """What the field shows for one USD billion: 1, or 10 for an amount in 亿美元."""
    return numbers.YI_PER_BN if name in AMOUNTS and numbers.amount_unit() == "yi" else 1


def shown(name: str, value: float | None) -> str:
    """An input's value as the field shows it: `10%`, `5`, `412.3` (`4123` in 亿美元)."""
    if value is None:
        return ""

    def plain(number: float) -> str:
        return f"{number:.6f}".rstrip("0").rstrip(".")

    return f"{plain(value * 100)}%" if name in PERCENT else plain(value * per_bn(name))


def read(name: str, text: str) -> tuple[float | None, str]:
    """A typed value in USD billions (typed in 亿美元 when that is the unit shown), or why it is not allowed."""
    scale = per_bn(name)
    if scale != 1:
        text = text.strip().removesuffix("亿美元").removesuffix("亿")
    value, error = parse(name, text)
    return (value / scale if value is not None else None), shown_text(error)


def label_of(name: str) -> str:
    """An input's label in the interface language, `$B` in the display unit."""
    return tr(LIMITS[name][0]).replace("$B", numbers.unit_label())


def amount(value: float | None) -> str:
    """`$863.76B`; in 亿美元 the bare number (`8,637.6`): the results' heading says the unit."""
    return numbers.bn(value) if numbers.amount_unit() == "usd-bn" else numbers.amount_number(value)


def gap_text(label: str, required: float | None, actual: float | None) -> Text:
    """`(b) $600B heuristic  $863.76B  gap $570.09B · covers 34%` (actual ÷ required); missing parts said so."""
    text = Text(label + " " * max(0, 21 - cell_len(label)), style="bold", end="")
    needed = amount(required)
    text.append(" " * max(0, 10 - cell_len(needed)) + needed)
    if required is None:
        text.append("  " + tr("an input is missing or out of range"), "dim")
    elif actual is None:
        text.append("  " + tr("gap: no actual cloud revenue"), "dim")
    else:
        text.append("  " + tr("gap {amount}", amount=amount(required - actual)))
        if required > 0:
            text.append(" · " + tr("covers {share:.0%}", share=actual / required), "dim")
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
        # Mounted when first shown (show_fields); until then only the figures above are kept.
        self.fields: dict[str, Input] = {}
        self.notes_shown: dict[str, Static] = {}
        self.results = Static(id="calc-results")

    def show_fields(self) -> None:
        """Mount the fields, once: forty widgets, too many to mount with the screen in one step."""
        if self.fields:
            return
        rows = []
        for name in LIMITS:
            value = shown(name, getattr(self.inputs, name))
            self.fields[name] = CompactInput(value, id=f"calc-{name}", select_on_focus=False)
            self.notes_shown[name] = Static("", id=f"calc-note-{name}", classes="calc-note", markup=False)
            label = Label(label_of(name), classes="calc-label")
            rows.append(Horizontal(label, self.fields[name], self.notes_shown[name], classes="calc-row"))
        self.mount_all([*rows, self.results])
        self.update_results()

    def focus_first(self) -> None:
        """The first field, once it is mounted."""
        self.show_fields()
        self.call_after_refresh(next(iter(self.fields.values())).focus)

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
            if name in self.fields:
                self.fields[name].value = shown(name, getattr(inputs, name))
        self.update_results()

    @on(Input.Changed)
    def input_changed(self, event: Input.Changed) -> None:
        """Recompute as the user types; a bad value is named, the rest still computes."""
        name = (event.input.id or "").removeprefix("calc-")
        if name not in LIMITS:
            return
        value, error = read(name, event.value)
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
        if not self.fields:
            return
        for name, note in self.notes_shown.items():
            if name in self.errors:
                text = literal(self.errors[name], "bold")
            else:
                text = literal(self.notes.get(name, ""), "dim")
            if is_chinese():  # one line, cut with …: Chinese has no spaces to wrap at
                text.no_wrap, text.overflow = True, "ellipsis"
            note.update(text)
        inputs = self.inputs
        result = required_revenue(inputs)
        text = Text(end="")
        if numbers.amount_unit() == "usd-bn":
            text.append(tr("Required revenue a year") + "\n", "bold underline")
        else:
            heading = tr("Required revenue a year ({unit})", unit=numbers.unit_label())
            text.append(heading + "\n", "bold underline")
        text.append_text(gap_text(tr("(a) Capital recovery"), result.capital_recovery_bn, inputs.actual_cloud_bn))
        if result.crf is not None:
            text.append("\n    " + tr("capex × CRF {crf:.4f} ÷ m", crf=result.crf), "dim")
        text.append("\n")
        text.append_text(gap_text(tr("(b) $600B heuristic"), result.heuristic_bn, inputs.actual_cloud_bn))
        text.append("\n    " + tr("GPU spend ÷ g ÷ m_end"), "dim")
        text.append("\n" + tr("Actual cloud revenue {amount}", amount=amount(inputs.actual_cloud_bn)))
        self.results.update(text)
