"""Export an SVG screenshot of every screen on the bundled data, for the README.

    .venv/bin/python scripts/screenshots.py [OUT_DIR]   (default: docs/screenshots)
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.ui.app import WorkbenchApp  # noqa: E402

SHOTS = [  # (file name, keys to press after the data has loaded)
    ("capex", []),
    ("capex-detail", ["enter"]),
    ("quotes", ["2"]),
    ("scenarios", ["3"]),
    ("deals", ["4"]),
]


async def shoot(out: Path, name: str, keys: list[str], size=(120, 36)) -> None:
    app = WorkbenchApp(ROOT / "data", watch_files=False, restore=False)
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.3)
            await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        app.save_screenshot(filename=f"{name}.svg", path=str(out))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for name, keys in SHOTS:
        asyncio.run(shoot(out, name, keys))
        print(out / f"{name}.svg")


if __name__ == "__main__":
    main()
