"""`workbench search TEXT [--json]`: literal, case-insensitive search of every local document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    search = commands.add_parser("search", parents=[common], help="search every local document")
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--json", action="store_true", help="print a JSON list of hits")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core.data.loader import load_documents
    from workbench.core.output.literal import json_text, printable
    from workbench.core.search.run import default_cache_dir, search_documents
    from workbench.core.search.scan import hits_to_json

    documents, problems = load_documents(data_dir)
    for problem in problems:
        print(printable(str(problem), one_line=True), file=sys.stderr)
    hits = search_documents(documents, args.text, cache_dir=default_cache_dir(data_dir))
    if args.json:
        print(json_text(hits_to_json(hits), indent=1))
    else:
        for hit in hits:
            print(printable(f"{hit.source}:{hit.line}:{hit.column}: {hit.snippet}", one_line=True))
        print(f"{len(hits)} match(es)", file=sys.stderr)
    return 0
