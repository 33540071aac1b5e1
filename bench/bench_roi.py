"""How fast the ROI engine answers: one recompute, a keystroke in the Scenarios form (every
case recomputed), a 21×21 NPV sensitivity grid, and the solve-for behind Ctrl+G.

Run: .venv/bin/python bench/bench_roi.py   (targets: recompute/keystroke < 5 ms, grid < 50 ms)
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.core.roi import model as roi
from workbench.core.scenarios import files as sc
from workbench.core.scenarios.editing import ScenarioDraft

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "scenarios" / "aws-apec.toml"

# A typical hyperscaler build-out: $40B over 3 years, GPUs refreshed every 5 years.
TYPICAL = roi.Inputs(
    start_year=2025,
    capex_bn=40.0,
    build_years=3,
    server_share=0.6,
    server_life_years=5,
    facility_life_years=20,
    refresh_servers=True,
    delay_years=1,
    ramp_years=3,
    revenue_bn=20.0,
    utilization=0.7,
    ebitda_margin=0.45,
    tax_rate=0.21,
    discount_rate=0.09,
    horizon_years=20,
)


def median_ms(action, runs: int) -> float:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(scale: float = 1.0) -> list[tuple[str, float, int]]:
    """(label, median ms, runs) of every case; `scale` shortens the runs (0.2 for a quick look)."""
    axis = [i / 20 for i in range(21)]
    # Each run changes an input first, as a keystroke in the form does, so no cache helps.
    cases = {
        "recompute (evaluate, 20 years)": lambda i: roi.evaluate(replace(TYPICAL, capex_bn=40 + i * 1e-6)),
        "recompute (evaluate, 100 years)": lambda i: roi.evaluate(
            replace(TYPICAL, capex_bn=40 + i * 1e-6, horizon_years=100)
        ),
        "21x21 grid, utilization x margin": lambda i: roi.sensitivity(
            replace(TYPICAL, capex_bn=40 + i * 1e-6), "utilization", axis, "ebitda_margin", axis
        ),
        "21x21 grid, utilization x capex": lambda i: roi.sensitivity(
            replace(TYPICAL, revenue_bn=20 + i * 1e-6),
            "utilization",
            axis,
            "capex_bn",
            [20 + 2 * k + i * 1e-6 for k in range(21)],
        ),
        "21x21 grid, server life x build years (worst case)": lambda i: roi.sensitivity(
            replace(TYPICAL, capex_bn=40 + i * 1e-6, horizon_years=30),
            "server_life_years",
            list(range(1, 22)),
            "build_years",
            list(range(1, 22)),
        ),
    }
    # A keystroke in the form: validate the text, then recompute every case (base, bear, bull),
    # as the screen does; the draft's cache is defeated by a new value every run.
    for horizon in (20, 100):
        draft = ScenarioDraft(sc.load_scenario(BUNDLED, []))
        draft.set_text("base", "horizon_years", str(horizon))
        cases[f"keystroke: 3 cases of aws-apec, {horizon} years"] = lambda i, d=draft: (
            d.set_text("base", "capex_bn", f"{40 + i * 1e-6:.6f}"),
            d.outcomes(),
        )
    solve_inputs = replace(TYPICAL, horizon_years=20)
    cases["solve for revenue (Ctrl+G, one case, 20 years)"] = lambda i: roi.solve_for(
        replace(solve_inputs, capex_bn=40 + i * 1e-6), "revenue_bn"
    )
    results = []
    for label, action in cases.items():
        runs = max(3, int((200 if label.startswith(("recompute", "keystroke")) else 30) * scale))
        results.append((label, median_ms(action, runs), runs))
    return results


def main() -> None:
    for label, ms, runs in measure():
        print(f"{label:<52} median {ms:7.3f} ms over {runs} runs")


if __name__ == "__main__":
    main()
