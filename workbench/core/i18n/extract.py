"""Find every message the code asks the catalogue for: the `tr`, `tr_n` and `N_` calls.

Used by the catalogue test and by `python3 dev.py i18n`, which lists what a language lacks.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

CALLS = {"tr": 1, "N_": 1, "tr_n": 2}  # function → how many leading arguments are messages


@dataclass(frozen=True)
class Message:
    msgid: str
    plural: str | None
    path: Path
    line: int


@dataclass(frozen=True)
class NotLiteral:
    """A message built in the call (f-string, `+`, `.format`): it can never be in any catalogue.

    A name or attribute is fine: it holds a message marked with `N_` where it was written.
    """

    path: Path
    line: int
    call: str


def messages_in(path: Path) -> tuple[list[Message], list[NotLiteral]]:
    found: list[Message] = []
    bad: list[NotLiteral] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or node.func.id not in CALLS:
            continue
        wanted = CALLS[node.func.id]
        args = node.args[:wanted]
        if len(args) < wanted or any(isinstance(a, (ast.JoinedStr, ast.BinOp, ast.Call)) for a in args):
            bad.append(NotLiteral(path, node.lineno, node.func.id))
            continue
        if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
            continue  # translated where drawn; the message itself was marked with N_
        texts = [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        found.append(Message(texts[0], texts[1] if wanted == 2 else None, path, node.lineno))
    return found, bad


def messages(root: Path) -> tuple[list[Message], list[NotLiteral]]:
    """Every message under `root` (a package folder), in file order."""
    found: list[Message] = []
    bad: list[NotLiteral] = []
    for path in sorted(root.rglob("*.py")):
        more, worse = messages_in(path)
        found += more
        bad += worse
    return found, bad
