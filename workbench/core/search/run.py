"""Which way a search goes: the index when it is up to date, else a scan (and the index built later).

`search_documents` is the one-shot search of the command line; the app asks `default_cache_dir`
where a data directory's index lives. The index (`index.py`, sqlite3) is imported only here and only
when a search runs, so neither module imports the other's caller.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from workbench.core.files.cache import data_cache_dir
from workbench.core.search.scan import Hit, scan_documents

# A one-shot search brings the index up to date itself only when that means reading this
# much text at most (a few edited documents); more, and it scans instead (well under a
# second for 90 MB) and leaves the indexing to a background process.
INLINE_SYNC_BYTES = 2_000_000


def default_cache_dir(data_dir: Path | str) -> Path:
    """Where the index for `data_dir` lives: one directory per absolute data dir.

    Base: $WORKBENCH_CACHE_DIR, else $XDG_CACHE_HOME/ai-capex-workbench, else
    ~/.cache/ai-capex-workbench. Never inside data/, which users keep in git.
    """
    return data_cache_dir(data_dir, "search")


def search_documents(
    documents: Mapping[str, Path],
    term: str,
    cache_dir: Path | None = None,
    use_index: bool = True,
    *,
    data_dir: Path | None = None,
    limit: int | None = None,
    background: bool = True,
) -> list[Hit]:
    """One-shot search, as the CLI needs it: the same hits as `scan_documents`, quickly.

    When the cached index is up to date, or a few small edits away from it, it answers.
    Otherwise (the first search of a large library, or many changed documents) the files
    are scanned, which takes well under a second even for thousands of documents, and —
    with `background` — a detached process brings the index up to date for next time,
    instead of making this search wait for it (about a minute for 90 MB).

    The cache defaults to `default_cache_dir(data_dir)`; without a `data_dir`, the
    documents' common folder stands in for it.
    """
    if not use_index or not documents:
        return scan_documents(documents, term, limit)
    if cache_dir is None:
        if data_dir is None:
            folders = [str(Path(p).resolve().parent) for p in documents.values()]
            try:
                data_dir = Path(os.path.commonpath(folders))
            except ValueError:  # documents on different drives
                data_dir = Path(folders[0])
        cache_dir = default_cache_dir(data_dir)
    from workbench.core.search.index import SearchIndex, index_in_background, signatures

    with SearchIndex(cache_dir) as index:
        wanted = signatures(documents)  # one stat per document, for both the check and the sync
        if index.outdated_bytes(documents, wanted) <= INLINE_SYNC_BYTES:
            index.sync(documents, wanted)
            if index.usable:
                return index.search(term, limit)
        available = index.available
    hits = scan_documents(documents, term, limit)
    if background and available:
        index_in_background(cache_dir, documents)
    return hits
