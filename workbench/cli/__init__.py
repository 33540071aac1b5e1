"""The `workbench` command: the TUI by default, plus one headless subcommand per module of this package.

Each command module has `add_parser(commands, common)` (its arguments; imports nothing heavy) and
`run(args, data_dir) -> int`; a command's own imports happen inside `run`, so `workbench search`
never pays for what `workbench check` needs.
"""

from __future__ import annotations

import argparse
import importlib
import os
from pathlib import Path

BUNDLED_DATA = Path(__file__).resolve().parent.parent.parent / "data"

# Subcommand name -> module of this package (the TUI, `app`, runs when none is given).
COMMANDS = {
    "check": "check",
    "roi": "roi",
    "search": "search",
    "serve": "serve",
    **dict.fromkeys(("capex", "financials", "deals", "payback"), "tables"),
    "add-source": "add_source",
    "import": "import_sec",
}


def default_data_dir() -> Path:
    """`$WORKBENCH_DATA` if set, else the bundled `data/` (shown relative to the cwd when inside it)."""
    env = os.environ.get("WORKBENCH_DATA")
    path = Path(env) if env else BUNDLED_DATA
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _command(module: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"workbench.cli.{module}")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's own copy of --data must not reset one given before the subcommand.
    common.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data directory (default: the bundled data/)",
    )
    parser = argparse.ArgumentParser(
        prog="workbench",
        parents=[common],
        description="AI Capex Workbench: capex, quotes and ROI scenarios in one terminal app.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in dict.fromkeys(COMMANDS.values()):
        _command(module).add_parser(commands, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir: Path = getattr(args, "data", None) or default_data_dir()
    module = COMMANDS.get(args.command or "", "app")
    try:
        code: int = _command(module).run(args, data_dir)
        return code
    except BrokenPipeError:  # `workbench search x | head`
        return 0
