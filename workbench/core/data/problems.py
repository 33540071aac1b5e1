"""A data problem: where it is (`path:line`) and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One validation finding, printed as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ProblemLog:
    """Collects problems for one file so loaders can report without stopping."""

    def __init__(self, path: Path | str, sink: list[Problem]) -> None:
        self.path = str(path)
        self._sink = sink

    def add(self, line: int, message: str) -> None:
        self._sink.append(Problem(self.path, max(1, int(line)), message))
