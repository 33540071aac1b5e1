"""Carry out an import plan: every file's new text is made first, then all are replaced together.

Rows are appended to the CSV files (a replaced conflict is rewritten on its own lines); TOML
files are edited through tomlkit, so every other row, its order and the comments stay exactly
as they were. A file that changed on disk since it was read is never overwritten, and if
replacing one file fails, the files already replaced get their old bytes back: the data
directory ends up as it was before or with the whole import, never half of it.
"""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path

import tomlkit

from workbench.core.data.layout import CAPEX, COMPANIES, FINANCIALS, SOURCES, data_file
from workbench.core.files.atomic import atomic_write
from workbench.core.i18n import tr

from .existing import CsvFile, PlanError
from .plan import Plan, archive_url

BOM = b"\xef\xbb\xbf"
# The order files are replaced in: what rows point at comes first.
ORDER = (COMPANIES, SOURCES, CAPEX, FINANCIALS)


def new_contents(plan: Plan) -> dict[str, bytes]:
    """The new bytes of every file the plan changes (file name → bytes)."""
    contents: dict[str, bytes] = {}
    companies = _companies_text(plan)
    if companies is not None:
        contents[COMPANIES] = companies
    sources = _sources_text(plan)
    if sources is not None:
        contents[SOURCES] = sources
    for name, file in plan.state.csv.items():
        text = _csv_text(plan, file)
        if text is not None:
            contents[name] = text
    return contents


def write_plan(plan: Plan) -> list[Path]:
    """Apply the plan to its data directory; the paths written, in order."""
    if plan.errors:
        raise PlanError(plan.errors[0])
    root = plan.state.root
    originals = {name: plan.state.raw[name] if name in plan.state.raw else plan.state.csv[name].raw for name in ORDER}
    contents = {name: data for name, data in new_contents(plan).items() if data != originals[name]}
    for name in contents:
        try:
            now: bytes | None = data_file(root, name).read_bytes()
        except FileNotFoundError:
            now = None
        if now != originals[name]:
            raise PlanError(
                f"{data_file(root, name)}:1: "
                + tr("changed on disk while importing; nothing was written, run the import again")
            )
    written: list[Path] = []
    try:
        for name in ORDER:
            if name in contents:
                atomic_write(data_file(root, name), contents[name])
                written.append(data_file(root, name))
    except BaseException:
        for path in reversed(written):  # put back what was replaced, so nothing is half-imported
            before = originals[path.name]
            if before is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, before)
        raise
    return written


def _split_bom(raw: bytes | None) -> tuple[bytes, str]:
    if raw is None:
        return b"", ""
    if raw.startswith(BOM):
        return BOM, raw[len(BOM) :].decode("utf-8")
    return b"", raw.decode("utf-8")


def _newline(text: str) -> str:
    """The file's line ending, from its first line (tomlkit writes new lines with `\\n`)."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _appended(text: str, addition: str) -> str:
    """`addition` after `text`, a blank line between (a missing final newline is added first), in the
    file's line ending."""
    newline = _newline(text)
    addition = addition.replace("\n", newline)
    if not text.strip():
        return addition
    if not text.endswith("\n"):
        text += newline
    return text + newline + addition


def _companies_text(plan: Plan) -> bytes | None:
    new = [c for c in plan.companies if c.new_company]
    ciks = {c.ticker: c.cik for c in plan.companies if c.record_cik}
    if not new and not ciks:
        return None
    bom, text = _split_bom(plan.state.raw[COMPANIES])
    if ciks:
        doc = tomlkit.parse(text)
        for table in doc.get("company", []):
            cik = ciks.get(table.get("ticker"))
            if cik is None:
                continue
            if "cik" in table:  # there, but not a number: put the file's in its place
                table["cik"] = cik
                continue
            keys = [k for k in table if k in ("ticker", "name", "fiscal_year_end")]
            if keys:
                table.value._insert_after(keys[-1], "cik", tomlkit.item(cik))  # tomlkit has no public insert
            else:
                table["cik"] = cik
        edited = doc.as_string()
        if _newline(text) == "\r\n":  # the inserted line ends like the others
            for cik in ciks.values():
                edited = edited.replace(f"cik = {cik}\n", f"cik = {cik}\r\n")
        text = edited
    if new:
        tables = tomlkit.aot()
        for company in new:
            table = tomlkit.table()
            table.add("ticker", company.ticker)
            table.add("name", company.entity_name)
            table.add("fiscal_year_end", company.fiscal_year_end)
            table.add("cik", company.cik)
            tables.append(table)
        doc = tomlkit.document()
        doc.add(
            tomlkit.comment(
                "Added by `workbench import sec` from SEC companyfacts (entityName, cik; the fiscal "
                "year end from its 10-K periods)."
            )
        )
        doc.append("company", tables)
        text = _appended(text, doc.as_string())
    return _checked(COMPANIES, plan, bom, text)


def _sources_text(plan: Plan) -> bytes | None:
    entries = [(company, filing, title) for company in plan.companies for filing, title in company.sources]
    if not entries:
        return None
    bom, text = _split_bom(plan.state.raw[SOURCES])
    tables = tomlkit.aot()
    for company, filing, title in entries:
        table = tomlkit.table()
        table.add("id", filing.source_id)
        table.add("title", title)
        table.add("published", filing.filed)
        table.add("language", "en")
        table.add("url", archive_url(company.cik, filing.accession))
        table.add("publisher", "U.S. Securities and Exchange Commission (EDGAR)")
        table.add("kind", "filing")
        table.add("form", filing.form)
        table.add("accession", filing.accession)
        table.add("cik", company.cik)
        tables.append(table)
    doc = tomlkit.document()
    doc.append("source", tables)
    return _checked(SOURCES, plan, bom, _appended(text, doc.as_string()))


def _checked(name: str, plan: Plan, bom: bytes, text: str) -> bytes:
    """The text as bytes, once it is known to parse (an edit must never leave a broken file)."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlanError(
            f"{data_file(plan.state.root, name)}:1: "
            + tr("the edited file would not parse ({error}); nothing was written", error=error)
        ) from None
    return bom + text.encode("utf-8")


def _csv_line(file: CsvFile, cells: dict[str, str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=file.newline).writerow([cells.get(column, "") for column in file.header])
    return out.getvalue()


def _csv_text(plan: Plan, file: CsvFile) -> bytes | None:
    changes = [c for company in plan.companies for c in company.added if c.file == file.name]
    replaced = (
        [c for company in plan.companies for c in company.conflicts if c.file == file.name and c.old and c.old.line]
        if plan.replace
        else []
    )
    if not changes and not replaced:
        return None
    bom, text = _split_bom(file.raw)
    if file.raw is None or not text.strip():
        bom, text = b"", _csv_line(file, {c: c for c in file.header})
    lines = io.StringIO(text, newline="").readlines()  # split as the csv reader counted lines
    for change in sorted(replaced, key=lambda c: c.old.line if c.old else 0, reverse=True):
        old = change.old
        assert old is not None
        lines[old.line - 1 : old.last] = [_csv_line(file, change.row)]
    text = "".join(lines)
    if changes:
        if not text.endswith(("\n", "\r")):
            text += file.newline
        text += "".join(_csv_line(file, c.row) for c in changes)
    return bom + text.encode("utf-8")
