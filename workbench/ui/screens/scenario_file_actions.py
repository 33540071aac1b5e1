"""Scenario files from the Scenarios screen: save, conflicts, save as, new, and unsaved-change checks.

A mixin for ScenariosScreen, kept apart because file handling is its own concern: every
write runs in a thread worker and hands back with call_from_thread; a file changed on disk
is never overwritten without asking.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work

from workbench.core.data.layout import scenario_path
from workbench.core.data.model import Dataset
from workbench.core.i18n import tr
from workbench.core.output.literal import printable
from workbench.core.scenarios import files as sc
from workbench.core.scenarios import new as scenario_new
from workbench.core.scenarios.editing import ScenarioDraft
from workbench.ui.dialogs.scenario_choice import ChoiceDialog
from workbench.ui.dialogs.scenario_name import NameDialog
from workbench.ui.dialogs.scenario_new import NewScenarioDialog
from workbench.ui.safe_text import literal
from workbench.ui.widgets.scenario_list import ScenarioList

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen
else:
    _Base = object


class ScenarioFileActions(_Base):
    """Save (Ctrl+S), conflict handling, save as, new scenario, and asking before losing edits.

    Expects the screen to provide `draft`, `dataset`, `_load(scenario)` and `_scenario_changed()`.
    """

    draft: ScenarioDraft | None
    dataset: Dataset | None

    if TYPE_CHECKING:

        def _load(self, scenario: sc.Scenario, keep_case: bool = False) -> None: ...

        def _scenario_changed(self) -> None: ...

    # --- saving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        """Save to the file: atomic, comments kept; ask if it changed on disk."""
        self._save(force=False)

    def _save(self, force: bool, then: object = None) -> bool:
        draft = self.draft
        if draft is None:
            return False
        try:
            base, cases, renames = draft.save_arguments()
        except ValueError as error:
            self.notify(printable(str(error), one_line=True), title=tr("Not saved"), severity="error", markup=False)
            return False
        self._save_worker(draft, base, cases, renames, force, then)
        return True

    @work(thread=True, exclusive=True, exit_on_error=False, group="scenario-save")
    def _save_worker(
        self, draft: ScenarioDraft, base: dict, cases: dict, renames: dict, force: bool, then: object
    ) -> None:
        """Write the file off the event loop."""
        try:
            saved = sc.save_scenario(
                draft.scenario, base, cases, renames=renames, force=force, sources=draft.source_edits()
            )
        except sc.ScenarioConflict as conflict:
            self.app.call_from_thread(self._conflict, draft, conflict)
        except (OSError, ValueError, TypeError, KeyError) as error:
            self.app.call_from_thread(self._save_failed, error)
        else:
            self.app.call_from_thread(self._saved, draft, saved, then)

    def _save_failed(self, error: Exception) -> None:
        self.notify(printable(str(error), one_line=True), title=tr("Not saved"), severity="error", markup=False)

    def _saved(self, draft: ScenarioDraft, saved: sc.Scenario, then: object = None) -> None:
        if self.dataset is not None:
            self.dataset.scenarios[saved.id] = saved
            self.query_one(ScenarioList).show_dataset(self.dataset)
        draft.saved(saved)
        if draft is self.draft:
            self._scenario_changed()
        self.notify(tr("Saved {file}", file=printable(saved.path.name, one_line=True)), timeout=3, markup=False)
        if callable(then):
            then()

    def _conflict(self, draft: ScenarioDraft, conflict: sc.ScenarioConflict) -> None:
        """The file changed on disk since it was loaded: reload, overwrite or save as."""
        if conflict.deleted:
            said = tr("{file} was deleted since you opened it.")
        else:
            said = tr("{file} was changed by someone else since you opened it.")
        before, _, after = said.partition("{file}")
        message = Text.assemble(
            before,
            literal(draft.scenario.path.name, "bold"),
            after,
            " ",
            tr("Reload (lose your edits), overwrite it with yours, or save yours as a new scenario?"),
        )

        def done(answer: str | None) -> None:
            if answer == "reload":
                self._reload_from_disk(draft.scenario.path)
            elif answer == "overwrite":
                self._save(force=True)
            elif answer == "save_as":
                self._ask_save_as()

        self.app.push_screen(
            ChoiceDialog(
                tr("File changed on disk"),
                message,
                [
                    ("r", tr("Reload"), "reload"),
                    ("o", tr("Overwrite"), "overwrite"),
                    ("s", tr("Save as"), "save_as"),
                    ("escape", tr("Cancel"), "cancel"),
                ],
            ),
            done,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="scenario-load")
    def _reload_from_disk(self, path: Path) -> None:
        """Read the file again, as it is now."""
        problems: list = []
        scenario = sc.load_scenario(path, problems)
        self.app.call_from_thread(self._reloaded, path, scenario, problems)

    def _reloaded(self, path: Path, scenario: sc.Scenario | None, problems: list) -> None:
        if scenario is None:
            why = str(problems[0]) if problems else tr("{path} is gone", path=path)
            self.notify(printable(why, one_line=True), title=tr("Cannot reload"), severity="error", markup=False)
            return
        if self.dataset is not None:
            self.dataset.scenarios[scenario.id] = scenario
            self.query_one(ScenarioList).show_dataset(self.dataset)
        self._load(scenario)

    def _ask_save_as(self) -> None:
        draft, dataset = self.draft, self.dataset
        if draft is None or dataset is None:
            return
        suggestion = next(
            f"{draft.scenario.id}-copy{n or ''}"
            for n in range(1000)
            if f"{draft.scenario.id}-copy{n or ''}" not in dataset.scenarios
        )
        folder = draft.scenario.path.parent

        def check(name: str) -> str | None:
            return scenario_new.check_id(dataset, name) or (
                tr("{file} already exists", file=f"{name}.toml") if (folder / f"{name}.toml").exists() else None
            )

        def done(name: str | None) -> None:
            if name:
                self._save_as_worker(draft, folder / f"{name}.toml")

        self.app.push_screen(NameDialog(tr("Save as a new scenario (its id = the file name)"), suggestion, check), done)

    @work(thread=True, exclusive=True, exit_on_error=False, group="scenario-save")
    def _save_as_worker(self, draft: ScenarioDraft, path: Path) -> None:
        """Write the draft to a new file; the original stays as it is on disk."""
        try:
            base, cases, renames = draft.save_arguments()
            saved = sc.save_scenario_as(
                draft.scenario, base, cases, path, renames=renames, sources=draft.source_edits()
            )
        except (OSError, ValueError, TypeError, KeyError) as error:
            self.app.call_from_thread(self._save_failed, error)
        else:
            self.app.call_from_thread(self._created, saved)

    def _created(self, scenario: sc.Scenario) -> None:
        """A new file exists: list it and open it."""
        if self.dataset is not None:
            self.dataset.scenarios[scenario.id] = scenario
            self.query_one(ScenarioList).show_dataset(self.dataset)
        self._load(scenario)
        self.notify(tr("Created {file}", file=printable(scenario.path.name, one_line=True)), timeout=3, markup=False)

    # --- new scenarios ---------------------------------------------------------------------

    def action_new_scenario(self) -> None:
        """A new scenario sized by a company's latest capex guidance or actual."""
        dataset = self.dataset
        if dataset is None:
            return

        def done(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                ticker, scenario_id = answer
                self._confirm_leaving(lambda: self._create_worker(dataset, ticker, scenario_id))

        self.app.push_screen(NewScenarioDialog(dataset), done)

    @work(thread=True, exclusive=True, exit_on_error=False, group="scenario-save")
    def _create_worker(self, dataset: Dataset, ticker: str, scenario_id: str) -> None:
        """Write the new file (never over an existing one)."""
        path = scenario_path(dataset.root, scenario_id)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            scenario = sc.create_scenario(path, scenario_new.new_scenario_for(dataset, ticker, scenario_id))
        except (OSError, ValueError) as error:
            self.app.call_from_thread(self._save_failed, error)
        else:
            self.app.call_from_thread(self._created, scenario)

    # --- leaving with unsaved changes ------------------------------------------------------

    def _confirm_leaving(self, proceed: Callable[[], object], *, quitting: bool = False) -> None:
        """Run `proceed` now, or after asking save / discard / cancel if there are unsaved changes."""
        draft = self.draft
        if draft is None or not draft.dirty:
            proceed()
            return

        def done(answer: str | None) -> None:
            if answer == "discard":
                proceed()
            elif answer == "save":
                self._save(force=False, then=proceed)

        before, _, after = tr("{name} has unsaved changes.").partition("{name}")
        message = Text.assemble(before, literal(draft.scenario.name, "bold"), after)
        save, discard = (
            (tr("Save and quit"), tr("Discard and quit"))
            if quitting
            else (tr("Save and go on"), tr("Discard and go on"))
        )
        self.app.push_screen(
            ChoiceDialog(
                tr("Unsaved changes"),
                message,
                [("s", save, "save"), ("x", discard, "discard"), ("escape", tr("Cancel"), "cancel")],
            ),
            done,
        )

    def confirm_quit(self) -> bool:
        """The app asks before quitting: True if nothing is unsaved (quit now), else ask first."""
        if self.draft is None or not self.draft.dirty:
            return True
        self.app.switch_mode("scenarios")
        self._confirm_leaving(self.app.exit, quitting=True)
        return False
