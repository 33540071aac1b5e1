"""What a reload keeps: each loading step's records, for as long as the files it read are unchanged.

A reload of a large directory after one file changed used to read and build everything again:
two whole datasets alive at once, and the allocator kept the difference (memory grew with every
reload). Now each step of the loader (companies, sources with their documents, quotes, capex,
financials, deals) is remembered with a key (the stamps of the files it read and the language
its problems are worded in). A step whose key is unchanged, and whose upstream steps were taken
over too, hands over its records and problems as they are; only changed steps, and the steps
that depend on them, run again.

A stamp is taken before the file is read and holds what any write changes: size, modification
and status-change times (the latter cannot be set back by tools like `touch`), inode, device and
the resolved path (a symbolic link pointed elsewhere). A file written while it is being read
stamps differently next time, so it is read again then.

File times tick coarsely (a few milliseconds on Linux), so two writes close together can leave
the same times. A file written less than `RECENT_NS` before its stamp is therefore never taken
over: it could still change within the same tick.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.data.problems import Problem

Stamp = Hashable
RECENT_NS = 100_000_000


class _Unknown:
    """The stamp of a file whose status could not be read: equal to nothing, so never reused."""

    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return id(self)


def stamp(path: Path | str) -> Stamp:
    """What any change to the file at `path` changes (see the module's notes)."""
    try:
        info = os.stat(path)
        real = os.path.realpath(path)
    except FileNotFoundError:
        return ("missing", os.fspath(path))
    except (OSError, ValueError):  # ValueError: a NUL in a name from sources.toml
        return _Unknown()
    if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < RECENT_NS:
        return _Unknown()
    return (real, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


@dataclass
class Step:
    """One loading step's result: the dataset attributes it filled, its problems and broken names."""

    key: Hashable
    values: dict[str, Any]
    problems: list[Problem]
    broken: set[str]
    # The sources step: every document file sources.toml names, each with its stamp.
    documents: list[tuple[str, Stamp]] = field(default_factory=list)
    # A step whose rows cite quotes: the ids it looked up, and what it found for them (see
    # `loader._citing_step`): if quotes.toml changed but reads the same for those ids, it is taken.
    cited: tuple[frozenset[str], Hashable] | None = None


class Steps:
    """The steps of one load, given those of the load before (`earlier`, empty on a first load)."""

    def __init__(self, earlier: dict[str, Step]) -> None:
        self.earlier = earlier
        self.now: dict[str, Step] = {}

    def run(
        self,
        ds: Any,
        broken: set[str],
        name: str,
        key: Hashable,
        attributes: tuple[str, ...],
        step: Callable[[], Any],
        *,
        upstream_reused: bool = True,
        documents: list[tuple[str, Stamp]] | None = None,
    ) -> tuple[bool, Any]:
        """(reused, what `step` returned).

        The earlier result of step `name` is taken if the steps it depends on were taken too
        (`upstream_reused`), its `key` is unchanged and every document it read stamps as then.
        Else `step()` runs and is remembered, with the `documents` list it fills as it reads.
        """
        old = self.earlier.get(name)
        if (
            upstream_reused
            and old is not None
            and old.key == key
            and all(stamp(path) == was for path, was in old.documents)
        ):
            for attribute in attributes:
                setattr(ds, attribute, old.values[attribute])
            ds.problems.extend(old.problems)
            broken.update(old.broken)
            self.now[name] = old
            return True, None
        problems_before, broken_before = len(ds.problems), set(broken)
        result = step()
        self.now[name] = Step(
            key,
            {attribute: getattr(ds, attribute) for attribute in attributes},
            ds.problems[problems_before:],
            broken - broken_before,
            documents if documents is not None else [],
        )
        return False, result
