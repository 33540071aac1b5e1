"""The change check: has any file the data contract names changed since it was read?

Only the contract's files are looked at — companies.toml, sources.toml, quotes.toml, capex.csv,
financials.csv, deals.csv, scenarios/*.toml and the documents sources.toml names — plus the
folders they live in (a folder's timestamp moves when an entry is added, removed or renamed,
so a file that appears is noticed too). Nothing else under the data directory is ever walked:
`--data /` costs the same few stat calls as the bundled data.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .layout import DATA_FILES, data_file, documents_dir, scenarios_dir

# (path, size, modification time in ns); (path, -1, -1) for a file that is not there.
Stamp = tuple[str, int, int]
MISSING = (-1, -1)


def _stamp(path: Path | str) -> Stamp:
    try:
        info = os.stat(path)  # follows a symbolic link, as reading the file does
    except (OSError, ValueError):  # ValueError: a NUL in a name from sources.toml
        return (str(path), *MISSING)
    return (str(path), info.st_size, info.st_mtime_ns)


def _scenario_files(folder: Path) -> list[str]:
    """scenarios/*.toml: one folder listed, never walked into."""
    try:
        with os.scandir(folder) as entries:
            return sorted(e.path for e in entries if e.name.endswith(".toml"))
    except OSError:
        return []


def data_fingerprint(root: Path | str, documents: Iterable[Path | str] = ()) -> tuple[Stamp, ...]:
    """Stamps of the contract's files under `root` and of `documents` (the local documents that
    sources.toml names, as last loaded): equal fingerprints mean nothing the loader reads changed."""
    root = Path(root)
    folders = {root, scenarios_dir(root), documents_dir(root)}
    paths: list[Path | str] = [data_file(root, name) for name in DATA_FILES]
    paths += _scenario_files(scenarios_dir(root))
    for document in documents:
        paths.append(document)
        folders.add(Path(document).parent)
    return tuple(_stamp(path) for path in [*sorted(folders), *paths])
