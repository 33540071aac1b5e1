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


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    check = commands.add_parser(
        "check", parents=[common], help="validate the data; exit 1 on errors (--strict: on warnings too)"
    )
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings as well as errors")
    check.add_argument(
        "--json", action="store_true", help="print every problem as JSON (path, line, severity, message)"
    )


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core.data.loader import load_dataset
    from workbench.core.data.problems import count_severities
    from workbench.core.output.literal import json_text, printable

    ds = load_dataset(data_dir)
    if getattr(args, "json", False):
        rows = [{"path": p.path, "line": p.line, "severity": p.severity, "message": p.message} for p in ds.problems]
        print(json_text(rows, indent=1))  # control and bidi characters escaped, the text exact once parsed
    else:
        for problem in ds.problems:
            print(printable(str(problem), one_line=True))  # file names and values may hold terminal escapes
    errors, warnings = count_severities(ds.problems)
    counts = (
        f"{len(ds.companies)} companies, {len(ds.sources)} sources, {len(ds.quotes)} quotes, "
        f"{len(ds.capex)} capex figures, {len(ds.financials)} financial figures, "
        f"{len(ds.deals)} deals, {len(ds.scenarios)} scenarios"
    )
    where = printable(str(data_dir), one_line=True)
    failed = errors > 0 or (warnings > 0 and getattr(args, "strict", False))
    if ds.problems:
        found = f"{errors} error(s), {warnings} warning(s)"
        print(f"{found} in {where} ({counts} valid)", file=sys.stderr)
    else:
        print(f"{where}: no problems ({counts})", file=sys.stderr)
    return 1 if failed else 0
