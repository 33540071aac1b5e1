"""Load and validate a data directory: every problem reported as `path:line: message`, never raised."""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from workbench.core import collector
from workbench.core.data.fields import Fields, shown
from workbench.core.data.layout import (
    CAPEX,
    COMPANIES,
    DEALS,
    FINANCIALS,
    QUOTES,
    SCENARIOS_DIR,
    SOURCES,
    data_file,
    documents_dir,
    scenarios_dir,
)
from workbench.core.data.model import NO_EXTRA, CapexFigure, Company, Dataset, Deal, Quote, Source, normalise_newlines
from workbench.core.data.problems import ProblemLog
from workbench.core.data.reuse import Stamp, Steps, stamp
from workbench.core.data.toml_source import TomlLocator, load_toml, read_text
from workbench.core.files.cache import ParsedCache
from workbench.core.i18n import N_, language, tr

STANCES = ("bull", "bear", "neutral")
CAPEX_COLUMNS = ("ticker", "fiscal_period", "period_end", "kind", "basis", "source")
DEAL_COLUMNS = ("investor", "counterparty", "kind", "amount_bn", "announced", "source")

Record = tuple[dict[str, Any], int, Callable[[str | None], int]]


def load_dataset(
    root: Path | str,
    *,
    cache: bool = True,
    progress: Callable[[str, Dataset], None] | None = None,
    previous: Dataset | None = None,
    _preview: _Preview | None = None,
) -> Dataset:
    """Everything valid under `root`, with a problem for everything that is not.

    With `cache`, large TOML files parsed before with exactly the same content are not parsed
    again (see `cache.ParsedCache`); the result is the same either way. `progress(name, ds)`
    is called after each file (`name` from layout: SOURCES once the documents are read, QUOTES
    once the quotes are verified, …) with the dataset so far, e.g. to show counts.

    A reload passes the dataset it replaces as `previous`: each step whose files did not change
    since then hands over its records instead of reading them again (see `reuse`), so the two
    datasets share them. The result is the same either way.
    """
    root = Path(root)
    ds = Dataset(root=root)
    if not root.is_dir():
        ProblemLog(root, ds.problems).add(1, tr("data directory not found"))
        return ds
    parsed = ParsedCache.for_data(root) if cache else None
    # Why a reference may not resolve, for its message: "companies.toml" (unreadable),
    # "companies.toml:empty" (no tables), "company:MSFT" (an entry with a problem), …
    broken: set[str] = set()
    done = progress or (lambda _name, _ds: None)
    steps = Steps(previous.steps if previous is not None and previous.root == root else {})
    words = language()  # problems are worded in it: a step worded otherwise runs again

    def key(name: str) -> tuple[str, Stamp]:
        return words, stamp(data_file(root, name))

    with _collector_paused(ds):
        companies, _ = steps.run(
            ds, broken, COMPANIES, key(COMPANIES), ("companies",),
            lambda: _guarded(ds, COMPANIES, _load_companies, ds, broken, parsed),
        )  # fmt: skip
        done(COMPANIES, ds)
        documents: list[tuple[str, Stamp]] = []
        sources, texts = steps.run(
            ds, broken, SOURCES, (key(SOURCES), stamp(documents_dir(root))), ("sources",),
            lambda: _guarded(ds, SOURCES, _load_sources, ds, broken, parsed, True, documents),
            documents=documents,
        )  # fmt: skip
        done(SOURCES, ds)
        quotes, _ = steps.run(
            ds, broken, QUOTES, key(QUOTES), ("quotes", "broken_quotes"),
            lambda: _guarded(ds, QUOTES, _load_quotes, ds, broken, _document_texts(ds) if sources else texts or {}, parsed),
            upstream_reused=companies and sources,
        )  # fmt: skip
        texts = None  # the documents' text: ~200 MB on a large directory
        done(QUOTES, ds)
        known = companies and sources  # what the figures' references are checked against, with quotes
        if _preview is None or not _reuse_capex(ds, broken, _preview):
            _citing_step(
                steps, ds, broken, CAPEX, key(CAPEX), ("capex",),
                lambda: _guarded(ds, CAPEX, _load_capex, ds, broken), known, quotes,
            )  # fmt: skip
        done(CAPEX, ds)
        _citing_step(
            steps, ds, broken, FINANCIALS, key(FINANCIALS), ("financials",),
            lambda: _guarded(ds, FINANCIALS, _load_financials, ds, broken), known, quotes,
        )  # fmt: skip
        done(FINANCIALS, ds)
        _citing_step(
            steps, ds, broken, DEALS, key(DEALS), ("deals",),
            lambda: _guarded(ds, DEALS, _load_deals, ds, broken), known, quotes,
        )  # fmt: skip
        done(DEALS, ds)
        _guarded(ds, SCENARIOS_DIR, _load_scenarios, ds, broken)  # small, and edited in the app: always read
    ds.problems.sort(key=lambda p: (p.path, p.line))
    ds.steps = steps.now
    return ds


class _Citing(dict[str, Quote]):
    """The quotes while a step that cites them runs: notes every id the step looks up."""

    def __init__(self, quotes: dict[str, Quote]) -> None:
        super().__init__(quotes)
        self.asked: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.add(key)
        return super().get(key, default)


def _as_cited(ds: Dataset, broken: set[str], ids: frozenset[str]) -> tuple:
    """What a step citing `ids` finds of them: each quote's source (None: not loaded), whether its
    entry had a problem, and whether quotes.toml could be read (the messages say why)."""
    found = tuple((qid, getattr(ds.quotes.get(qid), "source", None), f"quote:{qid}" in broken) for qid in sorted(ids))
    return QUOTES in broken, f"{QUOTES}:empty" in broken, found


def _citing_step(
    steps: Steps,
    ds: Dataset,
    broken: set[str],
    name: str,
    key: Any,
    attributes: tuple[str, ...],
    step: Callable[[], Any],
    known: bool,
    quotes_taken: bool,
) -> None:
    """A step whose rows cite quotes (capex, financials, deals): taken over when its file and the
    companies and sources are unchanged (`known`) and the quotes are too, or read afresh but the
    same for every quote it cites (an edit of quotes.toml elsewhere: a quote added, say)."""
    old = steps.earlier.get(name)
    if known and not quotes_taken and old is not None and old.cited is not None:
        quotes_taken = _as_cited(ds, broken, old.cited[0]) == old.cited[1]
    citing = _Citing(ds.quotes)
    quotes, ds.quotes = ds.quotes, citing
    try:
        reused, _ = steps.run(ds, broken, name, key, attributes, step, upstream_reused=known and quotes_taken)
    finally:
        ds.quotes = quotes
    if not reused:
        asked = frozenset(citing.asked)
        steps.now[name].cited = (asked, _as_cited(ds, broken, asked))


def _document_texts(ds: Dataset) -> dict[str, str]:
    """The text of every local document of the sources taken from the load before (the quotes
    changed, the sources did not): what `_load_sources` would have returned."""
    texts: dict[str, str] = {}
    for sid, source in ds.sources.items():
        if source.path is not None:
            text = read_text(source.path, ProblemLog(source.path, ds.problems), within=ds.root)
            if text is not None:
                texts[sid] = normalise_newlines(text)
    return texts


def _guarded(ds: Dataset, name: str, step: Callable[..., Any], *args: Any) -> Any:
    """Run one file's loading step; a failure nobody foresaw costs that file, never the whole load."""
    try:
        return step(*args)
    except Exception as error:
        message = tr(
            "could not be read ({error}: {detail}); please report this",
            error=type(error).__name__,
            detail=shown(str(error)),
        )
        ProblemLog(data_file(ds.root, name), ds.problems).add(1, message)
        return None


# A capex.csv this large (about 10,000 figures) is shown in two steps (`load_in_phases`).
PREVIEW_CAPEX_BYTES = 1_000_000


def load_in_phases(
    root: Path | str, *, cache: bool = True, progress: Callable[[str, Dataset], None] | None = None
) -> Iterator[tuple[bool, Dataset]]:
    """(complete, dataset): for a large capex.csv first a preview (`load_preview`) to browse,
    then the whole dataset, exactly what `load_dataset` gives; for a small one just the whole.

    The whole load takes the preview's capex figures instead of reading capex.csv again when
    reading it again would give exactly them (see `_reuse_capex`).
    """
    root = Path(root)
    if not is_large(root):
        yield True, load_dataset(root, cache=cache, progress=progress)
        return
    preview = _load_preview(root, cache)
    yield False, preview.dataset
    yield True, load_dataset(root, cache=cache, progress=progress, _preview=preview)


def is_large(root: Path | str) -> bool:
    """Whether `root`'s capex.csv is large enough to be shown in phases (`load_in_phases`)."""
    try:
        return data_file(Path(root), CAPEX).stat().st_size >= PREVIEW_CAPEX_BYTES
    except (OSError, ValueError):
        return False


class _Preview:
    """A preview and what it found unreadable (the loader's `broken` names)."""

    def __init__(self, dataset: Dataset, broken: set[str]) -> None:
        self.dataset, self.broken = dataset, broken


def _reuse_capex(ds: Dataset, broken: set[str], preview: _Preview) -> bool:
    """Take the preview's capex figures and problems into `ds` if reading capex.csv now would
    give exactly them: the same companies and sources, the same unreadable files and records,
    and every quote a figure names verified, from the figure's source. Otherwise (a document could not be read, a quote is not verbatim, a row of
    capex.csv had a problem, …) capex.csv is read again, the careful way."""
    old = preview.dataset
    if old.companies.keys() != ds.companies.keys() or old.sources.keys() != ds.sources.keys():
        return False
    if {b for b in preview.broken if not b.startswith(CAPEX)} != {b for b in broken if not b.startswith(QUOTES)}:
        return False
    capex_path = str(data_file(ds.root, CAPEX))
    # A row left out of the preview could be left out for another reason once quotes are known
    # (its error would read differently): only a preview without such an error is taken.
    if any(p.path == capex_path and not p.is_warning for p in old.problems):
        return False
    for figure in old.capex:
        if figure.quote:
            quote = ds.quotes.get(figure.quote)
            if quote is None or quote.source != figure.source:
                return False
    broken.update(b for b in preview.broken if b.startswith(CAPEX))
    ds.capex = old.capex
    ds.problems.extend(p for p in old.problems if p.path == capex_path)
    return True


def load_preview(root: Path | str, *, cache: bool = True) -> Dataset:
    """The companies and their capex figures, for showing the Capex list while the rest loads.

    sources.toml is read for the sources' ids, but no document is read and no quote verified:
    a figure that names a quote is kept unchecked, so a preview may hold figures and lack
    problems that the full `load_dataset` then settles. The
    preview is never the dataset: it is what can be browsed until the dataset arrives.
    """
    return _load_preview(Path(root), cache).dataset


class _QuotesNotYetRead(dict[str, Any]):
    """The preview's quotes: not read yet, so every quote a figure names stands in as found,
    from the figure's own source; the whole load checks them (see `_reuse_capex`)."""

    class _Any(str):
        def __eq__(self, other: object) -> bool:
            return True

        def __ne__(self, other: object) -> bool:
            return False

        __hash__ = str.__hash__

    class _Quote:
        source = None  # replaced by an `_Any` below

    _Quote.source = _Any()  # type: ignore[assignment]

    def get(self, key: object, default: object = None) -> object:
        return self._Quote


def _load_preview(root: Path, cache: bool) -> _Preview:
    ds = Dataset(root=root)
    ds.quotes = _QuotesNotYetRead()
    broken: set[str] = set()
    if not root.is_dir():
        return _Preview(ds, broken)
    parsed = ParsedCache.for_data(root) if cache else None
    with _collector_paused(ds, freeze=False):  # its figures live on in the whole dataset, frozen there
        _guarded(ds, COMPANIES, _load_companies, ds, broken, parsed)
        _guarded(ds, SOURCES, _load_sources, ds, broken, parsed, False)
        _guarded(ds, CAPEX, _load_capex, ds, broken)
    ds.quotes = {}
    ds.problems.sort(key=lambda p: (p.path, p.line))
    return _Preview(ds, broken)


# Loaded records from which on the collector is told to leave them be (see below).
FREEZE_RECORDS = 50_000


@contextmanager
def _collector_paused(ds: Dataset, *, freeze: bool = True) -> Iterator[None]:
    """Hold off the cyclic garbage collector while hundreds of thousands of records are made.

    Loading creates no reference cycles, yet each collection walks every object made so far
    (a fifth of the loading time of a large directory). Once a large load is done, its records
    are moved out of the collector's sight (`gc.freeze`): they live as long as the dataset and
    are freed by reference counting like any acyclic object, and walking them in the next full
    collections stalled the app's screen for 150–250 ms each time.
    After a reload, `release_replaced` must run once the new dataset has replaced the old one.
    """
    with collector.held():
        try:
            yield
        finally:
            records = len(ds.capex) + len(ds.quotes) + len(ds.deals) + len(ds.sources) + len(ds.companies)
            if freeze and records >= FREEZE_RECORDS:
                gc.freeze()


def release_replaced() -> None:
    """Free what a reload replaced: call once the new dataset is in use and the old one dropped.

    `gc.freeze` also froze whatever was alive or garbage when the previous load ended: the
    screens' widgets, workers and messages that held the dataset of that time, some in
    reference cycles. Frozen, those cycles are never collected, and each kept a whole dataset
    alive (+120 MB per reload of the large generated set). So the frozen objects go back to
    the collector, one full collection frees the cycles, and what is left is frozen again:
    one full walk of the heap per reload (about 0.1–0.2 s on the large set, in a thread).
    Then the C allocator is asked to hand the freed pages back to the system (glibc keeps
    them otherwise, and the documents read while loading are ~200 MB of text).
    """
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    gc.collect()
    if frozen:
        gc.freeze()
    _trim_allocator()


def _trim_allocator() -> None:
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to ask
        pass


# --- readers -------------------------------------------------------------------------------


def _key_line(locator: TomlLocator, line: int, key: str | None) -> int:
    """The line of `key` in the table at `line` (the table's own line for None)."""
    return line if key is None else locator.key_line(line, key)


def _toml_records(
    path: Path, key: str, ds: Dataset, broken: set[str], cache: ParsedCache | None = None
) -> Iterator[Record]:
    log = ProblemLog(path, ds.problems)
    before = len(ds.problems)
    data, locator = load_toml(path, log, cache, recover=True, within=ds.root)
    if data is None or locator is None:
        broken.add(path.name)
        return
    tables = data.get(key)
    if tables is None:
        # Nothing loaded: because the file is damaged throughout, or because it holds no tables
        # (an empty file is reported like a missing one).
        if len(ds.problems) > before:
            broken.add(path.name)
        else:
            if data:
                log.add(1, tr("no [[{key}]] tables found", key=key))
            else:
                log.add(1, tr("no [[{key}]] tables found (the file is empty)", key=key))
            broken.add(f"{path.name}:empty")
        return
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        log.add(locator.table_line(key), tr("'{key}' must be an array of tables ([[{key}]])", key=key))
        broken.add(path.name)
        return
    for index, table in enumerate(tables):
        line = locator.array_table_line(key, index)
        yield table, line, partial(_key_line, locator, line)


def _csv_rows(
    path: Path, required: tuple[str, ...], ds: Dataset, broken: set[str]
) -> Iterator[tuple[list[str], list[str], int]]:
    """(header, cells, line) of every non-blank row that is not wider than the header.

    Damage loses only the rows it touches (see `csv_source`); each problem is at its line.
    """
    from workbench.core.data.csv_source import CsvRows  # here: search imports this module, reads no CSV

    rows = CsvRows(path, required, ProblemLog(path, ds.problems), within=ds.root)
    yield from rows
    if not rows.usable:
        broken.add(path.name)


def _csv_records(path: Path, required: tuple[str, ...], ds: Dataset, broken: set[str]) -> Iterator[Record]:
    for header, cells, line in _csv_rows(path, required, ds, broken):
        yield _row_record(header, cells, line)


def _row_record(header: list[str], cells: list[str], line: int) -> Record:
    return dict(zip(header, cells)), line, (lambda _k: line)


def _extra(record: dict[str, Any], known: tuple[str, ...]) -> Mapping[str, Any]:
    return {k: v for k, v in record.items() if k not in known} or NO_EXTRA


def _unique(seen: dict[str, int], value: str, fields: Fields, key: str, noun: str) -> bool:
    if not value:
        return False
    if value in seen:
        fields.problem(
            key,
            tr(
                "duplicate {noun} {value!r} (first defined at line {line})",
                noun=tr(noun),
                value=value,
                line=seen[value],
            ),
        )
        return False
    seen[value] = fields.line_of(None)
    return True


# --- companies.toml ------------------------------------------------------------------------

COMPANY_KEYS = ("ticker", "name", "fiscal_year_end")


def _load_companies(ds: Dataset, broken: set[str], cache: ParsedCache | None = None) -> None:
    path = data_file(ds.root, COMPANIES)
    seen: dict[str, int] = {}
    for table, line, line_of in _toml_records(path, "company", ds, broken, cache):
        f = Fields(table, ProblemLog(path, ds.problems), line_of, tr("company"))
        ticker = f.text("ticker")
        f.what = tr("company {ticker}", ticker=shown(ticker)) if ticker else tr("company")
        name = f.text("name")
        month = f.integer("fiscal_year_end", 1, 12)
        if _unique(seen, ticker, f, "ticker", N_("ticker")) and f.ok and month is not None:
            ds.companies[ticker] = Company(ticker, name, month, line, _extra(table, COMPANY_KEYS))
        elif ticker:
            broken.add(f"company:{ticker}")  # reported here: its references say so


# --- sources.toml and the documents ---------------------------------------------------------

SOURCE_KEYS = ("id", "title", "published", "language", "file", "url", "publisher", "kind")


def load_documents(root: Path | str, *, cache: bool = True) -> tuple[dict[str, Path], list]:
    """Just the local documents (id → path) and the problems of `sources.toml`: what search needs."""
    ds = Dataset(root=Path(root))
    _load_sources(ds, set(), ParsedCache.for_data(root) if cache else None, read_documents=False)
    return ds.documents(), ds.problems


def _load_sources(
    ds: Dataset,
    broken: set[str],
    cache: ParsedCache | None = None,
    read_documents: bool = True,
    stamps: list[tuple[str, Stamp]] | None = None,
) -> dict[str, str]:
    """Load sources; returns the normalised text of every readable local document.

    `stamps` gets each named document's stamp, taken before it is looked at (see `reuse`)."""
    path = data_file(ds.root, SOURCES)
    seen: dict[str, int] = {}
    texts: dict[str, str] = {}
    base_real: Path | None = None  # sources/ resolved, once per load
    for table, line, line_of in _toml_records(path, "source", ds, broken, cache):
        f = Fields(table, ProblemLog(path, ds.problems), line_of, tr("source"))
        sid = f.text("id")
        f.what = tr("source {id}", id=shown(sid)) if sid else tr("source")
        title = f.text("title")
        published = f.day("published")
        language = f.language("language")
        file, url = f.text("file", required=False), f.text("url", required=False)
        publisher, kind = f.text("publisher", required=False), f.text("kind", required=False)
        if not file and not url:
            f.problem(None, tr("{what}: needs 'file' (a document under sources/) or 'url'", what=f.what))
        if file and base_real is None:
            base_real = _resolved(documents_dir(ds.root))
        if file and stamps is not None:
            candidate = os.path.join(documents_dir(ds.root), file)
            stamps.append((candidate, stamp(candidate)))
        doc_path = _document_path(ds.root, file, f, base_real) if file else None
        if doc_path is not None and read_documents:
            text = read_text(doc_path, ProblemLog(doc_path, ds.problems), within=ds.root)
            if text is None:
                f.ok = False
            else:
                texts[sid] = normalise_newlines(text)
        if url and not re.match(r"^https?://\S+$", url):
            f.problem("url", tr("{what}: 'url' must be an http(s) address: {url}", what=f.what, url=shown(url)))
        if _unique(seen, sid, f, "id", N_("source id")) and f.ok and published is not None:
            ds.sources[sid] = Source(
                sid,
                title,
                published,
                language,
                doc_path,
                file or None,
                url or None,
                publisher,
                kind,
                line,
                _extra(table, SOURCE_KEYS),
            )
        else:
            broken.add(f"source:{sid}")  # reported here: its references say so
    return texts


# A bare file name: no separator, drive, NUL or other control character.
_PLAIN_NAME = re.compile(r"[^/\\:\x00-\x1f]+")


def _document_path(root: Path, file: str, f: Fields, base_real: Path | None = None) -> Path | None:
    """The document's path, refusing anything that could leave `data/sources/` (resolved: `base_real`)."""
    if base_real is not None and _PLAIN_NAME.fullmatch(file) and file not in (".", ".."):
        return _plain_document_path(documents_dir(root) / file, file, f)  # most files: a name in sources/
    if "\x00" in file:
        f.problem("file", tr("{what}: 'file' contains a NUL character: {file}", what=f.what, file=shown(file)))
        return None
    pure = PurePosixPath(file.replace("\\", "/"))
    if pure.is_absolute() or PureWindowsPath(file).drive or ".." in pure.parts:
        f.problem(
            "file",
            tr(
                "{what}: 'file' must be a relative path inside sources/ (no '..' or absolute path): {file}",
                what=f.what,
                file=shown(file),
            ),
        )
        return None
    base = documents_dir(root)
    candidate = base
    try:
        for part in pure.parts:
            candidate = candidate / part
            if candidate.is_symlink():
                f.problem("file", _symlink_message(f, file))
                return None
    except OSError as error:  # e.g. a name too long for the file system
        f.problem(
            "file",
            tr(
                "{what}: 'file' cannot be looked up ({error}): {file}",
                what=f.what,
                error=error.strerror or error,
                file=shown(file),
            ),
        )
        return None
    try:
        inside = candidate.resolve().is_relative_to(base_real or base.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        f.problem("file", tr("{what}: 'file' leaves sources/: {file}", what=f.what, file=shown(file)))
        return None
    try:
        mode = os.stat(candidate).st_mode
    except OSError:
        mode = 0
    return _regular_document(candidate, mode, pure.as_posix(), f)


def _plain_document_path(candidate: Path, file: str, f: Fields) -> Path | None:
    """`_document_path` for a bare file name, with one system call instead of a dozen.

    A name without separators that is not a symbolic link resolves inside sources/ by
    construction, so what is left to check is that it is a regular file.
    """
    try:
        mode = os.lstat(candidate).st_mode
    except OSError:
        mode = 0
    if stat.S_ISLNK(mode):
        f.problem("file", _symlink_message(f, file))
        return None
    return _regular_document(candidate, mode, file, f)


def _symlink_message(f: Fields, file: str) -> str:
    return tr(
        "{what}: 'file' goes through a symbolic link, which is not allowed: {file}", what=f.what, file=shown(file)
    )


def _regular_document(candidate: Path, mode: int, file: str, f: Fields) -> Path | None:
    """`candidate` if `mode` is a regular file's; a FIFO or device is never opened (it could block)."""
    if mode == 0:
        f.problem("file", tr("{what}: document not found: sources/{file}", what=f.what, file=shown(file)[1:-1]))
        return None
    if not stat.S_ISREG(mode):
        f.problem(
            "file",
            tr(
                "{what}: document sources/{file} is not a regular file (a folder, FIFO or device)",
                what=f.what,
                file=shown(file)[1:-1],
            ),
        )
        return None
    return candidate


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except OSError:
        return None


# --- quotes.toml ---------------------------------------------------------------------------

QUOTE_KEYS = ("id", "source", "text", "speaker", "company", "date", "topics", "stance", "translation", "answers")


def _load_quotes(ds: Dataset, broken: set[str], texts: dict[str, str], cache: ParsedCache | None = None) -> None:
    path = data_file(ds.root, QUOTES)
    seen: dict[str, int] = {}
    pending: list[tuple[Quote, Fields]] = []
    for table, line, line_of in _toml_records(path, "quote", ds, broken, cache):
        f = Fields(table, ProblemLog(path, ds.problems), line_of, tr("quote"))
        qid = f.text("id")
        f.what = tr("quote {id}", id=shown(qid)) if qid else tr("quote")
        source = f.text("source")
        raw_text = f.text("text")
        text = normalise_newlines(table["text"]) if raw_text else ""
        company = f.text("company", required=False)
        fields: dict[str, Any] = dict(
            id=qid,
            source=source,
            text=text,
            speaker=f.text("speaker", required=False),
            company=company,
            date=f.day("date", required=False),
            topics=f.string_list("topics"),
            stance=f.choice("stance", STANCES, required=False),
            translation=f.text("translation", required=False),
            answers=f.string_list("answers"),
            line=line,
            extra=_extra(table, QUOTE_KEYS),
        )
        problems_before = len(ds.problems)
        if company and _unknown_company(ds, broken, company):
            f.problem("company", _unknown_ticker(f.what, company, broken))
        place = _locate_quote(source, text, ds, broken, texts, f)
        unique = _unique(seen, qid, f, "id", N_("quote id"))
        if unique and f.ok and place is not None:
            offset, doc_line, doc_column = place
            pending.append((Quote(**fields, offset=offset, doc_line=doc_line, doc_column=doc_column), f))
        elif unique and place is None and len(ds.problems) == problems_before + 1 and source in texts:
            ds.broken_quotes[qid] = Quote(**fields)  # its only fault: not verbatim in its document
            broken.add(f"quote:{qid}")  # reported here: its references say so
        elif qid:
            broken.add(f"quote:{qid}")  # reported here: its references say so
    # `answers` may point forward, so resolve it once every quote is known.
    for quote, _f in pending:
        ds.quotes[quote.id] = quote
    for quote, f in pending:
        for other in quote.answers:
            if other not in ds.quotes and other not in seen:  # the quote is kept: a warning
                f.warn("answers", tr("{what}: 'answers' names unknown quote {id}", what=f.what, id=shown(other)))


def _locate_quote(
    source_id: str, text: str, ds: Dataset, broken: set[str], texts: dict[str, str], f: Fields
) -> tuple[int, int, int] | None:
    """The quote's verified (offset, line, column) in its document, or None with a problem."""
    if not source_id or not text:
        return None
    source = ds.sources.get(source_id)
    if source is None:
        f.problem("source", _unknown_source(f.what, source_id, broken))
        return None
    if source.path is None:
        f.problem(
            "source",
            tr("{what}: source {id!r} is external (url); quotes need a local document", what=f.what, id=source_id),
        )
        return None
    document = texts.get(source_id)
    if document is None:  # only when the document was not read (search's source list)
        f.ok = False
        return None
    offset = document.find(text)
    if offset < 0:
        squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 - a hint, not a match
        if squash(text) in squash(document):
            message = tr(
                "{what}: text is not verbatim in {file} (it differs only in whitespace)", what=f.what, file=source.file
            )
        else:
            message = tr("{what}: text is not verbatim in {file}", what=f.what, file=source.file)
        f.problem("text", message)
        return None
    line = document.count("\n", 0, offset) + 1
    column = offset - (document.rfind("\n", 0, offset) + 1) + 1
    return offset, line, column


# --- capex.csv -----------------------------------------------------------------------------


def _load_capex(ds: Dataset, broken: set[str]) -> None:
    # Imported here: `load_documents` (what search needs) imports this module without them.
    from workbench.core.data.capex_fast import CAPEX_KEYS, CAPEX_KINDS, PlainCapexRows
    from workbench.core.data.fiscal import nominal_period_end, parse_fiscal_period, period_end_matches
    from workbench.core.data.plausibility import check_capex

    path = data_file(ds.root, CAPEX)
    actuals: dict[tuple[str, str, str], int] = {}
    plain: PlainCapexRows | None = None
    for header, cells, line in _csv_rows(path, CAPEX_COLUMNS, ds, broken):
        if plain is None:
            plain = PlainCapexRows(header, ds, actuals)
        figure = plain.read(cells, line)
        if figure is not None:
            ds.capex.append(figure)
            continue
        row, line, line_of = _row_record(header, cells, line)
        f = Fields(row, ProblemLog(path, ds.problems), line_of, tr("capex"))
        ticker, period = f.text("ticker"), f.text("fiscal_period")
        f.what = tr("capex {ticker} {period}", ticker=_short(ticker) or "?", period=_short(period) or "?")
        period_end, kind, basis = f.day("period_end"), f.choice("kind", CAPEX_KINDS), f.text("basis")
        value, low, high = f.number("value_bn", False), f.number("low_bn", False), f.number("high_bn", False)
        said_on = f.day("said_on", required=(kind == "guidance"))
        source, quote = f.text("source"), f.text("quote", required=False)
        parsed = parse_fiscal_period(period) if period else None
        if period and parsed is None:
            f.problem("fiscal_period", tr("{what}: 'fiscal_period' must look like FY2024 or FY2024Q2", what=f.what))
        if f.ok and value is None and low is None and high is None:
            f.problem("value_bn", tr("{what}: needs 'value_bn', or 'low_bn' and/or 'high_bn'", what=f.what))
        if low is not None and high is not None and low > high:
            f.problem(
                "low_bn", tr("{what}: low_bn {low:g} is greater than high_bn {high:g}", what=f.what, low=low, high=high)
            )
        amounts = {"value_bn": value, "low_bn": low, "high_bn": high}
        negative = next((key for key, amount in amounts.items() if amount is not None and amount < 0), None)
        company = ds.companies.get(ticker)
        if ticker and _unknown_company(ds, broken, ticker):
            f.problem("ticker", _unknown_ticker(f.what, ticker, broken))
        if company and parsed and period_end and not period_end_matches(period_end, *parsed, company.fiscal_year_end):
            expected = nominal_period_end(*parsed, company.fiscal_year_end)
            f.problem(
                "period_end",
                tr(
                    "{what}: period_end {end} does not close {period} for {ticker} "
                    "(fiscal year ends in month {month}; expected about {expected})",
                    what=f.what,
                    end=period_end,
                    period=period,
                    ticker=ticker,
                    month=company.fiscal_year_end,
                    expected=expected,
                ),
            )
        _check_provenance(ds, broken, f, source, quote)
        if f.ok and kind == "actual":
            key = (ticker, period, basis)
            if key in actuals:
                f.problem(
                    None,
                    tr(
                        "{what}: duplicate actual on basis {basis!r} (first at line {line})",
                        what=f.what,
                        basis=basis,
                        line=actuals[key],
                    ),
                )
            actuals[key] = line
        if f.ok and period_end is not None:
            if negative:
                f.warn(
                    negative,
                    tr(
                        "{what}: negative spend ({column} {value:g}): capex is an outflow written as a positive "
                        "number; is the sign flipped?",
                        what=f.what,
                        column=negative,
                        value=amounts[negative],
                    ),
                )
            ds.capex.append(
                CapexFigure(
                    ticker,
                    period,
                    period_end,
                    kind,
                    value,
                    low,
                    high,
                    basis,
                    source,
                    said_on,
                    quote,
                    f.text("note", required=False),
                    line,
                    _extra(row, CAPEX_KEYS),
                )
            )
    check_capex(ds.capex, ProblemLog(path, ds.problems))


def _short(text: str, limit: int = 40) -> str:
    """A name for a message, cut to `limit` characters."""
    return text if len(text) <= limit else text[:limit] + "…"


# A reference to a company, source or quote that is not loaded is an error for the record that
# makes it, whatever the reason: the file is missing, unreadable or empty, or the entry itself has
# a problem. The message says which, so one broken file explains the errors that follow from it.
_FILE_OF = {"company": COMPANIES, "source": SOURCES, "quote": QUOTES}


def _why(broken: set[str], kind: str, key: str) -> str:
    """Why a reference to `kind` `key` does not resolve, as a message suffix ("" when simply unknown)."""
    file = _FILE_OF[kind]
    if f"{kind}:{key}" in broken:
        return tr(" (its entry in {file} has a problem)", file=file)
    if file in broken:
        return tr(" ({file} could not be read)", file=file)
    if f"{file}:empty" in broken:
        return tr(" ({file} has no [[{kind}]] tables)", file=file, kind=kind)
    return ""


def _unknown_ticker(what: str, ticker: str, broken: set[str]) -> str:
    return tr(
        "{what}: unknown company ticker {ticker}{why}",
        what=what,
        ticker=shown(ticker),
        why=_why(broken, "company", ticker),
    )


def _unknown_source(what: str, source: str, broken: set[str]) -> str:
    return tr("{what}: unknown source {id}{why}", what=what, id=shown(source), why=_why(broken, "source", source))


def _load_financials(ds: Dataset, broken: set[str]) -> None:
    """`financials.csv` (optional: a data directory kept before it existed has none)."""
    from workbench.core.data.financials_csv import FINANCIAL_COLUMNS, FinancialRows, check_financials

    path = data_file(ds.root, FINANCIALS)
    if not path.exists():
        return
    rows = FinancialRows(
        path,
        ds,
        lambda t: (
            tr("unknown company ticker {ticker}{why}", ticker=shown(t), why=_why(broken, "company", t))
            if _unknown_company(ds, broken, t)
            else None
        ),
        lambda f, s, q: _check_provenance(ds, broken, f, s, q),
    )
    for header, cells, line in _csv_rows(path, FINANCIAL_COLUMNS, ds, broken):
        rows.read_cells(header, cells, line)
    check_financials(ds.financials, ProblemLog(path, ds.problems))


def _unknown_company(ds: Dataset, broken: set[str], ticker: str) -> bool:
    """True if `ticker` is not a loaded company (`_why` says why, for the message)."""
    return ticker not in ds.companies


def _check_provenance(ds: Dataset, broken: set[str], f: Fields, source: str, quote: str) -> None:
    """A figure's source must exist; a figure from a local document should name its verified quote."""
    known = ds.sources.get(source)
    if source and known is None:
        f.problem("source", _unknown_source(f.what, source, broken))
    if quote:
        q = ds.quotes.get(quote)
        if q is None:
            f.problem(
                "quote",
                tr(
                    "{what}: unknown or unverified quote {id}{why}",
                    what=f.what,
                    id=shown(quote),
                    why=_why(broken, "quote", quote),
                ),
            )
        elif source and q.source != source:
            f.problem(
                "quote",
                tr(
                    "{what}: quote {id} is from source {source!r}, not {named}",
                    what=f.what,
                    id=shown(quote),
                    source=q.source,
                    named=shown(source),
                ),
            )
    elif known is not None and known.is_local:  # kept: the figure is traceable to its document, not its passage
        f.warn(
            "quote",
            tr("{what}: a figure from document {id} names no 'quote' to open it at", what=f.what, id=shown(source)),
        )


# --- deals.csv -----------------------------------------------------------------------------

DEAL_KEYS = (*DEAL_COLUMNS, "provider", "years", "status", "quote", "note")


def _load_deals(ds: Dataset, broken: set[str]) -> None:
    path = data_file(ds.root, DEALS)
    for row, line, line_of in _csv_records(path, DEAL_COLUMNS, ds, broken):
        f = Fields(row, ProblemLog(path, ds.problems), line_of, tr("deal"))
        investor, counterparty = f.text("investor"), f.text("counterparty")
        f.what = tr(
            "deal {investor} → {counterparty}",
            investor=_short(investor) or "?",
            counterparty=_short(counterparty) or "?",
        )
        kind = f.text("kind")
        amount = f.number("amount_bn", required=False)  # empty = undisclosed, never zero
        if amount is not None and amount < 0:
            f.problem("amount_bn", tr("{what}: amount_bn must not be negative", what=f.what))
        announced = f.day("announced", partial=True)
        years = f.number("years", required=False)
        source, quote = f.text("source"), f.text("quote", required=False)
        _check_provenance(ds, broken, f, source, quote)
        if f.ok and announced is not None:
            ds.deals.append(
                Deal(
                    investor,
                    counterparty,
                    kind,
                    amount,
                    announced,
                    source,
                    f.text("provider", required=False),
                    years,
                    f.text("status", required=False),
                    quote,
                    f.text("note", required=False),
                    line,
                    _extra(row, DEAL_KEYS),
                )
            )
    from workbench.core.deals.ledger import build_ledger  # counted_in links, kinds and currencies are checked there

    # The ledger keeps every deal it remarks on (shown as other, or counted in another): warnings.
    ds.problems.extend(p.as_warning() for p in build_ledger(ds.deals, ds.companies.values(), path).problems)


# --- scenarios/*.toml ----------------------------------------------------------------------


def _load_scenarios(ds: Dataset, broken: set[str]) -> None:
    folder = scenarios_dir(ds.root)
    if not folder.is_dir():
        return
    from workbench.core.scenarios import files as scenarios

    for path in sorted(folder.glob("*.toml")):
        scenario = scenarios.load_scenario(path, ds.problems)
        if scenario is None:
            continue
        # The scenario is the user's work and is kept either way: its references are warnings.
        log = ProblemLog(path, ds.problems)
        if scenario.company and _unknown_company(ds, broken, scenario.company):
            why = _why(broken, "company", scenario.company)
            log.warn(
                scenario.line_of("company"),
                tr(
                    "scenario {id}: unknown company ticker {ticker}{why}",
                    id=shown(scenario.id),
                    ticker=shown(scenario.company),
                    why=why,
                ),
            )
        for qid in scenario.quotes:
            if qid not in ds.quotes:
                why = _why(broken, "quote", qid)
                log.warn(
                    scenario.line_of("quotes"),
                    tr("scenario {id}: unknown quote {quote}{why}", id=shown(scenario.id), quote=shown(qid), why=why),
                )
        for (case, key), ids in scenario.sources.items():  # [scenario.sources]: the quotes behind inputs
            for qid in ids:
                if qid not in ds.quotes:
                    why = _why(broken, "quote", qid)
                    line = scenario.lines.get(f"sources.{case}.{key}", scenario.line)
                    if case == "base":
                        message = tr(
                            "scenario {id}: sources.{key}: unknown quote {quote}{why}",
                            id=shown(scenario.id),
                            key=key,
                            quote=shown(qid),
                            why=why,
                        )
                    else:
                        message = tr(
                            "scenario {id}, case {case}: sources.{key}: unknown quote {quote}{why}",
                            id=shown(scenario.id),
                            case=shown(case),
                            key=key,
                            quote=shown(qid),
                            why=why,
                        )
                    log.warn(line, message)
        ds.scenarios[scenario.id] = scenario
