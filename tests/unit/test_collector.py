"""Holding the cyclic collector off: holds nest, across threads, and only the last one ends it."""

from __future__ import annotations

import gc
import threading

import pytest

from workbench.core import collector


@pytest.fixture(autouse=True)
def _collector_enabled():
    gc.enable()
    yield
    assert collector.held_count() == 0
    gc.enable()


def test_the_collector_runs_again_only_once_every_hold_has_ended():
    collector.hold()
    with collector.held():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the outer hold is still in force
    collector.release()
    assert gc.isenabled()


def test_a_hold_from_another_thread_keeps_the_collector_off_after_this_one_ends():
    inner_held, outer_released = threading.Event(), threading.Event()
    seen = []

    def loading():
        with collector.held():
            inner_held.set()
            outer_released.wait(5)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=loading)
    collector.hold()
    thread.start()
    inner_held.wait(5)
    collector.release()
    outer_released.set()
    thread.join(5)
    assert seen == [False] and gc.isenabled()


def test_a_collector_disabled_before_the_first_hold_stays_disabled():
    gc.disable()
    with collector.held():
        pass
    assert not gc.isenabled()


def test_a_release_without_a_hold_is_an_error():
    with pytest.raises(RuntimeError):
        collector.release()


def test_the_collector_is_enabled_again_when_the_block_raises():
    with pytest.raises(ValueError), collector.held():
        raise ValueError
    assert gc.isenabled()
