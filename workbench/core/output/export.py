"""Write table rows of raw values to CSV or JSON (chosen by the file extension), atomically."""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from workbench.core.files.atomic import atomic_write
from workbench.core.i18n import tr
from workbench.core.output.literal import csv_cell, json_text, visible

FORMATS = {".csv": "csv", ".json": "json"}


class ExportError(ValueError):
    """The rows could not be written where asked; the message says why, for the user."""


def file_slug(text: str, fallback: str = "table") -> str:
    """`text` made safe as part of a suggested file name (letters, digits, `.`, `-`, `_`)."""
    return re.sub(r"[^\w.-]+", "_", text).strip("._") or fallback


def export_format(path: Path | str, markdown: bool = False) -> str:
    """`csv` or `json` (or `markdown` for .md, when offered) from the extension; ExportError for anything else."""
    suffix = Path(path).suffix.lower()
    if markdown and suffix == ".md":
        return "markdown"
    if suffix not in FORMATS:
        choices = tr(".csv, .json or .md") if markdown else tr(".csv or .json")
        raise ExportError(
            tr(
                "unknown format {suffix}: end the file name with {choices}",
                suffix=suffix or tr("(no extension)"),
                choices=choices,
            )
        )
    return FORMATS[suffix]


DECIMALS = 6  # raw numbers, without float noise: 131.82, not 131.82000000000002


def clean_number(value: float) -> float | None:
    """A float as written out: rounded to `DECIMALS` places (never -0.0); None for NaN and infinities."""
    if math.isnan(value) or math.isinf(value):
        return None
    return round(value, DECIMALS) + 0.0


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return clean_number(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    return value


def _csv_value(value: Any) -> str:
    value = _json_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # shortest text that reads back as the same (rounded) float
    if isinstance(value, int):
        return str(value)  # a number stays a number, negative ones too
    if isinstance(value, list):
        return csv_cell(";".join(_csv_value(v) for v in value))
    return csv_cell(str(value))  # text: never a formula, never a raw control character


def render(rows: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """The file's text: a CSV with a header row, or a JSON list of objects."""
    if columns is None:
        columns = list(dict.fromkeys(key for row in rows for key in row))
    if fmt == "json":
        records = [{c: _json_value(row.get(c)) for c in columns} for row in rows]
        return json_text(records, indent=2) + "\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(str(c)) for c in columns])
    writer.writerows([_csv_value(row.get(c)) for c in columns] for row in rows)
    return out.getvalue()


def export_rows(
    path: Path | str,
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    *,
    markdown: Callable[[], str] | None = None,
) -> Path:
    """Write `rows` to `path` (CSV or JSON by extension); returns the absolute path written.

    With `markdown`, a path ending in .md gets its text instead (a table for people to read).
    Raises ExportError with a message fit for the user (bad extension, missing folder, no permission).
    """
    path = Path(os.path.expanduser(str(path).strip()))
    if not str(path) or path.name in ("", ".", ".."):
        raise ExportError(
            tr(
                "type a file name ending in {choices}",
                choices=tr(".csv, .json or .md") if markdown else tr(".csv or .json"),
            )
        )
    fmt = export_format(path, markdown is not None)
    # Markdown is built from escaped text already; `visible` is the last guard against a raw escape.
    text = visible(markdown()) if markdown is not None and fmt == "markdown" else render(list(rows), fmt, columns)
    if path.is_dir():
        raise ExportError(tr("{path} is a folder", path=path))
    if not path.parent.is_dir():
        raise ExportError(tr("folder {path} does not exist", path=path.parent))
    try:
        atomic_write(path, text)
    except OSError as error:
        raise ExportError(tr("could not write {path}: {error}", path=path, error=error.strerror or error)) from error
    return path.resolve()
