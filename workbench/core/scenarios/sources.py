"""The quotes behind a scenario's inputs, and the figures its sources state, read as data.

    [scenario.sources]                       # input (or expected figure) -> quote ids
    capex_bn = ["amzn-apec-40b-14-countries"]
    operating_profit_bn = ["analysts-apec-profit-2-4-3-2b"]

    [scenario.expected]                      # what the sources say the model should give
    operating_profit_bn = [2.4, 3.2]         # a range, or one figure

    [scenario.cases.bull.sources]            # a case's own, for the inputs it overrides
    utilization = ["apec-bull-case-5-6b"]
    [scenario.cases.bull.expected]
    operating_profit_bn = [5.0, 6.0]

`[scenario.expected_sources]` (metric -> quote ids) is read too, for files that prefer to keep
the backing of stated figures apart. Every quote id must exist in quotes.toml (`workbench check`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.core.data.problems import ProblemLog
from workbench.core.i18n import tr
from workbench.core.roi import model as roi
from workbench.core.scenarios.expected import METRICS, parse_range

BASE = "base"
TABLES = ("sources", "expected", "expected_sources")
"""Keys of [scenario] (and of a case's table) that are provenance, not inputs."""

Sources = dict[tuple[str, str], list[str]]  # (case, input or metric) -> quote ids
Expected = dict[str, dict[str, tuple[float, float]]]  # case -> metric -> (low, high)


def read(
    case: str,
    table: dict[str, Any],
    line_of: Callable[[str, str | None], int],
    log: ProblemLog,
    what: str,
    sources: Sources,
    expected: Expected,
) -> None:
    """Read one table's sources / expected_sources / expected into `sources` and `expected`.

    `line_of(table_name, key)` gives the line to report a problem at.
    """
    for name in ("sources", "expected_sources"):
        if name not in table:
            continue
        value = table[name]
        if not isinstance(value, dict):
            log.add(
                line_of(name, None), tr("{what}: '{name}' must be a table of key = [quote ids]", what=what, name=name)
            )
            continue
        allowed = set(METRICS) if name == "expected_sources" else set(roi.INPUTS) | set(METRICS)
        for key, ids in value.items():
            if key not in allowed:
                log.add(line_of(name, key), _names_no(what, name, key))
            elif not isinstance(ids, list) or not all(isinstance(i, str) and i.strip() for i in ids):
                log.add(
                    line_of(name, key),
                    tr("{what}: '{name}.{key}' must be a list of quote ids (strings)", what=what, name=name, key=key),
                )
            else:
                known = sources.setdefault((case, key), [])
                known.extend(i for i in ids if i not in known)
    if "expected" in table:
        value = table["expected"]
        if not isinstance(value, dict):
            log.add(
                line_of("expected", None), tr("{what}: 'expected' must be a table of figure = [low, high]", what=what)
            )
            return
        for key, stated in value.items():
            if key not in METRICS:
                log.add(
                    line_of("expected", key),
                    tr(
                        "{what}: 'expected.{key}' is not a figure the model gives (one of {figures})",
                        what=what,
                        key=key,
                        figures=", ".join(METRICS),
                    ),
                )
            elif (span := parse_range(stated)) is None:
                log.add(
                    line_of("expected", key),
                    tr("{what}: 'expected.{key}' must be a number or [low, high] with low ≤ high", what=what, key=key),
                )
            else:
                expected.setdefault(case, {})[key] = span


def _names_no(what: str, name: str, key: str) -> str:
    if name == "expected_sources":
        return tr("{what}: '{name}.{key}' names no stated figure", what=what, name=name, key=key)
    return tr("{what}: '{name}.{key}' names no input or stated figure", what=what, name=name, key=key)


def of_input(sources: Sources, case: str, name: str) -> list[str]:
    """The quotes behind an input in a case: the case's own, else base's."""
    return sources.get((case, name)) or sources.get((BASE, name), [])


def expected_of(expected: Expected, case: str) -> dict[str, tuple[float, float]]:
    """The figures stated for a case: base's, overridden by the case's own."""
    return {**expected.get(BASE, {}), **expected.get(case, {})}


def all_ids(sources: Sources) -> list[str]:
    """Every quote id named, in first-seen order."""
    seen: list[str] = []
    for ids in sources.values():
        seen.extend(i for i in ids if i not in seen)
    return seen
