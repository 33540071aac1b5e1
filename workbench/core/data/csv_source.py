"""Read a data CSV row by row, so that damage loses only the rows it touches.

A row with a cell over the csv module's limit (131,072 characters), bad quoting, bytes that are
not UTF-8, or a quote that does not close where it should is reported once, at its line, and
left out; reading goes on with the next line. A quote that runs on over later lines (it never
closes, or closes in some later row) would otherwise swallow those rows: the row where it
opened is left out and the lines after it are read again as rows of their own. Every data CSV
(`capex.csv`, `financials.csv`, `deals.csv`) is read through `CsvRows`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from workbench.core.data.problems import ProblemLog
from workbench.core.data.toml_source import UNDECODED, read_lenient, undecoded_problem
from workbench.core.i18n import tr

_NEWLINE = re.compile(r"\r\n|\r|\n")


class CsvRows:
    """(header, cells, line) of every non-blank row of one CSV that is not wider than its header.

    Iterate once. `usable` turns False when the file or its header cannot be read (nothing is
    yielded then); problems go to `log`.
    """

    def __init__(self, path: Path, required: tuple[str, ...], log: ProblemLog, within: Path | None = None) -> None:
        self.path = path
        self.required = required
        self.log = log
        self.within = within
        self.usable = True

    def __iter__(self) -> Iterator[tuple[list[str], list[str], int]]:
        read = read_lenient(self.path, self.log, self.within)
        if read is None:
            self.usable = False
            return
        text, clean = read
        parser = _Records(text, self.log)
        records = iter(parser)
        first = next(records, None)
        header = [cell.strip() for cell in first[0]] if first is not None else []
        if not any(header):
            self.log.add(1, tr("empty file: expected a header row"))
            self.usable = False
            return
        if not clean and any(UNDECODED.search(cell) for cell in header):
            self.log.add(1, tr("the header row is {problem}", problem=undecoded_problem(",".join(header))))
            self.usable = False
            return
        missing = [c for c in self.required if c not in header]
        if missing:
            self.log.add(1, tr("missing required column(s): {columns}", columns=", ".join(missing)))
            self.usable = False
            return
        duplicated = sorted({c for c in header if header.count(c) > 1})
        if duplicated:  # every row is still read: the later column of a name wins
            self.log.warn(
                1, tr("duplicate column(s): {columns} (the last one of each is read)", columns=", ".join(duplicated))
            )
        width = parser.width = len(header)
        for cells, line in records:
            # The first cell is almost always filled: only then is the whole row looked at.
            first_cell = cells[0].strip() if cells else ""
            if not first_cell and not any(cell.strip() for cell in cells):
                continue
            if len(cells) > width:
                self.log.add(
                    line, tr("row has {cells} cells but the header has {width}", cells=len(cells), width=width)
                )
                continue
            if not clean and any(UNDECODED.search(cell) for cell in cells):
                self.log.add(line, tr("row is {problem}: left out", problem=undecoded_problem(",".join(cells))))
                continue
            if first_cell == header[0] and len(cells) == width and [c.strip() for c in cells] == header:
                self.log.warn(line, tr("the header row is repeated here: skipped"))
                continue
            yield header, cells, line


class _Records:
    """(cells, first line) of each CSV record, recovering from damage (see the module docstring)."""

    def __init__(self, text: str, log: ProblemLog) -> None:
        self.text = text
        self.log = log
        self.width = 0  # the header's, once known: a record spanning lines wider than it is damage
        self.stream = io.StringIO(text, newline="")
        self.reader = csv.reader(self.stream, strict=True)
        self.base = 0  # lines read before the current reader started
        self.done = 0  # lines read so far
        self._offsets: list[int] | None = None

    def __iter__(self) -> Iterator[tuple[list[str], int]]:
        return self._records()

    def _records(self) -> Iterator[tuple[list[str], int]]:
        while True:
            reader = self.reader
            try:
                for cells in reader:  # the common case: one line, one row, nothing to check
                    end = self.base + reader.line_num
                    start = self.done + 1
                    if end > start and self._swallowed(cells):
                        self._ran_on(start, end)
                        break
                    self.done = end
                    yield cells, start
                else:
                    return
            except csv.Error as error:
                start, end = self.done + 1, self.base + reader.line_num
                if end > start:
                    self._ran_on(start, end, str(error))
                else:
                    self.log.add(start, _message(str(error)))
                    self.done = end

    def _swallowed(self, cells: list[str]) -> bool:
        """Does a record over several lines hold rows of its own (a quote that closed too late)?"""
        if self.width and len(cells) > self.width:
            return True
        least = max(1, self.width - 1)
        return any(
            line.count(",") >= least
            for cell in cells
            if "\n" in cell or "\r" in cell
            for line in _NEWLINE.split(cell)[1:]
        )

    def _ran_on(self, start: int, end: int, error: str = "") -> None:
        """Leave out the record at `start` and read again from the line after it."""
        if "field larger than field limit" in error:
            what = tr(
                "a cell that starts in this row is longer than {limit:,} characters", limit=csv.field_size_limit()
            )
        else:
            what = tr('a quote (") opened in this row does not close where it should')
        self.log.add(start, tr("{what} (it runs on to line {end}): the row is left out", what=what, end=end))
        if self._offsets is None:
            self._offsets = [0, *(match.end() for match in _NEWLINE.finditer(self.text))]
        self.stream.seek(self._offsets[start] if start < len(self._offsets) else len(self.text))
        self.reader = csv.reader(self.stream, strict=True)
        self.base = self.done = start


def _message(error: str) -> str:
    if "field larger than field limit" in error:
        return tr("a cell is longer than {limit:,} characters: the row is left out", limit=csv.field_size_limit())
    if "unexpected end of data" in error:
        return tr("the file ends inside a quoted cell (is it cut short?): the row is left out")
    return tr("CSV error: {error}: the row is left out", error=error)
