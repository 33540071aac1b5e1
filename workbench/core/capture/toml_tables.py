"""Add, replace and remove one `[[source]]` or `[[quote]]` table in a data file, as a person would.

A new table is appended after the last one, in the file's own style (tomlkit renders it); replacing
or removing a table touches only that table's lines, so the rest of the file (comments, blank lines,
order) stays byte for byte, and the file diffs as if edited by hand. Every write re-reads the file
from disk first, so an edit made elsewhere since the app loaded it is kept, and is atomic
(`core/files/atomic.py`); the result is parsed again before it replaces the file, so a write can
never leave a file that does not load.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from workbench.core.files.atomic import atomic_write
from workbench.core.i18n import tr

_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*([A-Za-z0-9_.-]+)[ \t]*\]\]", re.M)
_ANY_HEADER = re.compile(r"^[ \t]*\[", re.M)


class TableError(Exception):
    """The table cannot be written (unknown id, a duplicate id, a file that does not parse)."""


def render_table(key: str, values: Mapping[str, Any]) -> str:
    """`[[key]]` and its keys, in the given order, as tomlkit writes them (empty values left out)."""
    import tomlkit

    table = tomlkit.table()
    for name, value in values.items():
        if _empty(value):
            continue
        table.add(name, list(value) if isinstance(value, tuple) else value)
    aot = tomlkit.aot()
    aot.append(table)
    document = tomlkit.document()
    document.add(key, aot)
    return tomlkit.dumps(document)


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig") if path.exists() else ""
    except UnicodeDecodeError:
        raise TableError(f"{path}: " + tr("not UTF-8; fix the file before adding to it")) from None


def _write_checked(path: Path, text: str, key: str, expect_ids: list[Any]) -> None:
    """Write `text` only if it parses and holds exactly the `[[key]]` ids expected, in order."""
    try:
        tables = tomllib.loads(text).get(key, [])
    except tomllib.TOMLDecodeError as error:
        raise TableError(
            f"{path}: " + tr("the edit would not parse, so nothing was written ({error})", error=error)
        ) from None
    if [t.get("id") for t in tables] != expect_ids:
        raise TableError(f"{path}: " + tr("the edit would change other {key} tables, so nothing was written", key=key))
    atomic_write(path, text)


def ids_in(path: Path, key: str) -> list[str]:
    """The `id` of every `[[key]]` table of the file as it is on disk now."""
    text = _read(path)
    if not text:
        return []
    try:
        tables = tomllib.loads(text).get(key, [])
    except tomllib.TOMLDecodeError as error:
        raise TableError(f"{path}: {error}") from None
    return [t["id"] for t in tables if isinstance(t, dict) and isinstance(t.get("id"), str)]


def append_table(path: Path, key: str, values: Mapping[str, Any]) -> None:
    """Append a `[[key]]` table at the end of the file (created if missing), one blank line before it."""
    text = _read(path)
    ids = ids_in(path, key)
    if values.get("id") in ids:
        raise TableError(f"{path}: " + tr("there is already a {key} with id {id!r}", key=key, id=values.get("id")))
    body = render_table(key, values)
    joined = (text.rstrip("\n") + "\n\n" + body) if text.strip() else body
    _write_checked(path, joined, key, [*ids, values.get("id")])


def _span(text: str, key: str, table_id: str) -> tuple[int, int]:
    """Character range of the `[[key]]` table whose id is `table_id`: its header to the next table.

    A block runs to the next line that starts a table; if that cut falls inside a multi-line string
    (a line of a quote may start with "["), the block does not parse and runs on to the next cut.
    The comments just above the next table belong to it, so they stay where they are.
    """
    cuts = [m.start() for m in _ANY_HEADER.finditer(text)] + [len(text)]
    for match in _HEADER.finditer(text):
        if match.group(1) != key:
            continue
        start = match.start()
        for end in (cut for cut in cuts if cut > start):
            try:
                tables = tomllib.loads(text[start:end]).get(key)
            except tomllib.TOMLDecodeError:
                continue
            if isinstance(tables, list) and len(tables) == 1 and tables[0].get("id") == table_id:
                lines = text[start:end].split("\n")
                while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
                    lines.pop()
                return start, start + len("\n".join(lines)) + 1
            break
    raise TableError(tr("no {key} with id {id!r}", key=key, id=table_id))


def replace_table(path: Path, key: str, table_id: str, values: Mapping[str, Any]) -> None:
    """Replace the table with id `table_id` by `values` (which may carry a new id)."""
    text = _read(path)
    start, end = _span(text, key, table_id)
    ids = ids_in(path, key)
    new_id = values.get("id")
    if new_id != table_id and new_id in ids:
        raise TableError(f"{path}: " + tr("there is already a {key} with id {id!r}", key=key, id=new_id))
    expected = [new_id if i == table_id else i for i in ids]
    _write_checked(path, text[:start] + _edited_block(text[start:end], key, values) + text[end:], key, expected)


def _edited_block(block: str, key: str, values: Mapping[str, Any]) -> str:
    """The table's own text with `values` applied: keys that keep their value keep their line and comment."""
    import tomlkit

    document = tomlkit.parse(block)
    table = document[key][0]
    wanted = {k: (list(v) if isinstance(v, tuple) else v) for k, v in values.items() if not _empty(v)}
    for name in [k for k in table if k not in wanted]:
        del table[name]
    for name, value in wanted.items():
        current = table.get(name)
        if current is None or tomlkit.item(current).unwrap() != value:
            table[name] = value
    return tomlkit.dumps(document)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def remove_table(path: Path, key: str, table_id: str) -> None:
    """Remove the table with id `table_id`, and the blank line it leaves."""
    text = _read(path)
    start, end = _span(text, key, table_id)
    head, rest = text[:start], text[end:]
    if not rest.strip():  # the last table: the file ends where the one before it ended
        head, rest = head.rstrip("\n") + "\n", ""
    elif head.endswith("\n\n") and rest.startswith("\n"):
        rest = rest[1:]
    _write_checked(path, head + rest, key, [i for i in ids_in(path, key) if i != table_id])


def table_values(path: Path, key: str, table_id: str) -> dict[str, Any]:
    """The current values of one table, read from disk."""
    text = _read(path)
    start, end = _span(text, key, table_id)
    values: dict[str, Any] = tomllib.loads(text[start:end])[key][0]
    return values
