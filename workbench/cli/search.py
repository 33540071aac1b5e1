"""`workbench search TEXT [--json]`: literal, case-insensitive search of every local document.

Simplified and traditional Chinese find each other. Hits in our English glosses of quotes come after
the document hits, marked: `"field": "translation"` and the `quote` id in JSON, line and column
counted within the gloss.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbench.core.i18n import tr


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    search = commands.add_parser("search", parents=[common], help=tr("search every local document"))
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--json", action="store_true", help=tr("print a JSON list of hits"))


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core.data.loader import load_documents
    from workbench.core.output.literal import json_text, printable
    from workbench.core.search.run import default_cache_dir, search_documents
    from workbench.core.search.scan import hits_to_json
    from workbench.core.search.translations import load_glosses, search_translations, translation_json

    # One after the other: read in a thread while the index answered, the glosses made every
    # stat and query of the main thread wait for the interpreter (0.30 s in turn, 0.34 s so).
    documents, problems = load_documents(data_dir)
    hits = search_documents(documents, args.text, cache_dir=default_cache_dir(data_dir))
    glosses, gloss_problems = load_glosses(data_dir)
    gloss_hits = search_translations(glosses.values(), args.text)
    for problem in problems + gloss_problems:
        print(printable(str(problem), one_line=True), file=sys.stderr)
    if args.json:
        print(json_text(hits_to_json(hits) + translation_json(gloss_hits, glosses), indent=1))
    else:
        for hit in hits:
            print(printable(f"{hit.source}:{hit.line}:{hit.column}: {hit.snippet}", one_line=True))
        for hit in gloss_hits:
            where = tr(
                "{source}: quote {quote}, translation {line}:{column}",
                source=glosses[hit.source].source,
                quote=hit.source,
                line=hit.line,
                column=hit.column,
            )
            print(printable(f"{where}: {hit.snippet}", one_line=True))
        if gloss_hits:
            found = tr(
                "{count} match(es) in documents and {glosses} in quote translations",
                count=len(hits),
                glosses=len(gloss_hits),
            )
        else:
            found = tr("{count} match(es) in documents", count=len(hits))
        print(found, file=sys.stderr)
    return 0
