"""A scenario being edited: field texts validated as typed, cases, undo/redo, dirty state.

The form shows one case at a time. Base holds every input; another case holds only its
overrides, and an empty field there means "inherit base". A valid text updates the value at
once (and so the results); an invalid one is kept as a pending text with its reason, and the
value — what the results and a save use — stays the last valid one. Saving is refused while
any text is pending, so nothing the user typed is silently dropped.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from workbench.core.i18n import tr
from workbench.core.roi import model as roi
from workbench.core.roi.format import input_text
from workbench.core.scenarios.files import BASE, Scenario

CASE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_INHERIT = object()  # "no value of its own" for a field of a non-base case


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    """One case's results, or why it cannot be evaluated."""

    name: str
    result: roi.Result | None
    errors: dict[str, str]  # input -> reason, when the stored values themselves are invalid
    stale: tuple[str, ...]  # inputs with a pending (invalid) text: the results ignore it


@dataclass
class _State:
    """Everything undo restores."""

    cases: list[str]  # BASE first, then the other cases in order
    values: dict[str, dict[str, Any]]  # BASE -> every input in the file; case -> its overrides
    pending: dict[tuple[str, str], tuple[str, str]]  # (case, input) -> (text, reason)
    origin: dict[str, str | None]  # case -> its table's name in the file (None = new)
    sources: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (case, key) -> quote ids


def _strict(value: Any) -> tuple[bool, Any]:
    """A comparison key where True is not 1 (40 and 40.0 stay equal, as in the file)."""
    return isinstance(value, bool), value


def _same_values(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a.keys() == b.keys() and all(_strict(a[k]) == _strict(b[k]) for k in a)


class ScenarioDraft:
    """The in-memory edits to one scenario file."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._state = self._initial(scenario)
        self._undo: list[tuple[Any, _State]] = []
        self._redo: list[tuple[Any, _State]] = []
        self._group: Any = None
        self._cache: dict[roi.Inputs, roi.Result] = {}

    @staticmethod
    def _initial(scenario: Scenario) -> _State:
        values = {BASE: dict(scenario.base)}
        for case, table in scenario.cases.items():
            values[case] = {k: v for k, v in table.items() if k in roi.INPUTS}
        return _State(scenario.case_names(), values, {}, {c: c for c in scenario.cases}, _initial_sources(scenario))

    # --- reading ---------------------------------------------------------------------------

    @property
    def cases(self) -> list[str]:
        """Case names, base first."""
        return list(self._state.cases)

    def text(self, case: str, name: str) -> str:
        """What the field shows: a pending text, else the value (empty = inherited / missing)."""
        pending = self._state.pending.get((case, name))
        if pending is not None:
            return pending[0]
        values = self._state.values[case]
        return input_text(name, values[name]) if name in values else ""

    def error(self, case: str, name: str) -> str | None:
        """Why the field is invalid (typed text or the file's value), or None."""
        pending = self._state.pending.get((case, name))
        if pending is not None:
            return pending[1]
        values = self._state.values[case]
        if name in values and (reason := roi.check_value(name, values[name], local=True)[1]) is not None:
            return reason
        if name not in values and case == BASE and roi.INPUTS[name].required:
            return tr("missing (required)")
        if name == "terminal_growth":  # valid alone, but it must stay below the discount rate
            merged = self.case_values(case)
            valid = {k: v for k, v in merged.items() if k in roi.INPUTS and roi.check_value(k, v)[1] is None}
            return roi.cross_errors(valid, local=True).get(name)
        return None

    def is_override(self, case: str, name: str) -> bool:
        """Does a non-base case set this input itself (rather than inherit base)?"""
        return case != BASE and (name in self._state.values[case] or (case, name) in self._state.pending)

    def inherited_text(self, case: str, name: str) -> str:
        """The value a case inherits from base (or the default), as the field's placeholder."""
        base = self._state.values[BASE]
        if name in base:
            return input_text(name, base[name])
        default = roi.INPUTS[name].default
        return "" if default is None else input_text(name, default)

    def overrides(self, case: str) -> list[str]:
        """Inputs a case overrides, in form order."""
        return [name for name in roi.INPUTS if self.is_override(case, name)]

    def value(self, case: str, name: str) -> Any:
        """The value a case uses now (its own, base's, or the default)."""
        merged = self.case_values(case)
        return merged.get(name, roi.INPUTS[name].default)

    def case_values(self, case: str) -> dict[str, Any]:
        """Raw values of a case: base overridden by the case's own."""
        merged = dict(self._state.values[BASE])
        if case != BASE:
            merged.update(self._state.values[case])
        return merged

    def pending(self) -> list[tuple[str, str, str]]:
        """(case, input, reason) for every text that is not (yet) valid."""
        return [(case, name, reason) for (case, name), (_, reason) in self._state.pending.items()]

    # --- results ---------------------------------------------------------------------------

    def outcome(self, case: str) -> CaseOutcome:
        """Evaluate one case from its last valid values."""
        inputs, errors = roi.parse_inputs(self.case_values(case))
        stale = tuple(name for (c, name) in self._state.pending if c in (case, BASE))
        if inputs is None:
            return CaseOutcome(case, None, errors, stale)
        result = self._cache.get(inputs)
        if result is None:
            if len(self._cache) > 256:
                self._cache.clear()
            result = self._cache[inputs] = roi.evaluate(inputs)
        return CaseOutcome(case, result, {}, stale)

    def outcomes(self) -> list[CaseOutcome]:
        """Every case, base first (unchanged cases come from a cache)."""
        return [self.outcome(case) for case in self._state.cases]

    def inputs(self, case: str) -> roi.Inputs | None:
        """The case's validated inputs, or None if some are invalid."""
        return roi.parse_inputs(self.case_values(case))[0]

    # --- editing ---------------------------------------------------------------------------

    def _checkpoint(self, group: Any) -> None:
        """Remember the state before an edit; consecutive edits of one group undo together."""
        if group is None or group != self._group:
            self._undo.append((group, copy.deepcopy(self._state)))
            del self._undo[:-500]
        self._group = group
        self._redo.clear()

    def end_group(self) -> None:
        """The next edit starts a new undo step (e.g. the user left the field)."""
        self._group = None

    def set_text(self, case: str, name: str, text: str) -> bool:
        """Apply a field's text; True if anything changed. Invalid text is kept pending."""
        if case not in self._state.values:
            raise KeyError(case)
        values = self._state.values[case]
        pending: tuple[str, str] | None = None
        if not text.strip() and (case != BASE or not roi.INPUTS[name].required):
            new_value: Any = _INHERIT  # an empty override inherits base; an empty optional is unset
        else:
            try:
                new_value = roi.parse_value(name, text, local=True)
            except ValueError as error:
                new_value, pending = values.get(name, _INHERIT), (text, str(error))
        old_value = values.get(name, _INHERIT)
        if pending == self._state.pending.get((case, name)) and _strict(new_value) == _strict(old_value):
            return False  # e.g. "0.45" typed where the value is already 45%
        self._checkpoint(("field", case, name))
        if pending is None:
            self._state.pending.pop((case, name), None)
        else:
            self._state.pending[(case, name)] = pending
        if new_value is _INHERIT:
            values.pop(name, None)
        else:
            values[name] = new_value
        return True

    def set_value(self, case: str, name: str, value: Any) -> None:
        """Set a validated value directly (e.g. a solved-for one), as its own undo step."""
        checked, reason = roi.check_value(name, value)
        if reason is not None:
            raise ValueError(f"{name} {reason}")
        self._checkpoint(None)
        self._state.pending.pop((case, name), None)
        self._state.values[case][name] = checked
        self.end_group()

    def check_case_name(self, name: str, renaming: str | None = None) -> str | None:
        """Why `name` cannot name a new (or renamed) case, or None if it can."""
        if not CASE_NAME.match(name):
            return tr("use 1–32 letters, digits, - or _")
        if name == BASE:
            return tr("'base' means the un-overridden inputs")
        if name in self._state.cases and name != renaming:
            return tr("there is already a case {name}", name=repr(name))
        origin = self._state.origin.get(renaming) if renaming else None
        if name in self.scenario.cases and name != origin and name not in self._state.cases:
            return tr("{name} names a deleted case in the file; save first, then reuse it", name=repr(name))
        return None

    def add_case(self, name: str, copy_from: str | None = None) -> None:
        """Add a case with no overrides (or a copy of another case's overrides)."""
        reason = self.check_case_name(name)
        if reason is not None:
            raise ValueError(reason)
        self._checkpoint(None)
        overrides = dict(self._state.values[copy_from]) if copy_from and copy_from != BASE else {}
        self._state.cases.append(name)
        self._state.values[name] = overrides
        self._state.origin[name] = None
        self.end_group()

    def rename_case(self, old: str, new: str) -> None:
        """Rename a case (its table keeps its place and comments when saved)."""
        if old == BASE or old not in self._state.values:
            raise KeyError(old)
        reason = self.check_case_name(new, renaming=old)
        if reason is not None:
            raise ValueError(reason)
        if new == old:
            return
        self._checkpoint(None)
        state = self._state
        state.cases[state.cases.index(old)] = new
        state.values[new] = state.values.pop(old)
        state.origin[new] = state.origin.pop(old)
        state.pending = {((new if c == old else c), n): v for (c, n), v in state.pending.items()}
        state.sources = {((new if c == old else c), n): v for (c, n), v in state.sources.items()}
        self.end_group()

    def delete_case(self, name: str) -> None:
        """Delete a case (undo brings it back)."""
        if name == BASE or name not in self._state.values:
            raise KeyError(name)
        self._checkpoint(None)
        state = self._state
        state.cases.remove(name)
        del state.values[name]
        del state.origin[name]
        state.pending = {k: v for k, v in state.pending.items() if k[0] != name}
        state.sources = {k: v for k, v in state.sources.items() if k[0] != name}
        self.end_group()

    # --- undo ------------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> bool:
        """Go back one step; False if there is nothing to undo."""
        return self._step(self._undo, self._redo)

    def redo(self) -> bool:
        """Redo the last undone step; False if there is nothing to redo."""
        return self._step(self._redo, self._undo)

    def _step(self, source: list, target: list) -> bool:
        """Restore the last state of `source`, keeping the current one on `target` to come back to."""
        if not source:
            return False
        group, state = source.pop()
        target.append((group, self._state))
        self._state = state
        self._group = None
        return True

    # --- saving ----------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Does the draft differ from the file as loaded (or last saved)?"""
        state, initial = self._state, self._initial(self.scenario)
        if state.pending or state.cases != initial.cases:
            return True
        if any(state.origin[c] != c for c in state.cases if c != BASE):
            return True
        if self.source_edits():
            return True
        return not all(_same_values(state.values[c], initial.values[c]) for c in state.cases)

    # --- quotes behind inputs --------------------------------------------------------------

    @property
    def sources(self) -> dict[tuple[str, str], list[str]]:
        """(case, input or stated figure) -> the quotes behind it, as edited."""
        return self._state.sources

    def toggle_source(self, case: str, name: str, quote_id: str) -> bool:
        """Attach a quote to an input of a case, or detach it if attached; True if now attached."""
        if case not in self._state.values:
            raise KeyError(case)
        self._checkpoint(None)
        ids = list(self._state.sources.get((case, name), []))
        attached = quote_id not in ids
        ids = [*ids, quote_id] if attached else [i for i in ids if i != quote_id]
        if ids:
            self._state.sources[(case, name)] = ids
        else:
            self._state.sources.pop((case, name), None)
        self.end_group()
        return attached

    def source_edits(self) -> dict[tuple[str, str], list[str]]:
        """What saving must write to [scenario.sources] tables: (case, key) -> ids ([] = remove).

        A file that names its quotes only in comments gets every link once one is edited, so
        saving moves it to data without losing the others.
        """
        state, loaded = self._state.sources, _initial_sources(self.scenario)
        if state == loaded:
            return {}
        if not self.scenario.sources:
            return dict(state)
        renamed = {old: new for new, old in self._state.origin.items() if old is not None}
        before = {(renamed.get(case, case), key): ids for (case, key), ids in loaded.items()}
        edits = {key: ids for key, ids in state.items() if before.get(key) != ids}
        edits.update({key: [] for key in before if key not in state and key[0] in self._state.values})
        return edits

    def save_arguments(self) -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict[str, str]]:
        """(base_values, case_values, renames) for scenarios.save_scenario / save_scenario_as.

        ValueError naming the first pending text if any field is still invalid.
        """
        if self._state.pending:
            (case, name), (_, reason) = next(iter(self._state.pending.items()))
            label = tr(roi.INPUTS[name].label)
            if case == BASE:
                raise ValueError(tr("{label} {reason}: fix it or undo before saving", label=label, reason=reason))
            raise ValueError(
                tr(
                    "{label} in case {case} {reason}: fix it or undo before saving",
                    label=label,
                    case=case,
                    reason=reason,
                )
            )
        state = self._state
        base = dict(state.values[BASE])
        cases = {c: dict(state.values[c]) for c in state.cases if c != BASE}
        renames = {origin: case for case, origin in state.origin.items() if origin is not None and origin != case}
        return base, cases, renames

    def saved(self, scenario: Scenario) -> None:
        """The draft was written as `scenario`: that is the new baseline (undo history kept)."""
        self.scenario = scenario
        self._state.origin = {c: c for c in self._state.cases if c != BASE}
        self._group = None
        # Undo steps refer to case tables by their old file names: make them new cases,
        # so undoing past a save never renames a table that no longer has that name.
        for _, state in [*self._undo, *self._redo]:
            state.origin = {c: (c if c in scenario.cases else None) for c in state.cases if c != BASE}


def _initial_sources(scenario: Scenario) -> dict[tuple[str, str], list[str]]:
    """The file's [scenario.sources], or for a file without them the quotes its comments cite."""
    if scenario.sources:
        return {key: list(ids) for key, ids in scenario.sources.items()}
    from workbench.core.scenarios.notes import input_sources

    return {key: list(ids) for key, ids in input_sources(scenario).items()}
