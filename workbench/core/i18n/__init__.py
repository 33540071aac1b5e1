"""The interface language: every user-visible string goes through `tr` (or `tr_n` for counts).

Messages are written in English in the code and looked up in the catalogue of the current
language, `workbench/locale/<language>/*.po` (one file per part of the app; together one
catalogue). Strings built when a module is imported (key bindings, column titles) are marked
with `N_` and translated where they are drawn, so switching language needs no restart.

    tr("{count:,} companies", count=12)          # format after translating
    tr_n("{n} problem", "{n} problems", n)         # English plural; Chinese has one form
    COLUMNS = [N_("Period"), N_("Value")]          # marked now, `tr(title)` when drawn

Machine output (`--json`, `--csv`, exports) stays English whatever the language.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.core.i18n.po import Entry

LANGUAGES = ("en", "zh-Hans", "zh-Hant")
NAMES = {"en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}
LOCALE_DIR = Path(__file__).resolve().parent.parent.parent / "locale"

_current = "en"
# Machine output made while the interface speaks Chinese (an export of the problems, say) is
# worded in English in its own thread or task only: the screens keep their language meanwhile.
_english_here: ContextVar[bool] = ContextVar("english_here", default=False)


def language() -> str:
    """The interface language now: `en`, `zh-Hans` or `zh-Hant`."""
    return "en" if _english_here.get() else _current


@contextmanager
def in_english() -> Iterator[None]:
    """Word everything in English in this thread or task for a while (machine output)."""
    token = _english_here.set(True)
    try:
        yield
    finally:
        _english_here.reset(token)


def set_language(tag: str) -> None:
    """Use `tag` from now on (an unknown tag means English)."""
    global _current
    _current = tag if tag in LANGUAGES else "en"


def is_chinese() -> bool:
    return language() != "en"


def catalogue_dir(tag: str) -> Path:
    return LOCALE_DIR / tag.replace("-", "_")


@cache
def catalogue(tag: str) -> dict[str, Entry]:
    """msgid → entry for `tag`, from every `.po` file of its folder (empty for English)."""
    entries: dict[str, Entry] = {}
    if tag == "en":
        return entries  # English needs no catalogue, and its runs never import the reader
    from workbench.core.i18n.po import read_po

    for path in sorted(catalogue_dir(tag).glob("*.po")):
        for entry in read_po(path):
            if entry.msgid and not entry.fuzzy and any(entry.strings.values()):
                entries.setdefault(entry.msgid, entry)
    return entries


def _format(translated: str, english: str, values: dict[str, object]) -> str:
    if not values:
        return translated
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):  # a slip in a translation never breaks the app
        return english.format(**values)


def tr(message: str, /, **values: object) -> str:
    """`message` in the current language, formatted with `values` (str.format fields)."""
    tag = language()
    entry = catalogue(tag).get(message) if tag != "en" else None
    translated = entry.strings.get(0) if entry is not None else None
    return _format(translated or message, message, values)


def tr_n(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form for `n` (`{n}` is filled in), in the current language."""
    english = singular if n == 1 else plural
    tag = language()
    entry = catalogue(tag).get(singular) if tag != "en" else None
    translated = entry.strings.get(0) if entry is not None else None
    return _format(translated or english, english, {"n": n, **values})


def N_(message: str) -> str:  # gettext's name: mark now, translate when drawn
    """Mark `message` for the catalogue without translating it yet."""
    return message


def fields(message: str) -> set[str]:
    """The names of the str.format fields in `message` (a translation must keep the same ones)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(message) if name}
