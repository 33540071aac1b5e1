"""The Scenarios screen: pick a scenario, edit its cases, watch every case's results move."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.widgets import Input, OptionList, Static

from workbench.core.data.model import Dataset
from workbench.core.i18n import N_, is_chinese, tr
from workbench.core.output.literal import printable
from workbench.core.roi import model as roi
from workbench.core.scenarios import files as sc
from workbench.core.scenarios import notes as scenario_notes
from workbench.core.scenarios import sources as provenance
from workbench.core.scenarios.editing import CaseOutcome, ScenarioDraft
from workbench.ui.base import WorkbenchScreen
from workbench.ui.dialogs.scenario_choice import ChoiceDialog
from workbench.ui.dialogs.scenario_formulas import FormulasDialog
from workbench.ui.dialogs.scenario_name import NameDialog
from workbench.ui.dialogs.scenario_solve import SolveDialog
from workbench.ui.safe_text import literal
from workbench.ui.screens.scenario_file_actions import ScenarioFileActions
from workbench.ui.widgets.scenario_bar import ChoiceBar
from workbench.ui.widgets.scenario_chart import FcfChart
from workbench.ui.widgets.scenario_expected import ScenarioExpected
from workbench.ui.widgets.scenario_form import ScenarioForm
from workbench.ui.widgets.scenario_grid import SensitivityGrid
from workbench.ui.widgets.scenario_list import ScenarioList
from workbench.ui.widgets.scenario_quotes import ScenarioQuotes, input_labels
from workbench.ui.widgets.scenario_results import CaseResults
from workbench.ui.widgets.scenario_years import YearTable

VIEWS = {
    "inputs": N_("Inputs"),
    "years": N_("Years"),
    "chart": N_("Chart"),
    "grid": N_("Grid"),
    "quotes": N_("Quotes"),
    "sources": N_("Check"),
}
WIDE = 140  # from this width the form and a second view sit side by side
# Actions on single keys: only when focus is not in a text field (which takes the keys).
NORMAL_MODE = {"case", "add_case", "rename_case", "delete_case", "new_scenario", "view_key", "export", "rates"}


class ScenariosScreen(ScenarioFileActions, WorkbenchScreen):
    """ROI scenarios: list, per-case inputs, all cases' results, years, chart, grid, quotes."""

    SCREEN_TITLE = N_("Scenarios")

    DEFAULT_CSS = """
    ScenariosScreen #scn-layout { height: 1fr; }
    ScenariosScreen #scn-list { width: 20; border-right: vkey $primary 40%; }
    ScenariosScreen.-wide #scn-list { width: 34; }
    ScenariosScreen #scn-main { width: 1fr; }
    ScenariosScreen #scn-empty { padding: 1 2; color: $text-muted; }
    ScenariosScreen #scn-results { border-bottom: hkey $primary 40%; }
    ScenariosScreen #scn-panes { height: 1fr; }
    ScenariosScreen #scn-form { width: 1fr; }
    ScenariosScreen #scn-side { width: 1fr; }
    ScenariosScreen.-wide #scn-form { width: 66; border-right: vkey $primary 40%; }
    ScenariosScreen.-wide #scn-form #form-fields { height: auto; max-height: 75%; }
    ScenariosScreen.-wide #scn-form #form-help { height: 1fr; }
    ScenariosScreen #scn-side > * { display: none; }
    ScenariosScreen.-side-years #scn-years { display: block; }
    ScenariosScreen.-side-chart #scn-chart { display: block; }
    ScenariosScreen.-side-grid #scn-grid { display: block; }
    ScenariosScreen.-side-quotes #scn-quotes { display: block; }
    ScenariosScreen.-side-sources #scn-expected { display: block; }
    ScenariosScreen.-form-only #scn-side { display: none; }
    ScenariosScreen.-side-only #scn-form { display: none; }
    ScenariosScreen.-empty #scn-main > * { display: none; }
    ScenariosScreen.-empty #scn-main > #scn-empty { display: block; }
    ScenariosScreen #scn-main > #scn-empty { display: none; }
    """

    BINDINGS = [
        Binding(
            "ctrl+s", "save", N_("Save"), id="scenarios.save", tooltip=N_("Write the scenario file (comments kept)")
        ),
        Binding("ctrl+z", "undo", N_("Undo"), id="scenarios.undo", tooltip=N_("Undo the last edit")),
        Binding("ctrl+y", "redo", N_("Redo"), id="scenarios.redo", show=False, tooltip=N_("Redo what was undone")),
        Binding(
            "ctrl+g", "solve", N_("Solve"), id="scenarios.solve", tooltip=N_("Which value of an input makes NPV = 0?")
        ),
        Binding("ctrl+o", "sources", N_("Sources"), id="scenarios.sources", tooltip=N_("Quotes behind this input")),
        Binding(
            "ctrl+t",
            "attach_quote",
            N_("Quote"),
            id="scenarios.attach_quote",
            show=False,
            tooltip=N_("Attach a quote to the focused input, or detach one"),
        ),
        Binding("f1", "formulas", N_("Formulas"), id="scenarios.formulas", tooltip=N_("The model's formulas in words")),
        Binding("f2", "view('inputs')", N_("Inputs"), id="scenarios.view_inputs", show=False),
        Binding("f3", "view('years')", N_("Years"), id="scenarios.view_years", show=False),
        Binding("f4", "view('chart')", N_("Chart"), id="scenarios.view_chart", show=False),
        Binding("f5", "view('grid')", N_("Grid"), id="scenarios.view_grid", show=False),
        Binding("f6", "view('quotes')", N_("Quotes"), id="scenarios.view_quotes", show=False),
        Binding(
            "f7",
            "view('sources')",
            N_("vs Sources"),
            id="scenarios.view_sources",
            show=False,
            tooltip=N_("The model's figures beside those its sources state, and why they differ"),
        ),
        Binding("right_square_bracket", "case(1)", N_("Next case"), id="scenarios.next_case"),
        Binding("left_square_bracket", "case(-1)", N_("Prev case"), id="scenarios.previous_case", show=False),
        Binding("a", "add_case", N_("Add case"), id="scenarios.add_case", show=False),
        Binding("r", "rename_case", N_("Rename case"), id="scenarios.rename_case", show=False),
        Binding("d", "delete_case", N_("Delete case"), id="scenarios.delete_case", show=False),
        Binding(
            "R",
            "rates",
            N_("Rates"),
            id="scenarios.rates",
            show=False,
            tooltip=N_("Every case's IRRs (every rate at which NPV = 0), MIRR and terminal value"),
        ),
        Binding("n", "new_scenario", N_("New"), id="scenarios.new", tooltip=N_("New scenario from a company's capex")),
        Binding(
            "e",
            "export",
            N_("Export"),
            id="scenarios.export",
            show=False,
            tooltip=N_("Every case's results (in the Years view: the year table) to CSV, JSON or Markdown"),
        ),
        Binding("i", "view_key('inputs')", N_("Inputs"), id="scenarios.key_inputs", show=False),
        Binding("y", "view_key('years')", N_("Years"), id="scenarios.key_years", show=False),
        Binding("c", "view_key('chart')", N_("Chart"), id="scenarios.key_chart", show=False),
        Binding("g", "view_key('grid')", N_("Grid"), id="scenarios.key_grid", show=False),
        Binding("p", "view_key('quotes')", N_("Quotes"), id="scenarios.key_quotes", show=False),
        Binding("s", "view_key('sources')", N_("Check"), id="scenarios.key_sources", show=False),
        Binding("escape", "to_list", N_("Scenarios"), id="scenarios.to_list", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.dataset: Dataset | None = None
        self.draft: ScenarioDraft | None = None
        self.case = sc.BASE
        self.view = "inputs"
        self.notes: dict[tuple[str, str], str] = {}
        self.sources: dict[tuple[str, str], list[str]] = {}
        self._requested: str | None = None
        self._told_gone: str | None = None  # the deleted scenario already reported

    def compose_body(self) -> ComposeResult:
        self._apply_classes()  # before the widgets mount: they are styled once, as they will show
        with Horizontal(id="scn-layout"):
            yield ScenarioList(id="scn-list")
            with Vertical(id="scn-main"):
                yield Static(tr("Choose a scenario on the left (Enter), or press n for a new one."), id="scn-empty")
                yield CaseResults(id="scn-results")
                yield ChoiceBar(tr("View:"), id="scn-views")
                with Horizontal(id="scn-panes"):
                    yield ScenarioForm(id="scn-form", in_steps=self.built_in_steps and not self.is_current)
                    with Container(id="scn-side"):
                        yield FcfChart(id="scn-chart")
                        yield YearTable(id="scn-years")
                        yield SensitivityGrid(id="scn-grid")
                        yield ScenarioQuotes(id="scn-quotes")
                        yield ScenarioExpected(id="scn-expected")

    async def relabel(self) -> None:
        """Redraw in the new language, the open scenario's form, quotes and results included."""
        await super().relabel()
        if self.draft is not None:
            self._scenario_changed()
            self._set_view(self.view)

    def filling(self) -> bool:
        """Its data is still being worked in, or the form's rows are still mounting."""
        return super().filling() or any(not form.complete for form in self.query(ScenarioForm))

    def on_mount(self) -> None:
        """Lay out for the current size; nothing is open until the data arrives."""
        self._set_view(self.view)

    def on_resize(self, event: events.Resize) -> None:
        """Side by side when wide, one view at a time when narrow; the results' columns follow."""
        self._layout()
        if self.draft is not None and self.dataset is not None:
            self.recompute()

    # --- data ------------------------------------------------------------------------------

    def show_dataset(self, dataset: Dataset) -> None:
        """List the scenarios; keep the open one across reloads, else open the requested or first."""
        self.dataset = dataset
        self.query_one(ScenarioList).show_dataset(dataset)
        wanted, self._requested = self._requested, None
        draft = self.draft
        if draft is not None and draft.scenario.id not in dataset.scenarios and self._told_gone != draft.scenario.id:
            # The open scenario's file was deleted (or broken) behind the app's back: say so, once.
            self._told_gone = draft.scenario.id
            file = printable(draft.scenario.path.name, one_line=True)
            if draft.scenario.path.exists():
                said = tr("{file} no longer loads (see !)", file=file)
            else:
                said = tr("{file} was deleted on disk", file=file)
            if draft.dirty:
                said = tr("{said}; your edits are kept, saving asks what to do", said=said)
            self.notify(
                said,
                severity="warning",
                timeout=8,
                markup=False,
            )
        if wanted is not None and wanted in dataset.scenarios:
            self.open_scenario(wanted)
        elif draft is not None and (draft.dirty or draft.scenario.id in dataset.scenarios):
            fresh = dataset.scenarios.get(draft.scenario.id)
            if fresh is not None and fresh.sha256 != draft.scenario.sha256:
                if draft.dirty:  # keep the user's edits; saving will ask (reload/overwrite/save as)
                    self.notify(
                        tr(
                            "{file} changed on disk; your edits are kept",
                            file=printable(fresh.path.name, one_line=True),
                        ),
                        severity="warning",
                        timeout=5,
                        markup=False,
                    )
                else:
                    self._load(fresh, keep_case=True)
            # Same bytes (e.g. our own save, or another file changed): keep the draft and its undo.
        elif dataset.scenarios:
            self._load(dataset.scenarios[sorted(dataset.scenarios)[0]])
        else:
            self.draft = None
            self._apply_classes()
        self._mark()

    def show_scenario(self, scenario_id: str) -> None:
        """Open a scenario (called by the app from other screens)."""
        if self.dataset is None:
            self._requested = scenario_id
        elif scenario_id in self.dataset.scenarios:
            self.open_scenario(scenario_id)
        else:
            self.notify(
                tr("No scenario {id}", id=repr(printable(scenario_id, one_line=True))), severity="warning", markup=False
            )

    def open_scenario(self, scenario_id: str, focus_form: bool = False) -> None:
        """Open a scenario, asking first if the open one has unsaved changes."""
        if self.dataset is None or scenario_id not in self.dataset.scenarios:
            return
        if self.draft is not None and self.draft.scenario.id == scenario_id:
            if focus_form:
                self._focus_form()
            return

        scenario = self.dataset.scenarios[scenario_id]

        def proceed() -> None:
            self._load(scenario)
            if focus_form:
                self._focus_form()

        self._confirm_leaving(proceed)

    def _load(self, scenario: sc.Scenario, keep_case: bool = False) -> None:
        """Start editing a freshly loaded scenario."""
        self.draft = ScenarioDraft(scenario)
        if not keep_case or self.case not in self.draft.cases:
            self.case = sc.BASE
        self._scenario_changed()

    def _scenario_changed(self) -> None:
        """The draft's scenario (file) changed: notes, provenance, form, quotes, results."""
        draft = self.draft
        if draft is None or self.dataset is None:
            return
        scenario = draft.scenario
        self.notes = scenario_notes.input_notes(scenario)
        self._show_quotes()
        self._apply_classes()
        self._reload_form()

    def _show_quotes(self) -> None:
        """The quotes behind the inputs ([scenario.sources], or for older files their comments)."""
        draft = self.draft
        if draft is None or self.dataset is None:
            return
        scenario = draft.scenario
        self.sources = dict(draft.sources)
        backs = scenario_notes.quote_backs(self.sources)
        cited = [*scenario.quotes, *(q for q in provenance.all_ids(self.sources) if q not in scenario.quotes)]
        self.query_one(ScenarioQuotes).show(self.dataset, cited, {q: input_labels(keys) for q, keys in backs.items()})

    def _reload_form(self) -> None:
        """Show the current case in the form and recompute everything."""
        if self.draft is None:
            return
        if self.draft.sources != self.sources:  # undo/redo of an attached quote
            self._show_quotes()
        if self.case not in self.draft.cases:
            self.case = sc.BASE
        self.query_one(ScenarioForm).load(self.draft, self.case, self.notes, self.sources)
        self.recompute()

    # --- results ---------------------------------------------------------------------------

    def recompute(self) -> None:
        """Every case's results from the last valid values; then the visible views."""
        draft = self.draft
        if draft is None:
            return
        outcomes = draft.outcomes()
        stale = sorted(
            {tr(roi.INPUTS[name].label) for case, name, _ in draft.pending() if case in (self.case, sc.BASE)}
        )
        self.query_one(CaseResults).show(self._worded(outcomes), self.case, stale, wide=self.size.width >= WIDE)
        self._outcomes = outcomes
        self._refresh_side()
        self._mark()

    def _worded(self, outcomes: list[CaseOutcome]) -> list[CaseOutcome]:
        """The outcomes as shown: why a case cannot be evaluated in the interface language (the
        outcomes kept for exports say it in English)."""
        draft = self.draft
        if draft is None or not is_chinese():
            return outcomes
        return [
            replace(o, errors={n: draft.error(o.name, n) or draft.error(sc.BASE, n) or r for n, r in o.errors.items()})
            if o.errors
            else o
            for o in outcomes
        ]

    def _refresh_side(self) -> None:
        """Redraw only the view that is on screen (the others catch up when shown)."""
        draft = self.draft
        if draft is None:
            return
        side = self._side_views()
        outcomes = getattr(self, "_outcomes", [])
        editing = next((o for o in outcomes if o.name == self.case), None)
        if "years" in side:
            self.query_one(YearTable).show(editing.result if editing else None)
        if "chart" in side:
            self.query_one(FcfChart).show([(o.name, o.result) for o in outcomes if o.result], self.case)
        if "grid" in side:
            self.query_one(SensitivityGrid).show(editing.result.inputs if editing and editing.result else None)
        if "sources" in side:
            scenario = draft.scenario
            quotes = {key: ids for (case, key), ids in scenario.sources.items() if case in (sc.BASE, self.case)}
            quotes.update({key: ids for (case, key), ids in scenario.sources.items() if case == self.case})
            stated = provenance.expected_of(scenario.expected, self.case)
            reality = None
            if editing is not None and editing.result is not None and self.dataset is not None:
                from workbench.core.scenarios import reality as actual

                rows = actual.against_reality(self.dataset, scenario.company, editing.result)
                reality = (scenario.company, rows, *actual.latest_reported(self.dataset, scenario.company))
            self.query_one(ScenarioExpected).show(
                editing.result if editing else None, self.case, stated, quotes, reality
            )

    def _mark(self) -> None:
        """Dirty marker in the sub-title and the list."""
        draft = self.draft
        if draft is None:
            self.sub_title = tr(self.SCREEN_TITLE)
            return
        name = printable(draft.scenario.name, one_line=True)
        self.sub_title = tr("● {name} — unsaved (Ctrl+S)", name=name) if draft.dirty else name
        self.query_one(ScenarioList).mark(draft.scenario.id, draft.dirty)

    # --- layout and views ------------------------------------------------------------------

    def _width(self) -> int:
        """The screen's width; the app's while it is being composed (not laid out yet)."""
        return self.size.width or self.app.size.width

    def _side_views(self) -> set[str]:
        """The views on screen beside (wide) or instead of (narrow) the form."""
        if self._width() >= WIDE:  # the chart always, with the chosen table below it
            return {"chart", self.view if self.view in ("years", "grid", "quotes", "sources") else "years"}
        return set() if self.view == "inputs" else {self.view}

    def _apply_classes(self) -> None:
        """The layout's classes, set in one go: each change restyles the whole screen (~60 ms)."""
        dataset = self.workbench.dataset
        # Empty only if there is nothing to open: data that has scenarios opens one at once.
        empty = self.draft is None and (dataset is None or not dataset.scenarios)
        wide = self._width() >= WIDE
        side = self._side_views()
        classes = {f"-side-{view}": view in side for view in VIEWS}
        classes.update(
            {
                "-empty": empty,
                "-wide": wide,
                "-form-only": not wide and self.view == "inputs",
                "-side-only": not wide and self.view != "inputs",
            }
        )
        self.update_classes(classes)

    def _layout(self) -> None:
        self._apply_classes()
        self._refresh_side()

    def _set_view(self, view: str) -> None:
        """Make `view` the current one (the bar shows it; the layout follows)."""
        self.view = view
        self.query_one("#scn-views", ChoiceBar).set_choices([(k, tr(v), "") for k, v in VIEWS.items()], view)
        self._layout()

    def action_view(self, view: str) -> None:
        """Show a view (Inputs, Years, Chart, Grid, Quotes) and focus it."""
        self._set_view(view)
        target = {
            "inputs": None,
            "years": "#scn-years",
            "grid": "#grid-table",
            "quotes": "#scn-quotes",
            "sources": "#scn-expected",
        }.get(view)
        if view == "inputs":
            self._focus_form()
        elif target is not None:
            self.query_one(target).focus()

    def action_view_key(self, view: str) -> None:
        """The single-letter shortcut of a view (outside text fields)."""
        self.action_view(view)

    def on_choice_bar_chosen(self, event: ChoiceBar.Chosen) -> None:
        """The view bar or the case bar changed."""
        event.stop()
        if event.bar.id == "scn-views":
            self._set_view(event.key)
        elif event.bar.id == "form-cases":
            self._switch_case(event.key)

    def _focus_form(self) -> None:
        if self.view != "inputs" and self.size.width < WIDE:
            self.action_view("inputs")
            return
        self.query_one(ScenarioForm).focus_field()

    def action_to_list(self) -> None:
        """Back to the scenario list."""
        self.query_one(ScenarioList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a scenario opens it; Enter on a quote opens it in its document."""
        event.stop()
        option_id = event.option.id
        if option_id is None:
            return
        if isinstance(event.option_list, ScenarioList):
            self.open_scenario(option_id, focus_form=True)
        elif isinstance(event.option_list, ScenarioQuotes):
            self.workbench.open_quote(option_id)

    # --- editing ---------------------------------------------------------------------------

    def on_scenario_form_edited(self, event: ScenarioForm.Edited) -> None:
        """Apply a keystroke: validate, update the field, recompute all cases if it changed."""
        event.stop()
        draft = self.draft
        if draft is None or event.case != self.case:
            return
        was_override = draft.is_override(event.case, event.name)
        if draft.set_text(event.case, event.name, event.text):
            form = self.query_one(ScenarioForm)
            form.sync_field(event.name)
            if was_override != draft.is_override(event.case, event.name):
                form.sync_cases()
            self.recompute()

    def on_scenario_form_source_clicked(self, event: ScenarioForm.SourceClicked) -> None:
        """A click on an input's ❝ opens its passage, as Ctrl+O does."""
        event.stop()
        self.call_after_refresh(self.action_sources, event.name)

    def on_scenario_form_focused(self, event: ScenarioForm.Focused) -> None:
        """A new field: the next edit is a new undo step."""
        event.stop()
        if self.draft is not None:
            self.draft.end_group()

    def _switch_case(self, case: str) -> None:
        if self.draft is None or case not in self.draft.cases:
            return
        self.case = case
        self.draft.end_group()
        self._reload_form()

    def action_case(self, step: int) -> None:
        """Edit the previous or next case."""
        if self.draft is None:
            return
        cases = self.draft.cases
        index = cases.index(self.case) if self.case in cases else 0
        self._switch_case(cases[(index + step) % len(cases)])

    def action_undo(self) -> None:
        """Undo the last edit (consecutive keystrokes in one field undo together)."""
        if self.draft is not None and self.draft.undo():
            self._reload_form()
        else:
            self.notify(tr("Nothing to undo"), timeout=2)

    def action_redo(self) -> None:
        """Redo what was undone."""
        if self.draft is not None and self.draft.redo():
            self._reload_form()
        else:
            self.notify(tr("Nothing to redo"), timeout=2)

    def action_add_case(self) -> None:
        """Add a case (a copy of the one being edited)."""
        draft = self.draft
        if draft is None:
            return

        def done(name: str | None) -> None:
            if name:
                draft.add_case(name, copy_from=self.case)
                self.case = name
                self._reload_form()

        self.app.push_screen(
            NameDialog(
                tr("New case name (it starts as a copy of the case being edited)"),
                "",
                draft.check_case_name,
            ),
            done,
        )

    def action_rename_case(self) -> None:
        """Rename the case being edited."""
        draft, case = self.draft, self.case
        if draft is None or case == sc.BASE:
            self.notify(tr("base is the un-overridden inputs; it cannot be renamed"), timeout=3)
            return

        def done(name: str | None) -> None:
            if name and name != case:
                draft.rename_case(case, name)
                self.case = name
                self._reload_form()

        self.app.push_screen(
            NameDialog(
                tr("Rename case {case}", case=printable(case, one_line=True)),
                case,
                lambda name: draft.check_case_name(name, renaming=case),
            ),
            done,
        )

    def action_delete_case(self) -> None:
        """Delete the case being edited (asks; Ctrl+Z brings it back)."""
        draft, case = self.draft, self.case
        if draft is None or case == sc.BASE:
            self.notify(tr("base cannot be deleted"), timeout=3)
            return

        def done(answer: str | None) -> None:
            if answer == "delete":
                draft.delete_case(case)
                self.case = sc.BASE
                self._reload_form()

        before, _, after = tr("Delete case {case}? Ctrl+Z brings it back until you leave.").partition("{case}")
        message = Text.assemble(before, literal(case, "bold"), after)
        answers = [("d", tr("Delete"), "delete"), ("escape", tr("Cancel"), "cancel")]
        self.app.push_screen(ChoiceDialog(tr("Delete case"), message, answers), done)

    def action_solve(self) -> None:
        """What would have to be true: solve an input for NPV = 0 in every case."""
        draft = self.draft
        if draft is None:
            return

        def done(answer: tuple[str, str, float] | None) -> None:
            if answer is None or self.draft is not draft:
                return
            case, name, value = answer
            draft.set_value(case, name, int(value) if roi.INPUTS[name].kind is int else value)
            self.case = case
            self._reload_form()

        first = "revenue_bn"
        focused = self.query_one(ScenarioForm).focused_name
        if isinstance(self.focused, Input) and focused in roi.SOLVABLE:
            first = focused
        self.app.push_screen(SolveDialog([(c, draft.inputs(c)) for c in draft.cases], self.case, first), done)

    def action_sources(self, name: str | None = None) -> None:
        """Open the passage behind an input (❝): the one clicked (`name`), else the focused one.
        With several, list them; with none, show all of the scenario's quotes. (A click names its
        input: the focus it moves arrives later, and the input focused before was taken.)"""
        if self.draft is None or self.dataset is None:
            return
        form = self.query_one(ScenarioForm)
        if name is None and isinstance(self.focused, Input):
            name = form.focused_name
        cited = form.sources_of(name) if name else []
        known = [qid for qid in cited if qid in self.dataset.quotes]
        if len(known) == 1 and len(cited) == 1:
            self.workbench.open_quote(known[0])
            return
        self.action_view("quotes")
        quotes = self.query_one(ScenarioQuotes)
        if known:
            try:
                quotes.highlighted = quotes.get_option_index(known[0])
            except Exception:  # an id the list does not show
                pass

    def action_attach_quote(self) -> None:
        """Attach a quote to the focused input of this case, or detach an attached one."""
        from workbench.ui.dialogs.scenario_quote_picker import QuotePickerDialog

        draft, dataset, case = self.draft, self.dataset, self.case
        name = self.query_one(ScenarioForm).focused_name if isinstance(self.focused, Input) else None
        if draft is None or dataset is None or name is None:
            self.notify(tr("Focus an input in the form first (Inputs view)"), timeout=3)
            return
        attached = list(draft.sources.get((case, name), []))

        def done(quote_id: str | None) -> None:
            if quote_id is None or self.draft is not draft:
                return
            now = draft.toggle_source(case, name, quote_id)
            self._show_quotes()
            self.query_one(ScenarioForm).load(draft, self.case, self.notes, self.sources)
            self._mark()
            quote, label = printable(quote_id, one_line=True), tr(roi.INPUTS[name].label)
            if now:
                said = tr("{quote} attached to {input}", quote=quote, input=label)
            else:
                said = tr("{quote} detached from {input}", quote=quote, input=label)
            self.notify(said, timeout=3, markup=False)

        label = tr(roi.INPUTS[name].label)
        if case == sc.BASE:
            title = tr("Quotes behind {input}: Enter attaches, or detaches a ticked one", input=label)
        else:
            title = tr(
                "Quotes behind {input} in case {case}: Enter attaches, or detaches a ticked one", input=label, case=case
            )
        self.app.push_screen(QuotePickerDialog(title, dataset, attached, draft.scenario.company), done)

    def action_export(self) -> None:
        """Export every case's results side by side, or in the Years view the year table of the case."""
        from workbench.core.output.export import file_slug
        from workbench.core.roi import format as fmt
        from workbench.core.scenarios import export as sx
        from workbench.ui.dialogs.export import ask_export

        draft, outcomes, case = self.draft, list(getattr(self, "_outcomes", [])), self.case
        if draft is None:
            return
        sid, name = draft.scenario.id, draft.scenario.name
        result = next((o.result for o in outcomes if o.name == case), None)
        if self.view == "years" and result is not None:
            ask_export(
                self.app,
                tr("Export the years of case {case}", case=case),
                sx.year_rows(sid, case, result),
                f"{file_slug(sid)}-{file_slug(case)}-years.csv",
                what=fmt.unit_text("years", local=True),
                columns=sx.YEAR_COLUMNS,
                markdown=lambda: sx.years_markdown(name, sid, case, result),
            )
        else:
            ask_export(
                self.app,
                tr("Export every case's results"),
                sx.results_rows(sid, outcomes),
                f"{file_slug(sid)}-results.csv",
                what=tr("cases"),
                columns=sx.RESULT_COLUMNS,
                markdown=lambda: sx.results_markdown(name, sid, outcomes),
                detail=tr("with each case's inputs"),
            )

    def action_rates(self) -> None:
        """Every case's rates: each IRR, the one shown, MIRR, and the terminal value."""
        from workbench.core.roi import format as fmt

        outcomes = list(getattr(self, "_outcomes", []))
        message = Text()
        for outcome in outcomes:
            message.append_text(literal(outcome.name, "bold"))
            result = outcome.result
            if result is None:
                message.append(tr(": invalid inputs") + "\n", style="red")
                continue
            rate = fmt.percent(result.inputs.discount_rate)
            message.append("\n  " + tr("NPV = 0 at: {rates}", rates=fmt.rates_text(result.irrs, local=True)))
            if result.several_irrs:
                shown = tr(
                    "IRR shown: {irr}, the root nearest the {rate} discount rate",
                    irr=fmt.percent(result.irr, local=True),
                    rate=rate,
                )
                message.append("\n  " + shown, style="yellow")
            mirr = fmt.percent(result.mirr, local=True)
            message.append("\n  " + tr("MIRR (finance and reinvestment at {rate}): {mirr}", rate=rate, mirr=mirr))
            tv = tr("none") if result.terminal_value is None else f"${fmt.money(result.terminal_value)}B"
            message.append("\n  " + tr("Terminal value: {tv}", tv=tv) + "\n")
        message.append(tr("IRRs are searched between -99% and 1,000%."), style="dim")
        self.app.push_screen(ChoiceDialog(tr("Rates of every case"), message, [("escape", tr("Close"), "close")]))

    def action_formulas(self) -> None:
        """Show the formulas in words."""
        self.app.push_screen(FormulasDialog())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Single-key actions are off while typing; draft actions need an open scenario."""
        if action in NORMAL_MODE and isinstance(self.focused, Input):
            return False
        if action in {
            "save",
            "undo",
            "redo",
            "solve",
            "sources",
            "case",
            "add_case",
            "rename_case",
            "delete_case",
            "export",
            "rates",
            "attach_quote",
        }:
            return self.draft is not None or None
        return True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Footer keys depend on whether a text field has focus."""
        self.refresh_bindings()

    # --- session ---------------------------------------------------------------------------

    def session_state(self) -> dict:
        """The open scenario, the case being edited and the view, to reopen there next time."""
        return {"scenario": self.draft.scenario.id if self.draft else None, "case": self.case, "view": self.view}

    def restore_session(self, state: dict) -> None:
        """Reopen the saved scenario, case and view (if they still exist)."""
        if self.dataset is None:
            return
        scenario_id = state.get("scenario")
        if isinstance(scenario_id, str) and scenario_id in self.dataset.scenarios:
            if self.draft is None or self.draft.scenario.id != scenario_id:
                self._load(self.dataset.scenarios[scenario_id])
            if self.draft is not None and state.get("case") in self.draft.cases:
                self._switch_case(state["case"])
        if state.get("view") in VIEWS:
            self._set_view(state["view"])

    def on_screen_suspend(self) -> None:
        """Leaving for another screen keeps the edits; say so."""
        if self.draft is not None and self.draft.dirty:
            self.notify(tr("Scenario edits are kept, not yet saved (Ctrl+S on Scenarios)"), timeout=3, markup=False)
