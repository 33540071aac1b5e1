"""`workbench capex | financials | deals | payback [--ticker T…] (--json | --csv)`: the screens' tables, for scripts.

Raw numbers (at most 6 decimals, no float noise), the data files' column names, basis and period
end on every figure; the same rows and formatter as the in-app exports.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbench.core.i18n import N_, in_english, tr

TABLES = {
    "capex": N_("capex figures (capex.csv), basis and period end on every row"),
    "financials": N_("revenue, cash-flow, cloud and RPO figures (financials.csv)"),
    "deals": N_("the deal ledger (deals.csv)"),
    "payback": N_("payback metrics per company and period (or --years: summed by calendar year)"),
}


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    for name, description in TABLES.items():
        table = commands.add_parser(name, parents=[common], help=tr(description), description=tr(description))
        only = (
            tr("only this party (investor, lab or provider); repeat or list several")
            if name == "deals"
            else tr("only this company; repeat or list several")
        )
        table.add_argument("--ticker", nargs="+", action="extend", metavar="T", dest="tickers", help=only)
        output = table.add_mutually_exclusive_group(required=True)
        output.add_argument("--json", action="store_true", help=tr("print a JSON list of objects"))
        output.add_argument("--csv", action="store_true", help=tr("print CSV with a header row"))
        if name == "payback":
            table.add_argument("--ttm", action="store_true", help=tr("trailing twelve months to each quarter"))
            table.add_argument("--basis", metavar="BASIS", help=tr("capex basis (default: cash)"))
            table.add_argument(
                "--years",
                action="store_true",
                help=tr("the companies (default: the hyperscalers) summed by calendar year"),
            )


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core.data.loader import load_dataset
    from workbench.core.output.export import render
    from workbench.core.output.literal import printable

    dataset = load_dataset(data_dir)
    errors = [p for p in dataset.problems if getattr(p, "severity", "error") == "error"]
    if errors:
        print(
            tr(
                "{count} problem(s) in {where}: rows with errors are left out (`workbench check` lists them)",
                count=len(errors),
                where=data_dir,
            ),
            file=sys.stderr,
        )
    tickers: list[str] = args.tickers or []
    if args.command != "deals":
        known = {t.upper() for t in dataset.companies}
        unknown = [t for t in tickers if t.upper() not in known]
        if unknown:
            names = ", ".join(printable(t, one_line=True) for t in unknown)
            print(tr("no company {names} in {where}", names=names, where=data_dir), file=sys.stderr)
            return 1
    with in_english():  # a row's words (what a payback figure is missing, say) are part of the output
        rows, columns = _rows(args, dataset, tickers)
        text = render(rows, "json" if args.json else "csv", columns)  # render writes text cells inert
    sys.stdout.write(text)
    return 0


def _rows(
    args: argparse.Namespace, dataset: Any, tickers: list[str]
) -> tuple[list[dict[str, Any]], tuple[str, ...] | None]:
    from workbench.core.output import tables

    rows: list[dict[str, Any]]
    columns: tuple[str, ...] | None = None
    if args.command == "capex":
        rows = tables.capex_rows(dataset, tickers)
        columns = tables.with_extra_columns(tables.CAPEX_COLUMNS, rows)
    elif args.command == "financials":
        rows = tables.financial_rows(dataset, tickers)
        columns = tables.with_extra_columns(tables.FINANCIAL_COLUMNS, rows)
    elif args.command == "deals":
        rows, columns = tables.deal_rows(dataset, tickers), tables.DEAL_COLUMNS
    elif args.years:
        rows = tables.year_rows(dataset, tickers, basis=args.basis)
    else:
        rows = tables.payback_rows(dataset, tickers, ttm=args.ttm, basis=args.basis)
    return rows, columns
