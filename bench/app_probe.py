"""Headless measurements of the workbench app on one data directory, printed as JSON.

    .venv/bin/python bench/app_probe.py DATA_DIR [--runs N] [--terms T ...] [--no-search]

Runs the real `WorkbenchApp` under `App.run_test` (no terminal) and measures:

* loading: seconds until the dataset arrives and until the Capex list shows it, and the longest
  the event loop went without a turn meanwhile (a 5 ms timer that notes how late each tick is),
  split into while the data is read (the loader's thread) and while the Capex screen fills in;
* the Capex list: sorting (s, S) and moving (j, PgDn, G, g) with the cursor, each from the key
  press until the screen has been redrawn;
* screens 1–5: each opened once, with the longest stall while it opens;
* in-app search: the function the search dialog calls (index when ready, else a scan), per term,
  and a whole dialog search (Enter, until the status line reports the hits);
* peak memory of this process (ru_maxrss), and at the tour's end (the app still running) its own memory beside the files mapped in.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.ui.app import WorkbenchApp

TICK_S = 0.005


class StallMeter:
    """Notes the longest gap between ticks of a fast timer: how long the UI could not respond."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last - TICK_S)
        self._last = now

    def reset(self) -> float:
        longest, self.longest, self._last = self.longest, 0.0, time.perf_counter()
        return longest


async def until(predicate, timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.002)


def _ms(seconds: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(seconds) * 1000, 2), "max_ms": round(max(seconds) * 1000, 2)}


class KeyTimer:
    """Times a key from its arrival to the first screen update that shows what it did."""

    def __init__(self, app) -> None:
        self.app = app
        self.displays: list[float] = []
        self._watched = None  # the state a key is expected to change, noted at every update
        self._shown: list[tuple[float, object]] = []
        original = app._display

        def display(screen, renderable) -> None:
            now = time.perf_counter()
            self.displays.append(now)
            if self._watched is not None:
                self._shown.append((now, self._watched()))
            original(screen, renderable)

        app._display = display  # the instance attribute shadows the method: every update is noted

    async def press(self, key: str, state) -> float:
        """Seconds from sending `key` until the first update drawn after `state()` changed."""
        from textual import events

        before = state()
        self._watched, self._shown = state, []
        start = time.perf_counter()
        self.app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
        try:
            await until(lambda: any(shown != before for _, shown in self._shown), timeout=30)
        finally:
            self._watched = None
        return next(when for when, shown in self._shown if shown != before) - start


async def _list_keys(timer: KeyTimer, company_list, runs: int) -> dict:
    """Sorting and moving in the Capex list, each key timed to the update that shows it."""

    def state():
        return (getattr(company_list, "sort_key", None), getattr(company_list, "descending", None), company_list.cursor)

    last = company_list.row_count - 1

    def at_end() -> bool:
        return company_list.cursor == last

    async def key_for(name: str) -> str:
        if name in ("down (j)", "page down") and at_end():
            await timer.press("g", state)  # back to the top first (not timed)
        return {
            "sort (s)": "s",
            "flip order (S)": "S",
            "down (j)": "j",
            "page down": "pagedown",
            "last / first (G, g)": "g" if at_end() else "G",
        }[name]

    out = {}
    for name in ("sort (s)", "flip order (S)", "down (j)", "page down", "last / first (G, g)"):
        times = []
        for _ in range(runs):
            times.append(await timer.press(await key_for(name), state))
            await asyncio.sleep(0.05)
        out[name] = _ms(times)
    return out


def _note_whole_index() -> list[float]:
    """When the Capex screen takes the index of the whole dataset (not of a preview)."""
    from workbench.ui.screens.capex import CapexScreen

    noted: list[float] = []
    original = CapexScreen._index_ready

    async def index_ready(screen, dataset, index, rows) -> None:
        await original(screen, dataset, index, rows)
        if dataset is screen.app.dataset and screen.index is index and not noted:
            noted.append(time.perf_counter())

    CapexScreen._index_ready = index_ready
    return noted


async def probe(data: Path, runs: int, terms: list[str], search: bool, results: dict) -> dict:
    """Fill `results` as the measurements come (so a failure still reports what went before)."""
    app = WorkbenchApp(data, watch_files=False, restore=False)
    whole_index = _note_whole_index()
    meter = StallMeter()
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        timer = KeyTimer(app)
        app.set_interval(TICK_S, meter.tick)
        await until(lambda: bool(timer.displays))
        results["first_frame_s"] = round(timer.displays[0] - started, 3)
        meter.reset()  # what follows the first frame is loading
        # A large directory's Capex list is shown from a preview before the dataset is whole.
        while app.dataset is None:
            if "capex_list_first_shown_s" not in results and getattr(app.screen, "index", None) is not None:
                results["capex_list_first_shown_s"] = round(time.perf_counter() - started, 3)
            await asyncio.sleep(0.002)
        results["dataset_arrives_s"] = round(time.perf_counter() - started, 3)
        results["longest_stall_reading_ms"] = round(meter.reset() * 1000, 1)  # the loader's thread at work
        # The first screen update after the Capex screen has the whole dataset's figures. (Not
        # `pilot.pause()`: it waits until the process is idle, up to a second more while the other
        # screens are built ahead.)
        await until(lambda: bool(whole_index))
        await until(lambda: any(when > whole_index[0] for when in timer.displays))
        shown = next(when for when in timer.displays if when > whole_index[0])
        results["capex_list_shown_s"] = round(shown - started, 3)
        results.setdefault("capex_list_first_shown_s", results["capex_list_shown_s"])
        await asyncio.sleep(0.3)  # what follows the list (the detail panes) belongs to loading too
        results["longest_stall_filling_ms"] = round(meter.reset() * 1000, 1)  # the Capex screen's own work
        results["longest_stall_while_loading_ms"] = max(
            results["longest_stall_reading_ms"], results["longest_stall_filling_ms"]
        )
        results["problems"] = len(app.dataset.problems)

        screen = app.screen
        from workbench.ui.widgets.capex_list import CompanyList

        company_list = screen.query_one(CompanyList)
        company_list.focus()
        await pilot.pause()
        results["capex_list_rows"] = company_list.row_count
        results["capex_figures"] = len(app.dataset.capex)
        meter.reset()
        results["capex_list_keys"] = await _list_keys(timer, company_list, runs)
        results["capex_list_longest_stall_ms"] = round(meter.reset() * 1000, 1)

        opened = {}
        for key, mode in (("2", "quotes"), ("3", "scenarios"), ("4", "deals"), ("5", "payback"), ("1", "capex")):
            meter.reset()
            start = time.perf_counter()
            await pilot.press(key)
            await until(lambda mode=mode: app.current_mode == mode)
            await pilot.pause()
            await asyncio.sleep(0.5)
            opened[mode] = {
                "shown_s": round(time.perf_counter() - start - 0.5, 3),
                "longest_stall_ms": round(meter.reset() * 1000, 1),
            }
        results["screens"] = opened

        if search:
            results["search"] = await _search(app, pilot, meter, timer, terms, runs)
        results["rss_at_end_mb"] = _rss_parts()  # the app still running, its index open
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return results


def _rss_parts() -> dict[str, float]:
    """Resident memory now: the process's own (anonymous) and files mapped into it (the
    interpreter and libraries; a memory-mapped search index's pages would count here)."""
    status = Path("/proc/self/status").read_text()
    found = {key: int(status.split(key + ":")[1].split()[0]) / 1024 for key in ("RssAnon", "RssFile")}
    return {"own_mb": round(found["RssAnon"], 1), "mapped_files_mb": round(found["RssFile"], 1)}


async def _search(app, pilot, meter: StallMeter, timer: KeyTimer, terms: list[str], runs: int) -> dict:
    from workbench.ui.dialogs.search import SearchDialog

    await pilot.press("2")
    await until(lambda: app.current_mode == "quotes")
    quotes = app.screen
    start = time.perf_counter()
    await until(lambda: quotes._index is not None, timeout=600)  # the index, synced in a worker
    out: dict = {"index_ready_s": round(time.perf_counter() - start, 3), "terms": {}}
    loop = asyncio.get_running_loop()
    for term in terms:
        times, hits = [], 0
        for _ in range(runs):
            t0 = time.perf_counter()
            hits = len(await loop.run_in_executor(None, quotes._search, term, SearchDialog.LIMIT + 1))
            times.append(time.perf_counter() - t0)
        out["terms"][term] = {**_ms(times), "hits": hits}
    # A whole dialog search: the term typed, Enter, until its hits are on the screen.
    from textual.widgets import Input

    term = terms[0]
    meter.reset()
    times = []
    for _ in range(runs):
        await pilot.press("slash")
        await until(lambda: isinstance(app.screen, SearchDialog))
        dialog = app.screen
        dialog.query_one(Input).value = term
        times.append(await timer.press("enter", lambda dialog=dialog: dialog._shown_term))
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, SearchDialog))
    out["dialog_enter_to_hits"] = {**_ms(times), "term": term}
    out["longest_stall_ms"] = round(meter.reset() * 1000, 1)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--terms", nargs="*", default=["算力", "capex", "鲸", "资本支出"])
    parser.add_argument("--no-search", dest="search", action="store_false")
    args = parser.parse_args()
    results: dict = {}
    try:
        asyncio.run(probe(args.data.resolve(), args.runs, args.terms, args.search, results))
    except Exception as error:
        results["error"] = f"{type(error).__name__}: {error}".strip()
    print(json.dumps(results, ensure_ascii=False))
    return 1 if "error" in results else 0


if __name__ == "__main__":
    sys.exit(main())
