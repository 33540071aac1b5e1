"""The ROI model's formulas (docs/model.md) in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from workbench.core.i18n import N_, tr
from workbench.ui.dialogs.scenario_frame import ScenarioDialog

FORMULAS = [  # paragraphs, each translated where drawn
    N_("Years run t = 0 … horizon − 1; year t is the calendar year start_year + t. Money is in $ billions."),
    N_(
        "Capex. The initial capex is spent evenly over the build years, from year 0. Each year's "
        "spend is split: the server share goes to servers/GPUs, the rest to facilities (buildings, "
        "power, cooling). If servers are refreshed, the server spend of any year is spent again "
        "server-life years later — and refreshes are refreshed too. Capex of a year = servers + "
        "facilities."
    ),
    N_(
        "Depreciation. Each year's server spend is written off in equal parts over the book life (the "
        "accounting life; the server life when left empty), each year's facility spend over the "
        "facility life, starting the year AFTER it is spent and only within the horizon. The server "
        "life is the economic life: it decides when servers are bought again. A 6-year book life with "
        "a 4-year server life is the depreciation debate."
    ),
    N_(
        "Ramp. Nothing until the revenue delay has passed; then revenue rises in equal steps to full "
        "over the ramp years: ramp = min(1, (t − delay + 1) / ramp years)."
    ),
    N_(
        "Revenue = revenue at full ramp and 100% utilization × utilization × ramp × (1 + revenue "
        "growth) ^ (years since the first full year). Growth applies once the ramp is complete; a "
        "negative growth is price deflation."
    ),
    N_("EBITDA = revenue × EBITDA margin."),
    N_("EBIT = EBITDA − depreciation."),
    N_("Tax = tax rate × EBIT. A negative tax is a tax shield: the loss lowers the profitable parent's tax bill."),
    N_("Free cash flow (FCF) = EBITDA − tax − capex. Cumulative FCF is the running sum."),
    N_(
        "NPV = the sum of each year's FCF divided by (1 + discount rate) to the power t. Year 0 is "
        "not discounted (as numpy-financial does). With a terminal growth g, a terminal value TV = "
        "mean FCF of the last refresh cycle (the last min(horizon, server life) years) × (1 + g) / "
        "(discount rate − g) is added to the last year's flow for NPV, IRR and MIRR — not to the year "
        "table, payback or cumulative FCF."
    ),
    N_(
        "IRR = the discount rate at which NPV is exactly 0 (none if no rate does), searched between "
        "−99% and 1,000%. When FCF changes sign more than once — e.g. server refreshes push a later "
        'year negative again — there may be several such rates: the results say how many ("-5.1% (2 '
        'roots)") and show the one nearest the discount rate; R lists them all, and solve-for '
        "(Ctrl+G) on the discount rate lists the same ones. MIRR (numpy-financial's) finances the "
        "outflows and reinvests the inflows at the discount rate: one answer, whatever the signs."
    ),
    N_(
        "Payback = years from the start of year 0 until the cumulative FCF turns from negative to "
        "zero or above, interpolated within that year: k + (what was still owed at the start of year "
        "k) / FCF of year k. None if it never turns within the horizon."
    ),
    N_(
        "Break-even utilization = the utilization (0–100%) at which NPV = 0, everything else held. "
        "NPV rises in a straight line with utilization, so this is exact. 0% if NPV is already ≥ 0 "
        "with no utilization; none if NPV is still negative at 100% — then ask what else would have "
        "to change: Ctrl+G solves any one input (revenue, capex, margin, life…) for NPV = 0."
    ),
    N_(
        "Sensitivity grid: NPV for every pair of values of two inputs around today's, everything else "
        "held; + = value created, − = value destroyed (in the theme up and down colours). m shows IRR "
        "or payback instead. Tornado (t): NPV with each input alone at × 0.8 and × 1.2 (whole numbers "
        "rounded, values kept in their domain), widest swing first."
    ),
    N_("The model has no terminal value: cash after the horizon counts for nothing."),
]


class FormulasDialog(ScenarioDialog[None]):
    """The formulas in words; Esc closes."""

    DEFAULT_CSS = """
    FormulasDialog > Vertical { width: 96; max-width: 98%; height: 90%; }
    FormulasDialog VerticalScroll { height: 1fr; }
    """

    BINDINGS = [Binding("escape,q,f1", "cancel", N_("Close"), id="dialog.close")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield self.title_line(tr("How the ROI model works (docs/model.md) — Esc closes"))
            with VerticalScroll():
                yield Static("\n\n".join(tr(paragraph) for paragraph in FORMULAS), markup=False)
