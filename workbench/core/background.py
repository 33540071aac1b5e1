"""Background threads give way while the user waits on the interface.

CPython runs one thread's Python code at a time, handing over every 5 ms: a thread at work
(folding 20,000 quotes for the filter, grouping a large dataset's figures for Payback) made each
step of the interface's work about twice as long while it ran. Work that the user is not waiting
for calls `give_way()` between its pieces: while the interface says the user is busy
(`user_busy`), it sleeps, and the interface has the interpreter to itself.
"""

from __future__ import annotations

import time

MOST_S = 2.0  # a thread never waits longer than this in one call, however busy the user stays
GLANCE_S = 0.02  # how often a thread giving way looks whether the interface now waits for it
_busy_until = 0.0


def user_busy(seconds: float) -> None:
    """The user waits on the interface for the next `seconds` (a key was pressed)."""
    global _busy_until
    _busy_until = max(_busy_until, time.monotonic() + seconds)


def user_waits_for_background() -> None:
    """The interface waits for background work now (a screen being opened may need it): nothing
    gives way until the user is next busy."""
    global _busy_until
    _busy_until = 0.0


def give_way() -> None:
    """Between pieces of background work: sleep while the user is busy (MOST_S at most)."""
    if _busy_until <= time.monotonic():
        return
    until = time.monotonic() + MOST_S
    while (now := time.monotonic()) < min(_busy_until, until):
        time.sleep(min(_busy_until, until, now + GLANCE_S) - now)
