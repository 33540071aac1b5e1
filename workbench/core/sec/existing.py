"""What an import may change in a data directory, read as it is on disk.

Each file's bytes are kept, so the write can refuse a file that changed meanwhile and can leave
every byte it does not change alone; the CSV rows keep the lines they span, so a replaced row is
rewritten on exactly those lines.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.data.layout import (
    CAPEX,
    CAPEX_HEADER,
    COMPANIES,
    FINANCIALS,
    FINANCIALS_HEADER,
    SOURCES,
    data_file,
)
from workbench.core.i18n import tr

# A CSV file the import creates gets the contract's columns; an existing file keeps its own.
HEADERS = {CAPEX: CAPEX_HEADER, FINANCIALS: FINANCIALS_HEADER}
REQUIRED = {  # without these columns a file cannot take imported rows
    CAPEX: ("ticker", "fiscal_period", "period_end", "kind", "value_bn", "basis", "source"),
    FINANCIALS: ("ticker", "fiscal_period", "period_end", "metric", "kind", "value_bn", "source"),
}


class PlanError(Exception):
    """The data directory or the request cannot be worked with; `str()` is one line naming the file."""


@dataclass
class CsvRow:
    line: int  # first physical line (1-based)
    last: int  # last physical line (a quoted cell may span lines)
    cells: dict[str, str]


@dataclass
class CsvFile:
    """One CSV data file as read: its bytes, header, rows and where each row is."""

    name: str
    raw: bytes | None  # None: the file does not exist yet
    header: list[str]
    rows: list[CsvRow] = field(default_factory=list)
    bom: bool = False
    newline: str = "\n"


@dataclass
class CompanyEntry:
    ticker: str
    name: str
    fiscal_year_end: int | None
    cik: int | None
    currency: str = "USD"


@dataclass
class DataState:
    """What the importer needs from a data directory, with each file's bytes as read (to refuse
    to overwrite a file that changes on disk in between)."""

    root: Path
    raw: dict[str, bytes | None]  # companies.toml, sources.toml → bytes (None: absent)
    companies: list[CompanyEntry]
    source_ids: set[str]
    csv: dict[str, CsvFile]


def read_state(root: Path) -> DataState:
    """Read the files an import may change; `PlanError` if one cannot be read safely."""
    if not root.is_dir():
        raise PlanError(f"{root}:1: " + tr("data directory not found"))
    companies_path, sources_path = data_file(root, COMPANIES), data_file(root, SOURCES)
    raw = {COMPANIES: _read(companies_path), SOURCES: _read(sources_path)}
    companies_doc = _toml(companies_path, raw[COMPANIES])
    sources_doc = _toml(sources_path, raw[SOURCES])
    companies = [_company(companies_path, table) for table in _tables(companies_path, companies_doc, "company")]
    source_ids = {str(t.get("id")) for t in _tables(sources_path, sources_doc, "source")}
    files = {
        name: _csv(data_file(root, name), _read(data_file(root, name)), HEADERS[name], REQUIRED[name])
        for name in HEADERS
    }
    return DataState(root, raw, companies, source_ids, files)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise PlanError(f"{path}:1: " + tr("cannot read: {error}", error=error.strerror or error)) from None


def _text(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PlanError(f"{path}:{line}: " + tr("not UTF-8 text; fix the file before importing")) from None


def _toml(path: Path, raw: bytes | None) -> dict[str, Any]:
    if raw is None:
        return {}
    try:
        return tomllib.loads(_text(path, raw))
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise PlanError(
            f"{path}:{match.group(1) if match else 1}: "
            + tr("not valid TOML ({error}); fix the file before importing", error=error)
        ) from None


def _tables(path: Path, doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    tables = doc.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise PlanError(
            f"{path}:1: " + tr("'{key}' must be an array of tables ([[{key}]]); fix the file before importing", key=key)
        )
    return tables


def _company(path: Path, table: dict[str, Any]) -> CompanyEntry:
    cik = table.get("cik")
    if cik is not None and (isinstance(cik, bool) or not isinstance(cik, int)):
        cik = int(cik) if isinstance(cik, str) and cik.strip().isdigit() else None
    month = table.get("fiscal_year_end")
    month = month if isinstance(month, int) and not isinstance(month, bool) and 1 <= month <= 12 else None
    currency = table.get("currency")
    return CompanyEntry(
        str(table.get("ticker", "")),
        str(table.get("name", "")),
        month,
        cik,
        currency if isinstance(currency, str) and currency else "USD",
    )


def _csv(path: Path, raw: bytes | None, default: tuple[str, ...], required: tuple[str, ...]) -> CsvFile:
    if raw is None:
        return CsvFile(path.name, None, list(default))
    text = _text(path, raw)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader, [])]
        if not any(header):
            return CsvFile(path.name, raw, list(default), bom=raw.startswith(b"\xef\xbb\xbf"))
        missing = [c for c in required if c not in header]
        if missing:
            raise PlanError(
                f"{path}:1: "
                + tr("missing required column(s): {columns}; fix the file before importing", columns=", ".join(missing))
            )
        file = CsvFile(
            path.name,
            raw,
            header,
            bom=raw.startswith(b"\xef\xbb\xbf"),
            newline="\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n",
        )
        done = reader.line_num
        for cells in reader:
            first, done = done + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                file.rows.append(
                    CsvRow(first, done, {k: (cells[i].strip() if i < len(cells) else "") for i, k in enumerate(header)})
                )
    except csv.Error as error:
        where = f"{path}:{reader.line_num or 1}: "
        raise PlanError(where + tr("CSV error: {error}; fix the file before importing", error=error)) from None
    return file
