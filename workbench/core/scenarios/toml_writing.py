"""Writing scenario files with tomlkit: edits applied to a file's own document (comments, key
order and spelling kept), and the text of a new file.

Apart from `files.py` so that reading and showing scenarios does not import tomlkit (40 ms):
this module is imported where a scenario is first written or made.
"""

from __future__ import annotations

from codecs import BOM_UTF8 as _BOM
from collections.abc import Iterable, Mapping
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import InlineTable, Table, Whitespace

from workbench.core.roi import model as roi
from workbench.core.scenarios.sources import BASE


def edited(
    raw: bytes,
    base_values: Mapping[str, Any],
    case_values: Mapping[str, Mapping[str, Any]],
    renames: Mapping[str, str],
    new_id: str | None,
    sources: Mapping[tuple[str, str], list[str]] | None = None,
) -> bytes:
    """The file's bytes as loaded (`raw`) with the edits applied to its own tomlkit document."""
    for key in ("id", "cases"):
        if key in base_values:
            raise ValueError(f"'{key}' cannot be set through base_values")
    for case in [*renames.values(), *case_values]:
        if not isinstance(case, str) or not case or case == BASE:
            raise ValueError(f"invalid case name {case!r}")
    bom = raw.startswith(_BOM)
    doc = tomlkit.parse(raw.removeprefix(_BOM).decode("utf-8"))
    table = doc["scenario"]
    if new_id is not None:
        _set(table, "id", new_id)
    for key, value in base_values.items():
        _set(table, key, value)
    for key in roi.INPUTS:
        if key in table and key not in base_values:
            del table[key]

    cases = table.get("cases")
    for old, new in renames.items():
        if cases is None or old not in cases:
            raise KeyError(f"no case {old!r} to rename")
        if new in cases:
            raise ValueError(f"case {new!r} already exists")
        _rename(cases, old, new)
    if cases is not None:
        for case in [c for c in cases if c not in case_values]:
            del cases[case]
    for case, overrides in case_values.items():
        if cases is not None and case in cases:
            case_table = cases[case]
            for key, value in overrides.items():
                _set(case_table, key, value)
            for key in roi.INPUTS:
                if key in case_table and key not in overrides:
                    del case_table[key]
            continue
        inline = isinstance(cases, InlineTable)
        new_table = tomlkit.inline_table() if inline else tomlkit.table()
        for key, value in overrides.items():
            new_table[key] = _item(value, None)
        if cases is None:
            cases = tomlkit.table(is_super_table=True)
            last = _last_item(table)
            table.append("cases", cases)
        else:
            last = _last_item(cases)
        if not inline and _ends_blank(last):
            new_table.add(tomlkit.nl())  # keep the blank line before whatever follows
        cases[case] = new_table
    if sources:
        _write_sources(table, sources)
    text = doc.as_string()
    return (_BOM if bom else b"") + text.encode("utf-8")


def _write_sources(table: Any, edits: Mapping[tuple[str, str], list[str]]) -> None:
    """Apply (case, key) -> quote ids ([] removes the key) to [scenario.sources] and the
    cases' [scenario.cases.NAME.sources], creating a table where there is none."""
    cases = table.get("cases")
    for (case, key), ids in edits.items():
        if case == BASE:
            owner = table
        elif cases is not None and case in cases:
            owner = cases[case]
        else:
            continue  # a case that is not in the file
        current = owner.get("sources")
        if current is None:
            if not ids:
                continue
            current = tomlkit.inline_table() if isinstance(owner, InlineTable) else tomlkit.table()
            owner.append("sources", current)
            current = owner["sources"]
        if ids:
            _set(current, key, list(ids))
        elif key in current:
            del current[key]


def _same(old: Any, new: Any) -> bool:
    """Equal and of the same kind (a bool never equals a number, 40 == 40.0)."""
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new))
    return isinstance(old, bool) == isinstance(new, bool) and type(old) is not list and old == new


def _item(value: Any, old: Any) -> Any:
    """A tomlkit item for value; a whole float replacing an int stays an int (40, not 40.0)."""
    if isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, (bool, int, float, str, list)):
        raise TypeError(f"cannot save a {type(value).__name__} in a scenario file")
    if isinstance(value, float) and value.is_integer() and isinstance(old, int) and not isinstance(old, bool):
        value = int(value)
    return tomlkit.item(value)


def _set(container: Any, key: str, value: Any) -> None:
    """Set key, keeping the line's comment; a new key goes right after the table's last key."""
    if key in container:
        old = container[key]
        old_value = old.unwrap() if hasattr(old, "unwrap") else old
        if not _same(old_value, value):
            container[key] = _item(value, old_value)
        return
    item = _item(value, None)
    body = _body(container)
    if body is None or isinstance(container, InlineTable):
        container[key] = item
        return
    keys = [k for k, v in body if k is not None and not isinstance(v, Table) and not _is_aot(v)]
    if keys:
        body_container = container.value if isinstance(container, Table) else container
        body_container._insert_after(keys[-1], key, item)  # tomlkit has no public insert
        return
    tables = [i for i, (k, v) in enumerate(body) if k is not None and isinstance(v, Table)]
    if tables:
        body_container = container.value if isinstance(container, Table) else container
        body_container._insert_at(tables[0], key, item)
    else:
        container[key] = item


def _is_aot(item: Any) -> bool:
    return type(item).__name__ == "AoT"


def _body(container: Any) -> list[tuple[Any, Any]] | None:
    if isinstance(container, Container):
        return container.body
    if isinstance(container, (Table, InlineTable)):
        return container.value.body
    return None


def _rename(cases: Any, old: str, new: str) -> None:
    """Rename a case table where it stands, keeping its comments and layout."""
    body = _body(cases)
    item = cases[old]
    if body is None:
        del cases[old]
        cases[new] = item
        return
    index = next(i for i, (k, _) in enumerate(body) if k is not None and k.key == old)
    container = cases.value if isinstance(cases, (Table, InlineTable)) else cases
    container.remove(old)
    _forget_headers(item)  # else it would keep printing the old [headers]
    container._insert_at(index, new, item)


def _forget_headers(item: Any) -> None:
    """Let a renamed table and its sub-tables ([…cases.NAME.sources]) print their new names."""
    if isinstance(item, Table):
        item.display_name = None
        for _, child in item.value.body:
            _forget_headers(child)


def _last_item(container: Any) -> Any:
    body = _body(container)
    return body[-1][1] if body else None


def _ends_blank(item: Any) -> bool:
    """Does this item (or its last nested table) end with a blank line?"""
    while isinstance(item, Table):
        body = item.value.body
        if not body:
            return False
        item = body[-1][1]
    return isinstance(item, Whitespace)


def new_scenario_text(
    scenario_id: str,
    name: str,
    company: str,
    inputs: Mapping[str, Any],
    comment_lines: Iterable[str] = (),
    *,
    quotes: Iterable[str] = (),
    cases: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """TOML text for a new scenario: comments, identity, inputs (in INPUTS order, each with
    its unit and label as a trailing comment) and optional case tables."""
    doc = tomlkit.document()
    for line in comment_lines:
        for part in str(line).splitlines() or [""]:
            doc.add(tomlkit.comment(_comment_safe(part)))
    table = tomlkit.table()
    table.add("id", scenario_id)
    table.add("name", name)
    table.add("company", company)
    table.add("quotes", tomlkit.item(list(quotes)))
    for key, spec in roi.INPUTS.items():
        if key in inputs:
            item = _item(inputs[key], None)
            unit = "fraction, 0.45 = 45%" if spec.unit == "%" else spec.unit
            item.comment(_comment_safe(f"{spec.label}" + (f" ({unit})" if unit else "")))
            item.trivia.comment_ws = "  "
            table.add(key, item)
    for key, value in inputs.items():
        if key not in roi.INPUTS:
            table.add(key, _item(value, None))
    doc.add("scenario", table)
    if cases:
        container = tomlkit.table(is_super_table=True)
        for case, overrides in cases.items():
            if not case or case == BASE:
                raise ValueError(f"invalid case name {case!r}")
            case_table = tomlkit.table()
            for key, value in overrides.items():
                case_table.add(key, _item(value, None))
            container.add(case, case_table)
        table.add("cases", container)
    return doc.as_string()


def _comment_safe(text: str) -> str:
    """TOML comments may not hold control characters other than tab."""
    return "".join(ch if ch == "\t" or (ch >= " " and ch != "\x7f") else " " for ch in text)
