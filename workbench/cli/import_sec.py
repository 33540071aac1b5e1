"""`workbench import sec FILE… [--ticker T] [--write] [--replace] [--json]`: SEC companyfacts into the data.

Without `--write` it only previews: per company, the figures it would add (by period and metric),
the conflicts with rows already there, and what it skips and why. Nothing is written when any
file cannot be imported (all or nothing).
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.core.i18n import set_language, tr

if TYPE_CHECKING:
    from workbench.core.sec.plan import Change, CompanyPlan, Plan

# Short column titles for the preview table (metric → title).
TITLES = {
    "capex": "capex",
    "revenue": "revenue",
    "operating_income": "op_inc",
    "operating_cash_flow": "op_cash",
    "depreciation_amortization": "d&a",
    "finance_lease_principal": "fin_lease",
    "rpo": "rpo",
}


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    kinds = commands.add_parser(
        "import", help=tr("import figures from files downloaded elsewhere (SEC companyfacts)")
    ).add_subparsers(dest="import_kind", metavar="KIND", required=True)
    sec = kinds.add_parser(
        "sec",
        help=tr("SEC companyfacts JSON files (data.sec.gov/api/xbrl/companyfacts/CIK##########.json)"),
        description=tr(
            "Import capex and the payback metrics from SEC companyfacts files. Without --write, only "
            "show what would be added, what conflicts with rows already there, and what is skipped."
        ),
    )
    # Not from `common`: its default (None) would undo a `--data` given before `import`, and this
    # command writes into that directory.
    sec.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=tr("data directory (default: the bundled data/)"),
    )
    sec.add_argument("files", nargs="+", type=Path, metavar="FILE", help=tr("companyfacts JSON file(s)"))
    sec.add_argument("--ticker", metavar="T", help=tr("the ticker of a company whose cik is not in companies.toml yet"))
    sec.add_argument("--write", action="store_true", help=tr("write the figures (default: preview only)"))
    sec.add_argument("--replace", action="store_true", help=tr("put the SEC figure in place of a conflicting row"))
    sec.add_argument("--json", action="store_true", help=tr("print the plan as JSON"))


def _say(text: str = "", err: bool = False) -> None:
    from workbench.core.output.literal import printable

    print(printable(text), file=sys.stderr if err else sys.stdout)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core.sec.existing import PlanError, read_state
    from workbench.core.sec.parse import SecFileError, read_companyfacts
    from workbench.core.sec.plan import plan_import
    from workbench.core.sec.write import write_plan

    if args.json:
        set_language("en")  # errors and skip reasons go into the JSON, which is English whatever the language
    errors: list[str] = []
    parsed = []
    for number, path in enumerate(args.files, start=1):
        if len(args.files) > 1:
            _say(tr("[{number}/{count}] reading {path}", number=number, count=len(args.files), path=path), err=True)
        try:
            parsed.append(read_companyfacts(path))
        except SecFileError as error:
            errors.append(str(error))
    try:
        state = read_state(data_dir)
    except PlanError as error:
        for message in [*errors, str(error)]:
            _say(message, err=True)
        return 1
    plan = plan_import(state, parsed, args.ticker, args.replace)
    errors += plan.errors
    written: list[Path] = []
    if args.write and not errors and plan.changes_anything:
        try:
            written = write_plan(plan)
        except PlanError as problem:
            errors.append(str(problem))
        except OSError as failure:
            errors.append(f"{data_dir}:1: " + tr("cannot write: {error}", error=failure))
    if args.json:
        _say(json.dumps(plan_json(plan, errors, written), ensure_ascii=False, indent=1))
    else:
        for company in plan.companies:
            for line in preview_lines(company, plan.replace):
                _say(line)
    for message in errors:
        _say(message, err=True)
    if errors:
        if args.write:
            _say(
                tr("nothing written to {where}: every file must import for any to be written", where=data_dir), err=True
            )
        return 1
    if written:
        _say(tr("wrote {files} in {where}", files=", ".join(p.name for p in written), where=data_dir), err=True)
    elif args.write:
        _say(tr("nothing to write: {where} already has every figure", where=data_dir), err=True)
    elif plan.changes_anything:
        _say(tr("preview only: add --write to write these figures"), err=True)
    return 0


# --- the preview -----------------------------------------------------------------------------


def preview_lines(company: CompanyPlan, replace: bool) -> list[str]:
    """The text preview of one company's plan (each line goes through the sanitiser when printed)."""
    lines = [
        tr(
            "{ticker}: {name} (CIK {cik}) from {path}",
            ticker=company.ticker,
            name=company.entity_name,
            cik=company.cik,
            path=company.path,
        )
    ]
    if company.new_company:
        lines.append(
            "  "
            + tr("new company in companies.toml (fiscal year ends in month {month})", month=company.fiscal_year_end)
        )
    elif company.record_cik:
        lines.append(
            "  " + tr("cik = {cik} recorded for {ticker} in companies.toml", cik=company.cik, ticker=company.ticker)
        )
    by_file: dict[str, int] = {}
    for change in company.added:
        by_file[change.file] = by_file.get(change.file, 0) + 1
    counts = ", ".join(tr("{count} to {file}", count=n, file=name) for name, n in by_file.items())
    derived = sum(1 for c in company.added if c.figure.derivation)
    lines.append(
        "  "
        + (
            tr("add {count} figure(s): {files}", count=len(company.added), files=counts)
            if counts
            else tr("nothing to add")
        )
        + (tr(" ({count} quarter(s) derived from year-to-date figures)", count=derived) if derived else "")
        + (tr("; {count} new source(s), one per filing", count=len(company.sources)) if company.sources else "")
    )
    lines += _table(company)
    if company.unchanged:
        lines.append("  " + tr("already in the data with the same value: {count}", count=len(company.unchanged)))
    if company.conflicts:
        verb = (
            tr("the SEC figure takes their place (--replace)")
            if replace
            else tr("left alone; --replace puts the SEC figure in their place")
        )
        lines.append(
            "  "
            + tr("conflicts with rows already in the data ({what}): {count}", what=verb, count=len(company.conflicts))
        )
        lines += [f"    {_conflict(change)}" for change in company.conflicts]
    lines += _skipped(company)
    return lines


def _table(company: CompanyPlan) -> list[str]:
    """Periods down, metrics across: the value each import would give, flagged by what happens to it."""
    cells: dict[tuple[str, str], str] = {}
    ends: dict[str, tuple[str, bool]] = {}
    metrics: list[str] = []

    def put(figure: Any, flag: str) -> None:
        from workbench.core.sec.plan import billions

        if figure.metric not in metrics:
            metrics.append(figure.metric)
        cells[(figure.label, figure.metric)] = billions(figure.value) + flag
        ends[figure.label] = (figure.end.isoformat(), "Q" not in figure.label)

    for change in company.added:
        put(change.figure, "d" if change.figure.derivation else "")
    for change in company.conflicts:
        put(change.figure, "!")
    if not cells:
        return []
    for figure in company.unchanged:  # shown beside the periods that change, for context
        if figure.label in ends:
            put(figure, "=")
    metrics.sort(key=list(TITLES).index)
    widths = {m: 2 + max(len(TITLES[m]), *(len(v) for (_, metric), v in cells.items() if metric == m)) for m in metrics}
    head = f"    {_pad(tr('period'), 9)} {_pad(tr('end'), 10)}" + "".join(f"{TITLES[m]:>{widths[m]}}" for m in metrics)
    rows = [head]
    for label, (end, _annual) in sorted(ends.items(), key=lambda item: (item[1][0], item[1][1])):
        rows.append(f"    {label:<9} {end:<10}" + "".join(f"{cells.get((label, m), ''):>{widths[m]}}" for m in metrics))
    rows.append("    " + tr("(USD bn; d = derived from year-to-date figures, = already in the data, ! conflict)"))
    return rows


def _pad(text: str, width: int) -> str:
    """`text` left-aligned in `width` terminal cells (a CJK character takes two)."""
    from unicodedata import east_asian_width

    cells = sum(2 if east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - cells)


def _conflict(change: Change) -> str:
    from workbench.core.sec.plan import billions

    old = change.old.cells if change.old else {}
    where = f"{change.file}:{change.old.line}" if change.old and change.old.line else tr("this import")
    figure = change.figure
    filing = tr(
        "{form} filed {filed}, {accession}",
        form=figure.source.form,
        filed=figure.source.filed,
        accession=figure.source.accn,
    )
    if figure.derivation:
        filing += tr(", derived {how}", how=figure.derivation)
    line = tr(
        "{where} {period} {metric}: {old} (source {source}) → {new} ({filing})",
        where=where,
        period=figure.label,
        metric=figure.metric,
        old=old.get("value_bn") or tr("(range)"),
        source=old.get("source") or "?",
        new=billions(figure.value),
        filing=filing,
    )
    if rounded(old.get("value_bn", ""), figure.value):
        line += tr(" — the old value is this figure rounded")
    return line


def rounded(old: str, new: Decimal) -> bool:
    """Is `old` (a value_bn cell) `new` dollars rounded to fewer decimals?"""
    from workbench.core.sec.plan import BILLION

    try:
        value = Decimal(old.strip())
    except InvalidOperation:
        return False
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN, Infinity
        return False
    places = -exponent
    return 0 <= places < 6 and (new / BILLION).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) == value


def _skipped(company: CompanyPlan) -> list[str]:
    groups: dict[tuple[str, str], list[str]] = {}
    for skip in company.skipped:
        groups.setdefault((skip.metric, skip.reason), []).append(skip.label)
    lines = []
    if groups:
        lines.append("  " + tr("skipped {count} period(s):", count=len(company.skipped)))
        for (metric, reason), labels in groups.items():
            shown = ", ".join(labels[:6]) + (tr(" and {count} more", count=len(labels) - 6) if len(labels) > 6 else "")
            lines.append(f"    {metric} {shown}: {reason}")
    ignored = company.ignored
    forms = ", ".join(f"{form} {n}" for form, n in sorted(ignored.get("other_forms", {}).items()))
    if forms:
        lines.append(
            "  "
            + tr("ignored facts from other forms (only 10-K, 10-Q and their amendments count): {forms}", forms=forms)
        )
    units = ", ".join(f"{unit} {n}" for unit, n in sorted(ignored.get("other_units", {}).items()))
    if units:
        lines.append(
            "  " + tr("ignored facts in other units (only USD is imported, never converted): {units}", units=units)
        )
    if ignored.get("malformed"):
        lines.append(
            "  "
            + tr("ignored malformed facts (no usable date, value or accession): {count}", count=ignored["malformed"])
        )
    if ignored.get("other_taxonomies"):
        lines.append(
            "  "
            + tr(
                "ignored facts under {taxonomies} (IFRS): only us-gaap facts are imported",
                taxonomies=", ".join(ignored["other_taxonomies"]),
            )
        )
    return lines


# --- JSON ------------------------------------------------------------------------------------


def plan_json(plan: Plan, errors: list[str], written: list[Path]) -> dict[str, Any]:
    """The plan for scripts: every figure with its filing, conflict and skip."""
    from workbench.core.sec.plan import billions

    def figure_json(change: Change) -> dict[str, Any]:
        f = change.figure
        return {
            "file": change.file,
            "ticker": change.row.get("ticker"),
            "fiscal_period": f.label,
            "period_end": f.end.isoformat(),
            "metric": f.metric,
            "value_bn": float(billions(f.value)),
            "concept": f.concept,
            "derivation": f.derivation or None,
            "source": change.row.get("source"),
            "filing": {"accession": f.source.accn, "form": f.source.form, "filed": f.source.filed.isoformat()},
            "note": change.row.get("note"),
        }

    companies = []
    for c in plan.companies:
        conflicts = []
        for change in c.conflicts:
            item = figure_json(change)
            old = change.old.cells if change.old else {}
            item.update(
                line=change.old.line if change.old and change.old.line else None,
                old_value_bn=old.get("value_bn") or None,
                old_source=old.get("source") or None,
                old_is_rounded=rounded(old.get("value_bn", ""), change.figure.value),
            )
            conflicts.append(item)
        companies.append(
            {
                "file": str(c.path),
                "cik": c.cik,
                "entity_name": c.entity_name,
                "ticker": c.ticker,
                "fiscal_year_end": c.fiscal_year_end,
                "new_company": c.new_company,
                "cik_recorded": c.record_cik,
                "added": [figure_json(change) for change in c.added],
                "unchanged": len(c.unchanged),
                "conflicts": conflicts,
                "skipped": [{"metric": s.metric, "period": s.label, "reason": s.reason} for s in c.skipped],
                "new_sources": [filing.source_id for filing, _ in c.sources],
                "ignored": c.ignored,
            }
        )
    return {
        "data": str(plan.state.root),
        "replace": plan.replace,
        "written": [str(p) for p in written],
        "companies": companies,
        "errors": errors,
    }
