"""The catalogue: every message the code asks for is translated, with the same fields, in each language."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po as babel_read_po

import workbench
from workbench.core.i18n import LANGUAGES, catalogue, catalogue_dir, fields
from workbench.core.i18n.extract import messages
from workbench.core.i18n.po import read_po

PACKAGE = Path(workbench.__file__).parent
MESSAGES, NOT_LITERAL = messages(PACKAGE)
TRANSLATED = [tag for tag in LANGUAGES if tag != "en"]


def test_every_message_is_a_plain_string():
    """`tr(f"…")` or `tr(name)` can never be found in a catalogue: fields go in as keywords."""
    assert NOT_LITERAL == [], "\n".join(f"{b.path}:{b.line}: {b.call}(…) needs a literal string" for b in NOT_LITERAL)


@pytest.mark.parametrize("tag", TRANSLATED)
def test_every_message_is_translated(tag):
    entries = catalogue(tag)
    missing = sorted(
        {f"{m.path.relative_to(PACKAGE)}:{m.line}: {m.msgid!r}" for m in MESSAGES if m.msgid not in entries}
    )
    assert not missing, f"{len(missing)} messages have no {tag} translation:\n" + "\n".join(missing)


@pytest.mark.parametrize("tag", TRANSLATED)
def test_translations_keep_the_fields(tag):
    """A translation fills in the same `{fields}` as its English (or it would lose a number)."""
    wrong = []
    for message in MESSAGES:
        entry = catalogue(tag).get(message.msgid)
        if entry is None:
            continue
        english = fields(message.msgid) | (fields(message.plural) if message.plural else set())
        if message.plural:
            english |= {"n"}
        for text in entry.strings.values():
            if fields(text) - english or (fields(message.msgid) - {"n"}) - fields(text):
                wrong.append(f"{message.msgid!r} → {text!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("tag", TRANSLATED)
def test_no_entry_is_left_over(tag):
    """An entry no code asks for is a message that changed or went: it would rot unnoticed."""
    asked = {m.msgid for m in MESSAGES}
    unused = sorted(set(catalogue(tag)) - asked)
    assert not unused, "\n".join(repr(u) for u in unused)


@pytest.mark.parametrize("tag", TRANSLATED)
def test_files_read_the_same_in_babel(tag):
    """Our reader agrees with Babel's on every file: translators' tools see what the app sees."""
    for path in sorted(catalogue_dir(tag).glob("*.po")):
        with path.open("rb") as handle:
            theirs = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in babel_read_po(handle) if m.id}
        ours = {}
        for entry in read_po(path):
            if entry.msgid:
                ours[entry.msgid] = entry.strings[0] if entry.plural is None else tuple(entry.strings.values())
        theirs = {k: (v if isinstance(v, str) else tuple(v)) for k, v in theirs.items()}
        assert ours == theirs, path


def test_a_message_in_two_files_reads_the_same():
    """A message may be asked for in several parts of the app; it must not read two ways."""
    for tag in TRANSLATED:
        seen: dict[str, tuple[Path, dict[int, str]]] = {}
        for path in sorted(catalogue_dir(tag).glob("*.po")):
            for entry in read_po(path):
                if not entry.msgid:
                    continue
                if entry.msgid in seen:
                    other, strings = seen[entry.msgid]
                    assert strings == entry.strings, (
                        f"{entry.msgid!r} reads differently in {other.name} and {path.name}"
                    )
                seen[entry.msgid] = (path, entry.strings)
