"""`workbench add-source FILE …`: a text, Markdown, HTML or PDF file becomes a document of the library.

The text goes to `sources/<id>.txt`, the entry to `sources.toml`. Title, date and language are guessed
from the file and, at a terminal, asked for with the guess as the default; flags answer without asking.
A file in GB 18030 or Big5 is converted to UTF-8 only with the user's consent (`--yes`, or "y").
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    add = commands.add_parser("add-source", parents=[common], help="add a document (text, Markdown, HTML, PDF)")
    add.add_argument("file", type=Path, metavar="FILE")
    add.add_argument("--id", help="source id (default: from the title or file name)")
    add.add_argument("--title", help="title (default: the document's own)")
    add.add_argument("--publisher", default=None, help="who published it")
    add.add_argument("--published", help="publication date, YYYY-MM-DD (default: the document's, else today)")
    add.add_argument("--language", choices=("en", "zh-Hans", "zh-Hant"), help="default: guessed from the text")
    add.add_argument("--url", default=None, help="where the document was collected from")
    add.add_argument("--encoding", help="the file's encoding when it is not UTF-8 (e.g. gb18030, big5)")
    add.add_argument("--yes", action="store_true", help="accept every guess and convert the encoding without asking")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from workbench.core.capture.documents import DocumentError, extract
    from workbench.core.capture.library import CaptureError, NewSource, add_source, slug, source_ids, unique_id
    from workbench.core.output.literal import printable as literal

    try:
        document = extract(args.file, args.encoding)
    except DocumentError as error:
        print(f"workbench add-source: {literal(str(error))}", file=sys.stderr)
        return 1
    interactive = sys.stdin.isatty() and not args.yes
    ask = _asker(interactive)
    print(
        f"{literal(str(args.file))}: {document.kind}, {len(document.text):,} characters"
        + (f", {document.pages} pages" if document.pages else ""),
        file=sys.stderr,
    )
    for note in document.notes:
        print(f"  {note}", file=sys.stderr)
    if document.converted and not args.yes:
        if not interactive or ask(f"Convert from {document.encoding.upper()} to UTF-8? [y/N]", "n").lower() != "y":
            print(
                f"workbench add-source: {literal(str(args.file))} is {document.encoding.upper()}; "
                "rerun with --yes to convert it to UTF-8",
                file=sys.stderr,
            )
            return 1
    try:
        taken = source_ids(data_dir)
        title = args.title or ask("Title", document.title or args.file.stem)
        guess_id = unique_id(slug(title, fallback=slug(args.file.stem)), taken)
        entry = NewSource(
            id=args.id or ask("Id", guess_id),
            title=title,
            published=_date(args.published or ask("Published (YYYY-MM-DD)", str(document.published or date.today()))),
            language=args.language or ask("Language (en, zh-Hans, zh-Hant)", document.language or "en"),
            publisher=args.publisher if args.publisher is not None else ask("Publisher", ""),
            url=args.url if args.url is not None else ask("URL it came from", ""),
        )
        target = add_source(data_dir, document, entry)
    except (CaptureError, ValueError) as error:
        print(f"workbench add-source: {literal(str(error))}", file=sys.stderr)
        return 1
    print(f"added {literal(entry.id)}: {literal(str(target))} and its entry in sources.toml")
    return 0


def _asker(interactive: bool) -> Callable[[str, str], str]:
    """At a terminal: ask with the guess as the default. Otherwise: take the guess."""

    def ask(prompt: str, default: str) -> str:
        if not interactive:
            return default
        from workbench.core.output.literal import printable as literal

        answer = input(f"{prompt} [{literal(default)}]: ").strip()
        return answer or default

    return ask


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"published {text!r}: a date as YYYY-MM-DD") from None
