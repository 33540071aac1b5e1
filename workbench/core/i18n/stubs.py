"""`python3 dev.py i18n [PATH…]`: the messages a language still lacks, as `.po` entries to fill in."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from workbench.core.i18n import LANGUAGES, catalogue
from workbench.core.i18n.extract import messages, messages_in


def po_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def stubs(tag: str, paths: list[Path], package: Path) -> str:
    found = []
    for path in paths:
        found += messages_in(path)[0] if path.is_file() else messages(path)[0]
    have = catalogue(tag)
    out, done = [], set()
    for message in found:
        if message.msgid in have or message.msgid in done:
            continue
        done.add(message.msgid)
        where = message.path.resolve().relative_to(package.parent)
        out.append(f"#: {where}:{message.line}")
        out.append(f"msgid {po_string(message.msgid)}")
        if message.plural is not None:
            out.append(f"msgid_plural {po_string(message.plural)}")
            out.append('msgstr[0] ""')
        else:
            out.append('msgstr ""')
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    import workbench

    package = Path(workbench.__file__).parent
    paths = [Path(a) for a in argv] or [package]
    for tag in LANGUAGES[1:]:
        text = stubs(tag, paths, package)
        print(f"# ---- {tag}: {text.count('msgid ')} missing\n{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
