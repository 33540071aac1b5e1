"""The navigation history: back and forward as in a browser."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.ui.history import History, Place


def place(mode: str, ticker: str = "", **extra) -> Place:
    return Place(mode, {"ticker": ticker, **extra})


def test_back_returns_the_place_left_and_forward_undoes_it():
    history = History()
    meta = place("capex", "META", tab="tab-periods")
    history.leave(meta)  # palette → MSFT
    msft = place("capex", "MSFT")
    assert history.back(msft) == meta
    assert history.back(meta) is None  # nothing further back
    assert history.forward(meta) == msft
    assert history.forward(msft) is None


def test_going_somewhere_new_clears_the_way_forward():
    history = History()
    history.leave(place("capex", "META"))
    assert history.back(place("quotes", q="q1")) is not None
    history.leave(place("capex", "META"))
    assert not history.can_forward


def test_the_same_place_twice_is_kept_once_with_its_latest_scroll():
    history = History()
    history.leave(place("capex", "META", scroll=[0, 0]))
    history.leave(place("capex", "META", scroll=[0, 7]))
    assert len(history.back_stack) == 1
    assert history.back(place("deals")).state["scroll"] == [0, 7]


def test_a_recorded_place_the_user_is_already_at_is_skipped():
    history = History()
    history.leave(place("capex", "AMZN"))
    history.leave(place("capex", "META"))
    # The user walked back to META by hand: Back goes to AMZN, not to META again.
    assert history.back(place("capex", "META")) == place("capex", "AMZN")


def test_the_stacks_are_bounded():
    history = History(limit=3)
    for n in range(10):
        history.leave(place("capex", str(n)))
    assert [p.state["ticker"] for p in history.back_stack] == ["7", "8", "9"]


@given(st.lists(st.tuples(st.sampled_from(["leave", "back", "forward"]), st.integers(0, 4))))
def test_back_then_forward_returns_to_where_the_user_was(steps):
    """Whatever was done before, Back then Forward lands on the place Back was pressed at."""
    history = History()
    here = place("capex", "start")
    for action, n in steps:
        target = place("capex", str(n))
        if action == "leave":
            history.leave(here)
            here = target
        else:
            went = history.back(here) if action == "back" else history.forward(here)
            here = went or here
    went_back = history.back(here)
    if went_back is not None:
        assert history.forward(went_back) == here
