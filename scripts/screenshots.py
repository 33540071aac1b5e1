"""Export an SVG screenshot of every screen on the bundled data, for the README.

    .venv/bin/python scripts/screenshots.py [OUT_DIR]   (default: docs/screenshots)

Each shot starts a fresh app (no saved session, no user config) and types keys as a user would.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.ui.app import WorkbenchApp  # noqa: E402

SIZE = (140, 40)  # wide enough for every screen's side-by-side layout
SHOTS = [  # (file name, keys typed after the data has loaded)
    ("capex", []),  # the company list beside the first company's chart and figures
    ("capex-compare", ["space", "space", "space", "space", "c"]),  # space marks and moves on: four on one chart
    ("palette", ["ctrl+p", *"NVDA"]),  # Ctrl+P, a ticker: Enter opens its capex
    ("quotes", ["2", "f", *"underinvest", "enter", "a"]),  # Pichai beside the Barclays numbers that answer him
    ("scenarios", ["3", "escape", "y"]),  # AWS APEC: every case, the cumulative-FCF chart, the year table
    ("deals", ["4", "ctrl+p", *"amazon deals", "enter"]),  # Amazon: whom it funds, who buys its cloud
    ("payback", ["5"]),  # Amazon's capex beside its revenue, cash flow, AWS revenue and backlog
    ("keys", ["question_mark"]),  # every key of the screen, with the ids a keymap remaps
]


async def shoot(out: Path, name: str, keys: list[str]) -> None:
    app = WorkbenchApp(ROOT / "data", watch_files=False, restore=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.3)
            await app.workers.wait_for_complete()
        await pilot.pause(1.5)  # panes built after the first frame, charts drawn on their first resize
        await app.workers.wait_for_complete()
        app.save_screenshot(filename=f"{name}.svg", path=str(out))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:  # never the user's config, session or search cache
        os.environ["HOME"] = home  # paths shown as ~/.config/… whoever runs this
        for variable in (
            "XDG_CONFIG_HOME",
            "XDG_STATE_HOME",
            "XDG_CACHE_HOME",
            "WORKBENCH_CONFIG",
            "WORKBENCH_CACHE_DIR",
            "WORKBENCH_DATA",
            "NO_COLOR",
        ):
            os.environ.pop(variable, None)
        for name, keys in SHOTS:
            asyncio.run(shoot(out, name, keys))
            print(out / f"{name}.svg")


if __name__ == "__main__":
    main()
