#!/usr/bin/env python3
"""The workbench's benchmarks: `python3 dev.py bench [--quick] [--no-large] [--runs N] [sizes…]`.

For the bundled data and for a large generated set (2,000 companies × 60 quarters, 86,330
financials rows, 2,000 documents ≈ 90 MB, 20,000 quotes; bench/gen_large.py writes it once into
bench/out/), prints every figure next to its anchor, measured in the same run, and the ratio:

* first frame in a real terminal (tmux), beside a bare Textual app started the same way;
  companies on screen, beside the bare app (bundled) and VisiData showing the large set's
  capex.csv (VisiData from its own environment, bench/out/visidata-venv: see VISIDATA_VENV);
* `workbench check`, and `workbench search` cold (no index yet) and warm as whole processes,
  beside `grep -rFc` over the same documents;
* headless (bench/app_probe.py): when the dataset arrives, the longest UI stall while it loads,
  sorting and moving in the Capex list, opening each screen, in-app search;
* key to screen drawn the first time Quotes, Scenarios and Deals open (tmux, fresh app each run);
  every screen (1–5) opened, and the app's peak memory (VmHWM = ru_maxrss);
* memory over 20 reloads of the data (bench/reload_memory.py);
* the ROI engine: recompute, a form keystroke, 21×21 grids (bench/bench_roi.py).

Medians of several runs; every run uses its own config, state and cache directories, and
Python's bytecode cache as any installed program has it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.cells import cell_len  # noqa: E402

from bench import bench_roi, gen_large  # noqa: E402
from bench.terminal import Terminal, contains  # noqa: E402

PYTHON = sys.executable
# `python -m workbench` from this folder: this tree's code (a console script would run whichever
# tree the environment was installed from).
WORKBENCH = [PYTHON, "-m", "workbench"]
BARE = [PYTHON, str(ROOT / "bench" / "bare_app.py")]
BUNDLED = ROOT / "data"
OUT = ROOT / "bench" / "out"
# VisiData, the anchor for the large set, lives in an environment of its own (never the app's lock):
#   python3 -m venv bench/out/visidata-venv && bench/out/visidata-venv/bin/pip install visidata
VISIDATA_VENV = OUT / "visidata-venv"
SIZE = (120, 40)
SEARCH_TERMS = ("算力", "capex", "鲸")


class Report:
    """Rows of figures, one column per data set, with the target each is held to."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, str]] = {}
        self.targets: dict[str, str] = {}
        self.verdicts: dict[str, dict[str, bool]] = {}
        self.raw: dict[str, dict[str, object]] = {}

    def add(
        self, what: str, dataset: str, text: str, *, value: object = None, target: str = "", ok: bool | None = None
    ) -> None:
        self.rows.setdefault(what, {})[dataset] = text
        self.raw.setdefault(what, {})[dataset] = value if value is not None else text
        if target:
            self.targets[what] = target
        if ok is not None:
            self.verdicts.setdefault(what, {})[dataset] = ok
        mark = "" if ok is None else ("  ok" if ok else "  MISSED")
        print(f"  {dataset:8} {what}: {text}{mark}", flush=True)

    def table(self, datasets: list[str]) -> str:
        width = max(len(w) for w in self.rows) + 2
        columns = {d: max([cell_len(d)] + [cell_len(r.get(d, "")) for r in self.rows.values()]) + 2 for d in datasets}

        def right(text: str, size: int) -> str:
            return " " * (size - cell_len(text)) + text

        lines = [" " * width + "".join(right(d, columns[d]) for d in datasets) + "   target"]
        for what, row in self.rows.items():
            cells = "".join(right(row.get(d, "—"), columns[d]) for d in datasets)
            verdict = self.verdicts.get(what, {})
            flags = ", ".join(f"{d} {'ok' if v else 'MISSED'}" for d, v in verdict.items())
            target = self.targets.get(what, "")
            lines.append(f"{what:{width}}{cells}   {target}{f'  ({flags})' if flags else ''}")
        return "\n".join(lines)


def median(values: list[float]) -> float:
    return statistics.median(values)


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"


def run_timed(command: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    return time.perf_counter() - start, result


# --- data sets -------------------------------------------------------------------------------


def large_set(args: argparse.Namespace) -> Path:
    """The large data directory for these sizes: generated once into bench/out/, then reused."""
    name = f"large-v{gen_large.VERSION}-{args.companies}x{args.quarters}-{args.docs}x{args.doc_kb:g}kb-{args.quotes}q"
    folder = OUT / name
    stamp = folder / ".complete"
    if not stamp.exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"Generating {folder} …", flush=True)
        start = time.perf_counter()
        summary = gen_large.generate(
            folder,
            companies=args.companies,
            quarters=args.quarters,
            docs=args.docs,
            doc_kb=args.doc_kb,
            quotes=args.quotes,
        )
        print(f"{summary} ({time.perf_counter() - start:.1f} s)", flush=True)
        stamp.write_text(summary, encoding="utf-8")
    return folder


# --- measurements ----------------------------------------------------------------------------


def has_data(screen: str) -> bool:
    """The Capex list shows companies (the bundled set's tickers, or the generated C0000…)."""
    return "Ticker" in screen and re.search(r"\b(AMZN|MSFT|C\d{4,6})\b", screen) is not None


def whole_data(screen: str) -> bool:
    """Companies listed and the loading notice gone: the whole dataset is in (a large directory
    first lists its companies as last read, then from a preview, each with a "Loading" notice).
    Wait for it with WHOLE_STEADY_S: the list as last read is drawn a frame before its notice."""
    return has_data(screen) and "Loading" not in screen


WHOLE_STEADY_S = 0.5


def visidata() -> list[str] | None:
    """VisiData from its own environment under bench/out/ (never the app's lock), if installed there."""
    vd = VISIDATA_VENV / "bin" / "vd"
    return [str(vd)] if vd.exists() else None


def _visidata_shows(csv_path: Path):  # type: ignore[no-untyped-def]
    """VisiData's sheet is up with the file's first data row on it."""
    first = csv_path.open(encoding="utf-8").readlines(4096)[1].split(",")[0]
    return lambda screen: "ticker" in screen and first in screen


def first_screen(name: str, data: Path, runs: int, env: dict[str, str], report: Report) -> None:
    """First screen in tmux, beside a bare Textual app (and VisiData showing capex.csv for the
    large set), started in turn in the same terminal; then the companies on screen."""
    vd = visidata() if name == "large" else None
    times: dict[str, list[float]] = {"bare": [], "workbench": [], "loaded": [], "visidata": []}
    order = ["bare", "workbench"] + (["visidata"] if vd else [])
    with Terminal(*SIZE, env=env) as terminal:
        for run in range(runs):
            # Rotate which goes first, so none always runs on a warmer machine.
            for which in order[run % len(order) :] + order[: run % len(order)]:
                if which == "bare":
                    window = terminal.start(BARE)
                    times["bare"].append(window.wait_for(contains("bare app ready", "palette")))
                elif which == "visidata":
                    window = terminal.start([*vd, "--no-config", str(data / "capex.csv")], cwd=ROOT)
                    times["visidata"].append(window.wait_for(_visidata_shows(data / "capex.csv"), timeout=120))
                    window.close(quit_keys=("q",))
                    continue
                else:
                    window = terminal.start([*WORKBENCH, "--data", str(data)], cwd=ROOT)
                    times["workbench"].append(window.wait_for(contains("AI Capex Workbench", "palette")))
                    times["loaded"].append(window.wait_for(has_data, timeout=120))
                window.close()
    bare, first, loaded = median(times["bare"]), median(times["workbench"]), median(times["loaded"])
    report.add("first frame, bare Textual app (tmux)", name, seconds(bare), value=bare)
    ratio = first / bare
    report.add(
        "first frame (tmux)",
        name,
        f"{seconds(first)} = {ratio:.2f}× bare",
        value=first,
        target="≤ 1.15× the bare app",
        ok=ratio <= 1.15,
    )
    if vd:
        anchor = median(times["visidata"])
        report.add("VisiData showing capex.csv (tmux)", name, seconds(anchor), value=anchor)
        ratio = loaded / anchor
        report.add(
            "companies on screen (tmux)",
            name,
            f"{seconds(loaded)} = {ratio:.2f}× VisiData",
            value=loaded,
            target="≤ 1.6× bare (bundled); ≤ 1.5× VisiData (large)",
            ok=ratio <= 1.5,
        )
        # The first start of a data directory has no Capex list kept from an earlier read.
        report.add(
            "  companies on screen, first start (no list kept yet)",
            name,
            f"{seconds(times['loaded'][0])} = {times['loaded'][0] / anchor:.2f}× VisiData",
            value=times["loaded"][0],
        )
    else:
        ratio = loaded / bare
        report.add(
            "companies on screen (tmux)",
            name,
            f"{seconds(loaded)} = {ratio:.2f}× bare",
            value=loaded,
            target="≤ 1.6× bare (bundled); ≤ 1.5× VisiData (large)",
            ok=ratio <= 1.6 if name == "bundled" else None,
        )


# The Capex screen's header names how recent the data is, not the screen: its filter box is the mark.
CAPEX_MARKER = "filter by ticker or name"
SCREEN_MARKERS = (
    ("2", "Quotes", "— Quotes"),
    ("3", "Scenarios", "NPV"),
    ("4", "Deals", "— Deals"),
    ("5", "Payback", "— Payback"),
)


def first_opens(name: str, data: Path, runs: int, env: dict[str, str], report: Report) -> None:
    """Key to screen drawn, the first time each screen opens (a fresh app per run)."""
    times: dict[str, list[float]] = {title: [] for _, title, _ in SCREEN_MARKERS}
    with Terminal(*SIZE, env=env) as terminal:
        for _ in range(runs):
            window = terminal.start([*WORKBENCH, "--data", str(data)], cwd=ROOT)
            window.wait_for(whole_data, timeout=120, steady=WHOLE_STEADY_S)
            # The user reads the Capex list for 2 s from when the data is whole (screens are built meanwhile).
            time.sleep(2.0 - WHOLE_STEADY_S)
            for key, title, marker in SCREEN_MARKERS:
                pressed = time.perf_counter()
                window.keys(key)
                window.wait_for(contains(marker), timeout=60)
                times[title].append(time.perf_counter() - pressed)
                time.sleep(0.3)
            window.keys("1")  # back to Capex: the next start restores the screen left last
            window.wait_for(contains(CAPEX_MARKER), timeout=60)
            window.close()
    figures = {title: median(values) for title, values in times.items()}
    report.add(
        "key to screen drawn, first open: " + " / ".join(figures),
        name,
        " / ".join(seconds(v) for v in figures.values()),
        value=figures,
        target="≤ 0.15 s each",
        ok=max(figures.values()) <= 0.15,
    )


def screens_and_memory(name: str, data: Path, env: dict[str, str], report: Report, limit_mb: float | None) -> None:
    """Open every screen in the terminal as a user would; the app's peak memory at the end."""
    problems = []
    with Terminal(*SIZE, env=env) as terminal:
        window = terminal.start([*WORKBENCH, "--data", str(data)], cwd=ROOT)
        window.wait_for(whole_data, timeout=120, steady=WHOLE_STEADY_S)
        # What each screen shows once open (the Scenarios header names the open scenario instead).
        for key, title, marker in (*SCREEN_MARKERS, ("1", "Capex", CAPEX_MARKER)):
            window.keys(key)
            try:
                window.wait_for(contains(marker), timeout=60)
                time.sleep(1.5)  # let what the screen builds in the background arrive
            except (TimeoutError, RuntimeError) as error:
                problems.append(f"{title}: not shown")
                print(error, file=sys.stderr)
                break
            screen = window.screen()
            if not window.alive or "Traceback" in screen:
                problems.append(f"{title}: the app stopped")
                print(screen, file=sys.stderr)
                break
        peak = window.peak_rss_mb() if window.alive else float("nan")
        window.close()
    report.add("screens 1–5 open (tmux)", name, "ok" if not problems else "; ".join(problems), ok=not problems)
    ok = None if limit_mb is None else peak <= limit_mb
    report.add(
        "peak memory of the app (VmHWM)",
        name,
        f"{peak:.0f} MB",
        value=peak,
        target="≤ 400 MB (large)" if limit_mb else "",
        ok=ok,
    )


def check(name: str, data: Path, runs: int, env: dict[str, str], report: Report, limit: float | None) -> None:
    """`workbench check` as a whole process: cold (nothing cached) and warm (parsed TOML cached)."""
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            elapsed, result = run_timed(
                [*WORKBENCH, "check", "--data", str(data)], {**env, "WORKBENCH_CACHE_DIR": cache}
            )
            cold.append(elapsed)
        elapsed, result = run_timed([*WORKBENCH, "check", "--data", str(data)], env)
        warm.append(elapsed)
    verdict = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
    ok = None if limit is None else max(median(cold), median(warm)) <= limit
    report.add(
        "workbench check, cold / warm",
        name,
        f"{seconds(median(cold))} / {seconds(median(warm))}",
        value={"cold": median(cold), "warm": median(warm)},
        target="≤ 5 s (large)" if limit else "",
        ok=ok,
    )
    report.add(
        "workbench check says",
        name,
        "clean" if result.returncode == 0 else f"exit {result.returncode}",
        ok=result.returncode == 0,
    )
    if result.returncode:
        print(verdict, file=sys.stderr)


def _builders(cache: Path) -> list[int]:
    """Process ids of background index builds writing into `cache` (started by our searches)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"workbench.core.search.index" in command and str(cache).encode() in b" ".join(command):
                found.append(int(entry.name))
    return found


def search_cli(name: str, data: Path, runs: int, env: dict[str, str], report: Report) -> None:
    """`workbench search` as a whole process, cold (no index) and warm (index built)."""
    shared = Path(env["WORKBENCH_CACHE_DIR"])
    shared.parent.mkdir(parents=True, exist_ok=True)  # not made yet when only this part runs
    cold: list[float] = []
    for i in range(runs):
        last = i == runs - 1
        cache = shared if last else Path(tempfile.mkdtemp(prefix="cold-", dir=shared.parent))
        for index in cache.glob("search-*"):
            shutil.rmtree(index)  # cold means no index at all
        elapsed, result = run_timed(
            [*WORKBENCH, "search", SEARCH_TERMS[i % len(SEARCH_TERMS)], "--data", str(data), "--json"],
            {**env, "WORKBENCH_CACHE_DIR": str(cache)},
        )
        cold.append(elapsed)
        if not last:
            for pid in _builders(cache):
                os.kill(pid, 15)  # a throwaway cache: its build is not needed
            shutil.rmtree(cache, ignore_errors=True)
    started = time.perf_counter()
    while _builders(shared) and time.perf_counter() - started < 900:
        time.sleep(0.2)
    built = time.perf_counter() - started
    warm = []
    for i in range(runs):
        elapsed, result = run_timed(
            [*WORKBENCH, "search", SEARCH_TERMS[i % len(SEARCH_TERMS)], "--data", str(data), "--json"], env
        )
        warm.append(elapsed)
    hits = len(json.loads(result.stdout or "[]"))
    grep = []
    for i in range(runs):  # the floor: grep counting the term in every document, same folder
        elapsed, _ = run_timed(["grep", "-rFc", SEARCH_TERMS[i % len(SEARCH_TERMS)], str(data / "sources")], env)
        grep.append(elapsed)
    report.add(
        "workbench search, cold (no index yet)",
        name,
        seconds(median(cold)),
        value=median(cold),
        target="no target: it answers by scanning the files",
    )
    report.add("  index finished in the background after", name, seconds(built), value=built)
    report.add(
        "workbench search, warm",
        name,
        f"{seconds(median(warm))} = {median(warm) / median(grep):.1f}× grep ({hits} hits)",
        value=median(warm),
        target="≤ 0.25 s (large)",
        ok=median(warm) <= 0.25 if name == "large" else None,
    )
    report.add("  grep -rFc over the documents", name, seconds(median(grep)), value=median(grep))


def reload_memory(
    name: str, data: Path, reloads: int, env: dict[str, str], report: Report, touch: str | None = None
) -> None:
    """bench/reload_memory.py: the app's memory after each of `reloads` reloads (with `touch`, that
    data file marked changed before each, as an edit does: its records and what cites them are read
    again)."""
    command = [PYTHON, str(ROOT / "bench" / "reload_memory.py"), str(data), "--reloads", str(reloads)]
    command += ["--touch", touch] if touch else []
    what = f"{touch} edited before each" if touch else "nothing changed"
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    try:
        found = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        report.add(f"memory over reloads, {what}", name, f"failed: {result.stderr.strip()[-300:]}", ok=False)
        return
    if "error" in found:
        report.add(f"memory over reloads, {what}", name, f"failed: {found['error']}", ok=False)
        return
    growth = found["rss_growth"]
    report.add(
        f"memory after {reloads} reloads, {what} (first load → last)",
        name,
        f"{found['first_rss_mb']:.0f} → {found['last_rss_mb']:.0f} MB ({growth:+.0%}; live objects "
        f"{found['blocks_growth']:+.0%})",
        value=found,
        target="within 10% of the first load",
        ok=growth <= 0.10,
    )
    report.add(
        f"  peak memory while reloading, {what}", name, f"{found['peak_rss_mb']:.0f} MB", value=found["peak_rss_mb"]
    )


def probe(name: str, data: Path, runs: int, env: dict[str, str], report: Report, large: bool) -> None:
    """The headless measurements of bench/app_probe.py."""
    command = [PYTHON, str(ROOT / "bench" / "app_probe.py"), str(data), "--runs", str(runs)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    try:
        found = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        report.add("headless probe", name, f"failed: {result.stderr.strip()[-300:]}", ok=False)
        return
    if "error" in found:
        report.add("headless probe", name, f"failed: {found['error']}", ok=False)
    if "dataset_arrives_s" in found:
        report.add(
            "dataset loaded (headless)", name, seconds(found["dataset_arrives_s"]), value=found["dataset_arrives_s"]
        )
        report.add(
            "Capex list first shown (headless; from a preview on large data)",
            name,
            seconds(found["capex_list_first_shown_s"]),
            value=found["capex_list_first_shown_s"],
        )
        report.add(
            "Capex list shown (headless)", name, seconds(found["capex_list_shown_s"]), value=found["capex_list_shown_s"]
        )
        stall = found["longest_stall_while_loading_ms"]
        report.add(
            "longest UI stall while loading",
            name,
            f"{stall:.0f} ms",
            value=stall,
            target="≤ 100 ms (large)",
            ok=stall <= 100 if large else None,
        )
        report.add(
            "  while the data is read / Capex fills in",
            name,
            f"{found['longest_stall_reading_ms']:.0f} / {found['longest_stall_filling_ms']:.0f} ms",
            value=[found["longest_stall_reading_ms"], found["longest_stall_filling_ms"]],
        )
    if "capex_list_rows" in found:
        report.add(
            "Capex list: companies (capex figures)",
            name,
            f"{found['capex_list_rows']:,} ({found['capex_figures']:,})",
            value=found["capex_list_rows"],
        )
    for key, figures in found.get("capex_list_keys", {}).items():
        report.add(
            f"Capex list: {key}",
            name,
            f"{figures['median_ms']:.0f} ms (max {figures['max_ms']:.0f})",
            value=figures,
            target="no visible lag: median ≤ 100 ms",
            ok=figures["median_ms"] <= 100,
        )
    for mode, figures in found.get("screens", {}).items():
        # The stall in the half second after the key: opening it, and whatever else the app does
        # then (building another screen ahead, the collector).
        report.add(
            f"open screen {mode}: shown, longest stall",
            name,
            f"{seconds(figures['shown_s'])}, {figures['longest_stall_ms']:.0f} ms",
            value=figures,
            target="stall ≤ 50 ms",
            ok=figures["longest_stall_ms"] <= 50,
        )
    search = found.get("search")
    if search:
        term, worst = max(search["terms"].items(), key=lambda item: item[1]["median_ms"])
        report.add(
            "in-app search (index), slowest term",
            name,
            f"{worst['median_ms']:.0f} ms ({term}: {worst['hits']:,} hits)",
            value=search["terms"],
            target="≤ 50 ms",
            ok=worst["median_ms"] <= 50,
        )
        dialog = search["dialog_enter_to_hits"]
        report.add("  search dialog: Enter to hits listed", name, f"{dialog['median_ms']:.0f} ms", value=dialog)
    if "peak_rss_mb" in found:
        report.add("peak memory, headless tour", name, f"{found['peak_rss_mb']:.0f} MB", value=found["peak_rss_mb"])
    if "rss_at_end_mb" in found:
        parts = found["rss_at_end_mb"]
        report.add(
            "  at the tour's end: own memory / mapped files",
            name,
            f"{parts['own_mb']:.0f} MB / {parts['mapped_files_mb']:.0f} MB",
            value=parts,
        )


def roi(report: Report, quick: bool) -> None:
    for label, ms, _runs in bench_roi.measure(0.2 if quick else 1.0):
        limit = 50.0 if "grid" in label else 5.0
        report.add(f"ROI: {label}", "engine", f"{ms:.2f} ms", value=ms, target=f"< {limit:g} ms", ok=ms < limit)


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs of each measurement and fewer ROI runs")
    parser.add_argument("--runs", type=int, help="runs of each measurement (default 7; 3 with --quick)")
    parser.add_argument("--no-large", dest="large", action="store_false", help="only the bundled data")
    parser.add_argument("--no-bundled", dest="bundled", action="store_false", help="only the large set")
    parser.add_argument(
        "--only",
        nargs="*",
        choices=["terminal", "check", "search", "probe", "screens", "reload", "roi"],
        help="run just these parts",
    )
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--quarters", type=int, default=60)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--doc-kb", type=float, default=45)
    parser.add_argument("--quotes", type=int, default=20_000)
    parser.add_argument("--reloads", type=int, default=20, help="reloads in the memory measurement (20)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every figure to FILE")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)
    parts = set(args.only or ["terminal", "check", "search", "probe", "screens", "reload", "roi"])
    if shutil.which("tmux") is None:
        parts -= {"terminal", "screens"}
        print("tmux not found: the terminal measurements are skipped", file=sys.stderr)

    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}"
    )
    print(f"Workbench benchmarks, {date.today()}, {platform.node()} ({machine}); medians of {runs} runs", flush=True)
    datasets: list[tuple[str, Path]] = []
    if args.bundled:
        datasets.append(("bundled", BUNDLED))
    if args.large:
        datasets.append(("large", large_set(args)))
    report = Report()
    # As installed for a user: bytecode compiled once and cached (PYTHONDONTWRITEBYTECODE, set in
    # some shells, would make every run compile the workbench from source: +30–60 ms per start).
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", "workbench", "bench"],
        cwd=ROOT,
        env=clean,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    with tempfile.TemporaryDirectory(prefix="workbench-bench-") as home:
        for name, data in datasets:
            # A fresh config, state and cache per data set: no user settings, no earlier index.
            base = Path(home) / name
            env = {
                **clean,
                "XDG_CONFIG_HOME": str(base / "config"),
                "XDG_STATE_HOME": str(base / "state"),
                "WORKBENCH_CACHE_DIR": str(base / "cache"),
                "TERM": os.environ.get("TERM", "xterm-256color"),
            }
            env.pop("WORKBENCH_CONFIG", None)
            env.pop("NO_COLOR", None)
            large = name == "large"
            print(f"\n{name}: {data}", flush=True)
            if "terminal" in parts:
                first_screen(name, data, max(runs, 11), env, report)  # cheap runs, noisy figure: more of them
            if "check" in parts:
                check(name, data, runs, env, report, 5.0 if large else None)
            if "search" in parts:
                search_cli(name, data, runs, env, report)
            if "probe" in parts:
                probe(name, data, runs, env, report, large)
            if "screens" in parts:
                first_opens(name, data, min(runs, 3) if large else runs, env, report)
                screens_and_memory(name, data, env, report, 400.0 if large else None)
            if "reload" in parts:
                reload_memory(name, data, args.reloads, env, report)
                for edited in ("capex.csv", "quotes.toml") if large else ():
                    reload_memory(name, data, args.reloads, env, report, touch=edited)
    if "roi" in parts:
        print("\nROI engine", flush=True)
        roi(report, args.quick)
    columns = [name for name, _ in datasets] + (["engine"] if "roi" in parts else [])
    print("\n" + report.table(columns))
    missed = [f"{what} ({d})" for what, v in report.verdicts.items() for d, ok in v.items() if not ok]
    print("\nAll targets hold." if not missed else "\nMissed: " + "; ".join(missed))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"date": str(date.today()), "machine": machine, "runs": runs, "figures": report.raw, "missed": missed},
                ensure_ascii=False,
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
