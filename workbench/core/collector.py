"""When Python's cyclic garbage collector may run: held off while something would wait for it.

A collection runs wherever enough objects happen to have been made, taking 7–35 ms once many
objects are alive; landing in work the user waits for (a screen being opened, a large load),
it adds that to the wait. Holding it off defers it: it runs with the first allocations once the
last hold is released. Holds nest and may come from several threads (the loading thread holds it
while the user's keys do too); the collector is enabled again only when the last one ends, and
only if it was enabled when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holds = 0
_enabled_before = True


def hold() -> None:
    """Hold the collector off until a matching `release`."""
    global _holds, _enabled_before
    with _lock:
        if _holds == 0:
            _enabled_before = gc.isenabled()
            gc.disable()
        _holds += 1


def release() -> None:
    """End a `hold`; the last one lets the collector run again (if it ran before)."""
    global _holds
    with _lock:
        if _holds == 0:
            raise RuntimeError("the collector was released more often than held")
        _holds -= 1
        if _holds == 0 and _enabled_before:
            gc.enable()


def held_count() -> int:
    """How many holds are in force."""
    return _holds


@contextmanager
def held() -> Iterator[None]:
    """The collector held off for the duration of the block."""
    hold()
    try:
        yield
    finally:
        release()
