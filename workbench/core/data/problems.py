"""A data problem: where it is (`path:line`), how bad (error or warning) and what is wrong.

An *error* means the record it names cannot be used and is left out (everything else still
loads); a *warning* means the record is kept and shown, flagged (docs/data-contract.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.core.i18n import tr

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One validation finding, printed as `path:line: message` (`path:line: warning: message`)."""

    path: str
    line: int
    message: str
    severity: str = ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def __str__(self) -> str:
        if self.severity == WARNING:
            return f"{self.path}:{self.line}: " + tr("warning: {message}", message=self.message)
        return f"{self.path}:{self.line}: {self.message}"

    def as_warning(self) -> Problem:
        """The same finding as a warning (for checks that keep the record they report)."""
        return Problem(self.path, self.line, self.message, WARNING)


def count_severities(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings) among `problems`."""
    warnings = sum(1 for p in problems if p.severity == WARNING)
    return len(problems) - warnings, warnings


class ProblemLog:
    """Collects problems for one file so loaders can report without stopping."""

    def __init__(self, path: Path | str, sink: list[Problem]) -> None:
        self.path = str(path)
        self._sink = sink

    def add(self, line: int, message: str) -> None:
        """An error: the record at `line` is left out."""
        self._sink.append(Problem(self.path, max(1, int(line)), message))

    def warn(self, line: int, message: str) -> None:
        """A warning: the record at `line` is kept, flagged."""
        self._sink.append(Problem(self.path, max(1, int(line)), message, WARNING))
