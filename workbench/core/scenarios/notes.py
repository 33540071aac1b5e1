"""What a scenario file says about each assumption: its comments, and the quotes they cite.

Scenario files explain inputs in comments ("# The headline commitment (quote
amzn-apec-40b-14-countries)."). The comment block right above a key plus the comment on its
own line is that input's note; any of the scenario's quote ids named in the note are the
input's provenance, which the screen opens on Enter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.core.roi import model as roi
from workbench.core.scenarios.files import BASE, Scenario

_SECTION = re.compile(r"^-+\s*[\w /&]*\s*-+$")  # "--- Build -----" banners say nothing
_QUOTE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _comment(line: str) -> str | None:
    """The text of a whole-line comment, or None if the line is not one."""
    stripped = line.strip()
    return stripped[1:].strip() if stripped.startswith("#") else None


def _trailing_comment(line: str) -> str:
    """The comment after a number/bool value on a `key = value  # …` line."""
    _, _, rest = line.partition("=")
    if '"' in rest or "'" in rest:
        return ""  # a string value could hold '#'; inputs are never strings
    _, hash_, comment = rest.partition("#")
    return comment.strip() if hash_ else ""


def _lines(scenario: Scenario) -> list[str]:
    return scenario.raw.decode("utf-8", errors="replace").removeprefix("\ufeff").splitlines()


def _block_above(lines: list[str], line: int) -> list[str]:
    """The comment lines right above 1-based `line` (no blank line between), banners left out."""
    block: list[str] = []
    index = line - 2
    while index >= 0 and (text := _comment(lines[index])) is not None:
        if text and not _SECTION.match(text):
            block.insert(0, text)
        index -= 1
    return block


def case_notes(scenario: Scenario) -> dict[str, str]:
    """case -> the comment above its [scenario.cases.NAME] header."""
    lines = _lines(scenario)
    notes = {}
    for case in scenario.cases:
        line = scenario.lines.get(f"cases.{case}")
        if line is not None and 1 <= line <= len(lines) and (block := _block_above(lines, line)):
            notes[case] = " ".join(block)
    return notes


def input_notes(scenario: Scenario) -> dict[tuple[str, str], str]:
    """(case, input) -> the file's comment about it, for every input key in the file."""
    lines = _lines(scenario)
    notes: dict[tuple[str, str], str] = {}
    keys = [(BASE, name, scenario.lines.get(name)) for name in roi.INPUTS]
    for case in scenario.cases:
        keys += [(case, name, scenario.lines.get(f"cases.{case}.{name}")) for name in roi.INPUTS]
    for case, name, line in keys:
        if line is None or not 1 <= line <= len(lines):
            continue
        if case == BASE and name not in scenario.base:
            continue  # lines.get(name) fell back to the table header
        block = _block_above(lines, line)
        trailing = _trailing_comment(lines[line - 1])
        if trailing:
            block.append(trailing)
        if block:
            notes[(case, name)] = " ".join(block)
    return notes


def quotes_in(note: str, quote_ids: Iterable[str]) -> list[str]:
    """The quote ids (from `quote_ids`) that a note names, in the order they appear."""
    wanted = set(quote_ids)
    found: list[str] = []
    for match in _QUOTE_ID.finditer(note):
        word = match.group().rstrip(".")
        if word in wanted and word not in found:
            found.append(word)
    return found


def input_quotes(scenario: Scenario) -> dict[tuple[str, str], list[str]]:
    """(case, input) -> the scenario's quotes its note cites (only inputs that cite any)."""
    links: dict[tuple[str, str], list[str]] = {}
    for key, note in input_notes(scenario).items():
        cited = quotes_in(note, scenario.quotes)
        if cited:
            links[key] = cited
    return links


def case_quotes(scenario: Scenario) -> dict[str, list[str]]:
    """case -> the scenario's quotes its header comment cites (they back its overrides)."""
    return {case: cited for case, note in case_notes(scenario).items() if (cited := quotes_in(note, scenario.quotes))}


def input_sources(scenario: Scenario) -> dict[tuple[str, str], list[str]]:
    """(case, input) -> the quotes behind it: those its own note cites; for a case's override
    without one, those the case's header comment cites."""
    sources = input_quotes(scenario)
    for case, cited in case_quotes(scenario).items():
        for name in scenario.cases.get(case, {}):
            if name in roi.INPUTS:
                sources.setdefault((case, name), cited)
    return sources


def quote_backs(sources: dict[tuple[str, str], list[str]]) -> dict[str, list[tuple[str, str]]]:
    """quote id -> the (case, input) pairs it backs: `input_sources` turned around."""
    backs: dict[str, list[tuple[str, str]]] = {}
    for key, cited in sources.items():
        for qid in cited:
            backs.setdefault(qid, []).append(key)
    return backs
