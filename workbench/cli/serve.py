"""`workbench serve`: the same app in a web browser (loopback by default)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    serve = commands.add_parser("serve", parents=[common], help="serve the app to a web browser")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback)")
    serve.add_argument("--port", type=int, default=8000)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.ui.serve import serve

    command = f"{shlex.quote(sys.executable)} -m workbench --data {shlex.quote(str(data_dir.resolve()))}"
    serve(command, host=args.host, port=args.port)
    return 0
