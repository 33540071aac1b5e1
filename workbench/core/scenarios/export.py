"""A scenario's results as tables to export: every case side by side, and one case's years.

Rows for CSV/JSON carry raw numbers under the names `workbench roi --json` uses (`npv_bn`,
`irr`, `payback_years`, `breakeven_utilization`; `year`, `capex`, … `cumulative_fcf`) and the
scenario file's input names. The Markdown versions are for people: every figure written as
the Scenarios screen writes it (roi_format), text from the files escaped so it stays text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from workbench.core.output.literal import printable
from workbench.core.roi import format as fmt
from workbench.core.roi import model as roi
from workbench.core.scenarios.editing import CaseOutcome

YEAR_KEYS = ("year", "capex", "revenue", "ebitda", "depreciation", "ebit", "tax", "fcf", "cumulative_fcf")
YEAR_HEADERS = ("Year", "Capex $B", "Revenue $B", "EBITDA $B", "Depr. $B", "EBIT $B", "Tax $B", "FCF $B", "Cum. FCF $B")
RESULT_COLUMNS = (
    "id",
    "case",
    "npv_bn",
    "irr",
    "irr_roots",
    "mirr",
    "payback_years",
    "breakeven_utilization",
    "terminal_value_bn",
    "irr_ambiguous",
    "total_capex_bn",
    "peak_need_bn",
    *roi.INPUTS,
    "invalid",
)
YEAR_COLUMNS = ("id", "case", *YEAR_KEYS)


def total_capex(result: roi.Result) -> float:
    """Capex over the horizon, server refreshes included ($B)."""
    return sum(row.capex for row in result.years)


def peak_need(result: roi.Result) -> float:
    """The lowest cumulative FCF (≤ 0): the most cash the build ever has tied up ($B)."""
    return min(0.0, *(row.cumulative_fcf for row in result.years))


def results_rows(scenario_id: str, outcomes: Sequence[CaseOutcome]) -> list[dict[str, Any]]:
    """One row per case, base first: headline results, then the inputs the case ran with.

    A case whose stored inputs are invalid has no results; `invalid` says why.
    """
    rows = []
    for outcome in outcomes:
        row: dict[str, Any] = {"id": scenario_id, "case": outcome.name}
        result = outcome.result
        if result is not None:
            json = roi.result_to_json(scenario_id, outcome.name, result)
            values = {
                **json,
                "irr_roots": len(result.irrs),
                "irr_ambiguous": result.multiple_sign_changes,
                "total_capex_bn": total_capex(result),
                "peak_need_bn": peak_need(result),
                **result.inputs.as_dict(),
            }
            row.update({key: values[key] for key in RESULT_COLUMNS if key in values and key not in row})
        row["invalid"] = "; ".join(f"{name}: {reason}" for name, reason in outcome.errors.items())
        rows.append(row)
    return rows


def year_rows(scenario_id: str, case: str, result: roi.Result) -> list[dict[str, Any]]:
    """One row per model year of one case ($B)."""
    years = roi.result_to_json(scenario_id, case, result)["years"]
    return [{"id": scenario_id, "case": case, **year} for year in years]


# --- Markdown -----------------------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_text(text: str) -> str:
    """Text from a data file as literal Markdown: punctuation escaped, control and bidi characters
    made visible, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(printable(str(text)).split()))


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool]) -> str:
    """A pipe table; numeric columns right-aligned. Cells are used as given (escape text first)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" if right else ":---" for right in numeric) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines) + "\n"


def _heading(name: str, scenario_id: str, what: str) -> str:
    return f"# {md_text(name)} — {what}\n\nScenario {md_text(scenario_id)}; money in USD billions.\n\n"


def results_markdown(name: str, scenario_id: str, outcomes: Sequence[CaseOutcome]) -> str:
    """Every case's results side by side, then the inputs of each case (one column per case)."""
    rows, ambiguous = [], []
    for outcome in outcomes:
        result = outcome.result
        if result is None:
            reason = "; ".join(f"{k}: {v}" for k, v in outcome.errors.items())
            rows.append([md_text(outcome.name), "invalid", md_text(reason), "", "", "", ""])
            continue
        irr = fmt.irr_text(result.irr, len(result.irrs))
        if result.several_irrs:
            ambiguous.append(f"{md_text(outcome.name)} ({fmt.rates_text(result.irrs)})")
        rows.append(
            [
                md_text(outcome.name),
                fmt.money(result.npv, signed=True),
                irr,
                fmt.payback_text(result.payback_years, result.inputs.horizon_years),
                fmt.breakeven_text(result.breakeven_utilization),
                fmt.money(total_capex(result)),
                fmt.money(peak_need(result)),
            ]
        )
    text = _heading(name, scenario_id, "results")
    text += markdown_table(
        ("Case", "NPV $B", "IRR", "Payback", "Break-even util.", "Capex $B", "Peak need $B"),
        rows,
        (False, True, True, True, True, True, True),
    )
    if ambiguous:
        text += f"\n⚠ NPV is zero at several rates in {'; '.join(ambiguous)}: the IRR shown is the one nearest the discount rate.\n"
    valid = [o for o in outcomes if o.result is not None]
    results = [o.result for o in outcomes if o.result is not None]
    if valid:
        inputs = [
            [
                md_text(spec.label),
                md_text(spec.unit),
                *(_input_cell(key, getattr(r.inputs, key)) for r in results),
            ]
            for key, spec in roi.INPUTS.items()
        ]
        text += "\n## Inputs\n\n" + markdown_table(
            ("Input", "Unit", *(md_text(o.name) for o in valid)), inputs, (False, False, *(True for _ in valid))
        )
    return text


def years_markdown(name: str, scenario_id: str, case: str, result: roi.Result) -> str:
    """One case's year table, as the screen shows it."""
    rows = [[str(year.year), *(fmt.money(getattr(year, key)) for key in YEAR_KEYS[1:])] for year in result.years]
    text = _heading(name, scenario_id, f"years of case {md_text(case)}")
    text += markdown_table(YEAR_HEADERS, rows, (False, *(True for _ in YEAR_KEYS[1:])))
    payback = fmt.payback_text(result.payback_years, result.inputs.horizon_years)
    return text + f"\nNPV {fmt.money(result.npv, signed=True)} · IRR {fmt.percent(result.irr)} · payback {payback}.\n"


def _input_cell(name: str, value: Any) -> str:
    """An input as the form writes it; an optional one left unset as what that means."""
    return md_text(roi.INPUTS[name].blank) if value is None else fmt.input_text(name, value)
