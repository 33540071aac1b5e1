"""Memory over repeated reloads of one data directory, printed as JSON.

    .venv/bin/python bench/reload_memory.py DATA_DIR [--reloads 20] [--touch capex.csv]

Runs the real `WorkbenchApp` headless (App.run_test), opens every screen (1–5) so each holds
the dataset, then reloads the data (what Ctrl+R and a changed file do) `--reloads` times. After
each load it waits for the screens to settle and notes the process's resident memory (VmRSS)
and the blocks Python has allocated (sys.getallocatedblocks: live objects, whatever the C
allocator keeps). A reload that keeps anything of the dataset it replaced grows both by a
whole dataset each time; the target is the last load within 10% of the first.

A reload reads again only the files that changed (and what depends on them): with `--touch
NAME`, that data file's modification time is moved before every reload, as an edit would.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.ui.app import WorkbenchApp

SETTLE_S = 1.5  # after a load: the screens build their indexes and panes in workers


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def _loaded(app: WorkbenchApp, before: int, timeout: float = 300.0) -> None:
    """Until a dataset other than the one with id `before` is in place and the workers are done."""
    deadline = time.perf_counter() + timeout
    while app.dataset is None or id(app.dataset) == before:
        if time.perf_counter() > deadline:
            raise TimeoutError("the data did not load")
        await asyncio.sleep(0.02)
    await app.workers.wait_for_complete()
    await asyncio.sleep(SETTLE_S)
    await app.workers.wait_for_complete()


async def measure(data: Path, reloads: int, results: dict, touch: str | None = None) -> None:
    app = WorkbenchApp(data, watch_files=False, restore=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _loaded(app, id(None))
        for key in "23451":  # every screen opened, so each holds the dataset
            await pilot.press(key)
            await asyncio.sleep(SETTLE_S)
        await app.workers.wait_for_complete()
        results["loads"] = [{"rss_mb": round(rss_mb(), 1), "blocks": sys.getallocatedblocks()}]
        for _ in range(reloads):
            before = id(app.dataset)
            if touch:
                (data / touch).touch()
            started = time.perf_counter()
            app.action_reload()
            await _loaded(app, before)
            results["loads"].append(
                {
                    "rss_mb": round(rss_mb(), 1),
                    "blocks": sys.getallocatedblocks(),
                    "seconds": round(time.perf_counter() - started - SETTLE_S, 2),
                }
            )
    first, last = results["loads"][0], results["loads"][-1]
    results["first_rss_mb"], results["last_rss_mb"] = first["rss_mb"], last["rss_mb"]
    results["max_rss_mb_after_a_load"] = max(load["rss_mb"] for load in results["loads"])
    results["rss_growth"] = round(last["rss_mb"] / first["rss_mb"] - 1, 3)
    results["blocks_growth"] = round(last["blocks"] / first["blocks"] - 1, 3)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--reloads", type=int, default=20)
    parser.add_argument("--touch", metavar="NAME", help="a data file to mark changed before every reload")
    args = parser.parse_args()
    results: dict = {}
    try:
        asyncio.run(measure(args.data.resolve(), args.reloads, results, args.touch))
    except Exception as error:  # reported with what was measured before it
        results["error"] = f"{type(error).__name__}: {error}".strip()
    print(json.dumps(results))
    return 1 if "error" in results else 0


if __name__ == "__main__":
    sys.exit(main())
