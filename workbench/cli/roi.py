"""`workbench roi ID [--case NAME] [--tornado] --json`: evaluate a scenario headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbench.core.i18n import in_english, tr


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    roi = commands.add_parser("roi", parents=[common], help=tr("evaluate a scenario headless"))
    roi.add_argument("scenario", metavar="ID")
    roi.add_argument("--case", metavar="NAME", help=tr("one case (default: every case, base first)"))
    roi.add_argument("--tornado", action="store_true", help=tr("add each case's NPV at every input × 0.8 and × 1.2"))
    roi.add_argument("--json", action="store_true", help=tr("print JSON (the only output format)"))


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core.data.layout import scenario_path
    from workbench.core.data.problems import Problem
    from workbench.core.output.literal import json_text, printable
    from workbench.core.scenarios import files as scenarios

    path = scenario_path(data_dir, args.scenario)
    problems: list[Problem] = []
    scenario = scenarios.load_scenario(path, problems) if path.is_file() else None
    if scenario is None:
        for problem in problems:
            print(printable(str(problem), one_line=True), file=sys.stderr)
        if not problems:
            message = tr("no such scenario {scenario!r}", scenario=args.scenario)
            print(printable(f"{path}:1: {message}", one_line=True), file=sys.stderr)
        return 1
    if args.case and args.case not in scenario.case_names():
        message = tr(
            "scenario {scenario!r} has no case {case!r} (cases: {cases})",
            scenario=args.scenario,
            case=args.case,
            cases=", ".join(scenario.case_names()),
        )
        print(printable(f"{path}:1: {message}", one_line=True), file=sys.stderr)
        return 1
    try:
        with in_english():  # the JSON's words stay English whatever the language
            result = scenarios.scenario_json(scenario, args.case, tornado=args.tornado)
    except scenarios.InvalidCase:
        try:  # again in the user's language, for the problems' wording
            scenarios.scenario_json(scenario, args.case, tornado=args.tornado)
        except scenarios.InvalidCase as error:
            for problem in error.problems:
                print(printable(str(problem), one_line=True), file=sys.stderr)
        return 1
    print(json_text(result, indent=2))
    return 0
