"""ROI scenario files (`data/scenarios/<id>.toml`): load with diagnostics, evaluate, save safely.

Layout (docs/model.md):

    [scenario]
    id = "aws-apec"          # must equal the file stem
    name = "AWS APEC $40B"
    company = "AMZN"
    quotes = ["q-id", ...]   # optional
    start_year = 2025        # ...and every other input of roi.INPUTS
    [scenario.cases.bear]    # any input overridden; "base" is the un-overridden inputs
    utilization = 0.5

Reading uses tomllib (strict, fast); saving edits the file's own tomlkit document
(`toml_writing.py`) so the user's comments, key order and formatting stay byte-identical apart
from changed values.
Ticker and quote references are checked by the dataset loader, not here.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.data.problems import Problem, ProblemLog
from workbench.core.data.toml_source import TomlLocator, load_toml, read_regular_stat
from workbench.core.files.atomic import atomic_write
from workbench.core.i18n import tr
from workbench.core.roi import model as roi
from workbench.core.scenarios import sources as provenance

BASE = provenance.BASE  # the un-overridden inputs, as a case name
META_KEYS = ("id", "name", "company", "quotes")


class ScenarioConflict(Exception):
    """The file changed (or vanished) on disk since it was loaded; saving would lose that."""

    def __init__(self, path: Path, deleted: bool) -> None:
        self.path = path
        self.deleted = deleted
        what = "was deleted" if deleted else "was changed by someone else"
        super().__init__(f"{path} {what} since it was loaded")


class InvalidCase(ValueError):
    """A case cannot be evaluated because some inputs are missing or invalid."""

    def __init__(self, scenario: Scenario, case: str, errors: dict[str, str]) -> None:
        self.case = case
        self.errors = errors
        what = tr("scenario {id}", id=repr(scenario.id))
        where = what if case == BASE else tr("{what}, case {case}", what=what, case=repr(case))
        self.problems = [
            Problem(
                str(scenario.path),
                scenario.line_of(name, case),
                tr("{what}: missing required field '{key}'", what=where, key=name)
                if reason == "missing"
                else tr("{where}: '{key}' {reason}", where=where, key=name, reason=reason),
            )
            for name, reason in errors.items()
        ]
        super().__init__("; ".join(str(problem) for problem in self.problems))


@dataclass
class Scenario:
    """One scenario file as loaded: raw values (valid or not), where they are, and a fingerprint."""

    id: str
    path: Path
    name: str
    company: str
    quotes: list[str]
    base: dict[str, Any]  # the raw input values under [scenario] (input keys only)
    cases: dict[str, dict[str, Any]]  # case name -> every key of its table, file order
    extra: dict[str, Any]  # keys under [scenario] that are neither inputs nor known fields
    line: int  # the [scenario] header
    lines: dict[str, int]  # "key" / "cases.NAME" / "cases.NAME.key" -> 1-based line
    problems: list[Problem]  # what load_scenario reported for this file
    mtime_ns: int
    size: int
    sha256: str
    raw: bytes = field(repr=False)  # the exact bytes loaded: the base for saving
    sources: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (case, key) -> quote ids
    expected: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)  # case -> figure -> range

    def case_names(self) -> list[str]:
        """ "base" first, then the cases in file order."""
        return [BASE, *self.cases]

    def case_inputs(self, name: str = BASE) -> dict[str, Any]:
        """Raw input values of a case: base overridden by the case's table."""
        if name != BASE and name not in self.cases:
            raise KeyError(name)
        merged = dict(self.base)
        if name != BASE:
            merged.update((k, v) for k, v in self.cases[name].items() if k in roi.INPUTS)
        return merged

    def case_errors(self, name: str = BASE) -> dict[str, str]:
        """{input: reason} for what keeps a case from evaluating; empty when it is valid."""
        return roi.parse_inputs(self.case_inputs(name))[1]

    def line_of(self, key: str | None = None, case: str = BASE) -> int:
        """Line to report for a key of [scenario] or of a case (falls back to its table)."""
        if case != BASE:
            table = self.lines.get(f"cases.{case}", self.line)
            return table if key is None else self.lines.get(f"cases.{case}.{key}", self.line_of(key))
        return self.line if key is None else self.lines.get(key, self.line)


# --- loading -------------------------------------------------------------------------------


def _snapshot(path: Path) -> tuple[bytes, os.stat_result] | None:
    try:
        return read_regular_stat(path)  # a FIFO or device in scenarios/ must not block the load
    except (OSError, ValueError):
        return None


def load_scenario(path: Path | str, problems: list[Problem]) -> Scenario | None:
    """Load one scenario file, appending every problem found to `problems`; never raises.

    None when there is nothing to show (unreadable, not UTF-8, bad TOML, no [scenario]
    table). Otherwise a Scenario even if some fields or cases are invalid: the problems
    are reported (and kept on `Scenario.problems`) and `case_errors` says which cases can't
    be evaluated, so an editor can still open the file to fix it.
    """
    path = Path(path)
    found: list[Problem] = []
    snapshot: tuple[bytes, os.stat_result] | None = None
    for _ in range(3):  # the bytes we fingerprint must be the bytes we parsed
        found = []
        log = ProblemLog(path, found)
        before = _snapshot(path)
        try:
            data, locator = load_toml(path, log)
        except (ValueError, RecursionError) as error:  # tomllib on pathological input
            log.add(1, tr("cannot read TOML: {error}", error=type(error).__name__))
            data, locator = None, None
        snapshot = _snapshot(path)
        if before is None or snapshot is None or before[0] == snapshot[0]:
            break
    else:
        found.append(Problem(str(path), 1, tr("file kept changing while it was being read")))
        data = None
    if data is None or locator is None or snapshot is None:
        problems.extend(found)
        return None
    scenario = _build(path, data, locator, snapshot, found)
    problems.extend(found)
    return scenario


def _build(
    path: Path,
    data: dict[str, Any],
    locator: TomlLocator,
    snapshot: tuple[bytes, os.stat_result],
    found: list[Problem],
) -> Scenario | None:
    raw, stat = snapshot
    log = ProblemLog(path, found)
    table = data.get("scenario")
    if not isinstance(table, dict):
        if table is None:
            log.add(1, tr("missing the [scenario] table"))
        else:
            log.add(locator.array_table_line("scenario", 0), tr("'scenario' must be one table, [scenario]"))
        return None
    line = locator.table_line("scenario")
    lines = {key: locator.key_line(line, key) for key in table}
    stem = path.stem
    what = tr("scenario {id}", id=repr(stem))

    def text_field(key: str) -> str:
        value = table.get(key)
        if value is None:
            log.add(line, tr("{what}: missing required field '{key}'", what=what, key=key))
            return ""
        if not isinstance(value, str) or not value.strip():
            log.add(lines[key], tr("{what}: '{key}' must be a non-empty string", what=what, key=key))
            return ""
        return value.strip()

    sid = text_field("id")
    if sid and sid != stem:
        log.add(
            lines["id"], tr("{what}: id {id} must equal the file name {stem}", what=what, id=repr(sid), stem=repr(stem))
        )
    name = text_field("name") or stem
    company = text_field("company")
    quotes: list[str] = []
    if "quotes" in table:
        value = table["quotes"]
        if isinstance(value, list) and all(isinstance(q, str) for q in value):
            quotes = list(value)
        else:
            log.add(lines["quotes"], tr("{what}: 'quotes' must be a list of quote ids (strings)", what=what))

    base = {key: value for key, value in table.items() if key in roi.INPUTS}
    for key, spec in roi.INPUTS.items():
        if key not in table:
            if spec.required:
                log.add(line, tr("{what}: missing required field '{key}'", what=what, key=key))
        elif (reason := roi.check_value(key, table[key], local=True)[1]) is not None:
            log.add(lines[key], tr("{where}: '{key}' {reason}", where=what, key=key, reason=reason))

    cases: dict[str, dict[str, Any]] = {}
    raw_cases = table.get("cases", {})
    if not isinstance(raw_cases, dict):
        log.add(lines["cases"], tr("{what}: 'cases' must be a table of [scenario.cases.NAME] tables", what=what))
        raw_cases = {}
    for case, overrides in raw_cases.items():
        case_line, key_prefix = locator.table_line(f"scenario.cases.{case}"), ""
        if case_line == 1:  # no [scenario.cases.NAME] header: `NAME.key =` or an inline table
            case_line, key_prefix = locator.table_line("scenario.cases"), f"{case}."
            case_line = lines.get("cases", line) if case_line == 1 else case_line
        if case == BASE:
            log.add(
                case_line, tr("{what}: a case may not be named 'base' (it means the un-overridden inputs)", what=what)
            )
            continue
        if not isinstance(overrides, dict):
            log.add(case_line, tr("{what}: case {case} must be a table of input overrides", what=what, case=repr(case)))
            continue
        lines[f"cases.{case}"] = case_line
        for key in overrides:
            lines[f"cases.{case}.{key}"] = locator.key_line(case_line, key_prefix + key)
        for key, value in overrides.items():
            if key in roi.INPUTS and (reason := roi.check_value(key, value, local=True)[1]) is not None:
                where = tr("{what}, case {case}", what=what, case=repr(case))
                log.add(
                    lines[f"cases.{case}.{key}"], tr("{where}: '{key}' {reason}", where=where, key=key, reason=reason)
                )
        cases[case] = dict(overrides)
    _check_together(log, what, base, cases, lines, line)
    sources: provenance.Sources = {}
    expected: provenance.Expected = {}

    def base_line(name: str, key: str | None) -> int:
        header = locator.table_line(f"scenario.{name}")
        header = lines.get(name, line) if header == 1 else header
        return header if key is None else locator.key_line(header, key)

    def case_table_line(case: str, name: str, key: str | None) -> int:
        header = locator.table_line(f"scenario.cases.{case}.{name}")
        header = lines.get(f"cases.{case}.{name}", lines.get(f"cases.{case}", line)) if header == 1 else header
        return header if key is None else locator.key_line(header, key)

    provenance.read(BASE, table, base_line, log, what, sources, expected)
    for case, overrides in cases.items():
        where = tr("{what}, case {case}", what=what, case=repr(case))
        provenance.read(case, overrides, functools.partial(case_table_line, case), log, where, sources, expected)
    for case, key in sources:
        lines[f"sources.{case}.{key}"] = (
            base_line("sources", key) if case == BASE else case_table_line(case, "sources", key)
        )

    skip = (*META_KEYS, *provenance.TABLES, "cases")
    extra = {k: v for k, v in table.items() if k not in roi.INPUTS and k not in skip}
    return Scenario(
        id=stem,
        path=path,
        name=name,
        company=company,
        quotes=quotes,
        base=base,
        cases=cases,
        extra=extra,
        line=line,
        lines=lines,
        problems=list(found),
        mtime_ns=stat.st_mtime_ns,
        size=stat.st_size,
        sha256=hashlib.sha256(raw).hexdigest(),
        raw=raw,
        sources=sources,
        expected=expected,
    )


def _check_together(
    log: ProblemLog, what: str, base: dict[str, Any], cases: dict[str, dict[str, Any]], lines: dict[str, int], line: int
) -> None:
    """Inputs valid alone but not together (terminal growth ≥ discount rate), once per table
    that sets one of them."""

    def valid(values: dict[str, Any]) -> dict[str, Any]:
        return {
            k: roi.check_value(k, v)[0]
            for k, v in values.items()
            if k in roi.INPUTS and roi.check_value(k, v)[1] is None
        }

    for name, reason in roi.cross_errors(valid(base), local=True).items():
        log.add(lines.get(name, line), tr("{where}: '{key}' {reason}", where=what, key=name, reason=reason))
    for case, overrides in cases.items():
        own = [k for k in ("terminal_growth", "discount_rate") if k in overrides]
        if not own:
            continue
        for name, reason in roi.cross_errors(valid({**base, **overrides}), local=True).items():
            key = name if name in overrides else own[0]
            where = tr("{what}, case {case}", what=what, case=repr(case))
            log.add(
                lines.get(f"cases.{case}.{key}", line),
                tr("{where}: '{key}' {reason}", where=where, key=name, reason=reason),
            )


# --- evaluating ----------------------------------------------------------------------------


def evaluate_case(scenario: Scenario, case: str = BASE) -> roi.Result:
    """Run the model for one case; KeyError if no such case, InvalidCase if inputs are bad."""
    inputs, errors = roi.parse_inputs(scenario.case_inputs(case))
    if inputs is None:
        raise InvalidCase(scenario, case, errors)
    return roi.evaluate(inputs)


def scenario_json(
    scenario: Scenario, case: str | None = None, *, tornado: bool = False
) -> dict[str, Any] | list[dict[str, Any]]:
    """`workbench roi ID [--case NAME] [--tornado] --json`: one case's object, or every
    case's, base first; `tornado` adds each case's tornado bars."""
    if case is not None:
        return _case_json(scenario, case, tornado)
    return [_case_json(scenario, name, tornado) for name in scenario.case_names()]


def _case_json(scenario: Scenario, case: str, tornado: bool) -> dict[str, Any]:
    result = evaluate_case(scenario, case)
    data = roi.result_to_json(scenario.id, case, result)
    if tornado:
        from workbench.core.roi.tornado import tornado as bars

        data["tornado"] = [bar.as_json() for bar in bars(result.inputs)]
    return data


# --- saving --------------------------------------------------------------------------------


def save_scenario(
    scenario: Scenario,
    base_values: Mapping[str, Any],
    case_values: Mapping[str, Mapping[str, Any]],
    *,
    renames: Mapping[str, str] | None = None,
    force: bool = False,
    problems: list[Problem] | None = None,
    sources: Mapping[tuple[str, str], list[str]] | None = None,
) -> Scenario:
    """Write edited values back to the scenario's file and return the scenario as saved.

    `base_values` are the base inputs wanted (an input key left out is removed from the
    file), optionally with "name", "company", "quotes" (left out = unchanged). `case_values`
    are the cases wanted, each with its overrides (same rule); a case left out is deleted,
    a new one appended after the others. `renames` (old → new) renames case tables in
    place first, keeping their comments; `case_values` then uses the new names. Unknown keys are never touched, and an unchanged
    value keeps its exact spelling.

    Raises ScenarioConflict if the file changed or vanished since it was loaded, unless
    `force`. The write is atomic. Values are not domain-checked here: the returned
    scenario's problems (also appended to `problems`) say what is invalid.
    """
    current = _snapshot(scenario.path)
    if not force:
        if current is None:
            raise ScenarioConflict(scenario.path, deleted=True)
        if hashlib.sha256(current[0]).hexdigest() != scenario.sha256:
            raise ScenarioConflict(scenario.path, deleted=False)
    from workbench.core.scenarios.toml_writing import edited  # tomlkit: only to write

    data = edited(scenario.raw, base_values, case_values, renames or {}, None, sources)
    mode = current[1].st_mode & 0o7777 if current is not None else 0o644
    atomic_write(scenario.path, data, mode)
    return _reloaded(scenario.path, data, problems)


def save_scenario_as(
    scenario: Scenario,
    base_values: Mapping[str, Any],
    case_values: Mapping[str, Mapping[str, Any]],
    new_path: Path | str,
    *,
    renames: Mapping[str, str] | None = None,
    overwrite: bool = False,
    problems: list[Problem] | None = None,
    sources: Mapping[tuple[str, str], list[str]] | None = None,
) -> Scenario:
    """Like save_scenario, but to `new_path` (id set to its stem); the original is untouched.

    FileExistsError if `new_path` exists and not `overwrite`.
    """
    new_path = Path(new_path)
    if new_path.suffix != ".toml":
        raise ValueError(tr("a scenario file must end in .toml: {name}", name=new_path.name))
    if new_path.exists() and not overwrite:
        raise FileExistsError(tr("{path} already exists", path=new_path))
    from workbench.core.scenarios.toml_writing import edited  # tomlkit: only to write

    data = edited(scenario.raw, base_values, case_values, renames or {}, new_path.stem, sources)
    atomic_write(new_path, data, 0o644)
    return _reloaded(new_path, data, problems)


def create_scenario(path: Path | str, text: str, problems: list[Problem] | None = None) -> Scenario:
    """Write a new scenario file (e.g. from new_scenario_text) atomically; never overwrites."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(tr("{path} already exists", path=path))
    data = text.encode("utf-8")
    atomic_write(path, data, 0o644)
    return _reloaded(path, data, problems)


def _reloaded(path: Path, data: bytes, problems: list[Problem] | None) -> Scenario:
    """The Scenario for bytes we just wrote (parsed from them, not re-read: no race)."""
    found: list[Problem] = []
    text = data.decode("utf-8").removeprefix("\ufeff")
    scenario = _build(path, tomllib.loads(text), TomlLocator(text), (data, os.stat(path)), found)
    if problems is not None:
        problems.extend(found)
    if scenario is None:  # only if the caller's edits removed [scenario] itself
        raise ValueError(f"{path}: the saved file has no [scenario] table")
    return scenario
