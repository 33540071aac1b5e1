"""The `workbench` command: the TUI by default, plus headless `check`, `roi`, `search` and `serve`."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from pathlib import Path

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"


def default_data_dir() -> Path:
    """`$WORKBENCH_DATA` if set, else the bundled `data/` (shown relative to the cwd when inside it)."""
    env = os.environ.get("WORKBENCH_DATA")
    path = Path(env) if env else BUNDLED_DATA
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _parser() -> argparse.ArgumentParser:
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data", type=Path, metavar="DIR", help="data directory (default: the bundled data/)")
    parser = argparse.ArgumentParser(
        prog="workbench", parents=[data],
        description="AI Capex Workbench: capex, quotes and ROI scenarios in one terminal app.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("check", parents=[data], help="validate the data; exit 1 if there are problems")
    roi = commands.add_parser("roi", parents=[data], help="evaluate a scenario headless")
    roi.add_argument("scenario", metavar="ID")
    roi.add_argument("--case", metavar="NAME", help="one case (default: every case, base first)")
    roi.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    search = commands.add_parser("search", parents=[data], help="search every local document")
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--json", action="store_true", help="print a JSON list of hits")
    serve = commands.add_parser("serve", parents=[data], help="serve the app to a web browser")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback)")
    serve.add_argument("--port", type=int, default=8000)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir: Path = args.data if args.data is not None else default_data_dir()
    handler = {"check": _check, "roi": _roi, "search": _search, "serve": _serve}.get(args.command, _run_app)
    try:
        return handler(args, data_dir)
    except BrokenPipeError:  # `workbench search x | head`
        return 0


def _run_app(args: argparse.Namespace, data_dir: Path) -> int:
    if os.environ.get("TEXTUAL_DRIVER", "").endswith("WebDriver"):
        from workbench.ui.serve import orphan_watchdog

        orphan_watchdog()  # served to a browser: never outlive the server that started us
    from workbench.ui.app import WorkbenchApp

    WorkbenchApp(data_dir).run()
    return 0


def _check(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core.loader import load_dataset

    ds = load_dataset(data_dir)
    for problem in ds.problems:
        print(problem)
    counts = (f"{len(ds.companies)} companies, {len(ds.sources)} sources, {len(ds.quotes)} quotes, "
              f"{len(ds.capex)} capex figures, {len(ds.deals)} deals, {len(ds.scenarios)} scenarios")
    if ds.problems:
        print(f"{len(ds.problems)} problem(s) in {data_dir} ({counts} valid)", file=sys.stderr)
        return 1
    print(f"{data_dir}: no problems ({counts})", file=sys.stderr)
    return 0


def _roi(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core import scenarios

    path = data_dir / "scenarios" / f"{args.scenario}.toml"
    problems: list = []
    scenario = scenarios.load_scenario(path, problems) if path.is_file() else None
    if scenario is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"{path}:1: no such scenario {args.scenario!r}", file=sys.stderr)
        return 1
    if args.case and args.case not in scenario.case_names():
        print(f"{path}:1: scenario {args.scenario!r} has no case {args.case!r} "
              f"(cases: {', '.join(scenario.case_names())})", file=sys.stderr)
        return 1
    try:
        result = scenarios.scenario_json(scenario, args.case)
    except scenarios.InvalidCase as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def _search(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core import search
    from workbench.core.loader import load_documents

    documents, problems = load_documents(data_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    hits = search.search_documents(documents, args.text, cache_dir=search.default_cache_dir(data_dir))
    if args.json:
        print(json.dumps(search.hits_to_json(hits), ensure_ascii=False, indent=1))
    else:
        for hit in hits:
            print(f"{hit.source}:{hit.line}:{hit.column}: {hit.snippet}")
        print(f"{len(hits)} match(es)", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.ui.serve import serve

    command = f"{shlex.quote(sys.executable)} -m workbench --data {shlex.quote(str(data_dir.resolve()))}"
    serve(command, host=args.host, port=args.port)
    return 0
