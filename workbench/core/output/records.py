"""Quotes, search hits and data problems as export rows: raw values, the data contract's names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from workbench.core.data.model import Quote
from workbench.core.data.problems import Problem
from workbench.core.search.scan import Hit, hits_to_json

QUOTE_COLUMNS = ("id", "source", "text", "speaker", "company", "date", "topics", "stance", "translation", "answers")
HIT_COLUMNS = ("source", "line", "column", "snippet")  # as `workbench search --json`
PROBLEM_COLUMNS = ("path", "line", "severity", "message")  # `path:line: [warning: ]message`, split


def quote_rows(quotes: Iterable[Quote]) -> list[dict[str, Any]]:
    """One row per quote, keyed as in quotes.toml (lists stay lists: `;`-joined in CSV)."""
    return [{name: getattr(q, name) for name in QUOTE_COLUMNS} for q in quotes]


def hit_rows(hits: Iterable[Hit]) -> list[dict[str, Any]]:
    """One row per occurrence, as `workbench search --json` prints it (1-based line and column)."""
    return hits_to_json(hits)


def problem_rows(problems: Iterable[Problem]) -> list[dict[str, Any]]:
    """One row per problem."""
    return [{"path": p.path, "line": p.line, "severity": p.severity, "message": p.message} for p in problems]
