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

from workbench.core.i18n import N_, tr

KINDS = {"text": N_("text"), "markdown": N_("markdown"), "html": N_("html"), "pdf": N_("pdf")}


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    add = commands.add_parser("add-source", parents=[common], help=tr("add a document (text, Markdown, HTML, PDF)"))
    add.add_argument("file", type=Path, metavar="FILE")
    add.add_argument("--id", help=tr("source id (default: from the title or file name)"))
    add.add_argument("--title", help=tr("title (default: the document's own)"))
    add.add_argument("--publisher", default=None, help=tr("who published it"))
    add.add_argument("--published", help=tr("publication date, YYYY-MM-DD (default: the document's, else today)"))
    add.add_argument("--language", choices=("en", "zh-Hans", "zh-Hant"), help=tr("default: guessed from the text"))
    add.add_argument("--url", default=None, help=tr("where the document was collected from"))
    add.add_argument("--encoding", help=tr("the file's encoding when it is not UTF-8 (e.g. gb18030, big5)"))
    add.add_argument(
        "--yes", action="store_true", help=tr("accept every guess and convert the encoding without asking")
    )


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
    kind = KINDS.get(document.kind, document.kind)
    if document.pages:
        about = tr(
            "{kind}, {characters:,} characters, {pages} pages",
            kind=tr(kind),
            characters=len(document.text),
            pages=document.pages,
        )
    else:
        about = tr("{kind}, {characters:,} characters", kind=tr(kind), characters=len(document.text))
    print(f"{literal(str(args.file))}: {about}", file=sys.stderr)
    for note in document.notes:
        print(f"  {note}", file=sys.stderr)
    if document.converted and not args.yes:
        question = tr("Convert from {encoding} to UTF-8? [y/N]", encoding=document.encoding.upper())
        if not interactive or ask(question, "n").lower() != "y":
            print(
                tr(
                    "workbench add-source: {file} is {encoding}; rerun with --yes to convert it to UTF-8",
                    file=literal(str(args.file)),
                    encoding=document.encoding.upper(),
                ),
                file=sys.stderr,
            )
            return 1
    try:
        taken = source_ids(data_dir)
        title = args.title or ask(tr("Title"), document.title or args.file.stem)
        guess_id = unique_id(slug(title, fallback=slug(args.file.stem)), taken)
        published = args.published or ask(tr("Published (YYYY-MM-DD)"), str(document.published or date.today()))
        entry = NewSource(
            id=args.id or ask(tr("Id"), guess_id),
            title=title,
            published=_date(published),
            language=args.language or ask(tr("Language (en, zh-Hans, zh-Hant)"), document.language or "en"),
            publisher=args.publisher if args.publisher is not None else ask(tr("Publisher"), ""),
            url=args.url if args.url is not None else ask(tr("URL it came from"), ""),
        )
        target = add_source(data_dir, document, entry)
    except (CaptureError, ValueError) as error:
        print(f"workbench add-source: {literal(str(error))}", file=sys.stderr)
        return 1
    print(tr("added {id}: {file} and its entry in sources.toml", id=literal(entry.id), file=literal(str(target))))
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
        raise ValueError(tr("published {text!r}: a date as YYYY-MM-DD", text=text)) from None
