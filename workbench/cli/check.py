"""`workbench check`: validate a data directory, every problem as `path:line: message`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    commands.add_parser("check", parents=[common], help="validate the data; exit 1 if there are problems")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core.data.loader import load_dataset

    ds = load_dataset(data_dir)
    for problem in ds.problems:
        print(problem)
    counts = (
        f"{len(ds.companies)} companies, {len(ds.sources)} sources, {len(ds.quotes)} quotes, "
        f"{len(ds.capex)} capex figures, {len(ds.financials)} financial figures, "
        f"{len(ds.deals)} deals, {len(ds.scenarios)} scenarios"
    )
    if ds.problems:
        print(f"{len(ds.problems)} problem(s) in {data_dir} ({counts} valid)", file=sys.stderr)
        return 1
    print(f"{data_dir}: no problems ({counts})", file=sys.stderr)
    return 0
