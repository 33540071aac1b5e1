"""`workbench check`: validate a data directory, every problem as `path:line: message`.

Errors (a record left out) make it exit 1; warnings (a record kept, flagged) are listed as
`path:line: warning: message` and exit 0 unless `--strict`. `--json` prints every problem as
`{"path", "line", "severity", "message"}`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbench.core.i18n import in_english, tr


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    check = commands.add_parser(
        "check", parents=[common], help=tr("validate the data; exit 1 on errors (--strict: on warnings too)")
    )
    check.add_argument("--strict", action="store_true", help=tr("exit 1 on warnings as well as errors"))
    check.add_argument(
        "--json", action="store_true", help=tr("print every problem as JSON (path, line, severity, message)")
    )


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core.data.loader import load_dataset
    from workbench.core.data.problems import count_severities
    from workbench.core.output.literal import json_text, printable

    as_json = getattr(args, "json", False)
    if as_json:
        with in_english():  # the problems' messages go into the JSON
            ds = load_dataset(data_dir)
    else:
        ds = load_dataset(data_dir)
    if as_json:
        rows = [{"path": p.path, "line": p.line, "severity": p.severity, "message": p.message} for p in ds.problems]
        print(json_text(rows, indent=1))  # control and bidi characters escaped, the text exact once parsed
    else:
        for problem in ds.problems:
            print(printable(str(problem), one_line=True))  # file names and values may hold terminal escapes
    errors, warnings = count_severities(ds.problems)
    counts = tr(
        "{companies} companies, {sources} sources, {quotes} quotes, {capex} capex figures, "
        "{financials} financial figures, {deals} deals, {scenarios} scenarios",
        companies=len(ds.companies),
        sources=len(ds.sources),
        quotes=len(ds.quotes),
        capex=len(ds.capex),
        financials=len(ds.financials),
        deals=len(ds.deals),
        scenarios=len(ds.scenarios),
    )
    where = printable(str(data_dir), one_line=True)
    failed = errors > 0 or (warnings > 0 and getattr(args, "strict", False))
    if ds.problems:
        found = tr("{errors} error(s), {warnings} warning(s)", errors=errors, warnings=warnings)
        print(tr("{found} in {where} ({counts} valid)", found=found, where=where, counts=counts), file=sys.stderr)
    else:
        print(tr("{where}: no problems ({counts})", where=where, counts=counts), file=sys.stderr)
    return 1 if failed else 0
