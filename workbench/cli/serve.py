"""`workbench serve`: the same app in a web browser (loopback by default)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from workbench.core.i18n import tr


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    serve = commands.add_parser("serve", parents=[common], help=tr("serve the app to a web browser"))
    serve.add_argument("--host", default="127.0.0.1", help=tr("address to listen on (default: loopback)"))
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME[:PORT]",
        help=tr("also answer requests addressed to this host name (repeatable; default: loopback names)"),
    )
    serve.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="URL",
        help=tr("also accept pages from this origin, e.g. https://proxy.example (repeatable)"),
    )
    serve.add_argument(
        "--max-sessions",
        type=_positive,
        default=4,
        metavar="N",
        help=tr("browser sessions open at once, each an app process (default: 4)"),
    )


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(tr("must be 1 or more"))
    return value


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.ui.serve import serve

    command = f"{shlex.quote(sys.executable)} -m workbench --data {shlex.quote(str(data_dir.resolve()))}"
    serve(
        command,
        host=args.host,
        port=args.port,
        allow_hosts=tuple(args.allow_host),
        allow_origins=tuple(args.allow_origin),
        max_sessions=args.max_sessions,
    )
    return 0
