"""How fast a 20 MB document opens and scrolls in the Quotes screen's document view.

Runs headless: builds a 20 MB mixed Chinese/English document (a Q&A transcript with
emoji, long lines and control characters in it), writes it to a temporary file, and
opens it in a `SourceDocumentView` the way a pane does. Prints:

* first paint: from asking for the document (file read included) to the first rows drawn;
* end: from pressing `G` right after the first paint to the document's last row drawn;
* quote at the end: opening the document at a passage near its end, until it is drawn;
* re-wrap: after a resize, until the new width is drawn at the same place;
* the longest the event loop went without running (the UI must never freeze).

Usage: .venv/bin/python bench/bench_document.py [--mb 20] [--width 80] [--height 24]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult

from bench.app_probe import until
from workbench.core.quotes.queries import find_turns
from workbench.core.search.scan import read_document
from workbench.ui.widgets.document_view import SourceDocumentView

EN = (
    "the risk of underinvesting is far greater than the risk of overinvesting while capex cloud "
    "revenue depreciation inference training and power keep rising"
).split()
CN = "资本支出算力数据中心生成式人工智能亚马逊微软谷歌投资回报率折旧推理训练芯片电力云计算收入增长，。"


def make_document(size: int, seed: int = 7) -> str:
    """About `size` bytes of UTF-8: English and Chinese paragraphs, Q:/A: turns, oddities."""
    rnd = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        kind = rnd.random()
        if kind < 0.4:
            line = " ".join(rnd.choice(EN) for _ in range(rnd.randint(5, 160))) + "."
        elif kind < 0.8:
            line = "".join(rnd.choice(CN) for _ in range(rnd.randint(10, 400))) + "在第一季度资本支出为 140 亿美元。"
        elif kind < 0.9:
            line = rnd.choice("QA") + ":" + "".join(rnd.choice(CN) for _ in range(rnd.randint(20, 200)))
        elif kind < 0.93:
            line = "emoji 🚀📈 and ZWJ 👩‍💻 \x1b[31mnot red\x1b[0m [bold]not bold[/] עברית"
        elif kind < 0.935:
            line = "x" * 12_000
        else:
            line = ""
        parts.append(line)
        total += len(line.encode()) + 1
    return "\n".join(parts) + "\n"


class TimedView(SourceDocumentView):
    """A document view that notes when rows are first drawn, and when the last row is."""

    first_paint: float | None = None
    last_row_drawn: float | None = None

    def _render_row(self, layout, row, width, top=False):
        now = time.perf_counter()
        if self.first_paint is None:
            self.first_paint = now
        if layout.done and row == layout.rows - 1 and self.last_row_drawn is None:
            self.last_row_drawn = now
        return super()._render_row(layout, row, width, top)


class BenchApp(App[None]):
    """Just the document view, full screen."""

    def compose(self) -> ComposeResult:
        yield TimedView()


async def run(path: Path, width: int, height: int) -> dict[str, float]:
    app = BenchApp()
    results: dict[str, float] = {}
    stalls: list[float] = []
    async with app.run_test(size=(width, height)) as pilot:
        view = app.query_one(TimedView)
        view.focus()
        await pilot.pause()

        # Measure how long the event loop goes without a turn while all this happens.
        last = time.perf_counter()

        def tick() -> None:
            nonlocal last
            now = time.perf_counter()
            stalls.append(now - last)
            last = now

        app.set_interval(0.005, tick)

        def load() -> tuple[str, list]:
            text = read_document(path)  # what a pane does in its worker
            return text, find_turns(text)

        # 1. open at the top, then G
        view.first_paint = view.last_row_drawn = None  # forget the empty view drawn at mount
        start = time.perf_counter()
        text, turns = await asyncio.to_thread(load)
        view.show_document("bench", text, turns=turns)
        await until(lambda: view.first_paint is not None)
        results["first paint (s)"] = view.first_paint - start
        start = time.perf_counter()
        await pilot.press("G")
        await until(lambda: view.last_row_drawn is not None)
        results["G to the end drawn (s)"] = view.last_row_drawn - start
        results["rows"] = view.row_count

        # 2. open again (a new text object, so it is re-wrapped) at a passage near the end
        view.first_paint = view.last_row_drawn = None
        start = time.perf_counter()
        text2, turns2 = await asyncio.to_thread(load)
        target = text2.rfind("Q:")
        view.show_document("bench-2", text2, focus=(target, 40), turns=turns2)
        await until(
            lambda: (
                view._pending is None
                and view.laid_out
                or view._pending is None
                and view.row_count
                and view._layout.starts[-1] > target
            )
        )
        await pilot.pause()
        results["open at a quote near the end (s)"] = time.perf_counter() - start

        # 3. resize: re-wrap at a new width, keep the place
        start = time.perf_counter()
        await pilot.resize_terminal(width + 40, height)
        await until(lambda: view.laid_out and view._layout.width == width + 40 - 1 - 13)
        await pilot.pause()
        results["re-wrap after resize (s)"] = time.perf_counter() - start
    results["longest event-loop stall (s)"] = max(stalls) if stalls else 0.0
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--width", type=int, default=80)
    parser.add_argument("--height", type=int, default=24)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        started = time.perf_counter()
        path.write_text(make_document(int(args.mb * 1_000_000)), encoding="utf-8")
        size = path.stat().st_size
        print(f"document: {size / 1e6:.1f} MB ({time.perf_counter() - started:.1f} s to generate)")
        results = asyncio.run(run(path, args.width, args.height))
    for name, value in results.items():
        print(f"{name:34} {value:10.3f}" if isinstance(value, float) else f"{name:34} {value:10}")


if __name__ == "__main__":
    main()
