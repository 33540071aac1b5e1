"""The input form of one scenario case: every model input, grouped, validated as typed."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.roi import model as roi
from workbench.core.roi.format import input_text, unit_text
from workbench.core.scenarios.editing import ScenarioDraft
from workbench.core.scenarios.files import BASE
from workbench.ui.safe_text import literal
from workbench.ui.widgets.compact_input import CompactInput
from workbench.ui.widgets.scenario_bar import ChoiceBar

GROUPS = {"build": N_("Build"), "assets": N_("Assets"), "revenue": N_("Revenue"), "finance": N_("Finance")}


class FieldInput(CompactInput):
    """A compact one-line input for one model input; ↑/↓ move between fields."""

    BINDINGS = [
        Binding("down", "app.focus_next", N_("Next field"), id="scenarios.field_next", show=False),
        Binding("up", "app.focus_previous", N_("Previous field"), id="scenarios.field_previous", show=False),
    ]

    def __init__(self, name: str) -> None:
        super().__init__(id=f"field-{name}")
        self.input_name = name


class FieldRow(Widget):
    """One input on a line (marker and label, the input, unit and provenance), its error under it.

    Three widgets to a line, not five in a row of their own: the form's 18 rows were 144 of the
    Scenarios screen's ~200 widgets, and building, laying out and drawing them was most of the
    time it took to open.
    """

    DEFAULT_CSS = """
    FieldRow {
        layout: grid; grid-size: 3; grid-columns: 18 14 10; grid-rows: 1 auto; height: auto;
        & > .field-head { width: 18; }
        & > .field-tail { width: 10; color: $text-muted; }
        & > .field-error { column-span: 3; display: none; padding: 0 1 0 4; color: $text-error; }
        &.-invalid > .field-error { display: block; }
        &.-inherited FieldInput { color: $text-muted; }
    }
    """
    SOURCE_X = 7  # where the provenance mark starts in the line's tail

    def __init__(self, name: str) -> None:
        super().__init__(id=f"row-{name}", classes="field-row")
        self.input_name = name
        self.field = FieldInput(name)
        self._head = Static(self.head(" "), classes="field-head")
        self._tail = Static(self.tail(linked=False), classes="field-tail")
        self._error = Static("", classes="field-error")

    def compose(self) -> ComposeResult:
        yield from (self._head, self.field, self._tail, self._error)

    def show(self, marker: str, error: str | None, linked: bool) -> None:
        """Mark the field (✗ invalid, ● overridden), say its error, mark its provenance."""
        self.set_class(error is not None, "-invalid")
        self._head.update(self.head(marker, error is not None))
        self._error.update(literal(f"✗ {error}", one_line=False) if error else "")
        self._tail.update(self.tail(linked))

    def head(self, marker: str, error: bool = False) -> Content:
        """The marker (✗ invalid, ● overridden in this case) and the label."""
        return Content.assemble((f" {marker}", "$text-error" if error else ""), tr(roi.INPUTS[self.input_name].label))

    def tail(self, linked: bool) -> Content:
        """The unit, then ❝ when quotes back the input."""
        unit = unit_text(roi.INPUTS[self.input_name].unit, local=True)
        return Content.assemble(f" {unit}{' ' * (5 - cell_len(unit))} ", ("❝  " if linked else "   ", "$text-accent"))


class ScenarioForm(Vertical):
    """Edits one case of a ScenarioDraft; the screen applies each edit and re-syncs fields."""

    DEFAULT_CSS = """
    ScenarioForm { height: 1fr; }
    ScenarioForm #form-fields { height: 1fr; }
    ScenarioForm .form-group { text-style: bold; color: $text-accent; padding: 0 1; }
    ScenarioForm FieldInput { width: 14; }
    ScenarioForm #form-help { height: 3; padding: 0 1; color: $text-muted; border-top: solid $primary 30%; }
    """

    @dataclass
    class Edited(Message):
        """The user changed a field's text."""

        case: str
        name: str
        text: str

    @dataclass
    class SourceClicked(Message):
        """The user clicked an input's ❝ mark: open the quote behind it."""

        name: str

    @dataclass
    class Focused(Message):
        """A field got focus (the screen shows its help and ends the undo group)."""

        name: str

    STEP_S = 0.002  # between the groups mounted in steps

    def __init__(self, *, id: str | None = None, in_steps: bool = False) -> None:
        """`in_steps`: mount the rows a group at a time (the screen is built unseen). Mounted
        together, the 18 rows styled and started their widgets in one turn of the event loop:
        40–60 ms in which no key was read."""
        super().__init__(id=id)
        self.draft: ScenarioDraft | None = None
        self.case = BASE
        self.notes: dict[tuple[str, str], str] = {}
        self.sources: dict[tuple[str, str], list[str]] = {}
        self.focused_name: str | None = None
        # By input name, in the order shown (queries for them were most of a load).
        self.rows = {name: FieldRow(name) for group in GROUPS for name in roi.INPUTS if roi.INPUTS[name].group == group}
        self.complete = not in_steps  # every row mounted
        self._focus_wanted = False  # focus asked for before the rows were all mounted

    def _group(self, group: str) -> tuple[Static, list[FieldRow]]:
        """A group's title and its rows."""
        title = Static(tr(GROUPS[group]), classes="form-group", markup=False)
        return title, [row for row in self.rows.values() if roi.INPUTS[row.input_name].group == group]

    def compose(self) -> ComposeResult:
        yield ChoiceBar(tr("Case:"), id="form-cases")
        with VerticalScroll(id="form-fields", can_focus=False):
            if self.complete:
                for group in GROUPS:
                    title, rows = self._group(group)
                    yield title
                    yield from rows
        yield Static("", id="form-help")

    def on_mount(self) -> None:
        if not self.complete:
            self.run_worker(self._mount_in_steps(), group="form rows")

    async def _mount_in_steps(self) -> None:
        """Mount the rows a group at a time, each shown as the draft has it once mounted."""
        fields = self.query_one("#form-fields", VerticalScroll)
        for group in GROUPS:
            title, rows = self._group(group)
            await fields.mount(title, *rows)
            for row in rows:
                self.sync_field(row.input_name, text=True)
            await asyncio.sleep(self.STEP_S)
        self.complete = True
        if self._focus_wanted:
            self.focus_field()

    # --- data in ---------------------------------------------------------------------------

    def load(
        self,
        draft: ScenarioDraft,
        case: str,
        notes: dict[tuple[str, str], str],
        sources: dict[tuple[str, str], list[str]],
    ) -> None:
        """Show `case` of `draft` (after opening, switching case, undo or reload)."""
        self.draft, self.notes, self.sources = draft, notes, sources
        self.case = case if case in draft.cases else BASE
        self.sync_cases()
        for name in roi.INPUTS:
            self.sync_field(name, text=True)
        self.show_help(self.focused_name)

    def sync_cases(self) -> None:
        """Redraw the case bar: `●` marks a case with overrides."""
        if self.draft is None:
            return
        draft = self.draft
        choices = [(c, c, "●" if c != BASE and draft.overrides(c) else "") for c in draft.cases]
        self.query_one("#form-cases", ChoiceBar).set_choices(choices, self.case)

    def sync_field(self, name: str, *, text: bool = False) -> None:
        """Redraw one field's marker, error and provenance (and its text, if asked)."""
        if self.draft is None:
            return
        draft, case = self.draft, self.case
        row = self.rows[name]
        if not self.complete and not row.is_mounted:
            return  # mounting in steps: shown as it mounts
        field = row.field
        if text:
            with self.prevent(Input.Changed):
                field.value = draft.text(case, name)
                field.cursor_position = len(field.value)
        override = draft.is_override(case, name)
        spec = roi.INPUTS[name]
        if case == BASE:
            if spec.optional:
                field.placeholder = tr(spec.blank)
            elif spec.default is not None:
                field.placeholder = tr("{value} (default)", value=input_text(name, spec.default))
            else:
                field.placeholder = tr("required")
        else:
            inherited = draft.inherited_text(case, name)
            field.placeholder = tr("{value} (base)", value=f"= {inherited}" if inherited else tr(spec.blank))
        error = draft.error(case, name)
        row.set_class(case != BASE and not override, "-inherited")
        row.show("✗" if error else ("●" if override else " "), error, linked=bool(self.sources_of(name)))

    def sources_of(self, name: str) -> list[str]:
        """Quotes backing this input in this case: its own note's, else base's."""
        return self.sources.get((self.case, name)) or self.sources.get((BASE, name), [])

    def show_help(self, name: str | None) -> None:
        """Explain a field: what it means, its domain, and what the file says about it."""
        help_line = self.query_one("#form-help", Static)
        if name is None:
            help_line.update(tr("↑/↓ move · type to edit · empty in a case = inherit base · Ctrl+Z undo"))
            return
        spec = roi.INPUTS[name]
        domain = spec.domain_text(local=True)
        if spec.unit == "%":
            domain = tr("{domain}; 45% or 0.45", domain=domain)
        text = Text.assemble(
            (tr(spec.label), "bold"), tr(": {help} ({domain})", help=tr(spec.help), domain=domain), end=""
        )
        gap = "" if is_chinese() else " "  # no space around Chinese full-width punctuation
        if self.sources_of(name):
            text.append(gap + tr("❝ Enter or Ctrl+O: the quote behind it."), style="italic")
        note = self.notes.get((self.case, name)) or self.notes.get((BASE, name))
        if note:
            text.append(gap + tr("File:") + gap, style="italic")
            text.append_text(literal(note))
        help_line.update(text)

    # --- user input ------------------------------------------------------------------------

    def focus_field(self, name: str | None = None) -> None:
        """Focus an input (the last focused one by default)."""
        name = name or self.focused_name or next(iter(self.rows))
        if not self.complete:
            self.focused_name, self._focus_wanted = name, True
            return
        self.rows[name].field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Hand the edit to the screen."""
        if isinstance(event.input, FieldInput):
            event.stop()
            self._typed = True
            self.post_message(self.Edited(self.case, event.input.input_name, event.value))

    _typed = False  # has the focused field been edited since it got focus?

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter on a ❝ field not yet edited opens the quote behind it; otherwise Enter moves
        to the next field."""
        if isinstance(event.input, FieldInput):
            event.stop()
            name = event.input.input_name
            if not self._typed and self.sources_of(name):
                self.post_message(self.SourceClicked(name))
                return
            self.app.action_focus_next()

    def on_click(self, event: events.Click) -> None:
        """A click on a ❝ mark opens the quote behind that input."""
        widget = event.widget
        if widget is not None and widget.has_class("field-tail") and isinstance(widget.parent, FieldRow):
            row = widget.parent
            if event.screen_x - widget.region.x >= row.SOURCE_X and self.sources_of(row.input_name):
                event.stop()
                self.focus_field(row.input_name)
                self.post_message(self.SourceClicked(row.input_name))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Track the focused field for help, provenance and undo grouping."""
        widget = event.widget
        if isinstance(widget, FieldInput):
            self.focused_name = widget.input_name
            self._typed = False
            self.show_help(widget.input_name)
            self.post_message(self.Focused(widget.input_name))
