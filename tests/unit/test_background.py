"""Background work gives way while the user is busy, and gives the same answers paced."""

from __future__ import annotations

import threading
import time

import pytest

from workbench.core import background
from workbench.core.data.loader import load_dataset
from workbench.core.payback.metrics import books
from workbench.core.quotes import queries


@pytest.fixture(autouse=True)
def _not_busy():
    background.user_waits_for_background()
    yield
    background.user_waits_for_background()


def _timed_give_way() -> float:
    start = time.monotonic()
    background.give_way()
    return time.monotonic() - start


def test_background_work_waits_while_the_user_is_busy_and_only_then():
    assert _timed_give_way() < 0.01
    background.user_busy(0.15)
    assert 0.12 <= _timed_give_way() < 0.5
    assert _timed_give_way() < 0.01


def test_a_screen_being_opened_lets_the_work_it_may_need_go_on_at_once():
    background.user_busy(5)
    done = threading.Event()

    def work():
        background.give_way()
        done.set()

    thread = threading.Thread(target=work)
    thread.start()
    time.sleep(0.05)
    assert not done.is_set()  # giving way
    background.user_waits_for_background()
    assert done.wait(1)  # the sleep it was in ends on time (at most `user_busy`'s end otherwise)
    thread.join(1)


def test_work_never_waits_longer_than_the_most_in_one_call(monkeypatch):
    monkeypatch.setattr(background, "MOST_S", 0.1)
    background.user_busy(60)
    assert 0.08 <= _timed_give_way() < 0.5


def test_paced_work_gives_the_same_answer_and_is_paced(bundled_copy):
    ds = load_dataset(bundled_copy)
    paced: list[str] = []

    def contents(grouped):
        return {ticker: (book.fiscal_year_end, book.rows, book.ends) for ticker, book in grouped.items()}

    assert contents(books(ds, pace=lambda: paced.append("book"))) == contents(books(ds))
    assert contents(books(ds, ["MSFT"], pace=lambda: None)) == contents(books(ds, ["MSFT"]))
    queries._last_haystacks = None
    hay = queries.haystacks(ds, pace=lambda: paced.append("hay"))
    queries._last_haystacks = None
    assert hay == queries.haystacks(ds)
    assert "book" in paced and "hay" in paced
